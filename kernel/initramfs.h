/*
 * initramfs.h - the files GRUB loaded for us as a module: a cpio archive
 * in the "newc" format, as Linux's initramfs (made on the host by
 * tools/mkcpio).  At boot it is unpacked into the root ramfs
 * (populate_rootfs, declared in fs/vfs.h); afterwards nothing reads it.
 */
#ifndef KERNEL_INITRAMFS_H
#define KERNEL_INITRAMFS_H

#include "kernel/types.h"

struct cpio_entry {
	char name[256];		/* path without a leading '/' */
	unsigned mode;		/* S_IFREG/S_IFDIR | permissions */
	unsigned uid, gid;	/* owner and group */
	const void *data;	/* inside the module, read-only */
	size_t size;
	long mtime;		/* seconds since the epoch */
};

/* Find the module named "initrd" (or the only module).  Boot context. */
void initramfs_init(void);
/* Whether an archive was found. */
bool initramfs_present(void);
/* Look path up ("/bin/x" or "bin/x"); 0 or -ENOENT.  Any context. */
int initramfs_lookup(const char *path, struct cpio_entry *out);
/* Call fn for each member in archive order; stop early if it returns
 * non-zero.  Returns -EINVAL if the archive is malformed. */
int initramfs_for_each(int (*fn)(const struct cpio_entry *e, void *arg),
		       void *arg);

#endif
