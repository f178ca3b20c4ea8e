/*
 * proc_net.h - the text of /proc/net/tcp, udp, tcp6, udp6 and if_inet6
 * (net/proc_net.c), for fs/proc/.
 */
#ifndef NET_PROC_NET_H
#define NET_PROC_NET_H

#include "fs/seq_file.h"

/* The whole file into m, whole lines only.  Process context; takes
 * lwip_core_lock() itself. */
void tcp4_proc_show(struct seq_file *m);
void udp4_proc_show(struct seq_file *m);
/* /proc/net/tcp6 and udp6: the AF_INET6 sockets, IPv6's layout. */
void tcp6_proc_show(struct seq_file *m);
void udp6_proc_show(struct seq_file *m);
/* /proc/net/if_inet6: each interface's IPv6 addresses. */
void if_inet6_proc_show(struct seq_file *m);
/* /proc/net/snmp (net/proc_net_snmp.c); takes lwip_core_lock() itself. */
void snmp_proc_show(struct seq_file *m);
/* UDP datagrams our socket layer dropped (net/udp.c), for it. */
extern unsigned long udp_rcvbuf_errors, udp_mem_errors;
/* lwIP's pools as /proc/slabinfo lines (net/lwip_pools.c).  Process
 * context; takes lwip_core_lock() itself. */
void lwip_pools_slabinfo(struct seq_file *m);

#endif
