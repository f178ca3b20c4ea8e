#define _GNU_SOURCE
/* splice: splice, tee and copy_file_range against Linux, on files in a
 * fresh /dev/shm/splice.dir (removed at the end).  splice file -> pipe
 * and pipe -> file with and without offsets (the offset moves, f_pos
 * does not), pipe -> pipe, a read from an empty pipe (EAGAIN with
 * SPLICE_F_NONBLOCK, 0 with no writer), len 0 before any check; the
 * errors in Linux's order: EINVAL for flags, EBADF, ESPIPE for an
 * offset on a pipe end, EBADF for the wrong access modes, EINVAL
 * between two files, into the same pipe, into O_APPEND, EFAULT.  tee:
 * the input keeps its bytes, EINVAL for a file, the same pipe or bad
 * flags, EAGAIN when empty.  copy_file_range: whole and offset copies,
 * cut at EOF, 0 past it, EINVAL for flags, overlap in one file,
 * pipes; EISDIR, EBADF for modes and O_APPEND, EOVERFLOW. */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "errname.h"

#define D "/dev/shm/splice.dir"

static long cfr(int in, loff_t *oi, int out, loff_t *oo, size_t len, unsigned flags)
{
	return syscall(SYS_copy_file_range, in, oi, out, oo, len, flags);
}

static void show_file(const char *what, const char *path)
{
	char buf[128] = { 0 };
	int fd = open(path, O_RDONLY);
	ssize_t n = read(fd, buf, sizeof(buf) - 1);

	close(fd);
	report(n >= 0, "%s: %zd bytes \"%s\"", what, n, buf);
}

int main(void)
{
	char buf[128];
	int p[2], q[2];
	loff_t off;

	umask(022);
	if (mkdir(D, 0755)) {
		printf("mkdir " D ": %s\n", errname(errno));
		return 1;
	}
	int src = open(D "/src", O_RDWR | O_CREAT, 0644);
	write(src, "0123456789abcdefghij", 20);
	int dst = open(D "/dst", O_RDWR | O_CREAT, 0644);
	pipe(p);
	pipe(q);

	/* file -> pipe */
	lseek(src, 0, SEEK_SET);
	expect_value("splice file -> pipe, 5 bytes", ERR(splice(src, NULL, p[1], NULL, 5, 0)), 5);
	expect_value("the file's offset moved", ERR(lseek(src, 0, SEEK_CUR)), 5);
	off = 10;
	expect_value("with an offset of 10, 4 bytes", ERR(splice(src, &off, p[1], NULL, 4, 0)), 4);
	report(off == 14 && lseek(src, 0, SEEK_CUR) == 5, "the offset is 14, f_pos still 5");
	off = 18;
	expect_value("100 bytes asked at 18: what is left", ERR(splice(src, &off, p[1], NULL, 100, 0)), 2);
	off = 20;
	expect_value("at EOF", ERR(splice(src, &off, p[1], NULL, 100, 0)), 0);
	expect_value("pipe holds", ERR(read(p[0], buf, sizeof(buf))), 11);
	report(!memcmp(buf, "01234abcdij", 11), "its bytes: %.11s", buf);

	/* pipe -> file */
	write(p[1], "hello world", 11);
	expect_value("splice pipe -> file, 5 of 11", ERR(splice(p[0], NULL, dst, NULL, 5, 0)), 5);
	off = 100;
	expect_value("then the rest at offset 100", ERR(splice(p[0], NULL, dst, &off, 100, 0)), 6);
	report(off == 106 && lseek(dst, 0, SEEK_CUR) == 5, "offset 106, f_pos 5");
	struct stat st;
	fstat(dst, &st);
	report(st.st_size == 106, "dst's size: %lld", (long long)st.st_size);
	pread(dst, buf, 5, 0);
	pread(dst, buf + 5, 6, 100);
	report(!memcmp(buf, "hello world", 11), "dst's bytes: %.11s", buf);
	expect_errno("an empty pipe, SPLICE_F_NONBLOCK", ERR(splice(p[0], NULL, dst, NULL, 10,
							SPLICE_F_NONBLOCK)), EAGAIN);

	/* pipe -> pipe, tee */
	write(p[1], "teeing", 6);
	expect_value("tee 4 of 6", ERR(tee(p[0], q[1], 4, 0)), 4);
	expect_value("tee again: the same bytes", ERR(tee(p[0], q[1], 100, 0)), 6);
	expect_value("q holds", ERR(read(q[0], buf, sizeof(buf))), 10);
	report(!memcmp(buf, "teeiteeing", 10), "q's bytes: %.10s", buf);
	expect_value("splice pipe -> pipe", ERR(splice(p[0], NULL, q[1], NULL, 100, 0)), 6);
	expect_value("p is empty", ERR(splice(p[0], NULL, q[1], NULL, 100, SPLICE_F_NONBLOCK)) == -1 && errno == EAGAIN, 1);
	expect_value("q has them", ERR(read(q[0], buf, sizeof(buf))), 6);
	expect_errno("tee of an empty pipe, nonblocking", ERR(tee(p[0], q[1], 10, SPLICE_F_NONBLOCK)), EAGAIN);
	expect_errno("tee from a file", ERR(tee(src, q[1], 10, 0)), EINVAL);
	expect_errno("tee into a file", ERR(tee(p[0], dst, 10, 0)), EINVAL);
	expect_errno("tee a pipe into itself", ERR(tee(p[0], p[1], 10, 0)), EINVAL);
	expect_errno("tee flags 0x10", ERR(tee(p[0], q[1], 10, 0x10)), EINVAL);
	expect_errno("tee fd 999", ERR(tee(999, q[1], 10, 0)), EBADF);
	expect_errno("tee the wrong ends", ERR(tee(p[1], q[0], 10, 0)), EBADF);
	expect_value("tee len 0", ERR(tee(999, 999, 0, 0)), 0);

	/* splice's errors */
	expect_value("len 0 before anything", ERR(splice(999, NULL, 999, NULL, 0, 0x100)), 0);
	expect_errno("flags 0x10", ERR(splice(src, NULL, p[1], NULL, 1, 0x10)), EINVAL);
	expect_errno("fd 999 in", ERR(splice(999, NULL, p[1], NULL, 1, 0)), EBADF);
	expect_errno("fd 999 out", ERR(splice(src, NULL, 999, NULL, 1, 0)), EBADF);
	off = 0;
	expect_errno("an offset for the pipe in", ERR(splice(p[0], &off, dst, NULL, 1, 0)), ESPIPE);
	expect_errno("an offset for the pipe out", ERR(splice(src, NULL, p[1], &off, 1, 0)), ESPIPE);
	expect_errno("the pipe's write end as input", ERR(splice(p[1], NULL, dst, NULL, 1, 0)), EBADF);
	expect_errno("the pipe's read end as output", ERR(splice(src, NULL, p[0], NULL, 1, 0)), EBADF);
	expect_errno("file -> file", ERR(splice(src, NULL, dst, NULL, 1, 0)), EINVAL);
	expect_errno("a pipe into itself", ERR(splice(p[0], NULL, p[1], NULL, 1, 0)), EINVAL);
	int app = open(D "/dst", O_WRONLY | O_APPEND);
	write(p[1], "x", 1);
	expect_errno("pipe -> O_APPEND file", ERR(splice(p[0], NULL, app, NULL, 1, 0)), EINVAL);
	close(app);
	expect_errno("bad offset pointer", ERR(splice(src, (loff_t *)1, p[1], NULL, 1, 0)), EFAULT);
	off = -1;
	expect_errno("offset -1", ERR(splice(src, &off, p[1], NULL, 1, 0)), EINVAL);
	read(p[0], buf, sizeof(buf));
	close(p[1]);
	expect_value("from a pipe with no writer: 0", ERR(splice(p[0], NULL, dst, NULL, 10, 0)), 0);
	close(p[0]);

	/* copy_file_range */
	int c1 = open(D "/c1", O_RDWR | O_CREAT, 0644);
	lseek(src, 0, SEEK_SET);
	expect_value("copy_file_range the whole file", ERR(cfr(src, NULL, c1, NULL, 1000, 0)), 20);
	show_file("the copy", D "/c1");
	report(lseek(src, 0, SEEK_CUR) == 20 && lseek(c1, 0, SEEK_CUR) == 20, "both offsets moved to 20");
	loff_t oi = 10, oo = 2;
	expect_value("5 bytes from 10 to 2", ERR(cfr(src, &oi, c1, &oo, 5, 0)), 5);
	report(oi == 15 && oo == 7 && lseek(src, 0, SEEK_CUR) == 20, "offsets 15 and 7, f_pos kept");
	show_file("after", D "/c1");
	oi = 25;
	expect_value("from past EOF", ERR(cfr(src, &oi, c1, NULL, 5, 0)), 0);
	oi = 18;
	oo = 30;
	expect_value("cut at EOF: 2 of 10", ERR(cfr(src, &oi, c1, &oo, 10, 0)), 2);
	fstat(c1, &st);
	report(st.st_size == 32, "c1's size: %lld", (long long)st.st_size);
	expect_errno("flags 1", ERR(cfr(src, NULL, c1, NULL, 5, 1)), EINVAL);
	oi = 0, oo = 5;
	expect_errno("overlapping in one file", ERR(cfr(src, &oi, src, &oo, 10, 0)), EINVAL);
	oi = 0, oo = 10;
	expect_value("touching in one file", ERR(cfr(src, &oi, src, &oo, 10, 0)), 10);
	pipe(p);
	expect_errno("from a pipe", ERR(cfr(p[0], NULL, c1, NULL, 5, 0)), EINVAL);
	expect_errno("into a pipe", ERR(cfr(src, NULL, p[1], NULL, 5, 0)), EINVAL);
	int dir = open(D, O_RDONLY | O_DIRECTORY);
	expect_errno("from a directory", ERR(cfr(dir, NULL, c1, NULL, 5, 0)), EISDIR);
	close(dir);
	int ro = open(D "/c1", O_RDONLY), wo = open(D "/src", O_WRONLY);
	expect_errno("into a read-only fd", ERR(cfr(src, NULL, ro, NULL, 5, 0)), EBADF);
	expect_errno("from a write-only fd", ERR(cfr(wo, NULL, c1, NULL, 5, 0)), EBADF);
	app = open(D "/c1", O_WRONLY | O_APPEND);
	expect_errno("into O_APPEND", ERR(cfr(src, NULL, app, NULL, 5, 0)), EBADF);
	oi = 0x7ffffffffffffff0LL;
	expect_value("an offset near the top, past EOF", ERR(cfr(src, &oi, c1, NULL, 100, 0)), 0);
	oi = 0;
	expect_errno("a length that wraps", ERR(cfr(src, &oi, c1, NULL, (size_t)-1, 0)), EOVERFLOW);
	expect_errno("bad offset pointer", ERR(cfr(src, (loff_t *)1, c1, NULL, 5, 0)), EFAULT);
	expect_errno("fd 999", ERR(cfr(999, NULL, c1, NULL, 5, 0)), EBADF);
	expect_value("len 0", ERR(cfr(src, NULL, c1, NULL, 0, 0)), 0);
	close(app), close(ro), close(wo), close(p[0]), close(p[1]);
	close(src), close(dst), close(c1), close(q[0]), close(q[1]);
	unlink(D "/src"), unlink(D "/dst"), unlink(D "/c1");
	if (rmdir(D))
		report(0, "cleanup: %s", errname(errno));
	printf("%s\n", failed ? "some checks FAILED" : "all checks passed");
	return failed ? 1 : 0;
}
