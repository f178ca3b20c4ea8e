/*
 * ethernetif.c - the lwIP netif driver for an Ethernet net_device (the
 * e1000's): the one file where lwIP's struct netif meets our devices.
 * lwIP's own template for this file is contrib's ethernetif.c; the
 * device side, there low_level_input/output, is a net_device here.
 *
 *   receive:  e1000_poll -> netif_rx -> ethernetif_input: copy the frame
 *             into a pbuf from lwIP's PBUF_POOL, hand it to netif->input
 *             (ethernet_input), which runs ARP/IP/TCP/UDP right here.
 *   send:     lwIP -> etharp_output -> ethernetif_linkoutput: the pbuf
 *             chain becomes a gather list for the device's xmit
 *             (e1000_xmit_frame), which the NIC reads in place; the
 *             frame is held until the device's tx_done says it is sent.
 *
 * Context: the network thread or a task in a socket call; the lwIP lock
 * is held for all of it (lwip_port.h).
 */
#include "kernel/kernel.h"
#include "kernel/errno.h"
#include "kernel/mm.h"
#include "kernel/string.h"
#include "net/netdevice.h"
#include "net/lwip/lwip_port.h"
#include "net/inet.h"
#include "kernel/chaintrace.h"
#include "lwip/opt.h"
#include "lwip/netif.h"
#include "lwip/pbuf.h"
#include "lwip/etharp.h"
#include "lwip/ethip6.h"
#include "lwip/mld6.h"
#include "lwip/stats.h"
#include "netif/ethernet.h"
#include "net/checksum.h"

#define ETHERNETIF_MAX_FRAGS	16
#define ETH_P_IP		0x0800
#define ETH_P_IPV6		0x86dd
#define NEXTHDR_FRAGMENT	44
#define IPPROTO_TCP		6
#define IPPROTO_UDP		17

/*
 * Where a frame's IPv4 or IPv6 and TCP/UDP headers are, if it is such a
 * frame and they lie whole in its first len bytes (lwIP puts a frame's
 * headers in its first pbuf).  Fragments are not: lwIP sends none, and
 * the sums of those it reassembles are its own to check
 * (ethernetif_input).  IPv6 extension headers are not either (lwIP
 * sends none with TCP or UDP): lwIP checks those frames itself.
 */
struct l4_frame {
	u8 *ip, *l4;			/* the headers */
	unsigned ihl;			/* IP header length */
	unsigned l4_len;		/* TCP/UDP header and payload */
	unsigned csum_offset;		/* 16 (TCP) or 6 (UDP) */
	u8 proto;
	bool v6;
};

static bool l4_frame_parse6(u8 *frame, unsigned len, unsigned frame_len,
			    struct l4_frame *l)
{
	if (len < ETH_HLEN + 40)
		return false;
	l->ip = frame + ETH_HLEN;
	l->ihl = 40;
	l->proto = l->ip[6];
	l->l4_len = l->ip[4] << 8 | l->ip[5];
	l->v6 = true;
	if ((l->ip[0] >> 4) != 6 || ETH_HLEN + 40 + l->l4_len > frame_len)
		return false;
	l->l4 = l->ip + 40;
	unsigned hdr = l->proto == IPPROTO_TCP ? 20 : 8;
	l->csum_offset = l->proto == IPPROTO_TCP ? 16 : 6;
	return (l->proto == IPPROTO_TCP || l->proto == IPPROTO_UDP) &&
	       l->l4_len >= hdr && ETH_HLEN + 40 + hdr <= len;
}

static bool l4_frame_parse(u8 *frame, unsigned len, unsigned frame_len,
			   struct l4_frame *l)
{
	if (len >= ETH_HLEN && (frame[12] << 8 | frame[13]) == ETH_P_IPV6)
		return l4_frame_parse6(frame, len, frame_len, l);
	if (len < ETH_HLEN + 20 || (frame[12] << 8 | frame[13]) != ETH_P_IP)
		return false;
	l->v6 = false;
	l->ip = frame + ETH_HLEN;
	l->ihl = (l->ip[0] & 15) * 4;
	l->proto = l->ip[9];
	unsigned tot = l->ip[2] << 8 | l->ip[3];
	bool fragment = ((l->ip[6] << 8 | l->ip[7]) & 0x3fff) != 0;
	if ((l->ip[0] >> 4) != 4 || l->ihl < 20 || fragment ||
	    tot < l->ihl + 8 || ETH_HLEN + tot > frame_len)
		return false;
	unsigned hdr;
	if (l->proto == IPPROTO_TCP) {
		l->csum_offset = 16;
		hdr = 20;
	} else if (l->proto == IPPROTO_UDP) {
		l->csum_offset = 6;
		hdr = 8;
	} else {
		return false;
	}
	l->l4 = l->ip + l->ihl;
	l->l4_len = tot - l->ihl;
	return l->l4_len >= hdr && ETH_HLEN + l->ihl + hdr <= len;
}

/* The pseudo-header's sum for l, in the header's byte order: IPv6's
 * is both addresses, the length and the next header as 32-bit words. */
static __wsum l4_pseudo(const struct l4_frame *l, unsigned len)
{
	u32 saddr, daddr;

	if (l->v6) {
		u32 tail[2] = { __builtin_bswap32(len), __builtin_bswap32(l->proto) };
		return csum_partial(tail, 8, csum_partial(l->ip + 8, 32, 0));
	}

	memcpy(&saddr, l->ip + 12, 4);
	memcpy(&daddr, l->ip + 16, 4);
	return csum_tcpudp_nofold(saddr, daddr, len, l->proto, 0);
}

/*
 * A frame off the wire, its TCP or UDP checksum checked here: lwIP no
 * longer checks them on this interface (ethernetif_init), since what it
 * sends itself to its own address is looped back on it unsummed, as on
 * Linux.  QEMU's e1000 does not check received checksums (it marks every
 * frame "ignore checksum"), so it is done in software, eight bytes at a
 * step.  A UDP checksum of 0 means the sender computed none.
 */
bool ethernetif_csum_ok(const u8 *data, unsigned len)
{
	struct l4_frame l;

	if (!l4_frame_parse((u8 *)data, len, len, &l))
		return true;		/* not ours to check: lwIP decides */
	if (l.proto == IPPROTO_UDP && !(l.l4[6] | l.l4[7]))
		return true;
	return csum_fold(csum_partial(l.l4, l.l4_len, l4_pseudo(&l, l.l4_len))) == 0;
}

/*
 * A checksum ethernetif_csum_ok found wrong, counted where lwIP would
 * have counted it had it checked (and Linux counts it, /proc/net/snmp):
 * the datagram reached IP and was delivered to TCP or UDP, which found
 * the sum wrong.  The frame itself was received, so the device does not
 * count it as dropped.
 */
static void ethernetif_count_csum_error(const u8 *frame)
{
	MIB2_STATS_INC(mib2.ipinreceives);
	MIB2_STATS_INC(mib2.ipindelivers);
	if (frame[ETH_HLEN + 9] == IPPROTO_TCP) {
		TCP_STATS_INC(tcp.chkerr);
		MIB2_STATS_INC(mib2.tcpinerrs);
	} else {
		UDP_STATS_INC(udp.chkerr);
		MIB2_STATS_INC(mib2.udpinerrors);
	}
}

/* Whether the frame is a fragment of an IPv4 datagram (MF or an
 * offset), or an IPv6 datagram with a header before TCP or UDP (a
 * fragment header, say): lwIP checks the sums of both itself. */
static bool ethernetif_is_fragment(const u8 *f, unsigned len)
{
	if (len >= ETH_HLEN + 40 && (f[12] << 8 | f[13]) == ETH_P_IPV6)
		return f[ETH_HLEN + 6] != IPPROTO_TCP && f[ETH_HLEN + 6] != IPPROTO_UDP;
	return len >= ETH_HLEN + 20 && (f[12] << 8 | f[13]) == ETH_P_IP &&
	       ((f[ETH_HLEN + 6] << 8 | f[ETH_HLEN + 7]) & 0x3fff);
}

/* The stack's side of a frame received by dev. */
static bool ethernetif_input(struct net_device *dev, const void *data,
			  unsigned len)
{
	struct netif *netif = dev->stack_priv;
	struct pbuf *p = pbuf_alloc(PBUF_RAW, len, PBUF_POOL);

	if (!p)
		return false;		/* pool empty: counted as a drop */
	if ((dev->features & NETIF_F_IP_CSUM) && !ethernetif_csum_ok(data, len)) {
		dev->rx_csum_errors++;
		ethernetif_count_csum_error(data);
		pbuf_free(p);
		return true;
	}
	pbuf_take(p, data, len);
	net_copy_count(COPY_NIC_TO_STACK, len);
	trace_chain_rx(dev->name, len);
	/* A fragment's TCP or UDP sum can only be checked once the datagram
	 * is whole, inside lwIP (ip4_reass, then tcp_input or udp_input
	 * with this frame's call): for this one frame lwIP checks them
	 * itself.  Nothing looped back runs meanwhile (that is netif_poll,
	 * under the same lock), so only wire frames are checked twice. */
	bool frag = ethernetif_is_fragment(data, len);
	u16 flags = netif->chksum_flags;
	if (frag)
		NETIF_SET_CHECKSUM_CTRL(netif, NETIF_CHECKSUM_ENABLE_ALL);
	err_t err = netif->input(p, netif);
	if (frag)
		NETIF_SET_CHECKSUM_CTRL(netif, flags);
	trace_chain_rx_done();
	if (err != ERR_OK) {
		pbuf_free(p);
		return false;
	}
	return true;
}

/* The device no longer reads a frame: drop the reference xmit took. */
static void ethernetif_tx_done(struct net_device *dev, void *cookie)
{
	(void)dev;
	pbuf_free(cookie);
}

static err_t ethernetif_xmit_linear(struct net_device *dev, struct pbuf *p);

/*
 * lwIP leaves TCP and UDP checksums to a device with NETIF_F_IP_CSUM
 * (ethernetif_init): the frame asks the device for the sum over the
 * TCP/UDP header and payload, to which the stack contributes the
 * pseudo-header's sum, left in the checksum field (as Linux's
 * tcp_v4_send_check does).  Returns false if the headers are not
 * where the device can find them.
 */
static bool ethernetif_offload(struct net_device *dev, struct pbuf *p,
			       struct net_tx_frame *f)
{
	struct l4_frame l;

	if (!l4_frame_parse(p->payload, p->len, p->tot_len, &l))
		return false;
	unsigned len = l.l4_len;
	if (p->tot_len > ETH_HLEN + dev->mtu) {
		/* A segment larger than the MTU (ethernetif_gso_mss): the
		 * device cuts it at the wire's MSS, that of a full frame. */
		unsigned thl = (l.l4[12] >> 4) * 4;
		if (l.proto != IPPROTO_TCP || !(dev->features & NETIF_F_TSO) || l.v6 ||
		    thl < 20 || ETH_HLEN + l.ihl + thl > p->len)
			return false;
		f->hdr_len = ETH_HLEN + l.ihl + thl;
		f->gso_size = dev->mtu - l.ihl - thl;
		len = 0;			/* each segment adds its own */
		l.ip[10] = l.ip[11] = 0;	/* and gets its own IP sum */
	}
	u16 sum = csum_fold_noinv(l4_pseudo(&l, len));
	memcpy(l.l4 + l.csum_offset, &sum, 2);
	f->network_offset = ETH_HLEN;
	f->csum_start = ETH_HLEN + l.ihl;
	f->csum_offset = l.csum_offset;
	return true;
}

/* Whether p is IPv4 or IPv6 carrying TCP or UDP, which lwIP sends
 * unsummed. */
static bool ethernetif_needs_sum(const struct pbuf *p)
{
	const u8 *e = p->payload;

	if (p->len >= ETH_HLEN + 40 && (e[12] << 8 | e[13]) == ETH_P_IPV6)
		return e[ETH_HLEN + 6] == IPPROTO_TCP || e[ETH_HLEN + 6] == IPPROTO_UDP;
	if (p->len < ETH_HLEN + 20 || (e[12] << 8 | e[13]) != ETH_P_IP)
		return false;
	return e[ETH_HLEN + 9] == IPPROTO_TCP || e[ETH_HLEN + 9] == IPPROTO_UDP;
}

/*
 * Hand the frame p to the device, its pbufs as the gather list.  The
 * device reads them in place, later, so the frame is kept with a
 * reference of its own until tx_done: lwIP may free its own (an ACK
 * arrives, the segment is dropped) while the NIC has not read it yet.
 * A full TX ring is ERR_MEM, which lwIP understands: TCP keeps the
 * segment queued and sends it later.
 */
static err_t ethernetif_xmit(struct net_device *dev, struct pbuf *p)
{
	struct net_frag frags[ETHERNETIF_MAX_FRAGS];
	int nr = 0;

	for (struct pbuf *q = p; q; q = q->next) {
		if (nr == ETHERNETIF_MAX_FRAGS)
			return ethernetif_xmit_linear(dev, p);
		if (q->len)
			frags[nr++] = (struct net_frag){ q->payload, q->len };
	}
	struct net_tx_frame f = {
		.frags = frags, .nr_frags = nr, .len = p->tot_len, .cookie = p,
	};
	if ((dev->features & NETIF_F_IP_CSUM) && ethernetif_needs_sum(p) &&
	    !ethernetif_offload(dev, p, &f) && p->next)
		return ethernetif_xmit_linear(dev, p);	/* headers split up */
	pbuf_ref(p);
	int err = dev->xmit(dev, &f);
	if (err)
		pbuf_free(p);
	switch (err) {
	case 0:
		return ERR_OK;
	case -EBUSY:
		return ERR_MEM;		/* backpressure: try again later */
	default:
		return ERR_IF;
	}
}

/* A chain in more pieces than the gather list holds: copied into one
 * pbuf, the only copy on the way out. */
static err_t ethernetif_xmit_linear(struct net_device *dev, struct pbuf *p)
{
	struct pbuf *q = pbuf_clone(PBUF_RAW, PBUF_RAM, p);

	if (!q)
		return ERR_MEM;
	net_copy_count(COPY_STACK_TO_NIC, p->tot_len);
	err_t err = ethernetif_xmit(dev, q);
	pbuf_free(q);
	return err;
}

/*
 * ACKs coalesced over a receive round.  Linux's e1000 driver hands a
 * poll's frames to GRO, which merges a flow's segments into one before
 * TCP sees them, so a burst of thirty segments is acknowledged once.
 * lwIP acknowledges every second segment, and each ACK costs a
 * doorbell, in QEMU a trip through the e1000's and slirp's send paths
 * (an upload's ACKs were half its frames and most of its CPU time).
 * While knetd runs a receive round (ethernetif_rx_begin .. end), a pure
 * ACK (no data, no flag but ACK) is held instead; a later one of the
 * same connection that acknowledges more takes its place, as the ACK
 * of GRO's merged segment would; the end of the round sends what is
 * held.  An ACK that does not advance (a duplicate, which fast
 * retransmit counts, or a window update) sends the held one first, so
 * the order is kept.  Lock held (knetd sets the round under it).
 */
#define ETHERNETIF_ACKS_HELD	8

struct held_ack {
	struct net_device *dev;
	struct pbuf *p;			/* the frame, with a reference */
	u8 tuple[12];			/* IP addresses and TCP ports */
	u32 ack;			/* its acknowledgement number */
};

static struct held_ack acks_held[ETHERNETIF_ACKS_HELD];
static int nr_acks_held;
static bool rx_round;

static u32 get_be32(const u8 *b)
{
	return (u32)b[0] << 24 | (u32)b[1] << 16 | (u32)b[2] << 8 | b[3];
}

/* Whether p is a pure TCP ACK; its tuple and number if so. */
static bool ethernetif_pure_ack(struct pbuf *p, u8 *tuple, u32 *ack)
{
	struct l4_frame l;

	if (!l4_frame_parse(p->payload, p->len, p->tot_len, &l) ||
	    l.proto != IPPROTO_TCP || l.ihl != 20)
		return false;
	unsigned thl = (l.l4[12] >> 4) * 4;
	if (thl != l.l4_len || l.l4[13] != 0x10)	/* data, or SYN/FIN/RST/PSH */
		return false;
	memcpy(tuple, l.ip + 12, 8);
	memcpy(tuple + 8, l.l4, 4);
	*ack = get_be32(l.l4 + 8);
	return true;
}

static void ethernetif_send_held(int i)
{
	struct held_ack *h = &acks_held[i];

	ethernetif_xmit(h->dev, h->p);	/* a full ring loses an ACK: TCP copes */
	pbuf_free(h->p);
	*h = acks_held[--nr_acks_held];
}

/* Hold p if it is a pure ACK in a receive round; true if held. */
static bool ethernetif_hold_ack(struct net_device *dev, struct pbuf *p)
{
	u8 tuple[12];
	u32 ack;

	if (!rx_round || !ethernetif_pure_ack(p, tuple, &ack))
		return false;
	for (int i = 0; i < nr_acks_held; i++) {
		struct held_ack *h = &acks_held[i];
		if (h->dev != dev || memcmp(h->tuple, tuple, sizeof(tuple)))
			continue;
		if ((s32)(ack - h->ack) > 0) {	/* acknowledges more: replaces */
			pbuf_free(h->p);
			pbuf_ref(p);
			h->p = p;
			h->ack = ack;
			return true;
		}
		ethernetif_send_held(i);
		break;
	}
	if (nr_acks_held == ETHERNETIF_ACKS_HELD)
		ethernetif_send_held(0);
	pbuf_ref(p);
	acks_held[nr_acks_held++] = (struct held_ack){ dev, p, {0}, ack };
	memcpy(acks_held[nr_acks_held - 1].tuple, tuple, sizeof(tuple));
	return true;
}

void ethernetif_rx_begin(void)
{
	rx_round = true;
}

void ethernetif_rx_end(void)
{
	rx_round = false;
	while (nr_acks_held)
		ethernetif_send_held(0);
}

static err_t ethernetif_linkoutput(struct netif *netif, struct pbuf *p)
{
	if (ethernetif_hold_ack(netif->state, p))
		return ERR_OK;
	return ethernetif_xmit(netif->state, p);
}

/*
 * TCP segmentation offload for lwIP, which knows nothing of it: a
 * connection whose route goes out of a device with NETIF_F_TSO may give
 * lwIP a send MSS many wire segments long; lwIP then builds, sums and
 * sends one segment where it would have made a dozen, and the device
 * cuts it up (Linux's GSO/TSO: the stack works in 64 KB skbs).  Only for
 * a connection whose MSS is a full frame's (the peer's MSS is the wire's
 * and lwIP sends data segments with no TCP options), so that the device
 * cuts at the MSS it negotiated.  The segment is kept to a quarter of
 * the peer's largest window, so that several are in flight at once (lwIP
 * sends a segment only once the window holds all of it).  Returns the
 * MSS to give lwIP, or 0 to leave it.  Lock held.
 */
u16 ethernetif_gso_mss(const struct netif *netif, u16 mss, u32 snd_wnd_max)
{
	if (!netif || netif->linkoutput != ethernetif_linkoutput)
		return 0;
	const struct net_device *dev = netif->state;
	if (!(dev->features & NETIF_F_TSO) || mss != netif->mtu - 40)
		return 0;
	u32 segs = MIN(dev->gso_max_size, snd_wnd_max / 4) / mss;
	return segs >= 2 ? (u16)(segs * mss) : 0;
}

struct net_device *ethernetif_netdev(const struct netif *netif)
{
	return netif->linkoutput == ethernetif_linkoutput ? netif->state : NULL;
}

/* lwIP joins or leaves an IPv6 multicast group on netif: the device
 * accepts or stops accepting 33:33 and the group's low 32 bits (RFC
 * 2464).  Lock held. */
static err_t ethernetif_mld_mac_filter(struct netif *netif,
				       const ip6_addr_t *group,
				       enum netif_mac_filter_action action)
{
	struct net_device *dev = netif->state;
	const u8 *g = (const u8 *)group->addr;
	u8 mac[ETH_ALEN] = { 0x33, 0x33, g[12], g[13], g[14], g[15] };

	if (dev->set_mc_filter)
		dev->set_mc_filter(dev, mac, action == NETIF_ADD_MAC_FILTER);
	return ERR_OK;
}

/* netif_add()'s init hook: describe the interface to lwIP. */
static err_t ethernetif_init(struct netif *netif)
{
	struct net_device *dev = netif->state;

	netif->name[0] = 'e';
	netif->name[1] = 't';
	netif->mtu = dev->mtu;
	netif->hwaddr_len = ETH_ALEN;
	memcpy(netif->hwaddr, dev->dev_addr, ETH_ALEN);
	netif->flags = NETIF_FLAG_BROADCAST | NETIF_FLAG_ETHARP |
		       NETIF_FLAG_ETHERNET;
	netif->output = etharp_output;
	netif->output_ip6 = ethip6_output;
	netif->linkoutput = ethernetif_linkoutput;
	/* IPv6 neighbour discovery needs multicast frames: the solicited-node
	 * groups lwIP joins (MLD) and all-nodes (ethernetif_attach). */
	netif->flags |= NETIF_FLAG_MLD6;
	netif->mld_mac_filter = ethernetif_mld_mac_filter;
	/* TCP and UDP checksums are the device's (ethernetif_offload), and
	 * received ones are checked here (ethernetif_csum_ok); lwIP still
	 * does the IP header's and ICMP's. */
	if (dev->features & NETIF_F_IP_CSUM)
		NETIF_SET_CHECKSUM_CTRL(netif, NETIF_CHECKSUM_ENABLE_ALL &
					~(NETIF_CHECKSUM_GEN_TCP | NETIF_CHECKSUM_GEN_UDP |
					  NETIF_CHECKSUM_CHECK_TCP | NETIF_CHECKSUM_CHECK_UDP));
	return ERR_OK;
}

static void ethernetif_link_change(struct net_device *dev)
{
	struct netif *netif = dev->stack_priv;

	if (dev->carrier)
		netif_set_link_up(netif);
	else
		netif_set_link_down(netif);
}

int ethernetif_attach(struct net_device *dev)
{
	struct netif *netif = kzalloc(sizeof(*netif), GFP_KERNEL);
	ip4_addr_t addr, mask, gw;

	if (!netif)
		return -ENOMEM;
	ip4_addr_set_u32(&addr, inet_config.addr);
	ip4_addr_set_u32(&mask, inet_config.mask);
	ip4_addr_set_u32(&gw, inet_config.gw);
	if (!netif_add(netif, &addr, &mask, &gw, dev, ethernetif_init,
		       ethernet_input)) {
		kfree(netif);
		return -EINVAL;
	}
	/* IPv6: fe80::/64 from the MAC now, a SLAAC address when a router
	 * advertises a prefix (slirp: fec0::/64), each after duplicate
	 * address detection; all-nodes for the advertisements. */
	ip6_addr_t allnodes;
	ip6_addr_set_allnodes_linklocal(&allnodes);
	ethernetif_mld_mac_filter(netif, &allnodes, NETIF_ADD_MAC_FILTER);
	netif_create_ip6_linklocal_address(netif, 1);
	netif_set_ip6_autoconfig_enabled(netif, 1);
	dev->stack_priv = netif;
	dev->rx_handler = ethernetif_input;
	dev->tx_done = ethernetif_tx_done;
	dev->link_change = ethernetif_link_change;
	netif_set_default(netif);
	netif_set_up(netif);
	ethernetif_link_change(dev);
	return 0;
}

void ethernetif_detach(struct net_device *dev)
{
	struct netif *netif = dev->stack_priv;

	if (!netif)
		return;
	dev->rx_handler = NULL;
	dev->link_change = NULL;
	dev->stack_priv = NULL;
	netif_remove(netif);
	kfree(netif);
}
