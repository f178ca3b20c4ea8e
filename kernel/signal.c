/*
 * signal.c - the machinery of signals: queueing one (__send_signal),
 * choosing the thread that takes it (complete_signal), dequeuing, and
 * the default actions (get_signal).  The system calls built on it
 * (kill, sigaction, masks, sigtimedwait) are in kernel/signal_syscalls.c,
 * pushing the handler's frame in arch/x86_64/signal.c, the alternate
 * stack in kernel/sigaltstack.c, signalfd in fs/signalfd.c.
 *
 * LOCKING: see signal.h.  Everything that reads or changes a pending
 * set or a mask holds sighand->siglock with interrupts off.
 * Context: sending any (the tick sends SIGALRM); the system calls and
 * get_signal process context.
 */
#include "kernel/kernel.h"
#include "kernel/errno.h"
#include "kernel/mm.h"
#include "kernel/sched.h"
#include "kernel/signal.h"
#include "kernel/pid.h"
#include "kernel/syscalls.h"
#include "kernel/cred.h"
#include "kernel/resource.h"
#include "kernel/hrtimer.h"
#include "kernel/timekeeping.h"
#include "arch/x86_64/uaccess.h"

/* The faults: taken before anything else that is pending, so that the
 * handler sees the fault the instruction caused (Linux's
 * SYNCHRONOUS_MASK). */
#define SYNCHRONOUS_MASK \
	(sigmask(SIGSEGV) | sigmask(SIGBUS) | sigmask(SIGILL) | \
	 sigmask(SIGTRAP) | sigmask(SIGFPE) | sigmask(SIGSYS))

static struct kmem_cache *sigqueue_cachep;
static int nr_sigqueues;	/* instances pending system-wide (atomic) */

/* --- the objects --- */

void futex_init(void);

void signals_init(void)
{
	sigqueue_cachep = kmem_cache_create("sigqueue", sizeof(struct sigqueue),
					    0, 0, NULL);
	if (!sigqueue_cachep)
		panic("signals_init: no memory for the sigqueue cache");
	/* Its first slab now: the cache keeps one in reserve, which would
	 * otherwise appear at the first blocked signal and look like a
	 * page lost by whatever ran then. */
	kmem_cache_free(sigqueue_cachep,
			kmem_cache_zalloc(sigqueue_cachep, GFP_KERNEL));
	futex_init();
}

struct sighand_struct *sighand_alloc(void)
{
	struct sighand_struct *sh = kzalloc(sizeof(*sh), GFP_KERNEL);

	if (!sh)
		return NULL;
	sh->count = 1;
	spin_lock_init(&sh->siglock);
	init_waitqueue_head(&sh->signalfd_wqh);
	return sh;
}

/* fork without CLONE_SIGHAND: the same handlers, in a table of its own. */
struct sighand_struct *sighand_dup(const struct sighand_struct *old)
{
	struct sighand_struct *sh = sighand_alloc();

	if (sh)		/* old is current's: only current changes it */
		memcpy(sh->action, old->action, sizeof(sh->action));
	return sh;
}

void signalfd_cleanup(struct sighand_struct *sighand);

void __cleanup_sighand(struct sighand_struct *sighand)
{
	if (__atomic_sub_fetch(&sighand->count, 1, __ATOMIC_ACQ_REL))
		return;
	signalfd_cleanup(sighand);	/* epolls let go of signalfd_wqh */
	kfree(sighand);
}

struct signal_struct *signal_alloc(void)
{
	struct signal_struct *sig = kzalloc(sizeof(*sig), GFP_KERNEL);

	if (!sig)
		return NULL;
	sig->sigcnt = 1;
	sig->live = 1;
	INIT_LIST_HEAD(&sig->thread_head);
	INIT_LIST_HEAD(&sig->posix_timers);
	init_waitqueue_head(&sig->wait_chldexit);
	init_sigpending(&sig->shared_pending);
	/* The first process's limits are the kernel's defaults; fork
	 * copies the parent's over them (kernel/fork.c). */
	memcpy(sig->rlim, task_rlimits(NULL), sizeof(sig->rlim));
	return sig;
}

void put_signal_struct(struct signal_struct *sig)
{
	if (__atomic_sub_fetch(&sig->sigcnt, 1, __ATOMIC_ACQ_REL))
		return;
	flush_sigqueue(&sig->shared_pending);	/* nobody else sees it now */
	kfree(sig);
}

void flush_signal_handlers(struct sighand_struct *sighand)
{
	for (int i = 0; i < _NSIG; i++) {
		struct k_sigaction *ka = &sighand->action[i];
		if (ka->sa_handler != SIG_IGN)
			ka->sa_handler = SIG_DFL;
		ka->sa_flags = 0;
		ka->sa_restorer = NULL;
		ka->sa_mask = 0;
	}
}

static struct sigqueue *sigqueue_alloc(int sig, struct task_struct *t,
				       bool override_rlimit)
{
	unsigned long limit = task_rlimits(t)[RLIMIT_SIGPENDING].rlim_cur;

	(void)sig;
	if (!override_rlimit &&
	    (unsigned long)READ_ONCE(nr_sigqueues) >= limit)
		return NULL;
	struct sigqueue *q = kmem_cache_zalloc(sigqueue_cachep, GFP_ATOMIC);
	if (q) {
		INIT_LIST_HEAD(&q->list);
		__atomic_add_fetch(&nr_sigqueues, 1, __ATOMIC_RELAXED);
	}
	return q;
}

static void sigqueue_free(struct sigqueue *q)
{
	list_del(&q->list);
	__atomic_sub_fetch(&nr_sigqueues, 1, __ATOMIC_RELAXED);
	kmem_cache_free(sigqueue_cachep, q);
}

int sigqueue_count(void)
{
	return READ_ONCE(nr_sigqueues);
}

void flush_sigqueue(struct sigpending *pending)
{
	struct sigqueue *q, *n;

	list_for_each_entry_safe(q, n, &pending->list, list)
		sigqueue_free(q);
	pending->signal = 0;
}

/* Drop the instances of the signals in mask (siglock held). */
void flush_sigqueue_mask(struct sigpending *pending, sigset_t mask)
{
	struct sigqueue *q, *n;

	list_for_each_entry_safe(q, n, &pending->list, list)
		if (sigmask(q->info.si_signo) & mask)
			sigqueue_free(q);
	pending->signal &= ~mask;
}

/* --- which thread, and whether at all --- */

void recalc_sigpending(struct task_struct *p)
{
	sigset_t pending = p->pending.signal;

	if (p->signal)
		pending |= p->signal->shared_pending.signal;
	p->sigpending = (pending & ~p->blocked) != 0;
}

/* Tell p a signal is there for it: the flag its return to user mode
 * checks, and a wake-up from an interruptible sleep (from any sleep for
 * a fatal one, as SIGKILL must get through). */
static void signal_wake_up(struct task_struct *p, bool fatal)
{
	p->sigpending = true;
	try_to_wake_up(p, fatal ? TASK_NORMAL : TASK_INTERRUPTIBLE, 0);
}

bool sig_handler_ignored(void __user *handler, int sig)
{
	return handler == SIG_IGN ||
	       (handler == SIG_DFL && (sig == SIGCHLD || sig == SIGURG ||
				       sig == SIGWINCH || sig == SIGCONT ||
				       sig == SIGSTOP || sig == SIGTSTP ||
				       sig == SIGTTIN || sig == SIGTTOU));
}

/* Whether sending sig to t would do nothing at all: then it is not even
 * queued.  A blocked signal may meet another handler when unblocked, so
 * it is kept (as one rt_sigtimedwait is waiting for). */
static bool sig_ignored(struct task_struct *t, int sig, bool force)
{
	if ((t->blocked | t->real_blocked) & sigmask(sig))
		return false;
	void __user *handler = t->sighand->action[sig - 1].sa_handler;
	/* init takes only the signals it has handlers for (Linux's
	 * SIGNAL_UNKILLABLE), SIGKILL included; a fault of its own
	 * (force) still ends it, and the kernel panics. */
	if (t->tgid == 1 && handler == SIG_DFL && !force)
		return true;
	return sig_handler_ignored(handler, sig);
}

/* A default action that ends the process. */
bool sig_kernel_terminates(int sig)
{
	return !sig_handler_ignored(SIG_DFL, sig);
}

/* Whether p should be the one woken for sig (Linux's wants_signal). */
static bool wants_signal(int sig, struct task_struct *p)
{
	if (p->blocked & sigmask(sig))
		return false;
	if (p->flags & PF_EXITING)
		return false;
	if (sig == SIGKILL)
		return true;
	return p == current || !signal_pending(p);
}

/*
 * sig was just queued for t (thread-directed: group false) or for t's
 * whole process.  Find a thread to take it and wake that one.  A fatal
 * signal nobody handles ends the group now: every thread gets SIGKILL,
 * as Linux's complete_signal does, so none runs user code again.
 */
static void complete_signal(int sig, struct task_struct *p, bool group)
{
	struct signal_struct *signal = p->signal;
	struct task_struct *t = p;

	if (wants_signal(sig, p)) {
		t = p;
	} else if (!group || thread_group_empty(p)) {
		return;		/* only p may take it; it will, later */
	} else {
		/* Round-robin from the last thread that took one, so no one
		 * thread gets every signal. */
		t = signal->curr_target ? signal->curr_target : p;
		struct task_struct *start = t;
		for (;;) {
			t = list_is_last(&t->thread_node, &signal->thread_head) ?
			    list_first_entry(&signal->thread_head,
					     struct task_struct, thread_node) :
			    list_next_entry(t, thread_node);
			if (wants_signal(sig, t))
				break;
			if (t == start)
				return;	/* all block it: it waits in shared */
		}
		signal->curr_target = t;
	}

	void __user *h = p->sighand->action[sig - 1].sa_handler;
	if (sig_kernel_terminates(sig) && h == SIG_DFL &&
	    !signal_group_exit(signal) && !(t->real_blocked & sigmask(sig))) {
		signal->flags = SIGNAL_GROUP_EXIT;
		signal->group_exit_code = sig;
		struct task_struct *o;
		for_each_thread(p, o) {
			o->pending.signal |= sigmask(SIGKILL);
			signal_wake_up(o, true);
		}
		return;
	}
	signal_wake_up(t, sig == SIGKILL);
}

/* The siginfo an instance that could not be allocated would have had:
 * for a kernel signal, Linux's SEND_SIG_PRIV. */
static void fill_default_info(struct kernel_siginfo *si, int sig,
			      const struct kernel_siginfo *info)
{
	if (info) {
		*si = *info;
	} else {
		memset(si, 0, sizeof(*si));
		si->si_code = SI_KERNEL;
	}
	si->si_signo = sig;
}

void signalfd_notify(struct task_struct *t, int sig);

/* Queue sig on t's pending set (group: the process's), siglock held. */
static int __send_signal(int sig, const struct kernel_siginfo *info,
			 struct task_struct *t, bool group, bool force,
			 bool timer)
{
	struct sigpending *pending = group ? &t->signal->shared_pending :
					     &t->pending;

	if (sig_ignored(t, sig, force))
		return 0;
	/* A standard signal is pending at most once (its siginfo is the
	 * first one's); real-time signals queue every instance. */
	if (sig < SIGRTMIN && (pending->signal & sigmask(sig)))
		return 0;
	/* Past RLIMIT_SIGPENDING only a user's real-time signal fails;
	 * everything else is sent, without its siginfo if need be. */
	bool from_user = info && info->si_code < 0 && !timer;
	struct sigqueue *q = sig == SIGKILL ? NULL :
		sigqueue_alloc(sig, t, sig < SIGRTMIN || !from_user);
	if (q) {
		fill_default_info(&q->info, sig, info);
		q->timer = timer;
		list_add_tail(&q->list, &pending->list);
	} else if (sig >= SIGRTMIN && from_user) {
		return -EAGAIN;
	}
	pending->signal |= sigmask(sig);
	signalfd_notify(t, sig);
	complete_signal(sig, t, group);
	return 0;
}

static int send_signal_locked(int sig, const struct kernel_siginfo *info,
			      struct task_struct *p, bool group, bool timer)
{
	if (sig < 1 || sig > _NSIG)
		return -EINVAL;
	/* A kernel thread, or a reaped task; a zombie thread takes no
	 * signal of its own, while its process may still have others. */
	if (!p->sighand || (!group && p->exit_state))
		return 0;
	unsigned long flags;
	spin_lock_irqsave(&p->sighand->siglock, flags);
	int ret = __send_signal(sig, info, p, group, false, timer);
	spin_unlock_irqrestore(&p->sighand->siglock, flags);
	return ret;
}

int send_sig_info(int sig, const struct kernel_siginfo *info,
		  struct task_struct *p)
{
	return send_signal_locked(sig, info, p, true, false);
}

int send_sig(int sig, struct task_struct *p)
{
	return send_sig_info(sig, NULL, p);
}

int send_sig_info_thread(int sig, const struct kernel_siginfo *info,
			 struct task_struct *p)
{
	return send_signal_locked(sig, info, p, false, false);
}

int send_timer_signal(int sig, const struct kernel_siginfo *info,
		      struct task_struct *p, bool group)
{
	return send_signal_locked(sig, info, p, group, true);
}

void force_sig_fault(int sig, int code, unsigned long addr)
{
	struct task_struct *p = current;
	struct kernel_siginfo info = { .si_signo = sig, .si_code = code };
	unsigned long flags;

	info.addr = (void __user *)addr;
	spin_lock_irqsave(&p->sighand->siglock, flags);
	/* Blocked or ignored, the fault would only repeat: take the
	 * default action instead, as Linux does (for every thread: the
	 * handlers are shared). */
	struct k_sigaction *ka = &p->sighand->action[sig - 1];
	if ((p->blocked & sigmask(sig)) || ka->sa_handler == SIG_IGN) {
		ka->sa_handler = SIG_DFL;
		p->blocked &= ~sigmask(sig);
		recalc_sigpending(p);
	}
	__send_signal(sig, &info, p, false, true, false);
	spin_unlock_irqrestore(&p->sighand->siglock, flags);
}

int zap_other_threads(struct task_struct *p)
{
	struct task_struct *t;
	int count = 0;

	for_each_thread(p, t) {
		if (t == p || t->exit_state)
			continue;
		count++;
		t->pending.signal |= sigmask(SIGKILL);
		signal_wake_up(t, true);
	}
	return count;
}

/* The handler's frame did not fit (arch signal code): SIGSEGV, which
 * must not recurse into a SIGSEGV handler that failed the same way. */
void force_sigsegv(int sig)
{
	if (sig == SIGSEGV) {
		unsigned long flags;
		spin_lock_irqsave(&current->sighand->siglock, flags);
		current->sighand->action[SIGSEGV - 1].sa_handler = SIG_DFL;
		spin_unlock_irqrestore(&current->sighand->siglock, flags);
	}
	force_sig_fault(SIGSEGV, SI_KERNEL, 0);
}

/* --- taking a signal off --- */

/* The next signal of pending not in mask: a fault first, else the
 * lowest (Linux's next_signal). */
static int next_signal(const struct sigpending *pending, sigset_t mask)
{
	sigset_t ready = pending->signal & ~mask;

	if (!ready)
		return 0;
	if (ready & SYNCHRONOUS_MASK)
		ready &= SYNCHRONOUS_MASK;
	return __builtin_ctzll(ready) + 1;
}

/* Take sig's first instance off pending into info; true if it is a
 * POSIX timer's. */
static bool collect_signal(int sig, struct sigpending *pending,
			   struct kernel_siginfo *info)
{
	struct sigqueue *q, *first = NULL;
	bool more = false, timer = false;

	list_for_each_entry(q, &pending->list, list) {
		if (q->info.si_signo != sig)
			continue;
		if (first) {
			more = true;
			break;
		}
		first = q;
	}
	if (!more)
		pending->signal &= ~sigmask(sig);
	if (first) {
		*info = first->info;
		timer = first->timer;
		sigqueue_free(first);
	} else {
		/* Pending without an instance (none could be allocated). */
		fill_default_info(info, sig, NULL);
	}
	return timer;
}

int dequeue_signal(struct task_struct *p, sigset_t mask,
		   struct kernel_siginfo *info)
{
	struct sigpending *pending;
	bool timer;
	int sig;

again:
	pending = &p->pending;
	sig = next_signal(pending, mask);
	if (!sig) {
		pending = &p->signal->shared_pending;
		sig = next_signal(pending, mask);
	}
	timer = sig && collect_signal(sig, pending, info);
	/* A periodic ITIMER_REAL starts its next period when its SIGALRM
	 * is taken, as in Linux (kernel/itimer.c). */
	if (sig == SIGALRM)
		itimer_rearm(p->signal);
	/* ...and a periodic POSIX timer; a timer's signal from a setting
	 * that is gone (deleted, or set again) is dropped, as Linux 6.13
	 * on does (kernel/posix-timers.c).  Only the timer's own instance:
	 * a user's SI_TIMER (rt_sigqueueinfo) is delivered as it is. */
	if (timer && !posixtimer_rearm(p, info))
		goto again;
	recalc_sigpending(p);
	return sig;
}

bool signal_pending_in(struct task_struct *p, sigset_t mask)
{
	return next_signal(&p->pending, mask) ||
	       next_signal(&p->signal->shared_pending, mask);
}

/*
 * The loop behind every return to user mode with a signal pending.  The
 * group may be exiting (exit_group, a fatal signal, an exec in another
 * thread): then this thread just goes.  Otherwise each signal is
 * ignored, ends the process (its default action), or comes back to the
 * architecture with its handler.
 */
bool get_signal(struct ksignal *ksig)
{
	struct task_struct *t = current;
	struct sighand_struct *sighand = t->sighand;
	unsigned long flags;

	for (;;) {
		spin_lock_irqsave(&sighand->siglock, flags);
		if (signal_group_exit(t->signal) ||
		    (t->pending.signal & sigmask(SIGKILL))) {
			int code = signal_group_exit(t->signal) ?
				   t->signal->group_exit_code : SIGKILL;
			t->pending.signal &= ~sigmask(SIGKILL);
			spin_unlock_irqrestore(&sighand->siglock, flags);
			do_group_exit(code);
		}
		int sig = dequeue_signal(t, t->blocked, &ksig->info);
		if (!sig) {
			spin_unlock_irqrestore(&sighand->siglock, flags);
			return false;
		}
		struct k_sigaction *ka = &sighand->action[sig - 1];
		if (ka->sa_handler == SIG_IGN ||
		    (ka->sa_handler == SIG_DFL && !sig_kernel_terminates(sig))) {
			spin_unlock_irqrestore(&sighand->siglock, flags);
			continue;
		}
		if (ka->sa_handler != SIG_DFL) {
			ksig->ka = *ka;
			ksig->sig = sig;
			if (ka->sa_flags & SA_RESETHAND)
				ka->sa_handler = SIG_DFL;
			spin_unlock_irqrestore(&sighand->siglock, flags);
			return true;
		}
		spin_unlock_irqrestore(&sighand->siglock, flags);
		do_group_exit(sig);	/* wait status: killed by sig */
	}
}

void signal_setup_done(struct ksignal *ksig)
{
	sigset_t blocked = current->blocked | ksig->ka.sa_mask;

	/* The handler runs on its SS_AUTODISARM stack: disarmed until its
	 * rt_sigreturn restores what the frame saved. */
	if (current->sas_ss_flags & SS_AUTODISARM)
		sas_ss_reset(current);
	if (!(ksig->ka.sa_flags & SA_NODEFER))
		blocked |= sigmask(ksig->sig);
	set_current_blocked(blocked);
}

/*
 * Shared signals that t is about to block (which) may have been meant
 * for it: give each to another thread that takes it (Linux's
 * retarget_shared_pending).  siglock held.
 */
static void retarget_shared_pending(struct task_struct *tsk, sigset_t which)
{
	sigset_t retarget = tsk->signal->shared_pending.signal & which;
	struct task_struct *t;

	if (!retarget)
		return;
	for_each_thread(tsk, t) {
		if (t == tsk || (t->flags & PF_EXITING))
			continue;
		sigset_t wanted = retarget & ~t->blocked;
		if (!wanted)
			continue;
		retarget &= ~wanted;
		if (!signal_pending(t))
			signal_wake_up(t, false);
		if (!retarget)
			break;
	}
}

void set_current_blocked(sigset_t newset)
{
	struct task_struct *t = current;
	unsigned long flags;

	newset &= ~SIG_KERNEL_ONLY_MASK;
	spin_lock_irqsave(&t->sighand->siglock, flags);
	if (signal_pending(t))
		retarget_shared_pending(t, newset & ~t->blocked);
	t->blocked = newset;
	recalc_sigpending(t);
	spin_unlock_irqrestore(&t->sighand->siglock, flags);
}

void exit_signals(struct task_struct *tsk)
{
	unsigned long flags;

	spin_lock_irqsave(&tsk->sighand->siglock, flags);
	tsk->flags |= PF_EXITING;
	if (!signal_group_exit(tsk->signal))
		retarget_shared_pending(tsk, ~tsk->blocked);
	spin_unlock_irqrestore(&tsk->sighand->siglock, flags);
}
