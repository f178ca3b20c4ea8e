/*
 * ioapic.c - the I/O APIC: 24 input pins (global system interrupts, GSIs)
 * that devices drive, each with a 64-bit redirection entry saying which
 * vector to raise on which CPU, and how the pin signals (edge or level,
 * active high or low).
 *
 * Its registers are reached indirectly: write a register number to
 * IOREGSEL, then read or write IOWIN.
 *
 * Context: boot, or process context when a driver calls request_irq().
 */
#include "kernel/kernel.h"
#include "arch/x86_64/apic.h"
#include "arch/x86_64/acpi.h"
#include "arch/x86_64/irq.h"
#include "arch/x86_64/paging.h"
#include "arch/x86_64/page.h"

#define IOREGSEL	0x00
#define IOWIN		0x10
#define IOAPIC_VER	0x01
#define IOAPIC_REDTBL(pin) (0x10 + 2 * (pin))

#define RTE_MASKED	(1u << 16)
#define RTE_LEVEL	(1u << 15)
#define RTE_ACTIVE_LOW	(1u << 13)

static volatile u32 *ioapic;
static unsigned nr_pins;

static u32 ioapic_read(u32 reg)
{
	ioapic[IOREGSEL / 4] = reg;
	return ioapic[IOWIN / 4];
}

static void ioapic_write(u32 reg, u32 v)
{
	ioapic[IOREGSEL / 4] = reg;
	ioapic[IOWIN / 4] = v;
}

void ioapic_init(void)
{
	ioapic = ioremap(madt.ioapic_phys, PAGE_SIZE);
	nr_pins = ((ioapic_read(IOAPIC_VER) >> 16) & 0xff) + 1;
	for (unsigned pin = 0; pin < nr_pins; pin++) {
		ioapic_write(IOAPIC_REDTBL(pin), RTE_MASKED);
		ioapic_write(IOAPIC_REDTBL(pin) + 1, 0);
	}
	pr_info("IOAPIC: %u pins, GSI base %u\n", nr_pins, madt.ioapic_gsi_base);
}

unsigned irq_to_gsi(unsigned irq)
{
	if (irq < 16 && madt.isa[irq].present)
		return madt.isa[irq].gsi;
	return irq;
}

bool ioapic_irq_is_level(unsigned irq)
{
	if (irq < 16)	/* ISA: edge, unless the MADT says otherwise */
		return madt.isa[irq].present && madt.isa[irq].level;
	return true;	/* PCI */
}

/* Fixed delivery, physical destination: the CPU whose local APIC id is
 * apicid takes every interrupt of the pin. */
void ioapic_route_irq(unsigned irq, unsigned vector, u32 apicid)
{
	unsigned pin = irq_to_gsi(irq) - madt.ioapic_gsi_base;
	u32 low = vector;

	if (pin >= nr_pins)
		panic("IOAPIC: IRQ %u has no pin", irq);
	if (ioapic_irq_is_level(irq))
		low |= RTE_LEVEL;
	if (irq < 16) {
		/* ISA: active high, unless the MADT says otherwise. */
		if (madt.isa[irq].present && madt.isa[irq].active_low)
			low |= RTE_ACTIVE_LOW;
	} else {
		low |= RTE_ACTIVE_LOW;			/* PCI */
	}
	ioapic_write(IOAPIC_REDTBL(pin) + 1, apicid << 24);
	ioapic_write(IOAPIC_REDTBL(pin), low);		/* unmasks */
}
