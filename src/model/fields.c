/*
 * fields.c - the rules every string of an intent must pass, and which
 * strings each type of intent carries.
 *
 * model_check() runs fields_check() before the check of the intent's own
 * type, so that check cannot forget a field: whatever an intent brings in
 * text, text2, secret or lang passes the rules of the field it fills, or the
 * intent is refused.  The rules are those of model_check_text: at most
 * the field's length in bytes, valid UTF-8, no control characters (C0,
 * C1, DEL, bidi overrides), a newline only in the few fields that are
 * paragraphs; a secret is printable ASCII without spaces.  A field the
 * type does not use must be empty (NULL or ""): nothing rides into the
 * record, or to every screen, on an intent that ignores it.
 *
 * Whether a field the type uses may be empty, and limits that depend on
 * the state (an action's "what" is shorter than other items' text), stay
 * with the type's own check, which runs after.
 */
#include <string.h>

#include "model-internal.h"
#include "roundtable/template.h"
#include "roundtable/text.h"

/* A string field: its name in a refusal (NULL: the type does not use
 * it), its most bytes, whether it may hold newlines.  The names are
 * words of their own, translated with the refusal (SAY_FIELD_*). */
struct field {
	const char	*what;
	size_t		 max;
	bool		 multiline;
};

/* The strings one type of intent carries. */
struct fields {
	struct field	 text, text2, secret, lang;
};

#define LINE(what, max)		{ what, max, false }
#define PARAGRAPHS(what, max)	{ what, max, true }
#define SECRET(what, max)	{ what, max, false }

/*
 * TRANSLATORS: the names of fields below are put into refusals such as
 * "the %s is too long" (a field called "title"): a noun, without an
 * article; an action's and an indicator's fields ("an action's how")
 * name what refused a string in "%s takes no text".
 */

/*
 * By enum intent_type.  A type left out carries no strings.  Four
 * depend on their value as well (fields_of): a contribution on the kind
 * it becomes, a change to an action or an indicator on the field
 * changed, a poll on its kind (a consensus check decides a text the room
 * has already, and a score scores one).
 */
static const struct fields intent_fields[INTENT_TYPE_MAX + 1] = {
	[INTENT_CREATE] = { .text = LINE(N_("title"), MODEL_TITLE_MAX),
	    .text2 = LINE(N_("template name"), MODEL_TEMPLATE_NAME_MAX),
	    .secret = SECRET(N_("join code"), MODEL_CODE_MAX),
	    .lang = LINE(N_("language"), MODEL_LANG_MAX) },
	[INTENT_GROUP_ADD] = { .text = LINE(N_("group name"), MODEL_NAME_MAX) },
	[INTENT_JOIN] = { .text = LINE(N_("name"), MODEL_NAME_MAX),
	    .secret = SECRET(N_("resume token"), MODEL_TOKEN_MAX) },
	[INTENT_CONTRIBUTE] = { .text = LINE(N_("text"), MODEL_TEXT_MAX) },
	[INTENT_SEED] = { .text = PARAGRAPHS(N_("text"), MODEL_TEXT_MAX),
	    .text2 = PARAGRAPHS(N_("guidance"), MODEL_TEXT_MAX) },
	[INTENT_TITLE] = { .text = LINE(N_("title"), MODEL_TITLE_MAX) },
	[INTENT_CODE] = { .secret = SECRET(N_("join code"), MODEL_CODE_MAX) },
	[INTENT_POLL_OPEN] = { .text = LINE(N_("question"), MODEL_TEXT_MAX) },
	[INTENT_VOTE] = { .text = LINE(N_("reason"), MODEL_REASON_MAX) },
	[INTENT_REASON] = { .text = LINE(N_("reason"), MODEL_REASON_MAX) },
	[INTENT_SECTION_EDIT] = { .text = PARAGRAPHS(N_("section text"),
	    MODEL_BODY_MAX) },
	[INTENT_QUESTION_NEW] = { .text = LINE(N_("question"),
	    MODEL_TEXT_MAX) },
	[INTENT_REPORT] = { .text = PARAGRAPHS(N_("report-back"),
	    MODEL_TEXT_MAX) },
	[INTENT_FAC_CODE] = { .secret = SECRET(N_("co-facilitators' code"),
	    MODEL_CODE_MAX) },
	[INTENT_RENAME] = { .text = LINE(N_("name"), MODEL_NAME_MAX) },
	[INTENT_REMOVE] = { .text = LINE(N_("reason"), MODEL_REASON_MAX) },
	[INTENT_GRIEVANCE] = { .text = LINE(N_("point of order"),
	    MODEL_TEXT_MAX) },
	[INTENT_MILESTONE] = { .text = LINE(N_("milestone"), MODEL_LINE_MAX) },
	[INTENT_ITEM_EDIT] = { .text = LINE(N_("text"), MODEL_TEXT_MAX) },
	[INTENT_STEP] = { .text = LINE(N_("title"), MODEL_NAME_MAX),
	    .text2 = PARAGRAPHS(N_("prompt"), MODEL_TEXT_MAX) },
	/* A point a line; scale_check sees each line's length. */
	[INTENT_SCALE] = { .text = PARAGRAPHS(N_("scale"),
	    TEMPLATE_SCALE_MAX * (TEMPLATE_LABEL_MAX + 1)),
	    .text2 = PARAGRAPHS(N_("scale's meanings"), TEMPLATE_SCALE_MAX *
	    (TEMPLATE_MEANING_MAX + 1)) },
	/* What a language may be ("fr", "pt_BR") is the type's check. */
	[INTENT_LANGUAGE] = { .text = LINE(N_("language"), MODEL_LANG_MAX) },
};

/* INTENT_ACTION_SET, by enum action_field: the field, as a refusal names
 * it, and the strings that set it. */
static const struct {
	const char	*name;
	struct fields	 uses;
} action_fields[ACTION_FIELD_MAX + 1] = {
	[ACTION_HOW] = { N_("an action's how"),
	    { .text = LINE(N_("how"), MODEL_LINE_MAX) } },
	[ACTION_DUE] = { .name = N_("an action's due date") },
	[ACTION_RESOURCES] = { N_("an action's resources"),
	    { .text = LINE(N_("resources"), MODEL_LINE_MAX) } },
	/* check_set wants a number and three capital letters ("USD"), and
	 * says so better than a length would. */
	[ACTION_COST] = { N_("an action's cost"),
	    { .text = LINE(N_("amount"), MODEL_AMOUNT_MAX),
	    .text2 = LINE(N_("currency"), MODEL_AMOUNT_MAX) } },
	[ACTION_PROVIDER] = { N_("an action's provider"),
	    { .text = LINE(N_("who provides"), MODEL_LINE_MAX) } },
	[ACTION_STATUS] = { .name = N_("an action's status") },
	[ACTION_TERM] = { .name = N_("an action's term") },
	[ACTION_QUICK_WIN] = { .name = N_("an action's quick win") },
	[ACTION_INDICATOR] = { .name = N_("an action's indicator") },
};

/* INTENT_INDICATOR_SET, by enum indicator_field: a short line each. */
static const struct {
	const char	*name;
	struct fields	 uses;
} indicator_fields[INDICATOR_TARGET + 1] = {
	[INDICATOR_BASELINE] = { N_("an indicator's baseline"),
	    { .text = LINE(N_("baseline"), MODEL_LINE_MAX) } },
	[INDICATOR_TARGET] = { N_("an indicator's target"),
	    { .text = LINE(N_("target"), MODEL_LINE_MAX) } },
};

int
model_check_text(const char *s, size_t max, bool multiline, const char *what,
    struct model_error *err)
{
	size_t i;

	if (s == NULL)
		return model_fail(err, MODEL_ERR_TEXT, SAY_FIELD_MISSING,
		    what);
	if (model_text_rules(s, max, multiline, what, err) != 0)
		return -1;
	for (i = 0; s[i] != '\0'; i++)
		if (s[i] != ' ' && s[i] != '\n')
			return 0;
	return model_fail(err, MODEL_ERR_TEXT, SAY_FIELD_EMPTY, what);
}

/* Brackets, and what is drawn like them: ( [ { < and the fullwidth,
 * small, superscript, subscript, ornamental and CJK forms ("Eve ₍Police₎"
 * passed for "Eve (Police)"). */
static bool
has_bracket(const char *s)
{
	static const uint32_t ranges[][2] = {
		{ '(', ')' }, { '<', '<' }, { '>', '>' }, { '[', '[' },
		{ ']', ']' }, { '{', '{' }, { '}', '}' },
		{ 0x207d, 0x207e }, { 0x208d, 0x208e }, { 0x2329, 0x232a },
		{ 0x2768, 0x2775 }, { 0x27e6, 0x27ef }, { 0x2983, 0x2998 },
		{ 0x2e28, 0x2e29 }, { 0x3008, 0x3011 }, { 0x3014, 0x301b },
		{ 0xfe59, 0xfe5e }, { 0xff08, 0xff09 }, { 0xff1c, 0xff1c },
		{ 0xff1e, 0xff1e }, { 0xff3b, 0xff3b }, { 0xff3d, 0xff3d },
		{ 0xff5b, 0xff5b }, { 0xff5d, 0xff5d }, { 0xff5f, 0xff60 },
	};
	size_t		len = strlen(s), off;
	uint32_t	cp;
	int		n;

	for (off = 0; off < len; off += (size_t)n) {
		if ((n = text_decode(s + off, len - off, &cp)) < 0)
			n = 1;
		else if (text_cp_in(cp, ranges, sizeof ranges /
		    sizeof ranges[0]))
			return true;
	}
	return false;
}

int
model_check_name(const char *s, struct model_error *err)
{
	if (model_check_text(s, MODEL_NAME_MAX, false, N_("name"), err) != 0)
		return -1;
	/* A name of no-break or zero-width spaces shows nothing, and would
	 * be "taken" by every other such name. */
	if (text_name_blank(s))
		return model_fail(err, MODEL_ERR_TEXT, SAY_FIELD_EMPTY,
		    N_("name"));
	/* "Ana (Police)" in the Community group would read as a police
	 * officer on every screen, "X (observer)" as an observer, "name
	 * withheld (Chatham House Rule)" as nobody. */
	if (has_bracket(s))
		return model_fail(err, MODEL_ERR_TEXT, N_("a name cannot "
		    "hold brackets: the screens put a person's group or role "
		    "there"));
	return 0;
}

int
model_text_rules(const char *s, size_t max, bool multiline, const char *what,
    struct model_error *err)
{
	size_t len = strlen(s), off;
	uint32_t cp;
	int n;

	if (len > max)
		return model_fail(err, MODEL_ERR_TEXT,
		    SAY_FIELD_TOO_LONG, what, len, max);
	for (off = 0; off < len; off += (size_t)n) {
		/* Printable ASCII, most of most text, is fine as it is. */
		if ((unsigned char)s[off] >= 0x20 &&
		    (unsigned char)s[off] < 0x7f) {
			n = 1;
			continue;
		}
		n = text_decode(s + off, len - off, &cp);
		if (n < 0)
			return model_fail(err, MODEL_ERR_TEXT,
			    SAY_FIELD_NOT_UTF8, what);
		if (cp == '\n' && multiline)
			continue;
		if (text_is_control(cp))
			return model_fail(err, MODEL_ERR_TEXT,
			    SAY_FIELD_CONTROL, what);
	}
	return 0;
}

/* Printable ASCII without spaces, at most max bytes. */
static int
secret_rules(const char *s, size_t max, const char *what,
    struct model_error *err)
{
	size_t i;

	for (i = 0; s[i] != '\0'; i++)
		if (i >= max || (unsigned char)s[i] <= ' ' ||
		    (unsigned char)s[i] > '~')
			return model_fail(err, MODEL_ERR_INVALID,
			    SAY_SECRET_CHARS, what, max);
	return 0;
}

int
model_check_secret(const char *s, size_t max, const char *what,
    struct model_error *err)
{
	if (s == NULL || *s == '\0')
		return model_fail(err, MODEL_ERR_INVALID, SAY_FIELD_MISSING,
		    what);
	return secret_rules(s, max, what, err);
}

/* What intent in carries, in the state ws; *whose names it in a refusal
 * of a string it does not take. */
static struct fields
fields_of(const struct workshop *ws, const struct intent *in,
    const char **whose)
{
	struct fields f = { 0 };
	const char *noun;
	int kind;

	*whose = N_("this request");
	if (in->type <= INTENT_NONE || in->type > INTENT_TYPE_MAX)
		return f;	/* unknown: carries nothing */
	f = intent_fields[in->type];
	switch (in->type) {
	case INTENT_CONTRIBUTE:
		/* Named and bounded as the kind it becomes. */
		kind = model_contribution_of(ws, in->value, &noun);
		if (kind != ITEM_HIDDEN) {
			f.text.what = noun;
			f.text.max = model_contribution_max(kind);
			f.text.multiline = kind == ITEM_SECTION_TEXT;
		}
		break;
	case INTENT_ACTION_SET:
		if (in->value < 1 || in->value > ACTION_FIELD_MAX)
			break;	/* no such field: carries nothing */
		f = action_fields[in->value].uses;
		*whose = action_fields[in->value].name;
		break;
	case INTENT_INDICATOR_SET:
		if (in->value < 1 || in->value > INDICATOR_TARGET)
			break;	/* no such field: carries nothing */
		f = indicator_fields[in->value].uses;
		*whose = indicator_fields[in->value].name;
		break;
	case INTENT_POLL_OPEN:
		if (in->value == POLL_CONSENSUS || in->value == POLL_SCORE)
			f.text = (struct field){ 0 };
		break;
	}
	return f;
}

/* Checks one string against the field it fills; takes_no, the refusal
 * of a string the field does not take (SAY_TAKES_NO_*, of whose). */
static int
check_field(const char *s, const struct field *f, bool secret,
    const char *takes_no, const char *whose, struct model_error *err)
{
	if (s == NULL || *s == '\0')
		return 0;	/* whether it may be empty is the type's say */
	if (f->what == NULL)
		return model_fail(err, MODEL_ERR_INVALID, takes_no, whose);
	if (secret)
		return secret_rules(s, f->max, f->what, err);
	return model_text_rules(s, f->max, f->multiline, f->what, err);
}

int
fields_check(const struct workshop *ws, const struct intent *in,
    struct model_error *err)
{
	const char *whose;
	struct fields f = fields_of(ws, in, &whose);

	if (check_field(in->text, &f.text, false, SAY_TAKES_NO_TEXT, whose,
	    err) != 0 ||
	    check_field(in->text2, &f.text2, false, SAY_TAKES_NO_TEXT2, whose,
	    err) != 0 ||
	    check_field(in->secret, &f.secret, true, SAY_TAKES_NO_SECRET,
	    whose, err) != 0 ||
	    check_field(in->lang, &f.lang, false, SAY_TAKES_NO_LANG, whose,
	    err) != 0)
		return -1;
	return 0;
}
