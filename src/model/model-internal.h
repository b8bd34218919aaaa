/*
 * model-internal.h - what model.c and poll.c share: the error helper and
 * the checks and commits of the decision tools.
 */
#ifndef ROUNDTABLE_MODEL_INTERNAL_H
#define ROUNDTABLE_MODEL_INTERNAL_H

#include "roundtable/i18n.h"
#include "roundtable/model.h"

/*
 * The refusals with arguments (model_fail's formats), marked here so that
 * model_words (model.c) can list them for the screens: the model makes
 * them in English, the msgid, in the room's process, and each screen
 * translates them with i18n_from_wire(text, model_words).  Those without
 * arguments are marked N_() where they are made and are their own msgids.
 */
#define SAY_OWN_PHASE	N_("a matrix entry is edited in its own phase (%s)")
#define SAY_TIMEBOX	N_("a timebox is 0 to %d minutes")
#define SAY_MAX_PHASES	N_("a room has at most %d phases")
/* On replay or on a client: a record that does not fit its room. */
#define SAY_BAD_AGENDA	N_("event %llu: bad change to the agenda")
#define SAY_BAD_STEP	N_("event %llu: bad phase of the process")
#define SAY_BAD_CLOCK	N_("event %llu: does not fit the room's clock")
/* TRANSLATORS: %s is a status ("not adopted", "withdrawn"). */
#define SAY_INDICATOR_IS	N_("that indicator is %s")
#define SAY_BAD_TARGET	N_("event %llu: bad baseline or target")
/* A facilitator's scale (INTENT_SCALE); the first two as a template's
 * (template.c), the same msgids. */
#define SAY_SCALE_POINTS	N_("a scale has %d to %d points")
#define SAY_SCALE_LABEL		N_("a scale's label is 1 to %d bytes")
#define SAY_SCALE_MEANING	N_("what a point of the scale means is 1 " \
				    "to %d bytes")
#define SAY_BAD_SCALE	N_("event %llu: bad scale")
/* A score's sentence (indicator.c): the point most gave, how many gave
 * it, of how many; then the others, "1 present, 1 not present". */
#define SAY_SCORE_OTHER	N_("%d %s")
#define SAY_TIMER_HOURS	N_("a timebox is at most %d hours")

/* action.c */
/* TRANSLATORS: %.40s is what the person typed. */
#define SAY_NOT_A_DATE	N_("not a date: %.40s (use YYYY-MM-DD)")
#define SAY_DATE_YEAR	N_("%.40s: give a year between 2000 and 2199")
#define SAY_DATE_MONTH	N_("not a date: %.40s (there is no month %d)")
/* TRANSLATORS: "not a date: 2027-02-30 (February 2027 has 28 days)". */
#define SAY_DATE_DAYS	N_("not a date: %.40s (%s %d has %d days)")
#define SAY_NOT_AN_AMOUNT	N_("not an amount: %.40s (write it like " \
				    "1500 or 1500.50)")
/* TRANSLATORS: %s is a status ("withdrawn", "merged"). */
#define SAY_ACTION_WAS	N_("that action was %s")
/* TRANSLATORS: the names of two phases. */
#define SAY_ACTION_PHASES	N_("actions are worked on in the %s and %s " \
				    "phases")
/* TRANSLATORS: %s is an action's status ("agreed", "done"). */
#define SAY_ACTION_NOW	N_("the action is %s; only a facilitator can " \
			    "change it now")
#define SAY_ACTION_ALREADY	N_("the action is already %s")
#define SAY_ACTION_IS_ALREADY	N_("the action is %s already")
/* TRANSLATORS: an action's statuses: "an action that is done cannot
 * become proposed". */
#define SAY_STATUS_MOVE_OWNERS	N_("an action that is %s cannot become %s " \
				    "before its owners agree to it")
#define SAY_STATUS_MOVE	N_("an action that is %s cannot become %s")
/* TRANSLATORS: %s is an item's status ("withdrawn", "not adopted"). */
#define SAY_LINK_ADOPTED	N_("link an action to an indicator the room " \
				    "adopted (this one is %s)")
/* TRANSLATORS: %s is a person's name. */
#define SAY_CANNOT_OWN	N_("%s cannot own an action")
#define SAY_MAX_OWNERS	N_("an action has at most %d owners")
#define SAY_MAX_MILESTONES	N_("an action has at most %d milestones")
#define SAY_NO_MILESTONE	N_("there is no milestone %d")
#define SAY_MAX_MEETINGS	N_("the record holds at most %d meetings")
/* TRANSLATORS: %s is a date, 2027-03-04. */
#define SAY_MEETING_BEFORE	N_("meeting %u was on %s; a new one cannot " \
				    "come before it")
/* TRANSLATORS: %s is a date, 2027-03-04. */
#define SAY_REVIEW_AFTER	N_("the next review must come after this " \
				    "meeting (%s)")
/* TRANSLATORS: %s is an item's status ("adopted", "withdrawn"). */
#define SAY_NO_EDIT	N_("it is %s; it cannot be edited")
/* TRANSLATORS: %s is a phase's name. */
#define SAY_EDITED_IN	N_("it is edited in the %s phase")
#define SAY_MERGED_IN	N_("they are merged in the %s phase")
/* TRANSLATORS: #%u is a statement's number, %s its status. */
#define SAY_NO_MERGE	N_("#%u is %s; it cannot be merged")
#define SAY_MERGE_INTO	N_("#%u is %s; nothing can be merged into it")
#define SAY_MAX_ITEMS	N_("the room has reached its limit of %d items")
/* On replay or on a client: a record that does not fit its room. */
#define SAY_BAD_ACTION_SET	N_("event %llu: bad change to an action")
#define SAY_BAD_OWNER	N_("event %llu: bad owner")
#define SAY_NO_SUCH_OWNER	N_("event %llu: no such owner")
#define SAY_OWNER_TWICE	N_("event %llu: owner twice or too many")
#define SAY_BAD_COMMITMENT	N_("event %llu: bad commitment")
#define SAY_BAD_MEETING	N_("event %llu: bad meeting")
#define SAY_BAD_ATTENDANCE	N_("event %llu: bad attendance")
#define SAY_BAD_REVIEW	N_("event %llu: bad review date")
#define SAY_BAD_MERGE	N_("event %llu: bad merge")
#define SAY_BAD_EDIT	N_("event %llu: bad edit")
#define SAY_NOT_AN_ACTION	N_("event %llu: not an action")
#define SAY_BAD_MILESTONE	N_("event %llu: bad milestone")
#define SAY_UNKNOWN_EVENT	N_("event %llu: unknown type %d")
/*
 * The record of a change to an action (an ITEM_F_LOG item's text),
 * written in English by the model wherever the event is committed and
 * translated where shown (model_words), like a verdict.  Those without
 * arguments are marked N_() in action.c.
 */
/* TRANSLATORS: the records of changes to an action; %s after "how:",
 * "resources:", "provided by", "what:" and "milestone ...:" is what
 * people wrote. */
#define LOG_HOW		N_("how: %s")
#define LOG_RESOURCES	N_("resources: %s")
#define LOG_PROVIDER	N_("provided by %s")
/* TRANSLATORS: %s is a date, 2027-03-04. */
#define LOG_DUE		N_("due %s")
/* TRANSLATORS: an amount (1500.50) and its currency (USD). */
#define LOG_COST	N_("cost %s %s")
/* TRANSLATORS: %s is an action's status. */
#define LOG_STATUS	N_("status: %s")
/* TRANSLATORS: an indicator's number and the start of its text. */
#define LOG_INDICATOR	N_("works on indicator %u: %s")
/* TRANSLATORS: %s is a person's or a group's name, or "a participant". */
#define LOG_OWNER_ADDED		N_("owner added: %s")
#define LOG_OWNER_REMOVED	N_("owner removed: %s")
/* TRANSLATORS: %s is who agreed, the names of the action's owners
 * ("Ana, Police"). */
#define LOG_AGREED_FAC_ALL	N_("%s and the facilitator agreed; the " \
				    "action is agreed")
#define LOG_AGREED_ALL		N_("%s agreed; the action is agreed")
#define LOG_AGREED_FAC		N_("%s and the facilitator agreed")
#define LOG_AGREED		N_("%s agreed")
#define LOG_TOOK_BACK_FAC	N_("%s and the facilitator took back " \
				    "their agreement")
#define LOG_TOOK_BACK		N_("%s took back their agreement")
/* EVENT_ACTION_SET and EVENT_ITEM_EDIT of an action: the change takes
 * back the agreements given to the action as it was (its owners' and the
 * facilitator's).  Set by the check, so records made before it replay
 * as they were. */
#define ACTION_F_UNAGREE	1u
#define LOG_WHAT	N_("what: %s")
/* TRANSLATORS: a date (2027-03-04) and what is to be done by then. */
#define LOG_MILESTONE	N_("milestone added: %s %s")
#define LOG_MILESTONE_DONE	N_("milestone done: %s")
#define LOG_MILESTONE_UNDONE	N_("milestone not done: %s")
/* (end of action.c) */

/*
 * model.c, room.c, poll.c.  An argument that is a status ("adopted"), a
 * kind of phase ("Dialogue") or what someone tried ("adopt a proposal")
 * is a marked word, translated with the sentence (model_words says
 * which); a name, a number or a phase's title is the room's own.
 */
/* TRANSLATORS: %s is what was tried, an infinitive phrase translated
 * on its own ("adopt a proposal", "give the floor"). */
#define SAY_ONLY_FACILITATOR	N_("only a facilitator can %s")
/* TRANSLATORS: %s is what was tried, as in "only a facilitator can %s"
 * ("raise a hand", "write in it": the room). */
#define SAY_OBSERVERS_NOT	N_("observers can read the room but not %s")
/* TRANSLATORS: %s is what was tried, as in "only a facilitator can %s"
 * ("raise a hand", "write in a caucus"). */
#define SAY_FACILITATORS_NOT	N_("facilitators do not %s")
/* TRANSLATORS: %s is a kind of phase ("Welcome"). */
#define SAY_NOTHING_TO_WRITE	N_("there is nothing to write during %s; " \
				    "wait for the next phase")
/* TRANSLATORS: %s is a kind of phase ("Dialogue"). */
#define SAY_NOT_WRITTEN_DURING	N_("that is not written during %s")
#define SAY_ITEMS_LIMIT		N_("the room has reached its limit of %d " \
				    "items")
/* TRANSLATORS: %s is a status ("withdrawn", "rejected"). */
#define SAY_NOT_AMENDABLE	N_("a rule that is %s cannot be amended")
/* TRANSLATORS: %s is a status ("withdrawn", "proposed"). */
#define SAY_QUESTION_NOT_PUT	N_("that question is %s, not put to the room")
/* TRANSLATORS: %s is a charter section's number ("2", "4.1"). */
#define SAY_SECTION_NOT_WRITTEN	N_("section %s is filled from the room, " \
				    "not written")
#define SAY_SECTION_FROM_ROOM	N_("section %s is filled from the room")
/* TRANSLATORS: in these four, %s is a kind of phase ("Charter"). */
#define SAY_DECIDED_CHARTER	N_("charter texts are decided in the %s " \
				    "phase")
#define SAY_DECIDED_INDICATORS	N_("indicators are decided in the %s phase")
#define SAY_DECIDED_QUESTIONS	N_("proposed questions are decided in the " \
				    "%s phase")
#define SAY_DECIDED_RULES	N_("ground rules and their amendments are " \
				    "decided in the %s phase")
/* TRANSLATORS: in these, %s is a status ("adopted", "merged"). */
#define SAY_PROPOSAL_ALREADY	N_("this proposal is already %s")
#define SAY_SECTION_REOPEN	N_("this section is %s; reopen it first")
#define SAY_TEXT_ALREADY	N_("this text is already %s")
#define SAY_SECTION_IS		N_("this section is %s")
#define SAY_ALREADY		N_("it is already %s")
#define SAY_QUESTION_NOT_OWN	N_("this question is %s: only the room's " \
				    "own or adopted questions are put to it")
/* TRANSLATORS: c is the key that opens a consensus check. */
#define SAY_QUESTION_CHECK_FIRST N_("this question is %s: only the room's " \
				    "own or adopted questions are put to it " \
				    "(check it with the room first, c)")
#define SAY_REPORT_ALREADY	N_("this report-back is already %s")
#define SAY_THIS_ALREADY	N_("this is already %s")
/* TRANSLATORS: c and a are the keys that check and adopt. */
#define SAY_SCORE_UNAGREED	N_("this indicator is %s: the room agrees an " \
				    "indicator before scoring it (check it, " \
				    "c, or adopt it, a)")
/* TRANSLATORS: %s is a kind of phase ("Ground rules"). */
#define SAY_DECIDED_IN		N_("that is decided in the %s phase")
/* TRANSLATORS: %s is a group's name, as the room wrote it. */
#define SAY_GROUP_EXISTS	N_("there is already a group called %s")
#define SAY_MAX_GROUPS		N_("a room has at most %d stakeholder groups")
/* TRANSLATORS: %s is a person's name. */
#define SAY_NAME_TAKEN		N_("someone called %s has already joined " \
				    "this room")
/* TRANSLATORS: %s is a person's name. */
#define SAY_WAS_REMOVED		N_("%s was removed from the room")
/* TRANSLATORS: %s is a person's name. */
#define SAY_IN_GROUP_ALREADY	N_("%s is in that group already")
#define SAY_NO_PHASE		N_("there is no phase %d")
/* TRANSLATORS: %s is a phase's title, as the room's agenda has it. */
#define SAY_ALREADY_IN		N_("the room is already in %s")
/* TRANSLATORS: %d is a number of the request's kind (a bug). */
#define SAY_UNKNOWN_REQUEST	N_("unknown request (%d)")
#define SAY_DOTS_EACH		N_("give each person from 1 to %d dots")
/* TRANSLATORS: %s is what the vote chooses among, in the plural
 * ("ground rules", "answers"). */
#define SAY_DOTS_CHOICES	N_("a dot vote needs at least two %s to " \
				    "choose from")
#define SAY_DOTS_SPENT		N_("you have spent all %d dots; take one " \
				    "back first")
#define SAY_SCALE		N_("answer with a point of the scale, 1 to " \
				    "%d")
#define SAY_REASON_LATE		N_("this check closed more than %d " \
				    "minutes ago: your reason can no longer " \
				    "join your answer")
/*
 * An indicator's score, as the reveal records it (indicator.c):
 * "partially present (3 of 5)", or with how many chose each other
 * point after the semicolon ("1 present, 1 not present", as made).
 * TRANSLATORS: the first %s is a point of the scale, then how many
 * chose it of how many answered.
 */
#define SAY_SCORE		N_("%s (%d of %d)")
#define SAY_SCORE_OTHERS	N_("%s (%d of %d; %s)")

/*
 * fields.c: a string that breaks its field's rules.  The field's name
 * ("title", "ground rule") is a marked word, translated with the
 * sentence.
 * TRANSLATORS: %s is the name of a field ("title", "ground rule",
 * "join code"), translated on its own.
 */
#define SAY_FIELD_MISSING	N_("the %s is missing")
#define SAY_FIELD_EMPTY		N_("the %s is empty")
#define SAY_FIELD_TOO_LONG	N_("the %s is too long (%zu bytes; at most " \
				    "%zu)")
#define SAY_FIELD_NOT_UTF8	N_("the %s is not valid UTF-8 text")
#define SAY_FIELD_CONTROL	N_("the %s contains control characters")
#define SAY_SECRET_CHARS	N_("the %s must be at most %zu letters, " \
				    "digits or signs")
/* TRANSLATORS: %s is what refused the string ("this request", "an
 * action's how"), translated on its own. */
#define SAY_TAKES_NO_TEXT	N_("%s takes no text")
#define SAY_TAKES_NO_TEXT2	N_("%s takes no second text")
#define SAY_TAKES_NO_SECRET	N_("%s takes no secret")
#define SAY_TAKES_NO_LANG	N_("%s takes no language")

/*
 * A consensus check's verdict (poll.c), written into the record in
 * English with the reveal and translated where shown (model_words): one
 * whole sentence per outcome.  The counts are people (or votes).
 */
#define VERDICT_GROUP_BLOCKED	N_("not approved: blocked by %d")
#define VERDICT_GROUP_NOBODY	N_("not approved: nobody agreed")
#define VERDICT_GROUP_APPROVED	N_("approved %d of %u")
#define VERDICT_NOBODY		N_("nobody agreed or blocked — not adopted")
#define VERDICT_MAJORITY	N_("majority (%d to %d) — adopted")
#define VERDICT_NO_MAJORITY	N_("no majority (%d to %d) — not adopted")
#define VERDICT_TWO_THIRDS	N_("2/3 reached (%d to %d) — adopted")
#define VERDICT_NO_TWO_THIRDS	N_("2/3 not reached (%d to %d) — not " \
				    "adopted")
#define VERDICT_CONSENSUS	N_("consensus — adopted")
#define VERDICT_CONSENSUS_BOTH	N_("consensus (%d with reservations, %d " \
				    "standing aside) — adopted")
#define VERDICT_CONSENSUS_RES	N_("consensus (%d with reservations) — " \
				    "adopted")
#define VERDICT_CONSENSUS_ASIDE	N_("consensus (%d standing aside) — " \
				    "adopted")
#define VERDICT_FB_MAJ_1	N_("majority reached after 1 round (%d to " \
				    "%d) — adopted")
#define VERDICT_FB_NOMAJ_1	N_("majority not reached after 1 round " \
				    "(%d to %d) — not adopted")
#define VERDICT_FB_23_1		N_("2/3 reached after 1 round (%d to %d) " \
				    "— adopted")
#define VERDICT_FB_NO23_1	N_("2/3 not reached after 1 round (%d to " \
				    "%d) — not adopted")
#define VERDICT_FB_MAJ		N_("majority reached after %d rounds (%d " \
				    "to %d) — adopted")
#define VERDICT_FB_NOMAJ	N_("majority not reached after %d rounds " \
				    "(%d to %d) — not adopted")
#define VERDICT_FB_23		N_("2/3 reached after %d rounds (%d to " \
				    "%d) — adopted")
#define VERDICT_FB_NO23		N_("2/3 not reached after %d rounds (%d " \
				    "to %d) — not adopted")
#define VERDICT_BLOCKED		N_("blocked by %d — not adopted")
#define VERDICT_BLOCKED_ROUND	N_("blocked by %d — not adopted (round %d " \
				    "of %d before a vote)")

int	model_fail(struct model_error *, int code, const char *fmt, ...)
	    __attribute__((format(printf, 3, 4)));
void	*model_grow(void *base, size_t n, size_t *cap, size_t size);
char	*dup_or_null(const char *);

/* step.c: a template's phases (INTENT_STEP). */
int	step_check(const struct workshop *, uint32_t actor,
	    const struct intent *, struct event *, struct model_error *);
int	step_commit(struct workshop *, const struct event *,
	    struct model_error *);
void	steps_free(struct workshop *);
/* agenda.c: the plan (INTENT_AGENDA), and where the room spends its
 * time: a new stretch in the current phase and meeting from time on. */
int	agenda_check(const struct workshop *, uint32_t actor,
	    const struct intent *, struct event *, struct model_error *);
int	agenda_commit(struct workshop *, const struct event *,
	    struct model_error *);
void	visit_begin(struct workshop *, int64_t time);

/* matrix.c: a matrix phase's cells.  The row a new entry goes in
 * (*row) once the intent names a row and a column of this phase's
 * matrix; whether an EVENT_ITEM's row and column (ref, value2) make a
 * cell; whether an entry may be edited now. */
int	matrix_cell_check(const struct workshop *, const struct intent *,
	    const struct item **row, struct model_error *);
int	matrix_cell_fits(const struct workshop *, const struct event *);
int	matrix_edit_check(const struct workshop *, const struct item *,
	    struct model_error *);

/* fields.c: every string of an intent against the field it fills
 * (before the check of its type); unused fields must be empty. */
int	fields_check(const struct workshop *, const struct intent *,
	    struct model_error *);
/* model_check_text but for emptiness: a field that may be empty. */
int	model_text_rules(const char *s, size_t max, bool multiline,
	    const char *what, struct model_error *);
/* A secret (join code, token): printable ASCII, no spaces, not empty. */
int	model_check_secret(const char *s, size_t max, const char *what,
	    struct model_error *);
/* The kind a contribution with this value becomes in the phase, and its
 * noun ("expectation"); ITEM_HIDDEN when nothing such is written now. */
int	model_contribution_of(const struct workshop *, int32_t value,
	    const char **noun);
/* The most bytes of a contribution of this kind. */
size_t	model_contribution_max(int kind);

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
/* Every raised hand lowered (a new phase, a new meeting). */
void	hands_down(struct workshop *);
void	attend(struct meeting *, uint32_t who, bool came);

/* clock.c: the timer and the limit on a turn (intents 49-50). */
int	clock_check(const struct workshop *, uint32_t actor,
	    const struct intent *, struct event *, struct model_error *);
int	clock_commit(struct workshop *, const struct event *,
	    struct model_error *);
/* The phase ended (a new phase, a new meeting): so did its timer. */
void	clock_phase_ended(struct workshop *);
/* indicator.c: indicators' baselines, targets and scores (intent 51),
 * a facilitator's scale (53), and the verdict of a scoring poll. */
int	indicator_check(const struct workshop *, uint32_t actor,
	    const struct intent *, struct event *, struct model_error *);
int	indicator_commit(struct workshop *, const struct event *,
	    struct model_error *);
/* model.c: an EVENT_ITEM's item, added (the caller checked its id). */
int	commit_item(struct workshop *, const struct event *,
	    struct model_error *);
int	scale_check(const struct workshop *, uint32_t actor,
	    const struct intent *, struct event *, struct model_error *);
int	scale_commit(struct workshop *, const struct event *,
	    struct model_error *);
struct indicator *indicator_new(void);
void	indicator_free(struct indicator *);
/* A closed scoring poll: the median point (verdict) and its sentence. */
void	indicator_verdict(const struct workshop *, struct poll *);
/* A revealed scoring poll: its point becomes its indicator's score at
 * the meeting the poll was opened in. */
void	indicator_scored(struct workshop *, const struct poll *);

/* The kind index (model_items_of_kind): it was just added, or its kind
 * was old and is now it->kind (a placeholder revealed). */
void	index_item(struct workshop *, const struct item *it);
void	index_kind_changed(struct workshop *, const struct item *it, int old);
/* Its ref was just set (model_items_of_ref). */
void	index_ref(struct workshop *, const struct item *it);
/* It was merged into another item (EVENT_MERGE). */
void	index_merged(struct workshop *, const struct item *it);
/* It was pinned as a theme or unpinned (EVENT_PIN). */
void	index_pinned(struct workshop *, const struct item *it);

#endif
