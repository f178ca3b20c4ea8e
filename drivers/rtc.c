/*
 * rtc.c - the MC146818-compatible CMOS clock of the PC (what QEMU's
 * "rtc" device emulates), used once at boot to learn the wall time.
 *
 * The chip is reached through an index port (0x70) and a data port
 * (0x71).  It keeps seconds, minutes, hours, day, month and a two-digit
 * year, plus (on every PC since ACPI, and on QEMU) the century in
 * register 0x32.  Status register B says how the fields are encoded: BCD
 * or binary, 12- or 24-hour.  Once a second the chip spends ~2 ms
 * updating them, flagged by UIP in status register A; a read during the
 * update can mix old and new fields, so we wait for UIP to clear and then
 * read twice until two reads agree.
 *
 * The RTC is assumed to run in UTC, as QEMU's does by default (-rtc
 * base=utc) and as Linux assumes unless told otherwise.
 *
 * Context: boot or process context.  The index/data pair is written with
 * interrupts off so nothing can move the index between the two.
 */
#include "kernel/kernel.h"
#include "kernel/errno.h"
#include "kernel/time.h"
#include "drivers/rtc.h"
#include "arch/x86_64/cpu.h"

#define RTC_PORT_INDEX	0x70
#define RTC_PORT_DATA	0x71

#define RTC_SECONDS	0x00
#define RTC_MINUTES	0x02
#define RTC_HOURS	0x04
#define RTC_DAY		0x07
#define RTC_MONTH	0x08
#define RTC_YEAR	0x09
#define RTC_REG_A	0x0a
#define RTC_REG_B	0x0b
#define RTC_CENTURY	0x32	/* ACPI FADT's usual century register */

#define RTC_UIP		0x80	/* A: an update is in progress */
#define RTC_24H		0x02	/* B: hours run 0-23 (else 1-12 + PM bit) */
#define RTC_DM_BINARY	0x04	/* B: fields are binary (else BCD) */
#define RTC_HOUR_PM	0x80	/* in 12-hour mode, the hour's top bit */

static u8 cmos_read(u8 reg)
{
	unsigned long flags = local_irq_save();

	outb(RTC_PORT_INDEX, reg);
	u8 v = inb(RTC_PORT_DATA);
	local_irq_restore(flags);
	return v;
}

/* The raw registers, in the order the fields are decoded. */
struct rtc_raw {
	u8 sec, min, hour, mday, mon, year, century;
};

/* Wait for an update to finish; false if the chip seems stuck (an update
 * takes under 2 ms; 20 ms covers a slow emulator). */
static bool rtc_wait_uip(void)
{
	for (int i = 0; i < 2000; i++) {
		if (!(cmos_read(RTC_REG_A) & RTC_UIP))
			return true;
		udelay(10);
	}
	return false;
}

static void rtc_read_raw(struct rtc_raw *r)
{
	r->sec = cmos_read(RTC_SECONDS);
	r->min = cmos_read(RTC_MINUTES);
	r->hour = cmos_read(RTC_HOURS);
	r->mday = cmos_read(RTC_DAY);
	r->mon = cmos_read(RTC_MONTH);
	r->year = cmos_read(RTC_YEAR);
	r->century = cmos_read(RTC_CENTURY);
}

static int bcd2bin(u8 v)
{
	return (v & 0x0f) + (v >> 4) * 10;
}

static void rtc_decode(const struct rtc_raw *r, u8 reg_b, struct rtc_time *tm)
{
	bool binary = reg_b & RTC_DM_BINARY;
	bool pm = !(reg_b & RTC_24H) && (r->hour & RTC_HOUR_PM);
	u8 hour = r->hour & (reg_b & RTC_24H ? 0xff : ~RTC_HOUR_PM);
#define DEC(v) (binary ? (int)(v) : bcd2bin(v))
	tm->tm_sec = DEC(r->sec);
	tm->tm_min = DEC(r->min);
	tm->tm_hour = DEC(hour);
	tm->tm_mday = DEC(r->mday);
	tm->tm_mon = DEC(r->mon);
	int year = DEC(r->year), century = DEC(r->century);
#undef DEC
	/* 12-hour mode counts 12, 1, ..., 11: 12 AM is midnight. */
	if (!(reg_b & RTC_24H))
		tm->tm_hour = tm->tm_hour % 12 + (pm ? 12 : 0);
	/* A missing century register reads as garbage; fall back to the
	 * POSIX pivot (69-99 -> 19xx) that Linux's rtc code uses too. */
	if (century >= 19 && century <= 30)
		tm->tm_year = century * 100 + year;
	else
		tm->tm_year = (year < 70 ? 2000 : 1900) + year;
}

int rtc_read_time(struct rtc_time *tm)
{
	struct rtc_raw a, b;

	for (int tries = 0; tries < 10; tries++) {
		if (!rtc_wait_uip())
			return -EIO;
		rtc_read_raw(&a);
		if (!rtc_wait_uip())
			return -EIO;
		rtc_read_raw(&b);
		if (!memcmp(&a, &b, sizeof(a))) {
			rtc_decode(&a, cmos_read(RTC_REG_B), tm);
			return 0;
		}
	}
	return -EIO;
}

/*
 * Days from 1970-01-01 to the given date.  Counting years from March
 * puts the leap day at the end of the year, so each month's offset is a
 * fixed formula and leap years only matter through whole years.
 */
static s64 days_from_civil(int y, int m, int d)
{
	y -= m <= 2;
	s64 era = (y >= 0 ? y : y - 399) / 400;
	s64 yoe = y - era * 400;				/* 0..399 */
	s64 doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;	/* 0..365 */
	s64 doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;	/* 0..146096 */
	return era * 146097 + doe - 719468;	/* 719468: 0000-03-01..1970-01-01 */
}

s64 rtc_tm_to_time64(const struct rtc_time *tm)
{
	return days_from_civil(tm->tm_year, tm->tm_mon, tm->tm_mday) * 86400 +
	       tm->tm_hour * 3600 + tm->tm_min * 60 + tm->tm_sec;
}
