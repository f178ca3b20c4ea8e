/* slabinfo: /proc/slabinfo as Linux prints it (version 2.1): the two
 * header lines byte for byte, every other line a cache with twelve
 * numbers in Linux's layout, objects in use never above the total nor
 * active slabs above all slabs, and the caches both kernels have by the
 * same names (task_struct, vm_area_struct, filp, kmalloc-64, kmem_cache).
 * The file is root's alone (0400) and refuses writing with EIO.  Only the
 * format is compared: the numbers differ between kernels and move. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "check.h"
#include "../lib/slabinfo.h"

static char text[65536];

int main(void)
{
	static const char *const names[] = {
		"task_struct", "vm_area_struct", "filp", "kmalloc-64",
		"kmem_cache",
	};
	int seen[5] = { 0 }, rows = 0, bad = 0;
	struct stat st;

	long len = proc_read_file("/proc/slabinfo", text, sizeof(text));
	report(len > 0, "read /proc/slabinfo: %s", yesno(len > 0));
	char *nl = strchr(text, '\n');
	char *nl2 = nl ? strchr(nl + 1, '\n') : NULL;
	if (!nl2)
		return 1;
	*nl = *nl2 = 0;
	printf("%s\n%s\n", text, nl + 1);
	for (char *line = nl2 + 1, *next; *line; line = next + 1) {
		struct slab_row r;
		next = strchr(line, '\n');
		if (!next)
			break;
		*next = 0;
		rows++;
		if (slabinfo_parse_line(line, &r) < 0 || r.active > r.num ||
		    r.active_slabs > r.num_slabs || r.objsize == 0 ||
		    r.perslab == 0 || r.pages == 0) {
			if (bad++ < 3)
				printf("FAIL: line '%s'\n", line);
			continue;
		}
		for (int i = 0; i < 5; i++)
			seen[i] += strcmp(r.name, names[i]) == 0;
	}
	report(rows > 5 && !bad, "every cache line in Linux's layout: %s",
	       yesno(rows > 5 && !bad));
	for (int i = 0; i < 5; i++)
		report(seen[i] == 1, "%s listed once: %s", names[i],
		       yesno(seen[i] == 1));

	int ok = stat("/proc/slabinfo", &st) == 0 && S_ISREG(st.st_mode) &&
		 (st.st_mode & 07777) == 0400 && st.st_size == 0;
	report(ok, "a regular file, mode 0400, size 0: %s", yesno(ok));
	int fd = open("/proc/slabinfo", O_WRONLY);
	report(fd >= 0, "root opens it for writing: %s", yesno(fd >= 0));
	errno = 0;
	ssize_t w = write(fd, "x", 1);
	report(w < 0 && errno == EIO, "write: %s", strerror(errno));
	close(fd);
	printf("%s\n", failed ? "slabinfo: FAILED" : "slabinfo: all checks passed");
	return failed != 0;
}
