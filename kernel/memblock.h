/*
 * memblock.h - the boot-time memory allocator (Linux's mm/memblock.c in
 * miniature).  Before the page allocator exists, memory is a list of
 * usable ranges (from the boot loader's map) minus reserved ranges (the
 * kernel image, the boot information, modules, what memblock_alloc handed
 * out).  Boot context only.
 */
#ifndef KERNEL_MEMBLOCK_H
#define KERNEL_MEMBLOCK_H

#include "kernel/types.h"

void memblock_add(phys_addr_t base, phys_addr_t size);
void memblock_reserve(phys_addr_t base, phys_addr_t size);
/* Zeroed memory below the current limit; panics when there is none. */
phys_addr_t memblock_phys_alloc(phys_addr_t size, phys_addr_t align);
/* Allocations come from below this address (the boot page tables only
 * reach the first GiB). */
void memblock_set_limit(phys_addr_t limit);
/* Highest end of usable memory. */
phys_addr_t memblock_end_of_ram(void);
bool memblock_is_reserved_page(phys_addr_t page);
bool memblock_is_memory_page(phys_addr_t page);
void memblock_dump(void);

#endif
