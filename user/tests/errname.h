/*
 * errname.h - errno values by name, and the two checks most tests make
 * of a system call: "failed with this errno" and "returned this value".
 * Names, not strerror() texts, so a report reads like the man page.
 */
#ifndef USER_TESTS_ERRNAME_H
#define USER_TESTS_ERRNAME_H

#include <errno.h>
#include <string.h>

#include "check.h"

static inline const char *errname(int e)
{
	static const struct { int e; const char *n; } t[] = {
		{ 0, "no error" }, { EPERM, "EPERM" }, { ENOENT, "ENOENT" },
		{ ESRCH, "ESRCH" }, { EINTR, "EINTR" }, { EIO, "EIO" },
		{ ENXIO, "ENXIO" }, { E2BIG, "E2BIG" }, { ENOEXEC, "ENOEXEC" },
		{ EBADF, "EBADF" }, { ECHILD, "ECHILD" }, { EAGAIN, "EAGAIN" },
		{ ENOMEM, "ENOMEM" }, { EACCES, "EACCES" }, { EFAULT, "EFAULT" },
		{ EBUSY, "EBUSY" }, { EEXIST, "EEXIST" }, { EXDEV, "EXDEV" },
		{ ENODEV, "ENODEV" }, { ENOTDIR, "ENOTDIR" }, { EISDIR, "EISDIR" },
		{ EINVAL, "EINVAL" }, { ENFILE, "ENFILE" }, { EMFILE, "EMFILE" },
		{ ENOTTY, "ENOTTY" }, { EFBIG, "EFBIG" }, { ENOSPC, "ENOSPC" },
		{ ESPIPE, "ESPIPE" }, { EROFS, "EROFS" }, { EPIPE, "EPIPE" },
		{ ERANGE, "ERANGE" }, { EDEADLK, "EDEADLK" },
		{ ENAMETOOLONG, "ENAMETOOLONG" }, { ENOLCK, "ENOLCK" },
		{ ENOSYS, "ENOSYS" }, { ENOTEMPTY, "ENOTEMPTY" }, { ELOOP, "ELOOP" },
		{ ENODATA, "ENODATA" }, { EOVERFLOW, "EOVERFLOW" },
		{ EOPNOTSUPP, "EOPNOTSUPP" }, { EADDRINUSE, "EADDRINUSE" },
		{ EADDRNOTAVAIL, "EADDRNOTAVAIL" }, { ETIMEDOUT, "ETIMEDOUT" },
		{ ECANCELED, "ECANCELED" }, { EAFNOSUPPORT, "EAFNOSUPPORT" },
		{ ENOPROTOOPT, "ENOPROTOOPT" },
	};
	for (unsigned i = 0; i < sizeof(t) / sizeof(t[0]); i++)
		if (t[i].e == e)
			return t[i].n;
	return strerror(e);
}

/* ERR(call): errno cleared first, the result as a long. */
#define ERR(call) (errno = 0, (long)(call))

static inline void __attribute__((unused))
expect_errno(const char *what, long r, int want)
{
	int e = errno;

	if (r == -1 && e == want)
		report(1, "%s: %s", what, errname(want));
	else
		report(0, "%s: expected %s, got %ld (%s)", what, errname(want),
		       r, errname(r == -1 ? e : 0));
}

static inline void __attribute__((unused))
expect_value(const char *what, long r, long want)
{
	int e = errno;

	if (r == want)
		report(1, "%s: %ld", what, want);
	else
		report(0, "%s: expected %ld, got %ld (%s)", what, want, r,
		       errname(r == -1 ? e : 0));
}

#endif
