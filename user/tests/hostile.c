/* hostile: no single system call stops the machine, and SIGKILL ends any
 * of them.  For each class of call whose length a user controls (read
 * and write of devices, files and pipes, readv, writev, sendfile, copy
 * loops, getdents, /proc texts, poll, select, epoll, socket send and
 * receive, page faults and mmap) a child makes the call with the
 * largest arguments there are, over and over; meanwhile this process
 * must keep getting the CPU (a heartbeat: three 20 ms sleeps within
 * 3 s), and a SIGKILL must end the child within 5 s (it takes a few
 * ms; a call that ignored it would take far longer).  First the
 * counts Linux caps are checked: one transfer moves at most MAX_RW_COUNT
 * (2 GiB less a page) whatever was asked, and sendfile refuses an
 * eventfd at once (EINVAL), the call that froze the machine.
 *
 * The big buffer is 2 GiB of address space made of one 1 MiB file mapped
 * 2048 times (MAP_SHARED), so it costs 1 MiB of memory and touching any
 * of it never faults a new page in.  Only facts that hold on Linux are
 * printed. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/mman.h>
#include <sys/random.h>
#include <sys/resource.h>
#include <sys/select.h>
#include <sys/sendfile.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "check.h"

#define MAX_RW_COUNT	0x7ffff000L
#define CHUNK		(1UL << 20)
#define BIG		(1UL << 31)
#define NFDS		2000
#define DIRENTS		2000
#define DIRNAME		"hostile.dir"

static char *big;		/* BIG + CHUNK bytes, see the top */
static int verbose;		/* -v: the time of each step on stderr */
static long long t0;

static void msleep(int ms)
{
	struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };
	nanosleep(&ts, NULL);
}

static long long now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000LL + ts.tv_nsec / 1000000;
}

static void step(const char *what)
{
	if (verbose)
		fprintf(stderr, "hostile: %6lld ms: %s\n", now_ms() - t0, what);
}

static char *big_buffer(void)
{
	char *b = mmap(NULL, BIG + CHUNK, PROT_NONE,
		       MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
	int fd = open("hostile.buf", O_RDWR | O_CREAT | O_TRUNC, 0600);

	if (b == MAP_FAILED || fd < 0 || ftruncate(fd, CHUNK) < 0)
		return NULL;
	unlink("hostile.buf");
	for (unsigned long off = 0; off < BIG + CHUNK; off += CHUNK)
		if (mmap(b + off, CHUNK, PROT_READ | PROT_WRITE,
			 MAP_SHARED | MAP_FIXED, fd, 0) == MAP_FAILED)
			return NULL;
	close(fd);
	return b;
}

/* A child that reads fd until it is killed with the rest of the group. */
static void drain(int fd)
{
	if (fork() == 0) {
		static char buf[65536];
		while (read(fd, buf, sizeof(buf)) > 0)
			;
		_exit(0);
	}
}

/* A child that writes to fd for ever. */
static void flood(int fd)
{
	if (fork() == 0) {
		static char buf[65536];
		while (write(fd, buf, sizeof(buf)) > 0)
			;
		_exit(0);
	}
}

static void tcp_pair(int *client, int *server)
{
	struct sockaddr_in a = { .sin_family = AF_INET,
				 .sin_addr.s_addr = htonl(INADDR_LOOPBACK) };
	socklen_t len = sizeof(a);
	int l = socket(AF_INET, SOCK_STREAM, 0);

	bind(l, (struct sockaddr *)&a, sizeof(a));
	listen(l, 1);
	getsockname(l, (struct sockaddr *)&a, &len);
	*client = socket(AF_INET, SOCK_STREAM, 0);
	connect(*client, (struct sockaddr *)&a, sizeof(a));
	*server = accept(l, NULL, NULL);
	close(l);
}

/* --- the hostile calls, each made for ever by a child --- */

static void h_read(void)
{
	int z = open("/dev/zero", O_RDONLY);
	for (;;)
		read(z, big, BIG);
}

/* A file of 4 GiB of holes: a read copies zeros for as long as asked. */
static void h_read_file(void)
{
	int fd = open("hostile.sparse", O_RDWR | O_CREAT | O_TRUNC, 0600);
	ftruncate(fd, 2 * BIG);
	unlink("hostile.sparse");
	for (;;)
		pread(fd, big, BIG, 0);
}

/* 64 MiB written over and over at the start of a file. */
static void h_write_file(void)
{
	int fd = open("hostile.file", O_RDWR | O_CREAT | O_TRUNC, 0600);
	unlink("hostile.file");
	for (;;)
		pwrite(fd, big, 64UL << 20, 0);
}

static void h_write(void)
{
	int p[2];
	pipe(p);
	drain(p[0]);
	for (;;)
		write(p[1], big, BIG);
}

static void h_readv(void)
{
	static struct iovec v[1024];
	int z = open("/dev/urandom", O_RDONLY);
	for (int i = 0; i < 1024; i++)
		v[i] = (struct iovec){ big, BIG / 1024 };
	for (;;)
		readv(z, v, 1024);
}

static void h_writev(void)
{
	static struct iovec v[1024];
	int sv[2];
	socketpair(AF_UNIX, SOCK_STREAM, 0, sv);
	drain(sv[1]);
	for (int i = 0; i < 1024; i++)
		v[i] = (struct iovec){ big, BIG / 1024 };
	for (;;)
		writev(sv[0], v, 1024);
}

static void h_sendfile(void)
{
	int z = open("/dev/zero", O_RDONLY), n = open("/dev/null", O_WRONLY);
	for (;;)
		sendfile(n, z, NULL, (size_t)-1 >> 1);
}

static void h_getrandom(void)
{
	for (;;)
		getrandom(big, BIG, 0);
}

static void h_getdents(void)
{
	int d = open(DIRNAME, O_RDONLY | O_DIRECTORY);
	for (;;) {
		lseek(d, 0, SEEK_SET);
		syscall(SYS_getdents64, d, big, (unsigned)BIG - 1);
	}
}

/* An epoll watching NFDS descriptors: its fdinfo is one line each. */
static void h_proc(void)
{
	int e = eventfd(0, 0), ep = epoll_create1(0);
	struct epoll_event ev = { .events = EPOLLIN };
	char path[64];

	for (int i = 0; i < NFDS; i++) {
		int fd = dup(e);
		epoll_ctl(ep, EPOLL_CTL_ADD, fd, &ev);
	}
	snprintf(path, sizeof(path), "/proc/self/fdinfo/%d", ep);
	for (;;) {
		int fd = open(path, O_RDONLY);
		while (read(fd, big, BIG) > 0)
			;
		close(fd);
	}
}

static void h_poll(void)
{
	static struct pollfd pfd[NFDS];
	int p[2];
	pipe(p);
	for (int i = 0; i < NFDS; i++)
		pfd[i] = (struct pollfd){ .fd = dup(p[0]), .events = POLLIN };
	for (;;)
		poll(pfd, NFDS, -1);
}

static void h_select(void)
{
	int p[2];
	pipe(p);
	for (int fd = dup(p[0]); fd >= 0 && fd < FD_SETSIZE - 1; fd = dup(p[0]))
		;
	for (;;) {
		fd_set r;
		FD_ZERO(&r);
		for (int fd = 3; fd < FD_SETSIZE; fd++)
			FD_SET(fd, &r);
		select(FD_SETSIZE, &r, NULL, NULL, NULL);
	}
}

static void h_epoll(void)
{
	int p[2], ep = epoll_create1(0);
	struct epoll_event ev = { .events = EPOLLIN };

	pipe(p);
	for (int i = 0; i < NFDS; i++)
		epoll_ctl(ep, EPOLL_CTL_ADD, dup(p[0]), &ev);
	for (;;)
		epoll_wait(ep, (struct epoll_event *)big,
			   BIG / sizeof(struct epoll_event), -1);
}

static void h_send(void)
{
	int c, s;
	tcp_pair(&c, &s);
	drain(s);
	for (;;)
		send(c, big, BIG, 0);
}

static void h_recv(void)
{
	int c, s;
	tcp_pair(&c, &s);
	flood(s);
	for (;;)
		recv(c, big, BIG, MSG_WAITALL);
}

/* Page faults and the mmap paths: a populated mapping made, written
 * through and thrown away, and the whole address space unmapped from a
 * child's child (the parent of this loop must keep its own). */
static void h_mmap(void)
{
	for (;;) {
		size_t len = 64UL << 20;
		char *m = mmap(NULL, len, PROT_READ | PROT_WRITE,
			       MAP_PRIVATE | MAP_ANONYMOUS | MAP_POPULATE, -1, 0);
		if (m != MAP_FAILED) {
			for (size_t off = 0; off < len; off += 4096)
				m[off] = 1;
			mprotect(m, len, PROT_READ);
			madvise(m, len, MADV_DONTNEED);
			munmap(m, len);
		}
		pid_t pid = fork();
		if (pid == 0) {
			munmap(NULL, 1UL << 47);
			_exit(0);		/* never reached: no code left */
		}
		waitpid(pid, NULL, 0);
	}
}

struct hostile {
	const char *name;
	void (*call)(void);
};

static const struct hostile calls[] = {
	{ "read 2 GiB from /dev/zero", h_read },
	{ "read 2 GiB of a sparse file", h_read_file },
	{ "write 64 MiB to a file", h_write_file },
	{ "write 2 GiB to a pipe", h_write },
	{ "readv 1024 x 2 MiB from /dev/urandom", h_readv },
	{ "writev 1024 x 2 MiB to an AF_UNIX socket", h_writev },
	{ "sendfile 2^63 bytes /dev/zero to /dev/null", h_sendfile },
	{ "getrandom 2 GiB", h_getrandom },
	{ "getdents64 of 2000 names into 2 GiB", h_getdents },
	{ "read the fdinfo of an epoll of 2000", h_proc },
	{ "poll 2000 idle fds", h_poll },
	{ "select 1021 idle fds", h_select },
	{ "epoll_wait on 2000 idle fds, maxevents 2^27", h_epoll },
	{ "send 2 GiB on TCP", h_send },
	{ "recv 2 GiB on TCP with MSG_WAITALL", h_recv },
	{ "mmap, fault, mprotect, madvise, munmap 64 MiB", h_mmap },
};

static void on_alarm(int sig) { (void)sig; }

static void run(const struct hostile *h)
{
	pid_t pid = fork();

	if (pid == 0) {
		setpgid(0, 0);
		h->call();
		_exit(0);
	}
	setpgid(pid, pid);
	msleep(100);			/* the call is under way */
	/* Three beats, within 3 s: a frozen machine gives none, a busy
	 * host (this runs under TCG among other jobs) only slows them. */
	int beats = 0;
	for (long long end = now_ms() + 3000; now_ms() < end && beats < 3; beats++)
		msleep(20);
	report(beats >= 3, "%s: another process still runs: %s", h->name,
	       yesno(beats >= 3));

	struct sigaction sa = { .sa_handler = on_alarm };
	sigaction(SIGALRM, &sa, NULL);	/* no SA_RESTART: waitpid stops */
	kill(-pid, SIGKILL);
	alarm(5);
	int st = 0;
	pid_t w = waitpid(pid, &st, 0);
	alarm(0);
	int killed = w == pid && WIFSIGNALED(st) && WTERMSIG(st) == SIGKILL;
	report(killed, "%s: SIGKILL ends it: %s", h->name, yesno(killed));
	step(h->name);
	while (waitpid(-pid, NULL, 0) > 0)	/* its helpers */
		;
}

/*
 * What Linux caps: every transfer at MAX_RW_COUNT, whatever was asked.
 * Writes to /dev/null show it at no cost (nothing is copied); a read of
 * as much would take seconds here (the hostile calls above make them).
 */
static void check_caps(void)
{
	int n = open("/dev/null", O_WRONLY);
	struct iovec v[3] = { { big, BIG }, { big, BIG }, { big, 100 } };

	report(write(n, big, BIG) == MAX_RW_COUNT, "write 2 GiB: capped");
	report(pwrite(n, big, BIG, 0) == MAX_RW_COUNT, "pwrite 2 GiB: capped");
	report(writev(n, v, 3) == MAX_RW_COUNT, "writev 4 GiB: capped");
	errno = 0;
	ssize_t r = write(n, big, (size_t)-1 >> 1);
	report(r < 0 && errno == EFAULT,
	       "write 2^63 bytes: %s (beyond user space)", strerror(errno));
	v[1].iov_len = (size_t)-1;
	errno = 0;
	r = writev(n, v, 3);
	report(r < 0 && errno == EINVAL,
	       "writev with a negative length: %s", strerror(errno));

	/* The call of issue 11, which froze the machine. */
	int e = eventfd(5, 0);
	uint64_t one = 1;
	write(e, &one, 8);
	errno = 0;
	r = sendfile(e, e, NULL, (size_t)-1 >> 1);
	step("caps");
	report(r < 0 && errno == EINVAL, "sendfile from an eventfd: %s",
	       strerror(errno));
	close(e);
	close(n);
}

int main(int argc, char **argv)
{
	struct rlimit rl;

	verbose = argc > 1 && !strcmp(argv[1], "-v");
	t0 = now_ms();
	signal(SIGPIPE, SIG_IGN);
	getrlimit(RLIMIT_NOFILE, &rl);
	rl.rlim_cur = rl.rlim_max < 4096 ? rl.rlim_max : 4096;
	setrlimit(RLIMIT_NOFILE, &rl);
	big = big_buffer();
	report(big != NULL, "2 GiB of address space over 1 MiB: %s",
	       yesno(big != NULL));
	if (!big)
		return 1;
	mkdir(DIRNAME, 0700);
	for (int i = 0; i < DIRENTS; i++) {
		char name[64];
		snprintf(name, sizeof(name), DIRNAME "/entry-with-a-long-name-%d", i);
		close(open(name, O_CREAT | O_WRONLY, 0600));
	}
	step("set up");
	check_caps();
	for (unsigned i = 0; i < sizeof(calls) / sizeof(calls[0]); i++)
		run(&calls[i]);
	for (int i = 0; i < DIRENTS; i++) {
		char name[64];
		snprintf(name, sizeof(name), DIRNAME "/entry-with-a-long-name-%d", i);
		unlink(name);
	}
	rmdir(DIRNAME);
	printf("%s\n", failed ? "hostile: FAILED" : "hostile: all checks passed");
	return failed != 0;
}
