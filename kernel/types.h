/* types.h - the fixed-width types every file uses (from gcc's freestanding
 * headers) and Linux's short names for them. */
#ifndef KERNEL_TYPES_H
#define KERNEL_TYPES_H

#include <stdint.h>
#include <stddef.h>
#include <stdbool.h>
#include <stdarg.h>

typedef uint8_t u8;
typedef uint16_t u16;
typedef uint32_t u32;
typedef uint64_t u64;
typedef int8_t s8;
typedef int16_t s16;
typedef int32_t s32;
typedef int64_t s64;
typedef u64 phys_addr_t;
typedef long ssize_t;

#define __noreturn	__attribute__((noreturn))
#define __noinline	__attribute__((noinline))
#define __packed	__attribute__((packed))
#define __aligned(n)	__attribute__((aligned(n)))
#define __printf(a, b)	__attribute__((format(printf, a, b)))
#define __used		__attribute__((used))
/* Marks a pointer into user space: never dereference it, pass it to
 * copy_from_user() and friends (arch/x86_64/uaccess.h). */
#define __user
#define likely(x)	__builtin_expect(!!(x), 1)
#define unlikely(x)	__builtin_expect(!!(x), 0)

#define ARRAY_SIZE(a)	(sizeof(a) / sizeof((a)[0]))
#define ALIGN_UP(x, a)	(((x) + ((a) - 1)) & ~((__typeof__(x))(a) - 1))
#define ALIGN_DOWN(x, a) ((x) & ~((__typeof__(x))(a) - 1))
#define MIN(a, b)	((a) < (b) ? (a) : (b))
#define MAX(a, b)	((a) > (b) ? (a) : (b))

/* The struct that contains the member at ptr (Linux's container_of). */
#define container_of(ptr, type, member) \
	((type *)((char *)(ptr) - offsetof(type, member)))

/*
 * READ_ONCE/WRITE_ONCE: one access, neither torn, merged, repeated nor
 * invented by the compiler, for data another CPU (or an interrupt)
 * changes without our lock.  They order nothing by themselves.
 */
#define READ_ONCE(x)	(*(const volatile __typeof__(x) *)&(x))
#define WRITE_ONCE(x, v) (*(volatile __typeof__(x) *)&(x) = (v))
#define barrier()	__asm__ __volatile__("" ::: "memory")

/*
 * Memory barriers between CPUs, Linux's names (asm/barrier.h).  x86 is
 * "total store order": a CPU's loads are not reordered with its other
 * loads, nor its stores with its other stores, so smp_rmb() and
 * smp_wmb() need only stop the compiler.  The one reordering the CPU
 * does is a load passing an earlier store (to another address), which
 * the sleep/wake-up protocol cannot allow (a sleeper's state store,
 * then its condition load: kernel/sched.h); smp_mb() forbids it with a
 * locked instruction, cheaper than MFENCE and as strong for ordinary
 * memory.  Every atomic read-modify-write (a spinlock's ticket) is such
 * a full barrier already.
 */
#define smp_mb()	__asm__ __volatile__("lock; addl $0,-4(%%rsp)" ::: "memory", "cc")
#define smp_rmb()	barrier()
#define smp_wmb()	barrier()
/* Store, then a full barrier (set_current_state). */
#define smp_store_mb(x, v)	do { WRITE_ONCE(x, v); smp_mb(); } while (0)
/* Release/acquire pairs: on x86 an ordinary store and load suffice. */
#define smp_store_release(p, v)	do { barrier(); WRITE_ONCE(*(p), v); } while (0)
#define smp_load_acquire(p)	({ __typeof__(*(p)) ___v = READ_ONCE(*(p)); barrier(); ___v; })

#endif
