/*
 * slabinfo.h - reading /proc/slabinfo and /proc/meminfo's page counts,
 * for the leak checks: take a snapshot, let processes do their work and
 * exit, take another, and compare.
 *
 * A row is one cache (or one of lwIP's pools, which the kernel lists
 * after its caches).  Objects in use (active_objs) must come back
 * exactly; the slabs themselves need not, since a cache keeps a spare
 * slab when its last object goes.  Pages are compared as free pages
 * plus the slabs' pages, which a spare slab does not change.
 *
 * The same code parses Linux's file (version 2.1), but there the counts
 * move all the time (other processes, per-CPU slabs), so only the format
 * is comparable with Linux, not the numbers.
 *
 * Everything is "static inline" (see net.h for why).
 */
#ifndef USER_LIB_SLABINFO_H
#define USER_LIB_SLABINFO_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "proc.h"

#define SLAB_MAX_ROWS	256

struct slab_row {
	char name[40];
	unsigned long active, num, objsize, perslab, pages;
	unsigned long active_slabs, num_slabs;
};

struct slab_snapshot {
	int n;				/* rows */
	struct slab_row row[SLAB_MAX_ROWS];
	long long free_kb, slab_kb;	/* /proc/meminfo's MemFree, Slab */
};

/* One data line of /proc/slabinfo into r; 0, or -1 if it is not one. */
static inline int slabinfo_parse_line(const char *line, struct slab_row *r)
{
	unsigned long limit, batch, shared, avail;

	return sscanf(line, "%39s %lu %lu %lu %lu %lu : tunables %lu %lu %lu"
		      " : slabdata %lu %lu %lu", r->name, &r->active, &r->num,
		      &r->objsize, &r->perslab, &r->pages, &limit, &batch,
		      &shared, &r->active_slabs, &r->num_slabs, &avail) == 12 ?
	       0 : -1;
}

/* Both files into s; 0, or -1 if either cannot be read or parsed.
 * The buffer is touched whole every time, so that a snapshot never
 * faults in a page of its own between two others. */
static inline int slabinfo_snapshot(struct slab_snapshot *s)
{
	static char text[65536];
	char *line, *next;

	memset(text, 0, sizeof(text));
	memset(s, 0, sizeof(*s));
	if (proc_read_file("/proc/slabinfo", text, sizeof(text)) <= 0)
		return -1;
	s->n = 0;
	line = strchr(text, '\n');		/* past the version line */
	line = line ? strchr(line + 1, '\n') : NULL;	/* and the header */
	for (; line && line[1] && s->n < SLAB_MAX_ROWS; line = next) {
		line++;
		next = strchr(line, '\n');
		if (slabinfo_parse_line(line, &s->row[s->n]) < 0)
			return -1;
		s->n++;
	}
	if (proc_read_file("/proc/meminfo", text, sizeof(text)) <= 0)
		return -1;
	s->free_kb = proc_meminfo_kb(text, "MemFree");
	s->slab_kb = proc_meminfo_kb(text, "Slab");
	return 0;
}

/*
 * lwIP's pools grow from kmalloc (net/lwip/lwipopts.h): each element a
 * lwip_* row counts is also an object of the smallest kmalloc cache it
 * fits (kmalloc-N by name).  Take them out of those caches, so that a
 * leak check compares lwIP's elements once, in lwIP's own rows (whose
 * objsize is the size kmalloc is asked for).  An element with a cache
 * of its own (lwip_tcp_pcb's is tcp_pcb: net/lwip/sys_arch.c) is taken
 * out of that one instead.  Call it before changing any lwip_* count.
 */
static inline void slabinfo_discount_lwip(struct slab_snapshot *s)
{
	for (int i = 0; i < s->n; i++) {
		const struct slab_row *pool = &s->row[i];
		struct slab_row *best = NULL;

		if (strncmp(pool->name, "lwip_", 5))
			continue;
		unsigned long best_size = 0;
		struct slab_row *own = NULL;
		for (int j = 0; j < s->n; j++)
			if (!strcmp(s->row[j].name, pool->name + 5))
				own = &s->row[j];
		for (int j = 0; j < s->n && !own; j++) {
			struct slab_row *k = &s->row[j];
			unsigned long size;	/* the name's, not objsize: slub_debug pads that */
			if (sscanf(k->name, "kmalloc-%lu", &size) == 1 && size >= pool->objsize &&
			    (!best || size < best_size)) {
				best = k;
				best_size = size;
			}
		}
		if (own)
			best = own;
		if (best)
			best->active -= pool->active < best->active ? pool->active : best->active;
	}
}

static inline const struct slab_row *slabinfo_find(const struct slab_snapshot *s,
						   const char *name)
{
	for (int i = 0; i < s->n; i++)
		if (strcmp(s->row[i].name, name) == 0)
			return &s->row[i];
	return NULL;
}

/*
 * Print to out (NULL: nowhere) every cache whose objects in use differ
 * between before and after (a cache that is new counts from 0), and the
 * change in free plus slab memory, each line prefixed with tag.  Returns
 * how many caches differ, plus one if the pages do.
 */
static inline int slabinfo_compare(const struct slab_snapshot *before,
				   const struct slab_snapshot *after,
				   FILE *out, const char *tag)
{
	int diffs = 0;

	for (int i = 0; i < after->n; i++) {
		const struct slab_row *a = &after->row[i];
		const struct slab_row *b = slabinfo_find(before, a->name);
		unsigned long was = b ? b->active : 0;
		if (a->active != was) {
			if (out)
				fprintf(out, "%s%s: %lu objects in use, %lu before (%+ld)\n",
					tag, a->name, a->active, was,
					(long)a->active - (long)was);
			diffs++;
		}
	}
	long long pages_b = before->free_kb + before->slab_kb;
	long long pages_a = after->free_kb + after->slab_kb;
	if (pages_a != pages_b) {
		if (out)
			fprintf(out, "%sfree + slab memory: %lld kB, %lld kB before (%+lld kB)\n",
				tag, pages_a, pages_b, pages_a - pages_b);
		diffs++;
	}
	return diffs;
}

/* Connections in TIME_WAIT (state 06 in /proc/net/tcp): their pcbs are
 * not leaked, only waiting out 2 MSL.  text is the caller's buffer, a
 * static one touched before the baseline, so that reading does not move
 * the page counts. */
static inline int tcp_time_wait_rows(char *text, size_t size)
{
	int n = 0;

	if (proc_read_file("/proc/net/tcp", text, size) < 0)
		return 0;
	for (char *l = strchr(text, '\n'); l && l[1]; l = strchr(l + 1, '\n')) {
		char st[4];
		if (sscanf(l + 1, "%*s %*s %*s %3s", st) == 1 && !strcmp(st, "06"))
			n++;
	}
	return n;
}

/* A snapshot to compare for leaks: lwIP's elements counted in its own
 * rows only, and TIME-WAIT pcbs moved out of lwip_tcp_pcb's count, with
 * the TCP timer they keep running (lwIP's tcpip_tcp_timer re-arms itself
 * while any active or TIME-WAIT pcb exists: one lwip_sys_timeout).
 * tcp_text as for tcp_time_wait_rows.  0, or -1 if a file cannot be read. */
static inline int slabinfo_leak_snapshot(struct slab_snapshot *s,
					 char *tcp_text, size_t size)
{
	if (slabinfo_snapshot(s) < 0)
		return -1;
	int tw = tcp_time_wait_rows(tcp_text, size);
	slabinfo_discount_lwip(s);
	for (int i = 0; i < s->n; i++) {
		struct slab_row *r = &s->row[i];
		if (!strcmp(r->name, "lwip_tcp_pcb"))
			r->active -= tw;
		if (!strcmp(r->name, "lwip_sys_timeout") && tw && r->active)
			r->active--;
	}
	return 0;
}

#endif
