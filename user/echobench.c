/*
 * echobench - measure what idle connections cost an echo server.
 *
 *   echobench [-h HOST] [-p PORT] [-i IDLE] [-n ROUNDS]
 *     -h HOST   server address, dotted IPv4 (default 127.0.0.1)
 *     -p PORT   server port (default 7)
 *     -i IDLE   connections opened first and left silent (default 0)
 *     -n ROUNDS ping-pongs timed on one more connection (default 10000)
 *
 * Run it against echod, then pollechod, then pollechod -s, with -i 0
 * and with -i 900.  The idle connections never send a byte, yet with
 * poll and select every round trip makes the server pass all of them
 * to the kernel and scan all of them again; with epoll they cost
 * nothing after EPOLL_CTL_ADD.  The time per round trip shows it.
 *
 * A plain blocking client: it waits for each echo before sending the
 * next message, so it measures the server's latency, not throughput.
 *
 * An ordinary C program on musl: it builds and runs on Linux too.
 */
#define _GNU_SOURCE	/* accept4, for glibc too; musl has it anyway */
#include <arpa/inet.h>

#include "lib/net.h"

#define MAX_IDLE 1000

/* A blocking TCP connection to host:port, or exit. */
static int dial(const char *host, int port)
{
	struct sockaddr_in sin = { .sin_family = AF_INET,
				   .sin_port = htons((unsigned short)port) };
	int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);

	if (inet_pton(AF_INET, host, &sin.sin_addr) != 1) {
		fprintf(stderr, "echobench: bad address '%s'\n", host);
		exit(2);
	}
	if (fd < 0 || connect(fd, (struct sockaddr *)&sin, sizeof(sin)) < 0)
		die("echobench: connect");
	return fd;
}

/* Send msg and wait until all of it has come back. */
static void ping(int fd, const char *msg, size_t len)
{
	char back[64];
	size_t got = 0;

	if (send(fd, msg, len, MSG_NOSIGNAL) != (ssize_t)len)
		die("echobench: send");
	while (got < len) {
		ssize_t n = read(fd, back + got, sizeof(back) - got);
		if (n <= 0) {
			fprintf(stderr, "echobench: the server closed or failed\n");
			exit(1);
		}
		got += (size_t)n;
	}
	if (memcmp(back, msg, len) != 0) {
		fprintf(stderr, "echobench: the echo differs\n");
		exit(1);
	}
}

int main(int argc, char **argv)
{
	static int idle[MAX_IDLE];
	const char *host = "127.0.0.1";
	int port = 7, nidle = 0, rounds = 10000, opt, fd;
	long long t0, t1;

	while ((opt = getopt(argc, argv, "h:p:i:n:")) != -1) {
		switch (opt) {
		case 'h': host = optarg; break;
		case 'p': port = parse_port("echobench", optarg); break;
		case 'i': nidle = atoi(optarg); break;
		case 'n': rounds = atoi(optarg); break;
		default:
			fprintf(stderr, "usage: echobench [-h HOST] [-p PORT] [-i IDLE] [-n ROUNDS]\n");
			return 2;
		}
	}
	if (nidle < 0 || nidle > MAX_IDLE || rounds <= 0) {
		fprintf(stderr, "echobench: 0 <= IDLE <= %d, ROUNDS > 0\n", MAX_IDLE);
		return 2;
	}
	for (int i = 0; i < nidle; i++)
		idle[i] = dial(host, port);
	fd = dial(host, port);
	ping(fd, "warm-up\n", 8);
	t0 = now_ms();
	for (int i = 0; i < rounds; i++)
		ping(fd, "ping\n", 5);
	t1 = now_ms();
	printf("echobench: %d idle connections, %d round trips in %lld ms: %.1f us each\n",
	       nidle, rounds, t1 - t0, (double)(t1 - t0) * 1000.0 / rounds);
	close(fd);
	for (int i = 0; i < nidle; i++)
		close(idle[i]);
	return 0;
}
