/*
 * e1000.h - the e1000 driver: its start-up, and its rings, which are
 * exposed so the self-tests (drivers/e1000_test.c) can run the RX refill
 * logic on a ring in plain memory, with no NIC behind it.
 */
#ifndef DRIVERS_E1000_H
#define DRIVERS_E1000_H

#include "drivers/e1000_hw.h"
#include "net/netdevice.h"

/* 1,024 receive descriptors (2 MiB of buffers): QEMU's slirp delivers a
 * burst (a thousand clients' segments at once) faster than the guest
 * empties the ring; frames that find no descriptor are lost, and TCP's
 * synchronized retransmissions then lose them again. */
#define E1000_RX_RING_SIZE	1024	/* descriptors; multiple of 8 */
/* 256 transmit descriptors: a frame takes one per piece (and per 4 KiB
 * of a piece); they point into the stack's own buffers. */
#define E1000_TX_RING_SIZE	256
#define E1000_RX_BUFFER_SIZE	2048	/* RCTL.BSIZE */
#define E1000_MAX_DATA_PER_TXD	4096	/* as Linux's e1000 */
#define E1000_GSO_MAX_SIZE	64000	/* TSO payload per frame (IP's 64 KiB) */

/*
 * The RX ring.  Descriptors [RDH, RDT) belong to the NIC; the others to
 * us.  We clean from next_to_clean while DD is set, and hand cleaned
 * descriptors back from next_to_use, writing RDT = next_to_use.  Every
 * buffer stays attached to its descriptor (frames are copied out), so
 * after a refill next_to_use == next_to_clean - 1: the tail trails the
 * head by one descriptor.  It must never catch up: RDT == RDH means
 * "no descriptors" and the NIC stops receiving.
 */
struct e1000_rx_ring {
	struct e1000_rx_desc *desc;	/* count descriptors, DMA-able */
	u8 *buffers;			/* count * buf_size bytes, DMA-able */
	unsigned count;
	unsigned buf_size;
	unsigned next_to_clean;		/* oldest descriptor the NIC may fill */
	unsigned next_to_use;		/* next one to give back (= RDT) */
	bool discarding;		/* inside a frame without EOP */
	volatile u32 *tail;		/* the RDT register */
};

/* Per frame, on its first descriptor (Linux's e1000_tx_buffer). */
struct e1000_tx_buffer {
	void *cookie;			/* for the stack's tx_done() */
	u32 bytes;			/* for the counters: on the wire */
	u16 segs;			/* frames on the wire (TSO cuts one in many) */
	u16 eop;			/* the frame's last descriptor */
};

/*
 * The TX ring.  Descriptors [next_to_clean, next_to_use) are the NIC's:
 * frames queued and not yet known to be sent.  Each frame is a run of
 * descriptors whose last has EOP and RS, so that the NIC writes DD back
 * on that one only; cleaning goes frame by frame, from a frame's first
 * descriptor (its e1000_tx_buffer) to its eop.
 */
struct e1000_tx_ring {
	struct e1000_tx_desc *desc;
	struct e1000_tx_buffer *buffer_info;
	struct e1000_context_desc ctx;	/* the last context the NIC was given */
	bool ctx_valid;
	unsigned count;
	unsigned next_to_clean;		/* oldest descriptor not yet done */
	unsigned next_to_use;		/* next free descriptor (= TDT) */
	volatile u32 *tail;		/* the TDT register */
};

/* Find and start the NIC, if the machine has one.  Process context. */
int e1000_init_module(void);

/* Give count cleaned descriptors back to the NIC and move RDT. */
void e1000_alloc_rx_buffers(struct e1000_rx_ring *ring, unsigned count);
/* Drain up to budget completed descriptors, hand the good frames to
 * netif_rx(dev), count them and the rest in dev->stats, refill; returns
 * the number of descriptors cleaned.  Linux's name; here, as in Linux's
 * NAPI, it runs in the poll (the network thread), not in the interrupt
 * handler. */
int e1000_clean_rx_irq(struct e1000_rx_ring *ring, int budget,
		       struct net_device *dev);
/* Descriptors free for the driver to fill (one always stays unused). */
unsigned e1000_tx_unused(const struct e1000_tx_ring *ring);

#endif
