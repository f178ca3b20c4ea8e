/*
 * memory_test.c - self-tests for the page tables of user address
 * spaces: demand-zero faults, copy-on-write after dup_mm, permission
 * faults, stack growth, and that mmput gives every page back.
 */
#include "kernel/selftest.h"
#include "kernel/mm.h"
#include "kernel/mman.h"
#include "arch/x86_64/pgtable.h"
#include "arch/x86_64/uaccess.h"
#include "arch/x86_64/mmu_context.h"

#define ADDR	0x30000000UL
#define ANON	(MAP_ANONYMOUS | MAP_FIXED)
#define RW	(PROT_READ | PROT_WRITE)

/* The page mapped at addr in mm, or NULL. */
static struct page *page_at(struct mm_struct *mm, unsigned long addr)
{
	pte_t *pte = pte_lookup(mm->pgd, addr, NULL);

	return pte && pte_present(*pte) ? pte_page(*pte) : NULL;
}

static bool writable_at(struct mm_struct *mm, unsigned long addr)
{
	pte_t *pte = pte_lookup(mm->pgd, addr, NULL);

	return pte && pte_write(*pte);
}

SELFTEST(demand_zero_fault)
{
	struct mm_struct *mm = mm_alloc();
	u64 v = 0x1122334455667788ULL, r = 1;
	ST_ASSERT(mm);
	ST_ASSERT_EQ(do_mmap(mm, ADDR, 4 * PAGE_SIZE, RW, ANON | MAP_PRIVATE),
		     ADDR);
	ST_ASSERT(!page_at(mm, ADDR + PAGE_SIZE));

	switch_mm(mm);
	unsigned long free_before = nr_free_pages();
	unsigned long left = copy_to_user((void __user *)(ADDR + PAGE_SIZE + 8),
					  &v, sizeof(v));
	int err = get_user(r, (u64 __user *)(ADDR + 2 * PAGE_SIZE));
	unsigned long free_after = nr_free_pages();
	switch_mm(NULL);

	ST_ASSERT_EQ(left, 0);
	ST_ASSERT_EQ(err, 0);
	ST_ASSERT_EQ(r, 0);			/* a new page reads as zero */
	/* Exactly the two touched pages exist (the page-table pages the
	 * first fault also allocated are why free pages drop by >= 2). */
	ST_ASSERT(!page_at(mm, ADDR));
	ST_ASSERT(page_at(mm, ADDR + PAGE_SIZE));
	ST_ASSERT(page_at(mm, ADDR + 2 * PAGE_SIZE));
	ST_ASSERT(!page_at(mm, ADDR + 3 * PAGE_SIZE));
	ST_ASSERT(free_before - free_after >= 2);
	u64 *k = (u64 *)((char *)page_address(page_at(mm, ADDR + PAGE_SIZE)) + 8);
	ST_ASSERT(*k == v);
	ST_ASSERT_EQ(page_count(page_at(mm, ADDR + PAGE_SIZE)), 1);
	mmput(mm);
	return 0;
}

SELFTEST(fault_permissions)
{
	struct mm_struct *mm = mm_alloc();
	ST_ASSERT(mm);
	ST_ASSERT_EQ(do_mmap(mm, ADDR, PAGE_SIZE, PROT_READ,
			     ANON | MAP_PRIVATE), ADDR);
	ST_ASSERT_EQ(do_mmap(mm, ADDR + PAGE_SIZE, PAGE_SIZE, PROT_NONE,
			     ANON | MAP_PRIVATE), ADDR + PAGE_SIZE);
	const unsigned U = FAULT_FLAG_USER, W = FAULT_FLAG_WRITE;

	ST_ASSERT_EQ(handle_mm_fault(mm, ADDR - 1, U), VM_FAULT_SIGSEGV);
	ST_ASSERT_EQ(handle_mm_fault(mm, ADDR, U | W), VM_FAULT_SIGSEGV);
	ST_ASSERT_EQ(handle_mm_fault(mm, ADDR, U | FAULT_FLAG_INSTRUCTION),
		     VM_FAULT_SIGSEGV);
	ST_ASSERT_EQ(handle_mm_fault(mm, ADDR + PAGE_SIZE, U),
		     VM_FAULT_SIGSEGV);
	ST_ASSERT_EQ(handle_mm_fault(mm, TASK_SIZE, U), VM_FAULT_SIGSEGV);
	ST_ASSERT_EQ(handle_mm_fault(mm, ADDR + 5, U), 0);
	ST_ASSERT(page_at(mm, ADDR) && !writable_at(mm, ADDR));

	/* mprotect rewrites the PTE of a page already there. */
	ST_ASSERT_EQ(do_mprotect(mm, ADDR, PAGE_SIZE, RW), 0);
	ST_ASSERT(writable_at(mm, ADDR));
	ST_ASSERT_EQ(do_mprotect(mm, ADDR, PAGE_SIZE, PROT_NONE), 0);
	pte_t *pte = pte_lookup(mm->pgd, ADDR, NULL);
	ST_ASSERT(pte && !(*pte & PTE_PRESENT) && pte_present(*pte));
	ST_ASSERT_EQ(handle_mm_fault(mm, ADDR, U), VM_FAULT_SIGSEGV);
	mmput(mm);
	return 0;
}

SELFTEST(stack_grows_down)
{
	struct mm_struct *mm = mm_alloc();
	unsigned long top = 0x7f0000000000UL, P = PAGE_SIZE;
	ST_ASSERT(mm);
	ST_ASSERT_EQ(do_mmap(mm, top - 4 * P, 4 * P, RW,
			     ANON | MAP_PRIVATE | MAP_GROWSDOWN), top - 4 * P);
	ST_ASSERT_EQ(handle_mm_fault(mm, top - 10 * P + 8,
				     FAULT_FLAG_USER | FAULT_FLAG_WRITE), 0);
	ST_ASSERT_EQ(find_vma(mm, top - P)->vm_start, top - 10 * P);
	/* Not beyond the stack limit. */
	ST_ASSERT_EQ(handle_mm_fault(mm, top - STACK_RLIMIT - P,
				     FAULT_FLAG_USER), VM_FAULT_SIGSEGV);
	mmput(mm);
	return 0;
}

/* Write one byte at addr through mm (loaded for the occasion). */
static int poke(struct mm_struct *mm, unsigned long addr, u8 v)
{
	switch_mm(mm);
	int err = put_user(v, (u8 __user *)addr);
	switch_mm(NULL);
	return err;
}

static int peek(struct mm_struct *mm, unsigned long addr)
{
	u8 v;

	switch_mm(mm);
	int err = get_user(v, (u8 __user *)addr);
	switch_mm(NULL);
	return err ? err : v;
}

SELFTEST(cow_after_dup_mm)
{
	const unsigned long priv = ADDR, shared = ADDR + 0x100000;
	struct mm_struct *parent = mm_alloc();
	ST_ASSERT(parent);
	ST_ASSERT_EQ(do_mmap(parent, priv, PAGE_SIZE, RW, ANON | MAP_PRIVATE),
		     priv);
	ST_ASSERT_EQ(do_mmap(parent, shared, PAGE_SIZE, RW, ANON | MAP_SHARED),
		     shared);
	ST_ASSERT_EQ(poke(parent, priv, 'A'), 0);
	ST_ASSERT_EQ(poke(parent, shared, 'S'), 0);
	struct page *orig = page_at(parent, priv);

	struct mm_struct *child = dup_mm(parent);
	ST_ASSERT(child);
	ST_ASSERT_EQ(child->map_count, 2);
	/* Private: one page, two references, read-only in both. */
	ST_ASSERT(page_at(child, priv) == orig);
	ST_ASSERT_EQ(page_count(orig), 2);
	ST_ASSERT(!writable_at(parent, priv) && !writable_at(child, priv));
	/* Shared: one page, two references, still writable. */
	ST_ASSERT(page_at(child, shared) == page_at(parent, shared));
	ST_ASSERT_EQ(page_count(page_at(parent, shared)), 2);
	ST_ASSERT(writable_at(child, shared));

	/* The child writes: it gets a copy, the parent keeps its byte. */
	ST_ASSERT_EQ(poke(child, priv, 'B'), 0);
	ST_ASSERT(page_at(child, priv) != orig);
	ST_ASSERT_EQ(peek(parent, priv), 'A');
	ST_ASSERT_EQ(peek(child, priv), 'B');
	ST_ASSERT_EQ(page_count(orig), 1);
	ST_ASSERT_EQ(page_count(page_at(child, priv)), 1);
	/* The parent, now sole owner, writes in place: no copy. */
	ST_ASSERT_EQ(poke(parent, priv, 'C'), 0);
	ST_ASSERT(page_at(parent, priv) == orig);
	ST_ASSERT_EQ(peek(child, priv), 'B');
	/* Shared memory is shared both ways. */
	ST_ASSERT_EQ(poke(child, shared, 'T'), 0);
	ST_ASSERT_EQ(peek(parent, shared), 'T');

	mmput(child);
	ST_ASSERT_EQ(page_count(page_at(parent, shared)), 1);
	mmput(parent);
	return 0;
}

/* Build, fork, touch and tear down a few address spaces. */
static int churn(void)
{
	struct mm_struct *mm = mm_alloc();
	if (!mm)
		return -1;
	mm->start_brk = mm->brk = 0x1000000;
	do_mmap(mm, 0, 64 * PAGE_SIZE, RW, MAP_ANONYMOUS | MAP_PRIVATE);
	unsigned long a = do_mmap(mm, 0, 3 * PAGE_SIZE, RW,
				  MAP_ANONYMOUS | MAP_SHARED);
	do_brk(mm, 0x1000000 + 5 * PAGE_SIZE);
	for (unsigned long p = mm->mmap_base - 64 * PAGE_SIZE;
	     p < mm->mmap_base; p += 4 * PAGE_SIZE)
		handle_mm_fault(mm, p, FAULT_FLAG_WRITE);
	handle_mm_fault(mm, 0x1000000 + PAGE_SIZE, FAULT_FLAG_WRITE);
	struct mm_struct *child = dup_mm(mm);
	if (!child)
		return -1;
	handle_mm_fault(child, mm->mmap_base - PAGE_SIZE * 4, FAULT_FLAG_WRITE);
	handle_mm_fault(mm, mm->mmap_base - PAGE_SIZE * 8, FAULT_FLAG_WRITE);
	do_munmap(mm, a, PAGE_SIZE);
	do_mprotect(child, 0x1000000, PAGE_SIZE, PROT_READ);
	mmput(mm);
	mmput(child);
	return 0;
}

SELFTEST(mmput_frees_everything)
{
	/* The first round leaves the slab caches with a slab each. */
	ST_ASSERT_EQ(churn(), 0);
	unsigned long before = nr_free_pages();
	ST_ASSERT_EQ(churn(), 0);
	ST_ASSERT_EQ(churn(), 0);
	ST_ASSERT_EQ(nr_free_pages(), before);
	return 0;
}
