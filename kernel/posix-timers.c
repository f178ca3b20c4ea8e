/*
 * posix-timers.c - the POSIX clocks: clock_gettime(2), clock_getres(2)
 * and clock_nanosleep(2), dispatched through a table of clocks as in
 * Linux's kernel/time/posix-timers.c; and, as there, the POSIX interval
 * timers, timer_create(2) and friends (the second part of this file).
 *
 * Clock ids, as Linux numbers them:
 *   0 REALTIME, 11 TAI	wall time (TAI has a zero offset: nothing sets it)
 *   1 MONOTONIC, 7 BOOTTIME, 4 MONOTONIC_RAW
 *			ktime; no suspend and no NTP, so all three agree
 *   5 REALTIME_COARSE, 6 MONOTONIC_COARSE
 *			the same, at tick resolution
 *   2 PROCESS_CPUTIME_ID, 3 THREAD_CPUTIME_ID, negative ids (a pid's or
 *			thread's CPU clock, as clock_getcpuclockid makes)
 *			APPROXIMATED by the monotonic clock: tasks do not
 *			account their run time yet.  The process layer
 *			should add a sum_exec_runtime and use it here.
 *   8 REALTIME_ALARM, 9 BOOTTIME_ALARM
 *			exist in Linux but need an RTC that can wake the
 *			machine; without one Linux answers EINVAL to
 *			gettime/getres and EOPNOTSUPP to nanosleep: so do we.
 *   anything else	EINVAL
 *
 * Which clocks can be slept on is Linux's answer too (checked against a
 * 6.x kernel): REALTIME, MONOTONIC, BOOTTIME, TAI and the process CPU
 * clock; the raw, coarse and thread-CPU clocks give EOPNOTSUPP.  (The C
 * library turns THREAD_CPUTIME_ID into EINVAL before asking.)
 *
 * Context: process context (user copies; clock_nanosleep sleeps).
 */
#include "kernel/kernel.h"
#include "kernel/errno.h"
#include "kernel/sched.h"
#include "kernel/pid.h"
#include "kernel/mm.h"
#include "kernel/signal.h"
#include "kernel/resource.h"
#include "kernel/hrtimer.h"
#include "kernel/time.h"
#include "kernel/syscalls.h"
#include "arch/x86_64/uaccess.h"


/* A negative clock id names a CPU clock: ~pid << 3 | perthread << 2 | type. */
#define CPUCLOCK_PID(id)	((int)~((id) >> 3))
#define CPUCLOCK_PERTHREAD(id)	(((id) & 4) != 0)
#define CPUCLOCK_WHICH(id)	((id) & 3)
#define CPUCLOCK_MAX		3	/* types: PROF 0, VIRT 1, SCHED 2 */

/* A clock to read: its time in nanoseconds. */
typedef s64 (*clock_get_ns_t)(void);

struct k_clock {
	bool valid;			/* the id names a clock */
	clock_get_ns_t clock_get;	/* NULL: the clock cannot be read */
	u64 resolution;			/* what clock_getres reports, ns */
	bool can_sleep;			/* clock_nanosleep may wait on it */
};

static s64 clock_mono(void)
{
	return ktime_get();
}

static s64 clock_real(void)
{
	return ktime_get_real_ns();
}

static s64 clock_real_coarse(void)
{
	return ktime_get_coarse_real_ns();
}

static s64 clock_mono_coarse(void)
{
	return (s64)ktime_get_coarse_ns();
}

/* See the file comment: an approximation until tasks count CPU time. */
static s64 clock_cputime(void)
{
	return ktime_get();
}

static const struct k_clock posix_clocks[MAX_CLOCKS] = {
	[CLOCK_REALTIME]	   = { true, clock_real, 1, true },
	[CLOCK_MONOTONIC]	   = { true, clock_mono, 1, true },
	[CLOCK_PROCESS_CPUTIME_ID] = { true, clock_cputime, 1, true },
	[CLOCK_THREAD_CPUTIME_ID]  = { true, clock_cputime, 1, false },
	[CLOCK_MONOTONIC_RAW]	   = { true, clock_mono, 1, false },
	[CLOCK_REALTIME_COARSE]	   = { true, clock_real_coarse, TICK_NSEC, false },
	[CLOCK_MONOTONIC_COARSE]   = { true, clock_mono_coarse, TICK_NSEC, false },
	[CLOCK_BOOTTIME]	   = { true, clock_mono, 1, true },
	[CLOCK_REALTIME_ALARM]	   = { true, NULL, 0, false },
	[CLOCK_BOOTTIME_ALARM]	   = { true, NULL, 0, false },
	[CLOCK_TAI]		   = { true, clock_real, 1, true },
};

static const struct k_clock cpu_clock_process = { true, clock_cputime, 1, true };
static const struct k_clock cpu_clock_thread = { true, clock_cputime, 1, false };

/* The CPU clock a negative id names, if it is ours: there is no pid
 * lookup here, and Linux answers EINVAL for a pid it cannot find. */
static const struct k_clock *cpu_clock(int id)
{
	int pid = CPUCLOCK_PID(id);

	if (CPUCLOCK_WHICH(id) >= CPUCLOCK_MAX)
		return NULL;
	if (pid != 0 && pid != current->pid)
		return NULL;
	return CPUCLOCK_PERTHREAD(id) ? &cpu_clock_thread : &cpu_clock_process;
}

/* The clock for an id, or NULL (-EINVAL) if there is no such clock. */
static const struct k_clock *clockid_to_kclock(int id)
{
	if (id < 0)
		return cpu_clock(id);
	if (id >= MAX_CLOCKS || !posix_clocks[id].valid)
		return NULL;
	return &posix_clocks[id];
}

long sys_clock_gettime(int which_clock, struct __kernel_timespec __user *tp)
{
	const struct k_clock *kc = clockid_to_kclock(which_clock);

	if (!kc || !kc->clock_get)
		return -EINVAL;
	struct timespec64 ts = ns_to_timespec64(kc->clock_get());
	return put_timespec64(&ts, tp);
}

/* A NULL tp is allowed: it just asks whether the clock exists. */
long sys_clock_getres(int which_clock, struct __kernel_timespec __user *tp)
{
	const struct k_clock *kc = clockid_to_kclock(which_clock);

	if (!kc || !kc->clock_get)
		return -EINVAL;
	struct timespec64 ts = ns_to_timespec64((s64)kc->resolution);
	if (tp && put_timespec64(&ts, tp))
		return -EFAULT;
	return 0;
}

/*
 * Flags other than TIMER_ABSTIME are ignored, not rejected: Linux looks
 * only at that bit (verified: flags 0x10 sleeps and returns 0).  The
 * remaining time is reported only for relative sleeps.
 */
long sys_clock_nanosleep(int which_clock, int flags,
			 struct __kernel_timespec __user *rqtp,
			 struct __kernel_timespec __user *rmtp)
{
	const struct k_clock *kc = clockid_to_kclock(which_clock);
	struct timespec64 t;

	if (!kc)
		return -EINVAL;
	if (!kc->can_sleep)
		return which_clock < 0 ? -EINVAL : -EOPNOTSUPP;
	if (get_timespec64(&t, rqtp))
		return -EFAULT;
	if (!timespec64_valid(&t))
		return -EINVAL;
	bool abs = flags & TIMER_ABSTIME;
	return hrtimer_nanosleep(timespec64_to_ktime(t),
				 abs ? HRTIMER_MODE_ABS : HRTIMER_MODE_REL,
				 which_clock, abs ? NULL : rmtp);
}

/* --- POSIX interval timers: timer_create(2) and friends --- */

/*
 * A process's timers (Linux's struct k_itimer), on signal->posix_timers
 * and named by small ids counted from 0 per process, as Linux's
 * posix_timer_add hands them out.  An expiry sends the timer's signal
 * with si_code SI_TIMER, its id, its sigev_value and the overrun count;
 * SIGEV_THREAD_ID sends it to one thread, SIGEV_NONE sends nothing (the
 * timer only counts down for timer_gettime).  SIGEV_THREAD is the C
 * library's: to the kernel it is SIGEV_SIGNAL.
 *
 * A periodic timer is not re-armed when it fires but when its signal is
 * taken (posixtimer_rearm, from dequeue_signal), as Linux does: the
 * periods that passed while the signal waited are the overrun, which
 * the handler reads in si_overrun and timer_getoverrun.  A signal that
 * could not be queued (ignored, or a standard signal already pending)
 * leaves nothing to take, so the timer goes on by itself, counting the
 * periods as overruns (Linux's posix_timer_fn).  it_requeue_pending
 * tells a signal from the current setting from a stale one: odd while a
 * signal of this setting waits, bumped by each expiry, re-arm and
 * timer_settime.  A signal whose timer was deleted or set again since
 * is dropped when it is taken (it_signal_seq), as Linux does since
 * 6.13 (6.1 still delivered it).
 *
 * Clocks: REALTIME (an absolute expiry follows the wall clock),
 * MONOTONIC, BOOTTIME and TAI.  The alarm clocks need an RTC that wakes
 * the machine (EOPNOTSUPP, as Linux without one), the raw and coarse
 * clocks cannot be timed (EOPNOTSUPP, Linux's answer), and CPU-time
 * timers are not kept yet (EOPNOTSUPP; Linux has them: the tick would
 * have to check them, as run_posix_cpu_timers does).
 *
 * LOCKING: the list and each timer's id are under the process's
 * siglock; a timer's other fields under its it_lock, taken inside
 * siglock (the opposite of Linux's order, because dequeue_signal calls
 * posixtimer_rearm with siglock held).  The hrtimer function takes
 * it_lock alone, drops it, then sends the signal (which takes siglock),
 * so neither order is ever reversed.  A timer's hrtimer is cancelled
 * with both locks dropped when its function may be running elsewhere.
 * Context: process context; posix_timer_fn in the timer interrupt;
 * posixtimer_rearm in dequeue_signal (interrupts off).
 */
#define SIGEV_SIGNAL	0
#define SIGEV_NONE	1
#define SIGEV_THREAD	2
#define SIGEV_THREAD_ID	4
#define REQUEUE_PENDING	1
#define INT_MAX_S64	0x7fffffffLL

/* struct sigevent as the x86-64 kernel reads it (64 bytes). */
struct sigevent_k {
	u64 sigev_value;		/* union sigval */
	int sigev_signo;
	int sigev_notify;
	union {
		int _pad[12];
		int _tid;		/* SIGEV_THREAD_ID: the thread */
	};
};

struct __kernel_itimerspec_k {
	struct __kernel_timespec it_interval;
	struct __kernel_timespec it_value;
};

struct k_itimer {
	struct list_head list;		/* signal->posix_timers (siglock) */
	int it_id;			/* timer_create's answer (siglock) */
	spinlock_t it_lock;		/* everything below */
	int it_clock;
	int it_sigev_notify;		/* SIGEV_SIGNAL, _NONE, _THREAD_ID */
	int it_sigev_signo;
	u64 it_sigev_value;
	int it_tid;			/* SIGEV_THREAD_ID's thread */
	struct signal_struct *it_signal; /* the process it belongs to */
	ktime_t it_interval;		/* the period, 0: once */
	s64 it_overrun;			/* periods missed since the signal */
	s64 it_overrun_last;		/* ...as the last signal reported */
	unsigned int it_requeue_pending; /* see the top of this part */
	unsigned int it_signal_seq;	/* bumped by settime and delete: a
					 * signal of an older one is stale */
	bool it_active;			/* armed and not yet expired */
	struct hrtimer it_timer;
};

static struct kmem_cache *posix_timers_cache;

/* Boot, after the slab allocator: the cache exists before the first
 * timer_create, so that a program's first timer adds no kmem_cache. */
void posix_timers_init(void)
{
	posix_timers_cache = kmem_cache_create("posix_timers_cache",
					       sizeof(struct k_itimer), 0, 0,
					       NULL);
}

/* Which clocks a timer can run on: 0, or the errno for the others. */
static int timer_clock_ok(int clock)
{
	switch (clock) {
	case CLOCK_REALTIME:
	case CLOCK_MONOTONIC:
	case CLOCK_BOOTTIME:
	case CLOCK_TAI:
		return 0;
	default:
		return clockid_to_kclock(clock) ? -EOPNOTSUPP : -EINVAL;
	}
}

/* Overruns as the int the ABI reports, saturated (Linux's
 * timer_overrun_to_int). */
static int timer_overrun_to_int(struct k_itimer *timr, int base)
{
	s64 sum = timr->it_overrun_last + (s64)base;

	return sum > INT_MAX_S64 ? (int)INT_MAX_S64 : (int)sum;
}

/* The timer's signal is in a pending set (siglock held): the instance
 * of this setting's generation gen. */
static bool timer_signal_queued(struct sigpending *pending, int id,
				unsigned int gen)
{
	struct sigqueue *q;

	list_for_each_entry(q, &pending->list, list)
		if (q->timer && q->info.timer.tid == id &&
		    (unsigned int)q->info.timer.sys_private == gen)
			return true;
	return false;
}

/*
 * The timer fired (interrupt context): send its signal.  A periodic
 * timer whose signal was not queued keeps going by itself, a jiffy at
 * least apart (Linux's minimum for an ignored signal), so that a 1 ns
 * period does not keep the CPU here.
 */
static enum hrtimer_restart posix_timer_fn(struct hrtimer *t)
{
	struct k_itimer *timr = container_of(t, struct k_itimer, it_timer);
	struct kernel_siginfo info = { .si_code = SI_TIMER };
	enum hrtimer_restart ret = HRTIMER_NORESTART;
	unsigned long flags, f2;

	spin_lock_irqsave(&timr->it_lock, flags);
	timr->it_active = false;
	if (timr->it_interval)
		timr->it_requeue_pending++;	/* odd: a signal waits */
	unsigned int gen = timr->it_requeue_pending;
	info.si_signo = timr->it_sigev_signo;
	info.timer.tid = timr->it_id;
	info.timer.sigval = timr->it_sigev_value;
	info.timer.sys_private = timr->it_interval ? (int)gen : 0;
	info.timer.seq = timr->it_signal_seq;
	bool thread = timr->it_sigev_notify & SIGEV_THREAD_ID;
	int tid = timr->it_tid;
	spin_unlock_irqrestore(&timr->it_lock, flags);

	spin_lock_irqsave(&tasklist_lock, flags);
	struct signal_struct *sig = timr->it_signal;
	struct task_struct *p = NULL;
	if (thread) {
		p = find_task_by_pid(tid);
		if (p && p->signal != sig)
			p = NULL;
	} else if (!list_empty(&sig->thread_head)) {
		p = list_first_entry(&sig->thread_head, struct task_struct,
				     thread_node);
	}
	if (p && p->sighand) {
		send_timer_signal(info.si_signo, &info, p, !thread);
		/* Not queued: go on alone, counting overruns. */
		spin_lock_irqsave(&p->sighand->siglock, f2);
		spin_lock(&timr->it_lock);
		if (timr->it_interval && timr->it_requeue_pending == gen &&
		    !timer_signal_queued(&p->pending, timr->it_id, gen) &&
		    !timer_signal_queued(&sig->shared_pending, timr->it_id, gen)) {
			ktime_t now = hrtimer_cb_get_time(t);
			if (timr->it_interval < (ktime_t)TICK_NSEC)
				now += TICK_NSEC;
			timr->it_overrun += hrtimer_forward(t, now,
							    timr->it_interval);
			timr->it_requeue_pending++;
			timr->it_active = true;
			ret = HRTIMER_RESTART;
		}
		spin_unlock(&timr->it_lock);
		spin_unlock_irqrestore(&p->sighand->siglock, f2);
	}
	spin_unlock_irqrestore(&tasklist_lock, flags);
	return ret;
}

/* The timer id names in p's process, or NULL.  siglock held. */
static struct k_itimer *posix_timer_by_id(struct signal_struct *sig, int id)
{
	struct k_itimer *timr;

	list_for_each_entry(timr, &sig->posix_timers, list)
		if (timr->it_id == id)
			return timr;
	return NULL;
}

/*
 * The timer's signal was just taken off a pending set into info
 * (dequeue_signal, p's siglock held): a periodic timer whose signal it
 * is starts its next period now, and the periods missed meanwhile are
 * the overrun (Linux's posixtimer_rearm).
 */
bool posixtimer_rearm(struct task_struct *p, struct kernel_siginfo *info)
{
	struct k_itimer *timr = posix_timer_by_id(p->signal, info->timer.tid);
	bool deliver = false;

	if (timr) {
		spin_lock(&timr->it_lock);
		deliver = timr->it_signal_seq == info->timer.seq;
		if (timr->it_interval &&
		    timr->it_requeue_pending == (unsigned int)info->timer.sys_private) {
			struct hrtimer *t = &timr->it_timer;
			timr->it_overrun += hrtimer_forward(t, hrtimer_cb_get_time(t),
							    timr->it_interval);
			hrtimer_start_expires(t, HRTIMER_MODE_ABS);
			timr->it_active = true;
			timr->it_overrun_last = timr->it_overrun;
			timr->it_overrun = -1;
			timr->it_requeue_pending++;
			info->timer.overrun = timer_overrun_to_int(timr,
							info->timer.overrun);
		}
		spin_unlock(&timr->it_lock);
	}
	info->timer.sys_private = 0;	/* the kernel's, not the user's */
	info->timer.seq = 0;
	return deliver;
}

/* The setting now (Linux's common_timer_get).  it_lock held. */
static void common_timer_get(struct k_itimer *timr,
			     struct __kernel_itimerspec_k *cur)
{
	bool sig_none = timr->it_sigev_notify == SIGEV_NONE;
	ktime_t iv = timr->it_interval;
	struct timespec64 ts;

	memset(cur, 0, sizeof(*cur));
	if (iv) {
		ts = ktime_to_timespec64(iv);
		cur->it_interval = (struct __kernel_timespec){ ts.tv_sec, ts.tv_nsec };
	} else if (!timr->it_active && !sig_none) {
		return;			/* a one-shot that fired, or disarmed */
	}
	struct hrtimer *t = &timr->it_timer;
	ktime_t now = hrtimer_cb_get_time(t);
	/* A periodic timer waiting for its signal to be taken (or with no
	 * signal at all) is not queued: move it past now to answer. */
	if (iv && ((timr->it_requeue_pending & REQUEUE_PENDING) || sig_none))
		timr->it_overrun += hrtimer_forward(t, now, iv);
	ktime_t remaining = hrtimer_get_expires(t) - now;
	if (remaining <= 0) {
		if (!sig_none)
			cur->it_value.tv_nsec = 1;	/* due: not "disarmed" */
	} else {
		ts = ktime_to_timespec64(remaining);
		cur->it_value = (struct __kernel_timespec){ ts.tv_sec, ts.tv_nsec };
	}
}

/* Find and lock current's timer id: siglock, then it_lock, both held
 * on success (interrupts off, flags for the siglock). */
static struct k_itimer *lock_timer(int id, unsigned long *flags)
{
	struct sighand_struct *sh = current->sighand;

	spin_lock_irqsave(&sh->siglock, *flags);
	struct k_itimer *timr = posix_timer_by_id(current->signal, id);
	if (!timr) {
		spin_unlock_irqrestore(&sh->siglock, *flags);
		return NULL;
	}
	spin_lock(&timr->it_lock);
	return timr;
}

static void unlock_timer(struct k_itimer *timr, unsigned long flags)
{
	spin_unlock(&timr->it_lock);
	spin_unlock_irqrestore(&current->sighand->siglock, flags);
}

/* Stop the hrtimer, waiting out its function if it runs on another CPU
 * (it needs siglock, so both locks are dropped meanwhile).  Returns the
 * timer locked again, or NULL if it was deleted in between. */
static struct k_itimer *timer_stop_locked(struct k_itimer *timr, int id,
					  unsigned long *flags)
{
	while (hrtimer_try_to_cancel(&timr->it_timer) < 0) {
		unlock_timer(timr, *flags);
		cpu_relax();
		timr = lock_timer(id, flags);
		if (!timr)
			return NULL;
	}
	return timr;
}

long sys_timer_create(int which_clock, struct sigevent_k __user *timer_event_spec,
		      int __user *created_timer_id)
{
	struct sigevent_k ev;
	struct signal_struct *sig = current->signal;
	unsigned long flags;

	if (timer_event_spec && copy_from_user(&ev, timer_event_spec, sizeof(ev)))
		return -EFAULT;
	int err = timer_clock_ok(which_clock);
	if (err)
		return err;
	if (timer_event_spec) {
		/* Linux's good_sigevent. */
		switch (ev.sigev_notify) {
		case SIGEV_SIGNAL | SIGEV_THREAD_ID: {
			spin_lock_irqsave(&tasklist_lock, flags);
			struct task_struct *t = find_task_by_pid(ev._tid);
			bool ours = t && t->signal == sig && !t->exit_state;
			spin_unlock_irqrestore(&tasklist_lock, flags);
			if (!ours)
				return -EINVAL;
		}
			/* fall through */
		case SIGEV_SIGNAL:
		case SIGEV_THREAD:
			if (ev.sigev_signo <= 0 || ev.sigev_signo > _NSIG)
				return -EINVAL;
			break;
		case SIGEV_NONE:
			break;
		default:
			return -EINVAL;
		}
	}
	struct k_itimer *timr = posix_timers_cache ?
		kmem_cache_zalloc(posix_timers_cache, GFP_KERNEL) : NULL;
	if (!timr)
		return -EAGAIN;		/* Linux's answer to no memory here */
	spin_lock_init(&timr->it_lock);
	hrtimer_init(&timr->it_timer, which_clock, HRTIMER_MODE_ABS);
	timr->it_timer.function = posix_timer_fn;
	timr->it_clock = which_clock;
	timr->it_signal = sig;
	timr->it_overrun = -1;
	if (timer_event_spec) {
		timr->it_sigev_notify = ev.sigev_notify == SIGEV_THREAD ?
					SIGEV_SIGNAL : ev.sigev_notify;
		timr->it_sigev_signo = ev.sigev_signo;
		timr->it_sigev_value = ev.sigev_value;
		timr->it_tid = ev._tid;
	} else {
		timr->it_sigev_notify = SIGEV_SIGNAL;
		timr->it_sigev_signo = SIGALRM;
	}

	/* An id, counted on from the last one, skipping those in use;
	 * each timer preallocates a signal, so RLIMIT_SIGPENDING bounds
	 * how many there are (EAGAIN). */
	unsigned long limit = rlimit(RLIMIT_SIGPENDING);
	spin_lock_irqsave(&current->sighand->siglock, flags);
	int id = -1, count = 0;
	struct k_itimer *o;
	list_for_each_entry(o, &sig->posix_timers, list)
		count++;
	if (limit == RLIM_INFINITY || (unsigned long)count < limit) {
		for (int tries = 0; tries <= count && id < 0; tries++) {
			int cand = sig->next_posix_timer_id;
			sig->next_posix_timer_id = (cand + 1) & 0x7fffffff;
			if (!posix_timer_by_id(sig, cand))
				id = cand;
		}
	}
	if (id >= 0) {
		timr->it_id = id;
		if (!timer_event_spec)
			timr->it_sigev_value = (u64)id;	/* sival_int = id */
		list_add_tail(&timr->list, &sig->posix_timers);
	}
	spin_unlock_irqrestore(&current->sighand->siglock, flags);
	if (id < 0) {
		kmem_cache_free(posix_timers_cache, timr);
		return -EAGAIN;
	}
	if (put_user(id, created_timer_id)) {
		sys_timer_delete(id);
		return -EFAULT;
	}
	return 0;
}

long sys_timer_gettime(int timer_id, struct __kernel_itimerspec_k __user *setting)
{
	struct __kernel_itimerspec_k cur;
	unsigned long flags;
	struct k_itimer *timr = lock_timer(timer_id, &flags);

	if (!timr)
		return -EINVAL;
	common_timer_get(timr, &cur);
	unlock_timer(timr, flags);
	return copy_to_user(setting, &cur, sizeof(cur)) ? -EFAULT : 0;
}

long sys_timer_getoverrun(int timer_id)
{
	unsigned long flags;
	struct k_itimer *timr = lock_timer(timer_id, &flags);

	if (!timr)
		return -EINVAL;
	int overrun = timer_overrun_to_int(timr, 0);
	unlock_timer(timr, flags);
	return overrun;
}

static bool kts_valid(const struct __kernel_timespec *ts)
{
	return ts->tv_sec >= 0 && ts->tv_nsec >= 0 &&
	       ts->tv_nsec < (s64)NSEC_PER_SEC;
}

static s64 kts_ns(const struct __kernel_timespec *ts)
{
	struct timespec64 t = { ts->tv_sec, ts->tv_nsec };

	return timespec64_to_ns(&t);
}

/* Linux's common_timer_set and common_hrtimer_arm; both locks held,
 * the hrtimer stopped. */
static void common_timer_set(struct k_itimer *timr, int flags,
			     const struct __kernel_itimerspec_k *new)
{
	bool abs = flags & TIMER_ABSTIME;
	enum hrtimer_mode mode = abs ? HRTIMER_MODE_ABS : HRTIMER_MODE_REL;

	timr->it_interval = 0;
	timr->it_active = false;
	timr->it_signal_seq++;		/* signals of the old setting: stale */
	timr->it_requeue_pending = (timr->it_requeue_pending + 2) &
				   ~REQUEUE_PENDING;
	timr->it_overrun_last = 0;
	s64 value = kts_ns(&new->it_value);
	if (!value)
		return;			/* disarmed */
	timr->it_interval = kts_ns(&new->it_interval);
	/* A relative CLOCK_REALTIME timer runs on the monotonic base
	 * (hrtimer_init): a change of the wall clock does not move it. */
	hrtimer_init(&timr->it_timer, timr->it_clock, mode);
	timr->it_timer.function = posix_timer_fn;
	if (!abs) {
		ktime_t now = hrtimer_cb_get_time(&timr->it_timer);
		value = value > KTIME_MAX - now ? KTIME_MAX : value + now;
	}
	hrtimer_set_expires(&timr->it_timer, value);
	if (timr->it_sigev_notify != SIGEV_NONE) {
		hrtimer_start_expires(&timr->it_timer, HRTIMER_MODE_ABS);
		timr->it_active = true;
	}
}

long sys_timer_settime(int timer_id, int flags,
		       const struct __kernel_itimerspec_k __user *new_setting,
		       struct __kernel_itimerspec_k __user *old_setting)
{
	struct __kernel_itimerspec_k new, old;
	unsigned long irqflags;

	if (!new_setting)
		return -EINVAL;
	if (copy_from_user(&new, new_setting, sizeof(new)))
		return -EFAULT;
	if (!kts_valid(&new.it_interval) || !kts_valid(&new.it_value))
		return -EINVAL;
	struct k_itimer *timr = lock_timer(timer_id, &irqflags);
	if (!timr)
		return -EINVAL;
	common_timer_get(timr, &old);
	timr->it_interval = 0;		/* nothing re-arms it meanwhile */
	timr = timer_stop_locked(timr, timer_id, &irqflags);
	if (!timr)
		return -EINVAL;
	common_timer_set(timr, flags, &new);
	unlock_timer(timr, irqflags);
	if (old_setting && copy_to_user(old_setting, &old, sizeof(old)))
		return -EFAULT;
	return 0;
}

long sys_timer_delete(int timer_id)
{
	unsigned long flags;
	struct k_itimer *timr = lock_timer(timer_id, &flags);

	if (!timr)
		return -EINVAL;
	timr->it_interval = 0;
	timr = timer_stop_locked(timr, timer_id, &flags);
	if (!timr)
		return -EINVAL;
	/* Its signal, if one waits, is dropped when it is taken: the
	 * re-arm finds no timer by that id (Linux 6.13 on). */
	list_del(&timr->list);
	unlock_timer(timr, flags);
	kmem_cache_free(posix_timers_cache, timr);
	return 0;
}

/* exec, and the process's end: every timer goes (Linux's exit_itimers).
 * No other thread is left to use them; a function still running on
 * another CPU is waited for.  current is the last thread of sig. */
void exit_posix_timers(struct signal_struct *sig)
{
	for (;;) {
		struct k_itimer *timr = NULL;
		unsigned long flags;
		spin_lock_irqsave(&current->sighand->siglock, flags);
		if (!list_empty(&sig->posix_timers)) {
			timr = list_first_entry(&sig->posix_timers,
						struct k_itimer, list);
			list_del(&timr->list);
		}
		spin_unlock_irqrestore(&current->sighand->siglock, flags);
		if (!timr)
			return;
		hrtimer_cancel(&timr->it_timer);
		kmem_cache_free(posix_timers_cache, timr);
	}
}
