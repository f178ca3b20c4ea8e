/*
 * sysctl.h - the tunables of /proc/sys (Linux's include/linux/sysctl.h,
 * in miniature): a ctl_table names some ints and their range, and
 * fs/proc/inode.c shows and sets them through proc_dointvec_minmax.
 */
#ifndef KERNEL_SYSCTL_H
#define KERNEL_SYSCTL_H

#include "kernel/types.h"

struct seq_file;

/* One /proc/sys file: maxlen ints at data (tcp_wmem has three), each
 * kept within [extra1, extra2] as Linux's proc_dointvec_minmax does. */
struct ctl_table {
	const char *procname;
	int *data;
	int maxlen;			/* how many ints */
	int extra1, extra2;		/* the least and the most allowed */
};

/* The ints on one line, tab-separated, as Linux prints them. */
void proc_dointvec_show(struct seq_file *m, const struct ctl_table *table);
/* A write: up to maxlen decimal ints separated by blanks; all must be
 * in range (else EINVAL, nothing changed); fewer leave the rest as they
 * were.  Returns len.  Process context (copies from user space). */
ssize_t proc_dointvec_minmax(const struct ctl_table *table,
			     const char __user *buf, size_t len);

#endif
