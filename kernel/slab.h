/*
 * slab.h - the inside of a kmem_cache, shared by the allocator
 * (kernel/slab.c) and its debugging (kernel/slub_debug.c), as Linux's
 * mm/slab.h is by mm/slub.c.  Nothing outside those two files looks in.
 *
 * An object's slot in a slab is laid out as Linux's SLUB lays it out
 * (calculate_sizes); with no debugging it is the object alone, its first
 * word holding the free-list link while it is free:
 *
 *   slot                obj = slot + red_left_pad
 *   | left red zone     | object (object_size) | right red zone |
 *   |                   |<------------- inuse -------------->|
 *   | free pointer (at obj + offset) | alloc track | free track | pad |
 *
 * The red zones (SLAB_RED_ZONE) are bytes that must keep their value:
 * SLUB_RED_ACTIVE while the object is allocated, SLUB_RED_INACTIVE while
 * it is free, so a write past either end is seen when the object is
 * freed.  A free object is filled with POISON_FREE (SLAB_POISON), its
 * last byte POISON_END, so a write after free is seen when the object
 * is handed out again; the free pointer then lives outside the object,
 * where such a write cannot corrupt the free list.  The tracks
 * (SLAB_STORE_USER) record who allocated and who freed the object, with
 * their call traces, for the reports.
 */
#ifndef KERNEL_SLAB_H
#define KERNEL_SLAB_H

#include "kernel/kernel.h"
#include "kernel/list.h"
#include "kernel/spinlock.h"

/* Debugging that makes a cache's layout as above (Linux's SLAB_DEBUG_FLAGS). */
#define SLAB_DEBUG_FLAGS	(SLAB_CONSISTENCY_CHECKS | SLAB_RED_ZONE | \
				 SLAB_POISON | SLAB_STORE_USER)

/* Linux's include/linux/poison.h */
#define POISON_FREE		0x6b	/* a free object's bytes */
#define POISON_END		0xa5	/* ... and its last byte */
#define SLUB_RED_INACTIVE	0xbb	/* red zones of a free object */
#define SLUB_RED_ACTIVE		0xcc	/* red zones of an allocated one */

#define TRACK_ADDRS_COUNT	8

/* Who last allocated or freed an object (Linux's struct track). */
struct track {
	unsigned long addrs[TRACK_ADDRS_COUNT];	/* the call trace, innermost first */
	int pid;
	unsigned long when;			/* jiffies */
};

enum track_item { TRACK_ALLOC, TRACK_FREE };

struct kmem_cache {
	const char *name;
	size_t object_size;		/* what the user asked for */
	size_t size;			/* the slot's stride: layout above */
	unsigned int inuse;		/* object and right red zone */
	unsigned int offset;		/* of the free pointer, from obj */
	unsigned int red_left_pad;	/* left red zone: obj - slot */
	unsigned long flags;		/* SLAB_* of the debugging it does */
	unsigned order;			/* each slab is 2^order pages */
	unsigned objects;		/* objects per slab */
	void (*ctor)(void *);		/* run on each object of a new slab */
	spinlock_t lock;		/* protects partial and the counters */
	struct list_head partial;	/* slabs with at least one free object */
	unsigned long active;		/* objects handed out */
	unsigned long nr_slabs;
	struct list_head list;		/* on slab_caches */
};

static inline void *get_freepointer(const struct kmem_cache *c, void *obj)
{
	return *(void **)((char *)obj + c->offset);
}

static inline void set_freepointer(const struct kmem_cache *c, void *obj,
				   void *fp)
{
	*(void **)((char *)obj + c->offset) = fp;
}

/* --- kernel/slub_debug.c; every function with the cache's lock held --- */
struct page;

/* The flags slub_debug= gives the cache called name (0: none). */
unsigned long kmem_cache_flags(const char *name, unsigned long flags);
/* A new slab's object: red zones inactive, poisoned. */
void init_object(struct kmem_cache *c, void *obj, u8 val);
/* An object about to be handed out: check it was left alone while free,
 * record the allocation.  false: the free list is broken at obj. */
bool alloc_debug_processing(struct kmem_cache *c, struct page *page,
			    void *obj, unsigned long bp);
/* An object about to be freed: a valid pointer, not free already, red
 * zones intact; record the free and poison it.  false: do not free it. */
bool free_debug_processing(struct kmem_cache *c, struct page *page,
			   void *obj, unsigned long bp);
/* --- kernel/slab.c, for the walks of slub_debug.c --- */
/* fn for each slab with an object in use, under its cache's lock. */
void for_each_slab_in_use(void (*fn)(struct kmem_cache *c, struct page *page,
				     void *arg), void *arg);
/* fn for each cache, with the list of caches held. */
void for_each_kmem_cache(void (*fn)(struct kmem_cache *c, void *arg), void *arg);

/* Reports made since boot (the self-tests count them). */
extern unsigned long slub_debug_reports;

#endif
