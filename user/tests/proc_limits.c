/* proc_limits: /proc/<pid>/limits in Linux's layout, byte for byte: a
 * child sets all sixteen limits to values of its own (some unlimited,
 * soft below hard, none raised: that would need CAP_SYS_RESOURCE, which
 * a container's root may lack) and prints its /proc/self/limits; the parent reads
 * /proc/<child>/limits meanwhile and finds the child's line; after
 * prlimit64 from outside, the text follows; prlimit64 of a pid that
 * does not exist is ESRCH. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include "check.h"

static const unsigned long long values[16][2] = {
	{ 3600, RLIM_INFINITY },		/* cpu */
	{ 1ULL << 40, RLIM_INFINITY },		/* fsize */
	{ 1ULL << 38, 1ULL << 39 },		/* data */
	{ 4 << 20, 64 << 20 },			/* stack */
	{ 0, 4096 },				/* core */
	{ 123456789, RLIM_INFINITY },		/* rss */
	{ 5000, 6000 },				/* nproc */
	{ 1000, 2000 },				/* nofile */
	{ 65536, 131072 },			/* memlock */
	{ RLIM_INFINITY, RLIM_INFINITY },	/* as */
	{ 77, 88 },				/* locks */
	{ 300, 400 },				/* sigpending */
	{ 409600, 819200 },			/* msgqueue */
	{ 0, 0 },				/* nice */
	{ 0, 0 },				/* rtprio */
	{ 1000000, RLIM_INFINITY },		/* rttime */
};

static int read_file(const char *path, char *buf, size_t size)
{
	int fd = open(path, O_RDONLY);
	int n = 0, r;

	if (fd < 0)
		return -1;
	while ((r = read(fd, buf + n, size - 1 - n)) > 0)
		n += r;
	close(fd);
	buf[n] = 0;
	return n;
}

int main(void)
{
	static char mine[4096], theirs[4096];
	int to_parent[2], to_child[2];

	setvbuf(stdout, NULL, _IONBF, 0);
	pipe(to_parent);
	pipe(to_child);
	pid_t pid = fork();
	if (pid == 0) {
		for (int i = 0; i < 16; i++) {
			struct rlimit rl = { values[i][0], values[i][1] };
			if (setrlimit(i, &rl))
				printf("FAIL: setrlimit %d\n", i);
		}
		read_file("/proc/self/limits", mine, sizeof mine);
		fputs(mine, stdout);
		write(to_parent[1], "x", 1);
		char c;
		read(to_child[0], &c, 1);
		_exit(0);
	}
	char c;
	read(to_parent[0], &c, 1);
	char path[64];
	snprintf(path, sizeof path, "/proc/%d/limits", pid);
	int n = read_file(path, theirs, sizeof theirs);
	read_file(path, mine, sizeof mine);
	report(n > 0 && strstr(theirs, "Max open files            1000                 2000                 files     \n") != NULL,
	       "/proc/<child>/limits has the child's open files line");
	struct rlimit rl = { 500, 2000 };
	prlimit(pid, RLIMIT_NOFILE, &rl, NULL);
	read_file(path, theirs, sizeof theirs);
	report(strstr(theirs, "Max open files            500                  2000                 files     \n") != NULL,
	       "after prlimit from the parent: 500");
	report(strstr(theirs, "Max nice priority         0                    0                    \n") != NULL,
	       "no unit column for nice: the line ends after the hard limit and a space");
	errno = 0;
	report(prlimit(0x3ffffff0, RLIMIT_NOFILE, NULL, &rl) == -1 && errno == ESRCH,
	       "prlimit of a pid that does not exist: ESRCH");
	write(to_child[1], "y", 1);
	int status;
	waitpid(pid, &status, 0);
	printf("%s\n", failed ? "proc_limits: FAILED" : "proc_limits: all passed");
	return failed != 0;
}
