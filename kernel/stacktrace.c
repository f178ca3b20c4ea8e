/*
 * stacktrace.c - walk the frame-pointer chain.
 *
 * The kernel is built with -fno-omit-frame-pointer, so every function
 * starts with "push %rbp; mov %rsp, %rbp": at [rbp] is the caller's rbp
 * and at [rbp + 8] the return address into the caller.  Following that
 * chain lists the calls that led here.  boot.S zeroes rbp before calling
 * start_kernel, which ends the chain.
 *
 * Context: any, including the panic path, so every step is checked before
 * it is dereferenced: a corrupt chain ends the walk instead of faulting.
 */
#include "kernel/kernel.h"
#include "kernel/stacktrace.h"
#include "kernel/kallsyms.h"
#include "arch/x86_64/paging.h"
#include "arch/x86_64/ptrace.h"

#define MAX_FRAMES	32

static bool frame_ok(unsigned long bp)
{
	return bp && !(bp & 7) && kernel_addr_mapped(bp) &&
	       kernel_addr_mapped(bp + 15);
}

int save_stack_trace(unsigned long bp, unsigned long *trace, int max)
{
	int n = 0;

	while (n < max && frame_ok(bp)) {
		unsigned long ret = ((unsigned long *)bp)[1];
		unsigned long next = ((unsigned long *)bp)[0];
		if (!kallsyms_lookup(ret, NULL, NULL))
			break;
		/* ret points after the call; ret - 1 is inside it, which
		 * names the right line even when the call is the last
		 * instruction of a function. */
		trace[n++] = ret - 1;
		if (next <= bp)		/* stacks grow down: callers are higher */
			break;
		bp = next;
	}
	return n;
}

void show_stack(unsigned long ip, unsigned long bp)
{
	unsigned long trace[MAX_FRAMES];
	int n = save_stack_trace(bp, trace, MAX_FRAMES);

	printk(KERN_EMERG " %pS\n", (void *)ip);
	for (int i = 0; i < n; i++)
		printk(KERN_EMERG " %pS\n", (void *)trace[i]);
}

/* Whether ret is a return address: kernel text right after a call rel32
 * (opcode e8, 5 bytes) or an indirect call through a register (ff d0+r,
 * 2 bytes), the two forms gcc emits here. */
static bool is_return_address(unsigned long ret)
{
	if (!kallsyms_lookup(ret, NULL, NULL) || !kallsyms_lookup(ret - 5, NULL, NULL))
		return false;
	const u8 *p = (const u8 *)ret;
	return p[-5] == 0xe8 || (p[-2] == 0xff && (p[-1] & 0xf8) == 0xd0);
}

/*
 * The rbp chain skips the caller of the interrupted function when that
 * function has no frame of its own yet: the fault hit its first
 * instruction (push %rbp) or second (mov %rsp,%rbp), or it is a leaf that
 * gcc compiled without a frame because it touches no stack.  Then its
 * return address is at the top of the stack instead of at rbp + 8.  The
 * same holds after a call to an address outside the kernel's text.
 */
static unsigned long frameless_caller(const struct pt_regs *regs)
{
	unsigned long off, slot = regs->sp;

	if (kallsyms_lookup(regs->ip, &off, NULL)) {
		const u8 *fn = (const u8 *)(regs->ip - off);
		bool prologue = fn[0] == 0x55 && fn[1] == 0x48 &&
				fn[2] == 0x89 && fn[3] == 0xe5;	/* push %rbp; mov %rsp,%rbp */
		if (prologue && off >= 4)
			return 0;		/* frame complete: rbp is right */
		if (prologue && off >= 1)
			slot += 8;		/* rbp pushed, not yet in use */
	}
	if (!kernel_addr_mapped(slot) || !kernel_addr_mapped(slot + 7))
		return 0;
	unsigned long ret = *(unsigned long *)slot;
	return is_return_address(ret) ? ret - 1 : 0;
}

void show_regs_stack(const struct pt_regs *regs)
{
	unsigned long caller = frameless_caller(regs);

	printk(KERN_EMERG " %pS\n", (void *)regs->ip);
	if (caller)
		printk(KERN_EMERG " %pS\n", (void *)caller);
	unsigned long trace[MAX_FRAMES];
	int n = save_stack_trace(regs->bp, trace, MAX_FRAMES);
	for (int i = 0; i < n; i++)
		printk(KERN_EMERG " %pS\n", (void *)trace[i]);
}

void __noinline dump_stack(void)
{
	unsigned long bp = (unsigned long)__builtin_frame_address(0);

	printk(KERN_EMERG "Call Trace:\n");
	show_stack((unsigned long)__builtin_return_address(0) - 1,
		   ((unsigned long *)bp)[0]);
}
