# demos.sh - the demo servers against real clients (tools/test-demos.sh):
# in make run's machine through QEMU's forwards ($net_port +6 to +8,
# lib.sh), and natively on Linux, the oracle (tools/test-demos-host.sh).

# --- make run's machine: init starts httpd and echod from /etc/rc and
# prints what to try from the host (HOSTFWD= reaches it through the
# kernel command line); then the demo checks run from the host through
# the forwards, with curl, nc and bash's /dev/tcp, chatd started by hand
# from the shell. ---

# demos_guest_run: one try of demos_guest, on $net_port + 6, 7 and 8.
demos_guest_run() {
	local name=demos_guest h=$((net_port + 6)) e=$((net_port + 7)) c=$((net_port + 8))
	"$here/run-kernel" --timeout 300 --initrd "$root/build/initrd" \
		--cmdline "HOSTFWD=$h:80,$e:7" --fwd "$h:80" --fwd "$e:7" --fwd "$c:7777" \
		--send-after 'echod: listening on port 7' 'chatd &\r' \
		--ready 'chatd: listening on port 7777' \
		--host "bash '$here/test-demos.sh' 127.0.0.1 $h $e $c" \
		--log "$logs/$name.console" > "$logs/$name.out" 2> "$logs/$name.err"
}

demos_guest() {
	local name=demos_guest rc h e verdict rest
	with_ports "$logs/$name.err" demos_guest_run
	rc=$?
	h=$((net_port + 6)) e=$((net_port + 7))
	tr -d '\r' < "$logs/$name.console" > "$logs/$name.txt"
	if ! grep -q "^  curl http://localhost:$h/ " "$logs/$name.txt" ||
	   ! grep -q "^  nc localhost $e " "$logs/$name.txt"; then
		fail "$name/banner" "no curl/nc hints with the forwarded ports" "$logs/$name.txt"
	else
		pass "$name/banner"
	fi
	if ! grep -qE '^(PASS|FAIL) ' "$logs/$name.out"; then
		fail "$name" "no checks ran (run-kernel: $rc): $(tail -n 3 "$logs/$name.err")" "$logs/$name.txt"
		return
	fi
	while read -r verdict rest; do
		case "$verdict" in
		PASS) pass "$name/$rest" ;;
		FAIL) fail "$name/$rest" "see tools/test-demos.sh" "$logs/$name.txt" ;;
		esac
	done < <(grep -E '^(PASS|FAIL) ' "$logs/$name.out")
}
check demos_guest demos_guest

# The same checks against the servers running natively on this host.
demos_host() {
	local verdict rest
	while read -r verdict rest; do
		case "$verdict" in
		PASS) pass "demos-host/$rest" ;;
		FAIL) fail "demos-host/$rest" "see tools/test-demos-host.sh" ;;
		esac
	done < <(bash "$here/test-demos-host.sh" 2>&1 | grep -E '^(PASS|FAIL) ')
}
check demos-host demos_host
