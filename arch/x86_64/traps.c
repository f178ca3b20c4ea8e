/*
 * traps.c - CPU exceptions (vectors 0-31).
 *
 * Context: called from do_interrupt() with interrupts off.  A fault in the
 * kernel is a bug: we print an "oops" in Linux's format (what happened,
 * the registers, the call trace with symbol names) and panic.  Faults from
 * user mode will become signals once there are processes.
 */
#include "kernel/kernel.h"
#include "kernel/stacktrace.h"
#include "arch/x86_64/traps.h"
#include "arch/x86_64/cpu.h"

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

/* Page fault error code bits (Intel SDM vol. 3, 4.7). */
#define PF_PROT		(1 << 0)	/* 0: page not present */
#define PF_WRITE	(1 << 1)
#define PF_USER		(1 << 2)
#define PF_RSVD		(1 << 3)
#define PF_INSTR	(1 << 4)

static void report_page_fault(struct pt_regs *regs)
{
	unsigned long addr = read_cr2();
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

void do_trap(struct pt_regs *regs)
{
	unsigned vector = regs->vector;
	const char *name = exception_names[vector];

	if (!name)
		name = "reserved exception";
	if (vector == 14)
		report_page_fault(regs);
	else if (vector == 13)
		printk(KERN_EMERG "general protection fault, error code 0x%lx\n",
		       regs->error_code);
	die(name, regs);
}
