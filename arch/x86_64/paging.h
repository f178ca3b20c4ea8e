/*
 * paging.h - the kernel's page tables (arch/x86_64/paging.c).
 */
#ifndef ARCH_X86_64_PAGING_H
#define ARCH_X86_64_PAGING_H

#include "kernel/types.h"

#define _PAGE_NX	(1ULL << 63)
#define PTE_ADDR_MASK	0x000ffffffffff000ULL

/* The kernel's top-level table (physical address in CR3 while no user
 * process runs; every process's table shares its upper half). */
extern u64 *init_pml4;

/* Replace the boot page tables: the direct map of [0, direct_map_end)
 * with 2 MiB pages, and the kernel image with per-section permissions.
 * Boot context, before mem_init(): tables come from memblock. */
void paging_init(phys_addr_t direct_map_end);

/* Map device registers at phys uncached and return their address in the
 * direct map.  A range already mapped there (RAM) keeps its mapping. */
void *ioremap(phys_addr_t phys, size_t size);

/* Whether addr (a kernel address) has a present mapping. */
bool kernel_addr_mapped(unsigned long addr);

/* From now on, page tables come from the page allocator. */
void paging_use_buddy(void);

#endif
