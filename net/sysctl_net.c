/*
 * sysctl_net.c - the values behind /proc/sys/net/core/{w,r}mem_{max,
 * default} and /proc/sys/net/ipv4/tcp_{w,r}mem, with Linux 6.1's
 * defaults and ranges.  Readers: sock_setsockopt (the ceilings),
 * sock_init_data and inet_sock_init (the defaults).
 */
#include "net/sysctl_net.h"

#define INT_MAX	0x7fffffff

int sysctl_wmem_max = 212992;
int sysctl_rmem_max = 212992;
int sysctl_wmem_default = 212992;
int sysctl_rmem_default = 212992;
int sysctl_tcp_wmem[3] = { 4096, 16384, 4194304 };
int sysctl_tcp_rmem[3] = { 4096, 131072, 6291456 };

const struct ctl_table net_core_wmem_max = {
	"wmem_max", &sysctl_wmem_max, 1, SOCK_MIN_SNDBUF, INT_MAX,
};
const struct ctl_table net_core_rmem_max = {
	"rmem_max", &sysctl_rmem_max, 1, SOCK_MIN_RCVBUF, INT_MAX,
};
const struct ctl_table net_core_wmem_default = {
	"wmem_default", &sysctl_wmem_default, 1, SOCK_MIN_SNDBUF, INT_MAX,
};
const struct ctl_table net_core_rmem_default = {
	"rmem_default", &sysctl_rmem_default, 1, SOCK_MIN_RCVBUF, INT_MAX,
};
const struct ctl_table ipv4_tcp_wmem = {
	"tcp_wmem", sysctl_tcp_wmem, 3, 1, INT_MAX,
};
const struct ctl_table ipv4_tcp_rmem = {
	"tcp_rmem", sysctl_tcp_rmem, 3, 1, INT_MAX,
};
