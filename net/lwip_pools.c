/*
 * lwip_pools.c - lwIP's fixed pools (memp: tcp_pcb, tcp_seg, pbuf ...)
 * as lines of /proc/slabinfo, after the kernel's own caches.
 *
 * A pool is a cache with a single slab that never grows: all of its
 * objects are reserved at boot (lwipopts.h sizes them), so a leak shows
 * as active_objs that do not come back, and exhaustion as active_objs
 * reaching num_objs.  lwIP keeps no count of what is in use unless built
 * with its statistics, so the free list is walked instead; a pool's
 * elements are only ever on that list or handed out.
 *
 * Context: process context; takes lwip_core_lock() (the pools change
 * only under it).
 */
#include "kernel/kernel.h"
#include "arch/x86_64/page.h"
#include "fs/seq_file.h"
#include "net/lwip/lwip_port.h"
#include "lwip/opt.h"
#include "lwip/memp.h"
#include "lwip/priv/memp_priv.h"

/* The pools' names, in memp_t order, from lwIP's own list. */
static const char *const pool_names[MEMP_MAX] = {
#define LWIP_MEMPOOL(name, num, size, desc)	#name,
#include "lwip/priv/memp_std.h"
};

static unsigned long memp_free_count(const struct memp_desc *desc)
{
	unsigned long n = 0;

	for (struct memp *m = *desc->tab; m; m = m->next)
		n++;
	return n;
}

void lwip_pools_slabinfo(struct seq_file *m)
{
	lwip_core_lock();
	for (int i = 0; i < MEMP_MAX; i++) {
		const struct memp_desc *desc = memp_pools[i];
		char name[32];
		int len = snprintf(name, sizeof(name), "lwip_%s", pool_names[i]);

		if (!desc->num)
			continue;
		for (int j = 0; j < len; j++)
			if (name[j] >= 'A' && name[j] <= 'Z')
				name[j] += 'a' - 'A';
		unsigned long pages = PFN_UP((unsigned long)desc->num *
					     desc->size);
		unsigned long used = desc->num - memp_free_count(desc);
		seq_printf(m, "%-17s %6lu %6u %6u %4u %4lu : tunables %4u %4u %4u"
			   " : slabdata %6u %6u %6u\n", name, used, desc->num,
			   desc->size, desc->num, pages, 0, 0, 0, 1, 1, 0);
	}
	lwip_core_unlock();
}
