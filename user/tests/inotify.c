#define _GNU_SOURCE
/* inotify: the events a watch reports and the calls around them, in a
 * fresh /dev/shm/inotify.dir (tmpfs on Linux, the root ramfs here;
 * removed at the end).  Each event read is printed: its wd, its mask by
 * name, whether a MOVED_FROM/MOVED_TO pair shares a non-zero cookie,
 * and its name with the padded length.  Covered: inotify_init1's flags
 * and errors; inotify_add_watch's errors in Linux's order; a directory
 * watch's events about its children (create, open, modify merged,
 * close-write, access, close-nowrite, attrib, mkdir, rename's cookie
 * pair, delete, rmdir) and about itself (readdir); a file watched both
 * by itself and through its directory (the directory first); O_TRUNC,
 * truncate, utimensat's three kinds, link; IN_ONESHOT, IN_MASK_ADD,
 * IN_MASK_CREATE, IN_ONLYDIR, IN_DONT_FOLLOW; inotify_rm_watch and
 * IN_IGNORED, wds never reused; IN_DELETE_SELF for an unlinked file,
 * for one unlinked while open (at its close), a rename's victim and a
 * removed directory; read()'s EINVAL for a short buffer, FIONREAD,
 * EAGAIN; the queue's overflow after max_queued_events; poll, epoll and
 * a blocking read woken by another process; /proc/sys/fs/inotify. */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/inotify.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "errname.h"

#define D "/dev/shm/inotify.dir"

static const struct { unsigned bit; const char *name; } bits[] = {
	{ IN_ACCESS, "ACCESS" }, { IN_MODIFY, "MODIFY" }, { IN_ATTRIB, "ATTRIB" },
	{ IN_CLOSE_WRITE, "CLOSE_WRITE" }, { IN_CLOSE_NOWRITE, "CLOSE_NOWRITE" },
	{ IN_OPEN, "OPEN" }, { IN_MOVED_FROM, "MOVED_FROM" },
	{ IN_MOVED_TO, "MOVED_TO" }, { IN_CREATE, "CREATE" },
	{ IN_DELETE, "DELETE" }, { IN_DELETE_SELF, "DELETE_SELF" },
	{ IN_MOVE_SELF, "MOVE_SELF" }, { IN_UNMOUNT, "UNMOUNT" },
	{ IN_Q_OVERFLOW, "Q_OVERFLOW" }, { IN_IGNORED, "IGNORED" },
	{ IN_ISDIR, "ISDIR" },
};

static void mask_name(unsigned mask, char *out)
{
	out[0] = 0;
	for (unsigned i = 0; i < sizeof(bits) / sizeof(bits[0]); i++)
		if (mask & bits[i].bit) {
			if (out[0])
				strcat(out, "|");
			strcat(out, bits[i].name);
			mask &= ~bits[i].bit;
		}
	if (mask)
		sprintf(out + strlen(out), "|0x%x", mask);
}

static unsigned last_cookie;

/* Print every event waiting on the (non-blocking) fd; how many. */
static int drain(int fd, const char *what)
{
	char buf[8192] __attribute__((aligned(8)));
	int n = 0;
	printf("%s:\n", what);
	for (;;) {
		ssize_t len = read(fd, buf, sizeof(buf));
		if (len < 0) {
			if (errno != EAGAIN)
				report(0, "  read: %s", errname(errno));
			break;
		}
		for (char *p = buf; p < buf + len;) {
			struct inotify_event *e = (struct inotify_event *)p;
			char m[200], c[40] = "";
			mask_name(e->mask, m);
			if (e->mask & IN_MOVED_FROM)
				strcpy(c, e->cookie ? " cookie" : " cookie 0");
			else if (e->mask & IN_MOVED_TO)
				strcpy(c, e->cookie == last_cookie && e->cookie ?
				       " same cookie" : " other cookie");
			else if (e->cookie)
				strcpy(c, " cookie set");
			if (e->mask & IN_MOVED_FROM)
				last_cookie = e->cookie;
			printf("  wd %d %s%s", e->wd, m, c);
			if (e->len)
				printf(" \"%s\" (len %u)", e->name, e->len);
			printf("\n");
			p += sizeof(*e) + e->len;
			n++;
		}
	}
	fflush(stdout);
	return n;
}

static void touch(const char *path)
{
	int fd = open(path, O_CREAT | O_WRONLY, 0644);
	close(fd);
}

static void write_file(const char *path, const char *s)
{
	int fd = open(path, O_WRONLY | O_APPEND);
	if (write(fd, s, strlen(s)) < 0)
		report(0, "write %s: %s", path, errname(errno));
	close(fd);
}

static void test_init(void)
{
	expect_errno("inotify_init1(1)", ERR(inotify_init1(1)), EINVAL);
	int fd = inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
	report(fd >= 0, "inotify_init1(IN_NONBLOCK | IN_CLOEXEC): %s", fd >= 0 ? "a descriptor" : errname(errno));
	report(fcntl(fd, F_GETFL) & O_NONBLOCK, "F_GETFL has O_NONBLOCK");
	report(fcntl(fd, F_GETFD) == FD_CLOEXEC, "F_GETFD is FD_CLOEXEC");
	char link[64] = "", path[64];
	sprintf(path, "/proc/self/fd/%d", fd);
	ssize_t l = readlink(path, link, sizeof(link) - 1);
	link[l > 0 ? l : 0] = 0;
	report(!strcmp(link, "anon_inode:inotify"), "its /proc/self/fd link: %s", link);
	char b[64];
	expect_errno("read with nothing queued", ERR(read(fd, b, sizeof(b))), EAGAIN);
	expect_errno("write to it", ERR(write(fd, b, 1)), EBADF);
	int old = syscall(SYS_inotify_init);
	report(old >= 0 && !(fcntl(old, F_GETFL) & O_NONBLOCK), "inotify_init: a blocking descriptor");
	close(old);

	int p[2];
	pipe(p);
	expect_errno("add_watch: mask 0", ERR(inotify_add_watch(fd, D, 0)), EINVAL);
	expect_errno("add_watch: mask 0 on fd 999 (before EBADF)", ERR(inotify_add_watch(999, D, 0)), EINVAL);
	expect_errno("add_watch: fd 999", ERR(inotify_add_watch(999, D, IN_MODIFY)), EBADF);
	expect_errno("add_watch: MASK_ADD with MASK_CREATE on fd 999 (EBADF first)",
		     ERR(inotify_add_watch(999, D, IN_MODIFY | IN_MASK_ADD | IN_MASK_CREATE)), EBADF);
	expect_errno("add_watch: MASK_ADD with MASK_CREATE",
		     ERR(inotify_add_watch(fd, D, IN_MODIFY | IN_MASK_ADD | IN_MASK_CREATE)), EINVAL);
	expect_errno("add_watch: a pipe", ERR(inotify_add_watch(p[0], D, IN_MODIFY)), EINVAL);
	expect_errno("add_watch: missing path", ERR(inotify_add_watch(fd, D "/none", IN_MODIFY)), ENOENT);
	expect_errno("add_watch: bad pointer", ERR(inotify_add_watch(fd, (char *)1, IN_MODIFY)), EFAULT);
	touch(D "/plain");
	expect_errno("add_watch: IN_ONLYDIR on a file",
		     ERR(inotify_add_watch(fd, D "/plain", IN_MODIFY | IN_ONLYDIR)), ENOTDIR);
	expect_errno("rm_watch: fd 999", ERR(inotify_rm_watch(999, 1)), EBADF);
	expect_errno("rm_watch: a pipe", ERR(inotify_rm_watch(p[0], 1)), EINVAL);
	expect_errno("rm_watch: no such wd", ERR(inotify_rm_watch(fd, 1)), EINVAL);
	unlink(D "/plain");
	close(p[0]);
	close(p[1]);
	close(fd);
}

/* A directory watch: what it hears about its children and itself. */
static void test_dir(void)
{
	int fd = inotify_init1(IN_NONBLOCK);
	int wd = inotify_add_watch(fd, D, IN_ALL_EVENTS);
	expect_value("watch the directory: wd", wd, 1);
	expect_value("the same directory again: the same wd", inotify_add_watch(fd, D, IN_ALL_EVENTS), 1);

	int f = open(D "/a", O_CREAT | O_WRONLY, 0644);
	write(f, "x", 1);
	write(f, "y", 1);
	close(f);
	drain(fd, "create, write twice, close");
	char b[8];
	f = open(D "/a", O_RDONLY);
	read(f, b, sizeof(b));
	close(f);
	chmod(D "/a", 0600);
	drain(fd, "open, read, close, chmod");
	mkdir(D "/sub", 0755);
	chmod(D "/sub", 0700);
	rename(D "/a", D "/b");
	unlink(D "/b");
	rmdir(D "/sub");
	drain(fd, "mkdir, chmod it, rename, unlink, rmdir");
	int dfd = open(D, O_RDONLY | O_DIRECTORY);
	char d[4096];
	syscall(SYS_getdents64, dfd, d, sizeof(d));
	syscall(SYS_getdents64, dfd, d, sizeof(d));
	close(dfd);
	drain(fd, "open the directory, getdents64 twice, close");
	close(fd);
}

/* A file watched itself and through its directory. */
static void test_file(void)
{
	int fd = inotify_init1(IN_NONBLOCK);
	touch(D "/f");
	int dw = inotify_add_watch(fd, D, IN_ALL_EVENTS);
	int fw = inotify_add_watch(fd, D "/f", IN_ALL_EVENTS);
	report(dw == 1 && fw == 2, "directory wd 1, file wd 2: %d %d", dw, fw);
	write_file(D "/f", "abc");
	drain(fd, "write to the file");
	int f = open(D "/f", O_WRONLY | O_TRUNC);
	close(f);
	truncate(D "/f", 10);
	drain(fd, "open with O_TRUNC, close, truncate");
	struct timespec both[2] = { { 1, 0 }, { 2, 0 } };
	struct timespec a_only[2] = { { 3, 0 }, { 0, UTIME_OMIT } };
	struct timespec m_only[2] = { { 0, UTIME_OMIT }, { 4, 0 } };
	struct timespec none[2] = { { 0, UTIME_OMIT }, { 0, UTIME_OMIT } };
	utimensat(AT_FDCWD, D "/f", both, 0);
	utimensat(AT_FDCWD, D "/f", a_only, 0);
	utimensat(AT_FDCWD, D "/f", m_only, 0);
	utimensat(AT_FDCWD, D "/f", none, 0);
	drain(fd, "utimensat: both times, atime, mtime, neither");
	link(D "/f", D "/g");
	unlink(D "/g");
	drain(fd, "link, unlink the link");
	unlink(D "/f");
	drain(fd, "unlink the watched file");

	/* Unlinked while open: IN_DELETE_SELF at the close.  The directory
	 * watch takes IN_EXCL_UNLINK: here it is always so (fsnotify.h). */
	inotify_add_watch(fd, D, IN_ALL_EVENTS | IN_EXCL_UNLINK);
	touch(D "/h");
	int hw = inotify_add_watch(fd, D "/h", IN_ALL_EVENTS);
	report(hw == 3, "a new watch's wd is the next one: %d", hw);
	f = open(D "/h", O_WRONLY);
	unlink(D "/h");
	write(f, "z", 1);
	drain(fd, "open, unlink, write");
	close(f);
	drain(fd, "then close");
	close(fd);
}

static void test_flags(void)
{
	int fd = inotify_init1(IN_NONBLOCK);
	touch(D "/o");
	int w = inotify_add_watch(fd, D "/o", IN_MODIFY | IN_ONESHOT);
	write_file(D "/o", "1");
	write_file(D "/o", "2");
	drain(fd, "IN_ONESHOT, two writes");
	write_file(D "/o", "3");
	report(drain(fd, "a third write") == 0, "nothing after the oneshot fired");
	expect_errno("rm_watch of the fired oneshot", ERR(inotify_rm_watch(fd, w)), EINVAL);

	w = inotify_add_watch(fd, D "/o", IN_ATTRIB);
	expect_value("IN_MASK_ADD: the same wd", inotify_add_watch(fd, D "/o", IN_MODIFY | IN_MASK_ADD), w);
	chmod(D "/o", 0600);
	write_file(D "/o", "4");
	drain(fd, "attrib and modify after IN_MASK_ADD");
	expect_value("replace the mask: the same wd", inotify_add_watch(fd, D "/o", IN_MODIFY), w);
	chmod(D "/o", 0644);
	write_file(D "/o", "5");
	drain(fd, "after replacing it with IN_MODIFY alone");
	expect_errno("IN_MASK_CREATE on a watched inode",
		     ERR(inotify_add_watch(fd, D "/o", IN_MODIFY | IN_MASK_CREATE)), EEXIST);
	expect_value("rm_watch", inotify_rm_watch(fd, w), 0);
	drain(fd, "after rm_watch");
	expect_errno("rm_watch again", ERR(inotify_rm_watch(fd, w)), EINVAL);

	symlink("o", D "/ln");
	int lw = inotify_add_watch(fd, D "/ln", IN_ATTRIB | IN_DONT_FOLLOW);
	int tw = inotify_add_watch(fd, D "/ln", IN_ATTRIB);
	report(lw != tw, "IN_DONT_FOLLOW watches the link, not its target: %s", yesno(lw != tw));
	chmod(D "/o", 0600);
	drain(fd, "chmod of the target");
	unlink(D "/ln");
	unlink(D "/o");
	drain(fd, "unlink both");
	close(fd);
}

static void test_victims(void)
{
	int fd = inotify_init1(IN_NONBLOCK);
	mkdir(D "/x", 0755);
	touch(D "/x/src");
	touch(D "/x/dst");
	int dw = inotify_add_watch(fd, D "/x", IN_ALL_EVENTS);
	int sw = inotify_add_watch(fd, D "/x/src", IN_ALL_EVENTS);
	int vw = inotify_add_watch(fd, D "/x/dst", IN_ALL_EVENTS);
	report(dw == 1 && sw == 2 && vw == 3, "wds 1 2 3");
	rename(D "/x/src", D "/x/dst");
	drain(fd, "rename over a watched file");
	unlink(D "/x/dst");
	int pw = inotify_add_watch(fd, D, IN_ALL_EVENTS);
	rmdir(D "/x");
	drain(fd, "unlink it, watch the parent, rmdir the watched directory");
	inotify_rm_watch(fd, pw);
	drain(fd, "rm_watch of the parent");
	close(fd);
}

/* read()'s buffer, FIONREAD, the padding of names. */
static void test_read(void)
{
	int fd = inotify_init1(IN_NONBLOCK);
	inotify_add_watch(fd, D, IN_CREATE);
	touch(D "/n");
	touch(D "/sixteen-chars-xx");
	int avail = -1;
	ioctl(fd, FIONREAD, &avail);
	expect_value("FIONREAD: two events of 16 + 16 and 16 + 32 bytes", avail, 80);
	char b[64] __attribute__((aligned(8)));
	expect_errno("read into 16 bytes", ERR(read(fd, b, 16)), EINVAL);
	expect_value("read into 32 bytes: the first event", read(fd, b, 32), 32);
	struct inotify_event *e = (void *)b;
	report(e->len == 16 && !strcmp(e->name, "n") && !memchr(e->name + 2, 1, 14) &&
	       e->name[15] == 0, "its name is \"n\", NUL-padded to 16");
	expect_value("read into 64 bytes: the second", read(fd, b, 64), 48);
	report(e->len == 32 && !strcmp(e->name, "sixteen-chars-xx"), "its name, padded to 32");
	expect_value("FIONREAD: empty", (ioctl(fd, FIONREAD, &avail), avail), 0);
	unlink(D "/n");
	unlink(D "/sixteen-chars-xx");
	close(fd);
}

static int read_int(const char *path)
{
	FILE *f = fopen(path, "r");
	int v = -1;
	if (f) {
		if (fscanf(f, "%d", &v) != 1)
			v = -1;
		fclose(f);
	}
	return v;
}

static void test_overflow(void)
{
	int max = read_int("/proc/sys/fs/inotify/max_queued_events");
	report(max > 0, "/proc/sys/fs/inotify/max_queued_events is a number");
	report(read_int("/proc/sys/fs/inotify/max_user_instances") > 0,
	       "/proc/sys/fs/inotify/max_user_instances is a number");
	report(read_int("/proc/sys/fs/inotify/max_user_watches") > 0,
	       "/proc/sys/fs/inotify/max_user_watches is a number");
	int fd = inotify_init1(IN_NONBLOCK);
	touch(D "/p");
	touch(D "/q");
	inotify_add_watch(fd, D, IN_ATTRIB);
	/* Alternating names: no event repeats the one before. */
	for (int i = 0; i < max + 10; i++)
		chmod(i & 1 ? D "/q" : D "/p", 0600 + (i & 1));
	char buf[4096] __attribute__((aligned(8)));
	int events = 0, overflows = 0, last_wd = 0, after = 0;
	ssize_t len;
	while ((len = read(fd, buf, sizeof(buf))) > 0) {
		for (char *p = buf; p < buf + len;) {
			struct inotify_event *e = (void *)p;
			if (e->mask & IN_Q_OVERFLOW)
				overflows++, last_wd = e->wd;
			else if (overflows)
				after++;
			else
				events++;
			p += sizeof(*e) + e->len;
		}
	}
	report(events == max, "max_queued_events events queued: %s", yesno(events == max));
	report(overflows == 1 && after == 0 && last_wd == -1,
	       "then one IN_Q_OVERFLOW with wd -1, last: %d %d %d", overflows, after, last_wd);
	chmod(D "/p", 0644);
	report(drain(fd, "room again: one more chmod") == 1, "queued again once read");
	unlink(D "/p");
	unlink(D "/q");
	close(fd);
}

/* Wake-ups: poll, epoll and a blocking read, from another process. */
static void test_wakeups(void)
{
	int fd = inotify_init1(IN_NONBLOCK);
	inotify_add_watch(fd, D, IN_CREATE | IN_DELETE);
	struct pollfd pfd = { .fd = fd, .events = POLLIN };
	expect_value("poll with nothing queued", poll(&pfd, 1, 0), 0);
	touch(D "/w");
	report(poll(&pfd, 1, 0) == 1 && pfd.revents == POLLIN, "poll: POLLIN once an event is queued");
	drain(fd, "the event");

	int ep = epoll_create1(0);
	struct epoll_event ev = { .events = EPOLLIN, .data.u32 = 7 };
	epoll_ctl(ep, EPOLL_CTL_ADD, fd, &ev);
	pid_t pid = fork();
	if (pid == 0) {
		usleep(100000);
		unlink(D "/w");
		_exit(0);
	}
	struct epoll_event out;
	int n = epoll_wait(ep, &out, 1, 5000);
	report(n == 1 && out.events == EPOLLIN && out.data.u32 == 7,
	       "epoll_wait woken by another process's unlink");
	waitpid(pid, NULL, 0);
	drain(fd, "the event");
	close(ep);

	int blocking = inotify_init();
	inotify_add_watch(blocking, D, IN_CREATE);
	pid = fork();
	if (pid == 0) {
		usleep(100000);
		touch(D "/v");
		_exit(0);
	}
	char buf[256] __attribute__((aligned(8)));
	ssize_t len = read(blocking, buf, sizeof(buf));
	struct inotify_event *e = (void *)buf;
	report(len == 32 && e->mask == IN_CREATE && !strcmp(e->name, "v"),
	       "a blocking read woken by another process's create");
	waitpid(pid, NULL, 0);
	unlink(D "/v");
	close(blocking);
	close(fd);
}

int main(void)
{
	mkdir(D, 0755);
	test_init();
	test_dir();
	test_file();
	test_flags();
	test_victims();
	test_read();
	test_overflow();
	test_wakeups();
	rmdir(D);
	printf("%s\n", failed ? "some checks failed" : "all checks passed");
	return failed != 0;
}
