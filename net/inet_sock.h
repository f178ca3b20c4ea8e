/*
 * inet_sock.h - an AF_INET or AF_INET6 socket's protocol half: struct inet_sock
 * wraps the lwIP pcb (tcp_pcb or udp_pcb) of one socket together with
 * what the raw API leaves to us: the queue of received pbufs, the queue
 * of accepted connections, the socket options, and the state in Linux's
 * terms (TCP_ESTABLISHED ... TCP_LISTEN).
 *
 * LOCKING: lwip_core_lock() (net/lwip/sys_arch.c) is this socket's lock too,
 * as lock_sock() is in Linux: every field below, and the pcb, is read
 * and written with it held, by the system calls (process context) and
 * by the lwIP callbacks (which lwIP makes with it held, from the network
 * thread or from our own calls into lwIP).  It is a mutex (a task that
 * wants it sleeps until it is free), but nothing waits for anything else
 * holding it.  A sleeping call drops it, waits on sk_sleep(sk)
 * and takes it again; the callbacks wake sk_sleep(sk) after updating
 * the state, so the wait loops' conditions see the update.
 */
#ifndef NET_INET_SOCK_H
#define NET_INET_SOCK_H

#include "kernel/list.h"
#include "net/sock.h"
#include "net/lwip/lwip_port.h"
#include "lwip/opt.h"
#include "lwip/ip_addr.h"

struct tcp_pcb;
struct udp_pcb;
struct pbuf;

#define IPPROTO_IP	0
#define IPPROTO_TCP	6
#define IPPROTO_UDP	17
#define IPPROTO_IPV6	41

/* IPPROTO_IPV6 options (net/af_inet6.c), Linux's values */
#define IPV6_UNICAST_HOPS	16
#define IPV6_MULTICAST_IF	17
#define IPV6_MULTICAST_HOPS	18
#define IPV6_MULTICAST_LOOP	19
#define IPV6_JOIN_GROUP		20
#define IPV6_LEAVE_GROUP	21
#define IPV6_V6ONLY		26

/* sk_state: TCP_ESTABLISHED ... (net/sock.h) */

struct sockaddr_in {
	unsigned short sin_family;	/* AF_INET */
	u16 sin_port;			/* network byte order */
	u32 sin_addr;			/* network byte order */
	unsigned char sin_zero[8];
};

struct in6_addr {
	union {
		u8 s6_addr[16];
		u32 s6_addr32[4];	/* network byte order */
	};
};

struct sockaddr_in6 {
	unsigned short sin6_family;	/* AF_INET6 */
	u16 sin6_port;			/* network byte order */
	u32 sin6_flowinfo;
	struct in6_addr sin6_addr;
	u32 sin6_scope_id;		/* the interface of a link-local address */
};

struct ipv6_mc_socklist;

/* A received datagram waiting in a UDP socket's queue. */
struct udp_dgram {
	struct list_head node;
	struct pbuf *p;
	ip_addr_t saddr;		/* sender (IPv4 or IPv6) */
	u16 sport;			/* sender's port, host order */
};

/*
 * Size: every socket and every connection has one, so the fields are
 * ordered to leave no holes and the struct fits kmalloc-512 (issue 16:
 * memory per idle connection).  Pointers and lists first, then the
 * 4-byte fields, then the 2-byte ones, then the bytes; a field more may
 * make every socket a kmalloc-1k object (the static assert below).
 */
struct inet_sock {
	struct sock sk;			/* first: inet_sk() casts */
	union {
		struct tcp_pcb *tcp;	/* NULL once lwIP has freed it */
		struct udp_pcb *udp;
	} pcb;
	/* TCP receive: one pbuf chain of bytes not yet read.  Their window
	 * is given back (tcp_recved) as they are read. */
	struct pbuf *rcv_queue;
	union {
		/* UDP receive: struct udp_dgram, oldest first */
		struct list_head dgram_queue;
		/* TCP listening: struct inet_sock children, connected, not
		 * yet accepted */
		struct list_head accept_queue;
	};
	size_t rcv_queued;		/* bytes in either queue */
	struct list_head accept_node;	/* a child's place in it */
	struct ipv6_mc_socklist *ipv6_mc_list;	/* IPV6_JOIN_GROUP's */
	/* addresses, kept for get*name after lwIP lets go of the pcb;
	 * lwIP's ip_addr_t, which says its family (an AF_INET6 socket's
	 * IPv4 peers are IPv4 here and ::ffff:a.b.c.d to the user) */
	ip_addr_t saddr, daddr;
	int acceptq_len;
	int backlog;
	/* TCP_KEEPIDLE, TCP_KEEPINTVL (seconds) and TCP_KEEPCNT, as set;
	 * 0: the sysctl's default (keepalive_time_when() ... in tcp.c) */
	int keepalive_time, keepalive_intvl, keepalive_probes;
	int rcvbuf, sndbuf;		/* as getsockopt reports them */
	u32 window_clamp;		/* the receive window's ceiling now,
					 * 0 before inet_tcp_clamp_window */
	u32 rcv_owed;			/* window still to hold back from what
					 * reads give lwIP (tcp_recved) */
	int linger_secs;
	/* TCP urgent data (net/tcp_urg.c): the sequence number after the
	 * last byte queued (copied_seq is it less rcv_queued), the mark,
	 * and send(MSG_OOB)'s urgent pointer */
	u32 rcv_tail_seq, urg_seq, snd_up;
	u32 mc_addr;			/* IP_MULTICAST_IF: its address */
	u16 sport, dport;		/* host order */
	u16 mss_cache;			/* the wire's send MSS (lwIP's may be a
					 * TSO multiple of it: inet_tcp_gso) */
	s16 uc_ttl;			/* IP_TTL, -1: the default (64) */
	/* AF_INET6 (net/af_inet6.c): the hop limits as set (-1: the
	 * default, 64 and 1) */
	s16 uc6_hops, mc6_hops;
	u16 urg_data;			/* Linux's tp->urg_data (tcp_urg.c) */
	u8 sk_state;			/* TCP_* (UDP: ESTABLISHED once connected) */
	u8 sk_protocol;			/* IPPROTO_TCP or IPPROTO_UDP */
	u8 mc_index;			/* IP_MULTICAST_IF: its interface, 0: the
					 * route's (lwIP's indexes are u8) */
	u8 mc6_ifindex;			/* IPV6_MULTICAST_IF (lwIP's are u8) */
	u8 tos;				/* IP_TOS */
	u8 mc_ttl;			/* IP_MULTICAST_TTL */
	/* One bit each (the lock serializes their writes, which share
	 * bytes); never READ_ONCE'd or pointed to. */
	bool bound : 1;			/* bind() or an implicit bind happened */
	bool rcv_fin : 1;		/* the peer's FIN arrived */
	bool fin_sent : 1;		/* we shut down our sending side */
	bool urg_mode : 1;		/* segments before snd_up carry URG */
	/* options */
	bool reuseaddr : 1, reuseport : 1, keepalive : 1, nodelay : 1;
	bool broadcast : 1;		/* SO_BROADCAST: only reported (lwIP
					 * sends to broadcast addresses anyway) */
	/* set by SO_SNDBUF/SO_RCVBUF (Linux's SOCK_SNDBUF_LOCK ...): only
	 * then do they bound lwIP's send queue and receive window, which
	 * are otherwise lwIP's TCP_SND_BUF and TCP_WND, the most this
	 * kernel's "autotuning" gives */
	bool sndbuf_lock : 1, rcvbuf_lock : 1;
	bool linger_onoff : 1;
	bool ipv6only : 1;		/* IPV6_V6ONLY */
	bool mc6_loop : 1;		/* IPV6_MULTICAST_LOOP */
	bool recverr : 1;		/* IP_RECVERR */
	bool mc_loop : 1;		/* IP_MULTICAST_LOOP */
};
_Static_assert(sizeof(struct inet_sock) <= 512,
	       "struct inet_sock outgrows kmalloc-512: every socket would cost 1 KiB");

static inline struct inet_sock *inet_sk(struct sock *sk)
{
	return container_of(sk, struct inet_sock, sk);
}

#ifndef htons			/* (lwIP's lwip/def.h has them) */
static inline u16 htons(u16 x) { return __builtin_bswap16(x); }
static inline u16 ntohs(u16 x) { return __builtin_bswap16(x); }
#endif

/* net/af_inet.c */
/* Check and unpack an address of isk's family (EINVAL, EAFNOSUPPORT as
 * Linux); an AF_INET6 socket's ::ffff:a.b.c.d comes out as IPv4. */
int inet_addr_from(struct inet_sock *isk, struct sockaddr_storage *addr,
		   int len, ip_addr_t *ip, u16 *port);
/* Fill in a sockaddr_in or sockaddr_in6 as isk's family has them;
 * returns its length. */
int inet_fill_addr(struct inet_sock *isk, struct sockaddr_storage *addr,
		   const ip_addr_t *ip, u16 port);
/* bind's checks on ip (local, EADDRNOTAVAIL; a mapped address on a
 * V6ONLY socket, EINVAL) and the address lwIP binds to: for :: on a
 * dual-stack socket, lwIP's "any type".  Lock held. */
int inet_bind_addr(struct inet_sock *isk, ip_addr_t *ip);
/* Whether two bound addresses take some of the same packets: the
 * same family (or lwIP's "any type", both) and one is any or both
 * are the same. */
bool inet_addr_overlap(const ip_addr_t *x, const ip_addr_t *y);
/* The "any" address an implicit bind of isk takes. */
void inet_any_addr(const struct inet_sock *isk, ip_addr_t *ip);
/* The lwIP pcb type a new pcb of isk gets (IPADDR_TYPE_*). */
u8 inet_pcb_type(const struct inet_sock *isk);
int sock_setsockopt(struct socket *sock, int level, int optname,
		    const void __user *optval, unsigned int optlen);
int sock_getsockopt(struct socket *sock, int level, int optname,
		    void __user *optval, int __user *optlen);
int inet_shutdown(struct socket *sock, int how);
/* Ports below 1024 are uid 0's (CAP_NET_BIND_SERVICE): bind's EACCES. */
bool inet_port_requires_bind_service(u16 port);
/* Whether ip is one of ours (or any); lock held. */
bool inet_addr_is_local(const ip_addr_t *ip);
void inet_sock_init(struct socket *sock, struct inet_sock *isk, int protocol);
/* An accepted sock meets its socket, keeping what arrived before. */
void inet_sock_graft(struct socket *sock, struct inet_sock *isk);
/* A sock made by the network thread for a connection not yet accepted. */
void inet_sock_init_child(struct inet_sock *child, struct inet_sock *parent);
struct inet_sock *inet_sk_alloc(void);
void inet_sk_free(struct inet_sock *isk);

/* net/inet_stream.c (lock held unless said) */
int inet_tcp_sk_init(struct inet_sock *isk);
int inet_tcp_sk_ensure_pcb(struct inet_sock *isk);
void inet_tcp_attach(struct inet_sock *isk, struct tcp_pcb *pcb);
/* What tcp_write may take now (lwIP's queue within SO_SNDBUF). */
u32 inet_tcp_send_room(struct inet_sock *isk);
/* The receive window's ceiling to what SO_RCVBUF says, and the window
 * given back after n bytes were read. */
void inet_tcp_clamp_window(struct inet_sock *isk);
void inet_tcp_rcv_space(struct inet_sock *isk, size_t n);
bool inet_tcp_writable(struct inet_sock *isk);
int inet_tcp_shutdown_send(struct inet_sock *isk);
void inet_tcp_apply_options(struct inet_sock *isk);
struct inet_sock *inet_tcp_pcb_sk(const struct tcp_pcb *pcb);
/* proto_ops, lock not held */
int inet_release(struct socket *sock);
int inet_tcp_bind(struct socket *sock, struct sockaddr_storage *addr, int len);
int inet_listen(struct socket *sock, int backlog);
int inet_accept(struct socket *sock, struct socket *newsock, int flags);
int inet_tcp_getname(struct socket *sock, struct sockaddr_storage *addr, int peer);
int inet_stream_connect(struct socket *sock, struct sockaddr_storage *addr,
			int len, int flags);

/* net/tcp.c */
extern const struct proto_ops inet_stream_ops;
/* IPPROTO_TCP options (TCP_NODELAY, TCP_KEEP*), -ENOPROTOOPT for others;
 * lock held. */
int inet_tcp_set_int(struct inet_sock *isk, int optname, int val);
int inet_tcp_get_int(struct inet_sock *isk, int optname, int *val);
/* The keepalive settings in seconds and probes, defaults filled in. */
int keepalive_time_when(const struct inet_sock *isk);
int keepalive_intvl_when(const struct inet_sock *isk);
int keepalive_probes(const struct inet_sock *isk);

/* net/tcp_urg.c: urgent data (lock held) */
void inet_tcp_urg_init(struct inet_sock *isk, u32 rcv_nxt);
void inet_tcp_mark_urg(struct inet_sock *isk);
void inet_tcp_urg_acked(struct inet_sock *isk, const struct tcp_pcb *pcb);
size_t inet_tcp_urg_before(const struct inet_sock *isk, size_t n);
bool inet_tcp_urg_skip(const struct inet_sock *isk);
void inet_tcp_urg_advance(struct inet_sock *isk);
int inet_tcp_recv_urg(struct inet_sock *isk, int flags, u8 *c);
bool inet_tcp_urg_pending(const struct inet_sock *isk);
size_t inet_tcp_readable_target(const struct inet_sock *isk);
bool inet_tcp_at_mark(const struct inet_sock *isk);
size_t inet_tcp_inq(const struct inet_sock *isk);

/* net/af_inet6.c */
extern struct proto_ops inet6_stream_ops, inet6_dgram_ops;
void inet6_init(void);
int inet6_addr_from(struct inet_sock *isk, struct sockaddr_storage *addr,
		    int len, ip_addr_t *ip, u16 *port);
int inet6_fill_addr(struct sockaddr_storage *addr, const ip_addr_t *ip, u16 port);
bool inet6_addr_is_local(const ip6_addr_t *ip6);
/* A destination's last checks on an AF_INET6 socket: :: is the
 * loopback, a mapped address on a V6ONLY socket ENETUNREACH. */
int inet6_dest_addr(struct inet_sock *isk, ip_addr_t *ip);
/* Apply the hop limits to a pcb (lock held). */
void inet6_apply_options(struct inet_sock *isk);
/* Leave the socket's multicast groups (lock held). */
void ipv6_sock_mc_close(struct inet_sock *isk);
/* net/ip_sockglue.c: SOL_IP options (lock not held: they take it) */
int ip_setsockopt(struct inet_sock *isk, int optname, const void __user *optval,
		  unsigned int optlen);
int ip_getsockopt(struct inet_sock *isk, int optname, void __user *optval,
		  int __user *optlen);
void ip_sock_init(struct inet_sock *isk);
/* IP_TTL and IP_TOS into the pcb; lock held. */
void ip_sock_apply(struct inet_sock *isk);

/* net/udp.c */
extern const struct proto_ops inet_dgram_ops;
int udp_sk_init(struct inet_sock *isk);
/* SO_REUSEADDR into the pcb; lock held. */
void udp_apply_options(struct inet_sock *isk);
struct inet_sock *udp_pcb_sk(const struct udp_pcb *pcb);

#endif
