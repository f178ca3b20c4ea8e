/*
 * memblock.c - see memblock.h.  Boot context only: single-threaded,
 * interrupts off, no locking.
 */
#include "kernel/kernel.h"
#include "kernel/memblock.h"
#include "arch/x86_64/page.h"

#define MAX_REGIONS 64

struct memblock_type {
	unsigned n;
	struct { phys_addr_t base, size; } r[MAX_REGIONS];
};

static struct memblock_type memory, reserved;
static phys_addr_t alloc_limit = ~0ULL;

static void add_region(struct memblock_type *t, phys_addr_t base,
		       phys_addr_t size)
{
	if (!size)
		return;
	if (t->n == MAX_REGIONS)
		panic("memblock: too many regions");
	t->r[t->n].base = base;
	t->r[t->n].size = size;
	t->n++;
}

/* Usable memory is kept page aligned inward: a partial page is not RAM. */
void memblock_add(phys_addr_t base, phys_addr_t size)
{
	phys_addr_t start = ALIGN_UP(base, PAGE_SIZE);
	phys_addr_t end = ALIGN_DOWN(base + size, PAGE_SIZE);

	if (end > start)
		add_region(&memory, start, end - start);
}

/* Reservations are page aligned outward: a partly used page is used. */
void memblock_reserve(phys_addr_t base, phys_addr_t size)
{
	phys_addr_t start = ALIGN_DOWN(base, PAGE_SIZE);
	phys_addr_t end = ALIGN_UP(base + size, PAGE_SIZE);

	add_region(&reserved, start, end - start);
}

void memblock_set_limit(phys_addr_t limit)
{
	alloc_limit = limit;
}

static bool overlaps_reserved(phys_addr_t base, phys_addr_t size,
			      phys_addr_t *skip_to)
{
	for (unsigned i = 0; i < reserved.n; i++) {
		phys_addr_t rb = reserved.r[i].base, re = rb + reserved.r[i].size;
		if (base < re && rb < base + size) {
			*skip_to = re;
			return true;
		}
	}
	return false;
}

phys_addr_t memblock_phys_alloc(phys_addr_t size, phys_addr_t align)
{
	size = ALIGN_UP(size, PAGE_SIZE);
	for (unsigned i = 0; i < memory.n; i++) {
		phys_addr_t base = ALIGN_UP(memory.r[i].base, align);
		phys_addr_t end = memory.r[i].base + memory.r[i].size;
		/* Keep the first MiB for firmware and old conventions. */
		if (base < 0x100000)
			base = 0x100000;
		while (base + size <= end && base + size <= alloc_limit) {
			phys_addr_t next;
			if (!overlaps_reserved(base, size, &next)) {
				memblock_reserve(base, size);
				memset(phys_to_virt(base), 0, size);
				return base;
			}
			base = ALIGN_UP(next, align);
		}
	}
	panic("memblock: out of memory allocating %lu bytes",
	      (unsigned long)size);
}

phys_addr_t memblock_end_of_ram(void)
{
	phys_addr_t end = 0;

	for (unsigned i = 0; i < memory.n; i++)
		end = MAX(end, memory.r[i].base + memory.r[i].size);
	return end;
}

static bool in_type(const struct memblock_type *t, phys_addr_t page)
{
	for (unsigned i = 0; i < t->n; i++)
		if (page >= t->r[i].base && page < t->r[i].base + t->r[i].size)
			return true;
	return false;
}

bool memblock_is_reserved_page(phys_addr_t page)
{
	return in_type(&reserved, page);
}

bool memblock_is_memory_page(phys_addr_t page)
{
	return in_type(&memory, page);
}

void memblock_dump(void)
{
	for (unsigned i = 0; i < memory.n; i++)
		pr_info("memblock: memory  [%#012lx-%#012lx]\n",
			(unsigned long)memory.r[i].base,
			(unsigned long)(memory.r[i].base + memory.r[i].size - 1));
	for (unsigned i = 0; i < reserved.n; i++)
		pr_debug("memblock: reserved [%#012lx-%#012lx]\n",
			 (unsigned long)reserved.r[i].base,
			 (unsigned long)(reserved.r[i].base + reserved.r[i].size - 1));
}
