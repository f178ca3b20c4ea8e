/*
 * wait.h - wait queues: how a task sleeps until something happens, and
 * how whoever makes it happen finds the sleepers.  Names and semantics
 * are Linux's (include/linux/wait.h), so the epoll code reads the same.
 *
 * A wait_queue_head_t is a list of wait_queue_entry_t.  Waking a queue
 * calls each entry's func; for a sleeping task that is
 * default_wake_function (wake entry->private), but anything can hang an
 * entry with its own func there: epoll's ep_poll_callback does, and it is
 * handed the key (the poll events) the waker passed.
 *
 * Exclusive entries (WQ_FLAG_EXCLUSIVE) sit at the tail.  A wake-up calls
 * every non-exclusive entry ahead of them and then stops after
 * nr_exclusive exclusive entries whose func returned non-zero (0 for
 * nr_exclusive means all), which is how wake_up() hands one event to one
 * of many equivalent waiters without waking the whole herd.
 *
 * Context:
 *   init_*, DECLARE_* and DEFINE_*          anywhere
 *   add_wait_queue*, remove_wait_queue       any context
 *   wake_up* and __wake_up*                  any context, interrupt
 *                                            handlers included
 *   wake_up_locked*, __wake_up_locked        with wq_head->lock held
 *   prepare_to_wait*, finish_wait            process context
 *   wait_event* macros                       process context, may sleep
 *   entry->func                              called with wq_head->lock
 *                                            held and interrupts off:
 *                                            must not sleep
 *
 * LOCKING: wq_head->lock protects the list and is always taken with
 * interrupts off (spin_lock_irqsave), because wake-ups come from interrupt
 * handlers.  A func may take the locks of what it wakes (epoll takes
 * ep->lock), so those nest inside wq_head->lock; it must not take
 * wq_head->lock itself.
 */
#ifndef KERNEL_WAIT_H
#define KERNEL_WAIT_H

#include "kernel/types.h"
#include "kernel/list.h"
#include "kernel/spinlock.h"
#include "kernel/errno.h"

struct task_struct;

typedef struct wait_queue_entry wait_queue_entry_t;

typedef int (*wait_queue_func_t)(struct wait_queue_entry *wq_entry,
				 unsigned mode, int flags, void *key);

/* wait_queue_entry->flags */
#define WQ_FLAG_EXCLUSIVE	0x01	/* counts toward nr_exclusive */

struct wait_queue_entry {
	unsigned int flags;		/* WQ_FLAG_* */
	void *private;			/* default_wake_function: the task */
	wait_queue_func_t func;		/* called by __wake_up_common */
	struct list_head entry;		/* on wait_queue_head->head */
};

struct wait_queue_head {
	spinlock_t lock;		/* protects head; irqsave only */
	struct list_head head;		/* the entries, exclusive ones last */
};
typedef struct wait_queue_head wait_queue_head_t;

#define __WAIT_QUEUE_HEAD_INITIALIZER(name) {				\
	.lock = __SPIN_LOCK_UNLOCKED(name.lock),			\
	.head = LIST_HEAD_INIT(name.head) }

#define DECLARE_WAIT_QUEUE_HEAD(name) \
	wait_queue_head_t name = __WAIT_QUEUE_HEAD_INITIALIZER(name)

/* An entry that wakes tsk and stays queued until removed. */
#define __WAITQUEUE_INITIALIZER(name, tsk) {				\
	.private = tsk,							\
	.func = default_wake_function,					\
	.entry = LIST_HEAD_INIT((name).entry) }

#define DECLARE_WAITQUEUE(name, tsk) \
	wait_queue_entry_t name = __WAITQUEUE_INITIALIZER(name, tsk)

/* An entry for current that dequeues itself when it wakes us; the form
 * used with prepare_to_wait()/finish_wait(). */
#define DEFINE_WAIT_FUNC(name, function)				\
	wait_queue_entry_t name = {					\
		.private = current,					\
		.func = function,					\
		.entry = LIST_HEAD_INIT((name).entry),			\
	}
#define DEFINE_WAIT(name) DEFINE_WAIT_FUNC(name, autoremove_wake_function)

int default_wake_function(struct wait_queue_entry *wq_entry, unsigned mode,
			  int flags, void *key);
int autoremove_wake_function(struct wait_queue_entry *wq_entry,
			     unsigned mode, int flags, void *key);

/* A macro, as spin_lock_init: every queue initialized at one place
 * shares one lock class for the validator. */
void __init_waitqueue_head(struct wait_queue_head *wq_head, const char *name,
			   struct lock_class_key *key);
#define init_waitqueue_head(wq_head)					\
	do {								\
		static struct lock_class_key __key;			\
		__init_waitqueue_head((wq_head), #wq_head, &__key);	\
	} while (0)

/* A queue on the stack is not in the kernel image, so it cannot be its
 * own key: it is initialized at run time, at this site's key. */
#define DECLARE_WAIT_QUEUE_HEAD_ONSTACK(name)				\
	wait_queue_head_t name = ({ init_waitqueue_head(&name); name; })

static inline void init_waitqueue_entry(struct wait_queue_entry *wq_entry,
					struct task_struct *p)
{
	wq_entry->flags = 0;
	wq_entry->private = p;
	wq_entry->func = default_wake_function;
	INIT_LIST_HEAD(&wq_entry->entry);
}

/* An entry with no task behind it: only func runs on a wake-up. */
static inline void init_waitqueue_func_entry(struct wait_queue_entry *wq_entry,
					     wait_queue_func_t func)
{
	wq_entry->flags = 0;
	wq_entry->private = NULL;
	wq_entry->func = func;
	INIT_LIST_HEAD(&wq_entry->entry);
}

/* For wait_event*: an autoremove entry for current. */
void init_wait_entry(struct wait_queue_entry *wq_entry, int flags);

static inline bool waitqueue_active(struct wait_queue_head *wq_head)
{
	return !list_empty(&wq_head->head);
}

/* Lock held: the list operations themselves. */
static inline void __add_wait_queue(struct wait_queue_head *wq_head,
				    struct wait_queue_entry *wq_entry)
{
	list_add(&wq_entry->entry, &wq_head->head);
}

static inline void __add_wait_queue_entry_tail(struct wait_queue_head *wq_head,
					       struct wait_queue_entry *wq_entry)
{
	list_add_tail(&wq_entry->entry, &wq_head->head);
}

static inline void __remove_wait_queue(struct wait_queue_head *wq_head,
				       struct wait_queue_entry *wq_entry)
{
	(void)wq_head;
	list_del_init(&wq_entry->entry);
}

void add_wait_queue(struct wait_queue_head *wq_head,
		    struct wait_queue_entry *wq_entry);
void add_wait_queue_exclusive(struct wait_queue_head *wq_head,
			      struct wait_queue_entry *wq_entry);
void remove_wait_queue(struct wait_queue_head *wq_head,
		       struct wait_queue_entry *wq_entry);

/* Wake-ups.  mode is the set of task states to wake (TASK_NORMAL or
 * TASK_INTERRUPTIBLE); key is passed through to every func. */
int __wake_up_common(struct wait_queue_head *wq_head, unsigned mode,
		     int nr_exclusive, int wake_flags, void *key);
void __wake_up(struct wait_queue_head *wq_head, unsigned mode,
	       int nr_exclusive, void *key);
void __wake_up_locked(struct wait_queue_head *wq_head, unsigned mode,
		      int nr);
void __wake_up_locked_key(struct wait_queue_head *wq_head, unsigned mode,
			  void *key);

/* Poll events travel as the key, cast to a pointer as Linux's
 * poll_to_key() does (Linux keeps these two in linux/poll.h). */
#define poll_to_key(m)	((void *)(uintptr_t)(m))
#define key_to_poll(k)	((unsigned int)(uintptr_t)(k))

#define wake_up(x)		__wake_up(x, TASK_NORMAL, 1, NULL)
#define wake_up_nr(x, nr)	__wake_up(x, TASK_NORMAL, nr, NULL)
#define wake_up_all(x)		__wake_up(x, TASK_NORMAL, 0, NULL)
#define wake_up_locked(x)	__wake_up_locked((x), TASK_NORMAL, 1)
#define wake_up_all_locked(x)	__wake_up_locked((x), TASK_NORMAL, 0)
#define wake_up_interruptible(x) \
	__wake_up(x, TASK_INTERRUPTIBLE, 1, NULL)
#define wake_up_interruptible_all(x) \
	__wake_up(x, TASK_INTERRUPTIBLE, 0, NULL)
#define wake_up_poll(x, m) \
	__wake_up(x, TASK_NORMAL, 1, poll_to_key(m))
#define wake_up_locked_poll(x, m) \
	__wake_up_locked_key((x), TASK_NORMAL, poll_to_key(m))
#define wake_up_interruptible_poll(x, m) \
	__wake_up(x, TASK_INTERRUPTIBLE, 1, poll_to_key(m))

/* The sleeping half, for loops written by hand:
 *
 *	DEFINE_WAIT(wait);
 *	for (;;) {
 *		prepare_to_wait(&wq, &wait, TASK_INTERRUPTIBLE);
 *		if (condition)
 *			break;
 *		schedule();
 *	}
 *	finish_wait(&wq, &wait);
 */
void prepare_to_wait(struct wait_queue_head *wq_head,
		     struct wait_queue_entry *wq_entry, int state);
/* The same, but queued exclusive at the tail.  Returns whether the queue
 * was empty before (Linux's bool). */
bool prepare_to_wait_exclusive(struct wait_queue_head *wq_head,
			       struct wait_queue_entry *wq_entry, int state);
/* For the wait_event macros: -ERESTARTSYS (and dequeued) if a signal is
 * pending and state is interruptible, else 0. */
long prepare_to_wait_event(struct wait_queue_head *wq_head,
			   struct wait_queue_entry *wq_entry, int state);
void finish_wait(struct wait_queue_head *wq_head,
		 struct wait_queue_entry *wq_entry);

/*
 * The wait_event family: sleep until condition is true.  condition is
 * re-evaluated after every wake-up, with the task already queued and its
 * state set, so a wake-up between the test and the sleep is not lost.
 *
 * ___wait_event works on the caller's "long __ret": cmd is what sleeps
 * (schedule(), or __ret = schedule_timeout(__ret)), and a pending signal
 * in an interruptible state ends the wait with __ret = -ERESTARTSYS.
 */
#define ___wait_event(wq_head, condition, state, exclusive, cmd)	\
do {									\
	wait_queue_entry_t __wq_entry;					\
									\
	init_wait_entry(&__wq_entry, (exclusive) ? WQ_FLAG_EXCLUSIVE : 0);\
	for (;;) {							\
		long __intr = prepare_to_wait_event(&(wq_head),		\
						    &__wq_entry, state);\
		if (condition)						\
			break;						\
		if (__intr) {						\
			__ret = __intr;					\
			break;						\
		}							\
		cmd;							\
	}								\
	finish_wait(&(wq_head), &__wq_entry);				\
} while (0)

/* The timeout variants' condition: true when condition holds or the time
 * is up; if condition holds with no time left, report 1, not 0, since 0
 * means "timed out". */
#define ___wait_cond_timeout(condition)					\
({									\
	bool __cond = (condition);					\
	if (__cond && !__ret)						\
		__ret = 1;						\
	__cond || !__ret;						\
})

#define __wait_event_ret(wq_head, condition, state, exclusive)		\
({									\
	long __ret = 0;							\
	might_sleep();							\
	if (!(condition))						\
		___wait_event(wq_head, condition, state, exclusive,	\
			      schedule());				\
	__ret;								\
})

#define __wait_event_timeout_ret(wq_head, condition, state, timeout)	\
({									\
	long __ret = (timeout);						\
	might_sleep();							\
	if (!___wait_cond_timeout(condition))				\
		___wait_event(wq_head, ___wait_cond_timeout(condition),	\
			      state, 0, __ret = schedule_timeout(__ret));\
	__ret;								\
})

#define wait_event(wq_head, condition)					\
	((void)__wait_event_ret(wq_head, condition, TASK_UNINTERRUPTIBLE, 0))

/* 0, or -ERESTARTSYS if a signal cut the sleep short. */
#define wait_event_interruptible(wq_head, condition)			\
	((int)__wait_event_ret(wq_head, condition, TASK_INTERRUPTIBLE, 0))

/* Like wait_event_interruptible, but queued exclusive: a wake_up()
 * wakes one such waiter. */
#define wait_event_interruptible_exclusive(wq_head, condition)		\
	((int)__wait_event_ret(wq_head, condition, TASK_INTERRUPTIBLE, 1))

/* 0 if the timeout elapsed with condition false, else the jiffies left
 * (at least 1). */
#define wait_event_timeout(wq_head, condition, timeout)			\
	__wait_event_timeout_ret(wq_head, condition, TASK_UNINTERRUPTIBLE, \
				 timeout)

/* As wait_event_timeout, or -ERESTARTSYS on a signal. */
#define wait_event_interruptible_timeout(wq_head, condition, timeout)	\
	__wait_event_timeout_ret(wq_head, condition, TASK_INTERRUPTIBLE, \
				 timeout)

/* Last: the wait_event macros need current, and sched.h needs the types
 * above (a task_struct embeds a wait queue head). */
#include "kernel/sched.h"

#endif
