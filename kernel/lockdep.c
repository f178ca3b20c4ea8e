/*
 * lockdep.c - the lock validator: see lockdep.h for what it checks.
 *
 * The state:
 *   - lock_classes[]: one per key (lockdep_types.h), found through a
 *     hash; a class records its usage bits (taken in a hard-irq handler,
 *     taken with interrupts on) with the stack that first set each, and
 *     its locks_after list: the edges "this class held, then that one
 *     taken", each with the stack that took the second;
 *   - dep_bitmap: the same edges as a matrix, so "is A -> B known?" is
 *     one bit test, without the lock;
 *   - per task, held_locks[] (sched.h), the locks it holds, innermost
 *     last.  Only the task itself (or an interrupt on its CPU, which
 *     pushes and pops above it) changes it, with interrupts off.
 * Classes and edges are never freed: a class is a place in the code.
 *
 * What happens on lock_acquire(next), interrupts off:
 *   1. next's class, from the lock's cache or the hash (registered the
 *      first time it is seen);
 *   2. its usage: in an interrupt handler, or with interrupts on; a
 *      class that has both is "inconsistent lock state";
 *   3. a lock of the same class held already is "recursive locking";
 *   4. for the lock below it on the stack (and below that, past
 *      trylocks), the edge prev -> next; a new edge is first checked
 *      for a path next -> ... -> prev (a breadth-first search of the
 *      graph): one would close a cycle, "circular locking dependency";
 *   5. next goes on held_locks[].
 * Only a lock of the same interrupt context orders next: a handler that
 * interrupts a holder of A and takes B does not make A -> B (the handler
 * will finish), which is what the usage bits are for.
 *
 * LOCKING: lockdep_lock, taken raw (it is not itself validated) with
 * interrupts off, guards the classes, the edges and the usage bits
 * while they are written; they are published with release stores and
 * read without it (a bit not yet seen only sends us to the lock).
 * current->lockdep_recursion keeps the validator out of its own locks
 * (printk's, while it reports).
 */
#include "kernel/lockdep.h"
#include "kernel/kernel.h"
#include "kernel/sched.h"
#include "kernel/spinlock.h"
#include "kernel/stacktrace.h"
#include "kernel/params.h"
#include "arch/x86_64/irq.h"
#include "arch/x86_64/cpu.h"

int prove_locking;
int debug_locks;
int lockdep_reports;
enum lockdep_report lockdep_last_report;

#define MAX_LOCKDEP_KEYS	512		/* classes */
#define MAX_LOCKDEP_ENTRIES	4096		/* edges */

static int set_lockdep(const char *val)
{
	prove_locking = !val || strcmp(val, "0");
	debug_locks = prove_locking;
	if (prove_locking)
		pr_info("lockdep: the lock validator is on (%d classes, %d dependencies at most)\n",
			MAX_LOCKDEP_KEYS, MAX_LOCKDEP_ENTRIES);
	return 0;
}
__setup("lockdep", set_lockdep);

static int set_prove_locking(const char *val)
{
	return set_lockdep(val);
}
__setup("prove_locking", set_prove_locking);

#define LOCKDEP_TRACE_DEPTH	12		/* frames kept per stack */
#define CLASSHASH_SIZE		256
#define BITS_PER_LONG		64

struct lock_trace {
	unsigned int nr;
	unsigned long entries[LOCKDEP_TRACE_DEPTH];
};

/* The usage bits: the two states that must not meet in one class. */
enum { LOCK_USED_IN_HARDIRQ, LOCK_ENABLED_HARDIRQ, LOCK_USAGE_STATES };
static const char *const usage_str[LOCK_USAGE_STATES] = {
	"IN-HARDIRQ-W", "HARDIRQ-ON-W",
};

/* An edge: class `from` was held when `class` was taken, at trace. */
struct lock_list {
	struct lock_class *from, *class;
	struct lock_list *next;			/* on from->locks_after */
	struct lock_trace trace;
};

struct lock_class {
	const void *key;			/* the identity (lockdep_types.h) */
	const char *name;
	unsigned int subclass;
	unsigned int idx;			/* in lock_classes[], dep_bitmap */
	unsigned int usage_mask;		/* 1 << LOCK_* */
	struct lock_trace usage_traces[LOCK_USAGE_STATES];
	struct lock_list *locks_after;		/* edges out of this class */
	struct lock_class *hash_next;
};

static spinlock_t lockdep_lock = __SPIN_LOCK_UNLOCKED(lockdep_lock);
static struct lock_class lock_classes[MAX_LOCKDEP_KEYS];
static unsigned int nr_lock_classes;
static struct lock_class *classhash[CLASSHASH_SIZE];
static struct lock_list list_entries[MAX_LOCKDEP_ENTRIES];
static unsigned int nr_list_entries;
static unsigned long dep_bitmap[MAX_LOCKDEP_KEYS][MAX_LOCKDEP_KEYS / BITS_PER_LONG];

/* Reports by this task are expected (the self-test): printed as KTAP
 * comments, and the checks stay on. */
static struct task_struct *expect_task;

void lockdep_expect_reports(struct task_struct *p)
{
	WRITE_ONCE(expect_task, p);
}

static unsigned long graph_lock(void)
{
	unsigned long flags = local_irq_save();

	do_raw_spin_lock(&lockdep_lock);
	return flags;
}

static void graph_unlock(unsigned long flags)
{
	do_raw_spin_unlock(&lockdep_lock);
	local_irq_restore(flags);
}

/* ---- stacks ---- */

/* The current call chain, from the caller of the lock function (ip:
 * its return address there) outwards; the validator's own frames are
 * dropped. */
static __noinline void save_trace(struct lock_trace *t, unsigned long ip)
{
	unsigned long buf[32];
	int n = save_stack_trace((unsigned long)__builtin_frame_address(0),
				 buf, ARRAY_SIZE(buf));
	int start = 0;

	for (int i = 0; i < n; i++)
		if (buf[i] == ip - 1) {
			start = i;
			break;
		}
	t->nr = 0;
	for (int i = start; i < n && t->nr < LOCKDEP_TRACE_DEPTH; i++)
		t->entries[t->nr++] = buf[i];
}

/* ---- reports ---- */

static const char *pfx = "";	/* "    # " while a report is expected */

/* Print a report's text, each line with the prefix; text after the
 * last newline is left open for print_class_name's KERN_CONT. */
static __printf(1, 2) void lpr(const char *fmt, ...)
{
	char buf[256];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	for (char *line = buf; *line;) {
		char *nl = strchr(line, '\n');
		if (nl)
			*nl = 0;
		printk(KERN_ERR "%s%s%s", pfx, line, nl ? "\n" : "");
		if (!nl)
			break;
		line = nl + 1;
	}
}

static void print_trace(const struct lock_trace *t)
{
	for (unsigned int i = 0; i < t->nr; i++)
		lpr("       %pS\n", (void *)t->entries[i]);
}

/* Linux's one-character usage: '-' taken in a hard-irq handler, '+'
 * taken with interrupts on, '?' both (the bug), '.' neither. */
static char usage_char(const struct lock_class *c)
{
	unsigned m = READ_ONCE(c->usage_mask);
	bool in = m & (1 << LOCK_USED_IN_HARDIRQ);
	bool on = m & (1 << LOCK_ENABLED_HARDIRQ);

	return in && on ? '?' : in ? '-' : on ? '+' : '.';
}

static void print_class_name(const struct lock_class *c)
{
	if (c->subclass)
		printk(KERN_CONT "(%s/%u){%c}", c->name, c->subclass, usage_char(c));
	else
		printk(KERN_CONT "(%s){%c}", c->name, usage_char(c));
}

static void print_lock(const struct held_lock *h)
{
	lpr(" %p ", h->instance);
	print_class_name(h->class);
	printk(KERN_CONT ", at: %pS\n", (void *)h->acquire_ip);
}

void lockdep_print_held_locks(struct task_struct *p)
{
	int depth = READ_ONCE(p->lockdep_depth);

	if (!depth) {
		lpr("no locks held by %s/%d.\n", p->comm, p->pid);
		return;
	}
	lpr("%d lock%s held by %s/%d:\n", depth, depth > 1 ? "s" : "",
	    p->comm, p->pid);
	for (int i = 0; i < depth; i++) {
		lpr(" #%d:", i);
		printk(KERN_CONT " %p ", p->held_locks[i].instance);
		print_class_name(p->held_locks[i].class);
		printk(KERN_CONT ", at: %pS\n",
		       (void *)p->held_locks[i].acquire_ip);
	}
}

static void print_current_stack(unsigned long ip)
{
	struct lock_trace t;

	save_trace(&t, ip);
	lpr("\nstack backtrace:\n");
	lpr("CPU: %d PID: %d Comm: %s\n", smp_processor_id(), current->pid,
	    current->comm);
	print_trace(&t);
}

/* The start of every report: whether it is expected, the banner (none
 * for might_sleep's one-line BUG, as Linux's). */
static void report_begin(enum lockdep_report kind, const char *banner)
{
	bool expected = READ_ONCE(expect_task) == current;

	pfx = expected ? "    # " : "";
	lockdep_reports++;
	lockdep_last_report = kind;
	if (!banner)
		return;
	lpr("\n");
	lpr("======================================================\n");
	lpr("%s\n", banner);
	lpr("------------------------------------------------------\n");
}

/* The first real report stops the checks: what the graph says after a
 * bug is not worth a second one.  The locks stay tracked. */
static void report_end(void)
{
	if (READ_ONCE(expect_task) == current) {
		pfx = "";
		return;
	}
	debug_locks = 0;
	lpr("turning off the locking correctness validator.\n");
}

/* ---- classes ---- */

extern char _data[], _ebss[];

/* A lock in the kernel image (defined with DEFINE_SPINLOCK and the
 * like) is its own key; one in allocated memory needs an init call
 * site's key. */
static bool static_obj(const void *p)
{
	return (const char *)p >= _data && (const char *)p < _ebss;
}

static const void *class_key(const struct lockdep_map *lock, unsigned subclass)
{
	if (lock->key)
		return lock->key->subkeys + subclass;
	if (static_obj(lock))
		return (const char *)lock + subclass;
	return NULL;
}

static unsigned int hash_key(const void *key)
{
	unsigned long k = (unsigned long)key;

	return (unsigned int)((k >> 3) ^ (k >> 11) ^ (k >> 19)) % CLASSHASH_SIZE;
}

static struct lock_class *look_up_lock_class(const void *key)
{
	struct lock_class *c = __atomic_load_n(&classhash[hash_key(key)],
					       __ATOMIC_ACQUIRE);
	for (; c; c = c->hash_next)
		if (c->key == key)
			return c;
	return NULL;
}

static void report_simple(const char *banner, const struct lockdep_map *lock,
			  unsigned long ip)
{
	report_begin(LOCKDEP_OTHER, banner);
	lpr("%s/%d, lock %p (%s), at: %pS\n", current->comm, current->pid,
	    lock, lock->name ? lock->name : "?", (void *)ip);
	print_current_stack(ip);
	report_end();
}

static struct lock_class *register_lock_class(struct lockdep_map *lock,
					      unsigned int subclass,
					      unsigned long ip)
{
	if (subclass >= MAX_LOCKDEP_SUBCLASSES) {
		if (debug_locks)
			report_simple("BUG: looking up invalid subclass", lock, ip);
		return NULL;
	}
	const void *key = class_key(lock, subclass);
	if (!key) {
		/* Zeroed memory, never spin_lock_init()ed: no class. */
		if (debug_locks)
			report_simple("INFO: trying to register non-static key.",
				      lock, ip);
		return NULL;
	}
	struct lock_class *c = look_up_lock_class(key);
	if (!c) {
		unsigned long flags = graph_lock();
		c = look_up_lock_class(key);
		if (!c && nr_lock_classes < MAX_LOCKDEP_KEYS) {
			c = &lock_classes[nr_lock_classes];
			c->key = key;
			c->name = lock->name ? lock->name : "?";
			c->subclass = subclass;
			c->idx = nr_lock_classes++;
			unsigned h = hash_key(key);
			c->hash_next = classhash[h];
			__atomic_store_n(&classhash[h], c, __ATOMIC_RELEASE);
		}
		graph_unlock(flags);
		if (!c) {
			/* Out of room: stop validating altogether. */
			if (debug_locks)
				report_simple("BUG: MAX_LOCKDEP_KEYS too low!", lock, ip);
			prove_locking = debug_locks = 0;
			return NULL;
		}
	}
	return c;
}

void lockdep_init_map(struct lockdep_map *lock, const char *name,
		      struct lock_class_key *key)
{
	lock->key = key;
	lock->name = name;
}

/* ---- interrupt state ---- */

static void print_usage_bug(struct task_struct *curr, struct held_lock *this,
			    int prev_bit, int new_bit)
{
	report_begin(LOCKDEP_INCONSISTENT, "WARNING: inconsistent lock state");
	lpr("inconsistent {%s} -> {%s} usage.\n", usage_str[prev_bit],
	    usage_str[new_bit]);
	lpr("%s/%d [HC%d] [HE%d] takes:\n", curr->comm, curr->pid,
	    in_interrupt(), new_bit == LOCK_ENABLED_HARDIRQ);
	print_lock(this);
	lpr("{%s} state was registered at:\n", usage_str[prev_bit]);
	print_trace(&this->class->usage_traces[prev_bit]);
	lpr("\nother info that might help us debug this:\n");
	lpr(" Possible unsafe locking scenario:\n\n");
	lpr("       CPU0\n");
	lpr("       ----\n");
	lpr("  lock(%s);\n", this->class->name);
	lpr("  <Interrupt>\n");
	lpr("    lock(%s);\n", this->class->name);
	lpr("\n *** DEADLOCK ***\n\n");
	lockdep_print_held_locks(curr);
	print_current_stack(this->acquire_ip);
	report_end();
}

/* Record one usage bit; the first time a class gets the opposite of a
 * bit it has, report. */
static void mark_lock(struct task_struct *curr, struct held_lock *this, int bit)
{
	struct lock_class *c = this->class;

	if (READ_ONCE(c->usage_mask) & (1u << bit))
		return;
	unsigned long flags = graph_lock();
	bool conflict = false;
	if (!(c->usage_mask & (1u << bit))) {
		save_trace(&c->usage_traces[bit], this->acquire_ip);
		__atomic_store_n(&c->usage_mask, c->usage_mask | (1u << bit),
				 __ATOMIC_RELEASE);
		conflict = c->usage_mask & (1u << (bit ^ 1));
	}
	graph_unlock(flags);
	if (conflict)
		print_usage_bug(curr, this, bit ^ 1, bit);
}

/* ---- the order graph ---- */

static bool dep_known(const struct lock_class *a, const struct lock_class *b)
{
	return __atomic_load_n(&dep_bitmap[a->idx][b->idx / BITS_PER_LONG],
			       __ATOMIC_ACQUIRE) & (1UL << (b->idx % BITS_PER_LONG));
}

/* The breadth-first search, graph lock held: a path from `from` to
 * `to`?  Returns to's class with parent[] giving, for each class
 * reached, the edge that reached it. */
static struct lock_list *bfs_parent[MAX_LOCKDEP_KEYS];
static struct lock_class *bfs_queue[MAX_LOCKDEP_KEYS];

static bool find_path(struct lock_class *from, struct lock_class *to)
{
	unsigned long seen[MAX_LOCKDEP_KEYS / BITS_PER_LONG] = { 0 };
	unsigned int head = 0, tail = 0;

	bfs_queue[tail++] = from;
	seen[from->idx / BITS_PER_LONG] |= 1UL << (from->idx % BITS_PER_LONG);
	bfs_parent[from->idx] = NULL;
	while (head < tail) {
		struct lock_class *c = bfs_queue[head++];
		if (c == to)
			return true;
		for (struct lock_list *e = c->locks_after; e; e = e->next) {
			unsigned i = e->class->idx;
			if (seen[i / BITS_PER_LONG] & (1UL << (i % BITS_PER_LONG)))
				continue;
			seen[i / BITS_PER_LONG] |= 1UL << (i % BITS_PER_LONG);
			bfs_parent[i] = e;
			bfs_queue[tail++] = e->class;
		}
	}
	return false;
}

/*
 * prev is held and next is being taken, but next -> ... -> prev is
 * known.  Printed as Linux prints it: the known chain from prev back to
 * next, each edge with the stack that recorded it (#k down to #1), then
 * #0, the new edge, with the stack taking it now.  Graph lock held (the
 * path lives in bfs_parent[]).
 */
static void print_circular_bug(struct task_struct *curr, struct held_lock *prev,
			       struct held_lock *next)
{
	static struct lock_list *path[MAX_LOCKDEP_KEYS];
	int depth = 0;

	for (struct lock_list *e = bfs_parent[prev->class->idx]; e;
	     e = bfs_parent[e->from->idx])
		path[depth++] = e;	/* path[0] ends at prev */
	report_begin(LOCKDEP_CIRCULAR,
		     "WARNING: possible circular locking dependency detected");
	lpr("%s/%d is trying to acquire lock:\n", curr->comm, curr->pid);
	print_lock(next);
	lpr("\nbut task is already holding lock:\n");
	print_lock(prev);
	lpr("\nwhich lock already depends on the new lock.\n\n");
	lpr("\nthe existing dependency chain (in reverse order) is:\n");
	for (int i = 0; i < depth; i++) {
		lpr("\n-> #%d ", depth - i);
		print_class_name(path[i]->class);
		printk(KERN_CONT ":\n");
		lpr("       (taken while holding %s)\n", path[i]->from->name);
		print_trace(&path[i]->trace);
	}
	struct lock_trace now;
	save_trace(&now, next->acquire_ip);
	lpr("\n-> #0 ");
	print_class_name(next->class);
	printk(KERN_CONT ":\n");
	print_trace(&now);
	lpr("\nother info that might help us debug this:\n\n");
	if (depth > 1) {
		lpr("Chain exists of:\n  %s", next->class->name);
		for (int i = depth - 1; i >= 0; i--)
			printk(KERN_CONT " --> %s", path[i]->class->name);
		printk(KERN_CONT " --> %s\n\n", next->class->name);
	}
	/* The two CPUs: one takes prev then next, the other holds the
	 * lock next's chain starts from and ends wanting prev. */
	const char *a = prev->class->name, *b = next->class->name;
	const char *last = path[0]->from->name;	/* before prev; b if depth 1 */
	lpr(" Possible unsafe locking scenario:\n\n");
	lpr("       CPU0                    CPU1\n");
	lpr("       ----                    ----\n");
	lpr("  lock(%s);\n", a);
	lpr("                               lock(%s);\n", last);
	lpr("                               lock(%s);\n", a);
	lpr("  lock(%s);\n", b);
	lpr("\n *** DEADLOCK ***\n\n");
	lockdep_print_held_locks(curr);
	print_current_stack(next->acquire_ip);
	report_end();
}

/* Add prev -> next unless known; false if it would close a cycle. */
static bool check_prev_add(struct task_struct *curr, struct held_lock *prev,
			   struct held_lock *next)
{
	struct lock_class *a = prev->class, *b = next->class;

	if (a == b || dep_known(a, b))
		return true;
	unsigned long flags = graph_lock();
	bool ok = true;
	if (!dep_known(a, b)) {
		if (find_path(b, a)) {
			ok = false;
			print_circular_bug(curr, prev, next);
		} else if (nr_list_entries < MAX_LOCKDEP_ENTRIES) {
			struct lock_list *e = &list_entries[nr_list_entries++];
			e->from = a;
			e->class = b;
			save_trace(&e->trace, next->acquire_ip);
			e->next = a->locks_after;
			__atomic_store_n(&a->locks_after, e, __ATOMIC_RELEASE);
			__atomic_fetch_or(&dep_bitmap[a->idx][b->idx / BITS_PER_LONG],
					  1UL << (b->idx % BITS_PER_LONG),
					  __ATOMIC_RELEASE);
		} else {
			ok = false;
			graph_unlock(flags);
			report_simple("BUG: MAX_LOCKDEP_ENTRIES too low!",
				      next->instance, next->acquire_ip);
			debug_locks = 0;
			return false;
		}
	}
	graph_unlock(flags);
	return ok;
}

/* Edges from the lock below next, and further down past trylocks
 * (a trylock recorded no edge into itself, so the locks under it are
 * not yet connected to next through it).  Same interrupt context only. */
static void check_prevs_add(struct task_struct *curr, struct held_lock *next)
{
	for (int i = curr->lockdep_depth - 1; i >= 0; i--) {
		struct held_lock *prev = &curr->held_locks[i];
		if (prev->irq_context != next->irq_context)
			break;
		if (!check_prev_add(curr, prev, next))
			return;
		if (!prev->trylock)
			break;
	}
}

/* A second lock of a class already held, in one context: either the
 * same lock (a sure deadlock) or two of a kind with no order between
 * them (spin_lock_nested gives one). */
static bool check_deadlock(struct task_struct *curr, struct held_lock *next)
{
	for (int i = curr->lockdep_depth - 1; i >= 0; i--) {
		struct held_lock *prev = &curr->held_locks[i];
		if (prev->irq_context != next->irq_context)
			break;
		if (prev->class != next->class)
			continue;
		report_begin(LOCKDEP_RECURSIVE,
			     "WARNING: possible recursive locking detected");
		lpr("%s/%d is trying to acquire lock:\n", curr->comm, curr->pid);
		print_lock(next);
		lpr("\nbut task is already holding lock:\n");
		print_lock(prev);
		lpr("\nother info that might help us debug this:\n");
		lpr(" Possible unsafe locking scenario:\n\n");
		lpr("       CPU0\n");
		lpr("       ----\n");
		lpr("  lock(%s);\n", prev->class->name);
		lpr("  lock(%s);\n", next->class->name);
		lpr("\n *** DEADLOCK ***\n\n");
		lpr(" May be due to missing lock nesting notation\n\n");
		lockdep_print_held_locks(curr);
		print_current_stack(next->acquire_ip);
		report_end();
		return false;
	}
	return true;
}

/* ---- the hooks ---- */

static void __lock_acquire(struct lockdep_map *lock, unsigned int subclass,
			   int trylock, unsigned long ip, bool irqs_were_on)
{
	struct task_struct *curr = current;
	struct lock_class *c = register_lock_class(lock, subclass, ip);

	if (!c)
		return;
	int depth = curr->lockdep_depth;
	if (depth >= MAX_LOCK_DEPTH) {
		if (debug_locks)
			report_simple("BUG: MAX_LOCK_DEPTH too low!", lock, ip);
		return;
	}
	struct held_lock *next = &curr->held_locks[depth];
	next->instance = lock;
	next->class = c;
	next->acquire_ip = ip;
	next->irq_context = in_interrupt();
	next->trylock = trylock;
	if (debug_locks) {
		if (next->irq_context)
			mark_lock(curr, next, LOCK_USED_IN_HARDIRQ);
		else if (irqs_were_on)
			mark_lock(curr, next, LOCK_ENABLED_HARDIRQ);
	}
	if (debug_locks && !trylock && check_deadlock(curr, next))
		check_prevs_add(curr, next);
	curr->lockdep_depth = depth + 1;
}

void lock_acquire(struct lockdep_map *lock, unsigned int subclass,
		  int trylock, unsigned long ip)
{
	unsigned long flags = local_irq_save();
	struct task_struct *curr = current;

	if (!curr->lockdep_recursion) {
		curr->lockdep_recursion++;
		__lock_acquire(lock, subclass, trylock, ip,
			       flags & X86_EFLAGS_IF);
		curr->lockdep_recursion--;
	}
	local_irq_restore(flags);
}

static void print_unlock_imbalance_bug(struct task_struct *curr,
				       struct lockdep_map *lock, unsigned long ip)
{
	report_begin(LOCKDEP_BAD_UNLOCK, "WARNING: bad unlock balance detected!");
	lpr("%s/%d is trying to release lock (%s) at:\n", curr->comm, curr->pid,
	    lock->name ? lock->name : "?");
	lpr("%pS\n", (void *)ip);
	lpr("but there are no more locks to release!\n\n");
	lockdep_print_held_locks(curr);
	print_current_stack(ip);
	report_end();
}

/* Locks need not be released innermost first: the one released leaves
 * the stack and those above it move down. */
void lock_release(struct lockdep_map *lock, unsigned long ip)
{
	unsigned long flags = local_irq_save();
	struct task_struct *curr = current;

	if (!curr->lockdep_recursion) {
		curr->lockdep_recursion++;
		int depth = curr->lockdep_depth, i;
		for (i = depth - 1; i >= 0; i--)
			if (curr->held_locks[i].instance == lock)
				break;
		if (i >= 0) {
			for (; i < depth - 1; i++)
				curr->held_locks[i] = curr->held_locks[i + 1];
			curr->lockdep_depth = depth - 1;
		} else if (debug_locks && class_key(lock, 0)) {
			/* (A lock with no class was never pushed.) */
			print_unlock_imbalance_bug(curr, lock, ip);
		}
		curr->lockdep_recursion--;
	}
	local_irq_restore(flags);
}

int lock_is_held(const struct lockdep_map *lock)
{
	struct task_struct *curr = current;

	if (!prove_locking)
		return 1;
	for (int i = 0; i < curr->lockdep_depth; i++)
		if (curr->held_locks[i].instance == lock)
			return 1;
	return 0;
}

void __lockdep_assert_held(const struct lockdep_map *lock, const char *name,
			   const char *file, int line)
{
	if (lock_is_held(lock))
		return;
	unsigned long flags = local_irq_save();
	current->lockdep_recursion++;
	report_begin(LOCKDEP_OTHER, "WARNING: lock not held");
	lpr("lockdep_assert_held(%s) failed at %s:%d, %s/%d\n", name, file, line,
	    current->comm, current->pid);
	lockdep_print_held_locks(current);
	print_current_stack((unsigned long)__builtin_return_address(0));
	report_end();
	current->lockdep_recursion--;
	local_irq_restore(flags);
}

/* ---- might_sleep ---- */

void __might_sleep(const char *file, int line)
{
	struct task_struct *curr = current;
	bool irqs_off = irqs_disabled();

	/* The boot thread runs with interrupts off before there is
	 * anything to sleep for; it never sleeps (it becomes idle). */
	if (likely(!preempt_count() && !irqs_off && !in_interrupt()) ||
	    is_idle_task(curr))
		return;
	unsigned long flags = local_irq_save();
	curr->lockdep_recursion++;
	report_begin(LOCKDEP_SLEEP, NULL);
	lpr("BUG: sleeping function called from invalid context at %s:%d\n",
	    file, line);
	lpr("in_atomic(): %d, irqs_disabled(): %d, non_block: 0, pid: %d, name: %s\n",
	    preempt_count() != 0 || in_interrupt(), irqs_off, curr->pid,
	    curr->comm);
	lpr("preempt_count: %x, expected: 0\n", preempt_count());
	lockdep_print_held_locks(curr);
	print_current_stack((unsigned long)__builtin_return_address(0));
	report_end();
	curr->lockdep_recursion--;
	local_irq_restore(flags);
}
