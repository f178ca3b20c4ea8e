/* posix_timers: timer_create, timer_settime, timer_gettime,
 * timer_getoverrun and timer_delete through the raw system calls (the C
 * library's SIGEV_THREAD is its own).  The errors: EINVAL for bad
 * clocks, notifications, signals and thread ids, EOPNOTSUPP for clocks
 * that cannot be timed, EFAULT, EINVAL for unknown ids and bad
 * timespecs.  A one-shot timer's siginfo (SI_TIMER, its id, its value,
 * no overrun) and gettime before and after; the default event (SIGALRM
 * carrying the id); a periodic timer whose signal waits blocked: the
 * missed periods are si_overrun and timer_getoverrun; periods on their
 * grid; TIMER_ABSTIME on CLOCK_MONOTONIC and CLOCK_REALTIME, in the
 * past too; SIGEV_NONE counting down with no signal; SIGEV_THREAD_ID
 * pending on that thread alone; settime's old value; a signal of a
 * setting that is gone (set again, deleted) dropped when taken; a
 * user's own SI_TIMER (rt_sigqueueinfo) delivered as sent; a child of
 * fork has no timers; delete. */
#define _GNU_SOURCE
#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "errname.h"

#ifndef SIGEV_THREAD_ID
#define SIGEV_THREAD_ID 4
#endif

/* struct sigevent as the kernel reads it. */
struct ksigevent {
	union sigval value;
	int signo;
	int notify;
	union {
		int pad[12];
		int tid;
	};
};

static long k_timer_create(clockid_t c, struct ksigevent *ev, int *id)
{
	return syscall(SYS_timer_create, c, ev, id);
}

static long k_settime(int id, int flags, const struct itimerspec *n,
		      struct itimerspec *o)
{
	return syscall(SYS_timer_settime, id, flags, n, o);
}

static long k_gettime(int id, struct itimerspec *cur)
{
	return syscall(SYS_timer_gettime, id, cur);
}

static long k_getoverrun(int id)
{
	return syscall(SYS_timer_getoverrun, id);
}

static long k_delete(int id)
{
	return syscall(SYS_timer_delete, id);
}

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

static int64_t ts_ns(const struct timespec *t)
{
	return t->tv_sec * 1000000000LL + t->tv_nsec;
}

static void sleep_ns(int64_t ns)
{
	struct timespec t = { ns / 1000000000, ns % 1000000000 };

	while (nanosleep(&t, &t) && errno == EINTR)
		;
}

static sigset_t only(int sig)
{
	sigset_t s;

	sigemptyset(&s);
	sigaddset(&s, sig);
	return s;
}

/* Wait for sig (blocked) up to 5 s; its siginfo, or signo 0. */
static siginfo_t wait_sig(int sig)
{
	sigset_t s = only(sig);
	struct timespec t = { 5, 0 };
	siginfo_t si;

	memset(&si, 0, sizeof(si));
	if (sigtimedwait(&s, &si, &t) != sig)
		si.si_signo = 0;
	return si;
}

static int sig_pending(int sig)
{
	sigset_t s;

	sigpending(&s);
	return sigismember(&s, sig);
}

static struct ksigevent ev_signal(int sig, int value)
{
	struct ksigevent ev;

	memset(&ev, 0, sizeof(ev));
	ev.notify = SIGEV_SIGNAL;
	ev.signo = sig;
	ev.value.sival_int = value;
	return ev;
}

static void errors(void)
{
	struct ksigevent ev = ev_signal(SIGUSR1, 0);
	struct itimerspec v = its(1000000, 0);
	int id;

	expect_errno("create on clock 12345", ERR(k_timer_create(12345, &ev, &id)), EINVAL);
	expect_errno("create on CLOCK_MONOTONIC_RAW",
		     ERR(k_timer_create(CLOCK_MONOTONIC_RAW, &ev, &id)), EOPNOTSUPP);
	expect_errno("create on CLOCK_MONOTONIC_COARSE",
		     ERR(k_timer_create(CLOCK_MONOTONIC_COARSE, &ev, &id)), EOPNOTSUPP);
	ev.notify = 99;
	expect_errno("create with notify 99", ERR(k_timer_create(CLOCK_MONOTONIC, &ev, &id)), EINVAL);
	ev = ev_signal(0, 0);
	expect_errno("create with signal 0", ERR(k_timer_create(CLOCK_MONOTONIC, &ev, &id)), EINVAL);
	ev = ev_signal(65, 0);
	expect_errno("create with signal 65", ERR(k_timer_create(CLOCK_MONOTONIC, &ev, &id)), EINVAL);
	ev = ev_signal(SIGUSR1, 0);
	ev.notify = SIGEV_THREAD_ID;
	ev.tid = 0x3ffffff0;
	expect_errno("create for a thread that does not exist",
		     ERR(k_timer_create(CLOCK_MONOTONIC, &ev, &id)), EINVAL);
	ev.tid = 1;
	expect_errno("create for another process's thread",
		     ERR(k_timer_create(CLOCK_MONOTONIC, &ev, &id)), EINVAL);
	expect_errno("create with a bad sigevent pointer",
		     ERR(k_timer_create(CLOCK_MONOTONIC, (void *)8, &id)), EFAULT);
	ev = ev_signal(SIGUSR1, 0);
	expect_errno("create with a bad id pointer",
		     ERR(k_timer_create(CLOCK_MONOTONIC, &ev, (void *)8)), EFAULT);

	expect_errno("settime of id 12345", ERR(k_settime(12345, 0, &v, NULL)), EINVAL);
	expect_errno("gettime of id 12345", ERR(k_gettime(12345, &v)), EINVAL);
	expect_errno("getoverrun of id 12345", ERR(k_getoverrun(12345)), EINVAL);
	expect_errno("delete of id -1", ERR(k_delete(-1)), EINVAL);

	expect_value("create on CLOCK_MONOTONIC", ERR(k_timer_create(CLOCK_MONOTONIC, &ev, &id)), 0);
	expect_errno("settime with no new value", ERR(k_settime(id, 0, NULL, NULL)), EINVAL);
	expect_errno("settime with a bad new pointer", ERR(k_settime(id, 0, (void *)8, NULL)), EFAULT);
	v = its(0, 0);
	v.it_value.tv_nsec = 1000000000;
	expect_errno("settime with tv_nsec 1e9", ERR(k_settime(id, 0, &v, NULL)), EINVAL);
	v = its(1000000, 0);
	v.it_interval.tv_nsec = -1;
	expect_errno("settime with a negative interval", ERR(k_settime(id, 0, &v, NULL)), EINVAL);
	v = its(0, 0);
	v.it_value.tv_sec = -1;
	expect_errno("settime with a negative value", ERR(k_settime(id, 0, &v, NULL)), EINVAL);
	expect_errno("gettime into a bad pointer", ERR(k_gettime(id, (void *)8)), EFAULT);
	struct itimerspec cur;
	expect_value("gettime of a timer never set", ERR(k_gettime(id, &cur)), 0);
	report(ts_ns(&cur.it_value) == 0 && ts_ns(&cur.it_interval) == 0,
	       "a timer never set reads all zeros");
	expect_value("getoverrun of a timer never set", ERR(k_getoverrun(id)), 0);
	expect_value("delete", ERR(k_delete(id)), 0);
	expect_errno("delete again", ERR(k_delete(id)), EINVAL);
	expect_errno("gettime after delete", ERR(k_gettime(id, &cur)), EINVAL);
}

static volatile sig_atomic_t got;
static siginfo_t got_info;

static void handler(int sig, siginfo_t *si, void *uc)
{
	(void)sig;
	(void)uc;
	got_info = *si;
	got++;
}

static void one_shot(void)
{
	struct sigaction sa = { .sa_sigaction = handler, .sa_flags = SA_SIGINFO };
	int sig = SIGRTMIN + 1, id, id2;
	struct ksigevent ev = ev_signal(sig, 42);
	struct itimerspec cur, v = its(30000000, 0);

	sigaction(sig, &sa, NULL);
	expect_value("create for a one-shot", ERR(k_timer_create(CLOCK_MONOTONIC, &ev, &id)), 0);
	ev.value.sival_int = 43;
	expect_value("create a second timer", ERR(k_timer_create(CLOCK_MONOTONIC, &ev, &id2)), 0);
	report(id != id2 && id >= 0 && id2 >= 0, "two timers have distinct ids");
	got = 0;
	int64_t t0 = now_ns(CLOCK_MONOTONIC);
	expect_value("settime 30 ms", ERR(k_settime(id, 0, &v, NULL)), 0);
	k_gettime(id, &cur);
	report(ts_ns(&cur.it_value) > 0 && ts_ns(&cur.it_value) <= 30000000 &&
	       ts_ns(&cur.it_interval) == 0, "gettime: at most 30 ms left, no interval");
	while (!got && now_ns(CLOCK_MONOTONIC) - t0 < 5000000000LL)
		pause();
	int64_t took = now_ns(CLOCK_MONOTONIC) - t0;
	report(got == 1, "the handler ran once");
	report(took >= 30000000, "not before 30 ms");
	report(got_info.si_signo == sig && got_info.si_code == SI_TIMER,
	       "siginfo: the signal, SI_TIMER");
	report(got_info.si_value.sival_int == 42, "siginfo: the sigev_value given");
	report(got_info.si_timerid == id, "siginfo: the timer's id");
	report(got_info.si_overrun == 0, "siginfo: no overrun");
	k_gettime(id, &cur);
	report(ts_ns(&cur.it_value) == 0 && ts_ns(&cur.it_interval) == 0,
	       "gettime after it fired: disarmed");
	expect_value("getoverrun after it fired", ERR(k_getoverrun(id)), 0);

	/* settime's old value, and disarming with a zero value. */
	v = its(2000000000, 500000000);
	k_settime(id2, 0, &v, NULL);
	struct itimerspec old;
	v = its(0, 0);
	expect_value("settime to zero", ERR(k_settime(id2, 0, &v, &old)), 0);
	report(ts_ns(&old.it_value) > 1000000000 && ts_ns(&old.it_value) <= 2000000000 &&
	       ts_ns(&old.it_interval) == 500000000,
	       "settime's old value: up to 2 s left, interval 0.5 s");
	k_gettime(id2, &cur);
	report(ts_ns(&cur.it_value) == 0 && ts_ns(&cur.it_interval) == 0,
	       "a zero value disarms, the interval too");
	k_delete(id);
	k_delete(id2);
	signal(sig, SIG_DFL);
}

static void default_event(void)
{
	int id;
	sigset_t s = only(SIGALRM);

	sigprocmask(SIG_BLOCK, &s, NULL);
	expect_value("create with no sigevent", ERR(k_timer_create(CLOCK_REALTIME, NULL, &id)), 0);
	struct itimerspec v = its(10000000, 0);
	k_settime(id, 0, &v, NULL);
	siginfo_t si = wait_sig(SIGALRM);
	report(si.si_signo == SIGALRM && si.si_code == SI_TIMER,
	       "no sigevent: SIGALRM with SI_TIMER");
	report(si.si_value.sival_int == id && si.si_timerid == id,
	       "no sigevent: the value is the timer's id");
	k_delete(id);
	sigprocmask(SIG_UNBLOCK, &s, NULL);
}

static void periodic(void)
{
	int sig = SIGRTMIN + 3, id;
	sigset_t s = only(sig);
	struct ksigevent ev = ev_signal(sig, 7);

	sigprocmask(SIG_BLOCK, &s, NULL);
	k_timer_create(CLOCK_MONOTONIC, &ev, &id);

	/* Ten periods of 3 ms, taken as they come. */
	struct itimerspec v = its(3000000, 3000000);
	int64_t t0 = now_ns(CLOCK_MONOTONIC);
	k_settime(id, 0, &v, NULL);
	int n = 0;
	for (int i = 0; i < 10; i++)
		n += wait_sig(sig).si_signo == sig;
	int64_t took = now_ns(CLOCK_MONOTONIC) - t0;
	report(n == 10, "a 3 ms periodic timer: 10 signals taken");
	report(took >= 30000000, "ten periods take at least 30 ms");
	struct itimerspec cur;
	k_gettime(id, &cur);
	report(ts_ns(&cur.it_interval) == 3000000 && ts_ns(&cur.it_value) > 0 &&
	       ts_ns(&cur.it_value) <= 3000000, "gettime: interval 3 ms, at most 3 ms left");

	/* The signal waits 100 ms: one signal, the other periods overrun.
	 * How many is measured, not assumed: a loaded machine sleeps
	 * longer than asked. */
	v = its(5000000, 5000000);
	t0 = now_ns(CLOCK_MONOTONIC);
	k_settime(id, 0, &v, NULL);
	sleep_ns(100000000);
	int64_t woke = now_ns(CLOCK_MONOTONIC);
	report(sig_pending(sig), "the periodic timer's signal is pending");
	k_gettime(id, &cur);
	report(ts_ns(&cur.it_value) > 0 && ts_ns(&cur.it_value) <= 5000000,
	       "gettime while its signal waits: at most a period left");
	siginfo_t si = wait_sig(sig);
	int64_t taken = now_ns(CLOCK_MONOTONIC);
	report(si.si_signo == sig && si.si_value.sival_int == 7, "one signal for the whole wait");
	/* Periods that ended by then, less the one that sent the signal. */
	long lo = (woke - t0) / 5000000 - 2, hi = (taken - t0) / 5000000;
	report(si.si_overrun >= 10 && si.si_overrun >= lo && si.si_overrun <= hi,
	       "si_overrun counts the periods missed (about 19)");
	report(k_getoverrun(id) == si.si_overrun, "timer_getoverrun says the same");
	report(!sig_pending(sig), "only one signal was queued");
	si = wait_sig(sig);
	int64_t next = now_ns(CLOCK_MONOTONIC);
	report(si.si_signo == sig, "the next period's signal comes");
	report(si.si_overrun <= (next - taken) / 5000000 + 1,
	       "with no more overrun than the time since says");

	/* A new setting: its overrun starts again. */
	v = its(50000000, 0);
	k_settime(id, 0, &v, NULL);
	expect_value("getoverrun after settime", ERR(k_getoverrun(id)), 0);
	v = its(0, 0);
	k_settime(id, 0, &v, NULL);
	k_delete(id);
	sigprocmask(SIG_UNBLOCK, &s, NULL);
}

static void absolute(void)
{
	int sig = SIGRTMIN + 4, id;
	sigset_t s = only(sig);
	struct ksigevent ev = ev_signal(sig, 0);
	static const clockid_t clocks[] = { CLOCK_MONOTONIC, CLOCK_REALTIME, CLOCK_BOOTTIME };
	static const char *names[] = { "CLOCK_MONOTONIC", "CLOCK_REALTIME", "CLOCK_BOOTTIME" };

	sigprocmask(SIG_BLOCK, &s, NULL);
	for (int i = 0; i < 3; i++) {
		k_timer_create(clocks[i], &ev, &id);
		int64_t at = now_ns(clocks[i]) + 40000000;
		struct itimerspec v = its(at, 0), cur;
		expect_value(names[i], ERR(k_settime(id, TIMER_ABSTIME, &v, NULL)), 0);
		k_gettime(id, &cur);
		report(ts_ns(&cur.it_value) > 0 && ts_ns(&cur.it_value) <= 40000000,
		       "%s absolute: gettime is relative, at most 40 ms", names[i]);
		siginfo_t si = wait_sig(sig);
		report(si.si_signo == sig && now_ns(clocks[i]) >= at,
		       "%s absolute: the signal, not before the time", names[i]);
		/* A time already past (half of now: a kernel's monotonic
		 * clock may be younger than a second): at once. */
		v = its(now_ns(clocks[i]) / 2, 0);
		int64_t t0 = now_ns(CLOCK_MONOTONIC);
		k_settime(id, TIMER_ABSTIME, &v, NULL);
		si = wait_sig(sig);
		report(si.si_signo == sig && now_ns(CLOCK_MONOTONIC) - t0 < 1000000000,
		       "%s absolute in the past: at once", names[i]);
		k_delete(id);
	}
	/* Flags other than TIMER_ABSTIME are ignored. */
	k_timer_create(CLOCK_MONOTONIC, &ev, &id);
	struct itimerspec v = its(1000000000, 0);
	expect_value("settime with flags 0x10", ERR(k_settime(id, 0x10, &v, NULL)), 0);
	k_delete(id);
	sigprocmask(SIG_UNBLOCK, &s, NULL);
}

static void sigev_none(void)
{
	int id;
	struct ksigevent ev;
	struct itimerspec cur, v = its(1000000000, 0);

	memset(&ev, 0, sizeof(ev));
	ev.notify = SIGEV_NONE;
	ev.signo = 12345;	/* not looked at */
	expect_value("create with SIGEV_NONE", ERR(k_timer_create(CLOCK_MONOTONIC, &ev, &id)), 0);
	k_settime(id, 0, &v, NULL);
	sleep_ns(20000000);
	k_gettime(id, &cur);
	report(ts_ns(&cur.it_value) > 500000000 && ts_ns(&cur.it_value) < 990000000,
	       "SIGEV_NONE: counts down (20 ms gone of 1 s)");
	v = its(10000000, 0);
	k_settime(id, 0, &v, NULL);
	sleep_ns(30000000);
	k_gettime(id, &cur);
	report(ts_ns(&cur.it_value) == 0, "SIGEV_NONE one-shot past its time: 0 left");
	v = its(10000000, 10000000);
	k_settime(id, 0, &v, NULL);
	sleep_ns(35000000);
	k_gettime(id, &cur);
	report(ts_ns(&cur.it_value) > 0 && ts_ns(&cur.it_value) <= 10000000 &&
	       ts_ns(&cur.it_interval) == 10000000,
	       "SIGEV_NONE periodic: within a period of the next");
	report(k_getoverrun(id) == 0, "SIGEV_NONE: no overrun reported");
	k_delete(id);
}

static int main_tid;
static volatile int thread_saw = -1, main_saw = -1;

static void *other_thread(void *arg)
{
	(void)arg;
	thread_saw = sig_pending(SIGRTMIN + 5);
	return NULL;
}

static void thread_id(void)
{
	int sig = SIGRTMIN + 5, id;
	sigset_t s = only(sig);
	struct ksigevent ev = ev_signal(sig, 5);

	main_tid = syscall(SYS_gettid);
	sigprocmask(SIG_BLOCK, &s, NULL);
	ev.notify = SIGEV_THREAD_ID;
	ev.tid = main_tid;
	expect_value("create with SIGEV_THREAD_ID (this thread)",
		     ERR(k_timer_create(CLOCK_MONOTONIC, &ev, &id)), 0);
	struct itimerspec v = its(5000000, 0);
	k_settime(id, 0, &v, NULL);
	sleep_ns(30000000);
	main_saw = sig_pending(sig);
	pthread_t t;
	pthread_create(&t, NULL, other_thread, NULL);	/* inherits the mask */
	pthread_join(t, NULL);
	report(main_saw == 1, "SIGEV_THREAD_ID: pending on this thread");
	report(thread_saw == 0, "SIGEV_THREAD_ID: not on the other thread");
	siginfo_t si = wait_sig(sig);
	report(si.si_signo == sig && si.si_code == SI_TIMER && si.si_value.sival_int == 5,
	       "SIGEV_THREAD_ID: taken with SI_TIMER and the value");
	k_delete(id);
	sigprocmask(SIG_UNBLOCK, &s, NULL);
}

/* A signal queued by a setting that is gone (the timer set again, or
 * deleted) is dropped when it is taken, as Linux does since 6.13. */
static void stale(void)
{
	int sig = SIGRTMIN + 6, id;
	sigset_t s = only(sig);
	struct ksigevent ev = ev_signal(sig, 6);
	struct timespec short_wait = { 0, 50000000 };

	sigprocmask(SIG_BLOCK, &s, NULL);
	k_timer_create(CLOCK_MONOTONIC, &ev, &id);
	struct itimerspec v = its(1000000, 0);
	k_settime(id, 0, &v, NULL);
	sleep_ns(20000000);
	report(sig_pending(sig), "a fired one-shot's signal is pending");
	v = its(10000000000LL, 0);
	k_settime(id, 0, &v, NULL);
	errno = 0;
	report(sigtimedwait(&s, NULL, &short_wait) == -1 && errno == EAGAIN,
	       "set again: the old signal is not delivered (sigtimedwait EAGAIN)");
	v = its(1000000, 1000000);
	k_settime(id, 0, &v, NULL);
	sleep_ns(20000000);
	report(sig_pending(sig), "a periodic timer's signal is pending");
	k_delete(id);
	errno = 0;
	report(sigtimedwait(&s, NULL, &short_wait) == -1 && errno == EAGAIN,
	       "deleted: its signal is not delivered");
	sigprocmask(SIG_UNBLOCK, &s, NULL);
}

/* A user's own SI_TIMER (rt_sigqueueinfo to itself, which Linux
 * allows for any si_code below 0 but SI_TKILL) is an ordinary queued
 * signal: delivered as given, whether or not a timer has its id. */
static void forged(void)
{
	int sig = SIGRTMIN + 7, id;
	sigset_t s = only(sig);
	struct ksigevent ev = ev_signal(sig, 7);

	sigprocmask(SIG_BLOCK, &s, NULL);
	k_timer_create(CLOCK_MONOTONIC, &ev, &id);
	struct itimerspec v = its(10000000000LL, 0);
	k_settime(id, 0, &v, NULL);
	for (int i = 0; i < 2; i++) {
		siginfo_t si;
		memset(&si, 0, sizeof(si));
		si.si_signo = sig;
		si.si_code = SI_TIMER;
		si.si_timerid = i ? id : id + 1000;
		si.si_overrun = 3;
		si.si_value.sival_int = 77;
		long r = syscall(SYS_rt_sigqueueinfo, getpid(), sig, &si);
		siginfo_t got_si = wait_sig(sig);
		report(r == 0 && got_si.si_signo == sig &&
		       got_si.si_code == SI_TIMER &&
		       got_si.si_timerid == si.si_timerid &&
		       got_si.si_overrun == 3 && got_si.si_value.sival_int == 77,
		       i ? "a user's SI_TIMER naming a live timer: delivered as sent"
			 : "a user's SI_TIMER naming no timer: delivered as sent");
	}
	k_gettime(id, &v);
	report(ts_ns(&v.it_value) > 9000000000LL,
	       "the timer it named is untouched");
	k_delete(id);
	sigprocmask(SIG_UNBLOCK, &s, NULL);
}

static void forked(void)
{
	int id;
	struct ksigevent ev = ev_signal(SIGUSR2, 0);

	k_timer_create(CLOCK_MONOTONIC, &ev, &id);
	struct itimerspec v = its(5000000000LL, 0), cur;
	k_settime(id, 0, &v, NULL);
	pid_t pid = fork();
	if (pid == 0)
		_exit(k_gettime(id, &cur) == -1 && errno == EINVAL ? 0 : 1);
	int status;
	waitpid(pid, &status, 0);
	report(WIFEXITED(status) && WEXITSTATUS(status) == 0,
	       "a child of fork has no timers (gettime EINVAL)");
	k_gettime(id, &cur);
	report(ts_ns(&cur.it_value) > 4000000000LL, "the parent's timer runs on");
	k_delete(id);
}

int main(void)
{
	setvbuf(stdout, NULL, _IONBF, 0);
	errors();
	one_shot();
	default_event();
	periodic();
	absolute();
	sigev_none();
	thread_id();
	stale();
	forged();
	forked();
	printf("%s\n", failed ? "posix_timers: FAILED" : "posix_timers: all passed");
	return failed != 0;
}
