/*
 * mmu_context.c - switching address spaces and flushing the TLB.
 *
 * Context: any, interrupts on or off.  There is one CPU, so a TLB flush
 * never has to reach another processor (no shootdown IPIs).
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

void flush_tlb_page(struct mm_struct *mm, unsigned long addr)
{
	if (mm == current_mm)
		invlpg(addr);
}

void flush_tlb_mm(struct mm_struct *mm)
{
	if (mm == current_mm)
		write_cr3(read_cr3());
}
