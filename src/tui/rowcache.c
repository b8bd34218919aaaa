/*
 * rowcache.c - an item's wrapped lines, kept from one build of the phase
 * body to the next.
 *
 * Sanitising and wrapping text at the screen's width is most of what a
 * build costs, and almost every item is drawn exactly as it was the time
 * before: one new statement in a room of 100,000 should not wrap the other
 * 99,999 again.  add_text (views.c) asks here first, with a key made of
 * everything its lines depend on (the item, the width, the indent, the
 * attributes, the prefix, the text and the suffix), and the lines it
 * finds are lent to the row list, not copied.
 *
 * Entries are filed by item id (ids are dense, and a build walks items
 * mostly in id order, so the index is read almost sequentially), each
 * item with a short chain for its several calls (a statement and the
 * checks beneath it).
 *
 * Invariants: an entry is found only under its item and its full key (a
 * 64-bit hash of the inputs and their length); the lines of an entry used
 * by the latest build, or drawn since, stay allocated until the sweep
 * after the next build, so the row list may point into them (the rows of
 * a lazy list's entries, made while drawing, are dropped before it).
 */
#include <stdlib.h>
#include <string.h>

#include "roundtable/text.h"
#include "tui-internal.h"

struct rowcache_entry {
	struct rowcache_entry	*next;		/* same item */
	uint64_t		 key;
	size_t			 len;		/* bytes hashed: a second check */
	uint32_t		 gen;		/* the build that last used it */
	struct rowcache_lines	 lines;		/* arrays in this allocation */
};

static void
entry_free(struct rowcache_entry *e)
{
	size_t	i;

	for (i = 0; i < e->lines.n; i++)
		free(e->lines.text[i]);
	free(e);
}

/* Mixes one 64-bit word into h (a multiply and a shift, as in the
 * finalisers of common 64-bit hashes): a bijection of h for each word, so
 * texts that differ in one word never collide. */
static uint64_t
mix(uint64_t h, uint64_t w)
{
	h ^= w;
	h *= 0x9e3779b97f4a7c15ULL;
	return h ^ (h >> 32);
}

uint64_t
tui_rowcache_hash(uint64_t h, const void *p, size_t n)
{
	const unsigned char	*s = p;
	uint64_t		 w;

	/* Eight bytes at a time: a build hashes every item's text. */
	h = mix(h, n);
	for (; n >= 8; s += 8, n -= 8) {
		memcpy(&w, s, 8);
		h = mix(h, w);
	}
	if (n > 0) {
		w = 0;
		memcpy(&w, s, n);
		h = mix(h, w);
	}
	return h;
}

const struct rowcache_lines *
tui_rowcache_get(struct rowcache *c, uint32_t item, uint64_t key, size_t len)
{
	struct rowcache_entry	*e;

	if (item >= c->nitems)
		return NULL;
	for (e = c->by_item[item]; e != NULL; e = e->next)
		if (e->key == key && e->len == len) {
			if (e->gen != c->gen)
				c->used++;
			e->gen = c->gen;
			return &e->lines;
		}
	return NULL;
}

const struct rowcache_lines *
tui_rowcache_put(struct rowcache *c, uint32_t item, uint64_t key, size_t len,
    struct rowcache_lines *lines)
{
	struct rowcache_entry	*e;
	size_t			 n = lines->n, cap;

	if (item >= c->nitems) {
		cap = c->nitems == 0 ? 1024 : c->nitems;
		while (cap <= item)
			cap *= 2;
		c->by_item = xrealloc(c->by_item, cap * sizeof *c->by_item);
		memset(c->by_item + c->nitems, 0,
		    (cap - c->nitems) * sizeof *c->by_item);
		c->nitems = cap;
	}
	/* The line arrays follow the entry in one allocation. */
	e = xcalloc(1, sizeof *e + n * (sizeof *e->lines.text +
	    sizeof *e->lines.emph));
	e->lines.emph = (size_t *)(e + 1);
	e->lines.text = (char **)(e->lines.emph + n);
	if (n > 0) {
		memcpy(e->lines.text, lines->text, n * sizeof *lines->text);
		memcpy(e->lines.emph, lines->emph, n * sizeof *lines->emph);
	}
	e->lines.n = n;
	free(lines->text);
	free(lines->emph);
	*lines = (struct rowcache_lines){ 0 };
	e->key = key;
	e->len = len;
	e->gen = c->gen;
	e->next = c->by_item[item];
	c->by_item[item] = e;
	c->n++;
	c->used++;
	return &e->lines;
}

void
tui_rowcache_begin(struct rowcache *c)
{
	c->gen++;
	c->used = 0;
}

void
tui_rowcache_sweep(struct rowcache *c)
{
	struct rowcache_entry	**pp, *e;
	size_t			  i;

	/* Entries neither this build nor the screens drawn since the one
	 * before used (an edited item, a resize, another phase, what was
	 * scrolled past) are dropped once the cache has doubled since the
	 * last sweep: the sweep is a pass over it, so not after every
	 * build. */
	if (c->n < 1024 || c->n < 2 * c->kept)
		return;
	for (i = 0; i < c->nitems; i++)
		for (pp = &c->by_item[i]; (e = *pp) != NULL;) {
			if (e->gen + 1 >= c->gen) {
				pp = &e->next;
				continue;
			}
			*pp = e->next;
			entry_free(e);
			c->n--;
		}
	c->kept = c->n;
}

void
tui_rowcache_free(struct rowcache *c)
{
	struct rowcache_entry	*e;
	size_t			 i;

	for (i = 0; i < c->nitems; i++)
		while ((e = c->by_item[i]) != NULL) {
			c->by_item[i] = e->next;
			entry_free(e);
		}
	free(c->by_item);
	*c = (struct rowcache){ 0 };
}
