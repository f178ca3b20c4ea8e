#!/usr/bin/env bash
# check-guide.sh - every `file:function` that docs/*.md and docs/labs/*.md
# name must exist: the file, and a definition of the function in it (a
# line that starts a definition, not just a call or a prototype).  Prints
# PASS/FAIL lines and exits non-zero if any reference is stale.
set -u
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root" || exit 2
bad=0 n=0
refs=$(grep -ohE '`?[a-z0-9_/]+\.[ch]:[A-Za-z_][A-Za-z_0-9]*' docs/*.md docs/labs/*.md | tr -d '`' | sort -u)
for ref in $refs; do
	file=${ref%%:*} fn=${ref#*:}
	n=$((n + 1))
	if [ ! -f "$file" ]; then
		echo "FAIL guide: $ref (no such file)"
		bad=$((bad + 1))
	# A definition: the name followed by "(" on a line that starts with
	# a type (or is a #define), and does not end with ";".
	elif ! grep -qE "^([A-Za-z_][A-Za-z_0-9 *]*[ *])?$fn\\(.*[^;]\$|^#define $fn\\b" "$file"; then
		echo "FAIL guide: $ref (no definition of $fn in $file)"
		bad=$((bad + 1))
	fi
done
echo "guide: $n references, $bad stale"
[ "$n" -gt 0 ] && [ "$bad" -eq 0 ]
