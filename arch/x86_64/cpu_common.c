/*
 * cpu_common.c - CPU features that protect the kernel from user memory.
 *
 * SMEP (CR4 bit 20): the CPU refuses to execute a user page in kernel
 * mode.  An exploit that redirects a kernel function pointer into a page
 * the attacker filled can then no longer run its code there.
 *
 * SMAP (CR4 bit 21): the CPU refuses kernel reads and writes of user
 * pages unless EFLAGS.AC is set.  Only the user-access primitives set it
 * (stac ... clac around each copy), so a kernel bug that dereferences a
 * user pointer directly oopses at once instead of quietly trusting
 * memory the user controls.  That is the design rule "every user pointer
 * goes through one checked copy path", enforced by the hardware.
 *
 * The stac/clac sites are NOPs until setup_smep_smap() finds SMAP and
 * patches them (asm.h).  Interrupt entry clears AC (entry.S), so an
 * interrupt arriving in the middle of a copy does not run with the
 * window open; iretq restores it for the copy.
 *
 * Context: boot, once, before anything touches user memory.
 */
#include "kernel/kernel.h"
#include "kernel/params.h"
#include "arch/x86_64/cpu.h"
#include "arch/x86_64/page.h"
#include "arch/x86_64/asm.h"
#include "arch/x86_64/cpu_common.h"

#define CR4_SMEP	(1UL << 20)
#define CR4_SMAP	(1UL << 21)
/* CPUID leaf 7, subleaf 0, EBX */
#define CPUID7_EBX_SMEP	(1U << 7)
#define CPUID7_EBX_SMAP	(1U << 20)

struct smap_alternative {
	unsigned long site;	/* a 3-byte NOP in .text */
	unsigned long last;	/* STAC_LAST_BYTE or CLAC_LAST_BYTE */
};
extern const struct smap_alternative __start_smap_alternatives[];
extern const struct smap_alternative __stop_smap_alternatives[];

bool smap_enabled;
static bool nosmap, nosmep;

/* "nosmap"/"nosmep" turn the protections off (Linux had the same
 * options).  Needed under this project's hosts' KVM, whose instruction
 * emulator cannot run CLAC/STAC (see tools/qemu.sh). */
static int set_nosmap(const char *val)
{
	(void)val;
	nosmap = true;
	return 0;
}
__setup("nosmap", set_nosmap);

static int set_nosmep(const char *val)
{
	(void)val;
	nosmep = true;
	return 0;
}
__setup("nosmep", set_nosmep);

/* .text is mapped read-only; write the instructions through the direct
 * map's alias of the same physical bytes. */
static void apply_smap_alternatives(void)
{
	for (const struct smap_alternative *a = __start_smap_alternatives;
	     a < __stop_smap_alternatives; a++) {
		u8 *p = phys_to_virt(virt_to_phys((void *)a->site));
		p[0] = 0x0f;
		p[1] = 0x01;
		p[2] = (u8)a->last;
	}
	/* Serialize, so no stale decoded NOPs survive the patch. */
	u32 a, b, c, d;
	cpuid(0, 0, &a, &b, &c, &d);
}

void setup_smep_smap(void)
{
	u32 max, ebx = 0, unused;

	cpuid(0, 0, &max, &unused, &unused, &unused);
	if (max >= 7)
		cpuid(7, 0, &unused, &ebx, &unused, &unused);
	if (nosmep)
		ebx &= ~CPUID7_EBX_SMEP;
	if (nosmap)
		ebx &= ~CPUID7_EBX_SMAP;
	if (ebx & CPUID7_EBX_SMEP)
		write_cr4(read_cr4() | CR4_SMEP);
	if (ebx & CPUID7_EBX_SMAP) {
		apply_smap_alternatives();
		write_cr4(read_cr4() | CR4_SMAP);
		smap_enabled = true;
	}
	pr_info("cpu: SMEP %s, SMAP %s (%ld user-access sites)\n",
		ebx & CPUID7_EBX_SMEP ? "on" : nosmep ? "off (nosmep)" : "not supported",
		smap_enabled ? "on" : nosmap ? "off (nosmap)" : "not supported",
		(long)(__stop_smap_alternatives - __start_smap_alternatives));
}
