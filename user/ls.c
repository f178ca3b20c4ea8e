/* ls: list directories, sorted by name.  "-l" adds type and permissions,
 * link count, size (or device numbers) and symlink targets; "-a" shows
 * names starting with '.'.  Directories are read with getdents64 into a
 * static buffer rather than opendir(), so ls needs no malloc. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#define MAX_NAMES 1024

struct linux_dirent64 {
	unsigned long long d_ino;
	long long d_off;
	unsigned short d_reclen;
	unsigned char d_type;
	char d_name[];
};

static int opt_long, opt_all;
static char names[65536];		/* the names of one directory */
static char *sorted[MAX_NAMES];

static int cmp_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void mode_string(mode_t m, char *s)
{
	s[0] = S_ISDIR(m) ? 'd' : S_ISLNK(m) ? 'l' : S_ISCHR(m) ? 'c' :
	       S_ISBLK(m) ? 'b' : S_ISFIFO(m) ? 'p' : S_ISSOCK(m) ? 's' : '-';
	const char *rwx = "rwxrwxrwx";
	for (int i = 0; i < 9; i++)
		s[1 + i] = m & (0400 >> i) ? rwx[i] : '-';
	s[10] = 0;
}

/* One line for path, shown as name. */
static void show(const char *path, const char *name)
{
	struct stat st;
	char mode[11], target[256];

	if (!opt_long) {
		printf("%s\n", name);
		return;
	}
	if (lstat(path, &st)) {
		fprintf(stderr, "ls: %s: %s\n", path, strerror(errno));
		return;
	}
	mode_string(st.st_mode, mode);
	if (S_ISCHR(st.st_mode) || S_ISBLK(st.st_mode))
		printf("%s %3lu %4u, %4u %s", mode, (unsigned long)st.st_nlink,
		       major(st.st_rdev), minor(st.st_rdev), name);
	else
		printf("%s %3lu %10lld %s", mode, (unsigned long)st.st_nlink,
		       (long long)st.st_size, name);
	ssize_t n = S_ISLNK(st.st_mode) ? readlink(path, target, sizeof(target) - 1) : -1;
	if (n >= 0) {
		target[n] = 0;
		printf(" -> %s", target);
	}
	printf("\n");
}

static int list_dir(const char *dir)
{
	static char buf[4096];
	int fd = open(dir, O_RDONLY | O_DIRECTORY);
	size_t used = 0;
	int n = 0;
	long r;

	if (fd < 0)
		return -1;
	while ((r = syscall(SYS_getdents64, fd, buf, sizeof(buf))) > 0) {
		for (long off = 0; off < r;) {
			struct linux_dirent64 *d = (void *)(buf + off);
			size_t len = strlen(d->d_name) + 1;
			off += d->d_reclen;
			if (d->d_name[0] == '.' && !opt_all)
				continue;
			if (n == MAX_NAMES || used + len > sizeof(names))
				break;
			sorted[n++] = memcpy(names + used, d->d_name, len);
			used += len;
		}
	}
	close(fd);
	qsort(sorted, n, sizeof(char *), cmp_name);
	for (int i = 0; i < n; i++) {
		char path[4096];
		snprintf(path, sizeof(path), "%s/%s", dir, sorted[i]);
		show(path, sorted[i]);
	}
	return r < 0 ? -1 : 0;
}

int main(int argc, char **argv)
{
	int first = 1, status = 0, nargs = 0;

	for (; first < argc && argv[first][0] == '-' && argv[first][1]; first++)
		for (const char *o = argv[first] + 1; *o; o++) {
			if (*o == 'l')
				opt_long = 1;
			else if (*o == 'a')
				opt_all = 1;
			else {
				fprintf(stderr, "usage: ls [-la] [file...]\n");
				return 2;
			}
		}
	nargs = argc - first;
	for (int i = first; i < argc || nargs == 0; i++) {
		const char *path = nargs ? argv[i] : ".";
		struct stat st;
		if (stat(path, &st) && lstat(path, &st)) {
			fprintf(stderr, "ls: %s: %s\n", path, strerror(errno));
			status = 1;
		} else if (S_ISDIR(st.st_mode)) {
			if (nargs > 1)
				printf("%s%s:\n", i > first ? "\n" : "", path);
			if (list_dir(path)) {
				fprintf(stderr, "ls: %s: %s\n", path, strerror(errno));
				status = 1;
			}
		} else {
			show(path, path);
		}
		if (!nargs)
			break;
	}
	return status;
}
