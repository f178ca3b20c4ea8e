/*
 * interrupts - /proc/interrupts in Linux's layout: a header with a
 * "CPUn" column per online CPU; each numbered interrupt's line and the
 * local timer's ("LOC:") with a count per CPU; every CPU's timer count
 * above zero, and the sum growing while this process spins.
 *
 * Prints the same lines on any number of CPUs.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <ctype.h>

static char text[1 << 16];

static int read_interrupts(void)
{
	FILE *f = fopen("/proc/interrupts", "r");

	if (!f)
		return -1;
	size_t n = fread(text, 1, sizeof(text) - 1, f);
	text[n] = 0;
	fclose(f);
	return (int)n;
}

/* The counts after "TAG:" on line, up to want of them; how many. */
static int counts(const char *line, unsigned long long *v, int want)
{
	const char *p = strchr(line, ':');
	int n = 0;

	if (!p)
		return 0;
	p++;
	while (n < want) {
		char *end;
		while (*p == ' ')
			p++;
		if (!isdigit((unsigned char)*p))
			break;
		v[n++] = strtoull(p, &end, 10);
		p = end;
	}
	return n;
}

/* The sum of LOC's counts, or -1 if the line is not right. */
static long long loc_sum(int ncpu, int *all_ticking)
{
	char *line = strstr(text, "\nLOC:");
	unsigned long long v[256];
	long long sum = 0;

	if (!line || ncpu > 256 || counts(line + 1, v, ncpu) != ncpu)
		return -1;
	*all_ticking = 1;
	for (int i = 0; i < ncpu; i++) {
		sum += (long long)v[i];
		if (!v[i])
			*all_ticking = 0;
	}
	return sum;
}

int main(void)
{
	long online = sysconf(_SC_NPROCESSORS_ONLN);

	if (read_interrupts() <= 0) {
		printf("/proc/interrupts: cannot read\n");
		return 1;
	}
	int ncpu = 0;
	char *nl = strchr(text, '\n');
	for (char *p = text; nl && (p = strstr(p, "CPU")) && p < nl; p += 3)
		ncpu++;
	printf("header: a column per online CPU: %s\n", ncpu == online ? "yes" : "no");

	/* Each numbered line: a count per CPU. */
	int numbered = 0, good = 0;
	for (char *line = nl ? nl + 1 : NULL; line && *line;) {
		char *p = line;
		while (*p == ' ')
			p++;
		if (isdigit((unsigned char)*p)) {
			unsigned long long v[256];
			numbered++;
			good += ncpu <= 256 && counts(line, v, ncpu) == ncpu;
		}
		line = strchr(line, '\n');
		if (line)
			line++;
	}
	printf("numbered interrupts: %s, each with a count per CPU: %s\n",
	       numbered ? "some" : "none", numbered && good == numbered ? "yes" : "no");

	int ticking = 0;
	long long before = loc_sum(ncpu, &ticking);
	printf("LOC: a count per CPU: %s, every CPU's above zero: %s\n",
	       before >= 0 ? "yes" : "no", ticking ? "yes" : "no");

	/* 100 ms of spinning: this CPU's timer fires meanwhile. */
	struct timespec a, b;
	clock_gettime(CLOCK_MONOTONIC, &a);
	do
		clock_gettime(CLOCK_MONOTONIC, &b);
	while ((b.tv_sec - a.tv_sec) * 1000000000L + (b.tv_nsec - a.tv_nsec) < 100000000L);
	read_interrupts();
	long long after = loc_sum(ncpu, &ticking);
	printf("LOC grows while we spin: %s\n", after > before ? "yes" : "no");
	return !(ncpu == online && numbered && good == numbered && before >= 0 &&
		 after > before);
}
