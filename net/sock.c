/*
 * sock.c - what the families built into this kernel (AF_UNIX, and
 * AF_NETLINK) share about struct sock, as Linux's net/core/sock.c: the
 * socket-level options (SOL_SOCKET) on its generic fields, and send
 * buffer allocation that waits for the peer to read.
 *
 * AF_INET keeps its own option code (net/af_inet.c) while its state
 * lives in struct inet_sock.
 *
 * LOCKING: the option fields are single words, read and written with
 * READ_ONCE/WRITE_ONCE and no lock (as Linux does since 6.x), so a
 * copy from or to user space never happens under a lock here.
 * Context: process context.
 */
#include "kernel/kernel.h"
#include "kernel/cred.h"
#include "kernel/errno.h"
#include "kernel/sched.h"
#include "kernel/signal.h"
#include "kernel/time.h"
#include "kernel/timekeeping.h"
#include "net/sock.h"
#include "arch/x86_64/uaccess.h"

#define USEC_PER_SEC	1000000L

struct linger {
	int l_onoff;
	int l_linger;		/* seconds */
};

int sock_intr_errno(long timeo)
{
	return timeo == MAX_SCHEDULE_TIMEOUT ? -ERESTARTSYS : -EINTR;
}

/* --- SO_RCVTIMEO/SO_SNDTIMEO: a struct timeval to jiffies and back
 * (Linux's sock_set_timeout and sock_get_timeout) --- */

static int sock_set_timeout(long *timeo, const void __user *optval,
			    unsigned int optlen)
{
	struct __kernel_old_timeval tv;

	if (optlen < sizeof(tv))
		return -EINVAL;
	if (copy_from_user(&tv, optval, sizeof(tv)))
		return -EFAULT;
	if (tv.tv_usec < 0 || tv.tv_usec >= USEC_PER_SEC)
		return -EDOM;
	if (tv.tv_sec < 0) {		/* Linux: no waiting at all */
		WRITE_ONCE(*timeo, 0);
		return 0;
	}
	long val = MAX_SCHEDULE_TIMEOUT;
	if ((tv.tv_sec || tv.tv_usec) && tv.tv_sec < MAX_SCHEDULE_TIMEOUT / HZ - 1)
		val = tv.tv_sec * HZ +
		      (tv.tv_usec + USEC_PER_SEC / HZ - 1) / (USEC_PER_SEC / HZ);
	WRITE_ONCE(*timeo, val);
	return 0;
}

static void sock_get_timeout(long timeo, struct __kernel_old_timeval *tv)
{
	if (timeo == MAX_SCHEDULE_TIMEOUT) {
		tv->tv_sec = tv->tv_usec = 0;
		return;
	}
	tv->tv_sec = timeo / HZ;
	tv->tv_usec = (timeo % HZ) * USEC_PER_SEC / HZ;
}

/* SO_SNDBUF/SO_RCVBUF: Linux doubles what it is given (the other half
 * pays for bookkeeping), within the sysctl maximum and above a floor. */
static int sock_buf_value(int val, int max, int floor)
{
	unsigned int v = MIN((unsigned int)val, (unsigned int)max);

	return MAX((int)v * 2, floor);
}

/* The options that are one bit of sk_flags, set and read the same way. */
static const struct { int optname; enum sock_flags bit; } sock_bool_opts[] = {
	{ SO_DEBUG, SOCK_DBG },
	{ SO_REUSEADDR, SOCK_REUSEADDR },
	{ SO_DONTROUTE, SOCK_LOCALROUTE },
	{ SO_BROADCAST, SOCK_BROADCAST },
	{ SO_KEEPALIVE, SOCK_KEEPOPEN },
	{ SO_OOBINLINE, SOCK_URGINLINE },
	{ SO_PASSCRED, SOCK_PASSCRED },
};

/* The sk_flags bit of a boolean option, or -1. */
static int sock_bool_bit(int optname)
{
	for (unsigned int i = 0; i < ARRAY_SIZE(sock_bool_opts); i++)
		if (sock_bool_opts[i].optname == optname)
			return sock_bool_opts[i].bit;
	return -1;
}

static void sock_valbool_flag(struct sock *sk, enum sock_flags bit, int val)
{
	if (val)
		sock_set_flag(sk, bit);
	else
		sock_reset_flag(sk, bit);
}

static int sk_setsockopt_int(struct sock *sk, int optname, int val)
{
	int bit = sock_bool_bit(optname);

	if (bit >= 0) {
		if (optname == SO_DEBUG && val && !capable(CAP_NET_ADMIN))
			return -EACCES;
		sock_valbool_flag(sk, bit, val);
		return 0;
	}
	switch (optname) {
	case SO_REUSEPORT:
		WRITE_ONCE(sk->sk_reuseport, val != 0);
		return 0;
	case SO_SNDBUFFORCE:		/* past the maximum: the admin's */
	case SO_RCVBUFFORCE:
		if (!capable(CAP_NET_ADMIN))
			return -EPERM;
		break;
	}
	switch (optname) {
	case SO_SNDBUF:
	case SO_SNDBUFFORCE:
		WRITE_ONCE(sk->sk_sndbuf, sock_buf_value(val,
			   optname == SO_SNDBUF ? READ_ONCE(sysctl_wmem_max) : 0x7fffffff / 2,
			   SOCK_MIN_SNDBUF));
		sk->sk_write_space(sk);
		return 0;
	case SO_RCVBUF:
	case SO_RCVBUFFORCE:
		WRITE_ONCE(sk->sk_rcvbuf, sock_buf_value(val,
			   optname == SO_RCVBUF ? READ_ONCE(sysctl_rmem_max) : 0x7fffffff / 2,
			   SOCK_MIN_RCVBUF));
		return 0;
	case SO_RCVLOWAT:
		WRITE_ONCE(sk->sk_rcvlowat, val < 0 ? 0x7fffffff : val ? val : 1);
		return 0;
	}
	return -ENOPROTOOPT;
}

int sk_setsockopt(struct sock *sk, int optname, const void __user *optval,
		  unsigned int optlen)
{
	struct linger ling;
	int val;

	switch (optname) {
	case SO_RCVTIMEO:
		return sock_set_timeout(&sk->sk_rcvtimeo, optval, optlen);
	case SO_SNDTIMEO:
		return sock_set_timeout(&sk->sk_sndtimeo, optval, optlen);
	case SO_LINGER:
		if (optlen < sizeof(ling))
			return -EINVAL;
		if (copy_from_user(&ling, optval, sizeof(ling)))
			return -EFAULT;
		if (ling.l_onoff)
			WRITE_ONCE(sk->sk_lingertime, ling.l_linger < 0 ? 0 :
				   ling.l_linger);
		sock_valbool_flag(sk, SOCK_LINGER, ling.l_onoff);
		return 0;
	}
	if (optlen < sizeof(int))
		return -EINVAL;
	if (get_user(val, (const int __user *)optval))
		return -EFAULT;
	return sk_setsockopt_int(sk, optname, val);
}

/* The value of an int option, or -ENOPROTOOPT. */
static int sk_getsockopt_int(struct sock *sk, int optname, int *val)
{
	int bit = sock_bool_bit(optname);

	if (bit >= 0) {
		*val = sock_flag(sk, bit);
		return 0;
	}
	switch (optname) {
	case SO_TYPE:      *val = sk->sk_type; return 0;
	case SO_ERROR:     *val = -sock_error(sk); return 0;
	case SO_REUSEPORT: *val = READ_ONCE(sk->sk_reuseport); return 0;
	case SO_SNDBUF:    *val = READ_ONCE(sk->sk_sndbuf); return 0;
	case SO_RCVBUF:    *val = READ_ONCE(sk->sk_rcvbuf); return 0;
	case SO_RCVLOWAT:  *val = READ_ONCE(sk->sk_rcvlowat); return 0;
	case SO_SNDLOWAT:  *val = 1; return 0;
	case SO_ACCEPTCONN: *val = READ_ONCE(sk->sk_state) == TCP_LISTEN; return 0;
	case SO_PROTOCOL:  *val = sk->sk_protocol; return 0;
	case SO_DOMAIN:    *val = sk->sk_family; return 0;
	}
	return -ENOPROTOOPT;
}

/* Copy an option's value out, cut to the user's length (Linux: a short
 * buffer gets the first bytes), and the length used. */
int sk_put_opt(const void *v, int size, void __user *optval,
	       int __user *optlen, int len)
{
	len = MIN(len, size);
	if (copy_to_user(optval, v, len))
		return -EFAULT;
	return put_user(len, optlen);
}

int sk_getsockopt(struct sock *sk, int optname, void __user *optval,
		  int __user *optlen)
{
	struct __kernel_old_timeval tv;
	struct linger ling;
	struct ucred cred;
	int len, val;

	if (get_user(len, optlen))
		return -EFAULT;
	if (len < 0)
		return -EINVAL;
	switch (optname) {
	case SO_RCVTIMEO:
	case SO_SNDTIMEO:
		sock_get_timeout(optname == SO_RCVTIMEO ? READ_ONCE(sk->sk_rcvtimeo)
							: READ_ONCE(sk->sk_sndtimeo), &tv);
		return sk_put_opt(&tv, sizeof(tv), optval, optlen, len);
	case SO_LINGER:
		ling.l_onoff = sock_flag(sk, SOCK_LINGER);
		ling.l_linger = READ_ONCE(sk->sk_lingertime);
		return sk_put_opt(&ling, sizeof(ling), optval, optlen, len);
	case SO_PEERCRED:
		spin_lock(&sk->sk_lock);
		cred = sk->sk_peer_cred;
		spin_unlock(&sk->sk_lock);
		if (!cred.pid)			/* Linux: nobody, -1/-1 */
			cred.uid = cred.gid = (unsigned int)-1;
		return sk_put_opt(&cred, sizeof(cred), optval, optlen, len);
	}
	int err = sk_getsockopt_int(sk, optname, &val);
	if (err)
		return err;
	return sk_put_opt(&val, sizeof(val), optval, optlen, len);
}

/* --- send buffers --- */

/* Room for one more skb, or a reason to stop waiting for it. */
static bool sock_send_ready(struct sock *sk)
{
	return READ_ONCE(sk->sk_wmem_alloc) < READ_ONCE(sk->sk_sndbuf) ||
	       READ_ONCE(sk->sk_err) ||
	       (READ_ONCE(sk->sk_shutdown) & SEND_SHUTDOWN);
}

/* Linux's sock_alloc_send_pskb: the error first, then our own
 * shutdown, then room (the charge under sk_sndbuf), else wait. */
struct sk_buff *sock_alloc_send_skb(struct sock *sk, unsigned int size,
				    long timeo, int *err)
{
	for (;;) {
		if ((*err = sock_error(sk)))
			return NULL;
		if (READ_ONCE(sk->sk_shutdown) & SEND_SHUTDOWN) {
			*err = -EPIPE;
			return NULL;
		}
		if (READ_ONCE(sk->sk_wmem_alloc) < READ_ONCE(sk->sk_sndbuf))
			break;
		if (!timeo) {
			*err = -EAGAIN;
			return NULL;
		}
		if ((*err = sk_wait_event(sk, &timeo, sock_send_ready(sk))))
			return NULL;
	}
	struct sk_buff *skb = alloc_skb(size);
	if (!skb) {
		*err = -ENOBUFS;
		return NULL;
	}
	skb_set_owner_w(skb, sk);
	return skb;
}
