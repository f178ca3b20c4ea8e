/*
 * cpuinfo: /proc/cpuinfo and /proc/stat describe every CPU, in Linux's
 * format: one block per CPU the process may run on, numbered from 0 in
 * order, each with the fields tools read (vendor_id, cpu family, model,
 * model name, flags with fpu and lm, bogomips, address sizes) and ended
 * by an empty line; /proc/stat has the "cpu " sum and one cpuN line per
 * CPU, each with ten numbers.  Nothing printed depends on the CPU count.
 */
#define _GNU_SOURCE
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "check.h"

static char buf[1 << 18];

static size_t slurp(const char *path)
{
	FILE *f = fopen(path, "r");
	size_t n = 0;

	if (!f)
		return 0;
	n = fread(buf, 1, sizeof(buf) - 1, f);
	buf[n] = 0;
	fclose(f);
	return n;
}

int main(void)
{
	cpu_set_t set;
	int ncpu, blocks = 0, ordered = 1, fields = 1, flags_ok = 1, ended = 1;

	sched_getaffinity(0, sizeof(set), &set);
	ncpu = CPU_COUNT(&set);
	report(slurp("/proc/cpuinfo") > 0, "/proc/cpuinfo can be read");
	const char *want[] = { "vendor_id\t: ", "cpu family\t: ", "model\t\t: ",
			       "model name\t: ", "flags\t\t: ", "bogomips\t: ",
			       "address sizes\t: ", "apicid\t\t: " };
	char *block = buf;
	while (block && *block) {
		char *next = strstr(block, "\n\n");
		if (next)
			*next = 0;
		int proc = -1;
		if (sscanf(block, "processor\t: %d", &proc) != 1 || proc != blocks)
			ordered = 0;
		for (size_t i = 0; i < sizeof(want) / sizeof(want[0]); i++)
			if (!strstr(block, want[i]))
				fields = 0;
		char *fl = strstr(block, "flags\t\t: ");
		if (!fl || !strstr(fl, " fpu") || !strstr(fl, " lm "))
			flags_ok = 0;
		blocks++;
		if (!next) {
			ended = 0;
			break;
		}
		block = next + 2;
	}
	report(blocks == ncpu, "one block per CPU");
	report(ordered, "blocks numbered from 0, in order");
	report(fields, "each has vendor_id, cpu family, model, model name, flags, bogomips, address sizes, apicid");
	report(flags_ok, "flags name fpu and lm");
	report(ended, "each block ends with an empty line");

	report(slurp("/proc/stat") > 0, "/proc/stat can be read");
	int lines = 0, sum_line = 0, numbers_ok = 1;
	for (char *l = strtok(buf, "\n"); l; l = strtok(NULL, "\n")) {
		if (!strncmp(l, "cpu ", 4))
			sum_line++;
		else if (!strncmp(l, "cpu", 3)) {
			int id = -1;
			if (sscanf(l, "cpu%d", &id) != 1 || id != lines)
				numbers_ok = 0;
			lines++;
		} else
			continue;
		int count = 0;
		for (char *t = strchr(l, ' '); t; t = strchr(t + 1, ' '))
			if (t[1] && t[1] != ' ')
				count++;
		if (count != 10)
			numbers_ok = 0;
	}
	report(sum_line == 1, "one \"cpu \" line, the sum");
	report(lines == ncpu, "one cpuN line per CPU");
	report(numbers_ok, "cpu lines numbered in order, ten numbers each");
	printf("%s\n", failed ? "cpuinfo: FAILED" : "cpuinfo: all passed");
	return failed != 0;
}
