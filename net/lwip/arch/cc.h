/*
 * arch/cc.h - lwIP's view of the compiler and platform: our fixed-size
 * types, printk for diagnostics, panic for failed assertions.  lwIP
 * includes it from lwip/arch.h; there is no libc behind it.
 */
#ifndef NET_ARCH_CC_H
#define NET_ARCH_CC_H

#include "kernel/types.h"
#include "kernel/kernel.h"
#include "kernel/string.h"

/* gcc's freestanding stddef.h, stdint.h and limits.h are fine (limits.h
 * needs -D_LIBC_LIMITS_H_ under -nostdinc); inttypes.h, unistd.h and
 * ctype.h are libc's, so lwIP must not reach for them. */
#define LWIP_NO_INTTYPES_H	1
#define LWIP_NO_CTYPE_H		1
#define LWIP_NO_LIMITS_H	0
#define LWIP_NO_UNISTD_H	1
/* kernel/types.h already has ssize_t (long); tell lwIP not to make one. */
#define SSIZE_MAX		LONG_MAX

#define X8_F	"02x"
#define U16_F	"hu"
#define S16_F	"hd"
#define X16_F	"hx"
#define U32_F	"u"
#define S32_F	"d"
#define X32_F	"x"
#define SZT_F	"zu"

#define BYTE_ORDER	LITTLE_ENDIAN

#define LWIP_PLATFORM_DIAG(x)	do { printk x; } while (0)
#define LWIP_PLATFORM_ASSERT(x)	panic("lwIP: %s at %s:%d", x, __FILE__, __LINE__)

/* Used by MEM_LIBC_MALLOC (lwIP's heap is our kmalloc). */
void *lwip_port_malloc(size_t size);
void *lwip_port_calloc(size_t n, size_t size);
void lwip_port_free(void *p);
#define mem_clib_malloc	lwip_port_malloc
#define mem_clib_calloc	lwip_port_calloc
#define mem_clib_free	lwip_port_free

/* lwIP's own decimal parser; kernel/string.c provides it. */
int atoi(const char *s);

#endif
