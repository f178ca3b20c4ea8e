# hostile.sh - programs that try to take the machine down (issue 11):
# leaks, memory exhaustion and fork floods.  The single hostile calls
# (user/hostile) and the caps and rules Linux has (user/sendfile,
# user/nproc, user/slabinfo) are ordinary comparisons with Linux in
# user.sh; what can only be judged in our kernel is here.

# Kernel objects come back: slab_leak's children make objects of every
# kind (pipes, sockets, epolls, eventfds, mappings, forks, timers, /proc)
# and exit or are killed; every cache of /proc/slabinfo, lwIP's pools and
# the free pages must be back where they were.  In the kernel only: on
# Linux the counts move by themselves.  With slub_debug on, so that an
# overflow or a use after free on any of those paths is a report (BUG)
# in the kernel's log, which fails the check too.
slab_leak() {
	RUN_PROG_KLOG="$logs/slab_leak.klog" "$here/run-prog" --timeout 240 \
		--cmdline slub_debug build/user/slab_leak > "$logs/slab_leak.out" 2>&1
	local rc=$?
	if [ "$rc" -ne 0 ]; then
		fail "user/slab_leak" "objects or pages not back" "$logs/slab_leak.out"
	elif grep -qE '^\[ *[0-9.]+\] (BUG|WARNING)' "$logs/slab_leak.klog"; then
		fail "user/slab_leak" "slub_debug reported a bug" "$logs/slab_leak.klog"
	else
		pass "user/slab_leak ($(grep -c 'every object and page back' "$logs/slab_leak.out") scenarios, nothing leaked, slub_debug quiet)"
	fi
}
check user/slab_leak slab_leak

# Who holds the objects (user/tests/slab_allocators.c): with slub_debug's
# traces, /proc/slab_allocators counts 100 eventfds at sys_eventfd2 and
# alloc_file, and they go when closed or when their process is killed.
# In the kernel only: Linux has no such file (its alloc_calls is sysfs).
slab_allocators() {
	RUN_PROG_KLOG="$logs/slab_allocators.klog" "$here/run-prog" --timeout 120 \
		--cmdline slub_debug build/user/slab_allocators > "$logs/slab_allocators.out" 2>&1
	if [ $? -ne 0 ]; then
		fail "user/slab_allocators" "counts wrong" "$logs/slab_allocators.out"
	else
		pass "user/slab_allocators ($(grep -vc '^FAIL' "$logs/slab_allocators.out") lines)"
	fi
}
check user/slab_allocators slab_allocators

# Memory and processes run out (user/tests/exhaust.c): the overcommit
# heuristic's ENOMEM, the OOM killer ending a process that touches all
# memory (with Linux's one-line report in the log), a fork flood ending
# in EAGAIN; everything back afterwards.
exhaust() {
	RUN_PROG_KLOG="$logs/exhaust.klog" "$here/run-prog" --timeout 240 \
		build/user/exhaust > "$logs/exhaust.out" 2>&1
	local rc=$?
	local re='Out of memory: Killed process [0-9]+ \(exhaust\) total-vm:[0-9]+kB, anon-rss:[0-9]+kB, file-rss:[0-9]+kB, shmem-rss:[0-9]+kB, UID:0 pgtables:[0-9]+kB oom_score_adj:0$'
	if [ "$rc" -ne 0 ]; then
		fail "user/exhaust" "exit status $rc" "$logs/exhaust.out"
	elif ! grep -qE "$re" "$logs/exhaust.klog"; then
		fail "user/exhaust" "no OOM killer report in Linux's form" "$logs/exhaust.klog"
	elif grep -qE '^\[ *[0-9.]+\] (BUG|WARNING|Kernel panic)' "$logs/exhaust.klog"; then
		fail "user/exhaust" "the kernel complained" "$logs/exhaust.klog"
	else
		pass "user/exhaust ($(grep -c '^' "$logs/exhaust.out") lines, $(grep -cE "$re" "$logs/exhaust.klog") OOM kill)"
	fi
}
check user/exhaust exhaust

# make run's machine (init with /etc/rc's httpd and echod, the shell)
# through a memory hog and a fork flood typed at the shell: the OOM
# killer takes the hog, not a server; the flood stops at EAGAIN; then
# the shell still answers and httpd still serves a page to curl on the
# host ($net_port + 12).
exhaust_servers_run() {
	local h=$((net_port + 12))
	"$here/run-kernel" --timeout 300 --initrd "$root/build/initrd" \
		--cmdline "HOSTFWD=$h:80" --fwd "$h:80" \
		--send-after 'echod: listening on port 7' 'exhaust hog\r' \
		--send-after 'exhaust: killed by signal 9' 'exhaust flood 2\r' \
		--send-after '^flood: [0-9]+ processes, then ' 'echo still here\r' \
		--ready '(^|# )still here' \
		--host "curl -s --max-time 20 --retry 5 --retry-all-errors --retry-delay 1 -o '$logs/exhaust_servers.page' -w '%{http_code}\n' http://127.0.0.1:$h/" \
		--log "$logs/exhaust_servers.console" > "$logs/exhaust_servers.out" 2> "$logs/exhaust_servers.err"
}

exhaust_servers() {
	local name=exhaust_servers
	with_ports "$logs/$name.err" exhaust_servers_run
	tr -d '\r' < "$logs/$name.console" > "$logs/$name.txt"
	if ! grep -qE 'Out of memory: Killed process [0-9]+ \(exhaust\)' "$logs/$name.txt"; then
		fail "$name/oom" "the OOM killer did not take the hog" "$logs/$name.txt"
	elif grep -qE 'Killed process [0-9]+ \((httpd|echod|sh|init)\)' "$logs/$name.txt"; then
		fail "$name/oom" "the OOM killer took a server or the shell" "$logs/$name.txt"
	else
		pass "$name/oom"
	fi
	if grep -qE '^flood: [0-9]+ processes, then Resource temporarily unavailable' "$logs/$name.txt"; then
		pass "$name/flood ($(sed -nE 's/^flood: ([0-9]+) processes.*/\1/p' "$logs/$name.txt") processes, then EAGAIN)"
	else
		fail "$name/flood" "the flood did not end in EAGAIN" "$logs/$name.txt"
	fi
	if grep -q '^200$' "$logs/$name.out" && grep -q '</html>' "$logs/$name.page" 2> /dev/null; then
		pass "$name/httpd (the shell answers, httpd serves the page)"
	else
		fail "$name/httpd" "no page after the hog and the flood: $(tail -n 2 "$logs/$name.err" | tr '\n' ' ')" "$logs/$name.txt"
	fi
}
check exhaust_servers exhaust_servers
