/*
 * clock.h - monotonic nanoseconds for the user programs that time
 * things (epoll-bench, the epoll tests).
 */
#ifndef USER_LIB_CLOCK_H
#define USER_LIB_CLOCK_H

#include <string.h>
#include <sys/time.h>
#include <time.h>

/* Monotonic nanoseconds.  Where clock_gettime is missing (a kernel that
 * has no time syscalls yet), a long ITIMER_REAL counting down serves,
 * at the timer's resolution. */
static inline long long now_ns(void)
{
	static int armed;
	struct timespec ts;
	struct itimerval it;

	if (clock_gettime(CLOCK_MONOTONIC, &ts) == 0)
		return ts.tv_sec * 1000000000LL + ts.tv_nsec;
	if (!armed) {
		memset(&it, 0, sizeof(it));
		it.it_value.tv_sec = 1000000;
		setitimer(ITIMER_REAL, &it, NULL);
		armed = 1;
	}
	getitimer(ITIMER_REAL, &it);
	return (1000000LL - it.it_value.tv_sec) * 1000000000LL -
	       it.it_value.tv_usec * 1000LL;
}

#endif
