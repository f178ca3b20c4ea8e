/*
 * sigaltstack.c - the alternate signal stack (sigaltstack(2)).
 *
 * A thread may give the kernel a second stack for its signal handlers,
 * so that a handler can run when the ordinary stack is exhausted (the
 * SIGSEGV of a stack overflow) or is not a stack the handler may use
 * (Go runs every handler on one, and refuses to start without it).  A
 * handler installed with SA_ONSTACK then gets its frame at the top of
 * that stack (arch/x86_64/signal.c: get_sigframe), unless the thread is
 * already running on it.  The frame's uc_stack records the setting, and
 * rt_sigreturn puts it back, which is what makes SS_AUTODISARM work:
 * the stack is disarmed while a handler uses it and re-armed on return.
 *
 * The setting is per thread (a new thread starts without one, fork and
 * exec keep it, as in Linux), so only the thread itself changes it and
 * nothing here needs a lock.
 *
 * Context: process context of the thread concerned.
 */
#include "kernel/kernel.h"
#include "kernel/errno.h"
#include "kernel/sched.h"
#include "kernel/signal.h"
#include "arch/x86_64/ptrace.h"
#include "arch/x86_64/uaccess.h"

#define SS_FLAG_BITS	SS_AUTODISARM

/* sp is inside the stack: above its base, at most at its top.  An
 * armed SS_AUTODISARM stack is never "the one we are on": a handler
 * that runs on it has disarmed it. */
bool __on_sig_stack(unsigned long sp)
{
	struct task_struct *t = current;

	return sp > t->sas_ss_sp && sp - t->sas_ss_sp <= t->sas_ss_size;
}

bool on_sig_stack(unsigned long sp)
{
	if (current->sas_ss_flags & SS_AUTODISARM)
		return false;
	return __on_sig_stack(sp);
}

int sas_ss_flags(unsigned long sp)
{
	if (!current->sas_ss_size)
		return SS_DISABLE;
	return on_sig_stack(sp) ? SS_ONSTACK : 0;
}

void sas_ss_reset(struct task_struct *p)
{
	p->sas_ss_sp = 0;
	p->sas_ss_size = 0;
	p->sas_ss_flags = SS_DISABLE;
}

/*
 * The body of sigaltstack(2), Linux's checks in Linux's order: no change
 * while running on the stack (EPERM), a known mode (EINVAL), room for a
 * frame (ENOMEM).  old gets the setting as it was.
 */
static int do_sigaltstack(const struct user_stack_t *ss,
			  struct user_stack_t *old, unsigned long sp)
{
	struct task_struct *t = current;

	if (old) {
		*old = (struct user_stack_t){
			.ss_sp = (void __user *)t->sas_ss_sp,
			.ss_size = t->sas_ss_size,
			.ss_flags = sas_ss_flags(sp) |
				    (t->sas_ss_flags & SS_FLAG_BITS),
		};
	}
	if (!ss)
		return 0;
	unsigned long ss_sp = (unsigned long)ss->ss_sp;
	size_t ss_size = ss->ss_size;
	unsigned int ss_flags = ss->ss_flags;
	unsigned int mode = ss_flags & ~SS_FLAG_BITS;

	if (on_sig_stack(sp))
		return -EPERM;
	/* SS_ONSTACK as a mode is an old way of saying 0. */
	if (mode != SS_DISABLE && mode != SS_ONSTACK && mode != 0)
		return -EINVAL;
	if (mode == SS_DISABLE) {
		ss_sp = 0;
		ss_size = 0;
	} else if (ss_size < MINSIGSTKSZ) {
		return -ENOMEM;
	}
	t->sas_ss_sp = ss_sp;
	t->sas_ss_size = ss_size;
	t->sas_ss_flags = ss_flags;
	return 0;
}

long sys_sigaltstack(const struct user_stack_t __user *uss,
		     struct user_stack_t __user *uoss)
{
	struct user_stack_t new, old;
	unsigned long sp = task_pt_regs(current)->sp;

	if (uss && copy_from_user(&new, uss, sizeof(new)))
		return -EFAULT;
	int err = do_sigaltstack(uss ? &new : NULL, uoss ? &old : NULL, sp);
	if (!err && uoss && copy_to_user(uoss, &old, sizeof(old)))
		err = -EFAULT;
	return err;
}

/* What a signal frame records: the setting itself, so that
 * rt_sigreturn can put it back as it was.  (sp does not matter: Linux
 * once saved sas_ss_flags(sp) here, and saves the flags since
 * SS_AUTODISARM.)  A SS_AUTODISARM stack is disarmed only once the
 * frame is certain to be used (signal_setup_done). */
void save_altstack(struct user_stack_t *uss, unsigned long sp)
{
	struct task_struct *t = current;

	(void)sp;
	*uss = (struct user_stack_t){
		.ss_sp = (void __user *)t->sas_ss_sp,
		.ss_flags = t->sas_ss_flags,
		.ss_size = t->sas_ss_size,
	};
}

/* rt_sigreturn: the setting the frame recorded, if it may be set now
 * (not while still on the stack); a bad one is ignored, as in Linux. */
void restore_altstack(const struct user_stack_t *uss, unsigned long sp)
{
	(void)do_sigaltstack(uss, NULL, sp);
}
