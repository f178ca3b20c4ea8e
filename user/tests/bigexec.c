/* bigexec: a program file of more than 8 MiB (6 MiB of read-only data,
 * 2 MiB of initialized writable data) starts, and every byte of both
 * arrived as the file has it.  Real Go and Rust servers are this big; a
 * loader that read the whole file into one kernel buffer failed them. */
#include <stdio.h>

#include "check.h"

#define RO_WORDS	((6 << 20) / 4)
#define RW_WORDS	((2 << 20) / 4)

/* Blocks of different values, so a page in the wrong place shows. */
static const unsigned int ro[RO_WORDS] = {
	[0 ... RO_WORDS / 4 - 1] = 0x11111111,
	[RO_WORDS / 4 ... RO_WORDS / 2 - 1] = 0x22222222,
	[RO_WORDS / 2 ... RO_WORDS - 2] = 0x33333333,
	[RO_WORDS - 1] = 0x44444444,
};
static unsigned int rw[RW_WORDS] = {
	[0 ... RW_WORDS / 2 - 1] = 0x55555555,
	[RW_WORDS / 2 ... RW_WORDS - 1] = 0x66666666,
};

static unsigned int want_ro(unsigned i)
{
	return i < RO_WORDS / 4 ? 0x11111111 : i < RO_WORDS / 2 ? 0x22222222 :
	       i < RO_WORDS - 1 ? 0x33333333 : 0x44444444;
}

int main(void)
{
	unsigned bad = 0;

	for (unsigned i = 0; i < RO_WORDS; i++)
		bad += ro[i] != want_ro(i);
	report(bad == 0, "6 MiB of read-only data as in the file: %u words differ", bad);
	bad = 0;
	for (unsigned i = 0; i < RW_WORDS; i++)
		bad += rw[i] != (i < RW_WORDS / 2 ? 0x55555555u : 0x66666666u);
	report(bad == 0, "2 MiB of writable data as in the file: %u words differ", bad);
	for (unsigned i = 0; i < RW_WORDS; i++)
		rw[i] = i;
	bad = 0;
	for (unsigned i = 0; i < RW_WORDS; i++)
		bad += rw[i] != i;
	report(bad == 0, "and it can be written: %u words differ", bad);
	printf("bigexec: %s\n", failed ? "FAILED" : "all passed");
	return failed ? 1 : 0;
}
