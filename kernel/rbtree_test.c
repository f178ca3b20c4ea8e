/*
 * rbtree_test.c - self-tests for the red-black tree: random inserts and
 * erases, with every invariant re-checked after each operation.
 */
#include "kernel/selftest.h"
#include "kernel/rbtree.h"
#include "kernel/random.h"

#define RBT_NODES 300

struct rbt_item {
	struct rb_node node;
	u32 key;
	bool in_tree;
};

static struct rbt_item rbt_items[RBT_NODES];

static void rbt_insert(struct rb_root *root, struct rbt_item *it)
{
	struct rb_node **p = &root->rb_node, *parent = NULL;

	while (*p) {
		parent = *p;
		if (it->key < rb_entry(parent, struct rbt_item, node)->key)
			p = &parent->rb_left;
		else
			p = &parent->rb_right;
	}
	rb_link_node(&it->node, parent, p);
	rb_insert_color(&it->node, root);
	it->in_tree = true;
}

/* Black height of the subtree at n, or -1 if some invariant fails below
 * it: a child whose parent pointer is wrong, a red node with a red
 * child, unequal black heights, or keys out of order. */
static int rbt_check(const struct rb_node *n, const struct rb_node *parent,
		     int *count)
{
	if (!n)
		return 1;
	if (rb_parent(n) != parent)
		return -1;
	if (rb_is_red(n) && ((n->rb_left && rb_is_red(n->rb_left)) ||
			     (n->rb_right && rb_is_red(n->rb_right))))
		return -1;
	u32 key = rb_entry(n, struct rbt_item, node)->key;
	if (n->rb_left && rb_entry(n->rb_left, struct rbt_item, node)->key > key)
		return -1;
	if (n->rb_right && rb_entry(n->rb_right, struct rbt_item, node)->key < key)
		return -1;
	int l = rbt_check(n->rb_left, n, count);
	int r = rbt_check(n->rb_right, n, count);
	if (l < 0 || r < 0 || l != r)
		return -1;
	(*count)++;
	return l + rb_is_black(n);
}

/* The whole tree: structure, root colour, size, and an in-order walk
 * (rb_first/rb_next) that is sorted and as long as the tree. */
static bool rbt_valid(const struct rb_root *root, int expect)
{
	int count = 0, walked = 0;
	u32 last = 0;

	if (root->rb_node && !rb_is_black(root->rb_node))
		return false;
	if (rbt_check(root->rb_node, NULL, &count) < 0 || count != expect)
		return false;
	for (struct rb_node *n = rb_first(root); n; n = rb_next(n), walked++) {
		u32 key = rb_entry(n, struct rbt_item, node)->key;
		if (walked && key < last)
			return false;
		last = key;
	}
	return walked == expect;
}

SELFTEST(rbtree_random_insert_erase)
{
	struct rb_root root = RB_ROOT;
	int in_tree = 0;

	for (int i = 0; i < RBT_NODES; i++) {
		rbt_items[i].key = (u32)get_random_u64() % 1000;	/* dups too */
		rbt_items[i].in_tree = false;
	}
	for (int step = 0; step < 4000; step++) {
		struct rbt_item *it = &rbt_items[get_random_u64() % RBT_NODES];
		if (it->in_tree) {
			rb_erase(&it->node, &root);
			RB_CLEAR_NODE(&it->node);
			it->in_tree = false;
			in_tree--;
		} else {
			rbt_insert(&root, it);
			in_tree++;
		}
		ST_ASSERT(rbt_valid(&root, in_tree));
	}
	/* Drain in key order, from the front, then check empty. */
	while (root.rb_node) {
		rb_erase(rb_first(&root), &root);
		ST_ASSERT(rbt_valid(&root, --in_tree));
	}
	ST_ASSERT(RB_EMPTY_ROOT(&root));
	return 0;
}

SELFTEST(rbtree_sequential_and_prev)
{
	struct rb_root root = RB_ROOT;

	/* Ascending keys: the worst case for an unbalanced tree. */
	for (int i = 0; i < RBT_NODES; i++) {
		rbt_items[i].key = i;
		rbt_insert(&root, &rbt_items[i]);
		ST_ASSERT(rbt_valid(&root, i + 1));
	}
	int i = RBT_NODES - 1;
	for (struct rb_node *n = rb_last(&root); n; n = rb_prev(n), i--)
		ST_ASSERT_EQ(rb_entry(n, struct rbt_item, node)->key, i);
	ST_ASSERT_EQ(i, -1);
	/* Erase every other one, then the rest. */
	for (i = 0; i < RBT_NODES; i += 2)
		rb_erase(&rbt_items[i].node, &root);
	ST_ASSERT(rbt_valid(&root, RBT_NODES / 2));
	for (i = 1; i < RBT_NODES; i += 2)
		rb_erase(&rbt_items[i].node, &root);
	ST_ASSERT(RB_EMPTY_ROOT(&root));
	return 0;
}
