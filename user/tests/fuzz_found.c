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
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/eventfd.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
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
	unlink(DIRNAME "/file");
	unlink(DIRNAME "/file3");
	unlink(DIRNAME "/stat");
	rmdir(DIRNAME);
	printf("%s\n", failed ? "fuzz_found: FAILED" : "fuzz_found: all checks passed");
	return failed != 0;
}
