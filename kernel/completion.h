/*
 * completion.h - "wait until this has happened once", as Linux's
 * struct completion: a count of complete() calls not yet consumed, and a
 * wait queue for the tasks waiting to consume one.
 *
 * Context: complete() and complete_all() from any context (they only
 * wake); wait_for_completion*() in process context.
 * LOCKING: done is read and changed under wait.lock, interrupts off.
 */
#ifndef KERNEL_COMPLETION_H
#define KERNEL_COMPLETION_H

#include "kernel/wait.h"

struct completion {
	unsigned int done;	/* complete()s not yet consumed; ~0: all */
	wait_queue_head_t wait;	/* exclusive waiters */
};

#define COMPLETION_INITIALIZER(work) \
	{ 0, __WAIT_QUEUE_HEAD_INITIALIZER((work).wait) }
#define DECLARE_COMPLETION(work) \
	struct completion work = COMPLETION_INITIALIZER(work)

static inline void init_completion(struct completion *x)
{
	x->done = 0;
	init_waitqueue_head(&x->wait);
}

static inline void reinit_completion(struct completion *x)
{
	x->done = 0;
}

void complete(struct completion *x);
void complete_all(struct completion *x);
void wait_for_completion(struct completion *x);
/* Returns 0 on timeout, else the jiffies left (at least 1). */
unsigned long wait_for_completion_timeout(struct completion *x,
					  unsigned long timeout);
bool completion_done(struct completion *x);

#endif
