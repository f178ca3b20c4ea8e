/*
 * checksum_test.c - self-tests of net/checksum.c against RFC 1071's
 * two-bytes-at-a-time sum, at every length and start parity that the
 * word loop and the tail can meet.  Process context.
 */
#include "kernel/kernel.h"
#include "kernel/selftest.h"
#include "net/checksum.h"

unsigned short lwip_port_chksum(const void *dataptr, int len);

/* RFC 1071: 16-bit words in memory order (little-endian loads). */
static u16 ref_sum(const u8 *p, int len)
{
	u32 sum = 0;

	for (; len > 1; p += 2, len -= 2)
		sum += p[0] | p[1] << 8;
	if (len)
		sum += p[0];
	while (sum >> 16)
		sum = (sum & 0xffff) + (sum >> 16);
	return (u16)sum;
}

SELFTEST(csum_partial_matches_rfc1071)
{
	static u8 buf[300];
	u32 x = 12345;

	for (unsigned i = 0; i < sizeof(buf); i++) {
		x = x * 1103515245 + 12345;
		buf[i] = (u8)(x >> 16);
	}
	for (int off = 0; off < 8; off++)
		for (int len = 0; len <= 260; len++)
			ST_ASSERT_EQ(lwip_port_chksum(buf + off, len), ref_sum(buf + off, len));
	/* Sums of pieces at even offsets add up to the sum of the whole. */
	__wsum a = csum_partial(buf, 100, 0), b = csum_partial(buf + 100, 101, 0);
	ST_ASSERT_EQ(csum_fold_noinv(csum_add(a, b)), ref_sum(buf, 201));
	/* All ones is the sum's zero: 0xffff folds to 0xffff, inverted 0. */
	memset(buf, 0xff, 64);
	ST_ASSERT_EQ(csum_fold(csum_partial(buf, 64, 0)), 0);
	return 0;
}

/* The pseudo-header of RFC 793, summed by hand for 10.0.2.15 -> 10.0.2.2,
 * TCP, 20 bytes: 0x0a00 + 0x020f + 0x0a00 + 0x0202 + 0x0006 + 0x0014. */
SELFTEST(csum_tcpudp_pseudo_header)
{
	u32 src = 0x0f02000a, dst = 0x0202000a;	/* network order */
	u16 want = 0x0a00 + 0x020f + 0x0a00 + 0x0202 + 0x0006 + 0x0014;

	/* The sum is in memory (big-endian) order; read it back as such. */
	u16 got = csum_fold_noinv(csum_tcpudp_nofold(src, dst, 20, 6, 0));
	ST_ASSERT_EQ(__builtin_bswap16(got), want);
	return 0;
}
