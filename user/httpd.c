/*
 * httpd - a small HTTP/1.1 static file server on epoll.
 *
 *   httpd [-p PORT] [-r ROOT] [-t IDLE_SECONDS] [-q]
 *     -p PORT  port (default 80; 0 = any)       -r ROOT  files (default /www)
 *     -t SECS  close connections idle this long (default 30)
 *     -q       do not log one line per request on stderr
 *
 * GET and HEAD; keep-alive; pipelining (several requests in one read
 * are answered one after the other, in order); bodies go out with
 * sendfile.  index.html gets the live counters of /proc/eventpoll in
 * place of the marker <!--EVENTPOLL-->.
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
 * An ordinary C program on musl: it builds and runs on Linux too.
 */
#include <fcntl.h>
#include <stdint.h>
#include <strings.h>
#include <sys/epoll.h>
#include <sys/sendfile.h>
#include <sys/stat.h>

#include "lib/net.h"

#define MAX_FDS 1024
#define REQ_MAX 8192		/* request line + headers, like nginx's 8k */
#define HEAD_MAX 1024		/* our answer's head (+ error body) */
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
};

/* What we understood of one request. */
struct request {
	char method[16];
	char target[2048];	/* as sent, e.g. "/a%20b?x=1" */
	int minor;		/* HTTP/1.minor */
	int keep_alive;
	int has_body;		/* Content-Length > 0 or Transfer-Encoding */
};

static struct conn *conns[MAX_FDS];
static int max_fd, epfd;
static const char *root = "/www";
static int idle_ms = 30000, quiet;
static int no_sendfile;		/* sendfile failed with EINVAL/ENOSYS once */

static const char *reason(int status)
{
	switch (status) {
	case 200: return "OK";
	case 301: return "Moved Permanently";
	case 400: return "Bad Request";
	case 403: return "Forbidden";
	case 404: return "Not Found";
	case 405: return "Method Not Allowed";
	case 414: return "URI Too Long";
	case 431: return "Request Header Fields Too Large";
	case 501: return "Not Implemented";
	case 505: return "HTTP Version Not Supported";
	default: return "Internal Server Error";
	}
}

static const char *content_type(const char *path)
{
	static const char *map[][2] = {
		{ "html", "text/html; charset=utf-8" }, { "htm", "text/html; charset=utf-8" },
		{ "css", "text/css" }, { "js", "text/javascript" },
		{ "txt", "text/plain; charset=utf-8" }, { "json", "application/json" },
		{ "png", "image/png" }, { "jpg", "image/jpeg" }, { "jpeg", "image/jpeg" },
		{ "svg", "image/svg+xml" }, { "ico", "image/x-icon" },
	};
	const char *dot = strrchr(path, '.');

	if (dot && !strchr(dot, '/'))
		for (size_t i = 0; i < sizeof(map) / sizeof(map[0]); i++)
			if (strcasecmp(dot + 1, map[i][0]) == 0)
				return map[i][1];
	return "application/octet-stream";
}

/* One log line; bytes the client sent are shown only if printable. */
static void log_request(const struct request *r, int status, long long bytes)
{
	char t[81];
	size_t i;

	if (quiet)
		return;
	for (i = 0; r->target[i] && i < sizeof(t) - 1; i++)
		t[i] = r->target[i] > ' ' && r->target[i] < 127 ? r->target[i] : '?';
	t[i] = 0;
	fprintf(stderr, "httpd: %s %s %d %lld\n", r->method[0] ? r->method : "-",
		t[0] ? t : "-", status, bytes);
}

/* ---- reading and parsing a request ---- */

/* Offset just past the blank line ending the head, or 0 if not there
 * yet.  Accepts bare "\n" line ends, as most servers do. */
static size_t head_end(const char *p, size_t len)
{
	for (size_t i = 1; i < len; i++) {
		if (p[i] != '\n')
			continue;
		if (p[i - 1] == '\n')
			return i + 1;
		if (i >= 2 && p[i - 1] == '\r' && p[i - 2] == '\n')
			return i + 1;
	}
	return 0;
}

/* Does a comma-separated header value contain token (any case)? */
static int has_token(const char *value, const char *token)
{
	size_t n = strlen(token);

	for (const char *p = value; *p; p++)
		if (strncasecmp(p, token, n) == 0)
			return 1;
	return 0;
}

/* Split "METHOD TARGET HTTP/1.x" into r; returns 0 or an error status. */
static int parse_request_line(char *line, struct request *r)
{
	char *sp1 = strchr(line, ' '), *sp2, *version;

	if (!sp1 || !(sp2 = strchr(sp1 + 1, ' ')) || strchr(sp2 + 1, ' '))
		return 400;
	*sp1 = *sp2 = 0;
	version = sp2 + 1;
	if ((size_t)(sp1 - line) >= sizeof(r->method) || sp1 == line ||
	    strlen(sp1 + 1) >= sizeof(r->target) || sp2 == sp1 + 1)
		return 400;
	for (char *p = line; *p; p++)	/* methods are upper-case tokens */
		if ((*p < 'A' || *p > 'Z') && *p != '-' && *p != '_')
			return 400;
	for (char *p = sp1 + 1; *p; p++)	/* no controls, no spaces */
		if ((unsigned char)*p <= ' ' || *p == 127)
			return 400;
	strcpy(r->method, line);
	strcpy(r->target, sp1 + 1);
	if (strncmp(version, "HTTP/", 5) != 0 || strlen(version) != 8 ||
	    version[6] != '.' || version[5] < '0' || version[5] > '9' ||
	    version[7] < '0' || version[7] > '9')
		return 400;
	if (version[5] != '1')
		return 505;
	r->minor = version[7] - '0';
	r->keep_alive = r->minor >= 1;	/* 1.1: on unless "close" */
	return 0;
}

/* Look at the headers we care about; returns 0 or 400. */
static int parse_headers(char *p, struct request *r)
{
	while (*p) {
		char *eol = strchr(p, '\n'), *colon;

		if (!eol)
			break;
		*eol = 0;
		if (eol > p && eol[-1] == '\r')
			eol[-1] = 0;
		if (*p == 0)
			break;		/* the blank line */
		colon = strchr(p, ':');
		if (!colon || colon == p)
			return 400;
		*colon = 0;
		char *v = colon + 1;
		if (strcasecmp(p, "connection") == 0) {
			if (has_token(v, "close"))
				r->keep_alive = 0;
			else if (has_token(v, "keep-alive"))
				r->keep_alive = 1;
		} else if (strcasecmp(p, "transfer-encoding") == 0) {
			r->has_body = 1;
		} else if (strcasecmp(p, "content-length") == 0) {
			r->has_body |= strtoll(v, NULL, 10) != 0;
		}
		p = eol + 1;
	}
	return 0;
}

/*
 * Parse the request at the start of c->in.  Returns -1 if it is not
 * complete yet, 0 if r holds a request, or an error status.  *used is
 * how many bytes of c->in the request took.
 */
static int parse_request(struct conn *c, struct request *r, size_t *used)
{
	char text[REQ_MAX + 1];
	size_t end;
	int st;

	memset(r, 0, sizeof(*r));
	/* Blank lines between requests are allowed (RFC 9112 2.2). */
	while (c->in_len > 0 && (c->in[0] == '\r' || c->in[0] == '\n'))
		memmove(c->in, c->in + 1, --c->in_len);
	end = head_end(c->in, c->in_len);
	*used = end ? end : c->in_len;
	if (!end && c->in_len < REQ_MAX)
		return -1;
	if (!end)
		return memchr(c->in, '\n', c->in_len) ? 431 : 414;
	if (memchr(c->in, 0, end))
		return 400;
	memcpy(text, c->in, end);
	text[end] = 0;
	char *eol = strchr(text, '\n');
	*eol = 0;
	if (eol > text && eol[-1] == '\r')
		eol[-1] = 0;
	st = parse_request_line(text, r);
	return st ? st : parse_headers(eol + 1, r);
}

/* ---- building the answer ---- */

/* Put the status line and headers in c->head.  extra: more header
 * lines ending in "\r\n", or "". */
static void start_answer(struct conn *c, int status, const char *type,
			 long long length, const char *extra)
{
	int n = snprintf(c->head, HEAD_MAX,
			 "HTTP/1.1 %d %s\r\nServer: epollos-httpd\r\n"
			 "Content-Type: %s\r\nContent-Length: %lld\r\n%s"
			 "Connection: %s\r\n\r\n", status, reason(status), type,
			 length, extra, c->close_after ? "close" : "keep-alive");

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
			 status, reason(status));

	start_answer(c, status, "text/html; charset=utf-8", n, extra);
	if (strcmp(r->method, "HEAD") != 0 && c->head_len + n < HEAD_MAX) {
		memcpy(c->head + c->head_len, body, n);
		c->head_len += n;
	}
	log_request(r, status, n);
}

/* Decode %XX in the path part of target into out; 0 or 400.  ".."
 * segments are refused: they would climb out of ROOT. */
static int decode_path(const char *target, char *out, size_t size)
{
	size_t n = 0;

	if (target[0] != '/')
		return 400;	/* "http://host/..." or "*": not for us */
	for (const char *p = target; *p && *p != '?' && *p != '#'; p++) {
		char ch = *p;

		if (ch == '%') {
			unsigned v;
			if (sscanf(p + 1, "%2x", &v) != 1 || !p[1] || !p[2] || v == 0)
				return 400;
			ch = (char)v;
			p += 2;
		}
		if (n + 1 >= size)
			return 400;
		out[n++] = ch;
	}
	out[n] = 0;
	for (char *s = strstr(out, ".."); s; s = strstr(s + 1, ".."))
		if (s[-1] == '/' && (s[2] == '/' || s[2] == 0))
			return 400;
	return 0;
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

/* index.html with <!--EVENTPOLL--> replaced by the kernel's counters,
 * HTML-escaped, or by a note when there is no /proc/eventpoll. */
static char *eventpoll_page(const char *path, size_t *len)
{
	static const char marker[] = "<!--EVENTPOLL-->";
	size_t plen, clen = 0, n = 0;
	char *page = read_small(path, PAGE_MAX, &plen), *at, *out, *cnt;

	if (!page || !(at = strstr(page, marker))) {
		*len = plen;
		return page;
	}
	cnt = read_small("/proc/eventpoll", 16384, &clen);
	out = malloc(plen + 6 * clen + 128);
	if (!out) {
		free(cnt);
		*len = plen;
		return page;
	}
	memcpy(out, page, (size_t)(at - page));
	n = (size_t)(at - page);
	if (!cnt) {
		n += (size_t)sprintf(out + n, "<p class=\"note\">counters appear "
				     "when running on epollos</p>");
	} else {
		n += (size_t)sprintf(out + n, "<pre class=\"counters\">");
		for (size_t i = 0; i < clen; i++) {
			const char *e = cnt[i] == '<' ? "&lt;" : cnt[i] == '>' ? "&gt;" :
					cnt[i] == '&' ? "&amp;" : NULL;
			if (e)
				n += (size_t)sprintf(out + n, "%s", e);
			else
				out[n++] = cnt[i];
		}
		n += (size_t)sprintf(out + n, "</pre>");
	}
	strcpy(out + n, at + sizeof(marker) - 1);
	*len = n + strlen(at + sizeof(marker) - 1);
	free(cnt);
	free(page);
	return out;
}

/* Open the file a GET/HEAD asks for and start the answer. */
static void answer_file(struct conn *c, struct request *r)
{
	char path[1100], full[1200];
	struct stat st;
	int head = strcmp(r->method, "HEAD") == 0, fd;

	if (decode_path(r->target, path, sizeof(path)))
		return answer_error(c, r, 400, "");
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
		c->page = eventpoll_page(full, &c->page_len);
		if (!c->page)
			return answer_error(c, r, 404, "");
		start_answer(c, 200, content_type(full), (long long)c->page_len, "");
		if (head)
			c->page_len = 0;
		return log_request(r, 200, head ? 0 : (long long)c->page_len);
	}
	start_answer(c, 200, content_type(full), (long long)st.st_size, "");
	c->file = fd;
	c->file_left = head ? 0 : st.st_size;
	log_request(r, 200, (long long)c->file_left);
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
		return answer_file(c, r);
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

static void set_interest(struct conn *c, uint32_t events)
{
	struct epoll_event e = { .events = events, .data.fd = c->fd };

	epoll_ctl(epfd, EPOLL_CTL_MOD, c->fd, &e);
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
		int st = parse_request(c, &req, &used);
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

static void accept_all(int lfd)
{
	for (;;) {
		int fd = accept4(lfd, NULL, NULL, SOCK_NONBLOCK | SOCK_CLOEXEC);
		struct conn *c;

		if (fd < 0 && (errno == EINTR || errno == ECONNABORTED))
			continue;
		if (fd < 0)
			return;		/* EAGAIN: all taken; or EMFILE etc. */
		c = calloc(1, sizeof(*c));
		struct epoll_event e = { .events = EPOLLIN, .data.fd = fd };
		if (fd >= MAX_FDS || !c || epoll_ctl(epfd, EPOLL_CTL_ADD, fd, &e) < 0) {
			close(fd);
			free(c);
			continue;
		}
		c->fd = fd;
		c->file = -1;
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

int main(int argc, char **argv)
{
	struct epoll_event events[64];
	int port = 80, lfd, opt;
	long long next_scan;

	while ((opt = getopt(argc, argv, "p:r:t:q")) != -1) {
		switch (opt) {
		case 'p': port = parse_port("httpd", optarg); break;
		case 'r': root = optarg; break;
		case 't': idle_ms = atoi(optarg) * 1000; break;
		case 'q': quiet = 1; break;
		default:
			fprintf(stderr, "usage: httpd [-p PORT] [-r ROOT] [-t IDLE_SECONDS] [-q]\n");
			return 2;
		}
	}
	if (idle_ms <= 0)
		idle_ms = 30000;
	ignore_sigpipe();
	lfd = listen_tcp(&port);
	epfd = epoll_create1(EPOLL_CLOEXEC);
	struct epoll_event e = { .events = EPOLLIN, .data.fd = lfd };
	if (epfd < 0 || epoll_ctl(epfd, EPOLL_CTL_ADD, lfd, &e) < 0)
		die("epoll");
	printf("httpd: listening on port %d, serving %s (idle timeout %d s)\n",
	       port, root, idle_ms / 1000);
	fflush(stdout);
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
			next_scan = now_ms() + 1000;
		}
	}
}
