#!/bin/sh
# qemu.sh - how the kernel is started in QEMU, in one place.
#
#   sh tools/qemu.sh run ISO     serial console on this terminal
#   sh tools/qemu.sh gdb ISO     paused, gdb stub on :1234, gdb attached
#   . tools/qemu.sh              (from another script) defines qemu_args
#
# ACCEL=tcg (the default) or ACCEL=kvm.  On these machines /dev/kvm is a
# nested KVM through which SeaBIOS and GRUB crawl (tens of seconds before
# the kernel runs), while TCG reaches the kernel in well under a second,
# so TCG is the default (see tools/boot-time.sh for the figures).
# QEMU_MEM (default 512M) sets the guest's memory.
# QEMU_NET attaches an e1000 on QEMU's user networking (slirp): "on" for
# the NIC alone, or slirp's options, e.g. QEMU_NET="hostfwd=tcp:127.0.0.1:8080-:80"
# (comma-separated; several hostfwd= allowed).  Unset or empty: no NIC
# ("-nic none"), as every test that does not ask for one expects.
# QEMU_NET=tap puts the e1000 on the tap device TAP_DEV (eptap0) of the
# network namespace TAP_NS (epollos-net) instead (tools/tap-net): QEMU
# must then run inside that namespace (qemu_netns says how), and the
# guest needs its address there (tap_cmdline).
# SMP (default 1) is the number of CPUs (QEMU's -smp); under TCG more
# than one runs each virtual CPU on a host thread of its own (MTTCG,
# "-accel tcg,thread=multi"), so they really run at the same time;
# with -icount in QEMU_EXTRA they take turns on one (thread=single).
# QEMU_EXTRA: more QEMU arguments, appended (e.g. "-object
# filter-dump,id=d0,netdev=n0,file=net.pcap" to record the NIC's frames).

ACCEL=${ACCEL:-tcg}
QEMU_MEM=${QEMU_MEM:-512M}
SMP=${SMP:-1}

# Print the arguments shared by every way of starting the kernel.
qemu_args() {
	case "$SMP" in
	[1-9]|[1-9][0-9]) ;;
	*)
		echo "qemu.sh: SMP must be a number of CPUs (1-99), not '$SMP'" >&2
		return 1 ;;
	esac
	case "$ACCEL" in
	tcg)
		# -icount (in QEMU_EXTRA: tools/fuzz, netprof -i) counts one
		# stream of instructions, so QEMU refuses it with MTTCG: the
		# CPUs then take turns on one host thread (thread=single).
		case " ${QEMU_EXTRA:-} " in
		*" -icount "*) threads=single ;;
		*) threads=multi ;;
		esac
		if [ "$SMP" -gt 1 ]; then
			accel="-accel tcg,thread=$threads -cpu max"
		else
			accel="-accel tcg -cpu max"
		fi ;;
	kvm)
		if [ ! -w /dev/kvm ]; then
			echo "qemu.sh: ACCEL=kvm but /dev/kvm is not usable" >&2
			return 1
		fi
		# This host's KVM refuses MSR 0x10a (arch-capabilities).  It
		# also emulates the guest kernel's privileged instructions with
		# an emulator that lacks CLAC/STAC and still reports SMAP, so
		# kernels booted on it need "nosmap" (kernel_cmdline_extra).
		accel="-accel kvm -cpu host,-arch-capabilities" ;;
	*)
		echo "qemu.sh: ACCEL must be tcg or kvm, not '$ACCEL'" >&2
		return 1 ;;
	esac
	case "${QEMU_NET:-}" in
	"") net="-nic none" ;;
	on) net="-netdev user,id=n0 -device e1000,netdev=n0" ;;
	tap) net="-netdev tap,id=n0,ifname=${TAP_DEV:-eptap0},script=no,downscript=no -device e1000,netdev=n0" ;;
	*) net="-netdev user,id=n0,$QEMU_NET -device e1000,netdev=n0" ;;
	esac
	echo "-machine pc $accel -smp $SMP -m $QEMU_MEM -cdrom $1 -boot d" \
	     "-display none -no-reboot $net" \
	     "-device isa-debug-exit,iobase=0xf4,iosize=0x04 ${QEMU_EXTRA:-}"
}

# Boot options the accelerator needs, appended to every command line.
kernel_cmdline_extra() {
	[ "$ACCEL" = kvm ] && echo "nosmap"
	return 0
}

# The command that runs QEMU (or a client of the guest) where its network
# is: "ip netns exec NS" with QEMU_NET=tap, nothing otherwise.
qemu_netns() {
	[ "${QEMU_NET:-}" = tap ] && echo "ip netns exec ${TAP_NS:-epollos-net}"
	return 0
}

# The guest's address on the tap network, as a boot option in Linux's
# form (client::gateway:netmask): 10.77.0.2, the host's end 10.77.0.1.
tap_cmdline() {
	echo "ip=${TAP_GUEST_ADDR:-10.77.0.2}::${TAP_GW:-10.77.0.1}:255.255.255.0"
}

# One line per host forward in QEMU_NET, before the console takes over.
say_forwards() {
	echo "${QEMU_NET:-}" | tr ',' '\n' | sed -nE \
		's/^hostfwd=(tcp|udp):127\.0\.0\.1:([0-9]+)-:([0-9]+)$/qemu: 127.0.0.1:\2 on this machine reaches the guest'"'"'s port \3 (\1)/p'
}

main() {
	mode=$1 iso=$2
	args=$(qemu_args "$iso") || exit 1
	echo "qemu: accelerator $ACCEL (ACCEL=tcg|kvm to choose), $SMP CPU(s) (SMP=N); quit with Ctrl-A X"
	case "$mode" in
	run)
		say_forwards
		# mon:stdio: Ctrl-A X quits, Ctrl-A C is QEMU's monitor.
		err=$(mktemp)
		if [ "${QEMU_NET:-}" = tap ]; then
			echo "qemu: the guest is 10.77.0.2 on ${TAP_DEV:-eptap0} in namespace ${TAP_NS:-epollos-net};" \
			     "try: ip netns exec ${TAP_NS:-epollos-net} curl http://10.77.0.2/"
		fi
		# shellcheck disable=SC2086
		$(qemu_netns) qemu-system-x86_64 $args -serial mon:stdio 2> "$err"
		status=$?
		cat "$err" >&2
		if grep -q 'host forwarding' "$err"; then
			echo "qemu: a forwarded port is taken on this machine; pick others," \
			     "e.g. make run HTTP_PORT=9080 ECHO_PORT=9007" >&2
		fi
		rm -f "$err"
		# 1 is the kernel powering off (isa-debug-exit 0): no error.
		[ "$status" = 1 ] && status=0
		exit "$status" ;;
	gdb)
		dir=$(dirname "$0")
		# shellcheck disable=SC2086
		qemu-system-x86_64 $args -serial file:build/serial.log -s -S &
		qpid=$!
		echo "qemu: paused with a gdb stub on :1234; serial output in build/serial.log"
		gdb -q -x "$dir/gdbinit" build/kernel.elf
		kill "$qpid" 2>/dev/null
		wait "$qpid" 2>/dev/null
		exit 0 ;;
	*)
		echo "usage: qemu.sh run|gdb ISO" >&2
		exit 2 ;;
	esac
}

# Run main only when executed, not when sourced by another script.
case "$0" in
*qemu.sh) main "$@" ;;
esac
