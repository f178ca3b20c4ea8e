/*
 * init - the first user process (pid 1).
 *
 *   init                 interactive: the servers listed in /etc/rc in
 *                        the background, then a shell on /dev/console,
 *                        started again whenever it exits
 *   init PROG [ARG...]   run one program: stdin from /dev/null, stdout
 *                        and stderr on /dev/serial0, then exit with its
 *                        status (128 + signal if it was killed), which
 *                        ends the kernel's test run
 *   init --argv-file F   the same, with PROG and its arguments read from
 *                        F, each ended by a NUL byte: tools/run-prog puts
 *                        F in the initramfs, since the kernel command
 *                        line splits words at spaces and cannot carry
 *                        an empty argument
 *
 * The environment carries what the kernel command line said to init
 * (the kernel passes NAME=value options it does not know, as Linux
 * does): rc=off skips /etc/rc; HOSTFWD=8080:80,8007:7 (set by make run)
 * says which ports of the user's machine reach which of ours, so that
 * the banner can say what to type there; TAPNET=NS (make run NET=tap)
 * says the guest is on the tap network of namespace NS instead.
 *
 * Either way init also reaps orphans: when a process exits before its
 * children, they become init's, and only init's wait() frees them.
 *
 * An ordinary C program on musl: it builds and runs on Linux too.
 */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <sys/ioctl.h>
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

#define RC_MAX_ARGS 16

/* Start one /etc/rc line in the background, stdin from /dev/null. */
static void start_service(char *line)
{
	char *argv[RC_MAX_ARGS + 1];
	int argc = 0;

	for (char *w = strtok(line, " \t\n"); w && argc < RC_MAX_ARGS;
	     w = strtok(NULL, " \t\n"))
		argv[argc++] = w;
	argv[argc] = NULL;
	if (argc == 0 || argv[0][0] == '#')
		return;
	pid_t pid = fork();
	if (pid == 0) {
		close(0);
		if (open("/dev/null", O_RDONLY) != 0)
			_exit(111);
		execve(argv[0], argv, environ);
		dprintf(2, "init: cannot run %s\n", argv[0]);
		_exit(127);
	}
	if (pid > 0)
		printf("init: started %s (pid %d)\n", argv[0], pid);
}

/* The servers of /etc/rc; they are never waited for (init reaps them
 * like any orphan when they end). */
static void run_rc(void)
{
	const char *rc = getenv("rc");
	char line[256];

	if (rc && !strcmp(rc, "off"))
		return;
	FILE *f = fopen("/etc/rc", "r");
	if (!f)
		return;
	while (fgets(line, sizeof(line), f))
		start_service(line);
	fclose(f);
	fflush(stdout);
}

/* What to try from the user's machine, from HOSTFWD=HOST:GUEST,... */
static void print_banner(void)
{
	const char *fwd = getenv("HOSTFWD"), *tapnet = getenv("TAPNET");
	int host, guest, n;

	if (tapnet && *tapnet) {
		printf("\nFrom your machine (as root), inside the tap network's namespace:\n"
		       "  ip netns exec %s curl http://10.77.0.2/    (httpd)\n"
		       "  ip netns exec %s nc 10.77.0.2 7            (echod)\n",
		       tapnet, tapnet);
		fwd = "";
	}
	if (!fwd || !*fwd) {
		if (tapnet && *tapnet)
			printf("Here: ls /bin, cat /proc/net/snmp, trace on (then curl), poweroff\n\n");
		fflush(stdout);
		return;
	}
	printf("\nFrom your machine, try:\n");
	while (sscanf(fwd, "%d:%d%n", &host, &guest, &n) == 2) {
		if (guest == 80)
			printf("  curl http://localhost:%d/      (httpd)\n", host);
		else if (guest == 7)
			printf("  nc localhost %d                (echod: lines come back)\n", host);
		else
			printf("  localhost:%d reaches port %d here\n", host, guest);
		fwd += n;
		if (*fwd != ',')
			break;
		fwd++;
	}
	printf("Here: ls /bin, cat /proc/eventpoll, trace on (then curl), poweroff\n\n");
	fflush(stdout);
}

/* The shell, as getty starts a login: in a session of its own, with
 * the console as its controlling terminal (so that its jobs can have
 * the foreground and Ctrl-C).  Opening /dev/console never makes it one,
 * on Linux too: TIOCSCTTY does. */
static pid_t spawn_shell(void)
{
	char *sh[] = { "/bin/sh", NULL };
	pid_t pid = fork();

	if (pid == 0) {
		setsid();
		ioctl(0, TIOCSCTTY, 0);
		execve(sh[0], sh, environ);
		dprintf(2, "init: cannot run %s\n", sh[0]);
		_exit(127);
	}
	return pid;
}

static void interactive(void)
{
	setup_stdio("/dev/console", "/dev/console");
	run_rc();
	print_banner();
	for (;;) {
		wait_for(spawn_shell());
		printf("init: the shell exited; starting another\n");
	}
}

#define ARGV_FILE_MAX	(128 << 10)
#define ARGV_MAX	4096

/* Read F's NUL-terminated words into a NULL-terminated argv. */
static char **read_argv_file(const char *path)
{
	static char buf[ARGV_FILE_MAX];
	static char *args[ARGV_MAX + 1];
	int fd = open(path, O_RDONLY), n = 0;
	ssize_t len = 0, got;

	if (fd < 0)
		return NULL;
	while (len < (ssize_t)sizeof(buf) &&
	       (got = read(fd, buf + len, sizeof(buf) - len)) > 0)
		len += got;
	close(fd);
	for (ssize_t i = 0; i < len && n < ARGV_MAX; n++) {
		args[n] = buf + i;
		while (i < len && buf[i])
			i++;
		if (i == len)
			return NULL;	/* the last word has no NUL: cut short */
		i++;
	}
	args[n] = NULL;
	return n ? args : NULL;
}

int main(int argc, char **argv)
{
	if (argc == 3 && !strcmp(argv[1], "--argv-file")) {
		char **args = read_argv_file(argv[2]);
		if (!args) {
			dprintf(2, "init: cannot read the arguments in %s\n", argv[2]);
			return 126;
		}
		return run_one(args);
	}
	if (argc > 1)
		return run_one(argv + 1);
	interactive();
	return 0;
}
