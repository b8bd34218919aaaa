/*
 * overlay.c - lists the facilitators open over the phase body: the people
 * who joined (W), with keys to rename, move or remove someone and to give
 * them the floor; the groups to move someone to; the points of order (!),
 * with a key to mark one answered.
 *
 * A list is built from the workshop for each frame and each key, so it
 * never holds a pointer into a room that changed; the selection is an id
 * (a person, a group, an item), which stays valid because nothing is ever
 * deleted.  Every string from the workshop is sanitised before it is
 * drawn.  The server decides what a role may do: these keys only say
 * what was asked.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "roundtable/i18n.h"
#include "roundtable/text.h"
#include "tui-internal.h"

/* One screen line of an overlay. */
struct ov_line {
	char		*text;		/* sanitised, fits the width */
	int		 attr;
	uint32_t	 id;		/* what it shows (selectable), or 0 */
};

struct ov_list {
	char		*title;		/* sanitised */
	struct ov_line	*v;
	size_t		 n, cap;
};

static void
ov_add(struct ov_list *l, char *text, int attr, uint32_t id)
{
	if (l->n == l->cap) {
		l->cap = l->cap == 0 ? 32 : l->cap * 2;
		l->v = xrealloc(l->v, l->cap * sizeof *l->v);
	}
	l->v[l->n].text = text;
	l->v[l->n].attr = attr;
	l->v[l->n].id = id;
	l->n++;
}

/* Raw text wrapped at width, its later lines indented. */
static void
ov_wrapped(struct ov_list *l, const char *raw, int width, int attr,
    uint32_t id)
{
	char	*clean, *wrapped, *line, *nl;

	clean = text_sanitize(raw, false);
	wrapped = text_wrap(clean, (size_t)(width > 8 ? width : 8), "",
	    "     ");
	for (line = wrapped; *line != '\0'; line = nl + 1) {
		nl = strchr(line, '\n');
		ov_add(l, xstrndup(line, (size_t)(nl - line)), attr, id);
	}
	free(wrapped);
	free(clean);
}

static void
ov_free(struct ov_list *l)
{
	size_t	i;

	for (i = 0; i < l->n; i++)
		free(l->v[i].text);
	free(l->v);
	free(l->title);
	memset(l, 0, sizeof *l);
}

/* "Ana Pérez — participant · Community · present · hand up (2nd in the
 * queue)". */
static char *
person_line(const struct tui *t, const struct participant *p)
{
	const struct workshop	*ws = t->ws;
	const struct group	*g = model_group(ws, p->group);
	char			*s, *tmp, ord[32];
	size_t			 place = 0, n, i;
	uint32_t		*q;

	s = xasprintf("%s — %s", p->name != NULL ? model_person_shown(p) :
	    "?",
	    _(model_role_name(p->role)));
	if (g != NULL) {
		tmp = xasprintf("%s · %s", s, model_group_shown(g->name));
		free(s);
		s = tmp;
	}
	/* The serving facilitator is no connection, and is there while the
	 * room is. */
	/* TRANSLATORS: a person's state in the list of people, after
	 * their name, role and group: short. */
	tmp = xasprintf("%s · %s", s, p->id == t->self ? _("you") :
	    p->removed ? _("removed") : p->present ||
	    p->id == MODEL_FACILITATOR ? _("present") : _("away"));
	free(s);
	s = tmp;
	if (p->hand != 0) {
		q = xcalloc(ws->npeople + 1, sizeof *q);
		n = model_queue(ws, q, ws->npeople + 1);
		for (i = 0; i < n && i <= ws->npeople && place == 0; i++)
			if (q[i] == p->id)
				place = i + 1;
		free(q);
		/* TRANSLATORS: the first %s is the line about the person
		 * so far, the second an ordinal ("2nd"). */
		tmp = place > 0 ? xasprintf(_("%s · hand up (%s in the "
		    "queue)"), s, tui_ordinal(place, ord, sizeof ord)) :
		    xasprintf(_("%s · hand up"), s);
		free(s);
		s = tmp;
	}
	if (ws->speaker == p->id) {
		tmp = xasprintf(_("%s · has the floor"), s);
		free(s);
		s = tmp;
	}
	tmp = text_sanitize(s, false);
	free(s);
	return tmp;
}

static void
build_people(const struct tui *t, struct ov_list *l)
{
	const struct workshop	*ws = t->ws;
	size_t			 i, came = 0;

	/* Who came to this meeting of the process, beside who is here. */
	for (i = 0; i < ws->npeople; i++)
		if (model_attended(ws, ws->meeting, ws->people[i].id))
			came++;
	{
		size_t	 np = tui_count_present(ws, ROLE_PARTICIPANT);
		size_t	 no = tui_count_present(ws, ROLE_OBSERVER);
		char	*a, *b, *c;

		a = xasprintf(ngettext("%zu participant", "%zu participants",
		    np), np);
		b = xasprintf(ngettext("%zu observer", "%zu observers", no),
		    no);
		c = xasprintf(ngettext("%zu came to meeting %u",
		    "%zu came to meeting %u", came), came, ws->meeting);
		/* TRANSLATORS: the title of the list of people: "People in
		 * the room — 5 participants, 1 observer present · 6 came to
		 * meeting 2". */
		l->title = xasprintf(_("People in the room — %s, %s present · "
		    "%s"), a, b, c);
		free(a);
		free(b);
		free(c);
	}
	for (i = 0; i < ws->npeople; i++) {
		const struct participant *p = &ws->people[i];

		if (p->id == MODEL_SYSTEM || p->name == NULL)
			continue;
		ov_add(l, person_line(t, p), p->removed ? A_DIM :
		    p->present || p->id == t->self ? A_NORMAL : A_DIM, p->id);
	}
	if (l->n == 0)
		ov_add(l, xstrdup(_("Nobody has joined yet.")), A_DIM, 0);
}

static void
build_move(const struct tui *t, struct ov_list *l)
{
	const struct workshop		*ws = t->ws;
	const struct participant	*p = model_person(ws, t->ov_person);
	char				*s;
	size_t				 i;

	s = xasprintf(_("Move %s to which group?"), p != NULL && p->name != NULL ?
	    p->name : "?");
	l->title = text_sanitize(s, false);
	free(s);
	for (i = 0; i < ws->ngroups; i++) {
		s = xasprintf("%s%s", model_group_shown(ws->groups[i].name),
		    p != NULL &&
		    p->group == ws->groups[i].id ? _(" (now)") : "");
		ov_add(l, text_sanitize(s, false), A_NORMAL, ws->groups[i].id);
		free(s);
	}
	if (l->n == 0)
		ov_add(l, xstrdup(_("There are no stakeholder groups.")), A_DIM,
		    0);
}

/* Points of order, waiting ones first.  The author stays hidden when
 * they asked (the serving terminal holds it all the same) and under the
 * Chatham House Rule. */
static void
build_points(const struct tui *t, struct ov_list *l, int width)
{
	const struct workshop	*ws = t->ws;
	const uint32_t		*ids;
	size_t			 i, nids, n = 0, pass, later = 0, kept = 0;
	size_t			 waiting = tui_points_waiting(ws);
	char			*who, *s, *tmp;

	/* The serving screen is the projector: there the room reads them
	 * too, once the facilitator said so (y). */
	l->title = xasprintf(t->self == MODEL_FACILITATOR ? ngettext(
	    "Points of order — on the projected screen (%zu waiting)",
	    "Points of order — on the projected screen (%zu waiting)",
	    waiting) : ngettext("Points of order — only the facilitators see "
	    "these (%zu waiting)", "Points of order — only the facilitators "
	    "see these (%zu waiting)", waiting), waiting);
	ids = model_items_of_kind(ws, ITEM_GRIEVANCE, &nids);
	for (pass = 0; pass < 2; pass++)
		for (i = 0; i < nids; i++) {
			const struct item *it = model_item(ws, ids[i]);
			bool answered;

			if (it->kind != ITEM_GRIEVANCE || it->text == NULL ||
			    !model_item_visible(ws, it, t->self))
				continue;
			/* The projector shows what its y/n said it would:
			 * a point sent since waits for the next !. */
			if (t->self == MODEL_FACILITATOR &&
			    it->id > t->points_upto) {
				later += pass == 0;
				continue;
			}
			answered = it->status == STATUS_ANSWERED ||
			    it->status == STATUS_WITHDRAWN;
			if (answered != (pass == 1))
				continue;
			/* One answered in private stays so: the projector
			 * shows what is still waiting. */
			if (answered && t->self == MODEL_FACILITATOR) {
				kept++;
				continue;
			}
			who = (it->flags & ITEM_F_ANONYMOUS) ?
			    xstrdup(_("anonymous")) : tui_item_author(t, it);
			if (n++ > 0)
				ov_add(l, xstrdup(""), A_NORMAL, 0);
			tmp = tui_labelled(*who != '\0' ? who :
			    _("name withheld (Chatham House Rule)"), it->text);
			s = xasprintf("%s%s", tmp, answered ? _(" (answered)") :
			    "");
			free(tmp);
			ov_wrapped(l, s, width, answered ? A_DIM : A_NORMAL,
			    it->id);
			free(s);
			free(who);
		}
	if (n == 0)
		ov_add(l, xstrdup(kept > 0 ?
		    _("No point of order is waiting.") :
		    _("No points of order.")), A_DIM, 0);
	if (kept > 0) {
		ov_add(l, xstrdup(""), A_NORMAL, 0);
		ov_add(l, xasprintf(ngettext("%zu answered: not shown on the "
		    "projector; a co-facilitator's screen lists it.", "%zu "
		    "answered: not shown on the projector; a co-facilitator's "
		    "screen lists them.", kept), kept), A_DIM, 0);
	}
	if (later > 0) {
		ov_add(l, xstrdup(""), A_NORMAL, 0);
		ov_add(l, xasprintf(ngettext("%zu more since this list opened: "
		    "Esc, then ! asks before showing it.", "%zu more since "
		    "this list opened: Esc, then ! asks before showing them.",
		    later), later), A_BOLD, 0);
	}
}

/* An agenda line's columns besides the title and its note: the body's
 * indent, "12. ", the start and the timebox with their spaces, and the
 * scroll mark. */
#define AGENDA_FIXED	(4 + 4 + 1 + 5 + 1 + 7 + 2)
#define AGENDA_TITLE_MIN 30
#define AGENDA_TITLE_NARROW 10	/* on a phone, rather than the times */

/* What the room did with step i in this meeting, after its line ("   now:
 * since 10:05, 12 min so far"), or NULL for a step not begun.  Caller
 * frees. */
static char *
agenda_note(const struct tui *t, size_t i)
{
	const struct workshop	*ws = t->ws;
	char			 at[16];
	int64_t			 first, spent;

	spent = model_agenda_spent(ws, ws->meeting, i, (int64_t)time(NULL),
	    &first);
	if (i == model_step_now(ws)) {
		int64_t	since = first;
		size_t	k;

		/* Come back to it: since it came back (it said the time of
		 * the first visit), and the minutes of all its visits. */
		for (k = 0; k < ws->nvisits; k++)
			if (ws->visits[k].meeting == ws->meeting &&
			    ws->visits[k].step == i && ws->visits[k].since != 0)
				since = ws->visits[k].since;
		model_local_hhmm(since, at, sizeof at);
		if (since != first)
			/* TRANSLATORS: the agenda's line (first %s), then
			 * when the room came back to the phase and the
			 * minutes spent on it in all. */
			return xasprintf(_("%s   now: back since %s, %lld min "
			    "in all"), "", at, (long long)(spent / 60));
		/* The line itself is put before it by the caller. */
		/* TRANSLATORS: the agenda's line (first %s), then the time
		 * the phase began and the minutes spent. */
		return xasprintf(_("%s   now: since %s, %lld min so far"), "",
		    at, (long long)(spent / 60));
	}
	if (first == 0)
		return NULL;
	model_local_hhmm(first, at, sizeof at);
	/* TRANSLATORS: as above. */
	return xasprintf(_("%s   done: at %s, %lld min"), "", at,
	    (long long)((spent + 30) / 60));
}

/*
 * The agenda's title column, by display width (a title with accents
 * lines up with the others): as wide as the widest title, at least
 * AGENDA_TITLE_MIN where there is room, and no wider than leaves the
 * times on the screen (a title cut ends in "…").  The notes ("now: since
 * 10:05 ...") follow their line where they fit beside the whole titles;
 * else each goes on a line of its own beneath (*below), rather than
 * cutting the titles or the notes.
 */
static size_t
agenda_title_width(const struct tui *t, bool *below)
{
	size_t	 i, w, tw = AGENDA_TITLE_MIN, notes = 0, room;
	char	*note;

	for (i = 0; i < model_steps(t->ws); i++) {
		if ((w = text_width(tui_step_title(t, i))) > tw)
			tw = w;
		if ((note = agenda_note(t, i)) != NULL) {
			if ((w = text_width(note)) > notes)
				notes = w;
			free(note);
		}
	}
	*below = (size_t)COLS < AGENDA_FIXED + notes + tw;
	if (*below)
		notes = 0;
	/* On a phone the titles give way (cut with "…") before the
	 * planned times do (they were all "…" at 45 columns). */
	room = (size_t)COLS > AGENDA_FIXED + notes + AGENDA_TITLE_NARROW ?
	    (size_t)COLS - AGENDA_FIXED - notes : AGENDA_TITLE_NARROW;
	return tw < room ? tw : room;
}

/* s in exactly w columns: cut with "…", or padded.  Caller frees. */
static char *
agenda_cell(const char *s, size_t w)
{
	char	*cut, *out;

	if (text_width(s) <= w)
		return text_pad(s, w, false);
	cut = xstrndup(s, text_fit(s, w - 1));
	out = xasprintf("%s…", cut);
	free(cut);
	cut = text_pad(out, w, false);
	free(out);
	return cut;
}

/* Step i's line, its note after it or (below) on a second line under
 * its title.  Caller frees. */
static char *
agenda_line(const struct tui *t, size_t i, size_t tw, bool below)
{
	const struct workshop	*ws = t->ws;
	const struct step	*st = model_step(ws, i);
	char			 plan[16] = "", box[16] = "";
	char			*title, *col1, *col2, *note, *line, *s;
	int			 start;

	start = model_agenda_start(ws, ws->meeting, i);
	if (start >= 0)
		model_hhmm(start, plan, sizeof plan);
	if (st != NULL && st->minutes > 0)
		/* TRANSLATORS: a timebox in the agenda's column of 7. */
		snprintf(box, sizeof box, _("%d min"), st->minutes);
	title = agenda_cell(tui_step_title(t, i), tw);
	col1 = text_pad(plan, 5, true);
	col2 = text_pad(box, 7, true);
	note = agenda_note(t, i);
	line = xasprintf("%2zu. %s %s %s%s", i, title, col1, col2,
	    note != NULL && !below ? note : "");
	s = text_sanitize(line, false);
	free(line);
	if (note != NULL && below) {
		/* Sanitised apart: the line break between them is ours. */
		line = text_sanitize(note + strspn(note, " "), false);
		free(note);
		note = s;
		s = xasprintf("%s\n    %s", note, line);
		free(line);
	}
	free(note);
	free(title);
	free(col1);
	free(col2);
	return s;
}

char *
tui_agenda_line(const struct tui *t, size_t i)
{
	bool	below;
	size_t	tw = agenda_title_width(t, &below);

	return agenda_line(t, i, tw, below);
}

int
tui_agenda_parse(const char *s)
{
	int h, m;
	char end;

	while (*s == ' ')
		s++;
	if (*s == '\0')
		return -1;
	if (sscanf(s, "%d:%d%c", &h, &m, &end) != 2 &&
	    sscanf(s, "%d.%d%c", &h, &m, &end) != 2)
		return -2;
	if (h < 0 || h > 23 || m < 0 || m > 59)
		return -2;
	return h * 60 + m;
}

/* The day's phases with their planned start and timebox, and where the
 * room has spent its time in this meeting. */
static void
build_agenda(const struct tui *t, struct ov_list *l)
{
	const struct workshop	*ws = t->ws;
	const struct meeting	*m = model_meeting(ws, ws->meeting);
	char			 start[16], date[16], *title, *col1, *col2;
	char			*s, *nl, *note;
	size_t			 i, tw;
	bool			 below;

	if (m != NULL && m->planned > 0) {
		model_hhmm(m->planned - 1, start, sizeof start);
		/* TRANSLATORS: the meeting's number, its date, the time the
		 * day starts. */
		l->title = xasprintf(_("Agenda — meeting %u, %s · the day "
		    "starts at %s"), ws->meeting, model_date_format(m->date, date,
		    sizeof date), start);
	} else
		/* TRANSLATORS: the meeting's number, its date, then " · s
		 * sets when the day starts" for a facilitator. */
		l->title = xasprintf(_("Agenda — meeting %u, %s%s"),
		    ws->meeting, m != NULL ? model_date_format(m->date, date,
		    sizeof date) : "", tui_is_facilitator(t) ? _(" · s sets "
		    "when the day starts") : "");
	tw = agenda_title_width(t, &below);
	/* TRANSLATORS: the agenda's column heads: "Phase" over the titles
	 * (30 columns or more), then columns of 5 and 7: no longer than
	 * that. */
	title = text_pad(_("Phase"), tw, false);
	/* TRANSLATORS: the time a phase is planned to start (not the
	 * timer's "start"), a column of 5. */
	col1 = text_pad(C_("agenda", "start"), 5, true);
	/* TRANSLATORS: the minutes planned for a phase, a column of 7. */
	col2 = text_pad(_("planned"), 7, true);
	ov_add(l, xasprintf("    %s %s %s", title, col1, col2), A_BOLD, 0);
	free(title);
	free(col1);
	free(col2);
	for (i = 0; i < model_steps(ws); i++) {
		s = agenda_line(t, i, tw, below);
		/* A note below its line is a line of the same entry. */
		note = NULL;
		if ((nl = strchr(s, '\n')) != NULL) {
			note = xstrdup(nl + 1);
			*nl = '\0';
		}
		ov_add(l, s, i == model_step_now(ws) ? A_BOLD : A_NORMAL,
		    (uint32_t)i + 1);
		if (note != NULL)
			ov_add(l, note, A_DIM, (uint32_t)i + 1);
	}
}

static void
ov_build(const struct tui *t, struct ov_list *l, int width)
{
	memset(l, 0, sizeof *l);
	switch (t->overlay) {
	case OVERLAY_PEOPLE:
		build_people(t, l);
		break;
	case OVERLAY_MOVE:
		build_move(t, l);
		break;
	case OVERLAY_POINTS:
		build_points(t, l, width);
		break;
	case OVERLAY_AGENDA:
		build_agenda(t, l);
		break;
	default:
		l->title = xstrdup("");
		break;
	}
}

/* Width of the overlay's lines: the body less the selection mark. */
static int
ov_width(const struct tui *t)
{
	return t->body_w - 2 > 8 ? t->body_w - 2 : 8;
}

/* The first selectable id when sel is not in the list. */
static void
ov_fix_selection(struct tui *t, const struct ov_list *l)
{
	size_t	i;

	for (i = 0; i < l->n; i++)
		if (l->v[i].id != 0 && l->v[i].id == t->ov_sel)
			return;
	t->ov_sel = 0;
	for (i = 0; i < l->n; i++)
		if (l->v[i].id != 0) {
			t->ov_sel = l->v[i].id;
			return;
		}
}

void
tui_overlay_open(struct tui *t, enum tui_overlay which)
{
	t->overlay = which;
	t->ov_sel = 0;
	t->ov_top = 0;
	tui_dirty(t);
}

static void
ov_step(struct tui *t, const struct ov_list *l, int step)
{
	size_t	i, at = 0, n = 0;
	uint32_t *ids = xcalloc(l->n + 1, sizeof *ids), last = 0;

	for (i = 0; i < l->n; i++) {
		if (l->v[i].id != 0 && l->v[i].id != last)
			ids[n++] = l->v[i].id;
		last = l->v[i].id;
	}
	for (i = 0; i < n; i++)
		if (ids[i] == t->ov_sel)
			at = i;
	if (n > 0) {
		if (step < 0)
			at = (size_t)-step > at ? 0 : at - (size_t)-step;
		else
			at = (size_t)step >= n - at ? n - 1 : at + (size_t)step;
		t->ov_sel = ids[at];
	}
	free(ids);
}

static void
people_key(struct tui *t, int code, wint_t ch)
{
	const struct participant	*p = model_person(t->ws, t->ov_sel);
	char				*name;

	if (code != OK)
		return;
	if (p == NULL || p->name == NULL) {
		if (ch == 'E' || ch == 'M' || ch == 'X' || ch == '>')
			tui_notice(t, _("Select someone first (Up/Down)."));
		return;
	}
	if (p->id == MODEL_FACILITATOR &&
	    (ch == 'E' || ch == 'M' || ch == 'X')) {
		/* The room refuses it (target_person): said before a
		 * question and a reason are asked for nothing. */
		tui_notice(t, _("The facilitator serving the room is not "
		    "renamed, moved or removed: choose someone else."));
		return;
	}
	name = text_sanitize(model_person_shown(p), false);
	switch (ch) {
	case 'E':
		tui_open_mode(t, MODE_INPUT, INPUT_RENAME, p->id,
		    xasprintf(_("New name for %s: "), name), MODEL_NAME_MAX);
		/* Offered as it is: a typo is fixed with the arrows, and a
		 * new name typed over it (it opened empty). */
		tui_editor_offer(&t->ed, p->name);
		break;
	case 'M':
		t->ov_person = p->id;
		t->overlay = OVERLAY_MOVE;
		t->ov_sel = p->group;
		t->ov_top = 0;
		break;
	case 'X':
		tui_open_mode(t, MODE_KEY, INPUT_REMOVE_CONFIRM, p->id,
		    /* TRANSLATORS: y and n are the keys in every
		     * language. */
		    xasprintf(_("Remove %s from the room? They cannot come "
		    "back without the join code. y/n"), name), 0);
		break;
	case '>':
		tui_send(t, INTENT_SPEAKER, p->id, 0, 0, 0, NULL);
		break;
	case 'W':
		t->overlay = OVERLAY_NONE;
		break;
	}
	free(name);
}

static void
move_key(struct tui *t, int code, wint_t ch)
{
	uint32_t	who = t->ov_person, gid = t->ov_sel;

	if (!((code == OK && (ch == '\r' || ch == '\n')) ||
	    (code == KEY_CODE_YES && ch == KEY_ENTER)))
		return;
	if (model_group(t->ws, gid) == NULL)
		return;
	t->overlay = OVERLAY_PEOPLE;
	t->ov_sel = who;
	tui_send(t, INTENT_MOVE, who, (int32_t)gid, 0, 0, NULL);
}

static void
points_key(struct tui *t, int code, wint_t ch)
{
	const struct item	*it = model_item(t->ws, t->ov_sel);

	if (code != OK)
		return;
	if (ch == '!') {
		t->overlay = OVERLAY_NONE;
		return;
	}
	if (ch != 'A' && ch != 'a')
		return;
	if (it == NULL || it->kind != ITEM_GRIEVANCE) {
		tui_notice(t, _("Select a point of order first (Up/Down)."));
		return;
	}
	if (it->status == STATUS_ANSWERED) {
		tui_notice(t, _("That point of order is already answered."));
		return;
	}
	tui_send(t, INTENT_ANSWERED, it->id, 0, 0, 0, NULL);
}

/* Facilitators plan: s the day's start, + and - the selected phase's
 * timebox by five minutes. */
static void
agenda_key(struct tui *t, int code, wint_t ch)
{
	const struct meeting	*m = model_meeting(t->ws, t->ws->meeting);
	const struct step	*st;
	char			 now[16];
	int			 minutes;

	if (code != OK || (ch != 's' && ch != '+' && ch != '-'))
		return;
	if (!tui_is_facilitator(t)) {
		tui_notice(t, _("The facilitators plan the agenda; Esc closes "
		    "it."));
		return;
	}
	if (ch == 's') {
		tui_open_mode(t, MODE_INPUT, INPUT_AGENDA_START, 0,
		    xstrdup(_("The day starts at (HH:MM; empty: none): ")), 5);
		if (m != NULL && m->planned > 0) {
			model_hhmm(m->planned - 1, now, sizeof now);
			tui_editor_offer(&t->ed, now);
		}
		return;
	}
	st = t->ov_sel > 0 ? model_step(t->ws, t->ov_sel - 1) : NULL;
	if (st == NULL) {
		tui_notice(t, _("This room has no template, so its phases have "
		    "no timeboxes."));
		return;
	}
	minutes = st->minutes + (ch == '+' ? 5 : -5);
	if (minutes < 0)
		minutes = 0;
	tui_send(t, INTENT_AGENDA, t->ov_sel, AGENDA_MINUTES, minutes, 0,
	    NULL);
}

void
tui_overlay_key(struct tui *t, int code, wint_t ch)
{
	struct ov_list	l;

	ov_build(t, &l, ov_width(t));
	ov_fix_selection(t, &l);
	t->dirty = true;
	if ((code == KEY_CODE_YES && ch == KEY_UP) || (code == OK &&
	    ch == 'k')) {
		ov_step(t, &l, -1);
		goto done;
	}
	if ((code == KEY_CODE_YES && ch == KEY_DOWN) || (code == OK &&
	    ch == 'j')) {
		ov_step(t, &l, 1);
		goto done;
	}
	/* Home and End, a page up or down: a room's list can be long. */
	if (code == KEY_CODE_YES && (ch == KEY_HOME || ch == KEY_END ||
	    ch == KEY_PPAGE || ch == KEY_NPAGE)) {
		int page = LINES > 8 ? LINES - 8 : 1;

		ov_step(t, &l, ch == KEY_HOME ? -(int)l.n - 1 : ch == KEY_END ?
		    (int)l.n + 1 : ch == KEY_PPAGE ? -page : page);
		goto done;
	}
	if (code == OK && (ch == 0x1b || ch == 'q')) {
		/* Out of the group chooser, back to the people. */
		if (t->overlay == OVERLAY_MOVE) {
			t->overlay = OVERLAY_PEOPLE;
			t->ov_sel = t->ov_person;
		} else
			t->overlay = OVERLAY_NONE;
		tui_dirty(t);
		goto done;
	}
	if (code == OK && ch == '?') {
		t->mode = MODE_HELP;
		t->help_top = 0;
		t->help_at = NULL;
		goto done;
	}
	switch (t->overlay) {
	case OVERLAY_PEOPLE:
		people_key(t, code, ch);
		break;
	case OVERLAY_MOVE:
		move_key(t, code, ch);
		break;
	case OVERLAY_POINTS:
		points_key(t, code, ch);
		break;
	case OVERLAY_AGENDA:
		agenda_key(t, code, ch);
		break;
	default:
		break;
	}
	if (t->overlay == OVERLAY_NONE)
		tui_dirty(t);
done:
	ov_free(&l);
}

void
tui_overlay_draw(struct tui *t)
{
	struct ov_list	 l;
	size_t		 i, first = 0, last = 0, page;
	int		 y = t->body_y, x = t->body_x, w = t->body_w;
	bool		 found = false;

	ov_build(t, &l, ov_width(t));
	ov_fix_selection(t, &l);
	tui_put_trunc(y, x, w, l.title, A_BOLD | A_UNDERLINE);
	y += 2;
	page = t->body_h > 2 ? (size_t)t->body_h - 2 : 1;
	for (i = 0; i < l.n; i++) {
		if (l.v[i].id == 0 || l.v[i].id != t->ov_sel)
			continue;
		if (!found)
			first = i;
		last = i;
		found = true;
	}
	if (found) {
		if (last >= t->ov_top + page)
			t->ov_top = last + 1 - page;
		if (first < t->ov_top)
			t->ov_top = first;
	}
	if (l.n <= page)
		t->ov_top = 0;
	else if (t->ov_top > l.n - page)
		t->ov_top = l.n - page;
	for (i = t->ov_top; i < l.n && i < t->ov_top + page; i++, y++) {
		bool sel = found && i >= first && i <= last;
		int attr = l.v[i].attr;

		if (sel) {
			attr = (attr & ~A_DIM) | A_REVERSE;
			for (int c = 2; c < w; c++)
				tui_put(y, x + c, 1, " ", A_REVERSE);
			if (i == first || i == t->ov_top)
				tui_put(y, x, 2, "▶", A_BOLD);
		}
		tui_put_trunc(y, x + 2, w - 2, l.v[i].text, attr);
	}
	if (t->ov_top > 0)
		tui_put(t->body_y + 2, COLS - 1, 1, "↑", A_BOLD);
	if (t->ov_top + page < l.n)
		tui_put(t->body_y + 1 + (int)page, COLS - 1, 1, "↓", A_BOLD);
	ov_free(&l);
}
