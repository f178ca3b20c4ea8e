/*
 * meminfo.c - /proc/meminfo (Linux's fs/proc/meminfo.c): the page
 * allocator's and the slab's figures, in Linux's layout, so that free
 * and top read them.
 *
 * Context: process context; the counters are read without locks (each
 * is one word).
 */
#include "kernel/kernel.h"
#include "kernel/mm.h"
#include "fs/proc/internal.h"

size_t proc_meminfo_show(char *buf, size_t size)
{
	unsigned long kb = PAGE_SIZE / 1024;
	unsigned long total = totalram_pages() * kb;
	unsigned long free = nr_free_pages() * kb;
	unsigned long slab = slab_pages() * kb;

	/* Nothing here is reclaimable, so what is available is what is
	 * free.  Slab counts whole slabs, their free objects included
	 * (kmalloc's larger blocks are pages of their own, not Slab). */
	return snprintf(buf, size,
			"MemTotal:       %8lu kB\n"
			"MemFree:        %8lu kB\n"
			"MemAvailable:   %8lu kB\n"
			"Slab:           %8lu kB\n", total, free, free, slab);
}
