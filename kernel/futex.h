/*
 * futex.h - fast user-space locking (kernel/futex.c): the sleeping and
 * waking half of every pthread mutex, condition variable and join, and
 * of Go's runtime locks.
 */
#ifndef KERNEL_FUTEX_H
#define KERNEL_FUTEX_H

#include "kernel/types.h"

struct task_struct;
struct __kernel_timespec;

/* futex(2) operations and flags (Linux's values) */
#define FUTEX_WAIT		0
#define FUTEX_WAKE		1
#define FUTEX_FD		2
#define FUTEX_REQUEUE		3
#define FUTEX_CMP_REQUEUE	4
#define FUTEX_WAKE_OP		5
#define FUTEX_LOCK_PI		6
#define FUTEX_UNLOCK_PI		7
#define FUTEX_TRYLOCK_PI	8
#define FUTEX_WAIT_BITSET	9
#define FUTEX_WAKE_BITSET	10
#define FUTEX_WAIT_REQUEUE_PI	11
#define FUTEX_CMP_REQUEUE_PI	12
#define FUTEX_LOCK_PI2		13
#define FUTEX_PRIVATE_FLAG	128
#define FUTEX_CLOCK_REALTIME	256
#define FUTEX_CMD_MASK		(~(FUTEX_PRIVATE_FLAG | FUTEX_CLOCK_REALTIME))
#define FUTEX_BITSET_MATCH_ANY	0xffffffffu

/* The robust-futex word: owner's tid, and two flags. */
#define FUTEX_WAITERS		0x80000000u
#define FUTEX_OWNER_DIED	0x40000000u
#define FUTEX_TID_MASK		0x3fffffffu

/* The user's list of robust mutexes it holds (set_robust_list). */
struct robust_list {
	struct robust_list __user *next;
};

struct robust_list_head {
	struct robust_list list;
	long futex_offset;		/* from an entry to its futex word */
	struct robust_list __user *list_op_pending;
};

/* Wake up to nr waiters of the (process-shared) futex at uaddr in
 * current's mm: a thread's exit, for pthread_join.  Process context. */
int futex_wake_address(u32 __user *uaddr, int nr);
/* At exit and exec: every robust futex tsk (current) still owns gets
 * FUTEX_OWNER_DIED, and a waiter is woken to find out. */
void exit_robust_list(struct task_struct *tsk);

long sys_futex(u32 __user *uaddr, int op, u32 val,
	       const struct __kernel_timespec __user *utime,
	       u32 __user *uaddr2, u32 val3);
long sys_set_robust_list(struct robust_list_head __user *head, size_t len);
long sys_get_robust_list(int pid, struct robust_list_head __user *__user *head_ptr,
			 size_t __user *len_ptr);

#endif
