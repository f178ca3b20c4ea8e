# workers.sh - httpd -w 2 (user/httpd.c: the listener made before fork,
# two workers each with its own epoll, the listener registered with
# EPOLLEXCLUSIVE) on two CPUs, through QEMU's forward ($net_port + 13,
# lib.sh): 640 requests over 16 keep-alive connections at once, every
# answer checked, and both workers answered some (tools/test-workers.sh).

# httpd_workers_run: one try, on $net_port + 13.
httpd_workers_run() {
	local port=$((net_port + 13))
	"$here/run-prog" --smp 2 --timeout 240 --fwd "$port:80" \
		--add "$root/user/www/style.css:www/style.css" \
		--ready 'httpd: listening' \
		--host "bash '$here/test-workers.sh' 127.0.0.1 $port '$root/user/www/style.css' 2" \
		build/user/httpd -q -w 2 > "$logs/httpd_workers.out" 2> "$logs/httpd_workers.err"
}

httpd_workers() {
	local name=httpd_workers rc verdict rest
	with_ports "$logs/$name.err" httpd_workers_run
	rc=$?
	if ! grep -q '2 workers, EPOLLEXCLUSIVE' "$logs/$name.out"; then
		cat "$logs/$name.err" >> "$logs/$name.out"
		fail "$name" "httpd -w 2 did not start (run-prog: $rc)" "$logs/$name.out"
		return
	fi
	if ! grep -qE '^(PASS|FAIL) ' "$logs/$name.out"; then
		cat "$logs/$name.err" >> "$logs/$name.out"
		fail "$name" "no checks ran (run-prog: $rc)" "$logs/$name.out"
		return
	fi
	while read -r verdict rest; do
		case "$verdict" in
		PASS) pass "$name/$rest" ;;
		FAIL) fail "$name/${rest%% *}" "$rest" "$logs/$name.out" ;;
		esac
	done < <(grep -E '^(PASS|FAIL) ' "$logs/$name.out")
}
check httpd_workers httpd_workers
