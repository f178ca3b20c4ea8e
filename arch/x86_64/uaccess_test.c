/*
 * uaccess_test.c - self-tests for the checked user copies: bad pointers
 * give -EFAULT or short counts (never an oops), good ones are demand
 * paged in the middle of the copy.
 */
#include "kernel/selftest.h"
#include "kernel/spinlock.h"
#include "kernel/mm.h"
#include "kernel/mman.h"
#include "arch/x86_64/uaccess.h"
#include "arch/x86_64/mmu_context.h"
#include "arch/x86_64/cpu_common.h"
#include "arch/x86_64/cpu.h"

#define BASE	0x20000000UL	/* an RW VMA of 2 pages */
#define RO	0x20100000UL	/* a read-only VMA of 1 page */
#define HOLE	0x20200000UL	/* nothing mapped */

static struct mm_struct *setup_test_mm(void)
{
	struct mm_struct *mm = mm_alloc();

	if (!mm)
		return NULL;
	if (do_mmap(mm, BASE, 2 * PAGE_SIZE, PROT_READ | PROT_WRITE,
		    MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED) != BASE ||
	    do_mmap(mm, RO, PAGE_SIZE, PROT_READ,
		    MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED) != RO) {
		mmput(mm);
		return NULL;
	}
	switch_mm(mm);
	return mm;
}

static void teardown_test_mm(struct mm_struct *mm)
{
	switch_mm(NULL);
	mmput(mm);
}

static int check_copies(void)
{
	char buf[64], back[64];
	void __user *end = (void __user *)(BASE + 2 * PAGE_SIZE);

	for (unsigned i = 0; i < sizeof(buf); i++)
		buf[i] = (char)i;
	/* Demand paging in the middle of a copy: the VMA has no pages. */
	ST_ASSERT_EQ(copy_to_user((void __user *)(BASE + 100), buf, 64), 0);
	ST_ASSERT_EQ(copy_from_user(back, (void __user *)(BASE + 100), 64), 0);
	ST_ASSERT(!memcmp(buf, back, 64));
	/* A fresh page reads as zeroes. */
	memset(back, 0x55, sizeof(back));
	ST_ASSERT_EQ(copy_from_user(back, (char __user *)end - 64, 64), 0);
	ST_ASSERT(back[0] == 0 && back[63] == 0);

	/* Across the end of the VMA: the part inside is copied, the rest
	 * counted as not copied and zeroed in the kernel buffer. */
	ST_ASSERT_EQ(copy_to_user((char __user *)end - 10, buf, 30), 20);
	memset(back, 0x55, sizeof(back));
	ST_ASSERT_EQ(copy_from_user(back, (char __user *)end - 10, 30), 20);
	ST_ASSERT(!memcmp(back, buf, 10) && back[10] == 0 && back[29] == 0);

	/* Unmapped, kernel, wrapping and read-only destinations. */
	ST_ASSERT_EQ(copy_from_user(back, (void __user *)HOLE, 16), 16);
	ST_ASSERT_EQ(copy_from_user(back, (void __user *)buf, 16), 16);
	ST_ASSERT_EQ(copy_from_user(back, (void __user *)(-8UL), 16), 16);
	ST_ASSERT_EQ(copy_from_user(back, (void __user *)0, 16), 16);
	ST_ASSERT_EQ(copy_to_user((void __user *)buf, back, 16), 16);
	ST_ASSERT_EQ(copy_to_user((void __user *)RO, buf, 16), 16);
	ST_ASSERT_EQ(copy_from_user(back, (void __user *)RO, 16), 0);
	ST_ASSERT_EQ(clear_user((void __user *)(BASE + 100), 8), 0);
	ST_ASSERT_EQ(clear_user((char __user *)end - 4, 8), 4);
	return 0;
}

static int check_get_put(void)
{
	u8 __user *p8 = (u8 __user *)(BASE + 8);
	u16 __user *p16 = (u16 __user *)(BASE + 16);
	u32 __user *p32 = (u32 __user *)(BASE + 32);
	u64 __user *p64 = (u64 __user *)(BASE + 64);
	u8 v8; u16 v16; u32 v32; u64 v64;

	ST_ASSERT_EQ(put_user(0xab, p8), 0);
	ST_ASSERT_EQ(put_user(0xabcd, p16), 0);
	ST_ASSERT_EQ(put_user(0xabcdef01, p32), 0);
	ST_ASSERT_EQ(put_user(0x0123456789abcdefULL, p64), 0);
	ST_ASSERT_EQ(get_user(v8, p8), 0);
	ST_ASSERT_EQ(get_user(v16, p16), 0);
	ST_ASSERT_EQ(get_user(v32, p32), 0);
	ST_ASSERT_EQ(get_user(v64, p64), 0);
	ST_ASSERT(v8 == 0xab && v16 == 0xabcd && v32 == 0xabcdef01 &&
		  v64 == 0x0123456789abcdefULL);

	v64 = 1;
	ST_ASSERT_EQ(get_user(v64, (u64 __user *)HOLE), -EFAULT);
	ST_ASSERT_EQ(v64, 0);
	ST_ASSERT_EQ(get_user(v32, (u32 __user *)&v64), -EFAULT);
	ST_ASSERT_EQ(put_user(1, (u32 __user *)RO), -EFAULT);
	ST_ASSERT_EQ(put_user(1, (u16 __user *)HOLE), -EFAULT);
	ST_ASSERT_EQ(put_user(1, (u64 __user *)(TASK_SIZE - 4)), -EFAULT);
	return 0;
}

static int check_strings(void)
{
	char s[16];
	char __user *u = (char __user *)(BASE + 512);
	char __user *end = (char __user *)(BASE + 2 * PAGE_SIZE);

	ST_ASSERT_EQ(copy_to_user(u, "hello", 6), 0);
	ST_ASSERT_EQ(strncpy_from_user(s, u, sizeof(s)), 5);
	ST_ASSERT(!strcmp(s, "hello"));
	ST_ASSERT_EQ(strncpy_from_user(s, u, 3), 3);	/* no room for NUL */
	/* No NUL before the end of the VMA: the string runs into a hole. */
	ST_ASSERT_EQ(copy_to_user(end - 4, "abcd", 4), 0);
	ST_ASSERT_EQ(strncpy_from_user(s, end - 4, sizeof(s)), -EFAULT);
	ST_ASSERT_EQ(strncpy_from_user(s, end - 4, 4), 4);
	ST_ASSERT_EQ(strncpy_from_user(s, (char __user *)"kernel", 16),
		     -EFAULT);
	ST_ASSERT_EQ(strncpy_from_user(s, (char __user *)HOLE, 16), -EFAULT);
	return 0;
}

SELFTEST(uaccess_bad_pointers_efault)
{
	struct mm_struct *mm = setup_test_mm();
	ST_ASSERT(mm);
	int r = check_copies();
	if (!r)
		r = check_get_put();
	if (!r)
		r = check_strings();
	teardown_test_mm(mm);
	return r;
}

SELFTEST(uaccess_access_ok)
{
	ST_ASSERT(access_ok(0, 0));
	ST_ASSERT(access_ok(TASK_SIZE - 16, 16));
	ST_ASSERT(!access_ok(TASK_SIZE - 16, 17));
	ST_ASSERT(!access_ok(-16UL, 8));
	ST_ASSERT(!access_ok(16, -8UL));		/* would wrap around */
	ST_ASSERT(!access_ok(PAGE_OFFSET, 1));
	return 0;
}

/* QEMU's -cpu max has both, and they must then be on. */
/* The user-copy rule's check (kernel/spinlock.h): a user access is
 * forbidden exactly while a spinlock (or anything else) holds preemption
 * off, and allowed again once it is dropped.  The predicate only: a real
 * copy under the lock would print the BUG report the harness fails on. */
SELFTEST(uaccess_forbidden_under_spinlock)
{
	static DEFINE_SPINLOCK(lock);
	unsigned long flags;

	ST_ASSERT(!user_access_forbidden());
	spin_lock(&lock);
	bool locked = user_access_forbidden();
	spin_unlock(&lock);
	ST_ASSERT(locked);
	spin_lock_irqsave(&lock, flags);
	locked = user_access_forbidden();
	spin_unlock_irqrestore(&lock, flags);
	ST_ASSERT(locked);
	ST_ASSERT(!user_access_forbidden());
	return 0;
}

SELFTEST(smep_smap_enabled)
{
	u32 a, b, c, d;

	cpuid(7, 0, &a, &b, &c, &d);
	if (b & (1U << 20)) {
		ST_ASSERT(smap_enabled);
		ST_ASSERT(read_cr4() & (1UL << 21));
	}
	if (b & (1U << 7))
		ST_ASSERT(read_cr4() & (1UL << 20));
	return 0;
}

/* On request only: oopses on purpose.  With SMAP a plain dereference of
 * a user pointer, outside the uaccess functions, must fault. */
SELFTEST_ON_REQUEST(smap_blocks_direct_access)
{
	struct mm_struct *mm = setup_test_mm();
	ST_ASSERT(mm);
	ST_ASSERT_EQ(put_user(42, (int __user *)BASE), 0);
	pr_info("    # reading user memory directly; expect an oops\n");
	int v = *(volatile int *)BASE;
	pr_info("    # read %d: SMAP did not stop it\n", v);
	teardown_test_mm(mm);
	return -1;
}
