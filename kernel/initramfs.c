/*
 * initramfs.c - reading the newc cpio archive GRUB loaded.
 *
 * Each member: a 110-byte header of ASCII ("070701", then thirteen fields
 * of 8 hex digits: ino, mode, uid, gid, nlink, mtime, filesize, devmajor,
 * devminor, rdevmajor, rdevminor, namesize, check), the name with its NUL,
 * padding to a multiple of 4, the data, padding to 4.  The member named
 * "TRAILER!!!" ends the archive.
 *
 * The archive is input we did not make, so every size is checked against
 * the end of the module before it is used.  Read-only after boot: no
 * locking.
 *
 * populate_rootfs() unpacks it into the root ramfs as Linux's
 * init/initramfs.c does: directories, regular files (their bytes copied
 * into the ramfs pages, so the files are writable like any other) and
 * symlinks (the data is the target), with the archive's modes and mtimes.
 * A member whose parent is missing is skipped with a message, and an
 * existing member of another type is replaced (Linux's clean_path).  Hard
 * links (members sharing an inode number) become separate copies.
 */
#include "kernel/kernel.h"
#include "kernel/errno.h"
#include "kernel/initramfs.h"
#include "fs/fs.h"
#include "arch/x86_64/bootinfo.h"
#include "arch/x86_64/page.h"

#define NEWC_MAGIC	"070701"
#define NEWC_HDR_LEN	110

static const u8 *archive;
static size_t archive_len;

static int count(const struct cpio_entry *e, void *arg)
{
	(void)e;
	(*(int *)arg)++;
	return 0;
}

void initramfs_init(void)
{
	const struct boot_module *found = NULL;

	for (unsigned i = 0; i < bootinfo.nr_modules; i++)
		if (!strcmp(bootinfo.modules[i].name, "initrd") ||
		    bootinfo.nr_modules == 1)
			found = &bootinfo.modules[i];
	if (!found)
		return;
	archive = phys_to_virt(found->start);
	archive_len = found->end - found->start;
	int n = 0;
	if (initramfs_for_each(count, &n) < 0) {
		pr_err("initramfs: module '%s' is not a valid newc cpio archive; ignored\n",
		       found->name);
		archive = NULL;
		return;
	}
	pr_info("initramfs: %d files and directories, %zu bytes\n", n,
		archive_len);
}

bool initramfs_present(void)
{
	return archive != NULL;
}

/* The idx-th 8-hex-digit field of the header at h; -1 if not hex. */
static long field(const u8 *h, int idx)
{
	long v = 0;

	for (int i = 0; i < 8; i++) {
		u8 c = h[6 + 8 * idx + i];
		int d = c >= '0' && c <= '9' ? c - '0' :
			c >= 'a' && c <= 'f' ? c - 'a' + 10 :
			c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
		if (d < 0)
			return -1;
		v = v * 16 + d;
	}
	return v;
}

int initramfs_for_each(int (*fn)(const struct cpio_entry *e, void *arg),
		       void *arg)
{
	size_t off = 0;
	struct cpio_entry e;

	while (archive && off + NEWC_HDR_LEN <= archive_len) {
		const u8 *h = archive + off;
		long mode = field(h, 1), size = field(h, 6), namesize = field(h, 11);
		if (memcmp(h, NEWC_MAGIC, 6) || mode < 0 || size < 0 ||
		    namesize < 1 || namesize > (long)sizeof(e.name))
			return -EINVAL;
		size_t name_off = off + NEWC_HDR_LEN;
		size_t data_off = ALIGN_UP(name_off + namesize, 4);
		if (data_off + size > archive_len || h[NEWC_HDR_LEN + namesize - 1])
			return -EINVAL;
		memcpy(e.name, archive + name_off, namesize);
		if (!strcmp(e.name, "TRAILER!!!"))
			return 0;
		e.mode = mode;
		e.uid = field(h, 2);
		e.gid = field(h, 3);
		e.mtime = field(h, 5);
		e.data = archive + data_off;
		e.size = size;
		int r = fn(&e, arg);
		if (r)
			return r;
		off = ALIGN_UP(data_off + size, 4);
	}
	return archive ? -EINVAL : 0;	/* ran off the end: no trailer */
}

struct lookup {
	const char *path;
	struct cpio_entry *out;
};

static int match(const struct cpio_entry *e, void *arg)
{
	struct lookup *l = arg;
	const char *name = e->name;

	if (name[0] == '.' && name[1] == '/')
		name += 2;
	if (strcmp(name, l->path))
		return 0;
	*l->out = *e;
	return 1;
}

int initramfs_lookup(const char *path, struct cpio_entry *out)
{
	while (*path == '/')
		path++;
	struct lookup l = { path, out };
	return initramfs_for_each(match, &l) == 1 ? 0 : -ENOENT;
}

/* Where the member's name goes: its parent and last component. */
static int member_parent(const char *name, struct nameidata *nd)
{
	while (name[0] == '.' && name[1] == '/')
		name += 2;
	*nd = (struct nameidata){ .start = root_sb->s_root };
	int err = path_parentat(nd, name);
	if (!err && !last_is_normal(nd))
		err = -EEXIST;		/* ".", "/": the root itself */
	return err;
}

/* Remove an existing name of another type so the member can take it. */
static int clean_path(struct nameidata *nd, umode_t mode)
{
	struct inode *old = lookup_one(nd->dir, nd->last, nd->last_len);

	if (!old)
		return 0;
	if ((old->i_mode & S_IFMT) == (mode & S_IFMT))
		return S_ISDIR(mode) ? 0 : nd->dir->i_op->unlink(nd->dir,
						nd->last, nd->last_len);
	if (S_ISDIR(old->i_mode))
		return nd->dir->i_op->rmdir(nd->dir, nd->last, nd->last_len);
	return nd->dir->i_op->unlink(nd->dir, nd->last, nd->last_len);
}

/* Make one member (vfs_lock held). */
static int unpack_member(const struct cpio_entry *e)
{
	struct nameidata nd;
	struct inode *inode = NULL;
	umode_t mode = e->mode;
	int err = member_parent(e->name, &nd);

	if (!err)
		err = clean_path(&nd, mode);
	if (err)
		return err;
	if (S_ISDIR(mode)) {
		inode = lookup_one(nd.dir, nd.last, nd.last_len);
		if (!inode && !(err = vfs_mkdir(nd.dir, nd.last, nd.last_len, mode)))
			inode = lookup_one(nd.dir, nd.last, nd.last_len);
	} else if (S_ISREG(mode)) {
		err = nd.dir->i_op->create(nd.dir, nd.last, nd.last_len, mode,
					   &inode);
		if (!err && ramfs_write_kernel(inode, e->data, e->size, 0) !=
			    (ssize_t)e->size)
			err = -ENOMEM;
	} else if (S_ISLNK(mode)) {
		char target[256];
		if (e->size == 0 || e->size >= sizeof(target))
			return -ENAMETOOLONG;
		memcpy(target, e->data, e->size);
		target[e->size] = 0;
		err = vfs_symlink(nd.dir, nd.last, nd.last_len, target);
		inode = err ? NULL : lookup_one(nd.dir, nd.last, nd.last_len);
	} else {
		return -EINVAL;		/* device nodes, fifos: not needed */
	}
	if (inode) {
		inode->i_mode = (inode->i_mode & S_IFMT) | (mode & S_IALLUGO);
		inode->i_uid = e->uid;
		inode->i_gid = e->gid;
		inode->i_mtime = (struct timespec64){ e->mtime, 0 };
	}
	return err;
}

static int unpack_one(const struct cpio_entry *e, void *arg)
{
	int err = unpack_member(e);

	if (err && err != -EEXIST)
		pr_warn("initramfs: %s: error %d, skipped\n", e->name, err);
	if (!err)
		(*(int *)arg)++;
	return 0;
}

int populate_rootfs(void)
{
	int n = 0;

	if (!archive)
		return 0;
	vfs_lock();
	int err = initramfs_for_each(unpack_one, &n);
	vfs_unlock();
	if (err)
		pr_err("initramfs: unpacking stopped: error %d\n", err);
	else
		pr_info("initramfs: unpacked %d members into the root ramfs\n", n);
	return err ? err : n;
}
