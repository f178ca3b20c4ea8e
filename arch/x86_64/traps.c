/*
 * traps.c - CPU exceptions (vectors 0-31).
 *
 * Context: called from do_interrupt() with interrupts off (a page fault
 * turns them back on if the faulting code had them, fault.c).  A fault
 * in the kernel is a bug: we print an "oops" in Linux's format (what happened,
 * the registers, the call trace with symbol names) and panic.  Page faults
 * go to do_page_fault() (fault.c), which handles user address spaces and
 * the exception table.  Other faults from user mode will become signals
 * once there are processes.
 */
#include "kernel/kernel.h"
#include "arch/x86_64/smp.h"
#include "kernel/stacktrace.h"
#include "kernel/sched.h"
#include "kernel/signal.h"
#include "arch/x86_64/traps.h"
#include "arch/x86_64/cpu.h"
#include "arch/x86_64/extable.h"

static const char *const exception_names[32] = {
	[0] = "divide error",		[1] = "debug",
	[2] = "NMI",			[3] = "int3",
	[4] = "overflow",		[5] = "bounds",
	[6] = "invalid opcode",		[7] = "device not available",
	[8] = "double fault",		[9] = "coprocessor segment overrun",
	[10] = "invalid TSS",		[11] = "segment not present",
	[12] = "stack segment",		[13] = "general protection fault",
	[14] = "page fault",		[16] = "x87 floating point",
	[17] = "alignment check",	[18] = "machine check",
	[19] = "SIMD floating point",	[20] = "virtualization",
	[21] = "control protection",	[29] = "VMM communication",
	[30] = "security",
};

static int oops_count;

void show_regs(const struct pt_regs *regs)
{
	printk(KERN_EMERG "RIP: %04lx:%pS\n", regs->cs, (void *)regs->ip);
	printk(KERN_EMERG "RSP: %04lx:%016lx EFLAGS: %08lx\n", regs->ss,
	       regs->sp, regs->flags);
	printk(KERN_EMERG "RAX: %016lx RBX: %016lx RCX: %016lx\n",
	       regs->ax, regs->bx, regs->cx);
	printk(KERN_EMERG "RDX: %016lx RSI: %016lx RDI: %016lx\n",
	       regs->dx, regs->si, regs->di);
	printk(KERN_EMERG "RBP: %016lx R08: %016lx R09: %016lx\n",
	       regs->bp, regs->r8, regs->r9);
	printk(KERN_EMERG "R10: %016lx R11: %016lx R12: %016lx\n",
	       regs->r10, regs->r11, regs->r12);
	printk(KERN_EMERG "R13: %016lx R14: %016lx R15: %016lx\n",
	       regs->r13, regs->r14, regs->r15);
	printk(KERN_EMERG "CR0: %016lx CR2: %016lx CR3: %016lx CR4: %016lx\n",
	       read_cr0(), read_cr2(), read_cr3(), read_cr4());
}

void die(const char *what, struct pt_regs *regs)
{
	printk_enter_panic();
	if (++oops_count > 1) {
		/* A fault while reporting a fault: say so, report no more. */
		panic("recursive fault: %s", what);
	}
	printk(KERN_EMERG "Oops: %s: %04lx [#%d]\n", what, regs->error_code,
	       oops_count);
	show_regs(regs);
	printk(KERN_EMERG "Call Trace:\n");
	show_regs_stack(regs);
	panic_after_oops("Fatal exception");
}

/* The signal a user-mode exception becomes (Linux's choices). */
static int trap_signal(unsigned vector, int *code)
{
	*code = SI_KERNEL;
	switch (vector) {
	case 0: *code = 1; return SIGFPE;		/* FPE_INTDIV */
	case 1: case 3: *code = 1; return SIGTRAP;	/* TRAP_BRKPT */
	case 6: *code = 2; return SIGILL;		/* ILL_ILLOPN */
	case 7: case 16: case 19: return SIGFPE;
	case 11: case 12: case 17: return SIGBUS;
	default: return SIGSEGV;		/* 4, 5, 10, 13 ... */
	}
}

/* An exception in user mode is the program's business: a signal, and a
 * one-line report if nothing will catch it. */
static void do_user_trap(struct pt_regs *regs, const char *name)
{
	struct task_struct *t = current;
	int code, sig = trap_signal(regs->vector, &code);

	if (t->sighand && t->sighand->action[sig - 1].sa_handler == SIG_DFL &&
	    sig != SIGTRAP)
		pr_info("traps: %s[%d] %s ip:%lx sp:%lx error:%lx\n", t->comm,
			t->pid, name, regs->ip, regs->sp, regs->error_code);
	force_sig_fault(sig, code, regs->ip);
}

void do_trap(struct pt_regs *regs)
{
	unsigned vector = regs->vector;
	const char *name = exception_names[vector];

	if (vector == 14) {
		do_page_fault(regs);
		return;
	}
	/* Another CPU panicked and stops us (smp_send_stop). */
	if (vector == 2 && smp_stop_requested())
		stop_this_cpu();
	/* A user-access primitive given a non-canonical address faults with
	 * #GP rather than #PF; it is the same bad pointer (uaccess.h). */
	if (vector == 13 && !user_mode(regs) && fixup_exception(regs))
		return;
	if (!name)
		name = "reserved exception";
	if (user_mode(regs) && vector != 2 && vector != 8 && vector != 18) {
		do_user_trap(regs, name);
		return;
	}
	if (vector == 13)
		printk(KERN_EMERG "general protection fault, error code 0x%lx\n",
		       regs->error_code);
	die(name, regs);
}
