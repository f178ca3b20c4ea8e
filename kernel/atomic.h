/*
 * atomic.h - atomic_t, Linux's counter that every CPU and every
 * interrupted or preempted task sees change in one step
 * (include/linux/atomic.h, arch/x86/include/asm/atomic.h).
 *
 * Why a plain "count++" is not enough even on one CPU: the compiler may
 * load the count into a register, test it, and store the result later.
 * A timer interrupt between the load and the store can preempt the
 * task; whoever runs meanwhile changes the count, and the store then
 * writes back the stale value: a reference is lost, and the page it
 * counted is freed twice.  On x86 each operation below is one
 * instruction with a LOCK prefix, which also keeps other CPUs out.
 * Every read-modify-write here is a full memory barrier, as on Linux's
 * x86 (Linux promises it only for the ones that return a value).
 */
#ifndef KERNEL_ATOMIC_H
#define KERNEL_ATOMIC_H

typedef struct {
	int counter;
} atomic_t;

#define ATOMIC_INIT(i)	{ (i) }

static inline int atomic_read(const atomic_t *v)
{
	return __atomic_load_n(&v->counter, __ATOMIC_RELAXED);
}

static inline void atomic_set(atomic_t *v, int i)
{
	__atomic_store_n(&v->counter, i, __ATOMIC_RELAXED);
}

static inline void atomic_inc(atomic_t *v)
{
	__atomic_fetch_add(&v->counter, 1, __ATOMIC_SEQ_CST);
}

static inline void atomic_dec(atomic_t *v)
{
	__atomic_fetch_sub(&v->counter, 1, __ATOMIC_SEQ_CST);
}

static inline int atomic_add_return(int i, atomic_t *v)
{
	return __atomic_add_fetch(&v->counter, i, __ATOMIC_SEQ_CST);
}

static inline int atomic_sub_return(int i, atomic_t *v)
{
	return __atomic_sub_fetch(&v->counter, i, __ATOMIC_SEQ_CST);
}

/* Whether this decrement took the count to zero: exactly one caller
 * sees true, so exactly one frees. */
static inline bool atomic_dec_and_test(atomic_t *v)
{
	return atomic_sub_return(1, v) == 0;
}

#endif
