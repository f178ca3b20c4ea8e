/*
 * seqlock.h - sequence counts: readers that never block the writer, as
 * in Linux's include/linux/seqlock.h.  For data read far more often
 * than written (the clock's conversion factors), where a reader can
 * simply try again:
 *
 *	do {
 *		seq = read_seqcount_begin(&s);
 *		... copy the data ...
 *	} while (read_seqcount_retry(&s, seq));
 *
 * The writer makes the count odd while it changes the data and even
 * again after; a reader that saw an odd count, or a different one at
 * the end, read a mix and retries.
 *
 * LOCKING: writers must exclude each other (a lock, or one CPU with
 * interrupts off) and must run with interrupts off: a reader in an
 * interrupt handler that interrupted a half-done write on its own CPU
 * would spin on the odd count forever.  The barriers are compiler
 * barriers because x86 keeps loads in order and stores in order
 * (Linux's smp_rmb and smp_wmb are the same there).
 */
#ifndef KERNEL_SEQLOCK_H
#define KERNEL_SEQLOCK_H

#include "kernel/types.h"
#include "arch/x86_64/cpu.h"

typedef struct {
	unsigned sequence;
} seqcount_t;

#define SEQCNT_ZERO(name)	{ 0 }

static inline unsigned read_seqcount_begin(const seqcount_t *s)
{
	unsigned seq;

	while ((seq = READ_ONCE(s->sequence)) & 1)
		cpu_relax();
	barrier();
	return seq;
}

static inline bool read_seqcount_retry(const seqcount_t *s, unsigned start)
{
	barrier();
	return READ_ONCE(s->sequence) != start;
}

static inline void write_seqcount_begin(seqcount_t *s)
{
	WRITE_ONCE(s->sequence, s->sequence + 1);
	barrier();
}

static inline void write_seqcount_end(seqcount_t *s)
{
	barrier();
	WRITE_ONCE(s->sequence, s->sequence + 1);
}

#endif
