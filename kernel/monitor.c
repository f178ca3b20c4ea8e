/*
 * monitor.c - "kmon>", a few commands typed on the serial console.
 *
 * It is the first thing in the kernel that waits for input: it sleeps on
 * serial_rx_wait until the serial receive interrupt wakes it, then takes
 * bytes from the buffer the interrupt handler filled.
 * Process context: its own kernel thread, "kmon".
 */
#include "kernel/kernel.h"
#include "kernel/monitor.h"
#include "kernel/mm.h"
#include "kernel/time.h"
#include "kernel/wait.h"
#include "kernel/sched.h"
#include "drivers/serial.h"
#include "arch/x86_64/cpu.h"
#include "arch/x86_64/irq.h"
#include "arch/x86_64/reboot.h"

#define LINE_MAX 128

static void echo(const char *s, size_t n)
{
	serial_write(s, n);
}

/* Replies go straight to the console: they are answers, not log
 * messages, so "quiet" must not hide them. */
static void __printf(1, 2) say(const char *fmt, ...)
{
	char buf[256];
	va_list ap;

	va_start(ap, fmt);
	int n = vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	echo(buf, MIN((size_t)n, sizeof(buf) - 1));
}

/* Read one line with echo and backspace; sleeps between bytes. */
static size_t read_line(char *buf, size_t size)
{
	size_t n = 0;

	for (;;) {
		int c;
		wait_event(serial_rx_wait, (c = serial_getc()) >= 0);
		if (c == '\r' || c == '\n') {
			echo("\n", 1);
			buf[n] = 0;
			return n;
		}
		if ((c == 0x7f || c == '\b') && n > 0) {
			n--;
			echo("\b \b", 3);
		} else if (c >= ' ' && c < 0x7f && n + 1 < size) {
			buf[n++] = (char)c;
			echo(&buf[n - 1], 1);
		}
	}
}

static void cmd_uptime(void)
{
	u64 ns = ktime_get_ns();

	say("up %lu.%03lu s, %lu jiffies (HZ=%d)\n",
	       (unsigned long)(ns / NSEC_PER_SEC),
	       (unsigned long)(ns / NSEC_PER_MSEC % 1000),
	       (unsigned long)jiffies, HZ);
}

static void cmd_mem(void)
{
	say("MemTotal: %8lu kB\nMemFree:  %8lu kB\n",
	       totalram_pages() * 4, nr_free_pages() * 4);
}

static void cmd_irqs(void)
{
	for (unsigned v = FIRST_EXTERNAL_VECTOR; v < NR_VECTORS; v++)
		if (irq_count(v))
			say("vector %#04x: %lu\n", v,
			       (unsigned long)irq_count(v));
}

static void say_task(const struct task_struct *p)
{
	say("%5d %c %s%s\n", p->pid, task_state_to_char(p), p->comm,
	    p == current ? " (current)" : "");
}

/* Interrupts stay off while we walk the task list, so no task can be
 * freed under us; the list is short. */
static void cmd_ps(void)
{
	struct task_struct *p;
	unsigned long flags = local_irq_save();

	say("  PID S COMMAND\n");
	say_task(&init_task);
	list_for_each_entry(p, &init_task.tasks, tasks)
		say_task(p);
	local_irq_restore(flags);
}

static void cmd_help(void)
{
	say("commands: help uptime mem irqs ps halt\n"
	       "(user programs and a shell come with the next milestone)\n");
}

int monitor_thread(void *unused)
{
	(void)unused;
	char line[LINE_MAX];

	cmd_help();
	for (;;) {
		echo("kmon> ", 6);
		read_line(line, sizeof(line));
		if (!line[0])
			continue;
		if (!strcmp(line, "help"))
			cmd_help();
		else if (!strcmp(line, "uptime"))
			cmd_uptime();
		else if (!strcmp(line, "mem"))
			cmd_mem();
		else if (!strcmp(line, "irqs"))
			cmd_irqs();
		else if (!strcmp(line, "ps"))
			cmd_ps();
		else if (!strcmp(line, "halt")) {
			say("halting\n");
			qemu_exit(QEMU_EXIT_SUCCESS);
		} else
			say("%s: unknown command (try help)\n", line);
	}
}
