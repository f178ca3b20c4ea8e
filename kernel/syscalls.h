/*
 * syscalls.h - prototypes of the sys_* functions that
 * arch/x86_64/syscall_table.c maps numbers to (Linux's
 * include/linux/syscalls.h).  Each takes the user's register-sized
 * arguments and returns the result or -errno; context: process context
 * of the calling task.  Grouped by area, one block per file.
 */
#ifndef KERNEL_SYSCALLS_H
#define KERNEL_SYSCALLS_H

#include "kernel/types.h"

struct __kernel_timespec;
struct __kernel_old_timeval;
struct timezone;
struct new_utsname;
struct rlimit;
struct sysinfo;

/* --- time, memory, system information, scheduling (sys area) --- */

/* kernel/time.c */
long sys_time(s64 *tloc);
long sys_gettimeofday(struct __kernel_old_timeval *tv, struct timezone *tz);
/* kernel/posix-timers.c */
long sys_clock_gettime(int which_clock, struct __kernel_timespec *tp);
long sys_clock_getres(int which_clock, struct __kernel_timespec *tp);
long sys_clock_nanosleep(int which_clock, int flags,
			 struct __kernel_timespec *rqtp,
			 struct __kernel_timespec *rmtp);
/* kernel/hrtimer.c */
long sys_nanosleep(struct __kernel_timespec *rqtp,
		   struct __kernel_timespec *rmtp);

/* kernel/mmap.c, mprotect.c, madvise.c; arch/x86_64/sys_x86_64.c */
long sys_brk(unsigned long brk);
long ksys_mmap_pgoff(unsigned long addr, unsigned long len,
		     unsigned long prot, unsigned long flags,
		     unsigned long fd, unsigned long pgoff);
long sys_mmap(unsigned long addr, unsigned long len, unsigned long prot,
	      unsigned long flags, unsigned long fd, unsigned long off);
long sys_munmap(unsigned long addr, size_t len);
long sys_mprotect(unsigned long start, size_t len, unsigned long prot);
long sys_madvise(unsigned long start, size_t len_in, int behavior);

/* kernel/sys.c */
long sys_uname(struct new_utsname *name);
long sys_getrlimit(unsigned int resource, struct rlimit *rlim);
long sys_setrlimit(unsigned int resource, struct rlimit *rlim);
long sys_prlimit64(int pid, unsigned int resource,
		   const struct rlimit *new_rlim, struct rlimit *old_rlim);
long sys_sysinfo(struct sysinfo *info);
long sys_getcpu(unsigned int *cpup, unsigned int *nodep, void *unused);

/* kernel/random.c */
long sys_getrandom(char *buf, size_t count, unsigned int flags);

/* kernel/sched_syscalls.c */
long sys_sched_yield(void);
long sys_sched_getaffinity(int pid, unsigned int len,
			   unsigned long *user_mask_ptr);
long sys_sched_setaffinity(int pid, unsigned int len,
			   unsigned long *user_mask_ptr);

#endif
