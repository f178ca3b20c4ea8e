/*
 * process.c - the C half of the context switch and the layout of a new
 * task's stack.
 *
 * A kernel stack is THREAD_SIZE bytes.  Its top is reserved for a struct
 * pt_regs, where a user process's registers will land when it enters the
 * kernel (the CPU switches to cpu_tss.sp0, which is that top); kernel
 * threads leave it unused.  Below it the task's frames grow down.
 */
#include "kernel/kernel.h"
#include "kernel/sched.h"
#include "arch/x86_64/switch_to.h"
#include "arch/x86_64/segment.h"
#include "arch/x86_64/ptrace.h"

_Static_assert(offsetof(struct task_struct, thread.sp) == TASK_threadsp,
	       "switch_to.S: TASK_threadsp is wrong");
_Static_assert(sizeof(struct pt_regs) % 16 == 0,
	       "ret_from_fork needs a 16-byte aligned rsp");

extern char ret_from_fork[];

void copy_thread(struct task_struct *p, int (*fn)(void *), void *arg)
{
	unsigned long top = (unsigned long)p->stack + THREAD_SIZE;
	struct pt_regs *regs = (struct pt_regs *)top - 1;
	struct inactive_task_frame *frame =
		(struct inactive_task_frame *)regs - 1;

	memset(frame, 0, sizeof(*frame) + sizeof(*regs));
	frame->bx = (unsigned long)fn;
	frame->r12 = (unsigned long)arg;
	frame->bp = 0;			/* ends the backtrace frame chain */
	frame->ret_addr = (unsigned long)ret_from_fork;
	p->thread.sp = (unsigned long)frame;
	p->thread.sp0 = top;
}

/* Called (jumped to) by __switch_to_asm on next's stack.  An interrupt
 * from user mode must land on next's stack, so the TSS follows. */
__used struct task_struct *__switch_to(struct task_struct *prev,
				       struct task_struct *next)
{
	cpu_tss.sp0 = next->thread.sp0;
	return prev;
}
