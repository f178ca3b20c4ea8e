/*
 * inet_common.h - what the AF_INET tests (tcp.c, udp.c, proc_net.c)
 * share: an errno as a word, and 127.0.0.1 with a port.
 */
#ifndef USER_TESTS_INET_COMMON_H
#define USER_TESTS_INET_COMMON_H

#include <errno.h>
#include <string.h>
#include <arpa/inet.h>
#include <netinet/in.h>

/* "ok", or what errno says went wrong. */
__attribute__((unused)) static const char *err(long r)
{
	return r < 0 ? strerror(errno) : "ok";
}

__attribute__((unused)) static struct sockaddr_in addr_of(int port)
{
	struct sockaddr_in a = { .sin_family = AF_INET, .sin_port = htons(port) };
	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	return a;
}

#endif
