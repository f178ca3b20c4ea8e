/*
 * preempt.h - the preemption counter.
 *
 * A task may be switched out from under itself only at an interrupt's
 * return (or at preempt_enable()) and only while preempt_count() is zero.
 * Every spinlock holder counts one, so a task never loses the CPU while
 * holding a lock: on one CPU that would be a deadlock for whoever wants
 * the lock next.  Linux folds the hardirq depth into the same word; here
 * it stays apart in hardirq_count (arch/x86_64/irq.h), and preemptible()
 * checks both.
 *
 * There is one CPU, so the counter is a plain global (Linux's per-CPU
 * __preempt_count).  It is not saved per task: a task only switches out
 * inside __schedule(), always with the count at the same value, and the
 * task switched to finds it there and drops it itself (schedule() or
 * schedule_tail()).
 *
 * Context: any.
 */
#ifndef KERNEL_PREEMPT_H
#define KERNEL_PREEMPT_H

#include "kernel/types.h"

extern int __preempt_count;

static inline int preempt_count(void)
{
	return READ_ONCE(__preempt_count);
}

static inline void preempt_disable(void)
{
	__preempt_count++;
	barrier();
}

/* Drop the count without looking for a pending reschedule: for paths
 * that are about to schedule anyway, or that run with interrupts off. */
static inline void preempt_enable_no_resched(void)
{
	barrier();
	__preempt_count--;
}

/* kernel/sched.c: switch away if need_resched was set while we were
 * not preemptible, and we are now. */
void preempt_schedule(void);

static inline void preempt_enable(void)
{
	barrier();
	if (--__preempt_count == 0)
		preempt_schedule();
}

#endif
