/* monitor.h - a tiny command loop on the serial console, until there are
 * user programs to run (kernel/monitor.c). */
#ifndef KERNEL_MONITOR_H
#define KERNEL_MONITOR_H

/* The body of the "kmon" kernel thread; never returns. */
int monitor_thread(void *unused);

#endif
