/*
 * locks.c - advisory file locks: flock(2) and fcntl's record locks,
 * F_SETLK/F_SETLKW/F_GETLK and the open-file-description F_OFD_* ones
 * (Linux's fs/locks.c).
 *
 * Two independent kinds, as on Linux:
 *  - flock locks belong to an open file description (struct file):
 *    dup and fork share them; they go with the file's last close.
 *    Whole-file, shared or exclusive; a second flock on the same file
 *    converts.
 *  - record (POSIX) locks cover byte ranges [fl_start, fl_end].  A
 *    classic one belongs to the process (its files_struct): a child
 *    does not own its parent's, and closing *any* descriptor of the
 *    file drops all of the process's locks on it (POSIX's rule).  An
 *    OFD lock belongs to the struct file, like flock's, and conflicts
 *    with classic ones.  One owner's locks never conflict with each
 *    other: a new one replaces the overlap, splitting and merging
 *    ranges (posix_lock_inode).
 * A read lock conflicts with another owner's write lock, a write lock
 * with anything of another owner.  F_SETLKW and a blocking flock sleep
 * until the conflict goes or a signal comes (-ERESTARTSYS); F_SETLKW
 * refuses with EDEADLK a wait that would close a cycle of classic
 * owners waiting on each other (posix_locks_deadlock).
 *
 * LOCKING: file_lock_lock, a spinlock, guards every inode's lock lists
 * (i_flctx, with its users count) and the list of blocked requests.  An
 * inode has a file_lock_context only while it has locks or a call is
 * using it (flc_users, taken by get_ctx under the lock): the last
 * put_ctx of an empty one frees it, so locking a long-lived file such
 * as /dev/null leaves nothing behind.  struct flock is copied
 * from and to user space outside it; lock records are allocated before
 * it is taken.  Waiters sleep on their inode's flc_wait, woken whenever
 * a lock there goes or shrinks.  Context: process context.
 */
#include "kernel/kernel.h"
#include "kernel/errno.h"
#include "kernel/mm.h"
#include "kernel/sched.h"
#include "kernel/signal.h"
#include "kernel/spinlock.h"
#include "kernel/wait.h"
#include "fs/fs.h"
#include "arch/x86_64/uaccess.h"

#define F_GETLK		5
#define F_SETLK		6
#define F_SETLKW	7
#define F_OFD_GETLK	36
#define F_OFD_SETLK	37
#define F_OFD_SETLKW	38
#define F_RDLCK		0
#define F_WRLCK		1
#define F_UNLCK		2
#define LOCK_SH		1
#define LOCK_EX		2
#define LOCK_NB		4
#define LOCK_UN		8
#define OFFSET_MAX	((loff_t)(~0ULL >> 1))

#define FL_POSIX	1
#define FL_FLOCK	2
#define FL_OFD		4

/* x86-64's struct flock */
struct flock {
	short l_type, l_whence;
	loff_t l_start, l_len;
	int l_pid;
};

struct file_lock {
	struct list_head fl_list;	/* on its inode's flc_posix or flc_flock */
	void *fl_owner;			/* files_struct (classic) or struct file */
	struct file *fl_file;		/* the file it was set through */
	int fl_pid;			/* the setter's tgid; -1 for OFD */
	int fl_type;			/* F_RDLCK, F_WRLCK */
	unsigned int fl_flags;		/* FL_POSIX | FL_OFD, or FL_FLOCK */
	loff_t fl_start, fl_end;	/* inclusive; fl_end OFFSET_MAX: to EOF */
};

/* An inode's locks (Linux's file_lock_context), made at the first. */
struct file_lock_context {
	struct list_head flc_posix, flc_flock;
	wait_queue_head_t flc_wait;	/* blocked requests on this inode */
	int flc_users;			/* calls using it now */
};

/* A classic request asleep: who waits for whom (deadlock detection). */
struct blocked_request {
	struct list_head list;
	void *owner, *blocker;
};

static DEFINE_SPINLOCK(file_lock_lock);
static LIST_HEAD(blocked_requests);

/* The inode's lock context, made if need be, with a user reference. */
static struct file_lock_context *get_ctx(struct inode *inode)
{
	struct file_lock_context *new = NULL, *ctx;

	for (;;) {
		spin_lock(&file_lock_lock);
		ctx = inode->i_flctx;
		if (!ctx && new) {
			inode->i_flctx = ctx = new;
			new = NULL;
		}
		if (ctx)
			ctx->flc_users++;
		spin_unlock(&file_lock_lock);
		if (ctx)
			break;
		new = kzalloc(sizeof(*new), GFP_KERNEL);
		if (!new)
			return NULL;
		INIT_LIST_HEAD(&new->flc_posix);
		INIT_LIST_HEAD(&new->flc_flock);
		init_waitqueue_head(&new->flc_wait);
	}
	kfree(new);
	return ctx;
}

/* Free ctx if it is empty and unused (file_lock_lock held); the caller
 * kfree()s what this returns after dropping the lock. */
static struct file_lock_context *ctx_release(struct inode *inode,
					     struct file_lock_context *ctx)
{
	if (ctx->flc_users || !list_empty(&ctx->flc_posix) ||
	    !list_empty(&ctx->flc_flock))
		return NULL;
	inode->i_flctx = NULL;
	return ctx;
}

static void put_ctx(struct inode *inode, struct file_lock_context *ctx)
{
	spin_lock(&file_lock_lock);
	ctx->flc_users--;
	struct file_lock_context *dead = ctx_release(inode, ctx);
	spin_unlock(&file_lock_lock);
	kfree(dead);
}

void locks_free_lock_context(struct inode *inode)
{
	kfree(inode->i_flctx);
	inode->i_flctx = NULL;
}

static bool overlap(const struct file_lock *a, loff_t start, loff_t end)
{
	return a->fl_start <= end && start <= a->fl_end;
}

/* The first lock of another owner that conflicts with type on
 * [start, end] (file_lock_lock held). */
static struct file_lock *posix_conflict(struct file_lock_context *ctx,
					void *owner, int type, loff_t start,
					loff_t end)
{
	struct file_lock *fl;

	list_for_each_entry(fl, &ctx->flc_posix, fl_list)
		if (fl->fl_owner != owner && overlap(fl, start, end) &&
		    (type == F_WRLCK || fl->fl_type == F_WRLCK))
			return fl;
	return NULL;
}

/* Would owner waiting for blocker close a cycle?  Follow who each
 * blocker itself waits for (a bounded walk, as Linux's). */
static bool posix_locks_deadlock(void *owner, void *blocker)
{
	for (int depth = 0; depth < 10 && blocker; depth++) {
		if (blocker == owner)
			return true;
		struct blocked_request *br, *next = NULL;
		list_for_each_entry(br, &blocked_requests, list)
			if (br->owner == blocker) {
				next = br;
				break;
			}
		blocker = next ? next->blocker : NULL;
	}
	return false;
}

/*
 * Give owner type (F_UNLCK: nothing) on [start, end], replacing what it
 * held there: its locks of the same type that overlap or touch merge
 * into the new one; others are cut back, split in two if need be.
 * spare holds up to two preallocated records for the splits and the
 * new lock; used ones are set to NULL.  file_lock_lock held.
 */
static void posix_lock_replace(struct file_lock_context *ctx, struct file *f,
			       void *owner, unsigned int flags, int type,
			       loff_t start, loff_t end, struct file_lock **spare)
{
	struct file_lock *fl, *tmp;

	list_for_each_entry_safe(fl, tmp, &ctx->flc_posix, fl_list) {
		if (fl->fl_owner != owner)
			continue;
		bool touches = (start > 0 && fl->fl_end == start - 1) ||
			       (end < OFFSET_MAX && fl->fl_start == end + 1);
		if (fl->fl_type == type && (overlap(fl, start, end) || touches)) {
			start = MIN(start, fl->fl_start);
			end = MAX(end, fl->fl_end);
			list_del(&fl->fl_list);
			kfree(fl);
			continue;
		}
		if (!overlap(fl, start, end))
			continue;
		if (fl->fl_start < start && fl->fl_end > end) {
			/* The new range is inside: keep both ends. */
			struct file_lock *right = spare[0] ? spare[0] : spare[1];
			if (spare[0])
				spare[0] = NULL;
			else
				spare[1] = NULL;
			*right = *fl;
			right->fl_start = end + 1;
			list_add(&right->fl_list, &fl->fl_list);
			fl->fl_end = start - 1;
		} else if (fl->fl_start < start) {
			fl->fl_end = start - 1;
		} else if (fl->fl_end > end) {
			fl->fl_start = end + 1;
		} else {
			list_del(&fl->fl_list);
			kfree(fl);
		}
	}
	if (type == F_UNLCK)
		return;
	struct file_lock *new = spare[1] ? spare[1] : spare[0];
	if (spare[1])
		spare[1] = NULL;
	else
		spare[0] = NULL;
	*new = (struct file_lock){
		.fl_owner = owner, .fl_file = f, .fl_type = type,
		.fl_flags = flags, .fl_start = start, .fl_end = end,
		.fl_pid = (flags & FL_OFD) ? -1 : current->tgid,
	};
	list_add_tail(&new->fl_list, &ctx->flc_posix);
}

/* struct flock to an inclusive range (Linux's flock_to_posix_lock). */
static int flock_to_range(struct file *f, const struct flock *l, loff_t *start,
			  loff_t *end)
{
	loff_t base;

	switch (l->l_whence) {
	case SEEK_SET:
		base = 0;
		break;
	case SEEK_CUR:
		base = f->f_pos;
		break;
	case SEEK_END:
		base = f->f_inode->i_size;
		break;
	default:
		return -EINVAL;
	}
	if (l->l_start > OFFSET_MAX - base)
		return -EOVERFLOW;
	loff_t s = base + l->l_start;
	if (s < 0)
		return -EINVAL;
	if (l->l_len > 0) {
		if (l->l_len - 1 > OFFSET_MAX - s)
			return -EOVERFLOW;
		*start = s;
		*end = s + l->l_len - 1;
	} else if (l->l_len < 0) {
		if (s + l->l_len < 0)
			return -EINVAL;
		*start = s + l->l_len;
		*end = s - 1;
	} else {
		*start = s;
		*end = OFFSET_MAX;
	}
	return 0;
}

static void unregister_blocked(struct blocked_request *br)
{
	spin_lock(&file_lock_lock);
	list_del(&br->list);
	spin_unlock(&file_lock_lock);
}

/* F_SETLK, F_SETLKW and their OFD twins. */
static long fcntl_setlk(struct file *f, unsigned int cmd, struct flock *l)
{
	bool ofd = cmd == F_OFD_SETLK || cmd == F_OFD_SETLKW;
	bool wait = cmd == F_SETLKW || cmd == F_OFD_SETLKW;
	void *owner = ofd ? (void *)f : (void *)current->files;
	loff_t start, end;

	if (ofd && l->l_pid)
		return -EINVAL;
	if (l->l_type != F_RDLCK && l->l_type != F_WRLCK && l->l_type != F_UNLCK)
		return -EINVAL;
	if ((l->l_type == F_RDLCK && !(f->f_mode & FMODE_READ)) ||
	    (l->l_type == F_WRLCK && !(f->f_mode & FMODE_WRITE)))
		return -EBADF;
	int err = flock_to_range(f, l, &start, &end);
	if (err)
		return err;
	struct file_lock_context *ctx = get_ctx(f->f_inode);
	struct file_lock *spare[2] = {
		kmalloc(sizeof(struct file_lock), GFP_KERNEL),
		kmalloc(sizeof(struct file_lock), GFP_KERNEL),
	};
	if (!ctx || !spare[0] || !spare[1]) {
		kfree(spare[0]);
		kfree(spare[1]);
		if (ctx)
			put_ctx(f->f_inode, ctx);
		return -ENOLCK;
	}
	struct blocked_request br = { .owner = owner };
	bool queued = false;
	for (;;) {
		spin_lock(&file_lock_lock);
		struct file_lock *c = l->l_type == F_UNLCK ? NULL :
			posix_conflict(ctx, owner, l->l_type, start, end);
		if (!c) {
			posix_lock_replace(ctx, f, owner, FL_POSIX | (ofd ? FL_OFD : 0),
					   l->l_type, start, end, spare);
			if (queued)
				list_del(&br.list);
			wake_up_all(&ctx->flc_wait);	/* a lock may have shrunk */
			spin_unlock(&file_lock_lock);
			err = 0;
			break;
		}
		if (!wait) {
			spin_unlock(&file_lock_lock);
			err = -EAGAIN;
			break;
		}
		br.blocker = c->fl_owner;
		if (!ofd && !(c->fl_flags & FL_OFD) &&
		    posix_locks_deadlock(owner, c->fl_owner)) {
			if (queued)
				list_del(&br.list);
			spin_unlock(&file_lock_lock);
			err = -EDEADLK;
			break;
		}
		if (!queued && !ofd)
			list_add(&br.list, &blocked_requests);
		queued = !ofd;
		spin_unlock(&file_lock_lock);
		DEFINE_WAIT(w);
		prepare_to_wait(&ctx->flc_wait, &w, TASK_INTERRUPTIBLE);
		spin_lock(&file_lock_lock);
		bool still = posix_conflict(ctx, owner, l->l_type, start, end) != NULL;
		spin_unlock(&file_lock_lock);
		if (still && !signal_pending(current))
			schedule();
		finish_wait(&ctx->flc_wait, &w);
		if (signal_pending(current)) {
			if (queued)
				unregister_blocked(&br);
			err = -ERESTARTSYS;
			break;
		}
	}
	kfree(spare[0]);
	kfree(spare[1]);
	put_ctx(f->f_inode, ctx);
	return err;
}

/* F_GETLK and F_OFD_GETLK: the first conflicting lock, or F_UNLCK. */
static long fcntl_getlk(struct file *f, unsigned int cmd, struct flock *l)
{
	bool ofd = cmd == F_OFD_GETLK;
	void *owner = ofd ? (void *)f : (void *)current->files;
	loff_t start, end;

	if (ofd && l->l_pid)
		return -EINVAL;
	if (l->l_type != F_RDLCK && l->l_type != F_WRLCK)
		return -EINVAL;
	int err = flock_to_range(f, l, &start, &end);
	if (err)
		return err;
	spin_lock(&file_lock_lock);
	struct file_lock_context *ctx = f->f_inode->i_flctx;
	struct file_lock *c = !ctx ? NULL :
			      posix_conflict(ctx, owner, l->l_type, start, end);
	if (!c) {
		l->l_type = F_UNLCK;
	} else {
		l->l_type = c->fl_type;
		l->l_whence = SEEK_SET;
		l->l_start = c->fl_start;
		l->l_len = c->fl_end == OFFSET_MAX ? 0 : c->fl_end - c->fl_start + 1;
		l->l_pid = c->fl_pid;
	}
	spin_unlock(&file_lock_lock);
	return 0;
}

long fcntl_lock(struct file *f, unsigned int cmd, struct flock __user *ul)
{
	struct flock l;

	if (copy_from_user(&l, ul, sizeof(l)))
		return -EFAULT;
	if (!f->f_inode)
		return -EINVAL;
	long err;
	if (cmd == F_GETLK || cmd == F_OFD_GETLK) {
		err = fcntl_getlk(f, cmd, &l);
		if (!err && copy_to_user(ul, &l, sizeof(l)))
			err = -EFAULT;
		return err;
	}
	return fcntl_setlk(f, cmd, &l);
}

/* flock's conflict: another file's exclusive lock, or any for LOCK_EX. */
static bool flock_conflict(struct file_lock_context *ctx, struct file *f,
			   int type)
{
	struct file_lock *fl;

	list_for_each_entry(fl, &ctx->flc_flock, fl_list)
		if (fl->fl_file != f && (type == F_WRLCK || fl->fl_type == F_WRLCK))
			return true;
	return false;
}

/* Drop f's flock lock (file_lock_lock held); whether it had one. */
static bool flock_remove(struct file_lock_context *ctx, struct file *f)
{
	struct file_lock *fl;

	list_for_each_entry(fl, &ctx->flc_flock, fl_list)
		if (fl->fl_file == f) {
			list_del(&fl->fl_list);
			kfree(fl);
			return true;
		}
	return false;
}

/*
 * flock (Linux's flock_lock_inode): a conversion first drops the old
 * lock (so a waiting converter lets others in, as on Linux), then
 * takes the new one or waits for it.
 */
long sys_flock(unsigned int fd, unsigned int cmd)
{
	struct file *f = fget(fd);

	if (!f)
		return -EBADF;
	unsigned int op = cmd & ~LOCK_NB;
	long err = 0;
	if (op != LOCK_SH && op != LOCK_EX && op != LOCK_UN) {
		err = -EINVAL;
		goto out;
	}
	if (!f->f_inode)
		goto out;		/* nothing to lock against */
	struct file_lock_context *ctx = get_ctx(f->f_inode);
	struct file_lock *new = op == LOCK_UN ? NULL :
				kmalloc(sizeof(*new), GFP_KERNEL);
	if (!ctx || (op != LOCK_UN && !new)) {
		kfree(new);
		if (ctx)
			put_ctx(f->f_inode, ctx);
		err = -ENOLCK;
		goto out;
	}
	int type = op == LOCK_EX ? F_WRLCK : F_RDLCK;
	spin_lock(&file_lock_lock);
	if (flock_remove(ctx, f))
		wake_up_all(&ctx->flc_wait);
	spin_unlock(&file_lock_lock);
	if (op == LOCK_UN)
		goto put;
	for (;;) {
		spin_lock(&file_lock_lock);
		if (!flock_conflict(ctx, f, type)) {
			*new = (struct file_lock){
				.fl_owner = f, .fl_file = f, .fl_type = type,
				.fl_flags = FL_FLOCK, .fl_pid = current->tgid,
				.fl_start = 0, .fl_end = OFFSET_MAX,
			};
			list_add_tail(&new->fl_list, &ctx->flc_flock);
			spin_unlock(&file_lock_lock);
			new = NULL;
			break;
		}
		spin_unlock(&file_lock_lock);
		if (cmd & LOCK_NB) {
			err = -EAGAIN;		/* EWOULDBLOCK */
			break;
		}
		if (wait_event_interruptible(ctx->flc_wait,
					     ({ spin_lock(&file_lock_lock);
						bool c = flock_conflict(ctx, f, type);
						spin_unlock(&file_lock_lock);
						!c; }))) {
			err = -ERESTARTSYS;
			break;
		}
	}
	kfree(new);
put:
	put_ctx(f->f_inode, ctx);
out:
	fput(f);
	return err;
}

/* close() of any descriptor of the file: owner's classic locks on it go
 * (Linux's locks_remove_posix).  Process context, before the fput. */
void locks_remove_posix(struct file *f, void *owner)
{
	struct inode *inode = f->f_inode;
	struct file_lock *fl, *tmp;
	bool any = false;

	if (!inode || !READ_ONCE(inode->i_flctx))
		return;			/* never locked: the common case */
	spin_lock(&file_lock_lock);
	struct file_lock_context *ctx = inode->i_flctx, *dead = NULL;
	if (ctx) {
		list_for_each_entry_safe(fl, tmp, &ctx->flc_posix, fl_list)
			if (fl->fl_owner == owner && !(fl->fl_flags & FL_OFD)) {
				list_del(&fl->fl_list);
				kfree(fl);
				any = true;
			}
		if (any)
			wake_up_all(&ctx->flc_wait);
		dead = ctx_release(inode, ctx);
	}
	spin_unlock(&file_lock_lock);
	kfree(dead);
}

/* The file's last reference: its flock and OFD locks go (Linux's
 * locks_remove_file). */
void locks_remove_file(struct file *f)
{
	struct inode *inode = f->f_inode;
	struct file_lock *fl, *tmp;
	bool any = false;

	if (!inode || !READ_ONCE(inode->i_flctx))
		return;
	spin_lock(&file_lock_lock);
	struct file_lock_context *ctx = inode->i_flctx, *dead = NULL;
	if (ctx) {
		list_for_each_entry_safe(fl, tmp, &ctx->flc_posix, fl_list)
			if (fl->fl_owner == f) {
				list_del(&fl->fl_list);
				kfree(fl);
				any = true;
			}
		any |= flock_remove(ctx, f);
		if (any)
			wake_up_all(&ctx->flc_wait);
		dead = ctx_release(inode, ctx);
	}
	spin_unlock(&file_lock_lock);
	kfree(dead);
}
