/* kmsg: /dev/kmsg as Linux's: one record per read, "prio,seq,usec,flags;
 * text\n".  A line written to it (with a "<N>" level) comes back as a
 * record of facility LOG_USER (prio 8 + N) with its text, sequence
 * numbers grow by one, EAGAIN at the end with O_NONBLOCK, EINVAL for a
 * buffer too small for the record (which is passed over, as in Linux), poll says readable while records
 * wait, lseek takes only offset 0 (ESPIPE) with SEEK_SET and SEEK_END
 * (EINVAL for SEEK_CUR).  Run as root; writes three lines to the log. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "check.h"

/* The next record whose text starts with tag; its fields. */
static int find(int fd, const char *tag, unsigned *prio, unsigned long long *seq,
		char *text, size_t size)
{
	char rec[8192];

	for (;;) {
		ssize_t n = read(fd, rec, sizeof(rec) - 1);
		if (n < 0 && errno == EPIPE)
			continue;
		if (n <= 0)
			return -1;
		rec[n] = 0;
		unsigned long long usec;
		char flag;
		int off = 0;
		if (sscanf(rec, "%u,%llu,%llu,%c;%n", prio, seq, &usec, &flag, &off) < 4 || !off)
			continue;
		if (!strncmp(rec + off, tag, strlen(tag))) {
			snprintf(text, size, "%s", rec + off);
			return 0;
		}
	}
}

int main(void)
{
	char text[256];
	unsigned prio = 0, prio2 = 0;
	unsigned long long seq = 0, seq2 = 0;
	char tag[64];
	int found;

	snprintf(tag, sizeof(tag), "kmsg-test-%d", (int)getpid());
	int fd = open("/dev/kmsg", O_RDWR | O_NONBLOCK);
	report(fd >= 0, "open /dev/kmsg: %s", fd >= 0 ? "ok" : strerror(errno));
	if (fd < 0)
		return 1;
	report(lseek(fd, 0, SEEK_END) == 0, "lseek(0, SEEK_END) returns 0");
	char buf[16];
	ssize_t n = read(fd, buf, sizeof(buf));
	report(n < 0 && errno == EAGAIN, "nothing new: EAGAIN");
	struct pollfd p = { fd, POLLIN, 0 };
	report(poll(&p, 1, 0) == 0, "poll: not readable");
	int w = dprintf(fd, "<5>%s one\n", tag);
	report(w == (int)strlen(tag) + 8, "write of a line returns its length");
	dprintf(fd, "<3>%s two\n", tag);
	dprintf(fd, "<6>%s three\n", tag);
	p.revents = 0;
	report(poll(&p, 1, 0) == 1 && (p.revents & POLLIN), "poll: readable");
	n = read(fd, buf, 4);
	report(n < 0 && errno == EINVAL, "a 4-byte buffer: EINVAL (and the record is passed)");
	found = find(fd, tag, &prio, &seq, text, sizeof(text)) == 0;
	report(found, "the next line is a record");
	report(prio == 11, "its prio: %u (LOG_USER, level 3)", prio);
	report(!strcmp(text + strlen(tag), " two\n"), "its text: '%.*s'",
	       (int)strcspn(text + strlen(tag), "\n"), text + strlen(tag));
	found = find(fd, tag, &prio2, &seq2, text, sizeof(text)) == 0;
	report(found && prio2 == 14, "the third: prio %u", prio2);
	report(seq2 == seq + 1, "sequence numbers grow by one");
	n = read(fd, buf, sizeof(buf));
	report(n < 0 && errno == EAGAIN, "then EAGAIN again");
	report(lseek(fd, 1, SEEK_SET) < 0 && errno == ESPIPE, "lseek(1, SEEK_SET): ESPIPE");
	report(lseek(fd, 0, SEEK_CUR) < 0 && errno == EINVAL, "lseek(0, SEEK_CUR): EINVAL");
	report(lseek(fd, 0, SEEK_SET) == 0, "lseek(0, SEEK_SET) returns 0");
	found = find(fd, tag, &prio, &seq2, text, sizeof(text)) == 0;
	report(found && seq2 == seq - 1 && prio == 13,
	       "from the start again, the first line is there, prio %u", prio);
	close(fd);
	printf("%s\n", failed ? "kmsg: FAILED" : "kmsg: all checks passed");
	return failed != 0;
}
