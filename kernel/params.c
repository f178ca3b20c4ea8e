/*
 * params.c - splitting the command line and dispatching each option.
 * Boot context only: runs once, before interrupts are enabled.
 */
#include "kernel/kernel.h"
#include "kernel/params.h"

char boot_command_line[COMMAND_LINE_SIZE];
bool test_mode;
const char *init_path = "/sbin/init";
const char *init_argv[MAX_INIT_ARGS + 2];
/* init's environment: the defaults, then unknown "NAME=value" options. */
const char *envp_init[MAX_INIT_ENVS + 2] = { "HOME=/", "TERM=vt100", "PATH=/bin:/sbin", NULL };
static char init_envs_buf[COMMAND_LINE_SIZE];
static size_t init_envs_used;

/* Words after "--" belong to init; they live here, not on the stack. */
static char init_args_buf[COMMAND_LINE_SIZE];

extern const struct kernel_param __start_setup_params[];
extern const struct kernel_param __stop_setup_params[];

static const struct kernel_param *find_param(const char *name, size_t len)
{
	for (const struct kernel_param *p = __start_setup_params;
	     p < __stop_setup_params; p++)
		if (strlen(p->name) == len && !strncmp(p->name, name, len))
			return p;
	return NULL;
}

/*
 * As Linux does: an option the kernel does not know, of the form
 * NAME=value without a dot in NAME (dots are for subsystems), becomes
 * part of init's environment, so /sbin/init can be configured from the
 * boot loader (make run passes HOSTFWD= this way).  Returns false if
 * there is no room left.
 */
static bool init_env_add(const char *word)
{
	size_t len = strlen(word) + 1, n = 0;
	const char *dot = strchr(word, '.');

	if (dot && dot < strchr(word, '='))
		return false;
	while (envp_init[n])
		n++;
	if (n >= MAX_INIT_ENVS || init_envs_used + len > sizeof(init_envs_buf))
		return false;
	char *copy = init_envs_buf + init_envs_used;
	memcpy(copy, word, len);
	init_envs_used += len;
	envp_init[n] = copy;
	envp_init[n + 1] = NULL;
	return true;
}

/* One "name" or "name=value" word. */
static void parse_one(char *word)
{
	char *eq = strchr(word, '=');
	size_t len = eq ? (size_t)(eq - word) : strlen(word);
	const struct kernel_param *p = find_param(word, len);

	if (!p && eq && init_env_add(word))
		return;
	if (!p) {
		pr_warn("cmdline: unknown option '%s' ignored\n", word);
		return;
	}
	if (p->setup(eq ? eq + 1 : NULL) < 0)
		pr_warn("cmdline: bad value in '%s' ignored\n", word);
}

/* Split what follows "--" into init_argv[1..]. */
static void parse_init_args(char *p)
{
	int n = 1;

	strlcpy(init_args_buf, p, sizeof(init_args_buf));
	p = init_args_buf;
	while (*p && n <= MAX_INIT_ARGS) {
		while (*p == ' ')
			p++;
		if (!*p)
			break;
		init_argv[n++] = p;
		while (*p && *p != ' ')
			p++;
		if (*p)
			*p++ = 0;
	}
	init_argv[n] = NULL;
}

void parse_args(const char *cmdline)
{
	char buf[COMMAND_LINE_SIZE];
	char *p = buf;

	strlcpy(buf, cmdline, sizeof(buf));
	while (*p) {
		while (*p == ' ')
			p++;
		if (!*p)
			break;
		char *word = p;
		while (*p && *p != ' ')
			p++;
		if (*p)
			*p++ = 0;
		if (!strcmp(word, "--")) {
			parse_init_args(p);
			return;
		}
		parse_one(word);
	}
}

static int set_test_mode(const char *val)
{
	(void)val;
	test_mode = true;
	return 0;
}
__setup("test", set_test_mode);

static int set_quiet(const char *val)
{
	(void)val;
	console_loglevel = LOGLEVEL_DEFAULT;
	return 0;
}
__setup("quiet", set_quiet);

static int set_loglevel(const char *val)
{
	if (!val || *val < '0' || *val > '9')
		return -1;
	console_loglevel = atoi(val);
	return 0;
}
__setup("loglevel", set_loglevel);

static char init_path_buf[256];

static int set_init(const char *val)
{
	if (!val || val[0] != '/')
		return -1;
	strlcpy(init_path_buf, val, sizeof(init_path_buf));
	init_path = init_path_buf;
	return 0;
}
__setup("init", set_init);
