/*
 * statfs.c - statfs and fstatfs: what a filesystem says about itself
 * (Linux's fs/statfs.c with each filesystem's ->statfs folded in).
 *
 * The root ramfs answers as Linux's tmpfs does (shmem_statfs): it is
 * the filesystem programs expect under /, /tmp and /dev/shm, and it
 * holds its data in page-sized blocks of RAM, half of which it may use
 * (tmpfs's default size).  /proc answers as proc (simple_statfs: no
 * blocks), and the anonymous inodes as their pseudo filesystems:
 * pipefs, sockfs and anon_inodefs.
 *
 * Context: process context; the numbers are read under vfs_lock and
 * copied out after it is dropped (the user-copy rule).
 */
#include "kernel/kernel.h"
#include "kernel/errno.h"
#include "kernel/mm.h"
#include "fs/fs.h"
#include "arch/x86_64/uaccess.h"

/* f_type values (Linux's include/uapi/linux/magic.h) */
#define TMPFS_MAGIC		0x01021994
#define PROC_SUPER_MAGIC	0x9fa0
#define PIPEFS_MAGIC		0x50495045
#define SOCKFS_MAGIC		0x534F434B
#define ANON_INODE_FS_MAGIC	0x09041934

/* f_flags: ST_VALID says the field is filled in; the mount's flags
 * (none but relatime here) follow. */
#define ST_VALID		0x0020
#define ST_RELATIME		0x0400

/* x86-64's struct statfs, as the system call returns it. */
struct statfs {
	long f_type, f_bsize;
	u64 f_blocks, f_bfree, f_bavail, f_files, f_ffree;
	struct { int val[2]; } f_fsid;
	long f_namelen, f_frsize, f_flags, f_spare[4];
};

/* Pages ramfs files hold (vfs_lock held): the blocks in use. */
static u64 ramfs_used_blocks(struct inode *dir, int depth)
{
	struct ramfs_dirent *de;
	u64 used = 0;

	if (depth > 64)
		return 0;
	list_for_each_entry(de, &dir->i_dentries, d_child) {
		struct inode *inode = de->d_inode;
		if (inode->i_sb != dir->i_sb)
			continue;		/* /proc is not ours */
		if (S_ISDIR(inode->i_mode))
			used += ramfs_used_blocks(inode, depth + 1);
		else if (S_ISREG(inode->i_mode))
			for (unsigned long i = 0; i < inode->i_npages; i++)
				used += inode->i_pages[i] != NULL;
	}
	return used;
}

/* shmem_statfs: half of RAM by default, in pages; as many inodes. */
static void ramfs_statfs(struct super_block *sb, struct statfs *buf)
{
	u64 blocks = totalram_pages() / 2;
	u64 used = ramfs_used_blocks(sb->s_root, 0);
	u64 free = used < blocks ? blocks - used : 0;

	buf->f_type = TMPFS_MAGIC;
	buf->f_blocks = blocks;
	buf->f_bfree = buf->f_bavail = MIN(free, (u64)nr_free_pages());
	buf->f_files = blocks;
	buf->f_ffree = sb->s_next_ino < blocks ? blocks - sb->s_next_ino : 0;
	buf->f_fsid.val[0] = 1;		/* st_dev's minor: MKDEV(0, 1) */
}

/* Fill buf for inode (vfs_lock held); NULL is an anon_inode file. */
static void vfs_statfs(struct inode *inode, struct statfs *buf)
{
	memset(buf, 0, sizeof(*buf));
	buf->f_bsize = buf->f_frsize = PAGE_SIZE;
	buf->f_namelen = NAME_MAX;
	buf->f_flags = ST_VALID | ST_RELATIME;
	if (!inode)
		buf->f_type = ANON_INODE_FS_MAGIC;
	else if (inode->i_sb == root_sb)
		ramfs_statfs(root_sb, buf);
	else if (inode->i_sb)
		buf->f_type = PROC_SUPER_MAGIC;
	else if (S_ISFIFO(inode->i_mode))
		buf->f_type = PIPEFS_MAGIC;
	else if (S_ISSOCK(inode->i_mode))
		buf->f_type = SOCKFS_MAGIC;
	else
		buf->f_type = ANON_INODE_FS_MAGIC;
}

static long do_statfs_inode(struct inode *inode, long ubuf)
{
	struct statfs *buf = (struct statfs *)ubuf;	/* a kernel buffer */

	vfs_statfs(inode, buf);
	return 0;
}

long sys_statfs(const char __user *pathname, struct statfs __user *ubuf)
{
	struct statfs buf;
	long err = with_path_inode(AT_FDCWD, pathname, LOOKUP_FOLLOW, false,
				   do_statfs_inode, (long)&buf);

	if (err)
		return err;
	return copy_to_user(ubuf, &buf, sizeof(buf)) ? -EFAULT : 0;
}

long sys_fstatfs(unsigned int fd, struct statfs __user *ubuf)
{
	struct file *f = fget_raw(fd);
	struct statfs buf;

	if (!f)
		return -EBADF;
	vfs_lock();
	vfs_statfs(f->f_inode, &buf);
	vfs_unlock();
	fput(f);
	return copy_to_user(ubuf, &buf, sizeof(buf)) ? -EFAULT : 0;
}
