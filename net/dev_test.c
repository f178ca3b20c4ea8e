/*
 * dev_test.c - self-tests of the /proc/net/dev text: the exact columns
 * programs that parse it (ifconfig, ip -s, netstat -i) expect.
 * Process context.
 */
#include "kernel/kernel.h"
#include "kernel/string.h"
#include "kernel/selftest.h"
#include "net/netdevice.h"

SELFTEST(proc_net_dev_format)
{
	struct rtnl_link_stats64 s = {
		.rx_bytes = 1234567, .rx_packets = 890, .rx_errors = 3,
		.rx_dropped = 4, .rx_missed_errors = 1,	/* "drop" = 5 */
		.rx_length_errors = 1, .rx_over_errors = 2,
		.rx_crc_errors = 1,			/* "frame" = 4 */
		.multicast = 7, .tx_bytes = 98765, .tx_packets = 321,
		.tx_dropped = 2, .tx_carrier_errors = 1, .tx_window_errors = 1,
	};
	static const char want[] =
		"  eth0: 1234567     890    3    5    0     4          0"
		"         7    98765     321    0    2    0     0       2"
		"          0\n";
	char buf[256];

	int n = dev_seq_printf_stats(buf, sizeof(buf), "eth0", &s);
	ST_ASSERT_EQ(n, (int)strlen(want));
	ST_ASSERT(strcmp(buf, want) == 0);

	/* A counter wider than its column pushes the rest right, as in
	 * Linux; the line still ends in a newline. */
	s.rx_bytes = 123456789012ULL;
	n = dev_seq_printf_stats(buf, sizeof(buf), "lo", &s);
	ST_ASSERT(strncmp(buf, "    lo: 123456789012     890 ", 29) == 0);
	ST_ASSERT(buf[n - 1] == '\n');
	return 0;
}

SELFTEST(proc_net_dev_header)
{
	char buf[512];
	size_t n = dev_seq_show_all(buf, sizeof(buf));

	ST_ASSERT(strncmp(buf, "Inter-|   Receive    ", 21) == 0);
	const char *second = strchr(buf, '\n');
	ST_ASSERT(second != NULL);
	ST_ASSERT(strncmp(second + 1, " face |bytes    packets errs drop fifo "
			  "frame compressed multicast|bytes    packets errs "
			  "drop fifo colls carrier compressed\n", 110) == 0);
	ST_ASSERT_EQ(n, strlen(buf));
	/* A short buffer is filled and terminated, never overrun. */
	char small[40];
	memset(small, 'x', sizeof(small));
	ST_ASSERT_EQ(dev_seq_show_all(small, 32), 31);
	ST_ASSERT_EQ(small[31], '\0');
	ST_ASSERT_EQ(small[32], 'x');
	return 0;
}
