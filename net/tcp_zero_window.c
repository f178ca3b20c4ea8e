/*
 * tcp_zero_window.c - a filter in front of lwIP's TCP input that stops
 * two lwIP endpoints with zero receive windows from acknowledging each
 * other's acknowledgements forever.
 *
 * The bug (lwIP 2.1.3, tcp_in.c:tcp_receive): a segment without data is
 * acknowledged when its sequence number lies outside
 * [rcv_nxt, rcv_nxt + rcv_wnd - 1].  With rcv_wnd == 0 that range is
 * empty, so even a plain ACK at exactly rcv_nxt counts as "outside" and
 * is answered with an ACK.  RFC 793 (3.3, segment acceptability) says
 * otherwise: with a zero window a zero-length segment is acceptable when
 * SEG.SEQ == RCV.NXT.  Linux's tcp_sequence() follows the RFC.
 *
 * When both ends are lwIP (a client and a server over 127.0.0.1 in this
 * kernel) and both applications have stopped reading, both windows are
 * zero and each ACK provokes the next: lwIP's netif_poll() keeps
 * delivering looped-back packets while its queue is non-empty, so the
 * network thread never returns and, holding the lwIP lock with
 * preemption off, freezes the machine.  Over the e1000 the peer is
 * Linux (slirp), which does not answer, so only loopback shows it.
 *
 * We cannot change lwIP (it is Debian's source, unmodified), but lwIP
 * offers LWIP_HOOK_TCP_INPACKET_PCB, called once the segment's pcb is
 * known and its header is in host order.  The filter drops exactly the
 * segments the RFC says need no answer and that carry nothing new: no
 * data, no flags but ACK, at rcv_nxt while our window is zero,
 * acknowledging nothing new (ackno == lastack, with nothing of ours
 * unacknowledged, so it is not a duplicate ACK that fast retransmit
 * would count) and announcing the window we already know.  Dropping such
 * a segment changes no state lwIP keeps; zero-window probes and
 * keep-alives (SEG.SEQ == RCV.NXT - 1, or one byte of data) still pass
 * and are answered as they must be.
 *
 * Context: the network thread or a socket call, lwip_core_lock() held
 * (all of lwIP's input runs so).
 */
#include "kernel/kernel.h"
#include "lwip/tcp.h"
#include "lwip/priv/tcp_priv.h"
#include "lwip/prot/tcp.h"

/* States with a synchronized sequence space whose rcv_* fields mean
 * something; the hook also sees listening and TIME-WAIT pcbs. */
static bool inet_tcp_synchronized(const struct tcp_pcb *pcb)
{
	return pcb->state >= ESTABLISHED && pcb->state != TIME_WAIT;
}

err_t tcp_timewait_syn(struct tcp_pcb *pcb, const struct tcp_hdr *hdr,
		       struct pbuf *p);

err_t inet_tcp_inpacket_filter(struct tcp_pcb *pcb, struct tcp_hdr *hdr,
			       struct pbuf *p)
{
	if (pcb->state == TIME_WAIT)	/* a new SYN? (net/tcp_timewait.c) */
		return tcp_timewait_syn(pcb, hdr, p);
	if (pcb->state == LISTEN || !inet_tcp_synchronized(pcb))
		return ERR_OK;
	if (pcb->rcv_wnd != 0 || p->tot_len != 0 ||
	    TCPH_FLAGS(hdr) != TCP_ACK || hdr->seqno != pcb->rcv_nxt)
		return ERR_OK;
	if (hdr->ackno != pcb->lastack || pcb->unacked ||
	    hdr->wnd != pcb->snd_wnd)
		return ERR_OK;
	return ERR_ABRT;	/* lwIP frees the pbuf and stops there */
}
