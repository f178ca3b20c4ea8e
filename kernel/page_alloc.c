/*
 * page_alloc.c - the buddy allocator for physical pages.
 *
 * Free memory is kept in blocks of 2^order pages, aligned to their size,
 * one free list per order.  Allocating takes the smallest block that fits
 * and splits off halves it does not need; freeing merges a block with its
 * "buddy" (the other half of the block they were split from, found by
 * flipping bit `order` of the pfn) for as long as the buddy is free too.
 * Both are O(MAX_ORDER).
 *
 * Context: any.  zone_lock is taken with interrupts off, because interrupt
 * handlers (the network driver) allocate.
 */
#include "kernel/kernel.h"
#include "kernel/mm.h"
#include "kernel/memblock.h"
#include "kernel/spinlock.h"
#include "kernel/params.h"

struct page *mem_map;
unsigned long max_pfn;

static struct list_head free_area[MAX_ORDER];
static unsigned long nr_free;		/* pages in free_area */
static unsigned long nr_managed;	/* pages ever given to the allocator */
static DEFINE_SPINLOCK(zone_lock);

/*
 * init_on_alloc: every block is zeroed when it is handed out, whatever
 * the caller asked, as in Debian's Linux (CONFIG_INIT_ON_ALLOC_DEFAULT_ON;
 * "init_on_alloc=0" turns it off).  No allocation sees what the memory
 * held before, another process's data included.  (Linux also clears
 * each slab object as it is allocated; here a slab's pages are cleared
 * when the slab is made, its objects are not.)
 *
 * Under QEMU's TCG it is also what keeps stores fast.  QEMU keeps the
 * code it translated from a page (the BIOS's, GRUB's, an exited
 * program's) after the page is freed, and until every byte that code
 * came from has been written over, each store into the page takes
 * QEMU's self-modifying-code path (locks and a tree lookup per store).
 * A slab page or a DMA buffer that is only ever partly written stays
 * that slow for good: with the network's buffers on such pages a 64 MiB
 * download ran at 1.9 MB/s instead of 20.  Zeroing writes every byte
 * once, and the page is plain memory again.
 */
static bool init_on_alloc = true;

static int set_init_on_alloc(const char *val)
{
	if (!val || (strcmp(val, "0") && strcmp(val, "1")))
		return -1;
	init_on_alloc = *val == '1';
	return 0;
}
__setup("init_on_alloc", set_init_on_alloc);

static struct page *buddy_of(struct page *page, unsigned order)
{
	unsigned long pfn = page_to_pfn(page) ^ (1UL << order);

	return pfn < max_pfn ? pfn_to_page(pfn) : NULL;
}

static void add_free(struct page *page, unsigned order)
{
	page->flags |= PG_buddy;
	page->order = order;
	list_add(&page->lru, &free_area[order]);
	nr_free += 1UL << order;
}

static void del_free(struct page *page, unsigned order)
{
	list_del(&page->lru);
	page->flags &= ~PG_buddy;
	nr_free -= 1UL << order;
}

/* Caller holds zone_lock. */
static void free_one_block(struct page *page, unsigned order)
{
	while (order < MAX_ORDER - 1) {
		struct page *buddy = buddy_of(page, order);
		if (!buddy || !(buddy->flags & PG_buddy) || buddy->order != order)
			break;
		del_free(buddy, order);
		if (buddy < page)
			page = buddy;	/* the merged block starts lower */
		order++;
	}
	add_free(page, order);
}

/* Caller holds zone_lock. */
static struct page *take_block(unsigned order)
{
	unsigned o = order;

	while (o < MAX_ORDER && list_empty(&free_area[o]))
		o++;
	if (o == MAX_ORDER)
		return NULL;
	struct page *page = list_first_entry(&free_area[o], struct page, lru);
	del_free(page, o);
	/* Give back the upper halves we do not need. */
	while (o > order) {
		o--;
		add_free(page + (1UL << o), o);
	}
	return page;
}

struct page *alloc_pages(gfp_t gfp, unsigned order)
{
	unsigned long flags;

	if (order >= MAX_ORDER)
		return NULL;
	spin_lock_irqsave(&zone_lock, flags);
	struct page *page = take_block(order);
	spin_unlock_irqrestore(&zone_lock, flags);
	if (!page)
		return NULL;
	page->flags = PG_head;
	page->order = order;
	set_page_count(page, 1);
	if ((gfp & __GFP_ZERO) || init_on_alloc)
		memset(page_address(page), 0, PAGE_SIZE << order);
	return page;
}

/* As in Linux, __free_pages() drops one reference: a block someone else
 * still holds with get_page() stays allocated until its last put_page(). */
void __free_pages(struct page *page, unsigned order)
{
	unsigned long flags;

	BUG_ON(page->flags & (PG_buddy | PG_reserved));
	if (!put_page_testzero(page))
		return;
	page->flags = 0;
	spin_lock_irqsave(&zone_lock, flags);
	free_one_block(page, order);
	spin_unlock_irqrestore(&zone_lock, flags);
}

void put_page(struct page *page)
{
	__free_pages(page, page->order);
}

unsigned long __get_free_pages(gfp_t gfp, unsigned order)
{
	struct page *page = alloc_pages(gfp, order);

	return page ? (unsigned long)page_address(page) : 0;
}

unsigned long get_zeroed_page(gfp_t gfp)
{
	return __get_free_pages(gfp | __GFP_ZERO, 0);
}

void free_pages(unsigned long addr, unsigned order)
{
	if (addr)
		__free_pages(virt_to_page((void *)addr), order);
}

unsigned long nr_free_pages(void)
{
	return READ_ONCE(nr_free);
}

unsigned long totalram_pages(void)
{
	return nr_managed;
}

/* Free the run [start, end) of pfns in the largest aligned blocks. */
static void free_range(unsigned long start, unsigned long end)
{
	while (start < end) {
		unsigned order = MAX_ORDER - 1;
		while (order && ((start & ((1UL << order) - 1)) ||
				 start + (1UL << order) > end))
			order--;
		free_one_block(pfn_to_page(start), order);
		nr_managed += 1UL << order;
		start += 1UL << order;
	}
}

void mem_init(void)
{
	max_pfn = PFN_DOWN(memblock_end_of_ram());
	size_t map_size = max_pfn * sizeof(struct page);
	mem_map = phys_to_virt(memblock_phys_alloc(map_size, PAGE_SIZE));

	for (unsigned o = 0; o < MAX_ORDER; o++)
		INIT_LIST_HEAD(&free_area[o]);

	/* Walk the pfns once, freeing each maximal run of usable pages. */
	unsigned long run = 0;
	bool in_run = false;
	for (unsigned long pfn = 0; pfn <= max_pfn; pfn++) {
		bool usable = pfn < max_pfn &&
			      memblock_is_memory_page(PFN_PHYS(pfn)) &&
			      !memblock_is_reserved_page(PFN_PHYS(pfn));
		if (pfn < max_pfn && !usable)
			mem_map[pfn].flags = PG_reserved;
		if (usable && !in_run)
			run = pfn;
		if (!usable && in_run)
			free_range(run, pfn);
		in_run = usable;
	}
	pr_info("Memory: %luK/%luK available (%lu pages for mem_map)\n",
		nr_free * 4, max_pfn * 4, (unsigned long)PFN_UP(map_size));
}
