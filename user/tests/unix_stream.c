/* unix_stream: named AF_UNIX stream sockets.  bind to a path (the socket
 * inode, its mode, EADDRINUSE, ENOENT, EINVAL) and to abstract names,
 * autobind; listen/accept errors (a socketpair's EINVAL); connect's
 * errors (ENOENT, ECONNREFUSED, EPROTOTYPE) and the backlog (EAGAIN,
 * a blocking connect woken by accept); getsockname/getpeername and
 * accept's address with Linux's lengths; SO_PEERCRED and the socket
 * options; data before accept, a listener closed with connections
 * queued (ECONNRESET); poll and epoll readiness of listeners and
 * connections, woken from another process. */
#include "unix_common.h"
#include <fcntl.h>
#include <signal.h>
#include <sys/epoll.h>
#include <sys/ioctl.h>
#include <sys/wait.h>
#include "check.h"

static void names(void)
{
	int s = unix_socket(SOCK_STREAM);
	printf("unbound: getsockname %s", sockname(s, 0));
	printf("; getpeername %s\n", sockname(s, 1));
	printf("bind \"s1\": %s\n", E(bind_to(s, "s1")));
	struct stat st;
	printf("stat of the file: %s", E(stat("s1", &st)));
	printf(", a socket %s, mode %o\n", yesno(S_ISSOCK(st.st_mode)), st.st_mode & 07777);
	printf("bound: getsockname %s\n", sockname(s, 0));
	printf("bind again to a new name: %s", E(bind_to(s, "s2")));
	printf("; \"s2\" made: %s\n", yesno(access("s2", F_OK) == 0));
	printf("bind again to its own name: %s\n", E(bind_to(s, "s1")));
	int t = unix_socket(SOCK_STREAM);
	printf("another bind to \"s1\": %s\n", E(bind_to(t, "s1")));
	printf("bind to \"nodir/s\": %s\n", E(bind_to(t, "nodir/s")));
	printf("open of the socket file: %s\n", E(open("s1", O_RDONLY)));

	struct sockaddr_un a = { .sun_family = AF_UNIX };
	memset(a.sun_path, 'p', sizeof(a.sun_path));	/* 108 bytes, no NUL */
	printf("bind to a 108-byte path: %s", E(bind(t, (struct sockaddr *)&a, sizeof(a))));
	struct sockaddr_un b;
	socklen_t len = sizeof(b);
	getsockname(t, (struct sockaddr *)&b, &len);
	printf("; getsockname says %u bytes\n", (unsigned)len);
	close(t);

	t = unix_socket(SOCK_STREAM);
	struct sockaddr_un bad = { .sun_family = AF_INET };
	strcpy(bad.sun_path, "x");
	printf("bind AF_INET family: %s\n", E(bind(t, (struct sockaddr *)&bad, 4)));
	bad.sun_family = AF_UNIX;
	printf("bind, length 1: %s\n", E(bind(t, (struct sockaddr *)&bad, 1)));
	printf("bind, length 111: %s\n", E(bind(t, (struct sockaddr *)&bad, 111)));
	printf("bind, length 200: %s\n", E(bind(t, (struct sockaddr *)&bad, 200)));
	printf("bind, bad pointer: %s\n", E(bind(t, (struct sockaddr *)8, 10)));

	/* An empty name: autobind to "\0" and five hex digits. */
	printf("autobind: %s", E(bind(t, (struct sockaddr *)&bad,
					offsetof(struct sockaddr_un, sun_path))));
	len = sizeof(b);
	memset(&b, 0, sizeof(b));
	getsockname(t, (struct sockaddr *)&b, &len);
	int hex = 1;
	for (int i = 1; i < 6; i++)
		hex &= (b.sun_path[i] >= '0' && b.sun_path[i] <= '9') ||
		       (b.sun_path[i] >= 'a' && b.sun_path[i] <= 'f');
	printf(", len %u, abstract %s, five hex digits %s\n",
	       (unsigned)len, yesno(!b.sun_path[0]), yesno(hex));
	printf("bind after autobind: %s\n", E(bind_to(t, "s3")));
	close(t);

	/* Abstract names. */
	t = unix_socket(SOCK_STREAM);
	printf("bind @abs: %s", E(bind_to(t, "@abs")));
	printf("; getsockname %s\n", sockname(t, 0));
	int u = unix_socket(SOCK_STREAM);
	printf("another bind to @abs: %s\n", E(bind_to(u, "@abs")));
	close(t);
	printf("bind to @abs once it is closed: %s\n", E(bind_to(u, "@abs")));
	close(u);
	close(s);
	printf("unlink of the socket file: %s\n", E(unlink("s1")));
}

static void listen_accept_errors(void)
{
	int s = unix_socket(SOCK_STREAM), sv[2];
	struct sockaddr_un a;
	socklen_t len = sizeof(a);

	printf("listen, unbound: %s\n", E(listen(s, 5)));
	printf("accept, not listening: %s\n", E(accept(s, NULL, NULL)));
	socketpair(AF_UNIX, SOCK_STREAM, 0, sv);
	printf("listen on a socketpair: %s\n", E(listen(sv[0], 5)));
	printf("accept on a socketpair: %s\n", E(accept(sv[0], (struct sockaddr *)&a, &len)));
	close(sv[0]);
	close(sv[1]);
	int d = unix_socket(SOCK_DGRAM);
	bind_to(d, "d1");
	printf("listen on a datagram socket: %s\n", E(listen(d, 5)));
	printf("accept on a datagram socket: %s\n", E(accept(d, NULL, NULL)));
	bind_to(s, "l1");
	printf("listen: %s", E(listen(s, 5)));
	printf(", twice: %s\n", E(listen(s, 7)));
	int n = -1;
	printf("FIONREAD on a listener: %s\n", E(ioctl(s, FIONREAD, &n)));
	char c;
	printf("read on a listener: %s\n", E(read(s, &c, 1)));
	printf("write on a listener: %s\n", E(write(s, "x", 1)));
	printf("connect on a listener: %s\n", E(connect_to(s, "l1")));

	int c1 = unix_socket(SOCK_STREAM);
	printf("connect to a missing path: %s\n", E(connect_to(c1, "nothere")));
	close(open("plain", O_CREAT | O_WRONLY, 0644));
	printf("connect to a regular file: %s\n", E(connect_to(c1, "plain")));
	mkdir("dir", 0755);
	printf("connect to a directory: %s\n", E(connect_to(c1, "dir")));
	printf("connect through a file: %s\n", E(connect_to(c1, "plain/x")));
	int b = unix_socket(SOCK_STREAM);
	bind_to(b, "bound");
	printf("connect to a socket not listening: %s\n", E(connect_to(c1, "bound")));
	close(b);
	printf("connect to a closed socket's file: %s\n", E(connect_to(c1, "bound")));
	printf("stream connect to a datagram socket: %s\n", E(connect_to(c1, "d1")));
	printf("connect to an unknown abstract name: %s\n", E(connect_to(c1, "@none")));
	symlink("l1", "link");
	printf("connect through a symlink: %s\n", E(connect_to(c1, "link")));
	printf("connect again: %s\n", E(connect_to(c1, "l1")));
	int c2 = unix_socket(SOCK_STREAM);
	printf("write, not connected: %s\n", E(write(c2, "x", 1)));
	printf("read, not connected: %s\n", E(read(c2, &c, 1)));
	struct sockaddr_un to;
	socklen_t tolen;
	to = sun_of("l1", &tolen);
	printf("sendto, not connected: %s\n",
	       E(sendto(c2, "x", 1, 0, (struct sockaddr *)&to, tolen)));
	printf("sendto, connected: %s\n",
	       E(sendto(c1, "x", 1, 0, (struct sockaddr *)&to, tolen)));
	close(c1);
	close(c2);
	close(d);
	close(s);
}

/* One connection end to end: names, credentials, data, options. */
static void connection(void)
{
	int l = server(SOCK_STREAM, "srv", 5);
	int c = unix_socket(SOCK_STREAM);
	printf("connect: %s", E(connect_to(c, "srv")));
	printf("; client: name %s", sockname(c, 0));
	printf(", peer %s\n", sockname(c, 1));
	printf("listener before accept: %s\n", events(poll1(l, 0)));
	long r = write(c, "before accept", 13);
	printf("write before accept: %ld\n", r);
	struct sockaddr_un a;
	socklen_t len = sizeof(a);
	memset(&a, 0x55, sizeof(a));
	int s;
	printf("accept: %s", E(s = accept(l, (struct sockaddr *)&a, &len)));
	printf(", its address %s\n", name_of(&a, len));
	printf("accepted: name %s", sockname(s, 0));
	printf(", peer %s\n", sockname(s, 1));
	printf("listener after accept: %s\n", events(poll1(l, 0)));
	char buf[64] = { 0 };
	r = read(s, buf, sizeof(buf));
	printf("read: %ld \"%.*s\"\n", r, (int)(r > 0 ? r : 0), buf);

	struct ucred cr;
	socklen_t crlen = sizeof(cr);
	printf("SO_PEERCRED accepted: %s", E(getsockopt(s, SOL_SOCKET, SO_PEERCRED, &cr, &crlen)));
	printf(", len %u, pid ours %s, uid %d, gid %d\n", (unsigned)crlen, yesno(cr.pid == getpid()), (int)cr.uid, (int)cr.gid);
	crlen = sizeof(cr);
	getsockopt(c, SOL_SOCKET, SO_PEERCRED, &cr, &crlen);
	printf("SO_PEERCRED client: pid ours %s, uid %d, gid %d\n",
	       yesno(cr.pid == getpid()), (int)cr.uid, (int)cr.gid);
	crlen = sizeof(cr);
	getsockopt(l, SOL_SOCKET, SO_PEERCRED, &cr, &crlen);
	printf("SO_PEERCRED listener: pid ours %s\n", yesno(cr.pid == getpid()));
	int u = unix_socket(SOCK_STREAM);
	crlen = sizeof(cr);
	getsockopt(u, SOL_SOCKET, SO_PEERCRED, &cr, &crlen);
	printf("SO_PEERCRED unconnected: pid %d, uid %d, gid %d\n", cr.pid, (int)cr.uid,
	       (int)cr.gid);
	crlen = 4;
	getsockopt(s, SOL_SOCKET, SO_PEERCRED, &cr, &crlen);
	printf("SO_PEERCRED into 4 bytes: len %u\n", (unsigned)crlen);

	static const struct { int opt; const char *name; } opts[] = {
		{ SO_TYPE, "SO_TYPE" }, { SO_DOMAIN, "SO_DOMAIN" },
		{ SO_PROTOCOL, "SO_PROTOCOL" }, { SO_ACCEPTCONN, "SO_ACCEPTCONN" },
		{ SO_ERROR, "SO_ERROR" }, { SO_PASSCRED, "SO_PASSCRED" },
		{ SO_SNDBUF, "SO_SNDBUF" }, { SO_RCVBUF, "SO_RCVBUF" },
		{ SO_KEEPALIVE, "SO_KEEPALIVE" }, { SO_REUSEADDR, "SO_REUSEADDR" },
		{ SO_RCVLOWAT, "SO_RCVLOWAT" }, { SO_SNDLOWAT, "SO_SNDLOWAT" },
	};
	for (unsigned i = 0; i < sizeof(opts) / sizeof(opts[0]); i++) {
		int v = -1, lv = -1;
		socklen_t vl = sizeof(v);
		getsockopt(s, SOL_SOCKET, opts[i].opt, &v, &vl);
		vl = sizeof(lv);
		getsockopt(l, SOL_SOCKET, opts[i].opt, &lv, &vl);
		printf("%s: accepted %d, listener %d\n", opts[i].name, v, lv);
	}
	int v = 1000;
	setsockopt(s, SOL_SOCKET, SO_SNDBUF, &v, sizeof(v));
	socklen_t vl = sizeof(v);
	getsockopt(s, SOL_SOCKET, SO_SNDBUF, &v, &vl);
	printf("SO_SNDBUF set to 1000 reads %d\n", v);
	v = 1;
	printf("SO_KEEPALIVE on: %s\n", E(setsockopt(s, SOL_SOCKET, SO_KEEPALIVE, &v, sizeof(v))));
	printf("TCP level option: %s\n", E(setsockopt(s, 6, 1, &v, sizeof(v))));
	vl = sizeof(v);
	printf("TCP level getsockopt: %s\n", E(getsockopt(s, 6, 1, &v, &vl)));
	printf("unknown option: %s\n", E(setsockopt(s, SOL_SOCKET, 9999, &v, sizeof(v))));
	struct timeval tv = { 0, 300000 };
	setsockopt(s, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
	memset(&tv, 0, sizeof(tv));
	vl = sizeof(tv);
	getsockopt(s, SOL_SOCKET, SO_RCVTIMEO, &tv, &vl);
	printf("SO_RCVTIMEO reads %ld.%06ld\n", (long)tv.tv_sec, (long)tv.tv_usec);
	printf("read with SO_RCVTIMEO and nothing sent: %s\n", E(read(s, buf, 1)));
	tv.tv_usec = 2000000;
	printf("SO_RCVTIMEO of 2000000 us: %s\n",
	       E(setsockopt(s, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv))));

	/* recvfrom on a stream gives the sender's bound name */
	int c2 = unix_socket(SOCK_STREAM);
	bind_to(c2, "cli");
	connect_to(c2, "srv");
	int s2 = accept(l, NULL, NULL);
	write(c2, "hi", 2);
	len = sizeof(a);
	r = recvfrom(s2, buf, sizeof(buf), 0, (struct sockaddr *)&a, &len);
	printf("recvfrom a bound client: %ld from %s\n", r, name_of(&a, len));
	write(s2, "yo", 2);
	len = sizeof(a);
	r = recvfrom(c2, buf, sizeof(buf), 0, (struct sockaddr *)&a, &len);
	printf("recvfrom the server: %ld from %s\n", r, name_of(&a, len));

	/* SO_PASSCRED autobinds a connecting socket */
	int c3 = unix_socket(SOCK_STREAM);
	v = 1;
	setsockopt(c3, SOL_SOCKET, SO_PASSCRED, &v, sizeof(v));
	connect_to(c3, "srv");
	len = sizeof(a);
	getsockname(c3, (struct sockaddr *)&a, &len);
	printf("SO_PASSCRED, then connect: name of %u bytes, abstract %s\n", (unsigned)len,
	       yesno(!a.sun_path[0]));
	int s3 = accept(l, NULL, NULL);
	vl = sizeof(v);
	v = -1;
	getsockopt(s3, SOL_SOCKET, SO_PASSCRED, &v, &vl);
	printf("its accepted end: SO_PASSCRED %d (not inherited from the listener)\n", v);
	close(c3);
	close(s3);

	/* unlinked path: the socket keeps its name, the path is gone */
	unlink("srv");
	int c4 = unix_socket(SOCK_STREAM);
	printf("after unlink: connect %s", E(connect_to(c4, "srv")));
	printf(", listener still named %s\n", sockname(l, 0));
	int l2 = unix_socket(SOCK_STREAM);
	printf("a new socket binds the path again: %s\n", E(bind_to(l2, "srv")));
	close(l2);
	close(c4);
	close(u);
	close(c2);
	close(s2);
	close(s);
	close(c);
	close(l);
}

/* How many connects a backlog takes, EAGAIN past it, and a blocking
 * connect woken by an accept in another process. */
static void backlog(void)
{
	for (int b = 0; b <= 2; b += 2) {
		int l = server(SOCK_STREAM, "bl", b), c[8], n = 0;
		for (int i = 0; i < 8; i++) {
			c[i] = unix_socket(SOCK_STREAM | SOCK_NONBLOCK);
			if (connect_to(c[i], "bl") == 0)
				n++;
			else if (errno != EAGAIN)
				printf("FAIL: connect: %s\n", strerror(errno));
		}
		printf("backlog %d: %d non-blocking connects accepted, then EAGAIN\n", b, n);
		int s = accept(l, NULL, NULL);
		printf("after one accept, another connect: %s\n", E(connect_to(c[7], "bl")));
		close(s);
		for (int i = 0; i < 8; i++)
			close(c[i]);
		close(l);
		unlink("bl");
	}

	int l = server(SOCK_STREAM, "bl", 0);
	int c1 = unix_socket(SOCK_STREAM);
	connect_to(c1, "bl");			/* fills the backlog */
	pid_t pid = fork();
	if (pid == 0) {
		usleep(200000);
		int s = accept(l, NULL, NULL);
		_exit(s >= 0 ? 0 : 1);
	}
	int c2 = unix_socket(SOCK_STREAM);
	printf("blocking connect to a full backlog, woken by accept: %s\n",
	       E(connect_to(c2, "bl")));
	int st;
	waitpid(pid, &st, 0);

	/* the listener closes with connections queued: reset */
	int c3 = unix_socket(SOCK_STREAM);
	char buf[8];
	write(c1, "lost", 4);
	close(l);
	printf("listener closed with us queued: read %s", E(read(c1, buf, sizeof(buf))));
	long r = read(c1, buf, sizeof(buf));
	printf(", then %ld; poll %s\n", r, events(poll1(c1, 0)));
	printf("connect to the closed listener: %s\n", E(connect_to(c3, "bl")));
	close(c1);
	close(c2);
	close(c3);
}

static void readiness(void)
{
	int l = server(SOCK_STREAM, "rd", 5);
	int u = unix_socket(SOCK_STREAM);
	printf("poll: unconnected %s", events(poll1(u, 0)));
	printf(", listener %s\n", events(poll1(l, 0)));

	int ep = epoll_create1(0);
	struct epoll_event ev = { .events = EPOLLIN | EPOLLET, .data.u32 = 1 }, out[4];
	epoll_ctl(ep, EPOLL_CTL_ADD, l, &ev);
	pid_t pid = fork();
	if (pid == 0) {
		usleep(100000);
		int c = unix_socket(SOCK_STREAM);
		connect_to(c, "rd");
		write(c, "ping", 4);
		char b[8];
		read(c, b, sizeof(b));
		_exit(0);
	}
	int n = epoll_wait(ep, out, 4, 5000);
	printf("epoll_wait on the listener woken by a connect elsewhere: %d, data %u\n",
	       n, n > 0 ? out[0].data.u32 : 0);
	int s = accept(l, NULL, NULL);
	ev.events = EPOLLIN | EPOLLOUT | EPOLLRDHUP;
	ev.data.u32 = 2;
	epoll_ctl(ep, EPOLL_CTL_ADD, s, &ev);
	ev.events = EPOLLIN | EPOLLET;
	epoll_ctl(ep, EPOLL_CTL_DEL, l, &ev);
	/* The child writes after its connect woke us, and with more than
	 * one CPU it may not have yet: wait for the bytes (Linux promises
	 * no order between the two), so epoll reports IN|OUT on any number
	 * of CPUs. */
	struct pollfd in = { s, POLLIN, 0 };
	poll(&in, 1, 5000);
	n = epoll_wait(ep, out, 4, 5000);
	printf("epoll on the connection: %d, %s\n", n, events(n > 0 ? out[0].events : 0));
	char b[8];
	read(s, b, sizeof(b));
	write(s, "pong", 4);
	int st;
	waitpid(pid, &st, 0);
	n = epoll_wait(ep, out, 4, 5000);
	printf("peer gone: epoll %d, %s", n, events(n > 0 ? out[0].events : 0));
	printf("; poll %s\n", events(poll1(s, 0)));
	close(s);
	close(ep);
	close(u);
	close(l);
}

/* As another user: the socket file's permissions (EACCES to connect
 * without write permission, to bind in a directory without it), and
 * SO_PEERCRED's effective ids. */
static void other_user(void)
{
	int l = server(SOCK_STREAM, "root-only", 5);	/* 0755: others may not write */
	int open_l = server(SOCK_STREAM, "open", 5);
	chmod("open", 0777);
	pid_t pid = fork();
	if (pid == 0) {
		if (setgid(1000) < 0 || setuid(1000) < 0)
			_exit(3);
		int c = unix_socket(SOCK_STREAM);
		printf("uid 1000: connect to a 0755 root socket: %s\n",
		       E(connect_to(c, "root-only")));
		printf("uid 1000: connect to a 0777 one: %s\n", E(connect_to(c, "open")));
		int b = unix_socket(SOCK_STREAM);
		printf("uid 1000: bind in a 0755 root directory: %s\n", E(bind_to(b, "mine")));
		printf("uid 1000: bind in the abstract namespace: %s\n", E(bind_to(b, "@mine")));
		_exit(0);
	}
	int st;
	waitpid(pid, &st, 0);
	int s = accept(open_l, NULL, NULL);
	struct ucred cr;
	socklen_t crlen = sizeof(cr);
	getsockopt(s, SOL_SOCKET, SO_PEERCRED, &cr, &crlen);
	printf("SO_PEERCRED of uid 1000's connection: pid the child's %s, uid %d, gid %d\n",
	       yesno(cr.pid == pid), (int)cr.uid, (int)cr.gid);
	close(s);
	close(open_l);
	close(l);
}

int main(void)
{
	setvbuf(stdout, NULL, _IONBF, 0);
	signal(SIGPIPE, SIG_IGN);
	unix_enter_dir("unix_stream");
	names();
	listen_accept_errors();
	connection();
	backlog();
	readiness();
	other_user();
	unix_leave_dir();
	printf("%s\n", failed ? "some checks FAILED" : "unix_stream: done");
	return failed ? 1 : 0;
}
