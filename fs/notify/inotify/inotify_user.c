/*
 * inotify_user.c - inotify: file system events read from a descriptor
 * (Linux's fs/notify/inotify/inotify_user.c and inotify_fsnotify.c).
 *
 * inotify_init1 makes a group, behind a file; inotify_add_watch puts a
 * mark on an inode for a mask of events and returns its watch
 * descriptor (wd); the fsnotify hooks (fs/notify/fsnotify.c) hand the
 * group each event a mark wants, which is queued as a struct
 * inotify_event; read() takes whole events off the queue, and poll,
 * select and epoll see EPOLLIN while it holds any (the group's wait
 * queue is woken, so an epoll item's ep_poll_callback runs as for a
 * socket).  As Linux:
 *   - an event equal to the last one queued is not queued again;
 *   - a full queue (max_queued_events) gets one IN_Q_OVERFLOW (wd -1);
 *   - a watch that goes (inotify_rm_watch, IN_ONESHOT after its event,
 *     its inode freed after IN_DELETE_SELF) queues IN_IGNORED;
 *   - a name is NUL-padded to a multiple of 16 bytes, counted in len;
 *   - wds count up from 1 and are not reused;
 *   - a user has max_user_instances groups and max_user_watches
 *     watches (EMFILE, ENOSPC), /proc/sys/fs/inotify/.
 *
 * LOCKING: vfs_lock guards the marks and the per-user counts; a group's
 * lock guards its queue and is taken inside vfs_lock (the hooks) or
 * alone (read, poll, ioctl).  Events are copied to the user after the
 * lock is dropped.
 */
#include "kernel/kernel.h"
#include "kernel/errno.h"
#include "kernel/mm.h"
#include "kernel/sched.h"
#include "kernel/cred.h"
#include "kernel/wait.h"
#include "kernel/spinlock.h"
#include "kernel/string.h"
#include "kernel/syscalls.h"
#include "kernel/sysctl.h"
#include "kernel/ioctls.h"
#include "fs/fs.h"
#include "fs/vfs.h"
#include "fs/poll.h"
#include "fs/notify/fsnotify.h"
#include "arch/x86_64/uaccess.h"

/* The ABI (Linux's include/uapi/linux/inotify.h) */
#define IN_ALL_EVENTS	0x00000fff
#define IN_UNMOUNT	0x00002000
#define IN_Q_OVERFLOW	FS_Q_OVERFLOW
#define IN_IGNORED	FS_IN_IGNORED
#define IN_ONLYDIR	0x01000000	/* the path must be a directory */
#define IN_DONT_FOLLOW	0x02000000	/* a final symlink is watched itself */
#define IN_EXCL_UNLINK	0x04000000	/* always so here: fsnotify.h */
#define IN_MASK_CREATE	0x10000000	/* EEXIST if already watched */
#define IN_MASK_ADD	0x20000000	/* add to the mask, not replace it */
#define IN_ISDIR	FS_ISDIR
#define IN_ONESHOT	0x80000000	/* one event, then the watch goes */
#define IN_CLOEXEC	O_CLOEXEC
#define IN_NONBLOCK	O_NONBLOCK
#define ALL_INOTIFY_BITS (IN_ALL_EVENTS | IN_UNMOUNT | IN_Q_OVERFLOW | \
			  IN_IGNORED | IN_ONLYDIR | IN_DONT_FOLLOW | \
			  IN_EXCL_UNLINK | IN_MASK_CREATE | IN_MASK_ADD | \
			  IN_ISDIR | IN_ONESHOT)
/* What a watch keeps of the mask it was given. */
#define INOTIFY_USER_MASK (IN_ALL_EVENTS | IN_ONESHOT | IN_EXCL_UNLINK)

#define INT_MAX	0x7fffffff

struct inotify_event {			/* what read() returns */
	s32 wd;
	u32 mask;
	u32 cookie;
	u32 len;			/* of name, NUL padding included */
	/* char name[len]; */
};

/* /proc/sys/fs/inotify: Linux's defaults (max_user_watches is Linux's
 * least, what it gives a machine of this size). */
static int inotify_max_queued_events = 16384;
static int inotify_max_user_instances = 128;
static int inotify_max_user_watches = 8192;
const struct ctl_table fs_inotify_max_queued_events = {
	"max_queued_events", &inotify_max_queued_events, 1, 0, INT_MAX,
};
const struct ctl_table fs_inotify_max_user_instances = {
	"max_user_instances", &inotify_max_user_instances, 1, 0, INT_MAX,
};
const struct ctl_table fs_inotify_max_user_watches = {
	"max_user_watches", &inotify_max_user_watches, 1, 0, INT_MAX,
};

/* Groups and watches per user (Linux's ucounts), charged to the
 * effective uid of the caller of inotify_init1.  vfs_lock. */
struct inotify_ucounts {
	struct list_head list;
	unsigned int uid;
	int instances, watches;
};
static LIST_HEAD(inotify_ucounts_list);

/* A queued event (Linux's inotify_event_info). */
struct inotify_event_info {
	struct list_head list;		/* on the group's queue */
	s32 wd;
	u32 mask, cookie;
	int name_len;			/* without the NUL; 0: no name */
	char name[];
};

struct inotify_group {
	struct fsnotify_group fsn;	/* its marks (fsnotify.h) */
	spinlock_t lock;		/* the queue, q_len */
	wait_queue_head_t wq;		/* readers and pollers */
	struct list_head events;	/* the queue, oldest first */
	unsigned int q_len;		/* events on it */
	unsigned int max_events;	/* max_queued_events when made */
	struct inotify_event_info *overflow;	/* preallocated IN_Q_OVERFLOW */
	s32 last_wd;			/* the last wd handed out */
	bool shutdown;			/* being released: queue nothing */
	struct inotify_ucounts *uc;
};

/* An inotify watch. */
struct inotify_inode_mark {
	struct fsnotify_mark fsn;
	s32 wd;
};

static const struct file_operations inotify_fops;

#define INOTIFY_G(g) container_of(g, struct inotify_group, fsn)
#define INOTIFY_M(m) container_of(m, struct inotify_inode_mark, fsn)

/* What an event takes in read()'s buffer. */
static size_t event_size(const struct inotify_event_info *ev)
{
	size_t name = ev->name_len ? ALIGN_UP(ev->name_len + 1, sizeof(struct inotify_event)) : 0;

	return sizeof(struct inotify_event) + name;
}

/* Linux's inotify_merge: the same as the last event queued? */
static bool event_compare(const struct inotify_event_info *old,
			  const struct inotify_event_info *new)
{
	if (old->mask & IN_IGNORED)
		return false;
	return old->mask == new->mask && old->wd == new->wd &&
	       old->name_len == new->name_len &&
	       (!old->name_len || !memcmp(old->name, new->name, old->name_len));
}

/* Queue ev (NULL: it could not be allocated), or drop it as a repeat,
 * or queue the overflow event instead when the queue is full (Linux's
 * fsnotify_insert_event).  vfs_lock held. */
static void inotify_insert_event(struct inotify_group *g, struct inotify_event_info *ev)
{
	spin_lock(&g->lock);
	if (!ev || g->q_len >= g->max_events) {
		kfree(ev);
		if (!list_empty(&g->overflow->list)) {
			spin_unlock(&g->lock);
			return;
		}
		ev = g->overflow;
	} else if (!list_empty(&g->events) &&
		   event_compare(list_entry(g->events.prev, struct inotify_event_info, list), ev)) {
		spin_unlock(&g->lock);
		kfree(ev);
		return;
	}
	list_add_tail(&ev->list, &g->events);
	g->q_len++;
	spin_unlock(&g->lock);
	wake_up_poll(&g->wq, EPOLLIN | EPOLLRDNORM);
}

static void inotify_queue(struct inotify_group *g, s32 wd, u32 mask, u32 cookie,
			  const char *name, int len)
{
	if (g->shutdown)
		return;
	struct inotify_event_info *ev = kmalloc(sizeof(*ev) + len + 1, GFP_KERNEL);
	if (ev) {
		*ev = (struct inotify_event_info){
			.wd = wd, .mask = mask, .cookie = cookie, .name_len = len,
		};
		memcpy(ev->name, name, len);
		ev->name[len] = 0;
	}
	inotify_insert_event(g, ev);
}

/* fsnotify_ops: an event for a watch (Linux's inotify_handle_inode_event). */
static bool inotify_handle_inode_event(struct fsnotify_mark *mark, u32 mask,
				       const char *name, int len, u32 cookie)
{
	struct inotify_group *g = INOTIFY_G(mark->group);

	/* inotify never reported IN_ISDIR with these two; Linux keeps it so. */
	if (mask & (FS_MOVE_SELF | FS_DELETE_SELF))
		mask &= ~FS_ISDIR;
	inotify_queue(g, INOTIFY_M(mark)->wd, mask, cookie, name ? name : "", name ? len : 0);
	if (mark->mask & IN_ONESHOT) {
		fsnotify_destroy_mark(mark);
		return true;
	}
	return false;
}

/* fsnotify_ops: the watch is gone; IN_IGNORED says so. */
static void inotify_freeing_mark(struct fsnotify_mark *mark)
{
	struct inotify_group *g = INOTIFY_G(mark->group);

	inotify_queue(g, INOTIFY_M(mark)->wd, IN_IGNORED, 0, "", 0);
	g->uc->watches--;
	kfree(INOTIFY_M(mark));
}

static const struct fsnotify_ops inotify_fsnotify_ops = {
	.handle_inode_event = inotify_handle_inode_event,
	.freeing_mark = inotify_freeing_mark,
};

/* --- the file --- */

/* The first event if it fits in room, taken off the queue; NULL if
 * there is none; ERR_PTR(-EINVAL) if it does not fit. */
static struct inotify_event_info *get_one_event(struct inotify_group *g, size_t room)
{
	struct inotify_event_info *ev = NULL;

	spin_lock(&g->lock);
	if (!list_empty(&g->events)) {
		ev = list_first_entry(&g->events, struct inotify_event_info, list);
		if (event_size(ev) > room) {
			ev = ERR_PTR(-EINVAL);
		} else {
			list_del_init(&ev->list);
			g->q_len--;
		}
	}
	spin_unlock(&g->lock);
	return ev;
}

/* ev as read() returns it, at buf; then freed (the overflow event is
 * the group's, kept for the next time). */
static int copy_event_to_user(struct inotify_group *g, struct inotify_event_info *ev,
			      char __user *buf)
{
	char out[sizeof(struct inotify_event) + NAME_MAX + 1 + sizeof(struct inotify_event)];
	size_t size = event_size(ev);
	struct inotify_event e = {
		.wd = ev->wd, .mask = ev->mask, .cookie = ev->cookie,
		.len = size - sizeof(e),
	};

	memset(out, 0, size);
	memcpy(out, &e, sizeof(e));
	memcpy(out + sizeof(e), ev->name, ev->name_len);
	if (ev != g->overflow)
		kfree(ev);
	return copy_to_user(buf, out, size) ? -EFAULT : 0;
}

static ssize_t inotify_read(struct file *f, char __user *buf, size_t count,
			    loff_t *pos)
{
	struct inotify_group *g = f->private_data;
	size_t done = 0;

	(void)pos;
	for (;;) {
		struct inotify_event_info *ev = get_one_event(g, count - done);
		if (IS_ERR(ev))
			return done ? (ssize_t)done : PTR_ERR(ev);
		if (ev) {
			size_t size = event_size(ev);
			if (copy_event_to_user(g, ev, buf + done))
				return done ? (ssize_t)done : -EFAULT;
			done += size;
			continue;
		}
		if (done)
			return done;
		if (f->f_flags & O_NONBLOCK)
			return -EAGAIN;
		if (wait_event_interruptible(g->wq, !list_empty(&g->events)))
			return -ERESTARTSYS;
	}
}

static __poll_t inotify_poll(struct file *f, poll_table *pt)
{
	struct inotify_group *g = f->private_data;
	__poll_t mask = 0;

	poll_wait(f, &g->wq, pt);
	spin_lock(&g->lock);
	if (!list_empty(&g->events))
		mask = EPOLLIN | EPOLLRDNORM;
	spin_unlock(&g->lock);
	return mask;
}

/* FIONREAD: the bytes the queued events take in read()'s buffer. */
static long inotify_ioctl(struct file *f, unsigned int cmd, unsigned long arg)
{
	struct inotify_group *g = f->private_data;
	struct inotify_event_info *ev;
	int bytes = 0;

	if (cmd != FIONREAD)
		return -ENOTTY;
	spin_lock(&g->lock);
	list_for_each_entry(ev, &g->events, list)
		bytes += event_size(ev);
	spin_unlock(&g->lock);
	return put_user(bytes, (int __user *)arg);
}

/* A user's counts go with its last instance (its watches are gone by
 * then: they belong to the instances), as Linux's put_ucounts: a count
 * kept for every uid that ever made one would be an object per uid that
 * never comes back.  vfs_lock held. */
static void inotify_ucounts_put(struct inotify_ucounts *uc)
{
	if (uc->instances || uc->watches)
		return;
	list_del(&uc->list);
	kfree(uc);
}

/* The group goes: its watches first (no IN_IGNORED now), then the
 * queue.  Nothing can queue once the marks are gone. */
static void inotify_free_group(struct inotify_group *g)
{
	struct inotify_event_info *ev, *next;

	vfs_lock();
	g->shutdown = true;
	while (!list_empty(&g->fsn.marks))
		fsnotify_destroy_mark(list_first_entry(&g->fsn.marks,
						       struct fsnotify_mark, g_list));
	g->uc->instances--;
	inotify_ucounts_put(g->uc);
	vfs_unlock();
	list_for_each_entry_safe(ev, next, &g->events, list)
		if (ev != g->overflow)
			kfree(ev);
	kfree(g->overflow);
	kfree(g);
}

static int inotify_release(struct file *f)
{
	inotify_free_group(f->private_data);
	return 0;
}

static const struct file_operations inotify_fops = {
	.llseek = noop_llseek,
	.read = inotify_read,
	.poll = inotify_poll,
	.unlocked_ioctl = inotify_ioctl,
	.release = inotify_release,
};

/* --- the system calls --- */

/* The caller's counts, made on first use; NULL if out of memory.
 * vfs_lock held. */
static struct inotify_ucounts *inotify_ucounts_get(unsigned int uid)
{
	struct inotify_ucounts *uc;

	list_for_each_entry(uc, &inotify_ucounts_list, list)
		if (uc->uid == uid)
			return uc;
	uc = kzalloc(sizeof(*uc), GFP_KERNEL);
	if (uc) {
		uc->uid = uid;
		list_add(&uc->list, &inotify_ucounts_list);
	}
	return uc;
}

long sys_inotify_init1(int flags)
{
	if (flags & ~(IN_CLOEXEC | IN_NONBLOCK))
		return -EINVAL;
	struct inotify_group *g = kzalloc(sizeof(*g), GFP_KERNEL);
	struct inotify_event_info *ov = kzalloc(sizeof(*ov) + 1, GFP_KERNEL);
	if (!g || !ov) {
		kfree(g);
		kfree(ov);
		return -ENOMEM;
	}
	*ov = (struct inotify_event_info){ .wd = -1, .mask = IN_Q_OVERFLOW };
	INIT_LIST_HEAD(&ov->list);
	g->overflow = ov;
	g->fsn.ops = &inotify_fsnotify_ops;
	INIT_LIST_HEAD(&g->fsn.marks);
	spin_lock_init(&g->lock);
	init_waitqueue_head(&g->wq);
	INIT_LIST_HEAD(&g->events);

	long err = 0;
	vfs_lock();
	g->max_events = inotify_max_queued_events;
	g->uc = inotify_ucounts_get(current_euid());
	if (!g->uc)
		err = -ENOMEM;
	else if (g->uc->instances >= inotify_max_user_instances)
		err = -EMFILE;
	else
		g->uc->instances++;
	if (err == -EMFILE)
		inotify_ucounts_put(g->uc);	/* made just now, perhaps */
	vfs_unlock();
	if (err) {
		kfree(ov);
		kfree(g);
		return err;
	}
	struct file *f = alloc_file(&inotify_fops, g, O_RDONLY | (flags & IN_NONBLOCK),
				    "anon_inode:inotify");
	if (IS_ERR(f)) {
		inotify_free_group(g);
		return PTR_ERR(f);
	}
	int fd = fd_install_new(f, flags & IN_CLOEXEC);
	if (fd < 0)
		fput(f);
	return fd;
}

long sys_inotify_init(void)
{
	return sys_inotify_init1(0);
}

/* The inotify group behind fd, with a reference: ERR_PTR(-EBADF) or
 * (another kind of file) ERR_PTR(-EINVAL). */
static struct file *inotify_fget(int fd)
{
	struct file *f = fget(fd);

	if (!f)
		return ERR_PTR(-EBADF);
	if (f->f_op != &inotify_fops) {
		fput(f);
		return ERR_PTR(-EINVAL);
	}
	return f;
}

/* g's watch on inode, or NULL.  vfs_lock held. */
static struct inotify_inode_mark *find_mark(struct inotify_group *g, struct inode *inode)
{
	struct fsnotify_mark *m;

	list_for_each_entry(m, &g->fsn.marks, g_list)
		if (m->inode == inode)
			return INOTIFY_M(m);
	return NULL;
}

/* Linux's inotify_update_watch: change g's watch on inode, or make
 * one.  Returns its wd.  vfs_lock held. */
static long inotify_update_watch(struct inotify_group *g, struct inode *inode, u32 arg)
{
	struct inotify_inode_mark *im = find_mark(g, inode);

	if (im) {
		if (arg & IN_MASK_CREATE)
			return -EEXIST;
		if (!(arg & IN_MASK_ADD))
			im->fsn.mask = 0;
		im->fsn.mask |= arg & INOTIFY_USER_MASK;
		return im->wd;
	}
	if (g->uc->watches >= inotify_max_user_watches)
		return -ENOSPC;
	im = kzalloc(sizeof(*im), GFP_KERNEL);
	if (!im)
		return -ENOMEM;
	im->fsn.group = &g->fsn;
	im->fsn.inode = inode;
	im->fsn.mask = arg & INOTIFY_USER_MASK;
	im->wd = ++g->last_wd;
	g->uc->watches++;
	fsnotify_add_mark(&im->fsn);
	return im->wd;
}

long sys_inotify_add_watch(int fd, const char __user *pathname, u32 mask)
{
	/* Linux's order of checks (6.18's: the descriptor comes before
	 * IN_MASK_ADD with IN_MASK_CREATE). */
	if (!(mask & ALL_INOTIFY_BITS))
		return -EINVAL;
	struct file *f = inotify_fget(fd);
	if (IS_ERR(f))
		return PTR_ERR(f);
	if ((mask & IN_MASK_ADD) && (mask & IN_MASK_CREATE)) {
		fput(f);
		return -EINVAL;
	}
	unsigned lookup = (mask & IN_DONT_FOLLOW ? 0 : LOOKUP_FOLLOW) |
			  (mask & IN_ONLYDIR ? LOOKUP_DIRECTORY : 0);
	char *name = getname(pathname, false);
	long ret = PTR_ERR(name);
	if (!IS_ERR(name)) {
		struct inode *inode;
		vfs_lock();
		ret = filename_lookup(current_pwd(), name, lookup, &inode);
		if (!ret)
			ret = inode_permission(inode, MAY_READ);
		if (!ret)
			ret = inotify_update_watch(f->private_data, inode, mask);
		vfs_unlock();
		putname(name);
	}
	fput(f);
	return ret;
}

long sys_inotify_rm_watch(int fd, s32 wd)
{
	struct file *f = inotify_fget(fd);
	if (IS_ERR(f))
		return PTR_ERR(f);
	struct inotify_group *g = f->private_data;
	struct fsnotify_mark *m;
	long ret = -EINVAL;
	vfs_lock();
	list_for_each_entry(m, &g->fsn.marks, g_list) {
		if (INOTIFY_M(m)->wd == wd) {
			fsnotify_destroy_mark(m);
			ret = 0;
			break;
		}
	}
	vfs_unlock();
	fput(f);
	return ret;
}
