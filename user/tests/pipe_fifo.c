#define _GNU_SOURCE
/* pipe_fifo: pipe sizes, packet pipes and named pipes against Linux.
 * F_GETPIPE_SZ/F_SETPIPE_SZ (the 64 KiB default, rounding up to a
 * power of two of pages, EINVAL above 2^31, EBUSY below the contents,
 * the data kept across a resize, the room a 4 KiB pipe has, uid 65534
 * limited to pipe-max-size with EPERM, EBADF for other files);
 * pipe2(O_DIRECT) packets (one per read, the rest of a short read
 * dropped, long writes cut at PIPE_BUF, one packet per page of room);
 * mknod/mknodat/mkfifo (types, EPERM, EINVAL, EEXIST, EACCES, a root-made
 * character device) and FIFOs in a fresh /dev/shm/pipe_fifo.dir: open
 * O_RDONLY|O_NONBLOCK at once, O_WRONLY|O_NONBLOCK ENXIO without a
 * reader, a blocking reader waiting for a writer and a writer for a
 * reader (seen from another process), O_RDWR never waiting, EINTR from
 * a signal while waiting, data gone once every end is closed. */
#include <fcntl.h>
#include <grp.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <unistd.h>

#include "child.h"
#include "errname.h"

#define D "/dev/shm/pipe_fifo.dir"
#define NOBODY 65534

static int readable(int fd, int ms)
{
	struct pollfd p = { .fd = fd, .events = POLLIN };

	return poll(&p, 1, ms) == 1;
}

static void test_sizes(void)
{
	int p[2], f;
	char *buf = malloc(1 << 20), *back = malloc(1 << 20);

	pipe(p);
	expect_value("F_GETPIPE_SZ default", ERR(fcntl(p[0], F_GETPIPE_SZ)), 65536);
	expect_value("F_GETPIPE_SZ of the write end", ERR(fcntl(p[1], F_GETPIPE_SZ)), 65536);
	expect_value("F_SETPIPE_SZ 0", ERR(fcntl(p[0], F_SETPIPE_SZ, 0)), 4096);
	expect_value("F_SETPIPE_SZ 4097", ERR(fcntl(p[1], F_SETPIPE_SZ, 4097)), 8192);
	expect_value("F_SETPIPE_SZ 12288", ERR(fcntl(p[1], F_SETPIPE_SZ, 12288)), 16384);
	expect_value("F_GETPIPE_SZ after", ERR(fcntl(p[0], F_GETPIPE_SZ)), 16384);
	expect_value("F_SETPIPE_SZ 1 MiB (pipe-max-size)", ERR(fcntl(p[0], F_SETPIPE_SZ, 1 << 20)), 1 << 20);
	expect_errno("F_SETPIPE_SZ 2^31 + 1", ERR(fcntl(p[0], F_SETPIPE_SZ, (1U << 31) + 1)), EINVAL);
	expect_errno("F_SETPIPE_SZ -1", ERR(fcntl(p[0], F_SETPIPE_SZ, -1)), EINVAL);
	for (int i = 0; i < 1 << 20; i++)
		buf[i] = i * 7 + i / 4096;
	fcntl(p[1], F_SETFL, O_NONBLOCK);
	expect_value("fill 1 MiB of it", ERR(write(p[1], buf, 1 << 20)), 1 << 20);
	expect_errno("F_SETPIPE_SZ 64 KiB under 1 MiB of data",
		     ERR(fcntl(p[0], F_SETPIPE_SZ, 65536)), EBUSY);
	expect_value("F_SETPIPE_SZ 1 MiB with 1 MiB in it", ERR(fcntl(p[0], F_SETPIPE_SZ, 1 << 20)), 1 << 20);
	int fionread = 0;
	ioctl(p[0], FIONREAD, &fionread);
	report(fionread == 1 << 20, "FIONREAD after the resize: %d", fionread);
	ssize_t got = 0, n;
	while (got < 1 << 20 && (n = read(p[0], back + got, (1 << 20) - got)) > 0)
		got += n;
	report(got == 1 << 20 && !memcmp(buf, back, 1 << 20), "1 MiB read back in order: %zd", got);
	write(p[1], buf, 5000);
	read(p[0], back, 3000);	/* 2000 bytes left, across two pages */
	expect_errno("F_SETPIPE_SZ 4096 with 2000 bytes over two pages",
		     ERR(fcntl(p[1], F_SETPIPE_SZ, 4096)), EBUSY);
	expect_value("F_SETPIPE_SZ 8192 with them", ERR(fcntl(p[1], F_SETPIPE_SZ, 8192)), 8192);
	n = read(p[0], back, 1000);
	expect_errno("4096 with 1000 bytes, 96 of them in the first page",
		     ERR(fcntl(p[1], F_SETPIPE_SZ, 4096)), EBUSY);
	n += read(p[0], back + 1000, 96);
	expect_value("4096 with 904 bytes in one page", ERR(fcntl(p[1], F_SETPIPE_SZ, 4096)), 4096);
	n += read(p[0], back + 1096, 10000);
	report(n == 2000 && !memcmp(back, buf + 3000, 2000), "the 2000 bytes kept: %zd", n);
	expect_value("a 4 KiB pipe takes 4096 of 5000", ERR(write(p[1], buf, 5000)), 4096);
	expect_errno("and then no more", ERR(write(p[1], buf, 1)), EAGAIN);
	struct pollfd pf = { .fd = p[1], .events = POLLOUT };
	expect_value("poll POLLOUT on the full pipe", ERR(poll(&pf, 1, 0)), 0);
	expect_value("F_SETPIPE_SZ 0 with a full page", ERR(fcntl(p[1], F_SETPIPE_SZ, 0)), 4096);
	expect_value("grow with 4096 bytes in it", ERR(fcntl(p[1], F_SETPIPE_SZ, 8192)), 8192);
	expect_value("poll POLLOUT after growing", ERR(poll(&pf, 1, 0)), 1);
	n = read(p[0], back, 10000);
	report(n == 4096 && !memcmp(back, buf, 4096), "its 4096 bytes: %zd", n);
	close(p[0]), close(p[1]);

	f = open("/dev/null", O_RDONLY);
	expect_errno("F_GETPIPE_SZ of /dev/null", ERR(fcntl(f, F_GETPIPE_SZ)), EBADF);
	expect_errno("F_SETPIPE_SZ of /dev/null", ERR(fcntl(f, F_SETPIPE_SZ, 4096)), EBADF);
	close(f);
	expect_errno("F_GETPIPE_SZ of fd 999", ERR(fcntl(999, F_GETPIPE_SZ)), EBADF);
	expect_errno("pipe2 flag O_WRONLY", ERR(pipe2(p, O_WRONLY)), EINVAL);
	free(buf);
	free(back);
}

static void sizes_as_nobody(void)
{
	int p[2];

	setgroups(0, NULL);
	setgid(NOBODY);
	setuid(NOBODY);
	pipe(p);
	expect_value("nobody: F_SETPIPE_SZ 1 MiB", ERR(fcntl(p[0], F_SETPIPE_SZ, 1 << 20)), 1 << 20);
	expect_errno("nobody: F_SETPIPE_SZ 1 MiB + 1", ERR(fcntl(p[0], F_SETPIPE_SZ, (1 << 20) + 1)), EPERM);
	expect_value("nobody: shrink to 8 KiB", ERR(fcntl(p[0], F_SETPIPE_SZ, 8192)), 8192);
	close(p[0]), close(p[1]);
}

static void test_packets(void)
{
	int p[2];
	char buf[10000], big[5000];

	expect_value("pipe2(O_DIRECT | O_NONBLOCK)", ERR(pipe2(p, O_DIRECT | O_NONBLOCK)), 0);
	report((fcntl(p[1], F_GETFL) & O_DIRECT) != 0, "F_GETFL shows O_DIRECT");
	write(p[1], "abc", 3);
	write(p[1], "defgh", 5);
	expect_value("read(100) takes one packet", ERR(read(p[0], buf, 100)), 3);
	expect_value("and then the next", ERR(read(p[0], buf, 100)), 5);
	report(!memcmp(buf, "defgh", 5), "its bytes: %.5s", buf);
	write(p[1], "12345", 5);
	write(p[1], "xy", 2);
	expect_value("read(2) of a 5-byte packet", ERR(read(p[0], buf, 2)), 2);
	expect_value("the rest was dropped: the next packet", ERR(read(p[0], buf, 100)), 2);
	report(!memcmp(buf, "xy", 2), "its bytes: %.2s", buf);
	memset(big, 'b', sizeof(big));
	expect_value("write 5000 bytes", ERR(write(p[1], big, 5000)), 5000);
	expect_value("first packet", ERR(read(p[0], buf, sizeof(buf))), 4096);
	expect_value("second packet", ERR(read(p[0], buf, sizeof(buf))), 904);
	expect_errno("empty", ERR(read(p[0], buf, sizeof(buf))), EAGAIN);
	int k = 0;
	while (write(p[1], "z", 1) == 1 && k < 100)
		k++;
	report(k == 16 && errno == EAGAIN, "a 64 KiB packet pipe holds %d one-byte packets, then EAGAIN", k);
	int fionread = 0;
	ioctl(p[0], FIONREAD, &fionread);
	report(fionread == 16, "FIONREAD: %d", fionread);
	expect_errno("F_SETPIPE_SZ 8192 under 16 packets", ERR(fcntl(p[0], F_SETPIPE_SZ, 8192)), EBUSY);
	for (int i = 0; i < 14; i++)
		read(p[0], buf, 100);
	expect_value("F_SETPIPE_SZ 8192 with 2 packets", ERR(fcntl(p[0], F_SETPIPE_SZ, 8192)), 8192);
	expect_value("a packet after the resize", ERR(read(p[0], buf, 100)), 1);
	expect_value("one more", ERR(read(p[0], buf, 100)), 1);
	expect_errno("none left", ERR(read(p[0], buf, 100)), EAGAIN);
	close(p[0]), close(p[1]);
}

static void show_type(const char *what, const char *path)
{
	struct stat st;

	if (lstat(path, &st)) {
		report(0, "%s: %s", what, errname(errno));
		return;
	}
	const char *t = S_ISFIFO(st.st_mode) ? "fifo" : S_ISREG(st.st_mode) ? "regular" :
			S_ISCHR(st.st_mode) ? "char" : S_ISBLK(st.st_mode) ? "block" :
			S_ISSOCK(st.st_mode) ? "socket" : "other";
	report(1, "%s: %s %04o rdev %u:%u", what, t, st.st_mode & 07777,
	       major(st.st_rdev), minor(st.st_rdev));
}

static void test_mknod(void)
{
	expect_value("mkfifo", ERR(mkfifo(D "/fifo", 0666)), 0);
	show_type("mkfifo's node", D "/fifo");
	expect_errno("mkfifo again", ERR(mkfifo(D "/fifo", 0666)), EEXIST);
	expect_value("mknod S_IFIFO", ERR(mknod(D "/fifo2", S_IFIFO | 0600, 0)), 0);
	show_type("S_IFIFO", D "/fifo2");
	expect_value("mknod mode 0", ERR(mknod(D "/plain", 0644, 0)), 0);
	show_type("type 0", D "/plain");
	expect_value("mknod S_IFREG", ERR(mknod(D "/reg", S_IFREG | 0640, 0)), 0);
	show_type("S_IFREG", D "/reg");
	expect_value("mknod S_IFSOCK", ERR(mknod(D "/sock", S_IFSOCK | 0755, 0)), 0);
	show_type("S_IFSOCK", D "/sock");
	expect_errno("open the socket node", ERR(open(D "/sock", O_RDWR)), ENXIO);
	expect_value("mknod S_IFCHR 1:3 as root", ERR(mknod(D "/null", S_IFCHR | 0666, makedev(1, 3))), 0);
	show_type("S_IFCHR", D "/null");
	int fd = open(D "/null", O_WRONLY);
	expect_value("write to the new null device", ERR(write(fd, "abc", 3)), 3);
	close(fd);
	expect_value("mknod S_IFBLK 7:0", ERR(mknod(D "/blk", S_IFBLK | 0600, makedev(7, 0))), 0);
	show_type("S_IFBLK", D "/blk");
	expect_errno("mknod S_IFDIR", ERR(mknod(D "/dir", S_IFDIR | 0755, 0)), EPERM);
	expect_errno("mknod type 0170000", ERR(mknod(D "/bad", 0170000 | 0644, 0)), EINVAL);
	expect_errno("mknod S_IFLNK", ERR(mknod(D "/bad", S_IFLNK | 0644, 0)), EINVAL);
	expect_errno("mknod S_IFDIR on a missing directory", ERR(mknod(D "/no/x", S_IFDIR, 0)), EPERM);
	expect_errno("mknod in a missing directory", ERR(mknod(D "/no/x", S_IFIFO, 0)), ENOENT);
	expect_errno("mknod over a file", ERR(mknod(D "/plain", S_IFIFO, 0)), EEXIST);
	expect_errno("mknod bad path", ERR(mknod((char *)1, S_IFIFO, 0)), EFAULT);
	int dfd = open(D, O_RDONLY | O_DIRECTORY);
	expect_value("mknodat by dirfd", ERR(mknodat(dfd, "fifo3", S_IFIFO | 0644, 0)), 0);
	show_type("mknodat's node", D "/fifo3");
	close(dfd);
}

static void mknod_as_nobody(void)
{
	setgroups(0, NULL);
	setgid(NOBODY);
	setuid(NOBODY);
	expect_errno("nobody: mkfifo in root's 0755 directory", ERR(mkfifo(D "/n", 0644)), EACCES);
	expect_errno("nobody: mknod S_IFCHR in root's 0755 directory",
		     ERR(mknod(D "/n", S_IFCHR | 0644, makedev(1, 3))), EACCES);
	expect_value("nobody: mkfifo in a 0777 directory", ERR(mkfifo(D "/open/n", 0644)), 0);
	expect_errno("nobody: mknod S_IFCHR in a 0777 directory",
		     ERR(mknod(D "/open/c", S_IFCHR | 0644, makedev(1, 3))), EPERM);
	expect_value("nobody: mknod S_IFSOCK there", ERR(mknod(D "/open/s", S_IFSOCK | 0644, 0)), 0);
}

/* A child opens path with flags, reports through a pipe when open
 * returns; the parent sees whether it waited. */
static pid_t opener(const char *path, int flags, int *status_fd)
{
	int s[2];

	pipe(s);
	pid_t pid = fork();
	if (pid == 0) {
		close(s[0]);
		int fd = open(path, flags);
		char c = fd >= 0 ? 'o' : 'e';
		write(s[1], &c, 1);
		if (fd >= 0 && (flags & O_ACCMODE) == O_RDONLY) {
			char buf[16] = { 0 };
			ssize_t n = read(fd, buf, sizeof(buf) - 1);
			write(s[1], buf, n > 0 ? n : 0);
		} else if (fd >= 0) {
			write(fd, "hello", 5);
		}
		_exit(0);
	}
	close(s[1]);
	*status_fd = s[0];
	return pid;
}

static void on_alarm(int sig)
{
	(void)sig;
}

static void test_fifo_open(void)
{
	const char *f = D "/fifo";
	char buf[64];
	int st, sfd;

	int r = open(f, O_RDONLY | O_NONBLOCK);
	report(r >= 0, "O_RDONLY|O_NONBLOCK opens at once");
	expect_value("read with no writer: EOF", ERR(read(r, buf, sizeof(buf))), 0);
	struct stat sb;
	fstat(r, &sb);
	report(S_ISFIFO(sb.st_mode), "fstat says S_IFIFO");
	expect_errno("lseek", ERR(lseek(r, 0, SEEK_SET)), ESPIPE);
	expect_value("F_GETPIPE_SZ of a FIFO", ERR(fcntl(r, F_GETPIPE_SZ)), 65536);
	int w = open(f, O_WRONLY | O_NONBLOCK);
	report(w >= 0, "O_WRONLY|O_NONBLOCK with a reader opens");
	expect_value("write", ERR(write(w, "through", 7)), 7);
	expect_value("read it", ERR(read(r, buf, sizeof(buf))), 7);
	close(w);
	close(r);
	expect_errno("O_WRONLY|O_NONBLOCK without a reader", ERR(open(f, O_WRONLY | O_NONBLOCK)), ENXIO);
	int rw = open(f, O_RDWR);
	report(rw >= 0, "O_RDWR does not wait");
	write(rw, "lost", 4);
	close(rw);
	rw = open(f, O_RDWR | O_NONBLOCK);
	int n = -1;
	ioctl(rw, FIONREAD, &n);
	report(n == 0, "data gone once every end closed: FIONREAD %d", n);
	close(rw);

	/* A blocking reader waits for a writer. */
	pid_t pid = opener(f, O_RDONLY, &sfd);
	report(!readable(sfd, 200), "a blocking reader is still in open after 200 ms");
	w = open(f, O_WRONLY);
	report(w >= 0, "a writer opens (a reader is there)");
	report(readable(sfd, 5000), "the reader's open returned");
	n = read(sfd, buf, 1);
	write(w, "hi", 2);
	close(w);
	waitpid(pid, &st, 0);
	n = read(sfd, buf, sizeof(buf));
	report(n == 2 && !memcmp(buf, "hi", 2), "the reader read %d bytes", n);
	close(sfd);

	/* A blocking writer waits for a reader. */
	pid = opener(f, O_WRONLY, &sfd);
	report(!readable(sfd, 200), "a blocking writer is still in open after 200 ms");
	r = open(f, O_RDONLY);
	report(r >= 0, "a reader opens (a writer is there)");
	report(readable(sfd, 5000), "the writer's open returned");
	waitpid(pid, &st, 0);
	n = read(r, buf, sizeof(buf));
	report(n == 5 && !memcmp(buf, "hello", 5), "the writer's 5 bytes arrived: %d", n);
	expect_value("then EOF", ERR(read(r, buf, sizeof(buf))), 0);
	close(r);
	close(sfd);

	/* A signal ends the wait: EINTR without SA_RESTART. */
	struct sigaction sa = { .sa_handler = on_alarm };
	sigaction(SIGALRM, &sa, NULL);
	struct itimerval it = { .it_value = { 0, 100000 } };
	setitimer(ITIMER_REAL, &it, NULL);
	expect_errno("a waiting open interrupted", ERR(open(f, O_RDONLY)), EINTR);
	setitimer(ITIMER_REAL, &it, NULL);
	expect_errno("a waiting writer's open interrupted", ERR(open(f, O_WRONLY)), EINTR);
	expect_errno("no reader was left behind", ERR(open(f, O_WRONLY | O_NONBLOCK)), ENXIO);

	/* An unlinked FIFO still works through its descriptors. */
	rw = open(D "/fifo2", O_RDWR);
	unlink(D "/fifo2");
	write(rw, "abc", 3);
	expect_value("unlinked FIFO still reads", ERR(read(rw, buf, sizeof(buf))), 3);
	close(rw);
}

static void cleanup(void)
{
	static const char *files[] = {
		"fifo", "fifo3", "plain", "reg", "sock", "null", "blk",
		"open/n", "open/s", "open",
	};
	char path[128];

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
	mkdir(D "/open", 0777);
	chmod(D "/open", 0777);
	test_sizes();
	in_child(sizes_as_nobody);
	test_packets();
	test_mknod();
	in_child(mknod_as_nobody);
	test_fifo_open();
	cleanup();
	printf("%s\n", failed ? "some checks FAILED" : "all checks passed");
	return failed ? 1 : 0;
}
