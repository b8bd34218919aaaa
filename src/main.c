/*
 * main.c - the command line: serve, join, export.  Wiring only: options
 * are read and checked here, then handed to the layers.
 *
 * Exit status: 0 done, 1 failed at run time, 2 bad usage.
 */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <locale.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>
#include <sys/stat.h>

#include <uv.h>

#include "roundtable/export.h"
#include "roundtable/file.h"
#include "roundtable/i18n.h"
#include "roundtable/journal.h"
#include "roundtable/model.h"
#include "roundtable/net.h"
#include "roundtable/template.h"
#include "roundtable/text.h"
#include "roundtable/tui.h"
#include "roundtable/wire.h"

#define DEFAULT_STATE	"roundtable.rtj"
#define GROUPS_MAX_ARGS	MODEL_GROUPS_MAX

/* The help texts (printed through _(); %s is the list of languages). */
static const char usage_main[] = N_(
"usage: roundtable serve [options]     open the room (the facilitator's screen)\n"
"       roundtable join HOST[:PORT]    join a room from another terminal\n"
"       roundtable export --charter|--report|--actions [-o FILE] STATE\n"
"       roundtable --help | --version\n"
"\n"
"Run 'roundtable COMMAND --help' for a command's options, and see\n"
"roundtable(1).\n");

static const char usage_serve[] = N_(
"usage: roundtable serve [--template NAME|FILE|list] [--title TEXT]\n"
"                        [--ssh-port N|auto] [--bind ADDR]\n"
"                        [--code CODE] [--state FILE] [--group NAME]...\n"
"                        [--headless] [--new-meeting[=YYYY-MM-DD]]\n"
"                        [--port N] [--plain-listen ADDR] [--lang LANG]\n"
"\n"
"Opens the room and shows the facilitator's screen; participants join with\n"
"the line it shows: 'ssh -p 7422 ADDRESS' from any laptop, or 'roundtable\n"
"join ADDRESS'.  Everything crosses the network encrypted (SSH), and the\n"
"room's key (FILE.hostkey) is shown so people can check it is your room.\n"
"The record is kept in FILE and reopened if it exists.  Everyone who joins\n"
"is recorded as present at the current meeting.\n"
"\n"
"On the screen, ? lists the keys.  T runs the timer: s starts a timebox\n"
"(minutes, the phase's own offered), p pauses, r resumes, 1 or 5 add\n"
"minutes, x stops, b rings the bell at zero, l limits each speaking turn;\n"
"every screen shows the time left, and a new phase stops it.  G shows the\n"
"agenda: each phase's planned start and timebox, and the time spent.\n"
"\n"
"  --template NAME|FILE\n"
"                  the process the room follows, from a new record on: its\n"
"                  phases, their prompts, timeboxes and content (default\n"
"                  msp, Lesson 11's multi-stakeholder process); 'list' shows\n"
"                  the templates built in.  FILE is your own (see\n"
"                  roundtable(1), TEMPLATES)\n"
"  --ssh-port N    SSH port to listen on (default 7422; 0: no SSH, auto: any\n"
"                  free port)\n"
"  --bind ADDR     address to listen on for SSH (default 0.0.0.0: every IPv4\n"
"                  address; :: for IPv6 as well)\n"
"  --title TEXT    the workshop's title (default: the template's)\n"
"  --code CODE     the join code (default: a random one, kept in the record)\n"
"  --state FILE    the record (default ./roundtable.rtj)\n"
"  --group NAME    a stakeholder group; repeat for each (default: the\n"
"                  template's, else Community, Civil society, Local\n"
"                  government, Police, Military, Business, Women's\n"
"                  organisations)\n"
"  --headless      no screen: print how to join and each change to standard\n"
"                  output; stop with Ctrl-C\n"
"  --new-meeting[=YYYY-MM-DD]\n"
"                  reopening a record: start its next meeting, dated today\n"
"                  or the given day (a new record starts meeting 1 itself)\n"
"  --port N        the unencrypted protocol's port, on this computer only\n"
"                  (127.0.0.1), for tools and tests (default 7420; 0: any)\n"
"  --plain-listen ADDR\n"
"                  listen for the unencrypted protocol on ADDR instead: what\n"
"                  people say then crosses the network readable (warned)\n"
"  --lang LANG     the room's language (%s): the charter and the report\n"
"                  are written in it, and SSH participants whose ssh sends\n"
"                  no language see it (default: the room's, and a new room\n"
"                  takes yours).  This screen is in your own language\n");

static const char usage_join[] = N_(
"usage: roundtable join HOST[:PORT] [--name NAME] [--group GROUP] [--code CODE]\n"
"                       [--observer] [--facilitator-code CODE] [--plain]\n"
"                       [--lang LANG]\n"
"\n"
"Joins the room served at HOST (a name, an IPv4 address or [IPv6]; port 7422\n"
"unless given), encrypted over SSH.  The room's key is remembered the first\n"
"time; if it ever changes, joining stops and says so.  Asks on screen for\n"
"whatever is missing; coming back, --name alone is enough.\n"
"\n"
"  --name NAME     your name as the room will see it\n"
"  --group GROUP   your stakeholder group, one of the room's\n"
"  --code CODE     the join code shown on the facilitator's screen\n"
"  --observer      read the room without writing in it (no group)\n"
"  --facilitator-code CODE\n"
"                  join as co-facilitator, with the code shown only on\n"
"                  the facilitator's own screen\n"
"  --plain         the unencrypted protocol (serve's --port, default 7420),\n"
"                  for a room on this computer or one served with\n"
"                  --plain-listen\n"
"  --lang LANG     the language of your screen (%s; default: your\n"
"                  terminal's, LANGUAGE or LANG)\n");

static const char usage_export[] = N_(
"usage: roundtable export --charter|--report|--actions [--format text|csv]\n"
"                         [--bom] [--lang LANG] [-o FILE] STATE\n"
"\n"
"Writes from the record STATE; no server is needed.  The charter and the\n"
"report are plain text wrapped at 72 columns, the action plan is CSV.\n"
"The room's confidentiality rules apply.\n"
"\n"
"  --charter       the charter (terms of reference)\n"
"  --report        the whole process: the charter, then each meeting\n"
"  --actions       the action plan, one row per action\n"
"  --format FMT    text (--charter, --report) or csv (--actions); the\n"
"                  default is the only one each has\n"
"  --bom           begin the CSV with a UTF-8 byte order mark, so that\n"
"                  Excel on Windows reads accents and other scripts\n"
"  --lang LANG     the language to write in (%s; default: the room's)\n"
"  -o, --output FILE  write to FILE instead of standard output\n");

static int
usage_error(const char *cmd, const char *fmt, const char *arg)
{
	char *prog, *msg;

	prog = cmd != NULL ? xasprintf("roundtable %s", cmd) :
	    xstrdup("roundtable");
	msg = xasprintf(fmt, arg);
	/* TRANSLATORS: "roundtable serve: --port wants a number ... (see
	 * 'roundtable serve --help')". */
	fprintf(stderr, _("%s: %s (see '%s --help')\n"), prog, msg, prog);
	free(prog);
	free(msg);
	return 2;
}

/* A sentence made in English by the room or by the model, in this
 * process's language (the room's words first, then the model's). */
static char *
from_wire(const char *english)
{
	char *s = i18n_from_wire(english, net_words);

	if (strcmp(s, english) == 0) {
		free(s);
		s = i18n_from_wire(english, model_words);
	}
	return s;
}

/* A model refusal of a command-line option, in the usage error's form. */
static int
refused_option(const char *cmd, const struct model_error *merr)
{
	char	*why = from_wire(merr->msg);
	int	 status = usage_error(cmd, "%s", why);

	free(why);
	return status;
}

/* An error the model or the room made (in English, as they speak), on
 * standard error in the person's language. */
static void
say_error(const char *english)
{
	char *why = from_wire(english);

	fprintf(stderr, "roundtable: %s\n", why);
	free(why);
}

/*
 * --lang for join, serve and export: a language there is a catalogue
 * for (or en).  Returns 0, or the usage error's status.
 */
static int
check_lang(const char *cmd, const char *lang)
{
	char *all, *why;
	int status;

	if (i18n_known(lang))
		return 0;
	all = i18n_languages();
	why = xasprintf(_("unknown language '%s': the languages are %s"),
	    lang, all);
	status = usage_error(cmd, "%s", why);
	free(why);
	free(all);
	return status;
}

/* A command's --help, in the person's language, with the languages
 * there are. */
static int
help(const char *usage)
{
	char *langs = i18n_languages();

	printf(_(usage), langs);
	free(langs);
	return 0;
}

/* getopt_long with our own one-line messages. */
static int
next_option(int argc, char **argv, const char *shortopts,
    const struct option *longopts, const char *cmd, int *status)
{
	int ch, prev = optind;

	opterr = 0;
	ch = getopt_long(argc, argv, shortopts, longopts, NULL);
	if (ch == '?') {
		const char *bad = argv[optind - 1 > prev ? optind - 1 : prev];

		if (optopt != 0 && bad != NULL && strncmp(bad, "--", 2) != 0)
			*status = usage_error(cmd, _("unknown or incomplete "
			    "option -%s"), (char[]){ (char)optopt, '\0' });
		else
			*status = usage_error(cmd, _("unknown or incomplete "
			    "option %s"), bad != NULL ? bad : "?");
	} else if (ch == ':')
		*status = usage_error(cmd, _("option %s needs a value"),
		    argv[optind - 1]);
	return ch;
}

static int
parse_port(const char *s, int *port)
{
	char *end;
	long v;

	errno = 0;
	v = strtol(s, &end, 10);
	if (errno != 0 || *s == '\0' || *end != '\0' || v < 0 || v > 65535)
		return -1;
	*port = (int)v;
	return 0;
}

/* --- serve -------------------------------------------------------------- */

struct serve {
	uv_loop_t	*loop;
	struct workshop	*ws;
	struct journal	*j;
	struct server	*srv;
	struct door	*door;		/* NULL: no SSH */
	struct tui	*tui;
	uv_signal_t	 sigint, sigterm, sighup;
	uv_timer_t	 farewell;	/* while people are told it closed */
	uint64_t	 farewell_until;
	bool		 headless;
	bool		 stopping;
};

/* What everyone connected is told when the room closes (in English, as
 * everything the room says: each screen says it in its own language). */
#define ROOM_CLOSED	N_("The facilitator closed the room.")
/* How long the room waits for them to hear it (and an SSH screen to say
 * it) before it hangs up on whoever is left. */
#define FAREWELL_MS	3000

static void
serve_close(struct serve *s)
{
	if (s->door != NULL)
		door_close(s->door);
	server_close(s->srv);
}

static void
on_farewell(uv_timer_t *h)
{
	struct serve *s = h->data;

	if (server_connections(s->srv) > 0 || (s->door != NULL &&
	    door_sessions(s->door) > 0)) {
		if (uv_now(s->loop) < s->farewell_until)
			return;
	}
	uv_timer_stop(h);
	uv_close((uv_handle_t *)h, NULL);
	serve_close(s);
}

/*
 * Closing the room (the facilitator's q, or a signal): what is on its way
 * goes to disk and out first; then everyone connected is told the room
 * closed, so their screens say so and stop instead of reconnecting (issue
 * 15: a closed room must not look like a network failure, nor pull old
 * screens into the next meeting).  Then the room hangs up.
 */
static void
serve_stop(struct serve *s)
{
	if (s->stopping)
		return;
	s->stopping = true;
	server_flush(s->srv);
	if (s->tui != NULL)
		tui_free(s->tui);
	s->tui = NULL;
	uv_close((uv_handle_t *)&s->sigint, NULL);
	uv_close((uv_handle_t *)&s->sigterm, NULL);
	uv_close((uv_handle_t *)&s->sighup, NULL);
	if (server_farewell(s->srv, ROOM_CLOSED) == 0 && (s->door == NULL ||
	    door_sessions(s->door) == 0)) {
		serve_close(s);
		return;
	}
	uv_timer_init(s->loop, &s->farewell);
	s->farewell.data = s;
	s->farewell_until = uv_now(s->loop) + FAREWELL_MS;
	uv_timer_start(&s->farewell, on_farewell, 50, 50);
}

static void
on_stop_signal(uv_signal_t *h, int signum)
{
	struct serve *s = h->data;

	/* Ctrl-C at the facilitator's screen asks first, as q does ("Close
	 * the room for everyone? y/n"; a second Ctrl-C closes it): one
	 * pressed by mistake ended everyone's meeting.  Without a screen
	 * (--headless), and from kill or a closed terminal, it closes. */
	if (signum == SIGINT && s->tui != NULL) {
		tui_interrupt(s->tui);
		return;
	}
	serve_stop(s);
}

static const char *
person_label(const struct workshop *ws, uint32_t who, char *buf, size_t len)
{
	const struct participant *p = model_person(ws, who);
	const struct group *g;

	if (p == NULL)
		return _("the room");
	g = model_group(ws, p->group);
	if (g != NULL)
		snprintf(buf, len, "%s (%s)", model_person_shown(p),
		    model_group_shown(g->name));
	else
		snprintf(buf, len, "%s", model_person_shown(p));
	return buf;
}

/* A removed co-facilitator knows the code: make a new one. */
static void
renew_fac_code(struct serve *s)
{
	struct intent in = { .type = INTENT_FAC_CODE };
	struct model_error err;
	char a[16], b[16], fac[40];

	net_make_code(a, sizeof a);
	net_make_code(b, sizeof b);
	snprintf(fac, sizeof fac, "%s-%s", a, b);
	in.secret = fac;
	if (server_submit(s->srv, MODEL_SYSTEM, &in, &err) != 0) {
		say_error(err.msg);
		return;
	}
	if (s->tui != NULL)
		tui_set_fac_code(s->tui, fac);
	else if (s->headless)
		printf(_("co-facilitators: the code is now %s\n"), fac);
}

/* A contribution's line for --headless: whole sentences, one per kind,
 * so that each language can order its words.  What a caucus writes stays
 * within it. */
static char *
item_line(int kind, const char *who, const char *text, bool kept)
{
	switch (kind) {
	case ITEM_CELL:
		return kept ? xasprintf(_("%s wrote in a matrix cell: (kept "
		    "within the group)"), who) : xasprintf(_("%s wrote in a "
		    "matrix cell: %s"), who, text);
	case ITEM_GRIEVANCE:
		return xstrdup(_("a point of order arrived for the "
		    "facilitators"));
	case ITEM_CAUCUS_NOTE:
		return xasprintf(_("%s wrote a caucus note: (kept within the "
		    "group)"), who);
	case ITEM_CAUCUS_REPORT:
		return xasprintf(_("%s wrote a caucus report-back: (kept "
		    "within the group)"), who);
	case ITEM_AMENDMENT:
		return xasprintf(_("%s wrote an amendment: %s"), who, text);
	case ITEM_SECTION_TEXT:
		return xasprintf(_("%s wrote charter text: %s"), who, text);
	case ITEM_QUESTION:
		return xasprintf(_("%s wrote a question: %s"), who, text);
	default:
		return xasprintf(_("%s wrote a contribution: %s"), who, text);
	}
}

/* A poll closed or revealed, for --headless; a caucus's check says only
 * whose it was. */
static char *
poll_end_line(const struct workshop *ws, const struct event *ev)
{
	const struct poll *p = model_poll(ws, ev->ref);
	const struct group *g;
	bool closed = ev->type == EVENT_POLL_CLOSE;

	if (p->flags & POLL_F_GROUP) {
		g = model_group(ws, p->group);
		return g != NULL ? xasprintf(_("%s caucus check closed"),
		    model_group_shown(g->name)) :
		    xstrdup(_("a caucus check closed"));
	}
	if (p->verdict_text != NULL)
		return xasprintf(closed ? _("poll %u closed: %s") :
		    _("poll %u revealed: %s"), ev->ref, p->verdict_text);
	return xasprintf(closed ? _("poll %u closed") : _("poll %u revealed"),
	    ev->ref);
}

/* One line per change for --headless; names and text sanitised. */
static void
on_server_event(void *ctx, const struct event *ev)
{
	struct serve *s = ctx;
	const struct item *it;
	char who[200], *line = NULL;

	if (ev->type == EVENT_REMOVE && model_person(s->ws, ev->ref) != NULL &&
	    model_person(s->ws, ev->ref)->role == ROLE_COFACILITATOR)
		renew_fac_code(s);
	if (!s->headless)
		return;
	person_label(s->ws, ev->actor, who, sizeof who);
	switch (ev->type) {
	case EVENT_JOIN:
		person_label(s->ws, ev->id, who, sizeof who);
		/* TRANSLATORS: "Ana (Police) joined as participant"; the
		 * role is one of the model's role names. */
		line = xasprintf(_("%s joined as %s"), who,
		    _(model_role_name(ev->value)));
		break;
	case EVENT_PHASE:
		line = xasprintf(_("phase %d: %s"), ev->value,
		    model_step_title(s->ws, (size_t)ev->value));
		break;
	case EVENT_GROUP_ADD:
		line = xasprintf(_("group added: %s"), ev->text);
		break;
	case EVENT_ITEM:
		if (ev->actor == MODEL_SYSTEM)
			break;		/* seed content */
		it = model_item(s->ws, ev->id);
		line = item_line(ev->value, it->conf == CONF_CHATHAM ?
		    _("someone") : who, ev->text,
		    model_cell_private(s->ws, it));
		break;
	case EVENT_REPORT_REVEAL:
		it = model_item(s->ws, ev->ref);
		line = model_group(s->ws, it->group) != NULL ?
		    xasprintf(_("%s caucus report-back shown to the plenary"),
		    model_group(s->ws, it->group)->name) :
		    xstrdup(_("a caucus report-back shown to the plenary"));
		break;
	case EVENT_CONFIDENTIALITY:
		line = ev->value2 < 0 ? xasprintf(_("confidentiality rule for "
		    "the room: %s"), C_("confidentiality", model_conf_name(ev->value))) :
		    xasprintf(_("confidentiality rule in %s: %s"),
		    _(model_phase_name(ev->value2)),
		    C_("confidentiality", model_conf_name(ev->value)));
		break;
	case EVENT_RENAME:
	case EVENT_MOVE:
	case EVENT_REMOVE:
		person_label(s->ws, ev->ref, who, sizeof who);
		line = xasprintf(ev->type == EVENT_RENAME ? _("%s was renamed") :
		    ev->type == EVENT_MOVE ? _("%s moved to this group") :
		    _("%s was removed from the room"), who);
		break;
	case EVENT_HAND:
		line = xasprintf(ev->id != 0 ? _("%s raised a hand") :
		    _("%s lowered a hand"), who);
		break;
	case EVENT_SPEAKER:
		person_label(s->ws, ev->ref, who, sizeof who);
		line = xasprintf(_("%s has the floor"), who);
		break;
	case EVENT_FLOOR_END:
		person_label(s->ws, ev->ref, who, sizeof who);
		line = xasprintf(_("%s finished speaking"), who);
		break;
	case EVENT_TIMER:
		/* TRANSLATORS: "timer: started 5:00"; the operation is one of
		 * the model's timer operations. */
		line = ev->value == TIMER_START || ev->value == TIMER_ADD ?
		    xasprintf(_("timer: %s %d:%02d"), _(model_timer_op_name(
		    ev->value)), ev->value2 / 60, ev->value2 % 60) :
		    xasprintf(_("timer: %s"), _(model_timer_op_name(
		    ev->value)));
		break;
	case EVENT_TURN_LIMIT:
		line = ev->value > 0 ? xasprintf(_("each speaking turn may take "
		    "%d:%02d"), ev->value / 60, ev->value % 60) :
		    xstrdup(_("speaking turns have no limit"));
		break;
	case EVENT_POLL_OPEN:
		if (ev->flags & POLL_F_GROUP) {
			/* What a caucus checks stays with it. */
			line = model_group(s->ws, ev->group) != NULL ?
			    xasprintf(_("%s caucus check opened"),
			    model_group(s->ws, ev->group)->name) :
			    xstrdup(_("a caucus check opened"));
			break;
		}
		/* TRANSLATORS: "poll 3 opened (straw poll): Which market
		 * first?" */
		line = xasprintf(ev->flags & POLL_F_ANONYMOUS ?
		    _("poll %u opened (%s, anonymous): %s") :
		    _("poll %u opened (%s): %s"), ev->id,
		    ev->value == POLL_CONSENSUS ? _("consensus check") :
		    ev->value == POLL_STRAW ? _("straw poll") :
		    ev->value == POLL_SCORE ? _("score") : _("dot vote"),
		    ev->flags & POLL_F_CHARTER ? _("the whole charter") :
		    ev->text != NULL ? ev->text : "");
		break;
	case EVENT_VOTE:
	case EVENT_DOT:
		/* How many, never who: the log may be on a shared screen. */
		line = xasprintf(ngettext("poll %u: %u answered",
		    "poll %u: %u answered", ev->id), ev->ref, ev->id);
		break;
	case EVENT_POLL_CLOSE:
	case EVENT_POLL_REVEAL:
		line = poll_end_line(s->ws, ev);
		break;
	case EVENT_DECISION_RULE:
		line = xasprintf(_("decision rule: %s"), _(model_rule_name(
		    ev->value)));
		break;
	case EVENT_SECTION_EDIT:
	case EVENT_SECTION_MERGE:
	case EVENT_SECTION_STATE:
		it = model_item(s->ws, ev->ref);
		if (it != NULL && it->kind == ITEM_SECTION_TEXT)
			it = model_item(s->ws, it->ref);
		line = xasprintf(ev->type == EVENT_SECTION_EDIT ?
		    _("charter section \"%s\" edited") :
		    ev->type == EVENT_SECTION_MERGE ?
		    _("charter section \"%s\" took a proposal") :
		    ev->value == STATUS_OPEN ?
		    _("charter section \"%s\" reopened") :
		    _("charter section \"%s\" marked not applicable"),
		    it != NULL ? it->text : "?");
		break;
	case EVENT_STATUS:
		/* Not who: withdrawing would name a Chatham House author. */
		line = xasprintf(_("item %u is %s"), ev->ref,
		    _(model_status_name(ev->value)));
		break;
	case EVENT_QUESTION:
		line = xasprintf(_("question put to the room: %s"),
		    model_item(s->ws, ev->ref)->text);
		break;
	case EVENT_TITLE:
		line = xasprintf(_("title: %s"), ev->text);
		break;
	case EVENT_LANGUAGE:
		/* TRANSLATORS: the room's language of record changed: what
		 * its charter and report are written in ("fr"). */
		line = xasprintf(_("the room's language: %s"), ev->text);
		break;
	case EVENT_INDICATOR_SET:
		/* TRANSLATORS: "indicator 2: baseline 3 of 10 districts" */
		line = ev->text == NULL ? xasprintf(ev->value ==
		    INDICATOR_BASELINE ? _("indicator %u: baseline cleared") :
		    _("indicator %u: target cleared"), model_indicator_number(
		    s->ws, ev->ref)) : xasprintf(ev->value ==
		    INDICATOR_BASELINE ? _("indicator %u: baseline %s") :
		    _("indicator %u: target %s"), model_indicator_number(s->ws,
		    ev->ref), ev->text);
		break;
	default:
		break;
	}
	if (line == NULL)
		return;
	/* Flushed once per batch of changes (on_server_changed). */
	printf("#%llu ", (unsigned long long)ev->seq);
	text_sanitize_to(stdout, line, false);
	putchar('\n');
	free(line);
}

static void
on_server_changed(void *ctx)
{
	struct serve *s = ctx;

	if (s->tui != NULL)
		tui_dirty(s->tui);
	else if (s->headless)
		fflush(stdout);	/* the lines of the changes just released */
}

static void
on_server_refused(void *ctx, const char *why)
{
	struct serve *s = ctx;

	if (s->tui != NULL)
		tui_notice(s->tui, why);
	else
		fprintf(stderr, "roundtable: %s\n", why);
}

static void
on_server_recovered(void *ctx)
{
	struct serve *s = ctx;
	const char *line = _("the record can be written again; the room "
	    "takes changes again");

	if (s->tui != NULL)
		tui_notice(s->tui, line);
	else
		fprintf(stderr, "roundtable: %s\n", line);
}

static void
on_server_log(void *ctx, const char *line)
{
	struct serve *s = ctx;

	if (s->headless) {
		printf("%s\n", line);
		fflush(stdout);
	}
}

/* Who is in the room, for --headless: as the projector's "Present N"
 * would tell it, one line each time someone comes or goes. */
static void
on_server_presence(void *ctx, uint32_t who, bool present)
{
	struct serve *s = ctx;
	const struct participant *p = model_person(s->ws, who);
	char label[200], *line;

	if (!s->headless || p == NULL || p->present == present)
		return;
	person_label(s->ws, who, label, sizeof label);
	/* TRANSLATORS: for --headless, "Ana (Police) is in the room". */
	line = xasprintf(present ? _("%s is in the room") :
	    _("%s left the room"), label);
	/* Flushed with the changes (on_server_changed). */
	text_sanitize_to(stdout, line, false);
	putchar('\n');
	free(line);
}

static void
on_tui_intent(void *ctx, const struct intent *in)
{
	struct serve *s = ctx;
	struct model_error err;

	char *why;

	if (server_submit(s->srv, MODEL_FACILITATOR, in, &err) != 0) {
		why = i18n_from_wire(err.msg, net_words);
		tui_refused(s->tui, why);
		free(why);
	}
}

static void
on_tui_quit(void *ctx)
{
	serve_stop(ctx);
}

/* Today in the facilitator's own time zone, as YYYYMMDD: a meeting is
 * dated by the day the room sees on its wall. */
static int32_t
local_date(void)
{
	time_t now = time(NULL);
	struct tm tm;

	if (localtime_r(&now, &tm) == NULL)
		return model_date_of((int64_t)now);
	return (int32_t)((tm.tm_year + 1900) * 10000 + (tm.tm_mon + 1) * 100 +
	    tm.tm_mday);
}

/*
 * The room's language of record (issue 17): what the charter and the
 * report are written in, and what an SSH participant's screen speaks
 * when their ssh sends no language.  serve --lang sets it; else a room
 * keeps the one it has ("en" for a room from before rooms had one), and
 * a new room takes the facilitator's.  A new room is made with it in its
 * first event (INTENT_CREATE); open_room records a change of it on an
 * existing room (INTENT_LANGUAGE).
 */
static const char *
record_language(const struct workshop *ws, const char *lang)
{
	if (lang != NULL)
		return lang;
	return ws->title != NULL ? model_language(ws) : i18n_language();
}

/*
 * Writes a new room's opening, or what the options change in an old one.
 * meeting: the date of a new meeting to start on an old record, or 0; a
 * new record starts meeting 1 with the room.
 */
static int
open_room(struct serve *s, const struct template *tpl, const char *title,
    const char *code, const char *lang, const char **groups, size_t ngroups,
    int32_t meeting)
{
	struct intent in = { 0 }, *seed;
	struct model_error err;
	char made[16];
	size_t i, n;

	if (s->ws->title == NULL) {
		if (code == NULL) {
			net_make_code(made, sizeof made);
			code = made;
		}
		in.type = INTENT_CREATE;
		in.text = (char *)(title != NULL ? title : tpl->title);
		in.text2 = tpl->name;
		in.secret = (char *)code;
		in.lang = (char *)record_language(s->ws, lang);
		in.value = local_date();	/* meeting 1's */
		if (server_submit(s->srv, MODEL_SYSTEM, &in, &err) != 0)
			goto fail;
		if (groups == NULL && tpl->ngroups > 0) {
			groups = (const char **)tpl->groups;
			ngroups = tpl->ngroups;
		} else if (groups == NULL) {
			groups = (const char **)model_default_groups;
			for (; model_default_groups[ngroups] != NULL; ngroups++)
				;
		}
		for (i = 0; i < ngroups; i++) {
			in = (struct intent){ .type = INTENT_GROUP_ADD };
			in.text = (char *)groups[i];
			if (server_submit(s->srv, MODEL_SYSTEM, &in,
			    &err) != 0)
				goto fail;
		}
		/* The template's phases and content, into the record. */
		n = template_intents(tpl, NULL, 0);
		seed = xcalloc(n, sizeof *seed);
		template_intents(tpl, seed, n);
		for (i = 0; i < n; i++)
			if (server_submit(s->srv, MODEL_SYSTEM, &seed[i],
			    &err) != 0) {
				free(seed);
				goto fail;
			}
		free(seed);
	} else {
		if (title != NULL && strcmp(title, s->ws->title) != 0) {
			in = (struct intent){ .type = INTENT_TITLE };
			in.text = (char *)title;
			if (server_submit(s->srv, MODEL_SYSTEM, &in,
			    &err) != 0)
				goto fail;
		}
		if (lang != NULL && strcmp(lang, model_language(s->ws)) != 0) {
			in = (struct intent){ .type = INTENT_LANGUAGE };
			in.text = (char *)lang;
			if (server_submit(s->srv, MODEL_SYSTEM, &in,
			    &err) != 0)
				goto fail;
		}
		if (code != NULL && !text_code_equal(code, s->ws->code)) {
			in = (struct intent){ .type = INTENT_CODE };
			in.secret = (char *)code;
			if (server_submit(s->srv, MODEL_SYSTEM, &in,
			    &err) != 0)
				goto fail;
		}
		for (i = 0; i < ngroups; i++) {
			if (model_group_by_name(s->ws, groups[i]) != NULL)
				continue;
			in = (struct intent){ .type = INTENT_GROUP_ADD };
			in.text = (char *)groups[i];
			if (server_submit(s->srv, MODEL_SYSTEM, &in,
			    &err) != 0)
				goto fail;
		}
		if (meeting != 0) {
			in = (struct intent){ .type = INTENT_MEETING };
			in.value = meeting;
			if (server_submit(s->srv, MODEL_SYSTEM, &in,
			    &err) != 0)
				goto fail;
		}
	}
	if (s->ws->fac_code == NULL) {
		/* Longer than the join code: it opens more. */
		char a[16], b[16], fac[40];

		net_make_code(a, sizeof a);
		net_make_code(b, sizeof b);
		snprintf(fac, sizeof fac, "%s-%s", a, b);
		in = (struct intent){ .type = INTENT_FAC_CODE };
		in.secret = fac;
		if (server_submit(s->srv, MODEL_SYSTEM, &in, &err) != 0)
			goto fail;
	}
	if (server_flush(s->srv) != 0) {
		fprintf(stderr, _("roundtable: the record cannot be saved to "
		    "disk\n"));
		return -1;
	}
	return 0;
fail:
	say_error(err.msg);
	return -1;
}

/* The door's command for the hub, and the hub's for each SSH screen:
 * this program, hidden command ssh-hub or ssh-screen, with the room's
 * language.  A static array: the door copies it. */
static const char *const *
session_argv(const char *cmd, const char *hostkey, const char *tokens,
    const char *lang)
{
	static char exe[4096];
	static const char *argv[9];
	size_t len = sizeof exe;

	if (uv_exepath(exe, &len) != 0)
		snprintf(exe, sizeof exe, "/proc/self/exe");
	argv[0] = exe;
	argv[1] = cmd;
	argv[2] = "--hostkey";
	argv[3] = hostkey;
	argv[4] = "--tokens";
	argv[5] = tokens;
	argv[6] = "--lang";
	argv[7] = lang;
	argv[8] = NULL;
	return argv;
}

/* Prints the built-in templates, for --template list. */
static int
list_templates(void)
{
	struct template	 t;
	char		 err[256];
	size_t		 i;

	for (i = 0; i < template_nbuiltins; i++) {
		if (template_parse(&t, template_builtins[i].text,
		    template_builtins[i].len, template_builtins[i].name, err,
		    sizeof err) != 0) {
			fprintf(stderr, "roundtable: %s\n", err);
			return 1;
		}
		printf(ngettext("%-16s %s (%zu phase)\n",
		    "%-16s %s (%zu phases)\n", t.nphases), t.name, t.title,
		    t.nphases);
		if (t.description != NULL)
			printf("%-16s %s\n", "", t.description);
		template_free(&t);
	}
	return 0;
}

/*
 * Reads the template a room is made from: a built-in one by its name, or
 * a file (a name with a '/' or ending in .rtt, or a file that exists).
 * Returns 0, or 1 having said why on stderr.
 */
static int
load_template(const char *arg, struct template *t)
{
	const struct template_builtin	*b;
	struct stat			 st;
	char				 err[512], *buf;
	size_t				 len;
	FILE				*f;
	int				 rc;

	b = template_builtin(arg);
	if (b != NULL && strchr(arg, '/') == NULL && stat(arg, &st) != 0) {
		if (template_parse(t, b->text, b->len, b->name, err,
		    sizeof err) != 0) {
			fprintf(stderr, "roundtable: %s\n", err);
			return 1;
		}
		return 0;
	}
	if ((f = fopen(arg, "rb")) == NULL) {
		if (strchr(arg, '/') == NULL && errno == ENOENT)
			fprintf(stderr, _("roundtable: there is no template "
			    "called '%s' ('roundtable serve --template list' "
			    "shows them)\n"), arg);
		else
			fprintf(stderr, "roundtable: %s: %s\n", arg,
			    strerror(errno));
		return 1;
	}
	if (fstat(fileno(f), &st) != 0 || !S_ISREG(st.st_mode)) {
		fprintf(stderr, _("roundtable: %s: not a template file\n"),
		    arg);
		fclose(f);
		return 1;
	}
	/* One byte more than a template may have tells a long file. */
	buf = xmalloc(TEMPLATE_FILE_MAX + 1);
	len = fread(buf, 1, TEMPLATE_FILE_MAX + 1, f);
	if (ferror(f)) {
		fprintf(stderr, _("roundtable: %s: cannot read it\n"), arg);
		fclose(f);
		free(buf);
		return 1;
	}
	fclose(f);
	rc = template_parse(t, buf, len, arg, err, sizeof err);
	free(buf);
	if (rc != 0) {
		fprintf(stderr, "roundtable: %s\n", err);
		return 1;
	}
	return 0;
}

static int
cmd_serve(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "port", required_argument, NULL, 'p' },
		{ "bind", required_argument, NULL, 'b' },
		{ "title", required_argument, NULL, 't' },
		{ "code", required_argument, NULL, 'c' },
		{ "state", required_argument, NULL, 's' },
		{ "group", required_argument, NULL, 'g' },
		{ "headless", no_argument, NULL, 'H' },
		{ "new-meeting", optional_argument, NULL, 'm' },
		{ "ssh-port", required_argument, NULL, 'S' },
		{ "plain-listen", required_argument, NULL, 'P' },
		{ "template", required_argument, NULL, 'T' },
		{ "lang", required_argument, NULL, 'L' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	static const struct server_hooks hooks = {
		.changed = on_server_changed,
		.event = on_server_event,
		.refused = on_server_refused,
		.recovered = on_server_recovered,
		.log = on_server_log,
		.presence = on_server_presence,
	};
	static const struct tui_callbacks tui_cb = {
		.intent = on_tui_intent,
		.quit = on_tui_quit,
	};
	const char *bind = "0.0.0.0", *title = NULL, *code = NULL;
	const char *plain = "127.0.0.1", *template = NULL, *lang = NULL;
	struct template tpl = { 0 };
	bool plain_local;
	int ssh_port = NET_SSH_DEFAULT_PORT;
	char *hostkey = NULL, *fingerprint = NULL, *tokens = NULL;
	const char *state = DEFAULT_STATE, *groups[GROUPS_MAX_ARGS];
	size_t ngroups = 0, i;
	int port = NET_DEFAULT_PORT, ch, status = 0;
	int32_t meeting = 0;
	struct model_error merr;
	struct serve s = { 0 };
	uv_loop_t loop;
	char warn[512], err[512], **lines, *join, *first;
	const char *gap;

	while ((ch = next_option(argc, argv, ":p:b:t:c:s:g:HS:P:T:h", opts,
	    "serve", &status)) != -1) {
		switch (ch) {
		case 'p':
			if (parse_port(optarg, &port) != 0)
				return usage_error("serve", _("--port wants a "
				    "number from 0 to 65535, not '%s'"),
				    optarg);
			break;
		case 'b':
			bind = optarg;
			break;
		case 't':
			if (model_check_text(optarg, MODEL_TITLE_MAX, false,
			    N_("title"), &merr) != 0)
				return refused_option("serve", &merr);
			title = optarg;
			break;
		case 'c':
			if (strlen(optarg) == 0 || strlen(optarg) >
			    MODEL_CODE_MAX || strspn(optarg,
			    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
			    "0123456789-") != strlen(optarg))
				return usage_error("serve", _("--code wants up "
				    "to 32 letters, digits and dashes, not "
				    "'%s'"), optarg);
			code = optarg;
			break;
		case 's':
			state = optarg;
			break;
		case 'g':
			if (model_check_text(optarg, MODEL_NAME_MAX, false,
			    N_("group name"), &merr) != 0)
				return refused_option("serve", &merr);
			if (ngroups == GROUPS_MAX_ARGS)
				return usage_error("serve", "%s",
				    _("too many --group options"));
			for (i = 0; i < ngroups; i++)
				if (strcasecmp(groups[i], optarg) == 0)
					return usage_error("serve", _("--group "
					    "'%s' is given twice"), optarg);
			groups[ngroups++] = optarg;
			break;
		case 'H':
			s.headless = true;
			break;
		case 'S':
			if (strcmp(optarg, "auto") == 0)
				ssh_port = -1;
			else if (parse_port(optarg, &ssh_port) != 0)
				return usage_error("serve", _("--ssh-port wants "
				    "a number from 0 to 65535 or auto, not "
				    "'%s'"), optarg);
			break;
		case 'P':
			plain = optarg;
			break;
		case 'T':
			template = optarg;
			break;
		case 'L':
			if ((status = check_lang("serve", optarg)) != 0)
				return status;
			lang = optarg;
			break;
		case 'm':
			if (optarg == NULL)
				meeting = local_date();
			else if (model_date_parse(optarg, &meeting,
			    &merr) != 0) {
				fprintf(stderr, _("roundtable serve: "
				    "--new-meeting: not a date: %s (use "
				    "YYYY-MM-DD)\n"), optarg);
				return 2;
			}
			break;
		case 'h':
			return help(usage_serve);
		default:
			return status;
		}
	}
	if (optind < argc)
		return usage_error("serve", _("unexpected argument '%s'"),
		    argv[optind]);
	if (template != NULL && strcmp(template, "list") == 0)
		return list_templates();
	/* A bad template stops everything before the room opens. */
	if (load_template(template != NULL ? template : "msp", &tpl) != 0)
		return 1;
	if (!s.headless && (!isatty(0) || !isatty(1))) {
		template_free(&tpl);
		fprintf(stderr, _("roundtable: the facilitator's screen needs "
		    "a terminal; use --headless to serve without one\n"));
		return 1;
	}

	plain_local = strcmp(plain, "127.0.0.1") == 0 ||
	    strcmp(plain, "::1") == 0;
	if (journal_open_room(state, &s.ws, &s.j, warn, sizeof warn, err,
	    sizeof err) != 0) {
		fprintf(stderr, "roundtable: %s\n", err);
		template_free(&tpl);
		return 1;
	}
	if (warn[0] != '\0')
		fprintf(stderr, _("roundtable: warning: %s\n"), warn);
	/* A room keeps the process it was made with. */
	if (template != NULL && s.ws->title != NULL &&
	    (s.ws->template == NULL || strcmp(s.ws->template,
	    tpl.name) != 0)) {
		if (s.ws->template != NULL)
			fprintf(stderr, _("roundtable: %s already holds a room "
			    "that follows the template '%s'; a template is "
			    "chosen when a room is made (start a new record "
			    "with --state FILE)\n"), state, s.ws->template);
		else
			fprintf(stderr, _("roundtable: %s already holds a room "
			    "that follows Lesson 11's process; a template is "
			    "chosen when a room is made (start a new record "
			    "with --state FILE)\n"), state);
		journal_close(s.j);
		model_free(s.ws);
		template_free(&tpl);
		return 1;
	}
	if (ssh_port != 0) {
		/* The room's identity, beside its record. */
		hostkey = xasprintf("%s.hostkey", state);
		tokens = xasprintf("%s.ssh", state);
		if (net_hostkey_open(hostkey, &fingerprint, warn, sizeof warn,
		    err, sizeof err) != 0) {
			fprintf(stderr, "roundtable: %s\n", err);
			journal_close(s.j);
			model_free(s.ws);
			template_free(&tpl);
			free(hostkey);
			free(tokens);
			return 1;
		}
		if (warn[0] != '\0')
			fprintf(stderr, _("roundtable: warning: %s\n"), warn);
	}
	uv_loop_init(&loop);
	s.loop = &loop;
	s.srv = server_new(&loop, s.ws, s.j, &hooks, &s);
	if (ssh_port != 0)
		s.door = door_new(&loop, s.srv, session_argv("ssh-hub", hostkey, tokens,
		    record_language(s.ws, lang)));
	if (open_room(&s, &tpl, title, code, lang, ngroups > 0 ? groups :
	    NULL, ngroups, meeting) != 0 ||
	    server_listen(s.srv, plain, port, err, sizeof err) != 0 ||
	    (s.door != NULL && door_listen(s.door, bind, ssh_port < 0 ? 0 :
	    ssh_port, err, sizeof err) != 0)) {
		if (s.ws->title != NULL && err[0] != '\0')
			fprintf(stderr, "roundtable: %s\n", err);
		status = 1;
		if (s.door != NULL)
			door_close(s.door);
		server_close(s.srv);
		goto out;
	}

	if (!plain_local)
		fprintf(stderr, _("roundtable: warning: --plain-listen %s: what "
		    "is said in the room crosses the network unencrypted on "
		    "port %d; anyone on the network can read it\n"), plain,
		    server_port(s.srv));

	/* Before anyone is told how to join: a Ctrl-C from then on must
	 * close the room properly (and may come from a shell that had
	 * SIGINT ignored). */
	uv_signal_init(&loop, &s.sigint);
	uv_signal_init(&loop, &s.sigterm);
	uv_signal_init(&loop, &s.sighup);
	s.sigint.data = s.sigterm.data = s.sighup.data = &s;
	uv_signal_start(&s.sigint, on_stop_signal, SIGINT);
	uv_signal_start(&s.sigterm, on_stop_signal, SIGTERM);
	uv_signal_start(&s.sighup, on_stop_signal, SIGHUP);
	signal(SIGPIPE, SIG_IGN);
	signal(SIGXFSZ, SIG_IGN);	/* a size limit is an error, not death */

	lines = s.door != NULL ? net_join_lines(bind, door_port(s.door),
	    s.ws->code, true) : net_join_lines(plain, server_port(s.srv),
	    s.ws->code, false);
	if (s.headless) {
		char *t = text_sanitize(s.ws->title, false);

		printf(ngettext("roundtable %s: serving \"%s\" from %s (%llu "
		    "event)\n", "roundtable %s: serving \"%s\" from %s (%llu "
		    "events)\n", (unsigned long)s.ws->seq), ROUNDTABLE_VERSION,
		    t, state, (unsigned long long)s.ws->seq);
		free(t);
		/* TRANSLATORS: these lines are read by scripts too; they run
		 * roundtable in English (LC_ALL=C.UTF-8). */
		for (i = 0; lines[i] != NULL; i++)
			printf(_("join: %s\n"), lines[i]);
		if (fingerprint != NULL)
			printf(_("room key: %s\n"), fingerprint);
		printf(_("on this computer: roundtable join --plain %s:%d "
		    "--code %s\n"), plain_local || strchr(plain, ':') == NULL ?
		    (plain_local ? plain : "127.0.0.1") : "[::1]",
		    server_port(s.srv), s.ws->code);
		printf(_("co-facilitators: add --facilitator-code %s (instead "
		    "of --code)\n"), s.ws->fac_code);
		fflush(stdout);
	} else {
		s.tui = tui_new(&loop, &tui_cb, &s);
		if (s.tui == NULL) {
			status = 1;
			serve_stop(&s);
			for (i = 0; lines[i] != NULL; i++)
				free(lines[i]);
			free(lines);
			goto out;
		}
		join = xasprintf(_("Join: %s"), lines[0]);
		for (i = 1; lines[i] != NULL; i++) {
			char *more = xasprintf(_("%s   or: %s"), join,
			    lines[i]);
			free(join);
			join = more;
		}
		/* Its first way alone, for a narrow projector: the ssh
		 * line, before the three spaces that set the ways apart
		 * (net_join_lines). */
		gap = s.door != NULL ? strstr(lines[0], "   ") : NULL;
		first = gap != NULL ? xstrndup(lines[0],
		    (size_t)(gap - lines[0])) : NULL;
		tui_set_join_line(s.tui, join, first);
		free(first);
		if (fingerprint != NULL)
			tui_set_room_key(s.tui, fingerprint);
		tui_set_fac_code(s.tui, s.ws->fac_code);
		free(join);
		tui_set_room(s.tui, s.ws, MODEL_FACILITATOR);
		if (warn[0] != '\0')
			tui_notice(s.tui, warn);
	}
	for (i = 0; lines[i] != NULL; i++)
		free(lines[i]);
	free(lines);

out:
	uv_run(&loop, UV_RUN_DEFAULT);
	if (journal_sync(s.j) != 0) {
		fprintf(stderr, _("roundtable: the record could not be saved "
		    "to disk\n"));
		status = 1;
	}
	server_free(s.srv);
	door_free(s.door);
	journal_close(s.j);
	model_free(s.ws);
	if (uv_loop_close(&loop) != 0)
		fprintf(stderr, _("roundtable: warning: handles left open\n"));
	free(hostkey);
	free(tokens);
	free(fingerprint);
	template_free(&tpl);
	return status;
}

/* --- join --------------------------------------------------------------- */

/*
 * Where a person's resume token is kept, so a laptop that restarts comes
 * back as the same person:
 *
 *   - `roundtable join`: in their own state directory, one file per room
 *     and name.  The room is known by its SSH key (its identity), not by
 *     the address typed, so 127.0.0.1 and localhost, or a new address on
 *     the second day, reach the same person; a plain connection has no
 *     key and goes by address.
 *   - an SSH participant with a key: beside the room's record, one file per
 *     key (STATE.ssh/key-ID.token, the token then the person's name): the
 *     key is who they are, once the one at the keyboard says so (a laptop
 *     may be shared; the others join as people without a key do).
 *   - an SSH participant without one: beside the record, one file per
 *     name; it is a claim, good only with the join code while that person
 *     is away.  Someone who came without a key and comes back with one
 *     claims their name the same way, and that key is not kept: it would
 *     bring back whoever came with it at any time, the code unasked,
 *     which a claim is not (anyone with the code may have made it).
 */
struct join {
	uv_loop_t		*loop;
	struct tui		*tui;
	struct client		*client;
	char			 host[256];
	int			 port;
	struct client_identity	 id;
	char			*code, *name, *group, *fac_code;
	bool			 observer;
	int			 transport;	/* enum client_transport */
	int			 fd;		/* CLIENT_FD's socket */
	char			*room_key;	/* the room's fingerprint */
	char			*token_dir;	/* an SSH screen's (STATE.ssh) */
	struct net_ssh_tty	*tty;		/* an SSH screen's terminal */
	char			*key_id;	/* ... its person's key, or NULL */
	char			*offer;		/* a name to offer (SSH user) */
	char			*someone_else;	/* TUI_ASK_WHO's other answer */
	bool			 lang_key;	/* an SSH screen: L switches
						 * its language */
	char			**choices;	/* the room's groups */
	bool			 tried_token;
	bool			 name_told;	/* the room has heard the name
						 * typed: free, if it asks for
						 * a group */
	bool			 tried_claim;	/* with a key: the name typed */
	char			*claim_token;	/* ... its claim, while tried */
	char			*token_name;	/* the name the token is kept
						 * under, once welcomed */
	uv_signal_t		 sigint, sigterm, sighup;
	uv_timer_t		 closed;	/* the room closed: leave */
	uv_poll_t		 room_watch;	/* CLIENT_FD before the client
						 * takes it: its end */
	bool			 watching;
	bool			 stopping;
	char			*last_words;	/* printed after the screen */
	int			 status;
};

/* Exit statuses of a join whose room closed, or whose person the
 * facilitator removed (documented in roundtable(1)). */
#define JOIN_EXIT_CLOSED	3
#define JOIN_EXIT_REMOVED	4
#define JOIN_EXIT_REPLACED	5
/* How long "the facilitator closed the room" stays on the screen before
 * the screen leaves by itself. */
#define JOIN_CLOSED_MS		10000

static uint64_t
fnv1a(const char *s)
{
	uint64_t h = 1469598103934665603ull;

	for (; *s != '\0'; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ull;
	return h;
}

/* The same for names as the room compares them: ASCII letters in either
 * case alike. */
static uint64_t
fnv1a_folded(const char *s)
{
	uint64_t h = 1469598103934665603ull;

	for (; *s != '\0'; s++)
		h = (h ^ (unsigned char)(*s >= 'A' && *s <= 'Z' ? *s + 32 :
		    *s)) * 1099511628211ull;
	return h;
}

/* The person's own state directory (made, with every missing directory
 * on the way, when make_dir: a fresh account may have no ~/.local). */
static char *
state_dir(bool make_dir)
{
	const char *base = getenv("XDG_STATE_HOME"), *home = getenv("HOME");
	char *dir, *q;

	if (base != NULL && *base == '/')
		dir = xasprintf("%s/roundtable", base);
	else if (home != NULL && *home == '/')
		dir = xasprintf("%s/.local/state/roundtable", home);
	else
		return NULL;
	if (make_dir) {
		for (q = strchr(dir + 1, '/'); q != NULL;
		    q = strchr(q + 1, '/')) {
			*q = '\0';
			mkdir(dir, 0700);
			*q = '/';
		}
		mkdir(dir, 0700);
	}
	return dir;
}

/* Where a token is kept: an SSH participant's under their key (by_key)
 * or under a name (a claim); anyone else's under the room and name. */
static char *
token_file(const struct join *j, const char *name, bool by_key,
    bool make_dir)
{
	char *dir, *path, key[700];

	if (j->token_dir != NULL) {
		if (make_dir)
			mkdir(j->token_dir, 0700);
		if (by_key)
			return xasprintf("%s/key-%s.token", j->token_dir,
			    j->key_id);
		if (name == NULL)
			return NULL;
		return xasprintf("%s/name-%016llx.token", j->token_dir,
		    (unsigned long long)fnv1a_folded(name));
	}
	if (name == NULL || (dir = state_dir(make_dir)) == NULL)
		return NULL;
	if (j->room_key != NULL)
		snprintf(key, sizeof key, "room %s\n%s", j->room_key, name);
	else
		snprintf(key, sizeof key, "%s\n%d\n%s", j->host, j->port,
		    name);
	path = xasprintf("%s/%016llx.token", dir,
	    (unsigned long long)fnv1a(key));
	free(dir);
	return path;
}

/* An SSH participant who came with a key. */
static bool
keyed(const struct join *j)
{
	return j->token_dir != NULL && j->key_id != NULL;
}

/* Where this person's token is looked for first. */
static char *
token_path(const struct join *j, const char *name, bool make_dir)
{
	return token_file(j, name, keyed(j), make_dir);
}

/* The start of a token's file into buf (NUL-terminated, empty when there
 * is none); its length, or -1 when there is none. */
static ssize_t
read_kept(const struct join *j, const char *name, bool by_key, char *buf,
    size_t size)
{
	char *path = token_file(j, name, by_key, false);
	FILE *f;
	size_t n;

	buf[0] = '\0';
	if (path == NULL || (f = fopen(path, "r")) == NULL) {
		free(path);
		return -1;
	}
	n = fread(buf, 1, size - 1, f);
	fclose(f);
	free(path);
	buf[n] = '\0';
	return (ssize_t)n;
}

static char *
read_token(const struct join *j, const char *name, bool by_key)
{
	char buf[64];
	ssize_t n = read_kept(j, name, by_key, buf, sizeof buf);

	if (n < 32)
		return NULL;
	buf[strcspn(buf, "\n")] = '\0';
	return xstrdup(buf);
}

static char *
load_token(const struct join *j, const char *name)
{
	return read_token(j, name, keyed(j));
}

/* The name of the person this SSH participant's key brings back, kept
 * with its token; NULL if none is kept (a key kept before names were). */
static char *
key_person(const struct join *j)
{
	char buf[512], *nl, *name;

	if (read_kept(j, NULL, true, buf, sizeof buf) < 0 ||
	    (nl = strchr(buf, '\n')) == NULL)
		return NULL;
	name = nl + 1;
	name[strcspn(name, "\n")] = '\0';
	if (*name == '\0' || model_check_text(name, MODEL_NAME_MAX, false,
	    "name", &(struct model_error){ 0 }) != 0)
		return NULL;
	return xstrdup(name);
}

/* Replaces path with text (file_replace).  Best effort: without it, only
 * this process can resume. */
static void
save_file(const char *path, const char *text)
{
	(void)file_replace(path, text, strlen(text));
}

static void
forget_token(const struct join *j, const char *name)
{
	char *path = token_path(j, name, false);

	if (path != NULL)
		unlink(path);
	free(path);
}

/*
 * The rooms this person has joined over SSH, as OpenSSH keeps known_hosts:
 * one line per address as typed, "HOST PORT FINGERPRINT".  A room first
 * seen at an address is trusted; a different key there later is refused.
 */
static char *
pin_path(bool make_dir)
{
	char *dir = state_dir(make_dir), *path;

	if (dir == NULL)
		return NULL;
	path = xasprintf("%s/known_rooms", dir);
	free(dir);
	return path;
}

static char *
load_pin(const char *host, int port)
{
	char *path = pin_path(false), line[512], h[300], fp[128];
	char *found = NULL;
	FILE *f;
	int p;

	if (path == NULL || (f = fopen(path, "r")) == NULL) {
		free(path);
		return NULL;
	}
	while (fgets(line, sizeof line, f) != NULL)
		if (sscanf(line, "%299s %d %127s", h, &p, fp) == 3 &&
		    strcmp(h, host) == 0 && p == port) {
			free(found);
			found = xstrdup(fp);
		}
	fclose(f);
	free(path);
	return found;
}

static void
save_pin(void *ctx, const char *fingerprint)
{
	struct join *j = ctx;
	char *path = pin_path(true), *line, *entry;
	int fd;

	/* The first time: the person can compare it with the projector. */
	line = xasprintf(_("This room's key is %s: check that the "
	    "facilitator's screen shows the same"), fingerprint);
	tui_notice(j->tui, line);
	free(line);

	if (path == NULL)
		return;
	/* Kept as a token is (0600, synced): the pin is what protects the
	 * next join, so it must outlive a crash right after this one.  (A
	 * known_rooms linked elsewhere by its owner is followed.) */
	fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0600);
	if (fd >= 0) {
		(void)fchmod(fd, 0600);	/* one an older version made 0644 */
		entry = xasprintf("%s %d %s\n", j->host, j->port, fingerprint);
		if (write(fd, entry, strlen(entry)) == (ssize_t)strlen(entry))
			(void)fsync(fd);
		close(fd);
		free(entry);
	}
	free(path);
}

static void
unwatch_room(struct join *j)
{
	if (!j->watching)
		return;
	j->watching = false;
	uv_close((uv_handle_t *)&j->room_watch, NULL);
}

static void
join_stop(struct join *j)
{
	if (j->stopping)
		return;
	j->stopping = true;
	unwatch_room(j);
	if (j->client != NULL)
		client_close(j->client);
	tui_free(j->tui);
	uv_close((uv_handle_t *)&j->closed, NULL);
	uv_close((uv_handle_t *)&j->sigint, NULL);
	uv_close((uv_handle_t *)&j->sigterm, NULL);
	uv_close((uv_handle_t *)&j->sighup, NULL);
	if (j->tty != NULL)
		net_ssh_tty_stop(j->tty);
}

static void	on_client_refused(void *, int, const char *);

/* The refusal the room sent before it closed fd, if that is what is
 * there: its code, and its text in *text (caller frees); else -1. */
static int
room_farewell(int fd, char **text)
{
	uint8_t buf[4096];
	char err[64];
	struct msg m;
	uint32_t len;
	ssize_t n;
	int code = -1;

	n = recv(fd, buf, sizeof buf, MSG_DONTWAIT);
	if (n < WIRE_HEADER_SIZE ||
	    wire_frame_length(buf, sizeof buf - WIRE_HEADER_SIZE, &len) != 0 ||
	    (size_t)n < WIRE_HEADER_SIZE + len ||
	    wire_decode(buf + WIRE_HEADER_SIZE, len, &m, err, sizeof err) != 0)
		return -1;
	if (m.type == MSG_REFUSE) {
		char *said = i18n_from_wire(m.refuse.text != NULL ?
		    m.refuse.text : "", net_words);

		/* In the screen's language, as the client would say it. */
		code = m.refuse.code;
		*text = text_sanitize(said, false);
		free(said);
	}
	wire_msg_free(&m);
	return code;
}

/* The room closed its end while the person was still at the join code
 * (it waits LOBBY_TIMEOUT_MS for them, or the facilitator closed the
 * room, saying so first): nothing will come through it again, so the
 * screen and the process end too. */
static void
on_room_gone(uv_poll_t *h, int status, int events)
{
	struct join *j = h->data;
	char *why = NULL;
	int code = room_farewell(j->fd, &why);

	(void)status;
	(void)events;
	if (code == REFUSE_CLOSED) {
		free(why);
		on_client_refused(j, REFUSE_CLOSED, NULL);
		return;
	}
	free(j->last_words);
	j->last_words = why != NULL && *why != '\0' ? why :
	    xstrdup(_(NET_LOST));
	if (j->last_words != why)
		free(why);
	j->status = 1;
	join_stop(j);
}

/* An SSH screen's way into the room, watched until the client takes it. */
static void
watch_room(struct join *j)
{
	if (j->transport != CLIENT_FD || j->fd < 0 || j->client != NULL ||
	    uv_poll_init(j->loop, &j->room_watch, j->fd) != 0)
		return;
	j->room_watch.data = j;
	j->watching = true;
	uv_poll_start(&j->room_watch, UV_DISCONNECT, on_room_gone);
}

static void
on_join_signal(uv_signal_t *h, int signum)
{
	struct join *j = h->data;

	/* Ctrl-C at the screen asks first, as q does: it was pressed by
	 * mistake in the middle of a sentence, and the sentence went.
	 * Asked from elsewhere (kill, a closed terminal), it leaves. */
	if (signum == SIGINT && j->tui != NULL) {
		tui_interrupt(j->tui);
		return;
	}
	join_stop(j);
}

static void
set_choices(struct join *j, const char *const *groups)
{
	size_t i, n;

	if (j->choices != NULL) {
		for (i = 0; j->choices[i] != NULL; i++)
			free(j->choices[i]);
		free(j->choices);
	}
	for (n = 0; groups[n] != NULL; n++)
		;
	j->choices = xcalloc(n + 1, sizeof *j->choices);
	for (i = 0; i < n; i++)
		j->choices[i] = xstrdup(groups[i]);
}

/* A keyless SSH participant's token is a claim on their name; so is the
 * one someone with a new key came back by. */
static bool
claims(const struct join *j)
{
	return j->token_dir != NULL && (j->key_id == NULL ||
	    j->claim_token != NULL);
}

static void
ask_name(struct join *j, const char *why)
{
	tui_ask(j->tui, TUI_ASK_NAME, why, NULL);
	if (j->offer != NULL)
		tui_ask_fill(j->tui, j->offer);
}

static void
ask_missing(struct join *j, const char *why)
{
	char *token;

	if (j->name != NULL && !j->tried_token &&
	    (token = load_token(j, j->name)) != NULL) {
		/* This person has been in this room before. */
		j->tried_token = true;
		client_resume(j->client, token, claims(j));
		free(token);
		return;
	}
	if (j->name != NULL && keyed(j) && !j->tried_claim &&
	    (token = read_token(j, j->name, false)) != NULL) {
		/* A key the room does not know, and the name of someone who
		 * came without one: theirs to claim as without the key. */
		j->tried_claim = true;
		j->claim_token = token;
		client_resume(j->client, token, true);
		return;
	}
	if (j->name == NULL)
		ask_name(j, why);
	else if (j->group == NULL && !j->observer && j->fac_code == NULL) {
		/* The room says whether the name is free before the groups
		 * are asked (it said so once a group was chosen); if it is,
		 * its answer is the groups again. */
		if (!j->name_told) {
			j->name_told = true;
			client_retry(j->client, NULL, j->name, NULL);
		} else
			tui_ask(j->tui, TUI_ASK_GROUP, why,
			    (const char *const *)j->choices);
	} else
		client_retry(j->client, NULL, j->name, j->group);
}

/* Connected, before hello: now the room's identity is known, and with it
 * the token this person may have kept for it. */
static char *
on_client_connected(void *ctx, const char *room_key, bool *claim)
{
	struct join *j = ctx;

	if (room_key != NULL && (j->room_key == NULL ||
	    strcmp(j->room_key, room_key) != 0)) {
		free(j->room_key);
		j->room_key = xstrdup(room_key);
	}
	if (j->tried_token || (j->name == NULL && j->key_id == NULL))
		return NULL;
	j->tried_token = true;
	*claim = claims(j);
	return load_token(j, j->name);
}

static void
move_token(const struct join *j, const char *was, const char *name,
    bool by_key, const char *token)
{
	char *from = was != NULL ? token_file(j, was, by_key, false) : NULL;
	char *to = token_file(j, name, by_key, true), *text;

	if (to != NULL && token != NULL) {
		/* Under a key, who it brings back: asked before it does. */
		text = by_key && name != NULL ? xasprintf("%s\n%s\n", token,
		    name) : xstrdup(token);
		save_file(to, text);
		free(text);
	}
	if (from != NULL && to != NULL && strcmp(from, to) != 0)
		unlink(from);
	free(from);
	free(to);
}

/* The token kept under name, the one the room shows now, and no longer
 * under was (NULL: leave the rest as it is); over SSH, under the key it
 * came with, or for a claim under the name alone. */
static void
keep_token(struct join *j, const char *was, const char *name)
{
	const char *token = client_token(j->client);

	if (keyed(j) && !claims(j))
		move_token(j, NULL, name, true, token);
	else
		move_token(j, was, name, false, token);
	free(j->token_name);
	j->token_name = xstrdup(name);
}

static void
on_client_welcome(void *ctx, const struct workshop *ws, uint32_t self)
{
	struct join *j = ctx;
	const struct participant *me = model_person(ws, self);
	const char *token = client_token(j->client);

	tui_set_room(j->tui, ws, self);
	/* A claim made with a new key: the room took it, or (its token
	 * refused) let this person in as a newcomer, whose name is then
	 * theirs by the key alone. */
	if (j->claim_token != NULL && (token == NULL ||
	    strcmp(token, j->claim_token) != 0)) {
		free(j->claim_token);
		j->claim_token = NULL;
	}
	/* Come back by an old name (renamed while away): the token goes to
	 * the name the room shows, and the old name's claim goes, or a
	 * newcomer with that name and the code could come in as this
	 * person. */
	if (me != NULL)
		keep_token(j, claims(j) ? j->name : NULL, me->name);
}

static void
on_client_changed(void *ctx)
{
	struct join *j = ctx;
	const struct workshop *ws = client_room(j->client);
	const struct participant *me = ws != NULL ?
	    model_person(ws, client_self(j->client)) : NULL;

	tui_dirty(j->tui);
	/* The facilitator renamed this person (W): their token follows the
	 * name, so they come back by typing the name the room now shows,
	 * not one it no longer does. */
	if (me != NULL && me->name != NULL && j->token_name != NULL &&
	    strcmp(me->name, j->token_name) != 0)
		keep_token(j, j->token_name, me->name);
}

static void
on_client_lobby(void *ctx, const char *title, const char *const *groups)
{
	struct join *j = ctx;
	char *why;

	set_choices(j, groups);
	/* The room's groups again, the person at the prompts still (the
	 * facilitator added a group): the list is new, what they are
	 * typing is not. */
	if (tui_asking(j->tui) == TUI_ASK_NAME)
		return;
	if (tui_asking(j->tui) == TUI_ASK_GROUP) {
		tui_ask_choices(j->tui, (const char *const *)j->choices);
		return;
	}
	why = xasprintf(_("Joining \"%s\""), title);
	/* After a name the room found free, the groups under no message,
	 * as they came before it was asked. */
	ask_missing(j, j->name != NULL && j->name_told ? NULL : why);
	free(why);
}

static void
on_closed_timer(uv_timer_t *h)
{
	join_stop(h->data);
}

/*
 * The room has ended for this screen (closed, or this person removed):
 * the screen says so and leaves on a key or by itself after
 * JOIN_CLOSED_MS (an SSH screen at once, so the person's own terminal
 * keeps the words); words (taken) are printed after it.
 */
static void
room_ended(struct join *j, char *words, int status)
{
	free(j->last_words);
	j->last_words = words;
	j->status = status;
	if (j->transport == CLIENT_FD)
		join_stop(j);
	else
		uv_timer_start(&j->closed, on_closed_timer, JOIN_CLOSED_MS,
		    0);
}

/* The room ended this screen for why: said on it (any key leaves, or at
 * once over SSH), and after it with what was being typed. */
static void
room_ended_why(struct join *j, const char *why, int status)
{
	char	*words = xasprintf(_("%s; any key leaves."), why), *typed;

	typed = tui_room_closed(j->tui, words);
	free(words);
	room_ended(j, typed == NULL ? xstrdup(why) : xasprintf(_("%s.  What "
	    "you were typing was not sent:\n%s"), why, typed), status);
	free(typed);
}

static void
on_client_refused(void *ctx, int code, const char *why)
{
	struct join *j = ctx;
	char *typed;

	switch (code) {
	case REFUSE_CLOSED:
		/* Not a network failure: the room ended, and the client has
		 * stopped.  Our own words, not the room's. */
		typed = tui_room_closed(j->tui, _("The facilitator closed the "
		    "room; any key leaves."));
		/* What was being typed is not lost with the room. */
		room_ended(j, typed == NULL ? xstrdup(_(ROOM_CLOSED)) :
		    xasprintf(_("The facilitator closed the room.  What you "
		    "were typing was not sent:\n%s"), typed), JOIN_EXIT_CLOSED);
		free(typed);
		break;
	case REFUSE_CODE:
		/* None typed yet (a name given, its token looked for and
		 * not found): the plain question, no reproach; and asked
		 * once, not again (clearing what is being typed) each time
		 * the connection, idle meanwhile, is made again. */
		if (j->code != NULL || j->fac_code != NULL)
			tui_ask(j->tui, TUI_ASK_CODE, why, NULL);
		else if (tui_asking(j->tui) != TUI_ASK_CODE)
			tui_ask(j->tui, TUI_ASK_CODE, NULL, NULL);
		free(j->code);
		j->code = NULL;
		break;
	case REFUSE_NAME:
		free(j->name);
		j->name = NULL;
		j->name_told = false;
		/* A name kept without a key may be free later (its person
		 * gone): the next name typed looks again. */
		if (claims(j) && j->key_id == NULL)
			j->tried_token = false;
		j->tried_claim = false;
		free(j->claim_token);
		j->claim_token = NULL;
		ask_name(j, why);
		break;
	case REFUSE_REMOVED:
		/* Their key no longer opens the room: forget it.  The client
		 * has stopped, so the screen ends as a closed room's does
		 * (on a key, or at once over SSH), saying why, instead of
		 * staying up with keys that go nowhere. */
		forget_token(j, j->name);
		room_ended_why(j, why, JOIN_EXIT_REMOVED);
		break;
	case REFUSE_REPLACED:
		/* The same person is in the room on another connection:
		 * this screen ends, saying so, and its token stays. */
		room_ended_why(j, why, JOIN_EXIT_REPLACED);
		break;
	case REFUSE_GROUP:
		/* Ask the room for its groups again. */
		free(j->group);
		j->group = NULL;
		tui_notice(j->tui, why);
		client_retry(j->client, NULL, NULL, NULL);
		break;
	case CLIENT_KEY_CHANGED:
	case CLIENT_ENDED:
		/* Nothing more to do here: say why once the screen is
		 * gone. */
		free(j->last_words);
		j->last_words = xstrdup(why);
		j->status = 1;
		join_stop(j);
		break;
	default:
		tui_set_status(j->tui, why);
		break;
	}
}

static void
on_client_status(void *ctx, const char *status)
{
	struct join *j = ctx;

	tui_set_status(j->tui, status);
}

static void
on_client_error(void *ctx, const char *why)
{
	struct join *j = ctx;

	/* The server refused an intent: what is typed next is not keys. */
	tui_refused(j->tui, why);
}

/* The room's clock, for its timebox. */
static void
on_client_clock(void *ctx, int64_t offset_ms)
{
	struct join *j = ctx;

	tui_set_clock_offset(j->tui, offset_ms);
}

static const struct client_hooks client_hooks = {
	.clock = on_client_clock,
	.welcome = on_client_welcome,
	.changed = on_client_changed,
	.lobby = on_client_lobby,
	.refused = on_client_refused,
	.status = on_client_status,
	.error = on_client_error,
	.connected = on_client_connected,
	.pinned = save_pin,
};

static void
start_client(struct join *j)
{
	char *pinned = j->transport == CLIENT_SSH ? load_pin(j->host,
	    j->port) : NULL;

	/* With a pinned key the room is known before connecting. */
	if (pinned != NULL)
		j->room_key = xstrdup(pinned);
	j->id.code = j->code;
	j->id.name = j->name;
	j->id.group = j->group;
	j->id.token = NULL;	/* on_client_connected finds it */
	j->id.fac_code = j->fac_code;
	j->id.observer = j->observer;
	j->id.transport = j->transport;
	j->id.fd = j->fd;
	j->id.pinned = pinned;
	/* One handle on a descriptor at a time: the poll is stopped (out
	 * of epoll) before the client opens its own. */
	unwatch_room(j);
	j->fd = -1;		/* the client's now */
	j->client = client_new(j->loop, j->host, j->port, &j->id,
	    &client_hooks, j);
	free(pinned);
}

static void
on_join_answer(void *ctx, enum tui_ask ask, const char *text)
{
	struct join *j = ctx;
	char *t = text_trim(xstrdup(text));

	if (*t == '\0') {
		free(t);
		tui_ask(j->tui, ask, _("please type something"), ask ==
		    TUI_ASK_GROUP ? (const char *const *)j->choices : NULL);
		return;
	}
	switch (ask) {
	case TUI_ASK_CODE:
		free(j->code);
		j->code = t;
		if (j->client == NULL)
			start_client(j);
		else
			client_retry(j->client, j->code, NULL, NULL);
		return;
	case TUI_ASK_NAME:
		free(j->name);
		j->name = t;
		break;
	case TUI_ASK_GROUP:
		free(j->group);
		j->group = t;
		break;
	case TUI_ASK_WHO:
		if (j->someone_else != NULL &&
		    strcmp(t, j->someone_else) == 0) {
			/* Someone else at this computer: they join as people
			 * without a key do, and the key stays its person's. */
			free(j->key_id);
			j->key_id = NULL;
			tui_ask(j->tui, TUI_ASK_CODE, NULL, NULL);
		} else
			start_client(j);
		free(t);
		return;
	}
	ask_missing(j, NULL);
}

/* Someone comes back with a key the room knows: who it brings back is
 * asked first, since a laptop may be shared (a key kept without the
 * name: at once, as before). */
static void
ask_who(struct join *j)
{
	char *who = key_person(j);
	const char *choices[3];

	if (who == NULL) {
		start_client(j);
		return;
	}
	free(j->someone_else);
	j->someone_else = xstrdup(_("Someone else: I join under my own "
	    "name"));
	choices[0] = who;
	choices[1] = j->someone_else;
	choices[2] = NULL;
	tui_ask(j->tui, TUI_ASK_WHO, NULL, choices);
	free(who);
}

static void
on_join_intent(void *ctx, const struct intent *in)
{
	struct join *j = ctx;

	if (client_room(j->client) == NULL)
		return;
	client_send(j->client, in);
}

static void
on_join_quit(void *ctx)
{
	struct join	*j = ctx;
	char		*typed = tui_typing(j->tui);

	/* Leaving with words half typed (q over the text, Ctrl-C twice):
	 * they are said after the screen, as when the room closes. */
	if (typed != NULL) {
		free(j->last_words);
		j->last_words = xasprintf(_("You left the room.  What you were "
		    "typing was not sent:\n%s"), typed);
		free(typed);
	}
	join_stop(j);
}

/* An SSH participant's terminal (j->tty): their screen's frames go to
 * the channel, and their window's changes and their connection's end come
 * from it. */
static void
on_tty_frame(void *ctx, const char *buf, size_t len)
{
	net_ssh_tty_write(ctx, buf, len);
}

static void
on_tty_resized(void *ctx, int cols, int rows)
{
	struct join *j = ctx;

	tui_resize(j->tui, cols, rows);
}

static void
on_tty_gone(void *ctx)
{
	join_stop(ctx);
}

/* The participant's screen, until they leave; j's fields are filled.
 * Returns the exit status. */
static int
join_run(struct join *j)
{
	static const struct tui_callbacks tui_cb = {
		.intent = on_join_intent,
		.answer = on_join_answer,
		.quit = on_join_quit,
	};
	uv_loop_t loop;
	char *token = NULL;

	uv_loop_init(&loop);
	j->loop = &loop;
	if (j->tty != NULL) {
		struct tui_term term = {
			.in_fd = net_ssh_tty_keys(j->tty),
			.write = on_tty_frame,
			.ctx = j->tty,
		};

		net_ssh_tty_size(j->tty, &term.cols, &term.rows);
		j->tui = tui_new_on(&loop, &tui_cb, j, &term);
		if (j->tui != NULL && net_ssh_tty_start(j->tty, &loop,
		    on_tty_resized, on_tty_gone, j) != 0) {
			tui_free(j->tui);
			uv_run(&loop, UV_RUN_DEFAULT);
			j->tui = NULL;
		}
	} else
		j->tui = tui_new(&loop, &tui_cb, j);
	if (j->tui == NULL) {
		uv_loop_close(&loop);
		return 1;
	}
	tui_set_language_key(j->tui, j->lang_key);
	signal(SIGPIPE, SIG_IGN);
	/* After tui_new: these replace curses' own handlers, so Ctrl-C
	 * leaves through the same door as q. */
	uv_signal_init(&loop, &j->sigint);
	uv_signal_init(&loop, &j->sigterm);
	uv_signal_init(&loop, &j->sighup);
	uv_timer_init(&loop, &j->closed);
	j->closed.data = j;
	j->sigint.data = j->sigterm.data = j->sighup.data = j;
	uv_signal_start(&j->sigint, on_join_signal, SIGINT);
	uv_signal_start(&j->sigterm, on_join_signal, SIGTERM);
	uv_signal_start(&j->sighup, on_join_signal, SIGHUP);
	/* Someone coming back with their SSH key needs no code; someone
	 * who gave their name may have a token for the room, which is
	 * known once reached (on_client_connected): the code is asked for
	 * only if the room wants it. */
	if (j->key_id != NULL && (token = load_token(j, NULL)) != NULL)
		ask_who(j);
	else if (j->code == NULL && j->fac_code == NULL && j->name == NULL)
		tui_ask(j->tui, TUI_ASK_CODE, NULL, NULL);
	else
		start_client(j);
	free(token);
	watch_room(j);
	uv_run(&loop, UV_RUN_DEFAULT);
	client_free(j->client);
	if (uv_loop_close(&loop) != 0)
		fprintf(stderr, _("roundtable: warning: handles left open\n"));
	if (j->last_words != NULL && j->tty != NULL) {
		/* Their terminal is the channel, not our standard error:
		 * the words go after the screen, as a shell's would.  It is
		 * in raw mode (ssh -t): each line ends in CR LF, or the next
		 * would start where this one ended (what was being typed,
		 * under "was not sent:"). */
		size_t i, n = 0;
		/* From the start of a cleared line: a terminal with no
		 * second screen (vt100, the Linux console) still shows the
		 * last frame, and the cursor is on its footer. */
		char *words = xasprintf("\r\033[Kroundtable: %s\n",
		    j->last_words);
		char *out = xmalloc(2 * strlen(words) + 1);

		for (i = 0; words[i] != '\0'; i++) {
			if (words[i] == '\n')
				out[n++] = '\r';
			out[n++] = words[i];
		}
		out[n] = '\0';
		net_ssh_tty_say(j->tty, out);
		free(out);
		free(words);
	} else if (j->last_words != NULL) {
		/* After the screen: what curses wrote to leave it (the
		 * terminal's first screen back) goes first, or the words
		 * could land on the screen it leaves. */
		fflush(NULL);
		fprintf(stderr, "roundtable: %s\n", j->last_words);
	}
	return j->status;
}

static void
join_destroy(struct join *j)
{
	size_t i;

	if (j->choices != NULL) {
		for (i = 0; j->choices[i] != NULL; i++)
			free(j->choices[i]);
		free(j->choices);
	}
	if (j->fd >= 0)
		close(j->fd);
	free(j->code);
	free(j->name);
	free(j->group);
	free(j->fac_code);
	free(j->room_key);
	free(j->token_dir);
	free(j->key_id);
	free(j->claim_token);
	free(j->someone_else);
	free(j->offer);
	free(j->token_name);
	free(j->last_words);
}

static int
cmd_join(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "name", required_argument, NULL, 'n' },
		{ "group", required_argument, NULL, 'g' },
		{ "code", required_argument, NULL, 'c' },
		{ "observer", no_argument, NULL, 'O' },
		{ "facilitator-code", required_argument, NULL, 'F' },
		{ "plain", no_argument, NULL, 'P' },
		{ "lang", required_argument, NULL, 'L' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	struct join j = { .fd = -1, .transport = CLIENT_SSH };
	struct model_error merr;
	int ch, status = 0;

	while ((ch = next_option(argc, argv, ":n:g:c:h", opts, "join",
	    &status)) != -1) {
		switch (ch) {
		case 'O':
			j.observer = true;
			break;
		case 'F':
			free(j.fac_code);
			j.fac_code = xstrdup(optarg);
			break;
		case 'P':
			j.transport = CLIENT_PLAIN;
			break;
		case 'L':
			/* This screen's language, from here on. */
			if ((status = check_lang("join", optarg)) != 0)
				goto done;
			i18n_set_language(optarg);
			break;
		case 'n':
			if (model_check_text(optarg, MODEL_NAME_MAX, false,
			    N_("name"), &merr) != 0) {
				status = refused_option("join", &merr);
				goto done;
			}
			free(j.name);
			j.name = xstrdup(optarg);
			break;
		case 'g':
			free(j.group);
			j.group = xstrdup(optarg);
			break;
		case 'c':
			free(j.code);
			j.code = xstrdup(optarg);
			break;
		case 'h':
			help(usage_join);
			goto done;
		default:
			goto done;
		}
	}
	if ((j.observer || j.fac_code != NULL) && j.group != NULL) {
		status = usage_error("join", "%s", _("observers and "
		    "co-facilitators belong to no group: leave out --group"));
		goto done;
	}
	if (optind >= argc) {
		status = usage_error("join", "%s", _("which room? give "
		    "HOST[:PORT]"));
		goto done;
	}
	if (optind + 1 < argc) {
		status = usage_error("join", _("unexpected argument '%s'"),
		    argv[optind + 1]);
		goto done;
	}
	if (net_parse_hostport(argv[optind], j.host, sizeof j.host,
	    &j.port) != 0) {
		status = usage_error("join", _("'%s' is not HOST, HOST:PORT "
		    "or [IPv6]:PORT"), argv[optind]);
		goto done;
	}
	if (j.port == 0)
		j.port = j.transport == CLIENT_SSH ? NET_SSH_DEFAULT_PORT :
		    NET_DEFAULT_PORT;
	if (!isatty(0) || !isatty(1)) {
		fprintf(stderr, _("roundtable: joining needs a terminal\n"));
		status = 1;
		goto done;
	}
	status = join_run(&j);
done:
	join_destroy(&j);
	return status;
}

/* --- the SSH door's sessions --------------------------------------------- */

/* A terminal name the screen can draw on: the client's if this machine
 * knows it (a file of the terminfo database: not "." or "..") and it can
 * place the cursor, else one that every SSH client understands (Windows'
 * OpenSSH and conhost included).  A client that says "dumb" (an editor's
 * shell, a script) is most often a terminal window all the same, and a
 * screen drawn for one that cannot place the cursor is blank. */
static const char *
usable_term(const char *term)
{
	static const char *const fallback[] = { "xterm-256color", "xterm",
	    "vt100" };
	const char *const dirs[] = { "/etc/terminfo", "/lib/terminfo",
	    "/usr/share/terminfo" };
	char path[256];
	struct stat st;
	size_t i, k;

	for (k = 0; k < 1 + sizeof fallback / sizeof fallback[0]; k++) {
		const char *t = k == 0 ? term : fallback[k - 1];

		if (t == NULL || t[0] == '\0')
			continue;
		for (i = 0; i < sizeof dirs / sizeof dirs[0]; i++) {
			snprintf(path, sizeof path, "%s/%c/%s", dirs[i], t[0],
			    t);
			if (stat(path, &st) == 0 && S_ISREG(st.st_mode) &&
			    access(path, R_OK) == 0 &&
			    tui_term_can_address(t))
				return t;
		}
	}
	return "vt100";
}

/* In the screen's process, on the participant's terminal: the same
 * screen and join flow as `roundtable join`, through the room's socket. */
static int
ssh_screen(const char *tokens, int room_fd, struct net_ssh_tty *tty)
{
	const struct net_ssh_person *who = net_ssh_tty_person(tty);
	struct join j = { .fd = room_fd, .transport = CLIENT_FD, .tty = tty };
	int status;

	/* Nothing of the client's environment but its terminal's name (and
	 * its language, which the session has chosen already: LANGUAGE):
	 * no locale is needed on the client for UTF-8 to work, nor any but
	 * C.UTF-8 here for its language. */
	setenv("TERM", usable_term(who->term), 1);
	unsetenv("LC_ALL");
	unsetenv("LC_MESSAGES");
	setenv("LANG", "C.UTF-8", 1);
	setlocale(LC_ALL, "C.UTF-8");
	i18n_locale_changed();
	/* No job control over SSH: with SIGTSTP ignored before curses
	 * starts, curses leaves it alone instead of switching it off and on
	 * around every screen update (two system calls a frame). */
	signal(SIGTSTP, SIG_IGN);
	snprintf(j.host, sizeof j.host, "%s", _("the room"));
	j.token_dir = xstrdup(tokens);
	j.key_id = who->key_id != NULL ? xstrdup(who->key_id) : NULL;
	/* This process is this person's screen alone: its language is
	 * theirs to switch (L). */
	j.lang_key = true;
	if (who->user != NULL && who->user[0] != '\0' &&
	    model_check_text(who->user, MODEL_NAME_MAX, false, "name",
	    &(struct model_error){ 0 }) == 0)
		j.offer = xstrdup(who->user);
	status = join_run(&j);
	join_destroy(&j);
	return status;
}

/* The hidden commands' options: --hostkey, --tokens, --lang.  Returns
 * false on anything else. */
static bool
hidden_options(int argc, char **argv, const char **hostkey,
    const char **tokens, const char **lang)
{
	int i;

	*lang = "en";
	for (i = 1; i + 1 < argc; i += 2) {
		if (strcmp(argv[i], "--hostkey") == 0 && hostkey != NULL)
			*hostkey = argv[i + 1];
		else if (strcmp(argv[i], "--tokens") == 0)
			*tokens = argv[i + 1];
		else if (strcmp(argv[i], "--lang") == 0)
			*lang = argv[i + 1];
		else
			return false;
	}
	return i == argc;
}

static bool
is_socket(int fd)
{
	struct stat st;

	return fstat(fd, &st) == 0 && S_ISSOCK(st.st_mode);
}

/* The door starts this with the room: descriptor 3 is the door's socket.
 * Not for people: not in --help. */
static int
cmd_ssh_hub(int argc, char **argv)
{
	struct net_ssh_hub_conf conf = { .ctl = 3 };
	const char *tokens = NULL, *lang;

	if (!hidden_options(argc, argv, &conf.hostkey, &tokens, &lang) ||
	    conf.hostkey == NULL || tokens == NULL || !is_socket(3)) {
		fprintf(stderr, _("roundtable: ssh-hub is started by "
		    "'roundtable serve' for the SSH connections\n"));
		return 2;
	}
	conf.screen_argv = session_argv("ssh-screen", conf.hostkey, tokens,
	    lang);
	return net_ssh_hub(&conf);
}

/* The hub starts this for each SSH participant with a terminal:
 * descriptor 3 is their terminal's link, 4 the way into the room. */
static int
cmd_ssh_screen(int argc, char **argv)
{
	const char *tokens = NULL, *lang, *hostkey = NULL;
	struct net_ssh_tty *tty;
	char chain[160];
	int status;

	/* The hub's spawn gave this process every signal at its default:
	 * a write to a room or a hub that has gone must be an error here,
	 * not the end of the process without a goodbye. */
	signal(SIGPIPE, SIG_IGN);
	if (!hidden_options(argc, argv, &hostkey, &tokens, &lang) ||
	    tokens == NULL || !is_socket(3) || !is_socket(4)) {
		fprintf(stderr, _("roundtable: ssh-screen is started by "
		    "'roundtable serve' for each SSH participant\n"));
		return 2;
	}
	if ((tty = net_ssh_tty_open(3)) == NULL)
		return 1;
	/* This process speaks the person's language from now on: the first
	 * their ssh sent that we have a catalogue for, else the room's. */
	snprintf(chain, sizeof chain, "%s%s%s", net_ssh_tty_person(tty)->lang
	    != NULL ? net_ssh_tty_person(tty)->lang : "",
	    net_ssh_tty_person(tty)->lang != NULL ? ":" : "", lang);
	i18n_set_language(chain);
	status = ssh_screen(tokens, 4, tty);
	net_ssh_tty_free(tty);
	return status;
}

/* --- export ------------------------------------------------------------- */

/* The language a record's documents are written in when export has no
 * --lang: the room's language of record, "en" for a room made before
 * rooms had one (record_language). */
static const char *
export_language(const struct workshop *ws)
{
	return model_language(ws);
}

static int
cmd_export(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "charter", no_argument, NULL, 'C' },
		{ "report", no_argument, NULL, 'R' },
		{ "actions", no_argument, NULL, 'A' },
		{ "format", required_argument, NULL, 'F' },
		{ "output", required_argument, NULL, 'o' },
		{ "bom", no_argument, NULL, 'B' },
		{ "lang", required_argument, NULL, 'L' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	/* What can be exported, each in the one format it has. */
	static const struct {
		int		 opt;
		const char	*flag, *noun, *format;
		int		(*write)(const struct workshop *, FILE *);
	} kinds[] = {
		{ 'C', "--charter", N_("the charter"), "text",
		    export_charter },
		{ 'R', "--report", N_("the report"), "text", export_report },
		{ 'A', "--actions", N_("the action plan"), "csv",
		    export_actions_csv },
	};
	const char *output = NULL, *format = NULL, *state, *lang = NULL;
	int kind = -1;
	size_t i;
	struct workshop *ws;
	char warn[512], err[512], *tmp = NULL;
	FILE *out = stdout;
	int ch, status = 0;
	bool bom = false;

	while ((ch = next_option(argc, argv, ":o:h", opts, "export",
	    &status)) != -1) {
		switch (ch) {
		case 'C':
		case 'R':
		case 'A':
			for (i = 0; kinds[i].opt != ch; i++)
				continue;
			if (kind >= 0 && kind != (int)i)
				return usage_error("export", "%s", _("export "
				    "one thing at a time: --charter, --report "
				    "or --actions"));
			kind = (int)i;
			break;
		case 'F':
			format = optarg;
			break;
		case 'o':
			output = optarg;
			break;
		case 'B':
			bom = true;
			break;
		case 'L':
			if ((status = check_lang("export", optarg)) != 0)
				return status;
			lang = optarg;
			break;
		case 'h':
			return help(usage_export);
		default:
			return status;
		}
	}
	if (kind < 0)
		return usage_error("export", "%s", _("say what to export: "
		    "--charter, --report or --actions"));
	if (format != NULL && strcmp(format, "text") != 0 &&
	    strcmp(format, "csv") != 0)
		return usage_error("export", _("unknown format '%s' (text or "
		    "csv)"), format);
	if (format != NULL && strcmp(format, kinds[kind].format) != 0)
		return usage_error("export", strcmp(kinds[kind].format,
		    "csv") == 0 ? _("%s is written as csv only") : _("%s is "
		    "written as text only"), kinds[kind].flag);
	if (bom && strcmp(kinds[kind].format, "csv") != 0)
		return usage_error("export", "%s", _("--bom is for the CSV of "
		    "--actions"));
	if (optind >= argc)
		return usage_error("export", "%s", _("which record? give the "
		    "STATE file"));
	if (optind + 1 < argc)
		return usage_error("export", _("unexpected argument '%s'"),
		    argv[optind + 1]);
	state = argv[optind];

	if (journal_read_room(state, &ws, warn, sizeof warn, err,
	    sizeof err) != 0) {
		fprintf(stderr, "roundtable: %s\n", err);
		return 1;
	}
	if (warn[0] != '\0')
		fprintf(stderr, _("roundtable: warning: %s\n"), warn);
	if (ws->title == NULL) {
		fprintf(stderr, _("roundtable: %s holds no room yet\n"), state);
		model_free(ws);
		return 1;
	}
	if (output != NULL) {
		/* Never leave half a file behind: write a file of its own
		 * beside it, then rename.  The mode of the file it replaces
		 * (a charter kept 0600 stays so), or for a new one the mode
		 * fopen would give it. */
		mode_t		mask = umask(0), mode = 0666 & ~mask;
		struct stat	st;
		int		fd;

		umask(mask);
		if (stat(output, &st) == 0 && S_ISREG(st.st_mode))
			mode = st.st_mode & 07777;
		fd = file_temp(output, mode, &tmp);
		if (fd < 0 || (out = fdopen(fd, "w")) == NULL) {
			fprintf(stderr, _("roundtable: cannot write %s: %s\n"),
			    output, strerror(errno));
			if (fd >= 0) {
				close(fd);
				unlink(tmp);
			}
			free(tmp);
			model_free(ws);
			return 1;
		}
	}
	/* The document in the room's language of record (or --lang); what
	 * is said on the terminal, in the person's. */
	i18n_set_language(lang != NULL ? lang : export_language(ws));
	/* Excel on Windows takes a CSV without a BOM for the local code
	 * page and garbles every accent; with one it reads UTF-8. */
	if ((bom && fputs("\xEF\xBB\xBF", out) == EOF) ||
	    kinds[kind].write(ws, out) != 0 || fflush(out) != 0) {
		int e = errno;

		i18n_set_language(NULL);
		fprintf(stderr, _("roundtable: cannot write %s: %s\n"),
		    _(kinds[kind].noun), strerror(e));
		status = 1;
	}
	i18n_set_language(NULL);
	if (output != NULL) {
		if (status == 0 && fsync(fileno(out)) != 0) {
			fprintf(stderr, _("roundtable: cannot write %s: %s\n"),
			    output, strerror(errno));
			status = 1;
		}
		if (fclose(out) != 0 && status == 0) {
			fprintf(stderr, _("roundtable: cannot write %s: %s\n"),
			    output, strerror(errno));
			status = 1;
		}
		if (status == 0 && rename(tmp, output) != 0) {
			fprintf(stderr, _("roundtable: cannot write %s: %s\n"),
			    output, strerror(errno));
			status = 1;
		}
		/* Whole either way; only the new name may not last a power
		 * cut, which is said. */
		if (status == 0 && file_sync_dir(output) != 0)
			fprintf(stderr, _("roundtable: warning: %s may not "
			    "survive a power cut: %s\n"), output,
			    strerror(errno));
		if (status != 0)
			unlink(tmp);
		free(tmp);
	}
	model_free(ws);
	return status;
}

/* --- main --------------------------------------------------------------- */

int
main(int argc, char **argv)
{
	const char *cmd;

	/* The language of messages, until a command's --lang says
	 * otherwise; a UTF-8 character type whatever the locale. */
	i18n_init(NULL);
	if (argc < 2) {
		fputs(_(usage_main), stderr);
		return 2;
	}
	cmd = argv[1];
	if (strcmp(cmd, "--help") == 0 || strcmp(cmd, "-h") == 0 ||
	    strcmp(cmd, "help") == 0) {
		fputs(_(usage_main), stdout);
		return 0;
	}
	if (strcmp(cmd, "--version") == 0 || strcmp(cmd, "-V") == 0) {
		printf(_("roundtable %s (protocol %d)\n"), ROUNDTABLE_VERSION,
		    WIRE_PROTOCOL_VERSION);
		return 0;
	}
	/* Subcommands parse from their own name on. */
	optind = 1;
	if (strcmp(cmd, "serve") == 0)
		return cmd_serve(argc - 1, argv + 1);
	if (strcmp(cmd, "join") == 0)
		return cmd_join(argc - 1, argv + 1);
	if (strcmp(cmd, "export") == 0)
		return cmd_export(argc - 1, argv + 1);
	if (strcmp(cmd, "ssh-hub") == 0)
		return cmd_ssh_hub(argc - 1, argv + 1);
	if (strcmp(cmd, "ssh-screen") == 0)
		return cmd_ssh_screen(argc - 1, argv + 1);
	return usage_error(NULL, _("unknown command '%s'"), cmd);
}
