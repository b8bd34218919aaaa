/*
 * timebox.c - the room's clock on screen: the timebox (a small "⏱ 8:12" in
 * every screen's header, big digits on the projected one when there is
 * room), how long the speaker has had the floor ("1:12 of 2:00"), and
 * the facilitators' T keys that run the timer.
 *
 * What is left is counted in the room's time: the deadline is the
 * server's (model.h, struct timer), and this screen's idea of the
 * server's clock is its own plus the offset the welcome and the
 * heartbeat told (tui_set_clock_offset).  The digits change at the turn
 * of the room's second, so every screen changes together.
 *
 * Cost: while a running timer or a turn is shown, a libuv timer fires
 * once a second, just after the room's second turns, and draws only the
 * cells it drew last time (the spots) - not the body, not the footer;
 * curses then sends only the cells that changed.  When a spot's width
 * changes (9:59 -> 10:00), the whole screen is drawn once instead.  A
 * paused timer, or none, sets no tick: nothing runs at rest.
 *
 * Keys: T opens one-key choices (s start, p pause, r resume, 1 and 5 add
 * a minute or five, + add minutes, x stop after y, b bell, l limit each
 * turn), from browse only: typed text never reaches them, keys that came
 * with others in one read (a paste) close them and do nothing, and
 * anyone but a facilitator is refused by the room.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "roundtable/i18n.h"
#include "roundtable/text.h"
#include "tui-internal.h"

/* The bell rings when this screen sees time run out within this much
 * of the deadline (a screen started later, or a resume past zero, does
 * not ring). */
#define BELL_LATE_MS	5000
/* How long after the room's second turns the tick fires. */
#define TICK_AFTER_MS	15
/* A timebox near its end: the first cue. */
#define CUE_SECONDS	120

enum look {
	LOOK_NONE = 0,
	LOOK_RUN,		/* running, time left */
	LOOK_CUE,		/* running, CUE_SECONDS or less left */
	LOOK_OVER,		/* running, time is up */
	LOOK_PAUSED,
};

struct reading {
	int	 look;
	int64_t	 secs;		/* left (rounded up), or over (down) */
	bool	 over;		/* time is up (paused too) */
};

static void	on_tick(uv_timer_t *);

/* The room's clock as this screen estimates it, in milliseconds. */
static int64_t
room_ms(const struct tui *t)
{
	struct timespec	ts;

	clock_gettime(CLOCK_REALTIME, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000 +
	    t->clock.offset_ms;
}

void
tui_set_clock_offset(struct tui *t, int64_t offset_ms)
{
	/* A LAN's jitter is not worth a redraw. */
	if (offset_ms - t->clock.offset_ms > 200 ||
	    t->clock.offset_ms - offset_ms > 200) {
		t->clock.offset_ms = offset_ms;
		t->dirty = true;
	}
}

static struct reading
read_timer(const struct tui *t)
{
	struct reading	 r = { LOOK_NONE, 0, false };
	const struct timer *tm;
	int64_t		 ms;

	if (t->ws == NULL || t->ws->timer.state == TIMER_OFF)
		return r;
	tm = &t->ws->timer;
	ms = tm->state == TIMER_RUNNING ? tm->deadline * 1000 - room_ms(t) :
	    (int64_t)tm->left * 1000;
	if (ms > 0) {
		r.secs = (ms + 999) / 1000;
		r.look = r.secs <= CUE_SECONDS ? LOOK_CUE : LOOK_RUN;
	} else {
		r.secs = -ms / 1000;
		r.over = true;
		r.look = LOOK_OVER;
	}
	if (tm->state == TIMER_PAUSED)
		r.look = LOOK_PAUSED;
	return r;
}

/* "8:12", "1:02:03". */
static const char *
hms(int64_t s, char *buf, size_t len)
{
	if (s < 0)
		s = 0;
	if (s >= 3600)
		snprintf(buf, len, "%lld:%02lld:%02lld", (long long)(s / 3600),
		    (long long)(s / 60 % 60), (long long)(s % 60));
	else
		snprintf(buf, len, "%lld:%02lld", (long long)(s / 60),
		    (long long)(s % 60));
	return buf;
}

/* The header's words for the timer, "" for none. */
static void
head_text(const struct tui *t, char *buf, size_t len)
{
	struct reading	r = read_timer(t);
	char		n[24];

	*buf = '\0';
	if (r.look == LOOK_NONE)
		return;
	hms(r.secs, n, sizeof n);
	if (r.look == LOOK_PAUSED)
		/* TRANSLATORS: the timer in the phase header, %s a time
		 * such as 1:30; keep it as short as the English. */
		snprintf(buf, len, r.over ? _("⏱ paused, %s over") :
		    _("⏱ paused %s"), n);
	else if (r.over && COLS < 60)
		/* On a phone the header has no room for the words (the
		 * timer went, the moment it mattered): its colour says
		 * the time is up, "+" by how much. */
		snprintf(buf, len, "⏱ +%s", n);
	else if (r.over)
		/* TRANSLATORS: the timer in the phase header; short. */
		snprintf(buf, len, _("⏱ time is up +%s"), n);
	else
		snprintf(buf, len, "⏱ %s", n);
}

/* "1:12 of 2:00" for who has the floor; "" when nobody has it (or the
 * record does not say since when). */
static void
turn_text(const struct tui *t, char *buf, size_t len, bool *over)
{
	const struct workshop	*ws = t->ws;
	int64_t			 s;
	char			 a[24], b[24];

	*buf = '\0';
	*over = false;
	if (ws == NULL || ws->speaker == 0 || ws->floor_since == 0)
		return;
	s = (room_ms(t) - ws->floor_since * 1000) / 1000;
	if (s < 0)
		s = 0;
	hms(s, a, sizeof a);
	if (ws->turn_limit > 0) {
		*over = s >= ws->turn_limit;
		/* TRANSLATORS: how long the speaker has had the floor,
		 * of how long a turn may take: "1:12 of 2:00". */
		snprintf(buf, len, _("%s of %s"), a, hms(ws->turn_limit, b,
		    sizeof b));
	} else
		snprintf(buf, len, "%s", a);
}

static int
head_attr(const struct tui *t, int look)
{
	if (!t->colors)
		return look == LOOK_OVER ? A_BOLD : look == LOOK_CUE ?
		    A_REVERSE | A_BOLD | A_UNDERLINE : A_REVERSE | A_BOLD;
	switch (look) {
	case LOOK_CUE:
		return COLOR_PAIR(PAIR_HEAD_CUE) | A_BOLD;
	case LOOK_OVER:
		return COLOR_PAIR(PAIR_WARN) | A_BOLD;
	case LOOK_PAUSED:
		return COLOR_PAIR(PAIR_HEADER);
	}
	return COLOR_PAIR(PAIR_HEADER) | A_BOLD;
}

/* On the body's background. */
static int
body_attr(const struct tui *t, int look)
{
	switch (look) {
	case LOOK_CUE:
		return t->colors ? COLOR_PAIR(PAIR_CUE) | A_BOLD :
		    A_BOLD | A_UNDERLINE;
	case LOOK_OVER:
		return t->colors ? COLOR_PAIR(PAIR_OVER) | A_BOLD :
		    A_REVERSE | A_BOLD;
	case LOOK_PAUSED:
		return A_DIM;
	}
	return A_BOLD;
}

int
tui_clock_width(const struct tui *t, int kind)
{
	char	buf[64];
	bool	over;

	if (kind == CLOCK_HEAD)
		head_text(t, buf, sizeof buf);
	else
		turn_text(t, buf, sizeof buf, &over);
	return (int)text_width(buf);
}

static void
keep_spot(struct tui *t, int kind, int y, int x, int w)
{
	struct tui_clock	*c = &t->clock;
	int			 i;

	for (i = 0; i < c->nspots; i++)
		if (c->spots[i].kind == kind)
			break;
	if (i == CLOCK_SPOTS)
		return;
	if (i == c->nspots)
		c->nspots++;
	c->spots[i] = (struct clock_spot){ kind, y, x, w };
}

/* The big countdown and its line of words, centred in w columns. */
static void
put_big(struct tui *t, int y, int x, int w)
{
	const struct workshop	*ws = t->ws;
	struct reading		 r = read_timer(t);
	char			 digits[24], n[24], total[24], words[160];
	char			*row;
	int			 i, dw, attr = body_attr(t, r.look);

	for (i = 0; i < CLOCK_BIG_ROWS; i++)
		tui_fill(y + i, x, w, A_NORMAL);
	if (r.look == LOOK_NONE)
		return;
	snprintf(digits, sizeof digits, "%s%s", r.over ? "+" : "",
	    hms(r.secs, n, sizeof n));
	dw = 6 * (int)strlen(digits) - 1;
	for (i = 0; i < 5; i++) {
		row = tui_big_row(digits, i);
		tui_put(y + i, x + (w - dw) / 2, w, row, attr);
		free(row);
	}
	hms(ws->timer.total, total, sizeof total);
	if (r.look == LOOK_PAUSED)
		/* TRANSLATORS: under the big clock: the time over (or
		 * left), the timebox, the phase's title. */
		snprintf(words, sizeof words, r.over ?
		    _("PAUSED — %s over of %s for %s") :
		    _("PAUSED — %s left of %s for %s"), n, total,
		    tui_step_title(t, (size_t)ws->timer.phase));
	else if (r.over)
		/* TRANSLATORS: under the big clock: the time over, the
		 * timebox, the phase's title. */
		snprintf(words, sizeof words, _("TIME IS UP — %s over the %s "
		    "for %s"), n, total, tui_step_title(t,
		    (size_t)ws->timer.phase));
	else
		/* TRANSLATORS: under the big clock: the time left, the
		 * timebox, the phase's title. */
		snprintf(words, sizeof words, _("%s left of %s for %s"), n,
		    total, tui_step_title(t, (size_t)ws->timer.phase));
	if (ws->timer.bell)
		/* TRANSLATORS: added after the line under the big clock. */
		strncat(words, _(" · bell on"), sizeof words - strlen(words) -
		    1);
	dw = (int)text_width(words);
	tui_put_trunc(y + 5, x + (dw < w ? (w - dw) / 2 : 0), w, words,
	    r.look == LOOK_RUN ? (int)A_NORMAL : attr);
}

void
tui_clock_put(struct tui *t, int kind, int y, int x, int w)
{
	char	buf[64];
	bool	over;
	int	attr;

	if (kind == CLOCK_BIG) {
		put_big(t, y, x, w);
		keep_spot(t, kind, y, x, w);
		return;
	}
	if (kind == CLOCK_HEAD) {
		head_text(t, buf, sizeof buf);
		attr = head_attr(t, read_timer(t).look);
	} else {
		turn_text(t, buf, sizeof buf, &over);
		attr = over ? body_attr(t, LOOK_OVER) : (int)A_BOLD;
	}
	if (*buf == '\0' || w <= 0)
		return;
	tui_put_trunc(y, x, w, buf, attr);
	keep_spot(t, kind, y, x, (int)text_width(buf));
}

int
tui_clock_big_rows(const struct tui *t, int body_w, int body_h)
{
	char	n[24], digits[24];
	struct reading r = read_timer(t);

	/* Only the projected screen, only when the body keeps room for
	 * what the room is working on. */
	if (t->ws == NULL || t->self != MODEL_FACILITATOR ||
	    r.look == LOOK_NONE || LINES < 30 || body_h < CLOCK_BIG_ROWS + 8)
		return 0;
	/* The widest it may get: over by hours. */
	snprintf(digits, sizeof digits, "+%s", hms(r.secs >= 3600 ? r.secs :
	    3599, n, sizeof n));
	if (6 * (int)strlen(digits) - 1 > body_w || !tui_big_ok(digits))
		return 0;
	return CLOCK_BIG_ROWS;
}

/* --- the tick ------------------------------------------------------------ */

void
tui_clock_init(struct tui *t)
{
	if (uv_timer_init(t->loop, &t->clock.tick) != 0)
		abort();
	t->clock.tick.data = t;
	t->open_handles++;
}

void
tui_clock_begin(struct tui *t)
{
	t->clock.nspots = 0;
	t->clock.big_rows = 0;
}

/* The facilitators' screens ring once when the room's time runs out,
 * if the bell is on. */
static void
ring(struct tui *t)
{
	const struct timer	*tm;
	int64_t			 ms;

	if (t->ws == NULL || !tui_is_facilitator(t))
		return;
	tm = &t->ws->timer;
	if (tm->state != TIMER_RUNNING || t->clock.rang == tm->deadline)
		return;
	ms = tm->deadline * 1000 - room_ms(t);
	if (ms > 0)
		return;
	if (tm->bell && ms > -BELL_LATE_MS)
		beep();
	t->clock.rang = tm->deadline;
}

void
tui_clock_end(struct tui *t)
{
	struct tui_clock	*c = &t->clock;
	bool			 moving = false;
	int64_t			 ms;
	int			 i;

	ring(t);
	for (i = 0; i < c->nspots; i++)
		if (c->spots[i].kind == CLOCK_TURN || (t->ws != NULL &&
		    t->ws->timer.state == TIMER_RUNNING))
			moving = true;
	if (!moving || t->closing) {
		if (c->ticking)
			uv_timer_stop(&c->tick);
		c->ticking = false;
		return;
	}
	ms = room_ms(t) % 1000;
	if (ms < 0)
		ms += 1000;
	uv_timer_start(&c->tick, on_tick, (uint64_t)(1000 - ms +
	    TICK_AFTER_MS), 0);
	c->ticking = true;
}

/* Draws the spots again; false when one of them changed width (the
 * screen is then drawn whole). */
static bool
redraw_spots(struct tui *t)
{
	struct clock_spot	 v[CLOCK_SPOTS];
	int			 i, n = t->clock.nspots;

	memcpy(v, t->clock.spots, sizeof v);
	for (i = 0; i < n; i++)
		if (v[i].kind != CLOCK_BIG &&
		    tui_clock_width(t, v[i].kind) != v[i].w)
			return false;
	for (i = 0; i < n; i++)
		tui_clock_put(t, v[i].kind, v[i].y, v[i].x, v[i].w);
	return true;
}

static void
on_tick(uv_timer_t *h)
{
	struct tui	*t = h->data;
	int		 cy, cx;

	t->clock.ticking = false;
	if (t->closing)
		return;
	/* A whole frame is coming: it draws the clock too. */
	if (t->dirty)
		return;
	getyx(stdscr, cy, cx);
	if (!redraw_spots(t)) {
		t->dirty = true;
		return;
	}
	move(cy, cx);
	tui_show(t);
	tui_clock_end(t);
}

/* --- the keys ------------------------------------------------------------ */

static const char *
bell_word(const struct tui *t)
{
	/* TRANSLATORS: a key-bar label (the key is b), also put into the
	 * timer's prompt after "b": as short as the English. */
	return t->ws->timer.bell ? _("bell off") : _("bell at zero");
}

size_t
tui_timer_hints(const struct tui *t, const char **keys, const char **labels,
    size_t n)
{
	size_t	k = 0;
	int	state = t->ws->timer.state;

#define HINT(a, b)	do { if (k < n) { keys[k] = (a); labels[k] = (b); \
			    k++; } } while (0)
	if (state == TIMER_OFF)
		/* TRANSLATORS: key-bar labels of the timer, each as short
		 * as the English (the bar must fit 80 columns). */
		HINT("s", _("start"));
	if (state == TIMER_RUNNING)
		/* TRANSLATORS: a key-bar label; short. */
		HINT("p", _("pause"));
	if (state == TIMER_PAUSED)
		/* TRANSLATORS: a key-bar label; short. */
		HINT("r", _("resume"));
	if (state != TIMER_OFF) {
		/* TRANSLATORS: a key-bar label; short. */
		HINT("1/5", _("+1/+5 min"));
		/* TRANSLATORS: a key-bar label; short. */
		HINT("+", _("add minutes"));
		/* TRANSLATORS: a key-bar label; short. */
		HINT("x", _("stop"));
		/* TRANSLATORS: a key-bar label; short. */
		HINT("s", _("start over"));
	}
	HINT("b", bell_word(t));
	/* TRANSLATORS: a key-bar label; short. */
	HINT("l", _("limit turns"));
	/* TRANSLATORS: a key-bar label; short. */
	HINT("Esc", _("cancel"));
#undef HINT
	return k;
}

void
tui_key_timer(struct tui *t)
{
	char	*prompt;

	/* A pasted "The ..." is not a command, nor is what follows the T
	 * (the notice guards the keys typed after it, "h" included). */
	if (t->burst) {
		tui_notice(t, _("Typing ignored (pause, then press a key)"));
		return;
	}
	if (!tui_is_facilitator(t)) {
		/* The room says who may. */
		tui_send(t, INTENT_TIMER, 0, TIMER_START,
		    model_timebox_minutes(t->ws, model_step_now(t->ws)) * 60, 0, NULL);
		return;
	}
	/* The time itself is on the screen already, and moves. */
	switch (t->ws->timer.state) {
	case TIMER_RUNNING:
	case TIMER_PAUSED:
		/* TRANSLATORS: the timer's prompt; the keys (p, 1, 5, +, x,
		 * s, b, l, Esc) stay as they are; %s after b is the bell's
		 * key-bar label ("bell off" or "bell at zero"). */
		prompt = xasprintf(t->ws->timer.state == TIMER_RUNNING ?
		    _("Timer: p pauses · 1 or 5 adds a minute or five · + adds "
		    "minutes · x stops · s starts over · b %s · l limits "
		    "speaking turns · Esc") : _("Timer: r resumes · 1 or 5 adds "
		    "a minute or five · + adds minutes · x stops · s starts "
		    "over · b %s · l limits speaking turns · Esc"),
		    bell_word(t));
		break;
	default:
		/* TRANSLATORS: the timer's prompt; the keys stay as they
		 * are; the first %s is a phase's name, the second the bell's
		 * key-bar label ("bell off" or "bell at zero"). */
		prompt = xasprintf(_("Timer: s starts a timebox for %s · b %s "
		    "· l limits speaking turns · Esc"),
		    tui_step_title(t, model_step_now(t->ws)), bell_word(t));
		break;
	}
	tui_open_mode(t, MODE_KEY, INPUT_TIMER, 0, prompt, 0);
}

/* A line with a value offered: typing replaces it. */
static void
ask_minutes(struct tui *t, enum input_for what, const char *prompt,
    const char *offer)
{
	tui_open_mode(t, MODE_INPUT, what, 0, xstrdup(prompt), 8);
	tui_editor_offer(&t->ed, offer);
}

/* "10" minutes, "2:30" minutes and seconds, "0:45"; -1 when it is none
 * of these. */
static long
parse_minutes(const char *s)
{
	char	*end;
	long	 m, sec = 0;

	if (*s < '0' || *s > '9')
		return -1;
	m = strtol(s, &end, 10);
	if (*end == ':') {
		if (end[1] < '0' || end[1] > '9')
			return -1;
		sec = strtol(end + 1, &end, 10);
		if (sec > 59)
			return -1;
	}
	if (*end != '\0' || m > 100000)
		return -1;
	return m * 60 + sec;
}

static void
send_timer(struct tui *t, int op, long seconds)
{
	t->after_send = true;
	tui_send(t, INTENT_TIMER, 0, op, (int32_t)seconds, 0, NULL);
}

void
tui_timer_key(struct tui *t, int code, wint_t ch)
{
	char	buf[24];
	int	state = t->ws->timer.state;

	/* Keys pasted or typed ahead with others do nothing here. */
	if (t->burst || t->pasting) {
		tui_close_input(t);
		return;
	}
	if (t->input_for == INPUT_TIMER_STOP) {
		tui_close_input(t);
		if (code == OK && (ch == 'y' || ch == 'Y'))
			send_timer(t, TIMER_STOP, 0);
		else
			tui_notice(t, _("The timer goes on."));
		return;
	}
	if (code == OK && ch == 0x1b) {
		tui_close_input(t);
		return;
	}
	tui_close_input(t);
	switch (code == OK ? ch : 0) {
	case 's':
		snprintf(buf, sizeof buf, "%d",
		    model_timebox_minutes(t->ws, model_step_now(t->ws)));
		ask_minutes(t, INPUT_TIMER_START, state == TIMER_OFF ?
		    _("Timebox, in minutes (or m:ss): ") : _("Start over with, "
		    "in minutes (or m:ss): "), buf);
		return;
	case 'p':
		send_timer(t, TIMER_PAUSE, 0);
		return;
	case 'r':
		send_timer(t, TIMER_RESUME, 0);
		return;
	case '1':
	case '5':
		send_timer(t, TIMER_ADD, (ch - '0') * 60L);
		return;
	case '+':
		ask_minutes(t, INPUT_TIMER_ADD, _("Add minutes (or m:ss): "),
		    "5");
		return;
	case 'x':
		if (state == TIMER_OFF)
			send_timer(t, TIMER_STOP, 0);	/* the room says */
		else
			tui_open_mode(t, MODE_KEY, INPUT_TIMER_STOP, 0,
			    /* TRANSLATORS: y and n are the keys, in
			     * every language. */
			    xstrdup(_("Stop the timer? y/n")), 0);
		return;
	case 'b':
		send_timer(t, t->ws->timer.bell ? TIMER_BELL_OFF :
		    TIMER_BELL_ON, 0);
		return;
	case 'l':
		if (t->ws->turn_limit > 0)
			hms(t->ws->turn_limit, buf, sizeof buf);
		else
			snprintf(buf, sizeof buf, "2");
		ask_minutes(t, INPUT_TURN_LIMIT, _("Each speaking turn may "
		    "take, in minutes (or m:ss; 0: no limit): "), buf);
		return;
	default:
		/* TRANSLATORS: the keys stay as they are. */
		tui_notice(t, _("Nothing done: T then s starts the timer, p "
		    "pauses, r resumes, 1 or 5 adds minutes, x stops, b sets "
		    "the bell, l limits turns."));
		return;
	}
}

bool
tui_timer_send(struct tui *t, const char *text)
{
	enum input_for	 what = t->input_for;
	long		 s;

	if (what != INPUT_TIMER_START && what != INPUT_TIMER_ADD &&
	    what != INPUT_TURN_LIMIT)
		return false;
	s = parse_minutes(text);
	if (s < 0 || (s == 0 && what != INPUT_TURN_LIMIT)) {
		tui_notice(t, what == INPUT_TURN_LIMIT ? _("Type minutes, as "
		    "2 or 1:30 (0: no limit); Esc cancels.") : _("Type minutes, "
		    "as 10 or 2:30; Esc cancels."));
		return true;
	}
	if (what == INPUT_TURN_LIMIT && s > MODEL_TURN_MAX) {
		tui_notice(t, _("A speaking turn may take an hour at most; "
		    "Esc cancels."));
		return true;
	}
	if (what != INPUT_TURN_LIMIT && s > MODEL_TIMER_MAX) {
		tui_notice(t, _("A timebox is at most 10 hours; Esc cancels."));
		return true;
	}
	tui_close_input(t);
	if (what == INPUT_TURN_LIMIT) {
		t->after_send = true;
		tui_send(t, INTENT_TURN_LIMIT, 0, (int32_t)s, 0, 0, NULL);
	} else
		send_timer(t, what == INPUT_TIMER_START ? TIMER_START :
		    TIMER_ADD, s);
	return true;
}
