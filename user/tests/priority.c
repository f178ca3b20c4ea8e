/* priority: nice values and scheduling policies.  getpriority's raw
 * return is 20 - nice; setpriority clamps to -20..19, and /proc's stat
 * shows priority and nice; PRIO_PGRP and PRIO_USER; EINVAL for a bad
 * which, ESRCH for nobody; a fork child inherits nice; as a user,
 * raising nice works, lowering it is EACCES and another user's task
 * EPERM.  sched_getscheduler/setscheduler/getparam/setparam with
 * Linux's EINVAL/ESRCH/EPERM, priority ranges, SCHED_RESET_ON_FORK and
 * sched_rr_get_interval for SCHED_RR and SCHED_FIFO. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "errname.h"

#define SCHED_OTHER	0
#define SCHED_FIFO	1
#define SCHED_RR	2
#define SCHED_BATCH	3
#define SCHED_IDLE	5
#define SCHED_DEADLINE	6
#define SCHED_RESET_ON_FORK 0x40000000

struct param { int prio; };

static long getprio(int which, int who) { return syscall(SYS_getpriority, which, who); }
static long setprio(int which, int who, int n) { return syscall(SYS_setpriority, which, who, n); }
static long getsched(int pid) { return syscall(SYS_sched_getscheduler, pid); }
static long setsched(int pid, int pol, struct param *p) { return syscall(SYS_sched_setscheduler, pid, pol, p); }

/* Fields 18, 19, 40 and 41 of /proc/self/stat. */
static void stat_fields(int *prio, int *nice, int *rtprio, int *policy)
{
	char buf[1024];
	int fd = open("/proc/self/stat", O_RDONLY);
	ssize_t n = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	buf[n > 0 ? n : 0] = '\0';
	char *p = strrchr(buf, ')') + 2;	/* field 3 */
	long v[60] = { 0 };
	for (int f = 3; f <= 41 && *p; f++) {
		v[f] = strtol(p, &p, 10);
		if (f == 3) {		/* the state letter */
			p = strchr(p, ' ');
		}
		while (*p == ' ')
			p++;
	}
	*prio = v[18], *nice = v[19], *rtprio = v[40], *policy = v[41];
}

static void nice_values(void)
{
	int pr, ni, rt, pol;

	expect_value("getpriority raw, nice 0", ERR(getprio(PRIO_PROCESS, 0)), 20);
	expect_value("setpriority 5", ERR(setprio(PRIO_PROCESS, 0, 5)), 0);
	expect_value("getpriority raw", ERR(getprio(PRIO_PROCESS, 0)), 15);
	expect_value("getpriority of our pid", ERR(getprio(PRIO_PROCESS, getpid())), 15);
	errno = 0;
	report(getpriority(PRIO_PROCESS, 0) == 5 && errno == 0, "the C library's getpriority: 5");
	stat_fields(&pr, &ni, &rt, &pol);
	report(pr == 25 && ni == 5, "stat's priority %d and nice %d", pr, ni);
	expect_value("setpriority 100 (clamped)", ERR(setprio(PRIO_PROCESS, 0, 100)), 0);
	expect_value("getpriority raw: nice 19", ERR(getprio(PRIO_PROCESS, 0)), 1);
	expect_value("setpriority -100 as root", ERR(setprio(PRIO_PROCESS, 0, -100)), 0);
	expect_value("getpriority raw: nice -20", ERR(getprio(PRIO_PROCESS, 0)), 40);
	stat_fields(&pr, &ni, &rt, &pol);
	report(pr == 0 && ni == -20, "stat's priority %d and nice %d", pr, ni);
	setprio(PRIO_PROCESS, 0, 3);
	expect_errno("getpriority which 3", ERR(getprio(3, 0)), EINVAL);
	expect_errno("setpriority which -1", ERR(setprio(-1, 0, 0)), EINVAL);
	expect_errno("getpriority of no such pid", ERR(getprio(PRIO_PROCESS, 999999)), ESRCH);
	expect_errno("setpriority of no such pid", ERR(setprio(PRIO_PROCESS, 999999, 0)), ESRCH);
	expect_errno("getpriority of a user with no processes", ERR(getprio(PRIO_USER, 54329)), ESRCH);
	expect_errno("getpriority of an empty process group", ERR(getprio(PRIO_PGRP, 999999)), ESRCH);

	int p[2], q[2];
	pipe(p);
	pipe(q);
	pid_t c = fork();
	if (c == 0) {
		char ch;
		setpgid(0, 0);
		long inh = getprio(PRIO_PROCESS, 0);
		write(q[1], &inh, 1);
		read(p[0], &ch, 1);	/* the parent's test, then... */
		_exit(getprio(PRIO_PROCESS, 0));
	}
	char ch;
	read(q[0], &ch, 1);
	report(ch == 17, "a fork child inherits nice 3 (raw %d)", ch);
	setpgid(c, c);
	expect_value("setpriority PRIO_PGRP of the child's group", ERR(setprio(PRIO_PGRP, c, 7)), 0);
	expect_value("getpriority PRIO_PGRP", ERR(getprio(PRIO_PGRP, c)), 13);
	expect_value("getpriority PRIO_PROCESS of the child", ERR(getprio(PRIO_PROCESS, c)), 13);
	write(p[1], "g", 1);
	int st;
	waitpid(c, &st, 0);
	report(WEXITSTATUS(st) == 13, "the child saw raw %d", WEXITSTATUS(st));
	close(p[0]);
	close(p[1]);
	close(q[0]);
	close(q[1]);

	pid_t parent = getpid();
	c = fork();
	if (c == 0) {
		if (setgid(1000) || setuid(1000))
			_exit(255);
		int ok = setprio(PRIO_PROCESS, 0, 10) == 0;
		ok |= (getprio(PRIO_PROCESS, 0) == 10) << 1;
		ok |= (setprio(PRIO_PROCESS, 0, 5) == -1 && errno == EACCES) << 2;
		ok |= (setprio(PRIO_PROCESS, 0, 10) == 0) << 3;
		ok |= (setprio(PRIO_PROCESS, parent, 10) == -1 && errno == EPERM) << 4;
		ok |= (getprio(PRIO_PROCESS, parent) == 17) << 5;
		ok |= (getprio(PRIO_USER, 0) == 10) << 6;
		_exit(ok);
	}
	waitpid(c, &st, 0);
	report(WEXITSTATUS(st) == 0x7f, "as uid 1000: raising works, lowering EACCES, root's EPERM, PRIO_USER (%#x)", WEXITSTATUS(st));
	setprio(PRIO_PROCESS, 0, 0);
}

static void policies(void)
{
	struct param sp = { 99 };
	int pr, ni, rt, pol;

	expect_value("sched_getscheduler(0)", ERR(getsched(0)), SCHED_OTHER);
	expect_errno("sched_getscheduler(-1)", ERR(getsched(-1)), EINVAL);
	expect_errno("sched_getscheduler of no such pid", ERR(getsched(999999)), ESRCH);
	int pols[] = { SCHED_OTHER, SCHED_FIFO, SCHED_RR, SCHED_BATCH, SCHED_IDLE, SCHED_DEADLINE };
	for (unsigned i = 0; i < sizeof(pols) / sizeof(pols[0]); i++)
		report(1, "policy %d: priorities %ld..%ld", pols[i],
		       syscall(SYS_sched_get_priority_min, pols[i]),
		       syscall(SYS_sched_get_priority_max, pols[i]));
	expect_errno("sched_get_priority_max(4)", ERR(syscall(SYS_sched_get_priority_max, 4)), EINVAL);
	expect_errno("sched_get_priority_min(-1)", ERR(syscall(SYS_sched_get_priority_min, -1)), EINVAL);
	expect_value("sched_getparam(0)", ERR(syscall(SYS_sched_getparam, 0, &sp)), 0);
	report(sp.prio == 0, "priority %d", sp.prio);
	expect_errno("sched_getparam(NULL)", ERR(syscall(SYS_sched_getparam, 0, NULL)), EINVAL);
	expect_errno("sched_getparam(-1)", ERR(syscall(SYS_sched_getparam, -1, &sp)), EINVAL);
	expect_errno("sched_getparam to a bad pointer", ERR(syscall(SYS_sched_getparam, 0, (void *)1)), EFAULT);
	expect_errno("sched_getparam of no such pid", ERR(syscall(SYS_sched_getparam, 999999, &sp)), ESRCH);

	sp.prio = 0;
	expect_errno("SCHED_FIFO with priority 0", ERR(setsched(0, SCHED_FIFO, &sp)), EINVAL);
	sp.prio = 100;
	expect_errno("SCHED_RR with priority 100", ERR(setsched(0, SCHED_RR, &sp)), EINVAL);
	sp.prio = 5;
	expect_errno("SCHED_OTHER with priority 5", ERR(setsched(0, SCHED_OTHER, &sp)), EINVAL);
	expect_errno("policy 9", ERR(setsched(0, 9, &sp)), EINVAL);
	expect_errno("policy -1", ERR(setsched(0, -1, &sp)), EINVAL);
	expect_errno("a NULL param", ERR(setsched(0, SCHED_RR, NULL)), EINVAL);
	expect_errno("a bad param pointer", ERR(setsched(0, SCHED_RR, (void *)1)), EFAULT);
	expect_errno("no such pid", ERR(setsched(999999, SCHED_RR, &sp)), ESRCH);

	/* Real-time policies in a child that does nothing else. */
	pid_t c = fork();
	if (c == 0) {
		struct param q = { 10 };
		struct timespec ts;
		int ok = setsched(0, SCHED_RR, &q) == 0;
		ok |= (getsched(0) == SCHED_RR) << 1;
		ok |= (syscall(SYS_sched_rr_get_interval, 0, &ts) == 0 && ts.tv_sec == 0 && ts.tv_nsec == 100000000) << 2;
		stat_fields(&pr, &ni, &rt, &pol);
		ok |= (pr == -11 && rt == 10 && pol == SCHED_RR) << 3;
		q.prio = 20;
		ok |= (syscall(SYS_sched_setparam, 0, &q) == 0 && syscall(SYS_sched_getparam, 0, &q) == 0 && q.prio == 20) << 4;
		ok |= (setsched(0, SCHED_FIFO, &q) == 0 && syscall(SYS_sched_rr_get_interval, 0, &ts) == 0 && ts.tv_sec == 0 && ts.tv_nsec == 0) << 5;
		q.prio = 0;
		ok |= (setsched(0, SCHED_OTHER | SCHED_RESET_ON_FORK, &q) == 0 && getsched(0) == (SCHED_OTHER | SCHED_RESET_ON_FORK)) << 6;
		_exit(ok);
	}
	int st;
	waitpid(c, &st, 0);
	report(WEXITSTATUS(st) == 0x7f, "SCHED_RR 10, its interval and stat fields, setparam, SCHED_FIFO's interval, RESET_ON_FORK (%#x)", WEXITSTATUS(st));
	expect_errno("sched_rr_get_interval to a bad pointer", ERR(syscall(SYS_sched_rr_get_interval, 0, (void *)1)), EFAULT);
	expect_errno("sched_rr_get_interval of no such pid", ERR(syscall(SYS_sched_rr_get_interval, 999999, &sp)), ESRCH);

	c = fork();
	if (c == 0) {
		struct param q = { 0 };
		int ok = setsched(0, SCHED_BATCH, &q) == 0 && getsched(0) == SCHED_BATCH;
		ok |= (setsched(0, SCHED_IDLE, &q) == 0 && getsched(0) == SCHED_IDLE) << 1;
		q.prio = 5;
		ok |= (setsched(0, SCHED_RR | SCHED_RESET_ON_FORK, &q) == 0) << 2;
		pid_t g = fork();
		if (g == 0)
			_exit(getsched(0));
		int gst;
		waitpid(g, &gst, 0);
		ok |= (WEXITSTATUS(gst) == SCHED_OTHER) << 3;
		ok |= (getsched(0) == (SCHED_RR | SCHED_RESET_ON_FORK)) << 4;
		_exit(ok);
	}
	waitpid(c, &st, 0);
	report(WEXITSTATUS(st) == 0x1f, "SCHED_BATCH, SCHED_IDLE; a RESET_ON_FORK child starts SCHED_OTHER (%#x)", WEXITSTATUS(st));

	c = fork();
	if (c == 0) {
		if (setgid(1000) || setuid(1000))
			_exit(255);
		struct param q = { 10 };
		int ok = setsched(0, SCHED_FIFO, &q) == -1 && errno == EPERM;
		ok |= (setsched(0, SCHED_RR, &q) == -1 && errno == EPERM) << 1;
		q.prio = 0;
		ok |= (setsched(0, SCHED_BATCH, &q) == 0) << 2;
		ok |= (setsched(getppid(), SCHED_BATCH, &q) == -1 && errno == EPERM) << 3;
		_exit(ok);
	}
	waitpid(c, &st, 0);
	report(WEXITSTATUS(st) == 0xf, "as uid 1000: SCHED_FIFO and SCHED_RR EPERM, SCHED_BATCH ours, root's EPERM (%#x)", WEXITSTATUS(st));
	expect_value("still SCHED_OTHER", ERR(getsched(0)), SCHED_OTHER);
}

int main(void)
{
	nice_values();
	policies();
	printf("%s\n", failed ? "priority: FAILED" : "priority: all passed");
	return failed != 0;
}
