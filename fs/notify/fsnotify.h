/*
 * fsnotify.h - the file system's events, and the hooks the VFS calls
 * to report them (Linux's include/linux/fsnotify.h and
 * fsnotify_backend.h, in miniature).  inotify (fs/notify/inotify/) is
 * the one listener; the hooks do not know it.
 *
 * A mark says "this group wants these events on this inode".  A VFS
 * operation calls the hook that describes it (fsnotify_create in
 * create, fsnotify_modify after a write ...); the hook finds the marks
 * on the inode it touched, and on the directory that holds it (the
 * events a directory watch reports about its children, with the
 * child's name), and hands the event to each mark's group.
 *
 * Linux finds a child's directory through the dentry the file was
 * opened by.  There are no dentries here: a directory mark that watches
 * its children looks the child up among its entries instead.  One
 * consequence: a child already unlinked is found in no directory, so
 * its events reach only its own marks, as if every watch had Linux's
 * IN_EXCL_UNLINK.
 *
 * LOCKING: vfs_lock guards the marks (the list of all of them, and each
 * mark's fields); the namespace hooks are called with it held, the
 * file hooks (open, read, write, close) without it and take it
 * themselves.  A group queues events under its own lock, inside
 * vfs_lock.
 */
#ifndef FS_NOTIFY_FSNOTIFY_H
#define FS_NOTIFY_FSNOTIFY_H

#include "kernel/types.h"
#include "kernel/list.h"

struct inode;
struct file;

/* The events (Linux's FS_* are inotify's IN_* values). */
#define FS_ACCESS		0x00000001	/* read */
#define FS_MODIFY		0x00000002	/* written, truncated */
#define FS_ATTRIB		0x00000004	/* mode, owner, times, links, xattrs */
#define FS_CLOSE_WRITE		0x00000008
#define FS_CLOSE_NOWRITE	0x00000010
#define FS_OPEN			0x00000020
#define FS_MOVED_FROM		0x00000040	/* a name left this directory */
#define FS_MOVED_TO		0x00000080	/* a name came in */
#define FS_CREATE		0x00000100
#define FS_DELETE		0x00000200
#define FS_DELETE_SELF		0x00000400	/* the watched inode is gone */
#define FS_MOVE_SELF		0x00000800	/* the watched inode was renamed */
#define FS_Q_OVERFLOW		0x00004000
#define FS_IN_IGNORED		0x00008000	/* the mark was removed */
#define FS_ISDIR		0x40000000	/* the subject is a directory */

/* What a directory mark may hear about its children (Linux's
 * FS_EVENTS_POSS_ON_CHILD). */
#define FS_EVENTS_POSS_ON_CHILD	(FS_ACCESS | FS_MODIFY | FS_ATTRIB | \
				 FS_CLOSE_WRITE | FS_CLOSE_NOWRITE | FS_OPEN)

struct fsnotify_group;
struct fsnotify_mark;

/* What a kind of listener does with an event (Linux's
 * fsnotify_ops.handle_inode_event).  vfs_lock held.  name is the
 * child's (NULL for an event on the marked inode itself).  Returns
 * true if it destroyed the mark (inotify's IN_ONESHOT). */
struct fsnotify_ops {
	bool (*handle_inode_event)(struct fsnotify_mark *mark, u32 mask,
				   const char *name, int name_len, u32 cookie);
	/* The mark is gone (removed, or its inode freed): after the last
	 * event it will ever get.  vfs_lock held. */
	void (*freeing_mark)(struct fsnotify_mark *mark);
};

/* One listener's interest in one inode (inotify: a watch). */
struct fsnotify_mark {
	struct list_head m_list;	/* on fsnotify_marks: all of them */
	struct list_head g_list;	/* on the group's list */
	struct fsnotify_group *group;
	struct inode *inode;		/* no reference: see fsnotify_inode_delete */
	u32 mask;			/* FS_* wanted, and inotify's flags */
};

struct fsnotify_group {
	const struct fsnotify_ops *ops;
	struct list_head marks;		/* its fsnotify_marks (vfs_lock) */
};

/* --- fs/notify/fsnotify.c --- */
/* Whether any mark exists: the hooks' fast path, read without a lock
 * (a mark added meanwhile misses at most an event under way). */
extern int fsnotify_nr_marks;
/* Hang mark (group, inode and mask set) on its inode; vfs_lock held. */
void fsnotify_add_mark(struct fsnotify_mark *mark);
/* Take it off again; the group's freeing_mark runs.  vfs_lock held. */
void fsnotify_destroy_mark(struct fsnotify_mark *mark);
/* Report mask on inode: to its marks, and with name to the marks of
 * dir, the directory that holds it under that name (NULL: look for
 * one, for the FS_EVENTS_POSS_ON_CHILD kind).  vfs_lock held. */
void fsnotify(struct inode *inode, u32 mask, struct inode *dir,
	      const char *name, int name_len, u32 cookie);
/* Report mask on dir itself about its entry name (create, delete,
 * moves): the directory's own marks only.  vfs_lock held. */
void fsnotify_name(struct inode *dir, u32 mask, const char *name,
		   int name_len, u32 cookie);
/* The inode is being freed (vfs_lock held): FS_DELETE_SELF to its
 * marks, which then go.  Linux sends it when the last name of an inode
 * nobody uses goes; here that is when the inode is freed. */
void fsnotify_inode_delete(struct inode *inode);
/* A cookie pairing a rename's MOVED_FROM and MOVED_TO (vfs_lock held). */
u32 fsnotify_get_cookie(void);

/* --- the hooks, as Linux's include/linux/fsnotify.h names them --- */
/* Namespace changes: vfs_lock held. */
void fsnotify_create(struct inode *dir, const char *name, int len);
void fsnotify_mkdir(struct inode *dir, const char *name, int len);
void fsnotify_link(struct inode *dir, struct inode *inode, const char *name,
		   int len);
/* Before the name goes: inode's link count drops (FS_ATTRIB); after:
 * fsnotify_delete on the directory. */
void fsnotify_link_count(struct inode *inode);
void fsnotify_delete(struct inode *dir, bool isdir, const char *name, int len);
void fsnotify_move(struct inode *old_dir, const char *old_name, int old_len,
		   struct inode *new_dir, const char *new_name, int new_len,
		   struct inode *source, struct inode *target);
/* Metadata: FS_ATTRIB, or what an inode change amounts to (Linux's
 * fsnotify_change).  vfs_lock held. */
void fsnotify_inode_event(struct inode *inode, u32 mask);
/* Files: called without vfs_lock. */
void fsnotify_open(struct file *f);
void fsnotify_access(struct file *f);
void fsnotify_modify(struct file *f);
void fsnotify_close(struct file *f);

#endif
