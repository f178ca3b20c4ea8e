/*
 * utimes.c - utimensat, futimesat, utimes and utime: setting a file's
 * access and modification times (Linux's fs/utimes.c).
 *
 * Every call ends in vfs_utimes with two timespecs or none.  "None", or
 * both UTIME_NOW, is a touch: the owner, uid 0 or anyone who may write
 * the file may set both times to now (EACCES otherwise).  Any other
 * pair is an explicit setting, even UTIME_NOW with UTIME_OMIT, and
 * needs the owner or uid 0 (EPERM).  UTIME_OMIT leaves a time alone;
 * ctime always becomes now.  Both UTIME_OMIT returns 0 before the path
 * is even looked up, as on Linux.
 *
 * Context: process context; the times are copied in before vfs_lock is
 * taken.
 */
#include "kernel/kernel.h"
#include "kernel/errno.h"
#include "kernel/timekeeping.h"
#include "fs/fs.h"
#include "fs/notify/fsnotify.h"
#include "arch/x86_64/uaccess.h"

#define UTIME_NOW	((1l << 30) - 1l)
#define UTIME_OMIT	((1l << 30) - 2l)
#define AT_SYMLINK_NOFOLLOW	0x100
#define AT_EMPTY_PATH		0x1000

static bool nsec_valid(long nsec)
{
	if (nsec == UTIME_OMIT || nsec == UTIME_NOW)
		return true;
	return nsec >= 0 && nsec < (long)NSEC_PER_SEC;
}

/* The new times, under vfs_lock; times NULL is a touch. */
static long vfs_utimes(struct inode *inode, long arg)
{
	struct timespec64 *times = (struct timespec64 *)arg;
	struct timespec64 now = current_time();

	if (times) {
		if (!nsec_valid(times[0].tv_nsec) || !nsec_valid(times[1].tv_nsec))
			return -EINVAL;
		if (times[0].tv_nsec == UTIME_NOW && times[1].tv_nsec == UTIME_NOW)
			times = NULL;
	}
	if (times) {
		if (!inode_owner_or_capable(inode))
			return -EPERM;
	} else if (!inode_owner_or_capable(inode)) {
		long err = inode_permission(inode, MAY_WRITE);
		if (err)
			return err;
	}
	if (!times) {
		inode->i_atime = inode->i_mtime = now;
	} else {
		if (times[0].tv_nsec != UTIME_OMIT)
			inode->i_atime = times[0].tv_nsec == UTIME_NOW ? now : times[0];
		if (times[1].tv_nsec != UTIME_OMIT)
			inode->i_mtime = times[1].tv_nsec == UTIME_NOW ? now : times[1];
	}
	inode->i_ctime = now;
	/* Linux's fsnotify_change: both times are IN_ATTRIB (a utime),
	 * atime alone IN_ACCESS, mtime alone IN_MODIFY. */
	bool a = !times || times[0].tv_nsec != UTIME_OMIT;
	bool m = !times || times[1].tv_nsec != UTIME_OMIT;
	if (a || m)
		fsnotify_inode_event(inode, a && m ? FS_ATTRIB : a ? FS_ACCESS : FS_MODIFY);
	return 0;
}

/* Linux's do_utimes: a NULL name with a real dfd is the file itself. */
static long do_utimes(int dfd, const char __user *filename,
		      struct timespec64 *times, int flags)
{
	if (!filename && dfd != AT_FDCWD) {
		if (flags)
			return -EINVAL;
		struct file *f = fget(dfd);	/* not an O_PATH one: EBADF */
		if (!f)
			return -EBADF;
		fput(f);
		return with_fd_inode(dfd, vfs_utimes, (long)times);
	}
	if (flags & ~(AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH))
		return -EINVAL;
	return with_path_inode(dfd, filename,
			       flags & AT_SYMLINK_NOFOLLOW ? 0 : LOOKUP_FOLLOW,
			       flags & AT_EMPTY_PATH, vfs_utimes, (long)times);
}

long sys_utimensat(int dfd, const char __user *filename,
		   const struct __kernel_timespec __user *utimes, int flags)
{
	struct __kernel_timespec ut[2];
	struct timespec64 t[2];

	if (utimes) {
		if (copy_from_user(ut, utimes, sizeof(ut)))
			return -EFAULT;
		for (int i = 0; i < 2; i++)
			t[i] = (struct timespec64){ ut[i].tv_sec, ut[i].tv_nsec };
		/* Nothing to do: the path is not even checked. */
		if (t[0].tv_nsec == UTIME_OMIT && t[1].tv_nsec == UTIME_OMIT)
			return 0;
	}
	return do_utimes(dfd, filename, utimes ? t : NULL, flags);
}

/* The microsecond calls check tv_usec themselves: UTIME_NOW and
 * UTIME_OMIT mean nothing there. */
long sys_futimesat(int dfd, const char __user *filename,
		   const struct __kernel_old_timeval __user *utimes)
{
	struct __kernel_old_timeval tv[2];
	struct timespec64 t[2];

	if (utimes) {
		if (copy_from_user(tv, utimes, sizeof(tv)))
			return -EFAULT;
		for (int i = 0; i < 2; i++) {
			if (tv[i].tv_usec >= 1000000 || tv[i].tv_usec < 0)
				return -EINVAL;
			t[i] = (struct timespec64){ tv[i].tv_sec,
						    tv[i].tv_usec * 1000 };
		}
	}
	return do_utimes(dfd, filename, utimes ? t : NULL, 0);
}

long sys_utimes(const char __user *filename,
		const struct __kernel_old_timeval __user *utimes)
{
	return sys_futimesat(AT_FDCWD, filename, utimes);
}

/* utime(2)'s struct utimbuf: whole seconds. */
struct utimbuf {
	s64 actime, modtime;
};

long sys_utime(const char __user *filename, const struct utimbuf __user *times)
{
	struct utimbuf ub;
	struct timespec64 t[2];

	if (times) {
		if (copy_from_user(&ub, times, sizeof(ub)))
			return -EFAULT;
		t[0] = (struct timespec64){ ub.actime, 0 };
		t[1] = (struct timespec64){ ub.modtime, 0 };
	}
	return do_utimes(AT_FDCWD, filename, times ? t : NULL, 0);
}
