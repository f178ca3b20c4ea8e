# boot.sh - booting: the banner, the command line, the console, the
# initramfs, and crashes reported with names.

# The banner, memory, ACPI and the timer.
boot_banner() {
	boot boot_banner 0 --cmdline "test" &&
		expect boot_banner '^\[ *[0-9.]+\] epollos [0-9.]+ \(x86-64\)' \
			'Command line: test$' 'Memory: [0-9]+K/[0-9]+K available' \
			'ACPI: MADT: LAPIC at 0xfee00000' 'timer: ticking at 100 Hz'
}
check boot_banner boot_banner

# Unknown options: a bare word, or a dotted name, is reported and
# ignored; NAME=value goes to init's environment (as Linux), silently.
cmdline_loglevel() {
	boot cmdline_loglevel 0 --cmdline "test loglevel=8 no_such_option no.such=1 FOR_INIT=1" &&
		expect cmdline_loglevel "cmdline: unknown option 'no_such_option' ignored" \
			"cmdline: unknown option 'no.such=1' ignored" \
			'memblock: reserved \[' 'Command line: test loglevel=8 no_such_option no.such=1 FOR_INIT=1'
	if grep -q "unknown option 'FOR_INIT=1'" "$logs/cmdline_loglevel.txt" 2>/dev/null; then
		fail cmdline_init_env "FOR_INIT=1 was reported instead of passed to init" "$logs/cmdline_loglevel.txt"
	fi
}
check cmdline_loglevel cmdline_loglevel

cmdline_quiet() {
	boot cmdline_quiet 0 --cmdline "test quiet" || return
	if grep -qE 'Command line:|timer: ticking' "$logs/cmdline_quiet.txt"; then
		fail cmdline_quiet "informational messages printed despite quiet" "$logs/cmdline_quiet.txt"
	else
		pass cmdline_quiet
	fi
}
check cmdline_quiet cmdline_quiet

# console=ttyS1: the log moves to the second serial port, COM1 stays clean.
console_ttyS1() {
	boot console_ttyS1 0 --cmdline "test console=ttyS1" --com2 "$logs/com2.log" || return
	if [ -s "$logs/console_ttyS1.txt" ]; then
		fail console_ttyS1 "COM1 was not left empty" "$logs/console_ttyS1.txt"
	elif ! grep -q 'timer: ticking at 100 Hz' "$logs/com2.log"; then
		fail console_ttyS1 "the log did not reach COM2" "$logs/com2.log"
	else
		pass console_ttyS1
	fi
}
check console_ttyS1 console_ttyS1

# A module that is not a cpio archive is refused, not trusted.
initramfs_garbage() {
	head -c 3000 /dev/urandom > "$logs/garbage.cpio"
	printf '070701zzzz' | cat - "$logs/garbage.cpio" > "$logs/garbage2.cpio"
	boot initramfs_garbage 0 --cmdline "test" --initrd "$logs/garbage2.cpio" &&
		expect initramfs_garbage "initramfs: module 'initrd' is not a valid newc cpio archive; ignored"
}
check initramfs_garbage initramfs_garbage

# --- crashes must be reported with names, and end the run ---
oops_page_fault() {
	boot oops_page_fault 1 --cmdline "test selftest=fault" &&
		expect oops_page_fault \
			'BUG: unable to handle page fault for address: 0000000000000010' \
			'#PF: supervisor read access in kernel mode' \
			'#PF: error_code\(0x0000\) - not-present page' \
			'RIP: 0010:crash_deref\+0x[0-9a-f]+/0x[0-9a-f]+' \
			'^\[ *[0-9.]+\]  crash_caller\+0x' '^\[ *[0-9.]+\]  selftest_fault\+0x' \
			'^\[ *[0-9.]+\]  kernel_init\+0x' 'end Kernel panic - not syncing: Fatal exception'
}
check oops_page_fault oops_page_fault

panic_backtrace() {
	boot panic_backtrace 1 --cmdline "test selftest=panic" &&
		expect panic_backtrace 'Kernel panic - not syncing: selftest asked for a panic' \
			'^\[ *[0-9.]+\]  panic_caller\+0x' '^\[ *[0-9.]+\]  selftest_panic\+0x'
}
check panic_backtrace panic_backtrace

text_is_read_only() {
	boot text_is_read_only 1 --cmdline "test selftest=write_text" &&
		expect text_is_read_only '#PF: supervisor write access in kernel mode' \
			'permissions violation' 'RIP: 0010:selftest_write_text\+'
}
check text_is_read_only text_is_read_only

data_is_not_executable() {
	boot data_is_not_executable 1 --cmdline "test selftest=exec_data" &&
		expect data_is_not_executable '#PF: supervisor instruction fetch access in kernel mode' \
			'permissions violation' '^\[ *[0-9.]+\]  selftest_exec_data\+0x'
}
check data_is_not_executable data_is_not_executable

# --- the console: typed input arrives through the serial interrupt ---
serial_console_input() {
	boot serial_console_input 0 --timeout 60 \
		--send-after 'kmon> $' 'uptime\r' \
		--send-after 'jiffies \(HZ=100\)' 'irqs\r' \
		--send-after 'vector 0x24' 'halt\r' &&
		expect serial_console_input 'kmon> uptime' \
			'^up [0-9]+\.[0-9]{3} s, [0-9]+ jiffies \(HZ=100\)$' \
			'^vector 0x24: [1-9]' '^vector 0xec: [1-9]' 'halting'
}
check serial_console_input serial_console_input

# --- the other CPUs (arch/x86_64/smpboot.c), whatever SMP the run has ---
# Four CPUs from the MADT: a line for each that comes up, then the count.
smp_bringup() {
	boot smp_bringup 0 --smp 4 --cmdline "test" &&
		expect smp_bringup 'ACPI: MADT: .* 4 CPU\(s\)' \
			'smp: Bringing up secondary CPUs \.\.\.' \
			'smp: CPU#1 \(APIC 1\) is up, idle task swapper/1' \
			'smp: CPU#2 \(APIC 2\) is up, idle task swapper/2' \
			'smp: CPU#3 \(APIC 3\) is up, idle task swapper/3' \
			'x86: Booted up 1 node, 4 CPUs$'
}
check smp_bringup smp_bringup

# maxcpus=2 counts the boot CPU; nosmp leaves it alone.
smp_maxcpus() {
	boot smp_maxcpus 0 --smp 4 --cmdline "test maxcpus=2" || return
	if grep -q 'CPU#2' "$logs/smp_maxcpus.txt"; then
		fail smp_maxcpus "maxcpus=2 brought up a third CPU" "$logs/smp_maxcpus.txt"
		return
	fi
	expect smp_maxcpus 'smp: CPU#1 \(APIC 1\) is up' 'x86: Booted up 1 node, 2 CPUs$'
}
check smp_maxcpus smp_maxcpus

smp_nosmp() {
	boot smp_nosmp 0 --smp 4 --cmdline "test nosmp" || return
	if grep -q 'CPU#1' "$logs/smp_nosmp.txt"; then
		fail smp_nosmp "nosmp brought up another CPU" "$logs/smp_nosmp.txt"
		return
	fi
	expect smp_nosmp 'x86: Booted up 1 node, 1 CPU$'
}
check smp_nosmp smp_nosmp

# Device interrupts spread over the CPUs (arch/x86_64/irq.c): on two,
# the serial line (requested before the other CPU is up) stays on CPU 0
# and the e1000 goes to CPU 1; irqaffinity=0 keeps both on CPU 0.
smp_irq_routing() {
	boot smp_irq_routing 0 --smp 2 --net --cmdline "test" &&
		expect smp_irq_routing 'irq: IRQ 4 \(serial\) to CPU 0$' \
			'irq: IRQ 11 \(eth0\) to CPU 1$' || return
	boot smp_irqaffinity 0 --smp 2 --net --cmdline "test irqaffinity=0" &&
		expect smp_irqaffinity 'irq: IRQ 11 \(eth0\) to CPU 0$'
}
check smp_irq_routing smp_irq_routing
