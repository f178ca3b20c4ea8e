/*
 * proc_net.c - /proc/net/tcp and /proc/net/udp: one line per IPv4 socket,
 * in Linux's layout (net/ipv4/tcp_ipv4.c tcp4_seq_show, net/ipv4/udp.c
 * udp4_seq_show), because netstat, ss's fallback and scripts parse it by
 * column; /proc/net/tcp6 and udp6 the same for AF_INET6 sockets
 * (net/ipv6/tcp_ipv6.c tcp6_seq_show, net/ipv6/datagram.c
 * __ip6_dgram_sock_show), whose IPv4 peers show as ::ffff:a.b.c.d, and
 * /proc/net/if_inet6 the interfaces' IPv6 addresses (addrconf.c).
 *
 * The sockets are lwIP's pcbs, walked in lwIP's own lists: a socket is
 * listed exactly while the stack has it, as Linux lists what is in its
 * hash tables.  So TCP shows the listeners, then the connections from
 * SYN_SENT to LAST_ACK, then TIME_WAIT, and never a socket only bound or
 * never used (lwIP's tcp_bound_pcbs; Linux does not list those either);
 * UDP shows every bound socket.  A pcb leads to its inet_sock through
 * its callback arg (inet_tcp_pcb_sk, udp_pcb_sk); one with none, an orphaned
 * connection lwIP finishes alone or TIME_WAIT, shows inode 0, as on Linux.
 *
 * Where lwIP keeps a different quantity the column shows the nearest one
 * (tcp4_timer, the tail of get_tcp4_sock, udp4_format_sock say which);
 * kernel addresses (Linux's %pK "pointer") are shown as zeros, as Linux
 * shows them to readers not allowed to see them.
 *
 * The text is made whole at the first read into the buffer fs/proc/inode.c
 * gives; a listing that does not fit ends at the last line that does,
 * never inside one, and fs/proc/inode.c:proc_make_text tries again with a
 * larger buffer (up to PROC_BUF_MAX, room for 10,000 connections).
 *
 * LOCKING: lwip_core_lock() is held for the whole walk, so no pcb or
 * inet_sock goes away under it, and the text goes into that kernel
 * buffer (already allocated): nothing here sleeps or touches user
 * memory.  fs/proc/inode.c copies the text out after the lock is dropped.
 * Context: process context.
 */
#include "kernel/kernel.h"
#include "kernel/string.h"
#include "net/inet_sock.h"
#include "lwip/tcp.h"
#include "lwip/priv/tcp_priv.h"
#include "net/proc_net.h"
#include "net/netdevice.h"
#include "kernel/mm.h"
#include "lwip/udp.h"

#define TCP4_WIDTH	149	/* Linux's TMPSZ - 1: lines padded to it */
#define UDP4_WIDTH	127
#define USER_HZ		100	/* the unit of tm->when, rto, ato */
#define UDP_HTABLE_SIZE	256	/* Linux's smallest udp_table; sl is a bucket */
#define KPTR_HIDDEN	"0000000000000000"
#define TCP6_HEADER	"  sl  local_address                         " \
			"remote_address                        st tx_queue " \
			"rx_queue tr tm->when retrnsmt   uid "

/* lwIP's tcp_persist_backoff (core/tcp.c, static): slow-timer ticks
 * between zero-window probes, by back-off step. */
static const u8 tcp_persist_backoff[] = { 3, 6, 12, 24, 48, 96, 120 };

/* Linux's TCP_* for each of lwIP's states. */
static const u8 tcp4_state[] = {
	[CLOSED] = TCP_CLOSE, [LISTEN] = TCP_LISTEN,
	[SYN_SENT] = TCP_SYN_SENT, [SYN_RCVD] = TCP_SYN_RECV,
	[ESTABLISHED] = TCP_ESTABLISHED, [FIN_WAIT_1] = TCP_FIN_WAIT1,
	[FIN_WAIT_2] = TCP_FIN_WAIT2, [CLOSE_WAIT] = TCP_CLOSE_WAIT,
	[CLOSING] = TCP_CLOSING, [LAST_ACK] = TCP_LAST_ACK,
	[TIME_WAIT] = TCP_TIME_WAIT,
};

/*
 * End a line begun at start, after seq_setwidth: pad it (so that every
 * line of the file has the same length, as Linux's seq_pad makes them)
 * and keep it only if it fit whole.  Returns false when the buffer is
 * full, to stop the listing there.
 */
static bool seq_line_end(struct seq_file *m, size_t start)
{
	seq_pad(m, '\n');
	if (!seq_has_overflowed(m))
		return true;
	m->count = start;		/* cut: take the line back */
	m->buf[start] = '\0';
	return false;
}

/* The header line, padded as the rest; false if even it does not fit. */
static bool seq_header(struct seq_file *m, int width, const char *header)
{
	seq_setwidth(m, width);
	seq_puts(m, header);
	return seq_line_end(m, 0);
}

static unsigned long ms_to_clock_t(long ms)
{
	return ms > 0 ? ms / (1000 / USER_HZ) : 0;	/* late: due now */
}

/* The columns both files share, from local_address to the pointer. */
struct inet4_row {
	ip_addr_t src, dst;		/* printed as network-order u32s */
	u16 srcp, dstp;
	int state;			/* Linux's TCP_* */
	u32 tx_queue, rx_queue;
	int timer;			/* tr: which timer is pending */
	long when_ms;			/* and when it fires */
	unsigned int retrnsmt;
	unsigned int probes;		/* the "timeout" column */
	unsigned long ino;		/* 0: no socket file */
	long ref;
	bool v6;			/* the tcp6/udp6 layout */
};

/* An address as the IPv4 files show it: the u32 in network order. */
static u32 inet4_row_addr(const ip_addr_t *a)
{
	return IP_IS_V4(a) ? ip4_addr_get_u32(ip_2_ip4(a)) : 0;
}

/* As the IPv6 files do: its four u32s, an IPv4 address mapped. */
static void inet6_row_addr(struct seq_file *m, const ip_addr_t *a, u16 port)
{
	u32 w[4] = { 0, 0, 0, 0 };

	if (IP_IS_V6(a))
		memcpy(w, ip_2_ip6(a)->addr, 16);
	else if (IP_IS_V4(a) && ip4_addr_get_u32(ip_2_ip4(a))) {
		w[2] = PP_HTONL(0xffff);
		w[3] = ip4_addr_get_u32(ip_2_ip4(a));
	}
	seq_printf(m, "%08X%08X%08X%08X:%04X", w[0], w[1], w[2], w[3], port);
}

/* sl right-aligned in sl_width, then the shared columns: IPv4's, or
 * with r->v6 IPv6's. */
static void inet4_seq_row(struct seq_file *m, int sl_width, int sl,
			  const struct inet4_row *r)
{
	if (r->v6) {
		seq_printf(m, "%*d: ", sl_width, sl);
		inet6_row_addr(m, &r->src, r->srcp);
		seq_putc(m, ' ');
		inet6_row_addr(m, &r->dst, r->dstp);
	} else {
		seq_printf(m, "%*d: %08X:%04X %08X:%04X", sl_width, sl,
			   inet4_row_addr(&r->src), r->srcp,
			   inet4_row_addr(&r->dst), r->dstp);
	}
	seq_printf(m, " %02X %08X:%08X "
		   "%02X:%08lX %08X %5u %8u %lu %ld " KPTR_HIDDEN, r->state,
		   r->tx_queue, r->rx_queue, r->timer, ms_to_clock_t(r->when_ms),
		   r->retrnsmt, 0u /* uid: everyone is root */, r->probes,
		   r->ino, r->ref);
}

/* The socket side of a row: its inode and references; a pcb no socket
 * owns has no inode and one reference (its lwIP list). */
static void inet4_row_sk(struct inet4_row *r, struct inet_sock *isk)
{
	r->ino = isk ? sock_i_ino(&isk->sk) : 0;
	r->ref = isk ? READ_ONCE(isk->sk.sk_refcnt) : 1;
}

/* Which files list a pcb: tcp6 and udp6 an AF_INET6 socket's, the
 * others an AF_INET socket's; one no socket owns (an orphan, TIME_WAIT)
 * goes by its address's family.  Lock held. */
static bool inet_pcb_v6(const struct inet_sock *isk, const ip_addr_t *local)
{
	if (isk)
		return isk->sk.sk_family == AF_INET6;
	return !IP_IS_V4(local);
}

/* --- /proc/net/tcp and tcp6 --- */

static void tcp4_row_addrs(struct inet4_row *r, const struct tcp_pcb *pcb)
{
	r->v6 = inet_pcb_v6(inet_tcp_pcb_sk(pcb), &pcb->local_ip);
	ip_addr_copy(r->src, pcb->local_ip);
	r->srcp = pcb->local_port;
	if (pcb->state != LISTEN) {	/* a listen pcb has no remote_port */
		ip_addr_copy(r->dst, pcb->remote_ip);
		r->dstp = pcb->remote_port;
	}
	r->state = tcp4_state[pcb->state];
}

/*
 * Which of Linux's timers would be pending, in Linux's order of checks
 * (tr 1: retransmit, 4: zero-window probe, 2: keepalive, 0: none), and
 * when it fires.  lwIP counts in slow-timer ticks (TCP_SLOW_INTERVAL):
 * rtime since the oldest unacknowledged segment went out (-1: timer
 * off), persist_cnt since the last probe, tcp_ticks - tmr since the
 * peer was last heard from.  lwIP probes only with nothing in flight,
 * so its persist state excludes the retransmit timer.
 */
static int tcp4_timer(const struct tcp_pcb *pcb, long *ms)
{
	long idle = (long)(tcp_ticks - pcb->tmr) * TCP_SLOW_INTERVAL;

	if (pcb->persist_backoff > 0) {
		*ms = (long)(tcp_persist_backoff[pcb->persist_backoff - 1] -
			     pcb->persist_cnt) * TCP_SLOW_INTERVAL;
		return 4;
	}
	if (pcb->rtime >= 0 && (pcb->unacked || pcb->unsent)) {
		*ms = (long)(pcb->rto - pcb->rtime) * TCP_SLOW_INTERVAL;
		return 1;
	}
	if (ip_get_option(pcb, SOF_KEEPALIVE) &&
	    (pcb->state == ESTABLISHED || pcb->state == CLOSE_WAIT)) {
		*ms = (long)(pcb->keep_idle +
			     pcb->keep_cnt_sent * pcb->keep_intvl) - idle;
		return 2;
	}
	*ms = 0;
	return 0;
}

/*
 * A listener (Linux's get_tcp4_sock for TCP_LISTEN): rx_queue is the
 * accept queue's length; tx_queue stays 0, as nothing is ever written
 * (the backlog is shown only by ss, through sock_diag).  A listen pcb
 * has no timers, RTT or window (struct tcp_pcb_listen), so those are 0.
 */
static void get_listen4_sock(struct seq_file *m, const struct tcp_pcb *pcb, int i)
{
	const struct tcp_pcb_listen *lpcb = (const struct tcp_pcb_listen *)pcb;
	struct inet_sock *isk = inet_tcp_pcb_sk(pcb);
	struct inet4_row r = { 0 };

	tcp4_row_addrs(&r, pcb);
	r.rx_queue = isk ? (u32)isk->acceptq_len : lpcb->accepts_pending;
	inet4_row_sk(&r, isk);
	inet4_seq_row(m, 4, i, &r);
	seq_puts(m, " 0 0 0 0 0");
}

/*
 * A connection (Linux's get_tcp4_sock): tx_queue is what was written
 * and not yet acknowledged (a FIN counts one, as in Linux's write_seq),
 * rx_queue what arrived and was not read.  The tail is rto and ato in
 * USER_HZ (lwIP acknowledges late data at its next fast tick), Linux's
 * quick-ack/ping-pong bits (lwIP has neither), and the congestion window
 * and slow-start threshold in segments.  lwIP starts ssthresh at
 * TCP_SND_BUF, its stand-in for "arbitrarily high": at or above that the
 * connection is in its first slow start, which Linux shows as -1.
 */
static void get_tcp4_sock(struct seq_file *m, const struct tcp_pcb *pcb, int i)
{
	struct inet_sock *isk = inet_tcp_pcb_sk(pcb);
	struct inet4_row r = { 0 };
	u32 mss = MAX(isk && isk->mss_cache ? isk->mss_cache : pcb->mss, 1);

	tcp4_row_addrs(&r, pcb);
	r.tx_queue = pcb->snd_lbb - pcb->lastack;
	r.rx_queue = isk ? (u32)isk->rcv_queued : 0;
	r.timer = tcp4_timer(pcb, &r.when_ms);
	r.retrnsmt = pcb->nrtx;
	r.probes = pcb->persist_probe + pcb->keep_cnt_sent;
	inet4_row_sk(&r, isk);
	inet4_seq_row(m, 4, i, &r);
	seq_printf(m, " %lu %lu 0 %u %d",
		   ms_to_clock_t((long)pcb->rto * TCP_SLOW_INTERVAL),
		   ms_to_clock_t(TCP_FAST_INTERVAL), (unsigned int)(pcb->cwnd / mss),
		   pcb->ssthresh >= TCP_SND_BUF ? -1 : (int)(pcb->ssthresh / mss));
}

/*
 * A half-open connection or a TIME_WAIT one: Linux prints these from a
 * request_sock (get_openreq4) or a timewait sock (get_timewait4_sock),
 * neither of which has a socket, queues or the columns after the
 * pointer.  lwIP's SYN_RCVD pcb times its SYN-ACK with the retransmit
 * timer (tr 1); TIME_WAIT (tr 3) lasts 2 * TCP_MSL from the last segment.
 */
static void get_short4_sock(struct seq_file *m, const struct tcp_pcb *pcb, int i)
{
	struct inet4_row r = { 0 };

	tcp4_row_addrs(&r, pcb);
	if (pcb->state == TIME_WAIT) {
		r.timer = 3;
		r.when_ms = (long)(2 * TCP_MSL) -
			    (long)(tcp_ticks - pcb->tmr) * TCP_SLOW_INTERVAL;
		r.ref = 1;		/* lwIP's TIME_WAIT list */
	} else {
		r.timer = 1;
		r.when_ms = (long)(pcb->rto - pcb->rtime) * TCP_SLOW_INTERVAL;
		r.retrnsmt = pcb->nrtx;
	}
	inet4_seq_row(m, 4, i, &r);
}

/* Linux's tcp4_seq_show: one pcb, by the kind of sock Linux would have,
 * as one whole line; false once the buffer is full. */
static bool tcp4_seq_show(struct seq_file *m, const struct tcp_pcb *pcb, int i,
			  bool v6)
{
	size_t start = m->count;

	seq_setwidth(m, v6 ? 0 : TCP4_WIDTH);	/* tcp6 is not padded */
	if (pcb->state == LISTEN)
		get_listen4_sock(m, pcb, i);
	else if (pcb->state == SYN_RCVD || pcb->state == TIME_WAIT)
		get_short4_sock(m, pcb, i);
	else
		get_tcp4_sock(m, pcb, i);
	return seq_line_end(m, start);
}

static void tcp_proc_show(struct seq_file *m, bool v6)
{
	/* Listeners first, then the rest, as Linux walks its hash tables;
	 * a tcp_pcb_listen starts as a tcp_pcb does (lwIP's own lists mix
	 * them the same way, tcp_pcb_lists). */
	struct tcp_pcb *const *lists[] = {
		&tcp_listen_pcbs.pcbs, &tcp_active_pcbs, &tcp_tw_pcbs,
	};
	bool room = true;
	int sl = 0;

	if (!(v6 ? seq_header(m, 0, TCP6_HEADER " timeout inode")
		 : seq_header(m, TCP4_WIDTH, "  sl  local_address rem_address   st "
			      "tx_queue rx_queue tr tm->when retrnsmt   uid  "
			      "timeout inode")))
		return;
	lwip_core_lock();
	for (size_t l = 0; l < ARRAY_SIZE(lists); l++)
		for (struct tcp_pcb *pcb = *lists[l]; pcb && room; pcb = pcb->next)
			if (inet_pcb_v6(inet_tcp_pcb_sk(pcb), &pcb->local_ip) == v6)
				room = tcp4_seq_show(m, pcb, sl++, v6);
	lwip_core_unlock();
}

void tcp4_proc_show(struct seq_file *m)
{
	tcp_proc_show(m, false);
}

void tcp6_proc_show(struct seq_file *m)
{
	tcp_proc_show(m, true);
}

/* --- /proc/net/udp and udp6 --- */

/*
 * Linux's udp4_format_sock.  A socket is ESTABLISHED once connected,
 * CLOSE otherwise.  tx_queue is 0: lwIP sends a datagram within the
 * call.  rx_queue counts the payload bytes waiting, where Linux counts
 * the buffers' memory (more than the bytes, and never 0 when one waits).
 */
static bool udp4_format_sock(struct seq_file *m, const struct udp_pcb *pcb,
			     int bucket)
{
	struct inet_sock *isk = udp_pcb_sk(pcb);
	struct inet4_row r = { 0 };
	size_t start = m->count;

	r.v6 = inet_pcb_v6(isk, &pcb->local_ip);
	seq_setwidth(m, r.v6 ? 0 : UDP4_WIDTH);
	ip_addr_copy(r.src, pcb->local_ip);
	r.srcp = pcb->local_port;
	r.state = TCP_CLOSE;
	if (pcb->flags & UDP_FLAGS_CONNECTED) {
		ip_addr_copy(r.dst, pcb->remote_ip);
		r.dstp = pcb->remote_port;
		r.state = TCP_ESTABLISHED;
	}
	r.rx_queue = isk ? (u32)isk->rcv_queued : 0;
	inet4_row_sk(&r, isk);
	inet4_seq_row(m, 5, bucket, &r);
	seq_printf(m, " %u", isk ? isk->sk.sk_drops : 0);
	return seq_line_end(m, start);
}

/*
 * sl is the socket's bucket in Linux's table of UDP ports: the port
 * modulo the table size (Linux adds a random per-namespace value first;
 * we have one namespace and no need).  Linux lists bucket by bucket, so
 * we do too, walking lwIP's one list once per bucket: with at most
 * MEMP_NUM_UDP_PCB (64) sockets, some 16,000 steps.
 */
static void udp_proc_show(struct seq_file *m, bool v6)
{
	bool room = true;

	if (!(v6 ? seq_header(m, 0, TCP6_HEADER " timeout inode ref pointer drops")
		 : seq_header(m, UDP4_WIDTH, "   sl  local_address rem_address   st "
			      "tx_queue rx_queue tr tm->when retrnsmt   uid  "
			      "timeout inode ref pointer drops")))
		return;
	lwip_core_lock();
	for (int bucket = 0; bucket < UDP_HTABLE_SIZE && room; bucket++)
		for (struct udp_pcb *pcb = udp_pcbs; pcb && room; pcb = pcb->next)
			if ((pcb->local_port & (UDP_HTABLE_SIZE - 1)) == bucket &&
			    inet_pcb_v6(udp_pcb_sk(pcb), &pcb->local_ip) == v6)
				room = udp4_format_sock(m, pcb, bucket);
	lwip_core_unlock();
}

void udp4_proc_show(struct seq_file *m)
{
	udp_proc_show(m, false);
}

void udp6_proc_show(struct seq_file *m)
{
	udp_proc_show(m, true);
}

/* --- /proc/net/if_inet6 --- */

/*
 * Linux's if6_seq_show: each IPv6 address of each interface, as 32 hex
 * digits, then the interface's index, the prefix length, the scope
 * (IPV6_ADDR_* bits) and the flags (IFA_F_*: permanent 0x80, tentative
 * 0x40), all in hex, and the interface's name.  From dev_snapshot,
 * which takes the lock itself; nothing here sleeps.
 */
void if_inet6_proc_show(struct seq_file *m)
{
	struct ifinfo *tab = kmalloc(NET_MAX_IFACES * sizeof(*tab), GFP_KERNEL);

	if (!tab)
		return;
	int n = dev_snapshot(tab, NET_MAX_IFACES);
	for (int i = 0; i < n; i++)
		for (int j = 0; j < tab[i].nr_ip6; j++) {
			const struct ifinfo_ip6 *a = &tab[i].ip6[j];
			size_t start = m->count;
			for (int k = 0; k < 16; k++)
				seq_printf(m, "%02x", a->addr[k]);
			seq_printf(m, " %02x %02x %02x %02x %8s", tab[i].ifindex,
				   a->prefixlen, a->scope,
				   (a->autoconf ? 0 : 0x80) | (a->tentative ? 0x40 : 0),
				   tab[i].name);
			seq_setwidth(m, 0);
			if (!seq_line_end(m, start))
				goto out;
		}
out:
	kfree(tab);
}
