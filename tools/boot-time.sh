#!/usr/bin/env bash
# boot-time.sh [RUNS] - how long from starting QEMU to the kernel's banner
# on the serial console, for each accelerator this machine can use.
# Prints every run and the median (milliseconds).  A benchmark: it only
# prints figures and asserts nothing.
set -u
here=$(cd "$(dirname "$0")" && pwd)
runs=${1:-5}
iso=$(mktemp --suffix=.iso)
trap 'rm -f "$iso"' EXIT
sh "$here/mkiso.sh" "$iso" "$here/../build/kernel.elf" "test" || exit 1
. "$here/qemu.sh"

# One boot: milliseconds until the banner line, or "timeout".
one_boot() {
	local args start
	args=$(qemu_args "$iso") || return 1
	start=$(date +%s%N)
	# shellcheck disable=SC2086
	timeout 300 qemu-system-x86_64 $args -serial stdio < /dev/null 2>/dev/null |
	while IFS= read -r line; do
		case "$line" in
		*"epollos "*"(x86-64)"*)
			echo $(( ($(date +%s%N) - start) / 1000000 ))
			cat > /dev/null	# let QEMU finish writing
			exit 0 ;;
		esac
	done
}

median() { sort -n | awk '{ v[NR] = $1 } END { if (NR) print v[int((NR + 1) / 2)] }'; }

for accel in tcg kvm; do
	if [ "$accel" = kvm ] && [ ! -w /dev/kvm ]; then
		echo "kvm: /dev/kvm not available, skipped"
		continue
	fi
	times=""
	for _ in $(seq "$runs"); do
		t=$(ACCEL=$accel one_boot)
		times="$times ${t:-timeout}"
	done
	med=$(echo "$times" | tr ' ' '\n' | grep -E '^[0-9]+$' | median)
	echo "$accel: QEMU start to banner, ms:$times; median ${med:-n/a} ms"
done
