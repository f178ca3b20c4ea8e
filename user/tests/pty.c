/* pty: Unix 98 pseudo-terminals, as openpty(3), script(1) and terminal
 * emulators use them.  posix_openpt/grantpt/unlockpt/ptsname and
 * openpty; /dev/ptmx and the slave's node (character devices 5:2 and
 * 136:N, N the number TIOCGPTN gives); EIO opening a locked slave,
 * TIOCGPTLCK; isatty and ttyname; the slave's default termios (ICRNL,
 * OPOST|ONLCR, ICANON|ECHO|ISIG ...); the master's raw one.  Canonical
 * input typed at the master: echoed back with "\n" as "\r\n", a line
 * read whole, erase and kill editing it, VEOF ending a read with
 * nothing; the slave's output cooked by ONLCR.  Raw mode (cfmakeraw):
 * bytes pass as they come, no echo, VMIN.  TIOCSWINSZ on the master
 * seen on the slave; FIONREAD; poll and epoll on both ends; a full
 * slave input queue makes a nonblocking master write EAGAIN and the
 * master no longer POLLOUT, room comes back once the slave reads.
 * Closing: the slave's last close makes the master's read EIO once
 * drained and poll POLLHUP; reopened, it works again; the master's last
 * close hangs the slave up (read 0, write EIO, POLLHUP) and removes its
 * node.  TIOCGPTPEER opens the slave from the master (EIO on the
 * slave).  ENOTTY for tty ioctls on other files.  Termios and window
 * size ioctls on the master act on the slave's, as Linux's. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pty.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <termios.h>
#include <unistd.h>

#include "check.h"
#include "errname.h"

#ifndef TIOCGPTPEER
#define TIOCGPTPEER _IO('T', 0x41)
#endif

/* What fd has to read, as a C string: everything until it has been
 * quiet for 150 ms (Linux moves a pty's bytes to the other end in a
 * work item, so they may come a little later than the write). */
static const char *drain(int fd)
{
	static char buf[512];
	size_t k = 0;
	struct pollfd p = { .fd = fd, .events = POLLIN };

	while (k < sizeof(buf) - 1 && poll(&p, 1, 150) == 1 && (p.revents & POLLIN)) {
		ssize_t n = read(fd, buf + k, sizeof(buf) - 1 - k);
		if (n <= 0)
			break;
		k += n;
	}
	buf[k] = 0;
	return buf;
}

/* s with control characters written as \r, \n or ^X. */
static const char *show(const char *s)
{
	static char out[1024];
	size_t k = 0;

	for (; *s && k < sizeof(out) - 4; s++) {
		unsigned char c = *s;
		if (c == '\r' || c == '\n') {
			out[k++] = '\\';
			out[k++] = c == '\r' ? 'r' : 'n';
		} else if (c < 0x20 || c == 0x7f) {
			out[k++] = '^';
			out[k++] = c ^ 0x40;
		} else {
			out[k++] = c;
		}
	}
	out[k] = 0;
	return out;
}

static short poll1(int fd)
{
	struct pollfd p = { .fd = fd, .events = POLLIN | POLLOUT };

	return poll(&p, 1, 0) == 1 ? p.revents : 0;
}

/* poll1 once fd is readable (or after a second): bytes written at the
 * other end reach this one a little later on Linux. */
static short poll_in(int fd)
{
	struct pollfd p = { .fd = fd, .events = POLLIN };

	poll(&p, 1, 1000);
	return poll1(fd);
}

static const char *revents(short r)
{
	static char s[64];

	snprintf(s, sizeof(s), "%s%s%s%s", r & POLLIN ? "IN " : "",
		 r & POLLOUT ? "OUT " : "", r & POLLHUP ? "HUP " : "",
		 r & POLLERR ? "ERR " : "");
	return s;
}

static void test_open(void)
{
	struct stat st;
	int m = posix_openpt(O_RDWR | O_NOCTTY);

	report(m >= 0, "posix_openpt: %s", m >= 0 ? "ok" : errname(errno));
	report(isatty(m), "isatty(master): %s", yesno(isatty(m)));
	report(stat("/dev/ptmx", &st) == 0 && S_ISCHR(st.st_mode) &&
	       major(st.st_rdev) == 5 && minor(st.st_rdev) == 2,
	       "/dev/ptmx is character device 5:2");
	unsigned int n = 0;
	report(ioctl(m, TIOCGPTN, &n) == 0, "TIOCGPTN");
	char want[32];
	snprintf(want, sizeof(want), "/dev/pts/%u", n);
	const char *name = ptsname(m);
	report(name && !strcmp(name, want), "ptsname is /dev/pts/<TIOCGPTN>: %s",
	       yesno(name && !strcmp(name, want)));
	report(stat(want, &st) == 0 && S_ISCHR(st.st_mode) &&
	       major(st.st_rdev) == 136 && minor(st.st_rdev) == n,
	       "the slave's node is character device 136:N");
	/* The mode is devpts's mount option (0620 or 0600): only its
	 * owner's part is the same everywhere. */
	report((st.st_mode & 0700) == 0600, "its owner may read and write: %s",
	       yesno((st.st_mode & 0700) == 0600));
	int locked = -1, r = ioctl(m, TIOCGPTLCK, &locked);
	report(r == 0 && locked == 1, "locked after posix_openpt: %d", locked);
	expect_errno("open of a locked slave", ERR(open(want, O_RDWR | O_NOCTTY)), EIO);
	report(grantpt(m) == 0, "grantpt");
	report(unlockpt(m) == 0, "unlockpt");
	r = ioctl(m, TIOCGPTLCK, &locked);
	report(r == 0 && locked == 0, "unlocked: %d", locked);
	int s = open(want, O_RDWR | O_NOCTTY);
	report(s >= 0, "open the slave: %s", s >= 0 ? "ok" : errname(errno));
	char tn[64] = "";
	r = ttyname_r(s, tn, sizeof(tn));
	report(r == 0 && !strcmp(tn, want), "ttyname(slave) is its path: %s",
	       yesno(!strcmp(tn, want)));
	report(isatty(s), "isatty(slave): %s", yesno(isatty(s)));
	close(s);
	close(m);
	usleep(50000);
	expect_errno("the node is gone with the master", ERR(stat(want, &st)), ENOENT);
	expect_errno("TIOCGPTN on /dev/null", ERR(ioctl(0, TIOCGPTN, &n)), ENOTTY);
	int p[2];
	pipe(p);
	expect_errno("TIOCGPTN on a pipe", ERR(ioctl(p[0], TIOCGPTN, &n)), ENOTTY);
	expect_errno("tcgetattr on a pipe", ERR(tcgetattr(p[0], &(struct termios){ 0 })), ENOTTY);
	close(p[0]);
	close(p[1]);
}

static void test_termios(int m, int s)
{
	struct termios t;

	tcgetattr(s, &t);
	report(1, "slave iflag ICRNL %d IXON %d INLCR %d", !!(t.c_iflag & ICRNL),
	       !!(t.c_iflag & IXON), !!(t.c_iflag & INLCR));
	report(1, "slave oflag OPOST %d ONLCR %d", !!(t.c_oflag & OPOST),
	       !!(t.c_oflag & ONLCR));
	report(1, "slave lflag ISIG %d ICANON %d ECHO %d ECHOE %d ECHOCTL %d",
	       !!(t.c_lflag & ISIG), !!(t.c_lflag & ICANON), !!(t.c_lflag & ECHO),
	       !!(t.c_lflag & ECHOE), !!(t.c_lflag & ECHOCTL));
	report(1, "slave cc VINTR %d VERASE %d VKILL %d VEOF %d VMIN %d",
	       t.c_cc[VINTR], t.c_cc[VERASE], t.c_cc[VKILL], t.c_cc[VEOF],
	       t.c_cc[VMIN]);
	tcgetattr(m, &t);
	report(1, "master lflag ICANON %d ECHO %d, oflag OPOST %d",
	       !!(t.c_lflag & ICANON), !!(t.c_lflag & ECHO), !!(t.c_oflag & OPOST));
}

static void test_canonical(int m, int s)
{
	char buf[256];
	ssize_t n;

	write(m, "hello\r", 6);
	report(1, "echo of \"hello\\r\": %s", show(drain(m)));
	n = read(s, buf, sizeof(buf) - 1);
	buf[n > 0 ? n : 0] = 0;
	report(1, "slave reads %zd: %s", n, show(buf));
	write(m, "ab\x7f" "c\n", 5);
	report(1, "echo of erase: %s", show(drain(m)));
	n = read(s, buf, sizeof(buf) - 1);
	buf[n > 0 ? n : 0] = 0;
	report(1, "slave reads %zd: %s", n, show(buf));
	write(m, "xyz\x15" "k\n", 6);
	drain(m);
	n = read(s, buf, sizeof(buf) - 1);
	buf[n > 0 ? n : 0] = 0;
	report(1, "after kill, slave reads %zd: %s", n, show(buf));
	write(m, "\x04", 1);
	n = read(s, buf, sizeof(buf));
	report(n == 0, "VEOF on an empty line: read %zd", n);
	write(m, "par\x04", 4);
	n = read(s, buf, sizeof(buf) - 1);
	buf[n > 0 ? n : 0] = 0;
	report(1, "VEOF after \"par\": read %zd %s", n, show(buf));
	drain(m);
	write(m, "one\ntwo\n", 8);
	drain(m);
	int q = -1;
	ioctl(s, FIONREAD, &q);
	report(1, "FIONREAD on the slave: %d", q);
	n = read(s, buf, 2);
	report(n == 2, "a short read of a line: %zd", n);
	n = read(s, buf, sizeof(buf) - 1);
	buf[n > 0 ? n : 0] = 0;
	report(1, "the rest of that line: %s", show(buf));
	n = read(s, buf, sizeof(buf) - 1);
	buf[n > 0 ? n : 0] = 0;
	report(1, "the next line: %s", show(buf));
	write(s, "out\nput\n", 8);
	report(1, "slave output at the master: %s", show(drain(m)));
	write(m, "\x03", 1);	/* no foreground group here: nothing to signal */
	report(1, "echo of ^C: %s", show(drain(m)));
}

static void test_raw(int m, int s)
{
	struct termios t;
	char buf[64];

	tcgetattr(s, &t);
	cfmakeraw(&t);
	tcsetattr(s, TCSANOW, &t);
	write(m, "r\rx", 3);
	report(1, "raw: no echo: \"%s\"", show(drain(m)));
	ssize_t n = read(s, buf, sizeof(buf) - 1);
	buf[n > 0 ? n : 0] = 0;
	report(1, "raw: slave reads %zd: %s", n, show(buf));
	write(s, "a\nb", 3);
	report(1, "raw: output not cooked: %s", show(drain(m)));
	report(1, "poll(slave) idle: %s", revents(poll1(s)));
	write(m, "z", 1);
	report(1, "poll(slave) with a byte: %s", revents(poll_in(s)));
	read(s, buf, 1);
	write(s, "w", 1);
	report(1, "poll(master) with a byte: %s", revents(poll_in(m)));
	drain(m);
	int ep = epoll_create1(0);
	struct epoll_event ev = { .events = EPOLLIN, .data.u32 = 7 }, got;
	epoll_ctl(ep, EPOLL_CTL_ADD, m, &ev);
	report(epoll_wait(ep, &got, 1, 0) == 0, "epoll: master idle");
	write(s, "e", 1);
	int k = epoll_wait(ep, &got, 1, 1000);
	report(k == 1 && got.data.u32 == 7, "epoll: master readable after a slave write: %d", k);
	drain(m);
	close(ep);
	/* Fill the slave's input queue from the master. */
	int fl = fcntl(m, F_GETFL);
	fcntl(m, F_SETFL, fl | O_NONBLOCK);
	static char big[4096];
	memset(big, 'q', sizeof(big));
	long total = 0;
	int rounds = 0;
	ssize_t w;
	while ((w = write(m, big, sizeof(big))) > 0 && rounds++ < 1000)
		total += w;
	report(w == -1 && errno == EAGAIN, "a full slave queue: EAGAIN: %s",
	       yesno(w == -1 && errno == EAGAIN));
	report(!(poll1(m) & POLLOUT), "master not POLLOUT when full: %s",
	       yesno(!(poll1(m) & POLLOUT)));
	long back = 0;
	int sfl = fcntl(s, F_GETFL);
	fcntl(s, F_SETFL, sfl | O_NONBLOCK);
	static char sink[65536];
	for (int i = 0; i < 200; i++) {
		ssize_t r = read(s, sink, sizeof(sink));
		if (r > 0)
			back += r;
		else if (back >= total)
			break;
		else
			usleep(5000);
		/* Linux moves what its buffer holds on as room appears. */
		w = write(m, "", 0);
	}
	fcntl(s, F_SETFL, sfl);
	report(back == total, "every byte written came out: %s", yesno(back == total));
	report(poll1(m) & POLLOUT, "master POLLOUT again: %s", yesno(poll1(m) & POLLOUT));
	fcntl(m, F_SETFL, fl);
}

static void test_winsize(int m, int s)
{
	struct winsize w = { .ws_row = 33, .ws_col = 101 }, r = { 0 };

	report(ioctl(m, TIOCSWINSZ, &w) == 0, "TIOCSWINSZ on the master");
	int ok = ioctl(s, TIOCGWINSZ, &r) == 0;
	report(ok && r.ws_row == 33 && r.ws_col == 101, "the slave sees %dx%d",
	       r.ws_row, r.ws_col);
	r = (struct winsize){ 0 };
	ok = ioctl(m, TIOCGWINSZ, &r) == 0;
	report(ok && r.ws_row == 33, "and the master: %dx%d", r.ws_row, r.ws_col);
}

static void test_close(void)
{
	int m, s;
	char name[64], buf[16];

	openpty(&m, &s, name, NULL, NULL);
	write(s, "bye", 3);
	close(s);
	usleep(20000);
	report(1, "slave closed: poll(master): %s", revents(poll_in(m)));
	ssize_t n = read(m, buf, sizeof(buf));
	report(n == 3, "the data still read: %zd", n);
	expect_errno("then master read", ERR(read(m, buf, sizeof(buf))), EIO);
	s = open(name, O_RDWR | O_NOCTTY);
	report(s >= 0, "the slave reopened");
	report(1, "poll(master) again: %s", revents(poll1(m)));
	write(m, "hi\n", 3);
	n = read(s, buf, sizeof(buf));
	report(n == 3, "and works: read %zd", n);
	drain(m);
	close(m);
	usleep(20000);
	report(1, "master closed: poll(slave): %s", revents(poll1(s)));
	n = read(s, buf, sizeof(buf));
	report(n == 0, "slave read after hangup: %zd", n);
	expect_errno("slave write after hangup", ERR(write(s, "x", 1)), EIO);
	close(s);
	expect_errno("open the slave after the master closed", ERR(open(name, O_RDWR)), ENOENT);

	/* TIOCGPTPEER: the slave from the master, without its path. */
	m = posix_openpt(O_RDWR | O_NOCTTY);
	unlockpt(m);
	s = ioctl(m, TIOCGPTPEER, O_RDWR | O_NOCTTY);
	report(s >= 0 && isatty(s), "TIOCGPTPEER opens the slave: %s",
	       yesno(s >= 0 && isatty(s)));
	write(m, "p\n", 2);
	n = read(s, buf, sizeof(buf));
	report(n == 2, "through it: read %zd", n);
	expect_errno("TIOCGPTPEER on the slave", ERR(ioctl(s, TIOCGPTPEER, O_RDWR)), EIO);
	close(s);
	close(m);
}

int main(void)
{
	int m, s;

	setvbuf(stdout, NULL, _IONBF, 0);
	test_open();
	report(openpty(&m, &s, NULL, NULL, NULL) == 0, "openpty");
	test_termios(m, s);
	test_canonical(m, s);
	test_winsize(m, s);
	test_raw(m, s);
	close(s);
	close(m);
	test_close();
	printf("%s\n", failed ? "pty: FAILED" : "pty: all passed");
	return failed != 0;
}
