/*
 * syscall.c - the SYSCALL instruction's way into the kernel.
 *
 * syscall_init() programs the MSRs the instruction reads: where to jump
 * (LSTAR), which segments to load (STAR) and which flags to clear
 * (SYSCALL_MASK: interrupts among them, so entry_SYSCALL_64 in entry.S
 * runs with interrupts off until it is on the kernel stack).
 *
 * do_syscall_64() runs on the calling task's kernel stack in process
 * context; it turns interrupts back on, so a system call can sleep and be
 * preempted like any other kernel code of that task.
 */
#include "kernel/kernel.h"
#include "kernel/errno.h"
#include "kernel/params.h"
#include "arch/x86_64/syscall.h"
#include "arch/x86_64/segment.h"
#include "arch/x86_64/boot_defs.h"
#include "arch/x86_64/cpu.h"
#include "kernel/entry_common.h"
#include "kernel/sched.h"

#define MSR_STAR		0xc0000081
#define MSR_LSTAR		0xc0000082
#define MSR_SYSCALL_MASK	0xc0000084

/* Flags SYSCALL clears: TF, DF, IF, IOPL, NT, AC (as Linux). */
#define SYSCALL_CLEARED_FLAGS	0x47700

extern char entry_SYSCALL_64[];

bool strace_enabled;

static int set_strace(const char *val)
{
	strace_enabled = !val || *val != '0';
	return 0;
}
__setup("strace", set_strace);

void syscall_init(void)
{
	/* SYSCALL loads CS from STAR[47:32] and SS from that + 8; SYSRET to
	 * 64-bit code loads CS from STAR[63:48] + 16 and SS from + 8. */
	wrmsr(MSR_STAR, ((u64)__USER32_CS << 48) | ((u64)__KERNEL_CS << 32));
	wrmsr(MSR_LSTAR, (u64)entry_SYSCALL_64);
	wrmsr(MSR_SYSCALL_MASK, SYSCALL_CLEARED_FLAGS);
	wrmsr(MSR_EFER, rdmsr(MSR_EFER) | EFER_SCE);
}

static const char *syscall_name(unsigned long nr)
{
	if (nr < nr_syscall_names && syscall_names[nr])
		return syscall_names[nr];
	return "?";
}

/* An unimplemented call: -ENOSYS, and a message the first time only. */
static long sys_ni_syscall(unsigned long nr)
{
	static u64 reported[NR_syscalls / 64];

	if (nr < NR_syscalls && !(reported[nr / 64] & (1ULL << (nr % 64)))) {
		reported[nr / 64] |= 1ULL << (nr % 64);
		pr_warn("syscall %lu (%s) is not implemented: -ENOSYS\n", nr,
			syscall_name(nr));
	} else if (nr >= NR_syscalls) {
		static bool told;	/* out of range: no bit to remember it by */
		if (!told)
			pr_warn("syscall %lu is out of range: -ENOSYS (said once)\n", nr);
		told = true;
	}
	return -ENOSYS;
}

/* "[pid 3] write(0x1, 0x4010a0, 0xd) = 13" */
static void strace_print(const struct pt_regs *regs, unsigned long nr,
			 unsigned nargs)
{
	const unsigned long args[6] = { regs->di, regs->si, regs->dx,
					regs->r10, regs->r8, regs->r9 };
	char buf[200];
	int n = snprintf(buf, sizeof(buf), "[pid %d] %s(", current->pid,
			 syscall_name(nr));

	for (unsigned i = 0; i < nargs && n < (int)sizeof(buf); i++)
		n += snprintf(buf + n, sizeof(buf) - n, "%s%#lx", i ? ", " : "",
			      args[i]);
	printk(KERN_INFO "%s) = %ld\n", buf, (long)regs->ax);
}

/* SYSRET is quicker than IRET but restores only rip (from rcx) and rflags
 * (from r11), and faults in kernel mode on a non-canonical rip.  Use it
 * only when the frame is what SYSCALL left (a signal may have changed
 * it) and rip is a canonical user address. */
static bool can_sysret(const struct pt_regs *regs)
{
	return regs->cx == regs->ip && regs->r11 == regs->flags &&
	       regs->ip < 0x00007ffffffff000UL &&
	       regs->cs == __USER_CS && regs->ss == __USER_DS;
}

bool do_syscall_64(struct pt_regs *regs)
{
	unsigned long nr = regs->orig_ax;
	const struct syscall_desc *d = nr < NR_syscalls ? &sys_call_table[nr] : NULL;

	local_irq_enable();
	if (d && d->fn)
		regs->ax = d->fn(regs->di, regs->si, regs->dx, regs->r10,
				 regs->r8, regs->r9);
	else
		regs->ax = sys_ni_syscall(nr);
	if (strace_enabled)
		strace_print(regs, nr, d && d->fn ? d->nargs : 6);
	local_irq_disable();
	exit_to_user_mode(regs);
	return can_sysret(regs);
}
