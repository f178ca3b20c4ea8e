#!/usr/bin/env bash
# test.sh - every test of the kernel, run from the host (make test).
#
# Each test boots the kernel with some command line (tools/run-kernel) and
# checks what it printed and how it ended.  The in-kernel self-tests count
# one each, from their KTAP lines.  The last line is "N passed, N failed";
# the exit status is 0 only when nothing failed.
set -u
here=$(cd "$(dirname "$0")" && pwd)
logs=$(mktemp -d)
trap 'rm -rf "$logs"' EXIT
passed=0 failed=0

pass() { echo "PASS $1"; passed=$((passed + 1)); }
fail() {
	echo "FAIL $1: $2"
	failed=$((failed + 1))
	if [ -n "${3:-}" ] && [ -f "$3" ]; then
		echo "---- last lines of the console ($1) ----"
		tail -n 25 "$3" | tr -d '\r'
		echo "----"
	fi
}

# boot NAME EXPECTED_STATUS RUN-KERNEL-ARGS... : boot once, log in $logs/NAME.
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
	local name=$1
	shift
	for re in "$@"; do
		if ! grep -qE -- "$re" "$logs/$name.txt"; then
			fail "$name" "no line matches /$re/" "$logs/$name.txt"
			return
		fi
	done
	pass "$name"
}

# --- the in-kernel self-tests, one result each (KTAP) ---
# The archive kernel/initramfs_test.c reads.
make_fixture() {
	mkdir -p "$logs/fixture"
	printf 'the wake-up chain starts here\n' > "$logs/fixture/hello.txt"
	printf 'deep\n' > "$logs/fixture/deep.txt"
	"$here/../build/tools/mkcpio" "$logs/fixture.cpio" \
		"selftest/hello.txt=$logs/fixture/hello.txt" \
		"selftest/a/b/deep.txt=$logs/fixture/deep.txt" \
		"selftest/link=>hello.txt" "selftest/a/up=>../a/b/deep.txt" \
		"selftest/abs=>/selftest/a/b"
}

run_selftests() {
	make_fixture || { fail "selftest/fixture" "could not build the test archive"; return; }
	"$here/run-kernel" --timeout 180 --cmdline "test selftest" \
		--initrd "$logs/fixture.cpio" \
		--log "$logs/selftest" 2> "$logs/selftest.err"
	local rc=$?
	tr -d '\r' < "$logs/selftest" > "$logs/selftest.txt"
	local plan results
	plan=$(sed -nE 's/^(\[[ 0-9.]+\] )?1\.\.([0-9]+)$/\2/p' "$logs/selftest.txt")
	results=0
	while read -r verdict name; do
		results=$((results + 1))
		if [ "$verdict" = ok ]; then
			pass "selftest/$name"
		else
			fail "selftest/$name" "see the console below" "$logs/selftest.txt"
		fi
	done < <(sed -nE 's/^(\[[ 0-9.]+\] )?(not ok|ok) [0-9]+ (.*)$/\2 \3/p' \
			"$logs/selftest.txt" | sed 's/^not ok/not_ok/')
	if [ -z "$plan" ] || [ "$plan" -eq 0 ] || [ "$results" -ne "$plan" ]; then
		fail "selftest/run" "planned ${plan:-no} tests, saw $results results (exit $rc)" "$logs/selftest.txt"
	elif [ "$rc" -ne 0 ] && [ "$failed" -eq 0 ]; then
		fail "selftest/run" "run-kernel exited $rc with every test passing" "$logs/selftest.txt"
	fi
}

echo "== building done; testing on ${ACCEL:-tcg} =="
run_selftests

# --- boot and the command line ---
boot boot_banner 0 --cmdline "test" &&
	expect boot_banner '^\[ *[0-9.]+\] epollos [0-9.]+ \(x86-64\)' \
		'Command line: test$' 'Memory: [0-9]+K/[0-9]+K available' \
		'ACPI: MADT: LAPIC at 0xfee00000' 'timer: ticking at 100 Hz'

boot cmdline_loglevel 0 --cmdline "test loglevel=8 no_such_option=1" &&
	expect cmdline_loglevel "cmdline: unknown option 'no_such_option=1' ignored" \
		'memblock: reserved \[' 'Command line: test loglevel=8 no_such_option=1'

if boot cmdline_quiet 0 --cmdline "test quiet"; then
	if grep -qE 'Command line:|timer: ticking' "$logs/cmdline_quiet.txt"; then
		fail cmdline_quiet "informational messages printed despite quiet" "$logs/cmdline_quiet.txt"
	else
		pass cmdline_quiet
	fi
fi

# console=ttyS1: the log moves to the second serial port, COM1 stays clean.
if boot console_ttyS1 0 --cmdline "test console=ttyS1" --com2 "$logs/com2.log"; then
	if [ -s "$logs/console_ttyS1.txt" ]; then
		fail console_ttyS1 "COM1 was not left empty" "$logs/console_ttyS1.txt"
	elif ! grep -q 'timer: ticking at 100 Hz' "$logs/com2.log"; then
		fail console_ttyS1 "the log did not reach COM2" "$logs/com2.log"
	else
		pass console_ttyS1
	fi
fi

# A module that is not a cpio archive is refused, not trusted.
head -c 3000 /dev/urandom > "$logs/garbage.cpio"
printf '070701zzzz' | cat - "$logs/garbage.cpio" > "$logs/garbage2.cpio"
boot initramfs_garbage 0 --cmdline "test" --initrd "$logs/garbage2.cpio" &&
	expect initramfs_garbage "initramfs: module 'initrd' is not a valid newc cpio archive; ignored"

# --- crashes must be reported with names, and end the run ---
boot oops_page_fault 1 --cmdline "test selftest=fault" &&
	expect oops_page_fault \
		'BUG: unable to handle page fault for address: 0000000000000010' \
		'#PF: supervisor read access in kernel mode' \
		'#PF: error_code\(0x0000\) - not-present page' \
		'RIP: 0010:crash_deref\+0x[0-9a-f]+/0x[0-9a-f]+' \
		'^\[ *[0-9.]+\]  crash_caller\+0x' '^\[ *[0-9.]+\]  selftest_fault\+0x' \
		'^\[ *[0-9.]+\]  kernel_init\+0x' 'end Kernel panic - not syncing: Fatal exception'

boot panic_backtrace 1 --cmdline "test selftest=panic" &&
	expect panic_backtrace 'Kernel panic - not syncing: selftest asked for a panic' \
		'^\[ *[0-9.]+\]  panic_caller\+0x' '^\[ *[0-9.]+\]  selftest_panic\+0x'

boot text_is_read_only 1 --cmdline "test selftest=write_text" &&
	expect text_is_read_only '#PF: supervisor write access in kernel mode' \
		'permissions violation' 'RIP: 0010:selftest_write_text\+'

boot data_is_not_executable 1 --cmdline "test selftest=exec_data" &&
	expect data_is_not_executable '#PF: supervisor instruction fetch access in kernel mode' \
		'permissions violation' '^\[ *[0-9.]+\]  selftest_exec_data\+0x'

# --- the console: typed input arrives through the serial interrupt ---
boot serial_console_input 0 --timeout 60 \
	--send-after 'kmon> $' 'uptime\r' \
	--send-after 'jiffies \(HZ=100\)' 'irqs\r' \
	--send-after 'vector 0x24' 'halt\r' &&
	expect serial_console_input 'kmon> uptime' \
		'^up [0-9]+\.[0-9]{3} s, [0-9]+ jiffies \(HZ=100\)$' \
		'^vector 0x24: [1-9]' '^vector 0xec: [1-9]' 'halting'

# --- the network: an e1000 on QEMU's user networking (slirp) ---
# Host ports are picked at random below the ephemeral range (32768 and
# up, which clients on this host use), so parallel runs seldom collide;
# a boot whose forward cannot bind is retried on other ports.  All
# traffic stays on the host's 127.0.0.1.
net_pick_ports() { net_port=$((20000 + RANDOM % 1200 * 10)); }
net_pick_ports

# The stack with a NIC: eth0 is up with its address (the self-test also
# runs without a NIC above, where it checks only lo).
boot net_selftest 0 --net --cmdline "test selftest=lwip_netif_up,lwip_tcp_loopback" &&
	expect net_selftest 'pci 0000:00:03\.0: \[8086:100e\] type 00 class 0x020000 BAR0 mem' \
		'e1000 0000:00:03\.0 eth0: .* 52:54:00:12:34:56, IRQ 11' \
		'(^|\] )ok [0-9]+ lwip_netif_up$' '(^|\] )ok [0-9]+ lwip_tcp_loopback$'

# Kernel to host: UDP datagrams to 10.0.2.2, which slirp delivers to the
# host's 127.0.0.1, where a listener waits.
net_udp_probe() {
	local got="$logs/udpprobe.got" ready="$logs/udpprobe.port" port=""
	if ! command -v python3 > /dev/null; then
		fail net_udp_probe "python3 is needed for the host-side listener"
		return
	fi
	# The listener takes any free port and says which.
	python3 -c '
import os, socket, sys
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
s.bind(("127.0.0.1", 0))
with open(sys.argv[1] + ".tmp", "w") as f:
    f.write("%d\n" % s.getsockname()[1])
os.rename(sys.argv[1] + ".tmp", sys.argv[1])
s.settimeout(60)
data, _ = s.recvfrom(2048)
sys.stdout.write(data.decode())
' "$ready" > "$got" 2>&1 &
	local lpid=$!
	for _ in $(seq 100); do
		[ -s "$ready" ] && break
		sleep 0.1
	done
	port=$(cat "$ready" 2> /dev/null)
	if [ -z "$port" ]; then
		fail net_udp_probe "the host-side listener did not start: $(head -c 200 "$got")"
		kill "$lpid" 2> /dev/null
		return
	fi
	boot net_udp_probe 0 --net --timeout 60 --cmdline "udpprobe=10.0.2.2:$port" \
		--send-after 'udpprobe: datagram 6 sent' 'halt\r'
	local rc=$?
	wait "$lpid"
	[ "$rc" -ne 0 ] && return
	if grep -qE '^epollos udp probe [1-6]$' "$got"; then
		pass net_udp_probe
	else
		fail net_udp_probe "the host received '$(head -c 200 "$got")'" "$logs/net_udp_probe.txt"
	fi
}
net_udp_probe

# Host to kernel, through --fwd: the in-kernel TCP echo answers a bash
# client; a burst of UDP datagrams larger than the RX ring (128) does not
# stop reception (a bulk TCP echo afterwards must still come back whole);
# /proc/net/dev's text comes back from the stats port.
net_fetch_stats() {
	local out=$1
	exec 6<> "/dev/tcp/127.0.0.1/$((net_port + 4))" || return 1
	timeout 10 cat <&6 > "$out"
	exec 6>&-
}

net_echo_burst() {
	local echo_port=$((net_port + 2)) udp_port=$((net_port + 3))
	local name=net_echo_burst log="$logs/net_echo_burst" kpid attempt
	for attempt in 1 2 3; do
		"$here/run-kernel" --timeout 120 --cmdline "nettest" --log "$log" \
			--fwd "$echo_port:7" --fwd "udp:$udp_port:9" \
			--fwd "$((net_port + 4)):11" \
			--send-after 'nettest: stats request 2' 'halt\r' 2> "$log.err" &
		kpid=$!
		for _ in $(seq 600); do
			grep -q 'Link is Up' "$log" 2> /dev/null && break
			kill -0 "$kpid" 2> /dev/null || break
			sleep 0.1
		done
		kill -0 "$kpid" 2> /dev/null && break
		wait "$kpid"
		grep -q 'Could not set up host forwarding' "$log.err" || break
		net_pick_ports
		echo_port=$((net_port + 2)) udp_port=$((net_port + 3))
	done
	local line="" why=""
	if exec 5<> "/dev/tcp/127.0.0.1/$echo_port"; then
		printf 'hello epoll\n' >&5
		read -r -t 20 line <&5
		exec 5>&-
	fi
	[ "$line" = "hello epoll" ] || why="echo returned '$line'"

	local payload i
	payload=$(head -c 1000 /dev/zero | tr '\0' 'u')
	exec 5> "/dev/udp/127.0.0.1/$udp_port"
	for i in $(seq 2000); do printf '%s' "$payload" >&5; done
	exec 5>&-
	sleep 2
	net_fetch_stats "$logs/stats1" || why="${why:+$why; }no stats after the burst"
	local n
	n=$(sed -nE 's/^udp_discard: ([0-9]+) datagrams.*/\1/p' "$logs/stats1")
	[ "${n:-0}" -gt 128 ] || why="${why:+$why; }only ${n:-no} datagrams of the burst arrived"

	head -c 200000 /dev/urandom > "$logs/bulk.in"
	if exec 5<> "/dev/tcp/127.0.0.1/$echo_port"; then
		cat "$logs/bulk.in" >&5 &
		local wpid=$!
		timeout 60 head -c 200000 <&5 > "$logs/bulk.out"
		wait "$wpid"
		exec 5>&-
	fi
	cmp -s "$logs/bulk.in" "$logs/bulk.out" ||
		why="${why:+$why; }bulk echo after the burst came back as $(wc -c < "$logs/bulk.out") bytes, not 200000 equal ones"
	net_fetch_stats "$logs/stats2" || why="${why:+$why; }no stats at the end"
	grep -qE '^ face \|bytes    packets errs drop fifo frame compressed multicast\|' "$logs/stats2" &&
	grep -qE '^  eth0: +[0-9]+ +[0-9]+( +[0-9]+){14}$' "$logs/stats2" ||
		why="${why:+$why; }bad /proc/net/dev text: $(head -c 300 "$logs/stats2")"
	wait "$kpid"
	local rc=$?
	tr -d '\r' < "$log" > "$log.txt"
	[ "$rc" -eq 0 ] || why="${why:+$why; }run-kernel exited $rc"
	if [ -n "$why" ]; then
		fail $name "$why" "$log.txt"
	else
		pass "$name ($n of 2000 datagrams in the burst)"
	fi
}
net_echo_burst

# --- the shell on the console, as make run starts it ---
boot shell_session 0 --timeout 90 --initrd "$here/../build/initrd" \
	--send-after '^# $' 'echo hello from sh\r' \
	--send-after 'hello from sh' 'hello a b\r' \
	--send-after 'argv\[2\]=b' 'nosuch\r' \
	--send-after 'nosuch: No such file' 'poweroff\r' &&
	expect shell_session '^hello from sh$' '^argc=3$' '^argv\[0\]=hello$' \
		'sh: nosuch: No such file or directory' 'reboot: Power down'

# Pipelines and redirection: hello's output counted through pipes.
hello_size=$(wc -c < "$here/../build/user/hello")
boot shell_pipeline 0 --timeout 90 --initrd "$here/../build/initrd" \
	--send-after '^# $' 'hello a b | count\r' \
	--send-after '^5 6 54$' 'hello x|count | count\r' \
	--send-after '^1 3 7$' 'count < /bin/hello\r' \
	--send-after "^[0-9]+ [0-9]+ $hello_size\$" 'nosuch 2> /dev/null\r' \
	--send-after 'nosuch 2> /dev/null' 'echo "a|b" >> /dev/null\r' \
	--send-after '>> /dev/null' 'echo "a|b"\r' \
	--send-after '(^|# )a\|b$' 'count < /nonexistent\r' \
	--send-after 'nonexistent: No such file' 'ls / | cat\r' \
	--send-after '^www$' 'poweroff\r' &&
	expect shell_pipeline '^5 6 54$' '^1 3 7$' "^[0-9]+ [0-9]+ $hello_size\$" \
		'(^|# )a\|b$' 'sh: /nonexistent: No such file or directory' \
		'^bin$' '^dev$' '^sbin$' '^www$' 'reboot: Power down'
if grep -q 'sh: nosuch' "$logs/shell_pipeline.txt" 2>/dev/null; then
	fail shell_pipeline_stderr "2> did not redirect the error" "$logs/shell_pipeline.txt"
fi

# The console in raw mode (keys prints each byte as it comes, no echo),
# Ctrl-C killing the foreground job, the shell surviving with the
# terminal back in canonical mode, and Ctrl-C at the prompt dropping the
# line typed so far.
boot shell_ctrl_c 0 --timeout 90 --initrd "$here/../build/initrd" \
	--send-after '^# $' 'keys\r' \
	--send-after '^keys: raw mode' 'ab' \
	--send-after '^key 0x62$' '\x03' \
	--send-after 'killed by signal 2' 'echo still here\r' \
	--send-after '^still here$' 'abc\x03echo survived\r' \
	--send-after '^survived$' 'poweroff\r' &&
	expect shell_ctrl_c '^key 0x61$' '^key 0x62$' '^sh: keys: killed by signal 2$' \
		'^# echo still here$' '^still here$' '^# abc\^Cecho survived$' \
		'^survived$' 'reboot: Power down'

# ps, top and kill on the console: a busy job in the background is in
# ps (running) and in top, with init and the shell; top without -n
# quits on q; the job killed through $! and reaped ("[N] done") is gone
# from the next ps.  A q typed early waits in the tty for top's raw mode;
# the next line is typed only at the prompt, since the tty makes what is
# left unread when top goes back to canonical mode a line still being
# typed (Linux would hand it over as a line).
boot shell_ps_kill 0 --timeout 120 --initrd "$here/../build/initrd" \
	--send-after '^# $' 'count < /dev/zero &\r' \
	--send-after '^\[[0-9]+\]$' 'ps\r' \
	--send-after ' R +[0-9:]+ count$' 'top -n 1\r' \
	--send-after '^MiB Mem :' 'echo top done\r' \
	--send-after '(^|# )top done$' 'top\r' \
	--send-after '(^|# )top$' 'q' \
	--send-after '^# $' 'echo top quit\r' \
	--send-after '(^|# )top quit$' 'kill $!\r' \
	--send-after '^# kill \$!$' 'echo killed\r' \
	--send-after '\] done$' 'ps\r' \
	--send-after '(^|# )killed$' 'echo ps done\r' \
	--send-after '(^|# )ps done$' 'poweroff\r' &&
	expect shell_ps_kill '^  PID  PPID STAT     TIME CMD$' \
		'^ +1 +0 S +[0-9:]{8} /sbin/init$' '^ +[0-9]+ +1 [RS] +[0-9:]{8} /bin/sh$' \
		'^ +[0-9]+ +0 [RSD] +[0-9:]{8} \[knetd\]$' \
		'top - [0-9:]{8} up [0-9]+ min,  load average: [0-9.]+, [0-9.]+, [0-9.]+$' \
		'^Tasks: +[0-9]+ total, +[0-9]+ running' '^%Cpu\(s\): +[0-9.]+ us' \
		'^ +PID +PPID S +%CPU +%MEM +RES +TIME\+ COMMAND$' \
		'^ +1 +0 S +[0-9.]+ +[0-9.]+ +[0-9]+ +[0-9:.]+ init$' \
		'^ +[0-9]+ +1 [RS] +[0-9.]+ +[0-9.]+ +[0-9]+ +[0-9:.]+ sh$' \
		'^ +[0-9]+ +[0-9]+ R +[0-9.]+ +[0-9.]+ +[0-9]+ +[0-9:.]+ count$' \
		'^\[[0-9]+\] done$' 'reboot: Power down'
# After the kill, the second ps (and anything after it) must not list
# count, running or as a zombie.
if [ -f "$logs/shell_ps_kill.txt" ] &&
   sed -n '/^# kill /,$p' "$logs/shell_ps_kill.txt" | sed -n '/^# ps$/,$p' |
   grep -qE ' count$|\[count\]'; then
	fail shell_ps_kill_gone "count is still in ps after kill" "$logs/shell_ps_kill.txt"
fi

# --- user programs: the same binary on the host (Linux, the oracle) and
# in the kernel must print the same bytes and exit the same way ---
cd "$here/.."
compare_user() {
	local name=$1
	shift
	local bin=build/user/$name
	"$bin" "$@" > "$logs/$name.host" 2>&1 < /dev/null
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
compare_user hello one two three
compare_user fork_wait
compare_user signal_segv
compare_user signals
compare_user memory
compare_user errors
compare_user time
compare_user poll
compare_user socketpair
compare_user epoll
compare_user epoll_nest
compare_user procfs
compare_user proc_pid

# strace=1 shows each system call; an unknown one is reported once.
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
compare_user fs
# Needs the mmap system call (kernel/mm_syscalls) to hand file mappings
# to do_mmap_file(); fails with ENOSYS until then.
compare_user fs_mmap

# 1,000 fork/exec/exit/wait cycles must leave free memory where 10 do.
free_after() {
	RUN_PROG_KLOG="$logs/stress.klog" "$here/run-prog" --timeout 300 \
		build/user/stress_fork_exec "$1" > "$logs/stress.out" 2>&1 || return 1
	sed -nE 's/.*init: exited with status 0 \(free pages ([0-9]+)\).*/\1/p' "$logs/stress.klog"
}
few=$(free_after 10) && many=$(free_after 1000)
if [ -z "$few" ] || [ -z "$many" ]; then
	fail "user/stress_fork_exec" "the stress run failed" "$logs/stress.out"
elif [ "$few" -ne "$many" ]; then
	fail "user/stress_fork_exec" "free pages after 1000 cycles: $many, after 10: $few (leak)"
else
	pass "user/stress_fork_exec (1000 cycles, no page leaked)"
fi

# --- the follow-along guide names only functions that exist ---
if bash "$here/check-guide.sh" > "$logs/guide.txt" 2>&1; then
	pass "guide_references ($(tail -n 1 "$logs/guide.txt"))"
else
	fail guide_references "stale file:function references" "$logs/guide.txt"
fi

# --- the demo servers against real clients, natively on Linux first ---
while read -r verdict rest; do
	case "$verdict" in
	PASS) pass "demos-host/$rest" ;;
	FAIL) fail "demos-host/$rest" "see tools/test-demos-host.sh" ;;
	esac
done < <(bash "$here/test-demos-host.sh" 2>&1 | grep -E '^(PASS|FAIL) ')

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
