/*
 * sh - a small shell for the serial console.
 *
 * Reads a line, splits it into words (single and double quotes group
 * words), and runs it: built-ins (cd, echo, exit, help) in the shell
 * itself, anything else as a program found in /bin or /sbin, waited for
 * unless the line ends with '&'.  Pipes and redirection come with the
 * filesystem.
 *
 * An ordinary C program on musl: it builds and runs on Linux too.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#define MAX_WORDS 64

extern char **environ;

/* Split line into words in place; returns the count. */
static int split(char *line, char **words)
{
	int n = 0;
	char *out = line;

	for (char *p = line; *p && n < MAX_WORDS - 1;) {
		while (*p == ' ' || *p == '\t' || *p == '\n')
			p++;
		if (!*p)
			break;
		words[n++] = out;
		while (*p && *p != ' ' && *p != '\t' && *p != '\n') {
			if (*p == '\'' || *p == '"') {
				char q = *p++;
				while (*p && *p != q)
					*out++ = *p++;
				if (*p)
					p++;
			} else {
				*out++ = *p++;
			}
		}
		if (*p)
			p++;
		*out++ = 0;
	}
	words[n] = NULL;
	return n;
}

static void run(char **argv, int background)
{
	pid_t pid = fork();

	if (pid < 0) {
		perror("sh: fork");
		return;
	}
	if (pid == 0) {
		static const char *dirs[] = { "", "/bin/", "/sbin/" };
		char path[256];
		for (unsigned i = 0; i < sizeof(dirs) / sizeof(dirs[0]); i++) {
			if (i && strchr(argv[0], '/'))
				break;
			snprintf(path, sizeof(path), "%s%s", dirs[i], argv[0]);
			execve(path, argv, environ);
		}
		fprintf(stderr, "sh: %s: %s\n", argv[0], strerror(errno));
		_exit(127);
	}
	if (background) {
		printf("[%d]\n", pid);
		return;
	}
	int status;
	while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
		;
	if (WIFSIGNALED(status))
		printf("sh: %s: killed by signal %d\n", argv[0], WTERMSIG(status));
}

/* Built-ins; returns 1 if argv was one. */
static int builtin(int argc, char **argv)
{
	if (!strcmp(argv[0], "exit"))
		exit(argc > 1 ? atoi(argv[1]) : 0);
	if (!strcmp(argv[0], "cd")) {
		if (chdir(argc > 1 ? argv[1] : "/"))
			perror("cd");
		return 1;
	}
	if (!strcmp(argv[0], "echo")) {
		for (int i = 1; i < argc; i++)
			printf("%s%s", argv[i], i + 1 < argc ? " " : "");
		printf("\n");
		return 1;
	}
	if (!strcmp(argv[0], "help")) {
		printf("built-ins: cd echo exit help; programs: ls /bin\n"
		       "end a line with & to run it in the background\n");
		return 1;
	}
	return 0;
}

int main(void)
{
	char line[512], *words[MAX_WORDS];

	for (;;) {
		/* Collect finished background jobs without blocking. */
		int status;
		pid_t done;
		while ((done = waitpid(-1, &status, WNOHANG)) > 0)
			printf("[%d] done\n", done);
		printf("# ");
		fflush(stdout);
		if (!fgets(line, sizeof(line), stdin))
			return 0;
		int n = split(line, words);
		if (n == 0)
			continue;
		int background = !strcmp(words[n - 1], "&");
		if (background)
			words[--n] = NULL;
		if (n && !builtin(n, words))
			run(words, background);
	}
}
