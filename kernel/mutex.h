/*
 * mutex.h - a sleeping lock (Linux's struct mutex, minus the spinning
 * and the debugging).
 *
 * For sections that may sleep while holding the lock: epoll holds
 * ep->mtx across copy_to_user and across f_op->poll calls, which a
 * spinlock (preemption off) must not.  One owner at a time; waiters
 * sleep uninterruptibly, queued exclusive so an unlock wakes one.
 *
 * Context: process context only, never from an interrupt handler.
 * LOCKING: wait.lock guards owner (irqsave, as every wait queue lock).
 */
#ifndef KERNEL_MUTEX_H
#define KERNEL_MUTEX_H

#include "kernel/wait.h"

struct mutex {
	struct task_struct *owner;	/* holder, or NULL when free */
	wait_queue_head_t wait;		/* tasks waiting for it */
};

#define __MUTEX_INITIALIZER(name) \
	{ .owner = NULL, .wait = __WAIT_QUEUE_HEAD_INITIALIZER((name).wait) }
#define DEFINE_MUTEX(name) struct mutex name = __MUTEX_INITIALIZER(name)

void mutex_init(struct mutex *lock);
void mutex_lock(struct mutex *lock);
/* 1 if taken, 0 if someone holds it. */
int mutex_trylock(struct mutex *lock);
void mutex_unlock(struct mutex *lock);

static inline bool mutex_is_locked(struct mutex *lock)
{
	return READ_ONCE(lock->owner) != NULL;
}

#endif
