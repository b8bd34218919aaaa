/*
 * test_clock.c - the room's clock (src/model/clock.c): a timebox started,
 * paused, added to, resumed and stopped in the server's time, the same on
 * every replica, after a replay of the record and in a snapshot; who may
 * run it and what it refuses; a phase change stops it; the time the
 * speaker got the floor and the limit on a turn.  And the server's clock
 * as the welcome and the heartbeat carry it.
 *
 * Time is the events' time: each intent is applied at a time the test
 * chooses (T0 + the seconds it says), as the server stamps its events.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "roundtable/journal.h"
#include "roundtable/model.h"
#include "roundtable/wire.h"

#include "fixture.h"
/* Every event, as the journal keeps it (record). */
#define ROOM_OWN \
	struct wire_buf	 records[256]; \
	size_t		 nrecords;
#include "room.h"

#define T0 1763800000

enum { FAC = MODEL_FACILITATOR, ANA = 2, RUIZ = 3, OLGA = 4, COF = 5 };
enum { COMMUNITY = 1, POLICE = 2 };
#define NVIEWERS 5
static const uint32_t viewers[NVIEWERS] = { FAC, ANA, RUIZ, OLGA, COF };

/* Keeps every event the server commits as the journal does. */
static void
record(struct room *r, const struct event *ev)
{
	assert_true(r->nrecords < sizeof r->records / sizeof r->records[0]);
	wire_buf_init(&r->records[r->nrecords]);
	assert_int_equal(wire_encode_record(ev, &r->records[r->nrecords]),
	    0);
	r->nrecords++;
}

/* Applies in at the time at, where the server's clock stays for must
 * and refused. */
static void
must_at(struct room *r, int64_t at, uint32_t actor, struct intent in)
{
	r->now = at;
	must(r, actor, in);
}

static struct intent
timer(int op, int32_t seconds)
{
	return (struct intent){ .type = INTENT_TIMER, .value = op,
	    .value2 = seconds };
}

static const char *const room_groups[] = { "Community", "Police", NULL };

static int
setup(void **state)
{
	struct room *r = calloc(1, sizeof *r);

	/* The tests set the server's clock themselves (must_at). */
	room_init(r, viewers, NVIEWERS, T0, 0);
	r->on_event = record;
	room_open(r, "Mesa", "ABC-234", NULL, room_groups);
	join(r, "Ana Pérez", COMMUNITY, ROLE_PARTICIPANT, "tok-a");
	join(r, "Sgt. Ruiz", POLICE, ROLE_PARTICIPANT, "tok-r");
	join(r, "Olga", 0, ROLE_OBSERVER, "tok-o");
	join(r, "Co", 0, ROLE_COFACILITATOR, "tok-c");
	must(r, FAC, I(INTENT_PHASE, 0, PHASE_DIALOGUE, NULL));
	*state = r;
	return 0;
}

static int
teardown(void **state)
{
	struct room *r = *state;
	size_t i;

	room_destroy(r);
	for (i = 0; i < r->nrecords; i++)
		wire_buf_destroy(&r->records[i]);
	free(r);
	return 0;
}

static void
assert_same_clock(const struct workshop *a, const struct workshop *b)
{
	assert_int_equal(a->timer.state, b->timer.state);
	assert_true(a->timer.deadline == b->timer.deadline);
	assert_int_equal(a->timer.left, b->timer.left);
	assert_int_equal(a->timer.total, b->timer.total);
	assert_int_equal(a->timer.phase, b->timer.phase);
	assert_true(a->timer.started == b->timer.started);
	assert_int_equal(a->timer.bell, b->timer.bell);
	assert_true(a->floor_since == b->floor_since);
	assert_int_equal(a->turn_limit, b->turn_limit);
}

/* Every replica keeps the server's clock. */
static void
assert_replicas(const struct room *r)
{
	size_t i;

	for (i = 0; i < NVIEWERS; i++)
		assert_same_clock(r->ws, r->replica[i]);
}

/* --- the timebox --------------------------------------------------------- */

/* Start 60 s at t, pause at t+20: 40 left; add 60: 100; resume at t+100:
 * time is up at t+200, whatever the clock reads meanwhile. */
static void
test_timer_arithmetic(void **state)
{
	struct room *r = *state;
	const struct timer *tm = &r->ws->timer;
	int64_t t = T0 + 1000;

	assert_int_equal(tm->state, TIMER_OFF);
	assert_true(model_timer_left(r->ws, t) == 0);

	must_at(r, t, FAC, timer(TIMER_START, 60));
	assert_int_equal(tm->state, TIMER_RUNNING);
	assert_true(tm->deadline == t + 60);
	assert_int_equal(tm->total, 60);
	assert_int_equal(tm->phase, PHASE_DIALOGUE);
	assert_true(tm->started == t);
	assert_true(model_timer_left(r->ws, t + 15) == 45);
	assert_replicas(r);

	must_at(r, t + 20, COF, timer(TIMER_PAUSE, 0));
	assert_int_equal(tm->state, TIMER_PAUSED);
	assert_int_equal(tm->left, 40);
	/* Paused: the clock may run, the timebox does not. */
	assert_true(model_timer_left(r->ws, t + 90) == 40);

	must_at(r, t + 50, FAC, timer(TIMER_ADD, 60));
	assert_int_equal(tm->left, 100);
	assert_int_equal(tm->total, 120);
	assert_true(model_timer_left(r->ws, t + 99) == 100);

	must_at(r, t + 100, FAC, timer(TIMER_RESUME, 0));
	assert_int_equal(tm->state, TIMER_RUNNING);
	assert_true(tm->deadline == t + 200);
	assert_true(model_timer_left(r->ws, t + 150) == 50);
	assert_replicas(r);

	/* Running, time added moves the deadline; past it, time is over. */
	must_at(r, t + 150, FAC, timer(TIMER_ADD, 30));
	assert_true(tm->deadline == t + 230);
	assert_int_equal(tm->total, 150);
	assert_true(model_timer_left(r->ws, t + 245) == -15);

	/* Paused while over: it stays over by as much. */
	must_at(r, t + 245, FAC, timer(TIMER_PAUSE, 0));
	assert_int_equal(tm->left, -15);
	must_at(r, t + 300, FAC, timer(TIMER_RESUME, 0));
	assert_true(tm->deadline == t + 285);

	/* The bell is the room's: it stays on after a stop. */
	must_at(r, t + 301, FAC, timer(TIMER_BELL_ON, 0));
	assert_true(tm->bell);
	must_at(r, t + 302, FAC, timer(TIMER_STOP, 0));
	assert_int_equal(tm->state, TIMER_OFF);
	assert_true(model_timer_left(r->ws, t + 400) == 0);
	assert_true(tm->bell);
	assert_replicas(r);

	/* A start over a running timebox starts it afresh. */
	must_at(r, t + 400, FAC, timer(TIMER_START, 300));
	must_at(r, t + 410, FAC, timer(TIMER_START, 120));
	assert_true(tm->deadline == t + 530);
	assert_int_equal(tm->total, 120);
	must_at(r, t + 411, FAC, timer(TIMER_BELL_OFF, 0));
	assert_false(tm->bell);
	assert_replicas(r);
}

/* The record replayed (journal_apply, as serve does on start) gives the
 * same clock, to the second. */
static void
test_timer_replay(void **state)
{
	struct room *r = *state;
	char dir[] = "/tmp/rt-clock-XXXXXX", path[64], warn[200], err[200];
	struct journal *j;
	struct workshop *back;
	int64_t t = T0 + 5000;
	size_t i;

	must_at(r, t, FAC, timer(TIMER_START, 60));
	must_at(r, t + 20, FAC, timer(TIMER_PAUSE, 0));
	must_at(r, t + 50, FAC, timer(TIMER_ADD, 60));
	must_at(r, t + 60, FAC, timer(TIMER_BELL_ON, 0));
	must_at(r, t + 100, FAC, timer(TIMER_RESUME, 0));
	must_at(r, t + 101, FAC, I(INTENT_TURN_LIMIT, 0, 90, NULL));
	must_at(r, t + 102, ANA, I(INTENT_HAND, 0, 1, NULL));
	must_at(r, t + 110, FAC, I(INTENT_SPEAKER, 0, 0, NULL));

	assert_non_null(mkdtemp(dir));
	snprintf(path, sizeof path, "%s/room.rtj", dir);
	assert_int_equal(journal_open(path, NULL, NULL, &j, warn, sizeof warn,
	    err, sizeof err), 0);
	for (i = 0; i < r->nrecords; i++)
		assert_int_equal(journal_append(j, r->records[i].data,
		    r->records[i].len, err, sizeof err), 0);
	assert_int_equal(journal_sync(j), 0);
	journal_close(j);

	if (journal_read_room(path, &back, warn, sizeof warn, err,
	    sizeof err) != 0)
		fail_msg("replay failed: %s", err);
	assert_true(back->seq == r->ws->seq);
	assert_same_clock(r->ws, back);
	assert_int_equal(back->timer.state, TIMER_RUNNING);
	assert_true(back->timer.deadline == t + 200);
	assert_int_equal(back->timer.total, 120);
	assert_true(back->timer.bell);
	assert_true(back->floor_since == t + 110);
	assert_int_equal(back->turn_limit, 90);
	model_free(back);
	unlink(path);
	rmdir(dir);
}

/* Only facilitators run the timer; what is not a timebox is refused with a
 * sentence that says why. */
static void
test_timer_refusals(void **state)
{
	struct room *r = *state;

	refused(r, ANA, timer(TIMER_START, 600), MODEL_ERR_ROLE,
	    "only a facilitator can run the timer");
	refused(r, OLGA, timer(TIMER_START, 600), MODEL_ERR_ROLE,
	    "only a facilitator can run the timer");
	refused(r, FAC, timer(TIMER_START, -60), MODEL_ERR_INVALID,
	    "a timebox cannot be negative");
	refused(r, FAC, timer(TIMER_START, 0), MODEL_ERR_INVALID,
	    "a timebox needs some time");
	refused(r, FAC, timer(TIMER_START, MODEL_TIMER_MAX + 1),
	    MODEL_ERR_INVALID, "a timebox is at most 10 hours");
	refused(r, FAC, timer(TIMER_PAUSE, 0), MODEL_ERR_STATE,
	    "there is no timer to pause");
	refused(r, FAC, timer(TIMER_RESUME, 0), MODEL_ERR_STATE,
	    "there is no timer to resume");
	refused(r, FAC, timer(TIMER_ADD, 60), MODEL_ERR_STATE,
	    "there is no timer to add time to");
	refused(r, FAC, timer(TIMER_STOP, 0), MODEL_ERR_STATE,
	    "there is no timer to stop");
	refused(r, FAC, timer(TIMER_BELL_OFF, 0), MODEL_ERR_STATE,
	    "the bell is already off");
	refused(r, FAC, timer(0, 0), MODEL_ERR_INVALID, "the timer can be");
	refused(r, FAC, timer(99, 60), MODEL_ERR_INVALID, NULL);

	must(r, FAC, timer(TIMER_START, MODEL_TIMER_MAX));
	refused(r, ANA, timer(TIMER_PAUSE, 0), MODEL_ERR_ROLE, NULL);
	refused(r, ANA, timer(TIMER_STOP, 0), MODEL_ERR_ROLE, NULL);
	refused(r, FAC, timer(TIMER_RESUME, 0), MODEL_ERR_STATE,
	    "the timer is already running");
	refused(r, FAC, timer(TIMER_PAUSE, 60), MODEL_ERR_INVALID,
	    "takes seconds");
	refused(r, FAC, timer(TIMER_ADD, -60), MODEL_ERR_INVALID,
	    "time added cannot be negative");
	refused(r, FAC, timer(TIMER_ADD, 1), MODEL_ERR_INVALID,
	    "a timebox is at most 10 hours");
	must(r, FAC, timer(TIMER_PAUSE, 0));
	refused(r, FAC, timer(TIMER_PAUSE, 0), MODEL_ERR_STATE,
	    "the timer is already paused");

	/* The limit on a turn. */
	refused(r, RUIZ, I(INTENT_TURN_LIMIT, 0, 120, NULL), MODEL_ERR_ROLE,
	    "only a facilitator can limit speaking turns");
	refused(r, FAC, I(INTENT_TURN_LIMIT, 0, -1, NULL), MODEL_ERR_INVALID,
	    "cannot be negative");
	refused(r, FAC, I(INTENT_TURN_LIMIT, 0, MODEL_TURN_MAX + 1, NULL),
	    MODEL_ERR_INVALID, "at most an hour");
	refused(r, FAC, I(INTENT_TURN_LIMIT, 0, 0, NULL), MODEL_ERR_STATE,
	    "no limit already");
	/* A string where none belongs is refused like any other's. */
	refused(r, FAC, (struct intent){ .type = INTENT_TIMER,
	    .value = TIMER_STOP, .text = "x" }, MODEL_ERR_INVALID,
	    "takes no");
}

/* A timebox belongs to its phase: moving on stops it (the bell stays as
 * set); so does a new meeting. */
static void
test_phase_change_stops(void **state)
{
	struct room *r = *state;

	must(r, FAC, timer(TIMER_BELL_ON, 0));
	must(r, FAC, timer(TIMER_START, 600));
	must(r, FAC, I(INTENT_PHASE, 0, PHASE_CAUCUS, NULL));
	assert_int_equal(r->ws->timer.state, TIMER_OFF);
	assert_true(r->ws->timer.bell);
	assert_replicas(r);
	refused(r, FAC, timer(TIMER_PAUSE, 0), MODEL_ERR_STATE, NULL);

	must(r, FAC, timer(TIMER_START, 600));
	assert_int_equal(r->ws->timer.phase, PHASE_CAUCUS);
	must(r, FAC, timer(TIMER_PAUSE, 0));
	must(r, FAC, I(INTENT_MEETING, 0, 20991231, NULL));
	assert_int_equal(r->ws->timer.state, TIMER_OFF);
	assert_replicas(r);
}

/* The floor keeps when its speaker got it; the limit is recorded. */
static void
test_turn(void **state)
{
	struct room *r = *state;
	int64_t t = T0 + 9000;

	must_at(r, t, FAC, I(INTENT_TURN_LIMIT, 0, 120, NULL));
	assert_int_equal(r->ws->turn_limit, 120);
	must_at(r, t + 5, ANA, I(INTENT_HAND, 0, 1, NULL));
	must_at(r, t + 7, RUIZ, I(INTENT_HAND, 0, 1, NULL));
	must_at(r, t + 10, FAC, I(INTENT_SPEAKER, 0, 0, NULL));
	assert_int_equal(r->ws->speaker, ANA);
	assert_true(r->ws->floor_since == t + 10);
	assert_replicas(r);
	must_at(r, t + 80, COF, I(INTENT_FLOOR_END, 0, 0, NULL));
	must_at(r, t + 90, FAC, I(INTENT_SPEAKER, RUIZ, 0, NULL));
	assert_true(r->ws->floor_since == t + 90);
	must_at(r, t + 91, FAC, I(INTENT_TURN_LIMIT, 0, 0, NULL));
	assert_int_equal(r->ws->turn_limit, 0);
	assert_replicas(r);
}

/* A record the reducer could not have written does not replay. */
static void
test_commit_refuses_damage(void **state)
{
	struct room *r = *state;
	struct model_error err;
	struct event ev = { .type = EVENT_TIMER, .time = T0 + 10,
	    .actor = FAC };

	ev.seq = r->ws->seq + 1;
	ev.value = TIMER_PAUSE;		/* nothing runs */
	assert_int_equal(model_commit(r->ws, &ev, false, &err), -1);
	ev.value = TIMER_START;
	ev.value2 = 0;
	assert_int_equal(model_commit(r->ws, &ev, false, &err), -1);
	ev.value2 = MODEL_TIMER_MAX + 1;
	assert_int_equal(model_commit(r->ws, &ev, false, &err), -1);
	ev.value = 42;
	assert_int_equal(model_commit(r->ws, &ev, false, &err), -1);
	ev = (struct event){ .type = EVENT_TURN_LIMIT, .seq = r->ws->seq + 1,
	    .time = T0 + 10, .actor = FAC, .value = -5 };
	assert_int_equal(model_commit(r->ws, &ev, false, &err), -1);
	assert_int_equal(r->ws->timer.state, TIMER_OFF);
	assert_int_equal(r->ws->turn_limit, 0);
}

/* --- on the wire --------------------------------------------------------- */

static void
round_trip(const struct msg *m, struct msg *out)
{
	struct wire_buf b;
	uint32_t len;
	char err[200];

	wire_buf_init(&b);
	assert_int_equal(wire_encode(m, &b), 0);
	assert_int_equal(wire_frame_length(b.data, WIRE_SERVER_FRAME_MAX,
	    &len), 0);
	if (wire_decode(b.data + WIRE_HEADER_SIZE, len, out, err,
	    sizeof err) != 0)
		fail_msg("decode failed: %s", err);
	wire_buf_destroy(&b);
}

/* A snapshot carries the timer (running or paused), the floor's start and
 * the turn limit; a room without them sends none of it. */
static void
test_snapshot(void **state)
{
	struct room *r = *state;
	struct msg m = { .type = MSG_WELCOME }, out;
	int64_t t = T0 + 20000;
	size_t i;

	m.welcome.snapshot_src = r->ws;
	m.welcome.self = ANA;
	m.now = (t + 3) * 1000 + 250;
	round_trip(&m, &out);
	assert_true(out.now == m.now);
	assert_same_clock(r->ws, out.welcome.room);
	wire_msg_free(&out);

	must_at(r, t, FAC, timer(TIMER_BELL_ON, 0));
	must_at(r, t, FAC, timer(TIMER_START, 600));
	must_at(r, t + 1, FAC, I(INTENT_TURN_LIMIT, 0, 120, NULL));
	must_at(r, t + 2, ANA, I(INTENT_HAND, 0, 1, NULL));
	must_at(r, t + 3, FAC, I(INTENT_SPEAKER, 0, 0, NULL));
	for (i = 0; i < NVIEWERS; i++) {
		m.welcome.self = viewers[i];
		round_trip(&m, &out);
		assert_same_clock(r->ws, out.welcome.room);
		assert_true(out.welcome.room->timer.deadline == t + 600);
		assert_true(out.welcome.room->floor_since == t + 3);
		assert_int_equal(out.welcome.room->turn_limit, 120);
		wire_msg_free(&out);
	}

	/* Paused 4:10 left, after a restart: the same on every screen. */
	must_at(r, t + 350, FAC, timer(TIMER_PAUSE, 0));
	must_at(r, t + 351, FAC, timer(TIMER_ADD, 60));
	m.welcome.self = RUIZ;
	round_trip(&m, &out);
	assert_same_clock(r->ws, out.welcome.room);
	assert_int_equal(out.welcome.room->timer.state, TIMER_PAUSED);
	assert_int_equal(out.welcome.room->timer.left, 310);
	assert_int_equal(out.welcome.room->timer.total, 660);
	wire_msg_free(&out);
}

/* The heartbeat says the server's time; a ping without it (an older
 * server) reads as 0, unknown. */
static void
test_ping_now(void **state)
{
	struct msg m = { .type = MSG_PING }, out;

	(void)state;
	m.now = (int64_t)T0 * 1000 + 999;
	round_trip(&m, &out);
	assert_true(out.now == m.now);
	wire_msg_free(&out);
	m.now = 0;
	round_trip(&m, &out);
	assert_true(out.now == 0);
	wire_msg_free(&out);
	/* A pong says nothing of time. */
	m = (struct msg){ .type = MSG_PONG, .now = 5 };
	round_trip(&m, &out);
	assert_true(out.now == 0);
	wire_msg_free(&out);
}

/* A snapshot whose clock the reducer could not have made is refused. */
static void
test_snapshot_hostile_clock(void **state)
{
	struct room *r = *state;
	struct msg m = { .type = MSG_WELCOME }, out;
	struct wire_buf b;
	uint32_t len;
	char err[200];

	r->ws->turn_limit = MODEL_TURN_MAX + 1;	/* not a reducer's */
	m.welcome.snapshot_src = r->ws;
	m.welcome.self = ANA;
	wire_buf_init(&b);
	assert_int_equal(wire_encode(&m, &b), 0);
	assert_int_equal(wire_frame_length(b.data, WIRE_SERVER_FRAME_MAX,
	    &len), 0);
	assert_int_equal(wire_decode(b.data + WIRE_HEADER_SIZE, len, &out,
	    err, sizeof err), -1);
	assert_non_null(strstr(err, "turn limit"));
	r->ws->turn_limit = 0;
	r->ws->timer.state = TIMER_RUNNING;	/* a timebox of nothing */
	wire_buf_reset(&b);
	assert_int_equal(wire_encode(&m, &b), 0);
	assert_int_equal(wire_decode(b.data + WIRE_HEADER_SIZE,
	    b.len - WIRE_HEADER_SIZE, &out, err, sizeof err), -1);
	r->ws->timer.state = TIMER_OFF;
	wire_buf_destroy(&b);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_timer_arithmetic, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_timer_replay, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_timer_refusals, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_phase_change_stops, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_turn, setup, teardown),
		cmocka_unit_test_setup_teardown(test_commit_refuses_damage,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(test_snapshot, setup,
		    teardown),
		cmocka_unit_test(test_ping_now),
		cmocka_unit_test_setup_teardown(test_snapshot_hostile_clock,
		    setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
