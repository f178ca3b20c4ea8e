/*
 * char_dev.c - character device numbers and the nodes of /dev (Linux's
 * fs/char_dev.c, with a fixed table instead of register_chrdev).
 *
 * A device node is an inode of type S_IFCHR carrying a device number;
 * opening it gives a struct file with that device's file_operations.
 * The numbers are Linux's, so "ls -l /dev" reads as it would there.
 *
 * Context: boot (init_dev_nodes) and process context; the table is
 * read-only.
 */
#include "kernel/kernel.h"
#include "kernel/errno.h"
#include "fs/fs.h"
#include "drivers/tty.h"

static const struct {
	const char *name;		/* in /dev */
	dev_t rdev;
	const struct file_operations *fops;
	umode_t mode;
} chrdevs[] = {
	{ "null", MKDEV(1, 3), &null_fops, 0666 },
	{ "zero", MKDEV(1, 5), &zero_fops, 0666 },
	{ "kmsg", MKDEV(1, 11), &kmsg_fops, 0644 },
	{ "random", MKDEV(1, 8), &urandom_fops, 0666 },
	{ "urandom", MKDEV(1, 9), &urandom_fops, 0666 },
	{ "tty", MKDEV(5, 0), &dev_tty_fops, 0666 },
	{ "console", MKDEV(5, 1), &tty_fops, 0600 },
	{ "ptmx", MKDEV(5, 2), &ptmx_fops, 0666 },
	{ "serial0", MKDEV(4, 64), &serial_raw_fops, 0660 },
};

const struct file_operations *chrdev_fops(dev_t rdev)
{
	if (((rdev >> 8) & 0xfff) == UNIX98_PTY_SLAVE_MAJOR)
		return &pts_fops;		/* /dev/pts/N, any N */
	for (unsigned i = 0; i < ARRAY_SIZE(chrdevs); i++)
		if (chrdevs[i].rdev == rdev)
			return chrdevs[i].fops;
	return NULL;
}

void init_dev_nodes(void)
{
	struct inode *root = root_sb->s_root, *dev;

	vfs_lock();
	dev = lookup_one(root, "dev", 3);
	if (!dev && !vfs_mkdir(root, "dev", 3, 0755))
		dev = lookup_one(root, "dev", 3);
	for (unsigned i = 0; dev && S_ISDIR(dev->i_mode) &&
			     i < ARRAY_SIZE(chrdevs); i++) {
		const char *name = chrdevs[i].name;
		if (!lookup_one(dev, name, strlen(name)))
			vfs_mknod(dev, name, strlen(name),
				  S_IFCHR | chrdevs[i].mode, chrdevs[i].rdev);
	}
	/* Where the pseudo-terminals' slaves appear (drivers/pty.c). */
	if (dev && !lookup_one(dev, "pts", 3))
		vfs_mkdir(dev, "pts", 3, 0755);
	/* POSIX shared memory's directory, world-writable and sticky. */
	if (dev && !lookup_one(dev, "shm", 3))
		vfs_mkdir(dev, "shm", 3, S_ISVTX | 0777);
	vfs_unlock();
	if (!dev)
		pr_err("vfs: cannot make /dev\n");
}
