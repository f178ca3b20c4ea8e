/*
 * sysctl.c - reading and writing the ints behind /proc/sys files
 * (Linux's proc_dointvec_minmax in kernel/sysctl.c).  The tables live
 * with what they tune (net/sysctl_net.c); fs/proc/root.c gives them names.
 *
 * LOCKING: none.  Each int is read and written whole (READ_ONCE,
 * WRITE_ONCE); a reader of a three-int setting such as tcp_wmem may see
 * a write half done, as on Linux.  Context: process context.
 */
#include "kernel/kernel.h"
#include "kernel/errno.h"
#include "kernel/string.h"
#include "kernel/sysctl.h"
#include "fs/seq_file.h"
#include "arch/x86_64/uaccess.h"

#define SYSCTL_WRITE_MAX	64	/* "4096 16384 4194304\n" and room */
#define SYSCTL_INTS_MAX		3

void proc_dointvec_show(struct seq_file *m, const struct ctl_table *table)
{
	for (int i = 0; i < table->maxlen; i++)
		seq_printf(m, "%s%d", i ? "\t" : "", READ_ONCE(table->data[i]));
	seq_puts(m, "\n");
}

static bool sysctl_blank(char c)
{
	return c == ' ' || c == '\t' || c == '\n';
}

/* Parse up to max ints from s into v; how many, or -EINVAL. */
static int sysctl_parse_ints(const char *s, long *v, int max)
{
	int n = 0;

	for (;;) {
		while (sysctl_blank(*s))
			s++;
		if (!*s)
			return n;
		if (n == max)
			return -EINVAL;
		bool neg = *s == '-';
		if (neg || *s == '+')
			s++;
		const char *end;
		unsigned long u = simple_strtoul(s, &end, 10);
		if (end == s || end - s > 10 || u > 0x80000000ul ||
		    (*end && !sysctl_blank(*end)))
			return -EINVAL;
		v[n++] = neg ? -(long)u : (long)u;
		s = end;
	}
}

ssize_t proc_dointvec_minmax(const struct ctl_table *table,
			     const char __user *buf, size_t len)
{
	char text[SYSCTL_WRITE_MAX + 1];
	long v[SYSCTL_INTS_MAX];

	if (len > SYSCTL_WRITE_MAX)
		return -EINVAL;
	if (copy_from_user(text, buf, len))
		return -EFAULT;
	text[len] = 0;
	int n = sysctl_parse_ints(text, v, MIN(table->maxlen, SYSCTL_INTS_MAX));
	if (n < 0)
		return n;
	for (int i = 0; i < n; i++)	/* all in range, or nothing changes */
		if (v[i] < table->extra1 || v[i] > table->extra2)
			return -EINVAL;
	for (int i = 0; i < n; i++)
		WRITE_ONCE(table->data[i], (int)v[i]);
	return len;
}
