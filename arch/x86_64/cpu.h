/*
 * cpu.h - one-instruction wrappers: port I/O, MSRs, control registers,
 * CPUID and the interrupt flag.  Safe in any context.
 */
#ifndef ARCH_X86_64_CPU_H
#define ARCH_X86_64_CPU_H

#include "kernel/types.h"

static inline void outb(u16 port, u8 v)
{
	__asm__ __volatile__("outb %0, %1" : : "a"(v), "Nd"(port));
}

static inline u8 inb(u16 port)
{
	u8 v;
	__asm__ __volatile__("inb %1, %0" : "=a"(v) : "Nd"(port));
	return v;
}

static inline void outw(u16 port, u16 v)
{
	__asm__ __volatile__("outw %0, %1" : : "a"(v), "Nd"(port));
}

static inline void outl(u16 port, u32 v)
{
	__asm__ __volatile__("outl %0, %1" : : "a"(v), "Nd"(port));
}

static inline u32 inl(u16 port)
{
	u32 v;
	__asm__ __volatile__("inl %1, %0" : "=a"(v) : "Nd"(port));
	return v;
}

/* The segment base MSRs (Linux's msr-index.h names).  In the kernel GS
 * is this CPU's (kernel/percpu.h) and the user's GS base waits in
 * MSR_KERNEL_GS_BASE, which SWAPGS exchanges with MSR_GS_BASE. */
#define MSR_FS_BASE		0xc0000100
#define MSR_GS_BASE		0xc0000101
#define MSR_KERNEL_GS_BASE	0xc0000102

static inline u64 rdmsr(u32 msr)
{
	u32 lo, hi;
	__asm__ __volatile__("rdmsr" : "=a"(lo), "=d"(hi) : "c"(msr));
	return ((u64)hi << 32) | lo;
}

static inline void wrmsr(u32 msr, u64 v)
{
	__asm__ __volatile__("wrmsr" : : "c"(msr), "a"((u32)v),
			     "d"((u32)(v >> 32)));
}

static inline u64 rdtsc(void)
{
	u32 lo, hi;
	__asm__ __volatile__("rdtsc" : "=a"(lo), "=d"(hi));
	return ((u64)hi << 32) | lo;
}

static inline void cpuid(u32 leaf, u32 sub, u32 *a, u32 *b, u32 *c, u32 *d)
{
	__asm__ __volatile__("cpuid"
			     : "=a"(*a), "=b"(*b), "=c"(*c), "=d"(*d)
			     : "a"(leaf), "c"(sub));
}

#define DEFINE_CR(n)							\
	static inline u64 read_cr##n(void)				\
	{								\
		u64 v;							\
		__asm__ __volatile__("mov %%cr" #n ", %0" : "=r"(v));	\
		return v;						\
	}								\
	static inline void write_cr##n(u64 v)				\
	{								\
		__asm__ __volatile__("mov %0, %%cr" #n			\
				     : : "r"(v) : "memory");		\
	}
DEFINE_CR(0)
DEFINE_CR(2)
DEFINE_CR(3)
DEFINE_CR(4)
#undef DEFINE_CR

static inline void invlpg(unsigned long addr)
{
	__asm__ __volatile__("invlpg (%0)" : : "r"(addr) : "memory");
}

static inline unsigned long local_save_flags(void)
{
	unsigned long flags;
	__asm__ __volatile__("pushfq; popq %0" : "=r"(flags) : : "memory");
	return flags;
}

#define X86_EFLAGS_IF	0x200
#define X86_EFLAGS_AC	0x40000	/* SMAP: kernel may touch user pages */

static inline void local_irq_disable(void)
{
	__asm__ __volatile__("cli" : : : "memory");
}

static inline void local_irq_enable(void)
{
	__asm__ __volatile__("sti" : : : "memory");
}

static inline bool irqs_disabled(void)
{
	return !(local_save_flags() & X86_EFLAGS_IF);
}

/* Disable interrupts and return whether they were on, for
 * local_irq_restore().  The pair nests; cli/sti alone would not. */
static inline unsigned long local_irq_save(void)
{
	unsigned long flags = local_save_flags();
	local_irq_disable();
	return flags;
}

static inline void local_irq_restore(unsigned long flags)
{
	if (flags & X86_EFLAGS_IF)
		local_irq_enable();
}

/* Wait for the next interrupt with interrupts enabled: sti's one
 * instruction delay makes "sti; hlt" free of the lost-wake-up race. */
static inline void safe_halt(void)
{
	__asm__ __volatile__("sti; hlt" : : : "memory");
}

static inline void cpu_relax(void)
{
	__asm__ __volatile__("pause" : : : "memory");
}

#endif
