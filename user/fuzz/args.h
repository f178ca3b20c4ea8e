/*
 * args.h - what the children's arguments point at (buffers running into
 * PROT_NONE pages, paths, addresses) and the generators that pick each
 * argument by its hint, then a whole call.
 *
 * A part of user/fuzz.c, included there at this point of the file (it
 * uses what comes before it and is one program with it, so its
 * functions are static as the rest).
 */
#ifndef USER_FUZZ_ARGS_H
#define USER_FUZZ_ARGS_H

/* ---- what the children's arguments point at ---- */

#define PAGE		4096
#define NBUF		6
#define PRIV_SIZE	(64 * 1024)	/* checksummed, copy-on-write */
#define SHPROT_SIZE	(64 * 1024)	/* checksummed, shared */
#define SCRATCH_SIZE	(16 * 1024)	/* shared, children may write */

static char *buf[NBUF];			/* each followed by a PROT_NONE page */
static size_t buf_len[NBUF];
static char *priv_region, *shprot_region, *scratch_region;
static uint64_t priv_sum, shprot_sum;
static char *path_end;			/* a path running into PROT_NONE */
static char long_path[5000], long_comp[400], deep_path[4000];
static char scratch_dir[64];
static int tcp_port;
static struct sockaddr_in sin_lo;	/* the parent's TCP listener */
static struct sockaddr_un sun_path;	/* the parent's unix listener */
static char *addr_page;			/* the children's copies of both */
static pid_t parent_pid, heartbeat_pid;
static uint64_t hb_limit_ns;	/* the heartbeat's sleep and --max-gap */
static int max_fd;			/* highest descriptor the parent holds */
static uid_t fuzz_uid = 65534;

static const char *paths[] = {
	"/", ".", "..", "/proc", "/proc/self", "/proc/self/stat",
	"/proc/self/status", "/proc/self/fd", "/proc/meminfo",
	"/proc/slabinfo", "/proc/1/stat", "/proc/self/cmdline",
	"/proc/net/tcp", "/dev", "/dev/null", "/dev/zero", "/dev/urandom",
	"/dev/tty", "/dev/kmsg", "/nonexistent", "/nonexistent/x",
	"../../../../../../", "/etc", "/etc/rc", "/bin/../bin/./",
	"", "//", "/proc/self/fd/0", "/proc/1/fd",
	/* the scratch directory's names: 0-7 filled in at start */
	NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL,
};
#define NPATHS		(int)(sizeof(paths) / sizeof(paths[0]))
#define NSCRATCH	8
static char scratch_names[NSCRATCH][96];

static uint64_t checksum(const void *p, size_t n)
{
	const uint64_t *w = p;
	uint64_t h = 1469598103934665603ULL;

	for (size_t i = 0; i < n / 8; i++)
		h = (h ^ w[i]) * 1099511628211ULL;
	return h;
}

static uint64_t now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000ULL + ts.tv_nsec;
}

static void msleep(int ms)
{
	struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };

	while (nanosleep(&ts, &ts) < 0 && errno == EINTR)
		;
}

static const long edges[] = {
	0, 1, -1, 2, 7, 8, 16, 63, 64, 127, 128, 255, 256, 4095, 4096, 4097,
	65535, 65536, INT_MAX, INT_MIN, (long)UINT_MAX, 1L << 31, 1L << 32,
	LONG_MAX, LONG_MIN, -4095, -4096, 0x7fffffffffffL, 1L << 47,
	(long)0x8000000000000000UL, (long)0xffffffff80000000UL,
	(long)0xffff800000000000UL,
};
#define NEDGES	(int)(sizeof(edges) / sizeof(edges[0]))

static long gen_int(void)
{
	switch (below(4)) {
	case 0:
	case 1:
		return (long)below(66) - 1;
	case 2:
		return edges[below(NEDGES)];
	default:
		return (long)(int)rnd();
	}
}

static long gen_flags(void)
{
	switch (below(5)) {
	case 0:
		return 0;
	case 1:
		return 1L << below(32);
	case 2:
		return (long)(uint32_t)rnd();
	default:
		return (long)(rnd() & rnd() & 0xfffff);
	}
}

static long gen_len(void)
{
	static const long lens[] = {
		0, 1, 2, 4, 8, 12, 16, 24, 28, 32, 64, 100, 110, 128, 512,
		4095, 4096, 4097, 8192, 65536, 1L << 20, INT_MAX, -1, LONG_MAX,
		(long)SIZE_MAX >> 1, 0x7ffff000,
	};
	if (below(3) == 0)
		return (long)below(256);
	return lens[below(sizeof(lens) / sizeof(lens[0]))];
}

static long gen_fd(void)
{
	static const long odd[] = { -1, -100 /* AT_FDCWD */, INT_MAX, 65535,
				    65536, 1 << 20, INT_MIN, 1024 };
	if (below(8) == 0)
		return odd[below(sizeof(odd) / sizeof(odd[0]))];
	return (long)below(max_fd + 8);
}

/* A pointer: valid buffers most often, then every kind of bad one. */
static long gen_ptr(void)
{
	int i = (int)below(NBUF);

	switch (below(16)) {
	case 0:
		return 0;
	case 1:
		return (long)(0xffff800000000000UL + (below(1 << 20) << 12));
	case 2:
		return (long)(0xffffffff80000000UL + below(1 << 24));
	case 3:
		return (long)(0x0000800000000000UL + below(1 << 30));
	case 4:
		return (long)(0x8000000000000000UL ^ (rnd() & ~0xfffUL));
	case 5:				/* runs off the end into PROT_NONE */
		return (long)(buf[i] + buf_len[i] - below(64));
	case 6:
		return (long)(priv_region + below(PRIV_SIZE));
	case 7:
		return (long)(scratch_region + below(SCRATCH_SIZE));
	case 8:
		return (long)(0x1000 + (below(256) << 12));
	case 9:
		return (long)(addr_page + (below(2) ? 0 : 256));
	default:
		return (long)(buf[i] + (below(4) ? 0 : below(buf_len[i])));
	}
}

static long gen_path(void)
{
	switch (below(12)) {
	case 0:
		return (long)long_path;
	case 1:
		return (long)long_comp;
	case 2:
		return (long)deep_path;
	case 3:
		return (long)path_end;
	case 4:
		return gen_ptr();
	default:
		return (long)paths[below(NPATHS)];
	}
}

/* An address for mmap, munmap, mprotect, madvise, brk. */
static long gen_addr(void)
{
	int i = (int)below(NBUF);

	switch (below(8)) {
	case 0:
		return 0;
	case 1:
		return (long)buf[i];
	case 2:
		return (long)shprot_region;	/* the child's own mapping of it */
	case 3:
		return (long)priv_region;
	case 4:
		return (long)((rnd() & 0x7fffffff000UL));
	case 5:
		return (long)(buf[i] + 1);
	default:
		return gen_ptr();
	}
}

static long gen_pid(void)
{
	switch (below(10)) {
	case 0:
		return 0;
	case 1:
		return -1;
	case 2:
		return parent_pid;
	case 3:
		return heartbeat_pid;
	case 4:
		return 1;
	case 5:
		return -(long)getpgrp();
	case 6:
		return gen_int();
	default:
		return getpid();
	}
}

static long gen_arg(char kind)
{
	switch (kind) {
	case 'f':
		return gen_fd();
	case 'b':
		return gen_ptr();
	case 'l':
		return gen_len();
	case 'p':
		return gen_path();
	case 'i':
		return gen_int();
	case 'x':
		return gen_flags();
	case 'a':
		return gen_addr();
	case 'P':
		return gen_pid();
	case 's':
		return below(4) ? (long)below(66) : gen_int();
	case 'z':
		return below(5) ? 8 : gen_len();
	default:
		switch (below(6)) {
		case 0:
			return gen_fd();
		case 1:
			return gen_ptr();
		case 2:
			return gen_len();
		case 3:
			return gen_path();
		case 4:
			return gen_flags();
		default:
			return gen_int();
		}
	}
}

/* ---- choosing a call ---- */

static const struct hint *hint_of[NCALLS];
static int weight_sum;

static int weight(int c)
{
	return hint_of[c] && hint_of[c]->weight ? hint_of[c]->weight : 10;
}

static void init_table(void)
{
	weight_sum = 0;
	for (int c = 0; c < NCALLS; c++) {
		hint_of[c] = NULL;
		for (unsigned h = 0; h < sizeof(hints) / sizeof(hints[0]); h++)
			if (!strcmp(hints[h].name, calls[c].name))
				hint_of[c] = &hints[h];
		weight_sum += weight(c);
	}
}

/* One call: its number and arguments.  Mostly from the table; one in 200
 * a number outside it (ENOSYS, or a table boundary). */
static void gen_call(int *nr, long arg[6])
{
	const char *kinds = "vvvvvv";

	if (below(200) == 0) {
		static const int odd[] = { -1, 335, 400, 511, 512, 1000, 0x40000000,
					   INT_MAX };
		*nr = below(2) ? odd[below(8)] : (int)below(460);
	} else {
		int w = (int)below(weight_sum), c = 0;
		while ((w -= weight(c)) >= 0)
			c++;
		*nr = calls[c].nr;
		if (hint_of[c])
			kinds = hint_of[c]->args;
	}
	for (int i = 0; i < 6; i++)
		arg[i] = gen_arg(*kinds ? *kinds++ : 'v');
	/* MADV_REMOVE frees a shared mapping's pages for every process:
	 * legitimate, but it would "corrupt" the parent's shared region. */
	if (*nr == 28 /* madvise */ && arg[2] == 9)
		arg[2] = 0;
}

static const char *call_name(int nr)
{
	for (int c = 0; c < NCALLS; c++)
		if (calls[c].nr == nr)
			return calls[c].name;
	return "?";
}

#endif
