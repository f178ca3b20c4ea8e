/*
 * inet_test.c - self-tests of the lwIP port: the stack is initialised,
 * lo (and eth0, when the machine has a NIC) is up with its address, and
 * packets to 127.0.0.1 make the round trip through the network thread
 * (which is what delivers looped-back packets).  Process context; the
 * tests take the lwIP lock around every lwIP call, and sleep without it.
 */
#include "kernel/kernel.h"
#include "kernel/string.h"
#include "kernel/sched.h"
#include "kernel/selftest.h"
#include "kernel/kthread.h"
#include "kernel/time.h"
#include "net/inet.h"
#include "net/lwip/lwip_port.h"
#include "net/netdevice.h"
#include "lwip/opt.h"
#include "lwip/netif.h"
#include "lwip/udp.h"
#include "lwip/tcp.h"
#include "lwip/pbuf.h"

#define IP4(a, b, c, d)	((u32)(a) | (u32)(b) << 8 | (u32)(c) << 16 | (u32)(d) << 24)

SELFTEST(inet_parse_ip_option)
{
	struct inet_config c = { 0, 0, 0 };

	ST_ASSERT_EQ(inet_parse_config("192.168.7.20/16,192.168.0.1", &c), 0);
	ST_ASSERT_EQ(c.addr, IP4(192, 168, 7, 20));
	ST_ASSERT_EQ(c.mask, IP4(255, 255, 0, 0));
	ST_ASSERT_EQ(c.gw, IP4(192, 168, 0, 1));
	ST_ASSERT_EQ(inet_parse_config("10.1.2.3", &c), 0);	/* address only */
	ST_ASSERT_EQ(c.mask, IP4(255, 255, 0, 0));
	ST_ASSERT(inet_parse_config("10.1.2", &c) < 0);
	ST_ASSERT(inet_parse_config("10.1.2.300/24", &c) < 0);
	ST_ASSERT(inet_parse_config("10.1.2.3/33", &c) < 0);
	ST_ASSERT(inet_parse_config("10.1.2.3/24,x", &c) < 0);
	ST_ASSERT_EQ(c.addr, IP4(10, 1, 2, 3));	/* failures change nothing */
	/* Linux's form: client:server:gw:netmask[:hostname:device:...] */
	ST_ASSERT_EQ(inet_parse_config("10.77.0.2::10.77.0.1:255.255.255.0", &c), 0);
	ST_ASSERT_EQ(c.addr, IP4(10, 77, 0, 2));
	ST_ASSERT_EQ(c.gw, IP4(10, 77, 0, 1));
	ST_ASSERT_EQ(c.mask, IP4(255, 255, 255, 0));
	ST_ASSERT_EQ(inet_parse_config("10.9.0.5:10.9.0.1::255.0.0.0:box:eth0:off", &c), 0);
	ST_ASSERT_EQ(c.addr, IP4(10, 9, 0, 5));
	ST_ASSERT_EQ(c.gw, IP4(10, 77, 0, 1));	/* empty: kept */
	ST_ASSERT_EQ(c.mask, IP4(255, 0, 0, 0));
	ST_ASSERT(inet_parse_config("10.9.0.6::10.9.0.1:255.0.0", &c) < 0);
	ST_ASSERT(inet_parse_config("10.9.0.6::x", &c) < 0);
	ST_ASSERT_EQ(c.addr, IP4(10, 9, 0, 5));
	return 0;
}

static struct {
	int got;		/* datagrams received */
	char data[32];		/* the last one's payload */
} lo_test;

static void lo_udp_recv(void *arg, struct udp_pcb *pcb, struct pbuf *p,
			const ip_addr_t *addr, u16_t port)
{
	(void)arg, (void)pcb, (void)addr, (void)port;
	lo_test.got++;
	pbuf_copy_partial(p, lo_test.data, sizeof(lo_test.data) - 1, 0);
	pbuf_free(p);
}

/* Sleep (without the lock) until *flag or about a second has passed. */
static bool wait_for(volatile bool *flag)
{
	for (int i = 0; i < 100 && !*flag; i++)
		msleep(10);
	return *flag;
}

/*
 * The lwIP lock is a sleeping lock (net/lwip/sys_arch.c): its holder may
 * sleep, and a task that wants it while it is held waits asleep, in D,
 * instead of spinning with its CPU.  A spinlock fails both halves: the
 * msleep below would be "scheduling while atomic", and on another CPU
 * the waiter would stay running.
 */
static volatile int lock_waiter_stage;

static int lock_waiter(void *unused)
{
	(void)unused;
	lock_waiter_stage = 1;
	lwip_core_lock();
	lock_waiter_stage = 2;
	lwip_core_unlock();
	return 0;
}

SELFTEST(lwip_core_lock_sleeps)
{
	bool slept = false;

	lock_waiter_stage = 0;
	lwip_core_lock();
	struct task_struct *p = kthread_create(lock_waiter, NULL, "lockwait");
	if (!IS_ERR(p)) {
		get_task_struct(p);
		wake_up_process(p);
	}
	for (int i = 0; i < 100 && !IS_ERR(p) && !slept; i++) {
		msleep(10);
		slept = lock_waiter_stage == 1 &&
			READ_ONCE(p->state) == TASK_UNINTERRUPTIBLE;
	}
	lwip_core_unlock();
	ST_ASSERT(!IS_ERR(p));
	ST_ASSERT_EQ(kthread_stop(p), 0);
	put_task_struct(p);
	ST_ASSERT(slept);
	ST_ASSERT_EQ(lock_waiter_stage, 2);
	return 0;
}

SELFTEST(lwip_netif_up)
{
	ip_addr_t lo;
	struct netif *netif;

	lwip_core_lock();
	netif = netif_find("lo0");
	bool lo_ok = netif && netif_is_up(netif) &&
		ip4_addr_get_u32(netif_ip4_addr(netif)) == IP4(127, 0, 0, 1);
	lwip_core_unlock();
	ST_ASSERT(lo_ok);

	struct net_device *dev = dev_get_by_name("eth0");
	if (dev) {		/* only when booted with a NIC */
		netif = dev->stack_priv;
		ST_ASSERT(netif && netif_is_up(netif));
		ST_ASSERT_EQ(ip4_addr_get_u32(netif_ip4_addr(netif)), inet_config.addr);
	}

	/* A datagram to 127.0.0.1 comes back through the network thread. */
	memset(&lo_test, 0, sizeof(lo_test));
	ip_addr_set_ip4_u32_val(lo, IP4(127, 0, 0, 1));
	lwip_core_lock();
	struct udp_pcb *rx = udp_new(), *tx = udp_new();
	struct pbuf *p = pbuf_alloc(PBUF_TRANSPORT, 5, PBUF_RAM);
	bool setup = rx && tx && p && udp_bind(rx, &lo, 5999) == ERR_OK;
	if (setup) {
		udp_recv(rx, lo_udp_recv, NULL);
		pbuf_take(p, "hello", 5);
		setup = udp_sendto(tx, p, &lo, 5999) == ERR_OK;
	}
	lwip_core_unlock();
	ST_ASSERT(setup);
	for (int i = 0; i < 100 && !READ_ONCE(lo_test.got); i++)
		msleep(10);
	lwip_core_lock();
	pbuf_free(p);
	udp_remove(rx);
	udp_remove(tx);
	lwip_core_unlock();
	ST_ASSERT_EQ(lo_test.got, 1);
	ST_ASSERT(strcmp(lo_test.data, "hello") == 0);
	return 0;
}

static volatile bool tcp_accepted, tcp_connected;

static err_t lo_accept(void *arg, struct tcp_pcb *pcb, err_t err)
{
	(void)arg;
	if (err == ERR_OK) {
		tcp_accepted = true;
		tcp_abort(pcb);
		return ERR_ABRT;
	}
	return err;
}

static err_t lo_connected(void *arg, struct tcp_pcb *pcb, err_t err)
{
	(void)arg, (void)pcb;
	tcp_connected = err == ERR_OK;
	return ERR_OK;
}

static void lo_err(void *arg, err_t err)
{
	(void)arg, (void)err;
}

/* A TCP handshake over loopback: SYN, SYN-ACK, ACK all pass through the
 * loop queue and the network thread. */
SELFTEST(lwip_tcp_loopback)
{
	ip_addr_t lo;

	tcp_accepted = tcp_connected = false;
	ip_addr_set_ip4_u32_val(lo, IP4(127, 0, 0, 1));
	lwip_core_lock();
	struct tcp_pcb *l = tcp_new(), *c = tcp_new();
	bool setup = l && c && tcp_bind(l, &lo, 5998) == ERR_OK;
	if (setup && (l = tcp_listen(l))) {
		tcp_accept(l, lo_accept);
		tcp_err(c, lo_err);
		setup = tcp_connect(c, &lo, 5998, lo_connected) == ERR_OK;
	}
	lwip_core_unlock();
	ST_ASSERT(setup && l);
	bool ok = wait_for(&tcp_accepted) && wait_for(&tcp_connected);
	lwip_core_lock();
	tcp_close(l);
	if (!tcp_connected)
		tcp_abort(c);
	else if (tcp_close(c) != ERR_OK)
		tcp_abort(c);
	lwip_core_unlock();
	ST_ASSERT(ok);
	return 0;
}
