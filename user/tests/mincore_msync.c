/* mincore_msync: mincore's vector (one byte per page, bit 0: resident)
 * for fresh, touched and partly unmapped anonymous memory, a length
 * that is not a whole number of pages, and a shared file mapping longer
 * than its file (the page past the end is not resident); its EINVAL,
 * ENOMEM (past TASK_SIZE, unmapped, a hole) and EFAULT.  msync's EINVAL
 * (unknown flags, unaligned start, MS_SYNC with MS_ASYNC), ENOMEM (a
 * wrapping range, unmapped memory, a hole, MS_ASYNC stopping at one),
 * EBUSY for MS_INVALIDATE of locked memory, and MS_SYNC of a shared
 * file mapping: the file has what was stored, read back with read(). */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "errname.h"

#define PG 4096UL

static char *map(int pages)
{
	void *p = mmap(NULL, pages * PG, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	return p == MAP_FAILED ? NULL : p;
}

/* The vector as a string of 0s and 1s (bit 0 of each byte). */
static const char *vec_str(const unsigned char *v, int n)
{
	static char s[64];

	for (int i = 0; i < n; i++)
		s[i] = v[i] & 1 ? '1' : (v[i] ? '?' : '0');
	s[n] = 0;
	return s;
}

static void test_mincore(void)
{
	unsigned char vec[16];
	char *p = map(8);

	memset(vec, 0xaa, sizeof vec);
	expect_value("mincore of 8 fresh pages", ERR(mincore(p, 8 * PG, vec)), 0);
	printf("vector: %s\n", vec_str(vec, 8));
	p[0] = 1;
	p[3 * PG] = 1;
	(void)*(volatile char *)(p + 5 * PG + 17);	/* a read maps a page too */
	mincore(p, 8 * PG, vec);
	printf("after touching pages 0, 3 (written) and 5 (read): %s\n", vec_str(vec, 8));
	memset(vec, 0xaa, sizeof vec);
	expect_value("mincore of 3 pages and a byte", ERR(mincore(p + PG, 3 * PG + 1, vec)), 0);
	printf("four entries: %s, the fifth untouched: %s\n", vec_str(vec, 4),
	       vec[4] == 0xaa ? "yes" : "no");
	expect_value("mincore of length 0", ERR(mincore(p, 0, vec)), 0);
	expect_errno("mincore of an unaligned start", ERR(mincore(p + 1, PG, vec)), EINVAL);
	expect_errno("mincore into a bad vector", ERR(mincore(p, 8 * PG, (void *)8)), EFAULT);
	expect_errno("mincore past TASK_SIZE",
		     ERR(mincore((void *)(0x800000000000UL - PG), 2 * PG, vec)), ENOMEM);
	munmap(p + 6 * PG, PG);
	memset(vec, 0xaa, sizeof vec);
	expect_errno("mincore across a hole", ERR(mincore(p, 8 * PG, vec)), ENOMEM);
	printf("the pages before the hole were written: %s\n", vec_str(vec, 6));
	expect_errno("mincore of the hole", ERR(mincore(p + 6 * PG, PG, vec)), ENOMEM);
	munmap(p, 8 * PG);
	expect_errno("mincore of unmapped memory", ERR(mincore(p, PG, vec)), ENOMEM);

	/* A shared mapping of a 3-page file, 4 pages long. */
	char name[] = "mincore_msync.tmp";
	int fd = open(name, O_RDWR | O_CREAT | O_TRUNC, 0600);
	static char buf[3 * PG];
	memset(buf, 'x', sizeof buf);
	write(fd, buf, sizeof buf);
	p = mmap(NULL, 4 * PG, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	mincore(p, 4 * PG, vec);
	printf("a 3-page file mapped for 4 pages: %s\n", vec_str(vec, 4));

	/* msync of that mapping. */
	p[PG + 5] = 'Y';
	expect_value("msync(MS_SYNC) of the file mapping", ERR(msync(p, 3 * PG, MS_SYNC)), 0);
	char c = 0;
	pread(fd, &c, 1, PG + 5);
	report(c == 'Y', "read() sees the byte stored through the mapping");
	expect_value("msync(MS_ASYNC)", ERR(msync(p, 3 * PG, MS_ASYNC)), 0);
	expect_value("msync(MS_INVALIDATE)", ERR(msync(p, 3 * PG, MS_INVALIDATE)), 0);
	expect_value("msync(MS_SYNC | MS_INVALIDATE)",
		     ERR(msync(p, 3 * PG, MS_SYNC | MS_INVALIDATE)), 0);
	munmap(p, 4 * PG);
	close(fd);
	unlink(name);
}

static void test_msync(void)
{
	char *p = map(4);

	expect_value("msync of anonymous memory", ERR(msync(p, 4 * PG, MS_SYNC)), 0);
	expect_value("msync with flags 0", ERR(msync(p, 4 * PG, 0)), 0);
	expect_value("msync of length 0", ERR(msync(p, 0, MS_SYNC)), 0);
	expect_value("msync of an unaligned length", ERR(msync(p, 100, MS_SYNC)), 0);
	expect_errno("msync with flags 8", ERR(msync(p, PG, 8)), EINVAL);
	expect_errno("msync of an unaligned start", ERR(msync(p + 1, PG, MS_SYNC)), EINVAL);
	expect_errno("msync(MS_SYNC | MS_ASYNC)", ERR(msync(p, PG, MS_SYNC | MS_ASYNC)), EINVAL);
	expect_errno("msync of a range that wraps", ERR(msync(p, -2 * PG, MS_SYNC)), ENOMEM);
	munmap(p + PG, PG);
	expect_errno("msync(MS_SYNC) across a hole", ERR(msync(p, 4 * PG, MS_SYNC)), ENOMEM);
	expect_errno("msync(MS_ASYNC) starting at the hole", ERR(msync(p + PG, 3 * PG, MS_ASYNC)), ENOMEM);
	expect_errno("msync(MS_SYNC) starting at the hole", ERR(msync(p + PG, 3 * PG, MS_SYNC)), ENOMEM);
	expect_errno("msync(MS_SYNC) of the hole alone", ERR(msync(p + PG, PG, MS_SYNC)), ENOMEM);
	expect_value("mlock of a page", ERR(mlock(p, PG)), 0);
	expect_errno("msync(MS_INVALIDATE) of locked memory", ERR(msync(p, PG, MS_INVALIDATE)), EBUSY);
	expect_value("msync(MS_SYNC) of locked memory", ERR(msync(p, PG, MS_SYNC)), 0);
	munlock(p, PG);
	munmap(p, 4 * PG);
	expect_errno("msync of unmapped memory", ERR(msync(p, PG, MS_SYNC)), ENOMEM);
}

int main(void)
{
	setvbuf(stdout, NULL, _IONBF, 0);
	test_mincore();
	test_msync();
	printf("%s\n", failed ? "mincore_msync: FAILED" : "mincore_msync: all passed");
	return failed != 0;
}
