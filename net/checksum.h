/*
 * checksum.h - the Internet checksum (RFC 1071), in Linux's names
 * (include/net/checksum.h): csum_partial sums bytes into a 32-bit
 * partial sum, csum_fold folds one to the 16 bits a header holds (and
 * inverts it), csum_tcpudp_nofold adds the TCP/UDP pseudo-header.
 *
 * A partial sum is in the byte order of the data: add partial sums of
 * pieces that start at even offsets and the result is the sum of the
 * whole.  Any context; nothing here touches shared state.
 */
#ifndef NET_CHECKSUM_H
#define NET_CHECKSUM_H

#include "kernel/types.h"

typedef u32 __wsum;		/* an unfolded partial sum */
typedef u16 __sum16;		/* a folded, inverted checksum */

/* The one's-complement sum of buf[0..len) added to sum. */
__wsum csum_partial(const void *buf, int len, __wsum sum);

/* Two partial sums as one. */
static inline __wsum csum_add(__wsum a, __wsum b)
{
	u32 s = a + b;

	return s + (s < b);
}

/* Fold to 16 bits, not inverted. */
static inline u16 csum_fold_noinv(__wsum sum)
{
	sum = (sum & 0xffff) + (sum >> 16);
	sum = (sum & 0xffff) + (sum >> 16);
	return (u16)sum;
}

/* Fold to 16 bits and invert: what goes in a header. */
static inline __sum16 csum_fold(__wsum sum)
{
	return (__sum16)~csum_fold_noinv(sum);
}

/* The IPv4 pseudo-header's sum (addresses in network order, len and
 * proto in host order) added to sum. */
__wsum csum_tcpudp_nofold(u32 saddr, u32 daddr, u32 len, u8 proto, __wsum sum);

#endif
