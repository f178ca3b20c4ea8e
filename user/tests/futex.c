/* futex: futex(2) as Linux answers it.  WAIT (EAGAIN on a changed word,
 * relative timeouts, EINTR), WAIT_BITSET with absolute timeouts on both
 * clocks, WAKE and WAKE_BITSET (counts, bitset matching, nr 0 waking
 * one), REQUEUE and CMP_REQUEUE (counts, EAGAIN, EINVAL), the PRIVATE
 * flag, a shared futex across fork, the argument errors (EINVAL,
 * EFAULT, ENOSYS), SA_RESTART restarting an untimed wait, and robust
 * mutexes: set/get_robust_list and EOWNERDEAD after the owner died.
 * Waiters are known to sleep through /proc/self/task/<tid>/stat. */
#define _GNU_SOURCE
#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "check.h"
#include "thread_util.h"

static volatile int word, word2;

/* --- one waiter at a time --- */

struct waiter {
	volatile int *addr;
	int op, val, bitset;
	const struct timespec *ts;
	volatile int tid;
	long ret;
	int err;
};

static void *waiter_fn(void *arg)
{
	struct waiter *w = arg;
	w->tid = my_tid();
	w->ret = futex(w->addr, w->op, w->val, w->ts, NULL, w->bitset);
	w->err = w->ret < 0 ? errno : 0;
	return NULL;
}

/* Start a waiter and return once it sleeps in the kernel. */
static int start_waiter(pthread_t *t, struct waiter *w)
{
	w->tid = 0;
	if (pthread_create(t, NULL, waiter_fn, w))
		return 0;
	while (!w->tid)
		usleep(100);
	return wait_until_sleeping(w->tid);
}

static void basics(void)
{
	struct timespec ts = { 0, 50 * 1000 * 1000 };

	word = 1;
	errno = 0;
	report(futex(&word, FUTEX_WAIT, 2, NULL, NULL, 0) == -1 && errno == EAGAIN,
	       "WAIT on a word that changed: EAGAIN");
	long t0 = mono_ms();
	errno = 0;
	long r = futex(&word, FUTEX_WAIT | FUTEX_PRIVATE_FLAG, 1, &ts, NULL, 0);
	report(r == -1 && errno == ETIMEDOUT && mono_ms() - t0 >= 50,
	       "WAIT with a 50 ms relative timeout: ETIMEDOUT, not early");
	struct timespec past;
	clock_gettime(CLOCK_MONOTONIC, &past);
	errno = 0;
	report(futex(&word, FUTEX_WAIT_BITSET, 1, &past, NULL, -1) == -1 &&
	       errno == ETIMEDOUT, "WAIT_BITSET with an absolute monotonic time passed: ETIMEDOUT");
	struct timespec abs;
	clock_gettime(CLOCK_REALTIME, &abs);
	abs.tv_nsec += 30 * 1000 * 1000;
	if (abs.tv_nsec >= 1000000000) {
		abs.tv_sec++;
		abs.tv_nsec -= 1000000000;
	}
	t0 = mono_ms();
	errno = 0;
	report(futex(&word, FUTEX_WAIT_BITSET | FUTEX_CLOCK_REALTIME, 1, &abs, NULL, -1) == -1 &&
	       errno == ETIMEDOUT && mono_ms() - t0 >= 25,
	       "WAIT_BITSET|CLOCK_REALTIME waits until the wall-clock time");
	report(futex(&word, FUTEX_WAKE, 1, NULL, NULL, 0) == 0,
	       "WAKE with nobody waiting: 0");
}

static void wake_counts(void)
{
	pthread_t t[3];
	struct waiter w[3];

	word = 0;
	for (int i = 0; i < 3; i++) {
		w[i] = (struct waiter){ .addr = &word, .op = FUTEX_WAIT | FUTEX_PRIVATE_FLAG };
		start_waiter(&t[i], &w[i]);
	}
	report(futex(&word, FUTEX_WAKE | FUTEX_PRIVATE_FLAG, 2, NULL, NULL, 0) == 2,
	       "WAKE 2 of 3 waiters: 2");
	report(futex(&word, FUTEX_WAKE | FUTEX_PRIVATE_FLAG, 0, NULL, NULL, 0) == 1,
	       "WAKE 0 still wakes one, as Linux");
	for (int i = 0; i < 3; i++)
		pthread_join(t[i], NULL);
	report(w[0].ret == 0 && w[1].ret == 0 && w[2].ret == 0,
	       "every woken WAIT returns 0");
	/* PRIVATE and shared are different futexes, even in private
	 * memory (Linux marks the shared key). */
	w[0] = (struct waiter){ .addr = &word, .op = FUTEX_WAIT | FUTEX_PRIVATE_FLAG };
	start_waiter(&t[0], &w[0]);
	report(futex(&word, FUTEX_WAKE, 1, NULL, NULL, 0) == 0,
	       "a shared WAKE does not find a PRIVATE waiter");
	report(futex(&word, FUTEX_WAKE | FUTEX_PRIVATE_FLAG, 1, NULL, NULL, 0) == 1,
	       "a PRIVATE WAKE does");
	pthread_join(t[0], NULL);
}

static void bitsets(void)
{
	pthread_t t;
	struct waiter w = { .addr = &word, .op = FUTEX_WAIT_BITSET, .bitset = 1 };

	word = 0;
	errno = 0;
	report(futex(&word, FUTEX_WAIT_BITSET, 0, NULL, NULL, 0) == -1 && errno == EINVAL,
	       "WAIT_BITSET with bitset 0: EINVAL");
	errno = 0;
	report(futex(&word, FUTEX_WAKE_BITSET, 1, NULL, NULL, 0) == -1 && errno == EINVAL,
	       "WAKE_BITSET with bitset 0: EINVAL");
	start_waiter(&t, &w);
	report(futex(&word, FUTEX_WAKE_BITSET, 1, NULL, NULL, 2) == 0,
	       "WAKE_BITSET 2 leaves a waiter of bitset 1 asleep");
	report(futex(&word, FUTEX_WAKE_BITSET, 1, NULL, NULL, 3) == 1,
	       "WAKE_BITSET 3 wakes it");
	pthread_join(t, NULL);
	w.op = FUTEX_WAIT;
	start_waiter(&t, &w);
	report(futex(&word, FUTEX_WAKE_BITSET, 1, NULL, NULL, 0x80) == 1,
	       "plain WAIT matches any bitset");
	pthread_join(t, NULL);
}

static void requeue(void)
{
	pthread_t t[3];
	struct waiter w[3];

	word = 5;
	word2 = 0;
	for (int i = 0; i < 3; i++) {
		w[i] = (struct waiter){ .addr = &word, .op = FUTEX_WAIT, .val = 5 };
		start_waiter(&t[i], &w[i]);
	}
	errno = 0;
	report(futex_n(&word, FUTEX_CMP_REQUEUE, 1, 1, &word2, 4) == -1 && errno == EAGAIN,
	       "CMP_REQUEUE with the wrong value: EAGAIN");
	errno = 0;
	report(futex_n(&word, FUTEX_CMP_REQUEUE, 1, -1, &word2, 5) == -1 && errno == EINVAL,
	       "CMP_REQUEUE with a negative count: EINVAL");
	report(futex_n(&word, FUTEX_CMP_REQUEUE, 1, 1, &word2, 5) == 2,
	       "CMP_REQUEUE wakes 1, moves 1: returns 2");
	report(futex(&word2, FUTEX_WAKE, 10, NULL, NULL, 0) == 1,
	       "the moved waiter sleeps on the second word");
	report(futex_n(&word, FUTEX_REQUEUE, 0, 10, &word2, 0) == 1,
	       "REQUEUE 0, 10: the last waiter moves (counted)");
	report(futex(&word, FUTEX_WAKE, 10, NULL, NULL, 0) == 0 &&
	       futex(&word2, FUTEX_WAKE, 10, NULL, NULL, 0) == 1,
	       "nobody left on the first word, one on the second");
	for (int i = 0; i < 3; i++)
		pthread_join(t[i], NULL);
	report(w[0].ret == 0 && w[1].ret == 0 && w[2].ret == 0,
	       "requeued waiters return 0 when woken");
}

static void errors(void)
{
	struct timespec bad = { 0, 1000000000 };

	word = 0;
	errno = 0;
	report(futex((volatile int *)((char *)&word + 1), FUTEX_WAKE, 1, NULL, NULL, 0) == -1 &&
	       errno == EINVAL, "a misaligned word: EINVAL");
	errno = 0;
	report(futex(NULL, FUTEX_WAIT, 0, NULL, NULL, 0) == -1 && errno == EFAULT,
	       "WAIT on NULL: EFAULT");
	errno = 0;
	report(futex(NULL, FUTEX_WAKE | FUTEX_PRIVATE_FLAG, 1, NULL, NULL, 0) == 0,
	       "a PRIVATE WAKE does not touch memory: 0 for NULL");
	errno = 0;
	report(futex(NULL, FUTEX_WAKE, 1, NULL, NULL, 0) == -1 && errno == EFAULT,
	       "a shared WAKE on NULL: EFAULT");
	errno = 0;
	report(futex(&word, FUTEX_WAIT, 0, &bad, NULL, 0) == -1 && errno == EINVAL,
	       "a timeout with 10^9 ns: EINVAL");
	errno = 0;
	report(futex(&word, FUTEX_WAIT, 0, (struct timespec *)8, NULL, 0) == -1 &&
	       errno == EFAULT, "an unreadable timeout: EFAULT");
	errno = 0;
	report(futex(&word, 99, 0, NULL, NULL, 0) == -1 && errno == ENOSYS,
	       "an unknown operation: ENOSYS");
	errno = 0;
	report(futex(&word, FUTEX_WAKE | FUTEX_CLOCK_REALTIME, 1, NULL, NULL, 0) == -1 &&
	       errno == ENOSYS, "CLOCK_REALTIME on WAKE: ENOSYS");
}

/* --- signals during a wait --- */

static volatile int handled;
static void on_usr1(int sig) { (void)sig; handled++; }

static void signals(void)
{
	pthread_t t;
	struct sigaction sa;
	struct timespec ts = { 5, 0 };

	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_usr1;
	sigaction(SIGUSR1, &sa, NULL);
	word = 0;
	struct waiter w = { .addr = &word, .op = FUTEX_WAIT };
	start_waiter(&t, &w);
	pthread_kill(t, SIGUSR1);
	pthread_join(t, NULL);
	report(w.ret == -1 && w.err == EINTR && handled == 1,
	       "a handled signal ends an untimed WAIT: EINTR");

	sa.sa_flags = SA_RESTART;
	sigaction(SIGUSR1, &sa, NULL);
	w = (struct waiter){ .addr = &word, .op = FUTEX_WAIT, .ts = &ts };
	start_waiter(&t, &w);
	pthread_kill(t, SIGUSR1);
	pthread_join(t, NULL);
	report(w.ret == -1 && w.err == EINTR && handled == 2,
	       "a timed WAIT gives EINTR even under SA_RESTART");

	w = (struct waiter){ .addr = &word, .op = FUTEX_WAIT };
	start_waiter(&t, &w);
	pthread_kill(t, SIGUSR1);
	while (handled < 3)
		usleep(1000);
	int asleep = wait_until_sleeping(w.tid);
	long woke = futex(&word, FUTEX_WAKE, 1, NULL, NULL, 0);
	pthread_join(t, NULL);
	report(asleep && woke == 1 && w.ret == 0,
	       "an untimed WAIT under SA_RESTART goes back to sleep, and a WAKE ends it with 0");
	signal(SIGUSR1, SIG_DFL);
}

/* --- across processes --- */

static void shared_memory(void)
{
	volatile int *shm = mmap(NULL, 4096, PROT_READ | PROT_WRITE,
				 MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (shm == MAP_FAILED)
		return;
	shm[0] = 0;
	shm[1] = 0;
	pid_t c = fork();
	if (c == 0) {
		shm[1] = 1;
		long r = futex(&shm[0], FUTEX_WAIT, 0, NULL, NULL, 0);
		_exit(r == 0 ? 0 : 1);
	}
	while (!shm[1])
		usleep(1000);
	long woke = 0;
	for (int i = 0; i < 10000 && !woke; i++) {
		woke = futex(&shm[0], FUTEX_WAKE, 1, NULL, NULL, 0);
		if (!woke)
			usleep(1000);
	}
	int st;
	waitpid(c, &st, 0);
	report(woke == 1 && WIFEXITED(st) && WEXITSTATUS(st) == 0,
	       "a futex in MAP_SHARED memory: the parent's WAKE reaches the child");
	munmap((void *)shm, 4096);
}

/* --- robust futexes --- */

struct robust_list_head_ {
	void *next;
	long futex_offset;
	void *pending;
};

static void robust(void)
{
	static struct robust_list_head_ head = { &head, 0, NULL };
	struct robust_list_head_ *got = NULL;
	size_t len = 0;

	errno = 0;
	report(syscall(SYS_set_robust_list, &head, sizeof head - 1) == -1 && errno == EINVAL,
	       "set_robust_list with the wrong size: EINVAL");
	pid_t c = fork();
	if (c == 0) {
		if (syscall(SYS_set_robust_list, &head, sizeof head))
			_exit(1);
		if (syscall(SYS_get_robust_list, 0, &got, &len))
			_exit(2);
		_exit(got == &head && len == sizeof head ? 0 : 3);
	}
	int st;
	waitpid(c, &st, 0);
	report(WIFEXITED(st) && WEXITSTATUS(st) == 0,
	       "get_robust_list(0) returns the head and size set");
	errno = 0;
	report(syscall(SYS_get_robust_list, 0x3fffffff, &got, &len) == -1 && errno == ESRCH,
	       "get_robust_list of no such thread: ESRCH");

	pthread_mutex_t *m = mmap(NULL, 4096, PROT_READ | PROT_WRITE,
				  MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	pthread_mutexattr_t a;
	pthread_mutexattr_init(&a);
	pthread_mutexattr_setpshared(&a, PTHREAD_PROCESS_SHARED);
	pthread_mutexattr_setrobust(&a, PTHREAD_MUTEX_ROBUST);
	pthread_mutex_init(m, &a);
	c = fork();
	if (c == 0) {
		pthread_mutex_lock(m);
		_exit(0);	/* dies holding it */
	}
	waitpid(c, &st, 0);
	int r = pthread_mutex_lock(m);
	report(r == EOWNERDEAD, "a robust mutex whose owner died: EOWNERDEAD");
	report(pthread_mutex_consistent(m) == 0 && pthread_mutex_unlock(m) == 0 &&
	       pthread_mutex_lock(m) == 0 && pthread_mutex_unlock(m) == 0,
	       "made consistent, it locks and unlocks again");

	/* A waiter sleeping on it is woken when the owner dies. */
	volatile int *flag = (volatile int *)(m + 1);
	*flag = 0;
	c = fork();
	if (c == 0) {
		pthread_mutex_lock(m);
		*flag = 1;
		usleep(100000);
		_exit(0);
	}
	while (!*flag)
		usleep(1000);
	r = pthread_mutex_lock(m);
	waitpid(c, &st, 0);
	report(r == EOWNERDEAD, "a waiter is woken by the owner's death: EOWNERDEAD");
	pthread_mutex_consistent(m);
	pthread_mutex_unlock(m);
	munmap(m, 4096);
}

int main(void)
{
	basics();
	wake_counts();
	bitsets();
	requeue();
	errors();
	signals();
	shared_memory();
	robust();
	printf("futex: %s\n", failed ? "FAILED" : "all passed");
	return failed != 0;
}
