/*
 * base.c - the per-process directories (Linux's fs/proc/base.c):
 * /proc/<pid> and /proc/<pid>/task/<tid>, which exist while their task
 * does, /proc/<pid>/exe, /proc/<pid>/limits, the text of a per-process
 * file, and proc_flush_pid, which takes a reaped task's names away.
 *
 * Context: process context; lookups and listings run under vfs_lock
 * (generic.c) and look at the task list under tasklist_lock.
 */
#include "kernel/kernel.h"
#include "kernel/mm.h"
#include "kernel/sched.h"
#include "kernel/pid.h"
#include "kernel/resource.h"
#include "fs/fs.h"
#include "fs/proc/internal.h"

/* Which tasks have a /proc/<pid>: user processes until reaped (zombies
 * too, so ps shows them) and kernel threads until they exit.  Not the
 * idle task, which is not on the task list, as in Linux. */
bool proc_task_visible(const struct task_struct *t)
{
	return t->signal || (t->worker_private && !t->exit_state);
}

void proc_flush_pid(int pid)
{
	struct proc_entry *pe, *n;
	LIST_HEAD(dying);

	vfs_lock();
	list_for_each_entry_safe(pe, n, &proc_entries, list) {
		/* A thread's task/<tid> entries name it by fd (proc_entry). */
		if (pe->pid == pid || (pe->kind >= PROC_TID && pe->fd == pid)) {
			list_del(&pe->list);
			list_add(&pe->list, &dying);
		}
	}
	/* Each is evicted now or at its last iput; freeing an entry may
	 * free its parent's too, so take them one at a time. */
	while (!list_empty(&dying)) {
		pe = list_first_entry(&dying, struct proc_entry, list);
		list_del_init(&pe->list);
		pe->inode->i_nlink = 0;
		inode_unlinked(pe->inode);
	}
	vfs_unlock();
}

/*
 * /proc/<pid>/exe: a symlink to the program the process runs (Linux's
 * proc_exe_link), from its mm's exe_file; absent for a kernel thread.
 * Linux names an unlinked program by its old path + " (deleted)"; no
 * old name is kept here, so it is "anon_inode:[<ino>] (deleted)".
 */
struct inode *proc_exe_lookup(struct inode *dir, int pid)
{
	char *buf = kmalloc(PATH_MAX, GFP_KERNEL);
	struct inode *inode = NULL;
	unsigned long flags;
	bool found = false;

	if (!buf)
		return NULL;
	/* The name is made under tasklist_lock (the task stays) and
	 * task_lock (its mm stays: exit_mm lets go under it). */
	spin_lock_irqsave(&tasklist_lock, flags);
	struct task_struct *t = find_task_by_pid(pid);
	if (t) {
		task_lock(t);
		if (t->mm && t->mm->exe_file) {
			struct inode *exe = t->mm->exe_file;
			if (ramfs_path_of(exe, buf, PATH_MAX))
				snprintf(buf, PATH_MAX, "anon_inode:[%lu] (deleted)",
					 exe->i_ino);
			found = true;
		}
		task_unlock(t);
	}
	spin_unlock_irqrestore(&tasklist_lock, flags);
	if (found) {
		inode = proc_get_inode(dir, PROC_PID_EXE, pid, -1);
		if (inode)
			inode = proc_set_link(inode, buf);
	}
	kfree(buf);
	return inode;
}

/* /proc/<pid> (Linux's proc_pid_lookup); a thread's id works too. */
struct inode *proc_pid_lookup(struct inode *dir, int pid)
{
	unsigned long flags;

	spin_lock_irqsave(&tasklist_lock, flags);
	struct task_struct *t = find_task_by_pid(pid);
	bool visible = t && proc_task_visible(t);
	spin_unlock_irqrestore(&tasklist_lock, flags);
	return visible ? proc_get_inode(dir, PROC_PID, pid, -1) : NULL;
}

/* /proc/<pid>/task/<tid>: a live thread of pid's process. */
struct inode *proc_tid_lookup(struct inode *dir, int pid, int tid)
{
	unsigned long flags;

	spin_lock_irqsave(&tasklist_lock, flags);
	struct task_struct *p = find_task_by_pid(pid);
	struct task_struct *t = find_task_by_pid(tid);
	bool ok = p && t && p->signal && same_thread_group(p, t) &&
		  !t->exit_state;
	spin_unlock_irqrestore(&tasklist_lock, flags);
	return ok ? proc_get_inode(dir, PROC_TID, pid, tid) : NULL;
}

/* One entry per process (its leader), not per thread. */
void proc_readpids(struct dir_context *ctx)
{
	struct task_struct *p;
	unsigned long flags;

	spin_lock_irqsave(&tasklist_lock, flags);
	list_for_each_entry(p, &init_task.tasks, tasks)
		if (proc_task_visible(p) && thread_group_leader(p) &&
		    !emit_num(ctx, p->pid, PROC_PID_POS + p->pid, DT_DIR))
			break;
	spin_unlock_irqrestore(&tasklist_lock, flags);
}

/* /proc/<pid>/task: the live threads of pid's process, by tid. */
void proc_readtids(struct dir_context *ctx, int pid)
{
	struct task_struct *p, *t;
	unsigned long flags;

	spin_lock_irqsave(&tasklist_lock, flags);
	p = find_task_by_pid(pid);
	if (p && p->signal)
		for_each_thread(p, t)
			if (!t->exit_state &&
			    !emit_num(ctx, t->pid, PROC_PID_POS + t->pid, DT_DIR))
				break;
	spin_unlock_irqrestore(&tasklist_lock, flags);
}

/*
 * A per-process file, in three steps, each under what keeps the other
 * CPUs out of what it reads (not preemption being off):
 *   1. tasklist_lock finds the task; we take a reference on it and on
 *      its mm (get_task_mm, under task_lock);
 *   2. the mm's areas, under its mmap_lock and nothing else (mmap_lock
 *      comes before vfs_lock, which comes before tasklist_lock: see
 *      internal.h);
 *   3. the show, under tasklist_lock (the task's signal and sighand stay)
 *      and task_lock (its mm, files and fs stay), if the task is still
 *      there.
 */
size_t proc_pid_show(struct proc_entry *pe, char *buf, size_t size)
{
	struct proc_mm_info info = { .valid = false };
	struct seq_file m = { .buf = buf, .size = size, .private = &info };
	const struct proc_file *pf = &proc_files[pe->kind];
	bool cmdline = pf->task_show == proc_pid_cmdline;
	/* task/<tid>'s files are about the thread, the others its pid's. */
	int pid = pe->kind >= PROC_TID ? pe->fd : pe->pid;
	unsigned long flags;

	spin_lock_irqsave(&tasklist_lock, flags);
	struct task_struct *t = find_task_by_pid(pid);
	if (t && !proc_task_visible(t))
		t = NULL;
	if (t)
		get_task_struct(t);
	spin_unlock_irqrestore(&tasklist_lock, flags);
	if (!t)
		return 0;
	struct mm_struct *mm = get_task_mm(t);
	if (mm && cmdline)
		proc_cmdline_mm(&m, mm);
	else if (mm)
		proc_task_mm_info(mm, &info);
	if (!cmdline) {
		spin_lock_irqsave(&tasklist_lock, flags);
		if (find_task_by_pid(pid) == t) {
			task_lock(t);
			pf->task_show(&m, t);
			task_unlock(t);
		}
		spin_unlock_irqrestore(&tasklist_lock, flags);
	}
	if (mm)
		mmput(mm);
	put_task_struct(t);
	return m.count;
}

/* /proc/<pid>/limits: the process's resource limits, in Linux's table
 * (its lnames[] and proc_pid_limits: the names, the units, the widths,
 * "unlimited", and no unit column where the limit has no unit). */
static const struct {
	const char *name, *unit;
} lnames[RLIM_NLIMITS] = {
	[RLIMIT_CPU] = { "Max cpu time", "seconds" },
	[RLIMIT_FSIZE] = { "Max file size", "bytes" },
	[RLIMIT_DATA] = { "Max data size", "bytes" },
	[RLIMIT_STACK] = { "Max stack size", "bytes" },
	[RLIMIT_CORE] = { "Max core file size", "bytes" },
	[RLIMIT_RSS] = { "Max resident set", "bytes" },
	[RLIMIT_NPROC] = { "Max processes", "processes" },
	[RLIMIT_NOFILE] = { "Max open files", "files" },
	[RLIMIT_MEMLOCK] = { "Max locked memory", "bytes" },
	[RLIMIT_AS] = { "Max address space", "bytes" },
	[RLIMIT_LOCKS] = { "Max file locks", "locks" },
	[RLIMIT_SIGPENDING] = { "Max pending signals", "signals" },
	[RLIMIT_MSGQUEUE] = { "Max msgqueue size", "bytes" },
	[RLIMIT_NICE] = { "Max nice priority", NULL },
	[RLIMIT_RTPRIO] = { "Max realtime priority", NULL },
	[RLIMIT_RTTIME] = { "Max realtime timeout", "us" },
};

static void limit_value(struct seq_file *m, unsigned long v)
{
	if (v == RLIM_INFINITY)
		seq_printf(m, "%-20s ", "unlimited");
	else
		seq_printf(m, "%-20lu ", v);
}

void proc_pid_limits(struct seq_file *m, struct task_struct *task)
{
	const struct rlimit *rlim = task_rlimits(task);

	seq_printf(m, "%-25s %-20s %-20s %-10s\n", "Limit", "Soft Limit",
		   "Hard Limit", "Units");
	for (int i = 0; i < RLIM_NLIMITS; i++) {
		seq_printf(m, "%-25s ", lnames[i].name);
		limit_value(m, rlim[i].rlim_cur);
		limit_value(m, rlim[i].rlim_max);
		if (lnames[i].unit)
			seq_printf(m, "%-10s", lnames[i].unit);
		seq_putc(m, '\n');
	}
}
