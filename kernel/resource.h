/*
 * resource.h - resource limits (getrlimit/setrlimit/prlimit64), with
 * Linux's numbering (uapi/asm-generic/resource.h).
 */
#ifndef KERNEL_RESOURCE_H
#define KERNEL_RESOURCE_H

#include "kernel/types.h"

#define RLIMIT_CPU		0	/* CPU time, s */
#define RLIMIT_FSIZE		1	/* largest file created */
#define RLIMIT_DATA		2	/* data + heap + private mappings */
#define RLIMIT_STACK		3	/* main thread's stack */
#define RLIMIT_CORE		4	/* core file size */
#define RLIMIT_RSS		5	/* resident set (unenforced in Linux) */
#define RLIMIT_NPROC		6	/* processes of the user */
#define RLIMIT_NOFILE		7	/* open file descriptors + 1 */
#define RLIMIT_MEMLOCK		8	/* locked-in-memory bytes */
#define RLIMIT_AS		9	/* address space size */
#define RLIMIT_LOCKS		10	/* file locks */
#define RLIMIT_SIGPENDING	11	/* queued signals */
#define RLIMIT_MSGQUEUE		12	/* bytes in POSIX message queues */
#define RLIMIT_NICE		13	/* nice ceiling, as 20 - nice */
#define RLIMIT_RTPRIO		14	/* real-time priority ceiling */
#define RLIMIT_RTTIME		15	/* real-time CPU time without sleeping, us */
#define RLIM_NLIMITS		16

#define RLIM_INFINITY		(~0UL)
#define RLIM64_INFINITY		(~0ULL)

/* struct rlimit of x86-64: two unsigned longs.  struct rlimit64 (of
 * prlimit64) has the same layout there. */
struct rlimit {
	unsigned long rlim_cur;		/* soft: what is enforced */
	unsigned long rlim_max;		/* hard: ceiling for rlim_cur */
};

struct task_struct;

/*
 * The limits of task tsk: tsk->signal->rlim[], as in Linux, shared by a
 * process's threads and copied at fork.  A kernel thread, or tsk NULL,
 * gets the defaults every first process starts with.
 */
struct rlimit *task_rlimits(struct task_struct *tsk);

/* current's soft limit for resource (Linux's rlimit()). */
unsigned long rlimit(unsigned int resource);

/* Read and/or change tsk's limit; 0 or -EINVAL/-EPERM.  Either pointer
 * may be NULL.  Kernel pointers.  Process context. */
int do_prlimit(struct task_struct *tsk, unsigned int resource,
	       const struct rlimit *new_rlim, struct rlimit *old_rlim);

#endif
