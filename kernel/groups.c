/*
 * groups.c - supplementary groups: setgroups, getgroups and the
 * membership test every permission check makes (Linux's kernel/groups.c).
 *
 * Context: process context.
 */
#include "kernel/kernel.h"
#include "kernel/errno.h"
#include "kernel/cred.h"
#include "kernel/mm.h"
#include "kernel/sched.h"
#include "kernel/syscalls.h"
#include "arch/x86_64/uaccess.h"

/* Insertion sort: setgroups is rare and lists are short. */
void groups_sort(struct group_info *gi)
{
	for (int i = 1; i < gi->ngroups; i++) {
		gid_t g = gi->gid[i];
		int j = i;
		for (; j > 0 && gi->gid[j - 1] > g; j--)
			gi->gid[j] = gi->gid[j - 1];
		gi->gid[j] = g;
	}
}

bool groups_search(const struct group_info *gi, gid_t gid)
{
	int lo = 0, hi = gi->ngroups;

	while (lo < hi) {
		int mid = lo + (hi - lo) / 2;
		if (gi->gid[mid] == gid)
			return true;
		if (gi->gid[mid] < gid)
			lo = mid + 1;
		else
			hi = mid;
	}
	return false;
}

bool in_group_p(gid_t gid)
{
	const struct cred *cred = current_cred();

	return gid == cred->fsgid || groups_search(cred->group_info, gid);
}

bool in_egroup_p(gid_t gid)
{
	const struct cred *cred = current_cred();

	return gid == cred->egid || groups_search(cred->group_info, gid);
}

/* size 0 asks only how many; a smaller list than that is EINVAL. */
long sys_getgroups(int gidsetsize, gid_t __user *grouplist)
{
	const struct group_info *gi = current_cred()->group_info;

	if (gidsetsize < 0)
		return -EINVAL;
	if (gidsetsize == 0)
		return gi->ngroups;
	if (gidsetsize < gi->ngroups)
		return -EINVAL;
	if (copy_to_user(grouplist, gi->gid, gi->ngroups * sizeof(gid_t)))
		return -EFAULT;
	return gi->ngroups;
}

/* Only with CAP_SETGID; the list is kept sorted, duplicates and all. */
long sys_setgroups(int gidsetsize, const gid_t __user *grouplist)
{
	if (!capable(CAP_SETGID))
		return -EPERM;
	if ((unsigned int)gidsetsize > NGROUPS_MAX)
		return -EINVAL;
	struct group_info *gi = groups_alloc(gidsetsize);
	if (!gi)
		return -ENOMEM;
	if (copy_from_user(gi->gid, grouplist, gidsetsize * sizeof(gid_t))) {
		put_group_info(gi);
		return -EFAULT;
	}
	for (int i = 0; i < gidsetsize; i++) {
		if (gi->gid[i] == INVALID_UID) {
			put_group_info(gi);
			return -EINVAL;
		}
	}
	groups_sort(gi);
	struct cred *new = prepare_creds();
	if (!new) {
		put_group_info(gi);
		return -ENOMEM;
	}
	set_groups(new, gi);
	commit_creds(new);
	return 0;
}
