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
 *
 * Each line is also a record (its sequence number, level, time and where
 * its text is in the buffer), which /dev/kmsg hands out one per read in
 * Linux's format, "level,seq,usec,-;text\n".  A record is gone once the
 * ring has written over its text or the index over its slot; a reader
 * that was behind gets EPIPE once, as in Linux.  printk cannot wake
 * anyone (it runs anywhere, inside the scheduler too): the tick wakes
 * the readers waiting for new records (printk_tick), as Linux's
 * wake_up_klogd does from irq_work.
 */
#include "kernel/kernel.h"
#include "kernel/spinlock.h"
#include "kernel/time.h"
#include "kernel/errno.h"
#include "kernel/wait.h"
#include "kernel/sched.h"
#include "kernel/mm.h"
#include "fs/fs.h"
#include "fs/poll.h"
#include "arch/x86_64/uaccess.h"

int console_loglevel = 7;

#define LOG_BUF_SIZE	(64 * 1024)
static char log_buf[LOG_BUF_SIZE];
static size_t log_head;		/* total bytes ever written */

static struct console *console_list;
static DEFINE_SPINLOCK(printk_lock);
static bool at_line_start = true;
static bool panicking;
static int cont_level = LOGLEVEL_DEFAULT;	/* level of the open line */

/* The records of /dev/kmsg: one per line, in a ring of their own. */
#define LOG_RECORDS	2048
struct printk_record {
	u64 ts_ns;		/* the line's time stamp */
	size_t text;		/* where its text starts (a log_head value) */
	u32 len;		/* its length, without the newline */
	u8 prio;		/* facility << 3 | level: 0 kernel, 1 user */
};
static struct printk_record records[LOG_RECORDS];
static u64 next_seq;		/* the record the open line will be */
static size_t line_text;	/* log_head where the open line's text began */
static u64 line_ts;
static int line_facility;	/* of the open line: 1 if written to /dev/kmsg */
static DECLARE_WAIT_QUEUE_HEAD(log_wait);
static u64 woken_seq;		/* next_seq when the readers were last woken */

/* The open line is complete (its newline emitted): it becomes a record. */
static void log_store(size_t end)
{
	struct printk_record *r = &records[next_seq % LOG_RECORDS];

	r->ts_ns = line_ts;
	r->text = line_text;
	r->len = end - line_text;
	r->prio = line_facility << 3 | (cont_level & 7);
	WRITE_ONCE(next_seq, next_seq + 1);
}

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
static int vprintk_at(const u64 *when, int facility, const char *fmt, va_list ap)
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
		log_store(log_head);
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
			line_text = log_head;
			line_ts = ns;
			line_facility = facility;
		}
		size_t end = i;
		while (end < len && text[end] != '\n')
			end++;
		if (end < len)
			end++;			/* include the newline */
		emit(text + i, end - i, show);
		at_line_start = text[end - 1] == '\n';
		if (at_line_start)
			log_store(log_head - 1);
		i = end - 1;
	}
	if (!panicking)
		spin_unlock(&printk_lock);
	local_irq_restore(flags);
	return (int)len;
}

int vprintk(const char *fmt, va_list ap)
{
	return vprintk_at(NULL, 0, fmt, ap);
}

int printk_stamped(u64 ns, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	int n = vprintk_at(&ns, 0, fmt, ap);
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

/* --- /dev/kmsg (Linux's devkmsg_read and friends) --- */

#define SEEK_SET	0	/* lseek's whence (Linux's values) */
#define SEEK_END	2
#define SEEK_DATA	3

/* The oldest record whose text and slot are both still there.  Called
 * with printk_lock held. */
static u64 first_seq(void)
{
	u64 seq = next_seq > LOG_RECORDS ? next_seq - LOG_RECORDS : 0;

	while (seq < next_seq && log_head - records[seq % LOG_RECORDS].text >
				 LOG_BUF_SIZE)
		seq++;
	return seq;
}

/* The tick, interrupt context: wake the readers if records came. */
void printk_tick(void)
{
	u64 seq = READ_ONCE(next_seq);

	if (seq != woken_seq) {
		woken_seq = seq;
		wake_up_interruptible(&log_wait);
	}
}

/*
 * A file's position is the sequence number of the next record it reads,
 * plus one; 0 (a new file) means the oldest there is.  One record per
 * read: EINVAL if it does not fit, and it is passed over, as in Linux.
 */
static ssize_t kmsg_read(struct file *f, char __user *buf, size_t n, loff_t *pos)
{
	char *line = kmalloc(1024, GFP_KERNEL);
	unsigned long flags;
	ssize_t ret;

	if (!line)
		return -ENOMEM;
	for (;;) {
		spin_lock_irqsave(&printk_lock, flags);
		u64 first = first_seq(), seq = *pos ? (u64)*pos - 1 : first;
		if (seq < first) {
			*pos = first + 1;	/* the next read goes on from there */
			spin_unlock_irqrestore(&printk_lock, flags);
			ret = -EPIPE;
			goto out;
		}
		if (seq < next_seq) {
			struct printk_record *r = &records[seq % LOG_RECORDS];
			int m = snprintf(line, 1024, "%u,%lu,%lu,-;", r->prio,
					 (unsigned long)seq,
					 (unsigned long)(r->ts_ns / 1000));
			size_t len = MIN((size_t)r->len, (size_t)1022 - m);
			for (size_t i = 0; i < len; i++)
				line[m + i] = log_buf[(r->text + i) % LOG_BUF_SIZE];
			line[m + len] = '\n';
			ret = m + len + 1;
			*pos = seq + 2;	/* passed, even if it does not fit (Linux) */
			spin_unlock_irqrestore(&printk_lock, flags);
			if ((size_t)ret > n)
				ret = -EINVAL;
			else if (copy_to_user(buf, line, ret))
				ret = -EFAULT;
			goto out;
		}
		spin_unlock_irqrestore(&printk_lock, flags);
		if (f->f_flags & O_NONBLOCK) {
			ret = -EAGAIN;
			goto out;
		}
		ret = wait_event_interruptible(log_wait,
					       READ_ONCE(next_seq) > seq);
		if (ret)
			goto out;
	}
out:
	kfree(line);
	return ret;
}

/* printk for kmsg_write: the line's facility is LOG_USER. */
static int __printf(1, 2) printk_user(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	int n = vprintk_at(NULL, 1, fmt, ap);
	va_end(ap);
	return n;
}

/* A line from user space into the log: "<N>" first sets its level
 * (Linux's devkmsg_write, without the rate limit). */
static ssize_t kmsg_write(struct file *f, const char __user *buf, size_t n,
			  loff_t *pos)
{
	char text[256];
	size_t len = MIN(n, sizeof(text) - 1);
	int level = LOGLEVEL_DEFAULT;
	const char *t = text;

	(void)f, (void)pos;
	if (copy_from_user(text, buf, len))
		return -EFAULT;
	text[len] = 0;
	if (t[0] == '<' && t[1] >= '0' && t[1] <= '7' && t[2] == '>') {
		level = t[1] - '0';
		t += 3;
	}
	/* The level must lead the format itself (parse_level). */
	char fmt[8] = { KERN_SOH[0], (char)('0' + level), '%', '.', '*', 's', '\n', 0 };
	int line = 0;
	while (t[line] && t[line] != '\n')
		line++;
	printk_user(fmt, line, t);
	return n;
}

/* SEEK_SET (to the oldest record), SEEK_DATA (the same: there is no
 * "dmesg -c" here) and SEEK_END (after the newest), offset 0 only. */
static loff_t kmsg_llseek(struct file *f, loff_t offset, int whence)
{
	unsigned long flags;

	if (offset)
		return -ESPIPE;
	spin_lock_irqsave(&printk_lock, flags);
	switch (whence) {
	case SEEK_SET:
	case SEEK_DATA:
		f->f_pos = first_seq() + 1;
		break;
	case SEEK_END:
		f->f_pos = next_seq + 1;
		break;
	default:
		spin_unlock_irqrestore(&printk_lock, flags);
		return -EINVAL;
	}
	spin_unlock_irqrestore(&printk_lock, flags);
	return 0;
}

static unsigned int kmsg_poll(struct file *f, struct poll_table_struct *pt)
{
	unsigned long flags;
	unsigned int mask = 0;

	poll_wait(f, &log_wait, pt);
	spin_lock_irqsave(&printk_lock, flags);
	u64 first = first_seq(), seq = f->f_pos ? (u64)f->f_pos - 1 : first;
	if (seq < next_seq)
		mask = EPOLLIN | EPOLLRDNORM;
	if (seq < first)
		mask |= EPOLLERR | EPOLLPRI;
	spin_unlock_irqrestore(&printk_lock, flags);
	return mask;
}

const struct file_operations kmsg_fops = {
	.llseek = kmsg_llseek,
	.read = kmsg_read,
	.write = kmsg_write,
	.poll = kmsg_poll,
};
