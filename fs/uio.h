/*
 * uio.h - user I/O vectors: struct iovec as readv/writev/sendmsg pass it,
 * and import_iovec, which brings a user's array into the kernel.
 */
#ifndef FS_UIO_H
#define FS_UIO_H

#include "kernel/types.h"

struct iovec {
	void __user *iov_base;
	size_t iov_len;
};

#define UIO_MAXIOV	1024	/* most segments one call takes */
#define UIO_FASTIOV	8	/* segments a caller keeps on its stack */

/*
 * Copy nr iovecs from uvec into fast (if nr <= UIO_FASTIOV) or into a
 * kmalloc'ed array, left in *iovp either way (the caller kfree()s it
 * when it is not fast).  Returns the total length, or -EFAULT, -ENOMEM,
 * or -EINVAL for a negative length; a total past MAX_RW_COUNT is cut to
 * it, as Linux does.  The caller checks nr against UIO_MAXIOV (its
 * errno differs per call).
 */
ssize_t import_iovec(const struct iovec __user *uvec, unsigned long nr,
		     struct iovec *fast, struct iovec **iovp);

#endif
