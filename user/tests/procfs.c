/* procfs: /proc/self/fd lists a pipe, an eventfd and an epoll with their
 * Linux readlink names; /proc/self/fdinfo/<epfd> has the common lines
 * and one "tfd:" line per watched descriptor in Linux's layout, an
 * eventfd's "eventfd-count:" line;
 * /proc/meminfo has MemTotal; missing pids and fds are ENOENT and the
 * files refuse writing.  Only facts that hold on Linux too are printed. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/stat.h>
#include <unistd.h>

#include "check.h"
#include "../lib/proc.h"

static char text[65536];

/* The whole of a /proc file into text; its length, or -1. */
static long slurp(const char *path)
{
	return proc_read_file(path, text, sizeof(text));
}

static int link_starts(int fd, const char *prefix)
{
	char path[64], target[256];

	snprintf(path, sizeof(path), "/proc/self/fd/%d", fd);
	ssize_t n = readlink(path, target, sizeof(target) - 1);
	if (n < 0)
		return 0;
	target[n] = 0;
	return strncmp(target, prefix, strlen(prefix)) == 0;
}

/* Whether /proc/self/fd lists each of fds. */
static void check_listing(const int *fds, int n)
{
	int seen[3] = { 0 };
	DIR *d = opendir("/proc/self/fd");
	struct dirent *e;

	report(d != NULL, "opendir /proc/self/fd: %s", yesno(d != NULL));
	if (!d)
		return;
	while ((e = readdir(d)))
		for (int i = 0; i < n; i++)
			if (atoi(e->d_name) == fds[i] && e->d_name[0] != '.')
				seen[i]++;
	closedir(d);
	for (int i = 0; i < n; i++)
		report(seen[i] == 1, "fd %d listed once: %s", i, yesno(seen[i] == 1));
}

/* The "tfd:" line for fd, checked against Linux's layout. */
static void check_tfd(int fd, unsigned events, unsigned long long data)
{
	char want[128];
	int count = 0, match = 0;

	snprintf(want, sizeof(want), "tfd: %8d events: %8x data: %16llx  pos:",
		 fd, events, data);
	for (char *line = text; line && *line; line = strchr(line, '\n')) {
		if (*line == '\n')
			line++;
		if (strncmp(line, "tfd:", 4) == 0)
			count++;
		if (strncmp(line, want, strlen(want)) == 0)
			match++;
	}
	report(count == 2, "tfd lines: %d", count);
	report(match == 1, "tfd line for item with data %llx: %s", data,
	       yesno(match == 1));
}

static void check_epoll_fdinfo(int ep, int rfd, int efd)
{
	char path[64];

	snprintf(path, sizeof(path), "/proc/self/fdinfo/%d", ep);
	long len = slurp(path);
	report(len > 0, "read fdinfo: %s", yesno(len > 0));
	report(strncmp(text, "pos:\t0\n", 7) == 0, "starts with pos: %s",
	       yesno(strncmp(text, "pos:\t0\n", 7) == 0));
	report(strstr(text, "\nflags:\t0") != NULL, "has flags: %s",
	       yesno(strstr(text, "\nflags:\t0") != NULL));
	/* EPOLLERR|EPOLLHUP are always added to the interest set. */
	check_tfd(rfd, EPOLLIN | EPOLLERR | EPOLLHUP, 0x1122334455667788ULL);
	check_tfd(efd, EPOLLIN | EPOLLOUT | EPOLLERR | EPOLLHUP, 0xabcdefULL);
}

/* Linux's eventfd line shows the counter in hex, right-aligned. */
static void check_eventfd_fdinfo(int efd)
{
	char path[64];
	unsigned long long one = 0x2a;

	report(write(efd, &one, sizeof(one)) == sizeof(one), "eventfd write: ok");
	snprintf(path, sizeof(path), "/proc/self/fdinfo/%d", efd);
	int ok = slurp(path) > 0 &&
		 strstr(text, "\neventfd-count:               2a\n") != NULL;
	report(ok, "eventfd-count line: %s", yesno(ok));
	report(read(efd, &one, sizeof(one)) == sizeof(one), "eventfd read: ok");
}

/* "ok" or the error of a call that returned r. */
static const char *err(long r)
{
	return r < 0 ? strerror(errno) : "ok";
}

/* Root (as the tests run on the host, and everyone in the kernel) may
 * open the files for writing; the writes fail. */
static void check_write(const char *path)
{
	int fd = open(path, O_WRONLY);
	const char *how = err(fd);

	printf("open %s for writing: %s\n", path, how);
	if (fd < 0)
		return;
	long w = write(fd, "x", 1);
	printf("write %s: %s\n", path, err(w));
	close(fd);
}

static void check_errors(int ep)
{
	char target[64], path[64];
	long r = readlink("/proc/self/fd/999", target, sizeof(target));

	report(r < 0 && errno == ENOENT, "missing fd: %s", err(r));
	r = open("/proc/999999999/fd", O_RDONLY);
	report(r < 0 && errno == ENOENT, "missing pid: %s", err(r));
	r = open("/proc/self/fdinfo/999", O_RDONLY);
	report(r < 0 && errno == ENOENT, "missing fdinfo: %s", err(r));
	r = mkdir("/proc/x", 0755);
	report(r < 0, "mkdir in /proc: %s", err(r));
	check_write("/proc/meminfo");
	snprintf(path, sizeof(path), "/proc/self/fdinfo/%d", ep);
	check_write(path);
}

int main(void)
{
	int p[2];
	struct epoll_event ev;

	report(pipe(p) == 0, "pipe: %s", yesno(1));
	int efd = eventfd(0, 0);
	int ep = epoll_create1(0);
	report(efd >= 0 && ep >= 0, "eventfd and epoll: %s",
	       yesno(efd >= 0 && ep >= 0));
	ev.events = EPOLLIN;
	ev.data.u64 = 0x1122334455667788ULL;
	report(epoll_ctl(ep, EPOLL_CTL_ADD, p[0], &ev) == 0, "add pipe: ok");
	ev.events = EPOLLIN | EPOLLOUT;
	ev.data.u64 = 0xabcdef;
	report(epoll_ctl(ep, EPOLL_CTL_ADD, efd, &ev) == 0, "add eventfd: ok");

	int fds[3] = { p[0], efd, ep };
	check_listing(fds, 3);
	report(link_starts(p[0], "pipe:["), "pipe link: %s",
	       yesno(link_starts(p[0], "pipe:[")));
	report(link_starts(efd, "anon_inode:[eventfd]"), "eventfd link: %s",
	       yesno(link_starts(efd, "anon_inode:[eventfd]")));
	report(link_starts(ep, "anon_inode:[eventpoll]"), "epoll link: %s",
	       yesno(link_starts(ep, "anon_inode:[eventpoll]")));

	char self[64], want[32];
	ssize_t n = readlink("/proc/self", self, sizeof(self) - 1);
	self[n > 0 ? n : 0] = 0;
	snprintf(want, sizeof(want), "%d", getpid());
	report(strcmp(self, want) == 0, "/proc/self is our pid: %s",
	       yesno(strcmp(self, want) == 0));

	check_epoll_fdinfo(ep, p[0], efd);
	check_eventfd_fdinfo(efd);
	int mem = slurp("/proc/meminfo") > 0 &&
		  strncmp(text, "MemTotal:       ", 16) == 0 &&
		  strstr(text, " kB\nMemFree:") && strstr(text, "\nMemAvailable:") &&
		  strstr(text, "\nSlab:");
	report(mem, "meminfo has MemTotal, MemFree, MemAvailable, Slab: %s", yesno(mem));
	check_errors(ep);
	return failed != 0;
}
