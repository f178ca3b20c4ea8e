/*
 * ring_copy.h - copying between user memory and a byte ring buffer that
 * wraps at its end (pipes, AF_UNIX stream sockets).  Positions are
 * running totals; the ring offset is pos % size.  Returns the bytes not
 * copied, as copy_to_user/copy_from_user do.  Process context.
 */
#ifndef ARCH_X86_64_RING_COPY_H
#define ARCH_X86_64_RING_COPY_H

#include "arch/x86_64/uaccess.h"

static inline unsigned long ring_copy_user(char *ring, size_t size,
					   unsigned long pos,
					   void __user *ubuf, size_t n,
					   bool to_user)
{
	size_t off = pos % size, first = MIN(n, size - off);
	unsigned long left;

	left = to_user ? copy_to_user(ubuf, ring + off, first)
		       : copy_from_user(ring + off, ubuf, first);
	if (left || first == n)
		return left + (n - first);
	/* The rest wraps to the start of the ring. */
	return to_user ? copy_to_user((char __user *)ubuf + first, ring, n - first)
		       : copy_from_user(ring, (const char __user *)ubuf + first,
					n - first);
}

#endif
