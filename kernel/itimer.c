/*
 * itimer.c - alarm() and the real-time interval timer (ITIMER_REAL):
 * SIGALRM after a delay, once or periodically.  The virtual and profiling
 * timers (CPU time) are not kept.
 *
 * Each process has one timer_list; it fires in interrupt context (the
 * tick) and sends SIGALRM, re-arming itself for a periodic timer.
 * Context: the system calls in process context, it_real_fn in the tick.
 */
#include "kernel/kernel.h"
#include "kernel/errno.h"
#include "kernel/sched.h"
#include "kernel/signal.h"
#include "kernel/timer.h"
#include "kernel/time.h"
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

static void it_real_fn(struct timer_list *t)
{
	struct task_struct *p = container_of(t, struct task_struct, real_timer);

	send_sig(SIGALRM, p);
	if (p->it_real_incr)
		mod_timer(&p->real_timer, jiffies + p->it_real_incr);
}

/* Microseconds to jiffies, rounded up so a timer never fires early. */
static unsigned long tv_to_jiffies(const struct timeval_k *tv)
{
	u64 us = (u64)tv->tv_sec * USEC_PER_SEC + tv->tv_usec;
	return (us * HZ + USEC_PER_SEC - 1) / USEC_PER_SEC;
}

static void jiffies_to_tv(unsigned long j, struct timeval_k *tv)
{
	tv->tv_sec = j / HZ;
	tv->tv_usec = (j % HZ) * (USEC_PER_SEC / HZ);
}

static void get_real(struct itimerval_k *v)
{
	struct task_struct *p = current;
	unsigned long left = 0;

	if (timer_pending(&p->real_timer) && time_after(p->real_timer.expires, jiffies))
		left = p->real_timer.expires - jiffies;
	else if (timer_pending(&p->real_timer))
		left = 1;	/* due now: report a tick, not "disarmed" */
	jiffies_to_tv(left, &v->it_value);
	jiffies_to_tv(p->it_real_incr, &v->it_interval);
}

static void set_real(const struct itimerval_k *v)
{
	struct task_struct *p = current;

	if (!p->real_timer.function)
		timer_setup(&p->real_timer, it_real_fn, 0);
	del_timer(&p->real_timer);
	p->it_real_incr = tv_to_jiffies(&v->it_interval);
	unsigned long j = tv_to_jiffies(&v->it_value);
	if (j)
		mod_timer(&p->real_timer, jiffies + j);
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

/* At exit: the timer must not fire for a dead task. */
void exit_itimers(struct task_struct *p)
{
	if (p->real_timer.function)
		del_timer(&p->real_timer);
}
