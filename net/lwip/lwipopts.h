/*
 * lwipopts.h - how lwIP is configured for this kernel.  lwIP's opt.h
 * includes this first; anything not set here keeps opt.h's default.
 *
 * Shape: NO_SYS=1, i.e. only the raw (callback) API and no threads of
 * lwIP's own.  Every call into lwIP is made with one lock held
 * (lwip_core_lock(), net/lwip/sys_arch.c), and LWIP_ASSERT_CORE_LOCKED checks
 * that in lwIP's API functions.
 *
 * Memory.  lwIP's pools (tcp_pcb, udp_pcb, tcp_seg, pbufs ...) grow
 * from memory: MEMP_MEM_MALLOC makes each element a kmalloc of its own
 * (lwip_port_malloc, GFP_ATOMIC: the lock is held), so the limits on
 * sockets are memory and RLIMIT_NOFILE, as in Linux, and a kmalloc that
 * fails is lwIP's ERR_MEM, which the socket calls return as ENOBUFS or
 * ENOMEM (issue 14: the 65th UDP socket used to fail).  The elements
 * land in kmalloc's caches by size (tcp_pcb 224 B in kmalloc-256,
 * udp_pcb in kmalloc-64, tcp_seg in kmalloc-64, a received frame's
 * PBUF_POOL buffer in kmalloc-2048); /proc/slabinfo's lwip_* lines
 * count each pool's elements in use (MEMP_STATS, net/lwip_pools.c).
 * What stays bounded is bounded elsewhere: received frames by the NIC's
 * ring, the windows and SO_RCVBUF; fragments by IP_REASS_MAX_PBUFS;
 * looped-back packets by LWIP_LOOPBACK_MAX_PBUFS.  The MEMP_NUM_*
 * values below reserve nothing now; lwIP only checks TCP_SND_QUEUELEN
 * against MEMP_NUM_TCP_SEG at build time.
 * lwIP's heap (outgoing TCP data, PBUF_RAM) is not a static array:
 * MEM_LIBC_MALLOC routes it to kmalloc, so send buffers cost only what is
 * queued: at most TCP_SND_BUF (125 KB) per connection, which the
 * machine's memory limits if thousands fill theirs at once (lwIP sees
 * ERR_MEM and retries later).
 */
#ifndef NET_LWIPOPTS_H
#define NET_LWIPOPTS_H

#ifndef NET_MAX_TCP_CONNS
#define NET_MAX_TCP_CONNS	10000
#endif

/* ---- platform ---- */
#define NO_SYS			1
#define SYS_LIGHTWEIGHT_PROT	0	/* one lock around lwIP, never in irqs */
#define LWIP_SOCKET		0	/* our own socket layer (net/socket.c) */
#define LWIP_NETCONN		0
/* SO_REUSEADDR: with it, tcp_bind skips connections in TIME-WAIT on the
 * port, as Linux's bind does (inet_tcp_bind sets SOF_REUSEADDR). */
#define SO_REUSE		1
#define LWIP_TIMERS		1	/* sys_check_timeouts() in the net thread */
#define LWIP_RAND()		((u32_t)lwip_port_rand())
void lwip_assert_core_locked(void);
#define LWIP_ASSERT_CORE_LOCKED()	lwip_assert_core_locked()
unsigned int lwip_port_rand(void);

/* ---- memory ---- */
#define MEM_ALIGNMENT		8
#define MEM_LIBC_MALLOC		1	/* the heap is kmalloc */
#define MEMP_MEM_MALLOC		1	/* pools grow from kmalloc (above) */
#define MEMP_STATS		1	/* their counts, for /proc/slabinfo */
#define MEMP_NUM_TCP_PCB	NET_MAX_TCP_CONNS
#define MEMP_NUM_TCP_PCB_LISTEN	64
#define MEMP_NUM_UDP_PCB	64
#define MEMP_NUM_RAW_PCB	0
#define MEMP_NUM_TCP_SEG	16384	/* queued segments, all connections */
#define MEMP_NUM_PBUF		2048	/* PBUF_REF/ROM headers */
#define PBUF_POOL_SIZE		2048	/* received frames in flight */
#define MEMP_NUM_ARP_QUEUE	64
#define ARP_TABLE_SIZE		32
#define ARP_QUEUEING		1

/* ---- protocols ---- */
#define LWIP_IPV4		1
/* IPv6 beside IPv4 (dual stack): ip_addr_t carries its type, a pcb
 * made with IPADDR_TYPE_ANY takes both (an AF_INET6 socket on ::, as
 * Linux's with IPV6_V6ONLY 0, net/af_inet6.c).  lo has ::1 (lwIP's
 * loopif); eth0 a link-local fe80::/64 address from its MAC and, from a
 * router's advertisement (slirp's: fec0::/64), a SLAAC one.  Duplicate
 * address detection sends one probe, as Linux's dad_transmits. */
#define LWIP_IPV6		1
#define LWIP_IPV6_NUM_ADDRESSES	3	/* link-local, SLAAC, one more */
#define LWIP_IPV6_AUTOCONFIG	1
#define LWIP_IPV6_SEND_ROUTER_SOLICIT 1
#define LWIP_IPV6_DUP_DETECT_ATTEMPTS 1
#define LWIP_IPV6_MLD		1	/* the NIC's filter: mld_mac_filter */
#define LWIP_IPV6_FORWARD	0
#define LWIP_IPV6_REASS		1
/* With 64-bit pointers lwIP's reassembly helper does not fit in the
 * 8-byte fragment header it overlays: copy the header aside instead
 * (ip6_reass_tmr panics on the first tick without it). */
#define IPV6_FRAG_COPYHEADER	1
#define LWIP_IPV6_FRAG		0	/* as IP_FRAG: we send none */
#define LWIP_IPV6_DHCP6		0
/* No zones: eth0 is the one link, so a link-local address needs none,
 * and an ip_addr_t stays 20 bytes (a tcp_pcb in kmalloc-256). */
#define LWIP_IPV6_SCOPES	0
#define LWIP_ICMP6		1
#define LWIP_ND6_QUEUEING	1
#define LWIP_ND6_NUM_NEIGHBORS	32
#define LWIP_ND6_NUM_DESTINATIONS 32
#define LWIP_ND6_ALLOW_RA_UPDATES 1
#define MEMP_NUM_MLD6_GROUP	8
#define MEMP_NUM_ND6_QUEUE	64
#define LWIP_ARP		1
#define LWIP_ETHERNET		1
#define LWIP_ICMP		1
#define LWIP_RAW		0
#define LWIP_UDP		1
#define LWIP_TCP		1
#define LWIP_DHCP		0	/* static address (ip= option) */
#define LWIP_AUTOIP		0
#define LWIP_IGMP		0
#define IP_DEFAULT_TTL		64	/* Linux's net.ipv4.ip_default_ttl */
#define LWIP_DNS		0
/* Fragments: slirp never sends any, but a tap carries whatever a host
 * sends.  Reassembly holds at most IP_REASS_MAX_PBUFS received frames
 * (a 64 KB datagram is 45), a 32nd of PBUF_POOL, for at most
 * IP_REASS_MAXAGE s; past that the oldest datagram is dropped
 * (ReasmFails), so a flood of fragments cannot starve reception.
 * Overlapping fragments are dropped (IP_REASS_CHECK_OVERLAP), as
 * Linux drops them since 2018.  We send none: IP_FRAG 0. */
#define IP_REASSEMBLY		1
#define IP_REASS_MAX_PBUFS	64
#define IP_REASS_MAXAGE		15
#define IP_FRAG			0

/* ---- TCP ---- */
#define TCP_MSS			1460

/* -- TCP windows and send buffers (bulk throughput, issue 16) --
 * The receive window is what a sender may have in flight towards us:
 * 8 segments (11.4 KB) held an upload through slirp to a few segments
 * per round trip.  44 segments (62.7 KB) is as much as a window without
 * scaling says, and slirp, the peer of every forward, does not scale.
 * It costs nothing while idle: the bytes a window lets in are received
 * frames, in PBUF_POOL, shared by all connections.
 * LWIP_WND_SCALE makes lwIP's window and send-buffer counters 32 bits
 * and lets a peer that scales (Linux on a tap) open a larger send
 * window; TCP_RCV_SCALE 0 keeps our own announcement unscaled.
 * TCP_SND_BUF is the most a connection may have queued unacknowledged
 * (lwIP's heap, allocated per write and freed by the ACKs, so it costs
 * memory only while a sender is ahead): two windows, so that a writer
 * refills one window while the other is in flight.  net/tcp.c holds a
 * socket to less when SO_SNDBUF asks it to. */
#define LWIP_WND_SCALE		1
#define TCP_RCV_SCALE		0
#define TCP_WND			(44 * TCP_MSS)
#define TCP_SND_BUF		(2 * 44 * TCP_MSS)
#define TCP_SND_QUEUELEN	((4 * TCP_SND_BUF + TCP_MSS - 1) / TCP_MSS)
#define TCP_SNDLOWAT		(TCP_SND_BUF / 4)	/* lwIP keeps it in 16 bits */
#define TCP_LISTEN_BACKLOG	1
#define TCP_DEFAULT_LISTEN_BACKLOG 128
#define LWIP_TCP_KEEPALIVE	1
/* TIME_WAIT lasts 2 * TCP_MSL: 60 s, Linux's TCP_TIMEWAIT_LEN (lwIP's
 * default MSL of 60 s would hold ports for two minutes). */
#define TCP_MSL			30000UL

/* Input: urgent data's pointer and byte (net/tcp_urg.c), then the
 * filter for a zero-window ACK storm between two lwIP ends
 * (net/tcp_zero_window.c). */
struct tcp_pcb; struct tcp_hdr; struct pbuf;
signed char inet_tcp_inpacket_filter(struct tcp_pcb *pcb,
				     struct tcp_hdr *hdr, struct pbuf *p);
void inet_tcp_urg_input(struct tcp_pcb *pcb, const struct tcp_hdr *hdr,
			struct pbuf *p);
#define LWIP_HOOK_TCP_INPACKET_PCB(pcb, hdr, optlen, opt1len, opt2, p) \
	(inet_tcp_urg_input(pcb, hdr, p), inet_tcp_inpacket_filter(pcb, hdr, p))

/* Output: URG and the urgent pointer on each data segment before
 * send(MSG_OOB)'s mark, set before lwIP sums the header
 * (net/tcp_urg.c). */
void *inet_tcp_urg_output(const struct tcp_pcb *pcb, struct tcp_hdr *hdr, void *opts);
#define LWIP_HOOK_TCP_OUT_ADD_TCPOPTS(p, hdr, pcb, opts) \
	inet_tcp_urg_output(pcb, hdr, opts)

/* The window a SYN or SYN-ACK announces is SO_RCVBUF's, as Linux's
 * tcp_select_initial_window (net/inet_stream.c): lwIP asks for the
 * option length of each segment it builds, a connection's SYN first,
 * which is where the glue sets an opening connection's window. */
unsigned char inet_tcp_optlen_hook(const struct tcp_pcb *pcb, unsigned char len);
#define LWIP_HOOK_TCP_OUT_TCPOPT_LENGTH(pcb, len) inet_tcp_optlen_hook(pcb, len)

/* ---- interfaces ---- */
#define LWIP_NETIF_LOOPBACK	1	/* to our own address */
#define LWIP_HAVE_LOOPIF	1	/* lo, 127.0.0.1 */
#define LWIP_LOOPBACK_MAX_PBUFS	256
#define LWIP_NETIF_LINK_CALLBACK 0
#define LWIP_NETIF_STATUS_CALLBACK 0
#define LWIP_SINGLE_NETIF	0

/* ---- checksums: lwIP's are summed eight bytes at a time
 * (net/checksum.c) ---- */
#define CHECKSUM_GEN_IP		1
#define CHECKSUM_CHECK_IP	1
/* Per interface: the e1000's TCP and UDP sums are left to the NIC and
 * to net/lwip/ethernetif.c (ethernetif_init). */
#define LWIP_CHECKSUM_CTRL_PER_NETIF 1
unsigned short lwip_port_chksum(const void *dataptr, int len);
#define LWIP_CHKSUM		lwip_port_chksum

/* ---- the chain trace (kernel/chaintrace.c): a step for each IPv4
 * packet ip4_input takes, looped-back ones included; never eats one ---- */
extern int chain_active;
int __trace_chain_ip4_input(const void *iphdr);
#define LWIP_HOOK_IP4_INPUT(p, inp) \
	(chain_active ? __trace_chain_ip4_input((p)->payload) : 0)

/* ---- diagnostics ---- */
/* The counters of /proc/net/snmp (net/proc_net_snmp.c): lwIP's own and
 * its MIB-II set, a few increments per packet. */
#define LWIP_STATS		1
#define LWIP_STATS_LARGE	1	/* 32-bit counters: 16 wrap in seconds */
#define MIB2_STATS		1
#define LWIP_STATS_DISPLAY	0
#define LWIP_DEBUG		0
#define LWIP_NOASSERT_ON_ERROR	0

#endif
