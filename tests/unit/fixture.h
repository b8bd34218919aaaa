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

#include "roundtable/model.h"

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

	if (model_event_audience(server, ev, viewer) == AUDIENCE_NONE)
		return 0;
	model_event_view(server, ev, viewer, &view);
	r = model_commit(replica, &view, true, err);
	model_votes_free(view.votes, view.nvotes);
	return r;
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
