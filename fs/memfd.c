/*
 * memfd.c - memfd_create(2) and file sealing (Linux's mm/memfd.c): an
 * anonymous file in memory, and seals that fix what may still be done
 * to it, so that a process can hand a buffer to another and know it
 * will not change under it.
 *
 * A memfd is a ramfs regular file that no directory names (i_nlink 0):
 * it lives while a descriptor or a mapping holds it, and its name is
 * only for show, "/memfd:NAME (deleted)" in /proc/<pid>/fd and maps, as
 * Linux shows it.  Seals (fcntl F_ADD_SEALS, F_GET_SEALS), on memfds
 * made with MFD_ALLOW_SEALING (the others start with F_SEAL_SEAL):
 *   F_SEAL_SEAL	no more seals (EPERM)
 *   F_SEAL_SHRINK	no truncation below the size (EPERM)
 *   F_SEAL_GROW	no growth: truncate, write or fallocate past the
 *			end (EPERM)
 *   F_SEAL_WRITE	no write, no new writable shared mapping (EPERM);
 *			refused with EBUSY while one exists
 *   F_SEAL_FUTURE_WRITE  the same, but existing writable mappings stay
 *   F_SEAL_EXEC	the mode's x bits stay as they are
 * The checks sit where the operations are: memfd_write_allowed in
 * ramfs's write, memfd_resize_allowed in truncate and fallocate,
 * memfd_mmap_allowed in mmap and mprotect.  A file's writable shared
 * mappings are counted in i_mmap_writable (kernel/mmap.c keeps it).
 *
 * Context: process context.  LOCKING: i_seals and i_mmap_writable are
 * read and changed under vfs_lock.
 */
#include "kernel/kernel.h"
#include "kernel/errno.h"
#include "kernel/mm.h"
#include "kernel/sched.h"
#include "kernel/syscalls.h"
#include "fs/fs.h"
#include "arch/x86_64/uaccess.h"

#define MFD_CLOEXEC		0x0001U
#define MFD_ALLOW_SEALING	0x0002U
#define MFD_HUGETLB		0x0004U
#define MFD_NOEXEC_SEAL		0x0008U
#define MFD_EXEC		0x0010U
#define MFD_NAME_PREFIX		"memfd:"
#define MFD_NAME_MAX_LEN	(255 - 6)	/* NAME_MAX - the prefix */

#define F_SEAL_ALL	(F_SEAL_SEAL | F_SEAL_SHRINK | F_SEAL_GROW | \
			 F_SEAL_WRITE | F_SEAL_FUTURE_WRITE | F_SEAL_EXEC)

/* Whether inode is a memfd (only memfds carry seals here; Linux's tmpfs
 * files do too, sealed with F_SEAL_SEAL from the start). */
static bool is_memfd(const struct inode *inode)
{
	return inode && inode->i_memfd_name;
}

/* vfs_lock held: a write of *len bytes at pos.  Under F_SEAL_GROW one
 * that crosses the end is cut there (Linux writes up to the end and
 * returns the short count); one that starts there is refused. */
int memfd_write_allowed(struct inode *inode, loff_t pos, size_t *len)
{
	if (!is_memfd(inode) || !inode->i_seals)
		return 0;
	if (inode->i_seals & (F_SEAL_WRITE | F_SEAL_FUTURE_WRITE))
		return -EPERM;
	if ((inode->i_seals & F_SEAL_GROW) && *len &&
	    pos + (loff_t)*len > inode->i_size) {
		if (pos >= inode->i_size)
			return -EPERM;
		*len = inode->i_size - pos;
	}
	return 0;
}

/* vfs_lock held: a truncate to size (Linux's shmem_setattr). */
int memfd_resize_allowed(struct inode *inode, loff_t size)
{
	if (!is_memfd(inode))
		return 0;
	if ((size < inode->i_size && (inode->i_seals & F_SEAL_SHRINK)) ||
	    (size > inode->i_size && (inode->i_seals & F_SEAL_GROW)))
		return -EPERM;
	return 0;
}

/* A shared writable mapping (new, or made writable by mprotect) of
 * inode: refused once F_SEAL_WRITE or F_SEAL_FUTURE_WRITE is set.
 * vfs_lock held. */
int memfd_mmap_allowed(struct inode *inode)
{
	if (is_memfd(inode) &&
	    (inode->i_seals & (F_SEAL_WRITE | F_SEAL_FUTURE_WRITE)))
		return -EPERM;
	return 0;
}

static long memfd_add_seals(struct file *file, unsigned int seals)
{
	struct inode *inode = file->f_inode;
	long err = 0;

	if (!(file->f_mode & FMODE_WRITE))
		return -EPERM;
	if (seals & ~F_SEAL_ALL)
		return -EINVAL;
	vfs_lock();
	if (!is_memfd(inode))
		err = -EINVAL;
	else if (inode->i_seals & F_SEAL_SEAL)
		err = -EPERM;
	else if ((seals & F_SEAL_WRITE) && !(inode->i_seals & F_SEAL_WRITE) &&
		 inode->i_mmap_writable > 0)
		err = -EBUSY;		/* a writable shared mapping exists */
	if (!err) {
		/* F_SEAL_EXEC on an executable file seals writing too
		 * (W^X from then on), as Linux. */
		if ((seals & F_SEAL_EXEC) && (inode->i_mode & 0111))
			seals |= F_SEAL_SHRINK | F_SEAL_GROW | F_SEAL_WRITE |
				 F_SEAL_FUTURE_WRITE;
		inode->i_seals |= seals;
	}
	vfs_unlock();
	return err;
}

long memfd_fcntl(struct file *file, unsigned int cmd, unsigned long arg)
{
	long r;

	switch (cmd) {
	case F_ADD_SEALS:
		return memfd_add_seals(file, arg);
	case F_GET_SEALS:
		vfs_lock();
		r = is_memfd(file->f_inode) ? (long)file->f_inode->i_seals :
					      -EINVAL;
		vfs_unlock();
		return r;
	default:
		return -EINVAL;
	}
}

long sys_memfd_create(const char __user *uname, unsigned int flags)
{
	size_t size = 1 + sizeof(MFD_NAME_PREFIX) + MFD_NAME_MAX_LEN +
		      sizeof(" (deleted)");
	char *name = kmalloc(size, GFP_KERNEL);
	long len, err;

	if (flags & ~(MFD_CLOEXEC | MFD_ALLOW_SEALING | MFD_HUGETLB |
		      MFD_NOEXEC_SEAL | MFD_EXEC)) {
		err = -EINVAL;
		goto out;
	}
	/* There is no hugetlbfs (and no huge pages to give). */
	if (flags & MFD_HUGETLB) {
		err = -EINVAL;
		goto out;
	}
	if ((flags & MFD_EXEC) && (flags & MFD_NOEXEC_SEAL)) {
		err = -EINVAL;
		goto out;
	}
	if (!name) {
		err = -ENOMEM;
		goto out;
	}
	strlcpy(name, "/" MFD_NAME_PREFIX, size);
	len = strncpy_from_user(name + 7, uname, MFD_NAME_MAX_LEN + 1);
	if (len < 0) {
		err = len;
		goto out;
	}
	if (len > MFD_NAME_MAX_LEN) {
		err = -EINVAL;
		goto out;
	}
	strlcpy(name + 7 + len, " (deleted)", size - 7 - len);

	vfs_lock();
	struct inode *inode = ramfs_new_file_inode(root_sb, S_IFREG | 0777);
	if (inode) {
		inode->i_count = 1;	/* the file's; no name holds it */
		inode->i_memfd_name = name;
		if (!(flags & MFD_ALLOW_SEALING))
			inode->i_seals = F_SEAL_SEAL;
		/* MFD_NOEXEC_SEAL allows sealing too (Linux 6.18 says
		 * F_SEAL_EXEC alone). */
		if (flags & MFD_NOEXEC_SEAL) {
			inode->i_mode &= ~0111;
			inode->i_seals = F_SEAL_EXEC;
		}
	}
	vfs_unlock();
	if (!inode) {
		err = -ENOMEM;
		goto out;
	}
	name = NULL;			/* the inode's now */
	struct file *f = alloc_file(inode->i_fop, NULL, O_RDWR,
				    inode->i_memfd_name);
	if (IS_ERR(f)) {
		iput(inode);
		return PTR_ERR(f);
	}
	f->f_inode = inode;
	int fd = fd_install_new(f, flags & MFD_CLOEXEC);
	if (fd < 0)
		fput(f);
	return fd;
out:
	kfree(name);
	return err;
}
