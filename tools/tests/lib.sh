# lib.sh - what every check file uses: results, boots, ports, and the
# registry of named checks.  Sourced by tools/test.sh before the check
# files; runs nothing itself.
#
# Globals: $here (tools/), $root (the tree, also the cwd), $logs (a
# temporary directory for consoles and outputs, removed at the end).

passed=0 failed=0 skipped=0

# Reports no console may show (tools/test.sh checks every log of every
# check): a sleeping call in atomic context, and the lock validator's
# reports (kernel/lockdep.c).  Not when the line is a KTAP comment
# ("    # "): those are a self-test's expected reports.
not_ktap='(^|[^ ]|[^#] )'
SLEEP_BUG_RE="${not_ktap}BUG: sleeping function called from invalid context"
LOCKDEP_REPORT_RE="${not_ktap}(WARNING: possible (circular|recursive) locking|WARNING: inconsistent lock state|WARNING: bad unlock balance|WARNING: lock not held|INFO: trying to register non-static key|BUG: MAX_LOCK|BUG: looking up invalid subclass)"

# --- results: one line each, counted for the summary ---
pass() { echo "PASS $1"; passed=$((passed + 1)); }
# skip NAME WHY: the machine cannot run NAME at all (no tap devices, say);
# counted apart, never as a pass.  Only for what the machine lacks.
skip() { echo "SKIP $1: $2"; skipped=$((skipped + 1)); }
# fail NAME WHY [FILE]: FILE's last lines (a console, usually) follow.
fail() {
	echo "FAIL $1: $2"
	failed=$((failed + 1))
	if [ -n "${3:-}" ] && [ -f "$3" ]; then
		echo "---- last lines of the console ($1) ----"
		tail -n 25 "$3" | tr -d '\r'
		echo "----"
	fi
}

# --- the registry ---
# check NAME FUNCTION [ARGS...]: register the check NAME, run later as
# "FUNCTION ARGS..." if the run selects it.  A check reports one result
# or more (pass/fail), usually named NAME or NAME/part.  The area is the
# file being read (tools/tests/AREA.sh).
check_names=() check_areas=() check_cmds=()
check() {
	local name=$1 cmd
	shift
	if has_check "$name"; then
		echo "test.sh: check '$name' is registered twice ($area.sh)" >&2
		exit 2
	fi
	printf -v cmd '%q ' "$@"
	check_names+=("$name") check_areas+=("$area") check_cmds+=("$cmd")
}
has_check() {
	local n
	for n in "${check_names[@]}"; do [ "$n" = "$1" ] && return 0; done
	return 1
}

# --- booting the kernel ---
# boot NAME EXPECTED_STATUS RUN-KERNEL-ARGS...: boot once, console in
# $logs/NAME.txt (carriage returns removed); a wrong exit status fails
# NAME and returns 1.
boot() {
	local name=$1 want=$2
	shift 2
	"$here/run-kernel" --log "$logs/$name" "$@" 2> "$logs/$name.err"
	local got=$?
	tr -d '\r' < "$logs/$name" > "$logs/$name.txt"
	if [ "$got" != "$want" ]; then
		fail "$name" "run-kernel exited $got, expected $want: $(tail -n 3 "$logs/$name.err" | tr "\n" " ")" "$logs/$name.txt"
		return 1
	fi
	return 0
}

# expect NAME REGEX...: pass if every regex matches a line of the log.
expect() {
	local name=$1 re
	shift
	for re in "$@"; do
		if ! grep -qE -- "$re" "$logs/$name.txt"; then
			fail "$name" "no line matches /$re/" "$logs/$name.txt"
			return
		fi
	done
	pass "$name"
}

# --- host ports for QEMU's forwards ---
# Host ports are picked at random below the ephemeral range (32768 and
# up, which clients on this host use), so parallel runs seldom collide.
# Each check that forwards uses ports counted from $net_port (its own
# offsets: net.sh +2 to +5, demos.sh +6 to +8, busybox.sh +9, hostile.sh
# +12, browser.sh +15).  All
# traffic stays on the host's 127.0.0.1.
net_pick_ports() { net_port=$((20000 + RANDOM % 1200 * 10)); }
net_pick_ports

# with_ports ERRFILE COMMAND...: run COMMAND, which takes its ports from
# $net_port and writes QEMU's errors to ERRFILE; while QEMU says a
# forward could not bind (the port is taken), pick other ports and run
# it again, three times at most.  Returns COMMAND's status, and leaves
# $net_port at the ports of its last run.  This is the harness's one
# retry.
with_ports() {
	local err=$1 rc try
	shift
	for try in 1 2 3; do
		"$@"
		rc=$?
		[ "$try" -lt 3 ] || break
		grep -q 'Could not set up host forwarding' "$err" 2> /dev/null || break
		net_pick_ports
	done
	return "$rc"
}
