/*
 * binfmt_elf.c - loading a static ELF64 executable into a new address
 * space, and building the stack the C library starts on.
 *
 * Where Linux mmaps each PT_LOAD segment from the file, we make an
 * anonymous private mapping and copy the file's bytes in from its pages,
 * a chunk at a time (a private file mapping here is such a copy too:
 * mmap.c), so no buffer ever holds the whole program.  The copy
 * reproduces what a file mapping would show: the segment's first page
 * starts with the file bytes before p_vaddr (that is how the ELF header
 * and program headers of the first segment end up in memory, where
 * AT_PHDR points), and everything after p_filesz is zero (bss).
 *
 * Only static programs: a PT_INTERP (dynamic linker) is refused.  Both
 * ET_EXEC and static-pie (ET_DYN without PT_INTERP, placed at
 * ELF_ET_DYN_BASE) load.  No address randomization, so a student sees
 * the same addresses on every run (and in gdb on Linux with ASLR off).
 *
 * The new stack, from the top (STACK_TOP) down:
 *
 *	8 zero bytes
 *	the file name (AT_EXECFN)
 *	envp strings, argv strings (argv[0] lowest)
 *	"x86_64" (AT_PLATFORM), 16 random bytes (AT_RANDOM)
 *	padding so that the final rsp is 16-byte aligned
 *	auxv (type, value) pairs ending in AT_NULL
 *	NULL, envp[envc-1] ... envp[0]	(pointers, upward order)
 *	NULL, argv[argc-1] ... argv[0]
 *	argc				<- rsp at the first instruction
 *
 * Context: process context (allocates; faults pages of the new mm).
 */
#include "kernel/kernel.h"
#include "kernel/sched.h"
#include "kernel/cred.h"
#include "kernel/mm.h"
#include "kernel/mman.h"
#include "kernel/errno.h"
#include "kernel/elf.h"
#include "kernel/auxvec.h"
#include "kernel/binfmts.h"
#include "kernel/random.h"
#include "arch/x86_64/cpu.h"

/* Where a static-pie lands: two thirds up the address space, where
 * Linux (randomization off) puts PIE executables; fixed here because
 * there is no ASLR. */
#define ELF_ET_DYN_BASE		0x555555554000UL
/* The stack VMA starts this big and grows on demand (VM_GROWSDOWN). */
#define STACK_INIT_SIZE		(128UL << 10)
#define ELF_PLATFORM		"x86_64"
#define USER_HZ			100
#define AUXV_MAX_PAIRS		20

/* How many bytes of the file buf holds. */
static size_t head_len(const struct linux_binprm *bprm)
{
	return bprm->inode ? bprm->buf_len : bprm->size;
}

static int elf_check_header(const struct linux_binprm *bprm)
{
	const Elf64_Ehdr *eh = bprm->buf;

	if (head_len(bprm) < sizeof(*eh) || memcmp(eh->e_ident, ELFMAG, SELFMAG))
		return -ENOEXEC;
	if (eh->e_ident[EI_CLASS] != ELFCLASS64 ||
	    eh->e_ident[EI_DATA] != ELFDATA2LSB ||
	    eh->e_ident[EI_VERSION] != EV_CURRENT)
		return -ENOEXEC;
	if (eh->e_type != ET_EXEC && eh->e_type != ET_DYN)
		return -ENOEXEC;
	if (eh->e_machine != EM_X86_64)
		return -ENOEXEC;
	/* Program headers: the right size, not too many (Linux allows
	 * 64 KiB of them), wholly inside the file and aligned. */
	if (eh->e_phentsize != sizeof(Elf64_Phdr) || eh->e_phnum == 0 ||
	    eh->e_phnum > 65536 / sizeof(Elf64_Phdr))
		return -ENOEXEC;
	if (eh->e_phoff > bprm->size ||
	    bprm->size - eh->e_phoff < eh->e_phnum * sizeof(Elf64_Phdr) ||
	    (eh->e_phoff & 7))
		return -ENOEXEC;
	return 0;
}

static unsigned long elf_prot(u32 p_flags)
{
	return (p_flags & PF_R ? PROT_READ : 0) |
	       (p_flags & PF_W ? PROT_WRITE : 0) |
	       (p_flags & PF_X ? PROT_EXEC : 0);
}

#define ELF_COPY_CHUNK	(64UL << 10)

/*
 * Fill [addr, addr + len) of mm with the file's bytes at pos, through a
 * bounce buffer: the file's pages are read under vfs_lock, and the new
 * mm's pages are faulted in without it (that may allocate).  Forced: the
 * loader writes even into read-only text.
 */
static int elf_copy_in(struct mm_struct *mm, const struct linux_binprm *bprm,
		       unsigned long addr, u64 pos, size_t len)
{
	if (!bprm->inode) {
		const char *src = (const char *)bprm->buf + pos;
		return access_remote_vm(mm, addr, (void *)src, len,
					FOLL_WRITE | FOLL_FORCE) == (int)len ?
		       0 : -ENOMEM;
	}
	char *bounce = kmalloc(MIN(len, ELF_COPY_CHUNK), GFP_KERNEL);
	int err = bounce ? 0 : -ENOMEM;
	while (!err && len) {
		size_t n = MIN(len, ELF_COPY_CHUNK);
		err = kernel_read_program(bprm, bounce, n, pos);
		if (!err && access_remote_vm(mm, addr, bounce, n,
					     FOLL_WRITE | FOLL_FORCE) != (int)n)
			err = -ENOMEM;
		addr += n;
		pos += n;
		len -= n;
	}
	kfree(bounce);
	return err;
}

/* Map one PT_LOAD segment at p_vaddr + bias and fill it from the file. */
static int elf_map_segment(struct mm_struct *mm,
			   const struct linux_binprm *bprm,
			   const Elf64_Phdr *ph, unsigned long bias)
{
	unsigned long vaddr = ph->p_vaddr + bias;
	unsigned long pad = vaddr & ~PAGE_MASK;	/* file bytes before vaddr */

	if (!ph->p_memsz)
		return 0;
	if (ph->p_filesz > ph->p_memsz || ph->p_offset > bprm->size ||
	    bprm->size - ph->p_offset < ph->p_filesz)
		return -ENOEXEC;
	/* A file mapping needs vaddr and offset to agree within a page. */
	if ((ph->p_offset & ~PAGE_MASK) != pad)
		return -ENOEXEC;
	if (vaddr < MMAP_MIN_ADDR || vaddr >= TASK_SIZE ||
	    ph->p_memsz > TASK_SIZE - vaddr)
		return -ENOEXEC;

	unsigned long start = vaddr - pad;
	unsigned long end = PAGE_ALIGN(vaddr + ph->p_memsz);
	unsigned long addr = do_mmap(mm, start, end - start,
				     elf_prot(ph->p_flags),
				     MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED);
	if (IS_ERR_VALUE(addr))
		return (long)addr;
	if (!ph->p_filesz)
		return 0;
	/* The pages that hold file bytes are a mapping of the program, as
	 * /proc/<pid>/maps shows (Linux maps them from the file); the bss
	 * past them is anonymous. */
	unsigned long file_end = MIN(end, PAGE_ALIGN(vaddr + ph->p_filesz));
	if (bprm->inode) {
		int err = vma_set_file(mm, start, file_end, bprm->inode,
				       (ph->p_offset - pad) >> PAGE_SHIFT);
		if (err)
			return err;
	}
	return elf_copy_in(mm, bprm, start, ph->p_offset - pad,
			   pad + ph->p_filesz);
}

/* Where the program headers are in memory: inside the PT_LOAD whose file
 * range holds them (a PT_PHDR entry says the same, when present). */
static unsigned long elf_phdr_addr(const Elf64_Ehdr *eh,
				   const Elf64_Phdr *phdrs, unsigned long bias)
{
	for (unsigned i = 0; i < eh->e_phnum; i++) {
		const Elf64_Phdr *ph = &phdrs[i];
		if (ph->p_type == PT_LOAD && ph->p_offset <= eh->e_phoff &&
		    eh->e_phoff < ph->p_offset + ph->p_filesz)
			return ph->p_vaddr + (eh->e_phoff - ph->p_offset) + bias;
	}
	return 0;
}

/* Map every PT_LOAD; record code, data and the initial break in mm. */
static int elf_map_segments(struct mm_struct *mm,
			    const struct linux_binprm *bprm,
			    const Elf64_Phdr *phdrs, unsigned long bias)
{
	const Elf64_Ehdr *eh = bprm->buf;
	unsigned long elf_brk = 0;

	mm->start_code = mm->start_data = ~0UL;
	for (unsigned i = 0; i < eh->e_phnum; i++) {
		const Elf64_Phdr *ph = &phdrs[i];
		if (ph->p_type != PT_LOAD)
			continue;
		int err = elf_map_segment(mm, bprm, ph, bias);
		if (err)
			return err;
		unsigned long start = ph->p_vaddr + bias;
		if (ph->p_flags & PF_X) {
			mm->start_code = MIN(mm->start_code, start);
			mm->end_code = MAX(mm->end_code, start + ph->p_filesz);
		} else {
			mm->start_data = MIN(mm->start_data, start);
			mm->end_data = MAX(mm->end_data, start + ph->p_filesz);
		}
		elf_brk = MAX(elf_brk, start + ph->p_memsz);
	}
	if (!elf_brk)
		return -ENOEXEC;		/* nothing to load */
	if (mm->start_code == ~0UL)
		mm->start_code = mm->end_code = 0;
	if (mm->start_data == ~0UL)
		mm->start_data = mm->end_data = 0;
	mm->start_brk = mm->brk = PAGE_ALIGN(elf_brk);
	return 0;
}

/* Static programs only; and for static-pie, the bias that puts the
 * first segment at ELF_ET_DYN_BASE. */
static int elf_load_bias(const Elf64_Ehdr *eh, const Elf64_Phdr *phdrs,
			 unsigned long *bias)
{
	unsigned long first = ~0UL;

	for (unsigned i = 0; i < eh->e_phnum; i++) {
		if (phdrs[i].p_type == PT_INTERP)
			return -ENOEXEC;	/* needs a dynamic linker */
		if (phdrs[i].p_type == PT_LOAD)
			first = MIN(first, phdrs[i].p_vaddr);
	}
	*bias = 0;
	if (eh->e_type == ET_DYN && first != ~0UL)
		*bias = ALIGN_DOWN(ELF_ET_DYN_BASE - first, PAGE_SIZE);
	return 0;
}

static int count_strings(const char *const *v, size_t *bytes)
{
	int n = 0;

	for (; v && v[n]; n++)
		*bytes += strlen(v[n]) + 1;
	return n;
}

/* The new stack is assembled in a kernel buffer that mirrors the user
 * range [ubase, STACK_TOP); things are pushed downward from the top. */
struct stack_builder {
	char *kbuf;			/* kernel copy of [ubase, STACK_TOP) */
	unsigned long ubase;		/* user address of kbuf[0] */
	unsigned long p;		/* lowest user address used so far */
};

/* Push n bytes; returns their user address. */
static unsigned long push_bytes(struct stack_builder *sb, const void *src,
				size_t n)
{
	sb->p -= n;
	memcpy(sb->kbuf + (sb->p - sb->ubase), src, n);
	return sb->p;
}

/* Push the strings v[0..n-1] so that v[0] ends up lowest, and record
 * their user addresses in ptrs[]. */
static void push_strings(struct stack_builder *sb, const char *const *v,
			 int n, unsigned long *ptrs)
{
	for (int i = n - 1; i >= 0; i--)
		ptrs[i] = push_bytes(sb, v[i], strlen(v[i]) + 1);
}

/* Fill the auxiliary vector; returns the number of words used. */
static int fill_auxv(u64 *auxv, const struct linux_binprm *bprm,
		     unsigned long phdr_addr, unsigned long random,
		     unsigned long platform, unsigned long execfn)
{
	const Elf64_Ehdr *eh = bprm->buf;
	const struct cred *cred = bprm->cred ? bprm->cred : current_cred();
	u32 a, b, c, hwcap;
	int i = 0;

	cpuid(1, 0, &a, &b, &c, &hwcap);
#define NEW_AUX_ENT(type, val) do { auxv[i++] = (type); auxv[i++] = (val); } while (0)
	NEW_AUX_ENT(AT_HWCAP, hwcap);
	NEW_AUX_ENT(AT_PAGESZ, PAGE_SIZE);
	NEW_AUX_ENT(AT_CLKTCK, USER_HZ);
	NEW_AUX_ENT(AT_PHDR, phdr_addr);
	NEW_AUX_ENT(AT_PHENT, sizeof(Elf64_Phdr));
	NEW_AUX_ENT(AT_PHNUM, eh->e_phnum);
	NEW_AUX_ENT(AT_BASE, 0);		/* no interpreter */
	NEW_AUX_ENT(AT_FLAGS, 0);
	NEW_AUX_ENT(AT_ENTRY, bprm->entry);
	NEW_AUX_ENT(AT_UID, cred->uid);
	NEW_AUX_ENT(AT_EUID, cred->euid);
	NEW_AUX_ENT(AT_GID, cred->gid);
	NEW_AUX_ENT(AT_EGID, cred->egid);
	/* Set-id exec: the C library must distrust the environment. */
	NEW_AUX_ENT(AT_SECURE, cred->euid != cred->uid || cred->egid != cred->gid);
	NEW_AUX_ENT(AT_RANDOM, random);
	NEW_AUX_ENT(AT_PLATFORM, platform);
	NEW_AUX_ENT(AT_EXECFN, execfn);
	NEW_AUX_ENT(AT_NULL, 0);
#undef NEW_AUX_ENT
	BUG_ON(i > 2 * AUXV_MAX_PAIRS);
	return i;
}

/* Build argc/argv/envp/auxv and the strings in a kernel buffer, then
 * copy it onto the new stack in one go.  Sets bprm->p and mm's
 * arg/env bounds. */
static int create_elf_tables(struct linux_binprm *bprm, struct mm_struct *mm,
			     unsigned long phdr_addr)
{
	size_t strbytes = strlen(bprm->filename) + 1 + sizeof(ELF_PLATFORM);
	int argc = count_strings(bprm->argv, &strbytes);
	int envc = count_strings(bprm->envp, &strbytes);
	/* Linux's limit: strings may take a quarter of the stack limit. */
	if (strbytes > STACK_RLIMIT / 4)
		return -E2BIG;
	size_t words = 1 + (argc + 1) + (envc + 1) + 2 * AUXV_MAX_PAIRS;
	size_t size = ALIGN_UP(8 + strbytes + 16 + 16 + words * 8, 16);

	struct stack_builder sb = { .ubase = STACK_TOP - size, .p = STACK_TOP };
	sb.kbuf = kzalloc(size, GFP_KERNEL);
	u64 *table = kmalloc((words - 2 * AUXV_MAX_PAIRS) * 8, GFP_KERNEL);
	u64 *auxv = kmalloc(2 * AUXV_MAX_PAIRS * 8, GFP_KERNEL);
	int err = -ENOMEM;
	if (!sb.kbuf || !table || !auxv)
		goto out;

	sb.p -= 8;				/* zero word at the very top */
	unsigned long execfn = push_bytes(&sb, bprm->filename,
					  strlen(bprm->filename) + 1);
	mm->env_end = sb.p;
	push_strings(&sb, bprm->envp, envc, table + 1 + argc + 1);
	mm->env_start = mm->arg_end = sb.p;
	push_strings(&sb, bprm->argv, argc, table + 1);
	mm->arg_start = sb.p;
	unsigned long platform = push_bytes(&sb, ELF_PLATFORM,
					    sizeof(ELF_PLATFORM));
	u8 random[16];
	get_random_bytes(random, sizeof(random));
	unsigned long random_addr = push_bytes(&sb, random, sizeof(random));

	table[0] = argc;
	table[1 + argc] = 0;
	table[1 + argc + 1 + envc] = 0;
	int nauxv = fill_auxv(auxv, bprm, phdr_addr, random_addr, platform,
			      execfn);
	size_t ntable = 1 + argc + 1 + envc + 1;
	/* The ABI wants rsp (pointing at argc) 16-byte aligned. */
	sb.p = ALIGN_DOWN(sb.p - (ntable + nauxv) * 8, 16);
	memcpy(sb.kbuf + (sb.p - sb.ubase), table, ntable * 8);
	memcpy(sb.kbuf + (sb.p - sb.ubase) + ntable * 8, auxv, nauxv * 8);

	int len = STACK_TOP - sb.p;
	err = -EFAULT;
	if (access_remote_vm(mm, sb.p, sb.kbuf + (sb.p - sb.ubase), len,
			     FOLL_WRITE) != len)
		goto out;
	bprm->p = mm->start_stack = sb.p;
	err = 0;
out:
	kfree(sb.kbuf);
	kfree(table);
	kfree(auxv);
	return err;
}

/* The stack VMA below STACK_TOP; it grows down as it is touched. */
static int setup_arg_pages(struct mm_struct *mm)
{
	unsigned long addr = do_mmap(mm, STACK_TOP - STACK_INIT_SIZE,
				     STACK_INIT_SIZE, PROT_READ | PROT_WRITE,
				     MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED |
				     MAP_GROWSDOWN);
	return IS_ERR_VALUE(addr) ? (int)(long)addr : 0;
}

/* The program headers: in place in the head of the file if they are
 * there (they follow the ELF header in every linker's output), else read
 * into *copy, which the caller frees. */
static const Elf64_Phdr *elf_read_phdrs(const struct linux_binprm *bprm,
					void **copy)
{
	const Elf64_Ehdr *eh = bprm->buf;
	size_t len = eh->e_phnum * sizeof(Elf64_Phdr);

	*copy = NULL;
	if (eh->e_phoff + len <= head_len(bprm))
		return (const Elf64_Phdr *)((const char *)bprm->buf + eh->e_phoff);
	*copy = kmalloc(len, GFP_KERNEL);
	if (!*copy)
		return ERR_PTR(-ENOMEM);
	int err = kernel_read_program(bprm, *copy, len, eh->e_phoff);
	return err ? ERR_PTR(err) : *copy;
}

static int load_elf_phdrs(struct linux_binprm *bprm, const Elf64_Phdr *phdrs);

int load_elf_binary(struct linux_binprm *bprm)
{
	void *copy;
	int err = elf_check_header(bprm);

	if (err)
		return err;
	const Elf64_Phdr *phdrs = elf_read_phdrs(bprm, &copy);
	err = IS_ERR(phdrs) ? PTR_ERR(phdrs) : load_elf_phdrs(bprm, phdrs);
	kfree(copy);
	return err;
}

static int load_elf_phdrs(struct linux_binprm *bprm, const Elf64_Phdr *phdrs)
{
	const Elf64_Ehdr *eh = bprm->buf;
	unsigned long bias;
	int err = elf_load_bias(eh, phdrs, &bias);
	if (err)
		return err;

	struct mm_struct *mm = mm_alloc();
	if (!mm)
		return -ENOMEM;
	err = elf_map_segments(mm, bprm, phdrs, bias);
	if (err)
		goto bad;
	err = setup_arg_pages(mm);
	if (err)
		goto bad;
	bprm->entry = eh->e_entry + bias;
	err = create_elf_tables(bprm, mm, elf_phdr_addr(eh, phdrs, bias));
	if (err)
		goto bad;
	bprm->mm = mm;
	return 0;
bad:
	mmput(mm);
	return err;
}
