/*
 * cputime.c - charging timer ticks to tasks and to the CPU (Linux's
 * kernel/sched/cputime.c, tick-based accounting only).  See
 * kernel_stat.h for why a whole tick goes to whoever it interrupted.
 *
 * Context: the timer interrupt, interrupts off.
 */
#include "kernel/kernel.h"
#include "kernel/sched.h"
#include "kernel/kernel_stat.h"

struct kernel_cpustat kcpustat;
struct kernel_stat kstat;

void account_process_tick(struct task_struct *p, int user_tick)
{
	if (user_tick) {
		p->utime++;
		kcpustat.cpustat[CPUTIME_USER]++;
	} else if (p != &init_task) {
		/* Interrupt handlers run on whatever task they interrupted,
		 * so their time is that task's system time, as in Linux
		 * without IRQ time accounting. */
		p->stime++;
		kcpustat.cpustat[CPUTIME_SYSTEM]++;
	} else {
		/* The boot thread is the idle task once booted; its few
		 * ticks of booting count as idle too. */
		kcpustat.cpustat[CPUTIME_IDLE]++;
	}
}
