/*
 * hrtimer.c - high-resolution timers, and the sleeps built on them
 * (schedule_hrtimeout_range, nanosleep).  Follows Linux 6.x's
 * kernel/time/hrtimer.c in its "high resolution mode", the only mode
 * here: the tick itself is an hrtimer (kernel/tick.c).  See hrtimer.h
 * for the API, the two expiry times and LOCKING.
 *
 * Each CPU's hrtimer_cpu_base holds one queue per clock (monotonic,
 * realtime), ordered by hard expiry.  The CPU's clock event device is
 * kept programmed for the earliest hard expiry of all its queues
 * (cpu_base->expires_next).  Starting a timer that expires sooner than
 * that reprograms the device (hrtimer_reprogram); removing the timer
 * the device waits for programs the next one (hrtimer_force_reprogram);
 * when the device fires, hrtimer_interrupt runs every timer whose soft
 * expiry has passed and programs the device for what is left.
 *
 * Times in the realtime queue are wall-clock times; *base->offset
 * (offs_real) turns them into monotonic ones for the device.
 */
#include "kernel/kernel.h"
#include "kernel/errno.h"
#include "kernel/hrtimer.h"
#include "kernel/clockchips.h"
#include "kernel/percpu.h"
#include "kernel/sched.h"
#include "kernel/tick.h"
#include "arch/x86_64/uaccess.h"

static DEFINE_PER_CPU(struct hrtimer_cpu_base, hrtimer_bases);

static const ktime_t offs_zero;

static ktime_t ktime_get_mono(void)
{
	return ktime_get();
}

/* A timer's home while it moves between CPUs (SMP): lock_hrtimer_base
 * waits while a timer points here. */
static struct hrtimer_cpu_base migration_cpu_base;
static struct hrtimer_clock_base migration_base = {
	.cpu_base = &migration_cpu_base,
};

static int hrtimer_clockid_to_base(clockid_t clock_id)
{
	switch (clock_id) {
	case CLOCK_REALTIME:
	case CLOCK_TAI:		/* TAI = UTC here: nothing sets an offset */
		return HRTIMER_BASE_REALTIME;
	default:		/* MONOTONIC, BOOTTIME (no suspend: equal) */
		return HRTIMER_BASE_MONOTONIC;
	}
}

void hrtimers_init(void)
{
	int cpu;

	for_each_possible_cpu(cpu) {
		struct hrtimer_cpu_base *cpu_base = per_cpu_ptr(&hrtimer_bases, cpu);
		spin_lock_init(&cpu_base->lock);
		cpu_base->cpu = cpu;
		cpu_base->expires_next = KTIME_MAX;
		for (int i = 0; i < HRTIMER_MAX_CLOCK_BASES; i++) {
			struct hrtimer_clock_base *base = &cpu_base->clock_base[i];
			base->cpu_base = cpu_base;
			base->index = i;
			timerqueue_init_head(&base->active);
		}
		cpu_base->clock_base[HRTIMER_BASE_MONOTONIC].get_time = ktime_get_mono;
		cpu_base->clock_base[HRTIMER_BASE_MONOTONIC].offset = &offs_zero;
		cpu_base->clock_base[HRTIMER_BASE_REALTIME].get_time = ktime_get_real;
		cpu_base->clock_base[HRTIMER_BASE_REALTIME].offset = &offs_real;
	}
	spin_lock_init(&migration_cpu_base.lock);
}

void hrtimer_init(struct hrtimer *timer, clockid_t clock_id,
		  enum hrtimer_mode mode)
{
	/* A relative realtime timer measures an interval: monotonic. */
	if (clock_id == CLOCK_REALTIME && (mode & HRTIMER_MODE_REL))
		clock_id = CLOCK_MONOTONIC;
	*timer = (struct hrtimer){ .state = HRTIMER_STATE_INACTIVE };
	timerqueue_init(&timer->node);
	timer->base = &this_cpu_ptr(&hrtimer_bases)->clock_base[
		hrtimer_clockid_to_base(clock_id)];
}

/* Take the lock of the base timer is on; the base may change (another
 * CPU moving the timer) until we hold its lock, so look again. */
static struct hrtimer_clock_base *lock_hrtimer_base(const struct hrtimer *timer,
						    unsigned long *flags)
{
	for (;;) {
		struct hrtimer_clock_base *base = READ_ONCE(timer->base);
		if (likely(base != &migration_base)) {
			spin_lock_irqsave(&base->cpu_base->lock, *flags);
			if (likely(base == timer->base))
				return base;
			spin_unlock_irqrestore(&base->cpu_base->lock, *flags);
		}
		cpu_relax();
	}
}

static void unlock_hrtimer_base(const struct hrtimer *timer, unsigned long *flags)
{
	spin_unlock_irqrestore(&timer->base->cpu_base->lock, *flags);
}

static inline bool hrtimer_callback_running(const struct hrtimer *timer)
{
	return timer->base->cpu_base->running == timer;
}

/* --- programming the device: cpu_base->lock held --- */

/* The earliest hard expiry of all queues, as monotonic time; notes
 * which timer it is. */
static ktime_t __hrtimer_get_next_event(struct hrtimer_cpu_base *cpu_base)
{
	ktime_t expires_next = KTIME_MAX;

	cpu_base->next_timer = NULL;
	for (int i = 0; i < HRTIMER_MAX_CLOCK_BASES; i++) {
		struct hrtimer_clock_base *base = &cpu_base->clock_base[i];
		struct timerqueue_node *next = timerqueue_getnext(&base->active);
		if (!next)
			continue;
		ktime_t expires = next->expires - *base->offset;
		if (expires < expires_next) {
			expires_next = expires;
			cpu_base->next_timer = container_of(next, struct hrtimer, node);
		}
	}
	return expires_next;
}

/* The queues changed so that the device may wait for the wrong time:
 * program it for the earliest expiry again.  Not from within
 * hrtimer_interrupt, which programs the device when it is done. */
static void hrtimer_force_reprogram(struct hrtimer_cpu_base *cpu_base)
{
	if (cpu_base->in_hrtirq)
		return;
	ktime_t expires_next = __hrtimer_get_next_event(cpu_base);
	if (expires_next == cpu_base->expires_next)
		return;
	cpu_base->expires_next = expires_next;
	/* Nothing queued: the device may fire once more for the timer that
	 * went, find nothing, and stop; cheaper than stopping it now. */
	if (expires_next != KTIME_MAX)
		tick_program_event(expires_next, true);
}

/* timer was queued first on its base: if it expires before what the
 * device waits for, make the device fire for it instead.  A time
 * already past fires at once (force). */
static void hrtimer_reprogram(struct hrtimer *timer)
{
	struct hrtimer_cpu_base *cpu_base = timer->base->cpu_base;
	ktime_t expires = hrtimer_get_expires(timer) - *timer->base->offset;

	/* Only this CPU programs its device; a timer queued on another
	 * CPU's base is that CPU's to program (SMP: the caller's base is
	 * always this CPU's, see switch_hrtimer_base). */
	if (cpu_base != this_cpu_ptr(&hrtimer_bases) || cpu_base->in_hrtirq)
		return;
	if (expires >= cpu_base->expires_next)
		return;
	cpu_base->next_timer = timer;
	cpu_base->expires_next = expires;
	tick_program_event(expires, true);
}

/* --- the queues: cpu_base->lock held --- */

/* Returns whether timer is now the first of its base. */
static bool enqueue_hrtimer(struct hrtimer *timer, struct hrtimer_clock_base *base)
{
	WRITE_ONCE(timer->state, HRTIMER_STATE_ENQUEUED);
	return timerqueue_add(&base->active, &timer->node);
}

/* Take timer off its queue; if the device waited for it and reprogram,
 * program the next. */
static void __remove_hrtimer(struct hrtimer *timer, struct hrtimer_clock_base *base,
			     bool reprogram)
{
	struct hrtimer_cpu_base *cpu_base = base->cpu_base;

	WRITE_ONCE(timer->state, HRTIMER_STATE_INACTIVE);
	timerqueue_del(&base->active, &timer->node);
	if (reprogram && timer == cpu_base->next_timer &&
	    cpu_base == this_cpu_ptr(&hrtimer_bases))
		hrtimer_force_reprogram(cpu_base);
}

/* 1 if timer was queued (and now is not), else 0. */
static int remove_hrtimer(struct hrtimer *timer, struct hrtimer_clock_base *base,
			  bool reprogram)
{
	if (!hrtimer_is_queued(timer))
		return 0;
	__remove_hrtimer(timer, base, reprogram);
	return 1;
}

/*
 * The base to queue a (re)started timer on: this CPU's, so that this
 * CPU programs its own device for it, unless the timer's function is
 * running on its old CPU right now (it would then be "running" on one
 * base and queued on another).  With one CPU the base never changes;
 * the move below is the SMP path.  Called and returns with the lock of
 * the returned base held, interrupts off.
 */
static struct hrtimer_clock_base *switch_hrtimer_base(struct hrtimer *timer,
						      struct hrtimer_clock_base *base)
{
	struct hrtimer_cpu_base *this_base = this_cpu_ptr(&hrtimer_bases);
	struct hrtimer_clock_base *new_base = &this_base->clock_base[base->index];

	if (new_base == base || hrtimer_callback_running(timer))
		return base;
	/* One lock for the other, both through the validator (the raw lock
	 * word alone left it holding the old one, and the unlock of the new
	 * one was a "bad unlock balance"); interrupts stay off throughout,
	 * so the preemption count's dip cannot switch tasks. */
	WRITE_ONCE(timer->base, &migration_base);
	spin_unlock(&base->cpu_base->lock);
	spin_lock(&this_base->lock);
	WRITE_ONCE(timer->base, new_base);
	return new_base;
}

void hrtimer_start_range_ns(struct hrtimer *timer, ktime_t tim,
			    u64 range_ns, enum hrtimer_mode mode)
{
	unsigned long flags;
	struct hrtimer_clock_base *base = lock_hrtimer_base(timer, &flags);
	bool was_next = timer == base->cpu_base->next_timer;

	/* Not reprogrammed here even if the device waited for it: it is
	 * queued again at once, and the checks below program what is
	 * needed (no interrupt for a time nobody waits for). */
	remove_hrtimer(timer, base, false);
	if (mode & HRTIMER_MODE_REL)
		tim = ktime_add_safe(tim, base->get_time());
	hrtimer_set_expires_range_ns(timer, tim, range_ns);
	base = switch_hrtimer_base(timer, base);
	if (enqueue_hrtimer(timer, base))
		hrtimer_reprogram(timer);
	else if (was_next)
		hrtimer_force_reprogram(base->cpu_base);	/* it moved later */
	unlock_hrtimer_base(timer, &flags);
}

int hrtimer_try_to_cancel(struct hrtimer *timer)
{
	unsigned long flags;
	struct hrtimer_clock_base *base = lock_hrtimer_base(timer, &flags);
	int ret = -1;

	if (!hrtimer_callback_running(timer))
		ret = remove_hrtimer(timer, base, true);
	unlock_hrtimer_base(timer, &flags);
	return ret;
}

int hrtimer_cancel(struct hrtimer *timer)
{
	int ret;

	/* -1: the function runs on another CPU right now; it is short. */
	while ((ret = hrtimer_try_to_cancel(timer)) < 0)
		cpu_relax();
	return ret;
}

/* Under the lock: a timer whose function is returning is both queued
 * again and no longer running only once the lock is dropped, so the
 * two tests together never miss it (Linux uses a sequence count). */
bool hrtimer_active(const struct hrtimer *timer)
{
	unsigned long flags;

	lock_hrtimer_base(timer, &flags);
	bool active = hrtimer_is_queued(timer) || hrtimer_callback_running(timer);
	unlock_hrtimer_base(timer, &flags);
	return active;
}

ktime_t hrtimer_get_remaining(const struct hrtimer *timer)
{
	return hrtimer_get_expires(timer) - hrtimer_cb_get_time(timer);
}

u64 hrtimer_forward(struct hrtimer *timer, ktime_t now, ktime_t interval)
{
	ktime_t delta = now - hrtimer_get_expires(timer);
	u64 orun = 1;

	if (delta < 0)
		return 0;
	if (WARN_ON(hrtimer_is_queued(timer)))
		return 0;
	if (interval < 1)
		interval = 1;
	/* Skip the intervals that passed unseen in one step. */
	if (delta >= interval) {
		orun = (u64)(delta / interval);
		s64 incr = (s64)orun * interval;
		timer->node.expires = ktime_add_safe(timer->node.expires, incr);
		timer->_softexpires = ktime_add_safe(timer->_softexpires, incr);
		if (hrtimer_get_expires(timer) > now)
			return orun;
		orun++;
	}
	timer->node.expires = ktime_add_safe(timer->node.expires, interval);
	timer->_softexpires = ktime_add_safe(timer->_softexpires, interval);
	return orun;
}

/* --- expiry: interrupt context, interrupts off --- */

/* Run one expired timer's function, without the lock (it may start or
 * cancel timers); queue it again if it asks and did not itself. */
static void __run_hrtimer(struct hrtimer_cpu_base *cpu_base,
			  struct hrtimer_clock_base *base, struct hrtimer *timer)
{
	enum hrtimer_restart (*fn)(struct hrtimer *) = timer->function;

	WRITE_ONCE(cpu_base->running, timer);
	__remove_hrtimer(timer, base, false);
	do_raw_spin_unlock(&cpu_base->lock);
	enum hrtimer_restart restart = fn(timer);
	do_raw_spin_lock(&cpu_base->lock);
	if (restart != HRTIMER_NORESTART && !hrtimer_is_queued(timer))
		enqueue_hrtimer(timer, base);
	WRITE_ONCE(cpu_base->running, NULL);
}

/* Run, base by base, every timer whose soft expiry is not after now
 * (each queue in hard-expiry order, stopping at the first not yet due). */
static void __hrtimer_run_queues(struct hrtimer_cpu_base *cpu_base, ktime_t now)
{
	for (int i = 0; i < HRTIMER_MAX_CLOCK_BASES; i++) {
		struct hrtimer_clock_base *base = &cpu_base->clock_base[i];
		ktime_t basenow = now + *base->offset;
		struct timerqueue_node *node;

		while ((node = timerqueue_getnext(&base->active))) {
			struct hrtimer *timer = container_of(node, struct hrtimer, node);
			if (basenow < hrtimer_get_softexpires(timer))
				break;
			__run_hrtimer(cpu_base, base, timer);
		}
	}
}

#define HRTIMER_MAX_RETRIES	3
#define HRTIMER_MAX_HANG_NS	(100 * NSEC_PER_MSEC)

void hrtimer_interrupt(struct clock_event_device *dev)
{
	struct hrtimer_cpu_base *cpu_base = this_cpu_ptr(&hrtimer_bases);
	int retries = 0;

	dev->next_event = KTIME_MAX;
	do_raw_spin_lock(&cpu_base->lock);
	ktime_t entry_time = ktime_get(), now = entry_time, expires_next;
	cpu_base->nr_events++;
	for (;;) {
		/* While the functions run, starting a timer must not program
		 * the device: we do that once, at the end. */
		cpu_base->in_hrtirq = true;
		cpu_base->expires_next = KTIME_MAX;
		__hrtimer_run_queues(cpu_base, now);
		expires_next = __hrtimer_get_next_event(cpu_base);
		cpu_base->expires_next = expires_next;
		cpu_base->in_hrtirq = false;
		if (expires_next == KTIME_MAX ||
		    tick_program_event(expires_next, false) != -ETIME)
			break;
		/* The next expiry passed while the functions ran: run it
		 * now rather than take another interrupt for it. */
		now = ktime_get();
		cpu_base->nr_retries++;
		if (++retries < HRTIMER_MAX_RETRIES)
			continue;
		/*
		 * Still behind: the functions take longer than the time
		 * between their expiries (or the CPU was stolen, as a busy
		 * host does to an emulated one).  Give the rest of the
		 * system as much time as we spent, up to 100 ms, instead of
		 * looping here forever.
		 */
		cpu_base->nr_hangs++;
		ktime_t delta = MIN(now - entry_time, (ktime_t)HRTIMER_MAX_HANG_NS);
		cpu_base->expires_next = now + delta;
		tick_program_event(cpu_base->expires_next, true);
		break;
	}
	do_raw_spin_unlock(&cpu_base->lock);
}

void hrtimer_switch_to_hres(void)
{
	struct hrtimer_cpu_base *cpu_base = this_cpu_ptr(&hrtimer_bases);
	unsigned long flags;

	/* Timers started before the device existed never reached it. */
	spin_lock_irqsave(&cpu_base->lock, flags);
	cpu_base->expires_next = KTIME_MAX;
	hrtimer_force_reprogram(cpu_base);
	spin_unlock_irqrestore(&cpu_base->lock, flags);
	tick_setup_sched_timer();
}

/* --- sleeping until a time --- */

static enum hrtimer_restart hrtimer_wakeup(struct hrtimer *timer)
{
	struct hrtimer_sleeper *t = container_of(timer, struct hrtimer_sleeper, timer);
	struct task_struct *task = t->task;

	WRITE_ONCE(t->task, NULL);
	if (task)
		wake_up_process(task);
	return HRTIMER_NORESTART;
}

void hrtimer_init_sleeper(struct hrtimer_sleeper *sl, clockid_t clock_id,
			  enum hrtimer_mode mode)
{
	hrtimer_init(&sl->timer, clock_id, mode);
	sl->timer.function = hrtimer_wakeup;
	sl->task = current;
}

void hrtimer_sleeper_start_expires(struct hrtimer_sleeper *sl,
				   enum hrtimer_mode mode)
{
	hrtimer_start_expires(&sl->timer, mode);
}

u64 current_timer_slack_ns(void)
{
	/* Linux keeps it per task (prctl(PR_SET_TIMERSLACK)); there is no
	 * prctl here yet, so every task has the default. */
	return TIMER_SLACK_NS_DEFAULT;
}

int schedule_hrtimeout_range_clock(ktime_t *expires, u64 delta,
				   enum hrtimer_mode mode, clockid_t clock_id)
{
	struct hrtimer_sleeper t;

	/* A zero timeout is a look, not a sleep. */
	if (expires && *expires == 0) {
		__set_current_state(TASK_RUNNING);
		return 0;
	}
	if (!expires) {
		schedule();
		return -EINTR;
	}
	hrtimer_init_sleeper(&t, clock_id, mode);
	hrtimer_set_expires_range_ns(&t.timer, *expires, delta);
	hrtimer_sleeper_start_expires(&t, mode);
	/* If the timer already fired, it set us running: no sleep. */
	if (likely(READ_ONCE(t.task)))
		schedule();
	hrtimer_cancel(&t.timer);	/* it lives on our stack */
	__set_current_state(TASK_RUNNING);
	return READ_ONCE(t.task) ? -EINTR : 0;
}

int schedule_hrtimeout_range(ktime_t *expires, u64 delta,
			     enum hrtimer_mode mode)
{
	return schedule_hrtimeout_range_clock(expires, delta, mode,
					      CLOCK_MONOTONIC);
}

int schedule_hrtimeout(ktime_t *expires, enum hrtimer_mode mode)
{
	return schedule_hrtimeout_range(expires, 0, mode);
}

/* Sleep until t's timer fires or a signal comes; a wake-up for any other
 * reason sleeps again, towards the same expiry. */
static int do_nanosleep(struct hrtimer_sleeper *t, enum hrtimer_mode mode)
{
	do {
		set_current_state(TASK_INTERRUPTIBLE);
		hrtimer_sleeper_start_expires(t, mode);
		if (likely(READ_ONCE(t->task)))
			schedule();
		hrtimer_cancel(&t->timer);
		mode = HRTIMER_MODE_ABS;	/* the expiry is absolute now */
	} while (READ_ONCE(t->task) && !signal_pending(current));
	__set_current_state(TASK_RUNNING);
	return READ_ONCE(t->task) ? -EINTR : 0;
}

long hrtimer_nanosleep(ktime_t rqtp, enum hrtimer_mode mode, clockid_t clock_id,
		       struct __kernel_timespec __user *rmtp)
{
	struct hrtimer_sleeper t;

	hrtimer_init_sleeper(&t, clock_id, mode);
	hrtimer_set_expires_range_ns(&t.timer, rqtp, current_timer_slack_ns());
	if (!do_nanosleep(&t, mode))
		return 0;
	/*
	 * A signal ended the sleep.  Linux returns -ERESTART_RESTARTBLOCK,
	 * having stored the expiry in current->restart_block: when no
	 * handler runs (the signal stopped us and SIGCONT resumed us), the
	 * call is rewound to restart_syscall(2), which sleeps on towards
	 * the same expiry.  There is no restart_syscall here, and a signal
	 * that is ignored is never queued, so the only signals that end a
	 * sleep run a handler, and the answer is -EINTR either way.
	 */
	if (mode == HRTIMER_MODE_REL && rmtp) {
		ktime_t rem = hrtimer_get_remaining(&t.timer);
		if (rem <= 0)
			return 0;	/* the time ran out anyway: a full sleep */
		struct timespec64 ts = ktime_to_timespec64(rem);
		if (put_timespec64(&ts, rmtp))
			return -EFAULT;
	}
	return -EINTR;
}

long sys_nanosleep(struct __kernel_timespec __user *rqtp,
		   struct __kernel_timespec __user *rmtp)
{
	struct timespec64 t;

	if (get_timespec64(&t, rqtp))
		return -EFAULT;
	if (!timespec64_valid(&t))
		return -EINVAL;
	return hrtimer_nanosleep(timespec64_to_ktime(t), HRTIMER_MODE_REL,
				 CLOCK_MONOTONIC, rmtp);
}
