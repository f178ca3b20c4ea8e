/* slab_leak: kernel objects come back.  Children make objects of every
 * kind the kernel has (pipes, AF_UNIX pairs, TCP and UDP sockets,
 * eventfds, epolls watching all of these and each other, mappings of
 * every sort, grandchildren, zombies, timers, files unlinked while open,
 * /proc texts) and exit, some on their own and some killed while they
 * sleep in a call; afterwards every cache in /proc/slabinfo (lwIP's
 * pools included) must have the objects in use it had before, and free
 * plus slab memory must be what it was.
 *
 * What is asynchronous is waited for, up to 5 s per scenario: the
 * network thread finishing loopback segments, and TCP connections in
 * TIME_WAIT, which hold their tcp_pcb for a minute by design; the
 * comparison discounts one pcb per TIME_WAIT row of /proc/net/tcp.
 *
 * Numbers only mean something in a kernel where nothing else runs, so
 * this test runs in our kernel alone (Linux's counts move all the time).
 * Usage: slab_leak [ROUNDS] (default 3): each scenario runs ROUNDS times
 * before the comparison, so that a leak of one object shows as ROUNDS. */
#include <errno.h>
#include <stdbool.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "check.h"
#include "../lib/slabinfo.h"

#define TMPFILE "slab_leak.tmp"

static const char *self;		/* argv[0]: exec'ed with --exit */

static void msleep(int ms)
{
	struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };
	nanosleep(&ts, NULL);
}

/* --- the scenarios: each runs in a child of its own --- */

static void do_pipes(void)
{
	int p[2], q[2];
	static char buf[70000];

	pipe(p);
	pipe2(q, O_NONBLOCK | O_CLOEXEC);
	write(p[1], "unread", 6);
	memset(buf, 'x', sizeof(buf));
	write(q[1], buf, sizeof(buf));		/* fills the pipe */
	dup2(p[0], 40);
	close(p[1]);
}

static void do_unix(void)
{
	int sv[2], dg[2];
	static char buf[300000];

	socketpair(AF_UNIX, SOCK_STREAM, 0, sv);
	socketpair(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK, 0, dg);
	write(sv[0], "to one", 6);
	write(sv[1], "to zero", 7);
	write(dg[0], buf, sizeof(buf));		/* as much as fits */
	shutdown(sv[0], SHUT_WR);
	close(dg[1]);
}

static void do_eventfd(void)
{
	int e = eventfd(3, EFD_NONBLOCK);
	uint64_t v = 5;

	write(e, &v, 8);
	eventfd(0, EFD_SEMAPHORE | EFD_CLOEXEC);
}

/* Every kind watched, an epoll inside an epoll, and a watched file
 * closed before its epoll (the item goes with the file). */
static void do_epoll(void)
{
	int p[2], sv[2], e = eventfd(1, 0);
	int ep = epoll_create1(0), outer = epoll_create1(EPOLL_CLOEXEC);
	struct epoll_event ev = { .events = EPOLLIN | EPOLLOUT | EPOLLET };

	pipe(p);
	socketpair(AF_UNIX, SOCK_STREAM, 0, sv);
	int fds[] = { p[0], p[1], sv[0], sv[1], e };
	for (unsigned i = 0; i < sizeof(fds) / sizeof(fds[0]); i++) {
		ev.data.u32 = i;
		epoll_ctl(ep, EPOLL_CTL_ADD, fds[i], &ev);
	}
	ev.events = EPOLLIN;
	epoll_ctl(outer, EPOLL_CTL_ADD, ep, &ev);
	epoll_ctl(outer, EPOLL_CTL_ADD, e, &ev);
	struct epoll_event got[8];
	epoll_wait(outer, got, 8, 0);
	epoll_wait(ep, got, 8, 0);
	close(p[0]);
	epoll_ctl(ep, EPOLL_CTL_DEL, sv[1], NULL);
	int dupped = dup(ep);
	close(ep);
	(void)dupped;
}

/* A listener, a connection with data both ways left unread, one
 * accepted and one never accepted, a UDP socket with a datagram queued. */
static void do_inet(void)
{
	struct sockaddr_in a = { .sin_family = AF_INET,
				 .sin_addr.s_addr = htonl(INADDR_LOOPBACK) };
	socklen_t len = sizeof(a);
	int l = socket(AF_INET, SOCK_STREAM, 0);

	bind(l, (struct sockaddr *)&a, sizeof(a));
	listen(l, 8);
	getsockname(l, (struct sockaddr *)&a, &len);
	int c = socket(AF_INET, SOCK_STREAM, 0);
	int c2 = socket(AF_INET, SOCK_STREAM, 0);
	connect(c, (struct sockaddr *)&a, sizeof(a));
	connect(c2, (struct sockaddr *)&a, sizeof(a));
	int s = accept(l, NULL, NULL);
	write(c, "hello", 5);
	write(s, "world", 5);
	msleep(20);

	int u = socket(AF_INET, SOCK_DGRAM, 0);
	struct sockaddr_in ua = a;
	ua.sin_port = 0;
	bind(u, (struct sockaddr *)&ua, sizeof(ua));
	len = sizeof(ua);
	getsockname(u, (struct sockaddr *)&ua, &len);
	int u2 = socket(AF_INET, SOCK_DGRAM, 0);
	sendto(u2, "dgram", 5, 0, (struct sockaddr *)&ua, sizeof(ua));
	msleep(20);
}

/* A connection closed cleanly by both ends: one of them is left in
 * TIME_WAIT, which the comparison allows for. */
static void do_tcp_close(void)
{
	struct sockaddr_in a = { .sin_family = AF_INET,
				 .sin_addr.s_addr = htonl(INADDR_LOOPBACK) };
	socklen_t len = sizeof(a);
	int l = socket(AF_INET, SOCK_STREAM, 0);
	char buf[8];

	bind(l, (struct sockaddr *)&a, sizeof(a));
	listen(l, 8);
	getsockname(l, (struct sockaddr *)&a, &len);
	int c = socket(AF_INET, SOCK_STREAM, 0);
	connect(c, (struct sockaddr *)&a, sizeof(a));
	int s = accept(l, NULL, NULL);
	write(c, "bye", 3);
	read(s, buf, sizeof(buf));
	close(c);
	read(s, buf, sizeof(buf));		/* the FIN */
	close(s);
	close(l);
	msleep(20);
}

/* Anonymous, shared, file-backed (private with copy-on-write and
 * shared), split by mprotect and munmap, the heap grown. */
static void do_mmaps(void)
{
	size_t len = 64 * 4096;
	char *a = mmap(NULL, len, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	char *sh = mmap(NULL, len, PROT_READ | PROT_WRITE,
			MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (a == MAP_FAILED || sh == MAP_FAILED)
		_exit(1);
	memset(a, 1, len);
	memset(sh, 2, len);
	mprotect(a + 8 * 4096, 4096, PROT_READ);
	munmap(a + 16 * 4096, 4 * 4096);

	int fd = open(TMPFILE, O_RDWR | O_CREAT | O_TRUNC, 0600);
	ftruncate(fd, len);
	char *fp = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0);
	char *fs = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	if (fp != MAP_FAILED && fs != MAP_FAILED) {
		fs[0] = 'S';
		fp[4096] = 'P';			/* a private copy */
		(void)fp[8192];
	}
	unlink(TMPFILE);			/* the mappings keep it */
	char *brk0 = sbrk(0);
	if (brk((char *)brk0 + 1000000) == 0)
		memset(brk0, 3, 1000000);
	pid_t pid = fork();			/* everything shared COW */
	if (pid == 0) {
		a[0] = 9;
		sh[0] = 9;
		_exit(0);
	}
	waitpid(pid, NULL, 0);
}

/* Grandchildren, a vfork that execs, a zombie left for init, a child
 * left running (init reaps both once we are gone). */
static void do_forks(const char *self)
{
	for (int i = 0; i < 5; i++) {
		pid_t pid = fork();
		if (pid == 0) {
			if (fork() == 0)
				_exit(2);
			_exit(1);
		}
		waitpid(pid, NULL, 0);
	}
	pid_t v = vfork();
	if (v == 0) {
		char *argv[] = { (char *)self, "--exit", NULL };
		execve(self, argv, NULL);
		_exit(127);
	}
	waitpid(v, NULL, 0);
	if (fork() == 0)
		_exit(0);			/* a zombie when we exit */
	if (fork() == 0) {
		msleep(100);			/* outlives us */
		_exit(0);
	}
}

static void on_alarm(int sig) { (void)sig; }

/* Handlers, pending and blocked signals, timers armed at exit. */
static void do_signals(void)
{
	struct sigaction sa = { .sa_handler = on_alarm };
	sigset_t set;

	sigaction(SIGALRM, &sa, NULL);
	sigaction(SIGUSR1, &sa, NULL);
	sigemptyset(&set);
	sigaddset(&set, SIGUSR1);
	sigprocmask(SIG_BLOCK, &set, NULL);
	kill(getpid(), SIGUSR1);		/* pending at exit */
	alarm(100);
	struct itimerval it = { { 0, 10000 }, { 0, 10000 } };
	setitimer(ITIMER_REAL, &it, NULL);
	msleep(30);
}

/* POSIX timers (raw calls: musl's SIGEV_THREAD would start a thread):
 * armed, periodic with its signal pending, SIGEV_NONE and one deleted,
 * left for the exit; and a child that makes some and execs, which
 * frees them (begin_new_exec). */
static void make_timers(void)
{
	struct sigevent ev = { .sigev_notify = SIGEV_SIGNAL,
			       .sigev_signo = SIGRTMIN };
	struct itimerspec it = { { 0, 1000000 }, { 0, 1000000 } };
	sigset_t set;
	int id;

	sigemptyset(&set);
	sigaddset(&set, SIGRTMIN);
	sigprocmask(SIG_BLOCK, &set, NULL);
	for (int i = 0; i < 4; i++) {
		ev.sigev_notify = i == 2 ? SIGEV_NONE : SIGEV_SIGNAL;
		syscall(SYS_timer_create, CLOCK_MONOTONIC, &ev, &id);
		syscall(SYS_timer_settime, id, 0, &it, NULL);
		if (i == 3)
			syscall(SYS_timer_delete, id);
	}
	msleep(5);				/* signals pending */
}

static void do_posix_timers(void)
{
	make_timers();
	pid_t pid = fork();
	if (pid == 0) {
		make_timers();
		char *argv[] = { (char *)self, "--exit", NULL };
		execve(self, argv, NULL);
		_exit(127);
	}
	waitpid(pid, NULL, 0);
}

/* Files: one unlinked while open, a directory, and /proc read. */
static void do_files(void)
{
	char buf[4096];
	int fd = open(TMPFILE, O_RDWR | O_CREAT | O_TRUNC, 0600);

	memset(buf, 'f', sizeof(buf));
	for (int i = 0; i < 16; i++)
		write(fd, buf, sizeof(buf));
	unlink(TMPFILE);
	mkdir(TMPFILE ".d", 0700);
	rmdir(TMPFILE ".d");
	static const char *const procs[] = {
		"/proc/self/stat", "/proc/self/status", "/proc/self/cmdline",
		"/proc/meminfo", "/proc/net/tcp", "/proc/self/fdinfo/0",
	};
	for (unsigned i = 0; i < sizeof(procs) / sizeof(procs[0]); i++) {
		int p = open(procs[i], O_RDONLY);
		read(p, buf, sizeof(buf));
		if (i % 2)
			close(p);		/* the others close at exit */
	}
	char link[64];
	readlink("/proc/self/fd/0", link, sizeof(link));

	/* A child's /proc entries still open, and our cwd among them,
	 * when it is reaped: they go at the last close. */
	pid_t pid = fork();
	if (pid == 0) {
		msleep(20);
		_exit(0);
	}
	snprintf(link, sizeof(link), "/proc/%d/fd", pid);
	int dir = open(link, O_RDONLY | O_DIRECTORY);
	snprintf(link, sizeof(link), "/proc/%d/stat", pid);
	int stat = open(link, O_RDONLY);
	snprintf(link, sizeof(link), "/proc/%d", pid);
	chdir(link);
	waitpid(pid, NULL, 0);
	read(stat, buf, sizeof(buf));
	close(dir);
}

/* Killed while asleep in a call: each kind of sleep. */
static void do_sleep_pipe(void)
{
	int p[2];
	char c;

	pipe(p);
	read(p[0], &c, 1);
}

static void do_sleep_poll(void)
{
	int p[2], e = eventfd(0, 0), ep = epoll_create1(0);
	struct epoll_event ev = { .events = EPOLLIN };

	pipe(p);
	epoll_ctl(ep, EPOLL_CTL_ADD, p[0], &ev);
	epoll_ctl(ep, EPOLL_CTL_ADD, e, &ev);
	if (fork() == 0) {
		struct epoll_event got;
		epoll_wait(ep, &got, 1, -1);
		_exit(0);
	}
	fd_set r;
	FD_ZERO(&r);
	FD_SET(p[0], &r);
	FD_SET(e, &r);
	select(e + 1, &r, NULL, NULL, NULL);
}

static void do_sleep_accept(void)
{
	struct sockaddr_in a = { .sin_family = AF_INET,
				 .sin_addr.s_addr = htonl(INADDR_LOOPBACK) };
	int l = socket(AF_INET, SOCK_STREAM, 0);

	bind(l, (struct sockaddr *)&a, sizeof(a));
	listen(l, 8);
	accept(l, NULL, NULL);
}

struct scenario {
	const char *name;
	void (*run)(void);
	bool kill;		/* killed with SIGKILL while it sleeps */
};

static void do_forks_self(void) { do_forks(self); }

static const struct scenario scenarios[] = {
	{ "pipes", do_pipes, false },
	{ "unix sockets", do_unix, false },
	{ "eventfd", do_eventfd, false },
	{ "epoll", do_epoll, false },
	{ "inet sockets", do_inet, false },
	{ "tcp close", do_tcp_close, false },
	{ "mmaps", do_mmaps, false },
	{ "forks", do_forks_self, false },
	{ "signals and timers", do_signals, false },
	{ "posix timers", do_posix_timers, false },
	{ "files and /proc", do_files, false },
	{ "killed in read", do_sleep_pipe, true },
	{ "killed in poll", do_sleep_poll, true },
	{ "killed in accept", do_sleep_accept, true },
};

static void run_once(const struct scenario *s)
{
	pid_t pid = fork();

	if (pid == 0) {
		setpgid(0, 0);		/* its children are killed with it */
		s->run();
		_exit(0);
	}
	setpgid(pid, pid);
	if (s->kill) {
		msleep(50);
		kill(-pid, SIGKILL);
	}
	waitpid(pid, NULL, 0);
}

static char tcp_text[1 << 20];

static void snapshot(struct slab_snapshot *s)
{
	if (slabinfo_leak_snapshot(s, tcp_text, sizeof(tcp_text)) < 0) {
		printf("FAIL: cannot read /proc/slabinfo or /proc/meminfo\n");
		exit(1);
	}
}

int main(int argc, char **argv)
{
	static struct slab_snapshot base, now;
	int rounds = 3;

	if (argc > 1 && !strcmp(argv[1], "--exit"))
		return 0;
	if (argc > 1)
		rounds = atoi(argv[1]);
	self = argv[0];
	signal(SIGPIPE, SIG_IGN);
	/* Once each first: caches made on first use, and lwIP's ARP and
	 * loopback state, are there before the baseline. */
	for (unsigned i = 0; i < sizeof(scenarios) / sizeof(scenarios[0]); i++)
		run_once(&scenarios[i]);
	msleep(200);
	/* Our own pages stay put from here on: every buffer touched. */
	memset(tcp_text, 0, sizeof(tcp_text));
	snapshot(&now);
	snapshot(&base);
	for (unsigned i = 0; i < sizeof(scenarios) / sizeof(scenarios[0]); i++) {
		const struct scenario *s = &scenarios[i];
		for (int r = 0; r < rounds; r++)
			run_once(s);
		int diffs = 0;
		for (int t = 0; t < 50; t++) {	/* up to 5 s */
			snapshot(&now);
			diffs = slabinfo_compare(&base, &now, NULL, "");
			if (!diffs)
				break;
			msleep(100);
		}
		if (diffs) {
			char tag[64];
			snprintf(tag, sizeof(tag), "FAIL: %s: ", s->name);
			slabinfo_compare(&base, &now, stdout, tag);
			failed++;
			base = now;		/* the next scenario on its own */
		} else {
			printf("%s (%d rounds): every object and page back\n",
			       s->name, rounds);
		}
		fflush(stdout);
	}
	printf("%s\n", failed ? "slab_leak: FAILED" : "slab_leak: all checks passed");
	return failed != 0;
}
