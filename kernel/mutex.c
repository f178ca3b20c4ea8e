/*
 * mutex.c - the sleeping lock of mutex.h.  Taking an uncontended mutex
 * is one trip through wait.lock; a contended one sleeps on wait.
 */
#include "kernel/kernel.h"
#include "kernel/mutex.h"
#include "kernel/sched.h"

void mutex_init(struct mutex *lock)
{
	lock->owner = NULL;
	init_waitqueue_head(&lock->wait);
}

int mutex_trylock(struct mutex *lock)
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

/* Queued before the retry, so an unlock between the two is not missed:
 * it either lets the trylock succeed or wakes us. */
void mutex_lock(struct mutex *lock)
{
	DEFINE_WAIT(wait);

	BUG_ON(READ_ONCE(lock->owner) == current);	/* not recursive */
	if (mutex_trylock(lock))
		return;
	for (;;) {
		prepare_to_wait_exclusive(&lock->wait, &wait,
					  TASK_UNINTERRUPTIBLE);
		if (mutex_trylock(lock))
			break;
		schedule();
	}
	finish_wait(&lock->wait, &wait);
}

/* Hand over: clear the owner, then wake one waiter, which retries
 * mutex_trylock (a task arriving meanwhile may win; that is fine). */
void mutex_unlock(struct mutex *lock)
{
	unsigned long flags;

	spin_lock_irqsave(&lock->wait.lock, flags);
	BUG_ON(lock->owner != current);
	lock->owner = NULL;
	__wake_up_common(&lock->wait, TASK_NORMAL, 1, 0, NULL);
	spin_unlock_irqrestore(&lock->wait.lock, flags);
}
