/* tcpmany [-n CONNS] [-p PORT] [-e EVERY]: open CONNS TCP connections
 * over 127.0.0.1 inside one machine and hold them, to show there is no
 * fixed limit below memory and RLIMIT_NOFILE (tools/tcp-many runs it in
 * the kernel; it runs on Linux too).  A child listens on PORT and
 * accepts; this process connects, each connection from a port of its
 * own (PORT+1, PORT+2 ...: the ephemeral range alone has 16,384 ports in
 * lwIP and 28,232 in Linux).  Both raise RLIMIT_NOFILE to CONNS + 64.
 *
 * Prints a line every EVERY connections (elapsed seconds, memory in use
 * = MemTotal - MemFree), then the memory per connection (both ends are
 * in this machine: a connection is two sockets) and per socket, and
 * "tcpmany: N connections" if all opened, or the errno that stopped
 * them.  Exit status 0 only if all CONNS opened and each end answered a
 * byte at the end. */
#define _GNU_SOURCE
#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <netinet/in.h>
#include <arpa/inet.h>

static long mem_in_use_kb(void)
{
	FILE *f = fopen("/proc/meminfo", "r");
	char line[128];
	long total = 0, free_kb = 0;

	if (!f)
		return 0;
	while (fgets(line, sizeof(line), f)) {
		sscanf(line, "MemTotal: %ld kB", &total);
		sscanf(line, "MemFree: %ld kB", &free_kb);
	}
	fclose(f);
	return total - free_kb;
}

static double now(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return t.tv_sec + t.tv_nsec / 1e9;
}

static struct sockaddr_in loopback(int port)
{
	struct sockaddr_in a = { .sin_family = AF_INET, .sin_port = htons(port) };

	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	return a;
}

static int raise_nofile(long n)
{
	struct rlimit rl = { (rlim_t)n, (rlim_t)n };

	if (setrlimit(RLIMIT_NOFILE, &rl)) {
		fprintf(stderr, "tcpmany: setrlimit(RLIMIT_NOFILE, %ld): %s\n", n, strerror(errno));
		return -1;
	}
	return 0;
}

/* The child: accept until told how many the parent opened (a long on
 * ctl) and has them all, then echo one byte on every connection. */
static int server(int l, int ctl, long n)
{
	int *fds = calloc(n, sizeof(int));
	long got = 0, want = -1;

	while (want < 0 || got < want) {
		struct pollfd p[2] = { { l, POLLIN, 0 }, { ctl, POLLIN, 0 } };
		if (poll(p, want < 0 ? 2 : 1, -1) < 0)
			return 1;
		if (want < 0 && (p[1].revents & POLLIN)) {
			if (read(ctl, &want, sizeof(want)) != sizeof(want))
				return 1;
			continue;
		}
		if (!(p[0].revents & POLLIN))
			continue;
		int fd = accept(l, NULL, NULL);
		if (fd < 0) {
			fprintf(stderr, "tcpmany: accept %ld: %s\n", got, strerror(errno));
			return 1;
		}
		if (got < n)
			fds[got++] = fd;
	}
	long echoed = 0;
	for (long i = 0; i < got; i++)
		echoed += write(fds[i], "e", 1) == 1;
	return echoed == want ? 0 : 1;
}

int main(int argc, char **argv)
{
	long n = 50000, every = 5000;
	int port = 7000, opt;

	while ((opt = getopt(argc, argv, "n:p:e:")) != -1) {
		if (opt == 'n')
			n = atol(optarg);
		else if (opt == 'p')
			port = atoi(optarg);
		else if (opt == 'e')
			every = atol(optarg);
		else {
			fprintf(stderr, "usage: tcpmany [-n CONNS] [-p PORT] [-e EVERY]\n");
			return 2;
		}
	}
	if (n < 1 || port < 1 || port + n > 65535 || every < 1) {
		fprintf(stderr, "tcpmany: CONNS from 1 to %d above PORT\n", 65535 - port);
		return 2;
	}
	if (raise_nofile(n + 64))
		return 1;
	int l = socket(AF_INET, SOCK_STREAM, 0), one = 1, ctl[2];
	struct sockaddr_in a = loopback(port);
	setsockopt(l, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
	if (bind(l, (struct sockaddr *)&a, sizeof(a)) || listen(l, 4096) || pipe(ctl)) {
		fprintf(stderr, "tcpmany: listen on %d: %s\n", port, strerror(errno));
		return 1;
	}
	long before = mem_in_use_kb();
	pid_t pid = fork();
	if (pid == 0) {
		close(ctl[1]);
		_exit(server(l, ctl[0], n));
	}
	close(l);
	close(ctl[0]);

	int *fds = calloc(n, sizeof(int));
	double t0 = now();
	long opened = 0;
	int err = 0;
	printf("tcpmany: %ld connections to 127.0.0.1:%d, memory in use %ld kB\n", n, port, before);
	fflush(stdout);
	for (long i = 0; i < n; i++) {
		struct sockaddr_in me = loopback(port + 1 + (int)i);
		int fd = socket(AF_INET, SOCK_STREAM, 0);
		if (fd < 0 || setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one)) ||
		    bind(fd, (struct sockaddr *)&me, sizeof(me)) ||
		    connect(fd, (struct sockaddr *)&a, sizeof(a))) {
			err = errno;
			if (fd >= 0)
				close(fd);
			break;
		}
		fds[opened++] = fd;
		if (opened % every == 0) {
			printf("tcpmany: %ld open after %.1f s, memory in use %ld kB\n", opened,
			       now() - t0, mem_in_use_kb());
			fflush(stdout);
		}
	}
	double took = now() - t0;
	/* let the last handshakes and the accepts finish */
	usleep(500000);
	long after = mem_in_use_kb();
	if (opened)
		printf("tcpmany: %ld open in %.1f s; memory %ld kB more: %.2f KiB per connection, "
		       "%.2f KiB per socket\n", opened, took, after - before,
		       (double)(after - before) / opened, (double)(after - before) / (2.0 * opened));
	if (err)
		printf("tcpmany: connection %ld: %s\n", opened + 1, strerror(err));
	fflush(stdout);
	if (write(ctl[1], &opened, sizeof(opened)) != sizeof(opened))
		return 1;
	long answered = 0;
	for (long i = 0; i < opened; i++) {
		char c;
		answered += read(fds[i], &c, 1) == 1 && c == 'e';
	}
	int st = 0;
	waitpid(pid, &st, 0);
	printf("tcpmany: %ld of %ld answered\n", answered, opened);
	printf("tcpmany: %ld connections%s\n", opened, opened == n && answered == n ? "" : " (FAILED)");
	return opened == n && answered == n && WIFEXITED(st) && WEXITSTATUS(st) == 0 ? 0 : 1;
}
