/*
 * ethernetif_test.c - self-tests of the software check of received
 * TCP/UDP checksums (ethernetif_csum_ok), on frames built here: a right
 * sum passes, one flipped bit in the payload or the pseudo-header's
 * address fails, a UDP checksum of 0 (none) passes, and frames that
 * are not IPv4 TCP/UDP are left to lwIP.  Process context.
 */
#include "kernel/kernel.h"
#include "kernel/string.h"
#include "kernel/selftest.h"
#include "net/netdevice.h"
#include "net/checksum.h"
#include "net/lwip/lwip_port.h"

/* An Ethernet + IPv4 + L4 frame of plen payload bytes, summed. */
static unsigned build(u8 *f, u8 proto, unsigned plen)
{
	unsigned hdr = proto == 6 ? 20 : 8, l4 = hdr + plen, tot = 20 + l4;

	memset(f, 0, ETH_HLEN + tot);
	f[12] = 0x08;				/* ETH_P_IP */
	u8 *ip = f + ETH_HLEN, *t = ip + 20;
	ip[0] = 0x45;
	ip[2] = tot >> 8;
	ip[3] = tot;
	ip[8] = 64;
	ip[9] = proto;
	memcpy(ip + 12, "\x0a\x00\x02\x02", 4);
	memcpy(ip + 16, "\x0a\x00\x02\x0f", 4);
	t[1] = 80;
	t[3] = 99;
	if (proto == 6)
		t[12] = 5 << 4;			/* data offset: 20 bytes */
	else {
		t[4] = l4 >> 8;
		t[5] = l4;
	}
	for (unsigned i = 0; i < plen; i++)
		t[hdr + i] = (u8)(i * 7 + 3);
	u32 s, d;
	memcpy(&s, ip + 12, 4);
	memcpy(&d, ip + 16, 4);
	u16 sum = csum_fold(csum_partial(t, l4, csum_tcpudp_nofold(s, d, l4, proto, 0)));
	memcpy(t + (proto == 6 ? 16 : 6), &sum, 2);
	return ETH_HLEN + tot;
}

SELFTEST(ethernetif_rx_csum)
{
	static u8 f[ETH_FRAME_LEN];
	unsigned len;

	for (unsigned plen = 0; plen < 40; plen += 13) {
		len = build(f, 6, plen);
		ST_ASSERT(ethernetif_csum_ok(f, len));
		len = build(f, 17, plen);
		ST_ASSERT(ethernetif_csum_ok(f, len));
	}
	len = build(f, 6, 1460);
	ST_ASSERT(ethernetif_csum_ok(f, len));
	f[len - 1] ^= 0x10;			/* a payload bit */
	ST_ASSERT(!ethernetif_csum_ok(f, len));
	len = build(f, 6, 100);
	f[ETH_HLEN + 15] ^= 1;			/* the source address */
	ST_ASSERT(!ethernetif_csum_ok(f, len));
	len = build(f, 17, 100);
	f[len - 1] ^= 1;
	ST_ASSERT(!ethernetif_csum_ok(f, len));
	f[ETH_HLEN + 26] = f[ETH_HLEN + 27] = 0;	/* UDP: no checksum */
	ST_ASSERT(ethernetif_csum_ok(f, len));
	len = build(f, 1, 40);			/* ICMP: lwIP's to check */
	f[len - 1] ^= 1;
	ST_ASSERT(ethernetif_csum_ok(f, len));
	return 0;
}
