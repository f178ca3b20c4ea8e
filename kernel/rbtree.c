/*
 * rbtree.c - red-black tree rebalancing (see rbtree.h for the invariants).
 *
 * Both operations first do what a plain binary search tree would, then
 * repair the colours walking up from where the change was made, with at
 * most three rotations.  Context: any; no locks (the caller's job).
 */
#include "kernel/rbtree.h"

static inline void rb_set_parent(struct rb_node *rb, struct rb_node *p)
{
	rb->__rb_parent_color = (unsigned long)p | (unsigned long)rb_color(rb);
}

static inline void rb_set_color(struct rb_node *rb, int color)
{
	rb->__rb_parent_color = (rb->__rb_parent_color & ~1UL) | color;
}

static inline void rb_set_red(struct rb_node *rb)
{
	rb_set_color(rb, RB_RED);
}

static inline void rb_set_black(struct rb_node *rb)
{
	rb_set_color(rb, RB_BLACK);
}

/* A NULL leaf counts as black. */
static inline bool rb_null_or_black(const struct rb_node *rb)
{
	return !rb || rb_is_black(rb);
}

/* Make parent (or the root, if parent is NULL) point at new instead of
 * old.  Must run while old is still parent's child. */
static void __rb_change_child(struct rb_node *old, struct rb_node *new,
			      struct rb_node *parent, struct rb_root *root)
{
	if (!parent)
		root->rb_node = new;
	else if (parent->rb_left == old)
		parent->rb_left = new;
	else
		parent->rb_right = new;
}

/* x's right child y takes x's place; x becomes y's left child. */
static void __rb_rotate_left(struct rb_node *x, struct rb_root *root)
{
	struct rb_node *y = x->rb_right, *parent = rb_parent(x);

	x->rb_right = y->rb_left;
	if (y->rb_left)
		rb_set_parent(y->rb_left, x);
	y->rb_left = x;
	__rb_change_child(x, y, parent, root);
	rb_set_parent(y, parent);
	rb_set_parent(x, y);
}

/* The mirror image. */
static void __rb_rotate_right(struct rb_node *x, struct rb_root *root)
{
	struct rb_node *y = x->rb_left, *parent = rb_parent(x);

	x->rb_left = y->rb_right;
	if (y->rb_right)
		rb_set_parent(y->rb_right, x);
	y->rb_right = x;
	__rb_change_child(x, y, parent, root);
	rb_set_parent(y, parent);
	rb_set_parent(x, y);
}

/*
 * node was just linked in red.  The only invariant that can break is
 * "no red node has a red parent"; push the violation up the tree by
 * recolouring while the uncle is red, and end it with one or two
 * rotations when the uncle is black.
 */
void rb_insert_color(struct rb_node *node, struct rb_root *root)
{
	struct rb_node *parent, *gparent, *uncle;

	while ((parent = rb_parent(node)) && rb_is_red(parent)) {
		gparent = rb_parent(parent);	/* a red parent is not the root */
		if (parent == gparent->rb_left) {
			uncle = gparent->rb_right;
			if (uncle && rb_is_red(uncle)) {
				rb_set_black(uncle);
				rb_set_black(parent);
				rb_set_red(gparent);
				node = gparent;
				continue;
			}
			if (parent->rb_right == node) {
				__rb_rotate_left(parent, root);
				node = parent;
				parent = rb_parent(node);
			}
			rb_set_black(parent);
			rb_set_red(gparent);
			__rb_rotate_right(gparent, root);
		} else {
			uncle = gparent->rb_left;
			if (uncle && rb_is_red(uncle)) {
				rb_set_black(uncle);
				rb_set_black(parent);
				rb_set_red(gparent);
				node = gparent;
				continue;
			}
			if (parent->rb_left == node) {
				__rb_rotate_right(parent, root);
				node = parent;
				parent = rb_parent(node);
			}
			rb_set_black(parent);
			rb_set_red(gparent);
			__rb_rotate_left(gparent, root);
		}
	}
	rb_set_black(root->rb_node);
}

/*
 * A black node was taken out above node (which may be NULL), so every
 * path through node is one black short.  Borrow from the sibling's side
 * by recolouring and rotating until the deficit is absorbed.
 */
static void __rb_erase_color(struct rb_node *node, struct rb_node *parent,
			     struct rb_root *root)
{
	struct rb_node *other;

	while (rb_null_or_black(node) && node != root->rb_node) {
		if (parent->rb_left == node) {
			other = parent->rb_right;
			if (rb_is_red(other)) {
				rb_set_black(other);
				rb_set_red(parent);
				__rb_rotate_left(parent, root);
				other = parent->rb_right;
			}
			if (rb_null_or_black(other->rb_left) &&
			    rb_null_or_black(other->rb_right)) {
				rb_set_red(other);
				node = parent;
				parent = rb_parent(node);
				continue;
			}
			if (rb_null_or_black(other->rb_right)) {
				rb_set_black(other->rb_left);
				rb_set_red(other);
				__rb_rotate_right(other, root);
				other = parent->rb_right;
			}
			rb_set_color(other, rb_color(parent));
			rb_set_black(parent);
			rb_set_black(other->rb_right);
			__rb_rotate_left(parent, root);
		} else {
			other = parent->rb_left;
			if (rb_is_red(other)) {
				rb_set_black(other);
				rb_set_red(parent);
				__rb_rotate_right(parent, root);
				other = parent->rb_left;
			}
			if (rb_null_or_black(other->rb_left) &&
			    rb_null_or_black(other->rb_right)) {
				rb_set_red(other);
				node = parent;
				parent = rb_parent(node);
				continue;
			}
			if (rb_null_or_black(other->rb_left)) {
				rb_set_black(other->rb_right);
				rb_set_red(other);
				__rb_rotate_left(other, root);
				other = parent->rb_left;
			}
			rb_set_color(other, rb_color(parent));
			rb_set_black(parent);
			rb_set_black(other->rb_left);
			__rb_rotate_right(parent, root);
		}
		node = root->rb_node;
		break;
	}
	if (node)
		rb_set_black(node);
}

/*
 * Unlink node.  With two children, its in-order successor (leftmost of
 * the right subtree, which has no left child) is moved into its place,
 * colour included, so the node actually lost from the shape is the
 * successor's old position.  If that position held a black node, the
 * paths through it are rebalanced.
 */
void rb_erase(struct rb_node *node, struct rb_root *root)
{
	struct rb_node *child, *parent;
	int color;

	if (node->rb_left && node->rb_right) {
		struct rb_node *old = node, *left;

		node = node->rb_right;
		while ((left = node->rb_left))
			node = left;
		__rb_change_child(old, node, rb_parent(old), root);
		child = node->rb_right;
		parent = rb_parent(node);
		color = rb_color(node);
		if (parent == old) {
			parent = node;
		} else {
			if (child)
				rb_set_parent(child, parent);
			parent->rb_left = child;
			node->rb_right = old->rb_right;
			rb_set_parent(old->rb_right, node);
		}
		node->__rb_parent_color = old->__rb_parent_color;
		node->rb_left = old->rb_left;
		rb_set_parent(old->rb_left, node);
	} else {
		child = node->rb_left ? node->rb_left : node->rb_right;
		parent = rb_parent(node);
		color = rb_color(node);
		if (child)
			rb_set_parent(child, parent);
		__rb_change_child(node, child, parent, root);
	}
	if (color == RB_BLACK)
		__rb_erase_color(child, parent, root);
}

struct rb_node *rb_first(const struct rb_root *root)
{
	struct rb_node *n = root->rb_node;

	if (!n)
		return NULL;
	while (n->rb_left)
		n = n->rb_left;
	return n;
}

struct rb_node *rb_last(const struct rb_root *root)
{
	struct rb_node *n = root->rb_node;

	if (!n)
		return NULL;
	while (n->rb_right)
		n = n->rb_right;
	return n;
}

/* The leftmost node of the right subtree, or the first ancestor we reach
 * from its left side. */
struct rb_node *rb_next(const struct rb_node *node)
{
	struct rb_node *parent;

	if (RB_EMPTY_NODE(node))
		return NULL;
	if (node->rb_right) {
		node = node->rb_right;
		while (node->rb_left)
			node = node->rb_left;
		return (struct rb_node *)node;
	}
	while ((parent = rb_parent(node)) && node == parent->rb_right)
		node = parent;
	return parent;
}

struct rb_node *rb_prev(const struct rb_node *node)
{
	struct rb_node *parent;

	if (RB_EMPTY_NODE(node))
		return NULL;
	if (node->rb_left) {
		node = node->rb_left;
		while (node->rb_right)
			node = node->rb_right;
		return (struct rb_node *)node;
	}
	while ((parent = rb_parent(node)) && node == parent->rb_left)
		node = parent;
	return parent;
}
