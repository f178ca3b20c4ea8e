/* tcp_buffers: SO_SNDBUF and SO_RCVBUF as Linux means them, and
 * /proc/sys/net's sizes behind them, checked against Linux.
 *
 * The values: a new TCP socket starts with tcp_wmem[1] and tcp_rmem[1],
 * a UDP one with wmem_default and rmem_default (each read from
 * /proc/sys, which the host may have tuned); setsockopt doubles what it
 * is given, holds it to wmem_max/rmem_max (a negative value counts as
 * huge), raises it to the floors (4608 and 2304); SO_SNDBUFFORCE passes
 * the ceiling (root); an accepted socket has its listener's sizes.
 * /proc/sys: one int per file (three in tcp_wmem/tcp_rmem), the value
 * itself written back is taken, words and values below the minimum are
 * EINVAL (nothing is changed: the host's settings stay).
 *
 * What they bound, over 127.0.0.1 with a reader that does not read: a
 * sender at 8 KiB (16 KiB doubled) to a receiver at 8 KiB takes at most
 * 64 KiB before EAGAIN (send queue plus receive window), less than
 * without the options; once the receiver reads, the rest flows.  1 MiB
 * through the smallest buffers (SO_SNDBUF 1, SO_RCVBUF 1) arrives whole
 * and in order. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>
#include "check.h"
#include "inet_common.h"

#define PORT_BASE	23800	/* each part uses its own port */
#define SMALL		8192
#define BOUND		65536
#define FLOW_BYTES	(1 << 20)

/* The ints of a /proc/sys file, or -1 if it cannot be read. */
static int sysctl_read(const char *path, long *v, int max)
{
	char buf[128];
	int fd = open(path, O_RDONLY), n = 0;
	if (fd < 0)
		return -1;
	ssize_t len = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	if (len <= 0)
		return -1;
	buf[len] = 0;
	for (char *p = buf, *end; n < max; p = end) {
		long x = strtol(p, &end, 10);
		if (end == p)
			break;
		v[n++] = x;
	}
	return n;
}

static long sysctl_one(const char *path)
{
	long v = -1;
	return sysctl_read(path, &v, 1) == 1 ? v : -1;
}

/* Write text to a /proc/sys file: 0 or the errno. */
static int sysctl_write(const char *path, const char *text)
{
	int fd = open(path, O_WRONLY);
	if (fd < 0)
		return errno;
	ssize_t w = write(fd, text, strlen(text));
	int e = w < 0 ? errno : 0;
	close(fd);
	return e;
}

static int get_int(int fd, int name)
{
	int v = -1;
	socklen_t len = sizeof(v);
	if (getsockopt(fd, SOL_SOCKET, name, &v, &len) < 0)
		return -errno;
	return v;
}

static int set_int(int fd, int name, int v)
{
	return setsockopt(fd, SOL_SOCKET, name, &v, sizeof(v)) < 0 ? errno : 0;
}

static long wmem_max, rmem_max, wmem_default, rmem_default;
static long tcp_wmem[3], tcp_rmem[3];

static void test_sysctl(void)
{
	static const char *const one[] = {
		"/proc/sys/net/core/wmem_max", "/proc/sys/net/core/rmem_max",
		"/proc/sys/net/core/wmem_default", "/proc/sys/net/core/rmem_default",
	};
	long *vals[] = { &wmem_max, &rmem_max, &wmem_default, &rmem_default };
	for (int i = 0; i < 4; i++) {
		*vals[i] = sysctl_one(one[i]);
		report(*vals[i] > 0, "%s: one number", one[i]);
	}
	report(sysctl_read("/proc/sys/net/ipv4/tcp_wmem", tcp_wmem, 3) == 3 &&
	       tcp_wmem[0] <= tcp_wmem[1] && tcp_wmem[1] <= tcp_wmem[2],
	       "/proc/sys/net/ipv4/tcp_wmem: min, default, max");
	report(sysctl_read("/proc/sys/net/ipv4/tcp_rmem", tcp_rmem, 3) == 3 &&
	       tcp_rmem[0] <= tcp_rmem[1] && tcp_rmem[1] <= tcp_rmem[2],
	       "/proc/sys/net/ipv4/tcp_rmem: min, default, max");

	char text[64];
	snprintf(text, sizeof(text), "%ld\n", wmem_max);
	int e = sysctl_write(one[0], text);
	report(e == 0 && sysctl_one(one[0]) == wmem_max,
	       "wmem_max written with its own value: %s", e ? strerror(e) : "ok");
	snprintf(text, sizeof(text), "%ld\t%ld\t%ld\n", tcp_rmem[0], tcp_rmem[1], tcp_rmem[2]);
	e = sysctl_write("/proc/sys/net/ipv4/tcp_rmem", text);
	report(e == 0, "tcp_rmem written with its own three: %s", e ? strerror(e) : "ok");
	e = sysctl_write(one[0], "lots\n");
	report(e == EINVAL, "wmem_max written with a word: %s", strerror(e));
	e = sysctl_write(one[0], "1\n");
	report(e == EINVAL && sysctl_one(one[0]) == wmem_max,
	       "wmem_max written below its minimum: %s, unchanged", strerror(e));
	e = sysctl_write(one[1], "-5\n");
	report(e == EINVAL && sysctl_one(one[1]) == rmem_max,
	       "rmem_max written negative: %s, unchanged", strerror(e));
	e = sysctl_write("/proc/sys/net/ipv4/tcp_wmem", "0 0 0\n");
	report(e == EINVAL, "tcp_wmem written with zeros: %s", strerror(e));
}

static void test_values(void)
{
	int t = socket(AF_INET, SOCK_STREAM, 0), u = socket(AF_INET, SOCK_DGRAM, 0);

	report(get_int(t, SO_SNDBUF) == tcp_wmem[1], "TCP starts with tcp_wmem[1]");
	report(get_int(t, SO_RCVBUF) == tcp_rmem[1], "TCP starts with tcp_rmem[1]");
	report(get_int(u, SO_SNDBUF) == wmem_default, "UDP starts with wmem_default");
	report(get_int(u, SO_RCVBUF) == rmem_default, "UDP starts with rmem_default");

	static const int asked[] = { 10000, 4000, 2000, 1, 0 };
	for (unsigned i = 0; i < sizeof(asked) / sizeof(asked[0]); i++) {
		set_int(t, SO_SNDBUF, asked[i]);
		set_int(t, SO_RCVBUF, asked[i]);
		int s = get_int(t, SO_SNDBUF), r = get_int(t, SO_RCVBUF);
		report(s == (asked[i] * 2 > 4608 ? asked[i] * 2 : 4608) &&
		       r == (asked[i] * 2 > 2304 ? asked[i] * 2 : 2304),
		       "SO_SNDBUF and SO_RCVBUF %d read back as %d and %d",
		       asked[i], s, r);
	}
	set_int(t, SO_SNDBUF, (int)wmem_max + 1);
	set_int(t, SO_RCVBUF, (int)rmem_max + 1);
	report(get_int(t, SO_SNDBUF) == 2 * wmem_max && get_int(t, SO_RCVBUF) == 2 * rmem_max,
	       "past wmem_max and rmem_max: twice the ceiling");
	set_int(t, SO_SNDBUF, -1);
	set_int(t, SO_RCVBUF, -1);
	report(get_int(t, SO_SNDBUF) == 2 * wmem_max && get_int(t, SO_RCVBUF) == 2 * rmem_max,
	       "-1: twice the ceiling");
	set_int(u, SO_RCVBUF, 3000);
	report(get_int(u, SO_RCVBUF) == 6000, "UDP SO_RCVBUF 3000 reads back as 6000");

	int big = (int)(wmem_max < 0x10000000 ? wmem_max * 4 : 0x10000000);
	int e = set_int(t, SO_SNDBUFFORCE, big);
	report(e == 0 && get_int(t, SO_SNDBUFFORCE) < 0 && get_int(t, SO_SNDBUF) == 2 * big,
	       "SO_SNDBUFFORCE past the ceiling (root): %s", e ? strerror(e) : "ok");
	e = set_int(t, SO_RCVBUFFORCE, big);
	report(e == 0 && get_int(t, SO_RCVBUF) == 2 * big,
	       "SO_RCVBUFFORCE past the ceiling (root): %s", e ? strerror(e) : "ok");
	set_int(t, SO_SNDBUFFORCE, -1);
	set_int(t, SO_RCVBUFFORCE, -1);
	report(get_int(t, SO_SNDBUF) == 4608 && get_int(t, SO_RCVBUF) == 2304,
	       "SO_SNDBUFFORCE and SO_RCVBUFFORCE -1: the floors");
	long r = setsockopt(t, SOL_SOCKET, SO_SNDBUF, &big, 3);
	report(r < 0 && errno == EINVAL, "a 3-byte value: %s", err(r));
	r = setsockopt(t, SOL_SOCKET, SO_SNDBUF, (void *)8, sizeof(int));
	report(r < 0 && errno == EFAULT, "a bad pointer: %s", err(r));
	close(t);
	close(u);
}

/* A connected pair over 127.0.0.1: *c the connecting end, *s the
 * accepted one.  The sizes given (0: none) are set on the connecting
 * socket before connect and on the listener before listen. */
static void pair(int port, int csnd, int srcv, int *c, int *s)
{
	struct sockaddr_in a = addr_of(port);
	int one = 1, l = socket(AF_INET, SOCK_STREAM, 0);

	setsockopt(l, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
	if (srcv)
		set_int(l, SO_RCVBUF, srcv);
	if (bind(l, (struct sockaddr *)&a, sizeof(a)) < 0 || listen(l, 1) < 0) {
		printf("listener on %d: %s\n", port, strerror(errno));
		exit(1);
	}
	*c = socket(AF_INET, SOCK_STREAM, 0);
	if (csnd)
		set_int(*c, SO_SNDBUF, csnd);
	if (connect(*c, (struct sockaddr *)&a, sizeof(a)) < 0 ||
	    (*s = accept(l, NULL, NULL)) < 0) {
		printf("connect to %d: %s\n", port, strerror(errno));
		exit(1);
	}
	close(l);
}

/* Bytes a non-blocking send takes before EAGAIN, waiting a little for
 * the window to settle (ACKs in flight) before the last try. */
static long fill(int fd)
{
	static char buf[4096];
	long total = 0;

	fcntl(fd, F_SETFL, O_NONBLOCK);
	for (int quiet = 0; quiet < 3; ) {
		ssize_t n = send(fd, buf, sizeof(buf), 0);
		if (n > 0) {
			total += n;
			quiet = 0;
			continue;
		}
		if (n < 0 && errno != EAGAIN)
			return -errno;
		quiet++;
		usleep(100 * 1000);
	}
	fcntl(fd, F_SETFL, 0);
	return total;
}

static void test_bound(void)
{
	int c, s;

	pair(PORT_BASE + 1, SMALL, SMALL, &c, &s);
	report(get_int(s, SO_RCVBUF) == 2 * SMALL, "the accepted socket has the listener's SO_RCVBUF");
	long small = fill(c);
	char took[32] = "";
	if (small <= 0 || small > BOUND)	/* (only a failure says how many) */
		snprintf(took, sizeof(took), " (%ld)", small);
	report(small > 0 && small <= BOUND,
	       "8 KiB to 8 KiB: at most %d bytes before EAGAIN%s", BOUND, took);

	/* the receiver reads it all: the rest flows */
	static char buf[65536];
	long got = 0;
	while (got < small) {
		ssize_t n = recv(s, buf, sizeof(buf), 0);
		if (n <= 0)
			break;
		got += n;
	}
	report(got == small, "the receiver reads what was sent");
	long more = fill(c);
	report(more > 0, "then the sender may send again%s", more > 0 ? "" : " (no)");
	close(c);
	close(s);

	pair(PORT_BASE + 2, 0, 0, &c, &s);
	long dflt = fill(c);
	snprintf(took, sizeof(took), " (%ld)", dflt);
	report(dflt > BOUND, "without the options: more than %d bytes%s", BOUND,
	       dflt > BOUND ? "" : took);
	close(c);
	close(s);
}

/* 1 MiB through the floors, sender in a child, every byte checked. */
static void test_flow(void)
{
	int c, s;

	pair(PORT_BASE + 3, 1, 1, &c, &s);
	set_int(s, SO_SNDBUF, 1);
	set_int(c, SO_RCVBUF, 1);
	pid_t pid = fork();
	if (pid == 0) {
		close(s);
		static unsigned char out[3000];
		for (long off = 0; off < FLOW_BYTES; ) {
			size_t n = sizeof(out);
			if (n > (size_t)(FLOW_BYTES - off))
				n = FLOW_BYTES - off;
			for (size_t i = 0; i < n; i++)
				out[i] = (unsigned char)((off + i) * 7 + (off + i) / 251);
			ssize_t w = send(c, out, n, 0);
			if (w <= 0)
				_exit(1);
			off += w;
		}
		_exit(0);
	}
	close(c);
	static unsigned char in[5000];
	long off = 0;
	int bad = 0;
	for (;;) {
		ssize_t n = recv(s, in, sizeof(in), 0);
		if (n <= 0)
			break;
		for (ssize_t i = 0; i < n; i++, off++)
			if (in[i] != (unsigned char)(off * 7 + off / 251))
				bad++;
	}
	int status;
	waitpid(pid, &status, 0);
	report(off == FLOW_BYTES && !bad && WIFEXITED(status) && !WEXITSTATUS(status),
	       "1 MiB through SO_SNDBUF 1 and SO_RCVBUF 1, whole and in order");
	close(s);
}

int main(void)
{
	test_sysctl();
	test_values();
	test_bound();
	test_flow();
	printf("%s\n", failed ? "tcp_buffers: FAILED" : "tcp_buffers: all passed");
	return failed != 0;
}
