/*
 * count - lines, words and bytes of its standard input, like wc with no
 * arguments: the simplest reader at the end of a pipe (sh's tests).
 *
 * An ordinary C program on musl: it builds and runs on Linux too.
 */
#include <stdio.h>
#include <unistd.h>

int main(void)
{
	char buf[4096];
	long lines = 0, words = 0, bytes = 0, n;
	int in_word = 0;

	while ((n = read(0, buf, sizeof buf)) > 0) {
		for (long i = 0; i < n; i++) {
			char c = buf[i];
			int space = c == ' ' || c == '\t' || c == '\n' || c == '\r' ||
				    c == '\v' || c == '\f';
			lines += c == '\n';
			if (!space && !in_word)
				words++;
			in_word = !space;
		}
		bytes += n;
	}
	if (n < 0) {
		perror("count");
		return 1;
	}
	printf("%ld %ld %ld\n", lines, words, bytes);
	return 0;
}
