/*
 * bulkload - bulk transfers to or from bulkd, several at once, every
 * byte checked; prints the rate.
 *
 *   bulkload [-h HOST] [-p PORT] [-c CONNS] [-n BYTES] [-u] [-t SECS]
 *     -h HOST   server address, dotted IPv4 (default 127.0.0.1)
 *     -p PORT   server port (default 80)
 *     -c CONNS  parallel transfers (default 1)
 *     -n BYTES  bytes per transfer (default 64 MiB)
 *     -u        upload (PUT /sink; bulkd only counts) instead of
 *               download (GET /BYTES, checked here byte for byte)
 *     -k        with -u: PUT /check, bulkd checks every byte instead
 *     -t SECS   give up when nothing moves for this long (default 60)
 *
 * The connections are opened one after another, each waiting for the
 * server's first answer (the response header, or "100 Continue" for an
 * upload) before the next connect: a burst of connects overflows the
 * listen queue of QEMU's host forwarding (a backlog of one) and the
 * dropped SYNs come back a second later (see echoload).  The clock
 * starts when the first request goes out and stops when the last
 * transfer has ended (an upload when bulkd's answer arrives, which it
 * sends after its last byte), so the rate is all the bytes over that
 * time, in MB/s of 10^6 bytes as curl counts.  One line:
 *   bulkload: down 16 x 67108864 B in 9.62 s: 111.6 MB/s
 * Exit 0 only if every transfer completed and checked out.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <fcntl.h>
#include <poll.h>
#include <stdbool.h>
#include <sys/epoll.h>

#include "lib/net.h"
#include "lib/pattern.h"

#define CHUNK	65536
#define HDR_MAX	4096

struct xfer {
	int fd;
	unsigned long long done;	/* body bytes moved */
	char hdr[HDR_MAX + 1];		/* the answer (header, then body) */
	size_t hdr_len;
	bool in_body;			/* download: past the header */
	bool finished;
};

static unsigned long long bytes = 64ull << 20;
static bool up, check_up;
static struct timespec t0;

static double now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)(ts.tv_sec - t0.tv_sec) + (double)(ts.tv_nsec - t0.tv_nsec) / 1e9;
}

static void fail(size_t i, const char *why)
{
	fprintf(stderr, "bulkload: transfer %zu: %s\n", i, why);
	exit(1);
}

/* Read until the header block's end; returns the bytes after it. */
static size_t read_header(struct xfer *x, size_t i)
{
	for (;;) {
		ssize_t r = read(x->fd, x->hdr + x->hdr_len, HDR_MAX - x->hdr_len);
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			fail(i, "connection ended before the server answered");
		x->hdr_len += (size_t)r;
		x->hdr[x->hdr_len] = 0;
		char *end = strstr(x->hdr, "\r\n\r\n");
		if (end)
			return x->hdr_len - (size_t)(end + 4 - x->hdr);
		if (x->hdr_len == HDR_MAX)
			fail(i, "answer header too long");
	}
}

/* Connect, send the request, wait for the first answer. */
static void dial(struct xfer *x, size_t i, const struct sockaddr_in *sin)
{
	char req[256];
	int n;

	x->fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (x->fd < 0)
		die("bulkload: socket");
	if (connect(x->fd, (const struct sockaddr *)sin, sizeof(*sin)) < 0)
		die("bulkload: connect");
	if (up)
		n = snprintf(req, sizeof(req), "PUT /%s HTTP/1.1\r\nHost: bulkd\r\n"
			     "Content-Length: %llu\r\nExpect: 100-continue\r\n\r\n",
			     check_up ? "check" : "sink", bytes);
	else
		n = snprintf(req, sizeof(req), "GET /%llu HTTP/1.1\r\nHost: bulkd\r\n\r\n",
			     bytes);
	if (i == 0)
		clock_gettime(CLOCK_MONOTONIC, &t0);
	if (write(x->fd, req, (size_t)n) != n)
		fail(i, "cannot send the request");
	size_t extra = read_header(x, i);
	if (up) {
		if (strncmp(x->hdr, "HTTP/1.1 100", 12))
			fail(i, "no 100 Continue for the upload");
		x->hdr_len = 0;
	} else {
		if (strncmp(x->hdr, "HTTP/1.1 200", 12))
			fail(i, "the download was refused");
		const char *body = x->hdr + x->hdr_len - extra;
		long long bad = pattern_mismatch(body, 0, extra);
		if (bad >= 0 || extra > bytes)
			fail(i, "wrong bytes at the start");
		x->done = extra;
		x->in_body = true;
	}
	if (fcntl(x->fd, F_SETFL, O_NONBLOCK) < 0)
		die("bulkload: fcntl");
}

static void step_down(struct xfer *x, size_t i)
{
	static unsigned char buf[CHUNK];
	ssize_t r = read(x->fd, buf, sizeof(buf));

	if (r < 0 && (errno == EAGAIN || errno == EINTR))
		return;
	if (r < 0)
		fail(i, strerror(errno));
	if (r == 0) {
		if (x->done != bytes) {
			fprintf(stderr, "bulkload: transfer %zu: ended after %llu of %llu bytes\n",
				i, x->done, bytes);
			exit(1);
		}
		x->finished = true;
		return;
	}
	long long bad = pattern_mismatch(buf, x->done, (size_t)r);
	if (bad >= 0 || x->done + (size_t)r > bytes) {
		fprintf(stderr, "bulkload: transfer %zu: wrong byte at offset %lld\n", i,
			bad >= 0 ? bad : (long long)bytes);
		exit(1);
	}
	x->done += (size_t)r;
}

static void step_up(struct xfer *x, size_t i)
{
	if (x->done < bytes) {
		size_t n = bytes - x->done < CHUNK ? (size_t)(bytes - x->done) : CHUNK;
		ssize_t w = send(x->fd, pattern_at(x->done), n, MSG_NOSIGNAL);
		if (w < 0 && (errno == EAGAIN || errno == EINTR))
			return;
		if (w < 0)
			fail(i, strerror(errno));
		x->done += (size_t)w;
		return;
	}
	ssize_t r = read(x->fd, x->hdr + x->hdr_len, HDR_MAX - x->hdr_len);
	if (r < 0 && (errno == EAGAIN || errno == EINTR))
		return;
	if (r < 0)
		fail(i, strerror(errno));
	x->hdr_len += (size_t)r;
	x->hdr[x->hdr_len] = 0;
	if (r == 0 || x->hdr_len == HDR_MAX) {
		if (strncmp(x->hdr, "HTTP/1.1 200", 12) ||
		    (check_up && !strstr(x->hdr, "pattern ok"))) {
			char *nl = strchr(x->hdr, '\r');
			if (nl)
				*nl = 0;
			fprintf(stderr, "bulkload: transfer %zu: the server said \"%s\"\n",
				i, x->hdr);
			exit(1);
		}
		x->finished = true;
	}
}

static void usage(void)
{
	fprintf(stderr, "usage: bulkload [-h HOST] [-p PORT] [-c CONNS] [-n BYTES] "
		"[-u [-k]] [-t SECS]\n");
	exit(2);
}

int main(int argc, char **argv)
{
	const char *host = "127.0.0.1";
	int port = 80, opt, idle_secs = 60;
	long conns = 1;
	struct sockaddr_in sin = { .sin_family = AF_INET };

	while ((opt = getopt(argc, argv, "h:p:c:n:ukt:")) != -1) {
		switch (opt) {
		case 'h': host = optarg; break;
		case 'p': port = parse_port("bulkload", optarg); break;
		case 'c': conns = atol(optarg); break;
		case 'n': bytes = strtoull(optarg, NULL, 10); break;
		case 'u': up = true; break;
		case 'k': check_up = true; break;
		case 't': idle_secs = atoi(optarg); break;
		default: usage();
		}
	}
	if (optind != argc || conns < 1 || conns > 1000 || idle_secs < 1 || !bytes)
		usage();
	if (inet_pton(AF_INET, host, &sin.sin_addr) != 1)
		usage();
	sin.sin_port = htons((unsigned short)port);
	ignore_sigpipe();
	pattern_init();

	struct xfer *xs = calloc((size_t)conns, sizeof(*xs));
	struct pollfd *pfd = calloc((size_t)conns, sizeof(*pfd));
	if (!xs || !pfd)
		die("bulkload: calloc");
	for (long i = 0; i < conns; i++)
		dial(&xs[i], (size_t)i, &sin);
	long left = conns;
	double last_move = now_s();
	while (left) {
		int n = 0;
		for (long i = 0; i < conns; i++) {
			if (xs[i].finished)
				continue;
			pfd[n].fd = xs[i].fd;
			pfd[n].events = up && xs[i].done < bytes ? POLLOUT : POLLIN;
			n++;
		}
		int r = poll(pfd, (nfds_t)n, 1000);
		if (r < 0 && errno != EINTR)
			die("bulkload: poll");
		if (r > 0)
			last_move = now_s();
		else if (now_s() - last_move > idle_secs) {
			for (long i = 0; i < conns; i++)
				if (!xs[i].finished)
					fprintf(stderr, "bulkload: transfer %ld: %llu of %llu bytes\n",
						i, xs[i].done, bytes);
			fprintf(stderr, "bulkload: nothing moved for %d s\n", idle_secs);
			return 1;
		}
		for (long i = 0, k = 0; i < conns; i++) {
			if (xs[i].finished)
				continue;
			if (pfd[k++].revents) {
				if (up)
					step_up(&xs[i], (size_t)i);
				else
					step_down(&xs[i], (size_t)i);
				if (xs[i].finished) {
					close(xs[i].fd);
					left--;
				}
			}
		}
	}
	double t = now_s();
	printf("bulkload: %s %ld x %llu B in %.2f s: %.1f MB/s\n", up ? "up" : "down",
	       conns, bytes, t, (double)bytes * (double)conns / t / 1e6);
	return 0;
}
