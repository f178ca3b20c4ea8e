# redis.sh - redis-server from Debian's redis source, built static with
# musl (tools/build-redis.sh, into build/; never committed), unmodified
# in the kernel through run-prog with a forward ($net_port + 11).  From
# the host, Debian's redis-cli (redis-tools) must get Redis's exact
# replies to a few commands, then a short redis-benchmark must finish
# every test with a rate and no error.  The benchmark uses 8 clients:
# with redis-benchmark's default 50 the kernel stalls (see README).

redis_run() {
	local p=$((net_port + 11)) c
	c="redis-cli -p $p"
	"$here/run-prog" --timeout 240 --fwd "$p:6379" --ready 'Ready to accept' \
		--host "for i in 1 2 3 4 5 6 7 8 9 10; do $c ping 2>/dev/null | grep -qx PONG && break; sleep 1; done
			echo '-- replies'
			$c set greeting 'hello world'; $c get greeting; $c incr n; $c incrby n 41
			$c rpush l a b c; $c lrange l 0 -1; $c incr l; $c del greeting; $c exists greeting
			echo '-- benchmark'
			redis-benchmark -p $p -q -n 10000 -c 8 -t ping,set,get,incr,lpush,lpop,mset
			echo \"-- benchmark exit \$?\"" \
		build/redis/redis-server --port 6379 --save '' --appendonly no --protected-mode no \
		> "$logs/redis.out" 2> "$logs/redis.err"
}

redis_check() {
	if ! sh "$here/build-redis.sh" build > "$logs/redis-build.txt" 2>&1; then
		fail redis "tools/build-redis.sh failed" "$logs/redis-build.txt"
		return
	fi
	sh "$here/deps.sh" redis-tools > /dev/null 2>&1
	with_ports "$logs/redis.err" redis_run
	local rc=$? out=$logs/redis.out why="" want got
	[ "$rc" -eq 0 ] || why="run-prog exited $rc"
	want=$(printf '%s\n' OK 'hello world' 1 42 3 a b c \
		'WRONGTYPE Operation against a key holding the wrong kind of value' '' 1 0)
	got=$(tr -d '\r' < "$out" | sed -n '/^-- replies$/,/^-- benchmark$/p' | sed '1d;$d')
	[ "$got" = "$want" ] || why="${why:+$why; }a reply is wrong: $(echo $got)"
	local t n=0
	for t in PING_INLINE PING_MBULK SET GET INCR LPUSH LPOP 'MSET (10 keys)'; do
		tr '\r' '\n' < "$out" | grep -F "$t: " | grep -qE '^[^:]*: [0-9.]+ requests per second' && n=$((n + 1))
	done
	[ "$n" -eq 8 ] || why="${why:+$why; }only $n of 8 benchmarks finished"
	tr '\r' '\n' < "$out" | grep -q '^Error' && why="${why:+$why; }redis-benchmark: $(tr '\r' '\n' < "$out" | grep -m1 '^Error')"
	grep -qx -- '-- benchmark exit 0' "$out" || why="${why:+$why; }redis-benchmark failed"
	if [ -n "$why" ]; then
		cat "$logs/redis.err" >> "$out"
		fail redis "$why" "$out"
	else
		pass "redis (redis-cli replies; redis-benchmark -n 10000 -c 8: SET $(tr '\r' '\n' < "$out" | sed -nE 's/^SET: ([0-9.]+) requests.*/\1/p') req/s)"
	fi
}
check redis redis_check
