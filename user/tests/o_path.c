#define _GNU_SOURCE
/* o_path: O_PATH descriptors against Linux, in a fresh
 * /dev/shm/o_path.dir (removed at the end).  What works on one: fstat,
 * fstatfs, close, dup/dup2/dup3, fcntl's F_GETFD/F_SETFD/F_GETFL/F_DUPFD,
 * fchdir, use as the dirfd of openat/fstatat/mkdirat, AT_EMPTY_PATH's
 * fstatat and fchownat, passing it on to a child; what is EBADF: read,
 * write, pread, lseek, getdents64, fsync, ftruncate, fchmod, fchown,
 * futimens, fgetxattr, flock, F_SETLK, F_SETFL, F_GETPIPE_SZ, ioctl,
 * mmap, fallocate, sendfile, epoll_ctl (and poll's POLLNVAL).  Opening
 * needs no permission on the file itself (a 0000 file as uid 65534),
 * O_NOFOLLOW opens a symlink itself, a FIFO opens without waiting,
 * O_CREAT is ignored (ENOENT), O_DIRECTORY still applies. */
#include <fcntl.h>
#include <grp.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/file.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/sendfile.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <sys/xattr.h>
#include <unistd.h>

#include "errname.h"

#define D "/dev/shm/o_path.dir"
#define NOBODY 65534

static const char *type_of(mode_t m)
{
	return S_ISREG(m) ? "regular" : S_ISDIR(m) ? "directory" : S_ISLNK(m) ? "symlink" :
	       S_ISFIFO(m) ? "fifo" : "other";
}

static void show_fstat(const char *what, int fd)
{
	struct stat st;

	if (fstat(fd, &st))
		report(0, "%s: fstat: %s", what, errname(errno));
	else
		report(1, "%s: fstat: %s %04o size %lld", what, type_of(st.st_mode),
		       st.st_mode & 07777, (long long)st.st_size);
}

int main(void)
{
	char buf[64];
	struct stat st;

	umask(022);
	if (mkdir(D, 0755)) {
		printf("mkdir " D ": %s\n", errname(errno));
		return 1;
	}
	int w = open(D "/file", O_WRONLY | O_CREAT, 0644);
	write(w, "contents", 8);
	close(w);
	symlink("file", D "/lnk");
	mkfifo(D "/fifo", 0644);
	mkdir(D "/sub", 0755);
	close(open(D "/secret", O_CREAT | O_WRONLY, 0));
	chmod(D "/secret", 0);

	int fd = open(D "/file", O_PATH | O_RDWR | O_APPEND | O_TRUNC);
	report(fd >= 0, "open O_PATH|O_RDWR|O_APPEND|O_TRUNC: %s", fd >= 0 ? "ok" : errname(errno));
	show_fstat("O_PATH file (not truncated)", fd);
	report((fcntl(fd, F_GETFL) & ~O_LARGEFILE) == O_PATH, "F_GETFL is O_PATH alone: %#o",
	       fcntl(fd, F_GETFL) & ~O_LARGEFILE);
	struct statfs sfs;
	expect_value("fstatfs", ERR(fstatfs(fd, &sfs)), 0);
	expect_value("F_GETFD", ERR(fcntl(fd, F_GETFD)), 0);
	expect_value("F_SETFD FD_CLOEXEC", ERR(fcntl(fd, F_SETFD, FD_CLOEXEC)), 0);
	expect_value("F_GETFD again", ERR(fcntl(fd, F_GETFD)), FD_CLOEXEC);
	int d = fcntl(fd, F_DUPFD, 50);
	expect_value("F_DUPFD 50", d, 50);
	show_fstat("its F_DUPFD copy", d);
	close(d);
	d = dup(fd);
	report(d >= 0, "dup: %s", d >= 0 ? "ok" : errname(errno));
	expect_value("dup2 to 60", ERR(dup2(fd, 60)), 60);
	expect_value("dup3 to 61", ERR(dup3(fd, 61, O_CLOEXEC)), 61);
	close(60), close(61), close(d);
	expect_value("fstatat AT_EMPTY_PATH", ERR(fstatat(fd, "", &st, AT_EMPTY_PATH)), 0);
	report(S_ISREG(st.st_mode) && st.st_size == 8, "its type and size: %s %lld",
	       type_of(st.st_mode), (long long)st.st_size);
	expect_value("fchownat AT_EMPTY_PATH", ERR(fchownat(fd, "", 0, 0, AT_EMPTY_PATH)), 0);
	expect_value("faccessat AT_EMPTY_PATH", ERR(syscall(SYS_faccessat2, fd, "", R_OK, AT_EMPTY_PATH)), 0);

	expect_errno("read", ERR(read(fd, buf, 4)), EBADF);
	expect_errno("write", ERR(write(fd, "x", 1)), EBADF);
	expect_errno("pread", ERR(pread(fd, buf, 4, 0)), EBADF);
	expect_errno("lseek", ERR(lseek(fd, 0, SEEK_SET)), EBADF);
	expect_errno("fsync", ERR(fsync(fd)), EBADF);
	expect_errno("ftruncate", ERR(ftruncate(fd, 0)), EBADF);
	expect_value("fchmod (Linux 6.x allows it)", ERR(fchmod(fd, 0640)), 0);
	show_fstat("after fchmod", fd);
	expect_value("fchown", ERR(fchown(fd, 0, 0)), 0);
	expect_errno("futimens", ERR(futimens(fd, NULL)), EBADF);
	expect_errno("fgetxattr", ERR(fgetxattr(fd, "user.x", buf, sizeof(buf))), EBADF);
	expect_errno("flock", ERR(flock(fd, LOCK_SH)), EBADF);
	struct flock fl = { .l_type = F_RDLCK, .l_whence = SEEK_SET };
	expect_errno("F_SETLK", ERR(fcntl(fd, F_SETLK, &fl)), EBADF);
	expect_errno("F_GETLK", ERR(fcntl(fd, F_GETLK, &fl)), EBADF);
	expect_errno("F_SETFL", ERR(fcntl(fd, F_SETFL, O_NONBLOCK)), EBADF);
	expect_errno("F_GETPIPE_SZ", ERR(fcntl(fd, F_GETPIPE_SZ)), EBADF);
	int n;
	expect_errno("ioctl FIONREAD", ERR(ioctl(fd, FIONREAD, &n)), EBADF);
	expect_errno("mmap", ERR((long)mmap(NULL, 4096, PROT_READ, MAP_PRIVATE, fd, 0)), EBADF);
	expect_errno("fallocate", ERR(fallocate(fd, 0, 0, 10)), EBADF);
	int null = open("/dev/null", O_WRONLY);
	expect_errno("sendfile from it", ERR(sendfile(null, fd, NULL, 4)), EBADF);
	close(null);
	int ep = epoll_create1(0);
	struct epoll_event ev = { .events = EPOLLIN };
	expect_errno("epoll_ctl ADD", ERR(epoll_ctl(ep, EPOLL_CTL_ADD, fd, &ev)), EBADF);
	close(ep);
	struct pollfd pfd = { .fd = fd, .events = POLLIN };
	expect_value("poll", ERR(poll(&pfd, 1, 0)), 1);
	report(pfd.revents == POLLNVAL, "poll's revents: POLLNVAL: %s", yesno(pfd.revents == POLLNVAL));
	expect_value("close", ERR(close(fd)), 0);

	/* directories */
	int dfd = open(D "/sub", O_PATH | O_DIRECTORY);
	report(dfd >= 0, "O_PATH|O_DIRECTORY of a directory: %s", dfd >= 0 ? "ok" : errname(errno));
	expect_errno("O_PATH|O_DIRECTORY of a file", ERR(open(D "/file", O_PATH | O_DIRECTORY)), ENOTDIR);
	expect_value("mkdirat through it", ERR(mkdirat(dfd, "inner", 0755)), 0);
	int in = openat(dfd, "inner", O_RDONLY | O_DIRECTORY);
	report(in >= 0, "openat through it: %s", in >= 0 ? "ok" : errname(errno));
	close(in);
	expect_value("fstatat through it", ERR(fstatat(dfd, "inner", &st, 0)), 0);
	expect_errno("getdents64", ERR(syscall(SYS_getdents64, dfd, buf, sizeof(buf))), EBADF);
	pid_t pid = fork();
	if (pid == 0) {
		int ok = fchdir(dfd) == 0 && stat("inner", &st) == 0;
		_exit(ok ? 0 : 1);
	}
	int status;
	waitpid(pid, &status, 0);
	report(WIFEXITED(status) && WEXITSTATUS(status) == 0,
	       "a child fchdir()s through the inherited O_PATH fd");
	rmdir(D "/sub/inner");
	close(dfd);

	/* symlinks, FIFOs, O_CREAT, permissions */
	int l = open(D "/lnk", O_PATH | O_NOFOLLOW);
	report(l >= 0, "O_PATH|O_NOFOLLOW of a symlink: %s", l >= 0 ? "ok" : errname(errno));
	show_fstat("the symlink itself", l);
	close(l);
	l = open(D "/lnk", O_PATH);
	show_fstat("O_PATH through the symlink", l);
	close(l);
	expect_errno("O_NOFOLLOW without O_PATH", ERR(open(D "/lnk", O_RDONLY | O_NOFOLLOW)), ELOOP);
	int ff = open(D "/fifo", O_PATH);
	report(ff >= 0, "O_PATH of a FIFO does not wait for a writer: %s", ff >= 0 ? "ok" : errname(errno));
	show_fstat("the FIFO", ff);
	close(ff);
	expect_errno("O_PATH|O_CREAT of a missing name", ERR(open(D "/new", O_PATH | O_CREAT, 0644)), ENOENT);
	expect_errno("so nothing was made", ERR(stat(D "/new", &st)), ENOENT);
	expect_errno("O_PATH of a missing name", ERR(open(D "/missing", O_PATH)), ENOENT);
	pid = fork();
	if (pid == 0) {
		setgroups(0, NULL);
		setgid(NOBODY);
		setuid(NOBODY);
		expect_errno("nobody: open a 0000 file O_RDONLY", ERR(open(D "/secret", O_RDONLY)), EACCES);
		int s = open(D "/secret", O_PATH);
		report(s >= 0, "nobody: open it O_PATH: %s", s >= 0 ? "ok" : errname(errno));
		show_fstat("nobody: its fstat", s);
		fflush(stdout);
		_exit(failed ? 1 : 0);
	}
	waitpid(pid, &status, 0);
	if (!WIFEXITED(status) || WEXITSTATUS(status))
		failed++;

	unlink(D "/file"), unlink(D "/lnk"), unlink(D "/fifo"), unlink(D "/secret");
	rmdir(D "/sub");
	if (rmdir(D))
		report(0, "cleanup: %s", errname(errno));
	printf("%s\n", failed ? "some checks FAILED" : "all checks passed");
	return failed ? 1 : 0;
}
