/* populate: a long MAP_POPULATE or mlock neither stops the machine nor
 * outlives a SIGKILL (issue 11; kernel/memory.c's populate loops).
 *
 * Everything is pinned to one CPU, so the processes share it whatever
 * the number of CPUs.  The parent watches a child through
 * /proc/<pid>/status's VmRSS, which grows page by page while the
 * child's populate runs:
 *   - a child maps 128 MiB with MAP_POPULATE (up to 8 times): the
 *     parent must run while it does, i.e. see a VmRSS part-way (a
 *     populate that holds the CPU, or mmap_lock against /proc, lets it
 *     look only before and after);
 *   - a child maps 192 MiB with MAP_POPULATE, and another maps it and
 *     mlocks it: the parent sends SIGKILL as soon as the populate is
 *     under way, and after the kill VmRSS must grow by less than half of
 *     what was left (a populate that ignores the signal fills all of it
 *     before the child can die).  The child dies of SIGKILL.
 * Progress is checked, never speed. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

#include "check.h"

#define MiB		(1024L * 1024)
#define YIELD_SIZE	(128 * MiB)
#define YIELD_ROUNDS	8
#define KILL_SIZE	(192 * MiB)

/* One shared page: the parent tells the children to stop, the children
 * say where they are. */
struct shared {
	volatile int stop;	/* parent: no more rounds */
	volatile int started;	/* child: waiting for go */
	volatile int go;	/* parent: its VmRSS is read, map now */
};
static struct shared *sh;

static void pin_cpu0(void)
{
	cpu_set_t set;

	CPU_ZERO(&set);
	CPU_SET(0, &set);
	if (sched_setaffinity(0, sizeof set, &set))
		perror("sched_setaffinity");
}

/* pid's VmRSS in kB; -1 once it has no mm (exiting, a zombie, gone).
 * Read without stdio, into a static buffer. */
static long vmrss(pid_t pid)
{
	static char buf[4096];
	char path[64];
	long v = -1;
	int n = 0, r;

	snprintf(path, sizeof path, "/proc/%d/status", pid);
	int fd = open(path, O_RDONLY);
	if (fd < 0)
		return -1;
	while (n < (int)sizeof buf - 1 && (r = read(fd, buf + n, sizeof buf - 1 - n)) > 0)
		n += r;
	close(fd);
	buf[n] = 0;
	char *l = strstr(buf, "\nVmRSS:");
	if (l)
		sscanf(l + 7, "%ld", &v);
	return v;
}

/* A child's start: say so, and wait until the parent has read its
 * VmRSS before any mapping. */
static void child_ready(void)
{
	sh->started = 1;
	while (!sh->go)
		sched_yield();
}

/* The parent's side: the child's VmRSS before it maps, in kB. */
static long child_base(pid_t pid)
{
	while (!sh->started)
		sched_yield();
	long base = vmrss(pid);
	sh->go = 1;
	return base;
}

/* The first part's child: populate, unmap, again, until told to stop. */
static void yield_child(void)
{
	child_ready();
	for (int i = 0; i < YIELD_ROUNDS && !sh->stop; i++) {
		void *p = mmap(NULL, YIELD_SIZE, PROT_READ | PROT_WRITE,
			       MAP_PRIVATE | MAP_ANONYMOUS | MAP_POPULATE, -1, 0);
		if (p == MAP_FAILED)
			_exit(2);
		munmap(p, YIELD_SIZE);
	}
	_exit(0);
}

static void test_yield(void)
{
	sh->stop = sh->started = sh->go = 0;
	pid_t pid = fork();
	if (pid == 0)
		yield_child();
	/* Part-way: 8 MiB into the mapping and 8 MiB short of its end. */
	long base = child_base(pid);
	long lo = base + 8 * 1024, hi = base + (YIELD_SIZE - 8 * MiB) / 1024;
	int seen = 0, status;
	for (;;) {
		long rss = vmrss(pid);
		if (rss > lo && rss < hi) {
			seen = 1;
			sh->stop = 1;
			break;
		}
		if (waitpid(pid, &status, WNOHANG) == pid)
			break;
	}
	waitpid(pid, &status, 0);
	report(seen, "another process ran during a 128 MiB MAP_POPULATE: %s",
	       yesno(seen));
	report(WIFEXITED(status) && WEXITSTATUS(status) == 0,
	       "the populating child exited normally: %s",
	       yesno(WIFEXITED(status) && WEXITSTATUS(status) == 0));
}

static void kill_child(int use_mlock)
{
	int flags = MAP_PRIVATE | MAP_ANONYMOUS | (use_mlock ? 0 : MAP_POPULATE);

	child_ready();
	void *p = mmap(NULL, KILL_SIZE, PROT_READ | PROT_WRITE, flags, -1, 0);
	if (p == MAP_FAILED)
		_exit(2);
	if (use_mlock && mlock(p, KILL_SIZE))
		_exit(3);
	_exit(0);	/* not reached if the kill stops the populate */
}

static void test_kill(int use_mlock)
{
	const char *what = use_mlock ? "mlock" : "MAP_POPULATE";

	sh->started = sh->go = 0;
	pid_t pid = fork();
	if (pid == 0)
		kill_child(use_mlock);
	long base = child_base(pid), full = base + KILL_SIZE / 1024;
	long at_kill = -1, after = -1, rss;
	int status;
	/* Under way: 4 MiB in, 4 MiB short of the end.  A child that
	 * finished (or failed) first ends the wait too, and the checks
	 * below fail. */
	while ((rss = vmrss(pid)) >= 0) {
		if (rss > base + 4 * 1024 && rss < full - 4 * 1024) {
			at_kill = rss;
			kill(pid, SIGKILL);
			break;
		}
		if (waitpid(pid, &status, WNOHANG) == pid)
			break;
	}
	if (at_kill >= 0)
		while ((rss = vmrss(pid)) >= 0)
			if (rss > after)
				after = rss;
	waitpid(pid, &status, 0);
	int killed = WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL;
	report(at_kill >= 0, "%s: the child was killed part-way: %s", what,
	       yesno(at_kill >= 0));
	int stopped = at_kill >= 0 && after - at_kill < (full - at_kill) / 2;
	report(stopped, "%s: the populate stopped at SIGKILL: %s", what,
	       yesno(stopped));
	report(killed, "%s: the child died of SIGKILL: %s", what, yesno(killed));
}

int main(void)
{
	setvbuf(stdout, NULL, _IONBF, 0);
	sh = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS,
		  -1, 0);
	if (sh == MAP_FAILED)
		return 1;
	pin_cpu0();
	test_yield();
	test_kill(0);
	test_kill(1);
	return failed ? 1 : 0;
}
