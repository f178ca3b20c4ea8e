/*
 * syscall_table.c - Linux's x86-64 system call numbers, mapped to the
 * functions that implement them.  A number without an entry returns
 * -ENOSYS (and is reported once, by name).
 */
#include "arch/x86_64/syscall.h"
#include "kernel/syscalls.h"

const struct syscall_desc sys_call_table[NR_syscalls] = {
	/* files */
	__SYSCALL(__NR_read, sys_read, 3),
	__SYSCALL(__NR_write, sys_write, 3),
	__SYSCALL(__NR_open, sys_open, 3),
	__SYSCALL(__NR_close, sys_close, 1),
	__SYSCALL(__NR_lseek, sys_lseek, 3),
	__SYSCALL(__NR_ioctl, sys_ioctl, 3),
	__SYSCALL(__NR_readv, sys_readv, 3),
	__SYSCALL(__NR_writev, sys_writev, 3),
	__SYSCALL(__NR_pipe, sys_pipe, 1),
	__SYSCALL(__NR_dup, sys_dup, 1),
	__SYSCALL(__NR_dup2, sys_dup2, 2),
	__SYSCALL(__NR_fcntl, sys_fcntl, 3),
	__SYSCALL(__NR_openat, sys_openat, 4),
	__SYSCALL(__NR_dup3, sys_dup3, 3),
	__SYSCALL(__NR_pipe2, sys_pipe2, 2),
	__SYSCALL(__NR_creat, sys_creat, 2),
	__SYSCALL(__NR_truncate, sys_truncate, 2),
	__SYSCALL(__NR_ftruncate, sys_ftruncate, 2),
	__SYSCALL(__NR_chmod, sys_chmod, 2),
	__SYSCALL(__NR_fchmod, sys_fchmod, 2),
	__SYSCALL(__NR_fchmodat, sys_fchmodat, 3),
	__SYSCALL(__NR_access, sys_access, 2),
	__SYSCALL(__NR_faccessat, sys_faccessat, 3),
	__SYSCALL(__NR_faccessat2, sys_faccessat2, 4),

	/* the namespace (fs/namei.c, dirops.c, fs_struct.c, stat.c, readdir.c) */
	__SYSCALL(__NR_getcwd, sys_getcwd, 2),
	__SYSCALL(__NR_chdir, sys_chdir, 1),
	__SYSCALL(__NR_fchdir, sys_fchdir, 1),

	/* processes */
	__SYSCALL(__NR_getpid, sys_getpid, 0),
	__SYSCALL(__NR_clone, sys_clone, 5),
	__SYSCALL(__NR_fork, sys_fork, 0),
	__SYSCALL(__NR_vfork, sys_vfork, 0),
	__SYSCALL(__NR_execve, sys_execve, 3),
	__SYSCALL(__NR_exit, sys_exit, 1),
	__SYSCALL(__NR_wait4, sys_wait4, 4),
	__SYSCALL(__NR_umask, sys_umask, 1),
	__SYSCALL(__NR_getuid, sys_getuid, 0),
	__SYSCALL(__NR_getgid, sys_getgid, 0),
	__SYSCALL(__NR_geteuid, sys_geteuid, 0),
	__SYSCALL(__NR_getegid, sys_getegid, 0),
	__SYSCALL(__NR_setpgid, sys_setpgid, 2),
	__SYSCALL(__NR_getppid, sys_getppid, 0),
	__SYSCALL(__NR_getpgrp, sys_getpgrp, 0),
	__SYSCALL(__NR_setsid, sys_setsid, 0),
	__SYSCALL(__NR_getpgid, sys_getpgid, 1),
	__SYSCALL(__NR_getsid, sys_getsid, 1),
	__SYSCALL(__NR_arch_prctl, sys_arch_prctl, 2),
	__SYSCALL(__NR_gettid, sys_gettid, 0),
	__SYSCALL(__NR_set_tid_address, sys_set_tid_address, 1),
	__SYSCALL(__NR_exit_group, sys_exit_group, 1),
	__SYSCALL(__NR_reboot, sys_reboot, 4),

	/* signals */
	__SYSCALL(__NR_rt_sigaction, sys_rt_sigaction, 4),
	__SYSCALL(__NR_rt_sigprocmask, sys_rt_sigprocmask, 4),
	__SYSCALL(__NR_rt_sigreturn, sys_rt_sigreturn, 0),
	__SYSCALL(__NR_pause, sys_pause, 0),
	__SYSCALL(__NR_kill, sys_kill, 2),
	__SYSCALL(__NR_rt_sigpending, sys_rt_sigpending, 2),
	__SYSCALL(__NR_rt_sigsuspend, sys_rt_sigsuspend, 2),
	__SYSCALL(__NR_sigaltstack, sys_sigaltstack, 2),
	__SYSCALL(__NR_tkill, sys_tkill, 2),
	__SYSCALL(__NR_tgkill, sys_tgkill, 3),
	__SYSCALL(__NR_getitimer, sys_getitimer, 2),
	__SYSCALL(__NR_alarm, sys_alarm, 1),
	__SYSCALL(__NR_setitimer, sys_setitimer, 3),
};
