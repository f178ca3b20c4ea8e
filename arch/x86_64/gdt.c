/*
 * gdt.c - the final GDT and the TSS.  Boot context only (gdt_init runs
 * once, early, with interrupts off).
 *
 * In long mode segments are almost flat: base and limit are ignored for
 * CS/DS/SS, and what remains is privilege (DPL) and the L bit that marks
 * 64-bit code.  The TSS no longer switches tasks; it only tells the CPU
 * which stack to use when an interrupt arrives from user mode (sp0) or on
 * a designated IST stack.
 */
#include "kernel/kernel.h"
#include "arch/x86_64/segment.h"

/* Descriptor bits: present, DPL, code/data, executable, readable/writable,
 * long mode (L), 4 KiB granularity. */
#define SEG_KCODE64	0x00af9a000000ffffULL
#define SEG_KCODE32	0x00cf9a000000ffffULL
#define SEG_KDATA	0x00cf92000000ffffULL
#define SEG_UCODE32	0x00cffa000000ffffULL
#define SEG_UDATA	0x00cff2000000ffffULL
#define SEG_UCODE64	0x00affa000000ffffULL

static u64 gdt[GDT_ENTRIES] __aligned(16) = {
	[GDT_ENTRY_KERNEL32_CS]	= SEG_KCODE32,
	[GDT_ENTRY_KERNEL_CS]	= SEG_KCODE64,
	[GDT_ENTRY_KERNEL_DS]	= SEG_KDATA,
	[GDT_ENTRY_USER32_CS]	= SEG_UCODE32,
	[GDT_ENTRY_USER_DS]	= SEG_UDATA,
	[GDT_ENTRY_USER_CS]	= SEG_UCODE64,
};

struct tss_struct cpu_tss __aligned(16);
static u8 ist_stacks[3][IST_STACK_SIZE] __aligned(16);

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

void gdt_init(void)
{
	cpu_tss.ist[IST_DOUBLE_FAULT - 1] = (u64)ist_stacks[0] + IST_STACK_SIZE;
	cpu_tss.ist[IST_NMI - 1] = (u64)ist_stacks[1] + IST_STACK_SIZE;
	cpu_tss.ist[IST_MACHINE_CHECK - 1] = (u64)ist_stacks[2] + IST_STACK_SIZE;
	cpu_tss.io_bitmap_base = sizeof(cpu_tss);	/* no I/O bitmap */
	set_tss_descriptor(&gdt[GDT_ENTRY_TSS], (u64)&cpu_tss,
			   sizeof(cpu_tss) - 1);

	struct desc_ptr ptr = { sizeof(gdt) - 1, (u64)gdt };
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
