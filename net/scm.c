/*
 * scm.c - SCM_RIGHTS and SCM_CREDENTIALS, both ways (Linux's
 * net/core/scm.c); see net/scm.h.
 *
 * Context: process context.  LOCKING: none; the caller holds no
 * spinlock (put_cmsg and scm_detach_fds write to user space, fget and
 * fd_install_new take the descriptor table's lock).
 */
#include "kernel/kernel.h"
#include "kernel/cred.h"
#include "kernel/errno.h"
#include "kernel/mm.h"
#include "kernel/pid.h"
#include "kernel/sched.h"
#include "kernel/string.h"
#include "net/scm.h"
#include "arch/x86_64/uaccess.h"

/* The process id of current (the thread group's, once there are
 * threads: Linux's task_tgid_vnr). */
static int current_tgid(void)
{
	return current->pid;
}

void current_ucred(struct ucred *cred)
{
	cred->pid = current_tgid();
	cred->uid = current_uid();
	cred->gid = current_cred()->gid;
}

void current_peercred(struct ucred *cred)
{
	cred->pid = current_tgid();
	cred->uid = current_euid();
	cred->gid = current_cred()->egid;
}

/* May the caller claim these credentials?  Linux's scm_check_creds: its
 * own pid, or any with CAP_SYS_ADMIN; one of its uids, or any with
 * CAP_SETUID; one of its gids, or any with CAP_SETGID.  -1 is never an
 * id.  Then the pid must exist. */
static int scm_check_creds(const struct ucred *creds)
{
	const struct cred *cred = current_cred();

	if (creds->uid == INVALID_UID || creds->gid == (gid_t)-1)
		return -EINVAL;
	bool pid_ok = creds->pid == current_tgid() || capable(CAP_SYS_ADMIN);
	bool uid_ok = creds->uid == cred->uid || creds->uid == cred->euid ||
		      creds->uid == cred->suid || capable(CAP_SETUID);
	bool gid_ok = creds->gid == cred->gid || creds->gid == cred->egid ||
		      creds->gid == cred->sgid || capable(CAP_SETGID);
	if (!pid_ok || !uid_ok || !gid_ok)
		return -EPERM;
	if (creds->pid <= 0)
		return -ESRCH;
	unsigned long flags;
	spin_lock_irqsave(&tasklist_lock, flags);	/* the task list */
	bool exists = find_task_by_pid(creds->pid) != NULL;
	spin_unlock_irqrestore(&tasklist_lock, flags);
	return exists ? 0 : -ESRCH;
}

void scm_fp_free(struct scm_fp_list *fpl)
{
	if (!fpl)
		return;
	for (int i = 0; i < fpl->count; i++)
		fput(fpl->fp[i]);
	kfree(fpl);
}

void scm_destroy(struct scm_cookie *scm)
{
	scm_fp_free(scm->fp);
	scm->fp = NULL;
}

/* Room for n more files in *fplp, grown to fit (Linux allocates
 * SCM_MAX_FD slots at once; a message keeps only what it carries). */
static int scm_fp_grow(struct scm_fp_list **fplp, int n)
{
	struct scm_fp_list *fpl = *fplp;
	int count = fpl ? fpl->count : 0;

	if (count + n > SCM_MAX_FD)
		return -EINVAL;
	struct scm_fp_list *new = kmalloc(sizeof(*new) + (count + n) * sizeof(struct file *),
					  GFP_KERNEL);
	if (!new)
		return -ENOMEM;
	new->count = count;
	new->max = count + n;
	if (fpl)
		memcpy(new->fp, fpl->fp, count * sizeof(struct file *));
	kfree(fpl);
	*fplp = new;
	return 0;
}

/* SCM_RIGHTS: a reference on each file named (Linux's scm_fp_copy). */
static int scm_fp_copy(const struct cmsghdr *cmsg, struct scm_fp_list **fplp)
{
	const int *fdp = (const int *)(cmsg + 1);
	int num = (cmsg->cmsg_len - sizeof(struct cmsghdr)) / sizeof(int);

	if (num <= 0)
		return 0;
	if (num > SCM_MAX_FD)
		return -EINVAL;
	int err = scm_fp_grow(fplp, num);
	if (err)
		return err;
	struct scm_fp_list *fpl = *fplp;
	for (int i = 0; i < num; i++) {
		struct file *file = fdp[i] < 0 ? NULL : fget_raw(fdp[i]);
		if (!file)
			return -EBADF;
		fpl->fp[fpl->count++] = file;
	}
	return 0;
}

/* Linux's CMSG_OK: a whole header, and no longer than what is left. */
static bool cmsg_ok(const struct msghdr *msg, const struct cmsghdr *cmsg)
{
	size_t off = (const char *)cmsg - (const char *)msg->msg_control;

	return cmsg->cmsg_len >= sizeof(struct cmsghdr) &&
	       cmsg->cmsg_len <= msg->msg_controllen - off;
}

/* The header after cmsg, or NULL when no whole header is left (Linux's
 * __cmsg_nxthdr). */
static struct cmsghdr *cmsg_next(const struct msghdr *msg, struct cmsghdr *cmsg)
{
	size_t next = (char *)cmsg - (char *)msg->msg_control +
		      CMSG_ALIGN(cmsg->cmsg_len);

	if (next + sizeof(struct cmsghdr) > msg->msg_controllen)
		return NULL;
	return (struct cmsghdr *)((char *)msg->msg_control + next);
}

static int scm_send_one(struct socket *sock, struct cmsghdr *cmsg,
			struct scm_cookie *scm)
{
	struct ucred creds;
	int err;

	switch (cmsg->cmsg_type) {
	case SCM_RIGHTS:
		if (sock->ops->family != AF_UNIX)
			return -EINVAL;
		return scm_fp_copy(cmsg, &scm->fp);
	case SCM_CREDENTIALS:
		if (cmsg->cmsg_len != CMSG_LEN(sizeof(struct ucred)))
			return -EINVAL;
		memcpy(&creds, cmsg + 1, sizeof(creds));
		if ((err = scm_check_creds(&creds)))
			return err;
		scm->creds = creds;
		return 0;
	}
	return -EINVAL;
}

int scm_send(struct socket *sock, struct msghdr *msg, struct scm_cookie *scm)
{
	memset(scm, 0, sizeof(*scm));
	if (!msg->msg_control || msg->msg_controllen < sizeof(struct cmsghdr))
		return 0;
	for (struct cmsghdr *cmsg = msg->msg_control; cmsg;
	     cmsg = cmsg_next(msg, cmsg)) {
		int err = -EINVAL;
		if (!cmsg_ok(msg, cmsg) ||
		    (cmsg->cmsg_level == SOL_SOCKET &&
		     (err = scm_send_one(sock, cmsg, scm)))) {
			scm_destroy(scm);
			return err;
		}
		/* other levels are the protocol's (IP_PKTINFO ...): none here */
	}
	if (scm->fp && !scm->fp->count) {
		kfree(scm->fp);
		scm->fp = NULL;
	}
	return 0;
}

struct scm_fp_list *scm_fp_dup(struct scm_fp_list *fpl)
{
	size_t size = sizeof(*fpl) + fpl->count * sizeof(struct file *);
	struct scm_fp_list *new = kmalloc(size, GFP_KERNEL);

	if (!new)
		return NULL;
	memcpy(new, fpl, size);
	new->max = new->count;
	for (int i = 0; i < new->count; i++)
		get_file(new->fp[i]);
	return new;
}

/* --- receiving --- */

int put_cmsg(struct msghdr *msg, int level, int type, int len, const void *data)
{
	struct cmsghdr __user *cm = msg->msg_control_user;
	struct cmsghdr cmhdr;
	size_t cmlen = CMSG_LEN(len);

	if (!cm || msg->msg_controllen < sizeof(struct cmsghdr)) {
		msg->msg_flags |= MSG_CTRUNC;
		return 0;
	}
	if (msg->msg_controllen < cmlen) {
		msg->msg_flags |= MSG_CTRUNC;
		cmlen = msg->msg_controllen;
	}
	cmhdr.cmsg_level = level;
	cmhdr.cmsg_type = type;
	cmhdr.cmsg_len = cmlen;
	if (copy_to_user(cm, &cmhdr, sizeof(cmhdr)) ||
	    copy_to_user(cm + 1, data, cmlen - sizeof(cmhdr)))
		return -EFAULT;
	cmlen = MIN(CMSG_SPACE(len), msg->msg_controllen);
	msg->msg_control_user = (char __user *)msg->msg_control_user + cmlen;
	msg->msg_controllen -= cmlen;
	return 0;
}

/* One received file, a new descriptor of ours written to *ufd. */
static int scm_recv_one_fd(struct file *file, int __user *ufd, bool cloexec)
{
	int fd = fd_install_new(get_file(file), cloexec);

	if (fd < 0) {
		fput(file);
		return fd;
	}
	if (put_user(fd, ufd)) {
		close_fd(fd);
		return -EFAULT;
	}
	return 0;
}

/* Linux's scm_detach_fds: as many files as the control buffer has room
 * for become descriptors; if not all of them, MSG_CTRUNC, and the rest
 * are closed with the cookie. */
static void scm_detach_fds(struct msghdr *msg, struct scm_cookie *scm)
{
	struct cmsghdr __user *cm = msg->msg_control_user;
	bool cloexec = msg->msg_flags & MSG_CMSG_CLOEXEC;
	int fdmax = msg->msg_controllen <= sizeof(struct cmsghdr) ? 0 :
		    (msg->msg_controllen - sizeof(struct cmsghdr)) / sizeof(int);
	int i;

	fdmax = MIN(fdmax, scm->fp->count);
	for (i = 0; i < fdmax; i++)
		if (scm_recv_one_fd(scm->fp->fp[i], (int __user *)(cm + 1) + i, cloexec))
			break;
	if (i > 0) {
		struct cmsghdr cmhdr = {
			.cmsg_len = CMSG_LEN(i * sizeof(int)),
			.cmsg_level = SOL_SOCKET,
			.cmsg_type = SCM_RIGHTS,
		};
		if (!copy_to_user(cm, &cmhdr, sizeof(cmhdr))) {
			size_t cmlen = MIN(CMSG_SPACE(i * sizeof(int)), msg->msg_controllen);
			msg->msg_control_user = (char __user *)cm + cmlen;
			msg->msg_controllen -= cmlen;
		}
	}
	if (i < scm->fp->count || (scm->fp->count && fdmax <= 0))
		msg->msg_flags |= MSG_CTRUNC;
	scm_destroy(scm);
}

/* Linux's scm_recv_unix: no control buffer at all loses everything (and
 * says so if there was something); else credentials, then files. */
void scm_recv(struct msghdr *msg, struct scm_cookie *scm, bool passcred)
{
	if (!msg->msg_control_user) {
		if (passcred || scm->fp)
			msg->msg_flags |= MSG_CTRUNC;
		scm_destroy(scm);
		return;
	}
	if (passcred) {
		struct ucred creds = scm->creds;
		if (!creds.pid)		/* sent with nobody's: Linux's overflow ids */
			creds.uid = creds.gid = 65534;
		put_cmsg(msg, SOL_SOCKET, SCM_CREDENTIALS, sizeof(creds), &creds);
	}
	if (scm->fp)
		scm_detach_fds(msg, scm);
}
