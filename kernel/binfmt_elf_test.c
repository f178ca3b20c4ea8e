/*
 * binfmt_elf_test.c - self-tests for the ELF loader: bad headers are
 * -ENOEXEC; a small executable built here in memory loads with the
 * right VMAs, the right bytes at the right addresses, a zeroed bss, and
 * a well-formed initial stack.
 */
#include "kernel/selftest.h"
#include "kernel/mm.h"
#include "kernel/errno.h"
#include "kernel/elf.h"
#include "kernel/auxvec.h"
#include "kernel/binfmts.h"
#include "arch/x86_64/bootinfo.h"

/*
 * The image (file offsets):
 *	0x0000	ELF header, 2 program headers
 *	0x0100	code (7 bytes)			text: R+X, vaddr 0x400000
 *	0x1ff0	32 bytes of data, crossing a page boundary in memory,
 *		then 0x3000 bytes of bss		data: R+W, vaddr 0x601ff0
 *	0x2010	0xee filler that must NOT appear in the bss
 */
#define IMAGE_SIZE	0x3000
#define TEXT_VADDR	0x400000UL
#define DATA_OFF	0x1ff0
#define DATA_VADDR	(0x600000UL + DATA_OFF)
#define DATA_FILESZ	0x20
#define DATA_MEMSZ	0x3000
#define CODE_OFF	0x100

static const u8 code[] = { 0xb8, 0x3c, 0, 0, 0, 0x0f, 0x05 }; /* exit */

static void *make_image(u16 type, unsigned long bias)
{
	u8 *img = kzalloc(IMAGE_SIZE, GFP_KERNEL);
	if (!img)
		return NULL;
	Elf64_Ehdr *eh = (Elf64_Ehdr *)img;
	Elf64_Phdr *ph = (Elf64_Phdr *)(img + sizeof(*eh));

	memcpy(eh->e_ident, ELFMAG, SELFMAG);
	eh->e_ident[EI_CLASS] = ELFCLASS64;
	eh->e_ident[EI_DATA] = ELFDATA2LSB;
	eh->e_ident[EI_VERSION] = EV_CURRENT;
	eh->e_type = type;
	eh->e_machine = EM_X86_64;
	eh->e_version = EV_CURRENT;
	eh->e_entry = TEXT_VADDR - bias + CODE_OFF;
	eh->e_phoff = sizeof(*eh);
	eh->e_ehsize = sizeof(*eh);
	eh->e_phentsize = sizeof(*ph);
	eh->e_phnum = 2;
	ph[0] = (Elf64_Phdr){ .p_type = PT_LOAD, .p_flags = PF_R | PF_X,
		.p_offset = 0, .p_vaddr = TEXT_VADDR - bias,
		.p_filesz = CODE_OFF + sizeof(code),
		.p_memsz = CODE_OFF + sizeof(code), .p_align = PAGE_SIZE };
	ph[1] = (Elf64_Phdr){ .p_type = PT_LOAD, .p_flags = PF_R | PF_W,
		.p_offset = DATA_OFF, .p_vaddr = DATA_VADDR - bias,
		.p_filesz = DATA_FILESZ, .p_memsz = DATA_MEMSZ,
		.p_align = PAGE_SIZE };
	memcpy(img + CODE_OFF, code, sizeof(code));
	for (int i = 0; i < DATA_FILESZ; i++)
		img[DATA_OFF + i] = 0xa0 + i;
	memset(img + DATA_OFF + DATA_FILESZ, 0xee,
	       IMAGE_SIZE - DATA_OFF - DATA_FILESZ);
	return img;
}

static int load(void *img, size_t size, struct linux_binprm *bprm)
{
	static const char *const argv[] = { "prog", "arg1", NULL };
	static const char *const envp[] = { "HOME=/", NULL };

	*bprm = (struct linux_binprm){ .buf = img, .size = size,
		.filename = "/bin/prog", .argv = argv, .envp = envp };
	return load_elf_binary(bprm);
}

SELFTEST(elf_rejects_bad_headers)
{
	struct linux_binprm bprm;
	u8 *img = make_image(ET_EXEC, 0);
	Elf64_Ehdr *eh = (Elf64_Ehdr *)img;
	ST_ASSERT(img);
	unsigned long free_before = nr_free_pages();

	ST_ASSERT_EQ(load(img, 40, &bprm), -ENOEXEC);	/* truncated */
	eh->e_ident[1] = 'e';
	ST_ASSERT_EQ(load(img, IMAGE_SIZE, &bprm), -ENOEXEC);
	eh->e_ident[1] = 'E';
	eh->e_ident[EI_CLASS] = 1;			/* ELFCLASS32 */
	ST_ASSERT_EQ(load(img, IMAGE_SIZE, &bprm), -ENOEXEC);
	eh->e_ident[EI_CLASS] = ELFCLASS64;
	eh->e_machine = 3;				/* EM_386 */
	ST_ASSERT_EQ(load(img, IMAGE_SIZE, &bprm), -ENOEXEC);
	eh->e_machine = EM_X86_64;
	eh->e_type = 1;					/* ET_REL */
	ST_ASSERT_EQ(load(img, IMAGE_SIZE, &bprm), -ENOEXEC);
	eh->e_type = ET_EXEC;
	eh->e_phoff = IMAGE_SIZE - 8;			/* phdrs off the end */
	ST_ASSERT_EQ(load(img, IMAGE_SIZE, &bprm), -ENOEXEC);
	eh->e_phoff = sizeof(*eh);
	Elf64_Phdr *ph = (Elf64_Phdr *)(img + sizeof(*eh));
	ph[1].p_filesz = IMAGE_SIZE;			/* segment off the end */
	ST_ASSERT_EQ(load(img, IMAGE_SIZE, &bprm), -ENOEXEC);
	ph[1].p_filesz = DATA_FILESZ;
	ph[1].p_type = PT_INTERP;			/* needs ld.so */
	ST_ASSERT_EQ(load(img, IMAGE_SIZE, &bprm), -ENOEXEC);
	ST_ASSERT_EQ(nr_free_pages(), free_before);	/* no leak on failure */
	kfree(img);
	return 0;
}

/* Read len bytes of mm at addr into buf; whether all were there. */
static bool peek(struct mm_struct *mm, unsigned long addr, void *buf, int len)
{
	return access_remote_vm(mm, addr, buf, len, 0) == len;
}

static bool string_at(struct mm_struct *mm, unsigned long addr,
		      const char *want)
{
	char buf[32];
	int len = strlen(want) + 1;

	return peek(mm, addr, buf, len) && !memcmp(buf, want, len);
}

static int check_memory(struct mm_struct *mm)
{
	u8 buf[0x40];

	ST_ASSERT(peek(mm, TEXT_VADDR, buf, 4) && !memcmp(buf, ELFMAG, 4));
	ST_ASSERT(peek(mm, TEXT_VADDR + CODE_OFF, buf, sizeof(code)));
	ST_ASSERT(!memcmp(buf, code, sizeof(code)));
	ST_ASSERT(peek(mm, DATA_VADDR, buf, DATA_FILESZ));
	for (int i = 0; i < DATA_FILESZ; i++)
		ST_ASSERT_EQ(buf[i], 0xa0 + i);
	/* bss: zero right after the file part and in the later pages. */
	ST_ASSERT(peek(mm, DATA_VADDR + DATA_FILESZ, buf, sizeof(buf)));
	for (unsigned i = 0; i < sizeof(buf); i++)
		ST_ASSERT_EQ(buf[i], 0);
	ST_ASSERT(peek(mm, DATA_VADDR + DATA_MEMSZ - 8, buf, 8));
	ST_ASSERT(!memcmp(buf, "\0\0\0\0\0\0\0", 8));
	ST_ASSERT_EQ(mm->start_brk, PAGE_ALIGN(DATA_VADDR + DATA_MEMSZ));
	ST_ASSERT_EQ(mm->brk, mm->start_brk);
	return 0;
}

static int check_vmas(struct mm_struct *mm)
{
	struct vm_area_struct *text = find_vma(mm, TEXT_VADDR);
	struct vm_area_struct *data = find_vma(mm, DATA_VADDR);
	struct vm_area_struct *stack = find_vma(mm, STACK_TOP - 1);

	ST_ASSERT_EQ(mm->map_count, 3);
	ST_ASSERT(text && text->vm_start == TEXT_VADDR &&
		  text->vm_end == TEXT_VADDR + PAGE_SIZE &&
		  text->vm_flags == (VM_READ | VM_EXEC));
	ST_ASSERT(data && data->vm_start == ALIGN_DOWN(DATA_VADDR, PAGE_SIZE) &&
		  data->vm_end == PAGE_ALIGN(DATA_VADDR + DATA_MEMSZ) &&
		  data->vm_flags == (VM_READ | VM_WRITE));
	ST_ASSERT(stack && stack->vm_end == STACK_TOP &&
		  (stack->vm_flags & VM_GROWSDOWN));
	return 0;
}

/* Walk argc, argv, envp and auxv at sp. */
static int check_stack(struct mm_struct *mm, unsigned long sp,
		       unsigned long entry)
{
	u64 w[64];
	u8 rnd[16];

	ST_ASSERT_EQ(sp & 15, 0);
	int n = MIN(sizeof(w), STACK_TOP - sp) / 8;
	memset(w, 0xff, sizeof(w));
	ST_ASSERT(peek(mm, sp, w, n * 8));
	ST_ASSERT_EQ(w[0], 2);
	ST_ASSERT(string_at(mm, w[1], "prog"));
	ST_ASSERT(string_at(mm, w[2], "arg1"));
	ST_ASSERT_EQ(w[3], 0);
	ST_ASSERT(string_at(mm, w[4], "HOME=/"));
	ST_ASSERT_EQ(w[5], 0);
	ST_ASSERT_EQ(mm->arg_start, w[1]);

	unsigned long got = 0;
	int i;
	for (i = 6; i + 1 < n && w[i] != AT_NULL; i += 2) {
		u64 type = w[i], val = w[i + 1];
		got |= 1UL << type;
		if (type == AT_PAGESZ)
			ST_ASSERT_EQ(val, PAGE_SIZE);
		if (type == AT_PHDR)
			ST_ASSERT_EQ(val, TEXT_VADDR + sizeof(Elf64_Ehdr));
		if (type == AT_PHNUM)
			ST_ASSERT_EQ(val, 2);
		if (type == AT_PHENT)
			ST_ASSERT_EQ(val, sizeof(Elf64_Phdr));
		if (type == AT_ENTRY)
			ST_ASSERT_EQ(val, entry);
		if (type == AT_SECURE)
			ST_ASSERT_EQ(val, 0);
		if (type == AT_EXECFN)
			ST_ASSERT(string_at(mm, val, "/bin/prog"));
		if (type == AT_RANDOM)
			ST_ASSERT(val > sp && val + 16 <= STACK_TOP &&
				  peek(mm, val, rnd, 16));
	}
	ST_ASSERT(i + 1 < n && w[i] == AT_NULL);
	const unsigned long need = 1UL << AT_PAGESZ | 1UL << AT_RANDOM |
		1UL << AT_PHDR | 1UL << AT_ENTRY | 1UL << AT_EXECFN |
		1UL << AT_UID | 1UL << AT_EGID;
	ST_ASSERT_EQ(got & need, need);
	return 0;
}

SELFTEST(elf_loads_static_exec)
{
	struct linux_binprm bprm;
	u8 *img = make_image(ET_EXEC, 0);
	ST_ASSERT(img);

	int err = load(img, IMAGE_SIZE, &bprm);
	kfree(img);
	ST_ASSERT_EQ(err, 0);
	ST_ASSERT_EQ(bprm.entry, TEXT_VADDR + CODE_OFF);
	int r = check_vmas(bprm.mm);
	if (!r)
		r = check_memory(bprm.mm);
	if (!r)
		r = check_stack(bprm.mm, bprm.p, bprm.entry);
	mmput(bprm.mm);
	return r;
}

/* The same program as static-pie, linked at 0: placed by the loader. */
SELFTEST(elf_loads_static_pie)
{
	const unsigned long base = 0x555555554000UL;
	struct linux_binprm bprm;
	u8 *img = make_image(ET_DYN, TEXT_VADDR);
	ST_ASSERT(img);

	int err = load(img, IMAGE_SIZE, &bprm);
	kfree(img);
	ST_ASSERT_EQ(err, 0);
	ST_ASSERT_EQ(bprm.entry, base + CODE_OFF);
	struct vm_area_struct *text = find_vma(bprm.mm, 0);
	int r = 0;
	if (!text || text->vm_start != base ||
	    !(text->vm_flags & VM_EXEC))
		r = -1;
	u8 buf[sizeof(code)];
	if (!r && !(peek(bprm.mm, base + CODE_OFF, buf, sizeof(code)) &&
		    !memcmp(buf, code, sizeof(code))))
		r = -1;
	mmput(bprm.mm);
	ST_ASSERT_EQ(r, 0);
	return 0;
}

/* Whether every PT_LOAD of the image is in mm byte for byte, with its
 * bss zeroed.  Works for any static executable. */
static int check_segments(struct mm_struct *mm, const u8 *img,
			  unsigned long bias)
{
	const Elf64_Ehdr *eh = (const Elf64_Ehdr *)img;
	const Elf64_Phdr *ph = (const Elf64_Phdr *)(img + eh->e_phoff);
	u8 buf[256];

	for (unsigned i = 0; i < eh->e_phnum; i++, ph++) {
		if (ph->p_type != PT_LOAD)
			continue;
		for (u64 off = 0; off < ph->p_memsz; off += sizeof(buf)) {
			int n = MIN(sizeof(buf), ph->p_memsz - off);
			ST_ASSERT(peek(mm, ph->p_vaddr + bias + off, buf, n));
			for (int j = 0; j < n; j++) {
				u64 o = off + j;
				u8 want = o < ph->p_filesz ?
					  img[ph->p_offset + o] : 0;
				ST_ASSERT_EQ(buf[j], want);
			}
		}
	}
	return 0;
}

/*
 * On request: load a real static program given to GRUB as a module
 * (tools/mkiso.sh ISO KERNEL "test selftest=elf_load_boot_module" prog)
 * and compare the address space with the file.
 */
SELFTEST_ON_REQUEST(elf_load_boot_module)
{
	static const char *const argv[] = { "prog", NULL };
	static const char *const envp[] = { NULL };

	ST_ASSERT(bootinfo.nr_modules > 0);
	const struct boot_module *m = &bootinfo.modules[0];
	const u8 *img = phys_to_virt(m->start);
	struct linux_binprm bprm = { .buf = img, .size = m->end - m->start,
		.filename = m->name, .argv = argv, .envp = envp };
	pr_info("    # loading module '%s', %lu bytes\n", m->name,
		(unsigned long)bprm.size);
	ST_ASSERT_EQ(load_elf_binary(&bprm), 0);
	struct mm_struct *mm = bprm.mm;
	struct vm_area_struct *vma;
	list_for_each_entry(vma, &mm->mmap, vm_list)
		pr_info("    # %012lx-%012lx %c%c%c%s\n", vma->vm_start,
			vma->vm_end, vma->vm_flags & VM_READ ? 'r' : '-',
			vma->vm_flags & VM_WRITE ? 'w' : '-',
			vma->vm_flags & VM_EXEC ? 'x' : '-',
			vma->vm_flags & VM_GROWSDOWN ? " [stack]" : "");
	pr_info("    # entry %lx sp %lx brk %lx\n", bprm.entry, bprm.p,
		mm->brk);
	/* The load bias is how far the entry point moved (static-pie). */
	unsigned long bias = bprm.entry - ((const Elf64_Ehdr *)img)->e_entry;
	int r = check_segments(mm, img, bias);
	mmput(mm);
	return r;
}
