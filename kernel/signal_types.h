/*
 * signal_types.h - the signal types a task_struct embeds: numbers, sets,
 * actions, siginfo and pending queues (Linux's linux/signal_types.h and
 * the x86-64 ABI of asm/signal.h).  Apart from signal.h so that sched.h
 * can include it without the wait-queue headers; signal.h says how it
 * all works.
 */
#ifndef KERNEL_SIGNAL_TYPES_H
#define KERNEL_SIGNAL_TYPES_H

#include "kernel/types.h"
#include "kernel/list.h"

#define _NSIG		64
#define SIGHUP		1
#define SIGINT		2
#define SIGQUIT		3
#define SIGILL		4
#define SIGTRAP		5
#define SIGABRT		6
#define SIGBUS		7
#define SIGFPE		8
#define SIGKILL		9
#define SIGUSR1		10
#define SIGSEGV		11
#define SIGUSR2		12
#define SIGPIPE		13
#define SIGALRM		14
#define SIGTERM		15
#define SIGSTKFLT	16
#define SIGCHLD		17
#define SIGCONT		18
#define SIGSTOP		19
#define SIGTSTP		20
#define SIGTTIN		21
#define SIGTTOU		22
#define SIGURG		23
#define SIGXCPU		24
#define SIGXFSZ		25
#define SIGVTALRM	26
#define SIGPROF		27
#define SIGWINCH	28
#define SIGIO		29
#define SIGPWR		30
#define SIGSYS		31
#define SIGRTMIN	32	/* the first real-time signal: these queue */

typedef u64 sigset_t;		/* bit (sig - 1) */
#define sigmask(sig)	(1ULL << ((sig) - 1))
#define SIG_KERNEL_ONLY_MASK	(sigmask(SIGKILL) | sigmask(SIGSTOP))

#define SIG_DFL		((void __user *)0)
#define SIG_IGN		((void __user *)1)

/* sa_flags */
#define SA_NOCLDSTOP	0x00000001
#define SA_NOCLDWAIT	0x00000002
#define SA_SIGINFO	0x00000004
#define SA_RESTORER	0x04000000
#define SA_ONSTACK	0x08000000
#define SA_RESTART	0x10000000
#define SA_NODEFER	0x40000000
#define SA_RESETHAND	0x80000000

/* sigaltstack ss_flags */
#define SS_ONSTACK	1
#define SS_DISABLE	2
#define SS_AUTODISARM	(1U << 31)	/* disarm while a handler runs on it */
#define MINSIGSTKSZ	2048

/* The rt_sigaction() structure, as the x86-64 kernel ABI lays it out. */
struct k_sigaction {
	void __user *sa_handler;
	unsigned long sa_flags;
	void __user *sa_restorer;
	sigset_t sa_mask;
};

/* si_code values */
#define SI_USER		0
#define SI_KERNEL	0x80
#define SI_QUEUE	-1
#define SI_TIMER	-2
#define SI_TKILL	-6
#define SEGV_MAPERR	1
#define SEGV_ACCERR	2
#define CLD_EXITED	1
#define CLD_KILLED	2
#define CLD_DUMPED	3

/* What a handler with SA_SIGINFO is told (128 bytes, x86-64 layout). */
struct kernel_siginfo {
	int si_signo, si_errno, si_code, __pad;
	union {
		struct { int pid; unsigned int uid; int status;
			 int __pad; long utime, stime; } kill_chld;
		void __user *addr;			/* SIGSEGV, SIGBUS ... */
		struct { int tid; int overrun; u64 sigval;
			 int sys_private;		/* the kernel's: */
			 unsigned int seq; } timer;	/* SI_TIMER */
		u8 __size[112];
	};
};

/* One pending instance of a signal, with its siginfo. */
struct sigqueue {
	struct list_head list;
	struct kernel_siginfo info;
	bool timer;	/* a POSIX timer's (posix_timer_fn), not a user's
			 * SI_TIMER from rt_sigqueueinfo: taking it
			 * re-arms the timer (Linux's SIGQUEUE_PREALLOC) */
};

/* A pending set: which signals, and their instances in arrival order. */
struct sigpending {
	struct list_head list;		/* struct sigqueue */
	sigset_t signal;
};

static inline void init_sigpending(struct sigpending *p)
{
	INIT_LIST_HEAD(&p->list);
	p->signal = 0;
}

#endif
