/*
 * init - the first user process (pid 1).
 *
 *   init                 interactive: a shell on /dev/console, started
 *                        again whenever it exits
 *   init PROG [ARG...]   run one program (tools/run-prog): stdin from
 *                        /dev/null, stdout and stderr on /dev/serial0,
 *                        then exit with its status (128 + signal if it
 *                        was killed), which ends the kernel's test run
 *
 * Either way init also reaps orphans: when a process exits before its
 * children, they become init's, and only init's wait() frees them.
 *
 * An ordinary C program on musl: it builds and runs on Linux too.
 */
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

extern char **environ;

/* Make fd 0, 1 and 2 the given files (init starts with none). */
static void setup_stdio(const char *in, const char *out)
{
	close(0);
	close(1);
	close(2);
	if (open(in, O_RDONLY) != 0 || open(out, O_WRONLY) != 1 || dup(1) != 2)
		_exit(111);
}

static pid_t spawn(char **argv)
{
	pid_t pid = fork();

	if (pid == 0) {
		execve(argv[0], argv, environ);
		dprintf(2, "init: cannot run %s\n", argv[0]);
		_exit(127);
	}
	return pid;
}

/* Wait until pid ends, reaping any orphan on the way; its status. */
static int wait_for(pid_t pid)
{
	int status;

	for (;;) {
		pid_t got = wait(&status);
		if (got == pid)
			return status;
		if (got < 0)
			return -1;
	}
}

static int run_one(char **argv)
{
	setup_stdio("/dev/null", "/dev/serial0");
	int status = wait_for(spawn(argv));
	if (status < 0)
		return 126;
	if (WIFSIGNALED(status))
		return 128 + WTERMSIG(status);
	return WEXITSTATUS(status);
}

static void interactive(void)
{
	char *sh[] = { "/bin/sh", NULL };

	setup_stdio("/dev/console", "/dev/console");
	for (;;) {
		wait_for(spawn(sh));
		printf("init: the shell exited; starting another\n");
	}
}

int main(int argc, char **argv)
{
	if (argc > 1)
		return run_one(argv + 1);
	interactive();
	return 0;
}
