/*
 * sys.c - system calls about the system and the process's relation to
 * it: uname, the resource limits (getrlimit, setrlimit, prlimit64),
 * sysinfo and getcpu.  Linux keeps the same calls in kernel/sys.c.
 *
 * Context: process context (every call copies to or from user space).
 * The limit table is changed only from process context, and a system
 * call is not preempted by another process's system call touching it
 * (one process, one CPU), so it needs no lock yet.
 */
#include "fs/fs.h"
#include "kernel/kernel.h"
#include "kernel/errno.h"
#include "kernel/sched.h"
#include "kernel/mm.h"
#include "kernel/params.h"
#include "kernel/resource.h"
#include "kernel/timekeeping.h"
#include "kernel/kernel_stat.h"
#include "kernel/syscalls.h"
#include "kernel/cred.h"
#include "kernel/pid.h"
#include "kernel/signal.h"
#include "arch/x86_64/uaccess.h"

/* --- uname --- */

#define __NEW_UTS_LEN	64

struct new_utsname {
	char sysname[__NEW_UTS_LEN + 1];
	char nodename[__NEW_UTS_LEN + 1];
	char release[__NEW_UTS_LEN + 1];
	char version[__NEW_UTS_LEN + 1];
	char machine[__NEW_UTS_LEN + 1];
	char domainname[__NEW_UTS_LEN + 1];
};

/*
 * sysname is "Linux" because the interface is Linux's: programs decide
 * from it which system calls and /proc files to expect (and musl-built
 * tools print it).  release looks like a Linux version because C
 * libraries and tools parse it to decide which features the kernel has;
 * 6.1 is the kernel whose behaviour we follow.  version carries no build
 * date so that two builds of the same source are identical.
 */
static struct new_utsname init_uts_ns = {
	.sysname = "Linux",
	.nodename = "epollos",
	.release = "6.1.0-epollos",
	.version = "#1 PREEMPT epollos",
	.machine = "x86_64",
	.domainname = "(none)",
};

/* "hostname=name" on the command line sets the nodename, as in Linux. */
static int set_hostname(const char *val)
{
	if (!val || !*val)
		return -EINVAL;
	strlcpy(init_uts_ns.nodename, val, sizeof(init_uts_ns.nodename));
	return 0;
}
__setup("hostname", set_hostname);

long sys_uname(struct new_utsname __user *name)
{
	if (copy_to_user(name, &init_uts_ns, sizeof(init_uts_ns)))
		return -EFAULT;
	return 0;
}

/* --- resource limits --- */

/* RLIMIT_NOFILE: Linux's soft default; the hard limit (and the highest
 * anyone may set, Linux's fs.nr_open) is the size the descriptor table
 * can grow to, NR_OPEN_MAX (fs/fs.h), so it reports the truth. */
#define INR_OPEN_CUR		1024
#define MLOCK_LIMIT		(8UL << 20)
#define MQ_BYTES_MAX		819200

/*
 * Linux's initial limits (INIT_RLIMITS), which init passes on to every
 * process.  NPROC and SIGPENDING are filled in by rlimits_init() from
 * the memory size, as Linux's fork_init() does.
 */
static struct rlimit init_rlimits[RLIM_NLIMITS] = {
	[RLIMIT_CPU]		= { RLIM_INFINITY, RLIM_INFINITY },
	[RLIMIT_FSIZE]		= { RLIM_INFINITY, RLIM_INFINITY },
	[RLIMIT_DATA]		= { RLIM_INFINITY, RLIM_INFINITY },
	[RLIMIT_STACK]		= { STACK_RLIMIT, RLIM_INFINITY },
	[RLIMIT_CORE]		= { 0, RLIM_INFINITY },
	[RLIMIT_RSS]		= { RLIM_INFINITY, RLIM_INFINITY },
	[RLIMIT_NOFILE]		= { INR_OPEN_CUR, NR_OPEN_MAX },
	[RLIMIT_MEMLOCK]	= { MLOCK_LIMIT, MLOCK_LIMIT },
	[RLIMIT_AS]		= { RLIM_INFINITY, RLIM_INFINITY },
	[RLIMIT_LOCKS]		= { RLIM_INFINITY, RLIM_INFINITY },
	[RLIMIT_MSGQUEUE]	= { MQ_BYTES_MAX, MQ_BYTES_MAX },
	[RLIMIT_NICE]		= { 0, 0 },
	[RLIMIT_RTPRIO]		= { 0, 0 },
	[RLIMIT_RTTIME]		= { RLIM_INFINITY, RLIM_INFINITY },
};

/* Half of threads-max, as Linux's fork_init sets it. */
static void rlimits_init(void)
{
	int max = get_max_threads();

	init_rlimits[RLIMIT_NPROC].rlim_cur = max / 2;
	init_rlimits[RLIMIT_NPROC].rlim_max = max / 2;
	init_rlimits[RLIMIT_SIGPENDING] = init_rlimits[RLIMIT_NPROC];
}

struct rlimit *task_rlimits(struct task_struct *tsk)
{
	if (tsk && tsk->signal)
		return tsk->signal->rlim;
	if (!init_rlimits[RLIMIT_NPROC].rlim_max)
		rlimits_init();
	return init_rlimits;
}

unsigned long rlimit(unsigned int resource)
{
	return task_rlimits(current)[resource].rlim_cur;
}

int do_prlimit(struct task_struct *tsk, unsigned int resource,
	       const struct rlimit *new_rlim, struct rlimit *old_rlim)
{
	if (resource >= RLIM_NLIMITS)
		return -EINVAL;
	struct rlimit *rlim = &task_rlimits(tsk)[resource];

	if (new_rlim) {
		if (new_rlim->rlim_cur > new_rlim->rlim_max)
			return -EINVAL;
		if (resource == RLIMIT_NOFILE &&
		    new_rlim->rlim_max > NR_OPEN_MAX)
			return -EPERM;
		if (new_rlim->rlim_max > rlim->rlim_max &&
		    !capable(CAP_SYS_RESOURCE))
			return -EPERM;
	}
	if (old_rlim)
		*old_rlim = *rlim;
	if (new_rlim)
		*rlim = *new_rlim;
	return 0;
}

/* Another process's limits may be read and set by a process of the
 * same user (real, effective and saved ids all the caller's real ones)
 * or with CAP_SYS_RESOURCE (Linux's check_prlimit_permission). */
static int prlimit_permission(const struct task_struct *tsk)
{
	const struct cred *c = current->cred, *t = tsk->cred;

	if (tsk->signal == current->signal)
		return 0;
	if (c->uid == t->euid && c->uid == t->suid && c->uid == t->uid &&
	    c->gid == t->egid && c->gid == t->sgid && c->gid == t->gid)
		return 0;
	return capable(CAP_SYS_RESOURCE) ? 0 : -EPERM;
}

long sys_getrlimit(unsigned int resource, struct rlimit __user *rlim)
{
	struct rlimit value;
	int ret = do_prlimit(current, resource, NULL, &value);

	if (!ret && copy_to_user(rlim, &value, sizeof(value)))
		return -EFAULT;
	return ret;
}

/* The user's struct is read before the resource is checked (Linux's
 * order: a bad pointer wins over a bad resource). */
long sys_setrlimit(unsigned int resource, struct rlimit __user *rlim)
{
	struct rlimit new_rlim;

	if (copy_from_user(&new_rlim, rlim, sizeof(new_rlim)))
		return -EFAULT;
	return do_prlimit(current, resource, &new_rlim, NULL);
}

/* If writing old_rlim fails, the new limit has still been set: Linux
 * too reports -EFAULT after the fact. */
long sys_prlimit64(int pid, unsigned int resource,
		   const struct rlimit __user *new_rlim,
		   struct rlimit __user *old_rlim)
{
	struct rlimit new, old;

	if (new_rlim && copy_from_user(&new, new_rlim, sizeof(new)))
		return -EFAULT;
	/* tasklist_lock keeps the task (and its signal_struct) from going
	 * while its limits are read and set; nothing here sleeps. */
	unsigned long flags;
	spin_lock_irqsave(&tasklist_lock, flags);
	struct task_struct *tsk = pid ? find_task_by_pid(pid) : current;
	int ret = !tsk || !tsk->signal ? -ESRCH : prlimit_permission(tsk);
	if (!ret)
		ret = do_prlimit(tsk, resource, new_rlim ? &new : NULL,
				 old_rlim ? &old : NULL);
	spin_unlock_irqrestore(&tasklist_lock, flags);
	if (!ret && old_rlim && copy_to_user(old_rlim, &old, sizeof(old)))
		return -EFAULT;
	return ret;
}

/* --- sysinfo, getcpu --- */

#define SI_LOAD_SHIFT	16

struct sysinfo {
	long uptime;			/* seconds since boot */
	unsigned long loads[3];		/* 1, 5, 15 min load, << 16 */
	unsigned long totalram, freeram, sharedram, bufferram;
	unsigned long totalswap, freeswap;
	u16 procs;			/* number of tasks */
	u16 pad;
	unsigned long totalhigh, freehigh;
	u32 mem_unit;			/* the unit of the sizes, bytes */
	char _f[20 - 2 * sizeof(long) - sizeof(int)];	/* empty on 64-bit */
};

/* Loads are avenrun[] (kernel/loadavg.c) with 16 fraction bits, sizes
 * in bytes (mem_unit 1), as Linux reports them on 64-bit. */
long sys_sysinfo(struct sysinfo __user *info)
{
	struct sysinfo val;
	u64 up = ktime_get_ns();

	memset(&val, 0, sizeof(val));
	val.uptime = up / NSEC_PER_SEC + (up % NSEC_PER_SEC ? 1 : 0);
	for (int i = 0; i < 3; i++)
		val.loads[i] = READ_ONCE(avenrun[i]) << (SI_LOAD_SHIFT - FSHIFT);
	val.totalram = totalram_pages() * PAGE_SIZE;
	val.freeram = nr_free_pages() * PAGE_SIZE;
	val.procs = MIN((unsigned int)READ_ONCE(nr_threads), 0xffffu);
	val.mem_unit = 1;
	if (copy_to_user(info, &val, sizeof(val)))
		return -EFAULT;
	return 0;
}

/* The CPU we run on (it may change the moment we return, unless the
 * affinity mask allows one), in one NUMA node (0).  The third argument
 * is unused since Linux 2.6.24. */
long sys_getcpu(unsigned int __user *cpup, unsigned int __user *nodep,
		void __user *unused)
{
	unsigned int cpu = (unsigned int)task_cpu(current);

	(void)unused;
	if (cpup && put_user(cpu, cpup))
		return -EFAULT;
	if (nodep && put_user(0u, nodep))
		return -EFAULT;
	return 0;
}

/* --- user and group ids (the cred model: kernel/cred.h) ---
 *
 * Each call follows Linux's rules: uid 0 (CAP_SETUID, CAP_SETGID) may
 * set any id; anyone else may only move among the ids it already has
 * (real, effective, saved).  (uid_t)-1 means "leave this one" where a
 * call takes several ids, and is EINVAL where it takes one.  fsuid
 * follows euid on every change except setfsuid's own.
 */

/* May an unprivileged task take id?  Only if it is one of its three. */
static bool id_is_ours(uid_t id, uid_t r, uid_t e, uid_t s)
{
	return id == r || id == e || id == s;
}

long sys_setuid(uid_t uid)
{
	const struct cred *old = current_cred();

	if (uid == INVALID_UID)
		return -EINVAL;
	struct cred *new = prepare_creds();
	if (!new)
		return -ENOMEM;
	if (capable(CAP_SETUID)) {
		new->uid = new->suid = uid;
	} else if (uid != old->uid && uid != old->suid) {
		abort_creds(new);
		return -EPERM;
	}
	new->euid = new->fsuid = uid;
	commit_creds(new);
	return 0;
}

long sys_setgid(gid_t gid)
{
	const struct cred *old = current_cred();

	if (gid == INVALID_UID)
		return -EINVAL;
	struct cred *new = prepare_creds();
	if (!new)
		return -ENOMEM;
	if (capable(CAP_SETGID)) {
		new->gid = new->sgid = gid;
	} else if (gid != old->gid && gid != old->sgid) {
		abort_creds(new);
		return -EPERM;
	}
	new->egid = new->fsgid = gid;
	commit_creds(new);
	return 0;
}

/* The real id may become the real or effective one; the effective id
 * any of the three.  The saved id follows the new effective id when the
 * real id is set or the effective id moves off the real one. */
long sys_setreuid(uid_t ruid, uid_t euid)
{
	const struct cred *old = current_cred();
	bool priv = capable(CAP_SETUID);

	if ((ruid != INVALID_UID && !priv && ruid != old->uid &&
	     ruid != old->euid) ||
	    (euid != INVALID_UID && !priv &&
	     !id_is_ours(euid, old->uid, old->euid, old->suid)))
		return -EPERM;
	struct cred *new = prepare_creds();
	if (!new)
		return -ENOMEM;
	if (ruid != INVALID_UID)
		new->uid = ruid;
	if (euid != INVALID_UID)
		new->euid = euid;
	if (ruid != INVALID_UID || (euid != INVALID_UID && euid != old->uid))
		new->suid = new->euid;
	new->fsuid = new->euid;
	commit_creds(new);
	return 0;
}

long sys_setregid(gid_t rgid, gid_t egid)
{
	const struct cred *old = current_cred();
	bool priv = capable(CAP_SETGID);

	if ((rgid != INVALID_UID && !priv && rgid != old->gid &&
	     rgid != old->egid) ||
	    (egid != INVALID_UID && !priv &&
	     !id_is_ours(egid, old->gid, old->egid, old->sgid)))
		return -EPERM;
	struct cred *new = prepare_creds();
	if (!new)
		return -ENOMEM;
	if (rgid != INVALID_UID)
		new->gid = rgid;
	if (egid != INVALID_UID)
		new->egid = egid;
	if (rgid != INVALID_UID || (egid != INVALID_UID && egid != old->gid))
		new->sgid = new->egid;
	new->fsgid = new->egid;
	commit_creds(new);
	return 0;
}

long sys_setresuid(uid_t ruid, uid_t euid, uid_t suid)
{
	const struct cred *old = current_cred();

	if (!capable(CAP_SETUID)) {
		uid_t r = old->uid, e = old->euid, s = old->suid;
		if ((ruid != INVALID_UID && !id_is_ours(ruid, r, e, s)) ||
		    (euid != INVALID_UID && !id_is_ours(euid, r, e, s)) ||
		    (suid != INVALID_UID && !id_is_ours(suid, r, e, s)))
			return -EPERM;
	}
	struct cred *new = prepare_creds();
	if (!new)
		return -ENOMEM;
	if (ruid != INVALID_UID)
		new->uid = ruid;
	if (euid != INVALID_UID)
		new->euid = euid;
	if (suid != INVALID_UID)
		new->suid = suid;
	new->fsuid = new->euid;
	commit_creds(new);
	return 0;
}

long sys_setresgid(gid_t rgid, gid_t egid, gid_t sgid)
{
	const struct cred *old = current_cred();

	if (!capable(CAP_SETGID)) {
		gid_t r = old->gid, e = old->egid, s = old->sgid;
		if ((rgid != INVALID_UID && !id_is_ours(rgid, r, e, s)) ||
		    (egid != INVALID_UID && !id_is_ours(egid, r, e, s)) ||
		    (sgid != INVALID_UID && !id_is_ours(sgid, r, e, s)))
			return -EPERM;
	}
	struct cred *new = prepare_creds();
	if (!new)
		return -ENOMEM;
	if (rgid != INVALID_UID)
		new->gid = rgid;
	if (egid != INVALID_UID)
		new->egid = egid;
	if (sgid != INVALID_UID)
		new->sgid = sgid;
	new->fsgid = new->egid;
	commit_creds(new);
	return 0;
}

static long put_three(u32 a, u32 b, u32 c, u32 __user *pa, u32 __user *pb,
		      u32 __user *pc)
{
	if (put_user(a, pa) || put_user(b, pb) || put_user(c, pc))
		return -EFAULT;
	return 0;
}

long sys_getresuid(uid_t __user *ruid, uid_t __user *euid, uid_t __user *suid)
{
	const struct cred *c = current_cred();

	return put_three(c->uid, c->euid, c->suid, ruid, euid, suid);
}

long sys_getresgid(gid_t __user *rgid, gid_t __user *egid, gid_t __user *sgid)
{
	const struct cred *c = current_cred();

	return put_three(c->gid, c->egid, c->sgid, rgid, egid, sgid);
}

/* Always returns the old fsuid: the caller learns of a refusal only by
 * calling again.  (Linux's quirk, kept.) */
long sys_setfsuid(uid_t uid)
{
	const struct cred *old = current_cred();
	uid_t was = old->fsuid;

	if (uid == INVALID_UID)
		return was;
	if (!(id_is_ours(uid, old->uid, old->euid, old->suid) ||
	      uid == old->fsuid || capable(CAP_SETUID)))
		return was;
	if (uid != was) {
		struct cred *new = prepare_creds();
		if (new) {
			new->fsuid = uid;
			commit_creds(new);
		}
	}
	return was;
}

long sys_setfsgid(gid_t gid)
{
	const struct cred *old = current_cred();
	gid_t was = old->fsgid;

	if (gid == INVALID_UID)
		return was;
	if (!(id_is_ours(gid, old->gid, old->egid, old->sgid) ||
	      gid == old->fsgid || capable(CAP_SETGID)))
		return was;
	if (gid != was) {
		struct cred *new = prepare_creds();
		if (new) {
			new->fsgid = gid;
			commit_creds(new);
		}
	}
	return was;
}

/* --- getpriority, setpriority: nice values --- */

#define PRIO_PROCESS	0
#define PRIO_PGRP	1
#define PRIO_USER	2

/* Whether the current task may change p's nice value at all (Linux's
 * set_one_prio permission: the same user, or CAP_SYS_NICE). */
static bool may_renice(const struct task_struct *p)
{
	const struct cred *c = current_cred(), *pc = p->cred;

	return pc->uid == c->euid || pc->euid == c->euid ||
	       capable(CAP_SYS_NICE);
}

/* Whether task p is one that (which, who) names.  who has been made
 * concrete (0 replaced by ours).  tasklist_lock held. */
static bool prio_matches(const struct task_struct *p, int which, int who)
{
	switch (which) {
	case PRIO_PROCESS:
		return p->pid == who;
	case PRIO_PGRP:
		return p->pgid == who;
	default:
		return p->cred->uid == (uid_t)who;
	}
}

static int prio_who(int which, int who)
{
	if (who)
		return who;
	return which == PRIO_PROCESS ? current->pid :
	       which == PRIO_PGRP ? current->pgid : (int)current_cred()->uid;
}

/* The highest priority (lowest nice) among the tasks named, encoded as
 * Linux's raw system call returns it: 20 - nice, 1..40, so that no
 * success looks like an error.  The C library turns it back. */
long sys_getpriority(int which, int who)
{
	struct task_struct *p;
	unsigned long flags;
	long best = -ESRCH;

	if (which < PRIO_PROCESS || which > PRIO_USER)
		return -EINVAL;
	who = prio_who(which, who);
	spin_lock_irqsave(&tasklist_lock, flags);
	for_each_user_process(p) {
		if (p->exit_state || !prio_matches(p, which, who))
			continue;
		long niceval = 20 - task_nice(p);
		if (niceval > best)
			best = niceval;
	}
	spin_unlock_irqrestore(&tasklist_lock, flags);
	return best;
}

/* Every task named gets niceval (clamped to -20..19).  Linux's errors:
 * EPERM for another user's task, EACCES for lowering a nice value
 * without CAP_SYS_NICE (RLIMIT_NICE is 0); ESRCH if none matched. */
long sys_setpriority(int which, int who, int niceval)
{
	struct task_struct *p;
	unsigned long flags;
	long err = -ESRCH;

	if (which < PRIO_PROCESS || which > PRIO_USER)
		return -EINVAL;
	if (niceval < MIN_NICE)
		niceval = MIN_NICE;
	if (niceval > MAX_NICE)
		niceval = MAX_NICE;
	who = prio_who(which, who);
	spin_lock_irqsave(&tasklist_lock, flags);
	for_each_user_process(p) {
		if (p->exit_state || !prio_matches(p, which, who))
			continue;
		if (!may_renice(p)) {
			err = -EPERM;
			continue;
		}
		if (niceval < task_nice(p) && !capable(CAP_SYS_NICE)) {
			err = -EACCES;
			continue;
		}
		p->static_prio = NICE_TO_PRIO(niceval);
		if (err == -ESRCH)
			err = 0;
	}
	spin_unlock_irqrestore(&tasklist_lock, flags);
	return err;
}

/* --- prctl: the calling thread's own settings --- */

#define PR_SET_PDEATHSIG	1
#define PR_GET_PDEATHSIG	2
#define PR_GET_DUMPABLE		3
#define PR_SET_DUMPABLE		4
#define PR_SET_NAME		15
#define PR_GET_NAME		16
#define PR_SET_TIMERSLACK	29
#define PR_GET_TIMERSLACK	30
#define PR_SET_NO_NEW_PRIVS	38
#define PR_GET_NO_NEW_PRIVS	39

#define SUID_DUMP_DISABLE	0
#define SUID_DUMP_USER		1

/* PR_SET_NAME: up to 15 bytes of the string become comm (/proc/PID/comm,
 * ps).  Copied into a buffer first, then into comm, so a fault leaves
 * the old name whole. */
static long prctl_set_name(const char __user *name)
{
	char comm[TASK_COMM_LEN];

	if (strncpy_from_user(comm, name, sizeof(comm) - 1) < 0)
		return -EFAULT;
	comm[sizeof(comm) - 1] = '\0';
	task_lock(current);
	strlcpy(current->comm, comm, sizeof(current->comm));
	task_unlock(current);
	return 0;
}

static long prctl_get_name(char __user *name)
{
	char comm[TASK_COMM_LEN];

	task_lock(current);
	strlcpy(comm, current->comm, sizeof(comm));
	task_unlock(current);
	return copy_to_user(name, comm, sizeof(comm)) ? -EFAULT : 0;
}

long sys_prctl(int option, unsigned long arg2, unsigned long arg3,
	       unsigned long arg4, unsigned long arg5)
{
	struct mm_struct *mm = current->mm;

	switch (option) {
	case PR_SET_PDEATHSIG:
		if (arg2 >= _NSIG)	/* 0 turns it off */
			return -EINVAL;
		current->pdeath_signal = arg2;
		return 0;
	case PR_GET_PDEATHSIG:
		return put_user(current->pdeath_signal, (int __user *)arg2);
	case PR_GET_DUMPABLE:
		return mm->dumpable;
	case PR_SET_DUMPABLE:
		if (arg2 != SUID_DUMP_DISABLE && arg2 != SUID_DUMP_USER)
			return -EINVAL;
		mm->dumpable = arg2;
		return 0;
	case PR_SET_NAME:
		return prctl_set_name((const char __user *)arg2);
	case PR_GET_NAME:
		return prctl_get_name((char __user *)arg2);
	case PR_SET_TIMERSLACK:
		current->timer_slack_ns = arg2 ? arg2 :
					  current->default_timer_slack_ns;
		return 0;
	case PR_GET_TIMERSLACK:
		return current->timer_slack_ns;
	case PR_SET_NO_NEW_PRIVS:
		if (arg2 != 1 || arg3 || arg4 || arg5)
			return -EINVAL;
		current->no_new_privs = true;	/* for good, children too */
		return 0;
	case PR_GET_NO_NEW_PRIVS:
		if (arg2 || arg3 || arg4 || arg5)
			return -EINVAL;
		return current->no_new_privs;
	default:
		return -EINVAL;
	}
}

/* --- getrusage, times: where the time went --- */

#define RUSAGE_SELF	0
#define RUSAGE_CHILDREN	(-1)
#define RUSAGE_THREAD	1

/* Linux's struct rusage, 144 bytes: two timevals and fourteen longs. */
struct rusage {
	struct __kernel_old_timeval ru_utime, ru_stime;
	long ru_maxrss, ru_ixrss, ru_idrss, ru_isrss, ru_minflt, ru_majflt;
	long ru_nswap, ru_inblock, ru_oublock, ru_msgsnd, ru_msgrcv;
	long ru_nsignals, ru_nvcsw, ru_nivcsw;
};

static struct __kernel_old_timeval ticks_to_tv(u64 ticks)
{
	return (struct __kernel_old_timeval){
		.tv_sec = ticks / HZ,
		.tv_usec = ticks % HZ * (1000000 / HZ),
	};
}

/* The resident set in kB: what we have for ru_maxrss, since the peak is
 * not kept (Linux's hiwater_rss); it is never above the true peak. */
static long rss_kb(struct mm_struct *mm)
{
	if (!mm)
		return 0;
	mmap_read_lock(mm);
	unsigned long rss = get_mm_rss(mm);
	mmap_read_unlock(mm);
	return rss << (PAGE_SHIFT - 10);
}

/*
 * Linux's getrusage: RUSAGE_SELF is every thread of the process, the
 * dead ones' times included; RUSAGE_THREAD the caller alone;
 * RUSAGE_CHILDREN the reaped children (and theirs), as wait4 summed
 * them.  Fault, block and message counters are not kept: zero.
 */
long sys_getrusage(int who, struct rusage __user *ru)
{
	struct task_struct *t;
	struct rusage r = { 0 };
	unsigned long flags;
	u64 utime, stime;

	switch (who) {
	case RUSAGE_SELF:
		thread_group_cputime(current, &utime, &stime, NULL);
		spin_lock_irqsave(&tasklist_lock, flags);
		for_each_thread(current, t) {
			r.ru_nvcsw += t->nvcsw;
			r.ru_nivcsw += t->nivcsw;
		}
		spin_unlock_irqrestore(&tasklist_lock, flags);
		r.ru_maxrss = rss_kb(current->mm);
		break;
	case RUSAGE_THREAD:
		utime = current->utime;
		stime = current->stime;
		r.ru_nvcsw = current->nvcsw;
		r.ru_nivcsw = current->nivcsw;
		r.ru_maxrss = rss_kb(current->mm);
		break;
	case RUSAGE_CHILDREN:
		utime = current->signal->cutime;
		stime = current->signal->cstime;
		break;
	default:
		return -EINVAL;
	}
	r.ru_utime = ticks_to_tv(utime);
	r.ru_stime = ticks_to_tv(stime);
	return copy_to_user(ru, &r, sizeof(r)) ? -EFAULT : 0;
}

struct tms {
	long tms_utime, tms_stime, tms_cutime, tms_cstime;
};

/* times(2): the process's and its reaped children's times in clock
 * ticks, and the ticks since boot (Linux counts from an offset; only
 * differences mean anything). */
long sys_times(struct tms __user *tbuf)
{
	if (tbuf) {
		u64 utime, stime;

		thread_group_cputime(current, &utime, &stime, NULL);
		struct tms tmp = {
			.tms_utime = utime, .tms_stime = stime,
			.tms_cutime = current->signal->cutime,
			.tms_cstime = current->signal->cstime,
		};
		if (copy_to_user(tbuf, &tmp, sizeof(tmp)))
			return -EFAULT;
	}
	return jiffies;
}
