# shell.sh - the shell on the console, as make run starts it (without
# /etc/rc's servers, whose output would mix with the prompts): commands,
# pipelines and redirection, Ctrl-C, ps/top/kill, typing ahead.
# "quiet", as on a Linux machine: the kernel's own informational lines
# (the TSC's refined rate a second after boot, say) would otherwise land
# in the middle of a typed line, where no pattern can find it.
# --at-prompt (run-kernel) types a command line only once the prompt is
# back, for the same reason: the tty echoes as it receives.  Not where
# the test is about typing while something else runs (ps/top/kill, whose
# job notices may come after the prompt, and typing ahead).

shell_session() {
	boot shell_session 0 --timeout 90 --initrd "$root/build/initrd" --cmdline "rc=off quiet" --at-prompt \
		--send-after '^# $' 'echo hello from sh\r' \
		--send-after 'hello from sh' 'hello a b\r' \
		--send-after 'argv\[2\]=b' 'nosuch\r' \
		--send-after 'nosuch: No such file' 'poweroff\r' &&
		expect shell_session '^hello from sh$' '^argc=3$' '^argv\[0\]=hello$' \
			'sh: nosuch: No such file or directory' 'reboot: Power down'
}
check shell_session shell_session

# Pipelines and redirection: hello's output counted through pipes.
shell_pipeline() {
	local hello_size
	hello_size=$(wc -c < "$root/build/user/hello")
	boot shell_pipeline 0 --timeout 90 --initrd "$root/build/initrd" --cmdline "rc=off quiet" --at-prompt \
		--send-after '^# $' 'hello a b | count\r' \
		--send-after '^5 6 54$' 'hello x|count | count\r' \
		--send-after '^1 3 7$' 'count < /bin/hello\r' \
		--send-after "^[0-9]+ [0-9]+ $hello_size\$" 'nosuch 2> /dev/null\r' \
		--send-after 'nosuch 2> /dev/null' 'echo "a|b" >> /dev/null\r' \
		--send-after '>> /dev/null' 'echo "a|b"\r' \
		--send-after '(^|# )a\|b$' 'count < /nonexistent\r' \
		--send-after 'nonexistent: No such file' 'ls / | cat\r' \
		--send-after '^www$' 'poweroff\r' &&
		expect shell_pipeline '^5 6 54$' '^1 3 7$' "^[0-9]+ [0-9]+ $hello_size\$" \
			'(^|# )a\|b$' 'sh: /nonexistent: No such file or directory' \
			'^bin$' '^dev$' '^sbin$' '^www$' 'reboot: Power down'
	if grep -q 'sh: nosuch' "$logs/shell_pipeline.txt" 2>/dev/null; then
		fail shell_pipeline_stderr "2> did not redirect the error" "$logs/shell_pipeline.txt"
	fi
}
check shell_pipeline shell_pipeline

# The console in raw mode (keys prints each byte as it comes, no echo),
# Ctrl-C killing the foreground job, the shell surviving with the
# terminal back in canonical mode, and Ctrl-C at the prompt dropping the
# line typed so far.
shell_ctrl_c() {
	boot shell_ctrl_c 0 --timeout 90 --initrd "$root/build/initrd" --cmdline "rc=off quiet" --at-prompt \
		--send-after '^# $' 'keys\r' \
		--send-after '^keys: raw mode' 'ab' \
		--send-after '^key 0x62$' '\x03' \
		--send-after 'killed by signal 2' 'echo still here\r' \
		--send-after '^still here$' 'abc\x03echo survived\r' \
		--send-after '^survived$' 'poweroff\r' &&
		expect shell_ctrl_c '^key 0x61$' '^key 0x62$' '^sh: keys: killed by signal 2$' \
			'^# echo still here$' '^still here$' '^# abc\^Cecho survived$' \
			'^survived$' 'reboot: Power down'
}
check shell_ctrl_c shell_ctrl_c

# ps, top and kill on the console: a busy job in the background is in
# ps (running) and in top, with init and the shell; top without -n
# quits on q; the job killed through $! and reaped ("[N] done") is gone
# from the next ps.  A q typed early waits in the tty for top's raw mode
# (typing ahead past it is shell_typeahead's business).  Each line is
# typed at the prompt: the killed job needs the CPU to die, and gets it
# once the shell waits for input (the shell reports jobs at its prompt).
shell_ps_kill() {
	# One CPU: the sum; more: a line each, the last CPU's among them.
	local cpu_re='^%Cpu\(s\): +[0-9.]+ us'
	[ "${SMP:-1}" -gt 1 ] && cpu_re="^%Cpu$((SMP - 1)) +: +[0-9.]+ us"
	boot shell_ps_kill 0 --timeout 120 --initrd "$root/build/initrd" --cmdline "rc=off quiet" \
		--at-prompt \
		--send-after '^# $' 'count < /dev/zero &\r' \
		--send-after '^\[[0-9]+\]$' 'ps\r' \
		--send-after ' R +[0-9:]+ count$' 'top -n 1\r' \
		--send-after '^MiB Mem :' 'echo top done\r' \
		--send-after '(^|# )top done$' 'top\r' \
		--send-after '(^|# )top$' 'q' \
		--send-after '^# $' 'echo top quit\r' \
		--send-after '(^|# )top quit$' 'kill $!\r' \
		--send-after '^# kill \$!$' 'echo killed\r' \
		--send-after '\] done$' 'ps\r' \
		--send-after '(^|# )killed$' 'echo ps done\r' \
		--send-after '(^|# )ps done$' 'poweroff\r' &&
		expect shell_ps_kill '^  PID  PPID STAT     TIME CMD$' \
			'^ +1 +0 S +[0-9:]{8} /sbin/init$' '^ +[0-9]+ +1 [RS] +[0-9:]{8} /bin/sh$' \
			'^ +[0-9]+ +0 [RSD] +[0-9:]{8} \[knetd\]$' \
			'top - [0-9:]{8} up [0-9]+ min,  load average: [0-9.]+, [0-9.]+, [0-9.]+$' \
			'^Tasks: +[0-9]+ total, +[0-9]+ running' "$cpu_re" \
			'^ +PID +PPID S +%CPU +%MEM +RES +TIME\+ COMMAND$' \
			'^ +1 +0 S +[0-9.]+ +[0-9.]+ +[0-9]+ +[0-9:.]+ init$' \
			'^ +[0-9]+ +1 [RS] +[0-9.]+ +[0-9.]+ +[0-9]+ +[0-9:.]+ sh$' \
			'^ +[0-9]+ +[0-9]+ R +[0-9.]+ +[0-9.]+ +[0-9]+ +[0-9:.]+ count$' \
			'^\[[0-9]+\] done$' 'reboot: Power down'
	# After the kill, the second ps (and anything after it) must not list
	# count, running or as a zombie.
	if [ -f "$logs/shell_ps_kill.txt" ] &&
	   sed -n '/^# kill /,$p' "$logs/shell_ps_kill.txt" | sed -n '/^# ps$/,$p' |
	   grep -qE ' count$|\[count\]'; then
		fail shell_ps_kill_gone "count is still in ps after kill" "$logs/shell_ps_kill.txt"
	fi
}
check shell_ps_kill shell_ps_kill

# Typing ahead: a line typed while top (raw mode) runs, after the q that
# ends it, reaches the shell when the tty goes back to canonical mode
# (Linux's n_tty_set_termios pushes unread input as a readable chunk).
shell_typeahead() {
	boot shell_typeahead 0 --timeout 90 --initrd "$root/build/initrd" --cmdline "rc=off quiet" \
		--send-after '^# $' 'top\r' \
		--send-after '^ +PID +PPID' 'qecho typed ahead\r' \
		--send-after '(^|# )typed ahead$' 'poweroff\r' &&
		expect shell_typeahead '(^|# )typed ahead$' 'reboot: Power down'
}
check shell_typeahead shell_typeahead
