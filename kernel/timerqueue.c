/*
 * timerqueue.c - the expiry-ordered queue behind hrtimers.  See
 * timerqueue.h.
 */
#include "kernel/kernel.h"
#include "kernel/timerqueue.h"

bool timerqueue_add(struct timerqueue_head *head, struct timerqueue_node *node)
{
	struct rb_node **p = &head->rb_root.rb_node, *parent = NULL;
	bool leftmost = true;

	BUG_ON(!RB_EMPTY_NODE(&node->node));
	while (*p) {
		parent = *p;
		/* Equal keys go right: the earlier-added expires first. */
		if (node->expires < rb_entry(parent, struct timerqueue_node, node)->expires) {
			p = &parent->rb_left;
		} else {
			p = &parent->rb_right;
			leftmost = false;
		}
	}
	rb_link_node(&node->node, parent, p);
	rb_insert_color(&node->node, &head->rb_root);
	if (leftmost)
		head->next = node;
	return leftmost;
}

bool timerqueue_del(struct timerqueue_head *head, struct timerqueue_node *node)
{
	BUG_ON(RB_EMPTY_NODE(&node->node));
	if (head->next == node)
		head->next = timerqueue_iterate_next(node);
	rb_erase(&node->node, &head->rb_root);
	RB_CLEAR_NODE(&node->node);
	return head->next != NULL;
}

struct timerqueue_node *timerqueue_iterate_next(struct timerqueue_node *node)
{
	struct rb_node *next = rb_next(&node->node);

	return next ? rb_entry(next, struct timerqueue_node, node) : NULL;
}
