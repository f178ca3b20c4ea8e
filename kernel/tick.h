/*
 * tick.h - the periodic tick, kept on the one-shot clock event device
 * (Linux's kernel/time/tick-common.c, tick-oneshot.c and tick-sched.c).
 * See kernel/tick.c.
 */
#ifndef KERNEL_TICK_H
#define KERNEL_TICK_H

#include "kernel/types.h"
#include "kernel/ktime.h"

struct clock_event_device;

/* One per CPU: the clock event device that CPU's timers run on. */
struct tick_device {
	struct clock_event_device *evtdev;
};

/* A driver registered dev (clockevents_config_and_register): make it
 * this CPU's tick device, one-shot, and start the tick on it. */
void tick_check_new_device(struct clock_event_device *dev);
/* Program this CPU's device for expires (monotonic).  -ETIME if that is
 * past and !force; 0 on success.  Interrupts off. */
int tick_program_event(ktime_t expires, bool force);
/* Start the tick's hrtimer on this CPU (from hrtimer_switch_to_hres). */
void tick_setup_sched_timer(void);
/* This CPU's tick device, or NULL before one is registered. */
struct clock_event_device *tick_get_device(void);

#endif
