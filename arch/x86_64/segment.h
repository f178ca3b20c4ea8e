/*
 * segment.h - the GDT layout, chosen to match Linux's so that a register
 * dump reads the same in both kernels ("RIP: 0010:...", user CS 0x33).
 * The order of the user entries is forced by SYSRET: it loads SS from
 * STAR[63:48] + 8 and CS from STAR[63:48] + 16.
 */
#ifndef ARCH_X86_64_SEGMENT_H
#define ARCH_X86_64_SEGMENT_H

#define GDT_ENTRY_KERNEL32_CS	1
#define GDT_ENTRY_KERNEL_CS	2
#define GDT_ENTRY_KERNEL_DS	3
#define GDT_ENTRY_USER32_CS	4
#define GDT_ENTRY_USER_DS	5
#define GDT_ENTRY_USER_CS	6
#define GDT_ENTRY_TSS		8	/* a 16-byte descriptor: entries 8 and 9 */
#define GDT_ENTRIES		10

#define __KERNEL_CS	(GDT_ENTRY_KERNEL_CS * 8)	/* 0x10 */
#define __KERNEL_DS	(GDT_ENTRY_KERNEL_DS * 8)	/* 0x18 */
#define __USER32_CS	(GDT_ENTRY_USER32_CS * 8 + 3)	/* 0x23 */
#define __USER_DS	(GDT_ENTRY_USER_DS * 8 + 3)	/* 0x2b */
#define __USER_CS	(GDT_ENTRY_USER_CS * 8 + 3)	/* 0x33 */
#define GDT_TSS_SEL	(GDT_ENTRY_TSS * 8)		/* 0x40 */

/* Interrupt stack table slots in the TSS (1-based, as the IDT names them):
 * exceptions that may arrive on a broken stack get a known-good one. */
#define IST_DOUBLE_FAULT	1
#define IST_NMI			2
#define IST_MACHINE_CHECK	3
#define NR_IST_STACKS		3
#define IST_STACK_SIZE		8192
/* Where in struct tss_struct entry.S finds sp0, and sp2, which the
 * SYSCALL entry borrows to hold the user's rsp for a moment (as
 * Linux). */
#define TSS_sp0			4
#define TSS_sp2			20
/* paranoid_interrupt's frame, from its rsp after the registers are
 * pushed up to the IST stack's top (where gdt.c left the GS base):
 * 15 registers, the vector and error code, the CPU's 5-word frame. */
#define IST_GSBASE_SLOT		(15 * 8 + 16 + 40)

#ifndef __ASSEMBLER__
#include "kernel/types.h"

/* The 64-bit task state segment: only the stacks matter in long mode. */
struct tss_struct {
	u32 reserved0;
	u64 sp0;		/* kernel stack for interrupts from user mode */
	u64 sp1, sp2;
	u64 reserved1;
	u64 ist[7];		/* IST1..IST7 */
	u64 reserved2;
	u16 reserved3;
	u16 io_bitmap_base;
} __packed;

#include "kernel/percpu.h"
/* This CPU's TSS (Linux's cpu_tss_rw); its sp0 follows the task on the
 * CPU (__switch_to). */
DECLARE_PER_CPU(struct tss_struct, cpu_tss_rw);
/* This CPU's IST stacks (NR_IST_STACKS * IST_STACK_SIZE bytes); NULL
 * on CPU 0, which has static ones. */
DECLARE_PER_CPU(u8 *, ist_stacks);

/* Load this CPU's GDT (a copy of the one layout, with its own TSS) and
 * TSS.  Boot, on the CPU itself. */
void gdt_init(void);
#endif

#endif
