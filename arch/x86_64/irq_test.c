/* irq_test.c - an interrupt sent through the local APIC reaches its
 * handler, in interrupt context, exactly once. */
#include "kernel/selftest.h"
#include "arch/x86_64/apic.h"
#include "arch/x86_64/cpu.h"
#include "arch/x86_64/irq.h"

static volatile int ipi_seen;
static volatile bool ipi_in_interrupt;

static void test_ipi_handler(struct pt_regs *regs, void *dev)
{
	(void)dev;
	ipi_seen++;
	ipi_in_interrupt = in_interrupt() && !user_mode(regs);
}

SELFTEST(apic_self_ipi)
{
	set_vector_handler(TEST_IPI_VECTOR, test_ipi_handler, "test");
	ipi_seen = 0;

	/* With interrupts off the IPI stays pending in the APIC ... */
	unsigned long flags = local_irq_save();
	apic_send_self_ipi(TEST_IPI_VECTOR);
	ST_ASSERT_EQ(ipi_seen, 0);
	/* ... and is delivered as soon as they are back on. */
	local_irq_restore(flags);
	for (int i = 0; i < 1000 && !ipi_seen; i++)
		cpu_relax();
	ST_ASSERT_EQ(ipi_seen, 1);
	ST_ASSERT(ipi_in_interrupt);
	ST_ASSERT(!in_interrupt());

	apic_send_self_ipi(TEST_IPI_VECTOR);
	for (int i = 0; i < 1000 && ipi_seen < 2; i++)
		cpu_relax();
	ST_ASSERT_EQ(ipi_seen, 2);
	ST_ASSERT_EQ(irq_count(TEST_IPI_VECTOR), 2);
	set_vector_handler(TEST_IPI_VECTOR, NULL, NULL);
	return 0;
}
