#!/usr/bin/env bash
# check-guide.sh - the guides stay true to the code, as far as a script
# can tell:
#   1. every `file:function` that docs/*.md and docs/labs/*.md name
#      exists: the file, and a definition of the function in it (a line
#      that starts a definition, not just a call or a prototype);
#   2. section 3 of docs/walkthrough.md, the wake-up chain, visits the
#      chain's files each once and in the chain's order (CHAIN below),
#      judged by the `file:function` references of its steps (files not
#      in CHAIN, such as arch/x86_64/irq.c, may appear anywhere).
# What it does not check: that each function named really calls the next
# (no call graph is followed).  The order at run time is checked by the
# chain trace test instead (tools/tests/net.sh, net_chain_trace), whose
# steps are the same.  Prints FAIL lines and a summary; exits non-zero
# if anything is stale.
set -u
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root" || exit 2
CHAIN="drivers/e1000.c net/dev.c net/lwip/ethernetif.c net/inet_stream.c
net/socket.c kernel/wait.c fs/eventpoll.c kernel/sched.c"
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

# The chain's files in the order section 3 first names them, each run of
# references to one file counted once.
visits=$(sed -n '/^## 3\./,/^## [0-9]/p' docs/walkthrough.md |
	grep -oE '[a-z0-9_/]+\.[ch]:[A-Za-z_]' | sed 's/:.*//' |
	grep -xF "$(echo $CHAIN | tr ' ' '\n')" | uniq | tr '\n' ' ')
if [ "$(echo $visits)" != "$(echo $CHAIN)" ]; then
	echo "FAIL guide: walkthrough section 3 visits: $visits"
	echo "            the chain is:                 $(echo $CHAIN)"
	bad=$((bad + 1))
fi
echo "guide: $n references and the chain's order, $bad stale"
[ "$n" -gt 0 ] && [ "$bad" -eq 0 ]
