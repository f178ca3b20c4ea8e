/* fuzz_found: what the system-call fuzzer (user/fuzz.c, tools/fuzz)
 * found, one check each, so that it stays fixed.  Run as root, in a fresh
 * fuzz_found.dir under the cwd (removed at the end).
 *
 * - reboot by an unprivileged process: EPERM before anything else (the
 *   kernel used to power off for anyone who knew the magic numbers).
 * - link and rename from /proc into another file system: EXDEV (a hard link to a /proc inode used
 *   to outlive it: a use after free that slub_debug caught).
 * - an orphan whose clone asked for another exit signal than SIGCHLD
 *   tells init with SIGCHLD (init used to die of the SIGILL asked for),
 *   and init ignores signals it has no handler for.
 * - linkat(AT_SYMLINK_FOLLOW) through /proc/self/fd/N links the open file
 *   itself (a "magic link"), not the path its text names: a file in the
 *   cwd is linked, an unlinked one is ENOENT, a directory EPERM, a pipe,
 *   a socket, an eventfd and a /proc file EXDEV (the kernel looked the
 *   text "pipe:[N]" up as a path, and said ENOENT).
 * - mmap of a file at an offset near 2^63: EOVERFLOW (Linux's
 *   file_mmap_ok); the kernel took it, the offset wrapped negative, and
 *   growing the file's page array for it spun for ever with vfs_lock
 *   held: the whole machine stopped.  Past the end but below that, the
 *   mapping is made (and not touched).
 * - lseek SEEK_DATA and SEEK_HOLE (the kernel said EINVAL): a file
 *   without holes is data up to its size, ENXIO at or past it; a /proc
 *   text EINVAL, a pipe ESPIPE, whence 5 EINVAL.
 * - lseek on descriptors without an offset (the kernel said ESPIPE for
 *   all of them): an eventfd, an epoll, a signalfd, a timerfd and an
 *   inotify take any lseek and answer 0 (Linux's noop_llseek), yet
 *   pread on them is ESPIPE; a pipe, a socket and a pty are ESPIPE;
 *   /dev/null, /dev/zero and /dev/urandom answer 0.  A directory (in
 *   /dev/shm, tmpfs on Linux) seeks from its start or from where it is,
 *   never from its end (SEEK_END, SEEK_DATA, SEEK_HOLE: EINVAL; the
 *   kernel said 0); a /proc text likewise (seq_lseek), while /proc
 *   directories, /proc/self/cmdline and /proc/sys files seek on a size
 *   of 0 (the kernel said 2^62).
 * - linkat with AT_EMPTY_PATH names the descriptor's own file (the
 *   kernel ignored the flag and said ENOENT): a file gets a second
 *   name, EEXIST for a name already there (before EXDEV), ENOTDIR for a
 *   non-empty path relative to a file, ENOENT without the flag; a pipe,
 *   an eventfd, a socket and a /proc file EXDEV, a directory EPERM; as
 *   uid 65534, a file root opened is ENOENT (Linux 6.10: only the
 *   opener's credentials or CAP_DAC_READ_SEARCH), one it opened itself
 *   is linked.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/inotify.h>
#include <sys/mman.h>
#include <sys/signalfd.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/timerfd.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "check.h"

#define DIRNAME		"fuzz_found.dir"
#define REBOOT_MAGIC1	0xfee1dead
#define REBOOT_MAGIC2	672274793
#define REBOOT_POWER_OFF 0x4321fedc

static void msleep(int ms)
{
	struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };
	nanosleep(&ts, NULL);
}

static const char *err(long r)
{
	static char text[64];

	if (r >= 0)
		return "success";
	snprintf(text, sizeof(text), "%s", strerror(errno));
	return text;
}

/* In a child dropped to uid 65534: reboot's answer. */
static void check_reboot(void)
{
	int p[2];
	char answer[64] = "";

	if (pipe(p) < 0)
		return;
	pid_t pid = fork();
	if (pid == 0) {
		close(p[0]);
		if (setgid(65534) < 0 || setuid(65534) < 0)
			_exit(1);
		long r = syscall(SYS_reboot, REBOOT_MAGIC1, REBOOT_MAGIC2,
				 REBOOT_POWER_OFF, NULL);
		dprintf(p[1], "%s", err(r));
		_exit(0);
	}
	close(p[1]);
	ssize_t n = read(p[0], answer, sizeof(answer) - 1);
	answer[n > 0 ? n : 0] = 0;
	close(p[0]);
	waitpid(pid, NULL, 0);
	report(!strcmp(answer, strerror(EPERM)), "reboot as uid 65534: %s", answer);
	/* And a wrong magic number is still EINVAL for root (not a reboot). */
	long r = syscall(SYS_reboot, 1, 2, REBOOT_POWER_OFF, NULL);
	report(r < 0 && errno == EINVAL, "reboot with a bad magic as root: %s", err(r));
}

static void check_exdev(void)
{
	long r = link("/proc/self/stat", DIRNAME "/stat");
	report(r < 0 && errno == EXDEV, "link /proc/self/stat into the cwd's fs: %s", err(r));
	r = rename("/proc/self/stat", DIRNAME "/stat");
	report(r < 0 && errno == EXDEV, "rename /proc/self/stat: %s", err(r));
	r = rename(DIRNAME "/file", "/proc/file");
	report(r < 0 && errno == EXDEV, "rename a file into /proc: %s", err(r));
	r = link(DIRNAME "/file", "/proc/file");
	report(r < 0 && (errno == EXDEV || errno == EACCES || errno == ENOENT),
	       "link a file into /proc refused: %s", yesno(r < 0));
	struct stat st;
	report(stat(DIRNAME "/stat", &st) < 0,
	       "no name was made");
	/* Within one file system both still work. */
	report(link(DIRNAME "/file", DIRNAME "/file2") == 0 &&
	       rename(DIRNAME "/file2", DIRNAME "/file3") == 0,
	       "link and rename within the directory work");
}

/* linkat(AT_FDCWD, "/proc/self/fd/N", AT_FDCWD, name, AT_SYMLINK_FOLLOW). */
static long link_fd(int fd, const char *name)
{
	char path[64];

	snprintf(path, sizeof(path), "/proc/self/fd/%d", fd);
	return linkat(AT_FDCWD, path, AT_FDCWD, name, AT_SYMLINK_FOLLOW);
}

static void check_magic_links(void)
{
	int fd = open(DIRNAME "/linked", O_CREAT | O_RDWR, 0644);
	long r = link_fd(fd, DIRNAME "/linked2");
	struct stat a, b;
	report(r == 0 && stat(DIRNAME "/linked", &a) == 0 &&
	       stat(DIRNAME "/linked2", &b) == 0 && a.st_ino == b.st_ino &&
	       a.st_nlink == 2, "linkat through /proc/self/fd of a file: %s, one inode"
	       " with two names", err(r));
	unlink(DIRNAME "/linked2");
	unlink(DIRNAME "/linked");
	r = link_fd(fd, DIRNAME "/linked3");
	report(r < 0 && errno == ENOENT, "... of the file once unlinked: %s", err(r));
	close(fd);

	int p[2], sv[2];
	pipe(p);
	socketpair(AF_UNIX, SOCK_STREAM, 0, sv);
	int others[] = { open(DIRNAME, O_RDONLY | O_DIRECTORY), p[0], sv[0],
			 eventfd(0, 0), open("/proc/self/status", O_RDONLY) };
	const char *names[] = { "a directory", "a pipe", "a socket",
				"an eventfd", "/proc/self/status" };
	for (int i = 0; i < 5; i++) {
		r = link_fd(others[i], DIRNAME "/other");
		report(r < 0 && errno == (i ? EXDEV : EPERM), "... of %s: %s", names[i],
		       err(r));
		close(others[i]);
	}
	close(p[1]);
	close(sv[1]);
	struct stat st;
	report(stat(DIRNAME "/other", &st) < 0 && stat(DIRNAME "/linked3", &st) < 0,
	       "no name was made");
}

static void check_mmap_offsets(void)
{
	int fd = open(DIRNAME "/mapped", O_CREAT | O_RDWR, 0644);
	write(fd, "x", 1);
	static const unsigned long offs[] = { 0x7ffffffffffff000UL,
					      0x8000000000000000UL,
					      0xfffffffffffff000UL };
	for (int i = 0; i < 3; i++) {
		long r = syscall(SYS_mmap, 0L, 4096L, (long)PROT_READ,
				 (long)MAP_SHARED, (long)fd, (long)offs[i]);
		report(r < 0 && errno == EOVERFLOW, "mmap of a file at offset %#lx: %s",
		       offs[i], err(r));
	}
	void *m = mmap(NULL, 4096, PROT_READ, MAP_SHARED, fd, 1L << 40);
	report(m != MAP_FAILED, "mmap of a 1-byte file at offset 2^40: %s",
	       m != MAP_FAILED ? "success" : strerror(errno));
	if (m != MAP_FAILED)
		munmap(m, 4096);
	close(fd);
	unlink(DIRNAME "/mapped");
}

static void seek(const char *what, int fd, off_t off, int whence)
{
	off_t r = lseek(fd, off, whence);
	int e = errno;
	off_t pos = lseek(fd, 0, SEEK_CUR);

	errno = e;
	printf("lseek %s: %s", what, err(r));
	if (r >= 0)
		printf(" %lld", (long long)r);
	printf(", then at %lld\n", (long long)pos);
}

static void check_seek_data(void)
{
	int fd = open(DIRNAME "/data", O_CREAT | O_RDWR, 0644);
	write(fd, "0123456789", 10);
	seek("SEEK_DATA 0", fd, 0, SEEK_DATA);
	seek("SEEK_HOLE 0", fd, 0, SEEK_HOLE);
	seek("SEEK_DATA 9", fd, 9, SEEK_DATA);
	seek("SEEK_HOLE 9", fd, 9, SEEK_HOLE);
	seek("SEEK_DATA 10 (the size)", fd, 10, SEEK_DATA);
	seek("SEEK_HOLE 10", fd, 10, SEEK_HOLE);
	seek("SEEK_DATA -1", fd, -1, SEEK_DATA);
	seek("SEEK_HOLE 1000", fd, 1000, SEEK_HOLE);
	seek("whence 5", fd, 0, 5);
	close(fd);
	fd = open(DIRNAME "/empty", O_CREAT | O_RDWR, 0644);
	seek("SEEK_DATA 0 of an empty file", fd, 0, SEEK_DATA);
	seek("SEEK_HOLE 0 of an empty file", fd, 0, SEEK_HOLE);
	close(fd);
	fd = open("/proc/self/status", O_RDONLY);
	seek("SEEK_DATA of /proc/self/status", fd, 0, SEEK_DATA);
	close(fd);
	int p[2];
	pipe(p);
	seek("SEEK_HOLE of a pipe", p[0], 0, SEEK_HOLE);
	close(p[0]);
	close(p[1]);
	unlink(DIRNAME "/data");
	unlink(DIRNAME "/empty");
}

/* lseek on every kind of descriptor that has no offset of its own. */
static void check_seek_kinds(void)
{
	sigset_t mask;
	sigemptyset(&mask);
	int p[2], sv[2];
	pipe(p);
	socketpair(AF_UNIX, SOCK_STREAM, 0, sv);
	int m = posix_openpt(O_RDWR | O_NOCTTY);
	int noop[] = { eventfd(0, 0), epoll_create1(0), signalfd(-1, &mask, 0),
		       timerfd_create(CLOCK_MONOTONIC, 0), inotify_init1(0) };
	const char *noop_names[] = { "an eventfd", "an epoll", "a signalfd",
				     "a timerfd", "an inotify" };
	char buf[8];

	for (int i = 0; i < 5; i++) {
		char what[64];
		snprintf(what, sizeof(what), "SEEK_SET 5 of %s", noop_names[i]);
		seek(what, noop[i], 5, SEEK_SET);
		snprintf(what, sizeof(what), "SEEK_END -1 of %s", noop_names[i]);
		seek(what, noop[i], -1, SEEK_END);
		snprintf(what, sizeof(what), "SEEK_HOLE 0 of %s", noop_names[i]);
		seek(what, noop[i], 0, SEEK_HOLE);
		snprintf(what, sizeof(what), "whence 5 of %s", noop_names[i]);
		seek(what, noop[i], 0, 5);
		long r = pread(noop[i], buf, sizeof(buf), 0);
		report(r < 0 && errno == ESPIPE, "pread of %s: %s", noop_names[i], err(r));
		close(noop[i]);
	}
	seek("SEEK_SET 0 of a pipe", p[0], 0, SEEK_SET);
	seek("SEEK_SET 0 of a socket", sv[0], 0, SEEK_SET);
	seek("SEEK_SET 0 of a pty master", m, 0, SEEK_SET);
	close(p[0]), close(p[1]), close(sv[0]), close(sv[1]), close(m);
	static const char *const devs[] = { "/dev/null", "/dev/zero", "/dev/urandom" };
	for (int i = 0; i < 3; i++) {
		char what[64];
		int fd = open(devs[i], O_RDONLY);
		snprintf(what, sizeof(what), "SEEK_SET 5 of %s", devs[i]);
		seek(what, fd, 5, SEEK_SET);
		snprintf(what, sizeof(what), "SEEK_END 0 of %s", devs[i]);
		seek(what, fd, 0, SEEK_END);
		close(fd);
	}

	mkdir("/dev/shm/fuzz_found.dir", 0755);
	int d = open("/dev/shm/fuzz_found.dir", O_RDONLY | O_DIRECTORY);
	seek("SEEK_END 0 of a directory", d, 0, SEEK_END);
	seek("SEEK_END 1 of a directory", d, 1, SEEK_END);
	seek("SEEK_DATA 0 of a directory", d, 0, SEEK_DATA);
	seek("SEEK_HOLE 0 of a directory", d, 0, SEEK_HOLE);
	seek("SEEK_SET 2^62 of a directory", d, 1LL << 62, SEEK_SET);
	seek("SEEK_SET 5 of a directory", d, 5, SEEK_SET);
	seek("SEEK_CUR 2 of a directory", d, 2, SEEK_CUR);
	seek("SEEK_CUR -8 of a directory", d, -8, SEEK_CUR);
	seek("SEEK_SET -1 of a directory", d, -1, SEEK_SET);
	close(d);
	rmdir("/dev/shm/fuzz_found.dir");

	static const char *const procs[] = {
		"/proc/self/status", "/proc/meminfo", "/proc/self/stat",
		"/proc/self/cmdline", "/proc/sys/fs/pipe-max-size", "/proc",
		"/proc/self/fd", "/proc/net",
	};
	for (unsigned i = 0; i < sizeof(procs) / sizeof(procs[0]); i++) {
		char what[80];
		int fd = open(procs[i], O_RDONLY);
		snprintf(what, sizeof(what), "SEEK_END 0 of %s", procs[i]);
		seek(what, fd, 0, SEEK_END);
		snprintf(what, sizeof(what), "SEEK_END 7 of %s", procs[i]);
		seek(what, fd, 7, SEEK_END);
		snprintf(what, sizeof(what), "SEEK_SET 3 of %s", procs[i]);
		seek(what, fd, 3, SEEK_SET);
		snprintf(what, sizeof(what), "SEEK_CUR 2 of %s", procs[i]);
		seek(what, fd, 2, SEEK_CUR);
		snprintf(what, sizeof(what), "SEEK_DATA 0 of %s", procs[i]);
		seek(what, fd, 0, SEEK_DATA);
		close(fd);
	}
}

/* linkat(fd, "", AT_FDCWD, name, AT_EMPTY_PATH). */
static long link_empty(int fd, const char *name)
{
	return linkat(fd, "", AT_FDCWD, name, AT_EMPTY_PATH);
}

static void check_empty_path_links(void)
{
	int fd = open(DIRNAME "/empty_src", O_CREAT | O_RDWR, 0644);
	long r = link_empty(fd, DIRNAME "/empty_dst");
	struct stat a, b;
	report(r == 0 && stat(DIRNAME "/empty_src", &a) == 0 &&
	       stat(DIRNAME "/empty_dst", &b) == 0 && a.st_ino == b.st_ino &&
	       a.st_nlink == 2, "linkat AT_EMPTY_PATH of a file: %s, one inode with two names",
	       err(r));
	r = link_empty(fd, DIRNAME "/empty_dst");
	report(r < 0 && errno == EEXIST, "... again to the same name: %s", err(r));
	r = linkat(fd, "x", AT_FDCWD, DIRNAME "/empty_x", AT_EMPTY_PATH);
	report(r < 0 && errno == ENOTDIR, "... with a path relative to the file: %s", err(r));
	r = linkat(fd, "", AT_FDCWD, DIRNAME "/empty_x", 0);
	report(r < 0 && errno == ENOENT, "... without the flag: %s", err(r));
	r = link_empty(999, DIRNAME "/empty_x");
	report(r < 0 && errno == EBADF, "... of descriptor 999: %s", err(r));
	int p[2], sv[2];
	pipe(p);
	socketpair(AF_UNIX, SOCK_STREAM, 0, sv);
	int others[] = { open(DIRNAME, O_RDONLY | O_DIRECTORY), p[0], sv[0],
			 eventfd(0, 0), open("/proc/self/status", O_RDONLY) };
	const char *names[] = { "a directory", "a pipe", "a socket",
				"an eventfd", "/proc/self/status" };
	for (int i = 0; i < 5; i++) {
		r = link_empty(others[i], DIRNAME "/empty_x");
		report(r < 0 && errno == (i ? EXDEV : EPERM), "... of %s: %s", names[i],
		       err(r));
		r = link_empty(others[i], DIRNAME "/empty_dst");
		report(r < 0 && errno == EEXIST, "... of %s to a name already there: %s",
		       names[i], err(r));
		close(others[i]);
	}
	close(p[1]);
	close(sv[1]);

	/* As another user: only a file it opened itself. */
	mkdir("/dev/shm/fuzz_found.links", 0777);
	chmod("/dev/shm/fuzz_found.links", 0777);
	int theirs = open("/dev/shm/fuzz_found.links/root", O_CREAT | O_RDWR, 0666);
	int status[2];
	pipe(status);
	pid_t pid = fork();
	if (pid == 0) {
		long res[2];
		setgid(65534);
		setuid(65534);
		res[0] = link_empty(theirs, "/dev/shm/fuzz_found.links/a") < 0 ? errno : 0;
		int mine = open("/dev/shm/fuzz_found.links/mine", O_CREAT | O_RDWR, 0644);
		res[1] = link_empty(mine, "/dev/shm/fuzz_found.links/b") < 0 ? errno : 0;
		write(status[1], res, sizeof(res));
		_exit(0);
	}
	long res[2] = { -1, -1 };
	read(status[0], res, sizeof(res));
	waitpid(pid, NULL, 0);
	report(res[0] == ENOENT, "as uid 65534, of a file root opened: %s", strerror(res[0]));
	report(res[1] == 0, "as uid 65534, of a file it opened itself: %s",
	       res[1] ? strerror(res[1]) : "success");
	close(theirs), close(status[0]), close(status[1]);
	struct stat st;
	report(stat(DIRNAME "/empty_x", &st) < 0 &&
	       stat("/dev/shm/fuzz_found.links/a", &st) < 0,
	       "no other name was made");
	static const char *const made[] = { "root", "mine", "a", "b" };
	for (int i = 0; i < 4; i++) {
		char path[64];
		snprintf(path, sizeof(path), "/dev/shm/fuzz_found.links/%s", made[i]);
		unlink(path);
	}
	rmdir("/dev/shm/fuzz_found.links");
	close(fd);
	unlink(DIRNAME "/empty_src");
	unlink(DIRNAME "/empty_dst");
}

/* A child clones a grandchild whose exit signal is SIGILL, and exits:
 * the orphan goes to init, which must hear SIGCHLD when it ends. */
static void check_orphan_signal(void)
{
	pid_t pid = fork();

	if (pid == 0) {
		long g = syscall(SYS_clone, (long)SIGILL, 0L, 0L, 0L, 0L);
		if (g == 0) {
			msleep(100);
			_exit(0);
		}
		_exit(g > 0 ? 0 : 1);
	}
	int st;
	waitpid(pid, &st, 0);
	report(WIFEXITED(st) && WEXITSTATUS(st) == 0, "clone with exit signal SIGILL");
	msleep(400);		/* the orphan has ended meanwhile */
	report(kill(1, 0) == 0, "init is alive after the orphan's exit");
}

int main(void)
{
	mkdir(DIRNAME, 0755);
	close(open(DIRNAME "/file", O_CREAT | O_WRONLY, 0644));
	check_reboot();
	check_exdev();
	check_orphan_signal();
	check_magic_links();
	check_mmap_offsets();
	check_seek_data();
	check_seek_kinds();
	check_empty_path_links();
	unlink(DIRNAME "/file");
	unlink(DIRNAME "/file3");
	unlink(DIRNAME "/stat");
	rmdir(DIRNAME);
	printf("%s\n", failed ? "fuzz_found: FAILED" : "fuzz_found: all checks passed");
	return failed != 0;
}
