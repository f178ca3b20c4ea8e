/*
 * sched_syscalls.c - the scheduler's system calls: sched_yield and CPU
 * affinity (Linux's kernel/sched/syscalls.c).  They sit apart from
 * sched.c, which is the scheduler itself.
 *
 * An affinity mask is the kernel's cpumask, one unsigned long (Linux's
 * cpumask_size() with NR_CPUS <= 64): the CPUs a task may run on
 * (task->cpus_mask, which the scheduler honours: kernel/sched.c).
 *
 * Context: process context.
 */
#include "kernel/kernel.h"
#include "kernel/errno.h"
#include "kernel/sched.h"
#include "kernel/syscalls.h"
#include "kernel/pid.h"
#include "kernel/cred.h"
#include "kernel/time.h"
#include "kernel/timekeeping.h"
#include "arch/x86_64/uaccess.h"

#define BITS_PER_BYTE	8
/* Bytes in the kernel's cpumask. */
#define CPUMASK_SIZE	sizeof(unsigned long)
/* CPUs that exist and are online. */
#define CPU_ONLINE_MASK	cpu_online_mask

long sys_sched_yield(void)
{
	yield();
	return 0;
}

/* The task a pid names for the affinity calls.  Without a pid lookup
 * (the process layer's) only our own is found; Linux gives ESRCH for a
 * pid it cannot find. */
static struct task_struct *affinity_task(int pid)
{
	return pid == 0 || pid == current->pid ? current : NULL;
}

/*
 * Linux's rules: len must cover every possible CPU and be a whole number
 * of longs, else EINVAL; it copies min(len, cpumask size) bytes and
 * returns that count (the C library clears the rest of the buffer).
 */
long sys_sched_getaffinity(int pid, unsigned int len,
			   unsigned long __user *user_mask_ptr)
{
	unsigned long mask;

	if ((u64)len * BITS_PER_BYTE < nr_cpu_ids)
		return -EINVAL;
	if (len & (sizeof(unsigned long) - 1))
		return -EINVAL;
	struct task_struct *p = affinity_task(pid);
	if (!p)
		return -ESRCH;
	mask = READ_ONCE(p->cpus_mask) & CPU_ONLINE_MASK;
	size_t retlen = MIN((size_t)len, CPUMASK_SIZE);
	if (copy_to_user(user_mask_ptr, &mask, retlen))
		return -EFAULT;
	return retlen;
}

/*
 * A shorter mask is zero-extended, a longer one cut to the kernel's
 * size (bits for CPUs that cannot exist are ignored).  The mask must
 * include an online CPU, else EINVAL; the task moves off a CPU it may no
 * longer use at its next schedule() (at the latest on the way back to
 * user mode from this call).
 */
long sys_sched_setaffinity(int pid, unsigned int len,
			   unsigned long __user *user_mask_ptr)
{
	unsigned long mask = 0;

	if (copy_from_user(&mask, user_mask_ptr, MIN((size_t)len, CPUMASK_SIZE)))
		return -EFAULT;
	struct task_struct *p = affinity_task(pid);
	if (!p)
		return -ESRCH;
	return set_cpus_allowed(p, mask);
}

/* --- policies and priorities (sched_setscheduler and friends) ---
 *
 * The policy and real-time priority are kept and reported as Linux
 * does, and nice values weigh the time slice (task_timeslice), but the
 * run queue is one round-robin list: a SCHED_FIFO task does not run
 * ahead of the others here.
 */

struct sched_param {
	int sched_priority;
};

static bool valid_policy(int policy)
{
	return policy == SCHED_NORMAL || policy == SCHED_FIFO ||
	       policy == SCHED_RR || policy == SCHED_BATCH ||
	       policy == SCHED_IDLE;
}

static bool rt_policy(int policy)
{
	return policy == SCHED_FIFO || policy == SCHED_RR;
}

/* The task pid names (0: ourselves), with a reference; NULL if none. */
static struct task_struct *find_get_task(int pid)
{
	struct task_struct *p;
	unsigned long flags;

	spin_lock_irqsave(&tasklist_lock, flags);
	p = pid ? find_task_by_pid(pid) : current;
	if (p && (!p->signal || p->exit_state))
		p = NULL;
	if (p)
		get_task_struct(p);
	spin_unlock_irqrestore(&tasklist_lock, flags);
	return p;
}

/* Linux's __sched_setscheduler checks, in its order: the policy and
 * priority (EINVAL), then permission (EPERM): real-time policies need
 * CAP_SYS_NICE (RLIMIT_RTPRIO is 0), and another user's task too. */
static long sched_set(struct task_struct *p, int policy, int prio)
{
	bool reset = false;

	if (policy < 0) {		/* sched_setparam: keep the policy */
		policy = p->policy;
		reset = p->sched_reset_on_fork;
	} else {
		reset = policy & SCHED_RESET_ON_FORK;
		policy &= ~SCHED_RESET_ON_FORK;
		if (!valid_policy(policy))
			return -EINVAL;
	}
	if (prio < 0 || prio > 99 || rt_policy(policy) != (prio != 0))
		return -EINVAL;
	if (!capable(CAP_SYS_NICE)) {
		const struct cred *c = current_cred(), *pc = p->cred;

		if (rt_policy(policy) && prio > p->rt_priority)
			return -EPERM;
		if (pc->uid != c->euid && pc->euid != c->euid)
			return -EPERM;
		if (p->sched_reset_on_fork && !reset)
			return -EPERM;
	}
	p->policy = policy;
	p->rt_priority = prio;
	p->sched_reset_on_fork = reset;
	return 0;
}

static long do_sched_setscheduler(int pid, int policy,
				  struct sched_param __user *param)
{
	struct sched_param lp;

	if (!param || pid < 0)
		return -EINVAL;
	if (copy_from_user(&lp, param, sizeof(lp)))
		return -EFAULT;
	struct task_struct *p = find_get_task(pid);
	if (!p)
		return -ESRCH;
	long ret = sched_set(p, policy, lp.sched_priority);
	put_task_struct(p);
	return ret;
}

long sys_sched_setscheduler(int pid, int policy,
			    struct sched_param __user *param)
{
	if (policy < 0)
		return -EINVAL;
	return do_sched_setscheduler(pid, policy, param);
}

long sys_sched_setparam(int pid, struct sched_param __user *param)
{
	return do_sched_setscheduler(pid, -1, param);
}

long sys_sched_getscheduler(int pid)
{
	if (pid < 0)
		return -EINVAL;
	struct task_struct *p = find_get_task(pid);
	if (!p)
		return -ESRCH;
	long ret = p->policy |
		   (p->sched_reset_on_fork ? SCHED_RESET_ON_FORK : 0);
	put_task_struct(p);
	return ret;
}

long sys_sched_getparam(int pid, struct sched_param __user *param)
{
	if (!param || pid < 0)
		return -EINVAL;
	struct task_struct *p = find_get_task(pid);
	if (!p)
		return -ESRCH;
	struct sched_param lp = { .sched_priority = p->rt_priority };
	put_task_struct(p);
	return copy_to_user(param, &lp, sizeof(lp)) ? -EFAULT : 0;
}

long sys_sched_get_priority_max(int policy)
{
	if (rt_policy(policy))
		return 99;
	return valid_policy(policy) || policy == 6 /* DEADLINE */ ? 0 : -EINVAL;
}

long sys_sched_get_priority_min(int policy)
{
	if (rt_policy(policy))
		return 1;
	return valid_policy(policy) || policy == 6 ? 0 : -EINVAL;
}

/* The slice: 100 ms for SCHED_RR (Linux's RR_TIMESLICE too), none for
 * FIFO, and for the others the slice their nice value gives here. */
long sys_sched_rr_get_interval(int pid, struct __kernel_timespec __user *interval)
{
	if (pid < 0)
		return -EINVAL;
	struct task_struct *p = find_get_task(pid);
	if (!p)
		return -ESRCH;
	u64 ns = p->policy == SCHED_FIFO ? 0 :
		 p->policy == SCHED_RR ? 100000000ULL :
		 (u64)task_timeslice(p) * (1000000000ULL / HZ);
	put_task_struct(p);
	struct __kernel_timespec ts = { .tv_sec = ns / 1000000000ULL,
					.tv_nsec = ns % 1000000000ULL };
	return copy_to_user(interval, &ts, sizeof(ts)) ? -EFAULT : 0;
}
