/*
 * kallsyms.h - kernel symbol table, so addresses print as names.
 *
 * The table is generated from the linked kernel by tools/gen-kallsyms.sh
 * and linked into a second image (see the Makefile), like Linux's
 * CONFIG_KALLSYMS.
 */
#ifndef KERNEL_KALLSYMS_H
#define KERNEL_KALLSYMS_H

#include "kernel/types.h"

/* Name of the function containing addr, or NULL; *offset and *size tell
 * where in it addr is. */
const char *kallsyms_lookup(unsigned long addr, unsigned long *offset,
			    unsigned long *size);
/* Address of the function called name, or 0. */
unsigned long kallsyms_lookup_name(const char *name);
/* "name+0x1f/0x80" (with_offset) or "name"; a raw hex address if unknown. */
void sprint_symbol(char *buf, size_t size, unsigned long addr,
		   bool with_offset);

#endif
