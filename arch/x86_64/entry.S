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
 * GS: in the kernel, the GS base is this CPU's per-CPU offset
 * (kernel/percpu.h); in user mode it is the program's own.  SWAPGS
 * exchanges MSR_GS_BASE with MSR_KERNEL_GS_BASE, where the other one
 * waits, so every way in from user mode starts with it and every way
 * out ends with it, and nothing else uses it (as Linux):
 *   - common_interrupt and ret_from_interrupt look at the saved CS: only
 *     an interrupt from user mode (CPL 3) swaps;
 *   - entry_SYSCALL_64 always comes from user mode, and its SYSRET exit
 *     always goes back there;
 *   - the three vectors with IST stacks (NMI, double fault, machine
 *     check) can arrive anywhere, even between SYSCALL and its SWAPGS
 *     where CS is the kernel's but GS still the user's: they save
 *     whatever GS base there is and load this CPU's from above their
 *     stack (paranoid_interrupt; Linux reads MSR_GS_BASE for the same
 *     reason).
 */
#include "arch/x86_64/segment.h"
#include "arch/x86_64/ptrace.h"
#include "arch/x86_64/asm.h"

/* The vectors with an IST stack (irq.c): NMI, #DF, #MC. */
#define IS_PARANOID(v) ((v) == 2 || (v) == 8 || (v) == 18)
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
	.if	IS_PARANOID(vec)
	jmp	paranoid_interrupt
	.else
	jmp	common_interrupt
	.endif
	vec = vec + 1
	.endr

/* Offset of the user's rsp in the frame, from the vector slot up. */
#define FRAME_SP	40
/* Offset of the interrupted CS in the frame: from the vector slot
 * (common_interrupt's rsp), and once vector and error code are gone. */
#define FRAME_CS	24
#define IRET_CS		8
#define MSR_GS_BASE	0xc0000101
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
	testb	$3, FRAME_CS(%rsp)	/* from user mode: the kernel's GS */
	jz	1f
	swapgs
1:	/* Close the SMAP window a user copy may have open (cpu_common.c);
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
	testb	$3, IRET_CS(%rsp)	/* back to user mode: the user's GS */
	jz	1f
	swapgs
1:	iretq

/*
 * NMI, double fault, machine check: on their IST stacks, wherever they
 * struck.  The GS base is saved in rbx (callee-saved: do_interrupt
 * keeps it), this CPU's loaded from the slot gdt.c left above the frame,
 * and the saved one put back on the way out.  They return only to
 * where they came from (NMI and #MC may; #DF never does), so there is
 * no rescheduling here.
 */
paranoid_interrupt:
	ASM_CLAC
	PUSH_REGS
	cld
	movl	$MSR_GS_BASE, %ecx
	rdmsr
	movl	%eax, %ebx
	shlq	$32, %rdx
	orq	%rdx, %rbx		/* rbx = the GS base we came with */
	movq	IST_GSBASE_SLOT(%rsp), %rax
	movq	%rax, %rdx
	shrq	$32, %rdx
	wrmsr				/* this CPU's own */
	movq	%rsp, %rdi
	call	do_interrupt
	movl	$MSR_GS_BASE, %ecx
	movl	%ebx, %eax
	movq	%rbx, %rdx
	shrq	$32, %rdx
	wrmsr
	POP_REGS
	addq	$16, %rsp
	iretq

/*
 * SYSCALL: the CPU has put the user's rip in rcx and rflags in r11, loaded
 * the kernel's CS/SS from MSR_STAR and cleared the flags in MSR_SYSCALL_MASK
 * (interrupts are off), and nothing else: rsp is still the user's stack.
 * Arguments are in rdi, rsi, rdx, r10, r8, r9; the number in rax.
 */
	.globl	entry_SYSCALL_64
entry_SYSCALL_64:
	swapgs				/* GS: this CPU's per-CPU area */
	/* Interrupts are off, so this CPU's TSS.sp2 (unused) is a safe
	 * place for the user's rsp until it is on the kernel stack. */
	movq	%rsp, %gs:cpu_tss_rw + TSS_sp2(%rip)
	movq	%gs:cpu_tss_rw + TSS_sp0(%rip), %rsp	/* this task's stack */
	pushq	$__USER_DS			/* ss */
	pushq	%gs:cpu_tss_rw + TSS_sp2(%rip)	/* sp */
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
	swapgs
	sysretq

	.section .note.GNU-stack, "", @progbits
