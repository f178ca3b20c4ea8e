/*
 * syscalls.h - the system call functions, for the table in
 * arch/x86_64/syscall_table.c.  Each takes the user's arguments as Linux
 * documents them and returns the result or -errno.
 */
#ifndef KERNEL_SYSCALLS_H
#define KERNEL_SYSCALLS_H

#include "kernel/types.h"
#include "kernel/signal.h"
#include "kernel/futex.h"

struct iovec;
struct rusage;

/* fs/ */
long sys_read(unsigned int fd, char __user *buf, size_t count);
long sys_write(unsigned int fd, const char __user *buf, size_t count);
long sys_readv(unsigned int fd, const struct iovec __user *vec, unsigned long vlen);
long sys_writev(unsigned int fd, const struct iovec __user *vec, unsigned long vlen);
long sys_lseek(unsigned int fd, long offset, unsigned int whence);
long sys_open(const char __user *filename, int flags, unsigned int mode);
long sys_openat(int dfd, const char __user *filename, int flags, unsigned int mode);
long sys_close(unsigned int fd);
long sys_dup(unsigned int fd);
long sys_ioctl(unsigned int fd, unsigned int cmd, unsigned long arg);
long sys_pipe(int __user *fildes);
long sys_pipe2(int __user *fildes, int flags);
long sys_dup2(unsigned int oldfd, unsigned int newfd);
long sys_dup3(unsigned int oldfd, unsigned int newfd, int flags);
long sys_fcntl(unsigned int fd, unsigned int cmd, unsigned long arg);
long sys_eventfd(unsigned int initval);
long sys_eventfd2(unsigned int initval, int flags);
/* fs/select.c */
struct pollfd;
struct __kernel_timespec;
struct __kernel_old_timeval;
long sys_poll(struct pollfd __user *ufds, unsigned int nfds, int timeout_msecs);
long sys_ppoll(struct pollfd __user *ufds, unsigned int nfds,
	       struct __kernel_timespec __user *tsp,
	       const sigset_t __user *sigmask, size_t sigsetsize);
long sys_select(int n, void __user *inp, void __user *outp, void __user *exp,
		struct __kernel_old_timeval __user *tvp);
long sys_pselect6(int n, void __user *inp, void __user *outp, void __user *exp,
		  struct __kernel_timespec __user *tsp, void __user *sig);
/* fs/eventpoll_syscalls.c */
struct epoll_event;
struct __kernel_timespec;
long sys_epoll_create(int size);
long sys_epoll_create1(int flags);
long sys_epoll_ctl(int epfd, int op, int fd, struct epoll_event __user *event);
long sys_epoll_wait(int epfd, struct epoll_event __user *events,
		    int maxevents, int timeout);
long sys_epoll_pwait(int epfd, struct epoll_event __user *events,
		     int maxevents, int timeout,
		     const sigset_t __user *sigmask, size_t sigsetsize);
long sys_epoll_pwait2(int epfd, struct epoll_event __user *events,
		      int maxevents,
		      const struct __kernel_timespec __user *timeout,
		      const sigset_t __user *sigmask, size_t sigsetsize);
long sys_creat(const char __user *pathname, unsigned int mode);
long sys_pread64(unsigned int fd, char __user *buf, size_t count, long long pos);
long sys_pwrite64(unsigned int fd, const char __user *buf, size_t count,
		  long long pos);
long sys_preadv(unsigned long fd, const struct iovec __user *vec,
		unsigned long vlen, unsigned long pos_l, unsigned long pos_h);
long sys_pwritev(unsigned long fd, const struct iovec __user *vec,
		 unsigned long vlen, unsigned long pos_l, unsigned long pos_h);
long sys_sendfile64(int out_fd, int in_fd, long long __user *offset,
		    size_t count);
long sys_truncate(const char __user *path, long length);
long sys_ftruncate(unsigned int fd, unsigned long length);
long sys_chmod(const char __user *filename, unsigned int mode);
long sys_fchmod(unsigned int fd, unsigned int mode);
long sys_fchmodat(int dfd, const char __user *filename, unsigned int mode);
long sys_access(const char __user *filename, int mode);
long sys_faccessat(int dfd, const char __user *filename, int mode);
long sys_faccessat2(int dfd, const char __user *filename, int mode, int flags);
struct stat;
struct statx;
long sys_newstat(const char __user *filename, struct stat __user *statbuf);
long sys_newlstat(const char __user *filename, struct stat __user *statbuf);
long sys_newfstat(unsigned int fd, struct stat __user *statbuf);
long sys_newfstatat(int dfd, const char __user *filename,
		    struct stat __user *statbuf, int flag);
long sys_statx(int dfd, const char __user *filename, unsigned int flags,
	       unsigned int mask, struct statx __user *buffer);
long sys_getdents64(unsigned int fd, void __user *dirent, unsigned int count);
long sys_getcwd(char __user *buf, unsigned long size);
long sys_chdir(const char __user *filename);
long sys_fchdir(unsigned int fd);
long sys_mkdir(const char __user *pathname, unsigned int mode);
long sys_mkdirat(int dfd, const char __user *pathname, unsigned int mode);
long sys_rmdir(const char __user *pathname);
long sys_unlink(const char __user *pathname);
long sys_unlinkat(int dfd, const char __user *pathname, int flag);
long sys_rename(const char __user *oldname, const char __user *newname);
long sys_renameat(int olddfd, const char __user *oldname, int newdfd,
		  const char __user *newname);
long sys_renameat2(int olddfd, const char __user *oldname, int newdfd,
		   const char __user *newname, unsigned int flags);
long sys_link(const char __user *oldname, const char __user *newname);
long sys_linkat(int olddfd, const char __user *oldname, int newdfd,
		const char __user *newname, int flags);
long sys_symlink(const char __user *oldname, const char __user *newname);
long sys_symlinkat(const char __user *oldname, int newdfd,
		   const char __user *newname);
long sys_readlink(const char __user *path, char __user *buf, int bufsiz);
long sys_readlinkat(int dfd, const char __user *pathname, char __user *buf,
		    int bufsiz);
long sys_execve(const char __user *filename, const char __user *const __user *argv,
		const char __user *const __user *envp);

/* net/socket.c */
long sys_socket(int family, int type, int protocol);
long sys_socketpair(int family, int type, int protocol, int __user *usockvec);
long sys_bind(int fd, void __user *umyaddr, int addrlen);
long sys_listen(int fd, int backlog);
long sys_accept(int fd, void __user *upeer, int __user *upeer_len);
long sys_accept4(int fd, void __user *upeer, int __user *upeer_len, int flags);
long sys_connect(int fd, void __user *uservaddr, int addrlen);
long sys_getsockname(int fd, void __user *usockaddr, int __user *usockaddr_len);
long sys_getpeername(int fd, void __user *usockaddr, int __user *usockaddr_len);
long sys_setsockopt(int fd, int level, int optname, const void __user *optval,
		    int optlen);
long sys_getsockopt(int fd, int level, int optname, void __user *optval,
		    int __user *optlen);
long sys_shutdown(int fd, int how);
/* net/sock_msg.c */
struct user_msghdr;
long sys_sendto(int fd, const void __user *buff, size_t len, unsigned int flags,
		const void __user *addr, int addr_len);
long sys_recvfrom(int fd, void __user *ubuf, size_t size, unsigned int flags,
		  void __user *addr, int __user *addr_len);
long sys_sendmsg(int fd, struct user_msghdr __user *umsg, unsigned int flags);
long sys_recvmsg(int fd, struct user_msghdr __user *umsg, unsigned int flags);
struct mmsghdr;
struct __kernel_timespec;
long sys_sendmmsg(int fd, struct mmsghdr __user *mmsg, unsigned int vlen,
		  unsigned int flags);
long sys_recvmmsg(int fd, struct mmsghdr __user *mmsg, unsigned int vlen,
		  unsigned int flags, struct __kernel_timespec __user *utimeout);

/* kernel/ processes */
long sys_fork(void);
long sys_vfork(void);
long sys_clone(unsigned long flags, unsigned long newsp, int __user *parent_tid,
	       int __user *child_tid, unsigned long tls);
long sys_exit(int code);
long sys_exit_group(int code);
long sys_wait4(int pid, int __user *stat_addr, int options, struct rusage __user *ru);
long sys_getpid(void);
long sys_gettid(void);
long sys_getppid(void);
long sys_getuid(void);
long sys_geteuid(void);
long sys_getgid(void);
long sys_getegid(void);
long sys_getpgid(int pid);
long sys_getpgrp(void);
long sys_setpgid(int pid, int pgid);
long sys_getsid(int pid);
long sys_setsid(void);
long sys_set_tid_address(int __user *tidptr);
long sys_umask(int mask);
long sys_arch_prctl(int code, unsigned long addr);

/* arch/x86_64/reboot.c */
long sys_reboot(int magic1, int magic2, unsigned int cmd, void __user *arg);

/* kernel/itimer.c */
struct itimerval_k;
long sys_alarm(unsigned int seconds);
long sys_getitimer(int which, struct itimerval_k __user *value);
long sys_setitimer(int which, const struct itimerval_k __user *value,
		   struct itimerval_k __user *ovalue);
void exit_itimers(struct signal_struct *p);
/* SIGALRM was taken: re-arm a periodic ITIMER_REAL (kernel/itimer.c).
 * Interrupts off. */
void itimer_rearm(struct signal_struct *p);

/* kernel/signal_syscalls.c, arch/x86_64/signal.c */
long sys_kill(int pid, int sig);
long sys_tkill(int pid, int sig);
long sys_tgkill(int tgid, int pid, int sig);
long sys_rt_sigaction(int sig, const struct k_sigaction __user *act,
		      struct k_sigaction __user *oact, size_t sigsetsize);
long sys_rt_sigprocmask(int how, const sigset_t __user *nset,
			sigset_t __user *oset, size_t sigsetsize);
long sys_rt_sigpending(sigset_t __user *uset, size_t sigsetsize);
long sys_rt_sigsuspend(const sigset_t __user *uset, size_t sigsetsize);
long sys_rt_sigreturn(void);
long sys_pause(void);
long sys_sigaltstack(const struct user_stack_t __user *uss,
		     struct user_stack_t __user *uoss);

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
/* fs/memfd.c */
long sys_memfd_create(const char __user *uname, unsigned int flags);

/* kernel/mremap.c */
long sys_mremap(unsigned long addr, unsigned long old_len,
		unsigned long new_len, unsigned long flags,
		unsigned long new_addr);

/* kernel/msync.c, kernel/mincore.c */
long sys_msync(unsigned long start, size_t len, int flags);
long sys_mincore(unsigned long start, size_t len, unsigned char __user *vec);

/* kernel/mlock.c */
long sys_mlock(unsigned long start, size_t len);
long sys_mlock2(unsigned long start, size_t len, int flags);
long sys_munlock(unsigned long start, size_t len);
long sys_mlockall(int flags);
long sys_munlockall(void);

/* kernel/posix-timers.c */
struct sigevent_k;
struct __kernel_itimerspec_k;
struct kernel_siginfo;
long sys_timer_create(int which_clock, struct sigevent_k __user *timer_event_spec,
		      int __user *created_timer_id);
long sys_timer_settime(int timer_id, int flags,
		       const struct __kernel_itimerspec_k __user *new_setting,
		       struct __kernel_itimerspec_k __user *old_setting);
long sys_timer_gettime(int timer_id, struct __kernel_itimerspec_k __user *setting);
long sys_timer_getoverrun(int timer_id);
long sys_timer_delete(int timer_id);
/* The process's timers go: at exec and at its end (kernel/itimer.c). */
void exit_posix_timers(struct signal_struct *sig);
/* A timer's signal was taken (dequeue_signal, siglock held): false if
 * it is stale and must not be delivered. */
bool posixtimer_rearm(struct task_struct *p, struct kernel_siginfo *info);
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

/* users and groups (kernel/sys.c, kernel/groups.c, fs/open.c) */
long sys_setuid(unsigned int uid);
long sys_setgid(unsigned int gid);
long sys_setreuid(unsigned int ruid, unsigned int euid);
long sys_setregid(unsigned int rgid, unsigned int egid);
long sys_setresuid(unsigned int ruid, unsigned int euid, unsigned int suid);
long sys_setresgid(unsigned int rgid, unsigned int egid, unsigned int sgid);
long sys_getresuid(unsigned int __user *ruid, unsigned int __user *euid,
		   unsigned int __user *suid);
long sys_getresgid(unsigned int __user *rgid, unsigned int __user *egid,
		   unsigned int __user *sgid);
long sys_setfsuid(unsigned int uid);
long sys_setfsgid(unsigned int gid);
long sys_getgroups(int gidsetsize, unsigned int __user *grouplist);
long sys_setgroups(int gidsetsize, const unsigned int __user *grouplist);
long sys_chown(const char __user *filename, unsigned int user, unsigned int group);
long sys_lchown(const char __user *filename, unsigned int user, unsigned int group);
long sys_fchown(unsigned int fd, unsigned int user, unsigned int group);
long sys_fchownat(int dfd, const char __user *filename, unsigned int user,
		  unsigned int group, int flag);

/* threads: kernel/fork.c, futex.c (futex.h), signal.c, fs/signalfd.c */
struct clone_args;
long sys_clone3(struct clone_args __user *uargs, size_t size);
long sys_rt_sigtimedwait(const sigset_t __user *uthese,
			 struct kernel_siginfo __user *uinfo,
			 const struct __kernel_timespec __user *uts,
			 size_t sigsetsize);
long sys_rt_sigqueueinfo(int pid, int sig,
			 const struct kernel_siginfo __user *uinfo);
long sys_rt_tgsigqueueinfo(int tgid, int pid, int sig,
			   const struct kernel_siginfo __user *uinfo);
long sys_signalfd(int ufd, const sigset_t __user *user_mask, size_t sizemask);
long sys_signalfd4(int ufd, const sigset_t __user *user_mask, size_t sizemask,
		   int flags);

/* the file-system ABI of issue 14: fs/statfs.c, sync.c, utimes.c, open.c,
 * fs_struct.c; kernel/fadvise.c */
struct statfs;
struct utimbuf;
long sys_statfs(const char __user *pathname, struct statfs __user *buf);
long sys_fstatfs(unsigned int fd, struct statfs __user *buf);
long sys_sync(void);
long sys_syncfs(int fd);
long sys_fsync(unsigned int fd);
long sys_fdatasync(unsigned int fd);
long sys_sync_file_range(int fd, long long offset, long long nbytes,
			 unsigned int flags);
long sys_fadvise64(int fd, long long offset, long long len, int advice);
long sys_fallocate(int fd, int mode, long long offset, long long len);
long sys_utimensat(int dfd, const char __user *filename,
		   const struct __kernel_timespec __user *utimes, int flags);
long sys_futimesat(int dfd, const char __user *filename,
		   const struct __kernel_old_timeval __user *utimes);
long sys_utimes(const char __user *filename,
		const struct __kernel_old_timeval __user *utimes);
long sys_utime(const char __user *filename, const struct utimbuf __user *times);
long sys_chroot(const char __user *filename);

/* fs/xattr.c */
long sys_setxattr(const char __user *path, const char __user *name,
		  const void __user *value, size_t size, int flags);
long sys_lsetxattr(const char __user *path, const char __user *name,
		   const void __user *value, size_t size, int flags);
long sys_fsetxattr(int fd, const char __user *name, const void __user *value,
		   size_t size, int flags);
long sys_getxattr(const char __user *path, const char __user *name,
		  void __user *value, size_t size);
long sys_lgetxattr(const char __user *path, const char __user *name,
		   void __user *value, size_t size);
long sys_fgetxattr(int fd, const char __user *name, void __user *value,
		   size_t size);
long sys_listxattr(const char __user *path, char __user *list, size_t size);
long sys_llistxattr(const char __user *path, char __user *list, size_t size);
long sys_flistxattr(int fd, char __user *list, size_t size);
long sys_removexattr(const char __user *path, const char __user *name);
long sys_lremovexattr(const char __user *path, const char __user *name);
long sys_fremovexattr(int fd, const char __user *name);

/* fs/dirops.c: mknod */
long sys_mknodat(int dfd, const char __user *filename, unsigned int mode,
		 unsigned int dev);
long sys_mknod(const char __user *filename, unsigned int mode, unsigned int dev);

/* fs/locks.c */
long sys_flock(unsigned int fd, unsigned int cmd);

/* fs/splice.c */
long sys_splice(int fd_in, long long __user *off_in, int fd_out,
		long long __user *off_out, size_t len, unsigned int flags);
long sys_tee(int fdin, int fdout, size_t len, unsigned int flags);
long sys_copy_file_range(int fd_in, long long __user *off_in, int fd_out,
			 long long __user *off_out, size_t len, unsigned int flags);

/* --- process settings, priorities, capabilities (abiproc area) --- */
struct __user_cap_header_struct;
struct __user_cap_data_struct;
struct sched_param;
long sys_prctl(int option, unsigned long arg2, unsigned long arg3,
	       unsigned long arg4, unsigned long arg5);
long sys_getpriority(int which, int who);
long sys_setpriority(int which, int who, int niceval);
long sys_sched_setscheduler(int pid, int policy, struct sched_param __user *param);
long sys_sched_setparam(int pid, struct sched_param __user *param);
long sys_sched_getscheduler(int pid);
long sys_sched_getparam(int pid, struct sched_param __user *param);
long sys_sched_get_priority_max(int policy);
long sys_sched_get_priority_min(int policy);
long sys_sched_rr_get_interval(int pid, struct __kernel_timespec __user *interval);
long sys_capget(struct __user_cap_header_struct __user *header,
		struct __user_cap_data_struct __user *dataptr);
long sys_capset(struct __user_cap_header_struct __user *header,
		const struct __user_cap_data_struct __user *data);
long sys_unshare(unsigned long flags);
long sys_close_range(unsigned int fd, unsigned int max_fd, unsigned int flags);
struct rusage;
struct tms;
long sys_getrusage(int who, struct rusage __user *ru);
long sys_times(struct tms __user *tbuf);
struct siginfo;
long sys_waitid(int which, int upid, struct siginfo __user *infop,
		int options, struct rusage __user *ru);
struct __kernel_itimerspec;
long sys_timerfd_create(int clockid, int flags);
long sys_timerfd_settime(int ufd, int flags,
			 const struct __kernel_itimerspec __user *utmr,
			 struct __kernel_itimerspec __user *otmr);
long sys_timerfd_gettime(int ufd, struct __kernel_itimerspec __user *otmr);
long sys_inotify_init(void);
long sys_inotify_init1(int flags);
long sys_inotify_add_watch(int fd, const char __user *pathname, u32 mask);
long sys_inotify_rm_watch(int fd, s32 wd);

#endif
