/*
 * echoload - many concurrent connections to an echo server, every byte
 * checked.
 *
 *   echoload [-h HOST] [-p PORT] [-c CONNS] [-b MAXBYTES] [-s SEED] [-t SECS] [-i]
 *     -h HOST     server address, dotted IPv4 (default 127.0.0.1)
 *     -p PORT     server port (default 7)
 *     -c CONNS    connections held open at once (default 100)
 *     -b MAXBYTES each connection sends between 1 and MAXBYTES bytes
 *                 (default 65536; sizes are drawn from SEED)
 *     -s SEED     seed for the sizes and the bytes (default 1)
 *     -t SECS     give up when nothing moves for this long (default 30)
 *     -i          idle: once all are open, hold them without a byte until
 *                 standard input ends (EOF), then go on as usual
 *
 * All CONNS connections are opened first, one after another (see
 * dial), then every one of them sends the rest of its bytes and reads
 * the echo at the same time, driven by one epoll set.  The bytes are a
 * function of (connection, offset), so the echo is checked as it
 * arrives without keeping a copy.  Prints one line and exits 0 when
 * every byte came back in order; otherwise says which connection went
 * wrong, and where, and exits 1.
 *
 * With -i, the line "echoload: N connections open and idle" (stdout,
 * flushed) says when all of them are open; each has had its first byte
 * echoed by dial and is silent from then on (tools/bench reads what
 * they cost the server meanwhile).  When our stdin ends, the rest goes
 * on as without -i: the echo proves the server still held every one.
 *
 * Used from the host against echod in the guest (through a forward) and
 * inside the guest over 127.0.0.1.  Plain C on musl, like the servers.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <fcntl.h>
#include <stdint.h>
#include <sys/epoll.h>

#include "lib/net.h"

#define CHUNK 65536

struct client {
	int fd;
	size_t size;		/* bytes to send, and to get back */
	size_t sent, got;
	int sending;		/* EPOLLOUT still registered */
};

static unsigned seed = 1;

/* The byte at offset off of connection i: a cheap mix of both, so that
 * a byte delivered to the wrong connection or offset is caught. */
static unsigned char byte_at(size_t i, size_t off)
{
	uint32_t x = (uint32_t)off * 2654435761u ^ (uint32_t)i * 40503u ^ seed;

	x ^= x >> 15;
	x *= 2246822519u;
	return (unsigned char)(x >> 13);
}

static size_t size_of(size_t i, size_t max)
{
	uint32_t x = (uint32_t)i * 2654435761u + seed * 97u;

	x ^= x >> 13;
	x *= 3266489917u;
	x ^= x >> 16;
	return 1 + x % max;
}

/*
 * Connect, then send the first byte and wait for its echo before the
 * next connection is opened.  The round trip proves the server has the
 * connection; without it, a burst of connects overflows the listen
 * queue of QEMU's host forwarding (a backlog of one, accepted slowly):
 * every other SYN is dropped and retried a second later.
 */
static int dial(const struct sockaddr_in *sin, size_t i)
{
	struct timeval tv = { .tv_sec = 10 };
	unsigned char out = byte_at(i, 0), back;
	int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);

	if (fd < 0)
		die("echoload: socket");
	if (connect(fd, (const struct sockaddr *)sin, sizeof(*sin)) < 0)
		die("echoload: connect");
	setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
	if (send(fd, &out, 1, MSG_NOSIGNAL) != 1 || read(fd, &back, 1) != 1 ||
	    back != out) {
		fprintf(stderr, "echoload: connection %zu: no echo of its first byte\n", i);
		exit(1);
	}
	if (fcntl(fd, F_SETFL, O_NONBLOCK) < 0)
		die("echoload: fcntl");
	return fd;
}

static void send_some(struct client *c, size_t i, int epfd)
{
	static unsigned char buf[CHUNK];
	size_t n = c->size - c->sent < CHUNK ? c->size - c->sent : CHUNK;

	for (size_t k = 0; k < n; k++)
		buf[k] = byte_at(i, c->sent + k);
	ssize_t w = send(c->fd, buf, n, MSG_NOSIGNAL);
	if (w < 0 && errno != EAGAIN) {
		fprintf(stderr, "echoload: connection %zu: send: %s\n", i, strerror(errno));
		exit(1);
	}
	if (w > 0)
		c->sent += (size_t)w;
	if (c->sent == c->size && c->sending) {
		struct epoll_event e = { .events = EPOLLIN, .data.u64 = i };
		if (epoll_ctl(epfd, EPOLL_CTL_MOD, c->fd, &e) < 0)
			die("echoload: epoll_ctl MOD");
		c->sending = 0;
	}
}

/* Read what has come back and check it; returns 1 once all of it has. */
static int receive_some(struct client *c, size_t i)
{
	static unsigned char buf[CHUNK];
	ssize_t r = read(c->fd, buf, sizeof(buf));

	if (r < 0 && errno == EAGAIN)
		return 0;
	if (r <= 0) {
		fprintf(stderr, "echoload: connection %zu: %s after %zu of %zu bytes\n",
			i, r ? strerror(errno) : "end of file", c->got, c->size);
		exit(1);
	}
	for (ssize_t k = 0; k < r; k++) {
		if (c->got + (size_t)k >= c->size ||
		    buf[k] != byte_at(i, c->got + (size_t)k)) {
			fprintf(stderr, "echoload: connection %zu: wrong byte at offset %zu\n",
				i, c->got + (size_t)k);
			exit(1);
		}
	}
	c->got += (size_t)r;
	return c->got == c->size;
}

/* Where the unfinished connections stand, for whoever debugs a stall. */
static void report_stuck(const struct client *cl, long conns)
{
	long unsent = 0, unechoed = 0, shown = 0;

	for (long i = 0; i < conns; i++) {
		const struct client *c = &cl[i];
		if (c->got == c->size)
			continue;
		if (c->sent < c->size)
			unsent++;
		else
			unechoed++;
		if (shown++ < 5)
			fprintf(stderr, "echoload: connection %ld: sent %zu, got %zu of %zu\n",
				i, c->sent, c->got, c->size);
	}
	fprintf(stderr, "echoload: %ld still sending, %ld waiting for their echo\n",
		unsent, unechoed);
}

/* -i: say that all conns are open, then wait for the end of stdin. */
static void hold_idle(long conns, long long open_ms)
{
	char c;
	ssize_t r;

	printf("echoload: %ld connections open and idle (opened in %.1f s)\n",
	       conns, (double)open_ms / 1000);
	fflush(stdout);
	while ((r = read(0, &c, 1)) != 0)
		if (r < 0 && errno != EINTR)
			die("echoload: read stdin");
}

static void usage(void)
{
	fprintf(stderr, "usage: echoload [-h HOST] [-p PORT] [-c CONNS] [-b MAXBYTES] "
		"[-s SEED] [-t SECS] [-i]\n");
	exit(2);
}

int main(int argc, char **argv)
{
	const char *host = "127.0.0.1";
	int port = 7, opt;
	long conns = 100, maxbytes = 65536, idle_secs = 30;
	int hold = 0;
	struct sockaddr_in sin = { .sin_family = AF_INET };

	while ((opt = getopt(argc, argv, "h:p:c:b:s:t:i")) != -1) {
		switch (opt) {
		case 'h': host = optarg; break;
		case 'p': port = parse_port("echoload", optarg); break;
		case 'c': conns = atol(optarg); break;
		case 'b': maxbytes = atol(optarg); break;
		case 's': seed = (unsigned)atol(optarg); break;
		case 't': idle_secs = atol(optarg); break;
		case 'i': hold = 1; break;
		default: usage();
		}
	}
	if (optind != argc || conns < 1 || maxbytes < 1 || idle_secs < 1)
		usage();
	sin.sin_port = htons((unsigned short)port);
	if (inet_pton(AF_INET, host, &sin.sin_addr) != 1) {
		fprintf(stderr, "echoload: bad address '%s'\n", host);
		return 2;
	}
	if (raise_nofile(conns + 16) < conns + 8) {
		fprintf(stderr, "echoload: cannot open %ld descriptors\n", conns);
		return 2;
	}
	struct client *cl = calloc((size_t)conns, sizeof(*cl));
	int epfd = epoll_create1(EPOLL_CLOEXEC);
	if (!cl || epfd < 0)
		die("echoload: setup");
	unsigned long long total = 0;
	long long start = now_ms();
	for (long i = 0; i < conns; i++) {
		size_t size = size_of((size_t)i, (size_t)maxbytes);
		cl[i] = (struct client){ .fd = dial(&sin, (size_t)i), .size = size,
					 .sent = 1, .got = 1, .sending = size > 1 };
		total += cl[i].size;
		if (hold && (i + 1) % 1000 == 0 && i + 1 < conns)
			fprintf(stderr, "echoload: %ld open after %.1f s\n", i + 1,
				(double)(now_ms() - start) / 1000);
	}
	if (hold)
		hold_idle(conns, now_ms() - start);
	long done = 0;
	for (long i = 0; i < conns; i++) {
		if (cl[i].size == 1) {		/* its one byte came back in dial */
			done++;
			continue;
		}
		struct epoll_event e = { .events = EPOLLIN | (cl[i].sending ? EPOLLOUT : 0),
					 .data.u64 = (uint64_t)i };
		if (epoll_ctl(epfd, EPOLL_CTL_ADD, cl[i].fd, &e) < 0)
			die("echoload: epoll_ctl ADD");
	}

	long long last_move = now_ms();
	while (done < conns) {
		struct epoll_event ev[64];
		int n = epoll_wait(epfd, ev, 64, 1000);
		if (n < 0 && errno != EINTR)
			die("echoload: epoll_wait");
		if (n <= 0 && now_ms() - last_move > idle_secs * 1000) {
			fprintf(stderr, "echoload: nothing moved for %ld s; %ld of %ld "
				"connections done\n", idle_secs, done, conns);
			report_stuck(cl, conns);
			return 1;
		}
		for (int k = 0; k < n; k++) {
			size_t i = (size_t)ev[k].data.u64;
			struct client *c = &cl[i];
			last_move = now_ms();
			if ((ev[k].events & EPOLLOUT) && c->sent < c->size)
				send_some(c, i, epfd);
			if ((ev[k].events & (EPOLLIN | EPOLLHUP | EPOLLERR)) &&
			    receive_some(c, i)) {
				close(c->fd);	/* also leaves the epoll set */
				done++;
			}
		}
	}
	printf("echoload: %ld connections, %llu bytes echoed, every byte checked\n",
	       conns, total);
	return 0;
}
