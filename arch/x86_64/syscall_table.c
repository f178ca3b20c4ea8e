/*
 * syscall_table.c - Linux's x86-64 system call numbers, mapped to the
 * functions that implement them.  A number without an entry returns
 * -ENOSYS (and is reported once, by name).
 *
 * One block per area, each sorted by number, so that areas developed
 * separately merge without touching each other's lines.
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
	__SYSCALL(__NR_eventfd, sys_eventfd, 1),
	__SYSCALL(__NR_eventfd2, sys_eventfd2, 2),

	/* poll and select (fs/select.c) */
	__SYSCALL(__NR_poll, sys_poll, 3),
	__SYSCALL(__NR_select, sys_select, 5),
	__SYSCALL(__NR_pselect6, sys_pselect6, 6),
	__SYSCALL(__NR_ppoll, sys_ppoll, 5),

	/* sockets (net/socket.c, net/sock_msg.c) */
	__SYSCALL(__NR_socket, sys_socket, 3),
	__SYSCALL(__NR_connect, sys_connect, 3),
	__SYSCALL(__NR_accept, sys_accept, 3),
	__SYSCALL(__NR_sendto, sys_sendto, 6),
	__SYSCALL(__NR_recvfrom, sys_recvfrom, 6),
	__SYSCALL(__NR_sendmsg, sys_sendmsg, 3),
	__SYSCALL(__NR_recvmsg, sys_recvmsg, 3),
	__SYSCALL(__NR_shutdown, sys_shutdown, 2),
	__SYSCALL(__NR_bind, sys_bind, 3),
	__SYSCALL(__NR_listen, sys_listen, 2),
	__SYSCALL(__NR_getsockname, sys_getsockname, 3),
	__SYSCALL(__NR_getpeername, sys_getpeername, 3),
	__SYSCALL(__NR_socketpair, sys_socketpair, 4),
	__SYSCALL(__NR_setsockopt, sys_setsockopt, 5),
	__SYSCALL(__NR_getsockopt, sys_getsockopt, 5),
	__SYSCALL(__NR_accept4, sys_accept4, 4),

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

	/* --- time, memory, system information, scheduling --- */
	__SYSCALL(__NR_mmap, sys_mmap, 6),
	__SYSCALL(__NR_mprotect, sys_mprotect, 3),
	__SYSCALL(__NR_munmap, sys_munmap, 2),
	__SYSCALL(__NR_brk, sys_brk, 1),
	__SYSCALL(__NR_sched_yield, sys_sched_yield, 0),
	__SYSCALL(__NR_madvise, sys_madvise, 3),
	__SYSCALL(__NR_nanosleep, sys_nanosleep, 2),
	__SYSCALL(__NR_uname, sys_uname, 1),
	__SYSCALL(__NR_gettimeofday, sys_gettimeofday, 2),
	__SYSCALL(__NR_getrlimit, sys_getrlimit, 2),
	__SYSCALL(__NR_sysinfo, sys_sysinfo, 1),
	__SYSCALL(__NR_setrlimit, sys_setrlimit, 2),
	__SYSCALL(__NR_time, sys_time, 1),
	__SYSCALL(__NR_sched_setaffinity, sys_sched_setaffinity, 3),
	__SYSCALL(__NR_sched_getaffinity, sys_sched_getaffinity, 3),
	__SYSCALL(__NR_clock_gettime, sys_clock_gettime, 2),
	__SYSCALL(__NR_clock_getres, sys_clock_getres, 2),
	__SYSCALL(__NR_clock_nanosleep, sys_clock_nanosleep, 4),
	__SYSCALL(__NR_prlimit64, sys_prlimit64, 4),
	__SYSCALL(__NR_getcpu, sys_getcpu, 3),
	__SYSCALL(__NR_getrandom, sys_getrandom, 3),
};
