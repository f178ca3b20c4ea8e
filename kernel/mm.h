/*
 * mm.h - physical pages: struct page and the buddy page allocator
 * (kernel/page_alloc.c), plus the slab caches and kmalloc (kernel/slab.c).
 *
 * Every page frame of RAM has a struct page in mem_map[], indexed by its
 * page frame number (pfn = physical address >> 12).  Free pages are in the
 * buddy allocator; allocated ones may belong to a slab or be mapped into
 * user address spaces.
 *
 * An allocated block has a reference count in its first page (_refcount,
 * 1 when alloc_pages returns it).  Whoever shares the page takes a
 * reference with get_page() and drops it with put_page(); the last
 * put_page() frees the block.  Copy-on-write relies on it: after fork a
 * private page is mapped by two address spaces with a count of 2, and a
 * write fault that finds a count of 1 knows nobody else sees the page.
 */
#ifndef KERNEL_MM_H
#define KERNEL_MM_H

#include "kernel/kernel.h"
#include "kernel/list.h"
#include "arch/x86_64/page.h"

/* page->flags */
#define PG_reserved	(1UL << 0)	/* not managed: firmware, kernel image */
#define PG_buddy	(1UL << 1)	/* first page of a free block */
#define PG_slab		(1UL << 2)	/* part of a slab (slab_cache is set) */
#define PG_head		(1UL << 3)	/* first page of an allocated block */

struct kmem_cache;

struct page {
	unsigned long flags;
	struct list_head lru;		/* free list, or the cache's slab list */
	unsigned int order;		/* block size is 2^order pages */
	unsigned int inuse;		/* slab: objects handed out */
	struct kmem_cache *slab_cache;	/* slab: the owning cache */
	void *freelist;			/* slab: first free object */
	struct page *head;		/* slab: its first page */
	int _refcount;			/* users of an allocated block; 0 = free */
};

#define MAX_ORDER	11		/* blocks of 2^0 .. 2^10 pages (4 MiB) */

/* Allocation flags.  There is no reclaim, so only zeroing matters; the
 * names are Linux's so calls read the same. */
typedef unsigned int gfp_t;
#define __GFP_ZERO	0x1u
#define GFP_KERNEL	0x0u
#define GFP_ATOMIC	0x0u		/* safe in interrupt context: we never sleep */

extern struct page *mem_map;
extern unsigned long max_pfn;

static inline unsigned long page_to_pfn(const struct page *page)
{
	return page - mem_map;
}

static inline struct page *pfn_to_page(unsigned long pfn)
{
	return &mem_map[pfn];
}

static inline void *page_address(const struct page *page)
{
	return phys_to_virt(PFN_PHYS(page_to_pfn(page)));
}

static inline struct page *virt_to_page(const void *addr)
{
	return pfn_to_page(PFN_DOWN(virt_to_phys(addr)));
}

/* Context: any (interrupts may be on or off); never sleeps. */
struct page *alloc_pages(gfp_t gfp, unsigned order);
void __free_pages(struct page *page, unsigned order);
unsigned long __get_free_pages(gfp_t gfp, unsigned order);
unsigned long get_zeroed_page(gfp_t gfp);
void free_pages(unsigned long addr, unsigned order);
#define alloc_page(gfp)		alloc_pages(gfp, 0)
#define __get_free_page(gfp)	__get_free_pages(gfp, 0)
#define free_page(addr)		free_pages(addr, 0)

/* Reference counting of an allocated block (its first page).  Single CPU,
 * so plain increments suffice as long as interrupt handlers do not share
 * user pages (they do not). */
static inline int page_count(const struct page *page)
{
	return READ_ONCE(page->_refcount);
}

static inline void get_page(struct page *page)
{
	BUG_ON(page->_refcount <= 0);
	page->_refcount++;
}

/* Drop a reference; the last one frees the block. */
void put_page(struct page *page);

unsigned long nr_free_pages(void);
unsigned long totalram_pages(void);

/* Boot: hand every usable page memblock did not reserve to the buddy
 * allocator. */
void mem_init(void);

/* --- slab caches (kernel/slab.c) --- */
struct kmem_cache *kmem_cache_create(const char *name, size_t size,
				     size_t align, unsigned long flags,
				     void (*ctor)(void *));
void kmem_cache_destroy(struct kmem_cache *cache);
void *kmem_cache_alloc(struct kmem_cache *cache, gfp_t gfp);
void *kmem_cache_zalloc(struct kmem_cache *cache, gfp_t gfp);
void kmem_cache_free(struct kmem_cache *cache, void *obj);
/* Objects currently allocated from cache. */
unsigned long kmem_cache_active(const struct kmem_cache *cache);

void *kmalloc(size_t size, gfp_t gfp);
void *kzalloc(size_t size, gfp_t gfp);
void *kcalloc(size_t n, size_t size, gfp_t gfp);
void *krealloc(void *p, size_t new_size, gfp_t gfp);
void kfree(const void *p);
size_t ksize(const void *p);

void kmem_cache_init(void);

#endif
