/*
 * schedstat: /proc/<pid>/schedstat, Linux's three numbers: nanoseconds
 * on the CPU, nanoseconds spent runnable on a run queue (run_delay),
 * and the times the task was given a CPU (pcount).  The first grows by
 * what a spin used; pcount by at least one per sleep; run_delay when a
 * CPU hog shares our one CPU.  /proc/schedstat, where the kernel has it
 * (ours does; a Linux without CONFIG_SCHEDSTATS has not), is checked
 * without printing anything, so that the output is the host's: version
 * 15, a timestamp, then one cpuN line of nine numbers per CPU.
 */
#define _GNU_SOURCE
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/wait.h>
#include "check.h"

struct stat3 {
	unsigned long long run, delay, count;
};

static int read_self(struct stat3 *s)
{
	FILE *f = fopen("/proc/self/schedstat", "r");
	char tail;
	int n;

	if (!f)
		return -1;
	n = fscanf(f, "%llu %llu %llu%c", &s->run, &s->delay, &s->count, &tail);
	fclose(f);
	return n == 4 && tail == '\n' ? 0 : -1;
}

static long long mono_ms(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return t.tv_sec * 1000LL + t.tv_nsec / 1000000;
}

static void spin_cpu_ms(int ms)
{
	struct timespec a, b;

	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &a);
	do
		clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &b);
	while ((b.tv_sec - a.tv_sec) * 1000 + (b.tv_nsec - a.tv_nsec) / 1000000 < ms);
}

static void pin(int cpu)
{
	cpu_set_t set;

	CPU_ZERO(&set);
	CPU_SET(cpu, &set);
	sched_setaffinity(0, sizeof(set), &set);
}

/* Silent: each line as Linux's version 15 has it (no domain lines). */
static int schedstat_ok(void)
{
	FILE *f = fopen("/proc/schedstat", "r");
	char line[512];
	int version = 0, ts = 0, cpus = 0, ok = 1;

	if (!f)
		return 1;	/* not every Linux has it */
	while (fgets(line, sizeof(line), f)) {
		unsigned long v[9];
		int cpu;
		if (sscanf(line, "version %d", &version) == 1)
			continue;
		if (!strncmp(line, "timestamp ", 10)) {
			ts = 1;
			continue;
		}
		if (!strncmp(line, "domain", 6))
			continue;
		ok &= sscanf(line, "cpu%d %lu %lu %lu %lu %lu %lu %lu %lu %lu",
			     &cpu, &v[0], &v[1], &v[2], &v[3], &v[4], &v[5],
			     &v[6], &v[7], &v[8]) == 10 && cpu == cpus;
		cpus++;
	}
	fclose(f);
	return ok && version == 15 && ts && cpus == sysconf(_SC_NPROCESSORS_ONLN);
}

int main(void)
{
	struct stat3 a, b;
	int all_ok = schedstat_ok();	/* before we pin ourselves */

	report(read_self(&a) == 0, "/proc/self/schedstat: three numbers and a newline");
	spin_cpu_ms(50);
	read_self(&b);
	report(b.run - a.run >= 45000000ULL && b.run - a.run < 5000000000ULL,
	       "50 ms of spinning: the time on the CPU grew by about that");

	read_self(&a);
	for (int i = 0; i < 10; i++) {
		struct timespec nap = { 0, 2000000 };
		nanosleep(&nap, NULL);
	}
	read_self(&b);
	report(b.count - a.count >= 10, "10 sleeps: given a CPU at least 10 more times");

	/* A hog on our CPU: we wait on the queue while it runs. */
	pin(sched_getcpu());
	pid_t hog = fork();
	if (hog == 0) {
		for (;;)
			;
	}
	read_self(&a);
	long long end = mono_ms() + 300;
	while (mono_ms() < end)
		;
	read_self(&b);
	kill(hog, SIGKILL);
	waitpid(hog, NULL, 0);
	report(b.delay - a.delay >= 20000000ULL,
	       "sharing one CPU with a hog for 300 ms: run_delay grew by 20 ms or more");

	if (!all_ok)
		report(0, "/proc/schedstat: version 15, timestamp, a cpuN line per CPU");
	printf("%d failed\n", failed);
	return failed != 0;
}
