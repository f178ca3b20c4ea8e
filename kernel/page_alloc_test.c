/* page_alloc_test.c - the buddy allocator splits, merges and accounts. */
#include "kernel/selftest.h"
#include "kernel/mm.h"

SELFTEST(buddy_alignment_and_accounting)
{
	unsigned long before = nr_free_pages();
	unsigned long blocks[MAX_ORDER];

	for (unsigned o = 0; o < MAX_ORDER; o++) {
		blocks[o] = __get_free_pages(GFP_KERNEL, o);
		ST_ASSERT(blocks[o]);
		/* A block of 2^o pages is aligned to its own size. */
		ST_ASSERT_EQ(virt_to_phys((void *)blocks[o]) & ((PAGE_SIZE << o) - 1), 0);
		memset((void *)blocks[o], o, PAGE_SIZE << o);
	}
	ST_ASSERT_EQ(nr_free_pages(), before - ((1UL << MAX_ORDER) - 1));
	/* No two blocks overlap: each still holds its own pattern. */
	for (unsigned o = 0; o < MAX_ORDER; o++) {
		unsigned char *p = (unsigned char *)blocks[o];
		ST_ASSERT(p[0] == o && p[(PAGE_SIZE << o) - 1] == o);
	}
	for (unsigned o = 0; o < MAX_ORDER; o++)
		free_pages(blocks[o], o);
	ST_ASSERT_EQ(nr_free_pages(), before);
	ST_ASSERT(alloc_pages(GFP_KERNEL, MAX_ORDER) == NULL);
	return 0;
}

SELFTEST(buddy_merges_back)
{
	/* Split an order-3 block into pages, free them in a scrambled order,
	 * and the buddies must merge into a block of order 3 again. */
	struct page *big = alloc_pages(GFP_KERNEL, 3);
	ST_ASSERT(big);
	unsigned long pfn = page_to_pfn(big);
	__free_pages(big, 3);

	struct page *pages[8];
	for (int i = 0; i < 8; i++) {
		pages[i] = alloc_pages(GFP_KERNEL, 0);
		ST_ASSERT(pages[i]);
	}
	static const int order[8] = { 5, 2, 7, 0, 3, 6, 1, 4 };
	for (int i = 0; i < 8; i++)
		__free_pages(pages[order[i]], 0);
	struct page *again = alloc_pages(GFP_KERNEL, 3);
	ST_ASSERT(again);
	ST_ASSERT_EQ(page_to_pfn(again), pfn);
	__free_pages(again, 3);
	return 0;
}

SELFTEST(buddy_exhaust_and_refill)
{
	/* Take every free page one at a time, chained through the pages
	 * themselves, then give them all back. */
	unsigned long before = nr_free_pages(), count = 0;
	void *chain = NULL;

	for (;;) {
		void **p = (void **)__get_free_page(GFP_KERNEL);
		if (!p)
			break;
		*p = chain;
		chain = p;
		count++;
	}
	ST_ASSERT_EQ(count, before);
	ST_ASSERT_EQ(nr_free_pages(), 0);
	while (chain) {
		void *next = *(void **)chain;
		free_page((unsigned long)chain);
		chain = next;
	}
	ST_ASSERT_EQ(nr_free_pages(), before);
	/* Everything merged back: a maximal block is available again. */
	unsigned long big = __get_free_pages(GFP_KERNEL, MAX_ORDER - 1);
	ST_ASSERT(big);
	free_pages(big, MAX_ORDER - 1);
	return 0;
}

/* The page reference count: a block lives until its last reference is
 * dropped, whichever way it is dropped. */
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
