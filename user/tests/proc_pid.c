/* proc_pid: what ps and top read about another process.  A child (this
 * program again, exec'd with "--child" and arguments that include a
 * space and an empty string) spins until it has been charged CPU time,
 * sets a known signal state and umask, and sleeps in read(); the parent
 * checks /proc/<child>/stat field by field (pid, comm, state, ppid,
 * pgrp, session, times, start, sizes, signal masks, exit signal,
 * argument area), status lines, cmdline byte for byte, comm, and the
 * listing of /proc.  Killed, the child is a zombie (state Z, no
 * cmdline, its exit code in stat); reaped, it is gone, and its CPU time
 * is in the parent's cutime and in wait4's rusage.  /proc/stat, uptime
 * and loadavg are checked for their layout.  Only facts that hold on
 * Linux too are printed. */
#include <errno.h>
#include <dirent.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "check.h"
#include "../lib/proc.h"

#define NFIELDS 52		/* stat's fields since Linux 3.5 */

static char text[8192];
static char *field[NFIELDS + 2];	/* field[1] .. field[NFIELDS] */
static char *child_argv[] = {
	NULL, "--child", "two words", "", "last", NULL, NULL, NULL,
};

static long slurp(const char *path)
{
	return proc_read_file(path, text, sizeof(text));
}

/* Split /proc/<pid>/stat into field[]; the count, or -1.  The name is
 * field 2 without its parentheses. */
static int read_stat(int pid)
{
	char path[64];
	int n = 2;

	snprintf(path, sizeof(path), "/proc/%d/stat", pid);
	if (slurp(path) <= 0)
		return -1;
	char *open = strchr(text, '('), *close = strrchr(text, ')');
	if (!open || !close)
		return -1;
	open[-1] = *close = 0;
	field[1] = text;
	field[2] = open + 1;
	for (char *p = strtok(close + 1, " \n"); p; p = strtok(NULL, " \n"))
		if (++n <= NFIELDS + 1)
			field[n] = p;
	return n;
}

static long long num(int i)
{
	return strtoll(field[i], NULL, 10);
}

/* The value of a "Key:\tvalue" line of the last file read, without the
 * blanks before it, or "". */
static const char *status_line(const char *key)
{
	static char value[128];
	size_t klen = strlen(key);

	value[0] = 0;
	for (char *l = text; l && *l; l = strchr(l, '\n')) {
		if (*l == '\n')
			l++;
		if (strncmp(l, key, klen) == 0 && l[klen] == ':') {
			const char *v = l + klen + 1 + strspn(l + klen + 1, " \t");
			size_t n = strcspn(v, "\n");
			n = n < sizeof(value) - 1 ? n : sizeof(value) - 1;
			memcpy(value, v, n);
			value[n] = 0;
			break;
		}
	}
	return value;
}

static void sleep_ms(long ms)
{
	struct timespec ts = { ms / 1000, ms % 1000 * 1000000 };
	nanosleep(&ts, NULL);
}

/* Wait (5 s at most) until pid's stat shows state; whether it did. */
static int wait_state(int pid, char state)
{
	for (int i = 0; i < 500; i++) {
		if (read_stat(pid) > 3 && field[3][0] == state)
			return 1;
		sleep_ms(10);
	}
	return 0;
}

/* --- the child --- */

/* Every disposition known, whatever the harness left us: default, but
 * SIGHUP ignored and SIGUSR2 caught; only SIGUSR1 blocked. */
static void on_usr2(int sig)
{
	(void)sig;
}

/* The kernel's struct sigaction, for the signals musl keeps to itself
 * (32-34), which the harness may have left ignored all the same. */
struct kernel_sigaction {
	void (*handler)(int);
	unsigned long flags;
	void (*restorer)(void);
	unsigned long long mask;
};

static void child_signals(void)
{
	struct kernel_sigaction dfl = { SIG_DFL, 0, NULL, 0 };
	sigset_t set;

	for (int sig = 1; sig <= 64; sig++)	/* fails for KILL and STOP */
		syscall(SYS_rt_sigaction, sig, &dfl, NULL, sizeof(dfl.mask));
	signal(SIGHUP, SIG_IGN);
	signal(SIGUSR2, on_usr2);
	sigemptyset(&set);
	sigaddset(&set, SIGUSR1);
	sigprocmask(SIG_SETMASK, &set, NULL);
}

/* Spin until our own stat shows user time, so the parent sees some. */
static void child_spin(void)
{
	for (int i = 0; i < 100; i++) {
		struct timespec t0, t;
		clock_gettime(CLOCK_MONOTONIC, &t0);
		do
			clock_gettime(CLOCK_MONOTONIC, &t);
		while ((t.tv_sec - t0.tv_sec) * 1000000000L +
		       (t.tv_nsec - t0.tv_nsec) < 50000000L);
		if (read_stat(getpid()) > 14 && num(14) > 0)
			return;
	}
}

static int child(int rfd, int wfd)
{
	char c;

	child_signals();
	umask(027);
	child_spin();
	if (write(wfd, "r", 1) != 1)
		return 1;
	read(rfd, &c, 1);	/* until killed */
	return 0;
}

/* --- the parent's checks --- */

static void check_stat(int pid)
{
	int n = read_stat(pid);

	report(n == NFIELDS, "stat has %d fields", n);
	if (n < NFIELDS)
		return;
	report(num(1) == pid, "pid field is the child's: %s", yesno(num(1) == pid));
	report(!strcmp(field[2], "proc_pid"), "comm: %s", field[2]);
	report(!strcmp(field[3], "S"), "state: %s", field[3]);
	report(num(4) == getpid(), "ppid is ours: %s", yesno(num(4) == getpid()));
	report(num(5) == getpgrp(), "pgrp is ours: %s", yesno(num(5) == getpgrp()));
	report(num(6) == getsid(0), "session is ours: %s", yesno(num(6) == getsid(0)));
	report(num(14) > 0, "utime after spinning: %s", yesno(num(14) > 0));
	report(num(20) == 1, "num_threads: %lld", num(20));
	/* Not rss: Linux sums its per-CPU counters lazily, and may say 0. */
	report(num(23) > 0, "vsize: %s", yesno(num(23) > 0));
	/* Fields 31-34 are the old 31-bit signal words: pending (of the
	 * thread; kill's signals are the process's), blocked, ignored,
	 * caught. */
	printf("signal %lld blocked %lld sigignore %lld sigcatch %lld\n",
	       num(31), num(32), num(33), num(34));
	report(num(35) == 1, "wchan says asleep: %lld", num(35));
	report(num(38) == SIGCHLD, "exit_signal: %lld", num(38));
	int args = num(48) > 0 && num(49) > num(48) && num(51) > num(50);
	report(args, "arg and env areas: %s", yesno(args));
	report(num(52) == 0, "exit_code of a live process: %lld", num(52));
}

/* Our start is before the child's, both in the past. */
static void check_starttime(int pid, long long *child_start)
{
	long hz = sysconf(_SC_CLK_TCK);
	double up = 0;

	read_stat(pid);
	*child_start = num(22);
	read_stat(getpid());
	long long ours = num(22);
	if (slurp("/proc/uptime") > 0)
		up = atof(text);
	int ok = ours <= *child_start && *child_start <= up * hz + 1;
	report(ok, "starttime between ours and now: %s", yesno(ok));
}

static void check_status(int pid)
{
	char path[64], want[32];

	snprintf(path, sizeof(path), "/proc/%d/status", pid);
	report(slurp(path) > 0, "read status: %s", yesno(1));
	printf("Name: %s\n", status_line("Name"));
	printf("Umask: %s\n", status_line("Umask"));
	printf("State: %s\n", status_line("State"));
	snprintf(want, sizeof(want), "%d", pid);
	report(!strcmp(status_line("Pid"), want), "Pid is the child's: %s",
	       yesno(!strcmp(status_line("Pid"), want)));
	snprintf(want, sizeof(want), "%d", getpid());
	report(!strcmp(status_line("PPid"), want), "PPid is ours: %s",
	       yesno(!strcmp(status_line("PPid"), want)));
	const char *rss = status_line("VmRSS");
	int ok = strlen(rss) > 4 && atol(rss) > 0 && !strcmp(rss + strlen(rss) - 3, " kB");
	report(ok, "VmRSS in kB: %s", yesno(ok));
	printf("Threads: %s\n", status_line("Threads"));
	static const char *const sigs[] = { "SigPnd", "ShdPnd", "SigBlk", "SigIgn", "SigCgt" };
	for (int i = 0; i < 5; i++)
		printf("%s: %s\n", sigs[i], status_line(sigs[i]));
}

/* The argument strings, NUL after each, exactly as passed to execve. */
static void check_cmdline(int pid)
{
	char path[64], want[512];
	size_t len = 0;

	for (char **a = child_argv; *a; a++) {
		memcpy(want + len, *a, strlen(*a) + 1);
		len += strlen(*a) + 1;
	}
	snprintf(path, sizeof(path), "/proc/%d/cmdline", pid);
	long got = slurp(path);
	int ok = got == (long)len && !memcmp(text, want, len);
	report(ok, "cmdline is argv, NUL-separated: %s (%ld bytes)", yesno(ok),
	       got == (long)len ? got : -1L);
	snprintf(path, sizeof(path), "/proc/%d/comm", pid);
	ok = slurp(path) > 0 && !strcmp(text, "proc_pid\n");
	report(ok, "comm file is the name and a newline: %s", yesno(ok));
}

/* /proc lists the child once, as ps will find it. */
static void check_listing(int pid)
{
	DIR *d = opendir("/proc");
	struct dirent *e;
	int seen = 0;

	while (d && (e = readdir(d)))
		seen += atoi(e->d_name) == pid;
	if (d)
		closedir(d);
	report(seen == 1, "/proc lists the child once: %s", yesno(seen == 1));
}

static void check_zombie(int pid)
{
	char path[64];

	int zombie = wait_state(pid, 'Z');
	report(zombie, "killed, the child is a zombie: %s", yesno(zombie));
	if (!zombie)
		return;
	report(num(52) == SIGKILL, "zombie's exit_code field: %lld", num(52));
	snprintf(path, sizeof(path), "/proc/%d/cmdline", pid);
	int empty = slurp(path) == 0;
	report(empty, "zombie's cmdline is empty: %s", yesno(empty));
	snprintf(path, sizeof(path), "/proc/%d/status", pid);
	slurp(path);
	printf("zombie State: %s\n", status_line("State"));
}

static void check_reaped(int pid)
{
	struct rusage ru;
	int status;
	char path[64];

	report(wait4(pid, &status, 0, &ru) == pid, "wait4: %s", yesno(1));
	report(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL,
	       "killed by SIGKILL: %s", yesno(WIFSIGNALED(status)));
	int ok = ru.ru_utime.tv_sec > 0 || ru.ru_utime.tv_usec > 0;
	report(ok, "rusage has the child's user time: %s", yesno(ok));
	snprintf(path, sizeof(path), "/proc/%d/stat", pid);
	int fd = open(path, O_RDONLY);
	report(fd < 0 && errno == ENOENT, "reaped, /proc/<pid> is gone: %s",
	       fd < 0 ? strerror(errno) : "no");
	read_stat(getpid());
	report(num(16) > 0, "our cutime has the child's: %s", yesno(num(16) > 0));
}

/* The layout of the machine-wide files (their numbers vary). */
static void check_system_files(long long child_start)
{
	unsigned long long cpu[4];
	double up, idle, load[3];
	int running, total, last;

	slurp("/proc/stat");
	int ok = sscanf(text, "cpu  %llu %llu %llu %llu", &cpu[0], &cpu[1],
			&cpu[2], &cpu[3]) == 4;
	report(ok, "/proc/stat starts with the cpu line: %s", yesno(ok));
	static const char *const keys[] = { "ctxt", "btime", "processes",
					    "procs_running", "procs_blocked", "intr",
					    "softirq" };
	for (int i = 0; i < 7; i++) {
		char line[32];
		snprintf(line, sizeof(line), "\n%s ", keys[i]);
		report(strstr(text, line) != NULL, "/proc/stat has %s: %s",
		       keys[i], yesno(strstr(text, line) != NULL));
	}
	/* softirq: the total, then the ten vectors (HI ... RCU) it sums. */
	const char *si = strstr(text, "\nsoftirq ");
	unsigned long long v[11], sum = 0;
	ok = si && sscanf(si, "\nsoftirq %llu %llu %llu %llu %llu %llu %llu %llu %llu %llu %llu",
			  &v[0], &v[1], &v[2], &v[3], &v[4], &v[5], &v[6], &v[7],
			  &v[8], &v[9], &v[10]) == 11;
	for (int i = 1; ok && i < 11; i++)
		sum += v[i];
	ok = ok && sum == v[0];
	report(ok, "/proc/stat's softirq line: a total of ten vectors: %s", yesno(ok));
	slurp("/proc/uptime");
	ok = sscanf(text, "%lf %lf", &up, &idle) == 2 && up > 0 &&
	     up * sysconf(_SC_CLK_TCK) + 1 >= child_start;
	report(ok, "/proc/uptime: up and idle seconds: %s", yesno(ok));
	slurp("/proc/loadavg");
	ok = sscanf(text, "%lf %lf %lf %d/%d %d", &load[0], &load[1], &load[2],
		    &running, &total, &last) == 6 && running >= 1 &&
	     total >= running && last > 0;
	report(ok, "/proc/loadavg: loads, running/total, last pid: %s", yesno(ok));
}

int main(int argc, char **argv)
{
	int ready[2], go[2];
	char fds[2][16], c;
	long long child_start = 0;

	if (argc > 1 && !strcmp(argv[1], "--child"))
		return child(atoi(argv[argc - 2]), atoi(argv[argc - 1]));
	if (pipe(ready) || pipe(go))
		return 1;
	snprintf(fds[0], sizeof(fds[0]), "%d", go[0]);
	snprintf(fds[1], sizeof(fds[1]), "%d", ready[1]);
	child_argv[0] = argv[0];
	child_argv[5] = fds[0];
	child_argv[6] = fds[1];
	pid_t pid = fork();
	if (pid == 0) {
		execv(argv[0], child_argv);
		_exit(127);
	}
	report(read(ready[0], &c, 1) == 1, "child ready: %s", yesno(1));
	kill(pid, SIGUSR1);		/* blocked: stays pending */
	report(wait_state(pid, 'S'), "child asleep: %s", yesno(1));
	check_stat(pid);
	check_starttime(pid, &child_start);
	check_status(pid);
	check_cmdline(pid);
	check_listing(pid);
	kill(pid, SIGKILL);
	check_zombie(pid);
	check_reaped(pid);
	check_system_files(child_start);
	printf("%s\n", failed ? "some checks failed" : "all checks passed");
	return failed != 0;
}
