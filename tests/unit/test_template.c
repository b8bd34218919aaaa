/*
 * test_template.c - reading process templates: every shipped one, and
 * hostile files (bad syntax, huge files, unknown kinds, missing fields),
 * each refused with its line number; and a template written into a room:
 * its phases, their content, and moving through them.
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
#include "roundtable/template.h"
#include "roundtable/wire.h"

#include "fixture.h"

#define T0 1763800000

static const char good[] =
	"# a comment\n"
	"Template: test-room\n"
	"Title: A test room\n"
	"Description: for the unit tests\n"
	"Groups: Police | Community\n"
	"\n"
	"Phase: welcome\n"
	"Title: Bienvenida\n"
	"Prompt: Who is in the room?\n"
	"Minutes: 10\n"
	"\n"
	"Phase: dialogue\n"
	"Title: Step 1\n"
	"Prompt: What happened,\n"
	" and why?\n"
	"Minutes: 25\n"
	"Question: First question?\n"
	"Question: A question on\n"
	"  two lines?\n"
	"\n"
	"Phase: dialogue\n"
	"Title: Step 2\n"
	"Question: Second step's question?\n"
	"\n"
	"Phase: indicators\n"
	"Title: Indicators\n"
	"Propose: yes\n"
	"Indicator: Police patrols are seen\n"
	"Scale: present = fully there\n"
	"Scale: partially present = some of it\n"
	"Scale: not present = none of it\n"
	"\n"
	"Phase: matrix\n"
	"Title: Map\n"
	"Private: yes\n"
	"Row: Police\n"
	"Column: Resources\n"
	"Column: Capacities\n";

/* Parses text; returns the error, "" when it was read. */
static const char *
parse(const char *text, struct template *t)
{
	static char err[512];

	err[0] = '\0';
	if (template_parse(t, text, strlen(text), "t.rtt", err,
	    sizeof err) != 0) {
		assert_true(err[0] != '\0');
		assert_int_equal(t->nphases, 0);	/* nothing kept */
		assert_null(t->name);
		return err;
	}
	return "";
}

/* The file is refused with these words, at this line ("t.rtt:LINE: "). */
static void
refused(const char *text, int line, const char *words)
{
	struct template	 t;
	const char	*err = parse(text, &t);
	char		 where[32];

	if (*err == '\0') {
		template_free(&t);
		fail_msg("accepted: %s", text);
	}
	if (line > 0) {
		snprintf(where, sizeof where, "t.rtt:%d: ", line);
		if (strncmp(err, where, strlen(where)) != 0)
			fail_msg("\"%s\" is not at line %d", err, line);
	}
	if (strstr(err, words) == NULL)
		fail_msg("\"%s\" does not say \"%s\"", err, words);
}

/* A room made from the good template, at time T0. */
static struct workshop *
room_of_good(void)
{
	struct workshop *ws = fixture_template_room("test-room", good,
	    strlen(good), T0);

	assert_non_null(ws);
	return ws;
}

static void
test_good(void **state)
{
	struct template t;

	(void)state;
	assert_string_equal(parse(good, &t), "");
	assert_string_equal(t.name, "test-room");
	assert_string_equal(t.title, "A test room");
	assert_int_equal(t.ngroups, 2);
	assert_string_equal(t.groups[1], "Community");
	assert_int_equal(t.nphases, 5);
	assert_int_equal(t.phases[0].kind, PHASE_WELCOME);
	assert_int_equal(t.phases[0].minutes, 10);
	assert_string_equal(t.phases[1].prompt, "What happened, and why?");
	assert_int_equal(t.phases[1].nentries, 2);
	assert_string_equal(t.phases[1].entries[1].text,
	    "A question on two lines?");
	assert_int_equal(t.phases[1].entries[1].line, 18);
	assert_int_equal(t.phases[3].flags, STEP_F_PROPOSE);
	assert_string_equal(t.phases[3].entries[2].text, "partially present");
	assert_string_equal(t.phases[3].entries[2].text2, "some of it");
	assert_int_equal(t.phases[4].flags, STEP_F_PRIVATE);
	template_free(&t);
}

/* Every template the program carries reads, and opens a room. */
static void
test_builtins(void **state)
{
	struct template	 t;
	struct workshop	*ws;
	size_t		 i;
	bool		 msp = false;

	(void)state;
	assert_true(template_nbuiltins >= 1);
	for (i = 0; i < template_nbuiltins; i++) {
		const struct template_builtin *b = &template_builtins[i];
		char e[512];

		if (template_parse(&t, b->text, b->len, b->name, e,
		    sizeof e) != 0)
			fail_msg("%s", e);
		assert_string_equal(t.name, b->name);
		assert_ptr_equal(template_builtin(b->name), b);
		msp |= strcmp(b->name, "msp") == 0;
		ws = fixture_template_room(b->name, NULL, 0, T0);
		assert_non_null(ws);
		assert_int_equal(ws->nsteps, t.nphases);
		assert_string_equal(ws->template, b->name);
		model_free(ws);
		template_free(&t);
	}
	assert_true(msp);
	assert_null(template_builtin("no-such"));
}

static void
test_bad_syntax(void **state)
{
	(void)state;
	refused("Template: x\nTitle: y\nnot a field\n", 3, "Field: value");
	refused(" continued\nTemplate: x\n", 1, "continues a field");
	refused("Template: x\nTitle: y\n\n continued\n", 4,
	    "continues a field");
	refused("Template: x\nTitle: y\nTitle: z\n", 3, "given twice");
	refused("Template: Bad Name\nTitle: y\n", 1, "a-z, 0-9");
	refused("Template: x\nTitle: y\nColour: red\n", 3,
	    "unknown field \"Colour\"");
	refused("Template: x\nTitle: y\n\nTitle: z\n", 4,
	    "starts with \"Phase: KIND\"");
	refused("Template: x\nTitle: y\nPhase: welcome\n", 3,
	    "phases come after a blank line");
	refused("Template: x\nTitle: y\n\nPhase: welcome\nTitle: W\n"
	    "Phase: dialogue\n", 6, "after a blank line");
	refused("Template: x\nTitle: \xff\xfe\n", 2, "UTF-8");
	refused("Template: x\nTitle: a\x1b[2Jb\n", 2, "control character");
	refused("Template: x\nTitle: y\n\nPhase: welcome\nTitle: W\n"
	    "Minutes: ten\n", 6, "number of minutes");
	refused("Template: x\nTitle: y\n\nPhase: welcome\nTitle: W\n"
	    "Minutes: 0\n", 6, "from 1 to");
	refused("Template: x\nTitle: y\n\nPhase: welcome\nTitle: W\n"
	    "Minutes: 99999999999999999999\n", 6, "from 1 to");
	refused("Template: x\nTitle: y\n\nPhase: welcome\nTitle: W\n"
	    "Adapted: perhaps\n", 6, "yes or no");
	/* NUL bytes: not a text file. */
	{
		struct template t;
		char err[256];
		static const char nul[] = "Template: x\0\nTitle: y\n";

		assert_int_equal(template_parse(&t, nul, sizeof nul - 1,
		    "t.rtt", err, sizeof err), -1);
		assert_non_null(strstr(err, "NUL"));
	}
}

static void
test_unknown_kinds_and_fields(void **state)
{
	(void)state;
	refused("Template: x\nTitle: y\n\nPhase: brainstorm\nTitle: B\n", 4,
	    "unknown kind of phase \"brainstorm\"");
	refused("Template: x\nTitle: y\n\nPhase: welcome\nTitle: W\n\n"
	    "Phase: dialogue\nTitle: D\nQuestoin: typo?\n", 9,
	    "unknown field \"Questoin\" in a dialogue phase");
	refused("Template: x\nTitle: y\n\nPhase: welcome\nTitle: W\n\n"
	    "Phase: rules\nTitle: R\nQuestion: not here\n", 9,
	    "a rules phase has no \"Question\"");
	refused("Template: x\nTitle: y\n\nPhase: welcome\nTitle: W\n\n"
	    "Phase: caucus\nTitle: C\nPrivate: yes\n", 9,
	    "for matrix phases");
	refused("Template: x\nTitle: y\n\nPhase: welcome\nTitle: W\n\n"
	    "Phase: indicators\nTitle: I\nScale: no equals sign\n", 9,
	    "label = what it means");
}

static void
test_missing_fields(void **state)
{
	(void)state;
	refused("", 0, "empty");
	refused("# only a comment\n\n", 0, "empty");
	refused("Title: y\n\nPhase: welcome\nTitle: W\n", 1,
	    "Template: NAME");
	refused("Template: x\n\nPhase: welcome\nTitle: W\n", 1,
	    "Title: the room's title");
	refused("Template: x\nTitle: y\n", 0, "no phase");
	refused("Template: x\nTitle: y\n\nPhase: welcome\nPrompt: p\n", 4,
	    "no Title");
	refused("Template: x\nTitle: y\n\nPhase: dialogue\nTitle: D\n", 4,
	    "first phase is a welcome");
	refused("Template: x\nTitle: y\n\nPhase: welcome\nTitle: W\n\n"
	    "Phase: matrix\nTitle: M\nRow: only a row\n", 7,
	    "1 to 20 Row and 1 to 20 Column");
	refused("Template: x\nTitle: y\n\nPhase: welcome\nTitle: W\n\n"
	    "Phase: indicators\nTitle: I\nScale: a = only one point\n", 7,
	    "2 to 7 points");
	refused("Template: x\nTitle: y\nGroups: | |\n", 3, "no group");
}

static void
test_huge(void **state)
{
	size_t	 n = TEMPLATE_FILE_MAX + 100, off, i;
	char	*big = malloc(n + 1), *line;

	(void)state;
	assert_non_null(big);
	/* Too long a file. */
	off = (size_t)snprintf(big, n + 1, "Template: x\nTitle: y\n\n"
	    "Phase: welcome\nTitle: W\nPrompt: ");
	memset(big + off, 'a', n - off);
	big[n] = '\0';
	refused(big, 0, "too long");
	/* Too long a prompt, in a file of a fair size. */
	big[off + MODEL_TEXT_MAX + 1] = '\0';
	refused(big, 6, "too long");
	/* Too many phases. */
	off = (size_t)snprintf(big, n + 1, "Template: x\nTitle: y\n\n"
	    "Phase: welcome\nTitle: W\n");
	for (i = 0; i < MODEL_STEPS_MAX; i++)
		off += (size_t)snprintf(big + off, n + 1 - off,
		    "\nPhase: dialogue\nTitle: D%zu\n", i);
	refused(big, 0, "at most 40 phases");
	/* Too many entries in one phase. */
	off = (size_t)snprintf(big, n + 1, "Template: x\nTitle: y\n\n"
	    "Phase: welcome\nTitle: W\n\nPhase: rules\nTitle: R\n");
	for (i = 0; i <= TEMPLATE_ENTRIES_MAX; i++)
		off += (size_t)snprintf(big + off, n + 1 - off,
		    "Rule: rule %zu\n", i);
	refused(big, 9 + TEMPLATE_ENTRIES_MAX, "at most 200 entries");
	/* A continuation that grows a value past its bound. */
	off = (size_t)snprintf(big, n + 1, "Template: x\nTitle: y\n");
	line = big + off;
	for (i = 0; i < 100; i++)
		off += (size_t)snprintf(big + off, n + 1 - off,
		    " %s\n", "continued title words");
	(void)line;
	refused(big, 2, "too long");
	free(big);
}

/* The template in a room: phases by index, content in its phase. */
static void
test_in_a_room(void **state)
{
	struct workshop	*ws = room_of_good();
	struct intent	 ph = { .type = INTENT_PHASE }, step = {
			    .type = INTENT_STEP, .value = PHASE_DIALOGUE,
			    .text = "Late" };
	struct event	 ev;
	struct model_error err;
	const uint32_t	*ids;
	size_t		 nids;

	(void)state;
	assert_int_equal(model_steps(ws), 5);
	assert_string_equal(model_step_title(ws, 2), "Step 2");
	assert_int_equal(model_step_kind(ws, 4), PHASE_MATRIX);
	assert_int_equal(model_step_of_kind(ws, PHASE_DIALOGUE, 2), 2);
	assert_int_equal(model_step_of_kind(ws, PHASE_CHARTER, 0), -1);
	/* Each question belongs to its phase. */
	ids = model_items_of_kind(ws, ITEM_QUESTION, &nids);
	assert_int_equal(nids, 3);
	assert_int_equal(model_item(ws, ids[0])->step, 2);
	assert_int_equal(model_item(ws, ids[2])->step, 3);
	/* A phase by its index; its kind of work follows. */
	ph.value = 2;
	assert_int_equal(model_apply(ws, MODEL_FACILITATOR, &ph, T0, &ev,
	    &err), 0);
	assert_int_equal(ws->phase, PHASE_DIALOGUE);
	assert_int_equal(model_step_now(ws), 2);
	assert_false(model_in_step(ws, model_item(ws, ids[0])));
	assert_true(model_in_step(ws, model_item(ws, ids[2])));
	/* Only this phase's questions are put to the room; another
	 * phase's question is not the current one there. */
	{
		struct intent q = { .type = INTENT_QUESTION, .ref = ids[0] };

		assert_int_equal(model_apply(ws, MODEL_FACILITATOR, &q, T0,
		    &ev, &err), -1);
		assert_non_null(strstr(err.msg, "this phase's"));
		q.ref = ids[2];
		assert_int_equal(model_apply(ws, MODEL_FACILITATOR, &q, T0,
		    &ev, &err), 0);
		assert_int_equal(ws->question, ids[2]);
		ph.value = 1;
		assert_int_equal(model_apply(ws, MODEL_FACILITATOR, &ph, T0,
		    &ev, &err), 0);
		assert_int_equal(ws->question, 0);
		ph.value = 2;
		assert_int_equal(model_apply(ws, MODEL_FACILITATOR, &ph, T0,
		    &ev, &err), 0);
	}
	ph.value = 5;
	assert_int_equal(model_apply(ws, MODEL_FACILITATOR, &ph, T0, &ev,
	    &err), -1);
	assert_int_equal(err.code, MODEL_ERR_INVALID);
	/* Once the room has moved on, its phases are fixed. */
	assert_int_equal(model_apply(ws, MODEL_SYSTEM, &step, T0, &ev,
	    &err), -1);
	assert_int_equal(err.code, MODEL_ERR_STATE);
	model_free(ws);
}

static int
act(struct workshop *ws, uint32_t who, int type, uint32_t ref,
    int32_t value, int32_t value2, int64_t when, struct model_error *err)
{
	struct intent	in = { .type = type, .ref = ref, .value = value,
			    .value2 = value2 };
	struct event	ev;

	return model_apply(ws, who, &in, when, &ev, err);
}

/* A replica that gets an item without its author (the Chatham House
 * Rule) files it under the phase the room is in, as the server does, not
 * under the template's last phase as seed content. */
static void
test_nameless_item_in_its_phase(void **state)
{
	struct workshop	*ws = room_of_good();
	struct intent	 join = { .type = INTENT_JOIN, .text = "Ana",
			    .ref = 1, .value = ROLE_PARTICIPANT,
			    .secret = "tok" };
	struct event	 ev;
	struct model_error err;

	struct intent	 group = { .type = INTENT_GROUP_ADD, .text = "Police" };

	(void)state;
	assert_int_equal(model_apply(ws, MODEL_SYSTEM, &group, T0, &ev, &err),
	    0);
	assert_int_equal(model_apply(ws, MODEL_SYSTEM, &join, T0, &ev, &err),
	    0);
	assert_int_equal(act(ws, MODEL_FACILITATOR, INTENT_PHASE, 0, 1, 0, T0,
	    &err), 0);
	ev = (struct event){ .seq = ws->seq + 1, .time = T0,
	    .type = EVENT_ITEM, .actor = MODEL_SYSTEM,
	    .id = (uint32_t)ws->nitems + 1, .value = ITEM_QUESTION,
	    .value2 = STATUS_OPEN, .text = "¿Quién?" };
	assert_int_equal(model_commit(ws, &ev, true, &err), 0);
	assert_int_equal(ws->items[ws->nitems - 1].step, 2);
	assert_true(model_in_step(ws, &ws->items[ws->nitems - 1]));
	model_free(ws);
}

/* The agenda: the plan is recorded, the time spent in each phase of each
 * meeting is kept from the phase changes, and both reach a replica. */
static void
test_agenda(void **state)
{
	struct workshop	*ws = room_of_good(), *copy;
	struct model_error err;
	struct wire_buf	 buf;
	struct msg	 m = { .type = MSG_WELCOME }, back;
	char		 why[200];
	int64_t		 first;

	(void)state;
	/* Planned: the day at 09:00, phases after it by their timeboxes. */
	assert_int_equal(model_agenda_start(ws, 1, 0), -1);
	assert_int_equal(act(ws, MODEL_FACILITATOR, INTENT_AGENDA, 0,
	    AGENDA_START, 9 * 60, T0, &err), 0);
	assert_int_equal(model_agenda_start(ws, 1, 0), 9 * 60);
	assert_int_equal(model_agenda_start(ws, 1, 2), 9 * 60 + 10 + 25);
	assert_int_equal(act(ws, MODEL_FACILITATOR, INTENT_AGENDA, 2,
	    AGENDA_MINUTES, 30, T0, &err), 0);
	assert_int_equal(model_step(ws, 1)->minutes, 30);
	assert_int_equal(model_agenda_start(ws, 1, 2), 9 * 60 + 10 + 30);
	/* Refused: not a facilitator, bad times, no such phase. */
	assert_int_equal(act(ws, MODEL_SYSTEM + 7, INTENT_AGENDA, 0,
	    AGENDA_START, 600, T0, &err), -1);
	assert_int_equal(err.code, MODEL_ERR_ROLE);
	assert_int_equal(act(ws, MODEL_FACILITATOR, INTENT_AGENDA, 0,
	    AGENDA_START, 24 * 60, T0, &err), -1);
	assert_non_null(strstr(err.msg, "HH:MM"));
	assert_int_equal(act(ws, MODEL_FACILITATOR, INTENT_AGENDA, 6,
	    AGENDA_MINUTES, 10, T0, &err), -1);
	assert_int_equal(err.code, MODEL_ERR_NOT_FOUND);
	assert_int_equal(act(ws, MODEL_FACILITATOR, INTENT_AGENDA, 1,
	    AGENDA_MINUTES, MODEL_MINUTES_MAX + 1, T0, &err), -1);
	/* Actual: 10 minutes in Welcome, 20 in Step 1, back to Welcome
	 * for 5, then Step 1 again. */
	assert_int_equal(act(ws, MODEL_FACILITATOR, INTENT_PHASE, 0, 1, 0,
	    T0 + 600, &err), 0);
	assert_int_equal(act(ws, MODEL_FACILITATOR, INTENT_PHASE, 0, 0, 0,
	    T0 + 1800, &err), 0);
	assert_int_equal(act(ws, MODEL_FACILITATOR, INTENT_PHASE, 0, 1, 0,
	    T0 + 2100, &err), 0);
	assert_int_equal(model_agenda_spent(ws, 1, 0, T0 + 2400, &first),
	    900);
	assert_int_equal(first, T0);
	assert_int_equal(model_agenda_spent(ws, 1, 1, T0 + 2400, &first),
	    1200 + 300);
	assert_int_equal(first, T0 + 600);
	assert_int_equal(model_agenda_spent(ws, 1, 3, T0 + 2400, &first), 0);
	assert_int_equal(first, 0);
	/* A second meeting starts its own count, in the phase the room is
	 * in, and has no planned start until one is set. */
	assert_int_equal(act(ws, MODEL_FACILITATOR, INTENT_MEETING, 0,
	    20261206, 0, T0 + 86400, &err), 0);
	assert_int_equal(model_agenda_spent(ws, 2, 1, T0 + 86400 + 60,
	    &first), 60);
	assert_int_equal(model_agenda_spent(ws, 1, 1, T0 + 86400 + 60,
	    &first), 1200 + 86400 - 2100);
	assert_int_equal(model_agenda_start(ws, 2, 0), -1);
	/* A replica gets the plan and the time spent. */
	m.welcome.self = MODEL_FACILITATOR;
	m.welcome.snapshot_src = ws;
	wire_buf_init(&buf);
	assert_int_equal(wire_encode(&m, &buf), 0);
	assert_int_equal(wire_decode(buf.data + WIRE_HEADER_SIZE,
	    buf.len - WIRE_HEADER_SIZE, &back, why, sizeof why), 0);
	copy = back.welcome.room;
	assert_non_null(copy);
	assert_int_equal(copy->nsteps, 5);
	assert_int_equal(copy->step, 1);
	assert_string_equal(copy->template, "test-room");
	assert_string_equal(model_step_title(copy, 1), "Step 1");
	assert_int_equal(model_agenda_start(copy, 1, 2), 9 * 60 + 10 + 30);
	assert_int_equal(model_agenda_spent(copy, 2, 1, T0 + 86400 + 60,
	    &first), 60);
	assert_int_equal(copy->items[copy->nitems - 1].step,
	    ws->items[ws->nitems - 1].step);
	wire_msg_free(&back);
	wire_buf_destroy(&buf);
	model_free(ws);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_good),
		cmocka_unit_test(test_builtins),
		cmocka_unit_test(test_bad_syntax),
		cmocka_unit_test(test_unknown_kinds_and_fields),
		cmocka_unit_test(test_missing_fields),
		cmocka_unit_test(test_huge),
		cmocka_unit_test(test_in_a_room),
		cmocka_unit_test(test_agenda),
		cmocka_unit_test(test_nameless_item_in_its_phase),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
