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
 * The counter is per CPU, as Linux's __preempt_count: it says whether
 * the task on this CPU may be switched out, and each change is one
 * instruction on this CPU's copy (kernel/percpu.h), so an interrupt or a
 * migration can come only before or after it.  It is not saved per task:
 * a task only switches out inside __schedule(), always with the count at
 * the same value, and the task switched to finds it there and drops it
 * itself (schedule() or schedule_tail()), whichever CPU it is on.
 *
 * Context: any.
 */
#ifndef KERNEL_PREEMPT_H
#define KERNEL_PREEMPT_H

#include "kernel/types.h"
#include "kernel/percpu.h"

DECLARE_PER_CPU(int, __preempt_count);

static inline int preempt_count(void)
{
	return this_cpu_read(__preempt_count);
}

static inline void preempt_disable(void)
{
	this_cpu_inc(__preempt_count);
	barrier();
}

/* Drop the count without looking for a pending reschedule: for paths
 * that are about to schedule anyway, or that run with interrupts off. */
static inline void preempt_enable_no_resched(void)
{
	barrier();
	this_cpu_dec(__preempt_count);
}

/* Decrement, and say whether the count reached zero: one instruction
 * and its flags (Linux's __preempt_count_dec_and_test). */
static inline bool __preempt_count_dec_and_test(void)
{
	bool zero;

	__asm__ __volatile__("decl %0"
			     : "+m"(__this_cpu_var(__preempt_count)), "=@ccz"(zero));
	return zero;
}

/* kernel/sched.c: switch away if need_resched was set while we were
 * not preemptible, and we are now. */
void preempt_schedule(void);

static inline void preempt_enable(void)
{
	barrier();
	if (__preempt_count_dec_and_test())
		preempt_schedule();
}

#endif
