/*
 * paging.c - the kernel's half of the address space.
 *
 * x86-64 translates a virtual address through four tables: PML4 (bits
 * 47-39), PDPT (38-30), PD (29-21) and PT (20-12).  A PD entry with
 * PTE_HUGE maps 2 MiB directly.  The boot tables (boot.S) map 1 GiB three
 * times with everything writable and executable; here we build the tables
 * the kernel keeps:
 *
 *   direct map   all RAM at PAGE_OFFSET, 2 MiB pages, read/write, NX;
 *   kernel image 4 KiB pages: .text read-only + executable, .rodata
 *                read-only + NX, .data/.bss read/write + NX.
 *
 * So a stray write into code, or a jump into data, faults at once instead
 * of corrupting quietly: that is what enabling NX buys.
 *
 * Context: paging_init() boot only; ioremap() process context or boot;
 * kernel_addr_mapped() any (it only reads).
 */
#include "kernel/kernel.h"
#include "kernel/memblock.h"
#include "kernel/mm.h"
#include "arch/x86_64/paging.h"
#include "arch/x86_64/page.h"
#include "arch/x86_64/cpu.h"

u64 *init_pml4;
static bool tables_from_buddy;	/* after mem_init(), memblock is gone */

extern char _text[], _etext[], _rodata[], _erodata[], _data[], _ebss[];
extern char _kallsyms[], _end[];

static u64 *alloc_table(void)
{
	if (tables_from_buddy) {
		unsigned long page = get_zeroed_page(GFP_KERNEL);
		if (!page)
			panic("paging: out of memory for a page table");
		return (u64 *)page;
	}
	return phys_to_virt(memblock_phys_alloc(PAGE_SIZE, PAGE_SIZE));
}

static inline unsigned pt_index(unsigned long va, int level)
{
	return (va >> (12 + 9 * level)) & 511;	/* level 3 = PML4 ... 0 = PT */
}

/* Split a 2 MiB mapping into 512 4 KiB ones with the same attributes. */
static void split_huge(u64 *pde)
{
	u64 *pt = alloc_table();
	u64 base = *pde & PTE_ADDR_MASK & ~(PMD_SIZE - 1);
	u64 attrs = (*pde & ~PTE_ADDR_MASK) & ~(u64)PTE_HUGE;

	for (unsigned i = 0; i < 512; i++)
		pt[i] = (base + i * PAGE_SIZE) | attrs;
	*pde = virt_to_phys(pt) | PTE_PRESENT | PTE_WRITE;
}

/* The entry for va at level `level` (1 = PD, 0 = PT), creating the tables
 * above it as needed.  Intermediate entries are permissive (present,
 * writable); the leaf decides. */
static u64 *walk_create(u64 *pml4, unsigned long va, int level)
{
	u64 *table = pml4;

	for (int l = 3; l > level; l--) {
		u64 *e = &table[pt_index(va, l)];
		if (l == 1 && (*e & PTE_HUGE))
			split_huge(e);
		if (!(*e & PTE_PRESENT))
			*e = virt_to_phys(alloc_table()) | PTE_PRESENT | PTE_WRITE;
		table = phys_to_virt(*e & PTE_ADDR_MASK);
	}
	return &table[pt_index(va, level)];
}

static void map_kernel_range(char *start, char *end, u64 flags)
{
	for (unsigned long va = (unsigned long)start; va < (unsigned long)end;
	     va += PAGE_SIZE)
		*walk_create(init_pml4, va, 0) = virt_to_phys((void *)va) | flags;
}

void paging_init(phys_addr_t direct_map_end)
{
	u64 common = PTE_PRESENT | PTE_GLOBAL;

	init_pml4 = alloc_table();
	for (phys_addr_t pa = 0; pa < direct_map_end; pa += PMD_SIZE)
		*walk_create(init_pml4, PAGE_OFFSET + pa, 1) =
			pa | common | PTE_WRITE | PTE_HUGE | _PAGE_NX;

	map_kernel_range(_text, _etext, common);
	map_kernel_range(_rodata, _erodata, common | _PAGE_NX);
	map_kernel_range(_data, _ebss, common | PTE_WRITE | _PAGE_NX);
	map_kernel_range(_kallsyms, _end, common | _PAGE_NX);

	write_cr4(read_cr4() | CR4_PGE);
	write_cr3(virt_to_phys(init_pml4));
}

/* Called by start_kernel once the page allocator runs. */
void paging_use_buddy(void)
{
	tables_from_buddy = true;
}

void *ioremap(phys_addr_t phys, size_t size)
{
	phys_addr_t start = ALIGN_DOWN(phys, PAGE_SIZE);
	phys_addr_t end = ALIGN_UP(phys + size, PAGE_SIZE);

	for (phys_addr_t pa = start; pa < end; pa += PAGE_SIZE) {
		unsigned long va = PAGE_OFFSET + pa;
		if (kernel_addr_mapped(va))
			continue;
		*walk_create(init_pml4, va, 0) = pa | PTE_PRESENT | PTE_WRITE |
			PTE_PCD | PTE_PWT | PTE_GLOBAL | _PAGE_NX;
		invlpg(va);
	}
	return phys_to_virt(phys);
}

bool kernel_addr_mapped(unsigned long addr)
{
	u64 *table = phys_to_virt(read_cr3() & PTE_ADDR_MASK);

	if (addr < PAGE_OFFSET)
		return false;
	for (int l = 3; l >= 0; l--) {
		u64 e = table[pt_index(addr, l)];
		if (!(e & PTE_PRESENT))
			return false;
		if (l == 0 || (l <= 2 && (e & PTE_HUGE)))
			return true;
		table = phys_to_virt(e & PTE_ADDR_MASK);
	}
	return true;
}
