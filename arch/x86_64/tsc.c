/*
 * tsc.c - the rate of the TSC, the cycle counter behind ktime_get_ns()
 * (Linux's arch/x86/kernel/tsc.c: pit_calibrate_tsc, then
 * tsc_refine_calibration_work).
 *
 * A clock is only as good as its rate.  Every nanosecond the kernel
 * reports or sleeps is cycles / rate, so a rate 0.2% too high makes
 * every second 2 ms short, and the guest's clock drifts from the host's.
 * The rate is measured twice:
 *
 *   at boot, against the PIT: count TSC cycles while the PIT (exactly
 *   1193182 Hz on every PC) counts down 50 ms.  Each end is bracketed
 *   by TSC reads taken just before and after the port access that saw
 *   it, so the result comes with its own error bound; an emulated CPU
 *   that the host stops for a while in the middle of a bracket widens
 *   it, and that measurement is taken again.
 *
 *   a second later, against the ACPI PM timer (3579545 Hz, free
 *   running): the same bracketed reads at both ends of a 1 s window
 *   make the error bound about 50 times smaller, and the clock switches
 *   to the refined rate without a step (clocksource_tsc_set_rate).
 *
 * Under QEMU's TCG the guest's TSC is the host's TSC, and the PIT, the PM
 * timer and the APIC timer run on the host's clock, so a well-measured
 * rate keeps the guest's time with the host's.  The CPUID bits that
 * promise a TSC that ticks at one rate whatever the CPU does (invariant
 * TSC) and the APIC's TSC-deadline mode are reported at boot; TCG offers
 * neither, so the APIC timer counts in its own ticks (apic.c).
 *
 * Context: boot, and the refinement in an hrtimer (interrupt context).
 */
#include "kernel/kernel.h"
#include "kernel/hrtimer.h"
#include "kernel/time.h"
#include "kernel/math64.h"
#include "arch/x86_64/acpi.h"
#include "arch/x86_64/apic.h"
#include "arch/x86_64/cpu.h"

#define PIT_CALIBRATE_MS	50
#define CALIBRATE_TRIES		3
/* Good enough to stop trying: the bracket error in parts per million. */
#define GOOD_PPM		100
#define REFINE_DELAY_NS		NSEC_PER_SEC
#define REFINE_TRIES		5	/* windows before the boot rate is kept */

/* A TSC reading taken together with another clock's, and how far apart
 * the two reads could have been (half the bracket), in cycles. */
struct tsc_ref {
	u64 tsc;
	u64 err;
	u32 other;
};

/* Read other() bracketed by the TSC; the narrowest of a few tries. */
static struct tsc_ref tsc_read_refs(u32 (*other)(void))
{
	struct tsc_ref best = { 0, ~0ULL, 0 };

	for (int i = 0; i < 5; i++) {
		u64 t1 = rdtsc();
		u32 v = other();
		u64 t2 = rdtsc();
		if ((t2 - t1) / 2 < best.err)
			best = (struct tsc_ref){ t1 + (t2 - t1) / 2, (t2 - t1) / 2, v };
	}
	return best;
}

/* One PIT window of *count PIT ticks: its TSC cycles in *cycles, the
 * error bound returned. */
static u64 pit_calibrate_once(u64 *cycles, unsigned *count)
{
	*count = pit_oneshot_prepare(PIT_CALIBRATE_MS);
	u64 start_lo = rdtsc();
	pit_oneshot_go();
	u64 start_hi = rdtsc();
	u64 end_lo = start_hi, t0, t1;
	for (;;) {
		t0 = rdtsc();
		bool done = pit_oneshot_expired();
		t1 = rdtsc();
		if (done)
			break;
		end_lo = t0;	/* not yet expired when this read began */
	}
	u64 lo = end_lo - start_hi, hi = t1 - start_lo;
	*cycles = lo + (hi - lo) / 2;
	return (hi - lo) / 2;
}

/* TSC cycles per second against the PIT; the best of a few windows. */
static u64 pit_calibrate_tsc(u64 *ppm)
{
	u64 best_cycles = 0, best_err = ~0ULL;
	unsigned count = 1;

	for (int i = 0; i < CALIBRATE_TRIES; i++) {
		u64 cycles, err = pit_calibrate_once(&cycles, &count);
		if (err < best_err) {
			best_err = err;
			best_cycles = cycles;
		}
		if (best_err * 1000000 / best_cycles <= GOOD_PPM)
			break;
	}
	*ppm = best_err * 1000000 / best_cycles;
	return mul_u64_u64_div_u64(best_cycles, PIT_TICK_RATE, count);
}

static u32 acpi_pm_read(void)
{
	return inl(fadt.pm_tmr_port) & fadt.pm_tmr_mask;
}

static struct tsc_ref refine_start;
static u64 refine_last_hz;	/* the previous window's rate, if it was rejected */
static int refine_tries;
static u64 tsc_early_hz;
static struct hrtimer tsc_refine_timer;

static void print_mhz(const char *what, u64 hz, u64 ppm)
{
	pr_info("tsc: %s %lu.%03lu MHz (+-%lu ppm)\n", what,
		(unsigned long)(hz / 1000000), (unsigned long)(hz / 1000 % 1000),
		(unsigned long)ppm);
}

/*
 * A second after boot: measure again over the whole second against the
 * PM timer.  A window that does not agree with the boot measurement to
 * 1% is not trusted (the PM timer wrapped: the host stopped us for more
 * than its 4.7 s), and the measurement starts over.
 */
static enum hrtimer_restart tsc_refine_calibration_work(struct hrtimer *t)
{
	struct tsc_ref end = tsc_read_refs(acpi_pm_read);
	u64 pm = (end.other - refine_start.other) & fadt.pm_tmr_mask;
	u64 cycles = end.tsc - refine_start.tsc;

	if (!pm) {
		refine_start = end;
		hrtimer_forward_now(t, (ktime_t)REFINE_DELAY_NS);
		return HRTIMER_RESTART;
	}
	u64 hz = mul_u64_u64_div_u64(cycles, ACPI_PM_TIMER_HZ, pm);
	if (abs_diff(hz, tsc_early_hz) > tsc_early_hz / 100) {
		/*
		 * Either this window or the boot measurement is wrong.  Two
		 * windows in a row that agree to 0.1% outvote the boot's
		 * 50 ms (a busy host can stall us in the middle of it); a
		 * rate that never settles leaves the boot rate in place.
		 */
		bool settled = refine_last_hz &&
			abs_diff(hz, refine_last_hz) <= refine_last_hz / 1000;
		if (!settled && ++refine_tries < REFINE_TRIES) {
			refine_last_hz = hz;
			refine_start = end;
			hrtimer_forward_now(t, (ktime_t)REFINE_DELAY_NS);
			return HRTIMER_RESTART;
		}
		if (!settled) {
			pr_warn("tsc: refined rate never settled (last %lu kHz); keeping the boot rate\n",
				(unsigned long)(hz / 1000));
			return HRTIMER_NORESTART;
		}
		pr_warn("tsc: boot rate %lu kHz was off; two PM timer windows agree on %lu kHz\n",
			(unsigned long)(tsc_early_hz / 1000), (unsigned long)(hz / 1000));
	}
	/* Both ends' errors, against the whole window. */
	u64 ppm = (refine_start.err + end.err) * 1000000 / cycles + 1;
	clocksource_tsc_set_rate(hz);
	lapic_timer_tsc_rate_changed(hz);
	print_mhz("Refined TSC clocksource calibration:", hz, ppm);
	return HRTIMER_NORESTART;
}

static void tsc_report_features(void)
{
	u32 a, b, c, d, max_ext;

	cpuid(0x80000000, 0, &max_ext, &b, &c, &d);
	bool invariant = false;
	if (max_ext >= 0x80000007) {
		cpuid(0x80000007, 0, &a, &b, &c, &d);
		invariant = d & (1u << 8);
	}
	pr_info("tsc: %s\n", invariant ?
		"invariant (one rate in every power state)" :
		"not reported invariant (CPUID 0x80000007 EDX bit 8 clear)");
}

void tsc_init(void)
{
	u64 ppm;

	tsc_report_features();
	tsc_early_hz = pit_calibrate_tsc(&ppm);
	clocksource_tsc_set_rate(tsc_early_hz);
	print_mhz("Detected", tsc_early_hz, ppm);
	if (!fadt.pm_tmr_port) {
		pr_info("tsc: no ACPI PM timer: the PIT measurement stays\n");
		return;
	}
	refine_start = tsc_read_refs(acpi_pm_read);
	hrtimer_init(&tsc_refine_timer, CLOCK_MONOTONIC, HRTIMER_MODE_REL);
	tsc_refine_timer.function = tsc_refine_calibration_work;
	hrtimer_start(&tsc_refine_timer, (ktime_t)REFINE_DELAY_NS, HRTIMER_MODE_REL);
}
