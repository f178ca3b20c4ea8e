/* kallsyms_table.h - the layout of the generated symbol table (see
 * tools/gen-kallsyms.sh): sorted by address, the i-th name is the
 * NUL-terminated string at names + name_offsets[i]. */
#ifndef KERNEL_KALLSYMS_TABLE_H
#define KERNEL_KALLSYMS_TABLE_H

struct kallsyms_table {
	unsigned long num;
	const unsigned long *addresses;
	const unsigned int *sizes;
	const unsigned int *name_offsets;
	const char *names;
};

extern const struct kallsyms_table kallsyms;

#endif
