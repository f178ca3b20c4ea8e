/*
 * percpu.h - per-CPU variables, Linux's way on x86-64: one copy of each
 * per CPU, this CPU's reached through the GS segment.
 *
 *	static DEFINE_PER_CPU(struct hrtimer_cpu_base, hrtimer_bases);
 *	struct hrtimer_cpu_base *b = this_cpu_ptr(&hrtimer_bases);
 *	struct hrtimer_cpu_base *b0 = per_cpu_ptr(&hrtimer_bases, 0);
 *	this_cpu_inc(__preempt_count);	  (one instruction: irq-safe)
 *
 * DEFINE_PER_CPU puts the variable in the section .data..percpu.  That
 * section, as linked, is only a template (between __per_cpu_start and
 * __per_cpu_end): setup_per_cpu_areas() (arch/x86_64/setup_percpu.c)
 * gives every CPU a copy of it, CPU 0's included, and records where in
 * __per_cpu_offset[cpu] (the copy's address minus __per_cpu_start).
 * Each CPU keeps its own offset in its GS base, so "%gs:var" is this
 * CPU's copy of var and a per-CPU access is one instruction, without
 * knowing which CPU we are on.  Until the copies exist (the first steps
 * of start_kernel) CPU 0's GS base is 0 and the template is its copy.
 *
 * Rules, as Linux's:
 *   - reach a per-CPU variable only through these macros: its name
 *     alone is the template, which nobody uses after boot;
 *   - no static initializer that points into the variable itself
 *     (LIST_HEAD_INIT): the copies would point into the template.  Such
 *     variables are set up at run time, per CPU;
 *   - this_cpu_ptr() and smp_processor_id() are stable only while the
 *     task cannot move to another CPU: with preemption or interrupts off,
 *     or in an interrupt handler.  this_cpu_read/write/inc/dec are one
 *     instruction each, so they are safe anywhere (against an interrupt
 *     and against migration), but what they read may be stale a moment
 *     later if preemption is on.
 *
 * User mode owns GS too (arch_prctl(ARCH_SET_GS)): the entry code swaps
 * the two bases with SWAPGS on every way in from and out to user mode
 * (arch/x86_64/entry.S), so in the kernel GS is always this CPU's.
 */
#ifndef KERNEL_PERCPU_H
#define KERNEL_PERCPU_H

#include "kernel/types.h"

#define NR_CPUS			8

#define PER_CPU_SECTION		".data..percpu"
#define DEFINE_PER_CPU(type, name) \
	__attribute__((section(PER_CPU_SECTION))) __typeof__(type) name
#define DECLARE_PER_CPU(type, name) \
	extern __attribute__((section(PER_CPU_SECTION))) __typeof__(type) name

/* Where CPU cpu's copy is, relative to the template (setup_percpu.c). */
extern unsigned long __per_cpu_offset[NR_CPUS];
/* The same for this CPU, read through GS: this CPU's own offset. */
DECLARE_PER_CPU(unsigned long, this_cpu_off);
DECLARE_PER_CPU(int, cpu_number);

/* The variable var as seen through GS: this CPU's copy.  Accesses to it
 * are single instructions with a %gs: prefix. */
#define __this_cpu_var(var) \
	(*(__seg_gs __typeof__(var) *)(unsigned long)&(var))
#define __this_cpu_var_volatile(var) \
	(*(volatile __seg_gs __typeof__(var) *)(unsigned long)&(var))

#define this_cpu_read(var)		__this_cpu_var_volatile(var)
#define this_cpu_write(var, val)	(__this_cpu_var_volatile(var) = (val))
/* For what never changes under a running task (current, cpu_number of
 * a pinned context): the compiler may keep the value it read. */
#define this_cpu_read_stable(var)	__this_cpu_var(var)

/* Read-modify-write in one instruction (an interrupt comes before or
 * after it, and the task cannot move in the middle of it). */
#define this_cpu_add(var, val)						\
	__asm__ __volatile__("add%z0 %1, %0"				\
			     : "+m"(__this_cpu_var(var))		\
			     : "ri"((__typeof__(var))(val)))
#define this_cpu_sub(var, val)						\
	__asm__ __volatile__("sub%z0 %1, %0"				\
			     : "+m"(__this_cpu_var(var))		\
			     : "ri"((__typeof__(var))(val)))
#define this_cpu_inc(var)	this_cpu_add(var, 1)
#define this_cpu_dec(var)	this_cpu_sub(var, 1)

#define per_cpu_ptr(ptr, cpu) \
	((__typeof__(ptr))((unsigned long)(ptr) + __per_cpu_offset[(cpu)]))
#define this_cpu_ptr(ptr) \
	((__typeof__(ptr))((unsigned long)(ptr) + this_cpu_read(this_cpu_off)))
#define per_cpu(var, cpu)		(*per_cpu_ptr(&(var), cpu))

/* The CPU we run on: stable only where this_cpu_ptr() is (above). */
static inline int smp_processor_id(void)
{
	return this_cpu_read(cpu_number);
}

/*
 * Which CPUs exist (possible: found in ACPI's MADT, within NR_CPUS and
 * maxcpus=) and which run (online: brought up, taking interrupts).  A
 * mask is one unsigned long, bit n for CPU n (Linux's cpumask_t with
 * NR_CPUS <= 64).
 */
typedef unsigned long cpumask_t;
extern unsigned int nr_cpu_ids;		/* possible CPUs are 0..nr_cpu_ids-1 */
extern volatile cpumask_t cpu_online_mask;

static inline bool cpu_online(int cpu)
{
	return (READ_ONCE(cpu_online_mask) >> cpu) & 1;
}

/* Bits set in w (Linux's hweight_long; no libgcc here for popcount). */
static inline unsigned int hweight_long(unsigned long w)
{
	unsigned int n = 0;

	for (; w; w &= w - 1)
		n++;
	return n;
}

static inline unsigned int num_online_cpus(void)
{
	return hweight_long(READ_ONCE(cpu_online_mask));
}

#define for_each_possible_cpu(cpu) \
	for ((cpu) = 0; (cpu) < (int)nr_cpu_ids; (cpu)++)
#define for_each_online_cpu(cpu) \
	for_each_possible_cpu(cpu) if (!cpu_online(cpu)) {} else

/* Boot, once memory can be allocated: every CPU's copy of the per-CPU
 * section, and CPU 0 moved onto its own (arch/x86_64/setup_percpu.c). */
void setup_per_cpu_areas(void);

#endif
