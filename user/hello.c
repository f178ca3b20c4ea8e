/* hello: the first program a new kernel should run. Checks that write(2)
 * to stdout works and that execve placed argc/argv on the initial stack in
 * the layout the SysV x86-64 ABI requires (musl's _start reads it). */
#include <stdio.h>

int main(int argc, char **argv)
{
	printf("hello, world\n");
	printf("argc=%d\n", argc);
	for (int i = 0; i < argc; i++)
		printf("argv[%d]=%s\n", i, argv[i]);
	return 0;
}
