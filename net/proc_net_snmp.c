/*
 * proc_net_snmp.c - /proc/net/snmp: the IPv4 stack's counters in Linux's
 * layout (net/ipv4/proc.c snmp_seq_show), pairs of lines per protocol, a
 * line of field names then a line of values, because netstat -s, nstat
 * and monitoring scripts parse it by name.
 *
 * The counters are lwIP's (LWIP_STATS and MIB2_STATS, lwipopts.h): its
 * MIB-II set (RFC 1213, struct stats_mib2) is the same standard Linux's
 * names come from, so most fields are one counter each.  Where the two
 * count differently, the value is made to mean what Linux's does:
 *
 *   Ip InHdrErrors   lwIP files a header shorter than 20 bytes, or a
 *                    total length longer than the frame, under
 *                    InDiscards (its ip.lenerr); Linux calls both header
 *                    errors (ip_rcv_core's inhdr_error, and
 *                    InTruncatedPkts, which /proc/net/netstat has and we
 *                    do not).  They are moved to InHdrErrors.
 *   Ip OutTransmits  lwIP's ip.xmit: datagrams handed to an interface.
 *   Icmp InCsumErrors  lwIP's icmp.chkerr (also in InErrors, as Linux).
 *   Tcp CurrEstab    counted now: connections in ESTABLISHED or
 *                    CLOSE_WAIT, as Linux's tcp_set_state keeps it.
 *   Tcp MaxConn      -1, as Linux: no fixed limit (lwIP's pools grow).
 *   Tcp RtoMin/Max   lwIP's retransmission timer runs on 500 ms ticks
 *                    (TCP_SLOW_INTERVAL), capped at 0x7fff ticks.
 *   Tcp/Udp InCsumErrors  lwIP's tcp.chkerr and udp.chkerr: on the
 *                    e1000 they are checked in net/lwip/ethernetif.c,
 *                    which counts its failures there, and in InErrs /
 *                    InErrors, as Linux does.
 *   Udp InDatagrams, RcvbufErrors, MemErrors  lwIP counts a datagram
 *                    delivered once it has a socket; one that our socket
 *                    layer then drops for want of room (net/udp.c) is
 *                    taken off InDatagrams and counted in RcvbufErrors
 *                    (or MemErrors) and InErrors, as Linux counts it.
 *
 * Always 0, because nothing here does what they count: Ip ForwDatagrams
 * (no forwarding), ReasmTimeout (lwIP counts a reassembly that timed out
 * only in ReasmFails), FragOKs/FragFails/FragCreates (lwIP never
 * fragments: IP_FRAG 0), Icmp OutRateLimitGlobal/Host (no ICMP rate
 * limit), the ICMP types lwIP never sends (OutParmProbs, OutSrcQuenchs,
 * OutRedirects, OutTimestamps, OutTimestampReps, OutAddrMasks,
 * OutAddrMaskReps), Udp SndbufErrors (a datagram is sent within the
 * call or fails with ENOBUFS uncounted), IgnoredMulti (no multicast),
 * and all of UdpLite (LWIP_UDPLITE is off).  IcmpMsg lists the ICMP
 * types lwIP counts by type (those of RFC 1213); one of any other type
 * is in InMsgs only.
 *
 * LOCKING: lwip_core_lock() while the counters are read (lwIP changes
 * them under it); only a kernel buffer is written.  Process context.
 */
#include "kernel/kernel.h"
#include "net/lwip/lwip_port.h"
#include "net/proc_net.h"
#include "lwip/opt.h"
#include "lwip/stats.h"
#include "lwip/tcp.h"
#include "lwip/priv/tcp_priv.h"

/* Our socket layer's UDP drops (net/udp.c), lock held when they change. */
unsigned long udp_rcvbuf_errors, udp_mem_errors;

/* A pair of lines: "Name: field..." then "Name: value...". */
static void snmp_put(struct seq_file *m, const char *name,
		     const char *const *fields, const long *vals, int n)
{
	seq_printf(m, "%s:", name);
	for (int i = 0; i < n; i++)
		seq_printf(m, " %s", fields[i]);
	seq_printf(m, "\n%s:", name);
	for (int i = 0; i < n; i++)
		seq_printf(m, " %ld", vals[i]);
	seq_putc(m, '\n');
}

static void snmp_ip(struct seq_file *m, const struct stats_ *s)
{
	static const char *const f[] = {
		"Forwarding", "DefaultTTL", "InReceives", "InHdrErrors",
		"InAddrErrors", "ForwDatagrams", "InUnknownProtos", "InDiscards",
		"InDelivers", "OutRequests", "OutDiscards", "OutNoRoutes",
		"ReasmTimeout", "ReasmReqds", "ReasmOKs", "ReasmFails",
		"FragOKs", "FragFails", "FragCreates", "OutTransmits",
	};
	const struct stats_mib2 *b = &s->mib2;
	long v[] = {
		2 /* not forwarding */, IP_DEFAULT_TTL, b->ipinreceives,
		(long)b->ipinhdrerrors + s->ip.lenerr, b->ipinaddrerrors,
		b->ipforwdatagrams, b->ipinunknownprotos,
		(long)b->ipindiscards - s->ip.lenerr, b->ipindelivers,
		b->ipoutrequests, b->ipoutdiscards, b->ipoutnoroutes,
		0, b->ipreasmreqds, b->ipreasmoks, b->ipreasmfails,
		b->ipfragoks, b->ipfragfails, b->ipfragcreates, s->ip.xmit,
	};
	snmp_put(m, "Ip", f, v, ARRAY_SIZE(f));
}

static void snmp_icmp(struct seq_file *m, const struct stats_ *s)
{
	static const char *const f[] = {
		"InMsgs", "InErrors", "InCsumErrors", "InDestUnreachs",
		"InTimeExcds", "InParmProbs", "InSrcQuenchs", "InRedirects",
		"InEchos", "InEchoReps", "InTimestamps", "InTimestampReps",
		"InAddrMasks", "InAddrMaskReps", "OutMsgs", "OutErrors",
		"OutRateLimitGlobal", "OutRateLimitHost", "OutDestUnreachs",
		"OutTimeExcds", "OutParmProbs", "OutSrcQuenchs", "OutRedirects",
		"OutEchos", "OutEchoReps", "OutTimestamps", "OutTimestampReps",
		"OutAddrMasks", "OutAddrMaskReps",
	};
	const struct stats_mib2 *b = &s->mib2;
	long v[] = {
		b->icmpinmsgs, b->icmpinerrors, s->icmp.chkerr,
		b->icmpindestunreachs, b->icmpintimeexcds, b->icmpinparmprobs,
		b->icmpinsrcquenchs, b->icmpinredirects, b->icmpinechos,
		b->icmpinechoreps, b->icmpintimestamps, b->icmpintimestampreps,
		b->icmpinaddrmasks, b->icmpinaddrmaskreps, b->icmpoutmsgs,
		b->icmpouterrors, 0, 0, b->icmpoutdestunreachs,
		b->icmpouttimeexcds, 0, 0, 0, b->icmpoutechos,
		b->icmpoutechoreps, 0, 0, 0, 0,
	};
	snmp_put(m, "Icmp", f, v, ARRAY_SIZE(f));
}

/*
 * Linux's IcmpMsg: "InTypeN" for each type received, then "OutTypeN"
 * for each sent, only those not zero, and no lines at all when every
 * one is (icmpmsg_put).  Its lines hold at most 16 fields (PERLINE).
 */
static void snmp_icmpmsg(struct seq_file *m, const struct stats_mib2 *b)
{
	const struct { u8 type; bool out; u32 n; } t[] = {
		{ 0, false, b->icmpinechoreps }, { 3, false, b->icmpindestunreachs },
		{ 4, false, b->icmpinsrcquenchs }, { 5, false, b->icmpinredirects },
		{ 8, false, b->icmpinechos }, { 11, false, b->icmpintimeexcds },
		{ 12, false, b->icmpinparmprobs }, { 13, false, b->icmpintimestamps },
		{ 14, false, b->icmpintimestampreps }, { 17, false, b->icmpinaddrmasks },
		{ 18, false, b->icmpinaddrmaskreps },
		{ 0, true, b->icmpoutechoreps }, { 3, true, b->icmpoutdestunreachs },
		{ 8, true, b->icmpoutechos }, { 11, true, b->icmpouttimeexcds },
	};
	int idx[ARRAY_SIZE(t)], n = 0;

	for (unsigned i = 0; i < ARRAY_SIZE(t); i++)
		if (t[i].n)
			idx[n++] = i;
	for (int start = 0; start < n; start += 16) {
		int end = MIN(n, start + 16);
		seq_puts(m, "IcmpMsg:");
		for (int i = start; i < end; i++)
			seq_printf(m, " %sType%u", t[idx[i]].out ? "Out" : "In",
				   t[idx[i]].type);
		seq_puts(m, "\nIcmpMsg:");
		for (int i = start; i < end; i++)
			seq_printf(m, " %u", t[idx[i]].n);
		seq_putc(m, '\n');
	}
}

/* Linux's TCP_MIB_CURRESTAB: connections now ESTABLISHED or CLOSE_WAIT. */
static long tcp_curr_estab(void)
{
	long n = 0;

	for (struct tcp_pcb *pcb = tcp_active_pcbs; pcb; pcb = pcb->next)
		n += pcb->state == ESTABLISHED || pcb->state == CLOSE_WAIT;
	return n;
}

static void snmp_tcp(struct seq_file *m, const struct stats_ *s)
{
	static const char *const f[] = {
		"RtoAlgorithm", "RtoMin", "RtoMax", "MaxConn", "ActiveOpens",
		"PassiveOpens", "AttemptFails", "EstabResets", "CurrEstab",
		"InSegs", "OutSegs", "RetransSegs", "InErrs", "OutRsts",
		"InCsumErrors",
	};
	const struct stats_mib2 *b = &s->mib2;
	long v[] = {
		1, TCP_SLOW_INTERVAL, 0x7fffL * TCP_SLOW_INTERVAL, -1L,
		b->tcpactiveopens, b->tcppassiveopens, b->tcpattemptfails,
		b->tcpestabresets, tcp_curr_estab(), b->tcpinsegs,
		b->tcpoutsegs, b->tcpretranssegs, b->tcpinerrs, b->tcpoutrsts,
		s->tcp.chkerr,
	};
	snmp_put(m, "Tcp", f, v, ARRAY_SIZE(f));
}

static const char *const udp_fields[] = {
	"InDatagrams", "NoPorts", "InErrors", "OutDatagrams", "RcvbufErrors",
	"SndbufErrors", "InCsumErrors", "IgnoredMulti", "MemErrors",
};

static void snmp_udp(struct seq_file *m, const struct stats_ *s)
{
	const struct stats_mib2 *b = &s->mib2;
	long dropped = (long)(udp_rcvbuf_errors + udp_mem_errors);
	long v[] = {
		(long)b->udpindatagrams - dropped, b->udpnoports,
		(long)b->udpinerrors + dropped, b->udpoutdatagrams,
		(long)udp_rcvbuf_errors, 0, s->udp.chkerr, 0, (long)udp_mem_errors,
	};
	snmp_put(m, "Udp", udp_fields, v, ARRAY_SIZE(udp_fields));
}

void snmp_proc_show(struct seq_file *m)
{
	static const long zeros[ARRAY_SIZE(udp_fields)];

	lwip_core_lock();
	struct stats_ s = lwip_stats;	/* one consistent copy */
	snmp_ip(m, &s);
	snmp_icmp(m, &s);
	snmp_icmpmsg(m, &s.mib2);
	snmp_tcp(m, &s);
	snmp_udp(m, &s);
	lwip_core_unlock();
	snmp_put(m, "UdpLite", udp_fields, zeros, ARRAY_SIZE(udp_fields));
}
