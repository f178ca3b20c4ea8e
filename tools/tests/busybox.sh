# busybox.sh - Debian's busybox-static (glibc, static), unmodified: an
# oracle of real software.  tools/fetch-busybox.sh takes it into build/
# (never committed); the same binary runs on the host and in the kernel
# (tools/run-prog) and must print the same bytes and exit the same way.
# busybox httpd answers curl from the host through a forward
# ($net_port + 9).  run_prog_live: run-prog shows output as it comes.

bb=build/busybox/busybox

busybox_fetch() {
	sh "$here/fetch-busybox.sh" build > "$logs/bb-fetch.txt" 2>&1 ||
		{ fail "$1" "could not fetch busybox-static" "$logs/bb-fetch.txt"; return 1; }
}

# A directory to list and read, at the same path on the host and in
# the guest (added to the initramfs); the arguments for run-prog.
bb_fixture() {
	local dir="$logs/bbls" f
	bbadds=()
	mkdir -p "$dir/sub"
	for f in one two three sub/four; do
		echo "$f" > "$dir/$f"
		bbadds+=(--add "$dir/$f:${dir#/}/$f")
	done
}

# compare_bb NAME ARGS...: busybox ARGS on both, compared.
compare_bb_run() {
	local name=busybox/$1 out=$logs/bb-$1
	shift
	busybox_fetch "$name" || return
	bb_fixture
	"$bb" "$@" > "$out.host" 2>&1 < /dev/null
	local hrc=$?
	"$here/run-prog" --timeout 60 "${bbadds[@]}" "$bb" "$@" > "$out.kernel" 2> "$out.kerr"
	local krc=$?
	if [ "$krc" -ne "$hrc" ]; then
		fail "$name" "exit status $krc in the kernel, $hrc on the host" "$out.kerr"
		diff "$out.host" "$out.kernel" | head -n 20
	elif ! cmp -s "$out.host" "$out.kernel"; then
		fail "$name" "output differs from the host's"
		diff "$out.host" "$out.kernel" | head -n 20
	else
		pass "$name"
	fi
}
compare_bb() { check "busybox/$1" compare_bb_run "$@"; }

# The shell runs its applets through /proc/self/exe: a pipeline needs it.
compare_bb sh_pipeline sh -c 'echo a | cat; echo "b c" | tr b-c B-C | wc -c'
compare_bb sh_script sh -c 'for i in 1 2 3; do echo $i; done | sort -r; exit 3'
compare_bb ls ls "$logs/bbls" "$logs/bbls/sub"
compare_bb cat_head sh -c "cat $logs/bbls/one $logs/bbls/two | head -n 1"

busybox_httpd_run() {
	local p=$((net_port + 9))
	"$here/run-prog" --timeout 90 --add "$logs/www/index.html:www/index.html" \
		--fwd "$p:80" \
		--host "curl -s --max-time 20 --retry 10 --retry-all-errors --retry-delay 1 http://127.0.0.1:$p/index.html" \
		"$bb" sh -c 'echo listening; exec /build/busybox/busybox httpd -f -p 80 -h /www' \
		> "$logs/bb-httpd.out" 2> "$logs/bb-httpd.err"
}
busybox_httpd() {
	busybox_fetch busybox/httpd || return
	mkdir -p "$logs/www"
	printf 'served by busybox httpd\n' > "$logs/www/index.html"
	with_ports "$logs/bb-httpd.err" busybox_httpd_run
	local rc=$?
	if [ "$rc" -ne 0 ] || ! grep -qx 'served by busybox httpd' "$logs/bb-httpd.out"; then
		fail busybox/httpd "curl did not get the page (exit $rc)" "$logs/bb-httpd.err"
	else
		pass busybox/httpd
	fi
}
check busybox/httpd busybox_httpd

# "first" must arrive while the guest still sleeps, "second" 4 s later.
run_prog_live() {
	busybox_fetch run_prog_live || return
	"$here/run-prog" --timeout 60 "$bb" sh -c 'echo first; sleep 4; echo second' \
		> "$logs/bb-live.out" 2>&1 &
	local rp=$! early=no waited=0 rc
	while [ $waited -lt 600 ] && kill -0 $rp 2>/dev/null; do
		if grep -q first "$logs/bb-live.out"; then
			grep -q second "$logs/bb-live.out" || early=yes
			break
		fi
		sleep 0.1
		waited=$((waited + 1))
	done
	wait $rp
	rc=$?
	if [ "$early" != yes ]; then
		fail run_prog_live "the first line did not show before the program ended" "$logs/bb-live.out"
	elif [ "$rc" -ne 0 ] || [ "$(cat "$logs/bb-live.out")" != "$(printf 'first\nsecond')" ]; then
		fail run_prog_live "output or status wrong (exit $rc)" "$logs/bb-live.out"
	else
		pass run_prog_live
	fi
}
check run_prog_live run_prog_live
