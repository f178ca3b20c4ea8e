/*
 * dev_ioctl.c - the interface ioctls every socket answers (Linux's
 * net/core/dev_ioctl.c: SIOCGIFCONF, SIOCGIFNAME, SIOCGIFINDEX,
 * SIOCGIFFLAGS, SIOCGIFMTU, SIOCGIFHWADDR, SIOCGIFTXQLEN) and those only
 * AF_INET sockets answer (net/ipv4/devinet.c's devinet_ioctl:
 * SIOCGIFADDR, SIOCGIFNETMASK, SIOCGIFBRDADDR).  The SIOCSIF* requests
 * that change an interface are EPERM for other users and EOPNOTSUPP
 * for root: interfaces are configured only at boot (ip=).
 *
 * LOCKING: none held across a user copy: the request is copied in, the
 * interfaces copied under the stack lock (dev_snapshot), the answer
 * copied out after.  Context: process context.
 */
#include "kernel/kernel.h"
#include "kernel/cred.h"
#include "kernel/errno.h"
#include "kernel/mm.h"
#include "kernel/string.h"
#include "net/sock.h"
#include "net/netdevice.h"
#include "arch/x86_64/uaccess.h"

#define SIOCGIFNAME	0x8910
#define SIOCGIFCONF	0x8912
#define SIOCGIFFLAGS	0x8913
#define SIOCSIFFLAGS	0x8914
#define SIOCGIFADDR	0x8915
#define SIOCSIFADDR	0x8916
#define SIOCGIFBRDADDR	0x8919
#define SIOCSIFBRDADDR	0x891a
#define SIOCGIFNETMASK	0x891b
#define SIOCSIFNETMASK	0x891c
#define SIOCGIFMTU	0x8921
#define SIOCSIFMTU	0x8922
#define SIOCSIFNAME	0x8923
#define SIOCSIFHWADDR	0x8924
#define SIOCGIFHWADDR	0x8927
#define SIOCGIFINDEX	0x8933
#define SIOCGIFTXQLEN	0x8942
#define SIOCSIFTXQLEN	0x8943

#ifndef CAP_NET_ADMIN
#define CAP_NET_ADMIN	12
#endif

struct sockaddr {
	unsigned short sa_family;
	char sa_data[14];
};

/* struct ifreq of x86-64: a name, then one of these (24 bytes). */
struct ifreq {
	char ifr_name[IFNAMSIZ];
	union {
		struct sockaddr ifr_addr;	/* also hwaddr, netmask ... */
		short ifr_flags;
		int ifr_ifindex;		/* also mtu, qlen */
		char __pad[24];
	};
};

struct ifconf {
	int ifc_len;
	char __user *ifc_buf;
};

/* An IPv4 address as struct sockaddr_in in ifr_addr. */
static void ifr_set_in(struct ifreq *ifr, u32 ip)
{
	memset(&ifr->ifr_addr, 0, sizeof(ifr->ifr_addr));
	ifr->ifr_addr.sa_family = AF_INET;
	memcpy(ifr->ifr_addr.sa_data + 2, &ip, 4);	/* after sin_port */
}

/* Linux's dev_ifconf and inet_gifconf: one ifreq per IPv4 address; no
 * buffer asks for the length it would take. */
static long dev_ifconf(struct ifconf __user *uifc)
{
	struct ifconf ifc;

	if (copy_from_user(&ifc, uifc, sizeof(ifc)))
		return -EFAULT;
	struct ifinfo *tab = kmalloc(NET_MAX_IFACES * sizeof(*tab), GFP_KERNEL);
	if (!tab)
		return -ENOMEM;
	int n = dev_snapshot(tab, NET_MAX_IFACES), total = 0;
	long err = 0;
	for (int i = 0; i < n; i++) {
		if (!tab[i].ip)
			continue;
		if (ifc.ifc_buf) {
			struct ifreq ifr;
			if (ifc.ifc_len - total < (int)sizeof(ifr))
				break;
			memset(&ifr, 0, sizeof(ifr));
			strlcpy(ifr.ifr_name, tab[i].name, IFNAMSIZ);
			ifr_set_in(&ifr, tab[i].ip);
			if (copy_to_user(ifc.ifc_buf + total, &ifr, sizeof(ifr))) {
				err = -EFAULT;
				break;
			}
		}
		total += sizeof(struct ifreq);
	}
	kfree(tab);
	return err ? err : put_user(total, &uifc->ifc_len);
}

static bool dev_ioctl_set(unsigned int cmd)
{
	switch (cmd) {
	case SIOCSIFFLAGS: case SIOCSIFADDR: case SIOCSIFBRDADDR: case SIOCSIFNETMASK:
	case SIOCSIFMTU: case SIOCSIFNAME: case SIOCSIFHWADDR: case SIOCSIFTXQLEN:
		return true;
	}
	return false;
}

/* Fill in the answer to a get request about ifi; -ENOIOCTLCMD if cmd
 * is none of ours. */
static long dev_ifsioc(struct socket *sock, unsigned int cmd, const struct ifinfo *ifi,
		       struct ifreq *ifr)
{
	bool inet = sock->ops && sock->ops->family == AF_INET;

	switch (cmd) {
	case SIOCGIFFLAGS:
		ifr->ifr_flags = (short)(ifi->flags & 0xffff);
		return 0;
	case SIOCGIFMTU:
		ifr->ifr_ifindex = (int)ifi->mtu;
		return 0;
	case SIOCGIFINDEX:
		ifr->ifr_ifindex = ifi->ifindex;
		return 0;
	case SIOCGIFTXQLEN:
		ifr->ifr_ifindex = 1000;
		return 0;
	case SIOCGIFHWADDR:
		memset(&ifr->ifr_addr, 0, sizeof(ifr->ifr_addr));
		ifr->ifr_addr.sa_family = ifi->type;
		memcpy(ifr->ifr_addr.sa_data, ifi->addr, ifi->addr_len);
		return 0;
	case SIOCGIFADDR:
	case SIOCGIFNETMASK:
	case SIOCGIFBRDADDR:
		if (!inet)
			return -ENOTTY;
		if (!ifi->ip)
			return -EADDRNOTAVAIL;
		ifr_set_in(ifr, cmd == SIOCGIFADDR ? ifi->ip :
				cmd == SIOCGIFNETMASK ? ifi->mask :
				ifi->flags & IFF_BROADCAST ? (ifi->ip | ~ifi->mask) : 0);
		return 0;
	}
	return -ENOIOCTLCMD;
}

static bool dev_ioctl_get(unsigned int cmd)
{
	switch (cmd) {
	case SIOCGIFNAME: case SIOCGIFFLAGS: case SIOCGIFMTU: case SIOCGIFINDEX:
	case SIOCGIFTXQLEN: case SIOCGIFHWADDR: case SIOCGIFADDR:
	case SIOCGIFNETMASK: case SIOCGIFBRDADDR:
		return true;
	}
	return false;
}

long dev_ioctl(struct socket *sock, unsigned int cmd, void __user *arg)
{
	struct ifreq ifr;

	if (cmd == SIOCGIFCONF)
		return dev_ifconf(arg);
	if (dev_ioctl_set(cmd))
		return capable(CAP_NET_ADMIN) ? -EOPNOTSUPP : -EPERM;
	if (!dev_ioctl_get(cmd))
		return -ENOIOCTLCMD;
	if (copy_from_user(&ifr, arg, sizeof(ifr)))
		return -EFAULT;
	ifr.ifr_name[IFNAMSIZ - 1] = 0;
	struct ifinfo *tab = kmalloc(NET_MAX_IFACES * sizeof(*tab), GFP_KERNEL);
	if (!tab)
		return -ENOMEM;
	int n = dev_snapshot(tab, NET_MAX_IFACES);
	long err = -ENODEV;
	for (int i = 0; i < n; i++) {
		if (cmd == SIOCGIFNAME) {
			if (tab[i].ifindex != ifr.ifr_ifindex)
				continue;
			strlcpy(ifr.ifr_name, tab[i].name, IFNAMSIZ);
			err = 0;
		} else {
			if (strcmp(tab[i].name, ifr.ifr_name))
				continue;
			err = dev_ifsioc(sock, cmd, &tab[i], &ifr);
		}
		break;
	}
	/* devinet_ioctl's answer for a family that is not AF_INET comes
	 * before the search for the name */
	if (err == -ENODEV && cmd != SIOCGIFNAME && (cmd == SIOCGIFADDR ||
	    cmd == SIOCGIFNETMASK || cmd == SIOCGIFBRDADDR) &&
	    !(sock->ops && sock->ops->family == AF_INET))
		err = -ENOTTY;
	kfree(tab);
	if (!err && copy_to_user(arg, &ifr, sizeof(ifr)))
		err = -EFAULT;
	return err;
}
