/* session: sessions and controlling terminals, as shells, daemons,
 * getty and ssh use them, on pseudo-terminals (so nothing depends on
 * the terminal the test runs on).  setsid (a new session and group led
 * by the caller; EPERM for a group leader), getsid, setpgid's EPERM for
 * a session leader and across sessions; /dev/tty's ENXIO without a
 * controlling terminal; a slave opened with O_NOCTTY does not become
 * one, TIOCSCTTY makes it one (TIOCGSID, tcgetpgrp), opening one
 * without O_NOCTTY does too, a second terminal does not replace it, and
 * a terminal another session holds is EPERM for TIOCSCTTY; ENOTTY for
 * TIOCGSID/tcgetpgrp/tcsetpgrp on a terminal that is not ours and EPERM
 * for tcsetpgrp to a group of another session; tcsetpgrp from a
 * background group that ignores SIGTTOU, and ^C at the master reaching
 * the foreground group only; TIOCNOTTY giving it up.  Hangups: the
 * master's close sends SIGHUP to the slave's session leader, and the
 * session leader's exit sends SIGHUP to the foreground group. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <pty.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/wait.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

#include "check.h"
#include "errname.h"

/* Wait up to 2 s for sig, blocked by the caller; 1 if it came. */
static int got_signal(int sig)
{
	sigset_t set;
	struct timespec ts = { 2, 0 };

	sigemptyset(&set);
	sigaddset(&set, sig);
	return sigtimedwait(&set, NULL, &ts) == sig;
}

static void block(int sig)
{
	sigset_t set;

	sigemptyset(&set);
	sigaddset(&set, sig);
	sigprocmask(SIG_BLOCK, &set, NULL);
}

static int pending(int sig)
{
	sigset_t set;

	sigpending(&set);
	return sigismember(&set, sig);
}

/* Run fn in a child and wait for it; its output is ours. */
static void in_child(void (*fn)(void))
{
	pid_t pid = fork();

	if (pid == 0) {
		fn();
		exit(failed != 0);
	}
	int st;
	waitpid(pid, &st, 0);
	if (!WIFEXITED(st) || WEXITSTATUS(st))
		report(0, "child failed (status %#x)", st);
}

static int open_slave(int m, int flags)
{
	unlockpt(m);
	return open(ptsname(m), O_RDWR | flags);
}

/* Everything a session leader sees, in a new session. */
static void leader(void)
{
	pid_t me = getpid(), outer_pgrp = getpgid(getppid());
	long r;

	report(getsid(0) == getsid(getppid()), "before setsid: the parent's session");
	r = setsid();
	report(r == me, "setsid returns our pid: %s", yesno(r == me));
	report(getsid(0) == me && getpgrp() == me, "we lead the session and the group");
	expect_errno("setsid again", ERR(setsid()), EPERM);
	expect_errno("setpgid of a session leader", ERR(setpgid(0, 0)), EPERM);
	expect_errno("/dev/tty without a controlling terminal",
		     ERR(open("/dev/tty", O_RDWR)), ENXIO);

	int m = posix_openpt(O_RDWR | O_NOCTTY);
	int s = open_slave(m, O_NOCTTY);
	pid_t sid = 0;
	expect_errno("TIOCGSID on an O_NOCTTY slave", ERR(ioctl(s, TIOCGSID, &sid)), ENOTTY);
	expect_errno("tcgetpgrp on it", ERR(tcgetpgrp(s)), ENOTTY);
	expect_errno("tcsetpgrp on it", ERR(tcsetpgrp(s, me)), ENOTTY);
	expect_value("TIOCSCTTY", ERR(ioctl(s, TIOCSCTTY, 0)), 0);
	r = ioctl(s, TIOCGSID, &sid);
	report(r == 0 && sid == me, "TIOCGSID: our session: %s", yesno(r == 0 && sid == me));
	report(tcgetpgrp(s) == me, "the foreground group is ours: %s", yesno(tcgetpgrp(s) == me));
	int t = open("/dev/tty", O_RDWR);
	report(t >= 0 && isatty(t), "/dev/tty opens: %s", yesno(t >= 0 && isatty(t)));
	close(t);
	expect_value("TIOCSCTTY again on our own", ERR(ioctl(s, TIOCSCTTY, 0)), 0);
	expect_errno("tcsetpgrp to a group of another session",
		     ERR(tcsetpgrp(s, outer_pgrp)), EPERM);

	/* A second terminal does not replace the first. */
	int m2 = posix_openpt(O_RDWR | O_NOCTTY);
	int s2 = open_slave(m2, 0);
	expect_errno("TIOCGSID on a second terminal", ERR(ioctl(s2, TIOCGSID, &sid)), ENOTTY);
	expect_errno("TIOCSCTTY on it while we have one", ERR(ioctl(s2, TIOCSCTTY, 0)), EPERM);

	/* A background group takes the foreground; ^C reaches it only. */
	int ready[2];
	pipe(ready);
	block(SIGINT);
	pid_t b = fork();
	if (b == 0) {
		signal(SIGTTOU, SIG_IGN);
		setpgid(0, 0);
		int ok = tcsetpgrp(s, getpid()) == 0;
		write(ready[1], "x", 1);
		_exit(ok && got_signal(SIGINT) ? 0 : 1);
	}
	char c;
	read(ready[0], &c, 1);
	report(tcgetpgrp(s) == b, "tcsetpgrp from a background group: %s",
	       yesno(tcgetpgrp(s) == b));
	write(m, "\x03", 1);
	int st;
	waitpid(b, &st, 0);
	report(WIFEXITED(st) && WEXITSTATUS(st) == 0, "^C: SIGINT to the foreground group");
	usleep(50000);
	report(!pending(SIGINT), "and not to us (a background group): %s",
	       yesno(!pending(SIGINT)));

	/* Another session cannot take ours, nor we its. */
	pid_t c2 = fork();
	if (c2 == 0) {
		setsid();
		int x = open(ptsname(m), O_RDWR);	/* no O_NOCTTY: taken already */
		pid_t sid2 = 0;
		int e1 = ioctl(x, TIOCGSID, &sid2) == -1 ? errno : 0;
		int e2 = ioctl(x, TIOCSCTTY, 0) == -1 ? errno : 0;
		_exit(e1 == ENOTTY && e2 == EPERM ? 0 : 1);
	}
	waitpid(c2, &st, 0);
	report(WIFEXITED(st) && WEXITSTATUS(st) == 0,
	       "another session: ENOTTY for TIOCGSID, EPERM for TIOCSCTTY");

	signal(SIGHUP, SIG_IGN);	/* TIOCNOTTY of a leader hangs up */
	expect_value("TIOCNOTTY", ERR(ioctl(s, TIOCNOTTY)), 0);
	expect_errno("then /dev/tty", ERR(open("/dev/tty", O_RDWR)), ENXIO);
	expect_errno("then TIOCGSID", ERR(ioctl(s, TIOCGSID, &sid)), ENOTTY);
	close(s2);
	close(m2);
	close(s);
	close(m);
}

/* Opening a slave without O_NOCTTY as a leader with no terminal makes
 * it ours; closing the master then hangs us up: SIGHUP. */
static void hangup_on_master_close(void)
{
	setsid();
	block(SIGHUP);
	int m = posix_openpt(O_RDWR | O_NOCTTY);
	int s = open_slave(m, 0);
	pid_t sid = 0;
	int r = ioctl(s, TIOCGSID, &sid);
	report(r == 0 && sid == getpid(), "open without O_NOCTTY: our terminal: %s",
	       yesno(r == 0 && sid == getpid()));
	close(m);
	report(got_signal(SIGHUP), "the master's close: SIGHUP to the session leader");
	close(s);
}

/* The leader exits: its foreground group gets SIGHUP.  The leader's
 * child, in that group, says through a pipe whether it came. */
static void hangup_on_leader_exit(void)
{
	int ready[2], result[2];

	pipe(ready);
	pipe(result);
	pid_t leader_pid = fork();
	if (leader_pid == 0) {
		setsid();
		int m = posix_openpt(O_RDWR | O_NOCTTY);
		open_slave(m, 0);
		if (fork() == 0) {
			block(SIGHUP);
			write(ready[1], "x", 1);
			char verdict = got_signal(SIGHUP) ? 'y' : 'n';
			write(result[1], &verdict, 1);
			_exit(0);
		}
		char c;
		read(ready[0], &c, 1);
		_exit(0);		/* with the master still open */
	}
	close(ready[1]);
	close(result[1]);
	int st;
	waitpid(leader_pid, &st, 0);
	char verdict = '?';
	read(result[0], &verdict, 1);
	report(verdict == 'y', "the leader's exit: SIGHUP to its foreground group: %c",
	       verdict);
}

int main(void)
{
	setvbuf(stdout, NULL, _IONBF, 0);
	in_child(leader);
	in_child(hangup_on_master_close);
	in_child(hangup_on_leader_exit);
	printf("%s\n", failed ? "session: FAILED" : "session: all passed");
	return failed != 0;
}
