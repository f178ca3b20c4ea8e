/*
 * mem.c - character devices that are not hardware (Linux's
 * drivers/char/mem.c): /dev/null, /dev/zero, /dev/urandom, and our
 * /dev/serial0, the first serial port with no terminal in between.
 *
 * /dev/serial0 is what tools/run-prog gives a program as stdout and
 * stderr: bytes reach the host unchanged, and it is not a terminal
 * (isatty() is false), just as a pipe on the host is not, so a program's
 * stdio buffers the same way in both places and their outputs can be
 * compared byte for byte.
 *
 * Context: process context.
 */
#include "kernel/kernel.h"
#include "kernel/errno.h"
#include "kernel/random.h"
#include "kernel/sched.h"
#include "fs/fs.h"
#include "drivers/serial.h"
#include "drivers/tty.h"
#include "arch/x86_64/uaccess.h"

static ssize_t null_read(struct file *f, char __user *buf, size_t n, loff_t *pos)
{
	(void)f, (void)buf, (void)n, (void)pos;
	return 0;
}

static ssize_t null_write(struct file *f, const char __user *buf, size_t n,
			  loff_t *pos)
{
	(void)f, (void)buf, (void)pos;
	return n;
}

static loff_t null_lseek(struct file *f, loff_t offset, int whence)
{
	(void)offset, (void)whence;
	return f->f_pos = 0;
}

const struct file_operations null_fops = {
	.llseek = null_lseek,
	.read = null_read,
	.write = null_write,
	.splice_write = iter_file_splice_write,
};

/*
 * A page at a time, as Linux's read_zero: a read of 2 GiB must not keep
 * the task in the kernel out of reach of its signals, so it stops at a
 * pending one with what it has cleared, and yields between pages.
 */
static ssize_t zero_read(struct file *f, char __user *buf, size_t n, loff_t *pos)
{
	size_t done = 0;

	(void)f, (void)pos;
	while (done < n) {
		size_t chunk = MIN(n - done, PAGE_SIZE);
		size_t left = clear_user(buf + done, chunk);
		done += chunk - left;
		if (left)
			return done ? (ssize_t)done : -EFAULT;
		if (signal_pending(current))
			break;
		cond_resched();
	}
	return done;
}

const struct file_operations zero_fops = {
	.llseek = null_lseek,
	.read = zero_read,
	.write = null_write,
	.splice_read = copy_splice_read,
	.splice_write = iter_file_splice_write,
};

static ssize_t urandom_read(struct file *f, char __user *buf, size_t n,
			    loff_t *pos)
{
	char chunk[256];
	size_t done = 0;

	(void)f, (void)pos;
	while (done < n) {
		size_t k = MIN(n - done, sizeof(chunk));
		get_random_bytes(chunk, k);
		if (copy_to_user(buf + done, chunk, k))
			return done ? (ssize_t)done : -EFAULT;
		done += k;
		/* As zero_read, at each page (Linux's get_random_bytes_user). */
		if (done % PAGE_SIZE == 0 && done < n) {
			if (signal_pending(current))
				break;
			cond_resched();
		}
	}
	return done;
}

const struct file_operations urandom_fops = {
	.llseek = null_lseek,
	.read = urandom_read,
	.write = null_write,
	.splice_read = copy_splice_read,
	.splice_write = iter_file_splice_write,
};

static ssize_t serial_raw_write(struct file *f, const char __user *buf,
				size_t n, loff_t *pos)
{
	char chunk[256];
	size_t done = 0;

	(void)f, (void)pos;
	while (done < n) {
		size_t k = MIN(n - done, sizeof(chunk));
		if (copy_from_user(chunk, buf + done, k))
			return done ? (ssize_t)done : -EFAULT;
		serial_write_raw(chunk, k);
		done += k;
		if (fatal_signal_pending(current))
			break;
		cond_resched();
	}
	return done;
}

const struct file_operations serial_raw_fops = {
	.llseek = no_llseek,
	.read = null_read,
	.write = serial_raw_write,
	.splice_write = iter_file_splice_write,
};
