#!/usr/bin/env bash
# lab.sh - the course labs of docs/labs/: list them, make a lab's
# starting point, grade it.
#
#   tools/lab.sh list               each lab's name and title
#   tools/lab.sh start NAME [DIR]   the starting point of lab NAME: its
#                                   solution taken out of this checkout
#                                   (in place), or out of a copy made at
#                                   DIR (the tree without .git, with the
#                                   build directory, so that only what
#                                   changed is compiled again)
#   tools/lab.sh strip NAME FILE    print FILE as the starting point has it
#   tools/lab.sh grade NAME         build, run NAME's grading test in the
#                                   kernel, print each check and a score
#   tools/lab.sh grade [all [NAME...]]  every lab's test (or those) in one boot (a lab
#                                   whose test stops the kernel, or that
#                                   needs more CPUs, "#define LAB_CPUS N"
#                                   in its test, gets a boot of its own),
#                                   then a score per
#                                   lab and the total, as xv6's graders
#                                   print them
#
# The finished code is the tree itself.  A lab's solution is every region
#
#	/* LAB(NAME): begin */
#	...
#	/* LAB(NAME): end */
#
# in the kernel's sources; the starting point has one line in its place,
# "/* LAB(NAME): to do (docs/labs/NAME.md) */".  When that would not
# compile, or not boot, the end marker carries what the starting point
# has instead, as a comment that runs to a line of its own " */":
#
#	/* LAB(NAME): end; the starting point has instead:
#	code();
#	 */
#
# Only NAME's regions change; other labs' markers stay, so one checkout
# can go through the labs one after another.
#
# grade exits 0 when every check passed, 1 when some failed, 2 when the
# kernel or the test did not build, 3 when the kernel did not finish the
# test (a panic or the time limit).  Grading all labs exits 0 when every
# lab passed, 2 when the build failed, 1 otherwise.
#
# The order of the labs is the course's: the order of docs/labs/README.md's
# table (the course map).  A test that needs traffic from outside the
# machine (it reads /etc/lab-peer) gets an e1000 and tools/lab-peer.py
# on the host's 127.0.0.1, which the guest reaches as 10.0.2.2.
set -u
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
SRC_DIRS="arch kernel drivers fs net"

usage() {
	sed -n '5,/^#$/p' "$0" | sed 's/^# \{0,1\}//' >&2
	exit 2
}

# The labs: docs/labs/*.md but the index, in the course map's order
# (the links in its table), then any the map does not list.
lab_names() {
	local f listed
	listed=$(sed -nE 's/^\|[^|]*\| *\[([a-z0-9_-]+)\]\(([a-z0-9_-]+)\.md\).*/\2/p' \
		"$root/docs/labs/README.md" 2> /dev/null)
	for f in $listed; do
		[ -f "$root/docs/labs/$f.md" ] && echo "$f"
	done
	for f in "$root"/docs/labs/*.md; do
		f=${f##*/}
		f=${f%.md}
		[ "$f" = README ] && continue
		grep -qxF -- "$f" <<< "$listed" || echo "$f"
	done
}

known_lab() {
	lab_names | grep -qxF -- "$1" && return 0
	echo "lab.sh: no lab '$1' (tools/lab.sh list)" >&2
	exit 2
}

# Sources (relative to the tree at $1) with a region of lab $2.
lab_files() {
	(cd "$1" && grep -rlF --include='*.[chS]' "/* LAB($2): begin */" $SRC_DIRS)
}

# strip NAME FILE: FILE's text with NAME's regions replaced.
strip_file() {
	awk -v name="$1" '
	BEGIN { b = "/* LAB(" name "): begin */"; e = "/* LAB(" name "): end" }
	state == 0 && index($0, b) {
		ind = $0; sub(/[^ \t].*/, "", ind)
		print ind "/* LAB(" name "): to do (docs/labs/" name ".md) */"
		state = 1; start = NR; next
	}
	state == 0 && index($0, e) { err = "an end marker without a begin"; exit }
	state == 0 { print; next }
	state == 1 && index($0, b) { err = "a begin marker inside a region"; exit }
	state == 1 && index($0, e) { state = $0 ~ /\*\/[ \t]*$/ ? 0 : 2; next }
	state == 1 { next }
	state == 2 && /^[ \t]*\*\/[ \t]*$/ { state = 0; next }
	state == 2 { print; next }
	END {
		if (!err && state == 1) err = "the region opened at line " start " never ends"
		if (!err && state == 2) err = "the starting point opened at line " start " never ends"
		if (err) { print FILENAME ": line " NR ": " err > "/dev/stderr"; exit 1 }
	}' "$2"
}

# start NAME TREE: strip NAME's regions in place in TREE.
strip_tree() {
	local name=$1 tree=$2 files f
	files=$(lab_files "$tree" "$name")
	if [ -z "$files" ]; then
		echo "lab.sh: no solution of '$name' in $tree (already a starting point?)" >&2
		exit 2
	fi
	for f in $files; do
		strip_file "$name" "$tree/$f" > "$tree/$f.lab" || { rm -f "$tree/$f.lab"; exit 2; }
		mv "$tree/$f.lab" "$tree/$f"
		echo "lab.sh: $f: the solution of $name taken out"
	done
}

cmd_start() {
	local name=$1 dir=${2:-}
	known_lab "$name"
	if [ -z "$dir" ]; then
		# In place, the solution is only in git: never strip a file
		# with changes that are nowhere else.
		local files
		files=$(lab_files "$root" "$name")
		if [ -n "$files" ] && git -C "$root" rev-parse --git-dir > /dev/null 2>&1 &&
		   ! (cd "$root" && git diff --quiet HEAD -- $files); then
			echo "lab.sh: uncommitted changes in" $files "- commit them first" >&2
			exit 2
		fi
		strip_tree "$name" "$root"
		[ -d "$root/.git" ] &&
			echo "lab.sh: 'git checkout -- $(echo $files)' brings the solution back"
		return 0
	fi
	if [ -e "$dir" ] && [ -n "$(ls -A "$dir" 2>/dev/null)" ]; then
		echo "lab.sh: $dir exists and is not empty" >&2
		exit 2
	fi
	case "$(realpath -m "$dir")/" in
	"$root"/*) echo "lab.sh: $dir is inside the tree it would copy" >&2; exit 2 ;;
	esac
	mkdir -p "$dir" || exit 2
	(cd "$root" && tar -c --exclude=./.git --exclude=./build .) |
		(cd "$dir" && tar -x) || exit 2
	# The objects too, timestamps kept: make then compiles only the
	# files the strip changes (and lwIP need not be fetched again).
	[ -d "$root/build" ] && { cp -a "$root/build" "$dir/build" || exit 2; }
	strip_tree "$name" "$dir"
}

cmd_list() {
	local name title
	for name in $(lab_names); do
		title=$(sed -n 's/^# *//p' "$root/docs/labs/$name.md" | head -n 1)
		printf '%-10s %s\n' "$name" "$title"
	done
}

# --- grading ---

# Whether lab $1's test talks to the peer on the host.
needs_peer() {
	grep -qF '/etc/lab-peer' "$root/user/labs/$1.c" 2> /dev/null
}

# The CPUs lab $1's test needs (its "#define LAB_CPUS N"), or nothing:
# such a test gets a boot of its own with that many, or $SMP if more.
lab_cpus() {
	local n
	n=$(sed -nE 's/^#define LAB_CPUS[[:space:]]+([0-9]+).*/\1/p' \
		"$root/user/labs/$1.c" 2> /dev/null)
	[ -n "$n" ] || return 1
	[ "${SMP:-1}" -gt "$n" ] 2> /dev/null && n=$SMP
	echo "$n"
}

# peer_start DIR: tools/lab-peer.py on the host, its address for the
# guest in DIR/lab-peer; sets peer_pid.  1 if it did not come up.
peer_pid=""
peer_start() {
	local dir=$1 _
	python3 "$here/lab-peer.py" "$dir/peer.port" > "$dir/peer.log" 2>&1 &
	peer_pid=$!
	for _ in $(seq 100); do
		[ -s "$dir/peer.port" ] && break
		sleep 0.1
	done
	[ -s "$dir/peer.port" ] || { peer_stop; return 1; }
	echo "10.0.2.2 $(cat "$dir/peer.port")" > "$dir/lab-peer"
}
peer_stop() {
	[ -n "$peer_pid" ] && kill "$peer_pid" 2> /dev/null && wait "$peer_pid" 2> /dev/null
	peer_pid=""
}

build_for_grade() {
	make --no-print-directory build/kernel.elf build/user/init \
		build/tools/mkcpio "$@" > /dev/null
}

# score NAME OUT RC: print NAME's checks from OUT (one line each, "FAIL: "
# in front of a failed one) and its verdict; sets total and bad.
score() {
	local name=$1 out=$2 rc=$3 line
	total=0 bad=0
	while IFS= read -r line; do
		total=$((total + 1))
		case "$line" in
		"FAIL: "*) bad=$((bad + 1)); echo "  FAIL  ${line#FAIL: }" ;;
		*) echo "  ok    $line" ;;
		esac
	done < "$out"
	if [ "$total" -eq 0 ]; then
		echo "  FAIL  the test printed no checks (exit status $rc)"
		total=1 bad=1
	elif [ "$bad" -eq 0 ] && [ "$rc" -ne 0 ]; then
		echo "  FAIL  the test exited with status $rc"
		total=$((total + 1)) bad=1
	fi
}

# run_one NAME OUT ERR: NAME's test alone in a boot; run-prog's status.
run_one() {
	local name=$1 extra=() cpus
	cpus=$(lab_cpus "$name") && extra+=(--smp "$cpus")
	if needs_peer "$name"; then
		peer_start "$work" ||
			{ echo "FAIL: tools/lab-peer.py did not start" > "$2"; return 1; }
		extra=(--net --add "$work/lab-peer:etc/lab-peer")
	fi
	"$here/run-prog" --timeout 60 "${extra[@]}" "build/user/labs/$name" > "$2" 2> "$3"
	local rc=$?
	peer_stop
	return "$rc"
}

cmd_grade() {
	local name=$1 rc total bad
	known_lab "$name"
	cd "$root" || exit 2
	echo "grade $name: building"
	build_for_grade "build/user/labs/$name" ||
		{ echo "grade $name: FAIL (the build failed)"; exit 2; }
	work=$(mktemp -d)
	echo "grade $name: running build/user/labs/$name in the kernel"
	run_one "$name" "$work/out" "$work/err"
	rc=$?
	if [ "$rc" -eq 125 ]; then
		score "$name" "$work/out" 0 > "$work/lines"
		grep -v 'the test printed no checks' "$work/lines"
		echo "grade $name: the kernel did not finish the test:"
		sed 's/^/  | /' "$work/err" | tail -n 20
		rm -rf "$work"
		echo "grade $name: FAIL (the test stopped)"
		exit 3
	fi
	score "$name" "$work/out" "$rc"
	rm -rf "$work"
	if [ "$bad" -eq 0 ]; then
		echo "grade $name: PASS (score $total/$total)"
		exit 0
	fi
	echo "grade $name: FAIL (score $((total - bad))/$total)"
	exit 1
}

# grade_all: every lab's test in one boot (runlabs), split at its markers.
cmd_grade_all() {
	local names name bins=() adds=() rc total bad sum=0 sumtotal=0 failed=0
	local verdicts=() peer="" together=()
	names=${*:-$(lab_names)}
	for name in $names; do known_lab "$name"; done
	cd "$root" || exit 2
	for name in $names; do
		bins+=("build/user/labs/$name")
		# A lab that needs more CPUs gets a boot of its own below.
		lab_cpus "$name" > /dev/null && continue
		together+=("$name")
		adds+=(--add "build/user/labs/$name:labs/$name")
		needs_peer "$name" && peer=1
	done
	echo "grade: building"
	build_for_grade build/user/labs/runlabs "${bins[@]}" ||
		{ echo "grade: FAIL (the build failed)"; exit 2; }
	work=$(mktemp -d)
	: > "$work/all"
	if [ ${#together[@]} -gt 0 ]; then
		if [ -n "$peer" ]; then
			peer_start "$work" && adds+=(--net --add "$work/lab-peer:etc/lab-peer")
		fi
		echo "grade: running every lab's test in one kernel"
		"$here/run-prog" --timeout 600 "${adds[@]}" build/user/labs/runlabs \
			"${together[@]}" > "$work/all" 2> "$work/err"
		peer_stop
	fi
	for name in $names; do
		local out="$work/$name.out" st
		awk -v n="$name" '$0 == "== lab " n { on = 1; next }
			on && index($0, "== end " n " ") == 1 { exit }
			on { print }' "$work/all" > "$out"
		st=$(sed -nE "s/^== end $name status ([0-9]+)$/\1/p" "$work/all")
		echo "== $name"
		if [ -z "$st" ] && lab_cpus "$name" > /dev/null; then
			echo "  (a boot of its own, with $(lab_cpus "$name") CPUs)"
			run_one "$name" "$out" "$work/$name.err"
			st=$?
			[ "$st" -eq 125 ] && echo "FAIL: the kernel did not finish the test" >> "$out"
		elif [ -z "$st" ]; then
			# The kernel stopped (or the test hung): a boot of its own.
			if grep -qxF "== end $name timeout" "$work/all"; then
				echo "  (it did not finish in time; graded again alone)"
			else
				echo "  (the kernel stopped in it; graded again alone)"
			fi
			run_one "$name" "$out" "$work/$name.err"
			st=$?
			[ "$st" -eq 125 ] && echo "FAIL: the kernel did not finish the test" >> "$out"
		fi
		score "$name" "$out" "$st"
		sum=$((sum + total - bad)) sumtotal=$((sumtotal + total))
		[ "$bad" -eq 0 ] || failed=$((failed + 1))
		verdicts+=("$(printf '%-12s %3d/%-3d %s' "$name" $((total - bad)) "$total" \
			"$([ "$bad" -eq 0 ] && echo PASS || echo FAIL)")")
	done
	rm -rf "$work"
	echo "== scores"
	printf '  %s\n' "${verdicts[@]}"
	echo "Score: $sum/$sumtotal ($(( ${#verdicts[@]} - failed )) of ${#verdicts[@]} labs pass)"
	[ "$failed" -eq 0 ]
}

[ $# -ge 1 ] || usage
case "$1" in
list) cmd_list ;;
start) [ $# -ge 2 ] || usage; cmd_start "$2" "${3:-}" ;;
strip) [ $# -eq 3 ] || usage; known_lab "$2"; strip_file "$2" "$3" ;;
grade)
	if [ $# -eq 1 ] || [ -z "$2" ]; then
		cmd_grade_all
	elif [ "$2" = all ]; then
		shift 2
		cmd_grade_all "$@"
	else
		[ $# -eq 2 ] || usage
		cmd_grade "$2"
	fi ;;
*) usage ;;
esac
