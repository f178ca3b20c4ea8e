/*
 * timerqueue.h - a queue of timers ordered by expiry: a red-black tree
 * plus a pointer to its first node, so "what expires next" is O(1) and
 * adding or removing is O(log n) (Linux's include/linux/timerqueue.h,
 * lib/timerqueue.c).  The hrtimer bases keep one each.
 *
 * Nodes with equal expiry stay in the order they were added (a new one
 * goes to the right of its equals).
 *
 * LOCKING: none here; the owner of the head serialises (an hrtimer base
 * is changed only under its CPU's cpu_base->lock).
 */
#ifndef KERNEL_TIMERQUEUE_H
#define KERNEL_TIMERQUEUE_H

#include "kernel/rbtree.h"
#include "kernel/ktime.h"

struct timerqueue_node {
	struct rb_node node;		/* in the head's tree, by expires */
	ktime_t expires;		/* the sort key */
};

struct timerqueue_head {
	struct rb_root rb_root;
	struct timerqueue_node *next;	/* the leftmost node; NULL: empty */
};

/* Add node (not queued) at its place; true if it is now the first. */
bool timerqueue_add(struct timerqueue_head *head, struct timerqueue_node *node);
/* Remove node (queued); true if the queue still has nodes. */
bool timerqueue_del(struct timerqueue_head *head, struct timerqueue_node *node);
/* The node after node in expiry order, or NULL. */
struct timerqueue_node *timerqueue_iterate_next(struct timerqueue_node *node);

static inline struct timerqueue_node *timerqueue_getnext(struct timerqueue_head *head)
{
	return head->next;
}

static inline void timerqueue_init_head(struct timerqueue_head *head)
{
	head->rb_root = RB_ROOT;
	head->next = NULL;
}

static inline void timerqueue_init(struct timerqueue_node *node)
{
	RB_CLEAR_NODE(&node->node);
}

static inline bool timerqueue_node_queued(const struct timerqueue_node *node)
{
	return !RB_EMPTY_NODE(&node->node);
}

#endif
