/*
 * acpi.h - the little of ACPI we need: the MADT ("APIC" table), which says
 * where the local APIC and the IOAPIC are and how legacy IRQs map to
 * IOAPIC pins (GSIs).
 */
#ifndef ARCH_X86_64_ACPI_H
#define ARCH_X86_64_ACPI_H

#include "kernel/types.h"

/* An ISA IRQ that is wired to another pin, or not edge/active-high. */
struct irq_override {
	bool present;
	u32 gsi;
	bool level;		/* level-triggered (else edge) */
	bool active_low;
};

struct madt_info {
	phys_addr_t lapic_phys;
	phys_addr_t ioapic_phys;
	u32 ioapic_gsi_base;
	unsigned nr_cpus;
	struct irq_override isa[16];
};

extern struct madt_info madt;

/* Find and parse the MADT from the RSDP at rsdp (0: use PC defaults). */
void acpi_init(phys_addr_t rsdp);

#endif
