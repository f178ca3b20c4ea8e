/*
 * syscalls.h - the system call functions, for the table in
 * arch/x86_64/syscall_table.c.  Each takes the user's arguments as Linux
 * documents them and returns the result or -errno.
 */
#ifndef KERNEL_SYSCALLS_H
#define KERNEL_SYSCALLS_H

#include "kernel/types.h"
#include "kernel/signal.h"

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
long sys_creat(const char __user *pathname, unsigned int mode);
long sys_pread64(unsigned int fd, char __user *buf, size_t count, long long pos);
long sys_pwrite64(unsigned int fd, const char __user *buf, size_t count,
		  long long pos);
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
void exit_itimers(struct task_struct *p);

/* kernel/signal.c, arch/x86_64/signal.c */
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
long sys_sigaltstack(const void __user *uss, void __user *uoss);

#endif
