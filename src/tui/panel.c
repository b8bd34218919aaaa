/*
 * panel.c - the poll panel: what the room is deciding, drawn above every
 * phase body while a poll is open, and after it closes until the
 * facilitator opens another or moves the room to another phase.
 *
 * What it shows depends on who looks.  Before the reveal a participant
 * sees how many have answered and their own answer, never the tally; a
 * facilitator sees which stakeholder groups have still to answer (named
 * polls only) and, once the poll is closed, the tally and the verdict
 * (not on the serving screen, which the room reads: there at the reveal);
 * after the reveal everyone sees the bars.  No line of an anonymous poll
 * names anyone: reasons are read through model_poll_view(), which drops
 * the names, and per-group counts are left out; nor of a poll taken under
 * the Chatham House Rule.  A caucus's check on its report-back shows only
 * on its members' screens (the facilitators read its result beside the
 * report), counted against the group's size.
 *
 * The panel takes at most a third of the body.  Each line carries a
 * priority and the least important go first (later lines of the version
 * text, the hints), so the title, the verdict and the keys stay; bars go
 * two to a line before any of them is dropped.  Once a check is revealed
 * the reasons of its blocks and reservations are what the proposer must
 * read: they come whole, under the verdict, and the panel may take two
 * thirds of the body for them; reasons that would push out the item or a
 * bar are left out whole (last first), and the list below shows them
 * under the check.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "roundtable/i18n.h"
#include "roundtable/text.h"
#include "tui-internal.h"

/* Line priorities: the lowest is dropped first. */
enum {
	PRIO_TEXT_MORE = 20,	/* version text after its first line, once
				 * the result is out */
	PRIO_HINT = 30,
	PRIO_BAR_ZERO = 35,
	PRIO_DECIDED = 38,	/* the version's first line, once the result
				 * is out: what the verdict is about */
	PRIO_GROUPS = 40,
	PRIO_BAR = 45,
	PRIO_COUNT = 50,
	PRIO_ASKED_MORE = 53,	/* what is asked, after its first line:
				 * before the count on a phone */
	PRIO_TEXT = 55,		/* what is asked */
	PRIO_MINE = 58,		/* one's own answer, that it counted */
	PRIO_REASON = 65,	/* a revealed check's reasons, whole */
	PRIO_KEYS = 70,
	PRIO_VERDICT = 80,
	PRIO_RULE = 90,
	PRIO_TITLE = 100,
};

#define PANEL_LINES_MAX	64
#define DOT_MARK_MAX	5	/* columns of dots a list entry keeps */

/* What one attempt at building the panel needs. */
struct pbuild {
	struct tui		*t;
	const struct workshop	*ws;
	const struct poll	*p;
	int			 width;
	int			 textmax;	/* lines of the version text */
	bool			 twocol;	/* bars two to a line */
	int			 ntext, nbars;
	int			 group;		/* of wrapped lines, last used */
	size_t			 reasonmax;	/* reasons shown at most */
	size_t			 nreasons;	/* reasons the check has */
};

/* TRANSLATORS: months, abbreviated, in dates such as "5 Dec 2026". */
static const char *const months[12] = {
	N_("Jan"), N_("Feb"), N_("Mar"), N_("Apr"), N_("May"), N_("Jun"),
	N_("Jul"), N_("Aug"), N_("Sep"), N_("Oct"), N_("Nov"), N_("Dec"),
};

const char *
tui_date(int64_t when, bool year, char *buf, size_t size)
{
	time_t		tt = (time_t)when;
	struct tm	tm;

	if (gmtime_r(&tt, &tm) == NULL) {
		snprintf(buf, size, "?");
		return buf;
	}
	if (year)
		snprintf(buf, size, "%d %s %d", tm.tm_mday, _(months[tm.tm_mon]),
		    tm.tm_year + 1900);
	else
		snprintf(buf, size, "%d %s", tm.tm_mday, _(months[tm.tm_mon]));
	return buf;
}

const char *
tui_when(const struct workshop *ws, uint32_t meeting, int64_t when,
    int how, char *buf, size_t size)
{
	char	day[32];

	if (ws->nmeetings > 1)
		return model_when(ws, meeting, when, how, buf, size);
	tui_date(when, (how & TUI_WHEN_YEAR) != 0, day, sizeof day);
	if (how & MODEL_WHEN_AT)
		/* TRANSLATORS: when something happened, %s a date such as
		 * "5 Dec" (in "adopted on 5 Dec"). */
		snprintf(buf, size, _("on %s"), day);
	else
		snprintf(buf, size, "%s", day);
	return buf;
}

/* --- which poll ---------------------------------------------------------- */

/* The viewer's caucus, when they answer for one. */
static uint32_t
my_group(const struct tui *t)
{
	const struct participant	*me = model_person(t->ws, t->self);

	return me != NULL && me->role == ROLE_PARTICIPANT ? me->group : 0;
}

const struct poll *
tui_voting_poll(const struct tui *t)
{
	const struct poll	*p;
	uint32_t		 g;

	if (t->ws == NULL)
		return NULL;
	/* A caucus approving its report-back is the room its members are
	 * in at that moment. */
	if ((g = my_group(t)) != 0 &&
	    (p = model_group_poll(t->ws, g)) != NULL && p->state == POLL_OPEN)
		return p;
	return model_open_poll(t->ws);
}

/* The room's poll the panel shows (tui_panel_poll), when it is closed
 * and waits for R to reveal it; else NULL.  R reveals it before anything
 * else (a report-back selected meanwhile included): the panel says R
 * reveals it.  One left closed in an earlier phase is not the panel's,
 * and not revealed by an R meant for something else. */
const struct poll *
tui_poll_unrevealed(const struct tui *t)
{
	const struct poll	*p = tui_panel_poll(t);

	return p != NULL && p->state == POLL_CLOSED &&
	    !(p->flags & POLL_F_GROUP) ? p : NULL;
}

/* Whether this screen keeps p's result back: the serving screen, which
 * the room reads on the projector, until R reveals it (a co-facilitator's
 * own screen has it once the poll closes). */
bool
tui_result_withheld(const struct tui *t, const struct poll *p)
{
	return t->self == MODEL_FACILITATOR && p->state == POLL_CLOSED;
}

/* Whether the panel may show a poll to this viewer: another group's
 * check never (a replica holds only its placeholder), nor any group's on
 * the facilitators' screens (the body shows each report's approval). */
static bool
panel_shows(const struct tui *t, const struct poll *p)
{
	if (p->kind == POLL_HIDDEN)
		return false;
	if (p->flags & POLL_F_GROUP)
		return p->group != 0 && p->group == my_group(t);
	return true;
}

/*
 * The poll the panel shows: the open one the viewer answers or, for the
 * facilitators, the room's open one (people must be able to answer and the
 * facilitator to close it); else the latest poll of this phase, unless the
 * room changed phase since it closed or it was a past meeting's.
 */
const struct poll *
tui_panel_poll(const struct tui *t)
{
	const struct workshop	*ws = t->ws;
	const struct poll	*p;
	size_t			 i;

	if (ws == NULL)
		return NULL;
	if ((p = tui_voting_poll(t)) != NULL)
		return p;
	for (i = ws->npolls; i > 0; i--) {
		p = &ws->polls[i - 1];
		if (p->phase != ws->phase || !panel_shows(t, p))
			continue;
		/* A new meeting starts with no result on the screen. */
		if ((p->meeting != 0 ? p->meeting : 1) != ws->meeting)
			return NULL;
		return p->id > t->panel_after ? p : NULL;
	}
	return NULL;
}

const struct poll *
tui_report_poll(const struct workshop *ws, uint32_t id)
{
	size_t	i;

	for (i = ws->npolls; i > 0; i--)
		if ((ws->polls[i - 1].flags & POLL_F_GROUP) &&
		    ws->polls[i - 1].target == id)
			return &ws->polls[i - 1];
	return NULL;
}

bool
tui_report_approval(const struct workshop *ws, const struct item *it,
    uint32_t *yes, uint32_t *members)
{
	(void)ws;
	/* The model keeps "approved number of ref" with the report when its
	 * check passes, and sends it with the report when it is revealed
	 * to those who never saw the check. */
	if (it->kind != ITEM_CAUCUS_REPORT || it->ref == 0 ||
	    (it->status != STATUS_ADOPTED && !(it->flags & ITEM_F_REVEALED)))
		return false;
	*yes = it->number;
	*members = it->ref;
	return true;
}

/* --- lines --------------------------------------------------------------- */

static void
pl_clear(struct tui *t)
{
	size_t	i;

	for (i = 0; i < t->npanel; i++)
		free(t->panel[i].text);
	t->npanel = 0;
}

/* Takes text (sanitised).  Lines of one wrapped paragraph share a group,
 * so that one cut short can say so. */
static void
pl_add_group(struct pbuild *b, char *text, int attr, int prio, int kind,
    int group)
{
	struct tui	*t = b->t;

	if (t->npanel == PANEL_LINES_MAX) {
		free(text);
		return;
	}
	if (t->npanel == t->panel_cap) {
		t->panel_cap = t->panel_cap == 0 ? 16 : t->panel_cap * 2;
		t->panel = xrealloc(t->panel, t->panel_cap *
		    sizeof *t->panel);
	}
	t->panel[t->npanel].text = text;
	t->panel[t->npanel].attr = attr;
	t->panel[t->npanel].prio = prio;
	t->panel[t->npanel].kind = kind;
	t->panel[t->npanel].group = group;
	t->npanel++;
}

static void
pl_add(struct pbuild *b, char *text, int attr, int prio, int kind)
{
	pl_add_group(b, text, attr, prio, kind, 0);
}

/* s is cut to cols columns, ending in "…" when it did not fit. */
static char *
cut(const char *s, int cols)
{
	char	*c;

	if (cols < 1)
		return xstrdup("");
	if ((int)text_width(s) <= cols)
		return xstrdup(s);
	c = xstrndup(s, text_fit(s, (size_t)(cols - 1)));
	{
		char *r = xasprintf("%s…", c);

		free(c);
		return r;
	}
}

/*
 * Adds raw (network) text wrapped at the panel width over at most max
 * lines, the last one ending in "…" when there is more; prefix (already
 * sanitised) starts the first line.  Returns the lines added.
 */
static int
pl_wrapped(struct pbuild *b, const char *prefix, const char *raw, int attr,
    int prio, int prio_more, int max)
{
	char	*clean, *body, *wrapped, *line, *nl;
	int	 n = 0, group = ++b->group;

	clean = text_sanitize(raw != NULL ? raw : "", true);
	body = xasprintf("%s%s", prefix != NULL ? prefix : "", clean);
	free(clean);
	wrapped = text_wrap(body, (size_t)(b->width > 4 ? b->width : 4), "",
	    "  ");
	for (line = wrapped; *line != '\0' && n < max; line = nl + 1) {
		nl = strchr(line, '\n');
		if (n + 1 == max && nl[1] != '\0') {
			char *s = xstrndup(line, (size_t)(nl - line));
			char *c = xasprintf("%s…", s);

			pl_add_group(b, cut(c, b->width), attr, n == 0 ? prio :
			    prio_more, 0, group);
			free(c);
			free(s);
			n++;
			break;
		}
		pl_add_group(b, xstrndup(line, (size_t)(nl - line)), attr,
		    n == 0 ? prio : prio_more, 0, group);
		n++;
	}
	free(wrapped);
	free(body);
	return n;
}

static void
pl_line(struct pbuild *b, const char *s, int attr, int prio)
{
	char	*clean = text_sanitize(s, false);

	pl_add(b, cut(clean, b->width), attr, prio, 0);
	free(clean);
}

/* One line of keys; an option wider than the screen alone (a room's own
 * scale point) wrapped, not cut. */
static void
pl_keys_line(struct pbuild *b, const char *line, int group)
{
	char	*wrapped, *l, *nl, *one;

	if ((int)text_width(line) <= b->width) {
		pl_add_group(b, xstrdup(line), A_BOLD, PRIO_KEYS, 0, group);
		return;
	}
	wrapped = text_wrap(line, (size_t)(b->width > 4 ? b->width : 4), "",
	    "  ");
	for (l = wrapped; *l != '\0'; l = nl + 1) {
		nl = strchr(l, '\n');
		one = xstrndup(l, (size_t)(nl - l));
		pl_add_group(b, cut(one, b->width), A_BOLD, PRIO_KEYS, 0,
		    group);
		free(one);
	}
	free(wrapped);
}

/*
 * The keys of a poll, "1 agree  2 agree with reservations  3 stand aside
 * 4 block": its options are what two spaces part, and a line breaks only
 * between them, so that on a phone every option is there whole ("4
 * block" was cut off at 45 columns).
 */
static void
pl_keys(struct pbuild *b, const char *keys)
{
	char		*clean = text_sanitize(keys, false), *line = NULL, *tmp;
	const char	*opt = clean, *end;
	int		 group = ++b->group;
	size_t		 len;

	while (*opt != '\0') {
		end = strstr(opt, "  ");
		len = end != NULL ? (size_t)(end - opt) : strlen(opt);
		tmp = line == NULL ? xstrndup(opt, len) :
		    xasprintf("%s  %.*s", line, (int)len, opt);
		if (line != NULL && (int)text_width(tmp) > b->width) {
			pl_keys_line(b, line, group);
			free(tmp);
			tmp = xstrndup(opt, len);
		}
		free(line);
		line = tmp;
		opt += len;
		opt += strspn(opt, " ");
	}
	if (line != NULL)
		pl_keys_line(b, line, group);
	free(line);
	free(clean);
}

/* --- bars ---------------------------------------------------------------- */

/* The lines a poll's panel may want (title, what is asked, the options,
 * one's answer or the tally, the rule) before it gives way to the list. */
#define PANEL_ROOM	8

struct bar {
	char	*label;		/* sanitised, one line */
	int	 count;
};

/*
 * "          agree ███████ 5": the label (right-aligned when right, else
 * left-aligned and padded) in labelw columns, a bar scaled so that scale
 * fills what is left of width, and the count.
 */
static char *
bar_text(const struct bar *bar, int labelw, bool right, int scale, int width)
{
	char	*label, *s, *tmp, num[16];
	int	 lw, area, n, i;

	snprintf(num, sizeof num, "%d", bar->count);
	label = cut(bar->label, labelw);
	lw = (int)text_width(label);
	area = width - labelw - (int)strlen(num) - 2;
	if (area < 1)
		area = 1;
	n = scale > 0 ? (bar->count * area + scale / 2) / scale : 0;
	if (bar->count > 0 && n == 0)
		n = 1;
	if (n > area)
		n = area;
	s = right ? xasprintf("%*s%s ", labelw - lw, "", label) :
	    xasprintf("%s%*s ", label, labelw - lw, "");
	free(label);
	for (i = 0; i < n; i++) {
		tmp = xasprintf("%s█", s);
		free(s);
		s = tmp;
	}
	tmp = xasprintf("%s%s%s", s, n > 0 ? " " : "", num);
	free(s);
	return tmp;
}

/* Adds the bars, two to a line when b->twocol. */
static void
pl_bars(struct pbuild *b, struct bar *bars, size_t n, bool right, int scale)
{
	int	 labelw = 0, colw, lw, group;
	size_t	 i;
	char	*l, *r, *s;

	for (i = 0; i < n; i++) {
		lw = (int)text_width(bars[i].label);
		if (lw > labelw)
			labelw = lw;
	}
	colw = b->twocol ? (b->width - 3) / 2 : b->width;
	if (labelw > colw * 45 / 100 && !right)
		labelw = colw * 45 / 100;
	if (labelw > colw - 6)
		labelw = colw - 6 > 1 ? colw - 6 : 1;
	b->nbars = (int)n;
	/* One group: a bar left out for want of room leaves "…" on the
	 * one before, so a tally never looks whole when it is not. */
	group = ++b->group;
	for (i = 0; i < n; i++) {
		l = bar_text(&bars[i], labelw, right, scale, colw);
		if (!b->twocol) {
			pl_add_group(b, l, A_NORMAL, bars[i].count > 0 ?
			    PRIO_BAR : PRIO_BAR_ZERO, 0, group);
			continue;
		}
		if (i + 1 < n) {
			r = bar_text(&bars[i + 1], labelw, right, scale, colw);
			lw = (int)text_width(l);
			s = xasprintf("%s%*s │ %s", l, colw - lw, "", r);
			free(r);
		} else
			s = xstrdup(l);
		free(l);
		pl_add_group(b, s, A_NORMAL, PRIO_BAR, 0, group);
		i++;
	}
}

static int
by_dots(const void *a, const void *b)
{
	const struct bar *x = a, *y = b;

	return y->count - x->count;
}

/* The tally as bars.  Returns false when this viewer does not know it
 * (a closed anonymous poll on a co-facilitator's replica). */
static bool
add_tally(struct pbuild *b)
{
	const struct poll	*p = b->p;
	struct bar		*bars;
	size_t			 i, n = 0, first, last;
	int			*t, total = 0, max = 0;
	size_t			 nt;

	nt = p->kind == POLL_DOTS ? p->noptions + 1 : p->kind == POLL_SCORE ?
	    (size_t)model_poll_points(p) + 1 : ANSWER_ABSTAIN + 1;
	t = xcalloc(nt, sizeof *t);
	model_tally(p, t, nt);
	bars = xcalloc(nt, sizeof *bars);
	if (p->kind == POLL_DOTS) {
		bool *seen = xcalloc(b->ws->npeople + 1, sizeof *seen);
		uint32_t voters = 0;

		for (i = 0; i < p->nvotes; i++) {
			uint32_t v = p->votes[i].voter;

			if (v <= b->ws->npeople && !seen[v]) {
				seen[v] = true;
				voters++;
			}
		}
		free(seen);
		if (p->state != POLL_REVEALED && voters < p->answered)
			goto unknown;
		for (i = 0; i < p->noptions; i++) {
			const struct item *it = model_item(b->ws,
			    p->options[i]);

			bars[n].label = text_sanitize(it != NULL &&
			    it->kind != ITEM_HIDDEN && it->text != NULL ?
			    tui_seed_text(b->t, it) : _("(not shown)"), false);
			/* One line of it. */
			for (char *c = bars[n].label; *c != '\0'; c++)
				if (*c == '\n')
					*c = ' ';
			bars[n].count = t[i];
			if (t[i] > max)
				max = t[i];
			n++;
		}
		/* Most dots first; equal ones keep the list's order. */
		for (i = 1; i < n; i++) {
			struct bar x = bars[i];
			size_t j = i;

			while (j > 0 && by_dots(&bars[j - 1], &x) > 0) {
				bars[j] = bars[j - 1];
				j--;
			}
			bars[j] = x;
		}
		pl_bars(b, bars, n, false, max);
		goto done;
	}
	first = p->kind == POLL_CONSENSUS ? ANSWER_AGREE : p->kind ==
	    POLL_SCORE ? 1 : ANSWER_YES;
	last = p->kind == POLL_CONSENSUS ? ANSWER_BLOCK : p->kind ==
	    POLL_SCORE ? (size_t)model_poll_points(p) : ANSWER_ABSTAIN;
	for (i = first; i <= last; i++)
		total += t[i];
	if (p->state != POLL_REVEALED && total < (int)p->answered)
		goto unknown;
	for (i = first; i <= last; i++) {
		/* A score's bars are the points of its scale, in order. */
		bars[n].label = p->kind == POLL_SCORE ? text_sanitize(
		    tui_point_label(b->t, p, (int)i), false) :
		    xstrdup(_(model_answer_name((int)i)));
		bars[n].count = t[i];
		n++;
	}
	pl_bars(b, bars, n, true, total);
done:
	for (i = 0; i < n; i++)
		free(bars[i].label);
	free(bars);
	free(t);
	return true;
unknown:
	free(bars);
	free(t);
	return false;
}

/* --- the parts of the panel ---------------------------------------------- */

static const char *
secret_word(const struct workshop *ws, const struct poll *p)
{
	/* TRANSLATORS: in a poll's title, after a dash: how it is
	 * answered ("Straw poll — anonymous"). */
	return model_poll_nameless(ws, p) ? _("anonymous") : _("named");
}

static char *
title_text(const struct pbuild *b)
{
	const struct poll	*p = b->p;
	/* TRANSLATORS: added to a poll's title once it is closed, or its
	 * result shown. */
	const char		*state = p->state == POLL_CLOSED ? _(" · closed") :
				    p->state == POLL_REVEALED ? _(" · result") : "";
	const struct participant *me = model_person(b->ws, b->t->self);

	if (p->flags & POLL_F_GROUP) {
		const struct group	*g = model_group(b->ws, p->group);
		char			*s, *clean;

		/* TRANSLATORS: a poll's title: the first %s is a
		 * stakeholder group's name, the second " · closed" or
		 * " · result" or nothing. */
		s = xasprintf(g != NULL && g->id == my_group(b->t) ?
		    _("Caucus check on our report-back — %s%s") :
		    _("Caucus check on the report-back — %s%s"),
		    g != NULL ? model_group_shown(g->name) : _("a caucus"),
		    state);
		clean = text_sanitize(s, false);
		free(s);
		return clean;
	}
	switch (p->kind) {
	case POLL_CONSENSUS:
		/* TRANSLATORS: a poll's title: "anonymous" or "named",
		 * then " · closed" or " · result" or nothing. */
		return xasprintf(_("Consensus check, round %d — %s%s"), p->round,
		    secret_word(b->ws, p), state);
	case POLL_STRAW:
		/* TRANSLATORS: a poll's title, as above. */
		return xasprintf(_("Straw poll — %s%s"), secret_word(b->ws, p),
		    state);
	case POLL_SCORE:
		/* TRANSLATORS: a poll's title, as above. */
		return xasprintf(_("Score of indicator %u — %s%s"),
		    model_indicator_number(b->ws, p->target),
		    secret_word(b->ws, p), state);
	}
	if (p->state == POLL_OPEN && me != NULL &&
	    me->role == ROLE_PARTICIPANT)
		/* TRANSLATORS: a poll's title: the dots the reader has
		 * still to place, the dots each has; the last %s is
		 * "anonymous" or "named".  What is left comes first: a
		 * phone's screen cuts the end of the line. */
		return xasprintf(_("Dot vote — you have %d left (%d dots "
		    "each) · %s"), p->dots - model_my_dots(p, b->t->self),
		    p->dots, secret_word(b->ws, p));
	/* TRANSLATORS: a poll's title, as above. */
	return xasprintf(_("Dot vote — %d dots each — %s%s"), p->dots,
	    secret_word(b->ws, p), state);
}

/* What a consensus check is on: "Ground rule: ", "4.6 Decision-making: ". */
static char *
target_label(const struct pbuild *b)
{
	const struct item	*it = model_item(b->ws, b->p->target), *sec;
	const char		*noun;
	char			*s, *clean, num[16];

	if (b->p->flags & POLL_F_CHARTER)
		return xstrdup(_("The whole charter, as its sections stand"));
	if (it == NULL || it->kind == ITEM_HIDDEN)
		return xstrdup("");
	switch (it->kind) {
	case ITEM_RULE:
		/* TRANSLATORS: before a ground rule's text, under a
		 * consensus check's title. */
		return it->number != 0 ? xasprintf(_("Ground rule %u: "),
		    it->number) : xstrdup(_("Ground rule: "));
	case ITEM_AMENDMENT:
		sec = model_item(b->ws, it->ref);
		return sec != NULL && sec->number != 0 ?
		    xasprintf(_("Amendment to rule %u: "), sec->number) :
		    xstrdup(_("Amendment: "));
	case ITEM_SECTION:
		s = xasprintf("%s %s: ", tui_section_number(it->number, num,
		    sizeof num), it->text);
		clean = text_sanitize(s, false);
		free(s);
		return clean;
	case ITEM_SECTION_TEXT:
		sec = model_item(b->ws, it->ref);
		/* TRANSLATORS: %s is a charter section's number, "4.6". */
		return xasprintf(_("Proposed text for %s: "), sec != NULL ?
		    tui_section_number(sec->number, num, sizeof num) : "?");
	case ITEM_CAUCUS_REPORT:
		return xstrdup(_("Report-back: "));
	case ITEM_PROBLEM:
	case ITEM_VISION:
		return xasprintf(it->kind == ITEM_PROBLEM ?
		    _("Problem statement #%u: ") : _("Vision statement #%u: "),
		    tui_statement_number(b->ws, it->id));
	case ITEM_EXIT:
		/* TRANSLATORS: %s is the kind of exit strategy. */
		s = xasprintf(_("Exit strategy (%s): "),
		    _(model_exit_name((int)it->number)));
		clean = text_sanitize(s, false);
		free(s);
		return clean;
	}
	noun = NULL;
	switch (it->kind) {
	case ITEM_EXPECTATION:
		noun = _("Expectation: ");
		break;
	case ITEM_ACTION:
		noun = _("Action: ");
		break;
	case ITEM_LESSON:
		noun = _("Lesson: ");
		break;
	}
	return xstrdup(noun != NULL ? noun : "");
}

static void
add_version(struct pbuild *b, int prio)
{
	const struct poll	*p = b->p;
	char			*label;
	/* Its later lines never outlast its first. */
	int			 more = prio < PRIO_TEXT_MORE ? prio :
				    prio == PRIO_TEXT ? PRIO_ASKED_MORE :
				    PRIO_TEXT_MORE;

	if (b->textmax <= 0)
		return;
	switch (p->kind) {
	case POLL_CONSENSUS:
		label = target_label(b);
		b->ntext = pl_wrapped(b, label, (p->flags & POLL_F_CHARTER) ?
		    "" : tui_poll_text(b->t, p), A_NORMAL, prio, more,
		    b->textmax);
		free(label);
		break;
	case POLL_STRAW:
		b->ntext = pl_wrapped(b, _("Question: "), tui_poll_text(b->t,
		    p), A_BOLD, prio, more, b->textmax);
		break;
	case POLL_SCORE:
		b->ntext = pl_wrapped(b, _("Indicator: "), tui_poll_text(b->t,
		    p), A_BOLD, prio, more, b->textmax);
		break;
	default:
		if (p->text != NULL)
			b->ntext = pl_wrapped(b, "", p->text, A_BOLD,
			    prio, more, b->textmax);
		break;
	}
}

/* "Community 2/3 · Police 0/2 — not yet: Police", from the answers the
 * viewer holds (a facilitator holds all of a named poll's). */
static void
add_groups(struct pbuild *b)
{
	const struct workshop	*ws = b->ws;
	const struct poll	*p = b->p;
	uint32_t		*answered, *present, *voters_absent;
	bool			*seen;
	char			*s = xstrdup(""), *silent = NULL, *tmp;
	size_t			 i, shown = 0;

	answered = xcalloc(ws->ngroups + 1, sizeof *answered);
	present = xcalloc(ws->ngroups + 1, sizeof *present);
	voters_absent = xcalloc(ws->ngroups + 1, sizeof *voters_absent);
	seen = xcalloc(ws->npeople + 1, sizeof *seen);
	for (i = 0; i < ws->npeople; i++) {
		const struct participant *q = &ws->people[i];

		if (q->present && q->role == ROLE_PARTICIPANT &&
		    q->group <= ws->ngroups)
			present[q->group]++;
	}
	for (i = 0; i < p->nvotes; i++) {
		const struct vote *v = &p->votes[i];
		const struct participant *q = model_person(ws, v->voter);

		if (q == NULL || seen[v->voter] || v->group > ws->ngroups)
			continue;
		seen[v->voter] = true;
		answered[v->group]++;
		if (!q->present)
			voters_absent[v->group]++;
	}
	for (i = 0; i < ws->ngroups; i++) {
		uint32_t g = ws->groups[i].id, of = present[g] +
		    voters_absent[g];

		if (of == 0)
			continue;
		tmp = xasprintf("%s%s%s %u/%u", s, shown++ > 0 ? " · " : "",
		    model_group_shown(ws->groups[i].name), answered[g], of);
		free(s);
		s = tmp;
		if (answered[g] == 0) {
			tmp = xasprintf("%s%s%s", silent != NULL ? silent :
			    /* TRANSLATORS: before the names of the
			     * groups that have not answered, "not yet:
			     * Youth, Women". */
			    _("not yet: "), silent != NULL ? ", " : "",
			    model_group_shown(ws->groups[i].name));
			free(silent);
			silent = tmp;
		}
	}
	if (shown > 0) {
		tmp = xasprintf("%s — %s", s, silent != NULL ? silent :
		    _("every group present has answered"));
		free(s);
		s = tmp;
		pl_wrapped(b, "", s, A_NORMAL, PRIO_GROUPS, PRIO_HINT, 2);
	}
	free(silent);
	free(s);
	free(seen);
	free(voters_absent);
	free(present);
	free(answered);
}

/* "Your answer: block — «reason»; you can change it until ...". */
static void
add_mine(struct pbuild *b, bool open)
{
	const struct vote	*v = model_my_vote(b->p, b->t->self);
	char			*s;

	if (b->p->kind == POLL_DOTS)
		return;
	if (v == NULL) {
		/* The options say it too: what is asked comes first. */
		if (open)
			pl_line(b, _("You have not answered yet."), A_NORMAL,
			    PRIO_COUNT);
		return;
	}
	/* TRANSLATORS: the answer, then « the reason » if any, then "; you
	 * can change it until ..." while the poll is open. */
	s = xasprintf(_("Your answer: %s%s%s%s%s"), b->p->kind == POLL_SCORE ?
	    tui_point_label(b->t, b->p, v->answer) :
	    _(model_answer_name(v->answer)),
	    v->reason != NULL ? " — «" : "", v->reason != NULL ? v->reason :
	    "", v->reason != NULL ? "»" : "", !open ? "" :
	    b->p->kind == POLL_CONSENSUS ? _("; you can change it until the "
	    "check closes") : _("; you can change it until the poll closes"));
	/* A reason is up to MODEL_REASON_MAX bytes: room for all of it. */
	pl_wrapped(b, "", s, A_NORMAL, PRIO_MINE, PRIO_HINT, 4);
	free(s);
}

/* "1 present  2 partially present  3 not present": the keys of a score,
 * wrapped rather than cut (a scale has up to 7 points). */
static void
add_scale_keys(struct pbuild *b)
{
	char	*s = xstrdup(""), *tmp;
	int	 i;

	for (i = 1; i <= model_poll_points(b->p); i++) {
		tmp = xasprintf("%s%s%d %s", s, i > 1 ? "  " : "", i,
		    tui_point_label(b->t, b->p, i));
		free(s);
		s = tmp;
	}
	pl_keys(b, s);
	free(s);
}

static uint32_t
room_size(const struct pbuild *b)
{
	size_t	n = tui_count_present(b->ws, ROLE_PARTICIPANT);

	/* A caucus answers for itself. */
	if (b->p->flags & POLL_F_GROUP)
		n = model_group_size(b->ws, b->p->group);

	return n > b->p->answered ? (uint32_t)n : b->p->answered;
}

/* Whether a caucus is checking its report-back. */
static bool
group_check_open(const struct workshop *ws)
{
	size_t	i;

	for (i = 0; i < ws->npolls; i++)
		if (ws->polls[i].state == POLL_OPEN &&
		    (ws->polls[i].flags & POLL_F_GROUP))
			return true;
	return false;
}

/* Whether this screen answers poll p: a participant, of its caucus for
 * a caucus's check. */
static bool
answers(const struct tui *t, const struct poll *p)
{
	const struct participant	*me = model_person(t->ws, t->self);

	return me != NULL && me->role == ROLE_PARTICIPANT &&
	    (!(p->flags & POLL_F_GROUP) || me->group == p->group);
}

static void
build_open(struct pbuild *b)
{
	const struct poll		*p = b->p;
	bool				 voter = answers(b->t, p);
	char				*s;

	add_version(b, PRIO_TEXT);
	if (p->kind == POLL_DOTS && voter && p->dots > 0)
		pl_line(b, _("Your dots are shown as ● beside the items below; "
		    "○ marks an item without yours."), A_DIM, PRIO_HINT);
	/* TRANSLATORS: how many of those who vote have answered. */
	s = xasprintf(p->kind == POLL_DOTS ? ngettext("%u of %u have placed "
	    "dots", "%u of %u have placed dots", p->answered) :
	    ngettext("%u of %u have answered", "%u of %u have answered",
	    p->answered), p->answered, room_size(b));
	pl_line(b, s, A_BOLD, PRIO_COUNT);
	free(s);
	if (voter) {
		add_mine(b, true);
		if (p->kind == POLL_CONSENSUS)
			/* TRANSLATORS: the keys 1-4 stay; keep the line
			 * within 80 columns, and two spaces between the
			 * options (a narrow screen breaks the line only
			 * there). */
			pl_keys(b, _("1 agree  2 agree with reservations  3 "
			    "stand aside  4 block"));
		else if (p->kind == POLL_STRAW)
			/* TRANSLATORS: two spaces between the options. */
			pl_keys(b, _("1 yes  2 no  3 abstain"));
		else if (p->kind == POLL_SCORE)
			add_scale_keys(b);
		else
			pl_keys(b, _("+ puts a dot on the selected item  - "
			    "takes one back"));
		if (p->flags & POLL_F_GROUP)
			pl_line(b, _("C closes the check when your group is "
			    "ready; you all see the result at once"), A_DIM,
			    PRIO_HINT);
		/* The room's poll waits behind the caucus's check
		 * (tui_voting_poll): said, or it is never seen. */
		if ((p->flags & POLL_F_GROUP) && model_open_poll(b->ws) != NULL)
			pl_line(b, _("The facilitator's poll is open too: it "
			    "comes once this check closes."), A_BOLD,
			    PRIO_KEYS);
		return;
	}
	if (!tui_is_facilitator(b->t))
		return;
	if (!(p->flags & POLL_F_GROUP) && group_check_open(b->ws))
		/* Which caucus is its own business (the projector). */
		pl_line(b, _("A caucus is checking its report-back: its "
		    "members answer this once their check closes."), A_BOLD,
		    PRIO_COUNT);
	/* Per group, who has still to answer, but not on the projector
	 * while a caucus checks: "not yet: Military" would name it. */
	if (!model_poll_nameless(b->ws, p) &&
	    !(b->t->self == MODEL_FACILITATOR && group_check_open(b->ws)))
		add_groups(b);
	pl_line(b, _("C closes it; the room sees the result when R reveals "
	    "it"),
	    A_DIM, PRIO_HINT);
}

/* "consensus — adopted", "Score: partially present (3 of 5; ...)". */
static void
add_verdict(struct pbuild *b)
{
	char	*s, *verdict;

	if (b->p->verdict_text == NULL)
		return;
	verdict = b->p->kind == POLL_SCORE ? model_score_said(b->ws,
	    b->p) : i18n_from_wire(b->p->verdict_text, model_words);
	/* Wrapped, not cut: on a phone "— adopted" was past the edge. */
	if (b->p->kind == POLL_CONSENSUS)
		pl_wrapped(b, NULL, verdict, A_BOLD, PRIO_VERDICT,
		    PRIO_VERDICT, 3);
	else if (b->p->kind == POLL_SCORE) {
		/* TRANSLATORS: %s is the score's verdict. */
		s = xasprintf(_("Score: %s"), verdict);
		pl_wrapped(b, NULL, s, A_BOLD, PRIO_VERDICT, PRIO_VERDICT, 3);
		free(s);
	}
	free(verdict);
}

static void
build_closed(struct pbuild *b)
{
	const struct poll	*p = b->p;
	char			*s;

	/* What was asked stays on every screen until the result comes. */
	add_version(b, PRIO_HINT);
	if (tui_result_withheld(b->t, p)) {
		s = xasprintf(ngettext("Closed — %u answered · R reveals the "
		    "result to the room", "Closed — %u answered · R reveals "
		    "the result to the room", p->answered), p->answered);
		pl_line(b, s, A_BOLD, PRIO_VERDICT);
		free(s);
		return;
	}
	if (!tui_is_facilitator(b->t)) {
		s = xasprintf(ngettext("Closed — %u answered; the facilitator "
		    "will reveal the result", "Closed — %u answered; the "
		    "facilitator will reveal the result", p->answered),
		    p->answered);
		pl_line(b, s, A_BOLD, PRIO_VERDICT);
		free(s);
		add_mine(b, false);
		return;
	}
	add_tally(b);
	add_verdict(b);
	s = xasprintf(ngettext("%u answered · R reveals the result to the "
	    "room", "%u answered · R reveals the result to the room",
	    p->answered), p->answered);
	pl_line(b, s, A_NORMAL, PRIO_KEYS);
	free(s);
}

/* Reasons of blocks, then of reservations: "block — José Núñez (Police):
 * Hace falta más tiempo", without the name in an anonymous poll. */
size_t
tui_poll_reasons(const struct tui *t, const struct poll *p, char ***out)
{
	struct poll	 view;
	const int	 order[2] = { ANSWER_BLOCK, ANSWER_RESERVATIONS };
	size_t		 i, k, n = 0;
	char		*who, *line;
	bool		 named;

	*out = NULL;
	if (p->kind != POLL_CONSENSUS || p->state != POLL_REVEALED)
		return 0;
	/* Under the Chatham House Rule, then or since, no reason is
	 * anyone's (the serving terminal holds the names all the same). */
	named = !model_poll_nameless(t->ws, p);
	model_poll_view(t->ws, p, t->self, &view);
	*out = xcalloc(view.nvotes + 1, sizeof **out);
	for (k = 0; k < 2; k++)
		for (i = 0; i < view.nvotes; i++) {
			const struct vote *v = &view.votes[i];

			if (v->answer != order[k] || v->reason == NULL)
				continue;
			who = !named ? xstrdup("") :
			    tui_person_label(t->ws, v->voter, v->group);
			if (*who != '\0') {
				char *by = xasprintf("%s — %s",
				    _(model_answer_name(v->answer)), who);

				line = tui_labelled(by, v->reason);
				free(by);
			} else
				line = tui_labelled(
				    _(model_answer_name(v->answer)), v->reason);
			(*out)[n++] = text_sanitize(line, false);
			free(line);
			free(who);
		}
	model_votes_free(view.votes, view.nvotes);
	return n;
}

/* The reasons, each whole, as many as reasonmax; a line says how many
 * more the list below holds. */
static void
add_reasons(struct pbuild *b)
{
	char	**why, *s;
	size_t	  i;

	b->nreasons = tui_poll_reasons(b->t, b->p, &why);
	for (i = 0; i < b->nreasons; i++) {
		if (i < b->reasonmax)
			pl_wrapped(b, "", why[i], A_NORMAL, PRIO_REASON,
			    PRIO_REASON, PANEL_LINES_MAX);
		free(why[i]);
	}
	free(why);
	if (b->nreasons > b->reasonmax) {
		i = b->nreasons - b->reasonmax;
		s = xasprintf(ngettext("%zu more reason: in the list below, "
		    "under the check", "%zu more reasons: in the list below, "
		    "under the check", i), i);
		/* Whole on a phone where there is room (it was cut
		 * mid-word); its second line goes first. */
		pl_wrapped(b, "", s, A_BOLD, PRIO_REASON, PRIO_HINT, 2);
		free(s);
	}
}

static void
build_revealed(struct pbuild *b)
{
	const struct poll	*p = b->p;

	/* After the reveal the result and its reasons matter more than
	 * what was asked (the body shows that too), but not more than
	 * which item it was: a phone showed "blocked by 1" of nothing. */
	add_version(b, PRIO_DECIDED);
	add_tally(b);
	add_verdict(b);
	if (p->kind == POLL_CONSENSUS)
		add_reasons(b);
}

static void
build(struct pbuild *b)
{
	pl_clear(b->t);
	b->ntext = b->nbars = 0;
	pl_add(b, title_text(b), A_BOLD, PRIO_TITLE, PANEL_TITLE);
	switch (b->p->state) {
	case POLL_OPEN:
		build_open(b);
		break;
	case POLL_CLOSED:
		build_closed(b);
		break;
	default:
		build_revealed(b);
		break;
	}
	pl_add(b, xstrdup(""), A_BOLD, PRIO_RULE, PANEL_RULE);
}

/* Drops the least important line (the last of equals) until n fit; a
 * paragraph cut short ends in "…". */
static void
pl_fit(struct tui *t, size_t n, int width)
{
	size_t			 i, low;
	int			 group;
	struct panel_line	*prev;
	char			*s;

	while (t->npanel > n) {
		low = 0;
		for (i = 0; i < t->npanel; i++)
			if (t->panel[i].prio <= t->panel[low].prio)
				low = i;
		group = t->panel[low].group;
		free(t->panel[low].text);
		memmove(&t->panel[low], &t->panel[low + 1],
		    (t->npanel - low - 1) * sizeof *t->panel);
		t->npanel--;
		if (low == 0 || group == 0 || t->panel[low - 1].group != group)
			continue;
		prev = &t->panel[low - 1];
		if (strlen(prev->text) >= strlen("…") &&
		    strcmp(prev->text + strlen(prev->text) - strlen("…"),
		    "…") == 0)
			continue;
		s = xasprintf("%s …", prev->text);
		free(prev->text);
		prev->text = cut(s, width);
		free(s);
	}
}

/* The lines of priority at least prio. */
static size_t
pl_count(const struct tui *t, int prio)
{
	size_t	i, n = 0;

	for (i = 0; i < t->npanel; i++)
		n += t->panel[i].prio >= prio;
	return n;
}

void
tui_panel_build(struct tui *t, int width, int body)
{
	struct pbuild	 b;
	const struct poll *p = tui_panel_poll(t);
	int		 max = body / 3;
	uint32_t	 whole = t->panel_reasons;

	pl_clear(t);
	t->panel_poll = 0;
	t->panel_reasons = 0;
	if (p == NULL)
		goto done;
	/* On a phone, a poll asking this screen for its answer, or showing
	 * the room its result, may take up to two thirds of the body: a
	 * third was the title and a line of options, not what was asked
	 * nor the tally.  A big screen keeps its list, and so does an open
	 * dot vote: its items are the list. */
	if (max < PANEL_ROOM && (p->state == POLL_REVEALED ||
	    (p->state == POLL_OPEN && answers(t, p) &&
	    p->kind != POLL_DOTS)))
		max = body * 2 / 3 < PANEL_ROOM ? body * 2 / 3 : PANEL_ROOM;
	/* Until a narrow screen has answered, what is asked is all it
	 * needs: the panel may take all the body but a line (a dot vote's
	 * items are in the list). */
	if (width < 80 && p->state == POLL_OPEN && p->kind != POLL_DOTS &&
	    answers(t, p) && model_my_vote(p, t->self) == NULL &&
	    body - 1 > max)
		max = body - 1;
	if (max < 2)
		goto done;
	memset(&b, 0, sizeof b);
	b.t = t;
	b.ws = t->ws;
	b.p = p;
	b.width = width;
	/* What is asked: three lines, or on a narrow screen as many as
	 * three of 80 columns (at 40 a question was cut after about 110
	 * characters, with nowhere else to read it). */
	b.textmax = width >= 80 || width < 20 ? 3 : (3 * 80 + width - 1) /
	    width;
	b.reasonmax = SIZE_MAX;
	for (;;) {
		build(&b);
		/* A revealed check's reasons are the thing to read now. */
		if (b.nreasons > 0 && max < body * 2 / 3)
			max = body * 2 / 3;
		if ((int)t->npanel <= max)
			break;
		/* Shorter version text, if what is less important than
		 * its lines (the count, hints) cannot make the room; then
		 * bars side by side. */
		if (b.ntext > 1 && (int)pl_count(t, PRIO_ASKED_MORE) > max) {
			int excess = (int)pl_count(t, PRIO_ASKED_MORE) - max;

			b.textmax = b.ntext - excess > 1 ? b.ntext - excess : 1;
			continue;
		}
		if (!b.twocol && b.nbars > 2 && width >= 50) {
			b.twocol = true;
			continue;
		}
		/* Then the last reasons, whole, rather than any cut, and
		 * where the list below has every reason, rather than the
		 * item or a bar of an answer given (nothing else has the
		 * bars); where it has none (an action), the reasons come
		 * first. */
		if (b.reasonmax > 0 && b.nreasons > 0 &&
		    (int)pl_count(t, tui_reasons_listed(t, p) ? PRIO_DECIDED :
		    PRIO_REASON) > max) {
			b.reasonmax = (b.reasonmax < b.nreasons ? b.reasonmax :
			    b.nreasons) - 1;
			continue;
		}
		break;
	}
	pl_fit(t, (size_t)max, width);
	t->panel_poll = p->id;
	if (b.nreasons > 0 && b.reasonmax >= b.nreasons)
		t->panel_reasons = p->id;
done:
	/* The list shows the reasons the panel does not. */
	if (t->panel_reasons != whole)
		t->stale = true;
}

void
tui_panel_draw(struct tui *t, int y, int x, int width)
{
	size_t	i;
	int	used;

	for (i = 0; i < t->npanel; i++, y++) {
		const struct panel_line *l = &t->panel[i];

		switch (l->kind) {
		case PANEL_TITLE:
			/* The rule's end gives way to the title, but for
			 * a dash. */
			used = tui_put(y, x, width, "── ", A_BOLD);
			used += tui_put_trunc(y, x + used, width - used - 2,
			    l->text, A_BOLD);
			used += tui_put(y, x + used, 1, " ", A_BOLD);
			while (used < width)
				used += tui_put(y, x + used, 1, "─", A_BOLD);
			break;
		case PANEL_RULE:
			for (used = 0; used < width; )
				used += tui_put(y, x + used, 1, "─", A_BOLD);
			break;
		default:
			tui_put_trunc(y, x, width, l->text, l->attr);
			break;
		}
	}
}

void
tui_panel_free(struct tui *t)
{
	pl_clear(t);
	free(t->panel);
	t->panel = NULL;
	t->panel_cap = 0;
}

/* --- dots beside the items ----------------------------------------------- */

/* "●● " before an item of the open dot vote (the viewer's dots), "○ "
 * when it has none of theirs; NULL for items not in it and for people who
 * do not vote. */
char *
tui_dot_mark(const struct tui *t, uint32_t item)
{
	const struct poll		*p;
	const struct participant	*me;
	size_t				 i;
	int				 n = 0, k, w;
	char				*s, *tmp;

	if (t->ws == NULL || item == 0)
		return NULL;
	p = tui_open_poll(t);
	me = model_person(t->ws, t->self);
	if (p == NULL || p->kind != POLL_DOTS || me == NULL ||
	    me->role != ROLE_PARTICIPANT)
		return NULL;
	for (i = 0; i < p->noptions; i++)
		if (p->options[i] == item)
			break;
	if (i == p->noptions)
		return NULL;
	for (i = 0; i < p->nvotes; i++)
		if (p->votes[i].voter == t->self &&
		    p->votes[i].answer == (int32_t)item)
			n += p->votes[i].weight;
	/* As wide as the dots one may place (up to DOT_MARK_MAX), so the
	 * text after it starts in the same column on every entry: on a
	 * phone it moved right with each dot. */
	w = p->dots < 1 ? 1 : p->dots > DOT_MARK_MAX ? DOT_MARK_MAX : p->dots;
	s = xstrdup(n == 0 ? "○" : "");
	for (k = 0; k < n; k++) {
		tmp = xasprintf("%s●", s);
		free(s);
		s = tmp;
	}
	k = n == 0 ? 1 : n;
	tmp = xasprintf("%s%*s ", s, k < w ? w - k : 0, "");
	free(s);
	return tmp;
}
