/*
 * i8259.c - switching off the two legacy 8259 interrupt controllers.
 * Boot context only.
 *
 * Interrupts go through the APICs, but the PICs still exist and come up
 * delivering IRQ 0-7 on vectors 8-15, the CPU's exception vectors.  We
 * move them to 0x20-0x2f first, so even a spurious PIC interrupt can never
 * look like a double fault, then mask every line.
 */
#include "arch/x86_64/cpu.h"
#include "arch/x86_64/apic.h"

#define PIC1_CMD	0x20
#define PIC1_DATA	0x21
#define PIC2_CMD	0xa0
#define PIC2_DATA	0xa1

void legacy_pic_disable(void)
{
	outb(PIC1_CMD, 0x11);		/* ICW1: initialise, ICW4 follows */
	outb(PIC2_CMD, 0x11);
	outb(PIC1_DATA, 0x20);		/* ICW2: vector base */
	outb(PIC2_DATA, 0x28);
	outb(PIC1_DATA, 0x04);		/* ICW3: slave on IRQ2 */
	outb(PIC2_DATA, 0x02);
	outb(PIC1_DATA, 0x01);		/* ICW4: 8086 mode */
	outb(PIC2_DATA, 0x01);
	outb(PIC1_DATA, 0xff);		/* mask all */
	outb(PIC2_DATA, 0xff);
}
