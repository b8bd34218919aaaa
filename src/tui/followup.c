/*
 * followup.c - the keys of Framing and vision (phase 6), Follow-up and
 * exit (phase 8) and the meetings of a process that runs over weeks: a
 * problem statement (f), a merge of two statements (m, then Enter on the
 * one it joins), new text for a statement (e), an exit proposal (E: the
 * strategy with one key, then its text), the next review date (N) and a
 * new meeting (M).  The drawing is in views.c with the other phases.
 *
 * As everywhere in the TUI, these keys only ask: the model decides who
 * may do what, and its refusal comes back as a notice.  What can be
 * checked before sending is checked here so that nothing is sent in
 * vain: a date is parsed with model_date_parse() at the input, and a bad
 * one keeps the line open with the reason beside it.  Keys that ask
 * something first ask only the facilitators when only they may; anyone
 * else gets the refusal at once.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "roundtable/i18n.h"
#include "roundtable/text.h"
#include "tui-internal.h"

/* The local date of a unix time. */
static int32_t
local_date(int64_t when)
{
	time_t		tt = (time_t)when;
	struct tm	tm;

	if (localtime_r(&tt, &tm) == NULL)
		return model_date_of(when);
	return (int32_t)((tm.tm_year + 1900) * 10000 + (tm.tm_mon + 1) * 100 +
	    tm.tm_mday);
}

int32_t
tui_today(void)
{
	return local_date((int64_t)time(NULL));
}

static bool
is_statement(int kind)
{
	return kind == ITEM_PROBLEM || kind == ITEM_VISION;
}

uint32_t
tui_statement_number(const struct workshop *ws, uint32_t id)
{
	const struct item	*it = model_item(ws, id);

	return it != NULL && is_statement(it->kind) ? it->ordinal : 0;
}

static const struct item *
selected_item(const struct tui *t)
{
	const struct item	*it = model_item(t->ws, t->sel);

	if (it == NULL || it->kind == ITEM_HIDDEN)
		return NULL;
	return it;
}

static bool
observer(struct tui *t)
{
	const struct participant	*me = model_person(t->ws, t->self);

	if (me == NULL || me->role != ROLE_OBSERVER)
		return false;
	tui_notice(t, _("Observers can read the room but not write in it."));
	return true;
}

/* --- Framing and vision -------------------------------------------------- */

/* f: a problem statement ("what is the problem we share?"), beside the
 * vision statements w writes. */
void
tui_key_problem(struct tui *t)
{
	if (t->ws->phase != PHASE_VISION) {
		tui_notice(t, _("f writes a problem statement in Framing and "
		    "vision."));
		return;
	}
	if (observer(t))
		return;
	tui_open_mode(t, MODE_INPUT, INPUT_PROBLEM, 0,
	    xstrdup(_("Your problem statement: ")), MODEL_TEXT_MAX);
}

char *
tui_merge_prompt(const struct tui *t)
{
	/* TRANSLATORS: %u is the number of the statement being merged. */
	return xasprintf(_("merge #%u into: select the statement it joins "
	    "and press Enter, Esc cancels"), tui_statement_number(t->ws,
	    t->merging));
}

/* m in Framing and vision: the selected statement is merged into another
 * of the same kind, chosen by moving the selection. */
void
tui_key_merge(struct tui *t)
{
	const struct item	*it = selected_item(t);
	char			*s;

	if (!tui_is_facilitator(t)) {
		/* The model says who may. */
		tui_send(t, INTENT_MERGE, t->sel, 0, 0, 0, NULL);
		return;
	}
	if (it == NULL || !is_statement(it->kind)) {
		tui_notice(t, _("Select the problem or vision statement to "
		    "merge (Up/Down), then press m."));
		return;
	}
	if (it->status != STATUS_OPEN && it->status != STATUS_PROPOSED) {
		/* TRANSLATORS: a statement's number and its status
		 * ("adopted"). */
		s = xasprintf(it->status == STATUS_MERGED ? _("#%u is merged "
		    "already: only an open statement is merged.") : _("#%u is "
		    "%s: only an open statement is merged."),
		    tui_statement_number(t->ws, it->id),
		    _(model_status_name(it->status)));
		tui_notice(t, s);
		free(s);
		return;
	}
	t->merging = it->id;
	tui_dirty(t);
}

/* The statement the merged one may join, or NULL with a notice. */
static const struct item *
merge_target(struct tui *t, const struct item *from)
{
	const struct item	*to = selected_item(t);

	if (to == NULL || !is_statement(to->kind)) {
		tui_notice(t, _("Select the statement it joins (Up/Down), then "
		    "press Enter; Esc cancels."));
		return NULL;
	}
	if (to->id == from->id) {
		tui_notice(t, _("That is the statement being merged: select "
		    "the one it joins."));
		return NULL;
	}
	if (to->kind != from->kind) {
		tui_notice(t, from->kind == ITEM_PROBLEM ? _("A problem "
		    "statement joins another problem statement.") : _("A "
		    "vision statement joins another vision statement."));
		return NULL;
	}
	if (to->status == STATUS_MERGED || to->status == STATUS_WITHDRAWN ||
	    to->status == STATUS_REJECTED) {
		tui_notice(t, to->status == STATUS_MERGED ? _("That one is "
		    "merged already: select the statement it joined.") :
		    _("That one is set aside: select another."));
		return NULL;
	}
	return to;
}

bool
tui_merge_key(struct tui *t, int code, wint_t ch)
{
	const struct item	*from = model_item(t->ws, t->merging), *to;
	char			*s;

	if (t->ws->phase != PHASE_VISION || from == NULL) {
		/* The room moved on: nothing to merge here. */
		t->merging = 0;
		return false;
	}
	if (code == KEY_CODE_YES) {
		switch (ch) {
		case KEY_UP:
		case KEY_DOWN:
		case KEY_PPAGE:
		case KEY_NPAGE:
		case KEY_HOME:
		case KEY_END:
			return false;
		case KEY_ENTER:
			break;
		default:
			return true;
		}
	} else if (ch == 'k' || ch == 'j' || ch == '?') {
		return false;
	} else if (ch == 0x1b) {
		t->merging = 0;
		tui_dirty(t);
		tui_notice(t, _("Nothing merged."));
		return true;
	} else if (ch != '\r' && ch != '\n') {
		s = tui_merge_prompt(t);
		tui_notice(t, s);
		free(s);
		return true;
	}
	if ((to = merge_target(t, from)) == NULL)
		return true;
	t->merging = 0;
	t->sel = to->id;
	tui_dirty(t);
	tui_send(t, INTENT_MERGE, from->id, (int32_t)to->id, 0, 0, NULL);
	return true;
}

/* e in Framing and vision and in Follow-up: new text for the selected
 * statement, lesson or exit proposal, starting from its text.  Its author
 * may while it is undecided, a facilitator any time. */
void
tui_key_item_edit(struct tui *t)
{
	const struct item	*it = selected_item(t);
	char			*prompt, *s;

	if (it == NULL || (!is_statement(it->kind) &&
	    it->kind != ITEM_LESSON && it->kind != ITEM_EXIT)) {
		tui_notice(t, t->ws->phase == PHASE_VISION ? _("Select a "
		    "problem or vision statement (Up/Down), then press e to "
		    "edit it.") : _("Select a lesson or an exit proposal "
		    "(Up/Down), then press e to edit it."));
		return;
	}
	if (!tui_is_facilitator(t) &&
	    (it->author != t->self || t->self == MODEL_SYSTEM)) {
		tui_notice(t, _("You can edit only what you wrote; the "
		    "facilitators edit any."));
		return;
	}
	/* What the room decided keeps the words it decided on. */
	if (it->status != STATUS_OPEN && it->status != STATUS_PROPOSED) {
		/* TRANSLATORS: %s is its status ("adopted"). */
		s = xasprintf(it->status == STATUS_MERGED ? _("It is merged "
		    "into another: its text can no longer change.") : _("It is "
		    "%s: its text can no longer change."),
		    _(model_status_name(it->status)));
		tui_notice(t, s);
		free(s);
		return;
	}
	if (is_statement(it->kind))
		/* TRANSLATORS: %u is a statement's number. */
		prompt = xasprintf(_("Edit #%u: "), tui_statement_number(t->ws,
		    it->id));
	else
		prompt = xstrdup(it->kind == ITEM_LESSON ?
		    _("Edit this lesson: ") : _("Edit this exit proposal: "));
	tui_open_mode(t, MODE_INPUT, INPUT_EDIT, it->id, prompt,
	    MODEL_TEXT_MAX);
	if (it->text != NULL)
		tui_editor_fill(&t->ed, it->text);
}

/* --- Follow-up and exit -------------------------------------------------- */

/* E: an exit proposal (Lesson 11, "Exit strategies"): the strategy first,
 * with one key, then a line saying how. */
void
tui_key_exit(struct tui *t)
{
	if (t->ws->phase != PHASE_FOLLOWUP) {
		tui_notice(t, _("E proposes an exit strategy in Follow-up and "
		    "exit."));
		return;
	}
	if (observer(t))
		return;
	tui_open_mode(t, MODE_KEY, INPUT_EXIT_KIND, 0, xstrdup(_("Exit "
	    "strategy: 1 wind down · 2 hand over · 3 institutionalise · Esc "
	    "cancel")), 0);
}

void
tui_exit_kind_key(struct tui *t, int code, wint_t ch)
{
	int	strategy;

	if (code == OK && ch == 0x1b) {
		tui_close_input(t);
		return;
	}
	if (code != OK || ch < '1' || ch > '3') {
		tui_notice(t, _("Press 1 wind down, 2 hand over or 3 "
		    "institutionalise (Esc cancels)."));
		return;
	}
	strategy = ch == '1' ? EXIT_WIND_DOWN : ch == '2' ? EXIT_HAND_OVER :
	    EXIT_INSTITUTIONALISE;
	tui_close_input(t);
	/* TRANSLATORS: %s is the strategy ("hand over"). */
	tui_open_mode(t, MODE_INPUT, INPUT_EXIT, 0, xasprintf(_("Exit "
	    "strategy (%s): "), _(model_exit_name(strategy))),
	    MODEL_TEXT_MAX);
	t->input_value = strategy;
}

/* N in Follow-up: the date the room meets to review again. */
void
tui_key_next_review(struct tui *t)
{
	char	date[16];

	if (!tui_is_facilitator(t)) {
		tui_send(t, INTENT_NEXT_REVIEW, 0, t->ws->next_review, 0, 0,
		    NULL);
		return;
	}
	tui_open_mode(t, MODE_INPUT, INPUT_REVIEW, 0, xstrdup(_("Next review "
	    "date (YYYY-MM-DD): ")), 10);
	if (t->ws->next_review != 0)
		tui_editor_offer(&t->ed, model_date_format(t->ws->next_review,
		    date, sizeof date));
}

/* --- meetings ------------------------------------------------------------ */

char *
tui_meeting_question(const struct tui *t)
{
	char	date[16];

	/* TRANSLATORS: the new meeting's number and today's date. */
	return xasprintf(_("Start meeting %zu dated %s? Enter: yes (or type "
	    "another date) · Esc: no"), t->ws->nmeetings + 1,
	    model_date_format(tui_today(), date, sizeof date));
}

/* M: the room meets again (a later day's session of the same process). */
void
tui_key_meeting(struct tui *t)
{
	if (!tui_is_facilitator(t)) {
		tui_send(t, INTENT_MEETING, 0, tui_today(), 0, 0, NULL);
		return;
	}
	tui_open_mode(t, MODE_INPUT, INPUT_MEETING, 0, xstrdup(_("Date: ")),
	    10);
}

void
tui_meeting_notice(struct tui *t)
{
	const struct meeting	*m;
	char			 date[16], *s;

	if (t->ws == NULL || t->self != MODEL_FACILITATOR)
		return;
	m = model_meeting(t->ws, t->ws->meeting);
	if (m == NULL || m->date == 0 || m->date >= tui_today())
		return;
	/* Meeting 1 is dated in UTC when the room is made: a room made
	 * this morning east of Greenwich is not an earlier day's. */
	if (m->started != 0 && local_date(m->started) >= tui_today())
		return;
	/* TRANSLATORS: the last meeting's date and number, then the
	 * next one's number. */
	s = xasprintf(_("Last meeting: %s (meeting %u). Press M to start "
	    "meeting %zu today."), model_date_format(m->date, date,
	    sizeof date), m->id, t->ws->nmeetings + 1);
	tui_notice(t, s);
	free(s);
}

/* --- sending ------------------------------------------------------------- */

/*
 * A date typed at the input (empty: today, for a meeting), checked as the
 * model will check it: true with *date set, else a notice and the line
 * stays open with the text.  A meeting cannot come before the last one;
 * the next review comes after the current meeting.
 */
static bool
typed_date(struct tui *t, const char *text, bool review, int32_t *date)
{
	const struct workshop	*ws = t->ws;
	const struct meeting	*m;
	struct model_error	 err;
	char			*s, *why, day[16];

	memset(&err, 0, sizeof err);
	*date = tui_today();
	if ((review || *text != '\0') &&
	    model_date_parse(text, date, &err) != 0) {
		why = err.msg[0] != '\0' ? i18n_from_wire(err.msg,
		    model_words) : xstrdup(_("not a date (use YYYY-MM-DD)"));
		/* TRANSLATORS: %s says what is wrong with the date. */
		s = xasprintf(_("%s — Esc cancels."), why);
		free(why);
		tui_notice(t, s);
		free(s);
		return false;
	}
	m = model_meeting(ws, review ? ws->meeting : (uint32_t)ws->nmeetings);
	if (m == NULL || m->date == 0 || (review ? *date > m->date :
	    *date >= m->date))
		return true;
	model_date_format(m->date, day, sizeof day);
	if (review)
		s = xasprintf(_("The next review must come after this "
		    "meeting (%s) — Esc cancels."), day);
	else
		s = xasprintf(_("Meeting %u was on %s: the next one cannot "
		    "come before it — Esc cancels."), m->id, day);
	tui_notice(t, s);
	free(s);
	return false;
}

/* The room moved to another phase while this was typed: said, and not
 * sent (the model would file it as the new phase's contribution). */
static bool
phase_moved(struct tui *t, int phase)
{
	char	*s;

	if (t->ws->phase == phase)
		return false;
	/* TRANSLATORS: the phase the room is in now, then the kind of
	 * phase the text was typed for ("Framing and vision"). */
	s = xasprintf(phase == PHASE_VISION ? _("The room moved to %s: a "
	    "problem statement belongs to %s; Esc cancels.") : _("The room "
	    "moved to %s: an exit proposal belongs to %s; Esc cancels."),
	    tui_step_title(t, model_step_now(t->ws)),
	    _(model_phase_name(phase)));
	tui_notice(t, s);
	free(s);
	return true;
}

bool
tui_followup_send(struct tui *t, char *text)
{
	const struct item	*it;
	uint32_t		 ref = t->input_ref;
	int32_t			 value = t->input_value, date;

	switch (t->input_for) {
	case INPUT_MEETING:
		if (!typed_date(t, text, false, &date))
			return true;
		tui_close_input(t);
		t->after_send = true;
		tui_send(t, INTENT_MEETING, 0, date, 0, 0, NULL);
		return true;
	case INPUT_REVIEW:
		if (!typed_date(t, text, true, &date))
			return true;
		tui_close_input(t);
		t->after_send = true;
		tui_send(t, INTENT_NEXT_REVIEW, 0, date, 0, 0, NULL);
		return true;
	case INPUT_PROBLEM:
	case INPUT_EXIT:
	case INPUT_EDIT:
		break;
	default:
		return false;
	}
	if (*text == '\0') {
		tui_close_input(t);
		tui_notice(t, _("Nothing sent: the text was empty."));
		return true;
	}
	switch (t->input_for) {
	case INPUT_PROBLEM:
		if (phase_moved(t, PHASE_VISION))
			return true;
		tui_close_input(t);
		t->after_send = true;
		tui_send(t, INTENT_CONTRIBUTE, 0, ITEM_PROBLEM, 0, 0, text);
		break;
	case INPUT_EXIT:
		if (phase_moved(t, PHASE_FOLLOWUP))
			return true;
		tui_close_input(t);
		t->after_send = true;
		tui_send(t, INTENT_CONTRIBUTE, 0, ITEM_EXIT, value, 0, text);
		break;
	default:
		it = model_item(t->ws, ref);
		tui_close_input(t);
		if (it != NULL && it->text != NULL &&
		    strcmp(it->text, text) == 0) {
			tui_notice(t,
			    _("Nothing sent: the text is unchanged."));
			break;
		}
		t->after_send = true;
		tui_keep_edit(t, ref, 0, text);
		tui_send(t, INTENT_ITEM_EDIT, ref, 0, 0, 0, text);
		break;
	}
	return true;
}
