/*
 * proc_net_test.c - self-tests of the /proc/net/tcp and /proc/net/udp
 * text: Linux's header lines, every line padded to the same width, a
 * short buffer cut between lines, and a pcb that no socket owns (one of
 * the kernel's own lwIP users) listed with inode 0.  Process context.
 */
#include "kernel/kernel.h"
#include "kernel/string.h"
#include "kernel/selftest.h"
#include "net/lwip/lwip_port.h"
#include "net/proc_net.h"
#include "lwip/opt.h"
#include "lwip/tcp.h"

#define TCP4_LINE	150	/* 149 columns and the newline */
#define UDP4_LINE	128

static char text[4096];

/* A file's text into the first size bytes of text; its length. */
static size_t show(void (*proc_show)(struct seq_file *), size_t size)
{
	struct seq_file m = { .buf = text, .size = size };

	proc_show(&m);
	return m.count;
}

/* Whether every line of text is width long, newline included. */
static bool lines_are(const char *s, size_t width)
{
	for (const char *nl; *s; s = nl + 1) {
		nl = strchr(s, '\n');
		if (!nl || (size_t)(nl - s) + 1 != width)
			return false;
	}
	return true;
}

SELFTEST(proc_net_tcp_text)
{
	static const char header[] =
		"  sl  local_address rem_address   st tx_queue rx_queue tr "
		"tm->when retrnsmt   uid  timeout inode";
	struct tcp_pcb *pcb, *lpcb = NULL;

	lwip_core_lock();
	pcb = tcp_new();
	if (pcb && tcp_bind(pcb, IP4_ADDR_ANY, 4999) == ERR_OK)
		lpcb = tcp_listen(pcb);
	lwip_core_unlock();
	ST_ASSERT(lpcb != NULL);

	size_t n = show(tcp4_proc_show, sizeof(text));
	lwip_core_lock();
	tcp_close(lpcb);
	lwip_core_unlock();

	ST_ASSERT_EQ(n, strlen(text));
	ST_ASSERT(strncmp(text, header, sizeof(header) - 1) == 0);
	ST_ASSERT(text[sizeof(header) - 1] == ' ');
	ST_ASSERT(lines_are(text, TCP4_LINE));
	/* Listeners come first, the newest first: port 4999 (1387 in hex),
	 * owned by no socket, so inode 0. */
	static const char row[] = "   0: 00000000:1387 00000000:0000 0A "
		"00000000:00000000 00:00000000 00000000     0        0 0 1 ";
	ST_ASSERT(strncmp(text + TCP4_LINE, row, sizeof(row) - 1) == 0);
	/* Whole lines or nothing (a buffer filled to the last byte counts
	 * as cut: seq_has_overflowed cannot tell the two apart). */
	ST_ASSERT_EQ(show(tcp4_proc_show, TCP4_LINE + 1), 0);
	ST_ASSERT_EQ(text[0], '\0');
	ST_ASSERT_EQ(show(tcp4_proc_show, TCP4_LINE + 2), TCP4_LINE);
	return 0;
}

SELFTEST(proc_net_udp_text)
{
	static const char header[] =
		"   sl  local_address rem_address   st tx_queue rx_queue tr "
		"tm->when retrnsmt   uid  timeout inode ref pointer drops";
	size_t n = show(udp4_proc_show, sizeof(text));

	ST_ASSERT_EQ(n, strlen(text));
	ST_ASSERT(strncmp(text, header, sizeof(header) - 1) == 0);
	ST_ASSERT(text[sizeof(header) - 1] == ' ');
	ST_ASSERT(lines_are(text, UDP4_LINE));
	ST_ASSERT_EQ(show(udp4_proc_show, UDP4_LINE), 0);
	return 0;
}
