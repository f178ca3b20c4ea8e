/* signal_segv: fatal signals from CPU exceptions and from kill(), as seen
 * by the parent through wait status; kill() error and existence checks. */
#include <errno.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include "check.h"


static const char *signame(int sig)
{
	switch (sig) {
	case SIGILL: return "SIGILL";
	case SIGTRAP: return "SIGTRAP";
	case SIGABRT: return "SIGABRT";
	case SIGFPE: return "SIGFPE";
	case SIGKILL: return "SIGKILL";
	case SIGSEGV: return "SIGSEGV";
	case SIGTERM: return "SIGTERM";
	default: return "?";
	}
}

/* Run fn in a child and expect it to be killed by signal `want`. Core
 * dumps are disabled so the host does not write core files (and so
 * nothing depends on core_pattern). */
static void expect_killed(const char *what, void (*fn)(void), int want)
{
	pid_t pid = fork();
	if (pid == 0) {
		struct rlimit rl = {0, 0};
		setrlimit(RLIMIT_CORE, &rl); /* best effort */
		fn();
		_exit(100); /* survived: wrong */
	}
	int st;
	if (waitpid(pid, &st, 0) != pid) {
		report(0, "%s: waitpid: %s", what, strerror(errno));
		return;
	}
	if (WIFSIGNALED(st))
		report(WTERMSIG(st) == want, "%s: child killed by signal %d (%s)",
		       what, WTERMSIG(st), signame(WTERMSIG(st)));
	else
		report(0, "%s: child exited with %d, expected signal %d", what,
		       WIFEXITED(st) ? WEXITSTATUS(st) : -1, want);
}

/* Bad addresses come from a volatile variable so the compiler cannot see
 * the NULL store and replace it with a trap instruction. */
static volatile unsigned long bad_addr;

static void null_deref(void)
{
	bad_addr = 0;
	*(volatile int *)bad_addr = 1;
}
static void do_abort(void) { abort(); }
static void raise_term(void) { raise(SIGTERM); }
static void do_ud2(void) { __builtin_trap(); } /* ud2 -> #UD */
static void do_int3(void) { __asm__ volatile("int3"); } /* #BP */

static void div_zero(void)
{
	volatile int zero = 0, x = 42;
	x = x / zero; /* #DE */
}

/* String literals live in a read-only segment of the static binary. */
static void write_rodata(void)
{
	static const char ro[] = "read-only";
	*(volatile char *)ro = 'X';
}

/* A SIGSEGV handler must see the faulting address in si_addr and
 * SEGV_MAPERR for an unmapped page; the child reports via exit code. */
static void segv_handler(int sig, siginfo_t *si, void *uc)
{
	(void)uc;
	int ok = sig == SIGSEGV && si->si_signo == SIGSEGV &&
		 si->si_code == SEGV_MAPERR && si->si_addr == (void *)16;
	_exit(ok ? 0 : 1);
}

static void segv_siginfo(void)
{
	pid_t pid = fork();
	if (pid == 0) {
		struct sigaction sa;
		memset(&sa, 0, sizeof sa);
		sa.sa_sigaction = segv_handler;
		sa.sa_flags = SA_SIGINFO;
		sigaction(SIGSEGV, &sa, NULL);
		bad_addr = 16;
		*(volatile int *)bad_addr = 1;
		_exit(2);
	}
	int st;
	waitpid(pid, &st, 0);
	int code = WIFEXITED(st) ? WEXITSTATUS(st) : -1;
	report(code == 0, "SIGSEGV handler: si_addr==fault address, SEGV_MAPERR: %s",
	       code == 0 ? "yes" : "no");
}

static void expect_err(const char *what, int ret, int want, const char *wname)
{
	int e = errno;
	if (ret == -1 && e == want)
		report(1, "%s: %s", what, wname);
	else
		report(0, "%s: ret=%d errno=%d, expected %s", what, ret, e, wname);
}

/* kill(pid, 0) only probes: it succeeds for a live child and fails with
 * ESRCH once the child has been reaped. SIGKILL cannot be caught. */
static void kill_checks(void)
{
	pid_t pid = fork();
	if (pid == 0) {
		for (;;)
			pause();
	}
	report(kill(pid, 0) == 0, "kill(child, 0) while running: %s",
	       kill(pid, 0) == 0 ? "0" : strerror(errno));
	report(kill(pid, SIGKILL) == 0, "kill(child, SIGKILL): sent");
	int st;
	waitpid(pid, &st, 0);
	report(WIFSIGNALED(st) && WTERMSIG(st) == SIGKILL,
	       "paused child killed by signal %d (%s)",
	       WIFSIGNALED(st) ? WTERMSIG(st) : 0,
	       WIFSIGNALED(st) ? signame(WTERMSIG(st)) : "none");

	errno = 0;
	expect_err("kill(reaped pid, 0)", kill(pid, 0), ESRCH, "ESRCH");
	errno = 0;
	expect_err("kill(reaped pid, SIGTERM)", kill(pid, SIGTERM), ESRCH, "ESRCH");
	errno = 0;
	expect_err("kill(self, 1000)", kill(getpid(), 1000), EINVAL, "EINVAL");
	errno = 0;
	expect_err("kill(self, -1)", kill(getpid(), -1), EINVAL, "EINVAL");
	report(kill(getpid(), 0) == 0, "kill(self, 0): %s",
	       kill(getpid(), 0) == 0 ? "0" : strerror(errno));
}

int main(void)
{
	setvbuf(stdout, NULL, _IOLBF, 0);
	expect_killed("NULL dereference", null_deref, SIGSEGV);
	expect_killed("write to .rodata", write_rodata, SIGSEGV);
	expect_killed("abort()", do_abort, SIGABRT);
	expect_killed("raise(SIGTERM)", raise_term, SIGTERM);
	expect_killed("ud2", do_ud2, SIGILL);
	expect_killed("int3", do_int3, SIGTRAP);
	expect_killed("divide by zero", div_zero, SIGFPE);
	segv_siginfo();
	kill_checks();
	if (failed)
		printf("signal_segv: %d check(s) FAILED\n", failed);
	else
		printf("signal_segv: all checks passed\n");
	return failed ? 1 : 0;
}
