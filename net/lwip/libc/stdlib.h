/*
 * stdlib.h for lwIP's sources: netif.c wants atoi (kernel/string.c has
 * it) and mem.c includes this for malloc, which MEM_LIBC_MALLOC maps to
 * kmalloc through mem_clib_malloc (net/lwip/arch/cc.h) instead.
 */
#ifndef NET_LIBC_STDLIB_H
#define NET_LIBC_STDLIB_H
#include "kernel/string.h"
#endif
