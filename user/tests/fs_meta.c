#define _GNU_SOURCE
/* fs_meta: what a filesystem says about itself and the calls that only
 * change a file's metadata or allocation, against Linux's tmpfs (the
 * work happens in a fresh /dev/shm/fs_meta.dir, tmpfs on Linux, the
 * root ramfs here; removed at the end).  statfs/fstatfs (f_type of
 * tmpfs, proc, pipefs, sockfs, anon_inodefs), sync/syncfs/fsync/
 * fdatasync/sync_file_range (EINVAL for files without ->fsync, ESPIPE),
 * fadvise64's checks, fallocate (mode 0 grows, KEEP_SIZE allocates,
 * PUNCH_HOLE frees and zeroes; every EOPNOTSUPP/EINVAL/EBADF/ESPIPE/
 * ENODEV/EFBIG/ENOSPC in vfs_fallocate's order), utimensat/futimesat/
 * utimes/utime (UTIME_NOW, UTIME_OMIT, the touch and explicit-time
 * permission rules as uid 65534), and chroot (lookups of "/" and "..",
 * getcwd's "(unreachable)", EPERM for a non-root caller). */
#include <fcntl.h>
#include <grp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/eventfd.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include <utime.h>

#include "child.h"
#include "errname.h"

#define D "/dev/shm/fs_meta.dir"
#define NOBODY 65534

#define ST_VALID		0x0020	/* f_flags is filled in */
#define FALLOC_FL_COLLAPSE_RANGE 0x08
#define FALLOC_FL_ZERO_RANGE	0x10
#define FALLOC_FL_INSERT_RANGE	0x20
#define FALLOC_FL_UNSHARE_RANGE	0x40

static void make_file(const char *path, mode_t mode, const char *text)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, mode);

	if (fd < 0 || write(fd, text, strlen(text)) < 0 || close(fd) ||
	    chmod(path, mode))
		report(0, "make %s: %s", path, errname(errno));
}

static const char *magic_name(long t)
{
	switch (t) {
	case 0x01021994: return "TMPFS_MAGIC";
	case 0x9fa0: return "PROC_SUPER_MAGIC";
	case 0x50495045: return "PIPEFS_MAGIC";
	case 0x534F434B: return "SOCKFS_MAGIC";
	case 0x09041934: return "ANON_INODE_FS_MAGIC";
	}
	return "unknown";
}

static void show_statfs(const char *what, int r, const struct statfs *s)
{
	if (r) {
		report(0, "%s: %s", what, errname(errno));
		return;
	}
	report(1, "%s: f_type %s bsize %ld frsize %ld namelen %ld valid %s rdonly %s",
	       what, magic_name(s->f_type), (long)s->f_bsize, (long)s->f_frsize,
	       (long)s->f_namelen, yesno(s->f_flags & ST_VALID),
	       yesno(s->f_flags & ST_RDONLY));
}

static void test_statfs(void)
{
	struct statfs s;
	int p[2], sv[2];

	show_statfs("statfs " D, statfs(D, &s), &s);
	report(s.f_blocks > 0 && s.f_bfree <= s.f_blocks &&
	       s.f_bavail <= s.f_bfree && s.f_files > 0 &&
	       s.f_ffree <= s.f_files,
	       "tmpfs: blocks > 0, bavail <= bfree <= blocks, ffree <= files > 0");
	int fd = open(D "/f", O_RDONLY);
	show_statfs("fstatfs of a file there", fstatfs(fd, &s), &s);
	close(fd);
	show_statfs("statfs /proc", statfs("/proc", &s), &s);
	report(s.f_blocks == 0 && s.f_bfree == 0 && s.f_files == 0,
	       "proc: no blocks, no inode count");
	show_statfs("statfs /proc/self/status", statfs("/proc/self/status", &s), &s);
	show_statfs("statfs /dev/null", statfs("/dev/null", &s), &s);
	pipe(p);
	show_statfs("fstatfs pipe", fstatfs(p[0], &s), &s);
	socketpair(AF_UNIX, SOCK_STREAM, 0, sv);
	show_statfs("fstatfs socket", fstatfs(sv[0], &s), &s);
	int efd = eventfd(0, 0);
	show_statfs("fstatfs eventfd", fstatfs(efd, &s), &s);
	expect_errno("statfs missing", ERR(statfs(D "/missing", &s)), ENOENT);
	expect_errno("statfs under a file", ERR(statfs(D "/f/x", &s)), ENOTDIR);
	expect_errno("statfs bad path", ERR(statfs((char *)1, &s)), EFAULT);
	expect_errno("statfs bad buffer", ERR(syscall(SYS_statfs, D, (void *)1)), EFAULT);
	expect_errno("fstatfs bad buffer", ERR(syscall(SYS_fstatfs, p[0], (void *)1)), EFAULT);
	expect_errno("fstatfs 999", ERR(fstatfs(999, &s)), EBADF);
	expect_errno("statfs \"\"", ERR(statfs("", &s)), ENOENT);
	close(p[0]), close(p[1]), close(sv[0]), close(sv[1]), close(efd);
}

static void test_sync(void)
{
	int p[2], sv[2];
	int fd = open(D "/f", O_RDONLY);
	int dfd = open(D, O_RDONLY | O_DIRECTORY);
	int nul = open("/dev/null", O_WRONLY);
	int proc = open("/proc/meminfo", O_RDONLY);
	int efd = eventfd(0, 0);

	pipe(p);
	socketpair(AF_UNIX, SOCK_STREAM, 0, sv);
	sync();
	report(1, "sync returns");
	expect_value("syncfs file", ERR(syncfs(fd)), 0);
	expect_value("syncfs pipe", ERR(syncfs(p[0])), 0);
	expect_errno("syncfs 999", ERR(syncfs(999)), EBADF);
	expect_value("fsync file (read-only)", ERR(fsync(fd)), 0);
	expect_value("fsync directory", ERR(fsync(dfd)), 0);
	expect_value("fdatasync file", ERR(fdatasync(fd)), 0);
	expect_errno("fsync pipe", ERR(fsync(p[1])), EINVAL);
	expect_errno("fdatasync pipe", ERR(fdatasync(p[0])), EINVAL);
	expect_errno("fsync socket", ERR(fsync(sv[0])), EINVAL);
	expect_errno("fsync eventfd", ERR(fsync(efd)), EINVAL);
	expect_errno("fsync /dev/null", ERR(fsync(nul)), EINVAL);
	expect_errno("fsync /proc/meminfo", ERR(fsync(proc)), EINVAL);
	expect_errno("fsync 999", ERR(fsync(999)), EBADF);
	expect_errno("fdatasync -1", ERR(fdatasync(-1)), EBADF);
	expect_value("sync_file_range all flags", ERR(sync_file_range(fd, 0, 0, 7)), 0);
	expect_value("sync_file_range directory", ERR(sync_file_range(dfd, 0, 100, 2)), 0);
	expect_errno("sync_file_range flag 8", ERR(sync_file_range(fd, 0, 0, 8)), EINVAL);
	expect_errno("sync_file_range offset -1", ERR(sync_file_range(fd, -1, 0, 0)), EINVAL);
	expect_errno("sync_file_range wraps", ERR(sync_file_range(fd, 1, INT64_MAX, 0)), EINVAL);
	expect_errno("sync_file_range pipe", ERR(sync_file_range(p[0], 0, 0, 0)), ESPIPE);
	expect_errno("sync_file_range /dev/null", ERR(sync_file_range(nul, 0, 0, 0)), ESPIPE);
	expect_errno("sync_file_range pipe flag 8", ERR(sync_file_range(p[0], 0, 0, 8)), EINVAL);
	expect_errno("sync_file_range 999", ERR(sync_file_range(999, 0, 0, 8)), EBADF);
	close(fd), close(dfd), close(nul), close(proc), close(efd);
	close(p[0]), close(p[1]), close(sv[0]), close(sv[1]);
}

static long fadvise(int fd, long off, long len, int advice)
{
	return syscall(SYS_fadvise64, fd, off, len, advice);
}

static void test_fadvise(void)
{
	int p[2];
	int fd = open(D "/f", O_RDONLY);
	char what[64];

	pipe(p);
	for (int a = 0; a <= 5; a++) {
		snprintf(what, sizeof(what), "fadvise64 advice %d", a);
		expect_value(what, ERR(fadvise(fd, 0, 100, a)), 0);
	}
	expect_value("fadvise64 len 0 (to the end)", ERR(fadvise(fd, 4096, 0, 4)), 0);
	expect_value("fadvise64 offset past EOF", ERR(fadvise(fd, 1 << 30, 10, 3)), 0);
	expect_errno("fadvise64 advice 6", ERR(fadvise(fd, 0, 0, 6)), EINVAL);
	expect_errno("fadvise64 advice -1", ERR(fadvise(fd, 0, 0, -1)), EINVAL);
	expect_errno("fadvise64 len -1", ERR(fadvise(fd, 0, -1, 0)), EINVAL);
	expect_errno("fadvise64 pipe", ERR(fadvise(p[0], 0, 0, 0)), ESPIPE);
	expect_errno("fadvise64 pipe, bad advice", ERR(fadvise(p[1], 0, 0, 99)), ESPIPE);
	expect_errno("fadvise64 999", ERR(fadvise(999, 0, 0, 0)), EBADF);
	report(posix_fadvise(fd, 0, 0, 99) == EINVAL,
	       "posix_fadvise returns the error: EINVAL");
	close(fd), close(p[0]), close(p[1]);
}

static void show_size(const char *what, int fd)
{
	struct stat st;

	fstat(fd, &st);
	report(1, "%s: size %lld blocks %lld", what, (long long)st.st_size,
	       (long long)st.st_blocks);
}

static void test_fallocate(void)
{
	int p[2], sv[2];
	char buf[3 * 4096], z[4096] = { 0 };
	int fd = open(D "/falloc", O_RDWR | O_CREAT | O_TRUNC, 0644);
	int ro = open(D "/falloc", O_RDONLY);
	int nul = open("/dev/null", O_WRONLY);
	int efd = eventfd(0, 0);

	pipe(p);
	socketpair(AF_UNIX, SOCK_STREAM, 0, sv);
	show_size("new file", fd);
	expect_value("fallocate mode 0 [0, 8192)", ERR(fallocate(fd, 0, 0, 8192)), 0);
	show_size("after mode 0", fd);
	expect_value("fallocate KEEP_SIZE [8192, 16384)",
		     ERR(fallocate(fd, FALLOC_FL_KEEP_SIZE, 8192, 8192)), 0);
	show_size("after KEEP_SIZE", fd);
	expect_value("fallocate mode 0 [100, 200) inside", ERR(fallocate(fd, 0, 100, 100)), 0);
	show_size("after an inside range", fd);
	expect_value("fallocate mode 0 [20000, 20001)", ERR(fallocate(fd, 0, 20000, 1)), 0);
	show_size("after mode 0 past the end", fd);
	ssize_t n = pread(fd, buf, 4096, 16000);
	report(n == 4001 && !memcmp(buf, z, n), "read back past 16000: %zd zero bytes", n);

	for (unsigned i = 0; i < sizeof(buf); i++)
		buf[i] = 'a' + i % 26;
	pwrite(fd, buf, sizeof(buf), 0);
	expect_value("PUNCH_HOLE|KEEP_SIZE page 1",
		     ERR(fallocate(fd, FALLOC_FL_PUNCH_HOLE | FALLOC_FL_KEEP_SIZE, 4096, 4096)), 0);
	show_size("after the punch", fd);
	char got[sizeof(buf)];
	pread(fd, got, sizeof(got), 0);
	report(!memcmp(got, buf, 4096) && !memcmp(got + 4096, z, 4096) &&
	       !memcmp(got + 8192, buf + 8192, 4096),
	       "page 1 reads as zeros, pages 0 and 2 kept");
	expect_value("PUNCH_HOLE|KEEP_SIZE [10, 30)",
		     ERR(fallocate(fd, FALLOC_FL_PUNCH_HOLE | FALLOC_FL_KEEP_SIZE, 10, 20)), 0);
	expect_value("PUNCH_HOLE|KEEP_SIZE [8000, 8300) across pages",
		     ERR(fallocate(fd, FALLOC_FL_PUNCH_HOLE | FALLOC_FL_KEEP_SIZE, 8000, 300)), 0);
	show_size("after partial punches", fd);
	pread(fd, got, sizeof(got), 0);
	report(!memcmp(got, buf, 10) && !memcmp(got + 10, z, 20) &&
	       !memcmp(got + 30, buf + 30, 4096 - 30) &&
	       !memcmp(got + 8192, z, 108) && !memcmp(got + 8300, buf + 8300, 4096 - 108),
	       "partial punches zero exactly their bytes");
	expect_value("PUNCH_HOLE past the end", ERR(fallocate(fd, FALLOC_FL_PUNCH_HOLE |
		     FALLOC_FL_KEEP_SIZE, 1 << 20, 4096)), 0);
	show_size("after punching past the end", fd);

	expect_errno("PUNCH_HOLE without KEEP_SIZE",
		     ERR(fallocate(fd, FALLOC_FL_PUNCH_HOLE, 0, 10)), EOPNOTSUPP);
	expect_errno("PUNCH_HOLE|ZERO_RANGE", ERR(fallocate(fd, FALLOC_FL_PUNCH_HOLE |
		     FALLOC_FL_ZERO_RANGE | FALLOC_FL_KEEP_SIZE, 0, 10)), EOPNOTSUPP);
	expect_errno("ZERO_RANGE (tmpfs)", ERR(fallocate(fd, FALLOC_FL_ZERO_RANGE, 0, 10)),
		     EOPNOTSUPP);
	expect_errno("COLLAPSE_RANGE (tmpfs)",
		     ERR(fallocate(fd, FALLOC_FL_COLLAPSE_RANGE, 0, 4096)), EOPNOTSUPP);
	expect_errno("COLLAPSE_RANGE|KEEP_SIZE", ERR(fallocate(fd, FALLOC_FL_COLLAPSE_RANGE |
		     FALLOC_FL_KEEP_SIZE, 0, 4096)), EOPNOTSUPP);
	expect_errno("INSERT_RANGE|KEEP_SIZE", ERR(fallocate(fd, FALLOC_FL_INSERT_RANGE |
		     FALLOC_FL_KEEP_SIZE, 0, 4096)), EOPNOTSUPP);
	expect_errno("INSERT_RANGE (tmpfs)",
		     ERR(fallocate(fd, FALLOC_FL_INSERT_RANGE, 0, 4096)), EOPNOTSUPP);
	expect_errno("UNSHARE_RANGE|PUNCH_HOLE", ERR(fallocate(fd, FALLOC_FL_UNSHARE_RANGE |
		     FALLOC_FL_PUNCH_HOLE | FALLOC_FL_KEEP_SIZE, 0, 4096)), EOPNOTSUPP);
	expect_errno("UNSHARE_RANGE (tmpfs)",
		     ERR(fallocate(fd, FALLOC_FL_UNSHARE_RANGE, 0, 4096)), EOPNOTSUPP);
	expect_errno("WRITE_ZEROES (tmpfs)", ERR(fallocate(fd, 0x80, 0, 10)), EOPNOTSUPP);
	expect_errno("UNSHARE_RANGE|KEEP_SIZE (tmpfs)", ERR(fallocate(fd,
		     FALLOC_FL_UNSHARE_RANGE | FALLOC_FL_KEEP_SIZE, 0, 10)), EOPNOTSUPP);
	expect_errno("mode 0x100", ERR(fallocate(fd, 0x100, 0, 10)), EOPNOTSUPP);
	expect_errno("len 0", ERR(fallocate(fd, 0, 0, 0)), EINVAL);
	expect_errno("len -1", ERR(fallocate(fd, 0, 0, -1)), EINVAL);
	expect_errno("offset -1", ERR(fallocate(fd, 0, -1, 10)), EINVAL);
	expect_errno("len 0 on a read-only fd", ERR(fallocate(ro, 0, 0, 0)), EINVAL);
	expect_errno("read-only fd", ERR(fallocate(ro, 0, 0, 10)), EBADF);
	expect_errno("pipe write end", ERR(fallocate(p[1], 0, 0, 10)), ESPIPE);
	expect_errno("pipe read end", ERR(fallocate(p[0], 0, 0, 10)), EBADF);
	expect_errno("socket", ERR(fallocate(sv[0], 0, 0, 10)), ENODEV);
	expect_errno("eventfd", ERR(fallocate(efd, 0, 0, 10)), ENODEV);
	expect_errno("/dev/null", ERR(fallocate(nul, 0, 0, 10)), ENODEV);
	expect_errno("offset + len wraps", ERR(fallocate(fd, 0, INT64_MAX, 10)), EFBIG);
	expect_errno("512 GiB", ERR(fallocate(fd, 0, 0, 512LL << 30)), ENOSPC);
	show_size("after the refusals", fd);
	expect_errno("fd 999", ERR(fallocate(999, 0, 0, 10)), EBADF);
	close(fd), close(ro), close(nul), close(efd);
	close(p[0]), close(p[1]), close(sv[0]), close(sv[1]);
}

static void show_times(const char *what, const char *path, int nofollow)
{
	struct stat st;

	if ((nofollow ? lstat : stat)(path, &st)) {
		report(0, "%s: %s", what, errname(errno));
		return;
	}
	report(1, "%s: atime %lld.%09ld mtime %lld.%09ld", what,
	       (long long)st.st_atim.tv_sec, st.st_atim.tv_nsec,
	       (long long)st.st_mtim.tv_sec, st.st_mtim.tv_nsec);
}

/* mtime (or atime) is now, within 5 s. */
static void times_now(const char *what, const char *path)
{
	struct stat st;
	time_t now = time(NULL);

	stat(path, &st);
	report(st.st_mtim.tv_sec >= now - 5 && st.st_mtim.tv_sec <= now + 1 &&
	       st.st_atim.tv_sec >= now - 5 && st.st_atim.tv_sec <= now + 1,
	       "%s: both times now", what);
}

static void test_utimes(void)
{
	const char *f = D "/times";
	struct timespec ts[2] = { { 1000, 500 }, { 2000, 600 } };
	struct stat before, after;

	make_file(f, 0644, "t");
	symlink("times", D "/times.lnk");
	stat(f, &before);
	expect_value("utimensat explicit", ERR(utimensat(AT_FDCWD, f, ts, 0)), 0);
	show_times("explicit", f, 0);
	stat(f, &after);
	report(after.st_ctim.tv_sec > 1000000000 &&
	       (after.st_ctim.tv_sec > before.st_ctim.tv_sec ||
		(after.st_ctim.tv_sec == before.st_ctim.tv_sec &&
		 after.st_ctim.tv_nsec >= before.st_ctim.tv_nsec)),
	       "ctime moved to now");
	ts[0].tv_nsec = UTIME_OMIT;
	ts[1] = (struct timespec){ 3000, 999999999 };
	expect_value("UTIME_OMIT atime", ERR(utimensat(AT_FDCWD, f, ts, 0)), 0);
	show_times("atime kept", f, 0);
	ts[0] = (struct timespec){ 4000, 0 };
	ts[1].tv_nsec = UTIME_OMIT;
	expect_value("UTIME_OMIT mtime", ERR(utimensat(AT_FDCWD, f, ts, 0)), 0);
	show_times("mtime kept", f, 0);
	ts[0].tv_nsec = ts[1].tv_nsec = UTIME_NOW;
	expect_value("both UTIME_NOW", ERR(utimensat(AT_FDCWD, f, ts, 0)), 0);
	times_now("UTIME_NOW", f);
	ts[0] = (struct timespec){ 1, 1 }, ts[1] = (struct timespec){ 2, 2 };
	utimensat(AT_FDCWD, f, ts, 0);
	expect_value("NULL times", ERR(utimensat(AT_FDCWD, f, NULL, 0)), 0);
	times_now("NULL", f);

	int fd = open(f, O_RDONLY);
	ts[0] = (struct timespec){ 5000, 5 }, ts[1] = (struct timespec){ 6000, 6 };
	expect_value("futimens on a read-only fd", ERR(futimens(fd, ts)), 0);
	show_times("futimens", f, 0);
	expect_errno("utimensat(fd, NULL) with a flag",
		     ERR(syscall(SYS_utimensat, fd, NULL, ts, AT_SYMLINK_NOFOLLOW)), EINVAL);
	expect_errno("utimensat(AT_FDCWD, NULL)",
		     ERR(syscall(SYS_utimensat, AT_FDCWD, NULL, ts, 0)), EFAULT);
	expect_errno("utimensat(999, NULL)", ERR(syscall(SYS_utimensat, 999, NULL, ts, 0)),
		     EBADF);
	close(fd);

	ts[0] = (struct timespec){ 7000, 7 }, ts[1] = (struct timespec){ 8000, 8 };
	expect_value("AT_SYMLINK_NOFOLLOW", ERR(utimensat(AT_FDCWD, D "/times.lnk", ts,
							  AT_SYMLINK_NOFOLLOW)), 0);
	show_times("the link", D "/times.lnk", 1);
	show_times("its target unchanged", f, 0);
	int dfd = open(D, O_RDONLY | O_DIRECTORY);
	ts[0] = (struct timespec){ 9000, 9 };
	expect_value("utimensat relative to a dirfd", ERR(utimensat(dfd, "times", ts, 0)), 0);
	show_times("by dirfd", f, 0);
	int tfd = open(f, O_RDONLY);
	ts[1] = (struct timespec){ 9500, 0 };
	expect_value("AT_EMPTY_PATH", ERR(utimensat(tfd, "", ts, AT_EMPTY_PATH)), 0);
	show_times("by AT_EMPTY_PATH", f, 0);
	close(tfd);
	expect_errno("\"\" without AT_EMPTY_PATH", ERR(utimensat(dfd, "", ts, 0)), ENOENT);
	expect_errno("flag 0x1", ERR(utimensat(AT_FDCWD, f, ts, 1)), EINVAL);
	ts[0].tv_nsec = 1000000000;
	expect_errno("tv_nsec 1e9", ERR(utimensat(AT_FDCWD, f, ts, 0)), EINVAL);
	expect_errno("tv_nsec 1e9 on a missing file",
		     ERR(utimensat(AT_FDCWD, D "/missing", ts, 0)), ENOENT);
	ts[0].tv_nsec = -1;
	expect_errno("tv_nsec -1", ERR(utimensat(AT_FDCWD, f, ts, 0)), EINVAL);
	ts[0].tv_nsec = ts[1].tv_nsec = UTIME_OMIT;
	expect_value("both UTIME_OMIT on a missing file",
		     ERR(utimensat(AT_FDCWD, D "/missing", ts, 0)), 0);
	expect_value("both UTIME_OMIT with a bad flag",
		     ERR(utimensat(AT_FDCWD, f, ts, 0x8000)), 0);
	expect_errno("missing file", ERR(utimensat(AT_FDCWD, D "/missing", NULL, 0)), ENOENT);
	expect_errno("under a file", ERR(utimensat(AT_FDCWD, D "/times/x", NULL, 0)), ENOTDIR);
	expect_errno("bad times pointer",
		     ERR(syscall(SYS_utimensat, AT_FDCWD, f, (void *)1, 0)), EFAULT);
	expect_errno("bad path", ERR(utimensat(AT_FDCWD, (char *)1, NULL, 0)), EFAULT);

	struct timeval tv[2] = { { 11, 12 }, { 13, 14 } };
	expect_value("utimes", ERR(utimes(f, tv)), 0);
	show_times("utimes", f, 0);
	expect_value("futimesat by dirfd",
		     ERR(syscall(SYS_futimesat, dfd, "times", (struct timeval[2]){ { 15, 16 },
								{ 17, 999999 } })), 0);
	show_times("futimesat", f, 0);
	tv[1].tv_usec = 1000000;
	expect_errno("utimes tv_usec 1000000", ERR(syscall(SYS_utimes, f, tv)), EINVAL);
	tv[1].tv_usec = -1;
	expect_errno("utimes tv_usec -1", ERR(syscall(SYS_utimes, f, tv)), EINVAL);
	tv[1].tv_usec = UTIME_OMIT;
	expect_errno("utimes UTIME_OMIT", ERR(syscall(SYS_utimes, f, tv)), EINVAL);
	expect_errno("utimes bad pointer", ERR(syscall(SYS_utimes, f, (void *)1)), EFAULT);
	expect_value("utimes NULL", ERR(syscall(SYS_utimes, f, NULL)), 0);
	times_now("utimes NULL", f);
	struct utimbuf ub = { 21, 22 };
	expect_value("utime", ERR(syscall(SYS_utime, f, &ub)), 0);
	show_times("utime", f, 0);
	expect_value("utime NULL", ERR(syscall(SYS_utime, f, NULL)), 0);
	times_now("utime NULL", f);
	expect_errno("utime missing", ERR(syscall(SYS_utime, D "/missing", &ub)), ENOENT);
	close(dfd);
}

static void utimes_as_nobody(void)
{
	struct timespec ts[2] = { { 100, 0 }, { 200, 0 } };
	struct timespec now_omit[2] = { { 0, UTIME_NOW }, { 0, UTIME_OMIT } };

	setgroups(0, NULL);
	setgid(NOBODY);
	setuid(NOBODY);
	expect_value("nobody: touch root's 0666 file", ERR(utimensat(AT_FDCWD, D "/open", NULL, 0)), 0);
	expect_errno("nobody: explicit times on root's 0666 file",
		     ERR(utimensat(AT_FDCWD, D "/open", ts, 0)), EPERM);
	expect_errno("nobody: NOW+OMIT on root's 0666 file",
		     ERR(utimensat(AT_FDCWD, D "/open", now_omit, 0)), EPERM);
	expect_errno("nobody: touch root's 0644 file",
		     ERR(utimensat(AT_FDCWD, D "/f", NULL, 0)), EACCES);
	expect_errno("nobody: utimes(NULL) on root's 0644 file",
		     ERR(utimes(D "/f", NULL)), EACCES);
	expect_errno("nobody: explicit times on root's 0644 file",
		     ERR(utimensat(AT_FDCWD, D "/f", ts, 0)), EPERM);
	int fd = open(D "/open", O_RDONLY);
	expect_value("nobody: futimens(NULL) of a 0666 file open read-only",
		     ERR(futimens(fd, NULL)), 0);
	close(fd);
	make_file(D "/nobody.own", 0600, "n");
	expect_value("nobody: explicit times on its own 0400 file",
		     ERR(chmod(D "/nobody.own", 0400) ||
			 utimensat(AT_FDCWD, D "/nobody.own", ts, 0)), 0);
	show_times("nobody: its own file", D "/nobody.own", 0);
	expect_errno("nobody: chroot", ERR(chroot(D)), EPERM);
	expect_errno("nobody: chroot to a missing directory", ERR(chroot(D "/missing")), ENOENT);
	expect_errno("nobody: chroot through a 0700 directory",
		     ERR(chroot(D "/private/sub")), EACCES);
}

static void show_cwd(const char *what)
{
	char buf[256];
	long n = syscall(SYS_getcwd, buf, sizeof(buf));

	if (n < 0)
		report(0, "%s: getcwd: %s", what, errname(errno));
	else
		report(1, "%s: getcwd \"%s\"", what, buf);
}

static void show_file(const char *what, const char *path)
{
	char buf[64] = { 0 };
	int fd = open(path, O_RDONLY);

	if (fd < 0 || read(fd, buf, sizeof(buf) - 1) < 0)
		report(0, "%s: %s: %s", what, path, errname(errno));
	else
		report(1, "%s: %s reads \"%s\"", what, path, buf);
	close(fd);
}

static void chrooted(void)
{
	struct stat root, dotdot;

	chdir(D);
	expect_value("chroot(\"jail\")", ERR(chroot("jail")), 0);
	show_cwd("cwd left outside");
	show_file("in the jail", "/hello");
	show_file("through a symlink to /hello", "/lnk");
	show_file("\"/../../hello\"", "/../../hello");
	stat("/", &root);
	stat("/..", &dotdot);
	report(root.st_ino == dotdot.st_ino, "\"/..\" is \"/\"");
	expect_errno("the old tree is gone", ERR(open("/dev/shm", O_RDONLY)), ENOENT);
	expect_value("chdir(\"/\")", ERR(chdir("/")), 0);
	show_cwd("after chdir(\"/\")");
	chdir("sub");
	chdir("../..");
	show_cwd("after chdir(\"sub\"), chdir(\"../..\")");
	mkdir("/inner", 0755);
	expect_value("chroot again, deeper", ERR(chroot("/inner")), 0);
	show_cwd("outside the inner jail");
	expect_errno("the outer jail's file is gone", ERR(open("/hello", O_RDONLY)), ENOENT);
}

static void test_chroot(void)
{
	expect_errno("chroot to a missing directory", ERR(chroot(D "/missing")), ENOENT);
	expect_errno("chroot to a file", ERR(chroot(D "/f")), ENOTDIR);
	expect_errno("chroot bad path", ERR(chroot((char *)1)), EFAULT);
	expect_errno("chroot \"\"", ERR(chroot("")), ENOENT);
	mkdir(D "/jail", 0755);
	mkdir(D "/jail/sub", 0755);
	make_file(D "/jail/hello", 0644, "inside");
	symlink("/hello", D "/jail/lnk");
	in_child(chrooted);
	show_cwd("the parent keeps its root");
}

static void cleanup(void)
{
	static const char *files[] = {
		"f", "open", "falloc", "times", "times.lnk", "nobody.own",
		"jail/hello", "jail/lnk", "jail/sub", "jail/inner", "jail",
		"private/sub", "private",
	};
	char path[256];

	for (unsigned i = 0; i < sizeof(files) / sizeof(files[0]); i++) {
		snprintf(path, sizeof(path), D "/%s", files[i]);
		if (unlink(path) && rmdir(path))
			report(0, "cleanup %s: %s", path, errname(errno));
	}
	if (rmdir(D))
		report(0, "cleanup " D ": %s", errname(errno));
}

int main(void)
{
	umask(022);
	if (mkdir(D, 0755)) {
		printf("mkdir " D ": %s\n", errname(errno));
		return 1;
	}
	chmod(D, 0777);		/* nobody makes a file of its own there */
	chdir("/");
	make_file(D "/f", 0644, "file");
	make_file(D "/open", 0666, "open");
	mkdir(D "/private", 0700);
	mkdir(D "/private/sub", 0755);
	test_statfs();
	test_sync();
	test_fadvise();
	test_fallocate();
	test_utimes();
	in_child(utimes_as_nobody);
	test_chroot();
	cleanup();
	printf("%s\n", failed ? "some checks FAILED" : "all checks passed");
	return failed ? 1 : 0;
}
