/*
 * lockdep_types.h - what every lock and every task carries for the lock
 * validator (kernel/lockdep.h), Linux's names.  Kept apart so that
 * spinlock.h and sched.h can embed these without the validator's API.
 */
#ifndef KERNEL_LOCKDEP_TYPES_H
#define KERNEL_LOCKDEP_TYPES_H

#include "kernel/types.h"

/* Subclasses: one lock class split in ordered levels, for code that
 * nests two locks of one kind on purpose (spin_lock_nested). */
#define MAX_LOCKDEP_SUBCLASSES	8

/*
 * A lock class's identity is an address: that of a lock_class_key (one
 * static variable per spin_lock_init()/mutex_init()/init_waitqueue_head()
 * call site, so every lock initialized at one place is one class), or,
 * for a lock defined statically (DEFINE_SPINLOCK, DEFINE_MUTEX), the
 * lock's own address.  Subclass n of a key is the address key + n.
 */
struct lock_class_key {
	char subkeys[MAX_LOCKDEP_SUBCLASSES];
};

struct lock_class;

/* In every lock: which class it is.  Two words, as every spinlock,
 * mutex and wait queue carries one whether the validator is on or not;
 * the class itself is looked up by key in a hash table on each acquire
 * (Linux also caches it here, which costs a third word per lock). */
struct lockdep_map {
	struct lock_class_key *key;	/* NULL: a static lock, keyed by
					 * its own address */
	const char *name;		/* for reports: "&ep->lock" */
};

#define STATIC_LOCKDEP_MAP_INIT(_name) { .key = NULL, .name = (_name) }

/* One lock the task holds (its held_locks[] stack, innermost on top). */
struct held_lock {
	struct lockdep_map *instance;	/* the lock */
	struct lock_class *class;	/* its class (with the subclass) */
	unsigned long acquire_ip;	/* where it was taken */
	u8 irq_context;			/* taken in a hard-irq handler */
	u8 trylock;			/* a trylock: orders nothing after it */
};

/* Deeper nesting than this is itself reported. */
#define MAX_LOCK_DEPTH		32

#endif
