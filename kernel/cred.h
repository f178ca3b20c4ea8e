/*
 * cred.h - who a task acts as: its user and group ids (Linux's struct
 * cred, include/linux/cred.h) and what uid 0 may do (capable()).
 *
 * Four uids, as Linux has them:
 *   uid   the real user: who started the process; kill checks it
 *   euid  the effective user: what most permission checks use
 *   suid  the saved user: an id the process may switch back to
 *   fsuid the user for file access (follows euid unless setfsuid)
 * and the same four gids, plus the supplementary groups.
 *
 * A cred is shared, not copied, between a parent and its children (and,
 * with threads, between the threads of a process) until one of them
 * changes its ids.  So a cred is never changed in place: a change is
 * prepare_creds() (a private copy), edits to the copy, then
 * commit_creds() (install it, drop the old one).  Readers need no lock:
 * current->cred never changes under its own task, and another task's
 * cred stays valid while they hold a reference or the task list lock.
 *
 * There are no capability sets to keep: "uid 0 may" (see capable()).
 */
#ifndef KERNEL_CRED_H
#define KERNEL_CRED_H

#include "kernel/types.h"

typedef unsigned int uid_t;
typedef unsigned int gid_t;

#define INVALID_UID	((uid_t)-1)	/* "leave it as it is" in set*id */
#define NGROUPS_MAX	65536

/* The supplementary groups: sorted, so in_group_p() can bisect. */
struct group_info {
	int usage;			/* creds pointing here */
	int ngroups;
	gid_t gid[];
};

struct cred {
	int usage;			/* tasks (and holders) pointing here */
	uid_t uid, euid, suid, fsuid;	/* real, effective, saved, fs */
	gid_t gid, egid, sgid, fsgid;
	struct group_info *group_info;	/* never NULL */
};

/* The kernel's own credentials: root, no supplementary groups.  init
 * and every kernel thread start with them. */
extern struct cred init_cred;

static inline const struct cred *get_cred(const struct cred *cred)
{
	__atomic_add_fetch(&((struct cred *)cred)->usage, 1, __ATOMIC_RELAXED);
	return cred;
}
void put_cred(const struct cred *cred);

/* A copy of the current task's cred, for changing (NULL: no memory). */
struct cred *prepare_creds(void);
/* Make new the current task's cred; the old one is put. */
void commit_creds(struct cred *new);
/* Throw away a prepared cred that was not committed. */
void abort_creds(struct cred *new);
/* Act as new for a while (access(): the real ids); returns the cred to
 * give back to revert_creds(), which drops new.  Linux keeps a second
 * pointer (real_cred) so others see the task's own ids meanwhile; with
 * one pointer, a kill() checked during the override sees new's ids. */
const struct cred *override_creds(struct cred *new);
void revert_creds(const struct cred *old);
/* Replace new's groups with gi (takes gi's reference). */
void set_groups(struct cred *new, struct group_info *gi);
struct group_info *groups_alloc(int ngroups);
void put_group_info(struct group_info *gi);
void groups_sort(struct group_info *gi);

#define current_cred()		((const struct cred *)current->cred)
#define current_uid()		(current_cred()->uid)
#define current_euid()		(current_cred()->euid)
#define current_fsuid()		(current_cred()->fsuid)
#define current_fsgid()		(current_cred()->fsgid)

/* Whether the current task is in group gid: its fsgid (egid) or a
 * supplementary group (Linux's in_group_p, in_egroup_p). */
bool in_group_p(gid_t gid);
bool in_egroup_p(gid_t gid);
bool groups_search(const struct group_info *gi, gid_t gid);

/*
 * Capabilities, Linux's numbers.  This kernel keeps no capability sets;
 * a process has the capabilities Linux leaves a process that runs no
 * file with file capabilities: all of them while its euid is 0, and the
 * file-system ones (CAP_FS_MASK) exactly while its fsuid is 0 (Linux's
 * cap_emulate_setxuid).  capable() answers from the ids alone.
 */
#define CAP_CHOWN		0
#define CAP_DAC_OVERRIDE	1
#define CAP_DAC_READ_SEARCH	2
#define CAP_FOWNER		3
#define CAP_FSETID		4
#define CAP_KILL		5
#define CAP_SETGID		6
#define CAP_SETUID		7
#define CAP_LINUX_IMMUTABLE	9
#define CAP_NET_BIND_SERVICE	10
#define CAP_NET_ADMIN		12
#define CAP_IPC_LOCK		14
#define CAP_SYS_CHROOT		18
#define CAP_SYS_BOOT		22
#define CAP_SYS_ADMIN		21
#define CAP_SYS_NICE		23
#define CAP_SYS_RESOURCE	24
#define CAP_MKNOD		27
#define CAP_MAC_OVERRIDE	32
#define CAP_LAST_CAP		40	/* Linux 6.1's: CAP_CHECKPOINT_RESTORE */

/* The capabilities a cred has (Linux's effective and permitted sets). */
u64 cap_effective(const struct cred *cred);
u64 cap_permitted(const struct cred *cred);
/* Whether the current task has capability cap. */
bool capable(int cap);

#endif
