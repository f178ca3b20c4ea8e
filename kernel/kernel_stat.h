/*
 * kernel_stat.h - where the CPU's time went, for /proc/stat and top
 * (Linux's include/linux/kernel_stat.h and kernel/sched/cputime.c).
 *
 * Time is sampled, not measured: each timer tick charges one whole tick
 * to whatever it interrupted -- the current task's user or system time,
 * or the idle time when the idle task was on the CPU.  A task that runs
 * between ticks is never charged at all, which over many ticks averages
 * out; Linux does the same without CONFIG_VIRT_CPU_ACCOUNTING.
 *
 * Ticks are already clock_t units: HZ equals USER_HZ (100), the unit
 * /proc and times(2) report in.
 *
 * Context: account_process_tick() from the timer interrupt; readers in
 * any context (a u64 read is one instruction here).
 */
#ifndef KERNEL_KERNEL_STAT_H
#define KERNEL_KERNEL_STAT_H

#include "kernel/types.h"
#include "kernel/time.h"
#include "kernel/percpu.h"

#define USER_HZ		100
_Static_assert(HZ == USER_HZ, "ticks are reported as clock_t unconverted");

/* The columns of /proc/stat's cpu line that we can fill, Linux's names. */
enum cpu_usage_stat {
	CPUTIME_USER,
	CPUTIME_SYSTEM,
	CPUTIME_IDLE,
	NR_STATS,
};

struct kernel_cpustat {
	u64 cpustat[NR_STATS];		/* ticks, per enum cpu_usage_stat */
};

/* One set of counters per CPU (Linux's kernel_cpustat), each written
 * only by its own CPU's tick; /proc/stat shows each and their sum. */
DECLARE_PER_CPU(struct kernel_cpustat, kernel_cpustat);
#define kcpustat_cpu(cpu)	(*per_cpu_ptr(&kernel_cpustat, (cpu)))
/* The sum over the online CPUs of one column. */
u64 kcpustat_sum(enum cpu_usage_stat idx);

/* Linux's softirq vectors, for /proc/stat's "softirq" line.  Only
 * NET_RX is ever counted here: each round of knetd that polls a device
 * (net_rx_action, which is NET_RX's handler in Linux). */
enum {
	HI_SOFTIRQ, TIMER_SOFTIRQ, NET_TX_SOFTIRQ, NET_RX_SOFTIRQ,
	BLOCK_SOFTIRQ, IRQ_POLL_SOFTIRQ, TASKLET_SOFTIRQ, SCHED_SOFTIRQ,
	HRTIMER_SOFTIRQ, RCU_SOFTIRQ, NR_SOFTIRQS
};

struct kernel_stat {
	u64 softirqs[NR_SOFTIRQS];
};
extern struct kernel_stat kstat;

/* Any context; one atomic add (knetd may run on any CPU). */
static inline void kstat_incr_softirqs_this_cpu(unsigned int nr)
{
	__atomic_add_fetch(&kstat.softirqs[nr], 1, __ATOMIC_RELAXED);
}

struct task_struct;

/* Charge the tick that just came to p: user_tick says whether it
 * interrupted user mode.  Timer interrupt. */
void account_process_tick(struct task_struct *p, int user_tick);

/* The exponentially-decaying load averages (kernel/loadavg.c), in fixed
 * point with FSHIFT fraction bits, as Linux's avenrun[]. */
#define FSHIFT		11
#define FIXED_1		(1UL << FSHIFT)
#define LOAD_INT(x)	((x) >> FSHIFT)
#define LOAD_FRAC(x)	LOAD_INT(((x) & (FIXED_1 - 1)) * 100)
extern unsigned long avenrun[3];
/* Fold the number of active tasks in, once every LOAD_FREQ ticks.
 * Timer interrupt. */
void calc_global_load(void);
/* One step of the average: load decayed by exp, toward active. */
unsigned long calc_load(unsigned long load, unsigned long exp,
			unsigned long active);

#endif
