/* close_range: descriptors from first to last closed, or marked
 * close-on-exec with CLOSE_RANGE_CLOEXEC; EINVAL for unknown flags and
 * first > last; a range past the table and ~0U; CLOSE_RANGE_UNSHARE in
 * a thread closes its own copy only. */
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "errname.h"

#ifndef SYS_close_range
#define SYS_close_range 436
#endif
#define CLOSE_RANGE_UNSHARE	(1U << 1)
#define CLOSE_RANGE_CLOEXEC	(1U << 2)

static long close_range(unsigned int a, unsigned int b, unsigned int f)
{
	return syscall(SYS_close_range, a, b, f);
}

static void show(const char *what, int lo, int hi)
{
	char line[256];
	int n = 0;

	for (int fd = lo; fd <= hi; fd++) {
		int fl = fcntl(fd, F_GETFD);
		n += snprintf(line + n, sizeof(line) - n, " %d:%s", fd,
			      fl < 0 ? errname(errno) : fl ? "cloexec" : "open");
	}
	report(1, "%s:%s", what, line);
}

static void *unshare_close(void *arg)
{
	(void)arg;
	return (void *)close_range(20, 21, CLOSE_RANGE_UNSHARE);
}

int main(void)
{
	for (int fd = 10; fd <= 16; fd++)
		dup2(1, fd);
	expect_value("close_range(11, 13, 0)", ERR(close_range(11, 13, 0)), 0);
	show("after", 10, 16);
	expect_value("close_range(14, 15, CLOEXEC)", ERR(close_range(14, 15, CLOSE_RANGE_CLOEXEC)), 0);
	show("after", 10, 16);
	expect_errno("flags 1", ERR(close_range(10, 16, 1)), EINVAL);
	expect_errno("flags 8", ERR(close_range(10, 16, 8)), EINVAL);
	expect_errno("first > last", ERR(close_range(16, 10, 0)), EINVAL);
	expect_value("nothing open in 100..200", ERR(close_range(100, 200, 0)), 0);
	expect_value("close_range(16, ~0U, 0)", ERR(close_range(16, ~0U, 0)), 0);
	show("after", 10, 16);
	expect_value("close_range(~0U, ~0U, 0)", ERR(close_range(~0U, ~0U, 0)), 0);
	expect_value("close_range(10, 10, CLOEXEC|UNSHARE)", ERR(close_range(10, 10, CLOSE_RANGE_CLOEXEC | CLOSE_RANGE_UNSHARE)), 0);
	show("after", 10, 10);

	dup2(1, 20);
	dup2(1, 21);
	pthread_t t;
	void *ret;
	pthread_create(&t, NULL, unshare_close, NULL);
	pthread_join(t, &ret);
	report(ret == NULL, "CLOSE_RANGE_UNSHARE in a thread: %ld", (long)ret);
	show("ours after the thread's", 20, 21);
	close_range(3, ~0U, 0);
	show("everything from 3 closed", 3, 4);
	show("and 10..21", 10, 11);
	printf("%s\n", failed ? "close_range: FAILED" : "close_range: all passed");
	return failed != 0;
}
