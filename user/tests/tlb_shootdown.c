/*
 * tlb_shootdown - threads of one process fault pages in on every CPU
 * while others unmap, mprotect and fork (arch/x86_64/mmu_context.c).
 *
 * Each worker thread, in a loop: mmap a fresh anonymous region, check
 * that every page reads zero (a stale TLB entry of another CPU pointing
 * at a page freed by an earlier munmap and reused would show someone
 * else's bytes), write its own pattern, read it back, mprotect a page
 * read-only and back, munmap.  Every munmap and mprotect of a shared mm
 * is a TLB shootdown that waits for the other CPUs, and every first
 * touch is a page fault that takes mmap_lock: the pair deadlocked when
 * the fault spun for the lock with interrupts off.  The main thread
 * forks meanwhile (fork write-protects the parent's pages on every CPU,
 * and the workers' next writes are copy-on-write faults); each child
 * checks a page the parent wrote and exits.
 *
 * Prints one line per part; nothing printed depends on the CPU count
 * or the timing.
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

#define WORKERS		4
#define ROUNDS		20
#define PAGES		4
#ifndef FORKS
#define FORKS		8
#endif
#define PAGE		4096

static char *shared;		/* written by all, COW at each fork */

struct worker {
	pthread_t thread;
	int id;
	int bad;		/* pages that were wrong */
	int rounds;
};

static int check_zero(const unsigned char *p)
{
	for (int i = 0; i < PAGE; i += 64)
		if (p[i])
			return 1;
	return 0;
}

static void *worker(void *arg)
{
	struct worker *w = arg;

	for (int r = 0; r < ROUNDS; r++) {
		unsigned char *p = mmap(NULL, PAGES * PAGE, PROT_READ | PROT_WRITE,
					MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
		if (p == MAP_FAILED) {
			w->bad++;
			break;
		}
		for (int i = 0; i < PAGES; i++)
			w->bad += check_zero(p + i * PAGE);
		unsigned char v = (unsigned char)(w->id * 16 + r % 16 + 1);
		for (int i = 0; i < PAGES; i++)
			memset(p + i * PAGE, v, PAGE);
		if (mprotect(p, PAGE, PROT_READ) || mprotect(p, PAGE, PROT_READ | PROT_WRITE))
			w->bad++;
		p[0] = v;
		for (int i = 0; i < PAGES; i++)
			if (p[i * PAGE + PAGE - 1] != v || p[i * PAGE] != v)
				w->bad++;
		/* A write to the page all threads share: after a fork it is
		 * a copy-on-write fault, with its shootdown. */
		shared[w->id * 64] = v;
		if (munmap(p, PAGES * PAGE))
			w->bad++;
		w->rounds++;
	}
	return NULL;
}

int main(void)
{
	struct worker w[WORKERS];
	int child_bad = 0;

	shared = mmap(NULL, PAGE, PROT_READ | PROT_WRITE,
		      MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (shared == MAP_FAILED)
		return 1;
	strcpy(shared + PAGE - 16, "parent's");
	for (int i = 0; i < WORKERS; i++) {
		w[i] = (struct worker){ .id = i };
		if (pthread_create(&w[i].thread, NULL, worker, &w[i]))
			return 1;
	}
	for (int f = 0; f < FORKS; f++) {
		pid_t pid = fork();
		if (pid < 0)
			return 1;
		if (pid == 0)
			_exit(strcmp(shared + PAGE - 16, "parent's") ? 1 : 0);
		int status;
		if (waitpid(pid, &status, 0) != pid || !WIFEXITED(status) ||
		    WEXITSTATUS(status))
			child_bad++;
	}
	int rounds = 0, bad = 0;
	for (int i = 0; i < WORKERS; i++) {
		pthread_join(w[i].thread, NULL);
		rounds += w[i].rounds;
		bad += w[i].bad;
	}
	printf("workers: %d rounds of mmap, fault, mprotect, munmap\n", rounds);
	printf("pages wrong (not zero when fresh, or not what was written): %d\n", bad);
	printf("forks: %d, children that saw the parent's page wrong: %d\n",
	       FORKS, child_bad);
	return bad || child_bad;
}
