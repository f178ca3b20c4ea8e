/*
 * tcp_urg.c - TCP urgent data (send(MSG_OOB), recv(MSG_OOB),
 * SIOCATMARK, SO_OOBINLINE, EPOLLPRI), with Linux's semantics on top of
 * an lwIP that knows nothing of it: lwIP 2.1.3 builds every header with
 * URG clear and an urgent pointer of 0, and ignores both on input.  Two
 * of its hooks see every header, and that is enough (lwIP itself is
 * not changed):
 *
 *  - LWIP_HOOK_TCP_OUT_ADD_TCPOPTS runs for each segment as it goes
 *    out (tcp_output_segment: data, retransmissions included;
 *    tcp_output_fill_options: pure ACKs, resets), after its header is
 *    built and before the checksum is computed over it (or left to the
 *    NIC): inet_tcp_urg_output sets URG and the urgent pointer there
 *    while the segment starts before snd_up, as Linux's
 *    __tcp_transmit_skb does (not on a reset).
 *  - LWIP_HOOK_TCP_INPACKET_PCB (tcp_in.c:tcp_input) runs for each
 *    segment once its pcb is known, before lwIP processes it:
 *    inet_tcp_urg_input records a new urgent pointer (Linux's
 *    tcp_check_urg) and, when the segment holds the byte it points at,
 *    keeps a copy of that byte (tcp_urg).  The byte also stays in the
 *    stream, which lwIP delivers in order as usual.
 *
 * Linux's names and meanings: the pointer is BSD's (one past the urgent
 * byte; net.ipv4.tcp_stdurg = 0), urg_data is 0, TCP_URG_NOTYET (the
 * pointer is known, the byte has not come), TCP_URG_VALID | the byte,
 * or TCP_URG_READ (recv(MSG_OOB) took it).  A reader stops at the mark
 * (the urgent byte's place in the stream) and, unless SO_OOBINLINE,
 * steps over the byte (tcp_recvmsg); once the reader is past it
 * urg_data is 0 again.  copied_seq, the sequence number of the first
 * byte not yet read, is rcv_tail_seq - rcv_queued.
 *
 * SIGURG: Linux sends it to the socket's owner (F_SETOWN); this kernel
 * has no F_SETOWN yet, so there is nobody to send it to.
 *
 * LOCKING: lwip_core_lock() held everywhere (the hooks run inside
 * lwIP's input and output, which hold it); no user memory is touched.
 */
#include "kernel/kernel.h"
#include "kernel/errno.h"
#include "net/inet_sock.h"
#include "lwip/tcp.h"
#include "lwip/priv/tcp_priv.h"
#include "lwip/prot/tcp.h"

/* Linux's tp->urg_data values (include/net/tcp.h). */
#define TCP_URG_VALID	0x0100
#define TCP_URG_NOTYET	0x0200
#define TCP_URG_READ	0x0400

static u32 inet_tcp_copied_seq(const struct inet_sock *isk)
{
	return isk->rcv_tail_seq - (u32)isk->rcv_queued;
}

/* A new connection's first byte will be seq (its rcv_nxt, when the
 * handshake completes and before any data). */
void inet_tcp_urg_init(struct inet_sock *isk, u32 rcv_nxt)
{
	isk->rcv_tail_seq = rcv_nxt;
	isk->urg_data = 0;
	isk->urg_mode = false;
}

/* --- sending --- */

/* send(MSG_OOB) queued its last byte: the urgent pointer is after it
 * (Linux's tcp_mark_urg: snd_up = write_seq). */
void inet_tcp_mark_urg(struct inet_sock *isk)
{
	isk->snd_up = isk->pcb.tcp->snd_lbb;
	isk->urg_mode = true;
}

/* Everything up to snd_up is acknowledged: urgent mode ends. */
void inet_tcp_urg_acked(struct inet_sock *isk, const struct tcp_pcb *pcb)
{
	if (isk->urg_mode && !TCP_SEQ_LT(pcb->lastack, isk->snd_up))
		isk->urg_mode = false;
}

/* LWIP_HOOK_TCP_OUT_ADD_TCPOPTS: hdr is in network order; opts goes
 * back unchanged (we add no options). */
void *inet_tcp_urg_output(const struct tcp_pcb *pcb, struct tcp_hdr *hdr, void *opts)
{
	/* (a reset may be a listener's, a smaller struct: not looked into) */
	if (!pcb || pcb->state == LISTEN || (TCPH_FLAGS(hdr) & TCP_RST))
		return opts;
	struct inet_sock *isk = inet_tcp_pcb_sk(pcb);
	if (!isk || !isk->urg_mode)
		return opts;
	u32 seq = lwip_ntohl(hdr->seqno);
	if (!TCP_SEQ_LT(seq, isk->snd_up))
		return opts;
	/* A mark more than 64 KiB on: the pointer says "further than
	 * this", while the byte it would name is still unsent. */
	u32 up = isk->snd_up - seq;
	if (up > 0xffff && !TCP_SEQ_GT(seq + 0xffff, pcb->snd_nxt))
		return opts;
	hdr->urgp = lwip_htons(up > 0xffff ? 0xffff : (u16)up);
	TCPH_SET_FLAG(hdr, TCP_URG);
	return opts;
}

/* --- receiving --- */

/* Linux's tcp_check_urg: a segment with URG names a new mark. */
static void inet_tcp_check_urg(struct inet_sock *isk, struct tcp_pcb *pcb,
			       const struct tcp_hdr *hdr)
{
	u32 ptr = lwip_ntohs(hdr->urgp);

	if (ptr)
		ptr--;			/* BSD's pointer: one past the byte */
	ptr += hdr->seqno;
	u32 copied_seq = inet_tcp_copied_seq(isk);
	if (TCP_SEQ_GT(copied_seq, ptr))
		return;			/* read already */
	if (TCP_SEQ_LT(ptr, pcb->rcv_nxt))
		return;			/* received already: not replayed */
	if (isk->urg_data && !TCP_SEQ_GT(ptr, isk->urg_seq))
		return;			/* this one or a newer one is known */
	/* The reader is at the old mark, on the byte it would step over:
	 * step over it now, or the new mark would make it data. */
	if (isk->urg_seq == copied_seq && isk->urg_data &&
	    !sock_flag(&isk->sk, SOCK_URGINLINE) && isk->rcv_queued) {
		isk->rcv_queue = pbuf_free_header(isk->rcv_queue, 1);
		isk->rcv_queued--;
		inet_tcp_rcv_space(isk, 1);
	}
	isk->urg_data = TCP_URG_NOTYET;
	isk->urg_seq = ptr;
}

/* LWIP_HOOK_TCP_INPACKET_PCB (with the zero-window filter): the header
 * in host order but for urgp, p the segment's data. */
void inet_tcp_urg_input(struct tcp_pcb *pcb, const struct tcp_hdr *hdr,
			struct pbuf *p)
{
	/* Listening and TIME-WAIT pcbs are not a connection's (a listening
	 * one is a smaller struct: nothing past the common fields). */
	if (pcb->state < ESTABLISHED || pcb->state == TIME_WAIT)
		return;
	struct inet_sock *isk = inet_tcp_pcb_sk(pcb);
	if (!isk)
		return;
	if ((TCPH_FLAGS(hdr) & (TCP_URG | TCP_SYN)) == TCP_URG)
		inet_tcp_check_urg(isk, pcb, hdr);
	if (isk->urg_data != TCP_URG_NOTYET)
		return;
	/* Linux's tcp_urg: does the byte come in this segment? */
	u32 off = isk->urg_seq - hdr->seqno;
	u8 c;
	if (off < p->tot_len && pbuf_copy_partial(p, &c, 1, (u16_t)off) == 1) {
		isk->urg_data = TCP_URG_VALID | c;
		isk->sk.sk_data_ready(&isk->sk);	/* EPOLLPRI */
	}
}

/* Where a reader stands against the mark (tcp_recvmsg): 0 if at it,
 * else the bytes it may read before it (up to n). */
size_t inet_tcp_urg_before(const struct inet_sock *isk, size_t n)
{
	if (!isk->urg_data)
		return n;
	u32 off = isk->urg_seq - inet_tcp_copied_seq(isk);
	return off < n ? off : n;
}

/* Whether the reader is at the mark on a byte to step over. */
bool inet_tcp_urg_skip(const struct inet_sock *isk)
{
	return isk->urg_data && !sock_flag(&isk->sk, SOCK_URGINLINE) &&
	       isk->urg_seq == inet_tcp_copied_seq(isk);
}

/* The reader moved: past the mark, the urgent data is over. */
void inet_tcp_urg_advance(struct inet_sock *isk)
{
	if (isk->urg_data &&
	    TCP_SEQ_GT(inet_tcp_copied_seq(isk), isk->urg_seq))
		isk->urg_data = 0;
}

/* recv(MSG_OOB), Linux's tcp_recv_urg: the byte into *c, and 1; 0 at
 * the end; -errno. */
int inet_tcp_recv_urg(struct inet_sock *isk, int flags, u8 *c)
{
	if (sock_flag(&isk->sk, SOCK_URGINLINE) || !isk->urg_data ||
	    isk->urg_data == TCP_URG_READ)
		return -EINVAL;		/* Linux: "Yes this is right !" */
	if (isk->sk_state == TCP_CLOSE && !isk->rcv_fin)
		return -ENOTCONN;
	if (isk->urg_data & TCP_URG_VALID) {
		*c = (u8)isk->urg_data;
		if (!(flags & MSG_PEEK))
			isk->urg_data = TCP_URG_READ;
		return 1;
	}
	if (isk->sk_state == TCP_CLOSE || (isk->sk.sk_shutdown & RCV_SHUTDOWN))
		return 0;
	return -EAGAIN;			/* never blocks, as on BSD */
}

/* poll: the urgent byte waits (EPOLLPRI); and how many queued bytes
 * make the socket readable (the urgent byte at the head is not one,
 * unless SO_OOBINLINE). */
bool inet_tcp_urg_pending(const struct inet_sock *isk)
{
	return isk->urg_data & TCP_URG_VALID;
}

size_t inet_tcp_readable_target(const struct inet_sock *isk)
{
	return inet_tcp_urg_skip(isk) ? 2 : 1;
}

/* SIOCATMARK. */
bool inet_tcp_at_mark(const struct inet_sock *isk)
{
	return isk->urg_data && isk->urg_seq == inet_tcp_copied_seq(isk);
}

/* FIONREAD (SIOCINQ), Linux's tcp_inq: with a mark ahead and not
 * inline, the bytes before it. */
size_t inet_tcp_inq(const struct inet_sock *isk)
{
	u32 copied_seq = inet_tcp_copied_seq(isk);

	if (sock_flag(&isk->sk, SOCK_URGINLINE) || !isk->urg_data ||
	    TCP_SEQ_LT(isk->urg_seq, copied_seq) ||
	    !TCP_SEQ_LT(isk->urg_seq, isk->rcv_tail_seq))
		return isk->rcv_queued;
	return isk->urg_seq - copied_seq;
}
