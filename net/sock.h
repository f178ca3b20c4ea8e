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
 * becomes an epoll wake-up (docs/design.md, the wake-up chain).
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
#include "net/skbuff.h"
#include "net/sysctl_net.h"

/* Address families and socket types (Linux's values). */
#define AF_UNSPEC	0
#define AF_UNIX		1
#define AF_INET		2
#define AF_INET6	10
#define AF_NETLINK	16
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
#define MSG_CTRUNC	0x08
#define MSG_TRUNC	0x20
#define MSG_DONTWAIT	0x40
#define MSG_EOR		0x80
#define MSG_WAITALL	0x100
#define MSG_NOSIGNAL	0x4000
#define MSG_WAITFORONE	0x10000
#define MSG_CMSG_CLOEXEC 0x40000000

/* Socket-level options (SOL_SOCKET), Linux's x86-64 values */
#define SOL_SOCKET	1
#define SO_DEBUG	1
#define SO_REUSEADDR	2
#define SO_TYPE		3
#define SO_ERROR	4
#define SO_DONTROUTE	5
#define SO_BROADCAST	6
#define SO_SNDBUF	7
#define SO_RCVBUF	8
#define SO_KEEPALIVE	9
#define SO_OOBINLINE	10
#define SO_LINGER	13
#define SO_REUSEPORT	15
#define SO_PASSCRED	16
#define SO_PEERCRED	17
#define SO_RCVLOWAT	18
#define SO_SNDLOWAT	19
#define SO_RCVTIMEO	20
#define SO_SNDTIMEO	21
#define SO_ACCEPTCONN	30
#define SO_SNDBUFFORCE	32
#define SO_RCVBUFFORCE	33
#define SO_PROTOCOL	38
#define SO_DOMAIN	39
/* This kernel's own, not Linux's (which answers ENOPROTOOPT): an int, 1
 * to keep the wake-up chains that reach this socket (and its accepted
 * connections'), for /proc/PID/fdinfo (kernel/chaintrace.c).  Far from
 * Linux's numbers, so that none of theirs will ever collide. */
#define SO_CHAIN	0x6368

/* sk_state: Linux's numbering (include/net/tcp_states.h), which every
 * family uses, AF_UNIX included */
enum {
	TCP_ESTABLISHED = 1,
	TCP_SYN_SENT,
	TCP_SYN_RECV,
	TCP_FIN_WAIT1,
	TCP_FIN_WAIT2,
	TCP_TIME_WAIT,
	TCP_CLOSE,
	TCP_CLOSE_WAIT,
	TCP_LAST_ACK,
	TCP_LISTEN,
	TCP_CLOSING,
};

/* sk_flags bits (Linux's enum sock_flags, the ones used here) */
enum sock_flags {
	SOCK_DEAD,		/* its socket (file) is gone */
	SOCK_PASSCRED,		/* SO_PASSCRED: SCM_CREDENTIALS on receive */
	SOCK_KEEPOPEN,		/* SO_KEEPALIVE */
	SOCK_REUSEADDR,		/* SO_REUSEADDR (AF_UNIX: only reported) */
	SOCK_BROADCAST,		/* SO_BROADCAST (only reported) */
	SOCK_LINGER,		/* SO_LINGER on (AF_UNIX: only reported) */
	SOCK_URGINLINE,		/* SO_OOBINLINE (TCP's urgent byte in the
				 * stream: net/tcp_urg.c) */
	SOCK_DBG,		/* SO_DEBUG (only reported) */
	SOCK_LOCALROUTE,	/* SO_DONTROUTE (only reported) */
};

/* The defaults (net.core.wmem_default ...), the ceilings and the
 * floors of SO_SNDBUF/SO_RCVBUF: net/sysctl_net.h. */

/* shutdown(2)'s how, and the sk_shutdown bits it sets */
#define SHUT_RD		0
#define SHUT_WR		1
#define SHUT_RDWR	2
#define RCV_SHUTDOWN	1
#define SEND_SHUTDOWN	2
#define SHUTDOWN_MASK	3

/* SO_PEERCRED's answer, and SCM_CREDENTIALS's payload */
struct ucred {
	int pid;
	unsigned int uid;
	unsigned int gid;
};

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
	/* control messages: sendmsg's are copied into the kernel first
	 * (msg_control), recvmsg's are written to user space as they are
	 * made (msg_control_user, msg_controllen bytes of room left) */
	void *msg_control;
	void __user *msg_control_user;
	size_t msg_controllen;
	unsigned int msg_flags;			/* in: MSG_CMSG_CLOEXEC;
						 * out: MSG_TRUNC, MSG_CTRUNC */
	bool msg_kernel;			/* iov_base are kernel pointers */
	size_t msg_copied;			/* bytes moved so far through
						 * skb_copy_datagram_msg */
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
	spinlock_t sk_lock;		/* AF_UNIX's state and peer
					 * (unix_state_lock, net/unix/);
					 * plain spin_lock: no interrupt
					 * handler takes it.  AF_INET uses
					 * lwip_core_lock() instead. */
	wait_queue_head_t sk_wq;	/* readers, writers and pollers */
	unsigned char sk_shutdown;	/* RCV_SHUTDOWN | SEND_SHUTDOWN */
	int sk_err;			/* pending error, reported once */
	unsigned int sk_drops;		/* datagrams dropped for want of room */
	unsigned short sk_type;
	unsigned short sk_family;	/* AF_UNIX, AF_INET ... */
	unsigned short sk_protocol;	/* socket()'s protocol, as the family
					 * keeps it (AF_UNIX: 0) */
	/* AF_UNIX and AF_NETLINK only so far; AF_INET keeps its state,
	 * queues and options in struct inet_sock */
	int sk_state;			/* TCP_* */
	unsigned long sk_flags;		/* 1 << SOCK_DEAD ... */
	int sk_sndbuf, sk_rcvbuf;	/* SO_SNDBUF, SO_RCVBUF (bytes) */
	long sk_wmem_alloc;		/* truesize of sent skbs not yet freed */
	long sk_rcvtimeo, sk_sndtimeo;	/* jiffies, MAX_SCHEDULE_TIMEOUT: none */
	int sk_rcvlowat;		/* SO_RCVLOWAT: bytes a stream read waits for */
	int sk_lingertime;		/* SO_LINGER's seconds */
	unsigned char sk_reuseport;	/* SO_REUSEPORT (only reported) */
	unsigned int sk_max_ack_backlog; /* listen's backlog; datagrams:
					  * the receive queue's length */
	struct sk_buff_head sk_receive_queue;
	struct ucred sk_peer_cred;	/* SO_PEERCRED (pid 0: nobody) */
	struct socket *sk_socket;	/* NULL once the file is gone */
	long sk_refcnt;			/* sock_hold/sock_put */
	void (*sk_data_ready)(struct sock *sk);
	void (*sk_write_space)(struct sock *sk);
	void (*sk_state_change)(struct sock *sk);
	void (*sk_destruct)(struct sock *sk);	/* frees the whole object */
	/* The chain trace's (kernel/chaintrace.c): SO_CHAIN, and the
	 * positions + 1 (0: none) of the last chain that touched this sock
	 * and of the one that created it; chain_lock. */
	bool sk_chain_keep;
	unsigned long sk_chain_seq, sk_chain_birth;
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

static inline bool sock_flag(const struct sock *sk, enum sock_flags flag)
{
	return READ_ONCE(sk->sk_flags) & (1UL << flag);
}

static inline void sock_set_flag(struct sock *sk, enum sock_flags flag)
{
	__atomic_or_fetch(&sk->sk_flags, 1UL << flag, __ATOMIC_RELAXED);
}

static inline void sock_reset_flag(struct sock *sk, enum sock_flags flag)
{
	__atomic_and_fetch(&sk->sk_flags, ~(1UL << flag), __ATOMIC_RELAXED);
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

/* The socket behind a file, or NULL if it is not a socket. */
struct socket *sock_from_file(struct file *file);
size_t sock_show_fdinfo(struct file *f, char *buf, size_t size);

/* net/sock.c: what every family without lwIP shares (Linux's
 * net/core/sock.c) */
/* SOL_SOCKET options on sk's generic fields; -ENOPROTOOPT for others. */
int sk_setsockopt(struct sock *sk, int optname, const void __user *optval,
		  unsigned int optlen);
/* getsockopt's answer: the first MIN(len, size) bytes of v to optval,
 * that length to optlen. */
int sk_put_opt(const void *v, int size, void __user *optval,
	       int __user *optlen, int len);
int sk_getsockopt(struct sock *sk, int optname, void __user *optval,
		  int __user *optlen);
/* A send buffer charged to sk, waiting (up to timeo jiffies) while sk
 * has sk_sndbuf in flight; NULL with *err set (-EAGAIN, -EPIPE,
 * -ERESTARTSYS, -EINTR, -ENOBUFS ...). */
struct sk_buff *sock_alloc_send_skb(struct sock *sk, unsigned int size,
				    long timeo, int *err);
/* The wait a call may make: 0, a timeout in jiffies, or none
 * (MAX_SCHEDULE_TIMEOUT).  A timeout gets one jiffy more, for the part
 * of the current one already gone, so that it never ends before the
 * time set (at HZ 100 a tick is 10 ms; what getsockopt reads back is
 * the value set). */
static inline long sock_timeo_wait(long timeo)
{
	return timeo && timeo != MAX_SCHEDULE_TIMEOUT ? timeo + 1 : timeo;
}
static inline long sock_sndtimeo(const struct sock *sk, bool noblock)
{
	return noblock ? 0 : sock_timeo_wait(READ_ONCE(sk->sk_sndtimeo));
}
static inline long sock_rcvtimeo(const struct sock *sk, bool noblock)
{
	return noblock ? 0 : sock_timeo_wait(READ_ONCE(sk->sk_rcvtimeo));
}
/* A signal cut a wait short: restart it unless it had a time limit. */
int sock_intr_errno(long timeo);
/* sk_sleep(sk) until cond or timeo runs out; 0, -EAGAIN (time up) or
 * the signal's errno.  *timeo is what is left. */
#define sk_wait_event(sk, timeo, cond)					\
	({								\
		long __left = wait_event_interruptible_timeout(		\
			*sk_sleep(sk), (cond), *(timeo));		\
		int __err = 0;						\
		if (__left < 0)						\
			__err = sock_intr_errno(*(timeo));		\
		else if (__left == 0)					\
			__err = -EAGAIN;				\
		else							\
			*(timeo) = __left;				\
		__err;							\
	})

/* net/af_inet.c */
int inet_create(struct socket *sock, int protocol, int family);

/* net/netlink/af_netlink.c */
int netlink_create(struct socket *sock, int protocol);

/* net/dev_ioctl.c: the SIOCGIF* requests any socket answers (Linux's
 * dev_ioctl and, on AF_INET sockets, devinet_ioctl), and SIOCGIFCONF;
 * -ENOIOCTLCMD for any other cmd. */
long dev_ioctl(struct socket *sock, unsigned int cmd, void __user *arg);

/* net/unix/af_unix.c */
int unix_create(struct socket *sock, int protocol);
int unix_socketpair(struct socket *socka, struct socket *sockb);

#endif
