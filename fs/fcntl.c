/*
 * fcntl.c - dup2, dup3 and fcntl: descriptor flags and copies.
 * Process context.
 */
#include "kernel/kernel.h"
#include "kernel/errno.h"
#include "fs/fs.h"
#include "kernel/resource.h"

#define F_DUPFD		0
#define F_GETFD		1
#define F_SETFD		2
#define F_GETFL		3
#define F_SETFL		4
#define F_GETLK		5
#define F_SETLK		6
#define F_SETLKW	7
#define F_OFD_GETLK	36
#define F_OFD_SETLK	37
#define F_OFD_SETLKW	38
#define F_DUPFD_CLOEXEC	1030
#define F_SETPIPE_SZ	1031
#define F_GETPIPE_SZ	1032
#define FD_CLOEXEC	1

/* Flags F_SETFL may change; the rest of f_flags is fixed at open. */
#define SETFL_MASK	(O_APPEND | O_NONBLOCK)

/* RLIMIT_NOFILE's soft value, capped by what the table can hold. */
unsigned int nofile_limit(void)
{
	return MIN(rlimit(RLIMIT_NOFILE), (unsigned long)NR_OPEN_MAX);
}

long sys_dup3(unsigned int oldfd, unsigned int newfd, int flags)
{
	if (flags & ~O_CLOEXEC)
		return -EINVAL;
	if (oldfd == newfd)
		return -EINVAL;
	if (newfd >= nofile_limit())
		return -EBADF;
	struct file *f = fget_raw(oldfd);
	if (!f)
		return -EBADF;
	return replace_fd(newfd, f, flags & O_CLOEXEC);
}

long sys_dup2(unsigned int oldfd, unsigned int newfd)
{
	if (oldfd == newfd) {
		struct file *f = fget_raw(oldfd);
		if (!f)
			return -EBADF;
		fput(f);
		return newfd;
	}
	return sys_dup3(oldfd, newfd, 0);
}

static long dupfd(struct file *f, unsigned long from, bool cloexec)
{
	if (from >= nofile_limit())
		return -EINVAL;
	get_file(f);
	int fd = fd_install_from(f, from, cloexec);
	if (fd < 0)
		fput(f);
	return fd;
}

/* The commands an O_PATH descriptor takes (Linux's check_fcntl_cmd). */
static bool path_fcntl_cmd(unsigned int cmd)
{
	return cmd == F_DUPFD || cmd == F_DUPFD_CLOEXEC || cmd == F_GETFD ||
	       cmd == F_SETFD || cmd == F_GETFL;
}

long sys_fcntl(unsigned int fd, unsigned int cmd, unsigned long arg)
{
	struct file *f = fget_raw(fd);
	long r;

	if (!f)
		return -EBADF;
	if ((f->f_mode & FMODE_PATH) && !path_fcntl_cmd(cmd)) {
		fput(f);
		return -EBADF;
	}
	switch (cmd) {
	case F_DUPFD:
	case F_DUPFD_CLOEXEC:
		r = dupfd(f, arg, cmd == F_DUPFD_CLOEXEC);
		break;
	case F_GETFD:
		r = get_close_on_exec(fd) ? FD_CLOEXEC : 0;
		break;
	case F_SETFD:
		set_close_on_exec(fd, arg & FD_CLOEXEC);
		r = 0;
		break;
	case F_GETFL:
		r = f->f_flags | ((f->f_mode & (FMODE_READ | FMODE_WRITE)) ==
				  (FMODE_READ | FMODE_WRITE) ? O_RDWR :
				  f->f_mode & FMODE_WRITE ? O_WRONLY : O_RDONLY);
		break;
	case F_SETFL:
		f->f_flags = (f->f_flags & ~SETFL_MASK) | (arg & SETFL_MASK);
		r = 0;
		break;
	case F_GETLK:
	case F_SETLK:
	case F_SETLKW:
	case F_OFD_GETLK:
	case F_OFD_SETLK:
	case F_OFD_SETLKW:
		r = fcntl_lock(f, cmd, (struct flock __user *)arg);
		break;
	case F_SETPIPE_SZ:
	case F_GETPIPE_SZ:
		r = pipe_fcntl(f, cmd, arg);
		break;
	case F_ADD_SEALS:
	case F_GET_SEALS:
		r = memfd_fcntl(f, cmd, arg);
		break;
	default:
		r = -EINVAL;
	}
	fput(f);
	return r;
}
