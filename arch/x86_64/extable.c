/*
 * extable.c - looking up the exception table.
 *
 * The user-access primitives (copy_user.S, uaccess.h) may fault on a bad
 * user pointer; for each such instruction the table says where to go
 * instead of oopsing.  The fixup code then returns -EFAULT or a short
 * count.  A fault at any other kernel instruction is a bug.
 *
 * A linear search: the table has a few dozen entries and is consulted
 * only on faults that are not plain demand paging.  (Linux sorts it at
 * build time and bisects, because its table has thousands.)
 *
 * Context: exception handlers, interrupts off.
 */
#include "kernel/kernel.h"
#include "arch/x86_64/extable.h"

extern const struct exception_table_entry __start___ex_table[];
extern const struct exception_table_entry __stop___ex_table[];

const struct exception_table_entry *search_exception_tables(unsigned long ip)
{
	for (const struct exception_table_entry *e = __start___ex_table;
	     e < __stop___ex_table; e++)
		if (e->insn == ip)
			return e;
	return NULL;
}

bool fixup_exception(struct pt_regs *regs)
{
	const struct exception_table_entry *e = search_exception_tables(regs->ip);

	if (!e)
		return false;
	regs->ip = e->fixup;
	return true;
}
