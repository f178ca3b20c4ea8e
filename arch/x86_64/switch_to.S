/*
 * switch_to.S - the context switch and a new task's first steps.
 *
 * __switch_to_asm(prev, next) runs on prev's stack and comes back on
 * next's: it pushes the callee-saved registers, stores rsp in
 * prev->thread.sp, loads next->thread.sp, pops next's registers and
 * tail-calls __switch_to() (process.c), whose "ret" uses the return
 * address next pushed when it last switched out.  For a task that never
 * ran, copy_thread() made that address ret_from_fork.
 *
 * Interrupts are off throughout (the caller is __schedule()).
 */
#include "arch/x86_64/switch_to.h"

	.text
	.globl	__switch_to_asm
__switch_to_asm:
	pushq	%rbp
	pushq	%rbx
	pushq	%r12
	pushq	%r13
	pushq	%r14
	pushq	%r15
	movq	%rsp, TASK_threadsp(%rdi)
	movq	TASK_threadsp(%rsi), %rsp
	popq	%r15
	popq	%r14
	popq	%r13
	popq	%r12
	popq	%rbx
	popq	%rbp
	jmp	__switch_to		/* rdi = prev, rsi = next; returns prev */

/*
 * A new task starts here, with rax = the task switched away from
 * (__switch_to's return value), rbx = its kernel function (or 0) and
 * r12 = the argument.  schedule_tail() finishes what __schedule() began
 * for the previous task and turns interrupts and preemption on.
 *
 * rsp is now at the struct pt_regs at the top of the stack.  A kernel
 * thread runs its function; if that returns, the thread ends, unless the
 * function exec'd a user program (kernel_init does), in which case the
 * pt_regs now describe that program.  A forked child has no function:
 * its pt_regs are a copy of its parent's.  Both of these leave through
 * the ordinary return to user mode.
 */
	.globl	ret_from_fork
ret_from_fork:
	movq	%rax, %rdi
	call	schedule_tail
	testq	%rbx, %rbx
	jz	1f
	movq	%r12, %rdi
	call	*%rbx
	movslq	%eax, %rdi
	call	kthread_returned	/* do_exit unless it exec'd */
1:	cli
	movq	%rsp, %rdi
	call	exit_to_user_mode
	jmp	ret_from_interrupt

	.section .note.GNU-stack, "", @progbits
