/*
 * internal.h - what the files of fs/proc/ share (Linux's
 * fs/proc/internal.h).  The folder, as Linux's:
 *
 *   root.c	what /proc holds: the table of kinds below, and the root
 *   inode.c	procfs inodes, and a file's text made at its first read
 *   generic.c	looking a name up in a directory, listing one
 *   base.c	/proc/<pid> and /proc/<pid>/task/<tid>, proc_flush_pid
 *   fd.c	/proc/<pid>/fd and fdinfo
 *   array.c	/proc/<pid>/stat, status, cmdline, comm
 *   stat.c	/proc/stat, uptime, loadavg
 *   meminfo.c	/proc/meminfo
 *   task_mmu.c	/proc/<pid>/maps
 * and outside it, as in Linux: fs/proc_namespace.c (the mount table),
 * net/proc_net.c (/proc/net), arch/x86_64/cpuinfo.c (/proc/cpuinfo).
 *
 * Each show function prints one file into m.  The per-process ones are
 * called with tasklist_lock and task_lock(task) held, so that the task
 * (and its mm, files and fs) cannot go under them on any CPU (base.c:
 * proc_pid_show); they must not sleep, nor take either lock again.
 */
#ifndef FS_PROC_INTERNAL_H
#define FS_PROC_INTERNAL_H

#include "fs/fs.h"
#include "fs/seq_file.h"

struct task_struct;
struct inode;
struct file;
struct dir_context;
struct ctl_table;
struct super_block;

/* Every kind of procfs inode; a directory lists its fixed names in this
 * order (root.c's proc_files says what each is). */
enum proc_kind {
	PROC_ROOT, PROC_SELF, PROC_MEMINFO, PROC_EVENTPOLL, PROC_NET,
	PROC_NET_DEV, PROC_PID, PROC_PID_FD, PROC_PID_FDINFO, PROC_FD_LINK,
	PROC_FDINFO, PROC_TRACE_CHAIN, PROC_CHAINS, PROC_NET_TCP, PROC_NET_UDP,
	PROC_STAT, PROC_UPTIME, PROC_LOADAVG, PROC_CPUINFO,
	PROC_PID_STAT, PROC_PID_STATUS, PROC_PID_CMDLINE, PROC_PID_COMM,
	PROC_SLABINFO, PROC_PID_EXE, PROC_PROFILE, PROC_NET_COPIES,
	PROC_NET_SNMP, PROC_NET_TCP6, PROC_NET_UDP6, PROC_NET_IF_INET6,
	PROC_SYS, PROC_SYS_NET, PROC_SYS_NET_CORE, PROC_SYS_NET_IPV4,
	PROC_SYS_WMEM_MAX, PROC_SYS_RMEM_MAX, PROC_SYS_WMEM_DEFAULT,
	PROC_SYS_RMEM_DEFAULT, PROC_SYS_TCP_WMEM, PROC_SYS_TCP_RMEM,
	PROC_SYS_FS, PROC_SYS_PIPE_MAX_SIZE, PROC_MOUNTS, PROC_PID_MOUNTS,
	PROC_PID_MOUNTINFO, PROC_SYS_FS_INOTIFY, PROC_SYS_INOTIFY_QUEUED,
	PROC_SYS_INOTIFY_INSTANCES, PROC_SYS_INOTIFY_WATCHES, PROC_INTERRUPTS,
	PROC_PID_LIMITS, PROC_PID_MAPS, PROC_SLAB_ALLOCATORS,
	PROC_SCHEDSTAT, PROC_PID_SCHEDSTAT,
	/* Threads: named (pid, tid), the tid in proc_entry's fd; last, as
	 * proc_path_of and proc_flush_pid test kind >= PROC_TID. */
	PROC_PID_TASK, PROC_TID, PROC_TID_STAT, PROC_TID_STATUS,
	PROC_TID_CMDLINE, PROC_TID_COMM,
};

/* What a procfs inode stands for (its i_private). */
struct proc_entry {
	struct list_head list;		/* on proc_entries (inode.c) */
	enum proc_kind kind;
	int pid, fd;			/* -1 where not part of the name; fd
					 * is the tid under task/ */
	struct inode *inode;
};

/*
 * What each kind is: its fixed name (NULL for those named by a pid or an
 * fd), the directory that name is in, its mode, and how its text is made
 * (one of show, seq_show and task_show; none for directories, links and
 * the special files of inode.c).  A directory lists its fixed names in
 * this order.  Adding a /proc file is its kind in the enum and its line
 * in root.c's table.
 */
struct proc_file {
	const char *name;
	enum proc_kind dir;
	umode_t mode;
	size_t (*show)(char *buf, size_t size);
	void (*seq_show)(struct seq_file *m);
	void (*task_show)(struct seq_file *m, struct task_struct *t);
	const struct ctl_table *sysctl;	/* a /proc/sys file: its ints */
};

#define PROC_DIR	(S_IFDIR | 0555)
#define PROC_LNK	(S_IFLNK | 0777)
#define PROC_REG	(S_IFREG | 0444)
#define PROC_SYSCTL	(S_IFREG | 0644)

#define PROC_PID_POS	100	/* getdents position of pid 0 in /proc */

/* root.c */
extern const struct proc_file proc_files[];
extern const int proc_nr_files;		/* ARRAY_SIZE(proc_files) */

static inline umode_t proc_mode(enum proc_kind kind)
{
	return proc_files[kind].mode;
}

/* inode.c */
extern struct super_block proc_sb;
extern struct list_head proc_entries;	/* every entry, under vfs_lock */
struct inode *proc_get_inode(struct inode *parent, enum proc_kind kind,
			     int pid, int fd);
struct inode *proc_set_link(struct inode *inode, const char *target);

/* generic.c */
struct inode *proc_lookup(struct inode *dir, const char *name, int len);
int proc_iterate(struct file *f, struct dir_context *ctx);
void proc_path_of(struct inode *inode, char *buf, size_t size);
bool emit_num(struct dir_context *ctx, int num, loff_t pos,
	      unsigned int d_type);

/* base.c */
bool proc_task_visible(const struct task_struct *t);
struct inode *proc_exe_lookup(struct inode *dir, int pid);
struct inode *proc_pid_lookup(struct inode *dir, int pid);
struct inode *proc_tid_lookup(struct inode *dir, int pid, int tid);
void proc_readpids(struct dir_context *ctx);
void proc_readtids(struct dir_context *ctx, int pid);
size_t proc_pid_show(struct proc_entry *pe, char *buf, size_t size);
void proc_pid_limits(struct seq_file *m, struct task_struct *task);

/* fd.c */
struct inode *proc_fd_lookup(struct inode *dir, int pid, int fd);
struct inode *proc_fdinfo_lookup(struct inode *dir, int pid, int fd);
void proc_readfd(struct dir_context *ctx, int pid, unsigned int type);
size_t proc_fdinfo_show(struct proc_entry *pe, char *buf, size_t size);

/* task_mmu.c */
void proc_pid_maps(struct seq_file *m, struct task_struct *task);

/* meminfo.c */
size_t proc_meminfo_show(char *buf, size_t size);

/* array.c: /proc/<pid>/stat, status, cmdline, comm */
/* A task's memory as stat and status show it, read from its mm under
 * mmap_lock before the show runs (base.c's proc_pid_show: the show holds
 * tasklist_lock, inside which no mmap_lock may be taken, since vfs_lock
 * nests inside mmap_lock and tasklist_lock inside vfs_lock).  The show
 * finds it in m->private; valid is false without an mm. */
struct proc_mm_info {
	bool valid;
	unsigned long total, data, stack, exec;	/* bytes, from the VMAs */
	unsigned long rss;			/* pages */
	unsigned long locked;			/* pages, mm->locked_vm */
	unsigned long hiwater_vm, hiwater_rss;	/* pages: the peaks */
};
void proc_task_mm_info(struct mm_struct *mm, struct proc_mm_info *info);
/* cmdline's whole text, from the mm, under its mmap_lock alone. */
void proc_cmdline_mm(struct seq_file *m, struct mm_struct *mm);
void proc_pid_stat(struct seq_file *m, struct task_struct *task);
/* task/<tid>/stat: the thread's own times, not its process's. */
void proc_tid_stat(struct seq_file *m, struct task_struct *task);
void proc_pid_status(struct seq_file *m, struct task_struct *task);
void proc_pid_cmdline(struct seq_file *m, struct task_struct *task);
void proc_pid_comm(struct seq_file *m, struct task_struct *task);

/* kernel/sched.c: /proc/schedstat and /proc/<pid>/schedstat */
void show_schedstat(struct seq_file *m);
void proc_pid_schedstat(struct seq_file *m, struct task_struct *task);

/* stat.c: /proc/stat, /proc/uptime, /proc/loadavg */
void proc_stat_show(struct seq_file *m);
void proc_uptime_show(struct seq_file *m);
void proc_loadavg_show(struct seq_file *m);

/* fs/proc_namespace.c: the mount table */
extern const struct ctl_table fs_pipe_max_size;
/* fs/notify/inotify/inotify_user.c: /proc/sys/fs/inotify/ */
extern const struct ctl_table fs_inotify_max_queued_events;
extern const struct ctl_table fs_inotify_max_user_instances;
extern const struct ctl_table fs_inotify_max_user_watches;
void proc_mounts_show(struct seq_file *m);
void proc_pid_mounts(struct seq_file *m, struct task_struct *task);
void proc_pid_mountinfo(struct seq_file *m, struct task_struct *task);

#endif
