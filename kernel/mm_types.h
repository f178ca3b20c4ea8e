/*
 * mm_types.h - a user address space: struct mm_struct and its
 * struct vm_area_struct regions (Linux's include/linux/mm_types.h).
 *
 * The lower half of every address space, [0, TASK_SIZE), belongs to the
 * process.  What is allowed where is recorded in VMAs, one per run of
 * pages with the same permissions; the page tables only cache what the
 * VMAs allow and are filled lazily by the page-fault handler.  The upper
 * half (PML4 entries 256..511) is the kernel's, the same in every mm.
 *
 * LOCKING: threads share an mm (CLONE_VM), so two of them may work on
 * it at once: one in mmap() preempted half-way while another faults.
 * mm->mmap_lock, a sleeping reader/writer lock (kernel/rwsem.h) as
 * Linux's, guards the VMA list and the page tables:
 *   - for writing: every system call that changes the VMAs (mmap,
 *     munmap, mprotect, brk, mremap, madvise, mlock) and fork's copy;
 *   - for reading: page faults, the population of new or newly locked
 *     mappings (after mmap or mlock downgrade their hold), futex keys,
 *     /proc's readers.
 * Holders may sleep and are preempted, so the long loops under it (a
 * populate of gigabytes, a munmap of a huge range, fork's copy) call
 * cond_resched(), and the ones a user asks for stop at a fatal signal.
 * Readers run side by side, so the page-table changes they make (a
 * fault filling a PTE, allocating a table, breaking COW, growing the
 * stack's vm_start) are serialized by mm->page_table_lock, a spinlock
 * taken inside mmap_lock around each fault (Linux's is per page table;
 * one per mm is enough here).  Nothing sleeps under it; it is taken with
 * interrupts on, so a CPU waiting for it still answers the holder's TLB
 * shootdown IPI.
 *   Nothing may copy to or from user memory with mmap_lock held: the
 * copy's fault would take it again (a deadlock for a writer; for a
 * reader, as soon as a writer queues in between).  might_fault() checks
 * it with the validator on.  The kernel's own accesses to a user mm
 * under it go through access_remote_vm, not through faults.
 *   Order: mmap_lock, then page_table_lock or vfs_lock (a ramfs mmap
 * fills its pages).  Nothing may fault on user memory while holding
 * vfs_lock or any other lock taken under mmap_lock (ramfs copies page
 * by page with it dropped): the fault would take mmap_lock the other way
 * round.
 * mm_users is atomic: /proc and exiting threads drop references.
 */
#ifndef KERNEL_MM_TYPES_H
#define KERNEL_MM_TYPES_H

#include "kernel/types.h"
#include "kernel/list.h"
#include "kernel/spinlock.h"
#include "kernel/rwsem.h"

/*
 * The highest user address + 1, as Linux's TASK_SIZE: one page short of
 * the end of the lower canonical half, so that no instruction can run off
 * user space into the non-canonical hole (the SYSRET erratum).
 */
#define TASK_SIZE	0x00007ffffffff000UL
#define STACK_TOP	TASK_SIZE
/* Nothing is mapped below this, so NULL dereferences fault. */
#define MMAP_MIN_ADDR	0x10000UL
/* Room kept between mmap_base and the stack top for the stack to grow. */
#define MMAP_MIN_GAP	(128UL << 20)
/* How far a VM_GROWSDOWN stack may grow (Linux's default RLIMIT_STACK). */
#define STACK_RLIMIT	(8UL << 20)

/* vm_area_struct->vm_flags (Linux's values) */
#define VM_NONE		0x00000000UL
#define VM_READ		0x00000001UL
#define VM_WRITE	0x00000002UL
#define VM_EXEC		0x00000004UL
#define VM_SHARED	0x00000008UL
#define VM_MAYWRITE	0x00000020UL	/* a shared file mapping that may be
					 * made writable: the file is open
					 * for writing, no seal forbids it */
#define VM_GROWSDOWN	0x00000100UL
#define VM_LOCKED	0x00002000UL	/* mlock: kept resident (mlock.c) */
#define VM_LOCKONFAULT	0x00080000UL	/* ...pages locked as they come */
#define VM_LOCKED_MASK	(VM_LOCKED | VM_LOCKONFAULT)

struct mm_struct;
struct inode;

/* One run of pages [vm_start, vm_end) with the same permissions. */
struct vm_area_struct {
	unsigned long vm_start;		/* first address, page aligned */
	unsigned long vm_end;		/* first address after, page aligned */
	unsigned long vm_flags;		/* VM_* */
	struct mm_struct *vm_mm;	/* the address space it belongs to */
	struct list_head vm_list;	/* on mm->mmap, sorted by address */
	unsigned long vm_pgoff;		/* file mappings: offset in pages of
					 * vm_start (the pages are filled at
					 * mmap time) */
	struct inode *vm_inode;		/* file mappings: the file (a
					 * reference), for /proc/<pid>/maps
					 * and seals; Linux's vm_file, an
					 * inode here because a file's last
					 * fput may sleep, and VMAs were freed
					 * under a spinlock when mmap_lock was
					 * one */
};

struct mm_struct {
	u64 *pgd;			/* the PML4 (a direct-map address) */
	struct list_head mmap;		/* VMAs, sorted, never overlapping */
	int map_count;			/* number of VMAs */
	int mm_users;			/* references (atomic); the last
					 * mmput() frees */
	struct rw_semaphore mmap_lock;	/* see LOCKING above */
	spinlock_t page_table_lock;	/* faults' PTE changes (LOCKING) */
	unsigned long rss;		/* pages mapped (Linux's rss_stat):
					 * kept by kernel/memory.c as PTEs
					 * come and go */
	unsigned long mmap_base;	/* top-down mmap search starts here */
	unsigned long locked_vm;	/* pages in VM_LOCKED VMAs (VmLck) */
	unsigned long hiwater_vm;	/* most pages mapped, as last seen
					 * before an unmap (VmPeak) */
	unsigned long hiwater_rss;	/* most pages resident, as last seen
					 * before a zap (VmHWM) */
	unsigned long def_flags;	/* VM_LOCKED* for new VMAs:
					 * mlockall(MCL_FUTURE) */
	unsigned long start_code, end_code, start_data, end_data;
	unsigned long start_brk, brk;	/* the heap: [start_brk, brk) */
	unsigned long start_stack;	/* initial stack pointer */
	unsigned long arg_start, arg_end, env_start, env_end;
	struct inode *exe_file;		/* the program exec'd (a reference):
					 * /proc/<pid>/exe */
	int dumpable;			/* prctl(PR_SET_DUMPABLE): 1 after
					 * exec, copied at fork */
};

#endif
