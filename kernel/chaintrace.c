/*
 * chaintrace.c - the chain trace (see chaintrace.h): for each event on a
 * socket that an epoll watches, one console line per step of the
 * wake-up chain, stamped with when the step happened and with the
 * microseconds since the chain began.
 *
 * A chain is what one received packet sets off.  Its steps are recorded
 * as they happen (a time and a few words each) and printed later,
 * because printing writes the UART byte by byte with interrupts off: it
 * would slow the path down and distort the very latencies it shows.
 *
 *   e1000_intr         hard interrupt, interrupts off.  Only notes the
 *                      time and ICR; which frame it is for is not known.
 *   ethernetif_input   knetd, lwIP lock held (no other task runs until
 *   ... callbacks      it is dropped).  ethernetif_input opens a chain for
 *                      the frame, starting at the last interrupt: the one
 *                      that scheduled this poll (the NIC stays quiet until
 *                      the poll is done).  One interrupt often brings
 *                      several frames (NAPI), so each chain says which
 *                      frame since the interrupt it is.  lwIP's ip4_input,
 *                      our protocol callback and the sock callbacks add
 *                      their steps.
 *   ep_poll_callback   inside the wake-up of the socket's queue,
 *                      interrupts off, ep->lock held: marks the chain
 *                      watched and notes the task first on ep->wq, the
 *                      one its wake_up(&ep->wq) is about to wake.
 *   try_to_wake_up     interrupts off: adds that task's wake-up.
 *   (chain closes)     when lwIP returns the chain ends: kept if watched,
 *                      dropped otherwise (ARP, ICMP, unwatched sockets).
 *                      A looped-back packet (127.0.0.1) has no frame: its
 *                      chain opens at ip4_input.
 *   epoll_wait         process context, no locks.  Returning n > 0, it
 *                      adds its step to the newest kept chain of its
 *                      epoll, then prints that chain and any older ones,
 *                      oldest first.
 *
 * So the lines come out in order, after the fact.
 *
 * Kept per socket: a socket with SO_CHAIN set (net/af_inet.c; accepted
 * connections inherit it from their listener) remembers the last chain
 * that brought it something to read (sk_chain_seq) and the one that created it
 * (sk_chain_birth, a connection's accept), by position.  The chains
 * themselves stay in a history of the last CHAIN_HISTORY, which
 * /proc/chains shows; /proc/PID/fdinfo/FD shows a socket's two.  Such a
 * chain is kept even when no epoll watched the socket yet: data that
 * came before epoll_ctl(ADD) is found ready by ep_insert, which adds its
 * own step to the chain (ep_insert), and the epoll_wait that reports it
 * closes it, as for a watched one.  Recording runs while the trace is
 * on or some socket keeps its chains; otherwise every hook is a load and
 * a branch (chain_active).
 *
 * Steps are taken only from the task that opened the chain and never
 * from an interrupt handler, so a pipe or a timer that wakes an epoll
 * meanwhile does not end up in a network chain.  At most CHAIN_RING
 * kept chains wait for an epoll_wait to be printed; beyond that the
 * oldest is dropped, and counted.
 *
 * LOCKING: chain_lock, irqsave (e1000_intr and try_to_wake_up run with
 * interrupts off, possibly in an interrupt), guards all the state below.
 * It is a leaf: taken inside ep->lock and wait queue locks, and nothing
 * is called under it.  chain_print_mutex keeps two printers' lines apart.
 */
#include "kernel/kernel.h"
#include "kernel/errno.h"
#include "kernel/params.h"
#include "kernel/sched.h"
#include "kernel/spinlock.h"
#include "kernel/mutex.h"
#include "kernel/string.h"
#include "kernel/time.h"
#include "kernel/chaintrace.h"
#include "arch/x86_64/irq.h"
#include "arch/x86_64/uaccess.h"
#include "fs/eventpoll_internal.h"
#include "net/sock.h"

#define CHAIN_MAX_STEPS	12	/* kept per chain; more are only counted */
#define CHAIN_RING	8	/* kept chains the console trace waits to print */
#define CHAIN_HISTORY	32	/* kept chains remembered (sockets, /proc/chains) */
#define CHAIN_PROC	6	/* of them, shown by /proc/chains */

/* One step: when, what, and the words chain_step_text() shows. */
struct chain_rec {
	u64 ns;				/* ktime_get_ns() at the step */
	enum chain_step step;
	unsigned long arg[4];
	char comm[TASK_COMM_LEN];	/* the task, for the last two steps */
};

/* The steps one packet set off. */
struct chain {
	unsigned long pos;		/* its position: which chain it is */
	int nr;				/* steps in rec */
	int lost;			/* steps beyond CHAIN_MAX_STEPS */
	bool watched;			/* an ep_poll_callback (or ep_insert) ran in it */
	bool kept;			/* it touched a socket with SO_CHAIN */
	bool waited;			/* its epoll_wait step is in */
	const struct task_struct *sleeper; /* whose wake-up to record */
	struct chain_rec rec[CHAIN_MAX_STEPS];
};

bool chain_trace_on;
int chain_active;		/* chain_trace_on, plus one per keeping socket */
static int chain_keepers;	/* sockets with SO_CHAIN */

static DEFINE_SPINLOCK(chain_lock);
static DEFINE_MUTEX(chain_print_mutex);
/* Kept chains are at positions up to ring_next-1, the last CHAIN_HISTORY
 * of them still here; the one being built (if any) is at ring_next;
 * position p is ring[p % CHAIN_SLOTS].  The console trace has printed
 * (or skipped) those before ring_first. */
#define CHAIN_SLOTS	(CHAIN_HISTORY + 1)
static struct chain ring[CHAIN_SLOTS];
static unsigned long ring_first, ring_next;
static struct chain *open_chain;	/* ring[ring_next % CHAIN_SLOTS], or NULL */
static const struct task_struct *open_owner;	/* the task building it */
static unsigned long dropped;		/* kept chains pushed out unprinted */
static struct chain_rec scratch;	/* where steps beyond the limit go */

/* The last e1000 interrupt: where the chains of its frames start. */
static struct {
	u64 ns;
	u32 icr;
	unsigned long frames;		/* frames taken since */
	bool seen;			/* there was one since the reset */
} last_irq;

/* --- building chains: chain_lock held --- */

/* End the chain being built: kept if an epoll watches its socket or
 * the socket keeps its chains.  The console trace waits for at most
 * CHAIN_RING chains: beyond that the oldest unprinted one is dropped. */
static void chain_close(void)
{
	if (open_chain && (open_chain->watched || open_chain->kept)) {
		ring_next++;
		while (ring_next - ring_first > CHAIN_RING) {
			if (chain_trace_on && ring[ring_first % CHAIN_SLOTS].watched)
				dropped++;
			ring_first++;
		}
	}
	open_chain = NULL;
}

/* The kept chain at position pos, if it is still in the history. */
static struct chain *chain_at(unsigned long pos)
{
	if (pos >= ring_next || ring_next - pos > CHAIN_HISTORY)
		return NULL;
	return &ring[pos % CHAIN_SLOTS];
}

/* Start a new chain at position ring_next (a free slot: see chain_close). */
static struct chain *chain_open(void)
{
	chain_close();
	struct chain *c = &ring[ring_next % CHAIN_SLOTS];
	c->pos = ring_next;
	c->nr = c->lost = 0;
	c->watched = c->kept = c->waited = false;
	c->sleeper = NULL;
	open_chain = c;
	open_owner = current;
	return c;
}

/* The chain that a step taken here belongs to, or NULL. */
static struct chain *chain_here(void)
{
	if (!open_chain || in_interrupt() || current != open_owner)
		return NULL;
	return open_chain;
}

static struct chain_rec *chain_add(struct chain *c, enum chain_step step,
				   u64 ns)
{
	struct chain_rec *r = &scratch;

	if (c->nr < CHAIN_MAX_STEPS)
		r = &c->rec[c->nr++];
	else
		c->lost++;
	*r = (struct chain_rec){ .ns = ns, .step = step };
	return r;
}

static void chain_add_task(struct chain *c, enum chain_step step, u64 ns,
			   const struct task_struct *p, unsigned long n)
{
	struct chain_rec *r = chain_add(c, step, ns);

	r->arg[0] = p->pid;
	r->arg[1] = n;
	strlcpy(r->comm, p->comm, sizeof(r->comm));
}

/* Forget everything recorded (the trace is switched). */
static void chain_reset(void)
{
	open_chain = NULL;
	ring_first = ring_next;
	dropped = 0;
	last_irq.seen = false;
}

/* --- the hooks --- */

void __trace_chain_irq(u32 icr)
{
	u64 now = ktime_get_ns();
	unsigned long flags;

	spin_lock_irqsave(&chain_lock, flags);
	last_irq.ns = now;
	last_irq.icr = icr;
	last_irq.frames = 0;
	last_irq.seen = true;
	spin_unlock_irqrestore(&chain_lock, flags);
}

void __trace_chain_rx(const char *dev_name, unsigned len)
{
	u64 now = ktime_get_ns();
	unsigned long flags;

	spin_lock_irqsave(&chain_lock, flags);
	struct chain *c = chain_open();
	if (last_irq.seen)
		chain_add(c, CHAIN_E1000_INTR, last_irq.ns)->arg[0] = last_irq.icr;
	struct chain_rec *r = chain_add(c, CHAIN_ETHERNETIF_INPUT, now);
	r->arg[0] = (unsigned long)dev_name;
	r->arg[1] = len;
	r->arg[2] = ++last_irq.frames;
	spin_unlock_irqrestore(&chain_lock, flags);
}

void __trace_chain_rx_done(void)
{
	unsigned long flags;

	spin_lock_irqsave(&chain_lock, flags);
	if (chain_here())
		chain_close();
	spin_unlock_irqrestore(&chain_lock, flags);
}

static unsigned long ip4_addr_at(const u8 *p)
{
	return (unsigned long)p[0] << 24 | p[1] << 16 | p[2] << 8 | p[3];
}

/*
 * lwIP's LWIP_HOOK_IP4_INPUT (net/lwip/lwipopts.h): every IPv4 packet that
 * ip4_input takes, iphdr its header.  The frame's chain goes on; a
 * packet with no frame before it (loopback) opens its own.  Returns 0:
 * lwIP goes on with the packet.
 */
int __trace_chain_ip4_input(const void *iphdr)
{
	const u8 *h = iphdr;
	u64 now = ktime_get_ns();
	unsigned long flags;

	spin_lock_irqsave(&chain_lock, flags);
	struct chain *c = chain_here();
	if (!c || !c->nr || c->rec[c->nr - 1].step != CHAIN_ETHERNETIF_INPUT)
		c = chain_open();
	struct chain_rec *r = chain_add(c, CHAIN_IP4_INPUT, now);
	r->arg[0] = ip4_addr_at(h + 12);	/* source */
	r->arg[1] = ip4_addr_at(h + 16);	/* destination */
	r->arg[2] = h[9];			/* protocol */
	r->arg[3] = (unsigned long)h[2] << 8 | h[3];	/* total length */
	spin_unlock_irqrestore(&chain_lock, flags);
	return 0;
}

void __trace_chain_sk(enum chain_step step, struct sock *sk,
		      unsigned len)
{
	u64 now = ktime_get_ns();
	unsigned long flags;

	spin_lock_irqsave(&chain_lock, flags);
	struct chain *c = chain_here();
	if (c) {
		struct chain_rec *r = chain_add(c, step, now);
		r->arg[0] = (unsigned long)sk;
		r->arg[1] = len;
		/* Only what brings the socket something to read (data, a
		 * FIN, a connection) is its chain: not the ACKs of what it
		 * sent, which would push the request's chain out. */
		if (sk->sk_chain_keep && (step == CHAIN_INET_TCP_RECV ||
					  step == CHAIN_INET_UDP_RECV ||
					  step == CHAIN_INET_TCP_ACCEPT)) {
			c->kept = true;
			sk->sk_chain_seq = c->pos + 1;
		}
	}
	spin_unlock_irqrestore(&chain_lock, flags);
}

void __trace_chain_born(struct sock *sk)
{
	unsigned long flags;

	spin_lock_irqsave(&chain_lock, flags);
	struct chain *c = chain_here();
	if (c && sk->sk_chain_keep) {
		c->kept = true;
		sk->sk_chain_birth = c->pos + 1;
	}
	spin_unlock_irqrestore(&chain_lock, flags);
}

/* Which socket a watched file is, for the steps added to its chain. */
static struct sock *chain_sock_of(struct file *file)
{
	struct socket *sock = sock_from_file(file);

	return sock ? sock->sk : NULL;
}

static void chain_add_ep_step(struct chain *c, enum chain_step step, u64 ns,
			      const struct epitem *epi, unsigned events)
{
	struct chain_rec *r = chain_add(c, step, ns);

	r->arg[0] = (unsigned long)epi;
	r->arg[1] = (unsigned long)epi->ep;
	r->arg[2] = epi->ffd.fd;
	r->arg[3] = events;
	c->watched = true;
}

void __trace_chain_ep_insert(const struct epitem *epi, unsigned revents)
{
	struct sock *sk = chain_sock_of(epi->ffd.file);
	u64 now = ktime_get_ns();
	unsigned long flags;

	if (!sk || !READ_ONCE(sk->sk_chain_keep))
		return;
	spin_lock_irqsave(&chain_lock, flags);
	unsigned long seq = READ_ONCE(sk->sk_chain_seq);
	struct chain *c = seq ? chain_at(seq - 1) : NULL;
	if (c && !c->waited)
		chain_add_ep_step(c, CHAIN_EP_INSERT, now, epi, revents);
	spin_unlock_irqrestore(&chain_lock, flags);
}

/* ep->lock held, so ep->wq (which ep_poll joins under it) holds still:
 * its first entry is the task that wake_up(&ep->wq) will wake. */
static const struct task_struct *ep_first_sleeper(const struct eventpoll *ep)
{
	if (list_empty(&ep->wq.head))
		return NULL;
	return list_first_entry(&ep->wq.head, wait_queue_entry_t,
				entry)->private;
}

void __trace_chain_ep(const struct epitem *epi, unsigned key)
{
	u64 now = ktime_get_ns();
	unsigned long flags;

	spin_lock_irqsave(&chain_lock, flags);
	struct chain *c = chain_here();
	if (c) {
		unsigned events = epi->event.events & ~EP_PRIVATE_BITS;
		chain_add_ep_step(c, CHAIN_EP_POLL_CALLBACK, now, epi,
				  key ? key & events : events);
		c->sleeper = ep_first_sleeper(epi->ep);
	}
	spin_unlock_irqrestore(&chain_lock, flags);
}

void __trace_chain_wakeup(const struct task_struct *p)
{
	u64 now = ktime_get_ns();
	unsigned long flags;

	spin_lock_irqsave(&chain_lock, flags);
	if (open_chain && open_chain->sleeper == p) {
		chain_add_task(open_chain, CHAIN_TRY_TO_WAKE_UP, now, p, 0);
		open_chain->sleeper = NULL;
	}
	spin_unlock_irqrestore(&chain_lock, flags);
}

/* Whether c went through an ep_poll_callback (or ep_insert) of ep. */
static bool chain_has_ep(const struct chain *c, const void *ep)
{
	for (int i = 0; i < c->nr; i++)
		if ((c->rec[i].step == CHAIN_EP_POLL_CALLBACK ||
		     c->rec[i].step == CHAIN_EP_INSERT) &&
		    c->rec[i].arg[1] == (unsigned long)ep)
			return true;
	return false;
}

static void chain_print_upto(unsigned long pos);

/* epoll_wait on ep returns n: the end of every kept chain that reached
 * ep and has not ended yet. */
void __trace_chain_epoll_wait(const void *ep, long n)
{
	u64 now = ktime_get_ns();
	unsigned long flags, pos, last = 0;
	bool found = false;

	if (n <= 0)
		return;
	spin_lock_irqsave(&chain_lock, flags);
	pos = ring_next > CHAIN_HISTORY ? ring_next - CHAIN_HISTORY : 0;
	for (; pos < ring_next; pos++) {
		struct chain *c = &ring[pos % CHAIN_SLOTS];
		if (!c->waited && chain_has_ep(c, ep)) {
			chain_add_task(c, CHAIN_EPOLL_WAIT, now, current, n);
			c->waited = true;
			found = true;
			last = pos;
		}
	}
	bool print = found && chain_trace_on;
	spin_unlock_irqrestore(&chain_lock, flags);
	if (print)
		chain_print_upto(last);
}

/* --- printing: process context --- */

static const char *ip_proto_name(unsigned long proto)
{
	switch (proto) {
	case 1: return "icmp";
	case 6: return "tcp";
	case 17: return "udp";
	default: return "ip";
	}
}

/* What a step's line says after its name. */
static void chain_step_text(const struct chain_rec *r, char *buf, size_t size)
{
	const unsigned long *a = r->arg;

	switch (r->step) {
	case CHAIN_E1000_INTR:
		snprintf(buf, size, "icr=%#lx", a[0]);
		break;
	case CHAIN_ETHERNETIF_INPUT:
		snprintf(buf, size, "%s len=%lu frame=%lu -> ethernet_input",
			 (const char *)a[0], a[1], a[2]);
		break;
	case CHAIN_IP4_INPUT:
		snprintf(buf, size, "%lu.%lu.%lu.%lu > %lu.%lu.%lu.%lu %s len=%lu",
			 a[0] >> 24, a[0] >> 16 & 255, a[0] >> 8 & 255, a[0] & 255,
			 a[1] >> 24, a[1] >> 16 & 255, a[1] >> 8 & 255, a[1] & 255,
			 ip_proto_name(a[2]), a[3]);
		break;
	case CHAIN_INET_TCP_RECV:	/* no data: the peer's FIN */
	case CHAIN_INET_TCP_SENT:
	case CHAIN_INET_UDP_RECV:
		snprintf(buf, size, "sk=%p len=%lu%s", (void *)a[0], a[1],
			 r->step == CHAIN_INET_TCP_RECV && !a[1] ? " (FIN)" : "");
		break;
	case CHAIN_EP_POLL_CALLBACK:
	case CHAIN_EP_INSERT:
		snprintf(buf, size, "epi=%p ep=%p fd=%lu events=%#lx",
			 (void *)a[0], (void *)a[1], a[2], a[3]);
		break;
	case CHAIN_TRY_TO_WAKE_UP:
		snprintf(buf, size, "pid=%lu comm=%s", a[0], r->comm);
		break;
	case CHAIN_EPOLL_WAIT:
		snprintf(buf, size, "pid=%lu comm=%s returns %lu", a[0], r->comm,
			 a[1]);
		break;
	default:			/* the listener or the sock callbacks */
		snprintf(buf, size, "sk=%p", (void *)a[0]);
		break;
	}
}

static const char *const chain_step_name[] = {
	[CHAIN_E1000_INTR] = "e1000_intr",
	[CHAIN_ETHERNETIF_INPUT] = "ethernetif_input",
	[CHAIN_IP4_INPUT] = "ip4_input",
	[CHAIN_INET_TCP_ACCEPT] = "inet_tcp_accept",
	[CHAIN_INET_TCP_RECV] = "inet_tcp_recv",
	[CHAIN_INET_TCP_SENT] = "inet_tcp_sent",
	[CHAIN_INET_UDP_RECV] = "inet_udp_recv",
	[CHAIN_SOCK_DEF_READABLE] = "sock_def_readable",
	[CHAIN_SOCK_DEF_WRITE_SPACE] = "sock_def_write_space",
	[CHAIN_SOCK_DEF_WAKEUP] = "sock_def_wakeup",
	[CHAIN_EP_POLL_CALLBACK] = "ep_poll_callback",
	[CHAIN_EP_INSERT] = "ep_insert",
	[CHAIN_TRY_TO_WAKE_UP] = "try_to_wake_up",
	[CHAIN_EPOLL_WAIT] = "epoll_wait",
};

/* One line per step, stamped with the step's own time. */
static void chain_print(const struct chain *c)
{
	char text[96];

	for (int i = 0; i < c->nr; i++) {
		const struct chain_rec *r = &c->rec[i];
		chain_step_text(r, text, sizeof(text));
		printk_stamped(r->ns, KERN_INFO "chain: +%luus %s %s\n",
			       (unsigned long)((r->ns - c->rec[0].ns) / 1000),
			       chain_step_name[r->step], text);
	}
	if (c->lost)
		pr_info("chain: (%d more steps not kept)\n", c->lost);
}

/* Print, oldest first, every kept chain up to position pos. */
static void chain_print_upto(unsigned long pos)
{
	static struct chain c;		/* chain_print_mutex */
	unsigned long flags, lost;

	mutex_lock(&chain_print_mutex);
	for (;;) {
		spin_lock_irqsave(&chain_lock, flags);
		bool more = ring_first <= pos && ring_first < ring_next;
		bool watched = false;
		if (more) {
			c = ring[ring_first++ % CHAIN_SLOTS];
			watched = c.watched;
		}
		lost = dropped;
		dropped = 0;
		spin_unlock_irqrestore(&chain_lock, flags);
		if (lost)
			pr_info("chain: (%lu older chains dropped unprinted)\n", lost);
		if (!more)
			break;
		if (watched)	/* kept for a socket, watched by nobody */
			chain_print(&c);
	}
	mutex_unlock(&chain_print_mutex);
}

/* --- switching it --- */

static void chain_trace_set(bool on)
{
	unsigned long flags;

	spin_lock_irqsave(&chain_lock, flags);
	if (on != chain_trace_on) {
		/* Unprinted chains are not printed late, nor lost ones
		 * counted: the console starts afresh. */
		ring_first = ring_next;
		dropped = 0;
	}
	if (!chain_keepers)
		chain_reset();
	WRITE_ONCE(chain_trace_on, on);
	WRITE_ONCE(chain_active, on + chain_keepers);
	spin_unlock_irqrestore(&chain_lock, flags);
}

/* --- sockets that keep their chains (SO_CHAIN) --- */

void chain_sock_keep(struct sock *sk, bool keep)
{
	unsigned long flags;

	spin_lock_irqsave(&chain_lock, flags);
	if (keep != sk->sk_chain_keep) {
		chain_keepers += keep ? 1 : -1;
		sk->sk_chain_keep = keep;
		if (!keep)
			sk->sk_chain_seq = sk->sk_chain_birth = 0;
		WRITE_ONCE(chain_active, chain_trace_on + chain_keepers);
	}
	spin_unlock_irqrestore(&chain_lock, flags);
}

/* Text of the kept chain at position seq - 1, each line after prefix. */
static size_t chain_show_at(unsigned long seq, const char *prefix, char *buf,
			    size_t size)
{
	static struct chain c;		/* chain_print_mutex */
	unsigned long flags;
	char text[96];
	size_t len = 0;

	spin_lock_irqsave(&chain_lock, flags);
	struct chain *k = seq ? chain_at(seq - 1) : NULL;
	if (k)
		c = *k;
	spin_unlock_irqrestore(&chain_lock, flags);
	if (!k)
		return 0;
	for (int i = 0; i < c.nr && len < size; i++) {
		const struct chain_rec *r = &c.rec[i];
		chain_step_text(r, text, sizeof(text));
		len += snprintf(buf + len, size - len, "%s+%luus %s %s\n", prefix,
				(unsigned long)((r->ns - c.rec[0].ns) / 1000),
				chain_step_name[r->step], text);
	}
	return MIN(len, size);
}

size_t chain_show_sock(const struct sock *sk, char *buf, size_t size)
{
	size_t len = 0;

	if (!READ_ONCE(sk->sk_chain_keep))
		return 0;
	mutex_lock(&chain_print_mutex);
	len += chain_show_at(READ_ONCE(sk->sk_chain_birth), "chain-connect:\t",
			     buf, size);
	if (len < size)
		len += chain_show_at(READ_ONCE(sk->sk_chain_seq), "chain:\t",
				     buf + len, size - len);
	mutex_unlock(&chain_print_mutex);
	return len;
}

/* /proc/chains: the last few kept chains, oldest first, each after a
 * line "chain N" (its position). */
size_t chain_history_show(char *buf, size_t size)
{
	unsigned long flags, next;
	size_t len = 0;

	spin_lock_irqsave(&chain_lock, flags);
	next = ring_next;
	spin_unlock_irqrestore(&chain_lock, flags);
	mutex_lock(&chain_print_mutex);
	for (unsigned long pos = next > CHAIN_PROC ? next - CHAIN_PROC : 0;
	     pos < next && len < size; pos++) {
		size_t n = snprintf(buf + len, size - len, "chain %lu\n", pos);
		len += n;
		if (len < size)
			len += chain_show_at(pos + 1, "", buf + len, size - len);
	}
	mutex_unlock(&chain_print_mutex);
	return MIN(len, size ? size - 1 : 0);
}

static int set_trace(const char *val)
{
	if (!val || strcmp(val, "chain"))
		return -EINVAL;
	chain_trace_set(true);
	return 0;
}
__setup("trace", set_trace);

size_t chain_trace_show(char *buf, size_t size)
{
	return snprintf(buf, size, "%s\n", READ_ONCE(chain_trace_on) ? "on" : "off");
}

ssize_t chain_trace_write(const char __user *buf, size_t len)
{
	char val[8] = "";
	size_t n = MIN(len, sizeof(val) - 1);

	if (copy_from_user(val, buf, n))
		return -EFAULT;
	val[n] = 0;
	if (n && val[n - 1] == '\n')
		val[n - 1] = 0;
	if (!strcmp(val, "1") || !strcmp(val, "on"))
		chain_trace_set(true);
	else if (!strcmp(val, "0") || !strcmp(val, "off"))
		chain_trace_set(false);
	else
		return -EINVAL;
	return len;
}
