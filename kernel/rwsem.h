/*
 * rwsem.h - a sleeping reader/writer lock (Linux's struct rw_semaphore,
 * include/linux/rwsem.h, without the optimistic spinning).
 *
 * Many readers at once, or one writer.  A task that cannot have it
 * sleeps instead of spinning, so a holder may sleep, be preempted and
 * call cond_resched(): mm->mmap_lock is one (kernel/mm_types.h), held
 * for writing across an mmap that fills gigabytes, and for reading by
 * every page fault.
 *
 * Fairness: writers first.  A reader that arrives while a writer waits
 * waits too, or a steady stream of page faults would keep mmap() out
 * for ever.  The price, as in Linux: a task that holds the lock for
 * reading and asks for it again can deadlock against a writer queued in
 * between, so read locks do not nest (the lock validator treats both
 * sides as one exclusive lock and reports a nested read as recursive
 * locking).
 *
 * Context: process context only (down_* may sleep; the trylocks and
 * up_* never do, but the lock is still a task's, never an interrupt
 * handler's).
 * LOCKING: wait.lock (irqsave, as every wait queue lock) guards count
 * and writers_waiting; waiters sleep on wait and retry when woken.
 */
#ifndef KERNEL_RWSEM_H
#define KERNEL_RWSEM_H

#include "kernel/wait.h"

struct rw_semaphore {
	long count;			/* readers holding it; -1: a writer */
	int writers_waiting;		/* writers asleep on wait: readers
					 * keep out while there are any */
	struct task_struct *owner;	/* the writer, or NULL (reports) */
	wait_queue_head_t wait;		/* readers and writers waiting */
	struct lockdep_map dep_map;	/* its class (kernel/lockdep.h) */
};

void __init_rwsem(struct rw_semaphore *sem, const char *name,
		  struct lock_class_key *key);
/* A macro, as spin_lock_init: one lock class per call site. */
#define init_rwsem(sem)							\
	do {								\
		static struct lock_class_key __key;			\
		__init_rwsem((sem), #sem, &__key);			\
	} while (0)

/* May sleep (might_sleep()): no spinlock held, interrupts on. */
void down_read(struct rw_semaphore *sem);
void down_write(struct rw_semaphore *sem);
/* 1 if taken, 0 if it would have to wait.  Never sleep. */
int down_read_trylock(struct rw_semaphore *sem);
int down_write_trylock(struct rw_semaphore *sem);
void up_read(struct rw_semaphore *sem);
void up_write(struct rw_semaphore *sem);
/* The writer becomes a reader without letting go: no other writer can
 * come in between (mmap, then fault the pages in with page faults and
 * /proc readers let in again, fork still kept out). */
void downgrade_write(struct rw_semaphore *sem);

static inline bool rwsem_is_locked(struct rw_semaphore *sem)
{
	return READ_ONCE(sem->count) != 0;
}

#endif
