/*
 * spinlock.h - spinlocks that spin: ticket locks (Linux's x86 spinlock
 * until 4.2, arch_spinlock_t's head and tail).
 *
 * A lock is two counters.  To take it, a CPU draws a ticket, tail++
 * (one atomic fetch-and-add), and waits until head, the ticket being
 * served, reaches its number; unlocking serves the next, head++.  So
 * CPUs get the lock in the order they asked for it, none can starve,
 * and the wait is a read loop on one cache line.  The acquire on the
 * read that sees our ticket and the release on head++ are the lock's
 * memory ordering: whatever the holder wrote is seen by the next holder.
 *
 * What keeps whom out:
 *   - other CPUs: the lock word itself;
 *   - other tasks on this CPU: spin_lock() disables preemption until
 *     the matching spin_unlock(), so a holder never loses its CPU (a
 *     preempted holder would make everyone else spin for a time slice);
 *   - interrupt handlers on this CPU: spin_lock_irqsave() turns this
 *     CPU's interrupts off before it takes the lock, and must be used for
 *     any lock an interrupt handler also takes: otherwise the handler
 *     could interrupt the holder on its own CPU and spin forever.
 *     Interrupts off on this CPU do nothing about the others: they can
 *     still take the lock, which is why the lock word is needed too.
 * A lock held by this CPU that this CPU asks for again can never be
 * given, so that is reported ("spinlock recursion"), and so is a wait
 * of more than a few seconds ("spinlock lockup suspected"), with the
 * holder's CPU: both are bugs, and a hang says nothing.  With the lock
 * validator on (boot option "lockdep", kernel/lockdep.h) spin_lock and
 * the rest also tell it each lock taken and released, before waiting,
 * so that a bad order is reported even when it did not deadlock;
 * do_raw_spin_lock and friends, the lock word alone, are not seen.
 *
 * The user-copy rule, the kernel's one locking rule (Linux's): no copy to
 * or from user memory while holding a spinlock.  That is copy_to_user,
 * copy_from_user, get_user, put_user, clear_user, strncpy_from_user, and
 * everything built on them (memcpy_to_msg, memcpy_from_msg,
 * ring_copy_user ...).  A copy can fault, and the fault can sleep (to
 * read or allocate a page); sleeping with preemption off hangs one CPU's
 * scheduler, and with SMP another CPU spins on the lock meanwhile.  Two
 * ways to follow it:
 *   - copy through a kernel buffer: take the data under the lock, drop
 *     the lock, then copy out (net/tcp.c, net/udp.c; copying in first,
 *     then taking the lock, likewise);
 *   - guard the data with a sleeping lock instead, a struct mutex, held
 *     across the copy (fs/pipe.c's pipe->mutex, AF_UNIX's iolock,
 *     net/unix/stream.c).
 * Every user access checks it (might_fault(), arch/x86_64/uaccess.c) and
 * prints Linux's "BUG: sleeping function called from invalid context",
 * which fails the test run.  Each file's LOCKING comment says which of
 * the two it does.
 */
#ifndef KERNEL_SPINLOCK_H
#define KERNEL_SPINLOCK_H

#include "kernel/types.h"
#include "kernel/preempt.h"
#include "kernel/lockdep.h"
#include "arch/x86_64/cpu.h"

typedef struct {
	u16 head;		/* the ticket being served (the holder's) */
	u16 tail;		/* the next ticket to be drawn */
	int owner;		/* the holder's CPU + 1, 0 if free (so an
				 * all-zero lock is a free one): reports */
	struct lockdep_map dep_map;	/* its class and its name, for the
					 * validator's reports and ours */
} spinlock_t;

#define __SPIN_LOCK_UNLOCKED(n)						\
	{ .head = 0, .tail = 0, .owner = 0,				\
	  .dep_map = STATIC_LOCKDEP_MAP_INIT(#n) }
#define DEFINE_SPINLOCK(n) spinlock_t n = __SPIN_LOCK_UNLOCKED(n)

/* A macro, as Linux's: each call site has its own key, so every lock
 * initialized here is one lock class for the validator. */
void __spin_lock_init(spinlock_t *lock, const char *name,
		      struct lock_class_key *key);
#define spin_lock_init(lock)						\
	do {								\
		static struct lock_class_key __key;			\
		__spin_lock_init((lock), #lock, &__key);		\
	} while (0)

void spin_lock(spinlock_t *lock);
/* For two locks of one class taken in a fixed order (the validator's
 * subclass: 0 for the outer, 1 for the next ...). */
void spin_lock_nested(spinlock_t *lock, int subclass);
void spin_unlock(spinlock_t *lock);
/* Take the lock if it is free; 1 if taken (then unlock as usual). */
int spin_trylock(spinlock_t *lock);
/* Whether anyone holds it: a snapshot, for reports. */
bool spin_is_locked(spinlock_t *lock);
/* Whether this CPU holds it, so the task that asks (which cannot have
 * moved: it holds a spinlock) does.  For assertions. */
bool spin_is_locked_by_me(spinlock_t *lock);
/* The lock word alone, without the preemption count or the validator. */
void do_raw_spin_lock(spinlock_t *lock);
void do_raw_spin_unlock(spinlock_t *lock);
int do_raw_spin_trylock(spinlock_t *lock);

/* Interrupts off, then the lock (spinlock.c). */
unsigned long _spin_lock_irqsave(spinlock_t *lock);
void _spin_unlock_irqrestore(spinlock_t *lock, unsigned long flags);
#define spin_lock_irqsave(lock, flags)					\
	do {								\
		(flags) = _spin_lock_irqsave(lock);			\
	} while (0)
#define spin_unlock_irqrestore(lock, flags)				\
	_spin_unlock_irqrestore(lock, flags)

#endif
