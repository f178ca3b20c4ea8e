/*
 * file.c - the table of file descriptors (Linux's fs/file.c).
 *
 * fd[] grows by doubling when a descriptor past its end is needed, up to
 * NR_OPEN_MAX, so a process that opens three files pays for three slots,
 * not for 65,536.
 *
 * LOCKING: files->lock (irqsave is not needed: no interrupt handler looks
 * at descriptors) protects fd[], close_on_exec and next_fd.  A file found
 * under the lock gets a reference before the lock is dropped, so a
 * concurrent close() cannot free it under the caller: with CLONE_FILES
 * another thread may close a descriptor this one is using, and the
 * file lives until this call's fput().
 *
 * Context: process context.
 */
#include "kernel/kernel.h"
#include "kernel/errno.h"
#include "kernel/mm.h"
#include "kernel/sched.h"
#include "fs/fs.h"

#define NR_OPEN_DEFAULT	64
#define BITS_PER_LONG	64

static struct files_struct *alloc_table(unsigned int max_fds)
{
	struct files_struct *files = kzalloc(sizeof(*files), GFP_KERNEL);

	if (!files)
		return NULL;
	files->fd = kcalloc(max_fds, sizeof(struct file *), GFP_KERNEL);
	files->close_on_exec = kcalloc(max_fds / BITS_PER_LONG,
				       sizeof(unsigned long), GFP_KERNEL);
	if (!files->fd || !files->close_on_exec) {
		kfree(files->fd);
		kfree(files->close_on_exec);
		kfree(files);
		return NULL;
	}
	files->count = 1;
	files->max_fds = max_fds;
	spin_lock_init(&files->lock);
	return files;
}

struct files_struct *files_alloc(void)
{
	return alloc_table(NR_OPEN_DEFAULT);
}

/* Make room for descriptor fd.  Called and returns with files->lock held;
 * drops it to allocate. */
static int expand_files(struct files_struct *files, unsigned int fd)
{
	if (fd < files->max_fds)
		return 0;
	if (fd >= NR_OPEN_MAX)
		return -EMFILE;
	unsigned int n = files->max_fds;
	while (n <= fd)
		n *= 2;
	spin_unlock(&files->lock);
	struct file **nfd = kcalloc(n, sizeof(*nfd), GFP_KERNEL);
	unsigned long *ncoe = kcalloc(n / BITS_PER_LONG, sizeof(*ncoe), GFP_KERNEL);
	spin_lock(&files->lock);
	if (!nfd || !ncoe) {
		kfree(nfd);
		kfree(ncoe);
		return -ENOMEM;
	}
	if (n <= files->max_fds) {	/* someone else grew it meanwhile */
		kfree(nfd);
		kfree(ncoe);
		return 0;
	}
	memcpy(nfd, files->fd, files->max_fds * sizeof(*nfd));
	memcpy(ncoe, files->close_on_exec, files->max_fds / 8);
	kfree(files->fd);
	kfree(files->close_on_exec);
	files->fd = nfd;
	files->close_on_exec = ncoe;
	files->max_fds = n;
	return 0;
}

static void set_cloexec(struct files_struct *files, unsigned int fd, bool on)
{
	unsigned long bit = 1UL << (fd % BITS_PER_LONG);

	if (on)
		files->close_on_exec[fd / BITS_PER_LONG] |= bit;
	else
		files->close_on_exec[fd / BITS_PER_LONG] &= ~bit;
}

int fd_install_from(struct file *file, unsigned int start, bool cloexec)
{
	struct files_struct *files = current->files;

	spin_lock(&files->lock);
	unsigned int fd = MAX(start, files->next_fd);
	for (;; fd++) {
		if (fd >= nofile_limit()) {
			spin_unlock(&files->lock);
			return -EMFILE;
		}
		int err = expand_files(files, fd);
		if (err) {
			spin_unlock(&files->lock);
			return err;
		}
		if (!files->fd[fd])
			break;
	}
	files->fd[fd] = file;
	set_cloexec(files, fd, cloexec);
	if (start <= files->next_fd)
		files->next_fd = fd + 1;
	spin_unlock(&files->lock);
	return fd;
}

/* mask: the f_mode bits that make a file unacceptable (FMODE_PATH for
 * the calls an O_PATH descriptor cannot do: EBADF, as Linux's
 * __fget(fd, FMODE_PATH)). */
static struct file *__fget(unsigned int fd, unsigned int mask)
{
	struct files_struct *files = current->files;
	struct file *f = NULL;

	if (!files)
		return NULL;
	spin_lock(&files->lock);
	if (fd < files->max_fds && files->fd[fd] && !(files->fd[fd]->f_mode & mask))
		f = get_file(files->fd[fd]);
	spin_unlock(&files->lock);
	return f;
}

struct file *fget(unsigned int fd)
{
	return __fget(fd, FMODE_PATH);
}

struct file *fget_raw(unsigned int fd)
{
	return __fget(fd, 0);
}

int close_fd(unsigned int fd)
{
	struct files_struct *files = current->files;

	spin_lock(&files->lock);
	struct file *f = fd < files->max_fds ? files->fd[fd] : NULL;
	if (!f) {
		spin_unlock(&files->lock);
		return -EBADF;
	}
	files->fd[fd] = NULL;
	set_cloexec(files, fd, false);
	if (fd < files->next_fd)
		files->next_fd = fd;
	spin_unlock(&files->lock);
	filp_close(f, files);
	return 0;
}

void filp_close(struct file *f, struct files_struct *owner)
{
	locks_remove_posix(f, owner);
	fput(f);
}

/* fork: a copy of the table sharing every open file. */
struct files_struct *dup_fd(struct files_struct *old)
{
	struct files_struct *files = alloc_table(old->max_fds);

	if (!files)
		return NULL;
	spin_lock(&old->lock);
	for (unsigned int i = 0; i < old->max_fds; i++)
		if (old->fd[i])
			files->fd[i] = get_file(old->fd[i]);
	memcpy(files->close_on_exec, old->close_on_exec, old->max_fds / 8);
	files->next_fd = old->next_fd;
	spin_unlock(&old->lock);
	return files;
}

void put_files_struct(struct files_struct *files)
{
	if (__atomic_sub_fetch(&files->count, 1, __ATOMIC_ACQ_REL))
		return;
	for (unsigned int i = 0; i < files->max_fds; i++)
		if (files->fd[i])
			filp_close(files->fd[i], files);
	kfree(files->fd);
	kfree(files->close_on_exec);
	kfree(files);
}

void do_close_on_exec(struct files_struct *files)
{
	for (unsigned int fd = 0; fd < files->max_fds; fd++) {
		unsigned long bit = 1UL << (fd % BITS_PER_LONG);
		if (files->close_on_exec[fd / BITS_PER_LONG] & bit)
			close_fd(fd);
	}
}

long sys_close(unsigned int fd)
{
	return close_fd(fd);
}

long sys_dup(unsigned int fd)
{
	struct file *f = fget_raw(fd);

	if (!f)
		return -EBADF;
	int nfd = fd_install_new(f, false);
	if (nfd < 0)
		fput(f);
	return nfd;
}

/* Put file at exactly fd, closing what was there (dup2/dup3).  Takes
 * over the caller's reference. */
int replace_fd(unsigned int fd, struct file *file, bool cloexec)
{
	struct files_struct *files = current->files;

	spin_lock(&files->lock);
	int err = expand_files(files, fd);
	if (err) {
		spin_unlock(&files->lock);
		fput(file);
		return err == -EMFILE ? -EBADF : err;
	}
	struct file *old = files->fd[fd];
	files->fd[fd] = file;
	set_cloexec(files, fd, cloexec);
	spin_unlock(&files->lock);
	if (old)
		filp_close(old, files);
	return fd;
}

bool get_close_on_exec(unsigned int fd)
{
	struct files_struct *files = current->files;
	unsigned long bit = 1UL << (fd % BITS_PER_LONG);

	return fd < files->max_fds &&
	       (files->close_on_exec[fd / BITS_PER_LONG] & bit);
}

void set_close_on_exec(unsigned int fd, bool on)
{
	struct files_struct *files = current->files;

	spin_lock(&files->lock);
	if (fd < files->max_fds)
		set_cloexec(files, fd, on);
	spin_unlock(&files->lock);
}

/* --- close_range --- */

#define CLOSE_RANGE_UNSHARE	(1U << 1)
#define CLOSE_RANGE_CLOEXEC	(1U << 2)

/*
 * close_range(2): close (or, with CLOSE_RANGE_CLOEXEC, mark close-on-
 * exec) every open descriptor from fd to max_fd; descriptors past the
 * table's end are not open, so the loop stops there.  With
 * CLOSE_RANGE_UNSHARE a table shared with other tasks (CLONE_FILES) is
 * copied first, so that only ours loses the descriptors.
 */
long sys_close_range(unsigned int fd, unsigned int max_fd, unsigned int flags)
{
	struct task_struct *tsk = current;

	if (flags & ~(CLOSE_RANGE_UNSHARE | CLOSE_RANGE_CLOEXEC))
		return -EINVAL;
	if (fd > max_fd)
		return -EINVAL;
	if ((flags & CLOSE_RANGE_UNSHARE) &&
	    __atomic_load_n(&tsk->files->count, __ATOMIC_RELAXED) > 1) {
		struct files_struct *copy = dup_fd(tsk->files), *old;

		if (!copy)
			return -ENOMEM;
		task_lock(tsk);
		old = tsk->files;
		tsk->files = copy;
		task_unlock(tsk);
		put_files_struct(old);
	}
	struct files_struct *files = tsk->files;
	for (unsigned int i = fd; i <= max_fd; i++) {
		spin_lock(&files->lock);
		bool end = i >= files->max_fds, open = !end && files->fd[i];
		if (open && (flags & CLOSE_RANGE_CLOEXEC))
			set_cloexec(files, i, true);
		spin_unlock(&files->lock);
		if (end)
			break;
		if (open && !(flags & CLOSE_RANGE_CLOEXEC))
			close_fd(i);
		if (!(i & 1023))
			cond_resched();
		if (i == max_fd)	/* max_fd may be ~0U */
			break;
	}
	return 0;
}
