# redis.sh - redis-server from Debian's redis source, built static with
# musl (tools/build-redis.sh, into build/; never committed), unmodified
# in the kernel through run-prog with a forward ($net_port + 11).  From
# the host, Debian's redis-cli (redis-tools) must get Redis's exact
# replies to a few commands, then a short redis-benchmark must finish
# every test with a rate and no error.  The benchmark through the
# forward uses 8 clients: QEMU's user networking accepts the host's
# connections with a listen backlog of 1, and redis-benchmark's default
# 50, opened at once, overflow it (the host drops their handshakes and
# retries them for minutes: the stall in the README, slirp's, not the
# kernel's).  The default 50 clients are checked on the tap network
# (redis/clients50), where nothing stands between them and the guest.

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

# --- redis-benchmark's default 50 clients at once, on the tap network
# (tools/tap-net): 50 handshakes in one burst into the listener's
# backlog, then 50 requests in flight in every round.  Each test must
# finish every request with a rate; a stall (a lost segment, an
# overflowed backlog, a pool run dry) is the time limit. ---
redis_clients50_run() {
	tapnet_ns redis50
	"$here/run-prog" --timeout 240 --tap --ready 'Ready to accept' \
		--host "timeout 150 redis-benchmark -h 10.77.0.2 -p 6379 -q -c 50 -n 20000 -t set,get,incr,lpush
			echo \"-- benchmark exit \$?\"" \
		build/redis/redis-server --port 6379 --save '' --appendonly no --protected-mode no \
		> "$logs/redis50.out" 2> "$logs/redis50.err"
}

redis_clients50_check() {
	local name=redis/clients50 out=$logs/redis50.out why="" t n=0
	tapnet_can $name || return
	if ! sh "$here/build-redis.sh" build > "$logs/redis-build.txt" 2>&1; then
		fail $name "tools/build-redis.sh failed" "$logs/redis-build.txt"
		return
	fi
	sh "$here/deps.sh" redis-tools > /dev/null 2>&1
	redis_clients50_run
	local rc=$?
	[ "$rc" -eq 0 ] || why="run-prog exited $rc"
	for t in SET GET INCR LPUSH; do
		tr '\r' '\n' < "$out" | grep -qE "^$t: [0-9.]+ requests per second" && n=$((n + 1))
	done
	[ "$n" -eq 4 ] || why="${why:+$why; }only $n of 4 benchmarks finished"
	tr '\r' '\n' < "$out" | grep -q '^Error' && why="${why:+$why; }redis-benchmark: $(tr '\r' '\n' < "$out" | grep -m1 '^Error')"
	grep -qx -- '-- benchmark exit 0' "$out" || why="${why:+$why; }redis-benchmark failed or timed out"
	if [ -n "$why" ]; then
		cat "$logs/redis50.err" >> "$out"
		fail $name "$why" "$out"
	else
		pass "$name (redis-benchmark -c 50 -n 20000 on the tap: SET $(tr '\r' '\n' < "$out" | sed -nE 's/^SET: ([0-9.]+) requests.*/\1/p') req/s)"
	fi
}
check redis/clients50 redis_clients50_check
