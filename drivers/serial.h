/*
 * serial.h - the 16550 UARTs (COM1, COM2): the kernel console and, for
 * input, an interrupt-fed receive buffer.
 */
#ifndef DRIVERS_SERIAL_H
#define DRIVERS_SERIAL_H

#include "kernel/types.h"

/* Program COM1 and register it as a console.  Boot, first thing. */
void serial_init(void);
/* Route COM1's receive interrupt through the IOAPIC (after ioapic_init). */
void serial_enable_rx_irq(void);

/* Woken whenever received bytes are buffered (for serial_getc). */
extern struct wait_queue_head serial_rx_wait;

/* Next received byte, or -1 if none is buffered.  Any context. */
int serial_getc(void);
/* Write bytes to COM1, polling the transmitter.  Any context. */
void serial_write(const char *s, size_t n);
/* The same, but bytes exactly as given (no CR before LF). */
void serial_write_raw(const char *s, size_t n);
/* Receive interrupts handled so far (for tests). */
u64 serial_rx_interrupts(void);

/* Hand received bytes to hook from now on (the tty, once it is used):
 * what is buffered first, in order, then each new byte in interrupt
 * context instead of buffering it.  No byte is lost or reordered in the
 * switch.  Process context. */
void serial_set_rx_hook(void (*hook)(u8 c));

#endif
