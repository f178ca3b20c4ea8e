/* exhaust: memory and processes run out, and the machine goes on.
 *
 *   exhaust          the checks below (in our kernel only: the numbers
 *                    are the guest's 512 MiB, not the host's)
 *   exhaust hog      touch memory a MiB at a time until killed
 *   exhaust flood N  fork until fork fails, hold the children N seconds,
 *                    print how many and why it stopped, end them all
 *
 * The checks: one mapping of more than all memory is ENOMEM at once
 * (Linux's overcommit heuristic), with MAP_NORESERVE it is granted, and
 * so is a brk that large refused; a process that touches memory until
 * none is left is killed by the OOM killer (SIGKILL), and afterwards the
 * memory is back and this process, which went on running meanwhile, can
 * use 64 MiB again; a fork flood ends in EAGAIN at threads-max (root is
 * exempt from RLIMIT_NPROC, as in Linux), never a crash, and every
 * child is reaped after. */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "check.h"
#include "../lib/proc.h"

#define MIB	(1UL << 20)

static void msleep(int ms)
{
	struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };
	nanosleep(&ts, NULL);
}

static long long free_kb(void)
{
	static char text[4096];

	proc_read_file("/proc/meminfo", text, sizeof(text));
	return proc_meminfo_kb(text, "MemFree");
}

static void hog(void)
{
	for (unsigned long n = 0;; n++) {
		char *p = mmap(NULL, MIB, PROT_READ | PROT_WRITE,
			       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
		if (p == MAP_FAILED) {
			printf("hog: mmap failed after %lu MiB: %s\n", n,
			       strerror(errno));
			fflush(stdout);
			pause();
		}
		for (unsigned long off = 0; off < MIB; off += 4096)
			p[off] = 1;
	}
}

/* Fork until it fails; the children wait for the parent to go.  Returns
 * how many forks worked; *err is the errno that stopped them. */
static int flood(int *err, int hold_ms)
{
	int p[2], n = 0;

	pipe(p);
	for (;;) {
		pid_t pid = fork();
		if (pid == 0) {
			char c;
			close(p[1]);
			read(p[0], &c, 1);	/* EOF: the parent is done */
			_exit(0);
		}
		if (pid < 0) {
			*err = errno;
			break;
		}
		n++;
	}
	msleep(hold_ms);
	close(p[1]);
	close(p[0]);
	while (wait(NULL) > 0)
		;
	return n;
}

static void check_overcommit(void)
{
	size_t huge = 1UL << 40;

	errno = 0;
	void *m = mmap(NULL, huge, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	report(m == MAP_FAILED && errno == ENOMEM,
	       "mmap 1 TiB private writable: %s", strerror(errno));
	m = mmap(NULL, huge, PROT_READ | PROT_WRITE,
		 MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
	report(m != MAP_FAILED, "with MAP_NORESERVE: granted");
	if (m != MAP_FAILED)
		munmap(m, huge);
	m = mmap(NULL, huge, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	report(m != MAP_FAILED, "read-only: granted (promises nothing)");
	if (m != MAP_FAILED)
		munmap(m, huge);
	errno = 0;
	m = mmap(NULL, 1UL << 30, PROT_READ | PROT_WRITE,
		 MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	report(m == MAP_FAILED && errno == ENOMEM, "shared 1 GiB: %s",
	       strerror(errno));
	void *brk0 = sbrk(0);
	report(brk((char *)brk0 + (1UL << 30)) < 0 && sbrk(0) == brk0,
	       "brk 1 GiB higher: refused, break unchanged");
	report(malloc(1UL << 30) == NULL, "malloc 1 GiB: NULL");
}

static void check_oom(void)
{
	long long before = free_kb();
	pid_t pid = fork();

	if (pid == 0)
		hog();
	int st = 0, beats = 0;
	/* We keep running while it eats everything. */
	while (waitpid(pid, &st, WNOHANG) == 0) {
		msleep(50);
		beats++;
	}
	report(WIFSIGNALED(st) && WTERMSIG(st) == SIGKILL,
	       "the hog is killed by SIGKILL: %s",
	       yesno(WIFSIGNALED(st) && WTERMSIG(st) == SIGKILL));
	report(beats > 0, "this process ran meanwhile: %s", yesno(beats > 0));
	long long after = free_kb();
	report(after > before - 1024, "its memory is back: %s",
	       yesno(after > before - 1024));
	char *m = malloc(64 * MIB);
	if (m)
		memset(m, 7, 64 * MIB);
	report(m != NULL, "64 MiB here after: %s", yesno(m != NULL));
	free(m);
	pid = fork();
	if (pid == 0)
		_exit(3);
	waitpid(pid, &st, 0);
	report(WIFEXITED(st) && WEXITSTATUS(st) == 3, "fork after: %s",
	       yesno(WIFEXITED(st) && WEXITSTATUS(st) == 3));
}

static void check_flood(void)
{
	int err = 0;
	long long before = free_kb();
	int n = flood(&err, 200);

	report(err == EAGAIN, "fork flood as root: stopped by %s",
	       strerror(err));
	report(n > 1000, "forks before it: more than 1000: %s", yesno(n > 1000));
	pid_t pid = fork();
	int st = 0;
	if (pid == 0)
		_exit(4);
	waitpid(pid, &st, 0);
	report(WIFEXITED(st) && WEXITSTATUS(st) == 4,
	       "every child reaped, fork works again: %s",
	       yesno(WIFEXITED(st) && WEXITSTATUS(st) == 4));
	msleep(100);
	long long after = free_kb();
	report(after > before - 1024, "their memory is back: %s",
	       yesno(after > before - 1024));
}

int main(int argc, char **argv)
{
	if (argc > 1 && !strcmp(argv[1], "hog"))
		hog();
	if (argc > 2 && !strcmp(argv[1], "flood")) {
		int err = 0, n = flood(&err, atoi(argv[2]) * 1000);
		printf("flood: %d processes, then %s\n", n, strerror(err));
		return 0;
	}
	signal(SIGCHLD, SIG_DFL);
	check_overcommit();
	check_oom();
	check_flood();
	printf("%s\n", failed ? "exhaust: FAILED" : "exhaust: all checks passed");
	return failed != 0;
}
