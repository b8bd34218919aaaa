/*
 * tui-internal.h - what the TUI's files share: the screen state, the input
 * line editor and the row list the phase views are drawn from.
 *
 * Invariants: the row list holds copies of sanitised text (never pointers
 * into the workshop), so it may outlive a change of the room until the next
 * rebuild; the selection is remembered as an item id, which stays valid
 * because items are never removed; the editor's buffer always holds valid
 * UTF-8 without control characters and the cursor sits on a character
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

/* --- editor.c: one line of UTF-8 input ------------------------------------ */

struct editor {
	char	 buf[MODEL_TEXT_MAX + 1];
	size_t	 len;		/* bytes in buf */
	size_t	 cur;		/* cursor, a byte offset on a character start */
	size_t	 scroll;	/* first byte shown (horizontal scrolling) */
	size_t	 max;		/* most bytes accepted */
};

enum editor_result {
	EDITOR_NONE = 0,	/* nothing to do (or the key was ignored) */
	EDITOR_CHANGED,		/* text or cursor moved: redraw */
	EDITOR_SEND,		/* Enter */
	EDITOR_CANCEL,		/* Esc */
	EDITOR_FULL,		/* a character did not fit under max */
};

void	tui_editor_reset(struct editor *, size_t max);
/* One key from wget_wch: code is its return (OK or KEY_CODE_YES).  Within
 * a bracketed paste a newline becomes a space instead of Enter. */
int	tui_editor_key(struct editor *, int code, wint_t ch, bool pasting);
/* Draws prompt and text on line y from column x, width cols; returns the
 * cursor's column. */
int	tui_editor_draw(struct editor *, int y, int x, int cols,
	    const char *prompt, int prompt_attr);

/* --- views.c: rows, layout and drawing ----------------------------------- */

/* One screen line of a phase body. */
struct row {
	char		*text;		/* sanitised, fits the body width */
	int		 attr;		/* curses attributes */
	size_t		 emph;		/* leading bytes drawn bold (a name) */
	uint32_t	 item;		/* item it shows (selectable), or 0 */
};

struct rows {
	struct row	*v;
	size_t		 n, cap;
	size_t		 nfixed;	/* rows 0..nfixed-1 stay on top */
};

enum tui_mode {
	MODE_BROWSE = 0,
	MODE_INPUT,		/* the input line is open */
	MODE_CONFIRM,		/* "Leave the room? y/n" */
	MODE_HELP,
};

/* What the open input line is for. */
enum input_for {
	INPUT_CONTRIBUTE = 1,
	INPUT_GROUP,
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
	SCREEN			*screen;
	bool			 colors;
	int			 empty_wakeups;

	const struct workshop	*ws;		/* not owned; NULL: no room */
	uint32_t		 self;

	char			*join_line;	/* owned */
	char			*status;	/* owned */
	char			*notice;	/* owned */
	bool			 dirty;
	bool			 caucus_shown;	/* projector: notes shown (v) */
	bool			 stale;		/* rows need a rebuild */
	bool			 pasting;	/* inside a bracketed paste */
	bool			 after_send;	/* input sent in this read */
	bool			 burst;		/* more keys behind this one */

	enum tui_mode		 mode;

	/* Asking before the room exists. */
	enum tui_ask		 ask;		/* 0: not asking */
	char			*ask_message;	/* owned */
	char			**choices;	/* owned, NULL-terminated */
	size_t			 nchoices;
	size_t			 choice;

	/* The input line. */
	struct editor		 ed;
	enum input_for		 input_for;
	int			 input_phase;	/* phase when it was opened */
	uint32_t		 input_ref;
	char			*input_prompt;	/* owned */

	/* The phase body. */
	struct rows		 rows;
	int			 rows_phase;	/* phase of the rows */
	uint32_t		 rows_question;	/* ws->question then */
	int			 rows_width;
	uint32_t		 sel;		/* selected item id, 0 none */
	size_t			 top;		/* first scrolled row shown */
	bool			 free_scroll;	/* paged off the selection */
	int			 body_y, body_h, body_x, body_w;
};

/* True when the viewer runs the room (facilitator or co-facilitator). */
bool	tui_is_facilitator(const struct tui *);
/* Builds t->rows for the current phase if they are stale. */
void	tui_views_build(struct tui *);
/* Lays out and draws the whole screen. */
void	tui_views_draw(struct tui *);
void	tui_views_free(struct tui *);
/* Row index range [*first, *last] of item id in the scrolled rows; false
 * when it is not there. */
bool	tui_views_find(const struct tui *, uint32_t id, size_t *first,
	    size_t *last);
/* Number of body lines available to scrolled rows. */
size_t	tui_views_page(const struct tui *);

/* Draws s on line y from column x in at most cols columns (s must be
 * sanitised); returns the columns used. */
int	tui_put(int y, int x, int cols, const char *s, int attr);

#endif
