/*
 * test_export.c - the charter as a reader gets it, byte for byte.
 *
 * Workshops are built through the real reducer (model_apply), as the
 * server would, and the export is compared with the golden files in
 * tests/golden/ (found from the repository root, where tests run).
 * The charter in French and in Spanish (issue 17) reads the real
 * catalogues, built into the build directory's locale/ (../locale from
 * this binary).
 * ROUNDTABLE_UPDATE_GOLDEN=1 rewrites the goldens from the current output;
 * read them by eye before committing them.
 */
#include <locale.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <cmocka.h>

#include "roundtable/export.h"
#include "roundtable/i18n.h"
#include "roundtable/model.h"
#include "roundtable/text.h"

#include "fixture.h"

#define GOLDEN_DIR	"tests/golden/"
/* 2024-03-09 16:00:00 UTC; later events follow a minute apart. */
#define T0		1710000000

static int64_t	clock_now;

/* Applies an intent that must succeed; returns the id it created. */
static uint32_t
apply(struct workshop *ws, uint32_t actor, struct intent in)
{
	struct event		ev;
	struct model_error	err;

	clock_now += 60;
	if (model_apply(ws, actor, &in, clock_now, &ev, &err) != 0)
		fail_msg("intent %d by %u refused: %s", in.type, actor,
		    err.msg);
	return ev.id;
}

static void
create(struct workshop *ws, const char *title)
{
	clock_now = T0;
	apply(ws, MODEL_SYSTEM, (struct intent){ .type = INTENT_CREATE,
	    .text = (char *)title, .secret = "KXM-47P" });
}

static void
seed(struct workshop *ws)
{
	struct intent	*in;
	size_t		 i, n;

	n = model_seed(NULL, 0);
	in = xcalloc(n, sizeof *in);
	assert_int_equal(model_seed(in, n), n);
	for (i = 0; i < n; i++)
		apply(ws, MODEL_SYSTEM, in[i]);
	free(in);
}

static uint32_t
group(struct workshop *ws, const char *name)
{
	return apply(ws, MODEL_SYSTEM, (struct intent){
	    .type = INTENT_GROUP_ADD, .text = (char *)name });
}

static uint32_t
join(struct workshop *ws, const char *name, const char *grp, int role)
{
	struct group	*g = grp != NULL ? model_group_by_name(ws, grp) : NULL;
	char		 token[32];

	assert_true(grp == NULL || g != NULL);
	snprintf(token, sizeof token, "token-%zu", ws->npeople + 1);
	return apply(ws, MODEL_SYSTEM, (struct intent){ .type = INTENT_JOIN,
	    .text = (char *)name, .ref = g != NULL ? g->id : 0,
	    .value = role, .secret = token });
}

static void
phase(struct workshop *ws, int to)
{
	apply(ws, MODEL_FACILITATOR, (struct intent){ .type = INTENT_PHASE,
	    .value = to });
}

static uint32_t
contribute(struct workshop *ws, uint32_t who, uint32_t ref, const char *text)
{
	return apply(ws, who, (struct intent){ .type = INTENT_CONTRIBUTE,
	    .ref = ref, .text = (char *)text });
}

static void
decide(struct workshop *ws, int type, uint32_t item)
{
	apply(ws, MODEL_FACILITATOR, (struct intent){ .type = type,
	    .ref = item });
}

static void
section_state(struct workshop *ws, uint32_t code, int status)
{
	struct item	*it = model_section(ws, code);

	assert_non_null(it);
	apply(ws, MODEL_FACILITATOR, (struct intent){
	    .type = INTENT_SECTION_STATE, .ref = it->id, .value = status });
}

static void
section_edit(struct workshop *ws, uint32_t code, const char *text)
{
	struct item	*it = model_section(ws, code);

	assert_non_null(it);
	apply(ws, MODEL_FACILITATOR, (struct intent){
	    .type = INTENT_SECTION_EDIT, .ref = it->id, .text = (char *)text });
}

static void
decision_rule(struct workshop *ws, int rule, int rounds, int fallback)
{
	apply(ws, MODEL_FACILITATOR, (struct intent){
	    .type = INTENT_DECISION_RULE, .value = rule, .value2 = rounds,
	    .flags = (uint32_t)fallback });
}

/* One participant's answer in a check; lists end with who == 0. */
struct ballot {
	uint32_t	 who;
	int		 answer;
	const char	*reason;
};

static uint32_t
poll_open(struct workshop *ws, uint32_t ref, uint32_t flags)
{
	return apply(ws, MODEL_FACILITATOR, (struct intent){
	    .type = INTENT_POLL_OPEN, .value = POLL_CONSENSUS, .ref = ref,
	    .flags = flags });
}

static void
poll_answer(struct workshop *ws, uint32_t poll, const struct ballot *b)
{
	for (; b->who != 0; b++)
		apply(ws, b->who, (struct intent){ .type = INTENT_VOTE,
		    .ref = poll, .value = b->answer,
		    .text = (char *)b->reason });
}

static void
poll_end(struct workshop *ws, uint32_t poll, int type)
{
	apply(ws, MODEL_FACILITATOR, (struct intent){ .type = type,
	    .ref = poll });
}

/* A consensus check from opening to reveal, as the facilitator runs it;
 * returns the poll. */
static uint32_t
run_check(struct workshop *ws, uint32_t ref, uint32_t flags,
    const struct ballot *b)
{
	uint32_t	poll = poll_open(ws, ref, flags);

	poll_answer(ws, poll, b);
	poll_end(ws, poll, INTENT_POLL_CLOSE);
	poll_end(ws, poll, INTENT_POLL_REVEAL);
	return poll;
}

/* The seeded sample rule with this text. */
static uint32_t
sample_rule(const struct workshop *ws, const char *text)
{
	size_t	i;

	for (i = 0; i < ws->nitems; i++)
		if (ws->items[i].kind == ITEM_RULE &&
		    strcmp(ws->items[i].text, text) == 0)
			return ws->items[i].id;
	fail_msg("no sample rule \"%s\"", text);
	return 0;
}

static uint32_t
section(const struct workshop *ws, uint32_t code)
{
	struct item	*it = model_section(ws, code);

	assert_non_null(it);
	return it->id;
}

/* A room just opened: default groups and the seed, nobody in it. */
static struct workshop *
build_empty(void)
{
	struct workshop	*ws = model_new();
	size_t		 i;

	create(ws, "Multi-stakeholder dialogue");
	for (i = 0; model_default_groups[i] != NULL; i++)
		group(ws, model_default_groups[i]);
	seed(ws);
	return ws;
}

/* A room that has agreed on ground rules and part of its charter. */
static struct workshop *
build_adopted(void)
{
	struct workshop	*ws = model_new();
	uint32_t	 ana, jose, wang, amara, r1, r2, t1, t2;
	size_t		 i;

	create(ws, "Diálogo comunitario sobre seguridad — Río Claro, "
	    "primera sesión de trabajo conjunta");
	for (i = 0; model_default_groups[i] != NULL; i++)
		group(ws, model_default_groups[i]);
	seed(ws);
	group(ws, "Youth / Jóvenes");

	ana = join(ws, "Ana Pérez", "Community", ROLE_PARTICIPANT);
	jose = join(ws, "José Núñez", "Police", ROLE_PARTICIPANT);
	join(ws, "Marie Lefèvre", NULL, ROLE_COFACILITATOR);
	/* Neither an observer nor a co-facilitator represents a group. */
	join(ws, "Olu Bello", NULL, ROLE_OBSERVER);
	join(ws, "Sam Carter", NULL, ROLE_COFACILITATOR);
	wang = join(ws, "王芳", "Business", ROLE_PARTICIPANT);
	amara = join(ws, "Amara Okafor", "Community", ROLE_PARTICIPANT);
	join(ws, "Fatou Diop", "Women's organisations", ROLE_PARTICIPANT);
	/* Someone removed from the room represents nobody (issue 15). */
	apply(ws, MODEL_FACILITATOR, (struct intent){ .type = INTENT_REMOVE,
	    .ref = join(ws, "Rafael Mora", "Community", ROLE_PARTICIPANT),
	    .text = "Threatened another participant" });

	phase(ws, PHASE_EXPECTATIONS);
	phase(ws, PHASE_GROUND_RULES);
	/* Adoption order gives the numbers, not the order of the seed. */
	decide(ws, INTENT_ADOPT, sample_rule(ws, "Respectful behaviour"));
	decide(ws, INTENT_ADOPT, sample_rule(ws, "Listen to each other"));
	decide(ws, INTENT_REJECT, sample_rule(ws,
	    "Commit to staying involved in the process"));
	r1 = contribute(ws, jose, 0, "Respetar el turno de palabra de cada "
	    "compañero y compañera, sin interrupciones ni señales de "
	    "desaprobación; las críticas se dirigen a las ideas, nunca a las "
	    "personas.");
	r2 = contribute(ws, wang, 0, "全員が発言する機会を持ち、互いの意見を"
	    "最後まで聞くこと。日本語の規則も同じ重みを持ちます。");
	contribute(ws, amara, 0, "Phones stay off (proposed, never adopted)");
	decide(ws, INTENT_ADOPT, r1);
	decide(ws, INTENT_ADOPT, sample_rule(ws, "Avoid disruptions or "
	    "distractions (e.g. mobile phones, laptops, side-talk, "
	    "interrupting each other)"));
	decide(ws, INTENT_ADOPT, r2);

	phase(ws, PHASE_DIALOGUE);
	phase(ws, PHASE_CAUCUS);
	phase(ws, PHASE_CHARTER);
	t1 = contribute(ws, ana, section(ws, 10), "To reduce violence in "
	    "Río Claro by building trust between the community, the police "
	    "and local government, and to agree on joint actions.\n"
	    "The group advises the municipal security council; it does not "
	    "replace it.");
	decide(ws, INTENT_ADOPT, t1);
	t1 = contribute(ws, jose, section(ws, 46), "Majority vote.");
	t2 = contribute(ws, amara, section(ws, 46), "Decisions by consensus; "
	    "when consensus cannot be reached after two meetings, a straw "
	    "poll shows where each group stands and the question goes back "
	    "to the constituencies.");
	/* Adopted, reopened, replaced: the later text is the agreed one. */
	decide(ws, INTENT_ADOPT, t1);
	section_state(ws, 46, STATUS_OPEN);
	decide(ws, INTENT_ADOPT, t2);
	t1 = contribute(ws, ana, section(ws, 48), "Nothing is confidential.");
	decide(ws, INTENT_REJECT, t1);
	contribute(ws, wang, section(ws, 48), "Chatham House Rule "
	    "(proposed, not yet adopted).");
	t1 = contribute(ws, amara, section(ws, 32), "The facilitator is "
	    "impartial, keeps time and the ground rules, and may pause the "
	    "meeting.\n\nShe or he does not take part in decisions.");
	decide(ws, INTENT_ADOPT, t1);
	t1 = contribute(ws, jose, section(ws, 60), "Monthly, first Tuesday, "
	    "10:00–13:00, at the Casa de la Cultura. Next: review of "
	    "actions (all).");
	decide(ws, INTENT_ADOPT, t1);
	return ws;
}

/*
 * A room that decides its charter clause by clause with the decision tools
 * of issue 3, over three days, and adopts the whole charter by a consensus
 * check: named, or anonymous.  Everything goes through the reducer.
 */
static struct workshop *
build_decided(bool anonymous)
{
	struct workshop	*ws = model_new();
	uint32_t	 ana, jose, wang, amara, fatou, lukasz, r, a, t, t2, p;
	size_t		 i;

	create(ws, anonymous ? "Mesa de diálogo — Valle Alto (carta votada "
	    "en secreto)" : "Mesa de diálogo — Valle Alto");
	for (i = 0; model_default_groups[i] != NULL; i++)
		group(ws, model_default_groups[i]);
	seed(ws);
	ana = join(ws, "Ana Pérez", "Community", ROLE_PARTICIPANT);
	jose = join(ws, "José Núñez", "Police", ROLE_PARTICIPANT);
	wang = join(ws, "王芳", "Business", ROLE_PARTICIPANT);
	amara = join(ws, "Amara Okafor", "Community", ROLE_PARTICIPANT);
	fatou = join(ws, "Fatou Diop", "Women's organisations",
	    ROLE_PARTICIPANT);
	lukasz = join(ws, "Łukasz Żółć", "Local government",
	    ROLE_PARTICIPANT);
	join(ws, "Marie Lefèvre", NULL, ROLE_COFACILITATOR);
	join(ws, "Olu Bello", NULL, ROLE_OBSERVER);

	phase(ws, PHASE_EXPECTATIONS);
	phase(ws, PHASE_GROUND_RULES);
	decide(ws, INTENT_ADOPT, sample_rule(ws, "Respectful behaviour"));
	decide(ws, INTENT_ADOPT, sample_rule(ws, "Listen to each other"));
	/* A sample rule amended twice: one amendment rejected, the other
	 * passes a check and becomes the rule's text. */
	r = sample_rule(ws, "Avoid disruptions or distractions (e.g. mobile "
	    "phones, laptops, side-talk, interrupting each other)");
	a = contribute(ws, jose, r, "No phones at all (amendment rejected)");
	decide(ws, INTENT_REJECT, a);
	a = contribute(ws, wang, r, "Phones on silent, laptops closed; one "
	    "person speaks at a time — 一人ずつ話す。");
	run_check(ws, a, 0, (const struct ballot[]){
	    { ana, ANSWER_AGREE, NULL }, { jose, ANSWER_AGREE, NULL },
	    { wang, ANSWER_AGREE, NULL }, { amara, ANSWER_AGREE, NULL },
	    { fatou, ANSWER_STAND_ASIDE, NULL },
	    { lukasz, ANSWER_AGREE, NULL }, { 0, 0, NULL } });
	r = contribute(ws, amara, 0, "Speak for yourself and your "
	    "constituency, not for others.");
	decide(ws, INTENT_ADOPT, r);

	phase(ws, PHASE_DIALOGUE);
	phase(ws, PHASE_CAUCUS);
	phase(ws, PHASE_CHARTER);
	clock_now += 86400;
	decision_rule(ws, DECIDE_CONSENSUS_FALLBACK, 2, DECIDE_TWO_THIRDS);

	t = contribute(ws, ana, section(ws, 10), "To end the land disputes "
	    "of Valle Alto without violence.\n\nThe table proposes; the "
	    "municipal council decides.");
	decide(ws, INTENT_ADOPT, t);
	/* Two proposals merged into one section, then checked. */
	t = contribute(ws, jose, section(ws, 31), "Each member attends or "
	    "sends the alternate named by their group.");
	t2 = contribute(ws, fatou, section(ws, 31), "Members report back to "
	    "their constituencies within two weeks.");
	apply(ws, MODEL_FACILITATOR, (struct intent){
	    .type = INTENT_SECTION_MERGE, .ref = t });
	apply(ws, MODEL_FACILITATOR, (struct intent){
	    .type = INTENT_SECTION_MERGE, .ref = t2 });
	run_check(ws, section(ws, 31), 0, (const struct ballot[]){
	    { ana, ANSWER_AGREE, NULL }, { jose, ANSWER_AGREE, NULL },
	    { wang, ANSWER_STAND_ASIDE, "不在時の代理は不要" },
	    { amara, ANSWER_AGREE, NULL }, { fatou, ANSWER_AGREE, NULL },
	    { lukasz, ANSWER_AGREE, NULL }, { 0, 0, NULL } });
	t = contribute(ws, amara, section(ws, 32), "The facilitator is "
	    "impartial and keeps the ground rules.");
	decide(ws, INTENT_ADOPT, t);
	section_edit(ws, 33, "The secretariat (the parish of San Roque) "
	    "sends invitations, keeps the record and circulates it within "
	    "five days.");
	run_check(ws, section(ws, 33), 0, (const struct ballot[]){
	    { ana, ANSWER_AGREE, NULL }, { jose, ANSWER_AGREE, NULL },
	    { wang, ANSWER_AGREE, NULL }, { amara, ANSWER_AGREE, NULL },
	    { fatou, ANSWER_AGREE, NULL }, { lukasz, ANSWER_AGREE, NULL },
	    { 0, 0, NULL } });
	t = contribute(ws, lukasz, section(ws, 42), "A group replaces its "
	    "member by writing to the secretariat.");
	decide(ws, INTENT_ADOPT, t);
	t = contribute(ws, wang, section(ws, 43), "Only the two co-chairs "
	    "speak to the press, after the meeting. 報道対応は共同議長のみ。");
	decide(ws, INTENT_ADOPT, t);
	t = contribute(ws, fatou, section(ws, 44), "Observers are welcome, "
	    "sit apart and do not speak unless invited.");
	decide(ws, INTENT_ADOPT, t);
	section_edit(ws, 45, "Each member reports to their constituency "
	    "using the agreed summary only.");
	run_check(ws, section(ws, 45), 0, (const struct ballot[]){
	    { ana, ANSWER_AGREE, NULL }, { jose, ANSWER_AGREE, NULL },
	    { wang, ANSWER_AGREE, NULL }, { amara, ANSWER_AGREE, NULL },
	    { fatou, ANSWER_RESERVATIONS, "Summaries must be translated." },
	    { lukasz, ANSWER_AGREE, NULL }, { 0, 0, NULL } });
	t = contribute(ws, amara, section(ws, 46), "We seek consensus. A "
	    "block must say what would have to change.");
	decide(ws, INTENT_ADOPT, t);
	t = contribute(ws, jose, section(ws, 47), "Grievances go to the "
	    "facilitator in writing; she answers within a week.");
	decide(ws, INTENT_ADOPT, t);

	/* Confidentiality: blocked, rewritten, then carried by the 2/3
	 * fallback on the second round despite one block. */
	section_edit(ws, 48, "Everything said in the room is confidential "
	    "and no notes leave it.");
	run_check(ws, section(ws, 48), 0, (const struct ballot[]){
	    { ana, ANSWER_AGREE, NULL }, { jose, ANSWER_AGREE, NULL },
	    { wang, ANSWER_AGREE, NULL },
	    { amara, ANSWER_BLOCK, "Our community must hear what is "
	    "agreed." }, { fatou, ANSWER_AGREE, NULL },
	    { lukasz, ANSWER_STAND_ASIDE, NULL }, { 0, 0, NULL } });
	clock_now += 86400;
	section_edit(ws, 48, "Chatham House Rule: what is said may be "
	    "reported, never who said it.\nAgreements are public once "
	    "adopted; 合意は採択後に公開する。");
	p = poll_open(ws, section(ws, 48), 0);
	/* Answers change until the check closes: only the last counts. */
	poll_answer(ws, p, (const struct ballot[]){
	    { jose, ANSWER_BLOCK, "Police reports are not public." },
	    { ana, ANSWER_AGREE, NULL }, { wang, ANSWER_AGREE, NULL },
	    { amara, ANSWER_RESERVATIONS, "Names of victims never." },
	    { fatou, ANSWER_AGREE, NULL }, { lukasz, ANSWER_BLOCK, "Too "
	    "vague." }, { lukasz, ANSWER_AGREE, NULL }, { 0, 0, NULL } });
	poll_end(ws, p, INTENT_POLL_CLOSE);
	poll_end(ws, p, INTENT_POLL_REVEAL);

	section_state(ws, 49, STATUS_NOT_APPLICABLE);
	t = contribute(ws, ana, section(ws, 50), "The secretariat keeps a "
	    "table of agreements: what, who, by when, status.");
	decide(ws, INTENT_ADOPT, t);
	t = contribute(ws, fatou, section(ws, 51), "Reviewed after six "
	    "months, or when a group asks.");
	decide(ws, INTENT_ADOPT, t);
	section_edit(ws, 60, "Every second Thursday, 17:00–19:00, at the "
	    "school of Valle Alto.\nFirst task: map the disputed plots "
	    "(all groups).");
	run_check(ws, section(ws, 60), 0, (const struct ballot[]){
	    { ana, ANSWER_AGREE, NULL }, { jose, ANSWER_AGREE, NULL },
	    { wang, ANSWER_AGREE, NULL }, { amara, ANSWER_AGREE, NULL },
	    { fatou, ANSWER_AGREE, NULL }, { lukasz, ANSWER_AGREE, NULL },
	    { 0, 0, NULL } });

	/* The whole charter, the next day. */
	clock_now += 86400;
	assert_true(model_charter_ready(ws));
	p = poll_open(ws, 0, POLL_F_CHARTER |
	    (anonymous ? POLL_F_ANONYMOUS : 0));
	poll_answer(ws, p, (const struct ballot[]){
	    { lukasz, ANSWER_STAND_ASIDE, NULL },
	    { ana, ANSWER_AGREE, NULL }, { jose, ANSWER_AGREE, NULL },
	    { wang, ANSWER_RESERVATIONS, "第4.3条の報道規定は厳しすぎる。" },
	    { amara, ANSWER_AGREE, NULL },
	    { fatou, ANSWER_RESERVATIONS, "Women's safety must be reviewed "
	    "at the six-month review, with the women's organisations "
	    "present and heard." },
	    { lukasz, ANSWER_AGREE, NULL }, { 0, 0, NULL } });
	poll_end(ws, p, INTENT_POLL_CLOSE);
	poll_end(ws, p, INTENT_POLL_REVEAL);
	assert_int_equal(ws->charter_poll, p);
	return ws;
}

typedef int (*export_fn)(const struct workshop *, FILE *);

/* What an export writes, as a string; fails the test if it fails. */
static char *
export_with(export_fn fn, const struct workshop *ws)
{
	char	*buf = NULL;
	size_t	 len = 0;
	FILE	*f;

	f = open_memstream(&buf, &len);
	assert_non_null(f);
	assert_int_equal(fn(ws, f), 0);
	assert_int_equal(fclose(f), 0);
	assert_int_equal(strlen(buf), len);
	return buf;
}

/* The charter as a string. */
static char *
export_string(const struct workshop *ws)
{
	return export_with(export_charter, ws);
}

static char *
read_file(const char *path)
{
	char	*buf;
	long	 len;
	FILE	*f;

	if ((f = fopen(path, "rb")) == NULL)
		return NULL;
	assert_int_equal(fseek(f, 0, SEEK_END), 0);
	len = ftell(f);
	assert_true(len >= 0);
	rewind(f);
	buf = xmalloc((size_t)len + 1);
	assert_int_equal(fread(buf, 1, (size_t)len, f), (size_t)len);
	buf[len] = '\0';
	fclose(f);
	return buf;
}

/* One line of s (0-based) into a new string, or NULL past the end. */
static char *
nth_line(const char *s, size_t n)
{
	const char	*end;

	while (n-- > 0) {
		if ((s = strchr(s, '\n')) == NULL)
			return NULL;
		s++;
	}
	if (*s == '\0')
		return NULL;
	end = strchr(s, '\n');
	return xstrndup(s, end != NULL ? (size_t)(end - s) : strlen(s));
}

/*
 * Compares got with the golden file name.  On a mismatch, says where,
 * and leaves the output in /tmp for diff -u.
 */
static void
check_golden(const char *name, const char *got)
{
	char		 path[256], actual[256];
	char		*want, *a, *b;
	const char	*env = getenv("ROUNDTABLE_UPDATE_GOLDEN");
	size_t		 i;
	FILE		*f;

	snprintf(path, sizeof path, GOLDEN_DIR "%s", name);
	if (env != NULL && strcmp(env, "1") == 0) {
		f = fopen(path, "wb");
		if (f == NULL)
			fail_msg("cannot write %s (run from the repository "
			    "root)", path);
		assert_int_equal(fwrite(got, 1, strlen(got), f), strlen(got));
		assert_int_equal(fclose(f), 0);
		print_message("updated %s: read it before committing\n", path);
		return;
	}
	if ((want = read_file(path)) == NULL)
		fail_msg("cannot read %s (run from the repository root, or "
		    "set ROUNDTABLE_UPDATE_GOLDEN=1 to write it)", path);
	if (strcmp(want, got) == 0) {
		free(want);
		return;
	}
	snprintf(actual, sizeof actual, "/tmp/roundtable-%s", name);
	if ((f = fopen(actual, "wb")) != NULL) {
		fputs(got, f);
		fclose(f);
	}
	for (i = 0;; i++) {
		a = nth_line(want, i);
		b = nth_line(got, i);
		if (a == NULL || b == NULL || strcmp(a, b) != 0)
			break;
		free(a);
		free(b);
	}
	print_error("%s differs from the export at line %zu:\n"
	    "-%s\n+%s\n(see: diff -u %s %s)\n", path, i + 1,
	    a != NULL ? a : "(end of file)", b != NULL ? b : "(end of output)",
	    path, actual);
	free(a);
	free(b);
	free(want);
	fail();
}

/* What every text export must be: UTF-8, lines within the width, no
 * controls but newlines, ending in a newline, and the same twice. */
static void
check_shape_of(export_fn fn, const struct workshop *ws, const char *got)
{
	char		*again, *line;
	size_t		 i, len = strlen(got), off;
	uint32_t	 cp;
	int		 n;

	assert_true(len > 0);
	assert_int_equal(got[len - 1], '\n');
	assert_true(text_valid_utf8(got, len));
	for (off = 0; off < len; off += (size_t)n) {
		n = text_decode(got + off, len - off, &cp);
		assert_true(n > 0);
		assert_true(cp == '\n' || !text_is_control(cp));
	}
	for (i = 0; (line = nth_line(got, i)) != NULL; i++) {
		if (text_width(line) > EXPORT_WIDTH)
			fail_msg("line %zu is %zu columns wide: %s", i + 1,
			    text_width(line), line);
		assert_true(line[0] == '\0' ||
		    line[strlen(line) - 1] != ' ');
		free(line);
	}
	again = export_with(fn, ws);
	assert_string_equal(got, again);
	free(again);
}

static void
check_shape(const struct workshop *ws, const char *got)
{
	check_shape_of(export_charter, ws, got);
}

static void
test_charter_empty(void **state)
{
	struct workshop	*ws;
	char		*got;

	(void)state;
	ws = build_empty();
	got = export_string(ws);
	check_shape(ws, got);
	/* What a reader must find, whatever the golden says. */
	assert_non_null(strstr(got, "Groups absent: Community, Civil society, "
	    "Local government,"));
	assert_non_null(strstr(got, "No ground rules adopted yet."));
	/* Dates written out as well as in ISO (issue 17). */
	assert_non_null(strstr(got, "Date of adoption: not adopted yet; a "
	    "draft of 9 March 2024 (2024-03-09)\n"));
	check_golden("charter-empty.txt", got);
	free(got);
	model_free(ws);
}

static void
test_charter_adopted(void **state)
{
	struct workshop	*ws;
	char		*got;

	(void)state;
	ws = build_adopted();
	got = export_string(ws);
	check_shape(ws, got);
	assert_non_null(strstr(got, "Community: Ana Pérez, Amara Okafor\n"));
	assert_non_null(strstr(got, "1. Respectful behaviour\n"));
	assert_non_null(strstr(got, "2. Listen to each other\n"));
	assert_null(strstr(got, "Phones stay off"));
	assert_null(strstr(got, "Majority vote"));
	assert_null(strstr(got, "Nothing is confidential"));
	assert_null(strstr(got, "Chatham House Rule (proposed"));
	assert_null(strstr(got, "Olu Bello"));
	assert_null(strstr(got, "Marie Lefèvre"));
	assert_null(strstr(got, "Sam Carter"));
	assert_null(strstr(got, "Rafael Mora"));
	check_golden("charter-adopted.txt", got);
	free(got);
	model_free(ws);
}

/* The part of got from heading (a line of its own) to the next line that
 * starts a heading at the margin, or to the end. */
static char *
part(const char *got, const char *heading, const char *next)
{
	char		 want[128];
	const char	*start, *end;

	snprintf(want, sizeof want, "\n%s\n", heading);
	start = strstr(got, want);
	if (start == NULL)
		fail_msg("no heading \"%s\" in the export", heading);
	start++;
	end = NULL;
	if (next != NULL) {
		snprintf(want, sizeof want, "\n%s\n", next);
		end = strstr(start, want);
	}
	return xstrndup(start, end != NULL ? (size_t)(end + 1 - start) :
	    strlen(start));
}

static void
test_charter_named(void **state)
{
	struct workshop	*ws;
	char		*got, *s;

	(void)state;
	ws = build_decided(false);
	got = export_string(ws);
	check_shape(ws, got);

	/* 4.1: the amended rule under its number, the old wording gone. */
	s = part(got, "4.1 Ground rules", "4.2 Changing or selecting "
	    "participants");
	assert_non_null(strstr(s, "    3. Phones on silent, laptops closed; "
	    "one person speaks at a time —\n       一人ずつ話す。\n"));
	assert_non_null(strstr(s, "    4. Speak for yourself"));
	assert_null(strstr(s, "Avoid disruptions"));
	assert_null(strstr(got, "No phones at all"));
	free(s);
	s = part(got, "4.6 Decision-making", "4.7 Disputes and grievances");
	assert_string_equal(s, "4.6 Decision-making\n\n"
	    "    Decision rule: consensus; after 2 rounds without consensus "
	    "on an\n    item, a two-thirds majority decides.\n\n"
	    "    We seek consensus. A block must say what would have to "
	    "change.\n\n");
	free(s);
	s = part(got, "4.9 Conflict of interest", "4.10 Documenting meetings "
	    "and tracking agreements");
	assert_string_equal(s, "4.9 Conflict of interest\n\n"
	    "    Not applicable.\n\n");
	free(s);
	/* The body checked and blocked is only in the log. */
	s = part(got, "4.8 Confidentiality", "4.9 Conflict of interest");
	assert_non_null(strstr(s, "Chatham House Rule"));
	assert_null(strstr(s, "no notes leave it"));
	free(s);

	/* The charter's date is its adoption's, not the room's first day
	 * nor the export's. */
	assert_non_null(strstr(got, "\nCharter (terms of reference)\n"
	    "Date of adoption: 12 March 2024 (2024-03-12)\nRecord: "));
	s = part(got, "Adoption", "Annex: decision log");
	assert_non_null(strstr(s, "The charter was adopted on 2024-03-12, "
	    "by consensus check"));
	assert_non_null(strstr(s, "4 agree, 2 agree with reservations, 0 "
	    "stand\n    aside, 0 block.\n"));
	assert_non_null(strstr(s, "    Agree: Ana Pérez (Community), José "
	    "Núñez (Police), Amara Okafor\n"));
	assert_non_null(strstr(s, "    Agree with reservations: 王芳 "
	    "(Business), Fatou Diop (Women's\n"));
	assert_null(strstr(s, "Stand aside:"));
	assert_non_null(strstr(s, "    — 王芳 (Business): 第4.3条"));
	assert_non_null(strstr(s, "    — Fatou Diop (Women's organisations): "
	    "Women's safety must be\n      reviewed"));
	free(s);

	s = part(got, "Annex: decision log", NULL);
	/* Section order, and only checks on sections; a section adopted
	 * by a facilitator alone says so (before, it was not there). */
	assert_true(strstr(s, "\n3.1 Roles") < strstr(s, "\n4.8 Conf"));
	assert_non_null(strstr(s, "\n1 Goal\n\n    Adopted by a facilitator, "
	    "not by a consensus check.\n"));
	assert_null(strstr(s, "Phones on silent"));
	assert_non_null(strstr(s, "\n4.8 Confidentiality\n\n"
	    "    Check 5, round 1, 2024-03-10: blocked by 1 — not adopted "
	    "(round 1 of\n    2 before a vote) (4 agree, 0 with reservations, "
	    "1 stand aside, 1\n    block)\n"
	    "        Everything said in the room is confidential and no notes "
	    "leave\n        it.\n\n"
	    "    Check 6, round 2, 2024-03-11: 2/3 reached after 2 rounds (5 "
	    "to 1) —\n    adopted (4 agree, 1 with reservations, 0 stand "
	    "aside, 1 block)\n        Chatham House Rule"));
	free(s);
	check_golden("charter-named.txt", got);
	free(got);
	model_free(ws);
}

static void
test_charter_anonymous(void **state)
{
	struct workshop	*ws;
	char		*got, *after, *s;
	size_t		 i;

	(void)state;
	ws = build_decided(true);
	got = export_string(ws);
	check_shape(ws, got);
	after = strstr(got, "\nAdoption\n");
	assert_non_null(after);
	/* Participant 1 is "Facilitator", a word, not someone's name. */
	for (i = 1; i < ws->npeople; i++)
		if (strstr(after, ws->people[i].name) != NULL)
			fail_msg("%s is named after the Adoption heading",
			    ws->people[i].name);
	s = part(got, "Adoption", "Annex: decision log");
	for (i = 0; i < ws->ngroups; i++)
		if (strstr(s, ws->groups[i].name) != NULL)
			fail_msg("group %s is named in an anonymous adoption",
			    ws->groups[i].name);
	assert_non_null(strstr(s, "4 agree, 2 agree with reservations, 0 "
	    "stand\n    aside, 0 block.\n"));
	assert_null(strstr(s, "Agree:"));
	/* Reasons in the order of their text, not of who answered. */
	assert_non_null(strstr(s, "\n    Reservations:\n    — Women's safety "
	    "must be reviewed at the six-month review, with the\n      "
	    "women's organisations present and heard.\n    — 第4.3条"));
	free(s);
	check_golden("charter-anonymous.txt", got);
	free(got);
	model_free(ws);
}

/* Checks the room has not finished: listed, without a result; a body
 * still being worked on stays out of the charter. */
static void
test_charter_log_states(void **state)
{
	struct workshop	*ws;
	uint32_t	 ana, jose, p;
	char		*got, *s;

	(void)state;
	ws = build_empty();
	ana = join(ws, "Ana Pérez", "Community", ROLE_PARTICIPANT);
	jose = join(ws, "José Núñez", "Police", ROLE_PARTICIPANT);
	phase(ws, PHASE_CHARTER);
	section_edit(ws, 31, "Draft on roles, still open.");
	p = poll_open(ws, section(ws, 31), 0);
	poll_answer(ws, p, (const struct ballot[]){
	    { ana, ANSWER_AGREE, NULL },
	    { jose, ANSWER_BLOCK, "Not before the police chief sees it." },
	    { 0, 0, NULL } });
	poll_end(ws, p, INTENT_POLL_CLOSE);
	section_edit(ws, 10, "Draft goal, being checked.");
	p = poll_open(ws, section(ws, 10), POLL_F_ANONYMOUS);
	poll_answer(ws, p, (const struct ballot[]){
	    { ana, ANSWER_AGREE, NULL }, { 0, 0, NULL } });

	got = export_string(ws);
	check_shape(ws, got);
	s = part(got, "1 Goal", "2 Stakeholders and representatives");
	assert_string_equal(s, "1 Goal\n\n    Not yet agreed.\n\n");
	free(s);
	assert_true(strstr(got, "Draft on roles") > strstr(got,
	    "\nAnnex: decision log\n"));
	s = part(got, "Adoption", "Annex: decision log");
	assert_string_equal(s, "Adoption\n\n"
	    "    The charter has not been adopted yet.\n\n");
	free(s);
	s = part(got, "Annex: decision log", NULL);
	assert_string_equal(s, "Annex: decision log\n\n"
	    "1 Goal\n\n"
	    "    Check 2, round 1, 2024-03-09: open\n"
	    "        Draft goal, being checked.\n\n"
	    "3.1 Roles and responsibilities of participants\n\n"
	    "    Check 1, round 1, 2024-03-09: closed, not yet revealed\n"
	    "        Draft on roles, still open.\n");
	free(s);
	/* Nobody learns an unrevealed answer from the file. */
	assert_null(strstr(got, "police chief"));
	free(got);
	model_free(ws);
}

/* How each section was decided: a check on a proposed text is in its
 * section's log; a section a facilitator adopted alone says so, and one
 * a check adopted does not. */
static void
test_charter_log_proposals(void **state)
{
	struct workshop	*ws;
	uint32_t	 ana, jose, t, p;
	char		*got, *s;

	(void)state;
	ws = build_empty();
	ana = join(ws, "Ana Pérez", "Community", ROLE_PARTICIPANT);
	jose = join(ws, "José Núñez", "Police", ROLE_PARTICIPANT);
	phase(ws, PHASE_CHARTER);
	t = contribute(ws, ana, section(ws, 10), "Safer markets by night.");
	p = poll_open(ws, t, 0);
	poll_answer(ws, p, (const struct ballot[]){
	    { ana, ANSWER_AGREE, NULL }, { jose, ANSWER_AGREE, NULL },
	    { 0, 0, NULL } });
	poll_end(ws, p, INTENT_POLL_CLOSE);
	poll_end(ws, p, INTENT_POLL_REVEAL);
	decide(ws, INTENT_ADOPT, contribute(ws, jose, section(ws, 32),
	    "The facilitator keeps time."));

	got = export_string(ws);
	check_shape(ws, got);
	s = part(got, "Annex: decision log", NULL);
	assert_string_equal(s, "Annex: decision log\n\n"
	    "1 Goal\n\n"
	    "    Check 1, round 1, 2024-03-09: consensus — adopted (2 agree, "
	    "0 with\n    reservations, 0 stand aside, 0 block)\n"
	    "        Safer markets by night.\n\n"
	    "3.2 Role of the third-party facilitator\n\n"
	    "    Adopted by a facilitator, not by a consensus check.\n");
	free(s);
	free(got);
	model_free(ws);
}

/* Each rule the room can record, as 4.6 states it. */
static void
test_charter_decision_rules(void **state)
{
	static const struct {
		int		 rule, rounds, fallback;
		const char	*line;
	} cases[] = {
		{ 0, 0, 0, "Decision rule: not yet recorded (consensus "
		    "applies)." },
		{ DECIDE_CONSENSUS, 0, 0, "Decision rule: consensus." },
		{ DECIDE_CONSENSUS_FALLBACK, 1, DECIDE_MAJORITY, "Decision "
		    "rule: consensus; after 1 round without consensus on an "
		    "item, a simple majority decides." },
		{ DECIDE_CONSENSUS_FALLBACK, 3, DECIDE_TWO_THIRDS, "Decision "
		    "rule: consensus; after 3 rounds without consensus on an "
		    "item, a two-thirds majority decides." },
		{ DECIDE_MAJORITY, 0, 0, "Decision rule: simple majority." },
		{ DECIDE_TWO_THIRDS, 0, 0, "Decision rule: two-thirds "
		    "majority." },
	};
	struct workshop	*ws;
	char		*got, *s, *flat, *w;
	const char	*body, *end;
	size_t		 i;

	(void)state;
	ws = build_empty();
	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		if (cases[i].rule != 0)
			decision_rule(ws, cases[i].rule, cases[i].rounds,
			    cases[i].fallback);
		got = export_string(ws);
		s = part(got, "4.6 Decision-making", "4.7 Disputes and "
		    "grievances");
		/* Compare the rule's paragraph, wherever it was wrapped. */
		body = s + strlen("4.6 Decision-making\n\n");
		end = strstr(body, "\n\n");
		assert_non_null(end);
		assert_true(strncmp(body, "    ", 4) == 0);
		flat = xstrndup(body + 4, (size_t)(end - body) - 4);
		for (w = flat; (w = strstr(w, "\n    ")) != NULL; w++) {
			*w = ' ';
			memmove(w + 1, w + 5, strlen(w + 5) + 1);
		}
		assert_string_equal(flat, cases[i].line);
		assert_string_equal(end, "\n\n    Not yet agreed.\n\n");
		free(flat);
		free(s);
		free(got);
	}
	model_free(ws);
}

/* Commits an event as a damaged or older journal could hold it,
 * bypassing model_check; returns ev.id. */
static uint32_t
commit(struct workshop *ws, struct event ev)
{
	struct model_error	err;

	clock_now += 60;
	ev.seq = ws->seq + 1;
	ev.time = clock_now;
	if (model_commit(ws, &ev, false, &err) != 0)
		fail_msg("event %d refused: %s", ev.type, err.msg);
	return ev.id;
}

#define EVIL_TEXT	"Off the record\x1b[2J\x1b]0;pwned\x07 \xe2\x80\xae" \
			"txet desrever\xc2\x9b" "1m bad\xff byte"
#define EVIL_NAME	"Eve\x1b[31m\nEvil\xe2\x80\xae"
#define EVIL_REASON	"Fine\x1b]0;pwned\x07\nreally\xc2\x9b"

/* A record can hold text the reducer would refuse today (an older or
 * damaged journal); it still never reaches the file raw: not in a
 * section, a name, a reason, nor a version in the decision log. */
static void
test_charter_sanitised(void **state)
{
	struct workshop	*ws;
	uint32_t	 eve, sec, t, p;
	char		*got;
	int		 k;

	(void)state;
	ws = build_empty();
	sec = section(ws, 48);
	eve = commit(ws, (struct event){ .type = EVENT_JOIN,
	    .id = (uint32_t)ws->npeople + 1, .text = EVIL_NAME, .ref = 1,
	    .value = ROLE_PARTICIPANT, .secret = "token-x" });
	t = commit(ws, (struct event){ .type = EVENT_ITEM, .actor = eve,
	    .id = (uint32_t)ws->nitems + 1, .value = ITEM_SECTION_TEXT,
	    .value2 = STATUS_PROPOSED, .ref = sec, .group = 1,
	    .text = EVIL_TEXT });
	commit(ws, (struct event){ .type = EVENT_STATUS,
	    .actor = MODEL_FACILITATOR, .ref = t, .value = STATUS_ADOPTED });
	/* A check on the section, then on the whole charter. */
	for (k = 0; k < 2; k++) {
		p = commit(ws, (struct event){ .type = EVENT_POLL_OPEN,
		    .actor = MODEL_FACILITATOR,
		    .id = (uint32_t)ws->npolls + 1, .value = POLL_CONSENSUS,
		    .ref = k == 0 ? sec : 0, .flags = k == 0 ? 0 :
		    POLL_F_CHARTER, .text = k == 0 ? EVIL_TEXT : NULL });
		commit(ws, (struct event){ .type = EVENT_VOTE, .actor = eve,
		    .ref = p, .value = ANSWER_RESERVATIONS, .group = 1,
		    .id = 1, .text = EVIL_REASON });
		commit(ws, (struct event){ .type = EVENT_POLL_CLOSE,
		    .actor = MODEL_FACILITATOR, .ref = p });
		commit(ws, (struct event){ .type = EVENT_POLL_REVEAL,
		    .actor = MODEL_FACILITATOR, .ref = p });
	}
	assert_int_equal(ws->charter_poll, p);

	got = export_string(ws);
	check_shape(ws, got);
	assert_null(strchr(got, '\x1b'));
	assert_null(strchr(got, '\x07'));
	assert_null(strstr(got, "\xe2\x80\xae"));
	assert_null(strstr(got, "\xc2\x9b"));
	assert_non_null(strstr(got, "\n    Off the record\xef\xbf\xbd[2J"));
	assert_non_null(strstr(got, "\n        Off the record\xef\xbf\xbd[2J"));
	/* A name or a reason stays on its line. */
	assert_non_null(strstr(got, "\n    Agree with reservations: "
	    "Eve\xef\xbf\xbd[31m\xef\xbf\xbd" "Evil\xef\xbf\xbd (Community).\n"));
	assert_non_null(strstr(got, "\n    — Eve\xef\xbf\xbd[31m\xef\xbf\xbd"
	    "Evil\xef\xbf\xbd (Community): Fine\xef\xbf\xbd]0;pwned"
	    "\xef\xbf\xbd\xef\xbf\xbdreally\xef\xbf\xbd\n"));
	free(got);
	model_free(ws);
}

static void
confidentiality(struct workshop *ws, int conf, int phase_or_room)
{
	apply(ws, MODEL_FACILITATOR, (struct intent){
	    .type = INTENT_CONFIDENTIALITY, .value = conf,
	    .value2 = phase_or_room });
}

/*
 * A room that chose the Chatham House Rule in Welcome, kept its caucuses
 * off the record and its follow-up open, and adopted its charter by a
 * check the facilitator opened as named: the model made it anonymous.
 */
static struct workshop *
build_chatham_silent(bool silent)
{
	struct workshop	*ws = model_new();
	uint32_t	 ana, jose, fatou, lukasz, t, p, who;
	size_t		 i;

	create(ws, "Mesa de diálogo — Puerto Nuevo");
	for (i = 0; model_default_groups[i] != NULL; i++)
		group(ws, model_default_groups[i]);
	seed(ws);
	confidentiality(ws, CONF_CHATHAM, -1);
	confidentiality(ws, CONF_OFF_RECORD, PHASE_CAUCUS);
	confidentiality(ws, CONF_OPEN, PHASE_FOLLOWUP);
	ana = join(ws, "Ana Pérez", "Community", ROLE_PARTICIPANT);
	jose = join(ws, "José Núñez", "Police", ROLE_PARTICIPANT);
	fatou = join(ws, "Fatou Diop", "Women's organisations",
	    ROLE_PARTICIPANT);
	lukasz = join(ws, "Łukasz Żółć", "Local government",
	    ROLE_PARTICIPANT);
	join(ws, "Marie Lefèvre", NULL, ROLE_COFACILITATOR);
	join(ws, "Olu Bello", NULL, ROLE_OBSERVER);
	if (silent) {
		/* Two more at the meeting who do not answer the charter
		 * check, and one the facilitator records as not there. */
		join(ws, "Grace Akello", "Civil society", ROLE_PARTICIPANT);
		join(ws, "Nour Haddad", "Business", ROLE_PARTICIPANT);
		who = join(ws, "Kofi Mensah", "Community", ROLE_PARTICIPANT);
		apply(ws, MODEL_FACILITATOR, (struct intent){
		    .type = INTENT_ATTEND, .ref = who, .value = 0 });
	}

	phase(ws, PHASE_EXPECTATIONS);
	phase(ws, PHASE_GROUND_RULES);
	decide(ws, INTENT_ADOPT, sample_rule(ws, "Respectful behaviour"));
	decide(ws, INTENT_ADOPT, sample_rule(ws, "Listen to each other"));
	t = contribute(ws, jose, 0, "What is said here is repeated outside "
	    "without saying who said it.");
	decide(ws, INTENT_ADOPT, t);

	phase(ws, PHASE_DIALOGUE);
	phase(ws, PHASE_CAUCUS);
	phase(ws, PHASE_CHARTER);
	decision_rule(ws, DECIDE_CONSENSUS, 0, 0);
	t = contribute(ws, ana, section(ws, 10), "To make the harbour "
	    "district safe at night, together.");
	decide(ws, INTENT_ADOPT, t);
	t = contribute(ws, lukasz, section(ws, 46), "We decide by "
	    "consensus; a block says what would have to change.");
	decide(ws, INTENT_ADOPT, t);
	section_edit(ws, 48, "Chatham House Rule in the room; caucuses off "
	    "the record. Agreements are public once adopted.");
	run_check(ws, section(ws, 48), 0, (const struct ballot[]){
	    { ana, ANSWER_AGREE, NULL },
	    { jose, ANSWER_RESERVATIONS, "Press statements need the "
	    "secretariat's approval." },
	    { fatou, ANSWER_AGREE, NULL }, { lukasz, ANSWER_AGREE, NULL },
	    { 0, 0, NULL } });
	t = contribute(ws, fatou, section(ws, 60), "Every first Monday, "
	    "18:00, at the harbour school.");
	decide(ws, INTENT_ADOPT, t);
	for (i = 0; i < ws->nitems; i++)
		if (ws->items[i].kind == ITEM_SECTION &&
		    ws->items[i].status == STATUS_OPEN &&
		    !model_section_derived(&ws->items[i]))
			section_state(ws, ws->items[i].number,
			    STATUS_NOT_APPLICABLE);

	/* Opened as named; under the rule the model makes it anonymous. */
	clock_now += 86400;
	assert_true(model_charter_ready(ws));
	p = run_check(ws, 0, POLL_F_CHARTER, (const struct ballot[]){
	    { ana, ANSWER_AGREE, NULL },
	    { jose, ANSWER_RESERVATIONS, "The schedule clashes with the "
	    "night shift." },
	    { fatou, ANSWER_RESERVATIONS, "Childcare must be provided at "
	    "meetings." },
	    { lukasz, ANSWER_STAND_ASIDE, NULL }, { 0, 0, NULL } });
	assert_int_equal(ws->charter_poll, p);
	assert_true(model_poll(ws, p)->flags & POLL_F_ANONYMOUS);
	return ws;
}

static struct workshop *
build_chatham(void)
{
	return build_chatham_silent(false);
}

/* No participant's name after the Adoption heading, and no group's. */
static void
assert_nameless_adoption(const struct workshop *ws, const char *got)
{
	const char	*after = strstr(got, "\nAdoption\n");
	size_t		 i;

	assert_non_null(after);
	/* Participant 1 is "Facilitator", a word, not someone's name. */
	for (i = 1; i < ws->npeople; i++)
		if (strstr(after, ws->people[i].name) != NULL)
			fail_msg("%s is named after the Adoption heading",
			    ws->people[i].name);
	for (i = 0; i < ws->ngroups; i++)
		if (strstr(after, ws->groups[i].name) != NULL)
			fail_msg("group %s is named after the Adoption "
			    "heading", ws->groups[i].name);
}

/*
 * Issue 15, item 2: the Adoption section says how many were present and
 * did not answer (without saying who: this check is anonymous), counting
 * neither who was not at the meeting nor the observer.
 */
static void
test_adoption_counts_silent(void **state)
{
	struct workshop	*ws;
	char		*got, *s;

	(void)state;
	ws = build_chatham_silent(true);
	got = export_string(ws);
	s = part(got, "Adoption", "Annex: decision log");
	assert_non_null(strstr(s, "1 agree, 2 agree with reservations, 1 "
	    "stand\n    aside, 0 block.\n    2 participants present did not "
	    "answer.\n"));
	assert_null(strstr(s, "Grace"));
	assert_null(strstr(s, "Nour"));
	assert_null(strstr(s, "Kofi"));
	free(s);
	assert_nameless_adoption(ws, got);
	free(got);
	model_free(ws);

	/* Everyone answered: said so, not left to be guessed. */
	ws = build_chatham();
	got = export_string(ws);
	s = part(got, "Adoption", "Annex: decision log");
	assert_non_null(strstr(s, "aside, 0 block.\n    Everyone present "
	    "answered.\n"));
	free(s);
	free(got);
	model_free(ws);
}

static void
test_charter_chatham(void **state)
{
	struct workshop	*ws;
	char		*got, *s;

	(void)state;
	ws = build_chatham();
	got = export_string(ws);
	check_shape(ws, got);
	s = part(got, "4.8 Confidentiality", "4.9 Conflict of interest");
	assert_string_equal(s, "4.8 Confidentiality\n\n"
	    "    Confidentiality rule: the Chatham House Rule — what is said "
	    "may be\n    reported, never who said it.\n"
	    "    In Caucus: off the record.\n"
	    "    In Follow-up and exit: open.\n\n"
	    "    Chatham House Rule in the room; caucuses off the record. "
	    "Agreements\n    are public once adopted.\n\n");
	free(s);
	assert_nameless_adoption(ws, got);
	s = part(got, "Adoption", "Annex: decision log");
	assert_non_null(strstr(s, "1 agree, 2 agree with reservations, 1 "
	    "stand\n    aside, 0 block.\n"));
	assert_null(strstr(s, "Agree:"));
	/* The reasons, in the order of their text. */
	assert_non_null(strstr(s, "\n    Reservations:\n"
	    "    — Childcare must be provided at meetings.\n"
	    "    — The schedule clashes with the night shift.\n"));
	free(s);
	/* Under the rule the charter counts representatives, naming
	 * nobody; what they said is nobody's either. */
	s = part(got, "2 Stakeholders and representatives", "3 Roles");
	assert_string_equal(s, "2 Stakeholders and representatives\n\n"
	    "    Numbers only: the room keeps the Chatham House Rule.\n"
	    "    Community: 1\n"
	    "    Civil society: none\n"
	    "    Local government: 1\n"
	    "    Police: 1\n"
	    "    Military: none\n"
	    "    Business: none\n"
	    "    Women's organisations: 1\n\n"
	    "    Groups absent: Civil society, Military, Business\n\n");
	free(s);
	assert_null(strstr(got, "Ana Pérez"));
	check_golden("charter-chatham.txt", got);
	free(got);
	model_free(ws);
}

/*
 * The rules the facilitator sets, changed after the charter was adopted
 * (the room did not adopt that): the charter keeps the rules as adopted
 * and says what is in force now.  A rule set back as it was is as
 * adopted again.
 */
static void
test_charter_rules_changed(void **state)
{
	struct workshop	*ws;
	char		*got, *s;

	(void)state;
	ws = build_chatham();
	phase(ws, PHASE_FOLLOWUP);
	confidentiality(ws, CONF_OFF_RECORD, PHASE_FOLLOWUP);
	decision_rule(ws, DECIDE_CONSENSUS_FALLBACK, 2, DECIDE_MAJORITY);
	got = export_string(ws);
	s = part(got, "4.6 Decision-making", "4.7 ");
	assert_non_null(strstr(s, "    Decision rule: consensus.\n"
	    "    Changed by the facilitator after the charter was adopted; "
	    "in force\n    now:\n"
	    "    Decision rule: consensus; after 2 rounds without consensus "
	    "on an\n    item, a simple majority decides.\n"));
	free(s);
	s = part(got, "4.8 Confidentiality", "4.9 Conflict of interest");
	assert_string_equal(s, "4.8 Confidentiality\n\n"
	    "    Confidentiality rule: the Chatham House Rule — what is said "
	    "may be\n    reported, never who said it.\n"
	    "    In Caucus: off the record.\n"
	    "    In Follow-up and exit: open.\n"
	    "    Changed by the facilitator after the charter was adopted; "
	    "in force\n    now:\n"
	    "    Confidentiality rule: the Chatham House Rule — what is said "
	    "may be\n    reported, never who said it.\n"
	    "    In Caucus: off the record.\n"
	    "    In Follow-up and exit: off the record.\n\n"
	    "    Chatham House Rule in the room; caucuses off the record. "
	    "Agreements\n    are public once adopted.\n\n");
	free(s);
	free(got);

	/* Set back as adopted: nothing to say; nor for a phase set to the
	 * rule it had from the room's (the same rule in force). */
	confidentiality(ws, CONF_OPEN, PHASE_FOLLOWUP);
	decision_rule(ws, DECIDE_CONSENSUS, 0, 0);
	confidentiality(ws, CONF_CHATHAM, PHASE_DIALOGUE);
	got = export_string(ws);
	assert_null(strstr(got, "Changed by the facilitator"));
	free(got);
	model_free(ws);
}

/*
 * The rule in force where a check was opened decides whether the
 * adoption names anyone, whatever the poll's flags: a record (older or
 * damaged) holding a named charter check opened under the Chatham House
 * Rule, or off the record, still names nobody; one opened in a phase the
 * facilitator kept open names who answered.
 */
static void
test_charter_rule_names(void **state)
{
	static const struct {
		int	 room, charter;	/* CONF_* of the room, of Charter */
		bool	 named;
	} cases[] = {
		{ CONF_DEFAULT, CONF_DEFAULT, true },
		{ CONF_CHATHAM, CONF_DEFAULT, false },
		{ CONF_OFF_RECORD, CONF_DEFAULT, false },
		{ CONF_OPEN, CONF_CHATHAM, false },
		{ CONF_CHATHAM, CONF_OPEN, true },
	};
	struct workshop	*ws;
	uint32_t	 eve, p;
	char		*got, *s;
	size_t		 i;

	(void)state;
	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		ws = build_empty();
		if (cases[i].room != CONF_DEFAULT)
			confidentiality(ws, cases[i].room, -1);
		if (cases[i].charter != CONF_DEFAULT)
			confidentiality(ws, cases[i].charter, PHASE_CHARTER);
		eve = join(ws, "Eve Adeyemi", "Police", ROLE_PARTICIPANT);
		phase(ws, PHASE_CHARTER);
		/* Named, whatever the rule: bypasses model_check. */
		p = commit(ws, (struct event){ .type = EVENT_POLL_OPEN,
		    .actor = MODEL_FACILITATOR,
		    .id = (uint32_t)ws->npolls + 1, .value = POLL_CONSENSUS,
		    .flags = POLL_F_CHARTER });
		commit(ws, (struct event){ .type = EVENT_VOTE, .actor = eve,
		    .ref = p, .value = ANSWER_RESERVATIONS,
		    .group = model_person(ws, eve)->group, .id = 1,
		    .text = "Too fast for the constituencies." });
		commit(ws, (struct event){ .type = EVENT_POLL_CLOSE,
		    .actor = MODEL_FACILITATOR, .ref = p });
		commit(ws, (struct event){ .type = EVENT_POLL_REVEAL,
		    .actor = MODEL_FACILITATOR, .ref = p });
		assert_int_equal(ws->charter_poll, p);
		assert_int_equal(model_poll(ws, p)->flags, POLL_F_CHARTER);

		got = export_string(ws);
		check_shape(ws, got);
		s = part(got, "Adoption", "Annex: decision log");
		/* The charter's representatives, as its phase's rule. */
		assert_true((strstr(got, "    Police: Eve Adeyemi\n") !=
		    NULL) == cases[i].named);
		if (cases[i].named) {
			assert_non_null(strstr(s, "\n    Agree with "
			    "reservations: Eve Adeyemi (Police).\n"));
			assert_non_null(strstr(s, "    — Eve Adeyemi "
			    "(Police): Too fast"));
		} else {
			assert_nameless_adoption(ws, got);
			assert_non_null(strstr(s, "    — Too fast for the "
			    "constituencies.\n"));
		}
		free(s);
		free(got);
		model_free(ws);
	}
	/* A Charter phase off the record counts its representatives, and
	 * says which rule keeps their names. */
	ws = build_empty();
	confidentiality(ws, CONF_OFF_RECORD, PHASE_CHARTER);
	join(ws, "Eve Adeyemi", "Police", ROLE_PARTICIPANT);
	got = export_string(ws);
	assert_non_null(strstr(got, "    Numbers only: names are kept off the "
	    "record.\n"));
	assert_non_null(strstr(got, "    Police: 1\n"));
	assert_null(strstr(got, "Eve Adeyemi"));
	free(got);
	model_free(ws);
}

static void
test_charter_write_error(void **state)
{
	struct workshop	*ws;
	FILE		*f;

	(void)state;
	if ((f = fopen("/dev/full", "w")) == NULL)
		skip();
	ws = build_empty();
	assert_int_equal(export_charter(ws, f), -1);
	fclose(f);
	model_free(ws);
}

/* --- the report and the action plan ------------------------------------ */

/* 2026-11-20 09:00 UTC, the first meeting; 2027-01-20 09:00, the
 * second. */
#define T_MEETING1	1795165200
#define T_MEETING2	1800435600

/* A person the record has come to the current meeting (the server writes
 * this when it welcomes them). */
static void
came(struct workshop *ws, uint32_t who)
{
	/* Joining in this meeting already counts as coming. */
	if (!model_attended(ws, ws->meeting, who))
		apply(ws, MODEL_SYSTEM, (struct intent){
		    .type = INTENT_ATTEND, .ref = who, .value = 1 });
}

static uint32_t
contribute_kind(struct workshop *ws, uint32_t who, int kind, int32_t value2,
    uint32_t ref, const char *text)
{
	return apply(ws, who, (struct intent){ .type = INTENT_CONTRIBUTE,
	    .value = kind, .value2 = value2, .ref = ref,
	    .text = (char *)text });
}

static void
action_set(struct workshop *ws, uint32_t who, uint32_t action, int field,
    int32_t value2, const char *text, const char *text2)
{
	apply(ws, who, (struct intent){ .type = INTENT_ACTION_SET,
	    .ref = action, .value = field, .value2 = value2,
	    .text = (char *)text, .text2 = (char *)text2 });
}

/* A person (group 0) or a group (person 0) owns the action. */
static void
owner(struct workshop *ws, uint32_t action, uint32_t person, uint32_t grp)
{
	apply(ws, MODEL_FACILITATOR, (struct intent){
	    .type = INTENT_ACTION_OWNER, .ref = action,
	    .value = (int32_t)person, .value2 = (int32_t)grp });
}

static void
agree(struct workshop *ws, uint32_t who, uint32_t action)
{
	apply(ws, who, (struct intent){ .type = INTENT_ACTION_COMMIT,
	    .ref = action, .value = 1 });
}

static void
milestone(struct workshop *ws, uint32_t who, uint32_t action, int32_t date,
    const char *text)
{
	apply(ws, who, (struct intent){ .type = INTENT_MILESTONE,
	    .ref = action, .value = date, .text = (char *)text });
}

static void
tick(struct workshop *ws, uint32_t who, uint32_t action, int32_t index)
{
	apply(ws, who, (struct intent){ .type = INTENT_MILESTONE_TICK,
	    .ref = action, .value = index, .value2 = 1 });
}

static uint32_t
group_id(const struct workshop *ws, const char *name)
{
	struct group	*g = model_group_by_name(ws, name);

	assert_non_null(g);
	return g->id;
}

/* A dot vote over the actions: each ballot puts dots on one action. */
struct dots {
	uint32_t	 who, action;
	int		 n;
};

static void
dot_vote(struct workshop *ws, const struct dots *d)
{
	uint32_t	 poll;
	int		 i;

	poll = apply(ws, MODEL_FACILITATOR, (struct intent){
	    .type = INTENT_POLL_OPEN, .value = POLL_DOTS, .value2 = 3 });
	for (; d->who != 0; d++)
		for (i = 0; i < d->n; i++)
			apply(ws, d->who, (struct intent){ .type = INTENT_DOT,
			    .ref = poll, .value = (int32_t)d->action,
			    .value2 = 1 });
	poll_end(ws, poll, INTENT_POLL_CLOSE);
	poll_end(ws, poll, INTENT_POLL_REVEAL);
}

/* What the process tests check by id. */
struct process {
	uint32_t	 ana, jose, lukasz, fatou;
	uint32_t	 lights, walks, cameras;
};

/*
 * A process over two meetings, everything through the reducer: the first
 * meeting runs from expectations to the action plan (three actions, one
 * dropped, a dot vote, owners who commit, milestones and a cost); the
 * second, two months later, reviews the actions, learns a lesson,
 * proposes an exit and sets the next review.  Some of it is said off the
 * record.  chatham: the room keeps the Chatham House Rule.
 */
static struct workshop *
build_process(bool chatham, struct process *pr)
{
	struct workshop	*ws = model_new();
	uint32_t	 q, a, rep, poll, vis, v2, v3, les;
	size_t		 i;

	clock_now = T_MEETING1;
	apply(ws, MODEL_SYSTEM, (struct intent){ .type = INTENT_CREATE,
	    .text = "Mesa de seguimiento — Río Claro", .secret = "KXM-47P" });
	for (i = 0; model_default_groups[i] != NULL; i++)
		group(ws, model_default_groups[i]);
	seed(ws);
	if (chatham)
		confidentiality(ws, CONF_CHATHAM, -1);
	pr->ana = join(ws, "Ana Pérez", "Community", ROLE_PARTICIPANT);
	pr->jose = join(ws, "José Núñez", "Police", ROLE_PARTICIPANT);
	pr->lukasz = join(ws, "Łukasz Żółć", "Local government",
	    ROLE_PARTICIPANT);
	pr->fatou = join(ws, "Fatou Diop", "Women's organisations",
	    ROLE_PARTICIPANT);
	join(ws, "Marie Lefèvre", NULL, ROLE_COFACILITATOR);
	join(ws, "Olu Bello", NULL, ROLE_OBSERVER);
	/* Everyone came to the first meeting. */
	for (i = 2; i <= ws->npeople; i++)
		came(ws, (uint32_t)i);

	phase(ws, PHASE_EXPECTATIONS);
	contribute(ws, pr->ana, 0, "A safer walk home from school for our "
	    "children.");
	contribute(ws, pr->jose, 0, "Less hostility towards officers on "
	    "patrol.");

	phase(ws, PHASE_GROUND_RULES);
	decide(ws, INTENT_ADOPT, sample_rule(ws, "Respectful behaviour"));
	decide(ws, INTENT_ADOPT, sample_rule(ws, "Listen to each other"));

	phase(ws, PHASE_DIALOGUE);
	q = fixture_first_of(ws, ITEM_QUESTION);
	apply(ws, MODEL_FACILITATOR, (struct intent){
	    .type = INTENT_QUESTION, .ref = q });
	a = contribute(ws, pr->ana, q, "The street lights on Calle 5 have "
	    "been broken for a year.");
	apply(ws, MODEL_FACILITATOR, (struct intent){ .type = INTENT_PIN,
	    .ref = a, .value = 1 });
	contribute(ws, pr->lukasz, q, "The council has money for lighting "
	    "but no plan.");
	/* Said off the record: shown in the room, never exported. */
	confidentiality(ws, CONF_OFF_RECORD, PHASE_DIALOGUE);
	contribute(ws, pr->jose, q, "Two officers were threatened last "
	    "month.");
	confidentiality(ws, CONF_DEFAULT, PHASE_DIALOGUE);

	phase(ws, PHASE_CAUCUS);
	rep = apply(ws, pr->ana, (struct intent){ .type = INTENT_REPORT,
	    .text = "Lighting first, then patrols on foot." });
	poll = apply(ws, pr->ana, (struct intent){ .type = INTENT_POLL_OPEN,
	    .value = POLL_CONSENSUS, .ref = rep, .flags = POLL_F_GROUP });
	apply(ws, pr->ana, (struct intent){ .type = INTENT_VOTE, .ref = poll,
	    .value = ANSWER_AGREE });
	poll_end(ws, poll, INTENT_POLL_CLOSE);
	/* The caucus closes its own check. */
	apply(ws, MODEL_FACILITATOR, (struct intent){
	    .type = INTENT_REPORT_REVEAL, .ref = rep });
	/* A note stays in its caucus. */
	contribute(ws, pr->jose, 0, "Caucus note: the chief will not come.");

	phase(ws, PHASE_CHARTER);
	a = contribute(ws, pr->ana, section(ws, 10), "To make the streets of "
	    "Río Claro safe, together.");
	decide(ws, INTENT_ADOPT, a);

	phase(ws, PHASE_VISION);
	vis = contribute(ws, pr->ana, 0, "Every street in Río Claro is safe to "
	    "walk at night.");
	v2 = contribute(ws, pr->fatou, 0, "Women and girls move freely, day "
	    "and night.");
	v3 = contribute(ws, pr->jose, 0, "Neighbours and officers know each "
	    "other by name.");
	contribute_kind(ws, pr->lukasz, ITEM_PROBLEM, 0, 0, "Nobody "
	    "coordinates the council, the police and the neighbourhoods.");
	apply(ws, MODEL_FACILITATOR, (struct intent){ .type = INTENT_MERGE,
	    .ref = v3, .value = (int32_t)vis });
	run_check(ws, vis, 0, (const struct ballot[]){
	    { pr->ana, ANSWER_AGREE, NULL }, { pr->jose, ANSWER_AGREE, NULL },
	    { pr->lukasz, ANSWER_AGREE, NULL },
	    { pr->fatou, ANSWER_AGREE, NULL }, { 0, 0, NULL } });
	assert_int_equal(model_item(ws, vis)->status, STATUS_ADOPTED);
	assert_int_equal(model_item(ws, v2)->status, STATUS_OPEN);

	phase(ws, PHASE_ACTIONS);
	pr->walks = contribute(ws, pr->jose, 0, "Monthly walk of officers and "
	    "neighbours through the barrio");
	pr->lights = contribute(ws, pr->ana, 0, "Repair the street lights on "
	    "Calle 5");
	pr->cameras = contribute(ws, pr->lukasz, 0, "Cameras in the market");
	dot_vote(ws, (const struct dots[]){
	    { pr->ana, pr->lights, 2 }, { pr->ana, pr->walks, 1 },
	    { pr->jose, pr->walks, 2 }, { pr->jose, pr->lights, 1 },
	    { pr->lukasz, pr->lights, 3 }, { pr->fatou, pr->walks, 1 },
	    { pr->fatou, pr->cameras, 1 }, { 0, 0, 0 } });

	action_set(ws, pr->ana, pr->lights, ACTION_HOW, 0, "The council's "
	    "crew, from a list of broken lamps the neighbours make", NULL);
	action_set(ws, pr->ana, pr->lights, ACTION_DUE, 20270315, NULL, NULL);
	action_set(ws, pr->ana, pr->lights, ACTION_TERM, TERM_SHORT, NULL,
	    NULL);
	action_set(ws, pr->ana, pr->lights, ACTION_QUICK_WIN, 1, NULL, NULL);
	action_set(ws, pr->ana, pr->lights, ACTION_RESOURCES, 0, "Two crews "
	    "for a week; 40 lamps", NULL);
	action_set(ws, pr->ana, pr->lights, ACTION_COST, 0, "1500", "USD");
	action_set(ws, pr->ana, pr->lights, ACTION_PROVIDER, 0, "the "
	    "municipality", NULL);
	owner(ws, pr->lights, 0, group_id(ws, "Local government"));
	owner(ws, pr->lights, pr->ana, 0);
	milestone(ws, pr->ana, pr->lights, 20261215, "Neighbours map the "
	    "broken lamps");
	milestone(ws, pr->ana, pr->lights, 20270315, "Every lamp on Calle 5 "
	    "works");
	agree(ws, pr->lukasz, pr->lights);
	agree(ws, pr->ana, pr->lights);
	agree(ws, MODEL_FACILITATOR, pr->lights);
	assert_int_equal(model_item(ws, pr->lights)->action->status,
	    ACTION_AGREED);

	action_set(ws, pr->jose, pr->walks, ACTION_DUE, 20270630, NULL, NULL);
	action_set(ws, pr->jose, pr->walks, ACTION_TERM, TERM_MEDIUM, NULL,
	    NULL);
	action_set(ws, pr->jose, pr->walks, ACTION_RESOURCES, 0, "Four "
	    "officers, two hours a month", NULL);
	owner(ws, pr->walks, 0, group_id(ws, "Police"));
	owner(ws, pr->walks, 0, group_id(ws, "Community"));
	milestone(ws, pr->jose, pr->walks, 20270110, "First walk");
	agree(ws, pr->jose, pr->walks);
	agree(ws, pr->ana, pr->walks);
	agree(ws, MODEL_FACILITATOR, pr->walks);

	owner(ws, pr->cameras, 0, group_id(ws, "Local government"));
	action_set(ws, MODEL_FACILITATOR, pr->cameras, ACTION_STATUS,
	    ACTION_DROPPED, NULL, NULL);

	/* Meeting 2, two months on: a new day, other people. */
	clock_now = T_MEETING2;
	apply(ws, MODEL_FACILITATOR, (struct intent){ .type = INTENT_MEETING,
	    .value = 20270120 });
	came(ws, pr->ana);
	came(ws, pr->jose);
	came(ws, pr->fatou);
	phase(ws, PHASE_FOLLOWUP);
	/* The record of this change names her; not under the rule.  A new
	 * owner of an agreed action: reopened, and agreed again by all. */
	action_set(ws, MODEL_FACILITATOR, pr->walks, ACTION_STATUS,
	    ACTION_PROPOSED, NULL, NULL);
	owner(ws, pr->walks, pr->fatou, 0);
	agree(ws, pr->jose, pr->walks);
	agree(ws, pr->ana, pr->walks);
	agree(ws, pr->fatou, pr->walks);
	agree(ws, MODEL_FACILITATOR, pr->walks);
	tick(ws, pr->ana, pr->lights, 0);
	action_set(ws, pr->ana, pr->lights, ACTION_STATUS, ACTION_IN_PROGRESS,
	    NULL, NULL);
	contribute_kind(ws, pr->ana, ITEM_PROGRESS, 0, pr->lights, "Forty "
	    "lamps mapped; the crew starts on 25 January.");
	tick(ws, pr->jose, pr->walks, 0);
	action_set(ws, pr->jose, pr->walks, ACTION_STATUS, ACTION_IN_PROGRESS,
	    NULL, NULL);
	contribute_kind(ws, pr->jose, ITEM_PROGRESS, 0, pr->walks, "First "
	    "walk on 10 January: 23 neighbours came.");
	les = contribute(ws, pr->fatou, 0, "Invite the women's groups to every "
	    "walk.");
	contribute(ws, pr->jose, 0, "Start with one street, then the next.");
	run_check(ws, les, 0, (const struct ballot[]){
	    { pr->ana, ANSWER_AGREE, NULL }, { pr->jose, ANSWER_AGREE, NULL },
	    { pr->fatou, ANSWER_AGREE, NULL }, { 0, 0, NULL } });
	/* Straw polls are part of what the room heard (issue 15). */
	poll = apply(ws, MODEL_FACILITATOR, (struct intent){
	    .type = INTENT_POLL_OPEN, .value = POLL_STRAW,
	    .text = "Meet every two months instead of every month?" });
	poll_answer(ws, poll, (const struct ballot[]){
	    { pr->ana, ANSWER_YES, NULL }, { pr->jose, ANSWER_YES, NULL },
	    { pr->fatou, ANSWER_NO, NULL }, { 0, 0, NULL } });
	poll_end(ws, poll, INTENT_POLL_CLOSE);
	poll_end(ws, poll, INTENT_POLL_REVEAL);
	confidentiality(ws, CONF_OFF_RECORD, PHASE_FOLLOWUP);
	contribute(ws, pr->fatou, 0, "The mayor's office slowed the repairs "
	    "on purpose.");
	poll = apply(ws, MODEL_FACILITATOR, (struct intent){
	    .type = INTENT_POLL_OPEN, .value = POLL_STRAW,
	    .text = "Ask the mayor to explain the delay?" });
	poll_answer(ws, poll, (const struct ballot[]){
	    { pr->ana, ANSWER_YES, NULL }, { 0, 0, NULL } });
	poll_end(ws, poll, INTENT_POLL_CLOSE);
	poll_end(ws, poll, INTENT_POLL_REVEAL);
	confidentiality(ws, CONF_DEFAULT, PHASE_FOLLOWUP);
	contribute_kind(ws, pr->jose, ITEM_EXIT, EXIT_HAND_OVER, 0, "The "
	    "neighbourhood council takes the walks over after a year.");
	apply(ws, MODEL_FACILITATOR, (struct intent){
	    .type = INTENT_NEXT_REVIEW, .value = 20270301 });
	return ws;
}

#define CSV_HEADER	"number,what,who,how,due,term,quick_win,resources," \
			"cost,currency,provider,status,milestones,dots," \
			"meeting,indicator\r\n"

static char *
report_string(const struct workshop *ws)
{
	return export_with(export_report, ws);
}

static char *
csv_string(const struct workshop *ws)
{
	return export_with(export_actions_csv, ws);
}

/* Nothing said off the record reaches the report, nor a caucus note. */
static void
assert_on_record(const char *got)
{
	assert_null(strstr(got, "threatened"));
	assert_null(strstr(got, "slowed the repairs"));
	assert_null(strstr(got, "the chief will not come"));
}

static void
test_report_two_meetings(void **state)
{
	struct workshop	*ws;
	struct process	 pr;
	char		*got, *s;

	(void)state;
	ws = build_process(false, &pr);
	/* The serving facilitator's default name in the report's language
	 * (the French report read "Facilitateurs : Facilitator"). */
	i18n_set_language("fr");
	got = report_string(ws);
	i18n_set_language("en");
	s = strstr(got, "Facilitateurs");
	assert_non_null(s);
	assert_true(strncmp(s, "Facilitateurs\xc2\xa0: Facilitateur, Marie",
	    strlen("Facilitateurs\xc2\xa0: Facilitateur, Marie")) == 0 ||
	    strncmp(s, "Facilitateurs : Facilitateur, Marie",
	    strlen("Facilitateurs : Facilitateur, Marie")) == 0);
	free(got);
	got = report_string(ws);
	check_shape_of(export_report, ws, got);
	assert_on_record(got);
	/* The charter, whole, comes first. */
	assert_true(strstr(got, "\n1 Goal\n") < strstr(got, "\nMeeting 1 — "
	    "20 November 2026 (2026-11-20)\n"));
	assert_true(strstr(got, "\nAnnex: decision log\n") < strstr(got,
	    "\nMeeting 1 — "));
	s = part(got, "Meeting 1 — 20 November 2026 (2026-11-20)", "Meeting 2 — 20 January 2027 (2027-01-20)");
	assert_non_null(strstr(s, "\nWho came\n\n"
	    "    Community: Ana Pérez\n"
	    "    Local government: Łukasz Żółć\n"
	    "    Police: José Núñez\n"
	    "    Women's organisations: Fatou Diop\n"
	    "    Facilitators: Facilitator, Marie Lefèvre\n"
	    "    Observers: Olu Bello\n"
	    "    Absent: Civil society, Military, Business\n"));
	assert_non_null(strstr(s, "(held off the record)"));
	assert_non_null(strstr(s, "Community caucus, approved 1 of 1: "
	    "Lighting first"));
	/* The merged vision is gone; the adopted one comes first. */
	assert_null(strstr(s, "know each other by name"));
	assert_true(strstr(s, "[adopted] Every street") < strstr(s,
	    "Women and girls"));
	/* Plan order: most dots first, the dropped one last. */
	assert_true(strstr(s, "Repair the street lights") < strstr(s,
	    "Monthly walk"));
	assert_true(strstr(s, "Monthly walk") < strstr(s, "Cameras in"));
	assert_non_null(strstr(s, "        Cost: 1,500.00 USD, provided by the "
	    "municipality\n"));
	free(s);
	s = part(got, "Meeting 2 — 20 January 2027 (2027-01-20)", NULL);
	assert_non_null(strstr(s, "    Absent: Civil society, Local "
	    "government, Military, Business,\n        Women's organisations"
	    "\n") == NULL ? strstr(s, "Absent: Civil society, Local "
	    "government,") : s);
	assert_non_null(strstr(s, "No new actions."));
	assert_non_null(strstr(s, "milestone done: Neighbours map the broken "
	    "lamps"));
	assert_non_null(strstr(s, "Hand over [proposed]: The neighbourhood "
	    "council"));
	assert_non_null(strstr(s, "\n\nNext review: 1 March 2027 (2027-03-01)\n"));
	assert_non_null(strstr(s, "\nStraw polls\n\n    - Meet every two "
	    "months instead of every month? (2027-01-20): 2 yes,\n      1 no, "
	    "0 abstain\n    (held off the record)\n"));
	assert_null(strstr(got, "explain the delay"));
	free(s);
	s = part(got, "Meeting 1 — 20 November 2026 (2026-11-20)", "Meeting 2 — 20 January 2027 (2027-01-20)");
	assert_null(strstr(s, "Straw polls"));
	free(s);
	/* The record's extent in words; no "event 163". */
	assert_non_null(strstr(got, "\nRecord: "));
	assert_null(strstr(got, " event "));
	check_golden("report-two-meetings.txt", got);
	free(got);
	model_free(ws);
}

/* No person's name anywhere after the charter's list of representatives
 * (section 2): not who came, not who wrote, not who owns an action. */
static void
assert_nameless_after_stakeholders(const struct workshop *ws,
    const char *got)
{
	const char	*after = strstr(got, "\n3 Roles\n");
	size_t		 i;

	assert_non_null(after);
	/* Participant 1 is "Facilitator", a word, not someone's name. */
	for (i = 1; i < ws->npeople; i++)
		if (strstr(after, ws->people[i].name) != NULL)
			fail_msg("%s is named after section 2",
			    ws->people[i].name);
}

/*
 * A room that put itself under the Chatham House Rule after people had
 * spoken in the open: the report, which leaves the room, names nobody
 * anywhere, not for what was said before either, while the open room's
 * report of the same record names its authors.
 */
static void
test_report_rule_set_later(void **state)
{
	struct workshop	*ws;
	struct process	 pr;
	char		*got;
	size_t		 i;

	(void)state;
	ws = build_process(false, &pr);
	got = report_string(ws);
	assert_non_null(strstr(got, "Ana Pérez"));
	free(got);
	/* Fatou renamed first: the records made under her old name do
	 * not give it away either. */
	apply(ws, MODEL_FACILITATOR, (struct intent){ .type = INTENT_RENAME,
	    .ref = pr.fatou, .text = "F. D." });
	confidentiality(ws, CONF_CHATHAM, -1);
	got = report_string(ws);
	check_shape_of(export_report, ws, got);
	for (i = 1; i < ws->npeople; i++)
		if (strstr(got, ws->people[i].name) != NULL)
			fail_msg("%s is named", ws->people[i].name);
	if (strstr(got, "Fatou") != NULL)
		fail_msg("Fatou's old name is in the report");
	free(got);
	model_free(ws);
}

/* 4.6 and 4.8 marked not applicable: the room's rule is the section, and
 * nothing after it says otherwise (it said "Not applicable." beneath the
 * rule). */
static void
test_charter_ruled_not_applicable(void **state)
{
	struct workshop	*ws;
	char		*got, *s;

	(void)state;
	ws = build_empty();
	phase(ws, PHASE_CHARTER);
	decision_rule(ws, DECIDE_MAJORITY, 0, 0);
	confidentiality(ws, CONF_CHATHAM, -1);
	section_state(ws, 46, STATUS_NOT_APPLICABLE);
	section_state(ws, 48, STATUS_NOT_APPLICABLE);
	section_state(ws, 49, STATUS_NOT_APPLICABLE);
	got = export_string(ws);
	check_shape(ws, got);
	s = part(got, "4.6 Decision-making", "4.7 Disputes and grievances");
	assert_string_equal(s, "4.6 Decision-making\n\n"
	    "    Decision rule: simple majority.\n\n");
	free(s);
	s = part(got, "4.8 Confidentiality", "4.9 Conflict of interest");
	assert_null(strstr(s, "Not applicable."));
	assert_non_null(strstr(s, "Chatham House Rule"));
	free(s);
	/* A section with no rule of the room's still says it. */
	s = part(got, "4.9 Conflict of interest", "4.10 Documenting meetings "
	    "and tracking agreements");
	assert_string_equal(s, "4.9 Conflict of interest\n\n"
	    "    Not applicable.\n\n");
	free(s);
	free(got);
	model_free(ws);
}

/* The room moves to the Chatham House Rule after people spoke in the
 * open, then takes Dialogue off the record: what was said before stays
 * nameless (before, the phase's rule lifted the room's and the report
 * named Ana again). */
static void
test_report_chatham_then_off(void **state)
{
	struct workshop	*ws;
	uint32_t	 ana, q;
	char		*got;

	(void)state;
	ws = build_empty();
	ana = join(ws, "Ana Pérez", "Community", ROLE_PARTICIPANT);
	phase(ws, PHASE_DIALOGUE);
	q = fixture_first_of(ws, ITEM_QUESTION);
	apply(ws, MODEL_FACILITATOR, (struct intent){
	    .type = INTENT_QUESTION, .ref = q });
	contribute(ws, ana, q, "Las luces de la calle 5 no funcionan.");
	confidentiality(ws, CONF_CHATHAM, -1);
	got = report_string(ws);
	assert_non_null(strstr(got, "Las luces de la calle 5"));
	assert_null(strstr(got, "Ana Pérez (Community)"));
	free(got);
	confidentiality(ws, CONF_OFF_RECORD, PHASE_DIALOGUE);
	got = report_string(ws);
	assert_non_null(strstr(got, "Las luces de la calle 5"));
	assert_null(strstr(got, "Ana Pérez (Community)"));
	free(got);
	/* Kept open by the facilitator, the phase names as before. */
	confidentiality(ws, CONF_OPEN, PHASE_DIALOGUE);
	got = report_string(ws);
	assert_non_null(strstr(got, "Las luces de la calle 5 no funcionan. — "
	    "Ana Pérez (Community)"));
	free(got);
	model_free(ws);
}

/*
 * An action agreed while Action plans was off the record is in the plan:
 * the report's and the CSV's (the README: what the room decides is always
 * in the report).  Before, it was left out of both, the report saying only
 * that something was held.  Who proposed and who owns it stay out; what
 * was said of it off the record stays out too.
 */
static void
test_report_off_record_action(void **state)
{
	struct workshop	*ws;
	uint32_t	 ana, act;
	char		*got, *s;

	(void)state;
	clock_now = T_MEETING1;
	ws = build_empty();
	ana = join(ws, "Ana Pérez", "Community", ROLE_PARTICIPANT);
	phase(ws, PHASE_ACTIONS);
	confidentiality(ws, CONF_OFF_RECORD, PHASE_ACTIONS);
	act = contribute(ws, ana, 0, "Repair the street lights on Calle 5");
	owner(ws, act, ana, 0);
	action_set(ws, ana, act, ACTION_DUE, 20270315, NULL, NULL);
	agree(ws, ana, act);
	agree(ws, MODEL_FACILITATOR, act);
	assert_int_equal(model_item(ws, act)->action->status, ACTION_AGREED);
	contribute_kind(ws, ana, ITEM_PROGRESS, 0, act, "The chief will "
	    "not pay for it.");
	got = report_string(ws);
	check_shape_of(export_report, ws, got);
	assert_non_null(strstr(got, "    #1 Repair the street lights on "
	    "Calle 5\n"));
	assert_non_null(strstr(got, "Who: a participant (committed)"));
	assert_non_null(strstr(got, "Status: agreed\n"
	    "        (held off the record)\n"));
	/* Ana is named where she came, not by the action. */
	assert_null(strstr(got, "Ana Pérez (Community)"));
	assert_null(strstr(got, "Ana Pérez (committed)"));
	assert_null(strstr(got, "will not pay"));
	free(got);
	got = csv_string(ws);
	assert_non_null(strstr(got, "\r\n1,Repair the street lights on "
	    "Calle 5,a participant (committed),"));
	assert_null(strstr(got, "Ana"));
	assert_null(strstr(got, "will not pay"));
	free(got);
	/* The next meeting's review of it, in the open, does not name its
	 * owner in the record of a change either. */
	clock_now = T_MEETING2;
	apply(ws, MODEL_FACILITATOR, (struct intent){ .type = INTENT_MEETING,
	    .value = 20270120 });
	phase(ws, PHASE_FOLLOWUP);
	came(ws, ana);
	action_set(ws, MODEL_FACILITATOR, act, ACTION_STATUS, ACTION_PROPOSED,
	    NULL, NULL);
	owner(ws, act, join(ws, "Bo Larsen", "Community", ROLE_PARTICIPANT),
	    0);
	got = report_string(ws);
	s = part(got, "Follow-up review", NULL);
	assert_non_null(strstr(s, "owner added: a participant"));
	assert_null(strstr(s, "Bo Larsen"));
	free(s);
	free(got);
	model_free(ws);
}

/* A lesson the room's check did not adopt (a block) stays open, and the
 * report says it was not adopted; before, it was listed as if never
 * checked, beside one that was. */
static void
test_report_lesson_blocked(void **state)
{
	struct workshop	*ws;
	uint32_t	 ana, jose, les;
	char		*got, *s;

	(void)state;
	clock_now = T_MEETING1;
	ws = build_empty();
	ana = join(ws, "Ana Pérez", "Community", ROLE_PARTICIPANT);
	jose = join(ws, "José Núñez", "Police", ROLE_PARTICIPANT);
	phase(ws, PHASE_FOLLOWUP);
	les = contribute(ws, ana, 0, "Meet in the market, not the station.");
	contribute(ws, jose, 0, "Start with one street.");
	run_check(ws, les, 0, (const struct ballot[]){
	    { ana, ANSWER_AGREE, NULL }, { jose, ANSWER_BLOCK, NULL },
	    { 0, 0, NULL } });
	assert_int_equal(model_item(ws, les)->status, STATUS_OPEN);
	got = report_string(ws);
	s = part(got, "Lessons learned", NULL);
	assert_non_null(strstr(s, "[not adopted] Meet in the market"));
	assert_null(strstr(s, "] Start with one street"));
	free(s);
	free(got);
	model_free(ws);
}

static void
test_report_chatham(void **state)
{
	struct workshop	*ws;
	struct process	 pr;
	char		*got, *s;

	(void)state;
	ws = build_process(true, &pr);
	got = report_string(ws);
	check_shape_of(export_report, ws, got);
	assert_on_record(got);
	assert_nameless_after_stakeholders(ws, got);
	/* The charter counts its representatives, naming nobody. */
	assert_non_null(strstr(got, "    Numbers only: the room keeps the "
	    "Chatham House Rule.\n    Community: 1\n"));
	assert_null(strstr(got, "Ana Pérez"));
	s = part(got, "Meeting 1 — 20 November 2026 (2026-11-20)", "Meeting 2 — 20 January 2027 (2027-01-20)");
	assert_non_null(strstr(s, "\nWho came\n\n"
	    "    Numbers only: the room keeps the Chatham House Rule.\n"
	    "    Community: 1\n"));
	assert_non_null(strstr(s, "    Facilitators: 2\n"));
	/* No byline: " — " is only in the meeting's heading. */
	assert_null(strstr(strchr(s, '\n'), " — "));
	free(s);
	check_golden("report-chatham.txt", got);
	free(got);
	model_free(ws);
}

static void
test_actions_csv(void **state)
{
	struct workshop	*ws;
	struct process	 pr;
	char		*got;

	(void)state;
	ws = build_process(false, &pr);
	got = csv_string(ws);
	assert_true(strncmp(got, CSV_HEADER, strlen(CSV_HEADER)) == 0);
	check_golden("actions-two-meetings.csv", got);
	free(got);
	model_free(ws);
}

/* RFC 4180 quoting and formula guards, byte for byte. */
static void
test_actions_csv_quoting(void **state)
{
	struct workshop	*ws;
	uint32_t	 ana, a, b;
	char		*got, *want;

	(void)state;
	clock_now = T_MEETING1;
	ws = model_new();
	apply(ws, MODEL_SYSTEM, (struct intent){ .type = INTENT_CREATE,
	    .text = "CSV", .secret = "KXM-47P" });
	group(ws, "Community");
	ana = join(ws, "Ana \"La Flaca\" Pérez", "Community",
	    ROLE_PARTICIPANT);
	phase(ws, PHASE_ACTIONS);
	a = contribute(ws, ana, 0, "Lamps, benches and \"safe\" corners");
	b = contribute(ws, ana, 0, "=HYPERLINK(\"http://evil\")");
	action_set(ws, ana, a, ACTION_HOW, 0, "-first ask, then fix", NULL);
	action_set(ws, ana, a, ACTION_RESOURCES, 0, "@council", NULL);
	action_set(ws, ana, a, ACTION_PROVIDER, 0, "+ the parish", NULL);
	owner(ws, a, ana, 0);
	milestone(ws, ana, a, 20270101, "Map, then \"fix\"");
	/* A record can hold a line break where a field may not take one
	 * now (an older journal): it stays inside its quotes. */
	free(model_item(ws, b)->text);
	model_item(ws, b)->text = xstrdup("two\r\nlines");
	got = csv_string(ws);
	want = xasprintf(CSV_HEADER
	    "%u,\"Lamps, benches and \"\"safe\"\" corners\","
	    "\"Ana \"\"La Flaca\"\" Pérez (not yet)\",\"'-first ask, then "
	    "fix\",,,no,'@council,,,'+ the parish,proposed,"
	    "\"2027-01-01 Map, then \"\"fix\"\"\",,1,\r\n"
	    "%u,\"two\r\nlines\",,,,,no,,,,,proposed,,,1,\r\n", a, b);
	assert_string_equal(got, want);
	free(want);
	free(got);
	model_free(ws);
}

/* A room that has only just opened: the charter, one meeting, and an
 * action plan that says there is none. */
#define EMPTY_TOP	"Multi-stakeholder dialogue\n" \
			"==========================\n" \
			"Report of the process\n" \
			"Meetings: 1, on 9 March 2024 (2024-03-09)\n" \
			"Record: 52 changes, the last on 9 March 2024 " \
			"(2024-03-09)\n"
static void
test_report_empty(void **state)
{
	struct workshop	*ws;
	char		*got, *s;

	(void)state;
	ws = build_empty();
	got = report_string(ws);
	check_shape_of(export_report, ws, got);
	s = xstrndup(got, strlen(EMPTY_TOP));
	assert_string_equal(s, EMPTY_TOP);
	free(s);
	s = part(got, "Meeting 1 — 9 March 2024 (2024-03-09)", NULL);
	/* Only the facilitator's own attendance, and no plan yet. */
	assert_string_equal(s, "Meeting 1 — 9 March 2024 (2024-03-09)\n"
	    "-------------------------------------\n\n"
	    "Who came\n\n"
	    "    Facilitators: Facilitator\n"
	    "    Absent: Community, Civil society, Local government, Police,\n"
	    "        Military, Business, Women's organisations\n\n"
	    "Action plan\n\n"
	    "    No actions yet.\n");
	free(s);
	free(got);
	got = csv_string(ws);
	assert_string_equal(got, CSV_HEADER);
	free(got);
	model_free(ws);
}

/* Text a record holds that the reducer would refuse today reaches the
 * report sanitised, wherever it is: an expectation, its author's name,
 * an action and its owner, a milestone. */
static void
test_report_sanitised(void **state)
{
	struct workshop	*ws;
	uint32_t	 eve, act;
	char		*got;

	(void)state;
	ws = build_empty();
	eve = commit(ws, (struct event){ .type = EVENT_JOIN,
	    .id = (uint32_t)ws->npeople + 1, .text = EVIL_NAME, .ref = 1,
	    .value = ROLE_PARTICIPANT, .secret = "token-x" });
	came(ws, eve);
	phase(ws, PHASE_EXPECTATIONS);
	commit(ws, (struct event){ .type = EVENT_ITEM, .actor = eve,
	    .id = (uint32_t)ws->nitems + 1, .value = ITEM_EXPECTATION,
	    .value2 = STATUS_OPEN, .group = 1, .text = EVIL_TEXT });
	phase(ws, PHASE_ACTIONS);
	act = commit(ws, (struct event){ .type = EVENT_ITEM, .actor = eve,
	    .id = (uint32_t)ws->nitems + 1, .value = ITEM_ACTION,
	    .value2 = STATUS_OPEN, .group = 1, .text = EVIL_TEXT });
	owner(ws, act, eve, 0);
	milestone(ws, MODEL_FACILITATOR, act, 20270101, "fine");
	free(model_item(ws, act)->action->milestones[0].text);
	model_item(ws, act)->action->milestones[0].text = xstrdup(EVIL_REASON);

	got = report_string(ws);
	check_shape_of(export_report, ws, got);
	assert_null(strchr(got, '\x1b'));
	assert_null(strchr(got, '\x07'));
	assert_null(strstr(got, "\xe2\x80\xae"));
	assert_null(strstr(got, "\xc2\x9b"));
	assert_non_null(strstr(got, "    Community: Eve\xef\xbf\xbd[31m"));
	free(got);
	model_free(ws);
}

/* got with each line break and the indent after it as one space: a
 * wrapped sentence as it was written. */
static char *
flat(const char *got)
{
	char	*s = xstrdup(got), *w = s;
	size_t	 i;

	for (i = 0; got[i] != '\0'; i++) {
		if (got[i] != '\n') {
			*w++ = got[i];
			continue;
		}
		*w++ = ' ';
		while (got[i + 1] == ' ')
			i++;
	}
	*w = '\0';
	return s;
}

/* 2027-03-03 10:00 UTC: meeting 2, dated 2027-03-04, entered a day
 * ahead (or a record typed up in advance). */
#define T_EVE		1804068000

/*
 * Issue 15, item 13: the record keeps the clock's time of every check;
 * the screens and exports date a check by its meeting, the date people
 * gave it, and add the day it was recorded when that is another.  A room
 * that has met once dates checks by the day they were taken, as before.
 */
static void
test_dates_of_meetings(void **state)
{
	struct workshop	*ws = model_new();
	uint32_t	 ana, jose, poll;
	size_t		 i;
	char		*got, *f, buf[80];
	const struct ballot yes[] = { { 0, ANSWER_AGREE, NULL },
	    { 0, ANSWER_AGREE, NULL }, { 0, 0, NULL } };
	struct ballot	 b[3];

	(void)state;
	create(ws, "Mesa de seguimiento");
	for (i = 0; model_default_groups[i] != NULL; i++)
		group(ws, model_default_groups[i]);
	seed(ws);
	ana = join(ws, "Ana Pérez", "Community", ROLE_PARTICIPANT);
	jose = join(ws, "José Núñez", "Police", ROLE_PARTICIPANT);
	memcpy(b, yes, sizeof b);
	b[0].who = ana;
	b[1].who = jose;
	phase(ws, PHASE_CHARTER);
	decision_rule(ws, DECIDE_CONSENSUS, 0, 0);
	section_edit(ws, 10, "Calles seguras para todos.");
	poll = run_check(ws, section(ws, 10), 0, b);
	/* One meeting so far: the day of the stamp. */
	assert_string_equal(model_when(ws, 1, model_poll(ws, poll)->closed,
	    MODEL_WHEN_AT, buf, sizeof buf), "on 2024-03-09");

	clock_now = T_EVE;
	apply(ws, MODEL_FACILITATOR, (struct intent){ .type = INTENT_MEETING,
	    .value = 20270304 });
	section_edit(ws, 46, "Decidimos por consenso.");
	run_check(ws, section(ws, 46), 0, b);
	for (i = 0; i < ws->nitems; i++)
		if (ws->items[i].kind == ITEM_SECTION &&
		    ws->items[i].status == STATUS_OPEN &&
		    !model_section_derived(&ws->items[i]))
			section_state(ws, ws->items[i].number,
			    STATUS_NOT_APPLICABLE);
	assert_true(model_charter_ready(ws));
	run_check(ws, 0, POLL_F_CHARTER, b);
	phase(ws, PHASE_FOLLOWUP);
	poll = apply(ws, MODEL_FACILITATOR, (struct intent){
	    .type = INTENT_POLL_OPEN, .value = POLL_STRAW,
	    .text = "¿Nos vemos cada mes?" });
	poll_answer(ws, poll, (const struct ballot[]){
	    { ana, ANSWER_YES, NULL }, { jose, ANSWER_YES, NULL },
	    { 0, 0, NULL } });
	poll_end(ws, poll, INTENT_POLL_CLOSE);
	poll_end(ws, poll, INTENT_POLL_REVEAL);

	got = export_string(ws);
	check_shape(ws, got);
	f = flat(got);
	assert_non_null(strstr(f, "Date of adoption: meeting 2, 4 March 2027 "
	    "(2027-03-04); recorded 3 March 2027 (2027-03-03) Record: "));
	assert_non_null(strstr(f, "The charter was adopted at meeting 2, "
	    "2027-03-04 (recorded 2027-03-03), by consensus check 3 on the "
	    "whole charter, round 1: 2 agree,"));
	/* Meeting 1's check was recorded on its day: its date alone. */
	assert_non_null(strstr(f, "Check 1, round 1, meeting 1, 2024-03-09: "
	    "consensus — adopted"));
	assert_non_null(strstr(f, "Check 2, round 1, meeting 2, 2027-03-04 "
	    "(recorded 2027-03-03): consensus — adopted"));
	free(f);
	free(got);

	/* The report: a straw poll under its meeting's heading. */
	got = report_string(ws);
	check_shape_of(export_report, ws, got);
	f = flat(got);
	assert_non_null(strstr(f, "Meeting 2 — 4 March 2027 (2027-03-04)"));
	assert_non_null(strstr(f, "¿Nos vemos cada mes? (2027-03-04; "
	    "recorded 2027-03-03): 2 yes, 0 no, 0 abstain"));
	free(f);
	free(got);
	model_free(ws);
}

static void
test_report_write_error(void **state)
{
	struct workshop	*ws;
	struct process	 pr;
	FILE		*f;

	(void)state;
	if ((f = fopen("/dev/full", "w")) == NULL)
		skip();
	ws = build_process(false, &pr);
	assert_int_equal(export_report(ws, f), -1);
	clearerr(f);
	assert_int_equal(export_actions_csv(ws, f), -1);
	fclose(f);
	model_free(ws);
}

/* A process without a Charter phase (hsbp) exports its stakeholders and
 * the rules it adopted, not eleven sections "Not yet agreed." that the
 * room never could agree; the default process keeps them all. */
static void
test_charter_without_phase(void **state)
{
	struct workshop	*ws;
	char		*got;

	(void)state;
	ws = fixture_template_room("hsbp", NULL, 0, T0);
	assert_non_null(ws);
	got = export_string(ws);
	assert_non_null(strstr(got, "This process has no charter phase"));
	assert_non_null(strstr(got, "\n2 Stakeholders and representatives\n"));
	assert_non_null(strstr(got, "\n4.1 Ground rules\n"));
	assert_non_null(strstr(got, "\n4.8 Confidentiality\n"));
	assert_null(strstr(got, "\n1 Goal\n"));
	assert_null(strstr(got, "Not yet agreed."));
	assert_null(strstr(got, "has not been adopted yet"));
	free(got);
	model_free(ws);
	ws = fixture_template_room("msp", NULL, 0, T0);
	got = export_string(ws);
	assert_null(strstr(got, "This process has no charter phase"));
	assert_non_null(strstr(got, "\n1 Goal\n"));
	assert_non_null(strstr(got, "Not yet agreed."));
	free(got);
	model_free(ws);
}

/* Issue 16: a room made from a template reports, per meeting, each
 * phase's planned start and timebox against when the room came to it and
 * how long it stayed (the clock of the exporting computer: UTC here). */
static void
test_report_agenda(void **state)
{
	struct workshop	*ws;
	struct intent	 x;
	struct event	 ev;
	struct model_error err;
	char		*got, *s;

	(void)state;
	setenv("TZ", "UTC", 1);
	tzset();
	ws = fixture_template_room("msp", NULL, 0, T0);
	assert_non_null(ws);
	x = (struct intent){ .type = INTENT_AGENDA, .value = AGENDA_START,
	    .value2 = 16 * 60 };
	assert_int_equal(model_apply(ws, MODEL_FACILITATOR, &x, T0, &ev,
	    &err), 0);
	/* T0 is 16:00 UTC: Welcome 12 minutes, Preparing skipped,
	 * Expectations from 16:12 to 16:40. */
	x = (struct intent){ .type = INTENT_PHASE, .value = 2 };
	assert_int_equal(model_apply(ws, MODEL_FACILITATOR, &x, T0 + 720,
	    &ev, &err), 0);
	x.value = 3;
	assert_int_equal(model_apply(ws, MODEL_FACILITATOR, &x, T0 + 2400,
	    &ev, &err), 0);
	got = export_with(export_report, ws);
	s = part(got, "Agenda: planned and actual time", "Action plan");
	assert_string_equal(s,
	    "Agenda: planned and actual time\n"
	    "\n"
	    "    Planned         Actual          Phase\n"
	    "    16:00 10 min    16:00 12 min     0. Welcome\n"
	    "    16:10 60 min    —                1. Preparing the process\n"
	    "    17:10 20 min    16:12 28 min     2. Expectations\n"
	    "    17:30 20 min    16:40 0 min      3. Ground rules\n"
	    "    17:50 45 min    —                4. Dialogue\n"
	    "    18:35 20 min    —                5. Caucus\n"
	    "    18:55 60 min    —                6. Charter\n"
	    "    19:55 30 min    —                7. Framing and vision\n"
	    "    20:25 45 min    —                8. Action plans\n"
	    "    21:10 20 min    —                9. Follow-up and exit\n"
	    "\n");
	free(s);
	free(got);
	model_free(ws);
}

/*
 * The charter of the Chatham House room (charter-chatham.txt) in lang, as
 * `roundtable export --charter --lang LANG` writes it: headings, the
 * program's sentences, section titles and dates in the language; what
 * people wrote as they wrote it.
 */
static char *
export_in(const struct workshop *ws, const char *lang)
{
	i18n_set_language(lang);
	assert_string_equal(i18n_language(), lang);
	return export_string(ws);
}

static void
test_charter_french(void **state)
{
	struct workshop	*ws;
	char		*got;

	(void)state;
	ws = build_chatham();
	got = export_in(ws, "fr");
	check_shape(ws, got);
	assert_non_null(strstr(got, "\nCharte (termes de référence)\n"
	    "Date d'adoption : 10 mars 2024 (2024-03-10)\n"));
	assert_non_null(strstr(got, "\n4.8 Confidentialité\n"));
	assert_non_null(strstr(got, "\n    Réserves :\n"
	    "    — Childcare must be provided at meetings.\n"));
	assert_null(strstr(got, "Not applicable."));
	check_golden("charter-chatham-fr.txt", got);
	free(got);
	i18n_set_language("en");
	/* And back in English, byte for byte. */
	got = export_string(ws);
	check_golden("charter-chatham.txt", got);
	free(got);
	model_free(ws);
}

/* The CSV is data for a spreadsheet and stays English whatever the
 * export's language (the README): its who column said "(engagé)" in
 * French, beside statuses in English. */
static void
test_actions_csv_english(void **state)
{
	struct workshop	*ws;
	struct process	 pr;
	char		*en, *fr;

	(void)state;
	ws = build_process(true, &pr);
	en = csv_string(ws);
	i18n_set_language("fr");
	assert_string_equal(i18n_language(), "fr");
	fr = csv_string(ws);
	i18n_set_language("en");
	assert_non_null(strstr(en, "a participant (committed)"));
	assert_string_equal(fr, en);
	free(fr);
	free(en);
	/* The report's owners, in French, spaced as French spaces a
	 * semicolon (no-break space before it); the CSV's stay "; ". */
	i18n_set_language("fr");
	fr = report_string(ws);
	i18n_set_language("en");
	if (strstr(fr, "(engagé)\xc2\xa0; ") == NULL)
		fail_msg("the French report's owners: %s", fr);
	assert_null(strstr(fr, "(engagé); "));
	free(fr);
	model_free(ws);
}

static void
test_charter_spanish(void **state)
{
	struct workshop	*ws;
	char		*got;

	(void)state;
	ws = build_chatham();
	got = export_in(ws, "es");
	check_shape(ws, got);
	assert_non_null(strstr(got, "\nCarta (términos de referencia)\n"
	    "Fecha de adopción: 10 de marzo de 2024 (2024-03-10)\n"));
	assert_non_null(strstr(got, "\n4.6 Toma de decisiones\n"));
	assert_null(strstr(got, "Not applicable."));
	check_golden("charter-chatham-es.txt", got);
	free(got);
	i18n_set_language("en");
	model_free(ws);
}

/* The first of a month, as each language writes it. */
static void
test_first_of_month(void **state)
{
	struct workshop	*ws;
	char		*got;

	(void)state;
	ws = build_empty();
	ws->created = ws->updated = 1764547200;	/* 2025-12-01 00:00 UTC */
	got = export_string(ws);
	assert_non_null(strstr(got, "the last on 1 December 2025 "
	    "(2025-12-01)\n"));
	free(got);
	got = export_in(ws, "fr");
	assert_non_null(strstr(got, "la dernière le 1er décembre 2025\n"
	    "    (2025-12-01)\n"));
	free(got);
	got = export_in(ws, "es");
	assert_non_null(strstr(got, "el último el 1 de diciembre de 2025 "
	    "(2025-12-01)\n"));
	free(got);
	i18n_set_language("en");
	model_free(ws);
}

int
main(int argc, char **argv)
{
	const struct CMUnitTest	tests[] = {
		cmocka_unit_test(test_charter_empty),
		cmocka_unit_test(test_charter_adopted),
		cmocka_unit_test(test_charter_named),
		cmocka_unit_test(test_charter_anonymous),
		cmocka_unit_test(test_charter_log_states),
		cmocka_unit_test(test_charter_log_proposals),
		cmocka_unit_test(test_charter_ruled_not_applicable),
		cmocka_unit_test(test_report_chatham_then_off),
		cmocka_unit_test(test_report_off_record_action),
		cmocka_unit_test(test_report_lesson_blocked),
		cmocka_unit_test(test_charter_decision_rules),
		cmocka_unit_test(test_charter_sanitised),
		cmocka_unit_test(test_charter_chatham),
		cmocka_unit_test(test_adoption_counts_silent),
		cmocka_unit_test(test_charter_rule_names),
		cmocka_unit_test(test_charter_rules_changed),
		cmocka_unit_test(test_charter_without_phase),
		cmocka_unit_test(test_charter_write_error),
		cmocka_unit_test(test_report_two_meetings),
		cmocka_unit_test(test_report_chatham),
		cmocka_unit_test(test_report_rule_set_later),
		cmocka_unit_test(test_actions_csv),
		cmocka_unit_test(test_actions_csv_quoting),
		cmocka_unit_test(test_report_empty),
		cmocka_unit_test(test_report_agenda),
		cmocka_unit_test(test_report_sanitised),
		cmocka_unit_test(test_report_write_error),
		cmocka_unit_test(test_dates_of_meetings),
		cmocka_unit_test(test_charter_french),
		cmocka_unit_test(test_actions_csv_english),
		cmocka_unit_test(test_charter_spanish),
		cmocka_unit_test(test_first_of_month),
	};
	char			*dir, *slash;

	if (setlocale(LC_CTYPE, "C.UTF-8") == NULL) {
		fprintf(stderr, "test_export: the C.UTF-8 locale is missing\n");
		return 1;
	}
	/* The real catalogues, in the build directory; English unless a
	 * test asks, whatever the environment says. */
	if (getenv("ROUNDTABLE_LOCALEDIR") == NULL) {
		dir = xstrdup(argc > 0 ? argv[0] : "build/tests/test_export");
		slash = strrchr(dir, '/');
		if (slash != NULL)
			*slash = '\0';
		setenv("ROUNDTABLE_LOCALEDIR", slash != NULL ? dir : ".", 1);
		free(dir);
		dir = xasprintf("%s/../locale", getenv("ROUNDTABLE_LOCALEDIR"));
		setenv("ROUNDTABLE_LOCALEDIR", dir, 1);
		free(dir);
	}
	unsetenv("LANGUAGE");
	unsetenv("LC_ALL");
	unsetenv("LC_MESSAGES");
	setenv("LANG", "C.UTF-8", 1);
	i18n_init("en");
	return cmocka_run_group_tests(tests, NULL, NULL);
}
