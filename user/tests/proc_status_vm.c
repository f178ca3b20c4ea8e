/* proc_status_vm: /proc/self/status's memory lines, as Linux's
 * task_mem prints them: VmPeak, VmSize, VmLck, VmPin, VmHWM, VmRSS,
 * VmData, VmStk, VmExe, VmLib and VmSwap, in that order, each "%8lu kB".
 * Mapping 64 MiB grows VmSize and VmData by 64 MiB; touching 16 MiB of
 * it grows VmRSS by at least that; after munmap VmSize and VmRSS drop
 * back while VmPeak and VmHWM keep the peaks; VmPin and VmSwap are 0. */
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "check.h"

static const char *names[] = { "VmPeak", "VmSize", "VmLck", "VmPin", "VmHWM",
			       "VmRSS", "VmData", "VmStk", "VmExe", "VmLib", "VmSwap" };
#define N (sizeof names / sizeof names[0])

static long val[N];
static int pos[N];
static int well_formed;

static void load(void)
{
	static char buf[8192];
	int fd = open("/proc/self/status", O_RDONLY), n = 0, r;

	while ((r = read(fd, buf + n, sizeof buf - 1 - n)) > 0)
		n += r;
	close(fd);
	buf[n] = 0;
	well_formed = 1;
	for (unsigned i = 0; i < N; i++) {
		char key[32];
		snprintf(key, sizeof key, "\n%s:\t", names[i]);
		char *l = strstr(buf, key);
		val[i] = -1;
		pos[i] = l ? (int)(l - buf) : -1;
		if (!l) {
			well_formed = 0;
			continue;
		}
		char *v = l + strlen(key), *end = strchr(v, '\n');
		/* "%8lu kB": eight columns of number, right-aligned. */
		if (!end || end - v < 11 || strncmp(end - 3, " kB", 3) || end - v != 11)
			well_formed = 0;
		sscanf(v, "%ld", &val[i]);
	}
}

static long get(const char *name)
{
	for (unsigned i = 0; i < N; i++)
		if (!strcmp(names[i], name))
			return val[i];
	return -1;
}

int main(void)
{
	setvbuf(stdout, NULL, _IONBF, 0);
	load();
	report(well_formed, "all eleven lines, each \"%%8lu kB\"");
	int ordered = 1;
	for (unsigned i = 1; i < N; i++)
		if (pos[i] <= pos[i - 1])
			ordered = 0;
	report(ordered, "in Linux's order");
	report(get("VmPeak") >= get("VmSize") && get("VmHWM") >= get("VmRSS"),
	       "VmPeak >= VmSize, VmHWM >= VmRSS");
	report(get("VmPin") == 0 && get("VmSwap") == 0 && get("VmLck") == 0,
	       "VmPin, VmSwap and VmLck 0");
	long size0 = get("VmSize"), data0 = get("VmData"), rss0 = get("VmRSS");

	size_t len = 64 << 20;
	char *p = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	load();
	report(get("VmSize") - size0 == 65536, "64 MiB mapped: VmSize +65536 kB");
	report(get("VmData") - data0 == 65536, "VmData +65536 kB");
	report(get("VmRSS") - rss0 < 1024, "VmRSS about the same (nothing touched)");
	for (size_t i = 0; i < (16 << 20); i += 4096)
		p[i] = 1;
	load();
	long rss1 = get("VmRSS");
	report(rss1 - rss0 >= 16384, "16 MiB touched: VmRSS +16384 kB or more");
	munmap(p, len);
	load();
	report(get("VmSize") == size0, "after munmap: VmSize as before");
	report(get("VmRSS") < rss1 - 16000, "VmRSS down again");
	report(get("VmPeak") >= size0 + 65536, "VmPeak keeps the 64 MiB");
	/* Within 1 MiB: Linux's counters are per CPU, summed loosely. */
	report(get("VmHWM") >= rss1 - 1024, "VmHWM keeps the resident peak");
	printf("%s\n", failed ? "proc_status_vm: FAILED" : "proc_status_vm: all passed");
	return failed != 0;
}
