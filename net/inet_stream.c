/*
 * inet_stream.c - AF_INET stream sockets on lwIP's raw TCP API: the
 * callbacks lwIP makes (the start of the wake-up chain) and the life of
 * a connection: bind, listen, accept, shutdown, release.  The data path
 * and poll are in net/tcp.c.
 *
 * The chain, receive side: knetd runs tcp_input, which calls
 * inet_tcp_recv; that queues the pbuf on the sock and calls
 * sk->sk_data_ready = sock_def_readable, which wakes sk_sleep(sk) with
 * EPOLLIN: the task in read() or poll() runs, and epoll's
 * ep_poll_callback (hung there by epoll_ctl through inet_tcp_poll's
 * poll_wait) queues its epitem.  Likewise inet_tcp_sent ->
 * sk_write_space (EPOLLOUT), inet_tcp_accept -> the listener's
 * sk_data_ready, inet_tcp_err and inet_tcp_connected -> sk_state_change.
 *
 * Flow control: received bytes stay queued (their window closed) until
 * read; inet_tcp_recvmsg gives the window back with lwIP's tcp_recved.
 * A full send buffer gives EAGAIN, or a sleep until inet_tcp_sent finds
 * room.
 *
 * LOCKING: lwip_core_lock() is held in every callback (lwIP makes them
 * from the network thread, or from inside our own lwIP calls) and taken
 * by every operation around its lwIP calls and inet_sock fields; it is
 * dropped before sleeping.  Nothing here touches user memory: the data
 * is copied in and out by net/tcp.c with the lock dropped, and
 * addresses by net/socket.c (the user-copy rule, kernel/spinlock.h).
 */
#include "kernel/kernel.h"
#include "kernel/errno.h"
#include "kernel/mm.h"
#include "kernel/sched.h"
#include "kernel/signal.h"
#include "net/inet_sock.h"
#include "lwip/tcp.h"
#include "lwip/priv/tcp_priv.h"
#include "net/lwip/lwip_port.h"
#include "lwip/ip4.h"
#include "kernel/chaintrace.h"

/* --- lwIP's callbacks (network thread or our calls; lock held) --- */

static err_t inet_tcp_recv(void *arg, struct tcp_pcb *pcb, struct pbuf *p, err_t err)
{
	struct inet_sock *isk = arg;

	(void)err;
	trace_chain_sk(CHAIN_INET_TCP_RECV, &isk->sk, p ? p->tot_len : 0);
	if (!p) {			/* the peer's FIN */
		isk->rcv_fin = true;
		isk->sk.sk_shutdown |= RCV_SHUTDOWN;
		if (isk->fin_sent) {	/* both ways closed: lwIP finishes */
			inet_tcp_attach(NULL, pcb);
			isk->pcb.tcp = NULL;
			isk->sk_state = TCP_CLOSE;
		}
		isk->sk.sk_state_change(&isk->sk);
		return ERR_OK;
	}
	isk->rcv_queued += p->tot_len;
	isk->rcv_tail_seq += p->tot_len;
	if (isk->rcv_queue)
		pbuf_cat(isk->rcv_queue, p);
	else
		isk->rcv_queue = p;
	isk->sk.sk_data_ready(&isk->sk);
	return ERR_OK;
}

/* --- flow control: SO_SNDBUF and SO_RCVBUF --- */

/*
 * The bytes tcp_write may take now.  lwIP's own limit is TCP_SND_BUF
 * queued (unsent and unacknowledged: pcb->snd_buf is what is left of
 * it; tcp_sndbuf says at most 64 KiB of it, what one tcp_write takes);
 * a socket whose SO_SNDBUF was set keeps its queue within sk_sndbuf,
 * the doubled value, as Linux's sk_stream_memory_free compares
 * sk_wmem_queued with it (for full-sized segments their truesize is
 * about their payload).  Lock held.
 */
u32 inet_tcp_send_room(struct inet_sock *isk)
{
	struct tcp_pcb *pcb = isk->pcb.tcp;
	u32 free = tcp_sndbuf(pcb), queued = TCP_SND_BUF - pcb->snd_buf;

	if (tcp_sndqueuelen(pcb) >= TCP_SND_QUEUELEN)
		return 0;
	if (isk->sndbuf_lock && (u32)isk->sndbuf < TCP_SND_BUF)
		free = queued < (u32)isk->sndbuf ? MIN(free, isk->sndbuf - queued) : 0;
	return free;
}

/* Linux's sk_stream_is_writeable: free space at least half of what is
 * queued, so that EPOLLOUT means a write of some size will succeed. */
bool inet_tcp_writable(struct inet_sock *isk)
{
	struct tcp_pcb *pcb = isk->pcb.tcp;

	if (!pcb || isk->sk_state != TCP_ESTABLISHED)
		return true;
	u32 free = inet_tcp_send_room(isk), queued = TCP_SND_BUF - pcb->snd_buf;
	if (!isk->sndbuf_lock || (u32)isk->sndbuf >= TCP_SND_BUF)
		free = pcb->snd_buf;
	return free && free * 2 >= queued &&
	       tcp_sndqueuelen(pcb) <= TCP_SND_QUEUELEN / 2;
}

/*
 * The receive window's ceiling: lwIP's TCP_WND, or, once SO_RCVBUF was
 * set, half of sk_rcvbuf (Linux's tcp_full_space with tcp_adv_win_scale
 * 1: the other half pays for the sk_buffs), never below TCP_RCV_WND_MIN:
 * lwIP moves the edge of the window it announces only a whole segment
 * at a time (its silly-window avoidance), so a window of one segment
 * is announced as less than one, and lwIP's sender (ours on loopback)
 * sends only segments that fit, or else waits for its persist timer.
 */
#define TCP_RCV_WND_MIN	(2 * TCP_MSS)
static u32 inet_tcp_window_max(struct inet_sock *isk)
{
	if (!isk->rcvbuf_lock)
		return TCP_WND;
	return MIN(MAX((u32)isk->rcvbuf / 2, (u32)TCP_RCV_WND_MIN), (u32)TCP_WND);
}

static err_t inet_tcp_accept(void *arg, struct tcp_pcb *newpcb, err_t err);

/*
 * A connection's first window (LWIP_HOOK_TCP_OUT_TCPOPT_LENGTH, called
 * as lwIP builds each segment, a SYN or SYN-ACK first; len is the
 * options' length, returned as is).  While the handshake is under way
 * no data has been taken in, so the window may be set outright: the
 * connecting socket's ceiling for its SYN, the listener's for the
 * SYN-ACK of a connection it will hand to accept().  Lock held.
 */
unsigned char inet_tcp_optlen_hook(const struct tcp_pcb *cpcb, unsigned char len)
{
	if (!cpcb || (cpcb->state != SYN_SENT && cpcb->state != SYN_RCVD))
		return len;
	struct tcp_pcb *pcb = (struct tcp_pcb *)cpcb;	/* (tcp_rst's is const) */
	struct inet_sock *isk = NULL;
	if (pcb->state == SYN_SENT)
		isk = inet_tcp_pcb_sk(pcb);
	else if (pcb->listener && pcb->listener->accept == inet_tcp_accept)
		isk = pcb->listener->callback_arg;
	if (isk && isk->rcvbuf_lock)
		pcb->rcv_wnd = pcb->rcv_ann_wnd = inet_tcp_window_max(isk);
	return len;
}

/*
 * Move the window's ceiling to what SO_RCVBUF says, once the connection
 * is open (its first one was set by inet_tcp_optlen_hook).  lwIP opens
 * its window to TCP_WND as tcp_recved gives bytes back; a lower ceiling
 * holds back as much of what the next reads give (rcv_owed), since
 * lwIP drops what arrives past pcb->rcv_wnd even inside the window it
 * announced.  A higher one gives the difference back.  Lock held.
 */
void inet_tcp_clamp_window(struct inet_sock *isk)
{
	struct tcp_pcb *pcb = isk->pcb.tcp;

	if (!pcb || isk->sk_state != TCP_ESTABLISHED)
		return;
	u32 want = inet_tcp_window_max(isk);
	u32 have = isk->window_clamp ? isk->window_clamp : TCP_WND;
	if (want < have) {
		isk->rcv_owed += have - want;
	} else if (want > have) {
		u32 d = want - have, back = MIN(d, isk->rcv_owed);
		isk->rcv_owed -= back;
		if (d > back)
			tcp_recved(pcb, d - back);
	}
	isk->window_clamp = want;
}

/*
 * n bytes were read: open the window by as much, less what is owed to a
 * lower ceiling.  lwIP announces a reopened window at once only when it
 * grew by TCP_WND_UPDATE_THRESHOLD (four segments), more than a small
 * ceiling ever opens: then a quarter of the ceiling is worth an ACK of
 * its own, or the sender would wait for a delayed ACK (Linux's
 * tcp_cleanup_rbuf sends one when the window has doubled).  Lock held.
 */
void inet_tcp_rcv_space(struct inet_sock *isk, size_t n)
{
	struct tcp_pcb *pcb = isk->pcb.tcp;
	size_t owed = MIN(n, (size_t)isk->rcv_owed);

	isk->rcv_owed -= owed;
	n -= owed;
	while (n && pcb) {
		u16 step = MIN(n, 0xffffu);
		u32 before = pcb->rcv_ann_wnd;
		tcp_recved(pcb, step);
		u32 grown = pcb->rcv_ann_wnd - before;
		if (isk->window_clamp && isk->window_clamp < TCP_WND &&
		    pcb->rcv_ann_wnd > before && grown < TCP_WND_UPDATE_THRESHOLD &&
		    grown >= isk->window_clamp / 4) {
			tcp_ack_now(pcb);
			tcp_output(pcb);
		}
		n -= step;
	}
}

static err_t inet_tcp_sent(void *arg, struct tcp_pcb *pcb, u16_t len)
{
	struct inet_sock *isk = arg;

	trace_chain_sk(CHAIN_INET_TCP_SENT, &isk->sk, len);
	inet_tcp_urg_acked(isk, pcb);
	if (inet_tcp_writable(isk))
		isk->sk.sk_write_space(&isk->sk);
	return ERR_OK;
}

/* lwIP has freed the pcb: a reset, a time-out, or the last ACK. */
static void inet_tcp_err(void *arg, err_t err)
{
	struct inet_sock *isk = arg;
	int code;

	if (err == ERR_CLSD)
		code = 0;
	else if (err == ERR_RST && isk->sk_state == TCP_SYN_SENT)
		code = ECONNREFUSED;
	else if (err == ERR_RST && isk->rcv_fin && !isk->fin_sent)
		code = EPIPE;		/* reset in CLOSE_WAIT, as Linux's tcp_reset */
	else if (err == ERR_ABRT)
		code = ETIMEDOUT;
	else
		code = ECONNRESET;
	isk->pcb.tcp = NULL;
	isk->sk_state = TCP_CLOSE;
	isk->sk.sk_shutdown = SHUTDOWN_MASK;	/* Linux's tcp_done */
	if (code)
		isk->sk.sk_err = code;
	isk->sk.sk_state_change(&isk->sk);
}

/*
 * An established connection: if its route's device cuts TCP segments
 * (ethernetif_gso_mss), lwIP's send MSS becomes many wire segments
 * long.  mss_cache keeps the wire's, for /proc/net/tcp.  Lock held.
 */
static void inet_tcp_gso(struct inet_sock *isk, struct tcp_pcb *pcb)
{
	isk->mss_cache = pcb->mss;
	u16 gso = ethernetif_gso_mss(ip_route(&pcb->local_ip, &pcb->remote_ip),
				     pcb->mss, pcb->snd_wnd_max);
	if (gso)
		pcb->mss = gso;
}

static err_t inet_tcp_connected(void *arg, struct tcp_pcb *pcb, err_t err)
{
	struct inet_sock *isk = arg;

	(void)err;
	isk->sk_state = TCP_ESTABLISHED;
	ip_addr_copy(isk->saddr, pcb->local_ip);
	isk->sport = pcb->local_port;
	inet_tcp_urg_init(isk, pcb->rcv_nxt);
	inet_tcp_gso(isk, pcb);
	isk->sk.sk_state_change(&isk->sk);
	return ERR_OK;
}

void inet_tcp_apply_options(struct inet_sock *isk)
{
	struct tcp_pcb *pcb = isk->pcb.tcp;

	ip_sock_apply(isk);
	if (!pcb || isk->sk_state == TCP_LISTEN)
		return;		/* a tcp_pcb_listen has no such fields */
	if (isk->nodelay)
		tcp_nagle_disable(pcb);
	else
		tcp_nagle_enable(pcb);
	inet_tcp_clamp_window(isk);
	if (isk->keepalive)
		ip_set_option(pcb, SOF_KEEPALIVE);
	else
		ip_reset_option(pcb, SOF_KEEPALIVE);
	/* lwIP's tcp_slowtmr probes after keep_idle ms without a word
	 * from the peer, every keep_intvl ms, and gives up (ERR_ABRT:
	 * ETIMEDOUT, inet_tcp_err) after keep_cnt unanswered probes. */
	pcb->keep_idle = (u32_t)keepalive_time_when(isk) * 1000;
	pcb->keep_intvl = (u32_t)keepalive_intvl_when(isk) * 1000;
	pcb->keep_cnt = (u32_t)keepalive_probes(isk);
}

/* A connection completed its handshake on a listener: queue it for
 * accept() with its own inet_sock, so that data (and a FIN) that come
 * before accept() are kept. */
static err_t inet_tcp_accept(void *arg, struct tcp_pcb *newpcb, err_t err)
{
	struct inet_sock *lst = arg, *child;

	if (err != ERR_OK || !newpcb || !lst || lst->sk_state != TCP_LISTEN)
		return ERR_VAL;		/* lwIP resets the connection */
	trace_chain_sk(CHAIN_INET_TCP_ACCEPT, &lst->sk, 0);
	child = inet_sk_alloc();
	if (!child)
		return ERR_MEM;
	inet_sock_init_child(child, lst);
	child->window_clamp = inet_tcp_window_max(child);	/* the SYN-ACK's */
	trace_chain_born(&child->sk);
	child->sk_state = TCP_ESTABLISHED;
	child->bound = true;
	ip_addr_copy(child->saddr, newpcb->local_ip);
	child->sport = newpcb->local_port;
	ip_addr_copy(child->daddr, newpcb->remote_ip);
	child->dport = newpcb->remote_port;
	child->pcb.tcp = newpcb;
	inet_tcp_urg_init(child, newpcb->rcv_nxt);
	inet_tcp_attach(child, newpcb);
	inet_tcp_apply_options(child);
	inet_tcp_gso(child, newpcb);
	/* It counts against the backlog until accept() takes it. */
	tcp_backlog_delayed(newpcb);
	list_add_tail(&child->accept_node, &lst->accept_queue);
	lst->acceptq_len++;
	lst->sk.sk_data_ready(&lst->sk);
	return ERR_OK;
}

/* --- the pcb --- */

/* Point pcb's callbacks at isk, or (isk NULL) at nothing. */
void inet_tcp_attach(struct inet_sock *isk, struct tcp_pcb *pcb)
{
	tcp_arg(pcb, isk);
	tcp_recv(pcb, isk ? inet_tcp_recv : NULL);
	tcp_sent(pcb, isk ? inet_tcp_sent : NULL);
	tcp_err(pcb, isk ? inet_tcp_err : NULL);
}

/* The inet_sock pcb works for, or NULL: an orphan that lwIP finishes
 * alone, or a pcb of the kernel's own lwIP users (net/nettest.c), whose
 * arg is theirs.  Our callbacks are what mark a pcb as ours.  Lock held. */
struct inet_sock *inet_tcp_pcb_sk(const struct tcp_pcb *pcb)
{
	const struct tcp_pcb_listen *lpcb = (const struct tcp_pcb_listen *)pcb;
	bool ours = pcb->state == LISTEN ? lpcb->accept == inet_tcp_accept
					 : pcb->recv == inet_tcp_recv;

	return ours ? pcb->callback_arg : NULL;
}

/* A fresh pcb if the last one is gone (after a failed connect). */
int inet_tcp_sk_ensure_pcb(struct inet_sock *isk)
{
	if (isk->pcb.tcp)
		return 0;
	struct tcp_pcb *pcb = tcp_new_ip_type(inet_pcb_type(isk));
	if (!pcb)
		return -ENOBUFS;
	isk->pcb.tcp = pcb;
	isk->bound = false;
	inet_tcp_attach(isk, pcb);
	inet_tcp_apply_options(isk);
	inet6_apply_options(isk);
	return 0;
}

int inet_tcp_sk_init(struct inet_sock *isk)
{
	return inet_tcp_sk_ensure_pcb(isk);
}

/* Let lwIP finish (or reset) the connection without us.  Unread data,
 * or SO_LINGER with no time, means a reset, as on Linux. */
static void inet_tcp_sk_drop_pcb(struct inet_sock *isk, bool reset)
{
	struct tcp_pcb *pcb = isk->pcb.tcp;

	if (!pcb)
		return;
	isk->pcb.tcp = NULL;
	if (isk->sk_state == TCP_LISTEN) {
		tcp_arg(pcb, NULL);
		tcp_accept(pcb, NULL);
		tcp_close(pcb);		/* never fails for a listener */
		return;
	}
	inet_tcp_attach(NULL, pcb);
	/* Everything was read (else reset): lwIP's tcp_close sends a FIN
	 * only if its window is whole again, so give back what SO_RCVBUF
	 * held back. */
	if (!reset && isk->window_clamp && pcb->state != LISTEN)
		pcb->rcv_wnd = TCP_WND_MAX(pcb);
	if (reset || tcp_close(pcb) != ERR_OK)
		tcp_abort(pcb);
}

static void inet_tcp_purge_rcv(struct inet_sock *isk)
{
	if (isk->rcv_queue)
		pbuf_free(isk->rcv_queue);
	isk->rcv_queue = NULL;
	isk->rcv_queued = 0;
}

/* Reset every connection still waiting for accept(). */
static void inet_tcp_listen_stop(struct inet_sock *lst)
{
	struct inet_sock *child, *tmp;

	list_for_each_entry_safe(child, tmp, &lst->accept_queue, accept_node) {
		list_del_init(&child->accept_node);
		inet_tcp_sk_drop_pcb(child, true);
		inet_tcp_purge_rcv(child);
		inet_sk_free(child);
	}
	lst->acceptq_len = 0;
	inet_tcp_sk_drop_pcb(lst, false);
	lst->sk_state = TCP_CLOSE;
}

/* shutdown(SHUT_WR), or the end of a listener or a connect.  Lock held. */
int inet_tcp_shutdown_send(struct inet_sock *isk)
{
	struct tcp_pcb *pcb = isk->pcb.tcp;

	if (isk->sk_state == TCP_LISTEN) {
		inet_tcp_listen_stop(isk);
		return 0;
	}
	if (isk->sk_state == TCP_SYN_SENT) {
		inet_tcp_sk_drop_pcb(isk, false);
		isk->sk_state = TCP_CLOSE;
		return 0;
	}
	if (!pcb || isk->fin_sent)
		return 0;
	isk->fin_sent = true;
	tcp_shutdown(pcb, 0, 1);
	if (isk->rcv_fin) {		/* both ways closed: lwIP finishes */
		inet_tcp_attach(NULL, pcb);
		isk->pcb.tcp = NULL;
		isk->sk_state = TCP_CLOSE;
	}
	return 0;
}

/* --- proto_ops (process context) --- */

int inet_release(struct socket *sock)
{
	struct sock *sk = sock->sk;

	if (!sk)
		return 0;
	struct inet_sock *isk = inet_sk(sk);
	lwip_core_lock();
	if (isk->sk_state == TCP_LISTEN)
		inet_tcp_listen_stop(isk);
	else
		inet_tcp_sk_drop_pcb(isk, isk->rcv_queued ||
				(isk->linger_onoff && !isk->linger_secs));
	inet_tcp_purge_rcv(isk);
	isk->sk_state = TCP_CLOSE;
	lwip_core_unlock();
	sk->sk_socket = NULL;
	sock->sk = NULL;
	sock_put(sk);
	return 0;
}

/* Linux's bind with SO_REUSEADDR still refuses a port that a listener
 * holds on an overlapping address (inet_csk_bind_conflict); lwIP's
 * tcp_bind lets two REUSEADDR pcbs share it, so look here first.
 * Context: lwip_core_lock() held. */
static bool tcp_listener_on(const ip_addr_t *a, u16 port)
{
	struct tcp_pcb_listen *l;

	for (l = tcp_listen_pcbs.listen_pcbs; l; l = l->next)
		if (l->local_port == port && inet_addr_overlap(&l->local_ip, a))
			return true;
	return false;
}

int inet_tcp_bind(struct socket *sock, struct sockaddr_storage *addr, int len)
{
	struct inet_sock *isk = inet_sk(sock->sk);
	ip_addr_t a;
	u16 port;
	int err = inet_addr_from(isk, addr, len, &a, &port);

	if (err)
		return err;
	lwip_core_lock();
	if ((err = inet_bind_addr(isk, &a)))
		;
	else if (inet_port_requires_bind_service(port))
		err = -EACCES;
	else if (isk->bound || isk->sk_state != TCP_CLOSE)
		err = -EINVAL;
	else if (!(err = inet_tcp_sk_ensure_pcb(isk))) {
		/* Linux: SO_REUSEADDR lets bind take a port whose old
		 * connections are still in TIME-WAIT (a listener on it still
		 * refuses: tcp_listen checks). */
		if (isk->reuseaddr)
			ip_set_option(isk->pcb.tcp, SOF_REUSEADDR);
		else
			ip_reset_option(isk->pcb.tcp, SOF_REUSEADDR);
		err_t e = port && isk->reuseaddr && tcp_listener_on(&a, port) ?
			  ERR_USE : tcp_bind(isk->pcb.tcp, &a, port);
		if (e == ERR_OK) {
			isk->bound = true;
			ip_addr_copy(isk->saddr, a);
			isk->sport = isk->pcb.tcp->local_port;
		} else {
			err = -EADDRINUSE;
		}
	}
	lwip_core_unlock();
	return err;
}

static int inet_listen_locked(struct inet_sock *isk, int backlog)
{
	u8 lwip_backlog = MIN(backlog + 1, 255);
	err_t e = ERR_OK;

	if (isk->sk_state == TCP_LISTEN) {
		tcp_backlog_set(isk->pcb.tcp, lwip_backlog);
		return 0;
	}
	if (isk->sk_state != TCP_CLOSE)
		return -EINVAL;
	int err = inet_tcp_sk_ensure_pcb(isk);
	if (err)
		return err;
	if (!isk->bound) {		/* Linux's autobind: any port */
		ip_addr_t any;
		inet_any_addr(isk, &any);
		if (tcp_bind(isk->pcb.tcp, &any, 0) != ERR_OK)
			return -EADDRINUSE;
		isk->bound = true;
		isk->sport = isk->pcb.tcp->local_port;
	}
	struct tcp_pcb *lpcb = tcp_listen_with_backlog_and_err(isk->pcb.tcp,
							       lwip_backlog, &e);
	if (!lpcb)
		return e == ERR_USE ? -EADDRINUSE : -ENOBUFS;
	isk->pcb.tcp = lpcb;		/* the old pcb is freed */
	tcp_arg(lpcb, isk);
	tcp_accept(lpcb, inet_tcp_accept);
	isk->sk_state = TCP_LISTEN;
	return 0;
}

int inet_listen(struct socket *sock, int backlog)
{
	struct inet_sock *isk = inet_sk(sock->sk);

	if (sock->state != SS_UNCONNECTED)
		return -EINVAL;
	lwip_core_lock();
	int err = inet_listen_locked(isk, backlog);
	if (!err)
		isk->backlog = backlog;
	lwip_core_unlock();
	return err;
}

static bool inet_accept_ready(struct inet_sock *isk)
{
	return !list_empty(&isk->accept_queue) || READ_ONCE(isk->sk_state) != TCP_LISTEN;
}

int inet_accept(struct socket *sock, struct socket *newsock, int flags)
{
	struct inet_sock *isk = inet_sk(sock->sk), *child;
	long timeo = sock_rcvtimeo(&isk->sk, flags & O_NONBLOCK);	/* SO_RCVTIMEO */

	lwip_core_lock();
	for (;;) {
		if (isk->sk_state != TCP_LISTEN) {
			lwip_core_unlock();
			return -EINVAL;
		}
		if (!list_empty(&isk->accept_queue))
			break;
		lwip_core_unlock();
		if (!timeo)
			return -EAGAIN;
		int err = sk_wait_event(&isk->sk, &timeo, inet_accept_ready(isk));
		if (err)
			return err;
		lwip_core_lock();
	}
	child = list_first_entry(&isk->accept_queue, struct inet_sock, accept_node);
	list_del_init(&child->accept_node);
	isk->acceptq_len--;
	if (child->pcb.tcp)
		tcp_backlog_accepted(child->pcb.tcp);
	inet_sock_graft(newsock, child);
	newsock->state = SS_CONNECTED;
	lwip_core_unlock();
	return 0;
}

int inet_tcp_getname(struct socket *sock, struct sockaddr_storage *addr, int peer)
{
	struct inet_sock *isk = inet_sk(sock->sk);
	int len = 0;

	lwip_core_lock();
	if (peer) {
		if (isk->sk_state == TCP_CLOSE || isk->sk_state == TCP_SYN_SENT ||
		    isk->sk_state == TCP_LISTEN)
			len = -ENOTCONN;
		else
			len = inet_fill_addr(isk, addr, &isk->daddr, isk->dport);
	} else if (isk->pcb.tcp && isk->sk_state != TCP_LISTEN) {
		len = inet_fill_addr(isk, addr, &isk->pcb.tcp->local_ip,
				     isk->pcb.tcp->local_port);
	} else {
		len = inet_fill_addr(isk, addr, &isk->saddr, isk->sport);
	}
	lwip_core_unlock();
	return len;
}

/* connect(AF_UNSPEC): Linux's tcp_disconnect, a reset and a fresh pcb. */
static int inet_tcp_disconnect(struct socket *sock, struct inet_sock *isk)
{
	if (isk->sk_state == TCP_LISTEN)
		inet_tcp_listen_stop(isk);
	else
		inet_tcp_sk_drop_pcb(isk, true);
	inet_tcp_purge_rcv(isk);
	isk->sk_state = TCP_CLOSE;
	isk->sk.sk_shutdown = 0;
	isk->rcv_fin = isk->fin_sent = false;
	sock->state = SS_UNCONNECTED;
	return inet_tcp_sk_ensure_pcb(isk);
}

/* Send the SYN.  Lock held. */
static int inet_tcp_start_connect(struct socket *sock, struct inet_sock *isk,
				  const ip_addr_t *a, u16 port)
{
	int err;

	if (isk->sk_state != TCP_CLOSE)
		return -EISCONN;
	if ((err = inet_tcp_sk_ensure_pcb(isk)))
		return err;
	err_t e = tcp_connect(isk->pcb.tcp, a, port, inet_tcp_connected);
	if (e == ERR_RTE)
		return -ENETUNREACH;
	if (e == ERR_USE)
		return -EADDRNOTAVAIL;
	if (e != ERR_OK)
		return -ENOBUFS;
	isk->sk.sk_shutdown = 0;
	isk->rcv_fin = isk->fin_sent = false;
	isk->bound = true;
	ip_addr_copy(isk->daddr, *a);
	isk->dport = port;
	ip_addr_copy(isk->saddr, isk->pcb.tcp->local_ip);
	isk->sport = isk->pcb.tcp->local_port;
	isk->sk_state = TCP_SYN_SENT;
	isk->window_clamp = inet_tcp_window_max(isk);	/* the SYN's (the hook) */
	isk->rcv_owed = 0;
	sock->state = SS_CONNECTING;
	return -EINPROGRESS;
}

static bool inet_connect_done(struct inet_sock *isk)
{
	return READ_ONCE(isk->sk_state) != TCP_SYN_SENT;
}

/* Linux's __inet_stream_connect, its states and errors: EINPROGRESS
 * then EALREADY while the SYN is out, 0 once when it completes, EISCONN
 * after; a failure is reported once (sock_error), then ECONNABORTED. */
static int inet_stream_connect_locked(struct socket *sock, struct inet_sock *isk,
				      struct sockaddr_storage *addr, int len,
				      int flags)
{
	ip_addr_t ip;
	u16 port;
	int err;

	if (len >= 2 && addr->ss_family == AF_UNSPEC)
		return inet_tcp_disconnect(sock, isk);
	switch (sock->state) {
	case SS_CONNECTED:
		return -EISCONN;
	case SS_CONNECTING:
		err = -EALREADY;
		break;
	case SS_UNCONNECTED:
		if (len < 2)
			return -EINVAL;
		if (isk->sk_state != TCP_CLOSE)
			return -EISCONN;
		if ((err = inet_addr_from(isk, addr, len, &ip, &port)) ||
		    (err = inet6_dest_addr(isk, &ip)))
			return err;
		err = inet_tcp_start_connect(sock, isk, &ip, port);
		if (err != -EINPROGRESS)
			return err;
		break;
	default:
		return -EINVAL;
	}
	if (isk->sk_state == TCP_SYN_SENT) {
		if (flags & O_NONBLOCK)
			return err;
		lwip_core_unlock();
		int intr = wait_event_interruptible(*sk_sleep(&isk->sk),
						    inet_connect_done(isk));
		lwip_core_lock();
		if (intr)
			return -ERESTARTSYS;
	}
	if (isk->sk_state == TCP_CLOSE) {
		err = sock_error(&isk->sk);
		sock->state = SS_UNCONNECTED;
		return err ? err : -ECONNABORTED;
	}
	sock->state = SS_CONNECTED;
	return 0;
}

int inet_stream_connect(struct socket *sock, struct sockaddr_storage *addr,
			int len, int flags)
{
	lwip_core_lock();
	int err = inet_stream_connect_locked(sock, inet_sk(sock->sk), addr, len, flags);
	lwip_core_unlock();
	return err;
}
