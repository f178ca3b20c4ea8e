/* poll: the grading test of docs/labs/poll.md.  poll(2) sleeps on
 * every file's wait queue through the files' ->poll methods: a child
 * asleep in poll must wake when another process makes one of its files
 * ready (not at its timeout), whatever the file and however many there
 * are, and must not wake for events it did not ask about.  One line per
 * check, "FAIL: " in front of a failure.  The same binary passes on
 * Linux. */
#include <fcntl.h>
#include <poll.h>
#include <stdint.h>
#include <sys/eventfd.h>
#include <sys/socket.h>
#include "lab.h"

#define SETTLE_MS 200
#define LONG_MS 5000		/* the sleepers' timeout */
#define PROMPT_MS 2500		/* woken by the event: well before it */
#define NPIPES 40		/* more than poll's inline and stack entries */

struct polled {
	struct pollfd *fds;
	int nfds;
};

/* A child: poll fds, then tell the parent through the pipe "result"
 * what came back: the count, the time it took, and every revents. */
static int result[2];

static int poll_child(void *arg)
{
	struct polled *p = arg;
	long long t0 = now_ms();
	int n = poll(p->fds, p->nfds, LONG_MS);
	long long took = now_ms() - t0;
	write(result[1], &n, sizeof(n));
	write(result[1], &took, sizeof(took));
	for (int i = 0; i < p->nfds; i++)
		write(result[1], &p->fds[i].revents, sizeof(short));
	return 0;
}

/* Read what poll_child sent; revents into fds. */
static int poll_result(pid_t pid, struct pollfd *fds, int nfds, long long *took)
{
	int n = -2;
	read(result[0], &n, sizeof(n));
	read(result[0], took, sizeof(*took));
	for (int i = 0; i < nfds; i++)
		read(result[0], &fds[i].revents, sizeof(short));
	reap_within(pid, 1000);
	return n;
}

/* One empty pipe; another process writes: the poller wakes at once. */
static void wakes_on_write(void)
{
	int p[2];
	pipe(p);
	struct pollfd fd = { p[0], POLLIN, 0 };
	struct polled arg = { &fd, 1 };
	pid_t pid = spawn(poll_child, &arg);
	msleep(SETTLE_MS);
	write(p[1], "x", 1);
	long long took;
	int n = poll_result(pid, &fd, 1, &took);
	report(n == 1 && fd.revents == POLLIN && took < PROMPT_MS,
	       "asleep in poll on an empty pipe, another process writes: woken with POLLIN: %s",
	       n == 1 && took < PROMPT_MS ? "yes" : n == 0 ? "no, it timed out" : "no");
	close(p[0]);
	close(p[1]);
}

/* NPIPES pipes, an eventfd and a socket in one poll; the event comes
 * on one of them: only that one is reported. */
static void many_files_one_event(void)
{
	int p[NPIPES][2], sv[2], efd = eventfd(0, 0);
	struct pollfd fds[NPIPES + 2];
	uint64_t one = 1;

	socketpair(AF_UNIX, SOCK_STREAM, 0, sv);
	for (int i = 0; i < NPIPES; i++) {
		pipe(p[i]);
		fds[i] = (struct pollfd){ p[i][0], POLLIN, 0 };
	}
	fds[NPIPES] = (struct pollfd){ efd, POLLIN, 0 };
	fds[NPIPES + 1] = (struct pollfd){ sv[0], POLLIN, 0 };
	struct polled arg = { fds, NPIPES + 2 };
	const char *which[] = { "the 37th pipe", "the eventfd", "the socket" };
	for (int round = 0; round < 3; round++) {
		pid_t pid = spawn(poll_child, &arg);
		msleep(SETTLE_MS);
		int hit = round == 0 ? 36 : round == 1 ? NPIPES : NPIPES + 1;
		char c;
		if (round == 0)
			write(p[36][1], "x", 1);
		else if (round == 1)
			write(efd, &one, 8);
		else
			write(sv[1], "x", 1);
		long long took;
		int n = poll_result(pid, fds, NPIPES + 2, &took);
		int others = 0;
		for (int i = 0; i < NPIPES + 2; i++)
			if (i != hit && fds[i].revents)
				others++;
		report(n == 1 && fds[hit].revents == POLLIN && !others && took < PROMPT_MS,
		       "%d files in one poll, an event on %s: woken, that one reported: %s",
		       NPIPES + 2, which[round],
		       n == 1 && took < PROMPT_MS ? "yes" : n == 0 ? "no, it timed out" : "no");
		/* Take the event back for the next round. */
		if (round == 0)
			read(p[36][0], &c, 1);
		else if (round == 1)
			read(efd, &one, 8);
		else
			read(sv[0], &c, 1);
	}
	for (int i = 0; i < NPIPES; i++) {
		close(p[i][0]);
		close(p[i][1]);
	}
	close(efd);
	close(sv[0]);
	close(sv[1]);
}

/* A hang-up is reported though nobody asks for it (events 0), and it
 * wakes the poller. */
static void hangup_wakes(void)
{
	int p[2];
	struct pollfd fd;
	struct polled arg = { &fd, 1 };
	long long took;

	pipe(p);
	fd = (struct pollfd){ p[0], 0, 0 };
	int w = p[1];
	pid_t pid = fork();
	if (pid == 0) {
		close(w);
		poll_child(&arg);
		_exit(0);
	}
	msleep(SETTLE_MS);
	close(w);
	int n = poll_result(pid, &fd, 1, &took);
	report(n == 1 && fd.revents == POLLHUP && took < PROMPT_MS,
	       "events 0, the writer closes: woken with POLLHUP: %s",
	       n == 1 && took < PROMPT_MS ? "yes" : n == 0 ? "no, it timed out" : "no");
	close(p[0]);
}

/* A unix socket's one wait queue carries both directions.  Each time
 * the peer reads what we sent, our socket's queue is woken with
 * EPOLLOUT; a poller that asked for POLLIN only must sleep through it. */
static void ignores_other_events(void)
{
	int sv[2];
	socketpair(AF_UNIX, SOCK_STREAM, 0, sv);
	struct pollfd fd = { sv[0], POLLIN, 0 };
	struct polled arg = { &fd, 1 };
	pid_t pid = spawn(poll_child, &arg);
	msleep(SETTLE_MS);
	long before = nvcsw(pid);
	for (int i = 0; i < 20; i++) {
		char c;
		write(sv[0], "x", 1);
		read(sv[1], &c, 1);
		msleep(5);
	}
	long woken = nvcsw(pid) - before;
	write(sv[1], "y", 1);	/* now the event it waits for */
	long long took;
	int n = poll_result(pid, &fd, 1, &took);
	report(woken <= 2,
	       "POLLIN asked, 20 write-space wake-ups on the socket: the poller slept through them: %s",
	       woken <= 2 ? "yes" : "no, it woke for each");
	report(n == 1 && fd.revents == POLLIN && took < PROMPT_MS,
	       "then data: woken with POLLIN: %s", n == 1 && took < PROMPT_MS ? "yes" : "no");
	close(sv[0]);
	close(sv[1]);
}

/* Nothing happens: 0 after the timeout, not before. */
static void times_out(void)
{
	int p[2];
	pipe(p);
	struct pollfd fd = { p[0], POLLIN, 0 };
	long long t0 = now_ms();
	int n = poll(&fd, 1, 300);
	long long took = now_ms() - t0;
	report(n == 0 && took >= 290, "nothing happens: 0 after the 300 ms timeout: n=%d%s",
	       n, took >= 290 ? "" : " (too early)");
	close(p[0]);
	close(p[1]);
}

int main(void)
{
	pipe(result);
	wakes_on_write();
	many_files_one_event();
	hangup_wakes();
	ignores_other_events();
	times_out();
	return failed ? 1 : 0;
}
