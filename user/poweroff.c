/*
 * poweroff - switch the machine off (under QEMU: end the emulator).
 * Flushes nothing and asks nothing: this kernel has no disks to sync.
 */
#include <stdio.h>
#include <sys/reboot.h>
#include <unistd.h>

int main(void)
{
	reboot(RB_POWER_OFF);
	perror("poweroff");
	return 1;
}
