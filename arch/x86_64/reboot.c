/*
 * reboot.c - see reboot.h.  Any context.
 */
#include "kernel/kernel.h"
#include "arch/x86_64/cpu.h"
#include "arch/x86_64/reboot.h"

#define ISA_DEBUG_EXIT_PORT	0xf4	/* -device isa-debug-exit,iobase=0xf4 */

void qemu_exit(int code)
{
	outl(ISA_DEBUG_EXIT_PORT, code);
	/* Still here: not QEMU, or no isa-debug-exit device. */
	machine_halt();
}

void machine_halt(void)
{
	local_irq_disable();
	for (;;)
		__asm__ __volatile__("hlt");
}
