/*
 * ws.h - a minimal RFC 6455 websocket client for the benchmark (issue 7).
 *
 * Only what the load generator needs to talk to the Yjs websocket server:
 * the upgrade request, a check of the 101 reply, masked frames out and
 * the server's unmasked frames in.  No I/O and no allocation: every
 * function fills or reads a buffer the caller owns, so the same code works
 * with blocking sockets and with libuv.  Not thread-safe (the masking keys
 * come from one process-wide generator, reseeded after fork).
 *
 * Not done, on purpose: Sec-WebSocket-Accept is not verified (that needs
 * SHA-1 and the key kept per connection; the benchmark talks to its own
 * server on 127.0.0.1), no extensions are asked for (so no
 * permessage-deflate: payloads, and the markers in them, travel as they
 * are), and fragmented messages are not reassembled (the server sends
 * every message as one frame; see ws_parse).
 */
#ifndef ROUNDTABLE_BENCH_WS_H
#define ROUNDTABLE_BENCH_WS_H

#include <stddef.h>
#include <sys/types.h>

/* Frame opcodes, RFC 6455 section 5.2. */
enum ws_opcode {
	WS_OP_CONT = 0,
	WS_OP_TEXT = 1,
	WS_OP_BINARY = 2,
	WS_OP_CLOSE = 8,
	WS_OP_PING = 9,
	WS_OP_PONG = 10,
};

/* Most bytes ws_frame, ws_pong and ws_close add around a payload. */
#define WS_FRAME_OVERHEAD 14

/* Longest reply header ws_handshake_done waits for before giving up. */
#define WS_HANDSHAKE_MAX 8192

/*
 * Writes the HTTP upgrade request for ws://host:port/path into out, with a
 * fresh random Sec-WebSocket-Key.  path is the document name for the Yjs
 * server ("/bench-1234"); a missing leading '/' is added.  Returns its
 * length (no NUL is counted), or 0 when it does not fit in cap.
 */
size_t	ws_handshake(char *out, size_t cap, const char *host, int port,
	    const char *path);

/*
 * Looks at the first len bytes the server sent after the request.
 * Returns the length of the reply header (through its blank line) when it
 * is a complete "101 Switching Protocols" with "Upgrade: websocket" and a
 * Sec-WebSocket-Accept; the bytes after it are already frames (the Yjs
 * server sends its sync step 1 at once, often in the same read).  Returns
 * 0 while the header is incomplete, -1 when it is anything else (another
 * status, an extension we did not ask for, or no end within
 * WS_HANDSHAKE_MAX bytes): the caller drops the connection.
 */
ssize_t	ws_handshake_done(const char *in, size_t len);

/*
 * Writes p[0..n) as one masked binary frame (FIN set) into out, which must
 * not overlap p.  Returns the frame's length (at most n +
 * WS_FRAME_OVERHEAD), or 0 when it does not fit in cap.
 */
size_t	ws_frame(char *out, size_t cap, const void *p, size_t n);

/*
 * Writes the masked pong that answers a ping whose payload is p[0..n)
 * (n <= 125, as ws_parse guarantees for a ping).  Returns its length, or 0
 * when it does not fit or n > 125.
 */
size_t	ws_pong(char *out, size_t cap, const void *p, size_t n);

/*
 * Writes a masked close frame with the status code (1000 = normal).
 * Returns its length (8), or 0 when it does not fit.
 */
size_t	ws_close(char *out, size_t cap, unsigned code);

/*
 * Parses one server frame at the start of in[0..len).  When it is
 * complete: sets *payload (pointing into in), *plen and *opcode (enum
 * ws_opcode) and returns the frame's whole length, so the caller moves on
 * by that much.  Returns 0 while the frame is incomplete (read more; a
 * frame may be larger than the buffer, which then has to grow), -1 when
 * the bytes are not a valid server frame (masked, reserved bits or
 * opcodes, a control frame over 125 bytes or fragmented, a length over
 * 2^63): the caller drops the connection.  A ping must be answered with
 * ws_pong; a close with ws_close, then the socket closed.  Continuation
 * frames come back as WS_OP_CONT and are not joined to their message.
 */
ssize_t	ws_parse(const char *in, size_t len, const char **payload,
	    size_t *plen, int *opcode);

#endif
