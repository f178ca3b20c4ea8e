/*
 * crash_test.c - tests that crash the kernel on purpose, run one per boot
 * ("selftest=fault" ...).  The host harness checks the report: the oops
 * must name the faulting function and the calls that led to it, and the
 * run must end with QEMU's failure status instead of hanging.
 */
#include "kernel/selftest.h"

/* noinline and used through a volatile pointer so the compiler keeps the
 * call chain that the backtrace must show. */
static __noinline int crash_deref(volatile int *p)
{
	return *p;
}

/* A variable, so the compiler cannot see (and object to) the bad address. */
static volatile int *volatile bad_pointer = (volatile int *)0x10;

static __noinline int crash_caller(void)
{
	return crash_deref(bad_pointer) + 1;
}

SELFTEST_ON_REQUEST(fault)
{
	return crash_caller();
}

static __noinline __noreturn void panic_caller(void)
{
	panic("selftest asked for a panic");
}

SELFTEST_ON_REQUEST(panic)
{
	panic_caller();
}

extern char _text[];

/* The kernel's code is mapped read-only: writing it must fault. */
SELFTEST_ON_REQUEST(write_text)
{
	*(volatile char *)_text = 0x90;
	return -1;
}

/* Data is mapped no-execute: jumping into it must fault. */
SELFTEST_ON_REQUEST(exec_data)
{
	static u8 code[16] = { 0xc3 };	/* ret */
	((void (*)(void))(void *)code)();
	return -1;
}
