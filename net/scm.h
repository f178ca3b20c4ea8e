/*
 * scm.h - control messages ("socket-level control messages", SCM):
 * SCM_RIGHTS, which carries open files from one process to another,
 * and SCM_CREDENTIALS, which carries who sent a message.  Linux's
 * include/net/scm.h and net/core/scm.c.
 *
 * On the way out, sendmsg's control buffer (already a kernel copy) is
 * parsed into a struct scm_cookie: __scm_send takes a reference on
 * every file named, checks the credentials claimed.  The protocol hangs
 * what it keeps on its message (AF_UNIX: UNIXCB(skb)).  On the way in,
 * scm_recv writes SCM_CREDENTIALS and SCM_RIGHTS to the user's control
 * buffer, installing the files as new descriptors of the receiver, and
 * sets MSG_CTRUNC where the buffer is too small (the files that do not
 * fit are closed, as Linux closes them).
 *
 * Context: process context.  Nothing here runs under a spinlock: it
 * copies to user space and installs descriptors.
 */
#ifndef NET_SCM_H
#define NET_SCM_H

#include "net/sock.h"

#define SCM_RIGHTS	1
#define SCM_CREDENTIALS	2
#define SCM_MAX_FD	253	/* files in one message (Linux's limit) */

/* The x86-64 layout of a control message header. */
struct cmsghdr {
	size_t cmsg_len;	/* header and data, unpadded */
	int cmsg_level;
	int cmsg_type;
};

#define CMSG_ALIGN(len)	(((len) + sizeof(long) - 1) & ~(sizeof(long) - 1))
#define CMSG_LEN(len)	(sizeof(struct cmsghdr) + (len))
#define CMSG_SPACE(len)	(sizeof(struct cmsghdr) + CMSG_ALIGN(len))

/* Files in flight: references taken at send, handed over at receive. */
struct scm_fp_list {
	short count;			/* files in fp[] */
	short max;			/* room in fp[] */
	struct file *fp[];
};

/* What one sendmsg's control messages said, or what one recvmsg hands
 * over.  creds.pid == 0: no credentials. */
struct scm_cookie {
	struct ucred creds;
	struct scm_fp_list *fp;
};

/* Parse msg's control messages into scm (zeroed first).  0 or -EINVAL
 * (malformed, or not for this family), -EBADF, -EPERM, -ESRCH, -ENOMEM;
 * on failure nothing is held. */
int scm_send(struct socket *sock, struct msghdr *msg, struct scm_cookie *scm);
/* Drop what scm holds (the files' references). */
void scm_destroy(struct scm_cookie *scm);
/* A second reference to every file of fpl (MSG_PEEK's copy). */
struct scm_fp_list *scm_fp_dup(struct scm_fp_list *fpl);
void scm_fp_free(struct scm_fp_list *fpl);
/* Write scm to msg's control buffer: credentials if passcred, then the
 * files as new descriptors; consumes scm. */
void scm_recv(struct msghdr *msg, struct scm_cookie *scm, bool passcred);
/* One control message into msg's user buffer (Linux's put_cmsg). */
int put_cmsg(struct msghdr *msg, int level, int type, int len, const void *data);
/* Who the current process is, as SCM_CREDENTIALS says it (its real
 * ids) and as SO_PEERCRED does (its effective ids). */
void current_ucred(struct ucred *cred);
void current_peercred(struct ucred *cred);

#endif
