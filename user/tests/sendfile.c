/* sendfile: which pairs of descriptors sendfile(2) takes, and its errno
 * for the others, for every kind of file both kernels have: a regular
 * file, a directory, both ends of a pipe, an eventfd, an epoll, an
 * AF_UNIX pair, UDP and TCP sockets (each with a few bytes waiting),
 * /dev/null, /dev/zero, /dev/urandom and a /proc text.  Into a pipe any
 * input with splice_read goes, sockets included; elsewhere the input
 * must be seekable too; an eventfd or epoll is EINVAL at either end, an
 * end opened the wrong way EBADF, an offset on a pipe ESPIPE.  Each pair
 * asks for 4 bytes: the count that comes back is what Linux moves. */
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/sendfile.h>
#include <sys/socket.h>
#include <unistd.h>

#include "check.h"

#define TMPFILE "sendfile.tmp"

static const char *const kinds[] = {
	"file", "dir", "pipe_r", "pipe_w", "eventfd", "epoll", "unix",
	"udp", "tcp", "null", "zero", "urandom", "proc",
};
#define NKINDS	(int)(sizeof(kinds) / sizeof(kinds[0]))

/* Wait until fd has something to read (loopback goes through a thread). */
static void wait_readable(int fd)
{
	struct pollfd p = { .fd = fd, .events = POLLIN };
	poll(&p, 1, 2000);
}

/* A descriptor of the kind, with something to read where it can have
 * it; *peer is its other end (or -1), kept open while it is used. */
static int make(int kind, int *peer)
{
	struct sockaddr_in a = { .sin_family = AF_INET,
				 .sin_addr.s_addr = htonl(INADDR_LOOPBACK) };
	socklen_t len = sizeof(a);
	int p[2], fd = -1;

	*peer = -1;
	switch (kind) {
	case 0:
		fd = open(TMPFILE, O_RDWR | O_CREAT | O_TRUNC, 0600);
		write(fd, "0123456789", 10);
		lseek(fd, 0, SEEK_SET);
		return fd;
	case 1:
		return open(".", O_RDONLY | O_DIRECTORY);
	case 2: case 3:
		pipe2(p, O_NONBLOCK);
		write(p[1], "abc", 3);
		*peer = p[kind == 2];
		return p[kind == 3];
	case 4:
		return eventfd(5, EFD_NONBLOCK);
	case 5:
		return epoll_create1(0);
	case 6:
		socketpair(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK, 0, p);
		write(p[1], "xyz", 3);
		*peer = p[1];
		return p[0];
	case 7:
		fd = socket(AF_INET, SOCK_DGRAM | SOCK_NONBLOCK, 0);
		bind(fd, (struct sockaddr *)&a, sizeof(a));
		getsockname(fd, (struct sockaddr *)&a, &len);
		connect(fd, (struct sockaddr *)&a, sizeof(a));
		send(fd, "d", 1, 0);
		wait_readable(fd);
		return fd;
	case 8: {
		int l = socket(AF_INET, SOCK_STREAM, 0);
		bind(l, (struct sockaddr *)&a, sizeof(a));
		listen(l, 1);
		getsockname(l, (struct sockaddr *)&a, &len);
		*peer = socket(AF_INET, SOCK_STREAM, 0);
		connect(*peer, (struct sockaddr *)&a, sizeof(a));
		fd = accept(l, NULL, NULL);
		close(l);
		write(*peer, "tcp", 3);
		wait_readable(fd);
		fcntl(fd, F_SETFL, O_NONBLOCK);
		return fd;
	}
	case 9:
		return open("/dev/null", O_RDWR);
	case 10:
		return open("/dev/zero", O_RDWR);
	case 11:
		return open("/dev/urandom", O_RDWR);
	default:
		return open("/proc/meminfo", O_RDONLY);
	}
}

static void close_pair(int fd, int peer)
{
	close(fd);
	if (peer >= 0)
		close(peer);
}

int main(void)
{
	for (int i = 0; i < NKINDS; i++) {
		for (int o = 0; o < NKINDS; o++) {
			int ip, op, in = make(i, &ip), out = make(o, &op);
			errno = 0;
			ssize_t r = sendfile(out, in, NULL, 4);
			printf("%-7s -> %-7s: %zd%s%s\n", kinds[i], kinds[o], r,
			       r < 0 ? " " : "", r < 0 ? strerror(errno) : "");
			close_pair(in, ip);
			close_pair(out, op);
		}
	}

	/* With an offset: it moves, not the file's own position. */
	int ip, op, in = make(0, &ip), out = make(2 + 1, &op);
	off_t off = 2;
	report(sendfile(out, in, &off, 4) == 4 && off == 6 &&
	       lseek(in, 0, SEEK_CUR) == 0, "an offset moves, f_pos stays");
	close_pair(out, op);
	out = make(9, &op);
	int pin, pp;
	pin = make(2, &pp);
	errno = 0;
	off = 0;
	ssize_t r = sendfile(out, pin, &off, 4);
	report(r < 0 && errno == ESPIPE, "an offset on a pipe: %s", strerror(errno));
	int e = eventfd(0, 0);
	errno = 0;
	r = sendfile(out, e, &off, 4);
	report(r < 0 && errno == ESPIPE, "an offset on an eventfd: %s",
	       strerror(errno));
	errno = 0;
	r = sendfile(out, in, (off_t *)1, 4);
	report(r < 0 && errno == EFAULT, "a bad offset pointer: %s", strerror(errno));
	int app = open(TMPFILE, O_WRONLY | O_APPEND);
	errno = 0;
	r = sendfile(app, in, NULL, 4);
	report(r < 0 && errno == EINVAL, "into O_APPEND: %s", strerror(errno));
	report(sendfile(out, in, NULL, 0) == 0, "a count of 0: 0");
	close(app);
	close(e);
	close_pair(pin, pp);
	close_pair(in, ip);
	close_pair(out, op);
	unlink(TMPFILE);
	printf("%s\n", failed ? "sendfile: FAILED" : "sendfile: all checks passed");
	return failed != 0;
}
