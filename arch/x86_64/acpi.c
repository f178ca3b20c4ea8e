/*
 * acpi.c - find the MADT and the FADT through RSDP -> RSDT/XSDT and read
 * them.  Boot context only.
 *
 * Every ACPI table starts with the same 36-byte header (signature, length,
 * checksum ...); all bytes of a valid table sum to 0 mod 256.
 */
#include "kernel/kernel.h"
#include "arch/x86_64/acpi.h"
#include "arch/x86_64/paging.h"

struct acpi_rsdp {
	char signature[8];		/* "RSD PTR " */
	u8 checksum;
	char oem_id[6];
	u8 revision;			/* 0: ACPI 1.0, RSDT only */
	u32 rsdt_address;
	u32 length;			/* revision >= 2 from here on */
	u64 xsdt_address;
	u8 extended_checksum;
	u8 reserved[3];
} __packed;

struct acpi_table_header {
	char signature[4];
	u32 length;
	u8 revision;
	u8 checksum;
	char oem_id[6];
	char oem_table_id[8];
	u32 oem_revision;
	u32 creator_id;
	u32 creator_revision;
} __packed;

struct acpi_madt {
	struct acpi_table_header header;
	u32 lapic_address;
	u32 flags;
	u8 entries[];
} __packed;

#define MADT_LAPIC		0
#define MADT_IOAPIC		1
#define MADT_OVERRIDE		2

struct madt_entry {
	u8 type, length;
	union {
		struct { u8 acpi_id, apic_id; u32 flags; } __packed lapic;
		struct { u8 id, reserved; u32 address, gsi_base; } __packed ioapic;
		struct { u8 bus, source; u32 gsi; u16 flags; } __packed override;
	};
} __packed;

/* The FADT's fields up to the flags (ACPI 1.0 layout; later versions
 * only add fields after them). */
struct acpi_fadt {
	struct acpi_table_header header;
	u32 firmware_ctrl, dsdt;
	u8 reserved, preferred_pm_profile;
	u16 sci_int;
	u32 smi_cmd;
	u8 acpi_enable, acpi_disable, s4bios_req, pstate_cnt;
	u32 pm1a_evt_blk, pm1b_evt_blk, pm1a_cnt_blk, pm1b_cnt_blk;
	u32 pm2_cnt_blk, pm_tmr_blk, gpe0_blk, gpe1_blk;
	u8 pm1_evt_len, pm1_cnt_len, pm2_cnt_len, pm_tmr_len;
	u8 gpe0_blk_len, gpe1_blk_len, gpe1_base, cst_cnt;
	u16 p_lvl2_lat, p_lvl3_lat, flush_size, flush_stride;
	u8 duty_offset, duty_width, day_alrm, mon_alrm, century;
	u16 iapc_boot_arch;
	u8 reserved2;
	u32 flags;
} __packed;

_Static_assert(offsetof(struct acpi_fadt, flags) == 112, "FADT layout");

#define FADT_TMR_VAL_EXT	(1u << 8)	/* the PM timer has 32 bits */

struct madt_info madt;
struct fadt_info fadt;

static bool checksum_ok(const void *p, size_t len)
{
	u8 sum = 0;

	for (size_t i = 0; i < len; i++)
		sum += ((const u8 *)p)[i];
	return sum == 0;
}

/* Map a table, header first, then its whole length. */
static const struct acpi_table_header *map_table(phys_addr_t pa)
{
	const struct acpi_table_header *h = ioremap(pa, sizeof(*h));

	return ioremap(pa, h->length);
}

static const struct acpi_table_header *find_table(const struct acpi_rsdp *rsdp,
						  const char sig[4])
{
	bool xsdt = rsdp->revision >= 2 && rsdp->xsdt_address;
	const struct acpi_table_header *root =
		map_table(xsdt ? rsdp->xsdt_address : rsdp->rsdt_address);
	size_t width = xsdt ? 8 : 4;
	size_t n = (root->length - sizeof(*root)) / width;
	const u8 *ptrs = (const u8 *)(root + 1);

	if (!checksum_ok(root, root->length))
		return NULL;
	for (size_t i = 0; i < n; i++) {
		u64 pa = xsdt ? *(const u64 *)(ptrs + 8 * i)
			      : *(const u32 *)(ptrs + 4 * i);
		const struct acpi_table_header *t = map_table(pa);
		if (!memcmp(t->signature, sig, 4) && checksum_ok(t, t->length))
			return t;
	}
	return NULL;
}

static void parse_override(const struct madt_entry *e)
{
	u16 polarity = e->override.flags & 3, trigger = (e->override.flags >> 2) & 3;

	if (e->override.bus != 0 || e->override.source >= 16)
		return;
	struct irq_override *o = &madt.isa[e->override.source];
	o->present = true;
	o->gsi = e->override.gsi;
	o->active_low = polarity == 3;	/* 0 = bus default (ISA: high) */
	o->level = trigger == 3;	/* 0 = bus default (ISA: edge) */
}

static void parse_madt(const struct acpi_madt *m)
{
	const u8 *p = m->entries, *end = (const u8 *)m + m->header.length;

	madt.lapic_phys = m->lapic_address;
	for (; p + 2 <= end && p[1] >= 2; p += p[1]) {
		const struct madt_entry *e = (const void *)p;
		switch (e->type) {
		case MADT_LAPIC:
			if ((e->lapic.flags & 1) && madt.nr_cpus < MADT_MAX_CPUS)
				madt.apic_id[madt.nr_cpus++] = e->lapic.apic_id;
			break;
		case MADT_IOAPIC:
			if (!madt.ioapic_phys) {	/* the first one: GSI 0.. */
				madt.ioapic_phys = e->ioapic.address;
				madt.ioapic_gsi_base = e->ioapic.gsi_base;
			}
			break;
		case MADT_OVERRIDE:
			parse_override(e);
			break;
		}
	}
}

static void parse_fadt(const struct acpi_fadt *f)
{
	if (f->header.length < sizeof(*f) || !f->pm_tmr_blk || f->pm_tmr_len < 4)
		return;
	fadt.pm_tmr_port = (u16)f->pm_tmr_blk;
	fadt.pm_tmr_mask = f->flags & FADT_TMR_VAL_EXT ? 0xffffffff : 0xffffff;
	pr_info("ACPI: PM timer at port %#x, %d bits\n", fadt.pm_tmr_port,
		f->flags & FADT_TMR_VAL_EXT ? 32 : 24);
}

void acpi_init(phys_addr_t rsdp_phys)
{
	/* The defaults of every PC since the IOAPIC came in. */
	madt.lapic_phys = 0xfee00000;
	madt.ioapic_phys = 0xfec00000;
	madt.nr_cpus = 1;

	if (!rsdp_phys) {
		pr_warn("ACPI: no RSDP from the boot loader, using PC defaults\n");
		return;
	}
	const struct acpi_rsdp *rsdp = ioremap(rsdp_phys, sizeof(*rsdp));
	if (memcmp(rsdp->signature, "RSD PTR ", 8) || !checksum_ok(rsdp, 20)) {
		pr_warn("ACPI: bad RSDP, using PC defaults\n");
		return;
	}
	const struct acpi_table_header *f = find_table(rsdp, "FACP");
	if (f)
		parse_fadt((const struct acpi_fadt *)f);
	const struct acpi_table_header *t = find_table(rsdp, "APIC");
	if (!t) {
		pr_warn("ACPI: no MADT, using PC defaults\n");
		return;
	}
	madt.nr_cpus = 0;
	madt.ioapic_phys = 0;
	parse_madt((const struct acpi_madt *)t);
	if (!madt.ioapic_phys)
		madt.ioapic_phys = 0xfec00000;
	pr_info("ACPI: MADT: LAPIC at %#lx, IOAPIC at %#lx (GSI %u), %u CPU(s)\n",
		(unsigned long)madt.lapic_phys, (unsigned long)madt.ioapic_phys,
		madt.ioapic_gsi_base, madt.nr_cpus);
}
