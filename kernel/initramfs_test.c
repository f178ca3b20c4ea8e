/* initramfs_test.c - the archive tools/test.sh passes to the self-test
 * boot: "selftest/hello.txt" and "selftest/a/b/deep.txt" with known text. */
#include "kernel/selftest.h"
#include "kernel/errno.h"
#include "kernel/initramfs.h"

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
