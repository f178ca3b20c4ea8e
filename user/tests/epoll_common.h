/* epoll_common.h - helpers shared by the epoll tests (epoll.c,
 * epoll_nest.c): one line per check, "FAIL: " in front of failures. */
#ifndef EPOLL_COMMON_H
#define EPOLL_COMMON_H

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <sys/epoll.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <unistd.h>

#include "check.h"
#include "../lib/clock.h"


static inline const char *ename(int e)
{
	switch (e) {
	case 0: return "no error";
	case EFAULT: return "EFAULT";
	case EBADF: return "EBADF";
	case EINVAL: return "EINVAL";
	case EEXIST: return "EEXIST";
	case ENOENT: return "ENOENT";
	case EPERM: return "EPERM";
	case ELOOP: return "ELOOP";
	case EINTR: return "EINTR";
	case ENOSYS: return "ENOSYS";
	default: return strerror(e);
	}
}

/* E(call): errno cleared first, result as a long. */
#define E(call) (errno = 0, (long)(call))

static inline void expect_err(const char *what, long r, int want)
{
	int e = errno;
	if (r == -1 && e == want)
		report(1, "%s: %s", what, ename(want));
	else
		report(0, "%s: expected %s, got ret=%ld (%s)", what,
		       ename(want), r, ename(r == -1 ? e : 0));
}

static inline void expect_ret(const char *what, long r, long want)
{
	int e = errno;
	if (r == want)
		report(1, "%s: %ld", what, want);
	else
		report(0, "%s: expected %ld, got %ld (%s)", what, want, r,
		       ename(r == -1 ? e : 0));
}

static inline struct epoll_event ev(unsigned events, unsigned long long data)
{
	struct epoll_event e;
	memset(&e, 0, sizeof(e));
	e.events = events;
	e.data.u64 = data;
	return e;
}

static inline int ctl(int epfd, int op, int fd, unsigned events,
	       unsigned long long data)
{
	struct epoll_event e = ev(events, data);
	return epoll_ctl(epfd, op, fd, &e);
}

static inline long sys_epoll_pwait(int epfd, void *events, int maxevents,
			    int timeout, const void *mask, long size)
{
	return syscall(SYS_epoll_pwait, epfd, events, maxevents, timeout,
		       mask, size);
}

#ifndef SYS_epoll_pwait2
#define SYS_epoll_pwait2 441
#endif
static inline long sys_epoll_pwait2(int epfd, void *events, int maxevents,
			     const struct timespec *to, const void *mask,
			     long size)
{
	return syscall(SYS_epoll_pwait2, epfd, events, maxevents, to, mask,
		       size);
}

#endif
