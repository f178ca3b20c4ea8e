/*
 * params.h - the kernel command line (what follows the kernel's path on
 * GRUB's multiboot2 line).
 *
 * A file that wants an option declares it next to the code it controls:
 *
 *	static int __init set_loglevel(const char *val) { ... }
 *	__setup("loglevel", set_loglevel);
 *
 * parse_args() calls the handler with the text after '=' (or NULL for a
 * bare word).  The table is a linker section, as in Linux, so no central
 * list has to know every option.
 */
#ifndef KERNEL_PARAMS_H
#define KERNEL_PARAMS_H

#include "kernel/types.h"

struct kernel_param {
	const char *name;
	int (*setup)(const char *val);	/* returns 0, or -errno if bad */
};

#define __setup(str, fn)						\
	static const struct kernel_param __setup_##fn			\
	__attribute__((used, section(".setup_params"), aligned(8))) =	\
		{ str, fn }

#define COMMAND_LINE_SIZE 1024
extern char boot_command_line[COMMAND_LINE_SIZE];

/* Run every registered option's handler over the command line. */
void parse_args(const char *cmdline);

/* Whole-kernel switches set from the command line. */
extern bool test_mode;		/* "test": automated run, exit QEMU at the end */

/* The first program: "init=/path" (default /sbin/init) and the words
 * after "--" on the command line as argv[1..]. */
#define MAX_INIT_ARGS 32
/* Its environment: HOME, TERM, PATH and every NAME=value option the
 * kernel does not know (as Linux passes them). */
#define MAX_INIT_ENVS 32
extern const char *envp_init[MAX_INIT_ENVS + 2];
extern const char *init_path;
extern const char *init_argv[MAX_INIT_ARGS + 2];

#endif
