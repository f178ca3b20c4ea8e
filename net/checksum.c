/*
 * checksum.c - the Internet checksum, eight bytes at a time (Linux's
 * arch/x86/lib/csum-partial_64.c does the same with adc).  lwIP sums
 * with it too (LWIP_CHKSUM in net/lwip/lwipopts.h): its own loop adds
 * two bytes a step, and under TCG every step costs about the same.
 *
 * One's-complement addition is the same in any word size and byte
 * order as long as each byte keeps its position's parity, so the bytes
 * are summed as little-endian 64-bit words with the carries added back
 * (end-around carry), then folded; no alignment is needed (x86 loads
 * any address).  Any context.
 */
#include "kernel/kernel.h"
#include "net/checksum.h"

static inline u64 add_carry(u64 sum, u64 w)
{
	sum += w;
	return sum + (sum < w);
}

__wsum csum_partial(const void *buf, int len, __wsum sum)
{
	const u8 *p = buf;
	u64 acc = sum, w[4];

	for (; len >= 32; p += 32, len -= 32) {
		__builtin_memcpy(w, p, 32);
		acc = add_carry(acc, w[0]);
		acc = add_carry(acc, w[1]);
		acc = add_carry(acc, w[2]);
		acc = add_carry(acc, w[3]);
	}
	for (; len >= 8; p += 8, len -= 8) {
		__builtin_memcpy(w, p, 8);
		acc = add_carry(acc, w[0]);
	}
	if (len > 0) {			/* the tail, zero-padded in place */
		w[0] = 0;
		for (int i = 0; i < len; i++)
			((u8 *)w)[i] = p[i];
		acc = add_carry(acc, w[0]);
	}
	/* 64 -> 32 bits, with the carry of the fold added back. */
	u64 folded = (acc & 0xffffffff) + (acc >> 32);
	return (u32)((folded & 0xffffffff) + (folded >> 32));
}

__wsum csum_tcpudp_nofold(u32 saddr, u32 daddr, u32 len, u8 proto, __wsum sum)
{
	u64 acc = sum;

	acc += saddr;
	acc += daddr;
	/* len and proto as they sit in the header: big-endian 16-bit words,
	 * which on this little-endian CPU are the byte-swapped values. */
	acc += __builtin_bswap16((u16)len) + ((u32)proto << 8);
	u64 folded = (acc & 0xffffffff) + (acc >> 32);
	return (u32)((folded & 0xffffffff) + (folded >> 32));
}

/* lwIP's LWIP_CHKSUM: the folded, not inverted, sum in the data's byte
 * order (what its lwip_standard_chksum returns). */
unsigned short lwip_port_chksum(const void *dataptr, int len)
{
	return csum_fold_noinv(csum_partial(dataptr, len, 0));
}
