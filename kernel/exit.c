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
#include "kernel/syscalls.h"
#include "kernel/completion.h"
#include "kernel/signal.h"
#include "kernel/pid.h"
#include "kernel/cred.h"
#include "kernel/params.h"
#include "kernel/mm.h"
#include "kernel/errno.h"
#include "kernel/timekeeping.h"
#include "fs/fs.h"
#include "arch/x86_64/uaccess.h"
#include "arch/x86_64/reboot.h"
#include "arch/x86_64/cpu.h"

/* --- the user half of exiting --- */

/* The address space goes first: after it, nothing here touches user
 * memory.  A vfork parent, waiting for us to let go of its memory, is
 * released here too (Linux's mm_release). */
static void exit_mm(struct task_struct *tsk)
{
	struct mm_struct *mm = tsk->mm;

	if (!mm)
		return;
	if (tsk->clear_child_tid)
		put_user(0, tsk->clear_child_tid);	/* futex wake: no threads */
	if (tsk->vfork_done) {
		complete(tsk->vfork_done);
		tsk->vfork_done = NULL;
	}
	tsk->mm = NULL;
	mmput(mm);
}

static struct task_struct *find_child_reaper(void)
{
	struct task_struct *init = find_task_by_pid(1);

	return init && !init->exit_state ? init : &init_task;
}

/* Whether the parent asked never to see zombies (SIGCHLD ignored, or
 * SA_NOCLDWAIT): then the child is reaped at once. */
static bool parent_autoreaps(struct task_struct *parent)
{
	if (!parent->signal)
		return false;
	struct k_sigaction *ka = &parent->signal->action[SIGCHLD - 1];
	return ka->sa_handler == SIG_IGN || (ka->sa_flags & SA_NOCLDWAIT);
}

/* Tell the parent (SIGCHLD, wait4 sleepers); hand our children to init. */
static void exit_notify(struct task_struct *tsk)
{
	struct task_struct *reaper = find_child_reaper(), *c, *n;

	list_for_each_entry_safe(c, n, &tsk->children, sibling) {
		list_del(&c->sibling);
		c->parent = reaper;
		list_add_tail(&c->sibling, &reaper->children);
	}
	if (!list_empty(&reaper->children))
		wake_up_interruptible(&reaper->wait_chldexit);

	struct task_struct *parent = tsk->parent;
	if (!parent)
		return;
	if (tsk->exit_signal && parent->signal) {
		int killed = tsk->exit_code & 0x7f;
		struct kernel_siginfo info = {
			.si_signo = tsk->exit_signal,
			.si_code = killed ? CLD_KILLED : CLD_EXITED,
			.kill_chld = { .pid = tsk->pid, .uid = tsk->cred->uid,
				       .status = killed ? killed :
						 (tsk->exit_code >> 8) & 0xff },
		};
		send_sig_info(tsk->exit_signal, &info, parent);
	}
	wake_up_interruptible(&parent->wait_chldexit);
}

/* init is the last user process: in test mode its end is the verdict. */
static void __noreturn init_exited(long code)
{
	if (!test_mode)
		panic("Attempted to kill init! exitcode=0x%08lx", code);
	/* tools/run-prog reads this line to exit with the same status; the
	 * free memory lets tests check that a run leaked nothing. */
	if (code & 0x7f)
		pr_notice("init: killed by signal %ld (free pages %lu)\n",
			  code & 0x7f, nr_free_pages());
	else
		pr_notice("init: exited with status %ld (free pages %lu)\n",
			  (code >> 8) & 0xff, nr_free_pages());
	qemu_exit(QEMU_EXIT_SUCCESS);
}

void __noreturn do_exit(long code)
{
	struct task_struct *tsk = current;

	if (tsk == &init_task)
		panic("attempted to kill the idle task");
	tsk->exit_code = code;
	if (tsk->signal) {
		if (tsk->pid == 1)
			init_exited(code);
		exit_itimers(tsk);
		exit_mm(tsk);
		put_files_struct(tsk->files);
		tsk->files = NULL;
		exit_fs_struct(tsk->fs);
		tsk->fs = NULL;
	}
	kthread_exit_notify(tsk);
	/* From here to the switch nothing may run in between: a dead task
	 * that got preempted would be put back on the run queue. */
	preempt_disable();
	local_irq_disable();
	tsk->exit_state = EXIT_ZOMBIE;
	if (tsk->signal) {
		exit_notify(tsk);
		if (tsk->parent && parent_autoreaps(tsk->parent))
			release_task(tsk);
	}
	do_task_dead();
}

/* A task's kernel function returned (ret_from_fork): that is its exit,
 * unless it became a user process by exec'ing a program. */
void kthread_returned(long ret)
{
	if (!current->mm)
		do_exit(ret);
}

/* Forget a zombie: off its parent's list, and the parent's reference
 * (taken at fork) dropped.  The task_struct goes when the last reference
 * does.  Interrupts off or process context. */
void release_task(struct task_struct *p)
{
	proc_flush_pid(p->pid);
	list_del_init(&p->sibling);
	if (p->signal) {
		signal_free(p->signal);
		p->signal = NULL;
	}
	put_task_struct(p);
}

long sys_exit(int code)
{
	do_exit((code & 0xff) << 8);
}

/* No threads: the group is the process. */
long sys_exit_group(int code)
{
	do_exit((code & 0xff) << 8);
}

/* --- wait4 --- */

#define WNOHANG		0x00000001
#define WUNTRACED	0x00000002
#define WCONTINUED	0x00000008
#define __WNOTHREAD	0x20000000
#define __WALL		0x40000000
#define __WCLONE	0x80000000

static bool wait_matches(const struct task_struct *c, int pid)
{
	if (pid > 0)
		return c->pid == pid;
	if (pid == -1)
		return true;
	return c->pgid == (pid == 0 ? current->pgid : -pid);
}

/* A zombie child matching pid, -ECHILD if no child matches, 0 if some
 * match but none has exited.  Process context. */
static struct task_struct *find_zombie(int pid, long *err)
{
	struct task_struct *c;

	*err = -ECHILD;
	list_for_each_entry(c, &current->children, sibling) {
		if (!wait_matches(c, pid))
			continue;
		*err = 0;
		if (c->exit_state == EXIT_ZOMBIE)
			return c;
	}
	return NULL;
}

/* The head of struct rusage (144 bytes on x86-64): the times we keep;
 * the counters after them (ru_maxrss ...) stay zero. */
struct rusage_times {
	struct __kernel_old_timeval ru_utime, ru_stime;
};

static struct __kernel_old_timeval ticks_to_timeval(u64 ticks)
{
	return (struct __kernel_old_timeval){
		.tv_sec = ticks / HZ,
		.tv_usec = ticks % HZ * (1000000 / HZ),
	};
}

/*
 * The parent takes over what the zombie used, its reaped children's
 * share included (Linux's wait_task_zombie), and wait4 reports the same
 * sums.  An auto-reaped child is charged to no one, as in Linux.
 */
static void wait_collect_times(struct task_struct *zombie,
			       struct rusage_times *ru)
{
	struct signal_struct *psig = current->signal, *sig = zombie->signal;
	u64 utime = zombie->utime + sig->cutime;
	u64 stime = zombie->stime + sig->cstime;

	psig->cutime += utime;
	psig->cstime += stime;
	ru->ru_utime = ticks_to_timeval(utime);
	ru->ru_stime = ticks_to_timeval(stime);
}

struct rusage;

long sys_wait4(int pid, int __user *stat_addr, int options,
	       struct rusage __user *ru)
{
	struct task_struct *zombie;
	long err;
	DEFINE_WAIT(wait);

	if (options & ~(WNOHANG | WUNTRACED | WCONTINUED | __WNOTHREAD |
			__WALL | __WCLONE))
		return -EINVAL;
	if (pid == (int)0x80000000)	/* INT_MIN */
		return -ESRCH;	/* -INT_MIN does not exist */
	for (;;) {
		prepare_to_wait(&current->wait_chldexit, &wait, TASK_INTERRUPTIBLE);
		zombie = find_zombie(pid, &err);
		if (zombie || err || (options & WNOHANG))
			break;
		if (signal_pending(current)) {
			err = -ERESTARTSYS;
			break;
		}
		schedule();
	}
	finish_wait(&current->wait_chldexit, &wait);
	if (!zombie)
		return err;

	int status = zombie->exit_code, cpid = zombie->pid;
	struct rusage_times times;
	wait_collect_times(zombie, &times);
	release_task(zombie);
	if (stat_addr && put_user(status, stat_addr))
		return -EFAULT;
	if (ru && (clear_user(ru, 144) ||
		   copy_to_user(ru, &times, sizeof(times))))
		return -EFAULT;
	return cpid;
}
