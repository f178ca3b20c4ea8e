/*
 * mm_struct.c - the life of an address space: mm_alloc, dup_mm (fork's
 * copy), mmget/mmput.  Linux keeps these in kernel/fork.c; they are here
 * so that fork.c can be about tasks alone.
 *
 * mm_users counts the holders of an mm: the threads using it, plus
 * short-lived references such as /proc readers (get_task_mm).  The last
 * mmput() unmaps every VMA, frees the page tables and the mm itself;
 * by then nobody else can reach it, so it needs no lock.
 *
 * Context: process context; LOCKING as in mm_types.h.
 */
#include "kernel/kernel.h"
#include "kernel/mm.h"
#include "kernel/sched.h"
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
	mm->dumpable = 1;	/* SUID_DUMP_USER */
	mmap_init_lock(mm);
	mm->mmap_base = ALIGN_DOWN(STACK_TOP - MMAP_MIN_GAP, PAGE_SIZE);
	return mm;
}

void mmget(struct mm_struct *mm)
{
	BUG_ON(READ_ONCE(mm->mm_users) <= 0);
	__atomic_add_fetch(&mm->mm_users, 1, __ATOMIC_RELAXED);
}

void mmput(struct mm_struct *mm)
{
	BUG_ON(READ_ONCE(mm->mm_users) <= 0);
	if (__atomic_sub_fetch(&mm->mm_users, 1, __ATOMIC_ACQ_REL))
		return;
	/* Never free the page tables under any CPU's feet. */
	leave_mm_everywhere(mm);
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
		struct vm_area_struct *new = vm_area_dup(vma);
		if (!new)
			return -1;
		new->vm_mm = mm;
		/* Locks are not inherited (mlock.c). */
		new->vm_flags &= ~VM_LOCKED_MASK;
		vma_link(mm, new);
		if (copy_page_range(mm, oldmm, vma))
			return -1;
	}
	return 0;
}

/* oldmm is current's; its other threads must not change it meanwhile
 * (Linux takes mmap_lock for writing here too). */
struct mm_struct *dup_mm(struct mm_struct *oldmm)
{
	struct mm_struct *mm = mm_alloc();

	if (!mm)
		return NULL;
	u64 *pgd = mm->pgd;
	mmap_write_lock(oldmm);
	*mm = *oldmm;		/* layout fields: brk, mmap_base, args... */
	mm->pgd = pgd;
	INIT_LIST_HEAD(&mm->mmap);
	mm->map_count = 0;
	mm->mm_users = 1;
	mm->rss = 0;		/* copy_page_range counts what it maps */
	mm->locked_vm = 0;	/* nor mlockall(MCL_FUTURE): mlock.c */
	mm->hiwater_vm = mm->hiwater_rss = 0;	/* the child's own peaks */
	mm->def_flags = 0;
	mmap_init_lock(mm);
	int err = dup_mmap(mm, oldmm);
	mmap_write_unlock(oldmm);
	/* vfs_lock nests inside mmap_lock, but need not be taken under it. */
	if (mm->exe_file) {
		vfs_lock();
		ihold(mm->exe_file);
		vfs_unlock();
	}
	if (err) {
		mmput(mm);
		return NULL;
	}
	return mm;
}

struct mm_struct *get_task_mm(struct task_struct *p)
{
	task_lock(p);
	struct mm_struct *mm = p->mm;
	if (mm && !p->worker_private)
		mmget(mm);
	else
		mm = NULL;
	task_unlock(p);
	return mm;
}
