/*
 * memory.c - the page tables of user address spaces: demand paging,
 * copy-on-write, and tearing mappings down.
 *
 * PTEs are a cache of what the VMAs allow.  A page is allocated the first
 * time it is touched (do_anonymous_page).  fork shares every private page
 * read-only between parent and child with a reference each
 * (copy_page_range); the first write then faults and do_wp_page either
 * copies the page or, if the writer is the last one holding it
 * (page_count == 1), simply makes it writable again.
 *
 * The rule for a private page's write bit, used everywhere below: it is
 * writable only if the VMA allows writing and nobody else holds the page.
 *
 * Context: process context, or the page-fault handler on behalf of the
 * loaded mm.  LOCKING: mm->mmap_lock held by the caller (mm_types.h),
 * the fault handler included.  A fault needs it only for reading, so
 * two threads may fault at once: handle_mm_fault() takes mm->
 * page_table_lock around its work (two threads faulting on one page
 * must not both fill its PTE), and nothing under it sleeps.  The rest
 * (zap, copy, change_protection) runs with mmap_lock held for writing,
 * which keeps faults out, and yields in its loops (cond_resched()).
 */
#include "kernel/kernel.h"
#include "kernel/mm.h"
#include "kernel/errno.h"
#include "kernel/sched.h"
#include "arch/x86_64/pgtable.h"
#include "arch/x86_64/mmu_context.h"

/* The PTE that maps page in vma, by the rule above. */
static pte_t make_pte(struct vm_area_struct *vma, struct page *page)
{
	pte_t prot = vm_get_page_prot(vma->vm_flags);

	if (!(vma->vm_flags & VM_SHARED) && page_count(page) > 1)
		prot &= ~(pte_t)PTE_WRITE;
	return mk_pte(page, prot);
}

/* Whether vma lets this access happen at all. */
static bool access_error(struct vm_area_struct *vma, unsigned int flags)
{
	unsigned long f = vma->vm_flags;

	if (flags & FAULT_FLAG_WRITE) {
		if (f & VM_WRITE)
			return false;
		return !((flags & FAULT_FLAG_FORCE) && !(f & VM_SHARED));
	}
	if (flags & FAULT_FLAG_FORCE)
		return false;
	if (flags & FAULT_FLAG_INSTRUCTION)
		return !(f & VM_EXEC);
	return !(f & (VM_READ | VM_WRITE | VM_EXEC));
}

/* First touch of a page: a fresh zeroed one. */
static vm_fault_t do_anonymous_page(struct vm_area_struct *vma, pte_t *pte)
{
	struct page *page = alloc_page(GFP_KERNEL | __GFP_ZERO);

	if (!page)
		return VM_FAULT_OOM;
	*pte = make_pte(vma, page);
	vma->vm_mm->rss++;
	return 0;
}

/* Write to a present page whose PTE is read-only: copy-on-write. */
static vm_fault_t do_wp_page(struct vm_area_struct *vma, unsigned long addr,
			     pte_t *pte)
{
	struct page *old = pte_page(*pte);

	if (page_count(old) > 1) {
		struct page *new = alloc_page(GFP_KERNEL);
		if (!new)
			return VM_FAULT_OOM;
		memcpy(page_address(new), page_address(old), PAGE_SIZE);
		*pte = make_pte(vma, new);
		/* SMP: other CPUs may still read old through their TLBs,
		 * and would miss this thread's writes to new: shootdown.
		 * Only then is our reference to old dropped (its last
		 * holder may free it at once). */
		flush_tlb_page(vma->vm_mm, addr);
		put_page(old);
		return 0;
	}
	/* Ours alone: writable in place if the VMA says so (a forced write
	 * to a read-only VMA stays read-only for the user).  More rights
	 * than before, the same page: no shootdown. */
	*pte = make_pte(vma, old);
	flush_tlb_fix_spurious_fault(addr);
	return 0;
}

/* page_table_lock held. */
static vm_fault_t __handle_mm_fault(struct mm_struct *mm, unsigned long addr,
				    unsigned int flags)
{
	if (addr >= TASK_SIZE)
		return VM_FAULT_SIGSEGV;
	struct vm_area_struct *vma = find_vma(mm, addr);
	if (!vma)
		return VM_FAULT_SIGSEGV;
	/* vm_start moves with only mmap_lock's read side held: readers
	 * that look at it see the old or the new value. */
	if (vma->vm_start > addr && expand_stack(vma, addr))
		return VM_FAULT_SIGSEGV;
	if (access_error(vma, flags))
		return VM_FAULT_SIGSEGV;

	pte_t *pte = pte_alloc(mm->pgd, addr);
	if (!pte)
		return VM_FAULT_OOM;
	if (!pte_present(*pte))
		return do_anonymous_page(vma, pte);
	if ((flags & FAULT_FLAG_WRITE) && !pte_write(*pte))
		return do_wp_page(vma, addr, pte);
	/* Already allowed: this CPU's TLB held an older, stricter entry
	 * (or another thread filled the PTE first). */
	flush_tlb_fix_spurious_fault(addr);
	return 0;
}

vm_fault_t handle_mm_fault(struct mm_struct *mm, unsigned long addr,
			   unsigned int flags)
{
	spin_lock(&mm->page_table_lock);
	vm_fault_t fault = __handle_mm_fault(mm, addr, flags);
	spin_unlock(&mm->page_table_lock);
	return fault;
}

int faultin_page_range(struct mm_struct *mm, unsigned long start,
		       unsigned long end, unsigned int flags)
{
	for (unsigned long addr = start; addr < end; addr += PAGE_SIZE) {
		if (fatal_signal_pending(current))
			return -EINTR;
		cond_resched();
		vm_fault_t fault = handle_mm_fault(mm, addr, flags);
		if (fault & VM_FAULT_OOM)
			return -ENOMEM;
		if (fault)
			return -EFAULT;
	}
	return 0;
}

/*
 * Unmapping, Linux's mmu_gather in small: the PTEs are cleared, their
 * pages gathered, and only after one shootdown for the batch are the
 * pages put.  A page freed before every CPU forgot it could be reused
 * while another thread still writes to it through a stale TLB entry.
 */
#define MMU_GATHER_PAGES	32

struct mmu_gather {
	struct mm_struct *mm;
	unsigned long start, end;	/* the addresses gathered */
	unsigned int nr;
	struct page *pages[MMU_GATHER_PAGES];
};

static void tlb_flush_mmu(struct mmu_gather *tlb)
{
	if (!tlb->nr)
		return;
	if (tlb->end - tlb->start == PAGE_SIZE)
		flush_tlb_page(tlb->mm, tlb->start);
	else
		flush_tlb_mm(tlb->mm);	/* SMP: one shootdown */
	for (unsigned int i = 0; i < tlb->nr; i++)
		put_page(tlb->pages[i]);
	tlb->nr = 0;
}

static void tlb_remove_page(struct mmu_gather *tlb, unsigned long addr,
			    struct page *page)
{
	if (!tlb->nr)
		tlb->start = addr;
	tlb->end = addr + PAGE_SIZE;
	tlb->pages[tlb->nr++] = page;
	if (tlb->nr == MMU_GATHER_PAGES)
		tlb_flush_mmu(tlb);
}

void zap_page_range(struct mm_struct *mm, unsigned long start,
		    unsigned long end)
{
	struct mmu_gather tlb = { .mm = mm };

	/* The resident peak, VmHWM, as it was before pages go (Linux's
	 * update_hiwater_rss). */
	if (mm->rss > mm->hiwater_rss)
		mm->hiwater_rss = mm->rss;
	for (unsigned long addr = start, next; addr < end;) {
		/* A huge range (munmap of terabytes of holes, exit) yields;
		 * the pages gathered stay gathered until the shootdown. */
		cond_resched();
		pte_t *pte = pte_lookup(mm->pgd, addr, &next);
		if (!pte) {
			addr = next;
			continue;
		}
		if (pte_present(*pte)) {
			struct page *page = pte_page(*pte);
			*pte = 0;
			mm->rss--;
			tlb_remove_page(&tlb, addr, page);
		}
		addr += PAGE_SIZE;
	}
	tlb_flush_mmu(&tlb);
}

int copy_page_range(struct mm_struct *dst, struct mm_struct *src,
		    struct vm_area_struct *vma)
{
	bool cow = !(vma->vm_flags & VM_SHARED);
	int err = 0;

	for (unsigned long addr = vma->vm_start, next; addr < vma->vm_end;) {
		cond_resched();
		pte_t *spte = pte_lookup(src->pgd, addr, &next);
		if (!spte) {
			addr = next;
			continue;
		}
		if (pte_present(*spte)) {
			pte_t *dpte = pte_alloc(dst->pgd, addr);
			if (!dpte) {
				err = -ENOMEM;
				break;
			}
			get_page(pte_page(*spte));
			if (cow)
				*spte &= ~(pte_t)PTE_WRITE;
			*dpte = *spte;
			dst->rss++;
		}
		addr += PAGE_SIZE;
	}
	/* The parent's pages just became read-only; SMP: its other
	 * threads' CPUs too (shootdown). */
	flush_tlb_mm(src);
	return err;
}

void change_protection(struct vm_area_struct *vma)
{
	struct mm_struct *mm = vma->vm_mm;

	for (unsigned long addr = vma->vm_start, next; addr < vma->vm_end;) {
		cond_resched();
		pte_t *pte = pte_lookup(mm->pgd, addr, &next);
		if (!pte) {
			addr = next;
			continue;
		}
		if (pte_present(*pte))
			*pte = make_pte(vma, pte_page(*pte));
		addr += PAGE_SIZE;
	}
	flush_tlb_mm(mm);	/* SMP: shootdown (mprotect) */
}

int vm_insert_page(struct vm_area_struct *vma, unsigned long addr,
		   struct page *page)
{
	pte_t *pte = pte_alloc(vma->vm_mm->pgd, addr);

	if (!pte)
		return -ENOMEM;
	if (pte_present(*pte))
		return -EBUSY;
	*pte = make_pte(vma, page);
	vma->vm_mm->rss++;
	return 0;
}

/*
 * Give every page of vma a page now (shared anonymous memory, whose
 * pages must exist before a fork can share them; MAP_POPULATE; locked
 * VMAs), whatever its protection: a PROT_NONE shared mapping made
 * readable later must see the same pages in every process.  A mapping
 * larger than the free memory fails at once with -ENOMEM instead of
 * filling all of memory first.  The loop is as long as the mapping: it
 * yields, and stops with -EINTR at a fatal signal (Linux's populate
 * does both).  mmap_lock held, for reading or writing; each page under
 * page_table_lock, against faults of other threads.
 */
int populate_vma_page_range(struct vm_area_struct *vma, unsigned long start,
			    unsigned long end)
{
	struct mm_struct *mm = vma->vm_mm;
	int err = 0;

	for (unsigned long addr = start; addr < end && !err; addr += PAGE_SIZE) {
		if (fatal_signal_pending(current))
			return -EINTR;
		cond_resched();
		spin_lock(&mm->page_table_lock);
		pte_t *pte = pte_alloc(mm->pgd, addr);
		if (!pte || (!pte_present(*pte) && do_anonymous_page(vma, pte)))
			err = -ENOMEM;
		spin_unlock(&mm->page_table_lock);
	}
	return err;
}

int populate_vma(struct vm_area_struct *vma)
{
	if ((vma->vm_end - vma->vm_start) >> PAGE_SHIFT > nr_free_pages())
		return -ENOMEM;
	return populate_vma_page_range(vma, vma->vm_start, vma->vm_end);
}

/*
 * Like Linux's access_remote_vm(): the kernel reads or writes an mm that
 * need not be loaded, through the direct map.  Each page is first passed
 * through handle_mm_fault(), which checks the VMA, faults the page in and
 * breaks COW for a write; that is idempotent for a page already fine.
 */
int access_remote_vm(struct mm_struct *mm, unsigned long addr, void *buf,
		     int len, unsigned int gup_flags)
{
	unsigned int fault_flags = 0;
	int done = 0;

	if (gup_flags & FOLL_WRITE)
		fault_flags |= FAULT_FLAG_WRITE;
	if (gup_flags & FOLL_FORCE)
		fault_flags |= FAULT_FLAG_FORCE;
	while (done < len) {
		/* The fault and the copy under one hold of page_table_lock:
		 * another thread's copy-on-write fault must not replace the
		 * page in between. */
		spin_lock(&mm->page_table_lock);
		if (__handle_mm_fault(mm, addr, fault_flags)) {
			spin_unlock(&mm->page_table_lock);
			break;
		}
		pte_t *pte = pte_lookup(mm->pgd, addr, NULL);
		BUG_ON(!pte || !pte_present(*pte));
		char *kaddr = (char *)page_address(pte_page(*pte)) +
			      (addr & ~PAGE_MASK);
		int n = MIN((int)(PAGE_SIZE - (addr & ~PAGE_MASK)), len - done);
		if (gup_flags & FOLL_WRITE)
			memcpy(kaddr, (char *)buf + done, n);
		else
			memcpy((char *)buf + done, kaddr, n);
		spin_unlock(&mm->page_table_lock);
		done += n;
		addr += n;
	}
	return done;
}

/* Counted as PTEs are set and cleared, as Linux keeps rss_stat: a walk
 * of the page tables at each /proc read would be a loop as long as the
 * user's mappings, under the preemption-off section that reads them. */
unsigned long get_mm_rss(struct mm_struct *mm)
{
	return READ_ONCE(mm->rss);
}
