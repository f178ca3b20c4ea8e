/*
 * rwsem.c - the reader/writer semaphore of rwsem.h (Linux's
 * kernel/locking/rwsem.c, in its simplest form: one wait queue, every
 * waiter woken to retry when the lock may have become free).
 *
 * Waking every waiter at each release is a thundering herd in theory;
 * here a lock has a few waiters at most (the threads of one process),
 * and it keeps the hand-over rule in one place, the two trylocks below.
 */
#include "kernel/kernel.h"
#include "kernel/rwsem.h"
#include "kernel/sched.h"

void __init_rwsem(struct rw_semaphore *sem, const char *name,
		  struct lock_class_key *key)
{
	sem->count = 0;
	sem->writers_waiting = 0;
	sem->owner = NULL;
	init_waitqueue_head(&sem->wait);
	lockdep_init_map(&sem->dep_map, name, key);
}

/* wait.lock held.  A reader gets in if no writer holds it or waits for
 * it (a reader woken to retry included: the writer goes first). */
static bool __read_trylock(struct rw_semaphore *sem)
{
	if (sem->count < 0 || sem->writers_waiting)
		return false;
	sem->count++;
	return true;
}

/* wait.lock held.  A writer gets in if nobody holds it. */
static bool __write_trylock(struct rw_semaphore *sem)
{
	if (sem->count)
		return false;
	sem->count = -1;
	sem->owner = current;
	return true;
}

static int rwsem_trylock(struct rw_semaphore *sem, bool write)
{
	unsigned long flags;
	bool taken;

	spin_lock_irqsave(&sem->wait.lock, flags);
	taken = write ? __write_trylock(sem) : __read_trylock(sem);
	spin_unlock_irqrestore(&sem->wait.lock, flags);
	return taken;
}

int down_read_trylock(struct rw_semaphore *sem)
{
	if (!rwsem_trylock(sem, false))
		return 0;
	mutex_acquire(&sem->dep_map, 0, 1, (unsigned long)__builtin_return_address(0));
	return 1;
}

int down_write_trylock(struct rw_semaphore *sem)
{
	if (!rwsem_trylock(sem, true))
		return 0;
	mutex_acquire(&sem->dep_map, 0, 1, (unsigned long)__builtin_return_address(0));
	return 1;
}

/*
 * Sleep until the trylock for our side succeeds.  Queued before each
 * retry, so a release between the two is not missed: it either lets the
 * retry succeed or wakes us.  A waiting writer is counted for the whole
 * wait (readers arriving meanwhile queue behind it).  The validator
 * hears of the lock before we wait for it.
 */
static void rwsem_down(struct rw_semaphore *sem, bool write, unsigned long ip)
{
	DEFINE_WAIT(wait);
	unsigned long flags;

	might_sleep();
	mutex_acquire(&sem->dep_map, 0, 0, ip);
	BUG_ON(READ_ONCE(sem->owner) == current);	/* not recursive */
	spin_lock_irqsave(&sem->wait.lock, flags);
	if (write ? __write_trylock(sem) : __read_trylock(sem)) {
		spin_unlock_irqrestore(&sem->wait.lock, flags);
		return;
	}
	if (write)
		sem->writers_waiting++;
	spin_unlock_irqrestore(&sem->wait.lock, flags);
	for (;;) {
		prepare_to_wait(&sem->wait, &wait, TASK_UNINTERRUPTIBLE);
		spin_lock_irqsave(&sem->wait.lock, flags);
		bool taken = write ? __write_trylock(sem) : __read_trylock(sem);
		if (taken && write)
			sem->writers_waiting--;
		spin_unlock_irqrestore(&sem->wait.lock, flags);
		if (taken)
			break;
		schedule();
	}
	finish_wait(&sem->wait, &wait);
}

void down_read(struct rw_semaphore *sem)
{
	rwsem_down(sem, false, (unsigned long)__builtin_return_address(0));
}

void down_write(struct rw_semaphore *sem)
{
	rwsem_down(sem, true, (unsigned long)__builtin_return_address(0));
}

/* wait.lock held: whoever waits retries (a writer that finds readers
 * still in, or readers that find a writer first, sleep again). */
static void rwsem_wake(struct rw_semaphore *sem)
{
	__wake_up_common(&sem->wait, TASK_NORMAL, 0, 0, NULL);
}

void up_read(struct rw_semaphore *sem)
{
	unsigned long flags;

	mutex_release(&sem->dep_map, (unsigned long)__builtin_return_address(0));
	spin_lock_irqsave(&sem->wait.lock, flags);
	BUG_ON(sem->count <= 0);
	if (--sem->count == 0)
		rwsem_wake(sem);
	spin_unlock_irqrestore(&sem->wait.lock, flags);
}

void up_write(struct rw_semaphore *sem)
{
	unsigned long flags;

	mutex_release(&sem->dep_map, (unsigned long)__builtin_return_address(0));
	spin_lock_irqsave(&sem->wait.lock, flags);
	BUG_ON(sem->count != -1 || sem->owner != current);
	sem->count = 0;
	sem->owner = NULL;
	rwsem_wake(sem);
	spin_unlock_irqrestore(&sem->wait.lock, flags);
}

/* Still held, now as one reader; waiting readers may join unless a
 * writer waits (it keeps its place).  For the validator nothing
 * changes: it sees one lock, held. */
void downgrade_write(struct rw_semaphore *sem)
{
	unsigned long flags;

	spin_lock_irqsave(&sem->wait.lock, flags);
	BUG_ON(sem->count != -1 || sem->owner != current);
	sem->count = 1;
	sem->owner = NULL;
	rwsem_wake(sem);
	spin_unlock_irqrestore(&sem->wait.lock, flags);
}
