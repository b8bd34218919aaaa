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
 *    formatting (dates are UTC from ws->created), so the same record gives
 *    the same bytes;
 *  - every line is at most EXPORT_WIDTH display columns (text_wrap), save
 *    for a single character wider than what is left of its line;
 *  - whatever people typed is sanitised before it is written: no control
 *    character or escape sequence reaches the file;
 *  - only what anyone in the room may see is exported (viewer 0).
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

/* The section codes filled from the room rather than from adopted text
 * (shared brief charter.md). */
#define SECTION_STAKEHOLDERS	20
#define SECTION_GROUND_RULES	41

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

static void
export_title(const struct workshop *ws, FILE *out)
{
	char		*clean, *wrapped, *line, *save;
	size_t		 w, widest = 0;
	char		 date[32];
	struct tm	 tm;
	time_t		 t = (time_t)ws->created;

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

	if (gmtime_r(&t, &tm) == NULL ||
	    strftime(date, sizeof date, "%Y-%m-%d", &tm) == 0)
		strcpy(date, "unknown");
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

/* A section's agreed text: of the adopted texts for it, the one with the
 * highest item id (charter.md), or NULL. */
static const struct item *
export_agreed(const struct workshop *ws, uint32_t code)
{
	const struct item	*sec, *it, *best = NULL;
	size_t			 i;

	if ((sec = model_section(ws, code)) == NULL)
		return NULL;
	for (i = 0; i < ws->nitems; i++) {
		it = &ws->items[i];
		if (it->kind == ITEM_SECTION_TEXT && it->ref == sec->id &&
		    it->status == STATUS_ADOPTED && it->text != NULL &&
		    model_item_visible(ws, it, 0))
			best = it;
	}
	return best;
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

int
export_charter(const struct workshop *ws, FILE *out)
{
	const struct charter_section	*secs;
	const struct item		*agreed;
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
		default:
			agreed = export_agreed(ws, secs[i].code);
			export_text(out, agreed != NULL ? agreed->text :
			    "Not yet agreed.", BODY_INDENT, BODY_INDENT);
			break;
		}
	}
	if (fflush(out) != 0 || ferror(out))
		return -1;
	return 0;
}
