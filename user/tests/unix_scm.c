/* unix_scm: control messages on AF_UNIX sockets.  SCM_RIGHTS over
 * stream, datagram and seqpacket sockets: the new descriptors (lowest
 * free, working, MSG_CMSG_CLOEXEC), several files and several
 * SCM_RIGHTS in one message, MSG_CTRUNC when the control buffer is
 * short or missing (the files that do not fit are closed), MSG_PEEK's
 * copies, where files stop a stream read, none with no bytes;
 * EBADF/EINVAL for bad control data; a socket sent through itself and
 * closed is collected (the pipe it carried sees EOF).  SO_PASSCRED and
 * SCM_CREDENTIALS: credentials added to plain writes, claimed ones
 * checked (ESRCH, EINVAL), stream reads not glued across senders. */
#include "unix_common.h"
#include <fcntl.h>
#include <signal.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include "check.h"

#define MAXFDS 8

/* The system call itself: musl's sendmsg copies the control data to
 * its stack first, refusing more than 255 fds' worth with ENOMEM and
 * faulting on a bad pointer, where the kernel's answers are wanted. */
static long xsendmsg(int s, const struct msghdr *m, int flags)
{
	return syscall(SYS_sendmsg, s, m, flags);
}

/* Send bytes with nfds files in one SCM_RIGHTS. */
static long send_fds(int s, const char *data, size_t len, const int *fds, int nfds)
{
	union { struct cmsghdr h; char buf[CMSG_SPACE(sizeof(int) * 300)]; } u;
	struct iovec iov = { (void *)data, len };
	struct msghdr m = { .msg_iov = &iov, .msg_iovlen = 1 };
	memset(&u, 0, sizeof(u));	/* musl's cmsghdr has padding the kernel reads */
	if (nfds) {
		m.msg_control = u.buf;
		m.msg_controllen = CMSG_SPACE(sizeof(int) * nfds);
		u.h.cmsg_level = SOL_SOCKET;
		u.h.cmsg_type = SCM_RIGHTS;
		u.h.cmsg_len = CMSG_LEN(sizeof(int) * nfds);
		memcpy(CMSG_DATA(&u.h), fds, sizeof(int) * nfds);
	}
	return xsendmsg(s, &m, 0);
}

struct got {
	long r;			/* recvmsg's result */
	int flags;		/* msg_flags */
	size_t controllen;
	int nfds, fds[MAXFDS];	/* from SCM_RIGHTS */
	int ncmsg;
	struct ucred cred;	/* from SCM_CREDENTIALS, pid 0 if none */
	char data[64];
};

/* recvmsg with room for room fds (-1: no control buffer). */
static struct got recv_fds(int s, size_t len, int room, int flags)
{
	union { struct cmsghdr h; char buf[512]; } u;
	struct got g = { 0 };
	struct iovec iov = { g.data, len };
	struct msghdr m = { .msg_iov = &iov, .msg_iovlen = 1 };
	if (room >= 0) {
		m.msg_control = u.buf;
		m.msg_controllen = CMSG_LEN(sizeof(int) * room);	/* no padding */
	}
	g.r = recvmsg(s, &m, flags);
	if (g.r < 0)
		return g;
	g.flags = m.msg_flags;
	g.controllen = m.msg_controllen;
	for (struct cmsghdr *c = CMSG_FIRSTHDR(&m); c; c = CMSG_NXTHDR(&m, c)) {
		g.ncmsg++;
		if (c->cmsg_level == SOL_SOCKET && c->cmsg_type == SCM_RIGHTS) {
			int n = (c->cmsg_len - CMSG_LEN(0)) / sizeof(int);
			for (int i = 0; i < n && g.nfds < MAXFDS; i++)
				memcpy(&g.fds[g.nfds++], CMSG_DATA(c) + i * sizeof(int), sizeof(int));
		} else if (c->cmsg_level == SOL_SOCKET && c->cmsg_type == SCM_CREDENTIALS) {
			memcpy(&g.cred, CMSG_DATA(c), sizeof(g.cred));
		}
	}
	return g;
}

static const char *flagnames(int f)
{
	static char buf[64];
	snprintf(buf, sizeof(buf), "%s%s%s%s", f & MSG_CTRUNC ? " CTRUNC" : "",
		 f & MSG_TRUNC ? " TRUNC" : "", f & MSG_CMSG_CLOEXEC ? " CMSG_CLOEXEC" : "",
		 f & ~(MSG_CTRUNC | MSG_TRUNC | MSG_CMSG_CLOEXEC) ? " other" : "");
	return buf[0] ? buf : " none";
}

static void print_got(const char *what, struct got *g)
{
	if (g->r < 0) {
		printf("%s: %s\n", what, strerror(errno));
		return;
	}
	printf("%s: %ld bytes \"%.*s\", flags%s, controllen %zu, %d fds\n", what, g->r,
	       (int)g->r, g->data, flagnames(g->flags), g->controllen, g->nfds);
}

/* Whether fd is open. */
static int is_open(int fd)
{
	return fcntl(fd, F_GETFD) >= 0;
}

/* The pipe behind wfd works: a byte written through it comes out of r. */
static const char *pipe_works(int wfd, int r)
{
	char c = 0;
	if (write(wfd, "z", 1) != 1 || read(r, &c, 1) != 1 || c != 'z')
		return "no";
	return "yes";
}

static void rights(int type)
{
	int sv[2], p[2];
	const char *name = type == SOCK_STREAM ? "stream" :
			   type == SOCK_DGRAM ? "dgram" : "seqpacket";
	printf("-- SCM_RIGHTS over a %s socketpair\n", name);
	socketpair(AF_UNIX, type, 0, sv);
	pipe(p);
	int lowest = dup(0);
	close(lowest);
	printf("send a pipe's write end: %s\n", E(send_fds(sv[0], "A", 1, &p[1], 1)));
	struct got g = recv_fds(sv[1], 64, 1, 0);
	print_got("recvmsg", &g);
	printf("cmsgs %d; the fd is the lowest free %s; it works %s; FD_CLOEXEC %d\n",
	       g.ncmsg, yesno(g.nfds == 1 && g.fds[0] == lowest),
	       g.nfds ? pipe_works(g.fds[0], p[0]) : "-", g.nfds ? fcntl(g.fds[0], F_GETFD) : -1);
	if (g.nfds)
		close(g.fds[0]);

	int three[3] = { p[1], p[0], 0 };
	send_fds(sv[0], "B", 1, three, 3);
	g = recv_fds(sv[1], 64, 3, MSG_CMSG_CLOEXEC);
	print_got("three files, MSG_CMSG_CLOEXEC", &g);
	printf("FD_CLOEXEC on each: %d %d %d\n", fcntl(g.fds[0], F_GETFD),
	       fcntl(g.fds[1], F_GETFD), fcntl(g.fds[2], F_GETFD));
	for (int i = 0; i < g.nfds; i++)
		close(g.fds[i]);

	/* room for one of three: one installed, the others closed */
	int before = dup(0);
	close(before);
	send_fds(sv[0], "C", 1, three, 3);
	g = recv_fds(sv[1], 64, 1, 0);
	print_got("three files, room for one", &g);
	printf("installed as the lowest free fd %s, the two others not: %s\n",
	       yesno(g.nfds == 1 && g.fds[0] == before),
	       yesno(!is_open(before + 1) && !is_open(before + 2)));
	if (g.nfds)
		close(g.fds[0]);
	send_fds(sv[0], "D", 1, three, 2);
	g = recv_fds(sv[1], 64, 0, 0);
	print_got("two files, room for a header only", &g);
	send_fds(sv[0], "E", 1, three, 2);
	g = recv_fds(sv[1], 64, -1, 0);
	print_got("two files, no control buffer", &g);

	/* two SCM_RIGHTS in one message arrive as one */
	union { struct cmsghdr h; char buf[2 * CMSG_SPACE(sizeof(int))]; } u;
	memset(&u, 0, sizeof(u));
	struct cmsghdr *c = &u.h;
	c->cmsg_level = SOL_SOCKET;
	c->cmsg_type = SCM_RIGHTS;
	c->cmsg_len = CMSG_LEN(sizeof(int));
	memcpy(CMSG_DATA(c), &p[0], sizeof(int));
	c = (struct cmsghdr *)(u.buf + CMSG_SPACE(sizeof(int)));
	c->cmsg_level = SOL_SOCKET;
	c->cmsg_type = SCM_RIGHTS;
	c->cmsg_len = CMSG_LEN(sizeof(int));
	memcpy(CMSG_DATA(c), &p[1], sizeof(int));
	struct iovec iov = { "F", 1 };
	struct msghdr m = { .msg_iov = &iov, .msg_iovlen = 1, .msg_control = u.buf,
			    .msg_controllen = sizeof(u.buf) };
	printf("two SCM_RIGHTS in one sendmsg: %s\n", E(xsendmsg(sv[0], &m, 0)));
	g = recv_fds(sv[1], 64, 4, 0);
	print_got("received", &g);
	printf("in %d cmsg\n", g.ncmsg);
	for (int i = 0; i < g.nfds; i++)
		close(g.fds[i]);

	/* MSG_PEEK copies the files; the read gets its own */
	send_fds(sv[0], "G", 1, &p[1], 1);
	g = recv_fds(sv[1], 64, 1, MSG_PEEK);
	print_got("peek", &g);
	struct got g2 = recv_fds(sv[1], 64, 1, 0);
	print_got("then read", &g2);
	printf("two different fds, both work: %s %s %s\n",
	       yesno(g.nfds && g2.nfds && g.fds[0] != g2.fds[0]),
	       g.nfds ? pipe_works(g.fds[0], p[0]) : "-",
	       g2.nfds ? pipe_works(g2.fds[0], p[0]) : "-");
	if (g.nfds)
		close(g.fds[0]);
	if (g2.nfds)
		close(g2.fds[0]);

	/* a socket's own descriptor, and an empty message */
	printf("send the socket itself: %s\n", E(send_fds(sv[0], "H", 1, &sv[0], 1)));
	g = recv_fds(sv[1], 64, 1, 0);
	printf("received: %d fds, a socket %s\n", g.nfds, yesno(g.nfds && (
	       { struct stat st; fstat(g.fds[0], &st) == 0 && S_ISSOCK(st.st_mode); })));
	if (g.nfds)
		close(g.fds[0]);
	printf("no bytes, one file: %s\n", E(send_fds(sv[0], "", 0, &p[1], 1)));
	g = recv_fds(sv[1], 64, 1, MSG_DONTWAIT);
	print_got("recvmsg", &g);
	if (g.nfds)
		close(g.fds[0]);
	close(sv[0]);
	close(sv[1]);
	close(p[0]);
	close(p[1]);
}

/* Files stop a stream read after the bytes they came with. */
static void stream_boundaries(void)
{
	int sv[2], p[2];
	printf("-- where files stop a stream read\n");
	socketpair(AF_UNIX, SOCK_STREAM, 0, sv);
	pipe(p);
	send_fds(sv[0], "ab", 2, &p[1], 1);
	write(sv[0], "cd", 2);
	struct got g = recv_fds(sv[1], 64, 1, 0);
	print_got("\"ab\" with a file, then \"cd\": read", &g);
	if (g.nfds)
		close(g.fds[0]);
	g = recv_fds(sv[1], 64, 1, 0);
	print_got("read again", &g);
	write(sv[0], "ef", 2);
	send_fds(sv[0], "gh", 2, &p[1], 1);
	write(sv[0], "ij", 2);
	g = recv_fds(sv[1], 64, 1, 0);
	print_got("\"ef\", \"gh\" with a file, \"ij\": read", &g);
	if (g.nfds)
		close(g.fds[0]);
	g = recv_fds(sv[1], 1, 1, 0);
	print_got("read 1", &g);
	send_fds(sv[0], "kl", 2, &p[1], 1);
	g = recv_fds(sv[1], 1, 1, 0);
	print_got("\"kl\" with a file: read 1", &g);
	if (g.nfds)
		close(g.fds[0]);
	g = recv_fds(sv[1], 64, 1, 0);
	print_got("read the rest", &g);
	/* a big write with files: only its first piece carries them */
	static char big[100000];
	memset(big, 'q', sizeof(big));
	pid_t pid = fork();
	if (pid == 0) {
		send_fds(sv[0], big, sizeof(big), &p[1], 1);
		_exit(0);
	}
	long total = 0;
	int nfds = 0;
	while (total < (long)sizeof(big)) {
		g = recv_fds(sv[1], 64, 1, 0);
		if (g.r <= 0)
			break;
		total += g.r;
		nfds += g.nfds;
		for (int i = 0; i < g.nfds; i++)
			close(g.fds[i]);
	}
	waitpid(pid, NULL, 0);
	printf("100000 bytes with one file: %ld read, %d file\n", total, nfds);
	close(sv[0]);
	close(sv[1]);
	close(p[0]);
	close(p[1]);
}

static void bad_control(void)
{
	int sv[2];
	printf("-- bad control data\n");
	socketpair(AF_UNIX, SOCK_DGRAM, 0, sv);
	int bad = 999;
	printf("a closed fd: %s\n", E(send_fds(sv[0], "x", 1, &bad, 1)));
	int many[254];
	for (int i = 0; i < 254; i++)
		many[i] = sv[0];
	printf("254 fds: %s\n", E(send_fds(sv[0], "x", 1, many, 254)));
	printf("253 fds: %s\n", E(send_fds(sv[0], "x", 1, many, 253)));
	struct got g = recv_fds(sv[1], 64, 8, 0);
	print_got("received", &g);
	for (int i = 0; i < g.nfds; i++)
		close(g.fds[i]);

	union { struct cmsghdr h; char buf[64]; } u;
	struct iovec iov = { "x", 1 };
	struct msghdr m = { .msg_iov = &iov, .msg_iovlen = 1, .msg_control = u.buf };
	memset(&u, 0, sizeof(u));
	u.h.cmsg_level = SOL_SOCKET;
	u.h.cmsg_type = SCM_RIGHTS;
	u.h.cmsg_len = sizeof(struct cmsghdr) - 1;
	m.msg_controllen = CMSG_SPACE(sizeof(int));
	printf("cmsg_len short of a header: %s\n", E(xsendmsg(sv[0], &m, 0)));
	u.h.cmsg_len = CMSG_LEN(sizeof(int)) + 8;
	printf("cmsg_len past msg_controllen: %s\n", E(xsendmsg(sv[0], &m, 0)));
	u.h.cmsg_len = CMSG_LEN(sizeof(int));
	u.h.cmsg_type = 99;
	printf("unknown SOL_SOCKET type: %s\n", E(xsendmsg(sv[0], &m, 0)));
	u.h.cmsg_level = 6;
	printf("another level (ignored): %s\n", E(xsendmsg(sv[0], &m, 0)));
	m.msg_controllen = 8;
	printf("msg_controllen 8: %s\n", E(xsendmsg(sv[0], &m, 0)));
	m.msg_controllen = 16;
	m.msg_control = (void *)8;
	printf("bad msg_control pointer: %s\n", E(xsendmsg(sv[0], &m, 0)));
	m.msg_control = u.buf;
	m.msg_controllen = 200000;
	printf("msg_controllen 200000: %s\n", E(xsendmsg(sv[0], &m, 0)));
	u.h.cmsg_level = SOL_SOCKET;
	u.h.cmsg_type = SCM_RIGHTS;
	u.h.cmsg_len = CMSG_LEN(0);
	m.msg_controllen = CMSG_SPACE(0);
	printf("SCM_RIGHTS with no fds: %s\n", E(xsendmsg(sv[0], &m, 0)));
	while ((g = recv_fds(sv[1], 64, 1, MSG_DONTWAIT)).r >= 0)
		print_got("queued", &g);
	close(sv[0]);
	close(sv[1]);
}

/* A socket whose only reference is in its own queue is collected. */
static void garbage(void)
{
	int sv[2], p[2];
	printf("-- garbage\n");
	socketpair(AF_UNIX, SOCK_STREAM, 0, sv);
	pipe(p);
	int both[2] = { sv[1], p[1] };
	send_fds(sv[0], "g", 1, both, 2);	/* into sv[1]'s own queue */
	close(sv[0]);
	close(sv[1]);
	close(p[1]);
	close(socket(AF_UNIX, SOCK_STREAM, 0));	/* a release runs the collector */
	struct pollfd pf = { p[0], POLLIN, 0 };
	int n = poll(&pf, 1, 10000);
	printf("a socket sent through itself, closed: the pipe it carried %s\n",
	       n == 1 ? events(pf.revents) : "still open");
	close(p[0]);

	/* a cycle of two connections */
	int a[2], b[2];
	socketpair(AF_UNIX, SOCK_STREAM, 0, a);
	socketpair(AF_UNIX, SOCK_DGRAM, 0, b);
	pipe(p);
	int x[2] = { b[1], p[1] };
	send_fds(a[0], "1", 1, x, 2);		/* b[1] and the pipe wait in a[1] */
	send_fds(b[0], "2", 1, &a[1], 1);	/* a[1] waits in b[1] */
	close(a[0]);
	close(a[1]);
	close(b[0]);
	close(b[1]);
	close(p[1]);
	close(socket(AF_UNIX, SOCK_STREAM, 0));
	pf.fd = p[0];
	n = poll(&pf, 1, 10000);
	printf("two sockets holding each other: the pipe %s\n",
	       n == 1 ? events(pf.revents) : "still open");
	close(p[0]);

	/* reachable from outside: nothing is collected */
	socketpair(AF_UNIX, SOCK_STREAM, 0, a);
	pipe(p);
	send_fds(a[0], "k", 1, &p[1], 1);
	close(p[1]);
	int other = socket(AF_UNIX, SOCK_STREAM, 0);
	close(other);				/* a release runs the collector */
	pf.fd = p[0];
	n = poll(&pf, 1, 200);
	printf("still reachable: the pipe %s\n", n == 0 ? "open" : events(pf.revents));
	struct got g = recv_fds(a[1], 64, 1, 0);
	print_got("its message", &g);
	if (g.nfds)
		close(g.fds[0]);
	close(a[0]);
	close(a[1]);
	close(p[0]);
}

static void credentials(void)
{
	int sv[2], on = 1;
	printf("-- SO_PASSCRED and SCM_CREDENTIALS\n");
	socketpair(AF_UNIX, SOCK_DGRAM, 0, sv);
	write(sv[0], "plain", 5);
	setsockopt(sv[1], SOL_SOCKET, SO_PASSCRED, &on, sizeof(on));
	struct got g = recv_fds(sv[1], 64, 3, 0);
	print_got("sent before SO_PASSCRED", &g);
	printf("credentials (room for them): pid %d uid %d gid %d\n", g.cred.pid, (int)g.cred.uid,
	       (int)g.cred.gid);
	write(sv[0], "plain", 5);
	g = recv_fds(sv[1], 64, 3, 0);
	print_got("a plain write after", &g);
	printf("credentials: pid ours %s, uid %d, gid %d\n", yesno(g.cred.pid == getpid()),
	       (int)g.cred.uid, (int)g.cred.gid);
	write(sv[0], "plain", 5);
	g = recv_fds(sv[1], 64, -1, 0);
	print_got("no control buffer", &g);

	union { struct cmsghdr h; char buf[CMSG_SPACE(sizeof(struct ucred))]; } u;
	memset(&u, 0, sizeof(u));
	struct iovec iov = { "cred", 4 };
	struct msghdr m = { .msg_iov = &iov, .msg_iovlen = 1, .msg_control = u.buf,
			    .msg_controllen = sizeof(u.buf) };
	struct ucred cr = { getpid(), 0, 0 };
	u.h.cmsg_level = SOL_SOCKET;
	u.h.cmsg_type = SCM_CREDENTIALS;
	u.h.cmsg_len = CMSG_LEN(sizeof(cr));
	memcpy(CMSG_DATA(&u.h), &cr, sizeof(cr));
	printf("SCM_CREDENTIALS, our own: %s\n", E(xsendmsg(sv[0], &m, 0)));
	g = recv_fds(sv[1], 64, 3, 0);
	printf("received: pid ours %s\n", yesno(g.cred.pid == getpid()));
	cr.pid = 1;
	memcpy(CMSG_DATA(&u.h), &cr, sizeof(cr));
	printf("SCM_CREDENTIALS, pid 1 (root may): %s\n", E(xsendmsg(sv[0], &m, 0)));
	g = recv_fds(sv[1], 64, 3, 0);
	printf("received: pid %d\n", g.cred.pid);
	cr.pid = 0x3fffff00;
	memcpy(CMSG_DATA(&u.h), &cr, sizeof(cr));
	printf("SCM_CREDENTIALS, no such pid: %s\n", E(xsendmsg(sv[0], &m, 0)));
	cr.pid = getpid();
	cr.uid = -1;
	memcpy(CMSG_DATA(&u.h), &cr, sizeof(cr));
	printf("SCM_CREDENTIALS, uid -1: %s\n", E(xsendmsg(sv[0], &m, 0)));
	u.h.cmsg_len = CMSG_LEN(sizeof(cr)) - 4;
	printf("SCM_CREDENTIALS, short: %s\n", E(xsendmsg(sv[0], &m, 0)));
	u.h.cmsg_len = CMSG_LEN(sizeof(cr));

	/* another user may claim only its own ids and pid */
	pid_t pid = fork();
	if (pid == 0) {
		if (setgid(1000) < 0 || setuid(1000) < 0)
			_exit(3);
		struct ucred mine = { getpid(), 1000, 1000 }, c = mine;
		memcpy(CMSG_DATA(&u.h), &c, sizeof(c));
		printf("uid 1000, SCM_CREDENTIALS its own: %s\n", E(xsendmsg(sv[0], &m, 0)));
		c.uid = 0;
		memcpy(CMSG_DATA(&u.h), &c, sizeof(c));
		printf("uid 1000 claims uid 0: %s\n", E(xsendmsg(sv[0], &m, 0)));
		c = mine;
		c.pid = getppid();
		memcpy(CMSG_DATA(&u.h), &c, sizeof(c));
		printf("uid 1000 claims another pid: %s\n", E(xsendmsg(sv[0], &m, 0)));
		write(sv[0], "plain", 5);
		_exit(0);
	}
	waitpid(pid, NULL, 0);
	g = recv_fds(sv[1], 64, 3, 0);
	printf("received: pid the child's %s, uid %d, gid %d\n", yesno(g.cred.pid == pid),
	       (int)g.cred.uid, (int)g.cred.gid);
	g = recv_fds(sv[1], 64, 3, 0);
	printf("its plain write: pid the child's %s, uid %d, gid %d\n",
	       yesno(g.cred.pid == pid), (int)g.cred.uid, (int)g.cred.gid);
	close(sv[0]);
	close(sv[1]);

	/* a stream with SO_PASSCRED: a read stops where the sender changes */
	socketpair(AF_UNIX, SOCK_STREAM, 0, sv);
	setsockopt(sv[1], SOL_SOCKET, SO_PASSCRED, &on, sizeof(on));
	write(sv[0], "parent", 6);
	pid = fork();
	if (pid == 0) {
		write(sv[0], "child", 5);
		_exit(0);
	}
	waitpid(pid, NULL, 0);
	write(sv[0], "again", 5);
	g = recv_fds(sv[1], 64, 3, 0);
	print_got("stream read with SO_PASSCRED", &g);
	printf("from us: %s\n", yesno(g.cred.pid == getpid()));
	g = recv_fds(sv[1], 64, 3, 0);
	print_got("next read", &g);
	printf("from the child: %s\n", yesno(g.cred.pid == pid));
	g = recv_fds(sv[1], 64, 3, 0);
	print_got("next read", &g);
	close(sv[0]);
	close(sv[1]);
}

int main(void)
{
	setvbuf(stdout, NULL, _IONBF, 0);
	signal(SIGPIPE, SIG_IGN);
	rights(SOCK_STREAM);
	rights(SOCK_DGRAM);
	rights(SOCK_SEQPACKET);
	stream_boundaries();
	bad_control();
	garbage();
	credentials();
	printf("%s\n", failed ? "some checks FAILED" : "unix_scm: done");
	return failed ? 1 : 0;
}
