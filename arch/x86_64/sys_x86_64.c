/*
 * sys_x86_64.c - the x86-64 flavour of mmap(2) (Linux's
 * arch/x86/kernel/sys_x86_64.c): the ABI passes a byte offset, which
 * must be page aligned; the generic code works in pages.
 *
 * Context: process context.
 */
#include "kernel/kernel.h"
#include "kernel/errno.h"
#include "kernel/syscalls.h"
#include "arch/x86_64/page.h"

long sys_mmap(unsigned long addr, unsigned long len, unsigned long prot,
	      unsigned long flags, unsigned long fd, unsigned long off)
{
	if (off & ~PAGE_MASK)
		return -EINVAL;
	return ksys_mmap_pgoff(addr, len, prot, flags, fd, off >> PAGE_SHIFT);
}
