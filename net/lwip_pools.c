/*
 * lwip_pools.c - lwIP's pools (memp: tcp_pcb, udp_pcb, tcp_seg, pbuf
 * ...) as lines of /proc/slabinfo, after the kernel's own caches.
 *
 * The pools grow from kmalloc (MEMP_MEM_MALLOC, lwipopts.h): every
 * element is an allocation of its own, in the kmalloc cache of its
 * size, and is freed when lwIP lets go of it.  A pool's line counts its
 * elements in use (lwIP's MEMP_STATS "used"; active_objs and num_objs
 * are the same, as nothing is kept in reserve), so a leak shows as a
 * count that does not come back; the memory itself is in the kmalloc
 * lines.
 *
 * Context: process context; takes lwip_core_lock() (the counts change
 * only under it).
 */
#include "kernel/kernel.h"
#include "arch/x86_64/page.h"
#include "fs/seq_file.h"
#include "net/lwip/lwip_port.h"
#include "lwip/opt.h"
#include "lwip/memp.h"
#include "lwip/stats.h"
#include "lwip/priv/memp_priv.h"

/* The pools' names, in memp_t order, from lwIP's own list. */
static const char *const pool_names[MEMP_MAX] = {
#define LWIP_MEMPOOL(name, num, size, desc)	#name,
#include "lwip/priv/memp_std.h"
};

void lwip_pools_slabinfo(struct seq_file *m)
{
	lwip_core_lock();
	for (int i = 0; i < MEMP_MAX; i++) {
		const struct memp_desc *desc = memp_pools[i];
		char name[32];
		int len = snprintf(name, sizeof(name), "lwip_%s", pool_names[i]);

		for (int j = 0; j < len; j++)
			if (name[j] >= 'A' && name[j] <= 'Z')
				name[j] += 'a' - 'A';
		/* As if the elements were packed into pages: the slabs
		 * are the pages they would fill, all in use. */
		unsigned long used = desc->stats->used;
		unsigned long pages = PFN_UP(used * desc->size);
		unsigned perslab = desc->size < PAGE_SIZE ? PAGE_SIZE / desc->size : 1;
		seq_printf(m, "%-17s %6lu %6lu %6u %4u %4u : tunables %4u %4u %4u"
			   " : slabdata %6lu %6lu %6u\n", name, used, used,
			   desc->size, perslab, 1, 0, 0, 0, pages, pages, 0);
	}
	lwip_core_unlock();
}
