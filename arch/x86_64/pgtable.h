/*
 * pgtable.h - user page tables (arch/x86_64/pgtable.c): allocating and
 * walking the lower half of a PML4, and what a PTE of a user page holds.
 *
 * Generic mm code (kernel/memory.c, mmap.c) never builds entries by hand:
 * it asks vm_get_page_prot() for the bits a VMA's flags mean and uses the
 * pte_* helpers, so the x86 details stay in this file.
 */
#ifndef ARCH_X86_64_PGTABLE_H
#define ARCH_X86_64_PGTABLE_H

#include "kernel/types.h"
#include "kernel/mm.h"
#include "arch/x86_64/paging.h"

typedef u64 pte_t;

/*
 * A page in a PROT_NONE VMA keeps its frame in the PTE but must not be
 * present, or user code could read it.  Bit 9 is free for software; with
 * it set (and PRESENT clear) the entry still owns the page.  Linux calls
 * it _PAGE_PROTNONE and plays the same trick.
 */
#define PTE_PROTNONE	0x200

/* Page tables cover user space with 256 PML4 entries; the rest is the
 * kernel's, copied from init_pml4. */
#define USER_PGD_PTRS	256

static inline bool pte_present(pte_t pte)
{
	return pte & (PTE_PRESENT | PTE_PROTNONE);
}

static inline bool pte_write(pte_t pte)
{
	return pte & PTE_WRITE;
}

static inline struct page *pte_page(pte_t pte)
{
	return pfn_to_page(PFN_DOWN(pte & PTE_ADDR_MASK));
}

static inline pte_t mk_pte(struct page *page, pte_t prot)
{
	return PFN_PHYS(page_to_pfn(page)) | prot;
}

/* The PTE bits of a page in a VMA with these VM_* flags.  x86 cannot say
 * "write but not read", so VM_WRITE implies readable, as on Linux. */
pte_t vm_get_page_prot(unsigned long vm_flags);

/* A new PML4: lower half empty, upper half the kernel's. */
u64 *pgd_alloc(void);
/* Free a PML4 and every user page table under it.  The PTEs must
 * already be cleared (their pages put) by zap_page_range(). */
void pgd_free(u64 *pgd);
/* The pages of pgd's user page tables, the PML4 included (the OOM
 * killer's pgtables; counted when asked, which is rare). */
unsigned long pgtable_pages(const u64 *pgd);

/* The PTE for addr, allocating missing tables; NULL if out of memory. */
pte_t *pte_alloc(u64 *pgd, unsigned long addr);
/* The PTE for addr if its page table exists.  If not, NULL, and *next
 * (if given) is where the next existing table could start, so range
 * walks skip the holes instead of visiting every page. */
pte_t *pte_lookup(u64 *pgd, unsigned long addr, unsigned long *next);

#endif
