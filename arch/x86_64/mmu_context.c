/*
 * mmu_context.c - switching address spaces and flushing the TLB, on
 * every CPU that needs it (Linux's arch/x86/mm/tlb.c in small).
 *
 * Each CPU remembers which mm its CR3 holds (cpu_loaded_mm, Linux's
 * cpu_tlbstate.loaded_mm).  A kernel thread borrows whatever was loaded
 * ("lazy TLB"), so an mm can stay loaded on a CPU long after its last
 * task left it.  Only a CPU with mm loaded can hold translations of it
 * (a CR3 write drops all the others: nothing here is global), so that
 * is where a flush must go: the caller changes the PTEs, then
 *   - this CPU flushes itself if it has mm loaded;
 *   - every other CPU with mm loaded gets an IPI that does the same
 *     (smp_call_function_many), and the caller waits for all of them
 *     before it frees or reuses the page (the shootdown).
 * A CPU that loads mm after the caller looked at cpu_loaded_mm reloads
 * CR3 as it does, which flushes too; the full barrier between the PTE
 * change and the look, and the order "record, then write CR3" in
 * switch_mm, make sure no CPU falls between the two.
 *
 * The callers: munmap and madvise (zap_page_range, one shootdown for a
 * batch of pages, which are freed only after it), mprotect
 * (change_protection), copy-on-write when it copies (do_wp_page), fork's
 * write-protection of the parent (copy_page_range), and mmput, which
 * must make every CPU let go of page tables it is about to free.  A PTE
 * that only gains rights (a COW page made writable in place, a spurious
 * fault) needs no shootdown: a CPU with the old entry faults, finds the
 * PTE allows the access, and flushes its own entry.  Each shootdown is
 * a round trip to every other CPU with mm loaded (under TCG on a busy
 * host, a wait for that vCPU's thread to be scheduled), so they are
 * kept to the changes that take rights away.
 *
 * Context: any but an interrupt handler (the shootdown waits); with
 * preemption off inside, so "this CPU" holds still.
 */
#include "kernel/kernel.h"
#include "kernel/percpu.h"
#include "arch/x86_64/mmu_context.h"
#include "arch/x86_64/paging.h"
#include "arch/x86_64/page.h"
#include "arch/x86_64/cpu.h"
#include "arch/x86_64/smp.h"

DEFINE_PER_CPU(struct mm_struct *, cpu_loaded_mm);

void switch_mm(struct mm_struct *mm)
{
	u64 *pgd = mm ? mm->pgd : init_pml4;

	this_cpu_write(cpu_loaded_mm, mm);
	smp_mb();
	write_cr3(virt_to_phys(pgd));
}

/* The other online CPUs that have mm loaded now. */
static cpumask_t mm_cpumask_others(struct mm_struct *mm)
{
	cpumask_t mask = 0;
	int cpu;

	smp_mb();	/* the PTE change before the look */
	for_each_online_cpu(cpu)
		if (cpu != smp_processor_id() &&
		    READ_ONCE(per_cpu(cpu_loaded_mm, cpu)) == mm)
			mask |= 1UL << cpu;
	return mask;
}

struct flush_tlb_info {
	struct mm_struct *mm;
	unsigned long addr;	/* one page, or TLB_FLUSH_ALL */
};
#define TLB_FLUSH_ALL	(~0UL)

/* On each CPU: still loaded (it may have switched since)? Flush. */
static void flush_tlb_func(void *data)
{
	struct flush_tlb_info *info = data;

	if (this_cpu_read(cpu_loaded_mm) != info->mm)
		return;
	if (info->addr == TLB_FLUSH_ALL)
		write_cr3(read_cr3());
	else
		invlpg(info->addr);
}

static void flush_tlb_mm_range(struct mm_struct *mm, unsigned long addr)
{
	struct flush_tlb_info info = { mm, addr };

	preempt_disable();
	flush_tlb_func(&info);
	cpumask_t others = mm_cpumask_others(mm);
	if (others)
		smp_call_function_many(others, flush_tlb_func, &info);
	preempt_enable();
}

void flush_tlb_page(struct mm_struct *mm, unsigned long addr)
{
	flush_tlb_mm_range(mm, addr);
}

void flush_tlb_mm(struct mm_struct *mm)
{
	flush_tlb_mm_range(mm, TLB_FLUSH_ALL);
}

void flush_tlb_fix_spurious_fault(unsigned long addr)
{
	invlpg(addr);
}

/* On each CPU: a lazily loaded mm about to be freed goes. */
static void leave_mm_func(void *data)
{
	if (this_cpu_read(cpu_loaded_mm) == data)
		switch_mm(NULL);
}

void leave_mm_everywhere(struct mm_struct *mm)
{
	preempt_disable();
	leave_mm_func(mm);
	cpumask_t others = mm_cpumask_others(mm);
	if (others)
		smp_call_function_many(others, leave_mm_func, mm);
	preempt_enable();
}
