/*
 * mmap_test.c - self-tests for VMAs: mmap placement, munmap and mprotect
 * splitting and merging, brk.  No page is touched, so these exercise the
 * bookkeeping alone; memory_test.c does the page tables.
 */
#include "kernel/selftest.h"
#include "kernel/mm.h"
#include "kernel/mman.h"
#include "kernel/errno.h"

#define ANON_PRIVATE	(MAP_PRIVATE | MAP_ANONYMOUS)
#define RW		(PROT_READ | PROT_WRITE)

/* Whether mm's VMAs are exactly the n (start, end, flags) triples. */
static bool vmas_are(struct mm_struct *mm, const unsigned long (*want)[3],
		     int n)
{
	struct vm_area_struct *vma;
	int i = 0;

	list_for_each_entry(vma, &mm->mmap, vm_list) {
		if (i >= n || vma->vm_start != want[i][0] ||
		    vma->vm_end != want[i][1] || vma->vm_flags != want[i][2]) {
			pr_info("    # vma %d: %lx-%lx flags %lx\n", i,
				vma->vm_start, vma->vm_end, vma->vm_flags);
			return false;
		}
		i++;
	}
	return i == n && mm->map_count == n;
}

SELFTEST(mmap_placement)
{
	struct mm_struct *mm = mm_alloc();
	ST_ASSERT(mm);

	/* Top-down below mmap_base, each new mapping under the last. */
	unsigned long a = do_mmap(mm, 0, 3 * PAGE_SIZE, RW, ANON_PRIVATE);
	ST_ASSERT_EQ(a, mm->mmap_base - 3 * PAGE_SIZE);
	unsigned long b = do_mmap(mm, 0, PAGE_SIZE, PROT_READ, ANON_PRIVATE);
	ST_ASSERT_EQ(b, a - PAGE_SIZE);
	/* A free hint is honoured, a taken one is not. */
	unsigned long c = do_mmap(mm, 0x400000, 100, RW, ANON_PRIVATE);
	ST_ASSERT_EQ(c, 0x400000);
	unsigned long d = do_mmap(mm, 0x400000, PAGE_SIZE, PROT_READ,
				  ANON_PRIVATE);
	ST_ASSERT_EQ(d, b - PAGE_SIZE);
	ST_ASSERT_EQ(do_mmap(mm, 0x400000, PAGE_SIZE, RW,
			     ANON_PRIVATE | MAP_FIXED_NOREPLACE), -EEXIST);
	/* Bad requests. */
	ST_ASSERT_EQ(do_mmap(mm, 0x401001, PAGE_SIZE, RW,
			     ANON_PRIVATE | MAP_FIXED), -EINVAL);
	ST_ASSERT_EQ(do_mmap(mm, 0, 0, RW, ANON_PRIVATE), -EINVAL);
	ST_ASSERT_EQ(do_mmap(mm, 0, PAGE_SIZE, RW, MAP_ANONYMOUS), -EINVAL);
	ST_ASSERT_EQ(do_mmap(mm, 0x1000, PAGE_SIZE, RW,
			     ANON_PRIVATE | MAP_FIXED), -EPERM);
	ST_ASSERT_EQ(do_mmap(mm, TASK_SIZE - PAGE_SIZE, 2 * PAGE_SIZE, RW,
			     ANON_PRIVATE | MAP_FIXED), -ENOMEM);
	ST_ASSERT(find_vma(mm, 0x400000)->vm_start == 0x400000);
	ST_ASSERT(find_vma(mm, 0x3fffff)->vm_start == 0x400000);
	ST_ASSERT(!find_vma(mm, mm->mmap_base));
	mmput(mm);
	return 0;
}

SELFTEST(vma_split_merge)
{
	struct mm_struct *mm = mm_alloc();
	unsigned long base = 0x10000000, P = PAGE_SIZE;
	const unsigned long rw = VM_READ | VM_WRITE;
	ST_ASSERT(mm);

	/* Two touching mappings with equal flags become one VMA. */
	ST_ASSERT_EQ(do_mmap(mm, base, 4 * P, RW, ANON_PRIVATE | MAP_FIXED),
		     base);
	ST_ASSERT_EQ(do_mmap(mm, base + 4 * P, 4 * P, RW,
			     ANON_PRIVATE | MAP_FIXED), base + 4 * P);
	const unsigned long one[][3] = { { base, base + 8 * P, rw } };
	ST_ASSERT(vmas_are(mm, one, 1));

	/* munmap in the middle splits it in two. */
	ST_ASSERT_EQ(do_munmap(mm, base + 2 * P, 2 * P), 0);
	const unsigned long hole[][3] = {
		{ base, base + 2 * P, rw }, { base + 4 * P, base + 8 * P, rw },
	};
	ST_ASSERT(vmas_are(mm, hole, 2));

	/* mprotect of a middle part makes three; mprotect back merges. */
	ST_ASSERT_EQ(do_mprotect(mm, base + 5 * P, P, PROT_READ), 0);
	const unsigned long three[][3] = {
		{ base, base + 2 * P, rw }, { base + 4 * P, base + 5 * P, rw },
		{ base + 5 * P, base + 6 * P, VM_READ },
		{ base + 6 * P, base + 8 * P, rw },
	};
	ST_ASSERT(vmas_are(mm, three, 4));
	ST_ASSERT_EQ(do_mprotect(mm, base + 5 * P, P, RW), 0);
	ST_ASSERT(vmas_are(mm, hole, 2));

	/* mprotect across the hole fails and changes nothing. */
	ST_ASSERT_EQ(do_mprotect(mm, base, 8 * P, PROT_READ), -ENOMEM);
	ST_ASSERT(vmas_are(mm, hole, 2));

	/* Filling the hole merges all three; MAP_FIXED over the middle of
	 * it with other flags replaces just that part. */
	ST_ASSERT_EQ(do_mmap(mm, base + 2 * P, 2 * P, RW,
			     ANON_PRIVATE | MAP_FIXED), base + 2 * P);
	ST_ASSERT(vmas_are(mm, one, 1));
	ST_ASSERT_EQ(do_mmap(mm, base + P, P, PROT_READ | PROT_EXEC,
			     ANON_PRIVATE | MAP_FIXED), base + P);
	const unsigned long fixed[][3] = {
		{ base, base + P, rw }, { base + P, base + 2 * P,
					  VM_READ | VM_EXEC },
		{ base + 2 * P, base + 8 * P, rw },
	};
	ST_ASSERT(vmas_are(mm, fixed, 3));

	/* munmap spanning several VMAs and their edges. */
	ST_ASSERT_EQ(do_munmap(mm, base, 3 * P), 0);
	const unsigned long tail[][3] = { { base + 3 * P, base + 8 * P, rw } };
	ST_ASSERT(vmas_are(mm, tail, 1));
	ST_ASSERT_EQ(do_munmap(mm, base + 1, P), -EINVAL);
	mmput(mm);
	return 0;
}

SELFTEST(brk_grows_and_shrinks)
{
	struct mm_struct *mm = mm_alloc();
	ST_ASSERT(mm);
	mm->start_brk = mm->brk = 0x600000;

	ST_ASSERT_EQ(do_brk(mm, 0x600000 + 100), 0x600000 + 100);
	ST_ASSERT_EQ(do_brk(mm, 0x603000), 0x603000);
	const unsigned long heap[][3] = {
		{ 0x600000, 0x603000, VM_READ | VM_WRITE },
	};
	ST_ASSERT(vmas_are(mm, heap, 1));
	ST_ASSERT_EQ(do_brk(mm, 0x601800), 0x601800);
	ST_ASSERT_EQ(find_vma(mm, 0x600000)->vm_end, 0x602000);
	/* Below start_brk, or into another mapping: refused. */
	ST_ASSERT_EQ(do_brk(mm, 0x500000), 0x601800);
	ST_ASSERT_EQ(do_mmap(mm, 0x610000, PAGE_SIZE, RW,
			     ANON_PRIVATE | MAP_FIXED), 0x610000);
	ST_ASSERT_EQ(do_brk(mm, 0x610000), 0x601800);
	mmput(mm);
	return 0;
}
