/*
 * setup_percpu.c - every CPU's copy of the per-CPU section, and the GS
 * base that finds it (kernel/percpu.h says how the two fit).  Linux's
 * arch/x86/kernel/setup_percpu.c, without NUMA and without the
 * zero-based section: offsets here are copy minus template.
 *
 * Context: boot, on CPU 0, interrupts off, before any other CPU runs.
 */
#include "kernel/kernel.h"
#include "kernel/percpu.h"
#include "kernel/mm.h"
#include "arch/x86_64/cpu.h"
#include "arch/x86_64/segment.h"
#include "arch/x86_64/page.h"

extern char __per_cpu_start[], __per_cpu_end[];

unsigned long __per_cpu_offset[NR_CPUS];
DEFINE_PER_CPU(unsigned long, this_cpu_off);
DEFINE_PER_CPU(int, cpu_number);
/* Only CPU 0 until the MADT has been read (arch/x86_64/smpboot.c). */
unsigned int nr_cpu_ids = 1;
volatile cpumask_t cpu_online_mask = 1;

/* Point this CPU's GS at the copy at offset off.  In the kernel GS is
 * ours; the user's base waits in MSR_KERNEL_GS_BASE (SWAPGS). */
void load_percpu_segment(unsigned long off)
{
	wrmsr(MSR_GS_BASE, off);
}

/*
 * A copy of the template for each CPU that may exist, taken now: what
 * CPU 0 has done to its variables so far (current, the preemption
 * count, its GDT) is in every copy, and the other CPUs' own values are
 * set when they come up.  Then CPU 0 moves onto its copy; nothing reads
 * the template after this.
 */
void setup_per_cpu_areas(void)
{
	size_t size = __per_cpu_end - __per_cpu_start;
	unsigned order = 0;

	while ((PAGE_SIZE << order) < size)
		order++;
	for (int cpu = 0; cpu < NR_CPUS; cpu++) {
		char *area = (char *)__get_free_pages(GFP_KERNEL, order);
		if (!area)
			panic("percpu: no memory for CPU %d's area", cpu);
		memcpy(area, __per_cpu_start, size);
		__per_cpu_offset[cpu] = (unsigned long)area -
					(unsigned long)__per_cpu_start;
		per_cpu(this_cpu_off, cpu) = __per_cpu_offset[cpu];
		per_cpu(cpu_number, cpu) = cpu;
	}
	/* Interrupts are off: nothing runs between these two lines. */
	load_percpu_segment(__per_cpu_offset[0]);
	pr_info("percpu: %zu bytes per CPU, %d areas\n", size, NR_CPUS);
}
