/* mlock: mlock, mlock2, munlock, mlockall, munlockall and MAP_LOCKED.
 * EINVAL for bad flags; ENOMEM for unmapped ranges (the part before a
 * hole stays locked); locked pages are resident at once (mincore) but
 * not with MLOCK_ONFAULT; /proc/self/status's VmLck follows every
 * change, unaligned starts, overlapping locks, munmap of locked memory,
 * mlockall(MCL_CURRENT) and MCL_FUTURE's later mappings; a fork child
 * inherits no locks; MADV_DONTNEED on locked memory is EINVAL.  As uid
 * 65534: RLIMIT_MEMLOCK 0 gives EPERM, 64 KiB takes 8 pages but not 32
 * (ENOMEM), MAP_LOCKED past it EAGAIN, mlockall(MCL_CURRENT) ENOMEM,
 * MCL_FUTURE then a large mmap EAGAIN. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "errname.h"

#ifndef MLOCK_ONFAULT
#define MLOCK_ONFAULT 1
#endif
#ifndef MCL_ONFAULT
#define MCL_ONFAULT 4
#endif

#define PG 4096UL

/* VmLck in kB, or -1.  Read without stdio: a FILE's buffer would be
 * a new (and, after MCL_FUTURE, locked) mapping of its own. */
static long vmlck(void)
{
	static char buf[4096];
	int fd = open("/proc/self/status", O_RDONLY);
	long v = -1;

	if (fd < 0)
		return -1;
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

/* How many of n pages from p mincore says are resident, or -1. */
static int resident(void *p, int n)
{
	unsigned char vec[256];
	int r = 0;

	if (mincore(p, n * PG, vec))
		return -1;
	for (int i = 0; i < n; i++)
		r += vec[i] & 1;
	return r;
}

static char *map(int pages, int flags)
{
	void *p = mmap(NULL, pages * PG, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS | flags, -1, 0);
	return p == MAP_FAILED ? NULL : p;
}

static long k_mlock2(void *p, size_t len, int flags)
{
	return syscall(SYS_mlock2, p, len, flags);
}

static void as_root(void)
{
	long base = vmlck();
	report(base == 0, "VmLck is 0 to begin with");

	expect_errno("mlock2 with flags 2", ERR(k_mlock2(NULL, PG, 2)), EINVAL);
	expect_errno("mlockall(0)", ERR(mlockall(0)), EINVAL);
	expect_errno("mlockall(8)", ERR(mlockall(8)), EINVAL);
	expect_errno("mlockall(MCL_ONFAULT) alone", ERR(mlockall(MCL_ONFAULT)), EINVAL);

	char *p = map(16, 0);
	report(resident(p, 16) == 0, "16 fresh pages: none resident");
	expect_value("mlock of 16 pages", ERR(mlock(p, 16 * PG)), 0);
	report(resident(p, 16) == 16, "locked: all 16 resident");
	expect_value("VmLck after mlock of 16 pages", vmlck(), 64);
	expect_value("mlock of the same pages again", ERR(mlock(p, 8 * PG)), 0);
	expect_value("VmLck: counted once", vmlck(), 64);
	expect_value("munlock of the last 8", ERR(munlock(p + 8 * PG, 8 * PG)), 0);
	expect_value("VmLck after munlock of 8", vmlck(), 32);
	expect_value("mlock of length 0", ERR(mlock(p, 0)), 0);
	expect_value("munmap of 4 locked pages", ERR(munmap(p, 4 * PG)), 0);
	expect_value("VmLck after munmap of 4 locked pages", vmlck(), 16);
	munlock(p + 4 * PG, 12 * PG);
	expect_value("VmLck after munlock of the rest", vmlck(), 0);

	/* An unaligned start locks whole pages. */
	expect_value("mlock(p + 100, 10)", ERR(mlock(p + 4 * PG + 100, 10)), 0);
	expect_value("VmLck: the one page", vmlck(), 4);
	expect_value("mlock(p + 4095, 2): two pages", ERR(mlock(p + 5 * PG - 1, 2)), 0);
	expect_value("VmLck: two pages", vmlck(), 8);
	munlock(p + 4 * PG, 12 * PG);
	munmap(p + 4 * PG, 12 * PG);

	/* A hole: ENOMEM, the part before it stays locked. */
	p = map(3, 0);
	munmap(p + PG, PG);
	expect_errno("mlock across a hole", ERR(mlock(p, 3 * PG)), ENOMEM);
	expect_value("VmLck: the page before the hole", vmlck(), 4);
	expect_errno("munlock across a hole", ERR(munlock(p, 3 * PG)), ENOMEM);
	expect_value("VmLck after munlock across the hole", vmlck(), 0);
	expect_errno("mlock of the hole itself", ERR(mlock(p + PG, PG)), ENOMEM);
	munmap(p, 3 * PG);
	expect_errno("mlock of an unmapped range", ERR(mlock(p, PG)), ENOMEM);

	/* MLOCK_ONFAULT: counted, but nothing faulted in. */
	p = map(16, 0);
	expect_value("mlock2(MLOCK_ONFAULT)", ERR(k_mlock2(p, 16 * PG, MLOCK_ONFAULT)), 0);
	expect_value("VmLck with MLOCK_ONFAULT", vmlck(), 64);
	report(resident(p, 16) == 0, "MLOCK_ONFAULT: nothing resident yet");
	p[0] = 1;
	report(resident(p, 16) == 1, "MLOCK_ONFAULT: the page touched is");
	expect_value("MADV_DONTNEED on locked pages",
		     ERR(madvise(p, PG, MADV_DONTNEED)), -1);
	report(errno == EINVAL, "...is EINVAL");
	munmap(p, 16 * PG);
	expect_value("VmLck after munmap", vmlck(), 0);

	/* MAP_LOCKED. */
	p = map(8, MAP_LOCKED);
	report(p != NULL, "mmap with MAP_LOCKED");
	report(resident(p, 8) == 8, "MAP_LOCKED: resident at once");
	expect_value("VmLck with MAP_LOCKED", vmlck(), 32);

	/* A fork child inherits no locks. */
	pid_t pid = fork();
	if (pid == 0)
		_exit(vmlck() == 0 ? 0 : 1);
	int status;
	waitpid(pid, &status, 0);
	report(WIFEXITED(status) && WEXITSTATUS(status) == 0,
	       "a child of fork: VmLck 0");
	munmap(p, 8 * PG);

	/* mlockall. */
	expect_value("mlockall(MCL_CURRENT)", ERR(mlockall(MCL_CURRENT)), 0);
	report(vmlck() > 0, "VmLck after mlockall(MCL_CURRENT) is not 0");
	p = map(4, 0);
	report(resident(p, 4) == 0, "MCL_CURRENT alone: a new mapping is not locked");
	expect_value("munlockall", ERR(munlockall()), 0);
	expect_value("VmLck after munlockall", vmlck(), 0);
	munmap(p, 4 * PG);
	expect_value("mlockall(MCL_FUTURE)", ERR(mlockall(MCL_FUTURE)), 0);
	expect_value("VmLck after MCL_FUTURE alone", vmlck(), 0);
	p = map(4, 0);
	report(resident(p, 4) == 4, "MCL_FUTURE: a new mapping is resident");
	expect_value("VmLck: the new mapping", vmlck(), 16);
	munlockall();
	munmap(p, 4 * PG);
	expect_value("mlockall(MCL_FUTURE | MCL_ONFAULT)",
		     ERR(mlockall(MCL_FUTURE | MCL_ONFAULT)), 0);
	p = map(4, 0);
	report(resident(p, 4) == 0, "MCL_ONFAULT: a new mapping counted, not faulted");
	expect_value("VmLck: counted", vmlck(), 16);
	munlockall();
	munmap(p, 4 * PG);
	expect_value("VmLck at the end", vmlck(), 0);
}

/* As uid 65534, so that RLIMIT_MEMLOCK applies (root has CAP_IPC_LOCK). */
static int unprivileged(void)
{
	struct rlimit rl = { 0, 64 * 1024 };	/* the hard limit: raised later */

	if (setgid(65534) || setuid(65534)) {
		printf("FAIL: setuid\n");
		return 1;
	}
	char *p = map(32, 0);
	setrlimit(RLIMIT_MEMLOCK, &rl);
	expect_errno("uid 65534, RLIMIT_MEMLOCK 0: mlock", ERR(mlock(p, PG)), EPERM);
	expect_errno("uid 65534, RLIMIT_MEMLOCK 0: mlockall", ERR(mlockall(MCL_CURRENT)), EPERM);
	/* The raw call: musl's mmap turns this EPERM into ENOMEM. */
	expect_errno("uid 65534, RLIMIT_MEMLOCK 0: MAP_LOCKED",
		     ERR(syscall(SYS_mmap, NULL, PG, PROT_READ, MAP_PRIVATE |
				 MAP_ANONYMOUS | MAP_LOCKED, -1, 0)), EPERM);
	expect_value("uid 65534: munlock needs no limit", ERR(munlock(p, PG)), 0);
	rl.rlim_cur = 64 * 1024;
	setrlimit(RLIMIT_MEMLOCK, &rl);
	expect_value("RLIMIT_MEMLOCK 64 KiB: mlock of 8 pages", ERR(mlock(p, 8 * PG)), 0);
	expect_value("VmLck", vmlck(), 32);
	expect_value("...8 more", ERR(mlock(p + 8 * PG, 8 * PG)), 0);
	expect_errno("...and one more", ERR(mlock(p + 16 * PG, PG)), ENOMEM);
	expect_value("locking what is locked already", ERR(mlock(p, 16 * PG)), 0);
	munlock(p, 32 * PG);
	expect_errno("RLIMIT_MEMLOCK 64 KiB: mlock of 32 pages", ERR(mlock(p, 32 * PG)), ENOMEM);
	expect_value("VmLck after the refusal", vmlck(), 0);
	expect_errno("MAP_LOCKED of 32 pages",
		     ERR((long)mmap(NULL, 32 * PG, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS |
				    MAP_LOCKED, -1, 0)), EAGAIN);
	expect_errno("mlockall(MCL_CURRENT) of the whole program", ERR(mlockall(MCL_CURRENT)), ENOMEM);
	expect_value("mlockall(MCL_FUTURE)", ERR(mlockall(MCL_FUTURE)), 0);
	expect_errno("then mmap of 32 pages",
		     ERR((long)mmap(NULL, 32 * PG, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS,
				    -1, 0)), EAGAIN);
	report(map(4, 0) != NULL, "then mmap of 4 pages");
	expect_value("VmLck", vmlck(), 16);
	munlockall();
	return failed != 0;
}

int main(void)
{
	setvbuf(stdout, NULL, _IONBF, 0);
	as_root();
	pid_t pid = fork();
	if (pid == 0)
		_exit(unprivileged());
	int status;
	waitpid(pid, &status, 0);
	report(WIFEXITED(status) && WEXITSTATUS(status) == 0, "the unprivileged checks");
	printf("%s\n", failed ? "mlock: FAILED" : "mlock: all passed");
	return failed != 0;
}
