/*
 * irq.h - interrupt vectors and handlers.
 *
 * Vector map (the IDT has 256 entries):
 *   0x00-0x1f  CPU exceptions (traps.c)
 *   0x20-0x37  IOAPIC pins, i.e. global system interrupts (GSI) 0-23
 *   0xec       local APIC timer (the number Linux uses)
 *   0xf0       self-IPI used by the interrupt self-test
 *   0xfc       call a function on another CPU (TLB shootdown, smp.c)
 *   0xfd       reschedule: another CPU queued a task here (Linux's number)
 *   0xff       APIC spurious interrupts (no EOI)
 */
#ifndef ARCH_X86_64_IRQ_H
#define ARCH_X86_64_IRQ_H

#include "kernel/types.h"
#include "arch/x86_64/ptrace.h"
#include "kernel/percpu.h"

#define FIRST_EXTERNAL_VECTOR	0x20
#define IRQ_VECTOR(gsi)		(FIRST_EXTERNAL_VECTOR + (gsi))
#define NR_IOAPIC_GSIS		24
#define LOCAL_TIMER_VECTOR	0xec
#define TEST_IPI_VECTOR		0xf0
#define CALL_FUNCTION_VECTOR	0xfc
#define RESCHEDULE_VECTOR	0xfd
#define SPURIOUS_APIC_VECTOR	0xff
#define NR_VECTORS		256

/* Runs in interrupt context with interrupts off: must not sleep. */
typedef void (*irq_handler_t)(struct pt_regs *regs, void *dev);

/* Route ISA/legacy IRQ irq (or a GSI for PCI) to handler via the IOAPIC.
 * Returns 0 or a negative errno. */
int request_irq(unsigned irq, irq_handler_t handler, const char *name,
		void *dev);
/* Install a handler for a vector that is not an IOAPIC pin (LAPIC). */
void set_vector_handler(unsigned vector, irq_handler_t handler,
			const char *name);

/* How many times each vector fired (for tests and /proc/interrupts):
 * on all CPUs, and on one. */
u64 irq_count(unsigned vector);
u64 irq_count_cpu(unsigned vector, int cpu);
/* /proc/interrupts. */
struct seq_file;
void show_interrupts(struct seq_file *m);

/* Nesting depth of interrupt handlers on this CPU: non-zero means
 * interrupt context.  Per CPU (a task on another CPU is not in ours). */
DECLARE_PER_CPU(int, hardirq_count);
static inline bool in_interrupt(void)
{
	return this_cpu_read(hardirq_count) != 0;
}

/* The registers of the interrupted context, while an interrupt is
 * handled (Linux's get_irq_regs): the tick asks whether it interrupted
 * user mode.  NULL outside interrupts.  Per CPU. */
struct pt_regs *get_irq_regs(void);

/* Fill the IDT and load it (boot CPU); load it (the others). */
void idt_init(void);
void idt_load(void);
void do_interrupt(struct pt_regs *regs);

#endif
