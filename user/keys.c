/*
 * keys - show what the terminal delivers, one key at a time.
 *
 * Puts the terminal in "cbreak" mode (no ICANON, no ECHO, signals
 * still on: VMIN 1, VTIME 0), then waits for input with poll(2) and
 * prints each byte's code as it arrives, without waiting for a newline.
 * 'q' quits and restores the terminal; Ctrl-C kills it (SIGINT from the
 * terminal), and the shell puts the settings back.
 *
 * An ordinary C program on musl: it builds and runs on Linux too.
 */
#include <poll.h>
#include <stdio.h>
#include <termios.h>
#include <unistd.h>

int main(void)
{
	struct termios old, raw;

	if (tcgetattr(0, &old)) {
		perror("keys: stdin is not a terminal");
		return 1;
	}
	raw = old;
	raw.c_lflag &= ~(ICANON | ECHO);
	raw.c_cc[VMIN] = 1;
	raw.c_cc[VTIME] = 0;
	tcsetattr(0, TCSANOW, &raw);
	printf("keys: raw mode, q quits\n");
	fflush(stdout);
	for (;;) {
		struct pollfd p = { 0, POLLIN, 0 };
		int r = poll(&p, 1, 10000);
		if (r == 0) {
			printf("keys: 10 s without a key\n");
			fflush(stdout);
			continue;
		}
		char c;
		if (r < 0 || read(0, &c, 1) != 1)
			break;
		printf("key 0x%02x\n", (unsigned char)c);
		fflush(stdout);
		if (c == 'q')
			break;
	}
	tcsetattr(0, TCSANOW, &old);
	return 0;
}
