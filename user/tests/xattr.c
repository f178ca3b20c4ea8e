#define _GNU_SOURCE
/* xattr: extended attributes against Linux's tmpfs, in a fresh
 * /dev/shm/xattr.dir (tmpfs on Linux, the root ramfs here; removed at
 * the end).  set/get/list/remove and their l* and f* variants on
 * user.*, trusted.* and security.* names: values of 0 and 65536 bytes,
 * XATTR_CREATE/XATTR_REPLACE, size 0 asking for the length, ERANGE for
 * a short buffer, E2BIG, ENODATA, EOPNOTSUPP for unknown namespaces and
 * for /proc and pipes, EINVAL for a bare "user.", ERANGE for empty and
 * 256-byte names, EFAULT, EBADF, ENOENT before nothing but the name and
 * value checks; user.* refused on symlinks, devices and pipes (EPERM to
 * write, ENODATA to read); as uid 65534: EACCES without write (or read)
 * permission, EPERM for trusted.* (ENODATA to read, hidden from lists),
 * EPERM in another's sticky directory.  Lists are printed sorted: Linux
 * keeps no order. */
#include <fcntl.h>
#include <grp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <sys/xattr.h>
#include <unistd.h>

#include "child.h"
#include "errname.h"

#define D "/dev/shm/xattr.dir"
#define NOBODY 65534

static void make_file(const char *path, mode_t mode)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, mode);

	if (fd < 0 || close(fd) || chmod(path, mode))
		report(0, "make %s: %s", path, errname(errno));
}

static int cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The names of a list, sorted. */
static void show_list(const char *what, long n, char *buf)
{
	char *names[64];
	int k = 0;
	char line[1024] = "";

	if (n < 0) {
		report(0, "%s: %s", what, errname(errno));
		return;
	}
	for (long i = 0; i < n && k < 64; i += strlen(buf + i) + 1)
		names[k++] = buf + i;
	qsort(names, k, sizeof(names[0]), cmp);
	for (int i = 0; i < k; i++) {
		strcat(line, " ");
		strcat(line, names[i]);
	}
	report(1, "%s: %ld bytes:%s", what, n, k ? line : " (none)");
}

static void show_value(const char *what, long n, const char *buf)
{
	if (n < 0)
		report(0, "%s: %s", what, errname(errno));
	else
		report(1, "%s: %ld bytes \"%.*s\"", what, n, (int)n, buf);
}

static void test_root(void)
{
	const char *f = D "/f";
	char buf[256], *big = malloc(65537);
	char longname[300];

	memset(big, 'v', 65537);
	make_file(f, 0644);
	show_list("new file", listxattr(f, buf, sizeof(buf)), buf);
	expect_value("set user.a", ERR(setxattr(f, "user.a", "alpha", 5, 0)), 0);
	expect_value("set user.b empty", ERR(setxattr(f, "user.b", "", 0, 0)), 0);
	expect_value("set trusted.t", ERR(setxattr(f, "trusted.t", "tt", 2, 0)), 0);
	expect_value("set security.s", ERR(setxattr(f, "security.s", "s", 1, 0)), 0);
	show_list("listxattr", listxattr(f, buf, sizeof(buf)), buf);
	expect_value("listxattr size 0", ERR(listxattr(f, NULL, 0)), 35);
	expect_errno("listxattr short buffer", ERR(listxattr(f, buf, 34)), ERANGE);
	show_value("get user.a", getxattr(f, "user.a", buf, sizeof(buf)), buf);
	show_value("get user.b", getxattr(f, "user.b", buf, sizeof(buf)), buf);
	expect_value("get user.a size 0", ERR(getxattr(f, "user.a", NULL, 0)), 5);
	expect_errno("get user.a short", ERR(getxattr(f, "user.a", buf, 4)), ERANGE);
	show_value("get trusted.t", getxattr(f, "trusted.t", buf, sizeof(buf)), buf);
	show_value("get security.s", getxattr(f, "security.s", buf, sizeof(buf)), buf);
	expect_errno("get user.missing", ERR(getxattr(f, "user.missing", buf, 10)), ENODATA);
	expect_errno("XATTR_CREATE of user.a", ERR(setxattr(f, "user.a", "x", 1, XATTR_CREATE)), EEXIST);
	expect_errno("XATTR_REPLACE of user.c", ERR(setxattr(f, "user.c", "x", 1, XATTR_REPLACE)), ENODATA);
	expect_value("XATTR_REPLACE of user.a", ERR(setxattr(f, "user.a", "beta!!", 6, XATTR_REPLACE)), 0);
	show_value("user.a replaced", getxattr(f, "user.a", buf, sizeof(buf)), buf);
	expect_value("XATTR_CREATE of user.c", ERR(setxattr(f, "user.c", "c", 1, XATTR_CREATE)), 0);
	expect_errno("flags 3 on user.c", ERR(setxattr(f, "user.c", "c", 1, 3)), EEXIST);
	expect_errno("flags 4", ERR(setxattr(f, "user.c", "c", 1, 4)), EINVAL);
	expect_errno("flags 4 on a missing file", ERR(setxattr(D "/missing", "user.c", "c", 1, 4)), EINVAL);
	expect_value("set 65536 bytes", ERR(setxattr(f, "user.big", big, 65536, 0)), 0);
	expect_value("get it, size 0", ERR(getxattr(f, "user.big", NULL, 0)), 65536);
	char *back = malloc(65536);
	long n = getxattr(f, "user.big", back, 65536);
	report(n == 65536 && !memcmp(back, big, 65536), "65536 bytes read back");
	expect_errno("get it into 100 bytes", ERR(getxattr(f, "user.big", buf, 100)), ERANGE);
	expect_errno("set 65537 bytes", ERR(setxattr(f, "user.big", big, 65537, 0)), E2BIG);
	expect_errno("set 65537 bytes on a missing file",
		     ERR(setxattr(D "/missing", "user.big", big, 65537, 0)), E2BIG);
	expect_value("remove user.big", ERR(removexattr(f, "user.big")), 0);
	expect_errno("remove it again", ERR(removexattr(f, "user.big")), ENODATA);
	expect_errno("get it", ERR(getxattr(f, "user.big", buf, 10)), ENODATA);
	memset(longname, 'n', sizeof(longname));
	memcpy(longname, "user.", 5);
	longname[255] = 0;
	expect_value("a 255-byte name", ERR(setxattr(f, longname, "l", 1, 0)), 0);
	expect_value("remove it", ERR(removexattr(f, longname)), 0);
	longname[255] = 'n';
	longname[256] = 0;
	expect_errno("a 256-byte name", ERR(setxattr(f, longname, "l", 1, 0)), ERANGE);
	expect_errno("get a 256-byte name", ERR(getxattr(f, longname, buf, 10)), ERANGE);
	expect_errno("remove a 256-byte name", ERR(removexattr(f, longname)), ERANGE);
	expect_errno("an empty name", ERR(setxattr(f, "", "x", 1, 0)), ERANGE);
	expect_errno("get an empty name on a missing file", ERR(getxattr(D "/missing", "", buf, 10)), ERANGE);
	expect_errno("bare \"user.\"", ERR(setxattr(f, "user.", "x", 1, 0)), EINVAL);
	expect_errno("get bare \"user.\"", ERR(getxattr(f, "user.", buf, 10)), EINVAL);
	expect_errno("namespace foo.", ERR(setxattr(f, "foo.bar", "x", 1, 0)), EOPNOTSUPP);
	expect_errno("get foo.bar", ERR(getxattr(f, "foo.bar", buf, 10)), EOPNOTSUPP);
	expect_errno("remove foo.bar", ERR(removexattr(f, "foo.bar")), EOPNOTSUPP);
	expect_errno("system.foo", ERR(setxattr(f, "system.foo", "x", 1, 0)), EOPNOTSUPP);
	expect_errno("a name without a namespace", ERR(setxattr(f, "plain", "x", 1, 0)), EOPNOTSUPP);
	expect_errno("missing file", ERR(getxattr(D "/missing", "user.a", buf, 10)), ENOENT);
	expect_errno("listxattr missing file", ERR(listxattr(D "/missing", buf, 10)), ENOENT);
	expect_errno("under a file", ERR(setxattr(D "/f/x", "user.a", "x", 1, 0)), ENOTDIR);
	expect_errno("bad name pointer", ERR(setxattr(f, (char *)1, "x", 1, 0)), EFAULT);
	expect_errno("bad value pointer", ERR(setxattr(f, "user.a", (char *)1, 1, 0)), EFAULT);
	expect_errno("bad get buffer", ERR(getxattr(f, "user.a", (char *)1, 10)), EFAULT);
	expect_errno("bad list buffer", ERR(listxattr(f, (char *)1, 100)), EFAULT);
	expect_errno("bad path", ERR(getxattr((char *)1, "user.a", buf, 10)), EFAULT);

	/* the l* and f* variants */
	symlink("f", D "/lnk");
	show_value("getxattr through a symlink", getxattr(D "/lnk", "user.a", buf, sizeof(buf)), buf);
	expect_errno("lgetxattr of the link", ERR(lgetxattr(D "/lnk", "user.a", buf, 10)), ENODATA);
	expect_errno("lsetxattr user.* on the link", ERR(lsetxattr(D "/lnk", "user.a", "x", 1, 0)), EPERM);
	expect_value("lsetxattr trusted.* on the link", ERR(lsetxattr(D "/lnk", "trusted.l", "L", 1, 0)), 0);
	show_list("llistxattr of the link", llistxattr(D "/lnk", buf, sizeof(buf)), buf);
	expect_value("lremovexattr", ERR(lremovexattr(D "/lnk", "trusted.l")), 0);
	show_list("listxattr through the link", listxattr(D "/lnk", buf, sizeof(buf)), buf);
	int fd = open(f, O_RDONLY);
	expect_value("fsetxattr on a read-only fd", ERR(fsetxattr(fd, "user.f", "fd", 2, 0)), 0);
	show_value("fgetxattr", fgetxattr(fd, "user.f", buf, sizeof(buf)), buf);
	show_list("flistxattr", flistxattr(fd, buf, sizeof(buf)), buf);
	expect_value("fremovexattr", ERR(fremovexattr(fd, "user.f")), 0);
	expect_errno("fremovexattr again", ERR(fremovexattr(fd, "user.f")), ENODATA);
	close(fd);
	expect_errno("fgetxattr 999", ERR(fgetxattr(999, "user.a", buf, 10)), EBADF);
	expect_errno("fsetxattr 999", ERR(fsetxattr(999, "user.a", "x", 1, 0)), EBADF);
	expect_errno("flistxattr 999", ERR(flistxattr(999, buf, 10)), EBADF);

	/* directories, devices, pipes, /proc */
	mkdir(D "/dir", 0755);
	expect_value("set user.d on a directory", ERR(setxattr(D "/dir", "user.d", "d", 1, 0)), 0);
	show_list("the directory's list", listxattr(D "/dir", buf, sizeof(buf)), buf);
	expect_errno("set user.x on /dev/null", ERR(setxattr("/dev/null", "user.x", "x", 1, 0)), EPERM);
	expect_errno("get user.x on /dev/null", ERR(getxattr("/dev/null", "user.x", buf, 10)), ENODATA);
	int p[2];
	pipe(p);
	expect_errno("fsetxattr user.x on a pipe", ERR(fsetxattr(p[1], "user.x", "x", 1, 0)), EPERM);
	expect_errno("fgetxattr user.x on a pipe", ERR(fgetxattr(p[0], "user.x", buf, 10)), ENODATA);
	expect_errno("fsetxattr trusted.x on a pipe", ERR(fsetxattr(p[1], "trusted.x", "x", 1, 0)), EOPNOTSUPP);
	expect_value("flistxattr of a pipe", ERR(flistxattr(p[0], buf, sizeof(buf))), 0);
	close(p[0]), close(p[1]);
	expect_errno("set user.x on /proc/self/status",
		     ERR(setxattr("/proc/self/status", "user.x", "x", 1, 0)), EOPNOTSUPP);
	expect_errno("get user.x on /proc/self/status",
		     ERR(getxattr("/proc/self/status", "user.x", buf, 10)), EOPNOTSUPP);
	expect_value("listxattr of /proc/self/status", ERR(listxattr("/proc/self/status", buf, sizeof(buf))), 0);

	/* for the unprivileged child */
	make_file(D "/ro", 0644);
	setxattr(D "/ro", "user.r", "r", 1, 0);
	setxattr(D "/ro", "trusted.t", "t", 1, 0);
	make_file(D "/secret", 0600);
	setxattr(D "/secret", "user.s", "s", 1, 0);
	make_file(D "/open", 0666);
	mkdir(D "/sticky", 0755);
	chmod(D "/sticky", 01777);
	free(big);
	free(back);
}

static void as_nobody(void)
{
	char buf[256];

	setgroups(0, NULL);
	setgid(NOBODY);
	setuid(NOBODY);
	show_value("nobody: get user.r of a 0644 file", getxattr(D "/ro", "user.r", buf, sizeof(buf)), buf);
	show_list("nobody: its list (no trusted.*)", listxattr(D "/ro", buf, sizeof(buf)), buf);
	expect_value("nobody: listxattr size 0", ERR(listxattr(D "/ro", NULL, 0)), 7);
	expect_errno("nobody: get trusted.t", ERR(getxattr(D "/ro", "trusted.t", buf, 10)), ENODATA);
	expect_errno("nobody: set user.x on a 0644 file", ERR(setxattr(D "/ro", "user.x", "x", 1, 0)), EACCES);
	expect_errno("nobody: remove user.r", ERR(removexattr(D "/ro", "user.r")), EACCES);
	expect_errno("nobody: set trusted.x", ERR(setxattr(D "/open", "trusted.x", "x", 1, 0)), EPERM);
	expect_errno("nobody: get user.s of a 0600 file", ERR(getxattr(D "/secret", "user.s", buf, 10)), EACCES);
	expect_value("nobody: list of a 0600 file", ERR(listxattr(D "/secret", buf, sizeof(buf))), 7);
	expect_value("nobody: set user.o on a 0666 file", ERR(setxattr(D "/open", "user.o", "o", 1, 0)), 0);
	expect_errno("nobody: user.* on root's sticky directory",
		     ERR(setxattr(D "/sticky", "user.x", "x", 1, 0)), EPERM);
	expect_errno("nobody: get user.x there", ERR(getxattr(D "/sticky", "user.x", buf, 10)), ENODATA);
	mkdir(D "/sticky/mine", 01777);
	expect_value("nobody: user.* on its own sticky directory",
		     ERR(setxattr(D "/sticky/mine", "user.x", "x", 1, 0)), 0);
	rmdir(D "/sticky/mine");
}

int main(void)
{
	umask(022);
	if (mkdir(D, 0755)) {
		printf("mkdir " D ": %s\n", errname(errno));
		return 1;
	}
	test_root();
	in_child(as_nobody);
	char list[64];
	show_list("root sees nobody's user.o", listxattr(D "/open", list, sizeof(list)), list);
	static const char *files[] = { "f", "lnk", "dir", "ro", "secret", "open", "sticky" };
	char path[128];
	for (unsigned i = 0; i < sizeof(files) / sizeof(files[0]); i++) {
		snprintf(path, sizeof(path), D "/%s", files[i]);
		if (unlink(path) && rmdir(path))
			report(0, "cleanup %s: %s", path, errname(errno));
	}
	if (rmdir(D))
		report(0, "cleanup " D ": %s", errname(errno));
	printf("%s\n", failed ? "some checks FAILED" : "all checks passed");
	return failed ? 1 : 0;
}
