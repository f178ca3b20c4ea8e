/*
 * smp_affinity: sched_setaffinity is honoured.  Pinned to each CPU it
 * may use, in turn, the program finds itself there (getcpu), also after
 * a sleep and after spinning long enough to be preempted; children
 * pinned to different CPUs each stay on theirs while they all spin at
 * once; the mask read back is the one set.  Prints nothing that depends
 * on how many CPUs there are, so the host's output is the kernel's.
 */
#define _GNU_SOURCE
#include <sched.h>
#include <stdio.h>
#include <time.h>
#include <unistd.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include "check.h"

static int this_cpu(void)
{
	unsigned cpu = ~0u;

	syscall(SYS_getcpu, &cpu, NULL, NULL);
	return (int)cpu;
}

static int pin(int cpu)
{
	cpu_set_t set;

	CPU_ZERO(&set);
	CPU_SET(cpu, &set);
	return sched_setaffinity(0, sizeof(set), &set);
}

static void spin_ms(int ms)
{
	struct timespec a, b;

	clock_gettime(CLOCK_MONOTONIC, &a);
	do
		clock_gettime(CLOCK_MONOTONIC, &b);
	while ((b.tv_sec - a.tv_sec) * 1000 + (b.tv_nsec - a.tv_nsec) / 1000000 < ms);
}

int main(void)
{
	cpu_set_t all, got;
	int cpus[64], n = 0, ok_here = 1, ok_sleep = 1, ok_spin = 1, ok_mask = 1;

	CPU_ZERO(&all);
	report(sched_getaffinity(0, sizeof(all), &all) == 0, "sched_getaffinity");
	for (int c = 0; c < 64 && c < CPU_SETSIZE; c++)
		if (CPU_ISSET(c, &all))
			cpus[n++] = c;
	report(n >= 1, "at least one CPU allowed");
	struct timespec nap = { 0, 5 * 1000 * 1000 };
	for (int i = 0; i < n; i++) {
		if (pin(cpus[i]) != 0) {
			ok_here = 0;
			continue;
		}
		ok_here &= this_cpu() == cpus[i];
		nanosleep(&nap, NULL);
		ok_sleep &= this_cpu() == cpus[i];
		spin_ms(30);
		ok_spin &= this_cpu() == cpus[i];
		CPU_ZERO(&got);
		sched_getaffinity(0, sizeof(got), &got);
		ok_mask &= CPU_COUNT(&got) == 1 && CPU_ISSET(cpus[i], &got);
	}
	report(ok_here, "pinned to each CPU in turn, getcpu says that CPU");
	report(ok_sleep, "still there after a sleep");
	report(ok_spin, "still there after 30 ms of spinning");
	report(ok_mask, "sched_getaffinity gives back the one CPU set");

	/* One child per CPU, each pinned and spinning at the same time. */
	pid_t kids[64];
	for (int i = 0; i < n; i++) {
		kids[i] = fork();
		if (kids[i] == 0) {
			int good = pin(cpus[i]) == 0;
			for (int k = 0; k < 20 && good; k++) {
				spin_ms(5);
				good = this_cpu() == cpus[i];
			}
			_exit(good ? 0 : 1);
		}
	}
	int all_good = 1;
	for (int i = 0; i < n; i++) {
		int st = -1;
		waitpid(kids[i], &st, 0);
		all_good &= WIFEXITED(st) && WEXITSTATUS(st) == 0;
	}
	report(all_good, "children pinned one per CPU stay on theirs");

	report(sched_setaffinity(0, sizeof(all), &all) == 0, "the full mask back");
	cpu_set_t none;
	CPU_ZERO(&none);
	report(sched_setaffinity(0, sizeof(none), &none) == -1, "an empty mask is refused (EINVAL)");
	printf("%s\n", failed ? "smp_affinity: FAILED" : "smp_affinity: all passed");
	return failed != 0;
}
