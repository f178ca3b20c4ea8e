/*
 * e1000_hw.h - registers and descriptors of the Intel 82540EM (QEMU's
 * "-device e1000", PCI 8086:100e), as the 8254x Software Developer's
 * Manual describes them.  Only what drivers/e1000.c uses.
 */
#ifndef DRIVERS_E1000_HW_H
#define DRIVERS_E1000_HW_H

#include "kernel/types.h"

/* Register offsets in BAR0 (all 32 bits wide). */
#define E1000_CTRL	0x00000	/* device control */
#define E1000_STATUS	0x00008	/* device status */
#define E1000_EERD	0x00014	/* EEPROM read */
#define E1000_ICR	0x000c0	/* interrupt cause; reading clears it */
#define E1000_ICS	0x000c8	/* interrupt cause set (raise by hand) */
#define E1000_IMS	0x000d0	/* interrupt mask set */
#define E1000_IMC	0x000d8	/* interrupt mask clear */
#define E1000_RCTL	0x00100	/* receive control */
#define E1000_TCTL	0x00400	/* transmit control */
#define E1000_TIPG	0x00410	/* transmit inter-packet gap */
#define E1000_RDBAL	0x02800	/* RX ring base, low 32 bits */
#define E1000_RDBAH	0x02804	/* RX ring base, high 32 bits */
#define E1000_RDLEN	0x02808	/* RX ring length in bytes */
#define E1000_RDH	0x02810	/* RX head: next descriptor hw fills */
#define E1000_RDT	0x02818	/* RX tail: first descriptor hw may not use */
#define E1000_RDTR	0x02820	/* RX interrupt delay */
#define E1000_TDBAL	0x03800	/* TX ring base, low */
#define E1000_TDBAH	0x03804	/* TX ring base, high */
#define E1000_TDLEN	0x03808	/* TX ring length in bytes */
#define E1000_TDH	0x03810	/* TX head: next descriptor hw sends */
#define E1000_TDT	0x03818	/* TX tail: one past the last one queued */
#define E1000_MPC	0x04010	/* missed packets (manual: clear-on-read; QEMU: never cleared) */
#define E1000_ROC	0x040AC	/* receive oversize: frames over 1,518 bytes, dropped */
#define E1000_MTA	0x05200	/* multicast table, 128 dwords */
#define E1000_MTA_BITS	4096	/* its bits, one per hash (MO 0: bits 47:36) */
#define E1000_RAL0	0x05400	/* receive address 0, low */
#define E1000_RAH0	0x05404	/* receive address 0, high */

#define E1000_CTRL_FD		(1u << 0)	/* full duplex */
#define E1000_CTRL_ASDE		(1u << 5)	/* auto-detect speed */
#define E1000_CTRL_SLU		(1u << 6)	/* set link up */
#define E1000_CTRL_RST		(1u << 26)	/* device reset (self-clearing) */
#define E1000_CTRL_PHY_RST	(1u << 31)

#define E1000_STATUS_FD		(1u << 0)
#define E1000_STATUS_LU		(1u << 1)	/* link up */
#define E1000_STATUS_SPEED_SHIFT 6		/* 0: 10, 1: 100, 2-3: 1000 */

#define E1000_EERD_START	(1u << 0)
#define E1000_EERD_DONE		(1u << 4)
#define E1000_EERD_ADDR_SHIFT	8
#define E1000_EERD_DATA_SHIFT	16

#define E1000_RAH_AV		(1u << 31)	/* address valid */

/* Interrupt causes: the same bits in ICR, ICS, IMS and IMC. */
#define E1000_ICR_TXDW		(1u << 0)	/* TX descriptor written back */
#define E1000_ICR_TXQE		(1u << 1)	/* TX queue empty */
#define E1000_ICR_LSC		(1u << 2)	/* link status change */
#define E1000_ICR_RXSEQ		(1u << 3)	/* RX sequence error */
#define E1000_ICR_RXDMT0	(1u << 4)	/* RX free descriptors below min */
#define E1000_ICR_RXO		(1u << 6)	/* RX overrun (frame lost) */
#define E1000_ICR_RXT0		(1u << 7)	/* RX timer: frames are waiting */

#define E1000_RCTL_EN		(1u << 1)
#define E1000_RCTL_SBP		(1u << 2)	/* store bad packets */
#define E1000_RCTL_UPE		(1u << 3)	/* unicast promiscuous */
#define E1000_RCTL_MPE		(1u << 4)	/* multicast promiscuous */
#define E1000_RCTL_LPE		(1u << 5)	/* long packets */
#define E1000_RCTL_RDMTS_HALF	(0u << 8)	/* RXDMT0 at half the ring */
#define E1000_RCTL_BAM		(1u << 15)	/* accept broadcast */
#define E1000_RCTL_BSIZE_2048	(0u << 16)	/* with BSEX clear */
#define E1000_RCTL_SECRC	(1u << 26)	/* strip the Ethernet CRC */

#define E1000_TCTL_EN		(1u << 1)
#define E1000_TCTL_PSP		(1u << 3)	/* pad short packets */
#define E1000_TCTL_CT_SHIFT	4		/* collision threshold */
#define E1000_TCTL_COLD_SHIFT	12		/* collision distance */

/* The manual's TIPG values for the 82540 on copper. */
#define E1000_TIPG_DEFAULT	(10u | 8u << 10 | 6u << 20)

/* Legacy receive descriptor: hw writes length, status, errors. */
struct e1000_rx_desc {
	u64 buffer_addr;	/* physical address of the buffer */
	u16 length;		/* bytes written to the buffer */
	u16 csum;
	u8 status;		/* E1000_RXD_STAT_* */
	u8 errors;		/* E1000_RXD_ERR_* */
	u16 special;
} __packed;

#define E1000_RXD_STAT_DD	0x01	/* descriptor done */
#define E1000_RXD_STAT_EOP	0x02	/* last descriptor of a frame */
#define E1000_RXD_ERR_CE	0x01	/* CRC or alignment error */
#define E1000_RXD_ERR_SE	0x02	/* symbol error */
#define E1000_RXD_ERR_SEQ	0x04	/* sequence error */
#define E1000_RXD_ERR_CXE	0x10	/* carrier extension error */
#define E1000_RXD_ERR_RXE	0x80	/* RX data error */
/* Checksum-offload bits (0x20 TCPE, 0x40 IPE) are not frame errors. */
#define E1000_RXD_ERR_FRAME	(E1000_RXD_ERR_CE | E1000_RXD_ERR_SE | \
				 E1000_RXD_ERR_SEQ | E1000_RXD_ERR_CXE | \
				 E1000_RXD_ERR_RXE)

/* Legacy transmit descriptor. */
struct e1000_tx_desc {
	u64 buffer_addr;
	u16 length;
	u8 cso;
	u8 cmd;			/* E1000_TXD_CMD_* */
	u8 status;		/* E1000_TXD_STAT_* */
	u8 css;
	u16 special;
} __packed;

#define E1000_TXD_CMD_EOP	0x01	/* end of packet */
#define E1000_TXD_CMD_IFCS	0x02	/* insert the CRC */
#define E1000_TXD_CMD_RS	0x08	/* report status (sets DD) */
#define E1000_TXD_STAT_DD	0x01

/*
 * The offloads: a context descriptor tells the NIC where a frame's IP
 * and TCP/UDP headers are and, for TCP segmentation (TSE), the header
 * length and MSS; the data descriptors after it (DEXT, type D) ask for
 * the checksums to be inserted (POPTS).  The NIC keeps the last context
 * until the next, so one serves every frame that has the same layout.
 * Same 16 bytes as the legacy descriptors, other fields.
 */
struct e1000_context_desc {
	u8 ipcss;		/* IP checksum start: the IP header's offset */
	u8 ipcso;		/* where the IP checksum goes */
	u16 ipcse;		/* its last byte (inclusive) */
	u8 tucss;		/* TCP/UDP checksum start: the L4 header's offset */
	u8 tucso;		/* where that checksum goes */
	u16 tucse;		/* its last byte; 0: the frame's end */
	u32 cmd_and_length;	/* TSE: the payload to cut; TUCMD bits */
	u8 status;
	u8 hdr_len;		/* TSE: the headers repeated in each segment */
	u16 mss;		/* TSE: payload bytes per segment */
} __packed;

/* The extended data descriptor, read as two words. */
struct e1000_data_desc {
	u64 buffer_addr;
	u32 lower;		/* length (20 bits), DTYP, DCMD */
	u32 upper;		/* status (DD), POPTS, special */
} __packed;

#define E1000_TXD_DTYP_D	0x00100000	/* data, not context */
#define E1000_TXD_CMD_DEXT	0x20000000	/* extended descriptor */
#define E1000_TXD_DCMD_EOP	0x01000000	/* the EOP/IFCS/RS of a data */
#define E1000_TXD_DCMD_IFCS	0x02000000	/*   descriptor, in its lower */
#define E1000_TXD_DCMD_RS	0x08000000	/*   word */
#define E1000_TXD_CMD_TSE	0x04000000	/* TCP segmentation */
#define E1000_TXD_CMD_IP	0x02000000	/* context: IPv4 */
#define E1000_TXD_CMD_TCP	0x01000000	/* context: TCP (not UDP) */
#define E1000_TXD_POPTS_IXSM	0x01		/* insert the IP checksum */
#define E1000_TXD_POPTS_TXSM	0x02		/* insert the TCP/UDP checksum */

#endif
