/*
 * random.c - random bytes for the kernel and for getrandom(2): AT_RANDOM
 * for each exec, lwIP's LWIP_RAND (initial sequence numbers, ephemeral
 * ports), the self-tests' keys.
 *
 * Where the CPU has RDRAND, every word comes from it.  Otherwise a
 * splitmix64 generator runs on a state seeded from, and stirred with,
 * the time stamp counter, whose low bits vary from boot to boot and call
 * to call.  That is not cryptographic (Linux's random.c is a ChaCha20
 * pool fed by interrupt timings); what we feed it to - musl's stack
 * canary and the seed of user programs' own generators - only needs
 * values that differ between runs and cannot be guessed casually.
 *
 * The file ends with getrandom(2), which runs in process context.
 *
 * Context: any.  LOCKING: random_lock (irqsave: interrupt handlers draw
 * numbers too) guards the seeding and the generator's state against
 * every CPU, so that two CPUs never step the state together and get the
 * same number (two connections with one initial sequence number).
 * RDRAND needs no lock: each CPU has its own.
 */
#include "kernel/kernel.h"
#include "kernel/random.h"
#include "kernel/sched.h"
#include "kernel/syscalls.h"
#include "fs/fs.h"
#include "arch/x86_64/cpu.h"
#include "arch/x86_64/uaccess.h"
#include "arch/x86_64/page.h"

#define CPUID1_ECX_RDRAND	(1U << 30)

static u64 state;
static bool seeded, has_rdrand;
static DEFINE_SPINLOCK(random_lock);

static bool rdrand64(u64 *v)
{
	bool ok;

	/* RDRAND may fail transiently (CF = 0); Intel advises 10 tries. */
	for (int i = 0; i < 10; i++) {
		__asm__ __volatile__("rdrand %0" : "=r"(*v), "=@ccc"(ok));
		if (ok)
			return true;
	}
	return false;
}

static u64 splitmix64(void)
{
	u64 z = (state += 0x9e3779b97f4a7c15ULL);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

static void random_seed(void)
{
	u32 a, b, c, d;

	cpuid(1, 0, &a, &b, &c, &d);
	has_rdrand = c & CPUID1_ECX_RDRAND;
	state = rdtsc();
	seeded = true;
}

u64 get_random_u64(void)
{
	unsigned long flags;
	u64 v;

	spin_lock_irqsave(&random_lock, flags);
	if (!seeded)
		random_seed();
	spin_unlock_irqrestore(&random_lock, flags);
	if (READ_ONCE(has_rdrand) && rdrand64(&v))
		return v;
	spin_lock_irqsave(&random_lock, flags);
	state ^= rdtsc();
	v = splitmix64();
	spin_unlock_irqrestore(&random_lock, flags);
	return v;
}

void get_random_bytes(void *buf, size_t n)
{
	u8 *p = buf;

	while (n) {
		u64 v = get_random_u64();
		size_t k = MIN(n, sizeof(v));
		memcpy(p, &v, k);
		p += k;
		n -= k;
	}
}

/*
 * getrandom(2).  The generator needs no seeding time (RDRAND, or the
 * TSC-seeded state), so it is "ready" from boot: the call never blocks,
 * and GRND_NONBLOCK and GRND_RANDOM (which once meant the blocking pool)
 * change nothing.  Like Linux, a request is cut to MAX_RW_COUNT, a fault
 * after some bytes returns the bytes written, and a long request stops
 * early (with what it has) when a signal is pending.
 *
 * Context: process context.
 */
#define GRND_NONBLOCK	0x0001
#define GRND_RANDOM	0x0002
#define GRND_INSECURE	0x0004
#define GETRANDOM_BLOCK	64

long sys_getrandom(char __user *buf, size_t count, unsigned int flags)
{
	u8 block[GETRANDOM_BLOCK];
	size_t done = 0;

	if (flags & ~(unsigned int)(GRND_NONBLOCK | GRND_RANDOM | GRND_INSECURE))
		return -EINVAL;
	/* "Insecure is fine" and "only the best" contradict each other. */
	if ((flags & (GRND_INSECURE | GRND_RANDOM)) ==
	    (GRND_INSECURE | GRND_RANDOM))
		return -EINVAL;
	count = MIN(count, MAX_RW_COUNT);
	if (!access_ok(buf, count))
		return -EFAULT;
	while (done < count) {
		size_t n = MIN(count - done, sizeof(block));
		get_random_bytes(block, n);
		size_t left = copy_to_user(buf + done, block, n);
		done += n - left;
		if (left)
			break;
		if (!(done % PAGE_SIZE) && done < count) {
			if (signal_pending(current))
				break;
			cond_resched();
		}
	}
	/* Do not leave random bytes that went to user space on the stack. */
	memset(block, 0, sizeof(block));
	__asm__ __volatile__("" : : "r"(block) : "memory");
	return done ? (long)done : (count ? -EFAULT : 0);
}
