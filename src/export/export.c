/*
 * export.c - the charter (terms of reference) and the report of the
 * process as plain text; the action plan as CSV.
 *
 * The charter's layout follows the seed's "Developing Terms of Reference"
 * box (Lesson 11 of shared/seeds/002_6189f16a6caaf990.txt) through the
 * section table of model_charter_sections(): its order, numbers and
 * titles are the table's, never repeated here.
 *
 * Invariants:
 *  - a pure function of the workshop and of the language it is written
 *    in (the room's language of record, or export --lang; issue 17): no
 *    clock, no locale-dependent formatting (dates are UTC, from times in
 *    the record, their months' names from the catalogue, not from a C
 *    locale that may not be installed), so the same record gives the
 *    same bytes;
 *  - the program's words go through the catalogue; what people typed is
 *    never translated, and the template's own words (seed content,
 *    ITEM_F_SEED) and the charter's section titles are shown through it
 *    as the screens show them (tui_seed_text);
 *  - every line is at most EXPORT_WIDTH display columns (text_wrap), save
 *    for a single character wider than what is left of its line;
 *  - whatever people typed is sanitised before it is written: no control
 *    character or escape sequence reaches a text file (the CSV is for
 *    spreadsheets and keeps the record's text; see export.h);
 *  - only what anyone in the room may see is exported (viewer 0): polls
 *    go through model_poll_view, so an unrevealed check shows no result
 *    and an anonymous one names nobody, whatever the record holds;
 *  - a check names who answered only when it is named and the rule in
 *    force in its phase is open: under the Chatham House Rule or off the
 *    record nobody is named, whatever the poll's flags say.  No item's
 *    author is ever printed in the charter;
 *  - the report names an item's author only as model_item_view lets
 *    anyone in the room know it, and never writes a contribution made
 *    off the record.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "roundtable/export.h"
#include "roundtable/i18n.h"
#include "roundtable/money.h"
#include "roundtable/text.h"

/* Body text sits under its heading, indented. */
#define BODY_INDENT	"    "
/* "5 de septiembre de 2026 (2026-09-05)" and room to spare. */
#define EXPORT_DATE_LEN	96
/* "at meeting 2, 5 December 2026 (2026-12-05) (recorded 2026-12-06)". */
#define EXPORT_WHEN_LEN	256
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
	/* TRANSLATORS: a heading of the charter (terms of reference). */
	{ "3", N_("Roles") },
	/* TRANSLATORS: a heading of the charter (terms of reference). */
	{ "4", N_("Procedures") },
};

/* Between the entries of a list in a sentence ("Police (committed); Ana
 * (not yet)"): the language's own (French spaces it), or the CSV's. */
static const char *
export_sep(bool english)
{
	/* TRANSLATORS: between the entries of a list within a line;
	 * French puts a no-break space before the semicolon. */
	return english ? "; " : C_("list separator", "; ");
}

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

/* The months' names, as a date written out says them. */
static const char *const export_months[] = {
	/* TRANSLATORS: months, as a date written out says them ("5
	 * December 2026"): French in lower case ("décembre"), Spanish too
	 * ("diciembre"). */
	NC_("month", "January"), NC_("month", "February"),
	NC_("month", "March"), NC_("month", "April"), NC_("month", "May"),
	NC_("month", "June"), NC_("month", "July"), NC_("month", "August"),
	NC_("month", "September"), NC_("month", "October"),
	NC_("month", "November"), NC_("month", "December"),
};

/*
 * A day of the record (20261205) as the export's language writes it,
 * and as ISO 8601 for whoever sorts or searches: "5 December 2026
 * (2026-12-05)".  A day the record does not have is said as unknown.
 */
static char *
export_day(int32_t day, char *buf, size_t len)
{
	char	 iso[16], written[64];
	int	 d = (int)(day % 100), m = (int)(day / 100 % 100);
	int	 y = (int)(day / 10000);

	if (day <= 0 || m < 1 || m > 12 || d < 1 || d > 31) {
		/* TRANSLATORS: a date the record does not have. */
		snprintf(buf, len, "%s", _("date unknown"));
		return buf;
	}
	model_date_format(day, iso, sizeof iso);
	if (d == 1)
		/* TRANSLATORS: the first day of a month written out: the
		 * month's name, the year ("1 December 2026"; French "1er
		 * décembre 2026", Spanish "1 de diciembre de 2026"). */
		snprintf(written, sizeof written, _("1 %s %d"),
		    C_("month", export_months[m - 1]), y);
	else
		/* TRANSLATORS: a date written out: the day, the month's
		 * name, the year ("5 December 2026"; French "5 décembre
		 * 2026", Spanish "5 de diciembre de 2026"). */
		snprintf(written, sizeof written, _("%d %s %d"), d,
		    C_("month", export_months[m - 1]), y);
	/* TRANSLATORS: a date written out, then the same date in ISO 8601
	 * ("5 December 2026 (2026-12-05)"). */
	snprintf(buf, len, _("%s (%s)"), written, iso);
	return buf;
}

/* A time of the record as a UTC date, the same wherever it is read. */
static void
export_date(int64_t when, char date[EXPORT_DATE_LEN])
{
	export_day(model_date_of(when), date, EXPORT_DATE_LEN);
}

/*
 * When something happened, in the export's language (model_when's
 * sentence, whose English the record does not keep): the day, and once
 * there are several meetings the meeting and its date ("at meeting 2,
 * 2027-03-04 (recorded 2027-03-05)").  how as model_when's; written
 * writes the days out (export_day), else ISO alone for lists.
 */
static char *
export_when(const struct workshop *ws, uint32_t meeting, int64_t time,
    int how, bool written, char *buf, size_t len)
{
	const struct meeting	*m;
	int32_t			 day = model_date_of(time);
	char			 stamp[EXPORT_DATE_LEN], date[EXPORT_DATE_LEN];
	bool			 at = (how & MODEL_WHEN_AT) != 0;

	if (written)
		export_day(day, stamp, sizeof stamp);
	else
		model_date_format(day, stamp, sizeof stamp);
	m = ws->nmeetings > 1 ? model_meeting(ws, meeting != 0 ? meeting :
	    1) : NULL;
	if (m == NULL || m->date == 0) {
		if (at)
			/* TRANSLATORS: when something was done: a date. */
			snprintf(buf, len, _("on %s"), stamp);
		else
			snprintf(buf, len, "%s", stamp);
		return buf;
	}
	if (written)
		export_day(m->date, date, sizeof date);
	else
		model_date_format(m->date, date, sizeof date);
	if (how & MODEL_WHEN_DAY) {
		if (m->date == day)
			snprintf(buf, len, at ? _("on %s") : "%s", date);
		else
			/* TRANSLATORS: a meeting's date, then the day the
			 * record was written, when they differ. */
			snprintf(buf, len, at ? _("on %s; recorded %s") :
			    _("%s; recorded %s"), date, stamp);
	} else if (m->date == day)
		/* TRANSLATORS: a meeting's number and its date. */
		snprintf(buf, len, at ? _("at meeting %u, %s") :
		    _("meeting %u, %s"), m->id, date);
	else if (!written)
		/* TRANSLATORS: a meeting's number and its date, then the day
		 * the record was written, when they differ. */
		snprintf(buf, len, at ? _("at meeting %u, %s (recorded %s)") :
		    _("meeting %u, %s (recorded %s)"), m->id, date, stamp);
	else
		/* TRANSLATORS: the same with the dates written out, each
		 * with its ISO date in brackets already. */
		snprintf(buf, len, at ? _("at meeting %u, %s; recorded %s") :
		    _("meeting %u, %s; recorded %s"), m->id, date, stamp);
	return buf;
}

/* The template's own words (seed content) in the export's language; what
 * people typed as they typed it (tui_seed_text). */
static const char *
export_seed_text(const struct item *it)
{
	if (it->text == NULL || it->text[0] == '\0' ||
	    !(it->flags & ITEM_F_SEED))
		return it->text;
	return gettext(it->text);
}

/* A template's words (a phase's title) in the export's language, as the
 * screens show them (tui/content.c): through the catalogue, where the
 * template's words are; "" and NULL as they are. */
static const char *
export_words(const char *s)
{
	return s == NULL || s[0] == '\0' ? s : gettext(s);
}

/* s and a colon, as the export's language writes a label ("Who:", French
 * "Qui :").  Caller frees. */
static char *
export_colon(const char *s)
{
	/* TRANSLATORS: a label before what it labels ("Who:", "Police:");
	 * French puts a space before the colon ("%s :"). */
	return xasprintf(_("%s:"), s);
}

/* The spaces that pad s to width display columns (printf pads bytes). */
static int
export_pad(const char *s, int width)
{
	int	w = (int)text_width(s);

	return w < width ? width - w : 0;
}

/* A name the model returns in English (the msgid, marked N_ where it is
 * defined), with a capital in English: "Agree", not the locale's idea of
 * a capital.  Caller frees. */
static char *
export_capital(const char *name)
{
	char	*s = xstrdup(_(name));

	if (s[0] >= 'a' && s[0] <= 'z')
		s[0] = (char)(s[0] - 'a' + 'A');
	return s;
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

/* s, sanitised, on lines of its own, underlined with c as wide as its
 * widest line. */
static void
export_underlined(FILE *out, const char *s, int c)
{
	char		*clean, *wrapped, *line, *save;
	size_t		 w, widest = 0;

	clean = text_sanitize(s, false);
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
		fputc(c, out);
	fputc('\n', out);
	free(wrapped);
	free(clean);
}

/* How far the record goes, in words a reader knows: how many changes it
 * holds and the day of the last one (the record, not the export). */
static void
export_record_line(const struct workshop *ws, FILE *out)
{
	char		 date[EXPORT_DATE_LEN], *line;

	export_date(ws->updated != 0 ? ws->updated : ws->created, date);
	/* TRANSLATORS: how far the record goes: how many changes it holds,
	 * and the day of the last one. */
	line = xasprintf(ngettext("Record: %llu change, the last on %s",
	    "Record: %llu changes, the last on %s", (unsigned long)ws->seq),
	    (unsigned long long)ws->seq, date);
	export_text(out, line, "", "    ");
	free(line);
}

static void
export_title(const struct workshop *ws, FILE *out)
{
	const struct poll	*p = model_poll(ws, ws->charter_poll);
	char			 date[EXPORT_DATE_LEN], when[EXPORT_WHEN_LEN];
	char			*line;

	export_underlined(out, ws->title != NULL ? ws->title :
	    _("Untitled"), '=');
	fprintf(out, "%s\n", _("Charter (terms of reference)"));
	/* The charter's date is the day the room adopted it: its
	 * meeting's, once there are several (model_when). */
	if (p != NULL) {
		line = xasprintf(_("Date of adoption: %s"), export_when(ws,
		    p->meeting, p->closed, 0, true, when, sizeof when));
	} else {
		export_date(ws->created, date);
		/* TRANSLATORS: %s is a date written out with its ISO date in
		 * brackets. */
		line = xasprintf(_("Date of adoption: not adopted yet; a "
		    "draft of %s"), date);
	}
	export_text(out, line, "", "    ");
	free(line);
	export_record_line(ws, out);
}

/*
 * May a document name who wrote or answered something in phase, written
 * under the rule conf?  Not if that rule kept names, nor if the phase is
 * under the Chatham House Rule now: a document leaves the room, so a room
 * (or a phase) that has since put itself under the rule is not named from
 * it even for what was said in the open before.  A phase the facilitator
 * keeps open in such a room names as before; one taken off the record
 * later keeps the names of what was said in the open (that rule is about
 * what is kept, the Chatham House Rule about who) unless the room is
 * under the Chatham House Rule: a phase's off the record does not lift
 * the room's rule from what was said before it.
 */
static bool
export_may_name(const struct workshop *ws, int phase, int conf)
{
	return conf != CONF_OFF_RECORD &&
	    !model_author_hidden(ws, phase, conf);
}

/* Representatives are participants of a group; facilitators, co-
 * facilitators, observers and anyone removed from the room do not
 * represent anyone.  (Attendance, in the report, is history: someone
 * removed later still came.) */
static bool
export_represents(const struct participant *p, uint32_t group)
{
	return p->role == ROLE_PARTICIPANT && p->group == group &&
	    p->name != NULL && !p->removed;
}

static void
export_stakeholders(const struct workshop *ws, FILE *out)
{
	const struct group	*g;
	char			*line, *name, *gname, *absent = NULL, *tmp;
	size_t			 i, j, nreps;
	/* The charter is the Charter phase's: its representatives are
	 * named only while that phase is open. */
	int			 rule = model_conf(ws, PHASE_CHARTER);
	bool			 names = rule == CONF_OPEN;

	if (ws->ngroups == 0)
		export_text(out, _("No stakeholder groups defined."),
		    BODY_INDENT, BODY_INDENT);
	else if (rule == CONF_OFF_RECORD)
		export_text(out, _("Numbers only: names are kept off the "
		    "record."), BODY_INDENT, BODY_INDENT);
	else if (!names)
		export_text(out, _("Numbers only: the room keeps the Chatham "
		    "House Rule."), BODY_INDENT, BODY_INDENT);
	for (i = 0; i < ws->ngroups; i++) {
		g = &ws->groups[i];
		gname = text_sanitize(model_group_shown(g->name), false);
		line = export_colon(gname);
		nreps = 0;
		/* people[] is in join order. */
		for (j = 0; j < ws->npeople; j++) {
			if (!export_represents(&ws->people[j], g->id))
				continue;
			if (!names) {
				nreps++;
				continue;
			}
			/* Names are one line each, whatever a record says. */
			name = text_sanitize(ws->people[j].name, false);
			tmp = xasprintf("%s%s %s", line, nreps ? "," : "",
			    name);
			free(name);
			free(line);
			line = tmp;
			nreps++;
		}
		if (!names && nreps > 0) {
			tmp = xasprintf("%s %zu", line, nreps);
			free(line);
			line = tmp;
		}
		if (nreps == 0) {
			/* TRANSLATORS: a stakeholder group ("Police:") no
			 * participant represents. */
			tmp = xasprintf(_("%s none"), line);
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
	line = absent != NULL ? xasprintf(_("Groups absent: %s"), absent) :
	    xstrdup(_("Groups absent: none"));
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

/* The meeting an item belongs to: records older than meetings have
 * everything in the first. */
static uint32_t
export_meeting_of(const struct item *it)
{
	return it->meeting != 0 ? it->meeting : 1;
}

/* The adopted ground rules written in a meeting (0: in any), by the
 * number adoption gave them; returns how many, *out to be freed. */
static size_t
export_rules(const struct workshop *ws, uint32_t meeting,
    const struct item ***out)
{
	const struct item	**rules;
	const struct item	 *it;
	size_t			  i, n = 0;

	rules = xcalloc(ws->nitems + 1, sizeof *rules);
	for (i = 0; i < ws->nitems; i++) {
		it = &ws->items[i];
		if (it->kind == ITEM_RULE && it->status == STATUS_ADOPTED &&
		    it->text != NULL && model_item_visible(ws, it, 0) &&
		    (meeting == 0 || export_meeting_of(it) == meeting))
			rules[n++] = it;
	}
	qsort(rules, n, sizeof *rules, export_rule_cmp);
	*out = rules;
	return n;
}

static void
export_rule_list(FILE *out, const struct item **rules, size_t n)
{
	char	*first, *rest;
	size_t	 i;

	for (i = 0; i < n; i++) {
		first = xasprintf(BODY_INDENT "%u. ", rules[i]->number);
		rest = xasprintf("%*s", (int)strlen(first), "");
		export_text(out, export_seed_text(rules[i]), first, rest);
		free(rest);
		free(first);
	}
}

/* The adopted ground rules, by the number adoption gave them. */
static void
export_ground_rules(const struct workshop *ws, FILE *out)
{
	const struct item	**rules;
	size_t			  n;

	n = export_rules(ws, 0, &rules);
	if (n == 0)
		export_text(out, _("No ground rules adopted yet."),
		    BODY_INDENT, BODY_INDENT);
	export_rule_list(out, rules, n);
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
			    _(export_majors[i].title), false);
			*last = export_majors[i].number;
		}
		return;
	}
}


/* A written section as the room left it: its body once adopted.  A body
 * still being worked on is not the charter, so it is not printed.  Where
 * the room's own rule is the section (4.6, 4.8: ruled), a section marked
 * not applicable adds nothing to it ("Decision rule: simple majority.
 * Not applicable." said two things at once). */
static void
export_section_body(const struct workshop *ws, uint32_t code, bool ruled,
    FILE *out)
{
	const struct item	*sec = model_section(ws, code);
	const char		*s = _("Not yet agreed.");

	if (sec != NULL && sec->status == STATUS_ADOPTED && sec->body != NULL)
		s = sec->body;
	else if (sec != NULL && sec->status == STATUS_NOT_APPLICABLE) {
		if (ruled)
			return;
		s = _("Not applicable.");
	}
	if (ruled)
		fputc('\n', out);	/* after the rule's paragraph */
	export_text(out, s, BODY_INDENT, BODY_INDENT);
}

/* The rule the room recorded, which the model applied to every check;
 * until one is recorded the model applies consensus. */
static void
export_decision_rule(const struct charter_rules *r, FILE *out)
{
	char	*line;

	switch (r->decision_rule) {
	case DECIDE_CONSENSUS:
		line = xstrdup(_("Decision rule: consensus."));
		break;
	case DECIDE_CONSENSUS_FALLBACK:
		/* The model falls back to two thirds unless told majority. */
		if (r->fallback_rule == DECIDE_MAJORITY)
			line = xasprintf(ngettext("Decision rule: consensus; "
			    "after %d round without consensus on an item, a "
			    "simple majority decides.", "Decision rule: "
			    "consensus; after %d rounds without consensus on "
			    "an item, a simple majority decides.",
			    (unsigned long)r->fallback_rounds),
			    r->fallback_rounds);
		else
			line = xasprintf(ngettext("Decision rule: consensus; "
			    "after %d round without consensus on an item, a "
			    "two-thirds majority decides.", "Decision rule: "
			    "consensus; after %d rounds without consensus on "
			    "an item, a two-thirds majority decides.",
			    (unsigned long)r->fallback_rounds),
			    r->fallback_rounds);
		break;
	case DECIDE_MAJORITY:
		line = xstrdup(_("Decision rule: simple majority."));
		break;
	case DECIDE_TWO_THIRDS:
		line = xstrdup(_("Decision rule: two-thirds majority."));
		break;
	default:
		line = xstrdup(_("Decision rule: not yet recorded (consensus "
		    "applies)."));
		break;
	}
	export_text(out, line, BODY_INDENT, BODY_INDENT);
	free(line);
}

/* The room's confidentiality rule, which the server enforced, and the
 * phases the facilitator set apart from it. */
static void
export_confidentiality(const struct workshop *ws,
    const struct charter_rules *r, FILE *out)
{
	const char	*line;
	char		*s;
	int		 room, conf, p;
	size_t		 i, n;

	room = r->confidentiality == CONF_DEFAULT ? CONF_OPEN :
	    r->confidentiality;
	switch (room) {
	case CONF_CHATHAM:
		line = _("Confidentiality rule: the Chatham House Rule — what "
		    "is said may be reported, never who said it.");
		break;
	case CONF_OFF_RECORD:
		line = _("Confidentiality rule: off the record — what is said "
		    "stays in the room.");
		break;
	default:
		line = _("Confidentiality rule: open — contributions carry "
		    "who wrote them.");
		break;
	}
	export_text(out, line, BODY_INDENT, BODY_INDENT);
	for (p = 0; p < PHASE_COUNT; p++) {
		conf = r->phase_conf[p] != CONF_DEFAULT ? r->phase_conf[p] :
		    room;
		if (conf == room)
			continue;
		/* Each phase of the process held under it (a phase's rule
		 * holds for its kind of work), by its title; a room without
		 * a process's phases, by the kind. */
		for (i = 0, n = 0; i < ws->nsteps || n == 0; i++) {
			if (i < ws->nsteps && ws->steps[i].kind != p)
				continue;
			/* TRANSLATORS: a phase of the process and the
			 * confidentiality rule it was held under ("In
			 * Caucus: the Chatham House Rule."). */
			s = xasprintf(_("In %s: %s."), i < ws->nsteps ?
			    export_words(ws->steps[i].title) :
			    _(model_phase_name(p)), C_("confidentiality",
			    model_conf_name(conf)));
			export_text(out, s, BODY_INDENT, BODY_INDENT);
			free(s);
			n++;
			if (i >= ws->nsteps)
				break;
		}
	}
}

/* The rules the facilitator sets, as they are now. */
static void
rules_now(const struct workshop *ws, struct charter_rules *r)
{
	r->decision_rule = ws->decision_rule;
	r->fallback_rule = ws->fallback_rule;
	r->fallback_rounds = ws->fallback_rounds;
	r->confidentiality = ws->confidentiality;
	memcpy(r->phase_conf, ws->phase_conf, sizeof r->phase_conf);
}

/* The confidentiality rule in force in phase p (-1: the room's). */
static int
rule_in(const struct charter_rules *r, int p)
{
	int	room = r->confidentiality == CONF_DEFAULT ? CONF_OPEN :
		    r->confidentiality;

	if (p < 0 || r->phase_conf[p] == CONF_DEFAULT)
		return room;
	return r->phase_conf[p];
}

/* A rule of the charter: as it was adopted and, when the facilitator has
 * changed it since (the room did not adopt that), what is in force now.
 * Before the adoption, as it is now. */
static void
export_set_rule(const struct workshop *ws, int section, FILE *out)
{
	const struct charter_rules	*then = &ws->charter_rules;
	struct charter_rules		 now;
	bool				 changed;
	size_t				 i;

	rules_now(ws, &now);
	if (section == SECTION_DECISION)
		changed = then->decision_rule != now.decision_rule ||
		    (now.decision_rule == DECIDE_CONSENSUS_FALLBACK &&
		    (then->fallback_rule != now.fallback_rule ||
		    then->fallback_rounds != now.fallback_rounds));
	else {
		/* The rules in force, not how they were set: a phase set to
		 * the room's own rule is no change. */
		changed = rule_in(then, -1) != rule_in(&now, -1);
		for (i = 0; i < PHASE_COUNT; i++)
			changed |= rule_in(then, (int)i) != rule_in(&now,
			    (int)i);
	}
	if (ws->charter_poll == 0 || !changed) {
		if (section == SECTION_DECISION)
			export_decision_rule(&now, out);
		else
			export_confidentiality(ws, &now, out);
		return;
	}
	if (section == SECTION_DECISION)
		export_decision_rule(then, out);
	else
		export_confidentiality(ws, then, out);
	/* TRANSLATORS: in the charter, between the decision or
	 * confidentiality rule the room adopted with it and the one in
	 * force now. */
	export_text(out, _("Changed by the facilitator after the charter was "
	    "adopted; in force now:"), BODY_INDENT, BODY_INDENT);
	if (section == SECTION_DECISION)
		export_decision_rule(&now, out);
	else
		export_confidentiality(ws, &now, out);
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
	name = text_sanitize(model_person_shown(p), false);
	if (g == NULL || g->name == NULL)
		return name;
	gname = text_sanitize(model_group_shown(g->name), false);
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
	char			 *list, *who, *tmp, *label;
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
		label = export_capital(model_answer_name(a));
		if (a == ANSWER_AGREE)
			fputc('\n', out);
		/* TRANSLATORS: an answer to a consensus check and who gave
		 * it ("Agree: Ana Pérez (Community), José Núñez (Police)."). */
		tmp = xasprintf(_("%s: %s."), label, list);
		free(label);
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
	char			 *who, *reason, *line, *tmp;
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
		if (who != NULL) {
			tmp = export_colon(who);
			line = xasprintf("— %s %s", tmp, reason);
			free(tmp);
		} else
			line = xasprintf("— %s", reason);
		export_text(out, line, BODY_INDENT, BODY_INDENT "  ");
		free(line);
		free(reason);
		free(who);
	}
	free(v);
}

/*
 * "2 participants present did not answer.": those who could have answered
 * (participants, not removed) and were there, as the record knows it:
 * recorded at the check's meeting (a record that kept no attendance: in
 * the room) and joined before it closed.  A count only: who did not
 * answer is not said, whatever the check.
 */
static char *
export_silent(const struct workshop *ws, const struct poll *p)
{
	const struct participant	*who;
	const struct meeting		*m = model_meeting(ws, p->meeting);
	bool				 kept = m != NULL && m->ncame > 0;
	size_t				 i;
	unsigned			 n = 0;

	for (i = 0; i < ws->npeople; i++) {
		who = &ws->people[i];
		if (who->role != ROLE_PARTICIPANT || who->removed ||
		    who->joined > p->closed ||
		    (kept && !model_attended(ws, p->meeting, who->id)) ||
		    model_my_vote(p, who->id) != NULL)
			continue;
		n++;
	}
	if (n == 0)
		return xstrdup(_("Everyone present answered."));
	return xasprintf(ngettext("%u participant present did not answer.",
	    "%u participants present did not answer.", n), n);
}

/* How and when the whole charter was adopted: the check that did it. */
static void
export_adoption(const struct workshop *ws, FILE *out)
{
	const struct poll	*p = model_poll(ws, ws->charter_poll);
	struct poll		 view;
	int			 t[EXPORT_ANSWERS];
	char			 when[EXPORT_WHEN_LEN], *line;
	bool			 anon;

	/* TRANSLATORS: a heading of the charter: how it was adopted. */
	export_plain_heading(out, _("Adoption"), true);
	if (p == NULL) {
		export_text(out, _("The charter has not been adopted yet."),
		    BODY_INDENT, BODY_INDENT);
		return;
	}
	/* Names only where the room's rule lets contributions carry them,
	 * when it opened and now (the model makes such checks anonymous;
	 * check the rule anyway). */
	anon = (p->flags & POLL_F_ANONYMOUS) != 0 ||
	    model_conf(ws, p->phase) != CONF_OPEN ||
	    !export_may_name(ws, p->phase, p->conf);
	model_poll_view(ws, p, MODEL_SYSTEM, &view);
	model_tally(&view, t, EXPORT_ANSWERS);
	/* TRANSLATORS: %s is when ("on 2024-03-12", "at
	 * meeting 2, ..."), then the check's number, its round and the
	 * answers counted. */
	line = xasprintf(_("The charter was adopted %s, by consensus check %u "
	    "on the whole charter, round %d: %d agree, %d agree with "
	    "reservations, %d stand aside, %d block."), export_when(ws,
	    p->meeting, p->closed, MODEL_WHEN_AT, false, when, sizeof when),
	    p->id, p->round,
	    t[ANSWER_AGREE], t[ANSWER_RESERVATIONS], t[ANSWER_STAND_ASIDE],
	    t[ANSWER_BLOCK]);
	export_text(out, line, BODY_INDENT, BODY_INDENT);
	free(line);
	line = export_silent(ws, p);
	export_text(out, line, BODY_INDENT, BODY_INDENT);
	free(line);
	if (!anon)
		export_names(ws, &view, out);
	export_reasons(ws, &view, ANSWER_RESERVATIONS, _("Reservations:"),
	    anon, out);
	export_reasons(ws, &view, ANSWER_BLOCK, _("Blocks:"), anon, out);
	model_votes_free(view.votes, view.nvotes);
}

/* A check on a section: on its text, or on a text proposed for it (not
 * the whole charter). */
static bool
export_is_section_check(const struct workshop *ws, const struct poll *p,
    uint32_t section)
{
	const struct item *t;

	if (p->kind != POLL_CONSENSUS || (p->flags & POLL_F_CHARTER) != 0)
		return false;
	if (p->target == section)
		return true;
	t = model_item(ws, p->target);
	return t != NULL && t->kind == ITEM_SECTION_TEXT && t->ref == section;
}

/* A section adopted with no check that adopted it: a facilitator's
 * decision (a, on a proposed text), which the log must say too. */
static bool
export_adopted_alone(const struct workshop *ws, const struct item *sec)
{
	size_t j;

	if (sec->status != STATUS_ADOPTED)
		return false;
	for (j = 0; j < ws->npolls; j++)
		if (export_is_section_check(ws, &ws->polls[j], sec->id) &&
		    ws->polls[j].state == POLL_REVEALED &&
		    ws->polls[j].verdict == VERDICT_ADOPTED)
			return false;
	return true;
}

/* One entry of the decision log: when, the result as the room heard it,
 * and the version put to the room. */
static void
export_check(const struct workshop *ws, const struct poll *p, FILE *out)
{
	struct poll	 view;
	int		 t[EXPORT_ANSWERS];
	char		 date[EXPORT_WHEN_LEN], *line, *verdict;

	model_poll_view(ws, p, MODEL_SYSTEM, &view);
	export_when(ws, p->meeting, p->state == POLL_OPEN ? p->opened :
	    p->closed, 0, false, date, sizeof date);
	if (p->state == POLL_OPEN)
		line = xasprintf(_("Check %u, round %d, %s: open"), p->id,
		    p->round, date);
	else if (p->state == POLL_CLOSED)
		line = xasprintf(_("Check %u, round %d, %s: closed, not yet "
		    "revealed"), p->id, p->round, date);
	else {
		model_tally(&view, t, EXPORT_ANSWERS);
		/* The verdict the model wrote into the record, in English:
		 * in the export's language (model_words). */
		if (view.verdict_text != NULL)
			verdict = i18n_from_wire(view.verdict_text,
			    model_words);
		else
			verdict = xstrdup(view.verdict == VERDICT_ADOPTED ?
			    _("adopted") : _("not adopted"));
		line = xasprintf(_("Check %u, round %d, %s: %s (%d agree, %d "
		    "with reservations, %d stand aside, %d block)"), p->id,
		    p->round, date, verdict, t[ANSWER_AGREE],
		    t[ANSWER_RESERVATIONS], t[ANSWER_STAND_ASIDE],
		    t[ANSWER_BLOCK]);
		free(verdict);
	}
	export_text(out, line, BODY_INDENT, BODY_INDENT);
	free(line);
	if (p->text != NULL)
		export_text(out, p->text, BODY_INDENT BODY_INDENT,
		    BODY_INDENT BODY_INDENT);
	model_votes_free(view.votes, view.nvotes);
}

/* Annex: every check on each written section, in section order, and the
 * sections a facilitator adopted without one. */
static void
export_log(const struct workshop *ws, FILE *out)
{
	const struct charter_section	*secs;
	const struct item		*sec;
	size_t				 i, j, n, nchecks;
	bool				 any = false, alone;

	secs = model_charter_sections(&n);
	for (i = 0; i < n && !any; i++) {
		sec = model_section(ws, secs[i].code);
		if (sec == NULL || model_section_derived(sec))
			continue;
		any = export_adopted_alone(ws, sec);
		for (j = 0; j < ws->npolls && !any; j++)
			any = export_is_section_check(ws, &ws->polls[j],
			    sec->id);
	}
	export_plain_heading(out, _("Annex: decision log"), !any);
	if (!any) {
		export_text(out, _("No section has been put to a check yet."),
		    BODY_INDENT, BODY_INDENT);
		return;
	}
	for (i = 0; i < n; i++) {
		sec = model_section(ws, secs[i].code);
		if (sec == NULL || model_section_derived(sec))
			continue;
		nchecks = 0;
		alone = export_adopted_alone(ws, sec);
		for (j = 0; j < ws->npolls; j++) {
			if (!export_is_section_check(ws, &ws->polls[j],
			    sec->id))
				continue;
			if (nchecks++ == 0)
				export_heading(out, secs[i].number,
				    _(secs[i].title), true);
			else
				fputc('\n', out);
			export_check(ws, &ws->polls[j], out);
		}
		if (!alone)
			continue;
		if (nchecks == 0)
			export_heading(out, secs[i].number, _(secs[i].title),
			    true);
		else
			fputc('\n', out);
		export_text(out, _("Adopted by a facilitator, not by a "
		    "consensus check."), BODY_INDENT, BODY_INDENT);
	}
}

/* Whether the room's process drafts a charter: a Charter phase (the
 * default process has one), or a section the room wrote anyway. */
static bool
export_drafted(const struct workshop *ws)
{
	const struct charter_section	*secs;
	const struct item		*sec;
	size_t				 i, n;

	if (ws->nsteps == 0 || ws->charter_poll != 0)
		return true;
	for (i = 0; i < ws->nsteps; i++)
		if (ws->steps[i].kind == PHASE_CHARTER)
			return true;
	secs = model_charter_sections(&n);
	for (i = 0; i < n; i++)
		if ((sec = model_section(ws, secs[i].code)) != NULL &&
		    sec->status == STATUS_ADOPTED)
			return true;
	return false;
}

/* The charter under its title: sections, adoption, decision log. */
static void
export_charter_body(const struct workshop *ws, FILE *out)
{
	const struct charter_section	*secs;
	const struct item		*sec;
	const char			*major = NULL;
	size_t				 i, n;
	bool				 drafted = export_drafted(ws), kept;

	/* A process without a Charter phase (hsbp, human-security,
	 * srm-review) listed every section as "Not yet agreed.": what the
	 * room never could agree.  Its charter is the rules it adopted. */
	if (!drafted) {
		fputc('\n', out);
		export_text(out, _("This process has no charter phase: here are "
		    "the room's stakeholders and the rules it adopted one by "
		    "one."), BODY_INDENT, BODY_INDENT);
	}
	secs = model_charter_sections(&n);
	for (i = 0; i < n; i++) {
		sec = model_section(ws, secs[i].code);
		kept = secs[i].code == SECTION_STAKEHOLDERS ||
		    secs[i].code == SECTION_GROUND_RULES ||
		    secs[i].code == SECTION_DECISION ||
		    secs[i].code == SECTION_CONFIDENTIALITY;
		if (!drafted && !kept && (sec == NULL ||
		    sec->status != STATUS_ADOPTED))
			continue;
		export_major(out, secs[i].number, &major);
		export_heading(out, secs[i].number, _(secs[i].title), true);
		switch (secs[i].code) {
		case SECTION_STAKEHOLDERS:
			export_stakeholders(ws, out);
			break;
		case SECTION_GROUND_RULES:
			export_ground_rules(ws, out);
			break;
		case SECTION_DECISION:
		case SECTION_CONFIDENTIALITY:
			export_set_rule(ws, secs[i].code, out);
			if (drafted || (sec != NULL &&
			    sec->status == STATUS_ADOPTED))
				export_section_body(ws, secs[i].code, true,
				    out);
			break;
		default:
			export_section_body(ws, secs[i].code, false, out);
			break;
		}
	}
	if (drafted) {
		export_adoption(ws, out);
		export_log(ws, out);
	}
}

int
export_charter(const struct workshop *ws, FILE *out)
{
	export_title(ws, out);
	export_charter_body(ws, out);
	if (fflush(out) != 0 || ferror(out))
		return -1;
	return 0;
}

/* --- the report --------------------------------------------------------- */

/*
 * The whole process: the charter, then each meeting with what was written
 * in it.  An item belongs to the meeting it was written in; an action is
 * shown as the record stands now, under the meeting that proposed it, and
 * the changes made to it at later meetings are that meeting's follow-up
 * review.
 *
 * The rules of the room (model_item_view, viewer 0) decide what is shown:
 * nothing off the record, no author under the Chatham House Rule, no
 * caucus note, no point of order, no report-back the plenary never saw.
 */

/* Marks a section that held something it may not show (then _()). */
#define EXPORT_HELD	N_("(held off the record)")

/* A list entry: its bullet and the indent of its next lines. */
#define ITEM_FIRST	BODY_INDENT "- "
#define ITEM_REST	BODY_INDENT "  "
/* An action's fields, under its title line. */
#define FIELD_INDENT	BODY_INDENT BODY_INDENT

/* What the plenary could see: everything but caucus notes, unrevealed
 * report-backs and points of order. */
static bool
export_public(const struct workshop *ws, const struct item *it)
{
	return it->kind != ITEM_GRIEVANCE && it->kind != ITEM_CAUCUS_NOTE &&
	    model_item_visible(ws, it, MODEL_SYSTEM);
}

static bool
export_off_record(const struct item *it)
{
	return it->conf == CONF_OFF_RECORD;
}

/* Someone's name on one line, or NULL.  Caller frees. */
static char *
export_name(const struct workshop *ws, uint32_t id, bool english)
{
	const struct participant	*p = model_person(ws, id);

	if (p == NULL || p->name == NULL)
		return NULL;
	return text_sanitize(english ? p->name : model_person_shown(p), false);
}

static char *
export_group_name(const struct workshop *ws, uint32_t id)
{
	const struct group	*g = model_group(ws, id);

	if (g == NULL || g->name == NULL)
		return NULL;
	return text_sanitize(model_group_shown(g->name), false);
}

/* "Name (Group)" for whoever wrote an item, as the room's rule lets it be
 * known, or NULL (seed content; the Chatham House Rule).  Caller frees. */
static char *
export_byline(const struct workshop *ws, const struct item *it)
{
	struct item	 view;
	char		*name, *gname, *s;

	model_item_view(ws, it, MODEL_SYSTEM, &view);
	if (view.author == 0 || !export_may_name(ws, it->phase, it->conf) ||
	    (name = export_name(ws, view.author, false)) == NULL)
		return NULL;
	if ((gname = export_group_name(ws, view.group)) == NULL)
		return name;
	s = xasprintf("%s (%s)", name, gname);
	free(gname);
	free(name);
	return s;
}

/* One entry: prefix (a mark, already clean), the text as typed, and who
 * wrote it when that may be known. */
static void
export_entry(const struct workshop *ws, const struct item *it,
    const char *prefix, const char *first, const char *rest, FILE *out)
{
	char	*text, *by, *s;

	text = text_sanitize(it->text != NULL ? export_seed_text(it) : "",
	    true);
	text_trim(text);
	by = export_byline(ws, it);
	/* Words a facilitator changed are not said to be the author's as
	 * they stand. */
	s = xasprintf("%s%s%s%s%s%s", prefix, text, by != NULL ? " — " : "",
	    by != NULL ? by : "", it->flags & ITEM_F_EDITED ? " " : "",
	    it->flags & ITEM_F_EDITED ? _("(edited by a facilitator)") : "");
	export_text(out, s, first, rest);
	free(s);
	free(by);
	free(text);
}

/* "Label: value" under an action, its next lines aligned after the
 * label.  value is clean or typed; it is sanitised either way. */
static void
export_field(FILE *out, const char *label, const char *value)
{
	char	*first, *rest, *clean, *colon;

	clean = text_sanitize(value, false);
	colon = export_colon(label);
	first = xasprintf(FIELD_INDENT "%s ", colon);
	free(colon);
	/* Aligned by display columns: "Échéance" is 8 wide, 9 bytes. */
	rest = xasprintf("%*s", (int)text_width(first), "");
	export_text(out, clean, first, rest);
	free(rest);
	free(first);
	free(clean);
}

static void
export_held(FILE *out, size_t held)
{
	if (held > 0)
		export_text(out, _(EXPORT_HELD), BODY_INDENT, BODY_INDENT);
}

/* The date of meeting m as "9 March 2024 (2024-03-09)": its own, else
 * the day it began, else the room's. */
static void
export_meeting_date(const struct workshop *ws, const struct meeting *m,
    char date[EXPORT_DATE_LEN])
{
	if (m != NULL && m->date != 0)
		export_day(m->date, date, EXPORT_DATE_LEN);
	else
		export_date(m != NULL && m->started != 0 ? m->started :
		    ws->created, date);
}

/* How many meetings the report has: a record from before meetings has
 * one, the room's first day. */
static uint32_t
export_nmeetings(const struct workshop *ws)
{
	return ws->nmeetings > 0 ? (uint32_t)ws->nmeetings : 1;
}

static void
export_report_title(const struct workshop *ws, FILE *out)
{
	char		 first[EXPORT_DATE_LEN], last[EXPORT_DATE_LEN];
	char		*line;
	uint32_t	 n = export_nmeetings(ws);

	export_underlined(out, ws->title != NULL ? ws->title :
	    _("Untitled"), '=');
	fprintf(out, "%s\n", _("Report of the process"));
	export_meeting_date(ws, model_meeting(ws, 1), first);
	if (n == 1)
		line = xasprintf(_("Meetings: 1, on %s"), first);
	else {
		export_meeting_date(ws, model_meeting(ws, n), last);
		/* TRANSLATORS: how many meetings (always several), the
		 * first's date and the last's. */
		line = xasprintf(_("Meetings: %u, from %s to %s"), n, first,
		    last);
	}
	export_text(out, line, "", "    ");
	free(line);
	export_record_line(ws, out);
}

/* A part of the report: its title underlined, set apart. */
static void
export_part(FILE *out, const char *title)
{
	fputs("\n\n", out);
	export_underlined(out, title, '-');
}

/* Is this person listed with a group at a meeting, or apart? */
static bool
export_in_group(const struct participant *p, uint32_t group)
{
	return p->role == ROLE_PARTICIPANT && p->group == group;
}

/* The people of one kind who came, as a line: "Label: A, B" or, when
 * names may not be given, "Label: 2".  Nothing when nobody came. */
static void
export_came_line(const struct workshop *ws, const struct meeting *m,
    const char *label, int kind, uint32_t group, bool names, FILE *out)
{
	const struct participant	*p;
	char				*list = NULL, *name, *tmp, *colon;
	size_t				 i, n = 0;

	for (i = 0; i < m->ncame; i++) {
		if ((p = model_person(ws, m->came[i])) == NULL)
			continue;
		switch (kind) {
		case ROLE_PARTICIPANT:
			if (!export_in_group(p, group))
				continue;
			break;
		case ROLE_FACILITATOR:
			if (p->role != ROLE_FACILITATOR &&
			    p->role != ROLE_COFACILITATOR)
				continue;
			break;
		default:
			if (p->role != ROLE_OBSERVER)
				continue;
			break;
		}
		n++;
		if (!names || (name = export_name(ws, p->id, false)) == NULL)
			continue;
		tmp = list == NULL ? xstrdup(name) :
		    xasprintf("%s, %s", list, name);
		free(list);
		free(name);
		list = tmp;
	}
	if (n == 0)
		return;
	colon = export_colon(label);
	if (names && list != NULL)
		tmp = xasprintf("%s %s", colon, list);
	else
		tmp = xasprintf("%s %zu", colon, n);
	export_text(out, tmp, BODY_INDENT, BODY_INDENT "    ");
	free(tmp);
	free(colon);
	free(list);
}

/*
 * Who came, by group, in the order of the groups; then the facilitators
 * and the observers, who represent nobody; then the groups nobody came
 * for.  Under the Chatham House Rule (or off the record) the room's rule
 * covers who was there: numbers only.
 */
static void
export_attendance(const struct workshop *ws, const struct meeting *m,
    FILE *out)
{
	const struct participant	*p;
	char				*gname, *absent = NULL, *tmp;
	size_t				 i, j;
	bool				 names, came;

	if (m == NULL || m->ncame == 0)
		return;
	names = ws->confidentiality == CONF_DEFAULT ||
	    ws->confidentiality == CONF_OPEN;
	export_plain_heading(out, _("Who came"), true);
	if (!names)
		export_text(out, _("Numbers only: the room keeps the Chatham "
		    "House Rule."), BODY_INDENT, BODY_INDENT);
	for (i = 0; i < ws->ngroups; i++) {
		gname = export_group_name(ws, ws->groups[i].id);
		if (gname == NULL)
			continue;
		came = false;
		for (j = 0; j < m->ncame && !came; j++)
			came = (p = model_person(ws, m->came[j])) != NULL &&
			    export_in_group(p, ws->groups[i].id);
		if (came)
			export_came_line(ws, m, gname, ROLE_PARTICIPANT,
			    ws->groups[i].id, names, out);
		else if (absent == NULL)
			absent = xstrdup(gname);
		else {
			tmp = xasprintf("%s, %s", absent, gname);
			free(absent);
			absent = tmp;
		}
		free(gname);
	}
	export_came_line(ws, m, _("Facilitators"), ROLE_FACILITATOR, 0,
	    names, out);
	export_came_line(ws, m, _("Observers"), ROLE_OBSERVER, 0, names,
	    out);
	if (absent != NULL) {
		/* TRANSLATORS: the stakeholder groups nobody came for. */
		tmp = xasprintf(_("Absent: %s"), absent);
		export_text(out, tmp, BODY_INDENT, BODY_INDENT "    ");
		free(tmp);
		free(absent);
	}
}

/* Does item it belong in the list of kind for meeting m? Merged and
 * withdrawn contributions are not the room's. */
static bool
export_listed(const struct workshop *ws, const struct item *it, int kind,
    uint32_t m)
{
	if (it->kind != kind && !(kind == ITEM_EXPECTATION &&
	    it->kind == ITEM_PURPOSE))
		return false;
	return export_meeting_of(it) == m && export_public(ws, it) &&
	    it->status != STATUS_MERGED && it->status != STATUS_WITHDRAWN &&
	    it->text != NULL;
}

/* Whether the room's last word on it was a check that did not adopt
 * it (it stays open, to be amended and checked again): a lesson blocked
 * was listed as if never checked. */
static bool
export_check_failed(const struct workshop *ws, const struct item *it)
{
	size_t	i;

	for (i = ws->npolls; i > 0; i--) {
		const struct poll *p = &ws->polls[i - 1];

		if (p->kind != POLL_CONSENSUS || p->target != it->id ||
		    (p->flags & POLL_F_GROUP))
			continue;
		return p->state == POLL_REVEALED &&
		    p->verdict == VERDICT_NOT_ADOPTED;
	}
	return false;
}

/* What goes before an entry of a list: the convener's purpose, an
 * adoption, an exit strategy's name.  Caller frees. */
static char *
export_mark(const struct workshop *ws, const struct item *it)
{
	const char	*st = NULL;
	char		*name, *s;

	if (it->kind == ITEM_PURPOSE)
		/* TRANSLATORS: before the convener's purpose, in the list of
		 * expectations. */
		return xstrdup(_("Purpose: "));
	if (it->status == STATUS_ADOPTED)
		st = _("adopted");
	else if (it->status == STATUS_REJECTED ||
	    export_check_failed(ws, it))
		st = _("not adopted");
	if (it->kind != ITEM_EXIT)
		return st != NULL ? xasprintf("[%s] ", st) : xstrdup("");
	/* A strategy's status agrees with it (French: une stratégie). */
	if (it->status == STATUS_ADOPTED)
		st = C_("exit strategy", "adopted");
	else if (st != NULL)
		st = C_("exit strategy", "not adopted");
	name = export_capital(model_exit_name((int)it->number));
	s = xasprintf("%s [%s]", name, st != NULL ? st :
	    /* TRANSLATORS: an exit strategy put forward, not decided. */
	    C_("exit strategy", "proposed"));
	free(name);
	name = export_colon(s);
	free(s);
	s = xasprintf("%s ", name);
	free(name);
	return s;
}

/* The entries listed first: the purpose above the expectations, what
 * the room adopted above what it did not. */
static bool
export_first(const struct item *it)
{
	return it->kind == ITEM_PURPOSE || (it->kind != ITEM_EXPECTATION &&
	    it->status == STATUS_ADOPTED);
}

/* A section listing the contributions of one kind made in meeting m,
 * left out when there were none. */
static void
export_list(const struct workshop *ws, uint32_t m, int kind,
    const char *title, FILE *out)
{
	const struct item	*it;
	size_t			 i, n = 0, held = 0;
	char			*mark;
	int			 pass;

	for (i = 0; i < ws->nitems; i++)
		if (export_listed(ws, &ws->items[i], kind, m))
			n++;
	if (n == 0)
		return;
	export_plain_heading(out, title, true);
	for (pass = 0; pass < 2; pass++)
		for (i = 0; i < ws->nitems; i++) {
			it = &ws->items[i];
			if (!export_listed(ws, it, kind, m) ||
			    export_first(it) != (pass == 0))
				continue;
			if (export_off_record(it)) {
				held++;
				continue;
			}
			mark = export_mark(ws, it);
			export_entry(ws, it, mark, ITEM_FIRST, ITEM_REST, out);
			free(mark);
		}
	export_held(out, held);
}

static void
export_meeting_rules(const struct workshop *ws, uint32_t m, FILE *out)
{
	const struct item	**rules;
	size_t			  n;

	/* The rules are the room's (the charter's 4.1): no author, and
	 * adopted openly whatever the rule was when one was proposed. */
	n = export_rules(ws, m, &rules);
	if (n > 0) {
		export_plain_heading(out, _("Ground rules adopted"), true);
		export_rule_list(out, rules, n);
	}
	free(rules);
}

/* The answers to dialogue questions given in meeting m, by question; the
 * themes the facilitator pinned first. */
static void
export_dialogue(const struct workshop *ws, uint32_t m, FILE *out)
{
	const struct item	*q, *a;
	size_t			 i, j, n, nq = 0, held;
	int			 pass;

	for (i = 0; i < ws->nitems; i++) {
		q = &ws->items[i];
		if (q->kind != ITEM_QUESTION || q->text == NULL)
			continue;
		n = held = 0;
		for (j = 0; j < ws->nitems; j++)
			if (export_listed(ws, &ws->items[j], ITEM_ANSWER, m) &&
			    ws->items[j].ref == q->id)
				n++;
		if (n == 0)
			continue;
		if (nq++ == 0)
			export_plain_heading(out, _("Dialogue"), true);
		else
			fputc('\n', out);
		/* A question asked off the record is held with its
		 * answers. */
		if (export_off_record(q)) {
			export_held(out, 1);
			continue;
		}
		export_text(out, export_seed_text(q), BODY_INDENT,
		    BODY_INDENT);
		for (pass = 0; pass < 2; pass++)
			for (j = 0; j < ws->nitems; j++) {
				a = &ws->items[j];
				if (!export_listed(ws, a, ITEM_ANSWER, m) ||
				    a->ref != q->id ||
				    !(a->flags & ITEM_F_PINNED) != (pass == 1))
					continue;
				if (export_off_record(a)) {
					held++;
					continue;
				}
				/* TRANSLATORS: before a theme the
				 * facilitator drew from the answers. */
				export_entry(ws, a, pass == 0 ? _("Theme: ") :
				    "", BODY_INDENT ITEM_FIRST,
				    BODY_INDENT ITEM_REST, out);
			}
		if (held > 0)
			export_text(out, _(EXPORT_HELD), BODY_INDENT BODY_INDENT,
			    BODY_INDENT BODY_INDENT);
	}
}

/* The report-backs the facilitators showed to the plenary, worded as the
 * room saw them ("Community caucus, approved 2 of 2: ..."; the TUI's
 * report_source): a report speaks for its caucus, never for its writer. */
static void
export_reports(const struct workshop *ws, uint32_t m, FILE *out)
{
	const struct item	*it;
	struct item		 view;
	char			*gname, *prefix, *text, *s;
	size_t			 i, n = 0, held = 0;

	for (i = 0; i < ws->nitems; i++) {
		it = &ws->items[i];
		if (it->kind != ITEM_CAUCUS_REPORT ||
		    !(it->flags & ITEM_F_REVEALED) ||
		    export_meeting_of(it) != m || it->text == NULL ||
		    !export_public(ws, it))
			continue;
		if (n++ == 0)
			export_plain_heading(out, _("Caucus reports"), true);
		if (export_off_record(it)) {
			held++;
			continue;
		}
		model_item_view(ws, it, MODEL_SYSTEM, &view);
		gname = export_group_name(ws, view.group);
		/* TRANSLATORS: a stakeholder group's caucus ("Police
		 * caucus"). */
		prefix = gname != NULL ? xasprintf(_("%s caucus"), gname) :
		    xstrdup(_("A caucus"));
		if (it->ref != 0)
			/* TRANSLATORS: a caucus, and how many of its members
			 * approved its report ("Police caucus, approved 2 of
			 * 3: "). */
			s = xasprintf(_("%s, approved %u of %u: "), prefix,
			    it->number, it->ref);
		else {
			text = export_colon(prefix);
			s = xasprintf("%s ", text);
			free(text);
		}
		text = text_sanitize(it->text, true);
		text_trim(text);
		free(prefix);
		prefix = xasprintf("%s%s", s, text);
		export_text(out, prefix, ITEM_FIRST, ITEM_REST);
		free(prefix);
		free(text);
		free(s);
		free(gname);
	}
	export_held(out, held);
}

/* The row or column items of the matrix of step (an index), in order;
 * *n how many.  Caller frees. */
static const struct item **
export_axis(const struct workshop *ws, size_t step, int kind, size_t *n)
{
	const struct item	**v, *it;
	const uint32_t		 *ids;
	size_t			  i, k;

	ids = model_items_of_kind(ws, kind, &k);
	v = xcalloc(k + 1, sizeof *v);
	*n = 0;
	for (i = 0; i < k; i++) {
		it = model_item(ws, ids[i]);
		if (it != NULL && it->step == step + 1 && it->text != NULL)
			v[(*n)++] = it;
	}
	return v;
}

/* Whether a matrix entry belongs in the report of meeting m: the
 * plenary could see it, it was not withdrawn. */
static bool
export_cell_listed(const struct workshop *ws, const struct item *it,
    uint32_t m)
{
	return it != NULL && it->kind == ITEM_CELL &&
	    export_meeting_of(it) == m && export_public(ws, it) &&
	    it->status != STATUS_WITHDRAWN && it->text != NULL;
}

/* One matrix of meeting m, row by row, each cell's entries under its
 * column's name; the rows without entries are named together after
 * them, columns without any are left out.  A private matrix's cells were each group's own: its entries
 * are never reported, and nor is who wrote what where. */
static void
export_matrix(const struct workshop *ws, size_t step, uint32_t m, FILE *out)
{
	const struct item	**rows, **cols, *it;
	const uint32_t		 *ids;
	size_t			  nr, nc, r, c, i, n, any = 0, held = 0, shown;
	char			 *s, *list, *empty = NULL;

	rows = export_axis(ws, step, ITEM_MATRIX_ROW, &nr);
	cols = export_axis(ws, step, ITEM_MATRIX_COL, &nc);
	for (r = 0; r < nr; r++) {
		ids = model_items_of_ref(ws, ITEM_CELL, rows[r]->id, &n);
		for (i = 0; i < n; i++) {
			it = model_item(ws, ids[i]);
			any += it != NULL && it->kind == ITEM_CELL &&
			    export_meeting_of(it) == m &&
			    it->status != STATUS_WITHDRAWN;
		}
	}
	if (any == 0)
		goto done;
	/* TRANSLATORS: the heading of a matrix, with its phase's title. */
	s = xasprintf(_("Matrix: %s"), export_words(model_step_title(ws,
	    step)));
	export_plain_heading(out, s, true);
	free(s);
	if (model_step(ws, step)->flags & STEP_F_PRIVATE) {
		export_text(out, _("Each cell was its group's own: what the "
		    "groups wrote stays with them and the facilitators, and "
		    "is not in this report."), BODY_INDENT, BODY_INDENT);
		goto done;
	}
	list = xstrdup("");
	for (c = 0; c < nc; c++) {
		s = xasprintf("%s%s%s", list, c > 0 ? export_sep(false) :
		    "", export_seed_text(cols[c]));
		free(list);
		list = s;
	}
	/* TRANSLATORS: a matrix's columns, separated by semicolons. */
	s = xasprintf(_("Columns: %s"), list);
	export_text(out, s, BODY_INDENT, BODY_INDENT "  ");
	free(s);
	free(list);
	for (r = 0; r < nr; r++) {
		ids = model_items_of_ref(ws, ITEM_CELL, rows[r]->id, &n);
		shown = 0;
		for (i = 0; i < n; i++) {
			it = model_item(ws, ids[i]);
			shown += export_cell_listed(ws, it, m) &&
			    !export_off_record(it);
		}
		if (shown == 0) {
			s = xasprintf("%s%s%s", empty != NULL ? empty : "",
			    empty != NULL ? export_sep(false) : "",
			    export_seed_text(rows[r]));
			free(empty);
			empty = s;
			/* Its entries may all have been off the record. */
			for (i = 0; i < n; i++) {
				it = model_item(ws, ids[i]);
				held += export_cell_listed(ws, it, m) &&
				    export_off_record(it);
			}
			continue;
		}
		fputc('\n', out);
		export_text(out, export_seed_text(rows[r]), BODY_INDENT,
		    BODY_INDENT "  ");
		for (c = 0; c < nc; c++) {
			bool	heading = false;

			for (i = 0; i < n; i++) {
				it = model_item(ws, ids[i]);
				if (!export_cell_listed(ws, it, m) ||
				    it->number != cols[c]->id)
					continue;
				if (export_off_record(it)) {
					held++;
					continue;
				}
				if (!heading)
					export_text(out,
					    export_seed_text(cols[c]),
					    BODY_INDENT "  ",
					    BODY_INDENT "    ");
				heading = true;
				export_entry(ws, it, "", BODY_INDENT "    - ",
				    BODY_INDENT "      ", out);
			}
		}
	}
	if (empty != NULL) {
		fputc('\n', out);
		/* TRANSLATORS: a matrix's rows that nobody wrote in. */
		s = xasprintf(_("No entries: %s"), empty);
		export_text(out, s, BODY_INDENT, BODY_INDENT "  ");
		free(s);
		free(empty);
	}
	export_held(out, held);
done:
	free(rows);
	free(cols);
}

/* The matrices the room filled in meeting m, in the order of its
 * phases. */
static void
export_matrices(const struct workshop *ws, uint32_t m, FILE *out)
{
	size_t	i;

	for (i = 0; i < ws->nsteps; i++)
		if (ws->steps[i].kind == PHASE_MATRIX)
			export_matrix(ws, i, m, out);
}

/* A person (or group) named where the Chatham House Rule lets no person
 * be: what they are, not who; the msgid (N_). */
static const char *
export_nameless(const struct workshop *ws, uint32_t person)
{
	const struct participant	*p = model_person(ws, person);

	if (p != NULL && (p->role == ROLE_FACILITATOR ||
	    p->role == ROLE_COFACILITATOR))
		return N_("a facilitator");
	return N_("a participant");
}

/* s in the export's language, or as it is in data that stays English
 * (the CSV). */
static const char *
export_said(const char *s, bool english)
{
	return english ? s : _(s);
}
/* "Police (committed); Ana Pérez (not yet)", or NULL with no owner.
 * Under the Chatham House Rule a person owner is not named.  english:
 * for the CSV, whatever the export's language.  Caller frees. */
static char *
export_owners(const struct workshop *ws, const struct item *it,
    bool english)
{
	const struct action	*a = it->action;
	const struct owner	*o;
	char			*list = NULL, *who, *tmp;
	size_t			 i;

	for (i = 0; i < a->nowners; i++) {
		o = &a->owners[i];
		if (o->person != 0)
			who = !export_may_name(ws, it->phase, it->conf) ?
			    xstrdup(export_said(export_nameless(ws,
			    o->person), english)) :
			    export_name(ws, o->person, english);
		else if (english) {
			/* The name the record keeps: a default group's in
			 * English too. */
			const struct group *g = model_group(ws, o->group);

			who = g != NULL && g->name != NULL ?
			    text_sanitize(g->name, false) : NULL;
		} else
			who = export_group_name(ws, o->group);
		if (who == NULL)
			who = xstrdup("?");
		/* TRANSLATORS: whether an owner of an action has said they
		 * take it on ("Police (committed); Ana Pérez (not yet)"). */
		tmp = xasprintf("%s%s%s (%s)", list != NULL ? list : "",
		    list != NULL ? export_sep(english) : "", who,
		    export_said(o->committed ?
		    N_("committed") : N_("not yet"), english));
		free(list);
		free(who);
		list = tmp;
	}
	return list;
}

/* The action of a progress item, or NULL. */
static const struct item *
export_action_of(const struct workshop *ws, const struct item *it)
{
	const struct item	*a = model_item(ws, it->ref);

	return a != NULL && a->kind == ITEM_ACTION && a->action != NULL ?
	    a : NULL;
}

/* The actions in plan order (model_action_order); *n how many, the array
 * to be freed. */
static uint32_t *
export_plan(const struct workshop *ws, size_t *n)
{
	uint32_t	*ids;

	*n = model_action_order(ws, NULL, 0);
	ids = xcalloc(*n + 1, sizeof *ids);
	if (*n > 0)
		*n = model_action_order(ws, ids, *n);
	return ids;
}

/*
 * The record a change left, as the room may read it.  The model wrote it
 * without any person's name where the Chatham House Rule was in force
 * (src/model/action.c); one made in the open is made nameless here when
 * the rule came later (export_may_name).  Caller frees.
 */
static char *
export_log_text(const struct workshop *ws, const struct item *it,
    const struct item *act)
{
	char	*said, *s, *nameless = NULL;
	const char *text = it->text != NULL ? it->text : "";

	/* Made in the open, in a room that since keeps the rule: as the
	 * model would have written it under the rule.  So is a change to
	 * an action proposed off the record, whose owners the plan does
	 * not name (export_owners). */
	if (!export_may_name(ws, it->phase, it->conf) ||
	    !export_may_name(ws, act->phase, act->conf))
		text = nameless = model_log_nameless(ws, text);
	/* Written in English by the model: in the export's language
	 * (model_words), or as it is. */
	said = i18n_from_wire(text, model_log_words);
	free(nameless);
	s = text_sanitize(said, false);
	free(said);
	return s;
}

/* The progress an action's owners reported in the meeting that
 * proposed it; later ones are the follow-up reviews. */
static void
export_own_progress(const struct workshop *ws, const struct item *act,
    FILE *out)
{
	const struct item	*it;
	size_t			 i, held = 0;

	for (i = 0; i < ws->nitems; i++) {
		it = &ws->items[i];
		if (it->kind != ITEM_PROGRESS || (it->flags & ITEM_F_LOG) ||
		    it->ref != act->id || it->text == NULL ||
		    export_meeting_of(it) != export_meeting_of(act))
			continue;
		if (export_off_record(it))
			held++;
		else {
			/* TRANSLATORS: before a progress report on an
			 * action. */
			const char *label = _("Progress: ");
			/* Its next lines under its first word, whatever the
			 * label's width in this language. */
			char *rest = xasprintf(FIELD_INDENT "%*s",
			    (int)text_width(label), "");

			export_entry(ws, it, label, FIELD_INDENT, rest, out);
			free(rest);
		}
	}
	if (held > 0)
		export_text(out, _(EXPORT_HELD), FIELD_INDENT, FIELD_INDENT);
}

/* "3. Legal duty of care obligations are ..." for the indicator an
 * action works on, or NULL.  Caller frees. */
static char *
export_indicator_name(const struct workshop *ws, uint32_t id)
{
	const struct item	*ind = model_item(ws, id);

	if (id == 0 || ind == NULL || ind->kind != ITEM_INDICATOR ||
	    ind->text == NULL)
		return NULL;
	return xasprintf("%u. %s", model_indicator_number(ws, id), ind->text);
}

/* One action as the record stands: what and who proposed it, then each
 * field it has. */
static void
export_action(const struct workshop *ws, const struct item *it, FILE *out)
{
	const struct action	*a = it->action;
	const struct milestone	*ms;
	char			 num[32], date[EXPORT_DATE_LEN], cost[48];
	char			*s, *t, *first, *rest;
	size_t			 i;
	int			 dots;

	snprintf(num, sizeof num, BODY_INDENT "#%u ",
	    model_action_number(ws, it->id));
	export_entry(ws, it, "", num, FIELD_INDENT, out);
	s = export_owners(ws, it, false);
	/* TRANSLATORS: the fields of an action in the report (Who, How,
	 * Due, Term, ...), each followed by ": " and its value. */
	export_field(out, _("Who"), s != NULL ? s : _("nobody yet"));
	free(s);
	if (a->how != NULL)
		export_field(out, _("How"), a->how);
	if (a->due != 0)
		/* TRANSLATORS: an action's field: the date it is due. */
		export_field(out, _("Due"), model_date_format(a->due, date,
		    sizeof date));
	if (a->term != TERM_NONE || a->quick_win) {
		s = xasprintf("%s%s%s", a->term != TERM_NONE ?
		    _(model_term_name(a->term)) : "", a->term != TERM_NONE &&
		    a->quick_win ? ", " : "", a->quick_win ? _("quick win") :
		    "");
		/* TRANSLATORS: an action's field: short, medium or long
		 * term. */
		export_field(out, _("Term"), s);
		free(s);
	}
	if (a->resources != NULL)
		export_field(out, _("Resources"), a->resources);
	if (a->cost >= 0) {
		t = text_sanitize(a->currency, false);
		money_format(a->cost, t, cost, sizeof cost);
		/* TRANSLATORS: an amount, its currency and who provides it
		 * ("1200.00 USD, provided by UNDP"). */
		s = a->provider != NULL ? xasprintf(_("%s %s, provided by %s"),
		    cost, t, a->provider) : xasprintf("%s %s", cost, t);
		export_field(out, _("Cost"), s);
		free(s);
		free(t);
	} else if (a->provider != NULL)
		export_field(out, _("Provided by"), a->provider);
	/* TRANSLATORS: a field: where an action (or indicator) stands. */
	export_field(out, _("Status"), C_("action status",
	    model_action_status_name(a->status)));
	if ((s = export_indicator_name(ws, a->indicator)) != NULL) {
		export_field(out, _("Indicator"), s);
		free(s);
	}
	if ((dots = model_action_dots(ws, it->id)) >= 0) {
		s = xasprintf(ngettext("%d dot", "%d dots",
		    (unsigned long)dots), dots);
		/* TRANSLATORS: an action's field: the dots it got in the
		 * dot vote that ranked the actions. */
		export_field(out, _("Dot vote"), s);
		free(s);
	}
	if (a->nmilestones > 0)
		export_text(out, _("Milestones:"), FIELD_INDENT, FIELD_INDENT);
	for (i = 0; i < a->nmilestones; i++) {
		ms = &a->milestones[i];
		model_date_format(ms->date, date, sizeof date);
		first = xasprintf(FIELD_INDENT "    [%c] %s%s", ms->done ? 'x' :
		    ' ', date, date[0] != '\0' ? " " : "");
		rest = xasprintf("%*s", (int)strlen(FIELD_INDENT "    [ ] "),
		    "");
		t = text_sanitize(ms->text != NULL ? ms->text : "", false);
		text_trim(t);
		if (ms->done && ms->meeting != 0)
			s = xasprintf(_("%s (done in meeting %u)"), t,
			    ms->meeting);
		else
			s = xstrdup(t);
		export_text(out, s, first, rest);
		free(s);
		free(t);
		free(rest);
		free(first);
	}
	export_own_progress(ws, it, out);
}

/* Has the record any action proposed before meeting m? */
static bool
export_earlier_actions(const struct workshop *ws, uint32_t m)
{
	size_t	i;

	for (i = 0; i < ws->nitems; i++)
		if (ws->items[i].kind == ITEM_ACTION &&
		    ws->items[i].action != NULL &&
		    export_meeting_of(&ws->items[i]) < m)
			return true;
	return false;
}

/* The actions proposed in meeting m, in plan order.  Always there: a
 * meeting that planned nothing says so. */
static void
export_action_plan(const struct workshop *ws, uint32_t m, FILE *out)
{
	const struct item	*it;
	uint32_t		*plan;
	size_t			 i, n, shown = 0;

	export_plain_heading(out, _("Action plan"), true);
	plan = export_plan(ws, &n);
	for (i = 0; i < n; i++) {
		it = model_item(ws, plan[i]);
		/* An action proposed off the record is in the plan all the
		 * same: the plan is what the room decides, and the rule
		 * keeps who proposed it and who owns it to their groups
		 * (export_may_name).  Only what is said of it is held. */
		if (it == NULL || it->action == NULL ||
		    export_meeting_of(it) != m || !export_public(ws, it))
			continue;
		if (shown++ == 0)
			export_text(out, _("Proposed in this meeting, as the "
			    "record stands now."), BODY_INDENT, BODY_INDENT);
		fputc('\n', out);
		export_action(ws, it, out);
	}
	free(plan);
	if (shown == 0)
		export_text(out, export_earlier_actions(ws, m) ?
		    _("No new actions.") : _("No actions yet."), BODY_INDENT,
		    BODY_INDENT);
}

/* Is it a progress item of meeting m about an action of an earlier
 * one? */
static bool
export_review_item(const struct workshop *ws, const struct item *it,
    uint32_t m)
{
	const struct item	*act;

	if (it->kind != ITEM_PROGRESS || export_meeting_of(it) != m ||
	    it->text == NULL || !export_public(ws, it))
		return false;
	/* An action merged away or withdrawn is not in the plan, nor is
	 * its history. */
	act = export_action_of(ws, it);
	return act != NULL && export_meeting_of(act) < m &&
	    act->status != STATUS_MERGED && act->status != STATUS_WITHDRAWN;
}

/*
 * The follow-up review of meeting m: what changed in the actions of
 * earlier meetings, and the progress reported on them, by action in plan
 * order.  A change is the record's own sentence; a report carries who
 * made it, as the rule lets.
 */
static void
export_review(const struct workshop *ws, uint32_t m, FILE *out)
{
	const struct item	*act, *it;
	uint32_t		*plan;
	size_t			 i, j, n, nshown, held = 0, any = 0;
	char			*s, *what;

	for (i = 0; i < ws->nitems; i++)
		if (export_review_item(ws, &ws->items[i], m))
			any++;
	if (any == 0)
		return;
	export_plain_heading(out, _("Follow-up review"), true);
	plan = export_plan(ws, &n);
	for (i = 0, any = 0; i < n; i++) {
		if ((act = model_item(ws, plan[i])) == NULL)
			continue;
		nshown = 0;
		for (j = 0; j < ws->nitems; j++) {
			it = &ws->items[j];
			if (it->ref != act->id ||
			    !export_review_item(ws, it, m))
				continue;
			if (export_off_record(it) || !export_public(ws, act)) {
				held++;
				continue;
			}
			if (nshown++ == 0) {
				if (any++ > 0)
					fputc('\n', out);
				/* The action as it is called now. */
				what = text_sanitize(act->text != NULL ?
				    act->text : "", false);
				s = xasprintf("#%u %s",
				    model_action_number(ws, act->id), what);
				export_text(out, s, BODY_INDENT, BODY_INDENT
				    "    ");
				free(s);
				free(what);
			}
			if (it->flags & ITEM_F_LOG) {
				s = export_log_text(ws, it, act);
				export_text(out, s, BODY_INDENT ITEM_FIRST,
				    BODY_INDENT ITEM_REST);
				free(s);
			} else
				export_entry(ws, it, _("Progress: "),
				    BODY_INDENT ITEM_FIRST,
				    BODY_INDENT ITEM_REST, out);
		}
	}
	free(plan);
	if (held > 0 && any > 0)
		fputc('\n', out);
	export_held(out, held);
}

/* The straw polls put to the room in meeting m, with their results
 * as the room heard them; left out when there were none.  Only counts
 * are shown, so no rule of the room is at stake but off the record. */
static void
export_straw_polls(const struct workshop *ws, uint32_t m, FILE *out)
{
	const struct poll	*p;
	struct poll		 view;
	int			 t[ANSWER_ABSTAIN + 1];
	char			 date[EXPORT_WHEN_LEN], *first, *line;
	size_t			 i, n = 0, held = 0;

	for (i = 0; i < ws->npolls; i++) {
		p = &ws->polls[i];
		n += p->kind == POLL_STRAW &&
		    (p->meeting != 0 ? p->meeting : 1) == m;
	}
	if (n == 0)
		return;
	export_plain_heading(out, _("Straw polls"), true);
	for (i = 0; i < ws->npolls; i++) {
		p = &ws->polls[i];
		if (p->kind != POLL_STRAW ||
		    (p->meeting != 0 ? p->meeting : 1) != m)
			continue;
		if (p->conf == CONF_OFF_RECORD) {
			held++;
			continue;
		}
		/* Under its meeting's heading: the day alone. */
		export_when(ws, p->meeting, p->opened, MODEL_WHEN_DAY, false,
		    date, sizeof date);
		first = text_sanitize(p->text != NULL ? p->text : "", false);
		if (p->state == POLL_REVEALED) {
			model_poll_view(ws, p, MODEL_SYSTEM, &view);
			model_tally(&view, t, ANSWER_ABSTAIN + 1);
			model_votes_free(view.votes, view.nvotes);
			/* TRANSLATORS: a straw poll's question, its date
			 * and its result. */
			line = xasprintf(_("%s (%s): %d yes, %d no, %d "
			    "abstain"), first, date, t[ANSWER_YES],
			    t[ANSWER_NO], t[ANSWER_ABSTAIN]);
		} else
			/* TRANSLATORS: a straw poll's question, its date
			 * and where it stands. */
			line = xasprintf(_("%s (%s): %s"), first, date,
			    p->state == POLL_OPEN ? _("still open") :
			    _("closed, result not shown to the room"));
		export_text(out, line, ITEM_FIRST, ITEM_REST);
		free(line);
		free(first);
	}
	export_held(out, held);
}

/*
 * The meeting's phases as planned (start and timebox) against the time
 * the room spent in each: a room made from a template only.  A phase the
 * room is still in counts until the record's last change.
 */
static void
export_agenda(const struct workshop *ws, uint32_t id, FILE *out)
{
	const struct step	*st;
	char			 plan[16], box[16], at[16], spent[48], *title;
	char			*cols, *hang;
	int64_t			 first, secs;
	int			 start, pad;
	size_t			 i;

	if (ws->nsteps == 0)
		return;
	export_plain_heading(out, _("Agenda: planned and actual time"), true);
	/* The column headings padded by width, not bytes: "Réel". */
	fprintf(out, "    %s%*s   %s%*s   %s\n",
	    /* TRANSLATORS: the agenda table's columns; at most 13
	     * characters each. */
	    _("Planned"), export_pad(_("Planned"), 13), "", _("Actual"),
	    export_pad(_("Actual"), 13), "", _("Phase"));
	for (i = 0; i < ws->nsteps; i++) {
		st = &ws->steps[i];
		start = model_agenda_start(ws, id, i);
		if (start >= 0)
			model_hhmm(start, plan, sizeof plan);
		else
			snprintf(plan, sizeof plan, "%s", "");
		if (st->minutes > 0)
			/* TRANSLATORS: minutes, abbreviated. */
			snprintf(box, sizeof box, _("%d min"), st->minutes);
		else
			snprintf(box, sizeof box, "%s", "");
		secs = model_agenda_spent(ws, id, i, ws->updated, &first);
		if (first != 0) {
			model_local_hhmm(first, at, sizeof at);
			snprintf(spent, sizeof spent, _("%s %lld min"), at,
			    (long long)((secs + 30) / 60));
		} else
			snprintf(spent, sizeof spent, "%s", "—");
		/* The template's words, from a file: sanitised, last on the
		 * line, and a long title wrapped under itself (it ran to 89
		 * columns). */
		title = text_sanitize(export_words(st->title), false);
		pad = 13 - (int)text_width(spent);
		cols = xasprintf("    %5s %s%*s   %s%*s   %2zu. ", plan, box,
		    export_pad(box, 7), "", spent, pad > 0 ? pad : 0, "", i);
		hang = xasprintf("%*s", (int)text_width(cols), "");
		if (*title != '\0')
			export_text(out, title, cols, hang);
		else
			fprintf(out, "%s\n", cols);
		free(hang);
		free(cols);
		free(title);
	}
}

/* A point of a scale: the built-in scale's (seed 004) in the export's
 * language, a room's own as it wrote it. */
static const char *
export_point(const struct workshop *ws, const struct poll *p, int point)
{
	const char	*label = model_point_label(ws, p, point);

	return model_point_builtin(ws, p, point) ? gettext(label) : label;
}

/* What a point means, in the words export_point gives its label. */
static const char *
export_meaning(const struct workshop *ws, const struct poll *p, int point)
{
	const char	*meaning = model_point_meaning(ws, p, point);

	return model_point_builtin(ws, p, point) && meaning != NULL ?
	    gettext(meaning) : meaning;
}

/*
 * The indicators the room agreed (srm-review, seed 004), across the
 * process: the scale, then each indicator with its baseline, target,
 * its score at each meeting as the room heard it (the trend) and the
 * actions that work on it.  Left out when the room has none.  A score
 * taken off the record, or an indicator proposed off it, is held.
 */
static void
export_indicators(const struct workshop *ws, FILE *out)
{
	const uint32_t		*ids;
	const struct item	*it, *act;
	const struct indicator	*ind;
	const struct poll	*p;
	struct poll		 scale = { .kind = POLL_SCORE };
	uint32_t		 points[MODEL_SCALE_MAX], *plan;
	char			 num[16], *s, *one, *tmp, *said;
	size_t			 i, k, n, nplan, shown = 0, held = 0;
	int			 pt;

	ids = model_items_of_kind(ws, ITEM_INDICATOR, &n);
	for (i = 0; i < n; i++)
		if (export_public(ws, model_item(ws, ids[i])))
			break;
	if (i == n)
		return;
	export_part(out, _("Indicators"));
	/* The scale the room scores on. */
	scale.noptions = model_scale(ws, points, MODEL_SCALE_MAX);
	scale.options = points;
	export_plain_heading(out, _("The scale"), true);
	for (pt = 1; pt <= model_poll_points(&scale); pt++) {
		s = model_point_meaning(ws, &scale, pt) != NULL ?
		    xasprintf("%d %s — %s", pt, export_point(ws, &scale, pt),
		    export_meaning(ws, &scale, pt)) :
		    xasprintf("%d %s", pt, export_point(ws, &scale, pt));
		export_text(out, s, ITEM_FIRST, ITEM_REST "  ");
		free(s);
	}
	export_plain_heading(out, _("The indicators"), true);
	plan = export_plan(ws, &nplan);
	for (i = 0; i < n; i++) {
		it = model_item(ws, ids[i]);
		if (it == NULL || !export_public(ws, it) ||
		    it->status == STATUS_WITHDRAWN)
			continue;
		if (export_off_record(it)) {
			held++;
			continue;
		}
		if (shown++ > 0)
			fputc('\n', out);
		snprintf(num, sizeof num, BODY_INDENT "%u. ",
		    model_indicator_number(ws, it->id));
		export_entry(ws, it, "", num, FIELD_INDENT, out);
		export_field(out, _("Status"), _(model_status_name(it->status)));
		if ((ind = it->ind) == NULL)
			continue;
		if (ind->baseline != NULL)
			export_field(out, _("Baseline"), ind->baseline);
		if (ind->target != NULL)
			export_field(out, _("Target"), ind->target);
		/* "meeting 1: not present (2 of 2); meeting 2: ..." */
		s = NULL;
		for (k = 0; k < ind->nscores; k++) {
			p = model_poll(ws, ind->scores[k].poll);
			if (p != NULL && p->conf == CONF_OFF_RECORD)
				said = xstrdup(_(EXPORT_HELD));
			else if (p != NULL && p->verdict_text != NULL)
				said = model_score_said(ws, p);
			else
				said = xstrdup(p != NULL ? export_point(ws, p,
				    ind->scores[k].point) : "?");
			/* TRANSLATORS: an indicator's score at a meeting
			 * ("meeting 1: not present (2 of 2)"). */
			one = xasprintf(_("meeting %u: %s"),
			    ind->scores[k].meeting, said);
			free(said);
			tmp = xasprintf("%s%s%s", s != NULL ? s : "",
			    s != NULL ? export_sep(false) : "", one);
			free(s);
			free(one);
			s = tmp;
		}
		export_field(out, _("Scores"), s != NULL ? s : _("not scored"));
		free(s);
		/* The actions that work on it, in plan order. */
		s = NULL;
		for (k = 0; k < nplan; k++) {
			act = model_item(ws, plan[k]);
			if (act == NULL || act->action == NULL ||
			    act->action->indicator != it->id ||
			    !export_public(ws, act))
				continue;
			tmp = xasprintf("%s%s#%u %s", s != NULL ? s : "",
			    s != NULL ? export_sep(false) : "",
			    model_action_number(ws,
			    act->id), act->text);
			free(s);
			s = tmp;
		}
		if (s != NULL) {
			export_field(out, _("Actions"), s);
			free(s);
		}
	}
	free(plan);
	if (held > 0 && shown > 0)
		fputc('\n', out);
	export_held(out, held);
}

static void
export_meeting(const struct workshop *ws, uint32_t id, FILE *out)
{
	const struct meeting	*m = model_meeting(ws, id);
	char			 date[EXPORT_DATE_LEN], *s;

	export_meeting_date(ws, m, date);
	/* TRANSLATORS: the heading of a meeting's part of the report: its
	 * number and its date. */
	s = xasprintf(_("Meeting %u — %s"), id, date);
	export_part(out, s);
	free(s);
	export_attendance(ws, m, out);
	export_agenda(ws, id, out);
	export_list(ws, id, ITEM_EXPECTATION, _("Expectations"), out);
	export_meeting_rules(ws, id, out);
	export_dialogue(ws, id, out);
	export_reports(ws, id, out);
	export_matrices(ws, id, out);
	export_straw_polls(ws, id, out);
	export_list(ws, id, ITEM_PROBLEM, _("Problem statements"), out);
	export_list(ws, id, ITEM_VISION, _("Vision statements"), out);
	export_action_plan(ws, id, out);
	export_review(ws, id, out);
	export_list(ws, id, ITEM_LESSON, _("Lessons learned"), out);
	export_list(ws, id, ITEM_EXIT, _("Exit strategy"), out);
}

int
export_report(const struct workshop *ws, FILE *out)
{
	char		 date[EXPORT_DATE_LEN], *s;
	uint32_t	 i, n = export_nmeetings(ws);

	export_report_title(ws, out);
	export_part(out, _("Charter (terms of reference)"));
	export_charter_body(ws, out);
	for (i = 1; i <= n; i++)
		export_meeting(ws, i, out);
	export_indicators(ws, out);
	if (ws->next_review != 0) {
		export_day(ws->next_review, date, sizeof date);
		s = xasprintf(_("Next review: %s"), date);
		fprintf(out, "\n\n%s\n", s);
		free(s);
	}
	if (fflush(out) != 0 || ferror(out))
		return -1;
	return 0;
}

/* --- the action plan as CSV --------------------------------------------- */

/*
 * RFC 4180 for spreadsheets: CRLF after every record, a field quoted when
 * it holds a comma, a quote, CR or LF, its quotes doubled.  Text is the
 * record's, as typed, but a field a spreadsheet would take for a formula
 * (= + - @ first) gets a ' before it.
 */

static const char *const export_csv_header[] = {
	"number", "what", "who", "how", "due", "term", "quick_win",
	"resources", "cost", "currency", "provider", "status", "milestones",
	"dots", "meeting", "indicator",
};
#define EXPORT_CSV_COLUMNS \
	(sizeof export_csv_header / sizeof export_csv_header[0])

static void
export_csv_field(FILE *out, const char *s, bool last)
{
	const char	*p;
	bool		 quote;

	if (s == NULL)
		s = "";
	quote = strpbrk(s, ",\"\r\n") != NULL;
	if (quote)
		fputc('"', out);
	if (s[0] != '\0' && strchr("=+-@", s[0]) != NULL)
		fputc('\'', out);
	for (p = s; *p != '\0'; p++) {
		if (*p == '"')
			fputc('"', out);
		fputc(*p, out);
	}
	if (quote)
		fputc('"', out);
	fputs(last ? "\r\n" : ",", out);
}

/* "2027-01-15 Train 20 officers [done]; ..." in one field.  Caller
 * frees. */
static char *
export_csv_milestones(const struct action *a)
{
	const struct milestone	*ms;
	char			*list = xstrdup(""), *tmp, date[16];
	size_t			 i;

	for (i = 0; i < a->nmilestones; i++) {
		ms = &a->milestones[i];
		model_date_format(ms->date, date, sizeof date);
		tmp = xasprintf("%s%s%s%s%s%s", list, i > 0 ? "; " : "", date,
		    date[0] != '\0' ? " " : "", ms->text != NULL ? ms->text :
		    "", ms->done ? " [done]" : "");
		free(list);
		list = tmp;
	}
	return list;
}

static void
export_csv_action(const struct workshop *ws, const struct item *it,
    FILE *out)
{
	const struct action	*a = it->action;
	char			*f[EXPORT_CSV_COLUMNS] = { NULL };
	char			 date[16], cost[48];
	size_t			 i;
	int			 dots;

	f[0] = xasprintf("%u", model_action_number(ws, it->id));
	f[1] = xstrdup(it->text != NULL ? it->text : "");
	f[2] = export_owners(ws, it, true);
	f[3] = xstrdup(a->how != NULL ? a->how : "");
	f[4] = xstrdup(model_date_format(a->due, date, sizeof date));
	f[5] = xstrdup(a->term != TERM_NONE ? model_term_name(a->term) : "");
	f[6] = xstrdup(a->quick_win ? "yes" : "no");
	f[7] = xstrdup(a->resources != NULL ? a->resources : "");
	f[8] = xstrdup(a->cost >= 0 ? model_cost_format(a->cost, cost,
	    sizeof cost) : "");
	f[9] = xstrdup(a->cost >= 0 ? a->currency : "");
	f[10] = xstrdup(a->provider != NULL ? a->provider : "");
	f[11] = xstrdup(model_action_status_name(a->status));
	f[12] = export_csv_milestones(a);
	dots = model_action_dots(ws, it->id);
	f[13] = dots >= 0 ? xasprintf("%d", dots) : xstrdup("");
	f[14] = xasprintf("%u", export_meeting_of(it));
	f[15] = export_indicator_name(ws, a->indicator);
	if (f[15] == NULL)
		f[15] = xstrdup("");
	for (i = 0; i < EXPORT_CSV_COLUMNS; i++) {
		export_csv_field(out, f[i], i + 1 == EXPORT_CSV_COLUMNS);
		free(f[i]);
	}
}

int
export_actions_csv(const struct workshop *ws, FILE *out)
{
	const struct item	*it;
	uint32_t		*plan;
	size_t			 i, n;

	for (i = 0; i < EXPORT_CSV_COLUMNS; i++)
		export_csv_field(out, export_csv_header[i],
		    i + 1 == EXPORT_CSV_COLUMNS);
	plan = export_plan(ws, &n);
	for (i = 0; i < n; i++) {
		it = model_item(ws, plan[i]);
		if (it == NULL || it->action == NULL || !export_public(ws, it))
			continue;
		export_csv_action(ws, it, out);
	}
	free(plan);
	if (fflush(out) != 0 || ferror(out))
		return -1;
	return 0;
}
