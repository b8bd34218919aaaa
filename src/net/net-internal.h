/*
 * net-internal.h - what the files of src/net/ share and nothing else sees:
 * the native client's SSH tunnel (sshclient.c), used by client.c, and
 * what an SSH channel brings on its way to a descriptor (sshrelay.c),
 * used by the relay and by an SSH participant's terminal (sshtty.c).
 */
#ifndef ROUNDTABLE_NET_INTERNAL_H
#define ROUNDTABLE_NET_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <uv.h>

enum tunnel_status {
	TUNNEL_CONNECTING = 0,
	TUNNEL_UP,
	TUNNEL_FAILED,		/* tunnel_error() says why */
	TUNNEL_KEY_CHANGED,	/* the room's key is not the pinned one */
};

struct tunnel;

/* Connects to host:port over SSH on a thread of its own; pinned is the
 * fingerprint the room must show (NULL: any, trust on first use).  done
 * runs on the loop once the tunnel is up or has failed. */
struct tunnel	*tunnel_start(uv_loop_t *, const char *host, int port,
		    const char *pinned, void (*done)(struct tunnel *, void *),
		    void *ctx);
int		 tunnel_status(const struct tunnel *);
/* The loop's end of the tunnel, once up: the caller owns it. */
int		 tunnel_take_fd(struct tunnel *);
const char	*tunnel_fingerprint(const struct tunnel *);	/* or NULL */
const char	*tunnel_error(const struct tunnel *);
/* The loop is done with it (its handle closes; the thread ends on its own
 * and is joined by a later tunnel_start or tunnel_join_all). */
void		 tunnel_release(struct tunnel *);
/* Waits for every tunnel thread: before the process leaves. */
void		 tunnel_join_all(void);
/* Authenticates a connected session with the first method the room
 * takes (it takes any); 0 or -1. */
struct ssh_session_struct;
int		 tunnel_authenticate(struct ssh_session_struct *);

struct ssh_channel_struct;

/*
 * Bytes a channel brought that a non-blocking descriptor has not taken
 * yet, at most cap: past that they wait in libssh, whose window stops the
 * peer.  Once the descriptor fails (its reader is gone) what comes is
 * dropped.
 */
struct chan_hold {
	int		 fd;
	uint8_t		*buf;
	size_t		 n, cap;
	bool		 fd_done;
	bool		 kept;		/* libssh may hold channel data that
					 * the hold did not take */
};

void		 chan_hold_init(struct chan_hold *, int fd, size_t cap);
void		 chan_hold_free(struct chan_hold *);
/* A channel data callback's bytes: returns how many it took. */
uint32_t	 chan_hold_take(struct chan_hold *, const void *, uint32_t);
/* To the descriptor, as much as it takes now. */
void		 chan_hold_put(struct chan_hold *);
/* What libssh kept while the hold was full: no callback comes for it
 * until the peer sends more. */
void		 chan_hold_pull(struct chan_hold *, struct ssh_channel_struct *);

/* Moves bytes between the channel and fd (made non-blocking) until either
 * ends: the native client's tunnel (sshclient.c).  Returns 0, or -1 if it
 * could not start. */
int		 net_relay(struct ssh_session_struct *,
		    struct ssh_channel_struct *, int fd);

#endif
