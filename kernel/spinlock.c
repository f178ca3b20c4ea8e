/*
 * spinlock.c - see spinlock.h.  Any context.
 */
#include "kernel/spinlock.h"
#include "kernel/kernel.h"

void spin_lock_init(spinlock_t *lock)
{
	lock->locked = 0;
	lock->name = "anon";
}

void spin_lock(spinlock_t *lock)
{
	/* One CPU: if the lock is held, its holder is below us on this very
	 * stack (or a preempted task, which must not hold spinlocks). */
	if (__atomic_exchange_n(&lock->locked, 1, __ATOMIC_ACQUIRE))
		panic("spinlock recursion on %s", lock->name);
}

void spin_unlock(spinlock_t *lock)
{
	if (!lock->locked)
		panic("unlocking spinlock %s that is not held", lock->name);
	__atomic_store_n(&lock->locked, 0, __ATOMIC_RELEASE);
}

bool spin_is_locked(spinlock_t *lock)
{
	return lock->locked;
}
