# fuzz.sh - the system-call fuzzer (user/fuzz.c, driven by tools/fuzz),
# briefly: 30 s with a fixed seed and slub_debug on.  Clean means no BUG,
# WARNING, Oops or panic in the kernel's log, the heartbeat never silent
# for a second, no child left unkillable, the parent's memory and
# descriptors untouched, and every slab object and page back after the
# children are gone.  Long runs are tools/fuzz's (figures in the README).
fuzz_short() {
	"$here/fuzz" --seconds 30 --seed 11 --log "$logs/fuzz" > "$logs/fuzz.txt" 2>&1
	local rc=$?
	local line
	line=$(grep -aE '^fuzz: [0-9]+ calls in ' "$logs/fuzz.txt" | tail -n 1)
	if [ "$rc" -eq 0 ] && [ -n "$line" ]; then
		pass "fuzz (${line#fuzz: })"
	else
		fail fuzz "not clean: $(grep -a -m1 -E 'FAIL|kernel.s log|did not end' "$logs/fuzz.txt")" "$logs/fuzz.txt"
	fi
}
check fuzz fuzz_short
