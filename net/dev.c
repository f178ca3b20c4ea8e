/*
 * dev.c - the list of network devices, the deferred receive work
 * (napi_schedule -> net_rx_action), and the /proc/net/dev text.
 *
 * Context and locking:
 *   napi_schedule()    any context, interrupts off inside (the poll list
 *                      is shared with interrupt handlers).
 *   net_rx_action()    the network thread, stack lock held.
 *   register_netdev()  process context; it takes the stack lock itself.
 *   the rest           stack lock held (dev_seq_show_all takes it).
 */
#include "kernel/kernel.h"
#include "kernel/errno.h"
#include "kernel/string.h"
#include "arch/x86_64/cpu.h"
#include "net/netdevice.h"
#include "net/lwip/lwip_port.h"

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

/* Take dev off a poll list; from here an interrupt may schedule it
 * again.  Interrupts off: the handlers share the lists. */
static void napi_unschedule(struct net_device *dev)
{
	unsigned long flags = local_irq_save();

	list_del_init(&dev->poll_list);
	dev->napi_scheduled = false;
	local_irq_restore(flags);
}

/*
 * Poll once each device scheduled when the round starts (taken off the
 * shared list in one go, so a device rescheduled meanwhile waits for the
 * next round instead of making this one endless).  A device that used
 * its whole budget has more frames waiting and its interrupts still
 * masked, so it is scheduled again; the thread comes round after letting
 * other tasks run.
 */
bool net_rx_action(int budget)
{
	LIST_HEAD(round);
	bool more = false;
	unsigned long flags = local_irq_save();

	list_splice_init(&poll_list, &round);
	local_irq_restore(flags);
	while (!list_empty(&round)) {
		struct net_device *dev = list_first_entry(&round,
					struct net_device, poll_list);
		napi_unschedule(dev);
		if (dev->poll(dev, budget) >= budget) {
			napi_schedule(dev);
			more = true;
		}
	}
	return more;
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

/* The whole text into buf; the stack lock held (the list does not
 * change, and the counters, which the network thread updates under it,
 * are read whole).  Only a kernel buffer is written. */
size_t dev_seq_show_all_locked(char *buf, size_t size)
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

/* /proc/net/dev's read: the same, taking the lock.  Process context. */
size_t dev_seq_show_all(char *buf, size_t size)
{
	lwip_core_lock();
	size_t len = dev_seq_show_all_locked(buf, size);
	lwip_core_unlock();
	return len;
}
