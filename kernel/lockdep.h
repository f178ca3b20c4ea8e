/*
 * lockdep.h - the lock validator (kernel/lockdep.c), Linux's lockdep in
 * miniature.
 *
 * A deadlock needs bad luck to happen; the validator finds the bug
 * without it.  It watches every spinlock and mutex being taken and
 * released and remembers, per lock *class* (every lock initialized at
 * one place is one class: all ep->lock, all pipe->mutex), three things:
 *   - the order classes were taken in: holding A while taking B records
 *     the edge A -> B; an edge that closes a cycle (B -> ... -> A already
 *     known) is a possible deadlock: "possible circular locking
 *     dependency detected", with the stack that recorded each edge of
 *     the old order and the current one;
 *   - in which interrupt states it was taken: in a hard-irq handler, or
 *     with interrupts on.  Both is "inconsistent lock state": the
 *     handler can interrupt the holder on its own CPU and spin forever;
 *   - which locks the task holds (current->held_locks), so might_sleep()
 *     in mutex_lock, wait_event and schedule can say "sleeping function
 *     called from invalid context" and name the spinlock held.
 * The first report turns the checks off (the graph may be wrong from
 * there on), as Linux's "turning off the locking correctness validator".
 *
 * Off unless the command line says "lockdep" (or Linux's
 * "prove_locking=1"); then each lock operation costs one test of
 * prove_locking.  make test boots with it on (tools/tests/lockdep.sh).
 *
 * Context: lock_acquire/lock_release any (interrupt handlers included);
 * the validator's own state is guarded by a raw lock with interrupts
 * off, taken only when something new is learned (a class, an edge, a
 * usage), so the common path is lock-free reads.
 */
#ifndef KERNEL_LOCKDEP_H
#define KERNEL_LOCKDEP_H

#include "kernel/lockdep_types.h"

/* Set at boot: track locks at all.  Never changes after boot. */
extern int prove_locking;
/* Still checking: cleared by the first report. */
extern int debug_locks;
/* How many reports were printed (the self-test counts them). */
extern int lockdep_reports;

/* The subclass of the second of two locks of one class taken in a
 * fixed order (spin_lock_nested, mutex_lock_nested). */
#define SINGLE_DEPTH_NESTING	1

void lockdep_init_map(struct lockdep_map *lock, const char *name,
		      struct lock_class_key *key);

/* The hooks: trylock 1 for a trylock that succeeded (it cannot wait,
 * so it orders nothing); ip is the caller's address, for reports. */
void lock_acquire(struct lockdep_map *lock, unsigned int subclass,
		  int trylock, unsigned long ip);
void lock_release(struct lockdep_map *lock, unsigned long ip);
/* Whether current holds lock (any subclass).  1 when not tracking. */
int lock_is_held(const struct lockdep_map *lock);

/* Linux's spellings of the hooks, one branch when off. */
#define lock_acquire_if_on(l, s, t, i)					\
	do {								\
		if (unlikely(prove_locking))				\
			lock_acquire(l, s, t, i);			\
	} while (0)
#define spin_acquire(l, s, t, i)	lock_acquire_if_on(l, s, t, i)
#define mutex_acquire(l, s, t, i)	lock_acquire_if_on(l, s, t, i)
#define spin_release(l, i)						\
	do {								\
		if (unlikely(prove_locking))				\
			lock_release(l, i);				\
	} while (0)
#define mutex_release(l, i)	spin_release(l, i)

/* "the caller must hold this lock": a WARNING if it does not. */
void __lockdep_assert_held(const struct lockdep_map *lock, const char *name,
			   const char *file, int line);
#define lockdep_assert_held(l)						\
	do {								\
		if (unlikely(debug_locks))				\
			__lockdep_assert_held(&(l)->dep_map, #l,	\
					      __FILE__, __LINE__);	\
	} while (0)

/*
 * might_sleep(): "what follows may sleep", so the caller must not be
 * atomic: no spinlock held (preemption off), interrupts on, not in an
 * interrupt handler.  Reports "BUG: sleeping function called from invalid
 * context", with the locks held.  Checked when the validator is on.
 */
void __might_sleep(const char *file, int line);
#define might_sleep()							\
	do {								\
		if (unlikely(debug_locks))				\
			__might_sleep(__FILE__, __LINE__);		\
	} while (0)

struct task_struct;
/* "N locks held by comm/pid:" and one line each. */
void lockdep_print_held_locks(struct task_struct *p);

/*
 * For kernel/lockdep_test.c: reports by the calling task are expected,
 * printed as KTAP comments (so the harness's check does not fail the
 * run) and counted, and the checks are turned back on after each.
 * lockdep_last_report says which kind came last.
 */
enum lockdep_report {
	LOCKDEP_NONE,
	LOCKDEP_CIRCULAR,		/* possible circular locking dependency */
	LOCKDEP_RECURSIVE,		/* possible recursive locking */
	LOCKDEP_INCONSISTENT,		/* inconsistent lock state */
	LOCKDEP_BAD_UNLOCK,		/* bad unlock balance */
	LOCKDEP_SLEEP,			/* sleeping function called from invalid context */
	LOCKDEP_OTHER,
};
void lockdep_expect_reports(struct task_struct *p);
extern enum lockdep_report lockdep_last_report;

#endif
