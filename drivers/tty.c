/*
 * tty.c - what every terminal's file does (read, write, poll and the
 * terminal ioctls, Linux's tty_io.c and tty_ioctl.c in miniature), and
 * the console: /dev/console and /dev/tty, the serial port as a
 * terminal.  The line discipline is n_tty.c, pseudo-terminals pty.c.
 *
 * A terminal's file has its struct tty_struct in private_data.  A read
 * takes what the line discipline has made readable (n_tty_take_input),
 * a write cooks the bytes (tty_put) and hands them to the device, and
 * both sleep on the tty's wait queues when there is nothing to read or
 * no room to write.
 *
 * The console takes over the serial input the first time it is used,
 * so the kernel monitor keeps it when no user program ever reads it.
 *
 * LOCKING: drivers/tty.h.  User copies happen outside tty->lock,
 * through small bounce buffers on the stack.
 * Context: process context, except the console's receive (interrupt).
 */
#include "kernel/kernel.h"
#include "kernel/errno.h"
#include "kernel/sched.h"
#include "kernel/signal.h"
#include "kernel/pid.h"
#include "drivers/serial.h"
#include "drivers/tty.h"
#include "kernel/ioctls.h"
#include "arch/x86_64/uaccess.h"

#define ICANON	0000002
#define VTIME	5
#define VMIN	6

/* --- reading and writing any terminal --- */

/* A blocking read's wait: VTIME limits the whole read with VMIN 0, the
 * gap between bytes once one came otherwise. */
static long read_timeout(struct tty_struct *tty, size_t copied)
{
	const struct termios *t = &tty->termios;

	if (!(t->c_lflag & ICANON) && t->c_cc[VTIME] && (!t->c_cc[VMIN] || copied))
		return t->c_cc[VTIME] * HZ / 10;
	return MAX_SCHEDULE_TIMEOUT;
}

/* Nothing more will come: a hung-up slave (EOF), or a master whose
 * slave has no open file (EIO once drained, as Linux). */
static bool tty_input_ended(struct tty_struct *tty)
{
	return READ_ONCE(tty->hung_up) || READ_ONCE(tty->other_closed);
}

ssize_t tty_read(struct file *f, char __user *buf, size_t count, loff_t *pos)
{
	struct tty_struct *tty = f->private_data;
	char chunk[256];
	size_t copied = 0;
	bool line_done;

	(void)pos;
	while (copied < count) {
		size_t k = n_tty_take_input(tty, chunk,
					    MIN(count - copied, sizeof(chunk)),
					    &line_done);
		if (k && copy_to_user(buf + copied, chunk, k))
			return copied ? (ssize_t)copied : -EFAULT;
		copied += k;
		if (line_done || n_tty_read_satisfied(tty, count, copied))
			break;
		if (k)
			continue;
		if (copied && (tty->termios.c_lflag & ICANON))
			break;
		if (tty_input_ended(tty) && !n_tty_input_available(tty)) {
			if (copied || READ_ONCE(tty->hung_up))
				break;
			return -EIO;
		}
		if (f->f_flags & O_NONBLOCK)
			return copied ? (ssize_t)copied : -EAGAIN;
		long left = wait_event_interruptible_timeout(tty->read_wait,
				n_tty_input_available(tty) > 0 || tty_input_ended(tty),
				read_timeout(tty, copied));
		if (left < 0)
			return copied ? (ssize_t)copied : -ERESTARTSYS;
		if (!left)
			break;			/* VTIME ran out */
	}
	return copied;
}

/*
 * A blocking write waits for room until every byte is out, as Linux's
 * n_tty_write; a nonblocking one stops where the room does.  tty_put
 * says how many bytes went out, so what did not is copied again.
 */
ssize_t tty_write(struct file *f, const char __user *buf, size_t count,
		  loff_t *pos)
{
	struct tty_struct *tty = f->private_data;
	char chunk[256];
	size_t done = 0;

	(void)pos;
	while (done < count) {
		if (READ_ONCE(tty->hung_up))
			return done ? (ssize_t)done : -EIO;
		size_t room = tty->ops->write_room(tty);
		if (!room) {
			if (f->f_flags & O_NONBLOCK)
				return done ? (ssize_t)done : -EAGAIN;
			if (wait_event_interruptible(tty->write_wait,
					tty->ops->write_room(tty) || READ_ONCE(tty->hung_up)))
				return done ? (ssize_t)done : -ERESTARTSYS;
			continue;
		}
		size_t n = MIN(MIN(count - done, sizeof(chunk)), room);
		if (copy_from_user(chunk, buf + done, n))
			return done ? (ssize_t)done : -EFAULT;
		done += tty_put(tty, chunk, n);
		/* As Linux's iterate_tty_write: a signal cuts a long write
		 * short (a 2 GiB write to the console is not for ever). */
		if (done < count && signal_pending(current))
			break;
		cond_resched();
	}
	return done;
}

/* Readable when a read would not block, writable when there is room;
 * a hung-up slave is everything at once, as Linux's hung_up_tty_poll,
 * and a master whose slave is closed is HUP. */
__poll_t tty_poll(struct file *f, poll_table *wait)
{
	struct tty_struct *tty = f->private_data;
	__poll_t mask = 0;
	unsigned long flags;

	poll_wait(f, &tty->read_wait, wait);
	poll_wait(f, &tty->write_wait, wait);
	if (READ_ONCE(tty->hung_up))
		return EPOLLIN | EPOLLOUT | EPOLLERR | EPOLLHUP | EPOLLRDNORM |
		       EPOLLWRNORM;
	spin_lock_irqsave(&tty->lock, flags);
	if (n_tty_input_ready_for_poll(tty))
		mask |= EPOLLIN | EPOLLRDNORM;
	spin_unlock_irqrestore(&tty->lock, flags);
	if (READ_ONCE(tty->other_closed))
		mask |= EPOLLHUP;
	if (tty->ops->write_room(tty))
		mask |= EPOLLOUT | EPOLLWRNORM;
	return mask;
}

/* --- ioctl --- */

/* TIOCSWINSZ: a new size, and SIGWINCH to the foreground group if it
 * changed (Linux's tty_do_resize). */
static int tty_set_winsize(struct tty_struct *tty, const struct winsize *w)
{
	unsigned long flags;
	bool changed;
	int pgrp;

	spin_lock_irqsave(&tty->lock, flags);
	changed = memcmp(&tty->winsize, w, sizeof(*w)) != 0;
	tty->winsize = *w;
	pgrp = tty->pgrp;
	spin_unlock_irqrestore(&tty->lock, flags);
	if (changed && pgrp > 0)
		kill_pgrp(pgrp, SIGWINCH);
	return 0;
}

long tty_mode_ioctl(struct tty_struct *tty, struct tty_struct *real_tty,
		    unsigned int cmd, unsigned long arg)
{
	void __user *p = (void __user *)arg;
	struct termios t;
	struct winsize w;
	unsigned long flags;
	int n;

	switch (cmd) {
	case TCGETS:
		spin_lock_irqsave(&real_tty->lock, flags);
		t = real_tty->termios;
		spin_unlock_irqrestore(&real_tty->lock, flags);
		return copy_to_user(p, &t, sizeof(t)) ? -EFAULT : 0;
	case TCSETS:
	case TCSETSW:
	case TCSETSF:
		if (copy_from_user(&t, p, sizeof(t)))
			return -EFAULT;
		n_tty_set_termios(real_tty, &t, cmd == TCSETSF);
		return 0;
	case TCFLSH:
		if (arg > 2)
			return -EINVAL;
		if (arg != 1) {			/* TCIFLUSH or TCIOFLUSH */
			spin_lock_irqsave(&tty->lock, flags);
			n_tty_flush_input(tty);
			spin_unlock_irqrestore(&tty->lock, flags);
			if (tty->link)
				wake_up_interruptible_all(&tty->link->write_wait);
		}
		return 0;
	case FIONREAD:
		spin_lock_irqsave(&tty->lock, flags);
		n = n_tty_input_available(tty);
		spin_unlock_irqrestore(&tty->lock, flags);
		return put_user(n, (int __user *)p);
	case TIOCGWINSZ:
		spin_lock_irqsave(&real_tty->lock, flags);
		w = real_tty->winsize;
		spin_unlock_irqrestore(&real_tty->lock, flags);
		return copy_to_user(p, &w, sizeof(w)) ? -EFAULT : 0;
	case TIOCSWINSZ:
		if (copy_from_user(&w, p, sizeof(w)))
			return -EFAULT;
		return tty_set_winsize(real_tty, &w);
	case TIOCGPTPEER:
		return -EIO;		/* only a pty master has a peer */
	}
	return -ENOIOCTLCMD;
}

/* --- the console --- */

static size_t console_write(struct tty_struct *tty, const char *buf, size_t n)
{
	(void)tty;
	serial_write_raw(buf, n);	/* the UART is polled: never full */
	return n;
}

static size_t console_write_room(struct tty_struct *tty)
{
	(void)tty;
	return SIZE_MAX;
}

static const struct tty_operations console_ops = {
	.write = console_write,
	.write_room = console_write_room,
};

/* Linux's defaults for a serial console: tty_std_termios at B115200
 * with CLOCAL; 24x80; no session, and so no foreground group, until a
 * session leader takes it (init's shell, with TIOCSCTTY). */
static struct tty_struct console_tty = {
	.lock = __SPIN_LOCK_UNLOCKED(console_tty.lock),
	.ops = &console_ops,
	.termios = {
		.c_iflag = 0x0500, .c_oflag = 0x0005, .c_cflag = 0x1cb2,
		.c_lflag = 0x8a3b,
		.c_cc = { 3, 28, 127, 21, 4, 0, 1, 0, 17, 19, 26, 0, 18, 15, 23, 22 },
	},
	.winsize = { 24, 80, 0, 0 },
	.index = -1,
	.read_wait = __WAIT_QUEUE_HEAD_INITIALIZER(console_tty.read_wait),
	.write_wait = __WAIT_QUEUE_HEAD_INITIALIZER(console_tty.write_wait),
};
static bool console_attached;

/* The serial interrupt's hook: one received byte. */
static void console_receive_char(u8 byte)
{
	char c = (char)byte;

	n_tty_receive_buf(&console_tty, &c, 1);
}

/* Take the serial input over: what was buffered first, then the hook.
 * serial_set_rx_hook does both under the serial driver's receive lock,
 * which its interrupt takes too, so no byte arriving meanwhile (on any
 * CPU) is lost or overtakes an older one, and a second CPU's first use
 * at the same time finds nothing left to move. */
static void tty_attach(void)
{
	if (READ_ONCE(console_attached))
		return;
	serial_set_rx_hook(console_receive_char);
	WRITE_ONCE(console_attached, true);
}

static int console_open(struct inode *inode, struct file *f)
{
	(void)inode;
	f->private_data = &console_tty;
	return 0;
}

static ssize_t console_read(struct file *f, char __user *buf, size_t count,
			    loff_t *pos)
{
	tty_attach();
	return tty_read(f, buf, count, pos);
}

static ssize_t console_file_write(struct file *f, const char __user *buf,
				  size_t count, loff_t *pos)
{
	tty_attach();
	return tty_write(f, buf, count, pos);
}

static __poll_t console_poll(struct file *f, poll_table *wait)
{
	tty_attach();
	return tty_poll(f, wait);
}

static long console_ioctl(struct file *f, unsigned int cmd, unsigned long arg)
{
	struct tty_struct *tty = f->private_data;

	tty_attach();
	long r = tty_jobctrl_ioctl(tty, tty, f, cmd, arg);
	if (r == -ENOIOCTLCMD)
		r = tty_mode_ioctl(tty, tty, cmd, arg);
	return r == -ENOIOCTLCMD ? -ENOTTY : r;
}

/* /dev/tty: the caller's controlling terminal, whichever it is; ENXIO
 * without one.  The file becomes that terminal's own. */
static int dev_tty_open(struct inode *inode, struct file *f)
{
	unsigned long flags;
	int err;

	spin_lock_irqsave(&tasklist_lock, flags);
	struct tty_struct *tty = current->signal->tty;
	tty_kref_get(tty);		/* until the open holds it */
	spin_unlock_irqrestore(&tasklist_lock, flags);
	if (!tty)
		return -ENXIO;
	if (tty == &console_tty) {
		f->f_op = &tty_fops;
		err = console_open(inode, f);
	} else {
		f->f_op = &pts_fops;
		err = pts_open_tty(f, tty);
	}
	tty_kref_put(tty);
	return err;
}

const struct file_operations dev_tty_fops = {
	.open = dev_tty_open,
};

const struct file_operations tty_fops = {
	.open = console_open,
	.llseek = no_llseek,
	.read = console_read,
	.write = console_file_write,
	.poll = console_poll,
	.unlocked_ioctl = console_ioctl,
	.splice_read = copy_splice_read,	/* into a pipe only */
	.splice_write = iter_file_splice_write,
};
