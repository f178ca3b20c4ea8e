/*
 * main.c - start_kernel(): bringing the machine up, in dependency order.
 *
 * boot.S calls this on the boot stack with interrupts off, long mode on,
 * and the boot page tables (first GiB identity, kernel image, direct map).
 * Each step below needs the ones before it; the comments say why.
 */
#include "kernel/kernel.h"
#include "kernel/signal.h"
#include "kernel/params.h"
#include "kernel/memblock.h"
#include "kernel/mm.h"
#include "kernel/time.h"
#include "kernel/timekeeping.h"
#include "kernel/selftest.h"
#include "kernel/monitor.h"
#include "kernel/initramfs.h"
#include "kernel/profile.h"
#include "fs/fs.h"
#include "kernel/sched.h"
#include "kernel/percpu.h"
#include "kernel/kthread.h"
#include "kernel/errno.h"
#include "drivers/serial.h"
#include "arch/x86_64/bootinfo.h"
#include "arch/x86_64/segment.h"
#include "arch/x86_64/irq.h"
#include "arch/x86_64/paging.h"
#include "arch/x86_64/acpi.h"
#include "arch/x86_64/apic.h"
#include "arch/x86_64/smp.h"
#include "kernel/hrtimer.h"
#include "arch/x86_64/reboot.h"
#include "arch/x86_64/cpu.h"
#include "arch/x86_64/syscall.h"
#include "arch/x86_64/cpu_common.h"
#include "drivers/pci.h"
#include "drivers/e1000.h"
#include "net/lwip/lwip_port.h"

#define KERNEL_NAME	"epollos"
#define KERNEL_VERSION	"0.1"

extern char _kernel_phys_start[], _kernel_phys_end[];

/* The boot page tables map only the first GiB. */
#define BOOT_MAPPED_LIMIT (1ULL << 30)

/* Tell memblock which memory is RAM and which of it is already in use. */
static phys_addr_t setup_memory(void)
{
	phys_addr_t direct_map_end = 0;

	for (unsigned i = 0; i < bootinfo.nr_e820; i++) {
		const struct e820_entry *e = &bootinfo.e820[i];
		if (e->type == E820_TYPE_RAM)
			memblock_add(e->addr, e->size);
		/* ACPI tables are read through the direct map as well. */
		if (e->type == E820_TYPE_RAM || e->type == E820_TYPE_ACPI ||
		    e->type == E820_TYPE_NVS)
			direct_map_end = MAX(direct_map_end, e->addr + e->size);
	}
	memblock_reserve(0, PAGE_SIZE);		/* real-mode IVT, BIOS data */
	/* The other CPUs' real-mode start (arch/x86_64/smpboot.c). */
	memblock_reserve(TRAMPOLINE_PHYS, TRAMPOLINE_PAGES * PAGE_SIZE);
	memblock_reserve((phys_addr_t)_kernel_phys_start,
			 _kernel_phys_end - _kernel_phys_start);
	memblock_reserve(bootinfo.mbi_phys, bootinfo.mbi_size);
	for (unsigned i = 0; i < bootinfo.nr_modules; i++)
		memblock_reserve(bootinfo.modules[i].start,
				 bootinfo.modules[i].end - bootinfo.modules[i].start);
	memblock_set_limit(BOOT_MAPPED_LIMIT);
	memblock_dump();
	return ALIGN_UP(direct_map_end, PMD_SIZE);
}

/* Devices, once tasks exist (the network stack has a thread) and before
 * the self-tests, which test the devices too. */
static void do_basic_setup(void)
{
	pci_init();
	if (inet_init())
		pr_err("inet: cannot start the network thread\n");
	e1000_init_module();	/* after lwIP: it attaches eth0 to it */
}

/*
 * The first real task (pid 1): it runs the self-tests, then hands the
 * console to the monitor thread and exits.  It runs as a task rather than
 * on the boot thread so that the tests can sleep: the boot thread has to
 * stay runnable as the idle task.
 */
/*
 * pid 1.  It runs the self-tests if asked, then becomes the first user
 * program: init= on the command line (default /sbin/init), with the words
 * after "--" as its arguments.  kernel_execve() replaces this task's
 * (empty) user side with the program; returning 0 then takes the task to
 * user mode (ret_from_fork).  Without that program, the kernel monitor
 * runs here instead.
 */
static int kernel_init(void *unused)
{
	(void)unused;
	/* As Linux's do_basic_setup: the archive becomes the root tree
	 * before anything (a self-test, init) looks for a file. */
	populate_rootfs();
	/* The other CPUs, before the devices (as Linux's kernel_init). */
	smp_init();
	do_basic_setup();
	if (selftests_requested()) {
		int failed = run_selftests();
		if (test_mode)
			qemu_exit(failed ? QEMU_EXIT_FAILURE : QEMU_EXIT_SUCCESS);
	}
	if (initramfs_present()) {
		init_argv[0] = init_path;
		long err = kernel_execve(init_path, init_argv, envp_init);
		if (!err)
			return 0;
		pr_err("init: cannot run %s: error %ld\n", init_path, err);
	} else {
		pr_info("init: no initramfs, so no user programs\n");
	}
	if (test_mode)
		qemu_exit(QEMU_EXIT_SUCCESS);
	monitor_thread(NULL);
	return 0;
}

/* Linux's name for the end of start_kernel: start pid 1, then idle. */
static void __noreturn rest_init(void)
{
	struct task_struct *init = user_mode_thread(kernel_init, NULL, "init");

	if (IS_ERR(init))
		panic("cannot start init");
	wake_up_process(init);
	cpu_startup_entry();
}

void start_kernel(u32 magic, phys_addr_t mbi)
{
	/* GS 0: until every CPU has its per-CPU area, CPU 0 uses the
	 * template itself (kernel/percpu.h); user mode's GS starts at 0. */
	wrmsr(MSR_GS_BASE, 0);
	wrmsr(MSR_KERNEL_GS_BASE, 0);
	/* A console first, so every later step can report failure. */
	serial_init();
	/* Our own GDT/TSS and IDT: a fault from here on is an oops with a
	 * backtrace, not a silent triple-fault reset. */
	gdt_init();
	idt_init();
	syscall_init();
	fpu_init();		/* SSE for user programs (never the kernel) */

	parse_multiboot2(magic, mbi);
	parse_args(boot_command_line);
	pr_notice("%s %s (x86-64), a teaching kernel built around epoll\n",
		  KERNEL_NAME, KERNEL_VERSION);
	pr_notice("Command line: %s\n", boot_command_line);
	if (bootinfo.bootloader)
		pr_info("Booted by: %s\n", bootinfo.bootloader);

	/* Memory: the boot loader's map, then our page tables (the boot ones
	 * are still in use while we build them), then the allocators. */
	paging_init(setup_memory());
	mem_init();
	paging_use_buddy();
	kmem_cache_init();
	/* Per-CPU areas, as soon as pages can be had: CPU 0 moves onto its
	 * own copy, and loads the GDT and TSS in it. */
	setup_per_cpu_areas();
	gdt_init();
	signals_init();		/* the signal queue's cache, and futexes' */
	posix_timers_init();	/* timer_create's cache */
	profile_init();
	initramfs_init();
	vfs_caches_init();
	proc_root_init();
	/* Before anything can touch user memory: from here on the kernel
	 * may do so only through the uaccess functions. */
	setup_smep_smap();

	/* Interrupts: find the controllers (ACPI), silence the old PIC, then
	 * the local APIC (needed for EOIs) before any device is routed. */
	acpi_init(bootinfo.acpi_rsdp);
	legacy_pic_disable();
	lapic_init();
	identify_cpu();
	prefill_possible_map();	/* the CPUs there are, before per-CPU setup */
	smp_ipi_init();
	ioapic_init();
	/* Time: the clock (the TSC, measured against the PIT), the timer
	 * queues, then the device that fires them (the APIC timer, measured
	 * against the TSC), whose registration starts the tick. */
	hrtimers_init();
	tsc_init();
	setup_boot_APIC_clock();
	serial_enable_rx_irq();
	local_irq_enable();
	pr_info("timer: ticking at %d Hz\n", HZ);
	/* The wall clock is the RTC's time pinned to ktime, which has just
	 * started. */
	timekeeping_init();

	/* Tasks need the tick (time slices, timeouts) and the allocators
	 * (stacks); from here the boot thread is the idle task, pid 0. */
	sched_init();
	rest_init();
}
