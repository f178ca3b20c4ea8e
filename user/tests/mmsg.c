/* mmsg: sendmmsg(2) and recvmmsg(2) through the raw system calls (musl's
 * sendmmsg is a loop of sendmsg on 64-bit machines), checked against
 * Linux.  Errors in Linux's order (a bad timeout before a bad fd);
 * batches over UDP on 127.0.0.1 with each entry's msg_len, sender and
 * MSG_TRUNC; a batch stopped by a bad buffer (the count so far, or the
 * error for the first; on receive the error kept for SO_ERROR); vlen
 * cut to 1024; MSG_WAITFORONE; the timeout, looked at only between
 * messages (zero still takes one, a wait for the next is not cut short)
 * and the time left written back; AF_UNIX datagram and stream pairs
 * and a TCP connection. */
#define _GNU_SOURCE
#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>
#include <netinet/in.h>
#include <arpa/inet.h>
#include "check.h"
#include "errname.h"
#include "inet_common.h"

#define PORT_BASE	24800

#define BAD_PTR		((void *)16)

static long sendmmsg_raw(int fd, struct mmsghdr *v, unsigned n, unsigned flags)
{
	return syscall(SYS_sendmmsg, fd, v, n, flags);
}

static long recvmmsg_raw(int fd, struct mmsghdr *v, unsigned n, unsigned flags,
			 struct timespec *t)
{
	return syscall(SYS_recvmmsg, fd, v, n, flags, t);
}

static int udp_bound(int port)
{
	struct sockaddr_in a = addr_of(port);
	int fd = socket(AF_INET, SOCK_DGRAM, 0);

	if (fd < 0 || bind(fd, (struct sockaddr *)&a, sizeof(a)) < 0) {
		printf("bind %d: %s\n", port, strerror(errno));
		exit(1);
	}
	return fd;
}

/* A batch of n entries, entry i with one buffer of len[i] bytes. */
struct batch {
	struct mmsghdr v[8];
	struct iovec iov[8];
	char buf[8][512];
	struct sockaddr_in name[8];
};

static void batch_init(struct batch *b, int n, const int *len, int fill)
{
	memset(b, 0, sizeof(*b));
	for (int i = 0; i < n; i++) {
		memset(b->buf[i], fill ? 'a' + i : 0, sizeof(b->buf[i]));
		b->iov[i].iov_base = b->buf[i];
		b->iov[i].iov_len = len[i];
		b->v[i].msg_hdr.msg_iov = &b->iov[i];
		b->v[i].msg_hdr.msg_iovlen = 1;
		b->v[i].msg_len = 12345;
	}
}

static void name_all(struct batch *b, int n, int port)
{
	for (int i = 0; i < n; i++) {
		b->name[i] = addr_of(port);
		b->v[i].msg_hdr.msg_name = &b->name[i];
		b->v[i].msg_hdr.msg_namelen = sizeof(b->name[i]);
	}
}

static void show_lens(const char *what, struct batch *b, int n)
{
	char line[256];
	int off = 0;

	for (int i = 0; i < n; i++)
		off += snprintf(line + off, sizeof(line) - off, " %u%s",
				b->v[i].msg_len,
				b->v[i].msg_hdr.msg_flags & MSG_TRUNC ? "(trunc)" : "");
	report(1, "%s: msg_len%s", what, line);
}

static void test_errors(void)
{
	struct mmsghdr v[1];
	struct timespec bad = { 0, 1000000000 }, neg = { -1, 0 };
	int p[2];

	memset(v, 0, sizeof(v));
	if (pipe(p))
		exit(1);
	expect_errno("sendmmsg fd -1", ERR(sendmmsg_raw(-1, v, 1, 0)), EBADF);
	expect_errno("recvmmsg fd -1", ERR(recvmmsg_raw(-1, v, 1, 0, NULL)), EBADF);
	expect_errno("sendmmsg on a pipe", ERR(sendmmsg_raw(p[1], v, 1, 0)), ENOTSOCK);
	expect_errno("recvmmsg on a pipe", ERR(recvmmsg_raw(p[0], v, 1, 0, NULL)), ENOTSOCK);
	expect_errno("recvmmsg fd -1, tv_nsec 1e9 (time first)",
		     ERR(recvmmsg_raw(-1, v, 1, 0, &bad)), EINVAL);
	expect_errno("recvmmsg tv_sec -1", ERR(recvmmsg_raw(p[0], v, 1, 0, &neg)), EINVAL);
	expect_errno("recvmmsg timeout pointer bad",
		     ERR(recvmmsg_raw(-1, v, 1, 0, BAD_PTR)), EFAULT);
	close(p[0]);
	close(p[1]);

	int r = udp_bound(PORT_BASE), s = udp_bound(PORT_BASE + 1);
	expect_value("sendmmsg vlen 0", ERR(sendmmsg_raw(s, v, 0, 0)), 0);
	expect_value("recvmmsg vlen 0", ERR(recvmmsg_raw(r, v, 0, MSG_DONTWAIT, NULL)), 0);
	expect_errno("recvmmsg empty, MSG_DONTWAIT",
		     ERR(recvmmsg_raw(r, v, 1, MSG_DONTWAIT, NULL)), EAGAIN);
	expect_errno("sendmmsg array pointer bad", ERR(sendmmsg_raw(s, BAD_PTR, 2, 0)), EFAULT);
	struct sockaddr_in to = addr_of(PORT_BASE);
	sendto(s, "x", 1, 0, (struct sockaddr *)&to, sizeof(to));
	struct pollfd pfd = { r, POLLIN, 0 };
	poll(&pfd, 1, 2000);
	expect_errno("recvmmsg array pointer bad",
		     ERR(recvmmsg_raw(r, BAD_PTR, 2, MSG_DONTWAIT, NULL)), EFAULT);
	close(r);
	close(s);
}

static void test_udp(void)
{
	int r = udp_bound(PORT_BASE + 2), s = udp_bound(PORT_BASE + 3);
	struct batch b;
	int lens[8] = { 1, 100, 200, 300, 511, 0, 7, 8 };

	batch_init(&b, 6, lens, 1);
	name_all(&b, 6, PORT_BASE + 2);
	expect_value("udp sendmmsg of 6", ERR(sendmmsg_raw(s, b.v, 6, 0)), 6);
	show_lens("udp sent", &b, 6);

	struct pollfd pfd = { r, POLLIN, 0 };
	poll(&pfd, 1, 2000);
	usleep(50000);
	int rl[8] = { 512, 512, 100, 512, 512, 512, 512, 512 };
	batch_init(&b, 8, rl, 0);
	name_all(&b, 8, 0);
	expect_value("udp recvmmsg vlen 8, MSG_DONTWAIT", ERR(recvmmsg_raw(r, b.v, 8, MSG_DONTWAIT, NULL)), 6);
	show_lens("udp received", &b, 8);
	int ok = 1;
	for (int i = 0; i < 6; i++) {
		ok &= b.v[i].msg_hdr.msg_namelen == sizeof(struct sockaddr_in);
		ok &= ntohs(b.name[i].sin_port) == PORT_BASE + 3;
		ok &= b.buf[i][0] == (lens[i] ? 'a' + i : 0);
	}
	report(ok, "udp received: each from the sender's port, its own bytes");
	expect_errno("udp recvmmsg again", ERR(recvmmsg_raw(r, b.v, 8, MSG_DONTWAIT, NULL)), EAGAIN);

	/* A bad buffer in the third entry: two sent; in the first: EFAULT. */
	batch_init(&b, 4, lens, 1);
	name_all(&b, 4, PORT_BASE + 2);
	b.iov[2].iov_base = BAD_PTR;
	expect_value("udp sendmmsg, entry 2 bad", ERR(sendmmsg_raw(s, b.v, 4, 0)), 2);
	show_lens("udp sent (entry 2 bad)", &b, 4);
	b.iov[0].iov_base = BAD_PTR;
	expect_errno("udp sendmmsg, entry 0 bad", ERR(sendmmsg_raw(s, b.v, 4, 0)), EFAULT);

	/* Receive: the second entry's buffer is bad.  One arrives, the
	 * datagram that faulted is gone and SO_ERROR tells why. */
	poll(&pfd, 1, 2000);
	usleep(50000);
	batch_init(&b, 2, rl, 0);
	b.iov[1].iov_base = BAD_PTR;
	expect_value("udp recvmmsg, entry 1 bad", ERR(recvmmsg_raw(r, b.v, 2, MSG_DONTWAIT, NULL)), 1);
	int e = -1;
	socklen_t el = sizeof(e);
	getsockopt(r, SOL_SOCKET, SO_ERROR, &e, &el);
	report(e == EFAULT, "SO_ERROR after it: %s", errname(e));
	expect_errno("udp recvmmsg after it (the faulted one dropped)",
		     ERR(recvmmsg_raw(r, b.v, 1, MSG_DONTWAIT, NULL)), EAGAIN);

	/* EAGAIN after some is not kept. */
	struct sockaddr_in to = addr_of(PORT_BASE + 2);
	sendto(s, "y", 1, 0, (struct sockaddr *)&to, sizeof(to));
	poll(&pfd, 1, 2000);
	batch_init(&b, 3, rl, 0);
	expect_value("udp recvmmsg 1 of 3, MSG_DONTWAIT", ERR(recvmmsg_raw(r, b.v, 3, MSG_DONTWAIT, NULL)), 1);
	e = -1;
	getsockopt(r, SOL_SOCKET, SO_ERROR, &e, &el);
	report(e == 0, "SO_ERROR after it: %s", errname(e));
	close(r);
	close(s);
}

static void test_waitforone(void)
{
	int r = udp_bound(PORT_BASE + 4), s = udp_bound(PORT_BASE + 5);
	struct sockaddr_in to = addr_of(PORT_BASE + 4);
	struct batch b;
	int rl[8] = { 512, 512, 512, 512, 512, 512, 512, 512 };
	struct pollfd pfd = { r, POLLIN, 0 };

	pid_t pid = fork();
	if (pid == 0) {
		usleep(100000);
		sendto(s, "late", 4, 0, (struct sockaddr *)&to, sizeof(to));
		_exit(0);
	}
	batch_init(&b, 4, rl, 0);
	expect_value("MSG_WAITFORONE, empty: waits for one", ERR(recvmmsg_raw(r, b.v, 4, MSG_WAITFORONE, NULL)), 1);
	show_lens("MSG_WAITFORONE", &b, 1);
	waitpid(pid, NULL, 0);

	for (int i = 0; i < 3; i++)
		sendto(s, "abc", 1 + i, 0, (struct sockaddr *)&to, sizeof(to));
	poll(&pfd, 1, 2000);
	usleep(50000);
	batch_init(&b, 2, rl, 0);
	expect_value("MSG_WAITFORONE vlen 2, 3 queued", ERR(recvmmsg_raw(r, b.v, 2, MSG_WAITFORONE, NULL)), 2);
	batch_init(&b, 4, rl, 0);
	expect_value("MSG_WAITFORONE vlen 4, 1 queued", ERR(recvmmsg_raw(r, b.v, 4, MSG_WAITFORONE, NULL)), 1);
	show_lens("MSG_WAITFORONE", &b, 1);
	close(r);
	close(s);
}

static void test_timeout(void)
{
	int r = udp_bound(PORT_BASE + 6), s = udp_bound(PORT_BASE + 7);
	struct sockaddr_in to = addr_of(PORT_BASE + 6);
	struct batch b;
	int rl[8] = { 512, 512, 512, 512, 512, 512, 512, 512 };
	struct pollfd pfd = { r, POLLIN, 0 };
	struct timespec t;

	for (int i = 0; i < 3; i++)
		sendto(s, "abc", 3, 0, (struct sockaddr *)&to, sizeof(to));
	poll(&pfd, 1, 2000);
	usleep(50000);
	batch_init(&b, 3, rl, 0);
	t = (struct timespec){ 5, 0 };
	expect_value("timeout 5 s, 3 queued, vlen 3", ERR(recvmmsg_raw(r, b.v, 3, 0, &t)), 3);
	report(t.tv_sec >= 0 && t.tv_sec < 5 && t.tv_nsec >= 0 && t.tv_nsec < 1000000000 &&
	       (t.tv_sec || t.tv_nsec), "time left written back: between 0 and 5 s: %s",
	       yesno(t.tv_sec < 5 && (t.tv_sec || t.tv_nsec)));

	for (int i = 0; i < 2; i++)
		sendto(s, "abc", 3, 0, (struct sockaddr *)&to, sizeof(to));
	poll(&pfd, 1, 2000);
	usleep(50000);
	batch_init(&b, 3, rl, 0);
	t = (struct timespec){ 0, 0 };
	expect_value("timeout 0, 2 queued: one taken", ERR(recvmmsg_raw(r, b.v, 3, 0, &t)), 1);
	report(!t.tv_sec && !t.tv_nsec, "time left: %ld.%09ld", (long)t.tv_sec, t.tv_nsec);
	batch_init(&b, 3, rl, 0);
	t = (struct timespec){ 0, 1 };
	expect_value("timeout 1 ns, 1 queued", ERR(recvmmsg_raw(r, b.v, 3, 0, &t)), 1);
	report(!t.tv_sec && !t.tv_nsec, "time left: %ld.%09ld", (long)t.tv_sec, t.tv_nsec);

	/* The timeout does not end the wait for the second message. */
	sendto(s, "abc", 3, 0, (struct sockaddr *)&to, sizeof(to));
	poll(&pfd, 1, 2000);
	pid_t pid = fork();
	if (pid == 0) {
		usleep(700000);
		sendto(s, "late", 4, 0, (struct sockaddr *)&to, sizeof(to));
		_exit(0);
	}
	batch_init(&b, 2, rl, 0);
	t = (struct timespec){ 0, 300000000 };
	expect_value("timeout 0.3 s, the second arrives at 0.7 s", ERR(recvmmsg_raw(r, b.v, 2, 0, &t)), 2);
	report(!t.tv_sec && !t.tv_nsec, "time left: %ld.%09ld", (long)t.tv_sec, t.tv_nsec);
	waitpid(pid, NULL, 0);
	close(r);
	close(s);
}

static void test_pairs(void)
{
	struct batch b;
	int sv[2];
	int two[8] = { 2, 2, 2, 2, 2, 2, 2, 2 };

	socketpair(AF_UNIX, SOCK_DGRAM, 0, sv);
	int lens[8] = { 3, 1, 4 };
	batch_init(&b, 3, lens, 1);
	expect_value("AF_UNIX datagram sendmmsg", ERR(sendmmsg_raw(sv[0], b.v, 3, 0)), 3);
	batch_init(&b, 4, two, 0);
	expect_value("AF_UNIX datagram recvmmsg vlen 4", ERR(recvmmsg_raw(sv[1], b.v, 4, MSG_DONTWAIT, NULL)), 3);
	show_lens("AF_UNIX datagram", &b, 3);
	close(sv[0]);
	close(sv[1]);

	socketpair(AF_UNIX, SOCK_STREAM, 0, sv);
	int six[8] = { 2, 2, 2 };
	batch_init(&b, 3, six, 1);
	expect_value("AF_UNIX stream sendmmsg", ERR(sendmmsg_raw(sv[0], b.v, 3, 0)), 3);
	batch_init(&b, 4, two, 0);
	expect_value("AF_UNIX stream recvmmsg, 2-byte buffers", ERR(recvmmsg_raw(sv[1], b.v, 4, MSG_DONTWAIT, NULL)), 3);
	show_lens("AF_UNIX stream", &b, 3);
	report(!memcmp(b.buf[0], "aa", 2) && !memcmp(b.buf[1], "bb", 2) &&
	       !memcmp(b.buf[2], "cc", 2), "AF_UNIX stream bytes in order");

	/* 1,100 empty messages: the batch is cut to 1,024 (UIO_MAXIOV). */
	static struct mmsghdr many[1100];
	memset(many, 0, sizeof(many));
	expect_value("sendmmsg of 1100 empty messages", ERR(sendmmsg_raw(sv[0], many, 1100, 0)), 1024);
	close(sv[0]);
	close(sv[1]);

	/* A TCP connection: each recv fills its 2 bytes (MSG_WAITALL). */
	struct sockaddr_in a = addr_of(PORT_BASE + 8);
	int l = socket(AF_INET, SOCK_STREAM, 0), one = 1;
	setsockopt(l, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
	if (bind(l, (struct sockaddr *)&a, sizeof(a)) || listen(l, 1)) {
		printf("tcp listen: %s\n", strerror(errno));
		exit(1);
	}
	int c = socket(AF_INET, SOCK_STREAM, 0);
	connect(c, (struct sockaddr *)&a, sizeof(a));
	int srv = accept(l, NULL, NULL);
	batch_init(&b, 3, six, 1);
	expect_value("TCP sendmmsg", ERR(sendmmsg_raw(c, b.v, 3, 0)), 3);
	batch_init(&b, 3, two, 0);
	expect_value("TCP recvmmsg, MSG_WAITALL", ERR(recvmmsg_raw(srv, b.v, 3, MSG_WAITALL, NULL)), 3);
	show_lens("TCP", &b, 3);
	report(!memcmp(b.buf[0], "aa", 2) && !memcmp(b.buf[1], "bb", 2) &&
	       !memcmp(b.buf[2], "cc", 2), "TCP bytes in order");
	close(c);
	close(srv);
	close(l);
}

int main(void)
{
	test_errors();
	test_udp();
	test_waitforone();
	test_timeout();
	test_pairs();
	printf("mmsg: %s\n", failed ? "FAILED" : "all passed");
	return failed != 0;
}
