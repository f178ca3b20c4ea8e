/*
 * tty.c - /dev/console (and /dev/tty): the serial port as a terminal.
 *
 * Output is "cooked" as a terminal's is by default (OPOST|ONLCR: "\n"
 * goes out as "\r\n").  Input is canonical: bytes from the serial
 * interrupt are echoed and collected into a line, with backspace editing;
 * read() returns once a whole line (or Ctrl-D) is there.  Raw mode,
 * job-control signals and poll come with the full tty later.
 *
 * Context: process context; readers sleep on serial_rx_wait, which the
 * serial receive interrupt wakes.
 */
#include "kernel/kernel.h"
#include "kernel/errno.h"
#include "kernel/sched.h"
#include "kernel/wait.h"
#include "fs/fs.h"
#include "drivers/serial.h"
#include "drivers/tty.h"
#include "arch/x86_64/uaccess.h"

#define TTY_LINE_MAX	256
#define CTRL(c)		((c) & 0x1f)

/* The line being typed, and the completed one readers take from.  Only
 * process context touches them; readers of one terminal take turns. */
static char line[TTY_LINE_MAX];
static size_t line_len, line_ready, line_off;
static bool eof_pending;

static void echo(const char *s, size_t n)
{
	serial_write(s, n);
}

/* Feed one typed byte to the line editor.  Returns true when a line (or
 * an end-of-file) is complete. */
static bool n_tty_receive(char c)
{
	if (c == '\r')
		c = '\n';			/* ICRNL */
	if (c == CTRL('D')) {
		if (line_len)
			return true;		/* flush the partial line */
		eof_pending = true;
		return true;
	}
	if (c == 0x7f || c == '\b') {
		if (line_len) {
			line_len--;
			echo("\b \b", 3);
		}
		return false;
	}
	if (line_len == TTY_LINE_MAX - 1 && c != '\n')
		return false;			/* full: only newline fits */
	line[line_len++] = c;
	echo(&c, 1);
	return c == '\n';
}

static ssize_t tty_read(struct file *f, char __user *buf, size_t count,
			loff_t *pos)
{
	(void)f;
	(void)pos;
	while (line_off == line_ready && !eof_pending) {
		line_len = line_ready = line_off = 0;
		for (;;) {
			int c;
			if (wait_event_interruptible(serial_rx_wait,
						     (c = serial_getc()) >= 0))
				return -ERESTARTSYS;
			if (n_tty_receive((char)c))
				break;
		}
		line_ready = line_len;
	}
	if (line_off == line_ready) {		/* Ctrl-D on an empty line */
		eof_pending = false;
		return 0;
	}
	size_t n = MIN(count, line_ready - line_off);
	if (copy_to_user(buf, line + line_off, n))
		return -EFAULT;
	line_off += n;
	return n;
}

static ssize_t tty_write(struct file *f, const char __user *buf, size_t count,
			 loff_t *pos)
{
	char chunk[256];
	size_t done = 0;

	(void)f;
	(void)pos;
	while (done < count) {
		size_t n = MIN(count - done, sizeof(chunk));
		if (copy_from_user(chunk, buf + done, n))
			return done ? (ssize_t)done : -EFAULT;
		serial_write(chunk, n);		/* converts \n to \r\n */
		done += n;
	}
	return done;
}

/* ioctl numbers and structures of the terminal ABI (asm-generic). */
#define TCGETS		0x5401
#define TCSETS		0x5402
#define TCSETSW		0x5403
#define TCSETSF		0x5404
#define TIOCGPGRP	0x540f
#define TIOCSPGRP	0x5410
#define TIOCGWINSZ	0x5413
#define TIOCSWINSZ	0x5414

struct termios {
	u32 c_iflag, c_oflag, c_cflag, c_lflag;
	u8 c_line;
	u8 c_cc[19];
};

struct winsize {
	u16 ws_row, ws_col, ws_xpixel, ws_ypixel;
};

/* Linux's defaults for a serial console: ICRNL IXON | OPOST ONLCR |
 * B115200 CS8 CREAD HUPCL CLOCAL | ISIG ICANON ECHO ECHOE ECHOK ECHOCTL
 * ECHOKE IEXTEN. */
static struct termios tty_termios = {
	.c_iflag = 0x0500, .c_oflag = 0x0005, .c_cflag = 0x1cb2,
	.c_lflag = 0x8a3b,
	.c_cc = { 3, 28, 127, 21, 4, 0, 1, 0, 17, 19, 26, 0, 18, 15, 23, 22 },
};
static struct winsize tty_winsize = { 24, 80, 0, 0 };
static int tty_pgrp = 1;

static long tty_ioctl(struct file *f, unsigned int cmd, unsigned long arg)
{
	void __user *p = (void __user *)arg;

	(void)f;
	switch (cmd) {
	case TCGETS:
		return copy_to_user(p, &tty_termios, sizeof(tty_termios)) ? -EFAULT : 0;
	case TCSETS:
	case TCSETSW:
	case TCSETSF:
		return copy_from_user(&tty_termios, p, sizeof(tty_termios)) ? -EFAULT : 0;
	case TIOCGWINSZ:
		return copy_to_user(p, &tty_winsize, sizeof(tty_winsize)) ? -EFAULT : 0;
	case TIOCSWINSZ:
		return copy_from_user(&tty_winsize, p, sizeof(tty_winsize)) ? -EFAULT : 0;
	case TIOCGPGRP:
		return put_user(tty_pgrp, (int __user *)p);
	case TIOCSPGRP:
		return get_user(tty_pgrp, (int __user *)p);
	}
	return -ENOTTY;
}

const struct file_operations tty_fops = {
	.llseek = no_llseek,
	.read = tty_read,
	.write = tty_write,
	.unlocked_ioctl = tty_ioctl,
};
