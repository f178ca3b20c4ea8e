/*
 * mmu_context.h - which address space the CPU is using (Linux's
 * asm/mmu_context.h and asm/tlbflush.h).
 */
#ifndef ARCH_X86_64_MMU_CONTEXT_H
#define ARCH_X86_64_MMU_CONTEXT_H

#include "kernel/mm_types.h"

/*
 * TEMPORARY, until task_struct exists: the mm whose page tables are in
 * CR3 (NULL: only the kernel's init_pml4).  The page-fault handler uses it
 * where Linux uses current->mm; process code will replace the uses with
 * current->mm and keep this only as the record of what CR3 holds (Linux's
 * cpu_tlbstate.loaded_mm).
 */
extern struct mm_struct *current_mm;

/* Load mm's page tables (init_pml4 for NULL).  Reloading CR3 flushes
 * every non-global TLB entry, i.e. all of user space. */
void switch_mm(struct mm_struct *mm);

/* Forget stale translations after changing mm's PTEs.  Only the loaded
 * mm can have TLB entries: switching CR3 flushed everyone else's. */
void flush_tlb_page(struct mm_struct *mm, unsigned long addr);
void flush_tlb_mm(struct mm_struct *mm);

#endif
