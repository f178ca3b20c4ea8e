#!/usr/bin/env bash
# test-browser.sh HOST PORT SHOTS: the demo pages in a real browser,
# headless Chromium (Debian's), against httpd at HOST:PORT: the index
# page's timeline must show the steps of the wake-up chain in order, with
# times that never go back, and /live must refresh its counters and
# chains with fetch().  Screenshots of both go to SHOTS/chain-index.png
# and SHOTS/chain-live.png.  One line per check, "PASS name" or
# "FAIL name: why" (tools/tests/browser.sh reads them).
set -u
host=$1 port=$2 shots=$3
url="http://$host:$port"
profile=$(mktemp -d)
trap 'rm -rf "$profile"' EXIT
browser=$(command -v chromium || command -v chromium-browser)

# Flags that work here: no sandbox (root), no GPU, nothing fetched from
# anywhere but the page's server, a fresh profile each run.
chrome() {
	timeout 120 "$browser" --headless --no-sandbox --disable-gpu --disable-quic \
		--no-first-run --disable-background-networking --disable-component-update \
		--disable-sync --disable-extensions --user-data-dir="$profile" \
		--hide-scrollbars "$@" 2> "$profile/stderr"
}

# steps_of FILE ID: the data-step attributes of the <ol id=ID>, in order,
# each with its data-us.
steps_of() {
	sed -n "/<ol class=\"timeline\" id=\"$2\">/,/<\/ol>/p" "$1" |
		grep -oE 'data-step="[a-z0-9_]+" data-us="[0-9]+"' |
		sed -E 's/data-step="([a-z0-9_]+)" data-us="([0-9]+)"/\1 \2/'
}

# in_order FILE WANT...: the steps (one "name us" a line in FILE) hold
# the WANT names in this order (others may come between; a WANT of the
# form a|b takes either), and the times never go back.
in_order() {
	local file=$1
	shift
	awk -v want="$*" 'BEGIN { n = split(want, w, " "); i = 1; prev = -1 }
		{ if ($2 < prev) back = 1; prev = $2
		  if (i <= n) { split(w[i], alt, "|"); for (k in alt) if ($1 == alt[k]) { i++; break } } }
		END { exit (i <= n || back) ? 1 : 0 }' "$file"
}

check() {
	if [ "$2" = 0 ]; then echo "PASS $1"; else echo "FAIL $1: $3"; fi
}

[ -n "$browser" ] || { echo "FAIL browser: no chromium (tools/deps.sh chromium)"; exit 1; }

# The index page, as the browser built it.
chrome --dump-dom "$url/" > "$profile/index.html"
steps_of "$profile/index.html" chain-request > "$profile/request"
steps_of "$profile/index.html" chain-connect > "$profile/connect"
in_order "$profile/request" e1000_intr ethernetif_input ip4_input inet_tcp_recv \
	sock_def_readable 'ep_poll_callback|ep_insert' epoll_wait
check index/request_chain $? "the request's timeline: $(tr '\n' ' ' < "$profile/request")"
in_order "$profile/connect" e1000_intr ethernetif_input ip4_input inet_tcp_accept \
	sock_def_readable ep_poll_callback epoll_wait
check index/connection_chain $? "the connection's timeline: $(tr '\n' ' ' < "$profile/connect")"
grep -q 'class="mark" style="left:' "$profile/index.html"
check index/timeline_drawn $? "no marks on the bars"
! grep -qE '<(script|link)[^>]+(src|href)="(https?:)?//' "$profile/index.html"
check index/no_external_resources $? "the page loads something from elsewhere"

chrome --window-size=1000,2600 --screenshot="$shots/chain-index.png" "$url/" > /dev/null
[ -s "$shots/chain-index.png" ]
check index/screenshot $? "no screenshot: $(tail -n 2 "$profile/stderr")"

# /live: give its timers five seconds of (virtual) time to fetch.
chrome --virtual-time-budget=5000 --dump-dom "$url/live" > "$profile/live.html"
updates=$(sed -nE 's/.*<body[^>]* data-updates="([0-9]+)".*/\1/p' "$profile/live.html")
[ "${updates:-0}" -ge 2 ]
check live/refreshes $? "fetched ${updates:-0} times, not every second"
grep -qE '<td>callbacks</td><td>[0-9]+</td>' "$profile/live.html"
check live/counters $? "no /proc/eventpoll counters in the table"
grep -q 'data-step="epoll_wait"' "$profile/live.html"
check live/chains $? "no chain on the page"
chrome --virtual-time-budget=3000 --window-size=1000,2600 \
	--screenshot="$shots/chain-live.png" "$url/live" > /dev/null
[ -s "$shots/chain-live.png" ]
check live/screenshot $? "no screenshot: $(tail -n 2 "$profile/stderr")"
