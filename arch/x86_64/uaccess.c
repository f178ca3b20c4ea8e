/*
 * uaccess.c - the range checks in front of the raw copy loops
 * (copy_user.S).  See uaccess.h for the contract.
 *
 * Context: process context (a fault in the copy may allocate a page).
 */
#include "kernel/kernel.h"
#include "arch/x86_64/uaccess.h"

unsigned long copy_from_user(void *to, const void __user *from,
			     unsigned long n)
{
	unsigned long left = n;

	if (access_ok(from, n))
		left = copy_user_generic(to, from, n);
	if (unlikely(left))
		memset((char *)to + (n - left), 0, left);
	return left;
}

unsigned long copy_to_user(void __user *to, const void *from,
			   unsigned long n)
{
	if (!access_ok(to, n))
		return n;
	return copy_user_generic(to, from, n);
}

unsigned long clear_user(void __user *to, unsigned long n)
{
	if (!access_ok(to, n))
		return n;
	return __clear_user(to, n);
}

long strncpy_from_user(char *dst, const char __user *src, long count)
{
	if (count <= 0)
		return 0;
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
