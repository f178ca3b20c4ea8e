/*
 * mmu_context.h - which address space the CPU is using (Linux's
 * asm/mmu_context.h and asm/tlbflush.h).
 */
#ifndef ARCH_X86_64_MMU_CONTEXT_H
#define ARCH_X86_64_MMU_CONTEXT_H

#include "kernel/mm_types.h"

#include "kernel/percpu.h"

/*
 * The mm whose page tables are in this CPU's CR3 (NULL: only the
 * kernel's init_pml4), Linux's cpu_tlbstate.loaded_mm.  For a user task
 * it is current->mm (switch_to keeps them equal); a kernel thread keeps
 * whatever was loaded.  The page-fault handler and the self-tests read
 * it as current_mm.
 */
DECLARE_PER_CPU(struct mm_struct *, cpu_loaded_mm);
#define current_mm	this_cpu_read(cpu_loaded_mm)

/* Load mm's page tables (init_pml4 for NULL).  Reloading CR3 flushes
 * every non-global TLB entry, i.e. all of user space. */
void switch_mm(struct mm_struct *mm);

/* Forget stale translations after changing mm's PTEs, on this CPU and
 * on every other CPU that has mm loaded (a shootdown, mmu_context.c). */
void flush_tlb_page(struct mm_struct *mm, unsigned long addr);
void flush_tlb_mm(struct mm_struct *mm);
/* A fault found the PTE already allowing the access: a TLB entry older
 * than the PTE made it.  Only this CPU's entry matters (another CPU with
 * a stale one faults the same way and comes here), so no shootdown: a
 * PTE that gains rights needs none, only one that loses them does. */
void flush_tlb_fix_spurious_fault(unsigned long addr);
/* mm is about to be freed: no CPU may keep it in CR3 (lazily). */
void leave_mm_everywhere(struct mm_struct *mm);

#endif
