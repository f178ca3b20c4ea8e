/*
 * rbtree.h - red-black trees, with Linux's interface (include/linux/rbtree.h).
 *
 * The tree is intrusive: a struct rb_node lives inside the object, and
 * the user does the search itself, so no comparison function is ever
 * called through a pointer.  Inserting is two steps:
 *
 *	struct rb_node **p = &root->rb_node, *parent = NULL;
 *	while (*p) {
 *		parent = *p;
 *		p = key < rb_entry(parent, T, node)->key ?
 *			&parent->rb_left : &parent->rb_right;
 *	}
 *	rb_link_node(&obj->node, parent, p);	   (link in as a red leaf)
 *	rb_insert_color(&obj->node, root);	   (restore the invariants)
 *
 * Invariants (checked by kernel/rbtree_test.c): the root is black; a red
 * node has no red child; every path from a node down to a NULL leaf
 * passes the same number of black nodes.  Hence the height is at most
 * 2 log2(n + 1), and search, insert and erase are O(log n).
 *
 * The parent pointer and the colour share one word (nodes are at least
 * 4-byte aligned, so bit 0 is free), as in Linux.
 *
 * LOCKING: none; the user serialises access to a tree.
 */
#ifndef KERNEL_RBTREE_H
#define KERNEL_RBTREE_H

#include "kernel/types.h"

struct rb_node {
	unsigned long __rb_parent_color; /* parent pointer | colour bit */
	struct rb_node *rb_right;	/* larger keys */
	struct rb_node *rb_left;	/* smaller keys */
} __attribute__((aligned(sizeof(long))));

struct rb_root {
	struct rb_node *rb_node;	/* NULL: empty tree */
};

#define RB_RED		0
#define RB_BLACK	1

#define RB_ROOT		((struct rb_root) { NULL })
#define rb_entry(ptr, type, member) container_of(ptr, type, member)

#define rb_parent(r)	((struct rb_node *)((r)->__rb_parent_color & ~3UL))
#define rb_color(r)	((int)((r)->__rb_parent_color & 1))
#define rb_is_red(r)	(rb_color(r) == RB_RED)
#define rb_is_black(r)	(rb_color(r) == RB_BLACK)

#define RB_EMPTY_ROOT(root)	((root)->rb_node == NULL)
/* A node not in any tree points to itself (after RB_CLEAR_NODE). */
#define RB_EMPTY_NODE(node) \
	((node)->__rb_parent_color == (unsigned long)(node))
#define RB_CLEAR_NODE(node) \
	((node)->__rb_parent_color = (unsigned long)(node))

/* Hang node, red and childless, at *rb_link below parent. */
static inline void rb_link_node(struct rb_node *node, struct rb_node *parent,
				struct rb_node **rb_link)
{
	node->__rb_parent_color = (unsigned long)parent;	/* red */
	node->rb_left = node->rb_right = NULL;
	*rb_link = node;
}

void rb_insert_color(struct rb_node *node, struct rb_root *root);
void rb_erase(struct rb_node *node, struct rb_root *root);

/* In-order traversal; NULL past the end. */
struct rb_node *rb_first(const struct rb_root *root);
struct rb_node *rb_last(const struct rb_root *root);
struct rb_node *rb_next(const struct rb_node *node);
struct rb_node *rb_prev(const struct rb_node *node);

#endif
