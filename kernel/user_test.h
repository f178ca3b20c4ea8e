/*
 * user_test.h - for self-tests that call system calls directly: give the
 * test's kernel thread a user address space with a read/write buffer at
 * UT_BUF (UT_PAGES pages), as if it were a process.  Pointers into the
 * buffer are good user pointers; UT_HOLE and kernel addresses are bad.
 *
 *	struct mm_struct *mm = user_test_begin();
 *	ST_ASSERT(mm);
 *	... sys_foo((void __user *)UT_BUF) ...
 *	user_test_end(mm);
 *
 * Context: a kernel thread's process context (the self-test runner).
 * The scheduler does not switch CR3, so the address space stays loaded
 * while the test sleeps.
 */
#ifndef KERNEL_USER_TEST_H
#define KERNEL_USER_TEST_H

#include "kernel/mm.h"
#include "kernel/mman.h"
#include "kernel/sched.h"
#include "arch/x86_64/mmu_context.h"

#define UT_BUF		0x40000000UL
#define UT_PAGES	4
#define UT_HOLE		0x50000000UL	/* nothing is mapped here */

static inline struct mm_struct *user_test_begin(void)
{
	struct mm_struct *mm = mm_alloc();

	if (!mm)
		return NULL;
	if (do_mmap(mm, UT_BUF, UT_PAGES * PAGE_SIZE, PROT_READ | PROT_WRITE,
		    MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED) != UT_BUF) {
		mmput(mm);
		return NULL;
	}
	current->mm = mm;
	switch_mm(mm);
	return mm;
}

static inline void user_test_end(struct mm_struct *mm)
{
	switch_mm(NULL);
	current->mm = NULL;
	mmput(mm);
}

#endif
