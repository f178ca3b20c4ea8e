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
 * A new kernel thread starts here, with rax = the task switched away
 * from (__switch_to's return value), rbx = its function, r12 = the
 * argument.  schedule_tail() finishes what __schedule() began for the
 * previous task and turns interrupts and preemption on; then the thread
 * runs, and if its function returns, that is its exit.
 */
	.globl	ret_from_fork
ret_from_fork:
	movq	%rax, %rdi
	call	schedule_tail
	movq	%r12, %rdi
	call	*%rbx
	movslq	%eax, %rdi
	call	do_exit
	ud2				/* do_exit does not return */

	.section .note.GNU-stack, "", @progbits
