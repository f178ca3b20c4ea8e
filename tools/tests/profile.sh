# profile.sh - the tick's profiler (kernel/profile.c): with profile=2,
# /proc/profile in Linux's layout and user/readprofile reading it with
# /boot/System.map; without it, no /proc/profile at all, as on Linux.

profile_on() {
	local name=profile_on f
	boot $name 0 --timeout 90 --initrd "$root/build/initrd" --cmdline "rc=off profile=2 quiet" --at-prompt \
		--send-after '^# $' 'readprofile -i\r' \
		--send-after '^Sampling_step: ' 'readprofile -r\r' \
		--send-after '^# readprofile -r$' 'ls /proc\r' \
		--send-after 'slabinfo' 'readprofile\r' \
		--send-after ' total +[0-9.]+$' 'poweroff\r' || return
	f=$logs/$name.txt
	if ! grep -q '^Sampling_step: 4$' "$f"; then
		fail $name "readprofile -i did not say 4 bytes per counter" "$f"
	elif ! sed -n '/ls \/proc$/,/^# readprofile$/p' "$f" | grep -qw profile; then
		fail $name "/proc/profile is not listed" "$f"
	elif ! sed -n '/^# readprofile$/,$p' "$f" | grep -qE '^ +[1-9][0-9]* cpu_startup_entry +[0-9.]+$'; then
		fail $name "no ticks in the idle loop after the reset" "$f"
	elif ! sed -n '/^# readprofile$/,/ total /p' "$f" |
	       awk '$2 == "total" { t = $1; next } /^ +[0-9]+ / { s += $1 } END { exit !(t > 0 && s == t) }'; then
		fail $name "the functions' ticks do not add up to the total" "$f"
	else
		pass "$name ($(sed -n '/^# readprofile$/,$p' "$f" | awk '$2 == "total" { print $1 }') ticks since the reset)"
	fi
}
check profile_on profile_on

profile_off() {
	local name=profile_off f
	boot $name 0 --timeout 90 --initrd "$root/build/initrd" --cmdline "rc=off quiet" --at-prompt \
		--send-after '^# $' 'readprofile\r' \
		--send-after 'readprofile: /proc/profile' 'ls /proc\r' \
		--send-after 'slabinfo' 'poweroff\r' || return
	f=$logs/$name.txt
	if ! grep -q '^readprofile: /proc/profile: No such file or directory$' "$f"; then
		fail $name "readprofile found a /proc/profile without profile=" "$f"
	elif sed -n '/ls \/proc$/,$p' "$f" | grep -qw profile; then
		fail $name "/proc/profile is listed without profile=" "$f"
	else
		pass $name
	fi
}
check profile_off profile_off
