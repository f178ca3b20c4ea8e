/*
 * lab.h - what the labs' grading tests share: children that sleep in a
 * call while the parent watches, how often a process really slept
 * (/proc/PID/status's voluntary_ctxt_switches) and how much CPU it used,
 * and a watchdog so that a starting point that never wakes a sleeper
 * still lets the test finish (and fail) instead of hanging.
 *
 * Everything here reads what Linux's /proc has too, so each test runs
 * on the host as the oracle: the same binary, the same lines.
 */
#ifndef USER_LABS_LAB_H
#define USER_LABS_LAB_H

#include <signal.h>
#include <stdlib.h>
#include <sys/wait.h>
#include "../tests/epoll_common.h"

static inline long long now_ms(void)
{
	return now_ns() / 1000000;
}

static inline void msleep(int ms)
{
	usleep(ms * 1000);
}

/* One field of /proc/PID/status ("voluntary_ctxt_switches"), or -1. */
static inline long proc_status_field(pid_t pid, const char *field)
{
	char path[64], line[128];
	size_t n = strlen(field);
	long v = -1;

	snprintf(path, sizeof(path), "/proc/%d/status", (int)pid);
	FILE *f = fopen(path, "r");
	if (!f)
		return -1;
	while (fgets(line, sizeof(line), f))
		if (!strncmp(line, field, n) && line[n] == ':')
			v = atol(line + n + 1);
	fclose(f);
	return v;
}

/* How many times pid went to sleep so far. */
static inline long nvcsw(pid_t pid)
{
	return proc_status_field(pid, "voluntary_ctxt_switches");
}

/* CPU time pid used so far (user + system), in milliseconds, or -1. */
static inline long cpu_ms(pid_t pid)
{
	char path[64], buf[512];
	unsigned long long ut, st;

	snprintf(path, sizeof(path), "/proc/%d/stat", (int)pid);
	FILE *f = fopen(path, "r");
	if (!f)
		return -1;
	size_t len = fread(buf, 1, sizeof(buf) - 1, f);
	fclose(f);
	buf[len] = 0;
	char *p = strrchr(buf, ')');	/* the name may hold spaces */
	if (!p || sscanf(p + 2, "%*c %*d %*d %*d %*d %*d %*u %*u %*u %*u %*u %llu %llu",
			 &ut, &st) != 2)
		return -1;
	return (long)((ut + st) * 1000 / sysconf(_SC_CLK_TCK));
}

/* A child that runs fn(arg) and exits with its value; the parent gets
 * back its pid once the child has said it is about to call fn (so a
 * test can then wait for it to fall asleep). */
static inline pid_t spawn(int (*fn)(void *), void *arg)
{
	int ready[2];
	char c;

	if (pipe(ready))
		return -1;
	pid_t pid = fork();
	if (pid == 0) {
		close(ready[0]);
		write(ready[1], "r", 1);
		close(ready[1]);
		_exit(fn(arg) & 0xff);
	}
	close(ready[1]);
	read(ready[0], &c, 1);
	close(ready[0]);
	return pid;
}

/* The child's exit status, or -1 if it has not exited within ms (it is
 * then killed). */
static inline int reap_within(pid_t pid, int ms)
{
	int status;
	long long end = now_ms() + ms;

	for (;;) {
		pid_t r = waitpid(pid, &status, WNOHANG);
		if (r == pid)
			return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
		if (r < 0 || now_ms() >= end)
			break;
		msleep(5);
	}
	kill(pid, SIGKILL);
	waitpid(pid, &status, 0);
	return -1;
}

/* An event mask as "IN|OUT|RDHUP|ERR|HUP" (those bits only), or "none". */
static inline const char *mask_name(unsigned m)
{
	static char buf[64];

	buf[0] = 0;
	if (m & EPOLLIN)
		strcat(buf, "|IN");
	if (m & EPOLLOUT)
		strcat(buf, "|OUT");
	if (m & EPOLLRDHUP)
		strcat(buf, "|RDHUP");
	if (m & EPOLLERR)
		strcat(buf, "|ERR");
	if (m & EPOLLHUP)
		strcat(buf, "|HUP");
	return buf[0] ? buf + 1 : "none";
}

static void lab_alarm(int sig)
{
	(void)sig;
}

/* From now on a blocking call that is still blocked after secs seconds
 * fails with EINTR (no SA_RESTART), so the test goes on: the starting
 * points of the labs often leave a sleeper that nothing wakes. */
static inline void watchdog(unsigned secs)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = lab_alarm;
	sigaction(SIGALRM, &sa, NULL);
	alarm(secs);
}

#endif
