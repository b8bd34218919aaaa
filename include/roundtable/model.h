/*
 * model.h - the workshop state and its reducer.
 *
 * The model knows the method (phases, groups, people, items, roles and who
 * may see what) and nothing of sockets, files, curses or msgpack.
 *
 * Every change is an event.  model_check() turns an actor's intent into an
 * event without touching the state (or refuses it with a sentence a person
 * can read); model_commit() applies an event.  The server checks, journals,
 * then commits; journal replay and client replicas only commit.  So the same
 * code gives an event its meaning everywhere.
 *
 * Identifiers are dense: group, participant and item N live at index N-1 of
 * their arrays, and an event that creates one carries the id it must get.
 * Values that reach the wire or the disk are numbered explicitly and are
 * never renumbered.
 */
#ifndef ROUNDTABLE_MODEL_H
#define ROUNDTABLE_MODEL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Limits, in bytes of UTF-8 unless stated. */
#define MODEL_TITLE_MAX		120
#define MODEL_NAME_MAX		60
#define MODEL_TEXT_MAX		2000
#define MODEL_BODY_MAX		(4 * MODEL_TEXT_MAX)	/* a charter section's
					 * text, the longest of any field */
#define MODEL_CODE_MAX		32
#define MODEL_TOKEN_MAX		64
#define MODEL_GROUPS_MAX	32
#define MODEL_PEOPLE_MAX	10000
#define MODEL_ITEMS_MAX		200000
#define MODEL_POLLS_MAX		10000
#define MODEL_DOTS_MAX		20
#define MODEL_REASON_MAX	200
#define MODEL_REASON_GRACE	600	/* seconds after a check closes in
					 * which a reason still follows its
					 * answer (INTENT_REASON) */
#define MODEL_LINE_MAX		200	/* one-line fields: how, resources,
					 * provider, milestones, progress */
#define MODEL_WHAT_MAX		300	/* an action's "what" */
#define MODEL_OWNERS_MAX	32
#define MODEL_MILESTONES_MAX	20
#define MODEL_MEETINGS_MAX	1000
#define MODEL_COST_MAX		99999999999999LL	/* minor units */
#define MODEL_AMOUNT_MAX	32	/* a cost as typed ("1500.50") */

/* The actor behind seed content and server bookkeeping. */
#define MODEL_SYSTEM		0u
/* The facilitator at the serving terminal is always participant 1. */
#define MODEL_FACILITATOR	1u

enum phase {
	PHASE_WELCOME = 0,
	PHASE_EXPECTATIONS = 1,
	PHASE_GROUND_RULES = 2,
	PHASE_DIALOGUE = 3,
	PHASE_CAUCUS = 4,
	PHASE_CHARTER = 5,
	PHASE_VISION = 6,
	PHASE_ACTIONS = 7,
	PHASE_FOLLOWUP = 8,
	PHASE_INDICATORS = 9,	/* indicators: baseline, target, scores */
	PHASE_MATRIX = 10,	/* a grid of rows and columns the room fills */
};
#define PHASE_COUNT 11
/* A room with no template (records before templates) goes through the
 * first nine kinds, once each, in order. */
#define PHASE_LEGACY_COUNT 9
#define MODEL_STEPS_MAX 40	/* phases in a template */
#define MODEL_MINUTES_MAX 600	/* a timebox */
#define MODEL_TEMPLATE_NAME_MAX 40
#define MODEL_LANG_MAX 8	/* a language's name: "fr", "pt_BR" */

/* Step flags: how a template phase works. */
#define STEP_F_PROPOSE	0x1u	/* participants propose questions or
				 * indicators, which the room checks */
#define STEP_F_PRIVATE	0x2u	/* matrix: each cell is its group's own,
				 * seen like a caucus note */
#define STEP_F_ALL	0x3u

enum role {
	ROLE_FACILITATOR = 0,
	ROLE_COFACILITATOR = 1,
	ROLE_PARTICIPANT = 2,
	ROLE_OBSERVER = 3,
};

enum item_kind {
	ITEM_HIDDEN = 0,		/* placeholder for an item the viewer may not see */
	ITEM_PURPOSE = 1,		/* the convener's purpose (Expectations) */
	ITEM_EXPECTATION = 2,
	ITEM_RULE = 3,			/* a ground rule, sample or proposed */
	ITEM_QUESTION = 4,		/* a dialogue question */
	ITEM_ANSWER = 5,		/* ref: the question */
	ITEM_CAUCUS_QUESTION = 6,
	ITEM_CAUCUS_NOTE = 7,		/* ref: the caucus question; seen by its group only */
	ITEM_SECTION = 8,		/* a charter section of the skeleton */
	ITEM_SECTION_TEXT = 9,		/* proposed text; ref: the section */
	ITEM_VISION = 10,
	ITEM_ACTION_QUESTION = 11,
	ITEM_ACTION = 12,
	ITEM_FOLLOWUP_QUESTION = 13,
	ITEM_LESSON = 14,
	ITEM_AMENDMENT = 15,		/* new text for a rule; ref: the rule */
	ITEM_CAUCUS_REPORT = 16,	/* a group's report-back; seen by its
					 * group only until revealed */
	ITEM_GRIEVANCE = 17,		/* a private point of order or grievance,
					 * seen by the facilitators (and its
					 * author) only */
	ITEM_PROBLEM = 18,		/* a problem statement (Framing and vision) */
	ITEM_PROGRESS = 19,		/* ref: an action.  A one-line progress
					 * report, or (ITEM_F_LOG) the record of
					 * a change to the action, its text made
					 * by the model */
	ITEM_EXIT = 20,			/* an exit strategy proposal; number:
					 * enum exit_strategy */
	ITEM_INDICATOR = 21,		/* an indicator (Indicators) */
	ITEM_SCALE = 22,		/* a point of a scoring scale: text its
					 * label, text2 its meaning */
	ITEM_MATRIX_ROW = 23,
	ITEM_MATRIX_COL = 24,
	ITEM_CELL = 25,			/* an entry in a matrix's cell; ref:
					 * the row, number: the column (both
					 * items of its phase's matrix) */
};
#define ITEM_KIND_COUNT 26

/* Item flags. */
#define ITEM_F_PINNED		0x1u	/* an answer pinned as a theme */
#define ITEM_F_REVEALED		0x2u	/* a caucus report shown to the plenary */
#define ITEM_F_ANONYMOUS	0x4u	/* a grievance whose author is hidden,
					 * from the facilitators too */
#define ITEM_F_LOG		0x8u	/* ITEM_PROGRESS: a change's record */
#define ITEM_F_SEED		0x10u	/* the template's own words, written
					 * before anyone joined: shown in each
					 * reader's language (set by the
					 * reducer, never sent in an intent) */
#define ITEM_F_EDITED		0x20u	/* its text was changed by someone
					 * other than its author (a
					 * facilitator): said wherever it is
					 * shown under its author's name (set
					 * by the reducer) */

/* The room's confidentiality rule (Lesson 11: "the Chatham House Rule ...
 * In cases where the Chatham House Rule is not considered sufficiently
 * strict, an event can also be held entirely off the record"). */
enum confidentiality {
	CONF_DEFAULT = 0,	/* phases: as the room; the room: open */
	CONF_OPEN = 1,		/* contributions carry author and group */
	CONF_CHATHAM = 2,	/* content, never who said it */
	CONF_OFF_RECORD = 3,	/* shown in the room, never exported */
};

enum item_status {
	STATUS_OPEN = 0,		/* a plain contribution */
	STATUS_DRAFT = 1,		/* seed text put to the room */
	STATUS_PROPOSED = 2,
	STATUS_ADOPTED = 3,
	STATUS_REJECTED = 4,
	STATUS_WITHDRAWN = 5,
	STATUS_NOT_APPLICABLE = 6,	/* a charter section the room leaves out */
	STATUS_MERGED = 7,		/* charter text merged into its section */
	STATUS_ANSWERED = 8,		/* a grievance the facilitator answered */
};
#define STATUS_MAX 8

/* What an actor asks for.  Fields used depend on type (see each value). */
enum intent_type {
	INTENT_NONE = 0,
	INTENT_CREATE = 1,	/* system: text title, secret join code,
				 * text2 the template's name (or none) */
	INTENT_GROUP_ADD = 2,	/* text name; system any time, facilitators in Welcome */
	INTENT_JOIN = 3,	/* system: text name, ref group, value role, secret token */
	INTENT_PHASE = 4,	/* facilitators: value phase */
	INTENT_CONTRIBUTE = 5,	/* text; ref question or section where the phase
				 * needs one.  value picks another kind
				 * where a phase has several: ITEM_PROBLEM
				 * (Framing and vision), ITEM_PROGRESS (ref
				 * the action; Action plans, Follow-up),
				 * ITEM_EXIT (value2 enum exit_strategy;
				 * Follow-up), ITEM_ACTION (a new action
				 * at a review; Follow-up).  In a matrix
				 * phase, an entry in a cell: ref its row,
				 * value2 its column (ITEM_CELL) */
	INTENT_SEED = 6,	/* system: value kind, value2 status, ref (sections: their code), text, text2 */
	INTENT_QUESTION = 7,	/* facilitators: ref dialogue question to put to the room */
	INTENT_TITLE = 8,	/* facilitators: text */
	INTENT_CODE = 9,	/* system: secret new join code */
	INTENT_ADOPT = 10,	/* facilitators: ref rule or section text */
	INTENT_REJECT = 11,	/* facilitators: ref rule or section text */
	INTENT_WITHDRAW = 12,	/* the author: ref own proposal */
	INTENT_POLL_OPEN = 13,	/* facilitators: value poll kind, ref item decided
				 * (consensus) or indicator scored (score),
				 * value2 dots each (dot vote),
				 * text question (straw poll), flags POLL_F_* */
	INTENT_VOTE = 14,	/* participants: ref poll, value answer, text reason */
	INTENT_DOT = 15,	/* participants: ref poll, value item, value2 +1 or -1 */
	INTENT_POLL_CLOSE = 16,	/* facilitators: ref poll */
	INTENT_POLL_REVEAL = 17,	/* facilitators: ref poll (closed) */
	INTENT_DECISION_RULE = 18,	/* facilitators: value rule, value2 rounds
				 * before the fallback, flags fallback rule */
	INTENT_SECTION_EDIT = 19,	/* facilitators: ref section, text */
	INTENT_SECTION_MERGE = 20,	/* facilitators: ref charter text proposal */
	INTENT_SECTION_STATE = 21,	/* facilitators: ref section, value
				 * STATUS_NOT_APPLICABLE or STATUS_OPEN (reopen) */
	INTENT_QUESTION_NEW = 22,	/* facilitators: value ITEM_QUESTION (then
				 * put to the room) or ITEM_CAUCUS_QUESTION, text */
	INTENT_PIN = 23,	/* facilitators: ref answer, value 1 pin / 0 unpin */
	INTENT_REPORT = 24,	/* caucus members: text, their group's report */
	INTENT_REPORT_REVEAL = 25,	/* facilitators: ref approved report */
	INTENT_CONFIDENTIALITY = 26,	/* facilitators: value CONF_*, value2
				 * phase, or -1 for the room's rule */
	INTENT_FAC_CODE = 27,	/* system: secret co-facilitators' code */
	INTENT_RENAME = 28,	/* facilitators: ref person, text name */
	INTENT_MOVE = 29,	/* facilitators: ref person, value group */
	INTENT_REMOVE = 30,	/* facilitators: ref person, text reason */
	INTENT_HAND = 31,	/* participants: value 1 raise, 0 lower */
	INTENT_SPEAKER = 32,	/* facilitators: ref person, or 0 for the
				 * first raised hand */
	INTENT_GRIEVANCE = 33,	/* participants: text, flags ITEM_F_ANONYMOUS */
	INTENT_ANSWERED = 34,	/* facilitators: ref grievance */
	INTENT_MEETING = 35,	/* facilitators or system: value its date
				 * (YYYYMMDD); starts a new meeting */
	INTENT_ATTEND = 36,	/* system (a person welcomed) or facilitators:
				 * ref person, value 1 came / 0 did not */
	INTENT_ACTION_SET = 37,	/* ref action, value enum action_field,
				 * value2 / text / text2 its new value */
	INTENT_ACTION_OWNER = 38,	/* ref action, value person or value2
				 * group (one of them), flags 1: remove */
	INTENT_ACTION_COMMIT = 39,	/* an owner (or a member of an owning
				 * group) or a facilitator: ref action,
				 * value 1 agree / 0 take it back */
	INTENT_MILESTONE = 40,	/* ref action, value date, text */
	INTENT_MILESTONE_TICK = 41,	/* ref action, value milestone index
				 * (from 0), value2 1 done / 0 not */
	INTENT_NEXT_REVIEW = 42,	/* facilitators: value date, 0 none */
	INTENT_ITEM_EDIT = 43,	/* its author (while not decided) or a
				 * facilitator: ref item, text */
	INTENT_MERGE = 44,	/* facilitators: ref the item merged away,
				 * value the item it joins (same kind) */
	INTENT_FAC_CODE_SHOWN = 45,	/* the facilitator at the serving
				 * terminal: value 1 shows the co-facilitators'
				 * code on it, 0 hides it (the default) */
	INTENT_REASON = 46,	/* participants: ref poll, text the reason
				 * for their own reservation or block.  An
				 * answer counts from the key press, so the
				 * reason typed after it follows it: while
				 * the check is open it replaces the
				 * reason; once closed it is taken only by
				 * an answer that has none, within
				 * MODEL_REASON_GRACE seconds of the close */
	INTENT_FLOOR_END = 47,	/* facilitators: whoever has the floor
				 * finishes; nobody has it */
	INTENT_STEP = 48,	/* system, when the room is made from its
				 * template: value the kind of work (enum
				 * phase), value2 the timebox in minutes (0
				 * none), flags STEP_F_*, text its title,
				 * text2 its prompt.  The seed content
				 * that follows belongs to it */
	INTENT_TIMER = 49,	/* facilitators: value enum timer_op, value2
				 * seconds (start, add); clock.c */
	INTENT_TURN_LIMIT = 50,	/* facilitators: value the seconds a
				 * speaking turn may take, 0 none */
	INTENT_INDICATOR_SET = 51,	/* facilitators, in an indicators
				 * phase: ref the indicator, value enum
				 * indicator_field, text its new value
				 * (empty clears it) */
	INTENT_AGENDA = 52,	/* facilitators: value enum agenda_op,
				 * ref, value2 as it says */
	INTENT_SCALE = 53,	/* facilitators, in an indicators phase with
				 * no score open: this phase's own scale,
				 * text its points' labels one a line (best
				 * first), text2 their meanings one a line
				 * (an empty line: none); indicator.c */
	INTENT_LANGUAGE = 54,	/* facilitators and the system: text the
				 * room's language of record ("fr"; see
				 * model_lang_ok), what its charter and
				 * report are written in */
};
#define INTENT_TYPE_MAX 54

/* Events are numbered like the intents they come from; INTENT_CONTRIBUTE and
 * INTENT_SEED both become EVENT_ITEM. */
enum event_type {
	EVENT_CREATE = 1,	/* text title, text2 template, secret code,
				 * lang the room's language (NULL in rooms
				 * from before languages: "en") */
	EVENT_GROUP_ADD = 2,	/* id, text */
	EVENT_JOIN = 3,		/* id, text name, ref group, value role, secret token */
	EVENT_PHASE = 4,	/* value phase */
	EVENT_ITEM = 5,		/* id, value kind, value2 status, ref, group,
				 * text, text2.  A cell entry (ITEM_CELL)
				 * is written open: value2 is its column */
	EVENT_QUESTION = 7,	/* ref */
	EVENT_TITLE = 8,	/* text */
	EVENT_CODE = 9,		/* secret */
	EVENT_STATUS = 10,	/* ref item, value new status */
	EVENT_POLL_OPEN = 13,	/* id poll, value kind, ref item, value2 dots
				 * (dot votes) or the round (consensus; 0 in
				 * older records: counted on replay), flags,
				 * text the question or the version put to
				 * the room */
	EVENT_VOTE = 14,	/* ref poll, value answer, text reason, group;
				 * id: how many have answered, after it */
	EVENT_DOT = 15,		/* ref poll, value item, value2 +1/-1, group; id
				 * as for EVENT_VOTE */
	EVENT_POLL_CLOSE = 16,	/* ref poll; value verdict, text its sentence */
	EVENT_POLL_REVEAL = 17,	/* ref poll; value verdict, text its sentence;
				 * on the wire also the answers (votes) */
	EVENT_DECISION_RULE = 18,	/* value rule, value2 rounds, flags fallback */
	EVENT_SECTION_EDIT = 19,	/* ref section, text */
	EVENT_SECTION_MERGE = 20,	/* ref proposal */
	EVENT_SECTION_STATE = 21,	/* ref section, value status */
	EVENT_PIN = 23,		/* ref item, value 1/0 */
	EVENT_REPORT_REVEAL = 25,	/* ref report; on the wire also its text
				 * (text), group, and approval (value yes,
				 * value2 members) for those who never saw it */
	EVENT_CONFIDENTIALITY = 26,	/* value CONF_*, value2 phase or -1 */
	EVENT_FAC_CODE = 27,	/* secret */
	EVENT_RENAME = 28,	/* ref person, text */
	EVENT_MOVE = 29,	/* ref person, value group */
	EVENT_REMOVE = 30,	/* ref person, text reason */
	EVENT_HAND = 31,	/* value 1/0; id: the hand's place in the queue */
	EVENT_SPEAKER = 32,	/* ref person */
	EVENT_ANSWERED = 34,	/* ref grievance */
	EVENT_MEETING = 35,	/* id meeting, value date */
	EVENT_ATTEND = 36,	/* ref person, value 1/0, id meeting */
	/* The action events (37-41) carry the fields of their intent and id:
	 * the ITEM_PROGRESS log item they create (ITEM_F_LOG). */
	EVENT_ACTION_SET = 37,
	EVENT_ACTION_OWNER = 38,
	EVENT_ACTION_COMMIT = 39,
	EVENT_MILESTONE = 40,
	EVENT_MILESTONE_TICK = 41,
	EVENT_NEXT_REVIEW = 42,	/* value date */
	EVENT_ITEM_EDIT = 43,	/* ref item, text */
	EVENT_MERGE = 44,	/* ref item merged, value the item it joins */
	EVENT_FAC_CODE_SHOWN = 45,	/* value 1 shown / 0 hidden */
	EVENT_REASON = 46,	/* ref poll, value the answer it explains,
				 * text the reason, group */
	EVENT_FLOOR_END = 47,	/* ref the person whose turn ended */
	EVENT_STEP = 48,	/* id the step (1, 2, ...), value kind,
				 * value2 minutes, flags, text title, text2
				 * prompt */
	EVENT_TIMER = 49,	/* value enum timer_op, value2 seconds */
	EVENT_TURN_LIMIT = 50,	/* value seconds, 0 none */
	EVENT_INDICATOR_SET = 51,	/* ref, value, text (NULL clears) */
	EVENT_AGENDA = 52,	/* as INTENT_AGENDA */
	EVENT_SCALE = 53,	/* id the first point's item, value the
				 * number of points, text, text2 as
				 * INTENT_SCALE: the phase's points before
				 * are withdrawn */
	EVENT_LANGUAGE = 54,	/* text the room's language */
};

/* --- the clock (clock.c) ------------------------------------------------ */

#define MODEL_TIMER_MAX		(10 * 3600)	/* seconds: the longest
					 * timebox */
#define MODEL_TURN_MAX		3600	/* seconds: the longest limit on a
					 * speaking turn */

/* INTENT_TIMER's value. */
enum timer_op {
	TIMER_START = 1,	/* value2 seconds: a new timebox, running
				 * (over one that runs or is paused) */
	TIMER_PAUSE = 2,
	TIMER_RESUME = 3,
	TIMER_ADD = 4,		/* value2 seconds more */
	TIMER_STOP = 5,
	TIMER_BELL_ON = 6,	/* the facilitators' screens ring at zero */
	TIMER_BELL_OFF = 7,
};

enum timer_state {
	TIMER_OFF = 0,
	TIMER_RUNNING = 1,
	TIMER_PAUSED = 2,
};

/*
 * The room's timebox, in the server's clock (events' times), so that
 * every screen, a restart and a replay agree on it.  It belongs to the
 * phase it was started in: a phase change or a new meeting stops it.
 */
struct timer {
	int		 state;		/* enum timer_state */
	int64_t		 deadline;	/* running: when time is up */
	int32_t		 left;		/* paused: seconds left (negative:
					 * over) */
	int32_t		 total;		/* seconds given: at the start and
					 * added since */
	int		 phase;		/* the phase it was started in (an
					 * index, as ws->step) */
	int64_t		 started;
	bool		 bell;		/* ring at zero; the room's setting,
					 * kept from one timebox to the next */
};

/* --- action plans and follow-up (DESIGN.md §2, phases 7-8) ------------- */

/* Dates are kept as YYYYMMDD integers (20270115): readable in a record,
 * ordered like dates, 0 for none.  model_date_valid() checks a real
 * calendar date between 2000 and 2199. */

enum action_status {
	ACTION_PROPOSED = 1,
	ACTION_AGREED = 2,	/* its owners and a facilitator agreed */
	ACTION_IN_PROGRESS = 3,
	ACTION_DONE = 4,
	ACTION_DROPPED = 5,
};

enum action_term {
	TERM_NONE = 0,
	TERM_SHORT = 1,
	TERM_MEDIUM = 2,
	TERM_LONG = 3,
};

enum action_field {
	ACTION_HOW = 1,		/* text, NULL clears */
	ACTION_DUE = 2,		/* value2 date, 0 clears */
	ACTION_RESOURCES = 3,	/* text, NULL clears */
	ACTION_COST = 4,	/* text amount ("1500.50"), text2 currency
				 * ("USD"); NULL text clears */
	ACTION_PROVIDER = 5,	/* text: who provides the resources */
	ACTION_STATUS = 6,	/* value2 enum action_status (not AGREED:
				 * agreement comes from the commitments) */
	ACTION_TERM = 7,	/* value2 enum action_term */
	ACTION_QUICK_WIN = 8,	/* value2 1/0 */
	ACTION_INDICATOR = 9,	/* value2 the adopted indicator it works
				 * on, 0 unlinks */
};
#define ACTION_FIELD_MAX 9

/* Lesson 11, "Exit strategies". */
enum exit_strategy {
	EXIT_NONE = 0,
	EXIT_WIND_DOWN = 1,
	EXIT_HAND_OVER = 2,
	EXIT_INSTITUTIONALISE = 3,
};

struct owner {
	uint32_t	 person;	/* a person, or 0 */
	uint32_t	 group;		/* or a whole group, or 0 */
	bool		 committed;	/* they agreed to do it */
};

struct milestone {
	int32_t		 date;
	bool		 done;
	uint32_t	 meeting;	/* where it was ticked done, 0 */
	char		*text;
};

struct action {
	char		*how;
	char		*resources;
	char		*provider;
	int32_t		 due;		/* date, 0 none */
	int64_t		 cost;		/* minor units (cents); -1 none */
	char		 currency[4];	/* ISO 4217 letters, "" none */
	int		 status;	/* enum action_status */
	int		 term;		/* enum action_term */
	bool		 quick_win;
	bool		 fac_agreed;	/* a facilitator agreed */
	uint32_t	 indicator;	/* the indicator it works on, 0 */
	struct owner	*owners;
	size_t		 nowners;
	struct milestone *milestones;
	size_t		 nmilestones;
};

/* --- indicators (srm-review, seed 004: "Agree indicators", "Assess
 * indicators") --------------------------------------------------------- */

enum indicator_field {
	INDICATOR_BASELINE = 1,
	INDICATOR_TARGET = 2,
};

/* The default scale, when the room's template gives none: present,
 * partially present, not present (seed 004's categories). */
#define MODEL_SCALE_DEFAULT	3
#define MODEL_SCALE_MAX		7	/* points of a scale */

/* An indicator's score at one meeting: the point of its scoring poll's
 * scale the room gave it. */
struct score {
	uint32_t	 meeting;
	uint32_t	 poll;		/* the scoring poll (its scale) */
	int		 point;		/* 1, 2, ... in the scale's order */
};

struct indicator {
	char		*baseline;	/* short text, NULL none */
	char		*target;
	struct score	*scores;	/* by meeting, ascending; one each */
	size_t		 nscores;
};

/* A meeting of the process: the room meets again on a later day. */
struct meeting {
	uint32_t	 id;		/* 1, 2, ... */
	int32_t		 date;
	int64_t		 started;
	int32_t		 planned;	/* the agenda's start: minutes after
					 * midnight (the facilitator's clock)
					 * plus 1; 0 none */
	uint32_t	*came;		/* people who attended, in order */
	size_t		 ncame, came_cap;
};

/* The time the room spent in one phase during one meeting (derived from
 * the phase changes and meetings, for the agenda's planned against
 * actual): one per phase and meeting it went to. */
struct visit {
	uint32_t	 meeting;
	uint32_t	 step;		/* the phase's index */
	int64_t		 first;		/* when it first came */
	int64_t		 spent;		/* seconds, before since */
	int64_t		 since;		/* there now, since then; 0 not */
};

/* INTENT_AGENDA's value: what it sets. */
enum agenda_op {
	AGENDA_START = 1,	/* value2: the current meeting's planned
				 * start, minutes after midnight; -1 none */
	AGENDA_MINUTES = 2,	/* ref: a phase's index + 1; value2: its
				 * timebox in minutes, 0 none */
};

/* --- deciding together (DESIGN.md §2, "Decision tools") ----------------- */

enum poll_kind {
	POLL_HIDDEN = 0,	/* a replica's placeholder for another
				 * group's check */
	POLL_CONSENSUS = 1,	/* agree / reservations / stand aside / block */
	POLL_STRAW = 2,		/* yes / no / abstain */
	POLL_DOTS = 3,		/* N dots each over a list */
	POLL_SCORE = 4,		/* an indicator scored on the room's
				 * scale: each answers one point */
};

#define POLL_F_ANONYMOUS	0x1u	/* nobody ever sees who answered what */
#define POLL_F_CHARTER		0x2u	/* a consensus check on the whole charter */
#define POLL_F_GROUP		0x4u	/* a caucus approving its own report:
					 * only its members answer, see it,
					 * close it; closing reveals it */

enum poll_state {
	POLL_OPEN = 1,
	POLL_CLOSED = 2,
	POLL_REVEALED = 3,
};

enum answer {
	ANSWER_AGREE = 1,
	ANSWER_RESERVATIONS = 2,
	ANSWER_STAND_ASIDE = 3,
	ANSWER_BLOCK = 4,
	ANSWER_YES = 5,
	ANSWER_NO = 6,
	ANSWER_ABSTAIN = 7,
};

enum verdict {
	VERDICT_NONE = 0,	/* straw polls and dot votes decide nothing */
	VERDICT_ADOPTED = 1,
	VERDICT_NOT_ADOPTED = 2,
};

/* How the room decides (charter 4.6), applied when a check closes. */
enum decision_rule {
	DECIDE_CONSENSUS = 1,		/* adopted unless someone blocks */
	DECIDE_CONSENSUS_FALLBACK = 2,	/* consensus; after N rounds on the same
					 * item, the fallback majority */
	DECIDE_MAJORITY = 3,		/* more agree than block */
	DECIDE_TWO_THIRDS = 4,		/* at least 2/3 of those who agree or
					 * block agree */
};

/* One person's answer: for dot votes one per item they put dots on. */
struct vote {
	uint32_t	 voter;		/* 0 when the viewer may not know */
	uint32_t	 group;		/* 0 likewise */
	int32_t		 answer;	/* enum answer; dot votes: the item */
	int32_t		 weight;	/* 1; dot votes: dots on the item */
	char		*reason;	/* reservations and blocks */
};

struct poll {
	uint32_t	 id;
	int		 kind;		/* enum poll_kind */
	int		 state;		/* enum poll_state */
	uint32_t	 flags;		/* POLL_F_* */
	uint32_t	 target;	/* item decided (consensus), or 0 */
	int		 round;		/* consensus: checks on its target
					 * since that was last adopted */
	int		 dots;		/* dot votes: dots each */
	uint32_t	 group;		/* POLL_F_GROUP: the caucus */
	uint32_t	 members;	/* POLL_F_GROUP: its size at the close */
	int		 phase;
	uint32_t	 meeting;	/* the meeting it was opened in */
	int		 conf;		/* CONF_* in force when it opened */
	char		*text;		/* the question, or the version decided */
	uint32_t	*options;	/* dot votes: the items, in order;
					 * a score: the scale's points
					 * (ITEM_SCALE), none for the
					 * default scale */
	size_t		 noptions;
	struct vote	*votes;		/* what this replica may know */
	size_t		 nvotes, votes_cap;
	uint32_t	 answered;	/* how many people have answered */
	int		 verdict;	/* enum verdict, once closed; a
					 * score: the point (1, 2, ...) it
					 * gives, 0 none */
	char		*verdict_text;	/* "blocked by 1 — not adopted" */
	int64_t		 opened, closed;
};

struct intent {
	int		 type;		/* enum intent_type */
	uint32_t	 req;		/* client's request id, 0 for local ones */
	uint32_t	 flags;
	uint32_t	 ref;
	int32_t		 value;
	int32_t		 value2;
	char		*text;		/* owned by whoever made the intent */
	char		*text2;
	char		*secret;
	char		*lang;		/* INTENT_CREATE: the room's language
					 * of record, or NULL */
};

struct event {
	uint64_t	 seq;		/* gap-free, from 1 */
	int64_t		 time;		/* unix seconds, the server's clock */
	int		 type;		/* enum event_type */
	uint32_t	 actor;		/* participant id, or MODEL_SYSTEM */
	uint32_t	 req;		/* the actor's request id, for re-sends */
	uint32_t	 id;		/* the object created */
	uint32_t	 ref;		/* the object referred to */
	uint32_t	 group;		/* author's group for EVENT_ITEM; 0 when hidden */
	int32_t		 value;
	int32_t		 value2;
	uint32_t	 flags;
	char		*text;
	char		*text2;
	char		*secret;	/* never leaves the server */
	char		*lang;		/* EVENT_CREATE: the room's language;
					 * journal records only (a screen has
					 * it from the snapshot) */
	/* EVENT_POLL_REVEAL on the wire only: the answers as everyone may
	 * now see them (never in the journal: the votes are there already).
	 * Owned by whoever filled it (model_event_view, wire_decode). */
	struct vote	*votes;
	size_t		 nvotes;
};

struct group {
	uint32_t	 id;
	char		*name;
};

struct participant {
	uint32_t	 id;
	char		*name;
	uint32_t	 group;		/* 0: none (facilitators, observers) */
	int		 role;		/* enum role */
	char		*token;		/* resume token; NULL on clients */
	uint32_t	 last_req;	/* highest request id applied */
	int64_t		 joined;
	uint64_t	 hand;		/* raised: its place in the queue; 0 */
	bool		 removed;	/* the facilitator removed them */
	bool		 present;	/* connection state, not part of the record */
};

struct item {
	uint32_t	 id;
	int		 kind;		/* enum item_kind */
	int		 status;	/* enum item_status */
	uint32_t	 author;	/* participant id; 0 for seed content or hidden */
	uint32_t	 group;		/* author's group when written; 0 if none or hidden */
	uint32_t	 ref;		/* question, section or rule it belongs to */
	uint32_t	 number;	/* adopted ground rules: 1, 2, ...; sections: their code */
	int		 phase;		/* phase it was written in */
	int64_t		 time;
	char		*text;
	char		*text2;		/* sections: the seed's guidance */
	char		*body;		/* sections: the working text */
	uint32_t	 flags;		/* ITEM_F_* */
	int		 conf;		/* CONF_* in force when it was written */
	uint32_t	 meeting;	/* the meeting it was written in */
	struct action	*action;	/* ITEM_ACTION: its plan; else NULL */
	struct indicator *ind;		/* ITEM_INDICATOR: baseline, target,
					 * scores; else NULL */
	uint32_t	 ordinal;	/* problem and vision statements: 1, 2,
					 * ... as written (derived, not sent) */
	uint32_t	 step;		/* the template phase it belongs to (1,
					 * 2, ...), 0 in a room without one:
					 * seed content, its template phase;
					 * contributions, the phase they were
					 * written in */
};

/* A phase of the room's process, as its template set it out. */
struct step {
	int		 kind;		/* enum phase: the kind of work */
	int		 minutes;	/* timebox, 0 none */
	uint32_t	 flags;		/* STEP_F_* */
	char		*title;
	char		*prompt;	/* NULL none */
};

/* The ids of the items of one kind, ascending (derived state). */
struct item_index {
	uint32_t	*ids;
	size_t		 n, cap;
};

/* The ids of the items of one kind that belong to one item (their ref):
 * the answers to a question, the notes under a caucus question. */
struct ref_index {
	int		 kind;
	uint32_t	 ref;
	struct item_index ids;
};

struct workshop {
	uint64_t		 seq;		/* last event applied */
	int64_t			 created;
	int64_t			 updated;	/* time of the last event applied */
	char			*title;
	char			*code;		/* join code; NULL on clients */
	int			 phase;		/* the kind of work now */
	char			*template;	/* its template's name; NULL in
						 * rooms from before templates */
	char			*lang;		/* the language of record: what
						 * the charter and the report
						 * are written in ("fr"); NULL
						 * in rooms from before
						 * languages, which read as
						 * "en" (model_language) */
	struct step		*steps;		/* the phases, from the template */
	size_t			 nsteps, steps_cap;
	size_t			 step;		/* the current one (index); in
						 * a room without steps, the
						 * phase */
	struct visit		*visits;	/* where the room spent its
						 * time, in the order it went */
	size_t			 nvisits, visits_cap;
	uint32_t		 question;	/* current dialogue question, 0 none */
	uint32_t		 rules_adopted;	/* numbering of adopted rules */
	int			 decision_rule;	/* enum decision_rule */
	int			 fallback_rule;	/* DECIDE_MAJORITY or _TWO_THIRDS */
	int			 fallback_rounds;
	uint32_t		 charter_poll;	/* the check that adopted it, 0 */
	/* The rules the facilitator sets (the decision rule, the
	 * confidentiality rules) as they were when the charter was adopted:
	 * the charter states them as adopted, and any change since.  Set
	 * with charter_poll; the server's and the export's replica only. */
	struct charter_rules {
		int	decision_rule, fallback_rule, fallback_rounds;
		int	confidentiality;
		int	phase_conf[PHASE_COUNT];
	}			 charter_rules;
	char			*fac_code;	/* co-facilitators' code; NULL on
						 * clients */
	bool			 fac_code_shown;	/* on the serving screen:
						 * hidden unless asked for */
	int			 confidentiality;	/* the room's CONF_* */
	int			 phase_conf[PHASE_COUNT];	/* CONF_DEFAULT: as
						 * the room */
	uint32_t		 statements;	/* problem and vision statements
						 * written (derived: ordinals) */
	uint32_t		 speaker;	/* who has the floor, 0; the
						 * floor ends with
						 * EVENT_FLOOR_END, a new
						 * phase or a new meeting */
	uint64_t		 hands;		/* hands raised so far (order) */
	/* Turns taken, per phase and group (index 0: no group). */
	uint32_t		 spoken[PHASE_COUNT][MODEL_GROUPS_MAX + 1];
	struct poll		*polls;
	size_t			 npolls, polls_cap;
	struct meeting		*meetings;	/* meeting 1 opens with the room */
	size_t			 nmeetings, meetings_cap;
	uint32_t		 meeting;	/* the current one */
	int32_t			 next_review;	/* date, 0 none */

	struct group		*groups;
	size_t			 ngroups;
	struct participant	*people;
	size_t			 npeople;
	struct item		*items;
	size_t			 nitems;
	size_t			 groups_cap, people_cap, items_cap;
	/* Derived, never sent: the items of each kind (a screen lists a
	 * kind without a walk over every item). */
	struct item_index	 by_kind[ITEM_KIND_COUNT];
	struct item_index	 merged;	/* merged into another item */
	struct item_index	 pinned;	/* answers pinned as themes */
	struct ref_index	*by_ref;	/* by kind, then ref */
	size_t			 nby_ref, by_ref_cap;
	/* The clock (clock.c): the timebox; when the speaker got the
	 * floor (EVENT_SPEAKER's time); how long a turn may take (seconds,
	 * 0 no limit). */
	struct timer		 timer;
	int64_t			 floor_since;
	int32_t			 turn_limit;
};

enum model_errcode {
	MODEL_OK = 0,
	MODEL_ERR_ROLE = 1,	/* the actor's role may not do this */
	MODEL_ERR_PHASE = 2,	/* not in this phase */
	MODEL_ERR_INVALID = 3,	/* malformed intent */
	MODEL_ERR_NOT_FOUND = 4,
	MODEL_ERR_TEXT = 5,	/* empty, too long, not UTF-8, control characters */
	MODEL_ERR_LIMIT = 6,	/* too many of something */
	MODEL_ERR_STATE = 7,	/* the object is not in a state that allows this */
	MODEL_ERR_DUPLICATE = 8,
};

struct model_error {
	int	code;		/* enum model_errcode */
	char	msg[200];	/* a sentence for the person who asked */
};

/*
 * The model's refusals with arguments (err->msg is made in English, the
 * msgid, by whichever process checked the intent): a screen shows one in
 * its person's language with i18n_from_wire(msg, model_words).
 */
struct i18n_format;
/* An action's record of a change (ITEM_F_LOG) is shown with these
 * instead: model_log_words. */
extern const struct i18n_format *const model_log_words[];
/* An action's record of a change as it would read had the Chatham House
 * Rule been in force when it was made: every owner, or one among who
 * agreed, who is not one of the room's groups is "a participant" (a
 * person, by whatever name they had then).  Any other record is returned
 * as it is.  Caller frees. */
char		*model_log_nameless(const struct workshop *, const char *);
extern const struct i18n_format *const model_words[];

/* A charter section of the seed's terms-of-reference box. */
struct charter_section {
	uint32_t	 code;		/* stable: 10 goal, 20 stakeholders, 31..33 roles, 41.. procedures, 50 schedule */
	const char	*number;	/* "3.2" */
	const char	*title;
	const char	*guidance;
};

struct workshop	*model_new(void);
void		 model_free(struct workshop *);

/*
 * Checks intent from actor against the state at time now.  On success fills
 * *ev (its strings point into intent: ev lives no longer than intent) and
 * returns 0; on refusal fills *err and returns -1.  Never changes ws.
 */
int	 model_check(const struct workshop *ws, uint32_t actor,
	     const struct intent *intent, int64_t now, struct event *ev,
	     struct model_error *err);

/*
 * Applies an event (copies what it keeps).  Returns 0, or -1 with *err
 * filled when the event does not fit the state (a damaged journal or a
 * confused server); ws is then unchanged.  Events must come in increasing
 * seq order; gaps are allowed only when allow_gap is true (clients).
 */
int	 model_commit(struct workshop *ws, const struct event *ev,
	     bool allow_gap, struct model_error *err);

/* model_check then model_commit. */
int	 model_apply(struct workshop *ws, uint32_t actor,
	     const struct intent *intent, int64_t now, struct event *ev,
	     struct model_error *err);

/* The seed content for a new workshop: fills up to max intents (static
 * strings, do not free) and returns how many there are in all. */
size_t	 model_seed(struct intent *out, size_t max);
/* The default stakeholder groups, NULL-terminated. */
extern const char *const model_default_groups[];
/* A group's name as a screen or an export shows it: a default group's
 * or a template's (kept in English in the record) in the language of the
 * moment, any other as it is; NULL for NULL.  Only for showing: names
 * are looked up and sent as the record keeps them. */
const char *model_group_shown(const char *name);
/* A person's name as a screen or an export shows it: the serving
 * facilitator's default name ("Facilitator", as the record keeps it) in
 * the language of the moment, any other as it is; NULL for NULL. */
const char *model_person_shown(const struct participant *p);
/* The charter skeleton, in order; count in *n. */
const struct charter_section *model_charter_sections(size_t *n);

/* Lookups; NULL when absent. */
struct group		*model_group(const struct workshop *, uint32_t id);
struct group		*model_group_by_name(const struct workshop *, const char *);
struct participant	*model_person(const struct workshop *, uint32_t id);
struct participant	*model_person_by_name(const struct workshop *, const char *);
struct item		*model_item(const struct workshop *, uint32_t id);
/* Numbers the problem and vision statements 1, 2, ... in the order they
 * were written (item->ordinal): the reducer keeps it up to date, a
 * snapshot just decoded calls it once. */
void			 model_number_statements(struct workshop *);
/* The ids of the items of kind, ascending (placeholders are ITEM_HIDDEN
 * until revealed); *n how many.  The reducer keeps it up to date; a
 * snapshot just decoded calls model_index_items once.  The array is the
 * workshop's and moves when items are added. */
const uint32_t		*model_items_of_kind(const struct workshop *, int kind,
			    size_t *n);
void			 model_index_items(struct workshop *);
/* The ids of the items merged into another one (status STATUS_MERGED,
 * number: the one it joined; charter texts merged into their section's
 * text are not among them), ascending; kept like the kind index. */
const uint32_t		*model_merged_items(const struct workshop *, size_t *n);
/* The ids of the items of kind whose ref is ref, ascending: kept for the
 * kinds model_indexes_ref says (answers, caucus notes, an action's
 * progress and change records), like the kind
 * index; NULL and 0 for any other.  Placeholders have no ref: a replica
 * lists only what it may see. */
const uint32_t		*model_items_of_ref(const struct workshop *, int kind,
			    uint32_t ref, size_t *n);
bool			 model_indexes_ref(int kind);
/* The answers pinned as themes (ITEM_F_PINNED), ascending; kept like
 * the kind index. */
const uint32_t		*model_pinned_answers(const struct workshop *,
			    size_t *n);

bool		 model_is_facilitator(const struct workshop *, uint32_t who);
/* The confidentiality rule in force in a phase (never CONF_DEFAULT). */
int		 model_conf(const struct workshop *, int phase);
/*
 * Whether who said something in phase under rule conf (the one in force
 * then) is hidden now: said under the Chatham House Rule, or the rule
 * has since become it there; the rule set later covers what came before,
 * on every screen and in every export.  A phase taken off the record
 * does not lift the room's rule from what was said there before.
 */
/* May viewer know who wrote it?  Its author always; an anonymous point
 * of order nobody; a signed one any facilitator but the serving screen
 * (the projector) under any rule; anything else unless the Chatham House
 * Rule, set then or since, covers it (model_author_hidden). */
bool		 model_author_shown(const struct workshop *,
		     const struct item *, uint32_t viewer);
bool		 model_author_hidden(const struct workshop *, int phase,
		    int conf);
/*
 * The names below (model_conf_name, model_phase_name, model_role_name,
 * model_status_name, model_answer_name, model_rule_name) are returned in
 * English, the msgid, marked N_(): the model puts them into its refusals
 * and into texts written into the record (a verdict), which stay English
 * and are translated where shown (model_words).  Whoever shows a name
 * shows _(name); an export, in the language it writes.  The rules'
 * names (model_conf_name) have the context "confidentiality" ("open"
 * is also a status): C_("confidentiality", name).
 */
const char	*model_conf_name(int conf);
/* A caucus's open check on its report, or NULL. */
struct poll	*model_group_poll(const struct workshop *, uint32_t group);
/* Members of a group who answer for it (participants not removed). */
uint32_t	 model_group_size(const struct workshop *, uint32_t group);
/* The raised hands in order: fills up to max ids, returns how many. */
size_t		 model_queue(const struct workshop *, uint32_t *out,
		    size_t max);
const char	*model_phase_name(int phase);
/*
 * The phases of the room's process (its template's steps; in a room from
 * before templates, the first PHASE_LEGACY_COUNT kinds in order): how
 * many, which one the room is in (an index), and each one's kind of work
 * (enum phase), title and prompt (NULL: none).  model_step is NULL in a
 * room without a template.
 */
size_t		 model_steps(const struct workshop *);
size_t		 model_step_now(const struct workshop *);
int		 model_step_kind(const struct workshop *, size_t i);
const char	*model_step_title(const struct workshop *, size_t i);
const char	*model_step_prompt(const struct workshop *, size_t i);
const struct step *model_step(const struct workshop *, size_t i);
/* The first phase of kind at or after from (an index), or -1. */
int		 model_step_of_kind(const struct workshop *, int kind,
		    size_t from);
/* Whether an item belongs to the phase the room is in, or to none (a
 * question of another phase of the same kind is listed there only); a
 * question the room proposed and adopted belongs to every phase. */
bool		 model_in_step(const struct workshop *, const struct item *);
/* The first question of kind (ITEM_CAUCUS_QUESTION, ...) of the phase the
 * room is in, or 0. */
uint32_t	 model_first_question(const struct workshop *, int kind);
bool		 model_template_name_ok(const char *);
/* Is s a language's name as a room records it: two or three lower-case
 * letters, and a country's two capitals after an underscore if any
 * ("fr", "es", "pt_BR")?  Whether there is a catalogue for it is the
 * program's business, not the record's. */
bool		 model_lang_ok(const char *s);
/* The room's language of record: ws->lang, "en" for a room from before
 * rooms had one. */
const char	*model_language(const struct workshop *);
/*
 * The agenda of a meeting: phase i's planned start (minutes after
 * midnight: the meeting's planned start plus the timeboxes before it; -1
 * when the meeting has no planned start) and the time the room actually
 * spent in it during that meeting (seconds, until now for the phase it is
 * in), and when it first came to it (0: not yet).
 */
int		 model_agenda_start(const struct workshop *, uint32_t meeting,
		    size_t i);
int64_t		 model_agenda_spent(const struct workshop *, uint32_t meeting,
		    size_t i, int64_t now, int64_t *first);
/* "09:40" into buf (6 bytes will do): minutes after midnight, or a
 * recorded time on this computer's clock. */
char		*model_hhmm(int minutes, char *buf, size_t len);
char		*model_local_hhmm(int64_t when, char *buf, size_t len);
const char	*model_role_name(int role);
const char	*model_status_name(int status);
/* What a participant adds in this phase ("expectation"), or NULL. */
const char	*model_contribution_noun(int phase);
/* The item kind a contribution becomes in this phase, or ITEM_HIDDEN. */
int		 model_contribution_kind(int phase);
/* Section item for a charter section code, or NULL. */
struct item	*model_section(const struct workshop *, uint32_t code);
struct poll	*model_poll(const struct workshop *, uint32_t id);
/* The open poll, if any (one at a time), or NULL. */
struct poll	*model_open_poll(const struct workshop *);
/* The viewer's own vote in a poll (consensus, straw), or NULL. */
const struct vote *model_my_vote(const struct poll *, uint32_t voter);
/* Dots the viewer has spent in a dot vote. */
int		 model_my_dots(const struct poll *, uint32_t voter);
/* Counts of a revealed (or, on the server, any) poll: out[answer] for
 * consensus and straw polls; for dot votes out[i] is the dots on
 * options[i].  out has room for max entries. */
void		 model_tally(const struct poll *, int *out, size_t max);
const char	*model_answer_name(int answer);
const char	*model_rule_name(int rule);
/* True when every section of the charter is adopted or not applicable. */
bool		 model_charter_ready(const struct workshop *);
/* Is this section filled from the room rather than written? (2, 4.1) */
bool		 model_section_derived(const struct item *);

/*
 * Who may see what.  The server filters everything it sends through these,
 * and so does export.  viewer is a participant id.
 */
bool	 model_item_visible(const struct workshop *, const struct item *,
	     uint32_t viewer);
/* A copy of *it as viewer may see it: strings shared with *it, hidden
 * fields cleared; an invisible item becomes an ITEM_HIDDEN placeholder. */
void	 model_item_view(const struct workshop *, const struct item *,
	     uint32_t viewer, struct item *out);
/*
 * Whether viewer may see an event whole.  The actor always may.  Who may
 * not gets the one redacted form model_event_view gives them: a caucus
 * note as a placeholder, a vote as "one more has answered", a closed
 * check without its verdict.
 */
bool	 model_event_sees(const struct workshop *, const struct event *,
	     uint32_t viewer);
/*
 * Which form of an event a viewer gets: AUDIENCE_AUTHOR (its actor),
 * AUDIENCE_WHOLE, AUDIENCE_NAMELESS (Chatham House: content without who),
 * AUDIENCE_REDACTED (the one redacted form) or AUDIENCE_NONE (not sent at
 * all).  Viewers in the same audience get the same bytes.  No view has
 * the request id (counting them would tell who did what; the author's ack
 * carries it), so the author's view is the whole one.
 */
enum audience {
	AUDIENCE_WHOLE = 0,
	AUDIENCE_NAMELESS = 1,
	AUDIENCE_REDACTED = 2,
	AUDIENCE_AUTHOR = 3,	/* its actor: the whole, whatever the rule */
	AUDIENCE_NONE = 4,	/* the number of audiences that get bytes */
};
int	 model_event_audience(const struct workshop *, const struct event *,
	     uint32_t viewer);
/*
 * Working an event's audience out once per kind of viewer instead of once
 * per viewer.  The audience can single out only the people
 * model_event_persons names: the actor, the person the event refers to
 * and the authors of the items it touches.  For everyone else it depends
 * only on the viewer's role and group, which model_audience_class folds
 * into one number below MODEL_AUDIENCE_CLASSES (-1 for someone who is not
 * in the room: work theirs out on its own).  So, for viewers a and b who
 * are not among the event's persons, equal classes mean equal audiences
 * (tests/unit/fixture.h checks it for every event the model tests make).
 */
#define MODEL_EVENT_PERSONS	4
#define MODEL_AUDIENCE_CLASSES	(4 * (MODEL_GROUPS_MAX + 1))
size_t	 model_event_persons(const struct workshop *, const struct event *,
	     uint32_t out[MODEL_EVENT_PERSONS]);
int	 model_audience_class(const struct workshop *, uint32_t viewer);
/* The event as viewer may see it; secrets always cleared.  For a reveal,
 * out->votes is a new array of the answers everyone may now see: free it
 * with model_votes_free(out->votes, out->nvotes). */
void	 model_event_view(const struct workshop *, const struct event *,
	     uint32_t viewer, struct event *out);
/* Whether a poll's answers are nobody's: it was anonymous, or its phase
 * has since come under the Chatham House Rule (model_author_hidden), which
 * covers the answers given before as it covers what was said. */
bool	 model_poll_nameless(const struct workshop *, const struct poll *);
/* A poll as viewer may see it (votes filtered into a new array the caller
 * frees with model_votes_free; other pointers shared). */
void	 model_poll_view(const struct workshop *, const struct poll *,
	     uint32_t viewer, struct poll *out);
void	 model_votes_free(struct vote *, size_t);

/* Text rules shared by every field: valid UTF-8, no control characters
 * (newline allowed only when multiline), not empty, at most max bytes.
 * Returns 0 or -1 with a sentence in err naming what (e.g. "name").
 * model_check applies them to every string of every intent (fields.c). */
int	 model_check_text(const char *s, size_t max, bool multiline,
	     const char *what, struct model_error *err);
/* A person's name: the text rules, something that shows, and no
 * brackets (the screens put a group or a role in them).  0, or -1 with a
 * sentence in err. */
int	 model_check_name(const char *s, struct model_error *err);

/* --- actions, meetings, dates ------------------------------------------ */

bool		 model_date_valid(int32_t date);
/* "2027-01-15" (or "2027-1-15") into *date; -1 with a sentence in err. */
int		 model_date_parse(const char *s, int32_t *date,
		    struct model_error *err);
/* "2027-01-15" into buf (at least 11 bytes); "" for 0. */
char		*model_date_format(int32_t date, char *buf, size_t len);
/* The date of a unix time, in UTC. */
int32_t		 model_date_of(int64_t time);
/*
 * When something the record stamped at time (the server's clock) happened,
 * as a reader of the room's screens and exports expects it, into buf (64
 * bytes will do).  Once the room has met more than once, by the meeting
 * it happened in (0: the first) and that meeting's date, the day people
 * gave it; the stamp's day (UTC) follows when it is another, as when a
 * meeting is entered the day before or a record typed up after it:
 * "meeting 2, 2027-03-04 (recorded 2027-03-05)".  In a room that has met
 * once, the stamp's day: "2027-03-04".  MODEL_WHEN_AT says "at meeting
 * 2, ..." or "on 2027-03-04"; MODEL_WHEN_DAY leaves the meeting to a
 * heading that names it, for text in parentheses: "2027-03-04; recorded
 * 2027-03-05".  Returns buf.
 */
#define MODEL_WHEN_AT	0x1
#define MODEL_WHEN_DAY	0x2
char		*model_when(const struct workshop *, uint32_t meeting,
		    int64_t time, int how, char *buf, size_t len);
/* "1500", "1500.5", "1500.50" into minor units; -1 with a sentence
 * ("a cost cannot be negative") in err. */
int		 model_cost_parse(const char *s, int64_t *minor,
		    struct model_error *err);
/* Whether in (INTENT_ACTION_SET, INTENT_ITEM_EDIT) would take back the
 * agreements given to the action it: someone has agreed to it as it
 * stands, and in changes what it is. */
bool		 model_action_unagrees(const struct item *it,
		    const struct intent *in);
/* "1500.00" into buf. */
char		*model_cost_format(int64_t minor, char *buf, size_t len);
/* Three letters A-Z. */
bool		 model_currency_valid(const char *s);
const char	*model_action_status_name(int status);
const char	*model_term_name(int term);
const char	*model_exit_name(int strategy);
struct meeting	*model_meeting(const struct workshop *, uint32_t id);
/* Did this person come to this meeting? */
bool		 model_attended(const struct workshop *, uint32_t meeting,
		    uint32_t person);
/* Is viewer an owner of the action, in person or by their group? */
bool		 model_action_owner(const struct workshop *,
		    const struct item *action, uint32_t viewer);
/* Dots the action got in the latest revealed dot vote of the action
 * plans phase that listed it, or -1. */
int		 model_action_dots(const struct workshop *, uint32_t action);
/* The actions in plan order: by dots (most first, unvoted last), then
 * by number.  Fills up to max ids; returns how many there are. */
size_t		 model_action_order(const struct workshop *, uint32_t *out,
		    size_t max);
/* An action's number as people say it: 1 for the first action proposed,
 * 2 for the next, ... (never changes); 0 for an item that is not one. */
uint32_t	 model_action_number(const struct workshop *, uint32_t action);

/* --- the clock ----------------------------------------------------------- */

/* Seconds left on the timer at now (the server's clock): negative once
 * time is up, 0 when there is no timer. */
int64_t		 model_timer_left(const struct workshop *, int64_t now);
/* The minutes a timebox in phase step (an index) is offered with: its
 * template's timebox, else 10. */
int		 model_timebox_minutes(const struct workshop *, size_t step);
/* "start", "pause", ... */
const char	*model_timer_op_name(int op);

/* --- matrices (template phases of kind PHASE_MATRIX) ------------------- */

/*
 * Whether a cell entry is its group's own: its phase's template says
 * "Private: yes" (STEP_F_PRIVATE).  Such an entry is seen as a caucus
 * note is, by its author's group and the facilitators only, and is never
 * exported.  A template can make cells private, never anything less
 * private than the room's rules make it.
 */
bool	 model_cell_private(const struct workshop *, const struct item *);

/* --- indicators and their scores (indicator.c) --------------------------- */

/* An indicator's number as people say it: 1 for the first, ... (never
 * changes); 0 for an item that is not one. */
uint32_t	 model_indicator_number(const struct workshop *, uint32_t id);
/* The scale a scoring poll opened now would use: the ITEM_SCALE points of
 * the current phase, else those of the latest phase that has some, in
 * order; fills up to max ids and returns how many (0: the default scale,
 * present / partially present / not present). */
size_t		 model_scale(const struct workshop *, uint32_t *out,
		    size_t max);
/* A scoring poll's number of points, and point's label and meaning
 * (point 1, 2, ...); "?" and NULL outside the scale. */
int		 model_poll_points(const struct poll *);
const char	*model_point_label(const struct workshop *,
		    const struct poll *, int point);
const char	*model_point_meaning(const struct workshop *,
		    const struct poll *, int point);
/* Is that point the built-in scale's or a template's (words a screen
 * shows in the catalogue's language), not a room's own? */
bool		 model_point_builtin(const struct workshop *,
		    const struct poll *, int point);
/* A closed score's verdict in the reader's language (gettext's now),
 * worked out again from the answers this replica holds, with the
 * built-in and the template's points in the catalogue's words; the
 * record's sentence translated where the replica holds too few.  NULL
 * before the verdict.  Caller frees. */
char		*model_score_said(const struct workshop *,
		    const struct poll *);
/* Whether the phase the room is in takes proposals (STEP_F_PROPOSE):
 * participants propose its questions or indicators, the room checks
 * them. */
bool		 model_step_proposes(const struct workshop *);
/* Whether a dialogue question may be put to the room and answered: the
 * room's own (open) or adopted, not one still proposed or turned down. */
bool		 model_question_askable(const struct item *);
/* An indicator's score at a meeting, or NULL. */
const struct score *model_score(const struct item *, uint32_t meeting);

/* Connection state: not part of the record, so not an event. */
void	 model_set_present(struct workshop *, uint32_t who, bool present);

#endif
