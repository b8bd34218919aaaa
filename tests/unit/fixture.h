/*
 * fixture.h - what the model's unit tests share: the intents that open a
 * room (its creation, its stakeholder groups, the method's seed content),
 * feeding replicas as the server does, and finding an item by kind.  Each test applies them its own way (some
 * feed replicas as the server would).
 */
#ifndef ROUNDTABLE_TEST_FIXTURE_H
#define ROUNDTABLE_TEST_FIXTURE_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "roundtable/model.h"
#include "roundtable/template.h"

#define FIXTURE_OPENING_MAX 160

/* Fills out with the opening of a room (groups: NULL-terminated; fac_code
 * may be NULL) and returns how many intents; strings are the caller's or
 * static. */
static inline size_t
fixture_opening(struct intent *out, const char *title, const char *code,
    const char *fac_code, const char *const *groups)
{
	size_t n = 0, i;

	out[n++] = (struct intent){ .type = INTENT_CREATE,
	    .text = (char *)title, .secret = (char *)code };
	if (fac_code != NULL)
		out[n++] = (struct intent){ .type = INTENT_FAC_CODE,
		    .secret = (char *)fac_code };
	for (i = 0; groups[i] != NULL; i++)
		out[n++] = (struct intent){ .type = INTENT_GROUP_ADD,
		    .text = (char *)groups[i] };
	return n + model_seed(out + n, FIXTURE_OPENING_MAX - n);
}

/*
 * A room made from a template, as serve makes it, at time t: created
 * with the template's title, then its phases and their content.  text
 * (len bytes) is a template file's, or NULL for the built-in one called
 * name.  Returns NULL when the template is refused or an intent is, with
 * why on stderr.
 */
static inline struct workshop *
fixture_template_room(const char *name, const char *text, size_t len,
    int64_t t)
{
	const struct template_builtin	*b;
	struct template			 tpl;
	struct workshop			*ws = model_new();
	struct intent			*in, create = { .type = INTENT_CREATE,
					    .secret = (char *)"CODE" };
	struct event			 ev;
	struct model_error		 err;
	char				 why[256];
	size_t				 n, k;

	if (text == NULL && (b = template_builtin(name)) != NULL) {
		text = b->text;
		len = b->len;
	}
	if (text == NULL || template_parse(&tpl, text, len, name, why,
	    sizeof why) != 0) {
		fprintf(stderr, "template %s: %s\n", name, text == NULL ?
		    "not built in" : why);
		model_free(ws);
		return NULL;
	}
	create.text = tpl.title;
	create.text2 = tpl.name;
	n = template_intents(&tpl, NULL, 0);
	in = (struct intent *)calloc(n, sizeof *in);
	if (in != NULL)
		template_intents(&tpl, in, n);
	k = 0;
	if (in == NULL || model_apply(ws, MODEL_SYSTEM, &create, t, &ev,
	    &err) != 0)
		goto fail;
	for (; k < n; k++)
		if (model_apply(ws, MODEL_SYSTEM, &in[k], t, &ev, &err) != 0)
			goto fail;
	free(in);
	template_free(&tpl);
	return ws;
fail:
	fprintf(stderr, "template %s: intent %zu: %s\n", name, k, err.msg);
	free(in);
	template_free(&tpl);
	model_free(ws);
	return NULL;
}

static inline int
fixture_str_eq(const char *a, const char *b)
{
	return a == b || (a != NULL && b != NULL && strcmp(a, b) == 0);
}

/* Whether two views of an event say the same. */
static inline int
fixture_views_equal(const struct event *a, const struct event *b)
{
	size_t i;

	if (a->seq != b->seq || a->time != b->time || a->type != b->type ||
	    a->actor != b->actor || a->req != b->req || a->id != b->id ||
	    a->ref != b->ref ||
	    a->group != b->group || a->value != b->value ||
	    a->value2 != b->value2 || a->flags != b->flags ||
	    !fixture_str_eq(a->text, b->text) ||
	    !fixture_str_eq(a->text2, b->text2) ||
	    !fixture_str_eq(a->secret, b->secret) || a->nvotes != b->nvotes)
		return 0;
	for (i = 0; i < a->nvotes; i++)
		if (a->votes[i].voter != b->votes[i].voter ||
		    a->votes[i].group != b->votes[i].group ||
		    a->votes[i].answer != b->votes[i].answer ||
		    a->votes[i].weight != b->votes[i].weight ||
		    !fixture_str_eq(a->votes[i].reason, b->votes[i].reason))
			return 0;
	return 1;
}

/*
 * The server sends an event's author the bytes of its whole view
 * (server.c, frame_audience), so the author's view must be the whole one.
 * Returns 0, or -1 with the event in err.
 */
static inline int
fixture_check_author(const struct workshop *ws, const struct event *ev,
    struct model_error *err)
{
	struct event mine, whole;
	uint32_t v;
	int same;

	if (ev->actor == MODEL_SYSTEM ||
	    model_event_audience(ws, ev, ev->actor) != AUDIENCE_AUTHOR)
		return 0;
	for (v = 1; v <= ws->npeople; v++)
		if (v != ev->actor &&
		    model_event_audience(ws, ev, v) == AUDIENCE_WHOLE)
			break;
	if (v > ws->npeople)
		return 0;	/* nobody else sees it whole */
	model_event_view(ws, ev, ev->actor, &mine);
	model_event_view(ws, ev, v, &whole);
	same = fixture_views_equal(&mine, &whole);
	model_votes_free(mine.votes, mine.nvotes);
	model_votes_free(whole.votes, whole.nvotes);
	if (same)
		return 0;
	snprintf(err->msg, sizeof err->msg, "event %llu (type %d): its "
	    "author %u's view is not %u's whole one",
	    (unsigned long long)ev->seq, ev->type, ev->actor, v);
	return -1;
}

/*
 * What the server's fan-out counts on (model_event_persons): everyone in
 * the room who is not among ev's persons gets the audience of the first
 * such person of their class; and the author's view is the whole one
 * (fixture_check_author).  Returns 0, or -1 with who differs in err.
 */
static inline int
fixture_check_classes(const struct workshop *ws, const struct event *ev,
    struct model_error *err)
{
	uint32_t persons[MODEL_EVENT_PERSONS], first[MODEL_AUDIENCE_CLASSES] =
	    { 0 };
	size_t np = model_event_persons(ws, ev, persons), k;
	uint32_t v;
	int c, a, b;

	for (v = 1; v <= ws->npeople; v++) {
		for (k = 0; k < np && persons[k] != v; k++)
			;
		if (k < np || (c = model_audience_class(ws, v)) < 0)
			continue;
		if (first[c] == 0) {
			first[c] = v;
			continue;
		}
		a = model_event_audience(ws, ev, first[c]);
		b = model_event_audience(ws, ev, v);
		if (a != b) {
			snprintf(err->msg, sizeof err->msg, "event %llu (type "
			    "%d): %u gets audience %d, %u of the same class %d",
			    (unsigned long long)ev->seq, ev->type, v, b,
			    first[c], a);
			return -1;
		}
	}
	return fixture_check_author(ws, ev, err);
}

/*
 * Feeds a committed event to a viewer's replica exactly as the server
 * does: nothing when the viewer's audience gets nothing, else the view for
 * that viewer, committed as a client commits.  Returns 0, or -1 with the
 * replica's refusal in err.
 */
static inline int
fixture_feed(const struct workshop *server, const struct event *ev,
    uint32_t viewer, struct workshop *replica, struct model_error *err)
{
	struct event view;
	int r;

	if (fixture_check_classes(server, ev, err) != 0)
		return -1;
	if (model_event_audience(server, ev, viewer) == AUDIENCE_NONE)
		return 0;
	model_event_view(server, ev, viewer, &view);
	r = model_commit(replica, &view, true, err);
	model_votes_free(view.votes, view.nvotes);
	return r;
}

/* Whether the per-ref index (model_items_of_ref) holds, for every item
 * of a kind it keeps, exactly the items of that kind and ref that a fresh
 * walk finds, ascending; and the pinned answers (model_pinned_answers). */
static inline bool
fixture_ref_index_differs(const struct workshop *ws)
{
	const uint32_t *ids;
	size_t n, i, j, listed = 0, want = 0;

	for (i = 0; i < ws->nby_ref; i++) {
		const struct ref_index *x = &ws->by_ref[i];

		if (i > 0 && (ws->by_ref[i - 1].kind > x->kind ||
		    (ws->by_ref[i - 1].kind == x->kind &&
		    ws->by_ref[i - 1].ref >= x->ref)))
			return true;
		for (j = 0; j < x->ids.n; j++) {
			const struct item *it = model_item(ws, x->ids.ids[j]);

			if (it == NULL || it->kind != x->kind ||
			    it->ref != x->ref ||
			    (j > 0 && x->ids.ids[j - 1] >= x->ids.ids[j]))
				return true;
		}
		listed += x->ids.n;
	}
	for (i = 0; i < ws->nitems; i++) {
		const struct item *it = &ws->items[i];

		if (!model_indexes_ref(it->kind) || it->ref == 0)
			continue;
		want++;
		ids = model_items_of_ref(ws, it->kind, it->ref, &n);
		for (j = 0; j < n && ids[j] != it->id; j++)
			;
		if (j == n)
			return true;
	}
	if (listed != want)
		return true;
	ids = model_pinned_answers(ws, &n);
	j = 0;
	for (i = 0; i < ws->nitems; i++) {
		if (ws->items[i].kind != ITEM_ANSWER ||
		    !(ws->items[i].flags & ITEM_F_PINNED))
			continue;
		if (j >= n || ids[j] != ws->items[i].id)
			return true;
		j++;
	}
	return j != n;
}

/* Whether the kind index (model_items_of_kind), the merged ones
 * (model_merged_items), the per-ref index and the pinned answers hold
 * exactly what a fresh walk over the items finds, in ascending order; 0
 * when they do, else the first kind that differs + 1 (ITEM_KIND_COUNT +
 * 1: the merged ones, + 2: the per-ref index or the pinned answers). */
static inline int
fixture_index_differs(const struct workshop *ws)
{
	const uint32_t *ids;
	size_t n, i, k, j;

	for (k = 0; k < ITEM_KIND_COUNT; k++) {
		ids = model_items_of_kind(ws, (int)k, &n);
		j = 0;
		for (i = 0; i < ws->nitems; i++) {
			if (ws->items[i].kind != (int)k)
				continue;
			if (j >= n || ids[j] != ws->items[i].id)
				return (int)k + 1;
			j++;
		}
		if (j != n)
			return (int)k + 1;
	}
	ids = model_merged_items(ws, &n);
	j = 0;
	for (i = 0; i < ws->nitems; i++) {
		if (ws->items[i].status != STATUS_MERGED ||
		    ws->items[i].kind == ITEM_SECTION_TEXT)
			continue;
		if (j >= n || ids[j] != ws->items[i].id)
			return ITEM_KIND_COUNT + 1;
		j++;
	}
	if (j != n)
		return ITEM_KIND_COUNT + 1;
	return fixture_ref_index_differs(ws) ? ITEM_KIND_COUNT + 2 : 0;
}

/* The first item of a kind, or 0. */
static inline uint32_t
fixture_first_of(const struct workshop *ws, int kind)
{
	size_t i;

	for (i = 0; i < ws->nitems; i++)
		if (ws->items[i].kind == kind)
			return ws->items[i].id;
	return 0;
}

#endif
