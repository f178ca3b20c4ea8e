/*
 * mkcpio.c - write a cpio archive in the "newc" format (the format of
 * Linux's initramfs) from a list of files, on the host.
 *
 *   mkcpio OUT NAME=HOSTPATH [NAME=HOSTPATH ...]
 *
 * NAME is the path inside the archive ("bin/hello"); parent directories
 * are added automatically.  NAME=>TARGET makes NAME a symlink to TARGET
 * (the member's data is the target, as in Linux's initramfs).  Owners are root, times are zero and inode
 * numbers count up, so the same inputs always give the same bytes.
 *
 * newc: each member is a 110-byte ASCII header ("070701" and thirteen
 * 8-digit hex fields), the NUL-terminated name, padding to 4 bytes, the
 * data, padding to 4 bytes; the archive ends with a member named
 * "TRAILER!!!".
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static FILE *out;
static unsigned ino = 1;
static char dirs[256][256];
static int ndirs;

static void pad4(long n)
{
	while (n++ % 4)
		fputc(0, out);
}

static void member(const char *name, unsigned mode, const void *data,
		   unsigned long size)
{
	unsigned long namesize = strlen(name) + 1;

	fprintf(out, "070701%08X%08X%08X%08X%08X%08X%08lX%08X%08X%08X%08X%08lX%08X",
		ino++, mode, 0, 0, S_ISDIR(mode) ? 2 : 1, 0, size,
		0, 0, 0, 0, namesize, 0);
	fwrite(name, 1, namesize, out);
	pad4(110 + namesize);
	if (size)
		fwrite(data, 1, size, out);
	pad4(size);
}

/* Add "a", "a/b" ... for "a/b/c", each once. */
static void parents(const char *path)
{
	char buf[256];

	for (const char *p = strchr(path, '/'); p; p = strchr(p + 1, '/')) {
		size_t n = p - path;
		if (n == 0 || n >= sizeof(buf))
			continue;
		memcpy(buf, path, n);
		buf[n] = 0;
		int seen = 0;
		for (int i = 0; i < ndirs; i++)
			seen |= !strcmp(dirs[i], buf);
		if (seen || ndirs == 256)
			continue;
		strcpy(dirs[ndirs++], buf);
		member(buf, S_IFDIR | 0755, NULL, 0);
	}
}

static int add_file(const char *name, const char *host)
{
	FILE *f = fopen(host, "rb");
	struct stat st;

	if (!f || fstat(fileno(f), &st)) {
		perror(host);
		return -1;
	}
	char *data = malloc(st.st_size ? st.st_size : 1);
	if (!data || fread(data, 1, st.st_size, f) != (size_t)st.st_size) {
		perror(host);
		return -1;
	}
	fclose(f);
	while (*name == '/')
		name++;
	parents(name);
	member(name, S_IFREG | (st.st_mode & 0777), data, st.st_size);
	free(data);
	return 0;
}

static void add_symlink(const char *name, const char *target)
{
	while (*name == '/')
		name++;
	parents(name);
	member(name, S_IFLNK | 0777, target, strlen(target));
}

int main(int argc, char **argv)
{
	if (argc < 2) {
		fprintf(stderr, "usage: mkcpio OUT NAME=HOSTPATH...\n");
		return 2;
	}
	out = fopen(argv[1], "wb");
	if (!out) {
		perror(argv[1]);
		return 1;
	}
	for (int i = 2; i < argc; i++) {
		char *eq = strchr(argv[i], '=');
		if (!eq) {
			fprintf(stderr, "mkcpio: '%s' is not NAME=HOSTPATH\n", argv[i]);
			return 2;
		}
		*eq = 0;
		if (eq[1] == '>')
			add_symlink(argv[i], eq + 2);
		else if (add_file(argv[i], eq + 1))
			return 1;
	}
	member("TRAILER!!!", 0, NULL, 0);
	return fclose(out) ? 1 : 0;
}
