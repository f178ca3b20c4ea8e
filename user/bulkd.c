/*
 * bulkd - the bulk-transfer server: megabytes down or up over HTTP/1.1,
 * one process per connection, plain blocking reads and writes, so what
 * it measures is the kernel's TCP data path and windows, not an event
 * loop.
 *
 *   bulkd [-p PORT]       serve (default port 80)
 *   bulkd -g BYTES        write BYTES of the pattern to stdout
 *   bulkd -c BYTES        check that stdin is BYTES of the pattern
 *
 * Requests (one per connection, which then closes):
 *   GET /            "hello, world\n" (what ../shared/bench's scripts poll)
 *   GET /big         64 MiB of the pattern (user/lib/pattern.h)
 *   GET /N           N bytes of it
 *   PUT /check       (or POST) with Content-Length: N: reads the N bytes,
 *                    checks every one, answers "N bytes, pattern ok" or
 *                    400 and the first offset that differs
 *   PUT /sink        the same without the check (benchmarks: the check
 *                    costs a guest under TCG time of its own)
 * "Expect: 100-continue" gets its interim answer, as curl wants for
 * large uploads.  Writes go out 64 KiB at a time, as bulk_httpd's did.
 *
 * -g and -c are the host's side of the same bytes, for curl:
 *   curl -s URL/1000000 | bulkd -c 1000000
 *   bulkd -g 1000000 > f; curl -T f URL/check
 *
 * The same static binary runs on Linux (../shared/bench/linux-peer.sh
 * --server) and in this kernel.
 */
#define _GNU_SOURCE
#include <ctype.h>
#include <fcntl.h>
#include <stdbool.h>
#include <sys/wait.h>

#include "lib/net.h"
#include "lib/pattern.h"

#define BIG		(64ull << 20)
#define CHUNK		65536
#define HDR_MAX		4096

static unsigned char rbuf[CHUNK];

static int write_all(int fd, const void *p, size_t n)
{
	const char *c = p;

	while (n) {
		ssize_t w = write(fd, c, n);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return -1;
		c += w;
		n -= (size_t)w;
	}
	return 0;
}

static int write_pattern(int fd, unsigned long long n)
{
	for (unsigned long long off = 0; off < n;) {
		size_t len = n - off < CHUNK ? (size_t)(n - off) : CHUNK;
		if (write_all(fd, pattern_at(off), len))
			return -1;
		off += len;
	}
	return 0;
}

static int reply(int fd, const char *status, const char *body)
{
	char hdr[256];
	int h = snprintf(hdr, sizeof(hdr), "HTTP/1.1 %s\r\nContent-Length: %zu\r\n"
			 "Connection: close\r\n\r\n", status, strlen(body));

	return write_all(fd, hdr, (size_t)h) || write_all(fd, body, strlen(body));
}

/* The value of header name in the block hdr (lower-case name), or NULL. */
static const char *header(const char *hdr, const char *name)
{
	size_t n = strlen(name);

	for (const char *l = strstr(hdr, "\r\n"); l; l = strstr(l, "\r\n")) {
		l += 2;
		if (!strncasecmp(l, name, n) && l[n] == ':') {
			l += n + 1;
			while (*l == ' ')
				l++;
			return l;
		}
	}
	return NULL;
}

/* Read the upload's len bytes, of which have came with the headers. */
static void upload(int fd, const char *path, unsigned long long len,
		   const unsigned char *early, size_t have)
{
	bool check = !strncmp(path, "/check", 6);
	unsigned long long off = 0;
	long long bad = -1;
	char body[128];

	if (have > len)
		have = (size_t)len;
	if (check)
		bad = pattern_mismatch(early, 0, have);
	off = have;
	while (off < len) {
		size_t want = len - off < CHUNK ? (size_t)(len - off) : CHUNK;
		ssize_t r = read(fd, rbuf, want);
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0) {
			fprintf(stderr, "bulkd: upload ended at %llu of %llu bytes\n",
				off, len);
			return;
		}
		if (check && bad < 0 && (bad = pattern_mismatch(rbuf, off, (size_t)r)) >= 0)
			check = false;	/* the first difference is what we report */
		off += (size_t)r;
	}
	if (bad >= 0) {
		snprintf(body, sizeof(body), "%llu bytes, differs at %lld\n", len, bad);
		reply(fd, "400 Bad Request", body);
	} else {
		snprintf(body, sizeof(body), "%llu bytes, %s\n", len,
			 !strncmp(path, "/check", 6) ? "pattern ok" : "not checked");
		reply(fd, "200 OK", body);
	}
}

static void serve(int fd)
{
	char hdr[HDR_MAX + 1];
	size_t got = 0;
	char *end = NULL;

	while (!end && got < HDR_MAX) {
		ssize_t r = read(fd, hdr + got, HDR_MAX - got);
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			return;
		got += (size_t)r;
		hdr[got] = 0;
		end = strstr(hdr, "\r\n\r\n");
	}
	if (!end) {
		reply(fd, "431 Request Header Fields Too Large", "");
		return;
	}
	end[2] = 0;			/* the headers, one CRLF kept */
	const unsigned char *early = (unsigned char *)end + 4;
	size_t have = got - (size_t)(early - (unsigned char *)hdr);
	char method[8], path[64];
	if (sscanf(hdr, "%7s %63s", method, path) != 2) {
		reply(fd, "400 Bad Request", "");
		return;
	}
	if (!strcmp(method, "GET")) {
		char head[160];
		unsigned long long n;
		if (!strcmp(path, "/")) {
			reply(fd, "200 OK", "hello, world\n");
			return;
		}
		if (!strcmp(path, "/big"))
			n = BIG;
		else if (isdigit((unsigned char)path[1]))
			n = strtoull(path + 1, NULL, 10);
		else {
			reply(fd, "404 Not Found", "");
			return;
		}
		int h = snprintf(head, sizeof(head), "HTTP/1.1 200 OK\r\n"
				 "Content-Length: %llu\r\nConnection: close\r\n\r\n", n);
		if (!write_all(fd, head, (size_t)h))
			write_pattern(fd, n);
		return;
	}
	if (strcmp(method, "PUT") && strcmp(method, "POST")) {
		reply(fd, "405 Method Not Allowed", "");
		return;
	}
	const char *cl = header(hdr, "content-length");
	if (!cl) {
		reply(fd, "411 Length Required", "");
		return;
	}
	const char *expect = header(hdr, "expect");
	if (expect && !strncasecmp(expect, "100-continue", 12) &&
	    write_all(fd, "HTTP/1.1 100 Continue\r\n\r\n", 25))
		return;
	upload(fd, path, strtoull(cl, NULL, 10), early, have);
}

/* -c: stdin must be exactly n bytes of the pattern. */
static int check_stdin(unsigned long long n)
{
	unsigned long long off = 0;

	for (;;) {
		ssize_t r = read(0, rbuf, sizeof(rbuf));
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0)
			die("bulkd: read");
		if (r == 0)
			break;
		long long bad = pattern_mismatch(rbuf, off, (size_t)r);
		if (bad >= 0) {
			fprintf(stderr, "bulkd: byte %lld differs\n", bad);
			return 1;
		}
		off += (size_t)r;
	}
	if (off != n) {
		fprintf(stderr, "bulkd: %llu bytes, not %llu\n", off, n);
		return 1;
	}
	printf("bulkd: %llu bytes, pattern ok\n", n);
	return 0;
}

int main(int argc, char **argv)
{
	int port = 80;

	pattern_init();
	if (argc == 3 && !strcmp(argv[1], "-g"))
		return write_pattern(1, strtoull(argv[2], NULL, 10)) ? 1 : 0;
	if (argc == 3 && !strcmp(argv[1], "-c"))
		return check_stdin(strtoull(argv[2], NULL, 10));
	if (argc == 3 && !strcmp(argv[1], "-p"))
		port = parse_port("bulkd", argv[2]);
	else if (argc != 1) {
		fprintf(stderr, "usage: bulkd [-p PORT] | -g BYTES | -c BYTES\n");
		return 2;
	}
	ignore_sigpipe();
	int l = listen_tcp(&port);
	int flags = fcntl(l, F_GETFL);
	fcntl(l, F_SETFL, flags & ~O_NONBLOCK);	/* one blocking accept loop */
	fprintf(stderr, "bulkd: listening on %d\n", port);
	for (;;) {
		while (waitpid(-1, NULL, WNOHANG) > 0)
			;
		int c = accept4(l, NULL, NULL, SOCK_CLOEXEC);
		if (c < 0)
			continue;
		pid_t pid = fork();
		if (pid == 0) {
			close(l);
			serve(c);
			close(c);
			_exit(0);
		}
		if (pid < 0)
			fprintf(stderr, "bulkd: fork: %s\n", strerror(errno));
		close(c);
	}
}
