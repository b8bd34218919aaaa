/*
 * actions.c - the action plan (phases 7 and 8): the table every screen
 * shows, and the card an action opens into, with keys to fill it in.
 *
 * The table has one row per action, in plan order (model_action_order:
 * by dots, then by number; withdrawn and merged ones left out), dropped
 * ones greyed at the end:
 *
 *	 #  ●N ★S What            Who          When        Status
 *
 * "#" is the place in the plan, "●N" the dots of the revealed dot vote
 * (during an open one, a participant's own dots), "★" a quick win, S/M/L
 * the term, "•" before the number an action of the viewer's (they own it
 * or proposed it).  Every column but What and Who has a fixed width, and
 * those two share what is left (What two thirds), so the table fits 80
 * columns and a wider screen widens What and Who.  Widths are display
 * columns; a cut cell ends in "…".
 *
 * Keys (besides the table's j/k):
 *	w		Action plans: propose an action (its "what")
 *	Enter		open the selected action's card
 * and in the card (its bottom line lists those the viewer may use):
 *	e what · h how · d due date · o add owner (a picker of groups,
 *	then people) · O remove owner · l add milestone ("YYYY-MM-DD
 *	what") · 1-9 tick/untick milestone N, after y · r resources · $ cost
 *	("1500.50 USD") · y provider · t term (none, short, medium, long)
 *	· * quick win · s status (1 in progress, 2 done, 3 dropped, 4
 *	proposed) · a agree · A take the agreement back · p progress
 *	report · i the indicator it works on (a picker of the adopted
 *	ones and "none"; Enter links) · ↑↓ PgUp/PgDn scroll · Esc or q
 *	close.
 *
 * Every prompt checks what was typed with the model's own rules
 * (model_date_parse, money_parse for a cost as the language writes it,
 * model_check_text) before anything is sent: a mistake is said on the
 * status line and the input stays open with the text.  Who may change
 * what is the model's business; the card only leaves out the keys a
 * viewer cannot use, and the server's refusals come back as notices.
 *
 * Like the other views, nothing here keeps a pointer into the workshop
 * between frames: the card and its pickers are rebuilt for each frame
 * and each key from t->card (an item id) and t->card_pick.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "roundtable/i18n.h"
#include "roundtable/money.h"
#include "roundtable/text.h"
#include "tui-internal.h"

/* What the input line (or the one-key question) of INPUT_ACTION is for:
 * t->input_value. */
enum action_input {
	AIN_NEW = 1,		/* a new action's what */
	AIN_WHAT,
	AIN_HOW,
	AIN_DUE,
	AIN_MILESTONE,
	AIN_RESOURCES,
	AIN_COST,
	AIN_PROVIDER,
	AIN_PROGRESS,
	AIN_STATUS,		/* one key */
	AIN_TICK,		/* y/n: a milestone done or not */
};

/* The owner picker lists groups and people: a group's entry carries
 * this bit (ids of both start at 1). */
#define PICK_GROUP	0x80000000u
/* The indicator picker's "no indicator" entry. */
#define PICK_NONE	0x7fffffffu

/* Fixed columns of the table. */
#define COL_WHEN	10	/* "2027-01-15" */
#define COL_STATUS	11	/* "in progress" */

/* --- small helpers ------------------------------------------------------- */

static void
append(char **s, const char *add)
{
	char	*tmp = xasprintf("%s%s", *s, add);

	free(*s);
	*s = tmp;
}

/* Appends s (sanitised) to *line in exactly w columns: cut with "…" or
 * padded with spaces, on the left when right. */
static void
cell(char **line, const char *s, int w, bool right)
{
	char	*cut;
	int	 sw;

	if (w <= 0)
		return;
	sw = (int)text_width(s);
	if (sw > w) {
		cut = xstrndup(s, text_fit(s, (size_t)(w - 1)));
		append(&cut, "…");
	} else
		cut = xstrdup(s);
	sw = (int)text_width(cut);
	if (right)
		while (sw++ < w)
			append(line, " ");
	append(line, cut);
	if (!right)
		while (sw++ < w)
			append(line, " ");
	free(cut);
}

/* The action item id, if it is one the viewer sees; else NULL. */
static const struct item *
action_item(const struct tui *t, uint32_t id)
{
	const struct item	*it;

	if (t->ws == NULL || (it = model_item(t->ws, id)) == NULL ||
	    it->kind != ITEM_ACTION || it->action == NULL ||
	    !tui_item_shown(t, it))
		return NULL;
	return it;
}

static bool
withdrawn(const struct item *it)
{
	return it->status == STATUS_WITHDRAWN || it->status ==
	    STATUS_MERGED || it->status == STATUS_REJECTED;
}

/* Greyed at the end of the plan. */
static bool
set_aside(const struct item *it)
{
	return withdrawn(it) || it->action->status == ACTION_DROPPED;
}

/*
 * The actions the viewer sees in table order: plan order, those set
 * aside last.  Caller frees; the count in *n.
 */
static uint32_t *
plan(const struct tui *t, size_t *n)
{
	const struct workshop	*ws = t->ws;
	uint32_t		*order, *v;
	size_t			 i, got, k = 0;
	int			 pass;

	got = model_action_order(ws, NULL, 0);
	order = xcalloc(got + 1, sizeof *order);
	got = model_action_order(ws, order, got + 1);
	v = xcalloc(got + 1, sizeof *v);
	for (pass = 0; pass < 2; pass++)
		for (i = 0; i < got; i++) {
			const struct item *it = action_item(t, order[i]);

			if (it != NULL && set_aside(it) == (pass == 1))
				v[k++] = it->id;
		}
	free(order);
	*n = k;
	return v;
}

/* An action's number: the same on every screen and in the report, and
 * it does not change when a dot vote sorts the table. */
static size_t
plan_number(const struct tui *t, uint32_t id)
{
	return model_action_number(t->ws, id);
}

/* Is the viewer a member of group gid who answers for it? */
static bool
my_group(const struct tui *t, uint32_t gid)
{
	const struct participant	*me = model_person(t->ws, t->self);

	return gid != 0 && me != NULL && me->role == ROLE_PARTICIPANT &&
	    me->group == gid;
}

/* An action of the viewer's: they own it (in person or by their group)
 * or proposed it. */
static bool
mine(const struct tui *t, const struct item *it)
{
	return (it->author != 0 && it->author == t->self) ||
	    model_action_owner(t->ws, it, t->self);
}

/* Has the viewer agreed to it (as an owner or a facilitator)? */
static bool
agreed_by_me(const struct tui *t, const struct item *it)
{
	const struct action	*a = it->action;
	size_t			 i;

	if (tui_is_facilitator(t))
		return a->fac_agreed;
	for (i = 0; i < a->nowners; i++)
		if (a->owners[i].committed && ((a->owners[i].person != 0 &&
		    a->owners[i].person == t->self) ||
		    my_group(t, a->owners[i].group)))
			return true;
	return false;
}

/* An owner's name, sanitised: "Police" or "José Núñez"; with long, the
 * person's group too and "(group)" after a group. */
static char *
owner_name(const struct workshop *ws, const struct owner *o, bool lng)
{
	const struct group		*g;
	const struct participant	*p;
	char				*s, *clean;

	if (o->group != 0) {
		g = model_group(ws, o->group);
		/* TRANSLATORS: an action's owner that is a stakeholder
		 * group: "Police (group)". */
		s = lng ? xasprintf(_("%s (group)"), g != NULL ?
		    model_group_shown(g->name) : "?") : xstrdup(g != NULL ?
		    model_group_shown(g->name) : "?");
	} else if (lng)
		return tui_person_label(ws, o->person, (p = model_person(ws,
		    o->person)) != NULL ? p->group : 0);
	else {
		p = model_person(ws, o->person);
		s = xstrdup(p != NULL && p->name != NULL ? model_person_shown(p) :
		    "?");
	}
	clean = text_sanitize(s, false);
	free(s);
	return clean;
}

/* "Police, José Núñez", or "—". */
static char *
owners_text(const struct workshop *ws, const struct action *a)
{
	char	*s = xstrdup(""), *name;
	size_t	 i;

	for (i = 0; i < a->nowners; i++) {
		name = owner_name(ws, &a->owners[i], false);
		if (i > 0)
			append(&s, ", ");
		append(&s, name);
		free(name);
	}
	if (*s == '\0')
		append(&s, "—");
	return s;
}

static const char *
term_letter(int term)
{
	switch (term) {
	case TERM_SHORT:
		/* TRANSLATORS: one letter in the action plan's table for
		 * a short-term action, as in "S/M/L term" below it. */
		return _("S");
	case TERM_MEDIUM:
		/* TRANSLATORS: one letter for a medium-term action. */
		return _("M");
	case TERM_LONG:
		/* TRANSLATORS: one letter for a long-term action. */
		return _("L");
	}
	return " ";
}

/* The open dot vote over this phase's actions, if the viewer places
 * dots in it. */
static const struct poll *
open_dots(const struct tui *t)
{
	const struct poll		*p = tui_open_poll(t);
	const struct participant	*me = model_person(t->ws, t->self);

	if (p == NULL || p->kind != POLL_DOTS || p->phase != t->ws->phase ||
	    me == NULL || me->role != ROLE_PARTICIPANT)
		return NULL;
	return p;
}

/* The dots cell: the viewer's own during an open dot vote ("○", "●●",
 * "●5"), else the revealed count ("●3"), else "". */
static char *
dots_text(const struct tui *t, uint32_t id)
{
	const struct poll	*p = open_dots(t);
	size_t			 i;
	int			 n = 0;
	bool			 listed = false;
	char			*s;

	if (p != NULL) {
		for (i = 0; i < p->noptions; i++)
			if (p->options[i] == id)
				listed = true;
		if (listed) {
			for (i = 0; i < p->nvotes; i++)
				if (p->votes[i].voter == t->self &&
				    p->votes[i].answer == (int32_t)id)
					n += p->votes[i].weight;
			if (n == 0)
				return xstrdup("○");
			if (n > 3)
				return xasprintf("●%d", n);
			s = xstrdup("");
			while (n-- > 0)
				append(&s, "●");
			return s;
		}
	}
	if ((n = model_action_dots(t->ws, id)) >= 0)
		return xasprintf("●%d", n);
	return xstrdup("");
}

static const char *
status_text(const struct item *it)
{
	/* An action's own words, apart from an item's: a language whose
	 * words agree with "action" says them its way (une action
	 * proposée).  The context is "action status" here and in the
	 * export; the table below is for xgettext. */
	static const char *const marked[] = {
		NC_("action status", "proposed"), NC_("action status", "agreed"),
		NC_("action status", "in progress"),
		NC_("action status", "done"), NC_("action status", "dropped"),
		NC_("action status", "withdrawn"),
		NC_("action status", "merged"),
		/* TRANSLATORS: an action's status, in an 11-column cell. */
		NC_("action status", "not adopted"),
	};

	(void)marked;
	if (it->status == STATUS_WITHDRAWN)
		return C_("action status", "withdrawn");
	if (it->status == STATUS_MERGED)
		return C_("action status", "merged");
	if (it->status == STATUS_REJECTED)
		return C_("action status", "not adopted");
	return C_("action status", model_action_status_name(
	    it->action->status));
}

/* --- the table ----------------------------------------------------------- */

struct table {
	int	 numw, dotsw;	/* "#" and "●N" */
	int	 what, who;	/* what is left, shared */
};

static void
table_widths(const struct tui *t, const uint32_t *v, size_t n,
    struct table *tb)
{
	char	 num[24], *d;
	size_t	 i;
	int	 fixed, rest, w, widest;

	/* Numbers never change (model_action_number): the widest is the
	 * newest action's. */
	tb->numw = 1;
	for (i = 0; i < n; i++) {
		snprintf(num, sizeof num, "%zu", plan_number(t, v[i]));
		if ((int)strlen(num) > tb->numw)
			tb->numw = (int)strlen(num);
	}
	tb->dotsw = 0;
	for (i = 0; i < n; i++) {
		d = dots_text(t, v[i]);
		w = (int)text_width(d);
		if (w > tb->dotsw)
			tb->dotsw = w;
		free(d);
	}
	/* "•12 ●3 ★S What Who 2027-01-15 in progress" */
	fixed = 1 + tb->numw + 1 + (tb->dotsw > 0 ? tb->dotsw + 1 : 0) + 3 +
	    1 + 1 + COL_WHEN + 1 + COL_STATUS;
	rest = t->rows_width - fixed;
	if (rest < 16)
		rest = 16;
	/* Who takes what its widest entry needs, up to a third (36
	 * columns at most): a plan with no owners yet left What cut
	 * beside a column of dashes. */
	widest = (int)text_width(_("Who"));
	for (i = 0; i < n; i++) {
		const struct item	*it = model_item(t->ws, v[i]);
		char			*who = owners_text(t->ws, it->action);

		d = text_sanitize(who, false);
		w = (int)text_width(d);
		if (w > widest)
			widest = w;
		free(d);
		free(who);
	}
	tb->who = rest / 3;
	if (tb->who > 36)
		tb->who = 36;
	if (tb->who > widest)
		tb->who = widest;
	if (tb->who < 6)
		tb->who = 6;
	tb->what = rest - tb->who;
}

/* One line of the table; the cells sanitised here. */
static char *
table_line(const struct table *tb, const char *mark, const char *num,
    const char *dots, const char *flags, const char *what, const char *who,
    const char *when, const char *status)
{
	char	*line = xstrdup(""), *c;

	cell(&line, mark, 1, false);
	cell(&line, num, tb->numw, true);
	append(&line, " ");
	if (tb->dotsw > 0) {
		cell(&line, dots, tb->dotsw, false);
		append(&line, " ");
	}
	cell(&line, flags, 2, false);
	append(&line, " ");
	c = text_sanitize(what, false);
	cell(&line, c, tb->what, false);
	free(c);
	append(&line, " ");
	c = text_sanitize(who, false);
	cell(&line, c, tb->who, false);
	free(c);
	append(&line, " ");
	cell(&line, when, COL_WHEN, false);
	append(&line, " ");
	cell(&line, status, COL_STATUS, false);
	/* No trailing spaces: the row is drawn as it is. */
	while (*line != '\0' && line[strlen(line) - 1] == ' ')
		line[strlen(line) - 1] = '\0';
	return line;
}

/* A dim note wrapped at the body width (raw text). */
static void
note(struct tui *t, int indent, const char *s)
{
	char	*clean, *wrapped, *line, *nl, *pad;
	int	 width = t->rows_width - indent;

	clean = text_sanitize(s, false);
	pad = xasprintf("%*s", indent, "");
	wrapped = text_wrap(clean, width > 8 ? (size_t)width : 8, pad, pad);
	for (line = wrapped; *line != '\0'; line = nl + 1) {
		nl = strchr(line, '\n');
		tui_rows_add(t, xstrndup(line, (size_t)(nl - line)), A_DIM, 0);
	}
	free(wrapped);
	free(pad);
	free(clean);
}

/* Below this many columns for its words the plan is not a table. */
#define NARROW_WHAT	24

/* An action of the plan on a narrow screen: "•1 ●2 ★S Repair the street
 * lights" wrapped, then "Traders · 2027-02-28 · agreed". */
static void
narrow_entry(struct tui *t, uint32_t id, bool *any_mine)
{
	const struct item	*it = model_item(t->ws, id);
	const struct action	*a = it->action;
	bool			 own = mine(t, it);
	int			 attr = set_aside(it) ? A_DIM : A_NORMAL;
	char			 date[16], *who, *dots, *head, *s, *clean;

	*any_mine |= own;
	/* While the dot vote is open the list marks each entry with the
	 * viewer's dots itself (add_text): not twice. */
	dots = tui_dot_mark(t, id);
	if (dots != NULL) {
		free(dots);
		dots = xstrdup("");
	} else
		dots = dots_text(t, id);
	head = xasprintf("%s%zu %s%s%s%s ", own ? "•" : " ",
	    plan_number(t, id), dots, *dots != '\0' ? " " : "",
	    a->quick_win ? "★" : "", term_letter(a->term));
	tui_add_entry(t, 1, head, it->text, attr, id);
	model_date_format(a->due, date, sizeof date);
	who = owners_text(t->ws, a);
	s = xasprintf("%s · %s · %s", who, *date != '\0' ? date : "—",
	    status_text(it));
	clean = text_sanitize(s, false);
	tui_add_text(t, 4, "", clean, NULL, A_DIM, id);
	free(clean);
	free(s);
	free(who);
	free(head);
	free(dots);
}

static bool
revealed_dots(const struct tui *t, const uint32_t *v, size_t n)
{
	size_t	i;

	for (i = 0; i < n; i++)
		if (model_action_dots(t->ws, v[i]) >= 0)
			return true;
	return false;
}

void
tui_actions_table(struct tui *t)
{
	const struct workshop		*ws = t->ws;
	const struct participant	*me = model_person(ws, t->self);
	struct table			 tb;
	uint32_t			*v;
	size_t				 n, i;
	char				 num[24], date[16], flags[16];
	char				*who, *dots, *line;
	bool				 any_mine = false, writes;

	v = plan(t, &n);
	writes = me == NULL || me->role != ROLE_OBSERVER;
	if (ws->phase == PHASE_FOLLOWUP)
		tui_add_heading(t, _("Action plan under review"));
	else
		tui_add_heading(t, revealed_dots(t, v, n) ?
		    _("Action plan — in order of dots") : _("Action plan"));
	if (n == 0) {
		note(t, 2, ws->phase == PHASE_ACTIONS && writes ?
		    _("No actions yet — press w to propose one.") :
		    _("No actions yet."));
		free(v);
		return;
	}
	table_widths(t, v, n, &tb);
	/* On a phone the columns left a few letters of each action
	 * ("Repair th…", "agr"): there each action is its words, whole,
	 * and beneath them who, when and its status. */
	if (tb.what < NARROW_WHAT) {
		for (i = 0; i < n; i++)
			narrow_entry(t, v[i], &any_mine);
		free(v);
		goto legend;
	}
	/* TRANSLATORS: the action plan's column headings; "When" and
	 * "Status" have 10 and 11 columns. */
	tui_rows_add(t, table_line(&tb, "", "#", "", "", _("What"), _("Who"),
	    _("When"), _("Status")), A_BOLD, 0);
	/* The headings stay in view while the table is scrolled. */
	t->rows.sticky = t->rows.n - 1;
	for (i = 0; i < n; i++) {
		const struct item	*it = model_item(ws, v[i]);
		const struct action	*a = it->action;
		bool			 own = mine(t, it);

		any_mine |= own;
		snprintf(num, sizeof num, "%zu", plan_number(t, v[i]));
		snprintf(flags, sizeof flags, "%s%s", a->quick_win ? "★" :
		    " ", term_letter(a->term));
		model_date_format(a->due, date, sizeof date);
		who = owners_text(ws, a);
		dots = dots_text(t, it->id);
		line = table_line(&tb, own ? "•" : "", num, dots, flags,
		    it->text, who, *date != '\0' ? date : "—",
		    status_text(it));
		tui_rows_add(t, line, set_aside(it) ? A_DIM : A_NORMAL,
		    it->id);
		free(dots);
		free(who);
	}
	t->rows.sticky_end = t->rows.n;
	free(v);
legend:
	/* TRANSLATORS: the legend under the action plan's table; the
	 * letters are those of the table (short, medium, long term). */
	line = xasprintf("%s%s", any_mine ? _("• yours · ") : "",
	    ws->phase == PHASE_ACTIONS && writes ? _("★ quick win · S/M/L "
	    "term · ●N dots — Enter opens the selected action, w proposes "
	    "one.") : _("★ quick win · S/M/L term · ●N dots — Enter opens "
	    "the selected action."));
	note(t, 0, line);
	free(line);
}

bool
tui_action_selected(const struct tui *t)
{
	return action_item(t, t->sel) != NULL;
}

/* --- the input line ------------------------------------------------------ */

static void
send_full(struct tui *t, int type, uint32_t ref, int32_t value,
    int32_t value2, uint32_t flags, const char *text, const char *text2)
{
	struct intent	in;

	memset(&in, 0, sizeof in);
	in.type = type;
	in.ref = ref;
	in.value = value;
	in.value2 = value2;
	in.flags = flags;
	in.text = (char *)text;
	in.text2 = (char *)text2;
	/* A change to an action someone has agreed to takes their
	 * agreement back (the model's ACTION_F_UNAGREE): said to whoever
	 * makes it. */
	if (model_action_unagrees(model_item(t->ws, ref), &in))
		tui_notice(t, _("The agreements given to it are taken back: "
		    "its owners agree again to the action as it now stands."));
	t->cb.intent(t->ctx, &in);
}

/* A mistake in what was typed: said on the status line, the input stays
 * open with the text. */
static void
refuse(struct tui *t, const char *fmt, const char *what)
{
	char	*s = xasprintf(fmt, what);

	tui_notice(t, s);
	free(s);
}

/* The model's refusal of what was typed, in the viewer's language. */
static void
refuse_model(struct tui *t, const struct model_error *err)
{
	char	*msg = i18n_from_wire(err->msg, model_words);

	refuse(t, _("%s (Esc cancels)."), msg);
	free(msg);
}

/* The texts typed at the input line: the name the model's rules give
 * each in their refusals (model_check_text, English, translated with
 * the model's words), and what is said here when one is too long. */
static const struct {
	int		 field;
	const char	*what;
	const char	*too_long;
} text_fields[] = {
	{ AIN_WHAT, "action", N_("The action is too long: %zu bytes, at most "
	    "%zu — shorten it or Esc.") },
	/* TRANSLATORS: "how" is the field saying how an action is done. */
	{ AIN_HOW, "how", N_("The how is too long: %zu bytes, at most %zu — "
	    "shorten it or Esc.") },
	{ AIN_RESOURCES, "resources", N_("The resources are too long: %zu "
	    "bytes, at most %zu — shorten them or Esc.") },
	{ AIN_PROVIDER, "provider", N_("The provider is too long: %zu bytes, "
	    "at most %zu — shorten it or Esc.") },
	{ AIN_MILESTONE, "milestone", N_("The milestone is too long: %zu "
	    "bytes, at most %zu — shorten it or Esc.") },
	{ AIN_PROGRESS, "progress report", N_("The progress report is too "
	    "long: %zu bytes, at most %zu — shorten it or Esc.") },
};

/* Checks one line of text typed for field (AIN_NEW: as AIN_WHAT)
 * against the model's rules for max bytes; false with a notice. */
static bool
text_ok(struct tui *t, const char *text, size_t max, int field)
{
	struct model_error	err;
	char			*s;
	size_t			 i = 0;

	while (i + 1 < sizeof text_fields / sizeof text_fields[0] &&
	    text_fields[i].field != (field == AIN_NEW ? AIN_WHAT : field))
		i++;
	if (strlen(text) > max) {
		s = xasprintf(_(text_fields[i].too_long), strlen(text), max);
		tui_notice(t, s);
		free(s);
		return false;
	}
	if (model_check_text(text, max, false, text_fields[i].what,
	    &err) != 0) {
		refuse_model(t, &err);
		return false;
	}
	return true;
}

/* "2027-01-15" typed; false with the model's sentence. */
static bool
date_ok(struct tui *t, const char *s, int32_t *date)
{
	struct model_error	 err;
	char			*msg;

	if (model_date_parse(s, date, &err) != 0) {
		/* "not a date: 2027-02-30 (February 2027 has 28 days)" */
		msg = i18n_from_wire(err.msg, model_words);
		tui_notice(t, msg);
		free(msg);
		return false;
	}
	return true;
}

/* A cost as the person's language writes it ("4 500,50 €", "USD
 * 1500.50": money_parse) into the model's amount and currency; false
 * with a notice. */
static bool
cost_ok(struct tui *t, const char *s, struct money *m)
{
	char	why[256];

	if (money_parse(s, m, why, sizeof why) != 0) {
		refuse(t, _("%s (Esc cancels)."), why);
		return false;
	}
	return true;
}

/* The action an input line was opened for, still there; else a notice
 * and the input closed. */
static const struct item *
input_action(struct tui *t)
{
	const struct item	*it = action_item(t, t->input_ref);

	if (it == NULL) {
		tui_close_input(t);
		tui_notice(t, _("That action is no longer there; nothing was "
		    "sent."));
	}
	return it;
}

void
tui_action_input(struct tui *t, const char *text)
{
	uint32_t		 ref = t->input_ref;
	int32_t			 date;
	int			 field;
	struct money		 money;
	char			*copy, *sp;
	const char		*rest;

	if (t->input_value != AIN_NEW && input_action(t) == NULL)
		return;
	switch (t->input_value) {
	case AIN_NEW:
	case AIN_WHAT:
		if (*text == '\0') {
			tui_close_input(t);
			tui_notice(t, _("Nothing sent: the text was empty."));
			return;
		}
		if (!text_ok(t, text, MODEL_WHAT_MAX, t->input_value))
			return;
		if (t->input_value == AIN_NEW && t->ws->phase !=
		    PHASE_ACTIONS && t->ws->phase != PHASE_FOLLOWUP) {
			tui_notice(t, _("The room has left Action plans: "
			    "actions are proposed there; Esc cancels."));
			return;
		}
		tui_close_input(t);
		t->after_send = true;
		/* At a review (Follow-up) a new action is asked for by
		 * kind; in Action plans it is the phase's own. */
		if (t->input_value == AIN_NEW)
			send_full(t, INTENT_CONTRIBUTE, 0,
			    t->ws->phase == PHASE_FOLLOWUP ? ITEM_ACTION : 0,
			    0, 0, text, NULL);
		else {
			tui_keep_edit(t, ref, 0, text);
			send_full(t, INTENT_ITEM_EDIT, ref, 0, 0, 0, text,
			    NULL);
		}
		return;
	case AIN_HOW:
	case AIN_RESOURCES:
	case AIN_PROVIDER:
		/* Empty clears the field. */
		if (*text != '\0' && !text_ok(t, text, MODEL_LINE_MAX,
		    t->input_value))
			return;
		tui_close_input(t);
		t->after_send = true;
		field = t->input_value == AIN_HOW ? ACTION_HOW :
		    t->input_value == AIN_RESOURCES ? ACTION_RESOURCES :
		    ACTION_PROVIDER;
		if (*text != '\0')
			tui_keep_edit(t, ref, field, text);
		send_full(t, INTENT_ACTION_SET, ref, field, 0, 0, *text != '\0' ?
		    text : NULL, NULL);
		return;
	case AIN_DUE:
		date = 0;
		if (*text != '\0' && !date_ok(t, text, &date))
			return;
		tui_close_input(t);
		t->after_send = true;
		send_full(t, INTENT_ACTION_SET, ref, ACTION_DUE, date, 0, NULL,
		    NULL);
		return;
	case AIN_COST:
		if (*text == '\0') {
			tui_close_input(t);
			t->after_send = true;
			send_full(t, INTENT_ACTION_SET, ref, ACTION_COST, 0, 0,
			    NULL, NULL);
			return;
		}
		if (!cost_ok(t, text, &money))
			return;
		tui_close_input(t);
		t->after_send = true;
		send_full(t, INTENT_ACTION_SET, ref, ACTION_COST, 0, 0,
		    money.amount, money.currency);
		return;
	case AIN_MILESTONE:
		if (*text == '\0') {
			tui_close_input(t);
			tui_notice(t, _("Nothing sent: the text was empty."));
			return;
		}
		copy = xstrdup(text);
		if ((sp = strchr(copy, ' ')) != NULL)
			*sp = '\0';
		rest = sp != NULL ? text + (sp - copy) + 1 : "";
		while (*rest == ' ')
			rest++;
		if (!date_ok(t, copy, &date)) {
			free(copy);
			return;
		}
		free(copy);
		if (*rest == '\0') {
			tui_notice(t, _("After the date, say what the "
			    "milestone is: YYYY-MM-DD what (Esc cancels)."));
			return;
		}
		if (!text_ok(t, rest, MODEL_LINE_MAX, AIN_MILESTONE))
			return;
		tui_close_input(t);
		t->after_send = true;
		send_full(t, INTENT_MILESTONE, ref, date, 0, 0, rest, NULL);
		return;
	case AIN_PROGRESS:
		if (*text == '\0') {
			tui_close_input(t);
			tui_notice(t, _("Nothing sent: the text was empty."));
			return;
		}
		if (!text_ok(t, text, MODEL_LINE_MAX, AIN_PROGRESS))
			return;
		tui_close_input(t);
		t->after_send = true;
		send_full(t, INTENT_CONTRIBUTE, ref, ITEM_PROGRESS, 0, 0, text,
		    NULL);
		return;
	}
	tui_close_input(t);
}

/* Opens the input line for field of action it (NULL: a new one), with
 * a title that says which, starting from the value it has. */
static void
ask_line(struct tui *t, const struct item *it, int field, const char *what,
    const char *fill)
{
	size_t	num = it != NULL ? plan_number(t, it->id) : 0;
	char	*prompt;

	if (it == NULL)
		prompt = xstrdup(_("New action — what will be done? "));
	else
		/* TRANSLATORS: an input line's prompt: what is asked
		 * ("How", "Due date, YYYY-MM-DD"), then the action's
		 * number: "How (action 3): ". */
		prompt = xasprintf(_("%s (action %zu): "), what, num);
	/* Room to type past the limit: the refusal says by how much. */
	tui_open_mode(t, MODE_INPUT, INPUT_ACTION, it != NULL ? it->id : 0,
	    prompt, MODEL_TEXT_MAX);
	t->input_value = field;
	if (fill == NULL || *fill == '\0')
		return;
	/* A date or a cost is replaced as a whole when one types over it;
	 * a text is edited where it stands. */
	if (field == AIN_DUE || field == AIN_COST)
		tui_editor_offer(&t->ed, fill);
	else
		tui_editor_fill(&t->ed, fill);
}

void
tui_action_propose(struct tui *t)
{
	const struct participant	*me = model_person(t->ws, t->self);

	if (me != NULL && me->role == ROLE_OBSERVER) {
		tui_notice(t, _("Observers can read the room but not write in "
		    "it."));
		return;
	}
	ask_line(t, NULL, AIN_NEW, NULL, NULL);
}

/* s in the card: the status, chosen with one key. */
static void
ask_status(struct tui *t, const struct item *it)
{
	tui_open_mode(t, MODE_KEY, INPUT_ACTION, it->id, xasprintf(_("Status "
	    "of action %zu: 1 in progress · 2 done · 3 dropped · 4 proposed · "
	    "Esc cancel"), plan_number(t, it->id)), 0);
	t->input_value = AIN_STATUS;
}

/* 1-9 in the card: a milestone is ticked or unticked only after y, so
 * that a digit typed by mistake (a date meant for a prompt that was
 * refused) changes nothing. */
static void
ask_tick(struct tui *t, const struct item *it, size_t k)
{
	const struct milestone	*m = &it->action->milestones[k];
	char			 date[16], *what;

	model_date_format(m->date, date, sizeof date);
	what = text_sanitize(m->text != NULL ? m->text : "", false);
	/* TRANSLATORS: the milestone's number, its date and its text;
	 * y is the key that says yes, whatever the language. */
	tui_open_mode(t, MODE_KEY, INPUT_ACTION, it->id, xasprintf(m->done ?
	    _("Milestone %zu (%s %s): not done after all? y yes · any other "
	    "key no") : _("Milestone %zu (%s %s): mark it done? y yes · any "
	    "other key no"), k + 1, date, what), 0);
	free(what);
	t->input_value = AIN_TICK;
	t->card_milestone = (uint32_t)k;
}

bool
tui_action_asks_yes(const struct tui *t)
{
	return t->mode == MODE_KEY && t->input_for == INPUT_ACTION &&
	    t->input_value == AIN_TICK;
}

/* The y/n of ask_tick. */
static void
tick_choice(struct tui *t, int code, wint_t ch)
{
	const struct item	*it = action_item(t, t->input_ref);
	size_t			 k = t->card_milestone;

	tui_close_input(t);
	if (code != OK || (ch != 'y' && ch != 'Y') || it == NULL ||
	    k >= it->action->nmilestones) {
		tui_notice(t, _("The milestone was left as it was."));
		return;
	}
	t->after_send = true;
	send_full(t, INTENT_MILESTONE_TICK, it->id, (int32_t)k,
	    it->action->milestones[k].done ? 0 : 1, 0, NULL, NULL);
}

void
tui_action_choice(struct tui *t, int code, wint_t ch)
{
	static const int	 status[] = { ACTION_IN_PROGRESS, ACTION_DONE,
				    ACTION_DROPPED, ACTION_PROPOSED };
	uint32_t		 ref = t->input_ref;

	if (t->input_value == AIN_TICK) {
		tick_choice(t, code, ch);
		return;
	}
	if (code == OK && (ch == 0x1b || ch == 'q')) {
		tui_close_input(t);
		return;
	}
	if (code != OK || ch < '1' || ch > '4') {
		tui_notice(t, _("Press 1 in progress, 2 done, 3 dropped or 4 "
		    "proposed (Esc cancels)."));
		return;
	}
	if (input_action(t) == NULL)
		return;
	tui_close_input(t);
	t->after_send = true;
	send_full(t, INTENT_ACTION_SET, ref, ACTION_STATUS,
	    status[ch - '1'], 0, NULL, NULL);
}

/* --- the card ------------------------------------------------------------ */

/* What the viewer may do to an action, to show only those keys: as the
 * model decides (action.c: may_edit, may_report, check_commit). */
struct may {
	bool	 edit;		/* quick win, indicator */
	bool	 change;	/* what it is: what, how, owners, due date,
				 * term, resources, cost, provider (not once
				 * it is agreed: the model refuses it) */
	bool	 run;		/* status, milestones, progress */
	bool	 agree;		/* while it is proposed */
};

/* Whether what the action is, and who does it, stays as its owners
 * agreed to it: agreed, under way or done, or dropped once someone
 * agreed (the model's rule, said before anything is typed). */
static bool
agreed_as_is(const struct item *it)
{
	const struct action	*a = it->action;
	size_t			 i;

	if (a->status == ACTION_PROPOSED)
		return false;
	if (a->status != ACTION_DROPPED || a->fac_agreed)
		return true;
	/* Dropped: once someone agreed to it. */
	for (i = 0; i < a->nowners; i++)
		if (a->owners[i].committed)
			return true;
	return false;
}

static struct may
may_of(const struct tui *t, const struct item *it)
{
	const struct participant	*me = model_person(t->ws, t->self);
	bool				 fac = tui_is_facilitator(t);
	bool				 owner = model_action_owner(t->ws, it,
					    t->self);
	bool				 proposed = it->action->status ==
					    ACTION_PROPOSED && !withdrawn(it);
	struct may			 m = { false, false, false, false };

	if (me == NULL || me->role == ROLE_OBSERVER || withdrawn(it))
		return m;
	/* Who proposed it works on it until it is agreed. */
	m.edit = fac || (it->author == t->self && proposed);
	m.change = m.edit && !agreed_as_is(it);
	m.run = m.edit || owner;
	m.agree = (fac || owner) && proposed;
	return m;
}

/* Whether what the action is may be changed here; if not, says why
 * before anything is typed (it was refused only once sent). */
static bool
may_change(struct tui *t, struct may m, const char *no_edit)
{
	if (!m.edit)
		tui_notice(t, no_edit);
	else if (!m.change)
		/* The model's words for it (the same sentence). */
		tui_notice(t, _("its owners agreed to it as it stands: to "
		    "change it, reopen it first (s, then 4 proposed), and "
		    "they agree again"));
	return m.change;
}

/* One line of the card. */
struct cline {
	char	*text;		/* sanitised, fits the width */
	int	 attr;
};

struct clist {
	struct cline	*v;
	size_t		 n, cap;
	int		 labelw;	/* columns before a field's text */
};

static void
cl_add(struct clist *l, char *text, int attr)
{
	if (l->n == l->cap) {
		l->cap = l->cap == 0 ? 32 : l->cap * 2;
		l->v = xrealloc(l->v, l->cap * sizeof *l->v);
	}
	l->v[l->n].text = text;
	l->v[l->n].attr = attr;
	l->n++;
}

static void
cl_free(struct clist *l)
{
	size_t	i;

	for (i = 0; i < l->n; i++)
		free(l->v[i].text);
	free(l->v);
	memset(l, 0, sizeof *l);
}

/* "Label:    text" wrapped at width, later lines under the text (raw). */
static void
cl_field(struct clist *l, const char *label, const char *raw, int width,
    int attr)
{
	char	*clean, *first, *rest, *wrapped, *line, *nl;

	int	 pad = l->labelw - (int)text_width(label);

	clean = text_sanitize(raw, false);
	first = xasprintf("%s%*s", label, pad > 1 ? pad : 1, "");
	rest = xasprintf("%*s", l->labelw, "");
	wrapped = text_wrap(clean, width > 20 ? (size_t)width : 20, first,
	    rest);
	for (line = wrapped; *line != '\0'; line = nl + 1) {
		nl = strchr(line, '\n');
		cl_add(l, xstrndup(line, (size_t)(nl - line)), attr);
	}
	free(wrapped);
	free(rest);
	free(first);
	free(clean);
}

/* "agreed — owners and a facilitator agreed", or what is missing. */
static char *
status_line(const struct item *it)
{
	const struct action	*a = it->action;
	size_t			 i, yes = 0;

	if (withdrawn(it) || a->status != ACTION_PROPOSED)
		return xstrdup(status_text(it));
	for (i = 0; i < a->nowners; i++)
		if (a->owners[i].committed)
			yes++;
	/* The model agrees to nothing without both (check_commit). */
	if (a->nowners == 0 && a->due == 0)
		return xstrdup(_("proposed — before its owners and a "
		    "facilitator agree (a), it needs an owner (o) and a due "
		    "date (d)"));
	if (a->nowners == 0)
		return xstrdup(_("proposed — before its owners and a "
		    "facilitator agree (a), it needs an owner (o)"));
	if (a->due == 0)
		return xstrdup(_("proposed — before its owners and a "
		    "facilitator agree (a), it needs a due date (d)"));
	/* TRANSLATORS: how many of the action's owners agreed, of how
	 * many (the plural follows the second number). */
	return xasprintf(a->fac_agreed ? ngettext("proposed — %zu of %zu "
	    "owner agreed, a facilitator agreed", "proposed — %zu of %zu "
	    "owners agreed, a facilitator agreed", a->nowners) :
	    ngettext("proposed — %zu of %zu owner agreed, no facilitator "
	    "yet", "proposed — %zu of %zu owners agreed, no facilitator yet",
	    a->nowners), yes, a->nowners);
}

/* The card's field labels, in one column as wide as the widest. */
enum { LB_STATUS, LB_WHAT, LB_PROPOSED, LB_WHO, LB_HOW, LB_WHEN,
    LB_RESOURCES, LB_COST, LB_INDICATOR, LB_COUNT };
static const char *const card_labels[LB_COUNT] = {
	N_("Status:"), N_("What:"),
	/* TRANSLATORS: the card's label before who proposed the action
	 * and in which meeting. */
	N_("Proposed:"),
	N_("Who:"), N_("How:"), N_("When:"), N_("Resources:"), N_("Cost:"),
	N_("Indicator:"),
};

#define LABEL(i)	_(card_labels[(i)])

static void
card_build(const struct tui *t, const struct item *it, struct clist *l,
    int width)
{
	const struct workshop	*ws = t->ws;
	const struct action	*a = it->action;
	const uint32_t		*ids;
	char			*s, *who, date[16], amount[48];
	size_t			 i, nids, n = 0;

	/* The labels' column: 11 in English, more where a language's
	 * labels are wider. */
	l->labelw = 11;
	for (i = 0; i < LB_COUNT; i++)
		if ((int)text_width(LABEL(i)) + 1 > l->labelw)
			l->labelw = (int)text_width(LABEL(i)) + 1;
	s = status_line(it);
	cl_field(l, LABEL(LB_STATUS), s, width, A_BOLD);
	free(s);
	cl_field(l, LABEL(LB_WHAT), it->text, width, A_NORMAL);
	who = tui_item_author(t, it);
	if (*who != '\0') {
		/* TRANSLATORS: who proposed an action, and when. */
		s = it->meeting > 0 ? xasprintf(_("%s, in meeting %u"), who,
		    it->meeting) : xstrdup(who);
		cl_field(l, LABEL(LB_PROPOSED), s, width, A_DIM);
		free(s);
	}
	free(who);
	if (a->nowners == 0)
		cl_field(l, LABEL(LB_WHO), _("nobody yet"), width, A_DIM);
	for (i = 0; i < a->nowners; i++) {
		who = owner_name(ws, &a->owners[i], true);
		/* TRANSLATORS: an action's owner, and whether they agreed
		 * to it. */
		s = xasprintf(a->owners[i].committed ? _("%s — agreed ✓") :
		    _("%s — not yet agreed"), who);
		cl_field(l, i == 0 ? LABEL(LB_WHO) : "", s, width, A_NORMAL);
		free(s);
		free(who);
	}
	cl_field(l, LABEL(LB_HOW), a->how != NULL ? a->how : "—", width,
	    a->how != NULL ? A_NORMAL : A_DIM);
	model_date_format(a->due, date, sizeof date);
	/* "2027-03-15 · medium term · ★ quick win" */
	s = xasprintf("%s · %s", *date != '\0' ? date : _("no due date"),
	    a->term != TERM_NONE ? _(model_term_name(a->term)) :
	    _("no term"));
	if (a->quick_win) {
		append(&s, " · ");
		append(&s, _("★ quick win"));
	}
	cl_field(l, LABEL(LB_WHEN), s, width, A_NORMAL);
	free(s);
	cl_field(l, LABEL(LB_RESOURCES), a->resources != NULL ?
	    a->resources : "—", width, a->resources != NULL ? A_NORMAL :
	    A_DIM);
	if (a->cost >= 0)
		s = xasprintf("%s %s", money_format(a->cost, a->currency,
		    amount, sizeof amount), a->currency);
	else
		s = xstrdup("—");
	if (a->provider != NULL) {
		/* TRANSLATORS: the cost (or "—"), then who provides the
		 * resources. */
		char *tmp = xasprintf(_("%s · provided by %s"), s,
		    a->provider);

		free(s);
		s = tmp;
	}
	cl_field(l, LABEL(LB_COST), s, width, a->cost >= 0 ||
	    a->provider != NULL ? A_NORMAL : A_DIM);
	free(s);
	/* The indicator it works on (srm-review, step 5). */
	if (a->indicator != 0 && model_item(ws, a->indicator) != NULL) {
		s = xasprintf("%u. %s", model_indicator_number(ws,
		    a->indicator), model_item(ws, a->indicator)->text);
		cl_field(l, LABEL(LB_INDICATOR), s, width, A_NORMAL);
		free(s);
	} else
		cl_field(l, LABEL(LB_INDICATOR), "—", width, A_DIM);

	cl_add(l, xstrdup(""), A_NORMAL);
	cl_add(l, xstrdup(_("Milestones")), A_BOLD | A_UNDERLINE);
	for (i = 0; i < a->nmilestones; i++) {
		const struct milestone *m = &a->milestones[i];
		char label[32];

		model_date_format(m->date, date, sizeof date);
		snprintf(label, sizeof label, "%zu [%s]", i + 1, m->done ?
		    "x" : " ");
		/* TRANSLATORS: a milestone's date and text, then the
		 * meeting in which it was done. */
		s = m->done && m->meeting > 0 ? xasprintf(_("%s %s (done in "
		    "meeting %u)"), date, m->text != NULL ? m->text : "",
		    m->meeting) : xasprintf("%s %s", date, m->text != NULL ?
		    m->text : "");
		cl_field(l, label, s, width, m->done ? A_DIM : A_NORMAL);
		free(s);
	}
	if (a->nmilestones == 0)
		cl_add(l, xstrdup(_("none yet")), A_DIM);

	cl_add(l, xstrdup(""), A_NORMAL);
	cl_add(l, xstrdup(_("History")), A_BOLD | A_UNDERLINE);
	ids = model_items_of_ref(ws, ITEM_PROGRESS, it->id, &nids);
	for (i = 0; i < nids; i++) {
		const struct item *p = model_item(ws, ids[i]);
		char label[32];

		if (p->kind != ITEM_PROGRESS || p->ref != it->id ||
		    !tui_item_shown(t, p))
			continue;
		who = tui_item_author(t, p);
		/* TRANSLATORS: the label before what happened in that
		 * meeting, in the action's history (at most 10 columns). */
		snprintf(label, sizeof label, _("meeting %u"), p->meeting);
		if (p->flags & ITEM_F_LOG) {
			/* The model's record of a change, made in English;
			 * made in the open in a phase since under the
			 * Chatham House Rule, as the rule would have had it
			 * (the export does the same). */
			char *nameless = model_author_hidden(ws, p->phase,
			    p->conf) ? model_log_nameless(ws, p->text) : NULL;
			char *log = i18n_from_wire(nameless != NULL ?
			    nameless : p->text, model_log_words);

			free(nameless);
			s = *who != '\0' ? xasprintf("%s — %s", log, who) :
			    xstrdup(log);
			free(log);
		} else
			/* TRANSLATORS: a progress report in the action's
			 * history: its author, then what they wrote. */
			s = *who != '\0' ? xasprintf(_("%s reports: %s"), who,
			    p->text) : xasprintf(_("progress: %s"), p->text);
		cl_field(l, label, s, width, (p->flags & ITEM_F_LOG) ?
		    A_NORMAL : A_BOLD);
		free(s);
		free(who);
		n++;
	}
	if (n == 0)
		cl_add(l, xstrdup(_("nothing yet")), A_DIM);
}

/* The keys the viewer may use on this action, for the card's bottom:
 * fills up to max hints, returns how many. */
static size_t
card_keys(const struct tui *t, const struct item *it, const char **k,
    size_t max)
{
	/* TRANSLATORS: the card's keys: the first letter is the key
	 * (it stays), the words say what it does. */
	static const char *const edit1[] = { N_("e what"), N_("h how"),
	    N_("d due date"), N_("o add owner"), N_("O remove owner") };
	static const char *const edit2[] = { N_("r resources"), N_("$ cost"),
	    N_("y provider"), N_("t term"), N_("* quick win") };
	/* Which of them change what it is (m.change). */
	static const bool what1[] = { true, true, true, true, true };
	static const bool what2[] = { true, true, true, true, false };
	struct may	m = may_of(t, it);
	size_t		n = 0, i;

	for (i = 0; i < 5 && n < max; i++)
		if (what1[i] ? m.change : m.edit)
			k[n++] = _(edit1[i]);
	if (m.run && n < max)
		k[n++] = _("l add milestone");
	if (m.run && it->action->nmilestones > 0 && n < max)
		k[n++] = _("1-9 tick milestone");
	for (i = 0; i < 5 && n < max; i++)
		if (what2[i] ? m.change : m.edit)
			k[n++] = _(edit2[i]);
	if (m.run && n < max)
		k[n++] = _("s status");
	if (m.agree && n < max)
		k[n++] = agreed_by_me(t, it) ? _("A take agreement back") :
		    _("a agree");
	if (m.run && n < max)
		k[n++] = _("p progress report");
	if (m.edit && n < max)
		k[n++] = _("i indicator");
	if (n < max)
		k[n++] = _("↑↓ scroll");
	if (n < max)
		k[n++] = _("Esc close");
	return n;
}

/* The card's keys in lines of at most width columns, broken between
 * keys ("e what · h how"), at most maxlines of them: past that the last
 * ends in "? more keys" (? lists them all), so that a phone's card keeps
 * room for the action (at 40x14 the keys took it all, and the one line
 * left was drawn over them).  Each line ends in a newline.  Caller
 * frees. */
static char *
card_key_lines(const struct tui *t, const struct item *it, int width,
    size_t maxlines, size_t *nlines)
{
	const char	*k[24], *more = _("? more keys");
	size_t		 n = card_keys(t, it, k, 24), i, start[24], on = 0;
	char		*s = xstrdup("");
	int		 used = 0, kw, before[24];
	bool		 cut = false;

	*nlines = 0;
	for (i = 0; i < n; i++) {
		kw = (int)text_width(k[i]);
		if (used > 0 && used + 3 + kw > width) {
			if (*nlines + 1 >= maxlines) {
				cut = true;
				break;
			}
			append(&s, "\n");
			(*nlines)++;
			used = 0;
			on = 0;
		}
		start[on] = strlen(s);
		before[on++] = used;
		if (used > 0) {
			append(&s, " · ");
			used += 3;
		}
		append(&s, k[i]);
		used += kw;
	}
	if (cut) {
		kw = (int)text_width(more);
		/* The line's last keys make room for it. */
		while (on > 0 && (used > 0 ? used + 3 : 0) + kw > width) {
			on--;
			s[start[on]] = '\0';
			used = before[on];
		}
		if (used > 0)
			append(&s, " · ");
		append(&s, more);
	}
	append(&s, "\n");
	(*nlines)++;
	return s;
}

/* The owner pickers: entries as picker ids. */
static size_t
pick_entries(const struct tui *t, const struct item *it, uint32_t **out)
{
	const struct workshop	*ws = t->ws;
	const struct action	*a = it->action;
	uint32_t		*v;
	size_t			 i, n = 0;

	if (t->overlay == OVERLAY_INDICATOR) {
		const uint32_t	*ids;
		size_t		 nids;

		ids = model_items_of_kind(ws, ITEM_INDICATOR, &nids);
		v = xcalloc(nids + 2, sizeof *v);
		v[n++] = PICK_NONE;
		for (i = 0; i < nids; i++)
			if (model_item(ws, ids[i])->status == STATUS_ADOPTED)
				v[n++] = ids[i];
		*out = v;
		return n;
	}
	v = xcalloc(ws->ngroups + ws->npeople + a->nowners + 1, sizeof *v);
	if (t->overlay == OVERLAY_OWNER_DROP) {
		for (i = 0; i < a->nowners; i++)
			v[n++] = a->owners[i].group != 0 ? PICK_GROUP |
			    a->owners[i].group : a->owners[i].person;
	} else {
		for (i = 0; i < ws->ngroups; i++)
			v[n++] = PICK_GROUP | ws->groups[i].id;
		for (i = 0; i < ws->npeople; i++) {
			const struct participant *p = &ws->people[i];

			if (p->id == MODEL_SYSTEM || p->name == NULL ||
			    p->removed || p->role == ROLE_OBSERVER)
				continue;
			v[n++] = p->id;
		}
	}
	*out = v;
	return n;
}

static bool
is_owner(const struct action *a, uint32_t pick)
{
	size_t	i;

	for (i = 0; i < a->nowners; i++)
		if ((pick & PICK_GROUP) ? a->owners[i].group ==
		    (pick & ~PICK_GROUP) : a->owners[i].group == 0 &&
		    a->owners[i].person == pick)
			return true;
	return false;
}

static char *
pick_label(const struct tui *t, const struct item *it, uint32_t pick)
{
	struct owner	 o = { 0 };
	char		*name, *s;

	if (t->overlay == OVERLAY_INDICATOR) {
		const struct item *ind = model_item(t->ws, pick);

		if (pick == PICK_NONE)
			return xstrdup(it->action->indicator == 0 ?
			    _("No indicator — as now") : _("No indicator"));
		/* TRANSLATORS: an indicator's number and text, the one the
		 * action works on now. */
		return xasprintf(it->action->indicator == pick ?
		    _("%u. %s — as now") : "%u. %s", model_indicator_number(
		    t->ws, pick), ind != NULL && ind->text != NULL ? ind->text :
		    "?");
	}
	if (pick & PICK_GROUP)
		o.group = pick & ~PICK_GROUP;
	else
		o.person = pick;
	name = owner_name(t->ws, &o, true);
	if (t->overlay == OVERLAY_OWNER_ADD && is_owner(it->action, pick))
		s = xasprintf(_("%s — an owner already"), name);
	else
		s = xstrdup(name);
	free(name);
	return s;
}

/* The picker's selection on one of its entries. */
static void
pick_fix(struct tui *t, const uint32_t *v, size_t n)
{
	size_t	i;

	for (i = 0; i < n; i++)
		if (v[i] == t->card_pick)
			return;
	t->card_pick = n > 0 ? v[0] : 0;
}

/* The card's action, while the room works on actions; else NULL. */
static const struct item *
card_action(const struct tui *t)
{
	if (t->ws == NULL || (t->ws->phase != PHASE_ACTIONS &&
	    t->ws->phase != PHASE_FOLLOWUP))
		return NULL;
	return action_item(t, t->card);
}

bool
tui_card_shown(const struct tui *t)
{
	return t->overlay == OVERLAY_ACTION ||
	    t->overlay == OVERLAY_OWNER_ADD ||
	    t->overlay == OVERLAY_OWNER_DROP ||
	    t->overlay == OVERLAY_INDICATOR;
}

/* The newest poll's id, 0 for none. */
static uint32_t
newest_poll(const struct tui *t)
{
	return t->ws != NULL ? (uint32_t)t->ws->npolls : 0;
}

void
tui_card_check(struct tui *t)
{
	const struct poll		*p;
	const struct participant	*me;

	if (!tui_card_shown(t))
		return;
	if (card_action(t) == NULL) {
		t->overlay = OVERLAY_NONE;
		return;
	}
	/* A check opened since the card did, that this participant
	 * answers: the card hid it, and its digits went to the card's
	 * milestones.  The card gives way, unless a field is being typed
	 * (that waits for Enter or Esc). */
	p = tui_voting_poll(t);
	me = model_person(t->ws, t->self);
	if (p != NULL && p->id > t->card_poll && me != NULL &&
	    me->role == ROLE_PARTICIPANT) {
		if (t->mode != MODE_BROWSE)
			return;		/* once the field is sent or left */
		t->overlay = OVERLAY_NONE;
		tui_notice(t, _("A check is open: the action card closed so "
		    "you can answer it; Enter opens the card again."));
	}
	t->card_poll = newest_poll(t);
}

void
tui_card_open(struct tui *t)
{
	const struct item	*it = action_item(t, t->sel);

	if (it == NULL) {
		tui_notice(t, _("Select an action first (Up/Down)."));
		return;
	}
	t->card = it->id;
	t->card_top = 0;
	t->card_poll = newest_poll(t);
	t->overlay = OVERLAY_ACTION;
	tui_dirty(t);
}

/* Body lines the card's text may take: the title, a blank, the keys. */
/* How many lines the card's keys may take: what leaves the action
 * CARD_MIN lines under its title, one at least. */
#define CARD_MIN	4

static size_t
card_key_rows(const struct tui *t)
{
	int	h = t->body_h - 2 - 1 - CARD_MIN;

	return h > 1 ? (size_t)h : 1;
}

static size_t
card_page(const struct tui *t, size_t nkeys)
{
	int	h = t->body_h - 2 - (int)nkeys - 1;

	return h > 1 ? (size_t)h : 1;
}

static void
pick_key(struct tui *t, const struct item *it, int code, wint_t ch)
{
	uint32_t	*v, pick;
	size_t		 n, i, at = 0;
	bool		 drop = t->overlay == OVERLAY_OWNER_DROP;

	n = pick_entries(t, it, &v);
	pick_fix(t, v, n);
	for (i = 0; i < n; i++)
		if (v[i] == t->card_pick)
			at = i;
	if ((code == KEY_CODE_YES && ch == KEY_UP) || (code == OK &&
	    ch == 'k')) {
		if (at > 0)
			t->card_pick = v[at - 1];
	} else if ((code == KEY_CODE_YES && ch == KEY_DOWN) || (code == OK &&
	    ch == 'j')) {
		if (at + 1 < n)
			t->card_pick = v[at + 1];
	} else if (code == KEY_CODE_YES && (ch == KEY_HOME || ch == KEY_END)) {
		if (n > 0)
			t->card_pick = ch == KEY_HOME ? v[0] : v[n - 1];
	} else if (code == OK && (ch == 0x1b || ch == 'q')) {
		t->overlay = OVERLAY_ACTION;
	} else if ((code == OK && (ch == '\r' || ch == '\n')) ||
	    (code == KEY_CODE_YES && ch == KEY_ENTER)) {
		if (n == 0) {
			free(v);
			return;
		}
		pick = t->card_pick;
		if (t->overlay == OVERLAY_INDICATOR) {
			/* Enter on what it is linked to now changes nothing. */
			t->overlay = OVERLAY_ACTION;
			if ((pick == PICK_NONE ? 0 : pick) !=
			    it->action->indicator)
				send_full(t, INTENT_ACTION_SET, it->id,
				    ACTION_INDICATOR, pick == PICK_NONE ? 0 :
				    (int32_t)pick, 0, NULL, NULL);
			free(v);
			tui_dirty(t);
			return;
		}
		if (!drop && is_owner(it->action, pick)) {
			tui_notice(t, _("That is an owner already: choose "
			    "another, or Esc."));
			free(v);
			return;
		}
		t->overlay = OVERLAY_ACTION;
		send_full(t, INTENT_ACTION_OWNER, it->id, (pick & PICK_GROUP) ?
		    0 : (int32_t)pick, (pick & PICK_GROUP) ?
		    (int32_t)(pick & ~PICK_GROUP) : 0, drop ? 1 : 0, NULL,
		    NULL);
	}
	free(v);
	tui_dirty(t);
}

static void
card_field_key(struct tui *t, const struct item *it, wint_t ch)
{
	const struct action	*a = it->action;
	struct may		 m = may_of(t, it);
	char			 buf[64], amount[48], *s;
	const char		*no_edit = _("Only a facilitator, or whoever "
				    "proposed it while it is proposed, can "
				    "change that.");
	const char		*no_run = _("Only its owners and the "
				    "facilitators can do that.");
	const char		*no_agree = _("Its owners and the "
				    "facilitators agree to an action while it "
				    "is proposed.");
	size_t			 k;

	switch (ch) {
	case 'e':
		if (!may_change(t, m, no_edit))
			return;
		/* TRANSLATORS: the prompts of an action's fields, before
		 * " (action 3): ". */
		ask_line(t, it, AIN_WHAT, _("What"), it->text);
		break;
	case 'h':
		if (!may_change(t, m, no_edit))
			return;
		ask_line(t, it, AIN_HOW, _("How"), a->how);
		break;
	case 'd':
		if (!may_change(t, m, no_edit))
			return;
		ask_line(t, it, AIN_DUE, _("Due date, YYYY-MM-DD"),
		    model_date_format(a->due, buf, sizeof buf));
		break;
	case 'l':
		if (!m.run) {
			tui_notice(t, no_run);
			return;
		}
		if (a->nmilestones >= MODEL_MILESTONES_MAX) {
			s = xasprintf(ngettext("An action has at most %d "
			    "milestone.", "An action has at most %d "
			    "milestones.", MODEL_MILESTONES_MAX),
			    MODEL_MILESTONES_MAX);
			tui_notice(t, s);
			free(s);
			return;
		}
		ask_line(t, it, AIN_MILESTONE, _("New milestone, YYYY-MM-DD "
		    "what"), NULL);
		break;
	case 'r':
		if (!may_change(t, m, no_edit))
			return;
		ask_line(t, it, AIN_RESOURCES, _("Resources"), a->resources);
		break;
	case '$':
		if (!may_change(t, m, no_edit))
			return;
		if (a->cost >= 0)
			snprintf(buf, sizeof buf, "%s %s", money_format(
			    a->cost, a->currency, amount, sizeof amount),
			    a->currency);
		else
			buf[0] = '\0';
		ask_line(t, it, AIN_COST, _("Cost, e.g. 1500.50 USD"), buf);
		break;
	case 'y':
		if (!may_change(t, m, no_edit))
			return;
		ask_line(t, it, AIN_PROVIDER, _("Who provides the resources"),
		    a->provider);
		break;
	case 'o':
	case 'O':
		if (!may_change(t, m, no_edit))
			return;
		if (ch == 'O' && a->nowners == 0) {
			tui_notice(t, _("It has no owner to remove."));
			return;
		}
		t->overlay = ch == 'o' ? OVERLAY_OWNER_ADD :
		    OVERLAY_OWNER_DROP;
		t->card_pick = 0;
		break;
	case 't':
		if (!may_change(t, m, no_edit))
			return;
		send_full(t, INTENT_ACTION_SET, it->id, ACTION_TERM,
		    (a->term + 1) % (TERM_LONG + 1), 0, NULL, NULL);
		break;
	case '*':
		if (!m.edit) {
			tui_notice(t, no_edit);
			return;
		}
		send_full(t, INTENT_ACTION_SET, it->id, ACTION_QUICK_WIN,
		    a->quick_win ? 0 : 1, 0, NULL, NULL);
		break;
	case 's':
		if (!m.run) {
			tui_notice(t, no_run);
			return;
		}
		ask_status(t, it);
		break;
	case 'p':
		if (!m.run) {
			tui_notice(t, no_run);
			return;
		}
		ask_line(t, it, AIN_PROGRESS, _("Progress report"), NULL);
		break;
	case 'i':
		if (!m.edit) {
			tui_notice(t, no_edit);
			return;
		}
		t->overlay = OVERLAY_INDICATOR;
		t->card_pick = a->indicator != 0 ? a->indicator : PICK_NONE;
		break;
	case 'a':
	case 'A':
		if (!m.agree) {
			tui_notice(t, no_agree);
			return;
		}
		send_full(t, INTENT_ACTION_COMMIT, it->id, ch == 'a' ? 1 : 0, 0,
		    0, NULL, NULL);
		break;
	default:
		if (ch >= '1' && ch <= '9') {
			k = (size_t)(ch - '1');
			if (!m.run) {
				tui_notice(t, no_run);
				return;
			}
			if (k >= a->nmilestones) {
				s = xasprintf(_("There is no milestone %zu."),
				    k + 1);
				tui_notice(t, s);
				free(s);
				return;
			}
			ask_tick(t, it, k);
		}
		break;
	}
}

void
tui_card_key(struct tui *t, int code, wint_t ch)
{
	const struct item	*it = card_action(t);
	struct clist		 l = { 0 };
	char			*keys;
	size_t			 page, nkeys;

	t->dirty = true;
	if (it == NULL) {
		t->overlay = OVERLAY_NONE;
		tui_dirty(t);
		return;
	}
	if (t->overlay != OVERLAY_ACTION) {
		pick_key(t, it, code, ch);
		return;
	}
	keys = card_key_lines(t, it, t->body_w - 2, card_key_rows(t), &nkeys);
	page = card_page(t, nkeys);
	free(keys);
	if (code == KEY_CODE_YES) {
		card_build(t, it, &l, t->body_w - 2);
		switch (ch) {
		case KEY_UP:
			if (t->card_top > 0)
				t->card_top--;
			break;
		case KEY_DOWN:
			if (t->card_top + page < l.n)
				t->card_top++;
			break;
		case KEY_PPAGE:
			t->card_top = t->card_top > page ? t->card_top - page :
			    0;
			break;
		case KEY_NPAGE:
			if (t->card_top + page < l.n)
				t->card_top += page;
			break;
		case KEY_HOME:
			t->card_top = 0;
			break;
		case KEY_END:
			t->card_top = l.n;	/* drawn as the last page */
			break;
		case KEY_ENTER:
			break;
		}
		cl_free(&l);
		return;
	}
	switch (ch) {
	case 0x1b:
	case 'q':
		t->overlay = OVERLAY_NONE;
		tui_dirty(t);
		return;
	case 'k':
		if (t->card_top > 0)
			t->card_top--;
		return;
	case 'j':
		card_build(t, it, &l, t->body_w - 2);
		if (t->card_top + page < l.n)
			t->card_top++;
		cl_free(&l);
		return;
	case '?':
		/* At the card's keys: on a phone they were ten pages
		 * down. */
		t->mode = MODE_HELP;
		t->help_top = 0;
		t->help_at = "#Action card";
		return;
	}
	card_field_key(t, it, ch);
}

static void
draw_pick(struct tui *t, const struct item *it)
{
	uint32_t	*v;
	size_t		 n, i, at = 0, page, top = 0;
	int		 y = t->body_y, x = t->body_x, w = t->body_w;
	char		*title, *s, *clean;

	n = pick_entries(t, it, &v);
	pick_fix(t, v, n);
	title = xasprintf(t->overlay == OVERLAY_INDICATOR ? _("The indicator "
	    "action %zu works on — one the room adopted; Enter links it") :
	    t->overlay == OVERLAY_OWNER_ADD ? _("Add an owner to action %zu "
	    "— groups, then people") : _("Remove an owner from action %zu"),
	    plan_number(t, it->id));
	tui_put_trunc(y, x, w, title, A_BOLD | A_UNDERLINE);
	free(title);
	y += 2;
	page = t->body_h > 2 ? (size_t)t->body_h - 2 : 1;
	for (i = 0; i < n; i++)
		if (v[i] == t->card_pick)
			at = i;
	if (at >= page)
		top = at + 1 - page;
	for (i = top; i < n && i < top + page; i++, y++) {
		s = pick_label(t, it, v[i]);
		clean = text_sanitize(s, false);
		if (i == at) {
			for (int c = 2; c < w; c++)
				tui_put(y, x + c, 1, " ", A_REVERSE);
			tui_put(y, x, 2, "▶", A_BOLD);
			tui_put_trunc(y, x + 2, w - 2, clean, A_REVERSE);
		} else
			tui_put_trunc(y, x + 2, w - 2, clean, t->overlay ==
			    OVERLAY_OWNER_ADD && is_owner(it->action, v[i]) ?
			    A_DIM : A_NORMAL);
		free(clean);
		free(s);
	}
	if (n == 0)
		tui_put_trunc(y, x + 2, w - 2, _("Nobody to choose."), A_DIM);
	free(v);
}

void
tui_card_draw(struct tui *t)
{
	const struct item	*it = card_action(t);
	struct clist		 l = { 0 };
	char			*title, *keys, *line, *nl, *what;
	size_t			 nkeys, page, i;
	int			 y = t->body_y, x = t->body_x, w = t->body_w;
	int			 dots;

	if (it == NULL)
		return;		/* cannot happen: tui_card_check closed it */
	if (t->overlay != OVERLAY_ACTION) {
		draw_pick(t, it);
		return;
	}
	what = text_sanitize(it->text, false);
	/* The dots it got, when the room voted. */
	if ((dots = model_action_dots(t->ws, it->id)) >= 0)
		/* TRANSLATORS: the card's title: the action's number, the
		 * dots the room gave it, what it is. */
		title = xasprintf(_("Action %zu · ●%d — %s"), plan_number(t,
		    it->id), dots, what);
	else
		title = xasprintf(_("Action %zu — %s"), plan_number(t,
		    it->id), what);
	tui_put_trunc(y, x, w, title, A_BOLD | A_UNDERLINE);
	free(title);
	free(what);

	keys = card_key_lines(t, it, w - 2, card_key_rows(t), &nkeys);
	page = card_page(t, nkeys);
	card_build(t, it, &l, w - 2);
	if (l.n <= page)
		t->card_top = 0;
	else if (t->card_top > l.n - page)
		t->card_top = l.n - page;
	for (i = t->card_top; i < l.n && i < t->card_top + page; i++)
		tui_put_trunc(y + 2 + (int)(i - t->card_top), x + 1, w - 2,
		    l.v[i].text, l.v[i].attr);
	if (t->card_top > 0)
		tui_put(y + 2, COLS - 1, 1, "↑", A_BOLD);
	if (t->card_top + page < l.n)
		tui_put(y + 1 + (int)page, COLS - 1, 1, "↓", A_BOLD);
	/* The keys on the card's bottom lines. */
	y = t->body_y + t->body_h - (int)nkeys;
	for (line = keys; *line != '\0'; line = nl + 1, y++) {
		nl = strchr(line, '\n');
		tui_putn(y, x + 1, w - 2, line, (size_t)(nl - line), A_BOLD);
	}
	free(keys);
	cl_free(&l);
}
