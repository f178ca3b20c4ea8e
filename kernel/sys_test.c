/*
 * sys_test.c - self-tests for uname, the resource limits, getrandom,
 * the affinity calls, sysinfo and getcpu, called with user pointers.
 */
#include "fs/fs.h"
#include "kernel/selftest.h"
#include "kernel/errno.h"
#include "kernel/resource.h"
#include "kernel/syscalls.h"
#include "kernel/user_test.h"
#include "arch/x86_64/uaccess.h"

#define UBUF	((void __user *)UT_BUF)
#define UHOLE	((void __user *)UT_HOLE)

static int check_uname(void)
{
	char u[6][65];

	ST_ASSERT_EQ(sys_uname(UBUF), 0);
	ST_ASSERT_EQ(copy_from_user(u, UBUF, sizeof(u)), 0);
	ST_ASSERT(!strcmp(u[0], "Linux"));
	ST_ASSERT(!strcmp(u[1], "epollos"));
	ST_ASSERT(!strncmp(u[2], "6.", 2));
	ST_ASSERT(u[3][0] == '#');
	ST_ASSERT(!strcmp(u[4], "x86_64"));
	ST_ASSERT(!strcmp(u[5], "(none)"));
	ST_ASSERT_EQ(sys_uname(UHOLE), -EFAULT);
	/* The struct ends 390 bytes in: one byte short is a fault. */
	ST_ASSERT_EQ(sys_uname((void __user *)(UT_BUF + UT_PAGES * PAGE_SIZE - 389)),
		     -EFAULT);
	return 0;
}

static int get_rl(unsigned int res, struct rlimit *rl)
{
	long r = sys_getrlimit(res, UBUF);

	if (!r && copy_from_user(rl, UBUF, sizeof(*rl)))
		return -1;
	return r;
}

static long set_rl(unsigned int res, unsigned long cur, unsigned long max)
{
	struct rlimit rl = { cur, max };

	if (copy_to_user(UBUF, &rl, sizeof(rl)))
		return -1;
	return sys_setrlimit(res, UBUF);
}

static int check_rlimits(void)
{
	struct rlimit rl, saved_stack, saved_nofile;

	ST_ASSERT_EQ(get_rl(RLIMIT_STACK, &saved_stack), 0);
	ST_ASSERT_EQ(saved_stack.rlim_cur, 8UL << 20);
	ST_ASSERT_EQ(saved_stack.rlim_max, RLIM_INFINITY);
	ST_ASSERT_EQ(get_rl(RLIMIT_NOFILE, &saved_nofile), 0);
	ST_ASSERT_EQ(saved_nofile.rlim_cur, 1024);
	ST_ASSERT_EQ(saved_nofile.rlim_max, NR_OPEN_MAX);	/* the table's size */
	ST_ASSERT_EQ(get_rl(RLIMIT_CORE, &rl), 0);
	ST_ASSERT(rl.rlim_cur == 0 && rl.rlim_max == RLIM_INFINITY);
	ST_ASSERT_EQ(get_rl(RLIMIT_NPROC, &rl), 0);
	ST_ASSERT(rl.rlim_cur >= 10 && rl.rlim_cur == rl.rlim_max);
	ST_ASSERT_EQ(sys_getrlimit(RLIM_NLIMITS, UBUF), -EINVAL);
	ST_ASSERT_EQ(sys_getrlimit(RLIM_NLIMITS, UHOLE), -EINVAL);
	ST_ASSERT_EQ(sys_getrlimit(RLIMIT_STACK, UHOLE), -EFAULT);
	ST_ASSERT_EQ(sys_setrlimit(RLIM_NLIMITS, UHOLE), -EFAULT);

	/* Lower the soft limit, raise it back up to the hard one. */
	ST_ASSERT_EQ(set_rl(RLIMIT_NOFILE, 100, 4096), 0);
	ST_ASSERT_EQ(rlimit(RLIMIT_NOFILE), 100);
	ST_ASSERT_EQ(set_rl(RLIMIT_NOFILE, 4096, 4096), 0);
	ST_ASSERT_EQ(set_rl(RLIMIT_NOFILE, 4097, 4096), -EINVAL);
	ST_ASSERT_EQ(set_rl(RLIMIT_NOFILE, 1024, NR_OPEN_MAX + 1), -EPERM);
	ST_ASSERT_EQ(set_rl(RLIM_NLIMITS, 1, 1), -EINVAL);
	ST_ASSERT_EQ(get_rl(RLIMIT_NOFILE, &rl), 0);
	ST_ASSERT(rl.rlim_cur == 4096 && rl.rlim_max == 4096);

	/* prlimit64: set and get in one call; pids other than ours. */
	struct rlimit __user *unew = UBUF, *uold = (void __user *)(UT_BUF + 64);
	struct rlimit new = { 8UL << 20, 16UL << 20 }, old;
	ST_ASSERT_EQ(copy_to_user(unew, &new, sizeof(new)), 0);
	ST_ASSERT_EQ(sys_prlimit64(0, RLIMIT_STACK, unew, uold), 0);
	ST_ASSERT_EQ(copy_from_user(&old, uold, sizeof(old)), 0);
	ST_ASSERT(old.rlim_cur == saved_stack.rlim_cur &&
		  old.rlim_max == saved_stack.rlim_max);
	ST_ASSERT_EQ(sys_prlimit64(current->pid, RLIMIT_STACK, NULL, uold), 0);
	ST_ASSERT_EQ(copy_from_user(&old, uold, sizeof(old)), 0);
	ST_ASSERT(old.rlim_cur == new.rlim_cur && old.rlim_max == new.rlim_max);
	ST_ASSERT_EQ(sys_prlimit64(0, RLIMIT_STACK, NULL, NULL), 0);
	ST_ASSERT_EQ(sys_prlimit64(99999, RLIMIT_STACK, NULL, uold), -ESRCH);
	ST_ASSERT_EQ(sys_prlimit64(0, 99, NULL, uold), -EINVAL);
	ST_ASSERT_EQ(sys_prlimit64(0, RLIMIT_STACK, UHOLE, uold), -EFAULT);
	ST_ASSERT_EQ(sys_prlimit64(0, RLIMIT_STACK, NULL, UHOLE), -EFAULT);

	/* Put back what the rest of the kernel expects. */
	ST_ASSERT_EQ(copy_to_user(unew, &saved_stack, sizeof(saved_stack)), 0);
	ST_ASSERT_EQ(sys_prlimit64(0, RLIMIT_STACK, unew, NULL), 0);
	ST_ASSERT_EQ(set_rl(RLIMIT_NOFILE, saved_nofile.rlim_cur,
			    saved_nofile.rlim_max), 0);
	return 0;
}

static int check_getrandom(void)
{
	u8 a[64], b[64];
	char __user *end = (char __user *)(UT_BUF + UT_PAGES * PAGE_SIZE);

	ST_ASSERT_EQ(sys_getrandom(UBUF, 0, 0), 0);
	ST_ASSERT_EQ(sys_getrandom(UHOLE, 0, 0), 0);
	ST_ASSERT_EQ(sys_getrandom(UBUF, 64, 0), 64);
	ST_ASSERT_EQ(copy_from_user(a, UBUF, 64), 0);
	ST_ASSERT_EQ(sys_getrandom(UBUF, 64, 1), 64);	/* GRND_NONBLOCK */
	ST_ASSERT_EQ(copy_from_user(b, UBUF, 64), 0);
	ST_ASSERT(memcmp(a, b, 64));
	ST_ASSERT_EQ(sys_getrandom(UBUF, 13, 2), 13);	/* GRND_RANDOM */
	ST_ASSERT_EQ(sys_getrandom(UBUF, 13, 4), 13);	/* GRND_INSECURE */
	ST_ASSERT_EQ(sys_getrandom(UBUF, 13, 3), 13);
	ST_ASSERT_EQ(sys_getrandom(UBUF, 13, 6), -EINVAL);
	ST_ASSERT_EQ(sys_getrandom(UBUF, 13, 8), -EINVAL);
	ST_ASSERT_EQ(sys_getrandom(UBUF, 13, 0x80000000u), -EINVAL);
	ST_ASSERT_EQ(sys_getrandom(UBUF, 3 * PAGE_SIZE + 5, 0), 3 * PAGE_SIZE + 5);
	ST_ASSERT_EQ(sys_getrandom(UHOLE, 8, 0), -EFAULT);
	ST_ASSERT_EQ(sys_getrandom((void __user *)&init_task, 8, 0), -EFAULT);
	/* Running off the end of the buffer: the bytes that fit. */
	ST_ASSERT_EQ(sys_getrandom(end - 100, 300, 0), 100);
	return 0;
}

static int check_affinity(void)
{
	unsigned long mask[16];

	memset(mask, 0xff, sizeof(mask));
	ST_ASSERT_EQ(copy_to_user(UBUF, mask, sizeof(mask)), 0);
	ST_ASSERT_EQ(sys_sched_getaffinity(0, 128, UBUF), 8);
	ST_ASSERT_EQ(copy_from_user(mask, UBUF, sizeof(mask)), 0);
	ST_ASSERT_EQ(mask[0], cpu_online_mask);	/* every CPU, at first */
	ST_ASSERT_EQ(mask[1], ~0UL);		/* beyond retlen: untouched */
	ST_ASSERT_EQ(sys_sched_getaffinity(current->pid, 8, UBUF), 8);
	ST_ASSERT_EQ(sys_sched_getaffinity(0, 0, UBUF), -EINVAL);
	ST_ASSERT_EQ(sys_sched_getaffinity(0, 4, UBUF), -EINVAL);
	ST_ASSERT_EQ(sys_sched_getaffinity(0, 12, UBUF), -EINVAL);
	ST_ASSERT_EQ(sys_sched_getaffinity(99999, 8, UBUF), -ESRCH);
	ST_ASSERT_EQ(sys_sched_getaffinity(0, 8, UHOLE), -EFAULT);

	mask[0] = 3;
	ST_ASSERT_EQ(copy_to_user(UBUF, mask, 8), 0);
	ST_ASSERT_EQ(sys_sched_setaffinity(0, 8, UBUF), 0);
	ST_ASSERT_EQ(sys_sched_setaffinity(0, 1, UBUF), 0);
	ST_ASSERT_EQ(sys_sched_setaffinity(0, 128, UBUF), 0);
	ST_ASSERT_EQ(sys_sched_setaffinity(0, 0, UBUF), -EINVAL);
	ST_ASSERT_EQ(sys_sched_setaffinity(99999, 8, UBUF), -ESRCH);
	mask[0] = 1UL << nr_cpu_ids;		/* only a CPU that is not there */
	ST_ASSERT_EQ(copy_to_user(UBUF, mask, 8), 0);
	ST_ASSERT_EQ(sys_sched_setaffinity(0, 8, UBUF), -EINVAL);
	ST_ASSERT_EQ(sys_sched_setaffinity(0, 8, UHOLE), -EFAULT);
	ST_ASSERT_EQ(sys_sched_yield(), 0);
	return 0;
}

/* Back to every CPU: the self-tests after this one run in this task. */
static int set_affinity(cpumask_t m)
{
	ST_ASSERT_EQ(copy_to_user(UBUF, &m, 8), 0);
	ST_ASSERT_EQ(sys_sched_setaffinity(0, 8, UBUF), 0);
	return 0;
}

static int check_sysinfo_getcpu(void)
{
	struct {
		long uptime;
		unsigned long loads[3], totalram, freeram, shared, buffer;
		unsigned long totalswap, freeswap;
		u16 procs, pad;
		unsigned long totalhigh, freehigh;
		u32 mem_unit;
	} si;
	unsigned int cpu = 7, node = 7;

	ST_ASSERT_EQ(sizeof(si), 112);
	ST_ASSERT_EQ(sys_sysinfo(UBUF), 0);
	ST_ASSERT_EQ(copy_from_user(&si, UBUF, sizeof(si)), 0);
	ST_ASSERT(si.uptime >= 1 && si.mem_unit == 1);
	ST_ASSERT(si.totalram >= (16UL << 20) && si.freeram <= si.totalram);
	ST_ASSERT(si.procs >= 1 && si.totalswap == 0);
	ST_ASSERT_EQ(sys_sysinfo(UHOLE), -EFAULT);

	/* Pinned to the last online CPU, getcpu must name it once there. */
	unsigned int last = 63 - __builtin_clzl(cpu_online_mask);
	if (set_affinity(1UL << last))
		return 1;
	ST_ASSERT_EQ(sys_sched_yield(), 0);
	ST_ASSERT_EQ(copy_to_user(UBUF, &cpu, 4), 0);
	ST_ASSERT_EQ(copy_to_user((char __user *)UBUF + 4, &node, 4), 0);
	ST_ASSERT_EQ(sys_getcpu(UBUF, (void __user *)(UT_BUF + 4), NULL), 0);
	ST_ASSERT_EQ(copy_from_user(&cpu, UBUF, 4), 0);
	ST_ASSERT_EQ(copy_from_user(&node, (char __user *)UBUF + 4, 4), 0);
	ST_ASSERT_EQ(cpu, last);
	ST_ASSERT_EQ(node, 0);
	if (set_affinity(cpu_online_mask))
		return 1;
	ST_ASSERT_EQ(sys_getcpu(NULL, NULL, NULL), 0);
	ST_ASSERT_EQ(sys_getcpu(UHOLE, NULL, NULL), -EFAULT);
	ST_ASSERT_EQ(sys_getcpu(NULL, UHOLE, NULL), -EFAULT);
	return 0;
}

SELFTEST(sys_info_syscalls)
{
	struct mm_struct *mm = user_test_begin();

	ST_ASSERT(mm);
	int r = check_uname();
	if (!r)
		r = check_rlimits();
	if (!r)
		r = check_getrandom();
	if (!r)
		r = check_affinity();
	if (!r)
		r = check_sysinfo_getcpu();
	user_test_end(mm);
	return r;
}
