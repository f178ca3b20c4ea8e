/* prctl: the calling thread's own settings, and capget/capset, unshare
 * and the umask that CLONE_FS shares.  PR_SET_NAME/PR_GET_NAME and
 * /proc/self/comm, PR_SET_PDEATHSIG delivered when the parent exits
 * (SI_USER from the old parent) and not inherited, PR_SET_TIMERSLACK
 * (0 restores the value inherited at fork), PR_SET_DUMPABLE,
 * PR_SET_NO_NEW_PRIVS (sticky, inherited), EINVAL for unknown options
 * and bad arguments, EFAULT for bad pointers.  capget: the version
 * handshake, root's bits, none after setuid; capset: confirming is 0,
 * raising or another pid EPERM.  unshare: flags checked, CLONE_FILES and
 * CLONE_FS in a thread, namespaces EPERM for a user. */
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include "errname.h"


#define CLONE_FS	0x00000200
#define CLONE_FILES	0x00000400
#define CLONE_SIGHAND	0x00000800
#define CLONE_THREAD	0x00010000
#define CLONE_VM	0x00000100
#define CLONE_NEWNS	0x00020000
#define CLONE_NEWNET	0x40000000
#define CLONE_NEWUTS	0x04000000

static long pr(long op, long a2, long a3, long a4, long a5)
{
	return syscall(SYS_prctl, op, a2, a3, a4, a5);
}

static void read_file(const char *path, char *buf, size_t size)
{
	int fd = open(path, O_RDONLY);
	ssize_t n = fd >= 0 ? read(fd, buf, size - 1) : -1;

	buf[n > 0 ? n : 0] = '\0';
	if (fd >= 0)
		close(fd);
}

static void names(void)
{
	char name[32], comm[64];

	memset(name, 'x', sizeof(name));
	expect_value("PR_SET_NAME \"worker-one\"", ERR(pr(PR_SET_NAME, (long)"worker-one", 0, 0, 0)), 0);
	expect_value("PR_GET_NAME", ERR(pr(PR_GET_NAME, (long)name, 0, 0, 0)), 0);
	report(!strcmp(name, "worker-one"), "PR_GET_NAME says \"%s\"", name);
	read_file("/proc/self/comm", comm, sizeof(comm));
	report(!strcmp(comm, "worker-one\n"), "/proc/self/comm is the new name");
	read_file("/proc/self/status", comm, sizeof(comm));
	report(!strncmp(comm, "Name:\tworker-one\n", 17), "status's Name: line too");
	pr(PR_SET_NAME, (long)"a-name-longer-than-fifteen", 0, 0, 0);
	pr(PR_GET_NAME, (long)name, 0, 0, 0);
	report(!strcmp(name, "a-name-longer-t"), "a long name is cut to 15 bytes: \"%s\"", name);
	report(name[15] == '\0' && name[16] == 'x', "PR_GET_NAME writes 16 bytes");
	expect_errno("PR_SET_NAME from a bad pointer", ERR(pr(PR_SET_NAME, 1, 0, 0, 0)), EFAULT);
	pr(PR_GET_NAME, (long)name, 0, 0, 0);
	report(!strcmp(name, "a-name-longer-t"), "the name is unchanged after EFAULT");
	expect_errno("PR_GET_NAME to NULL", ERR(pr(PR_GET_NAME, 0, 0, 0, 0)), EFAULT);
	pr(PR_SET_NAME, (long)"prctl", 0, 0, 0);
}

static volatile sig_atomic_t got_sig, got_code, got_pid;

static void on_usr1(int sig, siginfo_t *si, void *uc)
{
	(void)uc;
	got_sig = sig;
	got_code = si->si_code;
	got_pid = si->si_pid;
}

/* A grandchild asks for SIGUSR1 when its parent dies; the parent exits
 * once it knows; the grandchild reports what it got through a pipe. */
static void pdeathsig(void)
{
	int ready[2], result[2], v;

	expect_value("PR_GET_PDEATHSIG at first", ERR(pr(PR_GET_PDEATHSIG, (long)&v, 0, 0, 0)), 0);
	report(v == 0, "no parent-death signal: %d", v);
	expect_errno("PR_SET_PDEATHSIG 65", ERR(pr(PR_SET_PDEATHSIG, 65, 0, 0, 0)), EINVAL);
	expect_errno("PR_SET_PDEATHSIG -1", ERR(pr(PR_SET_PDEATHSIG, -1, 0, 0, 0)), EINVAL);
	expect_errno("PR_GET_PDEATHSIG to a bad pointer", ERR(pr(PR_GET_PDEATHSIG, 1, 0, 0, 0)), EFAULT);
	pr(PR_SET_PDEATHSIG, SIGTERM, 0, 0, 0);
	pr(PR_GET_PDEATHSIG, (long)&v, 0, 0, 0);
	report(v == SIGTERM, "PR_SET_PDEATHSIG SIGTERM reads back %d", v);
	pid_t c = fork();
	if (c == 0) {
		int cv = -1;
		pr(PR_GET_PDEATHSIG, (long)&cv, 0, 0, 0);
		_exit(cv);
	}
	int st;
	waitpid(c, &st, 0);
	report(WIFEXITED(st) && WEXITSTATUS(st) == 0, "a fork child does not inherit it (%d)", WEXITSTATUS(st));
	pr(PR_SET_PDEATHSIG, 0, 0, 0, 0);

	pipe(ready);
	pipe(result);
	c = fork();
	if (c == 0) {
		pid_t me = getpid();
		pid_t g = fork();
		if (g == 0) {
			struct sigaction sa = { .sa_sigaction = on_usr1, .sa_flags = SA_SIGINFO };
			sigset_t block, old;
			sigemptyset(&block);
			sigaddset(&block, SIGUSR1);
			sigprocmask(SIG_BLOCK, &block, &old);
			sigaction(SIGUSR1, &sa, NULL);
			pr(PR_SET_PDEATHSIG, SIGUSR1, 0, 0, 0);
			write(ready[1], "r", 1);
			alarm(10);
			while (!got_sig)
				sigsuspend(&old);
			int out[3] = { got_sig, got_code == SI_USER, got_pid == me };
			out[2] |= (getppid() != me) << 1;
			write(result[1], out, sizeof(out));
			_exit(0);
		}
		char ch;
		read(ready[0], &ch, 1);
		_exit(0);
	}
	close(ready[1]);
	close(result[1]);
	waitpid(c, &st, 0);
	int out[3] = { 0 };
	ssize_t n = read(result[0], out, sizeof(out));
	report(n == sizeof(out) && out[0] == SIGUSR1, "the parent's exit sends SIGUSR1 (%d)", out[0]);
	report(out[1], "si_code SI_USER");
	report(out[2] & 1, "si_pid is the parent that exited");
	report(out[2] & 2, "and the orphan has a new parent");
	close(ready[0]);
	close(result[0]);
}

static void slack_dumpable_nnp(void)
{
	long def = pr(PR_GET_TIMERSLACK, 0, 0, 0, 0);
	report(def == 50000, "PR_GET_TIMERSLACK: %ld ns", def);
	expect_value("PR_SET_TIMERSLACK 1000", ERR(pr(PR_SET_TIMERSLACK, 1000, 0, 0, 0)), 0);
	expect_value("PR_GET_TIMERSLACK", pr(PR_GET_TIMERSLACK, 0, 0, 0, 0), 1000);
	pid_t c = fork();
	if (c == 0) {
		long a = pr(PR_GET_TIMERSLACK, 0, 0, 0, 0);
		pr(PR_SET_TIMERSLACK, 77, 0, 0, 0);
		pr(PR_SET_TIMERSLACK, 0, 0, 0, 0);
		long b = pr(PR_GET_TIMERSLACK, 0, 0, 0, 0);
		_exit((a == 1000) | (b == 1000) << 1);
	}
	int st;
	waitpid(c, &st, 0);
	report(WEXITSTATUS(st) == 3, "a child inherits 1000, and 0 restores that (%d)", WEXITSTATUS(st));
	pr(PR_SET_TIMERSLACK, 0, 0, 0, 0);
	expect_value("PR_SET_TIMERSLACK 0 restores ours", pr(PR_GET_TIMERSLACK, 0, 0, 0, 0), def);

	expect_value("PR_GET_DUMPABLE", ERR(pr(PR_GET_DUMPABLE, 0, 0, 0, 0)), 1);
	expect_value("PR_SET_DUMPABLE 0", ERR(pr(PR_SET_DUMPABLE, 0, 0, 0, 0)), 0);
	expect_value("PR_GET_DUMPABLE", ERR(pr(PR_GET_DUMPABLE, 0, 0, 0, 0)), 0);
	expect_errno("PR_SET_DUMPABLE 2", ERR(pr(PR_SET_DUMPABLE, 2, 0, 0, 0)), EINVAL);
	c = fork();
	if (c == 0)
		_exit(pr(PR_GET_DUMPABLE, 0, 0, 0, 0));
	waitpid(c, &st, 0);
	report(WEXITSTATUS(st) == 0, "a fork child keeps dumpable 0 (%d)", WEXITSTATUS(st));
	pr(PR_SET_DUMPABLE, 1, 0, 0, 0);
	expect_value("PR_SET_DUMPABLE 1 again", ERR(pr(PR_GET_DUMPABLE, 0, 0, 0, 0)), 1);

	c = fork();
	if (c == 0) {
		int ok = pr(PR_GET_NO_NEW_PRIVS, 0, 0, 0, 0) == 0;
		ok |= (pr(PR_SET_NO_NEW_PRIVS, 0, 0, 0, 0) == -1 && errno == EINVAL) << 1;
		ok |= (pr(PR_SET_NO_NEW_PRIVS, 1, 1, 0, 0) == -1 && errno == EINVAL) << 2;
		ok |= (pr(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) == 0) << 3;
		ok |= (pr(PR_GET_NO_NEW_PRIVS, 0, 0, 0, 0) == 1) << 4;
		ok |= (pr(PR_GET_NO_NEW_PRIVS, 1, 0, 0, 0) == -1 && errno == EINVAL) << 5;
		pid_t g = fork();
		if (g == 0)
			_exit(pr(PR_GET_NO_NEW_PRIVS, 0, 0, 0, 0));
		int gst;
		waitpid(g, &gst, 0);
		ok |= (WEXITSTATUS(gst) == 1) << 6;
		_exit(ok);
	}
	waitpid(c, &st, 0);
	report(WEXITSTATUS(st) == 0x7f, "PR_SET_NO_NEW_PRIVS: 0 first, EINVAL for 0 and extra args, then 1, inherited (%#x)", WEXITSTATUS(st));
	expect_value("our own no_new_privs untouched", pr(PR_GET_NO_NEW_PRIVS, 0, 0, 0, 0), 0);
	expect_errno("prctl(0x7fff)", ERR(pr(0x7fff, 0, 0, 0, 0)), EINVAL);
	expect_errno("prctl(-1)", ERR(pr(-1, 0, 0, 0, 0)), EINVAL);
}

/* --- capabilities --- */

struct cap_header { uint32_t version; int pid; };
struct cap_data { uint32_t effective, permitted, inheritable; };
#define V1 0x19980330
#define V3 0x20080522

static long capget(struct cap_header *h, struct cap_data *d)
{
	return syscall(SYS_capget, h, d);
}

static long capset(struct cap_header *h, struct cap_data *d)
{
	return syscall(SYS_capset, h, d);
}

static void caps(void)
{
	struct cap_header h = { V3, 0 };
	struct cap_data d[2];

	memset(d, 0xaa, sizeof(d));
	expect_value("capget v3", ERR(capget(&h, d)), 0);
	report((d[0].effective >> 7) & 1, "root has CAP_SETUID (effective)");
	report((d[0].permitted >> 10) & 1, "root has CAP_NET_BIND_SERVICE (permitted)");
	report(d[1].effective == 0x1ff && d[1].permitted == 0x1ff, "the high words: %#x %#x", d[1].effective, d[1].permitted);
	report(d[0].inheritable == 0 && d[1].inheritable == 0, "inheritable is empty");
	expect_value("capset of what capget said", ERR(capset(&h, d)), 0);
	h.version = 0x1234;
	expect_value("capget of an unknown version, no data", ERR(capget(&h, NULL)), 0);
	report(h.version == V3, "the header now says %#x", h.version);
	h.version = 0x1234;
	expect_errno("capget of an unknown version", ERR(capget(&h, d)), EINVAL);
	report(h.version == V3, "the header now says %#x", h.version);
	h.version = 0x1234;
	expect_errno("capset of an unknown version", ERR(capset(&h, d)), EINVAL);
	h = (struct cap_header){ V3, -1 };
	expect_errno("capget pid -1", ERR(capget(&h, d)), EINVAL);
	h = (struct cap_header){ V3, 999999 };
	expect_errno("capget of no such pid", ERR(capget(&h, d)), ESRCH);
	expect_errno("capget with a bad header", ERR(capget((void *)1, d)), EFAULT);
	h = (struct cap_header){ V3, 0 };
	expect_errno("capget to bad data", ERR(capget(&h, (void *)1)), EFAULT);
	h = (struct cap_header){ V1, 0 };
	memset(d, 0xaa, sizeof(d));
	expect_value("capget v1", ERR(capget(&h, d)), 0);
	report(d[1].effective == 0xaaaaaaaa, "v1 writes one data struct");

	pid_t c = fork();
	if (c == 0) {
		int ok = 0;
		if (setgid(1000) || setuid(1000))
			_exit(255);
		struct cap_header ch = { V3, 0 };
		struct cap_data cd[2];
		memset(cd, 0xaa, sizeof(cd));
		ok |= (capget(&ch, cd) == 0) << 0;
		ok |= (!cd[0].effective && !cd[0].permitted && !cd[1].effective && !cd[1].permitted) << 1;
		ok |= (capset(&ch, cd) == 0) << 2;
		cd[0].effective = cd[0].permitted = 1 << 7;
		ok |= (capset(&ch, cd) == -1 && errno == EPERM) << 3;
		memset(cd, 0, sizeof(cd));
		ch.pid = 1;
		ok |= (capset(&ch, cd) == -1 && errno == EPERM) << 4;
		ch.pid = getppid();
		ok |= (capget(&ch, cd) == 0 && (cd[0].effective >> 7 & 1)) << 5;
		_exit(ok);
	}
	int st;
	waitpid(c, &st, 0);
	report(WEXITSTATUS(st) == 0x3f, "as uid 1000: no capabilities, capset of none 0, raising EPERM, another pid EPERM, root's readable (%#x)", WEXITSTATUS(st));
	h = (struct cap_header){ V3, 0 };
	capget(&h, d);
	d[0].inheritable = 1 << 7;
	h.pid = c;
	expect_errno("capset for another pid", ERR(capset(&h, d)), EPERM);
}

/* --- unshare and the umask CLONE_FS shares --- */

static int shared_fd;
static volatile int phase;

static void *unsharer(void *arg)
{
	long *res = arg;

	umask(077);			/* shared with main: CLONE_FS */
	phase = 1;
	while (phase != 2)
		;
	res[0] = syscall(SYS_unshare, CLONE_FS) == 0;
	umask(022);			/* ours alone now */
	res[1] = syscall(SYS_unshare, CLONE_FILES) == 0;
	close(shared_fd);		/* our copy of the table */
	res[2] = fcntl(shared_fd, F_GETFD) == -1 && errno == EBADF;
	res[3] = syscall(SYS_unshare, CLONE_THREAD) == -1 && errno == EINVAL;
	return NULL;
}

static void unshare_checks(void)
{
	long res[4] = { 0 };
	pthread_t t;

	expect_value("unshare(0)", ERR(syscall(SYS_unshare, 0)), 0);
	expect_errno("unshare(0x1)", ERR(syscall(SYS_unshare, 1)), EINVAL);
	expect_errno("unshare(CLONE_SETTLS)", ERR(syscall(SYS_unshare, 0x80000)), EINVAL);
	expect_value("unshare(CLONE_THREAD|CLONE_SIGHAND|CLONE_VM) alone", ERR(syscall(SYS_unshare, CLONE_THREAD | CLONE_SIGHAND | CLONE_VM)), 0);
	expect_value("unshare(CLONE_FILES|CLONE_FS), nothing shared", ERR(syscall(SYS_unshare, CLONE_FILES | CLONE_FS)), 0);

	mode_t old = umask(022);
	shared_fd = dup(1);
	pthread_create(&t, NULL, unsharer, res);
	while (phase != 1)
		;
	mode_t seen = umask(022);
	report(seen == 077, "a thread's umask(077) is ours too: %03o", seen);
	umask(027);
	phase = 2;
	pthread_join(t, NULL);
	report(res[0], "unshare(CLONE_FS) in a thread");
	seen = umask(old);
	report(seen == 027, "after it, the thread's umask(022) leaves ours: %03o", seen);
	report(res[1], "unshare(CLONE_FILES) in a thread");
	report(res[2], "the thread's close leaves...");
	report(fcntl(shared_fd, F_GETFD) == 0, "...our descriptor open");
	report(res[3], "unshare(CLONE_THREAD) with another thread: EINVAL");
	close(shared_fd);

	pid_t c = fork();
	if (c == 0) {
		if (setgid(1000) || setuid(1000))
			_exit(255);
		int ok = (syscall(SYS_unshare, CLONE_NEWNS) == -1 && errno == EPERM);
		ok |= (syscall(SYS_unshare, CLONE_NEWNET) == -1 && errno == EPERM) << 1;
		ok |= (syscall(SYS_unshare, CLONE_NEWUTS) == -1 && errno == EPERM) << 2;
		_exit(ok);
	}
	int st;
	waitpid(c, &st, 0);
	report(WEXITSTATUS(st) == 7, "as uid 1000, CLONE_NEWNS, CLONE_NEWNET, CLONE_NEWUTS: EPERM (%d)", WEXITSTATUS(st));

	c = fork();
	if (c == 0) {
		umask(0);
		_exit(umask(0));
	}
	waitpid(c, &st, 0);
	seen = umask(old);
	report(seen == old && WEXITSTATUS(st) == 0, "a fork child's umask is its own");
}

int main(void)
{
	pr(PR_SET_NAME, (long)"prctl", 0, 0, 0);
	names();
	pdeathsig();
	slack_dumpable_nnp();
	caps();
	unshare_checks();
	printf("%s\n", failed ? "prctl: FAILED" : "prctl: all passed");
	return failed != 0;
}
