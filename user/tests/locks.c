#define _GNU_SOURCE
/* locks: flock and fcntl record locks against Linux, on a file in a
 * fresh /dev/shm/locks.dir (removed at the end).  flock: shared and
 * exclusive between two open files, LOCK_NB's EWOULDBLOCK, conversion,
 * a dup and a fork child sharing the lock, release at the last close,
 * a blocked LOCK_EX woken by LOCK_UN, EINTR, EINVAL, EBADF.  Record
 * locks: F_GETLK from another process (type, range, pid), EAGAIN,
 * splitting by an unlock in the middle and merging back, negative and
 * zero lengths, SEEK_CUR/SEEK_END, EBADF for the wrong access mode,
 * EINVAL, EFAULT; POSIX's rule that closing any descriptor drops the
 * process's locks; release at exit; F_SETLKW woken, EINTR, and EDEADLK
 * for a two-process cycle; OFD locks: per open file, l_pid -1, EINVAL
 * for a non-zero l_pid, conflicting with classic locks, kept across
 * the close of another descriptor, gone with their own. */
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <unistd.h>

#include "child.h"
#include "errname.h"

#define D "/dev/shm/locks.dir"
#define F D "/file"

static int readable(int fd, int ms)
{
	struct pollfd p = { .fd = fd, .events = POLLIN };

	return poll(&p, 1, ms) == 1;
}

static void on_alarm(int sig)
{
	(void)sig;
}

static void arm_alarm(void)
{
	struct sigaction sa = { .sa_handler = on_alarm };
	sigaction(SIGALRM, &sa, NULL);
	struct itimerval it = { .it_value = { 0, 100000 } };
	setitimer(ITIMER_REAL, &it, NULL);
}

static int setlk(int fd, int cmd, int type, off_t start, off_t len)
{
	struct flock l = { .l_type = type, .l_whence = SEEK_SET,
			   .l_start = start, .l_len = len };
	return fcntl(fd, cmd, &l);
}

static const char *type_name(int t)
{
	return t == F_RDLCK ? "F_RDLCK" : t == F_WRLCK ? "F_WRLCK" :
	       t == F_UNLCK ? "F_UNLCK" : "?";
}

/* F_GETLK (or F_OFD_GETLK) for a write lock at [start, start+len). */
static void show_getlk(const char *what, int fd, int cmd, int type, off_t start,
		       off_t len, pid_t owner)
{
	struct flock l = { .l_type = type, .l_whence = SEEK_SET,
			   .l_start = start, .l_len = len };

	if (fcntl(fd, cmd, &l)) {
		report(0, "%s: %s", what, errname(errno));
		return;
	}
	if (l.l_type == F_UNLCK)
		report(1, "%s: F_UNLCK", what);
	else
		report(1, "%s: %s start %lld len %lld pid %s", what, type_name(l.l_type),
		       (long long)l.l_start, (long long)l.l_len,
		       l.l_pid == owner ? "the holder's" : l.l_pid == -1 ? "-1" : "other");
}

static pid_t parent;

static void test_flock(void)
{
	int a = open(F, O_RDWR), b = open(F, O_RDONLY), st;

	expect_value("LOCK_SH on a", ERR(flock(a, LOCK_SH)), 0);
	expect_value("LOCK_SH on b too", ERR(flock(b, LOCK_SH | LOCK_NB)), 0);
	expect_errno("LOCK_EX|LOCK_NB on a (b shares)", ERR(flock(a, LOCK_EX | LOCK_NB)), EWOULDBLOCK);
	expect_value("LOCK_UN on b", ERR(flock(b, LOCK_UN)), 0);
	expect_value("now a converts to LOCK_EX", ERR(flock(a, LOCK_EX | LOCK_NB)), 0);
	expect_errno("LOCK_SH|LOCK_NB on b", ERR(flock(b, LOCK_SH | LOCK_NB)), EWOULDBLOCK);
	expect_errno("LOCK_EX|LOCK_NB on b", ERR(flock(b, LOCK_EX | LOCK_NB)), EWOULDBLOCK);
	int a2 = dup(a);
	expect_value("a dup of a takes it again (the same lock)", ERR(flock(a2, LOCK_EX | LOCK_NB)), 0);
	close(a2);
	expect_errno("a dup closed: still held", ERR(flock(b, LOCK_EX | LOCK_NB)), EWOULDBLOCK);
	pid_t pid = fork();
	if (pid == 0) {
		/* The child shares the open file, so the lock too. */
		_exit(flock(a, LOCK_UN) ? 1 : 0);
	}
	waitpid(pid, &st, 0);
	expect_value("a fork child's LOCK_UN released it", ERR(flock(b, LOCK_EX | LOCK_NB)), 0);
	expect_errno("so a cannot", ERR(flock(a, LOCK_SH | LOCK_NB)), EWOULDBLOCK);

	/* A blocked LOCK_EX is woken by LOCK_UN. */
	int s[2];
	pipe(s);
	pid = fork();
	if (pid == 0) {
		int c = open(F, O_RDONLY);
		int r = flock(c, LOCK_EX);
		write(s[1], r ? "e" : "o", 1);
		_exit(0);
	}
	report(!readable(s[0], 200), "another file's LOCK_EX waits");
	flock(b, LOCK_UN);
	report(readable(s[0], 5000), "and gets it after LOCK_UN");
	waitpid(pid, &st, 0);
	expect_value("its holder exited: a takes it", ERR(flock(a, LOCK_EX | LOCK_NB)), 0);
	arm_alarm();
	expect_errno("a blocked flock interrupted", ERR(flock(b, LOCK_EX)), EINTR);
	close(a);
	expect_value("a closed: b takes it", ERR(flock(b, LOCK_EX | LOCK_NB)), 0);
	expect_errno("flock op 0", ERR(flock(b, 0)), EINVAL);
	expect_errno("flock LOCK_NB alone", ERR(flock(b, LOCK_NB)), EINVAL);
	expect_errno("flock LOCK_SH|LOCK_EX", ERR(flock(b, LOCK_SH | LOCK_EX)), EINVAL);
	expect_errno("flock fd 999", ERR(flock(999, LOCK_SH)), EBADF);
	/* flock and record locks do not see each other. */
	int c = open(F, O_RDWR);
	expect_value("F_SETLK under another file's flock", ERR(setlk(c, F_SETLK, F_WRLCK, 0, 0)), 0);
	setlk(c, F_SETLK, F_UNLCK, 0, 0);
	close(c);
	close(b);
	close(s[0]), close(s[1]);
}

/* The child's view of the parent's locks, and its attempts. */

static void child_probe(void)
{
	int fd = open(F, O_RDWR);

	show_getlk("child: F_GETLK at 5", fd, F_GETLK, F_WRLCK, 5, 1, parent);
	show_getlk("child: F_GETLK read at 0", fd, F_GETLK, F_RDLCK, 0, 1, parent);
	expect_errno("child: F_SETLK write at 5", ERR(setlk(fd, F_SETLK, F_WRLCK, 5, 1)), EAGAIN);
	expect_value("child: F_SETLK write at 20 (free)", ERR(setlk(fd, F_SETLK, F_WRLCK, 20, 5)), 0);
	close(fd);
}

static void child_show_split(void)
{
	int fd = open(F, O_RDWR);

	show_getlk("child: at 2", fd, F_GETLK, F_WRLCK, 2, 1, parent);
	show_getlk("child: at 3", fd, F_GETLK, F_WRLCK, 3, 1, parent);
	show_getlk("child: at 4", fd, F_GETLK, F_WRLCK, 4, 1, parent);
	show_getlk("child: at 5", fd, F_GETLK, F_WRLCK, 5, 1, parent);
	show_getlk("child: read at 3", fd, F_GETLK, F_RDLCK, 3, 1, parent);
	close(fd);
}

static void child_show_whole(void)
{
	int fd = open(F, O_RDWR);

	show_getlk("child: whole file", fd, F_GETLK, F_WRLCK, 0, 0, parent);
	close(fd);
}

static void test_posix(void)
{
	int fd = open(F, O_RDWR), ro = open(F, O_RDONLY), wo = open(F, O_WRONLY);
	struct flock l;

	parent = getpid();
	expect_value("F_SETLK write [0, 10)", ERR(setlk(fd, F_SETLK, F_WRLCK, 0, 10)), 0);
	show_getlk("our own F_GETLK", fd, F_GETLK, F_WRLCK, 0, 10, parent);
	in_child(child_probe);
	expect_value("unlock [3, 5)", ERR(setlk(fd, F_SETLK, F_UNLCK, 3, 2)), 0);
	in_child(child_show_split);
	expect_value("a read lock at [3, 4)", ERR(setlk(fd, F_SETLK, F_RDLCK, 3, 1)), 0);
	in_child(child_show_split);
	expect_value("write lock [3, 5) again: merged", ERR(setlk(fd, F_SETLK, F_WRLCK, 3, 2)), 0);
	in_child(child_show_split);
	expect_value("unlock everything", ERR(setlk(fd, F_SETLK, F_UNLCK, 0, 0)), 0);
	in_child(child_show_whole);

	/* lengths and whence */
	l = (struct flock){ .l_type = F_WRLCK, .l_whence = SEEK_SET, .l_start = 10, .l_len = -5 };
	expect_value("l_len -5 at 10", ERR(fcntl(fd, F_SETLK, &l)), 0);
	in_child(child_show_whole);
	setlk(fd, F_SETLK, F_UNLCK, 0, 0);
	write(fd, "0123456789", 10);
	lseek(fd, 4, SEEK_SET);
	l = (struct flock){ .l_type = F_WRLCK, .l_whence = SEEK_CUR, .l_start = 2, .l_len = 3 };
	expect_value("SEEK_CUR +2 at offset 4, len 3", ERR(fcntl(fd, F_SETLK, &l)), 0);
	in_child(child_show_whole);
	setlk(fd, F_SETLK, F_UNLCK, 0, 0);
	l = (struct flock){ .l_type = F_WRLCK, .l_whence = SEEK_END, .l_start = -2, .l_len = 0 };
	expect_value("SEEK_END -2, to EOF", ERR(fcntl(fd, F_SETLK, &l)), 0);
	in_child(child_show_whole);
	setlk(fd, F_SETLK, F_UNLCK, 0, 0);

	/* errors */
	expect_errno("write lock on an O_RDONLY fd", ERR(setlk(ro, F_SETLK, F_WRLCK, 0, 1)), EBADF);
	expect_errno("read lock on an O_WRONLY fd", ERR(setlk(wo, F_SETLK, F_RDLCK, 0, 1)), EBADF);
	expect_value("unlock on an O_RDONLY fd", ERR(setlk(ro, F_SETLK, F_UNLCK, 0, 1)), 0);
	expect_errno("l_type 5", ERR(setlk(fd, F_SETLK, 5, 0, 1)), EINVAL);
	l = (struct flock){ .l_type = F_WRLCK, .l_whence = 7 };
	expect_errno("l_whence 7", ERR(fcntl(fd, F_SETLK, &l)), EINVAL);
	expect_errno("start -1", ERR(setlk(fd, F_SETLK, F_WRLCK, -1, 1)), EINVAL);
	expect_errno("l_len -5 at 2", ERR(setlk(fd, F_SETLK, F_WRLCK, 2, -5)), EINVAL);
	expect_errno("F_GETLK with F_UNLCK", ERR(setlk(fd, F_GETLK, F_UNLCK, 0, 1)), EINVAL);
	expect_errno("F_SETLK bad pointer", ERR(fcntl(fd, F_SETLK, (void *)1)), EFAULT);
	expect_errno("F_GETLK bad pointer", ERR(fcntl(fd, F_GETLK, (void *)1)), EFAULT);
	expect_errno("F_SETLK fd 999", ERR(setlk(999, F_SETLK, F_WRLCK, 0, 1)), EBADF);
	expect_errno("start + len overflows", ERR(setlk(fd, F_SETLK, F_WRLCK, 0x7fffffffffffff00LL, 0x1000)),
		     EOVERFLOW);

	/* Closing any descriptor of the file drops our locks on it. */
	setlk(fd, F_SETLK, F_WRLCK, 0, 0);
	in_child(child_show_whole);
	close(ro);
	in_child(child_show_whole);
	ro = open(F, O_RDONLY);

	/* Released when the holder exits. */
	int s[2], st;
	pipe(s);
	pid_t pid = fork();
	if (pid == 0) {
		int c = open(F, O_RDWR);
		setlk(c, F_SETLK, F_WRLCK, 100, 1);
		write(s[1], "l", 1);
		pause();
		_exit(0);
	}
	readable(s[0], 5000);
	read(s[0], &st, 1);
	expect_errno("a child's lock at 100", ERR(setlk(fd, F_SETLK, F_WRLCK, 100, 1)), EAGAIN);
	kill(pid, SIGKILL);
	waitpid(pid, &st, 0);
	expect_value("gone when it is killed", ERR(setlk(fd, F_SETLK, F_WRLCK, 100, 1)), 0);

	/* F_SETLKW waits, and is woken by the unlock. */
	pid = fork();
	if (pid == 0) {
		int c = open(F, O_RDWR);
		int r = setlk(c, F_SETLKW, F_WRLCK, 100, 1);
		write(s[1], r ? "e" : "o", 1);
		_exit(0);
	}
	report(!readable(s[0], 200), "a child's F_SETLKW waits");
	setlk(fd, F_SETLK, F_UNLCK, 100, 1);
	report(readable(s[0], 5000), "and returns after our unlock");
	char c;
	read(s[0], &c, 1);
	report(c == 'o', "with the lock");
	waitpid(pid, &st, 0);
	setlk(fd, F_SETLK, F_WRLCK, 0, 1);
	pid = fork();
	if (pid == 0) {
		int cfd = open(F, O_RDWR);
		arm_alarm();
		int r = setlk(cfd, F_SETLKW, F_WRLCK, 0, 1);
		_exit(r == -1 && errno == EINTR ? 0 : 1);
	}
	waitpid(pid, &st, 0);
	report(WIFEXITED(st) && WEXITSTATUS(st) == 0, "a blocked F_SETLKW interrupted: EINTR");

	/* A cycle of two: EDEADLK for the one that would close it. */
	setlk(fd, F_SETLK, F_UNLCK, 0, 0);
	setlk(fd, F_SETLK, F_WRLCK, 0, 1);
	pid = fork();
	if (pid == 0) {
		int cfd = open(F, O_RDWR);
		setlk(cfd, F_SETLK, F_WRLCK, 1, 1);
		write(s[1], "b", 1);
		int r = setlk(cfd, F_SETLKW, F_WRLCK, 0, 1);	/* waits for us */
		write(s[1], r ? "e" : "o", 1);
		_exit(0);
	}
	readable(s[0], 5000);
	read(s[0], &c, 1);
	report(!readable(s[0], 200), "the child waits for our lock at 0");
	expect_errno("our F_SETLKW on its lock at 1", ERR(setlk(fd, F_SETLKW, F_WRLCK, 1, 1)), EDEADLK);
	setlk(fd, F_SETLK, F_UNLCK, 0, 1);
	report(readable(s[0], 5000), "after our unlock the child has it");
	read(s[0], &c, 1);
	report(c == 'o', "its F_SETLKW returned 0");
	waitpid(pid, &st, 0);
	close(s[0]), close(s[1]);
	close(fd), close(ro), close(wo);
}

static void test_ofd(void)
{
	int a = open(F, O_RDWR), b = open(F, O_RDWR), other = open(F, O_RDONLY);
	struct flock l;

	expect_value("F_OFD_SETLK write [0, 10) on a", ERR(setlk(a, F_OFD_SETLK, F_WRLCK, 0, 10)), 0);
	expect_errno("F_OFD_SETLK on b (same process)", ERR(setlk(b, F_OFD_SETLK, F_WRLCK, 5, 1)), EAGAIN);
	show_getlk("F_OFD_GETLK on b", b, F_OFD_GETLK, F_WRLCK, 5, 1, 0);
	show_getlk("F_OFD_GETLK on a", a, F_OFD_GETLK, F_WRLCK, 5, 1, 0);
	expect_errno("a classic F_SETLK on b", ERR(setlk(b, F_SETLK, F_WRLCK, 5, 1)), EAGAIN);
	show_getlk("a classic F_GETLK on b", b, F_GETLK, F_WRLCK, 5, 1, 0);
	l = (struct flock){ .l_type = F_WRLCK, .l_whence = SEEK_SET, .l_pid = 1 };
	expect_errno("F_OFD_SETLK with l_pid 1", ERR(fcntl(b, F_OFD_SETLK, &l)), EINVAL);
	expect_errno("F_OFD_GETLK with l_pid 1", ERR(fcntl(b, F_OFD_GETLK, &l)), EINVAL);
	close(other);
	expect_errno("closing another descriptor keeps it", ERR(setlk(b, F_OFD_SETLK, F_WRLCK, 5, 1)), EAGAIN);
	int a2 = dup(a);
	close(a);
	expect_errno("a dup keeps it alive", ERR(setlk(b, F_OFD_SETLK, F_WRLCK, 5, 1)), EAGAIN);
	close(a2);
	expect_value("gone with its last descriptor", ERR(setlk(b, F_OFD_SETLK, F_WRLCK, 5, 1)), 0);
	arm_alarm();
	int c = open(F, O_RDWR);
	expect_errno("F_OFD_SETLKW interrupted", ERR(setlk(c, F_OFD_SETLKW, F_WRLCK, 0, 0)), EINTR);
	close(c);
	close(b);
}

int main(void)
{
	umask(022);
	if (mkdir(D, 0755)) {
		printf("mkdir " D ": %s\n", errname(errno));
		return 1;
	}
	close(open(F, O_RDWR | O_CREAT, 0644));
	test_flock();
	test_posix();
	test_ofd();
	if (unlink(F) || rmdir(D))
		report(0, "cleanup: %s", errname(errno));
	printf("%s\n", failed ? "some checks FAILED" : "all checks passed");
	return failed ? 1 : 0;
}
