/* fs_mmap: mmap(2) of files.  A private mapping shows the file's bytes
 * (zeros past the end in the last page) and keeps its writes to itself;
 * a shared writable one writes through; the open mode is checked
 * (EACCES), as are the offset (EINVAL), the descriptor (EBADF) and the
 * kind of file (ENODEV for a directory).  Runs in a fresh
 * "fs_mmap.dir" under the cwd, removed at the end.  Needs the mmap system
 * call to pass file mappings to do_mmap_file(). */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

static int failed;

static void check(int ok, const char *what)
{
	if (!ok)
		failed++;
	printf("%s%s\n", ok ? "" : "FAIL: ", what);
}

static const char *ename(int e)
{
	return e == EACCES ? "EACCES" : e == EINVAL ? "EINVAL" :
	       e == EBADF ? "EBADF" : e == ENODEV ? "ENODEV" : strerror(e);
}

static void expect_err(const char *what, void *r, int want)
{
	int e = errno;
	char line[128];
	snprintf(line, sizeof(line), "%s: %s", what,
		 r == MAP_FAILED ? ename(e) : "mapped");
	check(r == MAP_FAILED && e == want, line);
}

int main(void)
{
	char buf[16] = "";
	long pg = sysconf(_SC_PAGESIZE);

	unlink("fs_mmap.dir/f");
	rmdir("fs_mmap.dir");
	check(mkdir("fs_mmap.dir", 0755) == 0 && chdir("fs_mmap.dir") == 0,
	      "fresh directory");
	int fd = open("f", O_RDWR | O_CREAT | O_TRUNC, 0644);
	check(write(fd, "file contents", 13) == 13, "write the file");

	char *p = mmap(NULL, 2 * pg, PROT_READ, MAP_PRIVATE, fd, 0);
	check(p != MAP_FAILED, "MAP_PRIVATE PROT_READ");
	check(p != MAP_FAILED && !memcmp(p, "file contents", 13), "mapping shows the file");
	check(p != MAP_FAILED && p[13] == 0 && p[pg - 1] == 0, "zeros after the end");
	munmap(p, 2 * pg);

	p = mmap(NULL, pg, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0);
	check(p != MAP_FAILED, "MAP_PRIVATE PROT_WRITE");
	if (p != MAP_FAILED) {
		memcpy(p, "COPY", 4);
		check(!memcmp(p, "COPY contents", 13), "private write seen in the mapping");
		pread(fd, buf, 13, 0);
		check(!memcmp(buf, "file contents", 13), "private write not in the file");
		munmap(p, pg);
	}

	p = mmap(NULL, pg, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	check(p != MAP_FAILED, "MAP_SHARED PROT_WRITE on O_RDWR");
	if (p != MAP_FAILED) {
		memcpy(p, "SHARED", 6);
		pread(fd, buf, 13, 0);
		check(!memcmp(buf, "SHARED"  "ontents", 13), "shared write reaches the file");
		munmap(p, pg);
	}

	int ro = open("f", O_RDONLY);
	int wo = open("f", O_WRONLY);
	expect_err("MAP_SHARED PROT_WRITE on O_RDONLY", mmap(NULL, pg, PROT_READ | PROT_WRITE, MAP_SHARED, ro, 0), EACCES);
	p = mmap(NULL, pg, PROT_READ | PROT_WRITE, MAP_PRIVATE, ro, 0);
	check(p != MAP_FAILED, "MAP_PRIVATE PROT_WRITE on O_RDONLY");
	if (p != MAP_FAILED)
		munmap(p, pg);
	expect_err("mmap of an O_WRONLY file", mmap(NULL, pg, PROT_READ, MAP_PRIVATE, wo, 0), EACCES);
	expect_err("unaligned offset", mmap(NULL, pg, PROT_READ, MAP_PRIVATE, fd, 1), EINVAL);
	expect_err("bad fd", mmap(NULL, pg, PROT_READ, MAP_PRIVATE, 99, 0), EBADF);
	int dfd = open(".", O_RDONLY | O_DIRECTORY);
	expect_err("mmap a directory", mmap(NULL, pg, PROT_READ, MAP_PRIVATE, dfd, 0), ENODEV);
	close(dfd);
	close(ro);
	close(wo);
	close(fd);
	unlink("f");
	chdir("..");
	check(rmdir("fs_mmap.dir") == 0, "cleaned up");
	printf("%s\n", failed ? "fs_mmap: some checks FAILED" : "fs_mmap: all checks passed");
	return failed ? 1 : 0;
}
