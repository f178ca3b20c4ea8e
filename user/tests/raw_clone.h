/*
 * raw_clone.h - clone(2) and clone3(2) without the C library, for tests
 * that look at what the kernel does with each flag (pthread_create
 * picks its own).  The child runs fn(arg) on the stack given and then
 * calls exit(2) with its result: the thread alone ends.
 *
 * The child shares the caller's TLS unless CLONE_SETTLS is given, so fn
 * must not call into the C library (errno is in the TLS): it uses
 * raw_syscall and plain memory only.
 */
#ifndef USER_TESTS_RAW_CLONE_H
#define USER_TESTS_RAW_CLONE_H

#include <stddef.h>
#include <stdint.h>

/* long raw_clone(flags, stack_top, ptid, ctid, tls, fn, arg) */
long raw_clone(unsigned long flags, void *stack_top, int *ptid, int *ctid,
	       unsigned long tls, int (*fn)(void *), void *arg);
/* long raw_clone3(struct clone_args *, size, fn, arg) */
long raw_clone3(void *args, size_t size, int (*fn)(void *), void *arg);

__asm__(
	".text\n"
	".globl raw_clone\n"
	"raw_clone:\n"
	"	mov 8(%rsp), %rax\n"	/* arg (7th argument, on the stack) */
	"	sub $16, %rsi\n"	/* fn and arg at the new stack's top */
	"	mov %r9, (%rsi)\n"
	"	mov %rax, 8(%rsi)\n"
	"	mov %rcx, %r10\n"	/* ctid is the 4th system call argument */
	"	mov $56, %eax\n"	/* SYS_clone */
	"	syscall\n"
	"	test %rax, %rax\n"
	"	jnz 1f\n"
	"	pop %rax\n"		/* the child: fn */
	"	pop %rdi\n"		/* arg */
	"	call *%rax\n"
	"	mov %eax, %edi\n"
	"	mov $60, %eax\n"	/* SYS_exit: this thread only */
	"	syscall\n"
	"	hlt\n"
	"1:	ret\n"
	".globl raw_clone3\n"
	"raw_clone3:\n"
	"	mov %rdx, %r8\n"	/* fn and arg survive in r8/r9 (the */
	"	mov %rcx, %r9\n"	/* kernel keeps them for the child) */
	"	mov $435, %eax\n"	/* SYS_clone3 */
	"	syscall\n"
	"	test %rax, %rax\n"
	"	jnz 2f\n"
	"	and $-16, %rsp\n"
	"	mov %r9, %rdi\n"
	"	call *%r8\n"
	"	mov %eax, %edi\n"
	"	mov $60, %eax\n"
	"	syscall\n"
	"	hlt\n"
	"2:	ret\n");

static inline long raw_syscall(long nr, long a1, long a2, long a3, long a4,
			       long a5, long a6)
{
	long ret;
	register long r10 __asm__("r10") = a4;
	register long r8 __asm__("r8") = a5;
	register long r9 __asm__("r9") = a6;

	__asm__ __volatile__("syscall"
			     : "=a"(ret)
			     : "a"(nr), "D"(a1), "S"(a2), "d"(a3), "r"(r10),
			       "r"(r8), "r"(r9)
			     : "rcx", "r11", "memory");
	return ret;
}

#endif
