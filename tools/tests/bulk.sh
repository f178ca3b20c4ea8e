# bulk.sh - bulk TCP transfers through QEMU's forward ($net_port + 9,
# lib.sh): bulkd in the guest, bulkload and curl on the host, every byte
# checked at the receiving end (user/lib/pattern.h), both ways, one
# stream and several at once.  Sizes are small enough for a test; the
# rates are tools/bench's business.

# bulk_transfer_run: one try of bulk_transfer.
bulk_transfer_run() {
	local port=$((net_port + 9)) url
	url=http://127.0.0.1:$((net_port + 9))
	"$here/run-prog" --timeout 300 --fwd "$port:80" --host "
		set -e
		build/user/bulkload -p $port -n 16777216
		build/user/bulkload -p $port -c 4 -n 4194304
		build/user/bulkload -p $port -u -k -n 16777216
		build/user/bulkload -p $port -u -k -c 4 -n 4194304
		curl -s $url/1000001 | build/user/bulkd -c 1000001
		build/user/bulkd -g 3000017 > '$logs/bulk.up'
		curl -s -T '$logs/bulk.up' $url/check; echo" \
		build/user/bulkd > "$logs/bulk_transfer.out" 2> "$logs/bulk_transfer.err"
}

bulk_transfer() {
	local name=bulk_transfer rc
	with_ports "$logs/$name.err" bulk_transfer_run
	rc=$?
	if [ "$rc" -eq 0 ] && [ "$(grep -c '^bulkload: ' "$logs/$name.out")" -eq 4 ] &&
	   grep -q '^bulkd: 1000001 bytes, pattern ok$' "$logs/$name.out" &&
	   grep -q '^3000017 bytes, pattern ok$' "$logs/$name.out"; then
		pass "$name ($(grep '^bulkload: ' "$logs/$name.out" | sed 's/^bulkload: //; s/ B in .*: / B: /' | paste -sd ';' | sed 's/;/; /g'))"
	else
		cat "$logs/$name.err" >> "$logs/$name.out"
		fail "$name" "run-prog exited $rc" "$logs/$name.out"
	fi
}
check bulk_transfer bulk_transfer
