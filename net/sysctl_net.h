/*
 * sysctl_net.h - the socket buffer sizes of /proc/sys/net (Linux's
 * net/core/sysctl_net_core.c and net/ipv4/sysctl_net_ipv4.c): what a
 * socket starts with and the most SO_SNDBUF/SO_RCVBUF may ask for.
 */
#ifndef NET_SYSCTL_NET_H
#define NET_SYSCTL_NET_H

#include "kernel/sysctl.h"

/* net.core: every socket's default and ceiling (bytes, as getsockopt
 * reports them: the doubled value's ceiling is twice these). */
extern int sysctl_wmem_max, sysctl_rmem_max;
extern int sysctl_wmem_default, sysctl_rmem_default;
/* net.ipv4.tcp_wmem and tcp_rmem: min, default, max of a TCP socket. */
extern int sysctl_tcp_wmem[3], sysctl_tcp_rmem[3];

extern const struct ctl_table net_core_wmem_max, net_core_rmem_max,
	net_core_wmem_default, net_core_rmem_default,
	ipv4_tcp_wmem, ipv4_tcp_rmem;

/* Linux's floors under SO_SNDBUF/SO_RCVBUF (net/sock.h's
 * TCP_SKB_MIN_TRUESIZE, twice it for sending). */
#define SOCK_MIN_SNDBUF	4608
#define SOCK_MIN_RCVBUF	2304

#endif
