# user.sh - user programs: the same static binary on the host (Linux,
# the oracle) and in the kernel (tools/run-prog) must print the same
# bytes and exit the same way.
#
# Every program of user/tests/ is such a comparison, run with no
# arguments (user/tests/EXPECTED.md says what each checks): adding
# user/tests/NAME.c adds the check user/NAME, with no edit here.  A
# program that needs arguments gets a line "compare_user NAME ARGS..."
# below; one that is not compared (stress_fork_exec) has a check of its
# own named user/NAME, registered before compare_user_tests.

# compare_user_run NAME [ARGS...]: run build/user/NAME on both, compare.
# The host side has a time limit too: a test that hangs on Linux (a
# socketpair run once did, for 9 minutes) fails instead of stopping the
# suite.
compare_user_run() {
	local name=$1
	shift
	local bin=build/user/$name
	timeout 300 "$bin" "$@" > "$logs/$name.host" 2>&1 < /dev/null
	local hrc=$?
	"$here/run-prog" --timeout 120 "$bin" "$@" > "$logs/$name.kernel" 2> "$logs/$name.kerr"
	local krc=$?
	if [ "$hrc" -ne 0 ]; then
		fail "user/$name" "fails on the host itself (exit $hrc)" "$logs/$name.host"
	elif [ "$krc" -ne "$hrc" ]; then
		fail "user/$name" "exit status $krc in the kernel, $hrc on the host" "$logs/$name.kerr"
		diff "$logs/$name.host" "$logs/$name.kernel" | head -n 20
	elif ! cmp -s "$logs/$name.host" "$logs/$name.kernel"; then
		fail "user/$name" "output differs from the host's"
		diff "$logs/$name.host" "$logs/$name.kernel" | head -n 20
	else
		pass "user/$name"
	fi
}

# compare_user NAME [ARGS...]: register the comparison user/NAME.
compare_user() { check "user/$1" compare_user_run "$@"; }

# compare_user_smp N NAME [ARGS...]: the comparison on at least N CPUs
# whatever SMP the run has, for a program whose bug needs several CPUs
# to show (a guest of one CPU would pass it on a broken kernel).
compare_user_smp() {
	local n=$1
	shift
	SMP=$(( ${SMP:-1} > n ? ${SMP:-1} : n )) compare_user_run "$@"
}

# compare_user_tests: register user/NAME for each user/tests/NAME.c that
# has no check yet, in alphabetical order.
compare_user_tests() {
	local src name
	for src in user/tests/*.c; do
		name=${src##*/} name=${name%.c}
		has_check "user/$name" || compare_user "$name"
	done
}

# 1,000 fork/exec/exit/wait cycles must leave free memory where 10 do.
free_after() {
	RUN_PROG_KLOG="$logs/stress.klog" "$here/run-prog" --timeout 300 \
		build/user/stress_fork_exec "$1" > "$logs/stress.out" 2>&1 || return 1
	sed -nE 's/.*init: exited with status 0 \(free pages ([0-9]+)\).*/\1/p' "$logs/stress.klog"
}
stress_fork_exec() {
	local few many
	few=$(free_after 10) && many=$(free_after 1000)
	if [ -z "$few" ] || [ -z "$many" ]; then
		fail "user/stress_fork_exec" "the stress run failed" "$logs/stress.out"
	elif [ "$few" -ne "$many" ]; then
		fail "user/stress_fork_exec" "free pages after 1000 cycles: $many, after 10: $few (leak)"
	else
		pass "user/stress_fork_exec (1000 cycles, no page leaked)"
	fi
}

# strace=1 shows each system call; an unknown one is reported once.
strace_errors() {
	RUN_PROG_KLOG="$logs/strace.klog" "$here/run-prog" --strace build/user/errors \
		> /dev/null 2> "$logs/strace.err"
	if ! grep -qE '\[pid [0-9]+\] execve\(' "$logs/strace.err" ||
	   ! grep -qE '\[pid [0-9]+\] write\(0x1, 0x1, 0xa\) = -14$' "$logs/strace.err"; then
		fail strace "no execve/write lines in the trace" "$logs/strace.err"
	elif [ "$(grep -c 'out of range: -ENOSYS' "$logs/strace.klog")" -ne 1 ]; then
		fail strace "the unknown system call was not reported exactly once" "$logs/strace.klog"
	else
		pass strace
	fi
}

# Arguments with spaces, and empty ones, reach the program as on Linux.
compare_user hello one "two words" "" three
# The pthread test again, built with glibc (Makefile's GLIBC_BINS).
compare_user pthreads.glibc
# glibc's getifaddrs and if_nameindex over netlink (user/tests/ifaddrs.c).
compare_user ifaddrs.glibc
check user/stress_fork_exec stress_fork_exec
# TLB shootdowns against page faults: a deadlock needs two CPUs.
check user/tlb_shootdown compare_user_smp 2 tlb_shootdown
# Wake-ups across CPUs (ping-pong, EPOLLEXCLUSIVE): two CPUs at least.
check user/smp_wakeup compare_user_smp 2 smp_wakeup
compare_user_tests
check strace strace_errors
