/*
 * chaintrace.h - the chain trace: one console line per step of the
 * wake-up chain (docs/design.md), from the e1000 interrupt to epoll_wait
 * returning, for each event on a socket that some epoll watches.
 *
 * "trace=chain" on the command line switches it on at boot; writing 1
 * or 0 to /proc/trace_chain (or "trace on|off" in the shell) at any
 * time.  Each hook below is one line at its site and, while the trace is
 * off, costs a load and a branch.  kernel/chaintrace.c says what each
 * records, from which context, and when the lines are printed.
 */
#ifndef KERNEL_CHAINTRACE_H
#define KERNEL_CHAINTRACE_H

#include "kernel/types.h"

struct sock;
struct file;
struct epitem;
struct task_struct;

/* The steps, in chain order; each is named after the function that
 * records it. */
enum chain_step {
	CHAIN_E1000_INTR,		/* drivers/e1000.c, hard interrupt */
	CHAIN_ETHERNETIF_INPUT,	/* net/lwip/ethernetif.c, knetd: to lwIP */
	CHAIN_IP4_INPUT,		/* lwIP's ip4_input, knetd (its hook) */
	CHAIN_INET_TCP_ACCEPT,		/* net/inet_stream.c: lwIP's callbacks */
	CHAIN_INET_TCP_RECV,
	CHAIN_INET_TCP_SENT,
	CHAIN_INET_UDP_RECV,		/* net/udp.c */
	CHAIN_SOCK_DEF_READABLE,	/* net/socket.c: sk_data_ready ... */
	CHAIN_SOCK_DEF_WRITE_SPACE,
	CHAIN_SOCK_DEF_WAKEUP,
	CHAIN_EP_POLL_CALLBACK,		/* fs/eventpoll.c, irqs off */
	CHAIN_EP_INSERT,		/* fs/eventpoll.c: found ready at ADD */
	CHAIN_TRY_TO_WAKE_UP,		/* kernel/sched.c, irqs off */
	CHAIN_EPOLL_WAIT,		/* fs/eventpoll_syscalls.c, process */
};

extern bool chain_trace_on;	/* the console trace */
/* Non-zero while anything records: the console trace, or sockets that
 * keep their chains (SO_CHAIN).  What every hook tests first. */
extern int chain_active;

void __trace_chain_irq(u32 icr);
void __trace_chain_rx(const char *dev_name, unsigned len);
void __trace_chain_rx_done(void);
void __trace_chain_sk(enum chain_step step, struct sock *sk,
		      unsigned len);
void __trace_chain_born(struct sock *sk);
void __trace_chain_ep(const struct epitem *epi, unsigned key);
void __trace_chain_ep_insert(const struct epitem *epi, unsigned revents);
void __trace_chain_wakeup(const struct task_struct *p);
void __trace_chain_epoll_wait(const void *ep, long n);
/* Called by lwIP itself, through LWIP_HOOK_IP4_INPUT (net/lwip/lwipopts.h,
 * which tests chain_active first): every IPv4 packet in. */
int __trace_chain_ip4_input(const void *iphdr);

/* The e1000 raised its interrupt (icr: the causes it read). */
static inline void trace_chain_irq(u32 icr)
{
	if (unlikely(READ_ONCE(chain_active)))
		__trace_chain_irq(icr);
}

/* A frame of len bytes goes from a device to lwIP: a chain begins. */
static inline void trace_chain_rx(const char *dev_name, unsigned len)
{
	if (unlikely(READ_ONCE(chain_active)))
		__trace_chain_rx(dev_name, len);
}

/* lwIP is done with the frame (or the looped-back packets): the chain
 * ends; steps after this belong to no packet (lwIP's timers). */
static inline void trace_chain_rx_done(void)
{
	if (unlikely(READ_ONCE(chain_active)))
		__trace_chain_rx_done();
}

/* A protocol callback or a default sock callback ran for sk. */
static inline void trace_chain_sk(enum chain_step step, struct sock *sk,
				  unsigned len)
{
	if (unlikely(READ_ONCE(chain_active)))
		__trace_chain_sk(step, sk, len);
}

/* A connection, sk, was born in this chain (its accept): a socket that
 * keeps its chains remembers it as its first. */
static inline void trace_chain_born(struct sock *sk)
{
	if (unlikely(READ_ONCE(chain_active)))
		__trace_chain_born(sk);
}

/* ep_insert found epi's file ready at once (revents): for a socket that
 * keeps its chains, the chain that made it ready goes on from here. */
static inline void trace_chain_ep_insert(const struct epitem *epi,
					 unsigned revents)
{
	if (unlikely(READ_ONCE(chain_active)))
		__trace_chain_ep_insert(epi, revents);
}

/* ep_poll_callback queues epi for the events in key: the socket is
 * watched, so this chain will be printed.  ep->lock held. */
static inline void trace_chain_ep(const struct epitem *epi, unsigned key)
{
	if (unlikely(READ_ONCE(chain_active)))
		__trace_chain_ep(epi, key);
}

/* try_to_wake_up made p runnable. */
static inline void trace_chain_wakeup(const struct task_struct *p)
{
	if (unlikely(READ_ONCE(chain_active)))
		__trace_chain_wakeup(p);
}

/* epoll_wait on ep is about to return n to user space. */
static inline void trace_chain_epoll_wait(const void *ep, long n)
{
	if (unlikely(READ_ONCE(chain_active)))
		__trace_chain_epoll_wait(ep, n);
}

/* SO_CHAIN: whether sk keeps its chains (see chaintrace.c).  Any
 * context but an interrupt handler's. */
void chain_sock_keep(struct sock *sk, bool keep);
/* /proc/PID/fdinfo/FD of a socket: its chains, "chain-connect:" lines
 * (the one that created it) and "chain:" lines (the last one), or
 * nothing.  Process context. */
size_t chain_show_sock(const struct sock *sk, char *buf, size_t size);
/* /proc/chains: the last few kept chains.  Process context. */
size_t chain_history_show(char *buf, size_t size);

/* /proc/trace_chain: reads "on\n" or "off\n"; a write of 1 or 0 (or
 * on, off) switches.  Process context. */
size_t chain_trace_show(char *buf, size_t size);
ssize_t chain_trace_write(const char __user *buf, size_t len);

#endif
