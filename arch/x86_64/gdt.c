/*
 * gdt.c - each CPU's GDT and TSS.  Boot context: gdt_init() runs on the
 * CPU it sets up, with interrupts off, first on CPU 0's template copy
 * (before the per-CPU areas exist), then once more on every CPU's own.
 *
 * In long mode segments are almost flat: base and limit are ignored for
 * CS/DS/SS, and what remains is privilege (DPL) and the L bit that marks
 * 64-bit code.  The TSS no longer switches tasks; it only tells the CPU
 * which stack to use when an interrupt arrives from user mode (sp0) or on
 * a designated IST stack.  Each CPU needs its own: the stacks differ,
 * and LTR marks the TSS's descriptor busy, so two CPUs cannot share one
 * GDT entry either.
 */
#include "kernel/kernel.h"
#include "kernel/percpu.h"
#include "arch/x86_64/segment.h"
#include "arch/x86_64/cpu.h"

/* Descriptor bits: present, DPL, code/data, executable, readable/writable,
 * long mode (L), 4 KiB granularity. */
#define SEG_KCODE64	0x00af9a000000ffffULL
#define SEG_KCODE32	0x00cf9a000000ffffULL
#define SEG_KDATA	0x00cf92000000ffffULL
#define SEG_UCODE32	0x00cffa000000ffffULL
#define SEG_UDATA	0x00cff2000000ffffULL
#define SEG_UCODE64	0x00affa000000ffffULL

static const u64 gdt_template[GDT_ENTRIES] = {
	[GDT_ENTRY_KERNEL32_CS]	= SEG_KCODE32,
	[GDT_ENTRY_KERNEL_CS]	= SEG_KCODE64,
	[GDT_ENTRY_KERNEL_DS]	= SEG_KDATA,
	[GDT_ENTRY_USER32_CS]	= SEG_UCODE32,
	[GDT_ENTRY_USER_DS]	= SEG_UDATA,
	[GDT_ENTRY_USER_CS]	= SEG_UCODE64,
};

struct gdt_page {
	u64 gdt[GDT_ENTRIES];
} __aligned(16);

static DEFINE_PER_CPU(struct gdt_page, gdt_page);
DEFINE_PER_CPU(struct tss_struct, cpu_tss_rw);
/* This CPU's three IST stacks, NR_IST_STACKS * IST_STACK_SIZE bytes
 * (CPU 0's are these; the others' come from smpboot.c). */
static u8 boot_ist_stacks[NR_IST_STACKS][IST_STACK_SIZE] __aligned(16);
DEFINE_PER_CPU(u8 *, ist_stacks);

/* A 16-byte system descriptor of type 9 (available 64-bit TSS). */
static void set_tss_descriptor(u64 *slot, u64 base, u32 limit)
{
	slot[0] = (limit & 0xffff) | ((base & 0xffffff) << 16) |
		  (0x89ULL << 40) | ((u64)((limit >> 16) & 0xf) << 48) |
		  (((base >> 24) & 0xff) << 56);
	slot[1] = base >> 32;
}

struct desc_ptr {
	u16 size;
	u64 address;
} __packed;

/*
 * IST stack n's top, as the TSS gives it to the CPU, leaves 16 bytes
 * above for this CPU's GS base: the entry code for those vectors
 * (paranoid_interrupt in entry.S) cannot trust GS, which may still be
 * the user's, and finds the right one there, just above the frame the
 * CPU pushed.
 */
static u64 ist_top(u8 *stacks, int n)
{
	u64 top = (u64)stacks + (u64)n * IST_STACK_SIZE - 16;

	*(u64 *)top = this_cpu_read(this_cpu_off);
	return top;
}

void gdt_init(void)
{
	struct tss_struct *tss = this_cpu_ptr(&cpu_tss_rw);
	u64 *gdt = this_cpu_ptr(&gdt_page)->gdt;
	u8 *stacks = this_cpu_read(ist_stacks);

	if (!stacks)
		stacks = &boot_ist_stacks[0][0];
	memcpy(gdt, gdt_template, sizeof(gdt_template));
	tss->ist[IST_DOUBLE_FAULT - 1] = ist_top(stacks, IST_DOUBLE_FAULT);
	tss->ist[IST_NMI - 1] = ist_top(stacks, IST_NMI);
	tss->ist[IST_MACHINE_CHECK - 1] = ist_top(stacks, IST_MACHINE_CHECK);
	tss->io_bitmap_base = sizeof(*tss);	/* no I/O bitmap */
	set_tss_descriptor(&gdt[GDT_ENTRY_TSS], (u64)tss, sizeof(*tss) - 1);

	struct desc_ptr ptr = { sizeof(gdt_template) - 1, (u64)gdt };
	__asm__ __volatile__(
		"lgdt %0\n\t"
		/* reload CS with a far return to the next instruction */
		"pushq %1\n\t"
		"leaq 1f(%%rip), %%rax\n\t"
		"pushq %%rax\n\t"
		"lretq\n"
		"1:\n\t"
		"movl %2, %%eax\n\t"
		"movl %%eax, %%ds\n\t"
		"movl %%eax, %%es\n\t"
		"movl %%eax, %%ss\n\t"
		"ltr %w3\n\t"
		: : "m"(ptr), "i"(__KERNEL_CS), "i"(__KERNEL_DS),
		    "r"(GDT_TSS_SEL)
		: "rax", "memory");
}
