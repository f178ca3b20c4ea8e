/*
 * mmu_context.c - switching address spaces and flushing the TLB.
 *
 * Context: any, interrupts on or off.  There is one CPU, so a TLB flush
 * never has to reach another processor (no shootdown IPIs).  With SMP,
 * threads of one process run on several CPUs with the same mm loaded,
 * and these two functions are where the shootdown goes: every CPU in
 * the mm's cpumask must drop the entry (an IPI running invlpg) before
 * the caller may free or reuse the page.  Their callers are the places
 * that change a shared mm's PTEs: munmap and madvise (zap_page_range),
 * mprotect (change_protection), copy-on-write (do_wp_page) and fork's
 * write-protection of the parent (copy_page_range).
 */
#include "kernel/kernel.h"
#include "arch/x86_64/mmu_context.h"
#include "arch/x86_64/paging.h"
#include "arch/x86_64/page.h"
#include "arch/x86_64/cpu.h"

struct mm_struct *current_mm;	/* TEMPORARY: see mmu_context.h */

void switch_mm(struct mm_struct *mm)
{
	u64 *pgd = mm ? mm->pgd : init_pml4;

	current_mm = mm;
	write_cr3(virt_to_phys(pgd));
}

/* SMP: shoot down addr on every other CPU that has mm loaded. */
void flush_tlb_page(struct mm_struct *mm, unsigned long addr)
{
	if (mm == current_mm)
		invlpg(addr);
}

/* SMP: shoot down all of mm on every other CPU that has it loaded. */
void flush_tlb_mm(struct mm_struct *mm)
{
	if (mm == current_mm)
		write_cr3(read_cr3());
}
