/*
 * readprofile - the kernel's tick profile by function, as util-linux's
 * readprofile prints it.
 *
 *   readprofile [-m MAP] [-p PROFILE] [-a] [-v] [-i] [-r]
 *     -m MAP      the kernel's symbols, "nm -n" lines (default /boot/System.map)
 *     -p PROFILE  the counters (default /proc/profile)
 *     -a          every function, those with no tick too
 *     -v          the address as well
 *     -i          only say how many bytes of text one counter covers
 *     -r          clear the counters (needs write access to PROFILE)
 *
 * The kernel has to be booted with "profile=N" (kernel/profile.c); each
 * counter then covers 2^N bytes of text and counts the timer ticks that
 * found the CPU there, in the kernel.  One line per function with
 * ticks, in address order: ticks, name, ticks per byte of the function
 * (the "load"), and a last "total" line.  Sort by the first column to
 * see the busiest:  readprofile | sort -nr | head
 *
 * The same binary reads a Linux kernel's /proc/profile and System.map.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

struct sym {
	unsigned long addr;
	char name[128];
};

static struct sym *syms;
static size_t nsyms;

/* Text symbols from the map, in address order (nm -n keeps it). */
static void read_map(const char *path)
{
	FILE *f = fopen(path, "r");
	char line[256], type, name[128];
	unsigned long addr;
	size_t cap = 0;

	if (!f) {
		fprintf(stderr, "readprofile: %s: %s\n", path, strerror(errno));
		exit(1);
	}
	while (fgets(line, sizeof(line), f)) {
		if (sscanf(line, "%lx %c %127s", &addr, &type, name) != 3)
			continue;
		if (!strchr("TtWw", type))
			continue;
		if (nsyms == cap) {
			cap = cap ? cap * 2 : 1024;
			syms = realloc(syms, cap * sizeof(*syms));
			if (!syms) {
				perror("readprofile: realloc");
				exit(1);
			}
		}
		syms[nsyms].addr = addr;
		snprintf(syms[nsyms].name, sizeof(syms[nsyms].name), "%s", name);
		nsyms++;
	}
	fclose(f);
}

static unsigned long find(const char *name)
{
	for (size_t i = 0; i < nsyms; i++)
		if (!strcmp(syms[i].name, name))
			return syms[i].addr;
	return 0;
}

/* The whole file (the counters of a large kernel: a few hundred KiB). */
static unsigned int *read_profile(const char *path, size_t *n)
{
	int fd = open(path, O_RDONLY);
	size_t cap = 1 << 16, len = 0;
	char *buf = malloc(cap);
	ssize_t r;

	if (fd < 0 || !buf) {
		fprintf(stderr, "readprofile: %s: %s\n", path, strerror(errno));
		exit(1);
	}
	while ((r = read(fd, buf + len, cap - len)) > 0) {
		len += (size_t)r;
		if (len == cap && !(buf = realloc(buf, cap *= 2))) {
			perror("readprofile: realloc");
			exit(1);
		}
	}
	if (r < 0 || len < 2 * sizeof(unsigned int)) {
		fprintf(stderr, "readprofile: %s: %s\n", path,
			r < 0 ? strerror(errno) : "too short");
		exit(1);
	}
	close(fd);
	*n = len / sizeof(unsigned int);
	return (unsigned int *)buf;
}

int main(int argc, char **argv)
{
	const char *map = "/boot/System.map", *prof = "/proc/profile";
	int opt, all = 0, verbose = 0, info = 0, reset = 0;

	while ((opt = getopt(argc, argv, "m:p:avir")) != -1) {
		switch (opt) {
		case 'm': map = optarg; break;
		case 'p': prof = optarg; break;
		case 'a': all = 1; break;
		case 'v': verbose = 1; break;
		case 'i': info = 1; break;
		case 'r': reset = 1; break;
		default:
			fprintf(stderr, "usage: readprofile [-m MAP] [-p PROFILE] [-a] [-v] [-i] [-r]\n");
			return 2;
		}
	}
	if (reset) {
		int fd = open(prof, O_WRONLY);
		unsigned int zero = 0;
		if (fd < 0 || write(fd, &zero, sizeof(zero)) != sizeof(zero)) {
			fprintf(stderr, "readprofile: %s: %s\n", prof, strerror(errno));
			return 1;
		}
		close(fd);
		return 0;
	}
	size_t n;
	unsigned int *buf = read_profile(prof, &n);
	unsigned int step = buf[0], *count = buf + 1;
	size_t slices = n - 1;
	if (info) {
		printf("Sampling_step: %u\n", step);
		return 0;
	}
	read_map(map);
	unsigned long text = find("_stext");
	if (!text)
		text = find("_text");
	if (!text || !step) {
		fprintf(stderr, "readprofile: no _stext or _text in %s\n", map);
		return 1;
	}
	unsigned long total = 0, first = 0, last = 0;
	for (size_t i = 0; i < nsyms; i++) {
		unsigned long start = syms[i].addr;
		unsigned long end = i + 1 < nsyms ? syms[i + 1].addr : start + step;
		if (start < text || end <= start)
			continue;
		/* The slices whose first byte is in [start, end). */
		size_t a = (start - text + step - 1) / step, b = (end - text + step - 1) / step;
		unsigned long ticks = 0;
		for (size_t s = a; s < b && s < slices; s++)
			ticks += count[s];
		if (!first)
			first = start;
		last = end;
		total += ticks;
		if (!ticks && !all)
			continue;
		if (verbose)
			printf("%016lx %-40s %6lu %8.4f\n", start, syms[i].name, ticks,
			       (double)ticks / (double)(end - start));
		else
			printf("%6lu %-40s %8.4f\n", ticks, syms[i].name,
			       (double)ticks / (double)(end - start));
	}
	double load = last > first ? (double)total / (double)(last - first) : 0;
	if (verbose)
		printf("%016x %-40s %6lu %8.4f\n", 0, "total", total, load);
	else
		printf("%6lu %-40s %8.4f\n", total, "total", load);
	return 0;
}
