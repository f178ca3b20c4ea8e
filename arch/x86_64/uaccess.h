/*
 * uaccess.h - the one checked path between kernel and user memory.
 *
 * Every pointer that comes from user space is used only through these
 * functions.  Each checks that the range lies in user space
 * (access_ok), then touches it with instructions that have
 * exception-table entries, so a bad pointer - unmapped, outside every
 * VMA, read-only, or a kernel address - yields -EFAULT or a short count
 * instead of an oops.  A good pointer to a page not yet present is
 * handled by the page-fault handler (demand paging, copy-on-write) in
 * the middle of the copy, which then simply continues.
 *
 * They work on the address space in CR3 (switch_mm), and only in
 * process context: a fault can allocate pages.  Never with a spinlock
 * held (the user-copy rule, kernel/spinlock.h): each calls might_fault(),
 * which reports a user access made with preemption off.
 *
 * __user marks pointers into user space.  It expands to nothing here;
 * in Linux the sparse checker uses it to catch direct dereferences.
 */
#ifndef ARCH_X86_64_UACCESS_H
#define ARCH_X86_64_UACCESS_H

#include "kernel/types.h"
#include "kernel/errno.h"
#include "kernel/mm_types.h"
#include "arch/x86_64/asm.h"


/* The user-copy rule's check, Linux's might_fault(): a report (the
 * first few times) if preemption is off, i.e. a spinlock is held. */
void __might_fault(const char *file, int line);
#define might_fault()	__might_fault(__FILE__, __LINE__)
/* Whether a user access now would break the rule. */
bool user_access_forbidden(void);

/* Whether [addr, addr + size) lies wholly below TASK_SIZE (no wrap). */
static inline bool __access_ok(unsigned long addr, unsigned long size)
{
	return size <= TASK_SIZE && addr <= TASK_SIZE - size;
}
#define access_ok(addr, size)	__access_ok((unsigned long)(addr), (size))

/* Copy n bytes; return how many were NOT copied (0 = success).  On a
 * short copy_from_user the rest of the kernel buffer is zeroed, so no
 * stale kernel memory can leak onward. */
unsigned long copy_from_user(void *to, const void __user *from,
			     unsigned long n);
unsigned long copy_to_user(void __user *to, const void *from,
			   unsigned long n);
/* Zero n user bytes; return how many were NOT zeroed. */
unsigned long clear_user(void __user *to, unsigned long n);
/* Copy a NUL-terminated string of at most count bytes (NUL included).
 * Returns its length without the NUL, count if it did not fit (then dst
 * is not terminated), or -EFAULT. */
long strncpy_from_user(char *dst, const char __user *src, long count);

/* The raw primitives (copy_user.S): no range check. */
unsigned long copy_user_generic(void *to, const void *from, unsigned long n);
unsigned long __clear_user(void *to, unsigned long n);
long __strncpy_from_user(char *dst, const char *src, long count);

/*
 * get_user(x, ptr) / put_user(x, ptr): one value of 1, 2, 4 or 8 bytes,
 * a single mov.  They evaluate to 0 or -EFAULT; on failure get_user sets
 * x to 0.  The fixup code lives out of line in .text.fixup.
 */
#define __get_user_asm(x, ptr, err, sfx)				\
	__asm__ __volatile__(						\
		ASM_STAC						\
		"1:	mov" sfx " %[mem], %[val]\n"			\
		"2:\n"							\
		ASM_CLAC						\
		".pushsection .text.fixup, \"ax\"\n"			\
		"3:	mov %[efault], %[rc]\n"			\
		"	xor %k[val], %k[val]\n"				\
		"	jmp 2b\n"					\
		".popsection\n"						\
		_ASM_EXTABLE(1b, 3b)					\
		: [rc] "+r"(err), [val] "=&r"(x)			\
		: [mem] "m"(*(ptr)), [efault] "i"(-EFAULT))

#define __put_user_asm(x, ptr, err, sfx)				\
	__asm__ __volatile__(						\
		ASM_STAC						\
		"1:	mov" sfx " %[val], %[mem]\n"			\
		"2:\n"							\
		ASM_CLAC						\
		".pushsection .text.fixup, \"ax\"\n"			\
		"3:	mov %[efault], %[rc]\n"			\
		"	jmp 2b\n"					\
		".popsection\n"						\
		_ASM_EXTABLE(1b, 3b)					\
		: [rc] "+r"(err), [mem] "=m"(*(ptr))			\
		: [val] "r"(x), [efault] "i"(-EFAULT))

/* Never defined: using get_user/put_user on another size fails to link. */
extern void __get_user_bad(void);
extern void __put_user_bad(void);

#define get_user(x, ptr)						\
({									\
	__typeof__(ptr) __gu_ptr = (ptr);				\
	int __gu_err = 0;						\
	unsigned long __gu_val = 0;					\
	might_fault();							\
	if (!access_ok(__gu_ptr, sizeof(*__gu_ptr))) {			\
		__gu_err = -EFAULT;					\
	} else {							\
		switch (sizeof(*__gu_ptr)) {				\
		case 1: { u8 __v;					\
			__get_user_asm(__v, __gu_ptr, __gu_err, "b");	\
			__gu_val = __v; break; }			\
		case 2: { u16 __v;					\
			__get_user_asm(__v, __gu_ptr, __gu_err, "w");	\
			__gu_val = __v; break; }			\
		case 4: { u32 __v;					\
			__get_user_asm(__v, __gu_ptr, __gu_err, "l");	\
			__gu_val = __v; break; }			\
		case 8: { u64 __v;					\
			__get_user_asm(__v, __gu_ptr, __gu_err, "q");	\
			__gu_val = __v; break; }			\
		default: __get_user_bad();				\
		}							\
	}								\
	(x) = (__typeof__(*(ptr)))__gu_val;				\
	__gu_err;							\
})

#define put_user(x, ptr)						\
({									\
	__typeof__(*(ptr)) __pu_x = (x);				\
	__typeof__(ptr) __pu_ptr = (ptr);				\
	unsigned long __pu_val = (unsigned long)__pu_x;			\
	int __pu_err = 0;						\
	might_fault();							\
	if (!access_ok(__pu_ptr, sizeof(*__pu_ptr))) {			\
		__pu_err = -EFAULT;					\
	} else {							\
		switch (sizeof(*__pu_ptr)) {				\
		case 1: __put_user_asm((u8)__pu_val, __pu_ptr,		\
				       __pu_err, "b"); break;		\
		case 2: __put_user_asm((u16)__pu_val, __pu_ptr,		\
				       __pu_err, "w"); break;		\
		case 4: __put_user_asm((u32)__pu_val, __pu_ptr,		\
				       __pu_err, "l"); break;		\
		case 8: __put_user_asm((u64)__pu_val, __pu_ptr,		\
				       __pu_err, "q"); break;		\
		default: __put_user_bad();				\
		}							\
	}								\
	__pu_err;							\
})

/*
 * *uaddr = newval if it holds oldval, atomically (lock cmpxchg), as
 * Linux's futex_atomic_cmpxchg_inatomic: *uval gets what the word held.
 * 0 or -EFAULT.  The robust-futex cleanup's one write to a lock word.
 */
static inline int futex_atomic_cmpxchg_inatomic(u32 *uval, u32 __user *uaddr,
						u32 oldval, u32 newval)
{
	int ret = 0;

	if (!access_ok(uaddr, sizeof(u32)))
		return -EFAULT;
	__asm__ __volatile__(
		ASM_STAC
		"1:	lock cmpxchgl %[new], %[mem]\n"
		"2:\n"
		ASM_CLAC
		".pushsection .text.fixup, \"ax\"\n"
		"3:	mov %[efault], %[rc]\n"
		"	jmp 2b\n"
		".popsection\n"
		_ASM_EXTABLE(1b, 3b)
		: [rc] "+r"(ret), "+a"(oldval), [mem] "+m"(*uaddr)
		: [new] "r"(newval), [efault] "i"(-EFAULT)
		: "memory");
	*uval = oldval;
	return ret;
}

#endif
