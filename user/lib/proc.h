/*
 * proc.h - reading processes out of /proc, for ps and top.
 *
 * Both programs list /proc's numeric directories and parse each
 * /proc/<pid>/stat (proc(5) documents the fields) and cmdline.  The same
 * code reads Linux's /proc on the host and ours in the kernel: only the
 * fields both fill are used.  A process may exit at any moment between
 * the listing and the reads; it is then simply skipped.
 *
 * Everything is "static inline" (see net.h for why).
 */
#ifndef USER_LIB_PROC_H
#define USER_LIB_PROC_H

#include <ctype.h>
#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define PROC_MAX_TASKS	4096

/* What ps and top show of one process. */
struct proc_task {
	int pid, ppid;
	char state;			/* R, S, D, Z, T, I ... */
	char comm[64];			/* the name, without the parentheses */
	unsigned long long utime, stime; /* clock ticks of CPU time */
	unsigned long long starttime;	/* clock ticks after boot */
	unsigned long rss;		/* resident pages */
};

/* The whole of a small file into buf (NUL-terminated, NULs inside kept);
 * its length, or -1. */
static inline long proc_read_file(const char *path, char *buf, size_t size)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	long len = 0, n;

	if (fd < 0)
		return -1;
	while (len + 1 < (long)size &&
	       (n = read(fd, buf + len, size - 1 - len)) > 0)
		len += n;
	close(fd);
	buf[len] = 0;
	return len;
}

static inline int proc_cmp_int(const void *a, const void *b)
{
	return *(const int *)a - *(const int *)b;
}

/* The numeric names in directory dir (pids in /proc, tids in
 * /proc/<pid>/task), sorted; how many (at most max), or -1. */
static inline int proc_list_dir_ints(const char *dir, int *nums, int max)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	int n = 0;

	if (!d)
		return -1;
	while ((e = readdir(d)) && n < max)
		if (isdigit((unsigned char)e->d_name[0]))
			nums[n++] = atoi(e->d_name);
	closedir(d);
	qsort(nums, n, sizeof(int), proc_cmp_int);
	return n;
}

/* The pids in /proc, sorted; how many (at most max), or -1. */
static inline int proc_list_pids(int *pids, int max)
{
	return proc_list_dir_ints("/proc", pids, max);
}

/*
 * Parse a stat line.  The name is whatever lies between the first '('
 * and the last ')': it may itself hold spaces and parentheses.  The
 * fields after it are numbered from 3 (state) as in proc(5).
 */
static inline int proc_parse_stat(char *line, struct proc_task *t)
{
	char *open = strchr(line, '('), *close = strrchr(line, ')');
	unsigned long long f[25];

	if (!open || !close || close < open)
		return -1;
	t->pid = atoi(line);
	size_t len = close - open - 1;
	len = len < sizeof(t->comm) - 1 ? len : sizeof(t->comm) - 1;
	memcpy(t->comm, open + 1, len);
	t->comm[len] = 0;
	char *p = close + 1;
	if (sscanf(p, " %c", &t->state) != 1)
		return -1;
	p += 2;
	for (int i = 4; i <= 24; i++) {	/* ppid .. rss */
		char *end;
		f[i] = strtoull(p, &end, 10);
		if (end == p)
			return -1;
		p = end;
	}
	t->ppid = (int)f[4];
	t->utime = f[14];
	t->stime = f[15];
	t->starttime = f[22];
	t->rss = f[24];
	return 0;
}

/* /proc/<pid>/stat into t; 0, or -1 if the process is gone. */
static inline int proc_read_task(int pid, struct proc_task *t)
{
	char path[64], line[1024];

	snprintf(path, sizeof(path), "/proc/%d/stat", pid);
	if (proc_read_file(path, line, sizeof(line)) <= 0)
		return -1;
	return proc_parse_stat(line, t);
}

/* Every process we can read, sorted by pid; how many, or -1. */
static inline int proc_read_tasks(struct proc_task *tasks, int max)
{
	static int pids[PROC_MAX_TASKS];
	int n = proc_list_pids(pids, max < PROC_MAX_TASKS ? max : PROC_MAX_TASKS);
	int got = 0;

	for (int i = 0; i < n; i++)
		if (proc_read_task(pids[i], &tasks[got]) == 0)
			got++;
	return n < 0 ? -1 : got;
}

/*
 * The command line as ps shows it: the arguments joined by spaces, or,
 * for a process without any (a kernel thread, a zombie), its name in
 * brackets.
 */
static inline void proc_cmdline(const struct proc_task *t, char *buf,
				size_t size)
{
	char path[64];

	snprintf(path, sizeof(path), "/proc/%d/cmdline", t->pid);
	long len = proc_read_file(path, buf, size);
	while (len > 0 && buf[len - 1] == 0)
		len--;
	if (len <= 0) {
		snprintf(buf, size, "[%s]", t->comm);
		return;
	}
	for (long i = 0; i < len; i++)
		if (buf[i] == 0 || buf[i] == '\n' || buf[i] == '\t')
			buf[i] = ' ';
	buf[len] = 0;
}

/* A named "Key:   value kB" line of /proc/meminfo, in kB; -1 if absent. */
static inline long long proc_meminfo_kb(const char *text, const char *key)
{
	size_t klen = strlen(key);

	for (const char *l = text; l && *l; l = strchr(l, '\n')) {
		if (*l == '\n')
			l++;
		if (strncmp(l, key, klen) == 0 && l[klen] == ':')
			return strtoll(l + klen + 1, NULL, 10);
	}
	return -1;
}

#endif
