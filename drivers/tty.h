/* tty.h - terminals (drivers/tty.c, n_tty.c, pty.c) and the simple
 * character devices (drivers/mem.c).
 *
 * A terminal is a struct tty_struct: a line discipline's state (the
 * termios, the ring of received bytes, the foreground process group)
 * in front of a device that takes its output (tty_operations).  Two
 * kinds exist: the console (the serial port) and the two ends of each
 * pseudo-terminal, where one end's output is the other end's input.
 *
 * LOCKING: tty->lock (a spinlock, irqsave: the console receives in the
 * serial interrupt) guards the ring, the termios, the winsize and pgrp.
 * It is a leaf: nothing takes another tty's lock, or any other lock but
 * the wait queues', under it, and no user copy happens under it (the
 * file operations copy through small bounce buffers).  Echoes and a
 * pty's output go to the other end after the lock is dropped.  On SMP
 * the spinlock is what keeps other CPUs out; interrupts off keeps out
 * this CPU's serial interrupt.
 */
#ifndef DRIVERS_TTY_H
#define DRIVERS_TTY_H

#include "fs/fs.h"
#include "fs/poll.h"
#include "kernel/wait.h"

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

#define N_TTY_BUF_SIZE	4096

struct tty_struct;

/* The device behind a terminal. */
struct tty_operations {
	/* Output, already cooked by OPOST: take up to n bytes, return how
	 * many were taken (the UART takes all; a pty end as many as the
	 * other end's ring has room for).  tty->lock not held; any context
	 * (the console's echo runs in its interrupt). */
	size_t (*write)(struct tty_struct *tty, const char *buf, size_t n);
	/* How many bytes write would take now. */
	size_t (*write_room)(struct tty_struct *tty);
	/* References from sessions (signal->tty); NULL: the tty is static.
	 * get may be called under a spinlock, put only without one. */
	void (*get)(struct tty_struct *tty);
	void (*put)(struct tty_struct *tty);
};

struct tty_struct {
	spinlock_t lock;		/* see LOCKING above */
	const struct tty_operations *ops;
	struct termios termios;
	struct winsize winsize;
	int pgrp;			/* foreground process group; 0: none */
	int session;			/* the session it controls; 0: none */
	char read_buf[N_TTY_BUF_SIZE];	/* ring of received bytes */
	u8 line_end[N_TTY_BUF_SIZE];	/* 1: ends a line, 2: an EOF mark */
	unsigned long read_head;	/* next byte in (total count) */
	unsigned long canon_head;	/* end of the last complete line */
	unsigned long read_tail;	/* next byte out */
	wait_queue_head_t read_wait;	/* readers and pollers */
	wait_queue_head_t write_wait;	/* writers waiting for write_room */
	/* pty ends only */
	struct tty_struct *link;	/* the other end */
	int index;			/* /dev/pts/<index>; -1: the console */
	bool other_closed;		/* the other end has no open file */
	bool hung_up;			/* slave: its master is gone */
};

/* --- drivers/n_tty.c: the line discipline --- */
/* Default termios of a terminal (Linux's tty_std_termios). */
extern const struct termios tty_std_termios;
void tty_init_struct(struct tty_struct *tty, const struct tty_operations *ops,
		     int index);
/* Bytes arriving at the terminal (typed, or a pty's other end's
 * output); returns how many were taken: all of them, except when the
 * ring is full in non-canonical mode.  Echoes go out after the lock is
 * dropped.  Any context. */
size_t n_tty_receive_buf(struct tty_struct *tty, const char *buf, size_t n);
/* Room for n_tty_receive_buf now (canonical mode: never 0; a full line
 * drops what does not fit, as Linux). */
size_t n_tty_receive_room(struct tty_struct *tty);
/* Move up to n readable bytes into buf (kernel memory); *line_done:
 * a line end was consumed.  Wakes the other end's writers. */
size_t n_tty_take_input(struct tty_struct *tty, char *buf, size_t n,
			bool *line_done);
unsigned long n_tty_input_available(struct tty_struct *tty);
bool n_tty_input_ready_for_poll(struct tty_struct *tty);
/* Whether a non-canonical read has what VMIN/VTIME ask for. */
bool n_tty_read_satisfied(struct tty_struct *tty, size_t count, size_t copied);
void n_tty_set_termios(struct tty_struct *tty, const struct termios *t,
		       bool flush);
void n_tty_flush_input(struct tty_struct *tty);
/* Output through OPOST/ONLCR to tty->ops->write; returns the input
 * bytes consumed.  Any context, lock not held. */
size_t tty_put(struct tty_struct *tty, const char *s, size_t n);

/* --- drivers/tty.c: the file operations every terminal shares --- */
ssize_t tty_read(struct file *f, char __user *buf, size_t count, loff_t *pos);
ssize_t tty_write(struct file *f, const char __user *buf, size_t count,
		  loff_t *pos);
__poll_t tty_poll(struct file *f, poll_table *wait);
/* The ioctls of any terminal (termios, winsize, pgrp, FIONREAD);
 * -ENOIOCTLCMD for the rest.  For a pty master, termios and winsize
 * are the slave's (real_tty), as in Linux. */
long tty_mode_ioctl(struct tty_struct *tty, struct tty_struct *real_tty,
		    unsigned int cmd, unsigned long arg);

/* --- drivers/tty_jobctrl.c: sessions and controlling terminals --- */
void tty_kref_get(struct tty_struct *tty);
void tty_kref_put(struct tty_struct *tty);
/* An open without O_NOCTTY by a session leader with no terminal makes
 * this one its controlling terminal, if no session has it. */
void tty_open_proc_set_tty(struct file *f, struct tty_struct *tty);
/* TIOCSCTTY, TIOCNOTTY, TIOCGSID, TIOCGPGRP, TIOCSPGRP; -ENOIOCTLCMD
 * for the rest.  real_tty as for tty_mode_ioctl. */
long tty_jobctrl_ioctl(struct tty_struct *tty, struct tty_struct *real_tty,
		       struct file *f, unsigned int cmd, unsigned long arg);
/* The session's controlling terminal is going (a pty's master closed):
 * every process loses it, the leader gets SIGHUP and SIGCONT. */
void tty_signal_session_leader(struct tty_struct *tty);
struct signal_struct;
/* fork (kernel/fork.c): the child's session and terminal are ours. */
void tty_fork_session(struct signal_struct *child);
/* setsid (kernel/pid.c), tasklist_lock held: a new session led by
 * current; returns the old terminal's reference, to put unlocked. */
struct tty_struct *tty_new_session_locked(void);
/* The last thread of current's process exits (kernel/exit.c). */
void tty_exit_session(void);

/* --- drivers/pty.c --- */
extern const struct file_operations ptmx_fops;		/* /dev/ptmx */
extern const struct file_operations pts_fops;		/* /dev/pts/N */
/* Open f on the slave tty (/dev/tty naming a pty's slave). */
int pts_open_tty(struct file *f, struct tty_struct *tty);
#define UNIX98_PTY_SLAVE_MAJOR	136

extern const struct file_operations tty_fops;		/* /dev/console */
extern const struct file_operations dev_tty_fops;	/* /dev/tty */
extern const struct file_operations null_fops;		/* /dev/null */
extern const struct file_operations zero_fops;		/* /dev/zero */
extern const struct file_operations urandom_fops;	/* /dev/urandom */
extern const struct file_operations serial_raw_fops;	/* /dev/serial0 */
extern const struct file_operations kmsg_fops;		/* /dev/kmsg (kernel/printk.c) */

#endif
