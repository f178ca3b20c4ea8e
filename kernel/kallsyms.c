/*
 * kallsyms.c - look up the generated symbol table.  Any context: the table
 * is read-only, so even the panic path can use it.
 *
 * The table is generated (tools/gen-kallsyms.sh); its layout is in
 * kallsyms_table.h.
 */
#include "kernel/kernel.h"
#include "kernel/kallsyms.h"
#include "kernel/kallsyms_table.h"

extern char _text[], _etext[];

static const char *name_of(unsigned long i)
{
	return kallsyms.names + kallsyms.name_offsets[i];
}

const char *kallsyms_lookup(unsigned long addr, unsigned long *offset,
			    unsigned long *size)
{
	unsigned long lo = 0, hi = kallsyms.num;

	if (addr < (unsigned long)_text || addr >= (unsigned long)_etext)
		return NULL;
	/* Binary search for the last symbol at or below addr. */
	while (hi - lo > 1) {
		unsigned long mid = (lo + hi) / 2;
		if (kallsyms.addresses[mid] <= addr)
			lo = mid;
		else
			hi = mid;
	}
	if (hi == 0 || kallsyms.addresses[lo] > addr)
		return NULL;
	if (offset)
		*offset = addr - kallsyms.addresses[lo];
	if (size)
		*size = kallsyms.sizes[lo];
	return name_of(lo);
}

unsigned long kallsyms_lookup_name(const char *name)
{
	for (unsigned long i = 0; i < kallsyms.num; i++)
		if (!strcmp(name_of(i), name))
			return kallsyms.addresses[i];
	return 0;
}

void sprint_symbol(char *buf, size_t size, unsigned long addr,
		   bool with_offset)
{
	unsigned long off, len;
	const char *name = kallsyms_lookup(addr, &off, &len);

	if (!name)
		snprintf(buf, size, "0x%lx", addr);
	else if (with_offset)
		snprintf(buf, size, "%s+0x%lx/0x%lx", name, off, len);
	else
		snprintf(buf, size, "%s", name);
}
