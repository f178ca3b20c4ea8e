/*
 * acpi.h - the little of ACPI we need: the MADT ("APIC" table), which says
 * where the local APIC and the IOAPIC are and how legacy IRQs map to
 * IOAPIC pins (GSIs); and from the FADT ("FACP"), where the PM timer is.
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

#define MADT_MAX_CPUS	64

struct madt_info {
	phys_addr_t lapic_phys;
	phys_addr_t ioapic_phys;
	u32 ioapic_gsi_base;
	unsigned nr_cpus;
	u8 apic_id[MADT_MAX_CPUS];	/* the first nr_cpus enabled CPUs' */
	struct irq_override isa[16];
};

extern struct madt_info madt;

/* The ACPI power-management timer: a free-running counter at exactly
 * ACPI_PM_TIMER_HZ in an I/O port, 24 or 32 bits wide. */
#define ACPI_PM_TIMER_HZ	3579545
struct fadt_info {
	u16 pm_tmr_port;		/* 0: none */
	u32 pm_tmr_mask;		/* 0xffffff or 0xffffffff */
};

extern struct fadt_info fadt;

/* Find and parse the MADT and the FADT from the RSDP at rsdp (0: use PC
 * defaults, and no PM timer). */
void acpi_init(phys_addr_t rsdp);

#endif
