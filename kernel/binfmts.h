/*
 * binfmts.h - what exec hands a binary-format loader, and what it gets
 * back (Linux's struct linux_binprm, much reduced).
 *
 * The program is a file (inode): exec reads only its first bytes (buf,
 * the ELF header and, usually, the program headers) and the loader
 * copies each segment from the file's pages into the new address space,
 * so a program may be as large as memory allows.  The self-tests hand
 * in an image in memory instead (inode NULL: buf holds all size bytes).
 */
#ifndef KERNEL_BINFMTS_H
#define KERNEL_BINFMTS_H

#include "kernel/types.h"
#include "kernel/mm_types.h"

struct cred;
struct inode;

#define BINPRM_BUF_SIZE	4096	/* the head of the file exec reads first */

struct linux_binprm {
	/* in */
	struct inode *inode;		/* the program file (NULL: buf is all) */
	const void *buf;		/* its first buf_len bytes */
	size_t buf_len;			/* MIN(size, BINPRM_BUF_SIZE); 0 = size */
	size_t size;			/* the file's length in bytes */
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
/* Copy len bytes at pos of the program into buf: 0, or -EIO if the
 * file is shorter than that now (fs/exec.c). */
int kernel_read_program(const struct linux_binprm *bprm, void *buf,
			size_t len, u64 pos);

#endif
