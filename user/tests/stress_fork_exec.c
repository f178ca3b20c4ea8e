/* stress_fork_exec: repeated process creation and image replacement.
 * Usage: stress_fork_exec [iterations]   (default 1000)
 * Each round forks (even rounds) or vforks (odd rounds) and re-executes
 * this binary via argv[0] as "--child CODE"; the child checks its argv
 * and environment and exits with CODE, which the parent verifies. Leaks
 * of pages, fds or pids in fork/execve/exit/wait show up as failures
 * part-way through a long run. Prints only one summary line. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#define EXEC_FAILED 201
#define BAD_ARGS 202

/* Child mode: the exec'd image must see exactly what the parent passed. */
static int child_main(int argc, char **argv)
{
	const char *e = getenv("STRESS_MARK");
	if (argc != 3 || !e || strcmp(e, "1") != 0)
		return BAD_ARGS;
	return atoi(argv[2]);
}

static int one_round(const char *self, int i)
{
	char code[16];
	snprintf(code, sizeof code, "%d", i % 200);
	char *args[] = {(char *)self, "--child", code, NULL};
	char *envp[] = {"STRESS_MARK=1", NULL};

	pid_t pid = (i & 1) ? vfork() : fork();
	if (pid == 0) {
		execve(self, args, envp);
		_exit(EXEC_FAILED);
	}
	if (pid < 0) {
		printf("stress_fork_exec: round %d: fork: %s\n", i, strerror(errno));
		return 0;
	}
	int st;
	if (waitpid(pid, &st, 0) != pid) {
		printf("stress_fork_exec: round %d: waitpid: %s\n", i, strerror(errno));
		return 0;
	}
	if (!WIFEXITED(st) || WEXITSTATUS(st) != i % 200) {
		if (WIFSIGNALED(st))
			printf("stress_fork_exec: round %d: child killed by signal %d\n",
			       i, WTERMSIG(st));
		else
			printf("stress_fork_exec: round %d: exit %d, expected %d%s\n", i,
			       WEXITSTATUS(st), i % 200,
			       WEXITSTATUS(st) == EXEC_FAILED ? " (execve failed)" : "");
		return 0;
	}
	return 1;
}

int main(int argc, char **argv)
{
	if (argc >= 2 && strcmp(argv[1], "--child") == 0)
		return child_main(argc, argv);

	setvbuf(stdout, NULL, _IOLBF, 0);
	long n = argc >= 2 ? strtol(argv[1], NULL, 10) : 1000;
	if (n <= 0) {
		printf("usage: %s [iterations]\n", argv[0]);
		return 2;
	}
	/* execve(argv[0]) needs a path: relative paths work because the
	 * children keep our cwd, a bare name found via PATH does not. */
	if (!strchr(argv[0], '/')) {
		printf("stress_fork_exec: argv[0] must contain a '/' to re-exec itself\n");
		return 2;
	}
	for (long i = 0; i < n; i++)
		if (!one_round(argv[0], (int)i)) {
			printf("stress_fork_exec: FAILED after %ld of %ld rounds\n", i, n);
			return 1;
		}
	printf("stress_fork_exec: %ld fork/vfork+execve rounds, exit codes ok\n", n);
	return 0;
}
