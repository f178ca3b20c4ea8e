/*
 * kill - send a signal to processes.
 *
 *   kill [-s SIGNAL | -n NUMBER | -SIGNAL] [--] PID...
 *   kill -l [SIGNAL...]
 *
 * SIGNAL is a name (TERM, SIGTERM, term ...) or a number; the default
 * is TERM, 0 only checks that the process exists.  A negative PID is a
 * process group (after a signal or "--", so that "kill -9 -42" is
 * unambiguous).  "kill -l" lists the names; "kill -l 9" gives a number's
 * name, "kill -l KILL" a name's number, and an exit status above 128
 * (a shell's $? after a kill) the signal that caused it.
 *
 * Messages are those of bash's kill, the one people know:
 * "kill: (123) - No such process".  Exit status 0 if every signal was
 * sent, 1 if any was not, 2 for a malformed command line.
 *
 * An ordinary C program on musl: it builds and runs on Linux too.
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define NSIG_MAX	64	/* the highest signal number of Linux */

/* The classic signals' names, by number (x86-64 Linux's numbering). */
static const char *const sig_names[32] = {
	[1] = "HUP", "INT", "QUIT", "ILL", "TRAP", "ABRT", "BUS", "FPE",
	"KILL", "USR1", "SEGV", "USR2", "PIPE", "ALRM", "TERM", "STKFLT",
	"CHLD", "CONT", "STOP", "TSTP", "TTIN", "TTOU", "URG", "XCPU",
	"XFSZ", "VTALRM", "PROF", "WINCH", "POLL", "PWR", "SYS",
};

/* Other names the same signals go by. */
static const struct {
	const char *name;
	int sig;
} sig_aliases[] = { { "IOT", 6 }, { "CLD", 17 }, { "IO", 29 } };

static void usage(void)
{
	fprintf(stderr, "usage: kill [-s SIGNAL | -n NUMBER | -SIGNAL] [--] PID...\n"
			"       kill -l [SIGNAL...]\n");
	exit(2);
}

/* A whole decimal number in [min, max], or -1 with *ok cleared. */
static long parse_num(const char *s, long min, long max, int *ok)
{
	char *end;

	errno = 0;
	long v = strtol(s, &end, 10);
	*ok = *s && !*end && !errno && v >= min && v <= max;
	return *ok ? v : -1;
}

/* A signal by number or by name, "SIG" optional, any case; -1 if none. */
static int parse_signal(const char *s)
{
	int ok;
	long n = parse_num(s, 0, NSIG_MAX, &ok);

	if (ok)
		return n;
	if (strncasecmp(s, "SIG", 3) == 0)
		s += 3;
	for (int sig = 1; sig < 32; sig++)
		if (strcasecmp(s, sig_names[sig]) == 0)
			return sig;
	for (size_t i = 0; i < sizeof(sig_aliases) / sizeof(sig_aliases[0]); i++)
		if (strcasecmp(s, sig_aliases[i].name) == 0)
			return sig_aliases[i].sig;
	return -1;
}

static int bad_signal(const char *s)
{
	fprintf(stderr, "kill: %s: invalid signal specification\n", s);
	return 1;
}

/* "kill -l": every name, sixteen to a line. */
static void list_all(void)
{
	for (int sig = 1; sig < 32; sig++)
		printf("%s%c", sig_names[sig], sig % 16 == 0 || sig == 31 ? '\n' : ' ');
}

/* "kill -l ARG": a number's name, or a name's number. */
static int list_one(const char *arg)
{
	int ok;
	long n = parse_num(arg, 1, 255, &ok);

	if (ok) {
		if (n > 128)		/* an exit status: 128 + signal */
			n -= 128;
		if (n >= 32 || !sig_names[n])
			return bad_signal(arg);
		printf("%s\n", sig_names[n]);
		return 0;
	}
	int sig = parse_signal(arg);
	if (sig <= 0)
		return bad_signal(arg);
	printf("%d\n", sig);
	return 0;
}

static int list(char **args)
{
	int status = 0;

	if (!*args)
		list_all();
	for (; *args; args++)
		status |= list_one(*args);
	return status;
}

static int send(char **args, int sig)
{
	int status = 0;

	if (!*args)
		usage();
	for (; *args; args++) {
		int ok;
		long pid = parse_num(*args, -2147483647L, 2147483647L, &ok);
		if (!ok) {
			fprintf(stderr, "kill: %s: arguments must be process or job IDs\n",
				*args);
			status = 1;
		} else if (kill(pid, sig) < 0) {
			fprintf(stderr, "kill: (%ld) - %s\n", pid, strerror(errno));
			status = 1;
		}
	}
	return status;
}

int main(int argc, char **argv)
{
	char **args = argv + 1;
	int sig = SIGTERM;

	(void)argc;
	if (!*args)
		usage();
	if (!strcmp(*args, "-l"))
		return list(args + 1);
	if (!strcmp(*args, "-s") || !strcmp(*args, "-n")) {
		if (!args[1])
			usage();
		int ok;
		sig = args[0][1] == 'n' ? parse_num(args[1], 0, NSIG_MAX, &ok) :
					  parse_signal(args[1]);
		if (sig < 0)
			return bad_signal(args[1]);
		args += 2;
	} else if (!strcmp(*args, "--")) {
		args++;
	} else if (args[0][0] == '-' && args[0][1]) {
		sig = parse_signal(*args + 1);
		if (sig < 0)
			return bad_signal(*args + 1);
		args++;
	}
	if (*args && !strcmp(*args, "--"))
		args++;
	return send(args, sig);
}
