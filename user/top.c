/*
 * top - a small top: the machine and its busiest processes, once a
 * second, read from /proc (lib/proc.h).
 *
 *   top [-b] [-d SECONDS] [-n FRAMES]
 *
 * Each frame clears the screen (ANSI: cursor home, erase screen; -b,
 * for a log or a pipe, does not) and shows how long the machine has been
 * up and its load (/proc/uptime, /proc/loadavg), the tasks by state,
 * where the CPUs' time went since the last frame (/proc/stat: one line
 * for each CPU, as Linux's top after the 1 key, or the sum with 1
 * pressed again; one CPU has the sum only), memory (/proc/meminfo),
 * then one line per process, the busiest first.
 *
 * A process's %CPU is the clock ticks it was charged between two frames
 * (utime + stime in its stat) over the ticks that passed.  The first
 * frame has no earlier one, so it shows the average since the process
 * started, and the CPU line the shares since boot, as ps would.
 *
 * On a terminal, keys are read without waiting for Enter (as
 * user/keys.c does): 1 switches between a line per CPU and their sum,
 * q quits, and so does Ctrl-C, which is caught so that the terminal is
 * put back either way.  -n stops after that many frames.
 *
 * An ordinary C program on musl: it builds and runs on Linux too.
 */
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

#include "lib/proc.h"

#define HEADER_LINES	5	/* the summary and the column titles,
				 * without the CPU lines */
#define MAX_CPUS	64

/* What one look at /proc saw. */
struct sample {
	struct proc_task tasks[PROC_MAX_TASKS];
	int n;
	unsigned long long cpu[8];	/* /proc/stat: user nice system idle
					 * iowait irq softirq steal */
	unsigned long long cpus[MAX_CPUS][8];	/* the same, cpu0, cpu1 ... */
	int ncpus;
	double when;			/* seconds, monotonic */
};

static int each_cpu = 1;		/* one line per CPU (the 1 key) */

static struct sample samples[2];
static double pcpu[PROC_MAX_TASKS];	/* per task of the newer sample */
static int order[PROC_MAX_TASKS];	/* tasks by %CPU */
static long hz, page_kb;
static volatile sig_atomic_t stop;

static void on_signal(int sig)
{
	(void)sig;
	stop = 1;
}

static double monotonic_seconds(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static void parse_cpu(const char *p, unsigned long long *cpu)
{
	memset(cpu, 0, 8 * sizeof(*cpu));
	sscanf(p, "%llu %llu %llu %llu %llu %llu %llu %llu",
	       &cpu[0], &cpu[1], &cpu[2], &cpu[3], &cpu[4], &cpu[5],
	       &cpu[6], &cpu[7]);
}

/* The "cpu" lines of /proc/stat: the whole machine's first, then one
 * per online CPU ("cpu0 ...", in order). */
static void read_cpus(struct sample *s)
{
	char text[16384];

	memset(s->cpu, 0, sizeof(s->cpu));
	s->ncpus = 0;
	if (proc_read_file("/proc/stat", text, sizeof(text)) <= 0)
		return;
	for (char *line = text; line && !strncmp(line, "cpu", 3);) {
		char *rest = line + 3;
		if (*rest == ' ')
			parse_cpu(rest, s->cpu);
		else if (s->ncpus < MAX_CPUS) {
			strtol(rest, &rest, 10);
			parse_cpu(rest, s->cpus[s->ncpus++]);
		}
		line = strchr(line, '\n');
		if (line)
			line++;
	}
}

static void take_sample(struct sample *s)
{
	s->when = monotonic_seconds();
	read_cpus(s);
	s->n = proc_read_tasks(s->tasks, PROC_MAX_TASKS);
	if (s->n < 0)
		s->n = 0;
}

static double uptime_seconds(void)
{
	char text[128];

	return proc_read_file("/proc/uptime", text, sizeof(text)) > 0 ?
	       atof(text) : 0;
}

/* The same process in the older sample (both are sorted by pid), or
 * NULL: new since, or a new process that reuses an old pid. */
static const struct proc_task *find_old(const struct sample *old,
					const struct proc_task *t)
{
	int lo = 0, hi = old ? old->n - 1 : -1;

	while (lo <= hi) {
		int mid = (lo + hi) / 2;
		const struct proc_task *o = &old->tasks[mid];
		if (o->pid == t->pid)
			return o->starttime == t->starttime ? o : NULL;
		if (o->pid < t->pid)
			lo = mid + 1;
		else
			hi = mid - 1;
	}
	return NULL;
}

/* %CPU of t: over the last interval, or since it started. */
static double task_pcpu(const struct proc_task *t, const struct sample *old,
			const struct sample *now, double up)
{
	const struct proc_task *o = find_old(old, t);
	unsigned long long ticks = t->utime + t->stime;
	double seconds;

	if (o) {
		ticks -= o->utime + o->stime;
		seconds = now->when - old->when;
	} else {
		seconds = up - (double)t->starttime / hz;
	}
	return seconds > 0 ? 100.0 * ticks / hz / seconds : 0;
}

static int by_pcpu(const void *a, const void *b)
{
	int i = *(const int *)a, j = *(const int *)b;

	if (pcpu[i] != pcpu[j])
		return pcpu[i] < pcpu[j] ? 1 : -1;
	return i - j;		/* ties by pid: tasks are sorted by pid */
}

static void sort_tasks(const struct sample *old, const struct sample *now,
		       double up)
{
	for (int i = 0; i < now->n; i++) {
		pcpu[i] = task_pcpu(&now->tasks[i], old, now, up);
		order[i] = i;
	}
	qsort(order, now->n, sizeof(int), by_pcpu);
}

/* "up 5 min", "up 2:03", "up 3 days, 2:03", as uptime(1) says it. */
static void format_uptime(double up, char *buf, size_t size)
{
	long s = (long)up, days = s / 86400, h = s / 3600 % 24, m = s / 60 % 60;
	int len = 0;

	if (days)
		len = snprintf(buf, size, "%ld day%s, ", days, days > 1 ? "s" : "");
	if (h)
		snprintf(buf + len, size - len, "%2ld:%02ld", h, m);
	else
		snprintf(buf + len, size - len, "%ld min", m);
}

static void show_uptime_line(double up)
{
	char text[128], upbuf[64], clock[16];
	double load[3] = { 0, 0, 0 };
	time_t now = time(NULL);

	if (proc_read_file("/proc/loadavg", text, sizeof(text)) > 0)
		sscanf(text, "%lf %lf %lf", &load[0], &load[1], &load[2]);
	strftime(clock, sizeof(clock), "%H:%M:%S", localtime(&now));
	format_uptime(up, upbuf, sizeof(upbuf));
	printf("top - %s up %s,  load average: %.2f, %.2f, %.2f\n", clock,
	       upbuf, load[0], load[1], load[2]);
}

static void show_tasks_line(const struct sample *s)
{
	int running = 0, sleeping = 0, stopped = 0, zombie = 0;

	for (int i = 0; i < s->n; i++) {
		char st = s->tasks[i].state;
		running += st == 'R';
		sleeping += st == 'S' || st == 'D' || st == 'I';
		stopped += st == 'T' || st == 't';
		zombie += st == 'Z';
	}
	printf("Tasks: %3d total, %3d running, %3d sleeping, %3d stopped, "
	       "%3d zombie\n", s->n, running, sleeping, stopped, zombie);
}

/* Shares of a CPU's ticks between two samples of its line (old is
 * NULL on the first frame: since boot). */
static void show_cpu_line(const char *name, const unsigned long long *old,
			  const unsigned long long *now)
{
	/* top's order, which puts system before nice. */
	static const char *const names[8] = {
		"us", "sy", "ni", "id", "wa", "hi", "si", "st",
	};
	static const int columns[8] = { 0, 2, 1, 3, 4, 5, 6, 7 };
	unsigned long long d[8], total = 0;

	for (int i = 0; i < 8; i++) {
		d[i] = now[i] - (old ? old[i] : 0);
		total += d[i];
	}
	printf("%s", name);
	for (int i = 0; i < 8; i++)
		printf("%s%5.1f %s", i ? ", " : " ",
		       total ? 100.0 * d[columns[i]] / total : 0, names[i]);
	printf("\n");
}

/* The sum, or a line per CPU (Linux's top: "%Cpu0  :"); the number of
 * lines shown. */
static int show_cpu_lines(const struct sample *old, const struct sample *now)
{
	if (!each_cpu || now->ncpus <= 1) {
		show_cpu_line("%Cpu(s):", old ? old->cpu : NULL, now->cpu);
		return 1;
	}
	for (int c = 0; c < now->ncpus; c++) {
		char name[16];
		snprintf(name, sizeof(name), "%%Cpu%-3d:", c);
		show_cpu_line(name, old && c < old->ncpus ? old->cpus[c] : NULL,
			      now->cpus[c]);
	}
	return now->ncpus;
}

static long long show_mem_line(void)
{
	char text[4096];
	long long total = -1, avail = -1, freekb = -1;

	if (proc_read_file("/proc/meminfo", text, sizeof(text)) > 0) {
		total = proc_meminfo_kb(text, "MemTotal");
		freekb = proc_meminfo_kb(text, "MemFree");
		avail = proc_meminfo_kb(text, "MemAvailable");
	}
	printf("MiB Mem : %8.1f total, %8.1f free, %8.1f used, %8.1f avail\n",
	       total / 1024.0, freekb / 1024.0, (total - avail) / 1024.0,
	       avail / 1024.0);
	return total;
}

static void show_task(const struct proc_task *t, double cpu, long long memkb)
{
	unsigned long long cs = (t->utime + t->stime) * 100 / hz;
	unsigned long res = t->rss * page_kb;

	printf("%7d %5d %c %5.1f %5.1f %8lu %4llu:%02llu.%02llu %s\n", t->pid,
	       t->ppid, t->state, cpu, memkb > 0 ? 100.0 * res / memkb : 0,
	       res, cs / 6000, cs / 100 % 60, cs % 100, t->comm);
}

/* How many process lines fit: the terminal's rows less the header, or
 * every process when the height is not known (a pipe, a log). */
static int rows_for_tasks(int n, int header)
{
	struct winsize ws;

	if (ioctl(1, TIOCGWINSZ, &ws) < 0 || ws.ws_row <= header + 1)
		return n;
	return ws.ws_row - header - 1 < n ? ws.ws_row - header - 1 : n;
}

static void show_frame(const struct sample *old, const struct sample *now,
		       int clear)
{
	double up = uptime_seconds();

	sort_tasks(old, now, up);
	if (clear)
		printf("\033[H\033[2J");
	show_uptime_line(up);
	show_tasks_line(now);
	int header = HEADER_LINES + show_cpu_lines(old, now);
	long long memkb = show_mem_line();
	printf("\n%7s %5s %c %5s %5s %8s %10s %s\n", "PID", "PPID", 'S',
	       "%CPU", "%MEM", "RES", "TIME+", "COMMAND");
	int rows = rows_for_tasks(now->n, header);
	for (int i = 0; i < rows; i++)
		show_task(&now->tasks[order[i]], pcpu[order[i]], memkb);
	fflush(stdout);
}

/* Wait up to delay seconds; whether to go on (no q, no signal). */
static int wait_for_key(double delay, int keys)
{
	struct pollfd p = { 0, POLLIN, 0 };
	double end = monotonic_seconds() + delay;

	for (;;) {
		double left = end - monotonic_seconds();
		if (stop)
			return 0;
		if (left <= 0)
			return 1;
		int r = poll(&p, keys, (int)(left * 1000) + 1);
		char c;
		if (r <= 0)
			continue;
		if (!(p.revents & POLLIN) || read(0, &c, 1) != 1)
			keys = 0;	/* stdin closed or broken: just wait */
		else if (c == 'q' || c == 'Q')
			return 0;
		else if (c == '1')
			each_cpu = !each_cpu;	/* shows at the next frame */
	}
}

static void usage(void)
{
	fprintf(stderr, "usage: top [-b] [-d SECONDS] [-n FRAMES]\n");
	exit(2);
}

/* Ctrl-C and TERM end the loop instead of the process, so the terminal
 * gets its settings back. */
static void catch_signals(void)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;	/* no SA_RESTART: poll must return */
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
}

int main(int argc, char **argv)
{
	double delay = 1;
	long frames = -1;
	int batch = 0, opt;
	struct termios old, raw;

	while ((opt = getopt(argc, argv, "bd:n:")) != -1) {
		if (opt == 'b')
			batch = 1;
		else if (opt == 'd' && (delay = atof(optarg)) > 0)
			continue;
		else if (opt == 'n' && (frames = atol(optarg)) > 0)
			continue;
		else
			usage();
	}
	if (optind < argc)
		usage();
	hz = sysconf(_SC_CLK_TCK) > 0 ? sysconf(_SC_CLK_TCK) : 100;
	page_kb = sysconf(_SC_PAGESIZE) / 1024;
	catch_signals();	/* before raw mode, which it must undo */
	int keys = !batch && tcgetattr(0, &old) == 0;
	if (keys) {
		raw = old;
		raw.c_lflag &= ~(ICANON | ECHO);
		raw.c_cc[VMIN] = 1;
		raw.c_cc[VTIME] = 0;
		tcsetattr(0, TCSANOW, &raw);
	}
	take_sample(&samples[0]);
	show_frame(NULL, &samples[0], !batch);
	for (long f = 1; frames < 0 || f < frames; f++) {
		if (!wait_for_key(delay, keys))
			break;
		struct sample *prev = &samples[(f - 1) % 2], *now = &samples[f % 2];
		take_sample(now);
		show_frame(prev, now, !batch);
	}
	if (keys)
		tcsetattr(0, TCSANOW, &old);
	return 0;
}
