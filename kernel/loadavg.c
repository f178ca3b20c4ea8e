/*
 * loadavg.c - the load averages of /proc/loadavg, top and sysinfo
 * (Linux's kernel/sched/loadavg.c, for one CPU and without NO_HZ).
 *
 * Every LOAD_FREQ ticks the number of active tasks is folded into three
 * exponentially decaying averages, whose weights make them forget with
 * time constants of 1, 5 and 15 minutes: avenrun[i] = avenrun[i] * e +
 * active * (1 - e), with e = exp(-5 s / 1 min) and so on, in fixed point
 * with FSHIFT fraction bits.
 *
 * Active means runnable, plus asleep uninterruptibly (D state), as in
 * Linux.  Kernel threads that wait for work (knetd) sleep
 * interruptibly, as Linux's ksoftirqd does, so an idle machine's load
 * is 0.
 *
 * Context: calc_global_load() from the timer interrupt, interrupts off,
 * so the task list cannot change under it.
 */
#include "kernel/kernel.h"
#include "kernel/sched.h"
#include "kernel/kernel_stat.h"

#define LOAD_FREQ	(5 * HZ + 1)	/* the extra tick keeps the sample
					 * off the beat of 5 s periodic work */
#define EXP_1		1884		/* FIXED_1 / exp(5 s / 1 min) */
#define EXP_5		2014		/* FIXED_1 / exp(5 s / 5 min) */
#define EXP_15		2037		/* FIXED_1 / exp(5 s / 15 min) */

unsigned long avenrun[3];
static u64 calc_load_update = LOAD_FREQ;	/* jiffies of the next sample */

unsigned long calc_load(unsigned long load, unsigned long exp,
			unsigned long active)
{
	unsigned long newload = load * exp + active * (FIXED_1 - exp);

	/* Round up while rising, so that a steady load is reached rather
	 * than approached for ever. */
	if (active >= load)
		newload += FIXED_1 - 1;
	return newload / FIXED_1;
}

static unsigned long nr_active(void)
{
	unsigned long n = nr_running();
	struct task_struct *p;

	list_for_each_entry(p, &init_task.tasks, tasks)
		if (p->state == TASK_UNINTERRUPTIBLE && !p->exit_state)
			n++;
	return n;
}

void calc_global_load(void)
{
	if (time_before(jiffies, calc_load_update))
		return;
	calc_load_update += LOAD_FREQ;
	unsigned long active = nr_active() * FIXED_1;
	avenrun[0] = calc_load(avenrun[0], EXP_1, active);
	avenrun[1] = calc_load(avenrun[1], EXP_5, active);
	avenrun[2] = calc_load(avenrun[2], EXP_15, active);
}
