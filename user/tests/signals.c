/* signals: catching signals. sigaction/SA_SIGINFO, masks and pending sets,
 * SIG_IGN, SA_RESETHAND, SA_RESTART vs EINTR, alarm/pause, setitimer,
 * nanosleep interruption, sigsuspend and SIGCHLD. */
#include <errno.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "check.h"



/* Everything a handler saw; written only from handlers, read after. */
static volatile sig_atomic_t cnt[65], self_blocked;
static siginfo_t info[65];
static int wake_fd = -1; /* handler writes here for the SA_RESTART case */

static void on_info(int sig, siginfo_t *si, void *uc)
{
	sigset_t cur;
	(void)uc;
	info[sig] = *si;
	sigprocmask(SIG_BLOCK, NULL, &cur);
	self_blocked = sigismember(&cur, sig);
	if (wake_fd >= 0)
		(void)!write(wake_fd, "x", 1);
	cnt[sig]++;
}

static void set_handler(int sig, int flags)
{
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_sigaction = on_info;
	sa.sa_flags = SA_SIGINFO | flags;
	sigaction(sig, &sa, NULL);
	cnt[sig] = 0;
}

static void block(int how, int sig)
{
	sigset_t s;
	sigemptyset(&s);
	sigaddset(&s, sig);
	sigprocmask(how, &s, NULL);
}

static int is_blocked(int sig)
{
	sigset_t s;
	sigprocmask(SIG_BLOCK, NULL, &s);
	return sigismember(&s, sig);
}

/* kill() to self is delivered before kill returns to user mode. */
static void siginfo_case(void)
{
	set_handler(SIGUSR1, 0);
	kill(getpid(), SIGUSR1);
	report(cnt[SIGUSR1] == 1, "handler ran, global updated: count=%d", (int)cnt[SIGUSR1]);
	siginfo_t *si = &info[SIGUSR1];
	int ok = si->si_signo == SIGUSR1 && si->si_code == SI_USER &&
		 si->si_pid == getpid() && si->si_uid == getuid();
	report(ok, "siginfo: si_signo==SIGUSR1, si_code==SI_USER, si_pid==getpid(), si_uid==getuid(): %s",
	       yesno(ok));
	report(self_blocked, "signal blocked inside its own handler: %s",
	       yesno(self_blocked));
	report(!is_blocked(SIGUSR1), "mask restored after handler: %s",
	       yesno(!is_blocked(SIGUSR1)));
}

/* Standard signals do not queue: two sends while blocked -> one delivery. */
static void blocked_pending(void)
{
	sigset_t pend;
	set_handler(SIGUSR2, 0);
	block(SIG_BLOCK, SIGUSR2);
	kill(getpid(), SIGUSR2);
	kill(getpid(), SIGUSR2);
	sigpending(&pend);
	report(cnt[SIGUSR2] == 0 && sigismember(&pend, SIGUSR2),
	       "blocked SIGUSR2: not delivered, pending=%s", yesno(sigismember(&pend, SIGUSR2)));
	block(SIG_UNBLOCK, SIGUSR2);
	sigpending(&pend);
	report(cnt[SIGUSR2] == 1 && !sigismember(&pend, SIGUSR2),
	       "unblocked SIGUSR2: delivered %d time(s)", (int)cnt[SIGUSR2]);
}

static void ignore_and_resethand(void)
{
	sigset_t pend;
	signal(SIGUSR1, SIG_IGN);
	kill(getpid(), SIGUSR1);
	sigpending(&pend);
	report(!sigismember(&pend, SIGUSR1), "SIG_IGN: SIGUSR1 discarded, still alive");

	/* SA_RESETHAND: one-shot handler, disposition back to SIG_DFL. */
	struct sigaction old;
	int ok;
	set_handler(SIGUSR1, SA_RESETHAND);
	kill(getpid(), SIGUSR1);
	sigaction(SIGUSR1, NULL, &old);
	ok = cnt[SIGUSR1] == 1 && old.sa_handler == SIG_DFL;
	report(ok, "SA_RESETHAND: ran once, disposition reset to SIG_DFL: %s", yesno(ok));
}

static void alarm_pause(void)
{
	set_handler(SIGALRM, 0);
	alarm(1);
	errno = 0;
	int r = pause();
	report(r == -1 && errno == EINTR && cnt[SIGALRM] == 1,
	       "alarm(1)+pause(): returned %d %s after handler ran", r,
	       errno == EINTR ? "EINTR" : strerror(errno));
}

/* One-shot ITIMER_REAL. Delays are 100 ms so that even a slow emulated
 * kernel has entered the blocking call before the signal fires. */
static void arm_oneshot_ms(long ms)
{
	struct itimerval it = {{0, 0}, {0, ms * 1000}};
	setitimer(ITIMER_REAL, &it, NULL);
}

/* Without SA_RESTART nanosleep fails with EINTR and reports the unslept
 * remainder, which must be in (0, requested]. */
static void nanosleep_eintr(void)
{
	set_handler(SIGALRM, 0);
	arm_oneshot_ms(100);
	struct timespec req = {5, 0}, rem = {0, 0};
	errno = 0;
	int r = nanosleep(&req, &rem);
	int remok = (rem.tv_sec > 0 || rem.tv_nsec > 0) && rem.tv_sec <= 5;
	report(r == -1 && errno == EINTR && cnt[SIGALRM] == 1,
	       "nanosleep(5s) interrupted by SIGALRM: %s",
	       errno == EINTR ? "EINTR" : strerror(errno));
	report(remok, "nanosleep remaining time filled in (>0, <=5s): %s", yesno(remok));
}

/* A blocking read is restarted after a SA_RESTART handler (and then
 * finds the byte the handler wrote) but fails with EINTR otherwise. */
static void restart_case(int flags, const char *name)
{
	int fds[2];
	char c;
	if (pipe(fds) < 0) {
		report(0, "pipe: %s", strerror(errno));
		return;
	}
	set_handler(SIGALRM, flags);
	wake_fd = fds[1];
	arm_oneshot_ms(100);
	errno = 0;
	ssize_t r = read(fds[0], &c, 1);
	wake_fd = -1;
	if (flags & SA_RESTART)
		report(r == 1 && c == 'x', "read() with %s handler: restarted, got 1 byte", name);
	else
		report(r == -1 && errno == EINTR, "read() with %s handler: %s", name,
		       errno == EINTR ? "EINTR" : "not interrupted");
	close(fds[0]);
	close(fds[1]);
}

/* Periodic ITIMER_REAL: wait for 5 expirations with sigsuspend, which
 * atomically unblocks SIGALRM and must restore the mask on return. */
static void itimer_periodic(void)
{
	sigset_t waitmask;
	set_handler(SIGALRM, 0);
	block(SIG_BLOCK, SIGALRM);
	sigprocmask(SIG_BLOCK, NULL, &waitmask);
	sigdelset(&waitmask, SIGALRM);
	struct itimerval it = {{0, 10000}, {0, 10000}}, now;
	setitimer(ITIMER_REAL, &it, NULL);
	int eintr = 1;
	while (cnt[SIGALRM] < 5)
		eintr &= sigsuspend(&waitmask) == -1 && errno == EINTR;
	memset(&it, 0, sizeof it);
	setitimer(ITIMER_REAL, &it, NULL);
	getitimer(ITIMER_REAL, &now);
	report(cnt[SIGALRM] >= 5 && eintr, "setitimer 10ms periodic: 5 SIGALRMs via sigsuspend (EINTR each)");
	report(is_blocked(SIGALRM), "mask restored after sigsuspend: %s", yesno(is_blocked(SIGALRM)));
	report(!now.it_value.tv_sec && !now.it_value.tv_usec, "timer disarmed: %s",
	       yesno(!now.it_value.tv_sec && !now.it_value.tv_usec));
	block(SIG_UNBLOCK, SIGALRM);
}

/* SIGCHLD reaches the parent with CLD_EXITED and the exit status; a
 * signal sent by the child carries the child's pid. */
static void sigchld_case(void)
{
	sigset_t waitmask;
	set_handler(SIGUSR1, 0);
	set_handler(SIGCHLD, 0);
	block(SIG_BLOCK, SIGUSR1);
	block(SIG_BLOCK, SIGCHLD);
	sigprocmask(SIG_BLOCK, NULL, &waitmask);
	sigdelset(&waitmask, SIGUSR1);
	sigdelset(&waitmask, SIGCHLD);
	pid_t pid = fork();
	if (pid == 0) {
		kill(getppid(), SIGUSR1);
		_exit(5);
	}
	while (cnt[SIGUSR1] < 1 || cnt[SIGCHLD] < 1)
		sigsuspend(&waitmask);
	siginfo_t *u = &info[SIGUSR1], *c = &info[SIGCHLD];
	report(u->si_code == SI_USER && u->si_pid == pid,
	       "SIGUSR1 from child: si_pid==child: %s", yesno(u->si_pid == pid));
	report(cnt[SIGCHLD] == 1 && c->si_code == CLD_EXITED && c->si_pid == pid &&
	       c->si_status == 5, "SIGCHLD: handler count=%d, CLD_EXITED=%s, si_status=%d",
	       (int)cnt[SIGCHLD], yesno(c->si_code == CLD_EXITED), c->si_status);
	int st;
	report(waitpid(pid, &st, 0) == pid && WIFEXITED(st) && WEXITSTATUS(st) == 5,
	       "child reaped after SIGCHLD, exit 5");
	block(SIG_UNBLOCK, SIGCHLD);
	block(SIG_UNBLOCK, SIGUSR1);
}

int main(void)
{
	setvbuf(stdout, NULL, _IOLBF, 0);
	siginfo_case();
	blocked_pending();
	ignore_and_resethand();
	alarm_pause();
	nanosleep_eintr();
	restart_case(0, "plain");
	restart_case(SA_RESTART, "SA_RESTART");
	itimer_periodic();
	sigchld_case();
	if (failed)
		printf("signals: %d check(s) FAILED\n", failed);
	else
		printf("signals: all checks passed\n");
	return failed ? 1 : 0;
}
