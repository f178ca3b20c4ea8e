/*
 * array.c - what /proc/<pid>/stat, status, cmdline and comm say
 * about a task, in Linux's formats (Linux's fs/proc/array.c and parts of
 * fs/proc/base.c), so that ps and top written for Linux read them.
 *
 * Fields the kernel has no notion of (page-fault counts, namespaces)
 * are printed as Linux prints them for a plain root process, or left
 * out of status, whose
 * readers look lines up by name.  Times are in clock ticks (USER_HZ),
 * sizes in kB in status and in bytes (vsize) or pages (rss) in stat.
 *
 * Signals: the process's shared pending set (kill(2) puts signals
 * there) is ShdPnd; the thread's own (tgkill, faults) is SigPnd and
 * stat's signal field.  /proc/<pid>/stat's times are the whole
 * process's, every thread's and the dead ones' (Linux's "whole"); the
 * thread's own are in task/<tid>/stat.
 *
 * Context: process context, with tasklist_lock and task_lock(task) held
 * (base.c's proc_pid_show): the task, its signal and sighand, its mm,
 * files and fs stay while we read them, whatever the other CPUs do.
 * The mm's areas are read before, under its mmap_lock alone
 * (proc_task_mm_info, proc_cmdline_mm), since another thread of the
 * process may be changing them on another CPU.
 */
#include "kernel/cred.h"
#include "kernel/kernel.h"
#include "kernel/sched.h"
#include "kernel/pid.h"
#include "kernel/mm.h"
#include "kernel/resource.h"
#include "kernel/kernel_stat.h"
#include "fs/fs.h"
#include "fs/proc/internal.h"
#include "drivers/tty.h"

#define PF_KTHREAD	0x00200000	/* stat's flags: a kernel thread */

/* stat's priority field: 0..39 for nice -20..19, -2..-100 for the
 * real-time priorities 1..99 (Linux's task_prio()). */
static int task_prio(const struct task_struct *task)
{
	if (task->policy == SCHED_FIFO || task->policy == SCHED_RR)
		return -1 - task->rt_priority;
	return task->static_prio - MAX_RT_PRIO;
}

/* The words status puts after the state letter. */
static const char *task_state_name(char state)
{
	switch (state) {
	case 'R': return "running";
	case 'S': return "sleeping";
	case 'D': return "disk sleep";
	case 'Z': return "zombie";
	default: return "dead";
	}
}

static bool is_kthread(const struct task_struct *task)
{
	return task->worker_private != NULL;
}

/* The signals task ignores and catches.  Kernel threads never take a
 * signal, which Linux shows as ignoring them all. */
static void task_sig(const struct task_struct *task, sigset_t *ign,
		     sigset_t *catch)
{
	*ign = task->sighand ? 0 : ~0ULL;
	*catch = 0;
	if (!task->sighand)
		return;
	for (int sig = 1; sig <= _NSIG; sig++) {
		void __user *h = task->sighand->action[sig - 1].sa_handler;
		if (h == SIG_IGN)
			*ign |= sigmask(sig);
		else if (h != SIG_DFL)
			*catch |= sigmask(sig);
	}
}

static sigset_t task_shared_pending(const struct task_struct *task)
{
	return task->signal ? task->signal->shared_pending.signal : 0;
}

/* The sizes status and stat report, in bytes, from the VMAs (Linux
 * keeps per-mm counters of the same: total_vm, data_vm, stack_vm,
 * exec_vm), and the resident pages.  Takes mmap_lock: no other lock
 * held (internal.h). */
void proc_task_mm_info(struct mm_struct *mm, struct proc_mm_info *tm)
{
	struct vm_area_struct *vma;

	*tm = (struct proc_mm_info){ .valid = true };
	mmap_read_lock(mm);
	tm->rss = get_mm_rss(mm);
	tm->locked = mm->locked_vm;
	tm->hiwater_vm = mm->hiwater_vm;
	tm->hiwater_rss = mm->hiwater_rss;
	list_for_each_entry(vma, &mm->mmap, vm_list) {
		unsigned long size = vma->vm_end - vma->vm_start;
		unsigned long f = vma->vm_flags;
		tm->total += size;
		if (f & VM_GROWSDOWN)
			tm->stack += size;
		else if ((f & (VM_WRITE | VM_SHARED)) == VM_WRITE)
			tm->data += size;
		else if ((f & (VM_EXEC | VM_WRITE)) == VM_EXEC)
			tm->exec += size;
	}
	mmap_read_unlock(mm);
}

/* The program's own text; the rest of exec is libraries (none, for the
 * static programs we run, but the split is Linux's). */
static unsigned long task_text_size(struct mm_struct *mm,
				    const struct proc_mm_info *tm)
{
	unsigned long text = ALIGN_UP(mm->end_code, PAGE_SIZE) -
			     (mm->start_code & PAGE_MASK);

	return MIN(text, tm->exec);
}

static u64 nsec_to_clock_t(u64 ns)
{
	return ns / (NSEC_PER_SEC / USER_HZ);
}

/* Fields 1-9: who the task is, and its family. */
static void stat_ids(struct seq_file *m, struct task_struct *task)
{
	char state = task_state_to_char(task);

	/* The session, and the controlling terminal's device number and
	 * foreground group (0 and -1 without one), as Linux's do_task_stat. */
	unsigned int tty_nr = 0;
	int tpgid = -1, sid = 0;

	/* tasklist_lock, held by the caller, keeps signal->tty. */
	struct tty_struct *tty = task->signal ? task->signal->tty : NULL;
	if (task->signal)
		sid = task->signal->session;
	if (tty) {
		tty_nr = tty->index < 0 ? MKDEV(5, 1) : (tty->index & 0xff) |
			 (136 << 8) | ((tty->index & 0xfff00) << 12);
		tpgid = READ_ONCE(tty->pgrp);
	}
	seq_printf(m, "%d (%s) %c %d %d %d %u %d %u", task->pid, task->comm,
		   state, task_ppid_nr(task), task->pgid, sid, tty_nr, tpgid,
		   is_kthread(task) ? PF_KTHREAD : 0);
}

/* The threads in task's process (1 for a kernel thread). */
static int task_nr_threads(const struct task_struct *task)
{
	return task->signal ? task->signal->nr_threads : 1;
}

/* Fields 10-22: faults (not counted), times, priority, threads and
 * start.  whole: the process's times, else the thread's. */
static void stat_times(struct seq_file *m, struct task_struct *task, bool whole)
{
	u64 cutime = task->signal ? task->signal->cutime : 0;
	u64 cstime = task->signal ? task->signal->cstime : 0;
	u64 utime = task->utime, stime = task->stime;

	if (whole && task->signal)
		__thread_group_cputime(task, &utime, &stime, NULL);
	seq_printf(m, " 0 0 0 0 %llu %llu %llu %llu %d %d %d 0 %llu",
		   (unsigned long long)utime, (unsigned long long)stime,
		   (unsigned long long)cutime, (unsigned long long)cstime,
		   task_prio(task), task_nice(task), task_nr_threads(task),
		   (unsigned long long)nsec_to_clock_t(task->start_time));
}

/* Fields 23-28: memory, and where code and stack are. */
static void stat_mem(struct seq_file *m, struct task_struct *task)
{
	struct mm_struct *mm = task->mm;
	unsigned long rsslim = task_rlimits(task)[RLIMIT_RSS].rlim_cur;
	const struct proc_mm_info *tm = m->private;

	if (!mm || !tm || !tm->valid) {
		seq_printf(m, " 0 0 %lu 0 0 0", rsslim);
		return;
	}
	seq_printf(m, " %lu %lu %lu %lu %lu %lu", tm->total, tm->rss,
		   rsslim, mm->start_code, mm->end_code, mm->start_stack);
}

/* Fields 29-44: the stack and instruction pointers (0: Linux shows them
 * only for a task that is dumping core), signals, and scheduling. */
static void stat_sched(struct seq_file *m, struct task_struct *task)
{
	sigset_t ign, catch;

	task_sig(task, &ign, &catch);
	/* Fields 29-30 (esp, eip) stay 0.  Linux prints only the first 31
	 * signals here (the field is obsolete; status has them all), the
	 * thread's own pending ones first.  wchan is only "asleep?". */
	seq_printf(m, " 0 0 %llu %llu %llu %llu %d 0 0 %d 0 %d %u 0 0 0",
		   (unsigned long long)(task->pending.signal & 0x7fffffff),
		   (unsigned long long)(task->blocked & 0x7fffffff),
		   (unsigned long long)(ign & 0x7fffffff),
		   (unsigned long long)(catch & 0x7fffffff),
		   task->state != TASK_RUNNING, task->exit_signal,
		   task->rt_priority, task->policy);
}

/* Fields 45-52: the layout of data and arguments, and the exit code. */
static void stat_layout(struct seq_file *m, struct task_struct *task)
{
	struct mm_struct *mm = task->mm;

	if (mm)
		seq_printf(m, " %lu %lu %lu %lu %lu %lu %lu", mm->start_data,
			   mm->end_data, mm->start_brk, mm->arg_start,
			   mm->arg_end, mm->env_start, mm->env_end);
	else
		seq_puts(m, " 0 0 0 0 0 0 0");
	seq_printf(m, " %ld\n", task->exit_code);
}

/* One line of 52 fields, in the order proc(5) documents. */
static void do_task_stat(struct seq_file *m, struct task_struct *task,
			 bool whole)
{
	stat_ids(m, task);
	stat_times(m, task, whole);
	stat_mem(m, task);
	stat_sched(m, task);
	stat_layout(m, task);
}

void proc_pid_stat(struct seq_file *m, struct task_struct *task)
{
	do_task_stat(m, task, true);
}

void proc_tid_stat(struct seq_file *m, struct task_struct *task)
{
	do_task_stat(m, task, false);
}

static void status_ids(struct seq_file *m, struct task_struct *task)
{
	char state = task_state_to_char(task);
	int ppid = task_ppid_nr(task), sid = task->signal ? task->signal->session : 0;
	unsigned int fdsize = task->files ? task->files->max_fds : 0;

	seq_printf(m, "Name:\t%s\n", task->comm);
	if (task->fs)		/* Linux too says nothing without one */
		seq_printf(m, "Umask:\t%04o\n", task->fs->umask);
	seq_printf(m, "State:\t%c (%s)\n", state, task_state_name(state));
	seq_printf(m, "Tgid:\t%d\nNgid:\t0\nPid:\t%d\nPPid:\t%d\n"
		   "TracerPid:\t0\n", task->tgid, task->pid, ppid);
	const struct cred *c = task->cred;
	seq_printf(m, "Uid:\t%u\t%u\t%u\t%u\nGid:\t%u\t%u\t%u\t%u\n"
		   "FDSize:\t%u\nGroups:\t", c->uid, c->euid, c->suid, c->fsuid,
		   c->gid, c->egid, c->sgid, c->fsgid, fdsize);
	for (int g = 0; g < c->group_info->ngroups; g++)
		seq_printf(m, g ? " %u" : "%u", c->group_info->gid[g]);
	seq_puts(m, " \n");		/* Linux's trailing space, kept */
	seq_printf(m, "NStgid:\t%d\nNSpid:\t%d\nNSpgid:\t%d\nNSsid:\t%d\n"
		   "Kthread:\t%d\n", task->tgid, task->pid, task->pgid, sid,
		   is_kthread(task));
}

/* Linux's task_mem(), for what we know: no RssAnon/RssFile/RssShmem
 * split (one rss counter) and no VmPTE. */
static void status_mem(struct seq_file *m, struct task_struct *task)
{
	struct mm_struct *mm = task->mm;
	const struct proc_mm_info *tm = m->private;

	if (!mm || !tm || !tm->valid)
		return;
	unsigned long peak = MAX(tm->hiwater_vm << PAGE_SHIFT, tm->total);
	unsigned long hwm = MAX(tm->hiwater_rss, tm->rss);
	unsigned long text = task_text_size(mm, tm);
	int kb = PAGE_SHIFT - 10;
	/* VmLck: mlock's pages (kernel/mlock.c); nothing pins pages, and
	 * there is no swap. */
	seq_printf(m, "VmPeak:\t%8lu kB\nVmSize:\t%8lu kB\nVmLck:\t%8lu kB\n"
		   "VmPin:\t%8lu kB\nVmHWM:\t%8lu kB\nVmRSS:\t%8lu kB\n",
		   peak >> 10, tm->total >> 10, tm->locked << kb, 0UL, hwm << kb,
		   tm->rss << kb);
	seq_printf(m, "VmData:\t%8lu kB\nVmStk:\t%8lu kB\nVmExe:\t%8lu kB\n"
		   "VmLib:\t%8lu kB\nVmSwap:\t%8lu kB\n", tm->data >> 10,
		   tm->stack >> 10, text >> 10, (tm->exec - text) >> 10, 0UL);
}

/* SigQ's first half: the signals pending for the thread and its
 * process (Linux counts its user's queued instances). */
static int sigset_count(sigset_t set)
{
	int n = 0;

	for (; set; set &= set - 1)
		n++;
	return n;
}

static void status_sig(struct seq_file *m, struct task_struct *task)
{
	sigset_t ign, catch, shared = task_shared_pending(task);
	unsigned long sigq_max =
		task_rlimits(task)[RLIMIT_SIGPENDING].rlim_cur;

	task_sig(task, &ign, &catch);
	seq_printf(m, "Threads:\t%d\nSigQ:\t%d/%lu\n", task_nr_threads(task),
		   sigset_count(shared | task->pending.signal), sigq_max);
	seq_printf(m, "SigPnd:\t%016llx\nShdPnd:\t%016llx\nSigBlk:\t%016llx\n"
		   "SigIgn:\t%016llx\nSigCgt:\t%016llx\n",
		   (unsigned long long)task->pending.signal,
		   (unsigned long long)shared,
		   (unsigned long long)task->blocked,
		   (unsigned long long)ign, (unsigned long long)catch);
}

void proc_pid_status(struct seq_file *m, struct task_struct *task)
{
	status_ids(m, task);
	status_mem(m, task);
	status_sig(m, task);
	seq_printf(m, "Cpus_allowed:\t1\nCpus_allowed_list:\t0\n"
		   "voluntary_ctxt_switches:\t%lu\n"
		   "nonvoluntary_ctxt_switches:\t%lu\n", task->nvcsw,
		   task->nivcsw);
}

/* The argument strings as exec laid them out, NULs and all; empty for
 * kernel threads and zombies, which have no memory. */
/* Never called with the locks of a show (proc_pid_show calls
 * proc_cmdline_mm instead); kept for the table. */
void proc_pid_cmdline(struct seq_file *m, struct task_struct *task)
{
	(void)m;
	(void)task;
}

void proc_cmdline_mm(struct seq_file *m, struct mm_struct *mm)
{
	if (mm->arg_end <= mm->arg_start || m->count + 1 >= m->size)
		return;
	int len = MIN(mm->arg_end - mm->arg_start, m->size - 1 - m->count);
	mmap_read_lock(mm);
	m->count += access_remote_vm(mm, mm->arg_start, m->buf + m->count,
				     len, 0);
	mmap_read_unlock(mm);
}

void proc_pid_comm(struct seq_file *m, struct task_struct *task)
{
	seq_printf(m, "%s\n", task->comm);
}
