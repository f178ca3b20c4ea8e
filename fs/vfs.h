/*
 * vfs.h - the objects of the filesystem proper: struct inode, struct
 * super_block, the directory entries of the one filesystem (ramfs), path
 * lookup and the vfs_* operations (Linux's include/linux/fs.h and namei.h,
 * in miniature).
 *
 * There is one filesystem, a ramfs mounted at "/" and filled at boot from
 * the initramfs archive.  Linux keeps names in a dentry cache in front of
 * every filesystem; here a ramfs directory simply holds a list of
 * struct ramfs_dirent (name -> inode), and a directory inode points to its
 * parent (a directory has exactly one name, so ".." and getcwd() need no
 * dentries).
 *
 * LOCKING: one lock, vfs_lock, a spinlock, protects the whole namespace
 * and every ramfs inode's contents (entries, data pages, size, mode,
 * times, i_nlink and i_count) against every CPU: the lock word keeps the
 * others out, and preemption is off while it is held.  Nothing done
 * under it sleeps (ramfs allocates without sleeping) and nothing under
 * it touches user memory (the user-copy rule, kernel/spinlock.h, with
 * no exception): reads and writes pin a page under it and copy after
 * dropping it, with the inode's i_rwsem (a mutex) held across a whole
 * write; readlink copies the target to a kernel buffer first.  Device
 * reads and writes (which may sleep) run without it.  Lookups need no
 * references while the lock is held: nothing can be freed under them.
 * An inode kept past vfs_unlock() (by an open file, a cwd, an exec)
 * holds a reference (ihold / iput).
 */
#ifndef FS_VFS_H
#define FS_VFS_H

#include "kernel/timekeeping.h"
#include "kernel/types.h"
#include "kernel/list.h"
#include "kernel/mutex.h"

struct page;

/* i_mode: the file type bits and permissions (Linux's values) */
#define S_IFMT		0170000
#define S_IFSOCK	0140000
#define S_IFLNK		0120000
#define S_IFREG		0100000
#define S_IFDIR		0040000
#define S_IFBLK		0060000
#define S_IFCHR		0020000
#define S_IFIFO		0010000
#define S_ISREG(m)	(((m) & S_IFMT) == S_IFREG)
#define S_ISDIR(m)	(((m) & S_IFMT) == S_IFDIR)
#define S_ISLNK(m)	(((m) & S_IFMT) == S_IFLNK)
#define S_ISCHR(m)	(((m) & S_IFMT) == S_IFCHR)
#define S_ISSOCK(m)	(((m) & S_IFMT) == S_IFSOCK)
#define S_IALLUGO	07777
#define S_ISUID		04000		/* exec runs as the file's owner */
#define S_ISGID		02000		/* ...as its group; dirs: new files' group */
#define S_ISVTX		01000		/* dirs: only owners delete (sticky) */
#define S_IXGRP		00010
#define S_IXUGO		00111
#define S_ISFIFO(m)	(((m) & S_IFMT) == S_IFIFO)

/* inode_permission()'s mask: what the caller wants to do (Linux's). */
#define MAY_EXEC	0x1
#define MAY_WRITE	0x2
#define MAY_READ	0x4

#define NAME_MAX	255		/* one component, without the NUL */
#define PATH_MAX	4096		/* a whole path, with the NUL */
#define MAXSYMLINKS	40		/* links followed in one lookup */
#define AT_FDCWD	-100

/* d_type values of getdents64 (S_IFMT >> 12) */
#define DT_UNKNOWN	0
#define DT_DIR		4
#define DT_REG		8


struct inode_operations;
struct super_block;

/* One file of any type.  All fields under vfs_lock. */
struct inode {
	umode_t i_mode;			/* S_IF* type | permission bits */
	unsigned int i_uid, i_gid;	/* owner and group (kernel/cred.h) */
	unsigned int i_nlink;		/* names (dirs: 2 + subdirectories) */
	unsigned long i_ino;		/* number, unique in the super_block */
	loff_t i_size;			/* bytes (symlink: target length) */
	dev_t i_rdev;			/* device nodes: major << 8 | minor */
	struct timespec64 i_atime, i_mtime, i_ctime;
	int i_count;			/* references beyond the names */
	const struct inode_operations *i_op;
	const struct file_operations *i_fop;	/* given to struct file at open */
	struct super_block *i_sb;	/* NULL for pipes' anonymous inodes */
	/* ramfs's own state (Linux has i_mapping and the dentry cache) */
	struct page **i_pages;		/* regular: data pages, NULL = hole */
	unsigned long i_npages;		/* slots in i_pages */
	struct list_head i_dentries;	/* directory: its ramfs_dirents */
	struct inode *i_parent;		/* directory: the one containing it */
	u64 i_dir_seq;			/* directory: next entry's d_off */
	char *i_link;			/* symlink: the target, NUL-terminated */
	void *i_private;		/* the owner's (pipes: the pipe) */
	/* Regular files: held by a write from start to end, across its
	 * user copies (which may fault, so not under vfs_lock), so that
	 * writes, O_APPEND ones above all, do not interleave.  Linux's is
	 * a rw_semaphore; readers here need only vfs_lock, page by page. */
	struct mutex i_rwsem;
	struct list_head i_xattrs;	/* ramfs: struct simple_xattr (fs/xattr.c) */
	struct file_lock_context *i_flctx;	/* flock/fcntl locks (fs/locks.c) */
	/* memfds (fs/memfd.c), under vfs_lock */
	char *i_memfd_name;		/* "/memfd:NAME (deleted)"; NULL for
					 * any other file */
	unsigned int i_seals;		/* F_SEAL_* */
	int i_mmap_writable;		/* VMAs mapping it shared and
					 * writable (kernel/mmap.c) */
};

/* A name in a ramfs directory. */
struct ramfs_dirent {
	struct list_head d_child;	/* on the directory's i_dentries */
	struct inode *d_inode;		/* what the name refers to */
	u64 d_off;			/* its getdents position, never reused */
	unsigned int d_len;
	char d_name[];			/* NUL-terminated */
};

/* The one mounted filesystem. */
struct super_block {
	struct inode *s_root;		/* "/" */
	unsigned long s_next_ino;	/* the next inode number to hand out */
	const char *s_type;		/* "ramfs" */
	/* The filesystem's own state of an inode about to be freed
	 * (vfs_lock held); NULL if it keeps none. */
	void (*evict_inode)(struct inode *inode);
};

/*
 * What a directory inode can do.  dir is locked (vfs_lock), the name is
 * not "." or "..", and the caller has checked existence as the call
 * requires (create/mkdir/mknod/symlink/link: absent; unlink/rmdir:
 * present).
 */
struct inode_operations {
	struct inode *(*lookup)(struct inode *dir, const char *name, int len);
	int (*create)(struct inode *dir, const char *name, int len,
		      umode_t mode, struct inode **res);
	int (*mkdir)(struct inode *dir, const char *name, int len, umode_t mode);
	int (*mknod)(struct inode *dir, const char *name, int len, umode_t mode,
		     dev_t rdev);
	int (*symlink)(struct inode *dir, const char *name, int len,
		       const char *target);
	int (*link)(struct inode *old, struct inode *dir, const char *name,
		    int len);
	int (*unlink)(struct inode *dir, const char *name, int len);
	int (*rmdir)(struct inode *dir, const char *name, int len);
	int (*rename)(struct inode *odir, const char *oname, int olen,
		      struct inode *ndir, const char *nname, int nlen);
	/* Regular files: change the size (truncate, O_TRUNC). */
	int (*setsize)(struct inode *inode, loff_t size);
};

/* --- fs/inode.c --- */
extern struct super_block *root_sb;
void vfs_lock(void);
void vfs_unlock(void);
struct inode *new_inode(struct super_block *sb, umode_t mode);
/* Back to the inode cache: one that never had a name or a reference
 * (evict frees the others). */
void free_inode(struct inode *inode);
struct inode *ihold(struct inode *inode);
/* Drop a reference; frees the inode once it has no names and no
 * references. */
void iput(struct inode *inode);
void iput_locked(struct inode *inode);		/* vfs_lock held */
/* An inode lost a name (vfs_lock held): free it if nothing uses it. */
void inode_unlinked(struct inode *inode);
/* An unnamed inode, e.g. for a pipe (type S_IFIFO). */
struct inode *new_anon_inode(umode_t mode);
struct timespec64 current_time(void);
/* Boot: mount the root ramfs, make /dev. */
void vfs_caches_init(void);
void inode_touch(struct inode *inode, bool mtime);

/* --- fs/ramfs.c, fs/ramfs_file.c --- */
struct super_block *ramfs_mount(void);
/* Read/write a regular ramfs file with kernel buffers (vfs_lock held). */
ssize_t ramfs_read_kernel(struct inode *inode, void *buf, size_t n, loff_t pos);
ssize_t ramfs_write_kernel(struct inode *inode, const void *buf, size_t n,
			   loff_t pos);
int ramfs_setsize(struct inode *inode, loff_t size);
/* A regular ramfs file that no directory names yet (memfd_create). */
struct inode *ramfs_new_file_inode(struct super_block *sb, umode_t mode);
/* fs/memfd.c: what a memfd's seals allow (vfs_lock held; 0 or -EPERM) */
int memfd_write_allowed(struct inode *inode, loff_t pos, size_t *len);
int memfd_resize_allowed(struct inode *inode, loff_t size);
int memfd_mmap_allowed(struct inode *inode);
long memfd_fcntl(struct file *file, unsigned int cmd, unsigned long arg);
#define F_ADD_SEALS		1033
#define F_GET_SEALS		1034
#define F_SEAL_SEAL		0x0001
#define F_SEAL_SHRINK		0x0002
#define F_SEAL_GROW		0x0004
#define F_SEAL_WRITE		0x0008
#define F_SEAL_FUTURE_WRITE	0x0010
#define F_SEAL_EXEC		0x0020
/* fallocate's modes (Linux's include/uapi/linux/falloc.h) */
#define FALLOC_FL_KEEP_SIZE	0x01
#define FALLOC_FL_PUNCH_HOLE	0x02
#define FALLOC_FL_COLLAPSE_RANGE 0x08
#define FALLOC_FL_ZERO_RANGE	0x10
#define FALLOC_FL_INSERT_RANGE	0x20
#define FALLOC_FL_UNSHARE_RANGE	0x40
int ramfs_fallocate(struct inode *inode, int mode, loff_t offset, loff_t len);
/* The path of inode from "/" in the root ramfs, into buf (vfs_lock
 * held); -ENOENT if it has no name there (unlinked, anonymous). */
int ramfs_path_of(struct inode *inode, char *buf, size_t size);
/* The page holding byte pos (allocated if missing); NULL if no memory. */
struct page *ramfs_get_page(struct inode *inode, loff_t pos);
extern const struct file_operations ramfs_file_operations;
extern const struct file_operations ramfs_dir_operations;

/* --- fs/locks.c --- */
struct file_lock_context;
/* Free an inode's lock lists (evict: no file is open on it). */
void locks_free_lock_context(struct inode *inode);

/* --- fs/xattr.c --- */
/* Free an inode's extended attributes (evict, vfs_lock held). */
void simple_xattrs_free(struct inode *inode);

/* --- fs/namei.c: permissions (vfs_lock held) --- */
/* 0 if the current task may do mask (MAY_*) to inode, else -EACCES:
 * the owner's, group's or others' bits, whichever class the caller is
 * in; uid 0 (fsuid) may read and write anything, and execute anything
 * with an x bit (Linux's generic_permission, without ACLs). */
int inode_permission(struct inode *inode, int mask);
/* The owner, or uid 0 (CAP_FOWNER): may chmod, utimes, ... */
bool inode_owner_or_capable(const struct inode *inode);
/* May the name of victim in dir be removed (or replaced)?  Write and
 * search on dir; in a sticky dir, only victim's or dir's owner. */
int may_delete(struct inode *dir, struct inode *victim);
/* A new inode's owner: the caller's fsuid, and the caller's fsgid or,
 * below a set-group-id directory, dir's group (Linux's
 * inode_init_owner).  dir NULL: no parent (anonymous inodes). */
void inode_init_owner(struct inode *inode, const struct inode *dir);

/* --- fs/namei.c: path lookup, under vfs_lock --- */
#define LOOKUP_FOLLOW	0x1	/* follow a symlink in the last component */
#define LOOKUP_DIRECTORY 0x2	/* the last component must be a directory */

/* Everything path lookup needs and finds. */
struct nameidata {
	struct inode *start;		/* where a relative path starts */
	int total_link_count;		/* symlinks followed so far */
	/* path_parentat's results */
	struct inode *dir;		/* the directory of the last component */
	const char *last;		/* the last component (not terminated) */
	int last_len;			/* 0: the path was "/" */
	bool trailing_slash;		/* "name/" */
};

/* The directory file of a *at() call's dirfd, with a reference: NULL for
 * AT_FDCWD or an absolute path, an ERR_PTR for -EBADF or -ENOTDIR.
 * Called without vfs_lock; fput() it after vfs_unlock(). */
struct file *dfd_file(int dfd, const char *path);
/* Where the lookup starts, given dfd_file()'s result (vfs_lock held). */
struct inode *current_pwd(void);
static inline struct inode *dfd_inode(struct file *dirf)
{
	return dirf ? dirf->f_inode : current_pwd();
}
bool last_is_normal(const struct nameidata *nd);
/* Resolve path (kernel string); *res is the inode (no reference). */
int filename_lookup(struct inode *start, const char *path, unsigned flags,
		    struct inode **res);
int path_parentat(struct nameidata *nd, const char *path);
/* The whole path: its last component too, a symlink there followed only
 * with LOOKUP_FOLLOW (or a trailing slash); LOOKUP_DIRECTORY wants a
 * directory.  vfs_lock held. */
int path_lookupat(struct nameidata *nd, const char *path, unsigned flags,
		  struct inode **res);
/* Look one name up in dir ("." and ".." too); NULL if absent. */
struct inode *lookup_one(struct inode *dir, const char *name, int len);
/* Follow the symlink *inode found in dir, in place. */
int follow_link(struct nameidata *nd, struct inode *dir, struct inode **inode);
/* A user path copied into a kmalloc'd PATH_MAX buffer (Linux's getname):
 * -ENAMETOOLONG, -EFAULT, or -ENOENT for "" unless empty_ok. */
char *getname(const char __user *upath, bool empty_ok);
void putname(char *name);

/* Resolve a *at() path (AT_EMPTY_PATH's "" with empty_ok: dfd itself)
 * and run fn(inode, arg) under vfs_lock (fs/open.c). */
long with_path_inode(int dfd, const char __user *upath, unsigned lookup,
		     bool empty_ok, long (*fn)(struct inode *, long), long arg);
/* The same for the inode behind a descriptor (-EOPNOTSUPP if none). */
long with_fd_inode(unsigned int fd, long (*fn)(struct inode *, long),
		   long arg);
/* The current task's "/" (chroot's), or the ramfs root at boot. */
struct inode *current_root(void);

int vfs_mkdir(struct inode *dir, const char *name, int len, umode_t mode);
int vfs_mknod(struct inode *dir, const char *name, int len, umode_t mode,
	      dev_t rdev);
int vfs_symlink(struct inode *dir, const char *name, int len,
		const char *target);
/* Make an inode at a kernel path (fs/dirops.c; takes vfs_lock). */
int kern_mknod(const char *name, umode_t mode, struct inode **res);

/* --- fs/fs_struct.c: the cwd of a process --- */
struct fs_struct {
	int users;			/* tasks sharing it (CLONE_FS) */
	struct inode *pwd;		/* the working directory (a reference) */
	struct inode *root;		/* "/" for this process (a reference) */
	int umask;			/* umask(2): CLONE_FS shares it */
};
/* The creation mask of the current task (Linux's current_umask()). */
#define current_umask()	(current->fs->umask)
struct fs_struct *init_fs_struct(void);
struct fs_struct *copy_fs_struct(struct fs_struct *old);
void exit_fs_struct(struct fs_struct *fs);

/* --- fs/char_dev.c: the device nodes of /dev --- */
#define MKDEV(ma, mi)	(((ma) << 8) | (mi))
/* The file_operations of device rdev, or NULL. */
const struct file_operations *chrdev_fops(dev_t rdev);
/* Create /dev and its nodes in the root filesystem.  Boot. */
void init_dev_nodes(void);

/* --- fs/read_write.c --- */
/* lseek's whence, Linux's numbers: SEEK_DATA and SEEK_HOLE find the
 * next data and the next hole at or after offset (-ENXIO past the end);
 * a file without holes is data up to its size, with a hole after it. */
#define SEEK_SET	0
#define SEEK_CUR	1
#define SEEK_END	2
#define SEEK_DATA	3
#define SEEK_HOLE	4
#define SEEK_MAX	SEEK_HOLE
/* The common llseek for files of size bytes: every whence, the whole
 * file data (no holes). */
loff_t generic_file_llseek_size(struct file *f, loff_t offset, int whence,
				loff_t size);
/* f_op->llseek for files with i_size (ramfs regular files). */
loff_t generic_file_llseek(struct file *f, loff_t offset, int whence);

/* --- fs/readdir.c --- */
struct dir_context;
typedef bool (*filldir_t)(struct dir_context *ctx, const char *name, int len,
			  loff_t pos, u64 ino, unsigned int d_type);
struct dir_context {
	filldir_t actor;		/* false: stop, the buffer is full */
	loff_t pos;			/* the next entry to hand out */
};

/* --- fs/proc/: /proc --- */
/* Boot, after vfs_caches_init(): make /proc. */
void proc_root_init(void);
/* A reaped task's /proc/<pid> goes (Linux's proc_flush_pid): its
 * entries are forgotten, each freed as soon as nothing uses it.
 * Process context, without vfs_lock. */
void proc_flush_pid(int pid);
/* The file a /proc/<pid>/fd/N link inode stands for, with a reference,
 * or NULL if inode is no such link (or the descriptor is closed now).
 * Linux follows these "magic links" to the open file itself, not to
 * the path their text names (a pipe, an unlinked file have none).
 * vfs_lock held; fput() it after vfs_unlock(). */
struct file *proc_fd_link_file(struct inode *inode);

/* --- kernel/initramfs.c: unpack the archive into the root ramfs --- */
int populate_rootfs(void);

#endif
