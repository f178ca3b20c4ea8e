/* tcp_oob: TCP urgent data over 127.0.0.1, as Linux has it.  send()
 * with MSG_OOB marks its last byte urgent; the receiver sees EPOLLPRI
 * (poll's POLLPRI) while the byte waits, reads up to the mark and no
 * further in one call (SIOCATMARK then 1, FIONREAD the bytes before the
 * mark), takes the byte only with recv(MSG_OOB) (then EINVAL: read
 * already, and EINVAL with none waiting), and the stream steps over
 * it.  A second mark before the first byte was read makes the first an
 * ordinary byte.  With SO_OOBINLINE (inherited from the listener) the
 * byte stays in the stream and recv(MSG_OOB) is EINVAL.  recvmsg's
 * MSG_OOB flag, MSG_TRUNC for a 0-byte buffer, MSG_PEEK; ENOTCONN on a
 * listener; MSG_OOB on UDP is EOPNOTSUPP. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <stdio.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <unistd.h>

#include "check.h"
#include "errname.h"
#include "inet_common.h"

static int lst, cli, srv;	/* listener, client (sender), accepted */

static void connect_pair(void)
{
	struct sockaddr_in a = addr_of(0);
	socklen_t len = sizeof(a);
	int one = 1;

	cli = socket(AF_INET, SOCK_STREAM, 0);
	getsockname(lst, (struct sockaddr *)&a, &len);
	connect(cli, (struct sockaddr *)&a, sizeof(a));
	setsockopt(cli, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
	srv = accept(lst, NULL, NULL);
}

static int revents(int fd)
{
	struct pollfd p = { .fd = fd, .events = POLLIN | POLLPRI | POLLOUT };

	return poll(&p, 1, 0) == 1 ? p.revents & (POLLIN | POLLPRI) : 0;
}

/* Wait up to 5 s for fd's urgent byte to be c (a peek). */
static int wait_oob(int fd, char c)
{
	for (int i = 0; i < 500; i++) {
		struct pollfd p = { .fd = fd, .events = POLLPRI };
		char got;
		poll(&p, 1, 10);
		if ((p.revents & POLLPRI) &&
		    recv(fd, &got, 1, MSG_OOB | MSG_PEEK) == 1 && got == c)
			return 1;
	}
	return 0;
}

/* Wait up to 5 s for n bytes readable (FIONREAD, or the mark's). */
static void wait_bytes(int fd, int n)
{
	for (int i = 0; i < 500; i++) {
		int q = 0;
		ioctl(fd, FIONREAD, &q);
		if (q >= n)
			return;
		usleep(10000);
	}
}

static int atmark(int fd)
{
	int v = -1;

	return ioctl(fd, SIOCATMARK, &v) == 0 ? v : -1;
}

static int inq(int fd)
{
	int v = -1;

	return ioctl(fd, FIONREAD, &v) == 0 ? v : -1;
}

static void show_recv(const char *what, int fd, int flags)
{
	char buf[64];

	errno = 0;
	ssize_t n = recv(fd, buf, sizeof(buf), flags);
	if (n >= 0)
		report(1, "%s: %zd \"%.*s\"", what, n, (int)n, buf);
	else
		report(1, "%s: %s", what, errname(errno));
}

static void basics(void)
{
	char c;

	errno = 0;
	report(recv(srv, &c, 1, MSG_OOB) == -1 && errno == EINVAL,
	       "recv(MSG_OOB) with no urgent byte: EINVAL");
	report(atmark(srv) == 0, "SIOCATMARK before any: 0");
	report(send(cli, "hello", 5, MSG_OOB) == 5, "send(\"hello\", MSG_OOB): 5");
	report(wait_oob(srv, 'o'), "the urgent byte is 'o'");
	wait_bytes(srv, 4);
	report(revents(srv) == (POLLIN | POLLPRI), "poll: POLLIN|POLLPRI (%#x)", revents(srv));
	report(atmark(srv) == 0, "SIOCATMARK before the mark: 0");
	report(inq(srv) == 4, "FIONREAD: %d (the bytes before the mark)", inq(srv));
	show_recv("recv up to the mark", srv, 0);
	report(atmark(srv) == 1, "SIOCATMARK at the mark: 1");
	report(inq(srv) == 0, "FIONREAD at the mark: %d", inq(srv));
	report(revents(srv) == POLLPRI, "poll at the mark: POLLPRI alone (%#x)", revents(srv));
	show_recv("recv(MSG_OOB|MSG_PEEK)", srv, MSG_OOB | MSG_PEEK);

	char buf[8];
	struct iovec iov = { buf, sizeof(buf) };
	struct msghdr m = { .msg_iov = &iov, .msg_iovlen = 1 };
	ssize_t n = recvmsg(srv, &m, MSG_OOB);
	report(n == 1 && buf[0] == 'o' && (m.msg_flags & MSG_OOB),
	       "recvmsg(MSG_OOB): 1 'o', msg_flags MSG_OOB (%zd, %#x)", n, m.msg_flags);
	show_recv("recv(MSG_OOB) once it was taken", srv, MSG_OOB);
	report(revents(srv) == 0, "poll after: nothing (%#x)", revents(srv));
	report(atmark(srv) == 1, "SIOCATMARK still 1");
	errno = 0;
	report(recv(srv, &c, 1, MSG_DONTWAIT) == -1 && errno == EAGAIN,
	       "recv at the mark with nothing after it: EAGAIN");
	report(atmark(srv) == 0, "SIOCATMARK after: 0 (the byte was stepped over)");
	send(cli, "world", 5, 0);
	wait_bytes(srv, 5);
	show_recv("recv after the mark (the urgent byte stepped over)", srv, 0);
	report(atmark(srv) == 0, "SIOCATMARK past it: 0");
	show_recv("recv(MSG_OOB) past it", srv, MSG_OOB);
}

/* Two marks before a read: the first urgent byte becomes data. */
static void two_marks(void)
{
	send(cli, "ab", 2, MSG_OOB);
	send(cli, "cd", 2, MSG_OOB);
	report(wait_oob(srv, 'd'), "two marks: the urgent byte is the second's 'd'");
	show_recv("recv up to the second mark", srv, 0);
	show_recv("recv(MSG_OOB)", srv, MSG_OOB);
	send(cli, "e", 1, 0);
	wait_bytes(srv, 1);
	show_recv("recv after it", srv, 0);
}

/* An urgent byte taken with a 0-byte buffer; one never taken. */
static void truncated(void)
{
	char buf[4];
	struct iovec iov = { buf, 0 };
	struct msghdr m = { .msg_iov = &iov, .msg_iovlen = 1 };

	send(cli, "z", 1, MSG_OOB);
	report(wait_oob(srv, 'z'), "a lone urgent byte 'z'");
	report(revents(srv) == POLLPRI, "poll: POLLPRI alone (%#x)", revents(srv));
	report(inq(srv) == 0, "FIONREAD: %d", inq(srv));
	ssize_t n = recvmsg(srv, &m, MSG_OOB);
	report(n == 0 && (m.msg_flags & (MSG_OOB | MSG_TRUNC)) == (MSG_OOB | MSG_TRUNC),
	       "recvmsg(MSG_OOB) into 0 bytes: 0, MSG_OOB|MSG_TRUNC (%zd, %#x)",
	       n, m.msg_flags);
	show_recv("recv(MSG_OOB) after", srv, MSG_OOB);
	errno = 0;
	report(recv(srv, buf, 4, MSG_DONTWAIT) == -1 && errno == EAGAIN,
	       "recv of the stream: EAGAIN (the urgent byte is not data)");
	send(cli, "y", 1, 0);
	wait_bytes(srv, 1);
	show_recv("recv: the next byte", srv, 0);
	/* A mark the reader never takes nor reaches: replaced by the next. */
	send(cli, "12", 2, MSG_OOB);
	report(wait_oob(srv, '2'), "urgent '2'");
	show_recv("recv up to it", srv, 0);
	send(cli, "3", 1, MSG_OOB);
	report(wait_oob(srv, '3'), "a new mark while at the old one: urgent '3'");
	report(atmark(srv) == 1, "SIOCATMARK: 1 (the old byte was stepped over)");
	show_recv("recv(MSG_OOB)", srv, MSG_OOB);
	send(cli, "4", 1, 0);
	wait_bytes(srv, 1);
	show_recv("recv", srv, 0);
	/* A read at the mark steps over a byte not yet taken: it is gone. */
	send(cli, "5", 1, MSG_OOB);
	report(wait_oob(srv, '5'), "urgent '5'");
	errno = 0;
	report(recv(srv, buf, 4, MSG_DONTWAIT) == -1 && errno == EAGAIN,
	       "recv at its mark: EAGAIN");
	show_recv("recv(MSG_OOB) after that", srv, MSG_OOB);
	report(revents(srv) == 0, "poll: nothing (%#x)", revents(srv));
}

/* SO_OOBINLINE: the urgent byte in the stream; reads still stop at
 * the mark. */
static void inline_oob(void)
{
	int v = 0;
	socklen_t len = sizeof(v);

	getsockopt(srv, SOL_SOCKET, SO_OOBINLINE, &v, &len);
	report(v == 1, "SO_OOBINLINE inherited from the listener: %d", v);
	send(cli, "xy", 2, MSG_OOB);
	send(cli, "w", 1, 0);
	wait_bytes(srv, 3);
	report(revents(srv) == (POLLIN | POLLPRI), "inline: poll POLLIN|POLLPRI (%#x)",
	       revents(srv));
	report(inq(srv) == 3, "inline: FIONREAD %d", inq(srv));
	show_recv("inline: recv(MSG_OOB)", srv, MSG_OOB);
	show_recv("inline: recv up to the mark", srv, 0);
	report(atmark(srv) == 1, "inline: SIOCATMARK 1");
	show_recv("inline: recv from the mark", srv, 0);
	report(atmark(srv) == 0, "inline: SIOCATMARK 0 after");
	report(revents(srv) == 0, "inline: poll after: nothing (%#x)", revents(srv));
}

/* epoll with EPOLLPRI alone wakes for an urgent byte. */
static void epoll_pri(void)
{
	int ep = epoll_create1(0);
	struct epoll_event ev = { .events = EPOLLPRI }, got;

	epoll_ctl(ep, EPOLL_CTL_ADD, srv, &ev);
	report(epoll_wait(ep, &got, 1, 0) == 0, "epoll EPOLLPRI: nothing yet");
	send(cli, "p", 1, MSG_OOB);
	int n = epoll_wait(ep, &got, 1, 5000);
	report(n == 1 && got.events == EPOLLPRI, "epoll: woken with EPOLLPRI (%d, %#x)",
	       n, n == 1 ? got.events : 0);
	char c;
	recv(srv, &c, 1, MSG_OOB);
	report(epoll_wait(ep, &got, 1, 0) == 0, "epoll: nothing once it is taken");
	close(ep);
}

static void others(void)
{
	char c;
	int u = socket(AF_INET, SOCK_DGRAM, 0);
	struct sockaddr_in a = addr_of(9);

	errno = 0;
	report(recv(lst, &c, 1, MSG_OOB) == -1 && errno == ENOTCONN,
	       "recv(MSG_OOB) on a listener: ENOTCONN");
	int t = socket(AF_INET, SOCK_STREAM, 0);
	errno = 0;
	long r = recv(t, &c, 1, MSG_OOB);
	report(1, "recv(MSG_OOB) on an unconnected socket: %s", r < 0 ? errname(errno) : "ok");
	errno = 0;
	r = send(t, "x", 1, MSG_OOB | MSG_NOSIGNAL);
	report(1, "send(MSG_OOB) on an unconnected socket: %s", r < 0 ? errname(errno) : "ok");
	report(atmark(t) == 0, "SIOCATMARK on an unconnected socket: 0");
	errno = 0;
	r = sendto(u, "x", 1, MSG_OOB, (struct sockaddr *)&a, sizeof(a));
	report(1, "UDP send(MSG_OOB): %s", r < 0 ? errname(errno) : "ok");
	close(t);
	close(u);
}

int main(void)
{
	struct sockaddr_in a = addr_of(0);
	int one = 1;

	lst = socket(AF_INET, SOCK_STREAM, 0);
	bind(lst, (struct sockaddr *)&a, sizeof(a));
	listen(lst, 4);
	connect_pair();
	basics();
	two_marks();
	truncated();
	epoll_pri();
	close(cli);
	close(srv);
	setsockopt(lst, SOL_SOCKET, SO_OOBINLINE, &one, sizeof(one));
	connect_pair();
	inline_oob();
	others();
	close(cli);
	close(srv);
	close(lst);
	printf("%s\n", failed ? "tcp_oob: FAILED" : "tcp_oob: all passed");
	return failed != 0;
}
