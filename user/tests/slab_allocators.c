/* slab_allocators: /proc/slab_allocators counts the objects in use at
 * the place that allocated them (kernel/slub_debug.c), as Linux's
 * /sys/kernel/slab/<cache>/alloc_calls does.  Run with slub_debug (its
 * allocation traces are what the file reads).  100 eventfds add 100
 * objects at sys_eventfd2 (their eventfd_ctx, in a kmalloc cache) and
 * 100 at alloc_file called from sys_eventfd2 (their struct file, in
 * filp), and closing them takes both back; a child's 30 eventfds are
 * counted with the child's pid and go when it is killed; every line is
 * in the file's layout, and the file is root's alone (0400).  In our
 * kernel only (tools/tests/hostile.sh): Linux has no such file. */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/eventfd.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "check.h"
#include "../lib/proc.h"
#include "../lib/slab_allocators.h"

#define N	100
#define CHILD_N	30

static char text[1 << 20];

static void snap(void)
{
	if (proc_read_file("/proc/slab_allocators", text, sizeof(text)) < 0)
		text[0] = 0;
}

static unsigned long ctxs(char *cache)
{
	return slab_place_count(text, "sys_eventfd2", NULL, cache, 40);
}

static unsigned long files(char *cache)
{
	return slab_place_count(text, "alloc_file", "sys_eventfd2", cache, 40);
}

/* Whether some place of the child's eventfd_ctx names pid alone. */
static int names_pid(int pid)
{
	char want[32];
	const char *p = text;

	snprintf(want, sizeof(want), " pid=%d\n", pid);
	while ((p = strstr(p, want)))
		if (strstr(p - 200 > text ? p - 200 : text, "sys_eventfd2+"))
			return 1;
		else
			p++;
	return 0;
}

int main(void)
{
	char ctx_cache[40] = "", file_cache[40] = "";
	struct stat st;
	int fds[N];

	int ok = stat("/proc/slab_allocators", &st) == 0 && S_ISREG(st.st_mode) &&
		 (st.st_mode & 07777) == 0400;
	report(ok, "/proc/slab_allocators: a regular file, mode 0400: %s", yesno(ok));
	snap();
	struct slab_place pl;
	const char *p = text;
	int lines = 0, places = 0, r;
	while ((r = slab_place_next(&p, &pl)) >= 0) {
		lines++;
		places += r == 0 && pl.count > 0 && pl.where[0];
	}
	report(places > 20 && places == lines,
	       "every line a place with a count (more than 20): %s",
	       yesno(places > 20 && places == lines));
	if (places != lines)
		printf("  the first line: %.200s\n", text);
	unsigned long c0 = ctxs(NULL), f0 = files(NULL);

	for (int i = 0; i < N; i++)
		fds[i] = eventfd(0, 0);
	snap();
	unsigned long c1 = ctxs(ctx_cache), f1 = files(file_cache);
	report(c1 == c0 + N, "%d eventfds: %d more at sys_eventfd2: %s", N, N,
	       yesno(c1 == c0 + N));
	if (c1 != c0 + N)
		printf("  %lu before, %lu after\n", c0, c1);
	report(!strncmp(ctx_cache, "kmalloc-", 8), "in a kmalloc cache: %s",
	       yesno(!strncmp(ctx_cache, "kmalloc-", 8)));
	report(f1 == f0 + N, "%d more at alloc_file <- sys_eventfd2: %s", N,
	       yesno(f1 == f0 + N));
	if (f1 != f0 + N)
		printf("  %lu before, %lu after\n", f0, f1);
	report(!strcmp(file_cache, "filp"), "in filp: %s",
	       yesno(!strcmp(file_cache, "filp")));

	for (int i = 0; i < N; i++)
		close(fds[i]);
	snap();
	report(ctxs(NULL) == c0 && files(NULL) == f0,
	       "closed: both back to what they were: %s",
	       yesno(ctxs(NULL) == c0 && files(NULL) == f0));

	/* A child's objects, with its pid, gone when it is killed. */
	int ready[2];
	if (pipe(ready) < 0)
		return 1;
	pid_t pid = fork();
	if (pid == 0) {
		for (int i = 0; i < CHILD_N; i++)
			eventfd(0, 0);
		write(ready[1], "x", 1);
		pause();
		_exit(0);
	}
	char x;
	read(ready[0], &x, 1);
	snap();
	unsigned long c2 = ctxs(NULL);
	report(c2 == c0 + CHILD_N, "a child's %d: counted: %s", CHILD_N,
	       yesno(c2 == c0 + CHILD_N));
	report(names_pid(pid), "with the child's pid: %s", yesno(names_pid(pid)));
	kill(pid, SIGKILL);
	waitpid(pid, NULL, 0);
	snap();
	report(ctxs(NULL) == c0 && files(NULL) == f0,
	       "killed: back to what they were: %s",
	       yesno(ctxs(NULL) == c0 && files(NULL) == f0));

	/* Not to be changed by anyone. */
	errno = 0;
	FILE *f = fopen("/proc/slab_allocators", "w");
	int wrote = f && fputs("x", f) >= 0 && fflush(f) == 0;
	report(!wrote, "writing is refused: %s", yesno(!wrote));
	if (f)
		fclose(f);
	printf("%s\n", failed ? "slab_allocators: FAILED" :
	       "slab_allocators: all checks passed");
	return failed != 0;
}
