#!/usr/bin/env bash
# test.sh - the kernel's tests, run from the host.
#
#   tools/test.sh [--list] [PATTERN...]
#   make test [T="PATTERN..."] [LIST=1]
#
# A small runner: the checks themselves are named, one file per area, in
# tools/tests/AREA.sh (lib.sh holds what they share).  Each file
# registers its checks with "check NAME FUNCTION [ARGS...]"; nothing runs
# while the files are read.  Then the runner runs every check, or with
# PATTERNs only those selected, in the order of registration (areas in
# the alphabetical order of their files), and prints one PASS or FAIL
# line per result; the last line is "N passed, N failed" and the exit
# status is 0 only when nothing failed.
#
# A PATTERN selects the check of that exact name if there is one, else
# every check of the area of that name, else every check whose name
# matches it as an extended regex (grep -E): "T=user/epoll" is one
# check, "T=shell" an area, "T=epoll" every check with epoll in its
# name, "T='^net_ lab/'" two groups.  --list (LIST=1) prints the checks
# with their areas, and with PATTERNs only the selected ones.
set -u
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
cd "$root" || exit 2
logs=$(mktemp -d)
trap 'rm -rf "$logs"' EXIT

list="" patterns=()
for arg in "$@"; do
	case "$arg" in
	--list) list=1 ;;
	-*) echo "usage: tools/test.sh [--list] [PATTERN...]" >&2; exit 2 ;;
	# One argument may hold several patterns (make test T="a b").
	*) set -f; patterns+=($arg); set +f ;;
	esac
done

. "$here/tests/lib.sh"
for file in "$here"/tests/*.sh; do
	area=${file##*/} area=${area%.sh}
	[ "$area" = lib ] || . "$file"
done

# select PATTERN: mark the checks it selects in $chosen; 1 if none.
select_checks() {
	local i hit=1
	for i in "${!check_names[@]}"; do
		[ "${check_names[$i]}" = "$1" ] && { chosen[$i]=1; return 0; }
	done
	for i in "${!check_names[@]}"; do
		[ "${check_areas[$i]}" = "$1" ] && { chosen[$i]=1; hit=0; }
	done
	[ "$hit" -eq 0 ] && return 0
	for i in "${!check_names[@]}"; do
		grep -qE -- "$1" <<< "${check_names[$i]}" && { chosen[$i]=1; hit=0; }
	done
	return "$hit"
}
chosen=()
if [ ${#patterns[@]} -eq 0 ]; then
	for i in "${!check_names[@]}"; do chosen[$i]=1; done
fi
for pat in "${patterns[@]}"; do
	if ! select_checks "$pat"; then
		echo "test.sh: no check matches '$pat' (make test LIST=1 lists them)" >&2
		exit 2
	fi
done

if [ -n "$list" ]; then
	for i in "${!chosen[@]}"; do
		printf '%-10s %s\n' "${check_areas[$i]}" "${check_names[$i]}"
	done
	exit 0
fi

echo "== building done; testing on ${ACCEL:-tcg}, ${SMP:-1} CPU(s) =="
for i in "${!chosen[@]}"; do
	before=$((passed + failed + skipped))
	touch "$logs/.start"
	eval "${check_cmds[$i]}"
	cd "$root" || exit 2
	# A check that reports nothing has checked nothing.
	[ $((passed + failed + skipped)) -eq "$before" ] &&
		fail "${check_names[$i]}" "the check reported no result"
	# Whatever it checks, no console of it may show a user access made
	# with a spinlock held (the user-copy rule, kernel/spinlock.h), nor
	# any report of the lock validator (kernel/lockdep.h; a self-test's
	# expected ones are KTAP comments, "    # ...", and do not match).
	bug=$(find "$logs" -type f -newer "$logs/.start" -exec grep -lIE \
		"$SLEEP_BUG_RE" {} + 2> /dev/null | head -n 1)
	[ -n "$bug" ] && fail "${check_names[$i]}/user_copy_rule" \
		"a sleeping call (a user access, a mutex) in atomic context" "$bug"
	bug=$(find "$logs" -type f -newer "$logs/.start" -exec grep -lIE \
		"$LOCKDEP_REPORT_RE" {} + 2> /dev/null | head -n 1)
	[ -n "$bug" ] && fail "${check_names[$i]}/lockdep" \
		"a lock validator report" "$bug"
done

[ "$skipped" -gt 0 ] && echo "$skipped skipped (SKIP lines above say why)"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
