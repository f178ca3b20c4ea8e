/*
 * sock.h - the socket layer's two halves, named as Linux names them
 * (include/linux/net.h and include/net/sock.h):
 *
 *   struct socket  the file's side: type, state, the protocol's
 *                  operations (proto_ops), the struct file it backs;
 *   struct sock    the protocol's side: the wait queue everyone sleeps
 *                  on (sk_sleep), shutdown bits, a pending error, and
 *                  the callbacks that announce events: sk_data_ready
 *                  (data arrived), sk_write_space (room to send),
 *                  sk_state_change (shutdown, close).
 *
 * Every pollable socket reports readiness through sock_poll ->
 * ops->poll, which poll_waits on sk_sleep(sk); the callbacks wake that
 * queue with an EPOLL* key.  That is the spot where a network packet
 * becomes an epoll wake-up (see DESIGN.md's wake-up chain).
 *
 * Context: process context, except the callbacks, which may run in any
 * context (the network's will run from its receive path).
 */
#ifndef NET_SOCK_H
#define NET_SOCK_H

#include "kernel/types.h"
#include "kernel/wait.h"
#include "kernel/spinlock.h"
#include "fs/fs.h"
#include "fs/poll.h"

/* Address families and socket types (Linux's values). */
#define AF_UNSPEC	0
#define AF_UNIX		1
#define AF_INET		2
#define AF_INET6	10
#define AF_MAX		46	/* NPROTO */

#define SOCK_STREAM	1
#define SOCK_DGRAM	2
#define SOCK_RAW	3
#define SOCK_RDM	4
#define SOCK_SEQPACKET	5
#define SOCK_PACKET	10
#define SOCK_MAX	11
#define SOCK_TYPE_MASK	0xf
#define SOCK_NONBLOCK	O_NONBLOCK
#define SOCK_CLOEXEC	O_CLOEXEC

/* send/recv flags */
#define MSG_OOB		0x01
#define MSG_PEEK	0x02
#define MSG_DONTWAIT	0x40
#define MSG_WAITALL	0x100
#define MSG_NOSIGNAL	0x4000

/* shutdown(2)'s how, and the sk_shutdown bits it sets */
#define SHUT_RD		0
#define SHUT_WR		1
#define SHUT_RDWR	2
#define RCV_SHUTDOWN	1
#define SEND_SHUTDOWN	2
#define SHUTDOWN_MASK	3

/* socket->state */
typedef enum {
	SS_FREE = 0,
	SS_UNCONNECTED,
	SS_CONNECTING,
	SS_CONNECTED,
	SS_DISCONNECTING,
} socket_state;

struct socket;
struct sock;

/* What a protocol family does for a socket's system calls.  Buffers are
 * user pointers; flags are MSG_*.  Results are counts or -errno. */
struct proto_ops {
	int family;
	int (*release)(struct socket *sock);
	__poll_t (*poll)(struct file *file, struct socket *sock, poll_table *wait);
	ssize_t (*sendmsg)(struct socket *sock, const char __user *buf,
			   size_t len, int flags);
	ssize_t (*recvmsg)(struct socket *sock, char __user *buf,
			   size_t len, int flags);
	int (*shutdown)(struct socket *sock, int how);
	long (*ioctl)(struct socket *sock, unsigned int cmd, unsigned long arg);
};

struct socket {
	socket_state state;
	short type;			/* SOCK_STREAM ... */
	struct file *file;		/* the file this socket backs */
	struct sock *sk;		/* the protocol's half */
	const struct proto_ops *ops;
};

struct sock {
	spinlock_t sk_lock;		/* the protocol's state; irqsave */
	wait_queue_head_t sk_wq;	/* readers, writers and pollers */
	unsigned char sk_shutdown;	/* RCV_SHUTDOWN | SEND_SHUTDOWN */
	int sk_err;			/* pending error, reported once */
	unsigned short sk_type;
	struct socket *sk_socket;	/* NULL once the file is gone */
	long sk_refcnt;			/* sock_hold/sock_put */
	void (*sk_data_ready)(struct sock *sk);
	void (*sk_write_space)(struct sock *sk);
	void (*sk_state_change)(struct sock *sk);
	void (*sk_destruct)(struct sock *sk);	/* frees the whole object */
};

static inline wait_queue_head_t *sk_sleep(struct sock *sk)
{
	return &sk->sk_wq;
}

static inline void sock_hold(struct sock *sk)
{
	__atomic_add_fetch(&sk->sk_refcnt, 1, __ATOMIC_RELAXED);
}

static inline void sock_put(struct sock *sk)
{
	if (__atomic_sub_fetch(&sk->sk_refcnt, 1, __ATOMIC_ACQ_REL) == 0)
		sk->sk_destruct(sk);
}

/* Take and clear the pending error, as a negative errno (0 if none). */
static inline int sock_error(struct sock *sk)
{
	int err = __atomic_exchange_n(&sk->sk_err, 0, __ATOMIC_RELAXED);

	return -err;
}

/* poll_wait on the socket's queue: what every ops->poll starts with. */
static inline void sock_poll_wait(struct file *filp, struct socket *sock,
				  poll_table *p)
{
	poll_wait(filp, sk_sleep(sock->sk), p);
}

/* net/socket.c */
void sock_init_data(struct socket *sock, struct sock *sk);
void sock_def_readable(struct sock *sk);
void sock_def_write_space(struct sock *sk);
void sock_def_wakeup(struct sock *sk);
struct socket *sock_alloc(void);
void sock_release(struct socket *sock);
/* Give sock a file (and so a descriptor); O_NONBLOCK from flags. */
struct file *sock_alloc_file(struct socket *sock, int flags);
/* The socket behind descriptor fd, its file referenced in *filep. */
struct socket *sockfd_lookup(int fd, struct file **filep, int *err);

/* net/unix.c */
int unix_socketpair(int type, int protocol, struct socket *socks[2]);

#endif
