/*
 * sshtty.c - an SSH participant's terminal, for the screen that runs in
 * the session's own process.
 *
 * The screen is curses on a terminal it does not own: what the person
 * types arrives on the channel and is put in a pipe the screen reads as
 * its keyboard; each frame the screen draws goes to the channel in one
 * write; a window change resizes the screen.  The SSH connection is
 * watched on the screen's libuv loop, so one process and one loop serve
 * the participant: no pseudo-terminal, no second process woken for every
 * screen update, and no copy between them.
 *
 * Bounded: typed bytes the pipe has not taken are held up to TTY_HOLD_MAX;
 * past that they wait in libssh, whose window stops the peer (a 1 MB
 * paste goes through at the speed the screen reads it).
 *
 * The connection's end (the person's ssh closed, the network dropped)
 * is told once, from a timer, never from inside a write the screen is
 * making.
 */
#define _GNU_SOURCE	/* pipe2 */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <libssh/callbacks.h>
#include <libssh/libssh.h>

#include "roundtable/net.h"
#include "roundtable/text.h"
#include "net-internal.h"

#define TTY_HOLD_MAX	(64u * 1024)

struct net_ssh_tty {
	ssh_session	 s;
	ssh_channel	 ch;
	ssh_event	 ev;
	struct ssh_channel_callbacks_struct cb;
	int		 keys[2];	/* the screen reads [0]; we write [1] */
	int		 cols, rows;
	struct chan_hold hold;		/* typed, not in the pipe yet */
	/* on the loop, between start and stop */
	uv_poll_t	 conn;		/* the SSH connection */
	uv_poll_t	 keysw;		/* the pipe, while bytes are held */
	uv_timer_t	 later;
	bool		 started, keysw_on, ended, told;
	void		(*resized)(void *, int, int);
	void		(*gone)(void *);
	void		*ctx;
};

static void	watch_pipe(struct net_ssh_tty *);

static int
clamp(int v, int lo, int hi)
{
	return v < lo ? lo : v > hi ? hi : v;
}

/* Held bytes into the pipe, as many as it takes. */
static void
put_keys(struct net_ssh_tty *t)
{
	chan_hold_put(&t->hold);
	watch_pipe(t);
}

static void
pull_keys(struct net_ssh_tty *t)
{
	if (!t->ended)
		chan_hold_pull(&t->hold, t->ch);
	watch_pipe(t);
}

static void
on_later(uv_timer_t *h)
{
	struct net_ssh_tty *t = h->data;

	if (t->ended && !t->told && t->gone != NULL) {
		t->told = true;
		t->gone(t->ctx);
	}
}

static void
ended(struct net_ssh_tty *t)
{
	t->ended = true;
	if (t->started && !t->told)
		uv_timer_start(&t->later, on_later, 0, 0);
}

static int
on_data(ssh_session s, ssh_channel ch, void *data, uint32_t len,
    int is_stderr, void *userdata)
{
	struct net_ssh_tty *t = userdata;
	uint32_t took;

	(void)s;
	(void)ch;
	(void)is_stderr;
	took = chan_hold_take(&t->hold, data, len);
	watch_pipe(t);
	return (int)took;
}

static void
on_eof(ssh_session s, ssh_channel ch, void *userdata)
{
	(void)s;
	(void)ch;
	ended(userdata);
}

static int
on_winch(ssh_session s, ssh_channel ch, int cols, int rows, int px, int py,
    void *userdata)
{
	struct net_ssh_tty *t = userdata;

	(void)s;
	(void)ch;
	(void)px;
	(void)py;
	t->cols = clamp(cols, 1, NET_SSH_COLS_MAX);
	t->rows = clamp(rows, 1, NET_SSH_ROWS_MAX);
	if (t->started && t->resized != NULL)
		t->resized(t->ctx, t->cols, t->rows);
	return 0;
}

static void
check_ended(struct net_ssh_tty *t)
{
	if (!ssh_is_connected(t->s) || ssh_channel_is_closed(t->ch) ||
	    ssh_channel_is_eof(t->ch))
		ended(t);
}

static void
on_conn(uv_poll_t *h, int status, int events)
{
	struct net_ssh_tty *t = h->data;

	(void)events;
	if (status < 0 || ssh_event_dopoll(t->ev, 0) == SSH_ERROR) {
		uv_poll_stop(&t->conn);
		ended(t);
		return;
	}
	pull_keys(t);
	check_ended(t);
	if (t->ended)
		uv_poll_stop(&t->conn);
}

static void
on_pipe(uv_poll_t *h, int status, int events)
{
	struct net_ssh_tty *t = h->data;

	(void)events;
	if (status < 0) {
		t->hold.fd_done = true;
		t->hold.n = 0;
	}
	put_keys(t);
	pull_keys(t);
}

/* Wait for the pipe only while something waits for it. */
static void
watch_pipe(struct net_ssh_tty *t)
{
	bool want = t->hold.n > 0 && t->started;

	if (want == t->keysw_on)
		return;
	t->keysw_on = want;
	if (want)
		uv_poll_start(&t->keysw, UV_WRITABLE, on_pipe);
	else
		uv_poll_stop(&t->keysw);
}

struct net_ssh_tty *
net_ssh_tty_new(struct ssh_session_struct *s, struct ssh_channel_struct *ch,
    int cols, int rows)
{
	struct net_ssh_tty *t = xcalloc(1, sizeof *t);

	t->s = s;
	t->ch = ch;
	t->cols = cols;
	t->rows = rows;
	if (pipe2(t->keys, O_CLOEXEC) != 0) {
		free(t);
		return NULL;
	}
	fcntl(t->keys[1], F_SETFL, fcntl(t->keys[1], F_GETFL) | O_NONBLOCK);
	chan_hold_init(&t->hold, t->keys[1], TTY_HOLD_MAX);
	t->cb.userdata = t;
	t->cb.channel_data_function = on_data;
	t->cb.channel_eof_function = on_eof;
	t->cb.channel_close_function = on_eof;
	t->cb.channel_pty_window_change_function = on_winch;
	ssh_callbacks_init(&t->cb);
	ssh_set_channel_callbacks(ch, &t->cb);
	t->ev = ssh_event_new();
	if (t->ev == NULL || ssh_event_add_session(t->ev, s) != SSH_OK) {
		net_ssh_tty_free(t);
		return NULL;
	}
	return t;
}

int
net_ssh_tty_keys(const struct net_ssh_tty *t)
{
	return t->keys[0];
}

void
net_ssh_tty_size(const struct net_ssh_tty *t, int *cols, int *rows)
{
	*cols = t->cols;
	*rows = t->rows;
}

/* All of buf to the channel; -1 if it would take no more. */
static int
send_all(ssh_channel ch, const char *buf, size_t len)
{
	int n;

	while (len > 0) {
		n = chan_write(ch, buf, len > UINT32_MAX ? UINT32_MAX :
		    (uint32_t)len);
		if (n <= 0)
			return -1;
		buf += n;
		len -= (size_t)n;
	}
	return 0;
}

void
net_ssh_tty_write(struct net_ssh_tty *t, const char *buf, size_t len)
{
	if (!t->ended && send_all(t->ch, buf, len) != 0)
		ended(t);
	/* Writing read what came meanwhile: keys, a window change, the
	 * end. */
	pull_keys(t);
	check_ended(t);
}

void
net_ssh_tty_say(struct net_ssh_tty *t, const char *words)
{
	if (!ssh_channel_is_closed(t->ch))
		(void)send_all(t->ch, words, strlen(words));
}

int
net_ssh_tty_start(struct net_ssh_tty *t, uv_loop_t *loop,
    void (*resized)(void *, int, int), void (*gone)(void *), void *ctx)
{
	t->resized = resized;
	t->gone = gone;
	t->ctx = ctx;
	if (uv_poll_init(loop, &t->conn, ssh_get_fd(t->s)) != 0)
		return -1;
	t->conn.data = t;
	if (uv_poll_init(loop, &t->keysw, t->keys[1]) != 0 ||
	    uv_timer_init(loop, &t->later) != 0)
		abort();	/* no memory or descriptors: a bug here */
	t->keysw.data = t->later.data = t;
	t->started = true;
	uv_poll_start(&t->conn, UV_READABLE, on_conn);
	/* What was typed before the screen started. */
	pull_keys(t);
	watch_pipe(t);
	check_ended(t);
	if (t->ended)
		uv_timer_start(&t->later, on_later, 0, 0);
	return 0;
}

void
net_ssh_tty_stop(struct net_ssh_tty *t)
{
	if (!t->started)
		return;
	t->started = false;
	t->keysw_on = false;
	t->told = true;
	/* Nothing to free with them: t outlives the loop's last turn. */
	uv_close((uv_handle_t *)&t->conn, NULL);
	uv_close((uv_handle_t *)&t->keysw, NULL);
	uv_close((uv_handle_t *)&t->later, NULL);
}

void
net_ssh_tty_free(struct net_ssh_tty *t)
{
	if (t == NULL)
		return;
	ssh_remove_channel_callbacks(t->ch, &t->cb);
	if (t->ev != NULL) {
		ssh_event_remove_session(t->ev, t->s);
		ssh_event_free(t->ev);
	}
	close(t->keys[0]);
	close(t->keys[1]);
	chan_hold_free(&t->hold);
	free(t);
}
