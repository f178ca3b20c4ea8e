/* stacktrace.h - printing the call chain (kernel/stacktrace.c). */
#ifndef KERNEL_STACKTRACE_H
#define KERNEL_STACKTRACE_H

/* Print " func+off/size" for ip and then for each frame reached from bp. */
void show_stack(unsigned long ip, unsigned long bp);
struct pt_regs;
/* The call trace of an interrupted context (for an oops). */
void show_regs_stack(const struct pt_regs *regs);
/* Print the call trace of the caller. */
void dump_stack(void);
/* Fill trace[] with up to max return addresses starting at bp. */
int save_stack_trace(unsigned long bp, unsigned long *trace, int max);

/* panic() for die(): the oops already printed the trace. */
void panic_after_oops(const char *msg) __attribute__((noreturn));

#endif
