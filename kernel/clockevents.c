/*
 * clockevents.c - programming clock event devices in nanoseconds.  See
 * clockchips.h for the model and the context rules.
 *
 * A device counts in its own ticks; dev->mult converts nanoseconds to
 * them (ticks = ns * mult >> 32, in 128 bits so no delta can overflow).
 * Linux picks a mult/shift pair per device to stay in 64 bits; one fixed
 * shift of 32 and a wider product say the same thing more plainly.
 */
#include "kernel/kernel.h"
#include "kernel/errno.h"
#include "kernel/clockchips.h"
#include "kernel/math64.h"
#include "kernel/tick.h"
#include "kernel/timekeeping.h"
#include "arch/x86_64/cpu.h"

static u64 ticks_to_ns(const struct clock_event_device *dev, unsigned long ticks)
{
	return mul_u64_u64_div_u64(ticks, 1ULL << 32, dev->mult);
}

static unsigned long ns_to_ticks(const struct clock_event_device *dev, u64 ns)
{
	return (unsigned long)mul_u64_u64_shr(ns, dev->mult, 32);
}

static void clockevents_config(struct clock_event_device *dev, u64 freq)
{
	dev->freq = freq;
	dev->mult = mul_u64_u64_div_u64(freq, 1ULL << 32, NSEC_PER_SEC);
	/* Round the minimum up: a delta that converts to fewer ticks than
	 * the device accepts must not slip through. */
	dev->min_delta_ns = ticks_to_ns(dev, dev->min_delta_ticks) + 1;
	dev->max_delta_ns = ticks_to_ns(dev, dev->max_delta_ticks);
}

void clockevents_config_and_register(struct clock_event_device *dev,
				     u64 freq, unsigned long min_delta,
				     unsigned long max_delta)
{
	dev->min_delta_ticks = min_delta;
	dev->max_delta_ticks = max_delta;
	dev->state = CLOCK_EVT_STATE_DETACHED;
	dev->next_event = KTIME_MAX;
	clockevents_config(dev, freq);
	tick_check_new_device(dev);
}

void clockevents_update_freq(struct clock_event_device *dev, u64 freq)
{
	unsigned long flags = local_irq_save();

	clockevents_config(dev, freq);
	local_irq_restore(flags);
}

void clockevents_switch_state(struct clock_event_device *dev,
			      enum clock_event_state state)
{
	if (dev->state == state)
		return;
	if (state == CLOCK_EVT_STATE_ONESHOT)
		dev->set_state_oneshot(dev);
	else if (state == CLOCK_EVT_STATE_SHUTDOWN)
		dev->set_state_shutdown(dev);
	dev->state = state;
	dev->next_event = KTIME_MAX;
}

int clockevents_program_event(struct clock_event_device *dev, ktime_t expires,
			      bool force)
{
	if (dev->state != CLOCK_EVT_STATE_ONESHOT)
		return -EINVAL;
	dev->next_event = expires;
	s64 delta = expires - ktime_get();
	if (delta <= 0 && !force)
		return -ETIME;
	/* Past, or sooner than the device can: as soon as it can.  Later
	 * than it can count: as late as it can, and the interrupt, finding
	 * nothing due, programs the rest. */
	u64 ns = delta <= 0 ? 0 : (u64)delta;
	ns = MAX(ns, dev->min_delta_ns);
	ns = MIN(ns, dev->max_delta_ns);
	unsigned long ticks = ns_to_ticks(dev, ns);
	ticks = MAX(ticks, dev->min_delta_ticks);
	return dev->set_next_event(ticks, dev);
}
