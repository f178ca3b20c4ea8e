/* tty.h - the console terminal (drivers/tty.c) and the simple character
 * devices (drivers/mem.c). */
#ifndef DRIVERS_TTY_H
#define DRIVERS_TTY_H

#include "fs/fs.h"

extern const struct file_operations tty_fops;		/* /dev/console, /dev/tty */
extern const struct file_operations null_fops;		/* /dev/null */
extern const struct file_operations zero_fops;		/* /dev/zero */
extern const struct file_operations urandom_fops;	/* /dev/urandom */
extern const struct file_operations serial_raw_fops;	/* /dev/serial0 */
extern const struct file_operations kmsg_fops;		/* /dev/kmsg (kernel/printk.c) */

#endif
