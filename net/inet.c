/*
 * inet.c - bringing up IPv4: lwIP itself, the loopback interface, the
 * network thread, and the address eth0 will get.
 *
 * The default suits QEMU's user networking (slirp): 10.0.2.15/24 with
 * the gateway 10.0.2.2, which is also where slirp shows the host's
 * 127.0.0.1.  "ip=ADDR/PREFIX,GW" on the command line overrides it, and
 * so does Linux's own form, "ip=CLIENT:SERVER:GW:NETMASK[:...]"
 * (Documentation/admin-guide/nfs/nfsroot.rst; the fields after the
 * netmask, and the server, mean nothing here and are ignored), e.g.
 * ip=10.77.0.2::10.77.0.1:255.255.255.0 for the tap network
 * (tools/tap-net).
 *
 * Context: boot (the option) and process context (inet_init), once.
 */
#include "kernel/kernel.h"
#include "kernel/errno.h"
#include "kernel/params.h"
#include "kernel/string.h"
#include "net/inet.h"
#include "net/inet_sock.h"
#include "net/lwip/lwip_port.h"
#include "net/netdevice.h"
#include "net/nettest.h"
#include "lwip/opt.h"
#include "lwip/init.h"
#include "lwip/netif.h"
#include "lwip/tcp.h"
#include "lwip/priv/tcp_priv.h"
#include "lwip/pbuf.h"
#include "lwip/udp.h"

/* 10.0.2.15/24 via 10.0.2.2, in network byte order (little-endian CPU). */
struct inet_config inet_config = {
	.addr = 10 | 0 << 8 | 2 << 16 | 15u << 24,
	.mask = 0x00ffffff,
	.gw = 10 | 0 << 8 | 2 << 16 | 2u << 24,
};

int in4_pton(const char *s, const char **end, u32 *addr)
{
	u32 a = 0;

	for (int i = 0; i < 4; i++) {
		const char *p;
		if (*s < '0' || *s > '9')
			return -EINVAL;
		unsigned long v = simple_strtoul(s, &p, 10);
		if (v > 255 || p - s > 3)
			return -EINVAL;
		a |= (u32)v << (8 * i);
		s = p;
		if (i < 3 && *s++ != '.')
			return -EINVAL;
	}
	*addr = a;
	*end = s;
	return 0;
}

/*
 * Linux's "CLIENT:SERVER:GW:NETMASK[:HOSTNAME:DEVICE:AUTOCONF...]", from
 * just after CLIENT.  An empty field keeps what cfg had; the server and
 * what follows the netmask are not ours to use.
 */
static int inet_parse_linux_form(const char *p, struct inet_config *c)
{
	u32 unused;

	for (int field = 1; field <= 3; field++) {
		if (*p != ':')
			return *p ? -EINVAL : 0;
		p++;
		if (*p == ':' || !*p)
			continue;
		u32 *to = field == 1 ? &unused : field == 2 ? &c->gw : &c->mask;
		if (in4_pton(p, &p, to))
			return -EINVAL;
	}
	return *p && *p != ':' ? -EINVAL : 0;
}

int inet_parse_config(const char *s, struct inet_config *cfg)
{
	struct inet_config c = *cfg;
	const char *p;

	if (!s || in4_pton(s, &p, &c.addr))
		return -EINVAL;
	if (*p == ':') {
		if (inet_parse_linux_form(p, &c))
			return -EINVAL;
		*cfg = c;
		return 0;
	}
	if (*p == '/') {
		unsigned long prefix = simple_strtoul(p + 1, &p, 10);
		if (prefix > 32)
			return -EINVAL;
		u32 host_order = prefix ? ~0u << (32 - prefix) : 0;
		c.mask = __builtin_bswap32(host_order);
	}
	if (*p == ',' && in4_pton(p + 1, &p, &c.gw))
		return -EINVAL;
	if (*p)
		return -EINVAL;
	*cfg = c;
	return 0;
}

static int set_ip(const char *val)
{
	return inet_parse_config(val, &inet_config);
}
__setup("ip", set_ip);

bool inet_link_up(void)
{
	struct net_device *dev = dev_get_by_name("eth0");
	struct netif *netif = dev ? dev->stack_priv : NULL;

	return netif && netif_is_up(netif) && netif_is_link_up(netif);
}

/* What lwIP's elements cost, for the boot log: the pools grow from
 * kmalloc (see lwipopts.h), so nothing is reserved. */
static void inet_print_pools(void)
{
	pr_info("lwip: %s; pools from kmalloc: tcp_pcb %zu B, tcp_seg %zu B, "
		"pbuf %zu B\n", LWIP_VERSION_STRING, sizeof(struct tcp_pcb),
		sizeof(struct tcp_seg), (size_t)PBUF_POOL_BUFSIZE + sizeof(struct pbuf));
}

static int inet_prefix_len(u32 mask)
{
	int n = 0;

	for (; mask; mask >>= 1)
		n += mask & 1;
	return n;
}

/* lwIP sends router solicitations on every interface it brings up, lo
 * too; Linux's lo sends none (and they cost allocations in the first
 * seconds, where the self-tests count pages).  Lock held. */
static void inet6_loopback_quiet(void)
{
	struct netif *netif;

	NETIF_FOREACH(netif)
		if (!ethernetif_netdev(netif))
			netif->rs_count = 0;
}

int inet_init(void)
{
	lwip_port_init();
	lwip_core_lock();
	lwip_init();			/* also adds lo0, 127.0.0.1 and ::1 */
	inet6_loopback_quiet();
	lwip_core_unlock();
	inet6_init();
	inet_print_pools();
	const u8 *a = (const u8 *)&inet_config.addr, *g = (const u8 *)&inet_config.gw;
	pr_info("inet: eth0 will be %u.%u.%u.%u/%d via %u.%u.%u.%u\n",
		a[0], a[1], a[2], a[3], inet_prefix_len(inet_config.mask),
		g[0], g[1], g[2], g[3]);
	int err = net_thread_start();
	if (!err)
		nettest_start();
	return err;
}
