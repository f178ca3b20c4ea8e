/* page_alloc_test.c - the page reference count: a block lives until its
 * last reference is dropped, whichever way it is dropped. */
#include "kernel/selftest.h"
#include "kernel/mm.h"

SELFTEST(page_refcount)
{
	struct page *page = alloc_pages(GFP_KERNEL, 1);
	ST_ASSERT(page);
	unsigned long free = nr_free_pages();

	ST_ASSERT_EQ(page_count(page), 1);
	get_page(page);
	ST_ASSERT_EQ(page_count(page), 2);
	put_page(page);				/* still held: not freed */
	ST_ASSERT_EQ(nr_free_pages(), free);
	ST_ASSERT_EQ(page_count(page), 1);
	get_page(page);
	__free_pages(page, 1);			/* the allocator's way */
	ST_ASSERT_EQ(nr_free_pages(), free);
	put_page(page);				/* last one: 2 pages back */
	ST_ASSERT_EQ(nr_free_pages(), free + 2);
	return 0;
}
