/* memory: address-space syscalls. brk, malloc of large chunks, anonymous
 * mmap (private and shared), copy-on-write after fork, munmap/mprotect
 * faults, MAP_FIXED, argument errors and madvise. */
#include <errno.h>
#include <signal.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "check.h"

#define PG 4096UL
#define MiB (1024UL * 1024)



/* Fill with a position-dependent pattern, then verify it; catches pages
 * that alias each other or lose their contents. */
static int fill_verify(unsigned char *p, size_t n, unsigned seed)
{
	for (size_t i = 0; i < n; i += 512)
		p[i] = (unsigned char)(i / 512 * 7 + seed);
	for (size_t i = 0; i < n; i += 512)
		if (p[i] != (unsigned char)(i / 512 * 7 + seed))
			return 0;
	return 1;
}

static volatile unsigned char *target;

static void touch_write(void) { target[0] = 1; }
static void touch_read(void) { (void)target[0]; }

/* Run fn in a child; return the killing signal, or 0 if it exited. */
static int child_signal(void (*fn)(void))
{
	pid_t pid = fork();
	if (pid == 0) {
		struct rlimit rl = {0, 0};
		setrlimit(RLIMIT_CORE, &rl);
		fn();
		_exit(0);
	}
	int st;
	waitpid(pid, &st, 0);
	return WIFSIGNALED(st) ? WTERMSIG(st) : 0;
}

/* Raw brk: brk(0) returns the current break; growing returns the new
 * break and the memory is usable; shrinking gives it back. Runs before
 * any malloc so the allocator's own use of brk is not disturbed. */
static void brk_case(void)
{
	uintptr_t cur = syscall(SYS_brk, 0);
	uintptr_t want = cur + MiB;
	uintptr_t got = syscall(SYS_brk, want);
	report(got == want, "brk grow by 1 MiB: %s", yesno(got == want));
	if (got == want)
		report(fill_verify((unsigned char *)cur, MiB, 1), "brk memory writable");
	got = syscall(SYS_brk, cur);
	report(got == cur, "brk shrink back: %s", yesno(got == cur));
	report((uintptr_t)syscall(SYS_brk, 0) == cur, "brk(0) after shrink matches");
}

static void malloc_case(void)
{
	size_t sizes[] = {MiB, 64 * MiB};
	for (int i = 0; i < 2; i++) {
		unsigned char *p = malloc(sizes[i]);
		report(p && fill_verify(p, sizes[i], 3 + i), "malloc %lu MiB: written and verified",
		       sizes[i] / MiB);
		free(p);
	}
}

static void *anon(size_t len, int prot, int flags)
{
	return mmap(NULL, len, prot, MAP_ANONYMOUS | flags, -1, 0);
}

static void mmap_private_shared(void)
{
	unsigned char *p = anon(16 * PG, PROT_READ | PROT_WRITE, MAP_PRIVATE);
	int zero = p != MAP_FAILED;
	for (size_t i = 0; zero && i < 16 * PG; i++)
		zero = p[i] == 0;
	report(zero, "mmap anonymous private: zero-filled: %s", yesno(zero));
	report(zero && fill_verify(p, 16 * PG, 5), "mmap anonymous private: write/read ok");

	/* Private after fork: the child's write must not reach the parent. */
	p[0] = 'P';
	pid_t pid = fork();
	if (pid == 0) {
		int saw = p[0] == 'P';
		p[0] = 'C';
		_exit(saw && p[0] == 'C' ? 0 : 1);
	}
	int st;
	waitpid(pid, &st, 0);
	report(WIFEXITED(st) && WEXITSTATUS(st) == 0, "fork: child sees parent's data, own write ok");
	report(p[0] == 'P', "copy-on-write: parent unaffected by child's write: %s",
	       yesno(p[0] == 'P'));
	munmap(p, 16 * PG);

	/* MAP_SHARED anonymous: the same pages in parent and child. */
	volatile int *s = anon(PG, PROT_READ | PROT_WRITE, MAP_SHARED);
	if (s == MAP_FAILED) {
		report(0, "mmap MAP_SHARED: %s", strerror(errno));
		return;
	}
	*s = 1;
	pid = fork();
	if (pid == 0) {
		*s = 42;
		_exit(0);
	}
	waitpid(pid, &st, 0);
	report(*s == 42, "MAP_SHARED anonymous: parent sees child's write: %s", yesno(*s == 42));
	munmap((void *)s, PG);
}

static void fault_cases(void)
{
	unsigned char *p = anon(2 * PG, PROT_READ | PROT_WRITE, MAP_PRIVATE);
	p[0] = p[PG] = 9;
	report(munmap(p, PG) == 0, "munmap first page: 0");
	target = p;
	int sig = child_signal(touch_read);
	report(sig == SIGSEGV, "access after munmap: child killed by signal %d", sig);
	target = p + PG;
	report(child_signal(touch_read) == 0 && p[PG] == 9, "second page still mapped: yes");

	report(mprotect(p + PG, PG, PROT_READ) == 0, "mprotect PROT_READ: 0");
	sig = child_signal(touch_write);
	report(sig == SIGSEGV, "write to PROT_READ page: child killed by signal %d", sig);
	report(child_signal(touch_read) == 0, "read of PROT_READ page: ok");
	munmap(p + PG, PG);
}

/* MAP_FIXED at a chosen address far from the usual heap and mmap areas,
 * then MAP_FIXED over the middle of it, which must replace just that
 * page with fresh zeroed memory. */
static void map_fixed(void)
{
	unsigned char *want = (unsigned char *)0x10000000000UL; /* 1 TiB */
	unsigned char *p = mmap(want, 3 * PG, PROT_READ | PROT_WRITE,
				MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
	report(p == want, "mmap MAP_FIXED at 0x10000000000: %s", yesno(p == want));
	if (p != want)
		return;
	memset(p, 0xab, 3 * PG);
	unsigned char *q = mmap(p + PG, PG, PROT_READ | PROT_WRITE,
				MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
	int ok = q == p + PG && q[0] == 0 && q[PG - 1] == 0 &&
		 p[PG - 1] == 0xab && p[2 * PG] == 0xab;
	report(ok, "MAP_FIXED over middle page: replaced, neighbours kept: %s", yesno(ok));
	munmap(p, 3 * PG);
}

static void expect_einval(const char *what, long r)
{
	int e = errno;
	report(r == -1 && e == EINVAL, "%s: %s", what, e == EINVAL ? "EINVAL" : strerror(e));
}

static void arg_errors(void)
{
	errno = 0;
	expect_einval("mmap length 0", (long)syscall(SYS_mmap, 0, 0, PROT_READ,
				      MAP_PRIVATE | MAP_ANONYMOUS, -1, 0));
	unsigned char *p = anon(2 * PG, PROT_READ | PROT_WRITE, MAP_PRIVATE);
	errno = 0;
	expect_einval("munmap unaligned address", syscall(SYS_munmap, p + 1, PG));
	errno = 0;
	expect_einval("mprotect unaligned address", syscall(SYS_mprotect, p + 1, PG, PROT_READ));
	errno = 0;
	expect_einval("mmap MAP_FIXED unaligned address",
		      (long)syscall(SYS_mmap, p + 1, PG, PROT_READ,
				    MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0));
	p[0] = 1;
	report(madvise(p, 2 * PG, MADV_DONTNEED) == 0, "madvise(MADV_DONTNEED): 0");
	munmap(p, 2 * PG);
}

/* Deep stack use: the main stack must have room for at least 512 KiB
 * (Linux grows it on demand; a fixed-size stack must be big enough). */
static int stack_depth(int n)
{
	volatile char buf[64 * 1024];
	buf[0] = (char)n;
	buf[sizeof buf - 1] = (char)n;
	return n == 0 ? buf[0] : stack_depth(n - 1) + buf[sizeof buf - 1];
}

int main(void)
{
	setvbuf(stdout, NULL, _IOLBF, 0);
	brk_case();
	malloc_case();
	mmap_private_shared();
	fault_cases();
	map_fixed();
	arg_errors();
	report(stack_depth(8) == 36, "stack: 576 KiB of frames used");
	if (failed)
		printf("memory: %d check(s) FAILED\n", failed);
	else
		printf("memory: all checks passed\n");
	return failed ? 1 : 0;
}
