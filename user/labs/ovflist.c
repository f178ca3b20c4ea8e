/* ovflist: the grading test of docs/labs/ovflist.md.  An event that
 * arrives while epoll_wait is in the middle of copying events out (the
 * scan: ep_send_events between ep_start_scan and ep_done_scan) must be
 * reported by a later call, not lost.
 *
 * How the event is made to arrive there: one CPU, round-robin.  The
 * reader watches thousands of ready descriptors (dups of one eventfd),
 * so each epoll_wait spends almost all its time in the scan, and calls
 * it back to back.  A writer process, runnable all along, gets the CPU
 * only when the reader's time slice ends, which is then almost surely
 * in the middle of a scan; it writes once and goes back to sleep.  The
 * writer is SCHED_BATCH: a woken task of any other policy would preempt
 * the reader at once (wake-up preemption), in the write that woke it.  A
 * flag in shared memory says whether the reader was inside epoll_wait
 * at that moment.  What it writes, by turns: another eventfd, y, that
 * no list holds (twice: one item, two callbacks), the same as an
 * edge-triggered item, and the eventfd behind the thousands of items,
 * which are all on a list already (the scan's or rdllist).  One line
 * per check, "FAIL: " in front of a failure. */
#include <sched.h>
#include <stdint.h>
#include <stdlib.h>
#include <sys/eventfd.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include "../tests/epoll_common.h"

#define NITEMS 8192		/* ready items: a scan of some 2 ms (TCG) */
#define TRIALS 6
#define Y_COOKIE 0x4242ULL
#define AFTER_CALLS 3		/* calls after the write that are checked */

struct shared {
	volatile int in_call;	/* the reader is between its epoll_wait's
				 * entry and return */
	volatile int written;	/* the writer has written y this trial */
	volatile int hit;	/* in_call as the writer saw it then */
};

static struct epoll_event out[NITEMS + 1];

/* Sleeps until told what to write: 'y' (y, twice) or 'm' (many). */
static void writer(struct shared *sh, int go, int y, int many)
{
	uint64_t one = 1;
	char c;
	struct sched_param batch = { 0 };

	/* The raw call: musl's sched_setscheduler is ENOSYS by design. */
	syscall(SYS_sched_setscheduler, 0, SCHED_BATCH, &batch);
	while (read(go, &c, 1) == 1 && c != 'q') {
		int hit = sh->in_call;
		write(c == 'y' ? y : many, &one, 8);
		if (c == 'y')
			write(y, &one, 8);
		sh->hit = hit;
		sh->written = 1;
	}
	_exit(0);
}

static int has_y(int n)
{
	for (int i = 0; i < n; i++)
		if (out[i].data.u64 == Y_COOKIE)
			return 1;
	return 0;
}

/* Whether out[] holds each of the many items exactly once, and no y. */
static int each_once(int n)
{
	static unsigned char seen[NITEMS];

	if (n != NITEMS)
		return 0;
	memset(seen, 0, sizeof(seen));
	for (int i = 0; i < n; i++) {
		unsigned long long c = out[i].data.u64;
		if (c >= NITEMS || seen[c]++)
			return 0;
	}
	return 1;
}

int main(void)
{
	struct rlimit rl = { NITEMS + 64, NITEMS + 64 };
	struct shared *sh = mmap(NULL, sizeof(*sh), PROT_READ | PROT_WRITE,
				 MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	int go[2], y = eventfd(0, EFD_NONBLOCK), many = eventfd(1, 0), hits = 0;
	uint64_t v;

	if (setrlimit(RLIMIT_NOFILE, &rl) || sh == MAP_FAILED) {
		report(0, "setup: RLIMIT_NOFILE %d and a shared page", NITEMS + 64);
		return 1;
	}
	pipe(go);
	if (fork() == 0)	/* before the dups: a small descriptor table */
		writer(sh, go[0], y, many);
	close(go[0]);

	int ep = epoll_create1(0), added = 0;
	for (int i = 0; i < NITEMS; i++) {
		int d = dup(many);
		added += d >= 0 && ctl(ep, EPOLL_CTL_ADD, d, EPOLLIN, i) == 0;
	}
	ctl(ep, EPOLL_CTL_ADD, y, EPOLLIN, Y_COOKIE);
	int n = epoll_wait(ep, out, NITEMS + 1, 0);
	report(added == NITEMS && n == NITEMS,
	       "setup: %d ready items, all reported by one call, y quiet", NITEMS);

	for (int t = 0; t < TRIALS; t++) {
		int kind = t % 3, after = 0, ok = kind == 2;
		static const char *what[] = {
			"y, level-triggered", "y, edge-triggered",
			"the file of the 8192 items",
		};
		ctl(ep, EPOLL_CTL_MOD, y, EPOLLIN | (kind == 1 ? EPOLLET : 0), Y_COOKIE);
		sh->written = 0;
		/* The writer runs at our next preemption. */
		write(go[1], kind == 2 ? "m" : "y", 1);
		long long deadline = now_ns() + 3000000000LL;
		while (after <= AFTER_CALLS && now_ns() < deadline) {
			sh->in_call = 1;
			n = epoll_wait(ep, out, NITEMS + 1, 0);
			sh->in_call = 0;
			if (!sh->written)
				continue;
			/* y: reported by one of the calls from the one the
			 * write fell in; the items: each once by the calls
			 * after it. */
			if (kind < 2)
				ok |= has_y(n);
			else if (after > 0)
				ok &= each_once(n);
			after++;
		}
		hits += sh->hit;
		report(ok && sh->written, "trial %d (%s): written %s epoll_wait; %s: %s",
		       t + 1, what[kind],
		       !sh->written ? "never (the writer did not run)" :
		       sh->hit ? "during" : "outside",
		       kind < 2 ? "y reported by a later call" :
				  "later calls report each item once",
		       yesno(ok));
		read(kind == 2 ? many : y, &v, 8);
		if (kind == 2)
			write(many, &(uint64_t){ 1 }, 8);	/* stays ready */
	}
	report(hits > 0, "the write landed during epoll_wait in %d of %d trials (needs one at least)",
	       hits, TRIALS);
	write(go[1], "q", 1);
	return failed != 0;
}
