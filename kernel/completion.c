/*
 * completion.c - see completion.h.
 */
#include "kernel/kernel.h"
#include "kernel/completion.h"

#define COMPLETE_ALL	(~0u)

void complete(struct completion *x)
{
	unsigned long flags;

	spin_lock_irqsave(&x->wait.lock, flags);
	if (x->done != COMPLETE_ALL)
		x->done++;
	__wake_up_locked(&x->wait, TASK_NORMAL, 1);
	spin_unlock_irqrestore(&x->wait.lock, flags);
}

void complete_all(struct completion *x)
{
	unsigned long flags;

	spin_lock_irqsave(&x->wait.lock, flags);
	x->done = COMPLETE_ALL;
	__wake_up_locked(&x->wait, TASK_NORMAL, 0);
	spin_unlock_irqrestore(&x->wait.lock, flags);
}

/* Take one completion if there is one; wait.lock held. */
static bool try_consume(struct completion *x)
{
	if (!x->done)
		return false;
	if (x->done != COMPLETE_ALL)
		x->done--;
	return true;
}

static long do_wait_for_common(struct completion *x, long timeout)
{
	DEFINE_WAIT(wait);
	unsigned long flags;

	might_sleep();
	for (;;) {
		prepare_to_wait_exclusive(&x->wait, &wait, TASK_UNINTERRUPTIBLE);
		spin_lock_irqsave(&x->wait.lock, flags);
		bool got = try_consume(x);
		spin_unlock_irqrestore(&x->wait.lock, flags);
		if (got) {
			timeout = timeout ? timeout : 1;
			break;
		}
		if (!timeout)
			break;
		timeout = schedule_timeout(timeout);
	}
	finish_wait(&x->wait, &wait);
	return timeout;
}

void wait_for_completion(struct completion *x)
{
	do_wait_for_common(x, MAX_SCHEDULE_TIMEOUT);
}

unsigned long wait_for_completion_timeout(struct completion *x,
					  unsigned long timeout)
{
	return do_wait_for_common(x, timeout);
}

bool completion_done(struct completion *x)
{
	return READ_ONCE(x->done) != 0;
}
