/*
 * irq.c - the IDT and the dispatch of interrupts to their handlers.
 *
 * Context: do_interrupt() runs on the interrupted context's stack (or the
 * TSS's sp0 stack when coming from user mode) with interrupts off, because
 * every IDT entry is an interrupt gate.  Handlers run to completion with
 * interrupts off; there is no nesting of device interrupts.
 *
 * Preemption happens here, at the end of do_interrupt(), in C rather than
 * in entry.S: the pt_regs frame is on the interrupted task's own kernel
 * stack, so switching away now is no different from that task calling
 * schedule() from deep inside a function, and the frame waits, intact,
 * until the task is picked again and the iretq below resumes it.  Keeping
 * the decision in C keeps entry.S a plain save/restore, and the rule
 * ("was the interrupted code preemptible?") readable next to Linux's
 * irqentry_exit_cond_resched().
 *
 * Where a device interrupt goes (Linux's irq affinity, fixed delivery):
 * request_irq() routes the pin to one CPU, the online CPU of the
 * irqaffinity= boot option's list (default: every CPU) that has the
 * fewest device interrupts already, the lowest first, as Linux's vector
 * matrix spreads them.  So on two CPUs the serial line (requested while
 * only the boot CPU runs) stays on CPU 0 and the e1000 goes to CPU 1;
 * "irqaffinity=0" keeps every device on the boot CPU.  Each vector is
 * counted per CPU, which /proc/interrupts shows in Linux's columns.
 */
#include "kernel/kernel.h"
#include "arch/x86_64/irq.h"
#include "arch/x86_64/segment.h"
#include "arch/x86_64/apic.h"
#include "arch/x86_64/traps.h"
#include "kernel/errno.h"
#include "kernel/entry_common.h"
#include "kernel/sched.h"
#include "kernel/percpu.h"
#include "kernel/params.h"
#include "fs/seq_file.h"
#include "arch/x86_64/smp.h"

struct irq_desc {
	irq_handler_t handler;
	void *dev;
	const char *name;
	int irq;		/* the device's IRQ number; -1: not a pin */
	int cpu;		/* the CPU the IOAPIC sends it to */
	u64 count[NR_CPUS];	/* times taken, on each CPU (each CPU
				 * writes only its own) */
};

static struct irq_desc irq_desc[NR_VECTORS];
DEFINE_PER_CPU(int, hardirq_count);
static DEFINE_PER_CPU(struct pt_regs *, irq_regs);

struct pt_regs *get_irq_regs(void)
{
	return *this_cpu_ptr(&irq_regs);
}

/* An IDT gate: 16 bytes pointing at a handler, with the privilege needed
 * to reach it with INT n and an optional IST stack. */
struct gate_desc {
	u16 offset_low;
	u16 segment;
	u8 ist;
	u8 type_attr;	/* present, DPL, type 0xe = 64-bit interrupt gate */
	u16 offset_mid;
	u32 offset_high;
	u32 reserved;
} __packed;

static struct gate_desc idt[NR_VECTORS] __aligned(16);
extern char interrupt_stubs[];	/* entry.S: 16 bytes per vector */

static void set_gate(unsigned vector, int dpl, int ist)
{
	u64 addr = (u64)interrupt_stubs + 16 * vector;
	struct gate_desc *g = &idt[vector];

	g->offset_low = addr & 0xffff;
	g->offset_mid = (addr >> 16) & 0xffff;
	g->offset_high = addr >> 32;
	g->segment = __KERNEL_CS;
	g->ist = ist;
	g->type_attr = 0x8e | (dpl << 5);
	g->reserved = 0;
}

void idt_init(void)
{
	for (unsigned v = 0; v < NR_VECTORS; v++)
		set_gate(v, 0, 0);
	/* int3 and into may be used by user programs (as on Linux). */
	set_gate(3, 3, 0);
	set_gate(4, 3, 0);
	set_gate(2, 0, IST_NMI);
	set_gate(8, 0, IST_DOUBLE_FAULT);
	set_gate(18, 0, IST_MACHINE_CHECK);
	idt_load();
}

/* One IDT for every CPU: each loads it (the other CPUs from
 * start_secondary). */
void idt_load(void)
{
	struct {
		u16 size;
		u64 address;
	} __packed ptr = { sizeof(idt) - 1, (u64)idt };
	__asm__ __volatile__("lidt %0" : : "m"(ptr));
}

void set_vector_handler(unsigned vector, irq_handler_t handler,
			const char *name)
{
	irq_desc[vector].handler = handler;
	irq_desc[vector].name = name;
}

/* irqaffinity=LIST (Linux's cpulist: "1", "0,2", "1-3"): the CPUs
 * device interrupts may be routed to. */
static cpumask_t irq_default_affinity = ~0UL;

static int set_irqaffinity(const char *val)
{
	cpumask_t mask = 0;

	if (!val || !*val)
		return -EINVAL;
	while (*val) {
		unsigned long lo = 0, hi;
		if (*val < '0' || *val > '9')
			return -EINVAL;
		while (*val >= '0' && *val <= '9')
			lo = lo * 10 + (unsigned long)(*val++ - '0');
		hi = lo;
		if (*val == '-') {
			val++;
			if (*val < '0' || *val > '9')
				return -EINVAL;
			for (hi = 0; *val >= '0' && *val <= '9'; val++)
				hi = hi * 10 + (unsigned long)(*val - '0');
		}
		if (hi < lo || hi >= NR_CPUS)
			return -EINVAL;
		for (unsigned long c = lo; c <= hi; c++)
			mask |= 1UL << c;
		if (*val == ',')
			val++;
		else if (*val)
			return -EINVAL;
	}
	irq_default_affinity = mask;
	return 0;
}
__setup("irqaffinity", set_irqaffinity);

/* The CPU for a new device interrupt (see the top of this file).  With
 * no online CPU in the list, the boot CPU, as Linux falls back. */
static int irq_pick_cpu(void)
{
	int load[NR_CPUS] = { 0 }, best = -1, cpu;

	for (unsigned v = IRQ_VECTOR(0); v < IRQ_VECTOR(NR_IOAPIC_GSIS); v++)
		if (irq_desc[v].handler)
			load[irq_desc[v].cpu]++;
	for_each_online_cpu(cpu)
		if ((irq_default_affinity >> cpu) & 1 &&
		    (best < 0 || load[cpu] < load[best]))
			best = cpu;
	return best < 0 ? 0 : best;
}

int request_irq(unsigned irq, irq_handler_t handler, const char *name,
		void *dev)
{
	unsigned gsi = irq_to_gsi(irq);

	if (gsi >= NR_IOAPIC_GSIS)
		return -EINVAL;
	struct irq_desc *d = &irq_desc[IRQ_VECTOR(gsi)];
	if (d->handler)
		return -EBUSY;		/* no shared lines yet */
	int cpu = irq_pick_cpu();
	d->dev = dev;
	d->name = name;
	d->irq = (int)irq;
	d->cpu = cpu;
	d->handler = handler;
	ioapic_route_irq(irq, IRQ_VECTOR(gsi), cpu_apic_id[cpu]);
	pr_info("irq: IRQ %u (%s) to CPU %d\n", irq, name, cpu);
	return 0;
}

u64 irq_count_cpu(unsigned vector, int cpu)
{
	if (vector >= NR_VECTORS || cpu < 0 || cpu >= NR_CPUS)
		return 0;
	return READ_ONCE(irq_desc[vector].count[cpu]);
}

u64 irq_count(unsigned vector)
{
	u64 sum = 0;

	for (int cpu = 0; cpu < NR_CPUS; cpu++)
		sum += irq_count_cpu(vector, cpu);
	return sum;
}

static void show_irq_counts(struct seq_file *m, unsigned vector)
{
	int cpu;

	for_each_online_cpu(cpu)
		seq_printf(m, " %10llu",
			   (unsigned long long)irq_count_cpu(vector, cpu));
}

/*
 * /proc/interrupts in Linux's layout: a column per online CPU, a line
 * per device interrupt ("  4:  ...  IO-APIC    4-edge      serial"),
 * then the local APIC's own vectors under Linux's three-letter names.
 * Process context; the counts are read without a lock (each a word).
 */
void show_interrupts(struct seq_file *m)
{
	static const struct { unsigned vector; const char *tag, *what; } local[] = {
		{ LOCAL_TIMER_VECTOR, "LOC", "Local timer interrupts" },
		{ SPURIOUS_APIC_VECTOR, "SPU", "Spurious interrupts" },
		{ RESCHEDULE_VECTOR, "RES", "Rescheduling interrupts" },
		{ CALL_FUNCTION_VECTOR, "CAL", "Function call interrupts" },
	};
	int cpu;

	seq_printf(m, "    ");
	for_each_online_cpu(cpu)
		seq_printf(m, "       CPU%-3d", cpu);
	seq_putc(m, '\n');
	for (unsigned gsi = 0; gsi < NR_IOAPIC_GSIS; gsi++) {
		struct irq_desc *d = &irq_desc[IRQ_VECTOR(gsi)];
		if (!d->handler)
			continue;
		seq_printf(m, "%3d:", d->irq);
		show_irq_counts(m, IRQ_VECTOR(gsi));
		seq_printf(m, "   IO-APIC %4u-%-8s %s\n", gsi,
			   ioapic_irq_is_level(d->irq) ? "fasteoi" : "edge",
			   d->name);
	}
	for (unsigned i = 0; i < ARRAY_SIZE(local); i++) {
		seq_printf(m, "%s:", local[i].tag);
		show_irq_counts(m, local[i].vector);
		seq_printf(m, "   %s\n", local[i].what);
	}
}

/*
 * Switch tasks on the way out if the tick (or a wake-up of the idle task)
 * asked for it and the interrupted code may lose the CPU: it had
 * interrupts on (code with them off did not expect to be interrupted at
 * all) and held no spinlock (preempt_count() == 0).  The EOI has been
 * sent, so the next task gets timer interrupts.  A return to user mode
 * always qualifies.
 */
static void irqentry_exit_cond_resched(struct pt_regs *regs)
{
	if (!need_resched() || in_interrupt())
		return;
	if (user_mode(regs) ||
	    ((regs->flags & X86_EFLAGS_IF) && preempt_count() == 0))
		preempt_schedule_irq();
}

/* Called from common_interrupt (entry.S) for every vector. */
void do_interrupt(struct pt_regs *regs)
{
	unsigned vector = regs->vector;

	if (vector < FIRST_EXTERNAL_VECTOR) {
		do_trap(regs);
		if (user_mode(regs))
			exit_to_user_mode(regs);
		return;
	}
	this_cpu_inc(hardirq_count);
	struct pt_regs **irq_regs_p = this_cpu_ptr(&irq_regs);
	struct pt_regs *old_regs = *irq_regs_p;
	*irq_regs_p = regs;
	struct irq_desc *d = &irq_desc[vector];
	d->count[smp_processor_id()]++;
	if (d->handler)
		d->handler(regs, d->dev);
	else if (vector != SPURIOUS_APIC_VECTOR)
		pr_warn("irq: unexpected interrupt on vector %#x\n", vector);
	*irq_regs_p = old_regs;
	/* The spurious vector is not in service, so it must not be EOI'd. */
	if (vector != SPURIOUS_APIC_VECTOR)
		lapic_eoi();
	this_cpu_dec(hardirq_count);
	if (user_mode(regs))
		exit_to_user_mode(regs);	/* reschedule, signals */
	else
		irqentry_exit_cond_resched(regs);
}
