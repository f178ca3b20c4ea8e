/*
 * ps - list every process: PID, PPID, STAT, TIME, CMD (what "ps -ef"
 * and "ps ax" show, simplified), read from /proc (lib/proc.h).
 *
 *   ps          every process, by pid
 *   ps PID...   just those (exit status 1 if one is missing)
 *   ps -T       every thread of every process, each with its thread id
 *               in SPID (procps's "ps -T"; TIME is the thread's own),
 *               read from /proc/<pid>/task/<tid>/stat
 *
 * TIME is the CPU time used, user and system, as [DD-]HH:MM:SS.  CMD is
 * the command line, or the name in brackets for processes that have
 * none: kernel threads, and zombies (marked <defunct>, as ps does).
 *
 * An ordinary C program on musl: it builds and runs on Linux too.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "lib/proc.h"

static struct proc_task tasks[PROC_MAX_TASKS];

/* CPU time as ps prints it. */
static void format_time(unsigned long long ticks, long hz, char *buf,
			size_t size)
{
	unsigned long long s = ticks / hz;
	unsigned long long days = s / 86400;

	if (days)
		snprintf(buf, size, "%llu-%02llu:%02llu:%02llu", days,
			 s / 3600 % 24, s / 60 % 60, s % 60);
	else
		snprintf(buf, size, "%02llu:%02llu:%02llu", s / 3600,
			 s / 60 % 60, s % 60);
}

static void show(const struct proc_task *t, long hz)
{
	char time[32], cmd[512];

	format_time(t->utime + t->stime, hz, time, sizeof(time));
	proc_cmdline(t, cmd, sizeof(cmd));
	printf("%5d %5d %-4c %8s %s%s\n", t->pid, t->ppid, t->state, time, cmd,
	       t->state == 'Z' ? " <defunct>" : "");
}

/* "ps -T": one line per thread, the process's pid first, then the
 * thread's id (procps's SPID column), its own state and CPU time. */
static int show_threads(long hz)
{
	int n = proc_read_tasks(tasks, PROC_MAX_TASKS);

	if (n < 0) {
		fprintf(stderr, "ps: /proc: %s\n", strerror(errno));
		return 1;
	}
	printf("%5s %5s %5s %-4s %8s %s\n", "PID", "SPID", "PPID", "STAT",
	       "TIME", "CMD");
	for (int i = 0; i < n; i++) {
		char dir[64], time[32], cmd[512];
		static int tids[PROC_MAX_TASKS];
		snprintf(dir, sizeof(dir), "/proc/%d/task", tasks[i].pid);
		int nt = proc_list_dir_ints(dir, tids, PROC_MAX_TASKS);
		proc_cmdline(&tasks[i], cmd, sizeof(cmd));
		for (int j = 0; j < nt; j++) {
			char path[96], line[1024];
			struct proc_task t;
			snprintf(path, sizeof(path), "%s/%d/stat", dir, tids[j]);
			if (proc_read_file(path, line, sizeof(line)) <= 0 ||
			    proc_parse_stat(line, &t))
				continue;
			format_time(t.utime + t.stime, hz, time, sizeof(time));
			printf("%5d %5d %5d %-4c %8s %s\n", tasks[i].pid, t.pid,
			       t.ppid, t.state, time, cmd);
		}
	}
	return 0;
}

/* "ps PID...": each named process, in the order given. */
static int show_pids(char **argv, long hz)
{
	int status = 0;

	for (; *argv; argv++) {
		char *end;
		long pid = strtol(*argv, &end, 10);
		struct proc_task t;
		if (**argv == 0 || *end || pid <= 0) {
			fprintf(stderr, "ps: invalid process id: %s\n", *argv);
			return 2;
		}
		if (proc_read_task(pid, &t) == 0)
			show(&t, hz);
		else
			status = 1;
	}
	return status;
}

int main(int argc, char **argv)
{
	long hz = sysconf(_SC_CLK_TCK);

	if (hz <= 0)
		hz = 100;
	if (argc == 2 && strcmp(argv[1], "-T") == 0)
		return show_threads(hz);
	if (argc > 1 && argv[1][0] == '-') {
		fprintf(stderr, "usage: ps [-T | PID...]\n");
		return 2;
	}
	printf("%5s %5s %-4s %8s %s\n", "PID", "PPID", "STAT", "TIME", "CMD");
	if (argc > 1)
		return show_pids(argv + 1, hz);
	int n = proc_read_tasks(tasks, PROC_MAX_TASKS);
	if (n < 0) {
		fprintf(stderr, "ps: /proc: %s\n", strerror(errno));
		return 1;
	}
	for (int i = 0; i < n; i++)
		show(&tasks[i], hz);
	return 0;
}
