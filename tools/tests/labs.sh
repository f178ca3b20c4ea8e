# labs.sh - the course labs (docs/labs/): each grading test passes on
# the tree and fails on the lab's starting point, which must still build
# and run the test to its end (lab.sh grade exits 1, not 2 or 3).  One
# check per lab, lab/NAME.

lab_check() {
	local lab=$1 start="$logs/start-$1" rc verdict
	if bash "$here/lab.sh" grade "$lab" > "$logs/lab-$lab.txt" 2>&1; then
		pass "lab/$lab ($(sed -nE 's/^grade .*: PASS \((.*)\)$/\1/p' "$logs/lab-$lab.txt"))"
	else
		fail "lab/$lab" "make grade LAB=$lab fails on the finished tree" "$logs/lab-$lab.txt"
	fi
	bash "$here/lab.sh" start "$lab" "$start" > "$logs/lab-$lab-start.txt" 2>&1 &&
		(cd "$start" && bash tools/lab.sh grade "$lab") >> "$logs/lab-$lab-start.txt" 2>&1
	rc=$?
	verdict=$(sed -nE 's/^grade .*: FAIL \((.*)\)$/\1/p' "$logs/lab-$lab-start.txt")
	case $rc in
	1) pass "lab/$lab/starting_point (builds, boots, grade fails: $verdict)" ;;
	0) fail "lab/$lab/starting_point" "grade passes without the solution" "$logs/lab-$lab-start.txt" ;;
	*) fail "lab/$lab/starting_point" "did not build or the test did not finish (lab.sh: $rc)" "$logs/lab-$lab-start.txt" ;;
	esac
	rm -rf "$start"
}

while read -r lab _; do
	check "lab/$lab" lab_check "$lab"
done < <(bash "$here/lab.sh" list)
