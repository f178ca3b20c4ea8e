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

DEFINE_PER_CPU(struct kernel_cpustat, kernel_cpustat);
struct kernel_stat kstat;

void account_process_tick(struct task_struct *p, int user_tick)
{
	if (user_tick) {
		p->utime++;
		this_cpu_inc(kernel_cpustat.cpustat[CPUTIME_USER]);
	} else if (!is_idle_task(p)) {
		/* Interrupt handlers run on whatever task they interrupted,
		 * so their time is that task's system time, as in Linux
		 * without IRQ time accounting. */
		p->stime++;
		this_cpu_inc(kernel_cpustat.cpustat[CPUTIME_SYSTEM]);
	} else {
		/* The boot thread is CPU 0's idle task once booted; its
		 * few ticks of booting count as idle too. */
		this_cpu_inc(kernel_cpustat.cpustat[CPUTIME_IDLE]);
	}
}

u64 kcpustat_sum(enum cpu_usage_stat idx)
{
	u64 sum = 0;
	int cpu;

	for_each_online_cpu(cpu)
		sum += READ_ONCE(kcpustat_cpu(cpu).cpustat[idx]);
	return sum;
}
