/*
 * reboot.c - see reboot.h.  Any context.
 */
#include "kernel/kernel.h"
#include "arch/x86_64/cpu.h"
#include "arch/x86_64/reboot.h"
#include "kernel/errno.h"
#include "kernel/cred.h"

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

/* reboot(2): the magic numbers guard against a stray call. */
#define LINUX_REBOOT_MAGIC1		0xfee1dead
#define LINUX_REBOOT_MAGIC2		672274793
#define LINUX_REBOOT_MAGIC2A		85072278
#define LINUX_REBOOT_MAGIC2B		369367448
#define LINUX_REBOOT_MAGIC2C		537993216
#define LINUX_REBOOT_CMD_RESTART	0x01234567
#define LINUX_REBOOT_CMD_HALT		0xcdef0123
#define LINUX_REBOOT_CMD_POWER_OFF	0x4321fedc
#define LINUX_REBOOT_CMD_CAD_ON		0x89abcdef
#define LINUX_REBOOT_CMD_CAD_OFF	0x00000000

/* Power off or restart: under QEMU (run with -no-reboot) both end the
 * emulator, with success status. */
long sys_reboot(int magic1, int magic2, unsigned int cmd, void __user *arg)
{
	(void)arg;
	/* Only root, and that before the magic numbers are even looked at,
	 * as Linux (CAP_SYS_BOOT). */
	if (!capable(CAP_SYS_BOOT))
		return -EPERM;
	if ((unsigned int)magic1 != LINUX_REBOOT_MAGIC1 ||
	    (magic2 != LINUX_REBOOT_MAGIC2 && magic2 != LINUX_REBOOT_MAGIC2A &&
	     magic2 != LINUX_REBOOT_MAGIC2B && magic2 != LINUX_REBOOT_MAGIC2C))
		return -EINVAL;
	switch (cmd) {
	case LINUX_REBOOT_CMD_POWER_OFF:
		pr_emerg("reboot: Power down\n");
		qemu_exit(QEMU_EXIT_SUCCESS);
	case LINUX_REBOOT_CMD_RESTART:
		pr_emerg("reboot: Restarting system\n");
		qemu_exit(QEMU_EXIT_SUCCESS);
	case LINUX_REBOOT_CMD_HALT:
		pr_emerg("reboot: System halted\n");
		machine_halt();
	case LINUX_REBOOT_CMD_CAD_ON:
	case LINUX_REBOOT_CMD_CAD_OFF:
		return 0;
	}
	return -EINVAL;
}
