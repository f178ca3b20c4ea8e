/*
 * seq_file.h - building a /proc file's text (Linux's include/linux/
 * seq_file.h, only the printing half).
 *
 * Our procfs makes a file's whole text at the first read into one
 * buffer (fs/proc/inode.c), so a seq_file here is just that buffer and how
 * much of it is used; the show functions print into it with Linux's
 * seq_printf and friends.  What does not fit is cut off: the text stays
 * a prefix of what it should be, never garbage.
 *
 * Context: any; nothing here sleeps.
 */
#ifndef FS_SEQ_FILE_H
#define FS_SEQ_FILE_H

#include "kernel/types.h"

struct seq_file {
	char *buf;		/* the text so far */
	size_t size;		/* room in buf, the final NUL included */
	size_t count;		/* bytes used, < size */
	size_t pad_until;	/* seq_pad fills with spaces up to here */
	void *private;		/* the show function's own (Linux's) */
};

void seq_printf(struct seq_file *m, const char *fmt, ...) __printf(2, 3);
void seq_puts(struct seq_file *m, const char *s);
void seq_putc(struct seq_file *m, char c);
/* n raw bytes, NULs included (cmdline). */
void seq_write(struct seq_file *m, const void *data, size_t n);

/* Whether the buffer is full, so that what was printed last may have
 * been cut. */
static inline bool seq_has_overflowed(const struct seq_file *m)
{
	return m->count + 1 >= m->size;
}

/* Records of a fixed width (Linux's /proc/net/tcp): seq_setwidth before
 * printing one, then seq_pad adds spaces up to size bytes from where it
 * began, and c (if not 0). */
static inline void seq_setwidth(struct seq_file *m, size_t size)
{
	m->pad_until = m->count + size;
}
void seq_pad(struct seq_file *m, char c);

#endif
