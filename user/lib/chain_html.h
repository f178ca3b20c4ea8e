/*
 * chain_html.h - the wake-up chain of a socket as an HTML timeline, for
 * httpd's index page (user/httpd.c).
 *
 * The kernel keeps the chains that reach a socket with SO_CHAIN set
 * (kernel/chaintrace.c) and shows them in /proc/self/fdinfo/FD, one
 * step a line, in the console trace's words:
 *
 *   chain-connect:	+0us e1000_intr icr=0x80       (the accept's chain)
 *   chain:	+0us e1000_intr icr=0x80               (the last one)
 *   chain:	+105us inet_tcp_recv sk=0x... len=78
 *   ...
 *
 * chain_html() turns the two into timelines: a row per step, in order,
 * with its time since the interrupt, what it is, the file that does it,
 * and a mark placed along a bar as far as that time is into the chain.
 * Plain HTML and CSS (www/style.css); each row carries data-step, so a
 * test can read the order back from the DOM.  Everything is "static
 * inline" (see net.h for why).
 */
#ifndef USER_LIB_CHAIN_HTML_H
#define USER_LIB_CHAIN_HTML_H

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* This kernel's own socket option (net/sock.h); Linux refuses it. */
#define SO_CHAIN	0x6368

/* What each step is, for a reader of the page. */
static const struct chain_step_doc {
	const char *name, *what, *where;
} chain_step_docs[] = {
	{ "e1000_intr", "the network card interrupts: a frame is in its ring",
	  "drivers/e1000.c" },
	{ "ethernetif_input", "knetd takes the frame off the ring and gives it to lwIP",
	  "net/lwip/ethernetif.c" },
	{ "ip4_input", "lwIP checks the IP header and finds the TCP connection",
	  "lwIP" },
	{ "inet_tcp_accept", "a new connection: queued on the listening socket",
	  "net/inet_stream.c" },
	{ "inet_tcp_recv", "our receive callback queues the data on the socket",
	  "net/inet_stream.c" },
	{ "inet_tcp_sent", "our data was acknowledged: room to send",
	  "net/inet_stream.c" },
	{ "inet_udp_recv", "a datagram queued on the socket", "net/udp.c" },
	{ "sock_def_readable", "sk_data_ready wakes the socket's wait queue",
	  "net/socket.c" },
	{ "sock_def_write_space", "sk_write_space wakes the socket's wait queue",
	  "net/socket.c" },
	{ "sock_def_wakeup", "sk_state_change wakes everyone on the socket's queue",
	  "net/socket.c" },
	{ "ep_poll_callback", "epoll's callback puts the epitem on the ready list",
	  "fs/eventpoll.c" },
	{ "ep_insert", "nobody watched yet: epoll_ctl(ADD) finds the socket ready",
	  "fs/eventpoll.c" },
	{ "try_to_wake_up", "the server, asleep in epoll_wait, is made runnable",
	  "kernel/sched.c" },
	{ "epoll_wait", "epoll_wait returns the event to the server",
	  "fs/eventpoll_syscalls.c" },
};

static inline const struct chain_step_doc *chain_step_doc(const char *name)
{
	for (size_t i = 0; i < sizeof(chain_step_docs) / sizeof(chain_step_docs[0]); i++)
		if (!strcmp(chain_step_docs[i].name, name))
			return &chain_step_docs[i];
	return NULL;
}

/* A growing output buffer; on overflow the text is cut, never overrun. */
struct chain_out {
	char *buf;
	size_t size, len;
};

static inline void chain_put(struct chain_out *o, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
static inline void chain_put(struct chain_out *o, const char *fmt, ...)
{
	va_list ap;

	if (o->len >= o->size)
		return;
	va_start(ap, fmt);
	int n = vsnprintf(o->buf + o->len, o->size - o->len, fmt, ap);
	va_end(ap);
	o->len = n < 0 || o->len + (size_t)n > o->size ? o->size : o->len + (size_t)n;
}

static inline void chain_put_escaped(struct chain_out *o, const char *s)
{
	for (; *s && o->len + 6 < o->size; s++) {
		if (*s == '<')
			chain_put(o, "&lt;");
		else if (*s == '>')
			chain_put(o, "&gt;");
		else if (*s == '&')
			chain_put(o, "&amp;");
		else
			o->buf[o->len++] = *s;
	}
	if (o->len < o->size)
		o->buf[o->len] = 0;
}

/* One step of the fdinfo text. */
struct chain_step {
	unsigned long us;
	char name[32];
	char text[128];
};

#define CHAIN_STEPS_MAX 16

/* The steps of fdinfo's lines that start with prefix ("chain:\t"). */
static inline int chain_parse(const char *fdinfo, const char *prefix,
			      struct chain_step *steps)
{
	size_t plen = strlen(prefix);
	int n = 0;

	for (const char *p = fdinfo; p && *p && n < CHAIN_STEPS_MAX; ) {
		const char *eol = strchr(p, '\n');
		size_t len = eol ? (size_t)(eol - p) : strlen(p);
		char line[200];
		if (!strncmp(p, prefix, plen) && len < sizeof(line)) {
			memcpy(line, p + plen, len - plen);
			line[len - plen] = 0;
			struct chain_step *s = &steps[n];
			int used = 0;
			if (sscanf(line, "+%luus %31s %n", &s->us, s->name, &used) >= 2) {
				snprintf(s->text, sizeof(s->text), "%s", line + used);
				n++;
			}
		}
		p = eol ? eol + 1 : NULL;
	}
	return n;
}

/* One timeline. */
static inline void chain_timeline(struct chain_out *o, const char *id,
				  const char *title, const struct chain_step *s,
				  int n)
{
	unsigned long total = n ? s[n - 1].us : 0;

	chain_put(o, "<h3>%s <span class=\"where\">%lu &micro;s from the interrupt to "
		  "epoll_wait's return</span></h3>\n", title, total);
	chain_put(o, "<ol class=\"timeline\" id=\"%s\">\n", id);
	for (int i = 0; i < n; i++) {
		const struct chain_step_doc *d = chain_step_doc(s[i].name);
		/* Where along the bar: time over the whole, in tenths of a
		 * percent (an empty chain or zero total: all at the start). */
		unsigned long at = total ? s[i].us * 1000 / total : 0;
		chain_put(o, "<li data-step=\"%s\" data-us=\"%lu\">"
			  "<span class=\"t\">+%lu &micro;s</span> "
			  "<code class=\"step\">%s</code> ", s[i].name, s[i].us,
			  s[i].us, s[i].name);
		chain_put(o, "<span class=\"what\">%s</span> "
			  "<span class=\"where\">%s</span>",
			  d ? d->what : "", d ? d->where : "");
		chain_put(o, "<span class=\"bar\"><span class=\"mark\" "
			  "style=\"left:%lu.%lu%%\"></span></span>",
			  at / 10, at % 10);
		chain_put(o, "<span class=\"args\">");
		chain_put_escaped(o, s[i].text);
		chain_put(o, "</span></li>\n");
	}
	chain_put(o, "</ol>\n");
}

/*
 * The timelines of the socket whose /proc/self/fdinfo text is fdinfo
 * (NULL: none, as on Linux), into buf; its length.  The request's chain
 * first (the one that brought the bytes this page answers), then the
 * connection's (the accept that woke the server for it).
 */
static inline size_t chain_html(const char *fdinfo, char *buf, size_t size)
{
	struct chain_out o = { buf, size, 0 };
	struct chain_step steps[CHAIN_STEPS_MAX];
	int n;

	if (size)
		buf[0] = 0;
	n = fdinfo ? chain_parse(fdinfo, "chain:\t", steps) : 0;
	if (!n) {
		chain_put(&o, "<p class=\"note\">The chain appears when this server "
			  "runs on epollos, which keeps it for each of httpd's "
			  "sockets (SO_CHAIN).</p>\n");
		return o.len;
	}
	chain_timeline(&o, "chain-request", "Your request", steps, n);
	n = chain_parse(fdinfo, "chain-connect:\t", steps);
	if (n)
		chain_timeline(&o, "chain-connect", "Your connection", steps, n);
	return o.len;
}

#endif
