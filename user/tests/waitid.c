/* waitid: P_PID, P_PGID (0: ours), P_ALL; WEXITED, WNOHANG, WNOWAIT
 * (looked at twice, then reaped), WSTOPPED alone finding no child in a
 * zombie (ECHILD);
 * the siginfo as Linux fills it (SIGCHLD, CLD_EXITED/CLD_KILLED, the
 * status, pid and uid; zeros for WNOHANG with nothing ready); the fifth
 * (rusage) argument; a NULL infop; EINVAL for bad options, types and
 * ids, EBADF for P_PIDFD on a non-pidfd, ECHILD, EFAULT. */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "errname.h"

#ifndef P_PIDFD
#define P_PIDFD 3
#endif

static long waitid5(int which, int id, siginfo_t *si, int options, struct rusage *ru)
{
	return syscall(SYS_waitid, which, id, si, options, ru);
}

static void show(const char *what, const siginfo_t *si, pid_t want)
{
	report(1, "%s: signo %d errno %d code %d status %d pid %s uid %d", what,
	       si->si_signo, si->si_errno, si->si_code, si->si_status,
	       si->si_pid == want ? "the child's" : si->si_pid ? "other" : "0",
	       (int)si->si_uid);
}

static pid_t child(int code)
{
	pid_t c = fork();
	if (c == 0)
		_exit(code);
	return c;
}

int main(void)
{
	siginfo_t si;
	int p[2];

	expect_errno("no children", ERR(waitid(P_ALL, 0, &si, WEXITED)), ECHILD);
	expect_errno("options 0", ERR(waitid(P_ALL, 0, &si, 0)), EINVAL);
	expect_errno("WNOHANG alone", ERR(waitid(P_ALL, 0, &si, WNOHANG)), EINVAL);
	expect_errno("an unknown option", ERR(waitid(P_ALL, 0, &si, WEXITED | 0x100)), EINVAL);
	expect_errno("idtype 7", ERR(waitid(7, 0, &si, WEXITED)), EINVAL);
	expect_errno("P_PID 0", ERR(waitid(P_PID, 0, &si, WEXITED)), EINVAL);
	expect_errno("P_PID -1", ERR(waitid(P_PID, -1, &si, WEXITED)), EINVAL);
	expect_errno("P_PGID -1", ERR(waitid(P_PGID, -1, &si, WEXITED)), EINVAL);
	expect_errno("P_PIDFD on stdout", ERR(waitid(P_PIDFD, 1, &si, WEXITED)), EBADF);
	expect_errno("P_PIDFD -1", ERR(waitid(P_PIDFD, -1, &si, WEXITED)), EINVAL);

	pipe(p);
	pid_t c = fork();
	if (c == 0) {
		char ch;
		close(p[1]);
		read(p[0], &ch, 1);
		_exit(7);
	}
	close(p[0]);
	memset(&si, 0x55, sizeof(si));
	expect_value("WSTOPPED|WNOHANG, the child runs", ERR(waitid(P_PID, c, &si, WSTOPPED | WNOHANG)), 0);
	show("no stop", &si, c);
	memset(&si, 0x55, sizeof(si));
	expect_value("WNOHANG, the child runs", ERR(waitid(P_PID, c, &si, WEXITED | WNOHANG)), 0);
	show("nothing ready", &si, c);
	report(((unsigned char *)&si)[32] == 0x55, "the rest of the siginfo is left alone");
	expect_errno("P_PID of someone else's pid", ERR(waitid(P_PID, 1, &si, WEXITED | WNOHANG)), ECHILD);
	close(p[1]);			/* the child exits 7; we block */
	memset(&si, 0, sizeof(si));
	expect_value("WEXITED|WNOWAIT blocks until it exits", ERR(waitid(P_PID, c, &si, WEXITED | WNOWAIT)), 0);
	show("exited", &si, c);
	memset(&si, 0, sizeof(si));
	expect_value("WNOWAIT again", ERR(waitid(P_ALL, 0, &si, WEXITED | WNOWAIT)), 0);
	show("still there", &si, c);
	expect_errno("WSTOPPED|WNOHANG with only a zombie", ERR(waitid(P_PID, c, &si, WSTOPPED | WNOHANG)), ECHILD);
	memset(&si, 0, sizeof(si));
	expect_value("WEXITED reaps", ERR(waitid(P_PID, c, &si, WEXITED)), 0);
	show("reaped", &si, c);
	expect_errno("and it is gone", ERR(waitid(P_PID, c, &si, WEXITED | WNOHANG)), ECHILD);

	c = fork();
	if (c == 0) {
		pause();
		_exit(0);
	}
	kill(c, SIGKILL);
	memset(&si, 0, sizeof(si));
	expect_value("a SIGKILLed child", ERR(waitid(P_PID, c, &si, WEXITED)), 0);
	show("killed", &si, c);

	c = fork();
	if (c == 0) {
		struct rlimit rl = { 0, 0 };
		setrlimit(RLIMIT_CORE, &rl);
		abort();
	}
	memset(&si, 0, sizeof(si));
	expect_value("an aborting child (no core)", ERR(waitid(P_ALL, 0, &si, WEXITED)), 0);
	show("aborted", &si, c);

	c = fork();
	if (c == 0) {
		setpgid(0, 0);
		_exit(3);
	}
	setpgid(c, c);
	expect_errno("P_PGID of our own group", ERR(waitid(P_PGID, 0, &si, WEXITED | WNOHANG)), ECHILD);
	memset(&si, 0, sizeof(si));
	expect_value("P_PGID of the child's group", ERR(waitid(P_PGID, c, &si, WEXITED)), 0);
	show("by group", &si, c);

	c = child(4);
	memset(&si, 0, sizeof(si));
	expect_value("P_PGID 0: our group", ERR(waitid(P_PGID, 0, &si, WEXITED)), 0);
	show("our group", &si, c);

	c = child(5);
	struct rusage ru;
	memset(&ru, 0x55, sizeof(ru));
	expect_value("with a rusage", ERR(waitid5(P_PID, c, &si, WEXITED, &ru)), 0);
	report(ru.ru_utime.tv_sec == 0 && ru.ru_nswap == 0, "the rusage is filled");
	show("rusage", &si, c);

	c = child(6);
	expect_value("a NULL infop", ERR(waitid(P_PID, c, NULL, WEXITED)), 0);
	expect_errno("then gone", ERR(waitid(P_PID, c, &si, WEXITED | WNOHANG)), ECHILD);

	c = child(8);
	expect_errno("a bad infop", ERR(waitid(P_PID, c, (void *)1, WEXITED)), EFAULT);
	expect_errno("reaped all the same", ERR(waitid(P_PID, c, &si, WEXITED | WNOHANG)), ECHILD);

	c = fork();
	if (c == 0) {
		if (setgid(1000) || setuid(1000))
			_exit(255);
		_exit(9);
	}
	memset(&si, 0, sizeof(si));
	expect_value("a uid 1000 child", ERR(waitid(P_PID, c, &si, WEXITED)), 0);
	show("uid 1000", &si, c);
	printf("%s\n", failed ? "waitid: FAILED" : "waitid: all passed");
	return failed != 0;
}
