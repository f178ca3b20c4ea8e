/*
 * proc_namespace.c - the mount table as /proc shows it: /proc/mounts and
 * /proc/<pid>/mounts in fstab's layout, /proc/<pid>/mountinfo in
 * Linux's (Documentation/filesystems/proc.rst, "mountinfo"), and the
 * one fs sysctl, /proc/sys/fs/pipe-max-size (Linux's fs/proc_namespace.c
 * and the fs part of kernel/sysctl.c).
 *
 * There are two mounts, fixed at boot: the root ramfs, which calls
 * itself tmpfs as its statfs does (fs/statfs.c), and proc.  Their device
 * numbers are the st_dev that stat reports (fs/stat.c).  Every process
 * sees the same table (one mount namespace).  Context: process context.
 */
#include "kernel/kernel.h"
#include "kernel/sysctl.h"
#include "fs/fs.h"
#include "fs/seq_file.h"
#include "fs/proc/internal.h"

#define INT_MAX	0x7fffffff

/* pipe-max-size: at least a page (Linux rounds a write up to a power of
 * two of pages; here it is taken as written). */
const struct ctl_table fs_pipe_max_size = {
	"pipe-max-size", &pipe_max_size, 1, 4096, INT_MAX,
};

static const struct {
	int id, parent;			/* mountinfo's mount IDs */
	int minor;			/* st_dev is 0:minor */
	const char *source, *point, *type, *opts, *super_opts;
} mounts[] = {
	{ 1, 1, 1, "rootfs", "/", "tmpfs", "rw,relatime", "rw" },
	{ 2, 1, 2, "proc", "/proc", "proc", "rw,nosuid,nodev,noexec,relatime", "rw" },
};

/* fstab's fields: source, mount point, type, options, dump, pass. */
void proc_mounts_show(struct seq_file *m)
{
	for (unsigned i = 0; i < ARRAY_SIZE(mounts); i++)
		seq_printf(m, "%s %s %s %s 0 0\n", mounts[i].source,
			   mounts[i].point, mounts[i].type, mounts[i].opts);
}

void proc_pid_mounts(struct seq_file *m, struct task_struct *task)
{
	(void)task;
	proc_mounts_show(m);
}

/* ID, parent ID, major:minor, root within the filesystem, mount point,
 * options, optional fields (none: nothing is shared), "-", type,
 * source, superblock options. */
void proc_pid_mountinfo(struct seq_file *m, struct task_struct *task)
{
	(void)task;
	for (unsigned i = 0; i < ARRAY_SIZE(mounts); i++)
		seq_printf(m, "%d %d 0:%d / %s %s - %s %s %s\n", mounts[i].id,
			   mounts[i].parent, mounts[i].minor, mounts[i].point,
			   mounts[i].opts, mounts[i].type, mounts[i].source,
			   mounts[i].super_opts);
}
