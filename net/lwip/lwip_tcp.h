/*
 * lwip_tcp.h - lwIP's TCP API for our code.  lwIP's tcp_poll (its
 * periodic poll callback, which we do not use) is compiled as
 * lwip_tcp_poll (see the Makefile), so that tcp_poll can be Linux's
 * name for the stream socket's poll method (net/tcp.c).
 */
#ifndef NET_LWIP_TCP_H
#define NET_LWIP_TCP_H

#include "lwip/opt.h"
#define tcp_poll lwip_tcp_poll
#include "lwip/tcp.h"
#undef tcp_poll
#include "lwip/priv/tcp_priv.h"

#endif
