/* sendevents: the grading test of docs/labs/sendevents.md.  What
 * ep_send_events does with each ready item: ask the file again (report
 * what it is now, and nothing if it stopped being ready), then decide
 * the item's future: level-triggered back on the ready list, behind
 * the others, edge-triggered dropped until its next wake-up.  One line
 * per check, "FAIL: " in front of a failure.  The same binary passes on
 * Linux. */
#include "lab.h"

static int wait1(int ep, int maxevents, struct epoll_event *out)
{
	return epoll_wait(ep, out, maxevents, 0);
}

static void level_and_edge(void)
{
	int ep = epoll_create1(0), lt[2], et[2];
	struct epoll_event out[4];
	pipe(lt);
	pipe(et);
	ctl(ep, EPOLL_CTL_ADD, lt[0], EPOLLIN, 1);
	write(lt[1], "x", 1);
	int a = wait1(ep, 4, out), b = wait1(ep, 4, out), c = wait1(ep, 4, out);
	report(a == 1 && b == 1 && c == 1,
	       "level-triggered, data left unread: reported by every call: %d %d %d", a, b, c);
	char buf[8];
	read(lt[0], buf, sizeof(buf));
	a = wait1(ep, 4, out);
	b = wait1(ep, 4, out);
	report(a == 0 && b == 0, "level-triggered, data read: no more reports: %d %d", a, b);
	epoll_ctl(ep, EPOLL_CTL_DEL, lt[0], NULL);

	ctl(ep, EPOLL_CTL_ADD, et[0], EPOLLIN | EPOLLET, 2);
	write(et[1], "x", 1);
	a = wait1(ep, 4, out);
	b = wait1(ep, 4, out);
	write(et[1], "y", 1);
	c = wait1(ep, 4, out);
	int d = wait1(ep, 4, out);
	report(a == 1 && b == 0 && c == 1 && d == 0,
	       "edge-triggered: once per write, data unread or not: %d %d, %d %d", a, b, c, d);
	close(ep);
	close(lt[0]);
	close(lt[1]);
	close(et[0]);
	close(et[1]);
}

/* The events reported are the file's answer now, within the item's
 * interest, not the interest itself, nor the state at the wake-up. */
static void repolled(void)
{
	int ep = epoll_create1(0), p[2];
	struct epoll_event out[4];
	char c;
	pipe(p);
	ctl(ep, EPOLL_CTL_ADD, p[0], EPOLLIN | EPOLLOUT, 1);
	write(p[1], "x", 1);
	int n = wait1(ep, 4, out);
	report(n == 1 && out[0].events == EPOLLIN,
	       "a pipe's read end watched for IN|OUT, data: reported as %s",
	       n == 1 ? mask_name(out[0].events) : "nothing");
	read(p[0], &c, 1);
	wait1(ep, 4, out);

	write(p[1], "y", 1);	/* queued by the callback ... */
	read(p[0], &c, 1);	/* ... and gone again before epoll_wait */
	n = wait1(ep, 4, out);
	report(n == 0, "data written and read back before epoll_wait: nothing reported: n=%d", n);

	close(p[1]);		/* no writer: a hang-up, no data */
	n = wait1(ep, 4, out);
	report(n == 1 && out[0].events == EPOLLHUP,
	       "the writer closes, nothing to read: reported as %s",
	       n == 1 ? mask_name(out[0].events) : "nothing");
	close(ep);
	close(p[0]);
}

/* With room for one event per call, three ready level-triggered items
 * take turns; three edge-triggered ones are each reported once, none
 * lost. */
static void maxevents_turns(void)
{
	int ep = epoll_create1(0), p[3][2];
	struct epoll_event out[4];
	char got[16] = "", *g = got;

	for (int i = 0; i < 3; i++) {
		pipe(p[i]);
		ctl(ep, EPOLL_CTL_ADD, p[i][0], EPOLLIN, i + 1);
		write(p[i][1], "x", 1);
	}
	for (int i = 0; i < 6; i++)
		*g++ = wait1(ep, 1, out) == 1 ? '0' + (int)out[0].data.u64 : '-';
	*g = 0;
	report(!strcmp(got, "123123"),
	       "3 level-triggered items ready, maxevents 1: they take turns: %s", got);
	for (int i = 0; i < 3; i++)
		ctl(ep, EPOLL_CTL_MOD, p[i][0], EPOLLIN | EPOLLET, i + 1);
	g = got;
	for (int i = 0; i < 4; i++)
		*g++ = wait1(ep, 1, out) == 1 ? '0' + (int)out[0].data.u64 : '-';
	*g = 0;
	report(!strcmp(got, "123-"),
	       "3 edge-triggered items ready, maxevents 1: each once, none lost: %s", got);
	close(ep);
	for (int i = 0; i < 3; i++) {
		close(p[i][0]);
		close(p[i][1]);
	}
}

int main(void)
{
	level_and_edge();
	repolled();
	maxevents_turns();
	return failed ? 1 : 0;
}
