/*
 * sh - a small shell for the serial console.
 *
 * Reads a line, splits it into words (single and double quotes group
 * words) and the operators | < > >> 2>, and runs it: built-ins (cd,
 * echo, exit, help) in the shell itself, anything else as a program
 * found in /bin or /sbin.  Commands joined by | run at once, each
 * one's stdout into the next one's stdin; a line ending with '&' is not
 * waited for, and the word $! then stands for its pid (of the last
 * command of a pipeline), as in any shell: "count < /dev/zero &" then
 * "kill $!".
 *
 * Job control, the small part of it a terminal needs: each line runs in
 * a process group of its own, which the shell makes the terminal's
 * foreground group (tcsetpgrp) while it waits, so Ctrl-C (SIGINT) goes
 * to that job and not to the shell, which ignores it anyway.  A job
 * killed by a signal may leave the terminal in raw mode: the shell puts
 * back the settings it started with.
 *
 * An ordinary C program on musl: it builds and runs on Linux too.
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <termios.h>
#include <unistd.h>

#define MAX_WORDS 64
#define MAX_CMDS 16

extern char **environ;

/* Operators are these very strings, so a quoted "|" (a copy in the line)
 * is an ordinary word: the parser compares pointers, not text. */
static char OP_PIPE[] = "|", OP_IN[] = "<", OP_OUT[] = ">", OP_APPEND[] = ">>",
	    OP_ERR[] = "2>";

static int is_op(const char *w)
{
	return w == OP_PIPE || w == OP_IN || w == OP_OUT || w == OP_APPEND || w == OP_ERR;
}

/* The operator starting at p, if any; *len is how many bytes it takes. */
static char *op_at(const char *p, int at_word_start, int *len)
{
	if (p[0] == '|')
		return *len = 1, OP_PIPE;
	if (p[0] == '<')
		return *len = 1, OP_IN;
	if (p[0] == '>')
		return p[1] == '>' ? (*len = 2, OP_APPEND) : (*len = 1, OP_OUT);
	if (at_word_start && p[0] == '2' && p[1] == '>')
		return *len = 2, OP_ERR;
	return NULL;
}

static char last_bg[16];		/* $!: the last background pid */

/* Whether the word at p is exactly $! (unquoted). */
static int is_last_bg(const char *p)
{
	int len;

	return p[0] == '$' && p[1] == '!' &&
	       (!p[2] || strchr(" \t\n", p[2]) || op_at(p + 2, 0, &len));
}

/* Split line into words and operators; the words are copied to buf,
 * which needs room for twice the line.  $! becomes the last background
 * pid (no word at all before there is one).  Returns the count. */
static int split(char *line, char **words, char *buf)
{
	int n = 0, len;
	char *out = buf;

	for (char *p = line; *p && n < MAX_WORDS - 1;) {
		while (*p == ' ' || *p == '\t' || *p == '\n')
			p++;
		if (!*p)
			break;
		char *op = op_at(p, 1, &len);
		if (op) {
			words[n++] = op;
			p += len;
			continue;
		}
		if (is_last_bg(p)) {
			p += 2;
			if (last_bg[0])
				words[n++] = last_bg;
			continue;
		}
		words[n++] = out;
		while (*p && *p != ' ' && *p != '\t' && *p != '\n' && !op_at(p, 0, &len)) {
			if (*p == '\'' || *p == '"') {
				char q = *p++;
				while (*p && *p != q)
					*out++ = *p++;
				if (*p)
					p++;
			} else {
				*out++ = *p++;
			}
		}
		*out++ = 0;	/* an operator right after stays in the line */
	}
	words[n] = NULL;
	return n;
}

/* One command of a pipeline: its words and redirections. */
struct cmd {
	char **argv;
	char *in, *out, *err;	/* files, or NULL */
	int append;		/* out with >> */
};

/* Cut words at each | into cmds, taking the redirections out of argv.
 * Returns the number of commands, or -1 (with a message) if malformed. */
static int parse(char **words, struct cmd *cmds)
{
	int n = 0;
	char **w = words, **argv = words;

	memset(&cmds[0], 0, sizeof(cmds[0]));
	cmds[0].argv = argv;
	for (; *w; w++) {
		if (*w == OP_PIPE) {
			*argv++ = NULL;
			if (!cmds[n].argv[0] || n + 1 == MAX_CMDS)
				goto bad;
			n++;
			memset(&cmds[n], 0, sizeof(cmds[n]));
			cmds[n].argv = argv;
		} else if (is_op(*w)) {
			char *op = *w;
			if (!w[1] || is_op(w[1]))
				goto bad;
			w++;
			if (op == OP_IN)
				cmds[n].in = *w;
			else if (op == OP_ERR)
				cmds[n].err = *w;
			else
				cmds[n].out = *w, cmds[n].append = op == OP_APPEND;
		} else {
			*argv++ = *w;
		}
	}
	*argv = NULL;
	if (!cmds[n].argv[0])
		goto bad;
	return n + 1;
bad:
	fprintf(stderr, "sh: syntax error\n");
	return -1;
}

/* Built-ins; returns 1 if argv was one. */
static int builtin(int argc, char **argv)
{
	if (!strcmp(argv[0], "exit"))
		exit(argc > 1 ? atoi(argv[1]) : 0);
	if (!strcmp(argv[0], "cd")) {
		if (chdir(argc > 1 ? argv[1] : "/"))
			perror("cd");
		return 1;
	}
	if (!strcmp(argv[0], "echo")) {
		for (int i = 1; i < argc; i++)
			printf("%s%s", argv[i], i + 1 < argc ? " " : "");
		printf("\n");
		return 1;
	}
	if (!strcmp(argv[0], "help")) {
		printf("built-ins: cd echo exit help; programs: ls /bin\n"
		       "processes: ps, top (q quits), kill [-SIGNAL] PID, kill -l\n"
		       "a | b pipes, < > >> 2> redirect, & at the end runs in the background,\n"
		       "$! is its pid\n");
		return 1;
	}
	return 0;
}

static int argc_of(char **argv)
{
	int n = 0;
	while (argv[n])
		n++;
	return n;
}

/* In the child: make file the descriptor fd, or exit with a message. */
static void redirect(const char *file, int fd, int flags)
{
	int f = open(file, flags, 0666);
	if (f < 0) {
		fprintf(stderr, "sh: %s: %s\n", file, strerror(errno));
		_exit(1);
	}
	if (f != fd) {
		dup2(f, fd);
		close(f);
	}
}

/* In the child: set up stdin/stdout, then become the command. */
static void __attribute__((noreturn)) exec_cmd(struct cmd *c, int in, int out)
{
	static const char *dirs[] = { "", "/bin/", "/sbin/" };
	char path[256];

	signal(SIGINT, SIG_DFL);
	signal(SIGQUIT, SIG_DFL);
	signal(SIGTTOU, SIG_DFL);
	if (in != 0) {
		dup2(in, 0);
		close(in);
	}
	if (out != 1) {
		dup2(out, 1);
		close(out);
	}
	if (c->in)
		redirect(c->in, 0, O_RDONLY);
	if (c->out)
		redirect(c->out, 1, O_WRONLY | O_CREAT | (c->append ? O_APPEND : O_TRUNC));
	if (c->err)
		redirect(c->err, 2, O_WRONLY | O_CREAT | O_TRUNC);
	if (builtin(argc_of(c->argv), c->argv)) {
		fflush(stdout);
		_exit(0);
	}
	for (unsigned i = 0; i < sizeof(dirs) / sizeof(dirs[0]); i++) {
		if (i && strchr(c->argv[0], '/'))
			break;
		snprintf(path, sizeof(path), "%s%s", dirs[i], c->argv[0]);
		execve(path, c->argv, environ);
	}
	fprintf(stderr, "sh: %s: %s\n", c->argv[0], strerror(errno));
	_exit(127);
}

static int interactive;			/* stdin is a terminal */
static struct termios saved_termios;	/* as the shell found it */

/* Run the commands joined by pipes, in one new process group. */
static void run(struct cmd *cmds, int n, int background)
{
	pid_t pids[MAX_CMDS], pgid = 0;
	int in = 0, p[2];

	fflush(stdout);
	for (int i = 0; i < n; i++) {
		int out = 1;
		if (i + 1 < n) {
			if (pipe(p) < 0) {
				perror("sh: pipe");
				n = i;
				break;
			}
			out = p[1];
		}
		pids[i] = fork();
		if (pids[i] == 0) {
			setpgid(0, pgid);
			if (i + 1 < n)
				close(p[0]);
			exec_cmd(&cmds[i], in, out);
		}
		if (pids[i] < 0) {
			perror("sh: fork");
			n = i;
			break;
		}
		/* Both sides set the group, so neither order of running
		 * leaves a child outside it. */
		if (!pgid)
			pgid = pids[i];
		setpgid(pids[i], pgid);
		if (in != 0)
			close(in);
		if (out != 1)
			close(out);
		in = i + 1 < n ? p[0] : 0;
	}
	if (in != 0)
		close(in);
	if (background) {
		printf("[%d]\n", pgid);
		if (n)
			snprintf(last_bg, sizeof(last_bg), "%d", pids[n - 1]);
		return;
	}
	if (interactive && n)
		tcsetpgrp(0, pgid);
	int killed = 0;
	for (int i = 0; i < n; i++) {
		int status = 0;
		while (waitpid(pids[i], &status, 0) < 0 && errno == EINTR)
			;
		if (WIFSIGNALED(status) && WTERMSIG(status) != SIGPIPE) {
			printf("sh: %s: killed by signal %d\n", cmds[i].argv[0], WTERMSIG(status));
			killed = 1;
		}
	}
	if (interactive) {
		tcsetpgrp(0, getpgrp());
		if (killed)
			tcsetattr(0, TCSANOW, &saved_termios);
	}
}

int main(void)
{
	char line[512], buf[2 * sizeof(line)], *words[MAX_WORDS];
	struct cmd cmds[MAX_CMDS];

	/* Ctrl-C is for the job in the foreground, never the shell. */
	signal(SIGINT, SIG_IGN);
	signal(SIGQUIT, SIG_IGN);
	signal(SIGTTOU, SIG_IGN);
	interactive = tcgetattr(0, &saved_termios) == 0;
	if (interactive) {
		setpgid(0, 0);
		tcsetpgrp(0, getpgrp());
	}
	for (;;) {
		/* Collect finished background jobs without blocking. */
		int status;
		pid_t done;
		while ((done = waitpid(-1, &status, WNOHANG)) > 0)
			printf("[%d] done\n", done);
		printf("# ");
		fflush(stdout);
		if (!fgets(line, sizeof(line), stdin))
			return 0;
		int n = split(line, words, buf);
		if (n == 0)
			continue;
		int background = words[n - 1][0] == '&' && !words[n - 1][1];
		if (background)
			words[--n] = NULL;
		if (!n)
			continue;
		int ncmds = parse(words, cmds);
		if (ncmds < 0)
			continue;
		if (ncmds == 1 && !cmds[0].in && !cmds[0].out && !cmds[0].err &&
		    !background && builtin(argc_of(cmds[0].argv), cmds[0].argv))
			continue;
		run(cmds, ncmds, background);
	}
}
