/*
 * extable.h - the exception table: (faulting instruction, fixup) pairs
 * that the linker collects from every __ex_table section into one array,
 * [__start___ex_table, __stop___ex_table).  See asm.h for how entries
 * are made and extable.c for how they are used.
 */
#ifndef ARCH_X86_64_EXTABLE_H
#define ARCH_X86_64_EXTABLE_H

#include "kernel/types.h"
#include "arch/x86_64/ptrace.h"

struct exception_table_entry {
	unsigned long insn;	/* address of an instruction that may fault */
	unsigned long fixup;	/* where to continue if it does */
};

/* The entry for the instruction at ip, or NULL. */
const struct exception_table_entry *search_exception_tables(unsigned long ip);

/* If regs->ip has an entry, point regs->ip at its fixup and return true:
 * returning from the exception then continues there. */
bool fixup_exception(struct pt_regs *regs);

#endif
