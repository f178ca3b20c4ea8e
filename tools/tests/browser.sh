# browser.sh - the demo pages in a real browser: make run's machine
# (init starts httpd from /etc/rc), headless Chromium on the host through
# a forward ($net_port + 15, lib.sh).  The index page must show the
# visitor's own wake-up chain as a timeline, steps in order, and /live
# must refresh itself with fetch() (tools/test-browser.sh has the
# checks).  Screenshots stay in build/ (chain-index.png, chain-live.png)
# for a person to look at.  Chromium is installed here, for this test
# only (tools/deps.sh chromium).

browser_run() {
	local h=$((net_port + 15))
	"$here/run-kernel" --timeout 400 --initrd "$root/build/initrd" \
		--cmdline "HOSTFWD=$h:80" --fwd "$h:80" --ready 'httpd: listening' \
		--host "bash '$here/test-browser.sh' 127.0.0.1 $h '$root/build'" \
		--log "$logs/browser.console" > "$logs/browser.out" 2> "$logs/browser.err"
}

browser_chain() {
	local name=browser rc verdict rest
	if ! sh "$here/deps.sh" chromium > "$logs/browser.deps" 2>&1; then
		fail "$name" "chromium could not be installed: $(tail -n 2 "$logs/browser.deps")"
		return
	fi
	with_ports "$logs/browser.err" browser_run
	rc=$?
	tr -d '\r' < "$logs/browser.console" > "$logs/browser.txt"
	if ! grep -qE '^(PASS|FAIL) ' "$logs/browser.out"; then
		fail "$name" "no checks ran (run-kernel: $rc): $(tail -n 3 "$logs/browser.err")" "$logs/browser.txt"
		return
	fi
	while read -r verdict rest; do
		case "$verdict" in
		PASS) pass "$name/$rest" ;;
		FAIL) fail "$name/${rest%%:*}" "${rest#*: }" "$logs/browser.txt" ;;
		esac
	done < <(grep -E '^(PASS|FAIL) ' "$logs/browser.out")
}
check browser browser_chain
