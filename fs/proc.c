/*
 * proc.c - a small procfs at /proc (Linux's fs/proc/, in miniature):
 * /proc/self, /proc/<pid>/fd/N (symlinks), /proc/<pid>/fdinfo/N,
 * /proc/meminfo, /proc/slabinfo, /proc/profile (with profile=: the
 * tick's profiler, kernel/profile.c), /proc/net/dev, /proc/eventpoll (ours:
 * epoll's live counters) and /proc/trace_chain (ours: the chain trace's
 * switch).
 * What ps and top read: /proc/<pid>/stat, status, cmdline and comm
 * (fs/proc_array.c), /proc/stat, uptime and loadavg (fs/proc_stat.c).
 * What netstat reads: /proc/net/tcp and udp (net/proc_net.c).  Ours:
 * /proc/net/copies, the bytes the network path copies (net/dev.c).
 * /proc/sys/net/core/{w,r}mem_{max,default} and /proc/sys/net/ipv4/
 * tcp_{w,r}mem, socket buffer sizes (net/sysctl_net.c), read and set.
 * Threads: /proc/<pid>/task/<tid>/ with stat, status, comm and cmdline
 * about that thread alone; /proc/<tid> of a thread that is not its
 * process's leader can be looked up but is not listed, as in Linux.
 *
 * Nothing here is stored: directories are listed and looked up from the
 * task list and the descriptor tables, and a file's text is made at its
 * first read into a kernel buffer (a one-shot seq_file) that later reads
 * serve by f_pos.
 *
 * Path lookup hands out inodes without references (vfs.h), so a procfs
 * inode must outlive the walk that found it.  An inode is made once per
 * (kind, pid, fd) and kept (i_nlink 1, as if it had a name) until its
 * task is reaped: proc_flush_pid then takes the names away, and each
 * inode goes when nothing uses it any more (an open file, a cwd, an
 * entry below it), as an unlinked file does.  Walks run under vfs_lock,
 * which the flush takes too, so none can be holding one.  Symlink
 * targets (self, fd/N) are recomputed at every lookup.
 *
 * Context: process context.  Lookups and directory listings run under
 * vfs_lock (lookups are called with it; iterate takes it) and peek at a
 * task's descriptor table under its files->lock, without references;
 * file contents are made without vfs_lock, since epoll's fdinfo takes a
 * mutex.
 */
#include "kernel/kernel.h"
#include "arch/x86_64/cpu_common.h"
#include "kernel/errno.h"
#include "kernel/mm.h"
#include "kernel/sched.h"
#include "kernel/pid.h"
#include "kernel/cred.h"
#include "fs/fs.h"
#include "fs/eventpoll.h"
#include "fs/proc_internal.h"
#include "net/netdevice.h"
#include "net/proc_net.h"
#include "net/sock.h"
#include "net/sysctl_net.h"
#include "kernel/chaintrace.h"
#include "kernel/profile.h"
#include "arch/x86_64/uaccess.h"

#define DT_LNK		10
#define PROC_BUF_SIZE	16384	/* the first buffer a text is made in */
#define PROC_BUF_MAX	(4 << 20)	/* the longest text (10,000 sockets' lines) */
#define PROC_LINE_MAX	256	/* no line of ours is longer */
#define PROC_PID_POS	100	/* getdents position of pid 0 in /proc */

/* Every kind of procfs inode; a directory lists its fixed names in this
 * order (proc_files below says what each is). */
enum proc_kind {
	PROC_ROOT, PROC_SELF, PROC_MEMINFO, PROC_EVENTPOLL, PROC_NET,
	PROC_NET_DEV, PROC_PID, PROC_PID_FD, PROC_PID_FDINFO, PROC_FD_LINK,
	PROC_FDINFO, PROC_TRACE_CHAIN, PROC_CHAINS, PROC_NET_TCP, PROC_NET_UDP,
	PROC_STAT, PROC_UPTIME, PROC_LOADAVG, PROC_CPUINFO,
	PROC_PID_STAT, PROC_PID_STATUS, PROC_PID_CMDLINE, PROC_PID_COMM,
	PROC_SLABINFO, PROC_PID_EXE, PROC_PROFILE, PROC_NET_COPIES,
	PROC_NET_SNMP,
	PROC_SYS, PROC_SYS_NET, PROC_SYS_NET_CORE, PROC_SYS_NET_IPV4,
	PROC_SYS_WMEM_MAX, PROC_SYS_RMEM_MAX, PROC_SYS_WMEM_DEFAULT,
	PROC_SYS_RMEM_DEFAULT, PROC_SYS_TCP_WMEM, PROC_SYS_TCP_RMEM,
	PROC_SYS_FS, PROC_SYS_PIPE_MAX_SIZE, PROC_MOUNTS, PROC_PID_MOUNTS,
	PROC_PID_MOUNTINFO,
	/* Threads: named (pid, tid), the tid in proc_entry's fd; last, as
	 * proc_path_of and proc_flush_pid test kind >= PROC_TID. */
	PROC_PID_TASK, PROC_TID, PROC_TID_STAT, PROC_TID_STATUS,
	PROC_TID_CMDLINE, PROC_TID_COMM,
};

/* What a procfs inode stands for (its i_private). */
struct proc_entry {
	struct list_head list;		/* on proc_entries */
	enum proc_kind kind;
	int pid, fd;			/* -1 where not part of the name; fd
					 * is the tid under task/ */
	struct inode *inode;
};

/* The text makers, defined below or elsewhere (proc_internal.h). */
static size_t proc_meminfo_show(char *buf, size_t size);
static size_t proc_eventpoll_show(char *buf, size_t size);
static void proc_slabinfo_show(struct seq_file *m);

/*
 * What each kind is: its fixed name (NULL for those named by a pid or an
 * fd), the directory that name is in, its mode, and how its text is made
 * (one of show, seq_show and task_show; none for directories, links and
 * the special files below).  A directory lists its fixed names in this
 * order.  Adding a /proc file is its kind in the enum and its line here.
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

static const struct proc_file proc_files[] = {
	[PROC_ROOT]	   = { NULL, PROC_ROOT, PROC_DIR },
	[PROC_SELF]	   = { "self", PROC_ROOT, PROC_LNK },
	[PROC_MEMINFO]	   = { "meminfo", PROC_ROOT, PROC_REG, .show = proc_meminfo_show },
	[PROC_EVENTPOLL]   = { "eventpoll", PROC_ROOT, PROC_REG, .show = proc_eventpoll_show },
	[PROC_NET]	   = { "net", PROC_ROOT, PROC_DIR },
	[PROC_NET_DEV]	   = { "dev", PROC_NET, PROC_REG, .show = dev_seq_show_all },
	[PROC_PID]	   = { NULL, PROC_ROOT, PROC_DIR },
	[PROC_PID_FD]	   = { "fd", PROC_PID, PROC_DIR },
	[PROC_PID_FDINFO]  = { "fdinfo", PROC_PID, PROC_DIR },
	[PROC_FD_LINK]	   = { NULL, PROC_PID_FD, PROC_LNK },
	[PROC_FDINFO]	   = { NULL, PROC_PID_FDINFO, PROC_REG },
	[PROC_TRACE_CHAIN] = { "trace_chain", PROC_ROOT, S_IFREG | 0644,
			       .show = chain_trace_show },
	[PROC_CHAINS]	   = { "chains", PROC_ROOT, PROC_REG, .show = chain_history_show },
	[PROC_NET_TCP]	   = { "tcp", PROC_NET, PROC_REG, .seq_show = tcp4_proc_show },
	[PROC_NET_UDP]	   = { "udp", PROC_NET, PROC_REG, .seq_show = udp4_proc_show },
	[PROC_STAT]	   = { "stat", PROC_ROOT, PROC_REG, .seq_show = proc_stat_show },
	[PROC_UPTIME]	   = { "uptime", PROC_ROOT, PROC_REG, .seq_show = proc_uptime_show },
	[PROC_LOADAVG]	   = { "loadavg", PROC_ROOT, PROC_REG, .seq_show = proc_loadavg_show },
	[PROC_CPUINFO]	   = { "cpuinfo", PROC_ROOT, PROC_REG, .seq_show = show_cpuinfo },
	[PROC_PID_STAT]	   = { "stat", PROC_PID, PROC_REG, .task_show = proc_pid_stat },
	[PROC_PID_STATUS]  = { "status", PROC_PID, PROC_REG, .task_show = proc_pid_status },
	[PROC_PID_CMDLINE] = { "cmdline", PROC_PID, PROC_REG, .task_show = proc_pid_cmdline },
	[PROC_PID_COMM]	   = { "comm", PROC_PID, PROC_REG, .task_show = proc_pid_comm },
	/* Linux's slabinfo is root's only. */
	[PROC_SLABINFO]	   = { "slabinfo", PROC_ROOT, S_IFREG | 0400,
			       .seq_show = proc_slabinfo_show },
	[PROC_PID_EXE]	   = { "exe", PROC_PID, PROC_LNK },
	[PROC_PROFILE]	   = { "profile", PROC_ROOT, S_IFREG | 0600,	/* Linux's */
			       .show = profile_read },
	[PROC_NET_COPIES]  = { "copies", PROC_NET, PROC_REG, .show = net_copies_show },
	[PROC_NET_SNMP]	   = { "snmp", PROC_NET, PROC_REG, .seq_show = snmp_proc_show },
	[PROC_SYS]	   = { "sys", PROC_ROOT, PROC_DIR },
	[PROC_SYS_NET]	   = { "net", PROC_SYS, PROC_DIR },
	[PROC_SYS_NET_CORE] = { "core", PROC_SYS_NET, PROC_DIR },
	[PROC_SYS_NET_IPV4] = { "ipv4", PROC_SYS_NET, PROC_DIR },
	[PROC_SYS_WMEM_MAX] = { "wmem_max", PROC_SYS_NET_CORE, PROC_SYSCTL,
				.sysctl = &net_core_wmem_max },
	[PROC_SYS_RMEM_MAX] = { "rmem_max", PROC_SYS_NET_CORE, PROC_SYSCTL,
				.sysctl = &net_core_rmem_max },
	[PROC_SYS_WMEM_DEFAULT] = { "wmem_default", PROC_SYS_NET_CORE, PROC_SYSCTL,
				    .sysctl = &net_core_wmem_default },
	[PROC_SYS_RMEM_DEFAULT] = { "rmem_default", PROC_SYS_NET_CORE, PROC_SYSCTL,
				    .sysctl = &net_core_rmem_default },
	[PROC_SYS_TCP_WMEM] = { "tcp_wmem", PROC_SYS_NET_IPV4, PROC_SYSCTL,
				.sysctl = &ipv4_tcp_wmem },
	[PROC_SYS_TCP_RMEM] = { "tcp_rmem", PROC_SYS_NET_IPV4, PROC_SYSCTL,
				.sysctl = &ipv4_tcp_rmem },
	[PROC_SYS_FS]	   = { "fs", PROC_SYS, PROC_DIR },
	[PROC_SYS_PIPE_MAX_SIZE] = { "pipe-max-size", PROC_SYS_FS, PROC_SYSCTL,
				     .sysctl = &fs_pipe_max_size },
	[PROC_MOUNTS]	   = { "mounts", PROC_ROOT, PROC_REG, .seq_show = proc_mounts_show },
	[PROC_PID_MOUNTS]  = { "mounts", PROC_PID, PROC_REG, .task_show = proc_pid_mounts },
	[PROC_PID_MOUNTINFO] = { "mountinfo", PROC_PID, PROC_REG,
				 .task_show = proc_pid_mountinfo },
	[PROC_PID_TASK]	   = { "task", PROC_PID, PROC_DIR },
	[PROC_TID]	   = { NULL, PROC_PID_TASK, PROC_DIR },
	[PROC_TID_STAT]	   = { "stat", PROC_TID, PROC_REG, .task_show = proc_tid_stat },
	[PROC_TID_STATUS]  = { "status", PROC_TID, PROC_REG, .task_show = proc_pid_status },
	[PROC_TID_CMDLINE] = { "cmdline", PROC_TID, PROC_REG, .task_show = proc_pid_cmdline },
	[PROC_TID_COMM]	   = { "comm", PROC_TID, PROC_REG, .task_show = proc_pid_comm },
};

static LIST_HEAD(proc_entries);
static void proc_evict_inode(struct inode *inode);
static struct super_block proc_sb = {
	.s_next_ino = 1, .s_type = "proc", .evict_inode = proc_evict_inode,
};
static const struct inode_operations proc_dir_inode_operations;
static const struct inode_operations proc_file_inode_operations;
static const struct file_operations proc_dir_operations;
static const struct file_operations proc_file_operations;

static umode_t proc_mode(enum proc_kind kind)
{
	return proc_files[kind].mode;
}

static struct proc_entry *proc_find(enum proc_kind kind, int pid, int fd)
{
	struct proc_entry *pe;

	list_for_each_entry(pe, &proc_entries, list)
		if (pe->kind == kind && pe->pid == pid && pe->fd == fd)
			return pe;
	return NULL;
}

/* A process's files belong to its effective ids, the rest to root
 * (Linux's task_dump_owner, for a dumpable task); set at every lookup,
 * since the ids may have changed since the inode was made. */
static struct inode *proc_set_owner(struct inode *inode, int pid)
{
	struct task_struct *t = pid > 0 ? find_task_by_pid(pid) : NULL;

	inode->i_uid = t ? t->cred->euid : 0;
	inode->i_gid = t ? t->cred->egid : 0;
	return inode;
}

/* The inode for (kind, pid, fd) under parent, made on first use. */
static struct inode *proc_get_inode(struct inode *parent, enum proc_kind kind,
				    int pid, int fd)
{
	struct proc_entry *pe = proc_find(kind, pid, fd);

	if (pe)
		return proc_set_owner(pe->inode, pid);
	pe = kzalloc(sizeof(*pe), GFP_KERNEL);
	struct inode *inode = pe ? new_inode(&proc_sb, proc_mode(kind)) : NULL;
	if (!inode) {
		kfree(pe);
		return NULL;
	}
	*pe = (struct proc_entry){ .kind = kind, .pid = pid, .fd = fd,
				   .inode = inode };
	list_add_tail(&pe->list, &proc_entries);
	inode->i_nlink = 1;		/* kept until flushed, see the top */
	inode->i_private = pe;
	if (S_ISDIR(inode->i_mode)) {
		inode->i_op = &proc_dir_inode_operations;
		inode->i_fop = &proc_dir_operations;
		inode->i_nlink = 2;
		if (parent)
			inode->i_parent = ihold(parent);
	} else {
		inode->i_op = &proc_file_inode_operations;
		inode->i_fop = &proc_file_operations;
	}
	return proc_set_owner(inode, pid);
}

/* The inode is being freed (vfs_lock held): its entry goes with it. */
static void proc_evict_inode(struct inode *inode)
{
	struct proc_entry *pe = inode->i_private;

	list_del(&pe->list);
	kfree(pe);
}

void proc_flush_pid(int pid)
{
	struct proc_entry *pe, *n;
	LIST_HEAD(dying);

	vfs_lock();
	list_for_each_entry_safe(pe, n, &proc_entries, list) {
		/* A thread's task/<tid> entries name it by fd (proc_entry). */
		if (pe->pid == pid || (pe->kind >= PROC_TID && pe->fd == pid)) {
			list_del(&pe->list);
			list_add(&pe->list, &dying);
		}
	}
	/* Each is evicted now or at its last iput; freeing an entry may
	 * free its parent's too, so take them one at a time. */
	while (!list_empty(&dying)) {
		pe = list_first_entry(&dying, struct proc_entry, list);
		list_del_init(&pe->list);
		pe->inode->i_nlink = 0;
		inode_unlinked(pe->inode);
	}
	vfs_unlock();
}

/* Point a symlink inode at a new target (a kmalloc'd copy). */
static struct inode *proc_set_link(struct inode *inode, const char *target)
{
	size_t len = strlen(target);
	char *copy = kmalloc(len + 1, GFP_KERNEL);

	if (!copy)
		return NULL;
	memcpy(copy, target, len + 1);
	kfree(inode->i_link);
	inode->i_link = copy;
	inode->i_size = len;
	return inode;
}

/* The file at fd in task's table, no reference: valid while
 * files->lock is held. */
static struct file *task_fd_file(struct files_struct *files, int fd)
{
	if (fd < 0 || (unsigned)fd >= files->max_fds)
		return NULL;
	return files->fd[fd];
}

/* A kind's path below /proc (or /proc/<pid>): its directory's, then its
 * own fixed name.  Returns the length written. */
static int proc_kind_path(enum proc_kind kind, char *buf, size_t size)
{
	const struct proc_file *pf = &proc_files[kind];
	int len = 0;

	if (kind != PROC_ROOT && kind != PROC_PID)
		len = proc_kind_path(pf->dir, buf, size);
	if (pf->name && (size_t)len < size)
		len += snprintf(buf + len, size - len, "/%s", pf->name);
	return len;
}

/* The path of a procfs inode, from what it stands for. */
static void proc_path_of(struct inode *inode, char *buf, size_t size)
{
	struct proc_entry *pe = inode->i_private;

	if (pe->kind >= PROC_TID) {
		const char *name = proc_files[pe->kind].name;
		snprintf(buf, size, "/proc/%d/task/%d%s%s", pe->pid, pe->fd,
			 name ? "/" : "", name ? name : "");
		return;
	}
	int len = snprintf(buf, size, "/proc");

	if (pe->pid >= 0 && (size_t)len < size)
		len += snprintf(buf + len, size - len, "/%d", pe->pid);
	if ((size_t)len < size)
		len += proc_kind_path(pe->kind, buf + len, size - len);
	if (pe->fd >= 0 && (size_t)len < size)
		snprintf(buf + len, size - len, "/%d", pe->fd);
}

/*
 * What readlink of /proc/<pid>/fd/N says (Linux's proc_fd_link / d_path):
 * "pipe:[ino]" and "socket:[ino]" for the anonymous inodes, the file's
 * own name for anon_inode files, the path of a named ramfs file where
 * one can be found.
 */
static void proc_fd_name(struct file *f, char *buf, size_t size)
{
	struct inode *inode = f->f_inode;
	umode_t type = inode ? inode->i_mode & S_IFMT : 0;

	if (inode && !inode->i_sb && type == S_IFIFO)
		snprintf(buf, size, "pipe:[%lu]", inode->i_ino);
	else if (inode && !inode->i_sb && type == S_IFSOCK)
		snprintf(buf, size, "socket:[%lu]", inode->i_ino);
	else if (inode && inode->i_sb == root_sb &&
		 ramfs_path_of(inode, buf, size) == 0)
		return;
	else if (inode && inode->i_sb == &proc_sb)
		proc_path_of(inode, buf, size);
	else
		snprintf(buf, size, "%s", f->f_name);
}

/* /proc/<pid>/fd/N: a symlink naming the file, or NULL if no such fd. */
static struct inode *proc_fd_lookup(struct inode *dir, int pid, int fd)
{
	struct task_struct *t = find_task_by_pid(pid);
	char *buf = kmalloc(PATH_MAX, GFP_KERNEL);
	struct inode *inode = NULL;

	if (!buf || !t || !t->files) {
		kfree(buf);
		return NULL;
	}
	spin_lock(&t->files->lock);
	struct file *f = task_fd_file(t->files, fd);
	if (f)
		proc_fd_name(f, buf, PATH_MAX);
	spin_unlock(&t->files->lock);
	if (f)
		inode = proc_get_inode(dir, PROC_FD_LINK, pid, fd);
	if (inode)
		inode = proc_set_link(inode, buf);
	kfree(buf);
	return inode;
}

/* /proc/<pid>/fdinfo/N: exists while the descriptor does. */
static struct inode *proc_fdinfo_lookup(struct inode *dir, int pid, int fd)
{
	struct task_struct *t = find_task_by_pid(pid);

	if (!t || !t->files)
		return NULL;
	spin_lock(&t->files->lock);
	bool open = task_fd_file(t->files, fd) != NULL;
	spin_unlock(&t->files->lock);
	return open ? proc_get_inode(dir, PROC_FDINFO, pid, fd) : NULL;
}

/*
 * /proc/<pid>/exe: a symlink to the program the process runs (Linux's
 * proc_exe_link), from its mm's exe_file; absent for a kernel thread.
 * Linux names an unlinked program by its old path + " (deleted)"; no
 * old name is kept here, so it is "anon_inode:[<ino>] (deleted)".
 */
static struct inode *proc_exe_lookup(struct inode *dir, int pid)
{
	struct task_struct *t = find_task_by_pid(pid);
	char *buf = kmalloc(PATH_MAX, GFP_KERNEL);
	struct inode *inode = NULL;

	if (buf && t && t->mm && t->mm->exe_file) {
		struct inode *exe = t->mm->exe_file;
		if (ramfs_path_of(exe, buf, PATH_MAX))
			snprintf(buf, PATH_MAX, "anon_inode:[%lu] (deleted)",
				 exe->i_ino);
		inode = proc_get_inode(dir, PROC_PID_EXE, pid, -1);
		if (inode)
			inode = proc_set_link(inode, buf);
	}
	kfree(buf);
	return inode;
}

/* Which tasks have a /proc/<pid>: user processes until reaped (zombies
 * too, so ps shows them) and kernel threads until they exit.  Not the
 * idle task, which is not on the task list, as in Linux. */
static bool proc_task_visible(const struct task_struct *t)
{
	return t->signal || (t->worker_private && !t->exit_state);
}

/* /proc/<pid> (Linux's proc_pid_lookup); a thread's id works too. */
static struct inode *proc_pid_lookup(struct inode *dir, int pid)
{
	unsigned long flags;

	spin_lock_irqsave(&tasklist_lock, flags);
	struct task_struct *t = find_task_by_pid(pid);
	bool visible = t && proc_task_visible(t);
	spin_unlock_irqrestore(&tasklist_lock, flags);
	return visible ? proc_get_inode(dir, PROC_PID, pid, -1) : NULL;
}

/* /proc/<pid>/task/<tid>: a live thread of pid's process. */
static struct inode *proc_tid_lookup(struct inode *dir, int pid, int tid)
{
	unsigned long flags;

	spin_lock_irqsave(&tasklist_lock, flags);
	struct task_struct *p = find_task_by_pid(pid);
	struct task_struct *t = find_task_by_pid(tid);
	bool ok = p && t && p->signal && same_thread_group(p, t) &&
		  !t->exit_state;
	spin_unlock_irqrestore(&tasklist_lock, flags);
	return ok ? proc_get_inode(dir, PROC_TID, pid, tid) : NULL;
}

/* Names that exist only with their feature on, as in Linux: /proc/profile
 * only when booted with profile=. */
static bool proc_name_hidden(enum proc_kind kind)
{
	return kind == PROC_PROFILE && !prof_on;
}

/* The next kind after prev (-1: the first) with a fixed name in
 * directory dir, or -1: a directory's fixed names, in table order. */
static int proc_next_name(enum proc_kind dir, int prev)
{
	for (int k = prev + 1; k < (int)ARRAY_SIZE(proc_files); k++)
		if (proc_files[k].name && proc_files[k].dir == dir &&
		    !proc_name_hidden(k))
			return k;
	return -1;
}

/* A decimal name as a number, or -1 ("007" is not a number here either). */
static int proc_name_to_num(const char *name, int len)
{
	long v = 0;

	if (len == 0 || len > 9 || (name[0] == '0' && len > 1))
		return -1;
	for (int i = 0; i < len; i++) {
		if (name[i] < '0' || name[i] > '9')
			return -1;
		v = v * 10 + name[i] - '0';
	}
	return (int)v;
}

static struct inode *proc_lookup(struct inode *dir, const char *name, int len)
{
	struct proc_entry *pe = dir->i_private;

	for (int k = proc_next_name(pe->kind, -1); k >= 0;
	     k = proc_next_name(pe->kind, k)) {
		const char *fixed = proc_files[k].name;
		if (strlen(fixed) != (size_t)len || memcmp(fixed, name, len))
			continue;
		if (k == PROC_PID_EXE)
			return proc_exe_lookup(dir, pe->pid);
		struct inode *inode = proc_get_inode(dir, k, pe->pid,
				pe->kind == PROC_TID ? pe->fd : -1);
		if (inode && k == PROC_SELF) {
			char pid[16];
			snprintf(pid, sizeof(pid), "%d", current->tgid);
			inode = proc_set_link(inode, pid);
		}
		return inode;
	}
	int num = proc_name_to_num(name, len);
	if (num < 0)
		return NULL;
	switch (pe->kind) {
	case PROC_ROOT:
		return proc_pid_lookup(dir, num);
	case PROC_PID_FD:
		return proc_fd_lookup(dir, pe->pid, num);
	case PROC_PID_FDINFO:
		return proc_fdinfo_lookup(dir, pe->pid, num);
	case PROC_PID_TASK:
		return proc_tid_lookup(dir, pe->pid, num);
	default:
		return NULL;
	}
}

/* --- listing directories: ".", "..", fixed names, then numbers --- */

static bool emit_num(struct dir_context *ctx, int num, loff_t pos,
		     unsigned int d_type)
{
	char name[16];
	int len = snprintf(name, sizeof(name), "%d", num);

	if (pos < ctx->pos)
		return true;
	if (!ctx->actor(ctx, name, len, pos, 0, d_type))
		return false;
	ctx->pos = pos + 1;
	return true;
}

static bool emit_fixed(struct dir_context *ctx, struct inode *dir)
{
	struct proc_entry *pe = dir->i_private;
	int i = 0;

	if (ctx->pos == 0) {
		if (!ctx->actor(ctx, ".", 1, 0, dir->i_ino, DT_DIR))
			return false;
		ctx->pos = 1;
	}
	if (ctx->pos == 1) {
		struct inode *up = dir->i_parent ? dir->i_parent : dir;
		if (!ctx->actor(ctx, "..", 2, 1, up->i_ino, DT_DIR))
			return false;
		ctx->pos = 2;
	}
	/* The i-th fixed name is at position i + 2. */
	for (int k = proc_next_name(pe->kind, -1); k >= 0;
	     k = proc_next_name(pe->kind, k), i++) {
		if (i + 2 < ctx->pos)
			continue;
		umode_t mode = proc_mode(k);
		unsigned int type = S_ISDIR(mode) ? DT_DIR :
				    S_ISLNK(mode) ? DT_LNK : DT_REG;
		const char *name = proc_files[k].name;
		if (!ctx->actor(ctx, name, strlen(name), i + 2, 1, type))
			return false;
		ctx->pos = i + 3;
	}
	if (ctx->pos < 2 + i)
		ctx->pos = 2 + i;
	return true;
}

/* Linux's proc_readfd: one entry per open descriptor, at position fd+2.
 * The entries go to getdents' kernel buffer (fs/readdir.c), so no user
 * memory is touched under files->lock. */
static void proc_readfd(struct dir_context *ctx, int pid, unsigned int type)
{
	struct task_struct *t = find_task_by_pid(pid);

	if (!t || !t->files)
		return;
	struct files_struct *files = t->files;
	spin_lock(&files->lock);
	for (unsigned int fd = 0; fd < files->max_fds; fd++)
		if (files->fd[fd] && !emit_num(ctx, fd, fd + 2, type))
			break;
	spin_unlock(&files->lock);
}

/* One entry per process (its leader), not per thread. */
static void proc_readpids(struct dir_context *ctx)
{
	struct task_struct *p;
	unsigned long flags;

	spin_lock_irqsave(&tasklist_lock, flags);
	list_for_each_entry(p, &init_task.tasks, tasks)
		if (proc_task_visible(p) && thread_group_leader(p) &&
		    !emit_num(ctx, p->pid, PROC_PID_POS + p->pid, DT_DIR))
			break;
	spin_unlock_irqrestore(&tasklist_lock, flags);
}

/* /proc/<pid>/task: the live threads of pid's process, by tid. */
static void proc_readtids(struct dir_context *ctx, int pid)
{
	struct task_struct *p, *t;
	unsigned long flags;

	spin_lock_irqsave(&tasklist_lock, flags);
	p = find_task_by_pid(pid);
	if (p && p->signal)
		for_each_thread(p, t)
			if (!t->exit_state &&
			    !emit_num(ctx, t->pid, PROC_PID_POS + t->pid, DT_DIR))
				break;
	spin_unlock_irqrestore(&tasklist_lock, flags);
}

static int proc_iterate(struct file *f, struct dir_context *ctx)
{
	struct proc_entry *pe = f->f_inode->i_private;

	vfs_lock();
	if (emit_fixed(ctx, f->f_inode)) {
		if (pe->kind == PROC_ROOT)
			proc_readpids(ctx);
		else if (pe->kind == PROC_PID_FD)
			proc_readfd(ctx, pe->pid, DT_LNK);
		else if (pe->kind == PROC_PID_FDINFO)
			proc_readfd(ctx, pe->pid, DT_REG);
		else if (pe->kind == PROC_PID_TASK)
			proc_readtids(ctx, pe->pid);
	}
	vfs_unlock();
	return 0;
}

/* --- file contents --- */

static size_t proc_meminfo_show(char *buf, size_t size)
{
	unsigned long kb = PAGE_SIZE / 1024;
	unsigned long total = totalram_pages() * kb;
	unsigned long free = nr_free_pages() * kb;
	unsigned long slab = slab_pages() * kb;

	/* Nothing here is reclaimable, so what is available is what is
	 * free.  Slab counts whole slabs, their free objects included
	 * (kmalloc's larger blocks are pages of their own, not Slab). */
	return snprintf(buf, size,
			"MemTotal:       %8lu kB\n"
			"MemFree:        %8lu kB\n"
			"MemAvailable:   %8lu kB\n"
			"Slab:           %8lu kB\n", total, free, free, slab);
}

static size_t proc_eventpoll_show(char *buf, size_t size)
{
	struct eventpoll_stats s = ep_stats;

	return snprintf(buf, size,
			"eventpolls %ld\nepitems %ld\neppoll_entries %ld\n"
			"callbacks %ld\nwakeups %ld\n", s.eventpolls, s.epitems,
			s.eppoll_entries, s.callbacks, s.wakeups);
}

/* The file at pid's fd with a reference, or NULL.  vfs_lock keeps the
 * CPU (no preemption), so the task cannot exit and free its table
 * between finding it and locking the table. */
static struct file *proc_fget(int pid, int fd, bool *cloexec)
{
	vfs_lock();
	struct task_struct *t = find_task_by_pid(pid);
	struct file *f = NULL;

	if (!t || !t->files) {
		vfs_unlock();
		return NULL;
	}
	spin_lock(&t->files->lock);
	f = task_fd_file(t->files, fd);
	if (f) {
		get_file(f);
		*cloexec = t->files->close_on_exec[fd / 64] &
			   (1UL << (fd % 64));
	}
	spin_unlock(&t->files->lock);
	vfs_unlock();
	return f;
}

/* Linux's proc_fdinfo: the common lines, then the file's own. */
static size_t proc_fdinfo_show(struct proc_entry *pe, char *buf, size_t size)
{
	bool cloexec = false;
	struct file *f = proc_fget(pe->pid, pe->fd, &cloexec);

	if (!f)
		return 0;
	size_t len = snprintf(buf, size,
			      "pos:\t%lld\nflags:\t0%o\nmnt_id:\t%d\nino:\t%lu\n",
			      (long long)f->f_pos,
			      f->f_flags | (cloexec ? O_CLOEXEC : 0),
			      f->f_inode && f->f_inode->i_sb ? 1 : 0,
			      f->f_inode ? f->f_inode->i_ino : 0UL);
	if (len < size)
		len += ep_show_fdinfo(f, buf + len, size - len);
	if (len < size)
		len += eventfd_show_fdinfo(f, buf + len, size - len);
	if (len < size)
		len += sock_show_fdinfo(f, buf + len, size - len);
	fput(f);
	return MIN(len, size - 1);
}

/* A per-process file.  With preemption off no other task runs, so the
 * task can neither exit nor change its mm while we read them (one CPU;
 * Linux pins both with references and mmap_lock). */
static size_t proc_pid_show(struct proc_entry *pe, char *buf, size_t size)
{
	struct seq_file m = { .buf = buf, .size = size };

	preempt_disable();
	/* task/<tid>'s files are about the thread, the others its pid's. */
	struct task_struct *t = find_task_by_pid(pe->kind >= PROC_TID ? pe->fd :
								      pe->pid);
	if (t && proc_task_visible(t))
		proc_files[pe->kind].task_show(&m, t);
	preempt_enable();
	return m.count;
}

/* The kernel's caches, then lwIP's pools, which are caches too. */
static void proc_slabinfo_show(struct seq_file *m)
{
	slab_show(m);
	lwip_pools_slabinfo(m);
}

static size_t proc_seq_show(void (*show)(struct seq_file *), char *buf,
			    size_t size)
{
	struct seq_file m = { .buf = buf, .size = size };

	show(&m);
	return m.count;
}

static size_t proc_show(struct proc_entry *pe, char *buf, size_t size)
{
	const struct proc_file *pf = &proc_files[pe->kind];

	if (pe->kind == PROC_FDINFO)
		return proc_fdinfo_show(pe, buf, size);
	if (pf->task_show)
		return proc_pid_show(pe, buf, size);
	if (pf->seq_show)
		return proc_seq_show(pf->seq_show, buf, size);
	if (pf->sysctl) {
		struct seq_file m = { .buf = buf, .size = size };
		proc_dointvec_show(&m, pf->sysctl);
		return m.count;
	}
	return pf->show ? pf->show(buf, size) : 0;
}

/* The text, made at the first read and kept until the file is closed,
 * so that reading in pieces sees one consistent snapshot. */
struct proc_text {
	size_t len;
	char data[];
};

/*
 * Make the text in a buffer that holds it whole.  The show functions
 * stop at the last whole line that fits; text that ends within a line's
 * length of the buffer's end may have been cut, so it is made again in
 * a buffer twice as large, as Linux's seq_read does when a record does
 * not fit.  A text larger than PROC_BUF_MAX is cut there.
 */
static struct proc_text *proc_make_text(struct proc_entry *pe)
{
	for (size_t size = PROC_BUF_SIZE;; size *= 2) {
		size_t room = size - sizeof(struct proc_text);
		struct proc_text *text = kmalloc(size, GFP_KERNEL);
		if (!text)
			return NULL;
		text->len = MIN(proc_show(pe, text->data, room), room - 1);
		if (text->len + PROC_LINE_MAX < room || size >= PROC_BUF_MAX)
			return text;
		kfree(text);
	}
}

static ssize_t proc_read(struct file *f, char __user *buf, size_t len,
			 loff_t *pos)
{
	struct proc_text *text = f->private_data;

	if (!text) {
		text = proc_make_text(f->f_inode->i_private);
		if (!text)
			return -ENOMEM;
		f->private_data = text;
	}
	if (*pos < 0 || (size_t)*pos >= text->len)
		return 0;
	size_t n = MIN(len, text->len - (size_t)*pos);
	if (copy_to_user(buf, text->data + *pos, n))
		return -EFAULT;
	*pos += n;
	return n;
}

/*
 * Everyone is root here, and root may open these files for writing on
 * Linux too; the write itself fails as Linux's does: EINVAL from fdinfo,
 * EIO from a file with no write method (proc_reg_write).  The switch
 * trace_chain and the /proc/sys files (kernel/sysctl.c) take their value
 * whatever the position; any write to profile clears its counters
 * (readprofile -r).
 */
static ssize_t proc_write(struct file *f, const char __user *buf, size_t len,
			  loff_t *pos)
{
	struct proc_entry *pe = f->f_inode->i_private;

	(void)pos;
	if (pe->kind == PROC_TRACE_CHAIN)
		return chain_trace_write(buf, len);
	if (proc_files[pe->kind].sysctl)
		return proc_dointvec_minmax(proc_files[pe->kind].sysctl, buf, len);
	if (pe->kind == PROC_PROFILE) {		/* any write: start again */
		profile_reset();
		return len;
	}
	return pe->kind == PROC_FDINFO ? -EINVAL : -EIO;
}

static int proc_release(struct file *f)
{
	kfree(f->private_data);
	return 0;
}

static loff_t proc_llseek(struct file *f, loff_t offset, int whence)
{
	return generic_file_llseek_size(f, offset, whence, 1LL << 62);
}

static const struct file_operations proc_file_operations = {
	.llseek = proc_llseek,
	.read = proc_read,
	.write = proc_write,
	.release = proc_release,
	.splice_read = copy_splice_read,
};

static const struct file_operations proc_dir_operations = {
	.llseek = proc_llseek,
	.iterate_shared = proc_iterate,
};

/* Nothing in /proc can be made, removed or resized by name: Linux says
 * EACCES for a new file and ENOENT for a new directory or node (root's
 * mkdir in /proc); the removals are refused the same way here. */
static int proc_create(struct inode *dir, const char *name, int len,
		       umode_t mode, struct inode **res)
{
	(void)dir; (void)name; (void)len; (void)mode;
	*res = NULL;
	return -EACCES;
}

static int proc_mkdir(struct inode *dir, const char *name, int len,
		      umode_t mode)
{
	(void)dir; (void)name; (void)len; (void)mode;
	return -ENOENT;
}

static int proc_mknod(struct inode *dir, const char *name, int len,
		      umode_t mode, dev_t rdev)
{
	(void)rdev;
	return proc_mkdir(dir, name, len, mode);
}

static int proc_symlink(struct inode *dir, const char *name, int len,
			const char *target)
{
	(void)target;
	return proc_mkdir(dir, name, len, 0);
}

static int proc_link(struct inode *old, struct inode *dir, const char *name,
		     int len)
{
	(void)old;
	return proc_mkdir(dir, name, len, 0);
}

static int proc_unlink(struct inode *dir, const char *name, int len)
{
	return proc_mkdir(dir, name, len, 0);
}

static int proc_rename(struct inode *odir, const char *oname, int olen,
		       struct inode *ndir, const char *nname, int nlen)
{
	(void)odir; (void)oname; (void)olen; (void)nlen;
	return proc_mkdir(ndir, nname, 0, 0);
}

/* Only a switch may be opened with O_TRUNC ("echo 1 > ..."), as
 * Linux's /proc/sys files may; nothing is cut. */
static int proc_setsize(struct inode *inode, loff_t size)
{
	struct proc_entry *pe = inode->i_private;

	(void)size;
	return pe->kind == PROC_TRACE_CHAIN || proc_files[pe->kind].sysctl ? 0 : -EACCES;
}

static const struct inode_operations proc_dir_inode_operations = {
	.lookup = proc_lookup,
	.create = proc_create,
	.mkdir = proc_mkdir,
	.mknod = proc_mknod,
	.symlink = proc_symlink,
	.link = proc_link,
	.unlink = proc_unlink,
	.rmdir = proc_unlink,
	.rename = proc_rename,
};

static const struct inode_operations proc_file_inode_operations = {
	.setsize = proc_setsize,
};

/* Boot: make the procfs root and give it the name /proc in the root
 * ramfs (there are no mounts; a directory entry does the job). */
void proc_root_init(void)
{
	vfs_lock();
	struct inode *root = proc_get_inode(NULL, PROC_ROOT, -1, -1);
	struct inode *dir = root_sb->s_root;
	int err = root ? dir->i_op->link(root, dir, "proc", 4) : -ENOMEM;
	if (!err)
		root->i_nlink--;	/* link() counted the name; 2 already does */
	proc_sb.s_root = root;
	vfs_unlock();
	if (err)
		panic("proc: cannot make /proc (%d)", err);
}
