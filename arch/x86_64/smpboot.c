/*
 * smpboot.c - bringing up the application processors (APs), Linux's
 * arch/x86/kernel/smpboot.c in small.
 *
 * The CPUs are the MADT's enabled local APICs (acpi.c).  CPU 0 is the
 * one GRUB ran us on (the bootstrap processor); the others wait, halted
 * by the firmware, for an INIT and a startup IPI.  For each in turn,
 * smp_init() on CPU 0:
 *   1. makes its idle task (fork_idle: pid 0, "swapper/N") and its IST
 *      stacks, and points its per-CPU current_task at the idle task;
 *   2. tells the trampoline which CPU, which stack (initial_stack);
 *   3. sends INIT, SIPI, SIPI (apic_wakeup_secondary_cpu);
 *   4. waits until the CPU sets its bit in cpu_online_mask.
 * The AP runs trampoline.S (real mode to long mode) and then
 * start_secondary() here on its idle task's stack: per-CPU segment,
 * GDT and TSS, IDT, SYSCALL, FPU, local APIC, its timer (which starts
 * its tick), online, and the idle loop.  One CPU at a time: the
 * trampoline's globals are shared.
 *
 * Boot options, as Linux's: "nosmp" brings up no other CPU, "maxcpus=N"
 * at most N CPUs in all (so maxcpus=1 is nosmp too).
 *
 * Context: smp_init() in process context (pid 1, before any program);
 * start_secondary() on the new CPU with interrupts off.
 */
#include "kernel/kernel.h"
#include "kernel/errno.h"
#include "kernel/params.h"
#include "kernel/percpu.h"
#include "kernel/sched.h"
#include "kernel/mm.h"
#include "kernel/time.h"
#include "arch/x86_64/smp.h"
#include "arch/x86_64/acpi.h"
#include "arch/x86_64/apic.h"
#include "arch/x86_64/irq.h"
#include "arch/x86_64/cpu.h"
#include "arch/x86_64/segment.h"
#include "arch/x86_64/syscall.h"
#include "arch/x86_64/paging.h"
#include "arch/x86_64/page.h"
#include "arch/x86_64/boot_defs.h"
#include "arch/x86_64/cpu_common.h"

extern char trampoline_start[], trampoline_end[], trampoline_header[];
extern char secondary_startup_64[];
void load_percpu_segment(unsigned long off);
void __noreturn start_secondary(void);

u32 cpu_apic_id[NR_CPUS];
static unsigned int setup_max_cpus = NR_CPUS;

/* Read by secondary_startup_64 and start_secondary on the AP. */
__used unsigned long initial_cr3, initial_cr4, initial_stack;
static volatile int smpboot_cpu;

/* How long CPU 0 waits for an AP: generous, for emulation on a busy
 * host (QEMU's TCG starts one within milliseconds otherwise). */
#define AP_CALLIN_TIMEOUT_MS	5000

static int set_nosmp(const char *val)
{
	(void)val;
	setup_max_cpus = 1;
	return 0;
}
__setup("nosmp", set_nosmp);

static int set_maxcpus(const char *val)
{
	unsigned long n = 0;

	if (!val || !*val)
		return -EINVAL;
	for (; *val >= '0' && *val <= '9'; val++)
		n = n * 10 + (unsigned long)(*val - '0');
	if (*val)
		return -EINVAL;
	setup_max_cpus = n ? (n < NR_CPUS ? n : NR_CPUS) : 1;
	return 0;
}
__setup("maxcpus", set_maxcpus);

/*
 * The possible CPUs: the MADT's, the boot CPU first, at most NR_CPUS and
 * maxcpus= (Linux's prefill_possible_map).  Boot, after lapic_init and
 * before anything sets up per-CPU state for each possible CPU (hrtimers,
 * run queues).
 */
void prefill_possible_map(void)
{
	u32 boot_id = lapic_id();
	unsigned n = 1;

	cpu_apic_id[0] = boot_id;
	for (unsigned i = 0; i < madt.nr_cpus && n < setup_max_cpus; i++)
		if (madt.apic_id[i] != boot_id)
			cpu_apic_id[n++] = madt.apic_id[i];
	if (madt.nr_cpus > NR_CPUS)
		pr_warn("smp: %u CPUs in the MADT, NR_CPUS is %d\n",
			madt.nr_cpus, NR_CPUS);
	nr_cpu_ids = n;
}

/* The trampoline at TRAMPOLINE_PHYS, and its page tables: the kernel's
 * upper half as it is now (kernel image, direct map), and the first
 * 2 MiB mapped where they are, executable, for the instruction that
 * turns paging on and the few after it. */
static void setup_trampoline(void)
{
	u64 *pgd = phys_to_virt(TRAMPOLINE_PGD);
	u64 *pud = phys_to_virt(TRAMPOLINE_PUD);
	u64 *pmd = phys_to_virt(TRAMPOLINE_PMD);
	struct trampoline_header *hdr;

	memcpy(phys_to_virt(TRAMPOLINE_PHYS), trampoline_start,
	       trampoline_end - trampoline_start);
	memset(pgd, 0, PAGE_SIZE);
	memset(pud, 0, PAGE_SIZE);
	memset(pmd, 0, PAGE_SIZE);
	for (int i = 256; i < 512; i++)
		pgd[i] = init_pml4[i];
	pgd[0] = TRAMPOLINE_PUD | PTE_PRESENT | PTE_WRITE;
	pud[0] = TRAMPOLINE_PMD | PTE_PRESENT | PTE_WRITE;
	pmd[0] = 0 | PTE_PRESENT | PTE_WRITE | PTE_HUGE;

	hdr = phys_to_virt(TRAMPOLINE_PHYS + (trampoline_header - trampoline_start));
	hdr->cr3 = TRAMPOLINE_PGD;
	hdr->efer = rdmsr(MSR_EFER) & ~(1ULL << 10);	/* LMA: the CPU sets it */
	hdr->cr0 = read_cr0();
	hdr->entry = (u64)secondary_startup_64;
	initial_cr3 = virt_to_phys(init_pml4);
	initial_cr4 = read_cr4();
}

/* Start CPU cpu and wait for it.  0, or -errno. */
static int do_boot_cpu(int cpu)
{
	struct task_struct *idle = fork_idle(cpu);
	u8 *ist = (u8 *)__get_free_pages(GFP_KERNEL, 3);	/* 3 x 8 KiB */

	if (IS_ERR(idle) || !ist)
		return -ENOMEM;
	per_cpu(ist_stacks, cpu) = ist;
	per_cpu(current_task, cpu) = idle;
	initial_stack = idle->thread.sp0;
	smpboot_cpu = cpu;
	smp_wmb();
	apic_wakeup_secondary_cpu(cpu_apic_id[cpu], TRAMPOLINE_PHYS);
	u64 deadline = ktime_get_ns() + AP_CALLIN_TIMEOUT_MS * NSEC_PER_MSEC;
	while (!cpu_online(cpu)) {
		if (ktime_get_ns() > deadline)
			return -EIO;
		msleep(1);
	}
	return 0;
}

void smp_init(void)
{
	unsigned int up = 1;

	pr_info("smp: Bringing up secondary CPUs ...\n");
	if (nr_cpu_ids > 1)
		setup_trampoline();
	for (int cpu = 1; cpu < (int)nr_cpu_ids; cpu++) {
		int err = do_boot_cpu(cpu);
		if (err) {
			pr_err("smp: CPU#%d (APIC %u) did not come up (%d)\n", cpu,
			       cpu_apic_id[cpu], err);
			continue;
		}
		up++;
	}
	pr_info("x86: Booted up 1 node, %u CPU%s\n", up, up > 1 ? "s" : "");
}

/*
 * The AP's first C code, on its idle task's stack, interrupts off.  The
 * GS base comes first: everything after it may use per-CPU data.
 */
void __noreturn start_secondary(void)
{
	int cpu = smpboot_cpu;

	load_percpu_segment(__per_cpu_offset[cpu]);
	wrmsr(MSR_KERNEL_GS_BASE, 0);
	idt_load();
	gdt_init();
	syscall_init();
	fpu_init();
	lapic_init_secondary();
	identify_cpu();
	this_cpu_write(cpu_tss_rw.sp0, current->thread.sp0);
	sched_init_secondary();
	setup_secondary_APIC_clock();
	pr_info("smp: CPU#%d (APIC %u) is up, idle task %s\n", cpu,
		cpu_apic_id[cpu], current->comm);
	/* Online last: CPU 0 waits for this bit, and nothing may send
	 * this CPU work before it can take it. */
	__atomic_or_fetch(&cpu_online_mask, 1UL << cpu, __ATOMIC_SEQ_CST);
	local_irq_enable();
	cpu_startup_entry();
}
