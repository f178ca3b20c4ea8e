#define _GNU_SOURCE
/* cred: users, groups and permissions against Linux's answers.  Run as
 * root (the host's test runs as root; so does the kernel's init).  Root
 * builds a fresh "cred_test.dir" under the cwd (removed at the end), then
 * forked children drop to uid/gid 65534 and try what an unprivileged
 * user may not do: read a 0600 root file, write, create or remove in a
 * root directory, remove another's file in a sticky directory, chmod or
 * chown what is not theirs, execute a 0700 file, signal root's process,
 * bind ports below 1024, take uid 0 back.  Also the id calls' rules
 * (setuid, setreuid, setresuid, setfsuid and their gid twins, the saved
 * id, getgroups/setgroups), access() answering for the real uid, chown
 * clearing set-id bits, and exec of a set-user-id file.  Paths are
 * relative to the cwd, so no directory above it needs opening to others. */
#include <fcntl.h>
#include <grp.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/fsuid.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "child.h"
#include "errname.h"

#define D "cred_test.dir"
#define NOBODY 65534

static void ids(const char *who)
{
	uid_t r, e, s;
	gid_t gr, ge, gs;

	getresuid(&r, &e, &s);
	getresgid(&gr, &ge, &gs);
	report(1, "%s: uid %u %u %u fsuid %d, gid %u %u %u fsgid %d", who,
	       r, e, s, setfsuid(-1), gr, ge, gs, setfsgid(-1));
}

static void mode_of(const char *what, const char *path)
{
	struct stat st;

	if (lstat(path, &st))
		report(0, "%s: stat %s: %s", what, path, errname(errno));
	else
		report(1, "%s: mode %04o uid %u gid %u", what,
		       st.st_mode & 07777, st.st_uid, st.st_gid);
}

static void make_file(const char *path, mode_t mode, const char *text)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, mode);

	if (fd < 0 || write(fd, text, strlen(text)) < 0 || close(fd) ||
	    chmod(path, mode))
		report(0, "make %s: %s", path, errname(errno));
}

/* A copy of this program at path (for exec as another user). */
static void copy_self(const char *self, const char *path)
{
	char buf[8192];
	int in = open(self, O_RDONLY), out = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0755);
	ssize_t n;

	while (in >= 0 && out >= 0 && (n = read(in, buf, sizeof(buf))) > 0)
		if (write(out, buf, n) != n)
			break;
	if (in < 0 || out < 0)
		report(0, "copy %s: %s", self, errname(errno));
	close(in);
	close(out);
}

static void become_nobody(void)
{
	expect_value("setgroups(0) as root", ERR(setgroups(0, NULL)), 0);
	expect_value("setgid(65534) as root", ERR(setgid(NOBODY)), 0);
	expect_value("setuid(65534) as root", ERR(setuid(NOBODY)), 0);
}

static int bind_port(int type, int port)
{
	int fd = socket(AF_INET, type, 0);
	struct sockaddr_in a = { .sin_family = AF_INET, .sin_port = htons(port) };

	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	long r = ERR(bind(fd, (struct sockaddr *)&a, sizeof(a)));
	int e = errno;
	close(fd);
	errno = e;
	return r;
}

static void status_line(const char *key)
{
	char buf[4096], *p;
	int fd = open("/proc/self/status", O_RDONLY);
	ssize_t n = fd < 0 ? -1 : read(fd, buf, sizeof(buf) - 1);

	close(fd);
	if (n <= 0) {
		report(0, "read /proc/self/status: %s", errname(errno));
		return;
	}
	buf[n] = 0;
	p = strstr(buf, key);
	if (!p) {
		report(0, "no %s line", key);
		return;
	}
	char *end = strchr(p, '\n');
	if (end)
		*end = 0;
	for (char *q = p; *q; q++)
		if (*q == '\t')
			*q = ' ';
	report(1, "status: [%s]", p);
}

/* --- as uid and gid 65534, no supplementary groups --- */
static void nobody(void)
{
	char buf[64];

	become_nobody();
	ids("after setuid(65534)");
	status_line("Uid:");
	status_line("Gid:");
	status_line("Groups:");
	expect_value("getuid", ERR(getuid()), NOBODY);
	expect_value("geteuid", ERR(geteuid()), NOBODY);
	expect_errno("setuid(0)", ERR(setuid(0)), EPERM);
	expect_errno("setgid(0)", ERR(setgid(0)), EPERM);
	expect_errno("seteuid(0)", ERR(seteuid(0)), EPERM);
	expect_errno("setreuid(0, -1)", ERR(setreuid(0, -1)), EPERM);
	expect_errno("setresuid(-1, -1, 0)", ERR(setresuid(-1, -1, 0)), EPERM);
	expect_errno("setresgid(0, -1, -1)", ERR(setresgid(0, -1, -1)), EPERM);
	expect_value("setresuid(-1, -1, -1)", ERR(setresuid(-1, -1, -1)), 0);
	expect_value("setuid(65534) again", ERR(setuid(NOBODY)), 0);
	expect_errno("setuid(-1)", ERR(setuid(-1)), EINVAL);
	gid_t g[1] = { 0 };
	expect_errno("setgroups as nobody", ERR(setgroups(1, g)), EPERM);
	expect_value("setfsuid(0) refused: returns the old fsuid",
		     ERR(setfsuid(0)), NOBODY);
	expect_value("fsuid unchanged", ERR(setfsuid(-1)), NOBODY);

	/* reading and writing root's files */
	expect_errno("open 0600 root file O_RDONLY", ERR(open(D "/secret", O_RDONLY)), EACCES);
	expect_errno("access 0600 root file R_OK", ERR(access(D "/secret", R_OK)), EACCES);
	int fd = open(D "/rootpub", O_RDONLY);
	report(fd >= 0, "open 0644 root file O_RDONLY: %s", fd >= 0 ? "ok" : errname(errno));
	ssize_t n = fd >= 0 ? read(fd, buf, sizeof(buf)) : -1;
	report(n == 7, "read it: %zd bytes", n);
	close(fd);
	expect_errno("open 0644 root file O_WRONLY", ERR(open(D "/rootpub", O_WRONLY)), EACCES);
	expect_errno("open 0644 root file O_RDONLY|O_TRUNC",
		     ERR(open(D "/rootpub", O_RDONLY | O_TRUNC)), EACCES);
	expect_value("access 0644 root file R_OK", ERR(access(D "/rootpub", R_OK)), 0);
	expect_errno("access 0644 root file W_OK", ERR(access(D "/rootpub", W_OK)), EACCES);
	expect_errno("access 0644 root file X_OK", ERR(access(D "/rootpub", X_OK)), EACCES);
	expect_errno("truncate 0644 root file", ERR(truncate(D "/rootpub", 0)), EACCES);
	expect_errno("execve 0700 root file", ERR(execl(D "/rootexec", "x", (char *)NULL)), EACCES);

	/* names in root's 0755 directory */
	expect_errno("creat in root's dir", ERR(open(D "/new", O_WRONLY | O_CREAT, 0644)), EACCES);
	expect_errno("open existing O_CREAT|O_EXCL in root's dir",
		     ERR(open(D "/rootpub", O_WRONLY | O_CREAT | O_EXCL, 0644)), EEXIST);
	expect_errno("mkdir in root's dir", ERR(mkdir(D "/newdir", 0755)), EACCES);
	expect_errno("symlink in root's dir", ERR(symlink("x", D "/newlink")), EACCES);
	expect_errno("unlink in root's dir", ERR(unlink(D "/rootpub")), EACCES);
	expect_errno("rmdir in root's dir", ERR(rmdir(D "/closed")), EACCES);
	expect_errno("rename in root's dir", ERR(rename(D "/rootpub", D "/moved")), EACCES);

	/* a 0700 directory: no search, no listing */
	expect_errno("stat through a 0700 dir", ERR(access(D "/closed/inside", F_OK)), EACCES);
	expect_errno("open through a 0700 dir", ERR(open(D "/closed/inside", O_RDONLY)), EACCES);
	expect_errno("opendir a 0700 dir", ERR(open(D "/closed", O_RDONLY | O_DIRECTORY)), EACCES);
	expect_errno("chdir into a 0700 dir", ERR(chdir(D "/closed")), EACCES);

	/* the sticky 01777 directory */
	fd = open(D "/sticky/mine", O_WRONLY | O_CREAT | O_EXCL, 0640);
	report(fd >= 0, "create in the sticky dir: %s", fd >= 0 ? "ok" : errname(errno));
	close(fd);
	mode_of("our new file", D "/sticky/mine");
	expect_errno("unlink root's file in the sticky dir", ERR(unlink(D "/sticky/rootfile")), EPERM);
	expect_errno("rename root's file in the sticky dir",
		     ERR(rename(D "/sticky/rootfile", D "/sticky/taken")), EPERM);
	expect_errno("rename ours over root's in the sticky dir",
		     ERR(rename(D "/sticky/mine", D "/sticky/rootfile")), EPERM);
	fd = open(D "/sticky/rootfile", O_WRONLY);
	report(fd >= 0, "write root's 0666 file in the sticky dir: %s", fd >= 0 ? "ok" : errname(errno));
	close(fd);
	expect_value("rename ours in the sticky dir", ERR(rename(D "/sticky/mine", D "/sticky/mine2")), 0);
	expect_value("unlink ours in the sticky dir", ERR(unlink(D "/sticky/mine2")), 0);

	/* chmod and chown */
	expect_errno("chmod root's file", ERR(chmod(D "/rootpub", 0666)), EPERM);
	expect_value("chmod our file", ERR(chmod(D "/public", 0640)), 0);
	expect_value("chmod our file g+s (not in its group 100: dropped)",
		     ERR(chmod(D "/public", 02755)), 0);
	mode_of("our file after chmod", D "/public");
	expect_errno("chown our file to root", ERR(chown(D "/public", 0, -1)), EPERM);
	expect_value("chown our file to ourselves", ERR(chown(D "/public", NOBODY, -1)), 0);
	expect_value("chgrp our file to our group", ERR(chown(D "/public", -1, NOBODY)), 0);
	expect_errno("chgrp our file to group 0", ERR(chown(D "/public", -1, 0)), EPERM);
	expect_errno("chown root's file to us", ERR(chown(D "/rootpub", NOBODY, NOBODY)), EPERM);
	mode_of("our file after chgrp", D "/public");

	/* signals: root's process, and one of our own */
	pid_t parent = getppid();
	expect_errno("kill(root's pid, 0)", ERR(kill(parent, 0)), EPERM);
	expect_errno("kill(root's pid, SIGTERM)", ERR(kill(parent, SIGTERM)), EPERM);
	expect_errno("kill(root's pid, SIGKILL)", ERR(kill(parent, SIGKILL)), EPERM);
	expect_value("kill(root's pid, SIGCONT) in our session", ERR(kill(parent, SIGCONT)), 0);
	pid_t kid = fork();
	if (kid == 0) {
		pause();
		_exit(0);
	}
	expect_value("kill(our own child, SIGTERM)", ERR(kill(kid, SIGTERM)), 0);
	int status;
	waitpid(kid, &status, 0);
	report(WIFSIGNALED(status) && WTERMSIG(status) == SIGTERM,
	       "our child died of SIGTERM");

	/* ports below 1024 */
	expect_errno("bind TCP port 80", bind_port(SOCK_STREAM, 80), EACCES);
	expect_errno("bind UDP port 80", bind_port(SOCK_DGRAM, 80), EACCES);
	expect_errno("bind TCP port 1023", bind_port(SOCK_STREAM, 1023), EACCES);
	expect_value("bind TCP port 0", bind_port(SOCK_STREAM, 0), 0);
}

/* --- the saved uid: leave uid 0 and come back --- */
static void saved(void)
{
	expect_value("setresuid(65534, 65534, 0)", ERR(setresuid(NOBODY, NOBODY, 0)), 0);
	ids("saved uid 0");
	expect_errno("open 0600 root file", ERR(open(D "/secret", O_RDONLY)), EACCES);
	expect_value("seteuid(0) from the saved uid", ERR(seteuid(0)), 0);
	ids("euid 0 again");
	int fd = open(D "/secret", O_RDONLY);
	report(fd >= 0, "open 0600 root file with euid 0: %s", fd >= 0 ? "ok" : errname(errno));
	close(fd);
	expect_errno("access() asks as the real uid",
		     ERR(access(D "/secret", R_OK)), EACCES);
	expect_value("faccessat(AT_EACCESS) as the effective uid",
		     ERR(faccessat(AT_FDCWD, D "/secret", R_OK, AT_EACCESS)), 0);
	expect_value("setfsuid(65534) while euid 0", ERR(setfsuid(NOBODY)), 0);
	expect_errno("open 0600 root file with fsuid 65534",
		     ERR(open(D "/secret", O_RDONLY)), EACCES);
	expect_value("setfsuid(0) back", ERR(setfsuid(0)), NOBODY);
	expect_value("setreuid(-1, 65534): saved uid stays (euid = ruid)",
		     ERR(setreuid(-1, NOBODY)), 0);
	ids("setreuid(-1, 65534)");
	expect_value("setreuid(-1, 0) back", ERR(setreuid(-1, 0)), 0);
	expect_value("setreuid(65534, 1000): saved follows euid",
		     ERR(setreuid(NOBODY, 1000)), 0);
	ids("setreuid(65534, 1000)");
	expect_errno("setuid(0) now", ERR(setuid(0)), EPERM);
	expect_value("setuid(65534): the real uid", ERR(setuid(NOBODY)), 0);
	ids("setuid(65534) unprivileged");
}

/* --- set-user-id exec: root runs a copy of this program owned by
 * 65534, mode 04755, and runs as 65534 with its real uid kept --- */
static void setuid_exec(void)
{
	execl(D "/suidprog", "suidprog", "--ids", (char *)NULL);
	report(0, "exec suidprog: %s", errname(errno));
}

static void root_checks(const char *self)
{
	gid_t g[4] = { 20, 10, 30 }, got[4];

	expect_value("setgroups(3)", ERR(setgroups(3, g)), 0);
	expect_value("getgroups(0)", ERR(getgroups(0, NULL)), 3);
	expect_errno("getgroups(2) too small", ERR(getgroups(2, got)), EINVAL);
	expect_errno("getgroups(-1)", ERR(getgroups(-1, got)), EINVAL);
	int n = getgroups(4, got);
	report(n == 3, "getgroups: %d: %u %u %u", n, got[0], got[1], got[2]);
	status_line("Groups:");
	expect_errno("setgroups(65537)", ERR(setgroups(65537, g)), EINVAL);
	expect_errno("setgroups(bad pointer)", ERR(setgroups(1, (gid_t *)8)), EFAULT);
	expect_value("setgroups(0)", ERR(setgroups(0, NULL)), 0);
	expect_value("getgroups(0) after", ERR(getgroups(0, NULL)), 0);
	ids("root");
	status_line("Uid:");

	umask(0);
	if (mkdir(D, 0755))
		report(0, "mkdir " D ": %s", errname(errno));
	make_file(D "/secret", 0600, "secret\n");
	make_file(D "/rootpub", 0644, "public\n");
	make_file(D "/rootexec", 0700, "not a program\n");
	make_file(D "/public", 0644, "theirs\n");
	mkdir(D "/closed", 0700);
	make_file(D "/closed/inside", 0644, "hidden\n");
	mkdir(D "/sticky", 0777);
	chmod(D "/sticky", 01777);
	make_file(D "/sticky/rootfile", 0666, "root's\n");
	mode_of("the sticky dir", D "/sticky");
	expect_errno("root: execve a non-ELF 0700 file", ERR(execl(D "/rootexec", "x", (char *)NULL)), ENOEXEC);
	expect_errno("root: execve a 0600 file", ERR(execl(D "/secret", "x", (char *)NULL)), EACCES);
	expect_errno("root: access X_OK on a 0600 file", ERR(access(D "/secret", X_OK)), EACCES);
	expect_value("root: access R_OK|W_OK on a 0600 file", ERR(access(D "/secret", R_OK | W_OK)), 0);
	expect_value("root: chown to 65534:100", ERR(chown(D "/public", NOBODY, 100)), 0);
	mode_of("chowned", D "/public");

	/* chown clears set-id bits of regular files, for root too */
	make_file(D "/suid", 06755, "x");
	mode_of("set-id file", D "/suid");
	expect_value("root: chown -1 -1", ERR(chown(D "/suid", -1, -1)), 0);
	mode_of("after chown -1 -1", D "/suid");
	make_file(D "/sgid", 02745, "x");
	expect_value("root: chown a g+s file without g+x", ERR(chown(D "/sgid", 1, 1)), 0);
	mode_of("g+s without g+x stays", D "/sgid");
	mkdir(D "/sdir", 02755);
	mode_of("mkdir drops g+s", D "/sdir");
	chmod(D "/sdir", 02755);
	expect_value("root: chown a g+s dir", ERR(chown(D "/sdir", 1, 1)), 0);
	mode_of("g+s dir", D "/sdir");
	make_file(D "/sdir/child", 0644, "x");
	mode_of("a file in a g+s dir takes its group", D "/sdir/child");
	mkdir(D "/sdir/sub", 0755);
	mode_of("a dir in a g+s dir takes g+s", D "/sdir/sub");
	symlink("public", D "/link");
	expect_value("root: lchown a symlink", ERR(lchown(D "/link", 7, 8)), 0);
	mode_of("the symlink", D "/link");
	mode_of("its target untouched", D "/public");
	int fd = open(D "/rootpub", O_RDONLY);
	expect_value("root: fchown", ERR(fchown(fd, 3, 4)), 0);
	mode_of("fchowned", D "/rootpub");
	expect_value("root: fchown back", ERR(fchown(fd, 0, 0)), 0);
	close(fd);
	expect_errno("fchownat bad flag", ERR(fchownat(AT_FDCWD, D "/rootpub", 0, 0, 1)), EINVAL);
	expect_errno("chown missing", ERR(chown(D "/missing", 0, 0)), ENOENT);
	expect_errno("fchown bad fd", ERR(fchown(999, 0, 0)), EBADF);

	copy_self(self, D "/suidprog");
	chown(D "/suidprog", NOBODY, NOBODY);
	chmod(D "/suidprog", 04755);
	mode_of("suidprog", D "/suidprog");
}

static void cleanup(void)
{
	const char *files[] = {
		"secret", "rootpub", "rootexec", "public", "closed/inside",
		"sticky/rootfile", "suid", "sgid", "sdir/child", "link",
		"suidprog", "new", "moved", "sticky/mine", "sticky/mine2",
	};
	const char *dirs[] = { "closed", "sticky", "sdir/sub", "sdir", "newdir" };
	char path[128];

	for (unsigned i = 0; i < sizeof(files) / sizeof(files[0]); i++) {
		snprintf(path, sizeof(path), D "/%s", files[i]);
		unlink(path);
	}
	for (unsigned i = 0; i < sizeof(dirs) / sizeof(dirs[0]); i++) {
		snprintf(path, sizeof(path), D "/%s", dirs[i]);
		rmdir(path);
	}
	if (rmdir(D))
		report(0, "rmdir " D ": %s", errname(errno));
}

int main(int argc, char **argv)
{
	if (argc > 1 && !strcmp(argv[1], "--ids")) {
		uid_t r, e, s;
		getresuid(&r, &e, &s);
		printf("set-user-id exec: uid %u %u %u\n", r, e, s);
		return 0;
	}
	if (getuid() != 0) {
		printf("cred: must run as root\n");
		return 1;
	}
	root_checks(argv[0]);
	in_child(nobody);
	in_child(saved);
	in_child(setuid_exec);
	cleanup();
	printf("cred: %s\n", failed ? "FAILED" : "all passed");
	return failed ? 1 : 0;
}
