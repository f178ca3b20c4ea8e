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
