/* tcp_reuseaddr: what SO_REUSEADDR lets bind(2) take, checked against
 * Linux.  A port whose old connection is in TIME-WAIT (the server closed
 * first) is EADDRINUSE without the option and free with it (the restart
 * of a server; libuv's tests bind one port again and again); a port a
 * listener holds stays EADDRINUSE with the option on both, on the same
 * address and on INADDR_ANY; a port only an established connection of
 * a closed listener holds is free with it.  The port is the kernel's
 * choice and printed as P. */
#define _GNU_SOURCE
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>
#include <netinet/in.h>
#include <arpa/inet.h>
#include "check.h"
#include "errname.h"
#include "inet_common.h"

static int tcp_socket(int reuse)
{
	int fd = socket(AF_INET, SOCK_STREAM, 0);

	if (fd < 0 || setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &reuse, sizeof(reuse)) < 0) {
		printf("socket: %s\n", strerror(errno));
		exit(1);
	}
	return fd;
}

/* bind(2)'s result for a new socket on ADDR:port, as a word; the socket
 * is returned through *fdp if asked for, else closed. */
static const char *try_bind(int reuse, uint32_t addr, int port, int *fdp)
{
	struct sockaddr_in a = addr_of(port);
	int fd = tcp_socket(reuse);

	a.sin_addr.s_addr = htonl(addr);
	long r = bind(fd, (struct sockaddr *)&a, sizeof(a));
	const char *what = r < 0 ? errname(errno) : "0";
	if (fdp && r == 0)
		*fdp = fd;
	else
		close(fd);
	return what;
}

static void expect(const char *what, const char *got, const char *want)
{
	report(strcmp(got, want) == 0, "%s: %s%s%s", what, got,
	       strcmp(got, want) ? ", want " : "", strcmp(got, want) ? want : "");
}

/* A listener with SO_REUSEADDR on 127.0.0.1 and a port of the kernel's
 * choice; its port through *port. */
static int listener(int *port)
{
	struct sockaddr_in a = addr_of(0);
	socklen_t len = sizeof(a);
	int fd = tcp_socket(1);

	if (bind(fd, (struct sockaddr *)&a, sizeof(a)) < 0 || listen(fd, 4) < 0 ||
	    getsockname(fd, (struct sockaddr *)&a, &len) < 0) {
		printf("listener: %s\n", strerror(errno));
		exit(1);
	}
	*port = ntohs(a.sin_port);
	return fd;
}

/* A connection to the listener: *srv the accepted end, *cli the other. */
static void connect_pair(int lfd, int port, int *srv, int *cli)
{
	struct sockaddr_in a = addr_of(port);

	*cli = socket(AF_INET, SOCK_STREAM, 0);
	if (connect(*cli, (struct sockaddr *)&a, sizeof(a)) < 0 ||
	    (*srv = accept(lfd, NULL, NULL)) < 0) {
		printf("connect: %s\n", strerror(errno));
		exit(1);
	}
}

int main(void)
{
	int port, srv, cli, fd = -1;
	int lfd = listener(&port);

	expect("P held by a listener, bind without SO_REUSEADDR",
	       try_bind(0, INADDR_LOOPBACK, port, NULL), "EADDRINUSE");
	expect("P held by a listener, bind with SO_REUSEADDR",
	       try_bind(1, INADDR_LOOPBACK, port, NULL), "EADDRINUSE");
	expect("P held by a listener, bind INADDR_ANY with SO_REUSEADDR",
	       try_bind(1, INADDR_ANY, port, NULL), "EADDRINUSE");

	/* The listener goes; its accepted connection stays established. */
	connect_pair(lfd, port, &srv, &cli);
	close(lfd);
	expect("P held by an established connection, bind without SO_REUSEADDR",
	       try_bind(0, INADDR_LOOPBACK, port, NULL), "EADDRINUSE");
	expect("P held by an established connection, bind with SO_REUSEADDR",
	       try_bind(1, INADDR_LOOPBACK, port, NULL), "0");

	/* The server's end closes first: it goes to TIME-WAIT once the
	 * client's FIN is in. */
	close(srv);
	usleep(100000);
	close(cli);
	usleep(300000);
	expect("P in TIME-WAIT, bind without SO_REUSEADDR",
	       try_bind(0, INADDR_LOOPBACK, port, NULL), "EADDRINUSE");
	expect("P in TIME-WAIT, bind with SO_REUSEADDR",
	       try_bind(1, INADDR_LOOPBACK, port, &fd), "0");
	long r = fd >= 0 ? listen(fd, 4) : -1;
	report(r == 0, "P in TIME-WAIT, listen after that bind: %s", err(r));
	expect("P held by that new listener, bind with SO_REUSEADDR",
	       try_bind(1, INADDR_LOOPBACK, port, NULL), "EADDRINUSE");
	if (fd >= 0)
		close(fd);
	printf("%s\n", failed ? "tcp_reuseaddr: some checks failed" : "tcp_reuseaddr: all checks passed");
	return failed != 0;
}
