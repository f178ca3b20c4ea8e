/*
 * switch_to.h - what a task that is off the CPU keeps of its registers,
 * and the switch between two tasks (switch_to.S, process.c).
 *
 * A task leaves the CPU only by calling __switch_to_asm() from
 * __schedule(), so all it has to keep are the registers the C calling
 * convention says a call preserves (rbx, rbp, r12-r15) and its stack
 * pointer: everything else the compiler already treats as clobbered by
 * the call.  Those registers are pushed on the task's own stack as a
 * struct inactive_task_frame, and thread.sp points at it.
 */
#ifndef ARCH_X86_64_SWITCH_TO_H
#define ARCH_X86_64_SWITCH_TO_H

/* Offset of thread.sp in struct task_struct (checked in process.c). */
#define TASK_threadsp	0

#ifndef __ASSEMBLER__
#include "kernel/types.h"

struct task_struct;
struct pt_regs;

/*
 * The FPU/SSE registers of a user task, in the 512-byte layout of
 * FXSAVE/FXRSTOR.  The kernel itself never touches them (it is built with
 * -mgeneral-regs-only), so they are saved only when a user task leaves
 * the CPU and loaded when one comes back (process.c).
 */
struct fxregs_state {
	u16 cwd, swd, twd, fop;
	u64 rip, rdp;
	u32 mxcsr, mxcsr_mask;
	u32 st_space[32];	/* 8 x87 registers, 16 bytes each */
	u32 xmm_space[64];	/* 16 XMM registers */
	u32 padding[24];
} __attribute__((aligned(16)));

struct thread_struct {
	unsigned long sp;	/* saved rsp, at an inactive_task_frame */
	unsigned long sp0;	/* top of the kernel stack, for cpu_tss.sp0 */
	unsigned long fsbase;	/* user FS base (TLS), arch_prctl */
	unsigned long gsbase;	/* user GS base */
	struct fxregs_state fpu;
};

/* What __switch_to_asm pushes, lowest address first. */
struct inactive_task_frame {
	unsigned long r15, r14, r13, r12;
	unsigned long bx;	/* a new kthread: its function */
	unsigned long bp;
	unsigned long ret_addr;	/* where the task resumes: a new one at
				 * ret_from_fork */
};

/* Save prev's registers, load next's; returns (in next's context) the
 * task that was switched away from.  Interrupts off. */
struct task_struct *__switch_to_asm(struct task_struct *prev,
				    struct task_struct *next);
#define switch_to(prev, next)	__switch_to_asm(prev, next)

/* Build the first inactive_task_frame of a new kernel thread, so that
 * the first switch to it "returns" into ret_from_fork, which calls
 * fn(arg).  Process context. */
void copy_thread(struct task_struct *p, int (*fn)(void *), void *arg);
/* A user child of fork/clone: it starts at ret_from_fork and returns to
 * user mode with the parent's registers, rax = 0 and, if sp is non-zero,
 * that stack.  Process context. */
void copy_thread_user(struct task_struct *p, const struct pt_regs *parent,
		      unsigned long sp);
/* Set up regs to enter a freshly exec'd program at ip with stack sp. */
void start_thread(struct pt_regs *regs, unsigned long ip, unsigned long sp);
/* The user registers of task p (at the top of its kernel stack). */
struct pt_regs *task_pt_regs(struct task_struct *p);
/* FPU: enable SSE at boot; reset the current task's state at exec. */
void fpu_init(void);
void fpu_reset(struct thread_struct *t);
#endif

#endif
