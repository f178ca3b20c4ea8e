/*
 * readdir.c - getdents64 (Linux's fs/readdir.c).
 *
 * The directory's iterate_shared hands entries one at a time to
 * filldir64, which packs them into the user's buffer as struct
 * linux_dirent64 records (8-byte aligned) and says stop when the next one
 * does not fit.  The file position is the directory's own cookie
 * (ramfs.c), so the next call resumes where this one stopped.
 *
 * Context: process context; the directory takes vfs_lock itself.
 */
#include "kernel/kernel.h"
#include "kernel/errno.h"
#include "fs/fs.h"
#include "arch/x86_64/uaccess.h"

struct linux_dirent64 {
	u64 d_ino;
	s64 d_off;		/* position of the next entry */
	u16 d_reclen;
	u8 d_type;
	char d_name[];
};

struct getdents_callback64 {
	struct dir_context ctx;
	char __user *current_dir;	/* where the next record goes */
	int count;			/* room left */
	int error;			/* -EINVAL: not even one fitted */
};

static bool filldir64(struct dir_context *ctx, const char *name, int len,
		      loff_t pos, u64 ino, unsigned int d_type)
{
	struct getdents_callback64 *buf = (struct getdents_callback64 *)ctx;
	int reclen = ALIGN_UP(offsetof(struct linux_dirent64, d_name) + len + 1, 8);
	struct linux_dirent64 d = {
		.d_ino = ino, .d_off = pos + 1, .d_reclen = reclen,
		.d_type = d_type,
	};
	static const char zeros[8];

	(void)pos;
	if (reclen > buf->count) {
		buf->error = -EINVAL;
		return false;
	}
	char __user *p = buf->current_dir;
	size_t hdr = offsetof(struct linux_dirent64, d_name);
	if (copy_to_user(p, &d, hdr) || copy_to_user(p + hdr, name, len) ||
	    copy_to_user(p + hdr + len, zeros, reclen - hdr - len)) {
		buf->error = -EFAULT;
		return false;
	}
	buf->current_dir += reclen;
	buf->count -= reclen;
	return true;
}

long sys_getdents64(unsigned int fd, void __user *dirent, unsigned int count)
{
	struct getdents_callback64 buf = {
		.ctx.actor = filldir64,
		.current_dir = dirent,
		.count = count,
	};

	if (!access_ok(dirent, count))
		return -EFAULT;
	struct file *f = fget(fd);
	if (!f)
		return -EBADF;
	long err = -ENOTDIR;
	if (f->f_op->iterate_shared) {
		buf.ctx.pos = f->f_pos;
		err = f->f_op->iterate_shared(f, &buf.ctx);
		f->f_pos = buf.ctx.pos;
	}
	fput(f);
	if (err)
		return err;
	long written = (char __user *)buf.current_dir - (char __user *)dirent;
	if (written)
		return written;
	/* Nothing fitted: say why, unless the directory was simply done. */
	return buf.error == -EINVAL || buf.error == -EFAULT ? buf.error : 0;
}
