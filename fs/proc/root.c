/*
 * root.c - what /proc holds (Linux's fs/proc/root.c, with the table
 * that Linux spreads over proc_create calls and base.c's pid_entry
 * arrays): every kind of procfs inode, its name, its directory, its
 * mode and how its text is made; and proc_root_init, which gives the
 * root its name at boot.
 *
 * The files: /proc/self, /proc/<pid>/fd/N (symlinks), /proc/<pid>/fdinfo/N
 * (fd.c), /proc/meminfo (meminfo.c), /proc/slabinfo, /proc/slab_allocators
 * (kernel/slub_debug.c: who allocated the objects in use), /proc/profile (with
 * profile=: the tick's profiler, kernel/profile.c), /proc/net/dev,
 * /proc/eventpoll (ours: epoll's live counters) and /proc/trace_chain
 * (ours: the chain trace's switch).
 * What ps and top read: /proc/<pid>/stat, status, cmdline and comm
 * (array.c), /proc/stat, uptime and loadavg (stat.c).
 * What netstat reads: /proc/net/tcp and udp (net/proc_net.c).  Ours:
 * /proc/net/copies, the bytes the network path copies (net/dev.c).
 * /proc/sys/net/core/{w,r}mem_{max,default} and /proc/sys/net/ipv4/
 * tcp_{w,r}mem, socket buffer sizes (net/sysctl_net.c), read and set.
 * The mount table: /proc/mounts, /proc/<pid>/mounts and mountinfo
 * (fs/proc_namespace.c).
 * Threads: /proc/<pid>/task/<tid>/ with stat, status, comm and cmdline
 * about that thread alone; /proc/<tid> of a thread that is not its
 * process's leader can be looked up but is not listed, as in Linux
 * (base.c).
 *
 * Context: boot (proc_root_init); the texts here run in process context.
 */
#include "kernel/kernel.h"
#include "arch/x86_64/cpu_common.h"
#include "kernel/errno.h"
#include "kernel/mm.h"
#include "fs/fs.h"
#include "fs/eventpoll.h"
#include "fs/proc/internal.h"
#include "net/netdevice.h"
#include "net/proc_net.h"
#include "net/sock.h"
#include "net/sysctl_net.h"
#include "kernel/chaintrace.h"
#include "kernel/profile.h"
#include "arch/x86_64/irq.h"

static size_t proc_eventpoll_show(char *buf, size_t size)
{
	struct eventpoll_stats s = ep_stats;

	return snprintf(buf, size,
			"eventpolls %ld\nepitems %ld\neppoll_entries %ld\n"
			"callbacks %ld\nwakeups %ld\n", s.eventpolls, s.epitems,
			s.eppoll_entries, s.callbacks, s.wakeups);
}

/* The kernel's caches, then lwIP's pools, which are caches too. */
static void proc_slabinfo_show(struct seq_file *m)
{
	slab_show(m);
	lwip_pools_slabinfo(m);
}

/* Every kind's name, directory, mode and text (struct proc_file in
 * internal.h says what each field is).  Adding a /proc file is its kind
 * in internal.h's enum and its line here. */
const struct proc_file proc_files[] = {
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
	[PROC_NET_TCP6]	   = { "tcp6", PROC_NET, PROC_REG, .seq_show = tcp6_proc_show },
	[PROC_NET_UDP6]	   = { "udp6", PROC_NET, PROC_REG, .seq_show = udp6_proc_show },
	[PROC_NET_IF_INET6] = { "if_inet6", PROC_NET, PROC_REG, .seq_show = if_inet6_proc_show },
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
	[PROC_SYS_FS_INOTIFY] = { "inotify", PROC_SYS_FS, PROC_DIR },
	[PROC_SYS_INOTIFY_QUEUED] = { "max_queued_events", PROC_SYS_FS_INOTIFY, PROC_SYSCTL,
				      .sysctl = &fs_inotify_max_queued_events },
	[PROC_SYS_INOTIFY_INSTANCES] = { "max_user_instances", PROC_SYS_FS_INOTIFY,
					 PROC_SYSCTL, .sysctl = &fs_inotify_max_user_instances },
	[PROC_SYS_INOTIFY_WATCHES] = { "max_user_watches", PROC_SYS_FS_INOTIFY,
				       PROC_SYSCTL, .sysctl = &fs_inotify_max_user_watches },
	[PROC_INTERRUPTS]  = { "interrupts", PROC_ROOT, PROC_REG,
			       .seq_show = show_interrupts },
	[PROC_PID_LIMITS]  = { "limits", PROC_PID, PROC_REG, .task_show = proc_pid_limits },
	[PROC_PID_MAPS]	   = { "maps", PROC_PID, PROC_REG, .task_show = proc_pid_maps },
	/* Who allocated the objects in use (Linux's alloc_calls), root's. */
	[PROC_SLAB_ALLOCATORS] = { "slab_allocators", PROC_ROOT, S_IFREG | 0400,
				   .seq_show = slab_allocators_show },
	[PROC_SCHEDSTAT]   = { "schedstat", PROC_ROOT, PROC_REG, .seq_show = show_schedstat },
	[PROC_PID_SCHEDSTAT] = { "schedstat", PROC_PID, PROC_REG,
				 .task_show = proc_pid_schedstat },
	[PROC_PID_TASK]	   = { "task", PROC_PID, PROC_DIR },
	[PROC_TID]	   = { NULL, PROC_PID_TASK, PROC_DIR },
	[PROC_TID_STAT]	   = { "stat", PROC_TID, PROC_REG, .task_show = proc_tid_stat },
	[PROC_TID_STATUS]  = { "status", PROC_TID, PROC_REG, .task_show = proc_pid_status },
	[PROC_TID_CMDLINE] = { "cmdline", PROC_TID, PROC_REG, .task_show = proc_pid_cmdline },
	[PROC_TID_COMM]	   = { "comm", PROC_TID, PROC_REG, .task_show = proc_pid_comm },
};
const int proc_nr_files = ARRAY_SIZE(proc_files);

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
