/*
 * tty.c - /dev/console (and /dev/tty): the serial port as a terminal,
 * with the line discipline of Linux's n_tty in miniature.
 *
 * Input is handled as it arrives, in the serial receive interrupt
 * (n_tty_receive_char, through serial_rx_hook): ICRNL, echo, the
 * signal characters (Ctrl-C sends SIGINT to the foreground process
 * group, set with TIOCSPGRP), and in canonical mode (ICANON) the line
 * editing (erase, kill, end of file).  The bytes land in read_buf, a
 * ring; readers and pollers wait on read_wait, which the interrupt wakes
 * with EPOLLIN once a read would not block: a whole line in canonical
 * mode, VMIN bytes (at least one) otherwise.  Output goes through OPOST
 * and ONLCR ("\n" out as "\r\n").
 *
 * The terminal takes over the serial input the first time it is used,
 * so the kernel monitor keeps it when no user program ever opens it.
 *
 * LOCKING: tty.lock guards the ring, the termios and pgrp, and is taken
 * with interrupts off (the receive side runs in the interrupt).  User
 * copies happen outside it, through a small bounce buffer.
 * Context: process context, except n_tty_receive_char (interrupt).
 */
#include "kernel/kernel.h"
#include "kernel/errno.h"
#include "kernel/sched.h"
#include "kernel/signal.h"
#include "kernel/pid.h"
#include "kernel/wait.h"
#include "fs/fs.h"
#include "fs/poll.h"
#include "drivers/serial.h"
#include "drivers/tty.h"
#include "kernel/ioctls.h"
#include "arch/x86_64/uaccess.h"

/* The structures of the terminal ABI (asm-generic; the ioctl numbers
 * are in kernel/ioctls.h). */
struct termios {
	u32 c_iflag, c_oflag, c_cflag, c_lflag;
	u8 c_line;
	u8 c_cc[19];
};

struct winsize {
	u16 ws_row, ws_col, ws_xpixel, ws_ypixel;
};

/* The flags and control characters this line discipline honours. */
#define INLCR	0000100
#define IGNCR	0000200
#define ICRNL	0000400
#define OPOST	0000001
#define ONLCR	0000004
#define ISIG	0000001
#define ICANON	0000002
#define ECHO	0000010
#define ECHOE	0000020
#define ECHONL	0000100
#define NOFLSH	0000200
#define ECHOCTL	0001000
#define VINTR	0
#define VQUIT	1
#define VERASE	2
#define VKILL	3
#define VEOF	4
#define VTIME	5
#define VMIN	6
#define VEOL	11

#define N_TTY_BUF_SIZE	4096
#define CTRL(c)		((c) & 0x1f)

static struct tty_struct {
	spinlock_t lock;		/* all below; irqsave */
	struct termios termios;
	struct winsize winsize;
	int pgrp;			/* foreground process group */
	char read_buf[N_TTY_BUF_SIZE];	/* ring of received bytes */
	u8 line_end[N_TTY_BUF_SIZE];	/* 1: ends a line, 2: an EOF mark */
	unsigned long read_head;	/* next byte in (total count) */
	unsigned long canon_head;	/* end of the last complete line */
	unsigned long read_tail;	/* next byte out */
	wait_queue_head_t read_wait;	/* readers and pollers */
	bool attached;			/* serial input comes to us */
} tty = {
	.lock = __SPIN_LOCK_UNLOCKED(tty.lock),
	/* Linux's defaults for a serial console: ICRNL IXON | OPOST ONLCR |
	 * B115200 CS8 CREAD HUPCL CLOCAL | ISIG ICANON ECHO ECHOE ECHOK
	 * ECHOCTL ECHOKE IEXTEN. */
	.termios = {
		.c_iflag = 0x0500, .c_oflag = 0x0005, .c_cflag = 0x1cb2,
		.c_lflag = 0x8a3b,
		.c_cc = { 3, 28, 127, 21, 4, 0, 1, 0, 17, 19, 26, 0, 18, 15, 23, 22 },
	},
	.winsize = { 24, 80, 0, 0 },
	.pgrp = 1,
	.read_wait = __WAIT_QUEUE_HEAD_INITIALIZER(tty.read_wait),
};

#define I_FLAG(f)	(tty.termios.c_iflag & (f))
#define O_FLAG(f)	(tty.termios.c_oflag & (f))
#define L_FLAG(f)	(tty.termios.c_lflag & (f))
#define CC(i)		(tty.termios.c_cc[i])

/* Output, cooked by OPOST|ONLCR or not.  Any context. */
static void tty_put(const char *s, size_t n)
{
	if (O_FLAG(OPOST) && O_FLAG(ONLCR))
		serial_write(s, n);		/* "\n" goes out as "\r\n" */
	else
		serial_write_raw(s, n);
}

/* Echo one typed byte; control characters as ^X with ECHOCTL. */
static void echo_char(char c)
{
	if (L_FLAG(ECHOCTL) && (u8)c < 0x20 && c != '\n' && c != '\t') {
		char s[2] = { '^', c ^ 0x40 };
		tty_put(s, 2);
		return;
	}
	tty_put(&c, 1);
}

/* --- input: interrupt context, tty.lock held --- */

/* Bytes a read may take now, without waiting. */
static unsigned long input_available(void)
{
	if (L_FLAG(ICANON))
		return tty.canon_head - tty.read_tail;
	return tty.read_head - tty.read_tail;
}

/* What poll reports readable: a line, or VMIN bytes when only VMIN
 * counts (Linux's input_available_p with its poll flag). */
static bool input_ready_for_poll(void)
{
	unsigned long amt = 1;

	if (!L_FLAG(ICANON) && !CC(VTIME) && CC(VMIN))
		amt = CC(VMIN);
	return input_available() >= amt;
}

static void put_tty_queue(char c, u8 end)
{
	unsigned long i = tty.read_head % N_TTY_BUF_SIZE;

	tty.read_buf[i] = c;
	tty.line_end[i] = end;
	tty.read_head++;
}

static void flush_input(void)
{
	tty.read_head = tty.canon_head = tty.read_tail;
}

/* Ctrl-C and friends: the foreground group gets the signal, and what
 * was typed but not read is dropped (unless NOFLSH). */
static void isig(int sig, char c)
{
	if (!L_FLAG(NOFLSH))
		flush_input();
	if (L_FLAG(ECHO))
		echo_char(c);
	kill_pgrp(tty.pgrp, sig);
}

/* Canonical editing: erase the last byte of the line being typed. */
static void eraser(void)
{
	if (tty.read_head == tty.canon_head)
		return;
	tty.read_head--;
	if (L_FLAG(ECHO) && L_FLAG(ECHOE))
		tty_put("\b \b", 3);
}

static void n_tty_receive_canon(char c)
{
	if (c == CC(VERASE) || c == '\b') {
		eraser();
		return;
	}
	if (c == CC(VKILL)) {
		while (tty.read_head != tty.canon_head)
			eraser();
		return;
	}
	bool eof = c == CC(VEOF), eol = c == '\n' || (CC(VEOL) && c == CC(VEOL));
	/* A full line takes only its end, so it can still be finished. */
	if (!eof && !eol && tty.read_head - tty.read_tail >= N_TTY_BUF_SIZE - 1)
		return;
	if (tty.read_head - tty.read_tail >= N_TTY_BUF_SIZE)
		return;
	if (eof) {
		put_tty_queue(c, 2);	/* ends the line, is not read */
	} else {
		put_tty_queue(c, eol);
		if (L_FLAG(ECHO) || (eol && L_FLAG(ECHONL)))
			echo_char(c);
	}
	if (eof || eol) {
		tty.canon_head = tty.read_head;
		wake_up_interruptible_poll(&tty.read_wait, EPOLLIN | EPOLLRDNORM);
	}
}

static void n_tty_receive_char(u8 byte)
{
	char c = (char)byte;
	unsigned long flags;

	spin_lock_irqsave(&tty.lock, flags);
	if (c == '\r') {
		if (I_FLAG(IGNCR))
			goto out;
		if (I_FLAG(ICRNL))
			c = '\n';
	} else if (c == '\n' && I_FLAG(INLCR)) {
		c = '\r';
	}
	if (L_FLAG(ISIG) && c && (c == CC(VINTR) || c == CC(VQUIT))) {
		isig(c == CC(VINTR) ? SIGINT : SIGQUIT, c);
		goto out;
	}
	if (L_FLAG(ICANON)) {
		n_tty_receive_canon(c);
		goto out;
	}
	if (tty.read_head - tty.read_tail < N_TTY_BUF_SIZE) {
		put_tty_queue(c, 0);
		if (L_FLAG(ECHO))
			echo_char(c);
		if (input_ready_for_poll())
			wake_up_interruptible_poll(&tty.read_wait, EPOLLIN | EPOLLRDNORM);
	}
out:
	spin_unlock_irqrestore(&tty.lock, flags);
}

/* Take the serial input over: what was buffered first, then the hook. */
static void tty_attach(void)
{
	if (READ_ONCE(tty.attached))
		return;
	unsigned long flags = local_irq_save();
	if (!tty.attached) {
		int c;
		while ((c = serial_getc()) >= 0)
			n_tty_receive_char(c);
		serial_rx_hook = n_tty_receive_char;
		tty.attached = true;
	}
	local_irq_restore(flags);
}

/* --- reading: process context --- */

/*
 * Move up to n bytes that a read may take into buf, consuming them.  In
 * canonical mode it stops at the end of a line, and an EOF mark ends the
 * line without being copied; *line_done says a line end was consumed.
 */
static size_t take_input(char *buf, size_t n, bool *line_done)
{
	unsigned long flags;
	size_t k = 0;

	spin_lock_irqsave(&tty.lock, flags);
	unsigned long avail = input_available();
	*line_done = false;
	while (avail && k < n) {
		unsigned long i = tty.read_tail % N_TTY_BUF_SIZE;
		u8 end = L_FLAG(ICANON) ? tty.line_end[i] : 0;
		tty.read_tail++;
		avail--;
		if (end != 2)
			buf[k++] = tty.read_buf[i];
		if (end) {
			*line_done = true;
			break;
		}
	}
	spin_unlock_irqrestore(&tty.lock, flags);
	return k;
}

/* How many bytes the read waits for, and whether it has a time limit:
 * canonical mode a line; otherwise VMIN (0: none) and VTIME. */
static bool read_satisfied(size_t count, size_t copied)
{
	if (L_FLAG(ICANON))
		return false;			/* decided by the line end */
	size_t want = MIN((size_t)CC(VMIN), count);
	return copied >= want && (copied > 0 || !CC(VTIME));
}

static ssize_t tty_read(struct file *f, char __user *buf, size_t count,
			loff_t *pos)
{
	char chunk[256];
	size_t copied = 0;
	bool line_done;

	(void)pos;
	tty_attach();
	while (copied < count) {
		size_t k = take_input(chunk, MIN(count - copied, sizeof(chunk)), &line_done);
		if (k && copy_to_user(buf + copied, chunk, k))
			return copied ? (ssize_t)copied : -EFAULT;
		copied += k;
		if (line_done || read_satisfied(count, copied))
			break;
		if (k)
			continue;
		if (copied && L_FLAG(ICANON))
			break;
		if (f->f_flags & O_NONBLOCK)
			return copied ? (ssize_t)copied : -EAGAIN;
		/* VTIME: a limit for the whole read with VMIN 0, between
		 * bytes once one came otherwise. */
		long timeout = MAX_SCHEDULE_TIMEOUT;
		if (!L_FLAG(ICANON) && CC(VTIME) && (!CC(VMIN) || copied))
			timeout = CC(VTIME) * HZ / 10;
		long left = wait_event_interruptible_timeout(tty.read_wait,
						input_available() > 0, timeout);
		if (left < 0)
			return copied ? (ssize_t)copied : -ERESTARTSYS;
		if (!left)
			break;			/* VTIME ran out */
	}
	return copied;
}

static ssize_t tty_write(struct file *f, const char __user *buf, size_t count,
			 loff_t *pos)
{
	char chunk[256];
	size_t done = 0;

	(void)f;
	(void)pos;
	tty_attach();
	while (done < count) {
		size_t n = MIN(count - done, sizeof(chunk));
		if (copy_from_user(chunk, buf + done, n))
			return done ? (ssize_t)done : -EFAULT;
		tty_put(chunk, n);
		done += n;
		/* As Linux's iterate_tty_write: a signal cuts a long write
		 * short (a 2 GiB write to the console is not for ever). */
		if (done < count && signal_pending(current))
			break;
		cond_resched();
	}
	return done;
}

/* Readable when a read would not block; always writable (the UART is
 * polled, so output never waits). */
static __poll_t tty_poll(struct file *f, poll_table *wait)
{
	__poll_t mask = EPOLLOUT | EPOLLWRNORM;
	unsigned long flags;

	tty_attach();
	poll_wait(f, &tty.read_wait, wait);
	spin_lock_irqsave(&tty.lock, flags);
	if (input_ready_for_poll())
		mask |= EPOLLIN | EPOLLRDNORM;
	spin_unlock_irqrestore(&tty.lock, flags);
	return mask;
}

/* --- ioctl --- */

/* Entering canonical mode with bytes unread: as Linux's
 * n_tty_set_termios, they become one chunk a read takes whole (a
 * "push"), not a line still being typed, so what was typed ahead while
 * a raw-mode program ran (top, say) reaches the shell.  Lock held. */
static void push_unread(void)
{
	for (unsigned long j = tty.read_tail; j != tty.read_head; j++)
		if (tty.line_end[j % N_TTY_BUF_SIZE] != 2)
			tty.line_end[j % N_TTY_BUF_SIZE] = 0;
	if (tty.read_head != tty.read_tail &&
	    !tty.line_end[(tty.read_head - 1) % N_TTY_BUF_SIZE])
		tty.line_end[(tty.read_head - 1) % N_TTY_BUF_SIZE] = 1;
	tty.canon_head = tty.read_head;
}

/* New termios.  Leaving canonical mode makes a half-typed line
 * readable; entering it pushes unread bytes (push_unread). */
static void tty_set_termios(const struct termios *t, bool flush)
{
	unsigned long flags;

	spin_lock_irqsave(&tty.lock, flags);
	bool was_canon = L_FLAG(ICANON);
	tty.termios = *t;
	if (flush)
		flush_input();
	else if (was_canon && !L_FLAG(ICANON))
		tty.canon_head = tty.read_head;
	else if (!was_canon && L_FLAG(ICANON))
		push_unread();
	spin_unlock_irqrestore(&tty.lock, flags);
	/* What is readable changed: let waiters look again. */
	wake_up_interruptible_all(&tty.read_wait);
}

static bool pgrp_exists(int pgrp)
{
	struct task_struct *p;

	for_each_user_process(p)
		if (p->pgid == pgrp && !p->exit_state)
			return true;
	return false;
}

static long tty_ioctl(struct file *f, unsigned int cmd, unsigned long arg)
{
	void __user *p = (void __user *)arg;
	struct termios t;
	unsigned long flags;
	int pgrp;

	(void)f;
	tty_attach();
	switch (cmd) {
	case TCGETS:
		t = tty.termios;
		return copy_to_user(p, &t, sizeof(t)) ? -EFAULT : 0;
	case TCSETS:
	case TCSETSW:
	case TCSETSF:
		if (copy_from_user(&t, p, sizeof(t)))
			return -EFAULT;
		tty_set_termios(&t, cmd == TCSETSF);
		return 0;
	case TCFLSH:
		if (arg > 2)
			return -EINVAL;
		if (arg != 1) {			/* TCIFLUSH or TCIOFLUSH */
			spin_lock_irqsave(&tty.lock, flags);
			flush_input();
			spin_unlock_irqrestore(&tty.lock, flags);
		}
		return 0;
	case FIONREAD:
		spin_lock_irqsave(&tty.lock, flags);
		pgrp = input_available();
		spin_unlock_irqrestore(&tty.lock, flags);
		return put_user(pgrp, (int __user *)p);
	case TIOCGWINSZ:
		return copy_to_user(p, &tty.winsize, sizeof(tty.winsize)) ? -EFAULT : 0;
	case TIOCSWINSZ:
		return copy_from_user(&tty.winsize, p, sizeof(tty.winsize)) ? -EFAULT : 0;
	case TIOCGPGRP:
		return put_user(READ_ONCE(tty.pgrp), (int __user *)p);
	case TIOCSPGRP:
		if (get_user(pgrp, (int __user *)p))
			return -EFAULT;
		if (pgrp < 0)
			return -EINVAL;
		if (!pgrp_exists(pgrp))
			return -ESRCH;
		WRITE_ONCE(tty.pgrp, pgrp);
		return 0;
	}
	return -ENOTTY;
}

const struct file_operations tty_fops = {
	.llseek = no_llseek,
	.read = tty_read,
	.write = tty_write,
	.poll = tty_poll,
	.unlocked_ioctl = tty_ioctl,
	.splice_read = copy_splice_read,	/* into a pipe only */
	.splice_write = iter_file_splice_write,
};
