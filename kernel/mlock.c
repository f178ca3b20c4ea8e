/*
 * mlock.c - mlock(2), mlock2, munlock, mlockall, munlockall (Linux's
 * mm/mlock.c): keep a range of memory resident.
 *
 * Nothing is ever paged out here (no swap, no reclaim of anonymous
 * memory), so locking changes what a process is allowed and what it is
 * told, not where its pages are: VM_LOCKED on the VMAs, their pages
 * faulted in now (not with MLOCK_ONFAULT / MCL_ONFAULT, which only
 * marks them), and mm->locked_vm, the locked pages /proc's VmLck shows
 * and RLIMIT_MEMLOCK bounds.  MCL_FUTURE locks what is mapped later
 * (mm->def_flags, applied by mmap and brk).  Locks are not inherited
 * across fork and go with exec, as in Linux.
 *
 * The checks are Linux's, in its order: EINVAL for unknown flags, EPERM
 * when RLIMIT_MEMLOCK is 0 for a user without CAP_IPC_LOCK (uid 0 has
 * it), ENOMEM past the limit and for a range with unmapped pages (the
 * VMAs before the hole keep the change), EAGAIN if the pages cannot be
 * had.
 *
 * Context: process context; works on current->mm under its mmap_lock
 * (mm_types.h): the VMAs change with it held for writing, their pages
 * are faulted in after downgrading it to reading (Linux's mm_populate
 * drops it and takes it for reading), a page at a time, yielding, and
 * stopping at a fatal signal.
 */
#include "kernel/kernel.h"
#include "kernel/errno.h"
#include "kernel/mm.h"
#include "kernel/mman.h"
#include "kernel/sched.h"
#include "kernel/cred.h"
#include "kernel/resource.h"
#include "kernel/syscalls.h"

#define MLOCK_ONFAULT	0x01
#define MCL_CURRENT	1
#define MCL_FUTURE	2
#define MCL_ONFAULT	4

static unsigned long vma_pages(const struct vm_area_struct *vma)
{
	return (vma->vm_end - vma->vm_start) >> PAGE_SHIFT;
}

/* RLIMIT_MEMLOCK 0 forbids locking anything, unless CAP_IPC_LOCK. */
static bool can_do_mlock(void)
{
	return rlimit(RLIMIT_MEMLOCK) != 0 || capable(CAP_IPC_LOCK);
}

/*
 * Give [start, end) of vma the lock bits of newflags: split it where
 * the range cuts it, count the pages that became (un)locked, merge with
 * neighbours that now agree.  A VMA that had them already is left as
 * it is (Linux's mlock_fixup).
 */
static int mlock_fixup(struct mm_struct *mm, struct vm_area_struct *vma,
		       unsigned long start, unsigned long end,
		       unsigned long newflags)
{
	unsigned long oldflags = vma->vm_flags;

	if (newflags == oldflags)
		return 0;
	vma = vma_modify(mm, vma, start, end);
	if (!vma)
		return -ENOMEM;
	long nr_pages = vma_pages(vma);
	if (!(newflags & VM_LOCKED))
		nr_pages = -nr_pages;
	else if (oldflags & VM_LOCKED)
		nr_pages = 0;
	mm->locked_vm += nr_pages;
	vma->vm_flags = newflags;
	vma_merge(mm, vma);
	return 0;
}

/* Set the lock bits flags (VM_LOCKED, VM_LOCKONFAULT or none) on the
 * whole of [start, start + len), which must be mapped (Linux's
 * apply_vma_lock_flags). */
static int apply_vma_lock_flags(struct mm_struct *mm, unsigned long start,
				size_t len, unsigned long flags)
{
	unsigned long end = start + len;

	if (end < start)
		return -EINVAL;
	if (end == start)
		return 0;
	struct vm_area_struct *vma = find_vma(mm, start);
	if (!vma || vma->vm_start > start)
		return -ENOMEM;
	for (unsigned long addr = start; addr < end;) {
		vma = find_vma(mm, addr);
		if (!vma || vma->vm_start > addr)
			return -ENOMEM;		/* a hole */
		unsigned long next = MIN(vma->vm_end, end);
		unsigned long newflags = (vma->vm_flags & ~VM_LOCKED_MASK) | flags;
		int err = mlock_fixup(mm, vma, addr, next, newflags);
		if (err)
			return err;
		addr = next;
	}
	return 0;
}

/*
 * Fault in the locked pages of [start, end) (Linux's __mm_populate):
 * a write fault where the VMA is writable and private, so that a page
 * shared copy-on-write is copied now rather than at the first store.
 * VMAs that cannot be read (PROT_NONE) and MLOCK_ONFAULT ones are left.
 */
static int mlock_populate(struct mm_struct *mm, unsigned long start,
			  unsigned long end)
{
	for (unsigned long addr = start; addr < end;) {
		struct vm_area_struct *vma = find_vma(mm, addr);
		if (!vma || vma->vm_start >= end)
			break;
		addr = MAX(addr, vma->vm_start);
		unsigned long next = MIN(vma->vm_end, end);
		unsigned long f = vma->vm_flags;
		if ((f & VM_LOCKED) && !(f & VM_LOCKONFAULT) &&
		    (f & (VM_READ | VM_WRITE | VM_EXEC))) {
			unsigned int fl = FAULT_FLAG_USER;
			if ((f & VM_WRITE) && !(f & VM_SHARED))
				fl |= FAULT_FLAG_WRITE;
			int err = faultin_page_range(mm, addr, next, fl);
			if (err == -ENOMEM)
				return -EAGAIN;
			if (err == -EINTR)
				return err;
		}
		addr = next;
	}
	return 0;
}

static long do_mlock(unsigned long start, size_t len, unsigned long flags)
{
	struct mm_struct *mm = current->mm;

	if (!can_do_mlock())
		return -EPERM;
	len = PAGE_ALIGN(len + (start & ~PAGE_MASK));
	start &= PAGE_MASK;
	if (!mm)
		return -ENOMEM;
	unsigned long lock_limit = rlimit(RLIMIT_MEMLOCK) >> PAGE_SHIFT;
	unsigned long locked = len >> PAGE_SHIFT;
	mmap_write_lock(mm);
	locked += mm->locked_vm;
	long err;
	if (locked > lock_limit && !capable(CAP_IPC_LOCK)) {
		/* Pages of the range locked already do not count twice. */
		for (unsigned long a = start; a < start + len;) {
			struct vm_area_struct *vma = find_vma(mm, a);
			if (!vma || vma->vm_start >= start + len)
				break;
			unsigned long s = MAX(a, vma->vm_start);
			unsigned long e = MIN(vma->vm_end, start + len);
			if (vma->vm_flags & VM_LOCKED)
				locked -= (e - s) >> PAGE_SHIFT;
			a = e;
		}
	}
	if (locked <= lock_limit || capable(CAP_IPC_LOCK))
		err = apply_vma_lock_flags(mm, start, len, flags);
	else
		err = -ENOMEM;
	if (err) {
		mmap_write_unlock(mm);
		return err;
	}
	/* The pages are faulted in with the lock held for reading: other
	 * threads' faults and /proc go on meanwhile, no VMA can change. */
	mmap_write_downgrade(mm);
	err = mlock_populate(mm, start, start + len);
	mmap_read_unlock(mm);
	return err;
}

long sys_mlock(unsigned long start, size_t len)
{
	return do_mlock(start, len, VM_LOCKED);
}

long sys_mlock2(unsigned long start, size_t len, int flags)
{
	if (flags & ~MLOCK_ONFAULT)
		return -EINVAL;
	return do_mlock(start, len, VM_LOCKED |
			(flags & MLOCK_ONFAULT ? VM_LOCKONFAULT : 0));
}

long sys_munlock(unsigned long start, size_t len)
{
	struct mm_struct *mm = current->mm;

	len = PAGE_ALIGN(len + (start & ~PAGE_MASK));
	start &= PAGE_MASK;
	if (!mm)
		return -ENOMEM;
	mmap_write_lock(mm);
	long err = apply_vma_lock_flags(mm, start, len, 0);
	mmap_write_unlock(mm);
	return err;
}

/* mlockall's and munlockall's work: the default for new mappings, and
 * with MCL_CURRENT every VMA (Linux's apply_mlockall_flags). */
static void apply_mlockall_flags(struct mm_struct *mm, int flags)
{
	unsigned long to_add = 0;

	mm->def_flags &= ~VM_LOCKED_MASK;
	if (flags & MCL_FUTURE) {
		mm->def_flags |= VM_LOCKED;
		if (flags & MCL_ONFAULT)
			mm->def_flags |= VM_LOCKONFAULT;
		if (!(flags & MCL_CURRENT))
			return;
	}
	if (flags & MCL_CURRENT) {
		to_add |= VM_LOCKED;
		if (flags & MCL_ONFAULT)
			to_add |= VM_LOCKONFAULT;
	}
	struct vm_area_struct *vma = list_empty(&mm->mmap) ? NULL :
		list_first_entry(&mm->mmap, struct vm_area_struct, vm_list);
	while (vma) {
		unsigned long end = vma->vm_end;
		mlock_fixup(mm, vma, vma->vm_start, end,
			    (vma->vm_flags & ~VM_LOCKED_MASK) | to_add);
		vma = find_vma(mm, end);	/* the merge may have moved it */
	}
}

static unsigned long mm_total_pages(struct mm_struct *mm)
{
	struct vm_area_struct *vma;
	unsigned long n = 0;

	list_for_each_entry(vma, &mm->mmap, vm_list)
		n += vma_pages(vma);
	return n;
}

long sys_mlockall(int flags)
{
	struct mm_struct *mm = current->mm;

	if (!flags || (flags & ~(MCL_CURRENT | MCL_FUTURE | MCL_ONFAULT)) ||
	    flags == MCL_ONFAULT)
		return -EINVAL;
	if (!can_do_mlock())
		return -EPERM;
	if (!mm)
		return -ENOMEM;
	unsigned long lock_limit = rlimit(RLIMIT_MEMLOCK) >> PAGE_SHIFT;
	long err = 0;
	mmap_write_lock(mm);
	if (!(flags & MCL_CURRENT) || mm_total_pages(mm) <= lock_limit ||
	    capable(CAP_IPC_LOCK))
		apply_mlockall_flags(mm, flags);
	else
		err = -ENOMEM;
	if (err || !(flags & MCL_CURRENT)) {
		mmap_write_unlock(mm);
		return err;
	}
	mmap_write_downgrade(mm);		/* as in do_mlock */
	mlock_populate(mm, 0, TASK_SIZE);	/* errors ignored, as Linux */
	mmap_read_unlock(mm);
	return 0;
}

long sys_munlockall(void)
{
	struct mm_struct *mm = current->mm;

	if (!mm)
		return 0;
	mmap_write_lock(mm);
	apply_mlockall_flags(mm, 0);
	mmap_write_unlock(mm);
	return 0;
}

/* A new locked mapping of len bytes is within RLIMIT_MEMLOCK (Linux's
 * mlock_future_ok); mmap and brk say EAGAIN otherwise. */
bool mlock_future_ok(struct mm_struct *mm, unsigned long flags,
		     unsigned long len)
{
	if (!(flags & VM_LOCKED) || capable(CAP_IPC_LOCK))
		return true;
	unsigned long locked = (len >> PAGE_SHIFT) + mm->locked_vm;
	return locked <= rlimit(RLIMIT_MEMLOCK) >> PAGE_SHIFT;
}
