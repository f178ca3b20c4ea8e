/*
 * pci.h - PCI devices found through configuration mechanism #1.
 *
 * pci_init() scans every bus once at boot and keeps a struct pci_dev per
 * function; a driver then looks its device up by vendor and device ID,
 * switches on what it needs (pci_enable_device, pci_set_master), maps a
 * BAR and asks for the legacy INTx line with pci_request_irq().
 *
 * Context: boot or process context (port I/O to 0xcf8/0xcfc is a pair of
 * accesses that an interrupt handler using it too would tear; none does).
 */
#ifndef DRIVERS_PCI_H
#define DRIVERS_PCI_H

#include "kernel/types.h"
#include "arch/x86_64/irq.h"

#define PCI_VENDOR_ID		0x00
#define PCI_DEVICE_ID		0x02
#define PCI_COMMAND		0x04
#define  PCI_COMMAND_IO		0x1	/* respond to I/O space accesses */
#define  PCI_COMMAND_MEMORY	0x2	/* respond to memory space accesses */
#define  PCI_COMMAND_MASTER	0x4	/* may start DMA (bus mastering) */
#define  PCI_COMMAND_INTX_DISABLE 0x400
#define PCI_CLASS_REVISION	0x08	/* class << 8 | revision */
#define PCI_HEADER_TYPE		0x0e
#define PCI_BASE_ADDRESS_0	0x10
#define  PCI_BASE_ADDRESS_SPACE_IO	0x1
#define  PCI_BASE_ADDRESS_MEM_TYPE_64	0x4
#define  PCI_BASE_ADDRESS_MEM_PREFETCH	0x8
#define PCI_INTERRUPT_LINE	0x3c
#define PCI_INTERRUPT_PIN	0x3d

#define PCI_NUM_BARS		6
#define IORESOURCE_IO		0x1
#define IORESOURCE_MEM		0x2
#define IORESOURCE_MEM_64	0x4
#define IORESOURCE_PREFETCH	0x8

/* One decoded base address register. */
struct pci_bar {
	u64 start;		/* bus (= physical) address, or I/O port */
	u64 len;		/* size in bytes; 0 = not implemented */
	unsigned flags;		/* IORESOURCE_* */
};

struct pci_dev {
	u8 bus, devfn;		/* devfn = device << 3 | function */
	u16 vendor, device;
	u32 class;		/* base class, subclass, prog-if (24 bits) */
	u8 revision;
	u8 hdr_type;		/* 0 = ordinary device, 1 = bridge */
	u8 pin;			/* INTA#..INTD# = 1..4, 0 = none */
	unsigned irq;		/* the interrupt line register (ISA IRQ) */
	struct pci_bar bar[PCI_NUM_BARS];
};

#define PCI_SLOT(devfn)	(((devfn) >> 3) & 0x1f)
#define PCI_FUNC(devfn)	((devfn) & 7)

u8 pci_read_config_byte(const struct pci_dev *dev, int where);
u16 pci_read_config_word(const struct pci_dev *dev, int where);
u32 pci_read_config_dword(const struct pci_dev *dev, int where);
void pci_write_config_word(const struct pci_dev *dev, int where, u16 val);
void pci_write_config_dword(const struct pci_dev *dev, int where, u32 val);

/* Scan the buses; prints one line per function found.  Boot, once. */
void pci_init(void);
/* The first function with these IDs after from (NULL: from the start). */
struct pci_dev *pci_get_device(u16 vendor, u16 device, struct pci_dev *from);
/* Turn on memory and I/O decoding for the BARs the device has. */
int pci_enable_device(struct pci_dev *dev);
/* Let the device master the bus, i.e. do DMA. */
void pci_set_master(struct pci_dev *dev);
/* Route the device's INTx line to handler (level-triggered, see pci.c). */
int pci_request_irq(struct pci_dev *dev, irq_handler_t handler,
		    const char *name, void *data);

static inline u64 pci_resource_start(const struct pci_dev *dev, int bar)
{
	return dev->bar[bar].start;
}
static inline u64 pci_resource_len(const struct pci_dev *dev, int bar)
{
	return dev->bar[bar].len;
}

#endif
