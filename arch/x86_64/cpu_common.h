/* cpu_common.h - SMEP and SMAP (arch/x86_64/cpu_common.c). */
#ifndef ARCH_X86_64_CPU_COMMON_H
#define ARCH_X86_64_CPU_COMMON_H

#include "kernel/types.h"

/* Turn on SMEP and SMAP if the CPU has them.  Boot, once. */
void setup_smep_smap(void);
/* Whether SMAP is on: kernel access to user pages needs EFLAGS.AC. */
extern bool smap_enabled;

/* cpuinfo.c: this CPU's CPUID facts, recorded as it comes up; and
 * /proc/cpuinfo, one block per online CPU. */
void identify_cpu(void);
struct seq_file;
void show_cpuinfo(struct seq_file *m);

#endif
