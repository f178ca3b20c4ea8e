/*
 * oom.h - the OOM killer (kernel/oom_kill.c).
 */
#ifndef KERNEL_OOM_H
#define KERNEL_OOM_H

#include "kernel/types.h"

/* Memory ran out: kill the process whose death frees the most, unless
 * one is dying already.  false: nothing could be killed.  Any context
 * but an interrupt handler; never sleeps. */
bool out_of_memory(void);
/* A user page fault found no page (Linux's pagefault_out_of_memory):
 * out_of_memory(), then let the victim run before the access is tried
 * again.  The page-fault handler. */
void pagefault_out_of_memory(void);

#endif
