/* errors: error paths of common syscalls. Bad user pointers (EFAULT), bad
 * fds (EBADF), bad arguments (EINVAL), unknown syscalls (ENOSYS), missing
 * files (ENOENT); plus uname, getrandom and RLIMIT_NOFILE success paths.
 * Raw syscall() is used wherever libc might check or copy arguments. */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/utsname.h>
#include <time.h>
#include <unistd.h>

#include "check.h"


static const char *ename(int e)
{
	switch (e) {
	case 0: return "no error";
	case EFAULT: return "EFAULT";
	case EBADF: return "EBADF";
	case EINVAL: return "EINVAL";
	case ENOSYS: return "ENOSYS";
	case ENOENT: return "ENOENT";
	case ENOTDIR: return "ENOTDIR";
	default: return strerror(e);
	}
}

/* Call with errno cleared, e.g. expect("x", syscall(...), EBADF). The
 * comma operator in E() makes sure errno is reset before the call. */
#define E(call) (errno = 0, (long)(call))

static void expect(const char *what, long r, int want)
{
	int e = errno;
	if (r == -1 && e == want)
		report(1, "%s: %s", what, ename(want));
	else
		report(0, "%s: expected %s, got ret=%ld (%s)", what, ename(want), r,
		       ename(e));
}

#define KADDR 0xffff888000000000UL /* Linux direct map; kernel-only */

static void efault(void)
{
	int fds[2];
	/* stdout is a pipe, file or console here; any of them must copy from
	 * the buffer and fault (only /dev/null would not look at it). */
	expect("write(1, (void*)1, 10)", E(syscall(SYS_write, 1, (void *)1, 10)), EFAULT);
	if (pipe(fds) < 0) {
		report(0, "pipe: %s", strerror(errno));
		return;
	}
	/* Data must be available, or read would block instead of copying. */
	(void)!write(fds[1], "0123456789", 10);
	expect("read into kernel address", E(syscall(SYS_read, fds[0], KADDR, 10)), EFAULT);
	expect("read into NULL", E(syscall(SYS_read, fds[0], NULL, 10)), EFAULT);
	expect("write from kernel address", E(syscall(SYS_write, fds[1], KADDR, 10)), EFAULT);
	expect("pipe(NULL)", E(syscall(SYS_pipe, NULL)), EFAULT);
	expect("clock_gettime(MONOTONIC, (void*)8)",
	       E(syscall(SYS_clock_gettime, CLOCK_MONOTONIC, (void *)8)), EFAULT);
	expect("open(kernel address path)", E(syscall(SYS_open, KADDR, O_RDONLY)), EFAULT);
	/* The wrong end of a pipe is open, but not for that direction. */
	char c;
	expect("write to pipe read end", E(write(fds[0], "x", 1)), EBADF);
	expect("read from pipe write end", E(read(fds[1], &c, 1)), EBADF);
	close(fds[0]);
	close(fds[1]);
}

static void ebadf(void)
{
	char buf[4];
	int bad[] = {999, -1};
	for (int i = 0; i < 2; i++) {
		char what[32];
		snprintf(what, sizeof what, "read(%d)", bad[i]);
		expect(what, E(syscall(SYS_read, bad[i], buf, 1)), EBADF);
		snprintf(what, sizeof what, "write(%d)", bad[i]);
		expect(what, E(syscall(SYS_write, bad[i], "x", 1)), EBADF);
		snprintf(what, sizeof what, "close(%d)", bad[i]);
		expect(what, E(syscall(SYS_close, bad[i])), EBADF);
	}
	int fd = dup(1);
	report(fd >= 0 && close(fd) == 0, "dup(1) then close: ok");
	expect("close of already closed fd", E(syscall(SYS_close, fd)), EBADF);
}

/* The kernel may report any name, so only check that each field is a
 * NUL-terminated string within its array. */
static void uname_case(void)
{
	struct utsname u;
	memset(&u, 0xff, sizeof u);
	long r = syscall(SYS_uname, &u);
	const char *f[] = {u.sysname, u.nodename, u.release, u.version, u.machine};
	int ok = r == 0;
	for (int i = 0; i < 5; i++)
		ok = ok && memchr(f[i], 0, sizeof u.sysname) != NULL;
	report(ok, "uname: returns 0, fields NUL-terminated: %s", ok ? "yes" : "no");
	expect("uname(NULL)", E(syscall(SYS_uname, NULL)), EFAULT);
}

static void misc_einval(void)
{
	struct timespec ts;
	expect("clock_gettime(clock 100)", E(syscall(SYS_clock_gettime, 100, &ts)), EINVAL);
	struct timespec bad = {0, 1000000000};
	expect("nanosleep(tv_nsec=1e9)", E(syscall(SYS_nanosleep, &bad, NULL)), EINVAL);
	struct timespec neg = {-1, 0};
	expect("nanosleep(tv_sec=-1)", E(syscall(SYS_nanosleep, &neg, NULL)), EINVAL);
	expect("syscall 1000", E(syscall(1000)), ENOSYS);
	expect("syscall -1", E(syscall(-1L)), ENOSYS);
	expect("arch_prctl(0x9999)", E(syscall(SYS_arch_prctl, 0x9999, 0)), EINVAL);
}

static void enoent(void)
{
	char *argv[] = {"nope", NULL};
	char *envp[] = {NULL};
	expect("execve(/nonexistent/prog)",
	       E(syscall(SYS_execve, "/nonexistent/prog", argv, envp)), ENOENT);
	expect("open(/nonexistent/file)", E(open("/nonexistent/file", O_RDONLY)), ENOENT);
}

static void success_paths(void)
{
	unsigned char buf[16];
	long r = syscall(SYS_getrandom, buf, sizeof buf, 0);
	report(r == 16, "getrandom(16): %ld", r);

	struct rlimit rl, rl2;
	int ok = getrlimit(RLIMIT_NOFILE, &rl) == 0 && rl.rlim_cur > 0 &&
		 rl.rlim_cur <= rl.rlim_max;
	report(ok, "getrlimit(RLIMIT_NOFILE): 0 < cur <= max: %s", ok ? "yes" : "no");
	ok = syscall(SYS_prlimit64, 0, RLIMIT_NOFILE, NULL, &rl2) == 0 &&
	     rl2.rlim_cur == rl.rlim_cur && rl2.rlim_max == rl.rlim_max;
	report(ok, "prlimit64(0, RLIMIT_NOFILE) matches getrlimit: %s", ok ? "yes" : "no");
	/* Lowering the soft limit makes fds at or above it unusable. */
	struct rlimit low = {16, rl.rlim_max};
	ok = setrlimit(RLIMIT_NOFILE, &low) == 0;
	report(ok, "setrlimit(RLIMIT_NOFILE, 16): 0");
	expect("dup2(1, 20) above soft limit", E(dup2(1, 20)), EBADF);
	setrlimit(RLIMIT_NOFILE, &rl);
}

int main(void)
{
	setvbuf(stdout, NULL, _IOLBF, 0);
	efault();
	ebadf();
	uname_case();
	misc_einval();
	enoent();
	success_paths();
	if (failed)
		printf("errors: %d check(s) FAILED\n", failed);
	else
		printf("errors: all checks passed\n");
	return failed ? 1 : 0;
}
