/*
 * net-internal.h - what the files of src/net/ share and nothing else sees:
 * the native client's SSH tunnel (sshclient.c), used by client.c.
 */
#ifndef ROUNDTABLE_NET_INTERNAL_H
#define ROUNDTABLE_NET_INTERNAL_H

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

#endif
