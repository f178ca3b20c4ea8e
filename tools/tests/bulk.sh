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

# Until the console (the run's log, written as it comes) holds the second
# table's last row: poweroff typed earlier is echoed into cat's output.
bulk_copies_wait() {
	local i
	for i in $(seq 1 600); do
		[ "$(tr -d '\r' < "$1" | grep -c '^socket->user ')" -ge 2 ] && return 0
		sleep 0.1
	done
	return 1
}
export -f bulk_copies_wait

# /proc/net/copies: its six rows, and a download's payload counted where
# the caller's bytes enter the kernel (bulkd in the guest's shell, a
# 1 MB download from the host between two readings).
bulk_copies_run() {
	local port=$((net_port + 9))
	"$here/run-kernel" --timeout 120 --initrd "$root/build/initrd" --cmdline rc=off \
		--fwd "$port:80" --log "$logs/bulk_copies" \
		--send-after '^# $' 'bulkd &\r' \
		--send-after 'bulkd: listening' 'cat /proc/net/copies\r' \
		--send-after '^socket->user ' 'echo one\r' \
		--ready '(^|# )one$' \
		--host "curl -s -o /dev/null http://127.0.0.1:$port/1000000 && printf 'cat /proc/net/copies\r' >&3 &&
			bulk_copies_wait '$logs/bulk_copies' && printf 'poweroff\r' >&3 && sleep 10" \
		> "$logs/bulk_copies.out" 2> "$logs/bulk_copies.err"
}

bulk_copies() {
	local name=bulk_copies f rows grew
	with_ports "$logs/$name.err" bulk_copies_run
	tr -d '\r' < "$logs/$name" > "$logs/$name.txt"
	f=$logs/$name.txt
	rows=$(grep -cE '^(user->socket|socket->lwip|lwip->nic|nic->lwip|lwip->socket|socket->user) +[0-9]+ +[0-9]+  [a-z]' "$f")
	grew=$(awk '$1 == "user->socket" { v[n++] = $2 } END { print (n == 2 ? v[1] - v[0] : -1) }' "$f")
	if ! grep -q '^copy  *bytes  *calls  where$' "$f" || [ "$rows" -ne 12 ]; then
		fail $name "not six rows, twice, under the header" "$f"
	elif [ "$grew" -lt 1000000 ]; then
		fail $name "user->socket grew by $grew bytes for a 1 MB download" "$f"
	else
		pass "$name (user->socket +$grew B)"
	fi
}
check bulk_copies bulk_copies
