/*
 * pit.c - the 8254 programmable interval timer, used only as a ruler: its
 * input clock is exactly 1193182 Hz on every PC, so counting how far the
 * TSC and the APIC timer move while it counts down tells their rates.
 * Boot context only.
 *
 * Channel 2 is used because its gate and output are visible in port 0x61
 * (it once drove the speaker), so we can poll for the end of the count
 * without any interrupt.
 */
#include "arch/x86_64/cpu.h"
#include "arch/x86_64/apic.h"

#define PIT_HZ		1193182
#define PIT_CH2		0x42
#define PIT_MODE	0x43
#define PORT_61		0x61
#define P61_GATE2	0x01
#define P61_SPEAKER	0x02
#define P61_OUT2	0x20

void pit_oneshot_start(unsigned ms)
{
	unsigned count = PIT_HZ / 1000 * ms;	/* must fit 16 bits: ms <= 54 */

	outb(PORT_61, (inb(PORT_61) & ~P61_SPEAKER) & ~P61_GATE2);
	outb(PIT_MODE, 0xb0);		/* channel 2, lo/hi byte, mode 0 */
	outb(PIT_CH2, count & 0xff);
	outb(PIT_CH2, count >> 8);
	outb(PORT_61, inb(PORT_61) | P61_GATE2);	/* start counting */
}

bool pit_oneshot_expired(void)
{
	return inb(PORT_61) & P61_OUT2;	/* mode 0: OUT2 goes high at 0 */
}
