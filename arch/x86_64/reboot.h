/* reboot.h - leaving the machine: halting, or exiting QEMU with a status. */
#ifndef ARCH_X86_64_REBOOT_H
#define ARCH_X86_64_REBOOT_H

/* QEMU's isa-debug-exit device turns the value v written to its port into
 * the exit status 2 * v + 1, so a run can never exit 0 this way: the test
 * harness reads 1 as success and 3 as failure. */
#define QEMU_EXIT_SUCCESS	0
#define QEMU_EXIT_FAILURE	1

void qemu_exit(int code) __attribute__((noreturn));
void machine_halt(void) __attribute__((noreturn));

#endif
