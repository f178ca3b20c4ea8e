/*
 * wakeup_preempt: a task that sleeps most of the time runs soon after it
 * is woken, even with CPU hogs on its CPU (Linux's wake-up preemption).
 * Three hogs and this process share one CPU; the process sleeps in
 * read() until hog 0 writes to a pipe, and in a 10 ms nanosleep, 20
 * times each, and measures how long it waited after the wake-up.
 *
 * The wait is measured in the hogs' work, not on a clock: each hog
 * counts loop iterations into shared memory, and the iterations done
 * between the wake-up and our running again, divided by how many one
 * hog does in a millisecond alone (the best of 200 short windows, in a
 * child, so that this process stays one that sleeps), say
 * how long the hogs had the CPU meanwhile.  A host that stops the whole
 * guest (QEMU under load) stops the hogs too, so its stalls do not count.
 * A round-robin scheduler that queues the woken task behind the hogs
 * makes it wait for their slices (hundreds of ms); with wake-up
 * preemption it waits a tick at most.  Also: the hogs still share the
 * CPU evenly (waking to the front of the queue does not starve them).
 * With -v it prints the worst waits too (not compared: they vary).
 */
#define _GNU_SOURCE
#include <sched.h>
#include <signal.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include "check.h"

#define NHOGS		3
#define ROUNDS		20
#define LIMIT_MS	50	/* half a slice (100 ms here, less on Linux) */
#define BATCH		4096	/* iterations between looks at anything else */

struct shared {
	volatile uint64_t work[NHOGS];	/* each hog's iterations */
	volatile uint64_t calib;	/* the calibration's */
	volatile double rate;		/* its result */
	volatile int waiting;		/* we are (about to be) in read() */
	volatile uint64_t wake_when;	/* hog 0 writes once its work is here */
	volatile uint64_t woken_at;	/* the hogs' total work at that write */
};

static struct shared *sh;
static int pfd[2];

static uint64_t now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000ULL + (uint64_t)ts.tv_nsec;
}

static uint64_t total_work(void)
{
	uint64_t n = 0;

	for (int i = 0; i < NHOGS; i++)
		n += sh->work[i];
	return n;
}

/* Iterations one hog does in a millisecond on the CPU: the best of 200
 * windows of 1 ms, so that a loaded host, which stops the guest for
 * milliseconds at a time, leaves some window whole. */
static double iterations_per_ms(void)
{
	double best = 0;

	for (int w = 0; w < 200; w++) {
		uint64_t n = 0, t0 = now_ns(), t;
		do {
			for (int j = 0; j < BATCH; j++)
				sh->calib++;
			n += BATCH;
			t = now_ns();
		} while (t - t0 < 1000000);
		double rate = n * 1e6 / (double)(t - t0);
		if (rate > best)
			best = rate;
	}
	return best;
}

static void __attribute__((noreturn)) hog(int i)
{
	for (;;) {
		for (int j = 0; j < BATCH; j++)
			sh->work[i]++;
		if (i == 0 && sh->waiting && sh->work[0] >= sh->wake_when) {
			sh->waiting = 0;
			sh->woken_at = total_work();
			if (write(pfd[1], "x", 1) != 1)
				_exit(1);
		}
	}
}

static int pin_to_first_cpu(void)
{
	cpu_set_t set;

	if (sched_getaffinity(0, sizeof(set), &set) != 0)
		return -1;
	for (int c = 0; c < CPU_SETSIZE; c++)
		if (CPU_ISSET(c, &set)) {
			CPU_ZERO(&set);
			CPU_SET(c, &set);
			return sched_setaffinity(0, sizeof(set), &set);
		}
	return -1;
}

int main(int argc, char **argv)
{
	bool verbose = argc > 1 && !strcmp(argv[1], "-v");

	sh = mmap(NULL, sizeof(*sh), PROT_READ | PROT_WRITE,
		  MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	report(sh != MAP_FAILED, "a shared page for the counters");
	report(pipe(pfd) == 0, "a pipe");
	report(pin_to_first_cpu() == 0, "pinned to one CPU (the hogs inherit it)");
	if (failed)
		return 1;
	/* Measured by a child: 100 ms of spinning would use up our own
	 * slice, and a task that has used its slice waits its turn. */
	pid_t calibrator = fork();
	if (calibrator == 0) {
		sh->rate = iterations_per_ms();
		_exit(0);
	}
	waitpid(calibrator, NULL, 0);
	double rate = sh->rate;
	report(rate > 0, "the hogs' speed measured");

	pid_t kids[NHOGS];
	for (int i = 0; i < NHOGS; i++) {
		kids[i] = fork();
		if (kids[i] == 0)
			hog(i);
	}
	usleep(50000);		/* let them all get going */

	/* Woken by a hog's write: hog 0 writes after 5 ms of its own work. */
	double worst = 0;
	for (int r = 0; r < ROUNDS; r++) {
		char c;
		sh->wake_when = sh->work[0] + (uint64_t)(5 * rate);
		sh->waiting = 1;
		if (read(pfd[0], &c, 1) != 1)
			break;
		double waited = (total_work() - sh->woken_at) / rate;
		if (waited > worst)
			worst = waited;
	}
	if (verbose)
		printf("# pipe: worst %.2f ms of the hogs' CPU (%.0f iterations a ms)\n",
		       worst, rate);
	if (worst < LIMIT_MS)
		report(1, "woken by a CPU hog's pipe write, with %d hogs: ran before the"
		       " hogs had %d ms of CPU, %d times", NHOGS, LIMIT_MS, ROUNDS);
	else
		report(0, "woken by a CPU hog's pipe write, with %d hogs: waited while"
		       " they ran %.0f ms", NHOGS, worst);

	/* Woken by the timer: the hogs' work over a 10 ms sleep, less the
	 * 10 ms they had while we slept. */
	worst = 0;
	for (int r = 0; r < ROUNDS; r++) {
		struct timespec ten = { 0, 10000000 };
		uint64_t before = total_work();
		nanosleep(&ten, NULL);
		double waited = (total_work() - before) / rate - 10;
		if (waited > worst)
			worst = waited;
	}
	if (verbose)
		printf("# nanosleep: worst %.2f ms of the hogs' CPU\n", worst);
	if (worst < LIMIT_MS)
		report(1, "woken from a 10 ms nanosleep, with %d hogs: ran before the"
		       " hogs had %d ms more of CPU, %d times", NHOGS, LIMIT_MS, ROUNDS);
	else
		report(0, "woken from a 10 ms nanosleep, with %d hogs: waited while"
		       " they ran %.0f ms more", NHOGS, worst);

	for (int i = 0; i < NHOGS; i++) {
		kill(kids[i], SIGKILL);
		waitpid(kids[i], NULL, 0);
	}
	uint64_t total = total_work(), least = total;
	for (int i = 0; i < NHOGS; i++)
		if (sh->work[i] < least)
			least = sh->work[i];
	report(least * 2 * NHOGS >= total, "the hogs shared the CPU: each did at"
	       " least half of an even share");
	printf("%s\n", failed ? "wakeup_preempt: FAILED" : "wakeup_preempt: all passed");
	return failed != 0;
}
