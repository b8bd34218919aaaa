/*
 * yjs.h - the y-websocket messages the benchmark sends (issue 7).
 *
 * The Yjs websocket server (@y/websocket-server 0.1.1, yjs 13.6.33) speaks
 * y-protocols' sync protocol inside binary websocket messages, each one
 * [varuint message type][...] in lib0's encoding:
 *   sync step 1   0 0 varbytes(state vector)
 *   sync step 2   0 1 varbytes(update: everything the other side lacks)
 *   update        0 2 varbytes(update)
 * (type 1 is awareness, which the benchmark does not use).  The functions
 * below write a message body; wrap it with ws_frame before sending.
 *
 * The shared document is one Y.Array named "room" (YJS_ROOT) holding one
 * string per contribution.  Each client appends after its own previous
 * element, so every client id must start at clock 0 on a fresh document
 * and go up by yjs_clock_step per update, with no gaps: an update whose
 * left neighbour the server has not seen waits in Yjs' pending store and
 * is relayed to nobody.  Client ids must also differ between senders in
 * one document (any uint32 will do; 0 is fine).
 *
 * The server applies each update to its copy of the document and relays
 * the update it re-encodes from the transaction to every connection on
 * that document, the sender included, as the same "0 2 varbytes" message;
 * for these appends it is byte for byte the message that was sent, so
 * the text's bytes (and the marker in it) arrive unchanged.
 */
#ifndef ROUNDTABLE_BENCH_YJS_H
#define ROUNDTABLE_BENCH_YJS_H

#include <stddef.h>
#include <stdint.h>

#define YJS_ROOT "room"

/* Most bytes yjs_update adds around the text's bytes. */
#define YJS_UPDATE_OVERHEAD 48

/*
 * Writes a sync step 1 with an empty state vector: the server answers
 * with a sync step 2 holding the whole document (and with the updates
 * that follow, as to every connection).  Returns its length (4), or 0
 * when it does not fit in cap.
 */
size_t	yjs_sync_step1(char *out, size_t cap);

/*
 * Writes an update message that appends the string text (NUL-terminated,
 * valid UTF-8: Yjs re-encodes it through a JavaScript string, so any
 * other bytes would come back changed) to the array "room" as client
 * client at clock clock.  At clock 0 the element goes at the start of the
 * array; after that it goes right after (client, clock - 1).  Returns its
 * length (at most strlen(text) + YJS_UPDATE_OVERHEAD), or 0 when it does
 * not fit in cap.
 */
size_t	yjs_update(char *out, size_t cap, uint32_t client, uint32_t clock,
	    const char *text);

/*
 * How far an update with this text moves its client's clock: one per
 * array element, so always 1 here (it would be the UTF-16 length for a
 * Y.Text).  Callers add it rather than assume it.
 */
uint32_t yjs_clock_step(const char *text);

#endif
