/*
 * serial.c - the 8250/16550 UARTs: COM1 (I/O port 0x3f8, ISA IRQ 4) is the
 * console; COM2 (0x2f8) can take the kernel's log instead ("console=ttyS1"),
 * which keeps COM1 for what user programs print (tools/run-prog).
 *
 * Output polls the "transmitter holding register empty" bit and writes a
 * byte: slow (115200 baud) but usable from any context, even a panic.
 * Input is interrupt driven: the UART raises IRQ 4 when bytes arrive, the
 * handler drains its FIFO into rx_buf, and readers take them from there.
 *
 * Readers that find rx_buf empty sleep on serial_rx_wait; the interrupt
 * handler wakes them after it has buffered new bytes.
 *
 * Context: serial_interrupt() runs in interrupt context; everything else
 * may run anywhere.  LOCKING: serial_rx_lock guards rx_buf, its indices
 * and the hook, taken with interrupts off (the interrupt takes it) and
 * against the other CPUs (the interrupt may run on one CPU while a
 * reader runs on another).  The hook runs under it, so the tty's lock
 * nests inside.
 */
#include "kernel/kernel.h"
#include "drivers/serial.h"
#include "kernel/wait.h"
#include "arch/x86_64/cpu.h"
#include "arch/x86_64/irq.h"
#include "kernel/params.h"

static struct console serial_consoles[2];

#define COM1		0x3f8
#define COM1_IRQ	4
#define COM2		0x2f8

/* Register offsets from the base port. */
#define UART_RX		0	/* receive buffer (read) */
#define UART_TX		0	/* transmit holding (write) */
#define UART_DLL	0	/* divisor latch low (with LCR.DLAB) */
#define UART_IER	1	/* interrupt enable */
#define UART_DLM	1	/* divisor latch high (with LCR.DLAB) */
#define UART_FCR	2	/* FIFO control (write) */
#define UART_LCR	3	/* line control */
#define UART_MCR	4	/* modem control */
#define UART_LSR	5	/* line status */

#define IER_RDI		0x01	/* interrupt when data is received */
#define LCR_8N1		0x03
#define LCR_DLAB	0x80
#define FCR_ENABLE_CLEAR 0x07	/* enable FIFOs, clear both */
#define FCR_TRIGGER_1	0x00	/* interrupt on every byte */
#define MCR_DTR_RTS_OUT2 0x0b	/* OUT2 gates the IRQ line on PCs */
#define LSR_DR		0x01	/* data ready */
#define LSR_THRE	0x20	/* transmitter holding register empty */

#define RX_BUF_SIZE	1024

static u8 rx_buf[RX_BUF_SIZE];
static unsigned rx_head, rx_tail;	/* head: next write; tail: next read */
static u64 rx_irqs;
static void (*serial_rx_hook)(u8 c);
static DEFINE_SPINLOCK(serial_rx_lock);
DECLARE_WAIT_QUEUE_HEAD(serial_rx_wait);

static void putc_raw(u16 port, char c)
{
	while (!(inb(port + UART_LSR) & LSR_THRE))
		cpu_relax();
	outb(port + UART_TX, c);
}

static void port_write(u16 port, const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		if (s[i] == '\n')
			putc_raw(port, '\r');	/* terminals want CR LF */
		putc_raw(port, s[i]);
	}
}

void serial_write(const char *s, size_t n)
{
	port_write(COM1, s, n);
}

void serial_write_raw(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		putc_raw(COM1, s[i]);
}

static void serial_console_write(struct console *con, const char *s, size_t n)
{
	port_write(con == &serial_consoles[1] ? COM2 : COM1, s, n);
}

static struct console serial_consoles[2] = {
	{ .name = "ttyS0", .write = serial_console_write },
	{ .name = "ttyS1", .write = serial_console_write },
};

static void uart_setup(u16 port)
{
	outb(port + UART_IER, 0);
	outb(port + UART_LCR, LCR_DLAB);
	outb(port + UART_DLL, 1);		/* 115200 / 1 */
	outb(port + UART_DLM, 0);
	outb(port + UART_LCR, LCR_8N1);
	outb(port + UART_FCR, FCR_ENABLE_CLEAR | FCR_TRIGGER_1);
	outb(port + UART_MCR, MCR_DTR_RTS_OUT2);
}

void serial_init(void)
{
	uart_setup(COM1);
	uart_setup(COM2);
	register_console(&serial_consoles[0]);
}

/*
 * "console=ttyS1" moves the kernel log to COM2.  The command line is read
 * after serial_init() (it comes from the boot information, which we parse
 * with the console already up), so this swaps the registered console; the
 * lines printed before it went to COM1.
 */
static int set_console(const char *val)
{
	if (!val || (strcmp(val, "ttyS0") && strcmp(val, "ttyS1")))
		return -1;
	if (!strcmp(val, "ttyS1"))
		replace_console(&serial_consoles[0], &serial_consoles[1]);
	return 0;
}
__setup("console", set_console);

static void serial_interrupt(struct pt_regs *regs, void *dev)
{
	(void)regs;
	(void)dev;
	spin_lock(&serial_rx_lock);
	rx_irqs++;
	while (inb(COM1 + UART_LSR) & LSR_DR) {
		u8 c = inb(COM1 + UART_RX);
		if (serial_rx_hook) {
			serial_rx_hook(c);
			continue;
		}
		if (rx_head - rx_tail < RX_BUF_SIZE)	/* full: drop */
			rx_buf[rx_head++ % RX_BUF_SIZE] = c;
	}
	bool buffered = rx_tail != rx_head;
	spin_unlock(&serial_rx_lock);
	if (buffered)
		wake_up(&serial_rx_wait);
}

void serial_enable_rx_irq(void)
{
	if (request_irq(COM1_IRQ, serial_interrupt, "serial", NULL))
		panic("serial: cannot get IRQ %d", COM1_IRQ);
	outb(COM1 + UART_IER, IER_RDI);
}

static int __serial_getc(void)
{
	return rx_tail != rx_head ? rx_buf[rx_tail++ % RX_BUF_SIZE] : -1;
}

int serial_getc(void)
{
	unsigned long flags;

	spin_lock_irqsave(&serial_rx_lock, flags);
	int c = __serial_getc();
	spin_unlock_irqrestore(&serial_rx_lock, flags);
	return c;
}

void serial_set_rx_hook(void (*hook)(u8 c))
{
	unsigned long flags;
	int c;

	spin_lock_irqsave(&serial_rx_lock, flags);
	while ((c = __serial_getc()) >= 0)
		hook(c);
	serial_rx_hook = hook;
	spin_unlock_irqrestore(&serial_rx_lock, flags);
}

u64 serial_rx_interrupts(void)
{
	return READ_ONCE(rx_irqs);
}
