/* fork_wait: process creation and reaping.
 * Covers fork, vfork, exit/exit_group status encoding, wait4/waitpid
 * (blocking, WNOHANG, ECHILD), getpid/getppid/gettid relations. */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "check.h"

#define NCHILD 100


/* Reap one specific child and return its exit code, or -1 if it did not
 * exit normally. */
static int reap(pid_t pid)
{
	int st;
	if (waitpid(pid, &st, 0) != pid)
		return -1;
	return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

/* 100 children with distinct codes; reaped in whatever order the kernel
 * picks via wait4(-1), so each pid must map back to its own code. */
static void many_children(void)
{
	pid_t pids[NCHILD];
	int seen[NCHILD] = {0};
	int bad = 0, reaped = 0;

	for (int i = 0; i < NCHILD; i++) {
		pids[i] = fork();
		if (pids[i] == 0)
			_exit(i % 256);
		if (pids[i] < 0) {
			report(0, "fork #%d: %s", i, strerror(errno));
			return;
		}
	}
	for (;;) {
		int st;
		struct rusage ru;
		pid_t p = wait4(-1, &st, 0, &ru);
		if (p < 0)
			break;
		reaped++;
		int i;
		for (i = 0; i < NCHILD && pids[i] != p; i++)
			;
		if (i == NCHILD || seen[i] || !WIFEXITED(st) ||
		    WEXITSTATUS(st) != i % 256)
			bad++;
		else
			seen[i] = 1;
	}
	report(reaped == NCHILD && bad == 0,
	       "fork: %d children reaped, exit codes %s", reaped,
	       bad ? "WRONG" : "ok");
}

/* With no children left, wait must fail with ECHILD instead of blocking. */
static void no_children(void)
{
	int st;
	errno = 0;
	pid_t r = wait(&st);
	report(r == -1 && errno == ECHILD, "wait with no children: %s",
	       errno == ECHILD ? "ECHILD" : strerror(errno));
	errno = 0;
	r = waitpid(1, &st, WNOHANG); /* pid 1 is never our child */
	report(r == -1 && errno == ECHILD, "waitpid(non-child): %s",
	       errno == ECHILD ? "ECHILD" : strerror(errno));
}

/* A child blocked on a pipe is still running: WNOHANG must return 0, not
 * block and not report it. Closing the pipe then lets it exit. */
static void wnohang(void)
{
	int fds[2];
	char c;
	if (pipe(fds) < 0) {
		report(0, "pipe: %s", strerror(errno));
		return;
	}
	pid_t pid = fork();
	if (pid == 0) {
		close(fds[1]);
		_exit(read(fds[0], &c, 1) == 0 ? 3 : 4);
	}
	close(fds[0]);
	int st;
	pid_t r = waitpid(pid, &st, WNOHANG);
	report(r == 0, "waitpid(WNOHANG) on running child: %ld", (long)r);
	close(fds[1]);
	int code = reap(pid);
	report(code == 3, "child saw EOF after pipe close: exit %d", code);
}

/* vfork shares the address space and suspends the parent until the child
 * calls _exit or execve. */
static void vfork_case(void)
{
	volatile int touched = 0;
	pid_t pid = vfork();
	if (pid == 0) {
		touched = 1; /* visible to the parent: memory is shared */
		_exit(7);
	}
	int code = reap(pid);
	report(code == 7, "vfork child _exit(7): status %d", code);
	report(touched == 1, "vfork shares memory with parent: %s",
	       touched ? "yes" : "no");
}

/* The child reports pid relations through its exit code, so nothing
 * run-specific is printed. */
static void pid_relations(void)
{
	pid_t parent = getpid();
	pid_t pid = fork();
	if (pid == 0) {
		int ok = getppid() == parent;
		ok = ok && getpid() != parent;
		ok = ok && syscall(SYS_gettid) == getpid();
		_exit(ok ? 0 : 1);
	}
	report(pid > 0 && pid != parent, "fork returned child pid != parent pid: %s",
	       pid > 0 && pid != parent ? "yes" : "no");
	int code = reap(pid);
	report(code == 0, "in child getppid()==parent, gettid()==getpid(): %s",
	       code == 0 ? "yes" : "no");
	report(syscall(SYS_gettid) == getpid(), "gettid()==getpid() in parent: %s",
	       syscall(SYS_gettid) == getpid() ? "yes" : "no");
}

/* exit_group status is truncated to 8 bits: 300 & 0xff == 44. exit(256)
 * looks like success to the parent. */
static void exit_status(void)
{
	pid_t pid = fork();
	if (pid == 0)
		syscall(SYS_exit_group, 300);
	int code = reap(pid);
	report(code == 44, "exit_group(300) seen as %d", code);

	pid = fork();
	if (pid == 0)
		_exit(255);
	code = reap(pid);
	report(code == 255, "_exit(255) seen as %d", code);

	pid = fork();
	if (pid == 0) {
		/* stdio exit path: flushes, runs atexit, then exit_group */
		exit(256);
	}
	code = reap(pid);
	report(code == 0, "exit(256) seen as %d", code);
}

int main(void)
{
	/* Line buffering even into a pipe, so children never inherit and
	 * re-flush unwritten output. */
	setvbuf(stdout, NULL, _IOLBF, 0);
	many_children();
	no_children();
	wnohang();
	vfork_case();
	pid_relations();
	exit_status();
	if (failed)
		printf("fork_wait: %d check(s) FAILED\n", failed);
	else
		printf("fork_wait: all checks passed\n");
	return failed ? 1 : 0;
}
