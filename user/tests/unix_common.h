/*
 * unix_common.h - what the AF_UNIX tests (unix_stream.c, unix_dgram.c,
 * unix_scm.c) share: errno as a word, revents as names, socket
 * addresses from short names, and names printed the same on every run.
 *
 * Path names are relative to a fresh directory the test makes and
 * enters (unix_enter_dir), so they print the same everywhere.  Abstract
 * names are one namespace for the whole machine (tests of other trees
 * may run at once): "@NAME" becomes "\0unixtest-PID-NAME", and is
 * printed back as "@NAME".
 */
#ifndef USER_TESTS_UNIX_COMMON_H
#define USER_TESTS_UNIX_COMMON_H

#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <poll.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>
#include "events.h"

/* "ok", or what errno says went wrong, taken right after the call: an
 * argument of printf may be evaluated before or after the others. */
#define E(call) ({ long __r = (long)(call); __r < 0 ? strerror(errno) : "ok"; })

/* The events of fd ready now (or within ms). */
__attribute__((unused)) static int poll1(int fd, int ms)
{
	struct pollfd p = { fd, POLLIN | POLLOUT | POLLRDHUP, 0 };
	return poll(&p, 1, ms) < 0 ? -1 : p.revents;
}

static char unix_prefix[64];		/* "unixtest-PID-" */

/* An address for "name" (a path) or "@name" (abstract); *len its
 * length as bind and connect take it (a path's NUL not counted). */
__attribute__((unused)) static struct sockaddr_un sun_of(const char *name,
							 socklen_t *len)
{
	struct sockaddr_un a = { .sun_family = AF_UNIX };

	if (!unix_prefix[0])
		snprintf(unix_prefix, sizeof(unix_prefix), "unixtest-%d-", (int)getpid());
	if (name[0] == '@') {
		size_t n = snprintf(a.sun_path + 1, sizeof(a.sun_path) - 1, "%s%s",
				    unix_prefix, name + 1);
		*len = offsetof(struct sockaddr_un, sun_path) + 1 + n;
	} else {
		snprintf(a.sun_path, sizeof(a.sun_path), "%s", name);
		*len = offsetof(struct sockaddr_un, sun_path) + strlen(name);
	}
	return a;
}

/* An address as the kernel gave it back: its length and the name. */
__attribute__((unused)) static const char *name_of(const struct sockaddr_un *a,
						   socklen_t len)
{
	static char bufs[4][160];
	static int next;
	char *buf = bufs[next++ % 4];
	size_t base = offsetof(struct sockaddr_un, sun_path);

	if (len <= base) {
		snprintf(buf, 160, "len %u, unnamed", (unsigned)len);
	} else if (a->sun_path[0]) {
		snprintf(buf, 160, "len %u, \"%.*s\"", (unsigned)len,
			 (int)(len - base), a->sun_path);
	} else {
		const char *s = a->sun_path + 1;
		size_t n = len - base - 1, p = strlen(unix_prefix);
		if (n >= p && !memcmp(s, unix_prefix, p))	/* p varies */
			snprintf(buf, 160, "len %u + prefix, @%.*s",
				 (unsigned)(len - p), (int)(n - p), s + p);
		else
			snprintf(buf, 160, "len %u, abstract of %zu bytes", (unsigned)len, n);
	}
	return buf;
}

__attribute__((unused)) static int unix_socket(int type)
{
	return socket(AF_UNIX, type, 0);
}

__attribute__((unused)) static int bind_to(int fd, const char *name)
{
	socklen_t len;
	struct sockaddr_un a = sun_of(name, &len);
	return bind(fd, (struct sockaddr *)&a, len);
}

__attribute__((unused)) static int connect_to(int fd, const char *name)
{
	socklen_t len;
	struct sockaddr_un a = sun_of(name, &len);
	return connect(fd, (struct sockaddr *)&a, len);
}

/* A socket of type bound to name, listening if it is connection-based. */
__attribute__((unused)) static int server(int type, const char *name, int backlog)
{
	int fd = unix_socket(type);
	if (fd < 0 || bind_to(fd, name) < 0 ||
	    (type != SOCK_DGRAM && listen(fd, backlog) < 0)) {
		printf("FAIL: server %s: %s\n", name, strerror(errno));
		exit(1);
	}
	return fd;
}

__attribute__((unused)) static const char *sockname(int fd, int peer)
{
	struct sockaddr_un a;
	socklen_t len = sizeof(a);
	memset(&a, 0x55, sizeof(a));
	int r = peer ? getpeername(fd, (struct sockaddr *)&a, &len)
		     : getsockname(fd, (struct sockaddr *)&a, &len);
	if (r < 0)
		return strerror(errno);
	return name_of(&a, len);
}

/* A fresh directory named after the test and the pid, made and
 * entered; unix_leave_dir removes it with what the test left there. */
static char unix_dir[64];

__attribute__((unused)) static void unix_enter_dir(const char *test)
{
	snprintf(unix_dir, sizeof(unix_dir), "%s.dir.%d", test, (int)getpid());
	if (mkdir(unix_dir, 0755) < 0 || chdir(unix_dir) < 0) {
		printf("FAIL: cannot make %s: %s\n", unix_dir, strerror(errno));
		exit(1);
	}
	umask(022);
}

__attribute__((unused)) static void unix_leave_dir(void)
{
	DIR *d = opendir(".");
	struct dirent *e;

	while (d && (e = readdir(d)))
		if (strcmp(e->d_name, ".") && strcmp(e->d_name, "..") &&
		    unlink(e->d_name) < 0)
			rmdir(e->d_name);
	if (d)
		closedir(d);
	if (chdir("..") < 0 || rmdir(unix_dir) < 0)
		printf("FAIL: cannot remove %s: %s\n", unix_dir, strerror(errno));
}

#endif
