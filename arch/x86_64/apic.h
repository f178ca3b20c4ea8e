/*
 * apic.h - the local APIC (one per CPU: its timer, EOI, IPIs) and the
 * IOAPIC (routes device interrupt pins to vectors).  The legacy 8259 PICs
 * are masked (i8259.c).
 */
#ifndef ARCH_X86_64_APIC_H
#define ARCH_X86_64_APIC_H

#include "kernel/types.h"

void lapic_init(void);
/* An application processor's own local APIC (lapic_init mapped them). */
void lapic_init_secondary(void);
/* Its timer as its clock event device, which starts its tick. */
void setup_secondary_APIC_clock(void);
/* An interrupt with this vector to the CPU with this APIC id; an NMI to
 * every other CPU (panic); INIT, SIPI, SIPI to start a CPU at
 * start_phys (a page below 1 MiB). */
void apic_send_ipi(u32 apicid, unsigned vector);
void apic_send_nmi_allbutself(void);
void apic_wakeup_secondary_cpu(u32 apicid, unsigned long start_phys);
/* Signal end of interrupt; every vector except the spurious one needs it.
 * Interrupt context. */
void lapic_eoi(void);
/* Measure the boot CPU's APIC timer against the TSC and register it as
 * that CPU's clock event device (one-shot, or TSC-deadline where the CPU
 * has it), which starts the tick.  Boot, after tsc_init(). */
void setup_boot_APIC_clock(void);
/* The TSC's rate was measured again: so is the APIC timer's. */
void lapic_timer_tsc_rate_changed(u64 tsc_hz);
/* Send an interrupt with this vector to ourselves. */
void apic_send_self_ipi(unsigned vector);
u32 lapic_id(void);

void ioapic_init(void);
/* Program the pin of ISA IRQ irq (after ACPI overrides) to raise vector
 * on the CPU whose local APIC id is apicid.
 * For irq >= 16, irq is a GSI (PCI: level-triggered, active low). */
void ioapic_route_irq(unsigned irq, unsigned vector, u32 apicid);
/* Whether the pin of irq is level-triggered (PCI, or the MADT says so). */
bool ioapic_irq_is_level(unsigned irq);
unsigned irq_to_gsi(unsigned irq);

/* i8259.c */
void legacy_pic_disable(void);

/* pit.c: a one-shot PIT countdown for calibrating other clocks: load
 * it (returns the count, in PIT ticks), start it, poll for its end. */
#define PIT_TICK_RATE	1193182		/* Hz, on every PC */
unsigned pit_oneshot_prepare(unsigned ms);
void pit_oneshot_go(void);
bool pit_oneshot_expired(void);

/* tsc.c: measure the TSC's rate and start the clock on it; a second
 * later, measure again (needs hrtimers_init first).  Boot. */
void tsc_init(void);

#endif
