/*
 * ramfs_file.c - the contents of regular ramfs files: read, write, seek,
 * truncate (Linux's mm/filemap.c and fs/ramfs/file-mmu.c for a filesystem
 * whose only copy of the data is in memory).
 *
 * A file's bytes live in whole pages, i_pages[n] holding bytes
 * [n * PAGE_SIZE, (n + 1) * PAGE_SIZE).  A slot that was never written is
 * NULL: a hole, which reads as zeros and costs nothing.  The pages are
 * ordinary refcounted pages, so a shared mapping (kernel/mmap.c) can map
 * them and keep them alive after a truncate.
 *
 * Context: process context.  The _kernel functions are called with
 * vfs_lock held; the f_op entry points take it themselves, a page at a
 * time, and never across a copy to or from user space.
 */
#include "kernel/kernel.h"
#include "kernel/errno.h"
#include "kernel/mm.h"
#include "kernel/mm_types.h"
#include "kernel/sched.h"
#include "fs/fs.h"
#include "arch/x86_64/uaccess.h"

/* Files may not grow past this (Linux: MAX_LFS_FILESIZE; ours is what
 * memory could ever hold). */
#define RAMFS_MAX_SIZE	(1LL << 40)

/* Make room for page index idx in i_pages. */
static int grow_page_array(struct inode *inode, unsigned long idx)
{
	if (idx < inode->i_npages)
		return 0;
	/* No page past the largest offset (Linux's MAX_LFS_FILESIZE): an
	 * index from a negative or wrapped offset (a hostile mmap offset)
	 * would make the doubling below wrap to 0 and spin for ever, with
	 * vfs_lock held. */
	if (idx > (~0UL >> 1) >> PAGE_SHIFT)
		return -EFBIG;
	unsigned long n = inode->i_npages ? inode->i_npages : 4;
	while (n <= idx)
		n *= 2;
	struct page **p = krealloc(inode->i_pages, n * sizeof(*p), GFP_KERNEL);
	if (!p)
		return -ENOMEM;
	memset(p + inode->i_npages, 0, (n - inode->i_npages) * sizeof(*p));
	inode->i_pages = p;
	inode->i_npages = n;
	return 0;
}

struct page *ramfs_get_page(struct inode *inode, loff_t pos)
{
	unsigned long idx = pos >> PAGE_SHIFT;

	if (grow_page_array(inode, idx))
		return NULL;
	if (!inode->i_pages[idx])
		inode->i_pages[idx] = alloc_page(GFP_KERNEL | __GFP_ZERO);
	return inode->i_pages[idx];
}

/* The page holding pos if it exists (NULL: a hole). */
static struct page *find_page(struct inode *inode, loff_t pos)
{
	unsigned long idx = pos >> PAGE_SHIFT;

	return idx < inode->i_npages ? inode->i_pages[idx] : NULL;
}

static const char zero_page_bytes[PAGE_SIZE] __attribute__((aligned(PAGE_SIZE)));

/* Copy out up to n bytes from pos, one page at a time, into a kernel
 * buffer (exec, the initramfs).  vfs_lock held.  Returns the bytes. */
static ssize_t do_read(struct inode *inode, void *buf, size_t n, loff_t pos)
{
	size_t done = 0;

	if (pos >= inode->i_size)
		return 0;
	n = MIN(n, (size_t)(inode->i_size - pos));
	while (done < n) {
		size_t off = (pos + done) & ~PAGE_MASK;
		size_t chunk = MIN(n - done, PAGE_SIZE - off);
		struct page *page = find_page(inode, pos + done);
		memcpy((char *)buf + done, page ? (char *)page_address(page) + off
					       : zero_page_bytes, chunk);
		done += chunk;
	}
	return done;
}

/* The same from a kernel buffer; vfs_lock held. */
static ssize_t do_write(struct inode *inode, const void *buf, size_t n,
			loff_t pos)
{
	size_t done = 0;

	if (pos >= RAMFS_MAX_SIZE)
		return n ? -EFBIG : 0;
	n = MIN(n, (size_t)(RAMFS_MAX_SIZE - pos));
	while (done < n) {
		size_t off = (pos + done) & ~PAGE_MASK;
		size_t chunk = MIN(n - done, PAGE_SIZE - off);
		struct page *page = ramfs_get_page(inode, pos + done);
		if (!page)
			return done ? (ssize_t)done : -ENOSPC;
		memcpy((char *)page_address(page) + off, (const char *)buf + done,
		       chunk);
		done += chunk;
	}
	if (pos + (loff_t)done > inode->i_size)
		inode->i_size = pos + done;
	if (done)
		inode_touch(inode, true);
	return done;
}

/*
 * read(2) on a file: a page at a time, each page pinned (get_page)
 * under vfs_lock and copied out after it is dropped.  vfs_lock is a
 * spinlock: a copy may fault, and a read of 2 GiB must not keep every
 * other task off the CPU meanwhile.  Between pages the read yields, and
 * stops at a fatal signal (Linux's filemap_read does both).  A page a
 * truncate removes meanwhile stays ours until put_page.
 */
static ssize_t read_user(struct inode *inode, char __user *buf, size_t n,
			 loff_t pos)
{
	size_t done = 0;

	while (done < n) {
		loff_t at = pos + done;
		vfs_lock();
		if (at >= inode->i_size) {
			vfs_unlock();
			break;
		}
		size_t off = at & ~PAGE_MASK;
		size_t chunk = MIN(MIN(n - done, PAGE_SIZE - off),
				   (size_t)(inode->i_size - at));
		struct page *page = find_page(inode, at);
		if (page)
			get_page(page);
		vfs_unlock();
		size_t left = copy_to_user(buf + done, page ?
					   (char *)page_address(page) + off :
					   zero_page_bytes, chunk);
		if (page)
			put_page(page);
		done += chunk - left;
		if (left)
			return done ? (ssize_t)done : -EFAULT;
		if (fatal_signal_pending(current))
			break;
		cond_resched();
	}
	return done;
}

/*
 * write(2): as read_user, page by page, under the inode's i_rwsem so
 * that two writes never interleave.  A truncate (which takes only
 * vfs_lock) may still come between two pages; a page it took away
 * ends the write there.  Returns the bytes written or -errno.
 */
static ssize_t write_user(struct inode *inode, const char __user *buf,
			  size_t n, loff_t pos)
{
	size_t done = 0;
	ssize_t err = 0;

	if (pos >= RAMFS_MAX_SIZE)
		return n ? -EFBIG : 0;
	n = MIN(n, (size_t)(RAMFS_MAX_SIZE - pos));
	while (done < n) {
		loff_t at = pos + done;
		size_t off = at & ~PAGE_MASK;
		size_t chunk = MIN(n - done, PAGE_SIZE - off);
		vfs_lock();
		struct page *page = ramfs_get_page(inode, at);
		if (page)
			get_page(page);
		vfs_unlock();
		if (!page) {
			err = -ENOSPC;
			break;
		}
		size_t left = copy_from_user((char *)page_address(page) + off,
					     buf + done, chunk);
		vfs_lock();
		bool ours = find_page(inode, at) == page;
		if (ours && left < chunk) {
			if (at + (loff_t)(chunk - left) > inode->i_size)
				inode->i_size = at + chunk - left;
			inode_touch(inode, true);
		}
		vfs_unlock();
		put_page(page);
		if (!ours)
			break;
		done += chunk - left;
		if (left) {
			err = -EFAULT;
			break;
		}
		if (fatal_signal_pending(current))
			break;
		cond_resched();
	}
	return done ? (ssize_t)done : err;
}

ssize_t ramfs_read_kernel(struct inode *inode, void *buf, size_t n, loff_t pos)
{
	return do_read(inode, buf, n, pos);
}

ssize_t ramfs_write_kernel(struct inode *inode, const void *buf, size_t n,
			   loff_t pos)
{
	return do_write(inode, buf, n, pos);
}

/*
 * Cut or extend the file to size.  Pages wholly past the end go; the
 * tail of the last partial page is zeroed so that a later extension
 * reads zeros there, as it must.
 */
int ramfs_setsize(struct inode *inode, loff_t size)
{
	if (size < 0)
		return -EINVAL;
	if (size > RAMFS_MAX_SIZE)
		return -EFBIG;
	unsigned long keep = (size + PAGE_SIZE - 1) >> PAGE_SHIFT;
	for (unsigned long i = keep; i < inode->i_npages; i++) {
		if (inode->i_pages[i])
			put_page(inode->i_pages[i]);
		inode->i_pages[i] = NULL;
	}
	struct page *last = size & ~PAGE_MASK ? find_page(inode, size) : NULL;
	if (last)
		memset((char *)page_address(last) + (size & ~PAGE_MASK), 0,
		       PAGE_SIZE - (size & ~PAGE_MASK));
	inode->i_size = size;
	inode_touch(inode, true);
	return 0;
}

static ssize_t ramfs_file_read(struct file *f, char __user *buf, size_t n,
			       loff_t *pos)
{
	ssize_t r = read_user(f->f_inode, buf, n, *pos);

	if (r > 0)
		*pos += r;
	return r;
}

/* O_APPEND writes at the end, even through pwrite (as Linux does). */
static ssize_t ramfs_file_write(struct file *f, const char __user *buf,
				size_t n, loff_t *pos)
{
	struct inode *inode = f->f_inode;

	mutex_lock(&inode->i_rwsem);
	vfs_lock();
	if (f->f_flags & O_APPEND)
		*pos = inode->i_size;
	/* A sealed memfd (fs/memfd.c); i_rwsem keeps the size still. */
	ssize_t r = memfd_write_allowed(inode, *pos, &n);
	vfs_unlock();
	if (!r)
		r = write_user(inode, buf, n, *pos);
	mutex_unlock(&inode->i_rwsem);
	if (r > 0)
		*pos += r;
	return r;
}

loff_t generic_file_llseek(struct file *f, loff_t offset, int whence)
{
	vfs_lock();
	loff_t size = f->f_inode->i_size;
	vfs_unlock();
	return generic_file_llseek_size(f, offset, whence, size);
}


/*
 * f_op->mmap: fill the whole VMA now.  A shared mapping maps the file's
 * own pages (allocating holes), so stores reach the file and other
 * mappings; a private one gets copies, made now, so later changes to the
 * file are not seen (Linux shares the pages until the first write: a
 * difference only visible to a program that maps privately and then
 * writes the file).  Pages wholly past the end of the file are left
 * unmapped; touching them gives zeros here where Linux sends SIGBUS.
 * vfs_lock is taken a page at a time: a mapping of a large sparse file
 * fills gigabytes, and must yield, and stop at a fatal signal (-EINTR).
 */
static int ramfs_file_mmap(struct file *f, struct vm_area_struct *vma)
{
	struct inode *inode = f->f_inode;
	bool shared = vma->vm_flags & VM_SHARED;
	int err = 0;

	for (unsigned long addr = vma->vm_start; addr < vma->vm_end && !err;
	     addr += PAGE_SIZE) {
		loff_t pos = ((loff_t)vma->vm_pgoff << PAGE_SHIFT) +
			     (addr - vma->vm_start);
		if (fatal_signal_pending(current)) {
			err = -EINTR;
			break;
		}
		cond_resched();
		vfs_lock();
		if (pos < 0 || pos >= inode->i_size) {	/* < 0: pgoff wrapped */
			vfs_unlock();
			break;
		}
		struct page *page;
		if (shared) {
			page = ramfs_get_page(inode, pos);
			if (page)
				get_page(page);
		} else {
			page = alloc_page(GFP_KERNEL | __GFP_ZERO);
			if (page)
				do_read(inode, page_address(page), PAGE_SIZE, pos);
		}
		vfs_unlock();
		err = page ? vm_insert_page(vma, addr, page) : -ENOMEM;
		if (err && page)
			put_page(page);
	}
	return err;
}

const struct file_operations ramfs_file_operations = {
	.llseek = generic_file_llseek,
	.read = ramfs_file_read,
	.write = ramfs_file_write,
	.mmap = ramfs_file_mmap,
	.splice_read = copy_splice_read,
	.splice_write = iter_file_splice_write,
};

/* Zero [from, to) of the pages that exist; from and to are in one page
 * or to is where a page starts. */
static void zero_range(struct inode *inode, loff_t from, loff_t to)
{
	struct page *p = from < to ? find_page(inode, from) : NULL;

	if (p)
		memset((char *)page_address(p) + (from & ~PAGE_MASK), 0, to - from);
}

/*
 * fallocate on a ramfs file (Linux's shmem_fallocate): mode 0 gives
 * [offset, offset + len) pages and grows the size to cover them;
 * FALLOC_FL_KEEP_SIZE gives the pages and leaves the size; PUNCH_HOLE
 * (always with KEEP_SIZE, vfs_fallocate checked) frees the pages it
 * covers whole and zeroes the partial ends.  Pages beyond what is free
 * are ENOSPC before anything changes, as tmpfs's limit check is.
 * vfs_lock held (no user copies here).
 */
int ramfs_fallocate(struct inode *inode, int mode, loff_t offset, loff_t len)
{
	/* A sealed memfd: no growth past F_SEAL_GROW, no hole punched in
	 * what F_SEAL_WRITE keeps (Linux's shmem_fallocate). */
	if (inode->i_memfd_name) {
		if ((mode & FALLOC_FL_PUNCH_HOLE) &&
		    (inode->i_seals & (F_SEAL_WRITE | F_SEAL_FUTURE_WRITE)))
			return -EPERM;
		if (offset + len > inode->i_size && (inode->i_seals & F_SEAL_GROW))
			return -EPERM;		/* KEEP_SIZE too, as Linux */
	}
	loff_t end = offset + len;

	if (end > RAMFS_MAX_SIZE)
		return -EFBIG;
	if (mode & FALLOC_FL_PUNCH_HOLE) {
		loff_t first = (offset + PAGE_SIZE - 1) >> PAGE_SHIFT;
		loff_t last = end >> PAGE_SHIFT;	/* exclusive */
		for (loff_t i = first; i < last && i < (loff_t)inode->i_npages; i++) {
			if (inode->i_pages[i])
				put_page(inode->i_pages[i]);
			inode->i_pages[i] = NULL;
		}
		/* The partial pages at either end keep their other bytes. */
		loff_t head_end = MIN(end, first << PAGE_SHIFT);
		loff_t tail = MAX(head_end, last << PAGE_SHIFT);
		zero_range(inode, offset, head_end);
		zero_range(inode, tail, end);
		inode_touch(inode, true);
		return 0;
	}
	unsigned long first = offset >> PAGE_SHIFT;
	unsigned long last = (end + PAGE_SIZE - 1) >> PAGE_SHIFT;
	if (last - first > nr_free_pages() + inode->i_npages)
		return -ENOSPC;
	unsigned long missing = 0;
	for (unsigned long i = first; i < last; i++)
		missing += !find_page(inode, (loff_t)i << PAGE_SHIFT);
	if (missing > nr_free_pages())
		return -ENOSPC;
	for (unsigned long i = first; i < last; i++)
		if (!ramfs_get_page(inode, (loff_t)i << PAGE_SHIFT))
			return -ENOSPC;
	if (!(mode & FALLOC_FL_KEEP_SIZE) && end > inode->i_size)
		inode->i_size = end;
	inode_touch(inode, false);
	return 0;
}
