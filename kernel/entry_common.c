/*
 * entry_common.c - the last stop before user mode (Linux's
 * kernel/entry/common.c).
 *
 * Every way back to user mode (end of a system call, of an interrupt or
 * exception that came from user mode, a new process's first return)
 * passes here.  It is where a task gives up the CPU if its time is up and
 * where pending signals are delivered, so both happen at a point where the
 * user registers are complete in pt_regs and no kernel lock is held.
 *
 * Context: process context of the returning task.  Called with
 * interrupts off; they are on while work is done, off again on return.
 */
#include "kernel/kernel.h"
#include "kernel/sched.h"
#include "kernel/signal.h"
#include "arch/x86_64/ptrace.h"
#include "arch/x86_64/cpu.h"

void exit_to_user_mode(struct pt_regs *regs)
{
	for (;;) {
		if (need_resched()) {
			local_irq_enable();
			schedule();
			local_irq_disable();
			continue;
		}
		if (signal_pending(current) || current->restore_sigmask) {
			local_irq_enable();
			do_signal(regs);
			local_irq_disable();
			if (signal_pending(current))
				continue;
		}
		break;
	}
}
