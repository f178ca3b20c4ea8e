/* memfd: memfd_create and file seals.  EINVAL for unknown flags and a
 * 250-byte name (249 is fine), EFAULT for the name; the file: readlink
 * of /proc/self/fd/N "/memfd:NAME (deleted)", a regular file of mode
 * 0777 and size 0, read/write/ftruncate/lseek, a shared mapping seen by
 * read() and by a fork child, its /proc/self/maps line; MFD_CLOEXEC.
 * Seals: F_SEAL_SEAL alone without MFD_ALLOW_SEALING (F_ADD_SEALS
 * EPERM); with it, SHRINK (ftruncate down EPERM, up fine), GROW
 * (ftruncate up, a write at the end, fallocate past the end EPERM; a
 * write inside fine, one across the end cut there), WRITE (EBUSY while
 * a shared mapping exists, writable or read-only; a private one does
 * not count; then write EPERM, shared writable mmap EPERM, read-only
 * and private ones fine, mprotect to writable EACCES), SEAL (no more seals),
 * EINVAL for unknown seals,
 * FUTURE_WRITE (existing writable mapping keeps working, new ones and
 * write() refused), F_GET_SEALS EINVAL on a pipe; MFD_NOEXEC_SEAL. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "errname.h"

#ifndef MFD_NOEXEC_SEAL
#define MFD_NOEXEC_SEAL 0x0008U
#endif
#ifndef F_SEAL_FUTURE_WRITE
#define F_SEAL_FUTURE_WRITE 0x0010
#endif
#ifndef F_SEAL_EXEC
#define F_SEAL_EXEC 0x0020
#endif

#define PG 4096UL

static int k_memfd(const char *name, unsigned int flags)
{
	return syscall(SYS_memfd_create, name, flags);
}

static int in_maps(const char *line_part)
{
	static char buf[1 << 16];
	int fd = open("/proc/self/maps", O_RDONLY), n = 0, r;

	while ((r = read(fd, buf + n, sizeof buf - 1 - n)) > 0)
		n += r;
	close(fd);
	buf[n] = 0;
	return strstr(buf, line_part) != NULL;
}

static void basics(void)
{
	char name[300];

	expect_errno("flags 0x100", ERR(k_memfd("x", 0x100)), EINVAL);
	memset(name, 'n', 250);
	name[250] = 0;
	expect_errno("a 250-byte name", ERR(k_memfd(name, 0)), EINVAL);
	name[249] = 0;
	int fd = k_memfd(name, 0);
	report(fd >= 0, "a 249-byte name");
	close(fd);
	expect_errno("a bad name pointer", ERR(k_memfd((char *)8, 0)), EFAULT);

	fd = k_memfd("test", 0);
	report(fd >= 0, "memfd_create(\"test\", 0)");
	char path[64], link[128];
	snprintf(path, sizeof path, "/proc/self/fd/%d", fd);
	ssize_t n = readlink(path, link, sizeof link - 1);
	link[n > 0 ? n : 0] = 0;
	printf("readlink: %s\n", link);
	struct stat st;
	fstat(fd, &st);
	report(S_ISREG(st.st_mode) && (st.st_mode & 07777) == 0777 && st.st_size == 0,
	       "a regular file, mode 0777, size 0");
	expect_value("F_GETFD without MFD_CLOEXEC", ERR(fcntl(fd, F_GETFD)), 0);
	expect_value("write", ERR(write(fd, "hello", 5)), 5);
	expect_value("ftruncate to 2 pages", ERR(ftruncate(fd, 2 * PG)), 0);
	char buf[8] = { 0 };
	expect_value("pread", ERR(pread(fd, buf, 5, 0)), 5);
	report(!memcmp(buf, "hello", 5), "the bytes written");
	char *p = mmap(NULL, 2 * PG, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	report(p != MAP_FAILED && !memcmp(p, "hello", 5), "a shared mapping shows them");
	memcpy(p + PG, "world", 5);
	pread(fd, buf, 5, PG);
	report(!memcmp(buf, "world", 5), "read() sees a store through the mapping");
	pid_t pid = fork();
	if (pid == 0) {
		memcpy(p + 10, "child", 5);
		_exit(0);
	}
	waitpid(pid, NULL, 0);
	report(!memcmp(p + 10, "child", 5), "a fork child's store is seen");
	report(in_maps(" rw-s 00000000 ") && in_maps("/memfd:test (deleted)"),
	       "/proc/self/maps: rw-s, named /memfd:test (deleted)");
	expect_value("F_GET_SEALS without MFD_ALLOW_SEALING", ERR(fcntl(fd, F_GET_SEALS)), F_SEAL_SEAL);
	expect_errno("F_ADD_SEALS then", ERR(fcntl(fd, F_ADD_SEALS, F_SEAL_WRITE)), EPERM);
	munmap(p, 2 * PG);
	close(fd);

	fd = k_memfd("c", MFD_CLOEXEC);
	expect_value("F_GETFD with MFD_CLOEXEC", ERR(fcntl(fd, F_GETFD)), FD_CLOEXEC);
	close(fd);
	int pfd[2];
	pipe(pfd);
	expect_errno("F_GET_SEALS on a pipe", ERR(fcntl(pfd[1], F_GET_SEALS)), EINVAL);
	close(pfd[0]);
	close(pfd[1]);
}

static void seals(void)
{
	int fd = k_memfd("sealed", MFD_ALLOW_SEALING);
	char buf[PG];

	memset(buf, 'x', sizeof buf);
	write(fd, buf, sizeof buf);
	expect_value("F_GET_SEALS with MFD_ALLOW_SEALING", ERR(fcntl(fd, F_GET_SEALS)), 0);
	expect_errno("F_ADD_SEALS of 0x100", ERR(fcntl(fd, F_ADD_SEALS, 0x100)), EINVAL);

	expect_value("F_SEAL_SHRINK", ERR(fcntl(fd, F_ADD_SEALS, F_SEAL_SHRINK)), 0);
	expect_errno("ftruncate down", ERR(ftruncate(fd, 100)), EPERM);
	expect_value("ftruncate up", ERR(ftruncate(fd, 2 * PG)), 0);

	expect_value("F_SEAL_GROW", ERR(fcntl(fd, F_ADD_SEALS, F_SEAL_GROW)), 0);
	expect_errno("ftruncate up", ERR(ftruncate(fd, 3 * PG)), EPERM);
	expect_value("ftruncate to the same size", ERR(ftruncate(fd, 2 * PG)), 0);
	expect_value("a write across the end: cut at the end", ERR(pwrite(fd, "ab", 2, 2 * PG - 1)), 1);
	expect_errno("a write at the end", ERR(pwrite(fd, "ab", 2, 2 * PG)), EPERM);
	expect_value("a write inside", ERR(pwrite(fd, "ab", 2, 2 * PG - 2)), 2);
	expect_errno("fallocate past the end", ERR(fallocate(fd, 0, PG, 2 * PG)), EPERM);
	expect_errno("fallocate KEEP_SIZE past the end",
		     ERR(fallocate(fd, FALLOC_FL_KEEP_SIZE, PG, 2 * PG)), EPERM);

	char *w = mmap(NULL, PG, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	expect_errno("F_SEAL_WRITE with a writable shared mapping",
		     ERR(fcntl(fd, F_ADD_SEALS, F_SEAL_WRITE)), EBUSY);
	char *r = mmap(NULL, PG, PROT_READ, MAP_SHARED, fd, 0);
	char *pv = mmap(NULL, PG, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0);
	munmap(w, PG);
	expect_errno("F_SEAL_WRITE with a read-only shared mapping (it may become writable)",
		     ERR(fcntl(fd, F_ADD_SEALS, F_SEAL_WRITE)), EBUSY);
	munmap(r, PG);
	expect_value("F_SEAL_WRITE with only a private mapping left",
		     ERR(fcntl(fd, F_ADD_SEALS, F_SEAL_WRITE)), 0);
	expect_errno("write", ERR(pwrite(fd, "ab", 2, 0)), EPERM);
	expect_errno("a shared writable mmap",
		     ERR((long)mmap(NULL, PG, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0)), EPERM);
	char *r2 = mmap(NULL, PG, PROT_READ, MAP_SHARED, fd, 0);
	report(r2 != MAP_FAILED && r2[0] == 'x', "a shared read-only mmap");
	expect_errno("mprotect of it to writable", ERR(mprotect(r2, PG, PROT_READ | PROT_WRITE)), EACCES);
	pv[0] = 'p';
	report(pv[0] == 'p' && r2[0] == 'x', "a private mapping is written, the file is not");
	expect_errno("fallocate PUNCH_HOLE",
		     ERR(fallocate(fd, FALLOC_FL_PUNCH_HOLE | FALLOC_FL_KEEP_SIZE, 0, PG)), EPERM);

	expect_value("F_SEAL_SEAL", ERR(fcntl(fd, F_ADD_SEALS, F_SEAL_SEAL)), 0);
	expect_errno("any seal after it", ERR(fcntl(fd, F_ADD_SEALS, F_SEAL_SHRINK)), EPERM);
	expect_value("F_GET_SEALS", ERR(fcntl(fd, F_GET_SEALS)),
		     F_SEAL_SEAL | F_SEAL_SHRINK | F_SEAL_GROW | F_SEAL_WRITE);
	munmap(r2, PG);
	munmap(pv, PG);
	close(fd);

	/* F_SEAL_FUTURE_WRITE: what is mapped writable stays so. */
	fd = k_memfd("future", MFD_ALLOW_SEALING);
	ftruncate(fd, PG);
	w = mmap(NULL, PG, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	expect_value("F_SEAL_FUTURE_WRITE with a writable mapping",
		     ERR(fcntl(fd, F_ADD_SEALS, F_SEAL_FUTURE_WRITE)), 0);
	w[0] = 'f';
	char c = 0;
	pread(fd, &c, 1, 0);
	report(c == 'f', "the existing mapping still writes the file");
	expect_errno("write", ERR(pwrite(fd, "ab", 2, 0)), EPERM);
	expect_errno("a new shared writable mmap",
		     ERR((long)mmap(NULL, PG, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0)), EPERM);
	munmap(w, PG);
	close(fd);

	fd = k_memfd("noexec", MFD_NOEXEC_SEAL);
	struct stat st;
	fstat(fd, &st);
	report((st.st_mode & 0111) == 0, "MFD_NOEXEC_SEAL: no x bits");
	printf("MFD_NOEXEC_SEAL's seals: %#lx\n", ERR(fcntl(fd, F_GET_SEALS)));
	close(fd);
}

int main(void)
{
	setvbuf(stdout, NULL, _IONBF, 0);
	basics();
	seals();
	printf("%s\n", failed ? "memfd: FAILED" : "memfd: all passed");
	return failed != 0;
}
