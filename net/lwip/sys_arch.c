/*
 * sys_arch.c - what lwIP needs from the kernel, and nothing else: the one
 * lock every call into lwIP is made under (lwIP's "core lock"), and, as
 * lwIP's port layer asks of an OS with NO_SYS=1, a millisecond clock,
 * memory and random numbers.  The thread that runs lwIP (knetd) is the
 * network core's, in net/dev.c next to the receive work it does.
 *
 * LOCKING: lwip_lock (see lwip_port.h).
 */
#include "kernel/kernel.h"
#include "kernel/mutex.h"
#include "kernel/sched.h"
#include "kernel/mm.h"
#include "kernel/time.h"
#include "kernel/random.h"
#include "net/lwip/lwip_port.h"
#include "net/netdevice.h"
#include "lwip/opt.h"
#include "lwip/tcp.h"
#include "lwip/sys.h"
#include "lwip/netif.h"

/*
 * A mutex, not a spinlock.  Every socket call of every process and knetd
 * take it, several times per request, from whatever CPU they run on.  A
 * spinning waiter keeps its CPU and, under TCG, the host core its vCPU
 * thread runs on; on a host with more runnable threads than cores the
 * holder's vCPU is often not running at all (measured: 40-70% of the
 * time at load 14-19), and the waiter then spins for a host time slice.
 * With two httpd workers on two CPUs that spinning was nearly all the
 * kernel's CPU time (profile=2) and requests/s fell to a tenth of one
 * CPU's.  A sleeping waiter gives its CPU back and is woken by the
 * unlock; on one CPU nothing changes (the holder was never preempted
 * by a task that wants the lock: now it may be, and the waiter sleeps).
 */
static DEFINE_MUTEX(lwip_lock);

void lwip_core_lock(void)
{
	mutex_lock(&lwip_lock);
}

/* Whether some netif holds looped-back packets (127.0.0.1, or our own
 * address) that lwIP's netif_poll() has not delivered yet. */
static bool loopback_pending(void)
{
	struct netif *netif;

	NETIF_FOREACH(netif)
		if (netif->loop_first)
			return true;
	return false;
}

/*
 * Looped-back packets are delivered before the lock is dropped, by
 * whoever queued them: a write() to a 127.0.0.1 socket has reached the
 * peer socket (and woken its readers) by the time the system call
 * returns, as on Linux, where the loopback device's softirq runs when
 * the sender re-enables bottom halves.  Delivery may queue answers (an
 * ACK, more data the ACK let out); netif_poll_all() goes on until the
 * queues are empty, which TCP's windows bound (see
 * net/tcp_zero_window.c for the one case lwIP would loop forever).
 */
void lwip_core_unlock(void)
{
	if (loopback_pending())
		netif_poll_all();
	bool kick = net_thread_timer_due_earlier();
	mutex_unlock(&lwip_lock);
	if (kick)
		net_thread_kick();
}

bool lwip_core_locked(void)
{
	return READ_ONCE(lwip_lock.owner) == current;
}

/* LWIP_ASSERT_CORE_LOCKED(): lwIP's API functions check the caller. */
void lwip_assert_core_locked(void)
{
	if (!lwip_core_locked())
		panic("lwIP called without lwip_core_lock()");
}

u32_t sys_now(void)
{
	return (u32_t)(ktime_get_ns() / NSEC_PER_MSEC);
}

unsigned int lwip_port_rand(void)
{
	return (unsigned int)get_random_u64();
}

/*
 * lwIP's tcp_pcb has a cache of its own, as Linux's TCP and TCPv6
 * socks do: with IPv6 (lwipopts.h) its two ip_addr_t make it 280 bytes,
 * which kmalloc would round up to 512, doubling the cost of each
 * connection.  lwIP asks for it by size only (MEMP_MEM_MALLOC), so an
 * allocation of exactly that size comes from the cache; kfree finds
 * the cache of whatever it frees.
 */
static struct kmem_cache *tcp_pcb_cachep;

void lwip_port_init(void)
{
	tcp_pcb_cachep = kmem_cache_create("tcp_pcb", sizeof(struct tcp_pcb),
					   8, 0, NULL);
}

void *lwip_port_malloc(size_t size)
{
	if (size == sizeof(struct tcp_pcb) && tcp_pcb_cachep)
		return kmem_cache_alloc(tcp_pcb_cachep, GFP_ATOMIC);
	return kmalloc(size, GFP_ATOMIC);
}

void *lwip_port_calloc(size_t n, size_t size)
{
	if (size && n > (size_t)-1 / size)
		return NULL;
	return kzalloc(n * size, GFP_ATOMIC);
}

void lwip_port_free(void *p)
{
	kfree(p);
}
