/*
 * trampoline.S - where an application processor starts: real mode to
 * long mode, then into the kernel (Linux's arch/x86/realmode/rm/
 * trampoline_64.S, much shortened).
 *
 * A CPU woken by a startup IPI (SIPI) begins in 16-bit real mode at
 * vector * 4096 with CS = vector * 256, IP = 0 (SDM vol. 3, "MP
 * Initialization"): the code must sit below 1 MiB, on a page boundary.
 * smpboot.c copies trampoline_start..trampoline_end to TRAMPOLINE_PHYS
 * and fills in the header at its end; the code is assembled for that
 * address (TR()), so it runs only there.  The steps are boot.S's:
 *   1. a GDT of our own (in the copy) and CR0.PE: 32-bit protected mode;
 *   2. CR4.PAE, CR3 = the trampoline's page table (smpboot.c made it:
 *      the kernel's upper half, plus the first 2 MiB identity-mapped so
 *      the next instruction is still there), EFER = the boot CPU's (long
 *      mode, NX, SYSCALL), CR0 = the boot CPU's (paging on);
 *   3. a far jump through a 64-bit code segment: long mode;
 *   4. an absolute jump to secondary_startup_64 in the kernel's text,
 *      which takes the kernel's own page tables, CR4 and the stack the
 *      boot CPU gave this CPU, and calls start_secondary().
 * Interrupts stay off throughout; the IDT is loaded in C.
 */
#include "arch/x86_64/boot_defs.h"
#include "arch/x86_64/smp.h"

#define TR(x)	((x) - trampoline_start + TRAMPOLINE_PHYS)

	.section .rodata
	.balign	16
	.globl	trampoline_start
trampoline_start:
	.code16
	cli
	cld
	movw	%cs, %ax
	movw	%ax, %ds		/* offsets below are from the copy's start */
	lgdtl	tr_gdt_desc - trampoline_start
	movl	%cr0, %eax
	orl	$CR0_PE, %eax
	movl	%eax, %cr0
	ljmpl	$BOOT_CS, $TR(tr_protected)

	.code32
tr_protected:
	movl	$BOOT_DS, %eax
	movl	%eax, %ds
	movl	%eax, %es
	movl	%eax, %ss
	movl	%cr4, %eax
	orl	$CR4_PAE, %eax
	movl	%eax, %cr4
	movl	TR(tr_header) + TR_CR3, %eax
	movl	%eax, %cr3
	movl	$MSR_EFER, %ecx
	movl	TR(tr_header) + TR_EFER, %eax
	movl	TR(tr_header) + TR_EFER + 4, %edx
	wrmsr
	movl	TR(tr_header) + TR_CR0, %eax
	movl	%eax, %cr0		/* paging on: compatibility mode */
	ljmpl	$TR_CS64, $TR(tr_long)

	.code64
tr_long:
	movq	TR(tr_header) + TR_ENTRY, %rax
	jmp	*%rax

	.balign	8
tr_gdt:
	.quad	0
	.quad	0x00cf9a000000ffff	/* BOOT_CS: 32-bit code */
	.quad	0x00cf92000000ffff	/* BOOT_DS: data */
	.quad	0x00af9a000000ffff	/* TR_CS64: 64-bit code */
tr_gdt_desc:
	.word	4 * 8 - 1
	.long	TR(tr_gdt)

	.balign	8
	.globl	trampoline_header
trampoline_header:
tr_header:
	.fill	TR_HEADER_SIZE, 1, 0	/* struct trampoline_header */
	.globl	trampoline_end
trampoline_end:

/*
 * In the kernel's text, on the trampoline's page tables (which map it).
 * The values come from smpboot.c, written before the SIPI.
 */
	.text
	.globl	secondary_startup_64
secondary_startup_64:
	movq	initial_cr3(%rip), %rax
	movq	%rax, %cr3		/* the kernel's page tables */
	movq	initial_cr4(%rip), %rax
	movq	%rax, %cr4		/* SMEP, SMAP, OSFXSR ... as CPU 0 */
	movq	initial_stack(%rip), %rsp	/* the idle task's stack */
	pushq	$0
	popfq				/* flags clean: IF, DF, AC off */
	xorl	%ebp, %ebp		/* ends the backtrace's frame chain */
	call	start_secondary
1:	hlt
	jmp	1b

	.section .note.GNU-stack, "", @progbits
