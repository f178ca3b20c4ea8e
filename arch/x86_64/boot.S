/*
 * boot.S - from GRUB's hand-off to C in the higher half.
 *
 * GRUB (multiboot2) jumps to _start in 32-bit protected mode with paging
 * off, EAX = the multiboot2 magic and EBX = the physical address of the
 * boot information.  Everything in this file until start64_high runs at its
 * physical (identity) address, which is why it lives in the .boot sections
 * that the linker script places at 1 MiB with VMA == LMA.
 *
 * The steps, in the order the CPU demands them:
 *   1. build boot page tables that map the first 1 GiB three times:
 *        identity            (so the next instruction after enabling paging
 *                             still has a mapping),
 *        0xffffffff80000000  (the kernel image, -mcmodel=kernel),
 *        0xffff888000000000  (the direct map of physical memory, Linux's
 *                             PAGE_OFFSET, so early C code can read the
 *                             multiboot information);
 *   2. CR4.PAE, CR3, EFER.LME (long mode) and EFER.NXE (no-execute bit),
 *      then CR0.PG: the CPU is now in compatibility mode;
 *   3. a far jump through a 64-bit code segment: long mode proper;
 *   4. jump to the higher half and call start_kernel().
 * arch/x86_64/paging.c later replaces these tables with precise ones.
 */
#include "arch/x86_64/boot_defs.h"

	.section .multiboot2, "a"
	.balign 8
mb2_header:
	.long	MB2_HEADER_MAGIC
	.long	0				/* architecture: i386 (32-bit entry) */
	.long	mb2_header_end - mb2_header
	.long	-(MB2_HEADER_MAGIC + (mb2_header_end - mb2_header))
	/* end tag: type 0, flags 0, size 8 */
	.word	0
	.word	0
	.long	8
mb2_header_end:

	.section .boot.text, "ax"
	.code32
	.globl	_start
_start:
	cli
	movl	$boot_stack_top, %esp
	movl	%eax, %edi			/* multiboot2 magic: 1st C argument */
	movl	%ebx, %esi			/* boot info (phys): 2nd C argument */

	/* Long mode needs CPUID leaf 0x80000001 EDX bit 29. */
	movl	$0x80000000, %eax
	cpuid
	cmpl	$0x80000001, %eax
	jb	no_long_mode
	movl	$0x80000001, %eax
	cpuid
	testl	$(1 << 29), %edx
	jz	no_long_mode

	/* 1. Boot page tables: one page directory of 2 MiB pages covers 1 GiB. */
	movl	$boot_pd, %ebx
	xorl	%ecx, %ecx
1:	movl	%ecx, %eax
	shll	$21, %eax			/* physical address of entry ecx */
	orl	$(PTE_PRESENT | PTE_WRITE | PTE_HUGE), %eax
	movl	%eax, (%ebx, %ecx, 8)
	movl	$0, 4(%ebx, %ecx, 8)
	incl	%ecx
	cmpl	$512, %ecx
	jne	1b

	movl	$(boot_pd + PTE_PRESENT + PTE_WRITE), boot_pdpt
	movl	$(boot_pd + PTE_PRESENT + PTE_WRITE), boot_pdpt + 8 * 510
	movl	$(boot_pdpt + PTE_PRESENT + PTE_WRITE), boot_pml4
	movl	$(boot_pdpt + PTE_PRESENT + PTE_WRITE), boot_pml4 + 8 * 511
	movl	$(boot_pdpt + PTE_PRESENT + PTE_WRITE), boot_pml4 + 8 * 273

	/* 2. PAE, page table root, long mode + NX, then paging. */
	movl	%cr4, %eax
	orl	$CR4_PAE, %eax
	movl	%eax, %cr4
	movl	$boot_pml4, %eax
	movl	%eax, %cr3
	movl	$MSR_EFER, %ecx
	rdmsr
	orl	$(EFER_LME | EFER_NXE), %eax
	wrmsr
	movl	%cr0, %eax
	orl	$(CR0_PG | CR0_WP | CR0_PE), %eax
	movl	%eax, %cr0

	/* 3. A 64-bit code segment makes it long mode proper. */
	lgdt	boot_gdt_ptr
	ljmp	$BOOT_CS, $start64

no_long_mode:
	/* No console yet: write "no long mode" straight to COM1 and stop. */
	movl	$no_lm_msg, %esi
2:	lodsb
	testb	%al, %al
	jz	3f
	movw	$0x3f8, %dx
	outb	%al, %dx
	jmp	2b
3:	hlt
	jmp	3b

	.code64
start64:
	movl	%edi, %edi			/* zero-extend: the upper halves */
	movl	%esi, %esi			/* are undefined after the switch */
	movl	$BOOT_DS, %eax
	movl	%eax, %ds
	movl	%eax, %es
	movl	%eax, %ss
	xorl	%eax, %eax
	movl	%eax, %fs
	movl	%eax, %gs
	/* 4. Leave the identity mapping for the kernel's own addresses. */
	movabsq	$start64_high, %rax
	jmp	*%rax

	.section .boot.data, "aw"
no_lm_msg:
	.asciz	"boot: this CPU has no long mode (x86-64); stopping\r\n"
	.balign 8
boot_gdt:
	.quad	0				/* null descriptor */
	.quad	0x00af9a000000ffff		/* 0x08: 64-bit code, DPL 0 */
	.quad	0x00cf92000000ffff		/* 0x10: data, DPL 0 */
boot_gdt_end:
boot_gdt_ptr:
	.word	boot_gdt_end - boot_gdt - 1
	.long	boot_gdt

	/* Zero-filled in the file, so they are zero however the loader treats
	 * .bss; only the boot path uses them. */
	.balign	4096
boot_pml4:	.fill	512, 8, 0
boot_pdpt:	.fill	512, 8, 0
boot_pd:	.fill	512, 8, 0
boot_stack:	.fill	1024, 4, 0
boot_stack_top:

	.text
start64_high:
	movabsq	$init_stack_top, %rsp
	xorl	%ebp, %ebp			/* ends the backtrace frame chain */
	call	start_kernel
4:	cli
	hlt
	jmp	4b

	.bss
	.balign	16
	.globl	init_stack, init_stack_top
init_stack:
	.skip	KERNEL_STACK_SIZE
init_stack_top:

	.section .note.GNU-stack, "", @progbits
