/*
 * madvise.c - madvise(2): advice about how a range of memory will be
 * used (Linux's mm/madvise.c).
 *
 * Most advice is a hint Linux may act on and we ignore (read-ahead,
 * huge pages, KSM, what to dump in a core).  The advice with visible
 * effects on private anonymous memory is honoured:
 *   MADV_DONTNEED, MADV_DONTNEED_LOCKED, MADV_FREE  the pages are
 *	dropped; the next touch sees zeros.  (MADV_FREE may keep them in
 *	Linux until memory is short; dropping at once is a valid outcome.)
 *   MADV_POPULATE_READ/WRITE  fault the pages in now.
 * On shared anonymous memory DONTNEED drops nothing here: Linux's pages
 * live on in the shmem object and come back on the next touch, which is
 * what keeping them looks like.  MADV_FREE and MADV_REMOVE follow
 * Linux's EINVAL rules, but REMOVE on shared memory does not zero it.
 *
 * DONTNEED and FREE refuse mlock'ed memory (EINVAL), DONTNEED_LOCKED
 * does not.  A range with holes gets the advice on its mapped parts,
 * then -ENOMEM.
 * MADV_HWPOISON and MADV_SOFT_OFFLINE are EINVAL, as in a Linux built
 * without memory-failure handling.
 *
 * Context: process context; works on current->mm (see mm_types.h).
 */
#include "kernel/kernel.h"
#include "kernel/errno.h"
#include "kernel/mm.h"
#include "kernel/mman.h"
#include "kernel/sched.h"
#include "kernel/syscalls.h"

static bool madvise_behavior_valid(int behavior)
{
	switch (behavior) {
	case MADV_NORMAL ... MADV_DONTNEED:
	case MADV_FREE ... MADV_COLLAPSE:
		return true;
	default:
		return false;
	}
}

static int madvise_populate(struct mm_struct *mm, unsigned long start,
			    unsigned long end, bool write)
{
	unsigned int flags = FAULT_FLAG_USER | (write ? FAULT_FLAG_WRITE : 0);

	/* -EFAULT where it would have been a SIGSEGV; -EINTR at a fatal
	 * signal, as Linux's faultin_vma_page_range. */
	return faultin_page_range(mm, start, end, flags);
}

/* Apply behavior to [start, end), which lies inside vma. */
static int madvise_vma(struct vm_area_struct *vma, unsigned long start,
		       unsigned long end, int behavior)
{
	bool shared = vma->vm_flags & VM_SHARED;

	switch (behavior) {
	case MADV_FREE:
		if (shared)
			return -EINVAL;	/* only private anonymous memory */
		/* fall through */
	case MADV_DONTNEED:
		/* mlock'ed pages stay (mlock.c), unless asked for by name. */
		if (vma->vm_flags & VM_LOCKED)
			return -EINVAL;
		/* fall through */
	case MADV_DONTNEED_LOCKED:
		if (!shared)
			zap_page_range(vma->vm_mm, start, end);
		return 0;
	case MADV_REMOVE:
		return shared ? 0 : -EINVAL;	/* needs a shared object */
	case MADV_WIPEONFORK:
	case MADV_KEEPONFORK:
		return shared ? -EINVAL : 0;	/* private anonymous only */
	case MADV_POPULATE_READ:
	case MADV_POPULATE_WRITE:
		return madvise_populate(vma->vm_mm, start, end,
					behavior == MADV_POPULATE_WRITE);
	default:
		return 0;	/* a hint: nothing to do */
	}
}

long sys_madvise(unsigned long start, size_t len_in, int behavior)
{
	struct mm_struct *mm = current->mm;
	int unmapped_error = 0;

	if (!madvise_behavior_valid(behavior))
		return -EINVAL;
	if (start & ~PAGE_MASK)
		return -EINVAL;
	size_t len = PAGE_ALIGN(len_in);
	if (len_in && !len)
		return -EINVAL;		/* rounded up past the top */
	unsigned long end = start + len;
	if (end < start)
		return -EINVAL;
	if (end == start)
		return 0;
	if (!mm)
		return -ENOMEM;

	int err = 0;
	mmap_write_lock(mm);
	for (unsigned long addr = start; addr < end;) {
		struct vm_area_struct *vma = find_vma(mm, addr);
		if (!vma || vma->vm_start >= end) {
			err = -ENOMEM;
			break;
		}
		if (vma->vm_start > addr) {
			unmapped_error = -ENOMEM;
			addr = vma->vm_start;
		}
		unsigned long next = MIN(vma->vm_end, end);
		err = madvise_vma(vma, addr, next, behavior);
		if (err)
			break;
		addr = next;
	}
	mmap_write_unlock(mm);
	return err ? err : unmapped_error;
}
