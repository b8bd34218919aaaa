/*
 * indicators.c - the indicators screen (an indicators phase: srm-review's
 * "Agree indicators" and "Assess indicators"), the indicators' trend on
 * the Follow-up screen, and the keys of both: a facilitator scores the
 * selected indicator (s), sets its baseline (b) and target (t), checks
 * (c), adopts or rejects it (a, r) and adds one (w); a participant
 * proposes one (w) where the phase takes proposals and answers a score
 * with 1..N.  Also the questions a dialogue phase with "Propose: yes"
 * takes from participants (w while no question is put to the room, Q
 * any time).
 *
 * The screen lists every indicator of the room, not only this phase's:
 * one phase agrees them and a later one scores them.  Each shows its
 * status, its baseline and target, and its score at each meeting as a
 * small bar, "M1 ▮▯▯ not present · M2 ▮▮▯ partially present": as many
 * marks as the scale has points, filled from the left one more for each
 * point nearer the scale's first (the scale is written best first, as
 * seed 004's and the default one are).  The scale and its meanings are
 * shown once, above them.
 *
 * Like the other views nothing here keeps a pointer into the workshop
 * between builds; every string from it is sanitised before it is drawn;
 * the model decides who may do what, and these keys only ask.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "roundtable/i18n.h"
#include "roundtable/template.h"
#include "roundtable/text.h"
#include "tui-internal.h"

/* --- rows ---------------------------------------------------------------- */

/* raw (network text) after prefix (clean), wrapped at the body width:
 * the first line indent columns in, the others indent + hang; the
 * prefix drawn bold.  Rows of item (0: not selectable). */
static void
lines(struct tui *t, int indent, int hang, const char *prefix,
    const char *raw, int attr, uint32_t item)
{
	char		*clean, *body, *first, *rest, *wrapped, *line, *nl;
	struct row	*row;
	int		 width = t->rows_width > 8 ? t->rows_width : 8;
	bool		 head = true;

	clean = text_sanitize(raw != NULL ? raw : "", false);
	body = xasprintf("%s%s", prefix, clean);
	first = xasprintf("%*s", indent, "");
	rest = xasprintf("%*s", indent + hang < width / 2 ? indent + hang :
	    indent, "");
	wrapped = text_wrap(body, (size_t)width, first, rest);
	for (line = wrapped; *line != '\0'; line = nl + 1) {
		nl = strchr(line, '\n');
		row = tui_rows_add(t, xstrndup(line, (size_t)(nl - line)),
		    attr, item);
		if (head && *prefix != '\0')
			row->emph = strlen(first) + strlen(prefix) <
			    (size_t)(nl - line) ? strlen(first) +
			    strlen(prefix) : (size_t)(nl - line);
		head = false;
	}
	free(wrapped);
	free(rest);
	free(first);
	free(body);
	free(clean);
}

static void
note(struct tui *t, int indent, const char *s)
{
	lines(t, indent, 0, "", s, A_DIM, 0);
}

/* --- scales and scores --------------------------------------------------- */

/* The scale a score opened now would use, as a poll the model's point
 * names read (ids: room for MODEL_SCALE_MAX). */
static struct poll
scale_now(const struct workshop *ws, uint32_t *ids)
{
	struct poll	p = { .kind = POLL_SCORE };

	p.noptions = model_scale(ws, ids, MODEL_SCALE_MAX);
	p.options = p.noptions > 0 ? ids : NULL;
	return p;
}

/* "▮▮▯": the points of the scale, filled up to the one given. */
static char *
score_bar(int points, int point)
{
	char	*s = xstrdup(""), *tmp;
	int	 i;

	for (i = 0; i < points; i++) {
		tmp = xasprintf("%s%s", s, i < points - point + 1 ? "▮" : "▯");
		free(s);
		s = tmp;
	}
	return s;
}

/* "M1 ▮▯▯ not present" for one score (sanitised; caller frees). */
static char *
score_text(const struct tui *t, const struct score *sc, bool label)
{
	const struct poll	*p = model_poll(t->ws, sc->poll);
	struct poll		 dflt = { .kind = POLL_SCORE };
	char			*bar, *name, *s;

	if (p == NULL || p->kind != POLL_SCORE)
		p = &dflt;
	bar = score_bar(model_poll_points(p), sc->point);
	name = text_sanitize(tui_point_label(t, p, sc->point), false);
	s = label ? xasprintf("M%u %s %s", sc->meeting, bar, name) :
	    xasprintf("M%u %s", sc->meeting, bar);
	free(name);
	free(bar);
	return s;
}

/* "Scores: M1 ▮▯▯ not present · M2 ▮▮▯ partially present", or NULL. */
static char *
trend_text(const struct tui *t, const struct indicator *ind)
{
	char	*s, *one, *tmp;
	size_t	 i;

	if (ind == NULL || ind->nscores == 0)
		return NULL;
	s = xstrdup("");
	for (i = 0; i < ind->nscores; i++) {
		one = score_text(t, &ind->scores[i], true);
		tmp = xasprintf("%s%s%s", s, i > 0 ? " · " : "", one);
		free(s);
		free(one);
		s = tmp;
	}
	return s;
}

/* --- the indicators screen ----------------------------------------------- */

/* "[adopted · being scored]" */
static char *
bracket(const struct tui *t, const struct item *it)
{
	const struct poll	*p = tui_open_poll(t);
	const char		*status = _(model_status_name(it->status));

	if (p != NULL && p->target == it->id && p->kind == POLL_SCORE)
		/* TRANSLATORS: %s is the indicator's status ("adopted"). */
		return xasprintf(_("[%s · being scored]"), status);
	if (p != NULL && p->target == it->id &&
	    p->kind == POLL_CONSENSUS && !(p->flags & POLL_F_CHARTER))
		/* TRANSLATORS: %s is the indicator's status ("proposed"). */
		return xasprintf(_("[%s · being checked]"), status);
	return xasprintf("[%s]", status);
}

static void
add_scale(struct tui *t)
{
	uint32_t	 ids[MODEL_SCALE_MAX];
	struct poll	 p = scale_now(t->ws, ids);
	const char	*meaning;
	char		*prefix, *label;
	int		 i;

	tui_add_heading(t, p.noptions > 0 ? _("The scale") :
	    _("The scale (the default one: this room's template gives "
	    "none)"));
	for (i = 1; i <= model_poll_points(&p); i++) {
		label = text_sanitize(tui_point_label(t, &p, i), false);
		meaning = tui_point_meaning(t, &p, i);
		prefix = xasprintf("%d %s%s", i, label, meaning != NULL ?
		    " — " : "");
		lines(t, 2, 4, prefix, meaning != NULL ? meaning : "",
		    A_NORMAL, 0);
		free(prefix);
		free(label);
	}
}

static void
add_indicator(struct tui *t, const struct item *it)
{
	const struct indicator	*ind = it->ind;
	char			*who, *prefix, *suffix, *s, *trend;
	char			 num[16];
	int			 attr = it->status == STATUS_REJECTED ||
				    it->status == STATUS_WITHDRAWN ? A_DIM :
				    A_NORMAL;

	who = tui_item_author(t, it);
	snprintf(num, sizeof num, "%u. ", model_indicator_number(t->ws,
	    it->id));
	prefix = it->status == STATUS_PROPOSED && *who != '\0' ?
	    /* TRANSLATORS: "3. Proposed by Awa: "; the first %s is
	    * the indicator's number with its dot and space. */
	    xasprintf(_("%sProposed by %s: "), num, who) : xstrdup(num);
	suffix = bracket(t, it);
	s = xasprintf("%s %s", tui_seed_text(t, it), suffix);
	/* Air between them on a big screen (a projector). */
	if (LINES >= 36 && t->rows.n > t->rows.nfixed &&
	    t->rows.v[t->rows.n - 1].text[0] != '\0')
		tui_rows_add(t, xstrdup(""), A_NORMAL, 0);
	lines(t, 2, (int)strlen(num), prefix, s, attr, it->id);
	free(s);
	free(suffix);
	free(prefix);
	free(who);
	if (ind == NULL)
		return;
	if (ind->baseline != NULL || ind->target != NULL) {
		s = xasprintf(_("Baseline: %s · Target: %s"), ind->baseline !=
		    NULL ? ind->baseline : _("not set"), ind->target != NULL ?
		    ind->target : _("not set"));
		lines(t, 2 + (int)strlen(num), 2, "", s, attr, it->id);
		free(s);
	} else if (it->status != STATUS_REJECTED &&
	    it->status != STATUS_WITHDRAWN)
		lines(t, 2 + (int)strlen(num), 2, "", _("No baseline or target "
		    "yet"), A_DIM, it->id);
	if ((trend = trend_text(t, ind)) != NULL) {
		lines(t, 2 + (int)strlen(num), 2, _("Scores: "), trend, attr,
		    it->id);
		free(trend);
	} else if (it->status == STATUS_ADOPTED)
		lines(t, 2 + (int)strlen(num), 2, "", _("Not scored yet"),
		    A_DIM, it->id);
}

void
tui_indicators_build(struct tui *t)
{
	const struct workshop		*ws = t->ws;
	const struct participant	*me = model_person(ws, t->self);
	const uint32_t			*ids;
	size_t				 i, n, shown = 0;
	bool				 fac = tui_is_facilitator(t);
	bool				 voter = me != NULL &&
					    me->role == ROLE_PARTICIPANT;

	add_scale(t);
	tui_add_heading(t, _("Indicators"));
	ids = model_items_of_kind(ws, ITEM_INDICATOR, &n);
	for (i = 0; i < n; i++) {
		const struct item *it = model_item(ws, ids[i]);

		if (it == NULL || it->kind != ITEM_INDICATOR ||
		    !tui_item_shown(t, it))
			continue;
		add_indicator(t, it);
		shown++;
	}
	if (shown == 0)
		note(t, 2, fac ? _("No indicators yet — w adds one.") :
		    voter && model_step_proposes(ws) ? _("No indicators yet — "
		    "w proposes one.") : _("No indicators yet."));
	tui_rows_add(t, xstrdup(""), A_NORMAL, 0);
	if (fac)
		note(t, 0, _("s scores the selected indicator with the room · "
		    "c checks it · a/r adopts or rejects it · b baseline · "
		    "t target · w adds an indicator · S sets the scale"));
	else if (voter)
		note(t, 0, model_step_proposes(ws) ? _("w proposes an "
		    "indicator; the room checks it.  When the facilitator "
		    "opens a score, answer with the number of a point of the "
		    "scale.") : _("When the facilitator opens a score, answer "
		    "with the number of a point of the scale."));
}

/* The Follow-up screen: one line per indicator the room adopted, with its
 * trend: "1 M1 ▮▯▯ M2 ▮▮▯ partially present — Legal duty of care…". */
void
tui_indicators_trend(struct tui *t)
{
	const struct workshop	*ws = t->ws;
	const uint32_t		*ids;
	const struct indicator	*ind;
	size_t			 i, k, n, shown = 0;
	char			*s, *one, *tmp, *clean, *name;
	int			 w;

	ids = model_items_of_kind(ws, ITEM_INDICATOR, &n);
	for (i = 0; i < n; i++) {
		const struct item *it = model_item(ws, ids[i]);

		if (it == NULL || it->kind != ITEM_INDICATOR ||
		    it->status != STATUS_ADOPTED || !tui_item_shown(t, it) ||
		    (ind = it->ind) == NULL)
			continue;
		if (shown++ == 0)
			tui_add_heading(t,
			    _("Indicators — score at each meeting"));
		s = xasprintf("%u ", model_indicator_number(ws, it->id));
		for (k = 0; k < ind->nscores; k++) {
			one = score_text(t, &ind->scores[k],
			    k + 1 == ind->nscores);
			tmp = xasprintf("%s%s%s", s, k > 0 ? " " : "", one);
			free(s);
			free(one);
			s = tmp;
		}
		if (ind->nscores == 0) {
			tmp = /* TRANSLATORS: %s is the indicator's number and a
			 * space: "2 not scored". */
			xasprintf(_("%snot scored"), s);
			free(s);
			s = tmp;
		}
		/* The text last, cut to the line: one line each. */
		clean = text_sanitize(tui_seed_text(t, it), false);
		name = xasprintf("%s — %s", s, clean);
		w = t->rows_width > 4 ? t->rows_width - 2 : 2;
		if ((int)text_width(name) > w) {
			tmp = xasprintf("%.*s…", (int)text_fit(name,
			    (size_t)(w - 1)), name);
			free(name);
			name = tmp;
		}
		tmp = xasprintf("  %s", name);
		tui_rows_add(t, tmp, A_NORMAL, 0);
		free(name);
		free(clean);
		free(s);
	}
}

/* --- keys ---------------------------------------------------------------- */

static const struct item *
selected_indicator(const struct tui *t)
{
	const struct item	*it = model_item(t->ws, t->sel);

	return it != NULL && it->kind == ITEM_INDICATOR ? it : NULL;
}

/* s: a score of the selected indicator on the room's scale. */
static void
key_score(struct tui *t)
{
	const struct item	*it = selected_indicator(t);

	if (!tui_is_facilitator(t)) {
		tui_notice(t, _("The facilitator opens a score; answer it with "
		    "the number of a point of the scale."));
		return;
	}
	if (model_open_poll(t->ws) != NULL) {
		tui_notice(t, _("A poll is open: close it first (C)."));
		return;
	}
	if (it == NULL) {
		tui_notice(t, _("Select the indicator to score (Up/Down), then "
		    "press s."));
		return;
	}
	if (it->status != STATUS_ADOPTED) {
		tui_notice(t, _("The room agrees an indicator before scoring "
		    "it: check it (c) or adopt it (a) first."));
		return;
	}
	free(t->setup.question);
	memset(&t->setup, 0, sizeof t->setup);
	t->setup.kind = POLL_SCORE;
	t->setup.ref = it->id;
	tui_ask_poll(t);
}

/* b, t: a baseline or a target, a short line offered to replace. */
static void
key_set(struct tui *t, int32_t field)
{
	const struct item	*it = selected_indicator(t);
	const char		*now;

	if (!tui_is_facilitator(t)) {
		tui_notice(t, _("Facilitators set an indicator's baseline and "
		    "target."));
		return;
	}
	if (it == NULL || it->ind == NULL) {
		tui_notice(t, _("Select an indicator first (Up/Down)."));
		return;
	}
	tui_open_mode(t, MODE_INPUT, INPUT_INDICATOR, it->id, xasprintf(
	    field == INDICATOR_BASELINE ? _("Baseline of indicator %u (e.g. "
	    "\"2 of 10 districts\"; empty clears): ") : _("Target of indicator "
	    "%u (e.g. \"2 of 10 districts\"; empty clears): "),
	    model_indicator_number(t->ws, it->id)), MODEL_LINE_MAX);
	t->input_value = field;
	now = field == INDICATOR_BASELINE ? it->ind->baseline :
	    it->ind->target;
	if (now != NULL)
		tui_editor_offer(&t->ed, now);
}

/* The scale as a facilitator types it: "label = meaning; label; ...". */
#define SCALE_INPUT_MAX	(MODEL_SCALE_MAX * (TEMPLATE_LABEL_MAX + 5 + \
			    TEMPLATE_MEANING_MAX))

/* The scale there is, on one line as a facilitator types one, in the
 * words this screen shows it in.  Caller frees. */
static char *
scale_line(const struct tui *t)
{
	uint32_t	 ids[MODEL_SCALE_MAX];
	struct poll	 p = scale_now(t->ws, ids);
	const char	*meaning;
	char		*now = xstrdup(""), *tmp;
	int		 i;

	for (i = 1; i <= model_poll_points(&p); i++) {
		meaning = tui_point_meaning(t, &p, i);
		tmp = xasprintf("%s%s%s%s%s", now, i > 1 ?
		    C_("list separator", "; ") : "",
		    tui_point_label(t, &p, i), meaning != NULL ?
		    " = " : "", meaning != NULL ? meaning : "");
		free(now);
		now = tmp;
	}
	return now;
}

/* S: the room's own scale, on one line, offered as it is now.  Sent back
 * unchanged it is not sent: the template's scale, offered in this
 * screen's language, would become the room's own words in it. */
static void
key_scale(struct tui *t)
{
	const struct poll *open = model_open_poll(t->ws);
	char		*now;

	if (!tui_is_facilitator(t)) {
		tui_notice(t, _("Facilitators set the room's scale."));
		return;
	}
	if (open != NULL && open->kind == POLL_SCORE) {
		tui_notice(t, _("A score is open on this scale: close it "
		    "first (C)."));
		return;
	}
	tui_open_mode(t, MODE_INPUT, INPUT_SCALE, 0, xstrdup(
	    /* TRANSLATORS: the scale as it is typed: points split by ';',
	     * a point's meaning after '='. */
	    _("The scale, best first (a = meaning; b; …): ")),
	    SCALE_INPUT_MAX);
	now = scale_line(t);
	tui_editor_offer(&t->ed, now);
	free(now);
}

/* Appends the n bytes at s, spaces trimmed, and a line break unless
 * last, to *out. */
static void
add_line(char **out, const char *s, size_t n, bool last)
{
	char	*tmp;

	while (n > 0 && *s == ' ') {
		s++;
		n--;
	}
	while (n > 0 && s[n - 1] == ' ')
		n--;
	tmp = xasprintf("%s%.*s%s", *out, (int)n, s, last ? "" : "\n");
	free(*out);
	*out = tmp;
}

/* "excellent = all in place; good; poor": the labels one a line in
 * *labels, the meanings likewise in *meanings (NULL: none).  The room
 * checks the rest (how many points, how long). */
static void
parse_scale(const char *text, char **labels, char **meanings)
{
	const char	*p = text, *end, *eq;
	bool		 any = false, last;

	*labels = xstrdup("");
	*meanings = xstrdup("");
	do {
		end = strchr(p, ';');
		last = end == NULL;
		if (last)
			end = p + strlen(p);
		eq = memchr(p, '=', (size_t)(end - p));
		add_line(labels, p, (size_t)((eq != NULL ? eq : end) - p),
		    last);
		if (eq != NULL) {
			add_line(meanings, eq + 1, (size_t)(end - eq - 1),
			    last);
			any = true;
		} else
			add_line(meanings, "", 0, last);
		p = end + 1;
	} while (!last);
	if (!any) {
		free(*meanings);
		*meanings = NULL;
	}
}

static void
send_scale(struct tui *t, const char *text)
{
	struct intent	 in = { .type = INTENT_SCALE };
	char		*labels, *meanings;

	parse_scale(text, &labels, &meanings);
	in.text = labels;
	in.text2 = meanings;
	t->acted = true;
	t->cb.intent(t->ctx, &in);
	free(labels);
	free(meanings);
}

/* Whether the viewer proposes questions here (a dialogue phase with
 * Propose: yes). */
static bool
proposes_questions(const struct tui *t)
{
	const struct participant	*me = model_person(t->ws, t->self);

	return t->ws->phase == PHASE_DIALOGUE && model_step_proposes(t->ws) &&
	    (me == NULL || me->role != ROLE_OBSERVER);
}

static void
propose_question(struct tui *t)
{
	tui_open_mode(t, MODE_INPUT, INPUT_PROPOSE_QUESTION, 0,
	    xstrdup(_("Your proposed question (the room checks it): ")),
	    MODEL_TEXT_MAX);
}

bool
tui_propose_question(struct tui *t)
{
	const struct item	*q = model_item(t->ws, t->ws->question);

	/* A question put to the room is answered; before one is, w
	 * proposes. */
	if (!proposes_questions(t) || (q != NULL &&
	    model_question_askable(q)))
		return false;
	propose_question(t);
	return true;
}

bool
tui_indicators_key(struct tui *t, int code, wint_t ch)
{
	if (code != OK || t->ws == NULL)
		return false;
	if (ch == 'Q' && t->ws->phase == PHASE_DIALOGUE) {
		const struct participant *me = model_person(t->ws, t->self);

		if (proposes_questions(t))
			propose_question(t);
		else if (me != NULL && me->role == ROLE_OBSERVER)
			tui_notice(t, _("Observers can read the room but not "
			    "write in it."));
		else
			tui_notice(t, _("This phase takes no proposed questions: "
			    "the facilitators add its questions."));
		return true;
	}
	if (t->ws->phase != PHASE_INDICATORS)
		return false;
	switch (ch) {
	case 's':
		key_score(t);
		return true;
	case 'b':
		key_set(t, INDICATOR_BASELINE);
		return true;
	case 't':
		key_set(t, INDICATOR_TARGET);
		return true;
	case 'S':
		key_scale(t);
		return true;
	}
	return false;
}

bool
tui_indicators_send(struct tui *t, char *text)
{
	uint32_t	ref = t->input_ref;
	int32_t		field = t->input_value;
	char		*now;
	bool		same;

	switch (t->input_for) {
	case INPUT_INDICATOR:
		if (t->ws->phase != PHASE_INDICATORS) {
			tui_notice(t, _("Baselines and targets are set in an "
			    "indicators phase; Esc cancels."));
			return true;
		}
		tui_close_input(t);
		t->after_send = true;
		tui_send(t, INTENT_INDICATOR_SET, ref, field, 0, 0, text);
		return true;
	case INPUT_SCALE:
		if (t->ws->phase != PHASE_INDICATORS) {
			tui_notice(t, _("The scale is set in an indicators "
			    "phase; Esc cancels."));
			return true;
		}
		now = scale_line(t);
		same = strcmp(text, now) == 0;
		free(now);
		if (*text == '\0' || same) {
			tui_close_input(t);
			tui_notice(t, _("Nothing sent: the scale stays as it "
			    "is."));
			return true;
		}
		tui_close_input(t);
		t->after_send = true;
		send_scale(t, text);
		return true;
	case INPUT_PROPOSE_QUESTION:
		if (*text == '\0') {
			tui_close_input(t);
			tui_notice(t, _("Nothing sent: the text was empty."));
			return true;
		}
		if (!proposes_questions(t)) {
			tui_notice(t, _("The room moved on: this phase takes no "
			    "proposed questions; Esc cancels."));
			return true;
		}
		tui_close_input(t);
		t->after_send = true;
		tui_send(t, INTENT_CONTRIBUTE, 0, ITEM_QUESTION, 0, 0, text);
		return true;
	default:
		return false;
	}
}
