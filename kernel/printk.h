/*
 * printk.h - the kernel log.
 *
 * As in Linux, a message may start with a level: KERN_ERR "..." is the two
 * bytes "\0013" glued to the format.  Messages whose level is numerically
 * above console_loglevel are kept in the log buffer but not printed; the
 * command line sets it with loglevel=N, and quiet means loglevel=4.
 */
#ifndef KERNEL_PRINTK_H
#define KERNEL_PRINTK_H

#include "kernel/types.h"

#define KERN_SOH	"\001"
#define KERN_EMERG	KERN_SOH "0"	/* system is unusable */
#define KERN_ALERT	KERN_SOH "1"
#define KERN_CRIT	KERN_SOH "2"
#define KERN_ERR	KERN_SOH "3"
#define KERN_WARNING	KERN_SOH "4"
#define KERN_NOTICE	KERN_SOH "5"
#define KERN_INFO	KERN_SOH "6"
#define KERN_DEBUG	KERN_SOH "7"
#define KERN_CONT	KERN_SOH "c"	/* continues the previous line */

#define LOGLEVEL_DEFAULT 4		/* for messages without a level */

int printk(const char *fmt, ...) __printf(1, 2);
int vprintk(const char *fmt, va_list ap);
/* printk with every line stamped ns (a ktime_get_ns() value taken when
 * the thing reported happened) rather than the time of printing. */
int printk_stamped(u64 ns, const char *fmt, ...) __printf(2, 3);

#define pr_emerg(fmt, ...)	printk(KERN_EMERG fmt, ##__VA_ARGS__)
#define pr_err(fmt, ...)	printk(KERN_ERR fmt, ##__VA_ARGS__)
#define pr_warn(fmt, ...)	printk(KERN_WARNING fmt, ##__VA_ARGS__)
#define pr_notice(fmt, ...)	printk(KERN_NOTICE fmt, ##__VA_ARGS__)
#define pr_info(fmt, ...)	printk(KERN_INFO fmt, ##__VA_ARGS__)
#define pr_debug(fmt, ...)	printk(KERN_DEBUG fmt, ##__VA_ARGS__)
#define pr_cont(fmt, ...)	printk(KERN_CONT fmt, ##__VA_ARGS__)

/* Messages with a level below this are printed (set from the cmdline). */
extern int console_loglevel;

/*
 * A console is where printed messages go.  write() may be called with
 * interrupts off and from any context, so it must not sleep.
 */
struct console {
	const char *name;
	void (*write)(struct console *con, const char *s, size_t n);
	struct console *next;
};

void register_console(struct console *con);
void replace_console(struct console *old, struct console *new);

/* From the tick: wake /dev/kmsg's readers if records came. */
void printk_tick(void);

/* Copy the newest part of the log buffer (dmesg). */
size_t log_buf_copy(char *dst, size_t size);

/* Panic path: no more locking, print whatever happens. */
void printk_enter_panic(void);

#endif
