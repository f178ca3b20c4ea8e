/* random_test.c - get_random_bytes fills what it is asked to and does
 * not repeat itself. */
#include "kernel/selftest.h"
#include "kernel/random.h"

SELFTEST(random_bytes_differ)
{
	u8 a[16], b[19];

	memset(b, 0, sizeof(b));
	get_random_bytes(a, sizeof(a));
	get_random_bytes(b, 17);
	ST_ASSERT(memcmp(a, b, sizeof(a)) != 0);
	ST_ASSERT(b[17] == 0 && b[18] == 0);	/* no overrun */
	ST_ASSERT(get_random_u64() != get_random_u64());
	return 0;
}
