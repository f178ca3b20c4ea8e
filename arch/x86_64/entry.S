/*
 * entry.S - the way into the kernel from an interrupt or exception.
 *
 * The IDT points every vector at a 16-byte stub here.  A stub pushes a
 * zero where the CPU pushes no error code (so the frame has one shape),
 * pushes its vector number and jumps to common_interrupt, which saves the
 * general registers as a struct pt_regs (ptrace.h) and calls
 * do_interrupt(regs).  Coming back, it restores them and IRETs.
 *
 * entry_SYSCALL_64 is the other way in: the SYSCALL instruction.  It
 * builds the same struct pt_regs by hand and calls do_syscall_64(regs).
 *
 * There is one CPU and the kernel never uses the GS segment, so unlike
 * Linux we need no swapgs: a user program's GS base passes through the
 * kernel untouched.
 */
#include "arch/x86_64/segment.h"
#include "arch/x86_64/ptrace.h"
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

/* Offset of the user's rsp in the frame, from the vector slot up. */
#define FRAME_SP	40
/* Offset of sp0 in struct tss_struct (after a u32). */
#define TSS_SP0		4
#define ENOSYS		38

/*
 * The general registers of struct pt_regs, pushed and popped in one
 * order everywhere (ptrace.h); rax is an argument because the system
 * call path stores its default result (-ENOSYS) there instead.
 */
.macro PUSH_REGS rax=%rax
	pushq	%rdi
	pushq	%rsi
	pushq	%rdx
	pushq	%rcx
	pushq	\rax
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
.endm

.macro POP_REGS
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
.endm

common_interrupt:
	/* Close the SMAP window a user copy may have open (cpu_common.c);
	 * iretq brings the interrupted EFLAGS.AC back. */
	ASM_CLAC
	PUSH_REGS
	cld				/* the C ABI expects DF clear */
	movq	%rsp, %rdi
	call	do_interrupt
	.globl	ret_from_interrupt
ret_from_interrupt:
	POP_REGS
	addq	$16, %rsp		/* drop vector and error code */
	iretq

/*
 * SYSCALL: the CPU has put the user's rip in rcx and rflags in r11, loaded
 * the kernel's CS/SS from MSR_STAR and cleared the flags in MSR_SYSCALL_MASK
 * (interrupts are off), and nothing else: rsp is still the user's stack.
 * Arguments are in rdi, rsi, rdx, r10, r8, r9; the number in rax.
 */
	.globl	entry_SYSCALL_64
entry_SYSCALL_64:
	/* Interrupts are off and there is one CPU, so a global is a safe
	 * place for the user's rsp until it is on the kernel stack. */
	movq	%rsp, syscall_user_sp(%rip)
	movq	cpu_tss + TSS_SP0(%rip), %rsp	/* this task's kernel stack */
	pushq	$__USER_DS			/* ss */
	pushq	syscall_user_sp(%rip)		/* sp */
	pushq	%r11				/* flags */
	pushq	$__USER_CS			/* cs */
	pushq	%rcx				/* ip */
	pushq	%rax				/* orig_ax: the number */
	pushq	$SYSCALL_VECTOR			/* vector */
	PUSH_REGS $-ENOSYS			/* ax: the result unless set */
	movq	%rsp, %rdi
	call	do_syscall_64		/* returns whether SYSRET may be used */
	testb	%al, %al
	jz	ret_from_interrupt	/* the general way: IRET */
	/* SYSRET takes rip from rcx and rflags from r11, which do_syscall_64
	 * checked are regs->ip and regs->flags; interrupts stay off until
	 * SYSRET loads the user's flags, because rsp becomes the user's. */
	cli
	POP_REGS
	movq	FRAME_SP(%rsp), %rsp	/* the user's stack */
	sysretq

	.bss
	.balign	8
syscall_user_sp:
	.quad	0

	.section .note.GNU-stack, "", @progbits
