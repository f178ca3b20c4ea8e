/*
 * sock_msg.c - the data-moving socket system calls (sendto, recvfrom,
 * sendmsg, recvmsg, and their batches sendmmsg, recvmmsg) and the
 * struct msghdr they hand to the protocol:
 * the user's iovec array and address are copied into the kernel here,
 * the data itself is copied by the protocol through memcpy_from_msg /
 * memcpy_to_msg, which walk the buffers and never fault the kernel.
 *
 * LOCKING: none; the protocols lock their own state.  The copy helpers
 * may be called with a spinlock held (our page-fault handler does not
 * sleep).  Context: process context.
 */
#include "kernel/kernel.h"
#include "kernel/errno.h"
#include "kernel/mm.h"
#include "kernel/string.h"
#include "kernel/syscalls.h"
#include "net/sock.h"
#include "net/netdevice.h"
#include "fs/poll.h"
#include "kernel/sched.h"
#include "kernel/timekeeping.h"
#include "arch/x86_64/uaccess.h"


/* Walk msg's buffers from byte off, copying n bytes with copy; returns
 * the bytes not copied. */
static size_t msg_copy(struct msghdr *msg, size_t off, char *kbuf, size_t n,
		       bool to_msg)
{
	for (unsigned long i = 0; i < msg->msg_iovlen && n; i++) {
		struct iovec *iov = &msg->msg_iov[i];
		if (off >= iov->iov_len) {
			off -= iov->iov_len;
			continue;
		}
		size_t chunk = MIN(n, iov->iov_len - off);
		char __user *u = (char __user *)iov->iov_base + off;
		if (msg->msg_kernel) {
			if (to_msg)
				memcpy((char *)u, kbuf, chunk);
			else
				memcpy(kbuf, (char *)u, chunk);
		} else {
			size_t left = to_msg ? copy_to_user(u, kbuf, chunk)
					     : copy_from_user(kbuf, u, chunk);
			if (left)
				return n - (chunk - left);
		}
		kbuf += chunk;
		n -= chunk;
		off = 0;
	}
	return n;
}

size_t memcpy_from_msg(void *kbuf, struct msghdr *msg, size_t off, size_t n)
{
	net_copy_count(COPY_USER_TO_SOCK, n);
	return msg_copy(msg, off, kbuf, n, false);
}

size_t memcpy_to_msg(struct msghdr *msg, size_t off, const void *kbuf, size_t n)
{
	net_copy_count(COPY_SOCK_TO_USER, n);
	return msg_copy(msg, off, (char *)kbuf, n, true);
}

ssize_t kernel_sendmsg(struct socket *sock, const void *buf, size_t len, int flags)
{
	struct iovec iov = { .iov_base = (void __user *)buf, .iov_len = len };
	struct msghdr msg = { .msg_iov = &iov, .msg_iovlen = 1, .msg_kernel = true };

	return sock->ops->sendmsg(sock, &msg, len, flags);
}

static int sock_flags(struct file *f, unsigned int flags)
{
	return flags | (f->f_flags & O_NONBLOCK ? MSG_DONTWAIT : 0);
}

long sys_sendto(int fd, const void __user *buff, size_t len, unsigned int flags,
		const void __user *addr, int addr_len)
{
	struct sockaddr_storage address;
	struct iovec iov = { .iov_base = (void __user *)buff, .iov_len = len };
	struct msghdr msg = { .msg_iov = &iov, .msg_iovlen = 1 };
	struct file *f;
	int err = 0;
	struct socket *sock = sockfd_lookup(fd, &f, &err);

	if (!sock)
		return err;
	if (addr) {
		err = move_addr_to_kernel(addr, addr_len, &address);
		msg.msg_name = &address;
		msg.msg_namelen = addr_len;
	}
	long ret = err ? err : sock->ops->sendmsg(sock, &msg, len, sock_flags(f, flags));
	fput(f);
	return ret;
}

long sys_recvfrom(int fd, void __user *ubuf, size_t size, unsigned int flags,
		  void __user *addr, int __user *addr_len)
{
	struct sockaddr_storage address;
	struct iovec iov = { .iov_base = ubuf, .iov_len = size };
	struct msghdr msg = { .msg_iov = &iov, .msg_iovlen = 1,
			      .msg_name = &address };
	struct file *f;
	int err = 0;
	struct socket *sock = sockfd_lookup(fd, &f, &err);

	if (!sock)
		return err;
	long ret = sock->ops->recvmsg(sock, &msg, size, sock_flags(f, flags));
	if (ret >= 0 && addr) {
		err = move_addr_to_user(&address, msg.msg_namelen, addr, addr_len);
		if (err)
			ret = err;
	}
	fput(f);
	return ret;
}

/* The user's struct msghdr (x86-64 layout). */
struct user_msghdr {
	void __user *msg_name;
	int msg_namelen;
	struct iovec __user *msg_iov;
	size_t msg_iovlen;
	void __user *msg_control;
	size_t msg_controllen;
	unsigned int msg_flags;
};

/* Copy the user's header, its address and its iovec array in (Linux's
 * copy_msghdr_from_user, its checks in its order); *iovp is kmalloc'ed
 * if the inline array is too small.  Returns the total length or
 * -errno.  A name with a length beyond sockaddr_storage is cut to it. */
static ssize_t copy_msghdr_from_user(struct user_msghdr *um,
				     const struct user_msghdr __user *umsg,
				     struct msghdr *msg, struct iovec **iovp,
				     bool save_addr)
{
	struct iovec *fast = *iovp;

	if (copy_from_user(um, umsg, sizeof(*um)))
		return -EFAULT;
	int namelen = um->msg_name ? um->msg_namelen : 0;
	if (namelen < 0)
		return -EINVAL;
	namelen = MIN(namelen, (int)sizeof(struct sockaddr_storage));
	if (!save_addr) {		/* sendmsg: the address goes in now */
		if (namelen) {
			int err = move_addr_to_kernel(um->msg_name, namelen,
						      msg->msg_name);
			if (err)
				return err;
		} else {
			msg->msg_name = NULL;
		}
		msg->msg_namelen = namelen;
	}
	if (um->msg_iovlen > UIO_MAXIOV)
		return -EMSGSIZE;
	ssize_t total = import_iovec(um->msg_iov, um->msg_iovlen, fast, iovp);
	msg->msg_iov = *iovp;
	msg->msg_iovlen = um->msg_iovlen;
	return total;
}

/* The most control data sendmsg copies in (net.core.optmem_max). */
#define SYSCTL_OPTMEM_MAX	131072

/* Linux's ____sys_sendmsg: the header and the control data in, then
 * the protocol; *left is what it did not send (sendmmsg stops there). */
static long ___sys_sendmsg(struct socket *sock, struct file *f,
			   struct user_msghdr __user *umsg, unsigned int flags,
			   size_t *left)
{
	struct iovec fast[UIO_FASTIOV], *iov = fast;
	struct sockaddr_storage address;
	struct user_msghdr um;
	struct msghdr msg = { .msg_name = &address };
	long ctl[8];			/* small control data, aligned */
	void *ctl_buf = NULL;

	long ret = copy_msghdr_from_user(&um, umsg, &msg, &iov, false);
	if (ret < 0)
		goto out;
	if (um.msg_controllen > 0x7fffffff) {
		ret = -ENOBUFS;
		goto out;
	}
	if (um.msg_controllen) {
		if (um.msg_controllen > sizeof(ctl)) {
			ctl_buf = um.msg_controllen <= SYSCTL_OPTMEM_MAX ?
				  kmalloc(um.msg_controllen, GFP_KERNEL) : NULL;
			if (!ctl_buf) {
				ret = -ENOBUFS;
				goto out;
			}
		}
		msg.msg_control = ctl_buf ? ctl_buf : ctl;
		msg.msg_controllen = um.msg_controllen;
		if (copy_from_user(msg.msg_control, um.msg_control, um.msg_controllen)) {
			ret = -EFAULT;
			goto out;
		}
	}
	size_t total = ret;
	ret = sock->ops->sendmsg(sock, &msg, total, sock_flags(f, flags));
	*left = ret >= 0 ? total - ret : total;
out:
	kfree(ctl_buf);
	if (iov != fast)
		kfree(iov);
	return ret;
}

long sys_sendmsg(int fd, struct user_msghdr __user *umsg, unsigned int flags)
{
	struct file *f;
	size_t left;
	int err = 0;
	struct socket *sock = sockfd_lookup(fd, &f, &err);

	if (!sock)
		return err;
	long ret = ___sys_sendmsg(sock, f, umsg, flags, &left);
	fput(f);
	return ret;
}

/* Write back what recvmsg reports: the address (as recvfrom does), how
 * much control data there is, the flags.  msg_namelen is left alone
 * without a name. */
static int recvmsg_finish(struct user_msghdr __user *umsg, struct user_msghdr *um,
			  struct msghdr *msg)
{
	int err = 0;

	if (um->msg_name) {
		int len = MIN(msg->msg_namelen, um->msg_namelen);
		if (len && copy_to_user(um->msg_name, msg->msg_name, len))
			return -EFAULT;
		err |= put_user(msg->msg_namelen, &umsg->msg_namelen);
	}
	err |= put_user((size_t)((char __user *)msg->msg_control_user -
				 (char __user *)um->msg_control),
			&umsg->msg_controllen);
	err |= put_user(msg->msg_flags, &umsg->msg_flags);
	return err ? -EFAULT : 0;
}

/* Linux's ____sys_recvmsg.  The flags written back keep
 * MSG_CMSG_CLOEXEC if it was asked for, as Linux's do. */
static long ___sys_recvmsg(struct socket *sock, struct file *f,
			   struct user_msghdr __user *umsg, unsigned int flags,
			   unsigned int *msg_flags)
{
	struct iovec fast[UIO_FASTIOV], *iov = fast;
	struct sockaddr_storage address;
	struct user_msghdr um;
	struct msghdr msg = { .msg_name = &address };

	long ret = copy_msghdr_from_user(&um, umsg, &msg, &iov, true);
	if (ret >= 0) {
		msg.msg_control_user = um.msg_control;
		msg.msg_controllen = um.msg_controllen;
		msg.msg_flags = flags & MSG_CMSG_CLOEXEC;
		ret = sock->ops->recvmsg(sock, &msg, ret, sock_flags(f, flags));
	}
	if (ret >= 0) {
		int err = recvmsg_finish(umsg, &um, &msg);
		if (err)
			ret = err;
	}
	*msg_flags = msg.msg_flags;
	if (iov != fast)
		kfree(iov);
	return ret;
}

long sys_recvmsg(int fd, struct user_msghdr __user *umsg, unsigned int flags)
{
	struct file *f;
	unsigned int msg_flags;
	int err = 0;
	struct socket *sock = sockfd_lookup(fd, &f, &err);

	if (!sock)
		return err;
	long ret = ___sys_recvmsg(sock, f, umsg, flags, &msg_flags);
	fput(f);
	return ret;
}

/* --- batches: sendmmsg and recvmmsg (Linux's __sys_sendmmsg and
 * do_recvmmsg) --- */

/* One entry of the user's array: a header, and the count the kernel
 * writes back for it. */
struct mmsghdr {
	struct user_msghdr msg_hdr;
	unsigned int msg_len;
};

/*
 * Send each message in turn until one fails or is sent only in part.
 * The count of messages sent is the answer; an error only when the
 * first one fails (a later error is lost, as in Linux).  vlen is cut
 * to UIO_MAXIOV.  The user controls the loop's length, so it yields
 * between messages; a fatal signal ends the protocol's wait, which then
 * fails and ends the loop.
 */
long sys_sendmmsg(int fd, struct mmsghdr __user *mmsg, unsigned int vlen,
		  unsigned int flags)
{
	struct file *f;
	int err = 0;
	unsigned int datagrams = 0;
	struct socket *sock = sockfd_lookup(fd, &f, &err);

	if (!sock)
		return err;
	if (vlen > UIO_MAXIOV)
		vlen = UIO_MAXIOV;
	long ret = 0;
	for (struct mmsghdr __user *entry = mmsg; datagrams < vlen; entry++) {
		size_t left;

		ret = ___sys_sendmsg(sock, f, &entry->msg_hdr, flags, &left);
		if (ret < 0)
			break;
		if (put_user((unsigned int)ret, &entry->msg_len)) {
			ret = -EFAULT;
			break;
		}
		datagrams++;
		if (left)
			break;
		cond_resched();
	}
	fput(f);
	return datagrams ? (long)datagrams : ret;
}

/*
 * Receive up to vlen messages.  MSG_WAITFORONE waits for the first
 * only.  The timeout is looked at after each message, so that, as in
 * Linux (recvmmsg(2), BUGS), it never cuts short the wait for one: it
 * only stops the batch once it has run out, and the time left is
 * written back.  An error after some messages arrived is kept as the
 * socket's pending error (SO_ERROR, or the next call), unless it is
 * only EAGAIN.
 */
static long do_recvmmsg(int fd, struct mmsghdr __user *mmsg, unsigned int vlen,
			unsigned int flags, struct timespec64 *timeout)
{
	ktime_t end_time = 0;
	struct file *f;
	int err = 0;
	long datagrams = 0;

	if (timeout && poll_select_set_timeout(&end_time, timeout->tv_sec,
					       timeout->tv_nsec))
		return -EINVAL;
	struct socket *sock = sockfd_lookup(fd, &f, &err);
	if (!sock)
		return err;
	long ret = sock_error(sock->sk);
	if (ret) {
		fput(f);
		return ret;
	}
	for (struct mmsghdr __user *entry = mmsg; datagrams < vlen; entry++) {
		unsigned int msg_flags;

		ret = ___sys_recvmsg(sock, f, &entry->msg_hdr,
				     flags & ~MSG_WAITFORONE, &msg_flags);
		if (ret < 0)
			break;
		if (put_user((unsigned int)ret, &entry->msg_len)) {
			ret = -EFAULT;
			break;
		}
		ret = 0;
		datagrams++;
		if (flags & MSG_WAITFORONE)
			flags |= MSG_DONTWAIT;
		if (timeout) {
			ktime_t left = end_time - ktime_get();
			*timeout = ns_to_timespec64(left > 0 ? left : 0);
			if (left <= 0)
				break;
		}
		if (msg_flags & MSG_OOB)
			break;
		cond_resched();
	}
	if (ret && datagrams && ret != -EAGAIN)
		WRITE_ONCE(sock->sk->sk_err, (int)-ret);
	fput(f);
	return datagrams ? datagrams : ret;
}

long sys_recvmmsg(int fd, struct mmsghdr __user *mmsg, unsigned int vlen,
		  unsigned int flags, struct __kernel_timespec __user *utimeout)
{
	struct timespec64 timeout;

	if (!utimeout)
		return do_recvmmsg(fd, mmsg, vlen, flags, NULL);
	if (get_timespec64(&timeout, utimeout))
		return -EFAULT;
	long datagrams = do_recvmmsg(fd, mmsg, vlen, flags, &timeout);
	if (datagrams > 0 && put_timespec64(&timeout, utimeout))
		datagrams = -EFAULT;
	return datagrams;
}
