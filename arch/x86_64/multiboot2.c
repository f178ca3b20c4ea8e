/*
 * multiboot2.c - read the boot information GRUB hands to _start.
 *
 * The structure is a u32 total size, a u32 reserved, then tags, each
 * { u32 type; u32 size; payload } padded to 8 bytes, ending with type 0.
 * Boot context only: runs once, on the boot page tables, before any
 * allocator exists; everything we keep is copied into bootinfo.
 */
#include "kernel/kernel.h"
#include "kernel/params.h"
#include "arch/x86_64/boot_defs.h"
#include "arch/x86_64/bootinfo.h"
#include "arch/x86_64/page.h"

#define MB2_TAG_END		0
#define MB2_TAG_CMDLINE		1
#define MB2_TAG_BOOTLOADER	2
#define MB2_TAG_MODULE		3
#define MB2_TAG_MMAP		6
#define MB2_TAG_ACPI_OLD	14
#define MB2_TAG_ACPI_NEW	15

struct mb2_tag {
	u32 type;
	u32 size;
};

struct mb2_tag_module {
	struct mb2_tag tag;
	u32 mod_start, mod_end;
	char string[];
};

struct mb2_tag_mmap {
	struct mb2_tag tag;
	u32 entry_size, entry_version;
	u8 entries[];
};

struct mb2_mmap_entry {
	u64 addr, len;
	u32 type, reserved;
};

struct bootinfo bootinfo;

static void parse_mmap(const struct mb2_tag_mmap *t)
{
	const u8 *p = t->entries, *end = (const u8 *)t + t->tag.size;

	for (; p + t->entry_size <= end; p += t->entry_size) {
		const struct mb2_mmap_entry *e = (const void *)p;
		if (bootinfo.nr_e820 == E820_MAX_ENTRIES)
			break;
		bootinfo.e820[bootinfo.nr_e820++] =
			(struct e820_entry){ e->addr, e->len, e->type };
	}
}

static void parse_module(const struct mb2_tag_module *t)
{
	if (bootinfo.nr_modules == BOOT_MAX_MODULES)
		return;
	struct boot_module *m = &bootinfo.modules[bootinfo.nr_modules++];
	m->start = t->mod_start;
	m->end = t->mod_end;
	strlcpy(m->name, t->string, sizeof(m->name));
}

void parse_multiboot2(u32 magic, phys_addr_t mbi)
{
	if (magic != MB2_BOOTLOADER_MAGIC)
		panic("not booted by a multiboot2 loader (magic %#x)", magic);

	const u8 *base = phys_to_virt(mbi);
	bootinfo.mbi_phys = mbi;
	bootinfo.mbi_size = *(const u32 *)base;

	for (const u8 *p = base + 8; p < base + bootinfo.mbi_size;
	     p += ALIGN_UP(((const struct mb2_tag *)p)->size, 8)) {
		const struct mb2_tag *tag = (const void *)p;
		switch (tag->type) {
		case MB2_TAG_END:
			return;
		case MB2_TAG_CMDLINE:
			strlcpy(boot_command_line, (const char *)(tag + 1),
				sizeof(boot_command_line));
			break;
		case MB2_TAG_BOOTLOADER:
			bootinfo.bootloader = (const char *)(tag + 1);
			break;
		case MB2_TAG_MODULE:
			parse_module((const void *)tag);
			break;
		case MB2_TAG_MMAP:
			parse_mmap((const void *)tag);
			break;
		case MB2_TAG_ACPI_OLD:
		case MB2_TAG_ACPI_NEW:
			/* The payload is a copy of the RSDP; keep the newer. */
			if (!bootinfo.acpi_rsdp || tag->type == MB2_TAG_ACPI_NEW)
				bootinfo.acpi_rsdp = virt_to_phys(tag + 1);
			break;
		}
	}
}
