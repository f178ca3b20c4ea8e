/*
 * page.h - the kernel's two views of physical memory.
 *
 *   0xffff888000000000 + phys   the direct map: all RAM, read/write, no
 *                               execute (Linux's PAGE_OFFSET);
 *   0xffffffff80000000 + phys   the kernel image, with per-section
 *                               permissions (__START_KERNEL_map).
 * User space will live in the lower half.
 */
#ifndef ARCH_X86_64_PAGE_H
#define ARCH_X86_64_PAGE_H

#include "kernel/types.h"
#include "arch/x86_64/boot_defs.h"

#define PAGE_SHIFT	12
#define PAGE_SIZE	(1UL << PAGE_SHIFT)
#define PAGE_MASK	(~(PAGE_SIZE - 1))
#define PMD_SIZE	(1UL << 21)		/* what one PD entry maps */
#define PAGE_OFFSET	((unsigned long)PAGE_OFFSET_VAL)
#define START_KERNEL_MAP ((unsigned long)KERNEL_VMA)

#define PFN_DOWN(x)	((x) >> PAGE_SHIFT)
#define PFN_UP(x)	(((x) + PAGE_SIZE - 1) >> PAGE_SHIFT)
#define PFN_PHYS(pfn)	((phys_addr_t)(pfn) << PAGE_SHIFT)

static inline void *phys_to_virt(phys_addr_t pa)
{
	return (void *)(pa + PAGE_OFFSET);
}

static inline phys_addr_t virt_to_phys(const volatile void *va)
{
	unsigned long v = (unsigned long)va;

	if (v >= START_KERNEL_MAP)
		return v - START_KERNEL_MAP;
	return v - PAGE_OFFSET;
}

#endif
