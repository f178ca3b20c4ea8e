/* nproc: RLIMIT_NPROC as Linux counts it.  A user's processes, the
 * forking one included, may not number more than its limit: as uid
 * 54321 with a limit of 20 the twentieth fork fails with EAGAIN (19
 * children and their parent), and once they are reaped 19 fit again.  Root is exempt: with a limit of 1 it still forks.  Limits
 * belong to a process: a child that lowers its own leaves its parent's
 * alone, and a raised soft limit is inherited by a child. */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include "check.h"

#define UID	54321
#define LIMIT	20

/* Fork children that wait until the pipe p closes; how many worked. */
static int fork_all(int *p, int *err, int max)
{
	int n = 0;

	for (; n < max; n++) {
		pid_t pid = fork();
		if (pid == 0) {
			char c;
			close(p[1]);
			read(p[0], &c, 1);
			_exit(0);
		}
		if (pid < 0) {
			*err = errno;
			break;
		}
	}
	return n;
}

/* As UID, with RLIMIT_NPROC at LIMIT: exit status = forks that worked. */
static void as_user(void)
{
	struct rlimit rl = { LIMIT, LIMIT };
	int p[2], err = 0;

	pipe(p);
	if (setrlimit(RLIMIT_NPROC, &rl) || setgid(UID) || setuid(UID))
		_exit(255);
	int n = fork_all(p, &err, 100);
	printf("as uid %d, limit %d: %d forks, then %s\n", UID, LIMIT, n,
	       strerror(err));
	close(p[1]);
	close(p[0]);
	while (wait(NULL) > 0)
		;
	pipe(p);
	err = 0;
	n = fork_all(p, &err, 100);
	printf("after reaping them: %d forks, then %s\n", n, strerror(err));
	close(p[1]);
	close(p[0]);
	while (wait(NULL) > 0)
		;
	fflush(stdout);
	_exit(0);
}

int main(void)
{
	int st;
	pid_t pid = fork();

	if (pid == 0)
		as_user();
	waitpid(pid, &st, 0);
	report(WIFEXITED(st) && WEXITSTATUS(st) == 0, "the user's run: done");

	struct rlimit old, one = { 1, 1 }, got;
	getrlimit(RLIMIT_NPROC, &old);
	pid = fork();
	if (pid == 0) {
		setrlimit(RLIMIT_NPROC, &one);
		pid_t c = fork();		/* root: exempt */
		if (c == 0)
			_exit(0);
		_exit(c > 0 ? 0 : 1);
	}
	waitpid(pid, &st, 0);
	report(WIFEXITED(st) && WEXITSTATUS(st) == 0,
	       "root forks with RLIMIT_NPROC 1: %s", yesno(WEXITSTATUS(st) == 0));
	getrlimit(RLIMIT_NPROC, &got);
	report(got.rlim_cur == old.rlim_cur && got.rlim_max == old.rlim_max,
	       "the child's limit is not the parent's: %s",
	       yesno(got.rlim_cur == old.rlim_cur));

	struct rlimit nofile;
	getrlimit(RLIMIT_NOFILE, &nofile);
	struct rlimit low = { 64, nofile.rlim_max };
	setrlimit(RLIMIT_NOFILE, &low);
	pid = fork();
	if (pid == 0) {
		struct rlimit in;
		getrlimit(RLIMIT_NOFILE, &in);
		_exit(in.rlim_cur == 64 ? 0 : 1);
	}
	waitpid(pid, &st, 0);
	report(WIFEXITED(st) && WEXITSTATUS(st) == 0,
	       "a child inherits its parent's limits: %s",
	       yesno(WEXITSTATUS(st) == 0));
	setrlimit(RLIMIT_NOFILE, &nofile);
	printf("%s\n", failed ? "nproc: FAILED" : "nproc: all checks passed");
	return failed != 0;
}
