/*
 * lockdep_test.c - the lock validator finds what it is for: each test
 * makes one bug on purpose with locks of its own, and checks that it
 * was reported, and of the right kind, and that the correct uses next
 * to it were not.  The selftest boot turns the validator on ("lockdep");
 * the reports are expected, so they print as KTAP comments ("    # ")
 * and the harness's check for lockdep reports does not count them.
 */
#include "kernel/selftest.h"
#include "kernel/lockdep.h"
#include "kernel/mutex.h"
#include "kernel/sched.h"
#include "arch/x86_64/apic.h"
#include "arch/x86_64/cpu.h"
#include "arch/x86_64/irq.h"

static int reports_before;

static void expect_begin(void)
{
	lockdep_expect_reports(current);
	reports_before = lockdep_reports;
	lockdep_last_report = LOCKDEP_NONE;
}

static int expect_end(void)
{
	lockdep_expect_reports(NULL);
	return lockdep_reports - reports_before;
}

static DEFINE_SPINLOCK(ab_a);
static DEFINE_SPINLOCK(ab_b);

/* A then B is an order; B then A later closes the cycle, though the two
 * never ran at the same time (that is the point: no luck needed). */
SELFTEST(lockdep_abba)
{
	ST_ASSERT(prove_locking && debug_locks);
	expect_begin();
	spin_lock(&ab_a);
	spin_lock(&ab_b);
	spin_unlock(&ab_b);
	spin_unlock(&ab_a);
	ST_ASSERT_EQ(lockdep_reports - reports_before, 0);
	spin_lock(&ab_b);
	spin_lock(&ab_a);
	spin_unlock(&ab_a);
	spin_unlock(&ab_b);
	ST_ASSERT_EQ(expect_end(), 1);
	ST_ASSERT_EQ(lockdep_last_report, LOCKDEP_CIRCULAR);
	return 0;
}

static DEFINE_MUTEX(abc_a);
static DEFINE_MUTEX(abc_b);
static DEFINE_MUTEX(abc_c);

/* A longer cycle, through mutexes: A -> B, B -> C, then C -> A. */
SELFTEST(lockdep_abc_cycle)
{
	expect_begin();
	mutex_lock(&abc_a);
	mutex_lock(&abc_b);
	mutex_unlock(&abc_b);
	mutex_unlock(&abc_a);
	mutex_lock(&abc_b);
	mutex_lock(&abc_c);
	mutex_unlock(&abc_c);
	mutex_unlock(&abc_b);
	ST_ASSERT_EQ(lockdep_reports - reports_before, 0);
	mutex_lock(&abc_c);
	mutex_lock(&abc_a);
	mutex_unlock(&abc_a);
	mutex_unlock(&abc_c);
	ST_ASSERT_EQ(expect_end(), 1);
	ST_ASSERT_EQ(lockdep_last_report, LOCKDEP_CIRCULAR);
	return 0;
}

/* Two locks of one class nested: no order between them unless the
 * code says so with a subclass. */
SELFTEST(lockdep_recursive_class)
{
	spinlock_t two[2];

	for (int i = 0; i < 2; i++)
		spin_lock_init(&two[i]);
	expect_begin();
	spin_lock(&two[0]);
	spin_lock_nested(&two[1], 1);
	spin_unlock(&two[1]);
	spin_unlock(&two[0]);
	ST_ASSERT_EQ(lockdep_reports - reports_before, 0);
	spin_lock(&two[0]);
	spin_lock(&two[1]);
	spin_unlock(&two[1]);
	spin_unlock(&two[0]);
	ST_ASSERT_EQ(expect_end(), 1);
	ST_ASSERT_EQ(lockdep_last_report, LOCKDEP_RECURSIVE);
	return 0;
}

/* The interrupt-state check needs a real hard-irq handler: a self-IPI
 * that takes the lock it is told to. */
static spinlock_t *irq_lock;
static volatile int irq_ran;

static void lockdep_test_ipi(struct pt_regs *regs, void *dev)
{
	(void)regs;
	(void)dev;
	spin_lock(irq_lock);
	spin_unlock(irq_lock);
	irq_ran++;
}

/* Run the handler on this CPU, with interrupts on, and wait for it. */
static int take_in_irq(spinlock_t *lock)
{
	irq_lock = lock;
	irq_ran = 0;
	preempt_disable();	/* the IPI must find this task current */
	apic_send_self_ipi(TEST_IPI_VECTOR);
	for (int i = 0; i < 100000 && !irq_ran; i++)
		cpu_relax();
	preempt_enable();
	return irq_ran;
}

static DEFINE_SPINLOCK(irq_safe_lock);
static DEFINE_SPINLOCK(irq_unsafe_lock);
static DEFINE_SPINLOCK(irq_late_lock);

SELFTEST(lockdep_irq_inconsistent)
{
	unsigned long flags;

	set_vector_handler(TEST_IPI_VECTOR, lockdep_test_ipi, "lockdep-test");
	expect_begin();
	/* Right: interrupts off wherever process context takes it. */
	spin_lock_irqsave(&irq_safe_lock, flags);
	spin_unlock_irqrestore(&irq_safe_lock, flags);
	ST_ASSERT(take_in_irq(&irq_safe_lock));
	ST_ASSERT_EQ(lockdep_reports - reports_before, 0);
	/* Wrong: taken with interrupts on, then by a handler ... */
	spin_lock(&irq_unsafe_lock);
	spin_unlock(&irq_unsafe_lock);
	ST_ASSERT(take_in_irq(&irq_unsafe_lock));
	ST_ASSERT_EQ(lockdep_reports - reports_before, 1);
	ST_ASSERT_EQ(lockdep_last_report, LOCKDEP_INCONSISTENT);
	/* ... or the other way round. */
	ST_ASSERT(take_in_irq(&irq_late_lock));
	spin_lock(&irq_late_lock);
	spin_unlock(&irq_late_lock);
	set_vector_handler(TEST_IPI_VECTOR, NULL, NULL);
	ST_ASSERT_EQ(expect_end(), 2);
	ST_ASSERT_EQ(lockdep_last_report, LOCKDEP_INCONSISTENT);
	return 0;
}

static DEFINE_SPINLOCK(atomic_lock);
static DEFINE_MUTEX(sleep_mutex);

/* might_sleep() in mutex_lock: under a spinlock it is a report even
 * when the mutex is free (this time it would not have slept). */
SELFTEST(lockdep_sleep_in_atomic)
{
	expect_begin();
	mutex_lock(&sleep_mutex);
	mutex_unlock(&sleep_mutex);
	ST_ASSERT_EQ(lockdep_reports - reports_before, 0);
	spin_lock(&atomic_lock);
	mutex_lock(&sleep_mutex);
	mutex_unlock(&sleep_mutex);
	spin_unlock(&atomic_lock);
	ST_ASSERT_EQ(expect_end(), 1);
	ST_ASSERT_EQ(lockdep_last_report, LOCKDEP_SLEEP);
	return 0;
}

/* The bookkeeping the reports rest on: held_locks follows the locks,
 * in any release order, and lockdep_assert_held sees them. */
SELFTEST(lockdep_held_locks)
{
	int depth = current->lockdep_depth;

	spin_lock(&ab_a);
	ST_ASSERT_EQ(current->lockdep_depth, depth + 1);
	spin_unlock(&ab_a);
	ST_ASSERT_EQ(current->lockdep_depth, depth);
	mutex_lock(&abc_a);
	mutex_lock(&abc_b);
	ST_ASSERT_EQ(current->lockdep_depth, depth + 2);
	ST_ASSERT(lock_is_held(&abc_a.dep_map));
	mutex_unlock(&abc_a);		/* not the innermost */
	ST_ASSERT(!lock_is_held(&abc_a.dep_map));
	ST_ASSERT(lock_is_held(&abc_b.dep_map));
	lockdep_assert_held(&abc_b);
	mutex_unlock(&abc_b);
	ST_ASSERT_EQ(current->lockdep_depth, depth);
	return 0;
}
