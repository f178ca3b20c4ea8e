/*
 * cred.c - task credentials: sharing them, changing them (prepare_creds
 * and commit_creds, Linux's kernel/cred.c), and the capabilities that
 * follow from them.
 *
 * Context: process context.  A task changes only its own cred, and only
 * by swapping the pointer (commit_creds), so readers of current->cred
 * need no lock.  usage counts are atomic: a cred may be put by a parent
 * reaping a child while another child still shares it.
 */
#include "kernel/kernel.h"
#include "kernel/cred.h"
#include "kernel/mm.h"
#include "kernel/sched.h"

static struct group_info init_groups = { .usage = 1, .ngroups = 0 };

struct cred init_cred = {
	.usage = 1,
	.group_info = &init_groups,
};

void put_group_info(struct group_info *gi)
{
	if (__atomic_sub_fetch(&gi->usage, 1, __ATOMIC_ACQ_REL) == 0)
		kfree(gi);
}

struct group_info *groups_alloc(int ngroups)
{
	struct group_info *gi = kmalloc(sizeof(*gi) + ngroups * sizeof(gid_t),
					GFP_KERNEL);

	if (gi) {
		gi->usage = 1;
		gi->ngroups = ngroups;
	}
	return gi;
}

void put_cred(const struct cred *cred)
{
	struct cred *c = (struct cred *)cred;

	if (__atomic_sub_fetch(&c->usage, 1, __ATOMIC_ACQ_REL) != 0)
		return;
	BUG_ON(c == &init_cred);
	put_group_info(c->group_info);
	kfree(c);
}

struct cred *prepare_creds(void)
{
	const struct cred *old = current_cred();
	struct cred *new = kmalloc(sizeof(*new), GFP_KERNEL);

	if (!new)
		return NULL;
	*new = *old;
	new->usage = 1;
	__atomic_add_fetch(&new->group_info->usage, 1, __ATOMIC_RELAXED);
	return new;
}

void commit_creds(struct cred *new)
{
	const struct cred *old = current->cred;

	WRITE_ONCE(current->cred, new);
	put_cred(old);
}

void abort_creds(struct cred *new)
{
	put_cred(new);
}

const struct cred *override_creds(struct cred *new)
{
	const struct cred *old = current->cred;

	WRITE_ONCE(current->cred, new);
	return old;
}

void revert_creds(const struct cred *old)
{
	const struct cred *override = current->cred;

	WRITE_ONCE(current->cred, old);
	put_cred(override);
}

void set_groups(struct cred *new, struct group_info *gi)
{
	put_group_info(new->group_info);
	new->group_info = gi;
}

/* --- what uid 0 may do --- */

#define CAP_FULL_SET	((1ULL << (CAP_LAST_CAP + 1)) - 1)
/* The capabilities that follow fsuid rather than euid (Linux's
 * CAP_FS_MASK). */
#define CAP_FS_MASK	((1ULL << CAP_CHOWN) | (1ULL << CAP_MKNOD) |	\
			 (1ULL << CAP_DAC_OVERRIDE) |			\
			 (1ULL << CAP_DAC_READ_SEARCH) |		\
			 (1ULL << CAP_FOWNER) | (1ULL << CAP_FSETID) |	\
			 (1ULL << CAP_MAC_OVERRIDE))

/*
 * Linux, for a process without file capabilities: a root exec gives the
 * full permitted set; it is kept while any of uid, euid, suid is 0
 * (cap_emulate_setxuid clears it when the last one goes).
 */
u64 cap_permitted(const struct cred *cred)
{
	return cred->uid == 0 || cred->euid == 0 || cred->suid == 0 ?
	       CAP_FULL_SET : 0;
}

/* Effective: everything permitted while euid is 0; the file-system
 * capabilities are on exactly while fsuid is 0 (and permitted). */
u64 cap_effective(const struct cred *cred)
{
	u64 eff = cred->euid == 0 ? cap_permitted(cred) : 0;

	if (cred->fsuid == 0)
		eff |= cap_permitted(cred) & CAP_FS_MASK;
	else
		eff &= ~CAP_FS_MASK;
	return eff;
}

bool capable(int cap)
{
	return cap_effective(current_cred()) & (1ULL << cap);
}
