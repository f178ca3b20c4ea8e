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
#include "fs/uio.h"
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
#define MSG_TRUNC	0x20
#define MSG_WAITALL	0x100
#define MSG_NOSIGNAL	0x4000
#define MSG_CMSG_CLOEXEC 0x40000000

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


/* An address as the system calls pass it: at most this many bytes. */
struct sockaddr_storage {
	unsigned short ss_family;
	char __data[126];
};

/*
 * What a sendmsg/recvmsg carries through the layers (Linux's kernel
 * struct msghdr, simplified): the address already copied into the
 * kernel, and the buffers, which stay user pointers unless msg_kernel.
 * The iovec array itself is a kernel copy.
 */
struct msghdr {
	struct sockaddr_storage *msg_name;	/* to/from; NULL if none */
	int msg_namelen;			/* in: its length; out: set */
	struct iovec *msg_iov;			/* kernel array of buffers */
	unsigned long msg_iovlen;
	unsigned int msg_flags;			/* out: MSG_TRUNC ... */
	bool msg_kernel;			/* iov_base are kernel pointers */
};

/* Copy n bytes at byte offset off of msg's buffers from/to kbuf;
 * returns the bytes not copied (a bad user pointer). */
size_t memcpy_from_msg(void *kbuf, struct msghdr *msg, size_t off, size_t n);
size_t memcpy_to_msg(struct msghdr *msg, size_t off, const void *kbuf, size_t n);

/* What a protocol family does for a socket's system calls.  flags are
 * MSG_*.  Results are counts or -errno.  An operation left NULL gives
 * Linux's answer for families that lack it (sock_no_*: EOPNOTSUPP). */
struct proto_ops {
	int family;
	int (*release)(struct socket *sock);
	int (*bind)(struct socket *sock, struct sockaddr_storage *addr, int len);
	int (*connect)(struct socket *sock, struct sockaddr_storage *addr,
		       int len, int flags);
	/* newsock is allocated; the protocol fills in its sk. */
	int (*accept)(struct socket *sock, struct socket *newsock, int flags);
	/* peer ? the remote address : the local one; returns its length */
	int (*getname)(struct socket *sock, struct sockaddr_storage *addr, int peer);
	__poll_t (*poll)(struct file *file, struct socket *sock, poll_table *wait);
	long (*ioctl)(struct socket *sock, unsigned int cmd, unsigned long arg);
	int (*listen)(struct socket *sock, int backlog);
	int (*shutdown)(struct socket *sock, int how);
	/* optval/optlen are user pointers */
	int (*setsockopt)(struct socket *sock, int level, int optname,
			  const void __user *optval, unsigned int optlen);
	int (*getsockopt)(struct socket *sock, int level, int optname,
			  void __user *optval, int __user *optlen);
	ssize_t (*sendmsg)(struct socket *sock, struct msghdr *msg, size_t len,
			   int flags);
	ssize_t (*recvmsg)(struct socket *sock, struct msghdr *msg, size_t len,
			   int flags);
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
	unsigned int sk_drops;		/* datagrams dropped for want of room */
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
/* The inode number behind sk's file, 0 if none (net/socket.c). */
unsigned long sock_i_ino(struct sock *sk);
/* The socket behind descriptor fd, its file referenced in *filep. */
struct socket *sockfd_lookup(int fd, struct file **filep, int *err);
/* A descriptor for sock (O_NONBLOCK, O_CLOEXEC from flags); on failure
 * the socket is released. */
int sock_map_fd(struct socket *sock, int flags);
int move_addr_to_kernel(const void __user *uaddr, int ulen,
			struct sockaddr_storage *kaddr);
int move_addr_to_user(struct sockaddr_storage *kaddr, int klen,
		      void __user *uaddr, int __user *ulen);

/* Send len bytes from a kernel buffer (sendfile's way in, once fs/ has
 * sendfile: it would read the file into a kernel buffer and call this). */
ssize_t kernel_sendmsg(struct socket *sock, const void *buf, size_t len, int flags);

/* net/af_inet.c */
int inet_create(struct socket *sock, int protocol);

/* net/unix.c */
int unix_socketpair(int type, int protocol, struct socket *socks[2]);

#endif
