/*
 * asm.h - two pieces of assembly that C and .S files both emit:
 *
 * _ASM_EXTABLE(insn, fixup): an exception-table entry.  If the
 *	instruction at insn faults in kernel mode, the fault handler
 *	resumes at fixup instead of oopsing (see extable.c).  Only the
 *	user-access code may have entries: each one says "a fault here
 *	is the user's fault, not a kernel bug".
 *
 * ASM_STAC / ASM_CLAC: open and close a window in which the kernel may
 *	touch user memory while SMAP is on (see cpu_common.c).  They are
 *	assembled as 3-byte NOPs and recorded in .smap_alternatives;
 *	setup_smep_smap() rewrites them into stac/clac when the CPU has
 *	SMAP, because on a CPU without it stac/clac are invalid opcodes.
 *	(Linux's ALTERNATIVE mechanism, reduced to this one use.)
 */
#ifndef ARCH_X86_64_ASM_H
#define ARCH_X86_64_ASM_H

/* Third byte of stac (0f 01 cb) and clac (0f 01 ca). */
#define STAC_LAST_BYTE	0xcb
#define CLAC_LAST_BYTE	0xca

#ifdef __ASSEMBLER__

#define _ASM_EXTABLE(insn, fixup)				\
	.pushsection __ex_table, "a" ;				\
	.balign 8 ;						\
	.quad insn, fixup ;					\
	.popsection

#define __ASM_SMAP(last)					\
	661: .byte 0x0f, 0x1f, 0x00 ;				\
	.pushsection .smap_alternatives, "a" ;			\
	.balign 8 ;						\
	.quad 661b, last ;					\
	.popsection

#define ASM_STAC	__ASM_SMAP(STAC_LAST_BYTE)
#define ASM_CLAC	__ASM_SMAP(CLAC_LAST_BYTE)

#else

#define __stringify_1(x)	#x
#define __stringify(x)		__stringify_1(x)

#define _ASM_EXTABLE(insn, fixup)				\
	".pushsection __ex_table, \"a\"\n"			\
	".balign 8\n"						\
	".quad " #insn ", " #fixup "\n"				\
	".popsection\n"

#define __ASM_SMAP(last)					\
	"661: .byte 0x0f, 0x1f, 0x00\n"				\
	".pushsection .smap_alternatives, \"a\"\n"		\
	".balign 8\n"						\
	".quad 661b, " __stringify(last) "\n"			\
	".popsection\n"

#define ASM_STAC	__ASM_SMAP(STAC_LAST_BYTE)
#define ASM_CLAC	__ASM_SMAP(CLAC_LAST_BYTE)

#endif
#endif
