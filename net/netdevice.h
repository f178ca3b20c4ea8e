/*
 * netdevice.h - what a network driver and the network stack know of each
 * other: struct net_device, its counters, and the deferred-work hook.
 *
 * A driver fills in a net_device (name, MAC, poll and xmit functions),
 * calls register_netdev(), and from its interrupt handler only calls
 * napi_schedule(): the real work, poll(), runs later in the network
 * thread (knetd, net/dev.c) with the stack lock held.  Inside poll() the
 * driver hands each good frame to netif_rx(); the stack hands frames to
 * send to xmit().
 *
 * Context: see each function.  LOCKING: poll(), xmit(), netif_rx() and
 * netif_carrier_on/off() run with the stack lock held (lwip_core_lock).
 */
#ifndef NET_NETDEVICE_H
#define NET_NETDEVICE_H

#include "kernel/types.h"
#include "kernel/list.h"

#define IFNAMSIZ	16
#define ETH_ALEN	6
#define ETH_HLEN	14
#define ETH_DATA_LEN	1500
#define ETH_FRAME_LEN	1514	/* header + data, without the CRC */

/* The counters /proc/net/dev prints; Linux's names and meanings. */
struct rtnl_link_stats64 {
	u64 rx_packets, tx_packets;	/* frames delivered / sent */
	u64 rx_bytes, tx_bytes;
	u64 rx_errors, tx_errors;	/* bad frames (any reason) */
	u64 rx_dropped, tx_dropped;	/* good frames we had no room for */
	u64 multicast;
	u64 collisions;
	u64 rx_length_errors;		/* runt, giant, or split frame */
	u64 rx_over_errors;		/* the NIC ran out of descriptors */
	u64 rx_crc_errors;
	u64 rx_frame_errors;		/* symbol/sequence/carrier errors */
	u64 rx_fifo_errors;
	u64 rx_missed_errors;		/* the NIC's own missed count */
	u64 tx_aborted_errors, tx_carrier_errors, tx_fifo_errors;
	u64 tx_heartbeat_errors, tx_window_errors;
	u64 rx_compressed, tx_compressed;
};

/* One piece of a frame to send (a gather list, as lwIP's pbuf chains). */
struct net_frag {
	const void *data;
	unsigned len;
};

/*
 * One frame to send, as the stack hands it to xmit().  The device reads
 * the pieces where they are (scatter-gather DMA, Linux's skb frags), so
 * they must stay put until it is done with them: it then gives cookie
 * back through the stack's tx_done(), in order, once per frame.
 */
struct net_tx_frame {
	const struct net_frag *frags;
	int nr_frags;
	unsigned len;			/* the pieces' sum */
	void *cookie;			/* the stack's; NULL: nothing to give back */
	/* Checksum offload (Linux's CHECKSUM_PARTIAL), if the device has
	 * NETIF_F_IP_CSUM: it sums the bytes from csum_start (the TCP or
	 * UDP header) to the end and stores the folded, inverted sum at
	 * csum_start + csum_offset, where the stack left the pseudo-
	 * header's sum.  csum_start 0: the frame is complete as it is. */
	u16 csum_start, csum_offset;
	u16 network_offset;		/* the IPv4 header */
	/* TCP segmentation offload (Linux's gso_size), if the device has
	 * NETIF_F_TSO: the frame is one TCP segment larger than the MTU,
	 * which the device cuts into segments of gso_size payload bytes,
	 * each behind a copy of the first hdr_len bytes with its sequence
	 * number, IP length and id, flags and checksums made right.  The
	 * pseudo-header's sum then leaves the length out, and the IP
	 * checksum is zero (the device sums each segment's).  0: one frame. */
	u16 gso_size, hdr_len;
};

/* What a device does for the stack (Linux's NETIF_F_* bits). */
#define NETIF_F_IP_CSUM		(1u << 0)	/* TCP and UDP checksums, IPv4 */
#define NETIF_F_TSO		(1u << 1)	/* TCP segmentation, IPv4 */

struct net_device {
	char name[IFNAMSIZ];		/* "eth0" */
	u8 dev_addr[ETH_ALEN];		/* MAC address */
	unsigned mtu;
	bool carrier;			/* link up */
	struct rtnl_link_stats64 stats;
	u64 interrupts;			/* hard interrupts taken */
	u64 tx_busy;			/* xmit refused: ring full */
	u64 rx_csum_errors;		/* TCP/UDP checksum wrong: dropped */
	unsigned features;		/* NETIF_F_* */
	unsigned gso_max_size;		/* with TSO: the most payload per frame */
	/* Driver: drain up to budget received frames; return how many. */
	int (*poll)(struct net_device *dev, int budget);
	/* Driver: accept (add) or stop accepting frames to a multicast
	 * MAC address; calls nest (Linux's dev_mc_add/dev_mc_del).  Lock
	 * held; may be NULL. */
	void (*set_mc_filter)(struct net_device *dev, const u8 *mac, bool add);
	/* Driver: queue one frame; 0, -EBUSY (ring full) or -EMSGSIZE.
	 * Only on 0 will tx_done() see its cookie. */
	int (*xmit)(struct net_device *dev, const struct net_tx_frame *f);
	/* Stack: the device no longer reads a frame's pieces. */
	void (*tx_done)(struct net_device *dev, void *cookie);
	/* Stack: take one received frame; false if it was dropped. */
	bool (*rx_handler)(struct net_device *dev, const void *data,
			   unsigned len);
	/* Stack: told when the carrier changes. */
	void (*link_change)(struct net_device *dev);
	void *priv;			/* the driver's adapter */
	void *stack_priv;		/* the stack's interface (lwIP netif) */
	bool napi_scheduled;		/* poll() is due; irqs off for it */
	struct list_head dev_list;	/* all devices, in order */
	struct list_head poll_list;	/* devices whose poll() is due */
};

/* net_device_flags (include/uapi/linux/if.h): what SIOCGIFFLAGS and
 * rtnetlink's ifi_flags say (SIOCGIFFLAGS only the low 16 bits). */
#define IFF_UP		0x1
#define IFF_BROADCAST	0x2
#define IFF_LOOPBACK	0x8
#define IFF_RUNNING	0x40
#define IFF_MULTICAST	0x1000
#define IFF_LOWER_UP	0x10000

/* ARPHRD_* (include/uapi/linux/if_arp.h): the link's hardware type. */
#define ARPHRD_ETHER	1
#define ARPHRD_LOOPBACK	772

#define NET_MAX_IFACES	8	/* interfaces dev_snapshot reports */
#define IFINFO_MAX_IP6	4	/* IPv6 addresses per interface (lwipopts.h) */
/* Linux's IPV6_ADDR_SCOPE_TYPE values, as /proc/net/if_inet6 shows them */
#define IPV6_ADDR_LOOPBACK_SCOPE 0x10
#define IPV6_ADDR_LINKLOCAL_SCOPE 0x20
#define IPV6_ADDR_SITELOCAL_SCOPE 0x40

/*
 * One interface as the SIOCGIF* ioctls (net/dev_ioctl.c) and rtnetlink
 * (net/rtnetlink.c) report it.  Linux reads struct net_device and its
 * in_device under RCU; here an interface is a net_device and an lwIP
 * netif, or lwIP's loopback alone, so dev_snapshot copies what they say
 * under the stack lock, and the callers copy it out to user space
 * after letting go (the user-copy rule).
 */
struct ifinfo {
	int ifindex;			/* lo 1, eth0 2: lwIP's netif index */
	char name[IFNAMSIZ];
	unsigned flags;			/* IFF_* */
	unsigned mtu;
	unsigned short type;		/* ARPHRD_* */
	unsigned char addr_len;		/* 6 (lo's: all zeros, as Linux) */
	u8 addr[ETH_ALEN], broadcast[ETH_ALEN];
	u32 ip, mask;			/* IPv4, network order; ip 0: none */
	/* IPv6: lo's ::1; eth0's link-local and SLAAC addresses */
	struct ifinfo_ip6 {
		u8 addr[16];
		u8 prefixlen;
		u8 scope;		/* IPV6_ADDR_* scope: 0, SITE, LINK, HOST */
		bool tentative;		/* duplicate address detection runs */
		bool autoconf;		/* SLAAC's (else permanent) */
	} ip6[IFINFO_MAX_IP6];
	int nr_ip6;
	struct rtnl_link_stats64 stats;
};

/* Every interface, in ifindex order, into tab (at most max); returns
 * how many.  Process context; takes the stack lock. */
int dev_snapshot(struct ifinfo *tab, int max);

/* Add dev to the device list, and give it to the stack; undo it.
 * Process context. */
int register_netdev(struct net_device *dev);
void unregister_netdev(struct net_device *dev);
/* The first device, or the one named name; NULL if none. */
struct net_device *dev_get_by_name(const char *name);
struct net_device *first_net_device(void);

/* From the interrupt handler: run dev->poll() soon in the network
 * thread.  Any context. */
void napi_schedule(struct net_device *dev);
/* Run the poll() of every scheduled device once; returns whether any
 * used its whole budget (so there is more to do).  Network thread. */
bool net_rx_action(int budget);

/* Driver to stack, from poll(): one received frame (copied by the
 * stack before returning).  Returns false if it was dropped. */
bool netif_rx(struct net_device *dev, const void *data, unsigned len);
void netif_carrier_on(struct net_device *dev);
void netif_carrier_off(struct net_device *dev);

/* /proc/net/dev: the two header lines, then one line per device, in
 * Linux's format.  Returns the length written (at most size - 1).
 * dev_seq_show_all takes the stack lock; the _locked form is for a
 * caller that holds it (an lwIP callback). */
size_t dev_seq_show_all(char *buf, size_t size);
size_t dev_seq_show_all_locked(char *buf, size_t size);
/* One device's line. */
int dev_seq_printf_stats(char *buf, size_t size, const char *name,
			 const struct rtnl_link_stats64 *stats);

/*
 * The bytes the network path copies, counted where each copy is made
 * (ours: /proc/net/copies).  A download's payload crosses the first
 * three, an upload's the last three; what a copy costs per byte is what
 * the profile's memcpy and copy_user lines show.  LOCKING: none; one
 * CPU, and each add is a single instruction.
 */
enum net_copy {
	COPY_USER_TO_SOCK,	/* send: the caller's buffer into the kernel */
	COPY_SOCK_TO_STACK,	/* send: into lwIP's segments (tcp_write) */
	COPY_STACK_TO_NIC,	/* a frame into the driver's TX buffer */
	COPY_NIC_TO_STACK,	/* a received frame into a pbuf */
	COPY_STACK_TO_SOCK,	/* receive: queued pbufs into a kernel buffer */
	COPY_SOCK_TO_USER,	/* receive: into the caller's buffer */
	NR_NET_COPIES,
};
struct net_copy_stat {
	u64 bytes, calls;
};
extern struct net_copy_stat net_copies[NR_NET_COPIES];

static inline void net_copy_count(enum net_copy where, size_t bytes)
{
	net_copies[where].bytes += bytes;
	net_copies[where].calls++;
}

/* /proc/net/copies: one line per enum net_copy.  Any context. */
size_t net_copies_show(char *buf, size_t size);

/* Wake the network thread (it runs poll(), timers, loopback).  Any
 * context. */
void net_thread_kick(void);
/* Whether lwIP's next timer is due before the network thread means to
 * wake (a system call armed it): then it must be kicked.  Lock held. */
bool net_thread_timer_due_earlier(void);

#endif
