/* timerfd: timerfd_create's flags and clocks (EINVAL), /proc's name for
 * it; settime's EBADF, EINVAL (not a timerfd, bad timespecs and flags),
 * EFAULT; gettime of a disarmed timer; read's EINVAL for 4 bytes and
 * EAGAIN when nothing expired; a relative one-shot (never early, one
 * tick, disarmed after); a periodic timer counting the periods missed;
 * TFD_TIMER_ABSTIME on CLOCK_MONOTONIC and CLOCK_REALTIME, in the past
 * too; settime's old value and the ticks it clears; poll and epoll see
 * EPOLLIN until read; TFD_CLOEXEC, TFD_NONBLOCK, CANCEL_ON_SET. */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/timerfd.h>
#include <time.h>
#include <unistd.h>

#include "errname.h"

#ifndef TFD_TIMER_CANCEL_ON_SET
#define TFD_TIMER_CANCEL_ON_SET (1 << 1)
#endif

static int64_t now_ns(clockid_t c)
{
	struct timespec ts;

	clock_gettime(c, &ts);
	return ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

static struct itimerspec its(int64_t value, int64_t interval)
{
	return (struct itimerspec){
		.it_value = { value / 1000000000, value % 1000000000 },
		.it_interval = { interval / 1000000000, interval % 1000000000 },
	};
}

static int64_t ts_ns(struct timespec ts)
{
	return ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

static void errors(void)
{
	struct itimerspec v = its(0, 0);
	int p[2];

	expect_errno("timerfd_create flags 1", ERR(timerfd_create(CLOCK_MONOTONIC, 1)), EINVAL);
	expect_errno("CLOCK_PROCESS_CPUTIME_ID", ERR(timerfd_create(CLOCK_PROCESS_CPUTIME_ID, 0)), EINVAL);
	expect_errno("CLOCK_MONOTONIC_RAW", ERR(timerfd_create(CLOCK_MONOTONIC_RAW, 0)), EINVAL);
	expect_errno("clock 99", ERR(timerfd_create(99, 0)), EINVAL);
	expect_errno("clock -1", ERR(timerfd_create(-1, 0)), EINVAL);
	int fd = timerfd_create(CLOCK_MONOTONIC, 0);
	char link[64] = "", path[64];
	snprintf(path, sizeof(path), "/proc/self/fd/%d", fd);
	readlink(path, link, sizeof(link) - 1);
	report(!strcmp(link, "anon_inode:[timerfd]"), "/proc names it %s", link);
	expect_errno("settime of fd 999", ERR(timerfd_settime(999, 0, &v, NULL)), EBADF);
	pipe(p);
	expect_errno("settime of a pipe", ERR(timerfd_settime(p[0], 0, &v, NULL)), EINVAL);
	expect_errno("gettime of a pipe", ERR(timerfd_gettime(p[0], &v)), EINVAL);
	expect_errno("gettime of fd -1", ERR(timerfd_gettime(-1, &v)), EBADF);
	close(p[0]);
	close(p[1]);
	v = its(0, 0);
	v.it_value.tv_nsec = 1000000000;
	expect_errno("tv_nsec 1e9", ERR(timerfd_settime(fd, 0, &v, NULL)), EINVAL);
	v = its(0, 0);
	v.it_interval.tv_nsec = -1;
	expect_errno("interval tv_nsec -1", ERR(timerfd_settime(fd, 0, &v, NULL)), EINVAL);
	v = its(0, 0);
	v.it_value.tv_sec = -1;
	expect_errno("tv_sec -1", ERR(timerfd_settime(fd, 0, &v, NULL)), EINVAL);
	v = its(0, 0);
	expect_errno("flags 4", ERR(timerfd_settime(fd, 4, &v, NULL)), EINVAL);
	expect_errno("a NULL new value", ERR(timerfd_settime(fd, 0, NULL, NULL)), EFAULT);
	expect_errno("gettime to NULL", ERR(timerfd_gettime(fd, NULL)), EFAULT);
	memset(&v, 0x55, sizeof(v));
	expect_value("gettime of a new timer", ERR(timerfd_gettime(fd, &v)), 0);
	report(ts_ns(v.it_value) == 0 && ts_ns(v.it_interval) == 0, "value 0, interval 0");
	uint32_t small;
	expect_errno("read of 4 bytes", ERR(read(fd, &small, 4)), EINVAL);
	close(fd);
	fd = timerfd_create(CLOCK_MONOTONIC, TFD_NONBLOCK | TFD_CLOEXEC);
	report(fcntl(fd, F_GETFD) == FD_CLOEXEC, "TFD_CLOEXEC");
	report(fcntl(fd, F_GETFL) & O_NONBLOCK, "TFD_NONBLOCK");
	uint64_t ticks;
	expect_errno("read of a disarmed timer", ERR(read(fd, &ticks, 8)), EAGAIN);
	v = its(1000000, 0);
	expect_errno("settime with a bad old pointer", ERR(timerfd_settime(fd, 0, &v, (void *)1)), EFAULT);
	usleep(20000);
	expect_value("...set all the same: it fired", ERR(read(fd, &ticks, 8)), 8);
	close(fd);
}

static void one_shot(void)
{
	int fd = timerfd_create(CLOCK_MONOTONIC, 0);
	struct itimerspec v = its(50000000, 0), cur;
	uint64_t ticks = 0;
	struct pollfd pfd = { fd, POLLIN, 0 };

	int64_t t0 = now_ns(CLOCK_MONOTONIC);
	expect_value("settime 50 ms relative", ERR(timerfd_settime(fd, 0, &v, NULL)), 0);
	timerfd_gettime(fd, &cur);
	report(ts_ns(cur.it_value) > 0 && ts_ns(cur.it_value) <= 50000000 && ts_ns(cur.it_interval) == 0,
	       "gettime: some of 50 ms left, no interval");
	expect_value("poll before it expires", ERR(poll(&pfd, 1, 0)), 0);
	expect_value("a blocking read", ERR(read(fd, &ticks, 8)), 8);
	int64_t took = now_ns(CLOCK_MONOTONIC) - t0;
	report(ticks == 1, "one expiry: %llu", (unsigned long long)ticks);
	report(took >= 50000000, "not before 50 ms");
	timerfd_gettime(fd, &cur);
	report(ts_ns(cur.it_value) == 0, "disarmed afterwards");
	close(fd);
}

static void periodic(void)
{
	int fd = timerfd_create(CLOCK_MONOTONIC, TFD_NONBLOCK);
	struct itimerspec v = its(10000000, 10000000), cur;
	uint64_t ticks = 0;

	int64_t t0 = now_ns(CLOCK_MONOTONIC);
	timerfd_settime(fd, 0, &v, NULL);
	usleep(55000);
	expect_value("read after 55 ms of a 10 ms period", ERR(read(fd, &ticks, 8)), 8);
	int64_t t1 = now_ns(CLOCK_MONOTONIC);
	int64_t lo = (now_ns(CLOCK_MONOTONIC) - t0 - 10000000) / 10000000 - 1;
	(void)t1;
	report(ticks >= 5, "at least 5 periods");
	report((int64_t)ticks >= lo && (int64_t)ticks <= (t1 - t0) / 10000000 + 1,
	       "as many as the time says");
	timerfd_gettime(fd, &cur);
	report(ts_ns(cur.it_interval) == 10000000 && ts_ns(cur.it_value) > 0 &&
	       ts_ns(cur.it_value) <= 10000000, "gettime: interval 10 ms, within a period of the next");
	usleep(25000);
	timerfd_gettime(fd, &cur);
	report(ts_ns(cur.it_value) > 0 && ts_ns(cur.it_value) <= 10000000, "still, 25 ms later");
	expect_value("read", ERR(read(fd, &ticks, 8)), 8);
	report(ticks >= 2, "the periods since: at least 2");
	struct itimerspec off = its(0, 0), old;
	expect_value("disarm", ERR(timerfd_settime(fd, 0, &off, &old)), 0);
	report(ts_ns(old.it_interval) == 10000000 && ts_ns(old.it_value) > 0 && ts_ns(old.it_value) <= 10000000,
	       "the old value: interval 10 ms and the time to the next");
	usleep(20000);
	expect_errno("no more ticks", ERR(read(fd, &ticks, 8)), EAGAIN);
	close(fd);
}

static void absolute(void)
{
	int fd = timerfd_create(CLOCK_MONOTONIC, 0);
	uint64_t ticks = 0;

	int64_t when = now_ns(CLOCK_MONOTONIC) + 30000000;
	struct itimerspec v = its(when, 0);
	expect_value("TFD_TIMER_ABSTIME, 30 ms ahead", ERR(timerfd_settime(fd, TFD_TIMER_ABSTIME, &v, NULL)), 0);
	read(fd, &ticks, 8);
	report(ticks == 1 && now_ns(CLOCK_MONOTONIC) >= when, "read at the deadline, not before: %llu", (unsigned long long)ticks);
	v = its(1000000, 0);
	expect_value("TFD_TIMER_ABSTIME in the past", ERR(timerfd_settime(fd, TFD_TIMER_ABSTIME, &v, NULL)), 0);
	read(fd, &ticks, 8);
	report(ticks == 1, "expires at once: %llu", (unsigned long long)ticks);
	close(fd);

	fd = timerfd_create(CLOCK_REALTIME, 0);
	when = now_ns(CLOCK_REALTIME) + 20000000;
	v = its(when, 0);
	expect_value("CLOCK_REALTIME absolute, CANCEL_ON_SET",
		     ERR(timerfd_settime(fd, TFD_TIMER_ABSTIME | TFD_TIMER_CANCEL_ON_SET, &v, NULL)), 0);
	read(fd, &ticks, 8);
	report(ticks == 1 && now_ns(CLOCK_REALTIME) >= when, "realtime deadline reached: %llu", (unsigned long long)ticks);
	close(fd);
	fd = timerfd_create(CLOCK_BOOTTIME, 0);
	v = its(5000000, 0);
	expect_value("CLOCK_BOOTTIME 5 ms", ERR(timerfd_settime(fd, 0, &v, NULL)), 0);
	read(fd, &ticks, 8);
	report(ticks == 1, "expired: %llu", (unsigned long long)ticks);
	close(fd);
}

static void events(void)
{
	int fd = timerfd_create(CLOCK_MONOTONIC, TFD_NONBLOCK);
	int ep = epoll_create1(0);
	struct epoll_event ev = { .events = EPOLLIN, .data.u32 = 7 }, out[2];
	uint64_t ticks;

	epoll_ctl(ep, EPOLL_CTL_ADD, fd, &ev);
	expect_value("epoll_wait before arming", ERR(epoll_wait(ep, out, 2, 0)), 0);
	struct itimerspec v = its(20000000, 0);
	timerfd_settime(fd, 0, &v, NULL);
	expect_value("epoll_wait wakes for a 20 ms timer", ERR(epoll_wait(ep, out, 2, 2000)), 1);
	report(out[0].events == EPOLLIN && out[0].data.u32 == 7, "EPOLLIN, data 7");
	struct pollfd pfd = { fd, POLLIN, 0 };
	expect_value("poll sees it", ERR(poll(&pfd, 1, 0)), 1);
	report(pfd.revents == POLLIN, "POLLIN");
	expect_value("read", ERR(read(fd, &ticks, 8)), 8);
	expect_value("epoll_wait after the read", ERR(epoll_wait(ep, out, 2, 0)), 0);

	v = its(1000000, 0);
	timerfd_settime(fd, 0, &v, NULL);
	usleep(10000);
	expect_value("expired, poll", ERR(poll(&pfd, 1, 0)), 1);
	v = its(1000000000, 0);
	timerfd_settime(fd, 0, &v, NULL);
	expect_errno("settime again clears the tick", ERR(read(fd, &ticks, 8)), EAGAIN);
	expect_value("poll too", ERR(poll(&pfd, 1, 0)), 0);
	struct itimerspec old, off = its(0, 0);
	timerfd_settime(fd, 0, &off, &old);
	report(ts_ns(old.it_value) > 900000000 && ts_ns(old.it_value) <= 1000000000 && ts_ns(old.it_interval) == 0,
	       "the old value: most of a second");
	close(ep);
	close(fd);
}

int main(void)
{
	errors();
	one_shot();
	periodic();
	absolute();
	events();
	printf("%s\n", failed ? "timerfd: FAILED" : "timerfd: all passed");
	return failed != 0;
}
