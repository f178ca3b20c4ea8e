/*
 * dev.c - the list of network devices, the deferred receive work
 * (napi_schedule -> net_rx_action), and the /proc/net/dev text.
 *
 * Context and locking:
 *   napi_schedule()    any context, interrupts off inside (the poll list
 *                      is shared with interrupt handlers).
 *   net_rx_action()    the network thread, stack lock held.
 *   register_netdev()  process context; it takes the stack lock itself.
 *   the rest           stack lock held, or read-only snapshots.
 */
#include "kernel/kernel.h"
#include "kernel/errno.h"
#include "kernel/string.h"
#include "arch/x86_64/cpu.h"
#include "net/netdevice.h"
#include "net/lwip_port.h"

static LIST_HEAD(dev_base_head);	/* every registered device */
static LIST_HEAD(poll_list);		/* devices whose poll() is due */

int register_netdev(struct net_device *dev)
{
	INIT_LIST_HEAD(&dev->poll_list);
	lwip_core_lock();
	list_add_tail(&dev->dev_list, &dev_base_head);
	int err = e1000if_attach(dev);
	lwip_core_unlock();
	if (err)
		pr_err("net: %s: cannot attach to the stack: %d\n", dev->name, err);
	return err;
}

struct net_device *first_net_device(void)
{
	return list_empty(&dev_base_head) ? NULL :
		list_first_entry(&dev_base_head, struct net_device, dev_list);
}

struct net_device *dev_get_by_name(const char *name)
{
	struct net_device *dev;

	list_for_each_entry(dev, &dev_base_head, dev_list)
		if (!strcmp(dev->name, name))
			return dev;
	return NULL;
}

void napi_schedule(struct net_device *dev)
{
	unsigned long flags = local_irq_save();

	if (!dev->napi_scheduled) {
		dev->napi_scheduled = true;
		list_add_tail(&dev->poll_list, &poll_list);
	}
	local_irq_restore(flags);
	net_thread_kick();
}

/* Take the next scheduled device off the list (interrupts off). */
static struct net_device *napi_next(void)
{
	unsigned long flags = local_irq_save();
	struct net_device *dev = NULL;

	if (!list_empty(&poll_list)) {
		dev = list_first_entry(&poll_list, struct net_device, poll_list);
		list_del_init(&dev->poll_list);
		dev->napi_scheduled = false;
	}
	local_irq_restore(flags);
	return dev;
}

/*
 * Poll each scheduled device once.  A device that used its whole budget
 * has more frames waiting and its interrupts still masked, so it goes
 * back on the list; the thread comes round again after letting other
 * tasks run.
 */
bool net_rx_action(int budget)
{
	struct net_device *dev, *again[4];
	int nr_again = 0;

	while ((dev = napi_next())) {
		if (dev->poll(dev, budget) >= budget && nr_again < 4)
			again[nr_again++] = dev;
	}
	for (int i = 0; i < nr_again; i++)
		napi_schedule(again[i]);
	return nr_again > 0;
}

bool netif_rx(struct net_device *dev, const void *data, unsigned len)
{
	return dev->rx_handler && dev->rx_handler(dev, data, len);
}

void netif_carrier_on(struct net_device *dev)
{
	dev->carrier = true;
	if (dev->link_change)
		dev->link_change(dev);
}

void netif_carrier_off(struct net_device *dev)
{
	dev->carrier = false;
	if (dev->link_change)
		dev->link_change(dev);
}

/*
 * /proc/net/dev.  The layout is Linux's (programs parse it): a name
 * right-aligned in 6 columns, then 8 receive and 8 transmit counters.
 * Linux folds several error counters into the "drop", "frame" and
 * "carrier" columns; so do we.
 */
int dev_seq_printf_stats(char *buf, size_t size, const char *name,
			 const struct rtnl_link_stats64 *s)
{
	return snprintf(buf, size,
		"%6s: %7lu %7lu %4lu %4lu %4lu %5lu %10lu %9lu "
		"%8lu %7lu %4lu %4lu %4lu %5lu %7lu %10lu\n", name,
		s->rx_bytes, s->rx_packets, s->rx_errors,
		s->rx_dropped + s->rx_missed_errors, s->rx_fifo_errors,
		s->rx_length_errors + s->rx_over_errors + s->rx_crc_errors +
		s->rx_frame_errors, s->rx_compressed, s->multicast,
		s->tx_bytes, s->tx_packets, s->tx_errors, s->tx_dropped,
		s->tx_fifo_errors, s->collisions,
		s->tx_carrier_errors + s->tx_aborted_errors +
		s->tx_window_errors + s->tx_heartbeat_errors,
		s->tx_compressed);
}

size_t dev_seq_show_all(char *buf, size_t size)
{
	static const char header[] =
		"Inter-|   Receive                                                |  Transmit\n"
		" face |bytes    packets errs drop fifo frame compressed multicast|"
		"bytes    packets errs drop fifo colls carrier compressed\n";
	size_t len = strlcpy(buf, header, size);
	struct net_device *dev;

	list_for_each_entry(dev, &dev_base_head, dev_list) {
		if (len >= size)
			break;
		struct rtnl_link_stats64 snap = dev->stats;
		len += dev_seq_printf_stats(buf + len, size - len, dev->name, &snap);
	}
	return MIN(len, size ? size - 1 : 0);
}
