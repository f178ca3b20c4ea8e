/*
 * inet.h - the IPv4 configuration of eth0 (ip= on the command line).
 */
#ifndef NET_INET_H
#define NET_INET_H

#include "kernel/types.h"

/* Addresses in network byte order, as lwIP's ip4_addr_t holds them. */
struct inet_config {
	u32 addr, mask, gw;
};
extern struct inet_config inet_config;

/* Parse "a.b.c.d" into network byte order; -EINVAL if malformed. */
int in4_pton(const char *s, const char **end, u32 *addr);
/* Parse "ADDR/PREFIX,GW" (or "ADDR/PREFIX" or "ADDR"), or Linux's
 * "ADDR:SERVER:GW:NETMASK[:...]", into cfg; -EINVAL changes nothing. */
int inet_parse_config(const char *s, struct inet_config *cfg);

#endif
