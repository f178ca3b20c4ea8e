#!/usr/bin/env bash
# test-demos.sh - check the demo servers (httpd, echod, chatd) from the
# outside, with real clients: curl, and bash's /dev/tcp for raw bytes.
#
#   tools/test-demos.sh HOST HTTP_PORT ECHO_PORT CHAT_PORT
#
# A port given as "-" skips that server.  HOST must be 127.0.0.1: the
# servers run either natively (tools/test-demos-host.sh) or in the guest
# behind QEMU's host forwarding, whose listening socket has a backlog of
# one, so connections are made one after another.
#
# Prints one PASS or FAIL line per check, then "N passed, N failed";
# exits 0 only if nothing failed.
set -u
if [ $# -ne 4 ]; then
	echo "usage: $0 HOST HTTP_PORT ECHO_PORT CHAT_PORT  (a port may be -)" >&2
	exit 2
fi
host=$1 http_port=$2 echo_port=$3 chat_port=$4
if [ "$host" != 127.0.0.1 ]; then
	echo "$0: only 127.0.0.1 is supported" >&2
	exit 2
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
passed=0 failed=0

pass() { echo "PASS $1"; passed=$((passed + 1)); }
fail() { echo "FAIL $1: $2"; failed=$((failed + 1)); }
# check NAME CONDITION-COMMAND... : pass if the command succeeds.
check() {
	local name=$1
	shift
	if "$@"; then pass "$name"; else fail "$name" "${why:-failed}"; fi
}

# ---------------------------------------------------------------- echod

# echo_bytes NAME SIZE: send SIZE random bytes on one connection, read
# the same number back while still sending (the server must not wait
# for us to stop), and compare byte for byte.
echo_bytes() {
	local name=$1 size=$2 fd writer
	head -c "$size" /dev/urandom > "$tmp/in"
	if ! exec {fd}<>"/dev/tcp/$host/$echo_port"; then
		fail "$name" "cannot connect"
		return
	fi
	cat "$tmp/in" >&"$fd" &
	writer=$!
	timeout 30 head -c "$size" <&"$fd" > "$tmp/out"
	wait "$writer"
	exec {fd}>&-
	if cmp -s "$tmp/in" "$tmp/out"; then
		pass "$name"
	else
		fail "$name" "sent $size bytes, got $(wc -c < "$tmp/out") back, or different ones"
	fi
}

# Many short connections one after another: accept and close must not
# leak (each connection is also a new fd on the server).
echo_sequential() {
	local n=$1 i fd line
	for ((i = 0; i < n; i++)); do
		exec {fd}<>"/dev/tcp/$host/$echo_port" || break
		printf 'ping %d\n' "$i" >&"$fd"
		line=
		read -r -t 5 -u "$fd" line
		exec {fd}>&-
		[ "$line" = "ping $i" ] || break
	done
	if [ "$i" -eq "$n" ]; then
		pass "echod/sequential_connections ($n)"
	else
		fail "echod/sequential_connections" "connection $i of $n went wrong"
	fi
}

# The tool the banner suggests: nc sends a line, shuts down its side at
# the end of its input (-N) and prints what came back until echod closes.
echo_nc() {
	local got
	got=$(printf 'hello through nc\n' | timeout 10 nc -N "$host" "$echo_port")
	if [ "$got" = "hello through nc" ]; then
		pass "echod/nc"
	else
		fail "echod/nc" "nc got '$got' back"
	fi
}

test_echod() {
	local size
	echo_nc
	echo_bytes "echod/1_byte" 1
	echo_bytes "echod/4096_bytes" 4096
	echo_bytes "echod/65537_bytes" 65537
	for i in 1 2 3 4; do
		size=$(( (RANDOM * 32768 + RANDOM) % 1048576 + 1 ))
		echo_bytes "echod/random_$size" "$size"
	done
	echo_bytes "echod/1_MiB" 1048576
	echo_sequential 200
}

# ---------------------------------------------------------------- httpd

url="http://$host:$http_port"

# status URL CURL-ARGS...: print the status code curl saw.
status() {
	local u=$1
	shift
	curl -s -o /dev/null -w '%{http_code}' --max-time 10 "$@" "$u"
}

# raw NAME REQUEST-FILE: send the bytes in the file on one connection
# and save everything the server says until it closes (or 10 s pass) in
# $tmp/raw.out.  Returns 124 if the server did not close.
raw() {
	local fd writer rc
	: > "$tmp/raw.out"
	exec {fd}<>"/dev/tcp/$host/$http_port" 2> /dev/null || return 1
	cat "$1" >&"$fd" 2> /dev/null &
	writer=$!
	timeout 10 cat <&"$fd" > "$tmp/raw.out"
	rc=$?
	kill "$writer" 2> /dev/null
	wait "$writer" 2> /dev/null
	exec {fd}>&-
	return "$rc"
}

still_serving() {
	[ "$(status "$url/")" = 200 ]
}

test_httpd_basic() {
	local code len got
	: > "$tmp/h"; : > "$tmp/body"
	curl -s -D "$tmp/h" -o "$tmp/body" --max-time 10 "$url/"
	why="no 200 for /"
	check "httpd/get_index" grep -q '^HTTP/1.1 200' "$tmp/h"
	why="index.html lacks the wake-up chain, or the marker was left in"
	check "httpd/index_content" eval 'grep -q "wake-up chain" "$tmp/body" &&
		! grep -q "<!--EVENTPOLL-->" "$tmp/body" &&
		grep -qE "counters appear when running on epollos|class=\"counters\"" "$tmp/body"'
	len=$(tr -d '\r' < "$tmp/h" | sed -n 's/^[Cc]ontent-[Ll]ength: //p')
	got=$(wc -c < "$tmp/body")
	why="Content-Length ${len:-missing}, body $got bytes"
	check "httpd/content_length" [ "${len:-x}" = "$got" ]
	why="wrong Content-Type"
	check "httpd/type_html" grep -qi '^content-type: text/html' "$tmp/h"
	curl -s -D "$tmp/h" -o /dev/null --max-time 10 "$url/style.css"
	check "httpd/type_css" grep -qi '^content-type: text/css' "$tmp/h"

	curl -s -I -o "$tmp/h" -w '%{size_download}' --max-time 10 "$url/" > "$tmp/n"
	why="HEAD: $(head -n 1 "$tmp/h" | tr -d '\r'), body $(cat "$tmp/n") bytes"
	check "httpd/head" eval 'grep -q "^HTTP/1.1 200" "$tmp/h" &&
		grep -qi "^content-length: [1-9]" "$tmp/h" && [ "$(cat "$tmp/n")" = 0 ]'

	code=$(status "$url/no/such/file.html")
	why="got $code"
	check "httpd/404" [ "$code" = 404 ]
	code=$(status "$url/" -X POST -d x=1)
	why="got $code"
	check "httpd/post_405" [ "$code" = 405 ]
	code=$(status "$url/" -X BREW)
	why="got $code"
	check "httpd/unknown_method_501" [ "$code" = 501 ]
	code=$(status "$url/../../../../etc/passwd" --path-as-is)
	why="got $code"
	check "httpd/dotdot_refused" eval '[ "$code" = 400 ] || [ "$code" = 404 ]'
	code=$(status "$url/%2e%2e/%2e%2e/etc/passwd" --path-as-is)
	check "httpd/encoded_dotdot_refused" eval '[ "$code" = 400 ] || [ "$code" = 404 ]'
}

test_httpd_connections() {
	# Two URLs in one curl call must share one connection.
	curl -sv -o /dev/null -o /dev/null --max-time 10 "$url/" "$url/style.css" 2> "$tmp/v"
	why="curl opened a second connection"
	check "httpd/keep_alive" grep -qiE 're-?using existing connection' "$tmp/v"

	# Three requests in one write: three answers, in order, then close.
	printf 'GET /style.css HTTP/1.1\r\nHost: t\r\n\r\nHEAD / HTTP/1.1\r\nHost: t\r\n\r\nGET /no-such HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n' > "$tmp/req"
	raw "$tmp/req"
	local codes
	codes=$(grep -a '^HTTP/1\.1 ' "$tmp/raw.out" | cut -d' ' -f2 | tr '\n' ' ')
	why="status lines: ${codes:-none}"
	check "httpd/pipelined" [ "$codes" = "200 200 404 " ]

	# HTTP/1.0 without keep-alive: the server closes after the answer.
	printf 'GET / HTTP/1.0\r\n\r\n' > "$tmp/req"
	raw "$tmp/req"
	local rc=$?
	why="exit $rc, $(head -n 1 "$tmp/raw.out")"
	check "httpd/http10_closes" eval '[ $rc = 0 ] && grep -q "^HTTP/1.1 200" "$tmp/raw.out"'

	# Connect and say nothing (half-open): others are still served.
	local idle
	if exec {idle}<>"/dev/tcp/$host/$http_port"; then
		why="a silent connection blocked the server"
		check "httpd/silent_client" still_serving
		exec {idle}>&-
	else
		fail "httpd/silent_client" "cannot connect"
	fi
}

test_httpd_bad_input() {
	local code
	# A 1 MiB header line, raw: 431 (or 413), then the server carries on.
	{ printf 'GET / HTTP/1.1\r\nHost: t\r\nX-Big: '
	  head -c 1048576 /dev/zero | tr '\0' a
	  printf '\r\n\r\n'; } > "$tmp/req"
	raw "$tmp/req"
	code=$(head -n 1 "$tmp/raw.out" | cut -d' ' -f2)
	why="got '${code}'"
	check "httpd/1MiB_header" eval '[ "$code" = 431 ] || [ "$code" = 413 ]'
	why="GET / failed afterwards"
	check "httpd/alive_after_1MiB_header" still_serving

	# The same through curl (whose own limit on a request is 1 MB).
	{ printf 'X-Big: '; head -c 600000 /dev/zero | tr '\0' b; echo; } > "$tmp/hdr"
	code=$(status "$url/" -H "@$tmp/hdr")
	why="got $code"
	check "httpd/big_header_curl" eval '[ "$code" = 431 ] || [ "$code" = 413 ]'

	# Garbage: 64 KiB of random bytes.  Any answer or a close is fine;
	# what matters is that the server is still there afterwards.
	head -c 65536 /dev/urandom > "$tmp/req"
	raw "$tmp/req"
	why="server gone after garbage"
	check "httpd/garbage" still_serving
	printf 'GET\r\n\r\n' > "$tmp/req"
	raw "$tmp/req"
	code=$(head -n 1 "$tmp/raw.out" | cut -d' ' -f2)
	why="got '$code'"
	check "httpd/malformed_400" [ "$code" = 400 ]

	# A request cut short, then the client leaves.
	printf 'GET / HT' > "$tmp/req"
	timeout 5 bash -c "cat '$tmp/req' > /dev/tcp/$host/$http_port"
	why="server gone after a truncated request"
	check "httpd/truncated" still_serving
}

# ---------------------------------------------------------------- chatd

# read_until FD REGEX [SECONDS]: read lines until one matches (waiting
# at most SECONDS, default 5, for each line).
read_until() {
	local line
	while read -r -t "${3:-5}" -u "$1" line; do
		[[ $line =~ $2 ]] && return 0
	done
	return 1
}

test_chatd() {
	local a b
	if ! exec {a}<>"/dev/tcp/$host/$chat_port"; then
		fail "chatd/connect" "cannot connect"
		return
	fi
	read_until "$a" '^\* welcome'
	if ! exec {b}<>"/dev/tcp/$host/$chat_port"; then
		fail "chatd/connect" "cannot connect a second client"
		exec {a}>&-
		return
	fi
	why="no welcome for the second client"
	check "chatd/welcome" read_until "$b" '^\* welcome'
	why="the first client was not told of the second"
	check "chatd/join_notice" read_until "$a" 'joined$'
	printf '/nick alice\nhello from alice\n' >&"$a"
	why="the line did not reach the other client"
	check "chatd/broadcast" read_until "$b" '^alice: hello from alice$'
	printf 'and back\n' >&"$b"
	why="the reply did not come back"
	check "chatd/broadcast_back" read_until "$a" '^user[0-9]+: and back$'
	printf '/quit\n' >&"$b"
	why="no notice when a client quits"
	check "chatd/quit" read_until "$a" 'left \(quit\)$'
	exec {b}>&-
	test_chatd_slow_reader "$a"
	exec {a}>&-
}

# A client that never reads must be dropped, not buffered without end:
# send a megabyte of lines at a time until chatd says it gave up on it.
test_chatd_slow_reader() {
	local a=$1 silent i
	exec {silent}<>"/dev/tcp/$host/$chat_port" || return
	read_until "$a" 'joined$'
	for ((i = 0; i < 100; i++)); do
		printf '%099d\n' 0
	done > "$tmp/line100"
	: > "$tmp/mb"
	for ((i = 0; i < 105; i++)); do cat "$tmp/line100" >> "$tmp/mb"; done
	local dropped=0
	for ((i = 0; i < 64 && !dropped; i++)); do
		cat "$tmp/mb" >&"$a"
		read_until "$a" 'left \(too slow\)$' 0.3 && dropped=1
	done
	why="still not dropped after $i MB"
	check "chatd/slow_reader_dropped" [ "$dropped" = 1 ]
	exec {silent}>&-
	local c
	if exec {c}<>"/dev/tcp/$host/$chat_port"; then
		why="no welcome after dropping a client"
		check "chatd/alive_after_drop" read_until "$c" '^\* welcome'
		exec {c}>&-
	fi
}

[ "$echo_port" != - ] && test_echod
if [ "$http_port" != - ]; then
	test_httpd_basic
	test_httpd_connections
	test_httpd_bad_input
fi
[ "$chat_port" != - ] && test_chatd

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
