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
	struct lockdep_map dep_map;	/* its class (kernel/lockdep.h) */
};

#define __MUTEX_INITIALIZER(name)					\
	{ .owner = NULL, .wait = __WAIT_QUEUE_HEAD_INITIALIZER((name).wait), \
	  .dep_map = STATIC_LOCKDEP_MAP_INIT(#name) }
#define DEFINE_MUTEX(name) struct mutex name = __MUTEX_INITIALIZER(name)

/* A macro, as spin_lock_init: one lock class per call site. */
void __mutex_init(struct mutex *lock, const char *name,
		  struct lock_class_key *key);
#define mutex_init(lock)						\
	do {								\
		static struct lock_class_key __key;			\
		__mutex_init((lock), #lock, &__key);			\
	} while (0)

/* May sleep (might_sleep()): process context, no spinlock held. */
void mutex_lock(struct mutex *lock);
/* For two mutexes of one class taken in a fixed order (the validator's
 * subclass, as spin_lock_nested). */
void mutex_lock_nested(struct mutex *lock, unsigned int subclass);
/* 1 if taken, 0 if someone holds it. */
int mutex_trylock(struct mutex *lock);
void mutex_unlock(struct mutex *lock);

static inline bool mutex_is_locked(struct mutex *lock)
{
	return READ_ONCE(lock->owner) != NULL;
}

#endif
