/*
 * process.c - the C half of the context switch and the layout of a new
 * task's stack.
 *
 * A kernel stack is THREAD_SIZE bytes.  Its top is reserved for a struct
 * pt_regs, where a user process's registers will land when it enters the
 * kernel (the CPU switches to its TSS's sp0, which is that top); kernel
 * threads leave it unused.  Below it the task's frames grow down.
 */
#include "kernel/kernel.h"
#include "kernel/sched.h"
#include "arch/x86_64/switch_to.h"
#include "arch/x86_64/segment.h"
#include "arch/x86_64/ptrace.h"
#include "arch/x86_64/cpu.h"
#include "arch/x86_64/mmu_context.h"
#include "arch/x86_64/uaccess.h"
#include "kernel/errno.h"

/* The FS and GS bases: user space's TLS pointers.  The kernel never
 * uses FS, so MSR_FS_BASE holds the user's value even in the kernel;
 * GS is the kernel's per-CPU segment there, and the user's GS base waits
 * in MSR_KERNEL_GS_BASE until SWAPGS on the way out (entry.S). */

_Static_assert(offsetof(struct task_struct, thread.sp) == TASK_threadsp,
	       "switch_to.S: TASK_threadsp is wrong");
_Static_assert(sizeof(struct pt_regs) % 16 == 0,
	       "ret_from_fork needs a 16-byte aligned rsp");

extern char ret_from_fork[];

void copy_thread(struct task_struct *p, int (*fn)(void *), void *arg)
{
	unsigned long top = (unsigned long)p->stack + THREAD_SIZE;
	struct pt_regs *regs = (struct pt_regs *)top - 1;
	struct inactive_task_frame *frame =
		(struct inactive_task_frame *)regs - 1;

	memset(frame, 0, sizeof(*frame) + sizeof(*regs));
	frame->bx = (unsigned long)fn;
	frame->r12 = (unsigned long)arg;
	frame->bp = 0;			/* ends the backtrace frame chain */
	frame->ret_addr = (unsigned long)ret_from_fork;
	p->thread.sp = (unsigned long)frame;
	p->thread.sp0 = top;
}

struct pt_regs *task_pt_regs(struct task_struct *p)
{
	return (struct pt_regs *)((unsigned long)p->stack + THREAD_SIZE) - 1;
}

/* fork/clone: the child resumes in user mode where the parent made the
 * call, seeing 0 as its result.  rbx = 0 tells ret_from_fork there is no
 * kernel function to run first. */
void copy_thread_user(struct task_struct *p, const struct pt_regs *parent,
		      unsigned long sp)
{
	copy_thread(p, NULL, NULL);
	struct pt_regs *regs = task_pt_regs(p);
	*regs = *parent;
	regs->ax = 0;
	if (sp)
		regs->sp = sp;
	p->thread.fsbase = current->thread.fsbase;
	p->thread.gsbase = current->thread.gsbase;
	p->thread.fpu = current->thread.fpu;
	/* current's live FPU state is newer than its saved copy. */
	__asm__ __volatile__("fxsave %0" : "=m"(p->thread.fpu));
}

#define X86_EFLAGS_FIXED	0x2	/* bit 1 always reads as 1 */

void start_thread(struct pt_regs *regs, unsigned long ip, unsigned long sp)
{
	memset(regs, 0, sizeof(*regs));
	regs->ip = ip;
	regs->sp = sp;
	regs->cs = __USER_CS;
	regs->ss = __USER_DS;
	regs->flags = X86_EFLAGS_IF | X86_EFLAGS_FIXED;
	regs->orig_ax = -1;
	current->thread.fsbase = 0;
	current->thread.gsbase = 0;
	wrmsr(MSR_FS_BASE, 0);
	wrmsr(MSR_KERNEL_GS_BASE, 0);
	fpu_reset(&current->thread);
}

/*
 * The FPU/SSE registers belong to whichever user task ran last.  The
 * kernel never uses them, so they need saving only when a user task
 * leaves the CPU and loading when one arrives (Linux calls this "eager"
 * FPU switching).  FXSAVE needs CR4.OSFXSR; clearing CR0.EM and setting
 * CR0.MP lets SSE instructions run without trapping.
 */
#define CR0_MP		(1UL << 1)
#define CR0_EM		(1UL << 2)
#define CR0_TS		(1UL << 3)
#define CR4_OSFXSR	(1UL << 9)
#define CR4_OSXMMEXCPT	(1UL << 10)

void fpu_init(void)
{
	write_cr0((read_cr0() & ~(CR0_EM | CR0_TS)) | CR0_MP);
	write_cr4(read_cr4() | CR4_OSFXSR | CR4_OSXMMEXCPT);
}

/* The state after FNINIT, as a new program expects it: x87 control word
 * 0x37f (all exceptions masked, 64-bit precision), MXCSR 0x1f80. */
void fpu_reset(struct thread_struct *t)
{
	memset(&t->fpu, 0, sizeof(t->fpu));
	t->fpu.cwd = 0x37f;
	t->fpu.mxcsr = 0x1f80;
	__asm__ __volatile__("fxrstor %0" : : "m"(t->fpu));
}

/* Called (jumped to) by __switch_to_asm on next's stack.  An interrupt
 * from user mode must land on next's stack, so the TSS follows; a user
 * task also brings its FPU registers, TLS base and address space. */
__used struct task_struct *__switch_to(struct task_struct *prev,
				       struct task_struct *next)
{
	this_cpu_write(cpu_tss_rw.sp0, next->thread.sp0);
	if (prev->mm)
		__asm__ __volatile__("fxsave %0" : "=m"(prev->thread.fpu));
	if (next->mm) {
		__asm__ __volatile__("fxrstor %0" : : "m"(next->thread.fpu));
		wrmsr(MSR_FS_BASE, next->thread.fsbase);
		wrmsr(MSR_KERNEL_GS_BASE, next->thread.gsbase);
		if (next->mm != current_mm)
			switch_mm(next->mm);
	}
	return prev;
}

/* arch_prctl codes */
#define ARCH_SET_GS	0x1001
#define ARCH_SET_FS	0x1002
#define ARCH_GET_FS	0x1003
#define ARCH_GET_GS	0x1004

static bool canonical_user(unsigned long addr)
{
	return addr < 0x00007ffffffff000UL;
}

/* The TLS bases: musl sets FS to its thread descriptor at start-up. */
long sys_arch_prctl(int code, unsigned long addr)
{
	struct thread_struct *t = &current->thread;

	switch (code) {
	case ARCH_SET_FS:
		if (!canonical_user(addr))
			return -EPERM;
		t->fsbase = addr;
		wrmsr(MSR_FS_BASE, addr);
		return 0;
	case ARCH_SET_GS:
		if (!canonical_user(addr))
			return -EPERM;
		t->gsbase = addr;
		wrmsr(MSR_KERNEL_GS_BASE, addr);
		return 0;
	case ARCH_GET_FS:
		return put_user(t->fsbase, (unsigned long __user *)addr);
	case ARCH_GET_GS:
		return put_user(t->gsbase, (unsigned long __user *)addr);
	}
	return -EINVAL;
}
