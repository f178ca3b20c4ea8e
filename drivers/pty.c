/*
 * pty.c - Unix 98 pseudo-terminals (Linux's drivers/tty/pty.c, with
 * the nodes devpts would show): opening /dev/ptmx makes a pair of
 * terminals, the master (the file ptmx gave) and the slave, whose node
 * is /dev/pts/N.  A terminal emulator, script(1) or an ssh server holds
 * the master; the program it runs has the slave as its terminal.
 *
 * Each end is a struct tty_struct, and one end's output is the other
 * end's input: pty_write hands what is written at one end to the line
 * discipline of the other (n_tty_receive_buf).  So a byte written to
 * the master is typed at the slave (echoed, edited, signals), and what
 * the slave writes is cooked by its OPOST and read raw at the master.
 * The master's own termios is raw; the termios ioctls on the master act
 * on the slave's, as Linux's tty_mode_ioctl does.
 *
 * Life: the slave is locked until unlockpt (TIOCSPTLCK 0).  The last
 * close of the slave makes the master's reads EIO once drained (and
 * POLLHUP); the slave can be opened again.  The last close of the
 * master hangs the slave up (reads 0, writes EIO, SIGHUP to its
 * session's leader: tty_signal_session_leader) and removes its node.
 * The pair and its number are freed when neither end has a file open
 * and no session has the slave as its controlling terminal.
 *
 * Linux mounts a devpts file system on /dev/pts; here the nodes are
 * character devices (136:N) made in the root ramfs's /dev/pts.
 *
 * LOCKING: pty_mutex guards ptys[], a pair's file counts, its lock and
 * its node; ctty_refs is atomic, and its last put takes pty_mutex; the
 * ends' states are under their tty->lock (drivers/tty.h).
 * Context: process context.
 */
#include "kernel/kernel.h"
#include "kernel/errno.h"
#include "kernel/mm.h"
#include "kernel/mutex.h"
#include "kernel/sched.h"
#include "kernel/signal.h"
#include "kernel/string.h"
#include "drivers/tty.h"
#include "kernel/ioctls.h"
#include "arch/x86_64/uaccess.h"

#define PTY_MAX		4096	/* Linux's default kernel.pty.max */

/* stat's device number for /dev/pts/N: minors above 255 in the high
 * bits, as Linux's new_encode_dev (fs/dirops.c decodes the same). */
#define PTS_RDEV(n) \
	(((n) & 0xff) | (UNIX98_PTY_SLAVE_MAJOR << 8) | (((n) & 0xfff00) << 12))
#define PTS_INDEX(rdev)	(((rdev) & 0xff) | (((rdev) >> 12) & 0xfff00))

struct pty_pair {
	struct tty_struct master, slave;
	int master_files, slave_files;	/* open struct files on each end */
	int ctty_refs;			/* tty_kref_get's (atomic): sessions */
	bool locked;			/* TIOCSPTLCK: the slave cannot open */
	struct inode *node;		/* /dev/pts/N, a reference */
};

static DEFINE_MUTEX(pty_mutex);
static struct pty_pair *ptys[PTY_MAX];

static struct pty_pair *pair_of(struct tty_struct *tty)
{
	return tty->index >= 0 ? ptys[tty->index] : NULL;
}

/* --- the device: one end's output is the other end's input --- */

/* Two bytes or fewer (tty_put's "\r\n") go whole or not at all. */
static size_t pty_write(struct tty_struct *tty, const char *buf, size_t n)
{
	struct tty_struct *to = tty->link;

	if (n <= 2 && n_tty_receive_room(to) < n)
		return 0;
	return n_tty_receive_buf(to, buf, n);
}

static size_t pty_write_room(struct tty_struct *tty)
{
	return n_tty_receive_room(tty->link);
}

static void pty_get(struct tty_struct *tty);
static void pty_put(struct tty_struct *tty);

static const struct tty_operations pty_ops = {
	.write = pty_write,
	.write_room = pty_write_room,
	.get = pty_get,
	.put = pty_put,
};

/* --- the nodes in /dev/pts (vfs_lock taken here) --- */

static void pts_name(int index, char *name, size_t size)
{
	snprintf(name, size, "%d", index);
}

static struct inode *pts_dir_locked(void)
{
	struct inode *dev = lookup_one(root_sb->s_root, "dev", 3);
	struct inode *pts = dev ? lookup_one(dev, "pts", 3) : NULL;

	if (dev && !pts && !vfs_mkdir(dev, "pts", 3, 0755))
		pts = lookup_one(dev, "pts", 3);
	return pts && S_ISDIR(pts->i_mode) ? pts : NULL;
}

static struct inode *pts_node_create(int index)
{
	struct inode *dir, *node = NULL;
	char name[16];

	pts_name(index, name, sizeof(name));
	vfs_lock();
	dir = pts_dir_locked();
	if (dir && !vfs_mknod(dir, name, strlen(name), S_IFCHR | 0620,
			      PTS_RDEV(index)))
		node = ihold(lookup_one(dir, name, strlen(name)));
	vfs_unlock();
	return node;
}

/* Remove the name if it is still our node's (a user may have removed
 * or replaced it). */
static void pts_node_remove(int index, struct inode *node)
{
	struct inode *dir;
	char name[16];

	pts_name(index, name, sizeof(name));
	vfs_lock();
	dir = pts_dir_locked();
	if (dir && lookup_one(dir, name, strlen(name)) == node)
		dir->i_op->unlink(dir, name, strlen(name));
	vfs_unlock();
	iput(node);
}

/* --- opening and closing (pty_mutex) --- */

static struct pty_pair *pty_pair_alloc(int index)
{
	struct pty_pair *pair = kzalloc(sizeof(*pair), GFP_KERNEL);

	if (!pair)
		return NULL;
	tty_init_struct(&pair->master, &pty_ops, index);
	tty_init_struct(&pair->slave, &pty_ops, index);
	/* The master is raw: what the slave writes arrives as written. */
	pair->master.termios.c_iflag = 0;
	pair->master.termios.c_oflag = 0;
	pair->master.termios.c_lflag = 0;
	pair->master.termios.c_cflag = 0x00bf;	/* B38400 CS8 CREAD */
	pair->master.link = &pair->slave;
	pair->slave.link = &pair->master;
	pair->locked = true;
	return pair;
}

/* Neither end has a file and no session has the slave: the pair and
 * its number go. */
static void pty_pair_put_locked(struct pty_pair *pair)
{
	if (pair->master_files || pair->slave_files ||
	    __atomic_load_n(&pair->ctty_refs, __ATOMIC_ACQUIRE))
		return;
	ptys[pair->master.index] = NULL;
	kfree(pair);
}

/* A session's reference (signal->tty) on the slave: the pair stays.
 * The caller holds a file or a reference already, so the pair is live. */
static void pty_get(struct tty_struct *tty)
{
	__atomic_add_fetch(&ptys[tty->index]->ctty_refs, 1, __ATOMIC_RELAXED);
}

static void pty_put(struct tty_struct *tty)
{
	struct pty_pair *pair = ptys[tty->index];

	if (__atomic_sub_fetch(&pair->ctty_refs, 1, __ATOMIC_ACQ_REL))
		return;
	mutex_lock(&pty_mutex);
	pty_pair_put_locked(pair);
	mutex_unlock(&pty_mutex);
}

static int ptmx_open(struct inode *inode, struct file *f)
{
	int index;

	(void)inode;
	mutex_lock(&pty_mutex);
	for (index = 0; index < PTY_MAX && ptys[index]; index++)
		;
	struct pty_pair *pair = index < PTY_MAX ? pty_pair_alloc(index) : NULL;
	if (pair) {
		ptys[index] = pair;
		pair->master_files = 1;
	}
	mutex_unlock(&pty_mutex);
	if (!pair)
		return index < PTY_MAX ? -ENOMEM : -ENOSPC;
	struct inode *node = pts_node_create(index);
	mutex_lock(&pty_mutex);
	pair->node = node;
	if (!node) {
		pair->master_files = 0;
		pty_pair_put_locked(pair);
	}
	mutex_unlock(&pty_mutex);
	if (!node)
		return -ENOMEM;
	f->private_data = &pair->master;
	return 0;
}

/* The master's last close: the slave hangs up (Linux's tty_vhangup of
 * the slave), its node goes. */
static int ptmx_release(struct file *f)
{
	struct tty_struct *master = f->private_data;

	if (!master)
		return 0;
	int index = master->index;
	mutex_lock(&pty_mutex);
	struct pty_pair *pair = ptys[index];
	struct inode *node = pair->node;
	struct tty_struct *slave = &pair->slave;
	pty_get(slave);			/* for tty_signal_session_leader */
	pair->node = NULL;
	pair->master_files--;
	WRITE_ONCE(pair->slave.hung_up, true);
	if (pair->slave_files) {
		wake_up_interruptible_poll(&pair->slave.read_wait,
					   EPOLLIN | EPOLLHUP | EPOLLERR);
		wake_up_interruptible_poll(&pair->slave.write_wait,
					   EPOLLOUT | EPOLLHUP | EPOLLERR);
	}
	mutex_unlock(&pty_mutex);
	tty_signal_session_leader(slave);
	pty_put(slave);			/* the pair goes unless the slave is held */
	if (node)
		pts_node_remove(index, node);
	return 0;
}

/* Open the slave of the pair numbered index (its node, or TIOCGPTPEER). */
static int pts_open_index(struct file *f, int index)
{
	int err = -EIO;

	if (index < 0 || index >= PTY_MAX)
		return -ENXIO;
	mutex_lock(&pty_mutex);
	struct pty_pair *pair = ptys[index];
	if (pair && pair->master_files && !pair->locked) {
		pair->slave_files++;
		WRITE_ONCE(pair->master.other_closed, false);
		f->private_data = &pair->slave;
		err = 0;
	}
	mutex_unlock(&pty_mutex);
	return err;
}

static int pts_open(struct inode *inode, struct file *f)
{
	int err = pts_open_index(f, PTS_INDEX(inode->i_rdev));

	if (!err)
		tty_open_proc_set_tty(f, f->private_data);
	return err;
}

int pts_open_tty(struct file *f, struct tty_struct *tty)
{
	return pts_open_index(f, tty->index);
}

/* The slave's last close: the master reads EIO once drained, and POLLHUP. */
static int pts_release(struct file *f)
{
	struct tty_struct *slave = f->private_data;

	if (!slave)
		return 0;
	mutex_lock(&pty_mutex);
	struct pty_pair *pair = pair_of(slave);
	if (!--pair->slave_files && pair->master_files) {
		WRITE_ONCE(pair->master.other_closed, true);
		wake_up_interruptible_poll(&pair->master.read_wait,
					   EPOLLIN | EPOLLHUP);
	}
	pty_pair_put_locked(pair);
	mutex_unlock(&pty_mutex);
	return 0;
}

/* --- ioctls --- */

/* TIOCGPTPEER (Linux's ptm_open_peer): a new file on the slave, from
 * the master, without going through its name. */
static long ptm_open_peer(struct tty_struct *master, unsigned long flags)
{
	flags &= O_ACCMODE | O_NOCTTY | O_NONBLOCK | O_CLOEXEC;
	mutex_lock(&pty_mutex);
	struct inode *node = pair_of(master)->node;
	if (node)
		ihold(node);
	mutex_unlock(&pty_mutex);
	if (!node)
		return -EIO;
	struct file *f = alloc_file(&pts_fops, NULL, flags & ~O_CLOEXEC, "file");
	if (IS_ERR(f)) {
		iput(node);
		return PTR_ERR(f);
	}
	f->f_inode = node;
	long err = pts_open_index(f, master->index);
	if (!err)
		err = fd_install_from(f, 0, flags & O_CLOEXEC);
	if (err < 0)
		fput(f);
	return err;
}

static long pty_unix98_ioctl(struct tty_struct *tty, unsigned int cmd,
			     unsigned long arg)
{
	int __user *p = (int __user *)arg;
	int v;

	switch (cmd) {
	case TIOCGPTN:
		return put_user(tty->index, p);
	case TIOCSPTLCK:
		if (get_user(v, p))
			return -EFAULT;
		mutex_lock(&pty_mutex);
		pair_of(tty)->locked = v != 0;
		mutex_unlock(&pty_mutex);
		return 0;
	case TIOCGPTLCK:
		mutex_lock(&pty_mutex);
		v = pair_of(tty)->locked;
		mutex_unlock(&pty_mutex);
		return put_user(v, p);
	case TIOCGPTPEER:
		return ptm_open_peer(tty, arg);
	}
	return -ENOIOCTLCMD;
}

static long ptmx_ioctl(struct file *f, unsigned int cmd, unsigned long arg)
{
	struct tty_struct *master = f->private_data;
	long r = pty_unix98_ioctl(master, cmd, arg);

	if (r == -ENOIOCTLCMD)
		r = tty_jobctrl_ioctl(master, master->link, f, cmd, arg);
	if (r == -ENOIOCTLCMD)
		r = tty_mode_ioctl(master, master->link, cmd, arg);
	return r == -ENOIOCTLCMD ? -ENOTTY : r;
}

static long pts_ioctl(struct file *f, unsigned int cmd, unsigned long arg)
{
	struct tty_struct *slave = f->private_data;
	long r = tty_jobctrl_ioctl(slave, slave, f, cmd, arg);

	if (r == -ENOIOCTLCMD)
		r = tty_mode_ioctl(slave, slave, cmd, arg);
	return r == -ENOIOCTLCMD ? -ENOTTY : r;
}

const struct file_operations ptmx_fops = {
	.open = ptmx_open,
	.llseek = no_llseek,
	.read = tty_read,
	.write = tty_write,
	.poll = tty_poll,
	.unlocked_ioctl = ptmx_ioctl,
	.release = ptmx_release,
	.splice_read = copy_splice_read,
	.splice_write = iter_file_splice_write,
};

const struct file_operations pts_fops = {
	.open = pts_open,
	.llseek = no_llseek,
	.read = tty_read,
	.write = tty_write,
	.poll = tty_poll,
	.unlocked_ioctl = pts_ioctl,
	.release = pts_release,
	.splice_read = copy_splice_read,
	.splice_write = iter_file_splice_write,
};
