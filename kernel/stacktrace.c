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

void __noinline dump_stack(void)
{
	unsigned long bp = (unsigned long)__builtin_frame_address(0);

	printk(KERN_EMERG "Call Trace:\n");
	show_stack((unsigned long)__builtin_return_address(0) - 1,
		   ((unsigned long *)bp)[0]);
}
