/*
 * wait.c - wait queues.  See wait.h for the contexts and the LOCKING
 * rules; in short, wq_head->lock is always taken with interrupts off and
 * every func runs under it.
 */
#include "kernel/kernel.h"
#include "kernel/wait.h"

void __init_waitqueue_head(struct wait_queue_head *wq_head, const char *name,
			   struct lock_class_key *key)
{
	__spin_lock_init(&wq_head->lock, name, key);
	INIT_LIST_HEAD(&wq_head->head);
}

void add_wait_queue(struct wait_queue_head *wq_head,
		    struct wait_queue_entry *wq_entry)
{
	unsigned long flags;

	wq_entry->flags &= ~WQ_FLAG_EXCLUSIVE;
	spin_lock_irqsave(&wq_head->lock, flags);
	__add_wait_queue(wq_head, wq_entry);
	spin_unlock_irqrestore(&wq_head->lock, flags);
}

/* At the tail, behind every non-exclusive entry, so a wake-up reaches all
 * of those before it starts counting exclusive ones. */
void add_wait_queue_exclusive(struct wait_queue_head *wq_head,
			      struct wait_queue_entry *wq_entry)
{
	unsigned long flags;

	wq_entry->flags |= WQ_FLAG_EXCLUSIVE;
	spin_lock_irqsave(&wq_head->lock, flags);
	/* LAB(waitqueue): begin */
	__add_wait_queue_entry_tail(wq_head, wq_entry);
	/* LAB(waitqueue): end; the starting point has instead:
	__add_wait_queue(wq_head, wq_entry);
	 */
	spin_unlock_irqrestore(&wq_head->lock, flags);
}

void remove_wait_queue(struct wait_queue_head *wq_head,
		       struct wait_queue_entry *wq_entry)
{
	unsigned long flags;

	spin_lock_irqsave(&wq_head->lock, flags);
	__remove_wait_queue(wq_head, wq_entry);
	spin_unlock_irqrestore(&wq_head->lock, flags);
}

/*
 * The walk every wake-up comes down to.  Lock held, interrupts off.
 * The _safe iteration matters: a func may remove its own entry
 * (autoremove_wake_function).  A negative return from a func stops the
 * walk.  Returns what is left of nr_exclusive.
 */
int __wake_up_common(struct wait_queue_head *wq_head, unsigned mode,
		     int nr_exclusive, int wake_flags, void *key)
{
	struct wait_queue_entry *curr, *next;

	list_for_each_entry_safe(curr, next, &wq_head->head, entry) {
		/* LAB(waitqueue): begin */
		unsigned flags = curr->flags;	/* func may free curr */
		int ret = curr->func(curr, mode, wake_flags, key);
		if (ret < 0)
			break;
		if (ret && (flags & WQ_FLAG_EXCLUSIVE) && !--nr_exclusive)
			break;
		/* LAB(waitqueue): end; the starting point has instead:
		curr->func(curr, mode, wake_flags, key);
		 */
	}
	return nr_exclusive;
}

void __wake_up(struct wait_queue_head *wq_head, unsigned mode,
	       int nr_exclusive, void *key)
{
	unsigned long flags;

	spin_lock_irqsave(&wq_head->lock, flags);
	__wake_up_common(wq_head, mode, nr_exclusive, 0, key);
	spin_unlock_irqrestore(&wq_head->lock, flags);
}

void __wake_up_locked(struct wait_queue_head *wq_head, unsigned mode, int nr)
{
	__wake_up_common(wq_head, mode, nr, 0, NULL);
}

void __wake_up_locked_key(struct wait_queue_head *wq_head, unsigned mode,
			  void *key)
{
	__wake_up_common(wq_head, mode, 1, 0, key);
}

int default_wake_function(struct wait_queue_entry *wq_entry, unsigned mode,
			  int wake_flags, void *key)
{
	(void)key;
	return try_to_wake_up(wq_entry->private, mode, wake_flags);
}

/* Dequeue the entry once its task is woken, so the sleeper need not take
 * the lock again in finish_wait() and a second wake-up skips it. */
int autoremove_wake_function(struct wait_queue_entry *wq_entry,
			     unsigned mode, int wake_flags, void *key)
{
	int ret = default_wake_function(wq_entry, mode, wake_flags, key);

	if (ret)
		list_del_init_careful(&wq_entry->entry);
	return ret;
}

void init_wait_entry(struct wait_queue_entry *wq_entry, int flags)
{
	wq_entry->flags = flags;
	wq_entry->private = current;
	wq_entry->func = autoremove_wake_function;
	INIT_LIST_HEAD(&wq_entry->entry);
}

/* The state is set under the lock, after queueing: a waker that finds us
 * on the list will also find us asleep (or about to be), never skip us. */
void prepare_to_wait(struct wait_queue_head *wq_head,
		     struct wait_queue_entry *wq_entry, int state)
{
	unsigned long flags;

	wq_entry->flags &= ~WQ_FLAG_EXCLUSIVE;
	spin_lock_irqsave(&wq_head->lock, flags);
	if (list_empty(&wq_entry->entry))
		__add_wait_queue(wq_head, wq_entry);
	set_current_state(state);
	spin_unlock_irqrestore(&wq_head->lock, flags);
}

bool prepare_to_wait_exclusive(struct wait_queue_head *wq_head,
			       struct wait_queue_entry *wq_entry, int state)
{
	unsigned long flags;
	bool was_empty = false;

	wq_entry->flags |= WQ_FLAG_EXCLUSIVE;
	spin_lock_irqsave(&wq_head->lock, flags);
	if (list_empty(&wq_entry->entry)) {
		was_empty = list_empty(&wq_head->head);
		__add_wait_queue_entry_tail(wq_head, wq_entry);
	}
	set_current_state(state);
	spin_unlock_irqrestore(&wq_head->lock, flags);
	return was_empty;
}

long prepare_to_wait_event(struct wait_queue_head *wq_head,
			   struct wait_queue_entry *wq_entry, int state)
{
	unsigned long flags;
	long ret = 0;

	spin_lock_irqsave(&wq_head->lock, flags);
	if (signal_pending_state(state, current)) {
		/* Leave the queue so that an exclusive wake-up meant for us
		 * goes to another waiter instead of to a task that is
		 * leaving anyway. */
		list_del_init(&wq_entry->entry);
		ret = -ERESTARTSYS;
	} else {
		if (list_empty(&wq_entry->entry)) {
			if (wq_entry->flags & WQ_FLAG_EXCLUSIVE)
				__add_wait_queue_entry_tail(wq_head, wq_entry);
			else
				__add_wait_queue(wq_head, wq_entry);
		}
		set_current_state(state);
	}
	spin_unlock_irqrestore(&wq_head->lock, flags);
	return ret;
}

/* Back to running and off the queue.  The unlocked test is safe: only a
 * waker under the lock can make the entry empty, an entry it has emptied
 * stays empty, and list_empty_careful() sees it empty only once the
 * waker (perhaps on another CPU) has stopped touching it (list.h). */
void finish_wait(struct wait_queue_head *wq_head,
		 struct wait_queue_entry *wq_entry)
{
	unsigned long flags;

	__set_current_state(TASK_RUNNING);
	if (!list_empty_careful(&wq_entry->entry)) {
		spin_lock_irqsave(&wq_head->lock, flags);
		list_del_init(&wq_entry->entry);
		spin_unlock_irqrestore(&wq_head->lock, flags);
	}
}
