/* sigaltstack: the alternate signal stack as Linux keeps it.  The
 * initial state (SS_DISABLE), the errors (ENOMEM below MINSIGSTKSZ,
 * EINVAL for unknown flags, EFAULT, EPERM while on it); a SA_ONSTACK
 * handler runs on it and sees SS_ONSTACK, one without SA_ONSTACK does
 * not; uc_stack in the handler's ucontext; SS_AUTODISARM (disarmed in
 * the handler, back after it); a stack overflow caught on it; SS_DISABLE
 * turning it off; a new thread starts without one, a fork child keeps
 * it.  Prints no addresses. */
#define _GNU_SOURCE
#include <errno.h>
#include <pthread.h>
#include <setjmp.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <ucontext.h>
#include <unistd.h>

#include "check.h"

#define ALT_SIZE	(64 * 1024)

static char *alt;
static volatile int on_alt, saw_flags, nested_err, uc_ok;

/* The system call itself: musl checks sizes and flags on its own. */
static long sys_sas(const stack_t *ss, stack_t *old)
{
	return syscall(SYS_sigaltstack, ss, old);
}

static int in_alt(const void *p)
{
	return (const char *)p >= alt && (const char *)p < alt + ALT_SIZE;
}

static void handler(int sig, siginfo_t *si, void *uctx)
{
	ucontext_t *uc = uctx;
	stack_t now, change;
	volatile char here;

	(void)sig;
	(void)si;
	on_alt = in_alt((const void *)&here);
	sigaltstack(NULL, &now);
	saw_flags = now.ss_flags;
	memset(&change, 0, sizeof change);
	change.ss_flags = SS_DISABLE;
	nested_err = sys_sas(&change, NULL) == -1 ? errno : 0;
	uc_ok = uc->uc_stack.ss_sp == alt && uc->uc_stack.ss_size == ALT_SIZE;
}

static void install(int sig, int flags)
{
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_sigaction = handler;
	sa.sa_flags = SA_SIGINFO | flags;
	sigaction(sig, &sa, NULL);
}

static int set_alt(void *sp, size_t size, int flags)
{
	stack_t ss = { .ss_sp = sp, .ss_size = size, .ss_flags = flags };
	return sys_sas(&ss, NULL) == 0 ? 0 : errno;
}

static void states_and_errors(void)
{
	stack_t old;

	memset(&old, 0, sizeof old);
	report(sigaltstack(NULL, &old) == 0 && old.ss_flags == SS_DISABLE &&
	       old.ss_sp == NULL && old.ss_size == 0,
	       "at first: SS_DISABLE, no stack");
	report(set_alt(alt, MINSIGSTKSZ - 1, 0) == ENOMEM,
	       "a stack below MINSIGSTKSZ: ENOMEM");
	report(set_alt(alt, ALT_SIZE, 0x10) == EINVAL, "unknown flags: EINVAL");
	errno = 0;
	report(sys_sas((stack_t *)8, NULL) == -1 && errno == EFAULT,
	       "an unreadable stack_t: EFAULT");
	report(set_alt(alt, ALT_SIZE, 0) == 0, "a 64 KiB stack is taken");
	memset(&old, 0, sizeof old);
	report(sigaltstack(NULL, &old) == 0 && old.ss_flags == 0 &&
	       old.ss_sp == alt && old.ss_size == ALT_SIZE,
	       "read back: flags 0, our base and size");
	errno = 0;
	report(sys_sas(NULL, (stack_t *)8) == -1 && errno == EFAULT,
	       "an unwritable old stack_t: EFAULT");
	report(set_alt(alt, ALT_SIZE, SS_ONSTACK) == 0,
	       "SS_ONSTACK as a mode is accepted (it means 0)");
}

static void delivery(void)
{
	install(SIGUSR1, SA_ONSTACK);
	on_alt = 0;
	raise(SIGUSR1);
	report(on_alt, "an SA_ONSTACK handler runs on the alternate stack");
	report(saw_flags == SS_ONSTACK, "and sigaltstack says SS_ONSTACK there");
	report(nested_err == EPERM, "changing it while on it: EPERM");
	report(uc_ok, "uc_stack in the handler's ucontext names the stack");

	install(SIGUSR2, 0);
	on_alt = 1;
	raise(SIGUSR2);
	report(!on_alt && saw_flags == 0,
	       "without SA_ONSTACK the handler runs on the thread's stack");

	/* SS_AUTODISARM: disarmed inside, re-armed on return. */
	report(set_alt(alt, ALT_SIZE, SS_AUTODISARM) == 0, "SS_AUTODISARM is taken");
	on_alt = 0;
	raise(SIGUSR1);
	stack_t after;
	sigaltstack(NULL, &after);
	report(on_alt && saw_flags == SS_DISABLE,
	       "inside an SS_AUTODISARM handler the stack reads as disabled");
	report(nested_err == 0, "and may be changed there");
	report(after.ss_flags == (int)SS_AUTODISARM && after.ss_sp == alt,
	       "after the handler it is armed again");
	set_alt(alt, ALT_SIZE, 0);
}

/* --- a stack overflow, caught on the alternate stack --- */

static sigjmp_buf recover;
static volatile int segv_on_alt;

static void on_segv(int sig)
{
	volatile char here;
	(void)sig;
	segv_on_alt = in_alt((const void *)&here);
	siglongjmp(recover, 1);
}

static volatile int depth_limit = 1 << 30;

/* Deeper than any stack (the limit is never reached). */
static int recurse(int n)
{
	volatile char pad[4096];
	pad[0] = (char)n;
	if (n > depth_limit)
		return 0;
	return recurse(n + 1) + pad[0];
}

static void overflow(void)
{
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_segv;
	sa.sa_flags = SA_ONSTACK | SA_NODEFER;
	sigaction(SIGSEGV, &sa, NULL);
	pid_t c = fork();
	if (c == 0) {
		struct rlimit rl = { 1 << 20, 1 << 20 };	/* 1 MiB: quick */
		setrlimit(RLIMIT_STACK, &rl);
		if (sigsetjmp(recover, 1) == 0)
			recurse(0);
		_exit(segv_on_alt ? 0 : 1);
	}
	int st;
	waitpid(c, &st, 0);
	report(WIFEXITED(st) && WEXITSTATUS(st) == 0,
	       "a stack overflow's SIGSEGV is handled on the alternate stack");
	signal(SIGSEGV, SIG_DFL);
}

static volatile int thread_flags;

static void *thread_fn(void *arg)
{
	stack_t ss;
	(void)arg;
	sigaltstack(NULL, &ss);
	thread_flags = ss.ss_flags;
	return NULL;
}

static void inheritance(void)
{
	pthread_t t;
	pthread_create(&t, NULL, thread_fn, NULL);
	pthread_join(t, NULL);
	report(thread_flags == SS_DISABLE, "a new thread starts without one");
	pid_t c = fork();
	if (c == 0) {
		stack_t ss;
		sigaltstack(NULL, &ss);
		_exit(ss.ss_sp == alt && ss.ss_size == ALT_SIZE ? 0 : 1);
	}
	int st;
	waitpid(c, &st, 0);
	report(WIFEXITED(st) && WEXITSTATUS(st) == 0, "a fork child keeps ours");
	report(set_alt(NULL, 0, SS_DISABLE) == 0, "SS_DISABLE turns it off");
	stack_t ss;
	sigaltstack(NULL, &ss);
	report(ss.ss_flags == SS_DISABLE && ss.ss_size == 0, "and it reads as off");
}

int main(void)
{
	alt = mmap(NULL, ALT_SIZE, PROT_READ | PROT_WRITE,
		   MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (alt == MAP_FAILED)
		return 1;
	states_and_errors();
	delivery();
	overflow();
	inheritance();
	printf("sigaltstack: %s\n", failed ? "FAILED" : "all passed");
	return failed != 0;
}
