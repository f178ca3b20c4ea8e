/*
 * arch/sys_arch.h - lwIP's operating-system seam.  With NO_SYS=1 lwIP
 * needs only a millisecond clock, sys_now() (net/lwip/sys_arch.c); there are
 * no semaphores, mailboxes or threads of its own.
 */
#ifndef NET_ARCH_SYS_ARCH_H
#define NET_ARCH_SYS_ARCH_H

#endif
