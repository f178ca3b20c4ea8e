/*
 * binfmts.h - what exec hands a binary-format loader, and what it gets
 * back (Linux's struct linux_binprm, much reduced: no file, the image is a buffer in kernel memory).
 */
#ifndef KERNEL_BINFMTS_H
#define KERNEL_BINFMTS_H

#include "kernel/types.h"
#include "kernel/mm_types.h"

struct cred;

struct linux_binprm {
	/* in */
	const void *buf;		/* the whole executable image */
	size_t size;			/* its length in bytes */
	const char *filename;		/* for AT_EXECFN */
	const char *const *argv;	/* NULL-terminated kernel strings */
	const char *const *envp;	/* NULL-terminated kernel strings */
	const struct cred *cred;	/* the ids it will run with (NULL:
					 * the caller's), for the auxv */
	/* out, when the loader returns 0 */
	struct mm_struct *mm;		/* the new address space, mm_users 1 */
	unsigned long p;		/* initial user stack pointer */
	unsigned long entry;		/* initial user instruction pointer */
};

/* Load a static ELF64 x86-64 executable into a fresh mm.  0 or -errno
 * (-ENOEXEC: not an executable we can run).  kernel/binfmt_elf.c. */
int load_elf_binary(struct linux_binprm *bprm);

#endif
