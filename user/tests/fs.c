/* fs: the file system calls against Linux's answers.  Everything happens
 * in a fresh directory "fs_test.dir" under the cwd, removed at the end,
 * so the same binary runs on the host and in the kernel: open/openat/creat
 * and their flags, read/write/pread/pwrite/lseek, holes and truncation,
 * stat/fstat/lstat/newfstatat/statx, getdents64, mkdir/rmdir/unlink,
 * rename, link, symlink/readlink (and ELOOP), getcwd/chdir/fchdir,
 * access, chmod, umask, sendfile, dup/fork sharing an offset, reading an
 * unlinked open file, device nodes, and execve through the file system.
 * Only deterministic facts are printed (no inode numbers or times). */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/sendfile.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/sysmacros.h>
#include <sys/wait.h>
#include <unistd.h>

#include "check.h"

#define DIR_NAME "fs_test.dir"
#define BAD ((void *)8)		/* never mapped */

/* statx's layout (this musl has no wrapper for it). */
struct statx_ts { long long tv_sec; unsigned tv_nsec; int pad; };
struct kstatx {
	unsigned stx_mask, stx_blksize;
	unsigned long long stx_attributes;
	unsigned stx_nlink, stx_uid, stx_gid;
	unsigned short stx_mode, pad0;
	unsigned long long stx_ino, stx_size, stx_blocks, stx_attributes_mask;
	struct statx_ts stx_atime, stx_btime, stx_ctime, stx_mtime;
	unsigned rdev_major, rdev_minor, dev_major, dev_minor;
	unsigned long long spare[14];
};
#define STATX_BASIC_STATS 0x7ffU


static const char *ename(int e)
{
	static const struct { int e; const char *n; } t[] = {
		{ 0, "no error" }, { ENOENT, "ENOENT" }, { EEXIST, "EEXIST" },
		{ ENOTDIR, "ENOTDIR" }, { EISDIR, "EISDIR" },
		{ ENOTEMPTY, "ENOTEMPTY" }, { EBADF, "EBADF" },
		{ EFAULT, "EFAULT" }, { EINVAL, "EINVAL" },
		{ ENAMETOOLONG, "ENAMETOOLONG" }, { ELOOP, "ELOOP" },
		{ ERANGE, "ERANGE" }, { EACCES, "EACCES" }, { EBUSY, "EBUSY" },
		{ EPERM, "EPERM" }, { ESPIPE, "ESPIPE" },
	};
	for (unsigned i = 0; i < sizeof(t) / sizeof(t[0]); i++)
		if (t[i].e == e)
			return t[i].n;
	return strerror(e);
}

#define E(call) (errno = 0, (long)(call))

static void expect_err(const char *what, long r, int want)
{
	int e = errno;
	if (r == -1 && e == want)
		report(1, "%s: %s", what, ename(want));
	else
		report(0, "%s: expected %s, got ret=%ld (%s)", what, ename(want),
		       r, ename(r == -1 ? e : 0));
}

static void expect_ok(const char *what, long r)
{
	int e = errno;
	report(r >= 0, "%s: %s", what, r >= 0 ? "ok" : ename(e));
}

static void expect_eq(const char *what, long got, long want)
{
	report(got == want, "%s: %ld%s", what, got,
	       got == want ? "" : " (unexpected)");
}

static void expect_str(const char *what, const char *got, const char *want)
{
	report(!strcmp(got, want), "%s: \"%s\"", what, got);
}

static void put_file(const char *name, const char *text)
{
	int fd = open(name, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	if (fd < 0 || write(fd, text, strlen(text)) != (ssize_t)strlen(text))
		report(0, "put_file %s: %s", name, ename(errno));
	close(fd);
}

/* The whole file as a string (small files only). */
static const char *get_file(const char *name)
{
	static char buf[256];
	int fd = open(name, O_RDONLY);
	ssize_t n = fd < 0 ? -1 : read(fd, buf, sizeof(buf) - 1);
	close(fd);
	buf[n < 0 ? 0 : n] = 0;
	return n < 0 ? "(unreadable)" : buf;
}

/* Remove a tree (only for a leftover of an earlier, failed host run). */
static void rm_rf(const char *path)
{
	struct stat st;
	if (lstat(path, &st))
		return;
	if (S_ISDIR(st.st_mode)) {
		DIR *d = opendir(path);
		struct dirent *de;
		char sub[512];
		while (d && (de = readdir(d))) {
			if (!strcmp(de->d_name, ".") || !strcmp(de->d_name, ".."))
				continue;
			snprintf(sub, sizeof(sub), "%s/%s", path, de->d_name);
			rm_rf(sub);
		}
		if (d)
			closedir(d);
		rmdir(path);
	} else {
		unlink(path);
	}
}

static void test_open_rw(void)
{
	struct stat st;
	char buf[64];

	umask(022);
	int fd = open("f", O_RDWR | O_CREAT | O_EXCL, 0666);
	expect_ok("open O_CREAT|O_EXCL", fd);
	fstat(fd, &st);
	expect_eq("new file mode (0666 & ~022)", st.st_mode, S_IFREG | 0644);
	expect_eq("new file size", st.st_size, 0);
	expect_eq("new file nlink", st.st_nlink, 1);
	report(st.st_mtim.tv_sec || st.st_mtim.tv_nsec, "mtime is set: %d",
	       st.st_mtim.tv_sec || st.st_mtim.tv_nsec);
	expect_err("open O_CREAT|O_EXCL existing", E(open("f", O_RDWR | O_CREAT | O_EXCL, 0644)), EEXIST);
	expect_eq("write", write(fd, "hello world", 11), 11);
	expect_eq("lseek SEEK_CUR", lseek(fd, 0, SEEK_CUR), 11);
	memset(buf, 0, sizeof(buf));
	expect_eq("pread 5 at 6", pread(fd, buf, 5, 6), 5);
	expect_str("pread data", buf, "world");
	expect_eq("pread leaves the offset", lseek(fd, 0, SEEK_CUR), 11);
	expect_eq("pwrite at 20 (past the end)", pwrite(fd, "X", 1, 20), 1);
	fstat(fd, &st);
	expect_eq("size after pwrite", st.st_size, 21);
	memset(buf, 1, sizeof(buf));
	expect_eq("read the hole", pread(fd, buf, 9, 11), 9);
	int zeros = 1;
	for (int i = 0; i < 9; i++)
		zeros &= buf[i] == 0;
	expect_eq("hole reads as zeros", zeros, 1);
	expect_eq("lseek SEEK_END -3", lseek(fd, -3, SEEK_END), 18);
	expect_eq("lseek SEEK_SET past the end", lseek(fd, 100, SEEK_SET), 100);
	expect_eq("read at 100 (EOF)", read(fd, buf, 10), 0);
	expect_err("lseek to a negative offset", E(lseek(fd, -1, SEEK_SET)), EINVAL);
	expect_err("lseek bad whence", E(lseek(fd, 0, 17)), EINVAL);
	expect_err("pread negative offset", E(pread(fd, buf, 1, -1)), EINVAL);
	expect_err("read into a bad buffer", E(pread(fd, BAD, 4, 0)), EFAULT);
	expect_err("write from a bad buffer", E(pwrite(fd, BAD, 4, 0)), EFAULT);
	close(fd);

	fd = open("f", O_WRONLY | O_APPEND);
	lseek(fd, 0, SEEK_SET);
	expect_eq("O_APPEND write", write(fd, "END", 3), 3);
	expect_eq("O_APPEND offset at the end", lseek(fd, 0, SEEK_CUR), 24);
	expect_err("read on O_WRONLY", E(read(fd, buf, 1)), EBADF);
	close(fd);
	fd = open("f", O_RDONLY);
	expect_err("write on O_RDONLY", E(write(fd, "x", 1)), EBADF);
	expect_err("ftruncate on O_RDONLY", E(ftruncate(fd, 0)), EINVAL);
	close(fd);

	int p[2];
	pipe(p);
	expect_err("lseek on a pipe", E(lseek(p[0], 0, SEEK_SET)), ESPIPE);
	expect_err("pread on a pipe", E(pread(p[0], buf, 1, 0)), ESPIPE);
	fstat(p[0], &st);
	expect_eq("pipe is S_IFIFO", S_ISFIFO(st.st_mode), 1);
	close(p[0]);
	close(p[1]);
}

static void test_truncate(void)
{
	struct stat st;
	char buf[128];

	put_file("t", "hello world");
	int fd = open("t", O_RDWR);
	expect_ok("ftruncate to 5", ftruncate(fd, 5));
	expect_str("after ftruncate", get_file("t"), "hello");
	expect_ok("ftruncate to 100", ftruncate(fd, 100));
	fstat(fd, &st);
	expect_eq("size after growing", st.st_size, 100);
	memset(buf, 1, sizeof(buf));
	pread(fd, buf, 100, 0);
	int zeros = 1;
	for (int i = 5; i < 100; i++)
		zeros &= buf[i] == 0;
	expect_eq("grown part reads as zeros", zeros, 1);
	expect_ok("truncate to 3", truncate("t", 3));
	fstat(fd, &st);
	expect_eq("size after truncate", st.st_size, 3);
	expect_err("truncate negative", E(truncate("t", -1)), EINVAL);
	expect_err("truncate a directory", E(truncate(".", 0)), EISDIR);
	expect_err("truncate missing", E(truncate("nosuch", 0)), ENOENT);
	close(fd);
	fd = open("t", O_WRONLY | O_TRUNC);
	fstat(fd, &st);
	expect_eq("O_TRUNC empties", st.st_size, 0);
	close(fd);
	put_file("t", "contents");
	fd = creat("t", 0644);
	fstat(fd, &st);
	expect_eq("creat truncates", st.st_size, 0);
	close(fd);
	umask(077);
	fd = creat("u", 0666);
	fstat(fd, &st);
	expect_eq("creat mode with umask 077", st.st_mode & 0777, 0600);
	close(fd);
	umask(022);
	unlink("t");
	unlink("u");
}

static void test_open_errors(void)
{
	char buf[8];
	char longname[300];

	put_file("file", "x");
	mkdir("dir", 0755);
	expect_err("open dir O_WRONLY", E(open("dir", O_WRONLY)), EISDIR);
	expect_err("open dir O_CREAT", E(open("dir", O_RDONLY | O_CREAT, 0644)), EISDIR);
	expect_err("open file O_DIRECTORY", E(open("file", O_RDONLY | O_DIRECTORY)), ENOTDIR);
	expect_err("open \"file/\"", E(open("file/", O_RDONLY)), ENOTDIR);
	expect_err("open \"new/\" O_CREAT", E(open("new/", O_RDWR | O_CREAT, 0644)), EISDIR);
	expect_err("open missing", E(open("nosuch", O_RDONLY)), ENOENT);
	expect_err("open missing/x", E(open("nosuch/x", O_RDONLY | O_CREAT, 0644)), ENOENT);
	expect_err("open file/x", E(open("file/x", O_RDONLY)), ENOTDIR);
	expect_err("open \"\"", E(open("", O_RDONLY)), ENOENT);
	expect_err("open bad pointer", E(open(BAD, O_RDONLY)), EFAULT);
	memset(longname, 'a', sizeof(longname) - 1);
	longname[sizeof(longname) - 1] = 0;
	expect_err("open 299-byte name", E(open(longname, O_RDONLY)), ENAMETOOLONG);
	static char huge[5000];	/* no malloc: brk may not exist yet */
	memset(huge, 'a', 4999);
	for (int i = 1; i < 4999; i += 2)
		huge[i] = '/';
	huge[4999] = 0;
	expect_err("open 4999-byte path", E(open(huge, O_RDONLY)), ENAMETOOLONG);
	int dfd = open("dir", O_RDONLY | O_DIRECTORY);
	expect_ok("open O_DIRECTORY", dfd);
	expect_err("read a directory", E(read(dfd, buf, 8)), EISDIR);
	int fd = openat(dfd, "inner", O_RDWR | O_CREAT | O_CLOEXEC, 0644);
	expect_ok("openat dirfd O_CREAT", fd);
	expect_eq("O_CLOEXEC sets FD_CLOEXEC", fcntl(fd, F_GETFD), FD_CLOEXEC);
	close(fd);
	expect_ok("the file is in dir", access("dir/inner", F_OK));
	int ffd = open("file", O_RDONLY);
	expect_err("openat with a file as dirfd", E(openat(ffd, "x", O_RDONLY)), ENOTDIR);
	expect_err("openat bad dirfd", E(openat(99, "x", O_RDONLY)), EBADF);
	expect_ok("openat bad dirfd, absolute path", openat(99, "/", O_RDONLY) >= 0 ? 0 : -1);
	expect_ok("openat AT_FDCWD", fd = openat(AT_FDCWD, "file", O_RDONLY));
	close(fd);
	close(ffd);
	close(dfd);
	unlink("dir/inner");
	rmdir("dir");
	unlink("file");
}

static void test_stat(void)
{
	struct stat st;
	char longname[300];

	mkdir("sd", 0750);
	put_file("sd/file", "12345");
	symlink("file", "sd/link");
	expect_ok("stat dir", stat("sd", &st));
	expect_eq("dir mode", st.st_mode, S_IFDIR | 0750);
	expect_eq("dir nlink", st.st_nlink, 2);
	mkdir("sd/sub", 0755);
	stat("sd", &st);
	expect_eq("dir nlink with a subdir", st.st_nlink, 3);
	stat("sd/link", &st);
	expect_eq("stat follows the link (size)", st.st_size, 5);
	expect_eq("stat follows the link (type)", S_ISREG(st.st_mode), 1);
	lstat("sd/link", &st);
	expect_eq("lstat: a symlink", S_ISLNK(st.st_mode), 1);
	expect_eq("lstat: size is the target length", st.st_size, 4);
	fstatat(AT_FDCWD, "sd/link", &st, AT_SYMLINK_NOFOLLOW);
	expect_eq("fstatat AT_SYMLINK_NOFOLLOW", S_ISLNK(st.st_mode), 1);
	int dfd = open("sd", O_RDONLY | O_DIRECTORY);
	expect_ok("fstatat dirfd", fstatat(dfd, "file", &st, 0));
	expect_eq("fstatat dirfd size", st.st_size, 5);
	expect_ok("fstatat AT_EMPTY_PATH", fstatat(dfd, "", &st, AT_EMPTY_PATH));
	expect_eq("AT_EMPTY_PATH is the dir", S_ISDIR(st.st_mode), 1);
	expect_err("fstatat \"\" without AT_EMPTY_PATH", E(fstatat(dfd, "", &st, 0)), ENOENT);
	expect_err("fstatat bad flags", E(syscall(SYS_newfstatat, dfd, "file", &st, 0x4)), EINVAL);
	close(dfd);
	expect_err("stat missing", E(stat("sd/nosuch", &st)), ENOENT);
	expect_err("stat file/x", E(stat("sd/file/x", &st)), ENOTDIR);
	expect_err("stat \"file/\"", E(stat("sd/file/", &st)), ENOTDIR);
	expect_err("stat bad buffer", E(syscall(SYS_stat, "sd", BAD)), EFAULT);
	expect_err("stat bad path", E(syscall(SYS_stat, BAD, &st)), EFAULT);
	expect_err("fstat bad fd", E(fstat(99, &st)), EBADF);
	memset(longname, 'b', 256);
	longname[256] = 0;
	expect_err("stat 256-byte component", E(stat(longname, &st)), ENAMETOOLONG);
	longname[255] = 0;
	expect_err("stat 255-byte component", E(stat(longname, &st)), ENOENT);
	expect_ok("stat sd/./sub/../file", stat("sd/./sub/../file", &st));
	expect_ok("stat sd//sub///", stat("sd//sub///", &st));
	expect_ok("stat /..", stat("/..", &st));
	struct kstatx sx;
	expect_ok("statx", syscall(SYS_statx, AT_FDCWD, "sd/file", 0, STATX_BASIC_STATS, &sx));
	expect_eq("statx mode", sx.stx_mode, S_IFREG | 0644);
	expect_eq("statx size", sx.stx_size, 5);
	expect_eq("statx nlink", sx.stx_nlink, 1);
	expect_eq("statx mask has basic stats",
		  (sx.stx_mask & STATX_BASIC_STATS) == STATX_BASIC_STATS, 1);
	expect_ok("stat /dev/null", stat("/dev/null", &st));
	expect_eq("/dev/null is a char device", S_ISCHR(st.st_mode), 1);
	expect_eq("/dev/null major", major(st.st_rdev), 1);
	expect_eq("/dev/null minor", minor(st.st_rdev), 3);
}

struct linux_dirent64 {
	unsigned long long d_ino;
	long long d_off;
	unsigned short d_reclen;
	unsigned char d_type;
	char d_name[];
};

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Names of dir as "name:type", sorted, read with a bufsize buffer. */
static void list_dir(const char *what, const char *dir, size_t bufsize)
{
	static char names[32][32];
	char *sorted[32];
	char buf[1024];
	int n = 0, calls = 0;

	int fd = open(dir, O_RDONLY | O_DIRECTORY);
	for (;;) {
		long r = syscall(SYS_getdents64, fd, buf, bufsize);
		if (r <= 0) {
			if (r < 0)
				report(0, "%s: getdents64: %s", what, ename(errno));
			break;
		}
		calls++;
		for (long off = 0; off < r;) {
			struct linux_dirent64 *d = (void *)(buf + off);
			if (n < 32)
				snprintf(names[n++], 32, "%s:%d", d->d_name, d->d_type);
			off += d->d_reclen;
		}
	}
	close(fd);
	for (int i = 0; i < n; i++)
		sorted[i] = names[i];
	qsort(sorted, n, sizeof(char *), cmp_str);
	char line[512] = "";
	for (int i = 0; i < n; i++) {
		strcat(line, " ");
		strcat(line, sorted[i]);
	}
	report(1, "%s:%s", what, line);
	if (bufsize < 100)
		expect_eq("small buffer needed several calls", calls > 2, 1);
}

static void test_getdents(void)
{
	char buf[64];

	mkdir("ls", 0755);
	put_file("ls/b", "");
	put_file("ls/a", "");
	put_file("ls/c", "");
	mkdir("ls/s", 0755);
	symlink("a", "ls/l");
	list_dir("getdents64", "ls", 1024);
	list_dir("getdents64, 48-byte buffer", "ls", 48);
	unlink("ls/b");
	list_dir("after unlink", "ls", 1024);
	int fd = open("ls", O_RDONLY | O_DIRECTORY);
	expect_err("getdents64 buffer too small", E(syscall(SYS_getdents64, fd, buf, 8)), EINVAL);
	expect_err("getdents64 bad buffer", E(syscall(SYS_getdents64, fd, BAD, 64)), EFAULT);
	close(fd);
	fd = open("ls/a", O_RDONLY);
	expect_err("getdents64 on a file", E(syscall(SYS_getdents64, fd, buf, 64)), ENOTDIR);
	close(fd);
	expect_err("getdents64 bad fd", E(syscall(SYS_getdents64, 99, buf, 64)), EBADF);
}

static void test_mkdir_rmdir_unlink(void)
{
	put_file("plain", "x");
	expect_ok("mkdir", mkdir("m", 0755));
	expect_err("mkdir existing", E(mkdir("m", 0755)), EEXIST);
	expect_err("mkdir over a file", E(mkdir("plain", 0755)), EEXIST);
	expect_err("mkdir missing/x", E(mkdir("nosuch/x", 0755)), ENOENT);
	expect_err("mkdir plain/x", E(mkdir("plain/x", 0755)), ENOTDIR);
	expect_err("mkdir .", E(mkdir(".", 0755)), EEXIST);
	expect_ok("mkdir with a trailing slash", mkdir("m/t/", 0755));
	int dfd = open("m", O_RDONLY | O_DIRECTORY);
	expect_ok("mkdirat dirfd", mkdirat(dfd, "at", 0700));
	struct stat st;
	stat("m/at", &st);
	expect_eq("mkdirat mode", st.st_mode, S_IFDIR | 0700);
	expect_err("rmdir non-empty", E(rmdir("m")), ENOTEMPTY);
	expect_err("rmdir a file", E(rmdir("plain")), ENOTDIR);
	expect_err("rmdir .", E(rmdir("m/.")), EINVAL);
	expect_err("rmdir ..", E(rmdir("m/at/..")), ENOTEMPTY);
	expect_err("rmdir missing", E(rmdir("nosuch")), ENOENT);
	expect_err("rmdir /", E(rmdir("/")), EBUSY);
	expect_ok("unlinkat AT_REMOVEDIR", unlinkat(dfd, "at", AT_REMOVEDIR));
	expect_err("unlinkat bad flag", E(unlinkat(dfd, "t", 0x1)), EINVAL);
	expect_err("unlink a directory", E(unlink("m/t")), EISDIR);
	expect_ok("rmdir", rmdir("m/t"));
	close(dfd);
	expect_ok("rmdir now empty", rmdir("m"));
	expect_err("unlink missing", E(unlink("nosuch")), ENOENT);
	expect_err("unlink \"plain/\"", E(unlink("plain/")), ENOTDIR);
	expect_err("unlink bad pointer", E(unlink(BAD)), EFAULT);
	expect_ok("unlink", unlink("plain"));
	expect_err("gone", E(access("plain", F_OK)), ENOENT);
}

static void test_rename(void)
{
	struct stat st;

	put_file("r1", "one");
	put_file("r2", "two");
	int fd = open("r2", O_RDONLY);
	expect_ok("rename over an existing file", rename("r1", "r2"));
	expect_str("new contents", get_file("r2"), "one");
	expect_err("old name gone", E(access("r1", F_OK)), ENOENT);
	char buf[8] = "";
	read(fd, buf, 7);
	expect_str("replaced file still open and readable", buf, "two");
	fstat(fd, &st);
	expect_eq("replaced file nlink", st.st_nlink, 0);
	close(fd);
	mkdir("rd", 0755);
	mkdir("rd/sub", 0755);
	mkdir("full", 0755);
	put_file("full/x", "");
	expect_err("rename dir into itself", E(rename("rd", "rd/sub/x")), EINVAL);
	expect_err("rename file over dir", E(rename("r2", "rd")), EISDIR);
	expect_err("rename dir over file", E(rename("rd", "r2")), ENOTDIR);
	expect_err("rename dir over non-empty dir", E(rename("rd", "full")), ENOTEMPTY);
	expect_err("rename missing", E(rename("nosuch", "x")), ENOENT);
	expect_err("rename \"r2/\"", E(rename("r2/", "x")), ENOTDIR);
	expect_ok("rename dir", rename("rd", "rd2"));
	expect_ok("moved subdir", stat("rd2/sub", &st));
	stat("rd2", &st);
	expect_eq("moved dir nlink", st.st_nlink, 3);
	mkdir("empty", 0755);
	expect_ok("rename dir over empty dir", rename("empty", "rd2/sub"));
	int dfd = open("rd2", O_RDONLY | O_DIRECTORY);
	expect_ok("renameat dirfd", renameat(AT_FDCWD, "r2", dfd, "r3"));
	expect_str("renameat target", get_file("rd2/r3"), "one");
	expect_ok("rename to itself", rename("rd2/r3", "rd2/r3"));
	put_file("r4", "four");
	expect_err("renameat2 RENAME_NOREPLACE",
		   E(syscall(SYS_renameat2, dfd, "r3", AT_FDCWD, "r4", 1)), EEXIST);
	expect_err("renameat2 bad flags",
		   E(syscall(SYS_renameat2, dfd, "r3", AT_FDCWD, "r5", 8)), EINVAL);
	expect_ok("renameat2 flags 0", syscall(SYS_renameat2, dfd, "r3", AT_FDCWD, "r5", 0));
	close(dfd);
	unlink("r4");
	unlink("r5");
	unlink("full/x");
	rmdir("full");
	rmdir("rd2/sub");
	rmdir("rd2");
}

static void test_links(void)
{
	struct stat st;
	char buf[64];

	put_file("orig", "data");
	expect_ok("link", link("orig", "hard"));
	stat("orig", &st);
	expect_eq("nlink after link", st.st_nlink, 2);
	expect_err("link to an existing name", E(link("orig", "hard")), EEXIST);
	mkdir("ldir", 0755);
	expect_err("link a directory", E(link("ldir", "ldir2")), EPERM);
	expect_err("link missing", E(link("nosuch", "x")), ENOENT);
	unlink("orig");
	expect_str("data through the other name", get_file("hard"), "data");
	stat("hard", &st);
	expect_eq("nlink after unlink", st.st_nlink, 1);

	expect_ok("symlink", symlink("hard", "sym"));
	expect_err("symlink existing", E(symlink("x", "sym")), EEXIST);
	expect_err("symlink empty target", E(symlink("", "sym2")), ENOENT);
	memset(buf, 0, sizeof(buf));
	expect_eq("readlink length", readlink("sym", buf, sizeof(buf)), 4);
	expect_str("readlink target", buf, "hard");
	memset(buf, 0, sizeof(buf));
	expect_eq("readlink short buffer", readlink("sym", buf, 2), 2);
	expect_str("readlink truncated", buf, "ha");
	expect_err("readlink a file", E(readlink("hard", buf, sizeof(buf))), EINVAL);
	expect_err("readlink size 0", E(syscall(SYS_readlink, "sym", buf, 0)), EINVAL);
	expect_err("readlink missing", E(readlink("nosuch", buf, sizeof(buf))), ENOENT);
	int dfd = open(".", O_RDONLY | O_DIRECTORY);
	expect_eq("readlinkat", readlinkat(dfd, "sym", buf, sizeof(buf)), 4);
	expect_ok("symlinkat", symlinkat("ldir", dfd, "symdir"));
	close(dfd);
	expect_str("read through a symlink", get_file("sym"), "data");
	put_file("symdir/in", "inside");
	expect_str("path through a dir symlink", get_file("symdir/in"), "inside");
	expect_ok("symlink with .. in target", symlink("../ldir/in", "ldir/up"));
	expect_str("relative to the link's dir", get_file("ldir/up"), "inside");
	expect_err("O_NOFOLLOW on a symlink", E(open("sym", O_RDONLY | O_NOFOLLOW)), ELOOP);
	symlink("loop2", "loop1");
	symlink("loop1", "loop2");
	expect_err("symlink loop", E(open("loop1", O_RDONLY)), ELOOP);
	expect_err("symlink loop, O_CREAT", E(open("loop1", O_RDWR | O_CREAT, 0644)), ELOOP);
	expect_ok("lstat of a loop", lstat("loop1", &st));
	symlink("nowhere", "dangling");
	expect_err("stat dangling", E(stat("dangling", &st)), ENOENT);
	int fd = open("dangling", O_WRONLY | O_CREAT, 0644);
	expect_ok("O_CREAT through a dangling link creates the target", fd);
	close(fd);
	expect_ok("target now exists", access("nowhere", F_OK));
	expect_err("O_CREAT|O_EXCL on a symlink", E(open("sym", O_RDWR | O_CREAT | O_EXCL, 0644)), EEXIST);
	/* A chain of 41 links: 40 may be followed in one lookup, not 41. */
	char a[16], b[16];
	for (int i = 0; i < 41; i++) {
		snprintf(a, sizeof(a), "c%d", i);
		snprintf(b, sizeof(b), "c%d", i + 1);
		symlink(i == 40 ? "hard" : b, a);
	}
	expect_ok("40 links in a row", stat("c1", &st));
	expect_err("41 links in a row", E(stat("c0", &st)), ELOOP);
	for (int i = 0; i < 41; i++) {
		snprintf(a, sizeof(a), "c%d", i);
		unlink(a);
	}
	unlink("loop1");
	unlink("loop2");
	unlink("dangling");
	unlink("nowhere");
	unlink("ldir/up");
	unlink("ldir/in");
	unlink("symdir");
	rmdir("ldir");
	unlink("sym");
	unlink("hard");
}

static void test_cwd(void)
{
	char buf[512];
	long n;

	mkdir("cw", 0755);
	mkdir("cw/sub", 0755);
	put_file("cw/file", "");
	expect_ok("chdir", chdir("cw/sub"));
	n = syscall(SYS_getcwd, buf, sizeof(buf));
	expect_eq("getcwd returns the length with the NUL", n == (long)strlen(buf) + 1, 1);
	const char *tail = "/" DIR_NAME "/cw/sub";
	size_t len = strlen(buf);
	expect_str("getcwd ends with", len >= strlen(tail) ? buf + len - strlen(tail) : buf, tail);
	expect_err("getcwd size 1", E(syscall(SYS_getcwd, buf, 1)), ERANGE);
	expect_err("getcwd without room for the NUL", E(syscall(SYS_getcwd, buf, len)), ERANGE);
	expect_err("getcwd bad buffer", E(syscall(SYS_getcwd, BAD, sizeof(buf))), EFAULT);
	expect_str("relative open from the new cwd", get_file("../file"), "");
	expect_ok("chdir ..", chdir("../.."));
	expect_err("chdir to a file", E(chdir("cw/file")), ENOTDIR);
	expect_err("chdir missing", E(chdir("nosuch")), ENOENT);
	int fd = open("cw", O_RDONLY | O_DIRECTORY);
	expect_ok("fchdir", fchdir(fd));
	expect_ok("relative to the fchdir", access("sub", F_OK));
	close(fd);
	chdir("..");
	fd = open("cw/file", O_RDONLY);
	expect_err("fchdir to a file", E(fchdir(fd)), ENOTDIR);
	close(fd);
	expect_err("fchdir bad fd", E(fchdir(99)), EBADF);
	/* The cwd removed under us: getcwd says so. */
	chdir("cw/sub");
	rmdir("../sub");
	expect_err("getcwd of a removed directory", E(syscall(SYS_getcwd, buf, sizeof(buf))), ENOENT);
	expect_err("create in a removed directory", E(open("x", O_RDWR | O_CREAT, 0644)), ENOENT);
	chdir("../..");
	unlink("cw/file");
	rmdir("cw");
}

static void test_access_chmod(void)
{
	struct stat st;

	put_file("ac", "");
	expect_ok("access F_OK", access("ac", F_OK));
	expect_ok("access R_OK|W_OK", access("ac", R_OK | W_OK));
	expect_err("access X_OK on 0644", E(access("ac", X_OK)), EACCES);
	expect_err("access missing", E(access("nosuch", F_OK)), ENOENT);
	expect_err("access bad mode", E(access("ac", 8)), EINVAL);
	expect_ok("access X_OK on a directory", access(".", X_OK));
	expect_ok("chmod 0751", chmod("ac", 0751));
	stat("ac", &st);
	expect_eq("mode after chmod", st.st_mode, S_IFREG | 0751);
	expect_ok("access X_OK now", access("ac", X_OK));
	int fd = open("ac", O_RDONLY);
	expect_ok("fchmod 0600", fchmod(fd, 0600));
	fstat(fd, &st);
	expect_eq("mode after fchmod", st.st_mode, S_IFREG | 0600);
	close(fd);
	expect_ok("fchmodat", fchmodat(AT_FDCWD, "ac", 0644, 0));
	expect_ok("faccessat", faccessat(AT_FDCWD, "ac", R_OK, 0));
	expect_err("chmod missing", E(chmod("nosuch", 0644)), ENOENT);
	expect_err("fchmod bad fd", E(fchmod(99, 0644)), EBADF);
	unlink("ac");
}

static void test_unlink_open_and_sharing(void)
{
	struct stat st;
	char buf[32] = "";

	put_file("gone", "persist");
	int fd = open("gone", O_RDWR);
	expect_ok("unlink while open", unlink("gone"));
	expect_err("name is gone", E(stat("gone", &st)), ENOENT);
	fstat(fd, &st);
	expect_eq("fstat nlink 0", st.st_nlink, 0);
	expect_eq("still readable", read(fd, buf, sizeof(buf) - 1), 7);
	expect_str("contents", buf, "persist");
	expect_eq("still writable", pwrite(fd, "!", 1, 7), 1);
	close(fd);

	put_file("shared", "abcdef");
	fd = open("shared", O_RDONLY);
	int fd2 = dup(fd);
	read(fd, buf, 2);
	expect_eq("dup shares the offset", lseek(fd2, 0, SEEK_CUR), 2);
	pid_t pid = fork();
	if (pid == 0) {
		read(fd2, buf, 3);
		_exit(0);
	}
	int status;
	waitpid(pid, &status, 0);
	expect_eq("fork shares the offset", lseek(fd, 0, SEEK_CUR), 5);
	close(fd);
	close(fd2);
	unlink("shared");
}

static void test_sendfile(void)
{
	char buf[32] = "";
	off_t off;

	put_file("src", "0123456789");
	int in = open("src", O_RDONLY);
	int out = open("dst", O_RDWR | O_CREAT | O_TRUNC, 0644);
	off = 2;
	expect_eq("sendfile with an offset", sendfile(out, in, &off, 5), 5);
	expect_eq("offset advanced", off, 7);
	expect_eq("in's position unchanged", lseek(in, 0, SEEK_CUR), 0);
	expect_eq("out's position advanced", lseek(out, 0, SEEK_CUR), 5);
	expect_eq("sendfile without offset", sendfile(out, in, NULL, 3), 3);
	expect_eq("in's position advanced", lseek(in, 0, SEEK_CUR), 3);
	expect_eq("sendfile past the end", sendfile(out, in, NULL, 100), 7);
	expect_eq("sendfile at EOF", sendfile(out, in, NULL, 100), 0);
	expect_str("dst contents", get_file("dst"), "234560123456789");
	int p[2];
	pipe(p);
	off = 0;
	expect_eq("sendfile to a pipe", sendfile(p[1], in, &off, 4), 4);
	memset(buf, 0, sizeof(buf));
	read(p[0], buf, sizeof(buf) - 1);
	expect_str("pipe received", buf, "0123");
	expect_err("sendfile bad in fd", E(sendfile(out, 99, NULL, 1)), EBADF);
	expect_err("sendfile bad out fd", E(sendfile(99, in, NULL, 1)), EBADF);
	expect_err("sendfile to a read-only fd", E(sendfile(in, in, NULL, 1)), EBADF);
	expect_err("sendfile bad offset pointer", E(sendfile(out, in, BAD, 1)), EFAULT);
	int app = open("dst", O_WRONLY | O_APPEND);
	expect_err("sendfile to O_APPEND", E(sendfile(app, in, NULL, 1)), EINVAL);
	close(app);
	close(p[0]);
	close(p[1]);
	close(in);
	close(out);
	unlink("src");
	unlink("dst");
}

static void test_devices(void)
{
	char buf[8] = { 1, 1, 1, 1, 1, 1, 1, 1 };

	int fd = open("/dev/null", O_RDWR);
	expect_eq("write /dev/null", write(fd, "abc", 3), 3);
	expect_eq("read /dev/null", read(fd, buf, 8), 0);
	close(fd);
	fd = open("/dev/zero", O_RDONLY);
	expect_eq("read /dev/zero", read(fd, buf, 8), 8);
	expect_eq("zeros", buf[0] | buf[7], 0);
	close(fd);
	expect_err("open /dev/null/x", E(open("/dev/null/x", O_RDONLY)), ENOTDIR);
}

/* Copy our own program into the test directory and run it from there,
 * through a relative symlink. */
static void test_exec(const char *self)
{
	char path[256];
	snprintf(path, sizeof(path), "../%s", self);
	int in = open(path, O_RDONLY);
	expect_ok("open our own program relative to the cwd", in);
	int out = open("prog", O_WRONLY | O_CREAT | O_TRUNC, 0644);
	struct stat st;
	fstat(in, &st);
	off_t off = 0;
	long total = 0, n;
	while ((n = sendfile(out, in, &off, 1 << 20)) > 0)
		total += n;
	expect_eq("copied the whole program", total == st.st_size, 1);
	close(in);
	close(out);
	symlink("prog", "prog.link");
	char *argv[] = { "prog", "exec-child", NULL };
	expect_err("execve without an x bit", E(execv("prog.link", argv)), EACCES);
	expect_err("execve a directory", E(execv(".", argv)), EACCES);
	expect_err("execve missing", E(execv("nosuch", argv)), ENOENT);
	chmod("prog", 0755);
	fflush(stdout);
	pid_t pid = fork();
	if (pid == 0) {
		execv("prog.link", argv);
		_exit(127);
	}
	int status = 0;
	waitpid(pid, &status, 0);
	expect_eq("the copy ran and exited 0", WIFEXITED(status) ? WEXITSTATUS(status) : -1, 0);
	unlink("prog.link");
	unlink("prog");
}

int main(int argc, char **argv)
{
	if (argc > 1 && !strcmp(argv[1], "exec-child")) {
		printf("exec child: running from the file system\n");
		return 0;
	}
	rm_rf(DIR_NAME);
	expect_ok("mkdir " DIR_NAME, mkdir(DIR_NAME, 0755));
	expect_ok("chdir " DIR_NAME, chdir(DIR_NAME));
	test_open_rw();
	test_truncate();
	test_open_errors();
	test_stat();
	test_getdents();
	test_mkdir_rmdir_unlink();
	test_rename();
	test_links();
	test_cwd();
	test_access_chmod();
	test_unlink_open_and_sharing();
	test_sendfile();
	test_devices();
	test_exec(argv[0]);
	/* Leave nothing behind. */
	unlink("f");
	unlink("sd/link");
	unlink("sd/file");
	rmdir("sd/sub");
	rmdir("sd");
	unlink("ls/a");
	unlink("ls/c");
	unlink("ls/l");
	rmdir("ls/s");
	rmdir("ls");
	expect_ok("chdir ..", chdir(".."));
	expect_ok("rmdir " DIR_NAME " (empty at the end)", rmdir(DIR_NAME));
	printf("%s\n", failed ? "fs: some checks FAILED" : "fs: all checks passed");
	return failed ? 1 : 0;
}
