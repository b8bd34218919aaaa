/*
 * sshhub.c - the SSH connections of the room, many in one process beside
 * the room's: a hub (the door runs NET_SSH_HUBS of them).
 *
 * The door (sshdoor.c, on the room's loop) only accepts; it hands each
 * connection to a hub with the connection's way into the room (a
 * socketpair whose other end the server reads like any connection, with
 * the participant's address).  The hub does the SSH of all it is given on
 * one libuv loop, each session non-blocking: the handshake with the room's
 * host key, any user name and any authentication (remembering a public
 * key, which is how a person is recognised when they come back), and one
 * session channel.  Then either:
 *
 *   - a shell with a terminal: the participant's screen runs in a process
 *     of its own (the screen command, `roundtable ssh-screen`), the same
 *     screen and join flow as `roundtable join`, talking the same protocol
 *     on the room's socketpair; the hub carries its terminal (sshtty.c's
 *     link: what they type and their window's size one way, the screen's
 *     frames the other); or
 *   - the "roundtable" subsystem: `roundtable join` on another machine
 *     speaks the protocol itself, and the hub relays the channel to the
 *     room.
 *
 * So every SSH participant is one more client of the same server code,
 * and what they may see is decided where it is for everyone.  A few
 * processes for the SSH of all are what keep a room of a thousand
 * affordable: a process per connection woke a thousand processes for every
 * contribution (about 10 us of CPU per delivery, the whole machine at 100
 * a second).
 * A person's screen stays a process of their own; a fault in it ends it
 * alone.  What one connection can do to the others is bounded: nothing it
 * sends is waited for (every session is non-blocking), the handshake and
 * authentication must end within NET_SSH_AUTH_SECONDS, a connection that
 * takes nothing of what is written to it for NET_SSH_STALL_SECONDS is
 * dropped (a key exchange it starts and never finishes included), so is
 * one that stays silent and does not answer a keepalive (SILENCE_MS),
 * nothing more is read from one until it has taken what was written to it
 * (libssh answers some requests itself: they would pile up), and what is
 * held for one is bounded both ways (HOLD_MAX towards the room or the
 * screen, one chunk towards the client: past that the other side waits,
 * and libssh's window stops the client; libssh keeps what a client sends
 * past its window, so one that has more than OVERRUN_MAX waiting is
 * dropped).
 * Should a hub itself fail, the room stays up and so do the other hubs'
 * connections: the door starts another, `roundtable join` reconnects on
 * its own and an ssh participant connects again, as after a network
 * drop, and nothing the room recorded is lost.
 */
#define _GNU_SOURCE	/* SOCK_CLOEXEC */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/resource.h>
#include <sys/socket.h>

#include <libssh/callbacks.h>
#include <libssh/libssh.h>
#include <libssh/server.h>

#include "roundtable/i18n.h"
#include "roundtable/net.h"
#include "roundtable/text.h"
#include "net-internal.h"

#define HOLD_MAX	(64u * 1024)	/* channel bytes the fd has not
					 * taken, per session */
#define CHUNK		(32u * 1024)	/* one read towards the channel */
#define SWEEP_MS	1000
/* What libssh may hold for one channel that the hold has not taken: the
 * window it gave (1,280,000 bytes) twice over.  Only a client that sends
 * past its window gets there. */
#define OVERRUN_MAX	(HOLD_MAX + 2560000u)
#define DRAIN_MS	5000	/* to pass on what a client sent before it
				 * left */
/* A client silent this long is asked whether it is still there (an SSH
 * keepalive, which every client answers); one that has not answered
 * this long after is let go. */
#define SILENCE_MS	(NET_SSH_STALL_SECONDS * 1000u / 2)

/* MODE_COMMAND: ssh with a command, which is told the room is not a
 * shell. */
enum mode { MODE_NONE, MODE_SHELL, MODE_PROTOCOL, MODE_COMMAND };
enum state { ST_KEX, ST_AUTH, ST_OPEN, ST_CLOSING };

/*
 * The variables that say the person's language, strongest first.  ssh
 * sends LANG and LC_* where its configuration says SendEnv (Debian's and
 * macOS's ssh_config do; Windows' does not), LANGUAGE only when asked
 * (-o SetEnv=LANGUAGE=fr); glibc's order, except that a LANGUAGE sent
 * is taken even over a C locale (sending it is a choice), and a C or
 * POSIX value is passed over (it names no language).
 */
static const char *const lang_vars[] = {
	"LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG",
};

struct hub;
struct screen;

struct session {
	struct hub		*hub;
	struct session		*prev, *next;
	uint32_t		 id;		/* the door's */
	int			 state;
	ssh_session		 s;
	ssh_channel		 ch;
	ssh_event		 ev;		/* the session alone, after the
						 * key exchange */
	struct ssh_server_callbacks_struct scb;
	struct ssh_channel_callbacks_struct ccb_struct;
	struct ssh_channel_callbacks_struct *ccb;
	int			 sock;
	uv_poll_t		 sockw;
	int			 sock_events;
	int			 room_fd;	/* until the relay or the screen
						 * takes it */
	int			 fd;		/* the room (protocol) or the
						 * screen's link (shell), or -1 */
	uv_poll_t		 fdw;
	int			 fd_events;
	bool			 fdw_on;
	int			 handles;	/* open, or closing: freed at 0
						 * once finished */
	bool			 finished;
	bool			 sockw_closed;	/* closed before finish() */
	struct chan_hold	 hold;		/* channel -> fd (on the link:
						 * framed) */
	uint8_t			*out;		/* fd -> channel, not taken yet */
	size_t			 outn, outoff;
	bool			 fd_eof;	/* the fd ended (what is in out
						 * still goes) */
	bool			 ch_gone;	/* the client ended the channel */
	bool			 close_sent;	/* we closed it: the client's
						 * close is awaited */
	bool			 peer_closed;	/* the client closed it */
	bool			 overrun;	/* it sent past its window: no more
						 * calls on the channel */
	bool			 size_pending;	/* a window change the link has
						 * not taken yet */
	uint64_t		 deadline;	/* handshake, or goodbye */
	uint64_t		 blocked_since;	/* writes waiting on the client */
	uint64_t		 heard;		/* the client last sent something */
	uint64_t		 asked;		/* a keepalive went, unanswered */
	struct ssh_counter_struct count; /* libssh counts what it reads */
	uint64_t		 count_seen;	/* its in_bytes at heard */
	struct screen		*screen;
	bool			 exited;	/* the screen */
	bool			 fault_told;	/* it died of a signal: the
						 * person was told */
	int			 status;
	/* what the client asked for */
	const char		*chosen;	/* the language sent that names
						 * one (in lang), or NULL */
	bool			 authed;
	bool			 pty;
	int			 mode;
	int			 cols, rows;
	char			 user[64];
	char			 term[64];
	char			 lang[4][64];	/* lang_vars' values, as sent */
	char			*key_id;
};

struct screen {
	uv_process_t		 proc;
	struct session		*ss;		/* NULL once the session ended */
};

struct hub {
	uv_loop_t		*loop;
	ssh_bind		 bind;
	int			 ctl;		/* the door's socket, or -1 */
	uv_poll_t		 ctlw;
	int			 ctl_events;
	uint32_t		*ended;		/* ids the door has not been
						 * told of */
	size_t			 nended, ended_cap;
	char			**screen_argv;
	struct session		*sessions;
	size_t			 nsessions;
	uv_timer_t		 sweep;
	uint8_t			 chunk[CHUNK];
};

static void	pump(struct session *);
static void	tell_size(struct session *);

/* Terminal and language names come from the client: letters, digits and
 * a few marks. */
static void
keep_name(char *dst, size_t len, const char *src, const char *allowed)
{
	size_t n = 0;

	for (; src != NULL && *src != '\0' && n + 1 < len; src++)
		if ((*src >= 'a' && *src <= 'z') || (*src >= 'A' &&
		    *src <= 'Z') || (*src >= '0' && *src <= '9') ||
		    strchr(allowed, *src) != NULL)
			dst[n++] = *src;
	dst[n] = '\0';
}

/*
 * The user name ssh sends is the name offered to the person: kept as it
 * came, letters of any script included ("ssh -p 7422 josé@HOST" offers
 * "josé", not "jos"), cut at a character boundary to fit; nothing if it
 * is not UTF-8.  The screen checks it as any name typed.
 */
static void
keep_user(char *dst, size_t len, const char *src)
{
	size_t n = 0, l = src != NULL ? strlen(src) : 0;
	uint32_t cp;
	int k;

	while (n < l) {
		if ((k = text_decode(src + n, l - n, &cp)) < 0) {
			n = 0;
			break;
		}
		if (n + (size_t)k + 1 > len)
			break;
		n += (size_t)k;
	}
	memcpy(dst, src != NULL ? src : "", n);
	dst[n] = '\0';
}

/* "C", "C.UTF-8" and "POSIX" name no language: the person has not
 * chosen one. */
static bool
names_language(const char *v)
{
	return v[0] != '\0' && strcmp(v, "C") != 0 && strncmp(v, "C.", 2) !=
	    0 && strcmp(v, "POSIX") != 0;
}

/*
 * A laptop that went to sleep or left the Wi-Fi sends nothing more, not
 * even an end: after 15 s of silence the kernel asks (TCP keepalive), and
 * a connection that has not answered, or has left what we sent
 * unacknowledged or unsent (its receiver full), for NET_SSH_STALL_SECONDS
 * is dropped.  Without it the person would stay present, and someone
 * without a key could not come back under their own name.
 */
static void
keep_alive(int sock)
{
	int on = 1, idle = 15, intvl = 5, cnt = 3, sndbuf = 64 * 1024;
	unsigned timeout = NET_SSH_STALL_SECONDS * 1000u;

	/* What the kernel holds for someone whose ssh takes nothing: 128
	 * kB (Linux doubles this), not the megabytes it would grow to on
	 * its own; a frame larger than that waits for them to read. */
	setsockopt(sock, SOL_SOCKET, SO_SNDBUF, &sndbuf, sizeof sndbuf);
	setsockopt(sock, SOL_SOCKET, SO_KEEPALIVE, &on, sizeof on);
	setsockopt(sock, IPPROTO_TCP, TCP_KEEPIDLE, &idle, sizeof idle);
	setsockopt(sock, IPPROTO_TCP, TCP_KEEPINTVL, &intvl, sizeof intvl);
	setsockopt(sock, IPPROTO_TCP, TCP_KEEPCNT, &cnt, sizeof cnt);
	setsockopt(sock, IPPROTO_TCP, TCP_USER_TIMEOUT, &timeout,
	    sizeof timeout);
}

static int
clamp(int v, int lo, int hi)
{
	return v < lo ? lo : v > hi ? hi : v;
}

/*
 * Any user name and any method: the join code is the room's lock.  "none"
 * is refused, naming the methods, so a client that has a public key
 * offers it, and we remember whose it was: that is how a person is known
 * when they come back.
 */
static int
auth_none(ssh_session s, const char *user, void *userdata)
{
	struct session *ss = userdata;

	(void)s;
	keep_user(ss->user, sizeof ss->user, user);
	return SSH_AUTH_DENIED;
}

static int
auth_password(ssh_session s, const char *user, const char *password,
    void *userdata)
{
	struct session *ss = userdata;

	(void)s;
	(void)password;
	keep_user(ss->user, sizeof ss->user, user);
	ss->authed = true;
	return SSH_AUTH_SUCCESS;
}

static int
auth_pubkey(ssh_session s, const char *user, struct ssh_key_struct *key,
    char state, void *userdata)
{
	struct session *ss = userdata;

	(void)s;
	keep_user(ss->user, sizeof ss->user, user);
	if (state == SSH_PUBLICKEY_STATE_NONE)
		return SSH_AUTH_SUCCESS;	/* "this key would do" */
	if (state != SSH_PUBLICKEY_STATE_VALID)
		return SSH_AUTH_DENIED;
	/* libssh checked the signature. */
	free(ss->key_id);
	if ((ss->key_id = net_key_id(key)) == NULL)
		return SSH_AUTH_DENIED;
	ss->authed = true;
	return SSH_AUTH_SUCCESS;
}

/* Keyboard-interactive has no callback of its own: it arrives as a
 * message.  Everything else the client asks for is refused at once. */
static int
on_message(ssh_session s, ssh_message m, void *userdata)
{
	struct session *ss = userdata;

	(void)s;
	if (ssh_message_type(m) == SSH_REQUEST_AUTH &&
	    ssh_message_subtype(m) == SSH_AUTH_METHOD_INTERACTIVE &&
	    !ss->authed) {
		keep_user(ss->user, sizeof ss->user,
		    ssh_message_auth_user(m));
		ss->authed = true;
		ssh_message_auth_reply_success(m, 0);
		return 0;
	}
	return 1;	/* not handled: libssh refuses it */
}

static ssh_channel
open_channel(ssh_session s, void *userdata)
{
	struct session *ss = userdata;

	if (ss->ch != NULL || !ss->authed)
		return NULL;	/* one channel per session */
	ss->ch = ssh_channel_new(s);
	/* Now: its requests may be in the same read as the open. */
	if (ss->ch != NULL)
		ssh_set_channel_callbacks(ss->ch, ss->ccb);
	return ss->ch;
}

static int
pty_request(ssh_session s, ssh_channel ch, const char *term, int cols,
    int rows, int px, int py, void *userdata)
{
	struct session *ss = userdata;

	(void)s;
	(void)ch;
	(void)px;
	(void)py;
	keep_name(ss->term, sizeof ss->term, term, "._+-");
	ss->cols = clamp(cols, 1, NET_SSH_COLS_MAX);
	ss->rows = clamp(rows, 1, NET_SSH_ROWS_MAX);
	ss->pty = true;
	return 0;
}

static int
pty_resize(ssh_session s, ssh_channel ch, int cols, int rows, int px,
    int py, void *userdata)
{
	struct session *ss = userdata;

	(void)s;
	(void)ch;
	(void)px;
	(void)py;
	ss->cols = clamp(cols, 1, NET_SSH_COLS_MAX);
	ss->rows = clamp(rows, 1, NET_SSH_ROWS_MAX);
	if (ss->mode == MODE_SHELL)
		tell_size(ss);
	return 0;
}

static int
env_request(ssh_session s, ssh_channel ch, const char *name,
    const char *value, void *userdata)
{
	struct session *ss = userdata;
	size_t i;

	(void)s;
	(void)ch;
	/* Only the language; nothing else reaches the screen. */
	for (i = 0; i < sizeof lang_vars / sizeof lang_vars[0]; i++)
		if (strcmp(name, lang_vars[i]) == 0)
			keep_name(ss->lang[i], sizeof ss->lang[i], value,
			    "._@-:");
	return 0;
}

static int
shell_request(ssh_session s, ssh_channel ch, void *userdata)
{
	struct session *ss = userdata;

	(void)s;
	(void)ch;
	if (ss->mode != MODE_NONE)
		return -1;
	ss->mode = MODE_SHELL;
	return 0;
}

static int
subsystem_request(ssh_session s, ssh_channel ch, const char *name,
    void *userdata)
{
	struct session *ss = userdata;

	(void)s;
	(void)ch;
	if (ss->mode != MODE_NONE || strcmp(name, NET_SSH_SUBSYSTEM) != 0)
		return -1;
	ss->mode = MODE_PROTOCOL;
	return 0;
}

static int
exec_request(ssh_session s, ssh_channel ch, const char *command,
    void *userdata)
{
	struct session *ss = userdata;

	(void)s;
	(void)ch;
	(void)command;
	/* A room, not a shell: taken, so that the person is told why
	 * rather than reading ssh's bare "exec request failed". */
	if (ss->mode != MODE_NONE)
		return -1;
	ss->mode = MODE_COMMAND;
	return 0;
}

/* --- the link to a screen: what sshtty.c reads ------------------------- */

/* A message on the link: type, two bytes of length, the payload. */
static size_t
link_header(uint8_t *p, int type, size_t len)
{
	p[0] = (uint8_t)type;
	p[1] = (uint8_t)(len >> 8);
	p[2] = (uint8_t)len;
	return NET_LINK_HEADER;
}

/* Puts a whole message in the hold, or nothing. */
static bool
link_put(struct session *ss, int type, const void *data, size_t len)
{
	struct chan_hold *h = &ss->hold;

	if (h->fd_done)
		return true;
	if (h->cap - h->n < NET_LINK_HEADER + len)
		return false;
	h->n += link_header(h->buf + h->n, type, len);
	memcpy(h->buf + h->n, data, len);
	h->n += len;
	return true;
}

static void
put_u16(uint8_t *p, int v)
{
	p[0] = (uint8_t)(v >> 8);
	p[1] = (uint8_t)v;
}

static void
tell_size(struct session *ss)
{
	uint8_t p[4];

	put_u16(p, ss->cols);
	put_u16(p + 2, ss->rows);
	/* A window change that finds the hold full goes once it has room
	 * (pump): the size sent is the last one said. */
	ss->size_pending = !link_put(ss, NET_LINK_SIZE, p, sizeof p);
}

/* Who they are, for the screen: its first message. */
static void
tell_person(struct session *ss)
{
	const char *f[4] = { ss->user, ss->key_id != NULL ? ss->key_id : "",
	    ss->term, ss->chosen != NULL ? ss->chosen : "" };
	uint8_t p[4 + sizeof ss->user + 80 + sizeof ss->term +
	    sizeof ss->lang[0]];
	size_t n = 4, i, l;

	put_u16(p, ss->cols);
	put_u16(p + 2, ss->rows);
	for (i = 0; i < 4; i++) {
		l = strlen(f[i]);
		if (l > 79)
			l = 79;		/* the key's id is 64 */
		memcpy(p + n, f[i], l);
		n += l;
		p[n++] = '\0';
	}
	link_put(ss, NET_LINK_PERSON, p, n);
}

/* --- data both ways ------------------------------------------------------ */

/* What the client sends on the channel: to the room as it is, to a
 * screen as keys. */
static uint32_t
take(struct session *ss, const void *data, uint32_t len)
{
	struct chan_hold *h = &ss->hold;
	size_t room;

	if (ss->fd < 0 && !h->fd_done) {
		h->kept = true;		/* not yet: libssh keeps it */
		return 0;
	}
	if (ss->mode != MODE_SHELL)
		return chan_hold_take(h, data, len);
	if (h->fd_done)
		return len;
	room = h->cap - h->n;
	if (room <= NET_LINK_HEADER) {
		h->kept = true;
		return 0;
	}
	room -= NET_LINK_HEADER;
	if (room > len)
		room = len;
	if (room > 0xffff)
		room = 0xffff;
	if (room < len)
		h->kept = true;
	link_put(ss, NET_LINK_KEYS, data, room);
	return (uint32_t)room;
}

static int
on_data(ssh_session s, ssh_channel ch, void *data, uint32_t len,
    int is_stderr, void *userdata)
{
	struct session *ss = userdata;

	(void)s;
	(void)ch;
	(void)is_stderr;
	/* len is all libssh holds for the channel. */
	if (len > OVERRUN_MAX)
		ss->overrun = true;
	if (ss->overrun)
		return 0;
	return (int)take(ss, data, len);
}

static void
on_eof(ssh_session s, ssh_channel ch, void *userdata)
{
	struct session *ss = userdata;

	(void)s;
	(void)ch;
	ss->ch_gone = true;
}

static void
on_close(ssh_session s, ssh_channel ch, void *userdata)
{
	struct session *ss = userdata;

	(void)s;
	(void)ch;
	ss->ch_gone = true;
	ss->peer_closed = true;
}

/* Room in the hold for channel bytes now. */
static size_t
hold_room(const struct session *ss)
{
	size_t room = ss->hold.cap - ss->hold.n;

	if (ss->mode == MODE_SHELL)
		room = room > NET_LINK_HEADER ? room - NET_LINK_HEADER : 0;
	return room < 0xffff ? room : 0xffff;
}

/* What libssh kept while the hold was full. */
static void
pull(struct session *ss)
{
	struct chan_hold *h = &ss->hold;
	uint8_t buf[0xffff];
	size_t room;
	int n;

	while (h->kept && ss->fd >= 0 && !h->fd_done && !ss->overrun) {
		if (hold_room(ss) == 0)
			break;
		/* This may read packets, and give the hold some (on_data):
		 * the room is known after it. */
		n = ssh_channel_poll(ss->ch, 0);
		if (n <= 0) {
			h->kept = false;	/* nothing, the end, or an
						 * error: nothing kept */
			break;
		}
		if (ss->overrun || (room = hold_room(ss)) == 0)
			break;
		n = ssh_channel_read_nonblocking(ss->ch, buf,
		    (uint32_t)(room < (size_t)n ? room : (size_t)n), 0);
		if (n <= 0)
			break;
		(void)take(ss, buf, (uint32_t)n);	/* all: it fits */
	}
}

static bool
write_pending(const struct session *ss)
{
	return (ssh_get_status(ss->s) & SSH_WRITE_PENDING) != 0;
}

/* What came from the fd, to the client: false if the channel failed. */
static bool
send_out(struct session *ss)
{
	int n;

	while (ss->outn > ss->outoff && !write_pending(ss)) {
		n = ssh_channel_write(ss->ch, ss->out + ss->outoff,
		    (uint32_t)(ss->outn - ss->outoff));
		if (n < 0)
			return false;
		if (n == 0)
			break;		/* their window is shut */
		ss->outoff += (size_t)n;
	}
	if (ss->outoff == ss->outn) {
		free(ss->out);
		ss->out = NULL;
		ss->outn = ss->outoff = 0;
	}
	return true;
}

static void	choose_language(struct session *);

/* fmt with msgid translated into the person's language, where their ssh
 * sent one (the hub's otherwise).  Caller frees. */
static char *
say_to(struct session *ss, const char *fmt, const char *msgid)
{
	char	hub_lang[32], *s;

	choose_language(ss);
	snprintf(hub_lang, sizeof hub_lang, "%s", i18n_language());
	if (ss->chosen != NULL)
		i18n_set_language(ss->chosen);
	s = xasprintf(fmt, _(msgid));
	if (ss->chosen != NULL)
		i18n_set_language(hub_lang);
	return s;
}

/* The terminal put back (attributes, cursor, the first screen) and why
 * the screen ended, in the person's language, queued for the client. */
static void
fault_words(struct session *ss)
{
	char	*words;

	words = say_to(ss, "\033[0m\033[?25h\033[?1049l\r\n%s\r\n",
	    N_("roundtable: your screen stopped because of a fault; nothing "
	    "the room recorded is lost: connect again the same way"));
	free(ss->out);
	ss->out = (uint8_t *)words;
	ss->outn = strlen(words);
	ss->outoff = 0;
}

/* One read from the fd, when the client has taken what went before. */
static void
read_fd(struct session *ss)
{
	uint8_t *buf = ss->hub->chunk;
	ssize_t n;
	int w;

	n = read(ss->fd, buf, CHUNK);
	if (n < 0 && (errno == EINTR || errno == EAGAIN))
		return;
	if (n <= 0) {
		/* EOF: the room closed, or the screen ended; or, once what
		 * they wrote last is read, the error of a peer that left
		 * with our bytes unread. */
		ss->fd_eof = true;
		return;
	}
	w = ssh_channel_write(ss->ch, buf, (uint32_t)n);
	if (w < 0) {
		ss->ch_gone = true;
		return;
	}
	if (w < n) {
		ss->out = xmalloc((size_t)(n - w));
		memcpy(ss->out, buf + w, (size_t)(n - w));
		ss->outn = (size_t)(n - w);
		ss->outoff = 0;
	}
}

/* --- the session's life -------------------------------------------------- */

static void
on_handle_closed(uv_handle_t *h)
{
	struct session *ss = h->data;

	if (--ss->handles == 0 && ss->finished)
		free(ss);
}

/* Tells the door an id is free, now or when its socket takes it. */
static void
flush_ended(struct hub *hub)
{
	while (hub->nended > 0 && hub->ctl >= 0) {
		if (send(hub->ctl, &hub->ended[0], sizeof hub->ended[0],
		    MSG_DONTWAIT | MSG_NOSIGNAL) < 0)
			break;
		memmove(hub->ended, hub->ended + 1, --hub->nended *
		    sizeof *hub->ended);
	}
}

static void	watch_ctl(struct hub *);

static void
ended(struct hub *hub, uint32_t id)
{
	if (hub->ctl < 0)
		return;
	if (hub->nended == hub->ended_cap) {
		hub->ended_cap = hub->ended_cap ? hub->ended_cap * 2 : 64;
		hub->ended = xrealloc(hub->ended, hub->ended_cap *
		    sizeof *hub->ended);
	}
	hub->ended[hub->nended++] = id;
	flush_ended(hub);
	watch_ctl(hub);
}

/* The session is over: everything of it goes, now. */
static void
finish(struct session *ss)
{
	struct hub *hub = ss->hub;

	if (ss->prev != NULL)
		ss->prev->next = ss->next;
	else
		hub->sessions = ss->next;
	if (ss->next != NULL)
		ss->next->prev = ss->prev;
	hub->nsessions--;
	/* Not polled when their descriptors close. */
	if (!ss->sockw_closed)
		uv_poll_stop(&ss->sockw);
	if (ss->fdw_on)
		uv_poll_stop(&ss->fdw);
	if (ss->screen != NULL)
		ss->screen->ss = NULL;	/* it ends on its own: its link
					 * closes below */
	if (ss->ev != NULL) {
		ssh_event_remove_session(ss->ev, ss->s);
		ssh_event_free(ss->ev);
	}
	if (ss->ch != NULL)
		ssh_channel_free(ss->ch);
	ssh_disconnect(ss->s);
	ssh_free(ss->s);	/* closes sock */
	if (ss->room_fd >= 0)
		close(ss->room_fd);
	free(ss->key_id);
	free(ss->out);
	chan_hold_free(&ss->hold);
	ended(hub, ss->id);
	ss->finished = true;
	if (!ss->sockw_closed) {
		ss->handles++;
		uv_close((uv_handle_t *)&ss->sockw, on_handle_closed);
	}
	if (ss->fdw_on) {
		ss->handles++;
		uv_close((uv_handle_t *)&ss->fdw, on_handle_closed);
	}
	if (ss->fd >= 0)
		close(ss->fd);
	if (ss->handles == 0)
		free(ss);	/* its handles closed already */
}

/* The goodbye: the exit status of their screen, the channel's end, what
 * is still to send; finish() once it is sent, or after the stall time. */
static void
begin_close(struct session *ss, uint64_t now)
{
	if (ss->state == ST_CLOSING)
		return;
	ss->state = ST_CLOSING;
	ss->deadline = now + NET_SSH_STALL_SECONDS * 1000u;
	if (ss->ch != NULL && ssh_channel_is_open(ss->ch)) {
		if (ss->exited)
			ssh_channel_request_send_exit_status(ss->ch,
			    ss->status);
		ssh_channel_send_eof(ss->ch);
		ssh_channel_close(ss->ch);
		ss->close_sent = true;
	}
	/* The room, or the screen, sees its end. */
	if (ss->fdw_on)
		uv_poll_stop(&ss->fdw);
	if (ss->fd >= 0)
		shutdown(ss->fd, SHUT_RDWR);
	if (ss->room_fd >= 0) {
		close(ss->room_fd);
		ss->room_fd = -1;
	}
}

static void
on_screen_closed(uv_handle_t *h)
{
	free(h->data);
}

static void
on_screen_exit(uv_process_t *proc, int64_t status, int signo)
{
	struct screen *sc = proc->data;
	struct session *ss = sc->ss;

	if (ss != NULL) {
		ss->exited = true;
		ss->status = signo != 0 ? 128 + signo : (int)status;
		ss->screen = NULL;
		pump(ss);
	}
	proc->data = sc;
	uv_close((uv_handle_t *)proc, on_screen_closed);
}

static void	on_fd(uv_poll_t *, int, int);

static void
watch_fd(struct session *ss, int events)
{
	if (ss->fd < 0 || ss->state == ST_CLOSING)
		return;
	if (!ss->fdw_on) {
		if (uv_poll_init(ss->hub->loop, &ss->fdw, ss->fd) != 0)
			return;
		ss->fdw.data = ss;
		ss->fdw_on = true;
		ss->fd_events = -1;
	}
	if (events == ss->fd_events)
		return;
	ss->fd_events = events;
	if (events == 0)
		uv_poll_stop(&ss->fdw);
	else
		uv_poll_start(&ss->fdw, events, on_fd);
}

static void	on_sock(uv_poll_t *, int, int);

/*
 * Whether libssh has closed the client's socket itself, as it does when
 * a write to it fails or the client says goodbye (SSH_MSG_DISCONNECT,
 * which OpenSSH sends whenever it ends).  Its watcher is closed at once:
 * the descriptor's number may be given to the next socket made, and a
 * watcher on it, even stopped or closed later, would take that socket's
 * events or take it out of the loop (libuv drops a number from epoll when
 * a watcher of it stops).  Asked after every call into libssh, before
 * anything else can make a descriptor.
 */
static bool
sock_lost(struct session *ss)
{
	if (ssh_get_fd(ss->s) == ss->sock)
		return false;
	if (!ss->sockw_closed) {
		ss->sockw_closed = true;
		ss->sock_events = 0;
		ss->handles++;
		uv_close((uv_handle_t *)&ss->sockw, on_handle_closed);
	}
	return true;
}

static void
watch_sock(struct session *ss, int events)
{
	if (events == ss->sock_events)
		return;
	ss->sock_events = events;
	uv_poll_start(&ss->sockw, events, on_sock);
}

/* The screen: its own process, on the link and the room's socketpair. */
static int
start_screen(struct session *ss)
{
	uv_process_options_t opt = { 0 };
	uv_stdio_container_t io[5];
	struct screen *sc;
	int pair[2], i;

	if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, pair) != 0)
		return -1;
	for (i = 0; i < 3; i++)
		io[i].flags = UV_IGNORE;
	io[3].flags = UV_INHERIT_FD;
	io[3].data.fd = pair[1];
	io[4].flags = UV_INHERIT_FD;
	io[4].data.fd = ss->room_fd;
	sc = xcalloc(1, sizeof *sc);
	sc->proc.data = sc;
	opt.file = ss->hub->screen_argv[0];
	opt.args = ss->hub->screen_argv;
	opt.exit_cb = on_screen_exit;
	opt.stdio = io;
	opt.stdio_count = 5;
	i = uv_spawn(ss->hub->loop, &sc->proc, &opt);
	close(pair[1]);
	close(ss->room_fd);
	ss->room_fd = -1;
	if (i != 0) {
		uv_close((uv_handle_t *)&sc->proc, on_screen_closed);
		close(pair[0]);
		return -1;
	}
	sc->ss = ss;
	ss->screen = sc;
	ss->fd = pair[0];
	return 0;
}

/* This person's language: the first their ssh sent that names one. */
static void
choose_language(struct session *ss)
{
	size_t i;

	ss->chosen = NULL;
	for (i = 0; i < sizeof ss->lang / sizeof ss->lang[0]; i++)
		if (names_language(ss->lang[i])) {
			ss->chosen = ss->lang[i];
			break;
		}
}

/* A channel the room does not serve: why (a msgid), in the person's
 * language where their ssh sent one, on their standard error (the \r\n
 * for a terminal's sake), and an exit status of 1 for begin_close() to
 * send. */
static void
refuse_channel(struct session *ss, const char *why)
{
	char *line = say_to(ss, "%s\r\n", why);

	ssh_channel_write_stderr(ss->ch, line, (uint32_t)strlen(line));
	free(line);
	ss->exited = true;
	ss->status = 1;
}

/* The channel knows what it is for. */
static bool
begin_mode(struct session *ss)
{
	ss->deadline = 0;
	if (ss->mode == MODE_PROTOCOL) {
		ss->fd = ss->room_fd;
		ss->room_fd = -1;
	} else if (ss->mode == MODE_COMMAND) {
		/* TRANSLATORS: written to an ssh given a command (ssh HOST
		 * ls). */
		refuse_channel(ss, N_("roundtable: this is a room, not a "
		    "shell: connect without a command"));
		return false;
	} else if (!ss->pty) {
		/* TRANSLATORS: written to an ssh without a terminal. */
		refuse_channel(ss, N_("roundtable: this room needs a "
		    "terminal: connect with ssh -t"));
		return false;
	} else {
		choose_language(ss);
		if (start_screen(ss) != 0)
			return false;
	}
	/* Written and read without waiting, as the loop's own are. */
	fcntl(ss->fd, F_SETFL, fcntl(ss->fd, F_GETFL) | O_NONBLOCK);
	chan_hold_init(&ss->hold, ss->fd, HOLD_MAX);
	if (ss->mode == MODE_SHELL)
		tell_person(ss);
	ss->state = ST_OPEN;
	return true;
}

/*
 * Everything a session can do now, after whatever happened: the hold to
 * the fd, what libssh kept, what waits for the client, the next read, the
 * ends; then which events to wait for.
 */
static void
pump(struct session *ss)
{
	uint64_t now = uv_now(ss->hub->loop);
	bool pending, drained;
	int ev;

	if (ss->state == ST_OPEN) {
		if (ss->hold.n > 0)
			chan_hold_put(&ss->hold);
		pull(ss);
		if (ss->size_pending)
			tell_size(ss);
		if (!ss->ch_gone && !ss->overrun && !send_out(ss))
			ss->ch_gone = true;
		if (!ssh_is_connected(ss->s) || ssh_channel_is_closed(ss->ch) ||
		    ssh_channel_is_eof(ss->ch))
			ss->ch_gone = true;
		/* What the client sent before it left still goes to the fd,
		 * for DRAIN_MS at most (the sweep). */
		drained = ss->hold.fd_done || (ss->hold.n == 0 &&
		    !ss->hold.kept);
		if (ss->ch_gone && !drained && ss->deadline == 0)
			ss->deadline = now + DRAIN_MS;
		/* A screen that died of a signal left the terminal as it
		 * was (colours, a hidden cursor, its second screen) and
		 * said nothing: after all it wrote, the terminal is put
		 * back and the person told. */
		if (!ss->ch_gone && !ss->overrun && ss->fd_eof &&
		    ss->outn == 0 && ss->mode == MODE_SHELL && ss->exited &&
		    ss->status > 128 && !ss->fault_told) {
			ss->fault_told = true;
			fault_words(ss);
			if (!send_out(ss))
				ss->ch_gone = true;
		}
		/* The screen's last words and its status, or the room's last
		 * frames, go before the goodbye. */
		if ((ss->ch_gone && drained) || (!ss->ch_gone && ss->fd_eof &&
		    ss->outn == 0 && (ss->mode != MODE_SHELL || ss->exited)))
			begin_close(ss, now);
	}
	/* A client that sent past its window: no more calls on its
	 * channel (libssh's own bound would free the buffer under us). */
	if (ss->overrun) {
		finish(ss);
		return;
	}
	pending = write_pending(ss);
	if (ss->state == ST_OPEN) {
		ev = 0;
		if (ss->outn == 0 && !pending && !ss->fd_eof && !ss->ch_gone)
			ev |= UV_READABLE;
		if (ss->hold.n > 0 && !ss->hold.fd_done)
			ev |= UV_WRITABLE;
		watch_fd(ss, ev);
	}
	if (ss->outn > 0 || pending) {
		if (ss->blocked_since == 0)
			ss->blocked_since = now;
	} else
		ss->blocked_since = 0;
	/* The goodbye is over once the client has taken it and closed the
	 * channel too: ending before, the client's close would meet a
	 * closed socket, and the reset it brings back could cost it what it
	 * had not read yet (the exit status, the screen's last words). */
	if (ss->state == ST_CLOSING && (!ssh_is_connected(ss->s) ||
	    (!pending && (!ss->close_sent || ss->peer_closed)))) {
		finish(ss);
		return;
	}
	/* Taken, and the close not answered: DRAIN_MS more at most. */
	if (ss->state == ST_CLOSING && !pending && ss->deadline > now +
	    DRAIN_MS)
		ss->deadline = now + DRAIN_MS;
	if (sock_lost(ss)) {
		/* Nothing more can be sent or read; what the client sent
		 * before still goes to the fd, for DRAIN_MS at most. */
		if (ss->state != ST_OPEN) {
			finish(ss);
			return;
		}
		ss->ch_gone = true;
		if (ss->deadline == 0)
			ss->deadline = now + DRAIN_MS;
		return;
	}
	/* Nothing more is read from a client that has not taken what was
	 * written to it: libssh answers some packets itself (an unknown
	 * type, a login, a channel or a request), and its answers to one
	 * that asks and never reads would pile up without end.  It is
	 * read again once it has taken them (and dropped if it takes
	 * nothing for NET_SSH_STALL_SECONDS). */
	watch_sock(ss, pending ? UV_WRITABLE : UV_READABLE);
}

static void
on_fd(uv_poll_t *h, int status, int events)
{
	struct session *ss = h->data;

	if (status < 0) {
		/* Its peer left with what we wrote unread: nothing more can
		 * be written to it, but what it wrote before it left (the
		 * screen's last words, the room's last frames) is still to
		 * read, until the read says the error.  libuv has stopped
		 * the handle; pump starts it again. */
		ss->hold.fd_done = true;
		ss->hold.n = 0;
		ss->fd_events = 0;
		if (ss->outn == 0 && !write_pending(ss) && !ss->fd_eof &&
		    !ss->ch_gone)
			read_fd(ss);
	} else {
		if (events & UV_WRITABLE)
			chan_hold_put(&ss->hold);
		if ((events & (UV_READABLE | UV_DISCONNECT)) &&
		    ss->outn == 0 && !ss->fd_eof && !ss->ch_gone)
			read_fd(ss);
	}
	pump(ss);
}

static void
on_sock(uv_poll_t *h, int status, int events)
{
	struct session *ss = h->data;
	int r;

	(void)events;
	if (status < 0) {
		finish(ss);
		return;
	}
	switch (ss->state) {
	case ST_KEX:
		r = ssh_handle_key_exchange(ss->s);
		if (r == SSH_AGAIN)
			break;
		if (r != SSH_OK || (ss->ev = ssh_event_new()) == NULL ||
		    ssh_event_add_session(ss->ev, ss->s) != SSH_OK) {
			finish(ss);
			return;
		}
		ss->state = ST_AUTH;
		/* What came with the end of the exchange: */
		/* FALLTHROUGH */
	case ST_AUTH:
		if (ssh_event_dopoll(ss->ev, 0) == SSH_ERROR ||
		    !ssh_is_connected(ss->s) || sock_lost(ss)) {
			finish(ss);
			return;
		}
		if (ss->mode != MODE_NONE && !begin_mode(ss)) {
			begin_close(ss, uv_now(ss->hub->loop));
			break;
		}
		break;
	default:
		if (ssh_event_dopoll(ss->ev, 0) == SSH_ERROR) {
			if (ss->state == ST_CLOSING) {
				finish(ss);
				return;
			}
			ss->ch_gone = true;
		}
		break;
	}
	pump(ss);
}

/* A connection from the door. */
static void
start_session(struct hub *hub, uint32_t id, int sock, int room_fd)
{
	struct session *ss = xcalloc(1, sizeof *ss);

	ss->hub = hub;
	ss->id = id;
	ss->sock = sock;
	ss->room_fd = room_fd;
	ss->fd = -1;
	ss->state = ST_KEX;
	ss->deadline = uv_now(hub->loop) + NET_SSH_AUTH_SECONDS * 1000u;
	ss->heard = uv_now(hub->loop);
	ss->hold.fd = -1;
	ss->s = ssh_new();
	ss->scb.userdata = ss;
	ss->scb.auth_none_function = auth_none;
	ss->scb.auth_password_function = auth_password;
	ss->scb.auth_pubkey_function = auth_pubkey;
	ss->scb.channel_open_request_session_function = open_channel;
	ssh_callbacks_init(&ss->scb);
	ss->ccb = &ss->ccb_struct;
	ss->ccb->userdata = ss;
	ss->ccb->channel_pty_request_function = pty_request;
	ss->ccb->channel_pty_window_change_function = pty_resize;
	ss->ccb->channel_env_request_function = env_request;
	ss->ccb->channel_shell_request_function = shell_request;
	ss->ccb->channel_subsystem_request_function = subsystem_request;
	ss->ccb->channel_exec_request_function = exec_request;
	ss->ccb->channel_data_function = on_data;
	ss->ccb->channel_eof_function = on_eof;
	ss->ccb->channel_close_function = on_close;
	ssh_callbacks_init(ss->ccb);
	/* Keystrokes and screen updates are small: no Nagle delay. */
	setsockopt(sock, IPPROTO_TCP, TCP_NODELAY, &(int){ 1 }, sizeof(int));
	keep_alive(sock);
	if (ss->s == NULL || uv_poll_init(hub->loop, &ss->sockw, sock) != 0) {
		if (ss->s != NULL)
			ssh_free(ss->s);
		close(sock);
		close(room_fd);
		free(ss);
		ended(hub, id);
		return;
	}
	ss->sockw.data = ss;
	ss->next = hub->sessions;
	if (hub->sessions != NULL)
		hub->sessions->prev = ss;
	hub->sessions = ss;
	hub->nsessions++;
	if (ssh_bind_accept_fd(hub->bind, ss->s, sock) != SSH_OK) {
		finish(ss);
		return;
	}
	ssh_set_blocking(ss->s, 0);
	/* What libssh reads from the client, wherever it reads it (an
	 * answer may be read inside the call that asked): heard. */
	ssh_set_counters(ss->s, &ss->count, NULL);
	ssh_set_server_callbacks(ss->s, &ss->scb);
	ssh_set_message_callback(ss->s, on_message, ss);
	ssh_set_auth_methods(ss->s, SSH_AUTH_METHOD_PUBLICKEY |
	    SSH_AUTH_METHOD_INTERACTIVE | SSH_AUTH_METHOD_PASSWORD);
	/* Our banner goes; the rest as the client answers. */
	if (ssh_handle_key_exchange(ss->s) == SSH_ERROR) {
		finish(ss);
		return;
	}
	ss->sock_events = -1;
	pump(ss);
}

/* --- the door's socket ---------------------------------------------------- */

static void	on_ctl(uv_poll_t *, int, int);

static void
watch_ctl(struct hub *hub)
{
	int ev;

	if (hub->ctl < 0)
		return;
	ev = UV_READABLE | (hub->nended > 0 ? UV_WRITABLE : 0);
	if (ev != hub->ctl_events) {
		hub->ctl_events = ev;
		uv_poll_start(&hub->ctlw, ev, on_ctl);
	}
}

static void
close_ctl(struct hub *hub)
{
	struct session *ss, *next;
	uint64_t now = uv_now(hub->loop);

	uv_close((uv_handle_t *)&hub->ctlw, NULL);
	close(hub->ctl);
	hub->ctl = -1;
	/* The room is closing: who has not come in yet will not; the
	 * others say goodbye as the room closes their way in. */
	for (ss = hub->sessions; ss != NULL; ss = next) {
		next = ss->next;
		if (ss->state == ST_KEX || ss->state == ST_AUTH)
			begin_close(ss, now), pump(ss);
	}
}

/* One connection per message: its id and address, the connection and
 * its way into the room as descriptors. */
static void
receive(struct hub *hub)
{
	struct net_ssh_handoff m;
	char cbuf[CMSG_SPACE(2 * sizeof(int))];
	struct iovec iov = { &m, sizeof m };
	struct msghdr msg = { 0 };
	struct cmsghdr *c;
	int fds[2] = { -1, -1 }, n;
	ssize_t r;

	for (n = 0; n < 64; n++) {
		msg.msg_iov = &iov;
		msg.msg_iovlen = 1;
		msg.msg_control = cbuf;
		msg.msg_controllen = sizeof cbuf;
		r = recvmsg(hub->ctl, &msg, MSG_DONTWAIT | MSG_CMSG_CLOEXEC);
		if (r < 0 && (errno == EAGAIN || errno == EINTR))
			return;
		if (r <= 0) {
			close_ctl(hub);
			return;
		}
		fds[0] = fds[1] = -1;
		for (c = CMSG_FIRSTHDR(&msg); c != NULL;
		    c = CMSG_NXTHDR(&msg, c)) {
			size_t k, nfd;

			if (c->cmsg_level != SOL_SOCKET ||
			    c->cmsg_type != SCM_RIGHTS)
				continue;
			/* One or none arrive when this process is out of
			 * descriptors (MSG_CTRUNC). */
			nfd = (c->cmsg_len - CMSG_LEN(0)) / sizeof(int);
			for (k = 0; k < nfd && k < 2; k++)
				memcpy(&fds[k], CMSG_DATA(c) + k * sizeof(int),
				    sizeof(int));
		}
		if (r != sizeof m || fds[0] < 0 || fds[1] < 0) {
			if (fds[0] >= 0)
				close(fds[0]);
			if (fds[1] >= 0)
				close(fds[1]);
			/* The door counts it until told. */
			if (r == sizeof m)
				ended(hub, m.id);
			continue;
		}
		start_session(hub, m.id, fds[0], fds[1]);
	}
}

static void
on_ctl(uv_poll_t *h, int status, int events)
{
	struct hub *hub = h->data;

	if (status < 0) {
		close_ctl(hub);
		return;
	}
	if (events & UV_WRITABLE)
		flush_ended(hub);
	if (events & (UV_READABLE | UV_DISCONNECT))
		receive(hub);
	watch_ctl(hub);
}

/* Every second: handshakes past their time, clients that took nothing
 * for too long, goodbyes nobody takes. */
static void
on_sweep(uv_timer_t *h)
{
	struct hub *hub = h->data;
	struct session *ss, *next;
	uint64_t now = uv_now(hub->loop);

	for (ss = hub->sessions; ss != NULL; ss = next) {
		next = ss->next;
		/* Heard from; or not taking what was sent (a slow link):
		 * that is the stall's to judge, not silence's. */
		if (ss->count.in_bytes != ss->count_seen ||
		    ss->blocked_since != 0) {
			ss->count_seen = ss->count.in_bytes;
			ss->heard = now;
			ss->asked = 0;
		}
		if ((ss->deadline != 0 && now >= ss->deadline) ||
		    (ss->blocked_since != 0 && now - ss->blocked_since >=
		    NET_SSH_STALL_SECONDS * 1000u))
			finish(ss);
		else if (ss->state == ST_OPEN && ss->asked != 0 &&
		    now - ss->asked >= SILENCE_MS)
			/* A phone's ssh app put to sleep, a frozen laptop:
			 * its kernel may still take what is sent, for a long
			 * while, so the writes do not stall; nothing answers.
			 * Let go as a dropped connection is, so the person is
			 * away and can come back by their name. */
			finish(ss);
		else if (ss->state == ST_OPEN && ss->asked == 0 &&
		    now - ss->heard >= SILENCE_MS) {
			ss->asked = now;
			/* Twice: libssh keeps the answer to the last one
			 * until it is asked again, and that call only clears
			 * it (the second sends); while one is unanswered,
			 * neither sends more. */
			ssh_send_keepalive(ss->s);
			ssh_send_keepalive(ss->s);
			pump(ss);
		}
	}
	if (hub->ctl < 0 && hub->sessions == NULL)
		uv_stop(hub->loop);
}

/* Room for a descriptor or three per connection. */
static void
raise_fd_limit(void)
{
	struct rlimit rl;

	if (getrlimit(RLIMIT_NOFILE, &rl) == 0 && rl.rlim_cur < rl.rlim_max) {
		rl.rlim_cur = rl.rlim_max;
		setrlimit(RLIMIT_NOFILE, &rl);
	}
}

int
net_ssh_hub(const struct net_ssh_hub_conf *conf)
{
	struct hub hub = { 0 };
	uv_loop_t loop;
	size_t n, i;

	signal(SIGPIPE, SIG_IGN);
	raise_fd_limit();
	if (uv_loop_init(&loop) != 0)
		return 1;
	hub.loop = &loop;
	hub.ctl = conf->ctl;
	hub.bind = ssh_bind_new();
	if (hub.bind == NULL || ssh_bind_options_set(hub.bind,
	    SSH_BIND_OPTIONS_HOSTKEY, conf->hostkey) != SSH_OK) {
		fprintf(stderr, _("roundtable: cannot use the room's SSH key: "
		    "%s\n"), hub.bind != NULL ? ssh_get_error(hub.bind) :
		    strerror(ENOMEM));
		return 1;
	}
	for (n = 0; conf->screen_argv[n] != NULL; n++)
		;
	hub.screen_argv = xcalloc(n + 1, sizeof *hub.screen_argv);
	for (i = 0; i < n; i++)
		hub.screen_argv[i] = xstrdup(conf->screen_argv[i]);
	uv_poll_init(&loop, &hub.ctlw, hub.ctl);
	hub.ctlw.data = &hub;
	hub.ctl_events = -1;
	watch_ctl(&hub);
	uv_timer_init(&loop, &hub.sweep);
	hub.sweep.data = &hub;
	uv_timer_start(&hub.sweep, on_sweep, SWEEP_MS, SWEEP_MS);
	uv_run(&loop, UV_RUN_DEFAULT);
	/* Stopped: the door is gone and the last session with it. */
	uv_close((uv_handle_t *)&hub.sweep, NULL);
	uv_run(&loop, UV_RUN_DEFAULT);
	uv_loop_close(&loop);
	for (i = 0; i < n; i++)
		free(hub.screen_argv[i]);
	free(hub.screen_argv);
	free(hub.ended);
	ssh_bind_free(hub.bind);
	return 0;
}
