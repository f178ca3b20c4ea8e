/*
 * tcp_burst: what redis-benchmark's default run does to a server, on
 * 127.0.0.1: 50 clients connect at once (non-blocking, before the
 * server accepts any) and each sends its first request at once, so the
 * requests wait in connections still in the listener's accept queue;
 * then 500 rounds in which every client has one request in flight,
 * the server answering each from the same epoll loop.  Every connection is accepted, every request
 * answered with the right reply, in order; each round ends; nothing is
 * left unread.  A stall shows as the 30 s alarm.
 */
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include "check.h"
#include "inet_common.h"

#define NCLIENTS 50
#define ROUNDS 500

static int clients[NCLIENTS];
static long answered[NCLIENTS];	/* replies each client read */
static int wrong;		/* replies not what was asked for */

/* The request of client i in round r, and its reply. */
static int request(char *b, int i, long r) { return sprintf(b, "GET %02d %ld\n", i, r); }
static int reply(char *b, int i, long r) { return sprintf(b, "+%02d %ld\n", i, r); }

static void on_alarm(int sig)
{
	(void)sig;
	printf("FAIL: stalled: %d rounds not done in 30 s\n", ROUNDS);
	exit(1);
}

/* The server's side of one readable connection: answer each whole
 * request line in it (a request is never split: they are short and
 * each waits for its reply).  Returns 0 at EOF. */
static int serve(int fd)
{
	char in[4096], out[4096];
	int n = read(fd, in, sizeof(in) - 1), len = 0;
	if (n <= 0)
		return n == 0 || errno != EAGAIN ? 0 : 1;
	in[n] = 0;
	for (char *line = in, *end; (end = strchr(line, '\n')); line = end + 1) {
		int i;
		long r;
		*end = 0;
		if (sscanf(line, "GET %d %ld", &i, &r) == 2)
			len += reply(out + len, i, r);
	}
	return write(fd, out, len) == len ? 1 : -1;
}

int main(void)
{
	signal(SIGALRM, on_alarm);
	signal(SIGPIPE, SIG_IGN);
	alarm(30);

	int lfd = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
	int one = 1;
	setsockopt(lfd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
	struct sockaddr_in a = addr_of(0);
	socklen_t alen = sizeof(a);
	report(bind(lfd, (void *)&a, sizeof(a)) == 0 && listen(lfd, 511) == 0 &&
	       getsockname(lfd, (void *)&a, &alen) == 0, "listen with backlog 511");

	/* The burst: every connect and first request before any accept. */
	int connecting = 0, sent = 0;
	for (int i = 0; i < NCLIENTS; i++) {
		clients[i] = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
		int r = connect(clients[i], (void *)&a, sizeof(a));
		connecting += r == 0 || errno == EINPROGRESS;
	}
	report(connecting == NCLIENTS, "%d of %d connects started at once", connecting, NCLIENTS);
	int cep = epoll_create1(0);
	for (int i = 0; i < NCLIENTS; i++) {
		struct epoll_event ev = { .events = EPOLLOUT, .data.u32 = i };
		epoll_ctl(cep, EPOLL_CTL_ADD, clients[i], &ev);
	}
	for (int left = NCLIENTS; left > 0;) {
		struct epoll_event evs[NCLIENTS];
		int n = epoll_wait(cep, evs, NCLIENTS, 5000);
		if (n <= 0)
			break;
		for (int k = 0; k < n; k++) {
			int i = evs[k].data.u32;
			char b[64];
			int len = request(b, i, 0);
			sent += write(clients[i], b, len) == len;
			struct epoll_event ev = { .events = EPOLLIN, .data.u32 = i };
			epoll_ctl(cep, EPOLL_CTL_MOD, clients[i], &ev);
			left--;
		}
	}
	report(sent == NCLIENTS, "%d of %d first requests sent before any accept", sent, NCLIENTS);

	/* One epoll loop plays both sides: the server accepts everything
	 * and answers every request; a client sends its next request once
	 * its reply is in.  Client i is data i, a server connection fd is
	 * SERVER + fd, the listener LISTENER. */
	enum { SERVER = 1 << 20, LISTENER = 1 << 30 };
	int accepted = 0;
	struct epoll_event lev = { .events = EPOLLIN, .data.u32 = LISTENER };
	epoll_ctl(cep, EPOLL_CTL_ADD, lfd, &lev);
	long done_rounds = 0, replies = 0;
	while (done_rounds < ROUNDS) {
		struct epoll_event evs[2 * NCLIENTS + 1];
		int n = epoll_wait(cep, evs, 2 * NCLIENTS + 1, -1);
		for (int k = 0; k < n; k++) {
			unsigned id = evs[k].data.u32;
			if (id == LISTENER) {
				int c;
				while ((c = accept4(lfd, NULL, NULL, SOCK_NONBLOCK)) >= 0) {
					struct epoll_event ev = { .events = EPOLLIN, .data.u32 = SERVER + c };
					epoll_ctl(cep, EPOLL_CTL_ADD, c, &ev);
					accepted++;
				}
				continue;
			}
			if (id >= SERVER) {
				if (serve(id - SERVER) <= 0) {
					epoll_ctl(cep, EPOLL_CTL_DEL, id - SERVER, NULL);
					close(id - SERVER);
				}
				continue;
			}
			char b[64], want[64];
			int len = read(clients[id], b, sizeof(b) - 1);
			if (len <= 0)
				continue;
			b[len] = 0;
			reply(want, id, answered[id]);
			wrong += strcmp(b, want) != 0;
			answered[id]++;
			replies++;
			if (answered[id] < ROUNDS) {
				len = request(b, id, answered[id]);
				if (write(clients[id], b, len) != len)
					wrong++;
			}
		}
		done_rounds = ROUNDS;
		for (int i = 0; i < NCLIENTS; i++)
			if (answered[i] < done_rounds)
				done_rounds = answered[i];
	}
	alarm(0);
	report(accepted == NCLIENTS, "%d of %d connections accepted", accepted, NCLIENTS);
	report(replies == (long)NCLIENTS * ROUNDS, "%ld replies to %d clients x %d rounds",
	       replies, NCLIENTS, ROUNDS);
	report(wrong == 0, "replies in order and right: %s", yesno(wrong == 0));

	/* Nothing left over: each client closes, the server sees EOF. */
	int unread = 0;
	for (int i = 0; i < NCLIENTS; i++) {
		char b[8];
		unread += recv(clients[i], b, sizeof(b), MSG_DONTWAIT) > 0;
		close(clients[i]);
	}
	report(unread == 0, "no client has more to read: %s", yesno(unread == 0));
	printf("%s\n", failed ? "some checks failed" : "all checks passed");
	return failed != 0;
}
