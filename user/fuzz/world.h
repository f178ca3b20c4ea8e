/*
 * world.h - the parent's world: descriptors of every kind the kernel
 * has, opened before the children fork, the scratch directory and its
 * names, and the checks that the children left them alone.
 *
 * A part of user/fuzz.c, included there at this point of the file (it
 * uses what comes before it and is one program with it, so its
 * functions are static as the rest).
 */
#ifndef USER_FUZZ_WORLD_H
#define USER_FUZZ_WORLD_H

/* ---- the parent's world: descriptors of every kind ---- */

struct pfd {
	int fd;
	const char *what;
	dev_t dev;
	ino_t ino;
	mode_t mode;
};
static struct pfd pfds[64];
static int npfds;

static void keep_fd(int fd, const char *what)
{
	struct stat st;

	if (fd < 0 || npfds == (int)(sizeof(pfds) / sizeof(pfds[0])))
		return;
	if (fstat(fd, &st) < 0)
		return;
	pfds[npfds++] = (struct pfd){ fd, what, st.st_dev, st.st_ino, st.st_mode };
	if (fd > max_fd)
		max_fd = fd;
}

static void open_world(bool ours)
{
	int p[2], sv[2];

	keep_fd(open("/", O_RDONLY | O_DIRECTORY), "/");
	keep_fd(open("/proc", O_RDONLY | O_DIRECTORY), "/proc");
	keep_fd(open(scratch_dir, O_RDONLY | O_DIRECTORY), "scratch dir");
	keep_fd(open(scratch_names[0], O_RDWR | O_CREAT, 0666), "scratch file");
	keep_fd(open(scratch_names[1], O_RDWR | O_CREAT | O_APPEND, 0666), "append file");
	keep_fd(open("/proc/self/stat", O_RDONLY), "/proc/self/stat");
	keep_fd(open("/proc/meminfo", O_RDONLY), "/proc/meminfo");
	keep_fd(open("/dev/null", O_RDWR), "/dev/null");
	keep_fd(open("/dev/zero", O_RDWR), "/dev/zero");
	keep_fd(open("/dev/urandom", O_RDONLY), "/dev/urandom");
	keep_fd(open("/dev/tty", O_RDWR | O_NONBLOCK), "/dev/tty");
	if (ours)	/* on a host, the console is the machine's */
		keep_fd(open("/dev/console", O_RDWR | O_NONBLOCK), "/dev/console");
	if (pipe2(p, O_NONBLOCK) == 0) {
		keep_fd(p[0], "pipe read end");
		keep_fd(p[1], "pipe write end");
	}
	/* A FIFO, where the kernel has them: both ends in one open. */
	if (mkfifo(scratch_names[6], 0666) == 0 || errno == EEXIST)
		keep_fd(open(scratch_names[6], O_RDWR | O_NONBLOCK), "FIFO");
	if (pipe(p) == 0) {	/* blocking: the alarm ends the wait */
		keep_fd(p[0], "blocking pipe read end");
		keep_fd(p[1], "blocking pipe write end");
	}
	int efd = eventfd(3, EFD_NONBLOCK);
	keep_fd(efd, "eventfd");
	int ep = epoll_create1(0);
	keep_fd(ep, "epoll");
	sigset_t set;
	sigemptyset(&set);
	sigaddset(&set, SIGUSR1);
	keep_fd(signalfd(-1, &set, SFD_NONBLOCK), "signalfd");
	if (socketpair(AF_UNIX, SOCK_STREAM, 0, sv) == 0) {
		keep_fd(sv[0], "unix stream");
		keep_fd(sv[1], "unix stream peer");
	}
	if (socketpair(AF_UNIX, SOCK_DGRAM, 0, sv) == 0) {
		keep_fd(sv[0], "unix dgram");
		keep_fd(sv[1], "unix dgram peer");
	}
	int ul = socket(AF_UNIX, SOCK_STREAM, 0);
	if (ul >= 0 && bind(ul, (struct sockaddr *)&sun_path, sizeof(sun_path)) == 0 &&
	    listen(ul, 8) == 0)
		keep_fd(ul, "unix listener");
	int tl = socket(AF_INET, SOCK_STREAM, 0);
	socklen_t len = sizeof(sin_lo);
	sin_lo.sin_family = AF_INET;
	sin_lo.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	sin_lo.sin_port = 0;
	if (tl >= 0 && bind(tl, (struct sockaddr *)&sin_lo, sizeof(sin_lo)) == 0 &&
	    listen(tl, 16) == 0 &&
	    getsockname(tl, (struct sockaddr *)&sin_lo, &len) == 0) {
		tcp_port = ntohs(sin_lo.sin_port);
		keep_fd(tl, "TCP listener");
		int c = socket(AF_INET, SOCK_STREAM, 0);
		if (c >= 0 && connect(c, (struct sockaddr *)&sin_lo, sizeof(sin_lo)) == 0) {
			keep_fd(c, "TCP client");
			keep_fd(accept(tl, NULL, NULL), "TCP server");
		}
	}
	int u = socket(AF_INET, SOCK_DGRAM, 0);
	keep_fd(u, "UDP");
	keep_fd(socket(AF_INET, SOCK_DGRAM, 0), "UDP unbound");
	if (ep >= 0) {
		for (int i = 0; i < npfds; i++) {
			struct epoll_event ev = { .events = EPOLLIN | EPOLLOUT,
						  .data.fd = pfds[i].fd };
			epoll_ctl(ep, EPOLL_CTL_ADD, pfds[i].fd, &ev);
		}
	}
}

/* What the children's paths make in /proc once and keep for as long as
 * the process named lives (init's entries: for good) is made before the
 * baseline, by looking every path up as root. */
static void touch_paths(void)
{
	struct stat st;
	char path[300];

	for (int i = 0; i < NPATHS; i++) {
		if (!paths[i])
			continue;
		stat(paths[i], &st);
		lstat(paths[i], &st);
		close(open(paths[i], O_RDONLY | O_NONBLOCK));
	}
	DIR *d = opendir("/proc/1/fd");
	struct dirent *de;
	while (d && (de = readdir(d))) {
		snprintf(path, sizeof(path), "/proc/1/fd/%s", de->d_name);
		lstat(path, &st);
		stat(path, &st);
	}
	if (d)
		closedir(d);
}

/* Closed again, for the leak checks: what the children queued on the
 * parent's sockets and pipes and wrote into its files goes with them. */
static void close_world(void)
{
	for (int i = 0; i < npfds; i++)
		close(pfds[i].fd);
	npfds = 0;
	max_fd = 0;
}

/* A child that must end by itself (the warm-up) within 20 s, or is killed. */
static void wait_bounded(pid_t pid)
{
	for (int t = 0; t < 400; t++) {
		if (waitpid(pid, NULL, WNOHANG) == pid)
			return;
		msleep(50);
	}
	kill(pid, SIGKILL);
	waitpid(pid, NULL, 0);
}

/* Each descriptor still open on the same file; the failing one, or -1. */
static int check_fds(void)
{
	for (int i = 0; i < npfds; i++) {
		struct stat st;
		if (fstat(pfds[i].fd, &st) < 0 || st.st_ino != pfds[i].ino ||
		    st.st_dev != pfds[i].dev ||
		    (st.st_mode & S_IFMT) != (pfds[i].mode & S_IFMT))
			return i;
	}
	return -1;
}

static void fill_pattern(char *p, size_t n, uint64_t seed)
{
	rng = seed | 1;
	for (size_t i = 0; i < n / 8; i++)
		((uint64_t *)p)[i] = rnd();
}

static void make_paths(void)
{
	/* In the working directory, named absolutely: the children may
	 * chdir anywhere, the names must not move with them.  A long one
	 * (the names are unix socket paths too, at most 108 bytes) gives
	 * way to "/". */
	char cwd[40];
	if (!getcwd(cwd, sizeof(cwd)) || !strcmp(cwd, "/"))
		cwd[0] = 0;
	snprintf(scratch_dir, sizeof(scratch_dir), "%s/fuzz.%d", cwd,
		 (int)getpid() % 10000000);
	static const char *names[NSCRATCH] = { "file", "append", "dir", "dir/sub",
					       "sock", "link", "fifo", "a/../b" };
	for (int i = 0; i < NSCRATCH; i++) {
		snprintf(scratch_names[i], sizeof(scratch_names[i]), "%s/%s",
			 scratch_dir, names[i]);
		paths[NPATHS - NSCRATCH + i] = scratch_names[i];
	}
	sun_path.sun_family = AF_UNIX;
	snprintf(sun_path.sun_path, sizeof(sun_path.sun_path), "%s", scratch_names[4]);
	memset(long_path, 'a', sizeof(long_path) - 1);
	long_path[0] = '/';
	memset(long_comp, 'b', sizeof(long_comp) - 1);
	size_t n = 0;
	while (n + 3 < sizeof(deep_path) - 1) {
		memcpy(deep_path + n, n % 16 ? "x/" : "../", n % 16 ? 2 : 3);
		n += n % 16 ? 2 : 3;
	}
}

#endif
