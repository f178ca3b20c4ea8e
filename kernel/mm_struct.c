/*
 * mm_struct.c - the life of an address space: mm_alloc, dup_mm (fork's
 * copy), mmget/mmput.  Linux keeps these in kernel/fork.c; they are here
 * so that fork.c can be about tasks alone.
 *
 * mm_users counts the holders of an mm (one day: the tasks using it, plus
 * short-lived references such as /proc readers).  The last mmput()
 * unmaps every VMA, frees the page tables and the mm itself.
 *
 * Context: process context; the caller owns the mm (mm_types.h).
 */
#include "kernel/kernel.h"
#include "kernel/mm.h"
#include "fs/fs.h"
#include "arch/x86_64/pgtable.h"
#include "arch/x86_64/mmu_context.h"

struct mm_struct *mm_alloc(void)
{
	struct mm_struct *mm = kzalloc(sizeof(*mm), GFP_KERNEL);

	if (!mm)
		return NULL;
	mm->pgd = pgd_alloc();
	if (!mm->pgd) {
		kfree(mm);
		return NULL;
	}
	INIT_LIST_HEAD(&mm->mmap);
	mm->mm_users = 1;
	mm->mmap_base = ALIGN_DOWN(STACK_TOP - MMAP_MIN_GAP, PAGE_SIZE);
	return mm;
}

void mmget(struct mm_struct *mm)
{
	BUG_ON(mm->mm_users <= 0);
	mm->mm_users++;
}

void mmput(struct mm_struct *mm)
{
	BUG_ON(mm->mm_users <= 0);
	if (--mm->mm_users)
		return;
	/* Never free the page tables under the CPU's feet. */
	if (current_mm == mm)
		switch_mm(NULL);
	exit_mmap(mm);
	if (mm->exe_file)
		iput(mm->exe_file);
	pgd_free(mm->pgd);
	kfree(mm);
}

/* Copy oldmm's VMAs into mm and share their pages (COW for private). */
static int dup_mmap(struct mm_struct *mm, struct mm_struct *oldmm)
{
	struct vm_area_struct *vma;

	list_for_each_entry(vma, &oldmm->mmap, vm_list) {
		struct vm_area_struct *new = vm_area_alloc(mm);
		if (!new)
			return -1;
		new->vm_start = vma->vm_start;
		new->vm_end = vma->vm_end;
		new->vm_flags = vma->vm_flags;
		vma_link(mm, new);
		if (copy_page_range(mm, oldmm, vma))
			return -1;
	}
	return 0;
}

struct mm_struct *dup_mm(struct mm_struct *oldmm)
{
	struct mm_struct *mm = mm_alloc();

	if (!mm)
		return NULL;
	u64 *pgd = mm->pgd;
	*mm = *oldmm;		/* layout fields: brk, mmap_base, args... */
	mm->pgd = pgd;
	INIT_LIST_HEAD(&mm->mmap);
	mm->map_count = 0;
	mm->mm_users = 1;
	mm->rss = 0;		/* copy_page_range counts what it maps */
	if (mm->exe_file) {
		vfs_lock();
		ihold(mm->exe_file);
		vfs_unlock();
	}
	if (dup_mmap(mm, oldmm)) {
		mmput(mm);
		return NULL;
	}
	return mm;
}
