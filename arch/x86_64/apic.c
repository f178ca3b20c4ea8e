/*
 * apic.c - the local APIC: enabling it, end-of-interrupt, self-IPIs and
 * its timer, which is each CPU's clock event device (kernel/clockchips.h):
 * every hrtimer, the tick included, fires from it.
 *
 * The local APIC's registers are 4 KiB of memory-mapped I/O (uncached),
 * each 32 bits wide on a 16-byte boundary.
 *
 * Context: lapic_eoi() and apic_send_self_ipi() any; the clock event
 * device's methods with interrupts off on its own CPU (clockchips.h);
 * the rest boot.
 */
#include "kernel/kernel.h"
#include "kernel/time.h"
#include "kernel/clockchips.h"
#include "kernel/percpu.h"
#include "kernel/math64.h"
#include "arch/x86_64/apic.h"
#include "arch/x86_64/acpi.h"
#include "arch/x86_64/cpu.h"
#include "arch/x86_64/irq.h"
#include "arch/x86_64/paging.h"
#include "arch/x86_64/page.h"

#define APIC_ID		0x020
#define APIC_TPR	0x080
#define APIC_EOI	0x0b0
#define APIC_SVR	0x0f0
#define APIC_ESR	0x280
#define APIC_ICR_LO	0x300
#define APIC_ICR_HI	0x310
#define APIC_LVT_TIMER	0x320
#define APIC_LVT_LINT0	0x350
#define APIC_LVT_LINT1	0x360
#define APIC_LVT_ERROR	0x370
#define APIC_TIMER_INIT	0x380
#define APIC_TIMER_CUR	0x390
#define APIC_TIMER_DIV	0x3e0

#define SVR_ENABLE		0x100
#define LVT_MASKED		0x10000
#define LVT_TIMER_TSC_DEADLINE	0x40000
#define LVT_DELIVERY_NMI	0x400
#define ICR_DEST_SELF		0x40000
#define ICR_DEST_ALLBUT		0xc0000
#define ICR_SEND_PENDING	0x1000
#define ICR_LEVEL_ASSERT	0x4000
#define ICR_TRIGGER_LEVEL	0x8000
#define ICR_DM_INIT		0x500
#define ICR_DM_STARTUP		0x600
#define ICR_DM_NMI		0x400
#define TIMER_DIV_1		0xb

#define MSR_APIC_BASE		0x1b
#define MSR_IA32_TSC_DEADLINE	0x6e0
#define APIC_BASE_ENABLE	0x800

static volatile u32 *lapic;

static inline u32 lapic_read(u32 reg)
{
	return lapic[reg / 4];
}

static inline void lapic_write(u32 reg, u32 v)
{
	lapic[reg / 4] = v;
}

/* This CPU's local APIC, enabled and quiet.  Every CPU's APIC is at the
 * same physical address, each CPU seeing its own there. */
static void lapic_setup(void)
{
	wrmsr(MSR_APIC_BASE, rdmsr(MSR_APIC_BASE) | APIC_BASE_ENABLE);
	lapic_write(APIC_TPR, 0);			/* accept every priority */
	lapic_write(APIC_LVT_LINT0, LVT_MASKED);	/* the PIC's line: unused */
	lapic_write(APIC_LVT_LINT1, LVT_DELIVERY_NMI);
	lapic_write(APIC_LVT_ERROR, LVT_MASKED);
	lapic_write(APIC_ESR, 0);
	lapic_write(APIC_SVR, SVR_ENABLE | SPURIOUS_APIC_VECTOR);
	lapic_eoi();					/* clear anything stale */
}

void lapic_init(void)
{
	u64 base = rdmsr(MSR_APIC_BASE);

	lapic = ioremap(base & PAGE_MASK, PAGE_SIZE);
	if ((base & PAGE_MASK) != madt.lapic_phys)
		pr_warn("APIC: MSR says %#lx, MADT says %#lx\n",
			(unsigned long)(base & PAGE_MASK),
			(unsigned long)madt.lapic_phys);
	lapic_setup();
	pr_info("APIC: local APIC id %u enabled\n", lapic_id());
}

void lapic_init_secondary(void)
{
	lapic_setup();
}

u32 lapic_id(void)
{
	return lapic_read(APIC_ID) >> 24;
}

void lapic_eoi(void)
{
	lapic_write(APIC_EOI, 0);
}

void apic_send_self_ipi(unsigned vector)
{
	lapic_write(APIC_ICR_LO, ICR_DEST_SELF | vector);
	while (lapic_read(APIC_ICR_LO) & ICR_SEND_PENDING)
		cpu_relax();
}

/* The ICR is two registers, and another interrupt handler on this CPU
 * could send between our two writes: interrupts off across them. */
static void apic_icr_write(u32 low, u32 apicid)
{
	unsigned long flags = local_irq_save();

	lapic_write(APIC_ICR_HI, apicid << 24);
	lapic_write(APIC_ICR_LO, low);
	while (lapic_read(APIC_ICR_LO) & ICR_SEND_PENDING)
		cpu_relax();
	local_irq_restore(flags);
}

void apic_send_ipi(u32 apicid, unsigned vector)
{
	apic_icr_write(vector, apicid);
}

void apic_send_nmi_allbutself(void)
{
	lapic_write(APIC_ICR_LO, ICR_DEST_ALLBUT | ICR_DM_NMI);
}

/*
 * Wake an application processor (SDM vol. 3, "MP Initialization
 * Protocol"; Linux's wakeup_secondary_cpu_via_init): INIT asserted and
 * de-asserted, 10 ms, then a startup IPI twice, 200 us apart; the second
 * one is ignored by a CPU the first one started.  The SIPI's vector is
 * the page number of the code to start at.  Process context.
 */
void apic_wakeup_secondary_cpu(u32 apicid, unsigned long start_phys)
{
	lapic_write(APIC_ESR, 0);
	apic_icr_write(ICR_DM_INIT | ICR_LEVEL_ASSERT | ICR_TRIGGER_LEVEL, apicid);
	udelay(200);
	apic_icr_write(ICR_DM_INIT | ICR_TRIGGER_LEVEL, apicid);
	udelay(10000);
	for (int i = 0; i < 2; i++) {
		apic_icr_write(ICR_DM_STARTUP | (u32)(start_phys >> 12), apicid);
		udelay(200);
	}
}

/* --- the APIC timer as this CPU's clock event device --- */

/*
 * Two ways to program it, both one-shot:
 *   one-shot: TMICT gets a count of APIC timer ticks (here with the
 *     divider at 1); the timer counts it down and interrupts at zero.
 *     Its rate is measured against the TSC (lapic_calibrate).
 *   TSC-deadline: an MSR gets the TSC value at which to interrupt: no
 *     rate of its own to measure, and no 32-bit limit.  Linux prefers
 *     it where the CPU has it (CPUID.1:ECX bit 24).  QEMU's TCG does not
 *     offer it; KVM does.
 */
#define LAPIC_CAL_MS		20
#define CPUID_1_ECX_TSC_DEADLINE (1u << 24)

static DEFINE_PER_CPU(struct clock_event_device, lapic_events);
static bool lapic_tsc_deadline;	/* the CPU has TSC-deadline mode */
static u64 lapic_ratio;		/* APIC timer ticks per TSC cycle, << 32 */
/* The timers' rate, as last measured; each CPU applies a new one to its
 * own device at its next timer interrupt (lapic_freq_seen). */
static u64 lapic_freq;
static unsigned lapic_freq_gen;
static DEFINE_PER_CPU(unsigned, lapic_freq_seen);

static int lapic_next_event(unsigned long delta, struct clock_event_device *evt)
{
	(void)evt;
	lapic_write(APIC_TIMER_INIT, (u32)delta);
	return 0;
}

static int lapic_next_deadline(unsigned long delta, struct clock_event_device *evt)
{
	(void)evt;
	/* The SDM asks for a fence between the LVT write that chose this
	 * mode and the first deadline write; one per write is simplest. */
	__asm__ __volatile__("mfence" ::: "memory");
	wrmsr(MSR_IA32_TSC_DEADLINE, rdtsc() + delta);
	return 0;
}

static int lapic_timer_shutdown(struct clock_event_device *evt)
{
	(void)evt;
	lapic_write(APIC_LVT_TIMER, LVT_MASKED | LOCAL_TIMER_VECTOR);
	lapic_write(APIC_TIMER_INIT, 0);
	if (lapic_tsc_deadline)
		wrmsr(MSR_IA32_TSC_DEADLINE, 0);
	return 0;
}

static int lapic_timer_set_oneshot(struct clock_event_device *evt)
{
	(void)evt;
	lapic_write(APIC_TIMER_DIV, TIMER_DIV_1);
	lapic_write(APIC_LVT_TIMER, LOCAL_TIMER_VECTOR |
		    (lapic_tsc_deadline ? LVT_TIMER_TSC_DEADLINE : 0));
	return 0;
}

static void local_apic_timer_interrupt(struct pt_regs *regs, void *dev)
{
	struct clock_event_device *evt = this_cpu_ptr(&lapic_events);
	unsigned gen = READ_ONCE(lapic_freq_gen);

	(void)regs;
	(void)dev;
	if (unlikely(this_cpu_read(lapic_freq_seen) != gen)) {
		this_cpu_write(lapic_freq_seen, gen);
		clockevents_update_freq(evt, READ_ONCE(lapic_freq));
	}
	if (evt->event_handler)
		evt->event_handler(evt);
}

/* TMCCT read between two TSC reads: the narrowest of a few tries. */
static void lapic_sample(u64 *tsc, u32 *count)
{
	u64 best = ~0ULL;

	for (int i = 0; i < 5; i++) {
		u64 t1 = rdtsc();
		u32 c = lapic_read(APIC_TIMER_CUR);
		u64 t2 = rdtsc();
		if (t2 - t1 < best) {
			best = t2 - t1;
			*tsc = t1 + (t2 - t1) / 2;
			*count = c;
		}
	}
}

/* APIC timer ticks per TSC cycle, by letting it count down for
 * LAPIC_CAL_MS of the TSC.  The TSC's own rate does not enter: when it
 * is measured again, the APIC timer's rate follows from this ratio. */
static void lapic_calibrate(u64 tsc_hz)
{
	u64 t0 = 0, t1 = 0;
	u32 c0 = 0, c1 = 0;

	lapic_write(APIC_TIMER_DIV, TIMER_DIV_1);
	lapic_write(APIC_LVT_TIMER, LVT_MASKED);	/* one-shot, silent */
	lapic_write(APIC_TIMER_INIT, 0xffffffff);
	lapic_sample(&t0, &c0);
	while (rdtsc() - t0 < tsc_hz / (1000 / LAPIC_CAL_MS))
		cpu_relax();
	lapic_sample(&t1, &c1);
	lapic_write(APIC_TIMER_INIT, 0);
	lapic_ratio = mul_u64_u64_div_u64(c0 - c1, 1ULL << 32, t1 - t0);
}

static u64 lapic_timer_freq(u64 tsc_hz)
{
	if (lapic_tsc_deadline)
		return tsc_hz;
	return mul_u64_u64_shr(tsc_hz, lapic_ratio, 32);
}

/* Each CPU's device is reprogrammed only from its own CPU: this one's
 * now, the others' at their next timer interrupt. */
void lapic_timer_tsc_rate_changed(u64 tsc_hz)
{
	WRITE_ONCE(lapic_freq, lapic_timer_freq(tsc_hz));
	smp_wmb();
	WRITE_ONCE(lapic_freq_gen, lapic_freq_gen + 1);
	this_cpu_write(lapic_freq_seen, lapic_freq_gen);
	clockevents_update_freq(this_cpu_ptr(&lapic_events), lapic_freq);
}

/* This CPU's device, at the rate measured so far: registering it
 * starts this CPU's tick (tick_check_new_device). */
static void lapic_register_clockevent(u64 freq)
{
	struct clock_event_device *evt = this_cpu_ptr(&lapic_events);

	evt->name = lapic_tsc_deadline ? "lapic-deadline" : "lapic";
	evt->features = CLOCK_EVT_FEAT_ONESHOT;
	evt->cpu = smp_processor_id();
	evt->set_next_event = lapic_tsc_deadline ? lapic_next_deadline : lapic_next_event;
	evt->set_state_oneshot = lapic_timer_set_oneshot;
	evt->set_state_shutdown = lapic_timer_shutdown;
	/* At least 16 ticks (Linux's lapic: 0xF); at most what TMICT holds,
	 * or for the deadline a long time (the hrtimer code re-arms). */
	clockevents_config_and_register(evt, freq, 0xf,
					lapic_tsc_deadline ? ~0UL >> 1 : 0xffffffffUL);
}

/* An application processor's timer: the same kind of timer as CPU 0's,
 * at the rate CPU 0 measured (QEMU's are all one clock). */
void setup_secondary_APIC_clock(void)
{
	unsigned long flags = local_irq_save();

	this_cpu_write(lapic_freq_seen, READ_ONCE(lapic_freq_gen));
	lapic_register_clockevent(READ_ONCE(lapic_freq));
	local_irq_restore(flags);
}

void setup_boot_APIC_clock(void)
{
	u64 tsc_hz = tsc_khz() * 1000;
	u32 a, b, c, d;

	cpuid(1, 0, &a, &b, &c, &d);
	lapic_tsc_deadline = c & CPUID_1_ECX_TSC_DEADLINE;
	if (!lapic_tsc_deadline)
		lapic_calibrate(tsc_hz);
	u64 freq = lapic_timer_freq(tsc_hz);
	pr_info("APIC: timer %lu.%03lu MHz, %s\n", (unsigned long)(freq / 1000000),
		(unsigned long)(freq / 1000 % 1000),
		lapic_tsc_deadline ? "TSC-deadline" : "one-shot (no TSC-deadline mode)");

	set_vector_handler(LOCAL_TIMER_VECTOR, local_apic_timer_interrupt, "timer");
	lapic_freq = freq;
	lapic_register_clockevent(freq);
}
