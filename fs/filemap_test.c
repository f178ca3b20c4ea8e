/* filemap_test.c - mmap of ramfs files through do_mmap_file: a private
 * mapping sees the data and keeps its writes to itself, a shared one
 * writes through to the file, and the open mode is checked as on Linux. */
#include "kernel/selftest.h"
#include "kernel/errno.h"
#include "kernel/mm.h"
#include "kernel/mman.h"
#include "fs/fs.h"

#define MADDR	0x20000000UL

/* A two-page file: "mapped!" at 0, "page2" at PAGE_SIZE, size PAGE_SIZE+5. */
static struct file *make_file(int flags)
{
	struct file *f = filp_open("/filemap_test", flags | O_CREAT, 0644);

	if (IS_ERR(f))
		return f;
	vfs_lock();
	ramfs_write_kernel(f->f_inode, "mapped!", 7, 0);
	ramfs_write_kernel(f->f_inode, "page2", 5, PAGE_SIZE);
	vfs_unlock();
	return f;
}

static char file_byte(struct file *f, loff_t pos)
{
	char c = 0;

	vfs_lock();
	ramfs_read_kernel(f->f_inode, &c, 1, pos);
	vfs_unlock();
	return c;
}

SELFTEST(mmap_private_file_is_cow)
{
	struct mm_struct *mm = mm_alloc();
	struct file *f = make_file(O_RDWR);
	char buf[8] = "";

	ST_ASSERT(mm && !IS_ERR(f));
	ST_ASSERT_EQ(do_mmap_file(mm, f, MADDR, 3 * PAGE_SIZE,
				  PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_FIXED, 0),
		     MADDR);
	ST_ASSERT_EQ(access_remote_vm(mm, MADDR, buf, 7, 0), 7);
	ST_ASSERT(!memcmp(buf, "mapped!", 7));
	ST_ASSERT_EQ(access_remote_vm(mm, MADDR + PAGE_SIZE, buf, 6, 0), 6);
	ST_ASSERT(!memcmp(buf, "page2\0", 6));	/* zeros past the end */
	/* A write to the private copy stays out of the file. */
	ST_ASSERT_EQ(access_remote_vm(mm, MADDR, "X", 1, FOLL_WRITE), 1);
	ST_ASSERT_EQ(access_remote_vm(mm, MADDR, buf, 1, 0), 1);
	ST_ASSERT_EQ(buf[0], 'X');
	ST_ASSERT_EQ(file_byte(f, 0), 'm');
	/* An offset in pages. */
	ST_ASSERT_EQ(do_mmap_file(mm, f, MADDR + 8 * PAGE_SIZE, PAGE_SIZE,
				  PROT_READ, MAP_PRIVATE | MAP_FIXED, 1),
		     MADDR + 8 * PAGE_SIZE);
	ST_ASSERT_EQ(access_remote_vm(mm, MADDR + 8 * PAGE_SIZE, buf, 5, 0), 5);
	ST_ASSERT(!memcmp(buf, "page2", 5));
	mmput(mm);
	fput(f);
	return 0;
}

SELFTEST(mmap_shared_file_writes_through)
{
	struct mm_struct *mm = mm_alloc();
	struct file *rw = make_file(O_RDWR);
	struct file *ro = filp_open("/filemap_test", O_RDONLY, 0);
	struct file *wo = filp_open("/filemap_test", O_WRONLY, 0);

	ST_ASSERT(mm && !IS_ERR(rw) && !IS_ERR(ro) && !IS_ERR(wo));
	ST_ASSERT_EQ(do_mmap_file(mm, rw, MADDR, PAGE_SIZE,
				  PROT_READ | PROT_WRITE, MAP_SHARED | MAP_FIXED, 0),
		     MADDR);
	ST_ASSERT_EQ(access_remote_vm(mm, MADDR + 1, "Z", 1, FOLL_WRITE), 1);
	ST_ASSERT_EQ(file_byte(rw, 1), 'Z');
	/* Linux's open-mode rules. */
	ST_ASSERT_EQ((long)do_mmap_file(mm, ro, 0, PAGE_SIZE, PROT_READ | PROT_WRITE,
					MAP_SHARED, 0), -EACCES);
	ST_ASSERT(!IS_ERR_VALUE(do_mmap_file(mm, ro, 0, PAGE_SIZE,
					     PROT_READ | PROT_WRITE, MAP_PRIVATE, 0)));
	ST_ASSERT_EQ((long)do_mmap_file(mm, wo, 0, PAGE_SIZE, PROT_READ,
					MAP_PRIVATE, 0), -EACCES);
	mmput(mm);
	fput(rw);
	fput(ro);
	fput(wo);
	return 0;
}
