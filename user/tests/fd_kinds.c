/* fd_kinds: the calls that take any descriptor, on every kind of
 * descriptor, answered as Linux answers them (found by probing what the
 * fuzzer's hostile descriptors get).  For a pipe's two ends, an eventfd,
 * an epoll, a socket, a directory (in /dev/shm, tmpfs on Linux), a
 * signalfd, a timerfd, an inotify, /dev/null and a file: ftruncate,
 * fsync, fallocate, fadvise, getdents64, fchdir, mmap (a pipe's write
 * end is EACCES before its read end's ENODEV), flock, F_GETPIPE_SZ,
 * FIONBIO, fstatfs, fchmod, fchown and futimens (an eventfd, an epoll,
 * a signalfd, a timerfd and an inotify have Linux's anonymous inode:
 * EOPNOTSUPP), xattrs, copy_file_range, sendfile, preadv and pwritev
 * (ESPIPE without an offset; empty segments on a file not open for it
 * EBADF), openat/mkdirat relative to a non-directory, and read and
 * write of 0 bytes (EINVAL where the kind has no such method: an
 * epoll's read and write, a signalfd's, timerfd's and inotify's write).
 * Every descriptor is non-blocking.  Runs in /dev/shm/fd_kinds.dir. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/file.h>
#include <sys/inotify.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/sendfile.h>
#include <sys/signalfd.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <sys/syscall.h>
#include <sys/timerfd.h>
#include <sys/uio.h>
#include <sys/xattr.h>
#include <unistd.h>

#include "errname.h"

#define DIR_NAME	"/dev/shm/fd_kinds.dir"

static const char *answer(long r)
{
	static char text[32];

	if (r < 0)
		return errname(errno);
	snprintf(text, sizeof(text), "ok %ld", r);
	return text;
}

#define P(call) do {						\
	errno = 0;						\
	long r_ = (long)(call);					\
	printf("  %-52s %s\n", #call, answer(r_));		\
} while (0)

static long map(int fd, int type)
{
	void *m = mmap(NULL, 4096, PROT_READ, type, fd, 0);

	if (m == MAP_FAILED)
		return -1;
	munmap(m, 4096);
	return 0;
}

int main(void)
{
	char buf[4096];
	struct statfs sfs;
	sigset_t mask;
	int p[2], sv[2];

	setvbuf(stdout, NULL, _IONBF, 0);
	sigemptyset(&mask);
	pipe2(p, O_NONBLOCK);
	socketpair(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK, 0, sv);
	mkdir(DIR_NAME, 0755);
	int file = open(DIR_NAME "/f", O_CREAT | O_RDWR | O_NONBLOCK, 0644);
	write(file, "hello", 5);
	int fds[] = {
		p[0], p[1], eventfd(0, EFD_NONBLOCK), epoll_create1(0), sv[0],
		open(DIR_NAME, O_RDONLY | O_DIRECTORY),
		signalfd(-1, &mask, SFD_NONBLOCK),
		timerfd_create(CLOCK_MONOTONIC, TFD_NONBLOCK),
		inotify_init1(IN_NONBLOCK), open("/dev/null", O_RDWR), file,
	};
	const char *names[] = {
		"a pipe's read end", "a pipe's write end", "an eventfd", "an epoll",
		"a socket", "a directory", "a signalfd", "a timerfd", "an inotify",
		"/dev/null", "a file",
	};
	for (unsigned i = 0; i < sizeof(fds) / sizeof(fds[0]); i++) {
		int x = fds[i], one = 1;
		struct iovec empty = { buf, 0 }, byte = { buf, 1 };
		printf("%s:\n", names[i]);
		P(ftruncate(x, 0));
		P(ftruncate(x, -1));
		P(fsync(x));
		P(fdatasync(x));
		P(fallocate(x, 0, 0, 10));
		P(posix_fadvise(x, 0, 0, POSIX_FADV_NORMAL));
		P(syscall(SYS_getdents64, x, buf, sizeof(buf)));
		P(fchdir(x));
		P(map(x, MAP_SHARED));
		P(map(x, MAP_PRIVATE));
		P(flock(x, LOCK_EX | LOCK_NB));
		P(flock(x, LOCK_UN));
		P(fcntl(x, F_GETPIPE_SZ));
		P(fcntl(x, F_SETPIPE_SZ, 8192));
		P(ioctl(x, FIONBIO, &one));
		P(fstatfs(x, &sfs));
		P(fchmod(x, 0644));
		P(fchown(x, -1, -1));
		P(futimens(x, NULL));
		P(utimensat(x, NULL, NULL, 0));
		P(fsetxattr(x, "user.a", "b", 1, 0));
		P(fgetxattr(x, "user.a", buf, 10));
		P(fremovexattr(x, "user.a"));
		P(copy_file_range(x, NULL, file, NULL, 1, 0));
		P(sendfile(file, x, NULL, 1));
		P(pwritev(x, &empty, 1, 0));
		P(preadv(x, &byte, 1, 0));
		P(preadv(x, &byte, 1, -1));
		P(syscall(SYS_fchown, x, -1, -1));
		P(fstatat(x, "", &(struct stat){ 0 }, AT_EMPTY_PATH));
		P(syscall(SYS_openat, x, "", O_RDONLY));
		P(syscall(SYS_mkdirat, x, "sub", 0755));
		P(syscall(SYS_unlinkat, x, "sub", AT_REMOVEDIR));
		P(write(x, buf, 0));
		P(read(x, buf, 0));
	}
	/* preadv and pwritev on the file itself: at the offset, f_pos kept. */
	char a[3] = { 0 }, b[3] = { 0 };
	struct iovec two[2] = { { a, 2 }, { b, 2 } };
	ftruncate(file, 0);
	pwrite(file, "hello", 5, 0);
	lseek(file, 1, SEEK_SET);
	P(preadv(file, two, 2, 0));
	printf("  read \"%.2s\" \"%.2s\", then at %ld\n", a, b, (long)lseek(file, 0, SEEK_CUR));
	struct iovec out[2] = { { "AB", 2 }, { "C", 1 } };
	P(pwritev(file, out, 2, 3));
	pread(file, buf, 10, 0);
	buf[6] = 0;
	printf("  the file \"%s\", then at %ld\n", buf, (long)lseek(file, 0, SEEK_CUR));
	P(pwritev(file, out, 2, -1));
	P(preadv(file, (struct iovec *)1, 1, 0));
	P(preadv(999, two, 1, 0));
	unlink(DIR_NAME "/f");
	rmdir(DIR_NAME "/sub");
	rmdir(DIR_NAME);
	printf("fd_kinds: done\n");
	return 0;
}
