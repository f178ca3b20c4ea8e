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

#define PIT_CH2		0x42
#define PIT_MODE	0x43
#define PORT_61		0x61
#define P61_GATE2	0x01
#define P61_SPEAKER	0x02
#define P61_OUT2	0x20

static u8 count_msb;		/* the byte that starts the count */

/*
 * With the gate already high, mode 0 starts counting once the count's
 * second byte is written, on a real PIT and on QEMU's (which ignores
 * the gate in mode 0 and counts from the write).  So the gate and the
 * first byte come first, and pit_oneshot_go() writes the second byte:
 * the one access that starts the count, which a caller brackets with
 * TSC reads.
 */
unsigned pit_oneshot_prepare(unsigned ms)
{
	unsigned count = PIT_TICK_RATE * ms / 1000;	/* 16 bits: ms <= 54 */

	outb(PORT_61, (inb(PORT_61) & ~P61_SPEAKER) | P61_GATE2);
	outb(PIT_MODE, 0xb0);		/* channel 2, lo/hi byte, mode 0 */
	outb(PIT_CH2, count & 0xff);
	count_msb = count >> 8;
	return count;
}

void pit_oneshot_go(void)
{
	outb(PIT_CH2, count_msb);	/* start counting */
}

bool pit_oneshot_expired(void)
{
	return inb(PORT_61) & P61_OUT2;	/* mode 0: OUT2 goes high at 0 */
}
