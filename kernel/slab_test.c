/* slab_test.c - object caches and kmalloc. */
#include "kernel/selftest.h"
#include "kernel/mm.h"

struct thing {
	u64 id;
	char pad[40];
	u32 magic;
};

static unsigned long ctor_calls;

static void thing_ctor(void *p)
{
	((struct thing *)p)->magic = 0x5eedf00d;
	ctor_calls++;
}

#define NTHINGS 1000

SELFTEST(kmem_cache_objects)
{
	/* Caches keep one slab in reserve, so first let the cache of caches
	 * get its slab; after that, create + destroy must leave no trace. */
	kmem_cache_destroy(kmem_cache_create("warm_up", 8, 0, 0, NULL));
	unsigned long before = nr_free_pages(), slab_before = slab_pages();
	struct kmem_cache *c = kmem_cache_create("test_thing", sizeof(struct thing),
						 16, 0, thing_ctor);
	static struct thing *things[NTHINGS];

	ST_ASSERT(c);
	for (int i = 0; i < NTHINGS; i++) {
		things[i] = kmem_cache_alloc(c, GFP_KERNEL);
		ST_ASSERT(things[i]);
		ST_ASSERT_EQ((unsigned long)things[i] & 15, 0);
		ST_ASSERT_EQ(things[i]->magic, 0x5eedf00d);
		things[i]->id = i;
	}
	ST_ASSERT_EQ(kmem_cache_active(c), NTHINGS);
	ST_ASSERT(ctor_calls >= NTHINGS);
	/* Every page the cache took is a slab page (/proc/meminfo's Slab). */
	ST_ASSERT_EQ(slab_before + (before - nr_free_pages()), slab_pages());
	/* Distinct objects: every id survived every later allocation. */
	for (int i = 0; i < NTHINGS; i++)
		ST_ASSERT_EQ(things[i]->id, i);
	for (int i = 0; i < NTHINGS; i += 2)
		kmem_cache_free(c, things[i]);
	ST_ASSERT_EQ(kmem_cache_active(c), NTHINGS / 2);
	/* Freed slots are reused before new slabs are taken. */
	unsigned long mid = nr_free_pages();
	for (int i = 0; i < NTHINGS; i += 2)
		things[i] = kmem_cache_alloc(c, GFP_KERNEL);
	ST_ASSERT_EQ(nr_free_pages(), mid);
	for (int i = 0; i < NTHINGS; i++)
		kmem_cache_free(c, things[i]);
	ST_ASSERT_EQ(kmem_cache_active(c), 0);
	kmem_cache_destroy(c);
	ST_ASSERT_EQ(nr_free_pages(), before);
	ST_ASSERT_EQ(slab_pages(), slab_before);
	return 0;
}

static const size_t sizes[] = { 1, 7, 8, 9, 64, 100, 1000, 4096,
				4097, 20000, 100000 };

static int kmalloc_round(void)
{
	void *p[ARRAY_SIZE(sizes)];

	for (unsigned i = 0; i < ARRAY_SIZE(sizes); i++) {
		p[i] = kmalloc(sizes[i], GFP_KERNEL);
		ST_ASSERT(p[i]);
		ST_ASSERT(ksize(p[i]) >= sizes[i]);
		memset(p[i], 0xa5, sizes[i]);
	}
	for (unsigned i = 0; i < ARRAY_SIZE(sizes); i++)
		kfree(p[i]);
	return 0;
}

SELFTEST(kmalloc_sizes)
{
	/* The first round may leave each kmalloc cache its reserve slab;
	 * from then on, every round must give back all it took. */
	ST_ASSERT(kmalloc_round() == 0);
	unsigned long before = nr_free_pages();
	ST_ASSERT(kmalloc_round() == 0);
	ST_ASSERT_EQ(nr_free_pages(), before);

	char *z = kzalloc(300, GFP_KERNEL);
	ST_ASSERT(z);
	for (int i = 0; i < 300; i++)
		ST_ASSERT_EQ(z[i], 0);
	memcpy(z, "wake-up chain", 14);
	z = krealloc(z, 9000, GFP_KERNEL);
	ST_ASSERT(z && !strcmp(z, "wake-up chain"));
	kfree(z);
	ST_ASSERT(kcalloc((size_t)-1 / 2, 4, GFP_KERNEL) == NULL);
	ST_ASSERT(kmalloc(0, GFP_KERNEL) == NULL);
	kfree(NULL);
	return 0;
}
