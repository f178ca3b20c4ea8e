/* proc_maps: /proc/self/maps and /proc/<pid>/maps in Linux's layout.
 * Every line parses as "start-end perms offset major:minor inode" with
 * a name in column 74 or none (the line then ends in a space), in
 * address order without overlaps.  The program's own file backs
 * executable and read-only lines (its path as /proc/self/exe says, the
 * inode and device stat gives); [heap] covers the break after brk grew
 * it, [stack] the address of a local; an anonymous mapping is
 * "r--p 00000000 00:00 0" with no name and splits into three lines
 * when mprotect changes its middle; a shared file mapping at offset
 * 4096 shows "rw-s", the offset, the file's device, inode and path, a
 * private read-only one "r--p"; after munmap its line is gone; a
 * child's map read by its parent has the child's mapping. */
#define _GNU_SOURCE
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/sysmacros.h>
#include <sys/wait.h>
#include <unistd.h>

#include "check.h"

#define PG 4096UL

struct line {
	unsigned long start, end, off, ino;
	unsigned int major, minor;
	char perms[5];
	const char *name;	/* "" for none */
	int name_col;		/* where it starts (0-based), -1: none */
	int trailing_space;	/* the line ends in a space */
};

static char text[1 << 16];
static struct line lines[512];
static int nlines;
static int bad_lines;

static void load(const char *path)
{
	int fd = open(path, O_RDONLY), n = 0, r;

	while ((r = read(fd, text + n, sizeof text - 1 - n)) > 0)
		n += r;
	close(fd);
	text[n] = 0;
	nlines = 0;
	bad_lines = 0;
	for (char *l = text; *l && nlines < 512;) {
		char *nl = strchr(l, '\n');
		if (!nl)
			break;
		*nl = 0;
		struct line *x = &lines[nlines++];
		int used = 0;
		if (sscanf(l, "%lx-%lx %4s %lx %x:%x %lu %n", &x->start, &x->end,
			   x->perms, &x->off, &x->major, &x->minor, &x->ino, &used) != 7)
			bad_lines++;
		x->trailing_space = nl > l && nl[-1] == ' ';
		x->name = l + used;
		x->name_col = *x->name ? (int)(x->name - l) : -1;
		l = nl + 1;
	}
}

static struct line *find_addr(unsigned long a)
{
	for (int i = 0; i < nlines; i++)
		if (lines[i].start <= a && a < lines[i].end)
			return &lines[i];
	return NULL;
}

static void layout(void)
{
	load("/proc/self/maps");
	report(nlines > 3 && bad_lines == 0, "every line parses");
	int ordered = 1, cols = 1;
	for (int i = 0; i < nlines; i++) {
		struct line *x = &lines[i];
		if (x->start >= x->end || (i && lines[i - 1].end > x->start))
			ordered = 0;
		if (x->name_col >= 0 ? x->name_col != 73 : !x->trailing_space)
			cols = 0;
	}
	report(ordered, "in address order, none overlapping");
	report(cols, "names in column 74, a nameless line ends in a space");
}

static void program_and_heap(void)
{
	char exe[PATH_MAX];
	ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
	struct stat st;

	exe[n > 0 ? n : 0] = 0;
	stat(exe, &st);
	unsigned long brk0 = syscall(SYS_brk, 0);
	syscall(SYS_brk, brk0 + 16 * PG);
	int local;
	load("/proc/self/maps");
	int exe_lines = 0, exe_x = 0, exe_ok = 1;
	for (int i = 0; i < nlines; i++) {
		struct line *x = &lines[i];
		if (strcmp(x->name, exe))
			continue;
		exe_lines++;
		exe_x += x->perms[2] == 'x';
		if (x->ino != st.st_ino || x->major != major(st.st_dev) ||
		    x->minor != minor(st.st_dev) || x->perms[3] != 'p')
			exe_ok = 0;
	}
	report(exe_lines >= 2, "the program's file backs two or more lines");
	report(exe_x == 1, "one of them executable");
	report(exe_ok, "each private, with the file's inode and device");
	struct line *main_line = find_addr((unsigned long)&layout);
	report(main_line && !strcmp(main_line->name, exe) && main_line->perms[2] == 'x',
	       "the code is in the program's executable line");
	struct line *h = find_addr(brk0 + 8 * PG);
	report(h && !strcmp(h->name, "[heap]") && !strcmp(h->perms, "rw-p") &&
	       h->off == 0 && h->ino == 0 && h->major == 0,
	       "[heap]: the grown break, rw-p, offset 0, 00:00, inode 0");
	struct line *s = find_addr((unsigned long)&local);
	report(s && !strcmp(s->name, "[stack]") && !strcmp(s->perms, "rw-p"),
	       "[stack]: holds a local, rw-p");
	syscall(SYS_brk, brk0);
}

static void anon_and_files(void)
{
	char *p = mmap(NULL, 3 * PG, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	load("/proc/self/maps");
	struct line *x = find_addr((unsigned long)p);
	report(x && x->start == (unsigned long)p && x->end == (unsigned long)p + 3 * PG &&
	       !strcmp(x->perms, "r--p") && x->off == 0 && x->major == 0 &&
	       x->minor == 0 && x->ino == 0 && x->name_col < 0,
	       "an anonymous mapping: its range, r--p 00000000 00:00 0, no name");
	mprotect(p + PG, PG, PROT_READ | PROT_WRITE);
	load("/proc/self/maps");
	struct line *a = find_addr((unsigned long)p), *b = find_addr((unsigned long)p + PG),
		    *c = find_addr((unsigned long)p + 2 * PG);
	report(a && b && c && a != b && b != c && !strcmp(a->perms, "r--p") &&
	       !strcmp(b->perms, "rw-p") && !strcmp(c->perms, "r--p") &&
	       b->start == (unsigned long)p + PG && b->end == (unsigned long)p + 2 * PG,
	       "mprotect of the middle page: three lines");
	munmap(p, 3 * PG);
	load("/proc/self/maps");
	report(!find_addr((unsigned long)p + PG), "munmap: the lines are gone");

	char cwd[PATH_MAX], path[PATH_MAX + 32];
	getcwd(cwd, sizeof cwd);
	snprintf(path, sizeof path, "%s/proc_maps.tmp", cwd[1] ? cwd : "");
	int fd = open(path, O_RDWR | O_CREAT | O_TRUNC, 0600);
	static char buf[3 * PG];
	write(fd, buf, sizeof buf);
	struct stat st;
	fstat(fd, &st);
	char *sh = mmap(NULL, 2 * PG, PROT_READ | PROT_WRITE, MAP_SHARED, fd, PG);
	char *pr = mmap(NULL, PG, PROT_READ, MAP_PRIVATE, fd, 0);
	load("/proc/self/maps");
	x = find_addr((unsigned long)sh);
	report(x && !strcmp(x->perms, "rw-s") && x->off == PG && x->ino == st.st_ino &&
	       x->major == major(st.st_dev) && x->minor == minor(st.st_dev) &&
	       !strcmp(x->name, path),
	       "a shared file mapping: rw-s, offset 00001000, the file's device, inode and path");
	x = find_addr((unsigned long)pr);
	report(x && !strcmp(x->perms, "r--p") && x->off == 0 && x->ino == st.st_ino &&
	       !strcmp(x->name, path), "a private one: r--p at offset 0, the same file");

	/* Another process's map. */
	int ready[2], done[2];
	pipe(ready);
	pipe(done);
	pid_t pid = fork();
	if (pid == 0) {
		char *q = mmap(NULL, 5 * PG, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
		write(ready[1], &q, sizeof q);
		char ch;
		read(done[0], &ch, 1);
		_exit(0);
	}
	char *q;
	read(ready[0], &q, sizeof q);
	char mpath[64];
	snprintf(mpath, sizeof mpath, "/proc/%d/maps", pid);
	load(mpath);
	x = find_addr((unsigned long)q);
	report(x && x->end - x->start == 5 * PG && !strcmp(x->perms, "---p"),
	       "/proc/<child>/maps: the child's PROT_NONE mapping, ---p");
	report(find_addr((unsigned long)sh) != NULL, "and the shared file mapping it inherited");
	write(done[1], "x", 1);
	waitpid(pid, NULL, 0);
	munmap(sh, 2 * PG);
	munmap(pr, PG);
	close(fd);
	unlink(path);
}

int main(void)
{
	setvbuf(stdout, NULL, _IONBF, 0);
	layout();
	program_and_heap();
	anon_and_files();
	printf("%s\n", failed ? "proc_maps: FAILED" : "proc_maps: all passed");
	return failed != 0;
}
