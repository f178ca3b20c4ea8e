/*
 * fuzz - a system-call fuzzer in the spirit of trinity and syzkaller, but
 * small: child processes make random system calls with hostile arguments
 * while the parent watches the kernel.
 *
 *   fuzz [--seed S] [--seconds N] [--calls N] [--children N] [--uid U]
 *        [--max-gap MS] [--replay CHILDSEED] [--print CHILDSEED]
 *
 * Which calls: every entry of the kernel's own table
 * (arch/x86_64/syscall_table.c, turned into fuzz_syscalls.h at build
 * time by tools/gen-fuzz-table.sh), so a call added to the kernel is
 * fuzzed from its first build; now and then a number outside it too.
 * Arguments come from pools: edge integers (0, -1, INT_MAX, 1 << 63 ...),
 * NULL, kernel and non-canonical addresses, pointers that run off the end
 * of a mapping into a PROT_NONE page, valid buffers (some filled with
 * pointers, so that iovecs and msghdrs point somewhere), paths (existing,
 * missing, too long, with ".."), and descriptors of every kind the parent
 * opened before forking (files, directories, pipes, a FIFO, an eventfd, an epoll,
 * a signalfd, TCP, UDP and unix sockets, /proc and /dev files, the tty).
 * A table of hints (fd, buffer, length, path ...) per call name makes the
 * arguments plausible often enough to get past the first checks; calls
 * without a hint get arguments of any kind.
 *
 * Determinism: each child's whole call sequence is a function of its own
 * seed (derived from --seed, its slot and its generation) and nothing
 * else (results are never fed back), so "--replay CHILDSEED" runs that
 * child's calls again, alone, and "--print CHILDSEED" lists them without
 * making them.  Each child writes every call into a ring in shared memory
 * before making it, and its result after; the parent prints the rings
 * with the first failure.
 *
 * Children run as an unprivileged uid (--uid, 65534 by default) in their
 * own sessions, so reboot, kill(-1) and setuid cannot reach the parent or
 * the heartbeat, both root.  A child that forks or clones has the new
 * process (or thread) exit at once, in the system call stub itself, so
 * nothing else runs on a stack it may share.
 *
 * Oracles, checked by the parent every 50 ms and at the end:
 *  - the kernel log (/dev/kmsg, Linux's records): no BUG, WARNING, Oops,
 *    panic or "sleeping function called from invalid context";
 *  - responsiveness: a heartbeat process (root, its own session) sleeps
 *    10 ms at a time; a wake-up more than --max-gap ms (100) late, after
 *    the sleep, is a failure (under tools/fuzz the guest's clock counts
 *    its own instructions, so the host's load does not show in it);
 *  - the watchdog: a child that makes no call for 300 ms is sent SIGKILL,
 *    and one that is still there 10 s later is a failure (an unkillable
 *    task);
 *  - the parent's memory: a private region that the children write into
 *    through system calls (their copy-on-write copies), and a shared one
 *    they map but must not change, both checksummed; the parent's
 *    descriptors, each still open on the same file;
 *  - in our kernel (not on Linux, whose counts move by themselves): after
 *    the last child, every /proc/slabinfo row's objects in use back to the
 *    baseline (TIME_WAIT pcbs discounted) and free + slab memory back
 *    within LEAK_SLACK_KB, within 10 s; if not, each leaking cache's
 *    places (/proc/slab_allocators, with slub_debug) that hold more
 *    objects than at the baseline, so the report names the allocation.
 *
 * The parts: fuzz/calls.h (the table, the hints, the PRNG), fuzz/args.h
 * (the argument pools and generators), fuzz/world.h (the parent's
 * descriptors and scratch files); this file has the children, the
 * oracles and main.
 *
 * Output: "fuzz: ..." lines; the last is "fuzz: N calls ... clean" or
 * "fuzz: FAIL ...".  Exit status 0 when clean.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <grp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <dirent.h>
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/signalfd.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <sys/un.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include "../user/lib/slabinfo.h"
#include "../user/lib/slab_allocators.h"

#include "fuzz/calls.h"

/* ---- shared memory: the rings, the heartbeat ---- */

#define MAX_CHILDREN	16
#define RING		32
#define PENDING		0x7fffdeadbeef0001L	/* the call has not returned */

struct ring_entry {
	int nr;
	long arg[6];
	long ret;
};

struct slot {
	volatile pid_t pid;
	volatile uint64_t seed;
	volatile uint64_t calls;	/* made by this child so far */
	volatile unsigned head;		/* next ring entry */
	struct ring_entry ring[RING];
};

struct shared {
	struct slot slot[MAX_CHILDREN];
	volatile uint64_t hb_last_ns;	/* the heartbeat's last wake-up */
	volatile uint64_t hb_wakeups, hb_misses, hb_worst_ns;
};

static struct shared *sh;

#include "fuzz/args.h"

/* ---- the children ---- */

/*
 * The system call itself.  fuzz_forking is set around fork, vfork, clone
 * and clone3: when one returns 0, the new process or thread exits at once
 * without touching memory (it may share the parent's stack).
 */
long fuzz_syscall(long nr, long a0, long a1, long a2, long a3, long a4, long a5);
volatile char fuzz_forking;
__asm__(
	".text\n"
	".globl fuzz_syscall\n"
	"fuzz_syscall:\n"
	"	mov %rdi, %rax\n"
	"	mov %rsi, %rdi\n"
	"	mov %rdx, %rsi\n"
	"	mov %rcx, %rdx\n"
	"	mov %r8, %r10\n"
	"	mov %r9, %r8\n"
	"	mov 8(%rsp), %r9\n"
	"	syscall\n"
	"	test %rax, %rax\n"
	"	jnz 1f\n"
	"	cmpb $0, fuzz_forking(%rip)\n"
	"	je 1f\n"
	"	mov $60, %eax\n"		/* exit(0): this task only */
	"	xor %edi, %edi\n"
	"	syscall\n"
	"1:	ret\n");

static void on_alarm(int sig)
{
	(void)sig;
}

/* len bytes that end where a PROT_NONE page begins. */
static void *map_buf(size_t len)
{
	size_t round = (len + PAGE - 1) & ~(size_t)(PAGE - 1);
	char *p = mmap(NULL, round + PAGE, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (p == MAP_FAILED)
		_exit(120);
	mprotect(p + round, PAGE, PROT_NONE);
	return p + round - len;
}

/* Fill the buffers: bytes, and words that are pointers or small numbers
 * (so that an iovec, msghdr, sigaction or epoll_event read from one has
 * plausible fields). */
static void fill_bufs(void)
{
	memcpy(addr_page, &sin_lo, sizeof(sin_lo));
	memcpy(addr_page + 256, &sun_path, sizeof(sun_path));
	for (int i = 0; i < NBUF; i++) {
		long *w = (long *)buf[i];
		for (size_t k = 0; k < buf_len[i] / 8; k++) {
			switch (below(4)) {
			case 0:
				w[k] = gen_ptr();
				break;
			case 1:
				w[k] = gen_len();
				break;
			case 2:
				w[k] = gen_int();
				break;
			default:
				w[k] = (long)rnd();
			}
		}
	}
}

static void setup_child_memory(void)
{
	static const size_t lens[NBUF] = { 64, 256, PAGE, 2 * PAGE, 4 * PAGE, 16 * PAGE };

	for (int i = 0; i < NBUF; i++) {
		buf_len[i] = lens[i];
		buf[i] = map_buf(lens[i]);
	}
	addr_page = map_buf(PAGE);
	/* A path with no NUL before the PROT_NONE page. */
	path_end = buf[0] + buf_len[0] - 8;
	fill_bufs();
	memcpy(path_end, "fuzz/xyz", 8);
}

static void ring_put(struct slot *s, int nr, const long arg[6])
{
	struct ring_entry *e = &s->ring[s->head % RING];

	e->nr = nr;
	memcpy(e->arg, arg, sizeof(e->arg));
	e->ret = PENDING;
}

/* The calls of one child, from its seed; with run false, only printed. */
static void child_loop(struct slot *s, uint64_t seed, uint64_t max_calls, bool run)
{
	rng = seed | 1;
	for (uint64_t n = 0; !max_calls || n < max_calls; n++) {
		int nr;
		long a[6];

		if (n % 4096 == 4095)
			fill_bufs();
		gen_call(&nr, a);
		if (!run) {
			printf("%llu %s(%#lx, %#lx, %#lx, %#lx, %#lx, %#lx)\n",
			       (unsigned long long)n, call_name(nr), a[0], a[1],
			       a[2], a[3], a[4], a[5]);
			continue;
		}
		ring_put(s, nr, a);
		fuzz_forking = nr == 56 || nr == 57 || nr == 58 || nr == 435;
		long r = fuzz_syscall(nr, a[0], a[1], a[2], a[3], a[4], a[5]);
		fuzz_forking = 0;
		s->ring[s->head % RING].ret = r;
		s->head++;
		s->calls = n + 1;
	}
}

/* In the child, after fork: drop to the fuzz uid, in a session of its own. */
static void become_child(int kmsg_fd)
{
	struct rlimit nproc = { 64, 64 };

	if (kmsg_fd >= 0)
		close(kmsg_fd);		/* its offset is the parent's */
	/* Not the parent's output: a child could write, seek or truncate it. */
	int null = open("/dev/null", O_RDWR);
	for (int fd = 0; fd < 3; fd++)
		dup2(null, fd);
	if (null > 2)
		close(null);
	setsid();
	setrlimit(RLIMIT_NPROC, &nproc);
	setgroups(0, NULL);
	if (setgid(fuzz_uid) < 0 || setuid(fuzz_uid) < 0)
		_exit(121);
	struct sigaction sa = { .sa_handler = on_alarm };
	sigaction(SIGALRM, &sa, NULL);	/* no SA_RESTART: blocking calls end */
	signal(SIGPIPE, SIG_IGN);
	signal(SIGTTIN, SIG_IGN);
	signal(SIGTTOU, SIG_IGN);
	struct itimerval it = { { 0, 20000 }, { 0, 20000 } };
	setitimer(ITIMER_REAL, &it, NULL);
}

#include "fuzz/world.h"

/* ---- the parent: oracles ---- */

static int kmsg_fd = -1;
static char failure[512];
static uint64_t total_calls, children_started, children_killed_stuck;
static uint64_t exits_normal, exits_signal;
static uint64_t slot_seen_calls[MAX_CHILDREN], slot_seen_ns[MAX_CHILDREN],
	slot_killed_ns[MAX_CHILDREN];
static uint64_t run_seed;
static unsigned slot_gen[MAX_CHILDREN];

static void fail(const char *fmt, ...)
{
	va_list ap;

	if (failure[0])
		return;
	va_start(ap, fmt);
	vsnprintf(failure, sizeof(failure), fmt, ap);
	va_end(ap);
}

/* New kernel log records: the first that reports a kernel bug fails. */
static void check_kmsg(void)
{
	static const char *bad[] = { "BUG", "WARNING", "Oops", "Kernel panic",
				     "general protection", "sleeping function called",
				     "Unable to handle", "stack segment",
				     "double fault", "Call Trace" };
	char rec[2048];

	if (kmsg_fd < 0)
		return;
	for (;;) {
		ssize_t n = read(kmsg_fd, rec, sizeof(rec) - 1);
		if (n < 0 && errno == EPIPE)
			continue;		/* overrun: the oldest were lost */
		if (n <= 0)
			return;
		rec[n] = 0;
		char *msg = strchr(rec, ';');
		msg = msg ? msg + 1 : rec;
		/* A user process's fault is reported too, and is no bug. */
		if (!strncmp(msg, "traps: ", 7) || strstr(msg, "segfault at"))
			continue;
		for (unsigned i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
			if (strstr(msg, bad[i])) {
				msg[strcspn(msg, "\n")] = 0;
				fail("kernel log: %s", msg);
				return;
			}
	}
}

static void print_ring(int i)
{
	struct slot *s = &sh->slot[i];
	unsigned head = s->head;
	unsigned from = head > RING ? head - RING : 0;

	printf("fuzz: child %d (pid %d, seed %#llx): its last %u of %llu calls\n",
	       i, s->pid, (unsigned long long)s->seed, head - from + 1,
	       (unsigned long long)s->calls);
	for (unsigned k = from; k <= head; k++) {
		struct ring_entry *e = &s->ring[k % RING];
		if (k == head && e->ret != PENDING)
			break;
		printf("fuzz:   #%u %s(%#lx, %#lx, %#lx, %#lx, %#lx, %#lx) = ",
		       k, call_name(e->nr), e->arg[0], e->arg[1], e->arg[2],
		       e->arg[3], e->arg[4], e->arg[5]);
		if (e->ret == PENDING)
			printf("(still in the call)\n");
		else if (e->ret < 0 && e->ret > -4096)
			printf("-1 %s\n", strerror((int)-e->ret));
		else
			printf("%#lx\n", e->ret);
	}
}

/* A child with no new call for this long is killed: a call that blocks
 * is ended by the child's 20 ms SIGALRM unless the child has blocked or
 * ignored it, which random masks and handlers do often. */
#define WATCHDOG_NS	300000000ULL

/* Which calls the watchdog found children in, for the summary. */
static struct { int nr; unsigned n; } stuck_in[32];

static void note_stuck(struct slot *s)
{
	struct ring_entry *e = &s->ring[s->head % RING];
	int nr = e->ret == PENDING ? e->nr : -2;

	for (unsigned k = 0; k < 32; k++)
		if (!stuck_in[k].n || stuck_in[k].nr == nr) {
			stuck_in[k].nr = nr;
			stuck_in[k].n++;
			return;
		}
}

static void print_stuck(void)
{
	printf("fuzz: the watchdog's kills, by call:");
	for (unsigned k = 0; k < 32 && stuck_in[k].n; k++)
		printf(" %s %u", stuck_in[k].nr == -2 ? "(user space)" :
		       call_name(stuck_in[k].nr), stuck_in[k].n);
	printf("\n");
}

static pid_t start_child(int i, uint64_t max_calls)
{
	struct slot *s = &sh->slot[i];
	uint64_t seed = mix(run_seed ^ mix(((uint64_t)i << 32) | slot_gen[i]++));

	s->seed = seed;
	s->calls = 0;
	s->head = 0;
	memset(s->ring, 0, sizeof(s->ring));
	pid_t pid = fork();
	if (pid == 0) {
		become_child(kmsg_fd);
		child_loop(s, seed, max_calls, true);
		_exit(0);
	}
	s->pid = pid > 0 ? pid : 0;
	slot_seen_calls[i] = 0;
	slot_seen_ns[i] = now_ns();
	slot_killed_ns[i] = 0;
	children_started++;
	return pid;
}

static void heartbeat(void)
{
	setsid();
	uint64_t last = now_ns();
	for (;;) {
		msleep(10);
		uint64_t t = now_ns(), gap = t - last;
		sh->hb_wakeups++;
		if (gap > hb_limit_ns)
			sh->hb_misses++;
		if (gap > sh->hb_worst_ns)
			sh->hb_worst_ns = gap;
		sh->hb_last_ns = t;
		last = t;
	}
}

/* Every process of the fuzz uid, grandchildren included, killed; true once
 * /proc lists none (zombies included). */
static int count_uid_procs(void)
{
	DIR *d = opendir("/proc");
	struct dirent *de;
	int n = 0;
	char path[300], text[2048];

	if (!d)
		return 0;
	while ((de = readdir(d))) {
		if (de->d_name[0] < '0' || de->d_name[0] > '9')
			continue;
		snprintf(path, sizeof(path), "/proc/%s/status", de->d_name);
		if (proc_read_file(path, text, sizeof(text)) <= 0)
			continue;
		char *u = strstr(text, "\nUid:");
		char *state = strstr(text, "\nState:");
		char st = state ? state[7 + strspn(state + 7, " \t")] : '?';
		if (u && (uid_t)strtoul(u + 5, NULL, 10) == fuzz_uid && st != 'Z')
			n++;
	}
	closedir(d);
	return n;
}

static void kill_everything(void)
{
	for (int t = 0; t < 200; t++) {
		pid_t h = fork();
		if (h == 0) {
			if (setuid(fuzz_uid) < 0)
				_exit(1);
			/* kill(-1) succeeds while any process of ours is
			 * left, zombies too: a bounded number of rounds. */
			for (int k = 0; k < 20 && kill(-1, SIGKILL) == 0; k++)
				;
			_exit(0);
		}
		while (waitpid(-1, NULL, WNOHANG) > 0)
			;
		if (h > 0)
			waitpid(h, NULL, 0);
		while (waitpid(-1, NULL, WNOHANG) > 0)
			;
		if (count_uid_procs() == 0)
			return;
		msleep(50);
	}
	fail("processes of uid %d still there 10 s after SIGKILL", (int)fuzz_uid);
}

static void rm_rf(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *de;
	char path[4096];

	if (d) {
		while ((de = readdir(d))) {
			if (!strcmp(de->d_name, ".") || !strcmp(de->d_name, ".."))
				continue;
			snprintf(path, sizeof(path), "%s/%s", dir, de->d_name);
			struct stat st;
			if (lstat(path, &st) == 0 && S_ISDIR(st.st_mode))
				rm_rf(path);
			else
				unlink(path);
		}
		closedir(d);
	}
	rmdir(dir);
}

static char tcp_text[1 << 18];

static int snapshot(struct slab_snapshot *s)
{
	return slabinfo_leak_snapshot(s, tcp_text, sizeof(tcp_text));
}

/* The pages' bound: the parent's own page tables and stack may differ by
 * a few pages from the baseline's; nothing a child made may stay. */
#define LEAK_SLACK_KB	64

static int leaks(const struct slab_snapshot *b, const struct slab_snapshot *a,
		 FILE *out)
{
	int diffs = 0;

	for (int i = 0; i < a->n; i++) {
		const struct slab_row *r = &a->row[i];
		const struct slab_row *o = slabinfo_find(b, r->name);
		unsigned long was = o ? o->active : 0;
		if (r->active > was) {	/* fewer is no leak (lwIP's timers come and go) */
			if (out)
				fprintf(out, "fuzz: leak: %s: %lu objects in use, %lu before\n",
					r->name, r->active, was);
			diffs++;
		}
	}
	long long d = (b->free_kb + b->slab_kb) - (a->free_kb + a->slab_kb);
	if (d > LEAK_SLACK_KB) {
		if (out)
			fprintf(out, "fuzz: leak: free + slab memory %lld kB below the baseline\n", d);
		diffs++;
	}
	return diffs;
}

/* /proc/slab_allocators at the baseline and at the end: where a leaking
 * cache's objects were allocated (with slub_debug; empty without). */
static char places_base[1 << 19], places_now[1 << 19];

/* For each cache that leaked, the places that hold more objects than
 * at the baseline: the leak's allocation, found in the report itself. */
static void print_leak_places(const struct slab_snapshot *b,
			      const struct slab_snapshot *a)
{
	if (proc_read_file("/proc/slab_allocators", places_now, sizeof(places_now)) <= 0)
		return;
	for (int i = 0; i < a->n; i++) {
		const struct slab_row *r = &a->row[i];
		const struct slab_row *o = slabinfo_find(b, r->name);
		if (r->active <= (o ? o->active : 0))
			continue;
		const char *p = places_now;
		struct slab_place pl;
		int n = 0, ret;
		while ((ret = slab_place_next(&p, &pl)) >= 0) {
			if (ret || strcmp(pl.cache, r->name))
				continue;
			unsigned long was = slab_place_find(places_base, pl.cache, pl.where);
			if (pl.count > was) {
				printf("fuzz: leak: %s: %lu more at %s (%lu, %lu before)\n",
				       pl.cache, pl.count - was, pl.where, pl.count, was);
				n++;
			}
		}
		if (!n)
			printf("fuzz: leak: %s: no place with more objects in "
			       "/proc/slab_allocators (slub_debug=U off, or not a slab cache)\n",
			       r->name);
	}
}

static void *map_far(unsigned long at, size_t len, int type)
{
	return mmap((void *)at, len, PROT_READ | PROT_WRITE,
		    type | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0);
}

static void usage(void)
{
	fprintf(stderr, "usage: fuzz [--seed S] [--seconds N] [--calls N] [--children N]"
		" [--uid U] [--max-gap MS] [--replay SEED] [--print SEED]\n");
	exit(2);
}

int main(int argc, char **argv)
{
	uint64_t seconds = 30, max_calls = 0, replay = 0, print = 0;
	int nchildren = 4, max_gap_ms = 100;
	static struct slab_snapshot base, now;

	run_seed = 1;
	for (int i = 1; i < argc; i++) {
		const char *o = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;
		if (!v)
			usage();
		if (!strcmp(o, "--seed"))
			run_seed = strtoull(v, NULL, 0);
		else if (!strcmp(o, "--seconds"))
			seconds = strtoull(v, NULL, 0);
		else if (!strcmp(o, "--calls"))
			max_calls = strtoull(v, NULL, 0);
		else if (!strcmp(o, "--children"))
			nchildren = atoi(v);
		else if (!strcmp(o, "--uid"))
			fuzz_uid = (uid_t)atoi(v);
		else if (!strcmp(o, "--max-gap"))
			max_gap_ms = atoi(v);
		else if (!strcmp(o, "--replay"))
			replay = strtoull(v, NULL, 0);
		else if (!strcmp(o, "--print"))
			print = strtoull(v, NULL, 0);
		else
			usage();
		i++;
	}
	if (nchildren < 1 || nchildren > MAX_CHILDREN || max_gap_ms < 1)
		usage();
	hb_limit_ns = (10 + (uint64_t)max_gap_ms) * 1000000ULL;
	setvbuf(stdout, NULL, _IOLBF, 0);
	init_table();

	struct utsname un;
	bool ours = uname(&un) == 0 && strstr(un.release, "epollos");
	parent_pid = getpid();
	/* Orphaned grandchildren come back to us, to be reaped (Linux; here
	 * init reaps them). */
	prctl(PR_SET_CHILD_SUBREAPER, 1);
	mkdir("/tmp", 01777);
	make_paths();
	rm_rf(scratch_dir);
	mkdir(scratch_dir, 0777);
	chown(scratch_dir, fuzz_uid, fuzz_uid);
	/* Far from everything the children map and from each other: a
	 * child may make its guard pages writable and hand the kernel a
	 * length that runs on into whatever mapping comes next. */
	sh = map_far(0x300000000000UL, sizeof(*sh), MAP_SHARED);
	priv_region = map_far(0x310000000000UL, PRIV_SIZE, MAP_PRIVATE);
	shprot_region = map_far(0x320000000000UL, SHPROT_SIZE, MAP_SHARED);
	scratch_region = map_far(0x330000000000UL, SCRATCH_SIZE, MAP_SHARED);
	if (sh == MAP_FAILED || priv_region == MAP_FAILED ||
	    shprot_region == MAP_FAILED || scratch_region == MAP_FAILED) {
		printf("fuzz: FAIL cannot map its regions\n");
		return 1;
	}
	fill_pattern(priv_region, PRIV_SIZE, run_seed ^ 0x1111);
	fill_pattern(shprot_region, SHPROT_SIZE, run_seed ^ 0x2222);
	priv_sum = checksum(priv_region, PRIV_SIZE);
	shprot_sum = checksum(shprot_region, SHPROT_SIZE);
	open_world(ours);
	setup_child_memory();

	if (print) {
		child_loop(NULL, print, max_calls ? max_calls : 100, false);
		return 0;
	}
	if (replay) {		/* one child, alone, in the foreground */
		pid_t pid = fork();
		if (pid == 0) {
			become_child(-1);
			child_loop(&sh->slot[0], replay, max_calls, true);
			_exit(0);
		}
		int st;
		waitpid(pid, &st, 0);
		sh->slot[0].seed = replay;
		print_ring(0);
		printf("fuzz: replay of %#llx: %s %d\n", (unsigned long long)replay,
		       WIFSIGNALED(st) ? "killed by signal" : "exit status",
		       WIFSIGNALED(st) ? WTERMSIG(st) : WEXITSTATUS(st));
		kill_everything();
		rm_rf(scratch_dir);
		return 0;
	}

	kmsg_fd = open("/dev/kmsg", O_RDONLY | O_NONBLOCK);
	if (kmsg_fd >= 0)
		lseek(kmsg_fd, 0, SEEK_END);
	else
		printf("fuzz: no /dev/kmsg (%s): the kernel log is not checked\n",
		       strerror(errno));
	printf("fuzz: seed %llu, %d children as uid %d, %d system calls in the table, "
	       "%d descriptors, %s\n", (unsigned long long)run_seed, nchildren,
	       (int)fuzz_uid, NCALLS, npfds, ours ? "leak checks on" :
	       "not our kernel: no leak checks");
	signal(SIGPIPE, SIG_IGN);
	signal(SIGCHLD, SIG_DFL);

	/* A warm-up child, so that what the first use of a path creates for
	 * good (caches, the uid's accounting) is in the baseline; the
	 * baseline is taken with the world closed, and compared with it
	 * closed again after the run. */
	start_child(0, 2000);
	wait_bounded(sh->slot[0].pid);
	kill_everything();
	close_world();
	rm_rf(scratch_dir);
	touch_paths();
	msleep(300);
	memset(tcp_text, 0, sizeof(tcp_text));
	if (ours) {
		proc_read_file("/proc/slab_allocators", places_base, sizeof(places_base));
		snapshot(&now);
		snapshot(&base);
	}
	slot_gen[0] = 0;
	mkdir(scratch_dir, 0777);
	chown(scratch_dir, fuzz_uid, fuzz_uid);
	open_world(ours);

	heartbeat_pid = fork();
	if (heartbeat_pid == 0) {
		if (kmsg_fd >= 0)
			close(kmsg_fd);
		heartbeat();
	}
	sh->hb_last_ns = now_ns();
	for (int i = 0; i < nchildren; i++)
		start_child(i, 0);

	uint64_t start = now_ns(), last_report = start;
	uint64_t end = start + seconds * 1000000000ULL;
	while (!failure[0]) {
		msleep(50);
		uint64_t t = now_ns();
		bool stop = t >= end;
		uint64_t live_calls = 0;
		int st;
		pid_t pid;

		while ((pid = waitpid(-1, &st, WNOHANG)) > 0) {
			for (int i = 0; i < nchildren; i++) {
				if (sh->slot[i].pid != pid)
					continue;
				total_calls += sh->slot[i].calls;
				if (WIFSIGNALED(st))
					exits_signal++;
				else
					exits_normal++;
				sh->slot[i].pid = 0;
				if (!stop)
					start_child(i, 0);
			}
		}
		t = now_ns();	/* start_child stamped its children after the first */
		for (int i = 0; i < nchildren; i++) {
			struct slot *s = &sh->slot[i];
			if (!s->pid)
				continue;
			live_calls += s->calls;
			if (s->calls != slot_seen_calls[i]) {
				slot_seen_calls[i] = s->calls;
				slot_seen_ns[i] = t;
			} else if (!slot_killed_ns[i] && t - slot_seen_ns[i] > WATCHDOG_NS) {
				kill(s->pid, SIGKILL);
				slot_killed_ns[i] = t;
				children_killed_stuck++;
				note_stuck(s);
			} else if (slot_killed_ns[i] && t - slot_killed_ns[i] > 10000000000ULL) {
				fail("child %d (pid %d) still alive 10 s after SIGKILL", i,
				     s->pid);
				print_ring(i);
			}
		}
		check_kmsg();
		t = now_ns();
		if (sh->hb_misses)
			fail("the heartbeat woke %llu ms after its last wake-up (a 10 ms"
			     " sleep, and --max-gap %d ms)",
			     (unsigned long long)(sh->hb_worst_ns / 1000000), max_gap_ms);
		else if (t - sh->hb_last_ns > hb_limit_ns && t > sh->hb_last_ns)
			fail("the heartbeat has not run for %llu ms (--max-gap %d ms)",
			     (unsigned long long)((t - sh->hb_last_ns) / 1000000), max_gap_ms);
		if (checksum(priv_region, PRIV_SIZE) != priv_sum)
			fail("the parent's private memory changed");
		if (checksum(shprot_region, SHPROT_SIZE) != shprot_sum)
			fail("the parent's shared memory changed");
		int bad = check_fds();
		if (bad >= 0)
			fail("the parent's descriptor %d (%s) changed", pfds[bad].fd,
			     pfds[bad].what);
		if (t - last_report >= 5000000000ULL) {
			printf("fuzz: %llu s: %llu calls, %llu children\n",
			       (unsigned long long)((t - start) / 1000000000ULL),
			       (unsigned long long)(total_calls + live_calls),
			       (unsigned long long)children_started);
			last_report = t;
		}
		if (stop) {
			for (int i = 0; i < nchildren; i++)
				if (sh->slot[i].pid)
					kill(sh->slot[i].pid, SIGKILL);
			break;
		}
	}
	bool printed_failure = failure[0];
	if (failure[0]) {
		printf("fuzz: FAIL %s\n", failure);
		for (int i = 0; i < nchildren; i++)
			if (sh->slot[i].pid)
				print_ring(i);
	}
	for (int i = 0; i < nchildren; i++)
		if (sh->slot[i].pid) {
			total_calls += sh->slot[i].calls;
			kill(sh->slot[i].pid, SIGKILL);
			waitpid(sh->slot[i].pid, NULL, 0);
			sh->slot[i].pid = 0;
		}
	uint64_t elapsed = now_ns() - start;
	kill(heartbeat_pid, SIGKILL);
	waitpid(heartbeat_pid, NULL, 0);
	kill_everything();
	int bad = check_fds();
	if (bad >= 0)
		fail("the parent's descriptor %d (%s) changed", pfds[bad].fd,
		     pfds[bad].what);
	close_world();
	rm_rf(scratch_dir);
	check_kmsg();
	printf("fuzz: heartbeat: %llu wake-ups, %llu later than %d ms, worst gap %llu ms\n",
	       (unsigned long long)sh->hb_wakeups, (unsigned long long)sh->hb_misses, max_gap_ms,
	       (unsigned long long)(sh->hb_worst_ns / 1000000));
	printf("fuzz: %llu children: %llu exited, %llu killed by a signal, %llu stuck "
	       "(killed by the watchdog)\n", (unsigned long long)children_started,
	       (unsigned long long)exits_normal, (unsigned long long)exits_signal,
	       (unsigned long long)children_killed_stuck);
	if (children_killed_stuck)
		print_stuck();
	if (ours && !failure[0]) {
		int diffs = 0;
		for (int t = 0; t < 100; t++) {		/* up to 10 s */
			snapshot(&now);
			diffs = leaks(&base, &now, NULL);
			if (!diffs)
				break;
			msleep(100);
		}
		if (diffs) {
			leaks(&base, &now, stdout);
			print_leak_places(&base, &now);
			fail("kernel objects not back after the children exited");
		} else {
			printf("fuzz: every slab object back, free + slab memory within %d kB\n",
			       LEAK_SLACK_KB);
		}
	}
	if (failure[0] && !printed_failure)
		printf("fuzz: FAIL %s\n", failure);
	printf("fuzz: %llu calls in %.1f s (%.0f/s), seed %llu: %s\n",
	       (unsigned long long)total_calls, elapsed / 1e9,
	       total_calls / (elapsed / 1e9), (unsigned long long)run_seed,
	       failure[0] ? "FAILED" : "clean");
	rm_rf(scratch_dir);
	return failure[0] ? 1 : 0;
}
