/* runall: run programs one after another, each to its end, and say how
 * each ended; exit 1 if any did not exit 0.  Each argument is one
 * command line, words split at spaces:
 *
 *	runall "/bin/epoll" "/bin/tcp_buffers" "/bin/sleep-bench 10"
 *
 * For one boot that runs a whole workload (tools/tests/lockdep.sh runs
 * the tests with the lock validator on this way). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/wait.h>

#define MAX_WORDS 16

static int run(char *line)
{
	char *argv[MAX_WORDS + 1];
	int argc = 0;

	for (char *w = strtok(line, " "); w && argc < MAX_WORDS; w = strtok(NULL, " "))
		argv[argc++] = w;
	argv[argc] = NULL;
	if (!argc)
		return 0;
	fflush(stdout);
	pid_t pid = fork();
	if (pid < 0) {
		perror("runall: fork");
		return 1;
	}
	if (pid == 0) {
		execv(argv[0], argv);
		perror(argv[0]);
		_exit(127);
	}
	int status;
	if (waitpid(pid, &status, 0) < 0) {
		perror("runall: waitpid");
		return 1;
	}
	if (WIFEXITED(status)) {
		printf("runall: %s exited %d\n", argv[0], WEXITSTATUS(status));
		return WEXITSTATUS(status) != 0;
	}
	printf("runall: %s killed by signal %d\n", argv[0], WTERMSIG(status));
	return 1;
}

int main(int argc, char **argv)
{
	int failed = 0;

	for (int i = 1; i < argc; i++)
		failed += run(argv[i]);
	printf("runall: %d of %d failed\n", failed, argc - 1);
	return failed != 0;
}
