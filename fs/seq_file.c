/*
 * seq_file.c - see seq_file.h.
 */
#include "kernel/kernel.h"
#include "fs/seq_file.h"

void seq_printf(struct seq_file *m, const char *fmt, ...)
{
	va_list ap;

	if (m->count + 1 >= m->size)
		return;
	va_start(ap, fmt);
	int n = vsnprintf(m->buf + m->count, m->size - m->count, fmt, ap);
	va_end(ap);
	/* vsnprintf says how long the whole text would have been. */
	if (n > 0)
		m->count = MIN(m->count + n, m->size - 1);
}

void seq_write(struct seq_file *m, const void *data, size_t n)
{
	if (m->count + 1 >= m->size)
		return;
	n = MIN(n, m->size - 1 - m->count);
	memcpy(m->buf + m->count, data, n);
	m->count += n;
	m->buf[m->count] = 0;
}

void seq_puts(struct seq_file *m, const char *s)
{
	seq_write(m, s, strlen(s));
}

void seq_putc(struct seq_file *m, char c)
{
	seq_write(m, &c, 1);
}

void seq_pad(struct seq_file *m, char c)
{
	if (m->count < m->pad_until && !seq_has_overflowed(m)) {
		size_t n = MIN(m->pad_until, m->size - 1) - m->count;
		memset(m->buf + m->count, ' ', n);
		m->count += n;
		m->buf[m->count] = 0;
	}
	if (c)
		seq_putc(m, c);
}
