/* smp: the grading test of docs/labs/smp.md.  Two CPUs, a reader pinned
 * to one, a writer pinned to the other, playing ping-pong through one
 * epoll: the reader says "go" in shared memory and calls epoll_wait;
 * the writer sees "go" and writes.  The writer's delay after "go" is
 * steered so that its write keeps landing at the moment the reader's
 * ep_poll decides to sleep: a write that comes too early is found at
 * once (the reader did not sleep), one that comes too late wakes a
 * sleeper; the test moves the delay towards the boundary between the
 * two after every round.  An epoll_wait that sleeps to its timeout
 * while the write it waits for was done long before is a lost wake-up.
 * One line per check, "FAIL: " in front of a failure.  The same binary
 * passes on Linux (with two CPUs or more). */
#define _GNU_SOURCE
#include <fcntl.h>
#include <sched.h>
#include <stdbool.h>
#include <stdint.h>
#include <sys/eventfd.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include "lab.h"

#define LAB_CPUS	2	/* tools/lab.sh boots this many (or $SMP) */
#define TIMEOUT_MS	100	/* each epoll_wait; a lost wake-up costs this */
#define LOST_MS		50	/* pending this long while asleep: lost */
#define ROUNDS		40000	/* ping-pongs per file kind, at most ... */
#define RUN_MS		6000	/* ... and for this long at most */
#define ENOUGH_LOST	3	/* stop a kind once this many are lost */

struct shared {
	volatile unsigned go;		/* round the reader waits in */
	volatile unsigned wrote;	/* round the writer wrote in */
	volatile long long wrote_ns;	/* when that write returned */
	volatile long delay;		/* writer's spin before writing, or
					 * (< 0) the reader's before waiting */
	volatile int writer_cpu;
	volatile int stop;
};

static struct shared *sh;

static long long mono_ns(void)
{
	return now_ns();
}

static int pin(int cpu)
{
	cpu_set_t set;

	CPU_ZERO(&set);
	CPU_SET(cpu, &set);
	if (sched_setaffinity(0, sizeof(set), &set))
		return -1;
	sched_yield();		/* off the old CPU now */
	return sched_getcpu();
}

static void spin(long n)
{
	for (volatile long i = 0; i < n; i++)
		;
}

/* The writer: wait for each "go", spin for the delay the reader set,
 * write one event to wfd (an eventfd or a pipe's write end). */
static int writer(void *arg)
{
	int wfd = *(int *)arg;
	unsigned last = 0;
	uint64_t one = 1;

	sh->writer_cpu = pin(1);
	while (!sh->stop) {
		unsigned g = sh->go;
		if (g == last)
			continue;	/* spins: this CPU is ours */
		last = g;
		if (sh->delay > 0)
			spin(sh->delay);
		if (write(wfd, &one, sizeof(one)) < 0)
			return 1;
		sh->wrote_ns = mono_ns();
		__atomic_store_n(&sh->wrote, g, __ATOMIC_RELEASE);
	}
	return 0;
}

static long nvcsw_self(void)
{
	struct rusage ru;

	getrusage(RUSAGE_SELF, &ru);
	return ru.ru_nvcsw;
}

struct result {
	int rounds, slept, early, lost, late;
	int gone;		/* the writer stopped writing */
	long long worst_ms;	/* the longest an event waited unreported */
};

/* rounds of ping-pong with the writer through an epoll watching rfd
 * with events; each event is read off rfd before the next round. */
static struct result pingpong(int rfd, int wfd, unsigned events)
{
	struct result r = { 0 };
	struct epoll_event ev;
	int ep = epoll_create1(0);
	long step;
	char buf[64];

	ctl(ep, EPOLL_CTL_ADD, rfd, events, 1);
	sh->stop = 0;
	sh->go = sh->wrote = 0;
	sh->delay = 0;
	sh->writer_cpu = 0;
	pid_t kid = spawn(writer, &wfd);
	while (sh->writer_cpu == 0 && kill(kid, 0) == 0)
		msleep(1);	/* it pins itself first */
	step = 16;
	long long end = now_ms() + RUN_MS;
	for (unsigned i = 1; i <= ROUNDS && now_ms() < end; i++) {
		long cs = nvcsw_self();
		__atomic_store_n(&sh->go, i, __ATOMIC_RELEASE);
		if (sh->delay < 0)
			spin(-sh->delay);	/* the writer is the slower */
		int n = epoll_wait(ep, &ev, 1, TIMEOUT_MS);
		long long ret = mono_ns();
		bool slept = nvcsw_self() != cs;
		/* The write is done before we look at it. */
		while (__atomic_load_n(&sh->wrote, __ATOMIC_ACQUIRE) != i)
			if (mono_ns() - ret > 5000000000LL)
				goto writer_gone;
		if (n == 0) {
			long long waited = (ret - sh->wrote_ns) / 1000000;
			if (waited >= LOST_MS) {
				r.lost++;
				if (waited > r.worst_ms)
					r.worst_ms = waited;
			} else {
				r.late++;	/* the write came after the timeout */
			}
		}
		while (read(rfd, buf, sizeof(buf)) > 0)
			;
		r.rounds++;
		/* Steer the writer: too early (found at once) -> later,
		 * too late (it woke a sleeper) -> earlier. */
		if (slept) {
			r.slept++;
			sh->delay -= step;
		} else {
			r.early++;
			sh->delay += step;
		}
		if (r.lost >= ENOUGH_LOST)
			break;
	}
	if (0) {
writer_gone:
		r.gone = 1;
	}
	sh->stop = 1;
	sh->go++;
	reap_within(kid, 2000);
	close(ep);
	return r;
}

static void check_kind(const char *what, int rfd, int wfd, unsigned events)
{
	struct result r = pingpong(rfd, wfd, events);

	if (r.gone)
		report(0, "%s: the writer did not write in round %d", what, r.rounds + 1);

	report(r.lost == 0,
	       "%s: no lost wake-up in %d ping-pongs across CPUs: %d lost (worst: pending %lld ms, unreported), %d writes after the timeout",
	       what, r.rounds, r.lost, r.worst_ms, r.late);
	/* The write must keep meeting the reader on its way to sleep: some
	 * rounds found the event at once, some slept until it came. */
	report(r.slept >= r.rounds / 10 && r.early >= r.rounds / 10,
	       "%s: the writes met the reader going to sleep: slept in %d, found at once in %d",
	       what, r.slept, r.early);
}

int main(void)
{
	int efd, p[2];
	long ncpu = sysconf(_SC_NPROCESSORS_ONLN);

	sh = mmap(NULL, sizeof(*sh), PROT_READ | PROT_WRITE,
		  MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	report(ncpu >= LAB_CPUS, "at least %d CPUs online: %ld", LAB_CPUS, ncpu);
	if (ncpu < LAB_CPUS)
		return 1;
	int me = pin(0);
	report(me == 0, "the reader runs on CPU 0: %d", me);

	efd = eventfd(0, EFD_NONBLOCK);
	check_kind("eventfd, level-triggered", efd, efd, EPOLLIN);
	report(sh->writer_cpu == 1, "the writer ran on CPU 1: %d", sh->writer_cpu);
	pipe2(p, O_NONBLOCK);
	check_kind("pipe, edge-triggered", p[0], p[1], EPOLLIN | EPOLLET);
	return failed != 0;
}
