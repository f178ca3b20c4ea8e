/*
 * slub_debug.c - making memory bugs loud, as Linux's slub_debug does:
 * red zones around every object, poison in every free one, and who
 * allocated and freed each (kernel/slab.h draws the layout).
 *
 * A write past either end of an object is found when it is freed (the
 * red zones changed); a write to a freed object when it is allocated
 * again (the poison changed); a second free, or a free of a pointer
 * that is no object, at the free.  Each is reported in Linux's form: a
 * "BUG <cache> (Not tainted): <what>" banner, the first wrong byte, the
 * object's allocation and free with their call traces, the bytes, the
 * call trace of now; then "FIX <cache>: ..." says what was repaired
 * (the bytes restored, the bad free skipped) and the kernel goes on.
 *
 * On with the boot option slub_debug (Linux's syntax):
 *   slub_debug            every check (F Z P U) in every cache
 *   slub_debug=ZP         only red zones and poisoning
 *   slub_debug=FZPU,filp,kmalloc-64    only in those caches
 *   slub_debug=-          none
 * F: consistency checks (pointers, the free list), Z: red zones,
 * P: poisoning, U: allocation and free traces.  A cache may also ask for
 * the checks itself, with its kmem_cache_create flags.
 *
 * /proc/slab_allocators (at the end) lists the objects in use by where
 * they were allocated, from those records.
 *
 * Context: any; called by kernel/slab.c with the cache's lock held and
 * interrupts off, so nothing here sleeps (but slab_allocators_show, in
 * process context, which takes the locks itself).
 */
#include "kernel/kernel.h"
#include "kernel/mm.h"
#include "kernel/params.h"
#include "kernel/sched.h"
#include "kernel/slab.h"
#include "kernel/stacktrace.h"
#include "kernel/kallsyms.h"
#include "kernel/time.h"
#include "fs/seq_file.h"

unsigned long slub_debug_reports;

static unsigned long slub_debug;		/* flags from the command line */
static char slub_debug_caches[128];		/* "" = every cache */

static int setup_slub_debug(const char *val)
{
	unsigned long flags = 0;

	if (!val || !*val || *val == ',') {
		flags = SLAB_DEBUG_FLAGS;	/* the bare option: everything */
	} else {
		for (; *val && *val != ','; val++) {
			if (*val == '-') {	/* none */
				flags = 0;
				continue;
			}
			switch (*val | 0x20) {	/* either case, as Linux */
			case 'f': flags |= SLAB_CONSISTENCY_CHECKS; break;
			case 'z': flags |= SLAB_RED_ZONE; break;
			case 'p': flags |= SLAB_POISON; break;
			case 'u': flags |= SLAB_STORE_USER; break;
			default:
				pr_err("slub_debug: option '%c' unknown, ignored\n", *val);
			}
		}
	}
	slub_debug = flags;
	if (val && *val == ',')
		strlcpy(slub_debug_caches, val + 1, sizeof(slub_debug_caches));
	return 0;
}
__setup("slub_debug", setup_slub_debug);

/* Whether name is in the comma-separated list (an empty list: all). */
static bool cache_listed(const char *name)
{
	const char *p = slub_debug_caches;
	size_t len = strlen(name);

	if (!*p)
		return true;
	while (*p) {
		const char *end = strchr(p, ',');
		size_t n = end ? (size_t)(end - p) : strlen(p);
		if (n == len && !memcmp(p, name, n))
			return true;
		p += n + (end != NULL);
	}
	return false;
}

unsigned long kmem_cache_flags(const char *name, unsigned long flags)
{
	if (slub_debug && cache_listed(name))
		flags |= slub_debug;
	return flags & SLAB_DEBUG_FLAGS;
}

/* A cache with a constructor keeps its objects' contents while they are
 * free, so it is never poisoned (Linux's __OBJECT_POISON). */
static bool poisoned(const struct kmem_cache *c)
{
	return (c->flags & SLAB_POISON) && !c->ctor;
}

static struct track *get_track(struct kmem_cache *c, void *obj,
			       enum track_item item)
{
	return (struct track *)((char *)obj + c->offset + sizeof(void *)) + item;
}

static void set_track(struct kmem_cache *c, void *obj, enum track_item item,
		      unsigned long bp)
{
	if (!(c->flags & SLAB_STORE_USER))
		return;
	struct track *t = get_track(c, obj, item);
	memset(t, 0, sizeof(*t));
	save_stack_trace(bp, t->addrs, TRACK_ADDRS_COUNT);
	t->pid = current->pid;
	t->when = jiffies;
}

void init_object(struct kmem_cache *c, void *obj, u8 val)
{
	u8 *p = obj;

	if (c->flags & SLAB_RED_ZONE) {
		memset(p - c->red_left_pad, val, c->red_left_pad);
		memset(p + c->object_size, val, c->inuse - c->object_size);
	}
	if (poisoned(c) && val == SLUB_RED_INACTIVE) {
		memset(p, POISON_FREE, c->object_size - 1);
		p[c->object_size - 1] = POISON_END;
	}
}

/* --- reports --- */

/* The allocator's own frames (and ours) are not "who allocated". */
static bool slab_internal(unsigned long addr)
{
	static const char *const names[] = {
		"kmem_cache_", "kmalloc", "kzalloc", "kcalloc", "krealloc",
		"kfree", "set_track", "alloc_debug", "free_debug",
	};
	const char *sym = kallsyms_lookup(addr, NULL, NULL);

	for (unsigned i = 0; sym && i < ARRAY_SIZE(names); i++)
		if (!strncmp(sym, names[i], strlen(names[i])))
			return true;
	return false;
}

static void print_track(const char *what, const struct track *t)
{
	int first = 0;

	if (!t->addrs[0])
		return;
	while (first < TRACK_ADDRS_COUNT - 1 && t->addrs[first + 1] &&
	       slab_internal(t->addrs[first]))
		first++;
	pr_err("%s in %pS age=%lu pid=%d\n", what, (void *)t->addrs[first],
	       jiffies - t->when, t->pid);
	for (int i = 0; i < TRACK_ADDRS_COUNT && t->addrs[i]; i++)
		pr_err(" %pS\n", (void *)t->addrs[i]);
}

/* Linux's print_section: 16 bytes a line, in hex and as text. */
static void print_section(const char *label, const u8 *p, size_t len)
{
	for (size_t off = 0; off < len; off += 16) {
		char hex[16 * 3 + 1], text[17];
		size_t n = MIN(len - off, (size_t)16);
		for (size_t i = 0; i < n; i++) {
			snprintf(hex + 3 * i, 4, "%02x ", p[off + i]);
			text[i] = p[off + i] >= 0x20 && p[off + i] < 0x7f ?
				  p[off + i] : '.';
		}
		hex[3 * n - 1] = 0;
		text[n] = 0;
		pr_err("%-8s%p: %-47s  %s\n", label, (void *)(p + off), hex, text);
	}
}

static void slab_bug(struct kmem_cache *c, const char *what)
{
	slub_debug_reports++;
	pr_err("=============================================================================\n");
	pr_err("BUG %s (Not tainted): %s\n", c->name, what);
	pr_err("-----------------------------------------------------------------------------\n");
	pr_err("\n");
}

static void print_trailer(struct kmem_cache *c, struct page *page, u8 *obj)
{
	if (c->flags & SLAB_STORE_USER) {
		print_track("Allocated", get_track(c, obj, TRACK_ALLOC));
		print_track("Freed", get_track(c, obj, TRACK_FREE));
	}
	pr_err("Slab %p objects=%u used=%u fp=%p flags=%#lx\n",
	       page_address(page), c->objects, page->inuse, page->freelist,
	       page->flags);
	if (c->flags & SLAB_RED_ZONE)
		print_section("Redzone ", obj - c->red_left_pad, c->red_left_pad);
	print_section("Object ", obj, MIN(c->object_size, (size_t)128));
	if (c->flags & SLAB_RED_ZONE)
		print_section("Redzone ", obj + c->object_size,
			      c->inuse - c->object_size);
	pr_err("CPU: 0 PID: %d Comm: %s\n", current->pid, current->comm);
	dump_stack();
}

/* Check that [start, start + len) is all val; report and restore it
 * if not (Linux's check_bytes_and_report). */
static bool check_bytes(struct kmem_cache *c, struct page *page, u8 *obj,
			const char *what, u8 *start, u8 val, size_t len)
{
	u8 *bad = NULL, *end = start + len;

	for (u8 *p = start; p < end; p++) {
		if (*p != val) {
			bad = p;
			break;
		}
	}
	if (!bad)
		return true;
	while (end > bad && end[-1] == val)
		end--;
	char title[64];
	snprintf(title, sizeof(title), "%s overwritten", what);
	slab_bug(c, title);
	pr_err("%p-%p @offset=%ld. First byte %#x instead of %#x\n", bad,
	       end - 1, (long)(bad - obj), *bad, val);
	print_trailer(c, page, obj);
	pr_err("FIX %s: Restoring %s %p-%p=%#x\n", c->name, what, bad,
	       end - 1, val);
	memset(bad, val, end - bad);
	return false;
}

/* The red zones hold val, and a free object its poison. */
static bool check_object(struct kmem_cache *c, struct page *page, u8 *obj,
			 u8 val)
{
	bool ok = true;

	if (c->flags & SLAB_RED_ZONE) {
		ok &= check_bytes(c, page, obj, "Left Redzone",
				  obj - c->red_left_pad, val, c->red_left_pad);
		ok &= check_bytes(c, page, obj, "Right Redzone",
				  obj + c->object_size, val,
				  c->inuse - c->object_size);
	}
	if (poisoned(c) && val == SLUB_RED_INACTIVE) {
		ok &= check_bytes(c, page, obj, "Poison", obj, POISON_FREE,
				  c->object_size - 1);
		ok &= check_bytes(c, page, obj, "End Poison",
				  obj + c->object_size - 1, POISON_END, 1);
	}
	return ok;
}

/* Whether p is the start of an object of this slab. */
static bool check_valid_pointer(struct kmem_cache *c, struct page *page,
				void *p)
{
	char *base = page_address(page);
	long off = (char *)p - base - c->red_left_pad;

	return off >= 0 && off % c->size == 0 &&
	       (unsigned long)off / c->size < c->objects;
}

static bool on_freelist(struct kmem_cache *c, struct page *page, void *obj)
{
	unsigned n = 0;

	for (void *fp = page->freelist; fp && n <= c->objects;
	     fp = get_freepointer(c, fp), n++) {
		if (fp == obj)
			return true;
		if (!check_valid_pointer(c, page, fp))
			break;
	}
	return false;
}

bool alloc_debug_processing(struct kmem_cache *c, struct page *page,
			    void *obj, unsigned long bp)
{
	if ((c->flags & SLAB_CONSISTENCY_CHECKS) &&
	    !check_valid_pointer(c, page, obj)) {
		slab_bug(c, "Freelist Pointer check fails");
		pr_err("Freelist entry %p is not an object of slab %p\n", obj,
		       page_address(page));
		pr_err("FIX %s: Isolate the rest of the slab's free list\n",
		       c->name);
		dump_stack();
		return false;
	}
	check_object(c, page, obj, SLUB_RED_INACTIVE);
	init_object(c, obj, SLUB_RED_ACTIVE);
	set_track(c, obj, TRACK_ALLOC, bp);
	return true;
}

bool free_debug_processing(struct kmem_cache *c, struct page *page,
			   void *obj, unsigned long bp)
{
	if (!check_valid_pointer(c, page, obj)) {
		slab_bug(c, "Invalid object pointer");
		pr_err("Object %p is not the start of an object of slab %p\n",
		       obj, page_address(page));
		pr_err("FIX %s: Object at %p not freed\n", c->name, obj);
		dump_stack();
		return false;
	}
	if (on_freelist(c, page, obj)) {
		slab_bug(c, "Object already free");
		print_trailer(c, page, obj);
		pr_err("FIX %s: Object at %p not freed\n", c->name, obj);
		return false;
	}
	check_object(c, page, obj, SLUB_RED_ACTIVE);
	set_track(c, obj, TRACK_FREE, bp);
	init_object(c, obj, SLUB_RED_INACTIVE);
	return true;
}

/* --- /proc/slab_allocators: where the objects in use came from --- */

/*
 * Linux's /sys/kernel/slab/<cache>/alloc_calls, for every cache in one
 * file (as the SLAB allocator's /proc/slab_allocators was): the objects
 * in use, grouped by the place that allocated them, the most first.
 * One line per place:
 *
 *   kmalloc-32:      4 eventfd_create+0x2a/0x90 <- do_eventfd+0x44/0x80 age=12/340/901 pid=20-31
 *
 * the cache; how many; the first function outside the allocator and
 * the one that called it; the objects' ages in jiffies (least, mean,
 * most); the pids that allocated them.  Only caches that record
 * allocations (slub_debug's U) are listed.  A leak is a place whose
 * count only grows (tools/fuzz prints the places of a leaking cache).
 * Process context (the walk yields); the table is pages, not slab
 * objects, so that reading the file does not count itself.
 */
struct location {
	struct kmem_cache *c;		/* NULL: a free slot */
	unsigned long addr, caller;	/* the place */
	unsigned long count, sum_age, min_age, max_age;
	int min_pid, max_pid;
};

#define LOC_ORDER	5		/* the table: 128 kB */
#define LOC_SLOTS	((PAGE_SIZE << LOC_ORDER) / sizeof(struct location))
#define LOC_MAX_OBJECTS	512		/* per slab, for the free bitmap */

struct loc_track {
	struct location *loc;		/* LOC_SLOTS, open addressing */
	unsigned long used;
	unsigned long lost;		/* objects whose place did not fit */
};

static void add_location(struct loc_track *t, struct kmem_cache *c,
			 const struct track *tr)
{
	int first = 0;

	while (first < TRACK_ADDRS_COUNT - 1 && tr->addrs[first + 1] &&
	       slab_internal(tr->addrs[first]))
		first++;
	unsigned long addr = tr->addrs[first];
	unsigned long caller = first + 1 < TRACK_ADDRS_COUNT ?
			       tr->addrs[first + 1] : 0;
	unsigned long age = jiffies - tr->when;
	unsigned long i = (addr * 31 + caller + (unsigned long)c) *
			  0x9e3779b97f4a7c15UL >> 40;
	struct location *l;

	for (;; i++) {
		l = &t->loc[i % LOC_SLOTS];
		if (l->c == c && l->addr == addr && l->caller == caller)
			break;
		if (l->c)
			continue;
		if (t->used >= LOC_SLOTS * 3 / 4) {	/* keep probes short */
			t->lost++;
			return;
		}
		t->used++;
		*l = (struct location){ .c = c, .addr = addr, .caller = caller,
					.min_age = age, .max_age = age,
					.min_pid = tr->pid, .max_pid = tr->pid };
		break;
	}
	l->count++;
	l->sum_age += age;
	l->min_age = MIN(l->min_age, age);
	l->max_age = MAX(l->max_age, age);
	l->min_pid = MIN(l->min_pid, tr->pid);
	l->max_pid = MAX(l->max_pid, tr->pid);
}

/* One slab (its cache's lock held): the objects not on its free list. */
static void locate_slab(struct kmem_cache *c, struct page *page, void *arg)
{
	unsigned long free[LOC_MAX_OBJECTS / 64] = { 0 };
	char *base = page_address(page);
	unsigned n = 0;

	if (!(c->flags & SLAB_STORE_USER) || c->objects > LOC_MAX_OBJECTS)
		return;
	for (void *fp = page->freelist; fp && n < c->objects;
	     fp = get_freepointer(c, fp), n++) {
		if (!check_valid_pointer(c, page, fp))
			break;		/* broken: the rest counts as in use */
		unsigned long i = ((char *)fp - base - c->red_left_pad) / c->size;
		free[i / 64] |= 1UL << (i % 64);
	}
	for (unsigned i = 0; i < c->objects; i++) {
		if (free[i / 64] & (1UL << (i % 64)))
			continue;
		void *obj = base + i * c->size + c->red_left_pad;
		add_location(arg, c, get_track(c, obj, TRACK_ALLOC));
	}
}

/* Before b in the listing: the same cache's bigger counts first. */
static bool loc_before(const struct location *a, const struct location *b)
{
	if (a->c != b->c)
		return a->c < b->c;
	return a->count > b->count;
}

struct loc_print {
	struct seq_file *m;
	struct location *loc;		/* sorted, used entries only */
	unsigned long n;
	bool any;			/* a cache records allocations */
};

/* A cache's lines (the list of caches held: c cannot go). */
static void print_locations(struct kmem_cache *c, void *arg)
{
	struct loc_print *p = arg;

	if (c->flags & SLAB_STORE_USER)
		p->any = true;
	for (unsigned long i = 0; i < p->n; i++) {
		const struct location *l = &p->loc[i];
		if (l->c != c)
			continue;
		seq_printf(p->m, "%s: %7lu %pS", c->name, l->count, (void *)l->addr);
		if (l->caller)
			seq_printf(p->m, " <- %pS", (void *)l->caller);
		seq_printf(p->m, " age=%lu/%lu/%lu pid=%d", l->min_age,
			   l->sum_age / l->count, l->max_age, l->min_pid);
		if (l->max_pid != l->min_pid)
			seq_printf(p->m, "-%d", l->max_pid);
		seq_putc(p->m, '\n');
	}
}

void slab_allocators_show(struct seq_file *m)
{
	struct page *pages = alloc_pages(__GFP_ZERO, LOC_ORDER);
	struct loc_track t = { 0 };

	if (!pages) {
		seq_puts(m, "slab_allocators: out of memory\n");
		return;
	}
	t.loc = page_address(pages);
	for_each_slab_in_use(locate_slab, &t);

	/* The used slots to the front, then a shell sort (no recursion,
	 * no allocation). */
	unsigned long n = 0;
	for (unsigned long i = 0; i < LOC_SLOTS; i++)
		if (t.loc[i].c)
			t.loc[n++] = t.loc[i];
	for (unsigned long gap = n / 2; gap; gap /= 2) {
		for (unsigned long i = gap; i < n; i++) {
			struct location x = t.loc[i];
			unsigned long j = i;
			for (; j >= gap && loc_before(&x, &t.loc[j - gap]); j -= gap)
				t.loc[j] = t.loc[j - gap];
			t.loc[j] = x;
		}
	}
	struct loc_print p = { .m = m, .loc = t.loc, .n = n };
	for_each_kmem_cache(print_locations, &p);
	if (!p.any)
		seq_puts(m, "slab_allocators: no cache records allocations "
			 "(boot with slub_debug or slub_debug=U)\n");
	if (t.lost)
		seq_printf(m, "slab_allocators: %lu objects in places past "
			   "the table's %lu\n", t.lost, (unsigned long)LOC_SLOTS * 3 / 4);
	__free_pages(pages, LOC_ORDER);
}
