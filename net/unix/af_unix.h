/*
 * af_unix.h - the AF_UNIX family's insides, shared by its files:
 *
 *   af_unix.c   sockets' life: create, bind (a path in the ramfs, an
 *               abstract name, autobind), listen, connect, accept,
 *               socketpair, names, poll, shutdown, release
 *   stream.c    SOCK_STREAM's data path: unix_stream_sendmsg/recvmsg
 *   dgram.c     SOCK_DGRAM and SOCK_SEQPACKET's: unix_dgram_connect,
 *               unix_dgram_sendmsg/recvmsg, unix_dgram_poll
 *   garbage.c   sockets passed in SCM_RIGHTS: in-flight counts and the
 *               collector of cycles nobody can reach (unix_gc)
 *
 * Names are Linux's (include/net/af_unix.h, net/unix/af_unix.c), so
 * unix_stream_connect, unix_find_other or unix_peer land in the same
 * spot in both trees.
 *
 * LOCKING (Linux's, in miniature):
 *   unix_state_lock(sk)   sk->sk_lock: sk_state, unix_peer(sk), the
 *                         shutdown bits; two at once in address order
 *                         (unix_state_double_lock), a listener before the
 *                         connecting socket.
 *   sk_receive_queue.lock the queue itself; inside the state lock.
 *   unix_table_lock       the name tables (bound and abstract sockets);
 *                         never held with a state lock; inside vfs_lock
 *                         (a path is looked up, then its socket).
 *   vfs_lock              the socket inode's i_count: taken inside the
 *                         state locks by connect, to share the path.
 *   u->iolock (mutex)     one reader at a time, held across the copies
 *                         to user space (a spinlock must not be).
 *   u->bindlock (mutex)   one bind at a time.
 *   unix_gc_lock          in-flight counts and the collector's lists.
 * Spinlocks are plain (no irqsave): AF_UNIX runs only in process
 * context; its wake-ups take the wait queues' own irqsave locks.  With
 * more than one CPU they are what keeps the other CPUs out.
 */
#ifndef NET_UNIX_AF_UNIX_H
#define NET_UNIX_AF_UNIX_H

#include "kernel/mutex.h"
#include "net/sock.h"
#include "net/scm.h"

#define UNIX_PATH_MAX	108

struct sockaddr_un {
	unsigned short sun_family;	/* AF_UNIX */
	char sun_path[UNIX_PATH_MAX];	/* a path, or NUL and an abstract name */
};

/* offsetof(struct sockaddr_un, sun_path): an address with no name */
#define UNIX_ADDR_EMPTY	2

/* A bound name, shared (refcnt) by a listener and what it accepts. */
struct unix_address {
	long refcnt;
	int len;			/* bytes of name, sun_family included */
	unsigned int hash;		/* its bucket in unix_table */
	struct sockaddr_un name;
};

struct unix_sock {
	struct sock sk;			/* first: unix_sk() casts */
	struct unix_address *addr;	/* NULL until bound */
	struct inode *path;		/* a bound path's socket inode (held) */
	struct sock *peer;		/* unix_peer(): referenced, or NULL */
	struct list_head node;		/* on unix_table[hash] */
	unsigned int hash;		/* which bucket */
	struct mutex iolock;		/* one reader at a time */
	struct mutex bindlock;		/* one bind at a time */
	/* Datagram senders waiting for room in this socket's queue (and
	 * connectors waiting for a full backlog): unix_wait_for_peer. */
	wait_queue_head_t peer_wait;
	/* Ours, hung on a full peer's peer_wait while we poll for
	 * EPOLLOUT; it relays the peer's reads to sk_sleep(us). */
	wait_queue_entry_t peer_wake;
	/* garbage.c, under unix_gc_lock */
	long inflight;			/* times our file sits in SCM_RIGHTS */
	struct list_head link;		/* on gc_inflight_list / candidates */
	bool gc_candidate, gc_maybe_cycle;
};

static inline struct unix_sock *unix_sk(const struct sock *sk)
{
	return container_of(sk, struct unix_sock, sk);
}

#define unix_peer(sk)	(unix_sk(sk)->peer)

static inline void unix_state_lock(struct sock *sk)
{
	spin_lock(&sk->sk_lock);
}

/* A second sock's lock inside the first's (the connector's inside the
 * listener's, or two in address order): the validator's subclass. */
#define U_LOCK_SECOND	SINGLE_DEPTH_NESTING
static inline void unix_state_lock_nested(struct sock *sk, int subclass)
{
	spin_lock_nested(&sk->sk_lock, subclass);
}

static inline void unix_state_unlock(struct sock *sk)
{
	spin_unlock(&sk->sk_lock);
}

/* What each message carries besides its bytes (Linux's unix_skb_parms,
 * in skb->cb). */
struct unix_skb_parms {
	struct ucred creds;		/* the sender, if it was asked for */
	struct scm_fp_list *fp;		/* files passed with it */
	unsigned int consumed;		/* stream: bytes already read */
};

#define UNIXCB(skb)	(*(struct unix_skb_parms *)&((skb)->cb))

/* Linux's net.unix.max_dgram_qlen: datagrams queued at a receiver
 * before senders that it is not connected to must wait. */
#define UNIX_MAX_DGRAM_QLEN	10

/* names.c: unix_table, bind, and finding a name's socket */
/* The socket an address names, referenced; ERR_PTR(-ECONNREFUSED ...). */
struct sock *unix_find_other(struct sockaddr_un *sunaddr, int addr_len, int type);
int unix_validate_addr(struct sockaddr_un *sunaddr, int addr_len);
int unix_autobind(struct sock *sk);
void unix_insert_unbound_socket(struct sock *sk);
void unix_remove_socket(struct sock *sk);
void unix_release_addr(struct unix_address *addr);
int unix_bind(struct socket *sock, struct sockaddr_storage *uaddr, int addr_len);
int unix_getname(struct socket *sock, struct sockaddr_storage *uaddr,
		 int peer);
/* The sender's bound name into msg->msg_name (nothing if unbound). */
void unix_copy_addr(struct msghdr *msg, struct sock *sk);

/* af_unix.c */
extern const struct proto_ops unix_stream_ops, unix_dgram_ops,
	unix_seqpacket_ops;
void unix_state_double_lock(struct sock *sk1, struct sock *sk2);
void unix_state_double_unlock(struct sock *sk1, struct sock *sk2);
struct sock *unix_peer_get(struct sock *sk);
/* Whether sk may send to osk: osk is unconnected, or connected to sk. */
static inline bool unix_may_send(struct sock *sk, struct sock *osk)
{
	return !unix_peer(osk) || unix_peer(osk) == sk;
}
static inline bool unix_recvq_full(const struct sock *sk)
{
	return skb_queue_len(&sk->sk_receive_queue) > READ_ONCE(sk->sk_max_ack_backlog);
}
/* Writable: at most a quarter of the send buffer in flight. */
static inline bool unix_writable(const struct sock *sk)
{
	return READ_ONCE(sk->sk_state) != TCP_LISTEN &&
	       READ_ONCE(sk->sk_wmem_alloc) * 4 <= READ_ONCE(sk->sk_sndbuf);
}
/* The readiness every AF_UNIX poll starts from. */
__poll_t unix_poll_common(struct sock *sk);
/* Wait (up to timeo) until other's queue has room; drops other's state
 * lock, which the caller holds.  Returns the time left. */
long unix_wait_for_peer(struct sock *other, long timeo);
/* Hang sk's credentials and files on skb; unix_destruct_scm undoes it. */
int unix_scm_to_skb(struct scm_cookie *scm, struct sk_buff *skb, bool send_fds);
/* Credentials on skb if sender or receiver asked for them. */
void maybe_add_creds(struct sk_buff *skb, const struct sock *sk,
		     const struct sock *other);
/* recvmsg's control messages for skb's files/credentials. */
void unix_detach_fds(struct scm_cookie *scm, struct sk_buff *skb);
void unix_peek_fds(struct scm_cookie *scm, struct sk_buff *skb);
/* Release sk's side; embrion: a connection never accepted. */
void unix_release_sock(struct sock *sk, int embrion);

/* stream.c */
ssize_t unix_stream_sendmsg(struct socket *sock, struct msghdr *msg,
			    size_t len, int flags);
ssize_t unix_stream_recvmsg(struct socket *sock, struct msghdr *msg,
			    size_t size, int flags);

/* dgram.c */
int unix_dgram_connect(struct socket *sock, struct sockaddr_storage *addr,
		       int alen, int flags);
ssize_t unix_dgram_sendmsg(struct socket *sock, struct msghdr *msg,
			   size_t len, int flags);
ssize_t unix_dgram_recvmsg(struct socket *sock, struct msghdr *msg,
			   size_t size, int flags);
ssize_t unix_seqpacket_sendmsg(struct socket *sock, struct msghdr *msg,
			       size_t len, int flags);
ssize_t unix_seqpacket_recvmsg(struct socket *sock, struct msghdr *msg,
			       size_t size, int flags);
__poll_t unix_dgram_poll(struct file *file, struct socket *sock, poll_table *wait);
/* Dgram: drop sk's wait on other's queue (reconnect, release). */
void unix_dgram_peer_wake_disconnect(struct sock *sk, struct sock *other);
void unix_dgram_peer_wake_disconnect_wakeup(struct sock *sk, struct sock *other);
void unix_dgram_peer_wake_init(struct unix_sock *u);
/* An skb from a datagram queue: the next one (dequeued unless peek, a
 * reference taken if peek), waiting up to *timeo; NULL with *err. */
struct sk_buff *unix_skb_recv_datagram(struct sock *sk, int flags, long *timeo,
				       int *err);

/* garbage.c */
/* The AF_UNIX sock behind file, or NULL. */
struct sock *unix_get_socket(struct file *file);
void unix_inflight(struct file *fp);
void unix_notinflight(struct file *fp);
/* Collect sockets only reachable from in-flight messages of their own
 * kind.  Called when a socket is released, while any are in flight. */
void unix_gc(void);
extern long unix_tot_inflight;

#endif
