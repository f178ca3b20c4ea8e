/*
 * lwip_port.h - our side of the seam with lwIP, for the rest of the
 * kernel: the one lock around the stack, bring-up, and the netif driver.
 *
 * LOCKING: every call into lwIP, and every callback lwIP makes (receive,
 * sent, error, accept...), happens with lwip_core_lock() held.  The lock
 * is a mutex, as lwIP's own core lock is with an OS (LOCK_TCPIP_CORE, a
 * sys_mutex): no interrupt handler calls lwIP (the e1000 handler only
 * schedules the network thread), so only tasks must be kept out, and a
 * task that finds the stack busy sleeps instead of spinning.  Process
 * context only (might_sleep), never under a spinlock; the holder may be
 * preempted.  lwIP callbacks still only wake wait queues and take
 * spinlocks of their own: they do not wait for anything.
 */
#ifndef NET_LWIP_PORT_H
#define NET_LWIP_PORT_H

#include "kernel/types.h"

struct net_device;

void lwip_core_lock(void);
void lwip_core_unlock(void);
bool lwip_core_locked(void);

/* The port's own caches (sys_arch.c), before lwip_init.  Boot. */
void lwip_port_init(void);
/* lwIP, loopback and the network thread.  Process context, once. */
int inet_init(void);
/* Start the network thread, knetd (net/dev.c). */
int net_thread_start(void);
/* Give an Ethernet net_device its lwIP netif (net/lwip/ethernetif.c).
 * Called by register_netdev() with the lock held. */
int ethernetif_attach(struct net_device *dev);
/* Take it away again (unregister_netdev), lock held. */
void ethernetif_detach(struct net_device *dev);
/* Whether a received Ethernet frame's TCP or UDP checksum is right (or
 * it carries neither).  Any context. */
bool ethernetif_csum_ok(const u8 *data, unsigned len);
/* The send MSS a TCP connection out of netif may give lwIP for TSO
 * (wire segments mss long), or 0.  Lock held. */
struct netif;
u16 ethernetif_gso_mss(const struct netif *netif, u16 mss, u32 snd_wnd_max);
/* A receive round of knetd: pure ACKs are held and coalesced until its
 * end (ethernetif.c says why).  Lock held. */
void ethernetif_rx_begin(void);
void ethernetif_rx_end(void);
/* The net_device behind an Ethernet netif, NULL for another kind
 * (lwIP's loopback).  Lock held. */
struct net_device *ethernetif_netdev(const struct netif *netif);
/* Whether eth0 is configured and its link is up. */
bool inet_link_up(void);

#endif
