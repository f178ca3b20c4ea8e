/*
 * ioctls.h - the ioctl numbers of Linux's x86-64 ABI that more than one
 * file answers (Linux's include/uapi/asm-generic/ioctls.h): the
 * terminal's, and FIONREAD, which ttys, pipes and sockets all take
 * (sockets call it SIOCINQ, linux/sockios.h).
 */
#ifndef KERNEL_IOCTLS_H
#define KERNEL_IOCTLS_H

#define TCGETS		0x5401
#define TCSETS		0x5402
#define TCSETSW		0x5403
#define TCSETSF		0x5404
#define TCFLSH		0x540b
#define TIOCSCTTY	0x540e	/* become the controlling terminal */
#define TIOCGPGRP	0x540f
#define TIOCSPGRP	0x5410
#define TIOCGWINSZ	0x5413
#define TIOCSWINSZ	0x5414
#define TIOCNOTTY	0x5422
#define TIOCGSID	0x5429
#define TIOCGPTN	0x80045430	/* pty number (a master) */
#define TIOCSPTLCK	0x40045431	/* lock or unlock the slave */
#define TIOCGPTLCK	0x80045439
#define TIOCGPTPEER	0x5441		/* open the slave from the master */
#define FIONREAD	0x541b		/* bytes ready to read */
#define SIOCINQ		FIONREAD	/* its name for sockets */
#define SIOCATMARK	0x8905		/* TCP: the reader is at the urgent mark */

#endif
