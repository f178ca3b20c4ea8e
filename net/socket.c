/*
 * socket.c - the socket layer: the file behind a socket descriptor and
 * the system calls that work on sockets, handing each to the protocol
 * family's proto_ops (net/unix.c for AF_UNIX; the network later).
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
#include "arch/x86_64/uaccess.h"

#define S_IFSOCK	0140000
#define FIONREAD	0x541b

/* --- the default callbacks (Linux's net/core/sock.c) --- */

/* Data arrived: wake readers and pollers that wait for input. */
void sock_def_readable(struct sock *sk)
{
	wake_up_interruptible_poll(sk_sleep(sk),
				   EPOLLIN | EPOLLPRI | EPOLLRDNORM | EPOLLRDBAND);
}

/* Room to send again. */
void sock_def_write_space(struct sock *sk)
{
	wake_up_interruptible_poll(sk_sleep(sk),
				   EPOLLOUT | EPOLLWRNORM | EPOLLWRBAND);
}

/* The state changed (shutdown, peer gone): wake everyone, no key. */
void sock_def_wakeup(struct sock *sk)
{
	wake_up_interruptible_all(sk_sleep(sk));
}

void sock_init_data(struct socket *sock, struct sock *sk)
{
	spin_lock_init(&sk->sk_lock);
	init_waitqueue_head(&sk->sk_wq);
	sk->sk_shutdown = 0;
	sk->sk_err = 0;
	sk->sk_refcnt = 1;
	sk->sk_type = sock->type;
	sk->sk_socket = sock;
	sk->sk_data_ready = sock_def_readable;
	sk->sk_write_space = sock_def_write_space;
	sk->sk_state_change = sock_def_wakeup;
	sock->sk = sk;
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

static ssize_t sock_read(struct file *f, char __user *buf, size_t len, loff_t *pos)
{
	struct socket *sock = f->private_data;

	(void)pos;
	if (!len)
		return 0;		/* as Linux: no wait for nothing */
	return sock->ops->recvmsg(sock, buf, len,
				  f->f_flags & O_NONBLOCK ? MSG_DONTWAIT : 0);
}

static ssize_t sock_write(struct file *f, const char __user *buf, size_t len,
			  loff_t *pos)
{
	struct socket *sock = f->private_data;

	(void)pos;
	return sock->ops->sendmsg(sock, buf, len,
				  f->f_flags & O_NONBLOCK ? MSG_DONTWAIT : 0);
}

static __poll_t sock_poll(struct file *f, poll_table *wait)
{
	struct socket *sock = f->private_data;

	return sock->ops->poll(f, sock, wait);
}

static long sock_ioctl(struct file *f, unsigned int cmd, unsigned long arg)
{
	struct socket *sock = f->private_data;

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
	.poll = sock_poll,
	.unlocked_ioctl = sock_ioctl,
	.release = sock_close,
};

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

/* --- system calls --- */

/*
 * The checks of Linux's __sock_create, in its order, for a pair.  Only
 * AF_UNIX can make pairs; Linux makes an AF_INET socket first and its
 * operations then refuse the pair, which is EOPNOTSUPP.
 */
static int socketpair_create(int family, int type, int protocol,
			     struct socket *socks[2])
{
	if (family < 0 || family >= AF_MAX)
		return -EAFNOSUPPORT;
	if (type < 0 || type >= SOCK_MAX)
		return -EINVAL;
	if (family == AF_INET || family == AF_INET6)
		return -EOPNOTSUPP;
	if (family != AF_UNIX)
		return -EAFNOSUPPORT;
	return unix_socketpair(type, protocol, socks);
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
	for (int i = 0; i < 2; i++) {
		files[i] = sock_alloc_file(socks[i], flags);
		if (IS_ERR(files[i]))
			panic("socketpair: out of file structures");
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

long sys_sendto(int fd, const void __user *buff, size_t len, unsigned int flags,
		const void __user *addr, int addr_len)
{
	struct file *f;
	int err = 0;
	struct socket *sock = sockfd_lookup(fd, &f, &err);

	if (!sock)
		return err;
	if (addr && (addr_len < 0 || addr_len > 128))
		err = -EINVAL;
	else if (addr && addr_len)
		err = -EISCONN;		/* a pair is connected already */
	else
		err = sock->ops->sendmsg(sock, buff, len,
				 flags | (f->f_flags & O_NONBLOCK ? MSG_DONTWAIT : 0));
	fput(f);
	return err;
}

/* A socketpair's peer has no address: the length written back is 0. */
static int move_no_addr_to_user(void __user *uaddr, int __user *ulen)
{
	int len;

	if (!uaddr)
		return 0;
	if (get_user(len, ulen))
		return -EFAULT;
	if (len < 0)
		return -EINVAL;
	return put_user(0, ulen);
}

long sys_recvfrom(int fd, void __user *ubuf, size_t size, unsigned int flags,
		  void __user *addr, int __user *addr_len)
{
	struct file *f;
	int err = 0;
	struct socket *sock = sockfd_lookup(fd, &f, &err);

	if (!sock)
		return err;
	long ret = sock->ops->recvmsg(sock, ubuf, size,
				flags | (f->f_flags & O_NONBLOCK ? MSG_DONTWAIT : 0));
	if (ret >= 0) {
		err = move_no_addr_to_user(addr, addr_len);
		if (err)
			ret = err;
	}
	fput(f);
	return ret;
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
