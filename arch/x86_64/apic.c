/*
 * apic.c - the local APIC: enabling it, end-of-interrupt, self-IPIs and
 * its timer, which drives the kernel's periodic tick.
 *
 * The local APIC's registers are 4 KiB of memory-mapped I/O (uncached),
 * each 32 bits wide on a 16-byte boundary.
 *
 * Context: lapic_eoi() and apic_send_self_ipi() any; the rest boot.
 */
#include "kernel/kernel.h"
#include "kernel/time.h"
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
#define APIC_LVT_TIMER	0x320
#define APIC_LVT_LINT0	0x350
#define APIC_LVT_LINT1	0x360
#define APIC_LVT_ERROR	0x370
#define APIC_TIMER_INIT	0x380
#define APIC_TIMER_CUR	0x390
#define APIC_TIMER_DIV	0x3e0

#define SVR_ENABLE		0x100
#define LVT_MASKED		0x10000
#define LVT_TIMER_PERIODIC	0x20000
#define LVT_DELIVERY_NMI	0x400
#define ICR_DEST_SELF		0x40000
#define ICR_SEND_PENDING	0x1000
#define TIMER_DIV_16		0x3

#define MSR_APIC_BASE		0x1b
#define APIC_BASE_ENABLE	0x800

#define CALIBRATE_MS		50

static volatile u32 *lapic;

static inline u32 lapic_read(u32 reg)
{
	return lapic[reg / 4];
}

static inline void lapic_write(u32 reg, u32 v)
{
	lapic[reg / 4] = v;
}

void lapic_init(void)
{
	u64 base = rdmsr(MSR_APIC_BASE);

	wrmsr(MSR_APIC_BASE, base | APIC_BASE_ENABLE);
	lapic = ioremap(base & PAGE_MASK, PAGE_SIZE);
	if ((base & PAGE_MASK) != madt.lapic_phys)
		pr_warn("APIC: MSR says %#lx, MADT says %#lx\n",
			(unsigned long)(base & PAGE_MASK),
			(unsigned long)madt.lapic_phys);

	lapic_write(APIC_TPR, 0);			/* accept every priority */
	lapic_write(APIC_LVT_LINT0, LVT_MASKED);	/* the PIC's line: unused */
	lapic_write(APIC_LVT_LINT1, LVT_DELIVERY_NMI);
	lapic_write(APIC_LVT_ERROR, LVT_MASKED);
	lapic_write(APIC_ESR, 0);
	lapic_write(APIC_SVR, SVR_ENABLE | SPURIOUS_APIC_VECTOR);
	lapic_eoi();					/* clear anything stale */
	pr_info("APIC: local APIC id %u enabled\n", lapic_id());
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

static void apic_timer_interrupt(struct pt_regs *regs, void *dev)
{
	(void)dev;
	tick_handle_periodic(regs);
}

/* Count APIC timer ticks and TSC cycles across CALIBRATE_MS of the PIT. */
static void calibrate(u32 *apic_per_sec, u64 *tsc_per_sec)
{
	lapic_write(APIC_TIMER_DIV, TIMER_DIV_16);
	lapic_write(APIC_LVT_TIMER, LVT_MASKED);	/* one-shot, silent */
	pit_oneshot_start(CALIBRATE_MS);
	u64 tsc0 = rdtsc();
	lapic_write(APIC_TIMER_INIT, 0xffffffff);
	while (!pit_oneshot_expired())
		cpu_relax();
	u32 left = lapic_read(APIC_TIMER_CUR);
	u64 tsc1 = rdtsc();
	lapic_write(APIC_TIMER_INIT, 0);

	*apic_per_sec = (0xffffffffu - left) * (1000 / CALIBRATE_MS);
	*tsc_per_sec = (tsc1 - tsc0) * (1000 / CALIBRATE_MS);
}

void apic_timer_init(unsigned hz)
{
	u32 apic_rate;
	u64 tsc_rate;

	calibrate(&apic_rate, &tsc_rate);
	clocksource_tsc_init(tsc_rate);
	pr_info("APIC: timer %u.%03u MHz (bus/16), TSC %lu.%03lu MHz\n",
		apic_rate / 1000000, apic_rate / 1000 % 1000,
		(unsigned long)(tsc_rate / 1000000),
		(unsigned long)(tsc_rate / 1000 % 1000));

	set_vector_handler(LOCAL_TIMER_VECTOR, apic_timer_interrupt, "timer");
	lapic_write(APIC_TIMER_DIV, TIMER_DIV_16);
	lapic_write(APIC_LVT_TIMER, LVT_TIMER_PERIODIC | LOCAL_TIMER_VECTOR);
	lapic_write(APIC_TIMER_INIT, apic_rate / hz);
}
