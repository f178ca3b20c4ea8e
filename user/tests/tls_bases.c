/*
 * tls_bases: the FS and GS bases a program sets with arch_prctl stay
 * its own.  The kernel uses GS itself (its per-CPU data) and swaps it
 * on every entry and exit, so a value read back through %gs after
 * system calls, a sleep, preemption by a busy child, a signal handler
 * and a fork shows that every path in and out swaps correctly.
 */
#define _GNU_SOURCE
#include <signal.h>
#include <stdint.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include "check.h"

#define ARCH_SET_GS	0x1001
#define ARCH_GET_FS	0x1003
#define ARCH_GET_GS	0x1004

static uint64_t gs_block[4] = { 0x1111222233334444ULL, 0x5555666677778888ULL };
static volatile uint64_t seen_in_handler;

static uint64_t read_gs(int slot)
{
	uint64_t v;

	if (slot == 0)
		__asm__ __volatile__("movq %%gs:0, %0" : "=r"(v));
	else
		__asm__ __volatile__("movq %%gs:8, %0" : "=r"(v));
	return v;
}

static void on_usr1(int sig)
{
	(void)sig;
	seen_in_handler = read_gs(1);
}

int main(void)
{
	unsigned long base = 0, fs = 0;

	report(syscall(SYS_arch_prctl, ARCH_SET_GS, (unsigned long)gs_block) == 0,
	       "arch_prctl(ARCH_SET_GS) succeeds");
	report(syscall(SYS_arch_prctl, ARCH_GET_GS, &base) == 0 &&
	       base == (unsigned long)gs_block, "ARCH_GET_GS gives it back");
	report(read_gs(0) == gs_block[0], "%%gs:0 reads the block");
	for (int i = 0; i < 1000; i++)
		getppid();
	report(read_gs(1) == gs_block[1], "%%gs still ours after 1000 system calls");
	struct timespec ts = { 0, 20 * 1000 * 1000 };
	nanosleep(&ts, NULL);
	report(read_gs(0) == gs_block[0], "%%gs still ours after a sleep");

	signal(SIGUSR1, on_usr1);
	raise(SIGUSR1);
	report(seen_in_handler == gs_block[1], "a signal handler sees our %%gs");

	pid_t child = fork();
	if (child == 0) {
		/* The child inherits the base; spinning, it is preempted by
		 * the timer (an interrupt from user mode) many times. */
		int ok = read_gs(0) == gs_block[0];
		volatile uint64_t sum = 0;
		for (long i = 0; i < 20 * 1000 * 1000 && ok; i++)
			sum += read_gs(i & 1);
		ok = ok && read_gs(1) == gs_block[1];
		_exit(ok ? 0 : 1);
	}
	/* Meanwhile we sleep and wake, so the two switch back and forth. */
	for (int i = 0; i < 5; i++)
		nanosleep(&ts, NULL);
	int status = -1;
	waitpid(child, &status, 0);
	report(WIFEXITED(status) && WEXITSTATUS(status) == 0,
	       "a forked child has the same %%gs, through preemption");
	report(read_gs(0) == gs_block[0], "%%gs still ours after the child ran");
	report(syscall(SYS_arch_prctl, ARCH_GET_FS, &fs) == 0 && fs != 0,
	       "FS (the C library's thread pointer) is set");
	printf("%s\n", failed ? "tls_bases: FAILED" : "tls_bases: all passed");
	return failed != 0;
}
