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
 * the TIME-WAIT pcb and is dropped; the client sends it again a second
 * later (its SYN retransmission) and the listener takes it then.  lwIP
 * cannot be handed the segment a second time from inside its own input.
 *
 * Context: the network thread or a socket call, lwip_core_lock() held.
 */
#include "kernel/kernel.h"
#include "lwip/tcp.h"
#include "lwip/priv/tcp_priv.h"
#include "lwip/prot/tcp.h"

/* Number of TIME-WAIT connections ended by a new SYN, for the curious. */
unsigned long tcp_tw_recycled;

/* ERR_ABRT (drop the segment) if it was such a SYN; the header is in host
 * order (tcp_input converted it). */
err_t tcp_timewait_syn(struct tcp_pcb *pcb, const struct tcp_hdr *hdr)
{
	if ((TCPH_FLAGS(hdr) & (TCP_SYN | TCP_ACK | TCP_RST)) != TCP_SYN ||
	    !TCP_SEQ_GT(hdr->seqno, pcb->rcv_nxt))
		return ERR_OK;
	tcp_abort(pcb);		/* a TIME-WAIT pcb: freed, no RST sent */
	tcp_tw_recycled++;
	return ERR_ABRT;
}
