/*
 * elf.h - the parts of the ELF64 format the loader reads (the System V
 * gABI and its x86-64 supplement; Linux's include/uapi/linux/elf.h).
 */
#ifndef KERNEL_ELF_H
#define KERNEL_ELF_H

#include "kernel/types.h"

#define EI_NIDENT	16
#define EI_CLASS	4
#define EI_DATA		5
#define EI_VERSION	6
#define ELFMAG		"\177ELF"
#define SELFMAG		4
#define ELFCLASS64	2
#define ELFDATA2LSB	1	/* little endian */
#define EV_CURRENT	1

#define ET_EXEC		2	/* fixed-address executable */
#define ET_DYN		3	/* position independent (static-pie, .so) */
#define EM_X86_64	62

#define PT_NULL		0
#define PT_LOAD		1
#define PT_DYNAMIC	2
#define PT_INTERP	3
#define PT_PHDR		6
#define PT_TLS		7
#define PT_GNU_STACK	0x6474e551

#define PF_X		0x1
#define PF_W		0x2
#define PF_R		0x4

typedef struct {
	unsigned char e_ident[EI_NIDENT];	/* magic, class, data, ... */
	u16 e_type;			/* ET_* */
	u16 e_machine;			/* EM_* */
	u32 e_version;
	u64 e_entry;			/* first instruction */
	u64 e_phoff;			/* program headers: file offset */
	u64 e_shoff;			/* section headers (unused here) */
	u32 e_flags;
	u16 e_ehsize;
	u16 e_phentsize;		/* size of one program header */
	u16 e_phnum;			/* how many */
	u16 e_shentsize;
	u16 e_shnum;
	u16 e_shstrndx;
} Elf64_Ehdr;

typedef struct {
	u32 p_type;			/* PT_* */
	u32 p_flags;			/* PF_* */
	u64 p_offset;			/* file offset of the segment */
	u64 p_vaddr;			/* where it goes in memory */
	u64 p_paddr;
	u64 p_filesz;			/* bytes in the file */
	u64 p_memsz;			/* bytes in memory (>= filesz: bss) */
	u64 p_align;
} Elf64_Phdr;

#endif
