/*
 * catch.h - count signals: handle(sig, flags) installs a handler that
 * adds one to got[sig] (and zeroes it), for tests that check which
 * signals arrived and whether SA_RESTART restarted a call.
 */
#ifndef USER_TESTS_CATCH_H
#define USER_TESTS_CATCH_H

#include <signal.h>
#include <string.h>

static volatile sig_atomic_t got[65];
static void on_sig(int sig) { got[sig]++; }

static void handle(int sig, int flags)
{
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_sig;
	sa.sa_flags = flags;
	sigaction(sig, &sa, NULL);
	got[sig] = 0;
}

#endif
