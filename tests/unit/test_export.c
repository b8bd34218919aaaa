/*
 * test_export.c - the charter as a reader gets it, byte for byte.
 *
 * Workshops are built through the real reducer (model_apply), as the
 * server would, and the export is compared with the golden files in
 * tests/golden/ (found from the repository root, where tests run).
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

#include <cmocka.h>

#include "roundtable/export.h"
#include "roundtable/model.h"
#include "roundtable/text.h"

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
	join(ws, "Olu Bello", "Military", ROLE_OBSERVER);
	join(ws, "Sam Carter", "Business", ROLE_COFACILITATOR);
	wang = join(ws, "王芳", "Business", ROLE_PARTICIPANT);
	amara = join(ws, "Amara Okafor", "Community", ROLE_PARTICIPANT);
	join(ws, "Fatou Diop", "Women's organisations", ROLE_PARTICIPANT);

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
	/* Both adopted: the later text is the agreed one. */
	decide(ws, INTENT_ADOPT, t1);
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

/* The export as a string; fails the test if export_charter fails. */
static char *
export_string(const struct workshop *ws)
{
	char	*buf = NULL;
	size_t	 len = 0;
	FILE	*f;

	f = open_memstream(&buf, &len);
	assert_non_null(f);
	assert_int_equal(export_charter(ws, f), 0);
	assert_int_equal(fclose(f), 0);
	assert_int_equal(strlen(buf), len);
	return buf;
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

/* What every export must be: UTF-8, lines within the width, no controls
 * but newlines, ending in a newline, and the same twice. */
static void
check_shape(const struct workshop *ws, const char *got)
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
	again = export_string(ws);
	assert_string_equal(got, again);
	free(again);
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
	assert_non_null(strstr(got, "Date: 2024-03-09\n"));
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
	check_golden("charter-adopted.txt", got);
	free(got);
	model_free(ws);
}

/* A record can hold text the reducer would refuse today (an older or
 * damaged journal); it still never reaches the file raw. */
static void
test_charter_sanitised(void **state)
{
	struct workshop		*ws;
	struct event		 ev = { 0 };
	struct model_error	 err;
	char			*got;

	(void)state;
	ws = build_empty();
	ev.seq = ws->seq + 1;
	ev.time = T0 + 86400;
	ev.type = EVENT_ITEM;
	ev.actor = MODEL_FACILITATOR;
	ev.id = (uint32_t)ws->nitems + 1;
	ev.value = ITEM_SECTION_TEXT;
	ev.value2 = STATUS_ADOPTED;
	ev.ref = section(ws, 48);
	ev.text = "Off the record\x1b[2J\x1b]0;pwned\x07 \xe2\x80\xae"
	    "txet desrever\xc2\x9b" "1m bad\xff byte";
	if (model_commit(ws, &ev, false, &err) != 0)
		fail_msg("commit refused: %s", err.msg);
	got = export_string(ws);
	check_shape(ws, got);
	assert_null(strchr(got, '\x1b'));
	assert_null(strchr(got, '\x07'));
	assert_null(strstr(got, "\xe2\x80\xae"));
	assert_non_null(strstr(got, "    Off the record\xef\xbf\xbd[2J"));
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

int
main(void)
{
	const struct CMUnitTest	tests[] = {
		cmocka_unit_test(test_charter_empty),
		cmocka_unit_test(test_charter_adopted),
		cmocka_unit_test(test_charter_sanitised),
		cmocka_unit_test(test_charter_write_error),
	};

	if (setlocale(LC_CTYPE, "C.UTF-8") == NULL) {
		fprintf(stderr, "test_export: the C.UTF-8 locale is missing\n");
		return 1;
	}
	return cmocka_run_group_tests(tests, NULL, NULL);
}
