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
 * The copies go eight bytes at a time ("rep movsq"), then the tail with
 * "rep movsb", for the reason kernel/string.c gives (under TCG a string
 * step costs the same whatever its size).  A fault stops a string
 * instruction with RCX holding the elements not yet done and RSI/RDI at
 * the one that faulted; when that is a quadword, the fixup goes on byte
 * by byte from there, so that the copy stops at the very byte that
 * faults and the count of bytes not copied is exact, as Linux's
 * copy_user_handle_tail makes it.
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
	shrq	$3, %rcx
	andl	$7, %edx
1:	rep movsq
	movl	%edx, %ecx
2:	rep movsb
3:	ASM_CLAC
	movq	%rcx, %rax
	ret
4:	leaq	(%rdx,%rcx,8), %rcx	/* a quadword faulted: bytes left */
5:	rep movsb
	jmp	3b
	_ASM_EXTABLE(1b, 4b)
	_ASM_EXTABLE(2b, 3b)
	_ASM_EXTABLE(5b, 3b)
	.size	copy_user_generic, . - copy_user_generic

/* unsigned long __clear_user(void *to, unsigned long len)
 * Returns the number of bytes NOT zeroed. */
	.globl	__clear_user
	.type	__clear_user, @function
__clear_user:
	ASM_STAC
	movq	%rsi, %rcx
	shrq	$3, %rcx
	andl	$7, %esi
	xorl	%eax, %eax
1:	rep stosq
	movl	%esi, %ecx
2:	rep stosb
3:	ASM_CLAC
	movq	%rcx, %rax
	ret
4:	leaq	(%rsi,%rcx,8), %rcx	/* a quadword faulted: bytes left */
5:	rep stosb
	jmp	3b
	_ASM_EXTABLE(1b, 4b)
	_ASM_EXTABLE(2b, 3b)
	_ASM_EXTABLE(5b, 3b)
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
