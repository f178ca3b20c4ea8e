# libuv.sh - libuv's own test runner (Debian's libuv1 source, built
# static with musl by tools/build-libuv.sh into build/; never
# committed), unmodified in the kernel.  libuv-pass.txt lists the tests
# that pass both on a Linux host and here (the README says why the rest
# fail); make test runs a fixed quarter of them (every fourth line, ~50
# s under TCG), LIBUV_ALL=1 all of them (~2.5 min).  They run in one boot, each as "uv_run_tests_a NAME", which
# forks the runner again for the test itself.  One failing test fails
# the check.  The runner's own time limit per test (5 s) is a speed
# limit, not a check: 8 times it (tcp_writealot takes 12 s under TCG,
# and over 20 s on a host at load 16).  UV_RUN_AS_ROOT: the suite refuses root otherwise; /tmp
# for the runner's tmpfile(); the runner in /uv, its working directory,
# with the fixtures under /uv/test/fixtures.  Not in /: a test that
# splits the runner's path into directory and name (spawn_relative_path)
# or appends "/name" to the working directory (fs_symlink) would get ""
# or "//name", which fail on Linux too.

libuv_run() {
	local list=$logs/uv-tests adds=() f
	for f in build/libuv/test/fixtures/*; do
		adds+=(--add "$f:uv/test/fixtures/${f##*/}")
	done
	"$here/run-prog" --timeout 300 --net "${adds[@]}" \
		--add "$list:etc/uv-tests" --add "$list:tmp/.keep" \
		--add build/libuv/uv_run_tests_a:uv/uv_run_tests_a \
		build/busybox/busybox sh -c 'cd /uv; export UV_RUN_AS_ROOT=1 UV_TEST_TIMEOUT_MULTIPLIER=8
			for t in $(cat /etc/uv-tests); do
				if /uv/uv_run_tests_a "$t" > /uv/uv.out 2>&1; then echo "ok $t"
				else echo "not ok $t"; cat /uv/uv.out; fi
			done; echo "libuv: done"' > "$logs/libuv.out" 2> "$logs/libuv.err"
}

libuv_check() {
	if ! sh "$here/build-libuv.sh" build > "$logs/libuv-build.txt" 2>&1; then
		fail libuv "tools/build-libuv.sh failed" "$logs/libuv-build.txt"
		return
	fi
	if ! sh "$here/fetch-busybox.sh" build > "$logs/libuv-bb.txt" 2>&1; then
		fail libuv "could not fetch busybox-static" "$logs/libuv-bb.txt"
		return
	fi
	if [ -n "${LIBUV_ALL:-}" ]; then
		cp "$here/tests/libuv-pass.txt" "$logs/uv-tests"
	else
		awk 'NR % 4 == 2' "$here/tests/libuv-pass.txt" > "$logs/uv-tests"
	fi
	libuv_run
	local rc=$? out=$logs/libuv.out want ok bad
	want=$(wc -l < "$logs/uv-tests")
	ok=$(grep -c '^ok ' "$out")
	bad=$(grep '^not ok ' "$out" | cut -d' ' -f3 | tr '\n' ' ')
	if [ "$rc" -ne 0 ] || ! grep -qx 'libuv: done' "$out"; then
		cat "$logs/libuv.err" >> "$out"
		fail libuv "run-prog exited $rc ($ok of $want passed before it stopped)" "$out"
	elif [ "$ok" -ne "$want" ]; then
		fail libuv "$ok of $want passed; failing: $bad" "$out"
	else
		pass "libuv ($ok tests of its own suite, of $(wc -l < "$here/tests/libuv-pass.txt") listed)"
	fi
}
check libuv libuv_check
