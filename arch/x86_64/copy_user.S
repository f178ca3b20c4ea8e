/*
 * copy_user.S - the loops that touch user memory.
 *
 * Each one opens the SMAP window (ASM_STAC), does its work with string
 * instructions or a byte loop, and closes it again (ASM_CLAC).  The
 * instructions that touch user memory have exception-table entries: if
 * one faults on a bad address (and the page-fault handler cannot make
 * it good by demand paging or COW), execution resumes at the fixup,
 * which closes the window and reports how far it got.
 *
 * "rep movsb" is what makes the copy's fixup trivial: when it faults,
 * RCX still holds the number of bytes not yet copied, and RSI/RDI point
 * at the faulting byte.  Linux's copy_user_generic relies on the same.
 *
 * These are the raw primitives; uaccess.c checks the range first.
 */
#include "arch/x86_64/asm.h"

#define EFAULT 14

	.text

/* unsigned long copy_user_generic(void *to, const void *from,
 *                                 unsigned long len)
 * Returns the number of bytes NOT copied (0 on success). */
	.globl	copy_user_generic
	.type	copy_user_generic, @function
copy_user_generic:
	ASM_STAC
	movq	%rdx, %rcx
1:	rep movsb
2:	ASM_CLAC
	movq	%rcx, %rax
	ret
	_ASM_EXTABLE(1b, 2b)
	.size	copy_user_generic, . - copy_user_generic

/* unsigned long __clear_user(void *to, unsigned long len)
 * Returns the number of bytes NOT zeroed. */
	.globl	__clear_user
	.type	__clear_user, @function
__clear_user:
	ASM_STAC
	movq	%rsi, %rcx
	xorl	%eax, %eax
1:	rep stosb
2:	ASM_CLAC
	movq	%rcx, %rax
	ret
	_ASM_EXTABLE(1b, 2b)
	.size	__clear_user, . - __clear_user

/* long __strncpy_from_user(char *dst, const char *src, long count)
 * Copies up to count bytes, stopping after a NUL.  Returns the length of
 * the string (without the NUL), count if no NUL came first, or -EFAULT. */
	.globl	__strncpy_from_user
	.type	__strncpy_from_user, @function
__strncpy_from_user:
	ASM_STAC
	xorl	%eax, %eax
1:	cmpq	%rdx, %rax
	jae	3f
2:	movb	(%rsi,%rax), %cl
	movb	%cl, (%rdi,%rax)
	testb	%cl, %cl
	jz	3f
	incq	%rax
	jmp	1b
3:	ASM_CLAC
	ret
4:	ASM_CLAC
	movq	$-EFAULT, %rax
	ret
	_ASM_EXTABLE(2b, 4b)
	.size	__strncpy_from_user, . - __strncpy_from_user

	.section .note.GNU-stack, "", @progbits
