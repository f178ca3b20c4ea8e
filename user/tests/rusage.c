/* rusage: getrusage(RUSAGE_SELF, RUSAGE_THREAD, RUSAGE_CHILDREN) and
 * times(2).  User time is counted for a spinning thread and belongs to
 * the process (SELF includes a joined thread's); RUSAGE_THREAD is the
 * caller's own; children count only once reaped; times' fields agree
 * and its return value advances with the clock; voluntary switches
 * count sleeps; EINVAL and EFAULT. */
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/times.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "errname.h"

#ifndef RUSAGE_THREAD
#define RUSAGE_THREAD 1
#endif

static long usec(struct timeval tv)
{
	return tv.tv_sec * 1000000L + tv.tv_usec;
}

/* User plus system time: Linux splits a total by its own ratio for the
 * thread and for the process, so only the totals compare. */
static long utime_of(int who)
{
	struct rusage ru;

	getrusage(who, &ru);
	return usec(ru.ru_utime) + usec(ru.ru_stime);
}

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

/* Spin until who's user time grew by us microseconds (10 s at most). */
static int spin(int who, long us)
{
	long start = utime_of(who);
	double end = now() + 10;
	volatile unsigned long x = 0;

	while (utime_of(who) - start < us && now() < end)
		for (int i = 0; i < 100000; i++)
			x++;
	return utime_of(who) - start >= us;
}

/* Whether pid is a zombie (its /proc/PID/stat's state is Z). */
static int is_zombie(pid_t pid)
{
	char path[64], buf[512];
	snprintf(path, sizeof(path), "/proc/%d/stat", pid);
	FILE *f = fopen(path, "r");
	if (!f)
		return 0;
	size_t n = fread(buf, 1, sizeof(buf) - 1, f);
	fclose(f);
	buf[n] = '\0';
	char *p = strrchr(buf, ')');
	return p && p[1] == ' ' && p[2] == 'Z';
}

static long thread_spun;

static void *spinner(void *arg)
{
	(void)arg;
	int ok = spin(RUSAGE_THREAD, 100000);
	thread_spun = utime_of(RUSAGE_THREAD);
	return (void *)(long)ok;
}

int main(void)
{
	struct rusage ru;
	struct tms t;

	expect_errno("getrusage(2)", ERR(getrusage(2, &ru)), EINVAL);
	expect_errno("getrusage(-2)", ERR(getrusage(-2, &ru)), EINVAL);
	expect_errno("getrusage to a bad pointer", ERR(syscall(SYS_getrusage, RUSAGE_SELF, (void *)1)), EFAULT);
	expect_errno("times to a bad pointer", ERR(syscall(SYS_times, (void *)1)), EFAULT);
	getrusage(RUSAGE_CHILDREN, &ru);
	report(usec(ru.ru_utime) == 0 && usec(ru.ru_stime) == 0, "no children's time at first");
	report(spin(RUSAGE_SELF, 50000), "50 ms of user time counted for RUSAGE_SELF");
	getrusage(RUSAGE_SELF, &ru);
	report(ru.ru_maxrss > 0, "ru_maxrss is some kB");
	/* user + system: Linux splits each total by its own ratio, so only
	 * the sums compare. */
	struct rusage rt, rs;
	getrusage(RUSAGE_THREAD, &rt);
	getrusage(RUSAGE_SELF, &rs);
	report(usec(rt.ru_utime) + usec(rt.ru_stime) <= usec(rs.ru_utime) + usec(rs.ru_stime),
	       "RUSAGE_THREAD <= RUSAGE_SELF");

	long self0 = utime_of(RUSAGE_SELF), main0 = utime_of(RUSAGE_THREAD);
	pthread_t th;
	void *ok;
	pthread_create(&th, NULL, spinner, NULL);
	pthread_join(th, &ok);
	report(ok != NULL, "a thread spins 100 ms of its own user time");
	long self1 = utime_of(RUSAGE_SELF), main1 = utime_of(RUSAGE_THREAD);
	report(self1 - self0 >= thread_spun, "RUSAGE_SELF includes the joined thread's time");
	report(main1 - main0 < thread_spun, "our RUSAGE_THREAD does not");

	pid_t c = fork();
	if (c == 0)
		_exit(!spin(RUSAGE_SELF, 100000));
	int st;
	while (!is_zombie(c))
		usleep(1000);
	getrusage(RUSAGE_CHILDREN, &ru);
	report(usec(ru.ru_utime) == 0, "a dead child not yet reaped counts nothing");
	waitpid(c, &st, 0);
	report(WIFEXITED(st) && WEXITSTATUS(st) == 0, "the child spun 100 ms");
	getrusage(RUSAGE_CHILDREN, &ru);
	report(usec(ru.ru_utime) + usec(ru.ru_stime) >= 100000, "reaped, RUSAGE_CHILDREN has its time");

	clock_t t0 = times(&t);
	report(t0 != (clock_t)-1, "times() works");
	long ct = t.tms_cutime + t.tms_cstime;
	report(ct >= 9 && ct * 10000L <= usec(ru.ru_utime) + usec(ru.ru_stime) + 20000, "tms_cutime + tms_cstime agree with RUSAGE_CHILDREN");
	report(t.tms_utime + t.tms_stime >= 14, "tms_utime + tms_stime have ours and the thread's");
	struct timespec d = { 0, 200000000 };
	nanosleep(&d, NULL);
	clock_t t1 = times(NULL);
	report(t1 - t0 >= 19 && t1 - t0 <= 100, "times() advances with the clock over 200 ms");

	getrusage(RUSAGE_THREAD, &ru);
	long nv = ru.ru_nvcsw;
	d.tv_nsec = 1000000;
	for (int i = 0; i < 5; i++)
		nanosleep(&d, NULL);
	getrusage(RUSAGE_THREAD, &ru);
	report(ru.ru_nvcsw - nv >= 5, "5 sleeps are 5 voluntary switches at least");
	printf("%s\n", failed ? "rusage: FAILED" : "rusage: all passed");
	return failed != 0;
}
