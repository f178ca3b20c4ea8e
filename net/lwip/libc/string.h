/*
 * string.h for lwIP's sources, which include <string.h>: the kernel has
 * no libc, so this points them at kernel/string.c (memcpy, memset,
 * memcmp, memmove, strlen, strncmp).  Only lwIP is compiled with
 * net/lwip/libc on its include path.
 */
#ifndef NET_LIBC_STRING_H
#define NET_LIBC_STRING_H
#include "kernel/string.h"
#endif
