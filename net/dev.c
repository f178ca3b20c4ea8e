/*
 * dev.c - the network core between drivers and lwIP: the list of
 * network devices, the deferred receive work (napi_schedule -> the
 * network thread knetd -> net_rx_action -> the driver's poll ->
 * netif_rx), the /proc/net/dev text and the copy counters
 * (/proc/net/copies).
 *
 * The receive path.  The e1000 interrupt does not run the stack.  Its
 * handler acknowledges the NIC and wakes the network thread ("knetd", in
 * the role of Linux's NET_RX softirq/ksoftirqd), which, holding the lwIP
 * lock:
 *   1. polls the NICs that asked for it (net_rx_action -> e1000_poll ->
 *      netif_rx -> ethernet_input -> ... -> the socket's recv callback ->
 *      sk_data_ready -> wake_up_poll on the socket's wait queue);
 *   2. delivers looped-back packets queued by lwIP's timers (the
 *      sender delivers its own: see lwip_core_unlock);
 *   3. runs lwIP's timers (sys_check_timeouts), then sleeps until the
 *      next one is due or it is kicked.
 * Why a thread rather than the interrupt itself: lwIP's work per frame
 * (TCP input, ACKs, callbacks into the socket layer) is long and
 * unbounded for interrupts-off code, and doing it in the handler would
 * force every socket call to take the lwIP lock with interrupts off.
 * In a thread the lock only has to exclude tasks, a poll budget bounds
 * each round, and a burst cannot livelock the CPU: while frames keep
 * coming the NIC's interrupts stay masked and the thread keeps polling,
 * yielding between rounds.
 *
 * Context and locking:
 *   napi_schedule()    any context, interrupts off inside (the poll list
 *                      is shared with interrupt handlers).
 *   net_thread_kick()  any context; the wake-up flag is set from any
 *                      context and read by the thread.
 *   net_rx_action()    the network thread, stack lock held.
 *   netif_rx()         the driver's poll, stack lock held.
 *   register_netdev()  process context; it takes the stack lock itself.
 *   the rest           stack lock held (dev_seq_show_all takes it).
 */
#include "kernel/kernel.h"
#include "kernel/errno.h"
#include "kernel/string.h"
#include "arch/x86_64/cpu.h"
#include "net/netdevice.h"
#include "net/lwip/lwip_port.h"
#include "kernel/wait.h"
#include "kernel/sched.h"
#include "kernel/kthread.h"
#include "kernel/chaintrace.h"
#include "lwip/opt.h"
#include "lwip/sys.h"
#include "lwip/timeouts.h"
#include "lwip/netif.h"

#define NAPI_POLL_WEIGHT	64	/* frames per device per round */
#define NET_MAX_SLEEP_MS	1000
#include "kernel/kernel_stat.h"

struct net_copy_stat net_copies[NR_NET_COPIES];

static LIST_HEAD(dev_base_head);	/* every registered device */
static LIST_HEAD(poll_list);		/* devices whose poll() is due */
/* poll_list's lock, irqsave: the driver's interrupt (on the CPU the
 * IOAPIC sends it to) and knetd (on any CPU) share the list. */
static DEFINE_SPINLOCK(poll_list_lock);

int register_netdev(struct net_device *dev)
{
	INIT_LIST_HEAD(&dev->poll_list);
	lwip_core_lock();
	list_add_tail(&dev->dev_list, &dev_base_head);
	int err = ethernetif_attach(dev);
	lwip_core_unlock();
	if (err)
		pr_err("net: %s: cannot attach to the stack: %d\n", dev->name, err);
	return err;
}

/* Undo register_netdev: the device leaves the list and the stack.  It
 * must be quiet (its interrupt not requested, or freed).  Process
 * context. */
void unregister_netdev(struct net_device *dev)
{
	lwip_core_lock();
	ethernetif_detach(dev);
	list_del(&dev->dev_list);
	lwip_core_unlock();
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
	unsigned long flags;

	spin_lock_irqsave(&poll_list_lock, flags);
	if (!dev->napi_scheduled) {
		dev->napi_scheduled = true;
		list_add_tail(&dev->poll_list, &poll_list);
	}
	spin_unlock_irqrestore(&poll_list_lock, flags);
	net_thread_kick();
}

/* Take dev off a poll list; from here an interrupt may schedule it
 * again.  poll_list_lock: the handlers share the lists. */
static void napi_unschedule(struct net_device *dev)
{
	unsigned long flags;

	spin_lock_irqsave(&poll_list_lock, flags);
	list_del_init(&dev->poll_list);
	dev->napi_scheduled = false;
	spin_unlock_irqrestore(&poll_list_lock, flags);
}

/* ---- the network thread, knetd ---- */

static DECLARE_WAIT_QUEUE_HEAD(net_thread_wq);
static bool net_thread_work;		/* set by net_thread_kick() */

/* When (sys_now()) the network thread will next run lwIP's timers of
 * its own accord.  Lock held to read or write it. */
static u32 net_thread_wake_at;

/* A system call may arm a timer (a delayed ACK, a retransmission) due
 * before the thread's planned wake-up; the thread must hear of it or the
 * timer runs up to NET_MAX_SLEEP_MS late.  Lock held. */
bool net_thread_timer_due_earlier(void)
{
	u32 next = sys_timeouts_sleeptime();

	return next != SYS_TIMEOUTS_SLEEPTIME_INFINITE &&
	       (s32)(sys_now() + next - net_thread_wake_at) < 0;
}

void net_thread_kick(void)
{
	WRITE_ONCE(net_thread_work, true);
	wake_up(&net_thread_wq);
}

/* One round of the thread's work; returns how long it may sleep (ms),
 * 0 if there is more to do at once. */
static u32 net_thread_round(void)
{
	lwip_core_lock();
	ethernetif_rx_begin();
	bool more = net_rx_action(NAPI_POLL_WEIGHT);
	ethernetif_rx_end();
	netif_poll_all();
	trace_chain_rx_done();		/* looped-back packets end here */
	sys_check_timeouts();
	u32 sleep = more ? 0 : MIN(sys_timeouts_sleeptime(), (u32)NET_MAX_SLEEP_MS);
	net_thread_wake_at = sys_now() + sleep;
	lwip_core_unlock();
	return sleep;
}

static int net_thread(void *unused)
{
	(void)unused;
	while (!kthread_should_stop()) {
		/* Cleared before the round, so a kick during it is not lost. */
		WRITE_ONCE(net_thread_work, false);
		u32 sleep = net_thread_round();
		if (sleep == 0) {
			yield();	/* a burst: let others run, then go on */
			continue;
		}
		/* Interruptible, as ksoftirqd sleeps: a kernel thread gets
		 * no signals, and ps shows it S, not D (nor counts it as
		 * load), while it waits for work. */
		wait_event_interruptible_timeout(net_thread_wq,
						 READ_ONCE(net_thread_work) ||
						 kthread_should_stop(),
						 (long)msecs_to_jiffies(sleep));
	}
	return 0;
}

int net_thread_start(void)
{
	struct task_struct *t = kthread_run(net_thread, NULL, "knetd");

	return IS_ERR(t) ? PTR_ERR(t) : 0;
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
	unsigned long flags;

	spin_lock_irqsave(&poll_list_lock, flags);
	list_splice_init(&poll_list, &round);
	spin_unlock_irqrestore(&poll_list_lock, flags);
	if (!list_empty(&round))	/* Linux's NET_RX softirq, one run */
		kstat_incr_softirqs_this_cpu(NET_RX_SOFTIRQ);
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

/* The driver's poll hands each good frame here; the stack's receive
 * hook (ethernetif_input, set by the netif driver) takes it from here. */
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

size_t net_copies_show(char *buf, size_t size)
{
	static const char *const names[NR_NET_COPIES][2] = {
		[COPY_USER_TO_SOCK] = { "user->socket", "send: the caller's bytes into the kernel" },
		[COPY_SOCK_TO_STACK] = { "socket->lwip", "send: into lwIP's segments" },
		[COPY_STACK_TO_NIC] = { "lwip->nic", "a frame into the driver's TX buffer" },
		[COPY_NIC_TO_STACK] = { "nic->lwip", "a received frame into a pbuf" },
		[COPY_STACK_TO_SOCK] = { "lwip->socket", "receive: pbufs into a kernel buffer" },
		[COPY_SOCK_TO_USER] = { "socket->user", "receive: into the caller's buffer" },
	};
	size_t len = snprintf(buf, size, "%-14s %14s %10s  %s\n", "copy", "bytes",
			      "calls", "where");

	for (int i = 0; i < NR_NET_COPIES && len < size; i++)
		len += snprintf(buf + len, size - len, "%-14s %14llu %10llu  %s\n",
				names[i][0], (unsigned long long)net_copies[i].bytes,
				(unsigned long long)net_copies[i].calls, names[i][1]);
	return MIN(len, size ? size - 1 : 0);
}

/* A netif's IPv6 addresses, tentative ones too (as Linux lists them),
 * not the invalid slots.  lo's ::1 is /128, the others /64 (lwIP keeps
 * no prefix length: link-local and SLAAC ones are /64 by their RFCs).
 * Lock held. */
static void dev_fill_ip6(struct netif *netif, struct ifinfo *ifi)
{
	for (int i = 0; i < LWIP_IPV6_NUM_ADDRESSES && ifi->nr_ip6 < IFINFO_MAX_IP6; i++) {
		u8 state = netif_ip6_addr_state(netif, i);
		const ip6_addr_t *a = netif_ip6_addr(netif, i);
		if (ip6_addr_isinvalid(state))
			continue;
		struct ifinfo_ip6 *o = &ifi->ip6[ifi->nr_ip6++];
		memcpy(o->addr, a->addr, 16);
		o->prefixlen = ip6_addr_isloopback(a) ? 128 : 64;
		o->scope = ip6_addr_isloopback(a) ? IPV6_ADDR_LOOPBACK_SCOPE :
			   ip6_addr_islinklocal(a) ? IPV6_ADDR_LINKLOCAL_SCOPE :
			   ip6_addr_issitelocal(a) ? IPV6_ADDR_SITELOCAL_SCOPE : 0;
		o->tentative = ip6_addr_istentative(state);
		o->autoconf = i > 0;	/* slot 0: lo's ::1 or the link-local */
	}
}

/* One lwIP netif as an ifinfo (lo when it has no net_device).  Lock
 * held. */
static void dev_fill_ifinfo(struct netif *netif, struct ifinfo *ifi)
{
	struct net_device *dev = ethernetif_netdev(netif);

	memset(ifi, 0, sizeof(*ifi));
	ifi->ifindex = netif_get_index(netif);
	ifi->ip = ip4_addr_get_u32(netif_ip4_addr(netif));
	ifi->mask = ip4_addr_get_u32(netif_ip4_netmask(netif));
	dev_fill_ip6(netif, ifi);
	if (netif_is_up(netif))
		ifi->flags |= IFF_UP;
	if (!dev) {		/* lwIP's loopif: Linux's lo */
		strlcpy(ifi->name, "lo", sizeof(ifi->name));
		ifi->type = ARPHRD_LOOPBACK;
		ifi->mtu = 65536;
		ifi->flags |= IFF_LOOPBACK | IFF_RUNNING | IFF_LOWER_UP;
		ifi->addr_len = ETH_ALEN;	/* all zeros, as Linux's */
		return;
	}
	strlcpy(ifi->name, dev->name, sizeof(ifi->name));
	ifi->type = ARPHRD_ETHER;
	ifi->mtu = dev->mtu;
	ifi->addr_len = ETH_ALEN;
	memcpy(ifi->addr, dev->dev_addr, ETH_ALEN);
	memset(ifi->broadcast, 0xff, ETH_ALEN);
	ifi->flags |= IFF_BROADCAST;
	if (dev->carrier)
		ifi->flags |= IFF_RUNNING | IFF_LOWER_UP;
	ifi->stats = dev->stats;
}

int dev_snapshot(struct ifinfo *tab, int max)
{
	int n = 0;

	lwip_core_lock();
	for (int index = 1; index <= 255 && n < max; index++) {
		struct netif *netif = netif_get_by_index((u8_t)index);
		if (netif)
			dev_fill_ifinfo(netif, &tab[n++]);
	}
	lwip_core_unlock();
	return n;
}

/* /proc/net/dev's read: the same, taking the lock.  Process context. */
size_t dev_seq_show_all(char *buf, size_t size)
{
	lwip_core_lock();
	size_t len = dev_seq_show_all_locked(buf, size);
	lwip_core_unlock();
	return len;
}
