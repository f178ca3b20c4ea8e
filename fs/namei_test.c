/* namei_test.c - path lookup's edge cases on a small tree made in the
 * root ramfs under /nt: ".", "..", slashes, symlinks in every position,
 * loops and the 40-link limit, ENOTDIR/ENOENT/ENAMETOOLONG. */
#include "kernel/selftest.h"
#include "kernel/errno.h"
#include "fs/fs.h"

static struct inode *nt, *d, *f;

/* The inode path names from start, or NULL with *err set.  The caller
 * compares the result; nothing here returns with vfs_lock held. */
static long lookup(struct inode *start, const char *path, unsigned flags,
		   struct inode **res)
{
	vfs_lock();
	long err = filename_lookup(start, path, flags, res);
	vfs_unlock();
	return err;
}

/* The inode, or the error as a fake pointer value for ST_ASSERT_EQ. */
static long L(const char *path, unsigned flags)
{
	struct inode *inode;
	long err = lookup(root_sb->s_root, path, flags, &inode);

	return err ? err : (long)inode;
}

static int make_tree(void)
{
	struct inode *root = root_sb->s_root, *ignored;
	char name[8];
	int err = 0;

	vfs_lock();
	err |= vfs_mkdir(root, "nt", 2, 0755);
	nt = lookup_one(root, "nt", 2);
	err |= nt ? vfs_mkdir(nt, "d", 1, 0755) : -1;
	d = nt ? lookup_one(nt, "d", 1) : NULL;
	err |= d ? d->i_op->create(d, "f", 1, 0644, &f) : -1;
	err |= nt ? vfs_symlink(nt, "l", 1, "d") : -1;
	err |= nt ? vfs_symlink(nt, "abs", 3, "/nt/d") : -1;
	err |= nt ? vfs_symlink(nt, "loop1", 5, "loop2") : -1;
	err |= nt ? vfs_symlink(nt, "loop2", 5, "loop1") : -1;
	err |= nt ? vfs_symlink(nt, "dang", 4, "nowhere") : -1;
	/* c0 -> c1 -> ... -> c40 -> d */
	for (int i = 0; nt && i <= 40; i++) {
		char target[8];
		snprintf(name, sizeof(name), "c%d", i);
		snprintf(target, sizeof(target), "c%d", i + 1);
		err |= vfs_symlink(nt, name, strlen(name), i == 40 ? "d" : target);
	}
	(void)ignored;
	vfs_unlock();
	return err;
}

SELFTEST(path_lookup_edge_cases)
{
	struct inode *root = root_sb->s_root, *res;

	ST_ASSERT_EQ(make_tree(), 0);
	/* the root, however it is spelt */
	ST_ASSERT_EQ(L("/", 0), (long)root);
	ST_ASSERT_EQ(L("//", 0), (long)root);
	ST_ASSERT_EQ(L("/..", 0), (long)root);
	ST_ASSERT_EQ(L("/./../.", 0), (long)root);
	/* ".", "..", repeated slashes */
	ST_ASSERT_EQ(L("/nt/./d/../d/f", 0), (long)f);
	ST_ASSERT_EQ(L("/nt//d///f", 0), (long)f);
	ST_ASSERT_EQ(L("/nt/d/", 0), (long)d);
	/* a file is not a directory */
	ST_ASSERT_EQ(L("/nt/d/f/", 0), -ENOTDIR);
	ST_ASSERT_EQ(L("/nt/d/f/x", 0), -ENOTDIR);
	ST_ASSERT_EQ(L("/nt/d/f", LOOKUP_DIRECTORY), -ENOTDIR);
	ST_ASSERT_EQ(L("/nt/x/y", 0), -ENOENT);
	ST_ASSERT_EQ(L("/nt/x", 0), -ENOENT);
	/* symlinks: in the middle always followed, at the end on request
	 * or with a trailing slash */
	ST_ASSERT_EQ(L("/nt/l/f", 0), (long)f);
	ST_ASSERT_EQ(L("/nt/l", LOOKUP_FOLLOW), (long)d);
	ST_ASSERT(S_ISLNK(((struct inode *)L("/nt/l", 0))->i_mode));
	ST_ASSERT_EQ(L("/nt/l/", 0), (long)d);
	ST_ASSERT_EQ(L("/nt/abs/f", 0), (long)f);
	ST_ASSERT_EQ(L("/nt/dang", LOOKUP_FOLLOW), -ENOENT);
	ST_ASSERT(!IS_ERR_VALUE(L("/nt/dang", 0)));
	/* loops and the limit: 40 links may be followed, not 41 */
	ST_ASSERT_EQ(L("/nt/loop1", LOOKUP_FOLLOW), -ELOOP);
	ST_ASSERT_EQ(L("/nt/loop1/x", 0), -ELOOP);
	ST_ASSERT(!IS_ERR_VALUE(L("/nt/loop1", 0)));
	ST_ASSERT_EQ(L("/nt/c1", LOOKUP_FOLLOW), (long)d);
	ST_ASSERT_EQ(L("/nt/c0", LOOKUP_FOLLOW), -ELOOP);
	/* relative lookups start where they are told */
	ST_ASSERT_EQ(lookup(d, "f", 0, &res), 0);
	ST_ASSERT_EQ((long)res, (long)f);
	ST_ASSERT_EQ(lookup(d, "../l/f", 0, &res), 0);
	ST_ASSERT_EQ((long)res, (long)f);
	ST_ASSERT_EQ(lookup(root, "../..", 0, &res), 0);
	ST_ASSERT_EQ((long)res, (long)root);
	/* component length: 255 is a name, 256 is too long */
	static char longname[300];
	memset(longname, 'n', sizeof(longname));
	longname[0] = '/';
	longname[256] = 0;
	ST_ASSERT_EQ(L(longname, 0), -ENOENT);
	longname[257] = 0;
	longname[256] = 'n';
	ST_ASSERT_EQ(L(longname, 0), -ENAMETOOLONG);
	return 0;
}

SELFTEST(path_parentat_reports_last)
{
	struct nameidata nd = { .start = root_sb->s_root };

	if (!nt)
		ST_ASSERT_EQ(make_tree(), 0);
	vfs_lock();
	int err1 = path_parentat(&nd, "/nt/d//new/");
	struct nameidata nd2 = { .start = root_sb->s_root };
	int err2 = path_parentat(&nd2, "/");
	struct nameidata nd3 = { .start = root_sb->s_root };
	int err3 = path_parentat(&nd3, "/nt/d/f/x");
	vfs_unlock();
	ST_ASSERT_EQ(err1, 0);
	ST_ASSERT_EQ((long)nd.dir, (long)d);
	ST_ASSERT_EQ(nd.last_len, 3);
	ST_ASSERT(!memcmp(nd.last, "new", 3));
	ST_ASSERT(nd.trailing_slash);
	ST_ASSERT_EQ(err2, 0);
	ST_ASSERT_EQ(nd2.last_len, 0);
	ST_ASSERT(!last_is_normal(&nd2));
	ST_ASSERT_EQ(err3, -ENOTDIR);
	return 0;
}
