/*
 * cpuinfo.c - what each CPU is, from CPUID, and /proc/cpuinfo in Linux's
 * format, one block per online CPU (Linux's arch/x86/kernel/cpu/common.c
 * identify_cpu and cpu/proc.c show_cpuinfo, in small).
 *
 * identify_cpu() runs on each CPU as it comes up (CPUID answers for the
 * CPU that executes it: the APIC ids differ) and fills that CPU's
 * struct cpuinfo_x86; /proc/cpuinfo only reads them.  The flags are
 * Linux's names for the CPUID bits we decode, in Linux's order of
 * feature words (1.EDX, 0x80000001.EDX, 1.ECX, 0x80000001.ECX, 7.EBX).
 *
 * Context: identify_cpu at bring-up, on the CPU; the rest process
 * context.  No lock: each CPU's record is written once, before the CPU
 * is online.
 */
#include "kernel/kernel.h"
#include "kernel/percpu.h"
#include "kernel/time.h"
#include "fs/seq_file.h"
#include "arch/x86_64/cpu.h"
#include "arch/x86_64/smp.h"
#include "arch/x86_64/apic.h"
#include "arch/x86_64/cpu_common.h"

struct cpuinfo_x86 {
	char vendor[16];
	char model_name[49];
	unsigned family, model, stepping, cpuid_level;
	unsigned apicid, initial_apicid, clflush;
	unsigned phys_bits, virt_bits;
	u32 words[5];		/* 1.EDX, 8001.EDX, 1.ECX, 8001.ECX, 7.EBX */
};

static DEFINE_PER_CPU(struct cpuinfo_x86, cpu_info);

/* Linux's x86_cap_flags names, bit by bit, for each word above. */
static const char *const cap_names[5][32] = {
	{ "fpu", "vme", "de", "pse", "tsc", "msr", "pae", "mce", "cx8", "apic",
	  NULL, "sep", "mtrr", "pge", "mca", "cmov", "pat", "pse36", "pn",
	  "clflush", NULL, "dts", "acpi", "mmx", "fxsr", "sse", "sse2", "ss",
	  "ht", "tm", "ia64", "pbe" },
	{ [11] = "syscall", [19] = "mp", [20] = "nx", [22] = "mmxext",
	  [25] = "fxsr_opt", [26] = "pdpe1gb", [27] = "rdtscp", [29] = "lm",
	  [30] = "3dnowext", [31] = "3dnow" },
	{ "pni", "pclmulqdq", "dtes64", "monitor", "ds_cpl", "vmx", "smx",
	  "est", "tm2", "ssse3", "cid", "sdbg", "fma", "cx16", "xtpr", "pdcm",
	  NULL, "pcid", "dca", "sse4_1", "sse4_2", "x2apic", "movbe", "popcnt",
	  "tsc_deadline_timer", "aes", "xsave", NULL, "avx", "f16c", "rdrand",
	  "hypervisor" },
	{ "lahf_lm", "cmp_legacy", "svm", "extapic", "cr8_legacy", "abm",
	  "sse4a", "misalignsse", "3dnowprefetch", "osvw", "ibs", "xop",
	  "skinit", "wdt", NULL, "lwp", "fma4", "tce", NULL, "nodeid_msr",
	  NULL, "tbm", "topoext", "perfctr_core", "perfctr_nb", NULL, "bpext",
	  "ptsc", "perfctr_llc", "mwaitx" },
	{ "fsgsbase", "tsc_adjust", "sgx", "bmi1", "hle", "avx2", NULL, "smep",
	  "bmi2", "erms", "invpcid", "rtm", "cqm", NULL, "mpx", "rdt_a",
	  "avx512f", "avx512dq", "rdseed", "adx", "smap", "avx512ifma",
	  "clflushopt", "clwb", "intel_pt", "avx512pf", "avx512er",
	  "avx512cd", "sha_ni", "avx512bw", "avx512vl" },
};

void identify_cpu(void)
{
	struct cpuinfo_x86 *c = this_cpu_ptr(&cpu_info);
	u32 a, b, cx, d, max_ext;

	cpuid(0, 0, &a, &b, &cx, &d);
	c->cpuid_level = a;
	memcpy(c->vendor, &b, 4);
	memcpy(c->vendor + 4, &d, 4);
	memcpy(c->vendor + 8, &cx, 4);
	c->vendor[12] = 0;
	cpuid(1, 0, &a, &b, &cx, &d);
	c->family = (a >> 8) & 0xf;
	c->model = (a >> 4) & 0xf;
	c->stepping = a & 0xf;
	if (c->family == 0xf)
		c->family += (a >> 20) & 0xff;
	if (c->family >= 6)
		c->model += ((a >> 16) & 0xf) << 4;
	c->clflush = ((b >> 8) & 0xff) * 8;
	c->initial_apicid = b >> 24;
	c->apicid = lapic_id();
	c->words[0] = d;
	c->words[2] = cx;
	if (c->cpuid_level >= 7) {
		cpuid(7, 0, &a, &b, &cx, &d);
		c->words[4] = b;
	}
	cpuid(0x80000000, 0, &max_ext, &b, &cx, &d);
	if (max_ext >= 0x80000001) {
		cpuid(0x80000001, 0, &a, &b, &cx, &d);
		c->words[1] = d;
		c->words[3] = cx;
	}
	if (max_ext >= 0x80000004) {
		u32 *name = (u32 *)c->model_name;
		for (u32 leaf = 0; leaf < 3; leaf++)
			cpuid(0x80000002 + leaf, 0, &name[leaf * 4], &name[leaf * 4 + 1],
			      &name[leaf * 4 + 2], &name[leaf * 4 + 3]);
		c->model_name[48] = 0;
	} else {
		strlcpy(c->model_name, "unknown", sizeof(c->model_name));
	}
	c->phys_bits = 36;
	c->virt_bits = 48;
	if (max_ext >= 0x80000008) {
		cpuid(0x80000008, 0, &a, &b, &cx, &d);
		c->phys_bits = a & 0xff;
		c->virt_bits = (a >> 8) & 0xff;
	}
}

static void show_flags(struct seq_file *m, const struct cpuinfo_x86 *c)
{
	seq_puts(m, "flags\t\t:");
	for (int w = 0; w < 5; w++)
		for (int bit = 0; bit < 32; bit++)
			if ((c->words[w] >> bit) & 1 && cap_names[w][bit])
				seq_printf(m, " %s", cap_names[w][bit]);
	seq_puts(m, "\n");
}

/* One block per online CPU, each ended by an empty line. */
void show_cpuinfo(struct seq_file *m)
{
	unsigned long khz = (unsigned long)tsc_khz();
	unsigned n = num_online_cpus();
	int cpu;

	for_each_online_cpu(cpu) {
		const struct cpuinfo_x86 *c = per_cpu_ptr(&cpu_info, cpu);
		const char *name = c->model_name;
		while (*name == ' ')
			name++;
		seq_printf(m, "processor\t: %d\nvendor_id\t: %s\ncpu family\t: %u\n"
			   "model\t\t: %u\nmodel name\t: %s\nstepping\t: %u\n",
			   cpu, c->vendor, c->family, c->model, name, c->stepping);
		seq_printf(m, "cpu MHz\t\t: %lu.%03lu\n", khz / 1000, khz % 1000);
		seq_printf(m, "physical id\t: 0\nsiblings\t: %u\ncore id\t\t: %d\n"
			   "cpu cores\t: %u\napicid\t\t: %u\ninitial apicid\t: %u\n",
			   n, cpu, n, c->apicid, c->initial_apicid);
		seq_printf(m, "fpu\t\t: yes\nfpu_exception\t: yes\ncpuid level\t: %u\n"
			   "wp\t\t: yes\n", c->cpuid_level);
		show_flags(m, c);
		/* Linux's bogomips: twice the TSC's MHz (the delay loop's
		 * count, calibrated against the TSC). */
		seq_printf(m, "bogomips\t: %lu.%02lu\n", khz * 2 / 1000, khz * 2 / 10 % 100);
		seq_printf(m, "clflush size\t: %u\ncache_alignment\t: %u\n"
			   "address sizes\t: %u bits physical, %u bits virtual\n"
			   "power management:\n\n", c->clflush, c->clflush,
			   c->phys_bits, c->virt_bits);
	}
}
