/*
 * ptrace.h - struct pt_regs: the registers of an interrupted context, in
 * the order entry.S pushes them (the same order as Linux's, plus the
 * vector number, which Linux keeps elsewhere).
 */
#ifndef ARCH_X86_64_PTRACE_H
#define ARCH_X86_64_PTRACE_H

/* Not an IDT vector: marks a frame built by entry_SYSCALL_64. */
#define SYSCALL_VECTOR	0x100

#ifndef __ASSEMBLER__
#include "kernel/types.h"

struct pt_regs {
	/* pushed by common_interrupt, last pushed first */
	unsigned long r15, r14, r13, r12, bp, bx;
	unsigned long r11, r10, r9, r8, ax, cx, dx, si, di;
	unsigned long vector;		/* pushed by the per-vector stub;
					   SYSCALL_VECTOR for a system call */
	union {
		unsigned long error_code; /* by the CPU, or 0 from the stub */
		unsigned long orig_ax;	  /* system call: its number (rax on
					     entry; ax becomes the result) */
	};
	/* pushed by the CPU on every interrupt in long mode */
	unsigned long ip, cs, flags, sp, ss;
};

static inline bool user_mode(const struct pt_regs *regs)
{
	return (regs->cs & 3) == 3;
}
#endif

#endif
