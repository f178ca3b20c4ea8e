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
