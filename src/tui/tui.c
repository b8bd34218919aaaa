/*
 * tui.c - curses on the caller's libuv loop, and what keys do.
 *
 * Standard input is watched with a uv_poll_t; when it is readable, keys are
 * read with wget_wch in nodelay mode until there are none.  SIGWINCH comes
 * through a uv_signal_t.  A uv_prepare_t draws the screen once per loop
 * turn, and only when something marked it dirty, so nothing runs at rest.
 *
 * Keys become intents handed to the caller (cb->intent); the TUI never
 * changes the workshop.  Facilitator keys are sent for everyone: the server
 * decides what a role may do and its refusal comes back as a notice.  Keys
 * that ask something first (a poll's question, named or anonymous, a
 * reason, a section's text) ask only those who may: anyone else gets the
 * refusal at once rather than after typing.  While a facilitator's
 * overlay is open (the people, the points of order: overlay.c) it takes
 * the keys.
 *
 * Ownership: struct tui and its copies of strings are freed in the last
 * handle's close callback, after tui_free(); the workshop belongs to the
 * caller.  Callbacks may call back into the TUI (tui_notice, tui_ask,
 * tui_free): state is settled before each callback and nothing is touched
 * after tui_free but the closing flag.
 */
#define _GNU_SOURCE	/* memfd_create */
#include <errno.h>
#include <fcntl.h>
#include <langinfo.h>
#include <locale.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <unistd.h>

#include "roundtable/i18n.h"
#include "roundtable/model.h"
#include "roundtable/text.h"
#include "tui-internal.h"

#define CTRL_KEY(c)	((c) & 0x1f)
/* Keys by the names on the key bar, the same in every language. */
#define KEY_NAME_CTRL_D	"Ctrl-D"
#define KEY_NAME_ENTER	"Enter"

/* After a refused key, keys that follow each other closer than this are
 * typing, not commands (people who type slowly take about half a second
 * a key). */
#define TYPING_PAUSE_MS	1500

/* How long after a reason is sent a refusal is taken for its. */
#define REASON_WAIT_MS	10000

/* Key codes for a bracketed paste's markers (xterm's mode 2004), outside
 * the range curses uses. */
#define KEY_PASTE_BEGIN	(KEY_MAX + 1)
#define KEY_PASTE_END	(KEY_MAX + 2)

/* Keys read at once before they are handled. */
#define KEY_BATCH 256

/* Wakeups with nothing to read before the terminal is presumed gone. */
#define EMPTY_WAKEUPS_MAX 64

static void	tui_close_cb(uv_handle_t *);
static void	select_step(struct tui *, int);
static void	open_input(struct tui *, enum input_for, uint32_t, char *,
		    size_t);
static void	grievance_prompt(struct tui *);
static void	offer_as_point(struct tui *, char *, uint32_t, char *);
static void	close_input(struct tui *);
static char	*typed_text(const struct tui *);

bool
tui_is_facilitator(const struct tui *t)
{
	if (t->ws == NULL)
		return false;
	return t->self == MODEL_FACILITATOR ||
	    model_is_facilitator(t->ws, t->self);
}

static void
set_string(char **p, const char *s)
{
	free(*p);
	*p = s != NULL ? xstrdup(s) : NULL;
}

void
tui_dirty(struct tui *t)
{
	t->dirty = true;
	t->stale = true;
	t->acted = true;
}

void
tui_notice(struct tui *t, const char *s)
{
	const struct poll	*p = t->ws != NULL ? model_open_poll(t->ws) :
				    NULL;

	set_string(&t->notice, s);
	t->notice_phase = t->ws != NULL ? t->ws->phase : -1;
	t->notice_poll = p != NULL ? p->id : 0;
	t->dirty = true;
}

/* What the room asked when the guard was armed: a new poll or phase is
 * something to answer, and ends it. */
static uint32_t
guard_scene(const struct tui *t)
{
	const struct poll	*p;

	if (t->ws == NULL)
		return 0;
	p = model_open_poll(t->ws);
	return (uint32_t)t->ws->phase << 24 ^ (p != NULL ? p->id : 0);
}

static void
guard_arm(struct tui *t)
{
	t->typing_guard = uv_now(t->loop) | 1;
	t->guard_scene = guard_scene(t);
}

/*
 * A reason the room would not take (its check closed too long ago) is
 * not dropped: it comes back as a point of order for the facilitators,
 * anonymous when the check was, ready to send.  Any refusal in the
 * moments after a reason was sent is taken for the reason's unless the
 * reason is seen to have joined its answer.
 */
static bool
reason_refused(struct tui *t, const char *s)
{
	const struct poll	*p;
	const struct vote	*mine;
	char			*text, *why;

	if (t->reason_sent == NULL || t->ws == NULL || t->mode != MODE_BROWSE ||
	    uv_now(t->loop) - t->reason_at > REASON_WAIT_MS)
		return false;
	text = t->reason_sent;
	t->reason_sent = NULL;
	p = model_poll(t->ws, t->reason_poll);
	mine = p != NULL ? model_my_vote(p, t->self) : NULL;
	if (p == NULL || (mine != NULL && mine->reason != NULL &&
	    strcmp(mine->reason, text) == 0)) {
		free(text);
		return false;
	}
	why = xasprintf(_("Your reason was not added: %s.  It is kept below: "
	    "Enter sends it to the facilitators as a point of order, Esc "
	    "drops it."), s);
	offer_as_point(t, text, model_poll_nameless(t->ws, p) ?
	    ITEM_F_ANONYMOUS : 0, why);
	return true;
}

/* Words the room refused, kept in a point of order to the facilitators
 * (flags: anonymous or not), with why; takes text and why. */
static void
offer_as_point(struct tui *t, char *text, uint32_t flags, char *why)
{
	open_input(t, INPUT_GRIEVANCE, 0, NULL, MODEL_TEXT_MAX);
	t->input_value = (int32_t)flags;
	grievance_prompt(t);
	tui_editor_fill(&t->ed, text);
	tui_notice(t, why);
	free(why);
	free(text);
}

void
tui_keep_edit(struct tui *t, uint32_t item, int field, const char *text)
{
	free(t->edit_sent);
	t->edit_sent = xstrdup(text);
	t->edit_item = item;
	t->edit_field = field;
	t->edit_at = uv_now(t->loop);
}

/* Whether an edit kept by tui_keep_edit is what the item says now. */
static bool
edit_landed(const struct tui *t)
{
	const struct item	*it = model_item(t->ws, t->edit_item);
	const char		*now;

	if (it == NULL)
		return false;
	if (t->edit_field == 0)
		now = it->text;
	else if (it->action == NULL)
		return false;
	else
		now = t->edit_field == ACTION_HOW ? it->action->how :
		    t->edit_field == ACTION_RESOURCES ?
		    it->action->resources : t->edit_field == ACTION_PROVIDER ?
		    it->action->provider : NULL;
	return now != NULL && strcmp(now, t->edit_sent) == 0;
}

/* A refused edit as a point of order says what it was for: "Action 1,
 * how: ...", "Edit of “Street lights on…”: ..." (the words alone when
 * that would not fit in a point of order).  Caller frees. */
static char *
edit_said(const struct tui *t, const char *text)
{
	const struct item	*it = model_item(t->ws, t->edit_item);
	char			*was, *cut, *s;

	if (it == NULL)
		return xstrdup(text);
	if (it->kind == ITEM_ACTION) {
		uint32_t n = model_action_number(t->ws, it->id);

		switch (t->edit_field) {
		case ACTION_HOW:
			return xasprintf(_("Action %u, how: %s"), n, text);
		case ACTION_RESOURCES:
			return xasprintf(_("Action %u, resources: %s"), n,
			    text);
		case ACTION_PROVIDER:
			return xasprintf(_("Action %u, provider: %s"), n, text);
		default:
			return xasprintf(_("Action %u, what: %s"), n, text);
		}
	}
	if (it->text == NULL)
		return xstrdup(text);
	/* Its first line's first words. */
	was = xstrndup(it->text, strcspn(it->text, "\n"));
	cut = text_sanitize(was, false);
	free(was);
	was = cut;
	cut = xstrndup(was, text_fit(was, 30));
	/* TRANSLATORS: the first words of a statement, then the new words
	 * someone wanted for it. */
	s = xasprintf(_("Edit of “%s%s”: %s"), cut, strlen(cut) < strlen(was) ||
	    strchr(it->text, '\n') != NULL ? "…" : "", text);
	free(cut);
	free(was);
	if (strlen(s) > MODEL_TEXT_MAX) {
		free(s);
		return xstrdup(text);
	}
	return s;
}

/*
 * The room refused an edit a moment ago (the statement was merged, the
 * action agreed, while it was typed): the words are not thrown away but
 * kept in a point of order to the facilitators, as a refused reason's
 * are.  As with reasons, a refusal soon after the edit is taken for the
 * edit's unless the edit is seen to have landed.
 */
static bool
edit_refused(struct tui *t, const char *s)
{
	char	*text;

	if (t->edit_sent == NULL || t->ws == NULL || t->mode != MODE_BROWSE ||
	    uv_now(t->loop) - t->edit_at > REASON_WAIT_MS || edit_landed(t)) {
		free(t->edit_sent);
		t->edit_sent = NULL;
		return false;
	}
	text = edit_said(t, t->edit_sent);
	free(t->edit_sent);
	t->edit_sent = NULL;
	offer_as_point(t, text, 0, xasprintf(_("Your change was not saved: "
	    "%s.  It is kept below: Enter sends it to the facilitators as a "
	    "point of order, Esc drops it."), s));
	return true;
}

static void
typed_forget(struct tui *t)
{
	free(t->typed_sent);
	free(t->typed_prompt);
	t->typed_sent = t->typed_prompt = NULL;
}

/* Keeps what the open input sends now (typed_refused). */
static void
typed_keep(struct tui *t, const char *text)
{
	typed_forget(t);
	t->typed_sent = xstrdup(text);
	t->typed_prompt = t->input_prompt != NULL ?
	    xstrdup(t->input_prompt) : NULL;
	t->typed_for = t->input_for;
	t->typed_ref = t->input_ref;
	t->typed_value = t->input_value;
	t->typed_box = t->mode == MODE_BOX;
	t->typed_max = t->ed.max;
	t->typed_phase = t->input_phase;
	t->typed_step = t->input_step;
	t->typed_items = t->ws->nitems;
	t->typed_at = uv_now(t->loop);
}

/* Whether the text kept by typed_keep is in the room now: an item since,
 * by this person (or nobody known), saying it. */
static bool
typed_landed(const struct tui *t)
{
	size_t	i;

	for (i = t->typed_items; i < t->ws->nitems; i++) {
		const struct item *it = &t->ws->items[i];

		if ((it->author == t->self || it->author == 0) &&
		    it->text != NULL && strcmp(it->text, t->typed_sent) == 0)
			return true;
	}
	return false;
}

/*
 * The room refused what was just sent from a text input (the disk was
 * full, the phase moved on, the same report-back twice): the words come
 * back in the same input, to send again or drop, rather than being lost.
 * As with reasons and edits, a refusal soon after is taken for the
 * text's unless it is seen to have landed, and not once a one-key
 * command has been pressed since (the refusal is more likely that
 * key's).
 */
static bool
typed_refused(struct tui *t, const char *s)
{
	char	*why;

	if (t->typed_sent == NULL)
		return false;
	if (t->ws == NULL || t->mode != MODE_BROWSE ||
	    uv_now(t->loop) - t->typed_at > REASON_WAIT_MS ||
	    (t->browse_key != 0 && t->browse_key > t->typed_at) ||
	    typed_landed(t)) {
		typed_forget(t);
		return false;
	}
	tui_open_mode(t, t->typed_box ? MODE_BOX : MODE_INPUT, t->typed_for,
	    t->typed_ref, t->typed_prompt, t->typed_max);
	t->typed_prompt = NULL;	/* the input's now */
	t->input_value = t->typed_value;
	/* Where it was typed, not where the room is now: a caucus note
	 * refused after the room moved on must still wait for its caucus
	 * (input_moved), not go out as the new phase's contribution. */
	t->input_phase = t->typed_phase;
	t->input_step = t->typed_step;
	tui_editor_fill(&t->ed, t->typed_sent);
	/* TRANSLATORS: why the room refused what was sent, then the key
	 * that sends it (Enter or Ctrl-D). */
	why = xasprintf(_("%s — what you typed is back: %s sends it again, "
	    "Esc drops it."), s, t->typed_box ? KEY_NAME_CTRL_D :
	    KEY_NAME_ENTER);
	tui_notice(t, why);
	free(why);
	typed_forget(t);
	return true;
}

void
tui_refused(struct tui *t, const char *english)
{
	/* The room says it in English; we, in ours.  (The client has tried
	 * net_words already: a sentence it translated is no msgid and
	 * passes through unchanged.) */
	char *s = i18n_from_wire(english, model_words);

	if (reason_refused(t, s) || edit_refused(t, s) ||
	    typed_refused(t, s)) {
		free(s);
		return;
	}
	tui_notice(t, s);
	free(s);
	/* Only the refusal of a one-key command: after a prompt's text is
	 * refused, the next keys are the person trying again. */
	if (t->browse_key != 0 && t->mode == MODE_BROWSE &&
	    (uv_now(t->loop) | 1) - t->browse_key <= TYPING_PAUSE_MS)
		guard_arm(t);
}

void
tui_set_join_line(struct tui *t, const char *line, const char *first)
{
	set_string(&t->join_line, line);
	set_string(&t->join_first, first);
	tui_dirty(t);
}

void
tui_set_room_key(struct tui *t, const char *fingerprint)
{
	set_string(&t->room_key, fingerprint);
	t->dirty = true;
}

void
tui_set_language_key(struct tui *t, bool on)
{
	t->lang_key = on;
	tui_dirty(t);
}

/* The language-switch key's order; languages without a catalogue here
 * are skipped. */
static const char *const switch_order[] = { "en", "fr", "es" };

/* Whether L switches the language where the person is: not where it is
 * a letter (the join code, the name, any text being typed). */
static bool
l_switches(const struct tui *t)
{
	return (t->ask == 0 || tui_asks_choice(t)) &&
	    (t->mode == MODE_BROWSE || t->mode == MODE_HELP);
}

bool
tui_asks_choice(const struct tui *t)
{
	return t->ask == TUI_ASK_GROUP || t->ask == TUI_ASK_WHO;
}

/* L on an SSH screen: this process's messages in the next language
 * (i18n.h: the screen is the only thing this process shows), everything
 * redrawn in it, and a notice that says so in it. */
static void
switch_language(struct tui *t)
{
	const char	*now = i18n_language(), *next = "en";
	size_t		 i, n = sizeof switch_order / sizeof switch_order[0];
	size_t		 at = n - 1, k;

	for (i = 0; i < n; i++)
		if (strcmp(now, switch_order[i]) == 0)
			at = i;
	for (k = 1; k <= n; k++) {
		next = switch_order[(at + k) % n];
		if (i18n_known(next))
			break;
	}
	i18n_set_language(next);
	/* Every row in the new language: the prompt and the headings are
	 * made by a build, not only the entries drawn; and the authors'
	 * labels, kept from frame to frame, with their groups' names. */
	t->stale = true;
	tui_labels_forget(t);
	/* TRANSLATORS: said in the language it names, after L switched an
	 * SSH screen to it ("Cet écran est maintenant en français...").
	 * Where L is a letter, F2 is said. */
	if (!l_switches(t))
		tui_notice(t, _("This screen is in English now; F2 changes its "
		    "language again"));
	else
		tui_notice(t, _("This screen is in English now; L changes its "
		    "language again"));
	clearok(curscr, TRUE);
}

/* Is this the language-switch key, where the person is? */
static bool
language_key(const struct tui *t, int code, wint_t ch)
{
	if (!t->lang_key)
		return false;
	if (code == KEY_CODE_YES && ch == KEY_F(2))
		return true;
	return code == OK && ch == 'L' && l_switches(t);
}

void
tui_set_fac_code(struct tui *t, const char *code)
{
	set_string(&t->fac_code, code);
	tui_dirty(t);
}

void
tui_set_status(struct tui *t, const char *s)
{
	set_string(&t->status, s);
	tui_dirty(t);
}

char *
tui_typing(const struct tui *t)
{
	char	*typed;

	if (t->ws == NULL || !(t->mode == MODE_INPUT || t->mode == MODE_BOX ||
	    (t->mode == MODE_CONFIRM && (t->confirm_from == MODE_INPUT ||
	    t->confirm_from == MODE_BOX))))
		return NULL;
	typed = typed_text(t);
	if (*typed == '\0') {
		free(typed);
		return NULL;
	}
	return typed;
}

char *
tui_room_closed(struct tui *t, const char *s)
{
	char	*typed = tui_typing(t);

	tui_set_status(t, s);
	set_string(&t->notice, NULL);
	t->room_closed = true;
	t->ask = 0;
	close_input(t);
	return typed;
}

void
tui_set_room(struct tui *t, const struct workshop *ws, uint32_t self)
{
	bool	first = ws != NULL && t->ws == NULL;

	if (first) {
		/* In the room now: nothing more to ask. */
		t->ask = 0;
		if (t->mode == MODE_CONFIRM)
			t->mode = MODE_BROWSE;
	}
	t->ws = ws;
	t->self = self;
	/* What is in the room already is nobody's news. */
	if (first)
		t->own_seen = ws->nitems;
	tui_dirty(t);
	/* A record reopened on a later day: the facilitator is told how
	 * to start today's meeting. */
	if (first)
		tui_meeting_notice(t);
}

static void
free_choices(struct tui *t)
{
	size_t	i;

	for (i = 0; i < t->nchoices; i++)
		free(t->choices[i]);
	free(t->choices);
	t->choices = NULL;
	t->nchoices = 0;
	t->choice = 0;
}

void
tui_ask(struct tui *t, enum tui_ask what, const char *message,
    const char *const *choices)
{
	size_t	n = 0;

	t->ask = what;
	set_string(&t->ask_message, message);
	free_choices(t);
	if (choices != NULL) {
		while (choices[n] != NULL)
			n++;
		t->choices = xcalloc(n + 1, sizeof *t->choices);
		for (t->nchoices = 0; t->nchoices < n; t->nchoices++)
			t->choices[t->nchoices] = xstrdup(choices[t->nchoices]);
	}
	tui_editor_reset(&t->ed, what == TUI_ASK_CODE ? MODEL_CODE_MAX :
	    MODEL_NAME_MAX);
	t->mode = MODE_BROWSE;
	t->dirty = true;
}

enum tui_ask
tui_asking(const struct tui *t)
{
	return (enum tui_ask)t->ask;
}

void
tui_ask_choices(struct tui *t, const char *const *choices)
{
	char	*was = t->choice < t->nchoices ?
		    xstrdup(t->choices[t->choice]) : NULL;
	size_t	 n = 0;

	free_choices(t);
	while (choices[n] != NULL)
		n++;
	t->choices = xcalloc(n + 1, sizeof *t->choices);
	for (t->nchoices = 0; t->nchoices < n; t->nchoices++) {
		t->choices[t->nchoices] = xstrdup(choices[t->nchoices]);
		if (was != NULL && strcmp(was, choices[t->nchoices]) == 0)
			t->choice = t->nchoices;
	}
	free(was);
	t->dirty = true;
}

void
tui_ask_fill(struct tui *t, const char *text)
{
	tui_editor_offer(&t->ed, text);
	t->dirty = true;
}

/* --- intents ------------------------------------------------------------- */

void
tui_send(struct tui *t, int type, uint32_t ref, int32_t value,
    int32_t value2, uint32_t flags, char *text)
{
	struct intent	in;

	t->acted = true;
	memset(&in, 0, sizeof in);
	in.type = type;
	in.ref = ref;
	in.value = value;
	in.value2 = value2;
	in.flags = flags;
	in.text = text;
	t->cb.intent(t->ctx, &in);
}

static void
send_intent(struct tui *t, int type, uint32_t ref, int32_t value,
    char *text)
{
	tui_send(t, type, ref, value, 0, 0, text);
}

static const struct item *
selected(const struct tui *t)
{
	const struct item *it = model_item(t->ws, t->sel);

	if (it == NULL || it->kind == ITEM_HIDDEN)
		return NULL;
	return it;
}

/*
 * Where a contribution in the current phase goes (*ref) and the prompt
 * for it.  Returns false with a notice when there is nowhere to write.
 */
static bool
contribution_target(struct tui *t, uint32_t *ref, char **prompt)
{
	const struct workshop		*ws = t->ws;
	const struct participant	*me = model_person(ws, t->self);
	const struct item		*it = selected(t), *sec;
	const char			*noun;
	size_t				 i;

	*ref = 0;
	noun = model_contribution_noun(ws->phase);
	if (noun == NULL) {
		tui_notice(t, _("There is nothing to write during Welcome; wait "
		    "for the next phase."));
		return false;
	}
	if (me != NULL && me->role == ROLE_OBSERVER) {
		tui_notice(t, _("Observers can read the room but not write in "
		    "it."));
		return false;
	}
	if (ws->phase == PHASE_INDICATORS && !tui_is_facilitator(t) &&
	    !model_step_proposes(ws)) {
		tui_notice(t, _("This phase takes no proposed indicators: the "
		    "facilitators add them.  Answer a score with its number."));
		return false;
	}
	switch (ws->phase) {
	case PHASE_DIALOGUE:
		if (ws->question == 0) {
			tui_notice(t, _("the facilitator has not put a question "
			    "to the room yet"));
			return false;
		}
		*ref = ws->question;
		break;
	case PHASE_CAUCUS:
		if (it != NULL && it->kind == ITEM_CAUCUS_QUESTION)
			*ref = it->id;
		else if (it != NULL && it->kind == ITEM_CAUCUS_NOTE)
			*ref = it->ref;
		else
			*ref = model_first_question(ws, ITEM_CAUCUS_QUESTION);
		break;
	case PHASE_MATRIX:
		/* The column rides on the open line's value. */
		return tui_matrix_target(t, ref, &t->input_value, prompt);
	case PHASE_CHARTER:
		sec = NULL;
		if (it != NULL && it->kind == ITEM_SECTION)
			sec = it;
		else if (it != NULL && it->kind == ITEM_SECTION_TEXT)
			sec = model_item(ws, it->ref);
		if (sec == NULL || sec->kind != ITEM_SECTION) {
			tui_notice(t, _("Select a charter section first (Up/"
			    "Down)."));
			return false;
		}
		if (sec->number == 20 || sec->number == 41) {
			tui_notice(t, sec->number == 20 ?
			    _("Section 2 is filled from the room, not written.") :
			    _("Section 4.1 lists the adopted ground rules; "
			    "propose rules in the Ground rules phase."));
			return false;
		}
		*ref = sec->id;
		break;
	}
	if (ws->phase == PHASE_CHARTER) {
		const struct charter_section	*cs;
		size_t				 n;

		/* Name the section: it may have scrolled out of view. */
		cs = model_charter_sections(&n);
		for (i = 0; i < n; i++)
			if (cs[i].code == model_item(ws, *ref)->number)
				break;
		if (i < n) {
			/* TRANSLATORS: %s is what the phase takes ("proposed
			 * text"), then a charter section's number. */
			*prompt = xasprintf(_("Your %s for %s: "), _(noun),
			    cs[i].number);
			return true;
		}
	}
	/* TRANSLATORS: %s is what a phase takes from each person, in the
	 * model's words ("proposal", "ground rule", "statement"). */
	*prompt = xasprintf(_("Your %s: "), _(noun));
	return true;
}

void
tui_open_mode(struct tui *t, enum tui_mode mode, enum input_for what,
    uint32_t ref, char *prompt, size_t max)
{
	free(t->input_prompt);
	t->input_prompt = prompt;
	t->input_for = what;
	t->input_ref = ref;
	t->input_value = 0;
	t->input_phase = t->ws->phase;
	t->input_step = t->ws->step;
	if (mode == MODE_BOX)
		tui_editor_reset_box(&t->ed, max);
	else
		tui_editor_reset(&t->ed, max);
	t->mode = mode;
	/* The body loses lines to the input: a new layout, the same rows
	 * (they depend on the width only). */
	t->dirty = true;
}

static void
open_input(struct tui *t, enum input_for what, uint32_t ref, char *prompt,
    size_t max)
{
	tui_open_mode(t, MODE_INPUT, what, ref, prompt, max);
}

static void
setup_clear(struct tui *t)
{
	free(t->setup.question);
	memset(&t->setup, 0, sizeof t->setup);
}

static void
close_input(struct tui *t)
{
	t->mode = MODE_BROWSE;
	free(t->input_prompt);
	t->input_prompt = NULL;
	t->dirty = true;	/* as for opening it */
}

void
tui_close_input(struct tui *t)
{
	close_input(t);
}

static void
key_write(struct tui *t)
{
	uint32_t	 ref;
	char		*prompt;

	/* An action is checked against its own limits (actions.c). */
	if (t->ws->phase == PHASE_ACTIONS) {
		tui_action_propose(t);
		return;
	}
	/* A dialogue phase that takes proposals, before a question is put
	 * to the room (indicators.c). */
	if (tui_propose_question(t))
		return;
	if (!contribution_target(t, &ref, &prompt))
		return;
	/* Charter text is written in several lines. */
	tui_open_mode(t, t->ws->phase == PHASE_CHARTER ? MODE_BOX : MODE_INPUT,
	    INPUT_CONTRIBUTE, ref, prompt, MODEL_TEXT_MAX);
}

/* Enter: an action's row opens its card; elsewhere it writes, as w. */
static void
key_enter(struct tui *t)
{
	if (tui_action_selected(t))
		tui_card_open(t);
	else
		key_write(t);
}

static void	ask_named(struct tui *);
static void	ask_fallback(struct tui *);

/* A number typed on the input line; def when empty, -1 when not one. */
static long
typed_number(const char *s, long def)
{
	char	*end;
	long	 n;

	if (*s == '\0')
		return def;
	n = strtol(s, &end, 10);
	if (end == s || *end != '\0' || n < 0)
		return -1;
	return n;
}

/* The text typed, trimmed: the line of spaces, the box also of blank
 * lines.  Caller frees. */
static char *
typed_text(const struct tui *t)
{
	char	*text = xstrdup(t->ed.buf), *p, *e;

	if (t->mode != MODE_BOX)
		return text_trim(text);
	for (p = text; *p == ' ' || *p == '\n'; p++)
		;
	/* A first line's own indent stays. */
	while (p > text && p[-1] == ' ')
		p--;
	e = p + strlen(p);
	while (e > p && (e[-1] == ' ' || e[-1] == '\n'))
		e--;
	*e = '\0';
	memmove(text, p, strlen(p) + 1);
	return text;
}

/* The room moved to another phase while a contribution was typed. */
static bool
input_moved(struct tui *t)
{
	uint32_t	 ref;
	int32_t		 was;
	char		*prompt, *s;

	/* Another step of the same kind is another phase too (hsbp's
	 * caucus steps follow one another). */
	if (t->ws->phase == t->input_phase && t->ws->step == t->input_step)
		return false;
	if (t->mode == MODE_BOX && t->ws->phase != PHASE_CHARTER) {
		s = xasprintf(_("The room moved to %s: charter text is sent in "
		    "the Charter phase; Esc cancels."),
		    tui_step_title(t, model_step_now(t->ws)));
		tui_notice(t, s);
		free(s);
		return true;
	}
	/* A caucus note is its group's: never sent on to a phase the whole
	 * room reads.  It waits for the caucus (or Esc); in another caucus
	 * step, for its own (it came back refused, again and again). */
	if (t->input_phase == PHASE_CAUCUS) {
		if (t->ws->phase == PHASE_CAUCUS)
			s = xasprintf(_("The room moved to %s: this note "
			    "answers a question of %s, for your group only; it "
			    "is sent when the room is back there. Esc drops "
			    "it."), tui_step_title(t, model_step_now(t->ws)),
			    tui_step_title(t, t->input_step));
		else
			s = xasprintf(_("The room moved to %s: this is a "
			    "caucus note, for your group only; it is sent when "
			    "the room is in the caucus again. Esc drops it."),
			    tui_step_title(t, model_step_now(t->ws)));
		tui_notice(t, s);
		free(s);
		return true;
	}
	/* Say so rather than file it under the wrong phase (a matrix's
	 * cell gives the column again). */
	was = t->input_value;
	t->input_value = 0;
	if (!contribution_target(t, &ref, &prompt)) {
		t->input_value = was;	/* for when it goes where it was */
		/* Nowhere for it in this phase, or not yet (no question put
		 * in Dialogue): what was typed stays, and the next Enter
		 * looks again.  Only Esc drops it. */
		s = xasprintf(_("%s — what you typed stays here: Enter sends "
		    "it once it can go, Esc cancels."), t->notice != NULL ?
		    t->notice : "");
		tui_notice(t, s);
		free(s);
		return true;
	}
	free(t->input_prompt);
	t->input_prompt = prompt;
	t->input_ref = ref;
	t->input_phase = t->ws->phase;
	t->input_step = t->ws->step;
	/* TRANSLATORS: a phase's title; the key (Ctrl-D or Enter); what
	 * the phase takes ("proposal"). */
	s = xasprintf(_("The room moved to %s: %s sends this as your %s, "
	    "Esc cancels."), tui_step_title(t, model_step_now(t->ws)),
	    t->mode == MODE_BOX ? KEY_NAME_CTRL_D : KEY_NAME_ENTER,
	    _(model_contribution_noun(t->ws->phase)));
	tui_notice(t, s);
	free(s);
	return true;
}

/* Enter on the input line, Ctrl-D in the text box. */
static void
input_send(struct tui *t)
{
	char		*text = typed_text(t);
	enum input_for	 what = t->input_for;
	uint32_t	 ref = t->input_ref;
	int32_t		 value = t->input_value;
	long		 n;

	/* Statements, exit proposals, dates: followup.c. */
	if (tui_followup_send(t, text)) {
		free(text);
		return;
	}
	/* The timer's minutes: timebox.c. */
	if (tui_timer_send(t, text)) {
		free(text);
		return;
	}
	/* Baselines, targets, proposed questions: indicators.c. */
	if (tui_indicators_send(t, text)) {
		free(text);
		return;
	}
	/* An action's fields: actions.c checks them first. */
	if (what == INPUT_ACTION) {
		tui_action_input(t, text);
		free(text);
		return;
	}
	switch (what) {
	case INPUT_REASON:
		/* The answer went with its key; the reason follows it, even
		 * if the check closed meanwhile.  No reason is an answer
		 * too, but a block is asked again. */
		close_input(t);
		t->after_send = true;
		if (*text == '\0') {
			if (value == ANSWER_BLOCK)
				tui_notice(t, _("Your block counts, without a "
				    "reason yet: press 4 to say what would "
				    "have to change."));
			break;
		}
		free(t->reason_sent);
		t->reason_sent = xstrdup(text);
		t->reason_poll = ref;
		t->reason_at = uv_now(t->loop);
		send_intent(t, INTENT_REASON, ref, 0, text);
		break;
	case INPUT_DOTS:
		n = typed_number(text, 3);
		if (n < 1 || n > MODEL_DOTS_MAX) {
			tui_notice(t, _("Type a number of dots from 1 to 20 "
			    "(Enter alone: 3)."));
			break;
		}
		t->setup.dots = (int32_t)n;
		close_input(t);
		ask_named(t);
		break;
	case INPUT_ROUNDS:
		n = typed_number(text, 2);
		if (n < 1 || n > 10) {
			tui_notice(t, _("Type a number of rounds from 1 to 10 "
			    "(Enter alone: 2)."));
			break;
		}
		t->setup.rounds = (int32_t)n;
		close_input(t);
		ask_fallback(t);
		break;
	case INPUT_AGENDA_START:
		n = tui_agenda_parse(text);
		if (n < -1) {
			tui_notice(t, _("Type the time the day starts, as 09:30 "
			    "(empty: no start time)."));
			break;
		}
		close_input(t);
		t->after_send = true;
		tui_send(t, INTENT_AGENDA, 0, AGENDA_START, (int32_t)n, 0,
		    NULL);
		break;
	case INPUT_FALLBACK:
		n = typed_number(text, 2);
		if (n != 1 && n != 2) {
			tui_notice(t, _("Type 1 for a simple majority or 2 for "
			    "two-thirds (Enter alone: 2)."));
			break;
		}
		close_input(t);
		t->after_send = true;
		tui_send(t, INTENT_DECISION_RULE, 0, DECIDE_CONSENSUS_FALLBACK,
		    t->setup.rounds, n == 1 ? DECIDE_MAJORITY :
		    DECIDE_TWO_THIRDS, NULL);
		setup_clear(t);
		break;
	default:
		if (*text == '\0') {
			close_input(t);
			tui_notice(t, _("Nothing sent: the text was empty."));
			break;
		}
		if (what == INPUT_CONTRIBUTE && input_moved(t))
			break;
		if (what == INPUT_AMEND && t->ws->phase != PHASE_GROUND_RULES) {
			tui_notice(t, _("Amendments are sent in the Ground rules "
			    "phase; Esc cancels."));
			break;
		}
		if (what == INPUT_QUESTION) {
			close_input(t);
			setup_clear(t);
			t->setup.kind = POLL_STRAW;
			t->setup.question = text;
			text = NULL;
			ask_named(t);
			break;
		}
		/* What makes an item comes back if the room refuses it. */
		if (what != INPUT_GROUP && what != INPUT_SECTION &&
		    what != INPUT_RENAME && what != INPUT_REMOVE)
			typed_keep(t, text);
		close_input(t);
		/* Keys after this Enter in the same read were pasted with it
		 * (a terminal without bracketed paste): not commands. */
		t->after_send = true;
		switch (what) {
		case INPUT_GROUP:
			send_intent(t, INTENT_GROUP_ADD, 0, 0, text);
			break;
		case INPUT_SECTION:
			send_intent(t, INTENT_SECTION_EDIT, ref, 0, text);
			break;
		case INPUT_QUESTION_NEW:
			send_intent(t, INTENT_QUESTION_NEW, 0, value, text);
			break;
		case INPUT_REPORT:
			send_intent(t, INTENT_REPORT, 0, 0, text);
			break;
		case INPUT_RENAME:
			send_intent(t, INTENT_RENAME, ref, 0, text);
			break;
		case INPUT_REMOVE:
			send_intent(t, INTENT_REMOVE, ref, 0, text);
			break;
		case INPUT_GRIEVANCE:
			/* Before sending: a refusal then replaces it. */
			tui_notice(t, _("Sent to the facilitators only."));
			tui_send(t, INTENT_GRIEVANCE, 0, 0, 0, (uint32_t)value,
			    text);
			break;
		default:
			/* A matrix entry's column rides on the value. */
			tui_send(t, INTENT_CONTRIBUTE, ref, 0, what ==
			    INPUT_CONTRIBUTE ? value : 0, 0, text);
			break;
		}
		break;
	}
	free(text);
}

/*
 * What this person can do in this phase, to end a refusal with
 * ("… Here you can write your expectation (w)."): a refusal names what
 * is possible, never a key this person is refused.  Caller frees.
 */
static char *
you_can(const struct tui *t)
{
	const struct participant	*me = model_person(t->ws, t->self);
	const char			*noun;

	if (me != NULL && me->role == ROLE_OBSERVER)
		return xstrdup(_("Observers read the room; ? lists the keys."));
	if (tui_is_facilitator(t))
		return xstrdup(_("? lists the keys."));
	switch (t->ws->phase) {
	case PHASE_WELCOME:
		return xstrdup(_("Nothing to write in Welcome: h raises your "
		    "hand."));
	case PHASE_ACTIONS:
		return xstrdup(_("w proposes an action; Enter opens one."));
	case PHASE_CAUCUS:
		return xstrdup(_("w writes in your caucus, b drafts its "
		    "report-back."));
	case PHASE_MATRIX:
		return xstrdup(_("The arrows choose a cell, w writes your entry "
		    "in it."));
	case PHASE_INDICATORS:
		return xstrdup(model_step_proposes(t->ws) ? _("w proposes an "
		    "indicator; answer a score with its number.") : _("Answer a "
		    "score with the number of a point of the scale."));
	}
	noun = model_contribution_noun(t->ws->phase);
	if (noun == NULL)
		return xstrdup(_("? lists the keys."));
	/* TRANSLATORS: %s is what a phase takes from each person, in the
	 * model's words ("proposal", "ground rule", "statement"). */
	return xasprintf(_("w writes your %s; ? lists the keys."), _(noun));
}

/* why, then what this person can do here. */
static void
refuse_with_help(struct tui *t, const char *why)
{
	char	*can = you_can(t), *s;

	s = xasprintf("%s%s%s", why, *why != '\0' ? " " : "", can);
	tui_notice(t, s);
	free(s);
	free(can);
}

static void
key_withdraw(struct tui *t)
{
	const struct item	*it = selected(t);

	if (it == NULL) {
		tui_notice(t, _("Select your proposal first (Up/Down)."));
		return;
	}
	if (it->author != t->self || t->self == MODEL_SYSTEM) {
		tui_notice(t, _("You can withdraw only your own proposals."));
		return;
	}
	send_intent(t, INTENT_WITHDRAW, it->id, 0, NULL);
}

static void
key_decide(struct tui *t, bool adopt)
{
	const struct item	*it = selected(t);

	/* Not "select a ground rule to adopt": this person adopts
	 * nothing. */
	if (!tui_is_facilitator(t)) {
		if (t->ws->phase == PHASE_ACTIONS ||
		    t->ws->phase == PHASE_FOLLOWUP)
			refuse_with_help(t, _("An owner agrees to an action in "
			    "its card."));
		else
			refuse_with_help(t, _("Facilitators adopt; you answer "
			    "checks with 1-4."));
		return;
	}
	if (it != NULL && (it->kind == ITEM_INDICATOR ||
	    (it->kind == ITEM_QUESTION && it->status != STATUS_OPEN)))
		;	/* an indicator, a proposed question */
	else if (it != NULL && it->kind == ITEM_SECTION && adopt) {
		/* Its own text (e) is the room's to adopt: said so, not
		 * "select a proposed charter text" with it selected. */
		tui_notice(t, _("A section's own text is adopted by the room: "
		    "c checks it with everyone; a adopts a text proposed for "
		    "it."));
		return;
	} else if (it == NULL || (it->kind != ITEM_RULE &&
	    it->kind != ITEM_AMENDMENT && it->kind != ITEM_SECTION_TEXT)) {
		tui_notice(t, adopt ? _("Select a ground rule, an amendment or a "
		    "proposed charter text to adopt.") : _("Select a ground rule, "
		    "an amendment or a proposed charter text to reject."));
		return;
	}
	/* Decided proposals leave the list of open ones: the facilitator
	 * goes on with the next.  An indicator stays where it was, and its
	 * baseline and target (b, t) come next: the selection stays on it
	 * (it moved to the next draft, which got them). */
	if (tui_is_facilitator(t) && it->kind != ITEM_INDICATOR &&
	    (it->status == STATUS_DRAFT || it->status == STATUS_PROPOSED))
		select_step(t, 1);
	send_intent(t, adopt ? INTENT_ADOPT : INTENT_REJECT, it->id, 0, NULL);
}

/* --- deciding together --------------------------------------------------- */

static bool
is_voter(const struct tui *t)
{
	const struct participant	*me = model_person(t->ws, t->self);

	return me != NULL && me->role == ROLE_PARTICIPANT;
}

/* 1 to 4: an answer to the open check or straw poll.  The answer is sent
 * at once: it counts from the key press, whatever happens while a reason
 * is typed (issue 15: a facilitator closing the check).  A reservation
 * and a block then ask for a reason, which follows the answer (only of
 * those who vote: anyone else is refused at once by the server). */
static void
key_answer(struct tui *t, int n)
{
	const struct poll	*p = tui_voting_poll(t);
	const struct vote	*mine;
	int32_t			 answer;

	if (p == NULL) {
		tui_notice(t, _("There is no open poll to answer."));
		return;
	}
	if (p->kind == POLL_DOTS) {
		tui_notice(t, _("This is a dot vote: select an item and press + "
		    "(- takes a dot back)."));
		return;
	}
	if (p->kind == POLL_STRAW && n > 3) {
		tui_notice(t, _("Answer the straw poll with 1 yes, 2 no or 3 "
		    "abstain."));
		return;
	}
	if (p->kind == POLL_CONSENSUS && n > 4) {
		tui_notice(t, _("Answer the check with 1 agree, 2 agree with "
		    "reservations, 3 stand aside or 4 block."));
		return;
	}
	if (p->kind == POLL_SCORE && n > model_poll_points(p)) {
		char *s = xasprintf(_("Answer the score with a point of the "
		    "scale, 1 to %d."), model_poll_points(p));

		tui_notice(t, s);
		free(s);
		return;
	}
	/* A score's answer is its point; the others' are enum answer. */
	answer = p->kind == POLL_CONSENSUS ? ANSWER_AGREE + n - 1 :
	    p->kind == POLL_SCORE ? n : ANSWER_YES + n - 1;
	mine = model_my_vote(p, t->self);
	/* The same answer again only opens its reason: sending it would
	 * clear the reason given. */
	if (mine == NULL || mine->answer != answer || !is_voter(t))
		send_intent(t, INTENT_VOTE, p->id, answer, NULL);
	if (is_voter(t) && p->kind == POLL_CONSENSUS &&
	    (answer == ANSWER_RESERVATIONS || answer == ANSWER_BLOCK)) {
		open_input(t, INPUT_REASON, p->id, xstrdup(answer ==
		    ANSWER_BLOCK ? _("Your block counts. Your reason (what "
		    "would have to change): ") : _("Your reservation counts. "
		    "Your reason (optional): ")), MODEL_REASON_MAX);
		t->input_value = answer;
		/* Changing one's mind starts from what one wrote. */
		if (mine != NULL && mine->answer == answer &&
		    mine->reason != NULL)
			tui_editor_fill(&t->ed, mine->reason);
	}
}

/* + and -: a dot on the selected item of the open dot vote, or back. */
static void
key_dot(struct tui *t, int step)
{
	const struct poll	*p = model_open_poll(t->ws);
	size_t			 i;

	if (p == NULL || p->kind != POLL_DOTS) {
		tui_notice(t, _("+ and - place dots in a dot vote; none is "
		    "open."));
		return;
	}
	for (i = 0; i < p->noptions; i++)
		if (p->options[i] == t->sel)
			break;
	if (i == p->noptions) {
		tui_notice(t, p->phase == t->ws->phase ? _("Select one of the "
		    "items of the dot vote (Up/Down), then press + or -.") :
		    _("The dot vote is over another phase's items."));
		return;
	}
	tui_send(t, INTENT_DOT, p->id, (int32_t)t->sel, step, 0, NULL);
}

/* What the facilitator is about to open, for the named/anonymous
 * question. */
static char *
setup_title(const struct tui *t)
{
	const struct item	*it = model_item(t->ws, t->setup.ref), *sec;
	char			 num[16];

	switch (t->setup.kind) {
	case POLL_STRAW:
		return xstrdup(_("Straw poll"));
	case POLL_SCORE:
		return xasprintf(_("Score of indicator %u on the scale"),
		    model_indicator_number(t->ws, t->setup.ref));
	case POLL_DOTS:
		return xasprintf(_("Dot vote, %d dots each"), t->setup.dots);
	}
	if (t->setup.flags & POLL_F_CHARTER)
		return xstrdup(_("Consensus check on the whole charter"));
	if (it == NULL)
		return xstrdup(_("Consensus check"));
	switch (it->kind) {
	case ITEM_RULE:
		return xstrdup(_("Consensus check on this ground rule"));
	case ITEM_AMENDMENT:
		return xstrdup(_("Consensus check on this amendment"));
	case ITEM_SECTION:
		return xasprintf(_("Consensus check on section %s"),
		    tui_section_number(it->number, num, sizeof num));
	case ITEM_SECTION_TEXT:
		sec = model_item(t->ws, it->ref);
		return xasprintf(_("Consensus check on this text for %s"),
		    sec != NULL ? tui_section_number(sec->number, num,
		    sizeof num) : "?");
	case ITEM_PROBLEM:
	case ITEM_VISION:
		return xasprintf(it->kind == ITEM_PROBLEM ?
		    _("Consensus check on problem statement #%u") :
		    _("Consensus check on vision statement #%u"),
		    tui_statement_number(t->ws, it->id));
	case ITEM_EXIT:
		return xstrdup(_("Consensus check on this exit proposal"));
	case ITEM_INDICATOR:
		return xasprintf(_("Consensus check on indicator %u"),
		    model_indicator_number(t->ws, it->id));
	case ITEM_QUESTION:
		return xstrdup(_("Consensus check on this proposed question"));
	}
	if (model_contribution_noun(it->phase) == NULL)
		return xstrdup(_("Consensus check on this proposal"));
	/* TRANSLATORS: %s is what the phase takes, in the model's words
	 * ("ground rule", "statement"). */
	return xasprintf(_("Consensus check on this %s"),
	    _(model_contribution_noun(it->phase)));
}

void
tui_ask_poll(struct tui *t)
{
	ask_named(t);
}

static void
ask_named(struct tui *t)
{
	char	*what = setup_title(t);
	int	 conf = model_conf(t->ws, t->ws->phase);

	/* Under the Chatham House Rule or off the record every poll is
	 * anonymous (poll.c): not a question to ask. */
	if (conf != CONF_OPEN)
		tui_open_mode(t, MODE_KEY, INPUT_NAMED, 0, xasprintf(_("%s: "
		    "anonymous (%s)"), what, tui_conf_label(conf)), 0);
	else
		tui_open_mode(t, MODE_KEY, INPUT_NAMED, 0, xasprintf(_("%s — "
		    "Enter: named · a: anonymous · Esc: cancel"), what), 0);
	free(what);
}

/* The answer to ask_named: the poll opens. */
static void
key_named(struct tui *t, int code, wint_t ch)
{
	uint32_t	flags = t->setup.flags;

	if (code == OK && ch == 0x1b) {
		close_input(t);
		setup_clear(t);
		return;
	}
	if (code == OK && (ch == 'a' || ch == 'A'))
		flags |= POLL_F_ANONYMOUS;
	else if (!(code == OK && (ch == '\r' || ch == '\n')) &&
	    !(code == KEY_CODE_YES && ch == KEY_ENTER)) {
		tui_notice(t, model_conf(t->ws, t->ws->phase) != CONF_OPEN ?
		    _("Enter: open it (anonymous) · Esc: cancel") :
		    _("Enter: named · a: anonymous · Esc: cancel"));
		return;
	}
	close_input(t);
	t->after_send = true;
	tui_send(t, INTENT_POLL_OPEN, t->setup.ref, t->setup.kind,
	    t->setup.dots, flags, t->setup.question);
	setup_clear(t);
}

/* c: a consensus check on the selected item, or on the whole charter;
 * on a caucus's report-back, its group's own check (named: the group
 * approves its text together). */
static void
key_check(struct tui *t)
{
	const struct item	*it = selected(t);

	if (it != NULL && it->kind == ITEM_CAUCUS_REPORT) {
		tui_send(t, INTENT_POLL_OPEN, it->id, POLL_CONSENSUS, 0,
		    POLL_F_GROUP, NULL);
		return;
	}
	if (!tui_is_facilitator(t) && t->ws->phase == PHASE_CAUCUS) {
		/* Participants use c here, on their draft only. */
		refuse_with_help(t, _("c asks your group to approve its "
		    "report-back: select your draft, then c."));
		return;
	}
	if (!tui_is_facilitator(t)) {
		/* The server says who may. */
		send_intent(t, INTENT_POLL_OPEN, t->sel != TUI_CHARTER_ROW ?
		    t->sel : 0, POLL_CONSENSUS, NULL);
		return;
	}
	if (model_open_poll(t->ws) != NULL) {
		tui_notice(t, _("A poll is open: close it first (C)."));
		return;
	}
	setup_clear(t);
	t->setup.kind = POLL_CONSENSUS;
	if (t->sel == TUI_CHARTER_ROW) {
		if (t->ws->charter_poll != 0 || !model_charter_ready(t->ws)) {
			tui_notice(t, t->ws->charter_poll != 0 ? _("The charter "
			    "is adopted; reopening a section (u) puts it back "
			    "before the room.") : _("Every section must be adopted "
			    "or marked not applicable first."));
			return;
		}
		t->setup.flags = POLL_F_CHARTER;
	} else if (it == NULL) {
		tui_notice(t, _("Select what the room should decide (Up/Down), "
		    "then press c."));
		return;
	} else {
		switch (it->kind) {
		case ITEM_RULE:
		case ITEM_AMENDMENT:
		case ITEM_SECTION:
		case ITEM_SECTION_TEXT:
		case ITEM_EXPECTATION:
		case ITEM_PROBLEM:
		case ITEM_VISION:
		case ITEM_ACTION:
		case ITEM_LESSON:
		case ITEM_EXIT:
		case ITEM_INDICATOR:
		case ITEM_QUESTION:	/* a proposed one: the model says */
			break;
		default:
			tui_notice(t, _("A consensus check is on a proposal, an "
			    "amendment or a charter section: select one "
			    "first."));
			return;
		}
		t->setup.ref = it->id;
	}
	ask_named(t);
}

/* o: a straw poll on a question the facilitator types. */
static void
key_straw(struct tui *t)
{
	if (!tui_is_facilitator(t)) {
		send_intent(t, INTENT_POLL_OPEN, 0, POLL_STRAW, NULL);
		return;
	}
	if (model_open_poll(t->ws) != NULL) {
		tui_notice(t, _("A poll is open: close it first (C)."));
		return;
	}
	open_input(t, INPUT_QUESTION, 0, xstrdup(_("Question for the straw "
	    "poll: ")), MODEL_TEXT_MAX);
}

/* d: a dot vote over this phase's items. */
static void
key_dots(struct tui *t)
{
	if (!tui_is_facilitator(t)) {
		send_intent(t, INTENT_POLL_OPEN, 0, POLL_DOTS, NULL);
		return;
	}
	if (model_open_poll(t->ws) != NULL) {
		tui_notice(t, _("A poll is open: close it first (C)."));
		return;
	}
	setup_clear(t);
	t->setup.kind = POLL_DOTS;
	open_input(t, INPUT_DOTS, 0, xstrdup(_("Dots each [3]: ")), 2);
}

/* The open check of a group on report id, or NULL. */
static const struct poll *
report_check_open(const struct tui *t, uint32_t id)
{
	const struct poll	*p = tui_report_poll(t->ws, id);

	return p != NULL && p->state == POLL_OPEN ? p : NULL;
}

/* C and R: close the open poll, reveal the closed one.  On a report-back
 * C closes its group's check and R shows the report to the plenary; a
 * member's C closes their group's check. */
static void
key_close(struct tui *t, bool reveal)
{
	const struct item	*it = selected(t);
	const struct poll	*p = NULL;
	size_t			 i;

	if (it != NULL && it->kind != ITEM_CAUCUS_REPORT)
		it = NULL;
	if (!reveal) {
		if (it != NULL)
			p = report_check_open(t, it->id);
		if (p == NULL)
			p = tui_is_facilitator(t) ? model_open_poll(t->ws) :
			    tui_voting_poll(t);
		if (p == NULL) {
			tui_notice(t, _("There is no open poll to close."));
			return;
		}
		send_intent(t, INTENT_POLL_CLOSE, p->id, 0, NULL);
		return;
	}
	/* The poll the panel says R reveals comes first: a report-back
	 * selected meanwhile is not shown to the plenary by the same key
	 * (a helper's workshop run did just that). */
	if ((p = tui_poll_unrevealed(t)) != NULL) {
		send_intent(t, INTENT_POLL_REVEAL, p->id, 0, NULL);
		return;
	}
	if (it != NULL) {
		send_intent(t, INTENT_REPORT_REVEAL, it->id, 0, NULL);
		return;
	}
	/* A group's check is revealed to the group when it closes: never
	 * here. */
	for (i = t->ws->npolls; i > 0 && p == NULL; i--)
		if (t->ws->polls[i - 1].state == POLL_CLOSED &&
		    !(t->ws->polls[i - 1].flags & POLL_F_GROUP))
			p = &t->ws->polls[i - 1];
	if (p == NULL) {
		tui_notice(t, model_open_poll(t->ws) != NULL ? _("Close the poll "
		    "first (C), then reveal it (R).") : _("There is no closed "
		    "poll to reveal."));
		return;
	}
	send_intent(t, INTENT_POLL_REVEAL, p->id, 0, NULL);
}

/* D: the room's decision rule, chosen with one key. */
static void
key_rule(struct tui *t)
{
	if (!tui_is_facilitator(t)) {
		send_intent(t, INTENT_DECISION_RULE, 0, DECIDE_CONSENSUS, NULL);
		return;
	}
	setup_clear(t);
	tui_open_mode(t, MODE_KEY, INPUT_RULE, 0, xstrdup(_("Decision rule for "
	    "the room: 1 consensus · 2 consensus with a fallback vote · 3 "
	    "simple majority · 4 two-thirds majority · Esc cancel")), 0);
}

static void
key_rule_choice(struct tui *t, int code, wint_t ch)
{
	if (code == OK && ch == 0x1b) {
		close_input(t);
		return;
	}
	if (code != OK || ch < '1' || ch > '4') {
		tui_notice(t, _("Press 1, 2, 3 or 4 (Esc cancels)."));
		return;
	}
	close_input(t);
	if (ch == '2') {
		open_input(t, INPUT_ROUNDS, 0, xstrdup(_("After how many rounds? "
		    "[2] ")), 2);
		return;
	}
	t->after_send = true;
	send_intent(t, INTENT_DECISION_RULE, 0, ch == '1' ? DECIDE_CONSENSUS :
	    ch == '3' ? DECIDE_MAJORITY : DECIDE_TWO_THIRDS, NULL);
}

static void
ask_fallback(struct tui *t)
{
	open_input(t, INPUT_FALLBACK, 0, xstrdup(_("Fallback: 1 simple "
	    "majority, 2 two-thirds [2] ")), 1);
}

/* --- ground rules and charter sections ----------------------------------- */

/* m in Ground rules: an amendment to the selected rule, starting from its
 * text (or from the selected amendment's). */
static void
key_amend(struct tui *t)
{
	const struct item		*it = selected(t), *rule;
	const struct participant	*me = model_person(t->ws, t->self);

	if (it == NULL || (it->kind != ITEM_RULE &&
	    it->kind != ITEM_AMENDMENT)) {
		tui_notice(t, _("Select a ground rule to amend (Up/Down), then "
		    "press m."));
		return;
	}
	rule = it->kind == ITEM_RULE ? it : model_item(t->ws, it->ref);
	if (rule == NULL || rule->kind != ITEM_RULE)
		return;
	if (me != NULL && me->role == ROLE_OBSERVER) {
		tui_notice(t, _("Observers can read the room but not write in "
		    "it."));
		return;
	}
	open_input(t, INPUT_AMEND, rule->id, xstrdup(_("Your amendment: ")),
	    MODEL_TEXT_MAX);
	/* A sample rule as this reader reads it: the amendment is theirs,
	 * in their words. */
	tui_editor_fill(&t->ed, tui_seed_text(t, it));
}

/* The section the selection is in (its proposals count), or NULL with a
 * notice. */
static const struct item *
selected_section(struct tui *t)
{
	const struct item	*it = selected(t);

	if (it != NULL && it->kind == ITEM_SECTION_TEXT)
		it = model_item(t->ws, it->ref);
	if (it == NULL || it->kind != ITEM_SECTION) {
		tui_notice(t, _("Select a charter section first (Up/Down)."));
		return NULL;
	}
	return it;
}

static bool
in_charter(struct tui *t, const char *what)
{
	if (t->ws->phase == PHASE_CHARTER)
		return true;
	tui_notice(t, what);
	return false;
}

/* e: the facilitator writes the section's text in the text box. */
static void
key_edit(struct tui *t)
{
	const struct item	*sec;
	char			 num[16];

	if (!in_charter(t, _("e edits a charter section's text in the "
	    "Charter phase.")))
		return;
	if (!tui_is_facilitator(t)) {
		send_intent(t, INTENT_SECTION_EDIT, t->sel, 0, NULL);
		return;
	}
	if ((sec = selected_section(t)) == NULL)
		return;
	if (model_section_derived(sec)) {
		tui_notice(t, sec->number == 20 ? _("Section 2 is filled from "
		    "the room, not written.") : _("Section 4.1 lists the adopted "
		    "ground rules."));
		return;
	}
	if (sec->status != STATUS_OPEN) {
		tui_notice(t, sec->status == STATUS_ADOPTED ? _("This section is "
		    "adopted: u reopens it for changes.") : _("This section is "
		    "marked not applicable: u reopens it."));
		return;
	}
	tui_open_mode(t, MODE_BOX, INPUT_SECTION, sec->id, xasprintf(_("Text of "
	    "%s %s"), tui_section_number(sec->number, num, sizeof num),
	    sec->text), TUI_BODY_MAX);
	if (sec->body != NULL)
		tui_editor_fill(&t->ed, sec->body);
}

/* m in Charter: the selected proposal merged into its section. */
static void
key_merge(struct tui *t)
{
	const struct item	*it = selected(t);

	if (!tui_is_facilitator(t)) {
		send_intent(t, INTENT_SECTION_MERGE, t->sel, 0, NULL);
		return;
	}
	if (it == NULL || it->kind != ITEM_SECTION_TEXT) {
		tui_notice(t, _("Select a proposed text under a section, then "
		    "press m to merge it into the section's text."));
		return;
	}
	send_intent(t, INTENT_SECTION_MERGE, it->id, 0, NULL);
}

/* N and u: a section not applicable, or reopened. */
static void
key_section_state(struct tui *t, int status)
{
	const struct item	*sec;

	if (!in_charter(t, status == STATUS_OPEN ? _("u reopens a charter "
	    "section in the Charter phase.") : _("N marks a charter section "
	    "not applicable in the Charter phase.")))
		return;
	if (!tui_is_facilitator(t)) {
		send_intent(t, INTENT_SECTION_STATE, t->sel, status, NULL);
		return;
	}
	if ((sec = selected_section(t)) == NULL)
		return;
	send_intent(t, INTENT_SECTION_STATE, sec->id, status, NULL);
}

static void
key_m(struct tui *t)
{
	if (t->ws->phase == PHASE_GROUND_RULES)
		key_amend(t);
	else if (t->ws->phase == PHASE_CHARTER)
		key_merge(t);
	else if (t->ws->phase == PHASE_VISION)
		tui_key_merge(t);
	else
		tui_notice(t, _("m amends the selected ground rule (Ground "
		    "rules), merges a proposal into its section (Charter) or "
		    "a statement into another (Framing and vision)."));
}

static void
key_question(struct tui *t)
{
	const struct item	*it = selected(t);

	if (it != NULL && it->kind == ITEM_ANSWER)
		it = model_item(t->ws, it->ref);
	if (it == NULL || it->kind != ITEM_QUESTION) {
		tui_notice(t, _("Select a dialogue question first (Up/Down)."));
		return;
	}
	send_intent(t, INTENT_QUESTION, it->id, 0, NULL);
}

static void
key_phase(struct tui *t, int step)
{
	int	to = (int)model_step_now(t->ws) + step;

	if (to < 0) {
		tui_notice(t, _("This is the first phase."));
		return;
	}
	if ((size_t)to >= model_steps(t->ws)) {
		tui_notice(t, _("This is the last phase."));
		return;
	}
	send_intent(t, INTENT_PHASE, 0, to, NULL);
}

static void
key_group(struct tui *t)
{
	if (t->ws->phase != PHASE_WELCOME) {
		tui_notice(t, _("Stakeholder groups are added during Welcome "
		    "(p goes back)."));
		return;
	}
	open_input(t, INPUT_GROUP, 0, xstrdup(_("New stakeholder group: ")),
	    MODEL_NAME_MAX);
}

/* Only the serving terminal hides caucus notes: it is the projector. */
static void
key_caucus_shown(struct tui *t)
{
	size_t		 notes, reports, groups;
	char		 what[120];
	bool		 named;

	if (t->self != MODEL_FACILITATOR || t->ws->phase != PHASE_CAUCUS) {
		tui_notice(t, _("v shows caucus notes on the projected screen, "
		    "in Caucus."));
		return;
	}
	if (t->caucus_shown) {
		t->caucus_shown = false;
		tui_dirty(t);
		tui_notice(t, _("Caucus notes are hidden again."));
		return;
	}
	/* One key would put every group's notes before the whole room:
	 * say what will be shown, and ask. */
	tui_caucus_hidden(t, &notes, &reports, &groups);
	if (notes + reports == 0) {
		tui_notice(t, _("No caucus has written anything yet."));
		return;
	}
	named = model_conf(t->ws, PHASE_CAUCUS) == CONF_OPEN;
	{
		char	*a = xasprintf(ngettext("%zu caucus note",
		    "%zu caucus notes", notes), notes);
		char	*b = xasprintf(ngettext("%zu report-back",
		    "%zu report-backs", reports), reports);

		if (reports > 0)
			/* TRANSLATORS: "3 caucus notes and 2 report-backs
			 * not yet shown". */
			snprintf(what, sizeof what, _("%s and %s not yet "
			    "shown"), a, b);
		else
			snprintf(what, sizeof what, "%s", a);
		free(a);
		free(b);
	}
	/* TRANSLATORS: %s is "3 caucus notes" or "3 caucus notes and 2
	 * report-backs not yet shown"; y and n are the keys. */
	tui_open_mode(t, MODE_KEY, INPUT_SHOW_NOTES, 0, xasprintf(named ?
	    ngettext("Show %s of %zu group, with who wrote each — on the "
	    "projected screen, for the whole room to read? y/n", "Show %s of "
	    "%zu groups, with who wrote each — on the projected screen, for "
	    "the whole room to read? y/n", groups) : ngettext("Show %s of %zu "
	    "group — on the projected screen, for the whole room to read? "
	    "y/n", "Show %s of %zu groups — on the projected screen, for the "
	    "whole room to read? y/n", groups), what, groups), 0);
}

static void
key_show_notes(struct tui *t, int code, wint_t ch)
{
	bool	matrix = t->ws->phase == PHASE_MATRIX;

	close_input(t);
	if (code != OK || (ch != 'y' && ch != 'Y')) {
		tui_notice(t, matrix ? _("The matrix's entries stay hidden on "
		    "this screen.") : _("Caucus notes stay hidden on this "
		    "screen."));
		return;
	}
	t->caucus_shown = true;
	tui_dirty(t);
	tui_notice(t, matrix ? _("The matrix's entries are shown on this "
	    "screen; v hides them again.") : _("Caucus notes are shown on this "
	    "screen; v hides them again."));
}

/* --- questions, report-backs, the room's rules -------------------------- */

static bool
is_observer(const struct tui *t)
{
	const struct participant	*me = model_person(t->ws, t->self);

	return me != NULL && me->role == ROLE_OBSERVER;
}

/* t: a new question; in Dialogue it is put to the room at once, in Caucus
 * every group gets it. */
static void
key_new_question(struct tui *t)
{
	int	kind;

	if (t->ws->phase == PHASE_DIALOGUE)
		kind = ITEM_QUESTION;
	else if (t->ws->phase == PHASE_CAUCUS)
		kind = ITEM_CAUCUS_QUESTION;
	else {
		tui_notice(t, _("t adds a question in Dialogue (put to the room "
		    "at once) or in Caucus."));
		return;
	}
	if (!tui_is_facilitator(t)) {
		send_intent(t, INTENT_QUESTION_NEW, 0, kind, NULL);
		return;
	}
	open_input(t, INPUT_QUESTION_NEW, 0, xstrdup(kind == ITEM_QUESTION ?
	    _("New question for the room: ") : _("New caucus question: ")),
	    MODEL_TEXT_MAX);
	t->input_value = kind;
}

/* P: the selected answer pinned as a theme, or unpinned. */
static void
key_pin(struct tui *t)
{
	const struct item	*it = selected(t);

	if (it == NULL || it->kind != ITEM_ANSWER) {
		tui_notice(t, _("Select an answer (Up/Down), then press P to pin "
		    "it as a theme."));
		return;
	}
	send_intent(t, INTENT_PIN, it->id, (it->flags & ITEM_F_PINNED) ? 0 :
	    1, NULL);
}

/* b: the group's report-back, in the text box, starting from its latest
 * version so a group can rework a draft its check did not approve. */
static void
key_report(struct tui *t)
{
	const struct participant	*me = model_person(t->ws, t->self);
	const struct item		*last = NULL;
	const uint32_t			*ids;
	size_t				 i, n;

	if (t->ws->phase != PHASE_CAUCUS) {
		tui_notice(t, _("b drafts your group's report-back during "
		    "Caucus."));
		return;
	}
	if (me == NULL || me->role != ROLE_PARTICIPANT || me->group == 0) {
		send_intent(t, INTENT_REPORT, 0, 0, NULL);
		return;
	}
	ids = model_items_of_kind(t->ws, ITEM_CAUCUS_REPORT, &n);
	for (i = 0; i < n; i++) {
		const struct item *it = model_item(t->ws, ids[i]);

		if (it->kind == ITEM_CAUCUS_REPORT && it->text != NULL &&
		    it->status != STATUS_WITHDRAWN && tui_report_ours(t, it))
			last = it;
	}
	tui_open_mode(t, MODE_BOX, INPUT_REPORT, 0, xstrdup(_("Your group's "
	    "report-back: ")), MODEL_TEXT_MAX);
	if (last != NULL)
		tui_editor_fill(&t->ed, last->text);
}

/* K: the confidentiality rule, chosen with one key, then for the room or
 * for this phase. */
static void
key_conf(struct tui *t)
{
	if (!tui_is_facilitator(t)) {
		tui_send(t, INTENT_CONFIDENTIALITY, 0, CONF_OPEN, -1, 0, NULL);
		return;
	}
	tui_open_mode(t, MODE_KEY, INPUT_CONF, 0, xstrdup(_("Confidentiality: 1 "
	    "open · 2 Chatham House Rule · 3 off the record · Esc cancel")), 0);
}

/*
 * What "p" covers in the K prompt.  A phase's own rule is held by its kind
 * of work, so a process with several phases of one kind (Preparing and
 * Dialogue both put questions to the room) has them all under it: said,
 * with their titles, rather than "this phase only".  Caller frees.
 */
static char *
phase_scope(const struct tui *t)
{
	const struct workshop	*ws = t->ws;
	char			*titles = NULL, *s;
	size_t			 i, n = 0;

	for (i = 0; i < ws->nsteps; i++) {
		if (ws->steps[i].kind != ws->phase)
			continue;
		s = xasprintf("%s%s%s", titles != NULL ? titles : "",
		    titles != NULL ? ", " : "", tui_step_title(t, i));
		free(titles);
		titles = s;
		n++;
	}
	if (n < 2) {
		free(titles);
		return xasprintf(_("for this phase only (%s)"),
		    tui_step_title(t, model_step_now(ws)));
	}
	/* TRANSLATORS: the titles of the phases of the room's process
	 * that share one kind of work, and so one rule. */
	s = xasprintf(_("for every phase of this kind (%s)"), titles);
	free(titles);
	return s;
}

static void
key_conf_choice(struct tui *t, int code, wint_t ch)
{
	int	conf;
	char	*scope;

	if (code == OK && ch == 0x1b) {
		close_input(t);
		return;
	}
	if (code != OK || ch < '1' || ch > '3') {
		tui_notice(t, _("Press 1, 2 or 3 (Esc cancels)."));
		return;
	}
	conf = ch == '1' ? CONF_OPEN : ch == '2' ? CONF_CHATHAM :
	    CONF_OFF_RECORD;
	close_input(t);
	scope = phase_scope(t);
	/* Off the record covers what is said from now on (export.c,
	 * export_may_name): what was said before stays in the report. */
	if (conf == CONF_OFF_RECORD)
		tui_open_mode(t, MODE_KEY, INPUT_CONF_SCOPE, 0, xasprintf(_(
		    "Off the record from now on (what was said before stays in "
		    "the report) — Enter: for the whole room · p: %s · Esc "
		    "cancel"), scope), 0);
	/* Lifting the Chatham House Rule gives back the names of what was
	 * said in the open before it (never of what was said under it):
	 * said first. */
	else if (conf == CONF_OPEN &&
	    model_conf(t->ws, t->ws->phase) == CONF_CHATHAM)
		tui_open_mode(t, MODE_KEY, INPUT_CONF_SCOPE, 0, xasprintf(_(
		    "Open: names come back on what was said in the open before "
		    "the Chatham House Rule — Enter: for the whole room · p: %s "
		    "· Esc cancel"), scope), 0);
	/* The rule covers what was said before too (model_author_hidden):
	 * said before anyone's name goes. */
	else if (conf == CONF_CHATHAM)
		tui_open_mode(t, MODE_KEY, INPUT_CONF_SCOPE, 0, xasprintf(_(
		    "Chatham House Rule: no names, what was said before "
		    "included — Enter: for the whole room · p: %s · Esc "
		    "cancel"), scope), 0);
	else
		tui_open_mode(t, MODE_KEY, INPUT_CONF_SCOPE, 0, xasprintf(_(
		    "%s — Enter: for the whole room · p: %s · Esc cancel"),
		    tui_conf_label(conf), scope), 0);
	free(scope);
	t->input_value = conf;
}

static void
key_conf_scope(struct tui *t, int code, wint_t ch)
{
	int32_t	conf = t->input_value;

	if (code == OK && ch == 0x1b) {
		close_input(t);
		return;
	}
	if (code == OK && (ch == 'p' || ch == 'P')) {
		close_input(t);
		t->after_send = true;
		tui_send(t, INTENT_CONFIDENTIALITY, 0, conf, t->ws->phase, 0,
		    NULL);
		return;
	}
	if ((code == OK && (ch == '\r' || ch == '\n')) ||
	    (code == KEY_CODE_YES && ch == KEY_ENTER)) {
		close_input(t);
		t->after_send = true;
		tui_send(t, INTENT_CONFIDENTIALITY, 0, conf, -1, 0, NULL);
		return;
	}
	{
		char *scope = phase_scope(t), *s;

		s = xasprintf(_("Enter: for the whole room · p: %s · Esc: "
		    "cancel"), scope);
		tui_notice(t, s);
		free(s);
		free(scope);
	}
}

/* h: on the serving terminal, the co-facilitators' code hidden before
 * projecting (or shown again); for a participant, their hand. */
static void
key_hand(struct tui *t)
{
	const struct participant	*me = model_person(t->ws, t->self);

	if (t->self == MODEL_FACILITATOR) {
		if (t->fac_code == NULL) {
			tui_notice(t, _("There is no co-facilitator code to "
			    "hide."));
			return;
		}
		/* Kept in the record, so a restart does not put the code
		 * back on the projector.  What it was before: on the serving
		 * screen the change is made before send_intent returns. */
		bool hide = t->ws->fac_code_shown;

		/* Only an h of its own puts the code on the projector, not
		 * one in typed or pasted text ("The ..."). */
		if (!hide && (t->batch || t->pasting)) {
			tui_notice(t, _("The co-facilitator code stays hidden: "
			    "press h on its own to show it."));
			return;
		}

		send_intent(t, INTENT_FAC_CODE_SHOWN, 0, hide ? 0 : 1, NULL);
		/* Welcome's list and ? help show it; said where, or "shown"
		 * in another phase points at nothing on the screen. */
		tui_notice(t, hide ? _("Co-facilitator code hidden — h shows "
		    "it") : t->ws->phase == PHASE_WELCOME ?
		    _("Co-facilitator code shown — h hides it") :
		    _("Co-facilitator code shown in ? help and in Welcome — h "
		    "hides it"));
		return;
	}
	send_intent(t, INTENT_HAND, 0, me != NULL && me->hand != 0 ? 0 : 1,
	    NULL);
}

/* >: the floor to the first raised hand. */
static void
key_speaker(struct tui *t)
{
	uint32_t	first;

	if (tui_is_facilitator(t) && model_queue(t->ws, &first, 1) == 0) {
		tui_notice(t, _("No hand is raised: nobody is waiting to speak."));
		return;
	}
	send_intent(t, INTENT_SPEAKER, 0, 0, NULL);
}

/* <: whoever has the floor has finished (a new phase ends it too). */
static void
key_floor_end(struct tui *t)
{
	if (tui_is_facilitator(t) && t->ws->speaker == 0) {
		tui_notice(t, _("Nobody has the floor: > gives it to the first "
		    "raised hand."));
		return;
	}
	send_intent(t, INTENT_FLOOR_END, 0, 0, NULL);
}

static void
grievance_prompt(struct tui *t)
{
	free(t->input_prompt);
	t->input_prompt = xstrdup((t->input_value & ITEM_F_ANONYMOUS) ?
	    _("Point of order for the facilitators (anonymous): ") :
	    _("Point of order for the facilitators: "));
	t->dirty = true;
}

/* !: facilitators read the points of order; a participant writes one,
 * named or (Tab) anonymous. */
static void
key_point(struct tui *t)
{
	size_t	points;

	/* The serving screen is the projector: what is written to the
	 * facilitators goes on it only once they say so, as v asks for
	 * caucus notes (it opened at once, anonymous ones included). */
	if (t->self == MODEL_FACILITATOR) {
		/* What the projector would show, the footer's count: those
		 * still waiting (one answered in private stays so). */
		points = tui_points_waiting(t->ws);
		if (points == 0) {
			tui_notice(t, _("No point of order is waiting."));
			return;
		}
		/* y agrees to what was counted: a point sent while the
		 * question is up waits for the next !. */
		t->points_asked = (uint32_t)t->ws->nitems;
		tui_open_mode(t, MODE_KEY, INPUT_SHOW_POINTS, 0, xasprintf(
		    ngettext("Show %zu point of order on the projected screen, "
		    "for the whole room to read? y/n", "Show %zu points of "
		    "order on the projected screen, for the whole room to "
		    "read? y/n", points), points), 0);
		return;
	}
	if (tui_is_facilitator(t)) {
		tui_overlay_open(t, OVERLAY_POINTS);
		return;
	}
	if (is_observer(t)) {
		tui_notice(t, _("Observers can read the room but not write in "
		    "it."));
		return;
	}
	open_input(t, INPUT_GRIEVANCE, 0, NULL, MODEL_TEXT_MAX);
	grievance_prompt(t);
}

static void
key_people(struct tui *t)
{
	if (!tui_is_facilitator(t)) {
		tui_notice(t, _("The list of people (W) is for the "
		    "facilitators."));
		return;
	}
	tui_overlay_open(t, OVERLAY_PEOPLE);
}

/* The y/n before removing someone; then their reason. */
static void
key_remove_confirm(struct tui *t, int code, wint_t ch)
{
	const struct participant	*p = model_person(t->ws, t->input_ref);
	char				*name;
	uint32_t			 who = t->input_ref;

	close_input(t);
	if (code != OK || (ch != 'y' && ch != 'Y') || p == NULL) {
		tui_notice(t, _("Nobody was removed."));
		return;
	}
	name = text_sanitize(p->name != NULL ? model_person_shown(p) : "?",
	    false);
	open_input(t, INPUT_REMOVE, who, xasprintf(_("Why is %s removed? "),
	    name), MODEL_REASON_MAX);
	free(name);
}

/* --- selection ----------------------------------------------------------- */

/* The selection moved: only the charter's rows depend on it (the
 * selected section shows its guidance); everywhere else the rows stand and
 * only the frame is drawn again, whatever the record's size. */
static void
selection_moved(struct tui *t)
{
	t->sel_chosen = true;
	t->dirty = true;
	if (t->ws != NULL && t->ws->phase == PHASE_CHARTER)
		t->stale = true;
}

static void
select_step(struct tui *t, int step)
{
	tui_views_build(t);
	tui_views_step(t, step);
	t->free_scroll = false;
	if (step < 0)
		t->follow = false;
	selection_moved(t);
}

/* PgUp/PgDn: a page at a time; the selection follows into view. */
static void
select_page(struct tui *t, int dir)
{
	tui_views_build(t);
	if (dir < 0)
		t->follow = false;
	if (!tui_views_page_by(t, dir)) {
		t->dirty = true;
		return;
	}
	selection_moved(t);
}

static void
select_end(struct tui *t, bool last)
{
	tui_views_build(t);
	tui_views_end(t, last);
	t->follow = last;
	selection_moved(t);
}

/* --- keys ---------------------------------------------------------------- */

static void
key_browse(struct tui *t, int code, wint_t ch)
{
	/* The room may have changed since the last frame: act on what is
	 * there now. */
	tui_views_build(t);
	/* Merging a statement: the selection moves to the one it joins,
	 * Enter merges, and the other keys wait. */
	if (t->merging != 0 && tui_merge_key(t, code, ch))
		return;
	/* A matrix's cells take the arrows (matrix.c). */
	if (tui_matrix_key(t, code, ch))
		return;
	/* s, b, t with indicators; Q, a proposed question (indicators.c). */
	if (tui_indicators_key(t, code, ch))
		return;
	if (code == KEY_CODE_YES) {
		switch (ch) {
		case KEY_UP:
			select_step(t, -1);
			return;
		case KEY_DOWN:
			select_step(t, 1);
			return;
		case KEY_PPAGE:
			select_page(t, -1);
			return;
		case KEY_NPAGE:
			select_page(t, 1);
			return;
		case KEY_HOME:
			select_end(t, false);
			return;
		case KEY_END:
			select_end(t, true);
			return;
		case KEY_ENTER:
			key_enter(t);
			return;
		}
		return;
	}
	switch (ch) {
	case 'k':
		select_step(t, -1);
		break;
	case 'j':
		select_step(t, 1);
		break;
	case 'w':
		key_write(t);
		break;
	case '\r':
	case '\n':
		key_enter(t);
		break;
	case 'x':
		key_withdraw(t);
		break;
	case 'n':
		key_phase(t, 1);
		break;
	case 'p':
		key_phase(t, -1);
		break;
	case 'a':
		key_decide(t, true);
		break;
	case 'r':
		key_decide(t, false);
		break;
	case 's':
		key_question(t);
		break;
	case 'g':
		key_group(t);
		break;
	case 'v':
		key_caucus_shown(t);
		break;
	case '1':
	case '2':
	case '3':
	case '4':
	case '5':	/* a score's scale has up to 7 points */
	case '6':
	case '7':
		key_answer(t, (int)(ch - '0'));
		break;
	case '+':
		key_dot(t, 1);
		break;
	case '-':
		key_dot(t, -1);
		break;
	case 'c':
		key_check(t);
		break;
	case 'o':
		key_straw(t);
		break;
	case 'd':
		key_dots(t);
		break;
	case 'C':
		key_close(t, false);
		break;
	case 'R':
		key_close(t, true);
		break;
	case 'D':
		key_rule(t);
		break;
	case 'm':
		key_m(t);
		break;
	case 'e':
		if (t->ws->phase == PHASE_VISION ||
		    t->ws->phase == PHASE_FOLLOWUP)
			tui_key_item_edit(t);
		else
			key_edit(t);
		break;
	case 'N':
		if (t->ws->phase == PHASE_FOLLOWUP)
			tui_key_next_review(t);
		else
			key_section_state(t, STATUS_NOT_APPLICABLE);
		break;
	case 'f':
		tui_key_problem(t);
		break;
	case 'E':
		tui_key_exit(t);
		break;
	case 'A':
		/* Follow-up: a new action comes up at the review. */
		if (t->ws->phase == PHASE_FOLLOWUP)
			tui_action_propose(t);
		break;
	case 'M':
		tui_key_meeting(t);
		break;
	case 'u':
		key_section_state(t, STATUS_OPEN);
		break;
	case 't':
		key_new_question(t);
		break;
	case 'P':
		key_pin(t);
		break;
	case 'b':
		key_report(t);
		break;
	case 'K':
		key_conf(t);
		break;
	case 'h':
		key_hand(t);
		break;
	case '>':
		key_speaker(t);
		break;
	case '<':
		key_floor_end(t);
		break;
	case 'T':
		tui_key_timer(t);
		break;
	case '!':
		key_point(t);
		break;
	case 'W':
		key_people(t);
		break;
	case 'G':
		tui_overlay_open(t, OVERLAY_AGENDA);
		break;
	case '?':
		t->mode = MODE_HELP;
		t->help_top = 0;
		t->help_at = NULL;
		break;
	case 'q':
		t->mode = MODE_CONFIRM;
		break;
	case 0x1b:
	case ' ':
		break;
	case CTRL_KEY('l'):
		clearok(curscr, TRUE);
		break;
	default:
		if (!text_is_control((uint32_t)ch))
			refuse_with_help(t, "");
		break;
	}
}

static void
key_input(struct tui *t, int code, wint_t ch)
{
	if (t->mode == MODE_KEY) {
		if (t->pasting)
			return;
		/* What puts notes or points of order on the projector takes
		 * a y of its own, not one of keys typed or pasted at once
		 * ("!y", "every"): such keys leave the question asked. */
		if (t->batch && (t->input_for == INPUT_SHOW_NOTES ||
		    t->input_for == INPUT_SHOW_POINTS))
			return;
		switch (t->input_for) {
		case INPUT_RULE:
			key_rule_choice(t, code, ch);
			break;
		case INPUT_CONF:
			key_conf_choice(t, code, ch);
			break;
		case INPUT_CONF_SCOPE:
			key_conf_scope(t, code, ch);
			break;
		case INPUT_REMOVE_CONFIRM:
			key_remove_confirm(t, code, ch);
			break;
		case INPUT_SHOW_NOTES:
			key_show_notes(t, code, ch);
			break;
		case INPUT_SHOW_POINTS:
			close_input(t);
			if (code == OK && (ch == 'y' || ch == 'Y')) {
				t->points_upto = t->points_asked;
				tui_overlay_open(t, OVERLAY_POINTS);
			} else
				tui_notice(t, _("Points of order stay hidden "
				    "on this screen."));
			break;
		case INPUT_EXIT_KIND:
			tui_exit_kind_key(t, code, ch);
			break;
		case INPUT_ACTION:
			tui_action_choice(t, code, ch);
			break;
		case INPUT_TIMER:
		case INPUT_TIMER_STOP:
			tui_timer_key(t, code, ch);
			break;
		default:
			key_named(t, code, ch);
			break;
		}
		return;
	}
	/* Tab says whether a point of order carries the writer's name. */
	if (t->mode == MODE_INPUT && t->input_for == INPUT_GRIEVANCE &&
	    code == OK && ch == '\t' && !t->pasting && !t->burst) {
		t->input_value ^= (int32_t)ITEM_F_ANONYMOUS;
		grievance_prompt(t);
		return;
	}
	/* In the box only a bracketed paste is a paste: Enter is a new line
	 * either way, and Ctrl-D is a key no paste holds. */
	switch (tui_editor_key(&t->ed, code, ch, t->mode == MODE_BOX ?
	    t->pasting : t->pasting || t->burst)) {
	case EDITOR_SEND:
		input_send(t);
		break;
	case EDITOR_CANCEL:
		close_input(t);
		setup_clear(t);
		break;
	case EDITOR_FULL:
		tui_notice(t, _("That is as long as the text can be; the rest "
		    "was left out."));
		break;
	default:
		break;
	}
}

static void
key_ask(struct tui *t, int code, wint_t ch)
{
	char		text[MODEL_TEXT_MAX + 1];
	enum tui_ask	what = t->ask;

	if (tui_asks_choice(t)) {
		if ((code == KEY_CODE_YES && ch == KEY_UP) || ch == 'k') {
			if (t->choice > 0)
				t->choice--;
		} else if ((code == KEY_CODE_YES && ch == KEY_DOWN) ||
		    ch == 'j') {
			if (t->choice + 1 < t->nchoices)
				t->choice++;
		} else if ((code == KEY_CODE_YES && ch == KEY_ENTER) ||
		    (code == OK && (ch == '\r' || ch == '\n'))) {
			if (t->nchoices == 0)
				return;
			snprintf(text, sizeof text, "%s",
			    t->choices[t->choice]);
			t->ask = 0;
			t->cb.answer(t->ctx, what, text);
		} else if (code == OK && (ch == 'q' || ch == 0x1b))
			t->mode = MODE_CONFIRM;
		return;
	}
	switch (tui_editor_key(&t->ed, code, ch, t->pasting || t->burst)) {
	case EDITOR_SEND:
		memcpy(text, t->ed.buf, t->ed.len + 1);
		text_trim(text);
		if (*text == '\0') {
			tui_notice(t, what == TUI_ASK_CODE ?
			    _("Type the join code first.") :
			    _("Type your name first."));
			return;
		}
		t->ask = 0;
		tui_editor_reset(&t->ed, MODEL_TEXT_MAX);
		t->cb.answer(t->ctx, what, text);
		break;
	case EDITOR_CANCEL:
		t->mode = MODE_CONFIRM;
		break;
	case EDITOR_FULL:
		if (what == TUI_ASK_CODE)
			tui_notice(t, _("A join code is shorter than that."));
		else {
			/* TRANSLATORS: the longest name the room takes, in
			 * bytes of UTF-8. */
			char *s = xasprintf(_("A name is at most %zu bytes "
			    "long (an accented letter counts as two)."),
			    t->ed.max);

			tui_notice(t, s);
			free(s);
		}
		break;
	}
}

static void
key_confirm(struct tui *t, wint_t ch)
{
	/* n: back to what was being done, a line being typed included
	 * (Ctrl-C asked while it was). */
	t->mode = ((t->confirm_from == MODE_INPUT || t->confirm_from ==
	    MODE_BOX || t->confirm_from == MODE_KEY) && t->ws != NULL &&
	    t->input_prompt != NULL) || t->confirm_from == MODE_HELP ?
	    t->confirm_from : MODE_BROWSE;
	t->confirm_from = MODE_BROWSE;
	t->dirty = true;
	if (ch == 'y' || ch == 'Y')
		t->cb.quit(t->ctx);
}

void
tui_interrupt(struct tui *t)
{
	if (t->mode == MODE_CONFIRM || t->room_closed) {
		t->cb.quit(t->ctx);
		return;
	}
	t->confirm_from = t->mode;
	t->mode = MODE_CONFIRM;
	t->dirty = true;
	tui_dirty(t);
}

/* The help scrolls with the arrows and the page keys; any other key
 * closes it. */
static void
help_key(struct tui *t, int code, wint_t ch)
{
	size_t	page = t->body_h > 2 ? (size_t)t->body_h - 1 : 1;

	if ((code == KEY_CODE_YES && ch == KEY_DOWN) || ch == 'j')
		t->help_top++;
	else if ((code == KEY_CODE_YES && ch == KEY_UP) || ch == 'k')
		t->help_top = t->help_top > 0 ? t->help_top - 1 : 0;
	else if (code == KEY_CODE_YES && ch == KEY_NPAGE)
		t->help_top += page;
	else if (code == KEY_CODE_YES && ch == KEY_PPAGE)
		t->help_top = t->help_top > page ? t->help_top - page : 0;
	else {
		t->mode = MODE_BROWSE;
		t->help_at = NULL;
	}
}

/*
 * A key refused in browse (w in Welcome, d on an action card one may not
 * edit) was most likely meant to open a prompt, and what follows it is
 * the text meant for that prompt: "2027-07-15" must not become 2, 0, 2,
 * 7... as commands.  Printable keys typed without a pause after a
 * refusal are dropped and the notice says so; a pause, Esc, an arrow or
 * Enter gives the keys back (not a line break in the middle of a paste,
 * from a terminal that does not mark pastes).
 */
static bool
typing_guarded(struct tui *t, int code, wint_t ch, const char *notice)
{
	uint64_t	 now = uv_now(t->loop) | 1;
	const char	*head = _("Typing ignored (pause, then press a key)");
	char		*s;

	if (t->typing_guard == 0)
		return false;
	/* A line break inside a paste (more keys behind it in the same
	 * read) is the paste's, not Enter: what follows it is text too. */
	if (code != OK || ch == 0x1b || (text_is_control((uint32_t)ch) &&
	    !t->burst) || now - t->typing_guard > TYPING_PAUSE_MS ||
	    guard_scene(t) != t->guard_scene) {
		t->typing_guard = 0;
		return false;
	}
	t->typing_guard = now;
	if (notice == NULL || strncmp(notice, head, strlen(head)) != 0) {
		s = notice != NULL ? xasprintf("%s — %s", head, notice) :
		    xstrdup(head);
		tui_notice(t, s);
		free(s);
	} else
		tui_notice(t, notice);
	return true;
}

/* What a browse key does; a refusal (a notice, nothing sent or changed,
 * no prompt) guards the keys typed after it. */
static void
browse_dispatch(struct tui *t, int code, wint_t ch)
{
	bool	printable = code == OK && !text_is_control((uint32_t)ch);

	t->acted = false;
	t->browse_key = printable ? uv_now(t->loop) | 1 : 0;
	if (tui_card_shown(t))
		tui_card_key(t, code, ch);
	else if (t->overlay != OVERLAY_NONE)
		tui_overlay_key(t, code, ch);
	else
		key_browse(t, code, ch);
	if (t->notice != NULL && t->mode == MODE_BROWSE && printable &&
	    !t->acted)
		guard_arm(t);
}

static void	resized(struct tui *);

static void
tui_key(struct tui *t, int code, wint_t ch)
{
	char	*notice;

	if (code == KEY_CODE_YES && ch == KEY_RESIZE) {
		resized(t);	/* curses resized its screen itself */
		return;
	}
	if (code == KEY_CODE_YES && (ch == KEY_PASTE_BEGIN ||
	    ch == KEY_PASTE_END)) {
		t->pasting = ch == KEY_PASTE_BEGIN;
		return;
	}
	/* A closed room: nothing left to do but leave. */
	if (t->room_closed) {
		t->cb.quit(t->ctx);
		return;
	}
	/* Ctrl-C as a key (an ssh screen's terminal is the channel: no
	 * signal comes): as the signal does in roundtable join. */
	if (code == OK && ch == CTRL_KEY('c') && !t->pasting) {
		tui_interrupt(t);
		return;
	}
	/* Any key dismisses the notice; what it does may set another. */
	notice = t->notice;
	t->notice = NULL;
	t->dirty = true;
	if (language_key(t, code, ch) && !t->pasting) {
		free(notice);
		switch_language(t);
		return;
	}
	if (t->mode == MODE_BROWSE && t->ask == 0 && t->ws != NULL &&
	    !t->pasting && !t->after_send &&
	    typing_guarded(t, code, ch, notice)) {
		free(notice);
		return;
	}
	free(notice);
	if (t->mode != MODE_BROWSE)
		t->typing_guard = t->browse_key = 0;

	if (t->mode == MODE_HELP) {
		help_key(t, code, ch);
		return;
	}
	if (t->mode == MODE_CONFIRM) {
		key_confirm(t, ch);
		return;
	}
	if (t->ask != 0) {
		key_ask(t, code, ch);
		return;
	}
	if ((t->mode == MODE_INPUT || t->mode == MODE_BOX ||
	    t->mode == MODE_KEY) && t->ws != NULL) {
		key_input(t, code, ch);
		return;
	}
	t->mode = MODE_BROWSE;
	/* Pasted text is not a string of commands. */
	if (t->pasting || t->after_send)
		return;
	if (t->ws == NULL) {
		if (code == OK && (ch == 'q' || ch == 'Q'))
			t->cb.quit(t->ctx);
		else if (code == OK && ch == '?') {
			t->mode = MODE_HELP;
			t->help_at = NULL;
		}
		return;
	}
	browse_dispatch(t, code, ch);
}

/* --- libuv handles ------------------------------------------------------- */

/* Nothing to read although stdin was readable: the terminal may be gone,
 * and then poll would wake us forever. */
static bool
stdin_gone(struct tui *t)
{
	struct pollfd	pfd = { .fd = t->in_fd, .events = POLLIN };

	if (++t->empty_wakeups >= EMPTY_WAKEUPS_MAX)
		return true;
	if (poll(&pfd, 1, 0) == 1 &&
	    (pfd.revents & (POLLHUP | POLLERR | POLLNVAL)) != 0)
		return true;
	return false;
}

struct keyread {
	int	 code;
	wint_t	 ch;
};

/*
 * How many of the keys read from b[i] on are an escape sequence curses
 * did not know (a key the terminal's type does not list): ESC, then '['
 * with its parameters up to a final byte, or 'O' and one more; 0 if they
 * are not one.  They came in one read, as one key's bytes do, and nobody
 * meant "[99~" to be typed into their name.
 */
static size_t
unknown_sequence(const struct keyread *b, size_t i, size_t n)
{
	size_t	k;

	if (i + 2 >= n || b[i].code != OK || b[i].ch != 0x1b ||
	    b[i + 1].code != OK)
		return 0;
	if (b[i + 1].ch == 'O')
		return b[i + 2].code == OK ? 3 : 0;
	if (b[i + 1].ch != '[')
		return 0;
	for (k = i + 2; k < n && b[k].code == OK; k++) {
		if (b[k].ch >= 0x40 && b[k].ch <= 0x7e)
			return k - i + 1;
		if (b[k].ch < 0x20 || b[k].ch > 0x3f)
			break;	/* parameters and intermediates only */
	}
	return 0;
}

static void
on_stdin(uv_poll_t *h, int status, int events)
{
	struct tui	*t = h->data;
	struct keyread	 batch[KEY_BATCH];
	size_t		 n, i, k, got = 0;
	int		 code;

	(void)events;
	if (t->closing)
		return;
	if (status < 0) {
		uv_poll_stop(&t->poll);
		t->cb.quit(t->ctx);
		return;
	}
	/* Keys are read in batches first: a key with more behind it in the
	 * same read was most likely pasted. */
	for (;;) {
		n = 0;
		while (n < KEY_BATCH &&
		    (code = wget_wch(stdscr, &batch[n].ch)) != ERR)
			batch[n++].code = code;
		for (i = 0; i < n && !t->closing; i++) {
			if ((k = unknown_sequence(batch, i, n)) > 0) {
				i += k - 1;	/* a key that does nothing */
				continue;
			}
			t->burst = i + 1 < n;
			t->batch = got + n > 1;
			tui_key(t, batch[i].code, batch[i].ch);
		}
		got += n;
		if (n < KEY_BATCH || t->closing)
			break;
	}
	t->burst = t->batch = false;
	t->after_send = false;
	if (got > 0)
		t->empty_wakeups = 0;
	else if (!t->closing && stdin_gone(t)) {
		uv_poll_stop(&t->poll);
		t->cb.quit(t->ctx);
	}
}

/* Curses's screen changed size (or was set up again): drawn again whole,
 * every line (views.c keeps what each was drawn with). */
static void
resized(struct tui *t)
{
	tui_lines_forget();
	clearok(curscr, TRUE);
	tui_dirty(t);
}

static void
take_size(struct tui *t, int rows, int cols)
{
	resizeterm(rows, cols);
	resized(t);
}

/* The terminal's size, when curses has another one. */
static void
follow_size(struct tui *t)
{
	struct winsize	 w;

	if (!t->remote && ioctl(STDOUT_FILENO, TIOCGWINSZ, &w) == 0 &&
	    w.ws_row > 0 && w.ws_col > 0 &&
	    (w.ws_row != LINES || w.ws_col != COLS))
		take_size(t, w.ws_row, w.ws_col);
}

static void
on_winch(uv_signal_t *h, int signum)
{
	struct tui	*t = h->data;
	struct winsize	 w;

	(void)signum;
	if (t->closing)
		return;
	if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &w) == 0 && w.ws_row > 0 &&
	    w.ws_col > 0) {
		take_size(t, w.ws_row, w.ws_col);
		return;
	}
	endwin();
	refresh();
	resized(t);
}

/* To the terminal: blocking, as curses' own writes are, even if the
 * terminal's file description was left non-blocking.  Returns -1 when it
 * is gone (stdin_gone says so next). */
static int
term_out(struct tui *t, const char *buf, size_t len)
{
	struct pollfd	 p = { .fd = STDOUT_FILENO, .events = POLLOUT };
	size_t		 done;
	ssize_t		 k;

	if (t->remote) {
		t->term.write(t->term.ctx, buf, len);
		return 0;
	}
	for (done = 0; done < len; ) {
		k = write(STDOUT_FILENO, buf + done, len - done);
		if (k > 0)
			done += (size_t)k;
		else if (k < 0 && errno == EINTR)
			continue;
		else if (k < 0 && errno == EAGAIN)
			poll(&p, 1, 1000);
		else
			return -1;
	}
	return 0;
}

/* What curses wrote into the frame's memory file since the last frame,
 * to the terminal, and the file emptied. */
static void
frame_out(struct tui *t)
{
	char		 buf[16384];
	off_t		 n;
	size_t		 off = 0, len;
	ssize_t		 k;

	n = lseek(t->frame_fd, 0, SEEK_CUR);
	while (n > 0 && off < (size_t)n) {
		len = (size_t)n - off < sizeof buf ? (size_t)n - off :
		    sizeof buf;
		k = pread(t->frame_fd, buf, len, (off_t)off);
		if (k <= 0 || term_out(t, buf, (size_t)k) != 0)
			break;
		off += (size_t)k;
	}
	lseek(t->frame_fd, 0, SEEK_SET);
}

/*
 * doupdate(), in one write.  Curses flushes its output after every cursor
 * movement, so a frame went out as one write per run of changed cells
 * (seven for a new contribution in a list), each one more wakeup of
 * whatever reads the terminal and, over SSH, one more encrypted packet.
 * While a frame is composed, standard output is a memory file; then what
 * curses wrote goes to the terminal at once.
 */
static void
tui_doupdate(struct tui *t)
{
	if (t->remote) {	/* curses writes to the frame's file itself */
		doupdate();
		frame_out(t);
		return;
	}
	if (t->frame_fd < 0 || dup2(t->frame_fd, STDOUT_FILENO) < 0) {
		doupdate();
		return;
	}
	doupdate();
	if (dup2(t->tty_fd, STDOUT_FILENO) < 0)
		abort();	/* cannot happen with both open */
	frame_out(t);
}

/* The frame drawn on stdscr, to the terminal. */
void
tui_show(struct tui *t)
{
	tui_lines_end();
	wnoutrefresh(stdscr);
	tui_doupdate(t);
}

/*
 * A reason not begun when the room moves to another phase, or when the
 * facilitator opens another check: the prompt goes.  It opens by itself
 * after a reservation or a block and is easily left there; in the next
 * phase, w and a contribution typed into it were filed as the reason for
 * the answer given before, and the 1 meant for a new check was too.  The
 * answer counts as it was.  A reason begun stays (it may still be sent),
 * and the new check is said once, so the next digit is not a surprise.
 */
static void
close_stale_reason(struct tui *t)
{
	const struct poll	*open;
	bool			 moved, newer;
	char			*s;

	if (t->ws == NULL || t->mode != MODE_INPUT ||
	    t->input_for != INPUT_REASON)
		return;
	/* The check this person answers now: a caucus's own comes before
	 * the room's poll (tui_voting_poll), so a straw poll opened while
	 * the caucus checks is not "another check" to its members. */
	open = tui_voting_poll(t);
	moved = t->ws->phase != t->input_phase;
	newer = open != NULL && open->id > t->input_ref;
	if (!moved && !newer)
		return;
	if (t->ed.len > 0) {
		if (newer && t->reason_told != open->id) {
			t->reason_told = open->id;
			tui_notice(t, _("Another check is open: Enter sends "
			    "this reason for the last one, then answer the "
			    "new one (1-4)."));
		}
		return;
	}
	close_input(t);
	if (moved)
		s = xasprintf(_("The room moved to %s: your answer to the "
		    "check counts, without a reason."), tui_step_title(t,
		    model_step_now(t->ws)));
	else
		s = xstrdup(_("Another check is open: your answer to the last "
		    "one counts, without a reason."));
	tui_notice(t, s);
	free(s);
}

static void
on_prepare(uv_prepare_t *h)
{
	struct tui	*t = h->data;

	if (t->closing || !t->dirty)
		return;
	t->dirty = false;
	/* A notice is about the phase it was said in ("there is nothing to
	 * write during Welcome") and the poll then open ("Select one of the
	 * items of the dot vote"): it goes when the room moves on, or the
	 * poll opens or closes. */
	if (t->notice != NULL && t->ws != NULL && t->notice_phase >= 0) {
		const struct poll *p = model_open_poll(t->ws);

		/* (One that explains an open input stays with it: "Your
		 * reason was not added ... Enter sends it to the
		 * facilitators".) */
		if (t->notice_phase != t->ws->phase ||
		    (t->notice_poll != (p != NULL ? p->id : 0) &&
		    t->mode == MODE_BROWSE))
			set_string(&t->notice, NULL);
	}
	close_stale_reason(t);
	tui_views_draw(t);
}

/* --- life ---------------------------------------------------------------- */

/* ncursesw needs a UTF-8 character type to read and draw UTF-8. */
static void
use_utf8_locale(void)
{
	const char	*cs;

	setlocale(LC_ALL, "");
	i18n_locale_changed();
	cs = nl_langinfo(CODESET);
	if (cs != NULL && strcmp(cs, "UTF-8") == 0)
		return;
	if (setlocale(LC_CTYPE, "C.UTF-8") == NULL)
		setlocale(LC_CTYPE, "en_US.UTF-8");
}

static void
bracketed_paste(struct tui *t, bool on)
{
	const char	*seq = on ? "\033[?2004h" : "\033[?2004l";

	term_out(t, seq, strlen(seq));
}

static void
tui_release(struct tui *t)
{
	free(t->join_line);
	free(t->join_first);
	free(t->room_key);
	free(t->fac_code);
	free(t->status);
	free(t->reason_sent);
	free(t->edit_sent);
	typed_forget(t);
	free(t->notice);
	free(t->ask_message);
	free(t->input_prompt);
	free(t->setup.question);
	free_choices(t);
	tui_views_free(t);
	free(t);
}

static void
tui_close_cb(uv_handle_t *h)
{
	struct tui	*t = h->data;

	if (--t->open_handles == 0)
		tui_release(t);
}

/* What curses wrote to and read from, and the frame's memory file. */
static void
close_term_files(struct tui *t)
{
	if (t->ofp != NULL)
		fclose(t->ofp);
	if (t->ifp != NULL)
		fclose(t->ifp);
	t->ofp = t->ifp = NULL;
	if (t->frame_fd >= 0)
		close(t->frame_fd);
	if (t->tty_fd >= 0)
		close(t->tty_fd);
	t->frame_fd = t->tty_fd = -1;
}

static void
tui_end_curses(struct tui *t)
{
	endwin();
	if (t->remote)	/* what endwin wrote: their terminal as it was */
		frame_out(t);
	bracketed_paste(t, false);
	delscreen(t->screen);
	t->screen = NULL;
	tui_lines_free();
	close_term_files(t);
}

struct tui *
tui_new(uv_loop_t *loop, const struct tui_callbacks *cb, void *ctx)
{
	return tui_new_on(loop, cb, ctx, NULL);
}

/* Curses on a terminal that is not ours: it writes to the frame's memory
 * file (each frame is then sent whole), reads keys from term->in_fd, and
 * takes the size it is told.  Not a terminal, so no terminal modes to
 * set: the client's own terminal is in raw mode already (ssh -t). */
static SCREEN *
remote_screen(struct tui *t, const struct tui_term *term)
{
	char		 n[16];
	int		 fd;

	t->remote = true;
	t->term = *term;
	t->in_fd = term->in_fd;
	t->frame_fd = memfd_create("roundtable-frame", MFD_CLOEXEC);
	if (t->frame_fd < 0)
		return NULL;
	if ((fd = fcntl(t->frame_fd, F_DUPFD_CLOEXEC, 3)) < 0 ||
	    (t->ofp = fdopen(fd, "w")) == NULL) {
		if (fd >= 0)
			close(fd);
		return NULL;
	}
	if ((fd = fcntl(term->in_fd, F_DUPFD_CLOEXEC, 3)) < 0 ||
	    (t->ifp = fdopen(fd, "r")) == NULL) {
		if (fd >= 0)
			close(fd);
		return NULL;
	}
	/* The size curses starts with, where there is no terminal to ask. */
	snprintf(n, sizeof n, "%d", term->rows);
	setenv("LINES", n, 1);
	snprintf(n, sizeof n, "%d", term->cols);
	setenv("COLUMNS", n, 1);
	return newterm(NULL, t->ofp, t->ifp);
}

static void
tui_abandon(struct tui *t)
{
	close_term_files(t);
	free(t);
}

/* Keys as the terminals that do not follow their terminfo entry send
 * them: PuTTY (the ssh of many a Windows laptop) and the Linux console
 * send Home, End and F2 their own way whatever TERM says, rxvt too, and
 * a terminal that leaves the keypad mode off sends the arrows, Home and
 * End as in its normal mode.  Without these a key came as Esc (which
 * cancels) and two or three keys taken for typing. */
static const struct {
	const char	*seq;
	int		 key;
} other_keys[] = {
	{ "\033[1~", KEY_HOME }, { "\033[4~", KEY_END },	/* PuTTY, Linux */
	{ "\033[7~", KEY_HOME }, { "\033[8~", KEY_END },	/* rxvt */
	{ "\033[H", KEY_HOME }, { "\033[F", KEY_END },	/* xterm, normal */
	{ "\033OH", KEY_HOME }, { "\033OF", KEY_END },	/* xterm, keypad */
	{ "\033[A", KEY_UP }, { "\033[B", KEY_DOWN },	/* normal mode */
	{ "\033[C", KEY_RIGHT }, { "\033[D", KEY_LEFT },
	{ "\033OA", KEY_UP }, { "\033OB", KEY_DOWN },	/* keypad mode */
	{ "\033OC", KEY_RIGHT }, { "\033OD", KEY_LEFT },
	{ "\033[12~", KEY_F(2) }, { "\033[[B", KEY_F(2) },	/* PuTTY, Linux */
	{ "\033OQ", KEY_F(2) },				/* xterm */
	/* The editing keys as nearly every terminal sends them (VT220),
	 * whatever its type says (vt100 and ansi list none). */
	{ "\033[3~", KEY_DC }, { "\033[2~", KEY_IC },
	{ "\033[5~", KEY_PPAGE }, { "\033[6~", KEY_NPAGE },
};

struct tui *
tui_new_on(uv_loop_t *loop, const struct tui_callbacks *cb, void *ctx,
    const struct tui_term *remote)
{
	struct tui	*t;
	const char	*term = getenv("TERM");
	size_t		 i;
	int		 rc;

	if (remote == NULL &&
	    (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO))) {
		fprintf(stderr, _("roundtable: standard input and output must "
		    "be a terminal (or use --headless)\n"));
		return NULL;
	}
	if (term == NULL || *term == '\0') {
		fprintf(stderr, _("roundtable: TERM is not set; set it to your "
		    "terminal's type (e.g. TERM=xterm-256color)\n"));
		return NULL;
	}
	use_utf8_locale();

	t = xcalloc(1, sizeof *t);
	t->loop = loop;
	t->cb = *cb;
	t->ctx = ctx;
	t->rows_phase = -1;
	t->frame_fd = t->tty_fd = -1;
	if (remote != NULL)
		t->screen = remote_screen(t, remote);
	else {
		t->in_fd = STDIN_FILENO;
		t->tty_fd = fcntl(STDOUT_FILENO, F_DUPFD_CLOEXEC, 3);
		t->frame_fd = t->tty_fd < 0 ? -1 :
		    memfd_create("roundtable-frame", MFD_CLOEXEC);
		t->screen = newterm(NULL, stdout, stdin);
	}
	t->stdin_flags = fcntl(t->in_fd, F_GETFL);
	if (t->screen == NULL) {
		fprintf(stderr, _("roundtable: cannot use terminal type \"%s\"\n"),
		    term);
		tui_abandon(t);
		return NULL;
	}
	set_term(t->screen);
	if (remote != NULL)
		resizeterm(remote->rows, remote->cols);
	/* Until a screen has been through endwin() once, curses takes its
	 * program for a low-level terminfo one and flushes after every
	 * cursor movement: a frame went out as one write(2) per changed
	 * run of cells (a dozen system calls for a new contribution, on
	 * every screen).  One round trip now, before any mode is set
	 * (endwin would turn the keypad's off, and only the next key read
	 * would turn it on again), while standard output is still the
	 * terminal: from then on curses writes a frame once. */
	endwin();
	doupdate();
	tui_lines_forget();
	/* No check for typed keys in the middle of an update: it would
	 * stop a frame half drawn (tui_doupdate sends the rest whole). */
	typeahead(-1);
	cbreak();
	/* A Ctrl-C (which asks, tui_interrupt) does not throw away the
	 * keys typed with it (the terminal flushes its input on a signal
	 * unless told not to). */
	noqiflush();
	noecho();
	nonl();
	keypad(stdscr, TRUE);
	nodelay(stdscr, TRUE);
	leaveok(stdscr, FALSE);
	set_escdelay(25);
	curs_set(0);
	if (has_colors()) {
		start_color();
		use_default_colors();
		init_pair(PAIR_HEADER, COLOR_WHITE, COLOR_BLUE);
		init_pair(PAIR_WARN, COLOR_WHITE, COLOR_RED);
		init_pair(PAIR_HEAD_CUE, COLOR_YELLOW, COLOR_BLUE);
		init_pair(PAIR_CUE, COLOR_YELLOW, -1);
		init_pair(PAIR_OVER, COLOR_RED, -1);
		t->colors = true;
	}
	define_key("\033[200~", KEY_PASTE_BEGIN);
	define_key("\033[201~", KEY_PASTE_END);
	for (i = 0; i < sizeof other_keys / sizeof other_keys[0]; i++)
		define_key(other_keys[i].seq, other_keys[i].key);
	bracketed_paste(t, true);

	if ((rc = uv_poll_init(loop, &t->poll, t->in_fd)) != 0) {
		tui_end_curses(t);
		if (t->stdin_flags != -1)
			fcntl(t->in_fd, F_SETFL, t->stdin_flags);
		fprintf(stderr, _("roundtable: cannot watch the terminal: %s\n"),
		    uv_strerror(rc));
		tui_release(t);
		return NULL;
	}
	/* uv_poll_init made standard input non-blocking, and with it the
	 * terminal's file description that the shell shares (and that
	 * curses writes to).  Nothing here needs it: curses reads only
	 * after its own zero-timeout wait, in nodelay mode. */
	if (t->stdin_flags != -1)
		fcntl(t->in_fd, F_SETFL, t->stdin_flags);
	t->poll.data = t;
	t->open_handles++;
	if (uv_signal_init(loop, &t->winch) != 0 ||
	    uv_prepare_init(loop, &t->prepare) != 0)
		abort();	/* no file descriptors or memory: a bug here */
	t->winch.data = t->prepare.data = t;
	t->open_handles += 2;
	tui_clock_init(t);

	uv_poll_start(&t->poll, UV_READABLE, on_stdin);
	if (!t->remote)	/* a remote terminal's size comes by tui_resize */
		uv_signal_start(&t->winch, on_winch, SIGWINCH);
	uv_prepare_start(&t->prepare, on_prepare);
	/* A resize between initscr() and the handler above was signalled
	 * to nobody: the first screen would be drawn for the old size
	 * until the next one.  Take the terminal's size as it is now. */
	follow_size(t);
	t->dirty = t->stale = true;
	return t;
}

void
tui_free(struct tui *t)
{
	if (t == NULL || t->closing)
		return;
	t->closing = true;
	tui_end_curses(t);
	uv_close((uv_handle_t *)&t->poll, tui_close_cb);
	uv_close((uv_handle_t *)&t->winch, tui_close_cb);
	uv_close((uv_handle_t *)&t->prepare, tui_close_cb);
	uv_close((uv_handle_t *)&t->clock.tick, tui_close_cb);
	/* In case anything made standard input non-blocking since. */
	if (t->stdin_flags != -1)
		fcntl(t->in_fd, F_SETFL, t->stdin_flags);
}

void
tui_resize(struct tui *t, int cols, int rows)
{
	if (t == NULL || t->closing || cols <= 0 || rows <= 0 ||
	    (rows == LINES && cols == COLS))
		return;
	take_size(t, rows, cols);
}
