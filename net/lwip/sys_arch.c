/*
 * sys_arch.c - what lwIP needs from the kernel (a millisecond clock,
 * memory, random numbers) and the context lwIP runs in: one lock and one
 * kernel thread.
 *
 * Design.  The e1000 interrupt does not run the stack.  Its handler
 * acknowledges the NIC and wakes the network thread ("knetd", in the
 * role of Linux's NET_RX softirq/ksoftirqd), which, holding the lwIP
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
 * LOCKING: lwip_lock (see lwip_port.h); the wake-up flag is set from any
 * context and read by the thread.
 */
#include "kernel/kernel.h"
#include "kernel/spinlock.h"
#include "kernel/mm.h"
#include "kernel/time.h"
#include "kernel/wait.h"
#include "kernel/sched.h"
#include "kernel/kthread.h"
#include "kernel/random.h"
#include "net/lwip/lwip_port.h"
#include "net/netdevice.h"
#include "kernel/chaintrace.h"
#include "lwip/opt.h"
#include "lwip/sys.h"
#include "lwip/timeouts.h"
#include "lwip/netif.h"

#define NAPI_POLL_WEIGHT	64	/* frames per device per round */
#define NET_MAX_SLEEP_MS	1000

static DEFINE_SPINLOCK(lwip_lock);
static DECLARE_WAIT_QUEUE_HEAD(net_thread_wq);
static bool net_thread_work;		/* set by net_thread_kick() */

void lwip_core_lock(void)
{
	spin_lock(&lwip_lock);
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
/* When (sys_now()) the network thread will next run lwIP's timers of
 * its own accord.  Lock held to read or write it. */
static u32 net_thread_wake_at;

/* A system call may arm a timer (a delayed ACK, a retransmission) due
 * before the thread's planned wake-up; the thread must hear of it or the
 * timer runs up to NET_MAX_SLEEP_MS late.  Lock held. */
static bool timer_due_earlier(void)
{
	u32 next = sys_timeouts_sleeptime();

	return next != SYS_TIMEOUTS_SLEEPTIME_INFINITE &&
	       (s32)(sys_now() + next - net_thread_wake_at) < 0;
}

void lwip_core_unlock(void)
{
	if (loopback_pending())
		netif_poll_all();
	bool kick = timer_due_earlier();
	spin_unlock(&lwip_lock);
	if (kick)
		net_thread_kick();
}

bool lwip_core_locked(void)
{
	return spin_is_locked(&lwip_lock);
}

/* LWIP_ASSERT_CORE_LOCKED(): lwIP's API functions check the caller. */
void lwip_assert_core_locked(void)
{
	if (!spin_is_locked(&lwip_lock))
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

void *lwip_port_malloc(size_t size)
{
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
	bool more = net_rx_action(NAPI_POLL_WEIGHT);
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
