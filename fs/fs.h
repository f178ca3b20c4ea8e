/*
 * fs.h - open files: struct file, its operations, and the per-process
 * table of file descriptors (Linux's include/linux/fs.h and fdtable.h,
 * in miniature).
 *
 * An open file ("open file description" in POSIX) is a struct file: where
 * reads and writes go (f_op), the offset, the flags given to open(), and a
 * reference count.  A file descriptor is an index into a process's
 * files_struct; dup() and fork() make several descriptors share one
 * struct file, and the file is released when the last one is closed.
 */
#ifndef FS_FS_H
#define FS_FS_H

#include "kernel/types.h"
#include "kernel/list.h"
#include "kernel/spinlock.h"

struct file;
struct inode;
struct poll_table_struct;
struct vm_area_struct;
struct dir_context;

typedef long long loff_t;
typedef unsigned int umode_t;
typedef unsigned int dev_t;

/* The most one read, write, sendfile or getrandom moves, whatever was
 * asked (Linux's MAX_RW_COUNT: INT_MAX rounded down to a page). */
#define MAX_RW_COUNT	(0x7fffffffUL & ~0xfffUL)

struct iovec;

struct file_operations {
	/* A named inode is being opened (FIFOs): set f up; an error makes
	 * the open fail (the file is then released as usual).  NULL:
	 * nothing to do. */
	int (*open)(struct inode *, struct file *);
	loff_t (*llseek)(struct file *, loff_t offset, int whence);
	ssize_t (*read)(struct file *, char __user *buf, size_t len, loff_t *pos);
	ssize_t (*write)(struct file *, const char __user *buf, size_t len,
			 loff_t *pos);
	/* readv/writev as one transfer over all nr segments (total bytes),
	 * as Linux 2.6's f_op->readv did (today read_iter): a socket sends
	 * one datagram.  iov is the kernel's copy of the user's array.
	 * NULL: one read/write per segment (fs/read_write.c). */
	ssize_t (*readv)(struct file *, const struct iovec *iov,
			 unsigned long nr, size_t total);
	ssize_t (*writev)(struct file *, const struct iovec *iov,
			  unsigned long nr, size_t total);
	/* Which events are ready now; registers on wait queues through the
	 * poll table (fs/select.c, fs/eventpoll.c).  NULL: not pollable. */
	unsigned int (*poll)(struct file *, struct poll_table_struct *pt);
	/* (fs/poll.h explains the protocol.) */
	long (*unlocked_ioctl)(struct file *, unsigned int cmd, unsigned long arg);
	int (*mmap)(struct file *, struct vm_area_struct *);
	/* Directories: hand entries from ctx->pos on to ctx->actor
	 * (fs/readdir.c). */
	int (*iterate_shared)(struct file *, struct dir_context *);
	/* The last reference is gone. */
	int (*release)(struct file *);
	/* sendfile's two ends (Linux's splice_read and splice_write): move
	 * len bytes at *pos through sendfile's bounce buffer, a user
	 * pointer (fs/read_write.c).  Most files use copy_splice_read and
	 * iter_file_splice_write, their own read and write; NULL: sendfile
	 * refuses the file with EINVAL, as Linux does for an eventfd. */
	ssize_t (*splice_read)(struct file *, loff_t *pos, char __user *buf,
			       size_t len);
	ssize_t (*splice_write)(struct file *, loff_t *pos,
				const char __user *buf, size_t len);
};

/* open() flags (Linux's values, octal as in the headers) */
#define O_ACCMODE	00000003
#define O_RDONLY	00000000
#define O_WRONLY	00000001
#define O_RDWR		00000002
#define O_CREAT		00000100
#define O_EXCL		00000200
#define O_NOCTTY	00000400
#define O_TRUNC		00001000
#define O_APPEND	00002000
#define O_NONBLOCK	00004000
#define O_DIRECT	00040000	/* pipes: packet mode */
#define O_DIRECTORY	00200000
#define O_NOFOLLOW	00400000
#define O_CLOEXEC	02000000
#define O_PATH		010000000

/* f_mode: what the descriptor may do, from the access mode */
#define FMODE_READ	0x1
#define FMODE_WRITE	0x2
#define FMODE_PATH	0x4000	/* O_PATH: a place in the tree, no I/O */
#define FMODE_OPENED	0x80000	/* opened by open(): close is reported (fsnotify) */

struct cred;

struct file {
	long f_count;			/* references: descriptors, mmaps ... */
	const struct file_operations *f_op;
	unsigned int f_flags;		/* O_* given to open, less O_CLOEXEC */
	unsigned int f_mode;		/* FMODE_* */
	loff_t f_pos;			/* offset for read/write */
	void *private_data;		/* the object behind the file */
	struct inode *f_inode;		/* what was opened (holds a reference) */
	const char *f_name;		/* for /proc/<pid>/fd and messages */
	struct list_head f_ep_links;	/* epitems watching this file */
	const struct cred *f_cred;	/* who opened it (a reference) */
};

/* A new file with one reference.  Returns an ERR_PTR on failure. */
struct file *alloc_file(const struct file_operations *fop, void *private_data,
			unsigned int flags, const char *name);
static inline struct file *get_file(struct file *f)
{
	__atomic_add_fetch(&f->f_count, 1, __ATOMIC_RELAXED);
	return f;
}
/* Drop a reference; the last one calls f_op->release.  Process context. */
void fput(struct file *f);

/* The per-process descriptor table. */
struct files_struct {
	int count;			/* tasks sharing it (atomic): the
					 * threads of CLONE_FILES */
	spinlock_t lock;
	unsigned int max_fds;		/* slots in fd[], grown on demand */
	struct file **fd;
	unsigned long *close_on_exec;	/* one bit per slot */
	unsigned int next_fd;		/* lowest slot that may be free */
};

/* The most descriptors a process may have (RLIMIT_NOFILE's ceiling). */
#define NR_OPEN_MAX	65536

struct files_struct *files_alloc(void);
/* Another user of the table (clone with CLONE_FILES). */
static inline struct files_struct *get_files_struct(struct files_struct *files)
{
	__atomic_add_fetch(&files->count, 1, __ATOMIC_RELAXED);
	return files;
}
struct files_struct *dup_fd(struct files_struct *old);
void put_files_struct(struct files_struct *files);
/* Close every descriptor marked close-on-exec. */
void do_close_on_exec(struct files_struct *files);

/* current's table: the file behind fd with a new reference, or NULL;
 * NULL for an O_PATH descriptor too (its callers say EBADF).  fget_raw
 * takes those as well: for the calls that work on them (close, dup,
 * fcntl's descriptor commands, fstat, fstatfs, fchdir, *at() dirfds,
 * SCM_RIGHTS). */
struct file *fget(unsigned int fd);
struct file *fget_raw(unsigned int fd);
/* Install file at the lowest free descriptor >= start; returns it or
 * -EMFILE.  Takes over the caller's reference. */
int fd_install_from(struct file *file, unsigned int start, bool cloexec);
static inline int fd_install_new(struct file *file, bool cloexec)
{
	return fd_install_from(file, 0, cloexec);
}
int close_fd(unsigned int fd);
int replace_fd(unsigned int fd, struct file *file, bool cloexec);
bool get_close_on_exec(unsigned int fd);
void set_close_on_exec(unsigned int fd, bool on);
/* The process's descriptor limit (RLIMIT_NOFILE's soft value). */
unsigned int nofile_limit(void);

/* fs/open.c: open path for the kernel (relative to current's cwd); an
 * ERR_PTR on failure. */
struct file *filp_open(const char *path, int flags, umode_t mode);

/* fs/eventfd.c: an eventfd's /proc/<pid>/fdinfo line ("eventfd-count:"),
 * as snprintf; nothing for other files. */
int eventfd_show_fdinfo(struct file *f, char *buf, size_t size);

/* Seek helpers for files without a meaningful offset. */
loff_t no_llseek(struct file *f, loff_t offset, int whence);
/* Linux's noop_llseek: a file with no offset that still takes lseek
 * (eventfd, epoll, signalfd, timerfd, inotify): the position, 0, and
 * nothing moves. */
loff_t noop_llseek(struct file *f, loff_t offset, int whence);
/* Whether the offset means something, so that pread, pwrite and an
 * offset for sendfile or splice work (Linux's FMODE_PREAD). */
static inline bool file_has_offset(const struct file *f)
{
	return f->f_op->llseek && f->f_op->llseek != no_llseek &&
	       f->f_op->llseek != noop_llseek;
}
/* fs/pipe.c: FIFOs' and pipes' operations; F_SETPIPE_SZ/F_GETPIPE_SZ
 * (-EBADF if f is not a pipe); /proc/sys/fs/pipe-max-size. */
extern const struct file_operations pipe_fops;
long pipe_fcntl(struct file *f, unsigned int cmd, unsigned int arg);
extern int pipe_max_size;
/* fs/pipe.c, for fs/splice.c: the bytes a pipe end holds, whether it
 * has a writer, and tee's copy between two pipes. */
long pipe_readable(struct file *f);
bool pipe_has_writers(struct file *f);
long pipe_tee(struct file *in, struct file *out, size_t len, bool nonblock);
/* fs/locks.c: fcntl's F_GETLK/F_SETLK/F_SETLKW and F_OFD_* on f; the
 * locks a close drops: owner's record locks on f's inode at any close,
 * f's flock and OFD locks at its last. */
struct flock;
long fcntl_lock(struct file *f, unsigned int cmd, struct flock __user *ul);
void locks_remove_posix(struct file *f, void *owner);
void locks_remove_file(struct file *f);
/* A descriptor of owner's table closes f (Linux's filp_close). */
void filp_close(struct file *f, struct files_struct *owner);
/* fs/read_write.c: the generic splice_read and splice_write. */
ssize_t copy_splice_read(struct file *in, loff_t *pos, char __user *buf,
			 size_t len);
ssize_t iter_file_splice_write(struct file *out, loff_t *pos,
			       const char __user *buf, size_t len);

#include "fs/vfs.h"

#endif
