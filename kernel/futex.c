/*
 * futex.c - futexes (Linux's kernel/futex/): a 32-bit word in user
 * memory that threads agree to use as a lock or a sequence count, and a
 * queue in the kernel where they sleep while the word says "wait".
 *
 * User space does the uncontended work alone, with atomic instructions
 * on the word.  Only a thread that must wait calls FUTEX_WAIT(uaddr,
 * val): "sleep if the word still holds val", and one that changed the
 * word calls FUTEX_WAKE.  The whole protocol rests on one rule: the
 * kernel reads the word with the waiters' queue locked, and queues the
 * waiter before unlocking, so a waker (which changes the word first,
 * then takes the same lock to wake) either finds the waiter queued or
 * the waiter sees the new value and does not sleep.  No wake-up is lost.
 *
 * The queues: a hash table of buckets, each a lock and a list of
 * struct futex_q (one per sleeping thread, on its own stack).  A futex
 * is named by a key: for a PRIVATE futex, the mm and the address; for a
 * shared one in private memory the same plus a mark, so that, as in
 * Linux, a shared WAKE does not find a PRIVATE waiter (C libraries wait
 * on a thread's tid with a shared WAIT, since the kernel's wake at
 * thread exit is shared); for one in MAP_SHARED memory, the physical
 * page and the offset, so processes that map the page at different
 * addresses still meet.
 *
 * LOCKING: hb->lock guards a bucket's list and each queued futex_q's
 * list, key and lock_ptr.  A waker takes the waiter off the list, then
 * clears q->lock_ptr (the waiter's "you were woken"), then wakes it,
 * holding a reference to the task: once lock_ptr is NULL the waiter may
 * return and its futex_q is gone.  Requeue holds both buckets' locks,
 * taken in address order.  The word is read under hb->lock with page
 * faults disabled (a fault would page in under a spinlock); on a fault
 * the lock is dropped, the page brought in, and the operation retried.
 * Bucket locks are taken from process context only, so plain spin_lock.
 *
 * Context: process context.
 */
#include "kernel/kernel.h"
#include "kernel/errno.h"
#include "kernel/futex.h"
#include "kernel/hrtimer.h"
#include "kernel/mm.h"
#include "kernel/pid.h"
#include "kernel/sched.h"
#include "kernel/timekeeping.h"
#include "arch/x86_64/pgtable.h"
#include "arch/x86_64/uaccess.h"

#define FUTEX_HASHBITS		8
#define ROBUST_LIST_LIMIT	2048	/* entries walked at exit, as Linux */

/* What names a futex (Linux's union futex_key, flattened). */
enum futex_key_kind { KEY_PRIVATE, KEY_MM_SHARED, KEY_PAGE };

struct futex_key {
	void *ptr;		/* the mm, or the struct page (KEY_PAGE) */
	unsigned long word;	/* the address, or the offset in the page */
	enum futex_key_kind kind;
	bool shared;		/* ptr is a page we hold a reference to */
};

struct futex_hash_bucket {
	spinlock_t lock;
	struct list_head chain;		/* struct futex_q */
};

/* One sleeping thread (on its own kernel stack). */
struct futex_q {
	struct list_head list;
	struct task_struct *task;
	spinlock_t *lock_ptr;		/* its bucket's lock; NULL: woken */
	struct futex_key key;
	u32 bitset;			/* FUTEX_WAIT_BITSET's; ~0 for WAIT */
};

static struct futex_hash_bucket futex_queues[1 << FUTEX_HASHBITS];

/* Boot (signals_init). */
void futex_init(void)
{
	for (size_t i = 0; i < ARRAY_SIZE(futex_queues); i++) {
		spin_lock_init(&futex_queues[i].lock);
		INIT_LIST_HEAD(&futex_queues[i].chain);
	}
}

static struct futex_hash_bucket *hash_futex(const struct futex_key *key)
{
	unsigned long h = (unsigned long)key->ptr ^
			  ((key->word + key->kind) * 0x9e3779b97f4a7c15UL);

	h ^= h >> 29;
	return &futex_queues[(h ^ (h >> FUTEX_HASHBITS)) &
			     (ARRAY_SIZE(futex_queues) - 1)];
}

static bool match_futex(const struct futex_key *a, const struct futex_key *b)
{
	return a->ptr == b->ptr && a->word == b->word && a->kind == b->kind;
}

/*
 * The key of uaddr in current's mm: -EINVAL if misaligned, -EFAULT if
 * not mapped.  A shared key pins its page (put_futex_key drops it).
 */
static int get_futex_key(u32 __user *uaddr, bool private, struct futex_key *key)
{
	unsigned long addr = (unsigned long)uaddr;
	struct mm_struct *mm = current->mm;

	if (addr % sizeof(u32))
		return -EINVAL;
	if (!access_ok(uaddr, sizeof(u32)) || !mm)
		return -EFAULT;
	*key = (struct futex_key){ .ptr = mm, .word = addr,
				   .kind = private ? KEY_PRIVATE : KEY_MM_SHARED };
	if (private)
		return 0;
	int err = 0;
	mmap_read_lock(mm);
	struct vm_area_struct *vma = find_vma(mm, addr);
	if (!vma || vma->vm_start > addr) {
		err = -EFAULT;
	} else if (vma->vm_flags & VM_SHARED) {
		/* The page every mapping of it sees (shared anonymous
		 * memory and shared file pages are mapped when made). */
		pte_t *pte;
		if (handle_mm_fault(mm, addr, 0) ||
		    !(pte = pte_lookup(mm->pgd, addr, NULL)) || !pte_present(*pte)) {
			err = -EFAULT;
		} else {
			struct page *page = pte_page(*pte);
			get_page(page);
			*key = (struct futex_key){ .ptr = page,
				.word = addr & ~PAGE_MASK, .kind = KEY_PAGE,
				.shared = true };
		}
	}
	mmap_read_unlock(mm);
	return err;
}

static void put_futex_key(struct futex_key *key)
{
	if (key->shared)
		put_page(key->ptr);
	key->shared = false;
	key->ptr = NULL;
}

/* Read the word under a bucket lock: no paging in (see the top). */
static int get_futex_value_locked(u32 *val, u32 __user *uaddr)
{
	pagefault_disable();
	int ret = get_user(*val, uaddr);
	pagefault_enable();
	return ret;
}

/* Wake q's task, which was queued on the bucket whose lock we hold. */
static void mark_wake_futex(struct futex_q *q)
{
	struct task_struct *p = q->task;

	get_task_struct(p);
	list_del_init(&q->list);
	/* After this store the waiter may run, see NULL and return. */
	__atomic_store_n(&q->lock_ptr, NULL, __ATOMIC_RELEASE);
	wake_up_process(p);
	put_task_struct(p);
}

/*
 * Take q off its queue unless a waker did: true if we did (we were not
 * woken), false if it was woken.  The bucket may have changed under us
 * (requeue), so the lock is re-checked after taking it.
 */
static bool futex_unqueue(struct futex_q *q)
{
	for (;;) {
		spinlock_t *lock_ptr = __atomic_load_n(&q->lock_ptr,
						       __ATOMIC_ACQUIRE);
		if (!lock_ptr)
			return false;
		spin_lock(lock_ptr);
		if (lock_ptr != q->lock_ptr) {
			spin_unlock(lock_ptr);
			continue;
		}
		list_del_init(&q->list);
		spin_unlock(lock_ptr);
		return true;
	}
}

/*
 * FUTEX_WAIT and FUTEX_WAIT_BITSET: sleep while *uaddr == val, until a
 * FUTEX_WAKE whose bitset meets ours, a signal, or clock reaching
 * *abs_time (NULL: never).  0 when woken, -EAGAIN if the word had
 * changed, -ETIMEDOUT, or a restart code for a signal (EINTR if a
 * handler runs; Linux restarts a wait without a timeout under
 * SA_RESTART).
 */
static long futex_wait(u32 __user *uaddr, bool private, u32 val,
		       ktime_t *abs_time, clockid_t clock, u32 bitset)
{
	struct futex_q q = { .task = current, .bitset = bitset };
	u32 uval;
	int ret;

	if (!bitset)
		return -EINVAL;
retry:
	ret = get_futex_key(uaddr, private, &q.key);
	if (ret)
		return ret;
	struct futex_hash_bucket *hb = hash_futex(&q.key);
	spin_lock(&hb->lock);
	ret = get_futex_value_locked(&uval, uaddr);
	if (ret) {
		spin_unlock(&hb->lock);
		put_futex_key(&q.key);
		if (get_user(uval, uaddr))
			return -EFAULT;
		goto retry;	/* the page is in now */
	}
	if (uval != val) {
		spin_unlock(&hb->lock);
		put_futex_key(&q.key);
		return -EAGAIN;
	}
	INIT_LIST_HEAD(&q.list);
	list_add_tail(&q.list, &hb->chain);
	q.lock_ptr = &hb->lock;
	set_current_state(TASK_INTERRUPTIBLE);
	spin_unlock(&hb->lock);

	bool timed_out = false;
	for (;;) {
		if (!__atomic_load_n(&q.lock_ptr, __ATOMIC_ACQUIRE))
			break;				/* woken */
		if (signal_pending(current))
			break;
		if (!schedule_hrtimeout_range_clock(abs_time,
				current_timer_slack_ns(), HRTIMER_MODE_ABS, clock) &&
		    abs_time) {
			timed_out = true;
			break;
		}
		set_current_state(TASK_INTERRUPTIBLE);
	}
	__set_current_state(TASK_RUNNING);
	bool still_queued = futex_unqueue(&q);
	put_futex_key(&q.key);
	if (!still_queued)
		return 0;
	if (timed_out)
		return -ETIMEDOUT;
	if (!signal_pending(current))
		goto retry;	/* a spurious wake-up: look at the word again */
	return abs_time ? -ERESTART_RESTARTBLOCK : -ERESTARTSYS;
}

/* Wake up to nr waiters whose bitset meets bitset.  Like Linux, nr 0
 * (or less) still wakes one. */
static long futex_wake(u32 __user *uaddr, bool private, int nr, u32 bitset)
{
	struct futex_key key;
	struct futex_q *q, *n;
	int ret;

	if (!bitset)
		return -EINVAL;
	ret = get_futex_key(uaddr, private, &key);
	if (ret)
		return ret;
	struct futex_hash_bucket *hb = hash_futex(&key);
	spin_lock(&hb->lock);
	list_for_each_entry_safe(q, n, &hb->chain, list) {
		if (!match_futex(&q->key, &key) || !(q->bitset & bitset))
			continue;
		mark_wake_futex(q);
		if (++ret >= nr)
			break;
	}
	spin_unlock(&hb->lock);
	put_futex_key(&key);
	return ret;
}

int futex_wake_address(u32 __user *uaddr, int nr)
{
	long ret = futex_wake(uaddr, false, nr, FUTEX_BITSET_MATCH_ANY);

	return ret < 0 ? (int)ret : 0;
}

static void double_lock_hb(struct futex_hash_bucket *a,
			   struct futex_hash_bucket *b)
{
	if (a > b) {
		struct futex_hash_bucket *t = a;
		a = b;
		b = t;
	}
	spin_lock(&a->lock);
	/* Two of one class, always in address order: the validator is
	 * told the second is nested in the first. */
	if (a != b)
		spin_lock_nested(&b->lock, SINGLE_DEPTH_NESTING);
}

static void double_unlock_hb(struct futex_hash_bucket *a,
			     struct futex_hash_bucket *b)
{
	spin_unlock(&a->lock);
	if (a != b)
		spin_unlock(&b->lock);
}

/*
 * FUTEX_REQUEUE and FUTEX_CMP_REQUEUE: wake nr_wake waiters of uaddr1
 * and move up to nr_requeue of the rest to uaddr2, without waking them
 * (a condition variable's broadcast hands its waiters to the mutex
 * instead of stampeding).  CMP_REQUEUE first checks *uaddr1 == val3
 * (EAGAIN if not).  Returns how many were woken or moved, as Linux.
 */
static long futex_requeue(u32 __user *uaddr1, bool private, u32 __user *uaddr2,
			  int nr_wake, int nr_requeue, const u32 *cmpval)
{
	struct futex_key key1, key2;
	struct futex_q *q, *n;
	long ret;

	if (nr_wake < 0 || nr_requeue < 0)
		return -EINVAL;
retry:
	ret = get_futex_key(uaddr1, private, &key1);
	if (ret)
		return ret;
	ret = get_futex_key(uaddr2, private, &key2);
	if (ret) {
		put_futex_key(&key1);
		return ret;
	}
	struct futex_hash_bucket *hb1 = hash_futex(&key1), *hb2 = hash_futex(&key2);
	double_lock_hb(hb1, hb2);
	if (cmpval) {
		u32 curval;
		if (get_futex_value_locked(&curval, uaddr1)) {
			double_unlock_hb(hb1, hb2);
			put_futex_key(&key2);
			put_futex_key(&key1);
			if (get_user(curval, uaddr1))
				return -EFAULT;
			goto retry;
		}
		if (curval != *cmpval) {
			ret = -EAGAIN;
			goto out;
		}
	}
	int task_count = 0;
	list_for_each_entry_safe(q, n, &hb1->chain, list) {
		if (!match_futex(&q->key, &key1))
			continue;
		if (task_count < nr_wake) {
			mark_wake_futex(q);
		} else if (task_count < nr_wake + nr_requeue) {
			/* The waiter now sleeps on uaddr2's key; a shared
			 * key's page reference moves with it. */
			if (key2.shared)
				get_page(key2.ptr);
			if (q->key.shared)
				put_page(q->key.ptr);
			q->key = key2;
			if (hb1 != hb2) {
				list_del(&q->list);
				list_add_tail(&q->list, &hb2->chain);
				q->lock_ptr = &hb2->lock;
			}
		} else {
			break;
		}
		task_count++;
	}
	ret = task_count;
out:
	double_unlock_hb(hb1, hb2);
	put_futex_key(&key2);
	put_futex_key(&key1);
	return ret;
}

/* Whether the command takes a timeout (the fourth argument); the others
 * take a number there (val2). */
static bool futex_cmd_has_timeout(int cmd)
{
	return cmd == FUTEX_WAIT || cmd == FUTEX_LOCK_PI ||
	       cmd == FUTEX_LOCK_PI2 || cmd == FUTEX_WAIT_BITSET ||
	       cmd == FUTEX_WAIT_REQUEUE_PI;
}

long sys_futex(u32 __user *uaddr, int op, u32 val,
	       const struct __kernel_timespec __user *utime,
	       u32 __user *uaddr2, u32 val3)
{
	int cmd = op & FUTEX_CMD_MASK;
	bool private = op & FUTEX_PRIVATE_FLAG;
	clockid_t clock = CLOCK_MONOTONIC;
	ktime_t t, *abs_time = NULL;

	if (utime && futex_cmd_has_timeout(cmd)) {
		struct timespec64 ts;
		if (get_timespec64(&ts, utime))
			return -EFAULT;
		if (!timespec64_valid(&ts))
			return -EINVAL;
		t = ns_to_ktime(timespec64_to_ns(&ts));
		/* WAIT's is relative, on the monotonic clock; the others'
		 * absolute, on the clock the op names (Linux's
		 * futex_init_timeout). */
		if (cmd == FUTEX_WAIT)
			t = ktime_add_safe(ktime_get(), t);
		else if (op & FUTEX_CLOCK_REALTIME)
			clock = CLOCK_REALTIME;
		abs_time = &t;
	}
	if ((op & FUTEX_CLOCK_REALTIME) && cmd != FUTEX_WAIT_BITSET &&
	    cmd != FUTEX_WAIT_REQUEUE_PI && cmd != FUTEX_LOCK_PI2 &&
	    cmd != FUTEX_WAIT)
		return -ENOSYS;
	int val2 = (int)(unsigned long)utime;

	switch (cmd) {
	case FUTEX_WAIT:
		return futex_wait(uaddr, private, val, abs_time, clock,
				  FUTEX_BITSET_MATCH_ANY);
	case FUTEX_WAIT_BITSET:
		return futex_wait(uaddr, private, val, abs_time, clock, val3);
	case FUTEX_WAKE:
		return futex_wake(uaddr, private, (int)val, FUTEX_BITSET_MATCH_ANY);
	case FUTEX_WAKE_BITSET:
		return futex_wake(uaddr, private, (int)val, val3);
	case FUTEX_REQUEUE:
		return futex_requeue(uaddr, private, uaddr2, (int)val, val2, NULL);
	case FUTEX_CMP_REQUEUE:
		return futex_requeue(uaddr, private, uaddr2, (int)val, val2, &val3);
	}
	/* WAKE_OP and the priority-inheritance family are not here: say
	 * so once, and answer as Linux does for an unknown op. */
	static bool told;
	if (!told) {
		told = true;
		pr_warn("futex: op %d is not implemented: -ENOSYS\n", cmd);
	}
	return -ENOSYS;
}

/* --- robust futexes: the kernel's cleanup of a dead owner's locks --- */

long sys_set_robust_list(struct robust_list_head __user *head, size_t len)
{
	if (len != sizeof(*head))
		return -EINVAL;
	current->robust_list = head;
	return 0;
}

long sys_get_robust_list(int pid, struct robust_list_head __user *__user *head_ptr,
			 size_t __user *len_ptr)
{
	struct robust_list_head __user *head;
	unsigned long flags;

	if (pid < 0)
		return -ESRCH;
	spin_lock_irqsave(&tasklist_lock, flags);
	struct task_struct *p = pid ? find_task_by_pid(pid) : current;
	bool found = p && p->signal;
	head = found ? p->robust_list : NULL;
	spin_unlock_irqrestore(&tasklist_lock, flags);
	if (!found)
		return -ESRCH;
	if (put_user(sizeof(*head), len_ptr))
		return -EFAULT;
	return put_user(head, head_ptr);
}

/*
 * One futex word of a lock the dying tsk held: if tsk owns it, it is
 * marked OWNER_DIED (keeping WAITERS), and one waiter is woken to take
 * it over and learn (EOWNERDEAD).  A lock that was being taken or given
 * up when tsk died (pending) with nobody owning it may have a waiter
 * that missed its wake-up: wake one.  0, or -1 to stop the walk.
 */
static int handle_futex_death(u32 __user *uaddr, struct task_struct *tsk,
			      bool pi, bool pending_op)
{
	u32 uval, nval;

	if ((unsigned long)uaddr % sizeof(u32))
		return -1;
	for (;;) {
		if (get_user(uval, uaddr))
			return -1;
		if (pending_op && !pi && !uval) {
			futex_wake(uaddr, false, 1, FUTEX_BITSET_MATCH_ANY);
			return 0;
		}
		if ((uval & FUTEX_TID_MASK) != (u32)tsk->pid)
			return 0;
		u32 mval = (uval & FUTEX_WAITERS) | FUTEX_OWNER_DIED;
		if (futex_atomic_cmpxchg_inatomic(&nval, uaddr, uval, mval))
			return -1;
		if (nval == uval)
			break;		/* else it changed under us: again */
	}
	if (!pi && (uval & FUTEX_WAITERS))
		futex_wake(uaddr, false, 1, FUTEX_BITSET_MATCH_ANY);
	return 0;
}

/* An entry pointer of the list; its low bit says "a PI futex". */
static int fetch_robust_entry(struct robust_list __user **entry,
			      struct robust_list __user *__user *head, bool *pi)
{
	unsigned long uentry;

	if (get_user(uentry, (unsigned long __user *)head))
		return -EFAULT;
	*entry = (void __user *)(uentry & ~1UL);
	*pi = uentry & 1;
	return 0;
}

void exit_robust_list(struct task_struct *tsk)
{
	struct robust_list_head __user *head = tsk->robust_list;
	struct robust_list __user *entry, *next_entry, *pending;
	bool pi, next_pi, pip;
	long futex_offset;
	unsigned int limit = ROBUST_LIST_LIMIT;

	if (!head)
		return;
	tsk->robust_list = NULL;
	if (fetch_robust_entry(&entry, &head->list.next, &pi) ||
	    get_user(futex_offset, &head->futex_offset) ||
	    fetch_robust_entry(&pending, &head->list_op_pending, &pip))
		return;
	/* The list is the user's and may be garbage or a loop: bounded. */
	while (entry != &head->list) {
		int rc = fetch_robust_entry(&next_entry, &entry->next, &next_pi);
		if (entry != pending &&
		    handle_futex_death((u32 __user *)((char __user *)entry +
						      futex_offset),
				       tsk, pi, false))
			return;
		if (rc)
			return;
		entry = next_entry;
		pi = next_pi;
		if (!--limit)
			break;
	}
	if (pending)
		handle_futex_death((u32 __user *)((char __user *)pending +
						  futex_offset), tsk, pip, true);
}
