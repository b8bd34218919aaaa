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
};

/* ws and j stay the caller's and must outlive the server. */
struct server	*server_new(uv_loop_t *, struct workshop *ws, struct journal *j,
		    const struct server_hooks *, void *ctx);
/* Listens on addr:port (IPv4 or IPv6 literal).  Returns 0 or -1 with a
 * message in err.  port 0 picks a free port; server_port() tells it. */
int		 server_listen(struct server *, const char *addr, int port,
		    char *err, size_t errlen);
int		 server_port(const struct server *);

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
};

struct client_identity {
	const char	*code;
	const char	*name;		/* NULL: ask */
	const char	*group;		/* NULL: ask */
	const char	*token;		/* resume token kept from before, or NULL */
	const char	*fac_code;	/* joining as co-facilitator, or NULL */
	bool		 observer;
};

struct client	*client_new(uv_loop_t *, const char *host, int port,
		    const struct client_identity *,
		    const struct client_hooks *, void *ctx);
/* Changes what the next hello says (answers to the lobby or a refusal)
 * and says hello again. NULL keeps a field. */
void		 client_retry(struct client *, const char *code,
		    const char *name, const char *group);
/* Says hello again with a resume token kept from before. */
void		 client_resume(struct client *, const char *token);
/* Sends an intent (copied); it is re-sent after a reconnect until the
 * server acknowledges it. */
void		 client_send(struct client *, const struct intent *);
const struct workshop *client_room(const struct client *);
uint32_t	 client_self(const struct client *);
/* The resume token the room gave us, or NULL before the welcome. */
const char	*client_token(const struct client *);
void		 client_close(struct client *);
void		 client_free(struct client *);

/* --- helpers ------------------------------------------------------------ */

/* "HOST", "HOST:PORT", "[V6]" or "[V6]:PORT" into host and port.  Returns
 * 0 or -1. */
int		 net_parse_hostport(const char *s, char *host, size_t hostlen,
		    int *port);
/* A random, easy-to-read join code such as "KXM-47P" into out (>= 8). */
void		 net_make_code(char *out, size_t outlen);
/* A random resume token: 32 hex digits (128 bits) into out (>= 33). */
void		 net_make_token(char *out, size_t outlen);
/* The lines that tell people how to join, one per LAN address
 * ("roundtable join 192.168.1.20:7420 --code KXM-47P"); loopback only
 * when there is nothing else.  Returns a malloc'd, NULL-terminated array
 * (free each, then it). */
char		**net_join_lines(const char *bind, int port, const char *code);

#endif
