/*
 * export.c - the charter (terms of reference) as plain text.
 *
 * The layout follows the seed's "Developing Terms of Reference" box
 * (Lesson 11 of shared/seeds/002_6189f16a6caaf990.txt) through the section
 * table of model_charter_sections(): its order, numbers and titles are the
 * table's, never repeated here.
 *
 * Invariants:
 *  - a pure function of the workshop: no clock, no locale-dependent
 *    formatting (dates are UTC, from times in the record), so the same
 *    record gives the same bytes;
 *  - every line is at most EXPORT_WIDTH display columns (text_wrap), save
 *    for a single character wider than what is left of its line;
 *  - whatever people typed is sanitised before it is written: no control
 *    character or escape sequence reaches the file;
 *  - only what anyone in the room may see is exported (viewer 0): polls
 *    go through model_poll_view, so an unrevealed check shows no result
 *    and an anonymous one names nobody, whatever the record holds;
 *  - a check names who answered only when it is named and the rule in
 *    force in its phase is open: under the Chatham House Rule or off the
 *    record nobody is named, whatever the poll's flags say.  No item's
 *    author is ever printed.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "roundtable/export.h"
#include "roundtable/text.h"

/* Body text sits under its heading, indented. */
#define BODY_INDENT	"    "
/* "YYYY-MM-DD" and room to spare. */
#define EXPORT_DATE_LEN	32
/* Room for a tally of consensus answers, indexed by enum answer. */
#define EXPORT_ANSWERS	(ANSWER_BLOCK + 1)

/* The section codes filled from the room rather than from adopted text
 * (shared brief charter.md). */
#define SECTION_STAKEHOLDERS	20
#define SECTION_GROUND_RULES	41
/* Decision-making (4.6) opens with the rule the room recorded. */
#define SECTION_DECISION	46
/* Confidentiality (4.8) opens with the rule the room applied. */
#define SECTION_CONFIDENTIALITY	48

/* Headings of the box's groups of sections; the sections themselves come
 * from model_charter_sections(). */
static const struct {
	const char	*number;
	const char	*title;
} export_majors[] = {
	{ "3", "Roles" },
	{ "4", "Procedures" },
};

/* Writes s wrapped at EXPORT_WIDTH with the two prefixes.  s is typed by
 * people: it is sanitised first, its newlines kept as line breaks, and
 * blank space around it dropped. */
static void
export_text(FILE *out, const char *s, const char *first, const char *rest)
{
	char	*clean, *wrapped;

	clean = text_sanitize(s, true);
	text_trim(clean);
	wrapped = text_wrap(clean, EXPORT_WIDTH, first, rest);
	fputs(wrapped, out);
	free(wrapped);
	free(clean);
}

/* A heading: a blank line, the number and title, and a blank line before
 * its body when it has one (a major heading's first section follows it
 * directly). */
static void
export_heading(FILE *out, const char *number, const char *title,
    bool body)
{
	char	*line, *indent;

	line = xasprintf("%s %s", number, title);
	indent = xasprintf("%*s", (int)strlen(number) + 1, "");
	fputc('\n', out);
	export_text(out, line, "", indent);
	if (body)
		fputc('\n', out);
	free(indent);
	free(line);
}

/* A time of the record as a UTC date, the same wherever it is read. */
static void
export_date(int64_t when, char date[EXPORT_DATE_LEN])
{
	struct tm	tm;
	time_t		t = (time_t)when;

	if (gmtime_r(&t, &tm) == NULL ||
	    strftime(date, EXPORT_DATE_LEN, "%Y-%m-%d", &tm) == 0)
		strcpy(date, "unknown");
}

/* A heading without a number ("Adoption"), set apart like the others. */
static void
export_plain_heading(FILE *out, const char *title, bool body)
{
	fputc('\n', out);
	export_text(out, title, "", "");
	if (body)
		fputc('\n', out);
}

static void
export_title(const struct workshop *ws, FILE *out)
{
	char		*clean, *wrapped, *line, *save;
	size_t		 w, widest = 0;
	char		 date[EXPORT_DATE_LEN];

	clean = text_sanitize(ws->title != NULL ? ws->title : "Untitled",
	    false);
	text_trim(clean);
	wrapped = text_wrap(clean, EXPORT_WIDTH, "", "");
	fputs(wrapped, out);
	for (line = strtok_r(wrapped, "\n", &save); line != NULL;
	    line = strtok_r(NULL, "\n", &save)) {
		if ((w = text_width(line)) > widest)
			widest = w;
	}
	if (widest > EXPORT_WIDTH)
		widest = EXPORT_WIDTH;
	while (widest-- > 0)
		fputc('=', out);
	fputc('\n', out);
	free(wrapped);
	free(clean);

	export_date(ws->created, date);
	fputs("Charter (terms of reference)\n", out);
	fprintf(out, "Date: %s\n", date);
	fprintf(out, "Record as of event %llu\n", (unsigned long long)ws->seq);
}

/* Representatives are participants of a group; facilitators, co-
 * facilitators and observers do not represent anyone. */
static bool
export_represents(const struct participant *p, uint32_t group)
{
	return p->role == ROLE_PARTICIPANT && p->group == group &&
	    p->name != NULL;
}

static void
export_stakeholders(const struct workshop *ws, FILE *out)
{
	const struct group	*g;
	char			*line, *name, *gname, *absent = NULL, *tmp;
	size_t			 i, j, nreps;

	if (ws->ngroups == 0)
		export_text(out, "No stakeholder groups defined.", BODY_INDENT,
		    BODY_INDENT);
	for (i = 0; i < ws->ngroups; i++) {
		g = &ws->groups[i];
		gname = text_sanitize(g->name, false);
		line = xasprintf("%s:", gname);
		nreps = 0;
		/* people[] is in join order. */
		for (j = 0; j < ws->npeople; j++) {
			if (!export_represents(&ws->people[j], g->id))
				continue;
			/* Names are one line each, whatever a record says. */
			name = text_sanitize(ws->people[j].name, false);
			tmp = xasprintf("%s%s %s", line, nreps ? "," : "",
			    name);
			free(name);
			free(line);
			line = tmp;
			nreps++;
		}
		if (nreps == 0) {
			tmp = xasprintf("%s none", line);
			free(line);
			line = tmp;
			if (absent == NULL)
				absent = xstrdup(gname);
			else {
				tmp = xasprintf("%s, %s", absent, gname);
				free(absent);
				absent = tmp;
			}
		}
		export_text(out, line, BODY_INDENT, BODY_INDENT "    ");
		free(line);
		free(gname);
	}
	fputc('\n', out);
	line = xasprintf("Groups absent: %s", absent ? absent : "none");
	export_text(out, line, BODY_INDENT, BODY_INDENT "    ");
	free(line);
	free(absent);
}

static int
export_rule_cmp(const void *a, const void *b)
{
	const struct item	*x = *(const struct item *const *)a;
	const struct item	*y = *(const struct item *const *)b;

	if (x->number != y->number)
		return x->number < y->number ? -1 : 1;
	return x->id < y->id ? -1 : x->id > y->id;
}

/* The adopted ground rules, by the number adoption gave them. */
static void
export_ground_rules(const struct workshop *ws, FILE *out)
{
	const struct item	**rules;
	const struct item	 *it;
	size_t			  i, n = 0;
	char			 *first, *rest;

	rules = xcalloc(ws->nitems, sizeof *rules);
	for (i = 0; i < ws->nitems; i++) {
		it = &ws->items[i];
		if (it->kind == ITEM_RULE && it->status == STATUS_ADOPTED &&
		    it->text != NULL && model_item_visible(ws, it, 0))
			rules[n++] = it;
	}
	if (n == 0)
		export_text(out, "No ground rules adopted yet.", BODY_INDENT,
		    BODY_INDENT);
	qsort(rules, n, sizeof *rules, export_rule_cmp);
	for (i = 0; i < n; i++) {
		first = xasprintf(BODY_INDENT "%u. ", rules[i]->number);
		rest = xasprintf("%*s", (int)strlen(first), "");
		export_text(out, rules[i]->text, first, rest);
		free(rest);
		free(first);
	}
	free(rules);
}

/* The major heading a section belongs under, if it is not one itself. */
static void
export_major(FILE *out, const char *number, const char **last)
{
	const char	*dot = strchr(number, '.');
	size_t		 i, len;

	if (dot == NULL) {
		*last = NULL;
		return;
	}
	len = dot - number;
	for (i = 0; i < sizeof export_majors / sizeof export_majors[0]; i++) {
		if (strlen(export_majors[i].number) != len ||
		    strncmp(export_majors[i].number, number, len) != 0)
			continue;
		if (*last != export_majors[i].number) {
			export_heading(out, export_majors[i].number,
			    export_majors[i].title, false);
			*last = export_majors[i].number;
		}
		return;
	}
}


/* A written section as the room left it: its body once adopted.  A body
 * still being worked on is not the charter, so it is not printed. */
static void
export_section_body(const struct workshop *ws, uint32_t code, FILE *out)
{
	const struct item	*sec = model_section(ws, code);
	const char		*s = "Not yet agreed.";

	if (sec != NULL && sec->status == STATUS_ADOPTED && sec->body != NULL)
		s = sec->body;
	else if (sec != NULL && sec->status == STATUS_NOT_APPLICABLE)
		s = "Not applicable.";
	export_text(out, s, BODY_INDENT, BODY_INDENT);
}

/* The rule the room recorded, which the model applied to every check;
 * until one is recorded the model applies consensus. */
static void
export_decision_rule(const struct workshop *ws, FILE *out)
{
	char	*line;

	switch (ws->decision_rule) {
	case DECIDE_CONSENSUS:
		line = xstrdup("Decision rule: consensus.");
		break;
	case DECIDE_CONSENSUS_FALLBACK:
		/* The model falls back to two thirds unless told majority. */
		line = xasprintf("Decision rule: consensus; after %d round%s "
		    "without consensus on an item, a %s majority decides.",
		    ws->fallback_rounds, ws->fallback_rounds == 1 ? "" : "s",
		    ws->fallback_rule == DECIDE_MAJORITY ? "simple" :
		    "two-thirds");
		break;
	case DECIDE_MAJORITY:
		line = xstrdup("Decision rule: simple majority.");
		break;
	case DECIDE_TWO_THIRDS:
		line = xstrdup("Decision rule: two-thirds majority.");
		break;
	default:
		line = xstrdup("Decision rule: not yet recorded (consensus "
		    "applies).");
		break;
	}
	export_text(out, line, BODY_INDENT, BODY_INDENT);
	fputc('\n', out);
	free(line);
}

/* The room's confidentiality rule, which the server enforced, and the
 * phases the facilitator set apart from it. */
static void
export_confidentiality(const struct workshop *ws, FILE *out)
{
	const char	*line;
	char		*s;
	int		 room, conf, p;

	room = ws->confidentiality == CONF_DEFAULT ? CONF_OPEN :
	    ws->confidentiality;
	switch (room) {
	case CONF_CHATHAM:
		line = "Confidentiality rule: the Chatham House Rule — what is "
		    "said may be reported, never who said it.";
		break;
	case CONF_OFF_RECORD:
		line = "Confidentiality rule: off the record — what is said "
		    "stays in the room.";
		break;
	default:
		line = "Confidentiality rule: open — contributions carry who "
		    "wrote them.";
		break;
	}
	export_text(out, line, BODY_INDENT, BODY_INDENT);
	for (p = 0; p < PHASE_COUNT; p++) {
		if ((conf = model_conf(ws, p)) == room)
			continue;
		s = xasprintf("In %s: %s.", model_phase_name(p),
		    model_conf_name(conf));
		export_text(out, s, BODY_INDENT, BODY_INDENT);
		free(s);
	}
	fputc('\n', out);
}

/* "Name (Group)" for an answer, or NULL when it names nobody (anonymous
 * polls come out of model_poll_view with voter 0).  Caller frees. */
static char *
export_voter(const struct workshop *ws, const struct vote *v)
{
	const struct participant	*p = model_person(ws, v->voter);
	const struct group		*g = model_group(ws, v->group);
	char				*name, *gname, *s;

	if (v->voter == 0 || p == NULL || p->name == NULL)
		return NULL;
	/* Names are one line each, whatever a record says. */
	name = text_sanitize(p->name, false);
	if (g == NULL || g->name == NULL)
		return name;
	gname = text_sanitize(g->name, false);
	s = xasprintf("%s (%s)", name, gname);
	free(gname);
	free(name);
	return s;
}

/* Named answers in join order, like the list of representatives. */
static int
export_vote_by_voter(const void *a, const void *b)
{
	const struct vote	*x = *(const struct vote *const *)a;
	const struct vote	*y = *(const struct vote *const *)b;

	return x->voter < y->voter ? -1 : x->voter > y->voter;
}

/* Anonymous reasons by their text: the order people answered in could
 * tell who wrote which. */
static int
export_vote_by_reason(const void *a, const void *b)
{
	const struct vote	*x = *(const struct vote *const *)a;
	const struct vote	*y = *(const struct vote *const *)b;

	return strcmp(x->reason, y->reason);
}

/* The answers of a poll view equal to answer (those with a reason only,
 * when reasons), sorted; returns how many, *out to be freed. */
static size_t
export_answers(const struct poll *view, int answer, bool reasons, bool anon,
    const struct vote ***out)
{
	const struct vote	**v;
	size_t			  i, n = 0;

	v = xcalloc(view->nvotes + 1, sizeof *v);
	for (i = 0; i < view->nvotes; i++) {
		if (view->votes[i].answer != answer)
			continue;
		if (reasons && (view->votes[i].reason == NULL ||
		    view->votes[i].reason[0] == '\0'))
			continue;
		v[n++] = &view->votes[i];
	}
	qsort(v, n, sizeof *v, anon ? export_vote_by_reason :
	    export_vote_by_voter);
	*out = v;
	return n;
}

/* One line per answer given, with who gave it: named polls only. */
static void
export_names(const struct workshop *ws, const struct poll *view, FILE *out)
{
	const struct vote	**v;
	char			 *list, *who, *tmp, label[40];
	size_t			  i, n;
	int			  a;

	for (a = ANSWER_AGREE; a <= ANSWER_BLOCK; a++) {
		n = export_answers(view, a, false, false, &v);
		list = NULL;
		for (i = 0; i < n; i++) {
			if ((who = export_voter(ws, v[i])) == NULL)
				continue;
			tmp = list == NULL ? xstrdup(who) :
			    xasprintf("%s, %s", list, who);
			free(list);
			free(who);
			list = tmp;
		}
		free(v);
		if (list == NULL)
			continue;
		/* "Agree", not the locale's idea of a capital. */
		snprintf(label, sizeof label, "%s", model_answer_name(a));
		if (label[0] >= 'a' && label[0] <= 'z')
			label[0] = (char)(label[0] - 'a' + 'A');
		if (a == ANSWER_AGREE)
			fputc('\n', out);
		tmp = xasprintf("%s: %s.", label, list);
		export_text(out, tmp, BODY_INDENT, BODY_INDENT "    ");
		free(tmp);
		free(list);
	}
}

/* The reasons given with one answer; by whom only in a named poll. */
static void
export_reasons(const struct workshop *ws, const struct poll *view,
    int answer, const char *label, bool anon, FILE *out)
{
	const struct vote	**v;
	char			 *who, *reason, *line;
	size_t			  i, n;

	n = export_answers(view, answer, true, anon, &v);
	if (n > 0) {
		fputc('\n', out);
		export_text(out, label, BODY_INDENT, BODY_INDENT);
	}
	for (i = 0; i < n; i++) {
		who = anon ? NULL : export_voter(ws, v[i]);
		/* A reason is one line, whatever a record says. */
		reason = text_sanitize(v[i]->reason, false);
		line = who != NULL ? xasprintf("— %s: %s", who, reason) :
		    xasprintf("— %s", reason);
		export_text(out, line, BODY_INDENT, BODY_INDENT "  ");
		free(line);
		free(reason);
		free(who);
	}
	free(v);
}

/* How and when the whole charter was adopted: the check that did it. */
static void
export_adoption(const struct workshop *ws, FILE *out)
{
	const struct poll	*p = model_poll(ws, ws->charter_poll);
	struct poll		 view;
	int			 t[EXPORT_ANSWERS];
	char			 date[EXPORT_DATE_LEN], *line;
	bool			 anon;

	export_plain_heading(out, "Adoption", true);
	if (p == NULL) {
		export_text(out, "The charter has not been adopted yet.",
		    BODY_INDENT, BODY_INDENT);
		return;
	}
	/* Names only where the room's rule lets contributions carry them
	 * (the model makes such checks anonymous; check the rule anyway). */
	anon = (p->flags & POLL_F_ANONYMOUS) != 0 ||
	    model_conf(ws, p->phase) != CONF_OPEN;
	model_poll_view(ws, p, MODEL_SYSTEM, &view);
	model_tally(&view, t, EXPORT_ANSWERS);
	export_date(p->closed, date);
	line = xasprintf("The charter was adopted on %s (consensus check %u "
	    "on the whole charter, round %d): %d agree, %d agree with "
	    "reservations, %d stand aside, %d block.", date, p->id, p->round,
	    t[ANSWER_AGREE], t[ANSWER_RESERVATIONS], t[ANSWER_STAND_ASIDE],
	    t[ANSWER_BLOCK]);
	export_text(out, line, BODY_INDENT, BODY_INDENT);
	free(line);
	if (!anon)
		export_names(ws, &view, out);
	export_reasons(ws, &view, ANSWER_RESERVATIONS, "Reservations:", anon,
	    out);
	export_reasons(ws, &view, ANSWER_BLOCK, "Blocks:", anon, out);
	model_votes_free(view.votes, view.nvotes);
}

/* A check on a section itself (not the whole charter, not a proposal). */
static bool
export_is_section_check(const struct poll *p, uint32_t section)
{
	return p->kind == POLL_CONSENSUS && p->target == section &&
	    (p->flags & POLL_F_CHARTER) == 0;
}

/* One entry of the decision log: when, the result as the room heard it,
 * and the version put to the room. */
static void
export_check(const struct workshop *ws, const struct poll *p, FILE *out)
{
	struct poll	 view;
	int		 t[EXPORT_ANSWERS];
	char		 date[EXPORT_DATE_LEN], *line;
	const char	*verdict;

	model_poll_view(ws, p, MODEL_SYSTEM, &view);
	export_date(p->state == POLL_OPEN ? p->opened : p->closed, date);
	if (p->state == POLL_OPEN)
		line = xasprintf("Check %u, round %d, %s: open", p->id,
		    p->round, date);
	else if (p->state == POLL_CLOSED)
		line = xasprintf("Check %u, round %d, %s: closed, not yet "
		    "revealed", p->id, p->round, date);
	else {
		model_tally(&view, t, EXPORT_ANSWERS);
		verdict = view.verdict_text;
		if (verdict == NULL)
			verdict = view.verdict == VERDICT_ADOPTED ? "adopted" :
			    "not adopted";
		line = xasprintf("Check %u, round %d, %s: %s (%d agree, %d "
		    "with reservations, %d stand aside, %d block)", p->id,
		    p->round, date, verdict, t[ANSWER_AGREE],
		    t[ANSWER_RESERVATIONS], t[ANSWER_STAND_ASIDE],
		    t[ANSWER_BLOCK]);
	}
	export_text(out, line, BODY_INDENT, BODY_INDENT);
	free(line);
	if (p->text != NULL)
		export_text(out, p->text, BODY_INDENT BODY_INDENT,
		    BODY_INDENT BODY_INDENT);
	model_votes_free(view.votes, view.nvotes);
}

/* Annex: every check on each written section, in section order. */
static void
export_log(const struct workshop *ws, FILE *out)
{
	const struct charter_section	*secs;
	const struct item		*sec;
	size_t				 i, j, n, nchecks;
	bool				 any = false;

	secs = model_charter_sections(&n);
	for (j = 0; j < ws->npolls && !any; j++) {
		sec = model_item(ws, ws->polls[j].target);
		any = sec != NULL && sec->kind == ITEM_SECTION &&
		    !model_section_derived(sec) &&
		    export_is_section_check(&ws->polls[j], sec->id);
	}
	export_plain_heading(out, "Annex: decision log", !any);
	if (!any) {
		export_text(out, "No section has been put to a check yet.",
		    BODY_INDENT, BODY_INDENT);
		return;
	}
	for (i = 0; i < n; i++) {
		sec = model_section(ws, secs[i].code);
		if (sec == NULL || model_section_derived(sec))
			continue;
		nchecks = 0;
		for (j = 0; j < ws->npolls; j++) {
			if (!export_is_section_check(&ws->polls[j], sec->id))
				continue;
			if (nchecks++ == 0)
				export_heading(out, secs[i].number,
				    secs[i].title, true);
			else
				fputc('\n', out);
			export_check(ws, &ws->polls[j], out);
		}
	}
}

int
export_charter(const struct workshop *ws, FILE *out)
{
	const struct charter_section	*secs;
	const char			*major = NULL;
	size_t				 i, n;

	export_title(ws, out);
	secs = model_charter_sections(&n);
	for (i = 0; i < n; i++) {
		export_major(out, secs[i].number, &major);
		export_heading(out, secs[i].number, secs[i].title, true);
		switch (secs[i].code) {
		case SECTION_STAKEHOLDERS:
			export_stakeholders(ws, out);
			break;
		case SECTION_GROUND_RULES:
			export_ground_rules(ws, out);
			break;
		case SECTION_DECISION:
			export_decision_rule(ws, out);
			export_section_body(ws, secs[i].code, out);
			break;
		case SECTION_CONFIDENTIALITY:
			export_confidentiality(ws, out);
			export_section_body(ws, secs[i].code, out);
			break;
		default:
			export_section_body(ws, secs[i].code, out);
			break;
		}
	}
	export_adoption(ws, out);
	export_log(ws, out);
	if (fflush(out) != 0 || ferror(out))
		return -1;
	return 0;
}
