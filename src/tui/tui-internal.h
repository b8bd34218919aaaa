/*
 * tui-internal.h - what the TUI's files share: the screen state, the input
 * line and text box editor, the row list the phase views are drawn from,
 * the poll panel above them and the overlays the facilitators open over
 * them (the people, the points of order).
 *
 * Invariants: the row list and the panel hold copies of sanitised text
 * (never pointers into the workshop), so they may outlive a change of the
 * room until the next rebuild; the selection is remembered as an item id
 * (or TUI_CHARTER_ROW), which stays valid because items are never removed;
 * the editor's buffer always holds valid UTF-8 without control characters
 * (a text box's newlines apart) and the cursor sits on a character
 * boundary.
 */
#ifndef ROUNDTABLE_TUI_INTERNAL_H
#define ROUNDTABLE_TUI_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <wchar.h>

#include <curses.h>
#include <uv.h>

#include "roundtable/model.h"
#include "roundtable/tui.h"

/* --- editor.c: the input line and the text box --------------------------- */

/* The most a text box takes: a charter section (the model's limit on a
 * section's body). */
#define TUI_BODY_MAX	8000

struct editor {
	char	 buf[TUI_BODY_MAX + 1];
	size_t	 len;		/* bytes in buf */
	size_t	 cur;		/* cursor, a byte offset on a character start */
	size_t	 scroll;	/* input line: first byte shown */
	size_t	 max;		/* most bytes accepted */
	bool	 multiline;	/* a text box: newlines kept, Ctrl-D sends */
	int	 cols, rows;	/* box: wrap width and height last drawn */
	size_t	 top;		/* box: first visual line shown */
	int	 goal;		/* box: column Up/Down keep, -1 none yet */
	bool	 after_cr;	/* box: the last key was a CR (pasted CR LF) */
	bool	 selected;	/* input line: the offered value is selected;
				 * typing replaces it, editing keys keep it */
};

enum editor_result {
	EDITOR_NONE = 0,	/* nothing to do (or the key was ignored) */
	EDITOR_CHANGED,		/* text or cursor moved: redraw */
	EDITOR_SEND,		/* Enter (input line), Ctrl-D (box) */
	EDITOR_CANCEL,		/* Esc */
	EDITOR_FULL,		/* a character did not fit under max */
};

/* An empty input line (one line) or text box (several). */
void	tui_editor_reset(struct editor *, size_t max);
void	tui_editor_reset_box(struct editor *, size_t max);
/* Puts text in at the cursor as if pasted (newlines become spaces on the
 * input line; control characters and what does not fit are left out). */
void	tui_editor_fill(struct editor *, const char *);
/* Offers a value to take or replace (a date, a cost, one's name): filled
 * as above and, on the input line, selected, so that what is typed
 * replaces it, while Backspace, the arrows, Home and End edit it and
 * Enter takes it. */
void	tui_editor_offer(struct editor *, const char *);
/* One key from wget_wch: code is its return (OK or KEY_CODE_YES).  Within
 * a bracketed paste a newline becomes a space on the input line instead of
 * Enter, and Esc and Ctrl-D do nothing. */
int	tui_editor_key(struct editor *, int code, wint_t ch, bool pasting);
/* Draws prompt and text on line y from column x, width cols; returns the
 * cursor's column. */
int	tui_editor_draw(struct editor *, int y, int x, int cols,
	    const char *prompt, int prompt_attr);
/* Draws a text box's lines in rows x cols at (y, x); the cursor's place
 * goes to *cy, *cx. */
void	tui_editor_draw_box(struct editor *, int y, int x, int cols, int rows,
	    int *cy, int *cx);
/* Visual lines of the box's text, and the cursor's (0-based). */
size_t	tui_editor_lines(const struct editor *, size_t *cursor_line);

/* --- rowcache.c: wrapped lines kept from build to build ------------------ */

/* The lines add_text made of one call's inputs. */
struct rowcache_lines {
	char		**text;
	size_t		 *emph;		/* leading bytes drawn bold */
	size_t		  n;
};

struct rowcache_entry;

struct rowcache {
	struct rowcache_entry	**by_item;	/* chains, by item id */
	size_t			  nitems;	/* slots in by_item */
	size_t			  n;		/* entries */
	size_t			  used;		/* entries this build used */
	size_t			  kept;		/* entries after the last
						 * sweep */
	uint32_t		  gen;		/* builds begun */
};

/* A hash of n bytes at p, continuing from h (0 starts). */
uint64_t	tui_rowcache_hash(uint64_t h, const void *p, size_t n);
/* The lines kept for item under key (len: bytes hashed), or NULL.  They
 * stay valid until the sweep after the next build. */
const struct rowcache_lines *tui_rowcache_get(struct rowcache *,
		    uint32_t item, uint64_t key, size_t len);
/* Keeps lines (taken: *lines is emptied) and returns where they are. */
const struct rowcache_lines *tui_rowcache_put(struct rowcache *,
		    uint32_t item, uint64_t key, size_t len,
		    struct rowcache_lines *lines);
/* Around a build: begin before, sweep after (drops now and then what
 * neither it nor the previous one used, or drew since). */
void		tui_rowcache_begin(struct rowcache *);
void		tui_rowcache_sweep(struct rowcache *);
void		tui_rowcache_free(struct rowcache *);

/* --- views.c: rows, layout and drawing ----------------------------------- */

/* One screen line of a phase body. */
struct row {
	char		*text;		/* sanitised, fits the body width */
	int		 attr;		/* curses attributes */
	size_t		 emph;		/* leading bytes drawn bold (a name) */
	uint32_t	 item;		/* item it shows (selectable), or 0 */
	bool		 lent;		/* text belongs to the row cache */
	size_t		 hl, hl_len;	/* bytes drawn reversed after the
					 * bold ones (a grid's selected
					 * cell); hl_len 0: none */
	bool		 wide;		/* a fixed row drawn over the
					 * selection mark's columns too, two
					 * wider than the others (a grid) */
};

/*
 * A long list drawn lazily: it stands in the row list for the entries of
 * one kind index (model_items_of_kind) or of one item's answers or notes
 * (model_items_of_ref), and rows are made only for the
 * entries in view, so a key or an event costs what the screen shows, not
 * the length of the list.  Whether the viewer is shown an entry is asked
 * each time it is drawn (an entry not shown has no rows).
 */
enum lazy_what {
	LAZY_CONTRIBUTIONS = 1,	/* add_kind: "Ana Pérez (Community): text" */
	LAZY_STATEMENTS,	/* add_statements: each with those merged
				 * into it */
	LAZY_ANSWERS,		/* add_answers: the answers to a question
				 * not pinned as themes */
	LAZY_CELL,		/* tui_add_cell: a matrix cell's entries,
				 * those of its row (ref) in its column */
};

struct lazy {
	size_t		 at;		/* rows of the list before it */
	size_t		 before;	/* units before its first entry */
	int		 what;		/* enum lazy_what */
	int		 kind;		/* the index its entries come from */
	uint32_t	 ref;		/* 0: the kind index; else the items
					 * of kind that belong to ref
					 * (model_items_of_ref) */
	uint32_t	 col;		/* LAZY_CELL: the column */
	size_t		 n;		/* entries: the index's length then */
	int		 indent;
	bool		 gap;		/* a blank line before each entry on
					 * big screens (add_gap) */
};

/*
 * The rows of a phase body.  The scrolled part is a sequence of units: a
 * row made at the build, or an entry of a lazy list (its rows made when
 * they are needed); a place in it is a unit and a row within it.
 */
struct rows {
	struct row	*v;
	size_t		 n, cap;
	size_t		 nfixed;	/* rows 0..nfixed-1 stay on top */
	/* A table's column heading, row sticky: drawn at the top of the page
	 * while the page starts among the table's rows, sticky + 1 to
	 * sticky_end - 1 (one row each), and the heading has scrolled off;
	 * sticky_end 0: none. */
	size_t		 sticky, sticky_end;
	struct lazy	*lists;		/* in the order they stand */
	size_t		 nlists, lists_cap;
};

enum tui_mode {
	MODE_BROWSE = 0,
	MODE_INPUT,		/* the input line is open */
	MODE_BOX,		/* the text box is open */
	MODE_KEY,		/* a question answered with one key */
	MODE_CONFIRM,		/* "Leave the room? y/n" */
	MODE_HELP,
};

/* What the open input line, text box or one-key question is for. */
enum input_for {
	INPUT_CONTRIBUTE = 1,	/* line, or box in Charter; ref as needed */
	INPUT_GROUP,
	INPUT_AMEND,		/* ref: the rule amended */
	INPUT_REASON,		/* ref: the poll; input_value: the answer */
	INPUT_QUESTION,		/* a straw poll's question */
	INPUT_DOTS,		/* a dot vote's dots each */
	INPUT_ROUNDS,		/* decision rule: rounds before the fallback */
	INPUT_FALLBACK,		/* decision rule: the fallback majority */
	INPUT_SECTION,		/* box: a section's text; ref: the section */
	INPUT_NAMED,		/* key: a named or an anonymous poll */
	INPUT_RULE,		/* key: which decision rule */
	INPUT_QUESTION_NEW,	/* a new question; input_value: its kind */
	INPUT_REPORT,		/* box: the group's report-back */
	INPUT_CONF,		/* key: which confidentiality rule */
	INPUT_CONF_SCOPE,	/* key: the room or this phase; input_value:
				 * the rule */
	INPUT_RENAME,		/* ref: the person */
	INPUT_REMOVE_CONFIRM,	/* key: y/n; ref: the person */
	INPUT_REMOVE,		/* the reason; ref: the person */
	INPUT_GRIEVANCE,	/* a point of order; input_value: its flags */
	INPUT_PROBLEM,		/* a problem statement (Framing and vision) */
	INPUT_EDIT,		/* new text for a statement, a lesson or an
				 * exit proposal; ref: the item */
	INPUT_EXIT_KIND,	/* key: which exit strategy */
	INPUT_EXIT,		/* an exit proposal; input_value: strategy */
	INPUT_REVIEW,		/* the next review date */
	INPUT_MEETING,		/* a new meeting's date (empty: today) */
	INPUT_ACTION,		/* line or key: an action's field (actions.c);
				 * ref: the action, 0 for a new one */
	INPUT_SHOW_NOTES,	/* key: y/n before caucus notes go on the
				 * projected screen */
	INPUT_SHOW_POINTS,	/* key: y/n before points of order go on
				 * the projected screen */
	INPUT_AGENDA_START,	/* the day's planned start, HH:MM */
	INPUT_TIMER,		/* key: what the timer does (timebox.c) */
	INPUT_TIMER_STOP,	/* key: y/n before it stops */
	INPUT_TIMER_START,	/* line: a timebox's minutes */
	INPUT_TIMER_ADD,	/* line: minutes added */
	INPUT_TURN_LIMIT,	/* line: minutes a turn may take */
	INPUT_INDICATOR,	/* an indicator's baseline or target
				 * (input_value: enum indicator_field); ref:
				 * the indicator (indicators.c) */
	INPUT_PROPOSE_QUESTION,	/* a question proposed to the room */
	INPUT_SCALE,		/* the room's scale, "label = meaning; ..."
				 * (indicators.c) */
};

/* A list drawn over the phase body (facilitators), with keys of its own. */
enum tui_overlay {
	OVERLAY_NONE = 0,
	OVERLAY_PEOPLE,		/* W: everyone who joined */
	OVERLAY_MOVE,		/* the group to move ov_person to */
	OVERLAY_POINTS,		/* !: the points of order */
	OVERLAY_ACTION,		/* Enter on an action: its card (actions.c,
				 * everyone) */
	OVERLAY_OWNER_ADD,	/* the card's o: groups and people */
	OVERLAY_OWNER_DROP,	/* the card's O: its owners */
	OVERLAY_AGENDA,		/* G: the phases against the clock */
	OVERLAY_INDICATOR,	/* the card's i: the indicators it may work
				 * on */
};

/* A poll or decision rule the facilitator is setting up step by step. */
struct setup {
	int32_t		 kind;		/* enum poll_kind */
	uint32_t	 ref;
	uint32_t	 flags;		/* POLL_F_* */
	int32_t		 dots;
	char		*question;	/* owned */
	int32_t		 rounds;	/* decision rule: before the fallback */
};

/* The selectable row "The whole charter": not an item. */
#define TUI_CHARTER_ROW	UINT32_MAX

/* One line of the poll panel. */
enum {
	PANEL_TEXT = 0,
	PANEL_TITLE,		/* "── title ────" */
	PANEL_RULE,		/* "────────" */
};

struct panel_line {
	char	*text;		/* sanitised, fits the panel width */
	int	 attr;
	int	 prio;		/* the lowest goes first when short of room */
	int	 kind;
	int	 group;		/* lines of one paragraph, or 0 */
};

/* Colour pairs (tui_new makes them). */
#define PAIR_HEADER	1	/* the header: white on blue */
#define PAIR_WARN	2	/* white on red */
#define PAIR_HEAD_CUE	3	/* a timebox near its end, in the header */
#define PAIR_CUE	4	/* ... elsewhere: yellow */
#define PAIR_OVER	5	/* time is up: red */

/* Where the clock was drawn in the last frame (timebox.c), so that a tick
 * draws those cells again and nothing else. */
enum clock_spot_kind {
	CLOCK_HEAD = 1,		/* "⏱ 8:12" in the header */
	CLOCK_BIG,		/* the countdown in big digits (serving
				 * screen): rows of the body's width */
	CLOCK_TURN,		/* "1:12 of 2:00" after who speaks */
};

struct clock_spot {
	int	 kind;
	int	 y, x, w;	/* CLOCK_BIG: w columns of CLOCK_BIG_ROWS */
};

#define CLOCK_SPOTS	4
#define CLOCK_BIG_ROWS	6	/* five rows of digits, a line of words */

struct tui_clock {
	uv_timer_t		 tick;		/* once a second while the
						 * clock shown moves */
	bool			 ticking;
	int64_t			 offset_ms;	/* the room's clock minus
						 * ours */
	struct clock_spot	 spots[CLOCK_SPOTS];
	int			 nspots;
	int			 big_y;		/* the big countdown's place, */
	int			 big_rows;	/* 0: none this frame */
	int64_t			 rang;		/* the deadline the bell rang
						 * for */
};

/* "Ana Pérez (Community)" as last made for a person (tui_item_author),
 * and what it was made from: it is made again when the name, the group
 * or the language is not what it was. */
struct author_label {
	char		*text;		/* sanitised; NULL: not made */
	char		*prefix;	/* "Ana Pérez (Community): " */
	char		*name;		/* the person's name then, as typed */
	char		*group_name;	/* the group's, or NULL */
	char		*format;	/* the language's "%s: " then */
	uint32_t	 group;
};

struct tui {
	uv_loop_t		*loop;
	struct tui_callbacks	 cb;
	void			*ctx;
	uv_poll_t		 poll;
	uv_signal_t		 winch;
	uv_prepare_t		 prepare;
	int			 open_handles;	/* freed when it reaches 0 */
	bool			 closing;
	int			 stdin_flags;	/* uv_poll sets O_NONBLOCK */
	int			 frame_fd;	/* a frame collects here, or -1 */
	int			 tty_fd;	/* the terminal, while it does */
	int			 in_fd;		/* keys come from here */
	bool			 remote;	/* term: not our own terminal */
	struct tui_term		 term;
	FILE			*ofp, *ifp;	/* curses' files, if remote */
	SCREEN			*screen;
	bool			 colors;
	int			 empty_wakeups;

	const struct workshop	*ws;		/* not owned; NULL: no room */
	uint32_t		 self;

	char			*join_line;	/* owned */
	char			*join_first;	/* its first way; owned */
	char			*room_key;	/* SSH fingerprint; owned */
	char			*status;	/* owned */
	char			*notice;	/* owned */
	bool			 dirty;
	bool			 caucus_shown;	/* projector: notes shown (v) */
	char			*fac_code;	/* owned; serving terminal */
	bool			 stale;		/* rows need a rebuild */
	bool			 pasting;	/* inside a bracketed paste */
	bool			 after_send;	/* input sent in this read */
	bool			 burst;		/* more keys behind this one */
	bool			 batch;		/* one of several keys read at
						 * once (typed too fast for a
						 * person's single key) */

	enum tui_mode		 mode;
	enum tui_mode		 confirm_from;	/* the mode "Leave the room?"
						 * goes back to on n */

	/* Asking before the room exists. */
	enum tui_ask		 ask;		/* 0: not asking */
	char			*ask_message;	/* owned */
	char			**choices;	/* owned, NULL-terminated */
	size_t			 nchoices;
	size_t			 choice;

	/* The input line, the text box or the one-key question. */
	struct editor		 ed;
	enum input_for		 input_for;
	int			 input_phase;	/* phase when it was opened */
	size_t			 input_step;	/* and the template's step */
	uint32_t		 input_ref;
	int32_t			 input_value;
	char			*input_prompt;	/* owned */
	struct setup		 setup;

	/* The poll panel above the body. */
	struct panel_line	*panel;
	size_t			 npanel, panel_cap;
	uint32_t		 panel_poll;	/* poll shown, 0 none */
	uint32_t		 panel_reasons;	/* revealed check whose
						 * reasons it shows whole
						 * (the list leaves them to
						 * it), 0 none */
	uint32_t		 panel_after;	/* polls up to this id closed
						 * before a phase change */
	int			 panel_y;
	int			 box_y, box_h;	/* the text box, when open */

	/* The phase body. */
	struct rows		 rows;
	struct rowcache		 rowcache;	/* items' lines, build to
						 * build */
	const struct poll	*build_poll;	/* the open poll, during a
						 * build */
	uint32_t		*checks;	/* from a build to the next:
						 * the checks on items (poll
						 * indexes) by item */
	size_t			 nchecks;
	uint32_t		*merged;	/* from a build to the next:
						 * (into, id) pairs in order */
	size_t			 nmerged;
	struct author_label	*labels;	/* by person, kept as long
						 * as the tui: checked at
						 * each use */
	size_t			 nlabels;
	int			 rows_phase;	/* phase of the rows */
	uint32_t		 rows_question;	/* ws->question then */
	int			 rows_width;
	uint32_t		 sel;		/* selected item id, 0 none */
	size_t			 top;		/* first scrolled unit shown */
	size_t			 top_row;	/* its first row shown */
	bool			 free_scroll;	/* paged off the selection */
	bool			 follow;	/* End pressed: the selection
						 * stays on the last item as
						 * items come */
	bool			 arrived;	/* the room's newest item took
						 * the selection (build) */
	bool			 jumped;	/* top was set by a jump: the
						 * page may end in blank rows */
	size_t			 jump_page;	/* the page's rows then */
	size_t			 jump_rows;	/* and the rows from top */
	size_t			 own_seen;	/* the room's items when this
						 * person's newest was last
						 * looked for */
	bool			 sel_chosen;	/* sel by a key, or what they
						 * wrote: not the default */
	int			 body_y, body_h, body_x, body_w;
	size_t			 help_top;	/* first help line shown */
	bool			 help_more;	/* the help scrolls */
	const char		*help_at;	/* the start of a heading of the
						 * help (untranslated, "#Action
						 * card") it opens at, or NULL */

	/* The overlay: what it lists and which entry is selected (a person,
	 * a group or a point of order, by id: ids stay valid). */
	enum tui_overlay	 overlay;
	uint32_t		 ov_sel;
	uint32_t		 ov_person;	/* OVERLAY_MOVE: who moves */
	size_t			 ov_top;	/* first overlay line shown */

	/* A matrix phase (matrix.c): the selected cell's row and column
	 * (items of the phase's matrix; another phase's: its first). */
	uint32_t		 mx_row, mx_col;

	/* Framing and vision: the statement a facilitator is merging into
	 * another (m), while they select the one it joins; 0 none. */
	uint32_t		 merging;

	/* The action card (actions.c): the action, the first line shown,
	 * and the owner pickers' entry (a person, or a group's id with
	 * the high bit set). */
	uint32_t		 card;
	size_t			 card_top;
	uint32_t		 card_pick;
	uint32_t		 card_milestone; /* 1-9: which, 0-based */
	uint32_t		 card_poll;	/* the newest poll when it
						 * opened */
	uint32_t		 points_upto;	/* the serving screen shows
						 * points of order up to this
						 * item (what its y/n said) */
	uint32_t		 points_asked;	/* the newest item when the
						 * y/n was asked: what y
						 * agrees to */

	/* A key refused in browse: until the person pauses, what they
	 * type is taken for text meant for a prompt, not for commands
	 * (uv_now() of the last such key; 0 none). */
	bool			 room_closed;	/* any key leaves */
	bool			 lang_key;	/* L / F2 switch the language
						 * (an SSH screen) */
	char			*reason_sent;	/* a reason on its way, kept
						 * until the room takes it */
	uint32_t		 reason_poll;
	int			 notice_phase;	/* the phase a notice was said
						 * in, -1 outside the room */
	uint32_t		 notice_poll;	/* and the room's open poll
						 * then (0: none) */
	uint32_t		 reason_told;	/* a newer check said, while a
						 * reason is typed */
	/* What was last sent from a text input that makes an item (a
	 * contribution, a report-back, a question, a point of order), kept
	 * to be given back if the room refuses it (typed_refused). */
	char			*typed_sent, *typed_prompt;
	int			 typed_for;	/* enum input_for */
	uint32_t		 typed_ref;
	int32_t			 typed_value;
	bool			 typed_box;
	size_t			 typed_max, typed_items;
	int			 typed_phase;	/* where it was typed */
	size_t			 typed_step;
	uint64_t		 typed_at;
	char			*edit_sent;	/* an edit on its way, kept to
						 * be offered back if refused
						 * (tui_keep_edit) */
	uint32_t		 edit_item;
	int			 edit_field;	/* 0: its text; else the
						 * action's ACTION_* */
	uint64_t		 edit_at;
	uint64_t		 reason_at;
	uint64_t		 typing_guard;
	uint32_t		 guard_scene;	/* phase and open poll then */
	uint64_t		 browse_key;	/* uv_now() of the last printable
						 * browse key; 0 after others */
	bool			 acted;		/* this key sent or changed
						 * something */

	struct tui_clock	 clock;		/* timebox.c */
};

/* True when the viewer runs the room (facilitator or co-facilitator). */
bool	tui_is_facilitator(const struct tui *);
/* Whether the join prompt asks to pick one of its choices. */
bool	tui_asks_choice(const struct tui *);
/* Text typed into an edit of item (field 0: its text; else an action's
 * ACTION_* field), about to be sent: should the room refuse it (the item
 * merged or agreed meanwhile), it is offered back, not lost. */
void	tui_keep_edit(struct tui *, uint32_t item, int field,
	    const char *text);
/* Hands an intent to the caller; text is borrowed for the call. */
void	tui_send(struct tui *, int type, uint32_t ref, int32_t value,
	    int32_t value2, uint32_t flags, char *text);
/* Opens the input line (MODE_INPUT), the text box (MODE_BOX) or a
 * one-key question (MODE_KEY) for what; takes prompt. */
void	tui_open_mode(struct tui *, enum tui_mode, enum input_for what,
	    uint32_t ref, char *prompt, size_t max);
/* Closes the input line, the text box or the one-key question. */
void	tui_close_input(struct tui *);
/* Builds t->rows for the current phase if they are stale. */
void	tui_views_build(struct tui *);
/* Lays out and draws the whole screen. */
void	tui_views_draw(struct tui *);
void	tui_views_free(struct tui *);
/* Number of body lines available to scrolled rows. */
size_t	tui_views_page(const struct tui *);
/* The selection moves to the next (step 1) or previous (-1) item. */
void	tui_views_step(struct tui *, int step);
/* PgDn (1), PgUp (-1): a page of rows; the selection follows into view
 * (false: it stayed where it was, and in view). */
bool	tui_views_page_by(struct tui *, int dir);
/* Home, End: the first or the last item, and its page (Home: the top
 * page, the item in view or not). */
void	tui_views_end(struct tui *, bool last);
/* For the views outside views.c: adds a row (takes text, sanitised and
 * fitting the body), and whether the viewer is shown an item. */
struct row *tui_rows_add(struct tui *, char *text, int attr, uint32_t item);
/* Adds text wrapped at the body width as rows of item (0: none): prefix
 * drawn bold, text sanitised here, suffix as is; and a blank row. */
void	 tui_add_text(struct tui *, int indent, const char *prefix,
	    const char *text, const char *suffix, int attr, uint32_t item);
/* Whether the phase's list shows a revealed check's reasons beneath its
 * item (an action's or a lesson's does not): the panel may leave to it
 * those it has no room for. */
bool	 tui_reasons_listed(const struct tui *, const struct poll *);
/* The same, its lines after the first under the text however wide the
 * prefix (a number and marks), up to half the width. */
void	 tui_add_entry(struct tui *, int indent, const char *prefix,
	    const char *text, int attr, uint32_t item);
void	 tui_add_blank(struct tui *);
/* The entries of a matrix cell (row, col), as a lazy list of the row's
 * entries in that column: "Ana Pérez (Community): text".  Returns
 * whether the viewer is shown one. */
bool	 tui_add_cell(struct tui *, uint32_t row, uint32_t col, int indent);
bool	 tui_item_shown(const struct tui *, const struct item *);
/* The room's open poll (model_open_poll), found once per build. */
const struct poll *tui_open_poll(const struct tui *);
/* Who wrote an item as this viewer may be shown it: "Ana Pérez
 * (Community)", or "" for seed content and, under the Chatham House
 * Rule, for anyone but the viewer (the serving terminal holds every
 * name).  Sanitised; caller frees. */
char	*tui_item_author(const struct tui *, const struct item *);
/* The same followed by the language's ": " ("" when it is ""), as
 * contributions are shown; valid until the next call for an item. */
const char *tui_item_prefix(const struct tui *, const struct item *);
/* An item's text as the reader sees it: the template's words (seed
 * content) in the screen's language, anyone else's as typed (content.c).
 * The tui may be NULL: the screen's language is the process's. */
const char *tui_seed_text(const struct tui *, const struct item *);
/* Phase i's title and prompt (NULL: none), and a scale's point's label
 * and meaning (NULL: none), from the template, in the screen's language
 * (content.c).  Static or the room's: not to be freed. */
const char *tui_step_title(const struct tui *, size_t i);
const char *tui_step_prompt(const struct tui *, size_t i);
const char *tui_point_label(const struct tui *, const struct poll *,
	    int point);
const char *tui_point_meaning(const struct tui *, const struct poll *,
	    int point);
/* The text a poll shows (the version decided, the question), in the
 * screen's language while it is a template item's own (content.c). */
const char *tui_poll_text(const struct tui *, const struct poll *);
/* Whether a report-back is the viewer's group's. */
bool	 tui_report_ours(const struct tui *, const struct item *);
/* "Chatham House Rule", "Off the record", "Open". */
const char *tui_conf_label(int conf);
/* "1st", "2nd", "3rd", "4th" ... in buf, in the language of messages
 * ("1er", "2e"; "1.º") (ordinal.c). */
const char *tui_ordinal(uint64_t n, char *buf, size_t size);
/* The viewer's place in the speaking queue (1 first), 0 when their hand
 * is down. */
size_t	 tui_queue_place(const struct tui *);
/* Points of order the facilitators have not yet answered. */
size_t	 tui_points_waiting(const struct workshop *);

/* The number of a charter section ("4.6") from its code. */
const char *tui_section_number(uint32_t code, char *buf, size_t size);
/* "Ana Pérez (Community)", sanitised; "" for nobody.  Caller frees. */
char	*tui_person_label(const struct workshop *, uint32_t who, uint32_t gid);
/* "label: text" as the screen's language writes it ("label : text" in
 * French).  Caller frees. */
char	*tui_labelled(const char *label, const char *text);
/* People of role present. */
size_t	 tui_count_present(const struct workshop *, int role);
/* Draws s, ending in "…" when it does not fit; returns columns used. */
int	 tui_put_trunc(int y, int x, int cols, const char *s, int attr);

/* The big letters of the join code, the questions and the clock
 * (bigfont.c): each character five columns wide and five rows high, one
 * column between, two for a space; an accented letter is its base
 * letter with the accent on a row above (a cedilla below). */
#define TUI_BIG_ABOVE	1	/* a row of accents above the letters */
#define TUI_BIG_BELOW	2	/* a row of cedillas below them */
/* The five rows of cp ('#' and ' '), without its accent; NULL when the
 * font lacks it. */
const char *const *tui_big_glyph(uint32_t cp);
/* Whether the font has every character of s (ASCII only). */
bool	 tui_big_ok(const char *s);
/* Which rows besides the five s needs: TUI_BIG_ABOVE, TUI_BIG_BELOW. */
int	 tui_big_marks(const char *s);
/* Row r of s (UTF-8 the font has): -1 the accents above, 0-4 the
 * letters, 5 the cedillas below (caller frees). */
char	*tui_big_row(const char *s, int r);
/*
 * Splits text (sanitised) into at most max lines of big letters, each at
 * most width columns: a letter takes 6 columns, a space between words 3.
 * False when the font lacks a character or it does not fit.  The lines go
 * to lines[0..*n-1] (caller frees).
 */
bool	 tui_big_split(const char *text, int width, char **lines, int max,
	    int *n);

/* Draws s (n bytes) on line y from column x in at most cols columns (s
 * must be sanitised); returns the columns used. */
int	tui_put(int y, int x, int cols, const char *s, int attr);
int	tui_putn(int y, int x, int cols, const char *s, size_t n, int attr);
/* Blanks cols cells in attr. */
void	tui_fill(int y, int x, int cols, int attr);
/* What each line was drawn with (views.c): before the frame goes to
 * curses, the lines drawn as in the frame before are marked unchanged;
 * forgotten when curses's screen is new or resized; freed at the end. */
void	tui_lines_end(void);
void	tui_lines_forget(void);
void	tui_lines_free(void);
/* Frees the authors' labels (at the end of the tui). */
void	tui_labels_forget(struct tui *t);

/* --- panel.c: the poll panel --------------------------------------------- */

/* The poll the panel shows, or NULL. */
const struct poll *tui_panel_poll(const struct tui *);
/* The open poll the viewer answers with 1-4: their caucus's check on its
 * report-back, else the room's open poll; NULL when none. */
const struct poll *tui_voting_poll(const struct tui *);
/* The latest check of a group on report id, or NULL. */
const struct poll *tui_report_poll(const struct workshop *, uint32_t id);
const struct poll *tui_poll_unrevealed(const struct tui *);
bool	tui_result_withheld(const struct tui *, const struct poll *);
void	 tui_caucus_hidden(const struct tui *, size_t *notes,
	    size_t *reports, size_t *groups);
/* A report-back's approval: true with "yes of members" when its group
 * approved it. */
bool	tui_report_approval(const struct workshop *, const struct item *,
	    uint32_t *yes, uint32_t *members);
/* Builds the panel's lines for width columns over a body of body lines:
 * a third of it at most, two thirds for a revealed check's reasons. */
void	tui_panel_build(struct tui *, int width, int body);
void	tui_panel_draw(struct tui *, int y, int x, int width);
void	tui_panel_free(struct tui *);
/* "●● " or "○ " before an item of the open dot vote, for a participant;
 * NULL otherwise.  Caller frees. */
char	*tui_dot_mark(const struct tui *, uint32_t item);
/* The reasons of a revealed consensus check's blocks, then
 * reservations, one sanitised line each ("block — José Núñez (Police):
 * …", nameless where the check is); *out and its strings are the
 * caller's to free.  0 (and *out NULL) for any other poll. */
size_t	 tui_poll_reasons(const struct tui *, const struct poll *,
	    char ***out);
/* "22 Nov" (or "22 Nov 2025" with year), UTC, in buf. */
const char *tui_date(int64_t when, bool year, char *buf, size_t size);
/* When a check was taken, as the export says it (model_when): once the
 * room has met more than once, "meeting 2, 2027-03-04", with the day it
 * was recorded when that is another; before, "22 Nov" ("22 Nov 2025"
 * with TUI_WHEN_YEAR).  how: MODEL_WHEN_AT and TUI_WHEN_YEAR.  buf of
 * 64 bytes or more. */
#define TUI_WHEN_YEAR	0x100
const char *tui_when(const struct workshop *, uint32_t meeting,
	    int64_t when, int how, char *buf, size_t size);

/* --- actions.c: the action plan and the action card --------------------- */

/* The action plan's rows (Action plans, Follow-up): a heading, then a
 * table in plan order; each action's row selects it. */
void	tui_actions_table(struct tui *);
/* w in Action plans: the input line for a new action. */
void	tui_action_propose(struct tui *);
/* Whether the selection is an action (Enter opens its card). */
bool	tui_action_selected(const struct tui *);
/* Opens the selected action's card. */
void	tui_card_open(struct tui *);
/* Whether the card or one of its pickers is open: they take the keys and
 * the body. */
bool	tui_card_shown(const struct tui *);
/* Closes the card when its action is gone or the room left Action plans
 * and Follow-up. */
void	tui_card_check(struct tui *);
void	tui_card_key(struct tui *, int code, wint_t ch);
void	tui_card_draw(struct tui *);
/* Enter on the INPUT_ACTION line (text trimmed, borrowed): checked, then
 * sent; a mistake keeps the line open.  A key for its one-key question. */
void	tui_action_input(struct tui *, const char *text);
/* Is the one-key question on the input line an action's y/n (a
 * milestone done), not its status 1-4? */
bool	tui_action_asks_yes(const struct tui *);
void	tui_action_choice(struct tui *, int code, wint_t ch);

/* --- followup.c: framing and vision, follow-up, meetings ---------------- */

/* Today's date (YYYYMMDD), local time: a meeting is dated where it is
 * held. */
int32_t	 tui_today(void);
/* A statement's number in Framing and vision ("#3"): problem and vision
 * statements count together, in the order they were written; 0 for
 * anything else. */
uint32_t tui_statement_number(const struct workshop *, uint32_t id);
/* "Start meeting 3 dated 2026-11-27? Enter: yes (or type another date)
 * · Esc: no", for the line above the date.  Caller frees. */
char	*tui_meeting_question(const struct tui *);
/* "merge #4 into: select the statement it joins and press Enter, Esc
 * cancels", while merging.  Caller frees. */
char	*tui_merge_prompt(const struct tui *);
/* The keys of this screens (tui.c hands them over).  f: a problem
 * statement; m in Framing and vision: a merge; e in Framing and vision
 * and Follow-up: new text; E: an exit proposal; N in Follow-up: the next
 * review date; M: a new meeting. */
void	 tui_key_problem(struct tui *);
void	 tui_key_merge(struct tui *);
void	 tui_key_item_edit(struct tui *);
void	 tui_key_exit(struct tui *);
void	 tui_key_next_review(struct tui *);
void	 tui_key_meeting(struct tui *);
/* While merging: true when the key was taken (Enter, Esc, anything but
 * moving the selection). */
bool	 tui_merge_key(struct tui *, int code, wint_t ch);
/* MODE_KEY INPUT_EXIT_KIND: 1, 2 or 3. */
void	 tui_exit_kind_key(struct tui *, int code, wint_t ch);
/* Enter on the input line opened for one of the above; true when it was
 * one of them (text is the trimmed line, borrowed). */
bool	 tui_followup_send(struct tui *, char *text);
/* The serving terminal opened a record whose meeting is an earlier
 * day's: say how to start today's. */
void	 tui_meeting_notice(struct tui *);

/* --- timebox.c: the timebox and the speaking turn on screen ------------ */

/* The tick's handle (counted in open_handles; tui_free closes it). */
void	 tui_clock_init(struct tui *);
/* Around a whole frame: before, the spots are forgotten; after, the bell
 * rings if time just ran out (facilitators, bell on) and the tick is
 * set for the next second of the room's clock while what is shown moves
 * (stopped otherwise: nothing runs at rest). */
void	 tui_clock_begin(struct tui *);
void	 tui_clock_end(struct tui *);
void	 tui_show(struct tui *);
/* Columns the spot's text takes now (CLOCK_HEAD, CLOCK_TURN); 0 when
 * there is nothing to show. */
int	 tui_clock_width(const struct tui *, int kind);
/* Draws the spot's text at (y, x) in w columns and keeps the spot. */
void	 tui_clock_put(struct tui *, int kind, int y, int x, int w);
/* Lines the big countdown takes at the top of a body of body_w x body_h
 * (the serving screen, a timer on, room for it): CLOCK_BIG_ROWS or 0. */
int	 tui_clock_big_rows(const struct tui *, int body_w, int body_h);
/* T: the timer's keys (facilitators), one key each; a line for minutes. */
void	 tui_key_timer(struct tui *);
void	 tui_timer_key(struct tui *, int code, wint_t ch);
/* Enter on one of the clock's lines; true when it was one (text
 * borrowed). */
bool	 tui_timer_send(struct tui *, const char *text);
/* The key bar while the timer's keys are asked; n hints at most. */
size_t	 tui_timer_hints(const struct tui *, const char **keys,
	    const char **labels, size_t n);
/* --- matrix.c: a matrix phase ------------------------------------------- */

/* The body of a matrix phase: the grid of the phase's rows and columns,
 * each cell with how many entries it has and the first words (or, when
 * the grid does not fit the screen's width, the selected row as a list
 * of its columns), then the selected cell's entries whole. */
void	 tui_matrix_build(struct tui *);
/* A key in a matrix phase: the arrows move between cells, w and Enter
 * write into the selected cell, e edits and x withdraws the selected
 * entry, v shows a private matrix's entries on the serving screen.
 * False when the key is none of these (j/k select an entry, PgUp/PgDn
 * scroll, as everywhere). */
bool	 tui_matrix_key(struct tui *, int code, wint_t ch);
/* Where an entry typed now goes: *ref the selected cell's row, *col its
 * column, and the prompt (caller frees).  False, with a notice, when the
 * matrix has no cell. */
bool	 tui_matrix_target(struct tui *, uint32_t *ref, int32_t *col,
	    char **prompt);
/* Whether the room is in a matrix phase whose cells are each group's
 * own (the template's "Private: yes"). */
bool	 tui_matrix_private(const struct tui *);

/* A heading in the phase body (a blank row before it but at the top). */
void	 tui_add_heading(struct tui *, const char *);

/* --- indicators.c: indicators, their scores, proposed questions --------- */

/* The body of an indicators phase; the trend lines of Follow-up. */
void	 tui_indicators_build(struct tui *);
void	 tui_indicators_trend(struct tui *);
/* s, b and t in an indicators phase (a score, a baseline, a target) and
 * Q in a dialogue phase (a proposed question): true when the key was
 * taken. */
bool	 tui_indicators_key(struct tui *, int code, wint_t ch);
/* w in a dialogue phase that takes proposals while no question is put
 * to the room: true when it opened the line for a proposed question. */
bool	 tui_propose_question(struct tui *);
/* Enter on INPUT_INDICATOR or INPUT_PROPOSE_QUESTION; true when it was
 * one of them (text is the trimmed line, borrowed). */
bool	 tui_indicators_send(struct tui *, char *text);
/* Asks "named or anonymous?" for the poll set up in t->setup, then opens
 * it (tui.c). */
void	 tui_ask_poll(struct tui *);

/* --- overlay.c: the people and the points of order ----------------------- */

/* Opens an overlay (facilitators); a notice when there is nothing. */
void	tui_overlay_open(struct tui *, enum tui_overlay);
void	tui_overlay_key(struct tui *, int code, wint_t ch);
/* Draws the open overlay over the body. */
void	tui_overlay_draw(struct tui *);
/* Phase i of the agenda in one line ("3. Expectations  09:40  20 min
 * done at 09:52, 12 min"), sanitised; caller frees.  And the day's start
 * typed as HH:MM into minutes after midnight (-1: empty), or -2. */
char	*tui_agenda_line(const struct tui *, size_t i);
int	 tui_agenda_parse(const char *);

#endif
