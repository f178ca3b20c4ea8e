/* pthreads: a pthread program of the kind students write, built twice:
 * with musl (build/user/pthreads) and with glibc (gcc -static -pthread,
 * build/user/pthreads.glibc), each compared with Linux.  8 threads:
 * a mutex-protected counter, a bounded buffer with two condition
 * variables (4 producers, 4 consumers, every item counted once),
 * pthread_barrier, broadcast to 8 waiters, pthread_cond_timedwait's
 * ETIMEDOUT, trylock's EBUSY, a recursive mutex, an rwlock,
 * pthread_once, thread-specific data with its destructor, a detached
 * thread, and join values.  Prints only totals. */
#define _GNU_SOURCE
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "check.h"

#define NTHREADS	8
#define ITERS		20000
#define ITEMS		4000	/* per producer */
#define QSIZE		16

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static long counter;

static void *count_up(void *arg)
{
	long id = (long)arg;
	for (int i = 0; i < ITERS; i++) {
		pthread_mutex_lock(&lock);
		counter++;
		pthread_mutex_unlock(&lock);
	}
	return (void *)(id * id);
}

/* --- a bounded buffer --- */

static struct {
	pthread_mutex_t m;
	pthread_cond_t not_full, not_empty;
	int buf[QSIZE], head, tail, n, producers_left;
} q = { PTHREAD_MUTEX_INITIALIZER, PTHREAD_COND_INITIALIZER,
	PTHREAD_COND_INITIALIZER, { 0 }, 0, 0, 0, 4 };

static void *producer(void *arg)
{
	int base = (int)(long)arg * ITEMS;
	for (int i = 0; i < ITEMS; i++) {
		pthread_mutex_lock(&q.m);
		while (q.n == QSIZE)
			pthread_cond_wait(&q.not_full, &q.m);
		q.buf[q.tail] = base + i;
		q.tail = (q.tail + 1) % QSIZE;
		q.n++;
		pthread_cond_signal(&q.not_empty);
		pthread_mutex_unlock(&q.m);
	}
	pthread_mutex_lock(&q.m);
	if (--q.producers_left == 0)
		pthread_cond_broadcast(&q.not_empty);
	pthread_mutex_unlock(&q.m);
	return NULL;
}

static long long consumed_sum;
static int consumed_count;

static void *consumer(void *arg)
{
	long long sum = 0;
	int count = 0;
	(void)arg;
	for (;;) {
		pthread_mutex_lock(&q.m);
		while (q.n == 0 && q.producers_left)
			pthread_cond_wait(&q.not_empty, &q.m);
		if (q.n == 0) {
			pthread_mutex_unlock(&q.m);
			break;
		}
		int v = q.buf[q.head];
		q.head = (q.head + 1) % QSIZE;
		q.n--;
		pthread_cond_signal(&q.not_full);
		pthread_mutex_unlock(&q.m);
		sum += v;
		count++;
	}
	pthread_mutex_lock(&lock);
	consumed_sum += sum;
	consumed_count += count;
	pthread_mutex_unlock(&lock);
	return NULL;
}

/* --- barrier, broadcast, once, keys --- */

static pthread_barrier_t barrier;
static pthread_once_t once = PTHREAD_ONCE_INIT;
static int once_runs;
static pthread_key_t key;
static int destructor_runs;
static pthread_mutex_t gate_m = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t gate_c = PTHREAD_COND_INITIALIZER;
static int gate_open, waiting, serial_seen;
static pthread_rwlock_t rw = PTHREAD_RWLOCK_INITIALIZER;
static int shared_value;

static void init_once(void) { once_runs++; }

static void destructor(void *p)
{
	free(p);
	__atomic_add_fetch(&destructor_runs, 1, __ATOMIC_SEQ_CST);
}

static void *phases(void *arg)
{
	long id = (long)arg;
	pthread_once(&once, init_once);
	pthread_setspecific(key, malloc(16));
	if (pthread_barrier_wait(&barrier) == PTHREAD_BARRIER_SERIAL_THREAD)
		__atomic_add_fetch(&serial_seen, 1, __ATOMIC_SEQ_CST);
	pthread_mutex_lock(&gate_m);
	waiting++;
	while (!gate_open)
		pthread_cond_wait(&gate_c, &gate_m);
	pthread_mutex_unlock(&gate_m);
	pthread_rwlock_rdlock(&rw);
	int v = shared_value;
	pthread_rwlock_unlock(&rw);
	pthread_rwlock_wrlock(&rw);
	shared_value += (int)id;
	pthread_rwlock_unlock(&rw);
	return (void *)(long)v;
}

static volatile int detached_done;

static void *detached(void *arg)
{
	(void)arg;
	detached_done = 1;
	return NULL;
}

int main(void)
{
	pthread_t t[NTHREADS];
	long joined = 0;

	for (long i = 0; i < NTHREADS; i++)
		pthread_create(&t[i], NULL, count_up, (void *)i);
	for (int i = 0; i < NTHREADS; i++) {
		void *r;
		pthread_join(t[i], &r);
		joined += (long)r;
	}
	report(counter == (long)NTHREADS * ITERS, "8 threads x 20000 locked increments: %ld", counter);
	report(joined == 140, "join values summed: %ld", joined);

	for (long i = 0; i < 4; i++)
		pthread_create(&t[i], NULL, producer, (void *)i);
	for (long i = 4; i < 8; i++)
		pthread_create(&t[i], NULL, consumer, NULL);
	for (int i = 0; i < NTHREADS; i++)
		pthread_join(t[i], NULL);
	long long n = 4LL * ITEMS;
	report(consumed_count == n && consumed_sum == n * (n - 1) / 2,
	       "bounded buffer: %d items consumed, sum %lld", consumed_count, consumed_sum);

	pthread_barrier_init(&barrier, NULL, NTHREADS);
	pthread_key_create(&key, destructor);
	for (long i = 0; i < NTHREADS; i++)
		pthread_create(&t[i], NULL, phases, (void *)(i + 1));
	for (;;) {
		pthread_mutex_lock(&gate_m);
		int w = waiting;
		pthread_mutex_unlock(&gate_m);
		if (w == NTHREADS)
			break;
		usleep(1000);
	}
	pthread_mutex_lock(&gate_m);
	gate_open = 1;
	pthread_cond_broadcast(&gate_c);
	pthread_mutex_unlock(&gate_m);
	for (int i = 0; i < NTHREADS; i++)
		pthread_join(t[i], NULL);
	report(serial_seen == 1, "barrier: one serial thread");
	report(once_runs == 1, "pthread_once ran once");
	report(shared_value == 36, "broadcast released 8 waiters; rwlock sum %d", shared_value);
	report(destructor_runs == NTHREADS, "key destructors ran: %d", destructor_runs);

	struct timespec ts;
	clock_gettime(CLOCK_REALTIME, &ts);
	ts.tv_nsec += 20 * 1000 * 1000;
	if (ts.tv_nsec >= 1000000000) {
		ts.tv_sec++;
		ts.tv_nsec -= 1000000000;
	}
	pthread_mutex_lock(&gate_m);
	int r = pthread_cond_timedwait(&gate_c, &gate_m, &ts);
	pthread_mutex_unlock(&gate_m);
	report(r == ETIMEDOUT, "pthread_cond_timedwait with nobody signalling: ETIMEDOUT");

	pthread_mutex_lock(&lock);
	report(pthread_mutex_trylock(&lock) == EBUSY, "trylock of a held mutex: EBUSY");
	pthread_mutex_unlock(&lock);
	pthread_mutexattr_t a;
	pthread_mutex_t rec;
	pthread_mutexattr_init(&a);
	pthread_mutexattr_settype(&a, PTHREAD_MUTEX_RECURSIVE);
	pthread_mutex_init(&rec, &a);
	int ok = pthread_mutex_lock(&rec) == 0 && pthread_mutex_lock(&rec) == 0 &&
		 pthread_mutex_unlock(&rec) == 0 && pthread_mutex_unlock(&rec) == 0;
	report(ok, "a recursive mutex locks twice");

	pthread_attr_t da;
	pthread_t d;
	pthread_attr_init(&da);
	pthread_attr_setdetachstate(&da, PTHREAD_CREATE_DETACHED);
	pthread_create(&d, &da, detached, NULL);
	for (int i = 0; i < 5000 && !detached_done; i++)
		usleep(1000);
	report(detached_done, "a detached thread ran");
	printf("pthreads: %s\n", failed ? "FAILED" : "all passed");
	return failed != 0;
}
