/* initramfs_test.c - the archive tools/test.sh passes to the self-test
 * boot: "selftest/hello.txt" and "selftest/a/b/deep.txt" with known text,
 * and the symlinks "selftest/link", "selftest/a/up", "selftest/abs". */
#include "kernel/selftest.h"
#include "kernel/errno.h"
#include "kernel/initramfs.h"
#include "fs/fs.h"

static int count_members(const struct cpio_entry *e, void *arg)
{
	(void)e;
	(*(int *)arg)++;
	return 0;
}

SELFTEST(initramfs_lookup)
{
	struct cpio_entry e;
	static const char hello[] = "the wake-up chain starts here\n";

	ST_ASSERT(initramfs_present());
	ST_ASSERT_EQ(initramfs_lookup("/selftest/hello.txt", &e), 0);
	ST_ASSERT_EQ(e.size, sizeof(hello) - 1);
	ST_ASSERT(!memcmp(e.data, hello, e.size));
	ST_ASSERT_EQ(e.mode & 0170000, 0100000);	/* a regular file */
	ST_ASSERT_EQ(initramfs_lookup("selftest/a/b/deep.txt", &e), 0);
	ST_ASSERT_EQ(e.size, 5);
	ST_ASSERT_EQ(initramfs_lookup("selftest/a", &e), 0);
	ST_ASSERT_EQ(e.mode & 0170000, 0040000);	/* a directory */
	ST_ASSERT_EQ(initramfs_lookup("selftest/missing", &e), -ENOENT);
	ST_ASSERT_EQ(initramfs_lookup("selftest/hello", &e), -ENOENT);

	int n = 0;
	ST_ASSERT_EQ(initramfs_for_each(count_members, &n), 0);
	ST_ASSERT(n >= 5);	/* 2 files + selftest, a, a/b */
	return 0;
}

/* Read a whole small file of the root ramfs into buf; its length or
 * -errno. */
static long read_root_file(const char *path, char *buf, size_t size)
{
	struct inode *inode;

	vfs_lock();
	long err = filename_lookup(root_sb->s_root, path, LOOKUP_FOLLOW, &inode);
	if (!err)
		err = ramfs_read_kernel(inode, buf, size, 0);
	vfs_unlock();
	return err;
}

static long root_mode(const char *path, unsigned flags)
{
	struct inode *inode;

	vfs_lock();
	long err = filename_lookup(root_sb->s_root, path, flags, &inode);
	vfs_unlock();
	return err ? err : (long)inode->i_mode;
}

/* kernel_init ran populate_rootfs before the tests: the archive must be
 * in the ramfs with its types, modes, data and symlinks. */
SELFTEST(initramfs_unpacked_to_rootfs)
{
	char buf[64];

	ST_ASSERT_EQ(read_root_file("/selftest/hello.txt", buf, sizeof(buf)), 30);
	ST_ASSERT(!memcmp(buf, "the wake-up chain starts here\n", 30));
	ST_ASSERT_EQ(read_root_file("selftest/a/b/deep.txt", buf, sizeof(buf)), 5);
	ST_ASSERT(!memcmp(buf, "deep\n", 5));
	ST_ASSERT_EQ(root_mode("/selftest/a", 0), S_IFDIR | 0755);
	ST_ASSERT_EQ(root_mode("/selftest/hello.txt", 0) & S_IFMT, S_IFREG);
	/* Symlinks come out as symlinks and resolve where they point. */
	ST_ASSERT_EQ(root_mode("/selftest/link", 0), S_IFLNK | 0777);
	ST_ASSERT_EQ(read_root_file("/selftest/link", buf, sizeof(buf)), 30);
	ST_ASSERT_EQ(read_root_file("/selftest/a/up", buf, sizeof(buf)), 5);
	ST_ASSERT_EQ(root_mode("/selftest/abs/deep.txt", LOOKUP_FOLLOW) & S_IFMT,
		     S_IFREG);
	/* The device nodes are there too, with Linux's numbers. */
	ST_ASSERT_EQ(root_mode("/dev/null", 0), S_IFCHR | 0666);
	ST_ASSERT_EQ(root_mode("/selftest/missing", 0), -ENOENT);
	/* Unpacked files are ordinary ramfs files: writable. */
	struct inode *inode;
	vfs_lock();
	long err = filename_lookup(root_sb->s_root, "/selftest/hello.txt", 0,
				   &inode);
	ssize_t w = err ? err : ramfs_write_kernel(inode, "T", 1, 0);
	vfs_unlock();
	ST_ASSERT_EQ(w, 1);
	ST_ASSERT_EQ(read_root_file("/selftest/hello.txt", buf, sizeof(buf)), 30);
	ST_ASSERT_EQ(buf[0], 'T');
	return 0;
}
