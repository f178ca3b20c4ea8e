/*
 * http.h - reading HTTP/1.x requests, for httpd.c: find where a request
 * head ends, split the request line, pick out the few headers a static
 * server cares about, and turn the target into a safe file path.
 *
 * Pure functions on bytes, no sockets: the event loop in httpd.c hands
 * them whatever has arrived so far, and they say "not yet", "here is a
 * request" or "this is an error, answer with this status".
 *
 * Lenient where real servers are (bare "\n" line ends, no Host header
 * needed), strict where it matters (no control bytes in the target, no
 * NUL anywhere, no ".." path segment).
 */
#ifndef USER_LIB_HTTP_H
#define USER_LIB_HTTP_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define HTTP_HEAD_MAX 8192	/* request line + headers, like nginx's 8k */

/* What we understood of one request. */
struct request {
	char method[16];
	char target[2048];	/* as sent, e.g. "/a%20b?x=1" */
	int minor;		/* HTTP/1.minor */
	int keep_alive;
	int has_body;		/* Content-Length > 0 or Transfer-Encoding */
};

/* The reason phrase that goes with each status httpd sends. */
static inline const char *http_reason(int status)
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

/* Content-Type from the file name's extension. */
static inline const char *http_content_type(const char *path)
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

/* Offset just past the blank line ending the head, or 0 if not there
 * yet.  Accepts bare "\n" line ends, as most servers do. */
static inline size_t http_head_end(const char *p, size_t len)
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
static inline int http_has_token(const char *value, const char *token)
{
	size_t n = strlen(token);

	for (const char *p = value; *p; p++)
		if (strncasecmp(p, token, n) == 0)
			return 1;
	return 0;
}

/* Split "METHOD TARGET HTTP/1.x" into r; returns 0 or an error status. */
static inline int http_parse_request_line(char *line, struct request *r)
{
	char *sp1 = strchr(line, ' '), *sp2, *version;

	if (!sp1 || !(sp2 = strchr(sp1 + 1, ' ')) || strchr(sp2 + 1, ' '))
		return 400;
	*sp1 = *sp2 = 0;
	version = sp2 + 1;
	if ((size_t)(sp1 - line) >= sizeof(r->method) || sp1 == line ||
	    sp2 == sp1 + 1)
		return 400;
	for (char *p = line; *p; p++)	/* methods are upper-case tokens */
		if ((*p < 'A' || *p > 'Z') && *p != '-' && *p != '_')
			return 400;
	strcpy(r->method, line);
	for (char *p = sp1 + 1; *p; p++)	/* no controls, no spaces */
		if ((unsigned char)*p <= ' ' || *p == 127)
			return 400;
	if (strlen(sp1 + 1) >= sizeof(r->target))
		return 414;
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
static inline int http_parse_headers(char *p, struct request *r)
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
			if (http_has_token(v, "close"))
				r->keep_alive = 0;
			else if (http_has_token(v, "keep-alive"))
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
 * Parse the request head at the start of in[0..len).  Returns -1 if it
 * is not complete yet (and fits in max bytes), 0 if r holds a request,
 * or an error status.  *used is how many bytes the request took.
 */
static inline int http_parse(const char *in, size_t len, size_t max,
			     struct request *r, size_t *used)
{
	char text[HTTP_HEAD_MAX + 1];
	size_t end = http_head_end(in, len);
	char *eol;
	int st;

	memset(r, 0, sizeof(*r));
	*used = end ? end : len;
	if (!end && len < max)
		return -1;
	if (!end)	/* too big: is it the request line or the headers? */
		return memchr(in, '\n', len) ? 431 : 414;
	if (end > HTTP_HEAD_MAX || memchr(in, 0, end))
		return 400;
	memcpy(text, in, end);
	text[end] = 0;
	eol = strchr(text, '\n');
	*eol = 0;
	if (eol > text && eol[-1] == '\r')
		eol[-1] = 0;
	st = http_parse_request_line(text, r);
	return st ? st : http_parse_headers(eol + 1, r);
}

/* The value of one hex digit, or -1. */
static inline int http_hex(char ch)
{
	if (ch >= '0' && ch <= '9')
		return ch - '0';
	if (ch >= 'a' && ch <= 'f')
		return ch - 'a' + 10;
	if (ch >= 'A' && ch <= 'F')
		return ch - 'A' + 10;
	return -1;
}

/*
 * Decode %XX in the path part of target into out; 0 or 400.  Refused:
 * ".." segments, which would climb out of ROOT (also when written
 * %2e%2e, hence the check after decoding), and control bytes such as
 * %00 (ends a C string early) or %0d%0a (could forge a header line when
 * the path is echoed in a Location header).
 */
static inline int http_decode_path(const char *target, char *out, size_t size)
{
	size_t n = 0;

	if (target[0] != '/')
		return 400;	/* "http://host/..." or "*": not for us */
	for (const char *p = target; *p && *p != '?' && *p != '#'; p++) {
		int ch = (unsigned char)*p;

		if (ch == '%') {
			int hi = http_hex(p[1]), lo = hi < 0 ? -1 : http_hex(p[2]);
			if (lo < 0)
				return 400;
			ch = hi * 16 + lo;
			p += 2;
		}
		if (ch < ' ' || ch == 127 || n + 1 >= size)
			return 400;
		out[n++] = (char)ch;
	}
	out[n] = 0;
	for (char *s = strstr(out, ".."); s; s = strstr(s + 1, ".."))
		if (s[-1] == '/' && (s[2] == '/' || s[2] == 0))
			return 400;
	return 0;
}

#endif
