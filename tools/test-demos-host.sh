#!/usr/bin/env bash
# test-demos-host.sh - run the demo servers natively on Linux (the
# oracle) and check them with tools/test-demos.sh.
#
#   tools/test-demos-host.sh
#
# Builds the servers, starts each on a free port of 127.0.0.1 (they are
# given port 0, the kernel picks one, and they print it on their first
# line), runs the checks, and stops every server it started, whatever
# happens.  Besides the default servers, the echo checks also run
# against echod in edge-triggered and one-shot mode and against
# pollechod on poll and on select.  Ends with "N passed, N failed";
# exits 0 only if nothing failed.
set -u
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/.." && pwd)
bin=$top/build/user
tmp=$(mktemp -d)
pids=()

stop_all() {
	for pid in "${pids[@]}"; do
		kill "$pid" 2> /dev/null
		wait "$pid" 2> /dev/null
	done
	rm -rf "$tmp"
}
trap stop_all EXIT
trap 'exit 130' INT TERM

# -B: the Makefile does not know the programs include user/lib/*.h, so
# a change there alone would not rebuild them.
make -B -s -C "$top" build/user/echod build/user/pollechod build/user/httpd \
	build/user/chatd build/user/echobench build/user/echoload ||
	{ echo "FAIL build"; echo "0 passed, 1 failed"; exit 1; }

# start NAME PROGRAM ARGS...: run it on port 0 and set $port to the port
# it reports ("...: listening on port N ...").
start() {
	local name=$1
	shift
	"$@" -p 0 > "$tmp/$name.out" 2> "$tmp/$name.err" &
	pids+=($!)
	for _ in $(seq 50); do
		port=$(sed -n 's/.*listening on port \([0-9]*\).*/\1/p' "$tmp/$name.out")
		[ -n "$port" ] && return 0
		sleep 0.1
	done
	echo "FAIL start $name: $(cat "$tmp/$name.err")"
	return 1
}

total_pass=0 total_fail=0
# run LABEL ARGS...: one test-demos.sh run; add its counts to the total.
run() {
	local label=$1
	shift
	echo "== $label =="
	bash "$here/test-demos.sh" 127.0.0.1 "$@" | tee "$tmp/run.out"
	local line
	line=$(tail -n 1 "$tmp/run.out")
	if [[ $line =~ ^([0-9]+)\ passed,\ ([0-9]+)\ failed$ ]]; then
		total_pass=$((total_pass + BASH_REMATCH[1]))
		total_fail=$((total_fail + BASH_REMATCH[2]))
	else
		total_fail=$((total_fail + 1))
	fi
}

start httpd "$bin/httpd" -r "$top/user/www" -t 5 && http=$port &&
start echod "$bin/echod" && echo_lt=$port &&
start chatd "$bin/chatd" && chat=$port &&
start echod_et "$bin/echod" -e && echo_et=$port &&
start echod_1 "$bin/echod" -1 && echo_1=$port &&
start pollechod "$bin/pollechod" && echo_poll=$port &&
start selectechod "$bin/pollechod" -s && echo_select=$port ||
	{ echo "0 passed, 1 failed"; exit 1; }

run "httpd, echod, chatd" "$http" "$echo_lt" "$chat"
run "echod -e (edge-triggered)" - "$echo_et" -
run "echod -1 (one-shot)" - "$echo_1" -
run "pollechod (poll)" - "$echo_poll" -
run "pollechod -s (select)" - "$echo_select" -

# echobench with idle connections open: each echo server copes with
# many silent clients (the timings themselves are for docs/demos.md).
echo "== echobench =="
for pair in echod:$echo_lt echod-e:$echo_et echod-1:$echo_1 \
	    pollechod:$echo_poll pollechod-s:$echo_select; do
	if out=$("$bin/echobench" -p "${pair#*:}" -i 200 -n 500 2>&1); then
		echo "PASS echobench/${pair%:*}: ${out#echobench: }"
		total_pass=$((total_pass + 1))
	else
		echo "FAIL echobench/${pair%:*}: $out"
		total_fail=$((total_fail + 1))
	fi
done

# echoload -i (what tools/bench uses to measure idle connections): it
# says when all are open, holds them silent until its stdin ends, then
# every connection's echo must come back.
echo "== echoload -i =="
idle_hold() {
	local fifo=$tmp/idle.fifo out=$tmp/idle.out fd pid
	mkfifo "$fifo" && exec {fd}<> "$fifo" || return 1
	"$bin/echoload" -i -p "$echo_lt" -c 300 -b 100 < "$fifo" {fd}>&- > "$out" 2>&1 &
	pid=$!
	for _ in $(seq 100); do
		grep -q "^echoload: 300 connections open and idle" "$out" 2> /dev/null && break
		sleep 0.1
	done
	# Still holding them: it must not go on before stdin ends.
	sleep 0.3
	local held=no
	kill -0 "$pid" 2> /dev/null && ! grep -q 'every byte' "$out" && held=yes
	exec {fd}>&-
	wait "$pid" || { echo "echoload failed: $(tail -n 3 "$out")"; return 1; }
	[ "$held" = yes ] && grep -q '^echoload: 300 connections open and idle' "$out" &&
		grep -q '^echoload: 300 connections, .* every byte checked$' "$out" ||
		{ echo "held=$held: $(tr '\n' ' ' < "$out")"; return 1; }
}
if why=$(idle_hold); then
	echo "PASS echoload_idle (300 connections held, then echoed)"
	total_pass=$((total_pass + 1))
else
	echo "FAIL echoload_idle: $why"
	total_fail=$((total_fail + 1))
fi

# The servers must have survived everything, and httpd must have logged.
echo "== after the tests =="
dead=0
for i in "${!pids[@]}"; do
	kill -0 "${pids[$i]}" 2> /dev/null || dead=$((dead + 1))
done
if [ "$dead" -eq 0 ]; then
	echo "PASS servers_alive (${#pids[@]})"
	total_pass=$((total_pass + 1))
else
	echo "FAIL servers_alive: $dead of ${#pids[@]} servers died"
	total_fail=$((total_fail + 1))
fi
if grep -q '^httpd: GET / 200 ' "$tmp/httpd.err"; then
	echo "PASS httpd/request_log"
	total_pass=$((total_pass + 1))
else
	echo "FAIL httpd/request_log: no 'httpd: GET / 200 N' line on stderr"
	total_fail=$((total_fail + 1))
fi
echo "$total_pass passed, $total_fail failed"
[ "$total_fail" -eq 0 ]
