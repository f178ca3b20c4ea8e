/*
 * clockchips.h - clock event devices: hardware that raises an interrupt
 * at a time it is told (Linux's include/linux/clockchips.h,
 * kernel/time/clockevents.c).  Here that is the local APIC timer, one
 * per CPU (arch/x86_64/apic.c), in one-shot or TSC-deadline mode.
 *
 * A driver describes its device (how to program "fire in delta of your
 * ticks", its rate, the smallest and largest delta) and registers it on
 * the CPU it interrupts; the tick layer (kernel/tick.c) takes it and
 * sets event_handler to hrtimer_interrupt.  From then on only
 * clockevents_program_event() arms it, with an absolute monotonic time:
 * the conversion to device ticks, and the clamping to what the device
 * can do, happen once, here.
 *
 * Context: a device belongs to its CPU and is programmed only from that
 * CPU, with interrupts off (from hrtimer code under cpu_base->lock, or
 * the interrupt handler), so it needs no lock of its own.
 */
#ifndef KERNEL_CLOCKCHIPS_H
#define KERNEL_CLOCKCHIPS_H

#include "kernel/types.h"
#include "kernel/ktime.h"

enum clock_event_state {
	CLOCK_EVT_STATE_DETACHED,	/* not yet used by the tick layer */
	CLOCK_EVT_STATE_SHUTDOWN,	/* stopped */
	CLOCK_EVT_STATE_ONESHOT,	/* fires once per programming */
};

#define CLOCK_EVT_FEAT_ONESHOT	0x2

struct clock_event_device {
	/* Called in interrupt context, interrupts off, when it fires. */
	void (*event_handler)(struct clock_event_device *dev);
	/* Fire in delta device ticks (min_delta_ticks .. max_delta_ticks). */
	int (*set_next_event)(unsigned long delta, struct clock_event_device *dev);
	int (*set_state_oneshot)(struct clock_event_device *dev);
	int (*set_state_shutdown)(struct clock_event_device *dev);
	ktime_t next_event;		/* programmed for this time; KTIME_MAX: not */
	u64 mult;			/* device ticks per ns, << 32 */
	u64 min_delta_ns, max_delta_ns;	/* the tick limits, in ns */
	unsigned long min_delta_ticks, max_delta_ticks;
	u64 freq;			/* device ticks per second */
	enum clock_event_state state;
	unsigned int features;		/* CLOCK_EVT_FEAT_* */
	const char *name;
	int cpu;			/* the CPU it interrupts */
};

/* Set the device's rate and limits and hand it to the tick layer, which
 * starts using it on its CPU.  Boot or CPU bring-up, on dev->cpu. */
void clockevents_config_and_register(struct clock_event_device *dev,
				     u64 freq, unsigned long min_delta,
				     unsigned long max_delta);
/* The device's rate was measured again (a refined calibration). */
void clockevents_update_freq(struct clock_event_device *dev, u64 freq);
/*
 * Arm dev to fire at expires (monotonic).  A time already past gives
 * -ETIME, unless force: then the device fires as soon as it can.
 * Interrupts off, on dev->cpu.
 */
int clockevents_program_event(struct clock_event_device *dev, ktime_t expires,
			      bool force);
void clockevents_switch_state(struct clock_event_device *dev,
			      enum clock_event_state state);

#endif
