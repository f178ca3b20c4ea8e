/* kernel.h - what nearly every kernel file needs: types, strings, printk
 * and the ways to stop (panic, BUG_ON). */
#ifndef KERNEL_KERNEL_H
#define KERNEL_KERNEL_H

#include "kernel/types.h"
#include "kernel/string.h"
#include "kernel/printk.h"

int vsnprintf(char *buf, size_t size, const char *fmt, va_list ap);
int snprintf(char *buf, size_t size, const char *fmt, ...) __printf(3, 4);

/* Stop the machine with a message and a backtrace (kernel/panic.c). */
void panic(const char *fmt, ...) __printf(1, 2) __noreturn;

#define BUG_ON(cond)							\
	do {								\
		if (unlikely(cond))					\
			panic("BUG_ON(%s) at %s:%d", #cond, __FILE__,	\
			      __LINE__);				\
	} while (0)

#define WARN_ON(cond)							\
	({								\
		bool __w = !!(cond);					\
		if (unlikely(__w))					\
			printk(KERN_WARNING "WARNING: %s at %s:%d\n",	\
			       #cond, __FILE__, __LINE__);		\
		__w;							\
	})

#endif
