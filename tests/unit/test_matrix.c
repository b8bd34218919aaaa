/*
 * test_matrix.c - a matrix phase's cells (issue 16): entries written by
 * participants and facilitators into a row and a column of the phase's
 * matrix, what is refused and why, editing and withdrawing them, and who
 * sees them: a private matrix's cell is its group's own (like a caucus
 * note) in events, in snapshots and in the report, and a template cannot
 * make anything less private than the room's rules.
 *
 * The room is made from a template string, as roundtable serve
 * --template makes it (template_parse, template_intents).  Replicas are
 * fed as the server feeds them (fixture_feed), which also checks that
 * every event's audience depends on the viewer's class only.
 */
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
#include "roundtable/template.h"
#include "roundtable/wire.h"

#include "fixture.h"
/* The matrices' rows and columns, kept with the room. */
#define ROOM_OWN \
	uint32_t	 econ, food, threats, capacities; \
	uint32_t	 resources, ours, theirs;
#include "room.h"

#define T0 1763800000

static const char tpl_text[] =
    "Template: mx-test\n"
    "Title: Mapa de seguridad\n"
    "Groups: Community | Police\n"
    "\n"
    "Phase: welcome\n"
    "Title: Welcome\n"
    "\n"
    "Phase: matrix\n"
    "Title: Map together\n"
    "Prompt: Fill the map.\n"
    "Row: Economic security\n"
    "Row: Food security\n"
    "Column: Threats\n"
    "Column: Capacities\n"
    "\n"
    "Phase: matrix\n"
    "Title: Map apart\n"
    "Private: yes\n"
    "Row: Resources\n"
    "Column: Ours\n"
    "Column: Theirs\n"
    "\n"
    "Phase: dialogue\n"
    "Title: Talk\n"
    "Question: What now?\n";

/* The phases, by index. */
enum { S_WELCOME = 0, S_SHARED = 1, S_PRIVATE = 2, S_TALK = 3 };

enum { FAC = MODEL_FACILITATOR, ANA = 2, BEA = 3, RUIZ = 4, OLGA = 5,
    COF = 6 };
enum { COMMUNITY = 1, POLICE = 2 };
#define NVIEWERS 6
static const uint32_t viewers[NVIEWERS] = { FAC, ANA, BEA, RUIZ, OLGA,
    COF };

/* An entry for a cell. */
static struct intent
cell(uint32_t row, uint32_t col, const char *text)
{
	return (struct intent){ .type = INTENT_CONTRIBUTE, .ref = row,
	    .value2 = (int32_t)col, .text = (char *)text };
}

/* The item of kind whose text is text, or 0. */
static uint32_t
find(const struct workshop *ws, int kind, const char *text)
{
	size_t i;

	for (i = 0; i < ws->nitems; i++)
		if (ws->items[i].kind == kind && ws->items[i].text != NULL &&
		    strcmp(ws->items[i].text, text) == 0)
			return ws->items[i].id;
	return 0;
}

/* A room opened from tpl as roundtable serve opens it, on the server and
 * its replicas; people joined. */
static void
open_room(struct room *r, const char *tpl)
{
	static const char *const names[] = { "Ana Pérez", "Bea", "Sgt. Ruiz" };
	static const uint32_t groups[] = { COMMUNITY, COMMUNITY, POLICE };

	room_init(r, viewers, NVIEWERS, T0, 1);
	room_open_template(r, tpl, "mx-test.rtt");
	join_all(r, names, groups, 3);
	join(r, "Olga", 0, ROLE_OBSERVER, "tok-o");
	join(r, "Co", 0, ROLE_COFACILITATOR, "tok-c");
}

static int
setup(void **state)
{
	struct room *r = calloc(1, sizeof *r);

	open_room(r, tpl_text);
	r->econ = find(r->ws, ITEM_MATRIX_ROW, "Economic security");
	r->food = find(r->ws, ITEM_MATRIX_ROW, "Food security");
	r->threats = find(r->ws, ITEM_MATRIX_COL, "Threats");
	r->capacities = find(r->ws, ITEM_MATRIX_COL, "Capacities");
	r->resources = find(r->ws, ITEM_MATRIX_ROW, "Resources");
	r->ours = find(r->ws, ITEM_MATRIX_COL, "Ours");
	r->theirs = find(r->ws, ITEM_MATRIX_COL, "Theirs");
	assert_true(r->econ && r->food && r->threats && r->capacities &&
	    r->resources && r->ours && r->theirs);
	*state = r;
	return 0;
}

/* The last item of the server's record. */
static const struct item *
last(const struct room *r)
{
	return model_item(r->ws, (uint32_t)r->ws->nitems);
}

/* --- writing ------------------------------------------------------------ */

/* Anyone but an observer writes into a cell of this phase's matrix; a
 * cell holds every entry written there, each its own item. */
static void
test_cell_written(void **state)
{
	struct room		*r = *state;
	const struct item	*it;
	const uint32_t		*ids;
	uint32_t		 a, b, f;
	size_t			 n, i;

	step(r, S_SHARED);
	assert_int_equal(r->ws->phase, PHASE_MATRIX);
	must(r, ANA, cell(r->econ, r->threats, "Persistent poverty"));
	a = last(r)->id;
	must(r, RUIZ, cell(r->econ, r->threats, "Unemployment"));
	b = last(r)->id;
	must(r, FAC, cell(r->food, r->capacities, "Seed banks"));
	f = last(r)->id;

	it = model_item(r->ws, a);
	assert_int_equal(it->kind, ITEM_CELL);
	assert_int_equal(it->ref, r->econ);
	assert_int_equal(it->number, r->threats);
	assert_int_equal(it->status, STATUS_OPEN);
	assert_int_equal(it->step, S_SHARED + 1);
	assert_int_equal(it->group, COMMUNITY);
	assert_int_equal(model_item(r->ws, f)->group, 0);
	assert_false(model_cell_private(r->ws, it));

	/* A shared matrix's entries are plenary contributions: every
	 * replica holds them whole, with their author and column. */
	for (i = 0; i < NVIEWERS; i++) {
		it = model_item(r->replica[i], b);
		assert_int_equal(it->kind, ITEM_CELL);
		assert_string_equal(it->text, "Unemployment");
		assert_int_equal(it->author, RUIZ);
		assert_int_equal(it->group, POLICE);
		assert_int_equal(it->number, r->threats);
		assert_int_equal(it->step, S_SHARED + 1);
		/* The row's entries, for a screen to find a cell's. */
		ids = model_items_of_ref(r->replica[i], ITEM_CELL, r->econ, &n);
		assert_int_equal(n, 2);
		assert_int_equal(ids[0], a);
		assert_int_equal(ids[1], b);
	}
}

static void
test_cell_refusals(void **state)
{
	struct room	*r = *state;
	uint32_t	 question = find(r->ws, ITEM_QUESTION, "What now?");
	char		 big[MODEL_TEXT_MAX + 2];

	/* Before the matrix: nothing written in Welcome. */
	refused(r, ANA, cell(r->econ, r->threats, "x"), MODEL_ERR_PHASE,
	    "nothing to write");
	step(r, S_SHARED);
	refused(r, OLGA, cell(r->econ, r->threats, "x"), MODEL_ERR_ROLE,
	    "observers can read the room but not write");
	refused(r, ANA, cell(0, 0, "x"), MODEL_ERR_INVALID,
	    "choose a cell first");
	refused(r, ANA, cell(r->econ, 0, "x"), MODEL_ERR_INVALID,
	    "choose a cell first");
	refused(r, ANA, cell(0, r->threats, "x"), MODEL_ERR_INVALID,
	    "choose a cell first");
	refused(r, ANA, cell(question, r->threats, "x"), MODEL_ERR_NOT_FOUND,
	    "that row is not in this phase's matrix");
	refused(r, ANA, cell(r->threats, r->econ, "x"), MODEL_ERR_NOT_FOUND,
	    "that row is not in this phase's matrix");
	/* The other matrix's row and column are not this one's. */
	refused(r, ANA, cell(r->resources, r->threats, "x"),
	    MODEL_ERR_NOT_FOUND, "that row is not in this phase's matrix");
	refused(r, ANA, cell(r->econ, r->ours, "x"), MODEL_ERR_NOT_FOUND,
	    "that column is not in this phase's matrix");
	refused(r, ANA, cell(r->econ, 999999, "x"), MODEL_ERR_NOT_FOUND,
	    "that column is not in this phase's matrix");
	refused(r, ANA, cell(r->econ, (uint32_t)-5, "x"), MODEL_ERR_NOT_FOUND,
	    "that column");
	refused(r, ANA, cell(r->econ, r->threats, ""), MODEL_ERR_TEXT,
	    "the entry is empty");
	refused(r, ANA, cell(r->econ, r->threats, "  "), MODEL_ERR_TEXT,
	    "the entry is empty");
	memset(big, 'a', sizeof big - 1);
	big[sizeof big - 1] = '\0';
	refused(r, ANA, cell(r->econ, r->threats, big), MODEL_ERR_TEXT,
	    "the entry is too long");
	refused(r, ANA, cell(r->econ, r->threats, "two\nlines"),
	    MODEL_ERR_TEXT, "control characters");
	/* Only people write entries: not the template's seed. */
	refused(r, MODEL_SYSTEM, (struct intent){ .type = INTENT_SEED,
	    .value = ITEM_CELL, .value2 = (int32_t)r->threats,
	    .ref = r->econ, .text = "x" }, MODEL_ERR_INVALID, "bad seed");
	/* Once the room moved on, a cell is not written. */
	step(r, S_TALK);
	refused(r, ANA, (struct intent){ .type = INTENT_CONTRIBUTE,
	    .value = ITEM_CELL, .ref = r->econ,
	    .value2 = (int32_t)r->threats, .text = "x" }, MODEL_ERR_PHASE,
	    "written in its own phase");
	step(r, S_PRIVATE);
	refused(r, ANA, cell(r->econ, r->threats, "x"), MODEL_ERR_NOT_FOUND,
	    "that row is not in this phase's matrix");
}

/* Entries are edited by their author or a facilitator, in their own
 * phase, and withdrawn by their author. */
static void
test_cell_edit_withdraw(void **state)
{
	struct room	*r = *state;
	uint32_t	 a;

	step(r, S_SHARED);
	must(r, ANA, cell(r->econ, r->threats, "Poverty"));
	a = last(r)->id;
	must(r, ANA, (struct intent){ .type = INTENT_ITEM_EDIT, .ref = a,
	    .text = "Persistent poverty" });
	assert_string_equal(model_item(of(r, RUIZ), a)->text,
	    "Persistent poverty");
	refused(r, BEA, (struct intent){ .type = INTENT_ITEM_EDIT, .ref = a,
	    .text = "x" }, MODEL_ERR_ROLE, "only its author or a facilitator");
	must(r, COF, (struct intent){ .type = INTENT_ITEM_EDIT, .ref = a,
	    .text = "Persistent rural poverty" });
	assert_string_equal(model_item(of(r, ANA), a)->text,
	    "Persistent rural poverty");
	refused(r, BEA, (struct intent){ .type = INTENT_WITHDRAW, .ref = a },
	    MODEL_ERR_ROLE, "only its author");
	step(r, S_PRIVATE);
	refused(r, ANA, (struct intent){ .type = INTENT_ITEM_EDIT, .ref = a,
	    .text = "x" }, MODEL_ERR_PHASE, "edited in its own phase (Map "
	    "together)");
	step(r, S_SHARED);
	must(r, ANA, (struct intent){ .type = INTENT_WITHDRAW, .ref = a });
	assert_int_equal(model_item(of(r, BEA), a)->status, STATUS_WITHDRAWN);
	refused(r, ANA, (struct intent){ .type = INTENT_ITEM_EDIT, .ref = a,
	    .text = "x" }, MODEL_ERR_STATE, "withdrawn");
}

/* --- privacy -------------------------------------------------------------- */

/* In a private matrix, a cell is its group's own: an entry reaches its
 * group and the facilitators whole, everyone else as a placeholder, and
 * its edit and withdrawal not at all. */
static void
test_private_cell(void **state)
{
	struct room		*r = *state;
	const struct item	*it;
	uint32_t		 a;
	size_t			 n;

	step(r, S_PRIVATE);
	must(r, ANA, cell(r->resources, r->ours, "Our meeting hall"));
	a = last(r)->id;
	assert_true(model_cell_private(r->ws, model_item(r->ws, a)));
	assert_true(model_item_visible(r->ws, model_item(r->ws, a), BEA));
	assert_false(model_item_visible(r->ws, model_item(r->ws, a), RUIZ));
	assert_false(model_item_visible(r->ws, model_item(r->ws, a), OLGA));
	assert_false(model_item_visible(r->ws, model_item(r->ws, a),
	    MODEL_SYSTEM));

	/* Whole for her group and the facilitators. */
	it = model_item(of(r, BEA), a);
	assert_int_equal(it->kind, ITEM_CELL);
	assert_string_equal(it->text, "Our meeting hall");
	assert_int_equal(it->group, COMMUNITY);
	assert_int_equal(it->step, S_PRIVATE + 1);
	assert_true(model_cell_private(of(r, BEA), it));
	assert_string_equal(model_item(of(r, FAC), a)->text,
	    "Our meeting hall");
	assert_string_equal(model_item(of(r, COF), a)->text,
	    "Our meeting hall");
	/* A placeholder for the police and the observer: no text, no row,
	 * no column, in no cell's list. */
	it = model_item(of(r, RUIZ), a);
	assert_int_equal(it->kind, ITEM_HIDDEN);
	assert_null(it->text);
	assert_int_equal(it->ref, 0);
	assert_int_equal(it->number, 0);
	assert_int_equal(model_item(of(r, OLGA), a)->kind, ITEM_HIDDEN);
	model_items_of_ref(of(r, RUIZ), ITEM_CELL, r->resources, &n);
	assert_int_equal(n, 0);
	model_items_of_ref(of(r, BEA), ITEM_CELL, r->resources, &n);
	assert_int_equal(n, 1);

	/* The police's own cell entry stays with the police. */
	must(r, RUIZ, cell(r->resources, r->theirs, "Patrol cars"));
	assert_int_equal(model_item(of(r, ANA), last(r)->id)->kind,
	    ITEM_HIDDEN);
	assert_string_equal(model_item(of(r, RUIZ), last(r)->id)->text,
	    "Patrol cars");

	/* Her edit reaches her group, not the police's replica (which would
	 * refuse an edit to a placeholder). */
	must(r, ANA, (struct intent){ .type = INTENT_ITEM_EDIT, .ref = a,
	    .text = "Our meeting hall, evenings" });
	assert_string_equal(model_item(of(r, BEA), a)->text,
	    "Our meeting hall, evenings");
	assert_null(model_item(of(r, RUIZ), a)->text);
	must(r, ANA, (struct intent){ .type = INTENT_WITHDRAW, .ref = a });
	assert_int_equal(model_item(of(r, BEA), a)->status, STATUS_WITHDRAWN);
	assert_int_equal(model_item(of(r, RUIZ), a)->status, STATUS_OPEN);
}

/* A facilitator's entry in a private matrix belongs to no group: the
 * facilitators see it, no participant does. */
static void
test_private_cell_facilitator(void **state)
{
	struct room	*r = *state;
	uint32_t	 a;

	step(r, S_PRIVATE);
	must(r, COF, cell(r->resources, r->ours, "Ask the council"));
	a = last(r)->id;
	assert_string_equal(model_item(of(r, FAC), a)->text,
	    "Ask the council");
	assert_int_equal(model_item(of(r, ANA), a)->kind, ITEM_HIDDEN);
	assert_int_equal(model_item(of(r, RUIZ), a)->kind, ITEM_HIDDEN);
}

static bool
contains(const struct wire_buf *b, const char *s)
{
	size_t	n = strlen(s), i;

	for (i = 0; i + n <= b->len; i++)
		if (memcmp(b->data + i, s, n) == 0)
			return true;
	return false;
}

/* A welcome's snapshot: the private entry's bytes go to its group and
 * the facilitators only. */
static void
test_private_cell_snapshot(void **state)
{
	struct room	*r = *state;
	struct msg	 m = { .type = MSG_WELCOME }, out;
	struct wire_buf	 b;
	uint32_t	 a;
	char		 err[200];
	static const uint32_t who[] = { BEA, RUIZ, OLGA, COF };
	static const bool sees[] = { true, false, false, true };
	size_t		 i;

	step(r, S_PRIVATE);
	must(r, ANA, cell(r->resources, r->ours, "Our meeting hall"));
	a = last(r)->id;
	wire_buf_init(&b);
	for (i = 0; i < sizeof who / sizeof who[0]; i++) {
		wire_buf_reset(&b);
		m.welcome.self = who[i];
		m.welcome.snapshot_src = r->ws;
		assert_int_equal(wire_encode(&m, &b), 0);
		assert_int_equal(contains(&b, "Our meeting hall"), sees[i]);
		assert_int_equal(wire_decode(b.data + WIRE_HEADER_SIZE,
		    b.len - WIRE_HEADER_SIZE, &out, err, sizeof err), 0);
		if (sees[i]) {
			assert_int_equal(model_item(out.welcome.room, a)->kind,
			    ITEM_CELL);
			assert_int_equal(model_item(out.welcome.room,
			    a)->number, r->ours);
			assert_true(model_cell_private(out.welcome.room,
			    model_item(out.welcome.room, a)));
		} else
			assert_int_equal(model_item(out.welcome.room, a)->kind,
			    ITEM_HIDDEN);
		wire_msg_free(&out);
	}
	wire_buf_destroy(&b);
}

/* The Chatham House Rule names nobody in a shared cell; in a private
 * one the group stays (its members know whose space it is), the name
 * goes. */
static void
test_cell_chatham(void **state)
{
	struct room		*r = *state;
	const struct item	*it;
	uint32_t		 a, b;

	must(r, FAC, (struct intent){ .type = INTENT_CONFIDENTIALITY,
	    .value = CONF_CHATHAM, .value2 = -1 });
	step(r, S_SHARED);
	must(r, ANA, cell(r->econ, r->threats, "Poverty"));
	a = last(r)->id;
	it = model_item(of(r, RUIZ), a);
	assert_string_equal(it->text, "Poverty");
	assert_int_equal(it->author, 0);
	assert_int_equal(it->group, 0);
	/* Its phase is its row's, though the replica was not told who
	 * wrote it. */
	assert_int_equal(it->step, S_SHARED + 1);
	assert_int_equal(model_item(of(r, ANA), a)->author, ANA);
	step(r, S_PRIVATE);
	must(r, ANA, cell(r->resources, r->ours, "Hall"));
	b = last(r)->id;
	it = model_item(of(r, BEA), b);
	assert_string_equal(it->text, "Hall");
	assert_int_equal(it->author, 0);
	assert_int_equal(it->group, COMMUNITY);
	assert_int_equal(model_item(of(r, RUIZ), b)->kind, ITEM_HIDDEN);
}

/* --- templates cannot loosen the rules ---------------------------------- */

static void
test_template_cannot_loosen(void **state)
{
	struct template	t;
	char		err[256];
	static const char caucus_open[] =
	    "Template: x\nTitle: X\n\nPhase: welcome\nTitle: W\n\n"
	    "Phase: caucus\nTitle: C\nPrivate: no\nQuestion: Q?\n";
	static const char conf[] =
	    "Template: x\nTitle: X\n\nPhase: welcome\nTitle: W\n\n"
	    "Phase: matrix\nTitle: M\nConfidentiality: open\nRow: A\n"
	    "Column: B\n";
	static const char shared[] =
	    "Template: x\nTitle: X\nGroups: Community | Police\n\n"
	    "Phase: welcome\nTitle: W\n\n"
	    "Phase: matrix\nTitle: M\nPrivate: no\nRow: A\nColumn: B\n\n"
	    "Phase: caucus\nTitle: C\nQuestion: Q?\n";
	struct room	r = { 0 };
	uint32_t	a;

	(void)state;
	/* "Private" is a matrix's only; nothing sets the confidentiality
	 * rule or makes a caucus plenary. */
	assert_int_equal(template_parse(&t, caucus_open, strlen(caucus_open),
	    "x.rtt", err, sizeof err), -1);
	assert_non_null(strstr(err, "\"Private\" is for matrix phases"));
	assert_int_equal(template_parse(&t, conf, strlen(conf), "x.rtt", err,
	    sizeof err), -1);
	assert_non_null(strstr(err, "unknown field \"Confidentiality\""));

	/* A shared matrix's entries follow the room's rule like answers;
	 * the caucus stays its groups' own. */
	open_room(&r, shared);
	must(&r, FAC, (struct intent){ .type = INTENT_CONFIDENTIALITY,
	    .value = CONF_CHATHAM, .value2 = -1 });
	step(&r, 1);
	must(&r, ANA, cell(find(r.ws, ITEM_MATRIX_ROW, "A"),
	    find(r.ws, ITEM_MATRIX_COL, "B"), "Named?"));
	a = last(&r)->id;
	assert_int_equal(model_item(of(&r, RUIZ), a)->author, 0);
	assert_int_equal(model_item(of(&r, RUIZ), a)->group, 0);
	step(&r, 2);
	must(&r, ANA, (struct intent){ .type = INTENT_CONTRIBUTE,
	    .text = "Our note" });
	assert_int_equal(model_item(of(&r, RUIZ), last(&r)->id)->kind,
	    ITEM_HIDDEN);
	room_check(&r);
	room_destroy(&r);
}

/* --- the report ----------------------------------------------------------- */

static char *
report(const struct workshop *ws)
{
	char	*buf = NULL;
	size_t	 len = 0;
	FILE	*f = open_memstream(&buf, &len);

	assert_non_null(f);
	assert_int_equal(export_report(ws, f), 0);
	fclose(f);
	return buf;
}

/* Each matrix the room filled, row by row, its entries under their
 * column, as the room's rule lets them be known; a private matrix's
 * entries and an off-the-record entry are not in it. */
static void
test_report(void **state)
{
	struct room	*r = *state;
	char		*s;

	s = report(r->ws);
	assert_null(strstr(s, "Matrix:"));	/* nothing written yet */
	free(s);
	step(r, S_SHARED);
	must(r, ANA, cell(r->econ, r->threats, "Persistent poverty"));
	must(r, RUIZ, cell(r->econ, r->threats, "Unemployment"));
	must(r, BEA, cell(r->econ, r->capacities, "Withdrawn words"));
	must(r, BEA, (struct intent){ .type = INTENT_WITHDRAW,
	    .ref = last(r)->id });
	must(r, FAC, (struct intent){ .type = INTENT_CONFIDENTIALITY,
	    .value = CONF_OFF_RECORD, .value2 = PHASE_MATRIX });
	must(r, ANA, cell(r->food, r->capacities, "Said off the record"));
	step(r, S_PRIVATE);
	must(r, ANA, cell(r->resources, r->ours, "Our meeting hall"));

	s = report(r->ws);
	assert_non_null(strstr(s,
	    "Matrix: Map together\n"
	    "\n"
	    "    Columns: Threats; Capacities\n"
	    "\n"
	    "    Economic security\n"
	    "      Threats\n"
	    "        - Persistent poverty — Ana Pérez (Community)\n"
	    "        - Unemployment — Sgt. Ruiz (Police)\n"
	    "\n"
	    "    No entries: Food security\n"
	    "    (held off the record)\n"));
	assert_non_null(strstr(s, "Matrix: Map apart\n\n    Each cell was "
	    "its group's own"));
	assert_null(strstr(s, "Our meeting hall"));
	assert_null(strstr(s, "Said off the record"));
	assert_null(strstr(s, "Withdrawn words"));
	free(s);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_cell_written, setup,
		    room_teardown),
		cmocka_unit_test_setup_teardown(test_cell_refusals, setup,
		    room_teardown),
		cmocka_unit_test_setup_teardown(test_cell_edit_withdraw, setup,
		    room_teardown),
		cmocka_unit_test_setup_teardown(test_private_cell, setup,
		    room_teardown),
		cmocka_unit_test_setup_teardown(test_private_cell_facilitator,
		    setup, room_teardown),
		cmocka_unit_test_setup_teardown(test_private_cell_snapshot,
		    setup, room_teardown),
		cmocka_unit_test_setup_teardown(test_cell_chatham, setup,
		    room_teardown),
		cmocka_unit_test(test_template_cannot_loosen),
		cmocka_unit_test_setup_teardown(test_report, setup,
		    room_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
