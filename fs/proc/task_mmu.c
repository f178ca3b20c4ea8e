/*
 * task_mmu.c - /proc/<pid>/maps: a process's mappings, one line per VMA,
 * in Linux's layout (its fs/proc/task_mmu.c, show_map_vma), which
 * debuggers, sanitizers, Go's and Java's runtimes and `pmap` parse:
 *
 *   start-end perms offset major:minor inode [name]
 *
 * perms are r, w, x and s (shared) or p (private); a file mapping
 * shows its offset in the file, its device as stat(2) gives it and its
 * inode, and its path (ramfs's path of the inode; a file with no name
 * left is "anon_inode:[<ino>] (deleted)", as /proc/<pid>/exe says,
 * since no old name is kept).  Anonymous memory has offset 0, device
 * 00:00, inode 0, and the names Linux gives: [heap] for the VMA around
 * the break, [stack] for the one holding the initial stack pointer.
 * The name starts in column 74 (the prefix padded to 73), and a line
 * without one ends in the space after the inode, as in Linux.  There is
 * no [vdso] or [vvar]: the kernel has no vDSO (system calls all).
 *
 * Context: process context with preemption off (internal.h); the VMA
 * list is read under the mm's mmap_lock, paths under vfs_lock (which
 * nests inside it, mm_types.h).
 */
#include "kernel/kernel.h"
#include "kernel/mm.h"
#include "kernel/sched.h"
#include "fs/fs.h"
#include "fs/proc/internal.h"

#define MAPS_NAME_MAX	256	/* room for a path in one line */

/* stat's st_dev for an inode (fs/stat.c), as major and minor. */
static void inode_dev(const struct inode *inode, unsigned int *major,
		      unsigned int *minor)
{
	dev_t dev = !inode->i_sb ? MKDEV(0, 13) :
		    inode->i_sb == root_sb ? MKDEV(0, 1) : MKDEV(0, 2);

	*major = dev >> 8;
	*minor = dev & 0xff;
}

/* The name column of vma, into buf ("" for none).  vfs_lock held. */
static const char *vma_name(struct mm_struct *mm, struct vm_area_struct *vma,
			    char *buf, size_t size)
{
	if (vma->vm_inode) {
		if (ramfs_path_of(vma->vm_inode, buf, size) == 0)
			return buf;
		if (vma->vm_inode->i_memfd_name)	/* fs/memfd.c */
			return vma->vm_inode->i_memfd_name;
		snprintf(buf, size, "anon_inode:[%lu] (deleted)",
			 vma->vm_inode->i_ino);
		return buf;
	}
	if (vma->vm_start <= mm->brk && vma->vm_end >= mm->start_brk)
		return "[heap]";
	if (vma->vm_start <= mm->start_stack && vma->vm_end >= mm->start_stack)
		return "[stack]";
	return "";
}

static void show_map_vma(struct seq_file *m, struct mm_struct *mm,
			 struct vm_area_struct *vma, char *buf)
{
	unsigned long f = vma->vm_flags;
	unsigned long long pgoff = 0;
	unsigned int major = 0, minor = 0;
	unsigned long ino = 0;

	if (vma->vm_inode) {
		pgoff = (unsigned long long)vma->vm_pgoff << PAGE_SHIFT;
		inode_dev(vma->vm_inode, &major, &minor);
		ino = vma->vm_inode->i_ino;
	}
	seq_setwidth(m, 25 + sizeof(void *) * 6 - 1);
	seq_printf(m, "%08lx-%08lx %c%c%c%c %08llx %02x:%02x %lu ",
		   vma->vm_start, vma->vm_end, f & VM_READ ? 'r' : '-',
		   f & VM_WRITE ? 'w' : '-', f & VM_EXEC ? 'x' : '-',
		   f & VM_SHARED ? 's' : 'p', pgoff, major, minor, ino);
	const char *name = vma_name(mm, vma, buf, MAPS_NAME_MAX);
	if (*name) {
		seq_pad(m, ' ');
		seq_puts(m, name);
	}
	seq_putc(m, '\n');
}

void proc_pid_maps(struct seq_file *m, struct task_struct *task)
{
	struct mm_struct *mm = task->mm;
	struct vm_area_struct *vma;
	char *buf;

	if (!mm || task->worker_private)
		return;			/* a kernel thread: empty, as Linux */
	buf = kmalloc(MAPS_NAME_MAX, GFP_KERNEL);	/* never sleeps here */
	if (!buf)
		return;
	mmap_read_lock(mm);
	vfs_lock();
	list_for_each_entry(vma, &mm->mmap, vm_list)
		show_map_vma(m, mm, vma, buf);
	vfs_unlock();
	mmap_read_unlock(mm);
	kfree(buf);
}
