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
 * decides what a role may do and its refusal comes back as a notice.
 *
 * Ownership: struct tui and its copies of strings are freed in the last
 * handle's close callback, after tui_free(); the workshop belongs to the
 * caller.  Callbacks may call back into the TUI (tui_notice, tui_ask,
 * tui_free): state is settled before each callback and nothing is touched
 * after tui_free but the closing flag.
 */
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
#include <unistd.h>

#include "roundtable/text.h"
#include "tui-internal.h"

#define CTRL_KEY(c)	((c) & 0x1f)

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
}

void
tui_notice(struct tui *t, const char *s)
{
	set_string(&t->notice, s);
	t->dirty = true;
}

void
tui_set_join_line(struct tui *t, const char *s)
{
	set_string(&t->join_line, s);
	tui_dirty(t);
}

void
tui_set_status(struct tui *t, const char *s)
{
	set_string(&t->status, s);
	tui_dirty(t);
}

void
tui_set_room(struct tui *t, const struct workshop *ws, uint32_t self)
{
	if (ws != NULL && t->ws == NULL) {
		/* In the room now: nothing more to ask. */
		t->ask = 0;
		if (t->mode == MODE_CONFIRM)
			t->mode = MODE_BROWSE;
	}
	t->ws = ws;
	t->self = self;
	tui_dirty(t);
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

/* --- intents ------------------------------------------------------------- */

static void
send_intent(struct tui *t, int type, uint32_t ref, int32_t value,
    char *text)
{
	struct intent	in;

	memset(&in, 0, sizeof in);
	in.type = type;
	in.ref = ref;
	in.value = value;
	in.text = text;
	t->cb.intent(t->ctx, &in);
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
		tui_notice(t, "There is nothing to write during Welcome; wait "
		    "for the next phase.");
		return false;
	}
	if (me != NULL && me->role == ROLE_OBSERVER) {
		tui_notice(t, "Observers can read the room but not write in "
		    "it.");
		return false;
	}
	switch (ws->phase) {
	case PHASE_DIALOGUE:
		if (ws->question == 0) {
			tui_notice(t, "the facilitator has not put a question "
			    "to the room yet");
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
			for (i = 0; i < ws->nitems && *ref == 0; i++)
				if (ws->items[i].kind == ITEM_CAUCUS_QUESTION)
					*ref = ws->items[i].id;
		break;
	case PHASE_CHARTER:
		sec = NULL;
		if (it != NULL && it->kind == ITEM_SECTION)
			sec = it;
		else if (it != NULL && it->kind == ITEM_SECTION_TEXT)
			sec = model_item(ws, it->ref);
		if (sec == NULL || sec->kind != ITEM_SECTION) {
			tui_notice(t, "Select a charter section first (Up/"
			    "Down).");
			return false;
		}
		if (sec->number == 20 || sec->number == 41) {
			tui_notice(t, sec->number == 20 ?
			    "Section 2 is filled from the room, not written." :
			    "Section 4.1 lists the adopted ground rules; "
			    "propose rules in the Ground rules phase.");
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
			*prompt = xasprintf("Your %s for %s: ", noun,
			    cs[i].number);
			return true;
		}
	}
	*prompt = xasprintf("Your %s: ", noun);
	return true;
}

static void
open_input(struct tui *t, enum input_for what, uint32_t ref, char *prompt,
    size_t max)
{
	free(t->input_prompt);
	t->input_prompt = prompt;
	t->input_for = what;
	t->input_ref = ref;
	t->input_phase = t->ws->phase;
	tui_editor_reset(&t->ed, max);
	t->mode = MODE_INPUT;
	tui_dirty(t);	/* the body loses a line to the input line */
}

static void
close_input(struct tui *t)
{
	t->mode = MODE_BROWSE;
	free(t->input_prompt);
	t->input_prompt = NULL;
	tui_dirty(t);
}

static void
key_write(struct tui *t)
{
	uint32_t	 ref;
	char		*prompt;

	if (contribution_target(t, &ref, &prompt))
		open_input(t, INPUT_CONTRIBUTE, ref, prompt, MODEL_TEXT_MAX);
}

/* Enter on the input line. */
static void
input_send(struct tui *t)
{
	char		 text[MODEL_TEXT_MAX + 1], *prompt;
	enum input_for	 what = t->input_for;
	uint32_t	 ref = t->input_ref;

	memcpy(text, t->ed.buf, t->ed.len + 1);
	text_trim(text);
	if (*text == '\0') {
		close_input(t);
		tui_notice(t, "Nothing sent: the line was empty.");
		return;
	}
	if (what == INPUT_CONTRIBUTE && t->ws->phase != t->input_phase) {
		/* The room moved on while this was typed: say so rather
		 * than file it under the wrong phase. */
		if (!contribution_target(t, &ref, &prompt)) {
			close_input(t);
			return;
		}
		free(t->input_prompt);
		t->input_prompt = prompt;
		t->input_ref = ref;
		t->input_phase = t->ws->phase;
		{
			char *s = xasprintf("The room moved to %s: Enter "
			    "sends this as your %s, Esc cancels.",
			    model_phase_name(t->ws->phase),
			    model_contribution_noun(t->ws->phase));

			tui_notice(t, s);
			free(s);
		}
		return;
	}
	close_input(t);
	/* Keys after this Enter in the same read were pasted with it (a
	 * terminal without bracketed paste): they are not commands. */
	t->after_send = true;
	if (what == INPUT_GROUP)
		send_intent(t, INTENT_GROUP_ADD, 0, 0, text);
	else
		send_intent(t, INTENT_CONTRIBUTE, ref, 0, text);
}

static void
key_withdraw(struct tui *t)
{
	const struct item	*it = selected(t);

	if (it == NULL) {
		tui_notice(t, "Select your proposal first (Up/Down).");
		return;
	}
	if (it->author != t->self || t->self == MODEL_SYSTEM) {
		tui_notice(t, "You can withdraw only your own proposals.");
		return;
	}
	send_intent(t, INTENT_WITHDRAW, it->id, 0, NULL);
}

static void
key_decide(struct tui *t, bool adopt)
{
	const struct item	*it = selected(t);

	if (it == NULL || (it->kind != ITEM_RULE &&
	    it->kind != ITEM_SECTION_TEXT)) {
		tui_notice(t, adopt ? "Select a ground rule or a proposed "
		    "charter text to adopt." : "Select a ground rule or a "
		    "proposed charter text to reject.");
		return;
	}
	/* Decided proposals leave the list of open ones: the facilitator
	 * goes on with the next. */
	if (tui_is_facilitator(t) && (it->status == STATUS_DRAFT ||
	    it->status == STATUS_PROPOSED))
		select_step(t, 1);
	send_intent(t, adopt ? INTENT_ADOPT : INTENT_REJECT, it->id, 0, NULL);
}

static void
key_question(struct tui *t)
{
	const struct item	*it = selected(t);

	if (it != NULL && it->kind == ITEM_ANSWER)
		it = model_item(t->ws, it->ref);
	if (it == NULL || it->kind != ITEM_QUESTION) {
		tui_notice(t, "Select a dialogue question first (Up/Down).");
		return;
	}
	send_intent(t, INTENT_QUESTION, it->id, 0, NULL);
}

static void
key_phase(struct tui *t, int step)
{
	int	to = t->ws->phase + step;

	if (to < 0) {
		tui_notice(t, "This is the first phase.");
		return;
	}
	if (to >= PHASE_COUNT) {
		tui_notice(t, "This is the last phase.");
		return;
	}
	send_intent(t, INTENT_PHASE, 0, to, NULL);
}

static void
key_group(struct tui *t)
{
	if (t->ws->phase != PHASE_WELCOME) {
		tui_notice(t, "Stakeholder groups are added during Welcome "
		    "(p goes back).");
		return;
	}
	open_input(t, INPUT_GROUP, 0, xstrdup("New stakeholder group: "),
	    MODEL_NAME_MAX);
}

/* Only the serving terminal hides caucus notes: it is the projector. */
static void
key_caucus_shown(struct tui *t)
{
	if (t->self != MODEL_FACILITATOR || t->ws->phase != PHASE_CAUCUS) {
		tui_notice(t, "v shows caucus notes on the projected screen, "
		    "in Caucus.");
		return;
	}
	t->caucus_shown = !t->caucus_shown;
	tui_dirty(t);
	tui_notice(t, t->caucus_shown ? "Caucus notes are shown on this "
	    "screen; v hides them again." : "Caucus notes are hidden again.");
}

/* --- selection ----------------------------------------------------------- */

/* The selectable items in screen order, each once. */
static size_t
selectable(const struct tui *t, uint32_t **out)
{
	uint32_t	*v, last = 0;
	size_t		 i, n = 0;

	v = xcalloc(t->rows.n + 1, sizeof *v);
	for (i = t->rows.nfixed; i < t->rows.n; i++) {
		uint32_t id = t->rows.v[i].item;

		if (id != 0 && id != last)
			v[n++] = id;
		last = id;
	}
	*out = v;
	return n;
}

static void
select_step(struct tui *t, int step)
{
	uint32_t	*v;
	size_t		 n, i, at = 0;
	long		 to;

	tui_views_build(t);
	n = selectable(t, &v);
	if (n == 0) {
		free(v);
		return;
	}
	for (i = 0; i < n; i++)
		if (v[i] == t->sel)
			at = i;
	to = (long)at + step;
	if (to < 0)
		to = 0;
	if (to >= (long)n)
		to = (long)n - 1;
	t->sel = v[to];
	free(v);
	t->free_scroll = false;
	tui_dirty(t);
}

/* PgUp/PgDn: a page at a time; the selection follows into view. */
static void
select_page(struct tui *t, int dir)
{
	size_t	page, nscroll, a, b, i;

	tui_views_build(t);
	page = tui_views_page(t);
	nscroll = t->rows.n - t->rows.nfixed;
	if (dir > 0)
		t->top += page > 1 ? page - 1 : 1;
	else
		t->top = t->top > page - 1 ? t->top - (page > 1 ? page - 1 :
		    1) : 0;
	if (nscroll <= page)
		t->top = 0;
	else if (t->top > nscroll - page)
		t->top = nscroll - page;
	t->free_scroll = false;
	if (tui_views_find(t, t->sel, &a, &b) && a >= t->top &&
	    b < t->top + page) {
		t->dirty = true;
		return;
	}
	/* The first item starting on the new page, else leave the
	 * selection where it was and let the page show text without one. */
	t->free_scroll = true;
	for (i = t->top; i < t->top + page && i < nscroll; i++) {
		const struct row *r = &t->rows.v[t->rows.nfixed + i];

		if (r->item != 0 && (i == 0 ||
		    t->rows.v[t->rows.nfixed + i - 1].item != r->item)) {
			t->sel = r->item;
			t->free_scroll = false;
			break;
		}
	}
	tui_dirty(t);
}

static void
select_end(struct tui *t, bool last)
{
	uint32_t	*v;
	size_t		 n;

	tui_views_build(t);
	n = selectable(t, &v);
	if (n > 0)
		t->sel = last ? v[n - 1] : v[0];
	free(v);
	t->top = last ? t->rows.n : 0;
	t->free_scroll = false;
	tui_dirty(t);
}

/* --- keys ---------------------------------------------------------------- */

static void
key_browse(struct tui *t, int code, wint_t ch)
{
	/* The room may have changed since the last frame: act on what is
	 * there now. */
	tui_views_build(t);
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
			key_write(t);
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
	case '\r':
	case '\n':
		key_write(t);
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
	case '?':
		t->mode = MODE_HELP;
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
			tui_notice(t, "Press w to write, ? for the list of "
			    "keys.");
		break;
	}
}

static void
key_input(struct tui *t, int code, wint_t ch)
{
	switch (tui_editor_key(&t->ed, code, ch, t->pasting || t->burst)) {
	case EDITOR_SEND:
		input_send(t);
		break;
	case EDITOR_CANCEL:
		close_input(t);
		break;
	case EDITOR_FULL:
		tui_notice(t, "That is as long as the text can be; the rest "
		    "was left out.");
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

	if (what == TUI_ASK_GROUP) {
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
			    "Type the join code first." :
			    "Type your name first.");
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
		tui_notice(t, what == TUI_ASK_CODE ? "A join code is shorter "
		    "than that." : "A name is shorter than that.");
		break;
	}
}

static void
key_confirm(struct tui *t, wint_t ch)
{
	t->mode = MODE_BROWSE;
	if (ch == 'y' || ch == 'Y')
		t->cb.quit(t->ctx);
}

static void
tui_key(struct tui *t, int code, wint_t ch)
{
	if (code == KEY_CODE_YES && ch == KEY_RESIZE) {
		tui_dirty(t);
		return;
	}
	if (code == KEY_CODE_YES && (ch == KEY_PASTE_BEGIN ||
	    ch == KEY_PASTE_END)) {
		t->pasting = ch == KEY_PASTE_BEGIN;
		return;
	}
	/* Any key dismisses the notice; what it does may set another. */
	if (t->notice != NULL) {
		free(t->notice);
		t->notice = NULL;
	}
	t->dirty = true;

	if (t->mode == MODE_HELP) {
		t->mode = MODE_BROWSE;
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
	if (t->mode == MODE_INPUT && t->ws != NULL) {
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
		else if (code == OK && ch == '?')
			t->mode = MODE_HELP;
		return;
	}
	key_browse(t, code, ch);
}

/* --- libuv handles ------------------------------------------------------- */

/* Nothing to read although stdin was readable: the terminal may be gone,
 * and then poll would wake us forever. */
static bool
stdin_gone(struct tui *t)
{
	struct pollfd	pfd = { .fd = 0, .events = POLLIN };

	if (++t->empty_wakeups >= EMPTY_WAKEUPS_MAX)
		return true;
	if (poll(&pfd, 1, 0) == 1 &&
	    (pfd.revents & (POLLHUP | POLLERR | POLLNVAL)) != 0)
		return true;
	return false;
}

static void
on_stdin(uv_poll_t *h, int status, int events)
{
	struct tui	*t = h->data;
	struct {
		int	 code;
		wint_t	 ch;
	}		 batch[KEY_BATCH];
	size_t		 n, i, got = 0;
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
			t->burst = i + 1 < n;
			tui_key(t, batch[i].code, batch[i].ch);
		}
		got += n;
		if (n < KEY_BATCH || t->closing)
			break;
	}
	t->burst = false;
	t->after_send = false;
	if (got > 0)
		t->empty_wakeups = 0;
	else if (!t->closing && stdin_gone(t)) {
		uv_poll_stop(&t->poll);
		t->cb.quit(t->ctx);
	}
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
	    w.ws_col > 0)
		resizeterm(w.ws_row, w.ws_col);
	else {
		endwin();
		refresh();
	}
	clearok(curscr, TRUE);
	tui_dirty(t);
}

static void
on_prepare(uv_prepare_t *h)
{
	struct tui	*t = h->data;

	if (t->closing || !t->dirty)
		return;
	t->dirty = false;
	tui_views_draw(t);
}

/* --- life ---------------------------------------------------------------- */

/* ncursesw needs a UTF-8 character type to read and draw UTF-8. */
static void
use_utf8_locale(void)
{
	const char	*cs;

	setlocale(LC_ALL, "");
	cs = nl_langinfo(CODESET);
	if (cs != NULL && strcmp(cs, "UTF-8") == 0)
		return;
	if (setlocale(LC_CTYPE, "C.UTF-8") == NULL)
		setlocale(LC_CTYPE, "en_US.UTF-8");
}

static void
bracketed_paste(bool on)
{
	fputs(on ? "\033[?2004h" : "\033[?2004l", stdout);
	fflush(stdout);
}

static void
tui_release(struct tui *t)
{
	free(t->join_line);
	free(t->status);
	free(t->notice);
	free(t->ask_message);
	free(t->input_prompt);
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

static void
tui_end_curses(struct tui *t)
{
	endwin();
	bracketed_paste(false);
	delscreen(t->screen);
	t->screen = NULL;
}

struct tui *
tui_new(uv_loop_t *loop, const struct tui_callbacks *cb, void *ctx)
{
	struct tui	*t;
	const char	*term = getenv("TERM");
	int		 rc;

	if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) {
		fprintf(stderr, "roundtable: standard input and output must "
		    "be a terminal (or use --headless)\n");
		return NULL;
	}
	if (term == NULL || *term == '\0') {
		fprintf(stderr, "roundtable: TERM is not set; set it to your "
		    "terminal's type (e.g. TERM=xterm-256color)\n");
		return NULL;
	}
	use_utf8_locale();

	t = xcalloc(1, sizeof *t);
	t->loop = loop;
	t->cb = *cb;
	t->ctx = ctx;
	t->rows_phase = -1;
	t->stdin_flags = fcntl(STDIN_FILENO, F_GETFL);

	t->screen = newterm(NULL, stdout, stdin);
	if (t->screen == NULL) {
		fprintf(stderr, "roundtable: cannot use terminal type \"%s\"\n",
		    term);
		free(t);
		return NULL;
	}
	set_term(t->screen);
	cbreak();
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
		init_pair(1, COLOR_WHITE, COLOR_BLUE);
		init_pair(2, COLOR_WHITE, COLOR_RED);
		t->colors = true;
	}
	define_key("\033[200~", KEY_PASTE_BEGIN);
	define_key("\033[201~", KEY_PASTE_END);
	bracketed_paste(true);

	if ((rc = uv_poll_init(loop, &t->poll, STDIN_FILENO)) != 0) {
		tui_end_curses(t);
		if (t->stdin_flags != -1)
			fcntl(STDIN_FILENO, F_SETFL, t->stdin_flags);
		fprintf(stderr, "roundtable: cannot watch the terminal: %s\n",
		    uv_strerror(rc));
		tui_release(t);
		return NULL;
	}
	/* uv_poll_init made standard input non-blocking, and with it the
	 * terminal's file description that the shell shares (and that
	 * curses writes to).  Nothing here needs it: curses reads only
	 * after its own zero-timeout wait, in nodelay mode. */
	if (t->stdin_flags != -1)
		fcntl(STDIN_FILENO, F_SETFL, t->stdin_flags);
	t->poll.data = t;
	t->open_handles++;
	if (uv_signal_init(loop, &t->winch) != 0 ||
	    uv_prepare_init(loop, &t->prepare) != 0)
		abort();	/* no file descriptors or memory: a bug here */
	t->winch.data = t->prepare.data = t;
	t->open_handles += 2;

	uv_poll_start(&t->poll, UV_READABLE, on_stdin);
	uv_signal_start(&t->winch, on_winch, SIGWINCH);
	uv_prepare_start(&t->prepare, on_prepare);
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
	/* In case anything made standard input non-blocking since. */
	if (t->stdin_flags != -1)
		fcntl(STDIN_FILENO, F_SETFL, t->stdin_flags);
}
