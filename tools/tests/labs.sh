# labs.sh - the course labs (docs/labs/): each grading test passes on
# the tree and fails on its lab's starting point, which must still build
# and run the test to its end (lab.sh grade exits 1, not 2 or 3).  Two
# results per lab, lab/NAME and lab/NAME/starting_point.
#
# Cheap on purpose: the tree's side is one boot for every selected lab
# (lab.sh grade all, as make grade does), run by the first lab check;
# the starting points are built one after another in one copy of the
# tree, restoring each lab's files before the next is stripped, so each
# costs a compile or two, a link and a boot.

labs_tree=""		# the one boot's output, once it has run
labs_copy=""		# the shared copy for the starting points

# The labs this run selected (test.sh's chosen and check_names).
labs_selected() {
	local i
	for i in "${!chosen[@]}"; do
		case "${check_names[$i]}" in lab/*) echo "${check_names[$i]#lab/}" ;; esac
	done
}

labs_tree_run() {
	labs_tree="$logs/labs-tree.txt"
	bash "$here/lab.sh" grade all $(labs_selected) > "$labs_tree" 2>&1
}

# This lab's part of the one boot's output.
labs_tree_part() {
	awk -v n="== $1" '$0 == n { on = 1; next } on && /^== / { exit } on { print }' "$labs_tree"
}

labs_copy_make() {
	labs_copy="$logs/labs-start"
	mkdir -p "$labs_copy" &&
		(cd "$root" && tar -c --exclude=./.git --exclude=./build .) | (cd "$labs_copy" && tar -x) &&
		cp -a "$root/build" "$labs_copy/build"
}

lab_check() {
	local lab=$1 start="$logs/lab-$lab-start.txt" rc verdict files f
	[ -n "$labs_tree" ] || labs_tree_run
	verdict=$(sed -nE "s/^  $lab +([0-9]+\/[0-9]+) +(PASS|FAIL)$/\2 \1/p" "$labs_tree")
	labs_tree_part "$lab" > "$logs/lab-$lab.txt"
	case "$verdict" in
	PASS*) pass "lab/$lab (score ${verdict#PASS })" ;;
	FAIL*) fail "lab/$lab" "make grade fails on the finished tree (score ${verdict#FAIL })" "$logs/lab-$lab.txt" ;;
	*) fail "lab/$lab" "make grade did not grade it" "$labs_tree" ;;
	esac

	[ -n "$labs_copy" ] || labs_copy_make ||
		{ fail "lab/$lab/starting_point" "could not copy the tree"; return; }
	files=$(cd "$labs_copy" && grep -rlF --include='*.[chS]' "/* LAB($lab): begin */" arch kernel drivers fs net)
	(cd "$labs_copy" && bash tools/lab.sh start "$lab" && bash tools/lab.sh grade "$lab") > "$start" 2>&1
	rc=$?
	# Back to the finished code for the next lab (new times: make
	# compiles them again).
	for f in $files; do cp "$root/$f" "$labs_copy/$f"; done
	verdict=$(sed -nE 's/^grade .*: FAIL \((score .*)\)$/\1/p' "$start")
	[ "$rc" -eq 1 ] && [ -z "$verdict" ] && rc=2	# not the test's failure
	case $rc in
	1) pass "lab/$lab/starting_point (builds, boots, grade fails: $verdict)" ;;
	0) fail "lab/$lab/starting_point" "grade passes without the solution" "$start" ;;
	*) fail "lab/$lab/starting_point" "did not build or the test did not finish (lab.sh: $rc)" "$start" ;;
	esac
}

while read -r lab _; do
	check "lab/$lab" lab_check "$lab"
done < <(bash "$here/lab.sh" list)
