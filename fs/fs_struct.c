/*
 * fs_struct.c - where a process is in the tree: its working directory
 * and root (Linux's fs/fs_struct.c), and the calls that read and move
 * them: chdir, fchdir, getcwd (Linux's fs/open.c and fs/d_path.c).
 *
 * pwd and root each hold a reference to their inode, so a removed
 * working directory stays valid (lookups in it find nothing, getcwd()
 * says -ENOENT, as on Linux).  fork copies the fs_struct, clone with
 * CLONE_FS shares it (users counts the sharers).
 *
 * Context: process context; pwd changes under vfs_lock.
 */
#include "kernel/kernel.h"
#include "kernel/errno.h"
#include "kernel/mm.h"
#include "kernel/sched.h"
#include "kernel/cred.h"
#include "fs/fs.h"
#include "arch/x86_64/uaccess.h"

struct fs_struct *init_fs_struct(void)
{
	struct fs_struct *fs = kzalloc(sizeof(*fs), GFP_KERNEL);

	if (!fs)
		return NULL;
	fs->users = 1;
	fs->umask = 022;
	vfs_lock();
	fs->pwd = ihold(root_sb->s_root);
	fs->root = ihold(root_sb->s_root);
	vfs_unlock();
	return fs;
}

struct fs_struct *copy_fs_struct(struct fs_struct *old)
{
	struct fs_struct *fs = kzalloc(sizeof(*fs), GFP_KERNEL);

	if (!fs)
		return NULL;
	fs->users = 1;
	fs->umask = old->umask;
	vfs_lock();
	fs->pwd = ihold(old->pwd);
	fs->root = ihold(old->root);
	vfs_unlock();
	return fs;
}

void exit_fs_struct(struct fs_struct *fs)
{
	if (!fs || __atomic_sub_fetch(&fs->users, 1, __ATOMIC_ACQ_REL))
		return;
	vfs_lock();
	iput_locked(fs->pwd);
	iput_locked(fs->root);
	vfs_unlock();
	kfree(fs);
}

struct inode *current_pwd(void)
{
	return current->fs->pwd;
}

/* Make inode (a directory, vfs_lock held) the working directory. */
static void set_fs_pwd(struct inode *inode)
{
	struct fs_struct *fs = current->fs;
	struct inode *old = fs->pwd;

	fs->pwd = ihold(inode);
	iput_locked(old);
}

/* Make inode (a directory, vfs_lock held) the root of path lookup. */
static void set_fs_root(struct inode *inode)
{
	struct fs_struct *fs = current->fs;
	struct inode *old = fs->root;

	fs->root = ihold(inode);
	iput_locked(old);
}

struct inode *current_root(void)
{
	return current && current->fs ? current->fs->root : root_sb->s_root;
}

long sys_chdir(const char __user *filename)
{
	char *name = getname(filename, false);
	struct inode *inode;

	if (IS_ERR(name))
		return PTR_ERR(name);
	vfs_lock();
	int err = filename_lookup(current_pwd(), name,
				  LOOKUP_FOLLOW | LOOKUP_DIRECTORY, &inode);
	if (!err)
		err = inode_permission(inode, MAY_EXEC);	/* search */
	if (!err)
		set_fs_pwd(inode);
	vfs_unlock();
	putname(name);
	return err;
}

long sys_fchdir(unsigned int fd)
{
	struct file *f = fget_raw(fd);

	if (!f)
		return -EBADF;
	int err = -ENOTDIR;
	vfs_lock();
	if (f->f_inode && S_ISDIR(f->f_inode->i_mode)) {
		err = inode_permission(f->f_inode, MAY_EXEC);
		if (!err)
			set_fs_pwd(f->f_inode);
	}
	vfs_unlock();
	fput(f);
	return err;
}

/* The name of dir inside its parent (which holds exactly one for it). */
static const struct ramfs_dirent *dir_name(struct inode *dir)
{
	const struct ramfs_dirent *de;

	list_for_each_entry(de, &dir->i_parent->i_dentries, d_child)
		if (de->d_inode == dir)
			return de;
	return NULL;
}

/*
 * Build the path of the cwd backwards from the end of buf, one parent at
 * a time.  Returns where it starts, or an ERR_PTR.
 */
static char *d_path_locked(struct inode *dir, struct inode *root, char *buf,
			   size_t size)
{
	char *p = buf + size;

	*--p = 0;
	if (dir->i_nlink == 0)
		return ERR_PTR(-ENOENT);	/* removed */
	for (; dir != root && dir->i_parent; dir = dir->i_parent) {
		const struct ramfs_dirent *de = dir_name(dir);
		if (!de || (size_t)(p - buf) < de->d_len + 1)
			return ERR_PTR(-ENAMETOOLONG);
		p -= de->d_len;
		memcpy(p, de->d_name, de->d_len);
		*--p = '/';
	}
	if (!*p)
		*--p = '/';
	/* Outside a chroot's root (Linux's prefix for such a cwd). */
	static const char unreachable[] = "(unreachable)";
	if (dir != root) {
		if ((size_t)(p - buf) < sizeof(unreachable) - 1)
			return ERR_PTR(-ENAMETOOLONG);
		p -= sizeof(unreachable) - 1;
		memcpy(p, unreachable, sizeof(unreachable) - 1);
	}
	return p;
}

long sys_getcwd(char __user *buf, unsigned long size)
{
	char *page = kmalloc(PATH_MAX, GFP_KERNEL);

	if (!page)
		return -ENOMEM;
	vfs_lock();
	char *p = d_path_locked(current->fs->pwd, current->fs->root, page,
				PATH_MAX);
	vfs_unlock();
	long err = IS_ERR(p) ? PTR_ERR(p) : 0;
	if (!err) {
		size_t len = page + PATH_MAX - p;	/* with the NUL */
		if (len > size)
			err = -ERANGE;
		else if (copy_to_user(buf, p, len))
			err = -EFAULT;
		else
			err = len;
	}
	kfree(page);
	return err;
}

/* chroot's checks after the lookup: search permission, then uid 0
 * (CAP_SYS_CHROOT); then the new "/" (Linux's set_fs_root).  Lookups of "/" start
 * there and ".." stays there (fs/namei.c). */
static long do_chroot(struct inode *inode, long unused)
{
	(void)unused;
	long err = inode_permission(inode, MAY_EXEC);
	if (err)
		return err;
	if (!capable(CAP_SYS_CHROOT))
		return -EPERM;
	set_fs_root(inode);
	return 0;
}

long sys_chroot(const char __user *filename)
{
	return with_path_inode(AT_FDCWD, filename,
			       LOOKUP_FOLLOW | LOOKUP_DIRECTORY, false,
			       do_chroot, 0);
}
