/*
 * mremap.c - mremap(2): grow, shrink or move a mapping (Linux's
 * mm/mremap.c).  What C libraries' realloc does with a large block.
 *
 * Shrinking unmaps the tail.  Growing extends the VMA in place when the
 * range after it is free; otherwise, with MREMAP_MAYMOVE, the mapping
 * moves: a new VMA with the same flags at a free address (or at
 * new_address with MREMAP_FIXED, replacing what is there), the page
 * table entries carried over one by one (the pages themselves do not
 * move or get copied, so a private page shared copy-on-write with a
 * fork child stays shared), and the old range unmapped, or with
 * MREMAP_DONTUNMAP left mapped and empty (its next touch gets zeros).
 * The part a mapping grows by is new memory: zeros on first touch for
 * private mappings, filled now for shared ones (kernel/mmap.c says
 * why); a locked mapping's new part is locked and faulted in.  Two
 * differences from Linux: a shared anonymous mapping grown gets new
 * shared pages, where Linux's shmem object keeps its size and the new
 * part is SIGBUS; and a file mapping grown gets zeros in its new part,
 * not the file's pages (ramfs fills a mapping when it is made).
 *
 * The checks are Linux's, in its order: EINVAL for unknown flags,
 * MREMAP_FIXED or MREMAP_DONTUNMAP without MREMAP_MAYMOVE, DONTUNMAP
 * with a change of size, an unaligned address, a new length of 0,
 * ranges that overlap or leave user space; EFAULT when the old address
 * is not mapped or the old range does not lie in one mapping (growing
 * or moving); ENOMEM when growing in place is impossible without
 * MREMAP_MAYMOVE; EAGAIN past RLIMIT_MEMLOCK for locked memory.
 *
 * Context: process context; everything is done under current->mm's
 * mmap_lock (mm_types.h).  The old range's TLB entries are shot down
 * once all of its PTEs have moved.
 */
#include "kernel/kernel.h"
#include "kernel/errno.h"
#include "kernel/mm.h"
#include "kernel/mman.h"
#include "kernel/sched.h"
#include "kernel/syscalls.h"
#include "arch/x86_64/pgtable.h"
#include "arch/x86_64/mmu_context.h"

#define MREMAP_MAYMOVE		1
#define MREMAP_FIXED		2
#define MREMAP_DONTUNMAP	4

/* Carry the PTEs of [old_addr, old_addr + len) over to new_addr, whose
 * range has no PTEs yet; the VMAs agree on flags, so each entry moves
 * as it is (a page shared copy-on-write stays read-only).  -ENOMEM if
 * a page table cannot be had (the entries moved so far stay moved). */
static int move_page_tables(struct mm_struct *mm, unsigned long old_addr,
			    unsigned long new_addr, unsigned long len)
{
	int err = 0;

	for (unsigned long off = 0, next; off < len;) {
		pte_t *old = pte_lookup(mm->pgd, old_addr + off, &next);
		if (!old) {
			off = next - old_addr;	/* no page table here */
			continue;
		}
		if (pte_present(*old)) {
			pte_t *new = pte_alloc(mm->pgd, new_addr + off);
			if (!new) {
				err = -ENOMEM;
				break;
			}
			*new = *old;
			*old = 0;
		}
		off += PAGE_SIZE;
	}
	flush_tlb_mm(mm);	/* SMP: shootdown of the old range */
	return err;
}

/* The VMA that holds [addr, addr + old_len) for growing or moving it to
 * new_len (Linux's vma_to_resize), or an ERR_PTR. */
static struct vm_area_struct *vma_to_resize(struct mm_struct *mm,
					    unsigned long addr,
					    unsigned long old_len,
					    unsigned long new_len)
{
	struct vm_area_struct *vma = find_vma(mm, addr);

	if (!vma || vma->vm_start > addr)
		return ERR_PTR(-EFAULT);
	if (old_len > vma->vm_end - addr)
		return ERR_PTR(-EFAULT);
	/* A zero old_len duplicates a shared mapping (an old DOS
	 * emulator's trick); for a private one it makes no sense. */
	if (!old_len && !(vma->vm_flags & VM_SHARED))
		return ERR_PTR(-EINVAL);
	if (new_len > old_len &&
	    !mlock_future_ok(mm, vma->vm_flags, new_len - old_len))
		return ERR_PTR(-EAGAIN);
	return vma;
}

/* The new part [start, end) of a grown VMA: shared memory and locked
 * memory are filled now, as mmap would have. */
static int fill_new_part(struct vm_area_struct *vma, unsigned long start,
			 unsigned long end)
{
	unsigned long f = vma->vm_flags;
	bool locked = (f & VM_LOCKED_MASK) == VM_LOCKED;

	if (!(f & VM_SHARED) && !locked)
		return 0;
	if (!(f & (VM_READ | VM_WRITE | VM_EXEC)))
		return 0;			/* PROT_NONE: nothing to touch */
	unsigned int fl = FAULT_FLAG_USER;
	if ((f & VM_WRITE) && !(f & VM_SHARED))
		fl |= FAULT_FLAG_WRITE;
	int err = faultin_page_range(vma->vm_mm, start, end, fl);
	return err == -EFAULT ? 0 : err;
}

/*
 * Move [old_addr, old_addr + old_len) of vma to new_addr, new_len long
 * (Linux's move_vma).  new_addr's range is free.  Returns new_addr or
 * an -errno.
 */
static unsigned long move_vma(struct mm_struct *mm, struct vm_area_struct *vma,
			      unsigned long old_addr, unsigned long old_len,
			      unsigned long new_len, unsigned long new_addr,
			      unsigned long flags)
{
	struct vm_area_struct *new_vma = vm_area_dup(vma);

	if (!new_vma)
		return -ENOMEM;
	new_vma->vm_start = new_addr;
	new_vma->vm_end = new_addr + new_len;
	new_vma->vm_pgoff = vma->vm_pgoff +
			    ((old_addr - vma->vm_start) >> PAGE_SHIFT);
	vma_link(mm, new_vma);
	if (new_vma->vm_flags & VM_LOCKED)
		mm->locked_vm += new_len >> PAGE_SHIFT;
	int err = move_page_tables(mm, old_addr, new_addr,
				   MIN(old_len, new_len));
	if (!err)
		err = fill_new_part(new_vma, new_addr + old_len,
				    new_addr + new_len);
	if (err) {
		/* Put back what moved, then drop the new VMA. */
		move_page_tables(mm, new_addr, old_addr, MIN(old_len, new_len));
		do_munmap(mm, new_addr, new_len);
		return err;
	}
	if (flags & MREMAP_DONTUNMAP) {
		/* The old range stays, empty and no longer locked. */
		vma = find_vma(mm, old_addr);
		if (vma->vm_flags & VM_LOCKED) {
			unsigned long end = old_addr + old_len;
			if (vma->vm_start < old_addr)
				split_vma(mm, vma, old_addr);
			vma = find_vma(mm, old_addr);
			if (vma->vm_end > end)
				split_vma(mm, vma, end);
			mm->locked_vm -= old_len >> PAGE_SHIFT;
			vma->vm_flags &= ~VM_LOCKED_MASK;
			vma_merge(mm, vma);
		}
	} else {
		do_munmap(mm, old_addr, old_len);
	}
	vma_merge(mm, find_vma(mm, new_addr));
	return new_addr;
}

/* MREMAP_FIXED and MREMAP_DONTUNMAP: always a move (Linux's mremap_to). */
static unsigned long mremap_to(struct mm_struct *mm, unsigned long addr,
			       unsigned long old_len, unsigned long new_addr,
			       unsigned long new_len, unsigned long flags)
{
	if (new_addr & ~PAGE_MASK)
		return -EINVAL;
	if (new_len > TASK_SIZE || new_addr > TASK_SIZE - new_len)
		return -EINVAL;
	/* The two ranges may not overlap. */
	if (addr + old_len > new_addr && new_addr + new_len > addr)
		return -EINVAL;
	if (flags & MREMAP_FIXED) {
		if (new_addr < MMAP_MIN_ADDR)
			return -EPERM;
		int err = do_munmap(mm, new_addr, new_len);
		if (err)
			return err;
	}
	if (old_len > new_len) {
		int err = do_munmap(mm, addr + new_len, old_len - new_len);
		if (err)
			return err;
		old_len = new_len;
	}
	struct vm_area_struct *vma = vma_to_resize(mm, addr, old_len, new_len);
	if (IS_ERR(vma))
		return PTR_ERR(vma);
	if (!(flags & MREMAP_FIXED)) {
		new_addr = get_unmapped_area(mm, new_addr, new_len, 0);
		if (IS_ERR_VALUE(new_addr))
			return new_addr;
	}
	return move_vma(mm, vma, addr, old_len, new_len, new_addr, flags);
}

/* Whether vma can grow by delta bytes where it is. */
static bool vma_expandable(struct mm_struct *mm, struct vm_area_struct *vma,
			   unsigned long delta)
{
	unsigned long end = vma->vm_end + delta;

	if (end < vma->vm_end || end > TASK_SIZE)
		return false;
	return !find_vma_intersection(mm, vma->vm_end, end);
}

static unsigned long do_mremap(struct mm_struct *mm, unsigned long addr,
			       unsigned long old_len, unsigned long new_len,
			       unsigned long flags, unsigned long new_addr)
{
	struct vm_area_struct *vma = find_vma(mm, addr);

	if (!vma || vma->vm_start > addr)
		return -EFAULT;
	if (flags & (MREMAP_FIXED | MREMAP_DONTUNMAP))
		return mremap_to(mm, addr, old_len, new_addr, new_len, flags);
	/* Shrinking always works: it unmaps the tail. */
	if (old_len >= new_len) {
		int err = do_munmap(mm, addr + new_len, old_len - new_len);
		if (err && old_len != new_len)
			return err;
		return addr;
	}
	vma = vma_to_resize(mm, addr, old_len, new_len);
	if (IS_ERR(vma))
		return PTR_ERR(vma);
	/* Up to the end of its VMA, with room after it: grow in place. */
	if (old_len == vma->vm_end - addr &&
	    vma_expandable(mm, vma, new_len - old_len)) {
		unsigned long old_end = vma->vm_end;
		vma->vm_end = addr + new_len;
		if (vma->vm_flags & VM_LOCKED)
			mm->locked_vm += (new_len - old_len) >> PAGE_SHIFT;
		if (fill_new_part(vma, old_end, vma->vm_end)) {
			do_munmap(mm, old_end, vma->vm_end - old_end);
			return -ENOMEM;
		}
		vma_merge(mm, vma);
		return addr;
	}
	if (!(flags & MREMAP_MAYMOVE))
		return -ENOMEM;
	new_addr = get_unmapped_area(mm, 0, new_len, 0);
	if (IS_ERR_VALUE(new_addr))
		return new_addr;
	return move_vma(mm, vma, addr, old_len, new_len, new_addr, flags);
}

long sys_mremap(unsigned long addr, unsigned long old_len,
		unsigned long new_len, unsigned long flags,
		unsigned long new_addr)
{
	struct mm_struct *mm = current->mm;

	if (flags & ~(MREMAP_FIXED | MREMAP_MAYMOVE | MREMAP_DONTUNMAP))
		return -EINVAL;
	if ((flags & MREMAP_FIXED) && !(flags & MREMAP_MAYMOVE))
		return -EINVAL;
	if ((flags & MREMAP_DONTUNMAP) &&
	    (!(flags & MREMAP_MAYMOVE) || old_len != new_len))
		return -EINVAL;
	if (addr & ~PAGE_MASK)
		return -EINVAL;
	old_len = PAGE_ALIGN(old_len);
	new_len = PAGE_ALIGN(new_len);
	if (!new_len)
		return -EINVAL;
	if (!mm)
		return -EFAULT;
	mmap_write_lock(mm);
	unsigned long ret = do_mremap(mm, addr, old_len, new_len, flags,
				      new_addr);
	mmap_write_unlock(mm);
	return (long)ret;
}
