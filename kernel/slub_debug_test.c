/* slub_debug_test.c - the debugging finds what it is for: a write one
 * byte past an object and one before it, a write after free, a double
 * free and a pointer into the middle of an object, each reported once
 * (the reports, "BUG slub_debug_test ...", are in the log), and the
 * cache whole afterwards. */
#include "kernel/selftest.h"
#include "kernel/mm.h"
#include "kernel/slab.h"

#define OBJ_SIZE	40

SELFTEST(slub_debug_catches)
{
	struct kmem_cache *c = kmem_cache_create("slub_debug_test", OBJ_SIZE, 0,
						 SLAB_DEBUG_FLAGS, NULL);
	unsigned long n = slub_debug_reports;

	ST_ASSERT(c);
	u8 *a = kmem_cache_alloc(c, GFP_KERNEL);
	ST_ASSERT(a);
	ST_ASSERT_EQ(a[0], POISON_FREE);	/* never zeroed: shows */
	ST_ASSERT_EQ(a[OBJ_SIZE - 1], POISON_END);
	memset(a, 0, OBJ_SIZE);			/* in bounds: fine */
	kmem_cache_free(c, a);
	ST_ASSERT_EQ(slub_debug_reports, n);

	a = kmem_cache_alloc(c, GFP_KERNEL);
	a[OBJ_SIZE] = 'x';			/* one past the end */
	kmem_cache_free(c, a);
	ST_ASSERT_EQ(slub_debug_reports, n + 1);

	a[5] = 'y';				/* after the free */
	u8 *b = kmem_cache_alloc(c, GFP_KERNEL);
	ST_ASSERT(b == a);			/* the last freed comes first */
	ST_ASSERT_EQ(slub_debug_reports, n + 2);
	ST_ASSERT_EQ(b[5], POISON_FREE);	/* restored */

	kmem_cache_free(c, b);
	kmem_cache_free(c, b);			/* again */
	ST_ASSERT_EQ(slub_debug_reports, n + 3);
	ST_ASSERT_EQ(kmem_cache_active(c), 0);

	u8 *d = kmem_cache_alloc(c, GFP_KERNEL);
	kmem_cache_free(c, d + 8);		/* not an object's start */
	ST_ASSERT_EQ(slub_debug_reports, n + 4);
	ST_ASSERT_EQ(kmem_cache_active(c), 1);
	d[-1] = 0;				/* one before the start */
	kmem_cache_free(c, d);
	ST_ASSERT_EQ(slub_debug_reports, n + 5);
	ST_ASSERT_EQ(kmem_cache_active(c), 0);

	/* Repaired: the objects go round again without a report. */
	for (int i = 0; i < 3; i++)
		kmem_cache_free(c, kmem_cache_alloc(c, GFP_KERNEL));
	ST_ASSERT_EQ(slub_debug_reports, n + 5);
	kmem_cache_destroy(c);
	return 0;
}
