/*
 * oom_kill.c - when memory runs out, one process dies so the rest can
 * go on (Linux's mm/oom_kill.c, in miniature).
 *
 * A page fault that finds no free page cannot be told "no": the program
 * just touched memory it was given.  So the kernel picks the process
 * whose death frees the most (oom_badness: its resident pages and page
 * tables), kills it with SIGKILL and says so in Linux's words:
 *
 *   Out of memory: Killed process 42 (memhog) total-vm:524300kB,
 *   anon-rss:498212kB, file-rss:0kB, shmem-rss:0kB, UID:0 pgtables:1004kB
 *   oom_score_adj:0
 *
 * init and kernel threads are never chosen.  While a victim is still on
 * its way out (SIGKILL pending, its memory not yet given back) nobody
 * else is killed: the faulting task only yields, and retries its access
 * once it runs again.
 *
 * Context: the page-fault handler (interrupts off) or process context;
 * nothing here sleeps.
 *
 * LOCKING: tasklist_lock (irqsave) keeps the task list, each task's
 * signal and the victim itself in place while we choose and kill; each
 * candidate's mm is read under task_lock(p), which exit_mm() takes to
 * let go of it (so the mm cannot be freed under us), and its counts and
 * areas under its mmap_lock if it can be had without sleeping (another
 * thread may be mapping on another CPU; a trylock, as mmap_lock sleeps).
 * Interrupts off on this CPU would keep none of the other CPUs out.
 * Order: tasklist_lock, task_lock, mmap_lock (tried).
 */
#include "kernel/kernel.h"
#include "kernel/mm.h"
#include "kernel/sched.h"
#include "kernel/signal.h"
#include "kernel/cred.h"
#include "kernel/oom.h"
#include "arch/x86_64/pgtable.h"
#include "arch/x86_64/cpu.h"

static unsigned long total_vm_pages(struct mm_struct *mm)
{
	struct vm_area_struct *vma;
	unsigned long pages = 0;

	list_for_each_entry(vma, &mm->mmap, vm_list)
		pages += (vma->vm_end - vma->vm_start) >> PAGE_SHIFT;
	return pages;
}

/* What a task's mm amounts to, read under the locks above. */
struct oom_mm_info {
	unsigned long total_vm, rss, pgtables;	/* pages */
};

/* false if p has no mm (a kernel thread, or one that just let go). */
static bool oom_read_mm(struct task_struct *p, struct oom_mm_info *info)
{
	task_lock(p);
	struct mm_struct *mm = p->mm;
	if (mm) {
		/* The rss is a counter and page tables are only freed with
		 * the mm, which task_lock keeps: both read without mmap_lock,
		 * as Linux's oom_badness does.  The areas need it, and it
		 * sleeps: tried only (the victim is often the process in the
		 * middle of a huge mmap, holding it); if it is busy, the
		 * report's total_vm is the resident pages, a lower bound. */
		info->rss = get_mm_rss(mm);
		info->pgtables = pgtable_pages(mm->pgd);
		info->total_vm = info->rss;
		if (mmap_read_trylock(mm)) {
			info->total_vm = total_vm_pages(mm);
			mmap_read_unlock(mm);
		}
	}
	task_unlock(p);
	return mm != NULL;
}

/* What killing p would give back, in pages (Linux's oom_badness, which
 * adds swap; there is none). */
static unsigned long oom_badness(const struct oom_mm_info *info)
{
	return info->rss + info->pgtables;
}

static bool oom_unkillable(struct task_struct *p)
{
	return p->pid == 1 || !READ_ONCE(p->mm) || !p->signal || p->exit_state;
}

/* Linux's dump_tasks: every candidate, memory in pages.  tasklist_lock
 * held. */
static void dump_tasks(void)
{
	struct task_struct *p;
	struct oom_mm_info info;

	pr_info("Tasks state (memory values in pages):\n");
	pr_info("[  pid  ]   uid  tgid total_vm      rss pgtables_bytes swapents oom_score_adj name\n");
	list_for_each_entry(p, &init_task.tasks, tasks) {
		if (oom_unkillable(p) || !oom_read_mm(p, &info))
			continue;
		pr_info("[%7d] %5u %5d %8lu %8lu %14lu %8u %13d %s\n", p->pid,
			p->cred ? p->cred->uid : 0, p->pid, info.total_vm,
			info.rss, info.pgtables * PAGE_SIZE, 0, 0, p->comm);
	}
}

bool out_of_memory(void)
{
	struct task_struct *p, *victim = NULL;
	struct oom_mm_info info, vinfo;
	unsigned long best = 0, flags;

	spin_lock_irqsave(&tasklist_lock, flags);
	list_for_each_entry(p, &init_task.tasks, tasks) {
		if (oom_unkillable(p))
			continue;
		if (fatal_signal_pending(p)) {
			/* A victim (ours or anyone's) is already dying. */
			spin_unlock_irqrestore(&tasklist_lock, flags);
			return true;
		}
		if (!oom_read_mm(p, &info))
			continue;
		unsigned long points = oom_badness(&info);
		if (points > best) {
			best = points;
			victim = p;
			vinfo = info;
		}
	}
	if (!victim) {
		spin_unlock_irqrestore(&tasklist_lock, flags);
		pr_err("Out of memory and no killable processes...\n");
		return false;
	}
	pr_warn("%s invoked oom-killer: gfp_mask=0x0, order=0, oom_score_adj=0\n",
		current->comm);
	pr_info("Mem-Info: free:%lu slab:%lu total:%lu\n", nr_free_pages(),
		slab_pages(), totalram_pages());
	dump_tasks();
	pr_err("Out of memory: Killed process %d (%s) total-vm:%lukB, "
	       "anon-rss:%lukB, file-rss:0kB, shmem-rss:0kB, UID:%u "
	       "pgtables:%lukB oom_score_adj:0\n", victim->pid, victim->comm,
	       vinfo.total_vm << (PAGE_SHIFT - 10),
	       vinfo.rss << (PAGE_SHIFT - 10),
	       victim->cred ? victim->cred->uid : 0,
	       vinfo.pgtables << (PAGE_SHIFT - 10));
	send_sig(SIGKILL, victim);
	spin_unlock_irqrestore(&tasklist_lock, flags);
	return true;
}

void pagefault_out_of_memory(void)
{
	out_of_memory();
	/* The victim needs the CPU to exit; we retry the access after. */
	if (!fatal_signal_pending(current))
		WRITE_ONCE(current->need_resched, true);
}
