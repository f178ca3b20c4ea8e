#!/bin/sh
# gen-kallsyms.sh [KERNEL.ELF] - print a C file with the kernel's text
# symbols, sorted by address, for kernel/kallsyms.c.  With no argument it
# prints an empty table (for the first of the links in the Makefile).
# The kernel reads the table through `kallsyms`, a header that the linker
# script puts first in .kallsyms.
set -e
header() {
	cat <<'EOC'
#include "kernel/kallsyms_table.h"
#define KS __attribute__((section(".kallsyms"), used))
EOC
}
footer() {
	cat <<EOC
__attribute__((section(".kallsyms.head"), used))
const struct kallsyms_table kallsyms = {
	.num = $1,
	.addresses = kallsyms_addresses,
	.sizes = kallsyms_sizes,
	.name_offsets = kallsyms_name_offsets,
	.names = kallsyms_names,
};
EOC
}
if [ $# -eq 0 ]; then
	header
	cat <<'EOC'
KS static const unsigned long kallsyms_addresses[1];
KS static const unsigned int kallsyms_sizes[1];
KS static const unsigned int kallsyms_name_offsets[1];
KS static const char kallsyms_names[1];
EOC
	footer 0
	exit 0
fi

header
tmp=$(mktemp)
trap 'rm -f "$tmp"' EXIT
nm -n -S --defined-only "$1" | awk -v countfile="$tmp" '
	BEGIN { n = 0 }
	# nm prints "addr size type name", or "addr type name" for symbols
	# without a size (assembly labels).
	NF == 4 { addr = $1; size = $2; type = $3; name = $4 }
	NF == 3 { addr = $1; size = ""; type = $2; name = $3 }
	type !~ /^[tTwW]$/ { next }
	addr !~ /^ffffffff8/ { next }	# only the higher-half kernel text
	name ~ /^\.L/ { next }
	{ a[n] = addr; s[n] = size; nm_[n] = name; n++ }
	END {
		printf "KS static const unsigned long kallsyms_addresses[] = {\n"
		for (i = 0; i < n; i++) printf "\t0x%sUL,\n", a[i]
		printf "};\nKS static const unsigned int kallsyms_sizes[] = {\n"
		for (i = 0; i < n; i++) {
			if (s[i] != "")
				printf "\t0x%s,\n", s[i]
			else if (i + 1 < n)	# no size: up to the next symbol
				printf "\t(unsigned int)(0x%sUL - 0x%sUL),\n", a[i+1], a[i]
			else
				printf "\t0,\n"
		}
		printf "};\nKS static const unsigned int kallsyms_name_offsets[] = {\n"
		off = 0
		for (i = 0; i < n; i++) { printf "\t%d,\n", off; off += length(nm_[i]) + 1 }
		printf "};\nKS static const char kallsyms_names[] =\n"
		for (i = 0; i < n; i++) printf "\t\"%s\\0\"\n", nm_[i]
		printf "\t;\n"
		print n > countfile
	}'
footer "$(cat "$tmp")"
