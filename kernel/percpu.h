/*
 * percpu.h - per-CPU variables, in the form Linux gives them on a
 * kernel built for one CPU (include/asm-generic/percpu.h without
 * CONFIG_SMP): each variable exists once, and "this CPU's copy" is that
 * one.  Code written against these names needs no change when the SMP
 * work (issue 12) makes them one copy per CPU, reached through GS:
 *
 *	static DEFINE_PER_CPU(struct hrtimer_cpu_base, hrtimer_bases);
 *	struct hrtimer_cpu_base *b = this_cpu_ptr(&hrtimer_bases);
 *	struct hrtimer_cpu_base *b0 = per_cpu_ptr(&hrtimer_bases, 0);
 *
 * this_cpu_ptr() is stable only while the task cannot move to another
 * CPU: with interrupts or preemption off, or in an interrupt handler.
 */
#ifndef KERNEL_PERCPU_H
#define KERNEL_PERCPU_H

#include "kernel/types.h"

#define NR_CPUS			1

#define DEFINE_PER_CPU(type, name)	__typeof__(type) name
#define DECLARE_PER_CPU(type, name)	extern __typeof__(type) name

#define this_cpu_ptr(ptr)		(ptr)
#define per_cpu_ptr(ptr, cpu)		((void)(cpu), (ptr))
#define per_cpu(var, cpu)		(*per_cpu_ptr(&(var), cpu))

static inline int smp_processor_id(void)
{
	return 0;
}

#define for_each_possible_cpu(cpu) \
	for ((cpu) = 0; (cpu) < NR_CPUS; (cpu)++)

#endif
