/*
 * tcp_timewait.c - a new connection's SYN on the ports of one in
 * TIME-WAIT: end the old one, so that the client's next SYN opens the
 * new one, as Linux does.
 *
 * When httpd closes first, our end keeps the connection in TIME-WAIT for
 * 2 * TCP_MSL (60 s).  The client, which closed second, holds nothing,
 * and may pick the same port again at once; its SYN then finds our
 * TIME-WAIT pcb.  lwIP 2.1.3 (tcp_in.c:tcp_timewait_input) answers it
 * with a bare ACK of the old connection (or an RST, if the SYN is inside
 * the old window); the client's RST to that ACK is ignored (RFC 1337),
 * and every retransmitted SYN gets the same ACK: the client cannot
 * connect until the minute is over.  Measured with tools/net-churn:
 * 35 of 20,000 connections timed out so.
 *
 * RFC 1122 4.2.2.13 allows a SYN to reopen a connection in TIME-WAIT if
 * its sequence number is beyond the old connection's last one, and
 * Linux does exactly that (tcp_timewait_state_process returns TCP_TW_SYN
 * and the SYN goes to the listener).  Here, through lwIP's hook in front
 * of the TIME-WAIT input (LWIP_HOOK_TCP_INPACKET_PCB), such a SYN ends
 * the TIME-WAIT pcb, and a copy of its datagram is queued on the
 * interface's loopback queue (netif_loop_output), which lwIP delivers as
 * soon as this input is done (netif_poll, before the lock is dropped):
 * the listener takes it then, as if it had just arrived.  lwIP cannot be
 * handed the segment a second time from inside its own input.  If no
 * copy can be made (no memory, options split over pbufs) the SYN is just
 * dropped, and the client's retransmission a second later finds the
 * listener.  The copy counts twice in Ip InReceives.
 *
 * Context: the network thread or a socket call, lwip_core_lock() held.
 */
#include "kernel/kernel.h"
#include "kernel/string.h"
#include "lwip/tcp.h"
#include "lwip/ip.h"
#include "lwip/inet_chksum.h"
#include "lwip/netif.h"
#include "lwip/priv/tcp_priv.h"
#include "lwip/prot/tcp.h"
#include "lwip/prot/ip4.h"

/* Number of TIME-WAIT connections ended by a new SYN, for the curious. */
unsigned long tcp_tw_recycled;

/*
 * The datagram being input, rebuilt from its IP header and hdr (which
 * tcp_input has turned to host order) and queued for input again; p
 * holds what follows the TCP header.  Whether it was queued.
 */
static bool tcp_timewait_requeue(const struct tcp_hdr *hdr, struct pbuf *p)
{
	const struct ip_hdr *iph = ip4_current_header();
	struct netif *inp = ip_current_input_netif();

	if (!iph || !inp)
		return false;
	unsigned ihl = IPH_HL_BYTES(iph), thl = TCPH_HDRLEN_BYTES(hdr);
	unsigned len = ihl + thl + p->tot_len;
	/* The options must be where tcp_input found them, after hdr. */
	if ((const u8 *)p->payload != (const u8 *)hdr + thl || len > 0xffff)
		return false;
	struct pbuf *q = pbuf_alloc(PBUF_RAW, (u16_t)len, PBUF_RAM);
	if (!q)
		return false;
	u8 *b = q->payload;
	memcpy(b, iph, ihl);
	struct ip_hdr *ip = (struct ip_hdr *)b;
	IPH_LEN_SET(ip, lwip_htons((u16_t)len));
	IPH_CHKSUM_SET(ip, 0);
	IPH_CHKSUM_SET(ip, inet_chksum(ip, (u16_t)ihl));
	struct tcp_hdr *t = (struct tcp_hdr *)(b + ihl);
	memcpy(t, hdr, thl);
	t->src = lwip_htons(hdr->src);		/* back to network order */
	t->dest = lwip_htons(hdr->dest);
	t->seqno = lwip_htonl(hdr->seqno);
	t->ackno = lwip_htonl(hdr->ackno);
	t->wnd = lwip_htons(hdr->wnd);
	pbuf_copy_partial(p, b + ihl + thl, p->tot_len, 0);
	err_t err = netif_loop_output(inp, q);	/* it copies q */
	pbuf_free(q);
	return err == ERR_OK;
}

/* ERR_ABRT (drop the segment) if it was such a SYN; the header is in host
 * order (tcp_input converted it). */
err_t tcp_timewait_syn(struct tcp_pcb *pcb, const struct tcp_hdr *hdr,
		       struct pbuf *p)
{
	if ((TCPH_FLAGS(hdr) & (TCP_SYN | TCP_ACK | TCP_RST)) != TCP_SYN ||
	    !TCP_SEQ_GT(hdr->seqno, pcb->rcv_nxt))
		return ERR_OK;
	tcp_timewait_requeue(hdr, p);
	tcp_abort(pcb);		/* a TIME-WAIT pcb: freed, no RST sent */
	tcp_tw_recycled++;
	return ERR_ABRT;
}
