/*
 * itimer.c - alarm() and the real-time interval timer (ITIMER_REAL):
 * SIGALRM after a delay, once or periodically.  The virtual and profiling
 * timers (CPU time) are not kept.
 *
 * Each process (not each thread) has one hrtimer, signal->real_timer as
 * in Linux; it fires in interrupt context and sends SIGALRM to the
 * process; a periodic one is re-armed when the signal is taken.  Times
 * are kept in nanoseconds and reported in microseconds, truncated, as
 * Linux reports them.
 * LOCKING: tasklist_lock keeps the thread list still while it_real_fn
 * picks a thread to send to; the timer's fields are changed by the
 * process's own system calls and by itimer_rearm under siglock.
 * Context: the system calls in process context, it_real_fn in the
 * timer interrupt, itimer_rearm in dequeue_signal (interrupts off).
 */
#include "kernel/kernel.h"
#include "kernel/errno.h"
#include "kernel/sched.h"
#include "kernel/signal.h"
#include "kernel/hrtimer.h"
#include "kernel/time.h"
#include "kernel/syscalls.h"
#include "arch/x86_64/uaccess.h"

#define ITIMER_REAL	0
#define ITIMER_VIRTUAL	1
#define ITIMER_PROF	2
#define USEC_PER_SEC	1000000UL

struct timeval_k {
	long tv_sec, tv_usec;
};

struct itimerval_k {
	struct timeval_k it_interval, it_value;
};

/*
 * The timer fired: send SIGALRM.  A periodic timer is not re-armed
 * here but when the signal is taken (itimer_rearm, from
 * dequeue_signal), as Linux does: a process that ignores, blocks or
 * is slow to take SIGALRM then costs one interrupt, not one per
 * interval however short the interval (a 1 us period would otherwise
 * keep the CPU in this function).  Interrupt context.
 */
static enum hrtimer_restart it_real_fn(struct hrtimer *t)
{
	struct signal_struct *sig = container_of(t, struct signal_struct,
						 real_timer);
	unsigned long flags;

	spin_lock_irqsave(&tasklist_lock, flags);
	if (!list_empty(&sig->thread_head))
		send_sig(SIGALRM, list_first_entry(&sig->thread_head,
						   struct task_struct,
						   thread_node));
	spin_unlock_irqrestore(&tasklist_lock, flags);
	return HRTIMER_NORESTART;
}

void itimer_rearm(struct signal_struct *p)
{
	struct hrtimer *t = &p->real_timer;

	if (!t->function || !p->it_real_incr || hrtimer_is_queued(t))
		return;
	/* The next expiry after now on the period's grid; periods that
	 * passed while the signal waited are skipped, not caught up. */
	hrtimer_forward(t, hrtimer_cb_get_time(t), p->it_real_incr);
	hrtimer_start_expires(t, HRTIMER_MODE_ABS);
}

static ktime_t tv_to_ktime(const struct timeval_k *tv)
{
	return ktime_set(tv->tv_sec, (unsigned long)tv->tv_usec * NSEC_PER_USEC);
}

/* Truncated to microseconds, as Linux's ns_to_kernel_old_timeval. */
static void ktime_to_tv(ktime_t kt, struct timeval_k *tv)
{
	struct timespec64 ts = ktime_to_timespec64(kt);

	tv->tv_sec = ts.tv_sec;
	tv->tv_usec = ts.tv_nsec / NSEC_PER_USEC;
}

/* Time left: 0 when disarmed, 1 us for one due now (not "disarmed";
 * Linux's itimer_get_remtime). */
static void get_real(struct itimerval_k *v)
{
	struct signal_struct *p = current->signal;
	ktime_t left = 0;

	if (p->real_timer.function && hrtimer_active(&p->real_timer)) {
		left = hrtimer_get_remaining(&p->real_timer);
		if (left <= 0)
			left = NSEC_PER_USEC;
	}
	ktime_to_tv(left, &v->it_value);
	ktime_to_tv(p->it_real_incr, &v->it_interval);
}

static void set_real(const struct itimerval_k *v)
{
	struct signal_struct *p = current->signal;
	ktime_t expires = tv_to_ktime(&v->it_value);

	if (!p->real_timer.function) {
		hrtimer_init(&p->real_timer, CLOCK_MONOTONIC, HRTIMER_MODE_REL);
		p->real_timer.function = it_real_fn;
	}
	hrtimer_cancel(&p->real_timer);
	p->it_real_incr = expires ? tv_to_ktime(&v->it_interval) : 0;
	if (expires)
		hrtimer_start(&p->real_timer, expires, HRTIMER_MODE_REL);
}

static bool tv_valid(const struct timeval_k *tv)
{
	return tv->tv_sec >= 0 && tv->tv_usec >= 0 &&
	       (unsigned long)tv->tv_usec < USEC_PER_SEC;
}

long sys_getitimer(int which, struct itimerval_k __user *value)
{
	struct itimerval_k v = { 0 };

	if (which != ITIMER_REAL && which != ITIMER_VIRTUAL && which != ITIMER_PROF)
		return -EINVAL;
	if (which == ITIMER_REAL)
		get_real(&v);
	return copy_to_user(value, &v, sizeof(v)) ? -EFAULT : 0;
}

long sys_setitimer(int which, const struct itimerval_k __user *value,
		   struct itimerval_k __user *ovalue)
{
	struct itimerval_k v = { 0 }, old = { 0 };

	if (value && copy_from_user(&v, value, sizeof(v)))
		return -EFAULT;
	if (which != ITIMER_REAL)
		return which == ITIMER_VIRTUAL || which == ITIMER_PROF ? -ENOSYS : -EINVAL;
	if (!tv_valid(&v.it_value) || !tv_valid(&v.it_interval))
		return -EINVAL;
	get_real(&old);
	set_real(&v);
	if (ovalue && copy_to_user(ovalue, &old, sizeof(old)))
		return -EFAULT;
	return 0;
}

/* alarm: seconds left on the previous alarm, rounded as Linux does. */
long sys_alarm(unsigned int seconds)
{
	struct itimerval_k v = { .it_value = { seconds, 0 } }, old;

	get_real(&old);
	set_real(&v);
	long left = old.it_value.tv_sec;
	if (old.it_value.tv_usec >= 500000 || (!left && old.it_value.tv_usec))
		left++;
	return left;
}

/* At the process's end: the timer must not fire for a dead process. */
void exit_itimers(struct signal_struct *p)
{
	if (p->real_timer.function)
		hrtimer_cancel(&p->real_timer);
	exit_posix_timers(p);
}
