/* random.h - the kernel's random numbers (kernel/random.c). */
#ifndef KERNEL_RANDOM_H
#define KERNEL_RANDOM_H

#include "kernel/types.h"

/* Fill buf with n random bytes.  Context: any. */
void get_random_bytes(void *buf, size_t n);
u64 get_random_u64(void);

#endif
