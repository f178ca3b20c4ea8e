/* proc_net: /proc/net/tcp and /proc/net/udp as Linux prints them.  A
 * listener on 127.0.0.1 with three connections: one accepted, each side
 * with bytes written and not read; one left in the accept queue; one
 * closed (client in TIME_WAIT, server gone).  Two UDP sockets, one
 * connected to the other, a datagram waiting.  The header lines must be
 * Linux's byte for byte, every line padded to Linux's width, and each of
 * our sockets' rows must show its addresses, state, queues, timer and
 * inode (that of its descriptor, or 0 where Linux has no socket file).
 * Ports are ephemeral and printed by name; other sockets on the host are
 * left out by their ports. */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <stddef.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include "check.h"
#include "inet_common.h"
#include "../lib/proc.h"

#define TCP_WIDTH	149
#define UDP_WIDTH	127
#define BACKLOG		5
#define MAX_ROWS	16
#define RX_SOME		(~0u)	/* rx_queue: not 0, its size Linux's own */

static const char tcp_header[] =
	"  sl  local_address rem_address   st tx_queue rx_queue tr tm->when "
	"retrnsmt   uid  timeout inode";
static const char udp_header[] =
	"   sl  local_address rem_address   st tx_queue rx_queue tr tm->when "
	"retrnsmt   uid  timeout inode ref pointer drops";

static char text[4 << 20];	/* a busy host has thousands of rows */

/* One parsed row, and the descriptor of ours it belongs to. */
struct row {
	const char *role;
	int fd;				/* -1: none of ours */
	unsigned want_st, want_tx, want_rx, want_tr;
	int want_ino;			/* 1: the fd's inode, 0: none */
	int want_fields;
	int seen;
	unsigned sl, src, srcp, dst, dstp, st, tx, rx, tr, retr, uid, timeout;
	unsigned long when, ino;
	int fields;
};

static struct row tcp_rows[MAX_ROWS], udp_rows[MAX_ROWS];
static int ntcp, nudp;

/* Port numbers by name, to print them the same way everywhere. */
static struct {
	unsigned port;
	const char *name;
} ports[8];
static int nports;

static void name_port(int fd, const char *name)
{
	struct sockaddr_in a;
	socklen_t len = sizeof(a);

	getsockname(fd, (struct sockaddr *)&a, &len);
	ports[nports].port = ntohs(a.sin_port);
	ports[nports++].name = name;
}

static unsigned port_of(const char *name)
{
	for (int i = 0; i < nports; i++)
		if (!strcmp(ports[i].name, name))
			return ports[i].port;
	return 0;
}

static const char *port_name(unsigned port)
{
	for (int i = 0; i < nports; i++)
		if (ports[i].port == port)
			return ports[i].name;
	return port ? "other" : "0";
}

static long slurp(const char *path)
{
	return proc_read_file(path, text, sizeof(text));
}

static int count_fields(const char *line, const char *end)
{
	int n = 0;

	for (const char *p = line; p < end; p++)
		if (*p != ' ' && (p == line || p[-1] == ' '))
			n++;
	return n;
}

/* Fill the row of rows[] whose local and remote ports these are. */
static void match_row(struct row *rows, int nrows, const char *line,
		      const char *end)
{
	struct row r;

	if (sscanf(line, "%u: %x:%x %x:%x %x %x:%x %x:%lx %x %u %u %lu",
		   &r.sl, &r.src, &r.srcp, &r.dst, &r.dstp, &r.st, &r.tx,
		   &r.rx, &r.tr, &r.when, &r.retr, &r.uid, &r.timeout,
		   &r.ino) != 14)
		return;
	for (int i = 0; i < nrows; i++) {
		struct row *w = &rows[i];
		if (r.srcp != w->srcp || r.dstp != w->dstp ||
		    r.src != htonl(INADDR_LOOPBACK))
			continue;
		memcpy(&w->sl, &r.sl, sizeof(r) - offsetof(struct row, sl));
		w->fields = count_fields(line, end);
		w->seen = 1;
	}
}

/* Parse the file in text; check the header and every line's width and
 * the sl numbers (running from 0 for TCP, never going down for UDP's
 * buckets); returns whether those all held. */
static int parse(const char *header, int width, struct row *rows, int nrows,
		 int running_sl)
{
	int ok = 1, lineno = 0;
	long last = -1;

	for (int i = 0; i < nrows; i++)
		rows[i].seen = 0;
	for (char *line = text; *line; lineno++) {
		char *end = strchr(line, '\n');
		if (!end)
			return 0;
		if (end - line != width)
			ok = 0;
		if (lineno == 0) {
			size_t n = strlen(header);
			ok &= !strncmp(line, header, n) &&
			      strspn(line + n, " ") == (size_t)(end - line) - n;
		} else {
			long sl = strtol(line, NULL, 10);
			ok &= running_sl ? sl == last + 1 : sl >= last;
			last = sl;
			match_row(rows, nrows, line, end);
		}
		line = end + 1;
	}
	return ok && lineno > 0;
}

static int rx_ok(const struct row *r)
{
	return r->want_rx == RX_SOME ? r->rx != 0 : r->rx == r->want_rx;
}

static int settled(struct row *rows, int nrows)
{
	for (int i = 0; i < nrows; i++) {
		struct row *r = &rows[i];
		if (r->seen != (r->want_st != 0) ||
		    (r->seen && (r->st != r->want_st || r->tx != r->want_tx ||
				 !rx_ok(r) || r->tr != r->want_tr)))
			return 0;
	}
	return 1;
}

/* Read both files until every row is as expected (the last ACKs and the
 * FIN handshake may still be on their way), for at most 5 s. */
static void read_settled(int *tcp_ok, int *udp_ok)
{
	struct timespec pause = { 0, 20 * 1000 * 1000 };

	for (int tries = 0; tries < 250; tries++) {
		*tcp_ok = slurp("/proc/net/tcp") > 0 &&
			  parse(tcp_header, TCP_WIDTH, tcp_rows, ntcp, 1);
		int tcp_done = settled(tcp_rows, ntcp);
		*udp_ok = slurp("/proc/net/udp") > 0 &&
			  parse(udp_header, UDP_WIDTH, udp_rows, nudp, 0);
		if (tcp_done && settled(udp_rows, nudp))
			return;
		nanosleep(&pause, NULL);
	}
}

/* The inode the row shows: its descriptor's (fstat and readlink of
 * /proc/self/fd agree), 0, or another. */
static const char *inode_kind(const struct row *r)
{
	char path[64], target[64], want[64];
	struct stat st;

	if (r->ino == 0)
		return "0";
	snprintf(path, sizeof(path), "/proc/self/fd/%d", r->fd);
	ssize_t n = readlink(path, target, sizeof(target) - 1);
	target[n > 0 ? n : 0] = 0;
	snprintf(want, sizeof(want), "socket:[%lu]", r->ino);
	if (r->fd >= 0 && fstat(r->fd, &st) == 0 && st.st_ino == r->ino &&
	    !strcmp(target, want))
		return "the fd's";
	return "another";
}

static const char *addr(unsigned ip, unsigned port, char *buf)
{
	struct in_addr a = { .s_addr = ip };	/* printed as the u32 */

	sprintf(buf, "%s:%s", inet_ntoa(a), port_name(port));
	return buf;
}

static void print_rows(const char *proto, struct row *rows, int nrows)
{
	for (int i = 0; i < nrows; i++) {
		struct row *r = &rows[i];
		char src[32], dst[32];
		if (!r->want_st) {
			report(!r->seen, "%s %s: %s", proto, r->role,
			       r->seen ? "listed" : "not listed");
			continue;
		}
		if (!r->seen) {
			report(0, "%s %s: missing", proto, r->role);
			continue;
		}
		const char *ino = inode_kind(r);
		char rx[16];
		/* Linux shows no owner for TIME_WAIT: uid 0. */
		unsigned uid = r->st == 0x06 ? 0 : getuid();
		if (r->want_rx == RX_SOME)
			snprintf(rx, sizeof(rx), "%s", r->rx ? "some" : "0");
		else
			snprintf(rx, sizeof(rx), "%u", r->rx);
		int ok = r->st == r->want_st && r->tx == r->want_tx &&
			 rx_ok(r) && r->tr == r->want_tr && r->retr == 0 &&
			 r->uid == uid && r->timeout == 0 &&
			 !strcmp(ino, r->want_ino ? "the fd's" : "0") &&
			 r->fields == r->want_fields &&
			 (r->tr == 3) == (r->when != 0);
		report(ok, "%s %s: %s %s st %02X tx_queue %u rx_queue %s "
		       "tr %02X when %s retrnsmt %u uid %s timeout %u inode %s, "
		       "%d fields", proto, r->role, addr(r->src, r->srcp, src),
		       addr(r->dst, r->dstp, dst), r->st, r->tx,
		       rx, r->tr, r->when ? "later" : "0",
		       r->retr, r->uid == uid ? "as Linux" : "another",
		       r->timeout, ino, r->fields);
	}
}

/* Expect a row for fd (its local port and peer's), or none (st 0). */
static void want(struct row *rows, int *n, const char *role, int fd,
		 const char *local, const char *peer, unsigned st,
		 unsigned tx, unsigned rx, unsigned tr, int ino, int fields)
{
	rows[(*n)++] = (struct row){
		.role = role, .fd = fd, .srcp = port_of(local),
		.dstp = port_of(peer), .want_st = st, .want_tx = tx,
		.want_rx = rx, .want_tr = tr, .want_ino = ino,
		.want_fields = fields,
	};
}

static int tcp_socket(void)
{
	return socket(AF_INET, SOCK_STREAM, 0);
}

static int connect_to(int fd, unsigned port)
{
	struct sockaddr_in a = addr_of(port);

	return connect(fd, (struct sockaddr *)&a, sizeof(a));
}

static int bind_any_port(int fd)
{
	struct sockaddr_in a = addr_of(0);

	return bind(fd, (struct sockaddr *)&a, sizeof(a));
}

static void setup_tcp(void)
{
	int l = tcp_socket(), c1 = tcp_socket(), c2 = tcp_socket(),
	    c3 = tcp_socket();
	char buf[8];

	long r = bind_any_port(l);

	r = r ? r : listen(l, BACKLOG);
	report(r == 0, "listen on 127.0.0.1: %s", err(r));
	name_port(l, "L");
	unsigned lport = port_of("L");
	r = connect_to(c1, lport);
	report(r == 0, "connect 1: %s", err(r));
	int s1 = accept(l, NULL, NULL);
	r = connect_to(c3, lport);
	report(r == 0, "connect 3: %s", err(r));
	int s3 = accept(l, NULL, NULL);
	r = connect_to(c2, lport);
	report(r == 0, "connect 2 (left unaccepted): %s", err(r));
	name_port(c1, "C1");
	name_port(c2, "C2");
	name_port(c3, "C3");
	report(write(c1, "1234567", 7) == 7 && write(s1, "abc", 3) == 3,
	       "7 bytes to the server, 3 to the client, unread: yes");
	/* The server sees the FIN before it closes: it goes CLOSE_WAIT,
	 * LAST_ACK, gone; the client FIN_WAIT2, then TIME_WAIT. */
	report(shutdown(c3, SHUT_WR) == 0 && read(s3, buf, sizeof(buf)) == 0 &&
	       close(s3) == 0, "connection 3 closed: yes");

	want(tcp_rows, &ntcp, "listener", l, "L", "0", 0x0A, 0, 1, 0, 1, 17);
	want(tcp_rows, &ntcp, "client 1", c1, "C1", "L", 0x01, 0, 3, 0, 1, 17);
	want(tcp_rows, &ntcp, "server 1", s1, "L", "C1", 0x01, 0, 7, 0, 1, 17);
	want(tcp_rows, &ntcp, "client 2", c2, "C2", "L", 0x01, 0, 0, 0, 1, 17);
	want(tcp_rows, &ntcp, "server 2 (not accepted)", -1, "L", "C2", 0x01,
	     0, 0, 0, 0, 17);
	want(tcp_rows, &ntcp, "client 3 (TIME_WAIT)", c3, "C3", "L", 0x06, 0,
	     0, 3, 0, 12);
	want(tcp_rows, &ntcp, "server 3 (closed)", -1, "L", "C3", 0, 0, 0, 0,
	     0, 0);
}

static void setup_udp(void)
{
	int u1 = socket(AF_INET, SOCK_DGRAM, 0), u2 = socket(AF_INET, SOCK_DGRAM, 0);

	long r = bind_any_port(u1);

	r = r ? r : bind_any_port(u2);
	report(r == 0, "two UDP sockets bound to 127.0.0.1: %s", err(r));
	name_port(u1, "U1");
	name_port(u2, "U2");
	r = connect_to(u2, port_of("U1"));
	r = r ? r : send(u2, "hi", 2, 0);
	report(r == 2, "the second connected to the first, a datagram sent: %s",
	       err(r));
	want(udp_rows, &nudp, "bound", u1, "U1", "0", 0x07, 0, RX_SOME, 0, 1, 13);
	want(udp_rows, &nudp, "connected", u2, "U2", "U1", 0x01, 0, 0, 0, 1, 13);
}

/* A listing longer than one page of text: 200 connections and their
 * listener make 401 rows, every one of which must be there. */
static void many_rows(void)
{
	enum { N = 200 };
	int l = tcp_socket(), fds[2 * N], made = 0;
	struct sockaddr_in a;
	socklen_t len = sizeof(a);

	bind_any_port(l);
	listen(l, N);
	getsockname(l, (struct sockaddr *)&a, &len);
	unsigned port = ntohs(a.sin_port);
	for (int i = 0; i < N; i++) {
		fds[2 * i] = tcp_socket();
		if (connect_to(fds[2 * i], port) == 0 &&
		    (fds[2 * i + 1] = accept(l, NULL, NULL)) >= 0)
			made++;
	}
	char hex[24];
	snprintf(hex, sizeof(hex), "0100007F:%04X ", port);
	long n = slurp("/proc/net/tcp");
	int rows = 0;
	for (char *line = text; n > 0 && line < text + n;) {
		char *end = memchr(line, '\n', text + n - line);
		if (!end)
			break;
		*end = 0;
		rows += strstr(line, hex) != NULL;
		line = end + 1;
	}
	report(made == N && rows == 2 * N + 1, "%d connections: %d rows in /proc/net/tcp",
	       made, rows);
	for (int i = 0; i < made; i++) {
		close(fds[2 * i]);
		close(fds[2 * i + 1]);
	}
	close(l);
}

int main(void)
{
	int tcp_ok, udp_ok;

	setup_tcp();
	setup_udp();
	read_settled(&tcp_ok, &udp_ok);
	report(tcp_ok, "/proc/net/tcp: Linux's header, every line %d wide, "
	       "sl counting from 0: %s", TCP_WIDTH, yesno(tcp_ok));
	print_rows("tcp", tcp_rows, ntcp);
	report(udp_ok, "/proc/net/udp: Linux's header, every line %d wide, "
	       "sl (buckets) in order: %s", UDP_WIDTH, yesno(udp_ok));
	print_rows("udp", udp_rows, nudp);
	many_rows();
	return failed != 0;
}
