/*
 * panic.c - stopping the machine when the kernel cannot go on.
 *
 * Context: any.  Interrupts go off first and stay off; printk stops taking
 * its lock (the CPU may have died holding it).  In test mode (the "test"
 * boot option) the machine then leaves QEMU with a failure status, so an
 * automated run never hangs on a dead kernel; otherwise it halts, and the
 * message stays on the console for the student to read.
 */
#include "kernel/kernel.h"
#include "kernel/stacktrace.h"
#include "kernel/params.h"
#include "arch/x86_64/cpu.h"
#include "arch/x86_64/reboot.h"

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
	printk(KERN_EMERG "Kernel panic - not syncing: %s\n", msg);
	panic_stop(msg);
}
