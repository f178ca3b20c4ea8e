# net.sh - the network: an e1000 on QEMU's user networking (slirp), the
# stack's self-tests with a NIC, traffic both ways through forwards, the
# chain trace, and 1,000 connections at once.  Forwards use $net_port +2
# to +5 (lib.sh).

# The stack with a NIC: eth0 is up with its address (the self-test also
# runs without a NIC in selftest.sh, where it checks only lo).
net_selftest() {
	boot net_selftest 0 --net --cmdline "test selftest=lwip_netif_up,lwip_tcp_loopback" &&
		expect net_selftest 'pci 0000:00:03\.0: \[8086:100e\] type 00 class 0x020000 BAR0 mem' \
			'e1000 0000:00:03\.0 eth0: .* 52:54:00:12:34:56, IRQ 11' \
			'(^|\] )ok [0-9]+ lwip_netif_up$' '(^|\] )ok [0-9]+ lwip_tcp_loopback$'
}
check net_selftest net_selftest

# Kernel to host: UDP datagrams to 10.0.2.2, which slirp delivers to the
# host's 127.0.0.1, where a listener (udp-listen.py) waits.
net_udp_probe() {
	local got="$logs/udpprobe.got" ready="$logs/udpprobe.port" port=""
	if ! command -v python3 > /dev/null; then
		fail net_udp_probe "python3 is needed for the host-side listener"
		return
	fi
	# The listener takes any free port and says which.
	python3 "$here/tests/udp-listen.py" "$ready" > "$got" 2>&1 &
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
check net_udp_probe net_udp_probe

# Host to kernel, through --fwd: the in-kernel TCP echo answers a bash
# client; a burst of UDP datagrams larger than the RX ring (1024) does not
# stop reception (a bulk TCP echo afterwards must still come back whole);
# /proc/net/dev's text comes back from the stats port.
net_fetch_stats() {
	local out=$1
	exec 6<> "/dev/tcp/127.0.0.1/$((net_port + 4))" || return 1
	timeout 10 cat <&6 > "$out"
	exec 6>&-
}

# net_boot_bg LOG BOOT_FN: run BOOT_FN in the background (it boots with
# run-kernel --log LOG, errors in LOG.err, forwarding ports counted from
# $net_port) and wait until the guest's link is up.  A forward that
# cannot bind picks other ports and boots again (with_ports).  Sets kpid.
net_boot_bg() {
	with_ports "$1.err" net_start_bg "$1" "$2"
}

# net_start_bg LOG BOOT_FN: one try of net_boot_bg; 0 if the guest runs.
net_start_bg() {
	local log=$1 _
	"$2" &
	kpid=$!
	for _ in $(seq 600); do
		grep -q 'Link is Up' "$log" 2> /dev/null && break
		kill -0 "$kpid" 2> /dev/null || break
		sleep 0.1
	done
	kill -0 "$kpid" 2> /dev/null && return 0
	wait "$kpid"
}

net_echo_burst_boot() {
	"$here/run-kernel" --timeout 120 --cmdline "nettest" --log "$logs/net_echo_burst" \
		--fwd "$((net_port + 2)):7" --fwd "udp:$((net_port + 3)):9" \
		--fwd "$((net_port + 4)):11" \
		--send-after 'nettest: stats request 2' 'halt\r' 2> "$logs/net_echo_burst.err"
}

net_echo_burst() {
	local name=net_echo_burst log="$logs/net_echo_burst" kpid
	net_boot_bg "$log" net_echo_burst_boot
	local echo_port=$((net_port + 2)) udp_port=$((net_port + 3))
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
	for i in $(seq 4000); do printf '%s' "$payload" >&5; done
	exec 5>&-
	sleep 2
	net_fetch_stats "$logs/stats1" || why="${why:+$why; }no stats after the burst"
	local n
	n=$(sed -nE 's/^udp_discard: ([0-9]+) datagrams.*/\1/p' "$logs/stats1")
	[ "${n:-0}" -gt 1024 ] || why="${why:+$why; }only ${n:-no} datagrams of the burst arrived"

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
check net_echo_burst net_echo_burst

# --- the chain trace: trace=chain, echod in the guest's shell, a few
# bytes from the host through a forward.  Each event on the watched
# socket must print every step of the wake-up chain, in order, with
# times that never go back; "trace off" must silence it and writing 1 to
# /proc/trace_chain bring it back. ---
net_chain_trace_boot() {
	"$here/run-kernel" --timeout 120 --initrd "$here/../build/initrd" \
		--cmdline "trace=chain rc=off" --fwd "$((net_port + 5)):7" \
		--log "$logs/net_chain_trace" \
		--send-after '^# $' 'trace status\r' \
		--send-after '^chain trace: on$' 'echod -v &\r' \
		--send-after 'echod: fd [0-9]+ read 6 bytes' 'trace off\r' \
		--send-after 'echod: fd [0-9]+ read 8 bytes' 'echo 1 > /proc/trace_chain\r' \
		--send-after 'echo 1 > /proc/trace_chain' 'cat /proc/trace_chain\r' \
		--send-after 'echod: fd [0-9]+ read 11 bytes' 'poweroff\r' \
		2> "$logs/net_chain_trace.err"
}

# wait_log LOG REGEX [COUNT]: wait (up to 60 s) until COUNT lines (1) of
# LOG match REGEX.
wait_log() {
	for _ in $(seq 600); do
		[ "$(tr -d '\r' < "$1" | grep -cE -- "$2")" -ge "${3:-1}" ] && return 0
		sleep 0.1
	done
	return 1
}

# echo_line FD TEXT: send TEXT and a newline on FD; the line read back.
echo_line() {
	local line=""
	printf '%s\n' "$2" >&"$1"
	read -r -t 20 -u "$1" line
	echo "$line"
}

# chain_of LOG REGEX: the chain-trace lines (from their time stamp on) of
# the chain, begun by an interrupt, that has a line matching REGEX.
chain_of() {
	sed -nE 's/^.*(\[ *[0-9]+\.[0-9]+\] chain: \+)/\1/p' "$1" |
		awk -v re="$2" -f "$here/tests/chain-of.awk"
}

# chain_in_order FILE STEP...: the steps come in this order (others may
# come between), and no line's time or +delta is below the line before.
chain_in_order() {
	local file=$1
	shift
	awk -v want="$*" -f "$here/tests/chain-in-order.awk" "$file"
}

net_chain_trace() {
	local name=net_chain_trace log="$logs/net_chain_trace" kpid fd
	local got1="" got2="" got3="" why=""
	net_boot_bg "$log" net_chain_trace_boot
	if wait_log "$log" 'echod: listening' && exec {fd}<> "/dev/tcp/127.0.0.1/$((net_port + 5))"; then
		# Only once echod has the connection in its epoll is it watched.
		wait_log "$log" 'echod: fd [0-9]+ accepted' && got1=$(echo_line "$fd" hello)
		wait_log "$log" '^chain trace: off$' && got2=$(echo_line "$fd" quietly)
		wait_log "$log" '^on$' && got3=$(echo_line "$fd" 'loud again')
		exec {fd}>&-
	fi
	wait "$kpid"
	local rc=$?
	tr -d '\r' < "$log" > "$log.txt"
	[ "$rc" -eq 0 ] || why="run-kernel exited $rc"
	[ "$got1/$got2/$got3" = "hello/quietly/loud again" ] ||
		why="${why:+$why; }echod echoed '$got1/$got2/$got3'"
	if [ -n "$why" ]; then
		fail $name "$why" "$log.txt"
		return
	fi

	chain_of "$log.txt" 'inet_tcp_recv .* len=6$' > "$log.chain"
	local fd_re=$(sed -nE 's/^.*echod: fd ([0-9]+) accepted$/\1/p' "$log.txt" | head -n 1)
	if ! why=$(chain_in_order "$log.chain" e1000_intr ethernetif_input ip4_input \
			inet_tcp_recv sock_def_readable ep_poll_callback \
			try_to_wake_up epoll_wait); then
		fail "$name/steps" "$why" "$log.chain"
	elif ! grep -qE " ep_poll_callback epi=0x[0-9a-f]+ ep=0x[0-9a-f]+ fd=$fd_re events=0x1$" "$log.chain" ||
	     ! grep -qE ' try_to_wake_up pid=[0-9]+ comm=echod$' "$log.chain" ||
	     ! grep -qE ' epoll_wait pid=[0-9]+ comm=echod returns 1$' "$log.chain"; then
		fail "$name/steps" "a step names the wrong item, task or count" "$log.chain"
	else
		pass "$name/steps ($(wc -l < "$log.chain") lines, irq to epoll_wait in $(sed -nE 's/.*\+([0-9]+us) epoll_wait.*/\1/p' "$log.chain"))"
	fi

	# Off: not one chain line between the switch and the next "on".
	if sed -n '/^chain trace: off$/,/^on$/p' "$log.txt" | grep -q 'chain: +'; then
		fail "$name/off" "chain lines while the trace was off" "$log.txt"
	else
		pass "$name/off"
	fi
	chain_of "$log.txt" 'inet_tcp_recv .* len=11$' > "$log.chain3"
	if ! why=$(chain_in_order "$log.chain3" e1000_intr inet_tcp_recv ep_poll_callback epoll_wait); then
		fail "$name/on_again" "$why" "$log.txt"
	else
		pass "$name/on_again"
	fi
}
check net_chain_trace net_chain_trace

# net_echoload_run: one try of net_echoload, on $net_port + 5.
net_echoload_run() {
	local port=$((net_port + 5))
	"$here/run-prog" --timeout 240 --fwd "$port:7" \
		--host "build/user/echoload -p $port -c 1000 -b 4096 &&
			build/user/echoload -p $port -c 6 -b 1048576 -s 7" \
		build/user/echod > "$logs/net_echoload.out" 2> "$logs/net_echoload.err"
}

# Host to kernel, many connections at once: echoload opens 1,000
# connections to echod in the guest through a forward and checks every
# byte of their echoes, then a few large ones (random sizes up to 1 MiB).
net_echoload() {
	local name=net_echoload rc
	with_ports "$logs/$name.err" net_echoload_run
	rc=$?
	if [ "$rc" -eq 0 ] && [ "$(grep -c 'every byte checked' "$logs/$name.out")" -eq 2 ]; then
		pass "$name ($(grep -o '^echoload: 1000 connections.*' "$logs/$name.out"))"
	else
		cat "$logs/$name.err" >> "$logs/$name.out"
		fail "$name" "run-prog exited $rc" "$logs/$name.out"
	fi
}
check net_echoload net_echoload

# The interfaces with a NIC (user/tests/ifaddrs.c): lo and eth0 with the
# addresses the kernel has, the same through getifaddrs (netlink), if_-
# nameindex, SIOCGIFCONF and the other SIOCGIF* ioctls.  Not compared
# with the host, whose interfaces differ (user/ifaddrs compares lo).
net_ifaddrs() {
	local out="$logs/ifaddrs_all.out"
	"$here/run-prog" --net --timeout 60 build/user/ifaddrs --all lo=127.0.0.1/8 \
		eth0=10.0.2.15/24 > "$out" 2>&1
	if [ $? -ne 0 ] || ! grep -q '^if_nameindex: 1 lo$' "$out" ||
	   ! grep -q '^if_nameindex: 2 eth0$' "$out" ||
	   ! grep -q '^getifaddrs: eth0 link flags 0x10043 index 2 type 1 address 52:54:00:12:34:56$' "$out"; then
		fail net_ifaddrs "lo and eth0 not as the kernel has them" "$out"
	else
		pass "net_ifaddrs (lo 127.0.0.1/8, eth0 10.0.2.15/24, $(grep -c '^[^F].*' "$out") lines agree)"
	fi
}
check net_ifaddrs net_ifaddrs

# Many TCP connections at once, both ends in the guest (user/tcpmany,
# tools/tcp-many for the full 50,000): 2,000, each end answers a byte.
net_tcpmany() {
	local out="$logs/tcpmany.out"
	"$here/run-prog" --timeout 300 build/user/tcpmany -n 2000 -e 1000 > "$out" 2>&1
	if [ $? -ne 0 ] || ! grep -q '^tcpmany: 2000 connections$' "$out"; then
		fail net_tcpmany "2,000 loopback connections did not all open and answer" "$out"
	else
		pass "net_tcpmany ($(sed -n 's/^tcpmany: 2000 open in \([0-9.]* s\).*/2000 in \1/p' "$out"))"
	fi
}
check net_tcpmany net_tcpmany
