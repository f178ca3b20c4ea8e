/*
 * mm.h - physical pages: struct page and the buddy page allocator
 * (kernel/page_alloc.c), plus the slab caches and kmalloc (kernel/slab.c).
 *
 * Every page frame of RAM has a struct page in mem_map[], indexed by its
 * page frame number (pfn = physical address >> 12).  Free pages are in the
 * buddy allocator; allocated ones may belong to a slab or be mapped into
 * user address spaces.
 *
 * An allocated block has a reference count in its first page (_refcount,
 * 1 when alloc_pages returns it).  Whoever shares the page takes a
 * reference with get_page() and drops it with put_page(); the last
 * put_page() frees the block.  Copy-on-write relies on it: after fork a
 * private page is mapped by two address spaces with a count of 2, and a
 * write fault that finds a count of 1 knows nobody else sees the page.
 */
#ifndef KERNEL_MM_H
#define KERNEL_MM_H

#include "kernel/kernel.h"
#include "kernel/list.h"
#include "kernel/mm_types.h"
#include "kernel/atomic.h"
#include "arch/x86_64/page.h"

/* page->flags */
#define PG_reserved	(1UL << 0)	/* not managed: firmware, kernel image */
#define PG_buddy	(1UL << 1)	/* first page of a free block */
#define PG_slab		(1UL << 2)	/* part of a slab (slab_cache is set) */
#define PG_head		(1UL << 3)	/* first page of an allocated block */

struct kmem_cache;

struct page {
	unsigned long flags;
	struct list_head lru;		/* free list, or the cache's slab list */
	unsigned int order;		/* block size is 2^order pages */
	unsigned int inuse;		/* slab: objects handed out */
	struct kmem_cache *slab_cache;	/* slab: the owning cache */
	void *freelist;			/* slab: first free object */
	struct page *head;		/* slab: its first page */
	atomic_t _refcount;		/* users of an allocated block; 0 = free */
};

#define MAX_ORDER	11		/* blocks of 2^0 .. 2^10 pages (4 MiB) */

/* Allocation flags.  There is no reclaim, so only zeroing matters; the
 * names are Linux's so calls read the same. */
typedef unsigned int gfp_t;
#define __GFP_ZERO	0x1u
#define GFP_KERNEL	0x0u
#define GFP_ATOMIC	0x0u		/* safe in interrupt context: we never sleep */

extern struct page *mem_map;
extern unsigned long max_pfn;

static inline unsigned long page_to_pfn(const struct page *page)
{
	return page - mem_map;
}

static inline struct page *pfn_to_page(unsigned long pfn)
{
	return &mem_map[pfn];
}

static inline void *page_address(const struct page *page)
{
	return phys_to_virt(PFN_PHYS(page_to_pfn(page)));
}

static inline struct page *virt_to_page(const void *addr)
{
	return pfn_to_page(PFN_DOWN(virt_to_phys(addr)));
}

/* Context: any (interrupts may be on or off); never sleeps. */
struct page *alloc_pages(gfp_t gfp, unsigned order);
void __free_pages(struct page *page, unsigned order);
unsigned long __get_free_pages(gfp_t gfp, unsigned order);
unsigned long get_zeroed_page(gfp_t gfp);
void free_pages(unsigned long addr, unsigned order);
#define alloc_page(gfp)		alloc_pages(gfp, 0)
#define __get_free_page(gfp)	__get_free_pages(gfp, 0)
#define free_page(addr)		free_pages(addr, 0)

/* Reference counting of an allocated block (its first page), as Linux's
 * page_ref.h.  Atomic (kernel/atomic.h says why): tasks that share a page
 * (after fork, through MAP_SHARED, as threads) take and drop references
 * concurrently, and any of them can be preempted in the middle. */
static inline int page_count(const struct page *page)
{
	return atomic_read(&page->_refcount);
}

static inline void set_page_count(struct page *page, int v)
{
	atomic_set(&page->_refcount, v);
}

static inline void get_page(struct page *page)
{
	BUG_ON(atomic_add_return(1, &page->_refcount) <= 1);
}

/* Drop one reference; whether it was the last. */
static inline bool put_page_testzero(struct page *page)
{
	int left = atomic_sub_return(1, &page->_refcount);

	BUG_ON(left < 0);
	return left == 0;
}

/* Drop a reference; the last one frees the block. */
void put_page(struct page *page);

unsigned long nr_free_pages(void);
unsigned long totalram_pages(void);

/* Boot: hand every usable page memblock did not reserve to the buddy
 * allocator. */
void mem_init(void);

/* --- slab caches (kernel/slab.c) --- */
/* kmem_cache_create flags: the debugging a cache does (Linux's values;
 * the boot option slub_debug turns them on for every cache). */
#define SLAB_CONSISTENCY_CHECKS	0x00000100UL	/* F: pointers, free list */
#define SLAB_RED_ZONE		0x00000400UL	/* Z: red zones around objects */
#define SLAB_POISON		0x00000800UL	/* P: poison in free objects */
#define SLAB_STORE_USER		0x00010000UL	/* U: who allocated, who freed */
struct kmem_cache *kmem_cache_create(const char *name, size_t size,
				     size_t align, unsigned long flags,
				     void (*ctor)(void *));
void kmem_cache_destroy(struct kmem_cache *cache);
void *kmem_cache_alloc(struct kmem_cache *cache, gfp_t gfp);
void *kmem_cache_zalloc(struct kmem_cache *cache, gfp_t gfp);
void kmem_cache_free(struct kmem_cache *cache, void *obj);
/* Objects currently allocated from cache. */
unsigned long kmem_cache_active(const struct kmem_cache *cache);
unsigned long slab_pages(void);
/* The text of /proc/slabinfo (Linux's layout, version 2.1). */
struct seq_file;
void slab_show(struct seq_file *m);
/* The text of /proc/slab_allocators: every cache's objects in use by
 * where they were allocated (kernel/slub_debug.c; needs slub_debug's U). */
void slab_allocators_show(struct seq_file *m);

void *kmalloc(size_t size, gfp_t gfp);
void *kzalloc(size_t size, gfp_t gfp);
void *kcalloc(size_t n, size_t size, gfp_t gfp);
void *krealloc(void *p, size_t new_size, gfp_t gfp);
void kfree(const void *p);
size_t ksize(const void *p);

void kmem_cache_init(void);

/* --- user address spaces (kernel/mm_struct.c, mmap.c, mprotect.c,
 *     memory.c); see mm_types.h --- */

#define PAGE_ALIGN(x)	ALIGN_UP(x, PAGE_SIZE)

/* A new, empty address space with mm_users = 1; NULL if out of memory. */
struct mm_struct *mm_alloc(void);
/* Take and drop references; the last mmput() tears everything down. */
void mmget(struct mm_struct *mm);
void mmput(struct mm_struct *mm);
/* p's mm with a reference (NULL for a kernel thread or a task past
 * exit_mm).  Process context. */
struct task_struct;
struct mm_struct *get_task_mm(struct task_struct *p);

/* mm->mmap_lock (mm_types.h: LOCKING), behind Linux's names. */
static inline void mmap_write_lock(struct mm_struct *mm)
{
	down_write(&mm->mmap_lock);
}

static inline int mmap_write_trylock(struct mm_struct *mm)
{
	return down_write_trylock(&mm->mmap_lock);
}

static inline void mmap_write_unlock(struct mm_struct *mm)
{
	up_write(&mm->mmap_lock);
}

/* Keep it, for reading: the pages of a new mapping are faulted in with
 * faults and /proc let in, and no other writer in between. */
static inline void mmap_write_downgrade(struct mm_struct *mm)
{
	downgrade_write(&mm->mmap_lock);
}

static inline void mmap_read_lock(struct mm_struct *mm)
{
	down_read(&mm->mmap_lock);
}

static inline int mmap_read_trylock(struct mm_struct *mm)
{
	return down_read_trylock(&mm->mmap_lock);
}

static inline void mmap_read_unlock(struct mm_struct *mm)
{
	up_read(&mm->mmap_lock);
}

static inline void mmap_assert_locked(struct mm_struct *mm)
{
	lockdep_assert_held(&mm->mmap_lock);
}

/* mmap_lock, initialized (mm_alloc, and the copy dup_mm makes). */
static inline void mmap_init_lock(struct mm_struct *mm)
{
	init_rwsem(&mm->mmap_lock);
	spin_lock_init(&mm->page_table_lock);
}

/* do_mmap and do_munmap with the lock taken (Linux's vm_mmap and
 * vm_munmap), for the kernel's own mappings (sendfile, exec). */
unsigned long vm_mmap(struct mm_struct *mm, unsigned long addr,
		      unsigned long len, unsigned long prot,
		      unsigned long flags);
int vm_munmap(struct mm_struct *mm, unsigned long start, unsigned long len);
/* fork's copy: same VMAs, private pages shared copy-on-write. */
struct mm_struct *dup_mm(struct mm_struct *oldmm);

/* VMAs come from a slab cache; vma_link() inserts one in address order
 * into a free range. */
struct vm_area_struct *vm_area_alloc(struct mm_struct *mm);
void vm_area_free(struct vm_area_struct *vma);
/* A copy of vma's fields (not its place in a list), with its own
 * reference to the file; NULL if out of memory. */
struct vm_area_struct *vm_area_dup(struct vm_area_struct *vma);
/* Change vma's flags, keeping its file's count of writable shared
 * mappings (memfd seals) right. */
void vma_set_flags(struct vm_area_struct *vma, unsigned long vm_flags);
/* Make [start, end), inside one VMA, a mapping of inode at page pgoff
 * (the ELF loader's segments, filled by copying); 0 or -ENOMEM. */
int vma_set_file(struct mm_struct *mm, unsigned long start, unsigned long end,
		 struct inode *inode, unsigned long pgoff);
void vma_link(struct mm_struct *mm, struct vm_area_struct *vma);

/* The first VMA that ends above addr (it may start above addr too). */
struct vm_area_struct *find_vma(struct mm_struct *mm, unsigned long addr);
/* The first VMA overlapping [start, end), or NULL. */
struct vm_area_struct *find_vma_intersection(struct mm_struct *mm,
					     unsigned long start,
					     unsigned long end);
/* Cut vma in two at addr; the new VMA is the part above addr. */
int split_vma(struct mm_struct *mm, struct vm_area_struct *vma,
	      unsigned long addr);
/* Cut vma so that [start, end) inside it is a VMA of its own; that VMA,
 * or NULL without memory. */
struct vm_area_struct *vma_modify(struct mm_struct *mm,
				  struct vm_area_struct *vma,
				  unsigned long start, unsigned long end);
/* Merge vma with equal-flagged neighbours that touch it; returns the
 * VMA that now covers vma's range. */
struct vm_area_struct *vma_merge(struct mm_struct *mm,
				 struct vm_area_struct *vma);

/* Where a mapping of len bytes would go (see mmap.c); -errno if none. */
unsigned long get_unmapped_area(struct mm_struct *mm, unsigned long addr,
				unsigned long len, unsigned long flags);
/* Anonymous mmap(2): returns the address, or -errno as unsigned long. */
unsigned long do_mmap(struct mm_struct *mm, unsigned long addr,
		      unsigned long len, unsigned long prot,
		      unsigned long flags);
/* mmap(2) of a file: pgoff is the offset in pages (the system call
 * checks the byte offset is page aligned).  Checks the file's open mode
 * as Linux does, then lets file->f_op->mmap fill the VMA. */
struct file;
unsigned long do_mmap_file(struct mm_struct *mm, struct file *file,
			   unsigned long addr, unsigned long len,
			   unsigned long prot, unsigned long flags,
			   unsigned long pgoff);
int do_munmap(struct mm_struct *mm, unsigned long start, unsigned long len);
int do_mprotect(struct mm_struct *mm, unsigned long start, unsigned long len,
		unsigned long prot);
/* The body of brk(2): move the break, return the new (or unchanged) one. */
unsigned long do_brk(struct mm_struct *mm, unsigned long brk);
/* Grow a VM_GROWSDOWN vma down to cover addr; 0 or -errno. */
int expand_stack(struct vm_area_struct *vma, unsigned long addr);
/* A new VM_LOCKED mapping of len bytes is within RLIMIT_MEMLOCK
 * (kernel/mlock.c). */
bool mlock_future_ok(struct mm_struct *mm, unsigned long flags,
		     unsigned long len);
/* Unmap everything (the last mmput()). */
void exit_mmap(struct mm_struct *mm);

/* Page faults: flags say what the access was, the result what went wrong
 * (0: handled, the access can be retried). */
typedef unsigned int vm_fault_t;
#define FAULT_FLAG_WRITE	0x01
#define FAULT_FLAG_USER		0x02	/* the access came from user mode */
#define FAULT_FLAG_INSTRUCTION	0x04
/* The kernel writes on behalf of the mm (ELF loader, one day ptrace):
 * allowed in a private VMA without VM_WRITE, on a private copy. */
#define FAULT_FLAG_FORCE	0x08
#define VM_FAULT_OOM		0x0001
#define VM_FAULT_SIGBUS		0x0002
#define VM_FAULT_SIGSEGV	0x0040
/* mmap_lock held (reading is enough); takes page_table_lock. */
vm_fault_t handle_mm_fault(struct mm_struct *mm, unsigned long addr,
			   unsigned int flags);
/* handle_mm_fault for each page of [start, end) (MADV_POPULATE_*,
 * mlock, a grown locked mapping), yielding as it goes: 0, -ENOMEM,
 * -EFAULT (a page the flags do not allow) or -EINTR (a fatal signal,
 * so a killed process does not first fill gigabytes). */
int faultin_page_range(struct mm_struct *mm, unsigned long start,
		       unsigned long end, unsigned int flags);

/* Clear the PTEs of [start, end) and put their pages. */
void zap_page_range(struct mm_struct *mm, unsigned long start,
		    unsigned long end);
/* fork: make dst's page tables for vma map src's pages (COW). */
int copy_page_range(struct mm_struct *dst, struct mm_struct *src,
		    struct vm_area_struct *vma);
/* Rewrite the PTEs of vma after its vm_flags changed (mprotect). */
void change_protection(struct vm_area_struct *vma);
/* Map page at addr in vma (an f_op->mmap filling its VMA); the caller
 * has taken the reference the PTE will hold.  -EBUSY if already mapped. */
int vm_insert_page(struct vm_area_struct *vma, unsigned long addr,
		   struct page *page);
/* Give every page of vma a page now (shared anonymous memory,
 * MAP_POPULATE), or of [start, end) inside it: 0, -ENOMEM or -EINTR (a
 * fatal signal).  populate_vma fails at once if vma is larger than the
 * free memory. */
int populate_vma(struct vm_area_struct *vma);
int populate_vma_page_range(struct vm_area_struct *vma, unsigned long start,
			    unsigned long end);

/* Read or write another mm's memory through the direct map, faulting
 * pages in as needed; returns the bytes transferred. */
#define FOLL_WRITE	0x01
#define FOLL_FORCE	0x10
int access_remote_vm(struct mm_struct *mm, unsigned long addr, void *buf,
		     int len, unsigned int gup_flags);
/* The pages of mm present in memory: /proc's VmRSS and rss, the OOM
 * killer's anon-rss (mm->rss, kept up to date by kernel/memory.c). */
unsigned long get_mm_rss(struct mm_struct *mm);

#endif
