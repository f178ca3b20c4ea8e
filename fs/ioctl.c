/*
 * ioctl.c - the ioctl system call: a few requests every file answers the
 * same way, the rest go to the driver.  Process context.
 */
#include "kernel/kernel.h"
#include "kernel/errno.h"
#include "fs/fs.h"
#include "arch/x86_64/uaccess.h"

#define FIONBIO		0x5421
#define FIOCLEX		0x5451
#define FIONCLEX	0x5450

long sys_ioctl(unsigned int fd, unsigned int cmd, unsigned long arg)
{
	struct file *f = fget(fd);
	long r;
	int on;

	if (!f)
		return -EBADF;
	switch (cmd) {
	case FIONBIO:
		r = get_user(on, (int __user *)arg);
		if (!r) {
			if (on)
				f->f_flags |= O_NONBLOCK;
			else
				f->f_flags &= ~O_NONBLOCK;
		}
		break;
	default:
		r = f->f_op->unlocked_ioctl ?
			f->f_op->unlocked_ioctl(f, cmd, arg) : -ENOTTY;
	}
	fput(f);
	return r;
}
