/*
 * slab_allocators.h - reading /proc/slab_allocators (kernel/slub_debug.c:
 * the objects in use of each cache, by the place that allocated them),
 * one line a place:
 *
 *   kmalloc-32:      4 sys_eventfd2+0x2a/0x90 <- x64_sys_call+0x44/0x80 age=12/340/901 pid=20-31
 *
 * A place is named by its functions with their offsets ("site <-
 * caller"), so two snapshots of one boot compare place by place.  For
 * user/tests/slab_allocators and the fuzzer's leak report.  Only our
 * kernel has the file (Linux's SLAB allocator had one of this name
 * until 5.3; SLUB's is /sys/kernel/slab/<cache>/alloc_calls).
 *
 * Everything is "static inline" (see net.h for why).
 */
#ifndef USER_LIB_SLAB_ALLOCATORS_H
#define USER_LIB_SLAB_ALLOCATORS_H

#include <stdio.h>
#include <string.h>

struct slab_place {
	char cache[40];
	unsigned long count;
	char where[160];	/* "site+off/size" or "site+off/size <- caller+off/size" */
};

/* The line at *p into pl, *p moved to the next; 0, -1 at the end, 1 for
 * a line that is no place (a note of the file's own). */
static inline int slab_place_next(const char **p, struct slab_place *pl)
{
	const char *line = *p, *end, *age;

	if (!*line)
		return -1;
	end = strchr(line, '\n');
	if (!end)
		end = line + strlen(line);
	*p = *end ? end + 1 : end;
	age = strstr(line, " age=");
	if (!age || age > end)
		return 1;
	int n = 0;
	if (sscanf(line, "%39[^:]: %lu %n", pl->cache, &pl->count, &n) != 2 || !n)
		return 1;
	size_t len = (size_t)(age - (line + n));
	if (len >= sizeof(pl->where))
		len = sizeof(pl->where) - 1;
	memcpy(pl->where, line + n, len);
	pl->where[len] = 0;
	return 0;
}

/* Whether the function at the start of s (before its "+") is fn. */
static inline int slab_place_fn_is(const char *s, const char *fn)
{
	size_t n = strlen(fn);

	return !strncmp(s, fn, n) && (s[n] == '+' || s[n] == ' ' || !s[n]);
}

/* The objects in use allocated in function site called from caller
 * (NULL: from anywhere), summed over the text's places; the cache of
 * the last such place into cache (if not NULL). */
static inline unsigned long slab_place_count(const char *text, const char *site,
					     const char *caller, char *cache,
					     size_t cache_size)
{
	struct slab_place pl;
	unsigned long sum = 0;
	int r;

	while ((r = slab_place_next(&text, &pl)) >= 0) {
		if (r || !slab_place_fn_is(pl.where, site))
			continue;
		const char *from = strstr(pl.where, " <- ");
		if (caller && (!from || !slab_place_fn_is(from + 4, caller)))
			continue;
		sum += pl.count;
		if (cache)
			snprintf(cache, cache_size, "%s", pl.cache);
	}
	return sum;
}

/* How many objects of place (cache, where) the text holds (0 if none). */
static inline unsigned long slab_place_find(const char *text, const char *cache,
					    const char *where)
{
	struct slab_place pl;
	int r;

	while ((r = slab_place_next(&text, &pl)) >= 0)
		if (!r && !strcmp(pl.cache, cache) && !strcmp(pl.where, where))
			return pl.count;
	return 0;
}

#endif
