/* unix_dgram: AF_UNIX datagram and seqpacket sockets.  socketpair of
 * both; message boundaries, MSG_TRUNC (flag and result), empty
 * datagrams, FIONREAD; named datagram sockets: sendto by path and by
 * abstract name, the sender's address (none when unbound), connect and
 * AF_UNSPEC, EPERM to a socket connected elsewhere, ECONNREFUSED and
 * then ENOTCONN once the peer closes, EMSGSIZE; flow control: a
 * receiver not connected back takes 11 datagrams, then EAGAIN, poll
 * not writable until it reads (a poller and a blocked sender woken from
 * another process); shutdown; seqpacket's connect/accept, boundaries,
 * EOF, EPIPE and ENOTCONN; poll and epoll readiness. */
#include "unix_common.h"
#include <fcntl.h>
#include <signal.h>
#include <sys/epoll.h>
#include <sys/ioctl.h>
#include <sys/wait.h>
#include "check.h"
#include "catch.h"

static long recv_report(int fd, size_t size, int flags, const char *what)
{
	char buf[256] = { 0 };
	struct iovec iov = { buf, size };
	struct msghdr m = { .msg_iov = &iov, .msg_iovlen = 1 };
	long r = recvmsg(fd, &m, flags);
	if (r < 0)
		printf("%s: %s\n", what, strerror(errno));
	else
		printf("%s: %ld \"%.*s\"%s\n", what, r, (int)(r < (long)size ? r : (long)size),
		       buf, m.msg_flags & MSG_TRUNC ? " MSG_TRUNC" : "");
	return r;
}

static void pairs(void)
{
	int sv[2];

	printf("socketpair SOCK_DGRAM: %s\n", E(socketpair(AF_UNIX, SOCK_DGRAM, 0, sv)));
	write(sv[0], "abc", 3);
	write(sv[0], "defgh", 5);
	write(sv[0], "", 0);
	send(sv[0], "ijklmnop", 8, 0);
	int n = -1;
	ioctl(sv[1], FIONREAD, &n);
	printf("FIONREAD: %d (the next datagram)\n", n);
	recv_report(sv[1], 100, 0, "recv 100");
	recv_report(sv[1], 2, MSG_PEEK, "peek 2");
	recv_report(sv[1], 2, 0, "recv 2");
	recv_report(sv[1], 100, 0, "the empty datagram");
	recv_report(sv[1], 3, MSG_TRUNC, "recv 3 with MSG_TRUNC");
	recv_report(sv[1], 100, MSG_DONTWAIT, "empty queue");
	printf("names: %s", sockname(sv[0], 0));
	printf(", peer %s\n", sockname(sv[0], 1));
	struct ucred cr;
	socklen_t crlen = sizeof(cr);
	getsockopt(sv[0], SOL_SOCKET, SO_PEERCRED, &cr, &crlen);
	printf("SO_PEERCRED: pid ours %s, uid %d, gid %d\n", yesno(cr.pid == getpid()),
	       (int)cr.uid, (int)cr.gid);
	printf("poll: %s\n", events(poll1(sv[0], 0)));

	/* large datagrams: up to the send buffer, less 32 */
	static char big[300000];
	memset(big, 'b', sizeof(big));
	printf("send 200000: %s\n", E(send(sv[0], big, 200000, 0)));
	long r = recv(sv[1], big, sizeof(big), 0);
	printf("recv: %ld\n", r);
	printf("send 212961: %s\n", E(send(sv[0], big, 212961, 0)));
	printf("listen: %s", E(listen(sv[0], 1)));
	printf(", accept: %s\n", E(accept(sv[0], NULL, NULL)));
	printf("send with MSG_OOB: %s\n", E(send(sv[0], "x", 1, MSG_OOB)));
	printf("recv with MSG_OOB: %s\n", E(recv(sv[1], big, 1, MSG_OOB)));

	/* filled by its own sends: the peer is connected back, so only the
	 * send buffer counts */
	fcntl(sv[0], F_SETFL, O_NONBLOCK);
	int sent = 0;
	while (send(sv[0], "x", 1, 0) == 1)
		sent++;
	printf("pair filled with 1-byte datagrams: stopped by %s after more than 100: %s\n",
	       strerror(errno), yesno(sent > 100));
	printf("poll full: writer %s", events(poll1(sv[0], 0)));
	printf(", reader %s\n", events(poll1(sv[1], 0)));
	while (recv(sv[1], big, 1, MSG_DONTWAIT) == 1)
		;
	printf("drained: writer %s\n", events(poll1(sv[0], 0)));

	shutdown(sv[1], SHUT_RD);
	printf("after SHUT_RD: poll %s", events(poll1(sv[1], 0)));
	printf("; recv non-blocking %s", E(recv(sv[1], big, 1, MSG_DONTWAIT)));
	printf(", blocking %ld\n", (long)recv(sv[1], big, 1, 0));
	printf("send to it: %s\n", E(send(sv[0], "x", 1, 0)));
	shutdown(sv[0], SHUT_WR);
	printf("after SHUT_WR: send %s", E(send(sv[0], "x", 1, 0)));
	printf("; poll %s\n", events(poll1(sv[0], 0)));
	close(sv[0]);
	printf("peer closed: poll %s", events(poll1(sv[1], 0)));
	printf(", recv %s\n", E(recv(sv[1], big, 1, MSG_DONTWAIT)));
	close(sv[1]);

	printf("socketpair SOCK_RAW: %s", E(socketpair(AF_UNIX, SOCK_RAW, 0, sv)));
	int type = -1;
	socklen_t tl = sizeof(type);
	getsockopt(sv[0], SOL_SOCKET, SO_TYPE, &type, &tl);
	printf(", SO_TYPE %d\n", type);
	close(sv[0]);
	close(sv[1]);
}

static void named(void)
{
	int srv = server(SOCK_DGRAM, "d1", 0);
	int c = unix_socket(SOCK_DGRAM);
	socklen_t tl;
	struct sockaddr_un to = sun_of("d1", &tl), from;
	socklen_t fl = sizeof(from);
	char buf[64];

	printf("sendto d1, unbound: %s\n", E(sendto(c, "one", 3, 0, (struct sockaddr *)&to, tl)));
	long r = recvfrom(srv, buf, sizeof(buf), 0, (struct sockaddr *)&from, &fl);
	printf("recvfrom: %ld from %s\n", r, name_of(&from, fl));
	bind_to(c, "d2");
	sendto(c, "two", 3, 0, (struct sockaddr *)&to, tl);
	fl = sizeof(from);
	r = recvfrom(srv, buf, sizeof(buf), 0, (struct sockaddr *)&from, &fl);
	printf("recvfrom, the sender bound to d2: %ld from %s\n", r, name_of(&from, fl));
	fl = sizeof(from);
	r = recvfrom(srv, buf, sizeof(buf), MSG_DONTWAIT, (struct sockaddr *)&from, &fl);
	printf("recvfrom nothing: %s\n", E(r));

	struct sockaddr_un miss = sun_of("nothere", &tl);
	printf("sendto a missing path: %s\n",
	       E(sendto(c, "x", 1, 0, (struct sockaddr *)&miss, tl)));
	int st = server(SOCK_STREAM, "st", 1);
	struct sockaddr_un sta = sun_of("st", &tl);
	printf("sendto a stream socket: %s\n",
	       E(sendto(c, "x", 1, 0, (struct sockaddr *)&sta, tl)));
	printf("send, not connected: %s\n", E(send(c, "x", 1, 0)));
	printf("getpeername, not connected: %s\n", sockname(c, 1));
	printf("connect to a stream socket: %s\n", E(connect_to(c, "st")));
	close(st);

	int ab = server(SOCK_DGRAM, "@dabs", 0);
	struct sockaddr_un aba = sun_of("@dabs", &tl);
	printf("sendto @dabs: %s", E(sendto(c, "abs", 3, 0, (struct sockaddr *)&aba, tl)));
	fl = sizeof(from);
	r = recvfrom(ab, buf, sizeof(buf), 0, (struct sockaddr *)&from, &fl);
	printf("; received %ld from %s\n", r, name_of(&from, fl));
	close(ab);
	printf("sendto @dabs once closed: %s\n",
	       E(sendto(c, "abs", 3, 0, (struct sockaddr *)&aba, tl)));

	printf("connect c to d1: %s", E(connect_to(c, "d1")));
	printf("; peer %s\n", sockname(c, 1));
	printf("send: %s\n", E(send(c, "three", 5, 0)));
	r = recv(srv, buf, sizeof(buf), 0);
	printf("server got %ld\n", r);
	struct sockaddr_un un = { .sun_family = AF_UNSPEC };
	printf("connect AF_UNSPEC: %s",
	       E(connect(c, (struct sockaddr *)&un, sizeof(un.sun_family))));
	printf("; peer %s\n", sockname(c, 1));
	printf("connect, length 1: %s\n", E(connect(c, (struct sockaddr *)&un, 1)));

	/* the server connects to d2: others may no longer send to it */
	int o = unix_socket(SOCK_DGRAM);
	printf("server connects to d2: %s\n", E(connect_to(srv, "d2")));
	printf("a third socket sends to d1: %s\n",
	       E(sendto(o, "x", 1, 0, (struct sockaddr *)&to, sizeof(to))));
	printf("... connects to d1: %s\n", E(connect_to(o, "d1")));
	printf("d2 sends to d1: %s\n", E(sendto(c, "four", 4, 0, (struct sockaddr *)&to, tl)));
	r = recv(srv, buf, sizeof(buf), 0);
	printf("server got %ld\n", r);
	close(o);

	/* c connected to d1 again; d1 closes */
	connect_to(c, "d1");
	send(c, "unread", 6, 0);
	close(srv);
	printf("peer closed: send %s", E(send(c, "x", 1, 0)));
	printf(", again %s", E(send(c, "x", 1, 0)));
	printf("; peer %s\n", sockname(c, 1));
	close(c);
	unlink("d1");
	unlink("d2");
}

static void flow_control(void)
{
	int srv = server(SOCK_DGRAM, "fc", 0);
	int c = unix_socket(SOCK_DGRAM | SOCK_NONBLOCK);
	connect_to(c, "fc");
	int n = 0;
	while (send(c, "m", 1, 0) == 1)
		n++;
	printf("into a receiver not connected back: %d datagrams, then %s\n", n,
	       strerror(errno));
	printf("poll: sender %s", events(poll1(c, 0)));
	printf(", receiver %s\n", events(poll1(srv, 0)));

	/* A poller for POLLOUT, woken when the receiver reads. */
	pid_t pid = fork();
	if (pid == 0) {
		int ev = poll1(c, 5000);
		printf("poller in another process woken: %s\n", events(ev));
		_exit(0);
	}
	usleep(200000);
	char b[8];
	recv(srv, b, sizeof(b), 0);
	int st;
	waitpid(pid, &st, 0);

	/* a blocking sender, woken likewise */
	send(c, "m", 1, 0);
	fcntl(c, F_SETFL, 0);
	pid = fork();
	if (pid == 0) {
		usleep(200000);
		recv(srv, b, sizeof(b), 0);
		_exit(0);
	}
	printf("a blocking send to the full receiver, woken by its read: %s\n",
	       E(send(c, "m", 1, 0)));
	waitpid(pid, &st, 0);

	/* ... and by a signal */
	handle(SIGALRM, 0);
	alarm(1);
	printf("blocked send interrupted by a signal: %s\n", E(send(c, "m", 1, 0)));
	struct timeval tv = { 0, 200000 };
	setsockopt(c, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof(tv));
	printf("with SO_SNDTIMEO: %s\n", E(send(c, "m", 1, 0)));
	printf("an unconnected sender: %s\n",
	       E(sendto(unix_socket(SOCK_DGRAM | SOCK_NONBLOCK), "m", 1, 0,
			(struct sockaddr *)&(struct sockaddr_un){ AF_UNIX, "fc" },
			sizeof(struct sockaddr_un))));
	close(srv);
	printf("receiver closed: poll %s", events(poll1(c, 0)));
	printf(", send %s\n", E(send(c, "m", 1, 0)));
	close(c);
	unlink("fc");
}

static void seqpacket(void)
{
	int sv[2];
	char buf[64];

	printf("socketpair SOCK_SEQPACKET: %s\n",
	       E(socketpair(AF_UNIX, SOCK_SEQPACKET, 0, sv)));
	write(sv[0], "first", 5);
	write(sv[0], "second", 6);
	recv_report(sv[1], 3, 0, "recv 3 of \"first\"");
	recv_report(sv[1], 64, 0, "recv 64");
	close(sv[0]);
	printf("peer closed: poll %s\n", events(poll1(sv[1], 0)));
	recv_report(sv[1], 64, 0, "recv");
	recv_report(sv[1], 64, MSG_DONTWAIT, "recv non-blocking");
	handle(SIGPIPE, 0);
	printf("send: %s", E(send(sv[1], "x", 1, 0)));
	printf(", SIGPIPE %d\n", (int)got[SIGPIPE]);
	printf("send MSG_NOSIGNAL: %s\n", E(send(sv[1], "x", 1, MSG_NOSIGNAL)));
	close(sv[1]);

	int l = server(SOCK_SEQPACKET, "sq", 4);
	int u = unix_socket(SOCK_SEQPACKET);
	printf("unconnected: send %s", E(send(u, "x", 1, 0)));
	printf(", recv %s", E(recv(u, buf, 1, MSG_DONTWAIT)));
	printf(", poll %s\n", events(poll1(u, 0)));
	int c = unix_socket(SOCK_SEQPACKET);
	printf("connect: %s\n", E(connect_to(c, "sq")));
	struct sockaddr_un to;
	socklen_t tl;
	to = sun_of("elsewhere", &tl);
	printf("sendto some address (ignored): %s\n",
	       E(sendto(c, "hello", 5, 0, (struct sockaddr *)&to, tl)));
	int s = accept(l, NULL, NULL);
	printf("accepted: %s", sockname(s, 0));
	printf(", peer %s\n", sockname(s, 1));
	recv_report(s, 64, 0, "recv");
	printf("seqpacket connect to a datagram socket: %s\n",
	       E(connect_to(unix_socket(SOCK_SEQPACKET), "nothere")));
	int d = server(SOCK_DGRAM, "dg", 0);
	printf("seqpacket connect to a datagram path: %s\n",
	       E(connect_to(unix_socket(SOCK_SEQPACKET), "dg")));
	close(d);
	shutdown(c, SHUT_WR);
	printf("peer shut writing: poll %s", events(poll1(s, 0)));
	recv_report(s, 64, 0, "; recv");
	printf("send after SHUT_WR: %s", E(send(c, "x", 1, MSG_NOSIGNAL)));
	printf(", SIGPIPE %d\n", (int)got[SIGPIPE]);
	close(s);
	close(c);
	close(u);
	close(l);
}

static void readiness(void)
{
	int srv = server(SOCK_DGRAM, "ep", 0);
	int ep = epoll_create1(0);
	struct epoll_event ev = { .events = EPOLLIN | EPOLLOUT, .data.u32 = 7 }, out[2];
	epoll_ctl(ep, EPOLL_CTL_ADD, srv, &ev);
	int n = epoll_wait(ep, out, 2, 0);
	printf("epoll, idle datagram socket: %d %s\n", n, events(n > 0 ? out[0].events : 0));
	ev.events = EPOLLIN;
	epoll_ctl(ep, EPOLL_CTL_MOD, srv, &ev);
	pid_t pid = fork();
	if (pid == 0) {
		usleep(100000);
		int c = unix_socket(SOCK_DGRAM);
		sendto(c, "wake", 4, 0, (struct sockaddr *)&(struct sockaddr_un){ AF_UNIX, "ep" },
		       sizeof(struct sockaddr_un));
		_exit(0);
	}
	n = epoll_wait(ep, out, 2, 5000);
	printf("epoll woken by a datagram from another process: %d %s data %u\n", n,
	       events(n > 0 ? out[0].events : 0), n > 0 ? out[0].data.u32 : 0);
	int st;
	waitpid(pid, &st, 0);
	close(ep);
	close(srv);
}

int main(void)
{
	setvbuf(stdout, NULL, _IONBF, 0);
	signal(SIGPIPE, SIG_IGN);
	unix_enter_dir("unix_dgram");
	pairs();
	named();
	flow_control();
	seqpacket();
	readiness();
	unix_leave_dir();
	printf("%s\n", failed ? "some checks FAILED" : "unix_dgram: done");
	return failed ? 1 : 0;
}
