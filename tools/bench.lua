-- bench.lua - wrk script of tools/bench: open every connection first,
-- then measure.
--
--   wrk -t T -c C -d (HOLD + S)s -s tools/bench.lua URL -- HOLD_MS STEP_MS C/T
--
-- Through QEMU's user networking the guest's port is a host socket that
-- slirp listens on with a backlog of 1: of a burst of connects only two
-- fit in its accept queue, the others' SYNs are dropped and retried 1 s
-- (then 3, 7 ...) later, and those that got a SYN cookie instead only
-- reach slirp with their first data, again two at a time.  Left alone,
-- wrk at 256 connections has ~60 of them through after 10 s, and its
-- latency figures are mostly those retries.
--
-- So each connection's first request waits HOLD_MS after it connected
-- (past the 1 s SYN retry), and the first requests of a thread's
-- connections then go STEP_MS apart, so that slirp accepts them one by
-- one; every later request goes at once, as in plain wrk.  Measure from
-- HOLD_MS on: done() prints the totals, from which tools/bench counts
-- requests per second over the run less HOLD_MS (wrk's own
-- Requests/sec divides by the whole run).

local started = 0
local hold, step, conns

function init(args)
	hold = tonumber(args[1]) or 0
	step = tonumber(args[2]) or 0
	conns = tonumber(args[3]) or 1
end

function delay()
	if started < conns then
		started = started + 1
		return hold + started * step
	end
	return 0
end

function done(summary, latency, requests)
	io.write(string.format("bench.lua: requests %d duration_us %d timeouts %d\n",
		summary.requests, summary.duration, summary.errors.timeout))
end
