/*
 * fault.c - the page-fault handler (Linux's arch/x86/mm/fault.c).
 *
 * A page fault is one of three things:
 *
 *  1. user mode touched its own address space: handle_mm_fault() pages
 *     in, breaks COW, grows the stack - or says the access is not
 *     allowed, and the process gets SIGSEGV (force_sig_segv);
 *  2. the kernel, inside a user-access primitive, touched a user
 *     address: the same handle_mm_fault() first (so copy_to_user into a
 *     fresh heap works), and if that fails the exception table turns
 *     the fault into -EFAULT (extable.c);
 *  3. anything else in kernel mode is a kernel bug: oops.
 *
 * Only faults at instructions listed in the exception table get case 2:
 * a stray kernel dereference of a user address (a NULL pointer, say)
 * must oops, not be quietly "fixed" by demand paging.
 *
 * A kernel access made with page faults disabled (pagefault_disable:
 * the futex code reading a word under its bucket lock) is not paged in:
 * it fails with -EFAULT at once, and the caller retries with the lock
 * dropped.
 *
 * Context: exception.  The interrupt gate cleared IF; once CR2 is read,
 * interrupts come back on if the faulting code had them on (Linux's
 * exc_page_fault does the same), and go off again before the return.
 * LOCKING: the mm's mmap_lock for reading around handle_mm_fault (which
 * takes page_table_lock inside), since another thread of the process
 * may be in the middle of an mmap (mm_types.h).  mmap_lock sleeps, so
 * the fault may sleep for it: fine from user mode and from a user copy
 * in process context, which is why no copy may run under a spinlock.
 * A kernel access from a context that cannot sleep (a spinlock held,
 * interrupts off) is not paged in: it fails with -EFAULT, as in Linux
 * (faulthandler_disabled).  Waiting for a lock with interrupts off was
 * a deadlock when mmap_lock was a spinlock: its holder on another CPU
 * may be in a TLB shootdown (munmap, mprotect, a copy-on-write fault of
 * another thread) waiting for this CPU to answer its IPI.  A sleeping
 * waiter answers; page_table_lock is taken with interrupts on.
 */
#include "kernel/kernel.h"
#include "kernel/mm.h"
#include "kernel/sched.h"
#include "kernel/signal.h"
#include "kernel/oom.h"
#include "arch/x86_64/traps.h"
#include "arch/x86_64/cpu.h"
#include "arch/x86_64/extable.h"
#include "arch/x86_64/mmu_context.h"
#include "arch/x86_64/cpu_common.h"

/* Page fault error code bits (Intel SDM vol. 3, 4.7). */
#define PF_PROT		(1 << 0)	/* 0: page not present */
#define PF_WRITE	(1 << 1)
#define PF_USER		(1 << 2)
#define PF_RSVD		(1 << 3)
#define PF_INSTR	(1 << 4)

/*
 * A user access the address space does not allow: the process gets
 * SIGSEGV, with si_code telling "nothing mapped there" (SEGV_MAPERR) from
 * "mapped, but not for that" (SEGV_ACCERR).  If nothing handles it, the
 * process dies, and the kernel says so in one line, as Linux does.
 */
void force_sig_segv(unsigned long addr, struct pt_regs *regs)
{
	struct task_struct *t = current;
	bool mapped = false;

	if (t->mm) {
		mmap_read_lock(t->mm);
		struct vm_area_struct *vma = find_vma(t->mm, addr);
		mapped = vma && vma->vm_start <= addr;
		mmap_read_unlock(t->mm);
	}
	if (t->sighand && t->sighand->action[SIGSEGV - 1].sa_handler == SIG_DFL)
		pr_info("%s[%d]: segfault at %lx ip %016lx sp %016lx error %lx\n",
			t->comm, t->pid, addr, regs->ip, regs->sp,
			regs->error_code);
	force_sig_fault(SIGSEGV, mapped ? SEGV_ACCERR : SEGV_MAPERR, addr);
}

static void report_page_fault(struct pt_regs *regs, unsigned long addr)
{
	unsigned long err = regs->error_code;

	printk(KERN_EMERG "BUG: unable to handle page fault for address: %016lx\n",
	       addr);
	printk(KERN_EMERG "#PF: %s %s access in %s mode\n",
	       err & PF_USER ? "user" : "supervisor",
	       err & PF_INSTR ? "instruction fetch" :
	       err & PF_WRITE ? "write" : "read",
	       user_mode(regs) ? "user" : "kernel");
	printk(KERN_EMERG "#PF: error_code(0x%04lx) - %s\n", err,
	       err & PF_RSVD ? "reserved bit violation" :
	       err & PF_PROT ? "permissions violation" : "not-present page");
}

static unsigned int fault_flags(unsigned long err)
{
	return (err & PF_WRITE ? FAULT_FLAG_WRITE : 0) |
	       (err & PF_USER ? FAULT_FLAG_USER : 0) |
	       (err & PF_INSTR ? FAULT_FLAG_INSTRUCTION : 0);
}

/* Cases 1 and 2: let the mm fix it.  A reserved-bit fault means corrupt
 * page tables, which no amount of paging in fixes.  No memory for the
 * page: the OOM killer makes some (kernel/oom_kill.c). */
static vm_fault_t handle_user_address(unsigned long addr, unsigned long err)
{
	/* The loaded mm: current->mm for a user task (switch_to keeps them
	 * equal); the self-tests load one without a task of their own. */
	struct mm_struct *mm = current_mm;

	if (!mm || (err & PF_RSVD) || addr >= TASK_SIZE)
		return VM_FAULT_SIGSEGV;
	mmap_read_lock(mm);
	vm_fault_t fault = handle_mm_fault(mm, addr, fault_flags(err));
	mmap_read_unlock(mm);
	if (fault & VM_FAULT_OOM)
		pagefault_out_of_memory();
	return fault;
}

static void __do_page_fault(struct pt_regs *regs, unsigned long addr)
{
	unsigned long err = regs->error_code;

	if (user_mode(regs)) {
		vm_fault_t fault = handle_user_address(addr, err);
		/* Out of memory, the access is retried on return (unless
		 * this very task was the one killed). */
		if (fault && !(fault & VM_FAULT_OOM))
			force_sig_segv(addr, regs);
		return;
	}
	if (addr < TASK_SIZE && search_exception_tables(regs->ip)) {
		/* The primitives run with AC set; a user access with AC
		 * clear under SMAP is a kernel bug, not a user error.  An
		 * atomic caller (a spinlock held, interrupts off) cannot
		 * sleep for mmap_lock: no paging in, -EFAULT. */
		if (!(smap_enabled && !(regs->flags & X86_EFLAGS_AC)) &&
		    !current->pagefault_disabled &&
		    !preempt_count() && !irqs_disabled() &&
		    !handle_user_address(addr, err))
			return;
		if (fixup_exception(regs))
			return;
	}
	report_page_fault(regs, addr);
	if (addr < TASK_SIZE && smap_enabled && (err & PF_PROT) &&
	    !(regs->flags & X86_EFLAGS_AC))
		printk(KERN_EMERG "#PF: kernel access of a user page outside "
		       "the uaccess functions (SMAP)\n");
	die("page fault", regs);
}

void do_page_fault(struct pt_regs *regs)
{
	/* CR2 first: with interrupts on, a fault in a handler would
	 * overwrite it. */
	unsigned long addr = read_cr2();

	if (regs->flags & X86_EFLAGS_IF)
		local_irq_enable();
	__do_page_fault(regs, addr);
	local_irq_disable();
}
