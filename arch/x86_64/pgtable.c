/*
 * pgtable.c - the user half of the page tables.
 *
 * Each mm_struct has its own PML4.  Entries 256..511 (the kernel's half)
 * are copied from init_pml4 when the PML4 is made, so every address space
 * maps the kernel at the same place.  That copy is taken once: it stays
 * right because the kernel never adds a PML4 entry after boot (the direct
 * map, the ioremap range inside it and the image each sit in an entry
 * that paging_init() already filled).
 *
 * Intermediate entries of user tables are PRESENT|WRITE|USER: the CPU
 * combines the permissions of all levels, so the leaf PTE alone decides.
 *
 * Context: process context; the caller owns the mm (see mm_types.h).
 */
#include "kernel/kernel.h"
#include "arch/x86_64/pgtable.h"

#define PGTABLE_INTERMEDIATE	(PTE_PRESENT | PTE_WRITE | PTE_USER)

static inline unsigned pt_index(unsigned long va, int level)
{
	return (va >> (12 + 9 * level)) & 511;	/* level 3 = PML4 ... 0 = PT */
}

pte_t vm_get_page_prot(unsigned long vm_flags)
{
	pte_t prot = PTE_PRESENT | PTE_USER;

	if (!(vm_flags & (VM_READ | VM_WRITE | VM_EXEC)))
		return PTE_PROTNONE;
	if (vm_flags & VM_WRITE)
		prot |= PTE_WRITE;
	if (!(vm_flags & VM_EXEC))
		prot |= _PAGE_NX;
	return prot;
}

u64 *pgd_alloc(void)
{
	u64 *pgd = (u64 *)get_zeroed_page(GFP_KERNEL);

	if (pgd)
		memcpy(pgd + USER_PGD_PTRS, init_pml4 + USER_PGD_PTRS,
		       (512 - USER_PGD_PTRS) * sizeof(u64));
	return pgd;
}

/* Free the tables below a table of the given level (3 = PML4), not the
 * pages that PTEs map: those were put by zap_page_range(). */
static void free_tables_below(u64 *table, int level, unsigned nr)
{
	for (unsigned i = 0; i < nr; i++) {
		if (!(table[i] & PTE_PRESENT))
			continue;
		u64 *sub = phys_to_virt(table[i] & PTE_ADDR_MASK);
		if (level > 1)
			free_tables_below(sub, level - 1, 512);
		free_page((unsigned long)sub);
		table[i] = 0;
	}
}

static unsigned long count_tables_below(const u64 *table, int level,
					unsigned nr)
{
	unsigned long n = 0;

	for (unsigned i = 0; i < nr; i++) {
		if (!(table[i] & PTE_PRESENT))
			continue;
		const u64 *sub = phys_to_virt(table[i] & PTE_ADDR_MASK);
		n += 1 + (level > 1 ? count_tables_below(sub, level - 1, 512) : 0);
	}
	return n;
}

unsigned long pgtable_pages(const u64 *pgd)
{
	return 1 + count_tables_below(pgd, 3, USER_PGD_PTRS);
}

void pgd_free(u64 *pgd)
{
	free_tables_below(pgd, 3, USER_PGD_PTRS);
	free_page((unsigned long)pgd);
}

pte_t *pte_alloc(u64 *pgd, unsigned long addr)
{
	u64 *table = pgd;

	for (int l = 3; l > 0; l--) {
		u64 *e = &table[pt_index(addr, l)];
		if (!(*e & PTE_PRESENT)) {
			unsigned long page = get_zeroed_page(GFP_KERNEL);
			if (!page)
				return NULL;
			*e = virt_to_phys((void *)page) | PGTABLE_INTERMEDIATE;
		}
		table = phys_to_virt(*e & PTE_ADDR_MASK);
	}
	return &table[pt_index(addr, 0)];
}

pte_t *pte_lookup(u64 *pgd, unsigned long addr, unsigned long *next)
{
	u64 *table = pgd;

	for (int l = 3; l > 0; l--) {
		u64 e = table[pt_index(addr, l)];
		if (!(e & PTE_PRESENT)) {
			if (next) {
				unsigned long span = 1UL << (12 + 9 * l);
				*next = ALIGN_DOWN(addr, span) + span;
			}
			return NULL;
		}
		table = phys_to_virt(e & PTE_ADDR_MASK);
	}
	return &table[pt_index(addr, 0)];
}
