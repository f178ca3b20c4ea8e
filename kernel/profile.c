/*
 * profile.c - the tick's profiler, Linux's kernel/profile.c in small.
 *
 * Booted with "profile=N", every timer tick that interrupts the kernel
 * adds one to the counter of the 2^N-byte slice of kernel text it
 * interrupted (ticks that find the CPU in user mode are not counted, as
 * in Linux).  At HZ ticks a second that is a statistical picture of
 * where the kernel spends its time: a function with a tenth of the
 * ticks took about a tenth of the time, the idle loop's included (the
 * ticks that find it in hlt are the time with nothing to do).
 *
 * /proc/profile reads the counters in Linux's layout, readprofile's
 * input: one unsigned int that says how many bytes a slice covers, then
 * one counter per slice, from _text on (a pc past _etext counts in the
 * last).  Any write clears them.  user/readprofile turns them into
 * functions with /boot/System.map.
 *
 * Context: profile_tick() runs in the timer interrupt, interrupts off;
 * the rest in process context.  LOCKING: one CPU, and only the tick
 * adds to the counters: a read racing a tick sees each counter before
 * or after it, and a reset racing one loses that tick.
 */
#include "kernel/kernel.h"
#include "kernel/mm.h"
#include "kernel/params.h"
#include "kernel/profile.h"
#include "arch/x86_64/ptrace.h"

extern char _text[], _etext[];

int prof_on;			/* "profile=" was given and memory found */
static unsigned prof_shift;
static unsigned long prof_len;	/* counters */
static unsigned int *prof_buffer;

static int set_profile(const char *val)
{
	if (!val || *val < '0' || *val > '9' || atoi(val) > 12)
		return -1;
	prof_shift = atoi(val);
	prof_on = 1;		/* profile_init() allocates, or gives up */
	return 0;
}
__setup("profile", set_profile);

void profile_init(void)
{
	if (!prof_on)
		return;
	prof_len = (unsigned long)(_etext - _text + (1UL << prof_shift) - 1) >> prof_shift;
	unsigned order = 0;
	while ((PAGE_SIZE << order) < prof_len * sizeof(*prof_buffer))
		order++;
	prof_buffer = (unsigned int *)__get_free_pages(__GFP_ZERO, order);
	if (!prof_buffer) {
		prof_on = 0;
		pr_warn("profile: no memory for %lu counters\n", prof_len);
		return;
	}
	pr_info("kernel profiling enabled (shift: %u)\n", prof_shift);
}

void profile_tick(struct pt_regs *regs)
{
	if (!prof_on || user_mode(regs))
		return;
	unsigned long pc = (regs->ip - (unsigned long)_text) >> prof_shift;
	prof_buffer[MIN(pc, prof_len - 1)]++;
}

/* As much as fits; the length of the whole (procfs grows its buffer
 * and asks again when that is more than it had room for). */
size_t profile_read(char *buf, size_t size)
{
	unsigned int step = 1U << prof_shift;
	size_t len = sizeof(step) + prof_len * sizeof(*prof_buffer);

	if (!prof_on || size < sizeof(step))
		return 0;
	memcpy(buf, &step, sizeof(step));
	memcpy(buf + sizeof(step), prof_buffer, MIN(len, size) - sizeof(step));
	return len;
}

void profile_reset(void)
{
	if (prof_on)
		memset(prof_buffer, 0, prof_len * sizeof(*prof_buffer));
}
