/*
 * pci.c - find PCI devices and hand drivers what they need: their BARs,
 * bus mastering and their interrupt.
 *
 * Configuration space is reached through mechanism #1: write the address
 * (enable bit, bus, device, function, register) to port 0xcf8, then read
 * or write the dword at port 0xcfc.  Every function found at boot gets a
 * struct pci_dev in a fixed table; nothing is hot-plugged.
 *
 * Interrupts: only legacy INTx.  The BIOS wrote the ISA IRQ the pin is
 * routed to (through the chipset's PIRQ links) into the interrupt line
 * register; request_irq() takes that ISA number to the IOAPIC, applying
 * the MADT's interrupt source overrides.  INTx is level-triggered; on
 * QEMU's pc machine the MADT says so for the PCI lines (5, 9, 10, 11),
 * and pci_request_irq() warns if it does not, because an edge-triggered
 * pin would lose every interrupt raised while the line was still high.
 *
 * Context: boot and process context only (see pci.h).
 */
#include "kernel/kernel.h"
#include "kernel/errno.h"
#include "drivers/pci.h"
#include "arch/x86_64/cpu.h"
#include "arch/x86_64/acpi.h"

#define PCI_CONFIG_ADDRESS	0xcf8
#define PCI_CONFIG_DATA		0xcfc
#define PCI_MAX_DEVICES		32

static struct pci_dev pci_devices[PCI_MAX_DEVICES];
static unsigned nr_pci_devices;

static u32 pci_conf1_address(u8 bus, u8 devfn, int where)
{
	return 0x80000000u | (u32)bus << 16 | (u32)devfn << 8 | (where & 0xfc);
}

static u32 pci_conf1_read(u8 bus, u8 devfn, int where)
{
	outl(PCI_CONFIG_ADDRESS, pci_conf1_address(bus, devfn, where));
	return inl(PCI_CONFIG_DATA);
}

static void pci_conf1_write(u8 bus, u8 devfn, int where, u32 val)
{
	outl(PCI_CONFIG_ADDRESS, pci_conf1_address(bus, devfn, where));
	outl(PCI_CONFIG_DATA, val);
}

u32 pci_read_config_dword(const struct pci_dev *dev, int where)
{
	return pci_conf1_read(dev->bus, dev->devfn, where);
}

u16 pci_read_config_word(const struct pci_dev *dev, int where)
{
	return pci_read_config_dword(dev, where) >> ((where & 2) * 8);
}

u8 pci_read_config_byte(const struct pci_dev *dev, int where)
{
	return pci_read_config_dword(dev, where) >> ((where & 3) * 8);
}

void pci_write_config_dword(const struct pci_dev *dev, int where, u32 val)
{
	pci_conf1_write(dev->bus, dev->devfn, where, val);
}

/* Read-modify-write of the containing dword: the port moves dwords. */
void pci_write_config_word(const struct pci_dev *dev, int where, u16 val)
{
	int shift = (where & 2) * 8;
	u32 v = pci_read_config_dword(dev, where);

	v = (v & ~(0xffffu << shift)) | (u32)val << shift;
	pci_write_config_dword(dev, where, v);
}

/*
 * Size a BAR the standard way: write all ones, read back which address
 * bits stuck (the device hard-wires the bits below its size to zero),
 * restore the original.  Decoding is switched off meanwhile so the device
 * never answers at the bogus all-ones address.  Returns how many BAR
 * slots this one used (2 for a 64-bit memory BAR).
 */
static int pci_read_bar(struct pci_dev *dev, int i)
{
	int where = PCI_BASE_ADDRESS_0 + 4 * i;
	u32 orig = pci_read_config_dword(dev, where), mask;
	struct pci_bar *bar = &dev->bar[i];

	pci_write_config_dword(dev, where, ~0u);
	mask = pci_read_config_dword(dev, where);
	pci_write_config_dword(dev, where, orig);
	if (mask == 0 || mask == ~0u)
		return 1;		/* not implemented */

	if (orig & PCI_BASE_ADDRESS_SPACE_IO) {
		bar->flags = IORESOURCE_IO;
		bar->start = orig & ~3u;
		bar->len = (u16)(~(mask & ~3u) + 1);
		return 1;
	}
	bar->flags = IORESOURCE_MEM;
	if (orig & PCI_BASE_ADDRESS_MEM_PREFETCH)
		bar->flags |= IORESOURCE_PREFETCH;
	u64 start = orig & ~0xfu;
	u64 size_mask = (u64)(mask & ~0xfu) | 0xffffffff00000000ull;
	int used = 1;
	if ((orig & 6) == PCI_BASE_ADDRESS_MEM_TYPE_64 && i + 1 < PCI_NUM_BARS) {
		u32 orig_hi = pci_read_config_dword(dev, where + 4);
		pci_write_config_dword(dev, where + 4, ~0u);
		u32 mask_hi = pci_read_config_dword(dev, where + 4);
		pci_write_config_dword(dev, where + 4, orig_hi);
		start |= (u64)orig_hi << 32;
		size_mask = (u64)mask_hi << 32 | (mask & ~0xfu);
		bar->flags |= IORESOURCE_MEM_64;
		used = 2;
	}
	bar->start = start;
	bar->len = ~size_mask + 1;
	return used;
}

static void pci_read_bases(struct pci_dev *dev)
{
	u16 cmd = pci_read_config_word(dev, PCI_COMMAND);
	int nr = dev->hdr_type == 0 ? 6 : dev->hdr_type == 1 ? 2 : 0;

	pci_write_config_word(dev, PCI_COMMAND,
			      cmd & ~(PCI_COMMAND_IO | PCI_COMMAND_MEMORY));
	for (int i = 0; i < nr; )
		i += pci_read_bar(dev, i);
	pci_write_config_word(dev, PCI_COMMAND, cmd);
}

static void pci_print_dev(const struct pci_dev *dev)
{
	pr_info("pci 0000:%02x:%02x.%u: [%04x:%04x] type %02x class %#08x",
		dev->bus, PCI_SLOT(dev->devfn), PCI_FUNC(dev->devfn),
		dev->vendor, dev->device, dev->hdr_type, dev->class);
	for (int i = 0; i < PCI_NUM_BARS; i++) {
		const struct pci_bar *b = &dev->bar[i];
		if (!b->len)
			continue;
		pr_cont(" BAR%d %s %#llx+%#llx", i,
		       b->flags & IORESOURCE_IO ? "io" :
		       b->flags & IORESOURCE_MEM_64 ? "mem64" : "mem",
		       (unsigned long long)b->start, (unsigned long long)b->len);
	}
	if (dev->pin)
		pr_cont(" INT%c IRQ %u", 'A' + dev->pin - 1, dev->irq);
	pr_cont("\n");
}

static void pci_scan_function(u8 bus, u8 devfn, u32 id)
{
	if (nr_pci_devices == PCI_MAX_DEVICES) {
		pr_warn("pci: more than %d functions; ignoring the rest\n",
			PCI_MAX_DEVICES);
		return;
	}
	struct pci_dev *dev = &pci_devices[nr_pci_devices++];
	dev->bus = bus;
	dev->devfn = devfn;
	dev->vendor = id & 0xffff;
	dev->device = id >> 16;
	u32 class_rev = pci_read_config_dword(dev, PCI_CLASS_REVISION);
	dev->class = class_rev >> 8;
	dev->revision = class_rev & 0xff;
	dev->hdr_type = pci_read_config_byte(dev, PCI_HEADER_TYPE) & 0x7f;
	dev->pin = pci_read_config_byte(dev, PCI_INTERRUPT_PIN);
	dev->irq = pci_read_config_byte(dev, PCI_INTERRUPT_LINE);
	pci_read_bases(dev);
	pci_print_dev(dev);
}

/* Every bus number is probed rather than following bridges: 256 * 32
 * reads are quick, and QEMU's pc machine has only bus 0 anyway. */
void pci_init(void)
{
	for (unsigned bus = 0; bus < 256; bus++) {
		for (unsigned slot = 0; slot < 32; slot++) {
			for (unsigned fn = 0; fn < 8; fn++) {
				u8 devfn = slot << 3 | fn;
				u32 id = pci_conf1_read(bus, devfn, PCI_VENDOR_ID);
				if ((id & 0xffff) == 0xffff) {
					if (fn == 0)
						break;	/* no device in this slot */
					continue;
				}
				pci_scan_function(bus, devfn, id);
				/* Only multi-function devices have fn 1-7. */
				if (fn == 0 && !(pci_conf1_read(bus, devfn,
						PCI_HEADER_TYPE & ~3) >> 16 & 0x80))
					break;
			}
		}
	}
	pr_info("pci: %u functions\n", nr_pci_devices);
}

struct pci_dev *pci_get_device(u16 vendor, u16 device, struct pci_dev *from)
{
	unsigned i = from ? (unsigned)(from - pci_devices) + 1 : 0;

	for (; i < nr_pci_devices; i++)
		if (pci_devices[i].vendor == vendor &&
		    pci_devices[i].device == device)
			return &pci_devices[i];
	return NULL;
}

int pci_enable_device(struct pci_dev *dev)
{
	u16 cmd = pci_read_config_word(dev, PCI_COMMAND), want = 0;

	for (int i = 0; i < PCI_NUM_BARS; i++) {
		if (dev->bar[i].flags & IORESOURCE_IO)
			want |= PCI_COMMAND_IO;
		if (dev->bar[i].flags & IORESOURCE_MEM)
			want |= PCI_COMMAND_MEMORY;
	}
	/* Firmware may have left INTx masked; we depend on it. */
	cmd = (cmd | want) & ~PCI_COMMAND_INTX_DISABLE;
	pci_write_config_word(dev, PCI_COMMAND, cmd);
	return 0;
}

void pci_set_master(struct pci_dev *dev)
{
	u16 cmd = pci_read_config_word(dev, PCI_COMMAND);

	pci_write_config_word(dev, PCI_COMMAND, cmd | PCI_COMMAND_MASTER);
}

int pci_request_irq(struct pci_dev *dev, irq_handler_t handler,
		    const char *name, void *data)
{
	if (!dev->pin || dev->irq == 0 || dev->irq == 0xff)
		return -ENODEV;		/* no INTx, or firmware routed none */
	if (dev->irq < 16 && !(madt.isa[dev->irq].present &&
			       madt.isa[dev->irq].level))
		pr_warn("pci 0000:%02x:%02x.%u: IRQ %u is edge-triggered "
			"in the MADT; INTx is level, interrupts may be lost\n",
			dev->bus, PCI_SLOT(dev->devfn), PCI_FUNC(dev->devfn),
			dev->irq);
	return request_irq(dev->irq, handler, name, data);
}
