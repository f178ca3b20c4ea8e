/*
 * boot_defs.h - constants shared by the assembly and the C side of boot.
 * Plain #defines only: this file is included from .S files.
 */
#ifndef ARCH_X86_64_BOOT_DEFS_H
#define ARCH_X86_64_BOOT_DEFS_H

#define MB2_HEADER_MAGIC	0xe85250d6	/* in the kernel image */
#define MB2_BOOTLOADER_MAGIC	0x36d76289	/* in EAX at _start */

/* Virtual memory layout (the same two regions Linux uses). */
#define KERNEL_VMA		0xffffffff80000000	/* __START_KERNEL_map */
#define PAGE_OFFSET_VAL		0xffff888000000000	/* direct map of RAM */

#define KERNEL_STACK_SIZE	16384

/* Page table entry bits (Intel SDM vol. 3, 4.5). */
#define PTE_PRESENT	0x001
#define PTE_WRITE	0x002
#define PTE_USER	0x004
#define PTE_PWT		0x008
#define PTE_PCD		0x010
#define PTE_ACCESSED	0x020
#define PTE_DIRTY	0x040
#define PTE_HUGE	0x080	/* 2 MiB page in a PD entry, 1 GiB in a PDPT */
#define PTE_GLOBAL	0x100

#define CR0_PE		(1 << 0)
#define CR0_WP		(1 << 16)
#define CR0_PG		(1 << 31)
#define CR4_PAE		(1 << 5)
#define CR4_PGE		(1 << 7)
#define MSR_EFER	0xc0000080
#define EFER_SCE	(1 << 0)
#define EFER_LME	(1 << 8)
#define EFER_NXE	(1 << 11)

/* Segment selectors of the boot GDT (the final GDT keeps the same two). */
#define BOOT_CS		0x08
#define BOOT_DS		0x10

#endif
