/*
 * slab.c - object caches (kmem_cache_*) and kmalloc on top of them.
 *
 * A cache hands out objects of one size.  It gets memory from the page
 * allocator a "slab" at a time (one or a few pages), cuts the slab into
 * objects and threads the free ones on a list that lives inside the free
 * objects themselves (the first word of a free object points at the next).
 * struct page of the slab's first page remembers the cache, the free list
 * and how many objects are in use, so freeing needs only the pointer:
 * virt_to_page(obj)->head leads back to everything (the SLUB idea).
 *
 * Slabs with free objects are on cache->partial; full slabs are on no list
 * (nothing needs to find them until an object in them is freed); an empty
 * slab goes back to the page allocator unless it is the cache's last one.
 *
 * kmalloc picks the smallest of a few general caches (kmalloc-8 ...
 * kmalloc-4096); larger requests go straight to the page allocator.
 *
 * With debugging (the boot option slub_debug, kernel/slub_debug.c) each
 * object gets red zones, poison while free and a record of who
 * allocated and freed it; kernel/slab.h shows the layout.
 *
 * Context: any.  A cache's lock is taken with interrupts off, so objects
 * can be allocated and freed in interrupt handlers.
 */
#include "kernel/kernel.h"
#include "kernel/mm.h"
#include "kernel/preempt.h"
#include "kernel/sched.h"
#include "kernel/spinlock.h"
#include "kernel/slab.h"
#include "fs/seq_file.h"

/* LOCKING: slab_caches_lock guards the list of caches (creation and
 * destruction, and the readers that walk it: /proc/meminfo, slabinfo,
 * the OOM report), against every CPU; irqsave, as the OOM path may
 * come with interrupts off.  Each cache's own counters are c->lock's. */
static LIST_HEAD(slab_caches);
static DEFINE_SPINLOCK(slab_caches_lock);
static struct kmem_cache cache_cache;	/* the cache of struct kmem_cache */

/* Slabs of at least this many objects, or the page order that allows
 * it, so small caches waste little and big ones are not all slack. */
#define MIN_OBJECTS	8
#define MAX_SLAB_ORDER	3

/*
 * Where everything goes in an object's slot (Linux's calculate_sizes;
 * kernel/slab.h draws it).  Without debugging the slot is the object,
 * rounded up to its alignment, with the free pointer in its first word.
 */
static void calculate_sizes(struct kmem_cache *c, size_t align)
{
	size_t size = ALIGN_UP(c->object_size, sizeof(void *));

	/* A right red zone even when the size is already aligned. */
	if ((c->flags & SLAB_RED_ZONE) && size == c->object_size)
		size += sizeof(void *);
	c->inuse = size;
	c->offset = 0;
	c->red_left_pad = 0;
	if (c->flags & SLAB_DEBUG_FLAGS) {
		c->offset = size;		/* the link outside the object */
		size += sizeof(void *);
	}
	if (c->flags & SLAB_STORE_USER)
		size += 2 * sizeof(struct track);
	if (c->flags & SLAB_RED_ZONE) {
		c->red_left_pad = ALIGN_UP(2 * sizeof(void *), align);
		size += c->red_left_pad;
	}
	c->size = ALIGN_UP(MAX(size, sizeof(void *)), align);
}

static void init_cache(struct kmem_cache *c, const char *name, size_t size,
		       size_t align, unsigned long flags, void (*ctor)(void *))
{
	if (align < sizeof(void *))
		align = sizeof(void *);
	c->name = name;
	c->object_size = size;
	c->ctor = ctor;
	c->flags = kmem_cache_flags(name, flags);
	calculate_sizes(c, align);
	c->order = 0;
	while (c->order < MAX_SLAB_ORDER &&
	       (PAGE_SIZE << c->order) / c->size < MIN_OBJECTS)
		c->order++;
	c->objects = (PAGE_SIZE << c->order) / c->size;
	spin_lock_init(&c->lock);
	INIT_LIST_HEAD(&c->partial);
	c->active = c->nr_slabs = 0;
	unsigned long irqflags;
	spin_lock_irqsave(&slab_caches_lock, irqflags);
	list_add_tail(&c->list, &slab_caches);
	spin_unlock_irqrestore(&slab_caches_lock, irqflags);
}

/* A new slab with every object on its free list.  Called without the
 * cache lock (the page allocator has its own). */
static struct page *new_slab(struct kmem_cache *c, gfp_t gfp)
{
	struct page *page = alloc_pages(gfp & ~__GFP_ZERO, c->order);

	if (!page)
		return NULL;
	for (unsigned i = 0; i < (1U << c->order); i++) {
		page[i].flags |= PG_slab;
		page[i].head = page;
	}
	page->slab_cache = c;
	page->inuse = 0;
	char *base = page_address(page);
	void *free = NULL;
	for (unsigned i = c->objects; i-- > 0;) {	/* lowest address first */
		void *obj = base + i * c->size + c->red_left_pad;
		if (c->flags & SLAB_DEBUG_FLAGS)
			init_object(c, obj, SLUB_RED_INACTIVE);
		if (c->ctor)
			c->ctor(obj);
		set_freepointer(c, obj, free);
		free = obj;
	}
	page->freelist = free;
	return page;
}

static void discard_slab(struct kmem_cache *c, struct page *page)
{
	for (unsigned i = 0; i < (1U << c->order); i++) {
		page[i].flags &= ~PG_slab;
		page[i].head = NULL;
	}
	page->slab_cache = NULL;
	__free_pages(page, c->order);
}

void *kmem_cache_alloc(struct kmem_cache *c, gfp_t gfp)
{
	unsigned long flags, bp = (unsigned long)__builtin_frame_address(0);
	void *obj;

	spin_lock_irqsave(&c->lock, flags);
	for (;;) {
		if (list_empty(&c->partial)) {
			spin_unlock_irqrestore(&c->lock, flags);
			struct page *fresh = new_slab(c, gfp);
			if (!fresh)
				return NULL;
			spin_lock_irqsave(&c->lock, flags);
			list_add(&fresh->lru, &c->partial);
			c->nr_slabs++;
		}
		struct page *page = list_first_entry(&c->partial, struct page, lru);
		obj = page->freelist;
		if ((c->flags & SLAB_DEBUG_FLAGS) &&
		    !alloc_debug_processing(c, page, obj, bp)) {
			/* A broken free list: the rest of this slab is lost
			 * (counted as in use, so it is never freed). */
			page->freelist = NULL;
			page->inuse = c->objects;
			list_del(&page->lru);
			continue;
		}
		page->freelist = get_freepointer(c, obj);
		page->inuse++;
		c->active++;
		if (!page->freelist)
			list_del(&page->lru);		/* now full */
		break;
	}
	spin_unlock_irqrestore(&c->lock, flags);

	if (gfp & __GFP_ZERO)
		memset(obj, 0, c->object_size);
	return obj;
}

void *kmem_cache_zalloc(struct kmem_cache *c, gfp_t gfp)
{
	return kmem_cache_alloc(c, gfp | __GFP_ZERO);
}

void kmem_cache_free(struct kmem_cache *c, void *obj)
{
	unsigned long flags, bp = (unsigned long)__builtin_frame_address(0);

	if (!obj)
		return;
	struct page *page = virt_to_page(obj)->head;
	BUG_ON(!page || page->slab_cache != c);
	spin_lock_irqsave(&c->lock, flags);
	if ((c->flags & SLAB_DEBUG_FLAGS) &&
	    !free_debug_processing(c, page, obj, bp)) {
		spin_unlock_irqrestore(&c->lock, flags);
		return;
	}
	bool was_full = page->freelist == NULL;
	set_freepointer(c, obj, page->freelist);
	page->freelist = obj;
	page->inuse--;
	c->active--;
	if (was_full)
		list_add(&page->lru, &c->partial);
	/* Keep one slab in reserve so alloc/free pairs do not thrash. */
	bool discard = page->inuse == 0 && c->partial.next != c->partial.prev;
	if (discard) {
		list_del(&page->lru);
		c->nr_slabs--;
	}
	spin_unlock_irqrestore(&c->lock, flags);
	if (discard)
		discard_slab(c, page);
}

unsigned long kmem_cache_active(const struct kmem_cache *c)
{
	return READ_ONCE(c->active);
}

/* Pages held by every cache's slabs, their free objects included:
 * /proc/meminfo's Slab.  Each count is read without its cache's lock,
 * a snapshot. */
unsigned long slab_pages(void)
{
	struct kmem_cache *c;
	unsigned long pages = 0, flags;

	spin_lock_irqsave(&slab_caches_lock, flags);
	list_for_each_entry(c, &slab_caches, list)
		pages += READ_ONCE(c->nr_slabs) << c->order;
	spin_unlock_irqrestore(&slab_caches_lock, flags);
	return pages;
}

/*
 * /proc/slabinfo, in the layout of Linux's slab_show (version 2.1): one
 * line per cache, active and total objects, the object stride, objects
 * and pages per slab, then the SLAB allocator's tunables (always 0 under
 * SLUB, and here) and the slab counts.  Every slab holds an object in
 * use but the cache's one spare (kmem_cache_free keeps it as the sole
 * partial slab), so active_slabs is num_slabs less that spare.  Process
 * context; each cache's counters are read together under its lock.
 */
void slab_show(struct seq_file *m)
{
	struct kmem_cache *c;

	seq_puts(m, "slabinfo - version: 2.1\n"
		 "# name            <active_objs> <num_objs> <objsize> "
		 "<objperslab> <pagesperslab> : tunables <limit> <batchcount> "
		 "<sharedfactor> : slabdata <active_slabs> <num_slabs> "
		 "<sharedavail>\n");
	unsigned long list_flags;
	spin_lock_irqsave(&slab_caches_lock, list_flags);
	list_for_each_entry(c, &slab_caches, list) {
		unsigned long flags, active, slabs, empty = 0;

		spin_lock_irqsave(&c->lock, flags);
		active = c->active;
		slabs = c->nr_slabs;
		/* An empty slab is kept only as the sole partial one. */
		if (!list_empty(&c->partial) &&
		    list_first_entry(&c->partial, struct page, lru)->inuse == 0)
			empty = 1;
		spin_unlock_irqrestore(&c->lock, flags);
		seq_printf(m, "%-17s %6lu %6lu %6zu %4u %4u : tunables %4u %4u %4u"
			   " : slabdata %6lu %6lu %6u\n", c->name, active,
			   slabs * c->objects, c->size, c->objects, 1U << c->order,
			   0, 0, 0, slabs - empty, slabs, 0);
	}
	spin_unlock_irqrestore(&slab_caches_lock, list_flags);
}

/*
 * fn(c, page, arg) for every slab that has an object in use, called with
 * its cache's lock held and interrupts off (fn must not sleep).  Full
 * slabs are on no list, so this walks mem_map for the first pages of
 * slabs, as Linux's slabinfo tools would without the full lists that
 * its SLAB_STORE_USER keeps.  A slab with no object in use is passed
 * over: only such a slab can be in the middle of being made or
 * discarded, outside its cache's lock.  Process context: it yields
 * every 1024 pages and holds the locks for one slab at a time.
 */
void for_each_slab_in_use(void (*fn)(struct kmem_cache *c, struct page *page,
				     void *arg), void *arg)
{
	for (unsigned long pfn = 0; pfn < max_pfn; pfn++) {
		struct page *page = pfn_to_page(pfn);
		struct kmem_cache *c, *k;
		unsigned long flags;

		if (!(pfn & 1023))
			cond_resched();
		if (!(READ_ONCE(page->flags) & PG_slab) ||
		    READ_ONCE(page->head) != page)
			continue;
		c = READ_ONCE(page->slab_cache);
		if (!c)
			continue;
		/* c is a cache only while it is on the list: held, so it is
		 * not destroyed under us. */
		spin_lock_irqsave(&slab_caches_lock, flags);
		list_for_each_entry(k, &slab_caches, list) {
			if (k != c)
				continue;
			spin_lock(&c->lock);
			if ((page->flags & PG_slab) && page->head == page &&
			    page->slab_cache == c && page->inuse)
				fn(c, page, arg);
			spin_unlock(&c->lock);
			break;
		}
		spin_unlock_irqrestore(&slab_caches_lock, flags);
	}
}

/* fn(c, arg) for each cache, in the order they were made, with the list
 * of caches held (fn must not sleep nor take slab_caches_lock). */
void for_each_kmem_cache(void (*fn)(struct kmem_cache *c, void *arg), void *arg)
{
	struct kmem_cache *c;
	unsigned long flags;

	spin_lock_irqsave(&slab_caches_lock, flags);
	list_for_each_entry(c, &slab_caches, list)
		fn(c, arg);
	spin_unlock_irqrestore(&slab_caches_lock, flags);
}

struct kmem_cache *kmem_cache_create(const char *name, size_t size,
				     size_t align, unsigned long flags,
				     void (*ctor)(void *))
{
	if (!size || size > (PAGE_SIZE << MAX_SLAB_ORDER))
		return NULL;
	struct kmem_cache *c = kmem_cache_alloc(&cache_cache, GFP_KERNEL);
	if (c)
		init_cache(c, name, size, align, flags, ctor);
	return c;
}

void kmem_cache_destroy(struct kmem_cache *c)
{
	if (!c)
		return;
	if (c->active)
		panic("kmem_cache_destroy %s: %lu objects still in use",
		      c->name, c->active);
	while (!list_empty(&c->partial)) {
		struct page *page = list_first_entry(&c->partial, struct page, lru);
		list_del(&page->lru);
		discard_slab(c, page);
	}
	unsigned long flags;
	spin_lock_irqsave(&slab_caches_lock, flags);
	list_del(&c->list);
	spin_unlock_irqrestore(&slab_caches_lock, flags);
	kmem_cache_free(&cache_cache, c);
}

/* --- kmalloc --- */

static const size_t kmalloc_sizes[] = {
	8, 16, 32, 64, 96, 128, 192, 256, 512, 1024, 2048, 4096,
};
static const char *const kmalloc_names[] = {
	"kmalloc-8", "kmalloc-16", "kmalloc-32", "kmalloc-64", "kmalloc-96",
	"kmalloc-128", "kmalloc-192", "kmalloc-256", "kmalloc-512",
	"kmalloc-1k", "kmalloc-2k", "kmalloc-4k",
};
static struct kmem_cache kmalloc_caches[ARRAY_SIZE(kmalloc_sizes)];
#define KMALLOC_MAX_CACHE_SIZE 4096

void kmem_cache_init(void)
{
	init_cache(&cache_cache, "kmem_cache", sizeof(struct kmem_cache), 0,
		   0, NULL);
	for (unsigned i = 0; i < ARRAY_SIZE(kmalloc_sizes); i++)
		init_cache(&kmalloc_caches[i], kmalloc_names[i],
			   kmalloc_sizes[i], 0, 0, NULL);
}

static unsigned order_for(size_t size)
{
	unsigned order = 0;

	while ((PAGE_SIZE << order) < size)
		order++;
	return order;
}

void *kmalloc(size_t size, gfp_t gfp)
{
	if (!size)
		return NULL;
	if (size > KMALLOC_MAX_CACHE_SIZE) {
		/* Big: whole pages; PG_head and page->order say how many. */
		struct page *page = alloc_pages(gfp, order_for(size));
		return page ? page_address(page) : NULL;
	}
	unsigned i = 0;
	while (kmalloc_sizes[i] < size)
		i++;
	return kmem_cache_alloc(&kmalloc_caches[i], gfp);
}

void *kzalloc(size_t size, gfp_t gfp)
{
	return kmalloc(size, gfp | __GFP_ZERO);
}

void *kcalloc(size_t n, size_t size, gfp_t gfp)
{
	if (size && n > (size_t)-1 / size)
		return NULL;
	return kzalloc(n * size, gfp);
}

size_t ksize(const void *p)
{
	struct page *page = virt_to_page(p);

	if (page->flags & PG_slab)
		return page->head->slab_cache->object_size;
	return PAGE_SIZE << page->order;
}

void kfree(const void *p)
{
	if (!p)
		return;
	struct page *page = virt_to_page(p);
	if (page->flags & PG_slab)
		kmem_cache_free(page->head->slab_cache, (void *)p);
	else if (page->flags & PG_head)
		__free_pages(page, page->order);
	else
		panic("kfree of %p, which kmalloc did not return", p);
}

void *krealloc(void *p, size_t new_size, gfp_t gfp)
{
	if (!p)
		return kmalloc(new_size, gfp);
	if (!new_size) {
		kfree(p);
		return NULL;
	}
	size_t old = ksize(p);
	if (new_size <= old)
		return p;
	void *n = kmalloc(new_size, gfp);
	if (n) {
		memcpy(n, p, old);
		kfree(p);
	}
	return n;
}
