/*
 * net.h - the libuv server and client.
 *
 * The server owns the authoritative workshop.  Every intent, from the
 * network or from the facilitator's own screen, goes one way: check, append
 * to the journal, commit, then - only after the journal is synced (group
 * commit, off the loop thread) - ack and broadcast, filtered per recipient.
 * The client keeps a replica fed by the server's events, re-connects on its
 * own and re-sends what was not acknowledged; the server applies a re-sent
 * intent once.
 *
 * Knows the model, the codec and the journal; nothing of curses.
 */
#ifndef ROUNDTABLE_NET_H
#define ROUNDTABLE_NET_H

#include <stdbool.h>
#include <stdint.h>
#include <uv.h>

#include "journal.h"
#include "model.h"

#define NET_DEFAULT_PORT	7420
#define NET_QUEUE_MAX		(32u * 1024 * 1024)	/* bytes queued per client */
#define NET_HEARTBEAT_MS	5000
#define NET_DEAD_MS		15000
#define NET_RETRY_MS		2000
#define NET_RESUME_EVENTS	4096	/* events kept for clients that come
					 * back: fewer missed, no snapshot */
/* ... and at most this many bytes of them (the kept copies, texts and
 * all).  4096 ordinary events take well under 1 MiB, so this bounds only
 * a room flooded with long texts; a client that missed more than this
 * is served as well by a snapshot. */
#define NET_RESUME_BYTES	(4u * 1024 * 1024)

/* --- server ------------------------------------------------------------- */

struct server;
struct i18n_format;

/* The sentences with arguments that the room sends people, in English,
 * for i18n_from_wire() where they are shown (NULL-terminated). */
extern const struct i18n_format *const net_words[];

struct server_hooks {
	/* Something the screen shows changed (events released, presence). */
	void	(*changed)(void *ctx);
	/* An event became durable (after its sync); for logs. */
	void	(*event)(void *ctx, const struct event *);
	/* The record stopped being writable: changes are refused. */
	void	(*refused)(void *ctx, const char *why);
	/* It can be written again (after refused); may be NULL. */
	void	(*recovered)(void *ctx);
	/* A line for the log (a dropped connection and why); may be NULL. */
	void	(*log)(void *ctx, const char *line);
	/* Someone came into the room or left it (their last connection
	 * ended); may be NULL. */
	void	(*presence)(void *ctx, uint32_t who, bool present);
};

/* ws and j stay the caller's and must outlive the server. */
struct server	*server_new(uv_loop_t *, struct workshop *ws, struct journal *j,
		    const struct server_hooks *, void *ctx);
/* Listens on addr:port (IPv4 or IPv6 literal).  Returns 0 or -1 with a
 * message in err.  port 0 picks a free port; server_port() tells it. */
int		 server_listen(struct server *, const char *addr, int port,
		    char *err, size_t errlen);
int		 server_port(const struct server *);
/* Takes a connected stream socket (one end of a socketpair: an SSH
 * session's way into the room) as a new connection from peer, an address
 * for the guessing limit.  Owns fd from then on.  Returns 0 or -1. */
int		 server_adopt(struct server *, int fd, const char *peer);
/* Would server_adopt take one more from peer (not too many waiting from
 * that address), when the door has live sessions from it in the hub? */
bool		 server_may_adopt(const struct server *, const char *peer,
		    size_t live);

/*
 * Checks, journals and commits an intent from actor (the serving terminal
 * or the server itself).  Returns 0, or -1 with err filled; the event is
 * broadcast once synced.  Used before the loop runs too (opening a room):
 * server_flush() then waits for the sync.
 */
int		 server_submit(struct server *, uint32_t actor,
		    const struct intent *, struct model_error *err);
/* Syncs the journal now, on this thread, and releases what waited. */
int		 server_flush(struct server *);

/* The room is closing: tells every connection so (REFUSE_CLOSED with why,
 * after what was already queued for it) and hangs up once that is
 * written; stops listening, reads nothing more, and tells anyone who
 * comes meanwhile the same.  Returns how many connections are still
 * open (server_connections() tells later); then server_close(). */
size_t		 server_farewell(struct server *, const char *why);
size_t		 server_connections(const struct server *);

/* Closes every connection and handle; the loop ends once they are closed
 * and a sync under way has returned (server_closed() tells).  Then
 * server_free(). */
void		 server_close(struct server *);
bool		 server_closed(const struct server *);
void		 server_free(struct server *);

/* --- client ------------------------------------------------------------- */

struct client;

struct client_hooks {
	/* Joined (or re-joined): the replica is new; ws is the client's. */
	void	(*welcome)(void *ctx, const struct workshop *ws, uint32_t self);
	/* The replica changed. */
	void	(*changed)(void *ctx);
	/* The code was accepted; name and group are needed.  groups is
	 * NULL-terminated and lives only during the call. */
	void	(*lobby)(void *ctx, const char *title,
		    const char *const *groups);
	/* The server said no (enum refuse_code and its sentence). */
	void	(*refused)(void *ctx, int code, const char *why);
	/* Connection state for the status line, NULL when connected. */
	void	(*status)(void *ctx, const char *status);
	/* An intent of ours was refused. */
	void	(*error)(void *ctx, const char *why);
	/* Connected, about to say hello: room_key is the room's SSH key
	 * fingerprint (its identity), or NULL over a plain connection.
	 * Returns a resume token kept for this room (malloc'd; the client
	 * takes it; *claim as for client_resume), or NULL.  May be NULL. */
	char	*(*connected)(void *ctx, const char *room_key, bool *claim);
	/* First contact over SSH: keep this key; it is the only one taken
	 * from now on (trust on first use).  May be NULL. */
	void	(*pinned)(void *ctx, const char *fingerprint);
	/* The room told its time (a welcome, a heartbeat): its clock minus
	 * ours, in milliseconds.  May be NULL. */
	void	(*clock)(void *ctx, int64_t offset_ms);
};

/* How a client reaches the room. */
enum client_transport {
	CLIENT_PLAIN = 0,	/* TCP, clear text: loopback, tools, tests */
	CLIENT_SSH,		/* the protocol in an SSH channel */
	CLIENT_FD,		/* a connected socket given (an SSH screen) */
};

/* Endings of the client's own, given to the refused hook. */
enum {
	CLIENT_KEY_CHANGED = 100,	/* the room's key is not the pinned one */
	CLIENT_ENDED = 101,		/* CLIENT_FD's connection ended */
};

struct client_identity {
	const char	*code;
	const char	*name;		/* NULL: ask */
	const char	*group;		/* NULL: ask */
	const char	*token;		/* resume token kept from before, or NULL */
	const char	*fac_code;	/* joining as co-facilitator, or NULL */
	bool		 observer;
	int		 transport;	/* enum client_transport */
	int		 fd;		/* CLIENT_FD: the socket (owned) */
	const char	*pinned;	/* CLIENT_SSH: the key to expect, or NULL */
	bool		 claim;		/* the token was kept for the name */
};

struct client	*client_new(uv_loop_t *, const char *host, int port,
		    const struct client_identity *,
		    const struct client_hooks *, void *ctx);
/* Changes what the next hello says (answers to the lobby or a refusal)
 * and says hello again. NULL keeps a field. */
void		 client_retry(struct client *, const char *code,
		    const char *name, const char *group);
/* Says hello again with a resume token kept from before; claim: the SSH
 * door kept it for the name typed (it opens only with the join code, and
 * only while that person is away). */
void		 client_resume(struct client *, const char *token, bool claim);
/* Sends an intent (copied); it is re-sent after a reconnect until the
 * server acknowledges it. */
void		 client_send(struct client *, const struct intent *);
const struct workshop *client_room(const struct client *);
uint32_t	 client_self(const struct client *);
/* The resume token the room gave us, or NULL before the welcome. */
const char	*client_token(const struct client *);
void		 client_close(struct client *);
void		 client_free(struct client *);

/* --- SSH: the room's front door ---------------------------------------- */

/* What a screen says when its connection ended without a word from the
 * room (the room's computer failed, the network went): not that the
 * facilitator closed the room. */
#define NET_LOST	N_("the connection to the room was lost; to come " \
			    "back, connect again the same way")
#define NET_SSH_DEFAULT_PORT	7422
#define NET_SSH_SUBSYSTEM	"roundtable"	/* the protocol in a channel */
#define NET_SSH_AUTH_SECONDS	30	/* handshake and authentication */
#define NET_SSH_STALL_SECONDS	60	/* a session whose person's ssh takes
					 * none of what it writes for this
					 * long ends (their window and TCP
					 * both full: asleep, gone, frozen) */
/* A window size past these is cut: a screen's memory grows with it (a
 * screen of 1000 x 500 took 47 MB, before the join code), and a window
 * on a 4K display in a small font is about 480 x 135. */
#define NET_SSH_COLS_MAX	400
#define NET_SSH_ROWS_MAX	150
#define NET_SSH_SESSIONS_MAX	2048	/* sessions in the hubs at once */
#define NET_SSH_HUBS		4	/* processes that do the SSH: a fault
					 * in one drops a share of the SSH
					 * connections, not all */

struct ssh_key_struct;
struct ssh_session_struct;
struct net_ssh_tty;
struct ssh_channel_struct;

/* Reads the room's host key at path, making it first if there is none
 * (Ed25519, mode 0600).  Fills *fingerprint ("SHA256:...", malloc'd) and
 * warn ("" or a sentence).  Returns 0 or -1 with err filled. */
int		 net_hostkey_open(const char *path, char **fingerprint,
		    char *warn, size_t warnlen, char *err, size_t errlen);
/* A key's fingerprint as OpenSSH prints it, or its SHA-256 in hex (for
 * file names); malloc'd, or NULL. */
char		*net_key_fingerprint(struct ssh_key_struct *);
char		*net_key_id(struct ssh_key_struct *);

/* Who came in through the door, for the participant's screen. */
struct net_ssh_person {
	const char	*user;		/* the SSH user name, cleaned, or NULL */
	const char	*key_id;	/* their public key's id, or NULL */
	const char	*term;		/* the terminal's name, cleaned */
	const char	*lang;		/* the language the client sent
					 * (LANGUAGE, LC_ALL, LC_MESSAGES or
					 * LANG, the first naming one, never
					 * C), cleaned, or NULL */
};

/*
 * A hub (sshhub.c): the SSH of many connections of the room, in one
 * process the door starts (NET_SSH_HUBS of them).  ctl is the door's
 * socket (SOCK_SEQPACKET): each message from the door is a struct
 * net_ssh_handoff with two descriptors, the connection and its way into
 * the room; the hub answers with the id alone once that session is
 * over.  A shell's screen runs the command screen_argv with descriptor 3
 * its link (below) and 4 its way into the room.  Returns the exit status
 * once the door is gone and the last session has ended.
 */
struct net_ssh_handoff {
	uint32_t	 id;
};

struct net_ssh_hub_conf {
	int		 ctl;
	const char	*hostkey;	/* path of the room's host key */
	const char *const *screen_argv;
};
int		 net_ssh_hub(const struct net_ssh_hub_conf *);

/*
 * An SSH participant's terminal (sshtty.c), in their screen's process, on
 * the link to the hub: each message a type, two bytes of length and the
 * payload.  NET_LINK_PERSON comes first: columns and rows (two bytes
 * each), then user, key id, terminal and language, each ending in a NUL
 * (empty: none).  Then NET_LINK_KEYS (what they type) and NET_LINK_SIZE
 * (columns, rows).  What the screen writes goes back as it is.
 */
#define NET_LINK_HEADER	3
#define NET_LINK_PERSON	'P'
#define NET_LINK_KEYS	'K'
#define NET_LINK_SIZE	'W'

/* Reads who the person is from the link; NULL if it does not come. */
struct net_ssh_tty	*net_ssh_tty_open(int link);
void		 net_ssh_tty_free(struct net_ssh_tty *);
const struct net_ssh_person *net_ssh_tty_person(const struct net_ssh_tty *);
/* What the person types, to read (a pipe: not a terminal). */
int		 net_ssh_tty_keys(const struct net_ssh_tty *);
/* The terminal's size, as the client last said it. */
void		 net_ssh_tty_size(const struct net_ssh_tty *, int *cols,
		    int *rows);
/* To the person's terminal, all of it (blocking). */
void		 net_ssh_tty_write(struct net_ssh_tty *, const char *,
		    size_t);
/* The last words, after the screen. */
void		 net_ssh_tty_say(struct net_ssh_tty *, const char *);
/* Watches the link on loop until net_ssh_tty_stop (then run the loop
 * once more: handles close): resized(ctx, cols, rows) on a window
 * change, gone(ctx) once when the link ends. */
int		 net_ssh_tty_start(struct net_ssh_tty *, uv_loop_t *,
		    void (*resized)(void *, int, int), void (*gone)(void *),
		    void *ctx);
void		 net_ssh_tty_stop(struct net_ssh_tty *);

/*
 * The door listens for SSH and starts the hubs, the command argv (argv[0]
 * the program) with its socket as descriptor 3 (net_ssh_hub); it hands
 * a hub each connection with its way into the room, and the server
 * adopts the other end with the connection's address.  The hub ends a
 * session that does not finish its handshake in time; until it has said
 * hello it counts among the server's pending joins.
 */
struct door;

struct door	*door_new(uv_loop_t *, struct server *,
		    const char *const *argv);
int		 door_listen(struct door *, const char *addr, int port,
		    char *err, size_t errlen);
int		 door_port(const struct door *);
/* Sessions still in the hubs (a person's screen saying goodbye). */
size_t		 door_sessions(const struct door *);
/* Stops listening and lets the hubs go: each ends its handshakes, says
 * goodbye to the others as the room closes their way in, then ends;
 * door_closed() tells when the handles are closed, then door_free(). */
void		 door_close(struct door *);
bool		 door_closed(const struct door *);
void		 door_free(struct door *);

/* --- helpers ------------------------------------------------------------ */

/* "HOST", "HOST:PORT", "[V6]" or "[V6]:PORT" into host and port (0 when
 * none is given).  Returns
 * 0 or -1. */
int		 net_parse_hostport(const char *s, char *host, size_t hostlen,
		    int *port);
/* A random, easy-to-read join code such as "KXM-47P" into out (>= 8). */
void		 net_make_code(char *out, size_t outlen);
/* The wall clock in milliseconds since the epoch: the server's time, sent
 * in welcomes and pings so screens count a timebox in it. */
int64_t		 net_now_ms(void);
/* A random resume token: 32 hex digits (128 bits) into out (>= 33). */
void		 net_make_token(char *out, size_t outlen);
/* The lines that tell people how to join, one per LAN address: over SSH
 * ("ssh -p 7422 192.168.1.20   or: roundtable join 192.168.1.20:7422
 * --code KXM-47P"), or else with the plain protocol; loopback only when
 * there is nothing else.  Returns a malloc'd, NULL-terminated array (free
 * each, then it). */
char		**net_join_lines(const char *bind, int port, const char *code,
		    bool ssh);

#endif
