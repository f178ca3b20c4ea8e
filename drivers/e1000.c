/*
 * e1000.c - driver for the Intel 82540EM gigabit NIC, QEMU's default
 * ("-device e1000", PCI 8086:100e), with legacy descriptors.
 *
 * The device is reached through BAR0 (memory-mapped registers) and moves
 * frames by DMA through two rings of 16-byte descriptors in our memory.
 * Each RX descriptor owns a 2 KiB buffer for good, and received frames
 * are copied out of it (see e1000.h for the RX ring's head/tail
 * invariant).  TX descriptors point into the stack's own buffers
 * instead, a frame's pieces where they lie (scatter-gather): the NIC
 * reads them itself, and the stack gets them back through tx_done()
 * once the frame's last descriptor says it is sent.
 *
 * Context and locking:
 *   e1000_intr()         hard interrupt, interrupts off.  Reads ICR (which
 *                        acknowledges and drops the level-triggered INTx
 *                        line), masks the RX/TX causes and schedules the
 *                        poll.  Touches no ring.
 *   e1000_poll()         network thread, stack lock held.  Reclaims TX,
 *                        drains RX within a budget, re-enables interrupts
 *                        when the ring is empty (NAPI's scheme: under load
 *                        the NIC does not interrupt once per frame).
 *   e1000_xmit_frame()   whoever holds the stack lock (network thread, or a
 *                        task in a socket call).
 * So the rings are only touched with the stack lock held; the handler and
 * the rest share only ICR/IMS/IMC, which the hardware makes atomic.
 */
#include "kernel/kernel.h"
#include "kernel/errno.h"
#include "kernel/mm.h"
#include "kernel/string.h"
#include "kernel/time.h"
#include "arch/x86_64/paging.h"
#include "drivers/pci.h"
#include "drivers/e1000.h"
#include "kernel/chaintrace.h"

#define E1000_VENDOR_ID		0x8086
#define E1000_DEV_ID_82540EM	0x100e

/*
 * Causes we ask for; RX ones are masked while a poll is pending.  Not
 * TXDW: sent frames are reclaimed by the next send and by every poll
 * (e1000_clean_tx_irq), and right after the doorbell, by when QEMU's
 * model has sent them already.  A TX interrupt would wake knetd once
 * per answer a server sends only to find that done (Linux's NAPI
 * cleans in the same poll, without a thread to wake).
 */
#define E1000_IMS_RX	(E1000_ICR_RXT0 | E1000_ICR_RXDMT0 | E1000_ICR_RXO)
#define E1000_IMS_ENABLE (E1000_IMS_RX | E1000_ICR_LSC)

struct e1000_adapter {
	struct net_device netdev;
	struct pci_dev *pdev;
	volatile u8 *hw_addr;		/* BAR0, mapped */
	struct e1000_rx_ring rx_ring;
	struct e1000_tx_ring tx_ring;
	bool link_check;		/* LSC seen: re-read STATUS in poll */
	u32 mpc_last;			/* MPC as last read (see e1000_update_mpc) */
	/* Users of each bit of the multicast table (e1000_set_mc_filter) */
	u8 mta_users[E1000_MTA_BITS];
};

static struct e1000_adapter the_adapter;

static u32 er32(struct e1000_adapter *a, u32 reg)
{
	return *(volatile u32 *)(a->hw_addr + reg);
}

static void ew32(struct e1000_adapter *a, u32 reg, u32 val)
{
	*(volatile u32 *)(a->hw_addr + reg) = val;
}

/* ---- the RX ring: pure descriptor logic, also run by the self-tests ---- */

void e1000_alloc_rx_buffers(struct e1000_rx_ring *ring, unsigned count)
{
	/* LAB(e1000): begin */
	unsigned i = ring->next_to_use;

	while (count--) {
		struct e1000_rx_desc *d = &ring->desc[i];
		d->buffer_addr = virt_to_phys(ring->buffers +
					      (size_t)i * ring->buf_size);
		d->status = 0;		/* DD clear: not done yet */
		d->length = 0;
		d->errors = 0;
		i = (i + 1) % ring->count;
	}
	ring->next_to_use = i;
	/* The descriptors must be written before the NIC may read them;
	 * x86 keeps stores in order, so only the compiler must be held. */
	barrier();
	*ring->tail = i;
	/* LAB(e1000): end; the starting point has instead:
	(void)ring; (void)count;
	 */
}

/* Classify one completed descriptor; returns true if it is a whole,
 * error-free frame that fits its buffer. */
static bool e1000_rx_frame_ok(struct e1000_rx_ring *ring,
			      const struct e1000_rx_desc *d,
			      struct rtnl_link_stats64 *stats)
{
	bool eop = d->status & E1000_RXD_STAT_EOP;

	if (ring->discarding || !eop) {
		/* A frame spread over several buffers cannot happen with LPE
		 * off; if the NIC says so anyway, drop all its pieces. */
		if (!ring->discarding) {
			stats->rx_errors++;
			stats->rx_length_errors++;
		}
		ring->discarding = !eop;
		return false;
	}
	if (d->errors & E1000_RXD_ERR_FRAME) {
		stats->rx_errors++;
		if (d->errors & E1000_RXD_ERR_CE)
			stats->rx_crc_errors++;
		else
			stats->rx_frame_errors++;
		return false;
	}
	if (d->length < ETH_HLEN || d->length > ring->buf_size) {
		stats->rx_errors++;
		stats->rx_length_errors++;
		return false;
	}
	return true;
}

int e1000_clean_rx_irq(struct e1000_rx_ring *ring, int budget,
		       struct net_device *dev)
{
	/* LAB(e1000): begin */
	struct rtnl_link_stats64 *stats = &dev->stats;
	int cleaned = 0;

	while (cleaned < budget) {
		unsigned i = ring->next_to_clean;
		struct e1000_rx_desc *d = &ring->desc[i];

		if (!(READ_ONCE(d->status) & E1000_RXD_STAT_DD))
			break;
		barrier();	/* read the rest only after seeing DD */
		if (e1000_rx_frame_ok(ring, d, stats)) {
			const u8 *data = ring->buffers + (size_t)i * ring->buf_size;
			unsigned len = d->length;
			if (netif_rx(dev, data, len)) {
				stats->rx_packets++;
				stats->rx_bytes += len;
				if (data[0] & 1)
					stats->multicast++;
			} else {
				stats->rx_dropped++;
			}
		}
		d->status = 0;
		ring->next_to_clean = (i + 1) % ring->count;
		cleaned++;
	}
	/* Give the buffers back at once, even mid-burst: a tail that is not
	 * moved is a NIC that stops receiving for good. */
	if (cleaned)
		e1000_alloc_rx_buffers(ring, cleaned);
	return cleaned;
	/* LAB(e1000): end; the starting point has instead:
	(void)ring; (void)budget; (void)dev;
	(void)e1000_rx_frame_ok;	// not called yet: no warning
	return 0;
	 */
}

/* ---- TX ---- */

unsigned e1000_tx_unused(const struct e1000_tx_ring *ring)
{
	unsigned ntc = ring->next_to_clean, ntu = ring->next_to_use;

	return (ntc > ntu ? 0 : ring->count) + ntc - ntu - 1;
}

/* Reclaim the frames the NIC has sent (DD written back on their eop),
 * giving each one's buffers back to the stack.  Lock held. */
static void e1000_clean_tx_irq(struct e1000_adapter *a)
{
	struct e1000_tx_ring *ring = &a->tx_ring;
	struct net_device *dev = &a->netdev;

	while (ring->next_to_clean != ring->next_to_use) {
		struct e1000_tx_buffer *bi = &ring->buffer_info[ring->next_to_clean];
		unsigned eop = bi->eop;
		if (!(READ_ONCE(ring->desc[eop].status) & E1000_TXD_STAT_DD))
			break;
		barrier();	/* the NIC is done with everything before DD */
		dev->stats.tx_packets += bi->segs;	/* frames on the wire */
		dev->stats.tx_bytes += bi->bytes;
		if (bi->cookie)
			dev->tx_done(dev, bi->cookie);
		bi->cookie = NULL;
		ring->next_to_clean = (eop + 1) % ring->count;
	}
}

/* Descriptors a frame's pieces take. */
static unsigned e1000_txd_count(const struct net_tx_frame *f)
{
	unsigned n = 0;

	for (int i = 0; i < f->nr_frags; i++)
		n += (f->frags[i].len + E1000_MAX_DATA_PER_TXD - 1) / E1000_MAX_DATA_PER_TXD;
	return n;
}

/* The context a frame's checksums, and its segmentation, need (see
 * e1000_hw.h). */
static struct e1000_context_desc e1000_tx_context(const struct net_tx_frame *f)
{
	bool tcp = f->csum_offset == 16;	/* UDP's is 6 */
	struct e1000_context_desc ctx = {
		.ipcss = f->network_offset,
		.ipcso = f->network_offset + 10,
		.ipcse = f->csum_start - 1,
		.tucss = f->csum_start,
		.tucso = f->csum_start + f->csum_offset,
		.tucse = 0,
		.cmd_and_length = E1000_TXD_CMD_DEXT | E1000_TXD_CMD_IP |
				  (tcp ? E1000_TXD_CMD_TCP : 0),
	};
	if (f->gso_size) {
		ctx.cmd_and_length |= E1000_TXD_CMD_TSE | (f->len - f->hdr_len);
		ctx.hdr_len = f->hdr_len;
		ctx.mss = f->gso_size;
	}
	return ctx;
}

/* Queue a context descriptor unless the NIC holds this one already.  A
 * segmentation context is written for every such frame, as Linux's
 * e1000_tso does, and is never the one kept. */
static unsigned e1000_tx_csum(struct e1000_tx_ring *ring, unsigned i,
			      const struct e1000_context_desc *ctx)
{
	bool tso = ctx->cmd_and_length & E1000_TXD_CMD_TSE;

	if (!tso && ring->ctx_valid && !memcmp(&ring->ctx, ctx, sizeof(*ctx)))
		return i;
	*(struct e1000_context_desc *)&ring->desc[i] = *ctx;
	ring->ctx = *ctx;
	ring->ctx_valid = !tso;
	return (i + 1) % ring->count;
}

/*
 * Queue one frame: a descriptor per piece (per 4 KiB of one), pointing
 * at the stack's memory, which the NIC reads itself.  Nothing is copied;
 * the stack keeps the pieces until tx_done().  A frame with checksum
 * offload gets a context descriptor first (when the NIC's differs) and
 * extended data descriptors that ask for the sum.  The tail is written
 * once, after the last descriptor: that write is the doorbell.  Lock
 * held.
 */
static int e1000_xmit_frame(struct net_device *dev, const struct net_tx_frame *f)
{
	struct e1000_adapter *a = dev->priv;
	struct e1000_tx_ring *ring = &a->tx_ring;
	bool csum = f->csum_start != 0, tso = csum && f->gso_size;
	unsigned max = tso ? ETH_HLEN + 0xffff : ETH_FRAME_LEN;

	if (f->len == 0 || f->len > max || (tso && f->len <= f->hdr_len)) {
		dev->stats.tx_dropped++;
		return -EMSGSIZE;
	}
	unsigned needed = e1000_txd_count(f) + csum;
	e1000_clean_tx_irq(a);
	if (e1000_tx_unused(ring) < needed) {
		dev->tx_busy++;
		return -EBUSY;		/* the stack keeps the frame and retries */
	}
	unsigned first = ring->next_to_use, i = first, last = first;
	if (csum) {
		struct e1000_context_desc ctx = e1000_tx_context(f);
		i = e1000_tx_csum(ring, i, &ctx);
	}
	for (int k = 0; k < f->nr_frags; k++) {
		const u8 *data = f->frags[k].data;
		for (unsigned off = 0; off < f->frags[k].len; off += E1000_MAX_DATA_PER_TXD) {
			unsigned len = MIN(f->frags[k].len - off, (unsigned)E1000_MAX_DATA_PER_TXD);
			if (csum) {
				struct e1000_data_desc *d = (void *)&ring->desc[i];
				d->buffer_addr = virt_to_phys(data + off);
				d->lower = len | E1000_TXD_DTYP_D | E1000_TXD_CMD_DEXT |
					   E1000_TXD_DCMD_IFCS | (tso ? E1000_TXD_CMD_TSE : 0);
				d->upper = (E1000_TXD_POPTS_TXSM |
					    (tso ? E1000_TXD_POPTS_IXSM : 0)) << 8;
			} else {
				struct e1000_tx_desc *d = &ring->desc[i];
				d->buffer_addr = virt_to_phys(data + off);
				d->length = len;
				d->cmd = E1000_TXD_CMD_IFCS;
				d->status = 0;
			}
			last = i;
			i = (i + 1) % ring->count;
		}
	}
	if (csum)
		((struct e1000_data_desc *)&ring->desc[last])->lower |=
			E1000_TXD_DCMD_EOP | E1000_TXD_DCMD_RS;
	else
		ring->desc[last].cmd |= E1000_TXD_CMD_EOP | E1000_TXD_CMD_RS;
	unsigned segs = tso ? (f->len - f->hdr_len + f->gso_size - 1) / f->gso_size : 1;
	ring->buffer_info[first] = (struct e1000_tx_buffer){
		.cookie = f->cookie, .bytes = f->len + (segs - 1) * f->hdr_len,
		.segs = segs, .eop = last,
	};
	ring->next_to_use = i;
	barrier();
	*ring->tail = ring->next_to_use;
	e1000_clean_tx_irq(a);	/* QEMU sends in the doorbell's write */
	return 0;
}

/* ---- interrupt and poll ---- */

static void e1000_intr(struct pt_regs *regs, void *data)
{
	struct e1000_adapter *a = data;
	u32 icr = er32(a, E1000_ICR);	/* read-to-clear: the ack */

	(void)regs;
	if (!icr)
		return;			/* not ours */
	trace_chain_irq(icr);
	a->netdev.interrupts++;
	if (icr & E1000_ICR_RXO)
		a->netdev.stats.rx_over_errors++;
	if (icr & E1000_ICR_LSC)
		a->link_check = true;
	/* Quiet the device until the poll has run; it re-enables. */
	ew32(a, E1000_IMC, E1000_IMS_ENABLE);
	napi_schedule(&a->netdev);
}

static void e1000_update_link(struct e1000_adapter *a)
{
	bool up = er32(a, E1000_STATUS) & E1000_STATUS_LU;

	if (up == a->netdev.carrier)
		return;
	if (up) {
		u32 status = er32(a, E1000_STATUS);
		unsigned speed = (status >> E1000_STATUS_SPEED_SHIFT) & 3;
		pr_info("e1000: %s NIC Link is Up %u Mbps %s Duplex\n",
			a->netdev.name, speed == 0 ? 10 : speed == 1 ? 100 : 1000,
			status & E1000_STATUS_FD ? "Full" : "Half");
		netif_carrier_on(&a->netdev);
	} else {
		pr_info("e1000: %s NIC Link is Down\n", a->netdev.name);
		netif_carrier_off(&a->netdev);
	}
}

/*
 * What MPC counted since it was last read.  The 8254x manual makes the
 * statistics registers clear-on-read; QEMU's model (7.2) never clears MPC.
 * Counting what it grew by since the last read is right for QEMU; a
 * value below the last one can only mean a clearing device, whose value
 * is then all new.
 */
static u32 e1000_stat_delta(struct e1000_adapter *a, u32 reg, u32 *last)
{
	u32 v = er32(a, reg);
	u32 d = v >= *last ? v - *last : v;

	*last = v;
	return d;
}

/*
 * The frames the NIC dropped without a descriptor, so that they are in
 * /proc/net/dev too: those it had no descriptor for (MPC: "drop", as
 * Linux's e1000 counts them in rx_missed_errors), and those longer than
 * a frame may be (ROC: "errs" and "frame", Linux's rx_length_errors;
 * only a host on a tap can send such a thing).  QEMU's ROC clears on
 * read, as the manual says (measured: counting its growth instead lost
 * a tenth of a million giants).
 */
static void e1000_update_mpc(struct e1000_adapter *a)
{
	u32 roc;

	a->netdev.stats.rx_missed_errors += e1000_stat_delta(a, E1000_MPC, &a->mpc_last);
	roc = er32(a, E1000_ROC);
	a->netdev.stats.rx_length_errors += roc;
	a->netdev.stats.rx_errors += roc;
}

static int e1000_poll(struct net_device *dev, int budget)
{
	struct e1000_adapter *a = dev->priv;
	int done;

	if (READ_ONCE(a->link_check)) {
		WRITE_ONCE(a->link_check, false);
		e1000_update_link(a);
	}
	e1000_clean_tx_irq(a);
	done = e1000_clean_rx_irq(&a->rx_ring, budget, dev);
	e1000_update_mpc(a);
	/* Whole budget used: more may be waiting, stay in polling mode.
	 * Otherwise interrupts back on; a frame that arrived since the
	 * last DD check has set ICR already and interrupts at once. */
	/* LAB(e1000): begin */
	if (done < budget)
		ew32(a, E1000_IMS, E1000_IMS_ENABLE);
	/* LAB(e1000): end */
	return done;
}

/* ---- bring-up ---- */

static int e1000_read_eeprom(struct e1000_adapter *a, unsigned word, u16 *val)
{
	ew32(a, E1000_EERD, word << E1000_EERD_ADDR_SHIFT | E1000_EERD_START);
	for (int i = 0; i < 1000; i++) {
		u32 v = er32(a, E1000_EERD);
		if (v & E1000_EERD_DONE) {
			*val = v >> E1000_EERD_DATA_SHIFT;
			return 0;
		}
		udelay(5);
	}
	return -ETIMEDOUT;
}

/* The MAC: receive address 0 as the reset loaded it, else the EEPROM. */
static int e1000_read_mac_addr(struct e1000_adapter *a, u8 *mac)
{
	u32 ral = er32(a, E1000_RAL0), rah = er32(a, E1000_RAH0);

	if (rah & E1000_RAH_AV) {
		for (int i = 0; i < 4; i++)
			mac[i] = ral >> (8 * i);
		mac[4] = rah;
		mac[5] = rah >> 8;
		return 0;
	}
	for (unsigned w = 0; w < 3; w++) {
		u16 v;
		if (e1000_read_eeprom(a, w, &v))
			return -EIO;
		mac[2 * w] = v;
		mac[2 * w + 1] = v >> 8;
	}
	return 0;
}

static void e1000_reset_hw(struct e1000_adapter *a)
{
	ew32(a, E1000_IMC, ~0u);
	ew32(a, E1000_CTRL, er32(a, E1000_CTRL) | E1000_CTRL_RST);
	udelay(10);
	for (int i = 0; i < 1000 && (er32(a, E1000_CTRL) & E1000_CTRL_RST); i++)
		udelay(10);
	ew32(a, E1000_IMC, ~0u);	/* the reset may have unmasked */
	(void)er32(a, E1000_ICR);
	u32 ctrl = er32(a, E1000_CTRL) & ~E1000_CTRL_PHY_RST;
	ew32(a, E1000_CTRL, ctrl | E1000_CTRL_SLU | E1000_CTRL_ASDE);
}

static unsigned e1000_dma_order(size_t size)
{
	unsigned order = 0;

	while ((PAGE_SIZE << order) < size)
		order++;
	return order;
}

/* Physically contiguous, zeroed memory for the NIC to DMA. */
static void *e1000_alloc_dma(size_t size)
{
	return (void *)__get_free_pages(__GFP_ZERO, e1000_dma_order(size));
}

static void e1000_free_dma(void *p, size_t size)
{
	if (p)
		free_pages((unsigned long)p, e1000_dma_order(size));
}

/* Give back what e1000_setup_rx/tx took (any part of it).  The NIC must
 * no longer use the ring (reset, or never enabled). */
static void e1000_free_rx_resources(struct e1000_adapter *a)
{
	struct e1000_rx_ring *ring = &a->rx_ring;

	e1000_free_dma(ring->desc, ring->count * sizeof(*ring->desc));
	e1000_free_dma(ring->buffers, (size_t)ring->count * ring->buf_size);
	ring->desc = NULL;
	ring->buffers = NULL;
}

static void e1000_free_tx_resources(struct e1000_adapter *a)
{
	struct e1000_tx_ring *ring = &a->tx_ring;

	e1000_free_dma(ring->desc, ring->count * sizeof(*ring->desc));
	kfree(ring->buffer_info);	/* no frame was ever queued */
	ring->desc = NULL;
	ring->buffer_info = NULL;
}

static int e1000_setup_rx(struct e1000_adapter *a)
{
	struct e1000_rx_ring *ring = &a->rx_ring;
	u64 dma;

	ring->count = E1000_RX_RING_SIZE;
	ring->buf_size = E1000_RX_BUFFER_SIZE;
	ring->desc = e1000_alloc_dma(ring->count * sizeof(*ring->desc));
	ring->buffers = e1000_alloc_dma((size_t)ring->count * ring->buf_size);
	if (!ring->desc || !ring->buffers) {
		e1000_free_rx_resources(a);
		return -ENOMEM;
	}
	ring->tail = (volatile u32 *)(a->hw_addr + E1000_RDT);
	dma = virt_to_phys(ring->desc);
	ew32(a, E1000_RDBAL, (u32)dma);
	ew32(a, E1000_RDBAH, dma >> 32);
	ew32(a, E1000_RDLEN, ring->count * sizeof(*ring->desc));
	ew32(a, E1000_RDH, 0);
	ring->next_to_clean = ring->next_to_use = 0;
	e1000_alloc_rx_buffers(ring, ring->count - 1);	/* RDT = count - 1 */
	ew32(a, E1000_RDTR, 0);		/* interrupt at once, no delay */
	/* Note: QEMU's model then accepts no frame for about a second (it
	 * queues them meanwhile): early replies come late, not never. */
	ew32(a, E1000_RCTL, E1000_RCTL_EN | E1000_RCTL_BAM |
	     E1000_RCTL_RDMTS_HALF | E1000_RCTL_BSIZE_2048 | E1000_RCTL_SECRC);
	return 0;
}

static int e1000_setup_tx(struct e1000_adapter *a)
{
	struct e1000_tx_ring *ring = &a->tx_ring;
	u64 dma;

	ring->count = E1000_TX_RING_SIZE;
	ring->desc = e1000_alloc_dma(ring->count * sizeof(*ring->desc));
	ring->buffer_info = kzalloc(ring->count * sizeof(*ring->buffer_info), GFP_KERNEL);
	if (!ring->desc || !ring->buffer_info) {
		e1000_free_tx_resources(a);
		return -ENOMEM;
	}
	ring->tail = (volatile u32 *)(a->hw_addr + E1000_TDT);
	dma = virt_to_phys(ring->desc);
	ew32(a, E1000_TDBAL, (u32)dma);
	ew32(a, E1000_TDBAH, dma >> 32);
	ew32(a, E1000_TDLEN, ring->count * sizeof(*ring->desc));
	ew32(a, E1000_TDH, 0);
	ew32(a, E1000_TDT, 0);
	ring->next_to_clean = ring->next_to_use = 0;
	ew32(a, E1000_TIPG, E1000_TIPG_DEFAULT);
	ew32(a, E1000_TCTL, E1000_TCTL_EN | E1000_TCTL_PSP |
	     0x0fu << E1000_TCTL_CT_SHIFT | 0x40u << E1000_TCTL_COLD_SHIFT);
	return 0;
}

/*
 * The multicast table: 4,096 bits, one per hash of a multicast MAC
 * address; with RCTL.MO 0 (ours) the hash is the address's bits 47:36,
 * the high nibble of byte 4 and all of byte 5.  A frame to a multicast
 * address whose bit is set is received.  Groups can share a bit, so
 * each bit counts its users and clears with the last.  Lock held (the
 * stack's: lwIP's MLD calls it through ethernetif).
 */
static void e1000_set_mc_filter(struct net_device *dev, const u8 *mac, bool add)
{
	struct e1000_adapter *a = container_of(dev, struct e1000_adapter, netdev);
	unsigned hash = (mac[4] >> 4 | (unsigned)mac[5] << 4) & (E1000_MTA_BITS - 1);
	u8 *users = &a->mta_users[hash];

	if (add ? *users == 255 : *users == 0)
		return;			/* (stays set: more users than we count) */
	*users += add ? 1 : -1;
	u32 reg = E1000_MTA + 4 * (hash >> 5), bit = 1u << (hash & 31);
	u32 v = er32(a, reg);
	ew32(a, reg, *users ? v | bit : v & ~bit);
}

/*
 * Each step that can fail undoes, in reverse order, the steps before it
 * (the labels at the end, as Linux's e1000_probe and xv6 do): a NIC that
 * fails to come up leaves no rings, no registered device and no stack
 * interface behind, and is reset so that it stops DMA into them.
 */
static int e1000_probe(struct pci_dev *pdev)
{
	struct e1000_adapter *a = &the_adapter;
	struct net_device *dev = &a->netdev;
	int err;

	if (!(pdev->bar[0].flags & IORESOURCE_MEM))
		return -ENODEV;
	pci_enable_device(pdev);
	pci_set_master(pdev);
	a->pdev = pdev;
	a->hw_addr = ioremap(pci_resource_start(pdev, 0),
			     pci_resource_len(pdev, 0));
	e1000_reset_hw(a);
	if ((err = e1000_read_mac_addr(a, dev->dev_addr)))
		return err;		/* nothing taken yet */
	/* Receive address 0 is ours; no multicast filters. */
	const u8 *m = dev->dev_addr;
	ew32(a, E1000_RAL0, m[0] | m[1] << 8 | m[2] << 16 | (u32)m[3] << 24);
	ew32(a, E1000_RAH0, m[4] | m[5] << 8 | E1000_RAH_AV);
	for (int i = 0; i < 128; i++)
		ew32(a, E1000_MTA + 4 * i, 0);
	if ((err = e1000_setup_tx(a)))
		goto err_tx;
	if ((err = e1000_setup_rx(a)))
		goto err_rx;

	strlcpy(dev->name, "eth0", sizeof(dev->name));
	dev->mtu = ETH_DATA_LEN;
	dev->poll = e1000_poll;
	dev->xmit = e1000_xmit_frame;
	dev->set_mc_filter = e1000_set_mc_filter;
	dev->features = NETIF_F_IP_CSUM | NETIF_F_TSO;
	dev->gso_max_size = E1000_GSO_MAX_SIZE;
	dev->priv = a;
	if ((err = register_netdev(dev)))
		goto err_register;
	if ((err = pci_request_irq(pdev, e1000_intr, "eth0", a)))
		goto err_irq;
	pr_info("e1000 0000:%02x:%02x.%u %s: (PCI:33MHz:32-bit) "
		"%02x:%02x:%02x:%02x:%02x:%02x, IRQ %u, rings %u/%u\n",
		pdev->bus, PCI_SLOT(pdev->devfn), PCI_FUNC(pdev->devfn),
		dev->name, m[0], m[1], m[2], m[3], m[4], m[5], pdev->irq,
		a->rx_ring.count, a->tx_ring.count);
	a->link_check = true;		/* report the link on the first poll */
	ew32(a, E1000_IMS, E1000_IMS_ENABLE);
	napi_schedule(dev);
	return 0;

err_irq:
	unregister_netdev(dev);
err_register:
	e1000_reset_hw(a);		/* RX was enabled: stop its DMA */
	e1000_free_rx_resources(a);
err_rx:
	e1000_free_tx_resources(a);
err_tx:
	e1000_reset_hw(a);
	return err;
}

int e1000_init_module(void)
{
	struct pci_dev *pdev = pci_get_device(E1000_VENDOR_ID,
					      E1000_DEV_ID_82540EM, NULL);
	if (!pdev)
		return -ENODEV;
	int err = e1000_probe(pdev);
	if (err)
		pr_err("e1000: probe failed: error %d\n", err);
	return err;
}
