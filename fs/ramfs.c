/*
 * ramfs.c - the root filesystem: directories, symlinks and device nodes
 * that exist only in memory (Linux's fs/ramfs/inode.c, with the name
 * cache folded into the directories).
 *
 * A directory is a list of struct ramfs_dirent in creation order.  Each
 * entry gets a d_off from the directory's counter when it is added and
 * keeps it, so getdents can resume after entries were added or removed
 * without skipping or repeating the survivors.  Position 0 is ".", 1 is
 * "..", entries start at 2.
 *
 * A directory's i_parent holds a reference to the parent, so ".." of a
 * removed directory still leads somewhere real.
 *
 * Link counts follow Linux: a file has one per name, a directory has 2
 * (its name and its ".") plus one per subdirectory (their "..").
 *
 * Context: process context, vfs_lock held (see vfs.h) except where the
 * file_operations entry points take it themselves.
 */
#include "kernel/kernel.h"
#include "kernel/errno.h"
#include "kernel/mm.h"
#include "fs/fs.h"

static const struct inode_operations ramfs_dir_inode_operations;
static const struct inode_operations ramfs_file_inode_operations = {
	.setsize = ramfs_setsize,
};

static struct ramfs_dirent *find_dirent(struct inode *dir, const char *name,
					int len)
{
	struct ramfs_dirent *de;

	list_for_each_entry(de, &dir->i_dentries, d_child)
		if (de->d_len == (unsigned)len && !memcmp(de->d_name, name, len))
			return de;
	return NULL;
}

static struct inode *ramfs_lookup(struct inode *dir, const char *name, int len)
{
	struct ramfs_dirent *de = find_dirent(dir, name, len);

	return de ? de->d_inode : NULL;
}

/* Give inode the name name in dir (one more link). */
static int add_dirent(struct inode *dir, const char *name, int len,
		      struct inode *inode)
{
	struct ramfs_dirent *de = kmalloc(sizeof(*de) + len + 1, GFP_KERNEL);

	if (!de)
		return -ENOSPC;
	memcpy(de->d_name, name, len);
	de->d_name[len] = 0;
	de->d_len = len;
	de->d_inode = inode;
	de->d_off = dir->i_dir_seq++;
	list_add_tail(&de->d_child, &dir->i_dentries);
	inode->i_nlink++;
	if (S_ISDIR(inode->i_mode)) {
		/* ".." holds its directory, even after a removal (a removed
		 * cwd's ".." still works, as on Linux). */
		struct inode *old = inode->i_parent;
		inode->i_parent = ihold(dir);
		if (old)
			iput_locked(old);
		dir->i_nlink++;		/* the child's ".." */
	}
	inode_touch(dir, true);
	inode_touch(inode, false);
	return 0;
}

/* Take the name away; the inode goes too if nothing else holds it. */
static void del_dirent(struct inode *dir, struct ramfs_dirent *de)
{
	struct inode *inode = de->d_inode;

	list_del(&de->d_child);
	kfree(de);
	if (S_ISDIR(inode->i_mode)) {
		dir->i_nlink--;
		inode->i_nlink = 0;	/* its name and its "." both go */
	} else {
		inode->i_nlink--;
	}
	inode_touch(dir, true);
	inode_touch(inode, false);
	inode_unlinked(inode);
}

struct inode *ramfs_new_file_inode(struct super_block *sb, umode_t mode)
{
	struct inode *inode = new_inode(sb, mode);

	if (inode) {
		inode->i_op = &ramfs_file_inode_operations;
		inode->i_fop = &ramfs_file_operations;
	}
	return inode;
}

/* A fresh inode of ramfs for mode, with the operations its type needs. */
static struct inode *ramfs_get_inode(struct inode *dir, umode_t mode,
				     dev_t rdev)
{
	struct inode *inode = new_inode(dir->i_sb, mode);

	if (!inode)
		return NULL;
	inode_init_owner(inode, dir);
	switch (mode & S_IFMT) {
	case S_IFREG:
		inode->i_op = &ramfs_file_inode_operations;
		inode->i_fop = &ramfs_file_operations;
		break;
	case S_IFDIR:
		inode->i_op = &ramfs_dir_inode_operations;
		inode->i_fop = &ramfs_dir_operations;
		inode->i_nlink = 1;		/* its own "." */
		inode->i_dir_seq = 2;
		break;
	case S_IFCHR:
		inode->i_rdev = rdev;
		inode->i_fop = chrdev_fops(rdev);
		break;
	case S_IFBLK:
		inode->i_rdev = rdev;	/* no block drivers: open is ENXIO */
		break;
	case S_IFIFO:
		inode->i_fop = &pipe_fops;	/* fifo_open */
		break;
	}
	return inode;
}

static int ramfs_mknod(struct inode *dir, const char *name, int len,
		       umode_t mode, dev_t rdev)
{
	struct inode *inode = ramfs_get_inode(dir, mode, rdev);

	if (!inode)
		return -ENOSPC;
	int err = add_dirent(dir, name, len, inode);
	if (err)
		free_inode(inode);
	return err;
}

static int ramfs_create(struct inode *dir, const char *name, int len,
			umode_t mode, struct inode **res)
{
	int err = ramfs_mknod(dir, name, len, S_IFREG | (mode & S_IALLUGO), 0);

	*res = err ? NULL : ramfs_lookup(dir, name, len);
	return err;
}

static int ramfs_mkdir(struct inode *dir, const char *name, int len,
		       umode_t mode)
{
	return ramfs_mknod(dir, name, len, S_IFDIR | (mode & S_IALLUGO), 0);
}

static int ramfs_symlink(struct inode *dir, const char *name, int len,
			 const char *target)
{
	struct inode *inode = ramfs_get_inode(dir, S_IFLNK | 0777, 0);
	size_t tlen = strlen(target);

	if (!inode)
		return -ENOSPC;
	inode->i_link = kmalloc(tlen + 1, GFP_KERNEL);
	int err = inode->i_link ? add_dirent(dir, name, len, inode) : -ENOSPC;
	if (err) {
		kfree(inode->i_link);
		free_inode(inode);
		return err;
	}
	memcpy(inode->i_link, target, tlen + 1);
	inode->i_size = tlen;
	return 0;
}

static int ramfs_link(struct inode *old, struct inode *dir, const char *name,
		      int len)
{
	return add_dirent(dir, name, len, old);
}

static int ramfs_unlink(struct inode *dir, const char *name, int len)
{
	del_dirent(dir, find_dirent(dir, name, len));
	return 0;
}

static int ramfs_rmdir(struct inode *dir, const char *name, int len)
{
	struct ramfs_dirent *de = find_dirent(dir, name, len);

	if (!list_empty(&de->d_inode->i_dentries))
		return -ENOTEMPTY;
	del_dirent(dir, de);
	return 0;
}

/*
 * Move oname in odir to nname in ndir.  The caller has checked the types
 * agree and that a replaced directory is empty.  The inode keeps its
 * i_count across the move, so an open file stays open.
 */
static int ramfs_rename(struct inode *odir, const char *oname, int olen,
			struct inode *ndir, const char *nname, int nlen)
{
	struct ramfs_dirent *old = find_dirent(odir, oname, olen);
	struct ramfs_dirent *victim = find_dirent(ndir, nname, nlen);
	struct inode *inode = old->d_inode;

	if (victim && victim->d_inode == inode)
		return 0;
	/* Hold it while its old name goes and before the new one exists;
	 * a directory's own link count does not change by moving. */
	unsigned int nlink = inode->i_nlink;
	inode->i_count++;
	int err = add_dirent(ndir, nname, nlen, inode);
	if (!err) {
		/* The new entry is last in ndir; the victim is still found
		 * first, being older. */
		if (victim)
			del_dirent(ndir, victim);
		del_dirent(odir, find_dirent(odir, oname, olen));
		if (S_ISDIR(inode->i_mode))
			inode->i_nlink = nlink;
	}
	inode->i_count--;
	return err;
}

static const struct inode_operations ramfs_dir_inode_operations = {
	.lookup = ramfs_lookup,
	.create = ramfs_create,
	.mkdir = ramfs_mkdir,
	.mknod = ramfs_mknod,
	.symlink = ramfs_symlink,
	.link = ramfs_link,
	.unlink = ramfs_unlink,
	.rmdir = ramfs_rmdir,
	.rename = ramfs_rename,
};

static int dir_emit(struct dir_context *ctx, const char *name, int len,
		    struct inode *inode)
{
	return ctx->actor(ctx, name, len, ctx->pos, inode->i_ino,
			  (inode->i_mode & S_IFMT) >> 12);
}

/* getdents: ".", "..", then the entries from d_off == ctx->pos on. */
static int ramfs_iterate(struct file *f, struct dir_context *ctx)
{
	struct inode *dir = f->f_inode;
	struct ramfs_dirent *de;

	vfs_lock();
	if (ctx->pos == 0) {
		if (!dir_emit(ctx, ".", 1, dir))
			goto out;
		ctx->pos = 1;
	}
	if (ctx->pos == 1) {
		struct inode *parent = dir->i_parent ? dir->i_parent : dir;
		if (!dir_emit(ctx, "..", 2, parent))
			goto out;
		ctx->pos = 2;
	}
	list_for_each_entry(de, &dir->i_dentries, d_child) {
		if ((loff_t)de->d_off < ctx->pos)
			continue;
		ctx->pos = de->d_off;
		if (!dir_emit(ctx, de->d_name, de->d_len, de->d_inode))
			goto out;
		ctx->pos = de->d_off + 1;
	}
	/* Past every entry: later additions are still found. */
	ctx->pos = dir->i_dir_seq;
out:
	vfs_unlock();
	return 0;
}

static ssize_t generic_read_dir(struct file *f, char __user *buf, size_t n,
				loff_t *pos)
{
	(void)f, (void)buf, (void)n, (void)pos;
	return -EISDIR;
}

/* Directories may be rewound (and seeked to a position getdents gave),
 * from the start or from where they are; they have no end to seek from
 * nor data to find: SEEK_END, SEEK_DATA and SEEK_HOLE are -EINVAL, as
 * Linux's ramfs and tmpfs say (offset_dir_llseek). */
static loff_t dir_llseek(struct file *f, loff_t offset, int whence)
{
	if (whence != SEEK_SET && whence != SEEK_CUR)
		return -EINVAL;
	return generic_file_llseek_size(f, offset, whence, 1LL << 62);
}

const struct file_operations ramfs_dir_operations = {
	.llseek = dir_llseek,
	.read = generic_read_dir,
	.iterate_shared = ramfs_iterate,
};

/*
 * Depth-first search of dir for target, building the path in buf[0..len).
 * Files have no parent pointer, so the tree is searched; /proc's readlink
 * is the only user and the tree is small.  Other filesystems (/proc) are
 * not entered.
 */
static bool path_search(struct inode *dir, struct inode *target, char *buf,
			size_t size, size_t len, int depth)
{
	struct ramfs_dirent *de;

	if (depth > MAXSYMLINKS)
		return false;
	list_for_each_entry(de, &dir->i_dentries, d_child) {
		size_t end = len + 1 + de->d_len;
		if (end + 1 > size)
			continue;
		buf[len] = '/';
		memcpy(buf + len + 1, de->d_name, de->d_len + 1);
		if (de->d_inode == target)
			return true;
		if (S_ISDIR(de->d_inode->i_mode) &&
		    de->d_inode->i_sb == dir->i_sb &&
		    path_search(de->d_inode, target, buf, size, end, depth + 1))
			return true;
	}
	return false;
}

int ramfs_path_of(struct inode *inode, char *buf, size_t size)
{
	if (size < 2)
		return -ENAMETOOLONG;
	if (inode == root_sb->s_root) {
		memcpy(buf, "/", 2);
		return 0;
	}
	return path_search(root_sb->s_root, inode, buf, size, 0, 0) ? 0 : -ENOENT;
}

struct super_block *ramfs_mount(void)
{
	static struct super_block sb = { .s_next_ino = 1, .s_type = "ramfs" };
	struct inode fake = { .i_sb = &sb };
	struct inode *root = ramfs_get_inode(&fake, S_IFDIR | 0755, 0);

	if (!root)
		return NULL;
	root->i_nlink = 2;		/* "/" and "/." */
	root->i_count = 1;		/* never freed */
	sb.s_root = root;
	return &sb;
}
