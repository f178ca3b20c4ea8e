/*
 * child.h - run one part of a test in a child process (one that changes
 * its ids, its umask, its root or its locks, say, which the rest of the
 * test must not inherit).  The child reports its own lines through
 * check.h; the parent counts it as one failure if it exited non-zero or
 * was killed.
 */
#ifndef USER_TESTS_CHILD_H
#define USER_TESTS_CHILD_H

#include <stdio.h>
#include <sys/wait.h>
#include <unistd.h>

#include "check.h"

static void __attribute__((unused)) in_child(void (*fn)(void))
{
	pid_t pid = fork();

	if (pid == 0) {
		fn();
		fflush(stdout);
		_exit(failed ? 1 : 0);
	}
	int status;
	waitpid(pid, &status, 0);
	if (!WIFEXITED(status) || WEXITSTATUS(status))
		failed++;		/* the child said FAIL already */
}

#endif
