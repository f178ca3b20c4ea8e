/*
 * socket.c - the socket layer: the file behind a socket descriptor and
 * the system calls that work on sockets, handing each to the protocol
 * family's proto_ops (net/unix/ for AF_UNIX, net/af_inet.c for AF_INET,
 * net/netlink/ for AF_NETLINK).
 *
 * A socket file's f_op->poll is sock_poll, which asks the protocol
 * (ops->poll); protocols poll_wait on sk_sleep(sk) and wake it from the
 * default callbacks below with a key saying what happened, so poll,
 * select and epoll all see sockets the same way.
 *
 * LOCKING: none here beyond the file references; the protocols lock
 * their own state.  Context: process context, except the sk_* callbacks
 * (any context).
 */
#include "kernel/kernel.h"
#include "kernel/errno.h"
#include "kernel/mm.h"
#include "kernel/sched.h"
#include "kernel/syscalls.h"
#include "fs/fs.h"
#include "fs/vfs.h"
#include "fs/poll.h"
#include "net/sock.h"
#include "kernel/chaintrace.h"
#include "arch/x86_64/uaccess.h"


/* --- the default callbacks (Linux's net/core/sock.c) --- */

/* Data arrived: wake readers and pollers that wait for input. */
void sock_def_readable(struct sock *sk)
{
	trace_chain_sk(CHAIN_SOCK_DEF_READABLE, sk, 0);
	/* LAB(socket): begin */
	wake_up_interruptible_poll(sk_sleep(sk),
				   EPOLLIN | EPOLLPRI | EPOLLRDNORM | EPOLLRDBAND);
	/* LAB(socket): end; the starting point has instead:
	wake_up_interruptible_all(sk_sleep(sk));
	 */
}

/* Room to send again. */
void sock_def_write_space(struct sock *sk)
{
	trace_chain_sk(CHAIN_SOCK_DEF_WRITE_SPACE, sk, 0);
	/* LAB(socket): begin */
	wake_up_interruptible_poll(sk_sleep(sk),
				   EPOLLOUT | EPOLLWRNORM | EPOLLWRBAND);
	/* LAB(socket): end; the starting point has instead:
	wake_up_interruptible_all(sk_sleep(sk));
	 */
}

/* The state changed (shutdown, peer gone): wake everyone, no key. */
void sock_def_wakeup(struct sock *sk)
{
	trace_chain_sk(CHAIN_SOCK_DEF_WAKEUP, sk, 0);
	wake_up_interruptible_all(sk_sleep(sk));
}

/*
 * A new sock's common part: its lock, wait queue, receive queue and
 * reference, Linux's default buffer sizes and time-outs, and the
 * default callbacks above, the one place they are set for every family.
 * sock is NULL for a sock born without one (a connection waiting on a
 * listener, which accept() grafts onto a socket later), as in Linux.
 */
void sock_init_data(struct socket *sock, struct sock *sk)
{
	spin_lock_init(&sk->sk_lock);
	init_waitqueue_head(&sk->sk_wq);
	skb_queue_head_init(&sk->sk_receive_queue);
	sk->sk_shutdown = 0;
	sk->sk_err = 0;
	sk->sk_drops = 0;
	sk->sk_refcnt = 1;
	sk->sk_state = TCP_CLOSE;
	sk->sk_sndbuf = READ_ONCE(sysctl_wmem_default);
	sk->sk_rcvbuf = READ_ONCE(sysctl_rmem_default);
	sk->sk_rcvtimeo = sk->sk_sndtimeo = MAX_SCHEDULE_TIMEOUT;
	sk->sk_rcvlowat = 1;
	sk->sk_socket = sock;
	if (sock) {
		sk->sk_type = sock->type;
		sk->sk_family = sock->ops ? sock->ops->family : 0;
		sock->sk = sk;
	}
	sk->sk_data_ready = sock_def_readable;
	sk->sk_write_space = sock_def_write_space;
	sk->sk_state_change = sock_def_wakeup;
}

struct socket *sock_alloc(void)
{
	return kzalloc(sizeof(struct socket), GFP_KERNEL);
}

/* The protocol lets go of its sock, then the socket itself goes. */
void sock_release(struct socket *sock)
{
	if (sock->ops)
		sock->ops->release(sock);
	kfree(sock);
}

/* --- the file --- */

/* read, write, readv and writev are messages without an address, with
 * the file's O_NONBLOCK: one buffer, or the caller's whole vector (one
 * datagram across all of it). */
static ssize_t sock_rw_iov(struct file *f, const struct iovec *iov,
			   unsigned long nr, size_t len, bool send)
{
	struct socket *sock = f->private_data;
	struct msghdr msg = { .msg_iov = (struct iovec *)iov, .msg_iovlen = nr };
	int flags = f->f_flags & O_NONBLOCK ? MSG_DONTWAIT : 0;

	if (!send && !len)
		return 0;		/* as Linux: no wait for nothing */
	return send ? sock->ops->sendmsg(sock, &msg, len, flags)
		    : sock->ops->recvmsg(sock, &msg, len, flags);
}

static ssize_t sock_read(struct file *f, char __user *buf, size_t len, loff_t *pos)
{
	struct iovec iov = { .iov_base = buf, .iov_len = len };

	(void)pos;
	return sock_rw_iov(f, &iov, 1, len, false);
}

static ssize_t sock_write(struct file *f, const char __user *buf, size_t len,
			  loff_t *pos)
{
	struct iovec iov = { .iov_base = (void __user *)buf, .iov_len = len };

	(void)pos;
	return sock_rw_iov(f, &iov, 1, len, true);
}

static ssize_t sock_readv(struct file *f, const struct iovec *iov,
			  unsigned long nr, size_t total)
{
	return sock_rw_iov(f, iov, nr, total, false);
}

static ssize_t sock_writev(struct file *f, const struct iovec *iov,
			   unsigned long nr, size_t total)
{
	return sock_rw_iov(f, iov, nr, total, true);
}

static __poll_t sock_poll(struct file *f, poll_table *wait)
{
	struct socket *sock = f->private_data;

	return sock->ops->poll(f, sock, wait);
}

/* The interface requests (SIOCGIF*) first, which every family answers
 * as Linux's sock_do_ioctl falls through to dev_ioctl; then the
 * protocol's own. */
static long sock_ioctl(struct file *f, unsigned int cmd, unsigned long arg)
{
	struct socket *sock = f->private_data;
	long err = dev_ioctl(sock, cmd, (void __user *)arg);

	if (err != -ENOIOCTLCMD)
		return err;
	return sock->ops->ioctl ? sock->ops->ioctl(sock, cmd, arg) : -ENOTTY;
}

static int sock_close(struct file *f)
{
	sock_release(f->private_data);
	return 0;
}

static const struct file_operations socket_file_ops = {
	.llseek = no_llseek,
	.read = sock_read,
	.write = sock_write,
	.readv = sock_readv,
	.writev = sock_writev,
	.poll = sock_poll,
	.unlocked_ioctl = sock_ioctl,
	.release = sock_close,
	.splice_read = copy_splice_read,	/* into a pipe only */
	.splice_write = iter_file_splice_write,
};

/* /proc/PID/fdinfo/FD's lines for a socket: the wake-up chains it keeps
 * (SO_CHAIN), if it keeps any.  Process context. */
size_t sock_show_fdinfo(struct file *f, char *buf, size_t size)
{
	struct socket *sock = sock_from_file(f);

	return sock && sock->sk ? chain_show_sock(sock->sk, buf, size) : 0;
}

struct file *sock_alloc_file(struct socket *sock, int flags)
{
	/* An anonymous inode, so fstat says S_IFSOCK (Linux's sockfs). */
	struct inode *inode = new_anon_inode(S_IFSOCK | 0777);
	if (!inode)
		return ERR_PTR(-ENFILE);
	struct file *f = alloc_file(&socket_file_ops, sock,
				    O_RDWR | (flags & O_NONBLOCK), "socket:");
	if (IS_ERR(f)) {
		iput(inode);
		return f;
	}
	f->f_inode = inode;
	sock->file = f;
	return f;
}

/*
 * Linux's sock_i_ino: the inode number of the file behind sk's socket,
 * the N of "socket:[N]" in /proc/<pid>/fd, or 0 for a sock with none
 * (a connection not yet accepted, a socket being closed).  The caller
 * keeps the socket from being released meanwhile (an AF_INET sock found
 * through its pcb with lwip_core_lock held: inet_release detaches the
 * pcb under that lock before the file goes).  The file may be in the
 * middle of being made; each step is read once and may still be NULL.
 */
unsigned long sock_i_ino(struct sock *sk)
{
	struct socket *sock = READ_ONCE(sk->sk_socket);
	struct file *f = sock ? READ_ONCE(sock->file) : NULL;
	struct inode *inode = f ? READ_ONCE(f->f_inode) : NULL;

	return inode ? inode->i_ino : 0;
}

struct socket *sock_from_file(struct file *file)
{
	return file->f_op == &socket_file_ops ? file->private_data : NULL;
}

struct socket *sockfd_lookup(int fd, struct file **filep, int *err)
{
	struct file *f = fd < 0 ? NULL : fget(fd);

	if (!f) {
		*err = -EBADF;
		return NULL;
	}
	if (f->f_op != &socket_file_ops) {
		fput(f);
		*err = -ENOTSOCK;
		return NULL;
	}
	*filep = f;
	return f->private_data;
}

/* Give sock a file and a descriptor; on failure the socket is released. */
int sock_map_fd(struct socket *sock, int flags)
{
	struct file *f = sock_alloc_file(sock, flags);

	if (IS_ERR(f)) {
		sock_release(sock);
		return PTR_ERR(f);
	}
	int fd = fd_install_new(f, flags & O_CLOEXEC);
	if (fd < 0)
		fput(f);		/* releases the socket */
	return fd;
}

/* --- system calls --- */

static int sock_create(int family, int type, int protocol, struct socket **res);

/* Linux's __sys_socketpair: two sockets of the family, joined by its
 * socketpair operation; only AF_UNIX has one (AF_INET: EOPNOTSUPP). */
static int socketpair_create(int family, int type, int protocol,
			     struct socket *socks[2])
{
	int err = sock_create(family, type, protocol, &socks[0]);

	if (err)
		return err;
	err = sock_create(family, type, protocol, &socks[1]);
	if (err) {
		sock_release(socks[0]);
		return err;
	}
	err = family == AF_UNIX ? unix_socketpair(socks[0], socks[1]) : -EOPNOTSUPP;
	if (err) {
		sock_release(socks[0]);
		sock_release(socks[1]);
	}
	return err;
}

long sys_socketpair(int family, int type, int protocol, int __user *usockvec)
{
	int flags = type & ~SOCK_TYPE_MASK, fd[2];
	struct socket *socks[2];
	struct file *files[2];

	if (flags & ~(SOCK_CLOEXEC | SOCK_NONBLOCK))
		return -EINVAL;
	int err = socketpair_create(family, type & SOCK_TYPE_MASK, protocol, socks);
	if (err)
		return err;
	files[0] = sock_alloc_file(socks[0], flags);
	files[1] = IS_ERR(files[0]) ? files[0] : sock_alloc_file(socks[1], flags);
	if (IS_ERR(files[1])) {
		err = PTR_ERR(files[1]);
		if (!IS_ERR(files[0]))
			fput(files[0]);		/* releases socks[0] */
		else
			sock_release(socks[0]);
		sock_release(socks[1]);
		return err;
	}
	fd[0] = fd_install_new(files[0], flags & SOCK_CLOEXEC);
	if (fd[0] < 0) {
		fput(files[0]);
		fput(files[1]);
		return fd[0];
	}
	fd[1] = fd_install_new(files[1], flags & SOCK_CLOEXEC);
	if (fd[1] < 0) {
		close_fd(fd[0]);
		fput(files[1]);
		return fd[1];
	}
	if (copy_to_user(usockvec, fd, sizeof(fd))) {
		close_fd(fd[0]);
		close_fd(fd[1]);
		return -EFAULT;
	}
	return 0;
}

long sys_shutdown(int fd, int how)
{
	struct file *f;
	int err = 0;
	struct socket *sock = sockfd_lookup(fd, &f, &err);

	if (!sock)
		return err;
	err = sock->ops->shutdown(sock, how);
	fput(f);
	return err;
}

/* --- addresses between user space and the kernel --- */

/* Copy a user address in: Linux refuses lengths outside 0..128. */
int move_addr_to_kernel(const void __user *uaddr, int ulen,
			struct sockaddr_storage *kaddr)
{
	if (ulen < 0 || ulen > (int)sizeof(*kaddr))
		return -EINVAL;
	if (ulen == 0)
		return 0;
	return copy_from_user(kaddr, uaddr, ulen) ? -EFAULT : 0;
}

/* Copy klen bytes of an address out, cut to the user's buffer, and tell
 * the user the full length (as Linux: a short buffer is not an error). */
int move_addr_to_user(struct sockaddr_storage *kaddr, int klen,
		      void __user *uaddr, int __user *ulen)
{
	int len;

	if (get_user(len, ulen))
		return -EFAULT;
	if (len < 0)
		return -EINVAL;
	if (len > klen)
		len = klen;
	if (len && copy_to_user(uaddr, kaddr, len))
		return -EFAULT;
	return put_user(klen, ulen);
}

/* --- creating, naming and connecting --- */

/* Linux's __sock_create: the checks in its order, then the family's
 * create, which sets ops and makes the sock. */
static int sock_create(int family, int type, int protocol, struct socket **res)
{
	if (family < 0 || family >= AF_MAX)
		return -EAFNOSUPPORT;
	if (type < 0 || type >= SOCK_MAX)
		return -EINVAL;
	if (family != AF_INET && family != AF_INET6 && family != AF_UNIX &&
	    family != AF_NETLINK)
		return -EAFNOSUPPORT;
	struct socket *sock = sock_alloc();
	if (!sock)
		return -ENOMEM;
	sock->type = type;
	sock->state = SS_UNCONNECTED;
	int err = family == AF_UNIX ? unix_create(sock, protocol) :
		  family == AF_NETLINK ? netlink_create(sock, protocol) :
		  inet_create(sock, protocol, family);
	if (err) {
		sock->ops = NULL;
		sock_release(sock);
		return err;
	}
	*res = sock;
	return 0;
}

long sys_socket(int family, int type, int protocol)
{
	int flags = type & ~SOCK_TYPE_MASK;
	struct socket *sock;

	if (flags & ~(SOCK_CLOEXEC | SOCK_NONBLOCK))
		return -EINVAL;
	int err = sock_create(family, type & SOCK_TYPE_MASK, protocol, &sock);
	if (err)
		return err;
	return sock_map_fd(sock, flags);
}

/* The start of bind and connect: the socket behind fd, and the caller's
 * address copied in.  NULL with *err set, and nothing held, on failure. */
static struct socket *sockfd_lookup_addr(int fd, void __user *uaddr, int addrlen,
					 struct sockaddr_storage *addr,
					 struct file **f, int *err)
{
	struct socket *sock = sockfd_lookup(fd, f, err);

	if (sock && (*err = move_addr_to_kernel(uaddr, addrlen, addr))) {
		fput(*f);
		return NULL;
	}
	return sock;
}

long sys_bind(int fd, void __user *umyaddr, int addrlen)
{
	struct sockaddr_storage addr;
	struct file *f;
	int err = 0;
	struct socket *sock = sockfd_lookup_addr(fd, umyaddr, addrlen, &addr, &f, &err);

	if (!sock)
		return err;
	err = sock->ops->bind ? sock->ops->bind(sock, &addr, addrlen) : -EOPNOTSUPP;
	fput(f);
	return err;
}

#define SOMAXCONN	4096	/* net.core.somaxconn's default */

long sys_listen(int fd, int backlog)
{
	struct file *f;
	int err = 0;
	struct socket *sock = sockfd_lookup(fd, &f, &err);

	if (!sock)
		return err;
	if ((unsigned int)backlog > SOMAXCONN)
		backlog = SOMAXCONN;
	err = sock->ops->listen ? sock->ops->listen(sock, backlog) : -EOPNOTSUPP;
	fput(f);
	return err;
}

/* The accepted socket's descriptor, with the peer's address copied out
 * first: if that faults, Linux too drops the connection. */
static long accept_finish(struct socket *newsock, void __user *upeer,
			  int __user *upeer_len, int flags)
{
	struct sockaddr_storage addr;

	if (upeer) {
		int len = newsock->ops->getname(newsock, &addr, 1);
		int err = len < 0 ? len :
			  move_addr_to_user(&addr, len, upeer, upeer_len);
		if (err) {
			sock_release(newsock);
			return err == -ENOTCONN ? -ECONNABORTED : err;
		}
	}
	return sock_map_fd(newsock, flags);
}

long sys_accept4(int fd, void __user *upeer, int __user *upeer_len, int flags)
{
	struct file *f;
	int err = 0;

	if (flags & ~(SOCK_CLOEXEC | SOCK_NONBLOCK))
		return -EINVAL;
	struct socket *sock = sockfd_lookup(fd, &f, &err);
	if (!sock)
		return err;
	struct socket *newsock = sock->ops->accept ? sock_alloc() : NULL;
	if (!newsock) {
		fput(f);
		return sock->ops->accept ? -ENOMEM : -EOPNOTSUPP;
	}
	newsock->type = sock->type;
	err = sock->ops->accept(sock, newsock, f->f_flags & O_NONBLOCK);
	fput(f);
	if (err) {
		sock_release(newsock);
		return err;
	}
	newsock->ops = sock->ops;
	return accept_finish(newsock, upeer, upeer_len, flags);
}

long sys_accept(int fd, void __user *upeer, int __user *upeer_len)
{
	return sys_accept4(fd, upeer, upeer_len, 0);
}

long sys_connect(int fd, void __user *uservaddr, int addrlen)
{
	struct sockaddr_storage addr;
	struct file *f;
	int err = 0;
	struct socket *sock = sockfd_lookup_addr(fd, uservaddr, addrlen, &addr, &f, &err);

	if (!sock)
		return err;
	err = sock->ops->connect ?
		sock->ops->connect(sock, &addr, addrlen, f->f_flags & O_NONBLOCK) :
		-EOPNOTSUPP;
	fput(f);
	return err;
}

static long sock_getname(int fd, void __user *usockaddr, int __user *usockaddr_len,
			 int peer)
{
	struct sockaddr_storage addr;
	struct file *f;
	int err = 0;
	struct socket *sock = sockfd_lookup(fd, &f, &err);

	if (!sock)
		return err;
	int len = sock->ops->getname ? sock->ops->getname(sock, &addr, peer)
				     : -EOPNOTSUPP;
	err = len < 0 ? len : move_addr_to_user(&addr, len, usockaddr, usockaddr_len);
	fput(f);
	return err;
}

long sys_getsockname(int fd, void __user *usockaddr, int __user *usockaddr_len)
{
	return sock_getname(fd, usockaddr, usockaddr_len, 0);
}

long sys_getpeername(int fd, void __user *usockaddr, int __user *usockaddr_len)
{
	return sock_getname(fd, usockaddr, usockaddr_len, 1);
}

long sys_setsockopt(int fd, int level, int optname, const void __user *optval,
		    int optlen)
{
	struct file *f;
	int err = 0;
	struct socket *sock = sockfd_lookup(fd, &f, &err);

	if (!sock)
		return err;
	if (optlen < 0)
		err = -EINVAL;
	else if (sock->ops->setsockopt)
		err = sock->ops->setsockopt(sock, level, optname, optval, optlen);
	else if (level == SOL_SOCKET)	/* the families on net/sock.c */
		err = sk_setsockopt(sock->sk, optname, optval, optlen);
	else
		err = -EOPNOTSUPP;
	fput(f);
	return err;
}

long sys_getsockopt(int fd, int level, int optname, void __user *optval,
		    int __user *optlen)
{
	struct file *f;
	int err = 0;
	struct socket *sock = sockfd_lookup(fd, &f, &err);

	if (!sock)
		return err;
	if (sock->ops->getsockopt)
		err = sock->ops->getsockopt(sock, level, optname, optval, optlen);
	else if (level == SOL_SOCKET)
		err = sk_getsockopt(sock->sk, optname, optval, optlen);
	else
		err = -EOPNOTSUPP;
	fput(f);
	return err;
}
