/* entry_common.h - see entry_common.c. */
#ifndef KERNEL_ENTRY_COMMON_H
#define KERNEL_ENTRY_COMMON_H

struct pt_regs;
/* Reschedule and deliver signals before returning to user mode.  Called
 * and returns with interrupts off. */
void exit_to_user_mode(struct pt_regs *regs);

#endif
