/* e1000: the grading test of docs/labs/e1000.md.  Frames have to come
 * in through the NIC's receive ring: the test talks to tools/lab-peer.py
 * on the host (10.0.2.2 from inside QEMU's user networking; tools/lab.sh
 * starts it and writes its address to /etc/lab-peer) and checks that
 * every datagram of bursts three times the size of the ring arrives
 * once and intact, that 300 KB sent by the peer over TCP arrive whole, that the
 * NIC still interrupts after a quiet spell, and what /proc/net/dev
 * counted.  One line per check, "FAIL: " in front of a failure.  On
 * Linux: build/user/labs/e1000 127.0.0.1:PORT, with the peer running. */
#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include "lab.h"

#define BURSTS 30
#define BURST 100		/* datagrams per burst: 3,000 in all */
#define DGRAM 200		/* bytes each */
#define TCP_BYTES (300 * 1024)

static struct sockaddr_in peer;

static int peer_from(const char *spec)
{
	char host[64];
	int port;
	if (sscanf(spec, "%63[^: ]%*[: ]%d", host, &port) != 2)
		return -1;
	memset(&peer, 0, sizeof(peer));
	peer.sin_family = AF_INET;
	peer.sin_port = htons(port);
	return inet_pton(AF_INET, host, &peer.sin_addr) == 1 ? 0 : -1;
}

/* The interface the traffic crosses: eth0 here, lo for a peer on the
 * same machine (Linux, on the host). */
static unsigned long rx_packets(void)
{
	char line[256];
	unsigned long eth = 0, lo = 0, v;
	int have_eth = (ntohl(peer.sin_addr.s_addr) >> 24) != 127;
	FILE *f = fopen("/proc/net/dev", "r");
	if (!f)
		return 0;
	while (fgets(line, sizeof(line), f)) {
		char *colon = strchr(line, ':');
		if (!colon || sscanf(colon + 1, "%*u %lu", &v) != 1)
			continue;
		if (strstr(line, "eth0:"))
			eth = v;
		else if (strstr(line, "lo:"))
			lo = v;
	}
	fclose(f);
	return have_eth ? eth : lo;
}

/* A datagram or nothing within ms. */
static ssize_t recv_within(int s, char *buf, size_t len, int ms)
{
	struct pollfd p = { s, POLLIN, 0 };
	if (poll(&p, 1, ms) != 1)
		return -1;
	return recv(s, buf, len, 0);
}

static int udp_echo(int s, const char *text)
{
	char msg[64], buf[64];
	snprintf(msg, sizeof(msg), "echo %s", text);
	sendto(s, msg, strlen(msg), 0, (struct sockaddr *)&peer, sizeof(peer));
	ssize_t n = recv_within(s, buf, sizeof(buf) - 1, 3000);
	if (n < 0)
		return 0;
	buf[n] = 0;
	return !strcmp(buf, text);
}

static int intact(const char *buf, ssize_t n, int *seq)
{
	char *end;
	long v = strtol(buf, &end, 10);
	if (n != DGRAM || end == buf || *end != ' ')
		return 0;
	for (const char *p = end + 1; p < buf + n; p++)
		if ((unsigned char)*p != v % 251)
			return 0;
	*seq = (int)v;
	return 1;
}

static void bursts(int s)
{
	static unsigned char seen[BURSTS * BURST];
	char buf[2048], req[64];
	int dup = 0, bad = 0, lost = 0, got = 0;

	for (int b = 0; b < BURSTS; b++) {
		snprintf(req, sizeof(req), "burst %d %d %d", BURST, b * BURST, DGRAM);
		sendto(s, req, strlen(req), 0, (struct sockaddr *)&peer, sizeof(peer));
		int this = 0;
		ssize_t n;
		while (this < BURST && (n = recv_within(s, buf, sizeof(buf), 1500)) >= 0) {
			int seq;
			if (!intact(buf, n, &seq) || seq < 0 || seq >= BURSTS * BURST)
				bad++;
			else if (seen[seq]++)
				dup++;
			else
				got++, this++;
		}
		lost += BURST - this;
		if (!this)
			break;		/* nothing comes in: do not wait 30 times */
	}
	report(got > BURSTS * BURST * 95 / 100,
	       "%d bursts of %d datagrams (three times the ring): they arrive: %s",
	       BURSTS, BURST, got == BURSTS * BURST ? "all" :
	       got > BURSTS * BURST * 95 / 100 ? "nearly all" : got ? "too few" : "none");
	report(got && !dup && !bad,
	       "each once and intact (no old descriptor read again, no wrong length): %s",
	       !got ? "nothing to judge" : dup ? "duplicates" : bad ? "damaged ones" : "yes");
	(void)lost;
}

static int tcp_connect(void)
{
	int c = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
	connect(c, (struct sockaddr *)&peer, sizeof(peer));
	struct pollfd p = { c, POLLOUT, 0 };
	int err = 0;
	socklen_t len = sizeof(err);
	if (poll(&p, 1, 4000) != 1 ||
	    getsockopt(c, SOL_SOCKET, SO_ERROR, &err, &len) || err) {
		close(c);
		return -1;
	}
	return c;
}

/* The peer sends TCP_BYTES of its pattern: full frames, back to back,
 * through the receive ring (our side sends only the request and ACKs). */
static void tcp_download(void)
{
	static unsigned char in[TCP_BYTES];
	int c = tcp_connect();
	size_t got = 0;
	char req[32];

	snprintf(req, sizeof(req), "send %d\n", TCP_BYTES);
	if (c >= 0 && write(c, req, strlen(req)) == (ssize_t)strlen(req)) {
		long long end = now_ms() + 20000;
		while (got < sizeof(in) && now_ms() < end) {
			struct pollfd p = { c, POLLIN, 0 };
			if (poll(&p, 1, 1000) <= 0)
				continue;
			ssize_t n = read(c, in + got, sizeof(in) - got);
			if (n <= 0)
				break;
			got += n;
		}
	}
	size_t bad = 0;
	for (size_t i = 0; i < got; i++)
		if (in[i] != (unsigned char)(7 * i + i / 1000))
			bad++;
	report(got == sizeof(in) && !bad,
	       "%d KB over TCP from the peer arrive whole and in order: %s", TCP_BYTES / 1024,
	       c < 0 ? "no connection" : got < sizeof(in) ? "short" : bad ? "damaged" : "yes");
	if (c >= 0)
		close(c);
}

int main(int argc, char **argv)
{
	char spec[80] = "";
	FILE *f = argc > 1 ? NULL : fopen("/etc/lab-peer", "r");
	if (argc > 1)
		snprintf(spec, sizeof(spec), "%s", argv[1]);
	else if (f)
		fgets(spec, sizeof(spec), f);
	if (f)
		fclose(f);
	if (peer_from(spec)) {
		report(0, "no peer: run under tools/lab.sh grade, or give IP:PORT");
		return 1;
	}
	int s = socket(AF_INET, SOCK_DGRAM, 0);
	unsigned long rx0 = rx_packets();
	report(udp_echo(s, "hello"), "a UDP datagram to the peer and its echo back: %s",
	       "the first frames in");
	bursts(s);
	tcp_download();
	msleep(800);		/* quiet: the NIC's interrupts must be back on */
	report(udp_echo(s, "again"), "after a quiet spell, another echo comes back "
	       "(interrupts re-enabled after the poll)");
	unsigned long rx = rx_packets() - rx0;
	report(rx >= BURSTS * BURST, "/proc/net/dev counted the frames received: %s",
	       rx >= BURSTS * BURST ? "at least the 3,000 datagrams" : "too few");
	close(s);
	return failed ? 1 : 0;
}
