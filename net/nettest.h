/*
 * nettest.h - test services on the network (net/nettest.c), started by
 * boot options; nothing runs unless asked for.
 */
#ifndef NET_NETTEST_H
#define NET_NETTEST_H

/* Start what the command line asked for.  Process context, once. */
void nettest_start(void);

#endif
