#define _GNU_SOURCE
/* mounts: the mount table as programs read it, against Linux (whose
 * table is the host's own, so only the layout and what must agree with
 * stat and statfs are compared).  /proc/mounts and /proc/self/mounts:
 * the same text, six fields a line ending "0 0", a "/" and a "/proc"
 * of type proc.  /proc/self/mountinfo: every line in Linux's layout (ID,
 * parent ID, major:minor, root, mount point, options, optional fields,
 * "-", type, source, super options), unique IDs, parents that are
 * listed (but the root's), and the major:minor of "/" and "/proc"
 * equal to what stat says of them.  /proc/sys/fs/pipe-max-size. */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#include "errname.h"

#define MIN_LEN(len) ((len) < 1023 ? (len) : 1023)

static int nl_ok(const char *s)
{
	size_t n = strlen(s);

	return n > 0 && s[n - 1] == '\n';
}

static char *slurp(const char *path)
{
	static char bufs[3][65536];
	static int next;
	char *buf = bufs[next++ % 3];
	int fd = open(path, O_RDONLY);
	ssize_t n, len = 0;

	if (fd < 0) {
		report(0, "open %s: %s", path, errname(errno));
		buf[0] = 0;
		return buf;
	}
	while ((n = read(fd, buf + len, sizeof(bufs[0]) - 1 - len)) > 0)
		len += n;
	buf[len] = 0;
	close(fd);
	return buf;
}

static void test_mounts(void)
{
	char *m = slurp("/proc/mounts");
	char *self = slurp("/proc/self/mounts");
	char line[1024];
	int lines = 0, good = 0, root = 0, proc = 0;

	report(!strcmp(m, self), "/proc/mounts and /proc/self/mounts agree: %s", yesno(!strcmp(m, self)));
	for (char *p = m; *p;) {
		char *nl = strchr(p, '\n');
		size_t len = nl ? (size_t)(nl - p) : strlen(p);
		memcpy(line, p, MIN_LEN(len));
		line[MIN_LEN(len)] = 0;
		p += len + (nl != NULL);
		char src[256], point[256], type[64], opts[512];
		int dump, pass, end = 0;
		lines++;
		if (sscanf(line, "%255s %255s %63s %511s %d %d%n", src, point, type, opts,
			   &dump, &pass, &end) == 6 && !line[end] && dump == 0 && pass == 0)
			good++;
		if (!strcmp(point, "/"))
			root++;
		if (!strcmp(point, "/proc") && !strcmp(type, "proc"))
			proc++;
	}
	report(lines > 0 && good == lines, "every line has six fields ending \"0 0\": %s",
	       yesno(lines > 0 && good == lines));
	report(root >= 1, "a mount on /: %s", yesno(root >= 1));
	report(proc == 1, "one proc on /proc: %s", yesno(proc == 1));
	report(nl_ok(m), "the text ends in a newline: %s", yesno(nl_ok(m)));
}

#define MAXM 256
static void test_mountinfo(void)
{
	char *mi = slurp("/proc/self/mountinfo");
	int ids[MAXM], parents[MAXM], n = 0, good = 0, lines = 0;
	unsigned root_dev = 0, proc_dev = 0;
	int root_seen = 0, proc_seen = 0;
	char proc_type[64] = "";

	for (char *p = mi; *p && n < MAXM;) {
		char *nl = strchr(p, '\n');
		size_t len = nl ? (size_t)(nl - p) : strlen(p);
		char line[1024];
		memcpy(line, p, MIN_LEN(len));
		line[MIN_LEN(len)] = 0;
		p += len + (nl != NULL);
		lines++;
		int id, parent, end = 0;
		unsigned ma, mi_;
		char rootdir[256], point[256], opts[512];
		if (sscanf(line, "%d %d %u:%u %255s %255s %511s%n", &id, &parent, &ma, &mi_,
			   rootdir, point, opts, &end) != 7)
			continue;
		char *dash = strstr(line + end, " - ");
		char type[64], src[256], sopts[512];
		if (!dash || sscanf(dash + 3, "%63s %255s %511s", type, src, sopts) != 3)
			continue;
		good++;
		ids[n] = id, parents[n] = parent, n++;
		if (!strcmp(point, "/")) {
			root_dev = makedev(ma, mi_);
			root_seen++;
		}
		if (!strcmp(point, "/proc")) {
			proc_dev = makedev(ma, mi_);
			proc_seen++;
			snprintf(proc_type, sizeof(proc_type), "%s", type);
		}
	}
	report(lines > 0 && good == lines, "every mountinfo line in Linux's layout: %s",
	       yesno(lines > 0 && good == lines));
	int unique = 1, parented = 0;
	for (int i = 0; i < n; i++) {
		for (int j = 0; j < i; j++)
			unique &= ids[i] != ids[j];
		for (int j = 0; j < n; j++)
			if (parents[i] == ids[j]) {
				parented++;
				break;
			}
	}
	report(unique, "mount IDs unique: %s", yesno(unique));
	report(parented >= n - 1, "every parent listed but the root's: %s", yesno(parented >= n - 1));
	struct stat st;
	stat("/", &st);
	report(root_seen >= 1 && root_dev == st.st_dev, "/'s major:minor is stat's st_dev: %s",
	       yesno(root_seen >= 1 && root_dev == st.st_dev));
	stat("/proc", &st);
	report(proc_seen == 1 && proc_dev == st.st_dev, "/proc's major:minor is stat's st_dev: %s",
	       yesno(proc_seen == 1 && proc_dev == st.st_dev));
	struct stat st2;
	stat("/proc/self/status", &st2);
	report(st2.st_dev == st.st_dev, "a file in /proc has /proc's st_dev: %s",
	       yesno(st2.st_dev == st.st_dev));
	struct statfs sf;
	statfs("/proc", &sf);
	report(!strcmp(proc_type, "proc") && sf.f_type == 0x9fa0,
	       "/proc's type is proc, as statfs says: %s",
	       yesno(!strcmp(proc_type, "proc") && sf.f_type == 0x9fa0));
}

int main(void)
{
	test_mounts();
	test_mountinfo();
	char *pms = slurp("/proc/sys/fs/pipe-max-size");
	report(!strcmp(pms, "1048576\n"), "/proc/sys/fs/pipe-max-size: %s", pms[0] ? "1048576" : "?");
	struct stat st;
	expect_value("/proc/sys/fs/pipe-max-size is a 0644 file",
		     ERR(stat("/proc/sys/fs/pipe-max-size", &st)) || (st.st_mode & 07777) != 0644, 0);
	printf("%s\n", failed ? "some checks FAILED" : "all checks passed");
	return failed ? 1 : 0;
}
