/*
 * mutex.c - the sleeping lock of mutex.h.  Taking an uncontended mutex
 * is one trip through wait.lock; a contended one sleeps on wait.
 */
#include "kernel/kernel.h"
#include "kernel/mutex.h"
#include "kernel/sched.h"

void __mutex_init(struct mutex *lock, const char *name,
		  struct lock_class_key *key)
{
	lock->owner = NULL;
	init_waitqueue_head(&lock->wait);
	lockdep_init_map(&lock->dep_map, name, key);
}

static int __mutex_trylock(struct mutex *lock)
{
	unsigned long flags;
	int taken = 0;

	spin_lock_irqsave(&lock->wait.lock, flags);
	if (!lock->owner) {
		lock->owner = current;
		taken = 1;
	}
	spin_unlock_irqrestore(&lock->wait.lock, flags);
	return taken;
}

int mutex_trylock(struct mutex *lock)
{
	if (!__mutex_trylock(lock))
		return 0;
	mutex_acquire(&lock->dep_map, 0, 1, (unsigned long)__builtin_return_address(0));
	return 1;
}

/* Queued before the retry, so an unlock between the two is not missed:
 * it either lets the trylock succeed or wakes us.  The validator hears
 * of the lock before we wait for it. */
static void __mutex_lock(struct mutex *lock, unsigned int subclass,
			 unsigned long ip)
{
	DEFINE_WAIT(wait);

	might_sleep();
	mutex_acquire(&lock->dep_map, subclass, 0, ip);
	BUG_ON(READ_ONCE(lock->owner) == current);	/* not recursive */
	if (__mutex_trylock(lock))
		return;
	for (;;) {
		prepare_to_wait_exclusive(&lock->wait, &wait,
					  TASK_UNINTERRUPTIBLE);
		if (__mutex_trylock(lock))
			break;
		schedule();
	}
	finish_wait(&lock->wait, &wait);
}

void mutex_lock(struct mutex *lock)
{
	__mutex_lock(lock, 0, (unsigned long)__builtin_return_address(0));
}

void mutex_lock_nested(struct mutex *lock, unsigned int subclass)
{
	__mutex_lock(lock, subclass, (unsigned long)__builtin_return_address(0));
}

/* Hand over: clear the owner, then wake one waiter, which retries
 * mutex_trylock (a task arriving meanwhile may win; that is fine). */
void mutex_unlock(struct mutex *lock)
{
	unsigned long flags;

	mutex_release(&lock->dep_map, (unsigned long)__builtin_return_address(0));
	spin_lock_irqsave(&lock->wait.lock, flags);
	BUG_ON(lock->owner != current);
	lock->owner = NULL;
	__wake_up_common(&lock->wait, TASK_NORMAL, 1, 0, NULL);
	spin_unlock_irqrestore(&lock->wait.lock, flags);
}
