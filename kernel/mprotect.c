/*
 * mprotect.c - changing the permissions of a range of an address space.
 *
 * The range must be mapped without holes (else -ENOMEM, as Linux).  VMAs
 * that stick out of it are split, their flags changed, their PTEs
 * rewritten, and neighbours that now agree merged again.
 *
 * Context: process context; the caller owns the mm (mm_types.h).
 */
#include "kernel/kernel.h"
#include "kernel/mm.h"
#include "kernel/mman.h"
#include "kernel/errno.h"
#include "kernel/sched.h"
#include "kernel/syscalls.h"
#include "fs/fs.h"

#define VM_ACCESS_FLAGS	(VM_READ | VM_WRITE | VM_EXEC)

static unsigned long prot_to_vm(unsigned long prot)
{
	return (prot & PROT_READ ? VM_READ : 0) |
	       (prot & PROT_WRITE ? VM_WRITE : 0) |
	       (prot & PROT_EXEC ? VM_EXEC : 0);
}

/* Whether [start, end) is covered by VMAs without a hole. */
static bool range_mapped(struct mm_struct *mm, unsigned long start,
			 unsigned long end)
{
	while (start < end) {
		struct vm_area_struct *vma = find_vma(mm, start);
		if (!vma || vma->vm_start > start)
			return false;
		start = vma->vm_end;
	}
	return true;
}

/* Give the part of vma inside [start, end) the access bits vm_access. */
static int mprotect_fixup(struct mm_struct *mm, struct vm_area_struct *vma,
			  unsigned long start, unsigned long end,
			  unsigned long vm_access)
{
	vma = vma_modify(mm, vma, start, end);
	if (!vma)
		return -ENOMEM;
	vma_set_flags(vma, (vma->vm_flags & ~VM_ACCESS_FLAGS) | vm_access);
	change_protection(vma);
	return 0;
}

int do_mprotect(struct mm_struct *mm, unsigned long start, unsigned long len,
		unsigned long prot)
{
	if (start & ~PAGE_MASK)
		return -EINVAL;
	if (prot & ~(unsigned long)(PROT_READ | PROT_WRITE | PROT_EXEC))
		return -EINVAL;
	if (!len)
		return 0;
	len = PAGE_ALIGN(len);
	unsigned long end = start + len;
	if (!len || end <= start || end > TASK_SIZE)
		return -ENOMEM;
	if (!range_mapped(mm, start, end))
		return -ENOMEM;

	for (unsigned long addr = start; addr < end;) {
		struct vm_area_struct *vma = find_vma(mm, addr);
		unsigned long next = MIN(vma->vm_end, end);
		/* A shared file mapping becomes writable only if it may:
		 * the file open for writing, no memfd seal against it. */
		if ((prot & PROT_WRITE) && (vma->vm_flags & VM_SHARED) &&
		    vma->vm_inode && !(vma->vm_flags & VM_MAYWRITE))
			return -EACCES;
		int err = mprotect_fixup(mm, vma, addr, next, prot_to_vm(prot));
		if (err)
			return err;
		addr = next;
	}
	/* Merge in one sweep afterwards: merging while walking would free
	 * VMAs the walk still points at. */
	struct vm_area_struct *vma = find_vma(mm, start ? start - 1 : 0);
	while (vma && vma->vm_start <= end) {
		vma = vma_merge(mm, vma);
		vma = vma->vm_list.next == &mm->mmap ? NULL :
			list_next_entry(vma, vm_list);
	}
	return 0;
}

/*
 * mprotect(2) on current->mm: Linux's argument checks, in its order,
 * around do_mprotect().  PROT_SEM is accepted and means nothing on x86.
 * PROT_GROWSDOWN extends the change down to the start of the stack VMA
 * that holds start; x86 has no upward-growing VMAs, so PROT_GROWSUP can
 * only fail.
 */
long sys_mprotect(unsigned long start, size_t len, unsigned long prot)
{
	struct mm_struct *mm = current->mm;
	unsigned long grows = prot & (PROT_GROWSDOWN | PROT_GROWSUP);

	prot &= ~(grows | PROT_SEM);
	if (grows == (PROT_GROWSDOWN | PROT_GROWSUP))
		return -EINVAL;
	if (start & ~PAGE_MASK)
		return -EINVAL;
	if (!len)
		return 0;
	len = PAGE_ALIGN(len);
	unsigned long end = start + len;
	if (end <= start)
		return -ENOMEM;
	if (prot & ~(unsigned long)(PROT_READ | PROT_WRITE | PROT_EXEC))
		return -EINVAL;
	if (!mm)
		return -ENOMEM;
	mmap_write_lock(mm);
	long ret = 0;
	if (grows) {
		struct vm_area_struct *vma = find_vma(mm, start);
		if (!vma)
			ret = -ENOMEM;
		else if (!(grows & PROT_GROWSDOWN))
			ret = vma->vm_start > start ? -ENOMEM : -EINVAL;
		else if (vma->vm_start >= end)
			ret = -ENOMEM;
		else if (!(vma->vm_flags & VM_GROWSDOWN))
			ret = -EINVAL;
		else
			start = vma->vm_start;
	}
	if (!ret)
		ret = do_mprotect(mm, start, end - start, prot);
	mmap_write_unlock(mm);
	return ret;
}
