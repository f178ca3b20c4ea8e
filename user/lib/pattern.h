/*
 * pattern.h - the bytes bulkd and bulkload move, so that both ends can
 * check every one without keeping a copy.
 *
 * The stream is a block of PATTERN_PERIOD pseudo-random bytes repeated
 * forever; byte k of a transfer is pattern_byte(k).  The period is a
 * prime (65,521), not a power of two: a segment delivered twice, lost,
 * or out of order shifts the bytes by an amount that is almost never a
 * multiple of it, so it is caught.  pattern_at(off) points at a run of
 * at least PATTERN_RUN bytes starting with byte off, so a sender writes
 * and a receiver compares whole chunks straight from one buffer.
 */
#ifndef USER_LIB_PATTERN_H
#define USER_LIB_PATTERN_H

#include <stddef.h>
#include <stdint.h>

#define PATTERN_PERIOD	65521u
#define PATTERN_RUN	65536u		/* bytes pattern_at() guarantees */

static unsigned char pattern_buf[PATTERN_PERIOD + PATTERN_RUN];

static inline void pattern_init(void)
{
	uint32_t x = 2463534242u;	/* xorshift32's usual seed */

	for (size_t k = 0; k < PATTERN_PERIOD; k++) {
		x ^= x << 13;
		x ^= x >> 17;
		x ^= x << 5;
		pattern_buf[k] = (unsigned char)(x >> 24);
	}
	for (size_t k = PATTERN_PERIOD; k < sizeof(pattern_buf); k++)
		pattern_buf[k] = pattern_buf[k - PATTERN_PERIOD];
}

/* Bytes off, off + 1, ... (at least PATTERN_RUN of them). */
static inline const unsigned char *pattern_at(uint64_t off)
{
	return pattern_buf + off % PATTERN_PERIOD;
}

/* The first offset in [off, off + n) where p differs, or -1.  Eight
 * bytes at a time: a byte loop would cost a guest under TCG as much
 * time as the transfer it checks. */
static inline long long pattern_mismatch(const void *p, uint64_t off, size_t n)
{
	const unsigned char *a = p;

	while (n) {
		size_t run = n < PATTERN_RUN ? n : PATTERN_RUN, i = 0;
		const unsigned char *b = pattern_at(off);
		for (; i + 8 <= run; i += 8) {
			uint64_t x, y;
			__builtin_memcpy(&x, a + i, 8);
			__builtin_memcpy(&y, b + i, 8);
			if (x != y)
				break;
		}
		for (; i < run; i++)
			if (a[i] != b[i])
				return (long long)(off + i);
		a += run;
		off += run;
		n -= run;
	}
	return -1;
}

#endif
