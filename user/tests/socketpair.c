/* socketpair: AF_UNIX stream pairs.  Creation flags and errors;
 * read/write and send/recv with MSG_PEEK, MSG_DONTWAIT, MSG_NOSIGNAL,
 * MSG_WAITALL; shutdown in each direction; the peer closing (EOF,
 * EPIPE/SIGPIPE, ECONNRESET for unread data); blocking reads and
 * writes woken by another process; EINTR vs SA_RESTART. */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <unistd.h>

#include "check.h"
#include "catch.h"


static const char *err(long r)
{
	return r < 0 ? strerror(errno) : "ok";
}

static void creation(void)
{
	int sv[2];
	long r = socketpair(AF_UNIX, SOCK_STREAM, 0, sv);
	report(r == 0 && sv[0] >= 0 && sv[1] > sv[0], "socketpair: %ld, two new fds: %s",
	       r, sv[0] >= 0 && sv[1] > sv[0] ? "yes" : "no");
	r = lseek(sv[0], 0, SEEK_SET);
	printf("lseek on a socket: %ld %s\n", r, err(r));
	close(sv[0]);
	close(sv[1]);

	r = socketpair(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0, sv);
	int fl = fcntl(sv[0], F_GETFL), fd = fcntl(sv[1], F_GETFD);
	printf("SOCK_NONBLOCK|SOCK_CLOEXEC: %ld, O_NONBLOCK %s, FD_CLOEXEC %s\n", r,
	       fl & O_NONBLOCK ? "yes" : "no", fd & FD_CLOEXEC ? "yes" : "no");
	char c;
	r = read(sv[0], &c, 1);
	printf("read on an empty non-blocking socket: %ld %s\n", r, err(r));
	close(sv[0]);
	close(sv[1]);

	r = socketpair(AF_UNIX, SOCK_STREAM, AF_UNIX, sv);
	printf("protocol AF_UNIX (PF_UNIX): %ld %s\n", r, err(r));
	if (r == 0) {
		close(sv[0]);
		close(sv[1]);
	}
	r = socketpair(AF_UNIX, SOCK_STREAM, 7, sv);
	printf("protocol 7: %ld %s\n", r, err(r));
	r = socketpair(AF_INET, SOCK_STREAM, 0, sv);
	printf("AF_INET: %ld %s\n", r, err(r));
	r = socketpair(12345, SOCK_STREAM, 0, sv);
	printf("family 12345: %ld %s\n", r, err(r));
	r = socketpair(AF_UNIX, SOCK_STREAM | 0x100, 0, sv);
	printf("unknown type flag: %ld %s\n", r, err(r));
	r = socketpair(AF_UNIX, 99, 0, sv);
	printf("type 99: %ld %s\n", r, err(r));
	r = socketpair(AF_UNIX, SOCK_RDM, 0, sv);
	printf("SOCK_RDM: %ld %s\n", r, err(r));
	r = syscall(SYS_socketpair, AF_UNIX, SOCK_STREAM, 0, (void *)8);
	printf("bad sv pointer: %ld %s\n", r, err(r));
}

static void data(void)
{
	int sv[2];
	char buf[64];
	socketpair(AF_UNIX, SOCK_STREAM, 0, sv);
	long r = write(sv[0], "hello", 5);
	int n = -1;
	ioctl(sv[1], FIONREAD, &n);
	printf("write 5: %ld, FIONREAD at the peer: %d\n", r, n);
	r = recv(sv[1], buf, 3, MSG_PEEK);
	printf("recv MSG_PEEK 3: %ld \"%.*s\"\n", r, (int)r, buf);
	r = read(sv[1], buf, sizeof buf);
	printf("then read: %ld \"%.*s\"\n", r, (int)r, buf);
	r = recv(sv[1], buf, sizeof buf, MSG_DONTWAIT);
	printf("recv MSG_DONTWAIT on empty: %ld %s\n", r, err(r));
	r = send(sv[1], "back", 4, 0);
	printf("send the other way: %ld\n", r);
	socklen_t alen = 99;
	struct sockaddr_storage sa;
	r = recvfrom(sv[0], buf, sizeof buf, 0, (struct sockaddr *)&sa, &alen);
	printf("recvfrom: %ld \"%.*s\", address length %d\n", r, (int)r, buf, (int)alen);
	struct sockaddr sa2 = { AF_UNIX, "" };
	r = sendto(sv[0], "x", 1, 0, &sa2, sizeof sa2);
	printf("sendto with an address on a connected pair: %ld %s\n", r, err(r));
	r = recv(sv[0], buf, sizeof buf, MSG_DONTWAIT | MSG_OOB);
	printf("MSG_OOB: %ld %s\n", r, err(r));
	r = send(0, "x", 1, 0);
	printf("send on a non-socket (stdin): %ld %s\n", r, err(r));
	r = recv(77, buf, 1, 0);
	printf("recv on a closed fd: %ld %s\n", r, err(r));
	r = shutdown(sv[0], 7);
	printf("shutdown how 7: %ld %s\n", r, err(r));
	r = shutdown(1, SHUT_RD);
	printf("shutdown on a non-socket: %ld %s\n", r, err(r));
	r = write(sv[0], (void *)8, 4);
	printf("write from a bad pointer: %ld %s\n", r, err(r));
	close(sv[0]);
	close(sv[1]);

	/* A write bigger than the queue goes through with a reader. */
	socketpair(AF_UNIX, SOCK_STREAM, 0, sv);
	static char big[300000];
	pid_t pid = fork();
	if (pid == 0) {
		long total = 0, k;
		close(sv[0]);
		while ((k = read(sv[1], big, sizeof big)) > 0)
			total += k;
		_exit(total == (long)sizeof big ? 0 : 1);
	}
	close(sv[1]);
	r = write(sv[0], big, sizeof big);
	close(sv[0]);
	int status;
	waitpid(pid, &status, 0);
	printf("300000-byte write to a reading peer: %ld, peer read it all: %s\n", r,
	       WIFEXITED(status) && WEXITSTATUS(status) == 0 ? "yes" : "no");
}

static void shutdowns(void)
{
	int sv[2];
	char buf[16];
	socketpair(AF_UNIX, SOCK_STREAM, 0, sv);
	write(sv[0], "ab", 2);
	shutdown(sv[0], SHUT_WR);
	long r1 = read(sv[1], buf, sizeof buf), r2 = read(sv[1], buf, sizeof buf);
	printf("after SHUT_WR the peer reads %ld then %ld (EOF)\n", r1, r2);
	handle(SIGPIPE, 0);
	long r = send(sv[0], "x", 1, MSG_NOSIGNAL);
	printf("send after SHUT_WR with MSG_NOSIGNAL: %ld %s, SIGPIPE %d\n", r, err(r),
	       (int)got[SIGPIPE]);
	r = write(sv[0], "x", 1);
	printf("write after SHUT_WR: %ld %s, SIGPIPE %d\n", r, err(r), (int)got[SIGPIPE]);
	r = write(sv[1], "yz", 2);
	printf("the peer can still write: %ld\n", r);
	r = read(sv[0], buf, sizeof buf);
	printf("and we read it: %ld\n", r);
	close(sv[0]);
	close(sv[1]);

	socketpair(AF_UNIX, SOCK_STREAM, 0, sv);
	shutdown(sv[0], SHUT_RD);
	r = read(sv[0], buf, sizeof buf);
	printf("read after own SHUT_RD: %ld\n", r);
	got[SIGPIPE] = 0;
	r = write(sv[1], "x", 1);
	printf("peer writes after our SHUT_RD: %ld %s, SIGPIPE %d\n", r, err(r),
	       (int)got[SIGPIPE]);
	close(sv[0]);
	close(sv[1]);

	/* Closing with data unread resets the peer once. */
	socketpair(AF_UNIX, SOCK_STREAM, 0, sv);
	write(sv[0], "lost", 4);
	write(sv[1], "kept", 4);
	close(sv[1]);
	r1 = read(sv[0], buf, sizeof buf);
	r = read(sv[0], buf, sizeof buf);
	printf("peer closed with our data unread: read %ld, then %ld %s", r1, r, err(r));
	r = read(sv[0], buf, sizeof buf);
	printf(", then %ld\n", r);
	got[SIGPIPE] = 0;
	r = write(sv[0], "x", 1);
	printf("write to a closed peer: %ld %s, SIGPIPE %d\n", r, err(r), (int)got[SIGPIPE]);
	close(sv[0]);
	signal(SIGPIPE, SIG_DFL);
}

static void msleep(int ms)
{
	poll(NULL, 0, ms);
}

static void blocking(void)
{
	int sv[2];
	char buf[4096];
	socketpair(AF_UNIX, SOCK_STREAM, 0, sv);
	pid_t pid = fork();
	if (pid == 0) {
		msleep(50);
		write(sv[1], "wake", 4);
		msleep(50);
		write(sv[1], "ab", 2);
		msleep(50);
		write(sv[1], "cd", 2);
		_exit(0);
	}
	long r = read(sv[0], buf, sizeof buf);
	printf("blocking read woken by another process: %ld \"%.*s\"\n", r, (int)r, buf);
	r = recv(sv[0], buf, 4, MSG_WAITALL);
	printf("recv MSG_WAITALL 4 across two writes: %ld \"%.*s\"\n", r, (int)r, buf);
	waitpid(pid, NULL, 0);

	/* Full queue: a blocking writer waits for the reader. */
	fcntl(sv[0], F_SETFL, O_NONBLOCK);
	memset(buf, 0, sizeof buf);
	while (write(sv[0], buf, sizeof buf) > 0)
		;
	fcntl(sv[0], F_SETFL, 0);
	pid = fork();
	if (pid == 0) {
		close(sv[0]);
		msleep(50);
		while (read(sv[1], buf, sizeof buf) > 0)
			;
		_exit(0);
	}
	r = write(sv[0], buf, sizeof buf);
	printf("blocking write on a full socket woken by the reader: %ld\n", r);
	close(sv[0]);
	close(sv[1]);
	waitpid(pid, NULL, 0);

	/* Signals: SA_RESTART restarts a socket read, without it EINTR. */
	socketpair(AF_UNIX, SOCK_STREAM, 0, sv);
	handle(SIGALRM, 0);
	struct itimerval it = { { 0, 0 }, { 0, 30000 } };
	setitimer(ITIMER_REAL, &it, NULL);
	r = read(sv[0], buf, sizeof buf);
	printf("read interrupted, no SA_RESTART: %ld %s, handler %d\n", r, err(r),
	       (int)got[SIGALRM]);
	handle(SIGALRM, SA_RESTART);
	pid = fork();
	if (pid == 0) {
		msleep(150);
		write(sv[1], "late", 4);
		_exit(0);
	}
	setitimer(ITIMER_REAL, &it, NULL);
	r = read(sv[0], buf, sizeof buf);
	printf("read with SA_RESTART survives the signal: %ld, handler %d\n", r,
	       (int)got[SIGALRM]);
	waitpid(pid, NULL, 0);
	close(sv[0]);
	close(sv[1]);
}

int main(void)
{
	setvbuf(stdout, NULL, _IOLBF, 0);
	creation();
	data();
	shutdowns();
	blocking();
	if (failed)
		printf("socketpair: %d check(s) FAILED\n", failed);
	else
		printf("socketpair: all checks passed\n");
	return failed ? 1 : 0;
}
