/*
 * tui.h - the terminal screens of the facilitator and of participants.
 *
 * One ncursesw screen on standard input/output, driven by the caller's
 * libuv loop: stdin is watched with a uv_poll_t and read with wget_wch
 * until it has nothing; SIGWINCH comes through a uv_signal_t; the screen is
 * drawn from a uv_prepare_t, once per loop turn, and only when something
 * marked it dirty.  Nothing runs at rest.
 *
 * The TUI reads the workshop (never changes it) and turns keys into
 * intents handed to the caller; it knows nothing of sockets or msgpack.
 * Text from the network is sanitised before it reaches the terminal.
 */
#ifndef ROUNDTABLE_TUI_H
#define ROUNDTABLE_TUI_H

#include <stdbool.h>
#include <uv.h>

#include "model.h"

struct tui;

/* What the TUI asks of the person before they are in the room. */
enum tui_ask {
	TUI_ASK_CODE = 1,	/* join code: free text */
	TUI_ASK_NAME = 2,	/* their name: free text */
	TUI_ASK_GROUP = 3,	/* pick one of the choices */
	TUI_ASK_WHO = 4,	/* pick one of the choices: whether the
				 * person a key brings back is the one at
				 * the keyboard */
};

struct tui_callbacks {
	/* The person asked for something.  The intent and its strings belong
	 * to the TUI and live only during the call. */
	void	(*intent)(void *ctx, const struct intent *);
	/* An answer to tui_ask(); text lives only during the call. */
	void	(*answer)(void *ctx, enum tui_ask, const char *text);
	/* The person wants to leave (facilitator: after confirming). */
	void	(*quit)(void *ctx);
};

/*
 * Starts curses on the terminal.  ws may be NULL until the room is known
 * (a joiner before the welcome).  self is the viewer's participant id.
 * Returns NULL with a message on stderr when there is no usable terminal.
 */
struct tui	*tui_new(uv_loop_t *loop, const struct tui_callbacks *cb,
		    void *ctx);
/*
 * A terminal that is not this process's own (an SSH participant's): keys
 * are read from in_fd, each frame goes to write() whole, and the size is
 * cols x rows until tui_resize() says otherwise.
 */
struct tui_term {
	int	 in_fd;
	int	 cols, rows;
	void	(*write)(void *ctx, const char *buf, size_t len);
	void	*ctx;
};
struct tui	*tui_new_on(uv_loop_t *loop, const struct tui_callbacks *cb,
		    void *ctx, const struct tui_term *term);
/* Whether terminal type name has a terminfo entry that can place the
 * cursor anywhere on the screen ("dumb" cannot: nothing can be drawn). */
bool		 tui_term_can_address(const char *name);
/* The terminal of tui_new_on() is now cols x rows. */
void		 tui_resize(struct tui *, int cols, int rows);
/* Ends curses and closes the handles (freed in their close callbacks:
 * run the loop once more after this). */
void		 tui_free(struct tui *);

/* The room to show, and who is looking.  ws must outlive its use here. */
void		 tui_set_room(struct tui *, const struct workshop *ws,
		    uint32_t self);
/* State changed: redraw before the loop sleeps. */
void		 tui_dirty(struct tui *);

/* Facilitator screen: the line that tells people how to join, e.g.
 * "Join: ssh -p 7422 192.168.1.20   or: roundtable join ... --code
 * KXM-47P", and its first way alone ("ssh -p 7422 192.168.1.20"), which
 * a projector too narrow for the line shows with the join code.
 * Copied. */
void		 tui_set_join_line(struct tui *, const char *line,
		    const char *first);
/* Serving terminal: the co-facilitators' code (roundtable join
 * --facilitator-code CODE), shown in Welcome and the help until h hides
 * it.  Copied; NULL for none. */
/* The room's SSH key fingerprint, shown beside how to join, so people
 * can check they reached this room. */
void		 tui_set_room_key(struct tui *, const char *fingerprint);
void		 tui_set_fac_code(struct tui *, const char *code);
/* An SSH participant's screen, which runs in a process of its own: L
 * (F2 while a code or a name is typed) switches its language, English,
 * French, Spanish in turn, and the help says so.  Off by default: a
 * `roundtable join` has --lang, the serving screen its user's locale. */
void		 tui_set_language_key(struct tui *, bool on);
/* Connection state for the status line ("reconnecting…"), or NULL when
 * connected.  Copied. */
void		 tui_set_status(struct tui *, const char *);
/* The room has closed: says so on the status line (copied), and any key
 * then leaves (the quit callback, without asking).  Returns what the
 * person was typing and can no longer send (malloc'd), or NULL. */
char		*tui_room_closed(struct tui *, const char *);
/* Ctrl-C (SIGINT): asks "Leave the room? y/n" as q does, keeping what is
 * being typed for an n; a second Ctrl-C while it asks leaves. */
void		 tui_interrupt(struct tui *);
/* What the person is typing (an input line or the text box, also under
 * a "Leave the room?" asked over it), malloc'd, or NULL. */
char		*tui_typing(const struct tui *);
/* The room's clock minus this machine's, in milliseconds (a joiner:
 * from the welcome and the heartbeat; 0, the default, on the serving
 * terminal): the timebox is counted in the room's time. */
void		 tui_set_clock_offset(struct tui *, int64_t offset_ms);
/* A message for the person, shown until the next key (errors from the
 * server: "only the facilitator can move the room to another phase").
 * Copied. */
void		 tui_notice(struct tui *, const char *);
/* A refusal of what the person just did, shown as tui_notice; the keys
 * they go on typing without a pause are taken for text meant for a
 * prompt that did not open, not for commands.  Copied. */
void		 tui_refused(struct tui *, const char *);

/* Asks the person for something before joining; message explains why
 * (may be NULL: "wrong join code, try again").  choices (NULL-terminated,
 * copied) for TUI_ASK_GROUP and TUI_ASK_WHO. */
void		 tui_ask(struct tui *, enum tui_ask, const char *message,
		    const char *const *choices);
/* What the screen is asking for now (0: nothing). */
enum tui_ask	 tui_asking(const struct tui *);
/* The choices of a TUI_ASK_GROUP being asked, again (copied); the one
 * selected stays selected. */
void		 tui_ask_choices(struct tui *, const char *const *choices);
/* Offers text as the answer being asked for: Enter takes it, typing
 * replaces it, Backspace, the arrows, Home and End edit it. */
void		 tui_ask_fill(struct tui *, const char *text);

#endif
