/*
 * mincore.c - mincore(2): which pages of a range are resident (Linux's
 * mm/mincore.c), one byte per page, bit 0 set for a page in memory.
 *
 * A page is resident here when its PTE is present: anonymous memory
 * that was touched, and every page of a file mapping that the file had
 * when it was mapped (ramfs fills them at mmap time; pages past the end
 * of the file are not).  Linux reports a file page in its page cache
 * even when this process never touched it; ramfs has no other copy, so
 * the two agree for what a program can see.
 *
 * Errors as Linux's: EINVAL for an unaligned start, ENOMEM for a range
 * past TASK_SIZE or with unmapped pages (the bytes for the pages before
 * the hole are written), EFAULT for the vector.  The vector is filled
 * a page of bytes at a time, with mmap_lock dropped for each copy out.
 *
 * Context: process context.
 */
#include "kernel/kernel.h"
#include "kernel/errno.h"
#include "kernel/mm.h"
#include "kernel/sched.h"
#include "kernel/syscalls.h"
#include "arch/x86_64/pgtable.h"
#include "arch/x86_64/uaccess.h"

/* Fill vec for up to nr pages from addr, all in one VMA; how many, or
 * -ENOMEM if addr is not mapped.  mmap_lock held. */
static long do_mincore(struct mm_struct *mm, unsigned long addr,
		       unsigned long nr, unsigned char *vec)
{
	struct vm_area_struct *vma = find_vma(mm, addr);

	if (!vma || vma->vm_start > addr)
		return -ENOMEM;
	nr = MIN(nr, (vma->vm_end - addr) >> PAGE_SHIFT);
	for (unsigned long i = 0; i < nr; i++) {
		pte_t *pte = pte_lookup(mm->pgd, addr + i * PAGE_SIZE, NULL);
		vec[i] = pte && pte_present(*pte);
	}
	return nr;
}

long sys_mincore(unsigned long start, size_t len, unsigned char __user *vec)
{
	struct mm_struct *mm = current->mm;

	if (start & ~PAGE_MASK)
		return -EINVAL;
	if (!access_ok(start, len))
		return -ENOMEM;
	unsigned long pages = (len >> PAGE_SHIFT) + ((len & ~PAGE_MASK) != 0);
	if (!access_ok(vec, pages))
		return -EFAULT;
	if (!pages)
		return 0;
	if (!mm)
		return -ENOMEM;
	unsigned char *tmp = (unsigned char *)__get_free_page(GFP_KERNEL);
	if (!tmp)
		return -EAGAIN;
	long ret = 0;
	while (pages) {
		mmap_read_lock(mm);
		long n = do_mincore(mm, start, MIN(pages, PAGE_SIZE), tmp);
		mmap_read_unlock(mm);
		if (n <= 0) {
			ret = n;
			break;
		}
		if (copy_to_user(vec, tmp, n)) {
			ret = -EFAULT;
			break;
		}
		pages -= n;
		vec += n;
		start += n << PAGE_SHIFT;
		cond_resched();
	}
	free_page((unsigned long)tmp);
	return ret;
}
