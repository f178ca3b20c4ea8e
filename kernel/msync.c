/*
 * msync.c - msync(2): write a shared file mapping back to its file (Linux's
 * mm/msync.c).
 *
 * A shared mapping of a ramfs file maps the file's own pages
 * (fs/ramfs_file.c), so a store through it is in the file at once and
 * there is nothing to write back: MS_SYNC and MS_ASYNC have no work to
 * do, and MS_INVALIDATE none either (no other copy can be stale).  What
 * is left is Linux's checking, in its order: EINVAL for unknown flags,
 * an unaligned start, or MS_SYNC with MS_ASYNC; ENOMEM for a range that
 * wraps or has unmapped pages (MS_ASYNC alone stops at the first hole,
 * the others look at every VMA first); EBUSY for MS_INVALIDATE of
 * mlock'ed memory.
 *
 * Context: process context.
 */
#include "kernel/kernel.h"
#include "kernel/errno.h"
#include "kernel/mm.h"
#include "kernel/sched.h"
#include "kernel/syscalls.h"

#define MS_ASYNC	1
#define MS_INVALIDATE	2
#define MS_SYNC		4

long sys_msync(unsigned long start, size_t len, int flags)
{
	struct mm_struct *mm = current->mm;
	int unmapped_error = 0;
	long error = -EINVAL;

	if (flags & ~(MS_ASYNC | MS_INVALIDATE | MS_SYNC))
		return error;
	if (start & ~PAGE_MASK)
		return error;
	if ((flags & MS_ASYNC) && (flags & MS_SYNC))
		return error;
	len = PAGE_ALIGN(len);
	unsigned long end = start + len;
	if (end < start)
		return -ENOMEM;
	if (end == start)
		return 0;
	if (!mm)
		return -ENOMEM;
	mmap_read_lock(mm);
	struct vm_area_struct *vma = find_vma(mm, start);
	for (;;) {
		error = -ENOMEM;
		if (!vma)
			break;
		if (start < vma->vm_start) {
			if (flags == MS_ASYNC)
				break;
			start = vma->vm_start;
			if (start >= end)
				break;
			unmapped_error = -ENOMEM;
		}
		if ((flags & MS_INVALIDATE) && (vma->vm_flags & VM_LOCKED)) {
			error = -EBUSY;
			break;
		}
		/* MS_SYNC of a shared file mapping: the file is its pages
		 * (the top), so it is written already. */
		start = vma->vm_end;
		if (start >= end) {
			error = 0;
			break;
		}
		vma = find_vma(mm, start);
	}
	mmap_read_unlock(mm);
	return error ? error : unmapped_error;
}
