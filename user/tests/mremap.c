/* mremap: shrinking (the tail unmapped), growing in place when the
 * next pages are free, ENOMEM when they are not and the mapping may not
 * move, moving with MREMAP_MAYMOVE (the data along, the old range gone,
 * the new part zeros), MREMAP_FIXED onto a given address (replacing
 * what was there), MREMAP_DONTUNMAP (the old range left mapped and
 * empty); a page shared copy-on-write with a fork child stays the
 * child's after the parent moves and writes; a shared mapping moved;
 * a locked mapping moved (VmLck); realloc of a large block.  Errors:
 * EINVAL for unknown flags, FIXED or DONTUNMAP without MAYMOVE,
 * DONTUNMAP with a new size, an unaligned address or new address, a
 * new length of 0, overlapping ranges, a zero old length of a private
 * mapping; EFAULT for an unmapped address and a range beyond its
 * mapping. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "errname.h"

#ifndef MREMAP_DONTUNMAP
#define MREMAP_DONTUNMAP 4
#endif
#ifndef MAP_FIXED_NOREPLACE
#define MAP_FIXED_NOREPLACE 0x100000
#endif

#define PG 4096UL
#define BASE ((char *)0x300000000000UL)

/* The raw call: musl's mremap checks some arguments itself. */
static long k_mremap(void *old, size_t old_len, size_t new_len, int flags,
		     void *new_addr)
{
	return syscall(SYS_mremap, old, old_len, new_len, flags, new_addr);
}

static char *map_at(char *at, int pages, int prot, int flags)
{
	void *p = mmap(at, pages * PG, prot, flags | MAP_ANONYMOUS |
		       (at ? MAP_FIXED_NOREPLACE : 0), -1, 0);
	return p == MAP_FAILED ? NULL : p;
}

static char *map_rw(char *at, int pages)
{
	return map_at(at, pages, PROT_READ | PROT_WRITE, MAP_PRIVATE);
}

static int mapped(void *p)
{
	unsigned char v;

	return mincore(p, PG, &v) == 0;
}

/* Page i holds 'a' + i in every byte. */
static void fill(char *p, int pages)
{
	for (int i = 0; i < pages; i++)
		memset(p + i * PG, 'a' + i, PG);
}

static int filled(const char *p, int pages)
{
	for (int i = 0; i < pages; i++)
		for (unsigned long j = 0; j < PG; j += 512)
			if (p[i * PG + j] != 'a' + i)
				return 0;
	return 1;
}

static int zeros(const char *p, int pages)
{
	for (unsigned long j = 0; j < pages * PG; j += 256)
		if (p[j])
			return 0;
	return 1;
}

static long vmlck(void)
{
	static char buf[4096];
	int fd = open("/proc/self/status", O_RDONLY);
	long v = -1;
	ssize_t n = read(fd, buf, sizeof buf - 1);

	close(fd);
	if (n <= 0)
		return -1;
	buf[n] = 0;
	char *l = strstr(buf, "\nVmLck:");
	if (l)
		sscanf(l + 1, "VmLck: %ld kB", &v);
	return v;
}

static void errors(void)
{
	char *p = map_rw(BASE, 2);

	expect_errno("flags 8", ERR(k_mremap(p, PG, PG, 8, NULL)), EINVAL);
	expect_errno("MREMAP_FIXED without MAYMOVE",
		     ERR(k_mremap(p, PG, PG, MREMAP_FIXED, BASE + 64 * PG)), EINVAL);
	expect_errno("MREMAP_DONTUNMAP without MAYMOVE",
		     ERR(k_mremap(p, PG, PG, MREMAP_DONTUNMAP, NULL)), EINVAL);
	expect_errno("MREMAP_DONTUNMAP with a new size",
		     ERR(k_mremap(p, PG, 2 * PG, MREMAP_DONTUNMAP | MREMAP_MAYMOVE, NULL)), EINVAL);
	expect_errno("an unaligned address", ERR(k_mremap(p + 1, PG, PG, 0, NULL)), EINVAL);
	expect_errno("a new length of 0", ERR(k_mremap(p, PG, 0, MREMAP_MAYMOVE, NULL)), EINVAL);
	expect_errno("MREMAP_FIXED to an unaligned address",
		     ERR(k_mremap(p, PG, PG, MREMAP_MAYMOVE | MREMAP_FIXED, BASE + 64 * PG + 1)), EINVAL);
	expect_errno("MREMAP_FIXED onto an overlapping range",
		     ERR(k_mremap(p, 2 * PG, 2 * PG, MREMAP_MAYMOVE | MREMAP_FIXED, p + PG)), EINVAL);
	expect_errno("an old length of 0 (private)",
		     ERR(k_mremap(p, 0, PG, MREMAP_MAYMOVE, NULL)), EINVAL);
	expect_errno("growing a range beyond its mapping",
		     ERR(k_mremap(p, 3 * PG, 4 * PG, MREMAP_MAYMOVE, NULL)), EFAULT);
	munmap(p, 2 * PG);
	expect_errno("an unmapped address", ERR(k_mremap(p, PG, 2 * PG, MREMAP_MAYMOVE, NULL)), EFAULT);
	expect_value("the same size: returns the address", ERR(k_mremap(BASE, PG, PG, 0, NULL)),
		     -1);
	report(errno == EFAULT, "...of an unmapped one: EFAULT");
}

static void resize(void)
{
	/* Shrink. */
	char *p = map_rw(BASE, 4);
	fill(p, 4);
	expect_value("shrink 4 pages to 2", k_mremap(p, 4 * PG, 2 * PG, 0, NULL) == (long)p, 1);
	report(filled(p, 2) && mapped(p + PG) && !mapped(p + 2 * PG),
	       "shrunk: two pages kept with their data, the third unmapped");
	expect_value("the same size", k_mremap(p, 2 * PG, 2 * PG, 0, NULL) == (long)p, 1);

	/* Grow in place: the next pages are free. */
	expect_value("grow 2 pages to 6 in place", k_mremap(p, 2 * PG, 6 * PG, 0, NULL) == (long)p, 1);
	report(filled(p, 2) && zeros(p + 2 * PG, 4), "grown: the data kept, the new pages zeros");
	p[5 * PG] = 1;
	report(mapped(p + 5 * PG), "the new pages are usable");

	/* Not in place, and not allowed to move. */
	char *block = map_rw(p + 6 * PG, 1);
	report(block != NULL, "a mapping right after it");
	expect_errno("grow without room or MREMAP_MAYMOVE",
		     ERR(k_mremap(p, 6 * PG, 8 * PG, 0, NULL)), ENOMEM);
	expect_errno("grow part of a mapping in place",
		     ERR(k_mremap(p, 2 * PG, 3 * PG, 0, NULL)), ENOMEM);

	/* Move. */
	fill(p, 6);
	char *q = (char *)k_mremap(p, 6 * PG, 10 * PG, MREMAP_MAYMOVE, NULL);
	report(q != (char *)-1 && q != p, "MREMAP_MAYMOVE: moved");
	report(filled(q, 6) && zeros(q + 6 * PG, 4), "moved: the data along, the new part zeros");
	report(!mapped(p) && !mapped(p + 5 * PG) && mapped(block), "the old range is unmapped, its neighbour not");
	munmap(q, 10 * PG);

	/* Moving part of a mapping. */
	p = map_rw(BASE, 4);
	fill(p, 4);
	q = (char *)k_mremap(p + PG, 2 * PG, 3 * PG, MREMAP_MAYMOVE, NULL);
	report(q != (char *)-1 && q[0] == 'b' && q[PG] == 'c' && zeros(q + 2 * PG, 1),
	       "the middle two pages moved, grown by one");
	report(mapped(p) && !mapped(p + PG) && !mapped(p + 2 * PG) && mapped(p + 3 * PG) &&
	       p[0] == 'a' && p[3 * PG] == 'd', "the pages around them stayed");
	munmap(p, 4 * PG);
	munmap(q, 3 * PG);

	/* MREMAP_FIXED: onto an address, replacing what is there. */
	p = map_rw(BASE, 2);
	fill(p, 2);
	char *target = map_rw(BASE + 32 * PG, 4);
	memset(target, 'z', 4 * PG);
	q = (char *)k_mremap(p, 2 * PG, 3 * PG, MREMAP_MAYMOVE | MREMAP_FIXED, target);
	report(q == target, "MREMAP_FIXED: at the address given");
	report(filled(q, 2) && zeros(q + 2 * PG, 1) && q[3 * PG] == 'z',
	       "the data there, a new zero page, the old mapping's last page still there");
	report(!mapped(p), "the old range is unmapped");
	munmap(target, 4 * PG);

	/* MREMAP_DONTUNMAP: the old range stays mapped, and empty. */
	p = map_rw(BASE, 2);
	fill(p, 2);
	q = (char *)k_mremap(p, 2 * PG, 2 * PG, MREMAP_MAYMOVE | MREMAP_DONTUNMAP, NULL);
	report(q != (char *)-1 && q != p && filled(q, 2), "MREMAP_DONTUNMAP: moved with the data");
	report(mapped(p) && zeros(p, 2), "the old range is still mapped, and reads zeros");
	munmap(p, 2 * PG);
	munmap(q, 2 * PG);
}

static void cow_and_shared(void)
{
	char *p = map_rw(BASE, 1);
	memset(p, 'A', PG);
	int ready[2], go[2];
	pipe(ready);
	pipe(go);
	pid_t pid = fork();
	if (pid == 0) {
		char c;
		write(ready[1], "r", 1);
		read(go[0], &c, 1);
		_exit(p[0] == 'A' && p[PG - 1] == 'A' ? 0 : 1);
	}
	char c;
	read(ready[0], &c, 1);
	char *q = (char *)k_mremap(p, PG, 2 * PG, MREMAP_MAYMOVE | MREMAP_FIXED, BASE + 64 * PG);
	report(q == BASE + 64 * PG && q[0] == 'A', "after fork: moved, the data along");
	memset(q, 'B', PG);
	write(go[1], "g", 1);
	int status;
	waitpid(pid, &status, 0);
	report(WIFEXITED(status) && WEXITSTATUS(status) == 0,
	       "the child still sees its copy after the parent moved and wrote");
	munmap(q, 2 * PG);

	/* A shared anonymous mapping moved (not grown: Linux's shmem object
	 * keeps its size, so the new part would be SIGBUS there). */
	p = map_at(BASE, 2, PROT_READ | PROT_WRITE, MAP_SHARED);
	memset(p, 'S', 2 * PG);
	q = (char *)k_mremap(p, 2 * PG, 2 * PG, MREMAP_MAYMOVE | MREMAP_FIXED, BASE + 64 * PG);
	report(q == BASE + 64 * PG && q[0] == 'S' && q[2 * PG - 1] == 'S' && !mapped(p),
	       "a shared mapping moved, its data along");
	pid = fork();
	if (pid == 0) {
		q[PG] = 'T';
		_exit(0);
	}
	waitpid(pid, &status, 0);
	report(q[PG] == 'T', "and still shared with a fork child");
	munmap(q, 2 * PG);

	p = map_rw(BASE, 2);
	mlock(p, 2 * PG);
	long before = vmlck();
	q = (char *)k_mremap(p, 2 * PG, 4 * PG, MREMAP_MAYMOVE | MREMAP_FIXED, BASE + 64 * PG);
	report(q == BASE + 64 * PG, "a locked mapping moved and grown");
	report(before == 8 && vmlck() == 16, "VmLck: 8 kB before, 16 kB after");
	unsigned char v[4];
	mincore(q, 4 * PG, v);
	report((v[0] & v[1] & v[2] & v[3] & 1) == 1, "all four pages resident");
	munmap(q, 4 * PG);
	report(vmlck() == 0, "VmLck 0 once unmapped");

	/* realloc of a block large enough for its own mapping. */
	size_t n = 1 << 20;
	unsigned char *b = malloc(n);
	for (size_t i = 0; i < n; i++)
		b[i] = i * 7;
	b = realloc(b, 16 << 20);
	int ok = b != NULL;
	for (size_t i = 0; ok && i < n; i++)
		ok = b[i] == (unsigned char)(i * 7);
	report(ok, "realloc of 1 MiB to 16 MiB keeps every byte");
	free(b);
}

int main(void)
{
	setvbuf(stdout, NULL, _IONBF, 0);
	errors();
	resize();
	cow_and_shared();
	printf("%s\n", failed ? "mremap: FAILED" : "mremap: all passed");
	return failed != 0;
}
