/*
 * sshsession.c - one SSH participant: the process the door starts for each
 * SSH connection.
 *
 * It owns two descriptors: the participant's TCP connection and its way
 * into the room (a socketpair whose other end the server reads like any
 * connection, with the participant's address).  It does the SSH handshake
 * with the room's host key, takes any user name and any authentication
 * (remembering a public key, which is how a person is recognised when they
 * come back), and accepts one session channel.  Then either:
 *
 *   - a shell with a terminal: the participant's screen runs in this
 *     process, on the channel (sshtty.c): the same screen and join flow
 *     as `roundtable join`, talking the same protocol through the
 *     socketpair; or
 *   - the "roundtable" subsystem: `roundtable join` on another machine
 *     speaks the protocol itself, and the channel is relayed to the room.
 *
 * One process per connection keeps a fault in one session away from the
 * room and from everyone else; the handshake and authentication must end
 * within NET_SSH_AUTH_SECONDS, and every write later within
 * NET_SSH_STALL_SECONDS, or the process ends (SIGALRM, or the session's
 * own timeout for a key exchange the client never finishes).
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>

#include <libssh/callbacks.h>
#include <libssh/libssh.h>
#include <libssh/server.h>

#include "roundtable/i18n.h"
#include "roundtable/net.h"
#include "roundtable/text.h"
#include "net-internal.h"

enum mode { MODE_NONE, MODE_SHELL, MODE_PROTOCOL };

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

struct session {
	ssh_session		 s;
	ssh_channel		 ch;
	struct net_ssh_person	 who;
	bool			 authed;
	struct ssh_channel_callbacks_struct *ccb;	/* the channel's, while
					 * it is negotiated */
	bool			 pty;
	int			 mode;
	int			 cols, rows;
	char			 user[64];
	char			 term[64];
	char			 lang[4][64];	/* lang_vars' values, as sent */
	char			*key_id;
};

/* Terminal names come from the client: letters, digits and a few marks. */
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
	keep_name(ss->user, sizeof ss->user, user, "._-");
	return SSH_AUTH_DENIED;
}

static int
auth_password(ssh_session s, const char *user, const char *password,
    void *userdata)
{
	struct session *ss = userdata;

	(void)s;
	(void)password;
	keep_name(ss->user, sizeof ss->user, user, "._-");
	ss->authed = true;
	return SSH_AUTH_SUCCESS;
}

static int
auth_pubkey(ssh_session s, const char *user, struct ssh_key_struct *key,
    char state, void *userdata)
{
	struct session *ss = userdata;

	(void)s;
	keep_name(ss->user, sizeof ss->user, user, "._-");
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
		keep_name(ss->user, sizeof ss->user, ssh_message_auth_user(m),
		    "._-");
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
	(void)s;
	(void)ch;
	(void)command;
	(void)userdata;
	return -1;	/* a room, not a shell */
}

/* This process speaks the person's language from now on, and so does
 * their screen: the first language their ssh sent that we
 * have a catalogue for, else the room's. */
static void
choose_language(struct session *ss, const char *room)
{
	char chain[sizeof ss->lang[0] + 64];
	size_t i;

	ss->who.lang = NULL;
	for (i = 0; i < sizeof ss->lang / sizeof ss->lang[0]; i++)
		if (names_language(ss->lang[i])) {
			ss->who.lang = ss->lang[i];
			break;
		}
	snprintf(chain, sizeof chain, "%s%s%s", ss->who.lang != NULL ?
	    ss->who.lang : "", ss->who.lang != NULL ? ":" : "",
	    room != NULL ? room : "en");
	i18n_set_language(chain);
}

static int
run_shell(struct session *ss, const struct net_ssh_conf *conf)
{
	struct net_ssh_tty *tty;
	char *no_pty;
	int status;

	if (!ss->pty) {
		/* TRANSLATORS: written to an ssh without a terminal; the
		 * \r\n is needed there. */
		no_pty = xasprintf("%s\r\n", _("roundtable: this room needs "
		    "a terminal: connect with ssh -t"));
		chan_write(ss->ch, no_pty, (uint32_t)strlen(no_pty));
		free(no_pty);
		return -1;
	}
	if ((tty = net_ssh_tty_new(ss->s, ss->ch, ss->cols, ss->rows)) == NULL)
		return -1;
	ss->who.user = ss->user[0] != '\0' ? ss->user : NULL;
	ss->who.key_id = ss->key_id;
	ss->who.term = ss->term;
	/* The screen runs here, on the channel: until they leave (q) or
	 * their connection ends. */
	status = conf->screen(conf->ctx, conf->room_fd, &ss->who, tty);
	net_ssh_tty_free(tty);
	alarm(NET_SSH_STALL_SECONDS);	/* the goodbye, as any write */
	ssh_channel_request_send_exit_status(ss->ch, status);
	return 0;
}

int
net_ssh_session(const struct net_ssh_conf *conf)
{
	struct ssh_server_callbacks_struct scb = { 0 };
	struct ssh_channel_callbacks_struct ccb = { 0 };
	struct session ss = { 0 };
	ssh_bind b = ssh_bind_new();
	ssh_event ev = NULL;

	ss.s = ssh_new();
	scb.userdata = &ss;
	scb.auth_none_function = auth_none;
	scb.auth_password_function = auth_password;
	scb.auth_pubkey_function = auth_pubkey;
	scb.channel_open_request_session_function = open_channel;
	ssh_callbacks_init(&scb);
	ccb.userdata = &ss;
	ccb.channel_pty_request_function = pty_request;
	ccb.channel_pty_window_change_function = pty_resize;
	ccb.channel_env_request_function = env_request;
	ccb.channel_shell_request_function = shell_request;
	ccb.channel_subsystem_request_function = subsystem_request;
	ccb.channel_exec_request_function = exec_request;
	ssh_callbacks_init(&ccb);
	ss.ccb = &ccb;
	/* Keystrokes and screen updates are small: no Nagle delay. */
	setsockopt(conf->sock, IPPROTO_TCP, TCP_NODELAY, &(int){ 1 },
	    sizeof(int));
	keep_alive(conf->sock);
	/* The handshake and authentication, whatever the client does. */
	alarm(NET_SSH_AUTH_SECONDS);
	if (b == NULL || ss.s == NULL ||
	    ssh_bind_options_set(b, SSH_BIND_OPTIONS_HOSTKEY,
	    conf->hostkey) != SSH_OK ||
	    ssh_bind_accept_fd(b, ss.s, conf->sock) != SSH_OK)
		goto out;
	/* Whatever libssh waits for on its own later (the client's half of
	 * a new key exchange it started, before a write may go) ends after
	 * this long, as a write the window holds up does (chan_write):
	 * otherwise a client that starts re-keying and stops would keep
	 * the process, and the person present, for ever. */
	ssh_options_set(ss.s, SSH_OPTIONS_TIMEOUT,
	    &(long){ NET_SSH_STALL_SECONDS });
	ssh_set_server_callbacks(ss.s, &scb);
	ssh_set_message_callback(ss.s, on_message, &ss);
	ssh_set_auth_methods(ss.s, SSH_AUTH_METHOD_PUBLICKEY |
	    SSH_AUTH_METHOD_INTERACTIVE | SSH_AUTH_METHOD_PASSWORD);
	if (ssh_handle_key_exchange(ss.s) != SSH_OK ||
	    (ev = ssh_event_new()) == NULL ||
	    ssh_event_add_session(ev, ss.s) != SSH_OK)
		goto out;
	/* Until the channel knows what it is for. */
	while (ss.mode == MODE_NONE) {
		if (ssh_event_dopoll(ev, 1000) == SSH_ERROR ||
		    !ssh_is_connected(ss.s))
			goto out;
	}
	alarm(0);
	chan_write_limit(NET_SSH_STALL_SECONDS);
	ssh_event_remove_session(ev, ss.s);
	ssh_remove_channel_callbacks(ss.ch, &ccb);
	choose_language(&ss, conf->lang);
	if (ss.mode == MODE_SHELL)
		run_shell(&ss, conf);
	else
		net_relay(ss.s, ss.ch, conf->room_fd, NULL, NULL);
	alarm(NET_SSH_STALL_SECONDS);
	ssh_channel_send_eof(ss.ch);
	ssh_channel_close(ss.ch);
out:
	if (ev != NULL)
		ssh_event_free(ev);
	if (ss.ch != NULL)
		ssh_channel_free(ss.ch);
	if (ss.s != NULL) {
		ssh_disconnect(ss.s);
		ssh_free(ss.s);
	}
	if (b != NULL)
		ssh_bind_free(b);
	free(ss.key_id);
	return 0;
}
