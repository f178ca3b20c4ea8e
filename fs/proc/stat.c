/*
 * stat.c - the system-wide figures top and uptime read: /proc/stat,
 * /proc/uptime and /proc/loadavg, in Linux's formats (Linux gives each
 * its own file: fs/proc/stat.c, uptime.c, loadavg.c).
 *
 * The CPU times are kernel/cputime.c's tick counts, the loads
 * kernel/loadavg.c's.  Columns we have no counter for (nice, iowait,
 * irq, softirq, steal, guest) are zeros, which is what Linux shows on a
 * machine where those never happen.
 *
 * Context: process context; nothing here sleeps or locks (the counters
 * are single words, written by the timer interrupt).
 */
#include "kernel/kernel.h"
#include "kernel/sched.h"
#include "kernel/kernel_stat.h"
#include "kernel/timekeeping.h"
#include "arch/x86_64/irq.h"
#include "fs/proc/internal.h"

static void stat_cpu_line(struct seq_file *m, const char *name, u64 user,
			  u64 system, u64 idle)
{
	seq_printf(m, "%s %llu 0 %llu %llu 0 0 0 0 0 0\n", name,
		   (unsigned long long)user, (unsigned long long)system,
		   (unsigned long long)idle);
}

/* "cpu " (two spaces, Linux's format) is the sum; then one line per
 * online CPU, cpu0, cpu1 ... */
static void stat_cpu_lines(struct seq_file *m)
{
	char name[8];
	int cpu;

	stat_cpu_line(m, "cpu ", kcpustat_sum(CPUTIME_USER),
		      kcpustat_sum(CPUTIME_SYSTEM), kcpustat_sum(CPUTIME_IDLE));
	for_each_online_cpu(cpu) {
		const u64 *cpustat = kcpustat_cpu(cpu).cpustat;
		snprintf(name, sizeof(name), "cpu%d", cpu);
		stat_cpu_line(m, name, READ_ONCE(cpustat[CPUTIME_USER]),
			      READ_ONCE(cpustat[CPUTIME_SYSTEM]),
			      READ_ONCE(cpustat[CPUTIME_IDLE]));
	}
}

/* "intr": the total, then each IOAPIC pin, which are Linux's IRQ numbers
 * 0-23 on a PC.  The total also counts the local APIC's own vectors. */
static void stat_intr_line(struct seq_file *m)
{
	u64 sum = 0;

	for (unsigned v = FIRST_EXTERNAL_VECTOR; v < NR_VECTORS; v++)
		sum += irq_count(v);
	seq_printf(m, "intr %llu", (unsigned long long)sum);
	for (unsigned irq = 0; irq < NR_IOAPIC_GSIS; irq++)
		seq_printf(m, " %llu",
			   (unsigned long long)irq_count(IRQ_VECTOR(irq)));
	seq_putc(m, '\n');
}

/* "softirq": the total, then each vector in Linux's order (HI, TIMER,
 * NET_TX, NET_RX, ...); only NET_RX counts here (kernel_stat.h). */
static void stat_softirq_line(struct seq_file *m)
{
	u64 sum = 0;

	for (int i = 0; i < NR_SOFTIRQS; i++)
		sum += READ_ONCE(kstat.softirqs[i]);
	seq_printf(m, "softirq %llu", (unsigned long long)sum);
	for (int i = 0; i < NR_SOFTIRQS; i++)
		seq_printf(m, " %llu", (unsigned long long)READ_ONCE(kstat.softirqs[i]));
	seq_putc(m, '\n');
}

void proc_stat_show(struct seq_file *m)
{
	s64 boot = ktime_get_real_seconds() -
		   (s64)(ktime_get_ns() / NSEC_PER_SEC);

	stat_cpu_lines(m);
	stat_intr_line(m);
	seq_printf(m, "ctxt %llu\nbtime %lld\nprocesses %lu\n"
		   "procs_running %u\nprocs_blocked 0\n",
		   (unsigned long long)nr_context_switches(), (long long)boot,
		   READ_ONCE(total_forks), nr_running());
	stat_softirq_line(m);
}

/* Seconds since boot, and seconds the CPU spent idle, to 1/100 s. */
void proc_uptime_show(struct seq_file *m)
{
	u64 up = ktime_get_ns() / (NSEC_PER_SEC / 100);
	/* Linux sums every CPU's idle time, so it can exceed the uptime. */
	u64 idle = kcpustat_sum(CPUTIME_IDLE) * (100 / HZ);

	seq_printf(m, "%llu.%02llu %llu.%02llu\n",
		   (unsigned long long)(up / 100), (unsigned long long)(up % 100),
		   (unsigned long long)(idle / 100),
		   (unsigned long long)(idle % 100));
}

/* The three loads to two decimals (rounded, hence the FIXED_1/200),
 * runnable/all tasks, and the last pid handed out. */
void proc_loadavg_show(struct seq_file *m)
{
	unsigned long load[3];

	for (int i = 0; i < 3; i++)
		load[i] = READ_ONCE(avenrun[i]) + FIXED_1 / 200;
	seq_printf(m, "%lu.%02lu %lu.%02lu %lu.%02lu %u/%d %d\n",
		   LOAD_INT(load[0]), LOAD_FRAC(load[0]), LOAD_INT(load[1]),
		   LOAD_FRAC(load[1]), LOAD_INT(load[2]), LOAD_FRAC(load[2]),
		   nr_running(), READ_ONCE(nr_threads), READ_ONCE(last_pid));
}
