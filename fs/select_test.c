/*
 * select_test.c - self-tests for poll/select's wait-queue entries: a
 * wake-up only counts for the events a file was asked about, and
 * poll_freewait takes down every entry, inline or in overflow pages.
 * User-visible behaviour is tested against Linux by user/tests/poll.c;
 * this is the part user space cannot see.
 */
#include "kernel/selftest.h"
#include "kernel/wait.h"
#include "fs/fs.h"
#include "fs/poll.h"

#define NR_QUEUES	(N_INLINE_POLL_ENTRIES * 3)

static wait_queue_head_t test_wq[NR_QUEUES];
static int test_nr_queues;

/* A file that is never ready and names test_nr_queues queues. */
static __poll_t test_poll(struct file *f, poll_table *pt)
{
	for (int i = 0; i < test_nr_queues; i++)
		poll_wait(f, &test_wq[i], pt);
	return 0;
}

static const struct file_operations test_fops = { .poll = test_poll };

static struct file *test_file(int nr_queues)
{
	test_nr_queues = nr_queues;
	for (int i = 0; i < nr_queues; i++)
		init_waitqueue_head(&test_wq[i]);
	return alloc_file(&test_fops, NULL, O_RDWR, "selftest");
}

SELFTEST(select_pollwake_key)
{
	struct poll_wqueues table;
	struct file *f = test_file(1);

	ST_ASSERT(!IS_ERR(f));
	poll_initwait(&table);
	table.pt._key = EPOLLIN | EPOLLERR | EPOLLHUP;
	ST_ASSERT_EQ(vfs_poll(f, &table.pt), 0);
	ST_ASSERT(waitqueue_active(&test_wq[0]));
	ST_ASSERT_EQ(f->f_count, 2);		/* the entry holds the file */

	wake_up_poll(&test_wq[0], EPOLLOUT | EPOLLWRNORM);
	ST_ASSERT_EQ(table.triggered, 0);	/* not asked: ignored */
	wake_up_poll(&test_wq[0], EPOLLIN | EPOLLRDNORM);
	ST_ASSERT_EQ(table.triggered, 1);
	table.triggered = 0;
	wake_up_poll(&test_wq[0], EPOLLHUP);	/* always of interest */
	ST_ASSERT_EQ(table.triggered, 1);
	table.triggered = 0;
	wake_up(&test_wq[0]);			/* no key: wakes anyone */
	ST_ASSERT_EQ(table.triggered, 1);

	poll_freewait(&table);
	ST_ASSERT(!waitqueue_active(&test_wq[0]));
	ST_ASSERT_EQ(f->f_count, 1);
	fput(f);
	return 0;
}

SELFTEST(select_freewait_all_entries)
{
	struct poll_wqueues table;
	struct file *f = test_file(NR_QUEUES);

	ST_ASSERT(!IS_ERR(f));
	poll_initwait(&table);
	vfs_poll(f, &table.pt);
	ST_ASSERT_EQ(table.error, 0);
	ST_ASSERT_EQ(f->f_count, 1 + NR_QUEUES);
	for (int i = 0; i < NR_QUEUES; i++)
		ST_ASSERT(waitqueue_active(&test_wq[i]));
	wake_up_poll(&test_wq[NR_QUEUES - 1], EPOLLIN);	/* an overflow entry */
	ST_ASSERT_EQ(table.triggered, 1);
	poll_freewait(&table);
	for (int i = 0; i < NR_QUEUES; i++)
		ST_ASSERT(!waitqueue_active(&test_wq[i]));
	ST_ASSERT_EQ(f->f_count, 1);
	fput(f);
	return 0;
}
