/*
 * seq_file.h - building a /proc file's text (Linux's include/linux/
 * seq_file.h, only the printing half).
 *
 * Our procfs makes a file's whole text at the first read into one
 * buffer (fs/proc.c), so a seq_file here is just that buffer and how
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
};

void seq_printf(struct seq_file *m, const char *fmt, ...) __printf(2, 3);
void seq_puts(struct seq_file *m, const char *s);
void seq_putc(struct seq_file *m, char c);
/* n raw bytes, NULs included (cmdline). */
void seq_write(struct seq_file *m, const void *data, size_t n);

#endif
