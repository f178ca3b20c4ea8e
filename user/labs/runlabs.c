/* runlabs NAME...: run the grading tests /labs/NAME one after another
 * in one boot (tools/lab.sh grade with no lab: the whole course in one
 * kernel), each between two marker lines that tools/lab.sh reads:
 *
 *   == lab NAME
 *   ... the test's own lines, one per check ...
 *   == end NAME status N         (or "== end NAME timeout")
 *
 * A test that runs longer than RUNLABS_TIMEOUT seconds is killed, with
 * all it forked (its process group), and the next one runs.  Not a lab
 * itself: tools/lab.sh knows the labs from docs/labs/. */
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define RUNLABS_TIMEOUT 120

static int run_one(const char *name)
{
	char path[128];
	int status;

	snprintf(path, sizeof(path), "/labs/%s", name);
	printf("== lab %s\n", name);
	fflush(stdout);
	pid_t pid = fork();
	if (pid == 0) {
		setpgid(0, 0);
		execl(path, path, (char *)NULL);
		printf("FAIL: cannot run %s\n", path);
		_exit(127);
	}
	setpgid(pid, pid);
	for (int waited = 0; waited < RUNLABS_TIMEOUT * 10; waited++) {
		if (waitpid(pid, &status, WNOHANG) == pid) {
			/* Whatever it left behind goes with it. */
			kill(-pid, SIGKILL);
			int st = WIFEXITED(status) ? WEXITSTATUS(status)
						   : 128 + WTERMSIG(status);
			printf("== end %s status %d\n", name, st);
			fflush(stdout);
			return st;
		}
		struct timespec ts = { 0, 100 * 1000 * 1000 };
		nanosleep(&ts, NULL);
	}
	kill(-pid, SIGKILL);
	waitpid(pid, &status, 0);
	printf("== end %s timeout\n", name);
	fflush(stdout);
	return 124;
}

int main(int argc, char **argv)
{
	int bad = 0;

	setvbuf(stdout, NULL, _IOLBF, 0);
	for (int i = 1; i < argc; i++)
		bad |= run_one(argv[i]) != 0;
	return bad;
}
