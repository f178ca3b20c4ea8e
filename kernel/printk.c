/*
 * printk.c - the kernel log: a ring buffer plus the registered consoles.
 *
 * Context: any, including interrupt handlers and the panic path.  One
 * spinlock (taken with interrupts off) keeps lines from interleaving; after
 * printk_enter_panic() the lock is ignored, because the CPU may have died
 * holding it.
 *
 * Each line starts with the time since boot, "[    1.234567] ", read from
 * the monotonic clock (zero until the timer is calibrated).  A tracer
 * that prints after the fact (kernel/chaintrace.c) gives printk_stamped
 * the time the event happened instead.
 */
#include "kernel/kernel.h"
#include "kernel/spinlock.h"
#include "kernel/time.h"

int console_loglevel = 7;

#define LOG_BUF_SIZE	(64 * 1024)
static char log_buf[LOG_BUF_SIZE];
static size_t log_head;		/* total bytes ever written */

static struct console *console_list;
static DEFINE_SPINLOCK(printk_lock);
static bool at_line_start = true;
static bool panicking;
static int cont_level = LOGLEVEL_DEFAULT;	/* level of the open line */

void register_console(struct console *con)
{
	con->next = console_list;
	console_list = con;
}

void replace_console(struct console *old, struct console *new)
{
	for (struct console **c = &console_list; *c; c = &(*c)->next)
		if (*c == old) {
			new->next = old->next;
			*c = new;
			return;
		}
}

void printk_enter_panic(void)
{
	panicking = true;
}

static void emit(const char *s, size_t n, bool to_console)
{
	for (size_t i = 0; i < n; i++)
		log_buf[(log_head + i) % LOG_BUF_SIZE] = s[i];
	log_head += n;
	if (!to_console)
		return;
	for (struct console *c = console_list; c; c = c->next)
		c->write(c, s, n);
}

/* Split off a leading KERN_* prefix; returns the level or -1 for KERN_CONT. */
static int parse_level(const char **fmt)
{
	const char *f = *fmt;

	if (f[0] != KERN_SOH[0] || !f[1])
		return LOGLEVEL_DEFAULT;
	*fmt = f + 2;
	if (f[1] == 'c')
		return -1;
	return f[1] - '0';
}

/* The body of printk; when is the time for every line's prefix, or
 * NULL for the time each line is printed. */
static int vprintk_at(const u64 *when, const char *fmt, va_list ap)
{
	char text[512];
	int level = parse_level(&fmt);
	int n = vsnprintf(text, sizeof(text), fmt, ap);
	size_t len = n < (int)sizeof(text) ? (size_t)n : sizeof(text) - 1;
	unsigned long flags = local_irq_save();

	if (!panicking)
		spin_lock(&printk_lock);
	if (level < 0) {
		level = cont_level;
	} else if (!at_line_start) {
		emit("\n", 1, level < console_loglevel);	/* close the open line */
		at_line_start = true;
	}
	cont_level = level;
	bool show = level < console_loglevel;
	for (size_t i = 0; i < len; i++) {
		if (at_line_start) {
			char stamp[24];
			u64 ns = when ? *when : ktime_get_ns();
			int m = snprintf(stamp, sizeof(stamp), "[%5lu.%06lu] ",
					 (unsigned long)(ns / 1000000000),
					 (unsigned long)(ns / 1000 % 1000000));
			emit(stamp, m, show);
			at_line_start = false;
		}
		size_t end = i;
		while (end < len && text[end] != '\n')
			end++;
		if (end < len)
			end++;			/* include the newline */
		emit(text + i, end - i, show);
		at_line_start = text[end - 1] == '\n';
		i = end - 1;
	}
	if (!panicking)
		spin_unlock(&printk_lock);
	local_irq_restore(flags);
	return (int)len;
}

int vprintk(const char *fmt, va_list ap)
{
	return vprintk_at(NULL, fmt, ap);
}

int printk_stamped(u64 ns, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	int n = vprintk_at(&ns, fmt, ap);
	va_end(ap);
	return n;
}

int printk(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	int n = vprintk(fmt, ap);
	va_end(ap);
	return n;
}

size_t log_buf_copy(char *dst, size_t size)
{
	unsigned long flags;

	spin_lock_irqsave(&printk_lock, flags);
	size_t avail = log_head < LOG_BUF_SIZE ? log_head : LOG_BUF_SIZE;
	size_t n = avail < size ? avail : size;
	size_t start = log_head - n;
	for (size_t i = 0; i < n; i++)
		dst[i] = log_buf[(start + i) % LOG_BUF_SIZE];
	spin_unlock_irqrestore(&printk_lock, flags);
	return n;
}
