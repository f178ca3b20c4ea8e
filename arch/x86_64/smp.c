/*
 * smp.c - interrupts between CPUs (IPIs), Linux's kernel/smp.c and
 * arch/x86/kernel/smp.c in small:
 *   - reschedule (RESCHEDULE_VECTOR): the handler does nothing; the
 *     interrupt's way out preempts the idle task or whoever runs, since
 *     the sender set need_resched first (resched_curr, kernel/sched.c);
 *   - call a function (CALL_FUNCTION_VECTOR): smp_call_function_many()
 *     runs func(info) on other CPUs and waits until each has (the TLB
 *     shootdown, mmu_context.c);
 *   - stop (an NMI to all but ourselves): panic() parks the other CPUs
 *     so that the report is the last thing any CPU does.
 *
 * The calls: one slot per (target, caller) pair, call_slot[dst][src].
 * A caller fills its slot in each target's row, sets pending with
 * release, sends the IPI, and waits for each pending to drop.  A CPU
 * runs the slots of its row from the IPI, and also while it waits for
 * its own call to be answered: two CPUs calling each other at once,
 * with interrupts off, would otherwise wait for each other forever.
 * A caller does one call at a time (preemption off), so one slot per
 * pair is enough.
 *
 * LOCKING: no lock; the slots' pending words order everything (release
 * by the writer, acquire by the reader).  A caller must not hold a lock
 * that a target may be spinning for with interrupts off.
 *
 * Context: smp_call_function_many() from any context but an interrupt
 * handler; the handlers in interrupt context.
 */
#include "kernel/kernel.h"
#include "kernel/percpu.h"
#include "kernel/sched.h"
#include "kernel/time.h"
#include "arch/x86_64/smp.h"
#include "arch/x86_64/apic.h"
#include "arch/x86_64/irq.h"
#include "arch/x86_64/cpu.h"

struct call_single_data {
	smp_call_func_t func;
	void *info;
	int pending;		/* set by the caller, cleared by the target */
};

static struct call_single_data call_slot[NR_CPUS][NR_CPUS];
static volatile bool cpus_stopping;

/* Run every call waiting for this CPU.  Interrupts off. */
static void flush_smp_call_function_queue(void)
{
	int me = smp_processor_id();

	for (int src = 0; src < (int)nr_cpu_ids; src++) {
		struct call_single_data *c = &call_slot[me][src];
		if (!__atomic_load_n(&c->pending, __ATOMIC_ACQUIRE))
			continue;
		c->func(c->info);
		__atomic_store_n(&c->pending, 0, __ATOMIC_RELEASE);
	}
}

static void call_function_interrupt(struct pt_regs *regs, void *dev)
{
	(void)regs;
	(void)dev;
	flush_smp_call_function_queue();
}

static void reschedule_interrupt(struct pt_regs *regs, void *dev)
{
	(void)regs;
	(void)dev;
	/* Nothing here: irqentry_exit_cond_resched() does the work. */
}

void smp_call_function_many(cpumask_t mask, smp_call_func_t func, void *info)
{
	preempt_disable();
	int me = smp_processor_id();

	mask &= READ_ONCE(cpu_online_mask) & ~(1UL << me);
	for (int cpu = 0; cpu < (int)nr_cpu_ids; cpu++) {
		if (!(mask & (1UL << cpu)))
			continue;
		struct call_single_data *c = &call_slot[cpu][me];
		c->func = func;
		c->info = info;
		__atomic_store_n(&c->pending, 1, __ATOMIC_RELEASE);
		apic_send_ipi(cpu_apic_id[cpu], CALL_FUNCTION_VECTOR);
	}
	for (int cpu = 0; cpu < (int)nr_cpu_ids; cpu++) {
		if (!(mask & (1UL << cpu)))
			continue;
		while (__atomic_load_n(&call_slot[cpu][me].pending, __ATOMIC_ACQUIRE)) {
			unsigned long flags = local_irq_save();
			flush_smp_call_function_queue();
			local_irq_restore(flags);
			cpu_relax();
		}
	}
	preempt_enable();
}

void smp_send_reschedule(int cpu)
{
	apic_send_ipi(cpu_apic_id[cpu], RESCHEDULE_VECTOR);
}

/* Park this CPU for good (the NMI of smp_send_stop). */
void __noreturn stop_this_cpu(void)
{
	local_irq_disable();
	__atomic_and_fetch(&cpu_online_mask, ~(1UL << smp_processor_id()),
			   __ATOMIC_SEQ_CST);
	for (;;)
		__asm__ __volatile__("hlt");
}

bool smp_stop_requested(void)
{
	return READ_ONCE(cpus_stopping);
}

/* panic(): every other CPU stops where it is, through an NMI, which
 * reaches it even with interrupts off (Linux's smp_send_stop, NMI
 * flavour).  Waits a little for them to go; any context. */
void smp_send_stop(void)
{
	if (num_online_cpus() <= 1)
		return;
	WRITE_ONCE(cpus_stopping, true);
	smp_mb();
	apic_send_nmi_allbutself();
	for (int i = 0; i < 1000 && num_online_cpus() > 1; i++)
		udelay(1000);
}

void smp_ipi_init(void)
{
	set_vector_handler(CALL_FUNCTION_VECTOR, call_function_interrupt,
			   "function call");
	set_vector_handler(RESCHEDULE_VECTOR, reschedule_interrupt,
			   "rescheduling");
}
