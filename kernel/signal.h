/*
 * signal.h - signals: their numbers, a process's pending and blocked sets,
 * and the handlers it installed (Linux's include/linux/signal.h and the
 * x86-64 user ABI of asm/signal.h and asm/sigcontext.h).
 *
 * A signal is sent by setting its bit in the target's pending set and
 * waking the target if it sleeps interruptibly.  It is delivered on the
 * target's next return to user mode (exit_to_user_mode): the default
 * action runs in the kernel (terminate, ignore), or a frame is pushed on
 * the user stack so the CPU "returns" into the handler, whose return
 * lands in rt_sigreturn, which restores what the frame saved.
 *
 * Simplifications: one pending bit per signal (real-time signals do not
 * queue several instances), no job control (the stop signals are
 * ignored), no alternate signal stacks.
 */
#ifndef KERNEL_SIGNAL_H
#define KERNEL_SIGNAL_H

#include "kernel/types.h"
#include "kernel/resource.h"

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
		u8 __size[112];
	};
};

/* Per-process signal state (Linux splits it over sighand_struct and
 * signal_struct so threads can share it; we have no threads). */
struct signal_struct {
	struct k_sigaction action[_NSIG];
	struct kernel_siginfo info[_NSIG];	/* of the pending instance */
	sigset_t pending;
	int group_exit_code;			/* exit_group()'s status */
	u64 cutime, cstime;			/* ticks of reaped children,
						 * theirs included (wait4) */
	struct rlimit rlim[RLIM_NLIMITS];	/* the process's limits
						 * (kernel/sys.c), as Linux's */
};

struct task_struct;
struct pt_regs;

struct signal_struct *signal_alloc(void);
struct signal_struct *signal_dup(const struct signal_struct *old);
void signal_free(struct signal_struct *sig);
/* exec: handlers go back to SIG_DFL (ignored signals stay ignored). */
void flush_signal_handlers(struct signal_struct *sig);

/* Send sig to p with the given info (NULL: from the kernel).  Any
 * context.  Returns 0 or -errno. */
int send_sig_info(int sig, const struct kernel_siginfo *info,
		  struct task_struct *p);
int send_sig(int sig, struct task_struct *p);
/* sig to every process of group pgrp (the tty's Ctrl-C).  Any context. */
int kill_pgrp(int pgrp, int sig);
/* A fault: the signal cannot be blocked or ignored (it would only fault
 * again), so it is unblocked and its handler reset if ignored. */
void force_sig_fault(int sig, int code, unsigned long addr);
/* Re-evaluate p->sigpending from pending & ~blocked. */
void recalc_sigpending(struct task_struct *p);

/*
 * The sigsuspend protocol of ppoll, pselect6 and epoll_pwait.
 * set_user_sigmask installs the caller's mask (NULL: none) for the
 * call, keeping the real one in saved_sigmask: 0, -EINVAL for a wrong
 * sigsetsize, -EFAULT.  restore_saved_sigmask_unless(interrupted) puts
 * the real mask back at the end, unless a signal interrupted the call:
 * then its handler must run under the temporary mask, and do_signal
 * restores the real one once the frame (which saves it) is built.
 */
int set_user_sigmask(const sigset_t __user *umask, size_t sigsetsize);
void restore_saved_sigmask_unless(bool interrupted);

/* On the way back to user mode: deliver pending signals, or restart an
 * interrupted system call.  Process context, interrupts on. */
void do_signal(struct pt_regs *regs);

/* The internal "restart me" results of interrupted system calls. */
#define ERESTARTNOINTR		513
#define ERESTARTNOHAND		514
#define ERESTART_RESTARTBLOCK	516

#endif
