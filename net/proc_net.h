/*
 * proc_net.h - the text of /proc/net/tcp and /proc/net/udp (net/proc_net.c),
 * for fs/proc.c.
 */
#ifndef NET_PROC_NET_H
#define NET_PROC_NET_H

#include "fs/seq_file.h"

/* The whole file into m, whole lines only.  Process context; takes
 * lwip_core_lock() itself. */
void tcp4_proc_show(struct seq_file *m);
void udp4_proc_show(struct seq_file *m);
/* lwIP's pools as /proc/slabinfo lines (net/lwip_pools.c).  Process
 * context; takes lwip_core_lock() itself. */
void lwip_pools_slabinfo(struct seq_file *m);

#endif
