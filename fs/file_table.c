/*
 * file_table.c - allocating and releasing struct file.  The last fput()
 * also drops the file's reference to its inode, which is what frees an
 * unlinked file once nobody has it open.
 * Process context (release may sleep in a driver).
 */
#include "kernel/kernel.h"
#include "kernel/errno.h"
#include "kernel/mm.h"
#include "kernel/cred.h"
#include "kernel/sched.h"
#include "fs/fs.h"
#include "fs/eventpoll.h"
#include "fs/notify/fsnotify.h"

static struct kmem_cache *filp_cachep;

struct file *alloc_file(const struct file_operations *fop, void *private_data,
			unsigned int flags, const char *name)
{
	if (!filp_cachep)
		filp_cachep = kmem_cache_create("filp", sizeof(struct file), 0,
						0, NULL);
	struct file *f = filp_cachep ? kmem_cache_zalloc(filp_cachep, GFP_KERNEL) : NULL;
	if (!f)
		return ERR_PTR(-ENFILE);
	f->f_count = 1;
	f->f_op = fop;
	f->f_flags = flags & ~O_CLOEXEC;
	f->f_mode = ((flags & O_ACCMODE) == O_WRONLY ? 0 : FMODE_READ) |
		    ((flags & O_ACCMODE) == O_RDONLY ? 0 : FMODE_WRITE);
	f->private_data = private_data;
	f->f_name = name;
	/* As Linux's: the opener's credentials, which linkat's
	 * AT_EMPTY_PATH compares with the caller's. */
	f->f_cred = get_cred(current->cred ? current->cred : &init_cred);
	INIT_LIST_HEAD(&f->f_ep_links);
	return f;
}

void fput(struct file *f)
{
	if (__atomic_sub_fetch(&f->f_count, 1, __ATOMIC_ACQ_REL))
		return;
	/* Before ->release, as Linux's __fput: epolls watching f must unhook
	 * from its wait queues while they still exist. */
	fsnotify_close(f);
	eventpoll_release(f);
	locks_remove_file(f);
	if (f->f_op->release)
		f->f_op->release(f);
	if (f->f_inode)
		iput(f->f_inode);
	put_cred(f->f_cred);
	kmem_cache_free(filp_cachep, f);
}

loff_t no_llseek(struct file *f, loff_t offset, int whence)
{
	(void)f;
	(void)offset;
	(void)whence;
	return -ESPIPE;
}

loff_t noop_llseek(struct file *f, loff_t offset, int whence)
{
	(void)offset;
	(void)whence;
	return f->f_pos;
}
