/*
 * readdir.c - getdents64 (Linux's fs/readdir.c).
 *
 * The directory's iterate_shared hands entries one at a time to
 * filldir64, which packs them as struct linux_dirent64 records (8-byte
 * aligned) and says stop when the next one does not fit; they reach the
 * user's buffer when the walk is over.  The file position is the directory's own cookie
 * (ramfs.c), so the next call resumes where this one stopped.
 *
 * Context: process context; the directory takes vfs_lock itself.
 */
#include "kernel/kernel.h"
#include "kernel/errno.h"
#include "kernel/mm.h"
#include "fs/fs.h"
#include "fs/notify/fsnotify.h"
#include "arch/x86_64/uaccess.h"

struct linux_dirent64 {
	u64 d_ino;
	s64 d_off;		/* position of the next entry */
	u16 d_reclen;
	u8 d_type;
	char d_name[];
};

/* At most this much is listed per call (getdents may return fewer
 * entries than fit; callers loop until it returns 0). */
#define GETDENTS_CHUNK	(64 * 1024)

struct getdents_callback64 {
	struct dir_context ctx;
	char *current_dir;		/* where the next record goes (kbuf) */
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

	if (reclen > buf->count) {
		buf->error = -EINVAL;
		return false;
	}
	char *p = buf->current_dir;
	size_t hdr = offsetof(struct linux_dirent64, d_name);
	memcpy(p, &d, hdr);
	memcpy(p + hdr, name, len);
	memset(p + hdr + len, 0, reclen - hdr - len);
	buf->current_dir += reclen;
	buf->count -= reclen;
	return true;
}

/*
 * The directory fills a kernel buffer (it holds vfs_lock, a spinlock,
 * while it walks), which goes to the user once the lock is dropped: a
 * copy to user space may fault, and must not happen under a spinlock.
 * The buffer is at most GETDENTS_CHUNK, which also bounds the walk one
 * call makes, however many entries the directory has.
 */
long sys_getdents64(unsigned int fd, void __user *dirent, unsigned int count)
{
	int room = MIN((int)count, GETDENTS_CHUNK);
	struct getdents_callback64 buf = {
		.ctx.actor = filldir64,
		.count = room,
	};

	if (!access_ok(dirent, count))
		return -EFAULT;
	struct file *f = fget(fd);
	if (!f)
		return -EBADF;
	long err = -ENOTDIR;
	char *kbuf = NULL;
	if (f->f_op->iterate_shared) {
		err = -ENOMEM;
		kbuf = kmalloc(MAX(room, 1), GFP_KERNEL);
	}
	if (kbuf) {
		buf.current_dir = kbuf;
		buf.ctx.pos = f->f_pos;
		err = f->f_op->iterate_shared(f, &buf.ctx);
		fsnotify_access(f);		/* as Linux's iterate_dir */
	}
	long written = buf.current_dir - kbuf;
	if (!err && written && copy_to_user(dirent, kbuf, written))
		err = -EFAULT;
	if (!err)
		f->f_pos = buf.ctx.pos;		/* only what reached the user */
	kfree(kbuf);
	fput(f);
	if (err)
		return err;
	if (written)
		return written;
	/* Nothing fitted: say why, unless the directory was simply done. */
	return buf.error == -EINVAL ? buf.error : 0;
}
