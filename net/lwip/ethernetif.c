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
#include "netif/ethernet.h"

#define ETHERNETIF_MAX_FRAGS	16

/* The stack's side of a frame received by dev. */
static bool ethernetif_input(struct net_device *dev, const void *data,
			  unsigned len)
{
	struct netif *netif = dev->stack_priv;
	struct pbuf *p = pbuf_alloc(PBUF_RAW, len, PBUF_POOL);

	if (!p)
		return false;		/* pool empty: counted as a drop */
	pbuf_take(p, data, len);
	net_copy_count(COPY_NIC_TO_STACK, len);
	trace_chain_rx(dev->name, len);
	err_t err = netif->input(p, netif);
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

static err_t ethernetif_linkoutput(struct netif *netif, struct pbuf *p)
{
	return ethernetif_xmit(netif->state, p);
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
	netif->linkoutput = ethernetif_linkoutput;
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
