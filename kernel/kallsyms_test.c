/* kallsyms_test.c - addresses turn back into names (what backtraces need). */
#include "kernel/selftest.h"
#include "kernel/kallsyms.h"

static __noinline int kallsyms_probe(void)
{
	return 0;
}

SELFTEST(kallsyms_lookup)
{
	unsigned long addr = (unsigned long)kallsyms_probe, off, size;
	const char *name = kallsyms_lookup(addr + 1, &off, &size);

	ST_ASSERT(name && !strcmp(name, "kallsyms_probe"));
	ST_ASSERT_EQ(off, 1);
	ST_ASSERT(size >= 1);
	ST_ASSERT_EQ(kallsyms_lookup_name("start_kernel"),
		     (unsigned long)kallsyms_lookup_name("start_kernel"));
	ST_ASSERT(kallsyms_lookup_name("start_kernel") != 0);
	ST_ASSERT(kallsyms_lookup(0x1234, NULL, NULL) == NULL);

	char buf[64];
	snprintf(buf, sizeof(buf), "%pS", (void *)(addr + 1));
	ST_ASSERT(!strncmp(buf, "kallsyms_probe+0x1/0x", 21));
	snprintf(buf, sizeof(buf), "%ps", (void *)addr);
	ST_ASSERT(!strcmp(buf, "kallsyms_probe"));
	return kallsyms_probe();
}
