/* rtc.h - the PC's CMOS real-time clock (drivers/rtc.c), read once at
 * boot for the wall time. */
#ifndef DRIVERS_RTC_H
#define DRIVERS_RTC_H

#include "kernel/types.h"

/* A broken-down UTC time, as the RTC holds it (Linux's struct rtc_time,
 * but with the full year and 1-based month). */
struct rtc_time {
	int tm_sec, tm_min, tm_hour;	/* 0-59, 0-59, 0-23 */
	int tm_mday, tm_mon, tm_year;	/* 1-31, 1-12, e.g. 2025 */
};

/* Read the clock; 0, or -EIO if it never leaves an update cycle.
 * Process or boot context: it may busy-wait up to ~10 ms. */
int rtc_read_time(struct rtc_time *tm);
/* Seconds since 1970-01-01 00:00:00 UTC for tm (proleptic Gregorian). */
s64 rtc_tm_to_time64(const struct rtc_time *tm);

#endif
