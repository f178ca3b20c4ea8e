/*
 * syscall_table.c - Linux's x86-64 system call numbers, mapped to the
 * functions that implement them.  A number without an entry returns
 * -ENOSYS (and is reported once, by name).
 */
#include "arch/x86_64/syscall.h"

const struct syscall_desc sys_call_table[NR_syscalls] = {
};
