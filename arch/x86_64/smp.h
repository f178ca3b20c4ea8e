/*
 * smp.h - bringing up the other CPUs (smpboot.c) and sending them
 * interrupts (IPIs).  Plain #defines first: trampoline.S includes it.
 */
#ifndef ARCH_X86_64_SMP_H
#define ARCH_X86_64_SMP_H

/* Where the real-mode trampoline runs (below 1 MiB, page-aligned: the
 * SIPI's vector is its page number), and its page tables, the three
 * pages after it.  setup_memory() reserves all four. */
#define TRAMPOLINE_PHYS		0x8000
#define TRAMPOLINE_PAGES	4
#define TRAMPOLINE_PGD		(TRAMPOLINE_PHYS + 0x1000)
#define TRAMPOLINE_PUD		(TRAMPOLINE_PHYS + 0x2000)
#define TRAMPOLINE_PMD		(TRAMPOLINE_PHYS + 0x3000)

/* struct trampoline_header's fields, for trampoline.S. */
#define TR_CR3			0
#define TR_EFER			8
#define TR_CR0			16
#define TR_ENTRY		24
#define TR_HEADER_SIZE		32
#define TR_CS64			0x18

#ifndef __ASSEMBLER__
#include "kernel/types.h"

struct trampoline_header {
	u64 cr3;		/* the trampoline's page table (below 4 GiB) */
	u64 efer;		/* the boot CPU's, long mode and NX on */
	u64 cr0;		/* the boot CPU's, paging on */
	u64 entry;		/* secondary_startup_64, a kernel address */
};
_Static_assert(sizeof(struct trampoline_header) == TR_HEADER_SIZE,
	       "trampoline.S: TR_HEADER_SIZE is wrong");

/* The CPUs the MADT lists (enabled ones), by local APIC id; CPU 0 is
 * the boot CPU, the others in the table's order. */
extern u32 cpu_apic_id[];

/* The possible CPUs from the MADT, within maxcpus= (nr_cpu_ids).
 * Boot, after lapic_init. */
void prefill_possible_map(void);
/* IPIs (smp.c).  Run func(info) on every online CPU in mask but this
 * one, and wait until each has; any context but an interrupt handler. */
typedef void (*smp_call_func_t)(void *info);
#include "kernel/percpu.h"
void smp_call_function_many(cpumask_t mask, smp_call_func_t func, void *info);
/* Make CPU cpu look at need_resched (an interrupt's way out does). */
void smp_send_reschedule(int cpu);
/* panic: stop every other CPU (NMI); the NMI handler's side. */
void smp_send_stop(void);
bool smp_stop_requested(void);
void __noreturn stop_this_cpu(void);
/* The IPI handlers.  Boot, CPU 0. */
void smp_ipi_init(void);

/* Bring up every other CPU the MADT lists, within maxcpus= (nosmp: none).
 * Process context (pid 1, before the first program runs). */
void smp_init(void);
#endif

#endif
