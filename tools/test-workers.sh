#!/usr/bin/env bash
# test-workers.sh HOST PORT FILE N - the host's side of the workers
# check (tools/tests/workers.sh): httpd -w N serves in the guest; this
# fetches /style.css through 16 keep-alive connections at once, 40 times
# each (curl --parallel), and checks every answer against FILE, the
# same file on the host: status 200, the right length, and the worker
# that gave it (its X-Worker header, 1 to N).  Every worker must have
# answered some: a connection goes to a worker asleep in epoll_wait
# when it arrives, and slirp lets the 16 in one at a time (its listen
# backlog is 1, README), so the first worker is busy with the first
# connections when the later ones come.  Then one body is compared byte
# for byte.  Prints PASS/FAIL lines.
set -u
host=$1 port=$2 file=$3 nw=$4
url=http://$host:$port/style.css
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
size=$(wc -c < "$file")
n=640

# The answers: curl reuses a connection for the next URL once the one
# before on it is done, so 16 connections carry the 640 requests.  A
# config file gives each URL its own output (-o goes with one URL).
for _ in $(seq "$n"); do
	printf 'url = "%s"\noutput = "/dev/null"\n' "$url"
done > "$work/config"
curl -s --parallel --parallel-max 16 --max-time 120 -K "$work/config" \
	-w '%{http_code} %{size_download} %header{x-worker}\n' \
	> "$work/lines" 2> "$work/err"
got=$(wc -l < "$work/lines")
good=$(awk -v s="$size" '$1 == 200 && $2 == s && $3 != ""' "$work/lines" | wc -l)
if [ "$got" -eq "$n" ] && [ "$good" -eq "$n" ]; then
	echo "PASS answers ($n through 16 connections: 200, $size bytes, X-Worker set)"
else
	echo "FAIL answers ($got of $n answered, $good right: $(awk -v s="$size" \
		'!($1 == 200 && $2 == s && $3 != "")' "$work/lines" | sort | uniq -c |
		head -n 3 | tr -s ' \n' '  ') $(head -c 200 "$work/err"))"
fi
workers=$(awk '$3 != "" { n[$3]++ } END { for (k in n) printf "%s=%d\n", k, n[k] }' \
	"$work/lines" | sort -n | paste -sd ' ')
if [ "$(awk -v n="$nw" '$3 >= 1 && $3 <= n { seen[$3] = 1 }
	END { c = 0; for (k in seen) c++; print c }' "$work/lines")" -eq "$nw" ] &&
   ! awk -v n="$nw" '$3 != "" && !($3 >= 1 && $3 <= n) { bad = 1 } END { exit !bad }' "$work/lines"; then
	echo "PASS workers (each of the $nw answered some, answers by worker: $workers)"
else
	echo "FAIL workers (not each of workers 1 to $nw answered: $workers)"
fi
if curl -s --max-time 30 -o "$work/body" "$url" && cmp -s "$work/body" "$file"; then
	echo "PASS body (the same bytes as $file)"
else
	echo "FAIL body (not the bytes of $file)"
fi
