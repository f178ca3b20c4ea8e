/*
 * n_tty.c - the line discipline of every terminal, Linux's n_tty in
 * miniature: what happens to bytes between the device and read().
 *
 * Input is handled as it arrives (n_tty_receive_buf: in the serial
 * interrupt for the console, in the writer's write() for a pty):
 * ICRNL/INLCR/IGNCR, echo, the signal characters (Ctrl-C sends SIGINT
 * to the foreground process group), and in canonical mode (ICANON) the
 * line editing (erase, kill, end of file).  The bytes land in read_buf,
 * a ring; readers and pollers wait on read_wait, which is woken with
 * EPOLLIN once a read would not block: a whole line in canonical mode,
 * VMIN bytes (at least one) otherwise.  Output goes through OPOST and
 * ONLCR ("\n" out as "\r\n") in tty_put.
 *
 * LOCKING: tty->lock, irqsave, as drivers/tty.h says.  Echoes are
 * gathered under it and written after it is dropped, and signals are
 * sent after it too, so the lock is a leaf.
 * Context: any (the console receives in its interrupt).
 */
#include "kernel/kernel.h"
#include "kernel/errno.h"
#include "kernel/signal.h"
#include "drivers/tty.h"

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

#define I_FLAG(tty, f)	((tty)->termios.c_iflag & (f))
#define O_FLAG(tty, f)	((tty)->termios.c_oflag & (f))
#define L_FLAG(tty, f)	((tty)->termios.c_lflag & (f))
#define CC(tty, i)	((tty)->termios.c_cc[i])

/* Linux's tty_std_termios: ICRNL IXON | OPOST ONLCR | B38400 CS8 CREAD
 * HUPCL | ISIG ICANON ECHO ECHOE ECHOK ECHOCTL ECHOKE IEXTEN, and the
 * control characters of INIT_C_CC (^C ^\ DEL ^U ^D, VMIN 1 ...). */
const struct termios tty_std_termios = {
	.c_iflag = 0x0500, .c_oflag = 0x0005, .c_cflag = 0x04bf,
	.c_lflag = 0x8a3b,
	.c_cc = { 3, 28, 127, 21, 4, 0, 1, 0, 17, 19, 26, 0, 18, 15, 23, 22 },
};

void tty_init_struct(struct tty_struct *tty, const struct tty_operations *ops,
		     int index)
{
	spin_lock_init(&tty->lock);
	tty->ops = ops;
	tty->termios = tty_std_termios;
	tty->index = index;
	init_waitqueue_head(&tty->read_wait);
	init_waitqueue_head(&tty->write_wait);
}

/* --- output --- */

/*
 * Cooked output: runs of ordinary bytes as they are, "\n" as one
 * two-byte write "\r\n" with ONLCR (a device takes a write of two bytes
 * or fewer whole or not at all, so a newline is never half out).
 * Returns how many of s's bytes went out.
 */
size_t tty_put(struct tty_struct *tty, const char *s, size_t n)
{
	size_t done = 0;

	if (!O_FLAG(tty, OPOST) || !O_FLAG(tty, ONLCR))
		return tty->ops->write(tty, s, n);
	while (done < n) {
		if (s[done] == '\n') {
			if (tty->ops->write(tty, "\r\n", 2) != 2)
				break;
			done++;
			continue;
		}
		size_t run = 0;
		while (done + run < n && s[done + run] != '\n')
			run++;
		size_t w = tty->ops->write(tty, s + done, run);
		done += w;
		if (w < run)
			break;
	}
	return done;
}

/* Echoes made under the lock, written once it is dropped. */
struct echo_buf {
	size_t n;
	char b[192];			/* 64 input bytes at 3 echo bytes each */
};
#define RECEIVE_CHUNK	64

static void echo_put(struct echo_buf *e, const char *s, size_t n)
{
	for (size_t i = 0; i < n && e->n < sizeof(e->b); i++)
		e->b[e->n++] = s[i];
}

/* Echo one typed byte; control characters as ^X with ECHOCTL. */
static void echo_char(struct tty_struct *tty, struct echo_buf *e, char c)
{
	if (L_FLAG(tty, ECHOCTL) && (u8)c < 0x20 && c != '\n' && c != '\t') {
		char s[2] = { '^', c ^ 0x40 };
		echo_put(e, s, 2);
		return;
	}
	echo_put(e, &c, 1);
}

/* --- input: tty->lock held --- */

/* Bytes a read may take now, without waiting. */
unsigned long n_tty_input_available(struct tty_struct *tty)
{
	if (L_FLAG(tty, ICANON))
		return tty->canon_head - tty->read_tail;
	return tty->read_head - tty->read_tail;
}

/* What poll reports readable: a line, or VMIN bytes when only VMIN
 * counts (Linux's input_available_p with its poll flag). */
bool n_tty_input_ready_for_poll(struct tty_struct *tty)
{
	unsigned long amt = 1;

	if (!L_FLAG(tty, ICANON) && !CC(tty, VTIME) && CC(tty, VMIN))
		amt = CC(tty, VMIN);
	return n_tty_input_available(tty) >= amt;
}

static void put_tty_queue(struct tty_struct *tty, char c, u8 end)
{
	unsigned long i = tty->read_head % N_TTY_BUF_SIZE;

	tty->read_buf[i] = c;
	tty->line_end[i] = end;
	tty->read_head++;
}

void n_tty_flush_input(struct tty_struct *tty)
{
	tty->read_head = tty->canon_head = tty->read_tail;
}

/* Canonical editing: erase the last byte of the line being typed. */
static void eraser(struct tty_struct *tty, struct echo_buf *e)
{
	if (tty->read_head == tty->canon_head)
		return;
	tty->read_head--;
	if (L_FLAG(tty, ECHO) && L_FLAG(tty, ECHOE))
		echo_put(e, "\b \b", 3);
}

static void n_tty_receive_canon(struct tty_struct *tty, struct echo_buf *e,
				char c)
{
	if (c == CC(tty, VERASE) || c == '\b') {
		eraser(tty, e);
		return;
	}
	if (c == CC(tty, VKILL)) {
		while (tty->read_head != tty->canon_head)
			eraser(tty, e);
		return;
	}
	bool eof = c == CC(tty, VEOF);
	bool eol = c == '\n' || (CC(tty, VEOL) && c == CC(tty, VEOL));
	/* A full line takes only its end, so it can still be finished. */
	if (!eof && !eol && tty->read_head - tty->read_tail >= N_TTY_BUF_SIZE - 1)
		return;
	if (tty->read_head - tty->read_tail >= N_TTY_BUF_SIZE)
		return;
	if (eof) {
		put_tty_queue(tty, c, 2);	/* ends the line, is not read */
	} else {
		put_tty_queue(tty, c, eol);
		if (L_FLAG(tty, ECHO) || (eol && L_FLAG(tty, ECHONL)))
			echo_char(tty, e, c);
	}
	if (eof || eol) {
		tty->canon_head = tty->read_head;
		wake_up_interruptible_poll(&tty->read_wait, EPOLLIN | EPOLLRDNORM);
	}
}

/*
 * One received byte.  Returns false, taking nothing, when the ring is
 * full in non-canonical mode (the writer waits for room); *sig is set
 * for Ctrl-C and Ctrl-\, sent by the caller once the lock is dropped.
 */
static bool n_tty_receive_char(struct tty_struct *tty, struct echo_buf *e,
			       char c, int *sig)
{
	if (c == '\r') {
		if (I_FLAG(tty, IGNCR))
			return true;
		if (I_FLAG(tty, ICRNL))
			c = '\n';
	} else if (c == '\n' && I_FLAG(tty, INLCR)) {
		c = '\r';
	}
	if (L_FLAG(tty, ISIG) && c && (c == CC(tty, VINTR) || c == CC(tty, VQUIT))) {
		/* What was typed but not read is dropped (unless NOFLSH). */
		if (!L_FLAG(tty, NOFLSH))
			n_tty_flush_input(tty);
		if (L_FLAG(tty, ECHO))
			echo_char(tty, e, c);
		*sig = c == CC(tty, VINTR) ? SIGINT : SIGQUIT;
		return true;
	}
	if (L_FLAG(tty, ICANON)) {
		n_tty_receive_canon(tty, e, c);
		return true;
	}
	if (tty->read_head - tty->read_tail >= N_TTY_BUF_SIZE)
		return false;
	put_tty_queue(tty, c, 0);
	if (L_FLAG(tty, ECHO))
		echo_char(tty, e, c);
	if (n_tty_input_ready_for_poll(tty))
		wake_up_interruptible_poll(&tty->read_wait, EPOLLIN | EPOLLRDNORM);
	return true;
}

size_t n_tty_receive_room(struct tty_struct *tty)
{
	unsigned long flags;
	size_t room;

	spin_lock_irqsave(&tty->lock, flags);
	room = L_FLAG(tty, ICANON) ? N_TTY_BUF_SIZE :
	       N_TTY_BUF_SIZE - (tty->read_head - tty->read_tail);
	spin_unlock_irqrestore(&tty->lock, flags);
	return room;
}

/* In chunks of RECEIVE_CHUNK bytes: the lock for a chunk, then its
 * echoes and its signal. */
size_t n_tty_receive_buf(struct tty_struct *tty, const char *buf, size_t n)
{
	size_t done = 0;
	bool room = true;

	while (done < n && room) {
		struct echo_buf e;
		unsigned long flags;
		int sig = 0, pgrp;

		e.n = 0;
		spin_lock_irqsave(&tty->lock, flags);
		for (size_t k = 0; k < RECEIVE_CHUNK && done < n && !sig; k++) {
			room = n_tty_receive_char(tty, &e, buf[done], &sig);
			if (!room)
				break;
			done++;
		}
		pgrp = tty->pgrp;
		spin_unlock_irqrestore(&tty->lock, flags);
		if (e.n)
			tty_put(tty, e.b, e.n);	/* an echo finding no room is lost */
		if (sig && pgrp > 0)
			kill_pgrp(pgrp, sig);
	}
	return done;
}

/* --- reading: process context --- */

/*
 * Move up to n bytes that a read may take into buf, consuming them.  In
 * canonical mode it stops at the end of a line, and an EOF mark ends the
 * line without being copied; *line_done says a line end was consumed.
 * The room made is the other end's to write into (a pty).
 */
size_t n_tty_take_input(struct tty_struct *tty, char *buf, size_t n,
			bool *line_done)
{
	unsigned long flags;
	size_t k = 0, taken = 0;

	spin_lock_irqsave(&tty->lock, flags);
	unsigned long avail = n_tty_input_available(tty);
	*line_done = false;
	while (avail && k < n) {
		unsigned long i = tty->read_tail % N_TTY_BUF_SIZE;
		u8 end = L_FLAG(tty, ICANON) ? tty->line_end[i] : 0;
		tty->read_tail++;
		taken++;
		avail--;
		if (end != 2)
			buf[k++] = tty->read_buf[i];
		if (end) {
			*line_done = true;
			break;
		}
	}
	spin_unlock_irqrestore(&tty->lock, flags);
	if (taken && tty->link)
		wake_up_interruptible_poll(&tty->link->write_wait,
					   EPOLLOUT | EPOLLWRNORM);
	return k;
}

/* How many bytes the read waits for, and whether it has a time limit:
 * canonical mode a line; otherwise VMIN (0: none) and VTIME. */
bool n_tty_read_satisfied(struct tty_struct *tty, size_t count, size_t copied)
{
	if (L_FLAG(tty, ICANON))
		return false;			/* decided by the line end */
	size_t want = MIN((size_t)CC(tty, VMIN), count);
	return copied >= want && (copied > 0 || !CC(tty, VTIME));
}

/* --- termios --- */

/* Entering canonical mode with bytes unread: as Linux's
 * n_tty_set_termios, they become one chunk a read takes whole (a
 * "push"), not a line still being typed, so what was typed ahead while
 * a raw-mode program ran (top, say) reaches the shell.  Lock held. */
static void push_unread(struct tty_struct *tty)
{
	for (unsigned long j = tty->read_tail; j != tty->read_head; j++)
		if (tty->line_end[j % N_TTY_BUF_SIZE] != 2)
			tty->line_end[j % N_TTY_BUF_SIZE] = 0;
	if (tty->read_head != tty->read_tail &&
	    !tty->line_end[(tty->read_head - 1) % N_TTY_BUF_SIZE])
		tty->line_end[(tty->read_head - 1) % N_TTY_BUF_SIZE] = 1;
	tty->canon_head = tty->read_head;
}

/* New termios.  Leaving canonical mode makes a half-typed line
 * readable; entering it pushes unread bytes (push_unread). */
void n_tty_set_termios(struct tty_struct *tty, const struct termios *t,
		       bool flush)
{
	unsigned long flags;

	spin_lock_irqsave(&tty->lock, flags);
	bool was_canon = L_FLAG(tty, ICANON);
	tty->termios = *t;
	if (flush)
		n_tty_flush_input(tty);
	else if (was_canon && !L_FLAG(tty, ICANON))
		tty->canon_head = tty->read_head;
	else if (!was_canon && L_FLAG(tty, ICANON))
		push_unread(tty);
	spin_unlock_irqrestore(&tty->lock, flags);
	/* What is readable, and the room writers see, changed. */
	wake_up_interruptible_all(&tty->read_wait);
	if (tty->link)
		wake_up_interruptible_all(&tty->link->write_wait);
}
