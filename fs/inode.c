/*
 * inode.c - allocating, referencing and freeing struct inode, the vfs_lock
 * and file times (Linux's fs/inode.c).
 *
 * An inode lives as long as something names it or uses it: i_nlink
 * counts the names (directory entries), i_count the users (open files,
 * working directories, a running exec).  It is freed when both are zero,
 * which is what keeps an unlinked file readable until its last close.
 *
 * Context: process context.  LOCKING: see vfs.h; iput() takes vfs_lock
 * itself, so it must be called without it (the _locked variant is for
 * code already holding it).
 */
#include "kernel/kernel.h"
#include "kernel/errno.h"
#include "kernel/mm.h"
#include "kernel/spinlock.h"
#include "kernel/time.h"
#include "fs/fs.h"
#include "fs/notify/fsnotify.h"

static DEFINE_SPINLOCK(vfs_spinlock);
struct super_block *root_sb;
static unsigned long anon_ino = 1;

void vfs_lock(void)
{
	spin_lock(&vfs_spinlock);
}

void vfs_unlock(void)
{
	spin_unlock(&vfs_spinlock);
}

/*
 * There is no battery clock yet, so "now" counts from boot; the times
 * still order events correctly, which is what make-like tools need.
 */
/* File times are wall-clock times (CLOCK_REALTIME), as on Linux. */
struct timespec64 current_time(void)
{
	return ns_to_timespec64(ktime_get_real_ns());
}

/* A change to the contents (mtime) or only to the inode (ctime). */
void inode_touch(struct inode *inode, bool mtime)
{
	struct timespec64 now = current_time();

	if (mtime)
		inode->i_mtime = now;
	inode->i_ctime = now;
}

/* Inodes have a cache of their own, as Linux's inode_cache: 296 bytes
 * from kmalloc would take a 512-byte object, and every socket, pipe and
 * eventfd has an inode. */
static struct kmem_cache *inode_cachep;

struct inode *new_inode(struct super_block *sb, umode_t mode)
{
	struct inode *inode = kmem_cache_zalloc(inode_cachep, GFP_KERNEL);

	if (!inode)
		return NULL;
	inode->i_mode = mode;
	inode_init_owner(inode, NULL);
	inode->i_sb = sb;
	inode->i_ino = sb ? sb->s_next_ino++ : anon_ino++;
	inode->i_atime = inode->i_mtime = inode->i_ctime = current_time();
	INIT_LIST_HEAD(&inode->i_dentries);
	INIT_LIST_HEAD(&inode->i_xattrs);
	mutex_init(&inode->i_rwsem);
	return inode;
}

struct inode *new_anon_inode(umode_t mode)
{
	struct inode *inode = new_inode(NULL, mode);

	if (inode)
		inode->i_count = 1;
	return inode;
}

struct inode *ihold(struct inode *inode)
{
	inode->i_count++;
	return inode;
}

/* Nobody names or uses it any more: give back its memory. */
void iput_locked(struct inode *inode);
static void evict(struct inode *inode)
{
	fsnotify_inode_delete(inode);	/* IN_DELETE_SELF; its watches go */
	if (inode->i_op && inode->i_op->setsize && S_ISREG(inode->i_mode))
		inode->i_op->setsize(inode, 0);
	if (inode->i_sb && inode->i_sb->evict_inode)
		inode->i_sb->evict_inode(inode);
	simple_xattrs_free(inode);
	locks_free_lock_context(inode);
	kfree(inode->i_pages);
	kfree(inode->i_link);
	kfree(inode->i_memfd_name);
	struct inode *parent = inode->i_parent;
	free_inode(inode);
	if (parent)
		iput_locked(parent);	/* the ".." reference */
}

/* Called with vfs_lock held. */
void iput_locked(struct inode *inode)
{
	BUG_ON(inode->i_count <= 0);
	if (--inode->i_count == 0 && inode->i_nlink == 0)
		evict(inode);
}

void iput(struct inode *inode)
{
	vfs_lock();
	iput_locked(inode);
	vfs_unlock();
}

/* An inode lost its last name (under vfs_lock): free it if unused. */
void inode_unlinked(struct inode *inode)
{
	if (inode->i_nlink == 0 && inode->i_count == 0)
		evict(inode);
}

/* Boot: mount the root ramfs and make /dev (Linux's vfs_caches_init and
 * init_rootfs); the initramfs is unpacked later, by init. */
/* An inode that never had a name or a reference (a failed mknod). */
void free_inode(struct inode *inode)
{
	kmem_cache_free(inode_cachep, inode);
}

void vfs_caches_init(void)
{
	inode_cachep = kmem_cache_create("inode_cache", sizeof(struct inode),
					 0, 0, NULL);
	if (!inode_cachep)
		panic("vfs: cannot make the inode cache");
	root_sb = ramfs_mount();
	if (!root_sb)
		panic("vfs: cannot mount the root ramfs");
	init_dev_nodes();
}
