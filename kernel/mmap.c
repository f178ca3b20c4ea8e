/*
 * mmap.c - the regions of an address space: VMAs, mmap, munmap, brk.
 *
 * mm->mmap is a list of VMAs sorted by address that never overlap.
 * Linux keeps the same list in a tree (now a maple tree) so that
 * find_vma() is O(log n); a process here has a few dozen VMAs, so a
 * plain walk is cheap and easier to read.
 *
 * Invariants: every VMA is page aligned and non-empty; neighbours that
 * touch and have equal flags are merged by the operations that could
 * create them (mmap, mprotect, brk), so the list stays short.
 *
 * Almost everything here is anonymous memory.  Private pages come from the
 * page-fault handler on first touch.  Shared anonymous pages are
 * allocated when mapped (populate_vma): after fork both mms must see the
 * same page, and a page that did not exist yet at fork time would
 * otherwise be faulted in separately by each.  (Linux backs them with a
 * shmem file instead.)  A file mapping (do_mmap_file) is filled by the
 * file's f_op->mmap when it is made: a private one with copies of the
 * file's pages (then it is anonymous memory like any other, copy-on-
 * write after fork), a shared one with the file's own pages.
 *
 * The system calls at the end (brk, mmap's generic part, munmap) work on
 * current->mm and add the argument checks Linux makes before the work.
 *
 * Context: process context.  LOCKING: the do_* functions want
 * mm->mmap_lock held (mm_types.h); the system calls and vm_mmap/
 * vm_munmap take it.  Unmapping or remapping pages of an mm that other
 * threads share flushes the TLB of every CPU that has the mm loaded
 * (flush_tlb_page and flush_tlb_mm shoot down the others, mmu_context.c).
 */
#include "kernel/kernel.h"
#include "kernel/mm.h"
#include "kernel/mman.h"
#include "kernel/errno.h"
#include "kernel/sched.h"
#include "kernel/resource.h"
#include "kernel/syscalls.h"
#include "kernel/cred.h"
#include "fs/fs.h"

/* How close a growing stack may come to the VMA below it (Linux's
 * stack_guard_gap), so a runaway stack faults instead of silently
 * running into the heap. */
#define STACK_GUARD_GAP	(256UL << PAGE_SHIFT)

static struct kmem_cache *vm_area_cachep;

struct vm_area_struct *vm_area_alloc(struct mm_struct *mm)
{
	if (!vm_area_cachep)
		vm_area_cachep = kmem_cache_create("vm_area_struct",
				sizeof(struct vm_area_struct), 0, 0, NULL);
	struct vm_area_struct *vma = kmem_cache_zalloc(vm_area_cachep,
						       GFP_KERNEL);
	if (vma) {
		vma->vm_mm = mm;
		INIT_LIST_HEAD(&vma->vm_list);
	}
	return vma;
}

/* A VMA that counts in its file's i_mmap_writable (memfd seals): a
 * shared mapping that is or may become writable, as Linux's
 * is_shared_maywrite. */
static bool vma_writable_shared(const struct vm_area_struct *vma)
{
	return vma->vm_inode && (vma->vm_flags & VM_SHARED) &&
	       (vma->vm_flags & (VM_WRITE | VM_MAYWRITE));
}

void vm_area_free(struct vm_area_struct *vma)
{
	if (vma->vm_inode) {
		vfs_lock();		/* vfs_lock nests in mmap_lock */
		if (vma_writable_shared(vma))
			vma->vm_inode->i_mmap_writable--;
		iput_locked(vma->vm_inode);
		vfs_unlock();
	}
	kmem_cache_free(vm_area_cachep, vma);
}

/* vma (new, or just given vm_inode) takes its reference to the file. */
static void vma_hold_file(struct vm_area_struct *vma)
{
	if (vma->vm_inode) {
		vfs_lock();
		ihold(vma->vm_inode);
		if (vma_writable_shared(vma))
			vma->vm_inode->i_mmap_writable++;
		vfs_unlock();
	}
}

void vma_set_flags(struct vm_area_struct *vma, unsigned long vm_flags)
{
	if (!vma->vm_inode) {
		vma->vm_flags = vm_flags;
		return;
	}
	vfs_lock();
	vma->vm_inode->i_mmap_writable -= vma_writable_shared(vma);
	vma->vm_flags = vm_flags;
	vma->vm_inode->i_mmap_writable += vma_writable_shared(vma);
	vfs_unlock();
}

struct vm_area_struct *vm_area_dup(struct vm_area_struct *vma)
{
	struct vm_area_struct *new = vm_area_alloc(vma->vm_mm);

	if (!new)
		return NULL;
	new->vm_start = vma->vm_start;
	new->vm_end = vma->vm_end;
	new->vm_flags = vma->vm_flags;
	new->vm_pgoff = vma->vm_pgoff;
	new->vm_inode = vma->vm_inode;
	vma_hold_file(new);
	return new;
}

static struct vm_area_struct *vma_next(struct mm_struct *mm,
				       struct vm_area_struct *vma)
{
	if (vma->vm_list.next == &mm->mmap)
		return NULL;
	return list_next_entry(vma, vm_list);
}

static struct vm_area_struct *vma_prev(struct mm_struct *mm,
				       struct vm_area_struct *vma)
{
	if (vma->vm_list.prev == &mm->mmap)
		return NULL;
	return list_entry(vma->vm_list.prev, struct vm_area_struct, vm_list);
}

struct vm_area_struct *find_vma(struct mm_struct *mm, unsigned long addr)
{
	struct vm_area_struct *vma;

	list_for_each_entry(vma, &mm->mmap, vm_list)
		if (vma->vm_end > addr)
			return vma;
	return NULL;
}

struct vm_area_struct *find_vma_intersection(struct mm_struct *mm,
					     unsigned long start,
					     unsigned long end)
{
	struct vm_area_struct *vma = find_vma(mm, start);

	return vma && vma->vm_start < end ? vma : NULL;
}

/* Insert vma in address order.  Its range must be free. */
void vma_link(struct mm_struct *mm, struct vm_area_struct *vma)
{
	struct vm_area_struct *next = find_vma(mm, vma->vm_start);

	BUG_ON(next && next->vm_start < vma->vm_end);
	list_add_tail(&vma->vm_list, next ? &next->vm_list : &mm->mmap);
	mm->map_count++;
}

static void vma_unlink(struct mm_struct *mm, struct vm_area_struct *vma)
{
	list_del(&vma->vm_list);
	mm->map_count--;
}

int split_vma(struct mm_struct *mm, struct vm_area_struct *vma,
	      unsigned long addr)
{
	BUG_ON(addr <= vma->vm_start || addr >= vma->vm_end ||
	       (addr & ~PAGE_MASK));
	struct vm_area_struct *new = vm_area_dup(vma);
	if (!new)
		return -ENOMEM;
	new->vm_start = addr;
	new->vm_pgoff = vma->vm_pgoff + ((addr - vma->vm_start) >> PAGE_SHIFT);
	vma->vm_end = addr;
	list_add(&new->vm_list, &vma->vm_list);
	mm->map_count++;
	return 0;
}

/* Cut vma so that [start, end), a range inside it, is a VMA of its own
 * (what Linux's vma_modify does before it merges); that VMA, or NULL if
 * a split found no memory.  mmap_lock held for writing. */
struct vm_area_struct *vma_modify(struct mm_struct *mm,
				  struct vm_area_struct *vma,
				  unsigned long start, unsigned long end)
{
	if (vma->vm_start < start) {
		if (split_vma(mm, vma, start))
			return NULL;
		vma = vma_next(mm, vma);
	}
	if (vma->vm_end > end && split_vma(mm, vma, end))
		return NULL;
	return vma;
}

/* Neighbours merge when their flags agree and, for a file, the pages
 * continue each other in it; anonymous ones have no offset to agree on. */
static bool can_merge(struct vm_area_struct *a, struct vm_area_struct *b)
{
	if (!a || !b || a->vm_end != b->vm_start || a->vm_flags != b->vm_flags ||
	    a->vm_inode != b->vm_inode)
		return false;
	return !a->vm_inode || a->vm_pgoff +
		((a->vm_end - a->vm_start) >> PAGE_SHIFT) == b->vm_pgoff;
}

struct vm_area_struct *vma_merge(struct mm_struct *mm,
				 struct vm_area_struct *vma)
{
	struct vm_area_struct *prev = vma_prev(mm, vma);
	struct vm_area_struct *next = vma_next(mm, vma);

	if (can_merge(vma, next)) {
		vma->vm_end = next->vm_end;
		vma_unlink(mm, next);
		vm_area_free(next);
	}
	if (can_merge(prev, vma)) {
		prev->vm_end = vma->vm_end;
		vma_unlink(mm, vma);
		vm_area_free(vma);
		vma = prev;
	}
	return vma;
}

/* Highest gap of len bytes below mm->mmap_base (Linux's top-down
 * layout: mmaps grow down towards the heap, which grows up). */
static unsigned long unmapped_area_topdown(struct mm_struct *mm,
					   unsigned long len)
{
	unsigned long end = mm->mmap_base;
	struct vm_area_struct *vma;

	for (struct list_head *p = mm->mmap.prev; p != &mm->mmap; p = p->prev) {
		vma = list_entry(p, struct vm_area_struct, vm_list);
		if (vma->vm_start >= end)
			continue;		/* wholly above the window */
		if (vma->vm_end <= end && end - vma->vm_end >= len)
			return end - len;
		end = vma->vm_start;
	}
	if (end >= MMAP_MIN_ADDR + len)
		return end - len;
	return -ENOMEM;
}

unsigned long get_unmapped_area(struct mm_struct *mm, unsigned long addr,
				unsigned long len, unsigned long flags)
{
	if (len > TASK_SIZE - MMAP_MIN_ADDR)
		return -ENOMEM;
	if (flags & MAP_FIXED) {
		if (addr & ~PAGE_MASK)
			return -EINVAL;
		if (addr < MMAP_MIN_ADDR)
			return -EPERM;
		if (addr > TASK_SIZE - len)
			return -ENOMEM;
		return addr;
	}
	/* A hint is taken if the range there is free; otherwise ignored. */
	if (addr) {
		addr = PAGE_ALIGN(addr);
		if (addr >= MMAP_MIN_ADDR && addr <= TASK_SIZE - len &&
		    !find_vma_intersection(mm, addr, addr + len))
			return addr;
	}
	return unmapped_area_topdown(mm, len);
}

static unsigned long calc_vm_flags(unsigned long prot, unsigned long flags)
{
	unsigned long vm_flags = 0;

	if (prot & PROT_READ)
		vm_flags |= VM_READ;
	if (prot & PROT_WRITE)
		vm_flags |= VM_WRITE;
	if (prot & PROT_EXEC)
		vm_flags |= VM_EXEC;
	if ((flags & MAP_TYPE) == MAP_SHARED)
		vm_flags |= VM_SHARED;
	if (flags & MAP_GROWSDOWN)
		vm_flags |= VM_GROWSDOWN;
	return vm_flags;
}

/*
 * Linux's overcommit heuristic (vm.overcommit_memory 0, OVERCOMMIT_GUESS,
 * __vm_enough_memory): memory a mapping promises need not be free, since
 * most of it is never touched, but one mapping may not promise more than
 * the machine has (there is no swap).  A larger one is refused with
 * ENOMEM at once; what is touched beyond memory meets the OOM killer.
 */
static int vm_enough_memory(unsigned long len)
{
	return (len >> PAGE_SHIFT) > totalram_pages() ? -ENOMEM : 0;
}

/* Which mappings promise memory (Linux's accountable_mapping and shmem
 * accounting): private writable ones and shared anonymous ones, unless
 * MAP_NORESERVE. */
static bool accountable(unsigned long vm_flags, unsigned long flags)
{
	return !(flags & MAP_NORESERVE) &&
	       ((vm_flags & VM_SHARED) || (vm_flags & VM_WRITE));
}

/* A new VMA [addr, addr + len) over a range known to be free. */
static struct vm_area_struct *mmap_region(struct mm_struct *mm,
					  unsigned long addr,
					  unsigned long len,
					  unsigned long vm_flags)
{
	struct vm_area_struct *vma = vm_area_alloc(mm);

	if (!vma)
		return NULL;
	vma->vm_start = addr;
	vma->vm_end = addr + len;
	vma->vm_flags = vm_flags;
	vma_link(mm, vma);
	if (vm_flags & VM_LOCKED)
		mm->locked_vm += len >> PAGE_SHIFT;
	return vma;
}

/* The part of mmap common to anonymous and file mappings: place the
 * VMA (replacing what MAP_FIXED covers) and link it. */
static unsigned long mmap_place(struct mm_struct *mm, unsigned long addr,
				unsigned long len, unsigned long prot,
				unsigned long flags, struct vm_area_struct **res)
{
	unsigned long type = flags & MAP_TYPE;

	if (type != MAP_SHARED && type != MAP_PRIVATE)
		return -EINVAL;
	if (!len)
		return -EINVAL;
	len = PAGE_ALIGN(len);
	if (!len)
		return -ENOMEM;		/* wrapped around */
	if (flags & MAP_FIXED_NOREPLACE)
		flags |= MAP_FIXED;
	/* MAP_LOCKED and mlockall(MCL_FUTURE) lock the new VMA (mlock.c). */
	unsigned long vm_flags = calc_vm_flags(prot, flags) | mm->def_flags;
	if (flags & MAP_LOCKED) {
		if (!rlimit(RLIMIT_MEMLOCK) && !capable(CAP_IPC_LOCK))
			return -EPERM;
		vm_flags |= VM_LOCKED;
	}
	if (!mlock_future_ok(mm, vm_flags, len))
		return -EAGAIN;
	addr = get_unmapped_area(mm, addr, len, flags);
	if (IS_ERR_VALUE(addr))
		return addr;
	if (flags & MAP_FIXED_NOREPLACE) {
		if (find_vma_intersection(mm, addr, addr + len))
			return -EEXIST;
	} else if (flags & MAP_FIXED) {
		/* MAP_FIXED replaces whatever was there. */
		int err = do_munmap(mm, addr, len);
		if (err)
			return err;
	}
	*res = mmap_region(mm, addr, len, vm_flags);
	return *res ? addr : (unsigned long)-ENOMEM;
}

/*
 * The work of do_mmap and vm_mmap.  A shared anonymous mapping gets its
 * pages here, with mmap_lock held for writing: they must all exist
 * before a fork can copy the VMA.  Other pages asked for (MAP_POPULATE,
 * MAP_LOCKED, mlockall(MCL_FUTURE)) are left to the caller, which may
 * fault them in with the lock downgraded: *populate says how many bytes
 * from the address returned, 0 for none.  A request larger than the
 * free memory fails here, at once.
 */
static unsigned long __do_mmap(struct mm_struct *mm, unsigned long addr,
			       unsigned long len, unsigned long prot,
			       unsigned long flags, unsigned long *populate)
{
	struct vm_area_struct *vma;

	*populate = 0;
	if (!(flags & MAP_ANONYMOUS))
		return -ENODEV;		/* files: do_mmap_file */
	if (accountable(calc_vm_flags(prot, flags), flags) &&
	    vm_enough_memory(PAGE_ALIGN(len)))
		return -ENOMEM;
	addr = mmap_place(mm, addr, len, prot, flags, &vma);
	if (IS_ERR_VALUE(addr))
		return addr;
	len = vma->vm_end - vma->vm_start;
	bool locked = (vma->vm_flags & VM_LOCKED_MASK) == VM_LOCKED;
	if (vma->vm_flags & VM_SHARED) {
		int err = populate_vma(vma);
		if (err) {
			do_munmap(mm, addr, len);
			return err == -EINTR ? -EINTR : -ENOMEM;
		}
	} else if ((flags & MAP_POPULATE) || locked) {
		if (len >> PAGE_SHIFT > nr_free_pages()) {
			do_munmap(mm, addr, len);
			return -ENOMEM;
		}
		*populate = len;
	}
	vma_merge(mm, vma);
	return addr;
}

/* [start, start + len) of a mapping just made, inside one VMA (merged
 * or not).  mmap_lock held; errors are ignored, as Linux's mm_populate
 * ignores them: the mapping stands, and a page that could not be had
 * now is faulted in (or not) at first touch. */
static void mm_populate_locked(struct mm_struct *mm, unsigned long start,
			       unsigned long len)
{
	struct vm_area_struct *vma = find_vma(mm, start);

	if (vma && vma->vm_start <= start)
		populate_vma_page_range(vma, start, MIN(start + len, vma->vm_end));
}

unsigned long do_mmap(struct mm_struct *mm, unsigned long addr,
		      unsigned long len, unsigned long prot,
		      unsigned long flags)
{
	unsigned long populate;

	addr = __do_mmap(mm, addr, len, prot, flags, &populate);
	if (populate)
		mm_populate_locked(mm, addr, populate);
	return addr;
}

unsigned long do_mmap_file(struct mm_struct *mm, struct file *file,
			   unsigned long addr, unsigned long len,
			   unsigned long prot, unsigned long flags,
			   unsigned long pgoff)
{
	struct vm_area_struct *vma;
	bool shared = (flags & MAP_TYPE) == MAP_SHARED;

	/* Linux's order (do_mmap): the offset, the file's modes, and only
	 * then whether the file can be mapped at all (a pipe's write end
	 * is EACCES, its read end ENODEV). */
	if (pgoff + (PAGE_ALIGN(len) >> PAGE_SHIFT) < pgoff)
		return -EOVERFLOW;
	/* Linux's file_mmap_ok: a regular file has no byte past the largest
	 * loff_t (MAX_LFS_FILESIZE), so no mapping may reach there; the
	 * file's mmap would see an offset wrapped negative. */
	const unsigned long max_lfs = ~0UL >> 1;
	if (file->f_inode && S_ISREG(file->f_inode->i_mode) &&
	    (len > max_lfs || pgoff > (max_lfs - len) >> PAGE_SHIFT))
		return -EOVERFLOW;
	if (shared && (prot & PROT_WRITE) &&
	    (!(file->f_mode & FMODE_WRITE) || (file->f_flags & O_APPEND)))
		return -EACCES;
	if (!(file->f_mode & FMODE_READ))
		return -EACCES;
	if (!file->f_op->mmap)
		return -ENODEV;
	/* A shared mapping may be made writable later (mprotect) if the
	 * file is open for writing and no memfd seal forbids it. */
	bool maywrite = false;
	if (shared) {
		vfs_lock();
		int sealed = memfd_mmap_allowed(file->f_inode);
		vfs_unlock();
		if (sealed && (prot & PROT_WRITE))
			return sealed;
		maywrite = !sealed && (file->f_mode & FMODE_WRITE) &&
			   !(file->f_flags & O_APPEND);
	}
	addr = mmap_place(mm, addr, len, prot, flags & ~MAP_ANONYMOUS, &vma);
	if (IS_ERR_VALUE(addr))
		return addr;
	if (maywrite)
		vma->vm_flags |= VM_MAYWRITE;
	vma->vm_pgoff = pgoff;
	vma->vm_inode = file->f_inode;
	vma_hold_file(vma);
	int err = file->f_op->mmap(file, vma);
	if (err) {
		do_munmap(mm, addr, vma->vm_end - vma->vm_start);
		return err;
	}
	vma_merge(mm, vma);
	return addr;
}

static void remove_vma(struct mm_struct *mm, struct vm_area_struct *vma)
{
	if (vma->vm_flags & VM_LOCKED)
		mm->locked_vm -= (vma->vm_end - vma->vm_start) >> PAGE_SHIFT;
	zap_page_range(mm, vma->vm_start, vma->vm_end);
	vma_unlink(mm, vma);
	vm_area_free(vma);
}

/* Before mappings go, remember how large the address space was: its
 * peak is VmPeak (Linux's update_hiwater_vm), VmSize can only have
 * grown since the last look. */
static void update_hiwater_vm(struct mm_struct *mm)
{
	struct vm_area_struct *vma;
	unsigned long total = 0;

	list_for_each_entry(vma, &mm->mmap, vm_list)
		total += (vma->vm_end - vma->vm_start) >> PAGE_SHIFT;
	if (total > mm->hiwater_vm)
		mm->hiwater_vm = total;
}

int do_munmap(struct mm_struct *mm, unsigned long start, unsigned long len)
{
	if ((start & ~PAGE_MASK) || start > TASK_SIZE || len > TASK_SIZE - start)
		return -EINVAL;
	len = PAGE_ALIGN(len);
	if (!len)
		return -EINVAL;
	unsigned long end = start + len;

	struct vm_area_struct *vma = find_vma(mm, start);
	if (!vma || vma->vm_start >= end)
		return 0;
	update_hiwater_vm(mm);
	/* Cut off the parts of the end VMAs that stay, then drop the rest. */
	if (vma->vm_start < start) {
		if (split_vma(mm, vma, start))
			return -ENOMEM;
		vma = vma_next(mm, vma);
	}
	while (vma && vma->vm_start < end) {
		if (vma->vm_end > end && split_vma(mm, vma, end))
			return -ENOMEM;
		struct vm_area_struct *next = vma_next(mm, vma);
		remove_vma(mm, vma);
		vma = next;
	}
	return 0;
}

/* The heap's part of brk: map [addr, addr + len) read/write. */
static int do_brk_flags(struct mm_struct *mm, unsigned long addr,
			unsigned long len)
{
	unsigned long vm_flags = VM_READ | VM_WRITE | mm->def_flags;

	if (vm_enough_memory(len))
		return -ENOMEM;
	if (!mlock_future_ok(mm, vm_flags, len))
		return -EAGAIN;
	struct vm_area_struct *vma = mmap_region(mm, addr, len, vm_flags);
	if (!vma)
		return -ENOMEM;
	/* Locked by mlockall(MCL_FUTURE): resident from the start. */
	if ((vm_flags & VM_LOCKED_MASK) == VM_LOCKED && populate_vma(vma)) {
		do_munmap(mm, addr, len);
		return -ENOMEM;
	}
	vma_merge(mm, vma);
	return 0;
}

/*
 * brk(2) returns the new break on success and the old one on failure
 * (musl's malloc checks which).  The break itself need not be page
 * aligned; the heap VMA ends at the page boundary above it.
 */
unsigned long do_brk(struct mm_struct *mm, unsigned long brk)
{
	if (brk < mm->start_brk || brk > TASK_SIZE)
		return mm->brk;
	unsigned long newbrk = PAGE_ALIGN(brk);
	unsigned long oldbrk = PAGE_ALIGN(mm->brk);

	if (newbrk < oldbrk) {
		if (do_munmap(mm, newbrk, oldbrk - newbrk))
			return mm->brk;
	} else if (newbrk > oldbrk) {
		/* Keep a page of gap to whatever lies above the heap. */
		if (find_vma_intersection(mm, oldbrk, newbrk + PAGE_SIZE))
			return mm->brk;
		if (do_brk_flags(mm, oldbrk, newbrk - oldbrk))
			return mm->brk;
	}
	mm->brk = brk;
	return brk;
}

int vma_set_file(struct mm_struct *mm, unsigned long start, unsigned long end,
		 struct inode *inode, unsigned long pgoff)
{
	struct vm_area_struct *vma = find_vma(mm, start);

	BUG_ON(!vma || vma->vm_start > start || vma->vm_end < end);
	vma = vma_modify(mm, vma, start, end);
	if (!vma)
		return -ENOMEM;
	if (vma->vm_inode)
		iput(vma->vm_inode);
	vma->vm_inode = inode;
	vma->vm_pgoff = pgoff;
	vma_hold_file(vma);
	return 0;
}

int expand_stack(struct vm_area_struct *vma, unsigned long addr)
{
	struct vm_area_struct *prev = vma_prev(vma->vm_mm, vma);

	addr = ALIGN_DOWN(addr, PAGE_SIZE);
	if (!(vma->vm_flags & VM_GROWSDOWN) || addr >= vma->vm_start)
		return -EFAULT;
	if (vma->vm_end - addr > STACK_RLIMIT || addr < MMAP_MIN_ADDR)
		return -ENOMEM;
	if (prev && addr < prev->vm_end + STACK_GUARD_GAP)
		return -ENOMEM;
	vma->vm_start = addr;
	return 0;
}

void exit_mmap(struct mm_struct *mm)
{
	while (!list_empty(&mm->mmap))
		remove_vma(mm, list_first_entry(&mm->mmap,
						struct vm_area_struct, vm_list));
}

/* --- the system calls: brk, mmap, munmap (on current->mm) --- */

/*
 * brk(2) never fails with an errno: it returns the new break, or the
 * old one if the break could not move (do_brk).  RLIMIT_DATA bounds the
 * heap plus the data segment, as in Linux (check_data_rlimit).
 */
long sys_brk(unsigned long brk)
{
	struct mm_struct *mm = current->mm;

	if (!mm)
		return 0;
	unsigned long limit = rlimit(RLIMIT_DATA);
	mmap_write_lock(mm);
	unsigned long ret = mm->brk;
	if (limit == RLIM_INFINITY || brk <= mm->start_brk ||
	    (brk - mm->start_brk) + (mm->end_data - mm->start_data) <= limit)
		ret = do_brk(mm, brk);
	mmap_write_unlock(mm);
	return ret;
}

/*
 * The checks of Linux's ksys_mmap_pgoff and do_mmap that do_mmap()
 * above leaves to its callers, in Linux's order, then do_mmap().
 * Returns the address or -errno.
 */
/* Linux's checks for a file mapping, in Linux's order: the descriptor,
 * the length, the mapping type (MAP_SHARED_VALIDATE refuses flags it
 * does not know with EOPNOTSUPP), then what the file allows. */
#define LEGACY_MAP_MASK		(MAP_SHARED | MAP_PRIVATE | MAP_FIXED | \
				 MAP_ANONYMOUS | MAP_DENYWRITE | \
				 MAP_EXECUTABLE | MAP_GROWSDOWN | MAP_LOCKED | \
				 MAP_NORESERVE | MAP_POPULATE | MAP_NONBLOCK | \
				 MAP_STACK | MAP_HUGETLB)

static long mmap_file_pgoff(struct mm_struct *mm, unsigned long addr,
			    unsigned long len, unsigned long prot,
			    unsigned long flags, unsigned long fd,
			    unsigned long pgoff)
{
	struct file *file = fget(fd);
	long r;

	if (!file)
		return -EBADF;
	if (mm)
		mmap_write_lock(mm);
	if (!mm || !len)
		r = !mm ? -ENOMEM : -EINVAL;
	else if (!PAGE_ALIGN(len))
		r = -ENOMEM;
	else if ((flags & MAP_TYPE) == MAP_SHARED_VALIDATE &&
		 (flags & ~(LEGACY_MAP_MASK | MAP_SHARED_VALIDATE | MAP_FIXED_NOREPLACE)))
		r = -EOPNOTSUPP;
	else if ((flags & MAP_TYPE) != MAP_SHARED &&
		 (flags & MAP_TYPE) != MAP_PRIVATE &&
		 (flags & MAP_TYPE) != MAP_SHARED_VALIDATE)
		r = -EINVAL;
	else
		r = (long)do_mmap_file(mm, file, addr, len, prot,
				       (flags & MAP_TYPE) == MAP_SHARED_VALIDATE ?
				       (flags & ~MAP_TYPE) | MAP_SHARED : flags,
				       pgoff);
	if (mm)
		mmap_write_unlock(mm);
	fput(file);
	return r;
}

long ksys_mmap_pgoff(unsigned long addr, unsigned long len,
		     unsigned long prot, unsigned long flags,
		     unsigned long fd, unsigned long pgoff)
{
	struct mm_struct *mm = current->mm;

	/* A file mapping: the file's ->mmap fills it (do_mmap_file). */
	if (!(flags & MAP_ANONYMOUS))
		return mmap_file_pgoff(mm, addr, len, prot, flags, fd, pgoff);
	/* Anonymous huge pages come from the reserved pool, which is empty
	 * (as on a Linux with vm.nr_hugepages = 0). */
	if (flags & MAP_HUGETLB)
		return -ENOMEM;
	if (!mm)
		return -ENOMEM;
	if (!len)
		return -EINVAL;
	if (!PAGE_ALIGN(len))
		return -ENOMEM;
	if (pgoff + (PAGE_ALIGN(len) >> PAGE_SHIFT) < pgoff)
		return -EOVERFLOW;
	/* Anonymous memory knows only SHARED and PRIVATE: Linux rejects
	 * MAP_SHARED_VALIDATE (3) here with EINVAL, not EOPNOTSUPP (checked
	 * on 6.18); the EOPNOTSUPP check of unknown flags is for files. */
	switch (flags & MAP_TYPE) {
	case MAP_SHARED:
		if (flags & MAP_GROWSDOWN)
			return -EINVAL;
		break;
	case MAP_PRIVATE:
		break;
	default:
		return -EINVAL;
	}
	/* MAP_STACK and other hints are accepted and change nothing;
	 * MAP_NORESERVE skips the overcommit check, MAP_LOCKED locks
	 * (do_mmap). */
	return (long)vm_mmap(mm, addr, len, prot, flags);
}

long sys_munmap(unsigned long addr, size_t len)
{
	if (!current->mm)
		return -EINVAL;
	return vm_munmap(current->mm, addr, len);
}

/* The pages a new mapping asks for are faulted in with mmap_lock
 * downgraded to reading (Linux drops it and takes it for reading, in
 * mm_populate): the mapping cannot change meanwhile, but the process's
 * other threads fault, /proc reads it, and the populate itself yields
 * and stops at a fatal signal. */
unsigned long vm_mmap(struct mm_struct *mm, unsigned long addr,
		      unsigned long len, unsigned long prot,
		      unsigned long flags)
{
	unsigned long populate;

	mmap_write_lock(mm);
	unsigned long ret = __do_mmap(mm, addr, len, prot, flags, &populate);
	if (!populate) {
		mmap_write_unlock(mm);
		return ret;
	}
	mmap_write_downgrade(mm);
	mm_populate_locked(mm, ret, populate);
	mmap_read_unlock(mm);
	return ret;
}

int vm_munmap(struct mm_struct *mm, unsigned long start, unsigned long len)
{
	mmap_write_lock(mm);
	int ret = do_munmap(mm, start, len);
	mmap_write_unlock(mm);
	return ret;
}
