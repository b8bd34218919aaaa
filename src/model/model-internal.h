/*
 * model-internal.h - what model.c and poll.c share: the error helper and
 * the checks and commits of the decision tools.
 */
#ifndef ROUNDTABLE_MODEL_INTERNAL_H
#define ROUNDTABLE_MODEL_INTERNAL_H

#include "roundtable/model.h"

#define MODEL_BODY_MAX	(4 * MODEL_TEXT_MAX)	/* a section's merged text */

int	model_fail(struct model_error *, int code, const char *fmt, ...)
	    __attribute__((format(printf, 3, 4)));
void	*model_grow(void *base, size_t n, size_t *cap, size_t size);

int	poll_check(const struct workshop *, uint32_t actor,
	    const struct intent *, struct event *, struct model_error *);
/* client: the replica of a participant, who learns results from events */
int	poll_commit(struct workshop *, const struct event *, bool client,
	    struct model_error *);
void	poll_free(struct poll *);
/* Applies what a passed decision decides (adopts the item). */
void	poll_outcome(struct workshop *, const struct poll *);
int	room_check(const struct workshop *, uint32_t actor,
	    const struct intent *, struct event *, struct model_error *);
int	room_commit(struct workshop *, const struct event *, bool client,
	    struct model_error *);
/* Which phase decides items of this kind, or -1. */
int	model_decided_in(int kind);
/* Adopts a rule, amendment, section text or other item; shared by the
 * facilitator's direct adoption and by a passed consensus check. */
void	model_adopt(struct workshop *, struct item *);

/* action.c: action plans, meetings, follow-up (intents 35-44). */
int	action_check(const struct workshop *, uint32_t actor,
	    const struct intent *, struct event *, struct model_error *);
int	action_commit(struct workshop *, const struct event *, bool client,
	    struct model_error *);
struct action *action_new(void);
void	action_free(struct action *);
void	meetings_free(struct workshop *);
/* Starts meeting N+1 (the facilitator attends) and makes it current. */
void	meeting_add(struct workshop *, int32_t date, int64_t started);
void	attend(struct meeting *, uint32_t who, bool came);

#endif
