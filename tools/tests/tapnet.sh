# tapnet.sh - the tap network (tools/tap-net): the guest on a tap device
# in a network namespace of its own, reached at 10.77.0.2 from inside it
# with no forwards in between; hostile frames on it (tools/net-inject)
# and connection churn (tools/net-churn).
#
# Each check gets a namespace of its own name (run-kernel --tap makes it
# and removes it when QEMU ends), so two runs on one machine never share
# a tap.  Skipped, with a SKIP line, only if this machine cannot make a
# namespace with a tap device at all (not root, no /dev/net/tun).

# tapnet_ns: a fresh namespace name for one check, in $TAP_NS.
tapnet_ns() { TAP_NS="epollos-t$$-$1"; export TAP_NS; }

# tapnet_can NAME: 0 if a tap namespace can be made here; else SKIP NAME.
tapnet_can() {
	local why
	tapnet_ns probe
	if why=$("$here/tap-net" up "$TAP_NS" 2>&1) &&
	   "$here/tap-net" down "$TAP_NS" 2>&1; then
		return 0
	fi
	skip "$1" "this machine cannot make a tap device in a namespace: $why"
	return 1
}

# --- make run's machine on the tap: init's servers from /etc/rc, the
# banner's hint for the namespace, and every byte of an echo and of a
# static page through the tap, from a client inside the namespace. ---
tapnet_servers() {
	local name=tapnet_servers rc
	tapnet_can $name || return
	tapnet_ns servers
	head -c 30000 /dev/urandom | base64 -w 76 > "$logs/$name.in"
	"$here/run-kernel" --timeout 120 --initrd "$root/build/initrd" --tap \
		--cmdline "TAPNET=$TAP_NS" --ready 'echod: listening on port 7' \
		--host "set -e
			ip -brief addr show eptap0
			timeout 30 nc -q 5 10.77.0.2 7 < '$logs/$name.in' > '$logs/$name.echo'
			timeout 30 curl -sS -o '$logs/$name.css' http://10.77.0.2/style.css
			timeout 30 curl -sS -o /dev/null -w 'status %{http_code}\n' http://10.77.0.2/nothing-here" \
		--log "$logs/$name.console" > "$logs/$name.out" 2> "$logs/$name.err"
	rc=$?
	tr -d '\r' < "$logs/$name.console" > "$logs/$name.txt"
	if [ "$rc" -ne 0 ]; then
		fail $name "run-kernel exited $rc: $(tail -n 5 "$logs/$name.out" "$logs/$name.err" | tr '\n' ' ')" "$logs/$name.txt"
	elif ! grep -q "ip netns exec $TAP_NS curl http://10.77.0.2/" "$logs/$name.txt"; then
		fail $name/banner "no hint for the namespace in init's banner" "$logs/$name.txt"
	elif ! grep -qE '^eptap0 +UP +10\.77\.0\.1/24' "$logs/$name.out"; then
		fail $name "the tap is not 10.77.0.1/24 in the namespace: $(head -c 300 "$logs/$name.out")"
	elif ! cmp -s "$logs/$name.in" "$logs/$name.echo"; then
		fail $name/echo "echod returned $(wc -c < "$logs/$name.echo") bytes, not the $(wc -c < "$logs/$name.in") sent" "$logs/$name.txt"
	elif ! cmp -s "$root/user/www/style.css" "$logs/$name.css"; then
		fail $name/http "GET /style.css did not return user/www/style.css" "$logs/$name.txt"
	elif ! grep -q '^status 404$' "$logs/$name.out"; then
		fail $name/http "a missing page was not 404: $(tail -n 1 "$logs/$name.out")"
	else
		pass "$name (echo $(wc -c < "$logs/$name.in") bytes, GET, 404)"
	fi
	ip netns list | grep -q "^$TAP_NS" &&
		fail $name/cleanup "namespace $TAP_NS is still there after the run"
}
check tapnet_servers tapnet_servers

# --- Nagle's test counts wire segments: a client whose pure ACKs are
# lost (tc drops them on the tap) still gets an answer whose body comes
# after a small header.  httpd sends the 112-byte header, then the 1.5 KB
# body of /style.css; lwIP's send MSS is 16 KB with TSO, and counted in
# that a body shorter than it waited for the ACK of the header, which
# here never comes (curl gives up after 20 s).  Linux's tcp_nagle_check,
# and ours (net/tcp.c, inet_tcp_push), hold only what is shorter than
# one wire segment. ---
tapnet_nagle() {
	local name=tapnet_nagle rc
	tapnet_can $name || return
	tapnet_ns nagle
	"$here/run-kernel" --timeout 120 --initrd "$root/build/initrd" --tap \
		--cmdline "TAPNET=$TAP_NS" --ready 'echod: listening on port 7' \
		--host "set -e
			# pure ACKs (flags exactly ACK) to a class whose queue holds none
			tc qdisc add dev eptap0 root handle 1: htb default 1 2> /dev/null
			tc class add dev eptap0 parent 1: classid 1:1 htb rate 1gbit 2> /dev/null
			tc class add dev eptap0 parent 1: classid 1:2 htb rate 1gbit 2> /dev/null
			tc qdisc add dev eptap0 parent 1:2 handle 20: pfifo limit 0
			tc filter add dev eptap0 parent 1: protocol ip prio 1 u32 \\
				match ip protocol 6 0xff match u8 0x10 0xff at 33 flowid 1:2
			timeout 30 curl -sS --max-time 20 -o '$logs/$name.css' http://10.77.0.2/style.css
			tc -s qdisc show dev eptap0 | grep -A1 '^qdisc pfifo 20:' | grep -o 'dropped [0-9]*'" \
		--log "$logs/$name.console" > "$logs/$name.out" 2> "$logs/$name.err"
	rc=$?
	tr -d '\r' < "$logs/$name.console" > "$logs/$name.txt"
	if [ "$rc" -ne 0 ]; then
		fail $name "run-kernel exited $rc (curl: no whole answer without ACKs?): $(tail -n 5 "$logs/$name.out" "$logs/$name.err" | tr '\n' ' ')" "$logs/$name.txt"
	elif ! cmp -s "$root/user/www/style.css" "$logs/$name.css"; then
		fail $name "GET /style.css did not return user/www/style.css" "$logs/$name.txt"
	elif ! grep -qE '^dropped [1-9]' "$logs/$name.out"; then
		fail $name "tc dropped no pure ACK: the check did not check" "$logs/$name.txt"
	else
		pass "$name (the whole answer with the client's pure ACKs dropped: $(grep -E '^dropped' "$logs/$name.out"))"
	fi
}
check tapnet_nagle tapnet_nagle

# tapnet_report NAME OUT: one result per PASS/FAIL line of a tool's
# output, named NAME/what; a run with no such lines fails.
tapnet_report() {
	local name=$1 out=$2 verdict rest
	if ! grep -qE '^(PASS|FAIL) ' "$out"; then
		fail $name "no checks ran: $(tail -n 5 "$out" | tr '\n' ' ')" "$logs/$name.console"
		return
	fi
	while read -r verdict rest; do
		case "$verdict" in
		PASS) pass "$name/$rest" ;;
		FAIL) fail "$name/${rest%%:*}" "${rest#*: }" "$logs/$name.console" ;;
		esac
	done < <(grep -E '^(PASS|FAIL) ' "$out")
}

# --- hostile frames (tools/net-inject, short fixed-seed run; the full
# million is in the README): the servers answer every byte right while
# they fly, and the guest's counters account for them.  Its snapshots
# also give /proc/net/snmp's text, whose lines of names must be the
# host Linux's, the oracle, field for field. ---
tapnet_inject() {
	local name=tapnet_inject snaps="$logs/tapnet_inject.snaps" p
	tapnet_can $name || return
	tapnet_ns inject
	mkdir -p "$snaps"
	NETGUEST_SNAPDIR=$snaps NETGUEST_CONSOLE="$logs/$name.console" \
		"$here/net-inject" --frames 20000 --seed 7 > "$logs/$name.out" 2>&1
	tapnet_report $name "$logs/$name.out"
	grep '^net-inject: seed' "$logs/$name.out"
	if [ ! -s "$snaps/snap1.txt" ]; then
		fail $name/snmp_format "no snapshot of the guest's /proc/net/snmp"
		return
	fi
	for p in Ip Icmp Tcp Udp UdpLite; do
		local ours theirs
		ours=$(grep -m1 "^$p: [A-Z]" "$snaps/snap1.txt")
		theirs=$(grep -m1 "^$p: [A-Z]" /proc/net/snmp)
		if [ "$ours" != "$theirs" ]; then
			fail $name/snmp_format "$p's names differ from this host's: '$ours' vs '$theirs'"
			return
		fi
		if [ "$(grep "^$p: " "$snaps/snap1.txt" | sed -n 2p | wc -w)" != "$(echo "$ours" | wc -w)" ]; then
			fail $name/snmp_format "$p's values are not one per name"
			return
		fi
	done
	pass $name/snmp_format
}
check tapnet_inject tapnet_inject

# --- connection churn (tools/net-churn, short fixed-seed run; the full
# 100,000 is in the README): every byte of each answer right, and after
# the cycles every slab cache (lwIP's pools too) within 4 objects of the
# baseline, TIME_WAIT pcbs discounted, and MemFree within 256 kB. ---
tapnet_churn() {
	local name=tapnet_churn
	tapnet_can $name || return
	tapnet_ns churn
	NETGUEST_CONSOLE="$logs/$name.console" \
		"$here/net-churn" --cycles 2000 --seed 5 > "$logs/$name.out" 2>&1
	tapnet_report $name "$logs/$name.out"
	grep '^net-churn: ' "$logs/$name.out"
}
check tapnet_churn tapnet_churn
