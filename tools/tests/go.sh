# go.sh - a Go net/http server (user/go/httpserver.go, built by
# tools/build-go.sh with Debian's golang-go, CGO_ENABLED=0, into build/;
# never committed): an unmodified runtime that needs threads, futexes,
# sigaltstack, per-thread signals and epoll at once.  It runs in the
# kernel through run-prog with a forward ($net_port + 1); the host asks
# it three pages with curl, then a short wrk run must end with no socket
# errors and no non-2xx answers.

go_httpserver_run() {
	local p=$((net_port + 1))
	"$here/run-prog" --timeout 180 --fwd "$p:80" \
		--host "curl -s --max-time 20 --retry 10 --retry-all-errors --retry-delay 1 http://127.0.0.1:$p/ &&
			curl -s --max-time 20 http://127.0.0.1:$p/sum &&
			curl -s --max-time 20 http://127.0.0.1:$p/info &&
			wrk -t2 -c8 -d3s http://127.0.0.1:$p/" \
		build/go/httpserver > "$logs/go.out" 2> "$logs/go.err"
}

go_httpserver() {
	if ! sh "$here/build-go.sh" build > "$logs/go-build.txt" 2>&1; then
		fail go/httpserver "tools/build-go.sh failed" "$logs/go-build.txt"
		return
	fi
	sh "$here/deps.sh" wrk > /dev/null 2>&1
	with_ports "$logs/go.err" go_httpserver_run
	local rc=$? out=$logs/go.out why=""
	[ "$rc" -eq 0 ] || why="run-prog exited $rc"
	grep -qx "hello from Go's net/http" "$out" || why="${why:+$why; }no page from /"
	grep -qx 'sum 0..7999 = 31996000' "$out" || why="${why:+$why; }/sum is wrong"
	grep -qE "^go go[0-9.]+, GOMAXPROCS ${SMP:-1}, goroutines [0-9]+\$" "$out" ||
		why="${why:+$why; }/info is wrong"
	local n
	n=$(sed -nE 's/^ *([0-9]+) requests in .*/\1/p' "$out")
	[ "${n:-0}" -gt 0 ] || why="${why:+$why; }wrk made no requests"
	grep -qE 'Socket errors|Non-2xx' "$out" &&
		why="${why:+$why; }wrk saw errors: $(grep -E 'Socket errors|Non-2xx' "$out")"
	if [ -n "$why" ]; then
		cat "$logs/go.err" >> "$out"
		fail go/httpserver "$why" "$out"
	else
		pass "go/httpserver (curl, then wrk: $n requests, $(sed -nE 's/^Requests\/sec: *//p' "$out") req/s)"
	fi
}
check go/httpserver go_httpserver
