/*
 * capability.c - capget(2) and capset(2) (Linux's kernel/capability.c).
 *
 * There are no capability sets to keep (kernel/cred.h): a task's sets
 * follow from its ids, root has every capability (effective and
 * permitted; inheritable is empty) and everyone else none.  capget
 * reports them; capset can only confirm what is there, since a set that
 * differs could not be kept: raising is EPERM, as in Linux, and so is
 * dropping (Linux would allow it; this kernel cannot).
 *
 * Context: process context (user copies, no locks).
 */
#include "kernel/kernel.h"
#include "kernel/errno.h"
#include "kernel/sched.h"
#include "kernel/pid.h"
#include "kernel/cred.h"
#include "kernel/syscalls.h"
#include "arch/x86_64/uaccess.h"

#define _LINUX_CAPABILITY_VERSION_1	0x19980330
#define _LINUX_CAPABILITY_VERSION_2	0x20071026
#define _LINUX_CAPABILITY_VERSION_3	0x20080522

struct __user_cap_header_struct {
	u32 version;
	int pid;
};

struct __user_cap_data_struct {
	u32 effective, permitted, inheritable;
};

/* How many data structs the header's version takes (1 or 2); for an
 * unknown one the header learns the version we speak, and -EINVAL. */
static int cap_validate_magic(struct __user_cap_header_struct __user *header,
			      unsigned int *tocopy)
{
	u32 version;

	if (get_user(version, &header->version))
		return -EFAULT;
	switch (version) {
	case _LINUX_CAPABILITY_VERSION_1:
		*tocopy = 1;
		return 0;
	case _LINUX_CAPABILITY_VERSION_2:
	case _LINUX_CAPABILITY_VERSION_3:
		*tocopy = 2;
		return 0;
	default:
		if (put_user((u32)_LINUX_CAPABILITY_VERSION_3, &header->version))
			return -EFAULT;
		return -EINVAL;
	}
}

/* The effective and permitted sets of pid's task (0: ours). */
static int cap_get_target_pid(int pid, u64 *eff, u64 *perm)
{
	const struct cred *cred = current_cred();
	unsigned long flags;
	int ret = 0;

	spin_lock_irqsave(&tasklist_lock, flags);
	if (pid && pid != current->pid) {
		struct task_struct *p = find_task_by_pid(pid);

		if (!p || !p->signal)
			ret = -ESRCH;
		else
			cred = p->cred;
	}
	if (!ret) {
		*eff = cap_effective(cred);
		*perm = cap_permitted(cred);
	}
	spin_unlock_irqrestore(&tasklist_lock, flags);
	return ret;
}

long sys_capget(struct __user_cap_header_struct __user *header,
		struct __user_cap_data_struct __user *dataptr)
{
	struct __user_cap_data_struct kdata[2];
	unsigned int tocopy;
	u64 eff, perm;
	int pid;

	int ret = cap_validate_magic(header, &tocopy);
	if (!dataptr || ret)	/* a NULL data pointer asks the version */
		return !dataptr && ret == -EINVAL ? 0 : ret;
	if (get_user(pid, &header->pid))
		return -EFAULT;
	if (pid < 0)
		return -EINVAL;
	ret = cap_get_target_pid(pid, &eff, &perm);
	if (ret)
		return ret;
	for (int i = 0; i < 2; i++)
		kdata[i] = (struct __user_cap_data_struct){
			.effective = eff >> (32 * i),
			.permitted = perm >> (32 * i),
		};
	if (copy_to_user(dataptr, kdata, tocopy * sizeof(kdata[0])))
		return -EFAULT;
	return 0;
}

long sys_capset(struct __user_cap_header_struct __user *header,
		const struct __user_cap_data_struct __user *data)
{
	struct __user_cap_data_struct kdata[2] = { 0 };
	unsigned int tocopy;
	int pid;

	int ret = cap_validate_magic(header, &tocopy);
	if (ret)
		return ret;
	if (get_user(pid, &header->pid))
		return -EFAULT;
	if (pid != 0 && pid != current->pid)	/* only our own */
		return -EPERM;
	if (copy_from_user(kdata, data, tocopy * sizeof(kdata[0])))
		return -EFAULT;
	u64 eff = 0, perm = 0, inh = 0;
	for (unsigned int i = 0; i < tocopy; i++) {
		eff |= (u64)kdata[i].effective << (32 * i);
		perm |= (u64)kdata[i].permitted << (32 * i);
		inh |= (u64)kdata[i].inheritable << (32 * i);
	}
	const struct cred *cred = current_cred();
	u64 have_perm = cap_permitted(cred), have_eff = cap_effective(cred);
	u64 mask = tocopy == 1 ? 0xffffffffULL : ~0ULL;
	/* Linux: new permitted within the old, effective within the new
	 * permitted, inheritable within permitted (no bounding games). */
	if ((perm & ~have_perm) || (eff & ~perm) || (inh & ~have_perm))
		return -EPERM;
	/* Within the rules, but a change we cannot keep. */
	if (perm != (have_perm & mask) || eff != (have_eff & mask) || inh)
		return -EPERM;
	return 0;
}
