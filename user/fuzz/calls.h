/*
 * calls.h - the system calls the fuzzer makes (the kernel's own table,
 * turned into fuzz_syscalls.h at build time), the argument hints per
 * call, and the deterministic PRNG every choice comes from.
 *
 * A part of user/fuzz.c, included there at this point of the file (it
 * uses what comes before it and is one program with it, so its
 * functions are static as the rest).
 */
#ifndef USER_FUZZ_CALLS_H
#define USER_FUZZ_CALLS_H

/* ---- the system calls: the kernel's table ---- */

struct fuzz_call {
	int nr;
	const char *name;
	int nargs;
};

static const struct fuzz_call calls[] = {
#define FUZZ_SYSCALL(nr, name, nargs) { nr, #name, nargs },
#include "fuzz_syscalls.h"
#undef FUZZ_SYSCALL
};
#define NCALLS	(int)(sizeof(calls) / sizeof(calls[0]))

/*
 * Argument hints, one letter per argument: f descriptor, b buffer, l
 * length, p path, i integer, x flags, a address, P pid, s signal, z a
 * sigset size (8, mostly), v anything.  Unlisted calls take "vvvvvv".
 * The weight (default 10) makes the calls that end the child (exit,
 * execve, rt_sigreturn) or wreck its memory rarer, so that a child lives
 * long enough to be interesting.
 */
static const struct hint {
	const char *name, *args;
	int weight;
} hints[] = {
	{ "read", "fbl", 0 }, { "write", "fbl", 0 }, { "open", "pxi", 0 },
	{ "close", "f", 0 }, { "lseek", "fii", 0 }, { "ioctl", "fib", 0 },
	{ "readv", "fbi", 0 }, { "writev", "fbi", 0 }, { "pipe", "b", 0 },
	{ "dup", "f", 0 }, { "dup2", "ff", 0 }, { "fcntl", "fiv", 0 },
	{ "openat", "fpxi", 0 }, { "dup3", "ffx", 0 }, { "pipe2", "bx", 0 },
	{ "eventfd", "i", 0 }, { "eventfd2", "ix", 0 }, { "poll", "bii", 0 },
	{ "select", "ibbbb", 0 }, { "pselect6", "ibbbbb", 0 },
	{ "ppoll", "bibbz", 0 }, { "socket", "iii", 0 },
	{ "connect", "fbl", 0 }, { "accept", "fbb", 0 },
	{ "sendto", "fblxbl", 0 }, { "recvfrom", "fblxbb", 0 },
	{ "sendmsg", "fbx", 0 }, { "recvmsg", "fbx", 0 },
	{ "shutdown", "fi", 0 }, { "bind", "fbl", 0 }, { "listen", "fi", 0 },
	{ "getsockname", "fbb", 0 }, { "getpeername", "fbb", 0 },
	{ "socketpair", "iiib", 0 }, { "epoll_create", "i", 0 },
	{ "epoll_wait", "fbii", 0 }, { "epoll_ctl", "fifb", 0 },
	{ "epoll_pwait", "fbiibz", 0 }, { "epoll_create1", "x", 0 },
	{ "epoll_pwait2", "fbibbz", 0 }, { "pread64", "fbli", 0 },
	{ "pwrite64", "fbli", 0 }, { "sendfile", "ffbl", 0 },
	{ "creat", "pi", 0 }, { "truncate", "pi", 0 }, { "ftruncate", "fi", 0 },
	{ "chmod", "pi", 0 }, { "fchmod", "fi", 0 }, { "fchmodat", "fpi", 0 },
	{ "access", "pi", 0 }, { "faccessat", "fpi", 0 },
	{ "faccessat2", "fpix", 0 }, { "stat", "pb", 0 }, { "fstat", "fb", 0 },
	{ "lstat", "pb", 0 }, { "newfstatat", "fpbx", 0 },
	{ "statx", "fpxib", 0 }, { "getdents64", "fbl", 0 },
	{ "getcwd", "bl", 0 }, { "chdir", "p", 0 }, { "fchdir", "f", 0 },
	{ "mkdir", "pi", 0 }, { "mkdirat", "fpi", 0 }, { "rmdir", "p", 0 },
	{ "unlink", "p", 0 }, { "unlinkat", "fpx", 0 }, { "rename", "pp", 0 },
	{ "renameat", "fpfp", 0 }, { "renameat2", "fpfpx", 0 },
	{ "link", "pp", 0 }, { "linkat", "fpfpx", 0 }, { "symlink", "pp", 0 },
	{ "symlinkat", "pfp", 0 }, { "readlink", "pbl", 0 },
	{ "readlinkat", "fpbl", 0 }, { "setsockopt", "fiibl", 0 },
	{ "getsockopt", "fiibb", 0 }, { "accept4", "fbbx", 0 },
	{ "clone", "xabbb", 0 }, { "clone3", "bl", 0 },
	{ "execve", "pbb", 1 }, { "exit", "i", 1 }, { "exit_group", "i", 1 },
	{ "wait4", "Pbxb", 0 }, { "kill", "Ps", 2 }, { "tkill", "Ps", 2 },
	{ "tgkill", "PPs", 2 }, { "setpgid", "PP", 0 }, { "getpgid", "P", 0 },
	{ "getsid", "P", 0 }, { "chown", "pii", 0 }, { "fchown", "fii", 0 },
	{ "lchown", "pii", 0 }, { "fchownat", "fpiix", 0 },
	{ "rt_sigaction", "sbbz", 0 }, { "rt_sigprocmask", "ibbz", 0 },
	{ "rt_sigreturn", "", 1 }, { "rt_sigpending", "bz", 0 },
	{ "rt_sigsuspend", "bz", 2 }, { "rt_sigtimedwait", "bbbz", 0 },
	{ "rt_sigqueueinfo", "Psb", 0 }, { "rt_tgsigqueueinfo", "PPsb", 0 },
	{ "signalfd", "fbz", 0 }, { "signalfd4", "fbzx", 0 },
	{ "futex", "bixbbi", 0 }, { "set_robust_list", "bl", 0 },
	{ "get_robust_list", "Pbb", 0 }, { "sigaltstack", "bb", 0 },
	{ "mmap", "alxxfi", 0 }, { "mprotect", "alx", 3 },
	{ "munmap", "al", 3 }, { "brk", "a", 3 }, { "madvise", "alx", 3 },
	{ "nanosleep", "bb", 0 }, { "setitimer", "ibb", 0 },
	{ "getitimer", "ib", 0 }, { "alarm", "i", 0 },
	{ "clock_nanosleep", "ixbb", 0 }, { "arch_prctl", "ia", 1 },
	{ "set_tid_address", "b", 0 }, { "prlimit64", "Pibb", 0 },
	{ "setrlimit", "ib", 0 }, { "getrlimit", "ib", 0 },
	{ "sched_setaffinity", "Plb", 0 }, { "sched_getaffinity", "Plb", 0 },
	{ "getrandom", "blx", 0 }, { "pause", "", 2 }, { "reboot", "iiib", 0 },
};

/* ---- a deterministic PRNG (xorshift64*), one state per process ---- */

static uint64_t rng;

static uint64_t rnd(void)
{
	rng ^= rng >> 12;
	rng ^= rng << 25;
	rng ^= rng >> 27;
	return rng * 2685821657736338717ULL;
}

static uint64_t below(uint64_t n)
{
	return n ? rnd() % n : 0;
}

/* splitmix64: a child's seed from the run's seed, its slot and generation. */
static uint64_t mix(uint64_t x)
{
	x += 0x9e3779b97f4a7c15ULL;
	x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
	x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
	return x ^ (x >> 31);
}

#endif
