/*
 * thread_util.h - what the thread tests share: the raw futex call, and
 * a way to know that another thread is asleep in the kernel (its
 * /proc/self/task/<tid>/stat says S), so that a test can wake it
 * knowing it was waiting rather than guessing with a sleep.
 */
#ifndef USER_TESTS_THREAD_UTIL_H
#define USER_TESTS_THREAD_UTIL_H

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#define FUTEX_WAIT		0
#define FUTEX_WAKE		1
#define FUTEX_REQUEUE		3
#define FUTEX_CMP_REQUEUE	4
#define FUTEX_WAIT_BITSET	9
#define FUTEX_WAKE_BITSET	10
#define FUTEX_PRIVATE_FLAG	128
#define FUTEX_CLOCK_REALTIME	256

static inline long futex(volatile int *uaddr, int op, int val,
			 const struct timespec *ts, volatile int *uaddr2, int val3)
{
	return syscall(SYS_futex, uaddr, op, val, ts, uaddr2, val3);
}

/* The same call with a number where the timeout goes (REQUEUE's). */
static inline long futex_n(volatile int *uaddr, int op, int val, long val2,
			   volatile int *uaddr2, int val3)
{
	return syscall(SYS_futex, uaddr, op, val, val2, uaddr2, val3);
}

static inline int my_tid(void)
{
	return syscall(SYS_gettid);
}

/* The state letter of thread tid of this process, or 0. */
static inline char task_state(int tid)
{
	char path[64], buf[512];

	snprintf(path, sizeof path, "/proc/self/task/%d/stat", tid);
	int fd = open(path, O_RDONLY);
	if (fd < 0)
		return 0;
	ssize_t n = read(fd, buf, sizeof buf - 1);
	close(fd);
	if (n <= 0)
		return 0;
	buf[n] = 0;
	char *p = strrchr(buf, ')');
	return p && p[1] == ' ' ? p[2] : 0;
}

/* Wait (up to 10 s) until thread tid sleeps; 1 if it does. */
static inline int wait_until_sleeping(int tid)
{
	for (int i = 0; i < 10000; i++) {
		if (task_state(tid) == 'S')
			return 1;
		usleep(1000);
	}
	return 0;
}

/* Milliseconds on the monotonic clock. */
static inline long mono_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

#endif
