/* threads: Linux's thread model as the C library and raw clone see it.
 * Thread groups (getpid is the group's, gettid each thread's), the clone
 * flags pthread_create passes and their errors, CLONE_PARENT_SETTID,
 * CLONE_CHILD_SETTID, CLONE_CHILD_CLEARTID with its futex wake,
 * CLONE_SETTLS, clone3, exit ending one thread and exit_group all of
 * them, a leader that exits first, wait4 seeing one process, a fatal
 * signal ending the group, execve from a thread, shared descriptors and
 * cwd, and /proc/<pid>/task.  Prints no ids. */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "check.h"
#include "raw_clone.h"

#define THREAD_FLAGS (CLONE_VM | CLONE_FS | CLONE_FILES | CLONE_SIGHAND | \
		      CLONE_THREAD | CLONE_SYSVSEM)
#define ARCH_GET_FS 0x1003
#define FUTEX_WAIT 0

static const char *self_path;

static pid_t gettid_(void) { return syscall(SYS_gettid); }

/* --- thread groups through pthreads --- */

struct ids { pid_t pid, tid; int cpu_ok; };

static void *report_ids(void *arg)
{
	struct ids *id = arg;
	id->pid = getpid();
	id->tid = gettid_();
	return arg;
}

static void pthread_ids(void)
{
	pthread_t t[8];
	struct ids id[8];
	pid_t me = getpid();
	int same_pid = 0, distinct = 1, created = 0;

	report(gettid_() == me, "the main thread's tid is the pid");
	for (int i = 0; i < 8; i++)
		created += pthread_create(&t[i], NULL, report_ids, &id[i]) == 0;
	for (int i = 0; i < 8; i++) {
		void *r;
		pthread_join(t[i], &r);
		same_pid += r == &id[i] && id[i].pid == me;
	}
	for (int i = 0; i < 8; i++)
		for (int j = 0; j < 8; j++)
			if ((i != j && id[i].tid == id[j].tid) || id[i].tid == me)
				distinct = 0;
	report(created == 8, "8 pthreads created");
	report(same_pid == 8, "getpid is the same in every thread, join returns each value");
	report(distinct, "each thread has its own tid, none is the pid");
}

/* --- raw clone: the flags one by one --- */

static char stacks[4][65536] __attribute__((aligned(16)));
static volatile int child_ran, child_tid_seen;
static volatile unsigned long child_fs;

static int child_fn(void *arg)
{
	(void)arg;
	child_tid_seen = raw_syscall(SYS_gettid, 0, 0, 0, 0, 0, 0);
	unsigned long fs = 0;
	raw_syscall(SYS_arch_prctl, ARCH_GET_FS, (long)&fs, 0, 0, 0, 0);
	child_fs = fs;
	child_ran = 1;
	return 0;
}

static int futex_wait_(volatile int *addr, int val)
{
	return syscall(SYS_futex, addr, FUTEX_WAIT, val, NULL, NULL, 0);
}

/* Wait until the kernel clears *ctid at the thread's exit (and wakes us
 * through the futex there), as pthread_join does. */
static int join_tid(volatile int *ctid)
{
	for (int spins = 0; *ctid; spins++) {
		int v = *ctid;
		if (v && futex_wait_(ctid, v) < 0 && errno != EAGAIN && errno != EINTR)
			return -1;
		if (spins > 100000)
			return -1;
	}
	return 0;
}

static void raw_clone_flags(void)
{
	int ptid = 0;
	volatile int ctid = -1;	/* until the kernel writes the tid there */
	static unsigned long tls_block[16];

	errno = 0;
	long r = raw_clone(CLONE_VM | CLONE_THREAD, stacks[0] + sizeof stacks[0],
			   NULL, NULL, 0, child_fn, NULL);
	report(r == -EINVAL, "CLONE_THREAD without CLONE_SIGHAND: EINVAL");
	r = raw_clone(CLONE_SIGHAND, stacks[0] + sizeof stacks[0], NULL, NULL, 0,
		      child_fn, NULL);
	report(r == -EINVAL, "CLONE_SIGHAND without CLONE_VM: EINVAL");

	r = raw_clone(THREAD_FLAGS | CLONE_PARENT_SETTID | CLONE_CHILD_SETTID |
		      CLONE_CHILD_CLEARTID | CLONE_SETTLS,
		      stacks[0] + sizeof stacks[0], &ptid, (int *)&ctid,
		      (unsigned long)tls_block, child_fn, NULL);
	report(r > 0, "clone with pthread's flags makes a thread");
	report(ptid == r, "CLONE_PARENT_SETTID: the new tid in the parent's word");
	report(join_tid(&ctid) == 0 && child_ran,
	       "CLONE_CHILD_CLEARTID: the word is cleared and the futex woken at exit");
	report(child_tid_seen == r, "the child's gettid is the tid clone returned");
	report(child_fs == (unsigned long)tls_block, "CLONE_SETTLS: the child's FS base");

	/* CLONE_CHILD_SETTID: the child's own memory gets its tid before
	 * it runs; with a forked (copied) memory the parent's stays 0. */
	volatile int settid = 0;
	pid_t c = syscall(SYS_clone, SIGCHLD | CLONE_CHILD_SETTID, 0, NULL, &settid, 0);
	if (c == 0)
		_exit(settid == getpid() ? 0 : 1);
	int st;
	waitpid(c, &st, 0);
	report(WIFEXITED(st) && WEXITSTATUS(st) == 0 && settid == 0,
	       "CLONE_CHILD_SETTID in a fork: written in the child's copy only");
}

/* clone3 with a stack given as base and size. */
static void clone3_thread(void)
{
	struct {
		unsigned long long flags, pidfd, child_tid, parent_tid, exit_signal;
		unsigned long long stack, stack_size, tls, set_tid, set_tid_size, cgroup;
	} args;
	volatile int ctid = -1;
	int ptid = 0;

	memset(&args, 0, sizeof args);
	child_ran = 0;
	args.flags = THREAD_FLAGS | CLONE_PARENT_SETTID | CLONE_CHILD_CLEARTID |
		     CLONE_CHILD_SETTID;
	args.child_tid = (unsigned long)&ctid;
	args.parent_tid = (unsigned long)&ptid;
	args.stack = (unsigned long)stacks[1];
	args.stack_size = sizeof stacks[1];
	long r = raw_clone3(&args, 64, child_fn, NULL);
	report(r > 0 && ptid == r, "clone3 makes a thread, parent_tid set");
	report(join_tid(&ctid) == 0 && child_ran && child_tid_seen == r,
	       "clone3's thread ran on its stack and was joined");
	args.stack_size = 0;
	report(raw_clone3(&args, 64, child_fn, NULL) == -EINVAL,
	       "clone3: a stack without a size is EINVAL");
	args.stack_size = sizeof stacks[1];
	report(raw_clone3(&args, 63, child_fn, NULL) == -EINVAL,
	       "clone3: a structure shorter than 64 bytes is EINVAL");
	args.exit_signal = SIGCHLD;
	report(raw_clone3(&args, 64, child_fn, NULL) == -EINVAL,
	       "clone3: CLONE_THREAD with an exit signal is EINVAL");
	args.exit_signal = 0;
	char big[96];
	memset(big, 0, sizeof big);
	memcpy(big, &args, sizeof args);
	big[95] = 1;
	report(raw_clone3(big, sizeof big, child_fn, NULL) == -E2BIG,
	       "clone3: unknown trailing bytes that are not zero: E2BIG");
}

/* --- exit, exit_group, and the process as wait4 sees it --- */

static void *sleeper(void *arg)
{
	(void)arg;
	for (;;)
		pause();
	return NULL;
}

static void *exit_group_42(void *arg)
{
	(void)arg;
	usleep(20000);
	_exit(42);		/* exit_group: every thread */
}

static volatile int raw_exited;

static int raw_exit_fn(void *arg)
{
	(void)arg;
	raw_exited = 1;
	return 9;		/* raw_clone's child then calls SYS_exit */
}

static int child_status(pid_t c)
{
	int st = 0;
	if (waitpid(c, &st, 0) != c)
		return -1;
	return st;
}

static void exits(void)
{
	pthread_t t;

	/* exit(2) in a thread ends that thread alone.  (Not in a pthread:
	 * the C library's own thread list would not know.) */
	volatile int ctid = -1;
	long r = raw_clone(THREAD_FLAGS | CLONE_CHILD_SETTID | CLONE_CHILD_CLEARTID,
			   stacks[2] + sizeof stacks[2], NULL, (int *)&ctid, 0,
			   raw_exit_fn, NULL);
	report(r > 0 && join_tid(&ctid) == 0 && raw_exited,
	       "SYS_exit in a thread ends it alone (joined; we still run)");

	/* exit_group from a thread while the others sleep. */
	pid_t c = fork();
	if (c == 0) {
		pthread_create(&t, NULL, sleeper, NULL);
		pthread_create(&t, NULL, exit_group_42, NULL);
		sleeper(NULL);
	}
	int st = child_status(c);
	report(WIFEXITED(st) && WEXITSTATUS(st) == 42,
	       "exit_group in one thread ends all three, status 42");
	report(waitpid(-1, NULL, WNOHANG) == -1 && errno == ECHILD,
	       "wait4 saw one process, nothing more to reap");

	/* The leader leaves first (pthread_exit); the process lives on
	 * until its last thread, and is reaped once, with that status. */
	int pipefd[2];
	if (pipe(pipefd))
		return;
	c = fork();
	if (c == 0) {
		close(pipefd[0]);
		pthread_create(&t, NULL, exit_group_42, NULL);
		pthread_exit(NULL);
	}
	close(pipefd[1]);
	usleep(5000);
	report(waitpid(c, NULL, WNOHANG) == 0,
	       "a leader gone before its threads: the process is not reaped yet");
	st = child_status(c);
	report(WIFEXITED(st) && WEXITSTATUS(st) == 42,
	       "reaped once the last thread ends, with its exit_group status");
	char b;
	report(read(pipefd[0], &b, 1) == 0, "the process's descriptors closed by then");
	close(pipefd[0]);
}

static void *segv_later(void *arg)
{
	(void)arg;
	usleep(20000);
	kill(getpid(), SIGTERM);	/* to the process, default action */
	return sleeper(NULL);
}

static void fatal_signals(void)
{
	pthread_t t;
	pid_t c = fork();

	if (c == 0) {
		pthread_create(&t, NULL, sleeper, NULL);
		pthread_create(&t, NULL, segv_later, NULL);
		sleeper(NULL);
	}
	int st = child_status(c);
	report(WIFSIGNALED(st) && WTERMSIG(st) == SIGTERM,
	       "SIGTERM's default action ends the whole group");

	c = fork();
	if (c == 0) {
		pthread_create(&t, NULL, sleeper, NULL);
		pthread_create(&t, NULL, sleeper, NULL);
		sleeper(NULL);
	}
	usleep(20000);
	kill(c, SIGKILL);
	st = child_status(c);
	report(WIFSIGNALED(st) && WTERMSIG(st) == SIGKILL,
	       "SIGKILL to the process ends all its threads");
}

/* --- execve from a thread --- */

struct exec_args { char pid[16]; };

static void *exec_from_thread(void *arg)
{
	struct exec_args *a = arg;
	char *argv[] = { (char *)self_path, "--exec-check", a->pid, NULL };
	usleep(10000);
	execv(self_path, argv);
	_exit(99);
}

/* The new program: same pid, one thread. */
static int exec_check(const char *pid)
{
	char buf[4096];
	int fd = open("/proc/self/status", O_RDONLY);
	ssize_t n = fd >= 0 ? read(fd, buf, sizeof buf - 1) : -1;
	if (n <= 0)
		return 2;
	buf[n] = 0;
	if (getpid() != atoi(pid) || gettid_() != getpid())
		return 3;
	return strstr(buf, "\nThreads:\t1\n") ? 5 : 4;
}

static void exec_in_thread(void)
{
	pthread_t t;
	static struct exec_args a;

	pid_t c = fork();
	if (c == 0) {
		snprintf(a.pid, sizeof a.pid, "%d", getpid());
		pthread_create(&t, NULL, sleeper, NULL);
		pthread_create(&t, NULL, exec_from_thread, &a);
		sleeper(NULL);
	}
	int st = child_status(c);
	report(WIFEXITED(st) && WEXITSTATUS(st) == 5,
	       "execve from a thread: the others end, the pid stays, one thread left");
}

/* --- what threads share --- */

static int shared_fd = -1;

static void *open_a_file(void *arg)
{
	(void)arg;
	shared_fd = open("/dev/null", O_RDONLY);
	chdir("/");
	return NULL;
}

static void sharing(void)
{
	pthread_t t;
	char before[256], after[256];

	if (!getcwd(before, sizeof before))
		return;
	pthread_create(&t, NULL, open_a_file, NULL);
	pthread_join(t, NULL);
	report(shared_fd >= 0 && fcntl(shared_fd, F_GETFD) >= 0,
	       "a descriptor a thread opened is ours (CLONE_FILES)");
	report(getcwd(after, sizeof after) && strcmp(after, "/") == 0,
	       "a thread's chdir moves us too (CLONE_FS)");
	close(shared_fd);
	chdir(before);
}

/* --- /proc/<pid>/task --- */

static volatile int release_threads;

static void *wait_release(void *arg)
{
	(void)arg;
	while (!release_threads)
		usleep(1000);
	return NULL;
}

static int count_tasks(const char *dir)
{
	DIR *d = opendir(dir);
	int n = 0;
	struct dirent *e;

	if (!d)
		return -1;
	while ((e = readdir(d)))
		n += e->d_name[0] >= '0' && e->d_name[0] <= '9';
	closedir(d);
	return n;
}

static int read_file(const char *path, char *buf, size_t size)
{
	int fd = open(path, O_RDONLY);
	if (fd < 0)
		return -1;
	ssize_t n = read(fd, buf, size - 1);
	close(fd);
	if (n < 0)
		return -1;
	buf[n] = 0;
	return n;
}

static void proc_task(void)
{
	pthread_t t[3];
	char path[128], buf[4096];

	release_threads = 0;
	for (int i = 0; i < 3; i++)
		pthread_create(&t[i], NULL, wait_release, NULL);
	snprintf(path, sizeof path, "/proc/%d/task", getpid());
	report(count_tasks(path) == 4, "/proc/<pid>/task lists 4 threads");
	report(count_tasks("/proc/self/task") == 4, "/proc/self/task too");
	snprintf(path, sizeof path, "/proc/%d/status", getpid());
	report(read_file(path, buf, sizeof buf) > 0 && strstr(buf, "\nThreads:\t4\n"),
	       "status says Threads: 4");
	snprintf(path, sizeof path, "/proc/%d/stat", getpid());
	int fields_ok = 0;
	if (read_file(path, buf, sizeof buf) > 0) {
		char *p = strrchr(buf, ')');
		int field = 2;
		long v = 0;
		for (; p && *p && field < 20; p++)
			if (*p == ' ')
				field++;
		if (p)
			v = strtol(p, NULL, 10);
		fields_ok = v == 4;
	}
	report(fields_ok, "stat's num_threads (field 20) is 4");

	/* A thread's own directory: its tid, its name. */
	static pid_t tid;
	tid = gettid_();
	snprintf(path, sizeof path, "/proc/self/task/%d/comm", tid);
	report(read_file(path, buf, sizeof buf) > 0 && strcmp(buf, "threads\n") == 0,
	       "task/<tid>/comm is the thread's name");
	snprintf(path, sizeof path, "/proc/self/task/%d/status", tid);
	char want[64];
	snprintf(want, sizeof want, "\nPid:\t%d\n", tid);
	report(read_file(path, buf, sizeof buf) > 0 && strstr(buf, want) &&
	       strstr(buf, "\nThreads:\t4\n"),
	       "task/<tid>/status has the thread's Pid and the group's Threads");
	snprintf(path, sizeof path, "/proc/self/task/%d/stat", tid);
	snprintf(want, sizeof want, "%d (threads) ", tid);
	report(read_file(path, buf, sizeof buf) > 0 && strncmp(buf, want, strlen(want)) == 0,
	       "task/<tid>/stat starts with the tid and the thread's name");
	release_threads = 1;
	for (int i = 0; i < 3; i++)
		pthread_join(t[i], NULL);
	snprintf(path, sizeof path, "/proc/%d/task", getpid());
	report(count_tasks(path) == 1, "joined: one thread listed again");
}

int main(int argc, char **argv)
{
	self_path = argv[0];
	if (argc == 3 && strcmp(argv[1], "--exec-check") == 0)
		return exec_check(argv[2]);
	pthread_ids();
	raw_clone_flags();
	clone3_thread();
	exits();
	fatal_signals();
	exec_in_thread();
	sharing();
	proc_task();
	printf("threads: %s\n", failed ? "FAILED" : "all passed");
	return failed != 0;
}
