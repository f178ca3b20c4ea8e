/*
 * signal.c (x86-64) - delivering a signal to a handler in user space, and
 * coming back with rt_sigreturn.
 *
 * To run a handler the kernel pushes a struct rt_sigframe on the user
 * stack: the registers the process had (uc.uc_mcontext), its signal mask,
 * its FPU state and the siginfo; then it points rip at the handler and
 * rsp at the frame, whose first word is the return address: sa_restorer,
 * a stub in the C library that calls rt_sigreturn.  rt_sigreturn reads
 * the frame back and resumes exactly where the process was interrupted.
 * Everything read back is user data and is checked: segments are forced
 * to the user's, flags to those a user may set.
 *
 * The layout is Linux's x86-64 ABI (asm/sigcontext.h, asm/ucontext.h):
 * C libraries and debuggers read it.
 *
 * A handler asking for SA_ONSTACK gets its frame on the alternate signal
 * stack (sigaltstack), which uc_stack records and rt_sigreturn restores.
 *
 * Context: process context, on the way back to user mode.
 */
#include "kernel/kernel.h"
#include "kernel/errno.h"
#include "kernel/sched.h"
#include "kernel/signal.h"
#include "arch/x86_64/uaccess.h"
#include "arch/x86_64/segment.h"
#include "arch/x86_64/ptrace.h"
#include "arch/x86_64/syscall.h"

struct sigcontext_64 {
	u64 r8, r9, r10, r11, r12, r13, r14, r15;
	u64 di, si, bp, bx, dx, ax, cx, sp, ip, flags;
	u16 cs, gs, fs, ss;
	u64 err, trapno, oldmask, cr2;
	u64 fpstate;		/* user address of the FXSAVE image */
	u64 reserved1[8];
};

struct ucontext {
	unsigned long uc_flags;
	unsigned long uc_link;
	struct user_stack_t uc_stack;	/* the alternate stack, as it was */
	struct sigcontext_64 uc_mcontext;
	sigset_t uc_sigmask;
};

struct rt_sigframe {
	u64 pretcode;		/* the handler's return address */
	struct ucontext uc;
	struct kernel_siginfo info;
};

#define UC_SIGCONTEXT_SS	0x2
#define UC_STRICT_RESTORE_SS	0x4
#define RED_ZONE		128	/* the ABI lets leaf code use it */
/* Flags a user may change: CF PF AF ZF SF TF DF OF AC ID. */
#define FIX_EFLAGS		0x254dd5

static void save_regs(struct sigcontext_64 *sc, const struct pt_regs *r)
{
	*sc = (struct sigcontext_64){
		.r8 = r->r8, .r9 = r->r9, .r10 = r->r10, .r11 = r->r11,
		.r12 = r->r12, .r13 = r->r13, .r14 = r->r14, .r15 = r->r15,
		.di = r->di, .si = r->si, .bp = r->bp, .bx = r->bx,
		.dx = r->dx, .ax = r->ax, .cx = r->cx, .sp = r->sp,
		.ip = r->ip, .flags = r->flags, .cs = r->cs, .ss = r->ss,
		.err = r->vector < 32 ? r->error_code : 0,
		.trapno = r->vector < 32 ? r->vector : 0,
	};
}

static void restore_regs(struct pt_regs *r, const struct sigcontext_64 *sc)
{
	r->r8 = sc->r8; r->r9 = sc->r9; r->r10 = sc->r10; r->r11 = sc->r11;
	r->r12 = sc->r12; r->r13 = sc->r13; r->r14 = sc->r14; r->r15 = sc->r15;
	r->di = sc->di; r->si = sc->si; r->bp = sc->bp; r->bx = sc->bx;
	r->dx = sc->dx; r->ax = sc->ax; r->cx = sc->cx; r->sp = sc->sp;
	r->ip = sc->ip;
	r->flags = (r->flags & ~FIX_EFLAGS) | (sc->flags & FIX_EFLAGS);
	r->cs = __USER_CS;
	r->ss = __USER_DS;
	r->orig_ax = -1;	/* not in a system call: no restart */
}

/*
 * Where the frame goes (Linux's get_sigframe): below the red zone of the
 * interrupted stack, or at the top of the alternate stack if the handler
 * asked for it (SA_ONSTACK) and we are not on it already.  A frame that
 * would run off the alternate stack it is nested on is refused: the
 * process gets SIGSEGV rather than a corrupted stack.
 */
static unsigned long get_sigframe(const struct k_sigaction *ka,
				  const struct pt_regs *regs, size_t fpu_size,
				  unsigned long *fpstate)
{
	unsigned long sp = regs->sp - RED_ZONE;
	bool onsigstack = on_sig_stack(regs->sp);
	bool entering = false;

	if ((ka->sa_flags & SA_ONSTACK) && sas_ss_flags(regs->sp) == 0) {
		sp = current->sas_ss_sp + current->sas_ss_size;
		entering = true;
	}
	*fpstate = ALIGN_DOWN(sp - fpu_size, 64);
	/* Entering the handler as if called: rsp + 8 is 16-byte aligned. */
	unsigned long frame =
		ALIGN_DOWN(*fpstate - sizeof(struct rt_sigframe), 16) - 8;
	if ((onsigstack || entering) && !__on_sig_stack(frame))
		return 0;
	return frame;
}

/* Push the frame and aim regs at the handler.  0, or -EFAULT if the user
 * stack cannot take it (the caller then kills with SIGSEGV). */
static int setup_rt_frame(struct ksignal *ksig, sigset_t oldmask,
			  struct pt_regs *regs)
{
	struct task_struct *t = current;
	struct k_sigaction *ka = &ksig->ka;
	unsigned long fpstate;
	unsigned long frame_addr = get_sigframe(ka, regs, sizeof(t->thread.fpu),
						&fpstate);
	struct rt_sigframe frame = { 0 };

	if (!frame_addr || !(ka->sa_flags & SA_RESTORER))
		return -EFAULT;		/* no room, or nowhere to return to */
	__asm__ __volatile__("fxsave %0" : "=m"(t->thread.fpu));
	frame.pretcode = (u64)ka->sa_restorer;
	frame.uc.uc_flags = UC_SIGCONTEXT_SS | UC_STRICT_RESTORE_SS;
	save_altstack(&frame.uc.uc_stack, regs->sp);
	save_regs(&frame.uc.uc_mcontext, regs);
	frame.uc.uc_mcontext.oldmask = oldmask;
	frame.uc.uc_mcontext.cr2 = ksig->sig == SIGSEGV || ksig->sig == SIGBUS ?
				   (u64)ksig->info.addr : 0;
	frame.uc.uc_mcontext.fpstate = fpstate;
	frame.uc.uc_sigmask = oldmask;
	frame.info = ksig->info;
	if (copy_to_user((void __user *)fpstate, &t->thread.fpu,
			 sizeof(t->thread.fpu)) ||
	    copy_to_user((void __user *)frame_addr, &frame, sizeof(frame)))
		return -EFAULT;

	regs->di = ksig->sig;
	regs->si = frame_addr + offsetof(struct rt_sigframe, info);
	regs->dx = frame_addr + offsetof(struct rt_sigframe, uc);
	regs->ax = 0;
	regs->sp = frame_addr;
	regs->ip = (u64)ka->sa_handler;
	regs->cs = __USER_CS;
	regs->ss = __USER_DS;
	regs->flags &= ~(0x100 | 0x400);	/* TF, DF: the ABI wants DF clear */
	/* The handler starts with a clean FPU, as on Linux. */
	fpu_reset(&t->thread);
	return 0;
}

long sys_rt_sigreturn(void)
{
	struct task_struct *t = current;
	struct pt_regs *regs = task_pt_regs(t);
	unsigned long frame_addr = regs->sp - 8;	/* ret popped pretcode */
	struct rt_sigframe frame;

	if (copy_from_user(&frame, (void __user *)frame_addr, sizeof(frame)))
		goto badframe;
	struct fxregs_state fpu;
	if (frame.uc.uc_mcontext.fpstate &&
	    copy_from_user(&fpu, (void __user *)frame.uc.uc_mcontext.fpstate,
			   sizeof(fpu)))
		goto badframe;
	restore_regs(regs, &frame.uc.uc_mcontext);
	if (frame.uc.uc_mcontext.fpstate) {
		fpu.mxcsr &= 0xffbf;	/* reserved bits would #GP in fxrstor */
		t->thread.fpu = fpu;
		__asm__ __volatile__("fxrstor %0" : : "m"(t->thread.fpu));
	}
	set_current_blocked(frame.uc.uc_sigmask);
	restore_altstack(&frame.uc.uc_stack, regs->sp);
	return regs->ax;	/* do_syscall_64 stores it back: unchanged */
badframe:
	force_sig_fault(SIGSEGV, SI_KERNEL, 0);
	return 0;
}


/* A system call interrupted by a signal: restart it or fail with EINTR,
 * depending on the result it left and whether a handler runs. */
static void syscall_restart(struct pt_regs *regs, struct k_sigaction *ka)
{
	long ret = (long)regs->ax;

	switch (ret) {
	case -ERESTARTNOHAND:
	case -ERESTART_RESTARTBLOCK:
		if (ka) {
			regs->ax = -EINTR;
			return;
		}
		break;
	case -ERESTARTSYS:
		if (ka && !(ka->sa_flags & SA_RESTART)) {
			regs->ax = -EINTR;
			return;
		}
		break;
	case -ERESTARTNOINTR:
		break;
	default:
		return;
	}
	/* Back up over the 2-byte SYSCALL instruction to run it again. */
	regs->ax = regs->orig_ax;
	regs->ip -= 2;
}

static bool in_syscall(const struct pt_regs *regs)
{
	return regs->vector == SYSCALL_VECTOR && (long)regs->orig_ax >= 0;
}

void do_signal(struct pt_regs *regs)
{
	struct task_struct *t = current;
	struct ksignal ksig;

	if (get_signal(&ksig)) {
		if (in_syscall(regs))
			syscall_restart(regs, &ksig.ka);
		sigset_t oldmask = t->restore_sigmask ? t->saved_sigmask :
							 t->blocked;
		t->restore_sigmask = false;
		if (setup_rt_frame(&ksig, oldmask, regs)) {
			/* No room for the frame: SIGSEGV, which the process
			 * cannot handle now either. */
			force_sigsegv(ksig.sig);
			return;
		}
		signal_setup_done(&ksig);
		return;		/* one handler frame at a time */
	}
	/* No handler ran: a system call that was interrupted is restarted
	 * as if nothing happened; sigsuspend's mask goes back. */
	if (in_syscall(regs))
		syscall_restart(regs, NULL);
	if (t->restore_sigmask) {
		t->restore_sigmask = false;
		set_current_blocked(t->saved_sigmask);
	}
}
