/*
 * profile.h - the tick's profiler ("profile=N", /proc/profile); see
 * kernel/profile.c.
 */
#ifndef KERNEL_PROFILE_H
#define KERNEL_PROFILE_H

#include "kernel/types.h"

struct pt_regs;

extern int prof_on;
/* After the page allocator is up: the counters, if profile= was given. */
void profile_init(void);
/* From the timer interrupt: count the kernel pc it interrupted. */
void profile_tick(struct pt_regs *regs);
/* /proc/profile: Linux's layout into buf, as much as fits; returns the
 * whole length (0 if off). */
size_t profile_read(char *buf, size_t size);
/* A write to /proc/profile: every counter back to zero. */
void profile_reset(void);

#endif
