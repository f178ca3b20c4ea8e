/*
 * math64.h - 64-bit arithmetic with a 128-bit intermediate, for clock
 * rates and conversions (Linux's include/linux/math64.h).  gcc turns a
 * 128-bit multiplication into one instruction, but a 128-bit division
 * into a call to libgcc, which a freestanding kernel does not link; x86
 * divides 128 by 64 bits in one instruction, so we ask for that.
 */
#ifndef KERNEL_MATH64_H
#define KERNEL_MATH64_H

#include "kernel/types.h"

/* a * b / c, the product kept in 128 bits.  The quotient must fit in 64
 * bits (else the CPU raises a divide error) and c must not be 0. */
/* |a - b| without the overflow of a subtraction that goes negative. */
static inline u64 abs_diff(u64 a, u64 b)
{
	return a > b ? a - b : b - a;
}

static inline u64 mul_u64_u64_div_u64(u64 a, u64 b, u64 c)
{
	u64 q, rem;

	__asm__("mulq %3\n\tdivq %4"
		: "=a"(q), "=&d"(rem)
		: "a"(a), "rm"(b), "rm"(c)
		: "cc");
	return q;
}

/* a * b >> shift, the product kept in 128 bits. */
static inline u64 mul_u64_u64_shr(u64 a, u64 b, unsigned int shift)
{
	return (u64)(((unsigned __int128)a * b) >> shift);
}

#endif
