/*
 * panic.c - stopping the machine when the kernel cannot go on.
 *
 * Context: any.  Interrupts go off first and stay off; printk stops taking
 * its lock (the CPU may have died holding it).  In test mode (the "test"
 * boot option) the machine then leaves QEMU with a failure status, so an
 * automated run never hangs on a dead kernel; otherwise it halts, and the
 * message stays on the console for the student to read.
 *
 * SMP: the first CPU to panic owns the machine (panic_cpu); it stops the
 * others with an NMI (smp_send_stop) before it reports, so theirs is not
 * mixed into the report, and a CPU that panics second just stops.
 */
#include "kernel/kernel.h"
#include "kernel/stacktrace.h"
#include "kernel/params.h"
#include "arch/x86_64/cpu.h"
#include "arch/x86_64/reboot.h"
#include "arch/x86_64/smp.h"
#include "kernel/percpu.h"

static int panic_cpu = -1;

/* Claim the machine, or stop if another CPU has; then stop the rest.
 * A second panic on the owning CPU (while reporting) goes on. */
static void panic_claim(void)
{
	int me = smp_processor_id(), old = -1;

	if (!__atomic_compare_exchange_n(&panic_cpu, &old, me, false,
					 __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST) &&
	    old != me)
		stop_this_cpu();
	if (old == -1)
		smp_send_stop();
}

static void __noreturn panic_stop(const char *msg)
{
	printk(KERN_EMERG "---[ end Kernel panic - not syncing: %s ]---\n", msg);
	if (test_mode)
		qemu_exit(QEMU_EXIT_FAILURE);
	machine_halt();
}

void panic(const char *fmt, ...)
{
	static char buf[256];
	va_list ap;

	local_irq_disable();
	panic_claim();
	printk_enter_panic();
	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	printk(KERN_EMERG "Kernel panic - not syncing: %s\n", buf);
	dump_stack();
	panic_stop(buf);
}

void panic_after_oops(const char *msg)
{
	local_irq_disable();
	panic_claim();
	printk(KERN_EMERG "Kernel panic - not syncing: %s\n", msg);
	panic_stop(msg);
}
