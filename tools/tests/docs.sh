# docs.sh - the follow-along guides name only functions that exist
# (tools/check-guide.sh).
guide_references() {
	if bash "$here/check-guide.sh" > "$logs/guide.txt" 2>&1; then
		pass "guide_references ($(tail -n 1 "$logs/guide.txt"))"
	else
		fail guide_references "stale file:function references" "$logs/guide.txt"
	fi
}
check guide_references guide_references
