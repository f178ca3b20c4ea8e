/* tcp_keepalive: SO_KEEPALIVE and TCP_KEEPIDLE/TCP_KEEPINTVL/TCP_KEEPCNT,
 * checked against Linux.  The defaults (the sysctls' 7200, 75, 9), the
 * ranges (1..32767, 1..32767, 1..127) and EINVAL outside them, a short
 * optlen, EFAULT, what getsockopt reads back (a short buffer too), the
 * IPPROTO_TCP level on a UDP socket, a listener's values inherited by
 * the connection accept() returns.  Then the timer itself, as
 * /proc/net/tcp shows it (tr 2, tm->when): due within TCP_KEEPIDLE of
 * an idle connection, whichever of SO_KEEPALIVE and TCP_KEEPIDLE comes
 * first; and with 1 s, 1 s, 2 probes a connection left idle for 3.5 s
 * is still alive (the probes were answered, the timer stays within a
 * second). */
#define _GNU_SOURCE
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <arpa/inet.h>
#include "check.h"
#include "errname.h"
#include "inet_common.h"

#define PORT_BASE	25100

static int getint(int fd, int level, int name)
{
	int v = -12345;
	socklen_t len = sizeof(v);

	if (getsockopt(fd, level, name, &v, &len) < 0)
		return -errno * 1000;
	return v;
}

static long setint(int fd, int level, int name, int v)
{
	return ERR(setsockopt(fd, level, name, &v, sizeof(v)));
}

static const struct { int name, max; const char *what; } opts[] = {
	{ TCP_KEEPIDLE, 32767, "TCP_KEEPIDLE" },
	{ TCP_KEEPINTVL, 32767, "TCP_KEEPINTVL" },
	{ TCP_KEEPCNT, 127, "TCP_KEEPCNT" },
};

static void test_values(void)
{
	int fd = socket(AF_INET, SOCK_STREAM, 0);
	char what[80];

	report(1, "defaults: SO_KEEPALIVE %d, TCP_KEEPIDLE %d, TCP_KEEPINTVL %d, TCP_KEEPCNT %d",
	       getint(fd, SOL_SOCKET, SO_KEEPALIVE), getint(fd, IPPROTO_TCP, TCP_KEEPIDLE),
	       getint(fd, IPPROTO_TCP, TCP_KEEPINTVL), getint(fd, IPPROTO_TCP, TCP_KEEPCNT));
	for (unsigned i = 0; i < sizeof(opts) / sizeof(opts[0]); i++) {
		static const int bad[] = { 0, -1, -2147483647 - 1 };
		for (unsigned j = 0; j < sizeof(bad) / sizeof(bad[0]); j++) {
			snprintf(what, sizeof(what), "%s %d", opts[i].what, bad[j]);
			expect_errno(what, setint(fd, IPPROTO_TCP, opts[i].name, bad[j]), EINVAL);
		}
		snprintf(what, sizeof(what), "%s %d", opts[i].what, opts[i].max + 1);
		expect_errno(what, setint(fd, IPPROTO_TCP, opts[i].name, opts[i].max + 1), EINVAL);
		int vals[] = { 1, opts[i].max, 17 };
		for (unsigned j = 0; j < 3; j++) {
			long r = setint(fd, IPPROTO_TCP, opts[i].name, vals[j]);
			int got = getint(fd, IPPROTO_TCP, opts[i].name);
			report(r == 0 && got == vals[j], "%s %d: set %s, reads back %d", opts[i].what,
			       vals[j], err(r), got);
		}
		snprintf(what, sizeof(what), "%s with optlen 2", opts[i].what);
		int v = 5;
		expect_errno(what, ERR(setsockopt(fd, IPPROTO_TCP, opts[i].name, &v, 2)), EINVAL);
		snprintf(what, sizeof(what), "%s from a bad pointer", opts[i].what);
		expect_errno(what, ERR(setsockopt(fd, IPPROTO_TCP, opts[i].name, (void *)16, 4)), EFAULT);
		snprintf(what, sizeof(what), "%s with optlen 8", opts[i].what);
		long long big = 9;
		expect_value(what, ERR(setsockopt(fd, IPPROTO_TCP, opts[i].name, &big, 8)), 0);
		report(getint(fd, IPPROTO_TCP, opts[i].name) == 9, "%s reads back %d", opts[i].what,
		       getint(fd, IPPROTO_TCP, opts[i].name));
	}
	/* A 2-byte buffer gets the low half, and the length says 2. */
	unsigned char two[4] = { 0xaa, 0xaa, 0xaa, 0xaa };
	socklen_t len = 2;
	setint(fd, IPPROTO_TCP, TCP_KEEPIDLE, 0x1234);
	long r = ERR(getsockopt(fd, IPPROTO_TCP, TCP_KEEPIDLE, two, &len));
	report(r == 0 && len == 2 && two[0] == 0x34 && two[1] == 0x12 && two[2] == 0xaa,
	       "TCP_KEEPIDLE into 2 bytes: %s, len %u, %02x %02x %02x", err(r), (unsigned)len,
	       two[0], two[1], two[2]);
	len = 4;
	expect_errno("getsockopt TCP_KEEPIDLE into a bad pointer",
		     ERR(getsockopt(fd, IPPROTO_TCP, TCP_KEEPIDLE, (void *)16, &len)), EFAULT);

	/* SO_KEEPALIVE is a boolean: 5 reads back as 1. */
	setint(fd, SOL_SOCKET, SO_KEEPALIVE, 5);
	report(getint(fd, SOL_SOCKET, SO_KEEPALIVE) == 1, "SO_KEEPALIVE 5 reads back %d",
	       getint(fd, SOL_SOCKET, SO_KEEPALIVE));
	setint(fd, SOL_SOCKET, SO_KEEPALIVE, 0);
	report(getint(fd, SOL_SOCKET, SO_KEEPALIVE) == 0, "SO_KEEPALIVE 0 reads back %d",
	       getint(fd, SOL_SOCKET, SO_KEEPALIVE));
	close(fd);

	/* The TCP level on a UDP socket. */
	fd = socket(AF_INET, SOCK_DGRAM, 0);
	expect_errno("UDP: set TCP_KEEPIDLE", setint(fd, IPPROTO_TCP, TCP_KEEPIDLE, 10), ENOPROTOOPT);
	int g = getint(fd, IPPROTO_TCP, TCP_KEEPIDLE);
	report(g < 0, "UDP: get TCP_KEEPIDLE: %s", errname(-g / 1000));
	expect_value("UDP: set SO_KEEPALIVE", setint(fd, SOL_SOCKET, SO_KEEPALIVE, 1), 0);
	report(getint(fd, SOL_SOCKET, SO_KEEPALIVE) == 1, "UDP: SO_KEEPALIVE reads back %d",
	       getint(fd, SOL_SOCKET, SO_KEEPALIVE));
	close(fd);
}

static int listener(int port)
{
	struct sockaddr_in a = addr_of(port);
	int l = socket(AF_INET, SOCK_STREAM, 0), one = 1;

	setsockopt(l, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
	if (bind(l, (struct sockaddr *)&a, sizeof(a)) || listen(l, 4)) {
		printf("listen %d: %s\n", port, strerror(errno));
		exit(1);
	}
	return l;
}

static int connect_to(int port)
{
	struct sockaddr_in a = addr_of(port);
	int c = socket(AF_INET, SOCK_STREAM, 0);

	if (connect(c, (struct sockaddr *)&a, sizeof(a))) {
		printf("connect %d: %s\n", port, strerror(errno));
		exit(1);
	}
	return c;
}

static void test_inherit(void)
{
	int l = listener(PORT_BASE);

	setint(l, SOL_SOCKET, SO_KEEPALIVE, 1);
	setint(l, IPPROTO_TCP, TCP_KEEPIDLE, 100);
	setint(l, IPPROTO_TCP, TCP_KEEPINTVL, 10);
	setint(l, IPPROTO_TCP, TCP_KEEPCNT, 3);
	int c = connect_to(PORT_BASE), a = accept(l, NULL, NULL);
	report(1, "accepted from a listener with 1, 100, 10, 3: %d, %d, %d, %d",
	       getint(a, SOL_SOCKET, SO_KEEPALIVE), getint(a, IPPROTO_TCP, TCP_KEEPIDLE),
	       getint(a, IPPROTO_TCP, TCP_KEEPINTVL), getint(a, IPPROTO_TCP, TCP_KEEPCNT));
	report(1, "the connecting side keeps the defaults: %d, %d, %d, %d",
	       getint(c, SOL_SOCKET, SO_KEEPALIVE), getint(c, IPPROTO_TCP, TCP_KEEPIDLE),
	       getint(c, IPPROTO_TCP, TCP_KEEPINTVL), getint(c, IPPROTO_TCP, TCP_KEEPCNT));
	close(a);
	close(c);
	close(l);
}

/* The tr and tm->when (in 1/100 s) of the established connection whose
 * local port is port, from /proc/net/tcp; tr -1 if it is not there. */
static int keepalive_timer(int port, unsigned long *when)
{
	char line[256], want[32];
	FILE *f = fopen("/proc/net/tcp", "r");
	int tr = -1;

	snprintf(want, sizeof(want), "0100007F:%04X ", port);
	if (!f)
		return -1;
	while (fgets(line, sizeof(line), f)) {
		char *p = strchr(line, ':');
		unsigned st;
		if (!p || strncmp(p + 2, want, strlen(want)))
			continue;
		if (sscanf(p + 2 + strlen(want) + 14, "%x %*x:%*x %x:%lx", &st, &tr, when) != 3 ||
		    st != 1)
			tr = -1;
		else
			break;
	}
	fclose(f);
	return tr;
}

static int local_port(int fd)
{
	struct sockaddr_in a;
	socklen_t len = sizeof(a);

	getsockname(fd, (struct sockaddr *)&a, &len);
	return ntohs(a.sin_port);
}

static void test_timer(void)
{
	int l = listener(PORT_BASE + 1);
	int c = connect_to(PORT_BASE + 1), a = accept(l, NULL, NULL);
	int port = local_port(c);
	unsigned long when = 0;

	usleep(100000);
	int tr = keepalive_timer(port, &when);
	report(tr == 0, "no keepalive: tr %d", tr);
	setint(c, IPPROTO_TCP, TCP_KEEPIDLE, 100);
	setint(c, SOL_SOCKET, SO_KEEPALIVE, 1);
	tr = keepalive_timer(port, &when);
	report(tr == 2 && when > 9000 && when <= 10000,
	       "TCP_KEEPIDLE 100 then SO_KEEPALIVE: tr %d, due in 90 to 100 s: %s", tr,
	       yesno(when > 9000 && when <= 10000));
	setint(c, IPPROTO_TCP, TCP_KEEPIDLE, 50);
	tr = keepalive_timer(port, &when);
	report(tr == 2 && when > 4000 && when <= 5000,
	       "TCP_KEEPIDLE 50 with SO_KEEPALIVE on: tr %d, due in 40 to 50 s: %s", tr,
	       yesno(when > 4000 && when <= 5000));
	setint(c, SOL_SOCKET, SO_KEEPALIVE, 0);
	tr = keepalive_timer(port, &when);
	report(tr == 0, "SO_KEEPALIVE off again: tr %d", tr);

	/* Probes every second after a second: answered, so the connection
	 * lives past the 1 + 2 * 1 s that unanswered ones would allow. */
	setint(c, IPPROTO_TCP, TCP_KEEPIDLE, 1);
	setint(c, IPPROTO_TCP, TCP_KEEPINTVL, 1);
	setint(c, IPPROTO_TCP, TCP_KEEPCNT, 2);
	setint(c, SOL_SOCKET, SO_KEEPALIVE, 1);
	usleep(3500000);
	tr = keepalive_timer(port, &when);
	report(tr == 2 && when <= 100, "idle 3.5 s with 1, 1, 2: tr %d, due within 1 s: %s", tr,
	       yesno(when <= 100));
	char b = 0;
	long w = write(c, "k", 1), rd = read(a, &b, 1);
	report(w == 1 && rd == 1 && b == 'k', "still connected: write %s, read %s", err(w), err(rd));
	report(getint(c, SOL_SOCKET, SO_ERROR) == 0, "SO_ERROR %d", getint(c, SOL_SOCKET, SO_ERROR));
	close(a);
	close(c);
	close(l);
}

int main(void)
{
	test_values();
	test_inherit();
	test_timer();
	printf("tcp_keepalive: %s\n", failed ? "FAILED" : "all passed");
	return failed != 0;
}
