/*
 * exit.c - the end of a task.
 *
 * do_exit() runs on the dying task's own stack, so it cannot free that
 * stack: it marks the task TASK_DEAD (and a zombie, for a parent's wait()
 * later) and schedules away for the last time.  The task that runs next
 * frees the stack and drops the dead task's reference to itself
 * (finish_task_switch in sched.c).
 *
 * Context: process context of the exiting task.
 */
#include "kernel/kernel.h"
#include "kernel/sched.h"
#include "kernel/kthread.h"
#include "arch/x86_64/cpu.h"

void __noreturn do_exit(long code)
{
	struct task_struct *tsk = current;

	if (tsk == &init_task)
		panic("attempted to kill the idle task");
	tsk->exit_code = code;
	kthread_exit_notify(tsk);
	/* From here to the switch nothing may run in between: a dead task
	 * that got preempted would be put back on the run queue. */
	preempt_disable();
	local_irq_disable();
	tsk->exit_state = EXIT_ZOMBIE;
	do_task_dead();
}
