/*
 * apic.h - the local APIC (one per CPU: its timer, EOI, IPIs) and the
 * IOAPIC (routes device interrupt pins to vectors).  The legacy 8259 PICs
 * are masked (i8259.c).
 */
#ifndef ARCH_X86_64_APIC_H
#define ARCH_X86_64_APIC_H

#include "kernel/types.h"

void lapic_init(void);
/* Signal end of interrupt; every vector except the spurious one needs it.
 * Interrupt context. */
void lapic_eoi(void);
/* Calibrate the APIC timer (and the TSC) against the PIT and start it
 * firing LOCAL_TIMER_VECTOR hz times a second. */
void apic_timer_init(unsigned hz);
/* Send an interrupt with this vector to ourselves. */
void apic_send_self_ipi(unsigned vector);
u32 lapic_id(void);

void ioapic_init(void);
/* Program the pin of ISA IRQ irq (after ACPI overrides) to raise vector.
 * For irq >= 16, irq is a GSI (PCI: level-triggered, active low). */
void ioapic_route_irq(unsigned irq, unsigned vector);
unsigned irq_to_gsi(unsigned irq);

/* i8259.c */
void legacy_pic_disable(void);

/* pit.c: a one-shot PIT countdown for calibrating other clocks. */
void pit_oneshot_start(unsigned ms);
bool pit_oneshot_expired(void);

#endif
