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
# test (a panic or the time limit).
set -u
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
SRC_DIRS="arch kernel drivers fs net"

usage() {
	sed -n '5,/^#$/p' "$0" | sed 's/^# \{0,1\}//' >&2
	exit 2
}

# The labs: docs/labs/*.md but the index.
lab_names() {
	local f
	for f in "$root"/docs/labs/*.md; do
		f=${f##*/}
		[ "$f" = README.md ] || echo "${f%.md}"
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
		return
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

# Each line the test prints is one check; "FAIL: " starts a failed one.
cmd_grade() {
	local name=$1 bin out err rc total=0 bad=0 line
	known_lab "$name"
	bin=build/user/labs/$name
	cd "$root" || exit 2
	echo "grade $name: building"
	make --no-print-directory build/kernel.elf build/user/init \
		build/tools/mkcpio "$bin" > /dev/null ||
		{ echo "grade $name: FAIL (the build failed)"; exit 2; }
	out=$(mktemp) err=$(mktemp)
	echo "grade $name: running $bin in the kernel"
	"$here/run-prog" --timeout 60 "$bin" > "$out" 2> "$err"
	rc=$?
	while IFS= read -r line; do
		total=$((total + 1))
		case "$line" in
		"FAIL: "*) bad=$((bad + 1)); echo "  FAIL  ${line#FAIL: }" ;;
		*) echo "  ok    $line" ;;
		esac
	done < "$out"
	if [ "$rc" -eq 125 ]; then
		echo "grade $name: the kernel did not finish the test:"
		sed 's/^/  | /' "$err" | tail -n 20
		rm -f "$out" "$err"
		echo "grade $name: FAIL (the test stopped after $total checks, $bad failed)"
		exit 3
	fi
	rm -f "$out" "$err"
	if [ "$bad" -eq 0 ] && [ "$rc" -eq 0 ] && [ "$total" -gt 0 ]; then
		echo "grade $name: PASS (score $total/$total)"
		exit 0
	fi
	if [ "$total" -eq 0 ]; then
		echo "  FAIL  the test printed no checks (exit status $rc)"
		total=1 bad=1
	elif [ "$bad" -eq 0 ]; then
		echo "  FAIL  the test exited with status $rc"
		total=$((total + 1)) bad=1
	fi
	echo "grade $name: FAIL (score $((total - bad))/$total)"
	exit 1
}

[ $# -ge 1 ] || usage
case "$1" in
list) cmd_list ;;
start) [ $# -ge 2 ] || usage; cmd_start "$2" "${3:-}" ;;
strip) [ $# -eq 3 ] || usage; known_lab "$2"; strip_file "$2" "$3" ;;
grade) [ $# -eq 2 ] || usage; cmd_grade "$2" ;;
*) usage ;;
esac
