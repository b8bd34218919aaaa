/*
 * yjs.c - the y-websocket messages the benchmark sends (issue 7).
 *
 * The layouts follow, in node_modules after scripts/bench/yjs/start:
 * y-protocols/sync.js (message types), yjs/src/structs/Item.js write()
 * and ContentAny.js write() with yjs/src/utils/UpdateEncoder.js's
 * UpdateEncoderV1 (the update), lib0/encoding.js (varuint: 7 bits a byte,
 * low first, high bit = more; varstring = varuint byte length + UTF-8;
 * writeAny tags a string with 119).  An update is
 *   varuint 1 (clients)  varuint 1 (structs)  varuint client  varuint clock
 *   info  (clock 0:  varuint 1 varstring "room"   -- parent is a root type
 *          else:     varuint client varuint clock-1 -- left origin)
 *   varuint 1 (elements)  119 varstring text
 *   varuint 0 (delete set: no clients)
 * where info is 8 (ContentAny) | 0x80 when a left origin follows.
 */
#include <assert.h>
#include <string.h>

#include "yjs.h"

#define YJS_MSG_SYNC	0	/* y-websocket message type */
#define YJS_SYNC_STEP1	0	/* y-protocols sync message types */
#define YJS_SYNC_STEP2	1
#define YJS_SYNC_UPDATE	2
#define YJS_CONTENT_ANY	8	/* Item content ref */
#define YJS_HAS_ORIGIN	0x80	/* Item info bit: a left origin follows */
#define YJS_ANY_STRING	119	/* lib0 writeAny tag */

/* Bytes of x as a lib0 varuint. */
static size_t
yjs_varuint_len(uint64_t x)
{
	size_t n = 1;

	while (x >= 0x80) {
		x >>= 7;
		n++;
	}
	return n;
}

static unsigned char *
yjs_put_varuint(unsigned char *o, uint64_t x)
{
	while (x >= 0x80) {
		*o++ = (unsigned char)(0x80 | (x & 0x7f));
		x >>= 7;
	}
	*o++ = (unsigned char)x;
	return o;
}

size_t
yjs_sync_step1(char *out, size_t cap)
{
	static const unsigned char msg[] = {
		YJS_MSG_SYNC, YJS_SYNC_STEP1,
		1, 0	/* varbytes: one byte, an empty state vector */
	};

	if (cap < sizeof msg)
		return 0;
	memcpy(out, msg, sizeof msg);
	return sizeof msg;
}

size_t
yjs_update(char *out, size_t cap, uint32_t client, uint32_t clock,
    const char *text)
{
	size_t tlen = strlen(text), ulen, mlen;
	unsigned char *o = (unsigned char *)out;

	ulen = 1 + 1 + yjs_varuint_len(client) + yjs_varuint_len(clock) + 1;
	if (clock == 0)
		ulen += 1 + yjs_varuint_len(strlen(YJS_ROOT)) + strlen(YJS_ROOT);
	else
		ulen += yjs_varuint_len(client) + yjs_varuint_len(clock - 1);
	ulen += 1 + 1 + yjs_varuint_len(tlen) + tlen + 1;
	mlen = 2 + yjs_varuint_len(ulen) + ulen;
	if (tlen > cap || mlen > cap)
		return 0;

	*o++ = YJS_MSG_SYNC;
	*o++ = YJS_SYNC_UPDATE;
	o = yjs_put_varuint(o, ulen);
	o = yjs_put_varuint(o, 1);
	o = yjs_put_varuint(o, 1);
	o = yjs_put_varuint(o, client);
	o = yjs_put_varuint(o, clock);
	if (clock == 0) {
		*o++ = YJS_CONTENT_ANY;
		o = yjs_put_varuint(o, 1);	/* parent is a root type's key */
		o = yjs_put_varuint(o, strlen(YJS_ROOT));
		memcpy(o, YJS_ROOT, strlen(YJS_ROOT));
		o += strlen(YJS_ROOT);
	} else {
		*o++ = YJS_CONTENT_ANY | YJS_HAS_ORIGIN;
		o = yjs_put_varuint(o, client);
		o = yjs_put_varuint(o, clock - 1);
	}
	o = yjs_put_varuint(o, 1);
	*o++ = YJS_ANY_STRING;
	o = yjs_put_varuint(o, tlen);
	memcpy(o, text, tlen);
	o += tlen;
	*o++ = 0;
	assert((size_t)(o - (unsigned char *)out) == mlen);
	return mlen;
}

uint32_t
yjs_clock_step(const char *text)
{
	(void)text;
	return 1;
}
