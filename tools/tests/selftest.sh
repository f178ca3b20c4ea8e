# selftest.sh - the in-kernel self-tests (SELFTEST() in any *_test.c),
# one boot, one result each from their KTAP lines.

# The archive kernel/initramfs_test.c reads.
make_fixture() {
	mkdir -p "$logs/fixture"
	printf 'the wake-up chain starts here\n' > "$logs/fixture/hello.txt"
	printf 'deep\n' > "$logs/fixture/deep.txt"
	"$root/build/tools/mkcpio" "$logs/fixture.cpio" \
		"selftest/hello.txt=$logs/fixture/hello.txt" \
		"selftest/a/b/deep.txt=$logs/fixture/deep.txt" \
		"selftest/link=>hello.txt" "selftest/a/up=>../a/b/deep.txt" \
		"selftest/abs=>/selftest/a/b"
}

run_selftests() {
	make_fixture || { fail "selftest/fixture" "could not build the test archive"; return; }
	"$here/run-kernel" --timeout 180 --cmdline "test selftest lockdep" \
		--initrd "$logs/fixture.cpio" \
		--log "$logs/selftest" 2> "$logs/selftest.err"
	local rc=$? failed_before=$failed
	tr -d '\r' < "$logs/selftest" > "$logs/selftest.txt"
	local plan results
	plan=$(sed -nE 's/^(\[[ 0-9.]+\] )?1\.\.([0-9]+)$/\2/p' "$logs/selftest.txt")
	results=0
	while read -r verdict name; do
		results=$((results + 1))
		if [ "$verdict" = ok ]; then
			pass "selftest/$name"
		else
			# Its own lines, from "# running NAME" to its verdict:
			# the last lines of the whole console are other tests'.
			awk -v n="$name" '$0 ~ "# running " n "$" { on = 1 }
				on { print } on && $0 ~ "ok [0-9]+ " n "$" { exit }' \
				"$logs/selftest.txt" > "$logs/selftest-$name.txt"
			fail "selftest/$name" "see its console lines below" "$logs/selftest-$name.txt"
		fi
	done < <(sed -nE 's/^(\[[ 0-9.]+\] )?(not ok|ok) [0-9]+ (.*)$/\2 \3/p' \
			"$logs/selftest.txt" | sed 's/^not ok/not_ok/')
	if [ -z "$plan" ] || [ "$plan" -eq 0 ] || [ "$results" -ne "$plan" ]; then
		fail "selftest/run" "planned ${plan:-no} tests, saw $results results (exit $rc)" "$logs/selftest.txt"
	elif [ "$rc" -ne 0 ] && [ "$failed" -eq "$failed_before" ]; then
		fail "selftest/run" "run-kernel exited $rc with every test passing" "$logs/selftest.txt"
	fi
}
check selftest run_selftests
