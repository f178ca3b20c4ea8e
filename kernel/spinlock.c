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

void do_raw_spin_lock(spinlock_t *lock)
{
	/* One CPU: if the lock is held, its holder is below us on this very
	 * stack (a preempted task cannot hold one: spin_lock disables
	 * preemption). */
	if (__atomic_exchange_n(&lock->locked, 1, __ATOMIC_ACQUIRE))
		panic("spinlock recursion on %s", lock->name);
}

void do_raw_spin_unlock(spinlock_t *lock)
{
	if (!lock->locked)
		panic("unlocking spinlock %s that is not held", lock->name);
	__atomic_store_n(&lock->locked, 0, __ATOMIC_RELEASE);
}

void spin_lock(spinlock_t *lock)
{
	preempt_disable();
	do_raw_spin_lock(lock);
}

void spin_unlock(spinlock_t *lock)
{
	do_raw_spin_unlock(lock);
	preempt_enable();
}

bool spin_is_locked(spinlock_t *lock)
{
	return lock->locked;
}
