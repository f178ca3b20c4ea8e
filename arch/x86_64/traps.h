/* traps.h - CPU exceptions and the oops report. */
#ifndef ARCH_X86_64_TRAPS_H
#define ARCH_X86_64_TRAPS_H

#include "arch/x86_64/ptrace.h"

void do_trap(struct pt_regs *regs);
/* Vector 14 (fault.c). */
void do_page_fault(struct pt_regs *regs);
/* Deliver SIGSEGV for an unhandled user page fault (weak; fault.c). */
void force_sig_segv(unsigned long addr, struct pt_regs *regs);
/* Print registers and the call trace of regs, then panic. */
void die(const char *what, struct pt_regs *regs) __noreturn;
void show_regs(const struct pt_regs *regs);

#endif
