/*
 * template.c - reading a process template, and writing it into a room.
 *
 * The format is that of Debian control files (deb822), chosen because a
 * facilitator can copy a template and change it in any editor without
 * learning a syntax: no quoting, no nesting, comments, and every error
 * can name its line.
 *
 *   # a comment
 *   Template: srm-review            <- the header paragraph
 *   Title: Joint review
 *
 *   Phase: dialogue                 <- one paragraph per phase
 *   Title: Agree the questions
 *   Question: What has changed
 *    since the last review?         <- a continuation line
 *
 * Parsing goes in two passes: the bytes into fields (name, value, line,
 * paragraph), then the fields into a template, so that a value is checked
 * whole, continuation lines and all, and an error names where its field
 * starts.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "model-internal.h"
#include "roundtable/template.h"
#include "roundtable/text.h"

/* One "Name: value" of the file, continuation lines joined. */
struct rawfield {
	char	*name;
	char	*value;
	int	 line;
	int	 para;		/* paragraph, from 0 */
};

struct parse {
	const char	*file;
	char		*err;
	size_t		 errlen;
	struct rawfield	*fields;
	size_t		 n, cap;
};

static const char *const kind_words[PHASE_COUNT] = {
	[PHASE_WELCOME] = "welcome",
	[PHASE_EXPECTATIONS] = "expectations",
	[PHASE_GROUND_RULES] = "rules",
	[PHASE_DIALOGUE] = "dialogue",
	[PHASE_CAUCUS] = "caucus",
	[PHASE_CHARTER] = "charter",
	[PHASE_VISION] = "vision",
	[PHASE_ACTIONS] = "actions",
	[PHASE_FOLLOWUP] = "followup",
	[PHASE_INDICATORS] = "indicators",
	[PHASE_MATRIX] = "matrix",
};

/* The list fields each kind of phase takes, and the item each becomes. */
static const struct {
	const char	*name;
	int		 field;
	int		 kinds;		/* bit per enum phase */
} list_fields[] = {
	{ "Purpose", TPL_PURPOSE, 1 << PHASE_EXPECTATIONS },
	{ "Rule", TPL_RULE, 1 << PHASE_GROUND_RULES },
	{ "Question", TPL_QUESTION, 1 << PHASE_DIALOGUE | 1 << PHASE_CAUCUS |
	    1 << PHASE_ACTIONS | 1 << PHASE_FOLLOWUP },
	{ "Indicator", TPL_INDICATOR, 1 << PHASE_INDICATORS },
	{ "Scale", TPL_SCALE, 1 << PHASE_INDICATORS },
	{ "Row", TPL_ROW, 1 << PHASE_MATRIX },
	{ "Column", TPL_COLUMN, 1 << PHASE_MATRIX },
};
#define NELEM(a)	(sizeof (a) / sizeof (a)[0])

int
template_kind(const char *word)
{
	int k;

	for (k = 0; k < PHASE_COUNT; k++)
		if (strcmp(word, kind_words[k]) == 0)
			return k;
	return -1;
}

const char *
template_kind_word(int kind)
{
	return kind >= 0 && kind < PHASE_COUNT ? kind_words[kind] : "?";
}

static int
fail(struct parse *ps, int line, const char *fmt, ...)
{
	char	msg[256];
	va_list	ap;

	/* Read by whoever serves, on their terminal, in this process:
	 * translated here. */
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, _(fmt), ap);
	va_end(ap);
	if (line > 0)
		snprintf(ps->err, ps->errlen, "%s:%d: %s", ps->file, line,
		    msg);
	else
		snprintf(ps->err, ps->errlen, "%s: %s", ps->file, msg);
	return -1;
}

static void
raw_free(struct parse *ps)
{
	size_t i;

	for (i = 0; i < ps->n; i++) {
		free(ps->fields[i].name);
		free(ps->fields[i].value);
	}
	free(ps->fields);
	ps->fields = NULL;
	ps->n = ps->cap = 0;
}

/* Appends s (n bytes) to *value, after sep. */
static void
append(char **value, const char *sep, const char *s, size_t n)
{
	size_t	 old = strlen(*value), ls = strlen(sep);
	char	*v = xmalloc(old + ls + n + 1);

	memcpy(v, *value, old);
	memcpy(v + old, sep, ls);
	memcpy(v + old + ls, s, n);
	v[old + ls + n] = '\0';
	free(*value);
	*value = v;
}

/* Trims spaces and tabs at both ends of s[0..*n). */
static const char *
trim(const char *s, size_t *n)
{
	while (*n > 0 && (*s == ' ' || *s == '\t')) {
		s++;
		(*n)--;
	}
	while (*n > 0 && (s[*n - 1] == ' ' || s[*n - 1] == '\t'))
		(*n)--;
	return s;
}

/* The bytes into fields. */
static int
split(struct parse *ps, const char *buf, size_t len)
{
	size_t		 off = 0, n, k;
	const char	*line, *nl, *v;
	int		 lineno = 0, para = 0;
	bool		 gap = false, cont_ok = false;
	uint32_t	 cp;
	int		 w;

	if (len > TEMPLATE_FILE_MAX)
		return fail(ps, 0, N_("the file is too long (%zu bytes; a "
		    "template is at most %d)"), len, TEMPLATE_FILE_MAX);
	while (off < len) {
		line = buf + off;
		nl = memchr(line, '\n', len - off);
		n = nl != NULL ? (size_t)(nl - line) : len - off;
		off += n + (nl != NULL);
		lineno++;
		if (n > 0 && line[n - 1] == '\r')
			n--;
		for (k = 0; k < n; k += (size_t)w) {
			w = text_decode(line + k, n - k, &cp);
			if (w < 0)
				return fail(ps, lineno, N_("this line is not "
				    "valid UTF-8 text"));
			if (cp != '\t' && text_is_control(cp))
				return fail(ps, lineno, N_("this line holds a "
				    "control character"));
		}
		if (n > 0 && line[0] == '#')
			continue;
		v = line;
		k = n;
		trim(v, &k);
		if (k == 0) {
			gap = true;
			cont_ok = false;
			continue;
		}
		if (line[0] == ' ' || line[0] == '\t') {
			if (!cont_ok)
				return fail(ps, lineno, N_("a line that starts "
				    "with a space continues a field, and "
				    "there is none above it"));
			v = trim(line, &n);
			if (n == 1 && v[0] == '.')
				append(&ps->fields[ps->n - 1].value, "\n",
				    "", 0);
			else
				append(&ps->fields[ps->n - 1].value,
				    ps->fields[ps->n - 1].value[0] == '\0' ||
				    ps->fields[ps->n - 1].value[strlen(
				    ps->fields[ps->n - 1].value) - 1] == '\n' ?
				    "" : " ", v, n);
			continue;
		}
		for (k = 0; k < n && line[k] != ':'; k++)
			if (!((line[k] >= 'A' && line[k] <= 'Z') ||
			    (line[k] >= 'a' && line[k] <= 'z') ||
			    (line[k] >= '0' && line[k] <= '9') ||
			    line[k] == '-'))
				break;
		if (k == 0 || k == n || line[k] != ':')
			return fail(ps, lineno, N_("expected \"Field: value\" "
			    "(a name, a colon, then its value)"));
		if (gap && ps->n > 0)
			para++;
		gap = false;
		if (ps->n >= 4 * MODEL_STEPS_MAX * TEMPLATE_ENTRIES_MAX)
			return fail(ps, lineno, N_("too many fields"));
		ps->fields = model_grow(ps->fields, ps->n, &ps->cap,
		    sizeof *ps->fields);
		ps->fields[ps->n].name = xmalloc(k + 1);
		memcpy(ps->fields[ps->n].name, line, k);
		ps->fields[ps->n].name[k] = '\0';
		n -= k + 1;
		v = trim(line + k + 1, &n);
		ps->fields[ps->n].value = xmalloc(n + 1);
		memcpy(ps->fields[ps->n].value, v, n);
		ps->fields[ps->n].value[n] = '\0';
		ps->fields[ps->n].line = lineno;
		ps->fields[ps->n].para = para;
		ps->n++;
		cont_ok = true;
	}
	return 0;
}

/* A value's text rules: not empty, at most max bytes, no newline unless
 * multiline (model_check_text's rules). */
static int
check_value(struct parse *ps, const struct rawfield *f, size_t max,
    bool multiline)
{
	struct model_error merr;
	char *why;

	if (model_check_text(f->value, max, multiline, f->name, &merr) != 0) {
		/* The model's English, in this terminal's language. */
		why = i18n_from_wire(merr.msg, model_words);
		fail(ps, f->line, "%s", why);
		free(why);
		return -1;
	}
	return 0;
}

static int
once(struct parse *ps, const struct rawfield *f, char **slot, size_t max,
    bool multiline)
{
	if (*slot != NULL)
		return fail(ps, f->line, N_("\"%s\" is given twice in one "
		    "paragraph"), f->name);
	if (check_value(ps, f, max, multiline) != 0)
		return -1;
	*slot = xstrdup(f->value);
	return 0;
}

static int
header_field(struct parse *ps, struct template *t, const struct rawfield *f)
{
	char	*groups = NULL, *p, *q;
	size_t	 n;

	if (strcasecmp(f->name, "Template") == 0) {
		if (once(ps, f, &t->name, MODEL_TEMPLATE_NAME_MAX, false) != 0)
			return -1;
		if (!model_template_name_ok(t->name))
			return fail(ps, f->line, N_("a template's name is made "
			    "of a-z, 0-9 and '-'"));
		return 0;
	}
	if (strcasecmp(f->name, "Title") == 0)
		return once(ps, f, &t->title, MODEL_TITLE_MAX, false);
	if (strcasecmp(f->name, "Description") == 0)
		return once(ps, f, &t->description, MODEL_TEXT_MAX, false);
	if (strcasecmp(f->name, "Seed") == 0)
		return once(ps, f, &t->seed, MODEL_NAME_MAX, false);
	if (strcasecmp(f->name, "Groups") == 0) {
		if (t->groups != NULL)
			return fail(ps, f->line, N_("\"%s\" is given twice in "
			    "one paragraph"), f->name);
		if (check_value(ps, f, MODEL_TEXT_MAX, false) != 0)
			return -1;
		t->groups = xcalloc(TEMPLATE_GROUPS_MAX, sizeof *t->groups);
		groups = xstrdup(f->value);
		for (p = groups; p != NULL; p = q) {
			if ((q = strchr(p, '|')) != NULL)
				*q++ = '\0';
			n = strlen(p);
			p = (char *)trim(p, &n);
			p[n] = '\0';
			if (n == 0)
				continue;
			if (t->ngroups >= TEMPLATE_GROUPS_MAX ||
			    n > MODEL_NAME_MAX) {
				free(groups);
				return fail(ps, f->line, N_("at most %d groups "
				    "of at most %d bytes each"),
				    TEMPLATE_GROUPS_MAX, MODEL_NAME_MAX);
			}
			t->groups[t->ngroups++] = xstrdup(p);
		}
		free(groups);
		if (t->ngroups == 0)
			return fail(ps, f->line, N_("no group is named "
			    "(separate them with '|')"));
		return 0;
	}
	if (strcasecmp(f->name, "Phase") == 0)
		return fail(ps, f->line, N_("the first paragraph describes the "
		    "template (Template:, Title:); phases come after a blank "
		    "line"));
	return fail(ps, f->line, N_("unknown field \"%s\" in the template's "
	    "description (Template, Title, Description, Seed, Groups)"),
	    f->name);
}

static int
add_entry(struct parse *ps, struct tpl_phase *ph, const struct rawfield *f,
    int field)
{
	struct tpl_entry	*e;
	size_t			 max = MODEL_TEXT_MAX, n;
	char			*eq = NULL;

	if (ph->nentries >= TEMPLATE_ENTRIES_MAX)
		return fail(ps, f->line, N_("a phase holds at most %d entries"),
		    TEMPLATE_ENTRIES_MAX);
	if (field == TPL_ROW || field == TPL_COLUMN)
		max = TEMPLATE_CELL_MAX;
	if (field == TPL_SCALE) {
		/* "label = meaning" */
		if ((eq = strchr(f->value, '=')) == NULL)
			return fail(ps, f->line, N_("a point of a scale is "
			    "written \"label = what it means\""));
		max = TEMPLATE_LABEL_MAX + 3 + TEMPLATE_MEANING_MAX;
	}
	if (check_value(ps, f, max, false) != 0)
		return -1;
	ph->entries = xrealloc(ph->entries, (ph->nentries + 1) *
	    sizeof *ph->entries);
	e = &ph->entries[ph->nentries];
	*e = (struct tpl_entry){ .field = field, .line = f->line };
	if (field == TPL_SCALE) {
		const char *l = f->value, *m = eq + 1;

		n = (size_t)(eq - f->value);
		l = trim(l, &n);
		if (n == 0 || n > TEMPLATE_LABEL_MAX)
			return fail(ps, f->line, N_("a scale's label is 1 to "
			    "%d bytes"), TEMPLATE_LABEL_MAX);
		e->text = xmalloc(n + 1);
		memcpy(e->text, l, n);
		e->text[n] = '\0';
		n = strlen(m);
		m = trim(m, &n);
		if (n == 0 || n > TEMPLATE_MEANING_MAX) {
			free(e->text);
			return fail(ps, f->line, N_("what a point of the scale "
			    "means is 1 to %d bytes"), TEMPLATE_MEANING_MAX);
		}
		e->text2 = xmalloc(n + 1);
		memcpy(e->text2, m, n);
		e->text2[n] = '\0';
	} else
		e->text = xstrdup(f->value);
	ph->nentries++;
	return 0;
}

static int
yes_or_no(struct parse *ps, const struct rawfield *f, bool *out)
{
	if (strcasecmp(f->value, "yes") == 0)
		*out = true;
	else if (strcasecmp(f->value, "no") == 0)
		*out = false;
	else
		return fail(ps, f->line, N_("\"%s\" is yes or no"), f->name);
	return 0;
}

static int
phase_field(struct parse *ps, struct tpl_phase *ph, const struct rawfield *f,
    bool *seen_minutes)
{
	const char	*kind = kind_words[ph->kind];
	char		*end;
	long		 m;
	bool		 yes;
	size_t		 i;

	if (strcasecmp(f->name, "Title") == 0)
		return once(ps, f, &ph->title, MODEL_NAME_MAX, false);
	if (strcasecmp(f->name, "Prompt") == 0)
		return once(ps, f, &ph->prompt, MODEL_TEXT_MAX, true);
	if (strcasecmp(f->name, "Minutes") == 0) {
		if (*seen_minutes)
			return fail(ps, f->line, N_("\"%s\" is given twice in "
			    "one paragraph"), f->name);
		*seen_minutes = true;
		errno = 0;
		m = strtol(f->value, &end, 10);
		if (errno != 0 || end == f->value || *end != '\0' || m < 1 ||
		    m > MODEL_MINUTES_MAX)
			return fail(ps, f->line, N_("a timebox is a number of "
			    "minutes from 1 to %d"), MODEL_MINUTES_MAX);
		ph->minutes = (int)m;
		return 0;
	}
	if (strcasecmp(f->name, "Adapted") == 0)
		return yes_or_no(ps, f, &ph->adapted);
	if (strcasecmp(f->name, "Propose") == 0) {
		if (ph->kind != PHASE_DIALOGUE && ph->kind != PHASE_INDICATORS)
			return fail(ps, f->line, N_("\"Propose\" is for "
			    "dialogue and indicators phases"));
		if (yes_or_no(ps, f, &yes) != 0)
			return -1;
		ph->flags = yes ? ph->flags | STEP_F_PROPOSE :
		    ph->flags & ~STEP_F_PROPOSE;
		return 0;
	}
	if (strcasecmp(f->name, "Private") == 0) {
		if (ph->kind != PHASE_MATRIX)
			return fail(ps, f->line, N_("\"Private\" is for matrix "
			    "phases"));
		if (yes_or_no(ps, f, &yes) != 0)
			return -1;
		ph->flags = yes ? ph->flags | STEP_F_PRIVATE :
		    ph->flags & ~STEP_F_PRIVATE;
		return 0;
	}
	for (i = 0; i < NELEM(list_fields); i++) {
		if (strcasecmp(f->name, list_fields[i].name) != 0)
			continue;
		if (!(list_fields[i].kinds & (1 << ph->kind)))
			return fail(ps, f->line, N_("a %s phase has no \"%s\" "
			    "entries"), kind, list_fields[i].name);
		return add_entry(ps, ph, f, list_fields[i].field);
	}
	if (strcasecmp(f->name, "Phase") == 0)
		return fail(ps, f->line, N_("a new phase starts after a blank "
		    "line"));
	return fail(ps, f->line, N_("unknown field \"%s\" in a %s phase"),
	    f->name, kind);
}

/* What a finished phase must have. */
static int
phase_done(struct parse *ps, const struct tpl_phase *ph)
{
	size_t	 i, rows = 0, cols = 0, scale = 0, purpose = 0;

	if (ph->title == NULL)
		return fail(ps, ph->line, N_("this phase has no Title"));
	for (i = 0; i < ph->nentries; i++) {
		switch (ph->entries[i].field) {
		case TPL_ROW:
			rows++;
			break;
		case TPL_COLUMN:
			cols++;
			break;
		case TPL_SCALE:
			scale++;
			break;
		case TPL_PURPOSE:
			purpose++;
			break;
		}
	}
	if (purpose > 1)
		return fail(ps, ph->line, N_("an expectations phase has one "
		    "Purpose at most"));
	if (ph->kind == PHASE_MATRIX && (rows < 1 || cols < 1 ||
	    rows > TEMPLATE_AXIS_MAX || cols > TEMPLATE_AXIS_MAX))
		return fail(ps, ph->line, N_("a matrix has 1 to %d Row and 1 "
		    "to %d Column entries"), TEMPLATE_AXIS_MAX,
		    TEMPLATE_AXIS_MAX);
	if (scale != 0 && (scale < TEMPLATE_SCALE_MIN ||
	    scale > TEMPLATE_SCALE_MAX))
		return fail(ps, ph->line, N_("a scale has %d to %d points"),
		    TEMPLATE_SCALE_MIN, TEMPLATE_SCALE_MAX);
	return 0;
}

int
template_parse(struct template *t, const char *buf, size_t len,
    const char *file, char *err, size_t errlen)
{
	struct parse	 ps = { .file = file, .err = err, .errlen = errlen };
	struct tpl_phase *ph = NULL;
	size_t		 i;
	int		 para = -1, kind;
	bool		 minutes = false;

	*t = (struct template){ 0 };
	if (memchr(buf, '\0', len) != NULL) {
		fail(&ps, 0, N_("this is not a text file (it holds NUL "
		    "bytes)"));
		return -1;
	}
	if (split(&ps, buf, len) != 0)
		goto fail;
	if (ps.n == 0 || ps.fields[0].para != 0) {
		fail(&ps, 0, N_("the file is empty: a template starts with "
		    "\"Template: NAME\""));
		goto fail;
	}
	for (i = 0; i < ps.n; i++) {
		const struct rawfield *f = &ps.fields[i];

		if (f->para == 0) {
			if (header_field(&ps, t, f) != 0)
				goto fail;
			continue;
		}
		if (f->para != para) {
			if (ph != NULL && phase_done(&ps, ph) != 0)
				goto fail;
			para = f->para;
			if (strcasecmp(f->name, "Phase") != 0) {
				fail(&ps, f->line, N_("a phase's paragraph "
				    "starts with \"Phase: KIND\""));
				goto fail;
			}
			if ((kind = template_kind(f->value)) < 0) {
				fail(&ps, f->line, N_("unknown kind of phase "
				    "\"%.40s\" (welcome, expectations, rules, "
				    "dialogue, caucus, charter, vision, "
				    "actions, followup, indicators, matrix)"),
				    f->value);
				goto fail;
			}
			if (t->nphases >= MODEL_STEPS_MAX) {
				fail(&ps, f->line, N_("a template has at most "
				    "%d phases"), MODEL_STEPS_MAX);
				goto fail;
			}
			if (t->nphases == 0 && kind != PHASE_WELCOME) {
				fail(&ps, f->line, N_("the first phase is a "
				    "welcome: people join the room there"));
				goto fail;
			}
			t->phases = xrealloc(t->phases, (t->nphases + 1) *
			    sizeof *t->phases);
			ph = &t->phases[t->nphases++];
			*ph = (struct tpl_phase){ .kind = kind,
			    .line = f->line };
			minutes = false;
			continue;
		}
		if (phase_field(&ps, ph, f, &minutes) != 0)
			goto fail;
	}
	if (ph != NULL && phase_done(&ps, ph) != 0)
		goto fail;
	if (t->name == NULL) {
		fail(&ps, ps.fields[0].line, N_("the first paragraph needs "
		    "\"Template: NAME\""));
		goto fail;
	}
	if (t->title == NULL) {
		fail(&ps, ps.fields[0].line, N_("the first paragraph needs "
		    "\"Title: the room's title\""));
		goto fail;
	}
	if (t->nphases == 0) {
		fail(&ps, 0, N_("the template has no phase (a paragraph "
		    "\"Phase: welcome\" and others)"));
		goto fail;
	}
	raw_free(&ps);
	return 0;
fail:
	raw_free(&ps);
	template_free(t);
	return -1;
}

void
template_free(struct template *t)
{
	size_t i, k;

	for (i = 0; i < t->nphases; i++) {
		for (k = 0; k < t->phases[i].nentries; k++) {
			free(t->phases[i].entries[k].text);
			free(t->phases[i].entries[k].text2);
		}
		free(t->phases[i].entries);
		free(t->phases[i].title);
		free(t->phases[i].prompt);
	}
	free(t->phases);
	for (i = 0; i < t->ngroups; i++)
		free(t->groups[i]);
	free(t->groups);
	free(t->name);
	free(t->title);
	free(t->description);
	free(t->seed);
	*t = (struct template){ 0 };
}

static size_t
put(struct intent *out, size_t max, size_t n, const struct intent *in)
{
	if (n < max)
		out[n] = *in;
	return n + 1;
}

/* The item kind an entry of a phase of kind becomes. */
static int
entry_kind(int kind, int field)
{
	switch (field) {
	case TPL_PURPOSE:
		return ITEM_PURPOSE;
	case TPL_RULE:
		return ITEM_RULE;
	case TPL_INDICATOR:
		return ITEM_INDICATOR;
	case TPL_SCALE:
		return ITEM_SCALE;
	case TPL_ROW:
		return ITEM_MATRIX_ROW;
	case TPL_COLUMN:
		return ITEM_MATRIX_COL;
	}
	switch (kind) {
	case PHASE_CAUCUS:
		return ITEM_CAUCUS_QUESTION;
	case PHASE_ACTIONS:
		return ITEM_ACTION_QUESTION;
	case PHASE_FOLLOWUP:
		return ITEM_FOLLOWUP_QUESTION;
	}
	return ITEM_QUESTION;
}

static size_t
put_sections(struct intent *out, size_t max, size_t n)
{
	const struct charter_section	*cs;
	size_t				 ns, i;

	cs = model_charter_sections(&ns);
	for (i = 0; i < ns; i++)
		n = put(out, max, n, &(struct intent){ .type = INTENT_SEED,
		    .value = ITEM_SECTION, .value2 = STATUS_OPEN,
		    .ref = cs[i].code, .text = (char *)cs[i].title,
		    .text2 = (char *)cs[i].guidance });
	return n;
}

size_t
template_intents(const struct template *t, struct intent *out, size_t max)
{
	const struct tpl_phase	*ph;
	const struct tpl_entry	*e;
	size_t			 n = 0, i, k;
	bool			 sections = false;
	int			 kind;

	for (i = 0; i < t->nphases; i++) {
		ph = &t->phases[i];
		n = put(out, max, n, &(struct intent){ .type = INTENT_STEP,
		    .value = ph->kind, .value2 = ph->minutes,
		    .flags = ph->flags, .text = ph->title,
		    .text2 = ph->prompt });
		for (k = 0; k < ph->nentries; k++) {
			e = &ph->entries[k];
			kind = entry_kind(ph->kind, e->field);
			n = put(out, max, n, &(struct intent){
			    .type = INTENT_SEED, .value = kind,
			    .value2 = kind == ITEM_RULE ||
			    kind == ITEM_INDICATOR ? STATUS_DRAFT :
			    STATUS_OPEN, .text = e->text,
			    .text2 = e->text2 });
		}
		/* The charter's skeleton is Lesson 11's, whatever the
		 * template: its sections belong to the first charter
		 * phase. */
		if (ph->kind == PHASE_CHARTER && !sections) {
			n = put_sections(out, max, n);
			sections = true;
		}
	}
	/* A room without a charter phase still has the skeleton, so an
	 * export of its charter says what is missing. */
	if (!sections)
		n = put_sections(out, max, n);
	return n;
}

const struct template_builtin *
template_builtin(const char *name)
{
	size_t i;

	for (i = 0; i < template_nbuiltins; i++)
		if (strcmp(template_builtins[i].name, name) == 0)
			return &template_builtins[i];
	return NULL;
}

/*
 * The content of the built-in msp template (Lesson 11) without its
 * phases: the opening of a room without a template, as records from
 * before templates have it (tests and benchmarks build such rooms).  So
 * the convener's preparation ("Preparing the process", which came with
 * templates, before Expectations) is left out.  The template is read
 * once and kept: the intents point into it.
 */
size_t
model_seed(struct intent *out, size_t max)
{
	static struct template		 msp;
	static bool			 read;
	const struct template_builtin	*b;
	char				 err[256];
	size_t				 n = 0, i, total, all;
	struct intent			*in;
	bool				 before = true;

	if (!read) {
		b = template_builtin("msp");
		if (b == NULL || template_parse(&msp, b->text, b->len,
		    b->name, err, sizeof err) != 0)
			return 0;
		read = true;
	}
	all = template_intents(&msp, NULL, 0);
	in = xcalloc(all, sizeof *in);
	total = template_intents(&msp, in, all);
	for (i = 0; i < total; i++) {
		if (in[i].type == INTENT_STEP && in[i].value ==
		    PHASE_EXPECTATIONS)
			before = false;
		if (in[i].type != INTENT_STEP && !before)
			n = put(out, max, n, &in[i]);
	}
	free(in);
	return n;
}
