/*
 * spinlock.c - the ticket lock of spinlock.h.  Any context.
 */
#include "kernel/spinlock.h"
#include "kernel/kernel.h"
#include "kernel/percpu.h"
#include "kernel/time.h"
#include "arch/x86_64/cpu.h"

/* How long a CPU may wait for a lock before we call it a bug: long, as
 * under emulation a holder's virtual CPU may not run for a while.  In
 * TSC cycles, read directly: the clock code takes locks of its own.
 * Before the TSC is measured, no limit. */
#define SPIN_LOCKUP_SECONDS	5

/* Every socket, pipe, epoll and wait queue carries several: an idle TCP
 * connection's memory is mostly its structures, so keep it three words
 * (the ticket and owner, then the validator's key and name). */
_Static_assert(sizeof(spinlock_t) == 24, "spinlock_t grew");

void __spin_lock_init(spinlock_t *lock, const char *name,
		      struct lock_class_key *key)
{
	*lock = (spinlock_t)__SPIN_LOCK_UNLOCKED(anon);
	lockdep_init_map(&lock->dep_map, name, key);
}

static void __noreturn spin_bug(spinlock_t *lock, const char *msg)
{
	const char *name = lock->dep_map.name;

	panic("BUG: spinlock %s on CPU#%d, %s/%p: owner_cpu %d, head %u, tail %u",
	      msg, smp_processor_id(), name ? name : "?", lock,
	      READ_ONCE(lock->owner) - 1,
	      READ_ONCE(lock->head), READ_ONCE(lock->tail));
}

/* A lock already ours is never given: its holder is below us on this
 * very CPU (an interrupted holder, or a second spin_lock in one path). */
static void debug_spin_lock_before(spinlock_t *lock)
{
	if (READ_ONCE(lock->owner) == smp_processor_id() + 1)
		spin_bug(lock, "recursion");
}

static void debug_spin_lock_after(spinlock_t *lock)
{
	WRITE_ONCE(lock->owner, smp_processor_id() + 1);
}

void do_raw_spin_lock(spinlock_t *lock)
{
	debug_spin_lock_before(lock);
	u16 ticket = __atomic_fetch_add(&lock->tail, 1, __ATOMIC_RELAXED);
	if (__atomic_load_n(&lock->head, __ATOMIC_ACQUIRE) != ticket) {
		u64 start = rdtsc();
		u64 limit = tsc_khz() * 1000 * SPIN_LOCKUP_SECONDS;
		while (__atomic_load_n(&lock->head, __ATOMIC_ACQUIRE) != ticket) {
			cpu_relax();
			if (limit && rdtsc() - start > limit)
				spin_bug(lock, "lockup suspected");
		}
	}
	debug_spin_lock_after(lock);
}

void do_raw_spin_unlock(spinlock_t *lock)
{
	if (READ_ONCE(lock->head) == READ_ONCE(lock->tail))
		spin_bug(lock, "already unlocked");
	WRITE_ONCE(lock->owner, 0);
	/* Only the holder writes head: a plain read, a releasing store. */
	__atomic_store_n(&lock->head, (u16)(lock->head + 1), __ATOMIC_RELEASE);
}

/* The validator hears of a lock before we wait for it, so that a
 * deadlock is reported rather than hung in. */
void spin_lock(spinlock_t *lock)
{
	preempt_disable();
	spin_acquire(&lock->dep_map, 0, 0, (unsigned long)__builtin_return_address(0));
	do_raw_spin_lock(lock);
}

void spin_lock_nested(spinlock_t *lock, int subclass)
{
	preempt_disable();
	spin_acquire(&lock->dep_map, subclass, 0,
		     (unsigned long)__builtin_return_address(0));
	do_raw_spin_lock(lock);
}

void spin_unlock(spinlock_t *lock)
{
	spin_release(&lock->dep_map, (unsigned long)__builtin_return_address(0));
	do_raw_spin_unlock(lock);
	preempt_enable();
}

unsigned long _spin_lock_irqsave(spinlock_t *lock)
{
	unsigned long flags = local_irq_save();

	preempt_disable();
	spin_acquire(&lock->dep_map, 0, 0, (unsigned long)__builtin_return_address(0));
	do_raw_spin_lock(lock);
	return flags;
}

/* Interrupts come back on before preemption is re-enabled, so a
 * reschedule requested while we held the lock happens right here. */
void _spin_unlock_irqrestore(spinlock_t *lock, unsigned long flags)
{
	spin_release(&lock->dep_map, (unsigned long)__builtin_return_address(0));
	do_raw_spin_unlock(lock);
	local_irq_restore(flags);
	preempt_enable();
}

/* Draw a ticket only if it would be served at once: head == tail, and
 * tail moves to tail + 1 in one compare-and-swap of both halves. */
int do_raw_spin_trylock(spinlock_t *lock)
{
	u16 head = __atomic_load_n(&lock->head, __ATOMIC_RELAXED);
	u16 tail = __atomic_load_n(&lock->tail, __ATOMIC_RELAXED);
	if (head == tail) {
		u32 old = head | ((u32)tail << 16);
		u32 new = head | ((u32)(u16)(tail + 1) << 16);
		if (__atomic_compare_exchange_n((u32 *)&lock->head, &old, new, false,
						__ATOMIC_ACQUIRE, __ATOMIC_RELAXED)) {
			debug_spin_lock_after(lock);
			return 1;
		}
	}
	return 0;
}

int spin_trylock(spinlock_t *lock)
{
	preempt_disable();
	if (do_raw_spin_trylock(lock)) {
		spin_acquire(&lock->dep_map, 0, 1,
			     (unsigned long)__builtin_return_address(0));
		return 1;
	}
	preempt_enable();
	return 0;
}

bool spin_is_locked(spinlock_t *lock)
{
	return READ_ONCE(lock->head) != READ_ONCE(lock->tail);
}

bool spin_is_locked_by_me(spinlock_t *lock)
{
	return spin_is_locked(lock) &&
	       READ_ONCE(lock->owner) == smp_processor_id() + 1;
}
