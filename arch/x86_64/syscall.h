/*
 * syscall.h - the system call table and its dispatcher.
 *
 * Every system call is a C function taking up to six unsigned longs (the
 * registers rdi, rsi, rdx, r10, r8, r9) and returning a long: the result,
 * or -errno.  sys_call_table maps Linux's x86-64 numbers to them.
 */
#ifndef ARCH_X86_64_SYSCALL_H
#define ARCH_X86_64_SYSCALL_H

#include "kernel/types.h"
#include "arch/x86_64/ptrace.h"
#include <asm/unistd_64.h>	/* generated: build/generated (see Makefile) */

typedef long (*sys_call_ptr_t)(unsigned long, unsigned long, unsigned long,
			       unsigned long, unsigned long, unsigned long);

struct syscall_desc {
	sys_call_ptr_t fn;
	u8 nargs;		/* how many arguments strace prints */
};

#define NR_syscalls 512
extern const struct syscall_desc sys_call_table[NR_syscalls];

/* An entry of sys_call_table: the cast through void (*)(void) says that
 * the differing prototypes are deliberate (the ABI passes every argument
 * in a 64-bit register). */
#define __SYSCALL(nr, fn, n) \
	[nr] = { (sys_call_ptr_t)(void (*)(void))(fn), (n) }

extern const char *const syscall_names[];
extern const unsigned long nr_syscall_names;

void syscall_init(void);
bool do_syscall_64(struct pt_regs *regs);

/* Set by "strace=1": print every system call and its result. */
extern bool strace_enabled;

#endif
