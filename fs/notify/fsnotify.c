/*
 * fsnotify.c - delivering file system events to the marks that want
 * them (Linux's fs/notify/fsnotify.c and mark.c, in miniature).  The
 * hooks the VFS calls are at the bottom; fsnotify.h says what each
 * means and which lock its caller holds.
 *
 * All marks are on one list.  Linux hangs them on their inode
 * (i_fsnotify_marks) and finds a child's directory through its dentry;
 * here a directory's marks find their children by looking through the
 * directory's entries, which needs the list of all directory marks
 * anyway, so one list serves both.  Watches are few; with none, every
 * hook returns at its first test.
 *
 * LOCKING: vfs_lock, for the list and the marks (fsnotify.h).
 */
#include "kernel/kernel.h"
#include "fs/fs.h"
#include "fs/vfs.h"
#include "fs/notify/fsnotify.h"

static LIST_HEAD(fsnotify_marks);
int fsnotify_nr_marks;
static u32 fsnotify_sync_cookie;

void fsnotify_add_mark(struct fsnotify_mark *mark)
{
	list_add_tail(&mark->m_list, &fsnotify_marks);
	list_add_tail(&mark->g_list, &mark->group->marks);
	WRITE_ONCE(fsnotify_nr_marks, fsnotify_nr_marks + 1);
}

void fsnotify_destroy_mark(struct fsnotify_mark *mark)
{
	list_del(&mark->m_list);
	list_del(&mark->g_list);
	WRITE_ONCE(fsnotify_nr_marks, fsnotify_nr_marks - 1);
	mark->group->ops->freeing_mark(mark);
}

u32 fsnotify_get_cookie(void)
{
	return ++fsnotify_sync_cookie;
}

/* Hand one event to mark if it asks for that kind.  The group may
 * destroy the mark meanwhile (IN_ONESHOT: true is returned, and mark
 * is freed), so callers walk the list safely. */
static bool send_to_mark(struct fsnotify_mark *mark, u32 mask,
			 const char *name, int len, u32 cookie)
{
	if (!(mark->mask & mask & ~FS_ISDIR))
		return false;
	return mark->group->ops->handle_inode_event(mark, mask, name, len, cookie);
}

/* The marks on inode itself. */
static void send_to_inode(struct inode *inode, u32 mask, const char *name,
			  int len, u32 cookie)
{
	struct fsnotify_mark *mark, *next;

	list_for_each_entry_safe(mark, next, &fsnotify_marks, m_list)
		if (mark->inode == inode)
			send_to_mark(mark, mask, name, len, cookie);
}

/* inode's name in dir, or NULL (vfs_lock held). */
static struct ramfs_dirent *child_name(struct inode *dir, struct inode *inode)
{
	struct ramfs_dirent *de;

	list_for_each_entry(de, &dir->i_dentries, d_child)
		if (de->d_inode == inode)
			return de;
	return NULL;
}

/* The marks of the directories that hold inode, each told the name
 * (Linux's fsnotify_parent).  Linux reports only events possible on a
 * child this way. */
static void send_to_parents(struct inode *inode, u32 mask)
{
	struct fsnotify_mark *mark, *next;

	list_for_each_entry_safe(mark, next, &fsnotify_marks, m_list) {
		if (!S_ISDIR(mark->inode->i_mode) || mark->inode == inode ||
		    !(mark->mask & mask & ~FS_ISDIR))
			continue;
		struct ramfs_dirent *de = child_name(mark->inode, inode);
		if (de)
			send_to_mark(mark, mask, de->d_name, de->d_len, 0);
	}
}

void fsnotify(struct inode *inode, u32 mask, struct inode *dir,
	      const char *name, int name_len, u32 cookie)
{
	if (!fsnotify_nr_marks)
		return;
	if (S_ISDIR(inode->i_mode))
		mask |= FS_ISDIR;
	/* A directory that watches its children hears first, with the
	 * name; then the child's own marks, without (Linux's order). */
	if (mask & FS_EVENTS_POSS_ON_CHILD) {
		if (dir)
			send_to_inode(dir, mask, name, name_len, 0);
		else
			send_to_parents(inode, mask);
	}
	send_to_inode(inode, mask, NULL, 0, cookie);
}

void fsnotify_name(struct inode *dir, u32 mask, const char *name,
		   int name_len, u32 cookie)
{
	if (fsnotify_nr_marks)
		send_to_inode(dir, mask, name, name_len, cookie);
}

void fsnotify_inode_delete(struct inode *inode)
{
	struct fsnotify_mark *mark, *next;

	if (!fsnotify_nr_marks)
		return;
	list_for_each_entry_safe(mark, next, &fsnotify_marks, m_list) {
		if (mark->inode != inode)
			continue;
		/* (inotify never sets IN_ISDIR on DELETE_SELF.)  A oneshot
		 * mark goes with the event itself. */
		if (!send_to_mark(mark, FS_DELETE_SELF, NULL, 0, 0))
			fsnotify_destroy_mark(mark);
	}
}

/* --- the hooks --- */

void fsnotify_create(struct inode *dir, const char *name, int len)
{
	fsnotify_name(dir, FS_CREATE, name, len, 0);
}

void fsnotify_mkdir(struct inode *dir, const char *name, int len)
{
	fsnotify_name(dir, FS_CREATE | FS_ISDIR, name, len, 0);
}

void fsnotify_link_count(struct inode *inode)
{
	if (fsnotify_nr_marks)
		send_to_inode(inode, FS_ATTRIB | (S_ISDIR(inode->i_mode) ? FS_ISDIR : 0),
			      NULL, 0, 0);
}

void fsnotify_link(struct inode *dir, struct inode *inode, const char *name,
		   int len)
{
	fsnotify_link_count(inode);
	fsnotify_name(dir, FS_CREATE, name, len, 0);
}

void fsnotify_delete(struct inode *dir, bool isdir, const char *name, int len)
{
	fsnotify_name(dir, FS_DELETE | (isdir ? FS_ISDIR : 0), name, len, 0);
}

/* Linux's fsnotify_move: the two names with one cookie, the replaced
 * inode's link count, then the moved inode itself. */
void fsnotify_move(struct inode *old_dir, const char *old_name, int old_len,
		   struct inode *new_dir, const char *new_name, int new_len,
		   struct inode *source, struct inode *target)
{
	if (!fsnotify_nr_marks)
		return;
	u32 isdir = S_ISDIR(source->i_mode) ? FS_ISDIR : 0;
	u32 cookie = fsnotify_get_cookie();
	send_to_inode(old_dir, FS_MOVED_FROM | isdir, old_name, old_len, cookie);
	send_to_inode(new_dir, FS_MOVED_TO | isdir, new_name, new_len, cookie);
	if (target)
		fsnotify_link_count(target);
	/* inotify never sets IN_ISDIR on MOVE_SELF. */
	send_to_inode(source, FS_MOVE_SELF, NULL, 0, 0);
}

void fsnotify_inode_event(struct inode *inode, u32 mask)
{
	fsnotify(inode, mask, NULL, NULL, 0, 0);
}

/* A file event: under vfs_lock, taken here. */
static void fsnotify_file(struct file *f, u32 mask)
{
	if (!READ_ONCE(fsnotify_nr_marks) || !f->f_inode || (f->f_mode & FMODE_PATH))
		return;
	vfs_lock();
	fsnotify(f->f_inode, mask, NULL, NULL, 0, 0);
	vfs_unlock();
}

void fsnotify_open(struct file *f)
{
	fsnotify_file(f, FS_OPEN);
}

void fsnotify_access(struct file *f)
{
	fsnotify_file(f, FS_ACCESS);
}

void fsnotify_modify(struct file *f)
{
	fsnotify_file(f, FS_MODIFY);
}

/* Only a file open() made is closed in Linux's sense (FMODE_OPENED). */
void fsnotify_close(struct file *f)
{
	if (f->f_mode & FMODE_OPENED)
		fsnotify_file(f, f->f_mode & FMODE_WRITE ? FS_CLOSE_WRITE :
							   FS_CLOSE_NOWRITE);
}
