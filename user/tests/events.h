/*
 * events.h - poll's revents as names ("IN|OUT|RDNORM|WRNORM"), so that a
 * difference between the host's output and ours reads plainly.  Shared
 * by poll.c and the AF_UNIX tests (unix_common.h).
 */
#ifndef USER_TESTS_EVENTS_H
#define USER_TESTS_EVENTS_H

#define _GNU_SOURCE
#include <poll.h>
#include <stdio.h>
#include <string.h>

/* revents as names, so a difference reads plainly. */
__attribute__((unused)) static const char *events(int ev)
{
	static char bufs[4][128];
	static int next;
	char *buf = bufs[next++ % 4];
	static const struct { int bit; const char *name; } names[] = {
		{ POLLIN, "IN" }, { POLLPRI, "PRI" }, { POLLOUT, "OUT" },
		{ POLLERR, "ERR" }, { POLLHUP, "HUP" }, { POLLNVAL, "NVAL" },
		{ POLLRDNORM, "RDNORM" }, { POLLRDBAND, "RDBAND" },
		{ POLLWRNORM, "WRNORM" }, { POLLWRBAND, "WRBAND" },
		{ POLLRDHUP, "RDHUP" },
	};
	buf[0] = 0;
	for (unsigned i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (ev & names[i].bit)
			snprintf(buf + strlen(buf), 128 - strlen(buf), "%s%s",
				 buf[0] ? "|" : "", names[i].name);
	return buf[0] ? buf : "0";
}

#endif
