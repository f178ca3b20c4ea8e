/*
 * entry.S - the way into the kernel from an interrupt or exception.
 *
 * The IDT points every vector at a 16-byte stub here.  A stub pushes a
 * zero where the CPU pushes no error code (so the frame has one shape),
 * pushes its vector number and jumps to common_interrupt, which saves the
 * general registers as a struct pt_regs (ptrace.h) and calls
 * do_interrupt(regs).  Coming back, it restores them and IRETs.
 *
 * If the interrupted code was in user mode (CS & 3), swapgs exchanges the
 * user's GS base for the kernel's on the way in and back on the way out.
 */
#include "arch/x86_64/segment.h"
#include "arch/x86_64/asm.h"

#define HAS_ERROR_CODE(v) ((v) == 8 || ((v) >= 10 && (v) <= 14) || \
			   (v) == 17 || (v) == 21 || (v) == 29 || (v) == 30)

	.text
	.balign	16
	.globl	interrupt_stubs
interrupt_stubs:
	vec = 0
	.rept	256
	.balign	16
	.if	!HAS_ERROR_CODE(vec)
	pushq	$0
	.endif
	pushq	$vec
	jmp	common_interrupt
	vec = vec + 1
	.endr

/* Offset of CS in the frame once vector and error code are pushed. */
#define FRAME_CS	24

common_interrupt:
	/* Close the SMAP window a user copy may have open (cpu_common.c);
	 * iretq brings the interrupted EFLAGS.AC back. */
	ASM_CLAC
	testb	$3, FRAME_CS(%rsp)
	jz	1f
	swapgs
1:	pushq	%rdi
	pushq	%rsi
	pushq	%rdx
	pushq	%rcx
	pushq	%rax
	pushq	%r8
	pushq	%r9
	pushq	%r10
	pushq	%r11
	pushq	%rbx
	pushq	%rbp
	pushq	%r12
	pushq	%r13
	pushq	%r14
	pushq	%r15
	cld				/* the C ABI expects DF clear */
	movq	%rsp, %rdi
	call	do_interrupt
	.globl	ret_from_interrupt
ret_from_interrupt:
	popq	%r15
	popq	%r14
	popq	%r13
	popq	%r12
	popq	%rbp
	popq	%rbx
	popq	%r11
	popq	%r10
	popq	%r9
	popq	%r8
	popq	%rax
	popq	%rcx
	popq	%rdx
	popq	%rsi
	popq	%rdi
	testb	$3, FRAME_CS(%rsp)
	jz	2f
	swapgs
2:	addq	$16, %rsp		/* drop vector and error code */
	iretq

	.section .note.GNU-stack, "", @progbits
