/*
 * e1000_test.c - self-tests of the e1000's RX ring logic on a ring in
 * plain memory: the test plays the NIC (writes DD, EOP, lengths, moves
 * its head) and checks what the driver does with the tail.  No device
 * is needed: the frames go, as always, to netif_rx() of a net_device,
 * here one whose receive hook (rx_handler, the stack's side) is the
 * test's own.  Process context.
 */
#include "kernel/kernel.h"
#include "kernel/mm.h"
#include "kernel/string.h"
#include "kernel/selftest.h"
#include "drivers/e1000.h"

#define TEST_RING	8
#define TEST_BUF	256

struct fake_nic {
	struct net_device dev;		/* dev.rx_handler = fake_rx_handler */
	struct e1000_rx_ring ring;
	u32 rdt;			/* the "register" */
	unsigned head;			/* the NIC's RDH */
	unsigned delivered;
	unsigned last_len;
	u8 last_first_byte;
};

/* The stack's receive hook, faked: count and remember the frame. */
static bool fake_rx_handler(struct net_device *dev, const void *data,
			    unsigned len)
{
	struct fake_nic *nic = container_of(dev, struct fake_nic, dev);

	nic->delivered++;
	nic->last_len = len;
	nic->last_first_byte = *(const u8 *)data;
	return true;
}

static int fake_nic_init(struct fake_nic *nic)
{
	memset(nic, 0, sizeof(*nic));
	nic->dev.rx_handler = fake_rx_handler;
	nic->ring.count = TEST_RING;
	nic->ring.buf_size = TEST_BUF;
	nic->ring.desc = kzalloc(TEST_RING * sizeof(*nic->ring.desc), GFP_KERNEL);
	nic->ring.buffers = kzalloc(TEST_RING * TEST_BUF, GFP_KERNEL);
	nic->ring.tail = &nic->rdt;
	if (!nic->ring.desc || !nic->ring.buffers)
		return -1;
	e1000_alloc_rx_buffers(&nic->ring, TEST_RING - 1);
	return 0;
}

static void fake_nic_free(struct fake_nic *nic)
{
	kfree(nic->ring.desc);
	kfree(nic->ring.buffers);
}

/* The NIC receives one frame, as the hardware would: only into a
 * descriptor it owns ([head, tail)).  Returns false when it has none. */
static bool fake_nic_rx(struct fake_nic *nic, u16 len, u8 status, u8 errors)
{
	if (nic->head == nic->rdt)
		return false;		/* ring full: the frame is missed */
	struct e1000_rx_desc *d = &nic->ring.desc[nic->head];
	nic->ring.buffers[nic->head * TEST_BUF] = (u8)nic->head;
	d->length = len;
	d->errors = errors;
	d->status = status | E1000_RXD_STAT_DD;
	nic->head = (nic->head + 1) % TEST_RING;
	return true;
}

/* Fill the ring completely (an overrun), drain it, and check that the
 * tail trails the head by one, so the NIC can go on receiving; twice
 * round, to cross the wrap. */
SELFTEST(e1000_rx_refill)
{
	struct fake_nic nic;

	ST_ASSERT(fake_nic_init(&nic) == 0);
	ST_ASSERT_EQ(nic.rdt, TEST_RING - 1);	/* all but one to the NIC */
	struct rtnl_link_stats64 *stats = &nic.dev.stats;	/* zeroed */
	for (int round = 0; round < 3; round++) {
		int got = 0;
		while (fake_nic_rx(&nic, 60, E1000_RXD_STAT_EOP, 0))
			got++;
		ST_ASSERT_EQ(got, TEST_RING - 1);	/* then it is full */
		ST_ASSERT(nic.head == nic.rdt);		/* the NIC stopped */
		/* A budget smaller than the backlog: partial refill. */
		ST_ASSERT_EQ(e1000_clean_rx_irq(&nic.ring, 3, &nic.dev), 3);
		ST_ASSERT_EQ(nic.rdt, (nic.head + 3) % TEST_RING);
		ST_ASSERT(fake_nic_rx(&nic, 60, E1000_RXD_STAT_EOP, 0));
		got = e1000_clean_rx_irq(&nic.ring, 64, &nic.dev);
		ST_ASSERT_EQ(got, TEST_RING - 1 - 3 + 1);
		/* Empty again: the tail is one behind the head. */
		ST_ASSERT_EQ((nic.rdt + 1) % TEST_RING, nic.head);
		ST_ASSERT_EQ(nic.ring.next_to_clean, nic.head);
		ST_ASSERT_EQ(e1000_clean_rx_irq(&nic.ring, 64, &nic.dev), 0);
	}
	ST_ASSERT_EQ(stats->rx_packets, 3 * TEST_RING);
	ST_ASSERT_EQ(stats->rx_bytes, 3 * TEST_RING * 60);
	ST_ASSERT_EQ(stats->rx_errors, 0);
	fake_nic_free(&nic);
	return 0;
}

/* Frames the NIC marks bad, or that do not fit, are dropped and
 * counted, never delivered; the descriptors still go back to the NIC. */
SELFTEST(e1000_rx_bad_frames)
{
	struct fake_nic nic;

	ST_ASSERT(fake_nic_init(&nic) == 0);
	struct rtnl_link_stats64 *stats = &nic.dev.stats;	/* zeroed */
	fake_nic_rx(&nic, 60, E1000_RXD_STAT_EOP, E1000_RXD_ERR_CE);
	fake_nic_rx(&nic, 60, E1000_RXD_STAT_EOP, E1000_RXD_ERR_RXE);
	fake_nic_rx(&nic, TEST_BUF + 1, E1000_RXD_STAT_EOP, 0);	/* too long */
	fake_nic_rx(&nic, 10, E1000_RXD_STAT_EOP, 0);		/* runt */
	fake_nic_rx(&nic, TEST_BUF, 0, 0);		/* no EOP: first piece */
	fake_nic_rx(&nic, 40, E1000_RXD_STAT_EOP, 0);	/* ... its last */
	fake_nic_rx(&nic, 64, E1000_RXD_STAT_EOP, 0x20 | 0x40);	/* csum bits only: good */
	ST_ASSERT_EQ(e1000_clean_rx_irq(&nic.ring, 64, &nic.dev), 7);
	ST_ASSERT_EQ(nic.delivered, 1);
	ST_ASSERT_EQ(nic.last_len, 64);
	ST_ASSERT_EQ(nic.last_first_byte, 6);	/* the 7th descriptor's */
	ST_ASSERT_EQ(stats->rx_packets, 1);
	ST_ASSERT_EQ(stats->rx_errors, 5);
	ST_ASSERT_EQ(stats->rx_crc_errors, 1);
	ST_ASSERT_EQ(stats->rx_frame_errors, 1);
	ST_ASSERT_EQ(stats->rx_length_errors, 3);
	ST_ASSERT_EQ((nic.rdt + 1) % TEST_RING, nic.head);
	/* A descriptor without DD stops the cleaning, even with data. */
	nic.ring.desc[nic.head].status = E1000_RXD_STAT_EOP;
	ST_ASSERT_EQ(e1000_clean_rx_irq(&nic.ring, 64, &nic.dev), 0);
	fake_nic_free(&nic);
	return 0;
}

SELFTEST(e1000_tx_unused)
{
	struct e1000_tx_ring ring = { .count = 8 };

	ST_ASSERT_EQ(e1000_tx_unused(&ring), 7);
	ring.next_to_use = 7;
	ST_ASSERT_EQ(e1000_tx_unused(&ring), 0);	/* full: one stays free */
	ring.next_to_clean = 3;
	ST_ASSERT_EQ(e1000_tx_unused(&ring), 3);
	ring.next_to_use = 2;
	ST_ASSERT_EQ(e1000_tx_unused(&ring), 0);
	return 0;
}
