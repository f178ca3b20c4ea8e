/*
 * random.c - random bytes for the kernel (AT_RANDOM for now; later
 * perhaps TCP sequence numbers and port choice).
 *
 * Where the CPU has RDRAND, every word comes from it.  Otherwise a
 * splitmix64 generator runs on a state seeded from, and stirred with,
 * the time stamp counter, whose low bits vary from boot to boot and call
 * to call.  That is not cryptographic (Linux's random.c is a ChaCha20
 * pool fed by interrupt timings); what we feed it to - musl's stack
 * canary and the seed of user programs' own generators - only needs
 * values that differ between runs and cannot be guessed casually.
 *
 * Context: any.  No lock: with one CPU, an interrupt that draws numbers
 * in the middle of our update only stirs the state further.
 */
#include "kernel/kernel.h"
#include "kernel/random.h"
#include "arch/x86_64/cpu.h"

#define CPUID1_ECX_RDRAND	(1U << 30)

static u64 state;
static bool seeded, has_rdrand;

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
	u64 v;

	if (!seeded)
		random_seed();
	if (has_rdrand && rdrand64(&v))
		return v;
	state ^= rdtsc();
	return splitmix64();
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
