# lockdep.sh - the lock validator (kernel/lockdep.c) watching a workload:
# one boot with "lockdep" on the command line runs the epoll tests (the
# SMP stress program among them), threads, futexes, pipes, sockets over
# loopback, files and signals, one after another (user/runall), and any
# report the validator makes fails the check, as does a program that
# fails.  (Its own self-tests, which make each bug on purpose, run in the
# selftest boot: selftest/lockdep_*.)  With SMP=2 the programs' threads
# and processes run on both CPUs, which is where wrong locking shows.

lockdep_workload_progs="epoll epoll_stress epoll_threads epoll_nest pthreads
	threads thread_signals futex pipe_fifo poll splice sendfile socketpair
	unix_stream unix_dgram unix_scm tcp tcp_buffers udp signals signalfd
	timerfd timeouts fork_wait fs fs_mmap fs_meta locks memory procfs
	proc_pid kmsg pty prctl priority waitid rusage cred close_range xattr
	o_path sigaltstack signal_segv smp_affinity slabinfo session inotify"

lockdep_workload() {
	local adds=() cmds=() p
	for p in $lockdep_workload_progs; do
		adds+=(--add "build/user/$p:bin/$p")
		cmds+=("/bin/$p")
	done
	RUN_PROG_KLOG="$logs/lockdep.klog" "$here/run-prog" --timeout 600 \
		--cmdline lockdep "${adds[@]}" build/user/runall "${cmds[@]}" \
		> "$logs/lockdep.out" 2>&1
	local rc=$?
	if grep -qE "$LOCKDEP_REPORT_RE|$SLEEP_BUG_RE" "$logs/lockdep.klog"; then
		fail lockdep/workload "the validator reported (kernel log below)" "$logs/lockdep.klog"
		grep -nE -A40 "$LOCKDEP_REPORT_RE|$SLEEP_BUG_RE" "$logs/lockdep.klog" | head -n 80
	elif ! grep -q "lockdep: the lock validator is on" "$logs/lockdep.klog"; then
		fail lockdep/workload "the kernel did not boot with the validator" "$logs/lockdep.klog"
	elif [ "$rc" -ne 0 ]; then
		fail lockdep/workload "a program failed under the validator (exit $rc)" "$logs/lockdep.out"
		grep -E '^runall: .*(exited [1-9]|killed)' "$logs/lockdep.out"
	else
		pass lockdep/workload
	fi
}
check lockdep/workload lockdep_workload
