/*
 * open.c - open, openat and close's partners.
 *
 * Until the VFS arrives (a ramfs unpacked from the initramfs, with
 * directories and inodes), names are looked up in two fixed places: the
 * device nodes below, and the read-only files of the initramfs archive.
 * The working directory is always "/", so a relative name is taken from
 * there.
 *
 * Context: process context.
 */
#include "kernel/kernel.h"
#include "kernel/errno.h"
#include "kernel/mm.h"
#include "kernel/initramfs.h"
#include "fs/fs.h"
#include "drivers/tty.h"
#include "arch/x86_64/uaccess.h"

#define PATH_MAX	4096
#define AT_FDCWD	-100
#define S_IFCHR		0020000
#define S_IFDIR		0040000
#define S_IFREG		0100000

static const struct {
	const char *path;
	const struct file_operations *fops;
} devices[] = {
	{ "/dev/console", &tty_fops },
	{ "/dev/tty", &tty_fops },
	{ "/dev/null", &null_fops },
	{ "/dev/zero", &zero_fops },
	{ "/dev/urandom", &urandom_fops },
	{ "/dev/random", &urandom_fops },
	{ "/dev/serial0", &serial_raw_fops },
};

/* A file of the initramfs: its bytes stay in the archive. */
struct initramfs_file {
	const char *data;
	size_t size;
};

static ssize_t initramfs_read(struct file *f, char __user *buf, size_t n,
			      loff_t *pos)
{
	struct initramfs_file *inf = f->private_data;

	if (*pos >= (loff_t)inf->size)
		return 0;
	n = MIN(n, inf->size - *pos);
	if (copy_to_user(buf, inf->data + *pos, n))
		return -EFAULT;
	*pos += n;
	return n;
}

loff_t generic_file_llseek_size(struct file *f, loff_t offset, int whence,
				loff_t size);

static loff_t initramfs_llseek(struct file *f, loff_t offset, int whence)
{
	struct initramfs_file *inf = f->private_data;

	return generic_file_llseek_size(f, offset, whence, inf->size);
}

static int initramfs_release(struct file *f)
{
	kfree(f->private_data);
	return 0;
}

static const struct file_operations initramfs_fops = {
	.llseek = initramfs_llseek,
	.read = initramfs_read,
	.release = initramfs_release,
};

static struct file *open_initramfs(const char *path, int flags)
{
	struct cpio_entry e;

	if (initramfs_lookup(path, &e))
		return ERR_PTR(-ENOENT);
	if ((e.mode & 0170000) == S_IFDIR && (flags & O_ACCMODE) != O_RDONLY)
		return ERR_PTR(-EISDIR);
	if ((flags & O_ACCMODE) != O_RDONLY || (flags & O_TRUNC))
		return ERR_PTR(-EROFS);
	if ((flags & O_DIRECTORY) && (e.mode & 0170000) != S_IFDIR)
		return ERR_PTR(-ENOTDIR);
	struct initramfs_file *inf = kmalloc(sizeof(*inf), GFP_KERNEL);
	if (!inf)
		return ERR_PTR(-ENOMEM);
	inf->data = e.data;
	inf->size = (e.mode & 0170000) == S_IFREG ? e.size : 0;
	struct file *f = alloc_file(&initramfs_fops, inf, flags, "initramfs");
	if (IS_ERR(f)) {
		kfree(inf);
		return f;
	}
	f->f_kind = e.mode & 0170000;
	return f;
}

struct file *filp_open(const char *path, int flags)
{
	for (unsigned i = 0; i < ARRAY_SIZE(devices); i++) {
		if (strcmp(path, devices[i].path))
			continue;
		if (flags & O_DIRECTORY)
			return ERR_PTR(-ENOTDIR);
		struct file *f = alloc_file(devices[i].fops, NULL, flags,
					    devices[i].path);
		if (!IS_ERR(f))
			f->f_kind = S_IFCHR;
		return f;
	}
	if ((flags & O_CREAT) && (flags & O_EXCL) && !initramfs_lookup(path, &(struct cpio_entry){0}))
		return ERR_PTR(-EEXIST);
	return open_initramfs(path, flags);
}

long sys_openat(int dfd, const char __user *filename, int flags, unsigned int mode)
{
	char path[PATH_MAX];
	long len = strncpy_from_user(path + 1, filename, sizeof(path) - 1);

	(void)mode;
	if (len < 0)
		return len;
	if (len == sizeof(path) - 1)
		return -ENAMETOOLONG;
	if (len == 0)
		return -ENOENT;
	if (path[1] != '/' && dfd != AT_FDCWD) {
		struct file *dir = fget(dfd);
		if (!dir)
			return -EBADF;
		fput(dir);
		return -ENOTDIR;	/* no directory files yet */
	}
	/* Relative names start at "/", the only working directory. */
	const char *name = path + 1;
	if (*name != '/') {
		path[0] = '/';
		name = path;
	}
	struct file *f = filp_open(name, flags);
	if (IS_ERR(f))
		return PTR_ERR(f);
	int fd = fd_install_new(f, flags & O_CLOEXEC);
	if (fd < 0)
		fput(f);
	return fd;
}

long sys_open(const char __user *filename, int flags, unsigned int mode)
{
	return sys_openat(AT_FDCWD, filename, flags, mode);
}
