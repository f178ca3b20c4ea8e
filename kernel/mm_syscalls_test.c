/*
 * mm_syscalls_test.c - self-tests for brk, mmap, munmap, mprotect and
 * madvise as system calls on current->mm: return values, Linux's errors,
 * and the VMAs each call leaves behind.
 */
#include "kernel/selftest.h"
#include "kernel/errno.h"
#include "kernel/syscalls.h"
#include "kernel/user_test.h"
#include "arch/x86_64/uaccess.h"

#define HEAP	0x30000000UL
#define ANON	(MAP_PRIVATE | MAP_ANONYMOUS)
#define RW	(PROT_READ | PROT_WRITE)

static int check_brk(struct mm_struct *mm)
{
	mm->start_brk = mm->brk = HEAP;
	ST_ASSERT_EQ(sys_brk(0), HEAP);
	ST_ASSERT_EQ(sys_brk(HEAP + 3 * PAGE_SIZE + 5), HEAP + 3 * PAGE_SIZE + 5);
	struct vm_area_struct *vma = find_vma(mm, HEAP);
	ST_ASSERT(vma && vma->vm_start == HEAP &&
		  vma->vm_end == HEAP + 4 * PAGE_SIZE);
	ST_ASSERT_EQ(put_user(42, (int __user *)(HEAP + 3 * PAGE_SIZE)), 0);
	/* Below the start of the heap: the old break, not an error. */
	ST_ASSERT_EQ(sys_brk(HEAP - PAGE_SIZE), HEAP + 3 * PAGE_SIZE + 5);
	ST_ASSERT_EQ(sys_brk(HEAP + PAGE_SIZE), HEAP + PAGE_SIZE);
	vma = find_vma(mm, HEAP);
	ST_ASSERT(vma && vma->vm_end == HEAP + PAGE_SIZE);
	/* Into the test buffer above: refused, the break stays. */
	ST_ASSERT_EQ(sys_brk(UT_BUF + PAGE_SIZE), HEAP + PAGE_SIZE);
	ST_ASSERT_EQ(sys_brk(HEAP), HEAP);
	ST_ASSERT(!find_vma_intersection(mm, HEAP, HEAP + PAGE_SIZE));
	return 0;
}

static int check_mmap(struct mm_struct *mm)
{
	long a = sys_mmap(0, 3 * PAGE_SIZE, RW, ANON, -1, 0);
	ST_ASSERT(a > 0 && !(a & ~PAGE_MASK));
	struct vm_area_struct *vma = find_vma(mm, a);
	ST_ASSERT(vma && vma->vm_start <= (unsigned long)a &&
		  vma->vm_end >= (unsigned long)a + 3 * PAGE_SIZE);
	ST_ASSERT_EQ(vma->vm_flags & (VM_READ | VM_WRITE | VM_SHARED),
		     VM_READ | VM_WRITE);
	ST_ASSERT_EQ(put_user(1, (int __user *)a), 0);

	ST_ASSERT_EQ(sys_mmap(0, PAGE_SIZE, RW, ANON, -1, 1), -EINVAL);
	ST_ASSERT_EQ(sys_mmap(0, PAGE_SIZE, RW, ANON, -1, 100), -EINVAL);
	ST_ASSERT_EQ(sys_mmap(0, 0, RW, ANON, -1, 0), -EINVAL);
	ST_ASSERT_EQ(sys_mmap(0, PAGE_SIZE, RW, MAP_PRIVATE, 3, 0), -EBADF);
	ST_ASSERT_EQ(sys_mmap(0, PAGE_SIZE, RW, MAP_ANONYMOUS, -1, 0), -EINVAL);
	ST_ASSERT_EQ(sys_mmap(0, PAGE_SIZE, RW, MAP_ANONYMOUS | 0xf, -1, 0),
		     -EINVAL);
	ST_ASSERT_EQ(sys_mmap(0, PAGE_SIZE, RW,
			      MAP_ANONYMOUS | MAP_SHARED_VALIDATE, -1, 0), -EINVAL);
	ST_ASSERT_EQ(sys_mmap(0, PAGE_SIZE, RW, ANON | MAP_HUGETLB, -1, 0),
		     -ENOMEM);
	ST_ASSERT_EQ(sys_mmap(0, PAGE_SIZE, RW,
			      MAP_SHARED | MAP_ANONYMOUS | MAP_GROWSDOWN, -1, 0),
		     -EINVAL);
	ST_ASSERT_EQ(sys_mmap(0, -PAGE_SIZE / 2, RW, ANON, -1, 0), -ENOMEM);
	ST_ASSERT_EQ(sys_mmap(0, 1UL << 47, RW, ANON, -1, 0), -ENOMEM);
	/* The offset of an anonymous mapping is ignored once aligned (and
	 * in pages it cannot overflow 64 bits). */
	long o = sys_mmap(0, 2 * PAGE_SIZE, RW, ANON, -1, -PAGE_SIZE);
	ST_ASSERT(o > 0);
	ST_ASSERT_EQ(sys_munmap(o, 2 * PAGE_SIZE), 0);
	ST_ASSERT_EQ(sys_mmap(UT_BUF + 1, PAGE_SIZE, RW, ANON | MAP_FIXED, -1, 0),
		     -EINVAL);
	ST_ASSERT_EQ(sys_mmap(UT_BUF, PAGE_SIZE, RW,
			      ANON | MAP_FIXED_NOREPLACE, -1, 0), -EEXIST);

	/* MAP_FIXED replaces: the old contents are gone. */
	int v = -1;
	ST_ASSERT_EQ(put_user(7, (int __user *)UT_BUF), 0);
	ST_ASSERT_EQ(sys_mmap(UT_BUF, PAGE_SIZE, RW, ANON | MAP_FIXED, -1, 0),
		     UT_BUF);
	ST_ASSERT_EQ(get_user(v, (int __user *)UT_BUF), 0);
	ST_ASSERT_EQ(v, 0);
	ST_ASSERT_EQ(sys_mmap(UT_HOLE, PAGE_SIZE, PROT_READ,
			      ANON | MAP_FIXED_NOREPLACE | MAP_NORESERVE |
			      MAP_POPULATE, -1, 0), UT_HOLE);
	ST_ASSERT_EQ(sys_munmap(UT_HOLE, PAGE_SIZE), 0);
	long s = sys_mmap(0, PAGE_SIZE, RW, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	ST_ASSERT(s > 0 && (find_vma(mm, s)->vm_flags & VM_SHARED));
	ST_ASSERT_EQ(sys_munmap(s, PAGE_SIZE), 0);
	ST_ASSERT_EQ(sys_munmap(a, 3 * PAGE_SIZE), 0);
	ST_ASSERT(!find_vma_intersection(mm, a, a + 3 * PAGE_SIZE));
	return 0;
}

static int check_munmap(struct mm_struct *mm)
{
	int before = mm->map_count;

	ST_ASSERT_EQ(sys_munmap(UT_BUF + 1, PAGE_SIZE), -EINVAL);
	ST_ASSERT_EQ(sys_munmap(UT_BUF, 0), -EINVAL);
	ST_ASSERT_EQ(sys_munmap(TASK_SIZE + PAGE_SIZE, PAGE_SIZE), -EINVAL);
	ST_ASSERT_EQ(sys_munmap(UT_HOLE, PAGE_SIZE), 0);	/* nothing there */
	/* A hole in the middle splits the VMA in two. */
	ST_ASSERT_EQ(sys_munmap(UT_BUF + PAGE_SIZE, 1), 0);
	ST_ASSERT_EQ(mm->map_count, before + 1);
	ST_ASSERT(!find_vma_intersection(mm, UT_BUF + PAGE_SIZE,
					 UT_BUF + 2 * PAGE_SIZE));
	ST_ASSERT_EQ(put_user(1, (int __user *)(UT_BUF + PAGE_SIZE)), -EFAULT);
	ST_ASSERT_EQ(sys_mmap(UT_BUF + PAGE_SIZE, PAGE_SIZE, RW,
			      ANON | MAP_FIXED, -1, 0), UT_BUF + PAGE_SIZE);
	ST_ASSERT_EQ(mm->map_count, before);	/* merged back */
	return 0;
}

static int check_mprotect(struct mm_struct *mm)
{
	unsigned long mid = UT_BUF + PAGE_SIZE;

	ST_ASSERT_EQ(sys_mprotect(mid + 1, PAGE_SIZE, PROT_READ), -EINVAL);
	ST_ASSERT_EQ(sys_mprotect(mid, PAGE_SIZE, 0x10 | PROT_READ), -EINVAL);
	ST_ASSERT_EQ(sys_mprotect(mid, PAGE_SIZE, PROT_GROWSDOWN | PROT_GROWSUP),
		     -EINVAL);
	ST_ASSERT_EQ(sys_mprotect(mid, PAGE_SIZE, PROT_GROWSDOWN | PROT_READ),
		     -EINVAL);			/* not a stack */
	ST_ASSERT_EQ(sys_mprotect(mid, 0, PROT_READ), 0);
	ST_ASSERT_EQ(sys_mprotect(UT_HOLE, PAGE_SIZE, PROT_READ), -ENOMEM);
	ST_ASSERT_EQ(sys_mprotect(UT_BUF, (UT_PAGES + 1) * PAGE_SIZE, PROT_READ),
		     -ENOMEM);			/* runs past the end */
	ST_ASSERT_EQ(sys_mprotect(-PAGE_SIZE, 2 * PAGE_SIZE, PROT_READ), -ENOMEM);

	ST_ASSERT_EQ(sys_mprotect(mid, 1, PROT_READ | PROT_SEM), 0);
	struct vm_area_struct *vma = find_vma(mm, mid);
	ST_ASSERT(vma->vm_start == mid && vma->vm_end == mid + PAGE_SIZE);
	ST_ASSERT_EQ(vma->vm_flags & (VM_READ | VM_WRITE), VM_READ);
	ST_ASSERT_EQ(put_user(1, (int __user *)mid), -EFAULT);
	ST_ASSERT_EQ(put_user(1, (int __user *)UT_BUF), 0);
	ST_ASSERT_EQ(sys_mprotect(mid, PAGE_SIZE, RW), 0);
	ST_ASSERT_EQ(put_user(1, (int __user *)mid), 0);
	vma = find_vma(mm, mid);
	ST_ASSERT(vma->vm_start == UT_BUF &&
		  vma->vm_end == UT_BUF + UT_PAGES * PAGE_SIZE);
	return 0;
}

static int check_madvise(struct mm_struct *mm)
{
	int v = -1;

	(void)mm;
	ST_ASSERT_EQ(sys_madvise(UT_BUF + 1, PAGE_SIZE, MADV_DONTNEED), -EINVAL);
	ST_ASSERT_EQ(sys_madvise(UT_BUF, PAGE_SIZE, 999), -EINVAL);
	ST_ASSERT_EQ(sys_madvise(UT_BUF, PAGE_SIZE, 5), -EINVAL);
	ST_ASSERT_EQ(sys_madvise(UT_BUF, PAGE_SIZE, MADV_HWPOISON), -EINVAL);
	ST_ASSERT_EQ(sys_madvise(UT_BUF, 0, MADV_DONTNEED), 0);
	ST_ASSERT_EQ(sys_madvise(UT_HOLE, 0, MADV_DONTNEED), 0);
	ST_ASSERT_EQ(sys_madvise(UT_BUF, -1UL, MADV_NORMAL), -EINVAL);
	ST_ASSERT_EQ(sys_madvise(UT_HOLE, PAGE_SIZE, MADV_DONTNEED), -ENOMEM);
	ST_ASSERT_EQ(sys_madvise(UT_BUF, PAGE_SIZE, MADV_REMOVE), -EINVAL);
	ST_ASSERT_EQ(sys_madvise(UT_BUF, PAGE_SIZE, MADV_WILLNEED), 0);
	ST_ASSERT_EQ(sys_madvise(UT_BUF, PAGE_SIZE, MADV_POPULATE_WRITE), 0);

	/* DONTNEED on private memory: the next read sees zeros. */
	ST_ASSERT_EQ(put_user(99, (int __user *)UT_BUF), 0);
	ST_ASSERT_EQ(sys_madvise(UT_BUF, 1, MADV_DONTNEED), 0);
	ST_ASSERT_EQ(get_user(v, (int __user *)UT_BUF), 0);
	ST_ASSERT_EQ(v, 0);
	/* Over a hole: the mapped part is advised, then -ENOMEM. */
	ST_ASSERT_EQ(put_user(98, (int __user *)UT_BUF), 0);
	ST_ASSERT_EQ(sys_madvise(UT_BUF, (UT_PAGES + 1) * PAGE_SIZE, MADV_FREE),
		     -ENOMEM);
	ST_ASSERT_EQ(get_user(v, (int __user *)UT_BUF), 0);
	ST_ASSERT_EQ(v, 0);
	return 0;
}

SELFTEST(mm_syscalls)
{
	struct mm_struct *mm = user_test_begin();

	ST_ASSERT(mm);
	int r = check_brk(mm);
	if (!r)
		r = check_mmap(mm);
	if (!r)
		r = check_munmap(mm);
	if (!r)
		r = check_mprotect(mm);
	if (!r)
		r = check_madvise(mm);
	user_test_end(mm);
	return r;
}
