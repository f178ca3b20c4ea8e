/*
 * spinlock.h - spinlocks for a single CPU.
 *
 * With one CPU, mutual exclusion only has to keep out the code that can
 * interrupt us: interrupt handlers (hence the _irqsave variants, which must
 * be used for any lock an interrupt handler also takes) and other tasks,
 * which can only get the CPU by preempting us (hence spin_lock() disables
 * preemption until the matching spin_unlock()).  The lock word is still
 * real: taking a lock that is already held can only be a deadlock on one
 * CPU, so we say so loudly instead of spinning forever.
 *
 * The user-copy rule, the kernel's one locking rule (Linux's): no copy to
 * or from user memory while holding a spinlock.  That is copy_to_user,
 * copy_from_user, get_user, put_user, clear_user, strncpy_from_user, and
 * everything built on them (memcpy_to_msg, memcpy_from_msg,
 * ring_copy_user ...).  A copy can fault, and the fault can sleep (to
 * read or allocate a page); sleeping with preemption off hangs one CPU's
 * scheduler, and with SMP another CPU spins on the lock meanwhile.  Two
 * ways to follow it:
 *   - copy through a kernel buffer: take the data under the lock, drop
 *     the lock, then copy out (net/tcp.c, net/udp.c; copying in first,
 *     then taking the lock, likewise);
 *   - guard the data with a sleeping lock instead, a struct mutex, held
 *     across the copy (fs/pipe.c's pipe->mutex, AF_UNIX's iolock,
 *     net/unix/stream.c).
 * Every user access checks it (might_fault(), arch/x86_64/uaccess.c) and
 * prints Linux's "BUG: sleeping function called from invalid context",
 * which fails the test run.  Each file's LOCKING comment says which of
 * the two it does.
 */
#ifndef KERNEL_SPINLOCK_H
#define KERNEL_SPINLOCK_H

#include "kernel/types.h"
#include "kernel/preempt.h"
#include "arch/x86_64/cpu.h"

typedef struct {
	volatile int locked;
	const char *name;
} spinlock_t;

#define __SPIN_LOCK_UNLOCKED(n) { .locked = 0, .name = #n }
#define DEFINE_SPINLOCK(n) spinlock_t n = __SPIN_LOCK_UNLOCKED(n)

void spin_lock_init(spinlock_t *lock);
void spin_lock(spinlock_t *lock);
void spin_unlock(spinlock_t *lock);
bool spin_is_locked(spinlock_t *lock);
/* The lock word alone, without the preemption count. */
void do_raw_spin_lock(spinlock_t *lock);
void do_raw_spin_unlock(spinlock_t *lock);

#define spin_lock_irqsave(lock, flags)			\
	do {						\
		(flags) = local_irq_save();		\
		preempt_disable();			\
		do_raw_spin_lock(lock);			\
	} while (0)

/* Interrupts come back on before preemption is re-enabled, so a
 * reschedule requested while we held the lock happens right here. */
#define spin_unlock_irqrestore(lock, flags)		\
	do {						\
		do_raw_spin_unlock(lock);		\
		local_irq_restore(flags);		\
		preempt_enable();			\
	} while (0)

#endif
