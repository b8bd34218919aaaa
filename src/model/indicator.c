/*
 * indicator.c - indicators: what the room agrees to watch, where it
 * starts (baseline), where it wants to be (target), and the score it gives
 * it at each meeting on its own scale (the joint security risk management
 * review of seed 004, 004_d3bdf3b84028071a.txt: "Agree indicators",
 * "Assess indicators": "Indicators can be judged as: present, partially
 * present or not present").
 *
 * An indicator is an ITEM_INDICATOR item with a struct indicator
 * attached.  The template puts some to the room as drafts; a facilitator
 * adds more, and participants propose them where the phase says so
 * (STEP_F_PROPOSE); the room agrees them like ground rules (a consensus
 * check, or a facilitator's adopt or reject).  A facilitator sets the
 * baseline and the target (INTENT_INDICATOR_SET).
 *
 * Scoring is a poll (POLL_SCORE, poll.c) on one adopted indicator: each
 * participant answers one point of the scale, which is the ITEM_SCALE
 * points of the phase (in the template's order) or, with none, the
 * default present / partially present / not present.  The scale is
 * ordinal, so the result is the median point; when the answers are even
 * in number and the two middle ones differ, the later point of the scale
 * wins (in the default scale and srm-review's, the less favourable: a
 * divided room does not hide a gap).  The verdict is worked out when the
 * poll closes, like a consensus check's, and becomes the indicator's
 * score for the meeting the poll was opened in when it is revealed: a
 * later meeting adds its own score (the trend), the same meeting scoring
 * again replaces its score.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model-internal.h"
#include "roundtable/template.h"
#include "roundtable/text.h"

/* The default scale: seed 004's three categories, in its order.  They
 * are English msgids, as the model's names are: whoever shows one shows
 * _(label).
 * TRANSLATORS: the points of the default scale an indicator is scored
 * on (is the condition it measures present?), and what each means. */
static const char *const default_labels[MODEL_SCALE_DEFAULT] = {
	N_("present"), N_("partially present"), N_("not present"),
};
static const char *const default_meanings[MODEL_SCALE_DEFAULT] = {
	N_("in place"), N_("in place in part only: a gap remains"),
	N_("not in place: a gap to address"),
};

struct indicator *
indicator_new(void)
{
	return xcalloc(1, sizeof(struct indicator));
}

void
indicator_free(struct indicator *ind)
{
	if (ind == NULL)
		return;
	free(ind->baseline);
	free(ind->target);
	free(ind->scores);
	free(ind);
}

/* --- lookups ------------------------------------------------------------ */

uint32_t
model_indicator_number(const struct workshop *ws, uint32_t id)
{
	const uint32_t	*ids;
	size_t		 n, lo = 0, hi, mid;

	ids = model_items_of_kind(ws, ITEM_INDICATOR, &n);
	hi = n;
	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (ids[mid] < id)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < n && ids[lo] == id ? (uint32_t)lo + 1 : 0;
}

size_t
model_scale(const struct workshop *ws, uint32_t *out, size_t max)
{
	const uint32_t	*ids;
	const struct item *it;
	uint32_t	 now = (uint32_t)ws->step + 1, before = 0, after = 0;
	uint32_t	 chosen;
	size_t		 i, n, k = 0;

	ids = model_items_of_kind(ws, ITEM_SCALE, &n);
	/* This phase's own points, else the nearest phase before it with
	 * some, else the first after it. */
	chosen = ws->nsteps == 0 ? 0 : UINT32_MAX;
	for (i = 0; i < n && chosen == UINT32_MAX; i++) {
		it = model_item(ws, ids[i]);
		if (it->status == STATUS_WITHDRAWN)
			continue;	/* a scale set again since */
		if (it->step == now)
			chosen = now;
		else if (it->step < now && it->step > before)
			before = it->step;
		else if (it->step > now && (after == 0 || it->step < after))
			after = it->step;
	}
	if (chosen == UINT32_MAX)
		chosen = before != 0 ? before : after;
	for (i = 0; i < n; i++) {
		it = model_item(ws, ids[i]);
		if (it->kind != ITEM_SCALE || it->text == NULL ||
		    it->status == STATUS_WITHDRAWN ||
		    (ws->nsteps > 0 && it->step != chosen))
			continue;
		if (k == MODEL_SCALE_MAX)
			break;
		if (out != NULL && k < max)
			out[k] = it->id;
		k++;
	}
	return k < 2 ? 0 : k;	/* one point is no scale */
}

int
model_poll_points(const struct poll *p)
{
	if (p->kind != POLL_SCORE)
		return 0;
	return p->noptions > 0 ? (int)p->noptions : MODEL_SCALE_DEFAULT;
}

static const struct item *
point_item(const struct workshop *ws, const struct poll *p, int point)
{
	const struct item *it;

	if (point < 1 || point > model_poll_points(p) || p->noptions == 0)
		return NULL;
	it = model_item(ws, p->options[point - 1]);
	return it != NULL && it->kind == ITEM_SCALE && it->text != NULL ?
	    it : NULL;
}

const char *
model_point_label(const struct workshop *ws, const struct poll *p, int point)
{
	const struct item *it;

	if (point < 1 || point > model_poll_points(p))
		return "?";
	if (p->noptions == 0)
		return default_labels[point - 1];
	return (it = point_item(ws, p, point)) != NULL ? it->text : "?";
}

bool
model_point_builtin(const struct workshop *ws, const struct poll *p,
    int point)
{
	const struct item *it = point_item(ws, p, point);

	if (point < 1 || point > model_poll_points(p))
		return false;
	return p->noptions == 0 || (it != NULL && (it->flags & ITEM_F_SEED));
}

const char *
model_point_meaning(const struct workshop *ws, const struct poll *p,
    int point)
{
	const struct item *it;

	if (point < 1 || point > model_poll_points(p))
		return NULL;
	if (p->noptions == 0)
		return default_meanings[point - 1];
	return (it = point_item(ws, p, point)) != NULL ? it->text2 : NULL;
}

const struct score *
model_score(const struct item *it, uint32_t meeting)
{
	size_t	i;

	if (it == NULL || it->ind == NULL)
		return NULL;
	for (i = 0; i < it->ind->nscores; i++)
		if (it->ind->scores[i].meeting == meeting)
			return &it->ind->scores[i];
	return NULL;
}

static const char *
say_as_is(const char *s)
{
	return s;
}

static const char *
say_local(const char *s)
{
	return gettext(s);
}

/* --- scoring ------------------------------------------------------------ */

/* A point's label as the reader reads it: the built-in scale's and a
 * template's in the catalogue's words, a room's own as it wrote it. */
static const char *
point_words(const struct workshop *ws, const struct poll *p, int point)
{
	const char	*label = model_point_label(ws, p, point);

	return model_point_builtin(ws, p, point) ? gettext(label) : label;
}

/*
 * The sentence of a score with tally t (total answers, the median
 * point): "partially present (3 of 5; 1 present, 1 not present)", in
 * English as the record keeps it, or in the reader's language (local).
 */
static char *
score_sentence(const struct workshop *ws, const struct poll *p,
    const int *t, int total, int median, bool local)
{
	const char	*(*say)(const char *) = local ? say_local : say_as_is;
	const char	*(*label)(const struct workshop *,
			    const struct poll *, int) = local ? point_words :
			    model_point_label;
	char		*others = NULL, *one, *tmp, *s;
	int		 i, points = model_poll_points(p);

	for (i = 1; i <= points; i++) {
		if (i == median || t[i] == 0)
			continue;
		/* TRANSLATORS: how many gave a point, and the point:
		 * "1 not present". */
		one = xasprintf(say(SAY_SCORE_OTHER), t[i], label(ws, p, i));
		tmp = others == NULL ? one : xasprintf("%s, %s", others, one);
		if (others != NULL) {
			free(others);
			free(one);
		}
		others = tmp;
	}
	s = others == NULL ? xasprintf(say(SAY_SCORE), label(ws, p,
	    median), t[median], total) : xasprintf(say(SAY_SCORE_OTHERS),
	    label(ws, p, median), t[median], total, others);
	free(others);
	return s;
}

/* The tally of p's answers; the total, and the median in *median. */
static int
score_tally(const struct poll *p, int *t, int *median)
{
	int	 points = model_poll_points(p), total = 0, seen = 0, k, i;

	model_tally(p, t, (size_t)points + 1);
	for (i = 1; i <= points; i++)
		total += t[i];
	/* The median; of two middle ones, the later point. */
	*median = 0;
	k = total / 2 + 1;
	for (i = 1; i <= points && *median == 0; i++)
		if ((seen += t[i]) >= k)
			*median = i;
	return total;
}

void
indicator_verdict(const struct workshop *ws, struct poll *p)
{
	int	 t[MODEL_SCALE_MAX + 1], total, median;

	free(p->verdict_text);
	p->verdict_text = NULL;
	p->verdict = 0;
	total = score_tally(p, t, &median);
	if (total == 0) {
		p->verdict_text = xstrdup(N_("no score: nobody answered"));
		return;
	}
	p->verdict = median;
	p->verdict_text = score_sentence(ws, p, t, total, median, false);
}

char *
model_score_said(const struct workshop *ws, const struct poll *p)
{
	int	 t[MODEL_SCALE_MAX + 1], total, median;

	if (p->verdict_text == NULL)
		return NULL;
	total = p->kind == POLL_SCORE ? score_tally(p, t, &median) : 0;
	/* Answers this replica was not shown: the record's sentence. */
	if (total == 0 || median != p->verdict)
		return i18n_from_wire(p->verdict_text, model_words);
	return score_sentence(ws, p, t, total, median, true);
}

void
indicator_scored(struct workshop *ws, const struct poll *p)
{
	struct item	*it = model_item(ws, p->target);
	struct indicator *ind;
	uint32_t	 meeting = p->meeting != 0 ? p->meeting : 1;
	size_t		 i;

	if (it == NULL || (ind = it->ind) == NULL || p->verdict < 1 ||
	    p->verdict > model_poll_points(p))
		return;
	for (i = 0; i < ind->nscores && ind->scores[i].meeting < meeting; i++)
		;
	if (i == ind->nscores || ind->scores[i].meeting != meeting) {
		ind->scores = xrealloc(ind->scores, (ind->nscores + 1) *
		    sizeof *ind->scores);
		memmove(&ind->scores[i + 1], &ind->scores[i],
		    (ind->nscores - i) * sizeof *ind->scores);
		ind->nscores++;
	}
	/* The same meeting scoring again: its last word stands. */
	ind->scores[i] = (struct score){ .meeting = meeting, .poll = p->id,
	    .point = p->verdict };
}

/* --- baseline and target (INTENT_INDICATOR_SET) -------------------------- */

static const char *
field_name(int32_t field)
{
	return field == INDICATOR_BASELINE ? N_("baseline") : N_("target");
}

int
indicator_check(const struct workshop *ws, uint32_t actor,
    const struct intent *in, struct event *ev, struct model_error *err)
{
	const struct item *it;

	if (actor != MODEL_SYSTEM && !model_is_facilitator(ws, actor))
		return model_fail(err, MODEL_ERR_ROLE, N_("only a facilitator "
		    "can set an indicator's baseline or target"));
	it = model_item(ws, in->ref);
	if (it == NULL || it->kind != ITEM_INDICATOR || it->ind == NULL)
		return model_fail(err, MODEL_ERR_NOT_FOUND, N_("choose an "
		    "indicator first"));
	if (in->value != INDICATOR_BASELINE && in->value != INDICATOR_TARGET)
		return model_fail(err, MODEL_ERR_INVALID, N_("an indicator has "
		    "a baseline and a target, nothing else to set"));
	if (ws->phase != PHASE_INDICATORS)
		return model_fail(err, MODEL_ERR_PHASE, N_("baselines and "
		    "targets are set in an indicators phase"));
	if (it->status == STATUS_REJECTED || it->status == STATUS_WITHDRAWN)
		return model_fail(err, MODEL_ERR_STATE, SAY_INDICATOR_IS,
		    model_status_name(it->status));
	/* Empty clears it; else a short line (fields.c saw its rules). */
	if (in->text != NULL && *in->text != '\0' &&
	    model_check_text(in->text, MODEL_LINE_MAX, false,
	    field_name(in->value), err) != 0)
		return -1;
	ev->type = EVENT_INDICATOR_SET;
	ev->ref = it->id;
	ev->value = in->value;
	ev->text = in->text != NULL && *in->text != '\0' ? in->text : NULL;
	return 0;
}

int
indicator_commit(struct workshop *ws, const struct event *ev,
    struct model_error *err)
{
	struct item	*it = model_item(ws, ev->ref);
	char		**field;

	if (it == NULL || it->kind != ITEM_INDICATOR || it->ind == NULL ||
	    (ev->value != INDICATOR_BASELINE &&
	    ev->value != INDICATOR_TARGET))
		return model_fail(err, MODEL_ERR_INVALID, SAY_BAD_TARGET,
		    (unsigned long long)ev->seq);
	field = ev->value == INDICATOR_BASELINE ? &it->ind->baseline :
	    &it->ind->target;
	free(*field);
	*field = ev->text != NULL && *ev->text != '\0' ? xstrdup(ev->text) :
	    NULL;
	return 0;
}

/* --- a facilitator's scale (INTENT_SCALE) ------------------------------ */

/*
 * The room's own scale, set by a facilitator in an indicators phase: a
 * 1-5 rating, or present / partial / absent in the room's words (seed
 * 004: "with the meanings the room agreed").  It becomes this phase's
 * points, ITEM_SCALE items as a template's are, and the points the phase
 * had before are withdrawn: a score opened from now on uses it (and so
 * do later phases without a scale of their own, model_scale), while a
 * score already taken keeps the points it was answered on (the poll
 * holds their ids).
 */

/* The length of line i of s (lines split by '\n'); -1 past the last. */
static long
line_at(const char *s, size_t i, const char **start)
{
	const char	*p = s, *nl;

	if (s == NULL)
		return -1;
	while (i-- > 0) {
		if ((nl = strchr(p, '\n')) == NULL)
			return -1;
		p = nl + 1;
	}
	*start = p;
	nl = strchr(p, '\n');
	return nl != NULL ? nl - p : (long)strlen(p);
}

static size_t
count_lines(const char *s)
{
	size_t	n = 1;

	if (s == NULL || *s == '\0')
		return 0;
	for (; *s != '\0'; s++)
		n += *s == '\n';
	return n;
}

static bool
blank(const char *s, size_t n)
{
	while (n > 0 && (s[n - 1] == ' '))
		n--;
	return n == 0;
}

/* The points in text and their meanings in text2: 0, or -1 with err. */
static int
scale_fits(const char *text, const char *text2, size_t *points,
    struct model_error *err)
{
	const char	*l;
	size_t		 i, n = count_lines(text);
	long		 len;

	if (n < TEMPLATE_SCALE_MIN || n > TEMPLATE_SCALE_MAX)
		return model_fail(err, MODEL_ERR_INVALID, SAY_SCALE_POINTS,
		    TEMPLATE_SCALE_MIN, TEMPLATE_SCALE_MAX);
	for (i = 0; i < n; i++) {
		len = line_at(text, i, &l);
		if (len <= 0 || len > TEMPLATE_LABEL_MAX ||
		    blank(l, (size_t)len))
			return model_fail(err, MODEL_ERR_INVALID,
			    SAY_SCALE_LABEL, TEMPLATE_LABEL_MAX);
	}
	if (count_lines(text2) > n)
		return model_fail(err, MODEL_ERR_INVALID, N_("a scale has "
		    "more meanings than points"));
	for (i = 0; i < count_lines(text2); i++)
		if (line_at(text2, i, &l) > TEMPLATE_MEANING_MAX)
			return model_fail(err, MODEL_ERR_INVALID,
			    SAY_SCALE_MEANING, TEMPLATE_MEANING_MAX);
	*points = n;
	return 0;
}

int
scale_check(const struct workshop *ws, uint32_t actor,
    const struct intent *in, struct event *ev, struct model_error *err)
{
	const struct poll	*p = model_open_poll(ws);
	size_t			 n;

	if (actor != MODEL_SYSTEM && !model_is_facilitator(ws, actor))
		return model_fail(err, MODEL_ERR_ROLE, N_("only a facilitator "
		    "can set the room's scale"));
	if (ws->phase != PHASE_INDICATORS)
		return model_fail(err, MODEL_ERR_PHASE, N_("the scale is set "
		    "in an indicators phase"));
	if (p != NULL && p->kind == POLL_SCORE)
		return model_fail(err, MODEL_ERR_STATE, N_("a score is open on "
		    "the scale: close it before changing the scale"));
	if (scale_fits(in->text, in->text2, &n, err) != 0)
		return -1;
	/* The points a scale replaces stay in the record: each scale
	 * counts against the room's items like any contribution. */
	if (ws->nitems + n > MODEL_ITEMS_MAX)
		return model_fail(err, MODEL_ERR_LIMIT, SAY_ITEMS_LIMIT,
		    MODEL_ITEMS_MAX);
	ev->type = EVENT_SCALE;
	ev->id = (uint32_t)ws->nitems + 1;	/* the first point */
	ev->value = (int32_t)n;
	ev->text = in->text;
	ev->text2 = in->text2 != NULL && *in->text2 != '\0' ? in->text2 :
	    NULL;
	return 0;
}

int
scale_commit(struct workshop *ws, const struct event *ev,
    struct model_error *err)
{
	struct event	 point;
	const uint32_t	*ids;
	struct item	*it;
	const char	*l;
	char		*label, *meaning;
	uint32_t	 step = ws->nsteps > 0 ? (uint32_t)ws->step + 1 : 0;
	size_t		 i, n, points;
	long		 len;
	int		 rc = 0;

	if (ev->id != ws->nitems + 1 || ws->phase != PHASE_INDICATORS ||
	    scale_fits(ev->text, ev->text2, &points, NULL) != 0 ||
	    ev->value != (int32_t)points)
		return model_fail(err, MODEL_ERR_INVALID, SAY_BAD_SCALE,
		    (unsigned long long)ev->seq);
	ids = model_items_of_kind(ws, ITEM_SCALE, &n);
	for (i = 0; i < n; i++) {
		it = model_item(ws, ids[i]);
		if (it != NULL && it->step == step)
			it->status = STATUS_WITHDRAWN;
	}
	for (i = 0; i < points && rc == 0; i++) {
		len = line_at(ev->text, i, &l);
		label = xstrndup(l, (size_t)len);
		len = line_at(ev->text2, i, &l);
		meaning = len > 0 ? xstrndup(l, (size_t)len) : NULL;
		point = (struct event){ .seq = ev->seq, .time = ev->time,
		    .type = EVENT_ITEM, .actor = ev->actor,
		    .id = (uint32_t)ws->nitems + 1, .value = ITEM_SCALE,
		    .value2 = STATUS_OPEN, .text = label, .text2 = meaning };
		rc = commit_item(ws, &point, err);
		free(label);
		free(meaning);
	}
	return rc;
}

/* --- proposals ---------------------------------------------------------- */

bool
model_step_proposes(const struct workshop *ws)
{
	const struct step *st = model_step(ws, model_step_now(ws));

	return st != NULL && (st->flags & STEP_F_PROPOSE) != 0;
}

bool
model_question_askable(const struct item *it)
{
	return it->kind == ITEM_QUESTION && (it->status == STATUS_OPEN ||
	    it->status == STATUS_ADOPTED);
}
