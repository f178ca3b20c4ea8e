/*
 * bootinfo.h - what the boot loader told us, copied out of the multiboot2
 * information structure early so nothing later depends on its memory.
 */
#ifndef ARCH_X86_64_BOOTINFO_H
#define ARCH_X86_64_BOOTINFO_H

#include "kernel/types.h"

/* Memory map entry types, as the BIOS E820 call and multiboot2 give them
 * (Linux keeps the map as its e820_table). */
#define E820_TYPE_RAM		1
#define E820_TYPE_RESERVED	2
#define E820_TYPE_ACPI		3
#define E820_TYPE_NVS		4
#define E820_TYPE_UNUSABLE	5

#define E820_MAX_ENTRIES	64
#define BOOT_MAX_MODULES	8

struct e820_entry {
	u64 addr;
	u64 size;
	u32 type;
};

struct boot_module {
	phys_addr_t start, end;		/* [start, end) */
	char name[64];			/* GRUB's module string */
};

struct bootinfo {
	phys_addr_t mbi_phys;		/* the multiboot2 structure itself */
	u32 mbi_size;
	const char *bootloader;
	unsigned nr_e820;
	struct e820_entry e820[E820_MAX_ENTRIES];
	unsigned nr_modules;
	struct boot_module modules[BOOT_MAX_MODULES];
	phys_addr_t acpi_rsdp;		/* 0 if GRUB passed no ACPI tag */
};

extern struct bootinfo bootinfo;

/* Parse the multiboot2 structure at physical address mbi (reachable through
 * the boot direct map).  Fills bootinfo and boot_command_line. */
void parse_multiboot2(u32 magic, phys_addr_t mbi);

#endif
