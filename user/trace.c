/*
 * trace - switch the kernel's chain trace on or off, or say whether it
 * is on.
 *
 *   trace on|off|status
 *
 * While it is on, every event on a socket that an epoll watches prints
 * one console line per step of the wake-up chain, from the e1000
 * interrupt to epoll_wait returning (docs/walkthrough.md, "Watch it").
 * The switch is the file /proc/trace_chain: it reads "on" or "off" and
 * takes "1" or "0", so "echo 1 > /proc/trace_chain" does the same.
 *
 * An ordinary C program on musl; on Linux, which has no such file, it
 * says so and fails.
 */
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#define TRACE_FILE "/proc/trace_chain"

static int usage(void)
{
	fprintf(stderr, "usage: trace on|off|status\n");
	return 2;
}

/* Print the switch's state as the kernel reports it. */
static int trace_status(void)
{
	char buf[16];
	int fd = open(TRACE_FILE, O_RDONLY);
	ssize_t n = fd < 0 ? -1 : read(fd, buf, sizeof(buf) - 1);

	if (n < 0) {
		perror("trace: " TRACE_FILE);
		return 1;
	}
	close(fd);
	buf[n] = 0;
	printf("chain trace: %s", buf);
	return 0;
}

static int trace_set(const char *val)
{
	int fd = open(TRACE_FILE, O_WRONLY);

	if (fd < 0 || write(fd, val, strlen(val)) < 0) {
		perror("trace: " TRACE_FILE);
		return 1;
	}
	close(fd);
	return trace_status();
}

int main(int argc, char **argv)
{
	if (argc != 2)
		return usage();
	if (!strcmp(argv[1], "on"))
		return trace_set("1\n");
	if (!strcmp(argv[1], "off"))
		return trace_set("0\n");
	if (!strcmp(argv[1], "status"))
		return trace_status();
	return usage();
}
