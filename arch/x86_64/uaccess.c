/*
 * uaccess.c - the range checks in front of the raw copy loops
 * (copy_user.S).  See uaccess.h for the contract.
 *
 * Context: process context (a fault in the copy may allocate a page),
 * no spinlock held (the user-copy rule, kernel/spinlock.h).
 */
#include "kernel/kernel.h"
#include "kernel/preempt.h"
#include "kernel/sched.h"
#include "kernel/stacktrace.h"
#include "kernel/params.h"
#include "kernel/mm.h"
#include "fs/fs.h"
#include "arch/x86_64/cpu.h"
#include "arch/x86_64/uaccess.h"

/* Preemption is off for every spinlock held, vfs_lock's included: no
 * lock is an exception (fs/vfs.h).  With page faults disabled
 * (pagefault_disable: the futex word read under its bucket lock) an
 * access never pages anything in, it just fails with -EFAULT: allowed,
 * as in Linux's __might_fault. */
bool user_access_forbidden(void)
{
	if (current->pagefault_disabled)
		return false;
	return preempt_count() > 0;
}

/* Reported, and the copy goes on (it may well not fault), as in Linux,
 * where this is CONFIG_DEBUG_ATOMIC_SLEEP's warning; in test mode it is
 * a panic, so that the run fails (and the harness fails any console
 * that has the line). */
void __might_fault(const char *file, int line)
{
	static int reports;

	/* The copy's fault would take current's mmap_lock for reading:
	 * the validator hears of it (Linux's might_lock_read), so a copy
	 * with mmap_lock held is recursive locking, and one under a lock
	 * that mmap_lock's holders take (vfs_lock) is a circular order. */
	if (unlikely(prove_locking) && debug_locks && current->mm &&
	    !current->pagefault_disabled) {
		struct lockdep_map *map = &current->mm->mmap_lock.dep_map;
		unsigned long ip = (unsigned long)__builtin_return_address(0);
		lock_acquire(map, 0, 0, ip);
		lock_release(map, ip);
	}
	if (likely(!user_access_forbidden()) || reports >= 4)
		return;
	reports++;
	pr_err("BUG: sleeping function called from invalid context at %s:%d\n",
	       file, line);
	pr_err("in_atomic(): 1, irqs_disabled(): %d, pid: %d, name: %s\n",
	       irqs_disabled(), current->pid, current->comm);
	if (prove_locking)
		lockdep_print_held_locks(current);
	dump_stack();
	if (test_mode)
		panic("a user access with preemption off (the user-copy rule)");
}

unsigned long copy_from_user(void *to, const void __user *from,
			     unsigned long n)
{
	unsigned long left = n;

	might_fault();
	if (access_ok(from, n))
		left = copy_user_generic(to, from, n);
	if (unlikely(left))
		memset((char *)to + (n - left), 0, left);
	return left;
}

unsigned long copy_to_user(void __user *to, const void *from,
			   unsigned long n)
{
	might_fault();
	if (!access_ok(to, n))
		return n;
	return copy_user_generic(to, from, n);
}

unsigned long clear_user(void __user *to, unsigned long n)
{
	might_fault();
	if (!access_ok(to, n))
		return n;
	return __clear_user(to, n);
}

long strncpy_from_user(char *dst, const char __user *src, long count)
{
	if (count <= 0)
		return 0;
	might_fault();
	if (!access_ok(src, 1))
		return -EFAULT;
	/* Never read past the end of user space, however large count is. */
	unsigned long room = TASK_SIZE - (unsigned long)src;
	long max = (unsigned long)count < room ? count : (long)room;
	long len = __strncpy_from_user(dst, src, max);
	if (len == max && max < count)
		return -EFAULT;		/* ran into the end of user space */
	return len;
}
