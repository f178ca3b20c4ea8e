/*
 * httpd - a small HTTP/1.1 static file server on epoll.
 *
 *   httpd [-p PORT] [-r ROOT] [-t IDLE_SECONDS] [-w WORKERS] [-q] [-C] [-H]
 *     -p PORT  port (default 80; 0 = any)       -r ROOT  files (default /www)
 *     -t SECS  close connections idle this long (default 30)
 *     -w N     N worker processes (see below); default: one process
 *     -q       do not log one line per request on stderr
 *     -C       do not ask the kernel for the wake-up chains (SO_CHAIN):
 *              the index page then has none; for measuring their cost
 *     -H       answer every GET with "hello, world\n", no file: the
 *              answer of ../shared/bench's server, whose scripts accept
 *              no other, so that both are measured by the same client
 *
 * GET and HEAD; keep-alive; pipelining (several requests in one read
 * are answered one after the other, in order); bodies go out with
 * sendfile.  index.html gets the live counters of /proc/eventpoll in
 * place of the marker <!--EVENTPOLL-->, and the wake-up chain of the
 * very request it answers in place of <!--CHAIN--> (lib/chain_html.h:
 * the kernel keeps it for our sockets, SO_CHAIN, and /proc/self/fdinfo
 * shows it; only this page reads it).  /live is a page that fetches
 * /live.txt (the counters and /proc/chains) every second.
 *
 * Every connection is a small state machine driven by epoll:
 *   READING    collect bytes until a whole request head has arrived
 *   SENDING    push the answer out; only EPOLLOUT is wanted, so a client
 *              that pipelines forever but never reads is simply no
 *              longer read from (its memory stays bounded)
 *   LINGERING  after an answer that ends the connection: shut down our
 *              sending side and throw away what the client still sends,
 *              so that closing does not reset the connection and
 *              destroy the answer before the client has read it
 * Sockets are level-triggered (the default): we react to "there is
 * something to read", which keeps the state machine simple.
 *
 * Bad input never stops the server: a head larger than REQ_MAX is
 * answered 431 (414 if even the request line does not fit), garbage 400,
 * unknown methods 501, known ones we do not serve 405, "..": 400.  A
 * client that stops (half-open, never reads) is closed after the idle
 * timeout.  Our kernel has no timerfd, so the timeout is epoll_wait's:
 * we wake at least once a second and scan the connections.
 *
 * Workers (-w N), nginx's pattern: the listening socket is made before
 * fork, and each of N worker processes has an epoll of its own that
 * watches it with EPOLLEXCLUSIVE, so that a new connection wakes one
 * sleeping worker, not all N (the thundering herd, docs/labs/exclusive.md).
 * A connection stays with the worker that accepted it.  Each answer
 * then carries "X-Worker: K" (1..N), and a log line starts
 * "httpd[K]:".  The first process stays as the master: it starts the
 * workers, starts a worker again if one is killed, and stops them all
 * when it is told to stop (SIGINT, SIGTERM) or one exits by itself.
 * With SMP, the workers run on different CPUs at the same time.
 *
 * Parsing requests is in lib/http.h; this file is the event loop.
 *
 * An ordinary C program on musl: it builds and runs on Linux too.
 */
#define _GNU_SOURCE	/* accept4, for glibc too; musl has it anyway */
#include <fcntl.h>
#include <stdint.h>
#include <strings.h>
#include <sys/epoll.h>
#include <sys/sendfile.h>
#include <sys/stat.h>
#include <sys/wait.h>

#include "lib/chain_html.h"
#include "lib/http.h"
#include "lib/net.h"

#define MAX_FDS 1024
#define REQ_MAX HTTP_HEAD_MAX
#define HEAD_MAX 2048		/* our answer's head (+ error body) */
#define PAGE_MAX (256 * 1024)	/* index.html is read into memory */
#define LINGER_MAX (4 << 20)	/* bytes discarded before giving up */
#define CHUNK 16384

enum state { READING, SENDING, LINGERING };

struct conn {
	int fd;
	enum state state;
	long long last_active;	/* now_ms() of the last progress */
	int peer_closed;	/* read() returned 0: no more requests */
	int close_after;	/* close once this answer is out */
	char in[REQ_MAX];	/* received, not yet parsed */
	size_t in_len;
	char head[HEAD_MAX];	/* answer head, then maybe a small body */
	size_t head_len, head_off;
	char *page;		/* body from memory (index.html), or NULL */
	size_t page_len, page_off;
	int file;		/* body from this file, or -1 */
	off_t file_left;	/* body bytes still to send from file */
	char *chunk;		/* read/write fallback: bytes read, unsent */
	size_t chunk_len, chunk_off;
	size_t discarded;	/* LINGERING: bytes thrown away */
	uint32_t events;	/* what epoll watches for now */
};

static struct conn *conns[MAX_FDS];
static int max_fd, epfd;
static const char *root = "/www";
static int idle_ms = 30000, quiet;
static int no_sendfile;		/* sendfile failed with EINVAL/ENOSYS once */
static int listener_paused;	/* out of fds: see watch_listener */
static int no_chain;		/* -C: do not ask for the chains */
static int chain_kept;		/* the kernel keeps our chains (SO_CHAIN) */
static int worker;		/* -w: this worker's number, 1..N; 0: none */
static int hello;		/* -H: "hello, world\n" for every GET */

/* One log line; bytes the client sent are shown only if printable. */
static void log_request(const struct request *r, int status, long long bytes)
{
	char t[81];
	size_t i;

	char who[16] = "";

	if (quiet)
		return;
	for (i = 0; r->target[i] && i < sizeof(t) - 1; i++)
		t[i] = r->target[i] > ' ' && r->target[i] < 127 ? r->target[i] : '?';
	t[i] = 0;
	if (worker)
		snprintf(who, sizeof(who), "[%d]", worker);
	fprintf(stderr, "httpd%s: %s %s %d %lld\n", who, r->method[0] ? r->method : "-",
		t[0] ? t : "-", status, bytes);
}

/* ---- building the answer ---- */

/* Put the status line and headers in c->head.  extra: more header
 * lines ending in "\r\n", or "". */
static void start_answer(struct conn *c, int status, const char *type,
			 long long length, const char *extra)
{
	char who[32] = "";

	if (worker)
		snprintf(who, sizeof(who), "X-Worker: %d\r\n", worker);
	int n = snprintf(c->head, HEAD_MAX,
			 "HTTP/1.1 %d %s\r\nServer: epollos-httpd\r\n"
			 "Content-Type: %s\r\nContent-Length: %lld\r\n%s%s"
			 "Connection: %s\r\n\r\n", status, http_reason(status), type,
			 length, extra, who, c->close_after ? "close" : "keep-alive");

	c->head_len = n < HEAD_MAX ? (size_t)n : HEAD_MAX - 1;
	c->head_off = 0;
	c->state = SENDING;
}

/* An error answer: a tiny HTML body after the head, in c->head too. */
static void answer_error(struct conn *c, struct request *r, int status,
			 const char *extra)
{
	char body[128];
	int n = snprintf(body, sizeof(body),
			 "<html><body><h1>%d %s</h1></body></html>\n",
			 status, http_reason(status));

	start_answer(c, status, "text/html; charset=utf-8", n, extra);
	if (strcmp(r->method, "HEAD") != 0 && c->head_len + n < HEAD_MAX) {
		memcpy(c->head + c->head_len, body, n);
		c->head_len += n;
	}
	log_request(r, status, n);
}

/* Read a small file (maybe /proc: size unknown) into a malloc'ed,
 * NUL-terminated buffer; NULL if it cannot be read. */
static char *read_small(const char *path, size_t max, size_t *len)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	char *buf = fd >= 0 ? malloc(max + 1) : NULL;
	ssize_t n;

	*len = 0;
	while (buf && *len < max && (n = read(fd, buf + *len, max - *len)) > 0)
		*len += (size_t)n;
	if (fd >= 0)
		close(fd);
	if (buf)
		buf[*len] = 0;
	return buf;
}

/* Text as HTML: the three characters that matter escaped. */
static size_t html_escape(char *out, const char *in, size_t n)
{
	size_t len = 0;

	for (size_t i = 0; i < n; i++) {
		const char *e = in[i] == '<' ? "&lt;" : in[i] == '>' ? "&gt;" :
				in[i] == '&' ? "&amp;" : NULL;
		if (e)
			len += (size_t)sprintf(out + len, "%s", e);
		else
			out[len++] = in[i];
	}
	out[len] = 0;
	return len;
}

/* The counters of /proc/eventpoll as HTML (malloc'ed), or a note. */
static char *eventpoll_html(void)
{
	size_t clen;
	char *cnt = read_small("/proc/eventpoll", 16384, &clen);
	char *out = malloc(6 * clen + 128);

	if (out && !cnt)
		strcpy(out, "<p class=\"note\">counters appear when running on epollos</p>");
	else if (out)
		html_escape(out + sprintf(out, "<pre class=\"counters\">"), cnt, clen),
		strcat(out, "</pre>");
	free(cnt);
	return out;
}

/* The chain that brought this connection's request, as HTML, in a
 * buffer of ours (one process, one page at a time: no allocation for
 * it).  fdinfo's text is read only if the kernel keeps our chains. */
static const char *chain_html_of(int fd)
{
	static char info[8192], out[32768];
	char path[64];
	ssize_t n = -1;

	snprintf(path, sizeof(path), "/proc/self/fdinfo/%d", fd);
	int f = chain_kept ? open(path, O_RDONLY | O_CLOEXEC) : -1;
	if (f >= 0) {
		n = read(f, info, sizeof(info) - 1);
		close(f);
	}
	info[n > 0 ? n : 0] = 0;
	chain_html(n > 0 ? info : NULL, out, sizeof(out));
	return out;
}

/* page (malloc'ed, *len bytes) with its first marker replaced by text;
 * the old page is freed.  Without the marker (or memory), page as is. */
static char *replace_marker(char *page, size_t *len, const char *marker,
			    const char *text)
{
	char *at = page ? strstr(page, marker) : NULL;
	size_t mlen = strlen(marker), tlen = text ? strlen(text) : 0;
	char *out = at && text ? malloc(*len - mlen + tlen + 1) : NULL;

	if (!out)
		return page;
	size_t head = (size_t)(at - page);
	memcpy(out, page, head);
	memcpy(out + head, text, tlen);
	memcpy(out + head + tlen, at + mlen, *len - head - mlen + 1);
	*len = *len - mlen + tlen;
	free(page);
	return out;
}

/* index.html with <!--EVENTPOLL--> replaced by the kernel's counters
 * and <!--CHAIN--> by the wake-up chain of connection fd's request. */
static char *index_page(const char *path, size_t *len, int fd)
{
	char *page = read_small(path, PAGE_MAX, len), *text;

	if (page && strstr(page, "<!--EVENTPOLL-->")) {
		text = eventpoll_html();
		page = replace_marker(page, len, "<!--EVENTPOLL-->", text);
		free(text);
	}
	if (page && strstr(page, "<!--CHAIN-->"))
		page = replace_marker(page, len, "<!--CHAIN-->", chain_html_of(fd));
	return page;
}

/* /live.txt, for the live page's fetch(): /proc/eventpoll, a line
 * "--", then /proc/chains (empty where they do not exist). */
static char *live_text(size_t *len)
{
	size_t a, b;
	char *ep = read_small("/proc/eventpoll", 16384, &a);
	char *ch = read_small("/proc/chains", 65536, &b);
	char *out = malloc((ep ? a : 0) + (ch ? b : 0) + 8);

	*len = 0;
	if (out)
		*len = (size_t)sprintf(out, "%s--\n%s", ep ? ep : "", ch ? ch : "");
	free(ep);
	free(ch);
	return out;
}

/* Open the file a GET/HEAD asks for and start the answer. */
static void answer_file(struct conn *c, struct request *r)
{
	char path[1100], full[1200];
	struct stat st;
	int head = strcmp(r->method, "HEAD") == 0, fd;

	if (http_decode_path(r->target, path, sizeof(path)))
		return answer_error(c, r, 400, "");
	if (!strcmp(path, "/live.txt")) {
		c->page = live_text(&c->page_len);
		if (!c->page)
			return answer_error(c, r, 500, "");
		start_answer(c, 200, "text/plain; charset=utf-8", (long long)c->page_len,
			     "Cache-Control: no-store\r\n");
		if (head)
			c->page_len = 0;
		return log_request(r, 200, (long long)c->page_len);
	}
	if (!strcmp(path, "/live"))
		strcpy(path, "/live.html");
	snprintf(full, sizeof(full), "%s%s", root, path);
	fd = open(full, O_RDONLY | O_CLOEXEC);
	if (fd >= 0 && fstat(fd, &st) == 0 && S_ISDIR(st.st_mode)) {
		close(fd);
		if (path[strlen(path) - 1] != '/') {	/* so relative links work */
			char loc[1200];
			snprintf(loc, sizeof(loc), "Location: %s/\r\n", path);
			return answer_error(c, r, 301, loc);
		}
		strncat(full, "index.html", sizeof(full) - strlen(full) - 1);
		fd = open(full, O_RDONLY | O_CLOEXEC);
	}
	if (fd < 0 || fstat(fd, &st) < 0 || !S_ISREG(st.st_mode)) {
		int status = fd < 0 && errno == EACCES ? 403 : 404;
		if (fd >= 0)
			close(fd);
		return answer_error(c, r, status, "");
	}
	if (strcmp(strrchr(full, '/'), "/index.html") == 0) {
		close(fd);
		c->page = index_page(full, &c->page_len, c->fd);
		if (!c->page)
			return answer_error(c, r, 404, "");
		start_answer(c, 200, http_content_type(full), (long long)c->page_len, "");
		if (head)
			c->page_len = 0;
		return log_request(r, 200, head ? 0 : (long long)c->page_len);
	}
	start_answer(c, 200, http_content_type(full), (long long)st.st_size, "");
	c->file = fd;
	c->file_left = head ? 0 : st.st_size;
	log_request(r, 200, (long long)c->file_left);
}

/* -H: the 13 bytes the Linux peer's server answers, from memory. */
static void answer_hello(struct conn *c, struct request *r)
{
	static const char text[] = "hello, world\n";

	c->page = strdup(text);
	if (!c->page)
		return answer_error(c, r, 500, "");
	c->page_len = strcmp(r->method, "HEAD") ? sizeof(text) - 1 : 0;
	start_answer(c, 200, "text/plain", (long long)sizeof(text) - 1, "");
	log_request(r, 200, (long long)c->page_len);
}

/* Answer a parsed request (status 0) or a parse error. */
static void answer(struct conn *c, struct request *r, int status)
{
	static const char *known[] = { "POST", "PUT", "DELETE", "OPTIONS",
				       "PATCH", "TRACE", "CONNECT" };

	/* After a malformed request we cannot know where the next one
	 * starts; and we never read request bodies.  Either way: close. */
	if (status || r->has_body || !r->keep_alive || c->peer_closed)
		c->close_after = 1;
	if (status)
		return answer_error(c, r, status, "");
	if (strcmp(r->method, "GET") == 0 || strcmp(r->method, "HEAD") == 0)
		return hello ? answer_hello(c, r) : answer_file(c, r);
	for (size_t i = 0; i < sizeof(known) / sizeof(known[0]); i++)
		if (strcmp(r->method, known[i]) == 0)
			return answer_error(c, r, 405, "Allow: GET, HEAD\r\n");
	c->close_after = 1;
	answer_error(c, r, 501, "");
}

/* ---- sending ---- */

/* Send from memory; 0 done, 1 blocked, -1 error. */
static int send_mem(int fd, const char *p, size_t len, size_t *off)
{
	while (*off < len) {
		ssize_t n = send(fd, p + *off, len - *off, MSG_NOSIGNAL);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return errno == EAGAIN || errno == EWOULDBLOCK ? 1 : -1;
		*off += (size_t)n;
	}
	return 0;
}

/*
 * Send the file body.  sendfile copies from the file to the socket
 * inside the kernel, without bringing the bytes to user space.  With a
 * NULL offset it advances the file position, so if it turns out not to
 * be supported we can carry on with plain read() and send().
 */
static int send_file(struct conn *c)
{
	while (c->file_left > 0 || c->chunk_off < c->chunk_len) {
		if (c->chunk_off < c->chunk_len) {	/* fallback leftovers */
			int r = send_mem(c->fd, c->chunk, c->chunk_len, &c->chunk_off);
			if (r)
				return r;
			continue;
		}
		if (!no_sendfile) {
			size_t want = c->file_left > (1 << 20) ? (1 << 20) : (size_t)c->file_left;
			ssize_t n = sendfile(c->fd, c->file, NULL, want);
			if (n > 0) {
				c->file_left -= n;
				continue;
			}
			if (n < 0 && (errno == EINVAL || errno == ENOSYS)) {
				no_sendfile = 1;
				continue;
			}
			if (n < 0 && errno == EINTR)
				continue;
			if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
				return 1;
			return -1;	/* error, or the file shrank (n == 0) */
		}
		if (!c->chunk && !(c->chunk = malloc(CHUNK)))
			return -1;
		size_t want = c->file_left > CHUNK ? CHUNK : (size_t)c->file_left;
		ssize_t n = read(c->file, c->chunk, want);
		if (n <= 0)
			return -1;
		c->chunk_len = (size_t)n;
		c->chunk_off = 0;
		c->file_left -= n;
	}
	return 0;
}

static int send_answer(struct conn *c)
{
	off_t before = c->file_left;
	size_t hoff = c->head_off, poff = c->page_off, coff = c->chunk_off;
	int r = send_mem(c->fd, c->head, c->head_len, &c->head_off);

	if (r == 0 && c->page)
		r = send_mem(c->fd, c->page, c->page_len, &c->page_off);
	if (r == 0 && c->file >= 0)
		r = send_file(c);
	if (before != c->file_left || hoff != c->head_off || poff != c->page_off ||
	    coff != c->chunk_off)
		c->last_active = now_ms();	/* progress: not idle */
	return r;
}

static void end_answer(struct conn *c)
{
	free(c->page);
	free(c->chunk);
	if (c->file >= 0)
		close(c->file);
	c->page = c->chunk = NULL;
	c->page_len = c->page_off = c->chunk_len = c->chunk_off = 0;
	c->file = -1;
	c->state = READING;
}

/* ---- connections ---- */

/* Wait for EPOLLIN (reading, lingering) or EPOLLOUT (sending); a
 * system call only when that changes. */
static void set_interest(struct conn *c, uint32_t events)
{
	struct epoll_event e = { .events = events, .data.fd = c->fd };

	if (events != c->events && epoll_ctl(epfd, EPOLL_CTL_MOD, c->fd, &e) == 0)
		c->events = events;
}

static void close_conn(struct conn *c)
{
	end_answer(c);
	close(c->fd);
	conns[c->fd] = NULL;
	free(c);
}

/* Our last answer is queued: send FIN, then read and drop whatever the
 * client still sends until it closes too (see LINGERING above). */
static void start_linger(struct conn *c)
{
	if (c->peer_closed) {
		close_conn(c);
		return;
	}
	shutdown(c->fd, SHUT_WR);
	c->state = LINGERING;
	c->in_len = 0;
	set_interest(c, EPOLLIN);
}

/* Answer every complete request we hold, in order, until one blocks. */
static void process(struct conn *c)
{
	for (;;) {
		if (c->state == SENDING) {
			int r = send_answer(c);
			if (r < 0)
				return close_conn(c);
			if (r > 0)
				return set_interest(c, EPOLLOUT);
			end_answer(c);
			if (c->close_after)
				return start_linger(c);
		}
		struct request req;
		size_t used;
		int st;
		/* Blank lines between requests are allowed (RFC 9112 2.2). */
		while (c->in_len > 0 && (c->in[0] == '\r' || c->in[0] == '\n'))
			memmove(c->in, c->in + 1, --c->in_len);
		st = http_parse(c->in, c->in_len, REQ_MAX, &req, &used);
		if (st < 0) {
			if (c->peer_closed)
				return close_conn(c);
			return set_interest(c, EPOLLIN);
		}
		memmove(c->in, c->in + used, c->in_len - used);
		c->in_len -= used;
		answer(c, &req, st);
	}
}

static void on_readable(struct conn *c)
{
	char junk[CHUNK];
	char *dst = c->state == LINGERING ? junk : c->in + c->in_len;
	size_t room = c->state == LINGERING ? sizeof(junk) : REQ_MAX - c->in_len;
	ssize_t n = room ? read(c->fd, dst, room) : 0;

	if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR))
		return;
	if (n < 0 || (n == 0 && c->state == LINGERING))
		return close_conn(c);
	if (n == 0 && room)
		c->peer_closed = 1;
	c->last_active = now_ms();
	if (c->state == LINGERING) {
		c->discarded += (size_t)n;
		if (c->discarded > LINGER_MAX)
			close_conn(c);
		return;
	}
	c->in_len += (size_t)n;
	process(c);
}

/*
 * Stop (on = 0) or resume (on = 1) watching the listening socket.  When
 * we run out of fds, accept4 fails with EMFILE but the connection stays
 * queued, so the level-triggered listener would be reported again at
 * once and we would spin.  We pause it instead; the idle scan resumes
 * it a second later, when timeouts may have freed some fds.  A worker's
 * item is EPOLLEXCLUSIVE, which EPOLL_CTL_MOD refuses: it is deleted
 * and added again instead.
 */
static void watch_listener(int lfd, int on)
{
	struct epoll_event e = { .events = on ? EPOLLIN : 0, .data.fd = lfd };
	int r;

	if (worker) {
		e.events |= EPOLLEXCLUSIVE;
		r = on ? epoll_ctl(epfd, EPOLL_CTL_ADD, lfd, &e) :
			 epoll_ctl(epfd, EPOLL_CTL_DEL, lfd, NULL);
	} else {
		r = epoll_ctl(epfd, EPOLL_CTL_MOD, lfd, &e);
	}
	if (r == 0)
		listener_paused = !on;
}

static void accept_all(int lfd)
{
	for (;;) {
		int fd = accept4(lfd, NULL, NULL, SOCK_NONBLOCK | SOCK_CLOEXEC);
		struct conn *c;

		if (fd < 0 && (errno == EINTR || errno == ECONNABORTED))
			continue;
		if (fd < 0 && errno != EAGAIN && errno != EWOULDBLOCK)
			watch_listener(lfd, 0);	/* EMFILE, ENFILE, ENOBUFS... */
		if (fd < 0)
			return;
		c = calloc(1, sizeof(*c));
		struct epoll_event e = { .events = EPOLLIN, .data.fd = fd };
		if (fd >= MAX_FDS || !c || epoll_ctl(epfd, EPOLL_CTL_ADD, fd, &e) < 0) {
			close(fd);
			free(c);
			continue;
		}
		c->fd = fd;
		c->file = -1;
		c->events = EPOLLIN;
		c->last_active = now_ms();
		conns[fd] = c;
		if (fd > max_fd)
			max_fd = fd;
	}
}

/* Close every connection that made no progress for idle_ms. */
static void expire_idle(long long now)
{
	for (int fd = 0; fd <= max_fd; fd++)
		if (conns[fd] && now - conns[fd]->last_active >= idle_ms)
			close_conn(conns[fd]);
}

/* The event loop: accept on lfd, serve, scan for idle connections. */
static void __attribute__((noreturn)) serve(int lfd)
{
	struct epoll_event events[64];
	long long next_scan;

	epfd = epoll_create1(EPOLL_CLOEXEC);
	struct epoll_event e = { .events = EPOLLIN, .data.fd = lfd };
	if (worker)
		e.events |= EPOLLEXCLUSIVE;	/* one worker per wake-up */
	if (epfd < 0 || epoll_ctl(epfd, EPOLL_CTL_ADD, lfd, &e) < 0)
		die("epoll");
	next_scan = now_ms() + 1000;
	for (;;) {
		/* Sleep until an event or the next idle scan, whichever first. */
		long long wait = next_scan - now_ms();
		int n = epoll_wait(epfd, events, 64, wait < 0 ? 0 : (int)wait);

		if (n < 0 && errno != EINTR)
			die("epoll_wait");
		for (int i = 0; i < n; i++) {
			int fd = events[i].data.fd;
			struct conn *c = conns[fd];

			if (fd == lfd)
				accept_all(lfd);
			else if (c && (events[i].events & EPOLLERR))
				close_conn(c);
			else if (c && c->state == SENDING)
				process(c);	/* EPOLLOUT (or HUP: send fails) */
			else if (c)
				on_readable(c);
		}
		if (now_ms() >= next_scan) {
			expire_idle(now_ms());
			if (listener_paused)
				watch_listener(lfd, 1);
			next_scan = now_ms() + 1000;
		}
	}
}

/* ---- the master of -w N ---- */

static pid_t worker_pid[64];
static int nworkers;
static volatile sig_atomic_t stopping;

static void on_stop(int sig)
{
	(void)sig;
	stopping = 1;
}

/* Worker k (1..nworkers) in a new process; the master gets its pid. */
static pid_t start_worker(int lfd, int k)
{
	pid_t pid = fork();

	if (pid == 0) {
		signal(SIGINT, SIG_DFL);
		signal(SIGTERM, SIG_DFL);
		worker = k;
		serve(lfd);	/* never returns */
	}
	if (pid < 0)
		fprintf(stderr, "httpd: fork: %s\n", strerror(errno));
	worker_pid[k - 1] = pid;
	return pid;
}

/* Start the workers and look after them; returns the exit status. */
static int master(int lfd)
{
	int status, k, rc = 0;
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_stop;	/* no SA_RESTART: waitpid returns */
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	for (k = 1; k <= nworkers; k++)
		if (start_worker(lfd, k) < 0)
			stopping = 1, rc = 1;
	while (!stopping) {
		pid_t pid = waitpid(-1, &status, 0);
		if (pid < 0)
			continue;	/* EINTR: stopping, most likely */
		for (k = 1; k <= nworkers && worker_pid[k - 1] != pid; k++)
			;
		if (k > nworkers)
			continue;
		if (WIFSIGNALED(status)) {
			/* Killed (a crash, or by hand): its connections are
			 * gone, the listener is not; a new one takes its place. */
			fprintf(stderr, "httpd: worker %d (pid %d) killed by signal %d; starting it again\n",
				k, (int)pid, WTERMSIG(status));
			if (start_worker(lfd, k) < 0)
				stopping = 1, rc = 1;
		} else {
			fprintf(stderr, "httpd: worker %d (pid %d) exited with status %d\n",
				k, (int)pid, WEXITSTATUS(status));
			worker_pid[k - 1] = 0;
			stopping = 1, rc = WEXITSTATUS(status) ? WEXITSTATUS(status) : 1;
		}
	}
	for (k = 1; k <= nworkers; k++)
		if (worker_pid[k - 1] > 0)
			kill(worker_pid[k - 1], SIGTERM);
	while (wait(&status) > 0)
		;
	return rc;
}

int main(int argc, char **argv)
{
	int port = 80, lfd, opt;

	while ((opt = getopt(argc, argv, "p:r:t:w:qCH")) != -1) {
		switch (opt) {
		case 'p': port = parse_port("httpd", optarg); break;
		case 'r': root = optarg; break;
		case 't': idle_ms = atoi(optarg) * 1000; break;
		case 'w': nworkers = atoi(optarg); break;
		case 'q': quiet = 1; break;
		case 'C': no_chain = 1; break;
		case 'H': hello = 1; break;
		default:
			fprintf(stderr, "usage: httpd [-p PORT] [-r ROOT] [-t IDLE_SECONDS] [-w WORKERS] [-q] [-C] [-H]\n");
			return 2;
		}
	}
	if (nworkers < 0 || nworkers > (int)(sizeof(worker_pid) / sizeof(worker_pid[0]))) {
		fprintf(stderr, "httpd: -w: 1 to %d workers\n",
			(int)(sizeof(worker_pid) / sizeof(worker_pid[0])));
		return 2;
	}
	if (idle_ms <= 0)
		idle_ms = 30000;
	ignore_sigpipe();
	lfd = listen_tcp(&port);
	/* Keep the chains of our connections for the index page; this
	 * kernel's own option (Linux refuses it, and there is no chain). */
	int one = 1;
	chain_kept = !no_chain &&
		     setsockopt(lfd, SOL_SOCKET, SO_CHAIN, &one, sizeof(one)) == 0;
	int rootfd = hello ? -2 : open(root, O_RDONLY | O_CLOEXEC);	/* say if it is missing */
	if (rootfd == -1)
		fprintf(stderr, "httpd: warning: %s: %s\n", root, strerror(errno));
	else if (rootfd >= 0)
		close(rootfd);
	printf("httpd: listening on port %d, serving %s (idle timeout %d s", port,
	       hello ? "\"hello, world\"" : root, idle_ms / 1000);
	if (nworkers)
		printf(", %d workers, EPOLLEXCLUSIVE", nworkers);
	printf(")\n");
	fflush(stdout);
	if (nworkers)
		return master(lfd);
	serve(lfd);
}
