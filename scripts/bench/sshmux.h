/*
 * sshmux.h - the load generator's SSH connections, relayed by one thread.
 */
#ifndef BENCH_SSHMUX_H
#define BENCH_SSHMUX_H

#include <uv.h>

/*
 * Opens an SSH connection to host:port and its "roundtable" subsystem, as
 * `roundtable join` does, on a thread of its own; then the relay thread
 * (one for all connections) carries the channel to a socketpair.  done
 * runs on loop with the loop's end of it, or -1 and why.
 */
int	sshmux_open(uv_loop_t *, const char *host, int port,
	    void (*done)(int fd, const char *why, void *ctx), void *ctx);

#endif
