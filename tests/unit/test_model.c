/*
 * test_model.c - the reducer: every intent, legal and illegal, in the
 * phases and roles that matter; commit's own checks; who sees what.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "roundtable/model.h"

#include "fixture.h"

#define T0 1763800000	/* a fixed clock */

/* People in the fixture room. */
enum { FAC = MODEL_FACILITATOR, ANA = 2, JOSE = 3, OLGA = 4, COF = 5 };
enum { COMMUNITY = 1, POLICE = 2 };

static int
apply(struct workshop *ws, uint32_t actor, struct intent in,
    struct model_error *err)
{
	struct event ev;
	struct model_error e;

	return model_apply(ws, actor, &in, T0 + (int64_t)ws->seq, &ev,
	    err != NULL ? err : &e);
}

static void
must(struct workshop *ws, uint32_t actor, struct intent in)
{
	struct model_error err = { 0 };

	if (apply(ws, actor, in, &err) != 0)
		fail_msg("intent %d refused: %s", in.type, err.msg);
}

/* Refused with this code and nothing changed. */
static void
refused(struct workshop *ws, uint32_t actor, struct intent in, int code,
    const char *words)
{
	struct model_error err = { 0 };
	uint64_t seq = ws->seq;
	size_t nitems = ws->nitems, npeople = ws->npeople;
	int phase = ws->phase;

	assert_int_equal(apply(ws, actor, in, &err), -1);
	assert_int_equal(err.code, code);
	assert_true(err.msg[0] != '\0');
	if (words != NULL && strstr(err.msg, words) == NULL)
		fail_msg("error \"%s\" lacks \"%s\"", err.msg, words);
	assert_int_equal(ws->seq, seq);
	assert_int_equal(ws->nitems, nitems);
	assert_int_equal(ws->npeople, npeople);
	assert_int_equal(ws->phase, phase);
}

static struct intent
join(const char *name, uint32_t group, int role, const char *token)
{
	return (struct intent){ .type = INTENT_JOIN, .text = (char *)name,
	    .ref = group, .value = role, .secret = (char *)token };
}

static struct intent
phase(int p)
{
	return (struct intent){ .type = INTENT_PHASE, .value = p };
}

static struct intent
say(const char *text, uint32_t ref)
{
	return (struct intent){ .type = INTENT_CONTRIBUTE,
	    .text = (char *)text, .ref = ref };
}

static struct intent
on_item(int type, uint32_t ref)
{
	return (struct intent){ .type = type, .ref = ref };
}


static int
setup(void **state)
{
	struct workshop *ws = model_new();
	static const char *const groups[] = { "Community", "Police", NULL };
	struct intent open[FIXTURE_OPENING_MAX];
	size_t i, n;

	n = fixture_opening(open, "Diálogo de seguridad", "KXM-47P", NULL,
	    groups);
	for (i = 0; i < n; i++)
		must(ws, MODEL_SYSTEM, open[i]);
	must(ws, MODEL_SYSTEM, join("Ana Pérez", COMMUNITY, ROLE_PARTICIPANT,
	    "tok-ana"));
	must(ws, MODEL_SYSTEM, join("José Núñez", POLICE, ROLE_PARTICIPANT,
	    "tok-jose"));
	must(ws, MODEL_SYSTEM, join("Olga", 0, ROLE_OBSERVER, "tok-olga"));
	must(ws, MODEL_SYSTEM, join("Co", 0, ROLE_COFACILITATOR, "tok-co"));
	*state = ws;
	return 0;
}

static int
teardown(void **state)
{
	/* Whatever the test did, the kind index is what a walk finds. */
	assert_int_equal(fixture_index_differs(*state), 0);
	model_free(*state);
	return 0;
}

static void
to_phase(struct workshop *ws, int p)
{
	if (ws->phase != p)
		must(ws, FAC, phase(p));
}

/* --- the room and its seed ---------------------------------------------- */

static void
test_seed_content(void **state)
{
	struct workshop *ws = *state;
	size_t i, counts[ITEM_KIND_COUNT] = { 0 }, n;
	const struct charter_section *cs = model_charter_sections(&n);

	for (i = 0; i < ws->nitems; i++)
		counts[ws->items[i].kind]++;
	assert_int_equal(counts[ITEM_RULE], 7);
	assert_int_equal(counts[ITEM_QUESTION], 12);
	assert_int_equal(counts[ITEM_CAUCUS_QUESTION], 2);
	assert_int_equal(counts[ITEM_SECTION], n);
	assert_int_equal(counts[ITEM_ACTION_QUESTION], 3);
	assert_int_equal(counts[ITEM_FOLLOWUP_QUESTION], 3);
	assert_string_equal(model_item(ws, fixture_first_of(ws, ITEM_RULE))->text,
	    "Listen to each other");
	assert_int_equal(model_item(ws, fixture_first_of(ws, ITEM_RULE))->status,
	    STATUS_DRAFT);
	/* Every component of the terms-of-reference box is a section. */
	assert_int_equal(n, 17);
	for (i = 0; i < n; i++) {
		struct item *s = model_section(ws, cs[i].code);

		assert_non_null(s);
		assert_string_equal(s->text, cs[i].title);
	}
	assert_non_null(model_section(ws, 46));
	assert_string_equal(model_section(ws, 46)->text, "Decision-making");
	assert_string_equal(ws->title, "Diálogo de seguridad");
	assert_string_equal(ws->code, "KXM-47P");
	assert_int_equal(model_person(ws, FAC)->role, ROLE_FACILITATOR);
	assert_string_equal(model_person(ws, ANA)->token, "tok-ana");
	for (i = 0; model_default_groups[i] != NULL; i++)
		;
	assert_int_equal(i, 7);
}

static void
test_create(void **state)
{
	struct workshop *ws = *state, *fresh = model_new();

	refused(ws, MODEL_SYSTEM, (struct intent){ .type = INTENT_CREATE,
	    .text = "Again", .secret = "ABC" }, MODEL_ERR_STATE, "already");
	refused(fresh, FAC, (struct intent){ .type = INTENT_CREATE,
	    .text = "T", .secret = "ABC" }, MODEL_ERR_ROLE, NULL);
	refused(fresh, MODEL_SYSTEM, (struct intent){ .type = INTENT_CREATE,
	    .text = "T", .secret = "has space" }, MODEL_ERR_INVALID,
	    "join code");
	refused(fresh, MODEL_SYSTEM, (struct intent){ .type = INTENT_CREATE,
	    .text = "   ", .secret = "ABC" }, MODEL_ERR_TEXT, "empty");
	refused(fresh, MODEL_SYSTEM, phase(1), MODEL_ERR_STATE, "not open");
	model_free(fresh);
}

static void
test_group_add(void **state)
{
	struct workshop *ws = *state;
	struct intent g = { .type = INTENT_GROUP_ADD, .text = "Women's "
	    "organisations" };
	char name[32];
	int i;

	refused(ws, ANA, g, MODEL_ERR_ROLE,
	    "only a facilitator can add a stakeholder group");
	refused(ws, OLGA, g, MODEL_ERR_ROLE, NULL);
	must(ws, FAC, g);
	assert_int_equal(ws->ngroups, 3);
	assert_string_equal(model_group(ws, 3)->name, "Women's organisations");
	refused(ws, FAC, (struct intent){ .type = INTENT_GROUP_ADD,
	    .text = "police" }, MODEL_ERR_DUPLICATE, "already a group");
	must(ws, COF, (struct intent){ .type = INTENT_GROUP_ADD,
	    .text = "Business" });
	for (i = (int)ws->ngroups; i < MODEL_GROUPS_MAX; i++) {
		snprintf(name, sizeof name, "Group %d", i);
		must(ws, FAC, (struct intent){ .type = INTENT_GROUP_ADD,
		    .text = name });
	}
	refused(ws, FAC, (struct intent){ .type = INTENT_GROUP_ADD,
	    .text = "One too many" }, MODEL_ERR_LIMIT, NULL);
	to_phase(ws, PHASE_EXPECTATIONS);
	refused(ws, FAC, (struct intent){ .type = INTENT_GROUP_ADD,
	    .text = "Late" }, MODEL_ERR_PHASE, "Welcome");
}

static void
test_join(void **state)
{
	struct workshop *ws = *state;

	refused(ws, FAC, join("Eve", COMMUNITY, ROLE_PARTICIPANT, "t"),
	    MODEL_ERR_ROLE, NULL);
	refused(ws, MODEL_SYSTEM, join("ana pérez", POLICE, ROLE_PARTICIPANT,
	    "t"), MODEL_ERR_DUPLICATE, "already joined this room");
	/* Nor by a name that looks the same: capitals, another accent's
	 * encoding, none, spaces. */
	refused(ws, MODEL_SYSTEM, join("ANA PÉREZ", POLICE, ROLE_PARTICIPANT,
	    "t"), MODEL_ERR_DUPLICATE, "already joined this room");
	refused(ws, MODEL_SYSTEM, join("Ana Pe\xcc\x81rez", POLICE,
	    ROLE_PARTICIPANT, "t"), MODEL_ERR_DUPLICATE, NULL);
	refused(ws, MODEL_SYSTEM, join("Ana  Perez", POLICE, ROLE_PARTICIPANT,
	    "t"), MODEL_ERR_DUPLICATE, NULL);
	/* Nor with a Cyrillic А and е, drawn as Ana Pérez is. */
	refused(ws, MODEL_SYSTEM, join("\xd0\x90" "na P\xd0\xb5" "rez", POLICE,
	    ROLE_PARTICIPANT, "t"), MODEL_ERR_DUPLICATE, NULL);
	/* Nor with a variation selector or a tag inside (they show
	 * nothing), nor in mathematical sans-serif. */
	refused(ws, MODEL_SYSTEM, join("An\xef\xb8\x8f" "a P\xc3\xa9rez",
	    POLICE, ROLE_PARTICIPANT, "t"), MODEL_ERR_DUPLICATE, NULL);
	refused(ws, MODEL_SYSTEM, join("Ana P\xc3\xa9rez\xf3\xa0\x81\x81",
	    POLICE, ROLE_PARTICIPANT, "t"), MODEL_ERR_DUPLICATE, NULL);
	refused(ws, MODEL_SYSTEM, join("\xf0\x9d\x96\xa0\xf0\x9d\x97\x87"
	    "\xf0\x9d\x96\xba P\xc3\xa9rez", POLICE, ROLE_PARTICIPANT,
	    "t"), MODEL_ERR_DUPLICATE, NULL);
	/* A name that shows nothing is no name. */
	refused(ws, MODEL_SYSTEM, join("\xc2\xa0\xe2\x80\x8b", POLICE,
	    ROLE_PARTICIPANT, "t"), MODEL_ERR_TEXT, "empty");
	refused(ws, MODEL_SYSTEM, join("\xe3\x85\xa4\xef\xb8\x80", POLICE,
	    ROLE_PARTICIPANT, "t"), MODEL_ERR_TEXT, "empty");
	/* Brackets are where the screens put a group or a role. */
	refused(ws, MODEL_SYSTEM, join("Eve (Police)", COMMUNITY,
	    ROLE_PARTICIPANT, "t"), MODEL_ERR_TEXT, "brackets");
	refused(ws, MODEL_SYSTEM, join("name withheld (Chatham House Rule)",
	    COMMUNITY, ROLE_PARTICIPANT, "t"), MODEL_ERR_TEXT, "brackets");
	refused(ws, MODEL_SYSTEM, join("Eve [observer]", COMMUNITY,
	    ROLE_PARTICIPANT, "t"), MODEL_ERR_TEXT, "brackets");
	/* Nor what is drawn like them: subscript, small-form, ornamental
	 * and angle brackets, braces. */
	refused(ws, MODEL_SYSTEM, join("Eve \xe2\x82\x8dPolice\xe2\x82\x8e",
	    COMMUNITY, ROLE_PARTICIPANT, "t"), MODEL_ERR_TEXT, "brackets");
	refused(ws, MODEL_SYSTEM, join("Eve \xef\xb9\x99Police\xef\xb9\x9a",
	    COMMUNITY, ROLE_PARTICIPANT, "t"), MODEL_ERR_TEXT, "brackets");
	refused(ws, MODEL_SYSTEM, join("Eve \xe2\x9d\xa8Police\xe2\x9d\xa9",
	    COMMUNITY, ROLE_PARTICIPANT, "t"), MODEL_ERR_TEXT, "brackets");
	refused(ws, MODEL_SYSTEM, join("Eve \xe2\x9f\xa8Police\xe2\x9f\xa9",
	    COMMUNITY, ROLE_PARTICIPANT, "t"), MODEL_ERR_TEXT, "brackets");
	refused(ws, MODEL_SYSTEM, join("Eve {x}", COMMUNITY,
	    ROLE_PARTICIPANT, "t"), MODEL_ERR_TEXT, "brackets");
	refused(ws, MODEL_SYSTEM, join("Eve", 0, ROLE_PARTICIPANT, "t"),
	    MODEL_ERR_NOT_FOUND, "stakeholder groups");
	refused(ws, MODEL_SYSTEM, join("Eve", 9, ROLE_PARTICIPANT, "t"),
	    MODEL_ERR_NOT_FOUND, NULL);
	refused(ws, MODEL_SYSTEM, join("Eve", COMMUNITY, ROLE_FACILITATOR,
	    "t"), MODEL_ERR_INVALID, "role");
	refused(ws, MODEL_SYSTEM, join("Eve", COMMUNITY, ROLE_PARTICIPANT,
	    NULL), MODEL_ERR_INVALID, "token");
	refused(ws, MODEL_SYSTEM, join("Eve\x1b[2J", COMMUNITY,
	    ROLE_PARTICIPANT, "t"), MODEL_ERR_TEXT, "control");
	must(ws, MODEL_SYSTEM, join("François 日本", COMMUNITY,
	    ROLE_PARTICIPANT, "t6"));
	assert_string_equal(model_person(ws, 6)->name, "François 日本");
	assert_int_equal(model_person(ws, 6)->group, COMMUNITY);
}

static void
test_phase(void **state)
{
	struct workshop *ws = *state;
	int p;

	refused(ws, ANA, phase(1), MODEL_ERR_ROLE,
	    "only a facilitator can move the room to another phase");
	refused(ws, OLGA, phase(1), MODEL_ERR_ROLE, NULL);
	/* A room from before templates goes through Lesson 11's phases. */
	refused(ws, FAC, phase(PHASE_LEGACY_COUNT), MODEL_ERR_INVALID, NULL);
	refused(ws, FAC, phase(-1), MODEL_ERR_INVALID, NULL);
	refused(ws, FAC, phase(PHASE_WELCOME), MODEL_ERR_STATE, "already");
	for (p = 1; p < PHASE_LEGACY_COUNT; p++) {
		must(ws, FAC, phase(p));
		assert_int_equal(ws->phase, p);
	}
	for (p = PHASE_LEGACY_COUNT - 2; p >= 0; p--) {
		must(ws, COF, phase(p));	/* and back */
		assert_int_equal(ws->phase, p);
	}
}

/* What a contribution becomes in each phase. */
static void
test_contribute_by_phase(void **state)
{
	struct workshop *ws = *state;
	static const int kinds[PHASE_LEGACY_COUNT] = {
		ITEM_HIDDEN, ITEM_EXPECTATION, ITEM_RULE, ITEM_ANSWER,
		ITEM_CAUCUS_NOTE, ITEM_SECTION_TEXT, ITEM_VISION, ITEM_ACTION,
		ITEM_LESSON,
	};
	struct item *it;
	uint32_t ref;
	int p;

	refused(ws, ANA, say("Hola", 0), MODEL_ERR_PHASE, "Welcome");
	for (p = 1; p < PHASE_LEGACY_COUNT; p++) {
		to_phase(ws, p);
		ref = 0;
		if (p == PHASE_DIALOGUE) {
			refused(ws, ANA, say("Sin pregunta", 0),
			    MODEL_ERR_STATE, "not put a question");
			must(ws, FAC, on_item(INTENT_QUESTION,
			    fixture_first_of(ws, ITEM_QUESTION)));
		}
		if (p == PHASE_CHARTER) {
			refused(ws, ANA, say("Texto", 0), MODEL_ERR_NOT_FOUND,
			    "section");
			refused(ws, ANA, say("Texto",
			    model_section(ws, 20)->id), MODEL_ERR_INVALID,
			    "filled from the room");
			refused(ws, ANA, say("Texto",
			    model_section(ws, 41)->id), MODEL_ERR_INVALID,
			    NULL);
			ref = model_section(ws, 10)->id;
		}
		refused(ws, OLGA, say("I only watch", ref), MODEL_ERR_ROLE,
		    "observers");
		must(ws, ANA, say("Escuchar con atención — 日本語", ref));
		it = model_item(ws, (uint32_t)ws->nitems);
		assert_int_equal(it->kind, kinds[p]);
		assert_int_equal(it->author, ANA);
		assert_int_equal(it->group, COMMUNITY);
		assert_int_equal(it->phase, p);
		assert_string_equal(it->text, "Escuchar con atención — 日本語");
		assert_int_equal(it->status, (kinds[p] == ITEM_RULE ||
		    kinds[p] == ITEM_SECTION_TEXT) ? STATUS_PROPOSED :
		    STATUS_OPEN);
		if (p == PHASE_DIALOGUE)
			assert_int_equal(it->ref, fixture_first_of(ws, ITEM_QUESTION));
		if (p == PHASE_CAUCUS)
			assert_int_equal(it->ref,
			    fixture_first_of(ws, ITEM_CAUCUS_QUESTION));
		if (p == PHASE_CHARTER)
			assert_int_equal(it->ref, model_section(ws, 10)->id);
		/* The facilitator may write too. */
		must(ws, FAC, say("From the front", ref));
	}
}

static void
test_contribute_text_rules(void **state)
{
	struct workshop *ws = *state;
	char big[MODEL_TEXT_MAX + 2];

	to_phase(ws, PHASE_EXPECTATIONS);
	refused(ws, ANA, say("", 0), MODEL_ERR_TEXT, "empty");
	refused(ws, ANA, say("  ", 0), MODEL_ERR_TEXT, "empty");
	refused(ws, ANA, say(NULL, 0), MODEL_ERR_TEXT, "missing");
	refused(ws, ANA, say("bad \xc3\x28 utf8", 0), MODEL_ERR_TEXT,
	    "UTF-8");
	refused(ws, ANA, say("overlong \xc0\xaf", 0), MODEL_ERR_TEXT, NULL);
	refused(ws, ANA, say("esc \x1b]0;title\x07", 0), MODEL_ERR_TEXT,
	    "control");
	refused(ws, ANA, say("c1 \xc2\x9b", 0), MODEL_ERR_TEXT, "control");
	refused(ws, ANA, say("del \x7f", 0), MODEL_ERR_TEXT, "control");
	refused(ws, ANA, say("two\nlines", 0), MODEL_ERR_TEXT, "control");
	refused(ws, ANA, say("bidi \xe2\x80\xae", 0), MODEL_ERR_TEXT, NULL);
	memset(big, 'a', sizeof big - 1);
	big[sizeof big - 1] = '\0';
	refused(ws, ANA, say(big, 0), MODEL_ERR_TEXT, "too long");
	big[MODEL_TEXT_MAX] = '\0';
	must(ws, ANA, say(big, 0));
	/* Charter text may have several lines. */
	to_phase(ws, PHASE_CHARTER);
	must(ws, ANA, say("Line one\nLine two", model_section(ws, 46)->id));
}

static void
test_adopt_and_reject(void **state)
{
	struct workshop *ws = *state;
	uint32_t draft = fixture_first_of(ws, ITEM_RULE), mine, text;

	to_phase(ws, PHASE_GROUND_RULES);
	must(ws, ANA, say("No hablar por teléfono", 0));
	mine = (uint32_t)ws->nitems;
	refused(ws, ANA, on_item(INTENT_ADOPT, mine), MODEL_ERR_ROLE,
	    "only a facilitator can adopt");
	refused(ws, JOSE, on_item(INTENT_REJECT, mine), MODEL_ERR_ROLE,
	    "only a facilitator can reject");
	refused(ws, OLGA, on_item(INTENT_ADOPT, mine), MODEL_ERR_ROLE, NULL);
	assert_int_equal(model_item(ws, mine)->status, STATUS_PROPOSED);

	must(ws, FAC, on_item(INTENT_ADOPT, mine));
	assert_int_equal(model_item(ws, mine)->status, STATUS_ADOPTED);
	assert_int_equal(model_item(ws, mine)->number, 1);
	must(ws, COF, on_item(INTENT_ADOPT, draft));
	assert_int_equal(model_item(ws, draft)->number, 2);
	refused(ws, FAC, on_item(INTENT_ADOPT, mine), MODEL_ERR_STATE,
	    "already adopted");
	must(ws, FAC, on_item(INTENT_REJECT, draft + 1));
	assert_int_equal(model_item(ws, draft + 1)->status, STATUS_REJECTED);
	assert_int_equal(model_item(ws, draft + 1)->number, 0);
	refused(ws, FAC, on_item(INTENT_ADOPT, draft + 1), MODEL_ERR_STATE,
	    "not adopted");
	refused(ws, FAC, on_item(INTENT_ADOPT, fixture_first_of(ws, ITEM_QUESTION)),
	    MODEL_ERR_INVALID, "only ground rules, amendments and charter "
	    "text");
	refused(ws, FAC, on_item(INTENT_ADOPT, 99999), MODEL_ERR_INVALID,
	    NULL);

	/* Charter text is decided in the Charter phase, rules in theirs. */
	to_phase(ws, PHASE_CHARTER);
	refused(ws, FAC, on_item(INTENT_ADOPT, draft + 2), MODEL_ERR_PHASE,
	    "Ground rules");
	must(ws, ANA, say("Nos reunimos para…", model_section(ws, 10)->id));
	text = (uint32_t)ws->nitems;
	to_phase(ws, PHASE_GROUND_RULES);
	refused(ws, FAC, on_item(INTENT_ADOPT, text), MODEL_ERR_PHASE,
	    "Charter");
	to_phase(ws, PHASE_CHARTER);
	must(ws, FAC, on_item(INTENT_ADOPT, text));
	assert_int_equal(model_item(ws, text)->status, STATUS_ADOPTED);
	assert_int_equal(ws->rules_adopted, 2);
}

static void
test_withdraw(void **state)
{
	struct workshop *ws = *state;
	uint32_t mine;

	to_phase(ws, PHASE_GROUND_RULES);
	must(ws, ANA, say("Turnos de palabra", 0));
	mine = (uint32_t)ws->nitems;
	refused(ws, JOSE, on_item(INTENT_WITHDRAW, mine), MODEL_ERR_ROLE,
	    "only its author");
	refused(ws, FAC, on_item(INTENT_WITHDRAW, mine), MODEL_ERR_ROLE,
	    NULL);
	refused(ws, ANA, on_item(INTENT_WITHDRAW, fixture_first_of(ws, ITEM_RULE)),
	    MODEL_ERR_ROLE, NULL);
	must(ws, ANA, on_item(INTENT_WITHDRAW, mine));
	assert_int_equal(model_item(ws, mine)->status, STATUS_WITHDRAWN);
	refused(ws, ANA, on_item(INTENT_WITHDRAW, mine), MODEL_ERR_STATE,
	    "withdrawn");
	refused(ws, FAC, on_item(INTENT_ADOPT, mine), MODEL_ERR_STATE, NULL);
	refused(ws, ANA, on_item(INTENT_WITHDRAW, 0), MODEL_ERR_NOT_FOUND,
	    NULL);
}

static void
test_question(void **state)
{
	struct workshop *ws = *state;
	uint32_t q = fixture_first_of(ws, ITEM_QUESTION);

	refused(ws, FAC, on_item(INTENT_QUESTION, q), MODEL_ERR_PHASE,
	    "Dialogue");
	to_phase(ws, PHASE_DIALOGUE);
	refused(ws, ANA, on_item(INTENT_QUESTION, q), MODEL_ERR_ROLE,
	    "only a facilitator can put a question");
	refused(ws, FAC, on_item(INTENT_QUESTION, fixture_first_of(ws, ITEM_RULE)),
	    MODEL_ERR_NOT_FOUND, NULL);
	must(ws, FAC, on_item(INTENT_QUESTION, q + 3));
	assert_int_equal(ws->question, q + 3);
	must(ws, ANA, say("Por la noche", 0));
	assert_int_equal(model_item(ws, (uint32_t)ws->nitems)->ref, q + 3);
	/* An answer may name another question explicitly. */
	must(ws, JOSE, say("Siempre", q));
	assert_int_equal(model_item(ws, (uint32_t)ws->nitems)->ref, q);
	refused(ws, JOSE, say("No", fixture_first_of(ws, ITEM_RULE)),
	    MODEL_ERR_NOT_FOUND, NULL);
}

/*
 * The room's language of record (issue 17): the fixture's room has none
 * (a room from before languages) and reads as "en"; a new room is made
 * with one; a facilitator or the server changes it, like the title, to a
 * language's name and to another than it has; replaying the events gives
 * the same.
 */
static void
test_language(void **state)
{
	struct workshop *ws = *state, *fresh = model_new(), *replica;
	struct event ev;
	struct model_error err;
	struct intent in = { .type = INTENT_CREATE, .text = "Kayes",
	    .secret = "KXM-47P", .lang = "fr" };
	static const char *const bad[] = { "french", "FR", "fr-FR", "f",
	    "fr_fr", "fr_FRA", "" };
	size_t i;

	assert_null(ws->lang);
	assert_string_equal(model_language(ws), "en");
	refused(ws, ANA, (struct intent){ .type = INTENT_LANGUAGE,
	    .text = "fr" }, MODEL_ERR_ROLE,
	    "only a facilitator can change the room's language");
	refused(ws, OLGA, (struct intent){ .type = INTENT_LANGUAGE,
	    .text = "fr" }, MODEL_ERR_ROLE, NULL);
	refused(ws, FAC, (struct intent){ .type = INTENT_LANGUAGE,
	    .text = "en" }, MODEL_ERR_STATE, "has that language already");
	for (i = 0; i < sizeof bad / sizeof bad[0]; i++)
		refused(ws, FAC, (struct intent){ .type = INTENT_LANGUAGE,
		    .text = (char *)bad[i] }, MODEL_ERR_INVALID,
		    "two or three small letters");
	refused(ws, FAC, (struct intent){ .type = INTENT_LANGUAGE },
	    MODEL_ERR_INVALID, NULL);
	must(ws, COF, (struct intent){ .type = INTENT_LANGUAGE,
	    .text = "es" });
	assert_string_equal(model_language(ws), "es");
	must(ws, MODEL_SYSTEM, (struct intent){ .type = INTENT_LANGUAGE,
	    .text = "pt_BR" });
	assert_string_equal(ws->lang, "pt_BR");

	/* A new room, in its first event; a bad language opens nothing. */
	in.lang = "French";
	assert_int_equal(model_check(fresh, MODEL_SYSTEM, &in, T0, &ev,
	    &err), -1);
	assert_int_equal(err.code, MODEL_ERR_INVALID);
	in.lang = "fr";
	assert_int_equal(model_check(fresh, MODEL_SYSTEM, &in, T0, &ev,
	    &err), 0);
	assert_int_equal(ev.type, EVENT_CREATE);
	assert_string_equal(ev.lang, "fr");
	ev.seq = 1;
	ev.time = T0;
	replica = model_new();
	assert_int_equal(model_commit(fresh, &ev, false, &err), 0);
	assert_int_equal(model_commit(replica, &ev, false, &err), 0);
	assert_string_equal(model_language(fresh), "fr");
	assert_int_equal(model_check(fresh, FAC, &(struct intent){
	    .type = INTENT_LANGUAGE, .text = "es" }, T0, &ev, &err), 0);
	ev.seq = 2;
	ev.time = T0;
	assert_int_equal(model_commit(fresh, &ev, false, &err), 0);
	assert_int_equal(model_commit(replica, &ev, false, &err), 0);
	assert_string_equal(replica->lang, "es");
	assert_string_equal(fresh->lang, "es");

	/* A record whose language is not one is refused on replay. */
	ev = (struct event){ .seq = 3, .time = T0, .type = EVENT_LANGUAGE,
	    .text = "../../etc" };
	assert_int_equal(model_commit(replica, &ev, false, &err), -1);
	assert_string_equal(replica->lang, "es");
	model_free(replica);
	model_free(fresh);
}

static void
test_title_code_seed_unknown(void **state)
{
	struct workshop *ws = *state;

	refused(ws, ANA, (struct intent){ .type = INTENT_TITLE, .text = "X" },
	    MODEL_ERR_ROLE, "only a facilitator can change the title");
	must(ws, FAC, (struct intent){ .type = INTENT_TITLE,
	    .text = "Mesa de diálogo" });
	assert_string_equal(ws->title, "Mesa de diálogo");
	refused(ws, FAC, (struct intent){ .type = INTENT_CODE,
	    .secret = "NEW" }, MODEL_ERR_ROLE, NULL);
	must(ws, MODEL_SYSTEM, (struct intent){ .type = INTENT_CODE,
	    .secret = "NEW-123" });
	assert_string_equal(ws->code, "NEW-123");
	refused(ws, FAC, (struct intent){ .type = INTENT_SEED,
	    .value = ITEM_RULE, .text = "x" }, MODEL_ERR_ROLE, NULL);
	refused(ws, MODEL_SYSTEM, (struct intent){ .type = INTENT_SEED,
	    .value = 99, .text = "x" }, MODEL_ERR_INVALID, NULL);
	refused(ws, MODEL_SYSTEM, (struct intent){ .type = INTENT_SEED,
	    .value = ITEM_SECTION, .ref = 10, .text = "dup" },
	    MODEL_ERR_INVALID, "section");
	refused(ws, ANA, (struct intent){ .type = 77 }, MODEL_ERR_INVALID,
	    "unknown");
	refused(ws, 999, phase(1), MODEL_ERR_ROLE, "unknown participant");
}

/* --- commit on its own: replay and replicas ----------------------------- */

static void
test_check_changes_nothing(void **state)
{
	struct workshop *ws = *state;
	struct event ev;
	struct model_error err;
	struct intent in = phase(PHASE_EXPECTATIONS);
	uint64_t seq = ws->seq;

	assert_int_equal(model_check(ws, FAC, &in, T0, &ev, &err), 0);
	assert_int_equal(ev.seq, seq + 1);
	assert_int_equal(ev.type, EVENT_PHASE);
	assert_int_equal(ws->seq, seq);
	assert_int_equal(ws->phase, PHASE_WELCOME);
	assert_int_equal(model_commit(ws, &ev, false, &err), 0);
	assert_int_equal(ws->phase, PHASE_EXPECTATIONS);
	/* The same event twice, or one from the future, is refused. */
	assert_int_equal(model_commit(ws, &ev, false, &err), -1);
	ev.seq += 5;
	ev.value = PHASE_DIALOGUE;
	assert_int_equal(model_commit(ws, &ev, false, &err), -1);
	assert_int_equal(ws->phase, PHASE_EXPECTATIONS);
	/* A client's filtered stream may skip numbers. */
	assert_int_equal(model_commit(ws, &ev, true, &err), 0);
	assert_int_equal(ws->phase, PHASE_DIALOGUE);
	assert_int_equal(ws->seq, seq + 6);
}

static void
test_commit_refuses_damage(void **state)
{
	struct workshop *ws = *state;
	struct model_error err;
	uint32_t rule = fixture_first_of(ws, ITEM_RULE);
	struct event ev = { .seq = ws->seq + 1, .type = EVENT_STATUS,
	    .ref = rule, .value = STATUS_ADOPTED };

	assert_int_equal(model_commit(ws, &ev, false, &err), 0);
	ev.seq++;
	/* Adopting twice would renumber the rule. */
	assert_int_equal(model_commit(ws, &ev, false, &err), -1);
	assert_int_equal(model_item(ws, rule)->number, 1);
	ev = (struct event){ .seq = ws->seq + 1, .type = EVENT_ITEM,
	    .id = 5, .value = ITEM_EXPECTATION, .text = "x" };
	assert_int_equal(model_commit(ws, &ev, false, &err), -1);
	ev = (struct event){ .seq = ws->seq + 1, .type = EVENT_JOIN,
	    .id = (uint32_t)ws->npeople + 1, .text = "Z", .ref = 77 };
	assert_int_equal(model_commit(ws, &ev, false, &err), -1);
	ev = (struct event){ .seq = ws->seq + 1, .type = 99 };
	assert_int_equal(model_commit(ws, &ev, false, &err), -1);
	assert_non_null(strstr(err.msg, "unknown"));
}

static void
test_request_ids(void **state)
{
	struct workshop *ws = *state;
	struct intent in = phase(PHASE_EXPECTATIONS);

	to_phase(ws, PHASE_EXPECTATIONS);
	in = say("uno", 0);
	in.req = 7;
	must(ws, ANA, in);
	assert_int_equal(model_person(ws, ANA)->last_req, 7);
	assert_int_equal(model_person(ws, JOSE)->last_req, 0);
}

/* --- who sees what ------------------------------------------------------ */

static void
test_caucus_visibility(void **state)
{
	struct workshop *ws = *state;
	struct model_error err;
	struct event ev, view;
	struct item iv;
	struct intent in = say("Lo que nos preocupa", 0);
	const struct item *note;

	to_phase(ws, PHASE_CAUCUS);
	/* Views are taken of committed events, as the server does. */
	assert_int_equal(model_apply(ws, JOSE, &in, T0, &ev, &err), 0);
	model_event_view(ws, &ev, ANA, &view);
	assert_int_equal(view.value, ITEM_HIDDEN);
	assert_null(view.text);
	assert_int_equal(view.actor, 0);
	assert_int_equal(view.group, 0);
	assert_int_equal(view.seq, ev.seq);
	model_event_view(ws, &ev, OLGA, &view);
	assert_null(view.text);
	model_event_view(ws, &ev, FAC, &view);
	assert_string_equal(view.text, "Lo que nos preocupa");
	model_event_view(ws, &ev, COF, &view);
	assert_non_null(view.text);

	note = model_item(ws, ev.id);
	assert_false(model_item_visible(ws, note, ANA));
	assert_false(model_item_visible(ws, note, OLGA));
	assert_false(model_item_visible(ws, note, MODEL_SYSTEM));
	assert_true(model_item_visible(ws, note, JOSE));
	assert_true(model_item_visible(ws, note, FAC));
	model_item_view(ws, note, ANA, &iv);
	assert_int_equal(iv.kind, ITEM_HIDDEN);
	assert_null(iv.text);
	assert_int_equal(iv.author, 0);
	assert_int_equal(iv.id, note->id);
	/* A replica commits the placeholder and stays in step. */
	{
		struct workshop *replica = model_new();
		struct event create = { .seq = 1, .type = EVENT_CREATE,
		    .text = "T" };

		assert_int_equal(model_commit(replica, &create, true, &err), 0);
		model_event_view(ws, &ev, ANA, &view);
		view.id = 1;
		assert_int_equal(model_commit(replica, &view, true, &err), 0);
		assert_int_equal(replica->items[0].kind, ITEM_HIDDEN);
		assert_null(replica->items[0].text);
		model_free(replica);
	}
}

/* --- every string of every intent ---------------------------------------- */

/*
 * Which strings each type of intent carries (a bit each), said again here
 * on purpose: the model's table (fields.c) must agree, so a change there
 * that lets a string through fails here.
 */
#define USES_TEXT	0x1u
#define USES_TEXT2	0x2u
#define USES_SECRET	0x4u
#define USES_LANG	0x8u

static unsigned
uses(int type, int32_t value)
{
	switch (type) {
	case INTENT_CREATE:
		return USES_TEXT | USES_TEXT2 | USES_SECRET | USES_LANG;
					/* title, template name, join code,
					 * language */
	case INTENT_JOIN:
		return USES_TEXT | USES_SECRET;
	case INTENT_CODE:
	case INTENT_FAC_CODE:
		return USES_SECRET;
	case INTENT_SEED:
	case INTENT_STEP:
	case INTENT_SCALE:	/* labels, meanings */
		return USES_TEXT | USES_TEXT2;
	case INTENT_POLL_OPEN:
		/* A consensus check decides a text the room has already, a
		 * score scores one. */
		return value == POLL_CONSENSUS || value == POLL_SCORE ? 0 :
		    USES_TEXT;
	case INTENT_INDICATOR_SET:
		return value == INDICATOR_BASELINE ||
		    value == INDICATOR_TARGET ? USES_TEXT : 0;
	case INTENT_ACTION_SET:
		switch (value) {
		case ACTION_HOW:
		case ACTION_RESOURCES:
		case ACTION_PROVIDER:
			return USES_TEXT;
		case ACTION_COST:
			return USES_TEXT | USES_TEXT2;	/* amount, currency */
		}
		return 0;
	case INTENT_GROUP_ADD:
	case INTENT_CONTRIBUTE:
	case INTENT_TITLE:
	case INTENT_VOTE:
	case INTENT_REASON:
	case INTENT_SECTION_EDIT:
	case INTENT_QUESTION_NEW:
	case INTENT_REPORT:
	case INTENT_RENAME:
	case INTENT_REMOVE:
	case INTENT_GRIEVANCE:
	case INTENT_MILESTONE:
	case INTENT_ITEM_EDIT:
	case INTENT_LANGUAGE:
		return USES_TEXT;
	}
	return 0;
}

/* The values worth trying for a type: those that change what it carries
 * or how its text is named and bounded, and one past them. */
static int32_t
values_of(int type)
{
	switch (type) {
	case INTENT_CONTRIBUTE:
		return ITEM_KIND_COUNT;
	case INTENT_ACTION_SET:
		return ACTION_FIELD_MAX + 1;
	case INTENT_POLL_OPEN:
		return POLL_SCORE + 1;
	case INTENT_INDICATOR_SET:
		return INDICATOR_TARGET + 1;
	}
	return 1;
}

/* Text that must never reach the record or a screen. */
static const char *const hostile[] = {
	"not \xff\xfe UTF-8",
	"\xc0\xaf",			/* an over-long '/' */
	"\xed\xa0\x80",			/* a UTF-16 surrogate */
	"\x1b[2J",			/* ESC [2J: clear the screen */
	"\x1b]52;c;cm0gLXJmIH4K\x07",	/* OSC 52: set the clipboard */
	"\xc2\x9b" "2J",		/* CSI as a C1 control */
	"\xe2\x80\xae" "fdp.exe",	/* a right-to-left override */
	"a\tb", "a\rb", "a\x7f",
	NULL,				/* over-long: made by the test */
};
#define NHOSTILE (sizeof hostile / sizeof hostile[0])

/* What the walk found: intents taken with hostile text (in the record
 * now), and refusals for another reason than the text. */
struct walk {
	unsigned	 cases, accepted, other;
};

/* Refused with this code and words, nothing changed; the first few that
 * are not are told on stderr, all are counted. */
static void
refused_case(struct walk *w, struct workshop *ws, uint32_t actor,
    const struct intent *in, const char *field, size_t h, int code,
    const char *words)
{
	struct model_error err = { 0 };
	struct event ev;
	uint64_t seq = ws->seq;
	size_t nitems = ws->nitems, npeople = ws->npeople;
	int phase = ws->phase;

	w->cases++;
	if (model_apply(ws, actor, in, T0, &ev, &err) == 0) {
		if (w->accepted++ < 10)
			fprintf(stderr, "intent %d value %d by %u in phase "
			    "%d: %s #%zu was accepted\n", in->type,
			    (int)in->value, actor, phase, field, h);
		return;
	}
	if (err.code != code || strstr(err.msg, words) == NULL) {
		if (w->other++ < 10)
			fprintf(stderr, "intent %d value %d by %u in phase "
			    "%d: %s #%zu: code %d \"%s\", not %d \"%s\"\n",
			    in->type, (int)in->value, actor, phase, field, h,
			    err.code, err.msg, code, words);
	}
	assert_int_equal(ws->seq, seq);
	assert_int_equal(ws->nitems, nitems);
	assert_int_equal(ws->npeople, npeople);
	assert_int_equal(ws->phase, phase);
}

/* Every field of intents first to last, with hostile text, by anyone. */
static void
walk_intents(struct walk *w, struct workshop *ws, int first, int last,
    const uint32_t *actors, size_t nactors, const char *longest)
{
	static const char *const names[4] = { "text", "text2", "secret",
	    "lang" };
	struct intent in;
	char **slot[4];
	unsigned bit;
	size_t a, h, f;
	int type;
	int32_t value;

	for (type = first; type <= last; type++)
	for (value = 0; value < values_of(type) + 1; value++)
	for (a = 0; a < nactors; a++)
	for (f = 0; f < 4; f++) {
		in = (struct intent){ .type = type, .ref = 1, .value = value,
		    .value2 = 1 };
		slot[0] = &in.text;
		slot[1] = &in.text2;
		slot[2] = &in.secret;
		slot[3] = &in.lang;
		bit = 1u << f;
		for (h = 0; h < NHOSTILE; h++) {
			*slot[f] = (char *)(hostile[h] != NULL ? hostile[h] :
			    longest);
			if (!(uses(type, value) & bit))
				refused_case(w, ws, actors[a], &in, names[f], h,
				    MODEL_ERR_INVALID, "takes no");
			else if (f == 2)
				refused_case(w, ws, actors[a], &in, names[f], h,
				    MODEL_ERR_INVALID,
				    "letters, digits or signs");
			else
				refused_case(w, ws, actors[a], &in, names[f], h,
				    MODEL_ERR_TEXT, "the ");
		}
		/* A harmless string where none belongs is refused too
		 * (told as hostile #NHOSTILE). */
		if (!(uses(type, value) & bit)) {
			*slot[f] = "x";
			refused_case(w, ws, actors[a], &in, names[f],
			    NHOSTILE, MODEL_ERR_INVALID, "takes no");
		}
	}
}

static void
test_every_field_of_every_intent(void **state)
{
	struct workshop *ws = *state, *fresh = model_new();
	static const uint32_t actors[] = { MODEL_SYSTEM, FAC, ANA, COF };
	struct walk w = { 0 };
	char *longest = malloc(40001);
	char *title = strdup(ws->title);
	int p;

	assert_non_null(longest);
	memset(longest, 'x', 40000);
	longest[40000] = '\0';
	/* The noun and the bound of a contribution go with the phase. */
	for (p = 0; p < PHASE_LEGACY_COUNT; p++) {
		to_phase(ws, p);
		walk_intents(&w, ws, INTENT_NONE, INTENT_TYPE_MAX + 1,
		    actors, sizeof actors / sizeof actors[0], longest);
	}
	/* Opening a room: the only intent before there is one. */
	walk_intents(&w, fresh, INTENT_CREATE, INTENT_CREATE, actors, 1,
	    longest);
	if (w.accepted > 0 || w.other > 0)
		fail_msg("of %u cases, %u were accepted and %u refused for "
		    "another reason", w.cases, w.accepted, w.other);
	assert_string_equal(ws->title, title);
	assert_null(fresh->title);
	model_free(fresh);
	free(title);
	free(longest);
}

static void
test_secrets_never_in_views(void **state)
{
	struct workshop *ws = *state;
	struct intent in = join("Nadia", COMMUNITY, ROLE_PARTICIPANT,
	    "secret-token");
	struct event ev, view;
	struct model_error err;

	assert_int_equal(model_check(ws, MODEL_SYSTEM, &in, T0, &ev, &err), 0);
	assert_string_equal(ev.secret, "secret-token");
	model_event_view(ws, &ev, FAC, &view);
	assert_null(view.secret);
	assert_string_equal(view.text, "Nadia");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_seed_content, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_create, setup, teardown),
		cmocka_unit_test_setup_teardown(test_group_add, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_join, setup, teardown),
		cmocka_unit_test_setup_teardown(test_phase, setup, teardown),
		cmocka_unit_test_setup_teardown(test_contribute_by_phase,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(test_contribute_text_rules,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(test_adopt_and_reject, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_withdraw, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_question, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_title_code_seed_unknown,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(test_language, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_check_changes_nothing,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(test_commit_refuses_damage,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(test_request_ids, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_caucus_visibility, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_secrets_never_in_views,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(
		    test_every_field_of_every_intent, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
